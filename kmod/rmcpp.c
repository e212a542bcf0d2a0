// SPDX-License-Identifier: GPL-2.0
/*
 * Packets inside an RMCP+ session, in softirq. Inbound checks run in this
 * order, and a packet failing any of them is dropped without an answer:
 *
 *   1. length and structure        5. decrypt
 *   2. session lookup (and state)  6. confidentiality pad
 *   3. window pre-check            7. commit the sequence number
 *   4. AuthCode, constant time
 *
 * Replies carry the console's session id, the session's own outbound
 * sequence number, a fresh IV and the AuthCode.
 */

#include "rmcpp.h"
#include "cmd.h"
#include "compat.h"
#include "crypto.h"
#include "messages.h"
#include "msg.h"
#include "rmcp.h"
#include "server.h"
#include "session.h"

#include <uapi/linux/ipmi_lan.h>

#include <crypto/algapi.h>
#include <linux/jhash.h>
#include <linux/random.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>

/* Integrity pad length: header through next header is a multiple of 4. */
static unsigned int integ_pad(unsigned int payload_len)
{
	return (4 - (RMCPP_HEADER_LEN + payload_len + 2) % 4) % 4;
}

/*
 * Checks the integrity trailer of pkt (from the format byte on, len bytes,
 * the payload being plen bytes). Returns 0 or a drop reason.
 */
static int check_integrity(const struct ipmi_lan_session *s, const u8 *pkt,
			   unsigned int len, unsigned int plen)
{
	unsigned int pad = integ_pad(plen), alen = ipmi_lan_integ_len(s->keys.integ);
	unsigned int covered = RMCPP_HEADER_LEN + plen + pad + 2, i;
	u8 code[MAX_AUTHCODE_LEN];
	const u8 *t;

	if (len != covered + alen)
		return IPMI_LAN_DROP_PAD;
	t = pkt + RMCPP_HEADER_LEN + plen;
	for (i = 0; i < pad; i++)
		if (t[i] != RMCPP_INTEG_PAD)
			return IPMI_LAN_DROP_PAD;
	if (t[pad] != pad || t[pad + 1] != RMCPP_NEXT_HEADER)
		return IPMI_LAN_DROP_PAD;
	if (ipmi_lan_authcode(&s->keys, pkt, covered, code))
		return IPMI_LAN_DROP_NOMEM;
	if (crypto_memneq(code, pkt + covered, alen))
		return IPMI_LAN_DROP_INTEGRITY;
	return 0;
}

/*
 * Decrypts an AES-CBC-128 payload (IV, then ciphertext) into buf and
 * checks its confidentiality pad (01h 02h ... then the pad length).
 * Returns the plaintext length, or a negative drop reason.
 */
static int decrypt(const struct ipmi_lan_session *s, const u8 *payload,
		   unsigned int plen, u8 *buf)
{
	unsigned int clen, pad, i;

	if (plen < 2 * AES_BLOCK || (plen - AES_BLOCK) % AES_BLOCK)
		return -IPMI_LAN_DROP_PAD;
	clen = plen - AES_BLOCK;
	memcpy(buf, payload + AES_BLOCK, clen);
	if (ipmi_lan_decrypt(&s->keys, payload, buf, clen))
		return -IPMI_LAN_DROP_NOMEM;
	pad = buf[clen - 1];
	if (pad >= AES_BLOCK)
		return -IPMI_LAN_DROP_PAD;
	for (i = 0; i < pad; i++)
		if (buf[clen - 1 - pad + i] != i + 1)
			return -IPMI_LAN_DROP_PAD;
	return clen - 1 - pad;
}

/*
 * Wraps an IPMI message into an RMCP+ packet of session s at out; returns
 * its length, or 0 if it does not fit or the crypto failed.
 */
