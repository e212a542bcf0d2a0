// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of hmac.c: HMAC-SHA1 and HMAC-SHA256 against Python's hmac
 * (hmac_vectors.h), for messages of 0 to 200 bytes around the 55/56 and
 * 64-byte block edges, keys of 1 to 64 bytes, each message split into a
 * and b at several points; and a key longer than a block is refused.
 */

#include "../hmac.c"

#include "hmac_vectors.h"

#include <kunit/test.h>

static const struct {
	enum ipmi_lan_hmac_hash hash;
	const u8 *want;
	unsigned int len;
	const char *name;
} hmac_algs[] = {
	{ IPMI_LAN_HMAC_SHA1, vec_hmac_sha1, SHA1_DIGEST_SIZE, "sha1" },
	{ IPMI_LAN_HMAC_SHA256, vec_hmac_sha256, SHA256_DIGEST_SIZE, "sha256" },
};

static void hmac_alg_desc(const typeof(hmac_algs[0]) *a, char *desc)
{
	strscpy(desc, a->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(hmac_alg, hmac_algs, hmac_alg_desc);

static void hmac_sweep_test(struct kunit *test)
{
	const typeof(hmac_algs[0]) *a = test->param_value;
	u8 key[HMAC_BLOCK], msg[256], out[SHA256_DIGEST_SIZE];
	struct ipmi_lan_hmac k;
	unsigned int i, j, n, klen, cut[3];

	for (i = 0; i < sizeof(key); i++)
		key[i] = 0x40 + i;
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = 7 * i + 3;
	for (j = 0; j < ARRAY_SIZE(vec_hmac_lens); j++) {
		n = vec_hmac_lens[j];
		klen = vec_hmac_klens[j % ARRAY_SIZE(vec_hmac_klens)];
		KUNIT_ASSERT_EQ(test, ipmi_lan_hmac_setkey(&k, a->hash, key,
							   klen), 0);
		cut[0] = 0;
		cut[1] = n / 3;
		cut[2] = n;
		for (i = 0; i < ARRAY_SIZE(cut); i++) {
			memset(out, 0xee, sizeof(out));
			ipmi_lan_hmac(&k, msg, cut[i], msg + cut[i],
				      n - cut[i], out);
			KUNIT_EXPECT_EQ_MSG(test, memcmp(out, a->want +
							 j * a->len, a->len),
					    0, "%u bytes, key %u, cut at %u",
					    n, klen, cut[i]);
		}
		/* the key is used again, unchanged by the digests */
		ipmi_lan_hmac(&k, msg, n, NULL, 0, out);
		KUNIT_EXPECT_EQ(test, memcmp(out, a->want + j * a->len,
					     a->len), 0);
		ipmi_lan_hmac_wipe(&k);
		KUNIT_EXPECT_TRUE(test, !memchr_inv(&k, 0, sizeof(k)));
	}
}

static void hmac_refuses_test(struct kunit *test)
{
	u8 key[HMAC_BLOCK + 1] = { 0 };
	struct ipmi_lan_hmac k;

	KUNIT_EXPECT_EQ(test, ipmi_lan_hmac_setkey(&k, IPMI_LAN_HMAC_SHA1,
						   key, sizeof(key)), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_hmac_setkey(&k, 7, key, 20), -EINVAL);
}

static struct kunit_case hmac_cases[] = {
	KUNIT_CASE_PARAM(hmac_sweep_test, hmac_alg_gen_params),
	KUNIT_CASE(hmac_refuses_test),
	{}
};

static struct kunit_suite hmac_suite = {
	.name = "ipmi_lan_hmac",
	.test_cases = hmac_cases,
};

kunit_test_suites(&hmac_suite);
