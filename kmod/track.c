// SPDX-License-Identifier: GPL-2.0
/*
 * Request tracking (track.h): the decisions about requests that wait for
 * an answer, with the time passed in, so KUnit can drive them on a fake
 * clock (tests/track_kunit.c).
 *
 * Who owns what:
 * - The tracker owns its entries: it allocates one in ipmi_lan_track_add()
 *   and frees it when its request is handed out, or as a tombstone when
 *   it expires, is evicted or is replaced.
 * - A waiting entry holds a reference to its session. Handing the request
 *   out (match, expire, flush) passes that reference to the caller with
 *   it, who answers the request and puts it. A tombstone holds none.
 * - The owner (smi.c) embeds the tracker, arms a timer for its next
 *   deadline, calls ipmi_lan_track_expire() from it, and at teardown
 *   flushes the tracker once nothing can add any more, before freeing it.
 *
 * Locking: t->lock (BH) guards everything, and is innermost: session
 * activation takes it under sessions->lock, through
 * ipmi_lan_track_handle_busy(), and nothing else is taken under it.
 * Session references are put outside it.
 *
 * Why a handle is never shared: ipmi_lan_track_add() reads the session's
 * state under t->lock, and activation asks whether a handle is busy under
 * t->lock, after a close made the old holder of the handle dead. So either
 * the add sees the session closed and adds nothing, or activation sees the
 * entry and takes another handle. So every entry naming a handle belongs
 * to the session that holds it, or held it last.
 *
 * An entry keeps the request's header and data hash, as the reply cache
 * (at the end of this file) does for answered requests. The cache lives
 * in each session, not in a tracker: it holds every session's answers,
 * forwarded or not, and is freed (wiped) with its session.
 */

#include "track.h"
#include "messages.h"
#include "session.h"

#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/kref.h>
#include <linux/slab.h>
#include <linux/string.h>

enum track_state {
	TRACK_WAITING,
	TRACK_TOMBSTONE,	/* answered C3h; only the key is left */
};

struct track_entry {
	struct list_head node;		/* in t->entries */
	struct ipmi_lan_session *s;	/* a reference while waiting */
	struct ipmi_lan_msg req;	/* header only */
	u32 req_hash;
	struct ipmi_lan_route route;	/* headers only */
	u8 handle;
	enum track_state state;
	unsigned long expires;		/* jiffies */
};

void ipmi_lan_track_init(struct ipmi_lan_tracker *t)
{
	/* per_handle[] counts in a byte, and handles are bytes. */
	BUILD_BUG_ON(TRACK_MAX > (u8)~0);
	BUILD_BUG_ON(TRACK_HANDLES != 1 << BITS_PER_TYPE(u8));

	spin_lock_init(&t->lock);
	INIT_LIST_HEAD(&t->entries);
	t->n = 0;
	memset(t->per_handle, 0, sizeof(t->per_handle));
	t->dead = false;
}

/* Frees an entry out of the list; outside t->lock. */
static void free_entry(struct track_entry *e)
{
	ipmi_lan_session_put(e->s);
	kfree(e);
}

static void free_list(struct list_head *gone)
{
	struct track_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, gone, node)
		free_entry(e);
}

/* Takes e out of the tracker onto gone; under t->lock. */
static void unlink_entry(struct ipmi_lan_tracker *t, struct track_entry *e,
			 struct list_head *gone)
{
	list_move(&e->node, gone);
	t->n--;
	t->per_handle[e->handle]--;
}

/* Hands e's request out; its session reference goes with it. */
static void hand_out(struct track_entry *e, struct ipmi_lan_track_req *out)
{
	out->s = e->s;
	out->req = e->req;
	out->req_hash = e->req_hash;
	out->route = e->route;
	e->s = NULL;
}

static bool key_is(const struct track_entry *e,
		   const struct ipmi_lan_track_key *k)
{
	return e->handle == k->handle && e->req.rq_seq == k->rq_seq &&
	       e->req.netfn == k->netfn && e->req.cmd == k->cmd;
}

static struct track_entry *find(struct ipmi_lan_tracker *t,
				const struct ipmi_lan_track_key *k)
{
	struct track_entry *e;

	list_for_each_entry(e, &t->entries, node)
		if (key_is(e, k))
			return e;
	return NULL;
}