static unsigned int wrap(struct ipmi_lan_session *s, const u8 *msg,
			 unsigned int mlen, u8 *out, unsigned int cap)
{
	bool integ = s->keys.integ != INTEG_NONE;
	bool conf = s->keys.conf != CONF_NONE;
	unsigned int alen = ipmi_lan_integ_len(s->keys.integ);
	unsigned int plen = mlen, cpad = 0, ipad, i, len;
	u8 *h = out + RMCP_HEADER_LEN, *p = h + RMCPP_HEADER_LEN;
	u32 seq;

	if (conf) {
		cpad = (AES_BLOCK - (mlen + 1) % AES_BLOCK) % AES_BLOCK;
		plen = AES_BLOCK + mlen + cpad + 1;
	}
	ipad = integ ? integ_pad(plen) : 0;
	len = RMCP_HEADER_LEN + RMCPP_HEADER_LEN + plen +
	      (integ ? ipad + 2 + alen : 0);
	if (len > cap)
		return 0;

	spin_lock(&s->lock);
	seq = ++s->out_seq;
	if (!seq)
		seq = ++s->out_seq;
	spin_unlock(&s->lock);

	rmcp_put_ipmi_header(out);
	h[0] = AUTHTYPE_RMCPP;
	h[1] = RMCPP_PAYLOAD_IPMI | (integ ? RMCPP_PAYLOAD_AUTHENTICATED : 0) |
	       (conf ? RMCPP_PAYLOAD_ENCRYPTED : 0);
	put_unaligned_le32(s->console_id, h + 2);
	put_unaligned_le32(seq, h + 6);
	h[10] = plen;
	h[11] = plen >> 8;
	if (conf) {
		u8 *pt = p + AES_BLOCK;

		get_random_bytes(p, AES_BLOCK);
		memcpy(pt, msg, mlen);
		for (i = 0; i < cpad; i++)
			pt[mlen + i] = i + 1;
		pt[mlen + cpad] = cpad;
		if (ipmi_lan_encrypt(&s->keys, p, pt, plen - AES_BLOCK))
			return 0;
	} else {
		memcpy(p, msg, mlen);
	}
	if (integ) {
		u8 *t = p + plen;

		memset(t, RMCPP_INTEG_PAD, ipad);
		t[ipad] = ipad;
		t[ipad + 1] = RMCPP_NEXT_HEADER;
		if (ipmi_lan_authcode(&s->keys, h, RMCPP_HEADER_LEN + plen +
				      ipad + 2, t + ipad + 2))
			return 0;
	}
	return len;
}

static u32 request_hash(const struct ipmi_lan_msg *req)
{
	return jhash(req->data, req->data_len, req->rq_seq);
}

/* A response to the same request a moment ago: a retransmission. */
static unsigned int cached_reply(struct ipmi_lan_session *s,
				 const struct ipmi_lan_msg *req, u32 hash, u8 *msg)
{
	unsigned long now = jiffies, age = msecs_to_jiffies(REPLY_CACHE_MS);
	unsigned int i, len = 0;

	spin_lock(&s->lock);
	for (i = 0; i < REPLY_CACHE_SLOTS; i++) {
		struct ipmi_lan_cached_reply *r = &s->cache[i];

		if (r->when && time_before(now, r->when + age) &&
		    r->rq_seq == req->rq_seq && r->netfn == req->netfn &&
		    r->cmd == req->cmd && r->req_hash == hash) {
			len = r->len;
			memcpy(msg, r->msg, len);
			break;
		}
	}
	spin_unlock(&s->lock);
	return len;
}

static void cache_reply(struct ipmi_lan_session *s, const struct ipmi_lan_msg *req,
			u32 hash, const u8 *msg, unsigned int len)
{
	struct ipmi_lan_cached_reply *r;

	if (len > REPLY_CACHE_LEN)
		return;
	spin_lock(&s->lock);
	r = &s->cache[s->next_cache++ % REPLY_CACHE_SLOTS];
	r->when = jiffies ?: 1;
	r->req_hash = hash;
	r->rq_seq = req->rq_seq;
	r->netfn = req->netfn;
	r->cmd = req->cmd;
	r->len = len;
	memcpy(r->msg, msg, len);
	spin_unlock(&s->lock);
}

