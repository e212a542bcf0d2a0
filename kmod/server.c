// SPDX-License-Identifier: GPL-2.0
/*
 * The per-network-namespace server instance. It exists for as long as its
 * namespace does, starts disabled and listens only once configured.
 */

#include "channel.h"
#include "bridge.h"
#include "forward.h"
#include "server.h"
#include "sol.h"
#include "smi.h"
#include "socket.h"
#include "user.h"

#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

static unsigned int ipmi_lan_net_id __read_mostly;

struct ipmi_lan_server *ipmi_lan_server_get(struct net *net)
{
	return net_generic(net, ipmi_lan_net_id);
}

static void set_identity(struct ipmi_lan_server *srv,
			 const struct ipmi_lan_identity *identity)
{
	write_seqlock_bh(&srv->identity_seq);
	srv->identity = *identity;
	write_sequnlock_bh(&srv->identity_seq);
}

void ipmi_lan_server_get_identity(struct ipmi_lan_server *srv,
				  struct ipmi_lan_identity *out)
{
	unsigned int seq;

	do {
		seq = read_seqbegin(&srv->identity_seq);
		*out = srv->identity;
	} while (read_seqretry(&srv->identity_seq, seq));
}

/*
 * Applies a new configuration and identity, either of which may be NULL
 * (unchanged). The old sockets are closed first (they may hold the very
 * address and port asked for), then the new ones bound: if that fails,
 * the old sockets are bound again and the old configuration and identity
 * stay in force; nothing is committed before the bind succeeded.
 */
int ipmi_lan_server_configure(struct ipmi_lan_server *srv,
			      const struct ipmi_lan_config *config,
			      const struct ipmi_lan_identity *identity,
			      struct netlink_ext_ack *extack)
{
	struct socket *sock4, *sock6;
	int ret = 0;

	mutex_lock(&srv->lock);
	if (!config)
		goto identity;
	/* The old sockets may hold the very address and port asked for. */
	ipmi_lan_socket_close(srv);
	if (config->enabled) {
		ret = ipmi_lan_socket_open(srv, config, &sock4, &sock6);
		if (ret < 0) {
			NL_SET_ERR_MSG_MOD(extack,
					   "cannot bind the listen address and port");
			goto restore;
		}
		ipmi_lan_socket_install(srv, sock4, sock6);
	}
	srv->config = *config;
identity:
	if (identity)
		set_identity(srv, identity);
	mutex_unlock(&srv->lock);
	return 0;

restore:
	if (srv->config.enabled &&
	    !ipmi_lan_socket_open(srv, &srv->config, &sock4, &sock6))
		ipmi_lan_socket_install(srv, sock4, sock6);
	mutex_unlock(&srv->lock);
	return ret;
}

bool ipmi_lan_server_listening(struct ipmi_lan_server *srv)
{
	bool ret;

	rcu_read_lock();
	ret = rcu_access_pointer(srv->sock4) || rcu_access_pointer(srv->sock6);
	rcu_read_unlock();
	return ret;
}

void ipmi_lan_server_read_stats(struct ipmi_lan_server *srv,
				struct ipmi_lan_stats *out)
{
	int cpu, i;

	memset(out, 0, sizeof(*out));
	for_each_possible_cpu(cpu) {
		const struct ipmi_lan_pcpu_stats *s = per_cpu_ptr(srv->stats, cpu);
		struct ipmi_lan_stats one;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			one.rx_packets = u64_stats_read(&s->rx_packets);
			one.rx_bytes = u64_stats_read(&s->rx_bytes);
			one.tx_packets = u64_stats_read(&s->tx_packets);
			one.tx_bytes = u64_stats_read(&s->tx_bytes);
			for (i = 0; i < __IPMI_LAN_DROP_LAST; i++)
				one.drops[i] = u64_stats_read(&s->drops[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));

		out->rx_packets += one.rx_packets;
		out->rx_bytes += one.rx_bytes;
		out->tx_packets += one.tx_packets;
		out->tx_bytes += one.tx_bytes;
		for (i = 0; i < __IPMI_LAN_DROP_LAST; i++)
			out->drops[i] += one.drops[i];
	}
}

void ipmi_lan_count_rx(struct ipmi_lan_server *srv, unsigned int bytes)
{
	struct ipmi_lan_pcpu_stats *s = get_cpu_ptr(srv->stats);
	unsigned long flags;

	flags = u64_stats_update_begin_irqsave(&s->syncp);
	u64_stats_inc(&s->rx_packets);
	u64_stats_add(&s->rx_bytes, bytes);
	u64_stats_update_end_irqrestore(&s->syncp, flags);
	put_cpu_ptr(srv->stats);
}

