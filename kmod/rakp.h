/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RMCP+ handshake: Open Session and RAKP messages 1 to 4. Packets are
 * queued from softirq and handled by a worker, which may sleep (keyed
 * transforms are allocated when a session becomes active).
 */

#ifndef _IPMI_LAN_RAKP_H
#define _IPMI_LAN_RAKP_H

#include "packet.h"

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct ipmi_lan_server;
struct ipmi_lan_session;

struct ipmi_lan_handshake {
	spinlock_t lock;		/* the queue and its length */
	struct list_head queue;
	unsigned int len;
	struct work_struct work;
};

void ipmi_lan_handshake_init(struct ipmi_lan_server *srv);
void ipmi_lan_handshake_uninit(struct ipmi_lan_server *srv);
int ipmi_lan_handshake_rcv(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt,
			   struct ipmi_lan_session *s, const u8 *payload,
			   unsigned int len);

#endif /* _IPMI_LAN_RAKP_H */
