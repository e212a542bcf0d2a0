/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The UDP sockets a server listens on: the transport under the receive
 * path (rmcp.c) and the transmit path (send.c).
 */

#ifndef _IPMI_LAN_SOCKET_H
#define _IPMI_LAN_SOCKET_H

#include "packet.h"

#include <linux/types.h>

struct ipmi_lan_config;
struct ipmi_lan_server;
struct sk_buff;
struct socket;

int ipmi_lan_socket_open(struct ipmi_lan_server *srv,
			 const struct ipmi_lan_config *config,
			 struct socket **sock4, struct socket **sock6);
void ipmi_lan_socket_install(struct ipmi_lan_server *srv,
			     struct socket *sock4, struct socket *sock6);
void ipmi_lan_socket_close(struct ipmi_lan_server *srv);

/* Room in front of a packet for the UDP, IP and link headers. */
unsigned int ipmi_lan_socket_headroom(void);
void ipmi_lan_socket_send(struct ipmi_lan_server *srv,
			  const struct ipmi_lan_endpoint *ep, struct sk_buff *skb);

int ipmi_lan_socket_init(void);
void ipmi_lan_socket_uninit(void);

#endif /* _IPMI_LAN_SOCKET_H */
