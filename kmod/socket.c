// SPDX-License-Identifier: GPL-2.0
/*
 * UDP sockets: kernel sockets with an encap_rcv hook, so datagrams are
 * handled in softirq without a trip through a socket queue, and replies
 * routed and sent back from the address and port they arrived on.
 */

#include "socket.h"
#include "messages.h"
#include "rmcp.h"
#include "server.h"

#include <linux/if_packet.h>
#include <linux/ip.h>
#include <linux/net.h>
#include <linux/percpu.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/udp.h>
#include <net/ip.h>
#include <net/ipv6.h>
#include <net/ipv6_stubs.h>
#include <net/route.h>
#include <net/udp_tunnel.h>

static void endpoint_from_skb(struct ipmi_lan_endpoint *ep,
			      const struct sk_buff *skb)
{
	const struct udphdr *uh = udp_hdr(skb);
	bool to_us = skb->pkt_type == PACKET_HOST;

	memset(ep, 0, sizeof(*ep));
	ep->ifindex = skb->skb_iif;
	if (skb->protocol == htons(ETH_P_IP)) {
		ep->addr4.sin_family = AF_INET;
		ep->addr4.sin_port = uh->source;
		ep->addr4.sin_addr.s_addr = ip_hdr(skb)->saddr;
		/* A broadcast ping is answered from a unicast address. */
		ep->local4 = to_us ? ip_hdr(skb)->daddr : 0;
	} else {
		ep->addr6.sin6_family = AF_INET6;
		ep->addr6.sin6_port = uh->source;
		ep->addr6.sin6_addr = ipv6_hdr(skb)->saddr;
		ep->addr6.sin6_scope_id =
			ipv6_iface_scope_id(&ipv6_hdr(skb)->saddr, skb->skb_iif);
		if (to_us)
			ep->local6 = ipv6_hdr(skb)->daddr;
	}
}

/*
 * A per-CPU buffer for softirq, where a decrypted payload is handled.
 * kmalloc'ed, so it can go into a scatterlist; wiped after every use.
 */
static DEFINE_PER_CPU(u8 *, rx_scratch);

static const char * const drop_names[__IPMI_LAN_DROP_LAST] = {
	[IPMI_LAN_DROP_TRUNCATED] = "truncated",
	[IPMI_LAN_DROP_OVERSIZE] = "oversize",
	[IPMI_LAN_DROP_RMCP_HEADER] = "bad RMCP header",
	[IPMI_LAN_DROP_ASF] = "unsupported ASF message",
	[IPMI_LAN_DROP_SESSION_HEADER] = "bad session header",
	[IPMI_LAN_DROP_MSG_HEADER] = "bad IPMI message",
	[IPMI_LAN_DROP_CHECKSUM] = "bad checksum",
	[IPMI_LAN_DROP_UNKNOWN_SESSION] = "unknown session",
	[IPMI_LAN_DROP_NOT_ALLOWED] = "not allowed outside a session",
	[IPMI_LAN_DROP_NOMEM] = "no memory",
	[IPMI_LAN_DROP_TX_ERROR] = "reply not routed",
	[IPMI_LAN_DROP_RATELIMITED] = "rate limited",
	[IPMI_LAN_DROP_WINDOW] = "outside the sequence window",
	[IPMI_LAN_DROP_INTEGRITY] = "bad integrity check",
	[IPMI_LAN_DROP_PAD] = "bad pad",
	[IPMI_LAN_DROP_DOWNGRADE] = "flags do not match the cipher suite",
	[IPMI_LAN_DROP_STATE] = "not allowed in this session state",
	[IPMI_LAN_DROP_BUSY] = "no room for a pending session",
	[IPMI_LAN_DROP_SOURCE] = "handshake message from another address",
	[IPMI_LAN_DROP_CRYPTO] = "cryptographic operation failed",
};

/* Softirq: handles a datagram; any answer is sent by the layer above. */
static void handle_datagram(struct ipmi_lan_rx *rx, const u8 *data,
			    unsigned int len)
{
	int ret;

	rx->scratch = this_cpu_read(rx_scratch);
	ret = ipmi_lan_rmcp_handle(rx, data, len);
	if (ret != RX_ACCEPTED) {
		ipmi_lan_count_drop(rx->srv, ret);
		net_dbg_ratelimited("%pISpc: dropped %u bytes: %s\n",
				    &rx->ep.addr, len, drop_names[ret]);
	}
}

