/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The LAN channel's configuration: enabled cipher suites and their
 * privilege caps (LAN parameter 24), the channel privilege limit, K_G,
 * session limits, the lockout policy (LAN parameter 26) and the default
 * form of bridged answers for its users.
 *
 * The configuration is an immutable object published with RCU; a change
 * replaces it as a whole under srv->lock.
 */

#ifndef _IPMI_LAN_CHANNEL_H
#define _IPMI_LAN_CHANNEL_H

#include <uapi/linux/ipmi_lan.h>

#include <linux/rcupdate.h>
#include <linux/types.h>

struct ipmi_lan_server;

struct ipmi_lan_channel {
	u32 suites;				/* bit N: suite N enabled */
	u8 suite_priv[IPMI_LAN_SUITE_COUNT];	/* max privilege per suite */
	u8 privilege;				/* channel privilege limit */
	bool has_kg;
	u8 kg[IPMI_LAN_PASSWORD_LEN];
	u32 session_timeout;			/* seconds */
	u8 max_sessions;
	u8 lockout_threshold;			/* 0: no lockout */
	u16 lockout_reset;			/* seconds */
	u16 lockout_interval;			/* seconds */
	bool bridge_embedded;	/* for users set to IPMI_LAN_BRIDGE_CHANNEL */
	struct rcu_head rcu;
};

int ipmi_lan_channel_init(struct ipmi_lan_server *srv);
void ipmi_lan_channel_free(struct ipmi_lan_server *srv);

/* Readers: under rcu_read_lock() (or rcu_read_lock_bh()). */
const struct ipmi_lan_channel *ipmi_lan_channel_get(struct ipmi_lan_server *srv);
/* Writers: replaces the configuration; takes srv->lock itself. */
int ipmi_lan_channel_replace(struct ipmi_lan_server *srv,
			     const struct ipmi_lan_channel *new);

/* A copy of the configuration, K_G included: wipe it after use. */
void ipmi_lan_channel_read(struct ipmi_lan_server *srv,
			   struct ipmi_lan_channel *out);
void ipmi_lan_channel_defaults(struct ipmi_lan_channel *c);

/* The rules ipmi_lan_channel_replace() enforces, one by one. */
bool ipmi_lan_channel_suites_valid(u32 suites);
bool ipmi_lan_channel_suite_priv_valid(const u8 *suite_priv);
/* Suites without integrity (1, 6, 15) are at most USER. */
bool ipmi_lan_channel_suite_priv_capped(const u8 *suite_priv);
bool ipmi_lan_channel_privilege_valid(u8 privilege);
bool ipmi_lan_channel_timeout_valid(u32 seconds);
bool ipmi_lan_channel_max_sessions_valid(u8 max_sessions);
bool ipmi_lan_channel_valid(const struct ipmi_lan_channel *c);

#endif /* _IPMI_LAN_CHANNEL_H */
