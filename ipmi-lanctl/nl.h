/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic netlink plumbing: the socket, the ipmi_lan family, do requests
 * with their replies, and kernel errors with their extended ack.
 */
#ifndef IPMI_LANCTL_NL_H
#define IPMI_LANCTL_NL_H

#include <stdint.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <linux/ipmi_lan.h>

struct nl_sock;

/*
 * Called with the top-level attributes (IPMI_LAN_A_*) of a reply. Return
 * 0, or a negative errno if the reply makes no sense.
 */
typedef int (*nl_reply_fn)(struct nlattr **tb, void *arg);

/* Connect and resolve the family; prints why not and returns EXIT_NETLINK. */
int ipmi_nl_open(void);
void ipmi_nl_close(void);

/* A new request for the ipmi_lan family; NULL (and a message) if no memory. */
struct nl_msg *ipmi_nl_request(uint8_t cmd);

/*
 * Send msg (and free it), pass each reply to reply (may be NULL) and wait
 * for the kernel's ack. Returns EXIT_OK, or EXIT_NETLINK after printing
 * "what: reason", preceded by the kernel's extack message if it sent one.
 */
int ipmi_nl_do(struct nl_msg *msg, const char *what, nl_reply_fn reply,
	       void *arg);

/*
 * The transport, nl-sock.c: an allocated, connected socket with extended
 * acks enabled, or a negative libnl error. The tests link a mock instead.
 */
int ipmi_nl_sock_open(struct nl_sock **skp);

#endif /* IPMI_LANCTL_NL_H */
