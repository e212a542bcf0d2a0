// SPDX-License-Identifier: GPL-2.0
/*
 * The system interfaces. One server instance at a time registers the BMC
 * itself with the message handler (ipmi_register_smi) on a platform
 * device of its own; every bridged target (bridge.c) of any instance is
 * an interface of its own too, with its own tracker, identity and
 * forward table, and answers only its identity and its consumers'
 * replies itself.
 *
 * From the handler to us, sender() hands over one message at a time, in
 * any context. A Send Message to the LAN channel, a consumer's reply to a
 * forwarded LAN request, is answered at once in the sender's context (the
 * hot path; sender_inline()); anything else is queued and answered from
 * a work item by the module's own commands (a /dev/ipmiN request, with
 * the system interface's authority).
 *
 * Local bridging (ipmitool -I open -t ADDR): the handler sends a
 * program's request to a target as a Send Message to channel 0 through
 * the BMC's interface; it reaches the target's interface as a Get Message
 * from channel 0, whose consumer's response comes back the same way. Each
 * target keeps the requests from the board that wait (LOCAL_MAX), so that
 * the handler's retries are absorbed rather than run twice, only answers
 * to them pass, and one with no answer in the forward timeout, or at the
 * target's deletion, is answered C3h. Identity commands no consumer took
 * are answered from the target's identity (bridge.c).
 *
 * From a LAN session to the handler, a forwarded request becomes a Get
 * Message response (ipmi_smi_msg_received) and an entry in the interface's
 * request tracker (track.c), keyed by session, handle, rqSeq, netfn and
 * cmd. The tracker decides: a retransmission while the request waits is
 * absorbed; a reply is matched to its entry, never to the handle alone; a
 * request with no reply in time is handed back here to be answered C3h and
 * stays a while as a tombstone. A handle that any entry names, waiting or
 * as a tombstone, is never given to a new session
 * (ipmi_lan_session_activate() refuses the login instead), so a late reply
 * is dropped rather than delivered to someone else.
 *
 * Who owns what: this file owns the tracker's storage (in struct
 * ipmi_lan_smi) and its clock: the sweep timer, armed for the tracker's
 * next deadline, and the flush at detach. It sends every answer and puts
 * the session reference that came with each request the tracker hands
 * back. The tracker owns its entries and the references they hold.
 *
 * Locking: smi_mutex serialises attach and detach; smi->lock (BH) guards
 * the queue and the dead flag; the tracker has its own lock (BH), never
 * nested with smi->lock. Lock order: sessions->lock, then the tracker's
 * lock (session activation asks whether a handle is busy). srv->smi is
 * RCU: the softirq path reaches the handler and the tracker only under
 * rcu_read_lock(), and detach waits a grace period before it unregisters
 * and flushes the tracker.
 */

#include "smi.h"
#include "bridge.h"
#include "cmd.h"
#include "compat.h"
#include "forward.h"
#include "messages.h"
#include "msg.h"
#include "ipmi.h"
#include "server.h"
#include "session.h"
#include "track.h"
#include "event.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/ipmi.h>
#include <linux/ipmi_smi.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/netlink.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/wait_bit.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>

enum {
	TIMEOUT_BATCH = 8,	/* requests answered C3h per tracker call */
	SMI_EVENTS = 16,	/* the event message buffer, in records */
	MSG_FLAG_EVENTS = 0x02,	/* Get Message Flags: event buffer not empty */
	CC_NO_DATA = 0x80,	/* Read Event Message Buffer: empty */
	LOCAL_MAX = 8,		/* requests from the board waiting at a target */
};

/* A request from the board waiting at a target: its header. */
struct local_req {
	struct ipmi_lan_msg hdr;	/* data is not kept */
	unsigned long due;
	bool used;
};

struct ipmi_lan_smi {
	struct ipmi_lan_server *srv;
	struct ipmi_lan_target *target;	/* NULL: the BMC itself */
	atomic64_t *stats;		/* enum ipmi_lan_fwd_stat */
	struct platform_device *pdev;
	struct ipmi_smi *intf;
	int if_num;
	struct ipmi_lan_tracker track;	/* forwarded requests */
	struct timer_list sweep;	/* at the tracker's next deadline */

	atomic_t inline_senders;	/* in lan_reply() from sender() */

	spinlock_t lock;		/* everything below */
	bool dead;			/* shutting down: nothing new */
	struct list_head queue;		/* from sender() */
	struct work_struct work;
	/* the event message buffer: oldest first, the oldest dropped */
	u8 events[SMI_EVENTS][IPMI_LAN_EVENT_RECORD_LEN];
	unsigned int ev_head, ev_len;
	u16 ev_next_id;
	struct work_struct ev_work;	/* hands events to the handler */
	struct local_req local[LOCAL_MAX];	/* a target's, from the board */
};

static bool attach_smi = true;
module_param(attach_smi, bool, 0444);
MODULE_PARM_DESC(attach_smi,
		 "register the initial namespace's server as an IPMI system interface at load (default: yes)");

static DEFINE_MUTEX(smi_mutex);
static struct ipmi_lan_smi *the_smi;	/* under smi_mutex */

static void count(struct ipmi_lan_smi *smi, enum ipmi_lan_fwd_stat stat)
{
	atomic64_inc(&smi->stats[stat]);
}

