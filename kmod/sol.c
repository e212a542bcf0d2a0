// SPDX-License-Identifier: GPL-2.0
/*
 * Serial-over-LAN (sol.h): the SOL payload, its commands and configuration
 * parameters, and the byte streams between a console and a tty.
 *
 * Contexts: console packets and the timer run in softirq; tty input comes
 * from the tty's flip-buffer work; the work below writes to the tty and
 * does what may sleep (break, flush, termios). sol->lock (BH) guards the
 * state; packets are built, sealed and sent under it, so they leave in
 * order. Lock order: the session table's lock, then sol->lock (the close
 * hook), then a session's lock (sealing, attaching).
 */

#include "sol.h"
#include "bridge.h"
#include "cmd.h"
#include "compat.h"
#include "crypto.h"
#include "event.h"
#include "ldisc.h"
#include "messages.h"
#include "msg.h"
#include "send.h"
#include "server.h"
#include "session.h"
#include "user.h"

#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/string.h>

/*
 * Serialises binding and unbinding ttys, and the claims, with a target's
 * deletion and a namespace's end. Taken after a server's targets.lock.
 */
static DEFINE_MUTEX(sol_bind_mutex);

enum {
	/* SOL packet header: byte 3, console to BMC */
	SOL_OP_NACK = 0x40,
	SOL_OP_BREAK = 0x10,
	SOL_OP_CTS_PAUSE = 0x08,	/* the host must pause: our RTS off */
	SOL_OP_DCD_DSR_OFF = 0x04,	/* the host's DCD/DSR: our DTR off */
	SOL_OP_LINES = SOL_OP_CTS_PAUSE | SOL_OP_DCD_DSR_OFF,
	SOL_OP_FLUSH_IN = 0x02,		/* console -> tty data not yet written */
	SOL_OP_FLUSH_OUT = 0x01,	/* tty -> console data not yet sent */
	/* byte 3, BMC to console */
	SOL_ST_NACK = 0x40,
	SOL_ST_DEACTIVATING = 0x10,
	SOL_ST_OVERRUN = 0x08,
	SOL_ST_BREAK = 0x04,		/* the tty received a break */

	SOL_SEQ_MASK = 0x0f,
	SOL_PARAM_REVISION = 0x11,
	SOL_PAYLOAD_VERSION = 0x10,	/* 1.0 */
	SOL_NO_VLAN = 0xffff,
	/* Activate Payload byte 3 */
	ACT_ENCRYPT = 0x80,
	/* completion codes of the payload commands */
	CC_PAYLOAD_ACTIVE = 0x80,	/* already active / deactivated */
	CC_PAYLOAD_DISABLED = 0x81,
	CC_PAYLOAD_NO_ENCRYPT = 0x83,	/* cannot activate with encryption */
	CC_PARAM_UNSUPPORTED = 0x80,
	CC_PARAM_READ_ONLY = 0x82,
};

static const struct ipmi_lan_sol_config sol_defaults = {
	.enabled = true,
	.privilege = IPMI_PRIV_USER,
	.accumulate = 12,		/* 60 ms */
	.threshold = 96,
	.retry_count = 7,
	.retry_interval = 20,		/* 200 ms */
};

/* Baud rates of SOL parameters 5 and 6; 0 leaves the tty's own. */
static unsigned int rate_baud(u8 code)
{
	switch (code) {
	case 6: return 9600;
	case 7: return 19200;
	case 8: return 38400;
	case 9: return 57600;
	case 10: return 115200;
	default: return 0;
	}
}

static bool rate_valid(u8 code)
{
	return code == IPMI_LAN_SOL_RATE_DEFAULT || rate_baud(code);
}

bool ipmi_lan_sol_config_valid(const struct ipmi_lan_sol_config *cfg)
{
	return cfg->privilege >= IPMI_PRIV_USER &&
	       cfg->privilege <= IPMI_PRIV_ADMIN &&
	       cfg->accumulate && cfg->threshold && cfg->retry_count <= 7 &&
	       rate_valid(cfg->bit_rate) && rate_valid(cfg->volatile_bit_rate);
}

static u8 next_seq(u8 seq)
{
	return seq >= SOL_SEQ_MASK ? 1 : seq + 1;
}

/* Appends n bytes to a ring of size bytes (a power of 2). */
static void ring_put(u8 *ring, unsigned int size, unsigned int head,
		     unsigned int *len, const u8 *p, unsigned int n)
{
	unsigned int tail = (head + *len) & (size - 1);
	unsigned int first = min(n, size - tail);

	memcpy(ring + tail, p, first);
	memcpy(ring, p + first, n - first);
	*len += n;
}

/* Copies n bytes from offset off after head, without consuming them. */
static void ring_peek(const u8 *ring, unsigned int size, unsigned int head,
		      unsigned int off, u8 *out, unsigned int n)
{
	unsigned int start = (head + off) & (size - 1);
	unsigned int first = min(n, size - start);

	memcpy(out, ring + start, first);
	memcpy(out + first, ring, n - first);
}

static void ring_drop(unsigned int size, unsigned int *head, unsigned int *len,
		      unsigned int n)
{
	*head = (*head + n) & (size - 1);
	*len -= n;
}

/* ------------------------------------------------------------------ */
/* Configuration */

void ipmi_lan_sol_get_config(struct ipmi_lan_server *srv,
			     struct ipmi_lan_sol_config *out)
{
	spin_lock_bh(&srv->sol.lock);
	*out = srv->sol.config;
	spin_unlock_bh(&srv->sol.lock);
}

static u8 rate_of(const struct ipmi_lan_sol_config *cfg)
{
	return cfg->volatile_bit_rate ?: cfg->bit_rate;
}

