// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the SoL packet state machine (sol.c) as tables. A step is a
 * console packet, tty input, a timer expiry or the tty's room changing;
 * each expects the packets the BMC sends (sequence, ACK, count, status,
 * data length) and what reaches the tty. The session is suite 1 (no
 * integrity, no confidentiality), so sent packets are read in clear; the
 * tty is a fake that takes as many bytes as it has room for.
 */

#include <kunit/test.h>

#include "../sol.c"
#include "../event.c"
#include "stubs.h"

struct workqueue_struct *ipmi_lan_wq;

/* What the event listeners were given. */
static struct {
	unsigned int n;
	struct ipmi_lan_event last;
	u8 rec[IPMI_LAN_EVENT_RECORD_LEN];
} fake_events;

void ipmi_lan_genl_event(struct ipmi_lan_server *srv,
			 const struct ipmi_lan_event *ev)
{
	fake_events.n++;
	fake_events.last = *ev;
}

void ipmi_lan_smi_event(struct ipmi_lan_server *srv, const u8 *rec)
{
	memcpy(fake_events.rec, rec, IPMI_LAN_EVENT_RECORD_LEN);
}

/* The fake tty: what was written, and how much room is left. */
static struct {
	u8 data[4096];
	unsigned int len;
	unsigned int room;
	unsigned int breaks, flushes, restarts;
	unsigned int baud, line_calls;
	bool rts, dtr;
} fake_tty;

unsigned int ipmi_lan_ldisc_write(struct tty_struct *tty, const u8 *p,
				  unsigned int n)
{
	n = min3(n, fake_tty.room, (unsigned int)sizeof(fake_tty.data) -
		 fake_tty.len);
	memcpy(fake_tty.data + fake_tty.len, p, n);
	fake_tty.len += n;
	fake_tty.room -= n;
	return n;
}

void ipmi_lan_ldisc_flush(struct tty_struct *tty)
{
	fake_tty.flushes++;
}

void ipmi_lan_ldisc_set_rate(struct tty_struct *tty, unsigned int baud)
{
	fake_tty.baud = baud;
}

void ipmi_lan_ldisc_set_lines(struct tty_struct *tty, bool rts, bool dtr)
{
	fake_tty.line_calls++;
	fake_tty.rts = rts;
	fake_tty.dtr = dtr;
}

void ipmi_lan_ldisc_break(struct tty_struct *tty)
{
	fake_tty.breaks++;
}

void ipmi_lan_ldisc_restart_input(struct tty_struct *tty)
{
	fake_tty.restarts++;
}

void ipmi_lan_ldisc_wake_writer(struct tty_struct *tty)
{
}

void ipmi_lan_ldisc_name(struct tty_struct *tty, char *buf, size_t len)
{
	strscpy(buf, "ttyFAKE", len);
}

int ipmi_lan_session_payload_attach(struct ipmi_lan_session *s,
				    struct ipmi_lan_payload_inst *inst)
{
	if (s->payloads[inst->type])
		return -EBUSY;
	s->payloads[inst->type] = inst;
	return 0;
}

bool ipmi_lan_session_payload_detach(struct ipmi_lan_session *s,
				     struct ipmi_lan_payload_inst *inst)
{
	bool found = s->payloads[inst->type] == inst;

	if (found)
		s->payloads[inst->type] = NULL;
	return found;
}

enum step_kind { CONSOLE, TTY, TIMER, ROOM, END };

/* One packet the BMC is expected to send: header and data length. */
struct sent {
	u8 seq, ack, count, status;
	unsigned int dlen;
};

struct step {
	enum step_kind kind;
	/* CONSOLE: the console's packet; TTY: n bytes; ROOM: n bytes */
	u8 seq, ack, count, op;
	unsigned int n;
	/* expected: packets sent by this step (at most 2), tty bytes so far */
	unsigned int nsent;
	struct sent sent[2];
	unsigned int tty_total;
};

#define C(s, a, c, o, n_) .kind = CONSOLE, .seq = s, .ack = a, .count = c, \
	.op = o, .n = n_
#define S(s, a, c, st, d) { s, a, c, st, d }

struct sol_case {
	const char *desc;
	u8 threshold;
	u8 retry_count;
	struct step steps[16];
};

