// SPDX-License-Identifier: GPL-2.0
/*
 * Session lifetime: creation in the pending pool (with the handshake's
 * scratch), activation into the active pool with a handle (the scratch
 * freed), lookup by id from softirq, payload instances and their close
 * hooks, closing, the reaper that expires idle and stale sessions, and the
 * RCU-deferred free that wipes every key.
 *
 * Locking: sessions->lock (a BH spinlock) guards the table, the pools and
 * the handle slots; session->lock guards a session's mutable state and
 * its payload slots; the reply cache has its own lock. The table holds
 * one reference; lookups take their own.
 */

#include "session.h"
#include "channel.h"
#include "event.h"
#include "messages.h"
#include "server.h"
#include "smi.h"

#include <linux/in6.h>
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <net/ipv6.h>

static siphash_key_t source_secret __read_mostly;

/* Sources are addresses, not ports; an IPv6 source is its /64. */
u64 ipmi_lan_source_key(const struct sockaddr *addr)
{
	get_random_once(&source_secret, sizeof(source_secret));
	if (addr->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)addr;

		return siphash_1u32((__force u32)in->sin_addr.s_addr,
				    &source_secret);
	} else {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)addr;

		return siphash_2u32((__force u32)in6->sin6_addr.s6_addr32[0],
				    (__force u32)in6->sin6_addr.s6_addr32[1],
				    &source_secret) ^ 1;
	}
}

static void session_free_work(struct work_struct *work)
{
	struct ipmi_lan_session *s =
		container_of(to_rcu_work(work), struct ipmi_lan_session, free_work);

	ipmi_lan_keys_free(&s->keys);
	kfree_sensitive(s->hs);
	kfree_sensitive(s);
}

static void session_release(struct kref *ref)
{
	struct ipmi_lan_session *s = container_of(ref, struct ipmi_lan_session, ref);

	/* Readers may still see it under RCU; free in process context. */
	INIT_RCU_WORK(&s->free_work, session_free_work);
	queue_rcu_work(ipmi_lan_wq, &s->free_work);
}

void ipmi_lan_session_put(struct ipmi_lan_session *s)
{
	if (s)
		kref_put(&s->ref, session_release);
}

/*
 * Closes s (idempotent): it becomes DEAD and leaves the table, the owners
 * of its payload instances hear of it, then the table's reference goes.
 * The caller holds sessions->lock.
 */
static void unlink_locked(struct ipmi_lan_sessions *ss,
			  struct ipmi_lan_session *s, u8 cause)
{
	struct ipmi_lan_payload_inst *inst[SESSION_PAYLOAD_TYPES];
	struct ipmi_lan_event ev = {
		.kind = IPMI_LAN_EVENT_SESSION_DOWN,
		.cause = cause,
	};
	enum ipmi_lan_session_state old;
	unsigned int i;

	spin_lock(&s->lock);
	old = s->state;
	s->state = SESSION_DEAD;
	s->close_cause = cause;
	memcpy(inst, s->payloads, sizeof(inst));
	memset(s->payloads, 0, sizeof(s->payloads));
	ev.peer = s->peer;
	spin_unlock(&s->lock);
	if (old == SESSION_DEAD)
		return;
	hash_del_rcu(&s->node);
	if (old == SESSION_ACTIVE) {
		ss->by_handle[s->handle] = NULL;
		ss->n_active--;
	} else {
		ss->n_pending--;
	}
	for (i = 0; i < SESSION_PAYLOAD_TYPES; i++)
		if (inst[i])
			inst[i]->ops->close(s, inst[i]);
	if (old == SESSION_ACTIVE) {
		ev.handle = s->handle;
		ev.user_id = s->user_id;
		ipmi_lan_event(s->srv, &ev);
	}
	ipmi_lan_session_put(s);
}

/* Evicts the oldest pending session; caller holds sessions->lock. */
static bool evict_oldest_pending(struct ipmi_lan_sessions *ss, u64 source_key,
				 bool same_source)
{
	struct ipmi_lan_session *s, *oldest = NULL;
	unsigned int bkt;

	hash_for_each(ss->by_id, bkt, s, node) {
		if (s->state != SESSION_PENDING_OPEN &&
		    s->state != SESSION_PENDING_RAKP3)
			continue;
		if (same_source && s->source_key != source_key)
			continue;
		if (!oldest || time_before(s->created, oldest->created))
			oldest = s;
	}
	if (!oldest)
		return false;
	unlink_locked(ss, oldest, IPMI_LAN_CLOSE_UNKNOWN);
	return true;
}

