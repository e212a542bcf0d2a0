/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One server instance per network namespace: its configuration, its
 * sockets and its counters.
 */

#ifndef _IPMI_LAN_SERVER_H
#define _IPMI_LAN_SERVER_H

#include <uapi/linux/ipmi_lan.h>

#include <linux/in6.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/u64_stats_sync.h>

struct net;
struct netlink_ext_ack;
struct socket;

struct ipmi_lan_listen {
	bool v4, v6;
	__be32 addr4;
	struct in6_addr addr6;
};

struct ipmi_lan_config {
	bool enabled;
	u16 port;
	struct ipmi_lan_listen listen;
};

struct ipmi_lan_pcpu_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t drops[__IPMI_LAN_DROP_MAX];
	struct u64_stats_sync syncp;
};

struct ipmi_lan_stats {
	u64 rx_packets, rx_bytes, tx_packets, tx_bytes;
	u64 drops[__IPMI_LAN_DROP_MAX];
};

struct ipmi_lan_server {
	struct net *net;
	struct mutex lock;		/* config and socket changes */
	struct ipmi_lan_config config;	/* protected by lock */
	struct socket __rcu *sock4;
	struct socket __rcu *sock6;
	struct ipmi_lan_pcpu_stats __percpu *stats;
};

struct ipmi_lan_server *ipmi_lan_server_get(struct net *net);
int ipmi_lan_server_configure(struct ipmi_lan_server *srv,
			      const struct ipmi_lan_config *config,
			      struct netlink_ext_ack *extack);
bool ipmi_lan_server_listening(struct ipmi_lan_server *srv);
void ipmi_lan_server_read_stats(struct ipmi_lan_server *srv,
				struct ipmi_lan_stats *out);

void ipmi_lan_count_rx(struct ipmi_lan_server *srv, unsigned int bytes);
void ipmi_lan_count_tx(struct ipmi_lan_server *srv, unsigned int bytes);
void ipmi_lan_count_drop(struct ipmi_lan_server *srv,
			 enum ipmi_lan_drop_reason reason);

int ipmi_lan_server_init(void);
void ipmi_lan_server_uninit(void);

#endif /* _IPMI_LAN_SERVER_H */
