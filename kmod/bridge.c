// SPDX-License-Identifier: GPL-2.0
/*
 * Bridged targets (bridge.h).
 *
 * The registry: srv->targets.by_addr[] holds one RCU pointer per IPMB
 * address; add, set and delete are serialised by targets.lock, and the
 * pointers and the targets' forward tables are replaced under srv->lock
 * (the lock the forward table operations hold). A target is freed a grace
 * period after it left the array, once its interface is unregistered, so
 * the receive path uses a target and its interface under rcu_read_lock()
 * alone, as it uses the BMC's.
 *
 * Send Message (App 34h) from a LAN session: the message inside goes to
 * the target its rsSA names, on channel 0 (the primary IPMB), with the
 * tracking bit set (CCh otherwise: the answer could not come back). An
 * unknown target is "NAK on write" (83h) at once. The target's forward
 * table decides, with the session's privilege, as the BMC's table does
 * for direct requests; what it does not name is answered by the module:
 * the target's identity for Get Device ID and the GUIDs, the target's
 * Serial-over-LAN for the payload and SOL configuration commands (sol.c:
 * the session's SoL then reaches the tty bound to the target), C1h
 * otherwise.
 *
 * Bridged twice ("ipmitool -T TRANSIT -b CHANNEL -t ADDR"): the message
 * inside is itself a Send Message, to the transit, and the one inside
 * that goes to the target configured "via TRANSIT channel CHANNEL"
 * (83h from the transit otherwise). A target behind a transit is not on
 * channel 0: a Send Message straight to it gets 83h.
 *
 * The console hears the target's answer either in a message of its own
 * after the Send Message response (separate, the default: FreeIPMI needs
 * it), or inside the Send Message response (embedded: ruipmi needs it).
 * Both are kept in the session's reply cache under the Send Message
 * request, so a retransmission gets both again and never runs the command
 * twice. The consumer sees the inner request with the Send Message's rqSeq
 * (unique among the session's requests in flight), which its answer then
 * names. Bridged twice, the separate form has three messages (ours, the
 * transit's and the target's, each naming the console's rqSeq, as
 * ipmitool matches them) and the embedded form nests the target's answer
 * in the transit's in ours.
 */

#include "bridge.h"
#include "cmd.h"
#include "forward.h"
#include "messages.h"
#include "msg.h"
#include "session.h"
#include "smi.h"
#include "sol.h"
#include "track.h"

#include <linux/ctype.h>
#include <linux/err.h>
#include <linux/netlink.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

void ipmi_lan_targets_init(struct ipmi_lan_server *srv)
{
	mutex_init(&srv->targets.lock);
	srv->targets.n = 0;
}

struct ipmi_lan_target *ipmi_lan_target_rcu(struct ipmi_lan_server *srv,
					    u8 addr)
{
	return rcu_dereference(srv->targets.by_addr[addr]);
}

static struct ipmi_lan_target *target_locked(struct ipmi_lan_server *srv,
					     u8 addr)
{
	return rcu_dereference_protected(srv->targets.by_addr[addr],
					 lockdep_is_held(&srv->targets.lock) ||
					 lockdep_is_held(&srv->lock));
}

struct ipmi_lan_forward_table __rcu **
ipmi_lan_forward_slot(struct ipmi_lan_server *srv, u8 addr)
{
	struct ipmi_lan_target *t;

	lockdep_assert_held(&srv->lock);
	if (addr == IPMI_LAN_BMC_ADDR)
		return &srv->forward;
	t = target_locked(srv, addr);
	return t ? &t->forward : NULL;
}

void ipmi_lan_target_get_identity(struct ipmi_lan_target *t,
				  struct ipmi_lan_identity *out)
{
	spin_lock_bh(&t->lock);
	*out = t->identity;
	spin_unlock_bh(&t->lock);
}

