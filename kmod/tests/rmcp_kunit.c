// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the session-less datagram path, from the datagram to the
 * packet handed to the socket: ASF ping, Get Channel Authentication
 * Capabilities in both framings, dispatch by payload type outside a
 * session, and the drop reasons.
 *
 * The expected bytes were written out by hand from the IPMI v2.0 and ASF
 * layouts and checked with a separate Python script (and, for the first
 * request, against what ipmitool 1.8.19 sends); they are not produced by
 * this code. The units under test are compiled into this module so their
 * static functions are visible.
 */

#include "../cmd.c"
#include "../crypto.c"
#include "../ipmi.c"
#include "../msg.c"
#include "../payload.c"
#include "../rmcp.c"
#include "../send.c"

#include "stubs.h"

#include <kunit/test.h>
#include <linux/slab.h>

static void expect_bytes(struct kunit *test, const u8 *got, unsigned int got_len,
			 const u8 *want, unsigned int want_len)
{
	KUNIT_ASSERT_EQ(test, got_len, want_len);
	if (memcmp(got, want, want_len)) {
		kunit_info(test, "got:  %*ph\n", (int)min(got_len, 64U), got);
		kunit_info(test, "want: %*ph\n", (int)min(want_len, 64U), want);
		KUNIT_FAIL(test, "bytes differ");
	}
}

/*
 * Runs the receive path on an exact-size heap copy, so KASAN reports any
 * read past the datagram's end, with a fresh server; returns what it
 * returned, and the packet it sent, if any, in reply.
 */
static int handle(struct kunit *test, const u8 *in, unsigned int len,
		  u8 *reply, unsigned int *reply_len)
{
	u8 *copy = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);
	struct ipmi_lan_rx rx = {
		.srv = ipmi_lan_kunit_server_new(),
		.scratch = kunit_kmalloc(test, MAX_DATAGRAM_LEN, GFP_KERNEL),
	};
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, copy);
	KUNIT_ASSERT_NOT_NULL(test, rx.scratch);
	KUNIT_ASSERT_NOT_NULL(test, rx.srv);
	rx.ep.addr4.sin_family = AF_INET;
	rx.ep.addr4.sin_addr.s_addr = htonl(0xc0000201);	/* 192.0.2.1 */
	rx.ep.addr4.sin_port = htons(49152);
	memcpy(copy, in, len);
	ipmi_lan_kunit_tx_reset();
	ret = ipmi_lan_rmcp_handle(&rx, copy, len);
	ipmi_lan_kunit_server_free(rx.srv);
	*reply_len = 0;
	if (ipmi_lan_kunit_tx.count) {
		KUNIT_EXPECT_EQ(test, ipmi_lan_kunit_tx.count, 1U);
		KUNIT_EXPECT_EQ(test, ipmi_lan_kunit_tx.ep.addr4.sin_port,
				htons(49152));
		*reply_len = min_t(unsigned int, ipmi_lan_kunit_tx.len,
				   KUNIT_TX_LEN);
		memcpy(reply, ipmi_lan_kunit_tx.data, *reply_len);
	}
	return ret;
}

/* ipmitool 1.8.19 -I lanplus: the first packet it sends. */
static const u8 auth_caps_v15[] = {
	0x06, 0x00, 0xff, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x09, 0x20, 0x18, 0xc8, 0x81, 0x00, 0x38, 0x8e, 0x04,
	0xb5,
};

static const u8 auth_caps_v15_reply[] = {
	0x06, 0x00, 0xff, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x10, 0x81, 0x1c, 0x63, 0x20, 0x00, 0x38, 0x00, 0x01,
	0x80, 0x04, 0x02, 0x00, 0x00, 0x00, 0x00, 0x21,
};

/* The same request in RMCP+ framing, session 0, rqSeq 5. */
static const u8 auth_caps_rmcpp[] = {
	0x06, 0x00, 0xff, 0x07, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x09, 0x00, 0x20, 0x18, 0xc8, 0x81, 0x14, 0x38,
	0x8e, 0x04, 0xa1,
};