/*
 * Answers one IPMI request of an active session; writes the response
 * message to msg (IPMI_MSG_MAX_LEN bytes). Returns its length, 0 for none.
 */
static unsigned int dispatch(struct rmcp_ctx *ctx, struct ipmi_lan_session *s,
			     const u8 *in, unsigned int in_len, u8 *msg,
			     bool *close)
{
	u8 rsp[CMD_RSP_MAX];
	struct ipmi_lan_request c = {
		.srv = ctx->srv,
		.session = s,
		.rsp = rsp,
		.cap = sizeof(rsp),
	};
	struct ipmi_lan_msg req;
	unsigned int len;
	u32 hash;
	int ret;

	ret = ipmi_msg_parse_request(&req, in, in_len);
	if (ret) {
		ipmi_lan_count_drop(ctx->srv, ret);
		return 0;
	}
	hash = request_hash(&req);
	len = cached_reply(s, &req, hash, msg);
	if (len)
		return len;
	c.req = &req;
	c.req_hash = hash;
	len = ipmi_lan_cmd_session(&c);
	if (!len)
		return 0;
	*close = c.close_session;
	len = ipmi_msg_build_response(msg, IPMI_MSG_MAX_LEN, &req, rsp, len);
	/* Nothing derived from a password is kept. */
	if (len && !(req.netfn == IPMI_NETFN_APP &&
		     req.cmd == IPMI_CMD_SET_USER_PASSWORD))
		cache_reply(s, &req, hash, msg, len);
	return len;
}

/*
 * Sends the response rsp (completion code, data) to req, a request of
 * session s received earlier, from any context; it is also kept for a
 * retransmission of req. Returns whether it was sent.
 */
bool ipmi_lan_rmcpp_reply(struct ipmi_lan_server *srv,
			  struct ipmi_lan_session *s, const struct ipmi_lan_msg *req,
			  u32 req_hash, const u8 *rsp, unsigned int rsp_len)
{
	const unsigned int cap = RMCP_HEADER_LEN + RMCPP_HEADER_LEN +
		AES_BLOCK + IPMI_MSG_MAX_LEN + AES_BLOCK + 4 + 2 +
		MAX_AUTHCODE_LEN;
	struct ipmi_lan_endpoint ep;
	struct sk_buff *skb;
	unsigned int mlen, len;
	u8 *msg;

	msg = kmalloc(IPMI_MSG_MAX_LEN, GFP_ATOMIC);
	skb = ipmi_lan_socket_alloc_skb(cap);
	if (!msg || !skb)
		goto nomem;
	mlen = ipmi_msg_build_response(msg, IPMI_MSG_MAX_LEN, req, rsp,
				       rsp_len);
	if (!mlen) {
		/* Too long for the LAN: the console hears that instead. */
		u8 cc = IPMI_CC_UNSPECIFIED;

		mlen = ipmi_msg_build_response(msg, IPMI_MSG_MAX_LEN, req,
					       &cc, 1);
	}
	local_bh_disable();
	cache_reply(s, req, req_hash, msg, mlen);
	len = wrap(s, msg, mlen, skb->data, cap);
	spin_lock(&s->lock);
	ep = s->peer;
	spin_unlock(&s->lock);
	local_bh_enable();
	kfree(msg);
	if (!len) {
		kfree_skb(skb);
		ipmi_lan_count_drop(srv, IPMI_LAN_DROP_NOMEM);
		return false;
	}
	skb_put(skb, len);
	ipmi_lan_socket_send_to(srv, &ep, skb);
	return true;

nomem:
	kfree(msg);
	kfree_skb(skb);
	ipmi_lan_count_drop(srv, IPMI_LAN_DROP_NOMEM);
	return false;
}

