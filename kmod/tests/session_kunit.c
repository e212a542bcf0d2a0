// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the session table (session.c), compiled in with its
 * static functions:
 *
 * - the pending pool: at most 4 pending sessions per source (an IPv4
 *   address, an IPv6 /64), at most 64 in all, the oldest evicted first,
 *   across the jiffies wrap;
 * - activation: round-robin handles, never one in use or busy, -ENOSPC
 *   when the channel's sessions are all taken or every free handle is
 *   busy, the keys moved in and wiped or left to the caller;
 * - the origin check of handshake messages, lookup by id and by handle,
 *   close (idempotent) and close by user;
 * - payload instances: attached only to an active session, one per type,
 *   detached, or told of the close exactly once (the session already
 *   dead and out of the table) by every way a session closes; the
 *   handshake's scratch freed at activation;
 * - the idle timeout as the active pool fills, and the reaper's decisions
 *   on a fake clock: reap() called with made-up jiffies, in seconds of
 *   fake time, from 0, INITIAL_JIFFIES, near LONG_MAX and across the
 *   wrap at ULONG_MAX. Only reaper_work_test runs the real reaper, on
 *   sessions aged by hand.
 *
 * Fakes (session_stubs.c): one channel for every server
 * (ipmi_lan_fake_channel: max_sessions, session_timeout), a bitmap of
 * busy handles (ipmi_lan_fake_busy), and an ipmi_lan_keys_free() that
 * counts and wipes. The keys are bytes only: they own no transforms.
 *
 * Each test gets a zeroed server with only its session table set up, and
 * the reaper cancelled. Its exit closes what is left, drops the test's
 * references, waits for the RCU-deferred frees and checks that every
 * session made was freed.
 */

#include "../session.c"

#include "session_stubs.h"
#include "../event.h"

#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/string.h>

enum { HELD_MAX = 96 };

struct session_test {
	struct ipmi_lan_server *srv;
	/* Every session made, with the reference ipmi_lan_session_new() gave. */
	struct ipmi_lan_session *held[HELD_MAX];
	unsigned int n_made;
	struct ipmi_lan_endpoint ep;
};

/* The endpoints below are the test's scratch: each call overwrites it. */
static const struct ipmi_lan_endpoint *ep4(struct kunit *test, u8 a, u8 b,
					   u8 c, u8 d, u16 port)
{
	struct session_test *t = test->priv;
	struct ipmi_lan_endpoint *ep = &t->ep;

	memset(ep, 0, sizeof(*ep));
	ep->addr4.sin_family = AF_INET;
	ep->addr4.sin_addr.s_addr = htonl(a << 24 | b << 16 | c << 8 | d);
	ep->addr4.sin_port = htons(port);
	return ep;
}

/* 2001:db8:0:NET::HOST */
static const struct ipmi_lan_endpoint *ep6(struct kunit *test, u16 net,
					   u16 host, u16 port)
{
	struct session_test *t = test->priv;
	struct ipmi_lan_endpoint *ep = &t->ep;

	memset(ep, 0, sizeof(*ep));
	ep->addr6.sin6_family = AF_INET6;
	ep->addr6.sin6_addr.s6_addr32[0] = htonl(0x20010db8);
	ep->addr6.sin6_addr.s6_addr32[1] = htonl(net);
	ep->addr6.sin6_addr.s6_addr32[3] = htonl(host);
	ep->addr6.sin6_port = htons(port);
	return ep;
}

static struct ipmi_lan_session *new_session(struct kunit *test,
					    const struct ipmi_lan_endpoint *ep)
{
	struct session_test *t = test->priv;
	struct ipmi_lan_session *s;
	int status = 0;

	KUNIT_ASSERT_LT(test, t->n_made, (unsigned int)HELD_MAX);
	s = ipmi_lan_session_new(t->srv, ep, &status);
	KUNIT_ASSERT_NOT_NULL(test, s);
	t->held[t->n_made++] = s;
	return s;
}

/* A pending session created at the given (fake) jiffies. */
static struct ipmi_lan_session *
new_session_at(struct kunit *test, const struct ipmi_lan_endpoint *ep,
	       unsigned long created)
{
	struct ipmi_lan_session *s = new_session(test, ep);

	s->created = created;
	s->last_rx = created;
	return s;
}

static void activate(struct kunit *test, struct ipmi_lan_session *s)
{
	struct ipmi_lan_keys keys;

	memset(&keys, 0, sizeof(keys));
	KUNIT_ASSERT_EQ(test, ipmi_lan_session_activate(s, &keys), 0);
}

/* Lets the deferred frees run: the RCU callbacks queue the works. */
static void drain(void)
{
	rcu_barrier();
	flush_workqueue(ipmi_lan_wq);
}

/* Drops the test's reference to s before the exit would. */
static void drop(struct kunit *test, struct ipmi_lan_session *s)
{
	struct session_test *t = test->priv;
	unsigned int i;

	for (i = 0; i < t->n_made; i++) {
		if (t->held[i] == s) {
			ipmi_lan_session_put(s);
			t->held[i] = NULL;
			return;
		}
	}
	KUNIT_FAIL(test, "dropping a session the test does not hold");
}

static bool in_table(struct kunit *test, struct ipmi_lan_session *s)
{
	struct session_test *t = test->priv;
	struct ipmi_lan_session *got = ipmi_lan_session_lookup(t->srv, s->id);

	ipmi_lan_session_put(got);
	return got == s;
}

static bool all_zero(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

static void set_keys(struct ipmi_lan_keys *keys, u8 pattern)
{
	memset(keys, 0, sizeof(*keys));
	keys->integ = 1;
	keys->conf = 1;
	memset(keys->md5_key, pattern, sizeof(keys->md5_key));
}

static int session_test_init(struct kunit *test)
{
	struct session_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	if (!t)
		return -ENOMEM;
	t->srv = kunit_kzalloc(test, sizeof(*t->srv), GFP_KERNEL);
	if (!t->srv)
		return -ENOMEM;
	memset(&ipmi_lan_fake_channel, 0, sizeof(ipmi_lan_fake_channel));
	ipmi_lan_fake_channel.session_timeout = 60;
	ipmi_lan_fake_channel.max_sessions = 4;
	WRITE_ONCE(ipmi_lan_fake_busy, 0);
	atomic_set(&ipmi_lan_fake_keys_freed, 0);
	atomic_set(&ipmi_lan_fake_keys_freed_set, 0);
	ipmi_lan_sessions_init(t->srv);
	/* The tests call reap() themselves, with their own clock. */
	cancel_delayed_work_sync(&t->srv->sessions.reaper);
	test->priv = t;
	return 0;
}

static void session_test_exit(struct kunit *test)
{
	struct session_test *t = test->priv;
	unsigned int i;

	if (!t)
		return;
	ipmi_lan_sessions_uninit(t->srv);
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_pending, 0U);
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_active, 0U);
	for (i = 0; i < t->n_made; i++)
		ipmi_lan_session_put(t->held[i]);
	drain();
	KUNIT_EXPECT_EQ(test, (unsigned int)atomic_read(&ipmi_lan_fake_keys_freed),
			t->n_made);
}

