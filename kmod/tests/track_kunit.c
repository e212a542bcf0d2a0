// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of request tracking (track.c), compiled in with its static
 * functions, on a fake clock: every call is given made-up jiffies, from
 * 0, INITIAL_JIFFIES, across time_after()'s sign boundary near LONG_MAX
 * and across the wrap at ULONG_MAX. Nothing sleeps and no timer runs.
 *
 * - absorption: a retransmission (same session, same key) adds nothing,
 *   anything else is a request of its own;
 * - matching: an answer finds only the request of exactly its handle,
 *   rqSeq, netfn and cmd, once;
 * - the deadline: not due one jiffy before now + timeout, due at it:
 *   handed out for C3h once, then a tombstone;
 * - tombstones: the handle stays busy for TRACK_TOMBSTONE_MS from the
 *   C3h, then is free; a session's own tombstone gives way to its new
 *   request with the same key;
 * - the caps: 8 waiting per session, 64 entries in all with the oldest
 *   tombstone evicted, C0h when there is none;
 * - a session that is not active adds nothing (D5h);
 * - the next deadline, a deadline of jiffy 0 included;
 * - the flush: every waiting request handed out once, every tombstone
 *   dropped, nothing added afterwards (C1h).
 * - the reply cache: found for exactly its key and data until
 *   REPLY_CACHE_MS pass, long responses not kept, the oldest slot reused.
 *
 * Sessions are plain memory with a kref, active, session i holding
 * handle i + 1; the test holds one reference to each. The fake
 * ipmi_lan_session_put() (track_stubs.c) counts. Each test's exit flushes
 * the tracker, puts what it hands out and checks that every session is
 * back to the test's one reference and that no entry is left.
 */

#include "../track.c"

#include "track_stubs.h"

#include <kunit/test.h>
#include <linux/string.h>

enum {
	N_SESSIONS = 12,
	/* The default forward timeout, in ms. */
	FWD_MS = 800,
	H0 = 1,				/* session 0's handle */
	SEQ = 5, NETFN = 0x00, CMD = 0x01, HASH = 0x1234,
};

struct track_test {
	struct ipmi_lan_tracker t;
	struct ipmi_lan_session *s[N_SESSIONS];
	struct ipmi_lan_track_req out[TRACK_MAX];
};

static unsigned long fwd(void)
{
	return msecs_to_jiffies(FWD_MS);
}

static unsigned long tomb(void)
{
	return msecs_to_jiffies(TRACK_TOMBSTONE_MS);
}

static struct ipmi_lan_tracker *tracker(struct kunit *test)
{
	struct track_test *tt = test->priv;

	return &tt->t;
}

static struct ipmi_lan_session *sess(struct kunit *test, unsigned int i)
{
	struct track_test *tt = test->priv;

	return tt->s[i];
}

/* The references the tracker holds to session i. */
static unsigned int refs(struct kunit *test, unsigned int i)
{
	return kref_read(&sess(test, i)->ref) - 1;
}

/* A request with two bytes of data. */
static struct ipmi_lan_msg request(u8 seq, u8 netfn, u8 cmd)
{
	struct ipmi_lan_msg req = {
		.rs_sa = IPMI_BMC_SA,
		.netfn = netfn,
		.rq_sa = IPMI_REMOTE_SWID,
		.rq_seq = seq,
		.cmd = cmd,
		.data = (const u8 *)"\x01\x02",
		.data_len = 2,
	};

	return req;
}

static int add_hash(struct kunit *test, unsigned int i, u8 seq, u8 netfn,
		    u8 cmd, u32 hash, unsigned long now, unsigned long timeout)
{
	struct ipmi_lan_msg req = request(seq, netfn, cmd);

	return ipmi_lan_track_add(tracker(test), sess(test, i), &req, hash,
				  NULL, now, timeout);
}

static int add(struct kunit *test, unsigned int i, u8 seq,
	       unsigned long now, unsigned long timeout)
{
	return add_hash(test, i, seq, NETFN, CMD, HASH, now, timeout);
}

static bool match(struct kunit *test, u8 handle, u8 seq, u8 netfn, u8 cmd,
		  struct ipmi_lan_track_req *out)
{
	struct ipmi_lan_track_key key = {
		.handle = handle,
		.rq_seq = seq,
		.netfn = netfn,
		.cmd = cmd,
	};

	return ipmi_lan_track_match(tracker(test), &key, out);
}

/* Matches and answers (puts) a request of session i, or says it cannot. */
static bool answer(struct kunit *test, unsigned int i, u8 seq)
{
	struct ipmi_lan_track_req r;

	if (!match(test, i + 1, seq, NETFN, CMD, &r))
		return false;
	KUNIT_EXPECT_PTR_EQ(test, r.s, sess(test, i));
	ipmi_lan_session_put(r.s);
	return true;
}

/* Expires at now with room for max; puts what comes out; how many. */
static unsigned int expire(struct kunit *test, unsigned long now,
			   unsigned int max)
{
	struct track_test *tt = test->priv;
	unsigned int n, i;

	n = ipmi_lan_track_expire(&tt->t, now, tt->out, max);
	KUNIT_EXPECT_LE(test, n, max);
	for (i = 0; i < n && i < max; i++)
		ipmi_lan_session_put(tt->out[i].s);
	return n;
}

static bool busy(struct kunit *test, u8 handle)
{
	return ipmi_lan_track_handle_busy(tracker(test), handle);
}

static int track_test_init(struct kunit *test)
{
	struct track_test *tt = kunit_kzalloc(test, sizeof(*tt), GFP_KERNEL);
	unsigned int i;

	if (!tt)
		return -ENOMEM;
	for (i = 0; i < N_SESSIONS; i++) {
		tt->s[i] = kunit_kzalloc(test, sizeof(*tt->s[i]), GFP_KERNEL);
		if (!tt->s[i])
			return -ENOMEM;
		kref_init(&tt->s[i]->ref);
		spin_lock_init(&tt->s[i]->lock);
		tt->s[i]->state = SESSION_ACTIVE;
		tt->s[i]->handle = i + 1;
	}
	ipmi_lan_track_init(&tt->t);
	atomic_set(&ipmi_lan_fake_puts, 0);
	atomic_set(&ipmi_lan_fake_released, 0);
	test->priv = tt;
	return 0;
}

