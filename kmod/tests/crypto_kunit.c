// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the RMCP+ cryptography and the sequence window:
 *
 * - RAKP2 and RAKP3 auth codes, SIK, K1, K2 and the RAKP4 ICV for
 *   RAKP-HMAC-SHA1, -MD5 and -SHA256, with and without K_G;
 * - the four integrity AuthCodes and AES-CBC-128 with its pad;
 * - integrity and confidentiality pad cases of the session layer;
 * - the transmit path (send.c) for a session: every suite, every size,
 *   read back by the receive checks; the payload table (payload.c);
 *   in-session dispatch through the whole receive path;
 * - the sequence window, duplicates and the wrap at FFFFFFFFh.
 *
 * The expected values come from rakp_vectors.h, computed by an independent
 * oracle (Python's hmac and hashlib, and the openssl command).
 */

#include "../rmcpp.c"
#include "../seqwin.c"
#include "../track.c"

#include "rakp_vectors.h"
#include "stubs.h"

#include "../rmcp.h"
#include "../send.h"

#include <kunit/test.h>
#include <linux/skbuff.h>
#include <linux/slab.h>

static void expect_same(struct kunit *test, const u8 *got, const u8 *want,
			unsigned int len, const char *what)
{
	if (memcmp(got, want, len)) {
		kunit_info(test, "%s got:  %*ph\n", what, (int)len, got);
		kunit_info(test, "%s want: %*ph\n", what, (int)len, want);
		KUNIT_FAIL(test, "%s differs", what);
	}
}

struct rakp_case {
	const char *desc;
	u8 auth;
	const u8 *rakp2, *rakp3, *sik, *k1, *k2, *rakp4;
	const u8 *kg_sik, *kg_k1, *kg_k2, *kg_rakp4;
};

#define RAKP_CASE(name, a) { #name, a, vec_##name##_rakp2, vec_##name##_rakp3, \
	vec_##name##_sik, vec_##name##_k1, vec_##name##_k2, vec_##name##_rakp4, \
	vec_##name##_kg_sik, vec_##name##_kg_k1, vec_##name##_kg_k2, \
	vec_##name##_kg_rakp4 }

static const struct rakp_case rakp_cases[] = {
	RAKP_CASE(sha1, AUTH_RAKP_HMAC_SHA1),
	RAKP_CASE(md5, AUTH_RAKP_HMAC_MD5),
	RAKP_CASE(sha256, AUTH_RAKP_HMAC_SHA256),
};

static void rakp_desc(const struct rakp_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rakp, rakp_cases, rakp_desc);

static void rakp_test(struct kunit *test)
{
	const struct rakp_case *c = test->param_value;
	unsigned int dlen = ipmi_lan_auth_digest_len(c->auth);
	unsigned int ilen = ipmi_lan_auth_icv_len(c->auth);
	u8 out[MAX_DIGEST_LEN], sik[MAX_DIGEST_LEN];
	u8 k1[MAX_DIGEST_LEN], k2[MAX_DIGEST_LEN];
	struct ipmi_lan_rakp r = {
		.auth = c->auth,
		.console_id = get_unaligned_le32(vec_sidm),
		.bmc_id = get_unaligned_le32(vec_sidc),
		.rm = vec_rm,
		.rc = vec_rc,
		.guid = vec_guid,
		.role = vec_role,
		.name_len = sizeof(vec_uname),
		.name = vec_uname,
		.kuid = vec_kuid,
	};

	KUNIT_ASSERT_EQ(test, ipmi_lan_rakp2_code(&r, out), 0);
	expect_same(test, out, c->rakp2, dlen, "RAKP2 auth code");
	KUNIT_ASSERT_EQ(test, ipmi_lan_rakp3_code(&r, out), 0);
	expect_same(test, out, c->rakp3, dlen, "RAKP3 auth code");
	KUNIT_ASSERT_EQ(test, ipmi_lan_rakp_keys(&r, sik, k1, k2, out), 0);
	expect_same(test, sik, c->sik, dlen, "SIK");
	expect_same(test, k1, c->k1, dlen, "K1");
	expect_same(test, k2, c->k2, dlen, "K2");
	expect_same(test, out, c->rakp4, ilen, "RAKP4 ICV");

	r.kg = vec_kg;
	KUNIT_ASSERT_EQ(test, ipmi_lan_rakp_keys(&r, sik, k1, k2, out), 0);
	expect_same(test, sik, c->kg_sik, dlen, "SIK with K_G");
	expect_same(test, k1, c->kg_k1, dlen, "K1 with K_G");
	expect_same(test, k2, c->kg_k2, dlen, "K2 with K_G");
	expect_same(test, out, c->kg_rakp4, ilen, "RAKP4 ICV with K_G");
}

/* A session of the given suite, keyed like the vectors' sessions. */
static struct ipmi_lan_session *test_session(struct kunit *test, u8 suite_id)
{
	const struct ipmi_lan_suite *suite = ipmi_lan_suite_by_id(suite_id);
	struct ipmi_lan_session *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	const u8 *k1, *k2;
	unsigned int dlen;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, suite);
	switch (suite->auth) {
	case AUTH_RAKP_HMAC_SHA1:
		k1 = vec_sha1_k1;
		k2 = vec_sha1_k2;
		break;
	case AUTH_RAKP_HMAC_MD5:
		k1 = vec_md5_k1;
		k2 = vec_md5_k2;
		break;
	default:
		k1 = vec_sha256_k1;
		k2 = vec_sha256_k2;
	}
	dlen = ipmi_lan_auth_digest_len(suite->auth);
	spin_lock_init(&s->lock);
	ipmi_lan_reply_cache_init(&s->replies);
	s->suite = suite;
	s->console_id = get_unaligned_le32(vec_sidm);
	KUNIT_ASSERT_EQ(test, ipmi_lan_keys_setup(&s->keys, suite, k1, dlen, k2,
						  vec_kuid), 0);
	return s;
}