/*
 * Called by UDP for every datagram on our sockets, in softirq with the RCU
 * read lock held and the UDP checksum verified. Always consumes the skb.
 */
static int ipmi_lan_encap_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct ipmi_lan_rx rx;
	unsigned int off, len;
	struct udphdr *uh;

	rx.srv = rcu_dereference_sk_user_data(sk);
	if (unlikely(!rx.srv))
		goto out;

	uh = udp_hdr(skb);
	off = skb_transport_offset(skb) + sizeof(*uh);
	len = ntohs(uh->len);
	if (unlikely(len < sizeof(*uh) || off - sizeof(*uh) + len > skb->len)) {
		ipmi_lan_count_rx(rx.srv, 0);
		ipmi_lan_count_drop(rx.srv, IPMI_LAN_DROP_TRUNCATED);
		goto out;
	}
	len -= sizeof(*uh);
	ipmi_lan_count_rx(rx.srv, len);
	if (unlikely(len > MAX_DATAGRAM_LEN)) {
		ipmi_lan_count_drop(rx.srv, IPMI_LAN_DROP_OVERSIZE);
		goto out;
	}
	if (unlikely(!uh->source)) {
		ipmi_lan_count_drop(rx.srv, IPMI_LAN_DROP_RMCP_HEADER);
		goto out;
	}
	if (unlikely(!pskb_may_pull(skb, off + len))) {
		ipmi_lan_count_drop(rx.srv, IPMI_LAN_DROP_NOMEM);
		goto out;
	}
	endpoint_from_skb(&rx.ep, skb);
	handle_datagram(&rx, skb->data + off, len);
out:
	consume_skb(skb);
	return 0;
}

static int open_one(struct ipmi_lan_server *srv, struct udp_port_cfg *port,
		    struct socket **out)
{
	struct udp_tunnel_sock_cfg cfg = {
		.sk_user_data = srv,
		.encap_type = 1,
		.encap_rcv = ipmi_lan_encap_rcv,
	};
	struct socket *sock;
	int ret;

	ret = udp_sock_create(srv->net, port, &sock);
	if (ret < 0)
		return ret;
	setup_udp_tunnel_sock(srv->net, sock, &cfg);
	*out = sock;
	return 0;
}

/* Binds the sockets a configuration asks for; installs nothing. */
int ipmi_lan_socket_open(struct ipmi_lan_server *srv,
			 const struct ipmi_lan_config *config,
			 struct socket **sock4, struct socket **sock6)
{
	struct udp_port_cfg port;
	int ret;

	*sock4 = NULL;
	*sock6 = NULL;
	if (config->listen.v4) {
		memset(&port, 0, sizeof(port));
		port.family = AF_INET;
		port.local_ip.s_addr = config->listen.addr4;
		port.local_udp_port = htons(config->port);
		ret = open_one(srv, &port, sock4);
		if (ret < 0)
			return ret;
	}
	if (config->listen.v6) {
		if (!IS_ENABLED(CONFIG_IPV6)) {
			ret = -EAFNOSUPPORT;
			goto err;
		}
		memset(&port, 0, sizeof(port));
		port.family = AF_INET6;
		port.local_ip6 = config->listen.addr6;
		port.local_udp_port = htons(config->port);
		port.ipv6_v6only = 1;
		ret = open_one(srv, &port, sock6);
		if (ret < 0)
			goto err;
	}
	return 0;
err:
	if (*sock4)
		udp_tunnel_sock_release(*sock4);
	*sock4 = NULL;
	return ret;
}

/* Publishes new sockets; the caller holds srv->lock and closed the old. */
void ipmi_lan_socket_install(struct ipmi_lan_server *srv,
			     struct socket *sock4, struct socket *sock6)
{
	lockdep_assert_held(&srv->lock);
	rcu_assign_pointer(srv->sock4, sock4);
	rcu_assign_pointer(srv->sock6, sock6);
}

/* Unpublishes and releases the sockets; waits for readers to finish. */
void ipmi_lan_socket_close(struct ipmi_lan_server *srv)
{
	struct socket *sock4, *sock6;

	lockdep_assert_held(&srv->lock);
	sock4 = rcu_replace_pointer(srv->sock4, NULL, lockdep_is_held(&srv->lock));
	sock6 = rcu_replace_pointer(srv->sock6, NULL, lockdep_is_held(&srv->lock));
	/* udp_tunnel_sock_release() waits for an RCU grace period. */
	if (sock4)
		udp_tunnel_sock_release(sock4);
	if (sock6)
		udp_tunnel_sock_release(sock6);
}

