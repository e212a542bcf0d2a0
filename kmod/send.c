// SPDX-License-Identifier: GPL-2.0
/*
 * The transmit path (send.h). A packet is laid out once, in its skb:
 *
 *   RMCP header | session header | [IV] payload [conf pad, pad length]
 *               | [integrity pad, pad length, next header, AuthCode]
 *
 * The payload is written in place by its sender; sealing pads and
 * encrypts it where it lies, then writes the headers and the AuthCode.
 * Replies carry the console's session id, the session's own outbound
 * sequence number (never 0), a fresh IV and the AuthCode.
 */

#include "send.h"
#include "compat.h"
#include "crypto.h"
#include "messages.h"
#include "server.h"
#include "session.h"
#include "socket.h"

#include <linux/random.h>
#include <linux/skbuff.h>
#include <linux/string.h>

/* The most a session adds after its payload: pads, next header, AuthCode. */
enum { SESSION_TRAILER_MAX = AES_BLOCK + 3 + 2 + MAX_AUTHCODE_LEN };

static void put_rmcp_header(u8 *p, u8 seq, u8 class)
{
	p[0] = RMCP_VERSION_1_0;
	p[1] = 0;
	p[2] = seq;
	p[3] = class;
}

static unsigned int session_header_len(u8 format)
{
	return format == AUTHTYPE_RMCPP ? RMCPP_HEADER_LEN : IPMI15_HEADER_LEN;
}

static struct sk_buff *alloc_packet(struct ipmi_lan_server *srv,
				    unsigned int len)
{
	unsigned int head = ipmi_lan_socket_headroom();
	struct sk_buff *skb;

	skb = alloc_skb(head + len, GFP_ATOMIC);
	if (unlikely(!skb)) {
		ipmi_lan_count_drop(srv, IPMI_LAN_DROP_NOMEM);
		return NULL;
	}
	skb_reserve(skb, head);
	return skb;
}

bool ipmi_lan_tx_begin(struct ipmi_lan_tx *tx, struct ipmi_lan_server *srv,
		       struct ipmi_lan_session *s, u8 format, unsigned int room)
{
	unsigned int hlen, extra = 0;
	bool conf = false;

	if (s) {
		format = AUTHTYPE_RMCPP;
		conf = s->keys.conf != CONF_NONE;
		extra = (conf ? AES_BLOCK : 0) + SESSION_TRAILER_MAX;
	} else if (format != AUTHTYPE_RMCPP) {
		room = min(room, 255U);	/* v1.5: a one-byte length */
	}
	hlen = RMCP_HEADER_LEN + session_header_len(format);
	tx->srv = srv;
	tx->s = s;
	tx->format = format;
	tx->room = room;
	tx->skb = alloc_packet(srv, hlen + room + extra);
	if (!tx->skb)
		return false;
	/* The payload goes after the headers (and a session's IV). */
	tx->payload = tx->skb->data + hlen + (conf ? AES_BLOCK : 0);
	return true;
}

void ipmi_lan_tx_abort(struct ipmi_lan_tx *tx)
{
	if (!tx->skb)
		return;
	memzero_explicit(tx->payload, tx->room);
	kfree_skb(tx->skb);
	tx->skb = NULL;
}

/* Pads, encrypts and authenticates a session's payload in place. */
static bool seal_session(struct ipmi_lan_tx *tx, u8 ptype, unsigned int len)
{
	struct ipmi_lan_session *s = tx->s;
	bool integ = s->keys.integ != INTEG_NONE;
	bool conf = s->keys.conf != CONF_NONE;
	unsigned int alen = ipmi_lan_integ_len(s->keys.integ);
	unsigned int plen = len, cpad = 0, ipad = 0, i;
	u8 *h = tx->skb->data + RMCP_HEADER_LEN;
	u8 *p = h + RMCPP_HEADER_LEN;
	u32 seq;

	if (conf) {
		u8 *pt = tx->payload;	/* p + AES_BLOCK */

		cpad = (AES_BLOCK - (len + 1) % AES_BLOCK) % AES_BLOCK;
		for (i = 0; i < cpad; i++)
			pt[len + i] = i + 1;
		pt[len + cpad] = cpad;
		plen = AES_BLOCK + len + cpad + 1;
		get_random_bytes(p, AES_BLOCK);
		if (ipmi_lan_encrypt(&s->keys, p, pt, plen - AES_BLOCK))
			goto crypto;
	}

	spin_lock_bh(&s->lock);
	seq = ++s->out_seq;
	if (!seq)
		seq = ++s->out_seq;
	spin_unlock_bh(&s->lock);

	h[0] = AUTHTYPE_RMCPP;
	h[1] = ptype | (integ ? RMCPP_PAYLOAD_AUTHENTICATED : 0) |
	       (conf ? RMCPP_PAYLOAD_ENCRYPTED : 0);
	put_unaligned_le32(s->console_id, h + 2);
	put_unaligned_le32(seq, h + 6);
	put_unaligned_le16(plen, h + 10);
	if (integ) {
		u8 *t = p + plen;

		ipad = rmcpp_integ_pad(plen);
		memset(t, RMCPP_INTEG_PAD, ipad);
		t[ipad] = ipad;
		t[ipad + 1] = RMCPP_NEXT_HEADER;
		if (ipmi_lan_authcode(&s->keys, h, RMCPP_HEADER_LEN + plen +
				      ipad + 2, t + ipad + 2))
			goto crypto;
	}
	skb_put(tx->skb, RMCP_HEADER_LEN + RMCPP_HEADER_LEN + plen +
		(integ ? ipad + 2 + alen : 0));
	return true;

crypto:
	ipmi_lan_count_drop(tx->srv, IPMI_LAN_DROP_CRYPTO);
	ipmi_lan_tx_abort(tx);
	return false;
}

