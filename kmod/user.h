/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Users of a server instance: ids 2..63 (1 is the spec's null user and is
 * never named or enabled), names, passwords (write-only), per-channel
 * access, SoL payload access, and the lockout after failed logins (LAN
 * parameter 26).
 *
 * Readers (the login path, in softirq or the handshake worker) use RCU.
 * Writers (netlink, and the IPMI user commands, which run in softirq and
 * must not sleep) hold users.lock with spin_lock_bh() (never srv->lock, a
 * mutex) and replace a user's record as a whole: copy, modify,
 * rcu_assign_pointer(), and the old record is wiped and freed after a
 * grace period. The IPMI command helpers allocate with GFP_ATOMIC.
 *
 * The lockout table (failed logins per user and source, where a source is
 * an IPv4 address or an IPv6 /64) is allocated once per server, bounded,
 * and has its own spinlock (_bh); its policy comes from the channel.
 */

#ifndef _IPMI_LAN_USER_H
#define _IPMI_LAN_USER_H

#include <uapi/linux/ipmi_lan.h>

#include <linux/gfp.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct ipmi_lan_lockout;
struct ipmi_lan_server;
struct netlink_ext_ack;
struct nlattr;
struct sockaddr;

struct ipmi_lan_user {
	u8 id;
	u8 name_len;
	char name[IPMI_LAN_USER_NAME_LEN + 1];	/* NUL-terminated */
	u8 key[IPMI_LAN_PASSWORD_LEN];		/* password, zero padded (Kuid) */
	bool has_password;
	bool enabled;
	u8 privilege;		/* LAN channel limit; IPMI_LAN_PRIV_NO_ACCESS */
	bool ipmi_msg;
	bool link_auth;
	bool sol;		/* may activate SoL (the SOL payload, type 1) */
	u8 bridge;		/* IPMI_LAN_BRIDGE_*: form of bridged answers */
	struct rcu_head rcu;
};

/* What a login needs, copied out under RCU; wipe it after use. */
struct ipmi_lan_login {
	u8 user_id;
	u8 privilege;		/* the user's limit on the LAN channel */
	u8 key[IPMI_LAN_PASSWORD_LEN];
};

/* Per-server user state; lives in struct ipmi_lan_server. */
struct ipmi_lan_users {
	spinlock_t lock;	/* every writer of by_id; _bh */
	struct ipmi_lan_user __rcu *by_id[IPMI_LAN_USER_MAX_ID + 1];
	struct ipmi_lan_lockout *lockout;	/* failure records, see user.c */
};

int ipmi_lan_users_init(struct ipmi_lan_server *srv);
void ipmi_lan_users_free(struct ipmi_lan_server *srv);

/*
 * Finds an enabled user with a password, IPMI messaging on and access to
 * the LAN channel, by name, that is not locked out for this source.
 * Returns 0 and fills *login, or -ENOENT (unknown, disabled, no access
 * and locked out all look the same to the caller).
 */
int ipmi_lan_user_find_login(struct ipmi_lan_server *srv, const u8 *name,
			     unsigned int name_len, const struct sockaddr *src,
			     struct ipmi_lan_login *login);
/* A RAKP3 with a bad auth code, or a good one, from src for user_id. */
void ipmi_lan_user_login_failed(struct ipmi_lan_server *srv, u8 user_id,
				const struct sockaddr *src);
void ipmi_lan_user_login_ok(struct ipmi_lan_server *srv, u8 user_id,
			    const struct sockaddr *src);

/*
 * The IPMI commands (Get/Set User Name, Access, Password, Payload Access),
 * channel 1.
 */
int ipmi_lan_user_get(struct ipmi_lan_server *srv, u8 id,
		      struct ipmi_lan_user *out);	/* key is zeroed */
int ipmi_lan_user_set_name(struct ipmi_lan_server *srv, u8 id,
			   const u8 *name, unsigned int len);
int ipmi_lan_user_set_password(struct ipmi_lan_server *srv, u8 id,
			       const u8 *password, unsigned int len);
int ipmi_lan_user_check_password(struct ipmi_lan_server *srv, u8 id,
				 const u8 *password, unsigned int len);
int ipmi_lan_user_set_enabled(struct ipmi_lan_server *srv, u8 id,
			      bool enabled);
int ipmi_lan_user_set_access(struct ipmi_lan_server *srv, u8 id,
			     u8 privilege, bool ipmi_msg, bool link_auth);
/* SoL payload access of an existing user: -ENOENT if there is none. */
int ipmi_lan_user_set_sol(struct ipmi_lan_server *srv, u8 id, bool sol);
/*
 * Whether the user of a session may activate SoL: false for an id
 * without a record (a session's user always has one).
 */
bool ipmi_lan_user_sol_allowed(struct ipmi_lan_server *srv, u8 id);
/*
 * Whether a user's bridged requests are answered in the embedded form:
 * the user's own setting, or the channel's for IPMI_LAN_BRIDGE_CHANNEL;
 * false (separate) for an id without a record.
 */
bool ipmi_lan_user_bridge_embedded(struct ipmi_lan_server *srv, u8 id);
unsigned int ipmi_lan_user_count(struct ipmi_lan_server *srv,
				 unsigned int *enabled);
bool ipmi_lan_user_locked(struct ipmi_lan_server *srv, u8 id);

/*
 * One change to a user (netlink SET_USER); only the fields marked set_*
 * change. The *_attr pointers, which may be NULL, only aim extack
 * messages. A name of length 0 clears the name (a null name), which also
 * disables the user.
 */
struct ipmi_lan_user_change {
	u32 flags;			/* IPMI_LAN_USER_F_* */
	bool need_name;			/* a new user must get a name */
	bool set_name, set_password, set_enabled, set_privilege;
	bool set_ipmi_msg, set_link_auth, set_sol, set_bridge;
	const u8 *name;
	unsigned int name_len;		/* 0..IPMI_LAN_USER_NAME_LEN */
	const u8 *password;
	unsigned int password_len;	/* 1..IPMI_LAN_PASSWORD_LEN */
	bool enabled, ipmi_msg, link_auth, sol;
	u8 privilege;			/* 1..5 or IPMI_LAN_PRIV_NO_ACCESS */
	u8 bridge;			/* IPMI_LAN_BRIDGE_* */
	const struct nlattr *name_attr, *enabled_attr, *id_attr;
};

/* 0 or -EINVAL (not 1..16 printable ASCII characters). */
int ipmi_lan_user_name_check(const u8 *name, unsigned int len);
bool ipmi_lan_user_privilege_valid(u8 privilege);
int ipmi_lan_user_change(struct ipmi_lan_server *srv, u8 id,
			 const struct ipmi_lan_user_change *change, gfp_t gfp,
			 struct netlink_ext_ack *extack);
/* Wipes and frees the user and forgets its lockout records. */
int ipmi_lan_user_del(struct ipmi_lan_server *srv, u8 id,
		      struct netlink_ext_ack *extack);
/* Clears every lockout record of the user. */
void ipmi_lan_user_unlock(struct ipmi_lan_server *srv, u8 id);

#endif /* _IPMI_LAN_USER_H */