/* --- the pending pool ---------------------------------------------------- */

/* The limits the tests below are written for. */
static void limits_test(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, PENDING_PER_SOURCE, 4);
	KUNIT_EXPECT_EQ(test, PENDING_MAX, 64);
	KUNIT_EXPECT_EQ(test, PENDING_LIFETIME_MS, 5000);
	KUNIT_EXPECT_EQ(test, SESSION_MAX_HANDLE, 63);
}

struct source_case {
	const char *desc;
	bool v6;
	unsigned long base;	/* jiffies at second 0 */
};

/* Second 11.5 is the wrap: creation times 10, 11 come before 12, 13. */
#define WRAP_AT_11_5 (ULONG_MAX - 11 * HZ - HZ / 2)

static const struct source_case source_cases[] = {
	{ "IPv4", false, 0 },
	{ "IPv4 across the wrap", false, WRAP_AT_11_5 },
	{ "IPv6 /64", true, 0 },
	{ "IPv6 /64 across the wrap", true, WRAP_AT_11_5 },
};

static void source_desc(const struct source_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(source, source_cases, source_desc);

/*
 * The source every session here comes from (v4: one address, many ports;
 * v6: many hosts and ports in one /64), and another one.
 */
static const struct ipmi_lan_endpoint *same_source(struct kunit *test, u16 n)
{
	const struct source_case *c = test->param_value;

	return c->v6 ? ep6(test, 0, n + 1, 1000 + n) :
		       ep4(test, 192, 0, 2, 1, 1000 + n);
}

static const struct ipmi_lan_endpoint *other_source(struct kunit *test)
{
	const struct source_case *c = test->param_value;

	return c->v6 ? ep6(test, 1, 1, 1000) : ep4(test, 192, 0, 2, 2, 1000);
}

/*
 * Four pending sessions from one source, created at seconds 13, 11, 10
 * and 12, and one from another source at second 0. A fifth from the
 * source evicts its oldest (the one from second 10), not the older one
 * of the other source; a sixth the next oldest (second 11). The other
 * source, with one pending session, evicts nothing.
 */
static void per_source_test(struct kunit *test)
{
	const struct source_case *c = test->param_value;
	struct session_test *t = test->priv;
	struct ipmi_lan_sessions *ss = &t->srv->sessions;
	static const unsigned int created_s[] = { 13, 11, 10, 12 };
	struct ipmi_lan_session *a[4], *other, *n, *m, *p;
	unsigned int i;

	other = new_session_at(test, other_source(test), c->base);
	for (i = 0; i < 4; i++)
		a[i] = new_session_at(test, same_source(test, i),
				      c->base + created_s[i] * HZ);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 5U);

	n = new_session_at(test, same_source(test, 4), c->base + 20 * HZ);
	KUNIT_EXPECT_EQ(test, a[2]->state, SESSION_DEAD);
	KUNIT_EXPECT_FALSE(test, in_table(test, a[2]));
	KUNIT_EXPECT_TRUE(test, in_table(test, a[0]));
	KUNIT_EXPECT_TRUE(test, in_table(test, a[1]));
	KUNIT_EXPECT_TRUE(test, in_table(test, a[3]));
	KUNIT_EXPECT_TRUE(test, in_table(test, other));
	KUNIT_EXPECT_TRUE(test, in_table(test, n));
	KUNIT_EXPECT_EQ(test, ss->n_pending, 5U);

	m = new_session_at(test, same_source(test, 5), c->base + 21 * HZ);
	KUNIT_EXPECT_EQ(test, a[1]->state, SESSION_DEAD);
	KUNIT_EXPECT_TRUE(test, in_table(test, a[0]));
	KUNIT_EXPECT_TRUE(test, in_table(test, a[3]));
	KUNIT_EXPECT_TRUE(test, in_table(test, n));
	KUNIT_EXPECT_TRUE(test, in_table(test, m));
	KUNIT_EXPECT_EQ(test, ss->n_pending, 5U);

	p = new_session_at(test, other_source(test), c->base + 22 * HZ);
	KUNIT_EXPECT_TRUE(test, in_table(test, other));
	KUNIT_EXPECT_TRUE(test, in_table(test, p));
	KUNIT_EXPECT_EQ(test, ss->n_pending, 6U);
}

/*
 * An active session does not count against its source's pending cap,
 * and is never the one evicted, even when it is the oldest.
 */
static void per_source_active_test(struct kunit *test)
{
	struct session_test *t = test->priv;
	struct ipmi_lan_sessions *ss = &t->srv->sessions;
	struct ipmi_lan_session *a[4], *n, *m;
	unsigned int i;

	for (i = 0; i < 4; i++)
		a[i] = new_session_at(test, ep4(test, 198, 51, 100, 1, 2000 + i),
				      (10 + i) * HZ);
	activate(test, a[0]);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 3U);

	n = new_session_at(test, ep4(test, 198, 51, 100, 1, 3000), 20 * HZ);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_TRUE(test, in_table(test, a[i]));
	KUNIT_EXPECT_EQ(test, ss->n_pending, 4U);

	m = new_session_at(test, ep4(test, 198, 51, 100, 1, 3001), 21 * HZ);
	KUNIT_EXPECT_EQ(test, a[0]->state, SESSION_ACTIVE);
	KUNIT_EXPECT_EQ(test, a[1]->state, SESSION_DEAD);
	KUNIT_EXPECT_TRUE(test, in_table(test, a[2]));
	KUNIT_EXPECT_TRUE(test, in_table(test, a[3]));
	KUNIT_EXPECT_TRUE(test, in_table(test, n));
	KUNIT_EXPECT_TRUE(test, in_table(test, m));
	KUNIT_EXPECT_EQ(test, ss->n_pending, 4U);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_count(t->srv), 1U);
}

/*
 * A full pending pool (64), across the wrap (second 30): sixty sessions
 * from their own addresses created at seconds 10..69, but the 38th at
 * second 0, and four from 198.51.100.7 at seconds 100..103. A fifth from
 * 198.51.100.7 evicts that source's oldest, not the pool's; a new source
 * evicts the pool's oldest (second 0), the next one the next oldest
 * (second 10). An activation frees a pending slot: the next new session
 * evicts nothing.
 */
