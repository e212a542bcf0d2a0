// SPDX-License-Identifier: GPL-2.0
/*
 * IPMI commands answered by the module itself. Each handler gets the
 * parsed request and writes the completion code and the response data;
 * the table says which commands exist, the privilege each needs, and
 * which may be sent outside a session.
 */

#include "cmd.h"
#include "bridge.h"
#include "compat.h"
#include "channel.h"
#include "crypto.h"
#include "messages.h"
#include "msg.h"
#include "server.h"
#include "session.h"
#include "smi.h"
#include "sol.h"
#include "user.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/string.h>

enum {
	AUTH_CAPS_EXTENDED = 0x80,	/* request: IPMI v2.0 data wanted */
	AUTH_CAPS_RESERVED = 0x70,
	AUTH_CAPS_V20_AVAILABLE = 0x80,	/* response byte 2 */
	AUTH_CAPS_KG_SET = 0x20,	/* response byte 3 */
	AUTH_CAPS_NON_NULL_USERS = 0x04,
	AUTH_CAPS_CONN_V20 = 0x02,	/* response byte 4 */
	SUITE_RECORD_START = 0xc0,
	SUITE_PAGE = 16,
	IPMI_VERSION_2_0 = 0x02,
	CHANNEL_MEDIUM_IPMB = 0x01,
	CHANNEL_MEDIUM_LAN = 0x04,
	CHANNEL_MEDIUM_SYSTEM = 0x0c,
	CHANNEL_PROTOCOL_IPMB = 0x01,
	CHANNEL_PROTOCOL_KCS = 0x05,
	CHANNEL_MULTI_SESSION = 0x80,
	IPMI_FORUM_IANA = 7154,
	SESSION_PROTOCOL_V20 = 0x10,	/* Get Session Info byte 6, [7:4] */
	PAYLOAD_ACCESS_SOL = 0x02,	/* standard payload 1, bitmap byte 1 */
};

/* The channel's suites, and optionally K_G status, privilege and limit. */
static u32 channel_suites(struct ipmi_lan_request *c, bool *has_kg, u8 *priv,
			  u8 *max_sessions)
{
	const struct ipmi_lan_channel *ch;
	u32 suites;

	rcu_read_lock();
	ch = ipmi_lan_channel_get(c->srv);
	suites = ch->suites;
	if (has_kg)
		*has_kg = ch->has_kg;
	if (priv)
		*priv = ch->privilege;
	if (max_sessions)
		*max_sessions = ch->max_sessions;
	rcu_read_unlock();
	return suites;
}

/*
 * Get Channel Authentication Capabilities (App 38h). Sent before any
 * session, in IPMI v1.5 framing by ipmitool and FreeIPMI and in RMCP+
 * framing by others. Only RMCP+ logins with named users are offered.
 */
static unsigned int get_channel_auth_caps(struct ipmi_lan_request *c)
{
	const struct ipmi_lan_msg *req = c->req;
	bool ext, has_kg;
	u8 *rsp = c->rsp;
	u8 priv;

	if (req->data_len != 2)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	ext = req->data[0] & AUTH_CAPS_EXTENDED;
	priv = req->data[1];
	if ((req->data[0] & AUTH_CAPS_RESERVED) ||
	    !cmd_channel_ok(req->data[0] & 0x0f) ||
	    priv < IPMI_PRIV_CALLBACK || priv > IPMI_PRIV_OEM)
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);

	channel_suites(c, &has_kg, NULL, NULL);
	memset(rsp, 0, 9);
	rsp[1] = IPMI_LAN_CHANNEL;
	/* No IPMI v1.5 authentication types are offered. */
	rsp[2] = ext ? AUTH_CAPS_V20_AVAILABLE : 0;
	rsp[3] = AUTH_CAPS_NON_NULL_USERS | (has_kg ? AUTH_CAPS_KG_SET : 0);
	rsp[4] = ext ? AUTH_CAPS_CONN_V20 : 0;
	/* bytes 5-7: OEM IANA, byte 8: OEM data; none */
	return 9;
}

