/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The receive path's top: RMCP framing (ASF presence ping, IPMI v1.5 and
 * RMCP+ session headers), each header parsed once, then dispatch by
 * payload type (payload.h).
 */

#ifndef _IPMI_LAN_RMCP_H
#define _IPMI_LAN_RMCP_H

#include "packet.h"

#include <linux/types.h>

int ipmi_lan_rmcp_handle(struct ipmi_lan_rx *rx, const u8 *data,
			 unsigned int len);

#endif /* _IPMI_LAN_RMCP_H */