bool ipmi_lan_target_identity(struct ipmi_lan_server *srv, u8 addr,
			      struct ipmi_lan_identity *out)
{
	struct ipmi_lan_target *t;

	rcu_read_lock();
	t = ipmi_lan_target_rcu(srv, addr);
	if (t)
		ipmi_lan_target_get_identity(t, out);
	rcu_read_unlock();
	return t;
}

/* Where t is: via (0: on channel 0) and the transit's channel. */
static void route_of(struct ipmi_lan_target *t, u8 *via, u8 *channel)
{
	spin_lock_bh(&t->lock);
	*via = t->via;
	*channel = t->via_channel;
	spin_unlock_bh(&t->lock);
}

/*
 * A transit for the target at addr: a target on channel 0 itself, not the
 * target. Under targets.lock.
 */
static int via_ok(struct ipmi_lan_server *srv, u8 addr, u8 via,
		  struct netlink_ext_ack *extack)
{
	struct ipmi_lan_target *t;
	u8 vv, ch;

	if (!via)
		return 0;
	t = target_locked(srv, via);
	if (via == addr || !t) {
		NL_SET_ERR_MSG_MOD(extack, "the transit must be another target");
		return -EINVAL;
	}
	route_of(t, &vv, &ch);
	if (vv) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the transit must be on channel 0 itself (one level of transit)");
		return -EINVAL;
	}
	return 0;
}

void ipmi_lan_target_default_identity(struct ipmi_lan_server *srv,
				      struct ipmi_lan_identity *out)
{
	ipmi_lan_server_get_identity(srv, out);
	out->device_id = 0;
	/* The handler tells controllers apart by their GUID. */
	get_random_bytes(out->guid, sizeof(out->guid));
}

static bool addr_ok(u8 addr, struct netlink_ext_ack *extack)
{
	if (addr && addr != IPMI_LAN_BMC_ADDR)
		return true;
	if (addr)
		NL_SET_ERR_MSG_MOD(extack, "0x20 is the BMC itself");
	else
		NL_SET_ERR_MSG_MOD(extack, "a target address is 0x01..0xff");
	return false;
}

int ipmi_lan_target_add(struct ipmi_lan_server *srv,
			const struct ipmi_lan_target_conf *conf,
			struct netlink_ext_ack *extack)
{
	struct ipmi_lan_target *t;
	struct ipmi_lan_smi *smi;
	int ret;

	if (!addr_ok(conf->addr, extack))
		return -EINVAL;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->addr = conf->addr;
	spin_lock_init(&t->lock);
	if (conf->have_name)
		strscpy(t->name, conf->name, sizeof(t->name));
	if (conf->have_via) {
		t->via = conf->via;
		t->via_channel = conf->via_channel;
	}
	if (conf->have_identity)
		t->identity = conf->identity;
	else
		ipmi_lan_target_default_identity(srv, &t->identity);

	mutex_lock(&srv->targets.lock);
	ret = -EEXIST;
	if (target_locked(srv, conf->addr)) {
		NL_SET_ERR_MSG_MOD(extack, "that target exists");
		goto err;
	}
	ret = via_ok(srv, t->addr, t->via, extack);
	if (ret)
		goto err;
	/* Not listed yet: nothing reaches it but the handler's probes. */
	smi = ipmi_lan_smi_create_target(srv, t, extack);
	if (IS_ERR(smi)) {
		ret = PTR_ERR(smi);
		goto err;
	}
	t->smi = smi;
	mutex_lock(&srv->lock);
	rcu_assign_pointer(srv->targets.by_addr[t->addr], t);
	srv->targets.n++;
	mutex_unlock(&srv->lock);
	mutex_unlock(&srv->targets.lock);
	return 0;
err:
	mutex_unlock(&srv->targets.lock);
	kfree(t);
	return ret;
}

int ipmi_lan_target_set(struct ipmi_lan_server *srv,
			const struct ipmi_lan_target_conf *conf,
			struct netlink_ext_ack *extack)
{
	struct ipmi_lan_target *t;
	int ret = -ENOENT;