static unsigned int add_alg(u8 *list, unsigned int n, u8 alg)
{
	if (!memchr(list, alg, n))
		list[n++] = alg;
	return n;
}

/*
 * Get Channel Cipher Suites (App 54h): the enabled suites as records
 * (C0h, id, auth, integrity, confidentiality), 16 bytes a page; a page
 * shorter than 16 bytes ends the list.
 */
static unsigned int get_channel_cipher_suites(struct ipmi_lan_request *c)
{
	const struct ipmi_lan_msg *req = c->req;
	u8 records[IPMI_LAN_SUITE_COUNT * 5];
	unsigned int n = 0, off, len, id;
	u32 suites;

	if (req->data_len != 3)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	if (!cmd_channel_ok(req->data[0] & 0x0f) || (req->data[0] & 0xf0) ||
	    (req->data[1] & 0x3f) > RMCPP_PAYLOAD_SOL || (req->data[2] & 0x40))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);

	suites = channel_suites(c, NULL, NULL, NULL);
	for (id = 0; id < IPMI_LAN_SUITE_COUNT; id++) {
		const struct ipmi_lan_suite *s = ipmi_lan_suite_by_id(id);

		if (!(suites & BIT(id)) || !s)
			continue;
		if (req->data[2] & 0x80) {	/* by cipher suite */
			records[n++] = SUITE_RECORD_START;
			records[n++] = id;
			records[n++] = s->auth;
			records[n++] = 0x40 | s->integ;
			records[n++] = 0x80 | s->conf;
		} else {			/* each algorithm once */
			n = add_alg(records, n, s->auth);
			n = add_alg(records, n, 0x40 | s->integ);
			n = add_alg(records, n, 0x80 | s->conf);
		}
	}
	off = (req->data[2] & 0x3f) * SUITE_PAGE;
	len = off < n ? min_t(unsigned int, n - off, SUITE_PAGE) : 0;
	c->rsp[0] = IPMI_CC_OK;
	c->rsp[1] = IPMI_LAN_CHANNEL;
	if (len)
		memcpy(c->rsp + 2, records + off, len);
	return 2 + len;
}

/* Get Device ID (App 01h) and the GUIDs (App 08h, 37h) from id. */
static unsigned int device_id_of(struct ipmi_lan_request *c,
				 const struct ipmi_lan_identity *id)
{
	u8 *rsp = c->rsp;

	if (c->req->data_len)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	rsp[0] = IPMI_CC_OK;
	rsp[1] = id->device_id;
	rsp[2] = id->device_revision & 0x0f;
	rsp[3] = id->fw_major & 0x7f;
	rsp[4] = (id->fw_minor / 10) << 4 | id->fw_minor % 10;
	rsp[5] = IPMI_VERSION_2_0;
	rsp[6] = 0;			/* additional device support */
	rsp[7] = id->manufacturer;
	rsp[8] = id->manufacturer >> 8;
	rsp[9] = (id->manufacturer >> 16) & 0x0f;
	put_unaligned_le16(id->product, rsp + 10);
	put_unaligned_le32(id->aux_fw, rsp + 12);
	return 16;
}

static unsigned int guid_of(struct ipmi_lan_request *c,
			    const struct ipmi_lan_identity *id)
{
	if (c->req->data_len)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	c->rsp[0] = IPMI_CC_OK;
	memcpy(c->rsp + 1, id->guid, sizeof(id->guid));
	return 1 + sizeof(id->guid);
}

unsigned int ipmi_lan_cmd_identity(struct ipmi_lan_request *c,
				   const struct ipmi_lan_identity *id)
{
	const struct ipmi_lan_msg *req = c->req;

	if (c->cap < CMD_RSP_MAX || req->netfn != IPMI_NETFN_APP)
		return 0;
	switch (req->cmd) {
	case IPMI_CMD_GET_DEVICE_ID:
		return device_id_of(c, id);
	case IPMI_CMD_GET_DEVICE_GUID:
	case IPMI_CMD_GET_SYSTEM_GUID:
		return guid_of(c, id);
	}
	return 0;
}

