/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPMI messages as they travel over LAN: requests from the remote console
 * (rsSA netFn/rsLUN cks rqSA rqSeq/rqLUN cmd data cks) and responses.
 */

#ifndef _IPMI_LAN_MSG_H
#define _IPMI_LAN_MSG_H

#include <linux/types.h>

struct ipmi_lan_msg {
	u8 rs_sa;
	u8 netfn;
	u8 rs_lun;
	u8 rq_sa;
	u8 rq_seq;
	u8 rq_lun;
	u8 cmd;
	const u8 *data;
	unsigned int data_len;
};

/*
 * Send Message (App 34h) request data: the channel byte, then the message
 * to send (for IPMB: rsSA netFn/rsLUN cks rqSA rqSeq/rqLUN cmd data cks).
 * A message that is itself a Send Message is one more bridging level.
 */
enum ipmi_send_msg_tracking {
	IPMI_SEND_MSG_NO_TRACKING = 0,
	IPMI_SEND_MSG_TRACK = 1,	/* the response comes back to us */
	IPMI_SEND_MSG_RAW = 2,
	IPMI_SEND_MSG_RESERVED = 3,
};

struct ipmi_lan_send_msg {
	u8 channel;		/* bits 3:0 */
	u8 tracking;		/* bits 7:6 */
	bool auth, encrypt;	/* bits 4 and 5 */
	struct ipmi_lan_msg inner;	/* its data points into the request */
};

u8 ipmi_msg_checksum(const u8 *p, unsigned int len);
int ipmi_msg_parse_request(struct ipmi_lan_msg *msg, const u8 *buf,
			   unsigned int len);
unsigned int ipmi_msg_build_response(u8 *out, unsigned int cap,
				     const struct ipmi_lan_msg *req,
				     const u8 *rsp, unsigned int rsp_len);

u8 ipmi_msg_parse_send_message(struct ipmi_lan_send_msg *sm, const u8 *data,
			       unsigned int len);
u8 ipmi_msg_parse_send_response(struct ipmi_lan_send_msg *sm, const u8 *data,
				unsigned int len);
unsigned int ipmi_msg_build_bridged(u8 *out, unsigned int cap,
				    const struct ipmi_lan_msg *outer,
				    const struct ipmi_lan_msg *inner,
				    const u8 *rsp, unsigned int rsp_len);
unsigned int ipmi_msg_build_embedded(u8 *out, unsigned int cap,
				     const struct ipmi_lan_msg *inner,
				     const u8 *rsp, unsigned int rsp_len);

#endif /* _IPMI_LAN_MSG_H */
