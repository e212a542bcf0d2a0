/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module as a system interface of the kernel's IPMI message handler
 * (ipmi_msghandler): /dev/ipmiN requests are answered by the module, and
 * LAN requests named in the forward table reach the programs registered
 * for them, whose replies come back to the session.
 */

#ifndef _IPMI_LAN_SMI_H
#define _IPMI_LAN_SMI_H

#include <linux/types.h>

struct ipmi_lan_msg;
struct ipmi_lan_request;
struct ipmi_lan_route;
struct ipmi_lan_server;
struct ipmi_lan_smi;
struct ipmi_lan_target;
struct netlink_ext_ack;

/*
 * ipmi_devintf's minors (register_chrdev()): an interface numbered beyond
 * them would have no /dev/ipmiN, so the module refuses it.
 */
#define IPMI_LAN_DEVINTF_MINORS	256

int ipmi_lan_smi_attach(struct ipmi_lan_server *srv,
			struct netlink_ext_ack *extack);
int ipmi_lan_smi_detach(struct ipmi_lan_server *srv);
/* The N of /dev/ipmiN if srv holds the system interface, else -1. */
int ipmi_lan_smi_if_num(struct ipmi_lan_server *srv);
/* Whether a session handle is still named by a forwarded request. */
bool ipmi_lan_smi_handle_busy(struct ipmi_lan_server *srv, u8 handle);

/*
 * A session's request the module does not answer. Returns the completion
 * code to answer at once, or 0 if the request was forwarded (or is a
 * retransmission of one in flight) and the answer comes later.
 */
u8 ipmi_lan_smi_forward(struct ipmi_lan_request *c);

/*
 * The same to the interface smi (under rcu_read_lock()), for req (header
 * and data: what the consumer sees; its rq_seq, netfn and cmd are what
 * the answer names), a request of c's session the forward table allows
 * at privilege priv, answered the way route says (NULL: directly).
 */
u8 ipmi_lan_smi_forward_to(struct ipmi_lan_smi *smi,
			   struct ipmi_lan_request *c,
			   const struct ipmi_lan_msg *req,
			   const struct ipmi_lan_route *route, u8 priv);

/*
 * A bridged target's own interface: registered (or an ERR_PTR, with the
 * reason in extack), and unregistered once nothing reaches it any more (a
 * grace period after the target was unlisted), answering C3h to what it
 * had in flight.
 */
struct ipmi_lan_smi *ipmi_lan_smi_create_target(struct ipmi_lan_server *srv,
						struct ipmi_lan_target *t,
						struct netlink_ext_ack *extack);
void ipmi_lan_smi_destroy_target(struct ipmi_lan_smi *smi);
int ipmi_lan_smi_target_if_num(struct ipmi_lan_smi *smi);
bool ipmi_lan_smi_track_busy(struct ipmi_lan_smi *smi, u8 handle);

/*
 * A Session Audit event record (event.h) for the event message buffer;
 * any context. Nothing without the system interface.
 */
void ipmi_lan_smi_event(struct ipmi_lan_server *srv, const u8 *rec);

void ipmi_lan_smi_init(void);
void ipmi_lan_smi_uninit(void);

#endif /* _IPMI_LAN_SMI_H */
