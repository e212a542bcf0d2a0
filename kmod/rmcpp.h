/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RMCP+ session layer: integrity, confidentiality and the sequence
 * window of packets inside a session.
 */

#ifndef _IPMI_LAN_RMCPP_H
#define _IPMI_LAN_RMCPP_H

#include <linux/types.h>

struct rmcp_ctx;

int ipmi_lan_rmcpp_session_rcv(struct rmcp_ctx *ctx, const u8 *pkt,
			       unsigned int len);

#endif /* _IPMI_LAN_RMCPP_H */
