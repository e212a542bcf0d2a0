/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Request tracking: the requests of LAN sessions that wait for an answer
 * from elsewhere (a /dev/ipmiN consumer behind the system interface),
 * keyed by session, handle, rqSeq, netfn and cmd.
 *
 * A request is added when it is sent on and waits until its answer is
 * matched to it or its deadline passes. A retransmission of a waiting
 * request (same session, same key) is absorbed. A request whose deadline
 * passes is handed back to be answered C3h and stays a while as a
 * tombstone: it keeps only its key and keeps its handle busy, so a late
 * answer is dropped and the handle is not given to a new session that
 * would receive it. Waiting requests are capped per session and, with the
 * tombstones, per tracker, the oldest tombstone making room for a new
 * request.
 *
 * The tracker takes its times as arguments (jiffies) and owns no timer:
 * its owner arms one for ipmi_lan_track_next() and calls
 * ipmi_lan_track_expire() when it fires.
 *
 * Its other half is the reply cache, one per session: the responses the
 * session sent last, by the same key and data hash, so that a
 * retransmission of a request already answered gets the same answer
 * again without the command running twice. Between them, every
 * retransmission is handled here: absorbed while its request waits,
 * answered from the cache once it was answered.
 */

#ifndef _IPMI_LAN_TRACK_H
#define _IPMI_LAN_TRACK_H

#include "msg.h"

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct ipmi_lan_session;

enum track_limits {
	/*
	 * Per tracker (the BMC's interface, each target's), tombstones too.
	 * Not more: the message handler gives a user at most
	 * max_msgs_per_user (100) messages at once, and each forwarded
	 * request holds one for the command until the consumer reads it
	 * and one for its answer's acknowledgment. Measured on 6.1 with
	 * 255: at 128 in flight the handler refused the consumer's
	 * messages and every request ended C3h. Even 64 is a little too
	 * many under overload (some C3h among the C0h; 48 is not, but then
	 * 82-smi-handles cannot name every handle): see performance.rst.
	 */
	TRACK_MAX = 64,
	TRACK_PER_SESSION = 8,		/* waiting, of one session */
	TRACK_TOMBSTONE_MS = 10000,
	TRACK_HANDLES = 256,		/* a session handle is a byte */
	REPLY_CACHE_SLOTS = 6,		/* a bridged request takes two */
	REPLY_CACHE_LEN = 72,		/* longer responses are not kept */
	REPLY_CACHE_MS = 5000,
};

/* What ipmi_lan_track_add() returns when it gives no completion code. */
enum track_added {
	TRACK_ADDED = 0,
	TRACK_ABSORBED = 1,	/* a retransmission of a waiting request */
};

/* What an answer names: the request it answers, by its session's handle. */
struct ipmi_lan_track_key {
	u8 handle;
	u8 rq_seq;
	u8 netfn;		/* of the request (even) */
	u8 cmd;
};

/*
 * How the answer to a request goes back to the console; a bridged one's
 * separate message comes after the Send Message response.
 */
enum ipmi_lan_route_mode {
	ROUTE_DIRECT,		/* the response to the request itself */
	ROUTE_SEPARATE,		/* bridged: a message of its own, after */
	ROUTE_EMBEDDED,		/* bridged: inside the Send Message response */
};

/*
 * For a bridged request: the Send Message request it came in (header;
 * what the console matches the answer to) and the inner request as the
 * console addressed it to the target (header); bridged twice (through a
 * transit target), also the Send Message to the transit in between.
 */
struct ipmi_lan_route {
	enum ipmi_lan_route_mode mode;
	bool twice;			/* middle is set */
	struct ipmi_lan_msg outer;
	struct ipmi_lan_msg middle;
	struct ipmi_lan_msg inner;
};

/*
 * A request handed back by the tracker, to be answered by the caller, who
 * then puts the session reference.
 */
struct ipmi_lan_track_req {
	struct ipmi_lan_session *s;	/* a reference: the caller's */
	struct ipmi_lan_msg req;	/* header only: data is not kept */
	u32 req_hash;			/* of the request's data */
	struct ipmi_lan_route route;	/* headers only */
};

struct ipmi_lan_tracker {
	spinlock_t lock;		/* everything below; BH */
	struct list_head entries;	/* a new tombstone goes last */
	unsigned int n;			/* waiting ones and tombstones */
	u8 per_handle[TRACK_HANDLES];	/* entries naming each handle */
	bool dead;			/* flushed: nothing new */
};

