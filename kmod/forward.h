/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a LAN session's requests the module does not answer itself are
 * handed to the kernel's IPMI message handler for: the forward table, set
 * over netlink, with the least privilege each forwarded command needs.
 * Also the wire formats between the module and the message handler: a
 * LAN command as a Get Message response, the consumer's reply as a Send
 * Message request, and an IPMB message arriving on channel 0 (local
 * bridging) as a Get Message response.
 */

#ifndef _IPMI_LAN_FORWARD_H
#define _IPMI_LAN_FORWARD_H

#include <linux/rcupdate.h>
#include <linux/types.h>

struct ipmi_lan_server;
struct ipmi_lan_msg;
struct netlink_ext_ack;

struct ipmi_lan_forward_entry {
	u8 netfn;
	u8 cmd;
	bool all;		/* every command of netfn */
	u8 priv;		/* least session privilege */
	u32 owner;		/* netlink port id; 0: static */
};

struct ipmi_lan_forward_table {
	struct rcu_head rcu;
	unsigned int n;
	struct ipmi_lan_forward_entry e[];
};

/* The privilege a request needs if forwarded, or 0 if it is not. RCU. */
u8 ipmi_lan_forward_lookup(struct ipmi_lan_server *srv, u8 netfn, u8 cmd);
/* The same in the table *tp (a bridged target's). */
u8 ipmi_lan_forward_lookup_in(struct ipmi_lan_forward_table __rcu **tp,
			      u8 netfn, u8 cmd);
/* The IPMI specification's level for a standard command, else admin. */
u8 ipmi_lan_forward_default_priv(u8 netfn, u8 cmd);

/* In the table of addr: the server's own (0x20) or a target's. */
int ipmi_lan_forward_add(struct ipmi_lan_server *srv, u8 addr,
			 const struct ipmi_lan_forward_entry *e,
			 struct netlink_ext_ack *extack);
int ipmi_lan_forward_del(struct ipmi_lan_server *srv, u8 addr, u8 netfn,
			 u8 cmd, bool all, struct netlink_ext_ack *extack);
void ipmi_lan_forward_release(struct ipmi_lan_server *srv, u32 owner);
void ipmi_lan_forward_free(struct ipmi_lan_server *srv);

/* Get Message response (06h/33h) carrying a LAN request; its length. */
enum { FWD_GET_MSG_HDR = 11, FWD_SEND_MSG_HDR = 10 };
unsigned int ipmi_lan_forward_format(u8 *out, unsigned int cap,
				     const struct ipmi_lan_msg *req, u8 priv,
				     u8 handle);

/* A consumer's reply: Send Message (06h/34h) request data to a LAN session. */
struct ipmi_lan_forward_reply {
	u8 channel;
	u8 handle;
	u8 netfn;		/* of the request (even) */
	u8 cmd;
	u8 rq_seq;
	const u8 *rsp;		/* completion code, data */
	unsigned int rsp_len;
};

int ipmi_lan_forward_parse_reply(struct ipmi_lan_forward_reply *r,
				 const u8 *data, unsigned int len);

/*
 * Get Message response (06h/33h) carrying the IPMB message ipmb (len
 * bytes, its checksums checked) that arrived on channel 0; its length, or
 * 0 if it does not fit.
 */
unsigned int ipmi_lan_forward_format_ipmb(u8 *out, unsigned int cap,
					  const u8 *ipmb, unsigned int len);

#endif /* _IPMI_LAN_FORWARD_H */