static unsigned int get_device_id(struct ipmi_lan_request *c)
{
	struct ipmi_lan_identity id;

	ipmi_lan_server_get_identity(c->srv, &id);
	return device_id_of(c, &id);
}

static unsigned int get_guid(struct ipmi_lan_request *c)
{
	struct ipmi_lan_identity id;

	ipmi_lan_server_get_identity(c->srv, &id);
	return guid_of(c, &id);
}

/*
 * Set Session Privilege Level (App 3Bh): 0 reads the current level; any
 * other is granted if it is within the session's ceiling, which is the
 * lowest of the user's, the channel's, the cipher suite's and what the
 * console asked for when it opened the session.
 */
static unsigned int set_session_priv(struct ipmi_lan_request *c)
{
	struct ipmi_lan_session *s = c->session;
	u8 want;

	if (!s)				/* the system interface has none */
		return cmd_cc(c, IPMI_CC_NOT_IN_STATE);
	if (c->req->data_len != 1)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	want = c->req->data[0];
	if (want & 0xf0)
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	if (want == IPMI_PRIV_CALLBACK || want > IPMI_PRIV_OEM)
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	spin_lock_bh(&s->lock);
	if (want > s->max_priv)
		want = 0;			/* exceeds the limits */
	else if (want)
		s->priv = want;
	else
		want = s->priv;
	spin_unlock_bh(&s->lock);
	if (!want)
		return cmd_cc(c, 0x81);
	c->rsp[0] = IPMI_CC_OK;
	c->rsp[1] = want;
	return 2;
}

/* Close Session (App 3Ch): one's own, or another with ADMIN. */
static unsigned int close_session(struct ipmi_lan_request *c)
{
	const struct ipmi_lan_msg *req = c->req;
	struct ipmi_lan_session *other;
	u32 id;

	if (req->data_len != 4 && req->data_len != 5)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	id = get_unaligned_le32(req->data);
	if (c->session && id == c->session->id) {
		c->close_session = true;
		return cmd_cc(c, IPMI_CC_OK);
	}
	if (id)
		other = ipmi_lan_session_lookup(c->srv, id);
	else if (req->data_len == 5)
		other = ipmi_lan_session_by_handle(c->srv, req->data[4]);
	else
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	if (other && other->state != SESSION_ACTIVE) {
		ipmi_lan_session_put(other);
		other = NULL;
	}
	if (!other)
		return cmd_cc(c, id ? 0x87 : 0x88);	/* invalid id / handle */
	if (c->session && c->session->priv < IPMI_PRIV_ADMIN) {
		ipmi_lan_session_put(other);
		return cmd_cc(c, IPMI_CC_INSUFFICIENT_PRIVILEGE);
	}
	ipmi_lan_session_close(other);
	ipmi_lan_session_put(other);
	return cmd_cc(c, IPMI_CC_OK);
}

/* The n-th active session (1-based), by handle order; with a reference. */
static struct ipmi_lan_session *nth_session(struct ipmi_lan_server *srv,
					    unsigned int n)
{
	unsigned int h;

	for (h = 1; h <= SESSION_MAX_HANDLE; h++) {
		struct ipmi_lan_session *s = ipmi_lan_session_by_handle(srv, h);

		if (s && !--n)
			return s;
		ipmi_lan_session_put(s);
	}
	return NULL;
}

/*
 * Get Session Info (App 3Dh): 00h this session, 01h-3Fh the n-th active
 * one, FEh by handle, FFh by session id.
 */