static const struct sol_case sol_cases[] = {
	{
		.desc = "console data is ACKed and written once",
		.steps = {
			{ C(1, 0, 0, 0, 10), .nsent = 1,
			  .sent = { S(0, 1, 10, 0, 0) }, .tty_total = 10 },
			{ C(2, 0, 0, 0, 5), .nsent = 1,
			  .sent = { S(0, 2, 5, 0, 0) }, .tty_total = 15 },
			{ .kind = END },
		},
	},
	{
		.desc = "more than 255 characters: a partial ACK for 255",
		.steps = {
			{ C(1, 0, 0, 0, 300), .nsent = 1,
			  .sent = { S(0, 1, 255, 0, 0) }, .tty_total = 255 },
			{ C(2, 0, 0, 0, 45), .nsent = 1,
			  .sent = { S(0, 2, 45, 0, 0) }, .tty_total = 300 },
			{ .kind = END },
		},
	},
	{
		.desc = "a duplicate is re-ACKed, not written again",
		.steps = {
			{ C(3, 0, 0, 0, 8), .nsent = 1,
			  .sent = { S(0, 3, 8, 0, 0) }, .tty_total = 8 },
			{ C(3, 0, 0, 0, 8), .nsent = 1,
			  .sent = { S(0, 3, 8, 0, 0) }, .tty_total = 8 },
			/* even one with more data: the ACK again, nothing more */
			{ C(3, 0, 0, 0, 12), .nsent = 1,
			  .sent = { S(0, 3, 8, 0, 0) }, .tty_total = 8 },
			{ .kind = END },
		},
	},
	{
		.desc = "no room: NACK, then the same packet is taken",
		.steps = {
			{ .kind = ROOM, .n = 0 },
			{ C(1, 0, 0, 0, 255), .nsent = 1,
			  .sent = { S(0, 1, 255, 0, 0) }, .tty_total = 0 },
			{ C(2, 0, 0, 0, 255), .nsent = 1,
			  .sent = { S(0, 2, 255, 0, 0) }, .tty_total = 0 },
			{ C(3, 0, 0, 0, 255), .nsent = 1,
			  .sent = { S(0, 3, 255, 0, 0) }, .tty_total = 0 },
			{ C(4, 0, 0, 0, 255), .nsent = 1,
			  .sent = { S(0, 4, 255, 0, 0) }, .tty_total = 0 },
			{ C(5, 0, 0, 0, 255), .nsent = 1,
			  .sent = { S(0, 5, 255, 0, 0) }, .tty_total = 0 },
			{ C(6, 0, 0, 0, 255), .nsent = 1,
			  .sent = { S(0, 6, 255, 0, 0) }, .tty_total = 0 },
			{ C(7, 0, 0, 0, 255), .nsent = 1,
			  .sent = { S(0, 7, 255, 0, 0) }, .tty_total = 0 },
			/* 1785 buffered: 263 fit, the rest is a partial ACK */
			{ C(8, 0, 0, 0, 255), .nsent = 1,
			  .sent = { S(0, 8, 255, 0, 0) }, .tty_total = 0 },
			{ C(9, 0, 0, 0, 100), .nsent = 1,
			  .sent = { S(0, 9, 8, 0, 0) }, .tty_total = 0 },
			/* sent again: the same partial ACK, nothing more taken */
			{ C(9, 0, 0, 0, 100), .nsent = 1,
			  .sent = { S(0, 9, 8, 0, 0) }, .tty_total = 0 },
			{ C(10, 0, 0, 0, 50), .nsent = 1,
			  .sent = { S(0, 10, 0, SOL_ST_NACK, 0) }, .tty_total = 0 },
			{ .kind = ROOM, .n = 4096, .tty_total = 2048 },
			{ .kind = END },
		},
	},
	{
		.desc = "tty bytes wait for the threshold, then ACK frees them",
		.threshold = 20,
		.steps = {
			{ .kind = TTY, .n = 10, .nsent = 0 },
			{ .kind = TTY, .n = 10, .nsent = 1,
			  .sent = { S(1, 0, 0, 0, 20) } },
			/* more while one is in flight: held */
			{ .kind = TTY, .n = 30, .nsent = 0 },
			/* its ACK sends the next at once (over threshold) */
			{ C(0, 1, 20, 0, 0), .nsent = 1,
			  .sent = { S(2, 0, 0, 0, 30) } },
			/* a stale ACK changes nothing */
			{ C(0, 1, 20, 0, 0), .nsent = 0 },
			{ .kind = END },
		},
	},
	{
		.desc = "partial ACK: the rest goes at once with the next seq",
		.threshold = 1,
		.steps = {
			{ .kind = TTY, .n = 40, .nsent = 1,
			  .sent = { S(1, 0, 0, 0, 40) } },
			{ C(0, 1, 15, 0, 0), .nsent = 1,
			  .sent = { S(2, 0, 0, 0, 25) } },
			{ C(0, 2, 25, 0, 0), .nsent = 0 },
			{ .kind = END },
		},
	},
	{
		.desc = "retries, then a drop flagged as overrun",
		.threshold = 1,
		.retry_count = 2,
		.steps = {
			{ .kind = TTY, .n = 5, .nsent = 1,
			  .sent = { S(1, 0, 0, 0, 5) } },
			{ .kind = TIMER, .nsent = 1, .sent = { S(1, 0, 0, 0, 5) } },
			/* a NACK: retried later, not counted against it */
			{ C(0, 1, 0, SOL_OP_NACK, 0), .nsent = 0 },
			{ .kind = TIMER, .nsent = 1, .sent = { S(1, 0, 0, 0, 5) } },
			{ .kind = TIMER, .nsent = 1, .sent = { S(1, 0, 0, 0, 5) } },
			{ .kind = TIMER, .nsent = 0 },
			{ .kind = TTY, .n = 3, .nsent = 1,
			  .sent = { S(2, 0, 0, SOL_ST_OVERRUN, 3) } },
			{ .kind = END },
		},
	},
};

static void sol_case_desc(const struct sol_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sol_case, sol_cases, sol_case_desc);

/* The SOL header of the n-th packet sent (1-based), suite 1: in clear. */
static const u8 *sent_payload(unsigned int n, unsigned int *plen)
{
	const u8 *p = ipmi_lan_kunit_tx_hist(n);

	*plen = get_unaligned_le16(p + RMCP_HEADER_LEN + 10);
	return p + RMCP_HEADER_LEN + RMCPP_HEADER_LEN;
}

struct sol_rig {
	struct ipmi_lan_server *srv;
	struct ipmi_lan_session *s;
	struct ipmi_lan_sol *sol;
	struct ipmi_lan_rx rx;
};