/* Answers a message from the handler; the handler frees it. */
static void smi_complete(struct ipmi_lan_smi *smi, struct ipmi_smi_msg *msg,
			 const u8 *rsp, unsigned int len)
{
	msg->rsp[0] = msg->data[0] | 0x04;	/* netfn + 1 */
	msg->rsp[1] = msg->data[1];
	len = min_t(unsigned int, len, IPMI_MAX_MSG_LENGTH - 2);
	memcpy(msg->rsp + 2, rsp, len);
	msg->rsp_size = 2 + len;
	ipmi_smi_msg_received(smi->intf, msg);
}

static void complete_cc(struct ipmi_lan_smi *smi, struct ipmi_smi_msg *msg,
			u8 cc)
{
	smi_complete(smi, msg, &cc, 1);
}

/* Sends the answer to a forwarded request, if its session still lives. */
static bool reply(struct ipmi_lan_server *srv,
		  const struct ipmi_lan_track_req *r, const u8 *rsp,
		  unsigned int len)
{
	struct ipmi_lan_route direct = { .mode = ROUTE_DIRECT };
	const struct ipmi_lan_route *route = &r->route;

	if (READ_ONCE(r->s->state) != SESSION_ACTIVE)
		return false;
	if (route->mode == ROUTE_DIRECT) {
		direct.outer = r->req;
		route = &direct;
	}
	return ipmi_lan_ipmi_answer(srv, r->s, route, r->req_hash, rsp, len);
}

/* A request out of the tracker is done with: puts r's session. */
static void done(struct ipmi_lan_track_req *r)
{
	if (r->route.mode != ROUTE_DIRECT)
		atomic_dec(&r->s->bridged);
	ipmi_lan_session_put(r->s);
}

/* Nobody answered in time: the console hears C3h. Puts r's session. */
static void time_out(struct ipmi_lan_smi *smi, struct ipmi_lan_track_req *r)
{
	u8 cc = IPMI_CC_TIMEOUT;

	reply(smi->srv, r, &cc, 1);
	count(smi, IPMI_LAN_FWD_TIMEOUTS);
	done(r);
}

/*
 * Requests whose consumer did not answer in time get C3h and become
 * tombstones, which keep only the key (and their handle reserved);
 * expired tombstones go. Adders only ever bring the timer forward
 * (timer_reduce), so it never fires later than any entry's deadline.
 */
static void local_expire(struct ipmi_lan_smi *smi, bool all,
			 unsigned long now);

static void sweep(struct timer_list *timer)
{
	struct ipmi_lan_smi *smi = from_timer(smi, timer, sweep);
	struct ipmi_lan_track_req r[TIMEOUT_BATCH];
	unsigned long now = jiffies, next;
	unsigned int n, i;

	do {
		n = ipmi_lan_track_expire(&smi->track, now, r, ARRAY_SIZE(r));
		for (i = 0; i < n; i++)
			time_out(smi, &r[i]);
	} while (n == ARRAY_SIZE(r));
	if (ipmi_lan_track_next(&smi->track, &next))
		timer_reduce(&smi->sweep, next);
	if (smi->target)
		local_expire(smi, false, now);
}

u8 ipmi_lan_smi_forward_to(struct ipmi_lan_smi *smi,
			   struct ipmi_lan_request *c,
			   const struct ipmi_lan_msg *req,
			   const struct ipmi_lan_route *route, u8 priv)
{
	bool bridged = route && route->mode != ROUTE_DIRECT;
	struct ipmi_lan_session *s = c->session;
	struct ipmi_lan_server *srv = c->srv;
	unsigned long now, timeout;
	struct ipmi_smi_msg *msg;
	int cc;

	/* Bridged: a bound per session over all targets, besides each's. */
	if (bridged && atomic_inc_return(&s->bridged) > SESSION_BRIDGED_MAX) {
		atomic_dec(&s->bridged);
		return IPMI_CC_NODE_BUSY;
	}
	msg = ipmi_alloc_smi_msg();
	if (!msg) {
		if (bridged)
			atomic_dec(&s->bridged);
		return IPMI_CC_NODE_BUSY;
	}
	msg->data[0] = IPMI_NETFN_APP << 2;
	msg->data[1] = IPMI_CMD_GET_MESSAGE;
	msg->data_size = 2;
	msg->rsp_size = ipmi_lan_forward_format(msg->rsp, IPMI_MAX_MSG_LENGTH,
						req, priv, c->session->handle);
	cc = IPMI_CC_REQ_DATA_LEN_INVALID;
	if (!msg->rsp_size)
		goto out;

	now = jiffies;
	timeout = msecs_to_jiffies(READ_ONCE(srv->forward_timeout_ms));
	cc = ipmi_lan_track_add(&smi->track, c->session, req, c->req_hash,
				route, now, timeout);
	if (cc == TRACK_ADDED) {
		timer_reduce(&smi->sweep, now + timeout);
		ipmi_smi_msg_received(smi->intf, msg);
		msg = NULL;
		count(smi, IPMI_LAN_FWD_REQUESTS);
	} else if (cc == TRACK_ABSORBED) {
		count(smi, IPMI_LAN_FWD_ABSORBED);
		cc = TRACK_ADDED;
	}
out:
	if (msg) {
		/* Not added: nothing in flight to count. */
		if (bridged)
			atomic_dec(&s->bridged);
		ipmi_free_smi_msg(msg);
	}
	return cc;	/* 0: forwarded, no answer now */
}