static void pool_test(struct kunit *test)
{
	const unsigned long base = ULONG_MAX - 30 * HZ;
	struct session_test *t = test->priv;
	struct ipmi_lan_sessions *ss = &t->srv->sessions;
	struct ipmi_lan_session *p[60], *q[4];
	unsigned int i, dead = 0;

	for (i = 0; i < 60; i++)
		p[i] = new_session_at(test, ep4(test, 192, 0, 2, i + 1, 623),
				      base + (i == 37 ? 0 : 10 + i) * HZ);
	for (i = 0; i < 4; i++)
		q[i] = new_session_at(test, ep4(test, 198, 51, 100, 7, 1000 + i),
				      base + (100 + i) * HZ);
	KUNIT_ASSERT_EQ(test, ss->n_pending, 64U);

	new_session_at(test, ep4(test, 198, 51, 100, 7, 2000), base + 200 * HZ);
	KUNIT_EXPECT_EQ(test, q[0]->state, SESSION_DEAD);
	KUNIT_EXPECT_TRUE(test, in_table(test, p[37]));
	KUNIT_EXPECT_EQ(test, ss->n_pending, 64U);

	new_session_at(test, ep4(test, 198, 51, 100, 8, 623), base + 201 * HZ);
	KUNIT_EXPECT_EQ(test, p[37]->state, SESSION_DEAD);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 64U);

	new_session_at(test, ep4(test, 198, 51, 100, 9, 623), base + 202 * HZ);
	KUNIT_EXPECT_EQ(test, p[0]->state, SESSION_DEAD);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 64U);

	activate(test, p[5]);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 63U);
	new_session_at(test, ep4(test, 198, 51, 100, 10, 623), base + 203 * HZ);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 64U);

	for (i = 0; i < t->n_made; i++)
		dead += t->held[i]->state == SESSION_DEAD;
	KUNIT_EXPECT_EQ(test, dead, 3U);
}

/* --- activation ---------------------------------------------------------- */

struct handle_case {
	const char *desc;
	u8 max;		/* the channel's max_sessions at the activation */
	u8 prior;	/* sessions activated before: handles 1..prior */
	u64 close;	/* bit N: the session with handle N closed before */
	u64 busy;	/* bit N: handle N busy at the activation */
	int want;	/* the handle, or the error */
};

#define H(n) BIT_ULL(n)
#define ALL_HANDLES GENMASK_ULL(63, 1)

static const struct handle_case handle_cases[] = {
	{ "first is 1", 4, 0, 0, 0, 1 },
	{ "next after the last", 4, 2, 0, 0, 3 },
	{ "round robin, not the freed one", 8, 3, H(2), 0, 4 },
	{ "busy skipped", 8, 0, 0, H(1) | H(2), 3 },
	{ "busy skipped after those in use", 8, 3, 0, H(4) | H(5), 6 },
	{ "the last handle", 63, 62, 0, 0, 63 },
	{ "wraps to 1", 63, 63, H(1), 0, 1 },
	{ "wraps to the freed one", 63, 63, H(5), 0, 5 },
	{ "wrap skips a busy freed one", 63, 63, H(5) | H(9), H(5), 9 },
	{ "the only free handle busy", 63, 63, H(5), H(5), -ENOSPC },
	{ "63 busy, 1..62 in use", 63, 62, 0, H(63), -ENOSPC },
	{ "every handle busy", 63, 0, 0, ALL_HANDLES, -ENOSPC },
	{ "the channel full", 4, 4, 0, 0, -ENOSPC },
	{ "a slot freed in a full channel", 4, 4, H(1), 0, 5 },
	{ "busy counts no session", 1, 0, 0, H(1), 2 },
};

static void handle_desc(const struct handle_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(handle, handle_cases, handle_desc);

static void handle_test(struct kunit *test)
{
	const struct handle_case *c = test->param_value;
	struct session_test *t = test->priv;
	struct ipmi_lan_sessions *ss = &t->srv->sessions;
	struct ipmi_lan_keys *keys, *want;
	struct ipmi_lan_session *s, *got;
	unsigned int i, active = c->prior;
	int ret;

	keys = kunit_kzalloc(test, sizeof(*keys), GFP_KERNEL);
	want = kunit_kzalloc(test, sizeof(*want), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, keys);
	KUNIT_ASSERT_NOT_NULL(test, want);

	ipmi_lan_fake_channel.max_sessions = 63;
	for (i = 1; i <= c->prior; i++) {
		s = new_session(test, ep4(test, 192, 0, 2, i, 623));
		activate(test, s);
		KUNIT_ASSERT_EQ(test, s->handle, i);
	}
	for (i = 1; i <= c->prior; i++) {
		if (c->close & BIT_ULL(i)) {
			ipmi_lan_session_close(t->held[i - 1]);
			active--;
		}
	}
	ipmi_lan_fake_channel.max_sessions = c->max;
	WRITE_ONCE(ipmi_lan_fake_busy, c->busy);

	s = new_session(test, ep4(test, 198, 51, 100, 1, 623));
	set_keys(keys, 0x5a);
	*want = *keys;
	ret = ipmi_lan_session_activate(s, keys);
	if (c->want < 0) {
		KUNIT_EXPECT_EQ(test, ret, c->want);
		KUNIT_EXPECT_EQ(test, s->state, SESSION_PENDING_OPEN);
		KUNIT_EXPECT_EQ(test, s->handle, 0);
		KUNIT_EXPECT_EQ(test, memcmp(keys, want, sizeof(*keys)), 0);
		KUNIT_EXPECT_TRUE(test, all_zero(&s->keys, sizeof(s->keys)));
		KUNIT_EXPECT_EQ(test, ss->n_pending, 1U);
		KUNIT_EXPECT_EQ(test, ipmi_lan_session_count(t->srv), active);
		return;
	}
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, s->handle, c->want);
	KUNIT_EXPECT_EQ(test, s->state, SESSION_ACTIVE);
	got = ipmi_lan_session_by_handle(t->srv, c->want);
	KUNIT_EXPECT_PTR_EQ(test, got, s);
	ipmi_lan_session_put(got);
	KUNIT_EXPECT_EQ(test, memcmp(&s->keys, want, sizeof(*want)), 0);
	KUNIT_EXPECT_TRUE(test, all_zero(keys, sizeof(*keys)));
	KUNIT_EXPECT_EQ(test, ss->n_pending, 0U);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_count(t->srv), active + 1);
}

/*
 * The keys: moved into the session and the caller's copy wiped on
 * success; on each refusal (the channel full, a closed session, every
 * free handle busy) left with the caller, the session without them.
 * The session's keys are freed with it, once.
 */
