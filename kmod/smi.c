// SPDX-License-Identifier: GPL-2.0
/*
 * The system interface. One server instance at a time registers with the
 * message handler (ipmi_register_smi) on a platform device of its own.
 *
 * From the handler to us, sender() hands over one message at a time, in
 * any context: it is queued and answered from a work item, either by the
 * module's own commands (a /dev/ipmiN request, with the system interface's
 * authority) or, for a Send Message to the LAN channel, as a consumer's
 * reply to a forwarded LAN request.
 *
 * From a LAN session to the handler, a forwarded request becomes a Get
 * Message response (ipmi_smi_msg_received) and an in-flight entry, keyed
 * by session, rqSeq, netfn and cmd. A retransmission while it is in flight
 * is absorbed; a reply is matched to its entry, never to the handle alone;
 * a request with no reply in time is answered C3h. The entry then stays a
 * while as a tombstone. A handle that any entry names, in flight or as a
 * tombstone, is never given to a new session (ipmi_lan_session_activate()
 * refuses the login instead), so a late reply is dropped rather than
 * delivered to someone else.
 *
 * Locking: smi_mutex serialises attach and detach; smi->lock (BH) guards
 * the queue and the in-flight list. Lock order: sessions->lock, then
 * smi->lock. srv->smi is RCU: the softirq path reaches the handler only
 * under rcu_read_lock(), and detach waits a grace period before it
 * unregisters.
 */

#include "smi.h"
#include "cmd.h"
#include "compat.h"
#include "forward.h"
#include "messages.h"
#include "msg.h"
#include "rmcpp.h"
#include "server.h"
#include "session.h"

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
#include <linux/workqueue.h>
#include <net/net_namespace.h>

enum {
	INFLIGHT_MAX = 64,		/* per system interface, tombstones too */
	INFLIGHT_PER_SESSION = 8,
	TOMBSTONE_MS = 10000,
	IF_NUM_SCAN = 256,
};

struct ipmi_lan_inflight {
	struct list_head node;
	struct ipmi_lan_session *s;	/* a reference */
	struct ipmi_lan_msg req;		/* header only; data is not kept */
	u32 req_hash;
	u8 handle;
	bool tombstone;			/* answered C3h already */
	unsigned long expires;		/* jiffies */
};

struct ipmi_lan_smi {
	struct ipmi_lan_server *srv;
	struct platform_device *pdev;
	struct ipmi_smi *intf;
	int if_num;

	spinlock_t lock;		/* everything below */
	bool dead;			/* shutting down: nothing new */
	struct list_head queue;		/* from sender() */
	struct work_struct work;
	struct list_head inflight;
	unsigned int n_inflight;
	u8 per_handle[SESSION_MAX_HANDLE + 1];
	struct timer_list sweep;
};

static bool attach_smi = true;
module_param(attach_smi, bool, 0444);
MODULE_PARM_DESC(attach_smi,
		 "register the initial namespace's server as an IPMI system interface at load (default: yes)");

static DEFINE_MUTEX(smi_mutex);
static struct ipmi_lan_smi *the_smi;	/* under smi_mutex */