/*
 * A new pending session with a random, unused, non-zero id, with a
 * reference for the caller. On failure returns NULL and sets *status to an
 * RMCP+ status code.
 */
struct ipmi_lan_session *ipmi_lan_session_new(struct ipmi_lan_server *srv,
					      const struct ipmi_lan_endpoint *ep,
					      int *status)
{
	struct ipmi_lan_sessions *ss = &srv->sessions;
	struct ipmi_lan_session *s, *other;
	unsigned int same = 0, bkt;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (s)
		s->hs = kzalloc(sizeof(*s->hs), GFP_KERNEL);
	if (!s || !s->hs) {
		kfree(s);
		*status = RMCPP_STATUS_NO_RESOURCES;
		return NULL;
	}
	kref_init(&s->ref);		/* the table's */
	kref_get(&s->ref);		/* the caller's */
	spin_lock_init(&s->lock);
	ipmi_lan_reply_cache_init(&s->replies);
	s->srv = srv;
	s->state = SESSION_PENDING_OPEN;
	s->created = jiffies;
	s->last_rx = s->created;
	s->peer = *ep;
	s->origin = *ep;
	s->source_key = ipmi_lan_source_key(&ep->addr);

	spin_lock_bh(&ss->lock);
	hash_for_each(ss->by_id, bkt, other, node)
		if (other->source_key == s->source_key &&
		    other->state < SESSION_ACTIVE)
			same++;
	/* One source cannot hold more than a few pending sessions... */
	if (same >= PENDING_PER_SOURCE)
		evict_oldest_pending(ss, s->source_key, true);
	/* ...and a full pool drops its oldest (the spec's LRU advice). */
	else if (ss->n_pending >= PENDING_MAX)
		evict_oldest_pending(ss, 0, false);
	do {
		s->id = get_random_u32();
		if (!s->id)
			continue;
		hash_for_each_possible(ss->by_id, other, node, s->id)
			if (other->id == s->id)
				break;
	} while (!s->id || other);
	hash_add_rcu(ss->by_id, &s->node, s->id);
	ss->n_pending++;
	spin_unlock_bh(&ss->lock);
	return s;
}

struct ipmi_lan_session *ipmi_lan_session_lookup(struct ipmi_lan_server *srv,
						 u32 id)
{
	struct ipmi_lan_session *s;

	rcu_read_lock_bh();
	hash_for_each_possible_rcu(srv->sessions.by_id, s, node, id) {
		if (s->id == id) {
			if (!kref_get_unless_zero(&s->ref))
				s = NULL;
			rcu_read_unlock_bh();
			return s;
		}
	}
	rcu_read_unlock_bh();
	return NULL;
}

struct ipmi_lan_session *ipmi_lan_session_by_handle(struct ipmi_lan_server *srv,
						    u8 handle)
{
	struct ipmi_lan_sessions *ss = &srv->sessions;
	struct ipmi_lan_session *s = NULL;

	if (!handle || handle > SESSION_MAX_HANDLE)
		return NULL;
	spin_lock_bh(&ss->lock);
	if (ss->by_handle[handle]) {
		s = ss->by_handle[handle];
		kref_get(&s->ref);
	}
	spin_unlock_bh(&ss->lock);
	return s;
}

/*
 * Whether a handshake message comes from the address that opened the
 * session. The port may differ; the address may not: RAKP1 and RAKP3 from
 * anywhere else are dropped, so a spoofed source can neither restart a
 * login (a new Rc) nor have failures charged to someone else's address.
 */
bool ipmi_lan_session_from_origin(const struct ipmi_lan_session *s,
				  const struct sockaddr *addr)
{
	const struct ipmi_lan_endpoint *o = &s->origin;

	if (addr->sa_family != o->addr.sa_family)
		return false;
	if (addr->sa_family == AF_INET)
		return ((const struct sockaddr_in *)addr)->sin_addr.s_addr ==
		       o->addr4.sin_addr.s_addr;
	return ipv6_addr_equal(&((const struct sockaddr_in6 *)addr)->sin6_addr,
			       &o->addr6.sin6_addr);
}