static void activate_keys_test(struct kunit *test)
{
	struct session_test *t = test->priv;
	struct ipmi_lan_sessions *ss = &t->srv->sessions;
	struct ipmi_lan_session *a, *b;
	struct ipmi_lan_keys *keys, *want;
	unsigned long before;

	keys = kunit_kzalloc(test, sizeof(*keys), GFP_KERNEL);
	want = kunit_kzalloc(test, sizeof(*want), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, keys);
	KUNIT_ASSERT_NOT_NULL(test, want);

	a = new_session(test, ep4(test, 192, 0, 2, 1, 623));
	a->last_rx = jiffies - 100 * HZ;
	set_keys(keys, 0xa5);
	*want = *keys;
	before = jiffies;
	KUNIT_ASSERT_EQ(test, ipmi_lan_session_activate(a, keys), 0);
	KUNIT_EXPECT_EQ(test, memcmp(&a->keys, want, sizeof(*want)), 0);
	KUNIT_EXPECT_TRUE(test, all_zero(keys, sizeof(*keys)));
	/* Activation counts as traffic: the idle clock starts now. */
	KUNIT_EXPECT_TRUE(test, time_after_eq(a->last_rx, before));

	/* The channel's one session is taken. */
	ipmi_lan_fake_channel.max_sessions = 1;
	b = new_session(test, ep4(test, 192, 0, 2, 2, 623));
	set_keys(keys, 0x3c);
	*want = *keys;
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_activate(b, keys), -ENOSPC);
	KUNIT_EXPECT_EQ(test, memcmp(keys, want, sizeof(*want)), 0);
	KUNIT_EXPECT_TRUE(test, all_zero(&b->keys, sizeof(b->keys)));
	KUNIT_EXPECT_EQ(test, b->state, SESSION_PENDING_OPEN);

	/* Room again, but only busy handles left. */
	ipmi_lan_fake_channel.max_sessions = 4;
	WRITE_ONCE(ipmi_lan_fake_busy, ALL_HANDLES & ~H(1));
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_activate(b, keys), -ENOSPC);
	KUNIT_EXPECT_EQ(test, memcmp(keys, want, sizeof(*want)), 0);
	KUNIT_EXPECT_TRUE(test, all_zero(&b->keys, sizeof(b->keys)));

	/* Room and handles, but the session was closed meanwhile. */
	WRITE_ONCE(ipmi_lan_fake_busy, 0);
	ipmi_lan_session_close(b);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_activate(b, keys), -ENOSPC);
	KUNIT_EXPECT_EQ(test, memcmp(keys, want, sizeof(*want)), 0);
	KUNIT_EXPECT_TRUE(test, all_zero(&b->keys, sizeof(b->keys)));
	KUNIT_EXPECT_EQ(test, ss->n_pending, 0U);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_count(t->srv), 1U);

	/* Both freed; only a had keys, and they went with it. */
	ipmi_lan_session_close(a);
	drop(test, a);
	drop(test, b);
	drain();
	KUNIT_EXPECT_EQ(test, atomic_read(&ipmi_lan_fake_keys_freed), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&ipmi_lan_fake_keys_freed_set), 1);
}

/* --- the origin check ---------------------------------------------------- */

struct addr_spec {
	sa_family_t family;
	u8 addr[16];		/* IPv4: the first four bytes */
	u16 port;
};

struct origin_case {
	const char *desc;
	struct addr_spec origin, from;
	bool want;
};

#define V4(a, b, c, d, p) { AF_INET, { a, b, c, d }, p }
/* 2001:db8:0:NET::HOST */
#define V6(net, host, p) \
	{ AF_INET6, { 0x20, 0x01, 0x0d, 0xb8, [7] = net, [15] = host }, p }
/* ::ffff:A.B.C.D */
#define V4_MAPPED(a, b, c, d, p) \
	{ AF_INET6, { [10] = 0xff, [11] = 0xff, a, b, c, d }, p }

static const struct origin_case origin_cases[] = {
	{ "IPv4, same port", V4(192, 0, 2, 1, 623), V4(192, 0, 2, 1, 623), true },
	{ "IPv4, other port", V4(192, 0, 2, 1, 623), V4(192, 0, 2, 1, 40000),
	  true },
	{ "IPv4, other address", V4(192, 0, 2, 1, 623), V4(192, 0, 2, 2, 623),
	  false },
	{ "IPv4, other net", V4(192, 0, 2, 1, 623), V4(198, 51, 100, 1, 623),
	  false },
	{ "IPv4 origin, IPv4-mapped IPv6 from", V4(192, 0, 2, 1, 623),
	  V4_MAPPED(192, 0, 2, 1, 623), false },
	{ "IPv6 origin, IPv4 from", V6(0, 1, 623), V4(192, 0, 2, 1, 623),
	  false },
	{ "IPv6, same port", V6(0, 1, 623), V6(0, 1, 623), true },
	{ "IPv6, other port", V6(0, 1, 623), V6(0, 1, 50000), true },
	{ "IPv6, same /64, other host", V6(0, 1, 623), V6(0, 2, 623), false },
	{ "IPv6, other /64, same host", V6(0, 1, 623), V6(1, 1, 623), false },
};

static void origin_desc(const struct origin_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(origin, origin_cases, origin_desc);

static void make_ep(struct ipmi_lan_endpoint *ep, const struct addr_spec *a)
{
	memset(ep, 0, sizeof(*ep));
	ep->addr.sa_family = a->family;
	if (a->family == AF_INET) {
		memcpy(&ep->addr4.sin_addr, a->addr, 4);
		ep->addr4.sin_port = htons(a->port);
	} else {
		memcpy(&ep->addr6.sin6_addr, a->addr, 16);
		ep->addr6.sin6_port = htons(a->port);
	}
}

static void origin_test(struct kunit *test)
{
	const struct origin_case *c = test->param_value;
	struct ipmi_lan_session *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct ipmi_lan_endpoint *from = kunit_kzalloc(test, sizeof(*from),
						      GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, from);
	make_ep(&s->origin, &c->origin);
	make_ep(from, &c->from);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_from_origin(s, &from->addr),
			c->want);
}

/* --- lookup and close ---------------------------------------------------- */

