// SPDX-License-Identifier: GPL-2.0
/*
 * The forward table and the message handler's LAN wire formats.
 *
 * The table is a small array replaced as a whole under the server's
 * mutex and read under RCU from softirq; it is consulted only for the
 * requests the module does not answer itself, so a linear scan is fine.
 * An entry may belong to a netlink socket (a consumer that added it):
 * it goes away with that socket.
 */

#include "forward.h"
#include "bridge.h"
#include "messages.h"
#include "msg.h"
#include "server.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/string.h>

enum {
	IPMI_NETFN_SENSOR = 0x04,
	IPMI_NETFN_STORAGE = 0x0a,
	GET_MSG_RSP_NETFN = (IPMI_NETFN_APP | 1) << 2,
	SEND_MSG_REQ_NETFN = IPMI_NETFN_APP << 2,
};

/*
 * Least privilege of the standard commands a board usually serves
 * (IPMI v2.0, appendix G); anything else forwarded needs admin unless
 * its entry says otherwise.
 */
static const struct {
	u8 netfn, cmd, priv;
} spec_priv[] = {
	{ IPMI_NETFN_CHASSIS, 0x00, IPMI_PRIV_USER },	/* capabilities */
	{ IPMI_NETFN_CHASSIS, 0x01, IPMI_PRIV_USER },	/* status */
	{ IPMI_NETFN_CHASSIS, 0x02, IPMI_PRIV_OPERATOR }, /* control */
	{ IPMI_NETFN_CHASSIS, 0x03, IPMI_PRIV_OPERATOR }, /* reset */
	{ IPMI_NETFN_CHASSIS, 0x04, IPMI_PRIV_OPERATOR }, /* identify */
	{ IPMI_NETFN_CHASSIS, 0x05, IPMI_PRIV_ADMIN },	/* set capabilities */
	{ IPMI_NETFN_CHASSIS, 0x06, IPMI_PRIV_OPERATOR }, /* restore policy */
	{ IPMI_NETFN_CHASSIS, 0x07, IPMI_PRIV_USER },	/* restart cause */
	{ IPMI_NETFN_CHASSIS, 0x08, IPMI_PRIV_OPERATOR }, /* set boot options */
	{ IPMI_NETFN_CHASSIS, 0x09, IPMI_PRIV_OPERATOR }, /* get boot options */
	{ IPMI_NETFN_CHASSIS, 0x0a, IPMI_PRIV_ADMIN },	/* front panel enables */
	{ IPMI_NETFN_CHASSIS, 0x0b, IPMI_PRIV_ADMIN },	/* power cycle interval */
	{ IPMI_NETFN_CHASSIS, 0x0f, IPMI_PRIV_USER },	/* POH counter */
	{ IPMI_NETFN_SENSOR, 0x02, IPMI_PRIV_OPERATOR },	/* platform event */
	{ IPMI_NETFN_SENSOR, 0x20, IPMI_PRIV_USER },	/* device SDR info */
	{ IPMI_NETFN_SENSOR, 0x21, IPMI_PRIV_USER },	/* device SDR */
	{ IPMI_NETFN_SENSOR, 0x22, IPMI_PRIV_USER },	/* reserve device SDR */
	{ IPMI_NETFN_SENSOR, 0x26, IPMI_PRIV_OPERATOR },	/* set thresholds */
	{ IPMI_NETFN_SENSOR, 0x27, IPMI_PRIV_USER },	/* get thresholds */
	{ IPMI_NETFN_SENSOR, 0x2d, IPMI_PRIV_USER },	/* sensor reading */
	{ IPMI_NETFN_STORAGE, 0x10, IPMI_PRIV_USER },	/* FRU area info */
	{ IPMI_NETFN_STORAGE, 0x11, IPMI_PRIV_USER },	/* read FRU */
	{ IPMI_NETFN_STORAGE, 0x12, IPMI_PRIV_OPERATOR },	/* write FRU */
	{ IPMI_NETFN_STORAGE, 0x20, IPMI_PRIV_USER },	/* SDR repository info */
	{ IPMI_NETFN_STORAGE, 0x22, IPMI_PRIV_USER },	/* reserve SDR */
	{ IPMI_NETFN_STORAGE, 0x23, IPMI_PRIV_USER },	/* get SDR */
	{ IPMI_NETFN_STORAGE, 0x40, IPMI_PRIV_USER },	/* SEL info */
	{ IPMI_NETFN_STORAGE, 0x42, IPMI_PRIV_USER },	/* reserve SEL */
	{ IPMI_NETFN_STORAGE, 0x43, IPMI_PRIV_USER },	/* get SEL entry */
	{ IPMI_NETFN_STORAGE, 0x44, IPMI_PRIV_OPERATOR },	/* add SEL entry */
	{ IPMI_NETFN_STORAGE, 0x47, IPMI_PRIV_OPERATOR },	/* clear SEL */
	{ IPMI_NETFN_STORAGE, 0x48, IPMI_PRIV_USER },	/* get SEL time */
	{ IPMI_NETFN_STORAGE, 0x49, IPMI_PRIV_OPERATOR },	/* set SEL time */
};

