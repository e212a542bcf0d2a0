/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One server instance per network namespace: its configuration, its
 * sockets and its counters.
 */

#ifndef _IPMI_LAN_SERVER_H
#define _IPMI_LAN_SERVER_H

#include "user.h"

#include "rakp.h"
#include "ratelimiter.h"
#include "session.h"
#include "sol.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/in6.h>
#include <linux/mutex.h>
#include <linux/seqlock.h>
#include <linux/timekeeping.h>
#include <linux/types.h>
#include <linux/u64_stats_sync.h>

struct ipmi_lan_channel;
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

/* What Get Device ID and Get System GUID answer. */
struct ipmi_lan_identity {
	u8 device_id;
	u8 device_revision;	/* 0..15 */
	u8 fw_major;		/* 0..127 */
	u8 fw_minor;		/* 0..99, binary (sent as BCD) */
	u32 manufacturer;	/* IANA number, 0..0xfffff */
	u16 product;
	u32 aux_fw;
	u8 guid[16];		/* as sent on the wire */
};

struct ipmi_lan_pcpu_stats {
	u64_stats_t rx_packets;
	u64_stats_t rx_bytes;
	u64_stats_t tx_packets;
	u64_stats_t tx_bytes;
	u64_stats_t drops[__IPMI_LAN_DROP_LAST];
	struct u64_stats_sync syncp;
};

struct ipmi_lan_stats {
	u64 rx_packets, rx_bytes, tx_packets, tx_bytes;
	u64 drops[__IPMI_LAN_DROP_LAST];
};

/* Counters of the system interface; GET_STATS order. */
enum ipmi_lan_fwd_stat {
	IPMI_LAN_FWD_REQUESTS,
	IPMI_LAN_FWD_REPLIES,
	IPMI_LAN_FWD_TIMEOUTS,
	IPMI_LAN_FWD_ABSORBED,
	IPMI_LAN_FWD_UNMATCHED,
	IPMI_LAN_LOCAL_REQUESTS,
	IPMI_LAN_EVENTS_DROPPED,
	__IPMI_LAN_FWD_STAT_LAST
};

struct ipmi_lan_forward_table;
struct ipmi_lan_smi;
struct ipmi_lan_target;

/* The bridged targets (bridge.h), by IPMB address. */
struct ipmi_lan_targets {
	struct mutex lock;		/* add, set, del; outside srv->lock */
	struct ipmi_lan_target __rcu *by_addr[256];
	unsigned int n;			/* written under srv->lock */
};

struct ipmi_lan_server {
	struct net *net;
	struct mutex lock;		/* config and socket changes */
	struct ipmi_lan_config config;	/* protected by lock */
	struct socket __rcu *sock4;
	struct socket __rcu *sock6;
	struct ipmi_lan_pcpu_stats __percpu *stats;
	struct ipmi_lan_users users;
	struct ipmi_lan_channel __rcu *channel;	/* replaced under lock */
	seqlock_t identity_seq;	/* writers also hold lock; _bh */
	struct ipmi_lan_identity identity;
	struct ipmi_lan_sessions sessions;
	struct ipmi_lan_sols sol;
	struct ipmi_lan_handshake handshake;
	struct ipmi_lan_ratelimit ratelimit;
	struct ipmi_lan_smi __rcu *smi;		/* if it holds the interface */
	struct ipmi_lan_forward_table __rcu *forward;	/* replaced under lock */
	u32 forward_timeout_ms;		/* written under lock */
	struct ipmi_lan_targets targets;
	atomic64_t fwd_stats[__IPMI_LAN_FWD_STAT_LAST];
};

/*
 * The module's workqueue (main.c): the handshake worker, session frees
 * and the reaper, the system interface's work. Unbound, and it can make
 * progress under memory pressure.
 */
extern struct workqueue_struct *ipmi_lan_wq;

struct ipmi_lan_server *ipmi_lan_server_get(struct net *net);
int ipmi_lan_server_configure(struct ipmi_lan_server *srv,
			      const struct ipmi_lan_config *config,
			      const struct ipmi_lan_identity *identity,
			      struct netlink_ext_ack *extack);
/* A consistent copy of the identity; any context, softirq included. */
void ipmi_lan_server_get_identity(struct ipmi_lan_server *srv,
				  struct ipmi_lan_identity *out);
bool ipmi_lan_server_listening(struct ipmi_lan_server *srv);
void ipmi_lan_server_read_stats(struct ipmi_lan_server *srv,
				struct ipmi_lan_stats *out);

/*
 * Whether the server may answer something before authentication (a ping,
 * a session-less request, a handshake message) from ep's source now:
 * rate limited per source, so the server is neither a cheap reflector nor
 * a handshake oracle at speed.
 */
static inline bool ipmi_lan_presession_allowed(struct ipmi_lan_server *srv,
					       const struct ipmi_lan_endpoint *ep)
{
	return ipmi_lan_ratelimit_allow(&srv->ratelimit,
					ipmi_lan_source_key(&ep->addr),
					ktime_get_ns());
}

void ipmi_lan_count_rx(struct ipmi_lan_server *srv, unsigned int bytes);
void ipmi_lan_count_tx(struct ipmi_lan_server *srv, unsigned int bytes);
void ipmi_lan_count_drop(struct ipmi_lan_server *srv,
			 enum ipmi_lan_drop_reason reason);

int ipmi_lan_server_init(void);
void ipmi_lan_server_uninit(void);

#endif /* _IPMI_LAN_SERVER_H */