static void free_session(struct ipmi_lan_session *s)
{
	ipmi_lan_keys_free(&s->keys);
}

struct integ_case {
	const char *desc;
	u8 suite;
	const u8 *code;
};

static const struct integ_case integ_cases[] = {
	{ "HMAC-SHA1-96", 2, vec_integ_hmac_sha1_96 },
	{ "HMAC-MD5-128", 7, vec_integ_hmac_md5_128 },
	{ "MD5-128", 11, vec_integ_md5_128 },
	{ "HMAC-SHA256-128", 16, vec_integ_hmac_sha256_128 },
};

static void integ_desc(const struct integ_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(integ, integ_cases, integ_desc);

/* The AuthCode, then check_integrity() on the packet plus that code. */
static void integrity_test(struct kunit *test)
{
	const struct integ_case *c = test->param_value;
	struct ipmi_lan_session *s = test_session(test, c->suite);
	unsigned int alen = ipmi_lan_integ_len(s->keys.integ);
	unsigned int len = sizeof(vec_integ_packet), plen;
	u8 code[MAX_AUTHCODE_LEN], *pkt;

	KUNIT_ASSERT_EQ(test, ipmi_lan_authcode(&s->keys, vec_integ_packet,
						len, code), 0);
	expect_same(test, code, c->code, alen, "AuthCode");

	pkt = kunit_kmalloc(test, len + alen, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pkt);
	memcpy(pkt, vec_integ_packet, len);
	memcpy(pkt + len, c->code, alen);
	plen = pkt[10] | pkt[11] << 8;
	KUNIT_EXPECT_EQ(test, check_integrity(s, pkt, len + alen, plen), 0);
	/* One bit anywhere in the covered bytes, or in the code, breaks it. */
	pkt[12] ^= 1;
	KUNIT_EXPECT_EQ(test, check_integrity(s, pkt, len + alen, plen),
			IPMI_LAN_DROP_INTEGRITY);
	pkt[12] ^= 1;
	pkt[len + alen - 1] ^= 0x80;
	KUNIT_EXPECT_EQ(test, check_integrity(s, pkt, len + alen, plen),
			IPMI_LAN_DROP_INTEGRITY);
	pkt[len + alen - 1] ^= 0x80;
	/* A truncated AuthCode, of any length, never verifies. */
	KUNIT_EXPECT_EQ(test, check_integrity(s, pkt, len + alen - 1, plen),
			IPMI_LAN_DROP_PAD);
	/* A wrong next header or pad length is a pad error. */
	pkt[len - 1] = 0x08;
	KUNIT_EXPECT_EQ(test, check_integrity(s, pkt, len + alen, plen),
			IPMI_LAN_DROP_PAD);
	free_session(s);
}

/* decrypt() on the oracle's ciphertexts. */
static void confidentiality_test(struct kunit *test)
{
	static const struct {
		u8 suite;
		const u8 *plain, *ct;
		unsigned int plain_len, ct_len;
	} v[] = {
		{ 3, vec_aes_plain7, vec_aes_sha1_conf7, sizeof(vec_aes_plain7),
		  sizeof(vec_aes_sha1_conf7) },
		{ 17, vec_aes_plain15, vec_aes_sha256_conf15,
		  sizeof(vec_aes_plain15), sizeof(vec_aes_sha256_conf15) },
	};
	u8 *buf = kunit_kmalloc(test, MAX_DATAGRAM_LEN, GFP_KERNEL);
	u8 *ct = kunit_kmalloc(test, 64, GFP_KERNEL);
	unsigned int i, pad;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, ct);
	for (i = 0; i < ARRAY_SIZE(v); i++) {
		struct ipmi_lan_session *s = test_session(test, v[i].suite);

		KUNIT_ASSERT_LE(test, v[i].ct_len, 64U);
		expect_same(test, v[i].ct, vec_aes_iv, AES_BLOCK, "IV");
		KUNIT_EXPECT_EQ(test, decrypt(s, v[i].ct, v[i].ct_len, buf),
				(int)v[i].plain_len);
		expect_same(test, buf, v[i].plain, v[i].plain_len, "plaintext");
		/* Not a whole number of blocks, or no block at all. */
		KUNIT_EXPECT_EQ(test, decrypt(s, v[i].ct, v[i].ct_len - 1, buf),
				-IPMI_LAN_DROP_PAD);
		KUNIT_EXPECT_EQ(test, decrypt(s, v[i].ct, AES_BLOCK, buf),
				-IPMI_LAN_DROP_PAD);
		/* A bad pad byte: re-encrypt a plaintext with one. */
		pad = (AES_BLOCK - (v[i].plain_len + 1) % AES_BLOCK) % AES_BLOCK;
		if (pad) {
			memcpy(ct, v[i].ct, AES_BLOCK);
			memcpy(ct + AES_BLOCK, v[i].plain, v[i].plain_len);
			memset(ct + AES_BLOCK + v[i].plain_len, 0x07, pad);
			ct[AES_BLOCK + v[i].plain_len + pad] = pad;
			KUNIT_ASSERT_EQ(test,
					ipmi_lan_encrypt(&s->keys, ct,
							 ct + AES_BLOCK,
							 v[i].ct_len - AES_BLOCK),
					0);
			KUNIT_EXPECT_EQ(test, decrypt(s, ct, v[i].ct_len, buf),
					-IPMI_LAN_DROP_PAD);
		}
		/* A pad length of 16 or more. */
		memcpy(ct, v[i].ct, AES_BLOCK);
		memset(ct + AES_BLOCK, 0x10, v[i].ct_len - AES_BLOCK);
		KUNIT_ASSERT_EQ(test, ipmi_lan_encrypt(&s->keys, ct, ct + AES_BLOCK,
						       v[i].ct_len - AES_BLOCK), 0);
		KUNIT_EXPECT_EQ(test, decrypt(s, ct, v[i].ct_len, buf),
				-IPMI_LAN_DROP_PAD);
		free_session(s);
	}
}