static void rig_up(struct kunit *test, struct sol_rig *r, u8 threshold,
		   u8 retry_count)
{
	struct ipmi_lan_sol_config cfg;
	u8 act[] = { 1, 1, 0, 0, 0, 0 };
	u8 rsp[CMD_RSP_MAX];
	struct ipmi_lan_msg req = { .netfn = IPMI_NETFN_APP,
				    .cmd = IPMI_CMD_ACTIVATE_PAYLOAD,
				    .data = act, .data_len = sizeof(act) };
	struct ipmi_lan_request c = { .req = &req, .rsp = rsp,
				      .cap = sizeof(rsp) };
	struct ipmi_lan_user *user;

	r->srv = ipmi_lan_kunit_server_new();
	KUNIT_ASSERT_NOT_NULL(test, r->srv);
	/* The session's user, allowed SoL; a record the test owns. */
	user = kunit_kzalloc(test, sizeof(*user), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, user);
	user->id = 2;
	user->sol = true;
	rcu_assign_pointer(r->srv->users.by_id[user->id], user);
	ipmi_lan_sols_init(r->srv);
	ipmi_lan_sol_get_config(r->srv, &cfg);
	if (threshold)
		cfg.threshold = threshold;
	cfg.retry_count = retry_count;
	/* Long intervals: the steps expire the timer themselves. */
	cfg.accumulate = 255;
	cfg.retry_interval = 255;
	ipmi_lan_sol_set_config(r->srv, &cfg);

	r->s = kunit_kzalloc(test, sizeof(*r->s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r->s);
	spin_lock_init(&r->s->lock);
	kref_init(&r->s->ref);
	r->s->suite = ipmi_lan_suite_by_id(1);
	r->s->state = SESSION_ACTIVE;
	r->s->priv = IPMI_PRIV_ADMIN;
	r->s->user_id = user->id;
	r->s->console_id = 0xa0a2a3a4;
	r->s->peer.addr4.sin_family = AF_INET;

	r->sol = ipmi_lan_sol_bind(r->srv, (struct tty_struct *)test,
				   IPMI_LAN_SOL_TARGET_BMC);
	KUNIT_ASSERT_FALSE(test, IS_ERR(r->sol));
	flush_work(&r->sol->work);
	c.srv = r->srv;
	c.session = r->s;
	KUNIT_ASSERT_EQ(test, ipmi_lan_sol_activate(&c), 13U);
	KUNIT_ASSERT_EQ(test, rsp[0], IPMI_CC_OK);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(rsp + 5), 259);
	r->rx.srv = r->srv;
}

static void rig_down(struct sol_rig *r)
{
	ipmi_lan_sol_unbind(r->sol);
	ipmi_lan_sols_uninit(r->srv);
	ipmi_lan_kunit_server_free(r->srv);
}

static void console_packet(struct sol_rig *r, const struct step *st)
{
	u8 p[SOL_HEADER_LEN + 512];
	struct ipmi_lan_pkt pkt = { .format = AUTHTYPE_RMCPP,
				    .ptype = RMCPP_PAYLOAD_SOL };
	unsigned int i;

	p[0] = st->seq;
	p[1] = st->ack;
	p[2] = st->count;
	p[3] = st->op;
	for (i = 0; i < st->n; i++)
		p[SOL_HEADER_LEN + i] = i;
	ipmi_lan_sol_rcv(&r->rx, &pkt, r->s, p, SOL_HEADER_LEN + st->n);
}

static void sol_table_test(struct kunit *test)
{
	const struct sol_case *c = test->param_value;
	u8 tty_in[SOL_MAX_DATA];
	struct sol_rig r;
	unsigned int i, k, before, plen;
	const struct step *st;
	const u8 *p;

	memset(&fake_tty, 0, sizeof(fake_tty));
	fake_tty.room = sizeof(fake_tty.data);
	memset(tty_in, 0x5a, sizeof(tty_in));
	rig_up(test, &r, c->threshold, c->retry_count);
	ipmi_lan_kunit_tx_reset();
	for (i = 0; i < ARRAY_SIZE(c->steps) && c->steps[i].kind != END; i++) {
		st = &c->steps[i];
		before = ipmi_lan_kunit_tx.count;
		switch (st->kind) {
		case CONSOLE:
			console_packet(&r, st);
			break;
		case TTY:
			KUNIT_EXPECT_EQ(test, ipmi_lan_sol_tty_input(r.sol, tty_in,
								     st->n), st->n);
			break;
		case TIMER:
			/* as if the retry interval passed */
			del_timer_sync(&r.sol->timer);
			sol_timer(&r.sol->timer);
			break;
		case ROOM:
			fake_tty.room = st->n;
			if (st->n)
				queue_work(ipmi_lan_wq, &r.sol->work);
			break;
		default:
			break;
		}
		flush_work(&r.sol->work);
		del_timer_sync(&r.sol->timer);
		KUNIT_EXPECT_EQ_MSG(test, ipmi_lan_kunit_tx.count - before,
				    st->nsent, "step %u", i);
		for (k = 0; k < st->nsent &&
		     ipmi_lan_kunit_tx.count - before == st->nsent; k++) {
			p = sent_payload(before + k + 1, &plen);
			KUNIT_EXPECT_EQ_MSG(test, p[0], st->sent[k].seq, "step %u", i);
			KUNIT_EXPECT_EQ_MSG(test, p[1], st->sent[k].ack, "step %u", i);
			KUNIT_EXPECT_EQ_MSG(test, p[2], st->sent[k].count,
					    "step %u", i);
			KUNIT_EXPECT_EQ_MSG(test, p[3], st->sent[k].status,
					    "step %u", i);
			KUNIT_EXPECT_EQ_MSG(test, plen,
					    SOL_HEADER_LEN + st->sent[k].dlen,
					    "step %u", i);
		}
		if (st->kind == CONSOLE || st->kind == ROOM)
			KUNIT_EXPECT_EQ_MSG(test, fake_tty.len, st->tty_total,
					    "step %u", i);
	}
	rig_down(&r);
}

