// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the forward table and of the message handler's LAN
 * formats. The Send Message vector was captured from 6.1's message
 * handler (format_lan_msg) replying to a forwarded Get Chassis Status;
 * the Get Message one is laid out by hand from the handler's parser
 * (handle_lan_get_msg_cmd) with checksums worked out separately. The
 * local bridging vectors are laid out by hand the same way: the Send
 * Message the handler makes of ipmitool -I open -t 0x72 chassis status
 * (format_ipmb_msg), the Get Message it reads at the target's interface
 * (handle_ipmb_get_msg_cmd), the consumer's response it sends back, and
 * the Get Message the BMC's interface gets (handle_ipmb_get_msg_rsp).
 */

#include "../forward.c"

#include <kunit/test.h>
#include <linux/slab.h>

static void format_get_msg_test(struct kunit *test)
{
	static const u8 expect[] = {
		0x1c, 0x33, 0x00, 0x41, 0x07, 0x20, 0x00, 0xe0,
		0x81, 0x14, 0x01, 0x6a,
	};
	static const u8 expect_data[] = {
		0x1c, 0x33, 0x00, 0x31, 0x2a, 0x20, 0x00, 0xe0,
		0x81, 0x24, 0x02, 0x01, 0x58,
	};
	struct ipmi_lan_msg req = {
		.rs_sa = 0x20, .netfn = 0x00, .rq_sa = 0x81, .rq_seq = 5,
		.cmd = 0x01,
	};
	static const u8 on = 0x01;
	u8 out[32];

	KUNIT_ASSERT_EQ(test, ipmi_lan_forward_format(out, sizeof(out), &req,
						      4, 7), sizeof(expect));
	KUNIT_EXPECT_EQ(test, memcmp(out, expect, sizeof(expect)), 0);

	/* Chassis Control "power up", operator, handle 42, seq 9. */
	req.rq_seq = 9;
	req.cmd = 0x02;
	req.data = &on;
	req.data_len = 1;
	KUNIT_ASSERT_EQ(test, ipmi_lan_forward_format(out, sizeof(out), &req,
						      3, 42),
			sizeof(expect_data));
	KUNIT_EXPECT_EQ(test, memcmp(out, expect_data, sizeof(expect_data)), 0);
	/* Too small a buffer: nothing. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_format(out, 12, &req, 3, 42), 0U);
}

static void parse_reply_test(struct kunit *test)
{
	static const u8 captured[] = {
		0x18, 0x34, 0x01, 0x07, 0x81, 0x04, 0x7b, 0x20,
		0x16, 0x01, 0x00, 0x01, 0x00, 0x00, 0xc8,
	};
	struct ipmi_lan_forward_reply r;
	u8 bad[sizeof(captured)];

	KUNIT_ASSERT_EQ(test, ipmi_lan_forward_parse_reply(&r, captured,
							   sizeof(captured)), 0);
	KUNIT_EXPECT_EQ(test, r.channel, 1);
	KUNIT_EXPECT_EQ(test, r.handle, 7);
	KUNIT_EXPECT_EQ(test, r.netfn, 0x00);
	KUNIT_EXPECT_EQ(test, r.rq_seq, 5);
	KUNIT_EXPECT_EQ(test, r.cmd, 0x01);
	KUNIT_EXPECT_EQ(test, r.rsp_len, 4U);
	KUNIT_EXPECT_EQ(test, memcmp(r.rsp, captured + 10, 4), 0);

	/* Either checksum wrong, a request, or no completion code: refused. */
	memcpy(bad, captured, sizeof(bad));
	bad[6]++;
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_parse_reply(&r, bad, sizeof(bad)),
			-EINVAL);
	memcpy(bad, captured, sizeof(bad));
	bad[sizeof(bad) - 1]++;
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_parse_reply(&r, bad, sizeof(bad)),
			-EINVAL);
	memcpy(bad, captured, sizeof(bad));
	bad[5] = 0x00;		/* netfn 0: a request */
	bad[6] = 0x7f;
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_parse_reply(&r, bad, sizeof(bad)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_parse_reply(&r, captured, 11),
			-EINVAL);
}