/*
 * The transmit path builds session packets that the receive checks
 * accept, for every suite and payload size, up to a full IPMI message
 * (room used to the last byte): header fields, pads, AuthCode, and the
 * plaintext back from the ciphertext. Sequence numbers count up from 1.
 */
static void tx_roundtrip_test(struct kunit *test)
{
	static const u8 suites[] = { 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17 };
	static const unsigned int sizes[] = { 0, 1, 7, 8, 13, 14, 15, 16, 17,
					      31, 32, 33, 100, IPMI_MSG_MAX_LEN };
	struct ipmi_lan_server *srv = ipmi_lan_kunit_server_new();
	u8 *buf = kunit_kmalloc(test, MAX_DATAGRAM_LEN, GFP_KERNEL);
	u8 msg[IPMI_MSG_MAX_LEN];
	unsigned int i, j, mlen, plen;
	struct ipmi_lan_tx tx;
	const u8 *pkt;
	int got;

	KUNIT_ASSERT_NOT_NULL(test, srv);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < sizeof(msg); i++)
		msg[i] = i * 7;
	for (i = 0; i < ARRAY_SIZE(suites); i++) {
		struct ipmi_lan_session *s = test_session(test, suites[i]);
		bool integ = s->keys.integ != INTEG_NONE;
		bool conf = s->keys.conf != CONF_NONE;

		for (j = 0; j < ARRAY_SIZE(sizes); j++) {
			mlen = sizes[j];
			KUNIT_ASSERT_TRUE(test, ipmi_lan_tx_begin(&tx, srv, s,
								  AUTHTYPE_NONE,
								  mlen));
			memcpy(tx.payload, msg, mlen);
			KUNIT_ASSERT_TRUE(test, ipmi_lan_tx_seal(&tx,
								 RMCPP_PAYLOAD_SOL,
								 mlen));
			pkt = tx.skb->data + RMCP_HEADER_LEN;
			KUNIT_EXPECT_EQ(test, tx.skb->data[3], RMCP_CLASS_IPMI);
			KUNIT_EXPECT_EQ(test, pkt[0], AUTHTYPE_RMCPP);
			KUNIT_EXPECT_EQ(test, pkt[1], RMCPP_PAYLOAD_SOL |
					(integ ? RMCPP_PAYLOAD_AUTHENTICATED : 0) |
					(conf ? RMCPP_PAYLOAD_ENCRYPTED : 0));
			KUNIT_EXPECT_EQ(test, get_unaligned_le32(pkt + 2),
					s->console_id);
			KUNIT_EXPECT_EQ(test, get_unaligned_le32(pkt + 6), j + 1);
			plen = get_unaligned_le16(pkt + 10);
			if (integ)
				KUNIT_EXPECT_EQ(test,
						check_integrity(s, pkt,
								tx.skb->len -
								RMCP_HEADER_LEN,
								plen), 0);
			else
				KUNIT_EXPECT_EQ(test, tx.skb->len, RMCP_HEADER_LEN +
						RMCPP_HEADER_LEN + plen);
			if (conf) {
				got = decrypt(s, pkt + RMCPP_HEADER_LEN, plen, buf);
				KUNIT_ASSERT_EQ(test, got, (int)mlen);
				expect_same(test, buf, msg, mlen, "round trip");
			} else {
				KUNIT_EXPECT_EQ(test, plen, mlen);
				expect_same(test, pkt + RMCPP_HEADER_LEN, msg,
					    mlen, "payload");
			}
			kfree_skb(tx.skb);
		}
		free_session(s);
	}
	ipmi_lan_kunit_server_free(srv);
}

/*
 * Outside a session: the v1.5 and RMCP+ framings around a payload, with
 * session id and sequence number 0, the length field of each.
 */
static void tx_sessionless_test(struct kunit *test)
{
	static const u8 v15[] = {
		0x06, 0x00, 0xff, 0x07, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0x03,
		0xa1, 0xa2, 0xa3,
	};
	static const u8 rmcpp[] = {
		0x06, 0x00, 0xff, 0x07, 0x06, 0x13, 0, 0, 0, 0, 0, 0, 0, 0,
		0x03, 0x00, 0xa1, 0xa2, 0xa3,
	};
	static const u8 payload[] = { 0xa1, 0xa2, 0xa3 };
	struct ipmi_lan_server *srv = ipmi_lan_kunit_server_new();
	struct ipmi_lan_endpoint ep = {};

	KUNIT_ASSERT_NOT_NULL(test, srv);
	ep.addr4.sin_family = AF_INET;
	ipmi_lan_kunit_tx_reset();
	KUNIT_EXPECT_TRUE(test, ipmi_lan_send_payload(srv, NULL, AUTHTYPE_NONE,
						      RMCPP_PAYLOAD_IPMI, payload,
						      sizeof(payload), &ep));
	KUNIT_ASSERT_EQ(test, ipmi_lan_kunit_tx.len, sizeof(v15));
	expect_same(test, ipmi_lan_kunit_tx.data, v15, sizeof(v15), "v1.5");
	KUNIT_EXPECT_TRUE(test, ipmi_lan_send_payload(srv, NULL, AUTHTYPE_RMCPP,
						      RMCPP_PAYLOAD_RAKP2, payload,
						      sizeof(payload), &ep));
	KUNIT_ASSERT_EQ(test, ipmi_lan_kunit_tx.len, sizeof(rmcpp));
	expect_same(test, ipmi_lan_kunit_tx.data, rmcpp, sizeof(rmcpp),
		    "RMCP+");
	KUNIT_EXPECT_EQ(test, ipmi_lan_kunit_tx.count, 2U);
	ipmi_lan_kunit_server_free(srv);
}

