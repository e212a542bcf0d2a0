/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RMCP+ session layer: integrity, confidentiality and the sequence
 * window of packets inside a session.
 */

#ifndef _IPMI_LAN_RMCPP_H
#define _IPMI_LAN_RMCPP_H

#include <linux/types.h>

struct ipmi_lan_server;
struct ipmi_lan_session;
struct ipmi_lan_msg;
struct rmcp_ctx;

int ipmi_lan_rmcpp_session_rcv(struct rmcp_ctx *ctx, const u8 *pkt,
			       unsigned int len);
bool ipmi_lan_rmcpp_reply(struct ipmi_lan_server *srv,
			  struct ipmi_lan_session *s, const struct ipmi_lan_msg *req,
			  u32 req_hash, const u8 *rsp, unsigned int rsp_len);

#endif /* _IPMI_LAN_RMCPP_H */