	mutex_lock(&srv->targets.lock);
	t = target_locked(srv, conf->addr);
	if (t && conf->have_via)
		ret = via_ok(srv, t->addr, conf->via, extack);
	else
		ret = t ? 0 : -ENOENT;
	if (!ret) {
		spin_lock_bh(&t->lock);
		if (conf->have_name)
			strscpy(t->name, conf->name, sizeof(t->name));
		if (conf->have_identity)
			t->identity = conf->identity;
		if (conf->have_via) {
			t->via = conf->via;
			t->via_channel = conf->via_channel;
		}
		spin_unlock_bh(&t->lock);
	} else if (!t) {
		NL_SET_ERR_MSG_MOD(extack, "no such target");
	}
	mutex_unlock(&srv->targets.lock);
	return ret;
}

/* Unlists a target; under targets.lock. Freed by free_unlisted(). */
static struct ipmi_lan_target *unlist(struct ipmi_lan_server *srv, u8 addr)
{
	struct ipmi_lan_target *t;

	mutex_lock(&srv->lock);
	t = target_locked(srv, addr);
	if (t) {
		RCU_INIT_POINTER(srv->targets.by_addr[addr], NULL);
		srv->targets.n--;
	}
	mutex_unlock(&srv->lock);
	return t;
}

/* A grace period after it was unlisted: nothing reaches it any more. */
static void free_unlisted(struct ipmi_lan_target *t)
{
	ipmi_lan_smi_destroy_target(t->smi);
	kfree(rcu_dereference_protected(t->forward, true));
	memzero_explicit(&t->identity, sizeof(t->identity));
	kfree(t);
}

int ipmi_lan_target_del(struct ipmi_lan_server *srv, u8 addr)
{
	struct ipmi_lan_target *t;

	mutex_lock(&srv->targets.lock);
	t = unlist(srv, addr);
	if (t) {
		/* Unlisted: no tty binds to it any more; its own is let go. */
		ipmi_lan_sol_target_gone(srv, addr);
		synchronize_rcu();
		free_unlisted(t);
	}
	mutex_unlock(&srv->targets.lock);
	return t ? 0 : -ENOENT;
}

void ipmi_lan_targets_uninit(struct ipmi_lan_server *srv)
{
	struct ipmi_lan_target *t, *tmp;
	unsigned int addr;
	LIST_HEAD(gone);

	mutex_lock(&srv->targets.lock);
	for (addr = 0; addr < IPMI_LAN_ADDRS; addr++) {
		t = unlist(srv, addr);
		if (t)
			list_add_tail(&t->gone, &gone);
	}
	/* One grace period for all of them. */
	if (!list_empty(&gone))
		synchronize_rcu();
	list_for_each_entry_safe(t, tmp, &gone, gone)
		free_unlisted(t);
	mutex_unlock(&srv->targets.lock);
}

bool ipmi_lan_target_info(struct ipmi_lan_server *srv, unsigned int from,
			  struct ipmi_lan_target_info *out)
{
	struct ipmi_lan_target *t = NULL;
	unsigned int addr, i;

	mutex_lock(&srv->targets.lock);
	for (addr = from; addr < IPMI_LAN_ADDRS && !t; addr++)
		t = target_locked(srv, addr);
	if (t) {
		out->addr = t->addr;
		spin_lock_bh(&t->lock);
		memcpy(out->name, t->name, sizeof(out->name));
		out->identity = t->identity;
		out->via = t->via;
		out->via_channel = t->via_channel;
		spin_unlock_bh(&t->lock);
		out->if_num = ipmi_lan_smi_target_if_num(t->smi);
		for (i = 0; i < __IPMI_LAN_FWD_STAT_LAST; i++)
			out->fwd_stats[i] = atomic64_read(&t->fwd_stats[i]);
	}
	mutex_unlock(&srv->targets.lock);
	return t;
}