static void lookup_test(struct kunit *test)
{
	static const u8 no_handle[] = { 0, 1, 2, 63, 64, 255 };
	struct session_test *t = test->priv;
	struct ipmi_lan_session *a, *b, *got;
	unsigned int i;
	u32 id;

	a = new_session(test, ep4(test, 192, 0, 2, 1, 623));
	b = new_session(test, ep4(test, 192, 0, 2, 1, 624));
	KUNIT_EXPECT_NE(test, a->id, 0U);
	KUNIT_EXPECT_NE(test, b->id, 0U);
	KUNIT_EXPECT_NE(test, a->id, b->id);
	/* The table's reference and the caller's. */
	KUNIT_EXPECT_EQ(test, kref_read(&a->ref), 2U);

	got = ipmi_lan_session_lookup(t->srv, a->id);
	KUNIT_EXPECT_PTR_EQ(test, got, a);
	KUNIT_EXPECT_EQ(test, kref_read(&a->ref), 3U);
	ipmi_lan_session_put(got);
	KUNIT_EXPECT_EQ(test, kref_read(&a->ref), 2U);
	got = ipmi_lan_session_lookup(t->srv, b->id);
	KUNIT_EXPECT_PTR_EQ(test, got, b);
	ipmi_lan_session_put(got);
	KUNIT_EXPECT_NULL(test, ipmi_lan_session_lookup(t->srv, 0));
	id = a->id + 1;
	while (id == b->id || !id)
		id++;
	KUNIT_EXPECT_NULL(test, ipmi_lan_session_lookup(t->srv, id));

	/* Pending sessions have no handle. */
	for (i = 0; i < ARRAY_SIZE(no_handle); i++)
		KUNIT_EXPECT_NULL(test, ipmi_lan_session_by_handle(t->srv,
								   no_handle[i]));
	activate(test, a);
	KUNIT_ASSERT_EQ(test, a->handle, 1);
	got = ipmi_lan_session_by_handle(t->srv, 1);
	KUNIT_EXPECT_PTR_EQ(test, got, a);
	KUNIT_EXPECT_EQ(test, kref_read(&a->ref), 3U);
	ipmi_lan_session_put(got);
	for (i = 0; i < ARRAY_SIZE(no_handle); i++)
		if (no_handle[i] != 1)
			KUNIT_EXPECT_NULL(test,
					  ipmi_lan_session_by_handle(t->srv,
								     no_handle[i]));
	/* Still found by id once active. */
	KUNIT_EXPECT_TRUE(test, in_table(test, a));

	ipmi_lan_session_close(a);
	KUNIT_EXPECT_NULL(test, ipmi_lan_session_lookup(t->srv, a->id));
	KUNIT_EXPECT_NULL(test, ipmi_lan_session_by_handle(t->srv, 1));
	KUNIT_EXPECT_TRUE(test, in_table(test, b));
}

static void close_test(struct kunit *test)
{
	struct session_test *t = test->priv;
	struct ipmi_lan_sessions *ss = &t->srv->sessions;
	struct ipmi_lan_keys keys;
	struct ipmi_lan_session *a, *b, *c;

	a = new_session(test, ep4(test, 192, 0, 2, 1, 623));
	b = new_session(test, ep4(test, 192, 0, 2, 2, 623));
	c = new_session(test, ep4(test, 192, 0, 2, 3, 623));
	set_keys(&keys, 0x11);
	KUNIT_ASSERT_EQ(test, ipmi_lan_session_activate(b, &keys), 0);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 2U);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_count(t->srv), 1U);

	/* A pending session: out of the table, its pool counted down. */
	ipmi_lan_session_close(a);
	KUNIT_EXPECT_EQ(test, a->state, SESSION_DEAD);
	KUNIT_EXPECT_FALSE(test, in_table(test, a));
	KUNIT_EXPECT_EQ(test, ss->n_pending, 1U);
	KUNIT_EXPECT_EQ(test, kref_read(&a->ref), 1U);
	ipmi_lan_session_close(a);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 1U);
	KUNIT_EXPECT_EQ(test, kref_read(&a->ref), 1U);

	/* An active one: its handle freed too. */
	ipmi_lan_session_close(b);
	KUNIT_EXPECT_EQ(test, b->state, SESSION_DEAD);
	KUNIT_EXPECT_FALSE(test, in_table(test, b));
	KUNIT_EXPECT_NULL(test, ipmi_lan_session_by_handle(t->srv, 1));
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_count(t->srv), 0U);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 1U);
	KUNIT_EXPECT_EQ(test, kref_read(&b->ref), 1U);
	ipmi_lan_session_close(b);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_count(t->srv), 0U);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 1U);

	/* The last reference frees: both of them, b with its keys. */
	drop(test, a);
	drop(test, b);
	drain();
	KUNIT_EXPECT_EQ(test, atomic_read(&ipmi_lan_fake_keys_freed), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&ipmi_lan_fake_keys_freed_set), 1);
	KUNIT_EXPECT_TRUE(test, in_table(test, c));
}

static void close_user_test(struct kunit *test)
{
	struct session_test *t = test->priv;
	struct ipmi_lan_sessions *ss = &t->srv->sessions;
	struct ipmi_lan_session *a, *b, *c, *d, *got;

	a = new_session(test, ep4(test, 192, 0, 2, 1, 623));
	b = new_session(test, ep4(test, 192, 0, 2, 2, 623));
	c = new_session(test, ep4(test, 192, 0, 2, 3, 623));
	d = new_session(test, ep4(test, 192, 0, 2, 4, 623));
	a->user_id = 2;
	activate(test, a);
	b->user_id = 2;
	b->state = SESSION_PENDING_RAKP3;
	c->user_id = 3;
	activate(test, c);
	/* d: Open Session only, no user yet. */

	ipmi_lan_session_close_user(t->srv, 9);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_count(t->srv), 2U);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 2U);

	ipmi_lan_session_close_user(t->srv, 2);
	KUNIT_EXPECT_EQ(test, a->state, SESSION_DEAD);
	KUNIT_EXPECT_EQ(test, b->state, SESSION_DEAD);
	KUNIT_EXPECT_FALSE(test, in_table(test, a));
	KUNIT_EXPECT_FALSE(test, in_table(test, b));
	KUNIT_EXPECT_NULL(test, ipmi_lan_session_by_handle(t->srv, a->handle));
	KUNIT_EXPECT_EQ(test, c->state, SESSION_ACTIVE);
	KUNIT_EXPECT_EQ(test, d->state, SESSION_PENDING_OPEN);
	got = ipmi_lan_session_by_handle(t->srv, c->handle);
	KUNIT_EXPECT_PTR_EQ(test, got, c);
	ipmi_lan_session_put(got);
	KUNIT_EXPECT_TRUE(test, in_table(test, d));
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_count(t->srv), 1U);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 1U);

	ipmi_lan_session_close_user(t->srv, 2);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_count(t->srv), 1U);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 1U);
}

/* --- the idle timeout and the reaper ------------------------------------- */

struct idle_case {
	const char *desc;
	unsigned int timeout_s, active, max;
	unsigned long want;	/* jiffies */
};

static const struct idle_case idle_cases[] = {
	{ "empty pool", 60, 0, 4, 60 * HZ },
	{ "3 of 4: not above 3/4", 60, 3, 4, 60 * HZ },
	{ "4 of 4: halved", 60, 4, 4, 30 * HZ },
	{ "12 of 16: not above 3/4", 64, 12, 16, 64 * HZ },
	{ "13 of 16: halved", 64, 13, 16, 32 * HZ },
	{ "14 of 16: halved", 64, 14, 16, 32 * HZ },
	{ "15 of 16: quartered", 64, 15, 16, 16 * HZ },
	{ "16 of 16: quartered", 64, 16, 16, 16 * HZ },
	{ "47 of 63: not above 3/4", 64, 47, 63, 64 * HZ },
	{ "48 of 63: halved", 64, 48, 63, 32 * HZ },
	{ "57 of 63: 5 halvings", 64, 57, 63, 2 * HZ },
	{ "58 of 63: 6 halvings", 64, 58, 63, HZ },
	{ "63 of 63: at most 6 halvings", 3200, 63, 63, 50 * HZ },
	{ "60 s, 63 of 63: a second at least", 60, 63, 63, HZ },
	{ "5 s, 63 of 63: a second at least", 5, 63, 63, HZ },
	{ "5 s, 4 of 4: 2.5 s", 5, 4, 4, 5 * HZ / 2 },
	{ "1 of 1: halved", 60, 1, 1, 30 * HZ },
	{ "the longest timeout", 3600, 0, 63, 3600 * HZ },
};

