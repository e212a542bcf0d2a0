// SPDX-License-Identifier: GPL-2.0
/*
 * The outer layers of a datagram: the RMCP header, then either an ASF
 * message or an IPMI v1.5 / RMCP+ session header around a payload. Each
 * header is parsed once, here, into struct ipmi_lan_pkt; a packet of a
 * session is then verified, decrypted and committed by rmcpp.c, and every
 * payload goes to its handler through the payload table (payload.h).
 *
 * Everything here treats the datagram as hostile: fields are read through
 * a bounded cursor, lengths are checked before use, and anything that does
 * not parse is dropped with a reason and no answer.
 */

#include "rmcp.h"
#include "cursor.h"
#include "messages.h"
#include "payload.h"
#include "rmcpp.h"
#include "send.h"
#include "server.h"

#include <uapi/linux/ipmi_lan.h>

static int asf_rcv(struct ipmi_lan_rx *rx, u8 rmcp_seq, struct cursor *c)
{
	u32 iana;
	u8 type, tag, dlen;

	iana = cursor_be32(c);
	type = cursor_u8(c);
	tag = cursor_u8(c);
	cursor_u8(c);			/* reserved */
	dlen = cursor_u8(c);
	if (cursor_failed(c) || !cursor_pull(c, dlen))
		return IPMI_LAN_DROP_TRUNCATED;
	if (iana != ASF_IANA || type != ASF_TYPE_PING)
		return IPMI_LAN_DROP_ASF;
	if (!ipmi_lan_presession_allowed(rx->srv, &rx->ep))
		return IPMI_LAN_DROP_RATELIMITED;
	ipmi_lan_send_pong(rx->srv, &rx->ep, rmcp_seq, tag);
	return RX_ACCEPTED;
}

/* IPMI v1.5 session header; only session-less messages are accepted. */
static int ipmi15_parse(struct cursor *c, struct ipmi_lan_pkt *pkt)
{
	u8 msg_len;

	pkt->hdr = c->p;
	pkt->len = cursor_left(c);
	pkt->format = cursor_u8(c);
	pkt->seq = cursor_le32(c);
	pkt->id = cursor_le32(c);
	if (cursor_failed(c))
		return IPMI_LAN_DROP_TRUNCATED;
	/* v1.5 sessions are not offered: no authcode, no session id. */
	if (pkt->format != AUTHTYPE_NONE)
		return IPMI_LAN_DROP_SESSION_HEADER;
	if (pkt->id)
		return IPMI_LAN_DROP_UNKNOWN_SESSION;
	msg_len = cursor_u8(c);
	pkt->payload = cursor_pull(c, msg_len);
	if (!pkt->payload)
		return IPMI_LAN_DROP_TRUNCATED;
	pkt->plen = msg_len;
	/* One legacy pad byte may follow the message. */
	if (cursor_left(c) > 1)
		return IPMI_LAN_DROP_SESSION_HEADER;
	pkt->ptype = RMCPP_PAYLOAD_IPMI;
	return RX_ACCEPTED;
}

/*
 * RMCP+ session header. Session 0 carries unauthenticated pre-session
 * messages: IPMI requests (authentication capabilities, cipher suites) and
 * the handshake; anything else belongs to a session, whose trailer
 * rmcpp.c checks.
 */
static int rmcpp_parse(struct cursor *c, struct ipmi_lan_pkt *pkt)
{
	pkt->hdr = c->p;
	pkt->len = cursor_left(c);
	pkt->format = cursor_u8(c);
	pkt->ptype = cursor_u8(c);
	pkt->id = cursor_le32(c);
	pkt->seq = cursor_le32(c);
	pkt->plen = cursor_le16(c);
	if (cursor_failed(c))
		return IPMI_LAN_DROP_TRUNCATED;
	if ((pkt->ptype & RMCPP_PAYLOAD_TYPE_MASK) == RMCPP_PAYLOAD_OEM)
		return IPMI_LAN_DROP_SESSION_HEADER;
	pkt->payload = cursor_pull(c, pkt->plen);
	if (!pkt->payload)
		return IPMI_LAN_DROP_TRUNCATED;
	if (pkt->id)
		return RX_ACCEPTED;
	/* Outside a session nothing can be authenticated or encrypted. */
	if (pkt->ptype & (RMCPP_PAYLOAD_ENCRYPTED | RMCPP_PAYLOAD_AUTHENTICATED))
		return IPMI_LAN_DROP_SESSION_HEADER;
	if (cursor_left(c))
		return IPMI_LAN_DROP_SESSION_HEADER;
	return RX_ACCEPTED;
}

/* Hands a parsed packet's payload to its handler, if it is allowed. */
static int dispatch(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt)
{
	const struct ipmi_lan_payload *p = ipmi_lan_payload_get(pkt->ptype);
	struct ipmi_lan_rmcpp_in in;
	int ret;

	if (!pkt->id) {
		if (!p || !p->outside)
			return IPMI_LAN_DROP_NOT_ALLOWED;
		return p->rcv(rx, pkt, NULL, pkt->payload, pkt->plen);
	}
	ret = ipmi_lan_rmcpp_verify(rx, pkt, &in);
	if (ret != RX_ACCEPTED)
		return ret;
	/* verify() took only a payload the session's state allows. */
	ret = p->rcv(rx, pkt, in.s, in.payload, in.len);
	ipmi_lan_rmcpp_done(rx, &in);
	return ret;
}

/*
 * Handles one datagram: returns RX_ACCEPTED (any answer is sent), or the
 * enum ipmi_lan_drop_reason it was dropped for.
 */
int ipmi_lan_rmcp_handle(struct ipmi_lan_rx *rx, const u8 *data,
			 unsigned int len)
{
	struct ipmi_lan_pkt pkt;
	struct cursor c;
	u8 version, seq, class;
	int ret;

	if (len > MAX_DATAGRAM_LEN)
		return IPMI_LAN_DROP_OVERSIZE;
	cursor_init(&c, data, len);
	version = cursor_u8(&c);
	cursor_u8(&c);			/* reserved */
	seq = cursor_u8(&c);
	class = cursor_u8(&c);
	if (cursor_failed(&c))
		return IPMI_LAN_DROP_TRUNCATED;
	/* We never send or expect RMCP ACKs. */
	if (version != RMCP_VERSION_1_0 || (class & RMCP_CLASS_ACK))
		return IPMI_LAN_DROP_RMCP_HEADER;

	switch (class & RMCP_CLASS_MASK) {
	case RMCP_CLASS_ASF:
		return asf_rcv(rx, seq, &c);
	case RMCP_CLASS_IPMI:
		if (seq != RMCP_SEQ_NO_ACK)
			return IPMI_LAN_DROP_RMCP_HEADER;
		if (!cursor_left(&c))
			return IPMI_LAN_DROP_TRUNCATED;
		if (c.p[0] == AUTHTYPE_RMCPP)
			ret = rmcpp_parse(&c, &pkt);
		else
			ret = ipmi15_parse(&c, &pkt);
		if (ret != RX_ACCEPTED)
			return ret;
		return dispatch(rx, &pkt);
	default:
		return IPMI_LAN_DROP_RMCP_HEADER;
	}
}
