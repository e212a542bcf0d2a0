/* SPDX-License-Identifier: GPL-2.0 */

#ifndef _IPMI_LAN_NETLINK_H
#define _IPMI_LAN_NETLINK_H

struct ipmi_lan_event;
struct ipmi_lan_server;

int ipmi_lan_genetlink_init(void);
void ipmi_lan_genl_event(struct ipmi_lan_server *srv,
			 const struct ipmi_lan_event *ev);
void ipmi_lan_genetlink_uninit(void);

#endif /* _IPMI_LAN_NETLINK_H */