static void track_test_exit(struct kunit *test)
{
	struct track_test *tt = test->priv;
	unsigned int n, i;

	if (!tt)
		return;
	do {
		n = ipmi_lan_track_flush(&tt->t, tt->out, ARRAY_SIZE(tt->out));
		for (i = 0; i < n; i++)
			ipmi_lan_session_put(tt->out[i].s);
	} while (n == ARRAY_SIZE(tt->out));
	KUNIT_EXPECT_EQ(test, tt->t.n, 0U);
	KUNIT_EXPECT_TRUE(test, list_empty(&tt->t.entries));
	KUNIT_EXPECT_NULL(test, memchr_inv(tt->t.per_handle, 0,
					   sizeof(tt->t.per_handle)));
	for (i = 0; i < N_SESSIONS; i++)
		KUNIT_EXPECT_EQ_MSG(test, kref_read(&tt->s[i]->ref), 1U,
				    "session %u", i);
	KUNIT_EXPECT_EQ(test, atomic_read(&ipmi_lan_fake_released), 0);
}

/* --- the limits and codes smi.c relies on -------------------------------- */

static void limits_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, TRACK_MAX, 64);
	KUNIT_EXPECT_EQ(test, TRACK_PER_SESSION, 8);
	KUNIT_EXPECT_EQ(test, TRACK_TOMBSTONE_MS, 10000);
	/* 0 is "forwarded, the answer comes later" to cmd.c. */
	KUNIT_EXPECT_EQ(test, TRACK_ADDED, 0);
	KUNIT_EXPECT_EQ(test, IPMI_CC_NODE_BUSY, 0xc0);
	KUNIT_EXPECT_EQ(test, IPMI_CC_INVALID_CMD, 0xc1);
	KUNIT_EXPECT_EQ(test, IPMI_CC_NOT_IN_STATE, 0xd5);
}

/* --- absorption ---------------------------------------------------------- */

enum { SAME, OTHER, SAME_HANDLE };

struct absorb_case {
	const char *desc;
	u8 who;			/* the second request's session */
	u8 seq, netfn, cmd;
	u32 hash;
	int want;
	unsigned int n;		/* entries afterwards */
};

static const struct absorb_case absorb_cases[] = {
	{ "same session, same key", SAME, SEQ, NETFN, CMD, HASH,
	  TRACK_ABSORBED, 1 },
	{ "same key, other data", SAME, SEQ, NETFN, CMD, HASH + 1,
	  TRACK_ABSORBED, 1 },
	{ "other rqSeq", SAME, SEQ + 1, NETFN, CMD, HASH, TRACK_ADDED, 2 },
	{ "other netfn", SAME, SEQ, NETFN + 2, CMD, HASH, TRACK_ADDED, 2 },
	{ "other cmd", SAME, SEQ, NETFN, CMD + 1, HASH, TRACK_ADDED, 2 },
	{ "other session, same rqSeq, netfn, cmd", OTHER, SEQ, NETFN, CMD,
	  HASH, TRACK_ADDED, 2 },
	/*
	 * Activation never gives a busy handle, so this cannot happen; if
	 * it did, the entry would be taken for the session's own tombstone.
	 */
	{ "other session naming the same handle", SAME_HANDLE, SEQ, NETFN,
	  CMD, HASH, TRACK_ADDED, 1 },
};