/*
 * Moves a pending session to the active pool with a handle and publishes
 * its keys: *keys is moved into the session (and wiped) in the same step
 * that makes the session ACTIVE, so the receive path, which takes nothing
 * in-session from a pending session, can never see keys being built. On
 * failure *keys is left to the caller to free. Fails with -ENOSPC when the
 * channel's active sessions are all taken, or when every free handle is
 * still named by a forwarded request.
 */
int ipmi_lan_session_activate(struct ipmi_lan_session *s,
			      struct ipmi_lan_keys *keys)
{
	struct ipmi_lan_event ev = { .kind = IPMI_LAN_EVENT_SESSION_UP };
	struct ipmi_lan_server *srv = s->srv;
	struct ipmi_lan_sessions *ss = &srv->sessions;
	struct ipmi_lan_handshake_scratch *hs;
	unsigned int max, i;
	u8 h = 0;

	rcu_read_lock();
	max = ipmi_lan_channel_get(srv)->max_sessions;
	rcu_read_unlock();

	spin_lock_bh(&ss->lock);
	if (s->state == SESSION_DEAD || ss->n_active >= max)
		goto full;
	/*
	 * Round-robin, so a handle is not reused soon after a close; and
	 * never one a forwarded request still names, in flight or as a
	 * tombstone: the consumer's late answer to a closed session must
	 * not reach the next holder of its handle.
	 */
	for (i = 0; i < SESSION_MAX_HANDLE; i++) {
		h = ss->next_handle % SESSION_MAX_HANDLE + 1;
		ss->next_handle = h;
		if (!ss->by_handle[h] && !ipmi_lan_smi_handle_busy(srv, h))
			break;
		h = 0;
	}
	if (!h)
		goto full;
	ss->by_handle[h] = s;
	s->handle = h;
	ss->n_pending--;
	ss->n_active++;
	spin_lock(&s->lock);
	s->keys = *keys;
	s->last_rx = jiffies;
	hs = s->hs;
	s->hs = NULL;
	/* The keys (and all set up before) are visible to acquirers. */
	smp_store_release(&s->state, SESSION_ACTIVE);
	spin_unlock(&s->lock);
	spin_unlock_bh(&ss->lock);
	memzero_explicit(keys, sizeof(*keys));
	/* The handshake is over: nothing of it stays in the session. */
	kfree_sensitive(hs);
	ev.handle = s->handle;
	ev.user_id = s->user_id;
	spin_lock_bh(&s->lock);
	ev.peer = s->peer.addr.sa_family ? s->peer : s->origin;
	spin_unlock_bh(&s->lock);
	ipmi_lan_event(s->srv, &ev);
	return 0;
full:
	spin_unlock_bh(&ss->lock);
	return -ENOSPC;
}

void ipmi_lan_session_close(struct ipmi_lan_session *s)
{
	struct ipmi_lan_sessions *ss = &s->srv->sessions;

	spin_lock_bh(&ss->lock);
	unlink_locked(ss, s, IPMI_LAN_CLOSE_COMMAND);
	spin_unlock_bh(&ss->lock);
}

/*
 * Attaches a payload instance to an active session: -ENOTCONN if it is not
 * active, -EBUSY if an instance of that type is attached already.
 */
int ipmi_lan_session_payload_attach(struct ipmi_lan_session *s,
				    struct ipmi_lan_payload_inst *inst)
{
	int ret = 0;

	if (inst->type >= SESSION_PAYLOAD_TYPES || !inst->ops ||
	    !inst->ops->close)
		return -EINVAL;
	spin_lock_bh(&s->lock);
	if (s->state != SESSION_ACTIVE)
		ret = -ENOTCONN;
	else if (s->payloads[inst->type])
		ret = -EBUSY;
	else
		s->payloads[inst->type] = inst;
	spin_unlock_bh(&s->lock);
	return ret;
}

/*
 * Detaches a payload instance. Returns false if the session closed first:
 * then its close hook has run, or is running, instead.
 */
bool ipmi_lan_session_payload_detach(struct ipmi_lan_session *s,
				     struct ipmi_lan_payload_inst *inst)
{
	bool found = false;

