// SPDX-License-Identifier: GPL-2.0
/*
 * Open Session and RAKP 1-4, in a worker.
 *
 * Names follow the specification: m is the remote console, c the managed
 * system (us). SIDm is the console's session id, SIDc ours.
 *
 *   RAKP2 auth code  HMAC(Kuid, SIDm | SIDc | Rm | Rc | GUIDc | ROLEm | ULENm | UNAMEm)
 *   RAKP3 auth code  HMAC(Kuid, Rc | SIDm | ROLEm | ULENm | UNAMEm)
 *   SIK              HMAC(K_G or Kuid, Rm | Rc | ROLEm | ULENm | UNAMEm)
 *   K1, K2           HMAC(SIK, 20 x 01h), HMAC(SIK, 20 x 02h)
 *   RAKP4 ICV        HMAC(SIK, Rm | SIDc | GUIDc), truncated
 *
 * Every error is answered with its RMCP+ status code, echoing the message
 * tag and the console's session id where it is known; the exceptions are
 * messages too short to echo anything and a RAKP3 that itself reports an
 * error (the console has given up; the session is closed).
 */

#include "rakp.h"
#include "channel.h"
#include "compat.h"
#include "crypto.h"
#include "messages.h"
#include "payload.h"
#include "send.h"
#include "server.h"
#include "session.h"
#include "user.h"

#include <uapi/linux/ipmi_lan.h>

#include <crypto/algapi.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

enum handshake_limits {
	HS_QUEUE_MAX = 128,
	HS_BATCH = 32,
	HS_MAX_PAYLOAD = 64,		/* RAKP1 with a 16-byte name is 44 */
	HS_REPLY_MAX = 96,		/* RAKP2 with SHA-256 is 72 */
	OPEN_REQ_LEN = 32,
	RAKP1_MIN_LEN = 28,
	RAKP_HDR_LEN = 8,
};

struct hs_item {
	struct list_head list;
	struct ipmi_lan_endpoint ep;
	u8 ptype;
	u8 len;
	u8 data[];
};

/* An error reply: tag, status, two reserved bytes, the console's id. */
static unsigned int status_reply(u8 *out, u8 tag, u8 status, u32 console_id)
{
	memset(out, 0, RAKP_HDR_LEN);
	out[0] = tag;
	out[1] = status;
	put_unaligned_le32(console_id, out + 4);
	return RAKP_HDR_LEN;
}

static unsigned int open_session(struct ipmi_lan_server *srv,
				 const struct hs_item *it, u8 *out)
{
	const struct ipmi_lan_channel *ch;
	const struct ipmi_lan_suite *suite;
	const u8 *p = it->data;
	struct ipmi_lan_session *s;
	u8 tag, req, priv, cap, alg[3];
	u32 console_id, enabled;
	bool any[3];
	int i, status;

	if (it->len < RAKP_HDR_LEN) {
		/* Nothing to echo: malformed. */
		ipmi_lan_count_drop(srv, IPMI_LAN_DROP_TRUNCATED);
		return 0;
	}
	tag = p[0];
	req = p[1];
	console_id = get_unaligned_le32(p + 4);
	if (it->len != OPEN_REQ_LEN || !console_id)
		return status_reply(out, tag, RMCPP_STATUS_ILLEGAL_PARAMETER,
				    console_id);
	if ((req & 0xf0) || req > IPMI_PRIV_OEM)
		return status_reply(out, tag, RMCPP_STATUS_INVALID_ROLE,
				    console_id);

	/* Three records: type, 2 reserved, length (8, or 0 for "any"), alg. */
	for (i = 0; i < 3; i++) {
		const u8 *rec = p + 8 + 8 * i;

		if (rec[0] != i || (rec[3] != 8 && rec[3] != 0))
			return status_reply(out, tag,
					    RMCPP_STATUS_ILLEGAL_PARAMETER,
					    console_id);
		any[i] = !rec[3];
		alg[i] = rec[4] & 0x3f;
	}
	/* Authentication "none" and the RC4 confidentiality never exist. */
	if (!any[0] && (alg[0] < AUTH_RAKP_HMAC_SHA1 ||
			alg[0] > AUTH_RAKP_HMAC_SHA256))
		return status_reply(out, tag, RMCPP_STATUS_INVALID_AUTH_ALG,
				    console_id);
	if (!any[1] && alg[1] > INTEG_HMAC_SHA256_128)
		return status_reply(out, tag, RMCPP_STATUS_INVALID_INTEG_ALG,
				    console_id);
	if (!any[2] && alg[2] > CONF_AES_CBC_128)
		return status_reply(out, tag, RMCPP_STATUS_INVALID_CONF_ALG,
				    console_id);

	rcu_read_lock();
	ch = ipmi_lan_channel_get(srv);
	enabled = ch->suites;
	suite = ipmi_lan_suite_choose(enabled, alg, any);
	cap = suite ? min(ch->privilege, ch->suite_priv[suite->id]) : 0;
	rcu_read_unlock();
	if (!suite)
		return status_reply(out, tag, RMCPP_STATUS_NO_CIPHER_SUITE_MATCH,
				    console_id);
	/* Privilege 0 asks for the highest; answer a concrete level. */
	priv = req ? req : cap;
	if (priv > cap)
		return status_reply(out, tag, RMCPP_STATUS_UNAUTHORIZED_ROLE,
				    console_id);

	s = ipmi_lan_session_new(srv, &it->ep, &status);
	if (!s)
		return status_reply(out, tag, status, console_id);
	s->console_id = console_id;
	s->suite = suite;
	s->max_priv = priv;

	memset(out, 0, 36);
	out[0] = tag;
	out[1] = RMCPP_STATUS_OK;
	out[2] = priv;
	put_unaligned_le32(console_id, out + 4);
	put_unaligned_le32(s->id, out + 8);
	for (i = 0; i < 3; i++) {
		u8 *rec = out + 12 + 8 * i;

		rec[0] = i;
		rec[3] = 8;
	}
	out[16] = suite->auth;
	out[24] = suite->integ;
	out[32] = suite->conf;
	ipmi_lan_session_put(s);
	return 36;
}