struct win_step {
	u32 seq;
	bool ok;
};

#define W(s, o) { s, o }

/* One run of the window: commit each number in turn, expect the verdict. */
static void run_window(struct kunit *test, const struct win_step *steps,
		       unsigned int n)
{
	struct seqwin w = {};
	unsigned int i;

	for (i = 0; i < n; i++) {
		bool check = seqwin_check(&w, steps[i].seq);

		KUNIT_EXPECT_EQ_MSG(test, check, steps[i].ok, "step %u seq %08x",
				    i, steps[i].seq);
		KUNIT_EXPECT_EQ_MSG(test, seqwin_commit(&w, steps[i].seq),
				    steps[i].ok, "step %u seq %08x", i,
				    steps[i].seq);
	}
}

static void window_test(struct kunit *test)
{
	static const struct win_step basic[] = {
		W(0, false),		/* zero is never valid */
		W(1000, true),		/* the first number can be anything */
		W(1000, false),		/* duplicate of the highest */
		W(1001, true),
		W(1016, true),		/* +15 */
		W(1032, false),		/* +16: too far ahead */
		W(1031, true),		/* +15 again */
		W(1015, true),		/* -16: the edge */
		W(1015, false),		/* duplicate inside the window */
		W(1014, false),		/* -17 */
		W(1020, true),		/* out of order, new */
		W(1020, false),		/* and its duplicate */
		W(1001, false),		/* far behind by now */
	};
	/* 0 is reserved: 1 follows FFFFFFFFh, one count on. */
	static const struct win_step wrap[] = {
		W(0xfffffff0, true),
		W(0xffffffff, true),	/* +15 */
		W(0, false),		/* never valid */
		W(1, true),		/* +1 from FFFFFFFFh */
		W(0xfffffffe, true),	/* -2 from 1, across the wrap */
		W(0xffffffff, false),	/* duplicate across the wrap */
		W(0xfffffff1, true),	/* -15 from 1, never seen */
		W(0xfffffff1, false),	/* and its duplicate */
		W(0xfffffff0, false),	/* -16 from 1: seen first of all */
		W(0xffffffef, false),	/* -17 from 1 */
		W(16, true),		/* +15 from 1 */
		W(17, true),		/* +1 */
		W(1, false),		/* -16: its bit moved with the window */
		W(2, true),		/* -15, never seen */
		W(0xffffffff, false),	/* -17 */
	};
	/* The count skips 0: FFFFFFF0h is 16 behind 1, not 17. */
	static const struct win_step skip0[] = {
		W(0xfffffff8, true),
		W(1, true),		/* +8 */
		W(0xfffffff0, true),	/* -16 */
		W(0xffffffef, false),	/* -17 */
		W(0xfffffff8, false),	/* duplicate */
	};
	static const struct win_step far[] = {
		W(5, true),
		W(0x80000005, false),	/* half the space away */
		W(6, true),
		W(0x7fffffff, false),
	};

	run_window(test, basic, ARRAY_SIZE(basic));
	run_window(test, wrap, ARRAY_SIZE(wrap));
	run_window(test, skip0, ARRAY_SIZE(skip0));
	run_window(test, far, ARRAY_SIZE(far));
}

/* A check does not move the window; only a commit does. */
static void window_check_is_pure_test(struct kunit *test)
{
	struct seqwin w = {};

	KUNIT_EXPECT_TRUE(test, seqwin_commit(&w, 10));
	KUNIT_EXPECT_TRUE(test, seqwin_check(&w, 20));
	KUNIT_EXPECT_TRUE(test, seqwin_check(&w, 20));
	KUNIT_EXPECT_EQ(test, w.highest, 10U);
	KUNIT_EXPECT_TRUE(test, seqwin_check(&w, 11));
	KUNIT_EXPECT_TRUE(test, seqwin_commit(&w, 11));
	KUNIT_EXPECT_FALSE(test, seqwin_commit(&w, 11));
}

/*
 * The payload table (payload.c), whole. Outside a session: IPMI and the
 * handshake's requests. Named by a handshake message: only RAKP1 when
 * pending-open, RAKP1 and RAKP3 when pending-RAKP3, nothing when active
 * or dead. In-session: only IPMI messages, only when active. Everything
 * else, SOL and OEM included, is dropped.
 */