static void idle_desc(const struct idle_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(idle, idle_cases, idle_desc);

static void idle_timeout_test(struct kunit *test)
{
	const struct idle_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, idle_timeout(c->timeout_s, c->active, c->max),
			c->want);
}

/*
 * One session, its times and the clock in seconds (plus jiffies) after
 * base; fill other active sessions, heard from at "now", fill the pool.
 */
struct reap_case {
	const char *desc;
	unsigned long base;
	enum ipmi_lan_session_state state;
	unsigned int created_s, last_s, now_s, now_j;
	unsigned int timeout_s, max, fill;
	bool closed;
};

#define PENDING SESSION_PENDING_OPEN
#define RAKP3 SESSION_PENDING_RAKP3
#define ACTIVE SESSION_ACTIVE
/* The wrap comes after second 2: second 2 is ULONG_MAX. */
#define WRAP (ULONG_MAX - 2 * HZ)
/* time_after()'s sign boundary comes after second 1. */
#define HALF (LONG_MAX - HZ)

static const struct reap_case reap_cases[] = {
	{ "pending at 4 s", 0, PENDING, 0, 0, 4, 0, 60, 4, 0, false },
	{ "pending at 5 s", 0, PENDING, 0, 0, 5, 0, 60, 4, 0, false },
	{ "pending at 5 s + 1 jiffy", 0, PENDING, 0, 0, 5, 1, 60, 4, 0, true },
	{ "RAKP3 at 5 s", 0, RAKP3, 0, 0, 5, 0, 60, 4, 0, false },
	{ "RAKP3 at 5 s + 1 jiffy", 0, RAKP3, 0, 0, 5, 1, 60, 4, 0, true },
	{ "pending heard at 5 s, at 6 s", 0, PENDING, 0, 5, 6, 0, 60, 4, 0,
	  true },
	{ "pending in a full pool at 4 s", 0, PENDING, 0, 0, 4, 0, 60, 8, 8,
	  false },
	{ "active at 6 s", 0, ACTIVE, 0, 0, 6, 0, 60, 4, 0, false },
	{ "active idle 60 s", 0, ACTIVE, 0, 0, 60, 0, 60, 4, 0, false },
	{ "active idle 60 s + 1 jiffy", 0, ACTIVE, 0, 0, 60, 1, 60, 4, 0,
	  true },
	{ "active, old, heard 50 s ago", 0, ACTIVE, 0, 100, 150, 0, 60, 4, 0,
	  false },
	{ "active idle 5 s of 5", 0, ACTIVE, 0, 0, 5, 0, 5, 4, 0, false },
	{ "active idle 6 s of 5", 0, ACTIVE, 0, 0, 6, 0, 5, 4, 0, true },
	{ "6 of 8 active, idle 31 s", 0, ACTIVE, 0, 0, 31, 0, 60, 8, 5,
	  false },
	{ "7 of 8 active, idle 30 s", 0, ACTIVE, 0, 0, 30, 0, 60, 8, 6,
	  false },
	{ "7 of 8 active, idle 30 s + 1 jiffy", 0, ACTIVE, 0, 0, 30, 1, 60, 8,
	  6, true },
	{ "8 of 8 active, idle 31 s", 0, ACTIVE, 0, 0, 31, 0, 60, 8, 7, true },
	{ "wrap: pending at 1 s", WRAP, PENDING, 0, 0, 1, 0, 60, 4, 0, false },
	{ "wrap: pending at 5 s", WRAP, PENDING, 0, 0, 5, 0, 60, 4, 0, false },
	{ "wrap: pending at 6 s", WRAP, PENDING, 0, 0, 6, 0, 60, 4, 0, true },
	{ "wrap: pending created after it, at 6 s", WRAP, PENDING, 3, 3, 6, 0,
	  60, 4, 0, false },
	{ "wrap: active idle 1 s", WRAP, ACTIVE, 0, 0, 1, 0, 60, 4, 0, false },
	{ "wrap: active idle 59 s", WRAP, ACTIVE, 0, 0, 59, 0, 60, 4, 0,
	  false },
	{ "wrap: active idle 61 s", WRAP, ACTIVE, 0, 0, 61, 0, 60, 4, 0, true },
	{ "wrap: 8 of 8 active, idle 31 s", WRAP, ACTIVE, 0, 0, 31, 0, 60, 8,
	  7, true },
	{ "from boot: pending at 6 s", INITIAL_JIFFIES, PENDING, 0, 0, 6, 0, 60, 4,
	  0, true },
	{ "from boot: active idle 60 s at 340 s", INITIAL_JIFFIES, ACTIVE,
	  0, 280, 340, 0, 60, 4, 0, false },
	{ "from boot: active idle 61 s at 341 s", INITIAL_JIFFIES, ACTIVE,
	  0, 280, 341, 0, 60, 4, 0, true },
	{ "sign: pending at 1 s", HALF, PENDING, 0, 0, 1, 0, 60, 4, 0, false },
	{ "sign: active idle 1 s", HALF, ACTIVE, 0, 0, 1, 0, 60, 4, 0, false },
	{ "sign: pending at 4 s", HALF, PENDING, 0, 0, 4, 0, 60, 4, 0, false },
	{ "sign: pending at 6 s", HALF, PENDING, 0, 0, 6, 0, 60, 4, 0, true },
};