/*
 * Looks up the session a RAKP message names, in the state it must be in.
 * Returns it with a reference, or NULL with the error reply written (or,
 * for a message from another address than the Open Session's, with no
 * reply: it is dropped and counted, so a spoofed source learns nothing
 * and changes nothing).
 */
static struct ipmi_lan_session *rakp_session(struct ipmi_lan_server *srv,
					     const struct hs_item *it,
					     u8 *out, unsigned int *len)
{
	enum ipmi_lan_session_state state;
	struct ipmi_lan_session *s;
	const u8 *p = it->data;

	s = ipmi_lan_session_lookup(srv, get_unaligned_le32(p + 4));
	if (!s) {
		*len = status_reply(out, p[0], RMCPP_STATUS_INVALID_SESSION_ID, 0);
		return NULL;
	}
	if (!ipmi_lan_session_from_origin(s, &it->ep.addr)) {
		ipmi_lan_count_drop(srv, IPMI_LAN_DROP_SOURCE);
		ipmi_lan_session_put(s);
		*len = 0;
		return NULL;
	}
	spin_lock_bh(&s->lock);
	state = s->state;
	spin_unlock_bh(&s->lock);
	if (!ipmi_lan_payload_named(state, it->ptype)) {
		*len = status_reply(out, p[0], RMCPP_STATUS_INVALID_SESSION_ID,
				    s->console_id);
		ipmi_lan_session_put(s);
		return NULL;
	}
	return s;
}

static void rakp_inputs(const struct ipmi_lan_session *s, const u8 *guid,
			const u8 *kg, struct ipmi_lan_rakp *r)
{
	r->auth = s->suite->auth;
	r->console_id = s->console_id;
	r->bmc_id = s->id;
	r->rm = s->hs->rm;
	r->rc = s->hs->rc;
	r->guid = guid;
	r->role = s->hs->role;
	r->name_len = s->hs->name_len;
	r->name = s->hs->name;
	r->kuid = s->hs->kuid;
	r->kg = kg;
}