static void count(struct ipmi_lan_server *srv, enum ipmi_lan_fwd_stat stat)
{
	atomic64_inc(&srv->fwd_stats[stat]);
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

/* Removes e from the list; under smi->lock. The caller frees it. */
static void unlink_inflight(struct ipmi_lan_smi *smi,
			    struct ipmi_lan_inflight *e)
{
	list_del(&e->node);
	smi->n_inflight--;
	smi->per_handle[e->handle]--;
}

static void free_inflight(struct ipmi_lan_inflight *e)
{
	ipmi_lan_session_put(e->s);
	kfree(e);
}

/* Sends a response to a forwarded request, if its session still lives. */
static bool reply(struct ipmi_lan_server *srv, struct ipmi_lan_inflight *e,
		  const u8 *rsp, unsigned int len)
{
	if (READ_ONCE(e->s->state) != SESSION_ACTIVE)
		return false;
	return ipmi_lan_rmcpp_reply(srv, e->s, &e->req, e->req_hash, rsp, len);
}

static void rearm(struct ipmi_lan_smi *smi)
{
	struct ipmi_lan_inflight *e;
	unsigned long next = 0;

	list_for_each_entry(e, &smi->inflight, node)
		if (!next || time_before(e->expires, next))
			next = e->expires;
	if (next && !smi->dead)
		mod_timer(&smi->sweep, next);
}

/*
 * Requests whose consumer did not answer in time get C3h and become
 * tombstones, which keep only the key (and their handle reserved);
 * expired tombstones go.
 */
static void sweep(struct timer_list *t)
{
	struct ipmi_lan_smi *smi = from_timer(smi, t, sweep);
	struct ipmi_lan_inflight *e, *tmp;
	unsigned long now = jiffies;
	LIST_HEAD(timed_out);
	LIST_HEAD(gone);
	u8 cc = IPMI_CC_TIMEOUT;

	spin_lock_bh(&smi->lock);
	list_for_each_entry_safe(e, tmp, &smi->inflight, node) {
		if (time_before(now, e->expires))
			continue;
		if (e->tombstone) {
			unlink_inflight(smi, e);
			list_add(&e->node, &gone);
		} else {
			/* Still counted; back in the list as a tombstone. */
			list_move(&e->node, &timed_out);
		}
	}
	spin_unlock_bh(&smi->lock);

	list_for_each_entry(e, &timed_out, node) {
		reply(smi->srv, e, &cc, 1);
		count(smi->srv, IPMI_LAN_FWD_TIMEOUTS);
		ipmi_lan_session_put(e->s);
		e->s = NULL;
	}

	spin_lock_bh(&smi->lock);
	list_for_each_entry_safe(e, tmp, &timed_out, node) {
		e->tombstone = true;
		e->expires = now + msecs_to_jiffies(TOMBSTONE_MS);
		if (smi->dead) {
			unlink_inflight(smi, e);
			list_add(&e->node, &gone);
		} else {
			list_move_tail(&e->node, &smi->inflight);
		}
	}
	rearm(smi);
	spin_unlock_bh(&smi->lock);
	list_for_each_entry_safe(e, tmp, &gone, node)
		free_inflight(e);
}

static struct ipmi_lan_inflight *find_inflight(struct ipmi_lan_smi *smi,
					       u8 handle, u8 rq_seq, u8 netfn,
					       u8 cmd)
{
	struct ipmi_lan_inflight *e;

	list_for_each_entry(e, &smi->inflight, node)
		if (e->handle == handle && e->req.rq_seq == rq_seq &&
		    e->req.netfn == netfn && e->req.cmd == cmd)
			return e;
	return NULL;
}

/* Makes room for one more entry by dropping the oldest tombstone. */
static bool make_room(struct ipmi_lan_smi *smi, struct list_head *gone)
{
	struct ipmi_lan_inflight *e;

	if (smi->n_inflight < INFLIGHT_MAX)
		return true;
	list_for_each_entry(e, &smi->inflight, node) {
		if (e->tombstone) {
			unlink_inflight(smi, e);
			list_add(&e->node, gone);
			return true;
		}
	}
	return false;
}

enum { TRACKED = 0, ABSORBED = 1 };

/*
 * Puts a new in-flight entry in place; under smi->lock. Returns TRACKED,
 * ABSORBED (a retransmission of a request in flight) or a cc.
 */
static int track(struct ipmi_lan_smi *smi, struct ipmi_lan_request *c,
		 struct ipmi_lan_inflight *new, struct list_head *gone)
{
	const struct ipmi_lan_msg *req = c->req;
	struct ipmi_lan_session *s = c->session;
	struct ipmi_lan_inflight *e;
	unsigned int mine = 0;

	if (smi->dead)
		return IPMI_CC_INVALID_CMD;
	/*
	 * A closed session adds nothing: its handle may already belong to
	 * a new session, which activation gave it only because no entry
	 * named it (checked under this lock, after the close).
	 */
	if (READ_ONCE(s->state) != SESSION_ACTIVE)
		return IPMI_CC_NOT_IN_STATE;
	e = find_inflight(smi, s->handle, req->rq_seq, req->netfn, req->cmd);
	if (e && e->s == s)
		return ABSORBED;
	if (e) {
		/*
		 * This session's own tombstone (every entry naming our
		 * handle is ours): the new request takes its place.
		 */
		unlink_inflight(smi, e);
		list_add(&e->node, gone);
	}
	list_for_each_entry(e, &smi->inflight, node)
		mine += e->s == s;
	if (mine >= INFLIGHT_PER_SESSION || !make_room(smi, gone))
		return IPMI_CC_NODE_BUSY;
	kref_get(&s->ref);
	new->s = s;
	new->req = *req;
	new->req.data = NULL;
	new->req.data_len = 0;
	new->req_hash = c->req_hash;
	new->handle = s->handle;
	new->expires = jiffies +
		msecs_to_jiffies(READ_ONCE(smi->srv->forward_timeout_ms));
	list_add_tail(&new->node, &smi->inflight);
	smi->n_inflight++;
	smi->per_handle[new->handle]++;
	if (!timer_pending(&smi->sweep) ||
	    time_before(new->expires, smi->sweep.expires))
		mod_timer(&smi->sweep, new->expires);
	return TRACKED;
}

u8 ipmi_lan_smi_forward(struct ipmi_lan_request *c)
{
	const struct ipmi_lan_msg *req = c->req;
	struct ipmi_lan_server *srv = c->srv;
	struct ipmi_lan_inflight *e, *tmp, *new = NULL;
	struct ipmi_smi_msg *msg = NULL;
	struct ipmi_lan_smi *smi;
	LIST_HEAD(gone);
	u8 need, priv;
	int cc;

	if (!srv || !c->session)
		return IPMI_CC_INVALID_CMD;
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
	if (!smi)
		goto out;
	cc = IPMI_CC_NODE_BUSY;
	new = kzalloc(sizeof(*new), GFP_ATOMIC);
	msg = ipmi_alloc_smi_msg();
	if (!new || !msg)
		goto out;
	msg->data[0] = IPMI_NETFN_APP << 2;
	msg->data[1] = IPMI_CMD_GET_MESSAGE;
	msg->data_size = 2;
	msg->rsp_size = ipmi_lan_forward_format(msg->rsp, IPMI_MAX_MSG_LENGTH,
						req, priv, c->session->handle);
	cc = IPMI_CC_REQ_DATA_LEN_INVALID;
	if (!msg->rsp_size)
		goto out;

	spin_lock_bh(&smi->lock);
	cc = track(smi, c, new, &gone);
	spin_unlock_bh(&smi->lock);
	if (cc == TRACKED) {
		new = NULL;
		ipmi_smi_msg_received(smi->intf, msg);
		msg = NULL;
		count(srv, IPMI_LAN_FWD_REQUESTS);
	} else if (cc == ABSORBED) {
		count(srv, IPMI_LAN_FWD_ABSORBED);
		cc = TRACKED;
	}
out:
	rcu_read_unlock();
	if (msg)
		ipmi_free_smi_msg(msg);
	kfree(new);
	list_for_each_entry_safe(e, tmp, &gone, node)
		free_inflight(e);
	return cc;	/* 0: forwarded, no answer now */
}

/* A consumer's reply to a forwarded request (Send Message to the LAN). */
static u8 lan_reply(struct ipmi_lan_smi *smi, const u8 *data,
		    unsigned int len)
{
	struct ipmi_lan_server *srv = smi->srv;
	struct ipmi_lan_forward_reply r;
	struct ipmi_lan_inflight *e;
	struct ipmi_lan_session *s;
	bool sent = false;

	if (ipmi_lan_forward_parse_reply(&r, data, len))
		return IPMI_CC_INVALID_DATA_FIELD;
	spin_lock_bh(&smi->lock);
	e = find_inflight(smi, r.handle, r.rq_seq, r.netfn, r.cmd);
	if (e && !e->tombstone)
		unlink_inflight(smi, e);
	else
		e = NULL;
	spin_unlock_bh(&smi->lock);
	if (e) {
		sent = reply(srv, e, r.rsp, r.rsp_len);
		free_inflight(e);
	}
	if (sent) {
		count(srv, IPMI_LAN_FWD_REPLIES);
		return IPMI_CC_OK;
	}
	count(srv, IPMI_LAN_FWD_UNMATCHED);
	/* Late: the session may be there, but nothing waits for this. */
	s = ipmi_lan_session_by_handle(srv, r.handle);
	ipmi_lan_session_put(s);
	return s ? IPMI_CC_NOT_IN_STATE : IPMI_CC_INVALID_SESSION_HANDLE;
}

/* A request from the handler: a /dev/ipmiN program, or the handler itself. */
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
	count(smi->srv, IPMI_LAN_LOCAL_REQUESTS);
	len = ipmi_lan_cmd_local(&c);
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

/* May be called in atomic context: queue it for the work item. */
static IPMI_LAN_SENDER_TYPE smi_sender(void *send_info,
				       struct ipmi_smi_msg *msg)
{
	struct ipmi_lan_smi *smi = send_info;
	unsigned long flags;
	bool dead;

	/* Queued under the lock, so smi_shutdown() cancels or waits for it. */
	spin_lock_irqsave(&smi->lock, flags);
	dead = smi->dead;
	if (!dead) {
		list_add_tail(&msg->link, &smi->queue);
		queue_work(ipmi_lan_wq, &smi->work);
	}
	spin_unlock_irqrestore(&smi->lock, flags);
	if (dead)
		complete_cc(smi, msg, IPMI_CC_UNSPECIFIED);
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
	cancel_work_sync(&smi->work);
	spin_lock_bh(&smi->lock);
	list_splice_init(&smi->queue, &queue);
	spin_unlock_bh(&smi->lock);
	list_for_each_entry_safe(msg, tmp, &queue, link) {
		list_del(&msg->link);
		complete_cc(smi, msg, IPMI_CC_UNSPECIFIED);
	}
}

static void smi_request_events(void *send_info)
{
	/* No event queue: events are not generated by this interface. */
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

/* The handler numbers interfaces itself; find ours by its device. */
static int find_if_num(struct ipmi_lan_smi *smi)
{
	struct ipmi_smi_info info;
	int i;

	for (i = 0; i < IF_NUM_SCAN; i++) {
		if (ipmi_get_smi_info(i, &info))
			continue;
		put_device(info.dev);
		if (info.dev == &smi->pdev->dev)
			return i;
	}
	return -1;
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
	ret = -ENOMEM;
	smi = kzalloc(sizeof(*smi), GFP_KERNEL);
	if (!smi)
		goto out;
	smi->srv = srv;
	spin_lock_init(&smi->lock);
	INIT_LIST_HEAD(&smi->queue);
	INIT_LIST_HEAD(&smi->inflight);
	INIT_WORK(&smi->work, smi_work);
	timer_setup(&smi->sweep, sweep, 0);
	smi->pdev = platform_device_register_simple("ipmi_lan",
						    PLATFORM_DEVID_AUTO,
						    NULL, 0);
	if (IS_ERR(smi->pdev)) {
		ret = PTR_ERR(smi->pdev);
		kfree(smi);
		goto out;
	}
	/* Sends Get Device ID, GUID and Channel Info, answered by smi_work. */
	ret = ipmi_register_smi(&smi_handlers, smi, &smi->pdev->dev,
				IPMI_BMC_SA);
	if (ret) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the IPMI message handler refused the interface");
		platform_device_unregister(smi->pdev);
		kfree(smi);
		goto out;
	}
	smi->if_num = find_if_num(smi);
	the_smi = smi;
	rcu_assign_pointer(srv->smi, smi);
	pr_info("system interface attached as /dev/ipmi%d\n", smi->if_num);
out:
	mutex_unlock(&smi_mutex);
	return ret;
}

static void detach_locked(struct ipmi_lan_smi *smi)
{
	struct ipmi_lan_inflight *e, *tmp;
	LIST_HEAD(live);
	u8 cc = IPMI_CC_TIMEOUT;

	lockdep_assert_held(&smi_mutex);
	/* No new forwarded request reaches the handler after this. */
	rcu_assign_pointer(smi->srv->smi, NULL);
	synchronize_rcu();
	/* Destroys every /dev/ipmiN user, then calls smi_shutdown(). */
	ipmi_unregister_smi(smi->intf);
	timer_shutdown_sync(&smi->sweep);
	spin_lock_bh(&smi->lock);
	list_splice_init(&smi->inflight, &live);
	spin_unlock_bh(&smi->lock);
	/* Nobody will answer these any more; the console hears C3h now. */
	list_for_each_entry_safe(e, tmp, &live, node) {
		if (!e->tombstone) {
			reply(smi->srv, e, &cc, 1);
			count(smi->srv, IPMI_LAN_FWD_TIMEOUTS);
		}
		list_del(&e->node);
		free_inflight(e);
	}
	platform_device_unregister(smi->pdev);
	pr_info("system interface /dev/ipmi%d detached\n", smi->if_num);
	kfree(smi);
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
	if (smi && handle <= SESSION_MAX_HANDLE) {
		spin_lock(&smi->lock);
		busy = smi->per_handle[handle];
		spin_unlock(&smi->lock);
	}
	rcu_read_unlock();
	return busy;
}

/* A failure is not fatal: the LAN server works without the interface. */
void __init ipmi_lan_smi_init(void)
{
	int ret;

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
}