u8 ipmi_lan_forward_default_priv(u8 netfn, u8 cmd)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(spec_priv); i++)
		if (spec_priv[i].netfn == netfn && spec_priv[i].cmd == cmd)
			return spec_priv[i].priv;
	return IPMI_PRIV_ADMIN;
}

static const struct ipmi_lan_forward_entry *
find(const struct ipmi_lan_forward_table *t, u8 netfn, u8 cmd, bool all)
{
	unsigned int i;

	for (i = 0; t && i < t->n; i++)
		if (t->e[i].netfn == netfn && t->e[i].all == all &&
		    (all || t->e[i].cmd == cmd))
			return &t->e[i];
	return NULL;
}

u8 ipmi_lan_forward_lookup(struct ipmi_lan_server *srv, u8 netfn, u8 cmd)
{
	return ipmi_lan_forward_lookup_in(&srv->forward, netfn, cmd);
}

u8 ipmi_lan_forward_lookup_in(struct ipmi_lan_forward_table __rcu **tp,
			      u8 netfn, u8 cmd)
{
	const struct ipmi_lan_forward_table *t;
	const struct ipmi_lan_forward_entry *e;
	u8 priv = 0;

	rcu_read_lock();
	t = rcu_dereference(*tp);
	e = find(t, netfn, cmd, false) ?: find(t, netfn, 0, true);
	if (e)
		priv = e->priv;
	rcu_read_unlock();
	return priv;
}

/* A copy of the current table with room for extra entries; under lock. */
static struct ipmi_lan_forward_table *copy(struct ipmi_lan_server *srv,
					   struct ipmi_lan_forward_table __rcu **tp,
					   unsigned int extra)
{
	const struct ipmi_lan_forward_table *old;
	struct ipmi_lan_forward_table *t;
	unsigned int n;

	old = rcu_dereference_protected(*tp, lockdep_is_held(&srv->lock));
	n = old ? old->n : 0;
	t = kzalloc(struct_size(t, e, n + extra), GFP_KERNEL);
	if (!t)
		return NULL;
	t->n = n;
	if (n)
		memcpy(t->e, old->e, n * sizeof(t->e[0]));
	return t;
}

static void replace(struct ipmi_lan_server *srv,
		    struct ipmi_lan_forward_table __rcu **tp,
		    struct ipmi_lan_forward_table *t)
{
	struct ipmi_lan_forward_table *old;

	old = rcu_replace_pointer(*tp, t, lockdep_is_held(&srv->lock));
	if (old)
		kfree_rcu(old, rcu);
}

int ipmi_lan_forward_add(struct ipmi_lan_server *srv, u8 addr,
			 const struct ipmi_lan_forward_entry *e,
			 struct netlink_ext_ack *extack)
{
	struct ipmi_lan_forward_table __rcu **tp;
	struct ipmi_lan_forward_table *t = NULL;
	int ret = 0;

