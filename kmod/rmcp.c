// SPDX-License-Identifier: GPL-2.0
/*
 * The outer layers of a datagram: the RMCP header, then either an ASF
 * message or an IPMI v1.5 / RMCP+ session header around a payload.
 *
 * Everything here treats the datagram as hostile: fields are read through
 * a bounded cursor, lengths are checked before use, and anything that does
 * not parse is dropped with a reason and no answer.
 */

#include "rmcp.h"
#include "cmd.h"
#include "compat.h"
#include "cursor.h"
#include "messages.h"
#include "msg.h"
#include "rakp.h"
#include "rmcpp.h"
#include "server.h"
#include "session.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/string.h>
#include <linux/timekeeping.h>

/*
 * Everything answered before authentication is rate limited per source, so
 * the server is neither a cheap reflector nor a handshake oracle at speed.
 */
static bool presession_allowed(struct rmcp_ctx *ctx)
{
	if (!ctx->srv)
		return true;
	return ipmi_lan_ratelimit_allow(&ctx->srv->ratelimit,
					ipmi_lan_source_key(&ctx->ep->addr),
					ktime_get_ns());
}

static int asf_rcv(struct rmcp_ctx *ctx, u8 rmcp_seq, struct cursor *c)
{
	unsigned int cap = ctx->cap;
	u8 *reply = ctx->reply;
	u32 iana;
	u8 type, tag, dlen;
	u8 *p = reply;

	iana = cursor_be32(c);
	type = cursor_u8(c);
	tag = cursor_u8(c);
	cursor_u8(c);			/* reserved */
	dlen = cursor_u8(c);
	if (cursor_failed(c) || !cursor_pull(c, dlen))
		return IPMI_LAN_DROP_TRUNCATED;
	if (iana != ASF_IANA || type != ASF_TYPE_PING)
		return IPMI_LAN_DROP_ASF;
	if (!presession_allowed(ctx))
		return IPMI_LAN_DROP_RATELIMITED;
	if (cap < RMCP_HEADER_LEN + ASF_HEADER_LEN + ASF_PONG_DATA_LEN)
		return IPMI_LAN_DROP_NOMEM;

	memset(p, 0, RMCP_HEADER_LEN + ASF_HEADER_LEN + ASF_PONG_DATA_LEN);
	p[0] = RMCP_VERSION_1_0;
	p[2] = rmcp_seq;
	p[3] = RMCP_CLASS_ASF;
	p += RMCP_HEADER_LEN;
	put_unaligned_be32(ASF_IANA, p);
	p[4] = ASF_TYPE_PONG;
	p[5] = tag;
	p[7] = ASF_PONG_DATA_LEN;
	p += ASF_HEADER_LEN;
	/* OEM IANA; the OEM-defined bytes stay 0 */
	put_unaligned_be32(ASF_IANA, p);
	p[8] = ASF_PONG_ENTITIES_IPMI;	/* no ASF interactions, rest reserved */
	ctx->reply_len = RMCP_HEADER_LEN + ASF_HEADER_LEN + ASF_PONG_DATA_LEN;
	return RMCP_ACCEPTED;
}

/*
 * An IPMI message outside any session. header_len bytes of session header
 * are reserved in front of the reply message; the caller fills them in.
 */
static int sessionless_msg(struct rmcp_ctx *ctx, const u8 *msg,
			   unsigned int msg_len, unsigned int header_len,
			   unsigned int *out_len)
{
	u8 rsp[CMD_RSP_MAX];
	struct ipmi_lan_request c = {
		.srv = ctx->srv,
		.rsp = rsp,
		.cap = sizeof(rsp),
	};
	struct ipmi_lan_msg req;
	unsigned int rsp_len;
	int ret;

	ret = ipmi_msg_parse_request(&req, msg, msg_len);
	if (ret)
		return ret;
	c.req = &req;
	rsp_len = ipmi_lan_cmd_sessionless(&c);
	if (!rsp_len)
		return IPMI_LAN_DROP_NOT_ALLOWED;
	if (!presession_allowed(ctx))
		return IPMI_LAN_DROP_RATELIMITED;
	if (ctx->cap < header_len)
		return IPMI_LAN_DROP_NOMEM;
	*out_len = ipmi_msg_build_response(ctx->reply + header_len,
					   ctx->cap - header_len, &req, rsp,
					   rsp_len);
	if (!*out_len)
		return IPMI_LAN_DROP_NOMEM;
	return RMCP_ACCEPTED;
}

