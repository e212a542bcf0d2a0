/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPMI commands the module answers itself.
 */

#ifndef _IPMI_LAN_CMD_H
#define _IPMI_LAN_CMD_H

#include <linux/types.h>

struct ipmi_msg;

unsigned int ipmi_lan_cmd_sessionless(const struct ipmi_msg *req, u8 *rsp,
				      unsigned int cap);

#endif /* _IPMI_LAN_CMD_H */
