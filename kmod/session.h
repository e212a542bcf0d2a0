/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RMCP+ sessions: one object per session, with an explicit state machine
 * (pending-open -> pending-rakp3 -> active -> dead), found by the BMC
 * session id in an RCU hash table and kept alive by a kref.
 *
 * Two pools: pending sessions (Open Session answered, RAKP3 not yet
 * verified) are few, short-lived and capped per source address (an IPv4
 * address or an IPv6 /64); active sessions are capped per channel and
 * carry a one-byte handle, allocated round-robin.
 *
 * Closing a session (Close Session, the reaper, a user's deletion, the
 * server's end) makes it DEAD, unlinks it, calls the close hook of every
 * payload instance attached to it, then drops the table's reference.
 */

#ifndef _IPMI_LAN_SESSION_H
#define _IPMI_LAN_SESSION_H

#include "crypto.h"
#include "messages.h"
#include "seqwin.h"
#include "track.h"
#include "packet.h"

#include <linux/hashtable.h>
#include <linux/kref.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct ipmi_lan_server;

enum ipmi_lan_session_state {
	SESSION_PENDING_OPEN,	/* Open Session answered; waiting for RAKP1 */
	SESSION_PENDING_RAKP3,	/* RAKP2 sent; waiting for RAKP3 */
	SESSION_ACTIVE,
	SESSION_DEAD,		/* unlinked; waiting for the last reference */
};

enum session_limits {
	SESSION_MAX_HANDLE = 63,	/* Get Session Info has 6 bits */
	PENDING_MAX = 64,
	PENDING_PER_SOURCE = 4,
	PENDING_LIFETIME_MS = 5000,
	SESSION_HASH_BITS = 8,
	SESSION_PAYLOAD_TYPES = 8,	/* the standard types, 0..7 */
	/* bridged requests in flight, all targets together */
	SESSION_BRIDGED_MAX = 32,
};

/*
 * Which payloads a session takes in each state is the payload table's
 * business (payload.h); the session only has the state.
 */

struct ipmi_lan_session;
struct ipmi_lan_payload_inst;

/* What the owner of a payload instance on a session provides. */
struct ipmi_lan_payload_ops {
	/*
	 * The session closed (it is DEAD already) while the instance was
	 * attached: called once, instead of a detach, with BH disabled and
	 * the session table locked, so it must not sleep or call back into
	 * the session table; the owner typically queues work. The session
	 * stays valid until the callback returns; take a reference to keep
	 * it longer.
	 */
	void (*close)(struct ipmi_lan_session *s,
		      struct ipmi_lan_payload_inst *inst);
};

/* A payload instance (a SoL console, say) attached to a session. */
struct ipmi_lan_payload_inst {
	const struct ipmi_lan_payload_ops *ops;
	u8 type;			/* RMCPP_PAYLOAD_*, < SESSION_PAYLOAD_TYPES */
};

/*
 * The handshake's inputs, kept from Open Session to RAKP3 and freed (and
 * wiped) when the session becomes active: an active session keeps no
 * random numbers, name or key of its login.
 */
struct ipmi_lan_handshake_scratch {
	u8 role;			/* RAKP1 role byte, as sent */
	u8 name_len;
	u8 name[16];
	u8 rm[RAND_LEN];
	u8 rc[RAND_LEN];
	u8 guid[GUID_LEN];		/* as sent in RAKP2 */
	u8 kuid[KEY_LEN];
};

struct ipmi_lan_session {
	struct hlist_node node;		/* in the server's table, by id */
	struct kref ref;
	struct rcu_work free_work;
	struct ipmi_lan_server *srv;

	u32 id;				/* the BMC's (managed system) id */
	u32 console_id;			/* the remote console's; never a key */
	u8 handle;			/* active sessions: 1..63 */
	atomic_t bridged;		/* its bridged requests in flight */

	spinlock_t lock;		/* everything below */
	enum ipmi_lan_session_state state;
	unsigned long created;		/* jiffies */
	unsigned long last_rx;		/* jiffies of the last valid packet */
	struct ipmi_lan_endpoint peer;	/* where the last valid packet came from */
	struct ipmi_lan_endpoint origin;	/* the Open Session's source */
	u64 source_key;			/* source address (or /64) hash */

	const struct ipmi_lan_suite *suite;
	u8 max_priv;			/* ceiling for Set Session Privilege */
	u8 priv;			/* current privilege */
	u8 user_id;
	u8 close_cause;			/* IPMI_LAN_CLOSE_*, once DEAD */
	/* the handshake's worker only; NULL once active */
	struct ipmi_lan_handshake_scratch *hs;
	struct ipmi_lan_payload_inst *payloads[SESSION_PAYLOAD_TYPES];

	struct ipmi_lan_keys keys;	/* published at activation */
	struct seqwin win_auth;
	struct seqwin win_unauth;
	u32 out_seq;
	struct ipmi_lan_reply_cache replies;	/* its own lock */
};

/* Per-server session state; lives in struct ipmi_lan_server. */
struct ipmi_lan_sessions {
	spinlock_t lock;		/* the table, the pools and the handles */
	DECLARE_HASHTABLE(by_id, SESSION_HASH_BITS);
	struct ipmi_lan_session *by_handle[SESSION_MAX_HANDLE + 1];
	unsigned int n_pending;
	unsigned int n_active;
	u8 next_handle;
	struct delayed_work reaper;
};

void ipmi_lan_sessions_init(struct ipmi_lan_server *srv);
void ipmi_lan_sessions_uninit(struct ipmi_lan_server *srv);

struct ipmi_lan_session *ipmi_lan_session_new(struct ipmi_lan_server *srv,
					      const struct ipmi_lan_endpoint *ep,
					      int *status);
struct ipmi_lan_session *ipmi_lan_session_lookup(struct ipmi_lan_server *srv,
						 u32 id);
struct ipmi_lan_session *ipmi_lan_session_by_handle(struct ipmi_lan_server *srv,
						    u8 handle);
int ipmi_lan_session_activate(struct ipmi_lan_session *s,
			      struct ipmi_lan_keys *keys);
bool ipmi_lan_session_from_origin(const struct ipmi_lan_session *s,
				  const struct sockaddr *addr);
int ipmi_lan_session_payload_attach(struct ipmi_lan_session *s,
				    struct ipmi_lan_payload_inst *inst);
bool ipmi_lan_session_payload_detach(struct ipmi_lan_session *s,
				     struct ipmi_lan_payload_inst *inst);
void ipmi_lan_session_close(struct ipmi_lan_session *s);
void ipmi_lan_session_close_user(struct ipmi_lan_server *srv, u8 user_id);
void ipmi_lan_session_put(struct ipmi_lan_session *s);
unsigned int ipmi_lan_session_count(struct ipmi_lan_server *srv);
u64 ipmi_lan_source_key(const struct sockaddr *addr);

#endif /* _IPMI_LAN_SESSION_H */