void ipmi_lan_sol_set_config(struct ipmi_lan_server *srv,
			     const struct ipmi_lan_sol_config *cfg)
{
	struct ipmi_lan_sol *sol;
	unsigned int next;
	bool rate;

	spin_lock_bh(&srv->sol.lock);
	rate = rate_of(&srv->sol.config) != rate_of(cfg);
	srv->sol.config = *cfg;
	spin_unlock_bh(&srv->sol.lock);
	if (!rate)
		return;
	/* Every target's tty; sol->lock comes before the configuration's. */
	for (sol = ipmi_lan_sol_next(srv, 0); sol;
	     sol = ipmi_lan_sol_next(srv, next)) {
		next = sol->target + 1;
		spin_lock_bh(&sol->lock);
		sol->want_rate = true;
		if (sol->tty)
			queue_work(ipmi_lan_wq, &sol->work);
		spin_unlock_bh(&sol->lock);
		ipmi_lan_sol_put(sol);
	}
}

/* ------------------------------------------------------------------ */
/* Lifetime */

static void sol_free_rcu(struct rcu_head *rcu)
{
	kfree_sensitive(container_of(rcu, struct ipmi_lan_sol, rcu));
}

static void sol_release(struct kref *ref)
{
	struct ipmi_lan_sol *sol = container_of(ref, struct ipmi_lan_sol, ref);

	call_rcu(&sol->rcu, sol_free_rcu);
}

void ipmi_lan_sol_put(struct ipmi_lan_sol *sol)
{
	if (sol)
		kref_put(&sol->ref, sol_release);
}

struct ipmi_lan_sol *ipmi_lan_sol_get(struct ipmi_lan_server *srv, u8 target)
{
	struct ipmi_lan_sol *sol;

	rcu_read_lock();
	sol = rcu_dereference(srv->sol.slot[target]);
	if (sol && !kref_get_unless_zero(&sol->ref))
		sol = NULL;
	rcu_read_unlock();
	return sol;
}

struct ipmi_lan_sol *ipmi_lan_sol_next(struct ipmi_lan_server *srv,
				       unsigned int from)
{
	struct ipmi_lan_sol *sol;

	for (; from < SOL_SLOTS; from++) {
		sol = ipmi_lan_sol_get(srv, from);
		if (sol)
			return sol;
	}
	return NULL;
}

/* The target a request is for: the bridged one, or the BMC itself. */
static u8 target_of(const struct ipmi_lan_request *c)
{
	return c->target ?: IPMI_LAN_SOL_TARGET_BMC;
}

void ipmi_lan_sol_info(struct ipmi_lan_sol *sol, struct ipmi_lan_sol_info *out)
{
	memset(out, 0, sizeof(*out));
	memcpy(out->name, sol->name, sizeof(out->name));
	out->target = sol->target;
	spin_lock_bh(&sol->lock);
	out->active = sol->s;
	if (sol->s) {
		out->handle = sol->s->handle;
		out->user_id = sol->s->user_id;
	}
	out->stats = sol->stats;
	spin_unlock_bh(&sol->lock);
}

/* ------------------------------------------------------------------ */
/* Packets to the console */

/*
 * Builds, seals and sends one SOL packet to the active console: an
 * ACK-only packet (seq 0, dlen 0) or dlen characters from the head of the
 * outbound ring. Caller holds sol->lock, with sol->s set.
 */
static void sol_send(struct ipmi_lan_sol *sol, u8 seq, u8 ack, u8 count,
		     u8 status, unsigned int dlen)
{
	struct ipmi_lan_tx tx;

	if (!ipmi_lan_tx_begin(&tx, sol->srv, sol->s, AUTHTYPE_RMCPP,
			       SOL_HEADER_LEN + dlen))
		return;			/* counted */
	tx.payload[0] = seq;
	tx.payload[1] = ack;
	tx.payload[2] = count;
	tx.payload[3] = status;
	ring_peek(sol->out_buf, SOL_OUT_BUF, sol->out_head, 0,
		  tx.payload + SOL_HEADER_LEN, dlen);
	if (ipmi_lan_tx_seal(&tx, RMCPP_PAYLOAD_SOL, SOL_HEADER_LEN + dlen))
		ipmi_lan_tx_send(&tx, NULL);
}

static unsigned long retry_jiffies(const struct ipmi_lan_sol_config *cfg)
{
	return max(1UL, msecs_to_jiffies(10 * max_t(unsigned int,
						   cfg->retry_interval, 1)));
}

/* (Re)sends the packet in flight. Caller holds sol->lock. */
static void sol_send_data(struct ipmi_lan_sol *sol,
			  const struct ipmi_lan_sol_config *cfg)
{
	sol_send(sol, sol->tx_seq, 0, 0, sol->tx_status, sol->tx_len);
	mod_timer(&sol->timer, jiffies + retry_jiffies(cfg));
}

/*
 * Sends the next data packet if none is in flight and the threshold is
 * reached or the oldest character waited the accumulate interval; else
 * arms the timer for that moment. Caller holds sol->lock.
 */
static void sol_push(struct ipmi_lan_sol *sol,
		     const struct ipmi_lan_sol_config *cfg)
{
	unsigned long due;

	if (!sol->s || sol->tx_seq || (!sol->out_len && !sol->break_seen))
		return;
	due = sol->first_byte + msecs_to_jiffies(5 * cfg->accumulate);
	if (sol->out_len < cfg->threshold && !sol->break_seen &&
	    time_before(jiffies, due)) {
		mod_timer(&sol->timer, due);
		return;
	}
	sol->tx_len = min_t(unsigned int, sol->out_len, SOL_MAX_DATA);
	/* Status goes with the packet, resends included. */
	sol->tx_status = (sol->overrun ? SOL_ST_OVERRUN : 0) |
			 (sol->break_seen ? SOL_ST_BREAK : 0);
	sol->overrun = false;
	sol->break_seen = false;
	sol->tx_seq = sol->next_seq;
	sol->next_seq = next_seq(sol->next_seq);
	sol->tx_tries = 0;
	sol->first_byte = jiffies;	/* for what is left behind it */
	sol_send_data(sol, cfg);
}