static void state_table_test(struct kunit *test)
{
	static const struct {
		enum ipmi_lan_session_state state;
		u8 handshake[2], session[2];
		unsigned int nh, ns;
	} rows[] = {
		{ SESSION_PENDING_OPEN, { RMCPP_PAYLOAD_RAKP1 }, {}, 1, 0 },
		{ SESSION_PENDING_RAKP3,
		  { RMCPP_PAYLOAD_RAKP1, RMCPP_PAYLOAD_RAKP3 }, {}, 2, 0 },
		{ SESSION_ACTIVE, {}, { RMCPP_PAYLOAD_IPMI, RMCPP_PAYLOAD_SOL },
		  0, 2 },
		{ SESSION_DEAD, {}, {}, 0, 0 },
	};
	unsigned int i, j, ptype;

	for (ptype = 0; ptype <= RMCPP_PAYLOAD_TYPE_MASK; ptype++)
		KUNIT_EXPECT_EQ_MSG(test, ipmi_lan_payload_outside(ptype),
				    ptype == RMCPP_PAYLOAD_IPMI ||
				    ptype == RMCPP_PAYLOAD_OPEN_REQ ||
				    ptype == RMCPP_PAYLOAD_RAKP1 ||
				    ptype == RMCPP_PAYLOAD_RAKP3,
				    "outside: payload %02x", ptype);
	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		for (ptype = 0; ptype <= RMCPP_PAYLOAD_TYPE_MASK; ptype++) {
			bool hs = false, in = false;

			for (j = 0; j < rows[i].nh; j++)
				hs |= rows[i].handshake[j] == ptype;
			for (j = 0; j < rows[i].ns; j++)
				in |= rows[i].session[j] == ptype;
			KUNIT_EXPECT_EQ_MSG(test,
					    ipmi_lan_payload_named(rows[i].state,
								   ptype),
					    hs, "handshake: state %d payload %02x",
					    rows[i].state, ptype);
			KUNIT_EXPECT_EQ_MSG(test,
					    ipmi_lan_payload_in_session(rows[i].state,
									ptype),
					    in, "in-session: state %d payload %02x",
					    rows[i].state, ptype);
		}
	}
}

/* Get Device ID from the remote console, as a LAN message. */
static const u8 get_device_id_msg[] = {
	0x20, 0x18, 0xc8, 0x81, 0x04, 0x01, 0x7a,
};

struct rcv_rig {
	struct ipmi_lan_rx rx;
	u8 *dgram;		/* the datagram: an RMCP header, then pkt */
	u8 *pkt;
};

/* A server and per-datagram buffers; lookups find s. */
static struct rcv_rig *rcv_rig(struct kunit *test, struct ipmi_lan_session *s)
{
	struct rcv_rig *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->rx.srv = ipmi_lan_kunit_server_new();
	r->dgram = kunit_kzalloc(test, MAX_DATAGRAM_LEN, GFP_KERNEL);
	r->rx.scratch = kunit_kzalloc(test, MAX_DATAGRAM_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r->rx.srv);
	KUNIT_ASSERT_NOT_NULL(test, r->dgram);
	KUNIT_ASSERT_NOT_NULL(test, r->rx.scratch);
	r->dgram[0] = RMCP_VERSION_1_0;
	r->dgram[2] = RMCP_SEQ_NO_ACK;
	r->dgram[3] = RMCP_CLASS_IPMI;
	r->pkt = r->dgram + RMCP_HEADER_LEN;
	r->rx.ep.addr4.sin_family = AF_INET;
	r->rx.ep.addr4.sin_addr.s_addr = htonl(0xc6336402);	/* 198.51.100.2 */
	ipmi_lan_kunit_session = s;
	ipmi_lan_kunit_tx_reset();
	return r;
}

/* The whole receive path on the datagram, pkt_len bytes after RMCP. */
static int rcv(struct rcv_rig *r, unsigned int pkt_len)
{
	return ipmi_lan_rmcp_handle(&r->rx, r->dgram, RMCP_HEADER_LEN + pkt_len);
}

static void rcv_rig_done(struct rcv_rig *r)
{
	ipmi_lan_kunit_session = NULL;
	ipmi_lan_kunit_server_free(r->rx.srv);
}

/* An RMCP+ session header (from the format byte on) for s. */
static void put_session_header(u8 *pkt, const struct ipmi_lan_session *s,
			       u8 ptype, u32 seq, unsigned int plen)
{
	pkt[0] = AUTHTYPE_RMCPP;
	pkt[1] = ptype;
	put_unaligned_le32(s->id, pkt + 2);
	put_unaligned_le32(seq, pkt + 6);
	put_unaligned_le16(plen, pkt + 10);
}

/*
 * In-session packets naming a pending (or dead) session are dropped
 * before anything else happens: whatever their payload type (the
 * handshake's included), unauthenticated like a pending session's zero
 * keys would let them be, nothing is answered, no sequence number is
 * taken and the peer is not moved. An active session takes IPMI only.
 */