bool ipmi_lan_targets_handle_busy(struct ipmi_lan_server *srv, u8 handle)
{
	struct ipmi_lan_target *t;
	unsigned int addr;
	bool busy = false;

	if (!READ_ONCE(srv->targets.n))
		return false;
	rcu_read_lock();
	for (addr = 1; addr < IPMI_LAN_ADDRS && !busy; addr++) {
		t = ipmi_lan_target_rcu(srv, addr);
		if (t)
			busy = ipmi_lan_smi_track_busy(t->smi, handle);
	}
	rcu_read_unlock();
	return busy;
}

/*
 * The target's answer to the inner request now, into rsp (CMD_RSP_MAX
 * bytes), or 0 if it was forwarded (the answer comes later). Under
 * rcu_read_lock().
 */
static unsigned int to_target(struct ipmi_lan_request *c,
			      struct ipmi_lan_target *t,
			      const struct ipmi_lan_route *route, u8 *rsp)
{
	struct ipmi_lan_msg req = route->inner;
	struct ipmi_lan_request ic = {
		.srv = c->srv,
		.session = c->session,
		.req = &route->inner,
		.rsp = rsp,
		.cap = CMD_RSP_MAX,
		.target = t->addr,
	};
	struct ipmi_lan_identity id;
	unsigned int len;
	u8 need, priv, cc;

	need = ipmi_lan_forward_lookup_in(&t->forward, req.netfn, req.cmd);
	if (need) {
		spin_lock_bh(&c->session->lock);
		priv = c->session->priv;
		spin_unlock_bh(&c->session->lock);
		if (priv < need)
			return cmd_cc(&ic, IPMI_CC_INSUFFICIENT_PRIVILEGE);
		/* What the consumer sees, and what its answer names. */
		req.rq_seq = route->outer.rq_seq;
		cc = ipmi_lan_smi_forward_to(t->smi, c, &req, route, priv);
		return cc ? cmd_cc(&ic, cc) : 0;
	}
	ipmi_lan_target_get_identity(t, &id);
	len = ipmi_lan_cmd_identity(&ic, &id);
	if (!len)	/* the target's SoL, with the session's privilege */
		len = ipmi_lan_cmd_target(&ic);
	return len ?: cmd_cc(&ic, IPMI_CC_INVALID_CMD);
}

struct ipmi_lan_target *ipmi_lan_bridge_local(struct ipmi_lan_server *srv,
					      const struct ipmi_lan_msg *inner,
					      u8 *rsp, unsigned int *len)
{
	struct ipmi_lan_request ic = {
		.srv = srv,
		.local = true,
		.req = inner,
		.rsp = rsp,
		.cap = CMD_RSP_MAX,
	};
	struct ipmi_lan_identity id;
	struct ipmi_lan_target *t;
	u8 via, channel;

	*len = 0;
	t = ipmi_lan_target_rcu(srv, inner->rs_sa);
	if (!t)
		return NULL;
	route_of(t, &via, &channel);
	if (via)
		return NULL;
	if (ipmi_lan_forward_lookup_in(&t->forward, inner->netfn, inner->cmd))
		return t;
	ipmi_lan_target_get_identity(t, &id);
	*len = ipmi_lan_cmd_identity(&ic, &id);
	return *len ? NULL : t;
}

static bool is_send_message(const struct ipmi_lan_msg *m)
{
	return m->netfn == IPMI_NETFN_APP && m->cmd == IPMI_CMD_SEND_MESSAGE;
}

/*
 * Bridged twice: the target behind transit t that the Send Message in the
 * middle (route->middle, its data parsed into sm) names, or NULL with the
 * transit's completion code in *cc. Under rcu_read_lock().
 */
