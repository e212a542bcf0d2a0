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
	if (ipmi_msg_checksum(buf, 2) != buf[2] ||
	    ipmi_msg_checksum(buf + 3, len - 4) != buf[len - 1])
		return IPMI_LAN_DROP_CHECKSUM;

	msg->rs_sa = buf[0];
	msg->netfn = buf[1] >> 2;
	msg->rs_lun = buf[1] & 3;
	msg->rq_sa = buf[3];
	msg->rq_seq = buf[4] >> 2;
	msg->rq_lun = buf[4] & 3;
	msg->cmd = buf[5];
	msg->data = buf + 6;
	msg->data_len = len - IPMI_MSG_MIN_LEN;

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
