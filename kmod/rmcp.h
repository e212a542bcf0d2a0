/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RMCP framing: ASF presence ping/pong, IPMI v1.5 and RMCP+ session
 * headers around IPMI messages and the RMCP+ handshake.
 */

#ifndef _IPMI_LAN_RMCP_H
#define _IPMI_LAN_RMCP_H

#include "messages.h"

#include <linux/types.h>

struct ipmi_lan_endpoint;
struct ipmi_lan_server;

/* Returned for a datagram that was accepted (drop reasons are >= 0). */
enum { RMCP_ACCEPTED = -1 };

/* One datagram being handled. */
struct rmcp_ctx {
	struct ipmi_lan_server *srv;		/* NULL only in unit tests */
	const struct ipmi_lan_endpoint *ep;
	u8 *scratch;		/* MAX_DATAGRAM_LEN bytes, linear memory */
	u8 *reply;		/* the reply is built here, linear memory */
	unsigned int cap;
	unsigned int reply_len;	/* 0: no reply */
};

/* The RMCP header of every IPMI-class datagram we send. */
static inline void rmcp_put_ipmi_header(u8 *p)
{
	p[0] = RMCP_VERSION_1_0;
	p[1] = 0;
	p[2] = RMCP_SEQ_NO_ACK;		/* class IPMI is never acked */
	p[3] = RMCP_CLASS_IPMI;
}

int ipmi_lan_rmcp_handle(struct rmcp_ctx *ctx, const u8 *data,
			 unsigned int len);

#endif /* _IPMI_LAN_RMCP_H */