static const u8 auth_caps_rmcpp_reply[] = {
	0x06, 0x00, 0xff, 0x07, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x10, 0x00, 0x81, 0x1c, 0x63, 0x20, 0x14, 0x38,
	0x00, 0x01, 0x80, 0x04, 0x02, 0x00, 0x00, 0x00, 0x00, 0x0d,
};

/* An IPMI v1.5 client: no extended data asked for, channel 0Eh. */
static const u8 auth_caps_plain[] = {
	0x06, 0x00, 0xff, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x09, 0x20, 0x18, 0xc8, 0x81, 0x04, 0x38, 0x0e, 0x04,
	0x31,
};

static const u8 auth_caps_plain_reply[] = {
	0x06, 0x00, 0xff, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x10, 0x81, 0x1c, 0x63, 0x20, 0x04, 0x38, 0x00, 0x01,
	0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x9f,
};

/* One data byte short: answered with completion code C7h. */
static const u8 auth_caps_short[] = {
	0x06, 0x00, 0xff, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x08, 0x20, 0x18, 0xc8, 0x81, 0x0c, 0x38, 0x8e, 0xad,
};

static const u8 auth_caps_short_reply[] = {
	0x06, 0x00, 0xff, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x08, 0x81, 0x1c, 0x63, 0x20, 0x0c, 0x38, 0xc7, 0xd5,
};

static const u8 ping[] = {
	0x06, 0x00, 0x2a, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, 0x77, 0x00,
	0x00,
};

