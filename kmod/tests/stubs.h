/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the test doubles in stubs.c let a suite control and see.
 */

#ifndef _IPMI_LAN_KUNIT_STUBS_H
#define _IPMI_LAN_KUNIT_STUBS_H

#include "../packet.h"

#include <linux/types.h>

struct ipmi_lan_server;
struct ipmi_lan_session;

/*
 * The session every lookup finds (NULL: none). References are not
 * counted: the suite owns the session.
 */
extern struct ipmi_lan_session *ipmi_lan_kunit_session;

/* A server with the default channel and its own rate limiter. */
struct ipmi_lan_server *ipmi_lan_kunit_server_new(void);
void ipmi_lan_kunit_server_free(struct ipmi_lan_server *srv);

enum { KUNIT_TX_LEN = 512 };

/* What the fake socket was given to send, and what was dropped. */
struct ipmi_lan_kunit_tx {
	unsigned int count;		/* packets sent */
	unsigned int len;		/* of the last one */
	u8 data[KUNIT_TX_LEN];		/* the last one, from its RMCP header */
	struct ipmi_lan_endpoint ep;	/* its destination */
	unsigned int handshakes;	/* payloads given to the handshake */
	u8 handshake_ptype;		/* the last one's type */
	unsigned int drops[32];		/* by reason */
};

extern struct ipmi_lan_kunit_tx ipmi_lan_kunit_tx;
void ipmi_lan_kunit_tx_reset(void);

/*
 * The first KUNIT_TX_HIST_LEN bytes of the n-th packet sent since the
 * last reset (1-based), for the last KUNIT_TX_HIST packets.
 */
enum { KUNIT_TX_HIST = 16, KUNIT_TX_HIST_LEN = 64 };
const u8 *ipmi_lan_kunit_tx_hist(unsigned int n);

#endif /* _IPMI_LAN_KUNIT_STUBS_H */