u8 ipmi_lan_smi_forward(struct ipmi_lan_request *c)
{
	const struct ipmi_lan_msg *req = c->req;
	struct ipmi_lan_server *srv = c->srv;
	struct ipmi_lan_smi *smi;
	u8 need, priv;
	int cc;

	need = ipmi_lan_forward_lookup(srv, req->netfn, req->cmd);
	if (!need)
		return IPMI_CC_INVALID_CMD;
	spin_lock_bh(&c->session->lock);
	priv = c->session->priv;
	spin_unlock_bh(&c->session->lock);
	if (priv < need)
		return IPMI_CC_INSUFFICIENT_PRIVILEGE;

	rcu_read_lock();
	smi = rcu_dereference(srv->smi);
	cc = IPMI_CC_INVALID_CMD;
	if (smi)
		cc = ipmi_lan_smi_forward_to(smi, c, req, NULL, priv);
	rcu_read_unlock();
	return cc;	/* 0: forwarded, no answer now */
}

/* A consumer's reply to a forwarded request (Send Message to the LAN). */
static u8 lan_reply(struct ipmi_lan_smi *smi, const u8 *data,
		    unsigned int len)
{
	struct ipmi_lan_server *srv = smi->srv;
	struct ipmi_lan_forward_reply r;
	struct ipmi_lan_track_key key;
	struct ipmi_lan_track_req req;
	struct ipmi_lan_session *s;
	bool sent = false;

	if (ipmi_lan_forward_parse_reply(&r, data, len))
		return IPMI_CC_INVALID_DATA_FIELD;
	key.handle = r.handle;
	key.rq_seq = r.rq_seq;
	key.netfn = r.netfn;
	key.cmd = r.cmd;
	if (ipmi_lan_track_match(&smi->track, &key, &req)) {
		sent = reply(srv, &req, r.rsp, r.rsp_len);
		done(&req);
	}
	if (sent) {
		count(smi, IPMI_LAN_FWD_REPLIES);
		return IPMI_CC_OK;
	}
	count(smi, IPMI_LAN_FWD_UNMATCHED);
	/* Late: the session may be there, but nothing waits for this. */
	s = ipmi_lan_session_by_handle(srv, r.handle);
	ipmi_lan_session_put(s);
	return s ? IPMI_CC_NOT_IN_STATE : IPMI_CC_INVALID_SESSION_HANDLE;
}

/* Takes the oldest event record into rec; false if there is none. */
static bool event_pop(struct ipmi_lan_smi *smi, u8 *rec)
{
	bool got;

	spin_lock_bh(&smi->lock);
	got = smi->ev_len;
	if (got) {
		memcpy(rec, smi->events[smi->ev_head], IPMI_LAN_EVENT_RECORD_LEN);
		memzero_explicit(smi->events[smi->ev_head],
				 IPMI_LAN_EVENT_RECORD_LEN);
		smi->ev_head = (smi->ev_head + 1) % SMI_EVENTS;
		smi->ev_len--;
	}
	spin_unlock_bh(&smi->lock);
	return got;
}

/*
 * Get Message Flags (App 31h) and Read Event Message Buffer (App 35h),
 * as a program on /dev/ipmiN may send them; true if req was one.
 */
static bool event_cmd(struct ipmi_lan_smi *smi, const struct ipmi_lan_msg *req,
		      u8 *rsp, unsigned int *len)
{
	if (req->netfn != IPMI_NETFN_APP ||
	    (req->cmd != IPMI_CMD_GET_MSG_FLAGS &&
	     req->cmd != IPMI_CMD_READ_EVENT_BUFFER))
		return false;
	*len = 1;
	rsp[0] = IPMI_CC_OK;
	if (req->data_len) {
		rsp[0] = IPMI_CC_REQ_DATA_LEN_INVALID;
	} else if (req->cmd == IPMI_CMD_GET_MSG_FLAGS) {
		spin_lock_bh(&smi->lock);
		rsp[1] = smi->ev_len ? MSG_FLAG_EVENTS : 0;
		spin_unlock_bh(&smi->lock);
		*len = 2;
	} else if (event_pop(smi, rsp + 1)) {
		*len = 1 + IPMI_LAN_EVENT_RECORD_LEN;
	} else {
		rsp[0] = CC_NO_DATA;
	}
	return true;
}

/*
 * The handler asks for events while a program waits for them (about once
 * a second): each is handed over as a Read Event Message Buffer response,
 * which the handler gives to every user that takes events.
 */
static void event_work(struct work_struct *work)
{
	struct ipmi_lan_smi *smi = container_of(work, struct ipmi_lan_smi,
						ev_work);
	u8 rec[IPMI_LAN_EVENT_RECORD_LEN];
	struct ipmi_smi_msg *msg;

	while (!READ_ONCE(smi->dead) && event_pop(smi, rec)) {
		msg = ipmi_alloc_smi_msg();
		if (!msg)
			break;
		msg->data[0] = IPMI_NETFN_APP << 2;
		msg->data[1] = IPMI_CMD_READ_EVENT_BUFFER;
		msg->data_size = 2;
		msg->rsp[0] = (IPMI_NETFN_APP | 1) << 2;
		msg->rsp[1] = IPMI_CMD_READ_EVENT_BUFFER;
		msg->rsp[2] = IPMI_CC_OK;
		memcpy(msg->rsp + 3, rec, sizeof(rec));
		msg->rsp_size = 3 + sizeof(rec);
		ipmi_smi_msg_received(smi->intf, msg);
	}
}