static void rcv_pending_test(struct kunit *test)
{
	static const u8 ptypes[] = {
		RMCPP_PAYLOAD_IPMI, RMCPP_PAYLOAD_SOL, RMCPP_PAYLOAD_OPEN_REQ,
		RMCPP_PAYLOAD_OPEN_RSP, RMCPP_PAYLOAD_RAKP1, RMCPP_PAYLOAD_RAKP2,
		RMCPP_PAYLOAD_RAKP3, RMCPP_PAYLOAD_RAKP4,
	};
	static const enum ipmi_lan_session_state states[] = {
		SESSION_PENDING_OPEN, SESSION_PENDING_RAKP3, SESSION_DEAD,
		SESSION_ACTIVE,
	};
	struct ipmi_lan_session *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	const unsigned int mlen = sizeof(get_device_id_msg);
	struct rcv_rig *r;
	unsigned int i, j;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, s);
	spin_lock_init(&s->lock);
	ipmi_lan_reply_cache_init(&s->replies);
	kref_init(&s->ref);
	s->id = 0x1234;
	s->suite = ipmi_lan_suite_by_id(3);	/* keys: all zero, as pending */
	r = rcv_rig(test, s);
	for (i = 0; i < ARRAY_SIZE(states); i++) {
		for (j = 0; j < ARRAY_SIZE(ptypes); j++) {
			/* An active session's IPMI and SoL: their handlers
			 * decide (SoL without an activation: sol_kunit).
			 */
			if (states[i] == SESSION_ACTIVE &&
			    (ptypes[j] == RMCPP_PAYLOAD_IPMI ||
			     ptypes[j] == RMCPP_PAYLOAD_SOL))
				continue;
			s->state = states[i];
			put_session_header(r->pkt, s, ptypes[j], 1, mlen);
			memcpy(r->pkt + RMCPP_HEADER_LEN, get_device_id_msg, mlen);
			ret = rcv(r, RMCPP_HEADER_LEN + mlen);
			KUNIT_EXPECT_EQ_MSG(test, ret, IPMI_LAN_DROP_STATE,
					    "state %d payload %02x", states[i],
					    ptypes[j]);
		}
	}
	KUNIT_EXPECT_EQ(test, ipmi_lan_kunit_tx.count, 0U);
	KUNIT_EXPECT_EQ(test, ipmi_lan_kunit_tx.handshakes, 0U);
	KUNIT_EXPECT_EQ(test, s->win_unauth.highest, 0U);
	KUNIT_EXPECT_EQ(test, s->win_auth.highest, 0U);
	KUNIT_EXPECT_EQ(test, s->peer.addr.sa_family, 0);
	rcv_rig_done(r);
}

/*
 * A packet that passes integrity but fails the confidentiality pad is
 * dropped, and the plaintext decrypt() wrote is wiped (it may be a
 * password of Set User Password).
 */
static void rcv_wipes_scratch_test(struct kunit *test)
{
	static const u8 suites[] = { 3, 8, 12, 17 };
	const unsigned int plen = 2 * AES_BLOCK;	/* IV, one block */
	unsigned int i, ipad = rmcpp_integ_pad(plen);
	unsigned int covered, alen;
	struct rcv_rig *r;
	u8 *pkt, *p;
	int ret;

	for (i = 0; i < ARRAY_SIZE(suites); i++) {
		struct ipmi_lan_session *s = test_session(test, suites[i]);

		s->id = 0x1234;
		s->state = SESSION_ACTIVE;
		r = rcv_rig(test, s);
		pkt = r->pkt;
		p = pkt + RMCPP_HEADER_LEN;
		alen = ipmi_lan_integ_len(s->keys.integ);
		covered = RMCPP_HEADER_LEN + plen + ipad + 2;
		put_session_header(pkt, s, RMCPP_PAYLOAD_IPMI |
				   RMCPP_PAYLOAD_AUTHENTICATED |
				   RMCPP_PAYLOAD_ENCRYPTED, 1, plen);
		memset(p, 0x11, AES_BLOCK);			/* IV */
		/* Pad length 3, but the pad bytes are not 01h 02h 03h. */
		memset(p + AES_BLOCK, 0x5a, AES_BLOCK - 1);
		p[plen - 1] = 3;
		KUNIT_ASSERT_EQ(test, ipmi_lan_encrypt(&s->keys, p,
						       p + AES_BLOCK, AES_BLOCK),
				0);
		memset(p + plen, RMCPP_INTEG_PAD, ipad);
		p[plen + ipad] = ipad;
		p[plen + ipad + 1] = RMCPP_NEXT_HEADER;
		KUNIT_ASSERT_EQ(test, ipmi_lan_authcode(&s->keys, pkt, covered,
							pkt + covered), 0);
		memset(r->rx.scratch, 0xee, MAX_DATAGRAM_LEN);
		ret = rcv(r, covered + alen);
		KUNIT_EXPECT_EQ_MSG(test, ret, IPMI_LAN_DROP_PAD, "suite %u",
				    suites[i]);
		KUNIT_EXPECT_PTR_EQ_MSG(test, memchr(r->rx.scratch, 0x5a,
						     MAX_DATAGRAM_LEN),
					NULL, "plaintext left (suite %u)",
					suites[i]);
		/* The wipe covers what was written, and nothing it missed. */
		KUNIT_EXPECT_PTR_EQ(test, memchr_inv(r->rx.scratch, 0, plen),
				    NULL);
		/* The window was not moved by a packet that failed. */
		KUNIT_EXPECT_EQ(test, s->win_auth.highest, 0U);
		KUNIT_EXPECT_EQ(test, ipmi_lan_kunit_tx.count, 0U);
		rcv_rig_done(r);
		free_session(s);
	}
}

/*
 * A console's packet of session s carrying msg, built by hand as the spec
 * lays it out (fixed IV, confidentiality pad, integrity pad, AuthCode).
 * Returns its length from the format byte on.
 */