static void ipmb_test(struct kunit *test)
{
	/* channel 0, then rsSA 72h, netfn 0, rqSA 20h, seq 3, cmd 01h */
	static const u8 send_req[] = {
		0x00, 0x72, 0x00, 0x8e, 0x20, 0x0c, 0x01, 0xd3,
	};
	static const u8 at_target[] = {
		0x1c, 0x33, 0x00, 0x00, 0x00, 0x8e, 0x20, 0x0c, 0x01, 0xd3,
	};
	/* to 20h, netfn 1, from 72h, seq 3, cmd 01h: cc 00h and status */
	static const u8 send_rsp[] = {
		0x00, 0x20, 0x04, 0xdc, 0x72, 0x0c, 0x01, 0x00, 0x01, 0x00,
		0x00, 0x80,
	};
	static const u8 at_bmc[] = {
		0x1c, 0x33, 0x00, 0x00, 0x04, 0xdc, 0x72, 0x0c, 0x01, 0x00,
		0x01, 0x00, 0x00, 0x80,
	};
	struct ipmi_lan_send_msg sm, rm;
	u8 out[32], ipmb[32];
	unsigned int n;

	KUNIT_ASSERT_EQ(test, ipmi_msg_parse_send_message(&sm, send_req,
							  sizeof(send_req)), 0);
	KUNIT_EXPECT_EQ(test, sm.channel, 0);
	KUNIT_EXPECT_EQ(test, sm.inner.rs_sa, 0x72);
	KUNIT_EXPECT_EQ(test, sm.inner.rq_sa, 0x20);
	KUNIT_EXPECT_EQ(test, sm.inner.rq_seq, 3);
	KUNIT_ASSERT_EQ(test, ipmi_lan_forward_format_ipmb(out, sizeof(out),
							   send_req + 1,
							   sizeof(send_req) - 1),
			sizeof(at_target));
	KUNIT_EXPECT_EQ(test, memcmp(out, at_target, sizeof(at_target)), 0);

	/* A response is not a request, and the other way round. */
	KUNIT_EXPECT_EQ(test, ipmi_msg_parse_send_response(&rm, send_req,
							   sizeof(send_req)),
			IPMI_CC_INVALID_DATA_FIELD);
	KUNIT_EXPECT_EQ(test, ipmi_msg_parse_send_message(&rm, send_rsp,
							  sizeof(send_rsp)),
			IPMI_CC_INVALID_DATA_FIELD);
	KUNIT_ASSERT_EQ(test, ipmi_msg_parse_send_response(&rm, send_rsp,
							   sizeof(send_rsp)),
			0);
	KUNIT_EXPECT_EQ(test, rm.inner.rs_sa, 0x20);	/* back to */
	KUNIT_EXPECT_EQ(test, rm.inner.rq_sa, 0x72);	/* from */
	KUNIT_EXPECT_EQ(test, rm.inner.netfn, 0x01);
	KUNIT_EXPECT_EQ(test, rm.inner.rq_seq, 3);
	KUNIT_EXPECT_EQ(test, rm.inner.data_len, 4U);

	/* Rebuilt from the request's header, it is the consumer's message. */
	n = ipmi_msg_build_response(ipmb, sizeof(ipmb), &sm.inner,
				    rm.inner.data, rm.inner.data_len);
	KUNIT_ASSERT_EQ(test, n, sizeof(send_rsp) - 1);
	KUNIT_EXPECT_EQ(test, memcmp(ipmb, send_rsp + 1, n), 0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_forward_format_ipmb(out, sizeof(out),
							   ipmb, n),
			sizeof(at_bmc));
	KUNIT_EXPECT_EQ(test, memcmp(out, at_bmc, sizeof(at_bmc)), 0);

	/* Too small a buffer, or too short a message: nothing. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_format_ipmb(out, 13, ipmb, n),
			0U);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_format_ipmb(out, sizeof(out),
							   ipmb, 6), 0U);
}

static void table_test(struct kunit *test)
{
	const u8 bmc = IPMI_LAN_BMC_ADDR;
	struct ipmi_lan_server *srv = kunit_kzalloc(test, sizeof(*srv),
						    GFP_KERNEL);
	struct ipmi_lan_forward_entry e = { .netfn = 0x00, .cmd = 0x02 };

	KUNIT_ASSERT_NOT_NULL(test, srv);
	mutex_init(&srv->lock);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_lookup(srv, 0x00, 0x02), 0);

	/* The specification's level when none is given. */
	KUNIT_ASSERT_EQ(test, ipmi_lan_forward_add(srv, bmc, &e, NULL), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_lookup(srv, 0x00, 0x02),
			IPMI_PRIV_OPERATOR);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_add(srv, bmc, &e, NULL), -EEXIST);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_lookup(srv, 0x00, 0x01), 0);

	/* A wildcard for the netfn; the exact entry still wins. */
	e.all = true;
	e.priv = IPMI_PRIV_USER;
	e.owner = 1234;
	KUNIT_ASSERT_EQ(test, ipmi_lan_forward_add(srv, bmc, &e, NULL), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_lookup(srv, 0x00, 0x01),
			IPMI_PRIV_USER);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_lookup(srv, 0x00, 0x02),
			IPMI_PRIV_OPERATOR);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_lookup(srv, 0x04, 0x01), 0);

	/* The owner's socket closes: its entry goes, the static one stays. */
	ipmi_lan_forward_release(srv, 99);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_lookup(srv, 0x00, 0x01),
			IPMI_PRIV_USER);
	ipmi_lan_forward_release(srv, 1234);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_lookup(srv, 0x00, 0x01), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_lookup(srv, 0x00, 0x02),
			IPMI_PRIV_OPERATOR);

	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_del(srv, bmc, 0x00, 0x02, true,
						   NULL),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_del(srv, bmc, 0x00, 0x02, false,
						   NULL), 0);
	/* An address without a target has no table. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_add(srv, 0x72, &e, NULL),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_del(srv, 0x72, 0x00, 0x02, false,
						   NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_lookup(srv, 0x00, 0x02), 0);

	/* Unknown commands need admin; standard ones their own level. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_default_priv(0x00, 0x01),
			IPMI_PRIV_USER);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_default_priv(0x0a, 0x47),
			IPMI_PRIV_OPERATOR);
	KUNIT_EXPECT_EQ(test, ipmi_lan_forward_default_priv(0x30, 0x01),
			IPMI_PRIV_ADMIN);
	synchronize_rcu();
	ipmi_lan_forward_free(srv);
}

static struct kunit_case forward_cases[] = {
	KUNIT_CASE(format_get_msg_test),
	KUNIT_CASE(parse_reply_test),
	KUNIT_CASE(ipmb_test),
	KUNIT_CASE(table_test),
	{}
};

static struct kunit_suite forward_suite = {
	.name = "ipmi_lan_forward",
	.test_cases = forward_cases,
};

kunit_test_suite(forward_suite);