static unsigned int get_session_info(struct ipmi_lan_request *c)
{
	const struct ipmi_lan_msg *req = c->req;
	struct ipmi_lan_session *s = NULL;
	u8 max_sessions, *rsp = c->rsp;
	u8 sel;

	if (!req->data_len)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	sel = req->data[0];
	switch (sel) {
	case 0x00:
		if (req->data_len != 1)
			return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
		s = c->session;
		if (s)
			kref_get(&s->ref);
		break;
	case 0xfe:
		if (req->data_len != 2)
			return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
		s = ipmi_lan_session_by_handle(c->srv, req->data[1]);
		break;
	case 0xff:
		if (req->data_len != 5)
			return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
		s = ipmi_lan_session_lookup(c->srv,
					    get_unaligned_le32(req->data + 1));
		break;
	default:
		if (req->data_len != 1 || sel > SESSION_MAX_HANDLE)
			return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
		s = nth_session(c->srv, sel);
		break;
	}
	if (s && s->state != SESSION_ACTIVE) {
		ipmi_lan_session_put(s);
		s = NULL;
	}

	channel_suites(c, NULL, NULL, &max_sessions);
	memset(rsp, 0, 18);
	rsp[0] = IPMI_CC_OK;
	rsp[1] = s ? s->handle : 0;
	rsp[2] = max_sessions & 0x3f;
	rsp[3] = ipmi_lan_session_count(c->srv) & 0x3f;
	if (!s)
		return 4;
	rsp[4] = s->user_id;
	rsp[5] = s->priv;
	rsp[6] = SESSION_PROTOCOL_V20 | IPMI_LAN_CHANNEL;
	spin_lock_bh(&s->lock);
	if (s->peer.addr.sa_family == AF_INET) {
		memcpy(rsp + 7, &s->peer.addr4.sin_addr, 4);
		/* rsp[11..16]: the console's MAC address is not known */
		put_unaligned_le16(ntohs(s->peer.addr4.sin_port), rsp + 17);
	} else {
		put_unaligned_le16(ntohs(s->peer.addr6.sin6_port), rsp + 17);
	}
	spin_unlock_bh(&s->lock);
	ipmi_lan_session_put(s);
	return 19;
}

/*
 * Get Channel Info (App 42h). Through the system interface (which is what
 * the message handler asks about channels 0-15 when it registers us) the
 * current channel is the system interface itself, channel 0 is the IPMB
 * the bridged targets are on, and channel 1 is the LAN.
 */
static unsigned int get_channel_info(struct ipmi_lan_request *c)
{
	u8 ch, *rsp = c->rsp;

	if (c->req->data_len != 1)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	ch = c->req->data[0] & 0x0f;
	if (c->local && (ch == IPMI_CHANNEL_CURRENT || ch == IPMI_SYSTEM_CHANNEL) &&
	    !(c->req->data[0] & 0xf0)) {
		memset(rsp, 0, 10);
		rsp[1] = IPMI_SYSTEM_CHANNEL;
		rsp[2] = CHANNEL_MEDIUM_SYSTEM;
		rsp[3] = CHANNEL_PROTOCOL_KCS;
		rsp[5] = IPMI_FORUM_IANA & 0xff;
		rsp[6] = IPMI_FORUM_IANA >> 8;
		return 10;
	}
	/* Channel 0, where local bridging reaches the targets, is an IPMB. */
	if (c->local && ch == IPMI_IPMB_CHANNEL && !(c->req->data[0] & 0xf0)) {
		memset(rsp, 0, 10);
		rsp[2] = CHANNEL_MEDIUM_IPMB;
		rsp[3] = CHANNEL_PROTOCOL_IPMB;
		rsp[5] = IPMI_FORUM_IANA & 0xff;
		rsp[6] = IPMI_FORUM_IANA >> 8;
		return 10;
	}
	if ((c->local && ch != IPMI_LAN_CHANNEL) || !cmd_channel_ok(ch) ||
	    (c->req->data[0] & 0xf0))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	rsp[0] = IPMI_CC_OK;
	rsp[1] = IPMI_LAN_CHANNEL;
	rsp[2] = CHANNEL_MEDIUM_LAN;
	rsp[3] = CHANNEL_PROTOCOL_IPMB;
	rsp[4] = CHANNEL_MULTI_SESSION |
		 (ipmi_lan_session_count(c->srv) & 0x3f);
	rsp[5] = IPMI_FORUM_IANA & 0xff;
	rsp[6] = IPMI_FORUM_IANA >> 8;
	rsp[7] = 0;
	rsp[8] = 0;		/* auxiliary channel info */
	rsp[9] = 0;
	return 10;
}

