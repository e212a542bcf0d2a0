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
 */

#ifndef _IPMI_LAN_SESSION_H
#define _IPMI_LAN_SESSION_H

#include "crypto.h"
#include "messages.h"
#include "seqwin.h"
#include "socket.h"

#include <linux/bits.h>
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
	REPLY_CACHE_SLOTS = 4,
	REPLY_CACHE_LEN = 72,
	REPLY_CACHE_MS = 5000,
	SESSION_HASH_BITS = 8,
};

/*
 * The state machine's two tables: which RMCP+ payloads a session in each
 * state takes, one table per path. Every other (state, payload) pair is
 * dropped.
 *
 * The handshake (rakp.c) names its session inside the payload of a
 * session-less packet; only the pending states take its messages. A
 * packet that carries a session id in its header is in-session traffic:
 * only an active session takes it, and only payloads that exist inside a
 * session. A pending session has no keys yet (they are published by
 * ipmi_lan_session_activate()), so nothing in-session may reach it.
 */
static inline u64 ipmi_lan_handshake_payloads(enum ipmi_lan_session_state state)
{
	switch (state) {
	case SESSION_PENDING_OPEN:
		return BIT_ULL(RMCPP_PAYLOAD_RAKP1);
	case SESSION_PENDING_RAKP3:
		/* RAKP1 again: the console retransmits when RAKP2 is lost. */
		return BIT_ULL(RMCPP_PAYLOAD_RAKP1) |
		       BIT_ULL(RMCPP_PAYLOAD_RAKP3);
	default:
		return 0;
	}
}

static inline u64 ipmi_lan_session_payloads(enum ipmi_lan_session_state state)
{
	switch (state) {
	case SESSION_ACTIVE:
		return BIT_ULL(RMCPP_PAYLOAD_IPMI);
	default:
		return 0;
	}
}

/* ptype: the payload type without the authenticated/encrypted bits. */
static inline bool ipmi_lan_handshake_allows(enum ipmi_lan_session_state state,
					     u8 ptype)
{
	return ptype <= RMCPP_PAYLOAD_TYPE_MASK &&
	       (ipmi_lan_handshake_payloads(state) & BIT_ULL(ptype));
}

static inline bool ipmi_lan_session_allows(enum ipmi_lan_session_state state,
					   u8 ptype)
{
	return ptype <= RMCPP_PAYLOAD_TYPE_MASK &&
	       (ipmi_lan_session_payloads(state) & BIT_ULL(ptype));
}

/* A response kept for a retransmitted request (same rqSeq, netfn, cmd). */
struct ipmi_lan_cached_reply {
	unsigned long when;		/* jiffies; 0 = empty */
	u32 req_hash;			/* of the request's data */
	u8 rq_seq, netfn, cmd;
	u8 len;
	u8 msg[REPLY_CACHE_LEN];	/* the response message */
};

struct ipmi_lan_session {
	struct hlist_node node;		/* in the server's table, by id */
	struct kref ref;
	struct rcu_work free_work;
	struct ipmi_lan_server *srv;

	u32 id;				/* the BMC's (managed system) id */
	u32 console_id;			/* the remote console's; never a key */
	u8 handle;			/* active sessions: 1..63 */

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
	u8 role;			/* RAKP1 role byte, as sent */
	u8 user_id;
	u8 name_len;
	u8 name[16];
	u8 rm[RAND_LEN];
	u8 rc[RAND_LEN];
	u8 guid[GUID_LEN];		/* as sent in RAKP2 */
	u8 kuid[KEY_LEN];		/* wiped at activation */

	struct ipmi_lan_keys keys;	/* published at activation */
	struct seqwin win_auth;
	struct seqwin win_unauth;
	u32 out_seq;
	struct ipmi_lan_cached_reply cache[REPLY_CACHE_SLOTS];
	unsigned int next_cache;
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
void ipmi_lan_session_close(struct ipmi_lan_session *s);
void ipmi_lan_session_close_user(struct ipmi_lan_server *srv, u8 user_id);
void ipmi_lan_session_put(struct ipmi_lan_session *s);
unsigned int ipmi_lan_session_count(struct ipmi_lan_server *srv);
u64 ipmi_lan_source_key(const struct sockaddr *addr);

int ipmi_lan_session_wq_init(void);
void ipmi_lan_session_wq_uninit(void);
extern struct workqueue_struct *ipmi_lan_wq;

#endif /* _IPMI_LAN_SESSION_H */