static void reap_desc(const struct reap_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(reap, reap_cases, reap_desc);

static unsigned long at(const struct reap_case *c, unsigned int s,
			unsigned int j)
{
	return c->base + (unsigned long)s * HZ + j;
}

static void reap_test(struct kunit *test)
{
	const struct reap_case *c = test->param_value;
	struct session_test *t = test->priv;
	struct ipmi_lan_sessions *ss = &t->srv->sessions;
	unsigned long now = at(c, c->now_s, c->now_j);
	bool active = c->state == SESSION_ACTIVE;
	struct ipmi_lan_session *s, *f;
	unsigned int i;

	ipmi_lan_fake_channel.session_timeout = c->timeout_s;
	ipmi_lan_fake_channel.max_sessions = c->max;
	s = new_session(test, ep4(test, 192, 0, 2, 1, 623));
	if (active)
		activate(test, s);
	else
		s->state = c->state;
	s->created = at(c, c->created_s, 0);
	s->last_rx = at(c, c->last_s, 0);
	for (i = 0; i < c->fill; i++) {
		f = new_session(test, ep4(test, 198, 51, 100, i + 1, 623));
		activate(test, f);
		f->created = c->base;
		f->last_rx = now;
	}

	reap(t->srv, now);
	if (c->closed) {
		KUNIT_EXPECT_EQ(test, s->state, SESSION_DEAD);
		KUNIT_EXPECT_FALSE(test, in_table(test, s));
	} else {
		KUNIT_EXPECT_EQ(test, s->state, c->state);
		KUNIT_EXPECT_TRUE(test, in_table(test, s));
	}
	for (i = 1; i <= c->fill; i++)
		KUNIT_EXPECT_EQ(test, t->held[i]->state, SESSION_ACTIVE);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_count(t->srv),
			c->fill + (active && !c->closed));
	KUNIT_EXPECT_EQ(test, ss->n_pending, (unsigned int)(!active && !c->closed));
}

/*
 * The reaper itself, on the real clock without waiting: sessions aged by
 * hand past their limits are closed when it runs, fresh ones are kept.
 */
static void reaper_work_test(struct kunit *test)
{
	struct session_test *t = test->priv;
	struct ipmi_lan_sessions *ss = &t->srv->sessions;
	struct ipmi_lan_session *old, *young, *idle, *busy;

	old = new_session(test, ep4(test, 192, 0, 2, 1, 623));
	young = new_session(test, ep4(test, 192, 0, 2, 2, 623));
	idle = new_session(test, ep4(test, 192, 0, 2, 3, 623));
	busy = new_session(test, ep4(test, 192, 0, 2, 4, 623));
	activate(test, idle);
	activate(test, busy);
	old->created = jiffies - 6 * HZ;
	idle->last_rx = jiffies - 61 * HZ;

	mod_delayed_work(ipmi_lan_wq, &ss->reaper, 0);
	flush_delayed_work(&ss->reaper);
	KUNIT_EXPECT_EQ(test, old->state, SESSION_DEAD);
	KUNIT_EXPECT_EQ(test, idle->state, SESSION_DEAD);
	KUNIT_EXPECT_EQ(test, young->state, SESSION_PENDING_OPEN);
	KUNIT_EXPECT_EQ(test, busy->state, SESSION_ACTIVE);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_count(t->srv), 1U);
	KUNIT_EXPECT_EQ(test, ss->n_pending, 1U);
}

/* What the module's init does. */
static int session_suite_init(struct kunit_suite *suite)
{
	ipmi_lan_wq = alloc_workqueue("ipmi_lan_kunit",
				      WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	return ipmi_lan_wq ? 0 : -ENOMEM;
}

static void session_suite_exit(struct kunit_suite *suite)
{
	if (ipmi_lan_wq) {
		rcu_barrier();
		destroy_workqueue(ipmi_lan_wq);
	}
	ipmi_lan_wq = NULL;
}

/* A payload instance that records its close hook's calls. */
struct fake_inst {
	struct ipmi_lan_payload_inst inst;
	unsigned int closed;
	enum ipmi_lan_session_state state_seen;
	bool in_table_seen;
	struct ipmi_lan_session *s_seen;
};

static void fake_close(struct ipmi_lan_session *s,
		       struct ipmi_lan_payload_inst *inst)
{
	struct fake_inst *f = container_of(inst, struct fake_inst, inst);
	struct ipmi_lan_session *other;

	f->closed++;
	f->s_seen = s;
	f->state_seen = s->state;
	f->in_table_seen = false;
	/* The table lock is held: walk the table as the reaper does. */
	hash_for_each_possible(s->srv->sessions.by_id, other, node, s->id)
		if (other == s)
			f->in_table_seen = true;
}

static const struct ipmi_lan_payload_ops fake_ops = { .close = fake_close };

static void fake_inst_init(struct fake_inst *f, u8 type)
{
	memset(f, 0, sizeof(*f));
	f->inst.ops = &fake_ops;
	f->inst.type = type;
}

/*
 * Attach and detach: only to an active session, one instance per payload
 * type, an invalid type or an owner without a close hook refused; a
 * detached instance hears nothing of the close; an attached one hears it
 * once, after the session is dead and unlinked, and a later detach fails.
 */
static void payload_attach_test(struct kunit *test)
{
	struct fake_inst a, b, ipmi, bad;
	static const struct ipmi_lan_payload_ops no_close = {};
	struct ipmi_lan_session *s;

	fake_inst_init(&a, RMCPP_PAYLOAD_SOL);
	fake_inst_init(&b, RMCPP_PAYLOAD_SOL);
	s = new_session(test, ep4(test, 192, 0, 2, 1, 623));
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_payload_attach(s, &a.inst),
			-ENOTCONN);
	s->state = SESSION_PENDING_RAKP3;
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_payload_attach(s, &a.inst),
			-ENOTCONN);
	s->state = SESSION_PENDING_OPEN;
	activate(test, s);
	fake_inst_init(&bad, SESSION_PAYLOAD_TYPES);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_payload_attach(s, &bad.inst),
			-EINVAL);
	bad.inst.type = RMCPP_PAYLOAD_OEM;
	bad.inst.ops = &no_close;
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_payload_attach(s, &bad.inst),
			-EINVAL);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_session_payload_detach(s, &a.inst));

	/* Attach, detach, attach again: the detached one hears nothing. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_payload_attach(s, &b.inst), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_payload_attach(s, &a.inst),
			-EBUSY);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_session_payload_detach(s, &b.inst));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_session_payload_detach(s, &b.inst));
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_payload_attach(s, &a.inst), 0);
	fake_inst_init(&ipmi, RMCPP_PAYLOAD_IPMI);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_payload_attach(s, &ipmi.inst), 0);

	ipmi_lan_session_close(s);
	KUNIT_EXPECT_EQ(test, a.closed, 1U);
	KUNIT_EXPECT_EQ(test, ipmi.closed, 1U);
	KUNIT_EXPECT_EQ(test, b.closed, 0U);
	KUNIT_EXPECT_PTR_EQ(test, a.s_seen, s);
	KUNIT_EXPECT_EQ(test, a.state_seen, SESSION_DEAD);
	KUNIT_EXPECT_FALSE(test, a.in_table_seen);
	/* Closing again, or detaching now, changes nothing. */
	ipmi_lan_session_close(s);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_session_payload_detach(s, &a.inst));
	KUNIT_EXPECT_EQ(test, a.closed, 1U);
	KUNIT_EXPECT_EQ(test, ipmi_lan_session_payload_attach(s, &b.inst),
			-ENOTCONN);
}

enum close_way { CLOSE_USER, CLOSE_REAP, CLOSE_UNINIT };

static const enum close_way close_ways[] = { CLOSE_USER, CLOSE_REAP,
					     CLOSE_UNINIT };