unsigned int ipmi_lan_socket_headroom(void)
{
	return LL_MAX_HEADER + sizeof(struct ipv6hdr) + sizeof(struct udphdr);
}

static int send4(struct sock *sk, const struct ipmi_lan_endpoint *ep,
		 struct sk_buff *skb)
{
	struct flowi4 fl = {
		.saddr = ep->local4,
		.daddr = ep->addr4.sin_addr.s_addr,
		.fl4_dport = ep->addr4.sin_port,
		.fl4_sport = inet_sk(sk)->inet_sport,
		.flowi4_mark = sk->sk_mark,
		.flowi4_proto = IPPROTO_UDP,
	};
	struct rtable *rt;

	rt = ip_route_output_flow(sock_net(sk), &fl, sk);
	if (IS_ERR(rt)) {
		kfree_skb(skb);
		return PTR_ERR(rt);
	}
	udp_tunnel_xmit_skb(rt, sk, skb, fl.saddr, fl.daddr, 0,
			    ip4_dst_hoplimit(&rt->dst), 0, fl.fl4_sport,
			    fl.fl4_dport, false, false);
	return 0;
}

#if IS_ENABLED(CONFIG_IPV6)
static int send6(struct sock *sk, const struct ipmi_lan_endpoint *ep,
		 struct sk_buff *skb)
{
	struct flowi6 fl = {
		.saddr = ep->local6,
		.daddr = ep->addr6.sin6_addr,
		.fl6_dport = ep->addr6.sin6_port,
		.fl6_sport = inet_sk(sk)->inet_sport,
		.flowi6_mark = sk->sk_mark,
		.flowi6_oif = ep->addr6.sin6_scope_id,
		.flowi6_proto = IPPROTO_UDP,
	};
	struct dst_entry *dst;

	dst = ipv6_stub->ipv6_dst_lookup_flow(sock_net(sk), sk, &fl, NULL);
	if (IS_ERR(dst)) {
		kfree_skb(skb);
		return PTR_ERR(dst);
	}
	udp_tunnel6_xmit_skb(dst, sk, skb, NULL, &fl.saddr, &fl.daddr, 0,
			     ip6_dst_hoplimit(dst), 0, fl.fl6_sport,
			     fl.fl6_dport, false);
	return 0;
}
#else
static int send6(struct sock *sk, const struct ipmi_lan_endpoint *ep,
		 struct sk_buff *skb)
{
	kfree_skb(skb);
	return -EAFNOSUPPORT;
}
#endif

/*
 * Sends a packet to ep from the server's socket of its family, with the
 * local address ep names (the one the console sent to); consumes skb. Any
 * context: softirq, or process context (handshake worker, system
 * interface).
 */
void ipmi_lan_socket_send(struct ipmi_lan_server *srv,
			  const struct ipmi_lan_endpoint *ep, struct sk_buff *skb)
{
	unsigned int len = skb->len;
	struct socket *sock;
	int ret = -ENOTCONN;

	local_bh_disable();
	rcu_read_lock();
	if (ep->addr.sa_family == AF_INET)
		sock = rcu_dereference(srv->sock4);
	else
		sock = rcu_dereference(srv->sock6);
	if (!sock)
		kfree_skb(skb);
	else if (ep->addr.sa_family == AF_INET)
		ret = send4(sock->sk, ep, skb);
	else
		ret = send6(sock->sk, ep, skb);
	rcu_read_unlock();
	local_bh_enable();
	if (unlikely(ret < 0)) {
		ipmi_lan_count_drop(srv, IPMI_LAN_DROP_TX_ERROR);
		net_dbg_ratelimited("packet to %pISpc not sent: %d\n",
				    &ep->addr, ret);
		return;
	}
	ipmi_lan_count_tx(srv, len);
}

int __init ipmi_lan_socket_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		u8 *p = kmalloc(MAX_DATAGRAM_LEN, GFP_KERNEL);

		per_cpu(rx_scratch, cpu) = p;
		if (!p) {
			ipmi_lan_socket_uninit();
			return -ENOMEM;
		}
	}
	return 0;
}

void ipmi_lan_socket_uninit(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		kfree_sensitive(per_cpu(rx_scratch, cpu));
		per_cpu(rx_scratch, cpu) = NULL;
	}
}