/* The console accepted count characters of the packet in flight. */
static void sol_acked(struct ipmi_lan_sol *sol,
		      const struct ipmi_lan_sol_config *cfg, u8 count)
{
	unsigned int n = min_t(unsigned int, count, sol->tx_len);
	bool partial = n < sol->tx_len;

	ring_drop(SOL_OUT_BUF, &sol->out_head, &sol->out_len, n);
	sol->stats.tx_bytes += n;
	sol->tx_seq = 0;
	sol->tx_len = 0;
	/* Room again: the tty's writer may go on. */
	if (sol->tty)
		queue_work(ipmi_lan_wq, &sol->work);
	/* A partial ACK: the rest goes at once, as a new packet. */
	if (partial)
		sol->first_byte = jiffies - msecs_to_jiffies(5 * cfg->accumulate);
	sol_push(sol, cfg);
}

static void sol_timer(struct timer_list *t)
{
	struct ipmi_lan_sol *sol = from_timer(sol, t, timer);
	struct ipmi_lan_sol_config cfg;

	spin_lock_bh(&sol->lock);
	if (!sol->s || !sol->srv)
		goto out;
	ipmi_lan_sol_get_config(sol->srv, &cfg);
	if (!sol->tx_seq) {
		sol_push(sol, &cfg);
		goto out;
	}
	if (sol->tx_tries < cfg.retry_count) {
		sol->tx_tries++;
		sol->stats.retries++;
		sol_send_data(sol, &cfg);
		goto out;
	}
	/* The last retry went unanswered: these characters are lost. */
	pr_info_ratelimited("SoL %s: %u characters dropped after %u retries\n",
			    sol->name, sol->tx_len, sol->tx_tries);
	sol->stats.dropped += sol->tx_len;
	ring_drop(SOL_OUT_BUF, &sol->out_head, &sol->out_len, sol->tx_len);
	sol->tx_seq = 0;
	sol->tx_len = 0;
	sol->overrun = true;
	if (sol->tty_stalled && sol->tty)
		queue_work(ipmi_lan_wq, &sol->work);
	sol_push(sol, &cfg);
out:
	spin_unlock_bh(&sol->lock);
}

/* ------------------------------------------------------------------ */
/* Packets from the console */

/*
 * The character data of a console packet: taken into the inbound ring
 * (what fits), an ACK (or NACK) sent. A packet with the sequence number
 * of the last one taken is a retransmission (our ACK was lost): it gets
 * the same ACK again and nothing is written; after a partial ACK the
 * console sends the rest as a new packet. A NACKed packet was not taken,
 * so it is new when it comes again. Caller holds sol->lock.
 */
static void sol_take(struct ipmi_lan_sol *sol, u8 seq, u8 op, const u8 *data,
		     unsigned int n)
{
	unsigned int room, take;

	if (seq == sol->in_seq) {
		sol->stats.duplicates++;
		sol_send(sol, 0, seq, sol->in_count, 0, 0);
		return;
	}
	/* The count is one byte: a console that sends more than it may gets
	 * a partial ACK for 255 and sends the rest again.
	 */
	room = SOL_IN_BUF - sol->in_len;
	take = min3(n, room, (unsigned int)SOL_MAX_DATA);
	if (n && !take) {
		/* No room: the console sends it again later. */
		sol->stats.nacks_sent++;
		sol_send(sol, 0, seq, 0, SOL_ST_NACK, 0);
		return;
	}
	if (op & SOL_OP_FLUSH_IN) {
		ring_drop(SOL_IN_BUF, &sol->in_head, &sol->in_len, sol->in_len);
		sol->want_flush_tty = true;
	}
	if (op & SOL_OP_FLUSH_OUT && sol->out_len > sol->tx_len)
		sol->out_len = sol->tx_len;
	if (op & SOL_OP_BREAK)
		sol->want_break = true;
	if ((op & SOL_OP_LINES) != sol->lines) {
		sol->lines = op & SOL_OP_LINES;
		sol->want_lines = true;
	}
	ring_put(sol->in_buf, SOL_IN_BUF, sol->in_head, &sol->in_len, data,
		 take);
	sol->in_seq = seq;
	sol->in_count = take;
	sol_send(sol, 0, seq, sol->in_count, 0, 0);
	if ((take || sol->want_break || sol->want_flush_tty ||
	     sol->want_lines) && sol->tty)
		queue_work(ipmi_lan_wq, &sol->work);
}

int ipmi_lan_sol_rcv(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt,
		     struct ipmi_lan_session *s, const u8 *payload,
		     unsigned int len)
{
	struct ipmi_lan_payload_inst *inst;
	struct ipmi_lan_sol_config cfg;
	struct ipmi_lan_sol *sol = NULL;
	u8 seq, ack, count, op;

	if (len < SOL_HEADER_LEN)
		return IPMI_LAN_DROP_MSG_HEADER;
	spin_lock_bh(&s->lock);
	inst = s->payloads[RMCPP_PAYLOAD_SOL];
	if (inst) {
		sol = container_of(inst, struct ipmi_lan_sol, inst);
		kref_get(&sol->ref);
	}
	spin_unlock_bh(&s->lock);
	if (!sol)
		return IPMI_LAN_DROP_STATE;	/* no SoL activated here */

	seq = payload[0] & SOL_SEQ_MASK;
	ack = payload[1] & SOL_SEQ_MASK;
	count = payload[2];
	op = payload[3];
	ipmi_lan_sol_get_config(rx->srv, &cfg);
	spin_lock_bh(&sol->lock);
	if (sol->s != s) {
		spin_unlock_bh(&sol->lock);
		ipmi_lan_sol_put(sol);
		return IPMI_LAN_DROP_STATE;
	}
	if (ack && ack == sol->tx_seq) {
		if (op & SOL_OP_NACK) {
			/* No room at the console: again after the interval. */
			sol->stats.nacks_received++;
			sol->tx_tries = 0;
			mod_timer(&sol->timer, jiffies + retry_jiffies(&cfg));
		} else {
			sol_acked(sol, &cfg, count);
		}
	}
	if (seq)
		sol_take(sol, seq, op, payload + SOL_HEADER_LEN,
			 len - SOL_HEADER_LEN);
	spin_unlock_bh(&sol->lock);
	ipmi_lan_sol_put(sol);
	return RX_ACCEPTED;
}