static void absorb_desc(const struct absorb_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(absorb, absorb_cases, absorb_desc);

static void absorb_test(struct kunit *test)
{
	const struct absorb_case *c = test->param_value;
	struct ipmi_lan_tracker *t = tracker(test);
	unsigned int who = c->who == SAME ? 0 : 1;
	unsigned long now = 1000;

	if (c->who == SAME_HANDLE)
		sess(test, 1)->handle = H0;
	KUNIT_ASSERT_EQ(test, add(test, 0, SEQ, now, fwd()), TRACK_ADDED);
	KUNIT_EXPECT_EQ(test, refs(test, 0), 1U);

	KUNIT_EXPECT_EQ(test, add_hash(test, who, c->seq, c->netfn, c->cmd,
				       c->hash, now + 1, fwd()), c->want);
	KUNIT_EXPECT_EQ(test, t->n, c->n);
	if (c->want == TRACK_ABSORBED) {
		/* Nothing taken: one entry, one reference. */
		KUNIT_EXPECT_EQ(test, refs(test, 0), 1U);
		KUNIT_EXPECT_EQ(test, t->per_handle[H0], 1);
	} else {
		KUNIT_EXPECT_EQ(test, refs(test, who), who ? 1U : 2U);
	}
	/* Absorbing again changes nothing. */
	KUNIT_EXPECT_EQ(test, add_hash(test, who, c->seq, c->netfn, c->cmd,
				       c->hash, now + 2, fwd()),
			TRACK_ABSORBED);
	KUNIT_EXPECT_EQ(test, t->n, c->n);
}

/* --- matching ------------------------------------------------------------ */

struct match_case {
	const char *desc;
	u8 handle, seq, netfn, cmd;
	int want;		/* the session whose request it finds, or -1 */
};

static const struct match_case match_cases[] = {
	{ "exact key", H0, SEQ, NETFN, CMD, 0 },
	{ "exact key of the other handle", H0 + 1, SEQ, NETFN, CMD, 1 },
	{ "other rqSeq", H0, SEQ + 1, NETFN, CMD, -1 },
	{ "rqSeq off by one below", H0, SEQ - 1, NETFN, CMD, -1 },
	{ "the response netfn", H0, SEQ, NETFN + 1, CMD, -1 },
	{ "other netfn", H0, SEQ, NETFN + 2, CMD, -1 },
	{ "other cmd", H0, SEQ, NETFN, CMD + 1, -1 },
	{ "a handle nobody named", H0 + 2, SEQ, NETFN, CMD, -1 },
	{ "handle 0", 0, SEQ, NETFN, CMD, -1 },
	{ "every field different", H0 + 3, SEQ + 3, NETFN + 4,
	  CMD + 5, -1 },
};

static void match_desc(const struct match_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(match, match_cases, match_desc);

/*
 * Two requests with the same rqSeq, netfn and cmd from sessions 0 and 1
 * (handles 1 and 2): an answer finds the one of exactly its key, with the
 * request's header and data hash and a reference to its session, once.
 */
static void match_test(struct kunit *test)
{
	const struct match_case *c = test->param_value;
	struct ipmi_lan_tracker *t = tracker(test);
	struct ipmi_lan_track_req r;
	unsigned long now = 1000;

	KUNIT_ASSERT_EQ(test, add_hash(test, 0, SEQ, NETFN, CMD, HASH, now,
				       fwd()), TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, add_hash(test, 1, SEQ, NETFN, CMD, HASH + 1, now,
				       fwd()), TRACK_ADDED);

	memset(&r, 0, sizeof(r));
	if (c->want < 0) {
		KUNIT_EXPECT_FALSE(test, match(test, c->handle, c->seq,
					       c->netfn, c->cmd, &r));
		KUNIT_EXPECT_NULL(test, r.s);
		KUNIT_EXPECT_EQ(test, t->n, 2U);
		KUNIT_EXPECT_EQ(test, refs(test, 0), 1U);
		KUNIT_EXPECT_EQ(test, refs(test, 1), 1U);
		return;
	}
	KUNIT_ASSERT_TRUE(test, match(test, c->handle, c->seq, c->netfn,
				      c->cmd, &r));
	KUNIT_EXPECT_PTR_EQ(test, r.s, sess(test, c->want));
	KUNIT_EXPECT_EQ(test, r.req.rq_seq, SEQ);
	KUNIT_EXPECT_EQ(test, r.req.netfn, NETFN);
	KUNIT_EXPECT_EQ(test, r.req.cmd, CMD);
	KUNIT_EXPECT_EQ(test, r.req.rs_sa, IPMI_BMC_SA);
	KUNIT_EXPECT_EQ(test, r.req.rq_sa, IPMI_REMOTE_SWID);
	KUNIT_EXPECT_NULL(test, r.req.data);
	KUNIT_EXPECT_EQ(test, r.req.data_len, 0U);
	KUNIT_EXPECT_EQ(test, r.req_hash, (u32)HASH + c->want);
	/* The reference came out with it. */
	KUNIT_EXPECT_EQ(test, refs(test, c->want), 1U);
	KUNIT_EXPECT_EQ(test, t->n, 1U);
	KUNIT_EXPECT_FALSE(test, busy(test, c->handle));
	KUNIT_EXPECT_TRUE(test, busy(test, H0 + 1 - c->want));
	ipmi_lan_session_put(r.s);
	KUNIT_EXPECT_EQ(test, refs(test, c->want), 0U);

	/* Once only. */
	KUNIT_EXPECT_FALSE(test, match(test, c->handle, c->seq, c->netfn,
				       c->cmd, &r));
	KUNIT_EXPECT_EQ(test, t->n, 1U);
}

/* --- the deadline and the tombstone -------------------------------------- */

struct clock_case {
	const char *desc;
	unsigned long at;	/* when the request comes, or is due */
	bool due_at;		/* at is the deadline, not the arrival */
	unsigned int timeout_ms;
	unsigned long late;	/* the sweep comes this late */
};

static const struct clock_case clock_cases[] = {
	{ "from 0", 0, false, FWD_MS, 0 },
	{ "from 0, the sweep a jiffy late", 0, false, FWD_MS, 1 },
	{ "from 0, the sweep a second late", 0, false, FWD_MS, HZ },
	{ "from 0, the shortest timeout", 0, false, 50, 0 },
	{ "from 0, the longest timeout", 0, false, 10000, 0 },
	{ "from boot", INITIAL_JIFFIES, false, FWD_MS, 0 },
	{ "across the sign", LONG_MAX - 10, false, FWD_MS, 0 },
	{ "due at LONG_MAX + 1", (unsigned long)LONG_MAX + 1, true, FWD_MS,
	  0 },
	{ "across the wrap", ULONG_MAX - 10, false, FWD_MS, 0 },
	{ "across the wrap, the sweep late", ULONG_MAX - 10, false, FWD_MS,
	  HZ },
	{ "due at ULONG_MAX", ULONG_MAX, true, FWD_MS, 0 },
	{ "due at jiffy 0", 0, true, FWD_MS, 0 },
	{ "due at jiffy 0, the sweep late", 0, true, FWD_MS, 1 },
	/* With HZ dividing 1000, the tombstone's deadline is jiffy 0. */
	{ "tombstone due at jiffy 0", ULONG_MAX - 10 * HZ, true, FWD_MS, 1 },
};

/* When the request of case c comes. */
static unsigned long base_of(const struct clock_case *c)
{
	return c->due_at ? c->at - msecs_to_jiffies(c->timeout_ms) : c->at;
}

static void clock_desc(const struct clock_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(clock, clock_cases, clock_desc);

/*
 * Not due a jiffy before base + timeout, due at it (or whenever the sweep
 * comes after): handed out once with its session's reference, for C3h;
 * then a tombstone that no answer finds and that is not handed out again.
 */
static void timeout_test(struct kunit *test)
{
	const struct clock_case *c = test->param_value;
	struct track_test *tt = test->priv;
	struct ipmi_lan_tracker *t = &tt->t;
	unsigned long timeout = msecs_to_jiffies(c->timeout_ms);
	unsigned long due = base_of(c) + timeout, sweep = due + c->late, next;

	KUNIT_ASSERT_EQ(test, add(test, 0, SEQ, base_of(c), timeout),
			TRACK_ADDED);
	KUNIT_ASSERT_TRUE(test, ipmi_lan_track_next(t, &next));
	KUNIT_EXPECT_EQ(test, next, due);

	KUNIT_EXPECT_EQ(test, expire(test, base_of(c), 4), 0U);
	KUNIT_EXPECT_EQ(test, expire(test, due - 1, 4), 0U);
	KUNIT_EXPECT_EQ(test, refs(test, 0), 1U);

	KUNIT_ASSERT_EQ(test, ipmi_lan_track_expire(t, sweep, tt->out, 4), 1U);
	KUNIT_EXPECT_PTR_EQ(test, tt->out[0].s, sess(test, 0));
	KUNIT_EXPECT_EQ(test, tt->out[0].req.rq_seq, SEQ);
	KUNIT_EXPECT_EQ(test, tt->out[0].req.netfn, NETFN);
	KUNIT_EXPECT_EQ(test, tt->out[0].req.cmd, CMD);
	KUNIT_EXPECT_EQ(test, tt->out[0].req_hash, (u32)HASH);
	/* The reference is the caller's now: the tombstone holds none. */
	KUNIT_EXPECT_EQ(test, refs(test, 0), 1U);
	ipmi_lan_session_put(tt->out[0].s);
	KUNIT_EXPECT_EQ(test, refs(test, 0), 0U);

	/* A tombstone: counted, its handle busy, found by no answer. */
	KUNIT_EXPECT_EQ(test, t->n, 1U);
	KUNIT_EXPECT_TRUE(test, busy(test, H0));
	KUNIT_EXPECT_FALSE(test, answer(test, 0, SEQ));
	KUNIT_EXPECT_EQ(test, expire(test, sweep, 4), 0U);
	KUNIT_EXPECT_EQ(test, expire(test, sweep + 1, 4), 0U);
	KUNIT_EXPECT_EQ(test, t->n, 1U);
	/* Answered C3h once; the next deadline is the tombstone's. */
	KUNIT_ASSERT_TRUE(test, ipmi_lan_track_next(t, &next));
	KUNIT_EXPECT_EQ(test, next, sweep + tomb());
}

/*
 * A tombstone keeps its handle busy for TRACK_TOMBSTONE_MS from the sweep
 * that made it, to the jiffy, even after its session closed; then the
 * handle is free and nothing is left.
 */
static void tombstone_test(struct kunit *test)
{
	const struct clock_case *c = test->param_value;
	struct ipmi_lan_tracker *t = tracker(test);
	unsigned long timeout = msecs_to_jiffies(c->timeout_ms);
	unsigned long sweep = base_of(c) + timeout + c->late, next;

	KUNIT_ASSERT_EQ(test, add(test, 0, SEQ, base_of(c), timeout),
			TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, expire(test, sweep, 4), 1U);
	sess(test, 0)->state = SESSION_DEAD;

	KUNIT_EXPECT_EQ(test, expire(test, sweep + tomb() / 2, 4), 0U);
	KUNIT_EXPECT_TRUE(test, busy(test, H0));
	KUNIT_EXPECT_EQ(test, expire(test, sweep + tomb() - 1, 4), 0U);
	KUNIT_EXPECT_TRUE(test, busy(test, H0));
	KUNIT_EXPECT_EQ(test, t->n, 1U);

	KUNIT_EXPECT_EQ(test, expire(test, sweep + tomb(), 4), 0U);
	KUNIT_EXPECT_FALSE(test, busy(test, H0));
	KUNIT_EXPECT_EQ(test, t->n, 0U);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_track_next(t, &next));
}

/*
 * The request's own tombstone gives way: the same key from the same
 * session after its C3h is a new request (not absorbed, the tombstone
 * replaced, not kept beside it), which waits, is absorbed, matched, and
 * times out again in its turn.
 */
static void own_tombstone_test(struct kunit *test)
{
	const struct clock_case *c = test->param_value;
	struct ipmi_lan_tracker *t = tracker(test);
	unsigned long timeout = msecs_to_jiffies(c->timeout_ms);
	unsigned long sweep = base_of(c) + timeout + c->late, again = sweep + 1;
	struct ipmi_lan_track_req r;
	unsigned long next;

	KUNIT_ASSERT_EQ(test, add(test, 0, SEQ, base_of(c), timeout),
			TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, expire(test, sweep, 4), 1U);

	KUNIT_EXPECT_EQ(test, add_hash(test, 0, SEQ, NETFN, CMD, HASH + 7,
				       again, timeout), TRACK_ADDED);
	KUNIT_EXPECT_EQ(test, t->n, 1U);
	KUNIT_EXPECT_EQ(test, t->per_handle[H0], 1);
	KUNIT_EXPECT_EQ(test, refs(test, 0), 1U);
	/* Waiting, with the new deadline: the tombstone's is gone. */
	KUNIT_ASSERT_TRUE(test, ipmi_lan_track_next(t, &next));
	KUNIT_EXPECT_EQ(test, next, again + timeout);
	KUNIT_EXPECT_EQ(test, add(test, 0, SEQ, again + 1, timeout),
			TRACK_ABSORBED);
	KUNIT_EXPECT_EQ(test, t->n, 1U);

	KUNIT_ASSERT_TRUE(test, match(test, H0, SEQ, NETFN, CMD, &r));
	KUNIT_EXPECT_EQ(test, r.req_hash, (u32)HASH + 7);
	ipmi_lan_session_put(r.s);
	KUNIT_EXPECT_EQ(test, t->n, 0U);

	/* Once more, and this time it times out again. */
	KUNIT_ASSERT_EQ(test, add(test, 0, SEQ, again, timeout), TRACK_ADDED);
	KUNIT_EXPECT_EQ(test, expire(test, again + timeout - 1, 4), 0U);
	KUNIT_EXPECT_EQ(test, expire(test, again + timeout, 4), 1U);
	KUNIT_EXPECT_EQ(test, t->n, 1U);
}

/* --- the caps ------------------------------------------------------------ */

/*
 * Eight waiting requests per session, then C0h with no reference taken;
 * a retransmission at the cap is still absorbed; another session is not
 * held back; an answer or a C3h frees a slot (tombstones do not count).
 */
static void per_session_test(struct kunit *test)
{
	const struct clock_case *c = test->param_value;
	struct ipmi_lan_tracker *t = tracker(test);
	unsigned long now = base_of(c);
	unsigned long timeout = msecs_to_jiffies(c->timeout_ms);
	unsigned int i;

	for (i = 0; i < TRACK_PER_SESSION; i++)
		KUNIT_EXPECT_EQ(test, add(test, 0, i, now, timeout),
				TRACK_ADDED);
	KUNIT_EXPECT_EQ(test, add(test, 0, 8, now, timeout),
			IPMI_CC_NODE_BUSY);
	KUNIT_EXPECT_EQ(test, refs(test, 0), 8U);
	KUNIT_EXPECT_EQ(test, t->n, 8U);
	KUNIT_EXPECT_EQ(test, add(test, 0, 3, now, timeout), TRACK_ABSORBED);
	KUNIT_EXPECT_EQ(test, add(test, 1, 8, now, timeout), TRACK_ADDED);

	KUNIT_EXPECT_TRUE(test, answer(test, 0, 3));
	KUNIT_EXPECT_EQ(test, add(test, 0, 8, now, timeout), TRACK_ADDED);
	KUNIT_EXPECT_EQ(test, add(test, 0, 9, now, timeout),
			IPMI_CC_NODE_BUSY);

	/* All nine C3h: eight tombstones of session 0 hold no slot. */
	KUNIT_EXPECT_EQ(test, expire(test, now + timeout, 16), 9U);
	for (i = 10; i < 10 + TRACK_PER_SESSION; i++)
		KUNIT_EXPECT_EQ(test, add(test, 0, i, now + timeout, timeout),
				TRACK_ADDED);
	KUNIT_EXPECT_EQ(test, add(test, 0, 20, now + timeout, timeout),
			IPMI_CC_NODE_BUSY);
	KUNIT_EXPECT_EQ(test, refs(test, 0), 8U);
	KUNIT_EXPECT_EQ(test, t->n, 17U);
}

/*
 * 64 entries in all: a new request takes the place of the oldest
 * tombstone (the first made, not the first added), and gets C0h when
 * there is no tombstone left.
 */
static void global_test(struct kunit *test)
{
	const struct clock_case *c = test->param_value;
	struct ipmi_lan_tracker *t = tracker(test);
	unsigned long now = base_of(c);
	unsigned long timeout = msecs_to_jiffies(c->timeout_ms);
	unsigned int i, j, n = 0;

	/* Session 1 first, due a jiffy after session 2. */
	KUNIT_ASSERT_EQ(test, add(test, 1, 0, now, timeout + 1), TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, add(test, 2, 0, now, timeout), TRACK_ADDED);
	/* 62 more, due much later, from sessions 3..10. */
	for (i = 3; n < TRACK_MAX - 2; i++) {
		for (j = 0; j < TRACK_PER_SESSION && n < TRACK_MAX - 2; j++) {
			KUNIT_ASSERT_EQ(test, add(test, i, j, now, 9 * timeout),
					TRACK_ADDED);
			n++;
		}
	}
	KUNIT_ASSERT_EQ(test, t->n, (unsigned int)TRACK_MAX);

	/* Full, no tombstone: busy, nothing taken, nothing evicted. */
	KUNIT_EXPECT_EQ(test, add(test, 11, 1, now, timeout),
			IPMI_CC_NODE_BUSY);
	KUNIT_EXPECT_EQ(test, refs(test, 11), 0U);
	KUNIT_EXPECT_EQ(test, t->n, (unsigned int)TRACK_MAX);

	KUNIT_EXPECT_EQ(test, expire(test, now + timeout, 4), 1U);
	KUNIT_EXPECT_EQ(test, expire(test, now + timeout + 1, 4), 1U);
	KUNIT_EXPECT_TRUE(test, busy(test, 2));
	KUNIT_EXPECT_TRUE(test, busy(test, 3));

	/* Session 2's tombstone is the older: it goes first. */
	KUNIT_EXPECT_EQ(test, add(test, 11, 1, now + timeout + 1, timeout),
			TRACK_ADDED);
	KUNIT_EXPECT_FALSE(test, busy(test, 3));
	KUNIT_EXPECT_TRUE(test, busy(test, 2));
	KUNIT_EXPECT_EQ(test, t->n, (unsigned int)TRACK_MAX);
	KUNIT_EXPECT_EQ(test, add(test, 11, 2, now + timeout + 1, timeout),
			TRACK_ADDED);
	KUNIT_EXPECT_FALSE(test, busy(test, 2));
	KUNIT_EXPECT_EQ(test, t->n, (unsigned int)TRACK_MAX);

	/* No tombstone left; no waiting request was evicted. */
	KUNIT_EXPECT_EQ(test, add(test, 11, 3, now + timeout + 1, timeout),
			IPMI_CC_NODE_BUSY);
	KUNIT_EXPECT_EQ(test, refs(test, 11), 2U);
	for (i = 3; i <= 10; i++)
		KUNIT_EXPECT_EQ_MSG(test, refs(test, i), i < 10 ? 8U : 6U,
				    "session %u", i);
	KUNIT_EXPECT_EQ(test, t->n, (unsigned int)TRACK_MAX);
}

/* --- sessions that are not active ---------------------------------------- */

struct state_case {
	const char *desc;
	enum ipmi_lan_session_state state;
	int want;
};

static const struct state_case state_cases[] = {
	{ "active", SESSION_ACTIVE, TRACK_ADDED },
	{ "pending Open Session", SESSION_PENDING_OPEN, IPMI_CC_NOT_IN_STATE },
	{ "pending RAKP3", SESSION_PENDING_RAKP3, IPMI_CC_NOT_IN_STATE },
	{ "closed", SESSION_DEAD, IPMI_CC_NOT_IN_STATE },
};

static void state_desc(const struct state_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(state, state_cases, state_desc);

/*
 * Only an active session adds; a closed one adds nothing, takes no
 * reference and leaves its handle free, for a new session to have.
 */
static void state_test(struct kunit *test)
{
	const struct state_case *c = test->param_value;
	struct ipmi_lan_tracker *t = tracker(test);

	sess(test, 0)->state = c->state;
	KUNIT_EXPECT_EQ(test, add(test, 0, SEQ, 0, fwd()), c->want);
	KUNIT_EXPECT_EQ(test, t->n, c->want == TRACK_ADDED ? 1U : 0U);
	KUNIT_EXPECT_EQ(test, refs(test, 0), c->want == TRACK_ADDED ? 1U : 0U);
	KUNIT_EXPECT_EQ(test, busy(test, H0), c->want == TRACK_ADDED);
}

/*
 * A session that closes while its request waits: a retransmission is
 * refused (D5h, not absorbed); the request is still handed out to an
 * answer or at its deadline (the caller sees the session closed), and
 * its handle stays busy until then and through the tombstone.
 */
static void closed_while_waiting_test(struct kunit *test)
{
	struct track_test *tt = test->priv;
	struct ipmi_lan_tracker *t = &tt->t;
	unsigned long now = 0, timeout = fwd();

	KUNIT_ASSERT_EQ(test, add(test, 0, SEQ, now, timeout), TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, add(test, 0, SEQ + 1, now, timeout),
			TRACK_ADDED);
	sess(test, 0)->state = SESSION_DEAD;
	KUNIT_EXPECT_EQ(test, add(test, 0, SEQ, now + 1, timeout),
			IPMI_CC_NOT_IN_STATE);
	KUNIT_EXPECT_EQ(test, add(test, 0, SEQ + 2, now + 1, timeout),
			IPMI_CC_NOT_IN_STATE);
	KUNIT_EXPECT_EQ(test, t->n, 2U);
	KUNIT_EXPECT_TRUE(test, busy(test, H0));

	KUNIT_EXPECT_TRUE(test, answer(test, 0, SEQ));
	KUNIT_EXPECT_TRUE(test, busy(test, H0));
	KUNIT_ASSERT_EQ(test, ipmi_lan_track_expire(t, now + timeout, tt->out,
						    4), 1U);
	KUNIT_EXPECT_PTR_EQ(test, tt->out[0].s, sess(test, 0));
	KUNIT_EXPECT_EQ(test, tt->out[0].req.rq_seq, SEQ + 1);
	ipmi_lan_session_put(tt->out[0].s);
	KUNIT_EXPECT_TRUE(test, busy(test, H0));
	KUNIT_EXPECT_EQ(test, expire(test, now + timeout + tomb(), 4), 0U);
	KUNIT_EXPECT_FALSE(test, busy(test, H0));
}

/* --- the next deadline --------------------------------------------------- */

struct next_case {
	const char *desc;
	unsigned int n;
	unsigned long due[4];
	unsigned long want;
};

static const struct next_case next_cases[] = {
	{ "none", 0, {}, 0 },
	{ "one", 1, { 1000 }, 1000 },
	{ "the earliest of three", 3, { 5000, 3000, 9000 }, 3000 },
	{ "jiffy 0 alone", 1, { 0 }, 0 },
	{ "jiffy 0 first", 2, { 0, 5 }, 0 },
	{ "jiffy 0 last", 2, { 5, 0 }, 0 },
	{ "ULONG_MAX before 0", 2, { 0, ULONG_MAX }, ULONG_MAX },
	{ "across the wrap", 3, { 3, ULONG_MAX - 1, 1 }, ULONG_MAX - 1 },
	{ "across the sign", 2, { (unsigned long)LONG_MAX + 2, LONG_MAX - 1 },
	  LONG_MAX - 1 },
};

static void next_desc(const struct next_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(next, next_cases, next_desc);

static void next_test(struct kunit *test)
{
	const struct next_case *c = test->param_value;
	struct ipmi_lan_tracker *t = tracker(test);
	unsigned long when = 0x5a5a;
	unsigned int i;

	for (i = 0; i < c->n; i++)
		KUNIT_ASSERT_EQ(test, add(test, i, SEQ, c->due[i] - 10, 10),
				TRACK_ADDED);
	KUNIT_EXPECT_EQ(test, ipmi_lan_track_next(t, &when), c->n > 0);
	if (c->n)
		KUNIT_EXPECT_EQ(test, when, c->want);
}

/* --- busy handles -------------------------------------------------------- */

/* A handle is busy while any entry names it, and only then. */
static void handle_busy_test(struct kunit *test)
{
	unsigned int h;

	for (h = 0; h < TRACK_HANDLES; h++)
		KUNIT_EXPECT_FALSE_MSG(test, busy(test, h), "handle %u", h);
	KUNIT_ASSERT_EQ(test, add(test, 0, 1, 0, fwd()), TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, add(test, 0, 2, 0, fwd()), TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, add(test, 4, 1, 0, fwd()), TRACK_ADDED);
	for (h = 0; h < TRACK_HANDLES; h++)
		KUNIT_EXPECT_EQ_MSG(test, busy(test, h), h == 1 || h == 5,
				    "handle %u", h);
	KUNIT_EXPECT_TRUE(test, answer(test, 0, 1));
	KUNIT_EXPECT_TRUE(test, busy(test, 1));
	KUNIT_EXPECT_TRUE(test, answer(test, 0, 2));
	KUNIT_EXPECT_FALSE(test, busy(test, 1));
	KUNIT_EXPECT_TRUE(test, busy(test, 5));
}

/* --- batches ------------------------------------------------------------- */

/*
 * Ten requests due, one not: handed out four, four and two at a time,
 * each exactly once, oldest first; the one not due stays waiting.
 */
static void expire_batch_test(struct kunit *test)
{
	struct track_test *tt = test->priv;
	struct ipmi_lan_tracker *t = &tt->t;
	unsigned long timeout = fwd(), now = ULONG_MAX - 2;
	unsigned int seen[2] = { 0, 0 }, i, k, n, total = 0;

	for (i = 0; i < 10; i++)
		KUNIT_ASSERT_EQ(test, add(test, i / 8, i % 8, now, timeout),
				TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, add(test, 2, 0, now + 1, timeout), TRACK_ADDED);

	for (k = 0; k < 4; k++) {
		n = ipmi_lan_track_expire(t, now + timeout, tt->out, 4);
		KUNIT_EXPECT_EQ(test, n, k < 2 ? 4U : k == 2 ? 2U : 0U);
		for (i = 0; i < n && i < 4; i++, total++) {
			unsigned int who = tt->out[i].s == sess(test, 1);
			u8 seq = tt->out[i].req.rq_seq;

			KUNIT_EXPECT_EQ(test, who, total / 8);
			KUNIT_EXPECT_EQ(test, seq, total % 8);
			KUNIT_EXPECT_FALSE(test, seen[who] & BIT(seq));
			seen[who] |= BIT(seq);
			ipmi_lan_session_put(tt->out[i].s);
		}
	}
	KUNIT_EXPECT_EQ(test, total, 10U);
	KUNIT_EXPECT_EQ(test, t->n, 11U);
	KUNIT_EXPECT_EQ(test, refs(test, 2), 1U);
	KUNIT_EXPECT_EQ(test, expire(test, now + 1 + timeout, 4), 1U);
}

/* --- teardown ------------------------------------------------------------ */

/*
 * The flush hands out every waiting request once (in batches), drops
 * every tombstone, frees every handle, and takes nothing afterwards;
 * with what it handed out put, every session is back to one reference.
 */
static void flush_test(struct kunit *test)
{
	struct track_test *tt = test->priv;
	struct ipmi_lan_tracker *t = &tt->t;
	unsigned long timeout = fwd(), now = ULONG_MAX - 2, next;
	unsigned int seen = 0, i, k, n, total = 0, puts;

	for (i = 0; i < 3; i++)
		KUNIT_ASSERT_EQ(test, add(test, 0, i, now, 10 * timeout),
				TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, add(test, 1, 0, now, timeout), TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, add(test, 2, 0, now, timeout), TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, expire(test, now + timeout, 4), 2U);
	KUNIT_ASSERT_EQ(test, add(test, 1, 1, now, 10 * timeout),
			TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, add(test, 1, 2, now, 10 * timeout),
			TRACK_ADDED);
	KUNIT_ASSERT_EQ(test, t->n, 7U);
	puts = atomic_read(&ipmi_lan_fake_puts);

	for (k = 0; k < 4; k++) {
		n = ipmi_lan_track_flush(t, tt->out, 2);
		KUNIT_EXPECT_EQ(test, n, k < 2 ? 2U : k == 2 ? 1U : 0U);
		for (i = 0; i < n && i < 2; i++, total++) {
			unsigned int bit = tt->out[i].req.rq_seq +
				(tt->out[i].s == sess(test, 1) ? 8 : 0);

			KUNIT_EXPECT_TRUE(test, tt->out[i].s == sess(test, 0) ||
					  tt->out[i].s == sess(test, 1));
			KUNIT_EXPECT_FALSE(test, seen & BIT(bit));
			seen |= BIT(bit);
		}
		/* Handed out, not put: the references are the caller's. */
		KUNIT_EXPECT_EQ(test, atomic_read(&ipmi_lan_fake_puts), puts);
		for (i = 0; i < n && i < 2; i++)
			ipmi_lan_session_put(tt->out[i].s);
		puts += n;
	}
	KUNIT_EXPECT_EQ(test, total, 5U);
	KUNIT_EXPECT_EQ(test, seen, 0x7U | 0x6U << 8);
	KUNIT_EXPECT_EQ(test, t->n, 0U);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ_MSG(test, refs(test, i), 0U, "session %u", i);
	KUNIT_EXPECT_FALSE(test, busy(test, 1));
	KUNIT_EXPECT_FALSE(test, busy(test, 2));
	KUNIT_EXPECT_FALSE(test, busy(test, 3));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_track_next(t, &next));

	KUNIT_EXPECT_EQ(test, add(test, 3, 0, now, timeout),
			IPMI_CC_INVALID_CMD);
	KUNIT_EXPECT_EQ(test, refs(test, 3), 0U);
	KUNIT_EXPECT_EQ(test, t->n, 0U);
	KUNIT_EXPECT_EQ(test, atomic_read(&ipmi_lan_fake_released), 0);
}

/*
 * The reply cache, on the fake clock: a response is found for the same
 * rqSeq, netfn, cmd and data hash until REPLY_CACHE_MS have passed (a
 * jiffy before: found; at it: gone), never for another key; a response
 * too long is not kept; a fifth response takes the oldest slot.
 */
static void reply_cache_test(struct kunit *test)
{
	const struct clock_case *c = test->param_value;
	unsigned long now = base_of(c), age = msecs_to_jiffies(REPLY_CACHE_MS);
	struct ipmi_lan_msg req = request(SEQ, NETFN, CMD), other = req;
	struct ipmi_lan_reply_cache *rc;
	u8 rsp[REPLY_CACHE_LEN + 1], got[REPLY_CACHE_LEN];
	u32 hash = ipmi_lan_request_hash(&req);
	unsigned int i;

	rc = kunit_kzalloc(test, sizeof(*rc), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rc);
	ipmi_lan_reply_cache_init(rc);
	for (i = 0; i < sizeof(rsp); i++)
		rsp[i] = i ^ 0xa5;
	KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &req, hash, now, got, 0),
			0U);
	ipmi_lan_reply_cache_add(rc, &req, hash, now, rsp, 10);
	KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &req, hash, now, got, 0),
			10U);
	KUNIT_EXPECT_EQ(test, memcmp(got, rsp, 10), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &req, hash,
							now + age - 1, got, 0), 10U);
	KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &req, hash,
							now + age, got, 0), 0U);

	/* Another key or other data: not the same request. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &req, hash + 1, now,
							got, 0), 0U);
	other.rq_seq = SEQ + 1;
	KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &other,
							ipmi_lan_request_hash(&other),
							now, got, 0), 0U);
	other = req;
	other.cmd = CMD + 1;
	KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &other, hash, now,
							got, 0), 0U);
	other = req;
	other.netfn = NETFN + 2;
	KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &other, hash, now,
							got, 0), 0U);
	other = req;
	other.data = (const u8 *)"\x01\x03";
	KUNIT_EXPECT_NE(test, ipmi_lan_request_hash(&other), hash);

	/* Too long to keep; the longest that is kept. */
	other = req;
	other.rq_seq = SEQ + 2;
	ipmi_lan_reply_cache_add(rc, &other, hash, now, rsp, REPLY_CACHE_LEN + 1);
	KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &other, hash, now,
							got, 0), 0U);
	ipmi_lan_reply_cache_add(rc, &other, hash, now, rsp, REPLY_CACHE_LEN);
	KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &other, hash, now,
							got, 0), (unsigned int)REPLY_CACHE_LEN);

	/* Six responses since the first: its slot is taken. */
	for (i = 0; i < REPLY_CACHE_SLOTS - 1; i++) {
		other.rq_seq = SEQ + 3 + i;
		ipmi_lan_reply_cache_add(rc, &other, hash, now + 1, rsp, 4);
	}
	KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &req, hash, now + 1,
							got, 0), 0U);
	KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &other, hash,
							now + 1, got, 0), 4U);
}

