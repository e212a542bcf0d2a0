/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic netlink plumbing: the socket, the ipmi_lan family, do requests
 * with their replies, and kernel errors with their extended ack.
 */
#ifndef IPMI_LANCTL_NL_H
#define IPMI_LANCTL_NL_H

#include <signal.h>
#include <stdbool.h>
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

/*
 * The same in two steps, for a long-lived user (the chassis service): the
 * socket, kept open; the family, resolved again after a module reload.
 */
int ipmi_nl_connect(void);
int ipmi_nl_resolve(void);

/*
 * Quiet mode: errors are not printed but kept; ipmi_nl_error() is the
 * message of the last failure, ipmi_nl_errno() the kernel's errno (0 if
 * the failure was not an error from the kernel).
 */
void ipmi_nl_quiet(bool on);
const char *ipmi_nl_error(void);
int ipmi_nl_errno(void);

/* A new request for the ipmi_lan family; NULL (and a message) if no memory. */
struct nl_msg *ipmi_nl_request(uint8_t cmd);

/* Wipe (requests may carry secrets) and free a request that is not sent. */
void ipmi_nl_free(struct nl_msg *msg);

/* nla_nest_start() with NLA_F_NESTED, which the kernel's policy wants. */
struct nlattr *ipmi_nl_nest_start(struct nl_msg *msg, int type);

/*
 * Parse a nest that holds top-level attributes (IPMI_LAN_A_*, like a
 * target's identity) with the policy of the replies: 0 or < 0.
 */
int ipmi_nl_parse_attrs(struct nlattr **tb, struct nlattr *nest);

/*
 * Send msg (and wipe and free it), pass each reply to reply (may be NULL) and wait
 * for the kernel's ack. Returns EXIT_OK, or EXIT_NETLINK after printing
 * "what: reason", preceded by the kernel's extack message if it sent one.
 */
int ipmi_nl_do(struct nl_msg *msg, const char *what, nl_reply_fn reply,
	       void *arg);

/*
 * Dump cmd (a request without attributes, NLM_F_DUMP): pass each message
 * to reply, until NLMSG_DONE. If the kernel marks the dump interrupted
 * (NLM_F_DUMP_INTR: the list changed while it was read), call reset and
 * start over, up to twice more, then fail. Returns like ipmi_nl_do().
 */
int ipmi_nl_dump(uint8_t cmd, const char *what, nl_reply_fn reply,
		 void (*reset)(void *arg), void *arg);

/*
 * Notifications (monitor.c). ipmi_nl_join() resolves the family's
 * multicast group name (IPMI_LAN_GENL_MCGRP_*), joins it and turns off
 * the sequence number check, which notifications (seq 0) would fail.
 * Prints why not, "what: reason", and returns EXIT_NETLINK.
 */
int ipmi_nl_join(const char *what, const char *group);

/*
 * Called with the genl command and the top-level attributes of a
 * notification of the family. Return 0 to go on, or an exit status
 * (already reported) to stop listening with.
 */
typedef int (*nl_notify_fn)(uint8_t cmd, struct nlattr **tb, void *arg);

/*
 * Pass each notification to fn until *stop is set (by a signal handler;
 * signals are only taken while waiting, with the mask wait_mask) or fn
 * asks to stop. Messages that are not the family's are skipped, and so,
 * with a message, are malformed ones; lost notifications (the receive
 * buffer overran) are reported and listening goes on. Returns EXIT_OK
 * after *stop, fn's status, or EXIT_NETLINK after printing "what: reason"
 * if the socket fails.
 */
int ipmi_nl_listen(const char *what, nl_notify_fn fn, void *arg,
		   const sigset_t *wait_mask, volatile sig_atomic_t *stop);

/*
 * The transport, nl-sock.c: an allocated, connected socket with extended
 * acks enabled, or a negative libnl error. The tests link a mock instead.
 */
int ipmi_nl_sock_open(struct nl_sock **skp);

/* Join multicast group id group: 0 or a negative libnl error. */
int ipmi_nl_sock_join(struct nl_sock *sk, int group);

/*
 * Wait until the socket has something to read (or an error to report),
 * with the signal mask mask: 1 then, 0 if a signal came first, or a
 * negative libnl error.
 */
int ipmi_nl_sock_wait(struct nl_sock *sk, const sigset_t *mask);

#endif /* IPMI_LANCTL_NL_H */