static unsigned int get_channel_access(struct ipmi_lan_request *c)
{
	u8 priv;

	if (c->req->data_len != 2)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	/* Byte 2 [7:6]: 01b non-volatile, 10b volatile; 00b and 11b reserved. */
	if (!cmd_channel_ok(c->req->data[0] & 0x0f) || (c->req->data[0] & 0xf0) ||
	    (c->req->data[1] & 0x3f) || !(c->req->data[1] & 0xc0) ||
	    (c->req->data[1] & 0xc0) == 0xc0)
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	channel_suites(c, NULL, &priv, NULL);
	c->rsp[0] = IPMI_CC_OK;
	/* Always available; PEF alerting disabled (no alerting yet). */
	c->rsp[1] = 0x20 | 0x02;
	c->rsp[2] = priv;
	return 3;
}

static bool user_id_ok(u8 id)
{
	return id >= 1 && id <= IPMI_LAN_USER_MAX_ID;
}

/* Maps a user-table errno to a completion code. */
static unsigned int user_cc(struct ipmi_lan_request *c, int err)
{
	switch (err) {
	case 0:
		return cmd_cc(c, IPMI_CC_OK);
	case -ENOMEM:
		return cmd_cc(c, 0xc0);	/* node busy / out of space */
	default:
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	}
}

static unsigned int get_user_access(struct ipmi_lan_request *c)
{
	const struct ipmi_lan_msg *req = c->req;
	struct ipmi_lan_user u;
	unsigned int enabled = 0;
	u8 id, *rsp = c->rsp;

	if (req->data_len != 2)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	id = req->data[1] & 0x3f;
	if (!cmd_channel_ok(req->data[0] & 0x0f) || !user_id_ok(id))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	ipmi_lan_user_count(c->srv, &enabled);
	rsp[0] = IPMI_CC_OK;
	rsp[1] = IPMI_LAN_USER_MAX_ID;
	rsp[2] = enabled & 0x3f;
	rsp[3] = 0;			/* no fixed names */
	rsp[4] = IPMI_LAN_PRIV_NO_ACCESS;
	if (id >= IPMI_LAN_USER_MIN_ID && !ipmi_lan_user_get(c->srv, id, &u)) {
		rsp[2] |= u.enabled ? 0x40 : 0x80;
		rsp[4] = (u.link_auth ? 0x20 : 0) | (u.ipmi_msg ? 0x10 : 0) |
			 (u.privilege & 0x0f);
	} else {
		rsp[2] |= 0x80;
	}
	return 5;
}

static unsigned int set_user_access(struct ipmi_lan_request *c)
{
	const struct ipmi_lan_msg *req = c->req;
	struct ipmi_lan_user u;
	u8 id, priv;
	int ret;

	if (req->data_len != 3 && req->data_len != 4)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	id = req->data[1] & 0x3f;
	priv = req->data[2] & 0x0f;
	if (!cmd_channel_ok(req->data[0] & 0x0f) || id < IPMI_LAN_USER_MIN_ID ||
	    id > IPMI_LAN_USER_MAX_ID || (req->data[1] & 0xc0) ||
	    (priv != IPMI_LAN_PRIV_NO_ACCESS &&
	     (priv < IPMI_PRIV_CALLBACK || priv > IPMI_PRIV_OEM)))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	ret = ipmi_lan_user_get(c->srv, id, &u);
	if (ret)
		return user_cc(c, ret);
	/* Bit 7 says whether bits 6-4 are to be changed at all. */
	if (req->data[0] & 0x80)
		ret = ipmi_lan_user_set_access(c->srv, id, priv,
					       req->data[0] & 0x10,
					       req->data[0] & 0x20);
	else
		ret = ipmi_lan_user_set_access(c->srv, id, priv, u.ipmi_msg,
					       u.link_auth);
	return user_cc(c, ret);
}

