// SPDX-License-Identifier: GPL-2.0
/*
 * Session and SoL events (event.h): to netlink listeners and, as Session
 * Audit event records, to the system interface's event message buffer.
 */

#include "event.h"
#include "compat.h"
#include "messages.h"
#include "netlink.h"
#include "smi.h"

#include <linux/ktime.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

enum {
	SEL_SYSTEM_EVENT = 0x02,
	SEL_EVM_REV = 0x04,
	SENSOR_SESSION_AUDIT = 0x2a,
	SENSOR_NUM_SESSIONS = 0x01,
	SENSOR_NUM_SOL = 0x02,
	EVENT_SENSOR_SPECIFIC = 0x6f,	/* assertion, sensor-specific */
	AUDIT_ACTIVATED = 0x00,
	AUDIT_DEACTIVATED = 0x01,
	/* event data 1: bytes 2 and 3 are sensor-specific extensions */
	ED1_EXT2_EXT3 = 0xf0,
};

void ipmi_lan_event_record(const struct ipmi_lan_event *ev, u32 timestamp,
			   u8 rec[IPMI_LAN_EVENT_RECORD_LEN])
{
	bool up = ev->kind == IPMI_LAN_EVENT_SESSION_UP ||
		  ev->kind == IPMI_LAN_EVENT_SOL_UP;
	bool sol = ev->kind == IPMI_LAN_EVENT_SOL_UP ||
		   ev->kind == IPMI_LAN_EVENT_SOL_DOWN;

	memset(rec, 0, IPMI_LAN_EVENT_RECORD_LEN);
	/* bytes 0-1: record id, assigned by whoever stores it */
	rec[2] = SEL_SYSTEM_EVENT;
	put_unaligned_le32(timestamp, rec + 3);
	rec[7] = IPMI_BMC_SA;			/* generator: the BMC, LUN 0 */
	rec[8] = IPMI_LAN_CHANNEL << 4;
	rec[9] = SEL_EVM_REV;
	rec[10] = SENSOR_SESSION_AUDIT;
	rec[11] = sol ? SENSOR_NUM_SOL : SENSOR_NUM_SESSIONS;
	rec[12] = EVENT_SENSOR_SPECIFIC;
	rec[13] = ED1_EXT2_EXT3 | (up ? AUDIT_ACTIVATED : AUDIT_DEACTIVATED);
	rec[14] = ev->user_id & 0x3f;
	rec[15] = (up ? 0 : (ev->cause & 0x03) << 4) | IPMI_LAN_CHANNEL;
}

void ipmi_lan_event(struct ipmi_lan_server *srv, const struct ipmi_lan_event *ev)
{
	u8 rec[IPMI_LAN_EVENT_RECORD_LEN];

	ipmi_lan_genl_event(srv, ev);
	ipmi_lan_event_record(ev, (u32)ktime_get_real_seconds(), rec);
	ipmi_lan_smi_event(srv, rec);
}
