// SPDX-License-Identifier: GPL-2.0
/*
 * IPMI commands answered by the module itself. Each handler gets a parsed
 * request and writes the completion code and response data.
 */

#include "cmd.h"
#include "messages.h"
#include "msg.h"

#include <linux/string.h>

enum {
	AUTH_CAPS_EXTENDED = 0x80,	/* request: IPMI v2.0 data wanted */
	AUTH_CAPS_RESERVED = 0x70,
	AUTH_CAPS_V20_AVAILABLE = 0x80,	/* response byte 2 */
	AUTH_CAPS_NON_NULL_USERS = 0x04,	/* response byte 3 */
	AUTH_CAPS_CONN_V20 = 0x02,	/* response byte 4 */
	AUTH_CAPS_RSP_LEN = 9,		/* cc + 8 bytes */
};

static unsigned int cc_only(u8 *rsp, u8 cc)
{
	rsp[0] = cc;
	return 1;
}

/*
 * Get Channel Authentication Capabilities (App 38h). Sent before any
 * session, in IPMI v1.5 framing by ipmitool and FreeIPMI and in RMCP+
 * framing by others. Only RMCP+ logins with named users are offered.
 */
static unsigned int get_channel_auth_caps(const struct ipmi_msg *req, u8 *rsp)
{
	u8 channel, priv;
	bool ext;

	if (req->data_len != 2)
		return cc_only(rsp, IPMI_CC_REQ_DATA_LEN_INVALID);
	ext = req->data[0] & AUTH_CAPS_EXTENDED;
	channel = req->data[0] & 0x0f;
	priv = req->data[1];
	if ((req->data[0] & AUTH_CAPS_RESERVED) ||
	    (channel != IPMI_CHANNEL_CURRENT && channel != IPMI_LAN_CHANNEL) ||
	    priv < IPMI_PRIV_CALLBACK || priv > IPMI_PRIV_OEM)
		return cc_only(rsp, IPMI_CC_INVALID_DATA_FIELD);

	memset(rsp, 0, AUTH_CAPS_RSP_LEN);
	rsp[0] = IPMI_CC_OK;
	rsp[1] = IPMI_LAN_CHANNEL;
	/* No IPMI v1.5 authentication types are offered. */
	rsp[2] = ext ? AUTH_CAPS_V20_AVAILABLE : 0;
	rsp[3] = AUTH_CAPS_NON_NULL_USERS;
	rsp[4] = ext ? AUTH_CAPS_CONN_V20 : 0;
	/* bytes 5-7: OEM IANA, byte 8: OEM data; none */
	return AUTH_CAPS_RSP_LEN;
}

/*
 * A request that came outside any session. Returns the response length,
 * or 0 if the command is not allowed outside a session (it is dropped).
 * rsp must hold at least 16 bytes.
 */
unsigned int ipmi_lan_cmd_sessionless(const struct ipmi_msg *req, u8 *rsp,
				      unsigned int cap)
{
	if (cap < 16)
		return 0;
	if (req->netfn == IPMI_NETFN_APP &&
	    req->cmd == IPMI_CMD_GET_CHANNEL_AUTH_CAPS)
		return get_channel_auth_caps(req, rsp);
	return 0;
}
