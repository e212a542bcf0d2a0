// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: Send Message (App 34h) on the wire (msg.c): the request data as
 * ipmitool and FreeIPMI lay it out, one and two bridging levels, every
 * malformation, and the two forms of the answer. The expected bytes were
 * laid out by hand from the clients' formats and checked with a few lines
 * of Python (the checksum is the two's complement of the byte sum).
 */

#include <kunit/test.h>

#include "../messages.h"
#include "../msg.h"

/* ipmitool -t 0x72 power status (Get Chassis Status), rqSeq 5 */
static const u8 ipmitool_sm[] = { 0x40, 0x72, 0x00, 0x8e, 0x81, 0x14, 0x01,
				  0x6a };
/* FreeIPMI: Chassis Control (power up) to 72h on channel 0, rqSeq 9 */
static const u8 freeipmi_sm[] = { 0x40, 0x72, 0x00, 0x8e, 0x20, 0x24, 0x02,
				  0x01, 0xb9 };
/* ipmitool -T 0x72 -b 7 -t 0x9a mc info: Send Message in Send Message */
static const u8 double_sm[] = { 0x40, 0x72, 0x18, 0x76, 0x81, 0x0c, 0x34,
				0x47, 0x9a, 0x18, 0x4e, 0x20, 0x0c, 0x01,
				0xd3, 0xf8 };

static void send_message_parse_test(struct kunit *test)
{
	struct ipmi_lan_send_msg sm, sm2;

	KUNIT_ASSERT_EQ(test, ipmi_msg_parse_send_message(&sm, ipmitool_sm,
							  sizeof(ipmitool_sm)), 0);
	KUNIT_EXPECT_EQ(test, sm.channel, 0);
	KUNIT_EXPECT_EQ(test, sm.tracking, IPMI_SEND_MSG_TRACK);
	KUNIT_EXPECT_FALSE(test, sm.auth);
	KUNIT_EXPECT_FALSE(test, sm.encrypt);
	KUNIT_EXPECT_EQ(test, sm.inner.rs_sa, 0x72);
	KUNIT_EXPECT_EQ(test, sm.inner.netfn, 0);
	KUNIT_EXPECT_EQ(test, sm.inner.rq_sa, IPMI_REMOTE_SWID);
	KUNIT_EXPECT_EQ(test, sm.inner.rq_seq, 5);
	KUNIT_EXPECT_EQ(test, sm.inner.cmd, 0x01);
	KUNIT_EXPECT_EQ(test, sm.inner.data_len, 0U);

	KUNIT_ASSERT_EQ(test, ipmi_msg_parse_send_message(&sm, freeipmi_sm,
							  sizeof(freeipmi_sm)), 0);
	KUNIT_EXPECT_EQ(test, sm.inner.rq_sa, IPMI_BMC_SA);
	KUNIT_EXPECT_EQ(test, sm.inner.rq_seq, 9);
	KUNIT_EXPECT_EQ(test, sm.inner.cmd, 0x02);
	KUNIT_ASSERT_EQ(test, sm.inner.data_len, 1U);
	KUNIT_EXPECT_EQ(test, sm.inner.data[0], 0x01);
	KUNIT_EXPECT_PTR_EQ(test, sm.inner.data, freeipmi_sm + 7);

	/* two levels: the transit's Send Message carries the target's */
	KUNIT_ASSERT_EQ(test, ipmi_msg_parse_send_message(&sm, double_sm,
							  sizeof(double_sm)), 0);
	KUNIT_EXPECT_EQ(test, sm.inner.rs_sa, 0x72);
	KUNIT_EXPECT_EQ(test, sm.inner.netfn, IPMI_NETFN_APP);
	KUNIT_EXPECT_EQ(test, sm.inner.cmd, IPMI_CMD_SEND_MESSAGE);
	KUNIT_ASSERT_EQ(test, ipmi_msg_parse_send_message(&sm2, sm.inner.data,
							  sm.inner.data_len), 0);
	KUNIT_EXPECT_EQ(test, sm2.channel, 7);
	KUNIT_EXPECT_EQ(test, sm2.tracking, IPMI_SEND_MSG_TRACK);
	KUNIT_EXPECT_EQ(test, sm2.inner.rs_sa, 0x9a);
	KUNIT_EXPECT_EQ(test, sm2.inner.netfn, IPMI_NETFN_APP);
	KUNIT_EXPECT_EQ(test, sm2.inner.cmd, 0x01);
	KUNIT_EXPECT_EQ(test, sm2.inner.rq_seq, 3);
}

struct bad_case {
	const char *desc;
	int at;			/* byte to change, -1: none */
	u8 value;
	int len;		/* -1: the whole request */
	u8 cc;
};

static const struct bad_case bad_cases[] = {
	{ "first checksum", 3, 0x8f, -1, IPMI_CC_INVALID_DATA_FIELD },
	{ "second checksum", 7, 0x6b, -1, IPMI_CC_INVALID_DATA_FIELD },
	{ "a response inside", 2, 0x04, -1, IPMI_CC_INVALID_DATA_FIELD },
	{ "reserved tracking", 0, 0xc0, -1, IPMI_CC_INVALID_DATA_FIELD },
	{ "no message", -1, 0, 1, IPMI_CC_REQ_DATA_LEN_INVALID },
	{ "a message one byte short", -1, 0, 7, IPMI_CC_REQ_DATA_LEN_INVALID },
	{ "no channel byte", -1, 0, 0, IPMI_CC_REQ_DATA_LEN_INVALID },
};

static void bad_case_desc(const struct bad_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_case, bad_cases, bad_case_desc);

static void send_message_bad_test(struct kunit *test)
{
	const struct bad_case *c = test->param_value;
	struct ipmi_lan_send_msg sm;
	u8 buf[sizeof(ipmitool_sm)];
	unsigned int len = c->len < 0 ? sizeof(buf) : c->len;

	memcpy(buf, ipmitool_sm, sizeof(buf));
	if (c->at >= 0)
		buf[c->at] = c->value;
	if (c->at == 2)		/* netfn 1 (a response): its checksum too */
		buf[3] = (u8)-(buf[1] + buf[2]);
	KUNIT_EXPECT_EQ(test, ipmi_msg_parse_send_message(&sm, buf, len),
			c->cc);
}

/*
 * Longer than a message can be; without tracking it parses (policy is
 * the caller's).
 */
static void send_message_edges_test(struct kunit *test)
{
	const unsigned int too_long = 1 + IPMI_MSG_MAX_LEN + 1;
	u8 *big = kunit_kzalloc(test, too_long, GFP_KERNEL);
	struct ipmi_lan_send_msg sm;
	u8 buf[sizeof(ipmitool_sm)];

	KUNIT_ASSERT_NOT_NULL(test, big);
	KUNIT_EXPECT_EQ(test, ipmi_msg_parse_send_message(&sm, big, too_long),
			IPMI_CC_REQ_DATA_LEN_INVALID);
	memcpy(buf, ipmitool_sm, sizeof(buf));
	buf[0] = 0x05;		/* no tracking, channel 5 */
	KUNIT_EXPECT_EQ(test, ipmi_msg_parse_send_message(&sm, buf,
							  sizeof(buf)), 0);
	KUNIT_EXPECT_EQ(test, sm.tracking, IPMI_SEND_MSG_NO_TRACKING);
	KUNIT_EXPECT_EQ(test, sm.channel, 5);
	buf[0] = 0xb5;		/* send raw, encrypted, authenticated */
	KUNIT_EXPECT_EQ(test, ipmi_msg_parse_send_message(&sm, buf,
							  sizeof(buf)), 0);
	KUNIT_EXPECT_EQ(test, sm.tracking, IPMI_SEND_MSG_RAW);
	KUNIT_EXPECT_TRUE(test, sm.auth);
	KUNIT_EXPECT_TRUE(test, sm.encrypt);
}

/* The answer to ipmitool's request: Get Chassis Status, power on. */
static void bridged_answer_test(struct kunit *test)
{
	static const u8 rsp[] = { 0x00, 0x41, 0x00, 0x00 };
	static const u8 separate[] = { 0x81, 0x04, 0x7b, 0x72, 0x14, 0x01,
				       0x00, 0x41, 0x00, 0x00, 0x38 };
	static const u8 embedded[] = { 0x00, 0x81, 0x04, 0x7b, 0x72, 0x14,
				       0x01, 0x00, 0x41, 0x00, 0x00, 0x38 };
	struct ipmi_lan_msg outer = {
		.rs_sa = IPMI_BMC_SA, .netfn = IPMI_NETFN_APP,
		.rq_sa = IPMI_REMOTE_SWID, .rq_seq = 5,
		.cmd = IPMI_CMD_SEND_MESSAGE,
	};
	struct ipmi_lan_send_msg sm;
	u8 out[64];

	KUNIT_ASSERT_EQ(test, ipmi_msg_parse_send_message(&sm, ipmitool_sm,
							  sizeof(ipmitool_sm)), 0);
	KUNIT_ASSERT_EQ(test, ipmi_msg_build_bridged(out, sizeof(out), &outer,
						     &sm.inner, rsp, sizeof(rsp)),
			(unsigned int)sizeof(separate));
	KUNIT_EXPECT_EQ(test, memcmp(out, separate, sizeof(separate)), 0);
	KUNIT_ASSERT_EQ(test, ipmi_msg_build_embedded(out, sizeof(out),
						      &sm.inner, rsp, sizeof(rsp)),
			(unsigned int)sizeof(embedded));
	KUNIT_EXPECT_EQ(test, memcmp(out, embedded, sizeof(embedded)), 0);
	/* what does not fit is not built */
	KUNIT_EXPECT_EQ(test, ipmi_msg_build_bridged(out, sizeof(separate) - 1,
						     &outer, &sm.inner, rsp,
						     sizeof(rsp)), 0U);
	KUNIT_EXPECT_EQ(test, ipmi_msg_build_embedded(out, sizeof(embedded) - 1,
						      &sm.inner, rsp,
						      sizeof(rsp)), 0U);
	KUNIT_EXPECT_EQ(test, ipmi_msg_build_embedded(out, 0, &sm.inner, rsp,
						      sizeof(rsp)), 0U);
}

static struct kunit_case msg_test_cases[] = {
	KUNIT_CASE(send_message_parse_test),
	KUNIT_CASE_PARAM(send_message_bad_test, bad_case_gen_params),
	KUNIT_CASE(send_message_edges_test),
	KUNIT_CASE(bridged_answer_test),
	{}
};

static struct kunit_suite msg_suite = {
	.name = "ipmi_lan_msg",
	.test_cases = msg_test_cases,
};

kunit_test_suite(msg_suite);
