// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing and building IPMI messages, with their two checksums.
 */

#include "msg.h"
#include "messages.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/string.h>

/* The two's complement checksum: the bytes plus it sum to zero. */
u8 ipmi_msg_checksum(const u8 *p, unsigned int len)
{
	u8 sum = 0;

	while (len--)
		sum += *p++;
	return -sum;
}

/*
 * Parses a message of len bytes (7 to 255) whose checksums were checked:
 * the fields of a request, or of a response (rqSA and rsSA then trade
 * places, which the caller knows).
 */
static void msg_fields(struct ipmi_lan_msg *msg, const u8 *buf,
		       unsigned int len)
{
	msg->rs_sa = buf[0];
	msg->netfn = buf[1] >> 2;
	msg->rs_lun = buf[1] & 3;
	msg->rq_sa = buf[3];
	msg->rq_seq = buf[4] >> 2;
	msg->rq_lun = buf[4] & 3;
	msg->cmd = buf[5];
	msg->data = buf + 6;
	msg->data_len = len - IPMI_MSG_MIN_LEN;
}

static bool msg_sums_ok(const u8 *buf, unsigned int len)
{
	return ipmi_msg_checksum(buf, 2) == buf[2] &&
	       ipmi_msg_checksum(buf + 3, len - 4) == buf[len - 1];
}

/*
 * Parses a request. Returns 0, or the IPMI_LAN_DROP_* reason. The data
 * pointer of the result points into buf.
 */
int ipmi_msg_parse_request(struct ipmi_lan_msg *msg, const u8 *buf,
			   unsigned int len)
{
	if (len < IPMI_MSG_MIN_LEN)
		return IPMI_LAN_DROP_TRUNCATED;
	if (len > IPMI_MSG_MAX_LEN)
		return IPMI_LAN_DROP_MSG_HEADER;
	if (!msg_sums_ok(buf, len))
		return IPMI_LAN_DROP_CHECKSUM;
	msg_fields(msg, buf, len);

	/* Only requests to the BMC itself; a response here is bogus. */
	if (msg->rs_sa != IPMI_BMC_SA || (msg->netfn & 1))
		return IPMI_LAN_DROP_MSG_HEADER;
	return 0;
}

/*
 * Builds the response to req, rsp being the completion code and data.
 * Returns its length, or 0 if it does not fit in cap bytes.
 */
unsigned int ipmi_msg_build_response(u8 *out, unsigned int cap,
				     const struct ipmi_lan_msg *req,
				     const u8 *rsp, unsigned int rsp_len)
{
	unsigned int len = 6 + rsp_len + 1;

	if (!rsp_len || len > cap || len > IPMI_MSG_MAX_LEN)
		return 0;
	out[0] = req->rq_sa;
	out[1] = (req->netfn | 1) << 2 | req->rq_lun;
	out[2] = ipmi_msg_checksum(out, 2);
	out[3] = req->rs_sa;
	out[4] = req->rq_seq << 2 | req->rs_lun;
	out[5] = req->cmd;
	memcpy(out + 6, rsp, rsp_len);
	out[len - 1] = ipmi_msg_checksum(out + 3, len - 4);
	return len;
}

/*
 * The data of a Send Message request (App 34h). Returns 0, or the
 * completion code to answer: C7h when it cannot hold a message, CCh when
 * the message's checksums are wrong or the tracking bits are the reserved
 * value. The caller decides what each tracking operation and channel may
 * do.
 */
static u8 parse_send(struct ipmi_lan_send_msg *sm, const u8 *data,
		     unsigned int len)
{
	const u8 *m = data + 1;
	unsigned int mlen = len - 1;

	if (len < 1 + IPMI_MSG_MIN_LEN || mlen > IPMI_MSG_MAX_LEN)
		return IPMI_CC_REQ_DATA_LEN_INVALID;
	sm->channel = data[0] & 0x0f;
	sm->auth = data[0] & 0x10;
	sm->encrypt = data[0] & 0x20;
	sm->tracking = data[0] >> 6;
	if (sm->tracking == IPMI_SEND_MSG_RESERVED || !msg_sums_ok(m, mlen))
		return IPMI_CC_INVALID_DATA_FIELD;
	msg_fields(&sm->inner, m, mlen);
	return 0;
}

/* A Send Message that carries a request (CCh if it carries a response). */
u8 ipmi_msg_parse_send_message(struct ipmi_lan_send_msg *sm, const u8 *data,
			       unsigned int len)
{
	u8 cc = parse_send(sm, data, len);

	if (!cc && (sm->inner.netfn & 1))
		cc = IPMI_CC_INVALID_DATA_FIELD;
	return cc;
}

/*
 * The same, for a Send Message that carries a response (a consumer's on
 * IPMB): rsSA is then the requester it goes back to, rqSA the responder,
 * rq_seq the request's and rq_lun the responder's LUN.
 */
u8 ipmi_msg_parse_send_response(struct ipmi_lan_send_msg *sm, const u8 *data,
				unsigned int len)
{
	u8 cc = parse_send(sm, data, len);

	if (!cc && !(sm->inner.netfn & 1))
		cc = IPMI_CC_INVALID_DATA_FIELD;
	return cc;
}

/*
 * The answer to a bridged request as a message of its own (the separate
 * form, which FreeIPMI needs): to the outer request's requester, with its
 * sequence number and LUN, from the inner request's responder (the
 * target), with the inner netfn, LUN and command; rsp is the completion
 * code and data. Returns its length, or 0 if it does not fit in cap.
 */
unsigned int ipmi_msg_build_bridged(u8 *out, unsigned int cap,
				    const struct ipmi_lan_msg *outer,
				    const struct ipmi_lan_msg *inner,
				    const u8 *rsp, unsigned int rsp_len)
{
	struct ipmi_lan_msg hdr = *inner;

	hdr.rq_sa = outer->rq_sa;
	hdr.rq_seq = outer->rq_seq;
	hdr.rq_lun = outer->rq_lun;
	return ipmi_msg_build_response(out, cap, &hdr, rsp, rsp_len);
}

/*
 * The Send Message response that carries the inner response (the
 * embedded form, which ruipmi needs): completion code 00h, then the
 * inner response as the target sends it. Returns the length of that
 * response data (cc included), or 0 if it does not fit in cap.
 */
unsigned int ipmi_msg_build_embedded(u8 *out, unsigned int cap,
				     const struct ipmi_lan_msg *inner,
				     const u8 *rsp, unsigned int rsp_len)
{
	unsigned int n;

	if (cap < 1)
		return 0;
	n = ipmi_msg_build_response(out + 1, cap - 1, inner, rsp, rsp_len);
	if (!n)
		return 0;
	out[0] = IPMI_CC_OK;
	return n + 1;
}