int ipmi_lan_rmcpp_session_rcv(struct rmcp_ctx *ctx, const u8 *pkt,
			       unsigned int len)
{
	struct ipmi_lan_session *s;
	const u8 *payload, *msg;
	unsigned int plen, mlen, rlen;
	bool authd, encd, close = false;
	u8 ptype, out_msg[IPMI_MSG_MAX_LEN];
	unsigned int plain = 0;		/* plaintext bytes in ctx->scratch */
	struct seqwin *win;
	u32 id, seq;
	int ret;

	/* 1. structure: pkt starts at the format byte */
	if (len < RMCPP_HEADER_LEN)
		return IPMI_LAN_DROP_TRUNCATED;
	ptype = pkt[1];
	id = get_unaligned_le32(pkt + 2);
	seq = get_unaligned_le32(pkt + 6);
	plen = pkt[10] | pkt[11] << 8;
	if (plen > len - RMCPP_HEADER_LEN)
		return IPMI_LAN_DROP_TRUNCATED;
	payload = pkt + RMCPP_HEADER_LEN;
	authd = ptype & RMCPP_PAYLOAD_AUTHENTICATED;
	encd = ptype & RMCPP_PAYLOAD_ENCRYPTED;

	/* 2. session lookup and state */
	if (!ctx->srv)
		return IPMI_LAN_DROP_UNKNOWN_SESSION;
	s = ipmi_lan_session_lookup(ctx->srv, id);
	if (!s)
		return IPMI_LAN_DROP_UNKNOWN_SESSION;
	/*
	 * Only an active session, only in-session payloads: nothing below
	 * may touch a pending session, whose keys do not exist yet. Pairs
	 * with the release in ipmi_lan_session_activate(), which publishes
	 * the keys.
	 */
	if (!ipmi_lan_session_allows(smp_load_acquire(&s->state),
				     ptype & RMCPP_PAYLOAD_TYPE_MASK)) {
		ret = IPMI_LAN_DROP_STATE;
		goto out;
	}
	/* Exactly the suite's protection: no downgrade, no pretence. */
	if (authd == !s->keys.integ || encd == !s->keys.conf) {
		ret = IPMI_LAN_DROP_DOWNGRADE;
		goto out;
	}

	/* 3. window pre-check, on the stream this packet belongs to */
	win = authd ? &s->win_auth : &s->win_unauth;
	spin_lock(&s->lock);
	ret = seqwin_check(win, seq) ? 0 : IPMI_LAN_DROP_WINDOW;
	spin_unlock(&s->lock);
	if (ret)
		goto out;

	/* 4. AuthCode */
	if (authd)
		ret = check_integrity(s, pkt, len, plen);
	else if (len != RMCPP_HEADER_LEN + plen)
		ret = IPMI_LAN_DROP_SESSION_HEADER;
	if (ret)
		goto out;

	/* 5, 6. decrypt and check the confidentiality pad */
	msg = payload;
	mlen = plen;
	if (encd) {
		/* From here on every exit wipes what decrypt() wrote. */
		plain = plen;
		ret = decrypt(s, payload, plen, ctx->scratch);
		if (ret < 0) {
			ret = -ret;
			goto out;
		}
		msg = ctx->scratch;
		mlen = ret;
		ret = 0;
	}

	/* 7. commit; a racing duplicate loses here */
	spin_lock(&s->lock);
	if (!seqwin_commit(win, seq)) {
		spin_unlock(&s->lock);
		ret = IPMI_LAN_DROP_WINDOW;
		goto out;
	}
	s->last_rx = jiffies;
	s->peer = *ctx->ep;
	spin_unlock(&s->lock);

	mlen = dispatch(ctx, s, msg, mlen, out_msg, &close);
	if (mlen) {
		rlen = wrap(s, out_msg, mlen, ctx->reply, ctx->cap);
		if (rlen)
			ctx->reply_len = rlen;
		else
			ipmi_lan_count_drop(ctx->srv, IPMI_LAN_DROP_NOMEM);
	}
	if (close)
		ipmi_lan_session_close(s);
	ret = RMCP_ACCEPTED;
out:
	/* The plaintext may hold a password (Set User Password). */
	if (plain)
		memzero_explicit(ctx->scratch, plain);
	ipmi_lan_session_put(s);
	return ret;
}
