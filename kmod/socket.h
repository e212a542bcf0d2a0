/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The UDP sockets a server listens on, and sending replies from them.
 */

#ifndef _IPMI_LAN_SOCKET_H
#define _IPMI_LAN_SOCKET_H

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/socket.h>
#include <linux/types.h>

struct ipmi_lan_config;
struct ipmi_lan_server;
struct sk_buff;
struct sock;
struct socket;

/* Where a datagram came from and where it went to: the reply's way back. */
struct ipmi_lan_endpoint {
	union {
		struct sockaddr addr;
		struct sockaddr_in addr4;
		struct sockaddr_in6 addr6;
	};
	union {
		__be32 local4;
		struct in6_addr local6;
	};
	int ifindex;
};

/* A received datagram being handled, in softirq context. */
struct ipmi_lan_rx {
	struct ipmi_lan_server *srv;
	struct sock *sk;
	struct ipmi_lan_endpoint ep;
};

int ipmi_lan_socket_open(struct ipmi_lan_server *srv,
			 const struct ipmi_lan_config *config,
			 struct socket **sock4, struct socket **sock6);
void ipmi_lan_socket_install(struct ipmi_lan_server *srv,
			     struct socket *sock4, struct socket *sock6);
void ipmi_lan_socket_close(struct ipmi_lan_server *srv);

struct sk_buff *ipmi_lan_socket_alloc_skb(unsigned int len);
void ipmi_lan_socket_send(const struct ipmi_lan_rx *rx, struct sk_buff *skb);
void ipmi_lan_socket_send_to(struct ipmi_lan_server *srv,
			     const struct ipmi_lan_endpoint *ep,
			     struct sk_buff *skb);

int ipmi_lan_socket_init(void);
void ipmi_lan_socket_uninit(void);

#endif /* _IPMI_LAN_SOCKET_H */
