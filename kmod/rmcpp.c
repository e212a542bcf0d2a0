// SPDX-License-Identifier: GPL-2.0
/*
 * Packets inside an RMCP+ session, in softirq, on their way from rmcp.c
 * (which parsed the header) to their payload's handler. Inbound checks run
 * in this order, and a packet failing any of them is dropped without an
 * answer:
 *
 *   1. length and structure        5. decrypt
 *   2. session lookup (and state)  6. confidentiality pad
 *   3. window pre-check            7. commit the sequence number
 *   4. AuthCode, constant time
 *
 * The session's own packets are built by send.c.
 */

#include "rmcpp.h"
#include "compat.h"
#include "crypto.h"
#include "messages.h"
#include "payload.h"
#include "session.h"

#include <uapi/linux/ipmi_lan.h>

#include <crypto/algapi.h>
#include <linux/string.h>

/*
 * Checks the integrity trailer of pkt (from the format byte on, len bytes,
 * the payload being plen bytes). Returns 0 or a drop reason.
 */
static int check_integrity(const struct ipmi_lan_session *s, const u8 *pkt,
			   unsigned int len, unsigned int plen)
{
	unsigned int pad = rmcpp_integ_pad(plen);
	unsigned int alen = ipmi_lan_integ_len(s->keys.integ);
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
		return IPMI_LAN_DROP_CRYPTO;
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
		return -IPMI_LAN_DROP_CRYPTO;
	pad = buf[clen - 1];
	if (pad >= AES_BLOCK)
		return -IPMI_LAN_DROP_PAD;
	for (i = 0; i < pad; i++)
		if (buf[clen - 1 - pad + i] != i + 1)
			return -IPMI_LAN_DROP_PAD;
	return clen - 1 - pad;
}

int ipmi_lan_rmcpp_verify(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt,
			  struct ipmi_lan_rmcpp_in *in)
{
	bool authd = pkt->ptype & RMCPP_PAYLOAD_AUTHENTICATED;
	bool encd = pkt->ptype & RMCPP_PAYLOAD_ENCRYPTED;
	struct ipmi_lan_session *s;
	struct seqwin *win;
	int ret;

	/* 1. structure: rmcp.c parsed the header and pulled the payload */

	/* 2. session lookup and state */
	s = ipmi_lan_session_lookup(rx->srv, pkt->id);
	if (!s)
		return IPMI_LAN_DROP_UNKNOWN_SESSION;
	in->s = s;
	in->plain = 0;
	/*
	 * Only the payloads the table allows in the session's state: nothing
	 * below may touch a pending session, whose keys do not exist yet.
	 * Pairs with the release in ipmi_lan_session_activate(), which
	 * publishes the keys.
	 */
	if (!ipmi_lan_payload_in_session(smp_load_acquire(&s->state),
					 pkt->ptype)) {
		ret = IPMI_LAN_DROP_STATE;
		goto drop;
	}
	/* Exactly the suite's protection: no downgrade, no pretence. */
	if (authd == !s->keys.integ || encd == !s->keys.conf) {
		ret = IPMI_LAN_DROP_DOWNGRADE;
		goto drop;
	}

	/* 3. window pre-check, on the stream this packet belongs to */
	win = authd ? &s->win_auth : &s->win_unauth;
	spin_lock(&s->lock);
	ret = seqwin_check(win, pkt->seq) ? 0 : IPMI_LAN_DROP_WINDOW;
	spin_unlock(&s->lock);
	if (ret)
		goto drop;

	/* 4. AuthCode */
	if (authd)
		ret = check_integrity(s, pkt->hdr, pkt->len, pkt->plen);
	else if (pkt->len != RMCPP_HEADER_LEN + pkt->plen)
		ret = IPMI_LAN_DROP_SESSION_HEADER;
	if (ret)
		goto drop;

	/* 5, 6. decrypt and check the confidentiality pad */
	in->payload = pkt->payload;
	in->len = pkt->plen;
	if (encd) {
		/* From here on every exit wipes what decrypt() wrote. */
		in->plain = pkt->plen;
		ret = decrypt(s, pkt->payload, pkt->plen, rx->scratch);
		if (ret < 0) {
			ret = -ret;
			goto drop;
		}
		in->payload = rx->scratch;
		in->len = ret;
	}

	/* 7. commit; a racing duplicate loses here */
	spin_lock(&s->lock);
	if (!seqwin_commit(win, pkt->seq)) {
		spin_unlock(&s->lock);
		ret = IPMI_LAN_DROP_WINDOW;
		goto drop;
	}
	s->last_rx = jiffies;
	s->peer = rx->ep;
	spin_unlock(&s->lock);
	return RX_ACCEPTED;

drop:
	ipmi_lan_rmcpp_done(rx, in);
	return ret;
}

void ipmi_lan_rmcpp_done(struct ipmi_lan_rx *rx, struct ipmi_lan_rmcpp_in *in)
{
	/* The plaintext may hold a password (Set User Password). */
	if (in->plain)
		memzero_explicit(rx->scratch, in->plain);
	in->plain = 0;
	ipmi_lan_session_put(in->s);
	in->s = NULL;
}
