// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the pre-session rate limiter: the burst is enough for a
 * whole login, then the rate holds; sources are independent; time refills;
 * a full set hands its least recently used bucket to a newcomer, so a flood
 * of spoofed sources cannot lock a legitimate one out.
 */

#include "../ratelimiter.c"

#include <kunit/test.h>
#include <linux/slab.h>

static unsigned int allowed(struct ipmi_lan_ratelimit *rl, u64 key, u64 now,
			    unsigned int tries)
{
	unsigned int n = 0;

	while (tries--)
		n += ipmi_lan_ratelimit_allow(rl, key, now);
	return n;
}

static void burst_then_rate_test(struct kunit *test)
{
	struct ipmi_lan_ratelimit *rl = kunit_kzalloc(test, sizeof(*rl), GFP_KERNEL);
	const u64 step = NSEC_PER_SEC / RATELIMIT_PER_SECOND;
	u64 now = 1000 * NSEC_PER_SEC;

	KUNIT_ASSERT_NOT_NULL(test, rl);
	ipmi_lan_ratelimit_init(rl);
	/* An ipmitool login needs about 8 pre-session packets. */
	KUNIT_EXPECT_GE(test, RATELIMIT_BURST, 16);
	KUNIT_EXPECT_EQ(test, allowed(rl, 42, now, 1000), RATELIMIT_BURST);
	/* One token per step afterwards, no more. */
	KUNIT_EXPECT_EQ(test, allowed(rl, 42, now + step, 10), 1U);
	KUNIT_EXPECT_EQ(test, allowed(rl, 42, now + 11 * step, 100), 10U);
	/* A long pause refills to the burst, not beyond. */
	now += 3600 * NSEC_PER_SEC;
	KUNIT_EXPECT_EQ(test, allowed(rl, 42, now, 1000), RATELIMIT_BURST);
	/* Time going backwards gives nothing away. */
	KUNIT_EXPECT_EQ(test, allowed(rl, 42, now - NSEC_PER_SEC, 10), 0U);
}

static void sources_independent_test(struct kunit *test)
{
	struct ipmi_lan_ratelimit *rl = kunit_kzalloc(test, sizeof(*rl), GFP_KERNEL);
	u64 now = NSEC_PER_SEC;

	KUNIT_ASSERT_NOT_NULL(test, rl);
	ipmi_lan_ratelimit_init(rl);
	KUNIT_EXPECT_EQ(test, allowed(rl, 1000, now, 1000), RATELIMIT_BURST);
	/* Another source, in another bucket, still has its whole burst. */
	KUNIT_EXPECT_EQ(test, allowed(rl, 1004, now, 1000), RATELIMIT_BURST);
	KUNIT_EXPECT_EQ(test, allowed(rl, 1000, now, 10), 0U);
}

/* Keys of the same set: same (key >> 1) modulo the number of sets. */
static u64 same_set(unsigned int n)
{
	return 5 + 2ULL * RATELIMIT_SETS * n;
}

/*
 * A set holds RATELIMIT_WAYS sources at once. A newcomer to a full set is
 * not refused: it takes the bucket of the least recently used source, with
 * the whole burst; the other sources keep their buckets and their tokens.
 */
static void collision_test(struct kunit *test)
{
	struct ipmi_lan_ratelimit *rl = kunit_kzalloc(test, sizeof(*rl), GFP_KERNEL);
	u64 now = NSEC_PER_SEC;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, rl);
	ipmi_lan_ratelimit_init(rl);
	/*
	 * Source i spends i + 1 tokens, 1 ns after source i - 1: source 0 is
	 * the least recent. A few ns of refill are far less than a token.
	 */
	for (i = 0; i < RATELIMIT_WAYS; i++)
		KUNIT_EXPECT_EQ(test, allowed(rl, same_set(i), now + i, i + 1),
				i + 1);
	/* The newcomer gets its whole burst at once, and then no more. */
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(i), now + 10, 1000),
			RATELIMIT_BURST);
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(i), now + 15, 10), 0U);
	/* The others kept their buckets and what was left in them. */
	for (i = 1; i < RATELIMIT_WAYS; i++)
		KUNIT_EXPECT_EQ(test, allowed(rl, same_set(i), now + 20, 1000),
				RATELIMIT_BURST - (i + 1));
	/*
	 * Source 0 lost its bucket: back, it is new again and gets a full
	 * burst (its old bucket had RATELIMIT_BURST - 1 left). It takes the
	 * bucket of the least recent source now, the first newcomer.
	 */
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(0), now + 30, 1000),
			RATELIMIT_BURST);
	for (i = 1; i < RATELIMIT_WAYS; i++)
		KUNIT_EXPECT_EQ(test, allowed(rl, same_set(i), now + 40, 10), 0U);
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(RATELIMIT_WAYS), now + 50,
				      1000), RATELIMIT_BURST);
}

