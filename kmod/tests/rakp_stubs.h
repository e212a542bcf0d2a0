/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the fakes in rakp_stubs.c let rakp_kunit.c set and see.
 */

#ifndef _IPMI_LAN_KUNIT_RAKP_STUBS_H
#define _IPMI_LAN_KUNIT_RAKP_STUBS_H

#include "../server.h"
#include "../socket.h"

#include <linux/types.h>

enum { FAKE_TX_MAX = 4, FAKE_TX_LEN = 128 };

/* One datagram ipmi_lan_socket_send() was given. */
struct ipmi_lan_fake_tx {
	struct ipmi_lan_endpoint ep;	/* where it was sent */
	unsigned int len;
	u8 data[FAKE_TX_LEN];		/* from the RMCP header on */
};

/*
 * The datagrams sent since the last ipmi_lan_fake_reset(), the first
 * FAKE_TX_MAX of them kept; ipmi_lan_fake_tx_count counts them all.
 */
extern struct ipmi_lan_fake_tx ipmi_lan_fake_tx[FAKE_TX_MAX];
extern unsigned int ipmi_lan_fake_tx_count;

/* Calls of ipmi_lan_count_drop(), by reason. */
extern unsigned int ipmi_lan_fake_drops[__IPMI_LAN_DROP_LAST];

/* What ipmi_lan_server_get_identity() returns (its GUID matters). */
extern struct ipmi_lan_identity ipmi_lan_fake_identity;

/* Forgets what was sent and counted. */
void ipmi_lan_fake_reset(void);

#endif /* _IPMI_LAN_KUNIT_RAKP_STUBS_H */