static void close_way_desc(const enum close_way *w, char *desc)
{
	static const char * const names[] = { "close_user", "reaper",
					      "server end" };

	strscpy(desc, names[*w], KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(close_way, close_ways, close_way_desc);

/* Every other way a session closes tells its payload owners too. */
static void payload_close_hook_test(struct kunit *test)
{
	const enum close_way *way = test->param_value;
	struct session_test *t = test->priv;
	struct ipmi_lan_session *s, *other;
	struct fake_inst f, g;

	fake_inst_init(&f, RMCPP_PAYLOAD_SOL);
	fake_inst_init(&g, RMCPP_PAYLOAD_SOL);
	ipmi_lan_fake_channel.session_timeout = 60;
	ipmi_lan_fake_channel.max_sessions = 8;
	s = new_session(test, ep4(test, 192, 0, 2, 1, 623));
	activate(test, s);
	s->user_id = 3;
	other = new_session(test, ep4(test, 192, 0, 2, 2, 623));
	activate(test, other);
	other->user_id = 4;
	KUNIT_ASSERT_EQ(test, ipmi_lan_session_payload_attach(s, &f.inst), 0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_session_payload_attach(other, &g.inst), 0);
	switch (*way) {
	case CLOSE_USER:
		ipmi_lan_session_close_user(t->srv, 3);
		break;
	case CLOSE_REAP:
		other->last_rx = jiffies + 120 * HZ;
		reap(t->srv, jiffies + 120 * HZ);
		break;
	case CLOSE_UNINIT:
		ipmi_lan_sessions_uninit(t->srv);
		break;
	}
	KUNIT_EXPECT_EQ(test, f.closed, 1U);
	KUNIT_EXPECT_EQ(test, f.state_seen, SESSION_DEAD);
	KUNIT_EXPECT_FALSE(test, f.in_table_seen);
	KUNIT_EXPECT_EQ(test, s->state, SESSION_DEAD);
	KUNIT_EXPECT_EQ(test, g.closed, *way == CLOSE_UNINIT ? 1U : 0U);
	if (*way != CLOSE_UNINIT)
		KUNIT_EXPECT_TRUE(test,
				  ipmi_lan_session_payload_detach(other, &g.inst));
}

/*
 * The handshake's scratch: there from Open Session, freed (wiped, by
 * kfree_sensitive()) at activation, so KASAN sees any later use; a
 * session that dies pending frees it with the session (kmemleak sees a
 * leak).
 */
static void scratch_test(struct kunit *test)
{
	struct ipmi_lan_session *s, *p;

	s = new_session(test, ep4(test, 192, 0, 2, 1, 623));
	p = new_session(test, ep4(test, 192, 0, 2, 2, 623));
	KUNIT_ASSERT_NOT_NULL(test, s->hs);
	KUNIT_ASSERT_NOT_NULL(test, p->hs);
	memset(s->hs->kuid, 0x5a, KEY_LEN);
	memset(p->hs->rc, 0x5a, RAND_LEN);
	activate(test, s);
	KUNIT_EXPECT_NULL(test, s->hs);
	ipmi_lan_session_close(p);
	KUNIT_EXPECT_NOT_NULL(test, p->hs);	/* freed with p */
}

/*
 * A session's activation and its end are events (event.h), each end with
 * its cause; a pending session's end is none.
 */
static void events_test(struct kunit *test)
{
	struct session_test *t = test->priv;
	struct ipmi_lan_event *ev = &ipmi_lan_fake_last_event;
	struct ipmi_lan_session *a, *b, *c, *p;
	unsigned int n;

	a = new_session(test, ep4(test, 192, 0, 2, 1, 1000));
	b = new_session(test, ep4(test, 192, 0, 2, 2, 1000));
	c = new_session(test, ep4(test, 192, 0, 2, 3, 1000));
	p = new_session(test, ep4(test, 192, 0, 2, 4, 1000));
	a->user_id = 4;
	b->user_id = 5;
	n = ipmi_lan_fake_events;
	activate(test, a);
	KUNIT_EXPECT_EQ(test, ipmi_lan_fake_events, n + 1);
	KUNIT_EXPECT_EQ(test, ev->kind, IPMI_LAN_EVENT_SESSION_UP);
	KUNIT_EXPECT_EQ(test, ev->handle, a->handle);
	KUNIT_EXPECT_EQ(test, ev->user_id, 4);
	KUNIT_EXPECT_EQ(test, ev->peer.addr4.sin_addr.s_addr,
			htonl(0xc0000201));
	activate(test, b);
	activate(test, c);
	ipmi_lan_session_close(a);
	KUNIT_EXPECT_EQ(test, ev->kind, IPMI_LAN_EVENT_SESSION_DOWN);
	KUNIT_EXPECT_EQ(test, ev->cause, IPMI_LAN_CLOSE_COMMAND);
	KUNIT_EXPECT_EQ(test, ev->user_id, 4);
	ipmi_lan_session_close_user(t->srv, 5);
	KUNIT_EXPECT_EQ(test, ev->cause, IPMI_LAN_CLOSE_CONFIG);
	KUNIT_EXPECT_EQ(test, ev->handle, b->handle);
	n = ipmi_lan_fake_events;
	ipmi_lan_session_close(p);		/* pending: no event */
	KUNIT_EXPECT_EQ(test, ipmi_lan_fake_events, n);
	ipmi_lan_session_close(c);
	KUNIT_EXPECT_EQ(test, ipmi_lan_fake_events, n + 1);
}

static struct kunit_case session_cases[] = {
	KUNIT_CASE(limits_test),
	KUNIT_CASE_PARAM(per_source_test, source_gen_params),
	KUNIT_CASE(per_source_active_test),
	KUNIT_CASE(pool_test),
	KUNIT_CASE_PARAM(handle_test, handle_gen_params),
	KUNIT_CASE(activate_keys_test),
	KUNIT_CASE_PARAM(origin_test, origin_gen_params),
	KUNIT_CASE(lookup_test),
	KUNIT_CASE(close_test),
	KUNIT_CASE(close_user_test),
	KUNIT_CASE_PARAM(idle_timeout_test, idle_gen_params),
	KUNIT_CASE_PARAM(reap_test, reap_gen_params),
	KUNIT_CASE(reaper_work_test),
	KUNIT_CASE(payload_attach_test),
	KUNIT_CASE_PARAM(payload_close_hook_test, close_way_gen_params),
	KUNIT_CASE(scratch_test),
	KUNIT_CASE(events_test),
	{}
};

static struct kunit_suite session_suite = {
	.name = "ipmi_lan_session",
	.suite_init = session_suite_init,
	.suite_exit = session_suite_exit,
	.init = session_test_init,
	.exit = session_test_exit,
	.test_cases = session_cases,
};

kunit_test_suite(session_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for ipmi_lan's session table");
