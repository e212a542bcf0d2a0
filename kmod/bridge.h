/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bridged targets: the controllers a LAN console reaches through the
 * server with Send Message (App 34h) on channel 0, as "ipmitool -t ADDR"
 * does. Each is a system interface of its own (smi.c), so an unmodified
 * /dev/ipmiN program serves one target, with its own forward table and
 * identity.
 */

#ifndef _IPMI_LAN_BRIDGE_H
#define _IPMI_LAN_BRIDGE_H

#include "server.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct ipmi_lan_forward_table;
struct ipmi_lan_msg;
struct ipmi_lan_request;
struct ipmi_lan_smi;
struct netlink_ext_ack;

enum { IPMI_LAN_ADDRS = 256 };

struct ipmi_lan_target {
	struct rcu_head rcu;
	u8 addr;
	spinlock_t lock;			/* name and identity; BH */
	char name[IPMI_LAN_TARGET_NAME_LEN];
	struct ipmi_lan_identity identity;
	u8 via;					/* 0: on channel 0 */
	u8 via_channel;				/* the transit's channel */
	struct ipmi_lan_forward_table __rcu *forward;	/* under srv->lock */
	struct ipmi_lan_smi *smi;		/* while it is listed */
	struct list_head gone;			/* unlisted, to be freed */
	atomic64_t fwd_stats[__IPMI_LAN_FWD_STAT_LAST];
};

/* What ADD and SET give: each field only if its have_ bit is set. */
struct ipmi_lan_target_conf {
	u8 addr;
	bool have_name;
	char name[IPMI_LAN_TARGET_NAME_LEN];
	struct ipmi_lan_identity identity;	/* whole, when have_identity */
	bool have_identity;
	bool have_via;
	u8 via, via_channel;			/* via 0: on channel 0 */
};

/* A copy, for replies. */
struct ipmi_lan_target_info {
	u8 addr;
	char name[IPMI_LAN_TARGET_NAME_LEN];
	struct ipmi_lan_identity identity;
	u8 via, via_channel;
	int if_num;
	u64 fwd_stats[__IPMI_LAN_FWD_STAT_LAST];
};

void ipmi_lan_targets_init(struct ipmi_lan_server *srv);
/* Deletes every target; the namespace is going. */
void ipmi_lan_targets_uninit(struct ipmi_lan_server *srv);

int ipmi_lan_target_add(struct ipmi_lan_server *srv,
			const struct ipmi_lan_target_conf *conf,
			struct netlink_ext_ack *extack);
int ipmi_lan_target_set(struct ipmi_lan_server *srv,
			const struct ipmi_lan_target_conf *conf,
			struct netlink_ext_ack *extack);
int ipmi_lan_target_del(struct ipmi_lan_server *srv, u8 addr);
/* The target at addr, or the next one above it; false past the last. */
bool ipmi_lan_target_info(struct ipmi_lan_server *srv, unsigned int from,
			  struct ipmi_lan_target_info *out);
/* The identity a target answers with; false if there is none at addr. */
bool ipmi_lan_target_identity(struct ipmi_lan_server *srv, u8 addr,
			      struct ipmi_lan_identity *out);

/*
 * Local bridging: where a program on the board's request to inner->rs_sa
 * on channel 0 goes. Returns the target to hand it to, or NULL with *len
 * bytes in rsp (CMD_RSP_MAX): the target's identity when no consumer took
 * that command (its forward table), or *len 0 if no target is at that
 * address on channel 0. Under rcu_read_lock().
 */
struct ipmi_lan_target *ipmi_lan_bridge_local(struct ipmi_lan_server *srv,
					      const struct ipmi_lan_msg *inner,
					      u8 *rsp, unsigned int *len);

/* A new target's identity: the server's, device ID 0, a random GUID. */
void ipmi_lan_target_default_identity(struct ipmi_lan_server *srv,
				      struct ipmi_lan_identity *out);

/* A copy of t's identity; any context. */
void ipmi_lan_target_get_identity(struct ipmi_lan_target *t,
				  struct ipmi_lan_identity *out);

/* The target at addr, under rcu_read_lock(); NULL if none. */
struct ipmi_lan_target *ipmi_lan_target_rcu(struct ipmi_lan_server *srv,
					    u8 addr);

/*
 * The forward table of addr (the server's own for IPMI_LAN_BMC_ADDR), to
 * replace under srv->lock; NULL if there is no such target.
 */
struct ipmi_lan_forward_table __rcu **
ipmi_lan_forward_slot(struct ipmi_lan_server *srv, u8 addr);

/* Whether any target's forwarded request names a session handle. */
bool ipmi_lan_targets_handle_busy(struct ipmi_lan_server *srv, u8 handle);

/* Send Message (App 34h) from a LAN session: bridging to a target. */
unsigned int ipmi_lan_bridge_send_message(struct ipmi_lan_request *c);

#endif /* _IPMI_LAN_BRIDGE_H */