void ipmi_lan_smi_event(struct ipmi_lan_server *srv, const u8 *rec)
{
	struct ipmi_lan_smi *smi;
	unsigned int slot;

	rcu_read_lock();
	smi = rcu_dereference(srv->smi);
	if (smi) {
		spin_lock_bh(&smi->lock);
		if (smi->ev_len == SMI_EVENTS) {
			/* Full: the oldest goes, counted. */
			smi->ev_head = (smi->ev_head + 1) % SMI_EVENTS;
			smi->ev_len--;
			count(smi, IPMI_LAN_EVENTS_DROPPED);
		}
		slot = (smi->ev_head + smi->ev_len) % SMI_EVENTS;
		memcpy(smi->events[slot], rec, IPMI_LAN_EVENT_RECORD_LEN);
		put_unaligned_le16(++smi->ev_next_id, smi->events[slot]);
		smi->ev_len++;
		spin_unlock_bh(&smi->lock);
	}
	rcu_read_unlock();
}

/* A request from the handler: a /dev/ipmiN program, or the handler itself. */
/* Hands smi's handler the IPMB message ipmb (len bytes) from channel 0. */
static bool ipmb_deliver(struct ipmi_lan_smi *smi, const u8 *ipmb,
			 unsigned int len)
{
	struct ipmi_smi_msg *msg = ipmi_alloc_smi_msg();

	if (!msg)
		return false;
	msg->data[0] = IPMI_NETFN_APP << 2;
	msg->data[1] = IPMI_CMD_GET_MESSAGE;
	msg->data_size = 2;
	msg->rsp_size = ipmi_lan_forward_format_ipmb(msg->rsp,
						     IPMI_MAX_MSG_LENGTH,
						     ipmb, len);
	if (!msg->rsp_size) {
		ipmi_free_smi_msg(msg);
		return false;
	}
	ipmi_smi_msg_received(smi->intf, msg);
	return true;
}

/* The answer rsp (completion code and data) to the board's request hdr. */
static void local_answer(struct ipmi_lan_server *srv,
			 const struct ipmi_lan_msg *hdr, const u8 *rsp,
			 unsigned int len)
{
	u8 cc = IPMI_CC_UNSPECIFIED, out[IPMI_MSG_MAX_LEN];
	struct ipmi_lan_smi *bmc;
	unsigned int n;

	if (!len) {		/* a response must have a completion code */
		rsp = &cc;
		len = 1;
	}
	n = ipmi_msg_build_response(out, sizeof(out), hdr, rsp, len);
	rcu_read_lock();
	bmc = rcu_dereference(srv->smi);
	if (bmc && n)
		ipmb_deliver(bmc, out, n);
	rcu_read_unlock();
}

static bool local_same(const struct ipmi_lan_msg *a,
		       const struct ipmi_lan_msg *b)
{
	return a->rs_sa == b->rs_sa && a->rq_sa == b->rq_sa &&
	       a->netfn == b->netfn && a->rq_seq == b->rq_seq &&
	       a->cmd == b->cmd;
}

/*
 * Answers C3h, and forgets, the requests from the board that waited at
 * target smi past their time (all: every one, at deletion), and brings
 * the sweep forward to the next one's.
 */
static void local_expire(struct ipmi_lan_smi *smi, bool all,
			 unsigned long now)
{
	struct ipmi_lan_msg gone[LOCAL_MAX];
	unsigned long next = 0;
	unsigned int i, n = 0;
	bool more = false;
	u8 cc = IPMI_CC_TIMEOUT;

	spin_lock_bh(&smi->lock);
	for (i = 0; i < LOCAL_MAX; i++) {
		struct local_req *e = &smi->local[i];

		if (!e->used)
			continue;
		if (all || time_after_eq(now, e->due)) {
			gone[n++] = e->hdr;
			e->used = false;
		} else if (!more || time_before(e->due, next)) {
			next = e->due;
			more = true;
		}
	}
	spin_unlock_bh(&smi->lock);
	for (i = 0; i < n; i++) {
		local_answer(smi->srv, &gone[i], &cc, 1);
		count(smi, IPMI_LAN_FWD_TIMEOUTS);
	}
	if (more)
		timer_reduce(&smi->sweep, next);
}

/*
 * The board's request hdr (the IPMB message ipmb, len bytes) to target
 * smi: 00h once its Get Message is handed over or it is a retry of one
 * that waits, C0h when LOCAL_MAX wait. Under rcu_read_lock().
 */