/* Makes room for one more entry by dropping the oldest tombstone. */
static bool make_room(struct ipmi_lan_tracker *t, struct list_head *gone)
{
	struct track_entry *e;

	if (t->n < TRACK_MAX)
		return true;
	list_for_each_entry(e, &t->entries, node) {
		if (e->state == TRACK_TOMBSTONE) {
			unlink_entry(t, e, gone);
			return true;
		}
	}
	return false;
}

/* A header without its data (which the tracker never keeps). */
static void header_of(struct ipmi_lan_msg *dst, const struct ipmi_lan_msg *src)
{
	*dst = *src;
	dst->data = NULL;
	dst->data_len = 0;
}

int ipmi_lan_track_add(struct ipmi_lan_tracker *t, struct ipmi_lan_session *s,
		       const struct ipmi_lan_msg *req, u32 req_hash,
		       const struct ipmi_lan_route *route,
		       unsigned long now, unsigned long timeout)
{
	struct track_entry *new, *e;
	struct ipmi_lan_track_key key;
	unsigned int mine = 0;
	LIST_HEAD(gone);
	int ret;

	new = kzalloc(sizeof(*new), GFP_ATOMIC);
	if (!new)
		return IPMI_CC_NODE_BUSY;
	spin_lock_bh(&t->lock);
	ret = IPMI_CC_INVALID_CMD;
	if (t->dead)
		goto out;
	/*
	 * A closed session adds nothing: its handle may already belong to
	 * a new session, which activation gave it only because no entry
	 * named it (asked under this lock, after the close).
	 */
	ret = IPMI_CC_NOT_IN_STATE;
	if (READ_ONCE(s->state) != SESSION_ACTIVE)
		goto out;
	key.handle = s->handle;
	key.rq_seq = req->rq_seq;
	key.netfn = req->netfn;
	key.cmd = req->cmd;
	e = find(t, &key);
	ret = TRACK_ABSORBED;
	if (e && e->s == s)
		goto out;
	/*
	 * Otherwise it is this session's own tombstone (every entry naming
	 * our handle is ours): the new request takes its place.
	 */
	if (e)
		unlink_entry(t, e, &gone);
	list_for_each_entry(e, &t->entries, node)
		mine += e->s == s;
	ret = IPMI_CC_NODE_BUSY;
	if (mine >= TRACK_PER_SESSION || !make_room(t, &gone))
		goto out;

	kref_get(&s->ref);
	new->s = s;
	header_of(&new->req, req);
	new->req_hash = req_hash;
	if (route) {
		new->route.mode = route->mode;
		new->route.twice = route->twice;
		header_of(&new->route.outer, &route->outer);
		header_of(&new->route.middle, &route->middle);
		header_of(&new->route.inner, &route->inner);
	}
	new->handle = key.handle;
	new->state = TRACK_WAITING;
	new->expires = now + timeout;
	list_add_tail(&new->node, &t->entries);
	t->n++;
	t->per_handle[new->handle]++;
	new = NULL;
	ret = TRACK_ADDED;
out:
	spin_unlock_bh(&t->lock);
	kfree(new);
	free_list(&gone);
	return ret;
}

bool ipmi_lan_track_match(struct ipmi_lan_tracker *t,
			  const struct ipmi_lan_track_key *key,
			  struct ipmi_lan_track_req *out)
{
	struct track_entry *e;
	LIST_HEAD(gone);

	spin_lock_bh(&t->lock);
	e = find(t, key);
	if (e && e->state == TRACK_WAITING)
		unlink_entry(t, e, &gone);
	else
		e = NULL;
	spin_unlock_bh(&t->lock);
	if (!e)
		return false;
	hand_out(e, out);
	free_list(&gone);
	return true;
}

