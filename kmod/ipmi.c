// SPDX-License-Identifier: GPL-2.0
/*
 * The IPMI message payload (ipmi.h). A response message is built in place
 * in its packet (send.h); a session's recent responses are kept in its
 * reply cache (track.h), so a retransmitted request (the same rqSeq,
 * netfn, cmd and data) gets the same answer without running the command
 * again.
 */

#include "ipmi.h"
#include "cmd.h"
#include "messages.h"
#include "msg.h"
#include "send.h"
#include "server.h"
#include "session.h"
#include "track.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/jiffies.h>
#include <linux/string.h>

/* Nothing derived from a password is kept. */
static void cache_reply(struct ipmi_lan_session *s, const struct ipmi_lan_msg *req,
			u32 hash, const u8 *msg, unsigned int len)
{
	if (req->netfn == IPMI_NETFN_APP &&
	    req->cmd == IPMI_CMD_SET_USER_PASSWORD)
		return;
	ipmi_lan_reply_cache_add(&s->replies, req, hash, jiffies, msg, len);
}

/* A request outside a session, answered in the framing it came in. */
static int sessionless(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt,
		       struct ipmi_lan_request *c)
{
	const struct ipmi_lan_msg *req = c->req;
	struct ipmi_lan_tx tx;
	unsigned int len;

	len = ipmi_lan_cmd_sessionless(c);
	if (!len)
		return IPMI_LAN_DROP_NOT_ALLOWED;
	if (!ipmi_lan_presession_allowed(rx->srv, &rx->ep))
		return IPMI_LAN_DROP_RATELIMITED;
	if (!ipmi_lan_tx_begin(&tx, rx->srv, NULL, pkt->format,
			       IPMI_MSG_MIN_LEN + len))
		return RX_ACCEPTED;	/* counted */
	len = ipmi_msg_build_response(tx.payload, tx.room, req, c->rsp, len);
	if (!len) {
		ipmi_lan_tx_abort(&tx);
		return IPMI_LAN_DROP_NOMEM;
	}
	if (ipmi_lan_tx_seal(&tx, RMCPP_PAYLOAD_IPMI, len))
		ipmi_lan_tx_send(&tx, &rx->ep);
	return RX_ACCEPTED;
}

int ipmi_lan_ipmi_rcv(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt,
		      struct ipmi_lan_session *s, const u8 *payload,
		      unsigned int len)
{
	u8 rsp[CMD_RSP_MAX];
	struct ipmi_lan_request c = {
		.srv = rx->srv,
		.session = s,
		.rsp = rsp,
		.cap = sizeof(rsp),
	};
	u8 cached[REPLY_CACHE_LEN];
	struct ipmi_lan_msg req;
	struct ipmi_lan_tx tx;
	unsigned int mlen, n;
	int ret;

	ret = ipmi_msg_parse_request(&req, payload, len);
	if (ret)
		return ret;
	c.req = &req;
	if (!s)
		return sessionless(rx, pkt, &c);

	c.req_hash = ipmi_lan_request_hash(&req);
	/* Everything it was answered, in order (a bridged request: two). */
	for (n = 0; (mlen = ipmi_lan_reply_cache_find(&s->replies, &req,
						      c.req_hash, jiffies,
						      cached, n)); n++)
		ipmi_lan_send_payload(rx->srv, s, AUTHTYPE_RMCPP,
				      RMCPP_PAYLOAD_IPMI, cached, mlen, &rx->ep);
	if (n)
		return RX_ACCEPTED;
	len = ipmi_lan_cmd_session(&c);
	/* 0: forwarded, answered later (ipmi_lan_ipmi_reply()). */
	if (len && ipmi_lan_tx_begin(&tx, rx->srv, s, AUTHTYPE_RMCPP,
				     IPMI_MSG_MIN_LEN + len)) {
		mlen = ipmi_msg_build_response(tx.payload, tx.room, &req, rsp,
					       len);
		cache_reply(s, &req, c.req_hash, tx.payload, mlen);
		if (!mlen)
			ipmi_lan_tx_abort(&tx);
		else if (ipmi_lan_tx_seal(&tx, RMCPP_PAYLOAD_IPMI, mlen))
			ipmi_lan_tx_send(&tx, &rx->ep);
	}
	/*
	 * Bridged, separate: the transit's answer when bridged twice, then
	 * the target's if it is known already, after the Send Message's.
	 */
	if (c.middle)
		ipmi_lan_ipmi_answer_middle(rx->srv, s, &c.route, c.req_hash,
					    c.middle_cc);
	if (c.then_len)
		ipmi_lan_ipmi_answer(rx->srv, s, &c.route, c.req_hash, c.then,
				     c.then_len);
	memzero_explicit(c.then, sizeof(c.then));
	if (c.close_session)
		ipmi_lan_session_close(s);
	return RX_ACCEPTED;
}