void ipmi_lan_count_tx(struct ipmi_lan_server *srv, unsigned int bytes)
{
	struct ipmi_lan_pcpu_stats *s = get_cpu_ptr(srv->stats);
	unsigned long flags;

	flags = u64_stats_update_begin_irqsave(&s->syncp);
	u64_stats_inc(&s->tx_packets);
	u64_stats_add(&s->tx_bytes, bytes);
	u64_stats_update_end_irqrestore(&s->syncp, flags);
	put_cpu_ptr(srv->stats);
}

void ipmi_lan_count_drop(struct ipmi_lan_server *srv,
			 enum ipmi_lan_drop_reason reason)
{
	struct ipmi_lan_pcpu_stats *s;
	unsigned long flags;

	if (WARN_ON_ONCE(reason >= __IPMI_LAN_DROP_LAST))
		return;
	s = get_cpu_ptr(srv->stats);
	flags = u64_stats_update_begin_irqsave(&s->syncp);
	u64_stats_inc(&s->drops[reason]);
	u64_stats_update_end_irqrestore(&s->syncp, flags);
	put_cpu_ptr(srv->stats);
}

static __net_init int ipmi_lan_net_init(struct net *net)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(net);
	int cpu, ret;

	srv->net = net;
	mutex_init(&srv->lock);
	srv->config.enabled = false;
	srv->config.port = IPMI_LAN_DEFAULT_PORT;
	srv->config.listen.v4 = true;
	srv->config.listen.v6 = IS_ENABLED(CONFIG_IPV6);
	seqlock_init(&srv->identity_seq);
	srv->identity.device_id = 0x20;
	srv->identity.device_revision = 1;
	srv->identity.fw_major = 1;
	srv->identity.fw_minor = 0;
	srv->identity.manufacturer = 0xffff;
	srv->identity.product = 0;
	srv->identity.aux_fw = 0;
	get_random_bytes(srv->identity.guid, sizeof(srv->identity.guid));
	srv->forward_timeout_ms = IPMI_LAN_FORWARD_TIMEOUT_DEFAULT;
	srv->stats = alloc_percpu(struct ipmi_lan_pcpu_stats);
	if (!srv->stats) {
		ret = -ENOMEM;
		goto err_stats;
	}
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(srv->stats, cpu)->syncp);
	ret = ipmi_lan_users_init(srv);
	if (ret)
		goto err_users;
	ret = ipmi_lan_channel_init(srv);
	if (ret)
		goto err_channel;
	ipmi_lan_ratelimit_init(&srv->ratelimit);
	ipmi_lan_handshake_init(srv);
	ipmi_lan_sessions_init(srv);
	ipmi_lan_sols_init(srv);
	ipmi_lan_targets_init(srv);
	return 0;

err_channel:
	ipmi_lan_users_free(srv);
err_users:
	free_percpu(srv->stats);
err_stats:
	mutex_destroy(&srv->lock);
	return ret;
}

/* Runs before the RCU grace period that precedes ->exit(). */
static __net_exit void ipmi_lan_net_pre_exit(struct net *net)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(net);

	/* Answers forwarded requests in flight, so before the sockets go. */
	ipmi_lan_smi_detach(srv);
	ipmi_lan_targets_uninit(srv);
	mutex_lock(&srv->lock);
	ipmi_lan_socket_close(srv);
	srv->config.enabled = false;
	mutex_unlock(&srv->lock);
	/* No datagram can arrive any more: stop the handshake and sessions. */
	ipmi_lan_handshake_uninit(srv);
	ipmi_lan_sessions_uninit(srv);
	/* Bound ttys stay bound, to nothing, until their discipline closes. */
	ipmi_lan_sols_uninit(srv);
}

static __net_exit void ipmi_lan_net_exit(struct net *net)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(net);

	ipmi_lan_forward_free(srv);
	mutex_destroy(&srv->targets.lock);
	ipmi_lan_channel_free(srv);
	ipmi_lan_users_free(srv);
	free_percpu(srv->stats);
	mutex_destroy(&srv->lock);
}

static struct pernet_operations ipmi_lan_net_ops = {
	.init = ipmi_lan_net_init,
	.pre_exit = ipmi_lan_net_pre_exit,
	.exit = ipmi_lan_net_exit,
	.id = &ipmi_lan_net_id,
	.size = sizeof(struct ipmi_lan_server),
};

int __init ipmi_lan_server_init(void)
{
	/* A device-level pernet op: torn down before the UDP layer. */
	return register_pernet_device(&ipmi_lan_net_ops);
}

void ipmi_lan_server_uninit(void)
{
	unregister_pernet_device(&ipmi_lan_net_ops);
	/* Replaced users and channel configurations still being freed. */
	rcu_barrier();
}