	mutex_lock(&srv->lock);
	tp = ipmi_lan_forward_slot(srv, addr);
	if (tp)
		t = copy(srv, tp, 1);
	if (!tp) {
		NL_SET_ERR_MSG_MOD(extack, "no such target");
		ret = -ENOENT;
	} else if (!t) {
		ret = -ENOMEM;
	} else if (find(t, e->netfn, e->cmd, e->all)) {
		NL_SET_ERR_MSG_MOD(extack, "that command is already forwarded");
		ret = -EEXIST;
	} else if (t->n >= IPMI_LAN_FORWARD_MAX) {
		NL_SET_ERR_MSG_MOD(extack, "the forward table is full");
		ret = -ENOSPC;
	}
	if (ret) {
		kfree(t);
	} else {
		t->e[t->n] = *e;
		if (!e->priv)
			t->e[t->n].priv = e->all ? IPMI_PRIV_ADMIN :
				ipmi_lan_forward_default_priv(e->netfn, e->cmd);
		t->n++;
		replace(srv, tp, t);
	}
	mutex_unlock(&srv->lock);
	return ret;
}

/* Removes the entries that match; under lock. Returns how many. */
static int remove_where(struct ipmi_lan_server *srv,
			struct ipmi_lan_forward_table __rcu **tp,
			bool (*match)(const struct ipmi_lan_forward_entry *e,
				      const struct ipmi_lan_forward_entry *key),
			const struct ipmi_lan_forward_entry *key)
{
	struct ipmi_lan_forward_table *t = copy(srv, tp, 0);
	unsigned int i, n = 0;

	if (!t)
		return -ENOMEM;
	for (i = 0; i < t->n; i++)
		if (!match(&t->e[i], key))
			t->e[n++] = t->e[i];
	i = t->n - n;
	t->n = n;
	if (i)
		replace(srv, tp, t);
	else
		kfree(t);
	return i;
}

static bool same_key(const struct ipmi_lan_forward_entry *e,
		     const struct ipmi_lan_forward_entry *key)
{
	return e->netfn == key->netfn && e->all == key->all &&
	       (e->all || e->cmd == key->cmd);
}

static bool same_owner(const struct ipmi_lan_forward_entry *e,
		       const struct ipmi_lan_forward_entry *key)
{
	return e->owner == key->owner;
}

int ipmi_lan_forward_del(struct ipmi_lan_server *srv, u8 addr, u8 netfn,
			 u8 cmd, bool all, struct netlink_ext_ack *extack)
{
	struct ipmi_lan_forward_entry key = {
		.netfn = netfn, .cmd = cmd, .all = all,
	};
	struct ipmi_lan_forward_table __rcu **tp;
	int ret = -ENOENT;

	mutex_lock(&srv->lock);
	tp = ipmi_lan_forward_slot(srv, addr);
	if (tp)
		ret = remove_where(srv, tp, same_key, &key);
	mutex_unlock(&srv->lock);
	if (!tp)
		NL_SET_ERR_MSG_MOD(extack, "no such target");
	else if (!ret)
		NL_SET_ERR_MSG_MOD(extack, "no such forward entry");
	if (ret < 0)
		return ret;
	return ret ? 0 : -ENOENT;
}

static bool owns_any(struct ipmi_lan_forward_table __rcu **tp, u32 owner)
{
	const struct ipmi_lan_forward_table *t = rcu_dereference(*tp);
	unsigned int i;

	for (i = 0; t && i < t->n; i++)
		if (t->e[i].owner == owner)
			return true;
	return false;
}

/* The netlink socket owner was closed: its entries go, in every table. */
void ipmi_lan_forward_release(struct ipmi_lan_server *srv, u32 owner)
{
	struct ipmi_lan_forward_entry key = { .owner = owner };
	struct ipmi_lan_forward_table __rcu **tp;
	struct ipmi_lan_target *target;
	unsigned int addr;
	bool any;

	if (!owner)
		return;
	for (addr = 1; addr < IPMI_LAN_ADDRS; addr++) {
		rcu_read_lock();
		if (addr == IPMI_LAN_BMC_ADDR) {
			any = owns_any(&srv->forward, owner);
		} else {
			target = ipmi_lan_target_rcu(srv, addr);
			any = target && owns_any(&target->forward, owner);
		}
		rcu_read_unlock();
		if (!any)
			continue;
		mutex_lock(&srv->lock);
		tp = ipmi_lan_forward_slot(srv, addr);
		if (tp)
			remove_where(srv, tp, same_owner, &key);
		mutex_unlock(&srv->lock);
	}
}