static unsigned int get_user_name(struct ipmi_lan_request *c)
{
	struct ipmi_lan_user u;
	u8 id;

	if (c->req->data_len != 1)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	id = c->req->data[0] & 0x3f;
	if (!user_id_ok(id))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	c->rsp[0] = IPMI_CC_OK;
	memset(c->rsp + 1, 0, IPMI_LAN_USER_NAME_LEN);
	/* User 1 is the null user; unconfigured ids have null names too. */
	if (id >= IPMI_LAN_USER_MIN_ID && !ipmi_lan_user_get(c->srv, id, &u))
		memcpy(c->rsp + 1, u.name, u.name_len);
	return 1 + IPMI_LAN_USER_NAME_LEN;
}

static unsigned int set_user_name(struct ipmi_lan_request *c)
{
	const u8 *name = c->req->data + 1;
	unsigned int len;
	u8 id;

	if (c->req->data_len != 1 + IPMI_LAN_USER_NAME_LEN)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	id = c->req->data[0] & 0x3f;
	if (id < IPMI_LAN_USER_MIN_ID || (c->req->data[0] & 0xc0))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	len = strnlen(name, IPMI_LAN_USER_NAME_LEN);
	return user_cc(c, ipmi_lan_user_set_name(c->srv, id, name, len));
}

/*
 * Set User Password (App 47h): disable, enable, set or test, in the 16- or
 * 20-byte form. Setting or testing a password needs confidentiality, or
 * it would have crossed the network in clear.
 */
static unsigned int set_user_password(struct ipmi_lan_request *c)
{
	const struct ipmi_lan_msg *req = c->req;
	unsigned int plen, len;
	u8 id, op;

	if (req->data_len < 2)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	id = req->data[0] & 0x3f;
	op = req->data[1] & 0x03;
	plen = req->data[0] & 0x80 ? 20 : 16;
	if (id < IPMI_LAN_USER_MIN_ID || (req->data[0] & 0x40) ||
	    (req->data[1] & 0xfc))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	switch (op) {
	case 0:
	case 1:
		if (req->data_len != 2 && req->data_len != 2 + plen)
			return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
		return user_cc(c, ipmi_lan_user_set_enabled(c->srv, id, op));
	}
	if (req->data_len != 2 + plen)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	if (c->session && c->session->suite->conf == CONF_NONE)
		return cmd_cc(c, IPMI_CC_NOT_IN_STATE);
	len = strnlen(req->data + 2, plen);
	if (op == 2)
		return user_cc(c, len ? ipmi_lan_user_set_password(c->srv, id,
						req->data + 2, len) : -EINVAL);
	if (ipmi_lan_user_check_password(c->srv, id, req->data + 2, len))
		return cmd_cc(c, 0x80);	/* test failed: mismatch */
	return cmd_cc(c, IPMI_CC_OK);
}

/*
 * Set User Payload Access (App 4Ch): channel, user id and operation (bits
 * 7:6, 00b enable, 01b disable the payloads whose bits are set), then the
 * standard payloads 1-15 (byte 3 bit 1 is SOL; bit 0 is reserved) and the
 * OEM payloads 0-15, two bytes each. Only SOL is a per-user right here;
 * the other bits are accepted and have no effect. ipmitool's "sol payload
 * enable 1 4" sends 01 04 02 00 00 00, "disable" 01 44 02 00 00 00.
 */