static unsigned int rakp1(struct ipmi_lan_server *srv, const struct hs_item *it,
			  u8 *out)
{
	struct ipmi_lan_identity id;
	struct ipmi_lan_login login;
	struct ipmi_lan_session *s;
	const u8 *p = it->data;
	struct ipmi_lan_rakp r;
	u8 tag, role, priv, ulen;
	unsigned int len = 0, dlen;

	if (it->len < RAKP_HDR_LEN) {
		ipmi_lan_count_drop(srv, IPMI_LAN_DROP_TRUNCATED);
		return 0;
	}
	tag = p[0];
	s = rakp_session(srv, it, out, &len);
	if (!s)
		return len;
	if (it->len < RAKP1_MIN_LEN) {
		len = status_reply(out, tag, RMCPP_STATUS_ILLEGAL_PARAMETER,
				   s->console_id);
		goto out;
	}
	role = p[24];
	ulen = p[27];
	priv = role & 0x0f;
	if (ulen > IPMI_LAN_USER_NAME_LEN) {
		len = status_reply(out, tag, RMCPP_STATUS_INVALID_NAME_LEN,
				   s->console_id);
		goto out;
	}
	if (it->len != RAKP1_MIN_LEN + ulen) {
		len = status_reply(out, tag, RMCPP_STATUS_ILLEGAL_PARAMETER,
				   s->console_id);
		goto out;
	}
	/* Bit 4 chooses name-only lookup; names are unique, so both agree. */
	if ((role & 0xe0) || priv < IPMI_PRIV_CALLBACK || priv > IPMI_PRIV_OEM) {
		len = status_reply(out, tag, RMCPP_STATUS_INVALID_ROLE,
				   s->console_id);
		goto out;
	}
	/* No null user: unknown, disabled and locked out look the same. */
	if (!ulen || ipmi_lan_user_find_login(srv, p + 28, ulen,
					      &s->origin.addr, &login)) {
		len = status_reply(out, tag, RMCPP_STATUS_UNAUTHORIZED_NAME,
				   s->console_id);
		goto out;
	}
	if (priv > min(login.privilege, s->max_priv)) {
		len = status_reply(out, tag, RMCPP_STATUS_UNAUTHORIZED_ROLE,
				   s->console_id);
		goto wipe;
	}

	memcpy(s->hs->rm, p + 8, RAND_LEN);
	get_random_bytes(s->hs->rc, RAND_LEN);
	s->hs->role = role;
	s->hs->name_len = ulen;
	memcpy(s->hs->name, p + 28, ulen);
	s->user_id = login.user_id;
	s->max_priv = min3(s->max_priv, login.privilege, priv);
	memcpy(s->hs->kuid, login.key, KEY_LEN);
	ipmi_lan_server_get_identity(srv, &id);
	memcpy(s->hs->guid, id.guid, GUID_LEN);

	dlen = ipmi_lan_auth_digest_len(s->suite->auth);
	memset(out, 0, RAKP_HDR_LEN);
	out[0] = tag;
	put_unaligned_le32(s->console_id, out + 4);
	memcpy(out + 8, s->hs->rc, RAND_LEN);
	memcpy(out + 24, id.guid, GUID_LEN);
	rakp_inputs(s, id.guid, NULL, &r);
	if (ipmi_lan_rakp2_code(&r, out + 40)) {
		len = status_reply(out, tag, RMCPP_STATUS_NO_RESOURCES,
				   s->console_id);
		goto wipe;
	}
	spin_lock_bh(&s->lock);
	if (s->state != SESSION_DEAD)
		s->state = SESSION_PENDING_RAKP3;
	spin_unlock_bh(&s->lock);
	len = 40 + dlen;
wipe:
	memzero_explicit(&login, sizeof(login));
out:
	ipmi_lan_session_put(s);
	return len;
}

/*
 * The session's keys, built in *keys (the caller's, not the session's):
 * they become the session's only at activation.
 */
static int derive_keys(struct ipmi_lan_session *s, const u8 *kg, u8 *icv,
		       struct ipmi_lan_keys *keys)
{
	u8 sik[MAX_DIGEST_LEN], k1[MAX_DIGEST_LEN], k2[MAX_DIGEST_LEN];
	unsigned int dlen = ipmi_lan_auth_digest_len(s->suite->auth);
	u8 digest[MAX_DIGEST_LEN];
	struct ipmi_lan_rakp r;
	int ret;

	rakp_inputs(s, s->hs->guid, kg, &r);
	ret = ipmi_lan_rakp_keys(&r, sik, k1, k2, digest);
	if (ret)
		goto out;
	memcpy(icv, digest, ipmi_lan_auth_icv_len(s->suite->auth));
	ret = ipmi_lan_keys_setup(keys, s->suite, k1, dlen, k2, s->hs->kuid);
out:
	memzero_explicit(sik, sizeof(sik));
	memzero_explicit(k1, sizeof(k1));
	memzero_explicit(k2, sizeof(k2));
	memzero_explicit(digest, sizeof(digest));
	return ret;
}