/* Written bytes are the console's, in order, each once. */
static void sol_order_test(struct kunit *test)
{
	struct step st = { C(1, 0, 0, 0, 200) };
	struct sol_rig r;
	unsigned int i;

	memset(&fake_tty, 0, sizeof(fake_tty));
	fake_tty.room = sizeof(fake_tty.data);
	rig_up(test, &r, 0, 7);
	console_packet(&r, &st);	/* bytes 0..199 */
	st.seq = 2;
	st.n = 100;
	console_packet(&r, &st);	/* 0..99 again, a new packet */
	console_packet(&r, &st);	/* its duplicate */
	flush_work(&r.sol->work);
	KUNIT_ASSERT_EQ(test, fake_tty.len, 300U);
	for (i = 0; i < 200; i++)
		KUNIT_EXPECT_EQ(test, fake_tty.data[i], (u8)i);
	for (i = 0; i < 100; i++)
		KUNIT_EXPECT_EQ(test, fake_tty.data[200 + i], (u8)i);
	KUNIT_EXPECT_EQ(test, r.sol->stats.duplicates, 1ULL);
	KUNIT_EXPECT_EQ(test, r.sol->stats.rx_bytes, 300ULL);
	rig_down(&r);
}

/* The session's close ends the activation at once; SoL is free again. */
static void sol_close_hook_test(struct kunit *test)
{
	struct ipmi_lan_pkt pkt = { .format = AUTHTYPE_RMCPP,
				    .ptype = RMCPP_PAYLOAD_SOL };
	const u8 data[] = { 1, 0, 0, 0, 'a' };
	struct sol_rig r;

	memset(&fake_tty, 0, sizeof(fake_tty));
	rig_up(test, &r, 0, 7);
	KUNIT_ASSERT_PTR_EQ(test, r.sol->s, r.s);
	r.s->payloads[RMCPP_PAYLOAD_SOL]->ops->close(r.s, &r.sol->inst);
	KUNIT_EXPECT_PTR_EQ(test, r.sol->s, (struct ipmi_lan_session *)NULL);
	/* its packets are dropped now, attached or not */
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_rcv(&r.rx, &pkt, r.s, data,
					       sizeof(data)), IPMI_LAN_DROP_STATE);
	r.s->payloads[RMCPP_PAYLOAD_SOL] = NULL;
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_rcv(&r.rx, &pkt, r.s, data,
					       sizeof(data)), IPMI_LAN_DROP_STATE);
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_rcv(&r.rx, &pkt, r.s, data, 3),
			IPMI_LAN_DROP_MSG_HEADER);
	/* tty output with nobody listening is taken and dropped */
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_tty_input(r.sol, (const u8 *)"x", 1),
			1U);
	KUNIT_EXPECT_EQ(test, r.sol->out_len, 0U);
	rig_down(&r);
}

/* A console packet of n characters with op, then the tty work done. */
static void console_op(struct sol_rig *r, u8 seq, u8 op, unsigned int n)
{
	struct step st = { C(seq, 0, 0, op, n) };

	console_packet(r, &st);
	flush_work(&r->sol->work);
}

/*
 * The console's controls reach the tty once each: break, the modem lines
 * (levels, given back when the console goes), flushes each way, the bit
 * rate; a break the tty receives reaches the console in the next packet,
 * with or without data, resends included.
 */