	if (inst->type >= SESSION_PAYLOAD_TYPES)
		return false;
	spin_lock_bh(&s->lock);
	if (s->payloads[inst->type] == inst) {
		s->payloads[inst->type] = NULL;
		found = true;
	}
	spin_unlock_bh(&s->lock);
	return found;
}

/* Closes every session of a user that is gone. */
void ipmi_lan_session_close_user(struct ipmi_lan_server *srv, u8 user_id)
{
	struct ipmi_lan_sessions *ss = &srv->sessions;
	struct ipmi_lan_session *s;
	struct hlist_node *tmp;
	unsigned int bkt;

	spin_lock_bh(&ss->lock);
	hash_for_each_safe(ss->by_id, bkt, tmp, s, node)
		if (s->user_id == user_id)
			unlink_locked(ss, s, IPMI_LAN_CLOSE_CONFIG);
	spin_unlock_bh(&ss->lock);
}

unsigned int ipmi_lan_session_count(struct ipmi_lan_server *srv)
{
	return READ_ONCE(srv->sessions.n_active);
}

/*
 * The idle timeout, shortened as the active pool fills: above three
 * quarters of the limit it halves for every two further sessions, down to
 * a second, so a full pool frees slots from idle sessions quickly.
 */
static unsigned long idle_timeout(unsigned int timeout_s, unsigned int active,
				  unsigned int max)
{
	unsigned long t = timeout_s * HZ;
	unsigned int over = active > max * 3 / 4 ? active - max * 3 / 4 : 0;

	t >>= min((over + 1) / 2, 6U);
	return max_t(unsigned long, t, HZ);
}

/*
 * Whether the reaper closes s at now: an active session unheard of for
 * longer than idle, a pending one older than pending (all in jiffies).
 */
static bool session_expired(const struct ipmi_lan_session *s,
			    unsigned long now, unsigned long idle,
			    unsigned long pending)
{
	unsigned long last = READ_ONCE(s->last_rx);

	return s->state == SESSION_ACTIVE ? time_after(now, last + idle) :
	       time_after(now, s->created + pending);
}

/* Closes every session expired at now (jiffies). */
static void reap(struct ipmi_lan_server *srv, unsigned long now)
{
	struct ipmi_lan_sessions *ss = &srv->sessions;
	unsigned long idle, pending = msecs_to_jiffies(PENDING_LIFETIME_MS);
	struct ipmi_lan_session *s;
	struct hlist_node *tmp;
	unsigned int bkt, timeout, max;

	rcu_read_lock();
	timeout = ipmi_lan_channel_get(srv)->session_timeout;
	max = ipmi_lan_channel_get(srv)->max_sessions;
	rcu_read_unlock();

	spin_lock_bh(&ss->lock);
	idle = idle_timeout(timeout, ss->n_active, max);
	hash_for_each_safe(ss->by_id, bkt, tmp, s, node)
		if (session_expired(s, now, idle, pending))
			unlink_locked(ss, s, IPMI_LAN_CLOSE_TIMEOUT);
	spin_unlock_bh(&ss->lock);
}

static void reaper(struct work_struct *work)
{
	struct ipmi_lan_sessions *ss =
		container_of(to_delayed_work(work), struct ipmi_lan_sessions, reaper);

	reap(container_of(ss, struct ipmi_lan_server, sessions), jiffies);
	queue_delayed_work(ipmi_lan_wq, &ss->reaper, HZ);
}

void ipmi_lan_sessions_init(struct ipmi_lan_server *srv)
{
	struct ipmi_lan_sessions *ss = &srv->sessions;

	spin_lock_init(&ss->lock);
	hash_init(ss->by_id);
	INIT_DEFERRABLE_WORK(&ss->reaper, reaper);
	queue_delayed_work(ipmi_lan_wq, &ss->reaper, HZ);
}

/* Closes every session; the frees run after a grace period. */
void ipmi_lan_sessions_uninit(struct ipmi_lan_server *srv)
{
	struct ipmi_lan_sessions *ss = &srv->sessions;
	struct ipmi_lan_session *s;
	struct hlist_node *tmp;
	unsigned int bkt;

	cancel_delayed_work_sync(&ss->reaper);
	spin_lock_bh(&ss->lock);
	hash_for_each_safe(ss->by_id, bkt, tmp, s, node)
		unlink_locked(ss, s, IPMI_LAN_CLOSE_CONFIG);
	spin_unlock_bh(&ss->lock);
}
