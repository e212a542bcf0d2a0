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

u8 ipmi_msg_checksum(const u8 *p, unsigned int len);
int ipmi_msg_parse_request(struct ipmi_lan_msg *msg, const u8 *buf,
			   unsigned int len);
unsigned int ipmi_msg_build_response(u8 *out, unsigned int cap,
				     const struct ipmi_lan_msg *req,
				     const u8 *rsp, unsigned int rsp_len);

#endif /* _IPMI_LAN_MSG_H */