static void sol_controls_test(struct kunit *test)
{
	struct step ack = { C(0, 1, 0, 0, 0) };	/* ACK of the BMC's 1 */
	struct ipmi_lan_sol_config cfg;
	unsigned int before, plen;
	struct sol_rig r;
	const u8 *p;
	u8 x[10] = {};

	memset(&fake_tty, 0, sizeof(fake_tty));
	fake_tty.room = sizeof(fake_tty.data);
	rig_up(test, &r, 0, 7);
	KUNIT_EXPECT_EQ(test, fake_tty.baud, 0U);	/* default: the tty's */

	console_op(&r, 1, SOL_OP_BREAK, 0);
	KUNIT_EXPECT_EQ(test, fake_tty.breaks, 1U);
	console_op(&r, 1, SOL_OP_BREAK, 0);		/* its duplicate */
	KUNIT_EXPECT_EQ(test, fake_tty.breaks, 1U);

	console_op(&r, 2, SOL_OP_CTS_PAUSE, 0);
	KUNIT_EXPECT_EQ(test, fake_tty.line_calls, 1U);
	KUNIT_EXPECT_FALSE(test, fake_tty.rts);
	KUNIT_EXPECT_TRUE(test, fake_tty.dtr);
	console_op(&r, 3, SOL_OP_CTS_PAUSE | SOL_OP_DCD_DSR_OFF, 0);
	KUNIT_EXPECT_EQ(test, fake_tty.line_calls, 2U);
	KUNIT_EXPECT_FALSE(test, fake_tty.dtr);
	console_op(&r, 4, SOL_OP_CTS_PAUSE | SOL_OP_DCD_DSR_OFF, 0);
	KUNIT_EXPECT_EQ(test, fake_tty.line_calls, 2U);	/* no change */
	console_op(&r, 5, 0, 0);
	KUNIT_EXPECT_EQ(test, fake_tty.line_calls, 3U);
	KUNIT_EXPECT_TRUE(test, fake_tty.rts);
	KUNIT_EXPECT_TRUE(test, fake_tty.dtr);

	/* flush inbound: console bytes not yet written are not written */
	fake_tty.room = 0;
	console_op(&r, 6, 0, 50);
	KUNIT_EXPECT_EQ(test, r.sol->in_len, 50U);
	console_op(&r, 7, SOL_OP_FLUSH_IN, 0);
	KUNIT_EXPECT_EQ(test, fake_tty.flushes, 1U);
	KUNIT_EXPECT_EQ(test, r.sol->in_len, 0U);
	fake_tty.room = sizeof(fake_tty.data);
	queue_work(ipmi_lan_wq, &r.sol->work);
	flush_work(&r.sol->work);
	KUNIT_EXPECT_EQ(test, fake_tty.len, 0U);

	/* flush outbound: tty bytes not yet sent are not sent */
	ipmi_lan_kunit_tx_reset();
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_tty_input(r.sol, x, sizeof(x)),
			(unsigned int)sizeof(x));	/* under the threshold */
	console_op(&r, 8, SOL_OP_FLUSH_OUT, 0);
	KUNIT_EXPECT_EQ(test, r.sol->out_len, 0U);
	del_timer_sync(&r.sol->timer);
	sol_timer(&r.sol->timer);
	KUNIT_EXPECT_EQ(test, ipmi_lan_kunit_tx.count, 1U);	/* the ACK */

	/* the tty's break: at once, no data, the bit kept on the resend */
	before = ipmi_lan_kunit_tx.count;
	ipmi_lan_sol_tty_break(r.sol);
	KUNIT_ASSERT_EQ(test, ipmi_lan_kunit_tx.count, before + 1);
	p = sent_payload(before + 1, &plen);
	KUNIT_EXPECT_EQ(test, p[0], 1);
	KUNIT_EXPECT_EQ(test, p[3], SOL_ST_BREAK);
	KUNIT_EXPECT_EQ(test, plen, (unsigned int)SOL_HEADER_LEN);
	del_timer_sync(&r.sol->timer);
	sol_timer(&r.sol->timer);
	KUNIT_ASSERT_EQ(test, ipmi_lan_kunit_tx.count, before + 2);
	p = sent_payload(before + 2, &plen);
	KUNIT_EXPECT_EQ(test, p[0], 1);
	KUNIT_EXPECT_EQ(test, p[3], SOL_ST_BREAK);
	console_packet(&r, &ack);
	KUNIT_EXPECT_EQ(test, r.sol->tx_seq, 0);
	KUNIT_EXPECT_FALSE(test, r.sol->break_seen);

	/* the bit rate (parameter 6) is applied to the tty */
	ipmi_lan_sol_get_config(r.srv, &cfg);
	cfg.volatile_bit_rate = IPMI_LAN_SOL_RATE_9600;
	ipmi_lan_sol_set_config(r.srv, &cfg);
	flush_work(&r.sol->work);
	KUNIT_EXPECT_EQ(test, fake_tty.baud, 9600U);

	/* a console's end gives the lines back */
	console_op(&r, 9, SOL_OP_CTS_PAUSE, 0);
	KUNIT_EXPECT_FALSE(test, fake_tty.rts);
	r.s->payloads[RMCPP_PAYLOAD_SOL]->ops->close(r.s, &r.sol->inst);
	flush_work(&r.sol->work);
	KUNIT_EXPECT_TRUE(test, fake_tty.rts);
	KUNIT_EXPECT_TRUE(test, fake_tty.dtr);
	rig_down(&r);
}

/*
 * The Session Audit records (IPMI v2.0 table 42-3, sensor type 2Ah):
 * offset 0 activated / 1 deactivated, event data 2 the user id, event
 * data 3 the cause in bits 5:4 and the channel in bits 3:0.
 */
static void event_record_test(struct kunit *test)
{
	static const u8 up[] = { 0, 0, 0x02, 0x78, 0x56, 0x34, 0x12, 0x20, 0x10,
				 0x04, 0x2a, 0x01, 0x6f, 0xf0, 0x05, 0x01 };
	static const u8 sol_down[] = { 0, 0, 0x02, 0x78, 0x56, 0x34, 0x12,
				       0x20, 0x10, 0x04, 0x2a, 0x02, 0x6f,
				       0xf1, 0x3f, 0x21 };
	struct ipmi_lan_event ev = { .kind = IPMI_LAN_EVENT_SESSION_UP,
				     .user_id = 5, .handle = 9 };
	u8 rec[IPMI_LAN_EVENT_RECORD_LEN];

	ipmi_lan_event_record(&ev, 0x12345678, rec);
	KUNIT_EXPECT_EQ(test, memcmp(rec, up, sizeof(up)), 0);
	ev.kind = IPMI_LAN_EVENT_SOL_DOWN;
	ev.user_id = 63;
	ev.cause = IPMI_LAN_CLOSE_TIMEOUT;
	ipmi_lan_event_record(&ev, 0x12345678, rec);
	KUNIT_EXPECT_EQ(test, memcmp(rec, sol_down, sizeof(sol_down)), 0);
}

/* Activation and deactivation tell the listeners, with the cause. */
static void sol_events_test(struct kunit *test)
{
	u8 deact[] = { 1, 1, 0, 0, 0, 0 };
	u8 rsp[CMD_RSP_MAX];
	struct ipmi_lan_msg req = { .netfn = IPMI_NETFN_APP,
				    .cmd = IPMI_CMD_DEACTIVATE_PAYLOAD,
				    .data = deact, .data_len = sizeof(deact) };
	struct ipmi_lan_request c = { .req = &req, .rsp = rsp,
				      .cap = sizeof(rsp) };
	struct sol_rig r;

	memset(&fake_events, 0, sizeof(fake_events));
	rig_up(test, &r, 0, 7);
	KUNIT_EXPECT_EQ(test, fake_events.n, 1U);
	KUNIT_EXPECT_EQ(test, fake_events.last.kind, IPMI_LAN_EVENT_SOL_UP);
	KUNIT_EXPECT_EQ(test, fake_events.last.instance, 1);
	KUNIT_EXPECT_EQ(test, fake_events.rec[13], 0xf0);	/* activated */
	c.srv = r.srv;
	c.session = r.s;
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_deactivate(&c), 1U);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_OK);
	KUNIT_EXPECT_EQ(test, fake_events.n, 2U);
	KUNIT_EXPECT_EQ(test, fake_events.last.kind, IPMI_LAN_EVENT_SOL_DOWN);
	KUNIT_EXPECT_EQ(test, fake_events.last.cause, IPMI_LAN_CLOSE_COMMAND);
	KUNIT_EXPECT_EQ(test, fake_events.rec[13], 0xf1);	/* deactivated */
	KUNIT_EXPECT_EQ(test, fake_events.rec[15], 0x11);	/* close, ch 1 */
	/* a second Deactivate: already deactivated, no event */
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_deactivate(&c), 1U);
	KUNIT_EXPECT_EQ(test, rsp[0], 0x80);
	KUNIT_EXPECT_EQ(test, fake_events.n, 2U);
	rig_down(&r);
}