/* ------------------------------------------------------------------ */
/* Activation */

/* An activation or a deactivation of s's SoL, to the event listeners. */
static void sol_event(struct ipmi_lan_sol *sol, struct ipmi_lan_session *s,
		      u8 kind, u8 cause)
{
	struct ipmi_lan_event ev = {
		.kind = kind,
		.handle = s->handle,
		.user_id = s->user_id,
		.instance = 1,
		.cause = cause,
	};

	spin_lock_bh(&s->lock);
	ev.peer = s->peer;
	spin_unlock_bh(&s->lock);
	if (sol->srv)
		ipmi_lan_event(sol->srv, &ev);
}

/*
 * Ends the activation, for cause (IPMI_LAN_CLOSE_*). Caller holds
 * sol->lock; returns the session to put.
 */
static struct ipmi_lan_session *sol_end_locked(struct ipmi_lan_sol *sol,
					       u8 cause)
{
	struct ipmi_lan_session *s = sol->s;

	sol_event(sol, s, IPMI_LAN_EVENT_SOL_DOWN, cause);

	sol->s = NULL;
	sol->tx_seq = 0;
	sol->tx_len = 0;
	sol->in_seq = 0;
	sol->in_count = 0;
	/* Unsent tty output is nobody's now; console input is still written. */
	sol->out_len = 0;
	sol->break_seen = false;
	/* A console that paused the host does not keep it paused. */
	if (sol->lines) {
		sol->lines = 0;
		sol->want_lines = true;
	}
	if ((sol->tty_stalled || sol->want_lines) && sol->tty)
		queue_work(ipmi_lan_wq, &sol->work);
	del_timer(&sol->timer);
	return s;
}

/* The session closed: called by it, under its table's lock, BH off. */
static void sol_session_closed(struct ipmi_lan_session *s,
			       struct ipmi_lan_payload_inst *inst)
{
	struct ipmi_lan_sol *sol = container_of(inst, struct ipmi_lan_sol, inst);
	struct ipmi_lan_session *old = NULL;

	spin_lock(&sol->lock);
	if (sol->s == s)
		old = sol_end_locked(sol, s->close_cause);
	spin_unlock(&sol->lock);
	/* The table still holds its reference: this is never the last. */
	ipmi_lan_session_put(old);
}

static const struct ipmi_lan_payload_ops sol_payload_ops = {
	.close = sol_session_closed,
};

/* Checks the payload type and instance bytes; 0 or a completion code. */
static u8 check_sol_instance(const u8 *data)
{
	if ((data[0] & 0x3f) != RMCPP_PAYLOAD_SOL)
		return CC_PAYLOAD_DISABLED;
	if ((data[1] & 0x0f) != 1)
		return IPMI_CC_INVALID_DATA_FIELD;
	return 0;
}

/*
 * Activate Payload (App 48h), SOL instance 1. Packets are authenticated
 * and encrypted as the session's cipher suite does; the request's bits
 * can ask for no more than that.
 */
unsigned int ipmi_lan_sol_activate(struct ipmi_lan_request *c)
{
	const u8 *data = c->req->data;
	struct ipmi_lan_session *s = c->session;
	struct ipmi_lan_sol_config cfg;
	struct ipmi_lan_sol *sol;
	bool encrypt;
	u8 cc, priv, *rsp = c->rsp;
	int ret;

	if (!s)
		return cmd_cc(c, IPMI_CC_NOT_IN_STATE);
	if (c->req->data_len != 6)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	cc = check_sol_instance(data);
	if (cc)
		return cmd_cc(c, cc);
	ipmi_lan_sol_get_config(c->srv, &cfg);
	if (!cfg.enabled)
		return cmd_cc(c, CC_PAYLOAD_DISABLED);
	spin_lock_bh(&s->lock);
	priv = s->priv;
	spin_unlock_bh(&s->lock);
	if (priv < cfg.privilege)
		return cmd_cc(c, IPMI_CC_INSUFFICIENT_PRIVILEGE);
	/* The user's payload access (Set User Payload Access, netlink) */
	if (!ipmi_lan_user_sol_allowed(c->srv, s->user_id))
		return cmd_cc(c, CC_PAYLOAD_DISABLED);
	encrypt = (data[2] & ACT_ENCRYPT) || cfg.force_encryption;
	if ((encrypt && s->suite->conf == CONF_NONE) ||
	    (cfg.force_auth && s->suite->integ == INTEG_NONE))
		return cmd_cc(c, CC_PAYLOAD_NO_ENCRYPT);
	/* Authentication asked for without integrity: as the session is. */

	sol = ipmi_lan_sol_get(c->srv, target_of(c));
	if (!sol)			/* no tty: nothing to talk to */
		return cmd_cc(c, CC_PAYLOAD_DISABLED);
	spin_lock_bh(&sol->lock);
	if (sol->s || !sol->srv) {
		ret = -EBUSY;
	} else {
		sol->inst.ops = &sol_payload_ops;
		sol->inst.type = RMCPP_PAYLOAD_SOL;
		ret = ipmi_lan_session_payload_attach(s, &sol->inst);
	}
	if (!ret) {
		kref_get(&s->ref);
		sol->s = s;
		sol->tx_seq = 0;
		sol->tx_len = 0;
		sol->in_seq = 0;
		sol->in_count = 0;
		sol->next_seq = 1;
		sol->overrun = false;
		sol->break_seen = false;
		sol->out_len = 0;
		sol->stats.activations++;
		sol_event(sol, s, IPMI_LAN_EVENT_SOL_UP, 0);
	}
	spin_unlock_bh(&sol->lock);
	ipmi_lan_sol_put(sol);
	if (ret == -EBUSY)
		return cmd_cc(c, CC_PAYLOAD_ACTIVE);
	if (ret)
		return cmd_cc(c, IPMI_CC_NOT_IN_STATE);

	rsp[0] = IPMI_CC_OK;
	memset(rsp + 1, 0, 4);		/* auxiliary data */
	put_unaligned_le16(SOL_PAYLOAD_MAX, rsp + 5);	/* inbound */
	put_unaligned_le16(SOL_PAYLOAD_MAX, rsp + 7);	/* outbound */
	put_unaligned_le16(READ_ONCE(c->srv->config.port), rsp + 9);
	put_unaligned_le16(SOL_NO_VLAN, rsp + 11);
	return 13;
}