static struct ipmi_lan_target *behind(struct ipmi_lan_request *c,
				      struct ipmi_lan_target *t,
				      const struct ipmi_lan_msg *middle,
				      struct ipmi_lan_send_msg *sm, u8 *cc)
{
	struct ipmi_lan_target *x;
	u8 via, channel;

	*cc = ipmi_msg_parse_send_message(sm, middle->data, middle->data_len);
	if (!*cc && sm->tracking != IPMI_SEND_MSG_TRACK)
		*cc = IPMI_CC_INVALID_DATA_FIELD;
	if (*cc)
		return NULL;
	x = ipmi_lan_target_rcu(c->srv, sm->inner.rs_sa);
	if (x) {
		route_of(x, &via, &channel);
		if (via == t->addr && channel == sm->channel)
			return x;
	}
	*cc = IPMI_CC_NAK_ON_WRITE;
	return NULL;
}

unsigned int ipmi_lan_bridge_send_message(struct ipmi_lan_request *c)
{
	struct ipmi_lan_route *route = &c->route;
	struct ipmi_lan_send_msg sm, sm2;
	struct ipmi_lan_target *t;
	u8 inner[CMD_RSP_MAX], tmp[CMD_RSP_MAX];
	unsigned int len = 0;
	u8 cc, via, channel;

	if (!c->session)
		return cmd_cc(c, IPMI_CC_INVALID_CMD);
	cc = ipmi_msg_parse_send_message(&sm, c->req->data, c->req->data_len);
	if (cc)
		return cmd_cc(c, cc);
	/* Without tracking, the answer could not come back to the console. */
	if (sm.channel != IPMI_IPMB_CHANNEL ||
	    sm.tracking != IPMI_SEND_MSG_TRACK)
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);

	route->mode = ipmi_lan_user_bridge_embedded(c->srv,
						    c->session->user_id) ?
		      ROUTE_EMBEDDED : ROUTE_SEPARATE;
	route->outer = *c->req;
	route->inner = sm.inner;
	cc = IPMI_CC_NAK_ON_WRITE;
	rcu_read_lock();
	t = ipmi_lan_target_rcu(c->srv, sm.inner.rs_sa);
	if (t)
		route_of(t, &via, &channel);
	/* Only a target on channel 0 is reached from here. */
	if (t && via)
		t = NULL;
	if (t && is_send_message(&sm.inner)) {
		route->twice = true;
		route->middle = sm.inner;
		t = behind(c, t, &sm.inner, &sm2, &cc);
		if (t)
			route->inner = sm2.inner;
	}
	if (t)
		len = to_target(c, t, route, inner);
	rcu_read_unlock();
	if (!t && !route->twice)
		return cmd_cc(c, cc);
	if (!t) {
		/* The transit refuses the Send Message in the middle. */
		if (route->mode == ROUTE_EMBEDDED) {
			len = ipmi_msg_build_embedded(c->rsp, c->cap,
						      &route->middle, &cc, 1);
			return len ?: cmd_cc(c, IPMI_CC_UNSPECIFIED);
		}
		c->middle = true;
		c->middle_cc = cc;
		return cmd_cc(c, IPMI_CC_OK);
	}
	if (!len) {	/* forwarded: the target's answer comes later */
		if (route->mode == ROUTE_EMBEDDED)
			return 0;
		c->middle = route->twice;
		return cmd_cc(c, IPMI_CC_OK);
	}
	if (route->mode == ROUTE_EMBEDDED) {
		len = ipmi_msg_build_embedded(tmp, sizeof(tmp), &route->inner,
					      inner, len);
		if (len && route->twice)
			len = ipmi_msg_build_embedded(c->rsp, c->cap,
						      &route->middle, tmp, len);
		else if (len)
			memcpy(c->rsp, tmp, len);
		return len ?: cmd_cc(c, IPMI_CC_UNSPECIFIED);
	}
	memcpy(c->then, inner, len);
	c->then_len = len;
	c->middle = route->twice;
	return cmd_cc(c, IPMI_CC_OK);
}