/*
 * The transit's answer to the Send Message in the middle of a request
 * bridged twice, separate: its completion code, from the transit, naming
 * the outer Send Message's rqSeq and command 34h, as ipmitool expects.
 */
bool ipmi_lan_ipmi_answer_middle(struct ipmi_lan_server *srv,
				 struct ipmi_lan_session *s,
				 const struct ipmi_lan_route *route,
				 u32 req_hash, u8 cc)
{
	struct ipmi_lan_route middle = *route;

	middle.inner = route->middle;
	return ipmi_lan_ipmi_answer(srv, s, &middle, req_hash, &cc, 1);
}

bool ipmi_lan_ipmi_answer(struct ipmi_lan_server *srv,
			  struct ipmi_lan_session *s,
			  const struct ipmi_lan_route *route, u32 req_hash,
			  const u8 *rsp, unsigned int rsp_len)
{
	const struct ipmi_lan_msg *req = &route->outer;
	u8 embedded[IPMI_MSG_MAX_LEN], twice[IPMI_MSG_MAX_LEN];
	struct ipmi_lan_tx tx;
	unsigned int mlen = 0;

	if (!ipmi_lan_tx_begin(&tx, srv, s, AUTHTYPE_RMCPP, IPMI_MSG_MAX_LEN))
		return false;
	switch (route->mode) {
	case ROUTE_DIRECT:
		mlen = ipmi_msg_build_response(tx.payload, tx.room, req, rsp,
					       rsp_len);
		break;
	case ROUTE_SEPARATE:
		mlen = ipmi_msg_build_bridged(tx.payload, tx.room, req,
					      &route->inner, rsp, rsp_len);
		break;
	case ROUTE_EMBEDDED:
		/* Send Message's own response, the target's inside. */
		mlen = ipmi_msg_build_embedded(embedded, sizeof(embedded),
					       &route->inner, rsp, rsp_len);
		/* Bridged twice: inside the transit's, inside ours. */
		if (mlen && route->twice) {
			mlen = ipmi_msg_build_embedded(twice, sizeof(twice),
						       &route->middle,
						       embedded, mlen);
			memcpy(embedded, twice, mlen);
			memzero_explicit(twice, sizeof(twice));
		}
		if (mlen)
			mlen = ipmi_msg_build_response(tx.payload, tx.room, req,
						       embedded, mlen);
		memzero_explicit(embedded, sizeof(embedded));
		break;
	}
	if (!mlen) {
		/* Too long for the LAN: the console hears that instead. */
		u8 cc = IPMI_CC_UNSPECIFIED;

		mlen = ipmi_msg_build_response(tx.payload, tx.room, req, &cc, 1);
	}
	cache_reply(s, req, req_hash, tx.payload, mlen);
	if (!ipmi_lan_tx_seal(&tx, RMCPP_PAYLOAD_IPMI, mlen))
		return false;
	ipmi_lan_tx_send(&tx, NULL);
	return true;
}