static u8 local_to_target(struct ipmi_lan_smi *smi,
			  const struct ipmi_lan_msg *hdr, const u8 *ipmb,
			  unsigned int len)
{
	unsigned long due = jiffies +
		msecs_to_jiffies(READ_ONCE(smi->srv->forward_timeout_ms));
	struct local_req *e = NULL;
	unsigned int i;
	u8 cc = IPMI_CC_OK;

	spin_lock_bh(&smi->lock);
	for (i = 0; i < LOCAL_MAX; i++) {
		if (!smi->local[i].used) {
			e = e ?: &smi->local[i];
		} else if (local_same(&smi->local[i].hdr, hdr)) {
			/* The handler's retry: the first one still waits. */
			spin_unlock_bh(&smi->lock);
			count(smi, IPMI_LAN_FWD_ABSORBED);
			return IPMI_CC_OK;
		}
	}
	if (smi->dead || !e) {
		cc = IPMI_CC_NODE_BUSY;
	} else {
		e->used = true;
		e->hdr = *hdr;
		e->hdr.data = NULL;
		e->hdr.data_len = 0;
		e->due = due;
	}
	spin_unlock_bh(&smi->lock);
	if (cc)
		return cc;
	/* Listed first: the answer may come before this returns. */
	if (!ipmb_deliver(smi, ipmb, len)) {
		spin_lock_bh(&smi->lock);
		e->used = false;
		spin_unlock_bh(&smi->lock);
		return IPMI_CC_NODE_BUSY;
	}
	count(smi, IPMI_LAN_FWD_REQUESTS);
	timer_reduce(&smi->sweep, due);
	return IPMI_CC_OK;
}

/*
 * At the BMC's interface, a program's Send Message to channel 0 (data,
 * len bytes: the channel, then the IPMB request): 83h if no target is
 * there; else handed to the target, or answered from its identity into
 * ans (*ans_len bytes, an IPMB response to deliver after the 00h).
 */
static u8 local_bridge(struct ipmi_lan_smi *smi, const u8 *data,
		       unsigned int len, u8 *ans, unsigned int *ans_len)
{
	struct ipmi_lan_send_msg sm;
	struct ipmi_lan_target *t;
	u8 rsp[CMD_RSP_MAX];
	unsigned int n;
	u8 cc;

	*ans_len = 0;
	cc = ipmi_msg_parse_send_message(&sm, data, len);
	if (cc)
		return cc;
	rcu_read_lock();
	t = ipmi_lan_bridge_local(smi->srv, &sm.inner, rsp, &n);
	if (t)
		cc = local_to_target(t->smi, &sm.inner, data + 1, len - 1);
	else if (!n)
		cc = IPMI_CC_NAK_ON_WRITE;
	rcu_read_unlock();
	if (!t && n) {
		*ans_len = ipmi_msg_build_response(ans, IPMI_MSG_MAX_LEN,
						   &sm.inner, rsp, n);
		if (!*ans_len)
			cc = IPMI_CC_UNSPECIFIED;
	}
	memzero_explicit(rsp, sizeof(rsp));
	return cc;
}

/*
 * At a target's interface, its consumer's response to a request from the
 * board (or the handler's C1h when it has none): passed to the BMC's
 * interface if that request waits, D5h if not.
 */
static u8 local_reply(struct ipmi_lan_smi *smi, const u8 *data,
		      unsigned int len)
{
	struct ipmi_lan_send_msg sm;
	struct ipmi_lan_msg hdr, key;
	bool found = false;
	unsigned int i;
	u8 cc;

	cc = ipmi_msg_parse_send_response(&sm, data, len);
	if (cc)
		return cc;
	/* The request's header, as the response names it. */
	key = (struct ipmi_lan_msg){
		.rs_sa = sm.inner.rq_sa,
		.rq_sa = sm.inner.rs_sa,
		.netfn = sm.inner.netfn & ~1,
		.rq_seq = sm.inner.rq_seq,
		.cmd = sm.inner.cmd,
	};
	spin_lock_bh(&smi->lock);
	for (i = 0; i < LOCAL_MAX && !found; i++) {
		struct local_req *e = &smi->local[i];

		if (e->used && local_same(&e->hdr, &key)) {
			hdr = e->hdr;
			e->used = false;
			found = true;
		}
	}
	spin_unlock_bh(&smi->lock);
	if (!found) {
		count(smi, IPMI_LAN_FWD_UNMATCHED);
		return IPMI_CC_NOT_IN_STATE;
	}
	local_answer(smi->srv, &hdr, sm.inner.data, sm.inner.data_len);
	count(smi, IPMI_LAN_FWD_REPLIES);
	return IPMI_CC_OK;
}