static unsigned int rakp3(struct ipmi_lan_server *srv, const struct hs_item *it,
			  u8 *out)
{
	u8 expect[MAX_DIGEST_LEN], icv[MAX_DIGEST_LEN], kg[KEY_LEN];
	const struct ipmi_lan_channel *ch;
	struct ipmi_lan_keys keys = {};
	struct ipmi_lan_login login;
	struct ipmi_lan_rakp r;
	struct ipmi_lan_session *s;
	const u8 *p = it->data;
	unsigned int len = 0, dlen;
	bool has_kg;
	u8 tag;

	if (it->len < RAKP_HDR_LEN) {
		ipmi_lan_count_drop(srv, IPMI_LAN_DROP_TRUNCATED);
		return 0;
	}
	tag = p[0];
	s = rakp_session(srv, it, out, &len);
	if (!s)
		return len;
	/* The console reports an error in RAKP2: no answer, no session. */
	if (p[1] != RMCPP_STATUS_OK) {
		ipmi_lan_session_close(s);
		goto out;
	}
	dlen = ipmi_lan_auth_digest_len(s->suite->auth);
	if (it->len != RAKP_HDR_LEN + dlen) {
		len = status_reply(out, tag, RMCPP_STATUS_ILLEGAL_PARAMETER,
				   s->console_id);
		ipmi_lan_session_close(s);
		goto out;
	}

	rakp_inputs(s, NULL, NULL, &r);
	if (ipmi_lan_rakp3_code(&r, expect) ||
	    crypto_memneq(expect, p + RAKP_HDR_LEN, dlen)) {
		ipmi_lan_user_login_failed(srv, s->user_id, &s->origin.addr);
		len = status_reply(out, tag, RMCPP_STATUS_INVALID_INTEGRITY_VALUE,
				   s->console_id);
		ipmi_lan_session_close(s);
		goto out;
	}

	/* The user may have gone, been disabled or changed since RAKP1. */
	if (ipmi_lan_user_find_login(srv, s->hs->name, s->hs->name_len,
				     &s->origin.addr, &login) ||
	    login.user_id != s->user_id ||
	    crypto_memneq(login.key, s->hs->kuid, KEY_LEN)) {
		len = status_reply(out, tag, RMCPP_STATUS_UNAUTHORIZED_NAME,
				   s->console_id);
		ipmi_lan_session_close(s);
		goto out;
	}

	rcu_read_lock();
	ch = ipmi_lan_channel_get(srv);
	has_kg = ch->has_kg;
	memcpy(kg, ch->kg, KEY_LEN);
	rcu_read_unlock();
	if (derive_keys(s, has_kg ? kg : NULL, icv, &keys)) {
		len = status_reply(out, tag, RMCPP_STATUS_NO_RESOURCES,
				   s->console_id);
		ipmi_lan_session_close(s);
		goto out;
	}
	/* Every session starts at USER (or lower, if that is its ceiling). */
	s->priv = min_t(u8, IPMI_PRIV_USER, s->max_priv);
	s->out_seq = 0;
	memzero_explicit(s->hs->kuid, sizeof(s->hs->kuid));
	if (ipmi_lan_session_activate(s, &keys)) {
		ipmi_lan_keys_free(&keys);
		len = status_reply(out, tag, RMCPP_STATUS_NO_RESOURCES,
				   s->console_id);
		ipmi_lan_session_close(s);
		goto out;
	}
	ipmi_lan_user_login_ok(srv, s->user_id, &s->origin.addr);

	memset(out, 0, RAKP_HDR_LEN);
	out[0] = tag;
	put_unaligned_le32(s->console_id, out + 4);
	memcpy(out + RAKP_HDR_LEN, icv, ipmi_lan_auth_icv_len(s->suite->auth));
	len = RAKP_HDR_LEN + ipmi_lan_auth_icv_len(s->suite->auth);
out:
	memzero_explicit(&keys, sizeof(keys));
	memzero_explicit(expect, sizeof(expect));
	memzero_explicit(icv, sizeof(icv));
	memzero_explicit(kg, sizeof(kg));
	memzero_explicit(&login, sizeof(login));
	ipmi_lan_session_put(s);
	return len;
}