/*
 * A bridged request's two answers (the Send Message response, then the
 * target's) come back in the order they were sent, whatever slots they
 * took, and nothing is found past them.
 */
static void reply_cache_two_test(struct kunit *test)
{
	struct ipmi_lan_msg req = request(SEQ, NETFN, CMD), other = req;
	u32 hash = ipmi_lan_request_hash(&req);
	struct ipmi_lan_reply_cache *rc;
	unsigned long now = 1000;
	u8 got[REPLY_CACHE_LEN];
	unsigned int skew;

	rc = kunit_kzalloc(test, sizeof(*rc), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rc);
	/* Every position of the pair in the ring, the wrap included. */
	for (skew = 0; skew < REPLY_CACHE_SLOTS; skew++) {
		unsigned int i;

		ipmi_lan_reply_cache_init(rc);
		other.rq_seq = SEQ + 1;
		for (i = 0; i < skew; i++)
			ipmi_lan_reply_cache_add(rc, &other, hash, now,
						 (const u8 *)"x", 1);
		ipmi_lan_reply_cache_add(rc, &req, hash, now,
					 (const u8 *)"ack", 3);
		ipmi_lan_reply_cache_add(rc, &req, hash, now + 1,
					 (const u8 *)"inner", 5);
		KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &req, hash,
								now + 1, got, 0), 3U);
		KUNIT_EXPECT_EQ(test, memcmp(got, "ack", 3), 0);
		KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &req, hash,
								now + 1, got, 1), 5U);
		KUNIT_EXPECT_EQ(test, memcmp(got, "inner", 5), 0);
		KUNIT_EXPECT_EQ(test, ipmi_lan_reply_cache_find(rc, &req, hash,
								now + 1, got, 2), 0U);
	}
}