static void handle_one(struct ipmi_lan_smi *smi, struct ipmi_smi_msg *msg)
{
	u8 rsp[CMD_RSP_MAX];
	struct ipmi_lan_msg req = {
		.rs_sa = IPMI_BMC_SA,
		.netfn = msg->data[0] >> 2,
		.rs_lun = msg->data[0] & 3,
		.rq_sa = IPMI_BMC_SA,
		.cmd = msg->data[1],
		.data = msg->data + 2,
		.data_len = msg->data_size - 2,
	};
	struct ipmi_lan_request c = {
		.srv = smi->srv,
		.local = true,
		.req = &req,
		.rsp = rsp,
		.cap = sizeof(rsp),
	};
	unsigned int len;

	if (msg->data_size < 2 || (req.netfn & 1)) {
		complete_cc(smi, msg, IPMI_CC_INVALID_CMD);
		return;
	}
	if (req.netfn == IPMI_NETFN_APP && req.cmd == IPMI_CMD_SEND_MESSAGE &&
	    req.data_len && (req.data[0] & 0x0f) == IPMI_LAN_CHANNEL) {
		complete_cc(smi, msg, lan_reply(smi, msg->data,
						msg->data_size));
		return;
	}
	if (req.netfn == IPMI_NETFN_APP && req.cmd == IPMI_CMD_SEND_MESSAGE &&
	    req.data_len && (req.data[0] & 0x0f) == IPMI_IPMB_CHANNEL) {
		u8 ans[IPMI_MSG_MAX_LEN];
		unsigned int ans_len = 0;
		u8 cc;

		if (smi->target)
			cc = local_reply(smi, req.data, req.data_len);
		else
			cc = local_bridge(smi, req.data, req.data_len, ans,
					  &ans_len);
		complete_cc(smi, msg, cc);
		if (ans_len)
			ipmb_deliver(smi, ans, ans_len);
		return;
	}
	count(smi, IPMI_LAN_LOCAL_REQUESTS);
	if (smi->target) {
		/*
		 * A target answers the handler's probes: its identity, and
		 * the channels (the LAN channel's medium is what makes the
		 * handler deliver LAN commands to its users).
		 */
		struct ipmi_lan_identity id;

		ipmi_lan_target_get_identity(smi->target, &id);
		len = ipmi_lan_cmd_identity(&c, &id);
		if (!len && req.netfn == IPMI_NETFN_APP &&
		    req.cmd == IPMI_CMD_GET_CHANNEL_INFO)
			len = ipmi_lan_cmd_local(&c);
		if (!len)
			len = cmd_cc(&c, IPMI_CC_INVALID_CMD);
	} else if (!event_cmd(smi, &req, rsp, &len)) {
		len = ipmi_lan_cmd_local(&c);
	}
	/* Set User Password carries a password; only netfn and cmd stay. */
	memzero_explicit(msg->data + 2, msg->data_size - 2);
	smi_complete(smi, msg, rsp, len);
	memzero_explicit(rsp, sizeof(rsp));
}

static void smi_work(struct work_struct *work)
{
	struct ipmi_lan_smi *smi = container_of(work, struct ipmi_lan_smi,
						work);
	struct ipmi_smi_msg *msg;

	for (;;) {
		spin_lock_bh(&smi->lock);
		msg = list_first_entry_or_null(&smi->queue,
					       struct ipmi_smi_msg, link);
		if (msg)
			list_del(&msg->link);
		spin_unlock_bh(&smi->lock);
		if (!msg)
			break;
		handle_one(smi, msg);
	}
}

/* A consumer's answer to a forwarded request: Send Message to the LAN. */
static bool is_lan_reply(const struct ipmi_smi_msg *msg)
{
	return msg->data_size >= 3 &&
	       msg->data[0] >> 2 == IPMI_NETFN_APP &&
	       msg->data[1] == IPMI_CMD_SEND_MESSAGE &&
	       (msg->data[2] & 0x0f) == IPMI_LAN_CHANNEL;
}

/*
 * The hot path, answered in the sender's own context: the consumer's
 * ioctl, or the handler's receive tasklet when it sends the next queued
 * message. lan_reply() runs in both already (the work item's process
 * context, the sweep timer's softirq), and the handler calls no sender
 * with its locks held. False if it must go to the work item.
 */
static bool sender_inline(struct ipmi_lan_smi *smi, struct ipmi_smi_msg *msg)
{
	unsigned long flags;
	bool dead;

	if (!is_lan_reply(msg) || irqs_disabled())
		return false;
	spin_lock_irqsave(&smi->lock, flags);
	dead = smi->dead;
	if (!dead)
		atomic_inc(&smi->inline_senders);
	spin_unlock_irqrestore(&smi->lock, flags);
	if (dead)
		return false;
	complete_cc(smi, msg, lan_reply(smi, msg->data, msg->data_size));
	/* smi_shutdown() waits for this before the interface goes. */
	if (atomic_dec_and_test(&smi->inline_senders))
		wake_up_var(&smi->inline_senders);
	return true;
}

/*
 * May be called in atomic context. A consumer's reply is answered at
 * once (sender_inline()); anything else goes to the work item.
 */
static IPMI_LAN_SENDER_TYPE smi_sender(void *send_info,
				       struct ipmi_smi_msg *msg)
{
	struct ipmi_lan_smi *smi = send_info;
	unsigned long flags;
	bool dead;

	if (!sender_inline(smi, msg)) {
		/* Queued under the lock: smi_shutdown() cancels or waits. */
		spin_lock_irqsave(&smi->lock, flags);
		dead = smi->dead;
		if (!dead) {
			list_add_tail(&msg->link, &smi->queue);
			queue_work(ipmi_lan_wq, &smi->work);
		}
		spin_unlock_irqrestore(&smi->lock, flags);
		if (dead)
			complete_cc(smi, msg, IPMI_CC_UNSPECIFIED);
	}
#ifdef IPMI_LAN_SMI_SENDER_INT
	return IPMI_LAN_SENDER_DONE;
#endif
}

static int smi_start_processing(void *send_info, struct ipmi_smi *intf)
{
	struct ipmi_lan_smi *smi = send_info;

	smi->intf = intf;
	return 0;
}

