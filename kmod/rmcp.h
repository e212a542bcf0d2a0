/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RMCP framing: ASF presence ping/pong, IPMI v1.5 and RMCP+ session
 * headers around IPMI messages.
 */

#ifndef _IPMI_LAN_RMCP_H
#define _IPMI_LAN_RMCP_H

#include <linux/types.h>

/* Returned by ipmi_lan_rmcp_handle() for a datagram that was accepted. */
enum { RMCP_ACCEPTED = -1 };

int ipmi_lan_rmcp_handle(const u8 *data, unsigned int len, u8 *reply,
			 unsigned int cap, unsigned int *reply_len);

#endif /* _IPMI_LAN_RMCP_H */
