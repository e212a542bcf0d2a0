/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Serial-over-LAN: a console (the SOL payload, type 1, instance 1 of a
 * session) joined to a tty on the board through the line discipline of
 * ldisc.c. The tty belongs to a target (today only the BMC itself, 20h);
 * bytes from the tty are accumulated and sent to the console in SOL
 * packets, and the console's bytes are written to the tty, each exactly
 * once and in order.
 *
 * Reliability is the specification's: one data packet in flight each way
 * (4-bit sequence numbers 1-15, 0 for an ACK-only packet), ACK with the
 * accepted character count, partial ACK, NACK when there is no room,
 * retransmission after the retry interval, and a drop, counted, after the
 * last retry. Buffers are bounded both ways.
 *
 * Lifetimes: a struct ipmi_lan_sol lives from the discipline's open to
 * its close (kref; the server's slot and the tty each hold a reference).
 * While a console is active it holds a reference on the session, and the
 * session's close hook ends the activation at once. Deleting a target ends
 * its tty's binding as the namespace's end does: the console is told, the
 * tty stays under the discipline, bound to nothing, until it is detached.
 */

#ifndef _IPMI_LAN_SOL_H
#define _IPMI_LAN_SOL_H

#include "packet.h"
#include "session.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/kref.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct ipmi_lan_request;
struct ipmi_lan_server;
struct netlink_ext_ack;
struct tty_struct;

enum ipmi_lan_sol_limits {
	SOL_HEADER_LEN = 4,
	SOL_MAX_DATA = 255,		/* the accepted count is one byte */
	SOL_PAYLOAD_MAX = SOL_HEADER_LEN + SOL_MAX_DATA,	/* 259 */
	SOL_IN_BUF = 2048,		/* console -> tty, power of 2 */
	SOL_OUT_BUF = 8192,		/* tty -> console, power of 2 */
	SOL_INSTANCES = 1,
	SOL_SLOTS = 256,		/* one tty per IPMB address */
	SOL_CLAIMS = 8,			/* attaches announced, not yet bound */
	SOL_CLAIM_MS = 5000,		/* how long an announcement lasts */
};

/* SOL configuration parameters 1-6, the server's (channel 1's). */
struct ipmi_lan_sol_config {
	bool enabled;
	bool force_encryption;
	bool force_auth;
	u8 privilege;
	u8 accumulate;		/* 5 ms units, 1..255 */
	u8 threshold;		/* characters, 1..255 */
	u8 retry_count;		/* 0..7 */
	u8 retry_interval;	/* 10 ms units; 0 is taken as 1 */
	u8 bit_rate;		/* IPMI_LAN_SOL_RATE_* code, 0: the tty's */
	u8 volatile_bit_rate;
	u8 set_in_progress;	/* parameter 0, as last written */
};

struct ipmi_lan_sol_counters {
	u64 tx_bytes, rx_bytes, retries, nacks_sent, nacks_received;
	u64 dropped, duplicates, activations;
};

struct ipmi_lan_sol {
	struct kref ref;
	struct rcu_head rcu;
	u8 target;
	char name[IPMI_LAN_SOL_TTY_NAME_LEN];

	spinlock_t lock;		/* everything below; BH */
	struct ipmi_lan_server *srv;	/* NULL once unbound */
	struct tty_struct *tty;		/* NULL once the discipline closed */
	struct ipmi_lan_session *s;	/* the console's, with a reference */
	struct ipmi_lan_payload_inst inst;

	/* console -> tty */
	u8 in_buf[SOL_IN_BUF];
	unsigned int in_head, in_len;
	u8 in_seq;			/* last data packet taken, 0: none */
	u8 in_count;			/* characters taken from it */

	/* tty -> console */
	u8 out_buf[SOL_OUT_BUF];
	unsigned int out_head, out_len;
	u8 tx_seq;			/* packet in flight, 0: none */
	u8 tx_len;			/* its characters, from out_head */
	u8 tx_tries;			/* retransmissions of it so far */
	u8 next_seq;
	u8 tx_status;			/* its status bits (overrun, break) */
	bool overrun;			/* characters lost since the last packet */
	bool break_seen;		/* a break from the tty since then */
	bool tty_stalled;		/* the tty was refused input */
	unsigned long first_byte;	/* jiffies: oldest unsent character */

	/* the console's line requests (CTS pause, DCD/DSR drop) */
	u8 lines;

	/* for the work, in process context */
	bool want_break, want_flush_tty, want_rate, want_lines;
	struct timer_list timer;	/* accumulate and retry */
	struct work_struct work;	/* tty writes, break, flush, termios */
	struct delayed_work wake;	/* the tty's writer, a tick later */

	struct ipmi_lan_sol_counters stats;
};

/*
 * An attach announced over netlink: the next binding of the tty dev in
 * the namespace serves target, if it comes before expires (jiffies).
 */
struct ipmi_lan_sol_claim {
	dev_t dev;			/* 0: a free entry */
	u8 target;
	unsigned long expires;
};

/* Per-server SoL state; lives in struct ipmi_lan_server. */
struct ipmi_lan_sols {
	spinlock_t lock;		/* config and the tty slots; BH */
	struct ipmi_lan_sol_config config;
	/* The tty of each target, by address; 20h is the BMC's own. */
	struct ipmi_lan_sol __rcu *slot[SOL_SLOTS];
	/* under the bind mutex (sol.c) */
	struct ipmi_lan_sol_claim claims[SOL_CLAIMS];
};

void ipmi_lan_sols_init(struct ipmi_lan_server *srv);
void ipmi_lan_sols_uninit(struct ipmi_lan_server *srv);
void ipmi_lan_sol_get_config(struct ipmi_lan_server *srv,
			     struct ipmi_lan_sol_config *out);
void ipmi_lan_sol_set_config(struct ipmi_lan_server *srv,
			     const struct ipmi_lan_sol_config *cfg);
bool ipmi_lan_sol_config_valid(const struct ipmi_lan_sol_config *cfg);

/* The tty bound to target, referenced; NULL if none. */
struct ipmi_lan_sol *ipmi_lan_sol_get(struct ipmi_lan_server *srv, u8 target);
void ipmi_lan_sol_put(struct ipmi_lan_sol *sol);
/* The first bound tty at target or above it, referenced; NULL past the last. */
struct ipmi_lan_sol *ipmi_lan_sol_next(struct ipmi_lan_server *srv,
				       unsigned int from);

/*
 * Announces that the tty dev is about to be bound (TIOCSETD) for target:
 * -ENOENT if there is no such target, -EBUSY if it has a tty already or
 * too many attaches are announced, each with a message in extack.
 */
int ipmi_lan_sol_claim(struct ipmi_lan_server *srv, dev_t dev, u8 target,
		       struct netlink_ext_ack *extack);
/* The target announced for dev (and forgets it), or the BMC's. */
u8 ipmi_lan_sol_claimed(struct ipmi_lan_server *srv, dev_t dev);
/*
 * A target is deleted (bridge.c, once it is unlisted): its tty's binding
 * ends and a console on it is told, as when the tty is detached; the tty
 * stays under the discipline, bound to nothing.
 */
void ipmi_lan_sol_target_gone(struct ipmi_lan_server *srv, u8 target);

/* A snapshot for netlink. */
struct ipmi_lan_sol_info {
	char name[IPMI_LAN_SOL_TTY_NAME_LEN];
	u8 target;
	bool active;
	u8 handle, user_id;
	struct ipmi_lan_sol_counters stats;
};

void ipmi_lan_sol_info(struct ipmi_lan_sol *sol, struct ipmi_lan_sol_info *out);

/*
 * The tty side (ldisc.c calls these). Binding fails with -ENXIO if target
 * is neither the BMC nor a bridged target, -EBUSY if it has a tty.
 */
struct ipmi_lan_sol *ipmi_lan_sol_bind(struct ipmi_lan_server *srv,
				       struct tty_struct *tty, u8 target);
void ipmi_lan_sol_unbind(struct ipmi_lan_sol *sol);
unsigned int ipmi_lan_sol_tty_input(struct ipmi_lan_sol *sol, const u8 *p,
				    unsigned int len);
/* The tty received a break: the console is told in the next packet. */
void ipmi_lan_sol_tty_break(struct ipmi_lan_sol *sol);
void ipmi_lan_sol_tty_wakeup(struct ipmi_lan_sol *sol);

/* The SOL payload handler (payload.c's table). */
int ipmi_lan_sol_rcv(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt,
		     struct ipmi_lan_session *s, const u8 *payload,
		     unsigned int len);

/*
 * Commands (cmd.c's table). Each acts on the SoL of the request's target
 * (c->target, 0 for the BMC itself): bridged ones are answered for the
 * target they were sent to (bridge.c).
 */
unsigned int ipmi_lan_sol_activate(struct ipmi_lan_request *c);
unsigned int ipmi_lan_sol_deactivate(struct ipmi_lan_request *c);
unsigned int ipmi_lan_sol_activation_status(struct ipmi_lan_request *c);
unsigned int ipmi_lan_sol_instance_info(struct ipmi_lan_request *c);
unsigned int ipmi_lan_sol_channel_payload_support(struct ipmi_lan_request *c);
unsigned int ipmi_lan_sol_channel_payload_version(struct ipmi_lan_request *c);
unsigned int ipmi_lan_sol_get_param(struct ipmi_lan_request *c);
unsigned int ipmi_lan_sol_set_param(struct ipmi_lan_request *c);

#endif /* _IPMI_LAN_SOL_H */