void ipmi_lan_forward_free(struct ipmi_lan_server *srv)
{
	kfree(rcu_dereference_protected(srv->forward, true));
	RCU_INIT_POINTER(srv->forward, NULL);
}

/*
 * The message handler's view of a LAN command: the response to a Get
 * Message, with the channel, the session's privilege and handle, and
 * the request as it came (rsSWID netfn/LUN cks rqSWID seq/LUN cmd data
 * cks). Returns its length, or 0 if it does not fit.
 */
unsigned int ipmi_lan_forward_format(u8 *out, unsigned int cap,
				     const struct ipmi_lan_msg *req, u8 priv,
				     u8 handle)
{
	unsigned int len = FWD_GET_MSG_HDR + req->data_len + 1;

	if (len > cap)
		return 0;
	out[0] = GET_MSG_RSP_NETFN;
	out[1] = IPMI_CMD_GET_MESSAGE;
	out[2] = IPMI_CC_OK;
	out[3] = IPMI_LAN_CHANNEL | priv << 4;
	out[4] = handle;
	out[5] = req->rs_sa;
	out[6] = req->netfn << 2 | req->rs_lun;
	out[7] = ipmi_msg_checksum(out + 5, 2);
	out[8] = req->rq_sa;
	out[9] = req->rq_seq << 2 | req->rq_lun;
	out[10] = req->cmd;
	memcpy(out + FWD_GET_MSG_HDR, req->data, req->data_len);
	out[len - 1] = ipmi_msg_checksum(out + 8, len - 9);
	return len;
}

/*
 * A Send Message request as the message handler formats a consumer's
 * reply to a LAN command: 18h 34h, channel, session handle, rqSWID,
 * netfn/LUN, cks, rsSWID, seq/LUN, cmd, completion code and data, cks.
 * Returns 0, or -EINVAL if it is not a well-formed response.
 */
int ipmi_lan_forward_parse_reply(struct ipmi_lan_forward_reply *r,
				 const u8 *data, unsigned int len)
{
	/* the header, a completion code and the last checksum */
	if (len < FWD_SEND_MSG_HDR + 2 || data[0] != SEND_MSG_REQ_NETFN ||
	    data[1] != IPMI_CMD_SEND_MESSAGE)
		return -EINVAL;
	if (ipmi_msg_checksum(data + 4, 2) != data[6] ||
	    ipmi_msg_checksum(data + 7, len - 8) != data[len - 1])
		return -EINVAL;
	if (!(data[5] & 0x04))			/* netfn is odd: a response */
		return -EINVAL;
	r->channel = data[2] & 0x0f;
	r->handle = data[3];
	r->netfn = (data[5] >> 2) & ~1;
	r->rq_seq = data[8] >> 2;
	r->cmd = data[9];
	r->rsp = data + FWD_SEND_MSG_HDR;
	r->rsp_len = len - FWD_SEND_MSG_HDR - 1;
	return 0;
}

/*
 * Local bridging (ipmitool -I open -t ADDR): the handler sends a request
 * to a controller on channel 0 as a Send Message (the channel, then the
 * IPMB message: rsSA netFn/LUN cks rqSA seq/LUN cmd data cks), and reads
 * what arrives on channel 0, a request at a target's interface or the
 * response at the BMC's, as a Get Message response: the channel, then
 * the IPMB message without its first byte, the address it was sent to.
 */
unsigned int ipmi_lan_forward_format_ipmb(u8 *out, unsigned int cap,
					  const u8 *ipmb, unsigned int len)
{
	unsigned int n = 4 + len - 1;

	if (len < IPMI_MSG_MIN_LEN || n > cap)
		return 0;
	out[0] = GET_MSG_RSP_NETFN;
	out[1] = IPMI_CMD_GET_MESSAGE;
	out[2] = IPMI_CC_OK;
	out[3] = IPMI_IPMB_CHANNEL;
	memcpy(out + 4, ipmb + 1, len - 1);
	return n;
}