/* Deactivate Payload (App 49h): one's own, or another's with ADMIN. */
unsigned int ipmi_lan_sol_deactivate(struct ipmi_lan_request *c)
{
	struct ipmi_lan_session *old = NULL;
	struct ipmi_lan_sol *sol;
	u8 cc = IPMI_CC_OK;

	if (c->req->data_len != 6)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	cc = check_sol_instance(c->req->data);
	if (cc)
		return cmd_cc(c, cc);
	sol = ipmi_lan_sol_get(c->srv, target_of(c));
	if (!sol)
		return cmd_cc(c, CC_PAYLOAD_ACTIVE);	/* already deactivated */
	spin_lock_bh(&sol->lock);
	if (!sol->s) {
		cc = CC_PAYLOAD_ACTIVE;
	} else if (c->session && sol->s != c->session &&
		   c->session->priv < IPMI_PRIV_ADMIN) {
		cc = IPMI_CC_INSUFFICIENT_PRIVILEGE;
	} else {
		/* The console hears it is over, if it is another's. */
		if (sol->s != c->session)
			sol_send(sol, 0, 0, 0, SOL_ST_DEACTIVATING, 0);
		ipmi_lan_session_payload_detach(sol->s, &sol->inst);
		old = sol_end_locked(sol, IPMI_LAN_CLOSE_COMMAND);
	}
	spin_unlock_bh(&sol->lock);
	ipmi_lan_session_put(old);
	ipmi_lan_sol_put(sol);
	return cmd_cc(c, cc);
}

/* The owner of the target's SOL instance 1, referenced, or NULL. */
static struct ipmi_lan_session *sol_owner(struct ipmi_lan_server *srv,
					  u8 target)
{
	struct ipmi_lan_session *s = NULL;
	struct ipmi_lan_sol *sol;

	sol = ipmi_lan_sol_get(srv, target);
	if (!sol)
		return NULL;
	spin_lock_bh(&sol->lock);
	s = sol->s;
	if (s)
		kref_get(&s->ref);
	spin_unlock_bh(&sol->lock);
	ipmi_lan_sol_put(sol);
	return s;
}

/* Get Payload Activation Status (App 4Ah). */
unsigned int ipmi_lan_sol_activation_status(struct ipmi_lan_request *c)
{
	struct ipmi_lan_session *s;

	if (c->req->data_len != 1)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	if ((c->req->data[0] & 0x3f) != RMCPP_PAYLOAD_SOL)
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	s = sol_owner(c->srv, target_of(c));
	c->rsp[0] = IPMI_CC_OK;
	c->rsp[1] = SOL_INSTANCES;
	c->rsp[2] = s ? 0x01 : 0;
	c->rsp[3] = 0;
	ipmi_lan_session_put(s);
	return 4;
}

/* Get Payload Instance Info (App 4Bh): the owner's session id. */
unsigned int ipmi_lan_sol_instance_info(struct ipmi_lan_request *c)
{
	struct ipmi_lan_session *s;
	u8 cc;

	if (c->req->data_len != 2)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	cc = check_sol_instance(c->req->data);
	if (cc)
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	s = sol_owner(c->srv, target_of(c));
	memset(c->rsp, 0, 13);
	if (s)
		put_unaligned_le32(s->id, c->rsp + 1);
	ipmi_lan_session_put(s);
	return 13;
}

/* Get Channel Payload Support (App 4Eh): IPMI, SOL and the handshake. */
unsigned int ipmi_lan_sol_channel_payload_support(struct ipmi_lan_request *c)
{
	if (c->req->data_len != 1)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	if (!cmd_channel_ok(c->req->data[0]) || (c->req->data[0] & 0xf0))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	memset(c->rsp, 0, 9);
	c->rsp[1] = BIT(RMCPP_PAYLOAD_IPMI) | BIT(RMCPP_PAYLOAD_SOL);
	c->rsp[3] = 0x3f;		/* 10h-15h: Open Session .. RAKP4 */
	return 9;
}

/* Get Channel Payload Version (App 4Fh): 1.0 for IPMI and SOL. */
unsigned int ipmi_lan_sol_channel_payload_version(struct ipmi_lan_request *c)
{
	u8 type;

	if (c->req->data_len != 2)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	if (!cmd_channel_ok(c->req->data[0]) || (c->req->data[0] & 0xf0))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	type = c->req->data[1];
	if (type != RMCPP_PAYLOAD_IPMI && type != RMCPP_PAYLOAD_SOL)
		return cmd_cc(c, 0x80);	/* not available on the channel */
	c->rsp[0] = IPMI_CC_OK;
	c->rsp[1] = SOL_PAYLOAD_VERSION;
	return 2;
}