void ipmi_lan_track_init(struct ipmi_lan_tracker *t);

/*
 * Adds request req (data hashed to req_hash) of session s, due at now +
 * timeout, taking a reference to s. req's header is the key an answer
 * names; route (NULL: direct) says how the answer goes back, and for a
 * bridged request req_hash is the Send Message request's. Returns TRACK_ADDED, TRACK_ABSORBED
 * (a retransmission of a request of s still waiting; nothing added), or
 * the completion code to answer at once: D5h if s is not active, C0h at
 * a cap or without memory, C1h once the tracker is flushed.
 */
int ipmi_lan_track_add(struct ipmi_lan_tracker *t, struct ipmi_lan_session *s,
		       const struct ipmi_lan_msg *req, u32 req_hash,
		       const struct ipmi_lan_route *route,
		       unsigned long now, unsigned long timeout);

/*
 * Takes the waiting request an answer names out of the tracker into *out.
 * Returns false if none waits (none was added, it was answered already,
 * or it is a tombstone).
 */
bool ipmi_lan_track_match(struct ipmi_lan_tracker *t,
			  const struct ipmi_lan_track_key *key,
			  struct ipmi_lan_track_req *out);

/*
 * At now: drops the expired tombstones, and hands up to max waiting
 * requests due by now out (to be answered C3h), each leaving a tombstone
 * until now + TRACK_TOMBSTONE_MS. Returns how many it handed out; call it
 * again while that is max.
 */
unsigned int ipmi_lan_track_expire(struct ipmi_lan_tracker *t,
				   unsigned long now,
				   struct ipmi_lan_track_req *out,
				   unsigned int max);

/* The earliest deadline of any entry, if there is an entry. */
bool ipmi_lan_track_next(struct ipmi_lan_tracker *t, unsigned long *when);

/* Whether any entry, waiting or a tombstone, names the handle. */
bool ipmi_lan_track_handle_busy(struct ipmi_lan_tracker *t, u8 handle);

/*
 * For teardown, once nothing can add any more: takes nothing new, drops
 * every tombstone and hands up to max waiting requests out. Returns how
 * many; call it again while that is max.
 */
unsigned int ipmi_lan_track_flush(struct ipmi_lan_tracker *t,
				  struct ipmi_lan_track_req *out,
				  unsigned int max);

/* The hash of a request's data (and rqSeq) that both halves compare. */
u32 ipmi_lan_request_hash(const struct ipmi_lan_msg *req);

/* A response kept for a retransmitted request (same rqSeq, netfn, cmd). */
struct ipmi_lan_cached_reply {
	unsigned long when;		/* jiffies */
	u32 req_hash;			/* of the request's data */
	u8 rq_seq, netfn, cmd;
	u8 len;				/* 0: empty */
	u8 msg[REPLY_CACHE_LEN];	/* the response message */
};

struct ipmi_lan_reply_cache {
	spinlock_t lock;		/* BH */
	struct ipmi_lan_cached_reply slot[REPLY_CACHE_SLOTS];
	unsigned int next;		/* the slot to take next */
};

void ipmi_lan_reply_cache_init(struct ipmi_lan_reply_cache *rc);

/*
 * Copies the nth (from 0, oldest first) response to req (its data hashed
 * to hash) sent less than REPLY_CACHE_MS before now into msg
 * (REPLY_CACHE_LEN bytes); returns its length, 0 if there is none. A
 * bridged request can have two: the Send Message response and the
 * target's answer.
 */
unsigned int ipmi_lan_reply_cache_find(struct ipmi_lan_reply_cache *rc,
				       const struct ipmi_lan_msg *req, u32 hash,
				       unsigned long now, u8 *msg,
				       unsigned int nth);

/*
 * Keeps the response msg (len bytes) to req, sent at now, in the oldest
 * slot; a response longer than REPLY_CACHE_LEN is not kept.
 */
void ipmi_lan_reply_cache_add(struct ipmi_lan_reply_cache *rc,
			      const struct ipmi_lan_msg *req, u32 hash,
			      unsigned long now, const u8 *msg,
			      unsigned int len);

#endif /* _IPMI_LAN_TRACK_H */
