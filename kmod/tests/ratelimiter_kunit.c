// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the pre-session rate limiter: the burst is enough for a
 * whole login, then the rate holds; sources are independent; time refills.
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
 * A set holds RATELIMIT_WAYS sources at once; one more busy source is
 * refused rather than handed a bucket of a busy one (no fresh buckets).
 */
static void collision_test(struct kunit *test)
{
	struct ipmi_lan_ratelimit *rl = kunit_kzalloc(test, sizeof(*rl), GFP_KERNEL);
	u64 now = NSEC_PER_SEC;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, rl);
	ipmi_lan_ratelimit_init(rl);
	for (i = 0; i < RATELIMIT_WAYS; i++)
		KUNIT_EXPECT_EQ(test, allowed(rl, same_set(i), now, 1), 1U);
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(i), now, 10), 0U);
	/* The first ones keep their own buckets meanwhile. */
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(0), now, 1000),
			RATELIMIT_BURST - 1);
	/* Once one has been quiet for a whole refill, the newcomer may in. */
	now += NSEC_PER_SEC * RATELIMIT_BURST / RATELIMIT_PER_SECOND;
	KUNIT_EXPECT_EQ(test, allowed(rl, same_set(i), now, 1000),
			RATELIMIT_BURST);
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