static int smi_get_smi_info(void *send_info, struct ipmi_smi_info *data)
{
	struct ipmi_lan_smi *smi = send_info;

	data->addr_src = SI_PLATFORM;
	data->dev = &smi->pdev->dev;
	get_device(data->dev);
	return 0;
}

/* The handler is going: answer whatever is queued, take nothing new. */
static void smi_shutdown(void *send_info)
{
	struct ipmi_lan_smi *smi = send_info;
	struct ipmi_smi_msg *msg, *tmp;
	LIST_HEAD(queue);

	spin_lock_bh(&smi->lock);
	smi->dead = true;
	spin_unlock_bh(&smi->lock);
	wait_var_event(&smi->inline_senders,
		       !atomic_read(&smi->inline_senders));
	cancel_work_sync(&smi->work);
	cancel_work_sync(&smi->ev_work);
	spin_lock_bh(&smi->lock);
	list_splice_init(&smi->queue, &queue);
	spin_unlock_bh(&smi->lock);
	list_for_each_entry_safe(msg, tmp, &queue, link) {
		list_del(&msg->link);
		complete_cc(smi, msg, IPMI_CC_UNSPECIFIED);
	}
}

/* From the handler's timer, while a program waits for events. */
static void smi_request_events(void *send_info)
{
	struct ipmi_lan_smi *smi = send_info;

	if (!READ_ONCE(smi->dead))
		queue_work(ipmi_lan_wq, &smi->ev_work);
}

/*
 * No poll, set_run_to_completion or flush_messages: at a panic the message
 * handler skips every interface without a poll handler (panic_event() in
 * ipmi_msghandler.c, 6.1 and 6.12 alike), so no panic event is ever sent
 * here and nothing spins waiting for a work item that cannot run.
 */
static const struct ipmi_smi_handlers smi_handlers = {
	.owner = THIS_MODULE,
	.start_processing = smi_start_processing,
	.shutdown = smi_shutdown,
	.get_smi_info = smi_get_smi_info,
	.sender = smi_sender,
	.request_events = smi_request_events,
};

/*
 * The handler numbers interfaces itself and tells its watchers, from
 * within ipmi_register_smi(): the number whose device is the one being
 * registered (under smi_mutex, held by the registering thread) is ours.
 */
static struct device *registering;
static int registered_if_num = -1;

static void watch_new_smi(int if_num, struct device *dev)
{
	if (dev && dev == READ_ONCE(registering))
		WRITE_ONCE(registered_if_num, if_num);
}

static void watch_smi_gone(int if_num)
{
}

static struct ipmi_smi_watcher smi_watcher = {
	.owner = THIS_MODULE,
	.new_smi = watch_new_smi,
	.smi_gone = watch_smi_gone,
};

static bool watching;		/* smi_watcher is registered */

/* Registers an interface for srv's BMC (t NULL) or its target t. */
static void smi_destroy(struct ipmi_lan_smi *smi);

static struct ipmi_lan_smi *smi_create(struct ipmi_lan_server *srv,
				       struct ipmi_lan_target *t,
				       struct netlink_ext_ack *extack)
{
	struct ipmi_lan_smi *smi;
	int ret;

	lockdep_assert_held(&smi_mutex);
	smi = kzalloc(sizeof(*smi), GFP_KERNEL);
	if (!smi)
		return ERR_PTR(-ENOMEM);
	smi->srv = srv;
	smi->target = t;
	smi->stats = t ? t->fwd_stats : srv->fwd_stats;
	atomic_set(&smi->inline_senders, 0);
	spin_lock_init(&smi->lock);
	INIT_LIST_HEAD(&smi->queue);
	ipmi_lan_track_init(&smi->track);
	INIT_WORK(&smi->work, smi_work);
	INIT_WORK(&smi->ev_work, event_work);
	timer_setup(&smi->sweep, sweep, 0);
	smi->pdev = platform_device_register_simple("ipmi_lan",
						    PLATFORM_DEVID_AUTO,
						    NULL, 0);
	if (IS_ERR(smi->pdev)) {
		ret = PTR_ERR(smi->pdev);
		kfree(smi);
		return ERR_PTR(ret);
	}
	WRITE_ONCE(registered_if_num, -1);
	WRITE_ONCE(registering, &smi->pdev->dev);
	/* Sends Get Device ID, GUID and Channel Info, answered by smi_work. */
	ret = ipmi_register_smi(&smi_handlers, smi, &smi->pdev->dev,
				t ? t->addr : IPMI_BMC_SA);
	WRITE_ONCE(registering, NULL);
	if (ret) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the IPMI message handler refused the interface");
		platform_device_unregister(smi->pdev);
		kfree(smi);
		return ERR_PTR(ret);
	}
	smi->if_num = READ_ONCE(registered_if_num);
	/*
	 * The handler numbers interfaces system-wide without a bound, but
	 * ipmi_devintf has 256 minors: beyond them no /dev/ipmiN can exist.
	 */
	if (smi->if_num >= IPMI_LAN_DEVINTF_MINORS) {
		NL_SET_ERR_MSG_MOD(extack,
				   "no /dev/ipmiN left: the system has 256 IPMI interface numbers");
		smi_destroy(smi);
		return ERR_PTR(-ENOSPC);
	}
	if (t)
		pr_debug("target %02x attached as /dev/ipmi%d\n", t->addr,
			 smi->if_num);
	else
		pr_info("system interface attached as /dev/ipmi%d\n",
			smi->if_num);
	return smi;
}