/* ------------------------------------------------------------------ */
/* SOL configuration parameters (Transport 21h/22h) */

/* Writes parameter param's data at out; returns its length, or -1. */
static int param_get(struct ipmi_lan_request *c, u8 param, u8 *out)
{
	struct ipmi_lan_sol_config cfg;

	ipmi_lan_sol_get_config(c->srv, &cfg);
	switch (param) {
	case 0:
		out[0] = cfg.set_in_progress;
		return 1;
	case 1:
		out[0] = cfg.enabled;
		return 1;
	case 2:
		out[0] = (cfg.force_encryption ? 0x80 : 0) |
			 (cfg.force_auth ? 0x40 : 0) | cfg.privilege;
		return 1;
	case 3:
		out[0] = cfg.accumulate;
		out[1] = cfg.threshold;
		return 2;
	case 4:
		out[0] = cfg.retry_count;
		out[1] = cfg.retry_interval;
		return 2;
	case 5:
		out[0] = cfg.bit_rate;
		return 1;
	case 6:
		out[0] = cfg.volatile_bit_rate;
		return 1;
	case 7:
		out[0] = IPMI_LAN_CHANNEL;
		return 1;
	case 8:
		put_unaligned_le16(READ_ONCE(c->srv->config.port), out);
		return 2;
	default:
		return -1;
	}
}

/* Get SOL Configuration Parameters (Transport 22h). */
unsigned int ipmi_lan_sol_get_param(struct ipmi_lan_request *c)
{
	const u8 *data = c->req->data;
	int n;

	if (c->req->data_len != 4)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	if (!cmd_channel_ok(data[0]) || (data[0] & 0x70))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	n = param_get(c, data[1] & 0x7f, c->rsp + 2);
	if (n < 0)
		return cmd_cc(c, CC_PARAM_UNSUPPORTED);
	c->rsp[0] = IPMI_CC_OK;
	c->rsp[1] = SOL_PARAM_REVISION;
	return data[0] & 0x80 ? 2 : 2 + n;	/* bit 7: revision only */
}

static const u8 param_len[] = { 1, 1, 1, 2, 2, 1, 1, 1, 2 };

/* Set SOL Configuration Parameters (Transport 21h). */
unsigned int ipmi_lan_sol_set_param(struct ipmi_lan_request *c)
{
	const u8 *data = c->req->data, *v = data + 2;
	struct ipmi_lan_sol_config cfg;
	u8 param;

	if (c->req->data_len < 2)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	if (!cmd_channel_ok(data[0]) || (data[0] & 0xf0))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	param = data[1] & 0x7f;
	if (param >= ARRAY_SIZE(param_len))
		return cmd_cc(c, CC_PARAM_UNSUPPORTED);
	if (c->req->data_len != 2 + param_len[param])
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	if (param == 7 || param == 8)	/* the channel's and the server's */
		return cmd_cc(c, CC_PARAM_READ_ONLY);
	ipmi_lan_sol_get_config(c->srv, &cfg);
	switch (param) {
	case 0:
		if ((v[0] & 0x03) == 0x03)
			return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
		/* commit-write (2) takes effect at once: set complete */
		cfg.set_in_progress = (v[0] & 0x03) == 1;
		break;
	case 1:
		cfg.enabled = v[0] & 0x01;
		break;
	case 2:
		cfg.force_encryption = v[0] & 0x80;
		cfg.force_auth = v[0] & 0x40;
		cfg.privilege = v[0] & 0x0f;
		break;
	case 3:
		cfg.accumulate = v[0];
		cfg.threshold = v[1];
		break;
	case 4:
		cfg.retry_count = v[0] & 0x07;
		cfg.retry_interval = v[1];
		break;
	case 5:
		cfg.bit_rate = v[0] & 0x0f;
		break;
	case 6:
		cfg.volatile_bit_rate = v[0] & 0x0f;
		break;
	}
	if (!ipmi_lan_sol_config_valid(&cfg))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	ipmi_lan_sol_set_config(c->srv, &cfg);
	return cmd_cc(c, IPMI_CC_OK);
}

/* ------------------------------------------------------------------ */
/* The tty side */

/* Bytes from the tty: what fits goes to the console. Process context. */
unsigned int ipmi_lan_sol_tty_input(struct ipmi_lan_sol *sol, const u8 *p,
				    unsigned int len)
{
	struct ipmi_lan_sol_config cfg;
	unsigned int take = len;

	spin_lock_bh(&sol->lock);
	if (sol->tty)
		mod_delayed_work(ipmi_lan_wq, &sol->wake, 1);
	if (!sol->s || !sol->srv)
		goto out;		/* nobody listens: the host must not block */
	take = min(len, SOL_OUT_BUF - sol->out_len);
	if (take < len)
		sol->tty_stalled = true;
	if (!take)
		goto out;
	if (!sol->out_len)
		sol->first_byte = jiffies;
	ring_put(sol->out_buf, SOL_OUT_BUF, sol->out_head, &sol->out_len, p,
		 take);
	ipmi_lan_sol_get_config(sol->srv, &cfg);
	sol_push(sol, &cfg);
out:
	spin_unlock_bh(&sol->lock);
	return take;
}

void ipmi_lan_sol_tty_break(struct ipmi_lan_sol *sol)
{
	struct ipmi_lan_sol_config cfg;

	spin_lock_bh(&sol->lock);
	if (sol->s && sol->srv) {
		sol->break_seen = true;
		ipmi_lan_sol_get_config(sol->srv, &cfg);
		sol_push(sol, &cfg);
	}
	spin_unlock_bh(&sol->lock);
}

/*
 * The tty can take more: called by the discipline in any context (a
 * UART's interrupt), before its close, so no lock and no check.
 */
