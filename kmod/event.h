/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Session and SoL events: a session activated or closed, a SoL payload
 * activated or deactivated. Each goes to netlink listeners (the "events"
 * multicast group, ipmi-lanctl monitor) and, as a Session Audit event
 * record (sensor type 2Ah), to the system interface's event message
 * buffer, so /dev/ipmiN programs that take events see it.
 */

#ifndef _IPMI_LAN_EVENT_H
#define _IPMI_LAN_EVENT_H

#include "packet.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/types.h>

struct ipmi_lan_server;

struct ipmi_lan_event {
	u8 kind;		/* IPMI_LAN_EVENT_* */
	u8 handle;		/* the session's */
	u8 user_id;
	u8 instance;		/* SoL payload instance, else 0 */
	u8 cause;		/* IPMI_LAN_CLOSE_*, for the ends */
	struct ipmi_lan_endpoint peer;	/* the console's address */
};

enum { IPMI_LAN_EVENT_RECORD_LEN = 16 };

/* Hands ev to every listener; any context. */
void ipmi_lan_event(struct ipmi_lan_server *srv, const struct ipmi_lan_event *ev);

/*
 * The Session Audit event record of ev (sensor type 2Ah, offset 0
 * activated, 1 deactivated; event data 2 the user id, event data 3 the
 * deactivation cause and the channel), as Read Event Message Buffer
 * returns it. Sensor number 1 is LAN sessions, 2 the SoL payload.
 */
void ipmi_lan_event_record(const struct ipmi_lan_event *ev, u32 timestamp,
			   u8 rec[IPMI_LAN_EVENT_RECORD_LEN]);

#endif /* _IPMI_LAN_EVENT_H */
