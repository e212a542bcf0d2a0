/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPMI commands the module answers itself, with the per-command privilege
 * table. What it does not implement is forwarded to the message handler
 * if the forward table says so, and answered C1h at once otherwise.
 */

#ifndef _IPMI_LAN_CMD_H
#define _IPMI_LAN_CMD_H

#include "messages.h"
#include "track.h"

#include <linux/types.h>

struct ipmi_lan_identity;
struct ipmi_lan_server;
struct ipmi_lan_session;
struct ipmi_lan_msg;

enum { CMD_RSP_MAX = 64 };

struct ipmi_lan_request {
	struct ipmi_lan_server *srv;
	struct ipmi_lan_session *session;	/* NULL outside a session */
	const struct ipmi_lan_msg *req;
	u8 *rsp;				/* completion code, data */
	unsigned int cap;
	u32 req_hash;				/* of the request's data */
	bool local;				/* from the system interface */
	u8 target;		/* bridged: the target it is for; 0: the BMC */
	bool close_session;			/* close it after replying */
	/*
	 * A bridged request answered at once in the separate form: the
	 * target's answer (then, then_len bytes), sent after the Send
	 * Message response, the way route says.
	 */
	struct ipmi_lan_route route;
	bool middle;			/* bridged twice: the transit's answer */
	u8 middle_cc;			/* to the middle Send Message, first */
	unsigned int then_len;
	u8 then[CMD_RSP_MAX];
};

/* A response of only a completion code. */
static inline unsigned int cmd_cc(struct ipmi_lan_request *c, u8 cc)
{
	c->rsp[0] = cc;
	return 1;
}

/* The LAN channel, by number or as "this channel" (0Eh); bits 3:0. */
static inline bool cmd_channel_ok(u8 channel)
{
	channel &= 0x0f;
	return channel == IPMI_CHANNEL_CURRENT || channel == IPMI_LAN_CHANNEL;
}

unsigned int ipmi_lan_cmd_sessionless(struct ipmi_lan_request *c);
unsigned int ipmi_lan_cmd_session(struct ipmi_lan_request *c);
unsigned int ipmi_lan_cmd_local(struct ipmi_lan_request *c);
/*
 * Get Device ID and the GUIDs answered from id (a bridged target's);
 * 0 for any other request.
 */
unsigned int ipmi_lan_cmd_identity(struct ipmi_lan_request *c,
				   const struct ipmi_lan_identity *id);
/*
 * A bridged request the module answers for the target c->target, with the
 * session's privilege as for the BMC: the SoL commands (sol.c). 0 for any
 * other request.
 */
unsigned int ipmi_lan_cmd_target(struct ipmi_lan_request *c);

#endif /* _IPMI_LAN_CMD_H */