/* A session of user 2 at priv, active, suite 1 (packets in clear). */
static struct ipmi_lan_session *new_session(struct kunit *test, u8 handle,
					    u8 priv)
{
	struct ipmi_lan_session *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	spin_lock_init(&s->lock);
	kref_init(&s->ref);
	s->suite = ipmi_lan_suite_by_id(1);
	s->state = SESSION_ACTIVE;
	s->priv = priv;
	s->user_id = 2;
	s->handle = handle;
	s->id = 0x1000000 * handle;
	s->console_id = 0xa0a2a3a0 + handle;
	s->peer.addr4.sin_family = AF_INET;
	return s;
}

/* A server with user 2 (SoL allowed) and a bridged target at 0x72. */
static struct ipmi_lan_server *target_server(struct kunit *test)
{
	struct ipmi_lan_server *srv = ipmi_lan_kunit_server_new();
	struct ipmi_lan_target *t;
	struct ipmi_lan_user *user;

	KUNIT_ASSERT_NOT_NULL(test, srv);
	user = kunit_kzalloc(test, sizeof(*user), GFP_KERNEL);
	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, user);
	KUNIT_ASSERT_NOT_NULL(test, t);
	user->id = 2;
	user->sol = true;
	rcu_assign_pointer(srv->users.by_id[user->id], user);
	t->addr = 0x72;
	rcu_assign_pointer(srv->targets.by_addr[t->addr], t);
	srv->config.port = 6230;
	ipmi_lan_sols_init(srv);
	return srv;
}

/* One payload command for target (0: the BMC) in session s. */
static unsigned int target_cmd(struct ipmi_lan_server *srv,
			       struct ipmi_lan_session *s, u8 target,
			       u8 netfn, u8 cmd, const u8 *data,
			       unsigned int len, u8 *rsp)
{
	struct ipmi_lan_msg req = { .rs_sa = target ?: IPMI_LAN_BMC_ADDR,
				    .netfn = netfn, .rq_sa = 0x81,
				    .rq_seq = 5, .cmd = cmd,
				    .data = data, .data_len = len };
	struct ipmi_lan_request c = { .srv = srv, .session = s, .req = &req,
				      .rsp = rsp, .cap = CMD_RSP_MAX,
				      .target = target };

	if (target)
		return ipmi_lan_cmd_target(&c);
	return ipmi_lan_cmd_session(&c);
}

/*
 * Targets have tty slots of their own: binding needs the target, one tty
 * each; lookups and walks find each by address; an announced attach is
 * for an existing target with a free slot, and is taken once.
 */
static void sol_target_slots_test(struct kunit *test)
{
	struct ipmi_lan_server *srv = target_server(test);
	struct tty_struct *tty_a = (struct tty_struct *)test;
	struct tty_struct *tty_b = (struct tty_struct *)srv;
	struct ipmi_lan_sol *bmc, *t72, *sol;
	const dev_t dev = MKDEV(136, 7);

	KUNIT_EXPECT_EQ(test, PTR_ERR(ipmi_lan_sol_bind(srv, tty_b, 0x99)),
			-ENXIO);
	KUNIT_EXPECT_EQ(test, PTR_ERR(ipmi_lan_sol_bind(srv, tty_b, 0)),
			-ENXIO);
	bmc = ipmi_lan_sol_bind(srv, tty_a, IPMI_LAN_SOL_TARGET_BMC);
	KUNIT_ASSERT_FALSE(test, IS_ERR(bmc));
	t72 = ipmi_lan_sol_bind(srv, tty_b, 0x72);
	KUNIT_ASSERT_FALSE(test, IS_ERR(t72));
	KUNIT_EXPECT_EQ(test, PTR_ERR(ipmi_lan_sol_bind(srv, tty_a, 0x72)),
			-EBUSY);
	KUNIT_EXPECT_EQ(test, t72->target, 0x72);

	sol = ipmi_lan_sol_get(srv, 0x72);
	KUNIT_EXPECT_PTR_EQ(test, sol, t72);
	ipmi_lan_sol_put(sol);
	sol = ipmi_lan_sol_get(srv, IPMI_LAN_SOL_TARGET_BMC);
	KUNIT_EXPECT_PTR_EQ(test, sol, bmc);
	ipmi_lan_sol_put(sol);
	KUNIT_EXPECT_NULL(test, ipmi_lan_sol_get(srv, 0x73));
	sol = ipmi_lan_sol_next(srv, 0);
	KUNIT_EXPECT_PTR_EQ(test, sol, bmc);
	ipmi_lan_sol_put(sol);
	sol = ipmi_lan_sol_next(srv, IPMI_LAN_SOL_TARGET_BMC + 1);
	KUNIT_EXPECT_PTR_EQ(test, sol, t72);
	ipmi_lan_sol_put(sol);
	KUNIT_EXPECT_NULL(test, ipmi_lan_sol_next(srv, 0x73));

	/* announcements */
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_claim(srv, dev, 0x99, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_claim(srv, dev, 0x72, NULL), -EBUSY);
	ipmi_lan_sol_unbind(t72);
	KUNIT_EXPECT_NULL(test, ipmi_lan_sol_get(srv, 0x72));
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_claim(srv, dev, 0x72, NULL), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_claimed(srv, dev + 1),
			IPMI_LAN_SOL_TARGET_BMC);
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_claimed(srv, dev), 0x72);
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_claimed(srv, dev),
			IPMI_LAN_SOL_TARGET_BMC);
	/* a lapsed one is not taken */
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_claim(srv, dev, 0x72, NULL), 0);
	srv->sol.claims[0].expires = jiffies - 1;
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_claimed(srv, dev),
			IPMI_LAN_SOL_TARGET_BMC);
	/* a tty announced for a target deleted meanwhile does not bind */
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_claim(srv, dev, 0x72, NULL), 0);
	RCU_INIT_POINTER(srv->targets.by_addr[0x72], NULL);
	ipmi_lan_sol_target_gone(srv, 0x72);
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_claimed(srv, dev), 0x72);
	KUNIT_EXPECT_EQ(test, PTR_ERR(ipmi_lan_sol_bind(srv, tty_b, 0x72)),
			-ENXIO);
	KUNIT_EXPECT_EQ(test, ipmi_lan_sol_claim(srv, dev, 0x72, NULL), -ENOENT);

	ipmi_lan_sol_unbind(bmc);
	ipmi_lan_sols_uninit(srv);
	ipmi_lan_kunit_server_free(srv);
}