void ipmi_lan_sol_tty_wakeup(struct ipmi_lan_sol *sol)
{
	queue_work(ipmi_lan_wq, &sol->work);
}

/*
 * The tty's writer (a pty's other end) waits until its characters are
 * taken; it is woken once the flip buffers they were in are freed, which
 * is after the input call returns: hence a tick later.
 */
static void sol_wake(struct work_struct *work)
{
	struct ipmi_lan_sol *sol =
		container_of(to_delayed_work(work), struct ipmi_lan_sol, wake);
	struct tty_struct *tty;

	spin_lock_bh(&sol->lock);
	tty = sol->tty;
	spin_unlock_bh(&sol->lock);
	if (tty)
		ipmi_lan_ldisc_wake_writer(tty);
}

/* Writes the console's bytes, and does what may sleep. */
static void sol_work(struct work_struct *work)
{
	struct ipmi_lan_sol *sol = container_of(work, struct ipmi_lan_sol, work);
	bool brk, flush, rate, lines, restart = false;
	struct tty_struct *tty;
	u8 buf[256];
	unsigned int n, done;
	u8 code = 0, line_ops;

	spin_lock_bh(&sol->lock);
	tty = sol->tty;
	brk = sol->want_break;
	flush = sol->want_flush_tty;
	rate = sol->want_rate;
	lines = sol->want_lines;
	line_ops = sol->lines;
	sol->want_break = false;
	sol->want_flush_tty = false;
	sol->want_rate = false;
	sol->want_lines = false;
	if (rate && sol->srv) {
		struct ipmi_lan_sol_config cfg;

		ipmi_lan_sol_get_config(sol->srv, &cfg);
		code = rate_of(&cfg);
	}
	spin_unlock_bh(&sol->lock);
	if (!tty)
		return;
	if (flush)
		ipmi_lan_ldisc_flush(tty);
	if (code)
		ipmi_lan_ldisc_set_rate(tty, rate_baud(code));
	if (lines)
		ipmi_lan_ldisc_set_lines(tty,
					 !(line_ops & SOL_OP_CTS_PAUSE),
					 !(line_ops & SOL_OP_DCD_DSR_OFF));
	if (brk)
		ipmi_lan_ldisc_break(tty);

	for (;;) {
		spin_lock_bh(&sol->lock);
		n = min_t(unsigned int, sol->in_len, sizeof(buf));
		ring_peek(sol->in_buf, SOL_IN_BUF, sol->in_head, 0, buf, n);
		spin_unlock_bh(&sol->lock);
		if (!n)
			break;
		done = ipmi_lan_ldisc_write(tty, buf, n);
		spin_lock_bh(&sol->lock);
		/* A flush may have emptied the ring meanwhile. */
		done = min(done, sol->in_len);
		ring_drop(SOL_IN_BUF, &sol->in_head, &sol->in_len, done);
		sol->stats.rx_bytes += done;
		spin_unlock_bh(&sol->lock);
		if (done < n)
			break;		/* write_wakeup brings us back */
	}
	memzero_explicit(buf, sizeof(buf));

	spin_lock_bh(&sol->lock);
	if (sol->tty_stalled && (!sol->s || sol->out_len < SOL_OUT_BUF / 2)) {
		sol->tty_stalled = false;
		restart = true;
	}
	spin_unlock_bh(&sol->lock);
	if (restart)
		ipmi_lan_ldisc_restart_input(tty);
	ipmi_lan_ldisc_wake_writer(tty);
}

/* Whether target is the BMC or a listed target. Under sol_bind_mutex. */
static bool target_exists(struct ipmi_lan_server *srv, u8 target)
{
	bool ret;

	if (target == IPMI_LAN_SOL_TARGET_BMC)
		return true;
	/* A target is unlisted before its SoL ends (target_gone). */
	rcu_read_lock();
	ret = ipmi_lan_target_rcu(srv, target);
	rcu_read_unlock();
	return ret;
}

/*
 * A tty of srv for target; it takes the target's slot, or fails with
 * -EBUSY, or -ENXIO if there is no such target. Process context.
 */
struct ipmi_lan_sol *ipmi_lan_sol_bind(struct ipmi_lan_server *srv,
				       struct tty_struct *tty, u8 target)
{
	struct ipmi_lan_sol *sol;
	int ret = 0;

	if (!target)
		return ERR_PTR(-ENXIO);
	sol = kzalloc(sizeof(*sol), GFP_KERNEL);
	if (!sol)
		return ERR_PTR(-ENOMEM);
	kref_init(&sol->ref);		/* the server's slot */
	kref_get(&sol->ref);		/* the tty's */
	sol->target = target;
	ipmi_lan_ldisc_name(tty, sol->name, sizeof(sol->name));
	spin_lock_init(&sol->lock);
	sol->srv = srv;
	sol->tty = tty;
	sol->next_seq = 1;
	sol->want_rate = true;
	timer_setup(&sol->timer, sol_timer, 0);
	INIT_WORK(&sol->work, sol_work);
	INIT_DELAYED_WORK(&sol->wake, sol_wake);

	mutex_lock(&sol_bind_mutex);
	spin_lock_bh(&srv->sol.lock);
	if (!target_exists(srv, target))
		ret = -ENXIO;
	else if (rcu_access_pointer(srv->sol.slot[target]))
		ret = -EBUSY;
	else
		rcu_assign_pointer(srv->sol.slot[target], sol);
	spin_unlock_bh(&srv->sol.lock);
	mutex_unlock(&sol_bind_mutex);
	if (ret) {
		kfree(sol);
		return ERR_PTR(ret);
	}
	queue_work(ipmi_lan_wq, &sol->work);	/* the bit rate */
	return sol;
}