/*
 * Unregisters an interface that nothing can reach any more (a grace
 * period after it was unpublished) and answers what it had in flight.
 */
static void smi_destroy(struct ipmi_lan_smi *smi)
{
	struct ipmi_lan_track_req r[TIMEOUT_BATCH];
	unsigned int n, i;

	/* Destroys every /dev/ipmiN user, then calls smi_shutdown(). */
	ipmi_unregister_smi(smi->intf);
	timer_shutdown_sync(&smi->sweep);
	/* Nobody will answer these any more; the console hears C3h now. */
	do {
		n = ipmi_lan_track_flush(&smi->track, r, ARRAY_SIZE(r));
		for (i = 0; i < n; i++)
			time_out(smi, &r[i]);
	} while (n == ARRAY_SIZE(r));
	if (smi->target)
		local_expire(smi, true, jiffies);
	platform_device_unregister(smi->pdev);
	if (smi->target)
		pr_debug("target %02x: /dev/ipmi%d detached\n",
			 smi->target->addr, smi->if_num);
	else
		pr_info("system interface /dev/ipmi%d detached\n",
			smi->if_num);
	kfree(smi);
}

int ipmi_lan_smi_attach(struct ipmi_lan_server *srv,
			struct netlink_ext_ack *extack)
{
	struct ipmi_lan_smi *smi;
	int ret = 0;

	mutex_lock(&smi_mutex);
	if (the_smi) {
		if (the_smi->srv != srv) {
			NL_SET_ERR_MSG_MOD(extack,
					   "another namespace's server holds the system interface");
			ret = -EBUSY;
		}
		goto out;
	}
	smi = smi_create(srv, NULL, extack);
	if (IS_ERR(smi)) {
		ret = PTR_ERR(smi);
		goto out;
	}
	the_smi = smi;
	rcu_assign_pointer(srv->smi, smi);
out:
	mutex_unlock(&smi_mutex);
	return ret;
}

static void detach_locked(struct ipmi_lan_smi *smi)
{
	lockdep_assert_held(&smi_mutex);
	/* No new forwarded request reaches the handler after this. */
	rcu_assign_pointer(smi->srv->smi, NULL);
	synchronize_rcu();
	smi_destroy(smi);
	the_smi = NULL;
}

int ipmi_lan_smi_detach(struct ipmi_lan_server *srv)
{
	int ret = -ENOENT;

	mutex_lock(&smi_mutex);
	if (the_smi && the_smi->srv == srv) {
		detach_locked(the_smi);
		ret = 0;
	}
	mutex_unlock(&smi_mutex);
	return ret;
}

struct ipmi_lan_smi *ipmi_lan_smi_create_target(struct ipmi_lan_server *srv,
						struct ipmi_lan_target *t,
						struct netlink_ext_ack *extack)
{
	struct ipmi_lan_smi *smi;

	mutex_lock(&smi_mutex);
	smi = smi_create(srv, t, extack);
	mutex_unlock(&smi_mutex);
	return smi;
}

void ipmi_lan_smi_destroy_target(struct ipmi_lan_smi *smi)
{
	mutex_lock(&smi_mutex);
	smi_destroy(smi);
	mutex_unlock(&smi_mutex);
}

int ipmi_lan_smi_target_if_num(struct ipmi_lan_smi *smi)
{
	return smi->if_num;
}

bool ipmi_lan_smi_track_busy(struct ipmi_lan_smi *smi, u8 handle)
{
	return ipmi_lan_track_handle_busy(&smi->track, handle);
}

int ipmi_lan_smi_if_num(struct ipmi_lan_server *srv)
{
	int n = -1;

	mutex_lock(&smi_mutex);
	if (the_smi && the_smi->srv == srv)
		n = the_smi->if_num;
	mutex_unlock(&smi_mutex);
	return n;
}

bool ipmi_lan_smi_handle_busy(struct ipmi_lan_server *srv, u8 handle)
{
	struct ipmi_lan_smi *smi;
	bool busy = false;

	rcu_read_lock();
	smi = rcu_dereference(srv->smi);
	if (smi)
		busy = ipmi_lan_track_handle_busy(&smi->track, handle);
	rcu_read_unlock();
	return busy || ipmi_lan_targets_handle_busy(srv, handle);
}

/* A failure is not fatal: the LAN server works without the interface. */
void __init ipmi_lan_smi_init(void)
{
	int ret;

	ret = ipmi_smi_watcher_register(&smi_watcher);
	if (ret)
		pr_warn("cannot watch the IPMI message handler: %d\n", ret);
	watching = !ret;
	if (!attach_smi)
		return;
	ret = ipmi_lan_smi_attach(ipmi_lan_server_get(&init_net), NULL);
	if (ret)
		pr_warn("cannot register the system interface: %d\n", ret);
}

void ipmi_lan_smi_uninit(void)
{
	mutex_lock(&smi_mutex);
	if (the_smi)
		detach_locked(the_smi);
	mutex_unlock(&smi_mutex);
	if (watching)
		ipmi_smi_watcher_unregister(&smi_watcher);
	watching = false;
}