/*
 * Activate Payload bridged to 0x72 binds the session's SoL to 0x72's tty
 * while another session holds the BMC's: the answer's bytes (the server's
 * port), the packets of each session reach its own tty only, status and
 * owner per target, 80h for a second console on 0x72, privilege as for
 * the BMC, and the embedded form of the answer.
 */
static void sol_target_activate_test(struct kunit *test)
{
	static const u8 want_rsp[] = { 0x00, 0, 0, 0, 0, 0x03, 0x01, 0x03, 0x01,
				       0x56, 0x18, 0xff, 0xff };
	static const u8 want_embedded[] = {
		0x00,				/* Send Message: ok */
		0x81, 0x07 << 2, 0x63,		/* rqSA, netFn 07h, cks */
		0x72, 5 << 2, 0x48,		/* rsSA, seq, Activate */
		0x00, 0, 0, 0, 0, 0x03, 0x01, 0x03, 0x01, 0x56, 0x18,
		0xff, 0xff, 0xbe,		/* data, cks */
	};
	const u8 act[] = { 1, 1, 0, 0, 0, 0 }, st[] = { 1 }, inst[] = { 1, 1 };
	struct ipmi_lan_pkt pkt = { .format = AUTHTYPE_RMCPP,
				    .ptype = RMCPP_PAYLOAD_SOL };
	const u8 to_bmc[] = { 1, 0, 0, 0, 'b', 'm', 'c' };
	const u8 to_72[] = { 1, 0, 0, 0, 's', 'e', 'v', 'e', 'n', '2' };
	struct ipmi_lan_session *sa, *sb, *sc;
	struct ipmi_lan_server *srv = target_server(test);
	struct ipmi_lan_sol *bmc, *t72;
	struct ipmi_lan_rx rx = { .srv = srv };
	struct ipmi_lan_msg inner = { .rs_sa = 0x72,
				      .netfn = IPMI_NETFN_APP, .rq_sa = 0x81,
				      .rq_seq = 5,
				      .cmd = IPMI_CMD_ACTIVATE_PAYLOAD };
	u8 rsp[CMD_RSP_MAX], out[CMD_RSP_MAX];
	unsigned int n;

	memset(&fake_tty, 0, sizeof(fake_tty));
	fake_tty.room = sizeof(fake_tty.data);
	sa = new_session(test, 1, IPMI_PRIV_ADMIN);
	sb = new_session(test, 2, IPMI_PRIV_ADMIN);
	sc = new_session(test, 3, IPMI_PRIV_USER);
	bmc = ipmi_lan_sol_bind(srv, (struct tty_struct *)test,
				IPMI_LAN_SOL_TARGET_BMC);
	t72 = ipmi_lan_sol_bind(srv, (struct tty_struct *)srv, 0x72);
	KUNIT_ASSERT_FALSE(test, IS_ERR(bmc));
	KUNIT_ASSERT_FALSE(test, IS_ERR(t72));
	flush_work(&bmc->work);
	flush_work(&t72->work);

	/* no console on 0x72 yet */
	n = target_cmd(srv, sb, 0x72, IPMI_NETFN_APP,
		       IPMI_CMD_GET_PAYLOAD_STATUS, st, sizeof(st), rsp);
	KUNIT_EXPECT_EQ(test, n, 4U);
	KUNIT_EXPECT_EQ(test, rsp[2], 0);

	/* session a on the BMC, session b on 0x72 */
	n = target_cmd(srv, sa, 0, IPMI_NETFN_APP, IPMI_CMD_ACTIVATE_PAYLOAD,
		       act, sizeof(act), rsp);
	KUNIT_EXPECT_EQ(test, n, 13U);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_OK);
	n = target_cmd(srv, sb, 0x72, IPMI_NETFN_APP,
		       IPMI_CMD_ACTIVATE_PAYLOAD, act, sizeof(act), rsp);
	KUNIT_ASSERT_EQ(test, n, (unsigned int)sizeof(want_rsp));
	KUNIT_EXPECT_EQ(test, memcmp(rsp, want_rsp, n), 0);
	KUNIT_EXPECT_PTR_EQ(test, t72->s, sb);
	KUNIT_EXPECT_PTR_EQ(test, bmc->s, sa);
	KUNIT_EXPECT_EQ(test, ipmi_msg_build_embedded(out, sizeof(out), &inner,
						      rsp, n),
			(unsigned int)sizeof(want_embedded));
	KUNIT_EXPECT_EQ(test, memcmp(out, want_embedded,
				     sizeof(want_embedded)), 0);

	/* 0x72's status and owner; the BMC's are session a's */
	n = target_cmd(srv, sa, 0x72, IPMI_NETFN_APP,
		       IPMI_CMD_GET_PAYLOAD_STATUS, st, sizeof(st), rsp);
	KUNIT_EXPECT_EQ(test, rsp[2], 0x01);
	n = target_cmd(srv, sa, 0x72, IPMI_NETFN_APP,
		       IPMI_CMD_GET_PAYLOAD_INSTANCE, inst, sizeof(inst), rsp);
	KUNIT_EXPECT_EQ(test, n, 13U);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(rsp + 1), sb->id);
	n = target_cmd(srv, sb, 0, IPMI_NETFN_APP,
		       IPMI_CMD_GET_PAYLOAD_INSTANCE, inst, sizeof(inst), rsp);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(rsp + 1), sa->id);

	/* each session's packets reach its own tty */
	ipmi_lan_sol_rcv(&rx, &pkt, sa, to_bmc, sizeof(to_bmc));
	ipmi_lan_sol_rcv(&rx, &pkt, sb, to_72, sizeof(to_72));
	flush_work(&bmc->work);
	flush_work(&t72->work);
	KUNIT_EXPECT_EQ(test, bmc->stats.rx_bytes, 3ULL);
	KUNIT_EXPECT_EQ(test, t72->stats.rx_bytes, 6ULL);

	/* a second console on 0x72: 80h; a USER below SOL's privilege: D4h */
	n = target_cmd(srv, sc, 0x72, IPMI_NETFN_APP,
		       IPMI_CMD_ACTIVATE_PAYLOAD, act, sizeof(act), rsp);
	KUNIT_EXPECT_EQ(test, rsp[0], CC_PAYLOAD_ACTIVE);
	n = target_cmd(srv, sc, 0x72, IPMI_NETFN_APP,
		       IPMI_CMD_DEACTIVATE_PAYLOAD, act, sizeof(act), rsp);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_INSUFFICIENT_PRIVILEGE);
	n = target_cmd(srv, sc, 0x72, IPMI_NETFN_TRANSPORT,
		       IPMI_CMD_SET_SOL_PARAM, st, sizeof(st), rsp);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_INSUFFICIENT_PRIVILEGE);

	/* b deactivates its own; then c, a USER, may activate 0x72 */
	n = target_cmd(srv, sb, 0x72, IPMI_NETFN_APP,
		       IPMI_CMD_DEACTIVATE_PAYLOAD, act, sizeof(act), rsp);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_OK);
	KUNIT_EXPECT_NULL(test, t72->s);
	KUNIT_EXPECT_PTR_EQ(test, bmc->s, sa);
	srv->sol.config.privilege = IPMI_PRIV_OPERATOR;
	n = target_cmd(srv, sc, 0x72, IPMI_NETFN_APP,
		       IPMI_CMD_ACTIVATE_PAYLOAD, act, sizeof(act), rsp);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_INSUFFICIENT_PRIVILEGE);
	srv->sol.config.privilege = IPMI_PRIV_USER;
	n = target_cmd(srv, sc, 0x72, IPMI_NETFN_APP,
		       IPMI_CMD_ACTIVATE_PAYLOAD, act, sizeof(act), rsp);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_OK);
	KUNIT_EXPECT_PTR_EQ(test, t72->s, sc);

	/*
	 * The target is deleted: its console is told it is over, the
	 * session's SoL is free, the tty stays bound to nothing.
	 */
	ipmi_lan_kunit_tx_reset();
	ipmi_lan_sol_target_gone(srv, 0x72);
	KUNIT_EXPECT_NULL(test, t72->s);
	KUNIT_EXPECT_NULL(test, t72->srv);
	KUNIT_EXPECT_NULL(test, sc->payloads[RMCPP_PAYLOAD_SOL]);
	KUNIT_EXPECT_NULL(test, ipmi_lan_sol_get(srv, 0x72));
	KUNIT_EXPECT_EQ(test, ipmi_lan_kunit_tx.count, 1U);
	n = 0;
	KUNIT_EXPECT_EQ(test, sent_payload(1, &n)[3], SOL_ST_DEACTIVATING);
	KUNIT_EXPECT_PTR_EQ(test, bmc->s, sa);
	n = target_cmd(srv, sa, 0x72, IPMI_NETFN_APP,
		       IPMI_CMD_ACTIVATE_PAYLOAD, act, sizeof(act), rsp);
	KUNIT_EXPECT_EQ(test, rsp[0], CC_PAYLOAD_DISABLED);

	ipmi_lan_sol_unbind(t72);
	ipmi_lan_sol_unbind(bmc);
	ipmi_lan_sols_uninit(srv);
	ipmi_lan_kunit_server_free(srv);
}

static int sol_suite_init(struct kunit_suite *suite)
{
	ipmi_lan_wq = system_wq;
	return 0;
}

static struct kunit_case sol_test_cases[] = {
	KUNIT_CASE_PARAM(sol_table_test, sol_case_gen_params),
	KUNIT_CASE(sol_order_test),
	KUNIT_CASE(sol_close_hook_test),
	KUNIT_CASE(sol_controls_test),
	KUNIT_CASE(event_record_test),
	KUNIT_CASE(sol_events_test),
	KUNIT_CASE(sol_target_slots_test),
	KUNIT_CASE(sol_target_activate_test),
	{}
};

static struct kunit_suite sol_suite = {
	.name = "ipmi_lan_sol",
	.suite_init = sol_suite_init,
	.test_cases = sol_test_cases,
};

kunit_test_suites(&sol_suite);