static unsigned int set_user_payload_access(struct ipmi_lan_request *c)
{
	const struct ipmi_lan_msg *req = c->req;
	struct ipmi_lan_user u;
	u8 id, op;
	int ret;

	if (req->data_len != 6)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	id = req->data[1] & 0x3f;
	op = req->data[1] >> 6;
	if (!cmd_channel_ok(req->data[0] & 0x0f) || id < IPMI_LAN_USER_MIN_ID ||
	    op > 1)
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	if (!(req->data[2] & PAYLOAD_ACCESS_SOL)) {
		/* Nothing that changes, but the user must exist. */
		return user_cc(c, ipmi_lan_user_get(c->srv, id, &u));
	}
	ret = ipmi_lan_user_set_sol(c->srv, id, op == 0);
	return user_cc(c, ret);
}

/*
 * Get User Payload Access (App 4Dh): the standard payloads (two bytes)
 * and the OEM payloads (two bytes) the user may activate. An id without a
 * user, and the null user, may activate none.
 */
static unsigned int get_user_payload_access(struct ipmi_lan_request *c)
{
	const struct ipmi_lan_msg *req = c->req;
	struct ipmi_lan_user u;
	u8 id;

	if (req->data_len != 2)
		return cmd_cc(c, IPMI_CC_REQ_DATA_LEN_INVALID);
	id = req->data[1] & 0x3f;
	if (!cmd_channel_ok(req->data[0] & 0x0f) || !user_id_ok(id))
		return cmd_cc(c, IPMI_CC_INVALID_DATA_FIELD);
	memset(c->rsp, 0, 5);
	if (id >= IPMI_LAN_USER_MIN_ID && !ipmi_lan_user_get(c->srv, id, &u) &&
	    u.sol)
		c->rsp[1] = PAYLOAD_ACCESS_SOL;
	return 5;
}

struct command {
	u8 netfn;
	u8 cmd;
	u8 priv;		/* least privilege needed */
	bool sessionless;	/* allowed outside a session */
	unsigned int (*handler)(struct ipmi_lan_request *c);
	bool target;		/* answered for a bridged target too */
};