/* IPMI v1.5 session header; only session-less messages are accepted. */
static int ipmi15_rcv(struct rmcp_ctx *ctx, struct cursor *c)
{
	u8 *reply = ctx->reply;
	const unsigned int hlen = RMCP_HEADER_LEN + IPMI15_HEADER_LEN;
	const u8 *msg;
	u8 authtype, msg_len;
	u32 session_id;
	unsigned int len;
	int ret;

	authtype = cursor_u8(c);
	cursor_le32(c);			/* session sequence */
	session_id = cursor_le32(c);
	if (cursor_failed(c))
		return IPMI_LAN_DROP_TRUNCATED;
	/* v1.5 sessions are not offered: no authcode, no session id. */
	if (authtype != AUTHTYPE_NONE)
		return IPMI_LAN_DROP_SESSION_HEADER;
	if (session_id)
		return IPMI_LAN_DROP_UNKNOWN_SESSION;
	msg_len = cursor_u8(c);
	msg = cursor_pull(c, msg_len);
	if (!msg)
		return IPMI_LAN_DROP_TRUNCATED;
	/* One legacy pad byte may follow the message. */
	if (cursor_left(c) > 1)
		return IPMI_LAN_DROP_SESSION_HEADER;

	ret = sessionless_msg(ctx, msg, msg_len, hlen, &len);
	if (ret != RMCP_ACCEPTED)
		return ret;
	memset(reply, 0, hlen);
	rmcp_put_ipmi_header(reply);
	reply[4] = AUTHTYPE_NONE;
	/* session sequence and id stay 0 */
	reply[13] = len;
	ctx->reply_len = hlen + len;
	return RMCP_ACCEPTED;
}

/*
 * RMCP+ session header. Session 0 carries unauthenticated pre-session
 * messages: IPMI requests (authentication capabilities, cipher suites) and
 * the handshake; anything else belongs to a session.
 */
static int rmcpp_rcv(struct rmcp_ctx *ctx, struct cursor *c)
{
	const unsigned int hlen = RMCP_HEADER_LEN + RMCPP_HEADER_LEN;
	const u8 *start = c->p, *payload;
	u8 ptype, *reply = ctx->reply;
	unsigned int len, total = cursor_left(c);
	u32 session_id;
	u16 payload_len;
	int ret;

	cursor_u8(c);			/* format: AUTHTYPE_RMCPP */
	ptype = cursor_u8(c);
	session_id = cursor_le32(c);
	cursor_le32(c);			/* session sequence */
	payload_len = cursor_le16(c);
	if (cursor_failed(c))
		return IPMI_LAN_DROP_TRUNCATED;
	if ((ptype & RMCPP_PAYLOAD_TYPE_MASK) == RMCPP_PAYLOAD_OEM)
		return IPMI_LAN_DROP_SESSION_HEADER;
	if (session_id)
		return ipmi_lan_rmcpp_session_rcv(ctx, start, total);
	/* Outside a session nothing can be authenticated or encrypted. */
	if (ptype & (RMCPP_PAYLOAD_ENCRYPTED | RMCPP_PAYLOAD_AUTHENTICATED))
		return IPMI_LAN_DROP_SESSION_HEADER;
	payload = cursor_pull(c, payload_len);
	if (!payload)
		return IPMI_LAN_DROP_TRUNCATED;
	if (cursor_left(c))
		return IPMI_LAN_DROP_SESSION_HEADER;
	switch (ptype) {
	case RMCPP_PAYLOAD_IPMI:
		break;
	case RMCPP_PAYLOAD_OPEN_REQ:
	case RMCPP_PAYLOAD_RAKP1:
	case RMCPP_PAYLOAD_RAKP3:
		if (!ctx->srv)
			return IPMI_LAN_DROP_NOT_ALLOWED;
		if (!presession_allowed(ctx))
			return IPMI_LAN_DROP_RATELIMITED;
		return ipmi_lan_handshake_queue(ctx->srv, ctx->ep, ptype,
						payload, payload_len);
	default:
		return IPMI_LAN_DROP_NOT_ALLOWED;
	}

	ret = sessionless_msg(ctx, payload, payload_len, hlen, &len);
	if (ret != RMCP_ACCEPTED)
		return ret;
	memset(reply, 0, hlen);
	rmcp_put_ipmi_header(reply);
	reply[4] = AUTHTYPE_RMCPP;
	reply[5] = RMCPP_PAYLOAD_IPMI;
	/* session id and sequence stay 0 */
	put_unaligned_le16(len, reply + 14);
	ctx->reply_len = hlen + len;
	return RMCP_ACCEPTED;
}

/*
 * Handles one datagram. Returns RMCP_ACCEPTED, with the reply (if any) in
 * ctx->reply[0 .. ctx->reply_len), or the enum ipmi_lan_drop_reason it was
 * dropped for.
 */
int ipmi_lan_rmcp_handle(struct rmcp_ctx *ctx, const u8 *data,
			 unsigned int len)
{
	struct cursor c;
	u8 version, seq, class;

	ctx->reply_len = 0;
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
		return asf_rcv(ctx, seq, &c);
	case RMCP_CLASS_IPMI:
		if (seq != RMCP_SEQ_NO_ACK)
			return IPMI_LAN_DROP_RMCP_HEADER;
		if (!cursor_left(&c))
			return IPMI_LAN_DROP_TRUNCATED;
		if (c.p[0] == AUTHTYPE_RMCPP)
			return rmcpp_rcv(ctx, &c);
		return ipmi15_rcv(ctx, &c);
	default:
		return IPMI_LAN_DROP_RMCP_HEADER;
	}
}