bool ipmi_lan_tx_seal(struct ipmi_lan_tx *tx, u8 ptype, unsigned int len)
{
	u8 *h = tx->skb->data + RMCP_HEADER_LEN;

	if (WARN_ON_ONCE(len > tx->room)) {
		ipmi_lan_count_drop(tx->srv, IPMI_LAN_DROP_NOMEM);
		ipmi_lan_tx_abort(tx);
		return false;
	}
	/* Class IPMI is never acknowledged. */
	put_rmcp_header(tx->skb->data, RMCP_SEQ_NO_ACK, RMCP_CLASS_IPMI);
	if (tx->s)
		return seal_session(tx, ptype, len);
	/* Outside a session the session id and sequence number are 0. */
	if (tx->format == AUTHTYPE_RMCPP) {
		memset(h, 0, RMCPP_HEADER_LEN);
		h[0] = AUTHTYPE_RMCPP;
		h[1] = ptype;
		put_unaligned_le16(len, h + 10);
	} else {
		memset(h, 0, IPMI15_HEADER_LEN);
		h[0] = AUTHTYPE_NONE;
		h[9] = len;
	}
	skb_put(tx->skb, RMCP_HEADER_LEN + session_header_len(tx->format) +
		len);
	return true;
}

void ipmi_lan_tx_send(struct ipmi_lan_tx *tx, const struct ipmi_lan_endpoint *ep)
{
	struct ipmi_lan_endpoint peer;

	if (!ep) {
		spin_lock_bh(&tx->s->lock);
		peer = tx->s->peer;
		spin_unlock_bh(&tx->s->lock);
		ep = &peer;
	}
	ipmi_lan_socket_send(tx->srv, ep, tx->skb);
	tx->skb = NULL;
}

bool ipmi_lan_send_payload(struct ipmi_lan_server *srv,
			   struct ipmi_lan_session *s, u8 format, u8 ptype,
			   const void *payload, unsigned int len,
			   const struct ipmi_lan_endpoint *ep)
{
	struct ipmi_lan_tx tx;

	if (!ipmi_lan_tx_begin(&tx, srv, s, format, len))
		return false;
	memcpy(tx.payload, payload, len);
	if (!ipmi_lan_tx_seal(&tx, ptype, len))
		return false;
	ipmi_lan_tx_send(&tx, ep);
	return true;
}

void ipmi_lan_send_pong(struct ipmi_lan_server *srv,
			const struct ipmi_lan_endpoint *ep, u8 seq, u8 tag)
{
	const unsigned int len = RMCP_HEADER_LEN + ASF_HEADER_LEN +
				 ASF_PONG_DATA_LEN;
	struct sk_buff *skb;
	u8 *p;

	skb = alloc_packet(srv, len);
	if (!skb)
		return;
	p = skb_put_zero(skb, len);
	/* An ASF message echoes the ping's RMCP sequence number. */
	put_rmcp_header(p, seq, RMCP_CLASS_ASF);
	p += RMCP_HEADER_LEN;
	put_unaligned_be32(ASF_IANA, p);
	p[4] = ASF_TYPE_PONG;
	p[5] = tag;
	p[7] = ASF_PONG_DATA_LEN;
	p += ASF_HEADER_LEN;
	/* OEM IANA; the OEM-defined bytes stay 0 */
	put_unaligned_be32(ASF_IANA, p);
	p[8] = ASF_PONG_ENTITIES_IPMI;	/* no ASF interactions, rest reserved */
	ipmi_lan_socket_send(srv, ep, skb);
}
