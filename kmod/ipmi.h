/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPMI message payload (type 0): requests outside a session (v1.5 or
 * RMCP+ framing) and inside one, answered by the module's commands
 * (cmd.c) or forwarded (smi.c), with each session's reply cache for
 * retransmitted requests.
 */

#ifndef _IPMI_LAN_IPMI_H
#define _IPMI_LAN_IPMI_H

#include "packet.h"

#include <linux/types.h>

struct ipmi_lan_msg;
struct ipmi_lan_route;
struct ipmi_lan_server;
struct ipmi_lan_session;

int ipmi_lan_ipmi_rcv(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt,
		      struct ipmi_lan_session *s, const u8 *payload,
		      unsigned int len);

/*
 * Sends the answer rsp (completion code, data) to a request of session s
 * received earlier, from any context, the way route says: to route->outer
 * itself (direct), or for a bridged request to its Send Message request
 * route->outer, from the target route->inner was addressed to (separate or
 * embedded). It is also kept for a retransmission of route->outer (whose
 * data hashed to req_hash). Returns whether it was sent.
 */
/*
 * For a request bridged twice, in the separate form: the transit's answer
 * to the Send Message in the middle (completion code cc), kept as above.
 */
bool ipmi_lan_ipmi_answer_middle(struct ipmi_lan_server *srv,
				 struct ipmi_lan_session *s,
				 const struct ipmi_lan_route *route,
				 u32 req_hash, u8 cc);
bool ipmi_lan_ipmi_answer(struct ipmi_lan_server *srv,
			  struct ipmi_lan_session *s,
			  const struct ipmi_lan_route *route, u32 req_hash,
			  const u8 *rsp, unsigned int rsp_len);

#endif /* _IPMI_LAN_IPMI_H */