#define CMD(n, c, p, sl, h) \
	{ IPMI_NETFN_##n, IPMI_CMD_##c, IPMI_PRIV_##p, sl, h, false }
/* A command each target has: the handler acts on c->target's state. */
#define TCMD(n, c, p, h) \
	{ IPMI_NETFN_##n, IPMI_CMD_##c, IPMI_PRIV_##p, false, h, true }

static const struct command commands[] = {
	CMD(APP, GET_DEVICE_ID, USER, false, get_device_id),
	CMD(APP, GET_DEVICE_GUID, USER, false, get_guid),
	CMD(APP, GET_SYSTEM_GUID, USER, false, get_guid),
	CMD(APP, GET_CHANNEL_AUTH_CAPS, CALLBACK, true,
	    get_channel_auth_caps),
	CMD(APP, GET_CHANNEL_CIPHER_SUITES, CALLBACK, true,
	    get_channel_cipher_suites),
	CMD(APP, SET_SESSION_PRIV, CALLBACK, false, set_session_priv),
	CMD(APP, CLOSE_SESSION, CALLBACK, false, close_session),
	CMD(APP, GET_SESSION_INFO, USER, false, get_session_info),
	CMD(APP, GET_CHANNEL_ACCESS, USER, false, get_channel_access),
	CMD(APP, GET_CHANNEL_INFO, USER, false, get_channel_info),
	CMD(APP, GET_USER_ACCESS, OPERATOR, false, get_user_access),
	CMD(APP, SET_USER_ACCESS, ADMIN, false, set_user_access),
	CMD(APP, GET_USER_NAME, OPERATOR, false, get_user_name),
	CMD(APP, SET_USER_NAME, ADMIN, false, set_user_name),
	CMD(APP, SET_USER_PASSWORD, ADMIN, false, set_user_password),
	CMD(APP, GET_USER_PAYLOAD_ACCESS, OPERATOR, false,
	    get_user_payload_access),
	CMD(APP, SET_USER_PAYLOAD_ACCESS, ADMIN, false,
	    set_user_payload_access),
	/* Bridging (bridge.c); the target's request has its own check */
	CMD(APP, SEND_MESSAGE, USER, false, ipmi_lan_bridge_send_message),
	/*
	 * Serial-over-LAN (sol.c), the BMC's or, bridged, a target's (one
	 * configuration for all); activation also checks SOL's privilege
	 */
	TCMD(APP, ACTIVATE_PAYLOAD, USER, ipmi_lan_sol_activate),
	TCMD(APP, DEACTIVATE_PAYLOAD, USER, ipmi_lan_sol_deactivate),
	TCMD(APP, GET_PAYLOAD_STATUS, USER, ipmi_lan_sol_activation_status),
	TCMD(APP, GET_PAYLOAD_INSTANCE, USER, ipmi_lan_sol_instance_info),
	TCMD(APP, GET_CHANNEL_PAYLOAD_SUPPORT, USER,
	     ipmi_lan_sol_channel_payload_support),
	TCMD(APP, GET_CHANNEL_PAYLOAD_VERSION, USER,
	     ipmi_lan_sol_channel_payload_version),
	TCMD(TRANSPORT, GET_SOL_PARAM, USER, ipmi_lan_sol_get_param),
	TCMD(TRANSPORT, SET_SOL_PARAM, ADMIN, ipmi_lan_sol_set_param),
};

static const struct command *find(const struct ipmi_lan_msg *req)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (commands[i].netfn == req->netfn &&
		    commands[i].cmd == req->cmd)
			return &commands[i];
	return NULL;
}

/* cmd for the session's request, if its privilege allows it (D4h if not). */
static unsigned int run_privileged(struct ipmi_lan_request *c,
				   const struct command *cmd)
{
	u8 priv;

	spin_lock_bh(&c->session->lock);
	priv = c->session->priv;
	spin_unlock_bh(&c->session->lock);
	if (priv < cmd->priv)
		return cmd_cc(c, IPMI_CC_INSUFFICIENT_PRIVILEGE);
	return cmd->handler(c);
}

/*
 * A request outside any session. Returns the response length, or 0 if
 * the command is not allowed outside a session (it is dropped). The
 * response buffer holds CMD_RSP_MAX bytes.
 */
unsigned int ipmi_lan_cmd_sessionless(struct ipmi_lan_request *c)
{
	const struct command *cmd = find(c->req);

	if (c->cap < CMD_RSP_MAX || !cmd || !cmd->sessionless)
		return 0;
	return cmd->handler(c);
}

/* A request in an active session, authenticated as its suite requires. */
unsigned int ipmi_lan_cmd_session(struct ipmi_lan_request *c)
{
	const struct command *cmd = find(c->req);

	if (c->cap < CMD_RSP_MAX)
		return 0;
	/*
	 * Not ours: the message handler's if the forward table names it;
	 * PICMG probes, OEM and everything else: C1h at once.
	 */
	if (!cmd) {
		u8 cc = ipmi_lan_smi_forward(c);

		return cc ? cmd_cc(c, cc) : 0;
	}
	return run_privileged(c, cmd);
}

unsigned int ipmi_lan_cmd_target(struct ipmi_lan_request *c)
{
	const struct command *cmd = find(c->req);

	if (c->cap < CMD_RSP_MAX || !c->session || !c->target || !cmd ||
	    !cmd->target)
		return 0;
	return run_privileged(c, cmd);
}

/*
 * A request through the system interface (/dev/ipmiN, or the message
 * handler's own probes): the board itself, so no privilege applies.
 */
unsigned int ipmi_lan_cmd_local(struct ipmi_lan_request *c)
{
	const struct command *cmd = find(c->req);

	if (c->cap < CMD_RSP_MAX)
		return 0;
	if (!cmd)
		return cmd_cc(c, IPMI_CC_INVALID_CMD);
	return cmd->handler(c);
}