static unsigned int put_session_packet(struct kunit *test, u8 *pkt,
				       struct ipmi_lan_session *s, const u8 *msg,
				       unsigned int mlen, u32 seq)
{
	bool integ = s->keys.integ != INTEG_NONE;
	bool conf = s->keys.conf != CONF_NONE;
	unsigned int plen = mlen, cpad, ipad, i, covered;
	u8 *p = pkt + RMCPP_HEADER_LEN;

	if (conf) {
		cpad = (AES_BLOCK - (mlen + 1) % AES_BLOCK) % AES_BLOCK;
		plen = AES_BLOCK + mlen + cpad + 1;
		memset(p, 0x3c, AES_BLOCK);
		memcpy(p + AES_BLOCK, msg, mlen);
		for (i = 0; i < cpad; i++)
			p[AES_BLOCK + mlen + i] = i + 1;
		p[plen - 1] = cpad;
		KUNIT_ASSERT_EQ(test, ipmi_lan_encrypt(&s->keys, p, p + AES_BLOCK,
						       plen - AES_BLOCK), 0);
	} else {
		memcpy(p, msg, mlen);
	}
	put_session_header(pkt, s, RMCPP_PAYLOAD_IPMI |
			   (integ ? RMCPP_PAYLOAD_AUTHENTICATED : 0) |
			   (conf ? RMCPP_PAYLOAD_ENCRYPTED : 0), seq, plen);
	if (!integ)
		return RMCPP_HEADER_LEN + plen;
	ipad = rmcpp_integ_pad(plen);
	memset(p + plen, RMCPP_INTEG_PAD, ipad);
	p[plen + ipad] = ipad;
	p[plen + ipad + 1] = RMCPP_NEXT_HEADER;
	covered = RMCPP_HEADER_LEN + plen + ipad + 2;
	KUNIT_ASSERT_EQ(test, ipmi_lan_authcode(&s->keys, pkt, covered,
						pkt + covered), 0);
	return covered + ipmi_lan_integ_len(s->keys.integ);
}

/*
 * An active session's request goes through the whole receive path to the
 * IPMI handler, and its answer, built by the transmit path, goes back to
 * the sender: sealed for the session, with the response in it. The same
 * request again (a new sequence number, the same rqSeq) is answered from
 * the reply cache, byte for byte the same message.
 */
static void rcv_active_test(struct kunit *test)
{
	static const u8 suites[] = { 1, 3, 8, 12, 17 };
	/* rsSA rqSA... a Get Device ID response, cc 00h, device id 20h */
	static const u8 rsp_head[] = { 0x81, 0x1c, 0x63, 0x20, 0x04, 0x01,
				       0x00, 0x20 };
	u8 *buf = kunit_kmalloc(test, MAX_DATAGRAM_LEN, GFP_KERNEL);
	u8 first[64];
	unsigned int i, k, len, plen, mlen = 0;
	const u8 *out, *m;
	struct rcv_rig *r;
	int got;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < ARRAY_SIZE(suites); i++) {
		struct ipmi_lan_session *s = test_session(test, suites[i]);

		s->id = 0x1234;
		s->state = SESSION_ACTIVE;
		s->priv = IPMI_PRIV_USER;
		r = rcv_rig(test, s);
		for (k = 1; k <= 2; k++) {
			len = put_session_packet(test, r->pkt, s,
						 get_device_id_msg,
						 sizeof(get_device_id_msg), k);
			KUNIT_ASSERT_EQ(test, rcv(r, len), RX_ACCEPTED);
			KUNIT_ASSERT_EQ(test, ipmi_lan_kunit_tx.count, k);
			KUNIT_EXPECT_EQ(test, s->win_auth.highest +
					s->win_unauth.highest, k);
			KUNIT_EXPECT_EQ(test, ipmi_lan_kunit_tx.ep.addr4.sin_addr.s_addr,
					r->rx.ep.addr4.sin_addr.s_addr);
			out = ipmi_lan_kunit_tx.data + RMCP_HEADER_LEN;
			KUNIT_EXPECT_EQ(test, get_unaligned_le32(out + 2),
					s->console_id);
			plen = get_unaligned_le16(out + 10);
			if (s->keys.integ)
				KUNIT_EXPECT_EQ(test,
						check_integrity(s, out,
								ipmi_lan_kunit_tx.len -
								RMCP_HEADER_LEN,
								plen), 0);
			m = out + RMCPP_HEADER_LEN;
			got = plen;
			if (s->keys.conf) {
				got = decrypt(s, m, plen, buf);
				m = buf;
			}
			KUNIT_ASSERT_GT(test, got, (int)sizeof(rsp_head));
			expect_same(test, m, rsp_head, sizeof(rsp_head),
				    "response");
			if (k == 1) {
				mlen = got;
				KUNIT_ASSERT_LE(test, mlen, sizeof(first));
				memcpy(first, m, mlen);
			} else {
				KUNIT_EXPECT_EQ(test, (unsigned int)got, mlen);
				expect_same(test, m, first, mlen, "cached");
			}
		}
		rcv_rig_done(r);
		free_session(s);
	}
}

/* Open Session matching: whole triples, wildcards, strongest first. */
static void suite_choose_test(struct kunit *test)
{
	static const struct {
		u32 enabled;
		u8 alg[3];
		bool any[3];
		int want;		/* suite id, or -1 for none */
	} c[] = {
		{ BIT(3) | BIT(17), { 1, 1, 1 }, {}, 3 },
		{ BIT(3) | BIT(17), { 3, 4, 1 }, {}, 17 },
		{ BIT(3) | BIT(17), {}, { true, true, true }, 17 },
		{ BIT(3) | BIT(17), { 1 }, { false, true, true }, 3 },
		/* SHA1 authentication with SHA256 integrity is no suite. */
		{ BIT(3) | BIT(17), { 1, 4, 1 }, {}, -1 },
		/* Suite 2 exists but is not enabled. */
		{ BIT(3) | BIT(17), { 1, 1, 0 }, {}, -1 },
		{ BIT(2) | BIT(3), { 1, 1, 0 }, {}, 2 },
		{ BIT(1), { 0, 0, 0 }, { false, true, true }, -1 },
		{ BIT(1) | BIT(12), {}, { true, true, true }, 12 },
		{ BIT(15), { 3, 0, 0 }, {}, 15 },
		{ 0, {}, { true, true, true }, -1 },
	};
	const struct ipmi_lan_suite *s;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		s = ipmi_lan_suite_choose(c[i].enabled, c[i].alg, c[i].any);
		KUNIT_EXPECT_EQ_MSG(test, s ? s->id : -1, c[i].want, "case %u", i);
	}
}