unsigned int ipmi_lan_track_expire(struct ipmi_lan_tracker *t,
				   unsigned long now,
				   struct ipmi_lan_track_req *out,
				   unsigned int max)
{
	unsigned long buried = now + msecs_to_jiffies(TRACK_TOMBSTONE_MS);
	struct track_entry *e, *tmp;
	LIST_HEAD(tombstones);
	LIST_HEAD(gone);
	unsigned int n = 0;

	spin_lock_bh(&t->lock);
	list_for_each_entry_safe(e, tmp, &t->entries, node) {
		if (time_before(now, e->expires))
			continue;
		if (e->state == TRACK_TOMBSTONE) {
			unlink_entry(t, e, &gone);
			continue;
		}
		if (n == max)
			continue;
		/* Still counted, its handle still busy: only the key stays. */
		hand_out(e, &out[n++]);
		e->state = TRACK_TOMBSTONE;
		e->expires = buried;
		list_move_tail(&e->node, &tombstones);
	}
	list_splice_tail(&tombstones, &t->entries);
	spin_unlock_bh(&t->lock);
	free_list(&gone);
	return n;
}

bool ipmi_lan_track_next(struct ipmi_lan_tracker *t, unsigned long *when)
{
	struct track_entry *e;
	bool any = false;

	spin_lock_bh(&t->lock);
	list_for_each_entry(e, &t->entries, node) {
		if (!any || time_before(e->expires, *when))
			*when = e->expires;
		any = true;
	}
	spin_unlock_bh(&t->lock);
	return any;
}

bool ipmi_lan_track_handle_busy(struct ipmi_lan_tracker *t, u8 handle)
{
	bool busy;

	spin_lock_bh(&t->lock);
	busy = t->per_handle[handle];
	spin_unlock_bh(&t->lock);
	return busy;
}

unsigned int ipmi_lan_track_flush(struct ipmi_lan_tracker *t,
				  struct ipmi_lan_track_req *out,
				  unsigned int max)
{
	struct track_entry *e, *tmp;
	unsigned int n = 0;
	LIST_HEAD(gone);

	spin_lock_bh(&t->lock);
	t->dead = true;
	list_for_each_entry_safe(e, tmp, &t->entries, node) {
		if (e->state == TRACK_WAITING) {
			if (n == max)
				continue;
			hand_out(e, &out[n++]);
		}
		unlink_entry(t, e, &gone);
	}
	spin_unlock_bh(&t->lock);
	free_list(&gone);
	return n;
}

u32 ipmi_lan_request_hash(const struct ipmi_lan_msg *req)
{
	return jhash(req->data, req->data_len, req->rq_seq);
}

void ipmi_lan_reply_cache_init(struct ipmi_lan_reply_cache *rc)
{
	spin_lock_init(&rc->lock);
	memset(rc->slot, 0, sizeof(rc->slot));
	rc->next = 0;
}

unsigned int ipmi_lan_reply_cache_find(struct ipmi_lan_reply_cache *rc,
				       const struct ipmi_lan_msg *req, u32 hash,
				       unsigned long now, u8 *msg,
				       unsigned int nth)
{
	unsigned long age = msecs_to_jiffies(REPLY_CACHE_MS);
	unsigned int i, len = 0;

	spin_lock_bh(&rc->lock);
	/* From the slot taken next, which is the oldest, round. */
	for (i = 0; i < REPLY_CACHE_SLOTS; i++) {
		const struct ipmi_lan_cached_reply *r;

		r = &rc->slot[(rc->next + i) % REPLY_CACHE_SLOTS];
		if (r->len && time_before(now, r->when + age) &&
		    r->rq_seq == req->rq_seq && r->netfn == req->netfn &&
		    r->cmd == req->cmd && r->req_hash == hash && !nth--) {
			len = r->len;
			memcpy(msg, r->msg, len);
			break;
		}
	}
	spin_unlock_bh(&rc->lock);
	return len;
}

void ipmi_lan_reply_cache_add(struct ipmi_lan_reply_cache *rc,
			      const struct ipmi_lan_msg *req, u32 hash,
			      unsigned long now, const u8 *msg,
			      unsigned int len)
{
	struct ipmi_lan_cached_reply *r;

	if (!len || len > REPLY_CACHE_LEN)
		return;
	spin_lock_bh(&rc->lock);
	r = &rc->slot[rc->next];
	rc->next = (rc->next + 1) % REPLY_CACHE_SLOTS;
	r->when = now;
	r->req_hash = hash;
	r->rq_seq = req->rq_seq;
	r->netfn = req->netfn;
	r->cmd = req->cmd;
	r->len = len;
	memcpy(r->msg, msg, len);
	spin_unlock_bh(&rc->lock);
}