static const u8 pong[] = {
	0x06, 0x00, 0x2a, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x40, 0x77, 0x00,
	0x10, 0x00, 0x00, 0x11, 0xbe, 0x00, 0x00, 0x00, 0x00, 0x81, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

struct answer_case {
	const char *desc;
	const u8 *in, *out;
	unsigned int in_len, out_len;
};

#define ANSWER(d, i, o) { d, i, o, sizeof(i), sizeof(o) }

static const struct answer_case answer_cases[] = {
	ANSWER("ASF presence ping", ping, pong),
	ANSWER("auth caps, IPMI v1.5 framing", auth_caps_v15,
	       auth_caps_v15_reply),
	ANSWER("auth caps, RMCP+ framing", auth_caps_rmcpp,
	       auth_caps_rmcpp_reply),
	ANSWER("auth caps, v1.5 client", auth_caps_plain,
	       auth_caps_plain_reply),
	ANSWER("auth caps, short data", auth_caps_short,
	       auth_caps_short_reply),
};

static void answer_desc(const struct answer_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(answer, answer_cases, answer_desc);

static void answer_test(struct kunit *test)
{
	const struct answer_case *c = test->param_value;
	u8 *reply = kunit_kzalloc(test, KUNIT_TX_LEN, GFP_KERNEL);
	unsigned int reply_len;

	KUNIT_ASSERT_NOT_NULL(test, reply);
	KUNIT_EXPECT_EQ(test, handle(test, c->in, c->in_len, reply, &reply_len),
			RX_ACCEPTED);
	expect_bytes(test, reply, reply_len, c->out, c->out_len);
}

/* A copy of a valid packet with some bytes changed, and why it drops. */
struct drop_case {
	const char *desc;
	const u8 *base;
	unsigned int base_len;
	int len_delta;
	struct { u8 off, val; } patch[3];
	int reason;
};

#define P(o, v) { o, v }

static const struct drop_case drop_cases[] = {
	{ "RMCP version 7", ping, sizeof(ping), 0, { P(0, 0x07) },
	  IPMI_LAN_DROP_RMCP_HEADER },
	{ "RMCP ACK", ping, sizeof(ping), 0, { P(3, 0x86) },
	  IPMI_LAN_DROP_RMCP_HEADER },
	{ "RMCP class OEM", ping, sizeof(ping), 0, { P(3, 0x08) },
	  IPMI_LAN_DROP_RMCP_HEADER },
	{ "ASF wrong IANA", ping, sizeof(ping), 0, { P(7, 0xbf) },
	  IPMI_LAN_DROP_ASF },
	{ "ASF pong sent to us", ping, sizeof(ping), 0, { P(8, 0x40) },
	  IPMI_LAN_DROP_ASF },
	{ "ASF data length past the end", ping, sizeof(ping), 0, { P(11, 1) },
	  IPMI_LAN_DROP_TRUNCATED },
	{ "IPMI class with RMCP seq 0", auth_caps_v15, sizeof(auth_caps_v15),
	  0, { P(2, 0x00) }, IPMI_LAN_DROP_RMCP_HEADER },
	{ "v1.5 MD5 session", auth_caps_v15, sizeof(auth_caps_v15), 0,
	  { P(4, 0x02) }, IPMI_LAN_DROP_SESSION_HEADER },
	{ "v1.5 session id", auth_caps_v15, sizeof(auth_caps_v15), 0,
	  { P(9, 0x01) }, IPMI_LAN_DROP_UNKNOWN_SESSION },
	{ "v1.5 length past the end", auth_caps_v15, sizeof(auth_caps_v15), 0,
	  { P(13, 0x0a) }, IPMI_LAN_DROP_TRUNCATED },
	{ "v1.5 two bytes after the message", auth_caps_v15,
	  sizeof(auth_caps_v15), 2, {}, IPMI_LAN_DROP_SESSION_HEADER },
	{ "bad header checksum", auth_caps_v15, sizeof(auth_caps_v15), 0,
	  { P(16, 0xc9) }, IPMI_LAN_DROP_CHECKSUM },
	{ "bad data checksum", auth_caps_v15, sizeof(auth_caps_v15), 0,
	  { P(22, 0xb6) }, IPMI_LAN_DROP_CHECKSUM },
	{ "response netfn", auth_caps_v15, sizeof(auth_caps_v15), 0,
	  { P(15, 0x1c), P(16, 0xc4) }, IPMI_LAN_DROP_MSG_HEADER },
	{ "not addressed to the BMC", auth_caps_v15, sizeof(auth_caps_v15), 0,
	  { P(14, 0x22), P(16, 0xc6) }, IPMI_LAN_DROP_MSG_HEADER },
	{ "Get Device ID outside a session", auth_caps_v15,
	  sizeof(auth_caps_v15), 0, { P(19, 0x01), P(22, 0xec) },
	  IPMI_LAN_DROP_NOT_ALLOWED },
	{ "RMCP+ authenticated session 0", auth_caps_rmcpp,
	  sizeof(auth_caps_rmcpp), 0, { P(5, 0x40) },
	  IPMI_LAN_DROP_SESSION_HEADER },
	{ "RMCP+ encrypted session 0", auth_caps_rmcpp,
	  sizeof(auth_caps_rmcpp), 0, { P(5, 0x80) },
	  IPMI_LAN_DROP_SESSION_HEADER },
	{ "RMCP+ unknown session", auth_caps_rmcpp, sizeof(auth_caps_rmcpp),
	  0, { P(6, 0x11) }, IPMI_LAN_DROP_UNKNOWN_SESSION },
	{ "RMCP+ length past the end", auth_caps_rmcpp,
	  sizeof(auth_caps_rmcpp), 0, { P(14, 0x0a) },
	  IPMI_LAN_DROP_TRUNCATED },
	{ "RMCP+ bytes after the payload", auth_caps_rmcpp,
	  sizeof(auth_caps_rmcpp), 1, {}, IPMI_LAN_DROP_SESSION_HEADER },
	{ "RMCP+ huge payload length", auth_caps_rmcpp,
	  sizeof(auth_caps_rmcpp), 0, { P(15, 0xff) },
	  IPMI_LAN_DROP_TRUNCATED },
	{ "RMCP+ OEM payload", auth_caps_rmcpp, sizeof(auth_caps_rmcpp), 0,
	  { P(5, 0x02) }, IPMI_LAN_DROP_SESSION_HEADER },
	{ "RMCP+ SOL payload outside a session", auth_caps_rmcpp,
	  sizeof(auth_caps_rmcpp), 0, { P(5, 0x01) },
	  IPMI_LAN_DROP_NOT_ALLOWED },
};

static void drop_desc(const struct drop_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(drop, drop_cases, drop_desc);

static void drop_test(struct kunit *test)
{
	const struct drop_case *c = test->param_value;
	unsigned int len = c->base_len + c->len_delta, reply_len, i;
	u8 *in = kunit_kzalloc(test, len, GFP_KERNEL);
	u8 *reply = kunit_kzalloc(test, KUNIT_TX_LEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, reply);
	memcpy(in, c->base, min(len, c->base_len));
	for (i = 0; i < ARRAY_SIZE(c->patch); i++)
		if (c->patch[i].off || c->patch[i].val)
			in[c->patch[i].off] = c->patch[i].val;
	KUNIT_EXPECT_EQ(test, handle(test, in, len, reply, &reply_len),
			c->reason);
	KUNIT_EXPECT_EQ(test, reply_len, 0U);
}

/* Every proper prefix of a valid request is dropped, never answered. */
static void truncation_test(struct kunit *test)
{
	static const struct { const u8 *p; unsigned int len; } pkts[] = {
		{ ping, sizeof(ping) },
		{ auth_caps_v15, sizeof(auth_caps_v15) },
		{ auth_caps_rmcpp, sizeof(auth_caps_rmcpp) },
	};
	u8 *reply = kunit_kzalloc(test, KUNIT_TX_LEN, GFP_KERNEL);
	unsigned int i, len, reply_len;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, reply);
	for (i = 0; i < ARRAY_SIZE(pkts); i++) {
		for (len = 0; len < pkts[i].len; len++) {
			ret = handle(test, pkts[i].p, len, reply, &reply_len);
			KUNIT_EXPECT_NE_MSG(test, ret, RX_ACCEPTED,
					    "packet %u cut to %u bytes", i, len);
			KUNIT_EXPECT_EQ(test, reply_len, 0U);
		}
	}
}

static void oversize_test(struct kunit *test)
{
	unsigned int len = MAX_DATAGRAM_LEN + 1, reply_len;
	u8 *in = kunit_kzalloc(test, len, GFP_KERNEL);
	u8 *reply = kunit_kzalloc(test, KUNIT_TX_LEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, reply);
	memcpy(in, ping, sizeof(ping));
	KUNIT_EXPECT_EQ(test, handle(test, in, len, reply, &reply_len),
			IPMI_LAN_DROP_OVERSIZE);
}

/*
 * Outside a session, the payload table decides: IPMI requests are
 * answered, the handshake's messages go to the handshake (and nothing is
 * sent from softirq), everything else is dropped as not allowed.
 */
static void dispatch_outside_test(struct kunit *test)
{
	u8 *in = kunit_kzalloc(test, sizeof(auth_caps_rmcpp), GFP_KERNEL);
	u8 *reply = kunit_kzalloc(test, KUNIT_TX_LEN, GFP_KERNEL);
	unsigned int ptype, reply_len;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, in);
	KUNIT_ASSERT_NOT_NULL(test, reply);
	for (ptype = 0; ptype <= RMCPP_PAYLOAD_TYPE_MASK; ptype++) {
		bool hs = ptype == RMCPP_PAYLOAD_OPEN_REQ ||
			  ptype == RMCPP_PAYLOAD_RAKP1 ||
			  ptype == RMCPP_PAYLOAD_RAKP3;

		memcpy(in, auth_caps_rmcpp, sizeof(auth_caps_rmcpp));
		in[5] = ptype;
		ret = handle(test, in, sizeof(auth_caps_rmcpp), reply,
			     &reply_len);
		if (ptype == RMCPP_PAYLOAD_IPMI) {
			KUNIT_EXPECT_EQ(test, ret, RX_ACCEPTED);
			expect_bytes(test, reply, reply_len,
				     auth_caps_rmcpp_reply,
				     sizeof(auth_caps_rmcpp_reply));
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, reply_len, 0U, "payload %02x", ptype);
		KUNIT_EXPECT_EQ_MSG(test, ipmi_lan_kunit_tx.handshakes,
				    hs ? 1U : 0U, "payload %02x", ptype);
		if (hs) {
			KUNIT_EXPECT_EQ(test, ret, RX_ACCEPTED);
			KUNIT_EXPECT_EQ(test, ipmi_lan_kunit_tx.handshake_ptype,
					ptype);
		} else if (ptype == RMCPP_PAYLOAD_OEM) {
			KUNIT_EXPECT_EQ(test, ret, IPMI_LAN_DROP_SESSION_HEADER);
		} else {
			KUNIT_EXPECT_EQ_MSG(test, ret, IPMI_LAN_DROP_NOT_ALLOWED,
					    "payload %02x", ptype);
		}
	}
}

/* Past the burst, nothing is answered before authentication. */
static void presession_ratelimit_test(struct kunit *test)
{
	struct ipmi_lan_rx rx = {
		.srv = ipmi_lan_kunit_server_new(),
		.scratch = kunit_kmalloc(test, MAX_DATAGRAM_LEN, GFP_KERNEL),
	};
	unsigned int i, sent = 0, limited = 0;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, rx.srv);
	KUNIT_ASSERT_NOT_NULL(test, rx.scratch);
	rx.ep.addr4.sin_family = AF_INET;
	ipmi_lan_kunit_tx_reset();
	for (i = 0; i < 2 * RATELIMIT_BURST; i++) {
		ret = ipmi_lan_rmcp_handle(&rx, i % 2 ? ping : auth_caps_v15,
					   i % 2 ? sizeof(ping) :
					   sizeof(auth_caps_v15));
		if (ret == RX_ACCEPTED)
			sent++;
		else if (ret == IPMI_LAN_DROP_RATELIMITED)
			limited++;
	}
	ipmi_lan_kunit_server_free(rx.srv);
	/* The bucket refills while the loop runs, a little. */
	KUNIT_EXPECT_GE(test, sent, (unsigned int)RATELIMIT_BURST);
	KUNIT_EXPECT_LT(test, sent, 2U * RATELIMIT_BURST);
	KUNIT_EXPECT_EQ(test, sent + limited, 2U * RATELIMIT_BURST);
	KUNIT_EXPECT_EQ(test, ipmi_lan_kunit_tx.count, sent);
}

static void checksum_test(struct kunit *test)
{
	static const u8 hdr[] = { 0x20, 0x18 };
	static const u8 body[] = { 0x81, 0x00, 0x38, 0x8e, 0x04 };

	KUNIT_EXPECT_EQ(test, ipmi_msg_checksum(hdr, sizeof(hdr)), 0xc8);
	KUNIT_EXPECT_EQ(test, ipmi_msg_checksum(body, sizeof(body)), 0xb5);
	KUNIT_EXPECT_EQ(test, ipmi_msg_checksum(body, 0), 0x00);
}

static struct kunit_case rmcp_cases[] = {
	KUNIT_CASE_PARAM(answer_test, answer_gen_params),
	KUNIT_CASE_PARAM(drop_test, drop_gen_params),
	KUNIT_CASE(truncation_test),
	KUNIT_CASE(oversize_test),
	KUNIT_CASE(dispatch_outside_test),
	KUNIT_CASE(presession_ratelimit_test),
	KUNIT_CASE(checksum_test),
	{}
};

static struct kunit_suite rmcp_suite = {
	.name = "ipmi_lan_rmcp",
	.test_cases = rmcp_cases,
};

kunit_test_suites(&rmcp_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for ipmi_lan");