/* A bridged request's route comes back with it, headers only. */
static void route_test(struct kunit *test)
{
	struct ipmi_lan_route route = { .mode = ROUTE_SEPARATE };
	struct ipmi_lan_msg req = request(SEQ, NETFN, CMD);
	struct ipmi_lan_track_key key = {
		.handle = H0, .rq_seq = SEQ, .netfn = NETFN, .cmd = CMD,
	};
	struct ipmi_lan_track_req out = {};

	route.outer = request(SEQ, 0x06, 0x34);
	route.outer.rq_sa = 0x81;
	route.inner = request(0x11, NETFN, CMD);
	route.inner.rs_sa = 0x72;
	KUNIT_ASSERT_EQ(test, ipmi_lan_track_add(tracker(test), sess(test, 0),
						 &req, 7, &route, 100, 10),
			(int)TRACK_ADDED);
	KUNIT_ASSERT_TRUE(test, ipmi_lan_track_match(tracker(test), &key, &out));
	KUNIT_EXPECT_EQ(test, out.route.mode, ROUTE_SEPARATE);
	KUNIT_EXPECT_EQ(test, out.route.outer.cmd, 0x34);
	KUNIT_EXPECT_EQ(test, out.route.outer.rq_sa, 0x81);
	KUNIT_EXPECT_EQ(test, out.route.inner.rs_sa, 0x72);
	KUNIT_EXPECT_EQ(test, out.route.inner.rq_seq, 0x11);
	KUNIT_EXPECT_NULL(test, out.route.outer.data);
	KUNIT_EXPECT_NULL(test, out.route.inner.data);
	KUNIT_EXPECT_EQ(test, out.req_hash, 7U);
	ipmi_lan_session_put(out.s);
}