/* Answers one message; the answer is built in place in its packet. */
static void handle_item(struct ipmi_lan_server *srv, const struct hs_item *it)
{
	struct ipmi_lan_tx tx;
	unsigned int len;
	u8 rtype, *out;

	if (!ipmi_lan_tx_begin(&tx, srv, NULL, AUTHTYPE_RMCPP, HS_REPLY_MAX))
		return;		/* counted */
	out = tx.payload;
	switch (it->ptype) {
	case RMCPP_PAYLOAD_OPEN_REQ:
		len = open_session(srv, it, out);
		rtype = RMCPP_PAYLOAD_OPEN_RSP;
		break;
	case RMCPP_PAYLOAD_RAKP1:
		len = rakp1(srv, it, out);
		rtype = RMCPP_PAYLOAD_RAKP2;
		break;
	case RMCPP_PAYLOAD_RAKP3:
		len = rakp3(srv, it, out);
		rtype = RMCPP_PAYLOAD_RAKP4;
		break;
	default:
		len = 0;
		break;
	}
	/* No answer: dropped, and counted, by the handler. */
	if (!len)
		ipmi_lan_tx_abort(&tx);
	else if (ipmi_lan_tx_seal(&tx, rtype, len))
		ipmi_lan_tx_send(&tx, &it->ep);
}

static void handshake_work(struct work_struct *work)
{
	struct ipmi_lan_handshake *hs =
		container_of(work, struct ipmi_lan_handshake, work);
	struct ipmi_lan_server *srv =
		container_of(hs, struct ipmi_lan_server, handshake);
	struct hs_item *it;
	unsigned int n;

	for (n = 0; n < HS_BATCH; n++) {
		spin_lock_bh(&hs->lock);
		it = list_first_entry_or_null(&hs->queue, struct hs_item, list);
		if (it) {
			list_del(&it->list);
			hs->len--;
		}
		spin_unlock_bh(&hs->lock);
		if (!it)
			return;
		handle_item(srv, it);
		kfree_sensitive(it);
		cond_resched();
	}
	queue_work(ipmi_lan_wq, &hs->work);
}

/*
 * Softirq: hands a handshake message (outside a session; payload.c) to
 * the worker.
 */
int ipmi_lan_handshake_rcv(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt,
			   struct ipmi_lan_session *s, const u8 *payload,
			   unsigned int len)
{
	struct ipmi_lan_handshake *hs = &rx->srv->handshake;
	struct hs_item *it;

	if (!ipmi_lan_presession_allowed(rx->srv, &rx->ep))
		return IPMI_LAN_DROP_RATELIMITED;
	if (len > HS_MAX_PAYLOAD)
		return IPMI_LAN_DROP_SESSION_HEADER;
	it = kmalloc(sizeof(*it) + len, GFP_ATOMIC);
	if (!it)
		return IPMI_LAN_DROP_NOMEM;
	it->ep = rx->ep;
	it->ptype = pkt->ptype;
	it->len = len;
	memcpy(it->data, payload, len);
	spin_lock(&hs->lock);
	if (hs->len >= HS_QUEUE_MAX) {
		spin_unlock(&hs->lock);
		kfree(it);
		return IPMI_LAN_DROP_BUSY;
	}
	list_add_tail(&it->list, &hs->queue);
	hs->len++;
	spin_unlock(&hs->lock);
	queue_work(ipmi_lan_wq, &hs->work);
	return RX_ACCEPTED;
}

void ipmi_lan_handshake_init(struct ipmi_lan_server *srv)
{
	struct ipmi_lan_handshake *hs = &srv->handshake;

	spin_lock_init(&hs->lock);
	INIT_LIST_HEAD(&hs->queue);
	INIT_WORK(&hs->work, handshake_work);
}

/* After the sockets are closed: no more items can arrive. */
void ipmi_lan_handshake_uninit(struct ipmi_lan_server *srv)
{
	struct ipmi_lan_handshake *hs = &srv->handshake;
	struct hs_item *it, *tmp;

	cancel_work_sync(&hs->work);
	spin_lock_bh(&hs->lock);
	list_for_each_entry_safe(it, tmp, &hs->queue, list) {
		list_del(&it->list);
		kfree_sensitive(it);
	}
	hs->len = 0;
	spin_unlock_bh(&hs->lock);
}