/*
 * A closed session's transforms go back to the pool wiped, and the next
 * session gets them with its own keys. Suite 3, first keyed with other
 * keys and freed: the pooled HMAC must then be keyed with 20 zero bytes
 * and the AES with 16, and the next session must get the same transforms
 * and still give the oracle's AuthCode and ciphertext.
 */
static void keys_reuse_test(struct kunit *test)
{
	/* HMAC-MD5(20 x 00h, "wiped") by Python's hmac, AES by openssl */
	static const u8 wiped_hmac[] = {
		0x68, 0xeb, 0x6b, 0x41, 0x6e, 0xb5, 0x63, 0xc9,
		0x7a, 0xd7, 0x60, 0x60, 0x49, 0x18, 0xb7, 0x02,
	};
	static const u8 wiped_aes[] = {
		0x66, 0xe9, 0x4b, 0xd4, 0xef, 0x8a, 0x2c, 0x3b,
		0x88, 0x4c, 0xfa, 0x59, 0xca, 0x34, 0x2b, 0x2e,
	};
	/* AES-128(md5 K2, 16 x 00h) by openssl */
	static const u8 k2_aes[] = {
		0xf2, 0xe5, 0xec, 0xb3, 0x02, 0xac, 0x5e, 0x39,
		0x26, 0x8e, 0x66, 0x6c, 0x26, 0x03, 0xd1, 0xd3,
	};
	static const u8 other[KEY_LEN] = { [0 ... KEY_LEN - 1] = 0x5a };
	static const u8 iv[AES_BLOCK];
	const struct ipmi_lan_suite *suite = ipmi_lan_suite_by_id(8);
	struct ipmi_lan_keys keys, pooled = {
		.integ = INTEG_HMAC_MD5_128,
		.conf = CONF_AES_CBC_128,
	};
	struct ipmi_lan_session *s;
	u8 code[MAX_AUTHCODE_LEN], *block;

	block = kunit_kzalloc(test, AES_BLOCK, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, block);
	KUNIT_ASSERT_EQ(test, ipmi_lan_keys_setup(&keys, suite, other, KEY_LEN,
						  other, vec_kuid), 0);
	pooled.mac = keys.mac;
	pooled.aes = keys.aes;
	ipmi_lan_keys_free(&keys);
	KUNIT_EXPECT_NULL(test, keys.mac);

	/* In the pool (and not in use): only zero keys are left. */
	KUNIT_ASSERT_EQ(test, ipmi_lan_authcode(&pooled, (const u8 *)"wiped",
						5, code), 0);
	expect_same(test, code, wiped_hmac, sizeof(wiped_hmac), "wiped HMAC");
	KUNIT_ASSERT_EQ(test, ipmi_lan_encrypt(&pooled, iv, block, AES_BLOCK), 0);
	expect_same(test, block, wiped_aes, AES_BLOCK, "wiped AES");

	s = test_session(test, 8);
	KUNIT_EXPECT_PTR_EQ(test, s->keys.mac, pooled.mac);
	KUNIT_EXPECT_PTR_EQ(test, s->keys.aes, pooled.aes);
	KUNIT_ASSERT_EQ(test, ipmi_lan_authcode(&s->keys, vec_integ_packet,
						sizeof(vec_integ_packet), code), 0);
	expect_same(test, code, vec_integ_hmac_md5_128,
		    ipmi_lan_integ_len(INTEG_HMAC_MD5_128), "AuthCode after reuse");
	memset(block, 0, AES_BLOCK);
	KUNIT_ASSERT_EQ(test, ipmi_lan_encrypt(&s->keys, iv, block, AES_BLOCK), 0);
	expect_same(test, block, k2_aes, AES_BLOCK, "AES after reuse");
	free_session(s);

	/* HMAC-SHA1-96 and -SHA256-128 keep K1 in the keys, no transform. */
	s = test_session(test, 3);
	KUNIT_EXPECT_NULL(test, s->keys.mac);
	KUNIT_EXPECT_PTR_EQ(test, s->keys.aes, pooled.aes);
	free_session(s);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(&s->keys, 0, sizeof(s->keys)));
}

static struct kunit_case crypto_cases[] = {
	KUNIT_CASE(state_table_test),
	KUNIT_CASE(rcv_pending_test),
	KUNIT_CASE(rcv_wipes_scratch_test),
	KUNIT_CASE(rcv_active_test),
	KUNIT_CASE(suite_choose_test),
	KUNIT_CASE_PARAM(rakp_test, rakp_gen_params),
	KUNIT_CASE_PARAM(integrity_test, integ_gen_params),
	KUNIT_CASE(confidentiality_test),
	KUNIT_CASE(keys_reuse_test),
	KUNIT_CASE(tx_roundtrip_test),
	KUNIT_CASE(tx_sessionless_test),
	KUNIT_CASE(window_test),
	KUNIT_CASE(window_check_is_pure_test),
	{}
};

static int crypto_suite_init(struct kunit_suite *suite)
{
	return ipmi_lan_crypto_init();
}

static void crypto_suite_exit(struct kunit_suite *suite)
{
	ipmi_lan_crypto_uninit();
}

static struct kunit_suite crypto_suite = {
	.name = "ipmi_lan_crypto",
	.suite_init = crypto_suite_init,
	.suite_exit = crypto_suite_exit,
	.test_cases = crypto_cases,
};

kunit_test_suites(&crypto_suite);
