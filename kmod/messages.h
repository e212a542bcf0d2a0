/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Wire constants of RMCP, ASF, IPMI v1.5 and RMCP+ (IPMI v2.0), and the
 * limits ipmi_lan enforces on them.
 */

#ifndef _IPMI_LAN_MESSAGES_H
#define _IPMI_LAN_MESSAGES_H

enum rmcp_values {
	RMCP_VERSION_1_0 = 0x06,
	RMCP_SEQ_NO_ACK = 0xff,		/* class IPMI must use it */
	RMCP_CLASS_MASK = 0x1f,
	RMCP_CLASS_ACK = 0x80,
	RMCP_CLASS_ASF = 0x06,
	RMCP_CLASS_IPMI = 0x07,
	RMCP_HEADER_LEN = 4,
};

enum asf_values {
	ASF_IANA = 4542,		/* 0x000011be, Alerting Standards Forum */
	ASF_TYPE_PING = 0x80,
	ASF_TYPE_PONG = 0x40,
	ASF_HEADER_LEN = 8,		/* IANA, type, tag, reserved, length */
	ASF_PONG_DATA_LEN = 16,
	ASF_PONG_ENTITIES_IPMI = 0x81,	/* bit 7: IPMI; bits 3:0: ASF 1.0 */
};

enum session_values {
	AUTHTYPE_NONE = 0x00,
	AUTHTYPE_RMCPP = 0x06,		/* "format": an RMCP+ session header */
	IPMI15_HEADER_LEN = 10,		/* authtype, seq, id, length (no authcode) */
	RMCPP_HEADER_LEN = 12,		/* format, type, id, seq, length */
	RMCPP_PAYLOAD_ENCRYPTED = 0x80,
	RMCPP_PAYLOAD_AUTHENTICATED = 0x40,
	RMCPP_PAYLOAD_TYPE_MASK = 0x3f,
	RMCPP_PAYLOAD_IPMI = 0x00,
	RMCPP_PAYLOAD_OEM = 0x02,
};

enum ipmi_msg_values {
	IPMI_BMC_SA = 0x20,		/* the BMC's slave address */
	IPMI_REMOTE_SWID = 0x81,	/* remote console software id */
	IPMI_MSG_MIN_LEN = 7,		/* rsSA netfn cks rqSA seq cmd cks */
	IPMI_MSG_MAX_LEN = 255,		/* v1.5 length byte; our RMCP+ cap too */
	IPMI_NETFN_APP = 0x06,
	IPMI_CMD_GET_CHANNEL_AUTH_CAPS = 0x38,
};

enum ipmi_completion_code {
	IPMI_CC_OK = 0x00,
	IPMI_CC_INVALID_CMD = 0xc1,
	IPMI_CC_REQ_DATA_LEN_INVALID = 0xc7,
	IPMI_CC_INVALID_DATA_FIELD = 0xcc,
};

enum ipmi_privilege {
	IPMI_PRIV_CALLBACK = 1,
	IPMI_PRIV_USER = 2,
	IPMI_PRIV_OPERATOR = 3,
	IPMI_PRIV_ADMIN = 4,
	IPMI_PRIV_OEM = 5,
};

enum ipmi_channel_values {
	IPMI_CHANNEL_CURRENT = 0x0e,
	IPMI_LAN_CHANNEL = 1,		/* the channel this server is */
};

enum limits {
	/* No valid request comes near this; anything larger is dropped. */
	MAX_DATAGRAM_LEN = 1024,
	/* The largest reply we build: headers, a full message, trailers. */
	MAX_REPLY_LEN = 512,
};

#endif /* _IPMI_LAN_MESSAGES_H */
