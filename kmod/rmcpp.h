/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RMCP+ session layer on receive: the session lookup and its state,
 * integrity, confidentiality and the sequence window of packets inside a
 * session. What it lets through goes to the payload's handler.
 */

#ifndef _IPMI_LAN_RMCPP_H
#define _IPMI_LAN_RMCPP_H

#include "packet.h"

#include <linux/types.h>

struct ipmi_lan_session;

/* A verified payload of a session. */
struct ipmi_lan_rmcpp_in {
	struct ipmi_lan_session *s;	/* a reference */
	const u8 *payload;		/* plaintext */
	unsigned int len;
	unsigned int plain;		/* bytes to wipe in rx->scratch */
};

/*
 * Verifies, decrypts and commits a packet of a session (pkt->id != 0).
 * Returns RX_ACCEPTED with *in filled, to be released by
 * ipmi_lan_rmcpp_done() once the payload is handled, or a drop reason.
 */
int ipmi_lan_rmcpp_verify(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt,
			  struct ipmi_lan_rmcpp_in *in);
void ipmi_lan_rmcpp_done(struct ipmi_lan_rx *rx, struct ipmi_lan_rmcpp_in *in);

#endif /* _IPMI_LAN_RMCPP_H */