/* Leaves the server: the console, if any, is deactivated. */
static void sol_leave(struct ipmi_lan_server *srv, struct ipmi_lan_sol *sol)
{
	struct ipmi_lan_session *old = NULL;
	bool mine = false;

	spin_lock_bh(&srv->sol.lock);
	if (rcu_access_pointer(srv->sol.slot[sol->target]) == sol) {
		RCU_INIT_POINTER(srv->sol.slot[sol->target], NULL);
		mine = true;
	}
	spin_unlock_bh(&srv->sol.lock);

	spin_lock_bh(&sol->lock);
	if (sol->s) {
		sol_send(sol, 0, 0, 0, SOL_ST_DEACTIVATING, 0);
		ipmi_lan_session_payload_detach(sol->s, &sol->inst);
		old = sol_end_locked(sol, IPMI_LAN_CLOSE_CONFIG);
	}
	sol->srv = NULL;
	spin_unlock_bh(&sol->lock);
	ipmi_lan_session_put(old);
	if (mine)
		ipmi_lan_sol_put(sol);
}

/* The discipline closes (changed, hung up, the tty closed). */
void ipmi_lan_sol_unbind(struct ipmi_lan_sol *sol)
{
	struct ipmi_lan_server *srv;

	/* Under the mutex the server cannot end meanwhile (sols_uninit). */
	mutex_lock(&sol_bind_mutex);
	spin_lock_bh(&sol->lock);
	srv = sol->srv;
	spin_unlock_bh(&sol->lock);
	if (srv)
		sol_leave(srv, sol);
	mutex_unlock(&sol_bind_mutex);
	spin_lock_bh(&sol->lock);
	sol->tty = NULL;
	spin_unlock_bh(&sol->lock);
	cancel_work_sync(&sol->work);
	cancel_delayed_work_sync(&sol->wake);
	del_timer_sync(&sol->timer);
	ipmi_lan_sol_put(sol);		/* the tty's */
}

/* The tty of target leaves srv, if it has one. Under sol_bind_mutex. */
static void slot_leave(struct ipmi_lan_server *srv, unsigned int target)
{
	struct ipmi_lan_sol *sol = ipmi_lan_sol_get(srv, target);

	if (sol) {
		sol_leave(srv, sol);
		ipmi_lan_sol_put(sol);
	}
}

/*
 * A claim for the target is left to lapse: the tty it names must fail to
 * bind (-ENXIO), not serve the BMC instead.
 */
void ipmi_lan_sol_target_gone(struct ipmi_lan_server *srv, u8 target)
{
	if (target == IPMI_LAN_SOL_TARGET_BMC)
		return;
	mutex_lock(&sol_bind_mutex);
	slot_leave(srv, target);
	mutex_unlock(&sol_bind_mutex);
}

int ipmi_lan_sol_claim(struct ipmi_lan_server *srv, dev_t dev, u8 target,
		       struct netlink_ext_ack *extack)
{
	struct ipmi_lan_sol_claim *cl, *free = NULL;
	struct ipmi_lan_sol *sol;
	int ret = 0;

	if (!dev || !target) {
		NL_SET_ERR_MSG_MOD(extack, "no tty or no target");
		return -EINVAL;
	}
	mutex_lock(&sol_bind_mutex);
	if (!target_exists(srv, target)) {
		NL_SET_ERR_MSG_MOD(extack, "no such target");
		ret = -ENOENT;
		goto out;
	}
	sol = ipmi_lan_sol_get(srv, target);
	if (sol) {
		NL_SET_ERR_MSG_MOD(extack, "the target has a SoL tty already");
		ipmi_lan_sol_put(sol);
		ret = -EBUSY;
		goto out;
	}
	/* The tty's earlier claim is replaced; lapsed ones are free. */
	for (cl = srv->sol.claims; cl < srv->sol.claims + SOL_CLAIMS; cl++) {
		if (cl->dev && time_after(jiffies, cl->expires))
			cl->dev = 0;
		if (cl->dev == dev || (!cl->dev && !free))
			free = cl;
	}
	if (!free) {
		NL_SET_ERR_MSG_MOD(extack, "too many SoL attaches in progress");
		ret = -EBUSY;
		goto out;
	}
	free->dev = dev;
	free->target = target;
	free->expires = jiffies + msecs_to_jiffies(SOL_CLAIM_MS);
out:
	mutex_unlock(&sol_bind_mutex);
	return ret;
}

u8 ipmi_lan_sol_claimed(struct ipmi_lan_server *srv, dev_t dev)
{
	struct ipmi_lan_sol_claim *cl;
	u8 target = IPMI_LAN_SOL_TARGET_BMC;

	mutex_lock(&sol_bind_mutex);
	for (cl = srv->sol.claims; cl < srv->sol.claims + SOL_CLAIMS; cl++) {
		if (!cl->dev || cl->dev != dev)
			continue;
		if (!time_after(jiffies, cl->expires))
			target = cl->target;
		cl->dev = 0;
	}
	mutex_unlock(&sol_bind_mutex);
	return target;
}

void ipmi_lan_sols_init(struct ipmi_lan_server *srv)
{
	unsigned int i;

	spin_lock_init(&srv->sol.lock);
	srv->sol.config = sol_defaults;
	for (i = 0; i < SOL_SLOTS; i++)
		RCU_INIT_POINTER(srv->sol.slot[i], NULL);
	memset(srv->sol.claims, 0, sizeof(srv->sol.claims));
}

/* The namespace goes: bound ttys stay bound to nothing until closed. */
void ipmi_lan_sols_uninit(struct ipmi_lan_server *srv)
{
	unsigned int i;

	mutex_lock(&sol_bind_mutex);
	for (i = 0; i < SOL_SLOTS; i++)
		slot_leave(srv, i);
	memset(srv->sol.claims, 0, sizeof(srv->sol.claims));
	mutex_unlock(&sol_bind_mutex);
}