static struct kunit_case track_cases[] = {
	KUNIT_CASE(limits_test),
	KUNIT_CASE(reply_cache_two_test),
	KUNIT_CASE(route_test),
	KUNIT_CASE_PARAM(absorb_test, absorb_gen_params),
	KUNIT_CASE_PARAM(match_test, match_gen_params),
	KUNIT_CASE_PARAM(timeout_test, clock_gen_params),
	KUNIT_CASE_PARAM(tombstone_test, clock_gen_params),
	KUNIT_CASE_PARAM(own_tombstone_test, clock_gen_params),
	KUNIT_CASE_PARAM(per_session_test, clock_gen_params),
	KUNIT_CASE_PARAM(global_test, clock_gen_params),
	KUNIT_CASE_PARAM(state_test, state_gen_params),
	KUNIT_CASE(closed_while_waiting_test),
	KUNIT_CASE_PARAM(next_test, next_gen_params),
	KUNIT_CASE(handle_busy_test),
	KUNIT_CASE(expire_batch_test),
	KUNIT_CASE(flush_test),
	KUNIT_CASE_PARAM(reply_cache_test, clock_gen_params),
	{}
};

static struct kunit_suite track_suite = {
	.name = "ipmi_lan_track",
	.init = track_test_init,
	.exit = track_test_exit,
	.test_cases = track_cases,
};

kunit_test_suite(track_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for ipmi_lan's request tracking");