/*
 * Recency is the time of the last packet, answered or not: a drained
 * source that keeps sending keeps its empty bucket, and the sources that
 * went quiet longest are evicted first.
 */
static void lru_test(struct kunit *test)
{
	struct ipmi_lan_ratelimit *rl = kunit_kzalloc(test, sizeof(*rl), GFP_KERNEL);
	const u64 step = NSEC_PER_SEC / RATELIMIT_PER_SECOND;
	u64 now = NSEC_PER_SEC;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, rl);
	ipmi_lan_ratelimit_init(rl);
	/* Source i drains its bucket at step i. */
	for (i = 0; i < RATELIMIT_WAYS; i++)
		KUNIT_EXPECT_EQ(test, allowed(rl, same_set(i), now + i * step,
					      1000), RATELIMIT_BURST);
	/* Source 0 keeps sending: only the refill is answered. */
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(0), now + 8 * step, 1000), 8U);
	/* A newcomer evicts source 1, the least recent, not source 0... */
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(4), now + 9 * step, 1), 1U);
	/* ...which is still limited to the rate. */
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(0), now + 10 * step, 1000), 2U);
	/* Source 1, back, is new (full burst) and evicts source 2. */
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(1), now + 11 * step, 1000),
			RATELIMIT_BURST);
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(3), now + 12 * step, 1000), 9U);
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(2), now + 13 * step, 1000),
			RATELIMIT_BURST);
}

/*
 * A flood from thousands of spoofed sources, each back before a whole
 * refill (so that none is ever quiet for long), does not lock out a
 * legitimate source that starts once the table is full: each of its
 * packets, one per 100 ms, is answered, and so is a whole login at once.
 */
static void flood_test(struct kunit *test)
{
	struct ipmi_lan_ratelimit *rl = kunit_kzalloc(test, sizeof(*rl), GFP_KERNEL);
	const unsigned int rate = 5000, keys = 4096, seconds = 12;
	const u64 legit = 0x0123456789abcdefULL;
	u64 now = NSEC_PER_SEC;
	unsigned int i, legit_sent = 0, legit_allowed = 0;

	KUNIT_ASSERT_NOT_NULL(test, rl);
	ipmi_lan_ratelimit_init(rl);
	/* 5000 packets/s from 4096 sources round robin: each every 0.82 s. */
	for (i = 0; i < seconds * rate; i++, now += NSEC_PER_SEC / rate) {
		ipmi_lan_ratelimit_allow(rl, (i % keys) * 0x9e3779b97f4a7c15ULL,
					 now);
		/* The legitimate source: after 2 s, every 100 ms. */
		if (i >= 2 * rate && !(i % (rate / 10))) {
			legit_sent++;
			legit_allowed += ipmi_lan_ratelimit_allow(rl, legit, now);
		}
	}
	KUNIT_EXPECT_EQ(test, legit_sent, (seconds - 2) * 10);
	KUNIT_EXPECT_EQ(test, legit_allowed, legit_sent);
	/* A whole login (about 8 packets) from another new source. */
	KUNIT_EXPECT_EQ(test, allowed(rl, legit + 2, now, 8), 8U);
	/* The table never gives one source more than a burst at once. */
	KUNIT_EXPECT_EQ(test, allowed(rl, legit, now, 1000), RATELIMIT_BURST);
	KUNIT_EXPECT_EQ(test, allowed(rl, legit, now, 10), 0U);
}

/* Many legitimate sources at once (a management network) all get in. */
static void many_sources_test(struct kunit *test)
{
	struct ipmi_lan_ratelimit *rl = kunit_kzalloc(test, sizeof(*rl), GFP_KERNEL);
	u64 now = NSEC_PER_SEC;
	unsigned int i, refused = 0;

	KUNIT_ASSERT_NOT_NULL(test, rl);
	ipmi_lan_ratelimit_init(rl);
	/* Keys spread like hashes; 256 sources in 256 sets of 4. */
	for (i = 0; i < 256; i++)
		refused += !ipmi_lan_ratelimit_allow(rl, i * 0x9e3779b97f4a7c15ULL,
						     now);
	KUNIT_EXPECT_EQ(test, refused, 0U);
}

static struct kunit_case ratelimit_cases[] = {
	KUNIT_CASE(collision_test),
	KUNIT_CASE(lru_test),
	KUNIT_CASE(flood_test),
	KUNIT_CASE(many_sources_test),
	KUNIT_CASE(burst_then_rate_test),
	KUNIT_CASE(sources_independent_test),
	{}
};

static struct kunit_suite ratelimit_suite = {
	.name = "ipmi_lan_ratelimiter",
	.test_cases = ratelimit_cases,
};

kunit_test_suites(&ratelimit_suite);
