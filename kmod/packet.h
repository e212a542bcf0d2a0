/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ground floor of the datagram path, shared by every layer above the
 * sockets: where a datagram came from, the datagram being handled, and its
 * session header as parsed, once, by rmcp.c.
 *
 * Nothing here calls anything; the receive path (rmcp.c, rmcpp.c), the
 * payload handlers (payload.c's table) and the transmit path (send.c) all
 * build on it.
 */

#ifndef _IPMI_LAN_PACKET_H
#define _IPMI_LAN_PACKET_H

#include "messages.h"

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/socket.h>
#include <linux/types.h>

struct ipmi_lan_server;

/* Where a datagram came from and where it went to: the reply's way back. */
struct ipmi_lan_endpoint {
	union {
		struct sockaddr addr;
		struct sockaddr_in addr4;
		struct sockaddr_in6 addr6;
	};
	union {
		__be32 local4;
		struct in6_addr local6;
	};
	int ifindex;
};

/* Returned for a datagram that was accepted (drop reasons are >= 0). */
enum { RX_ACCEPTED = -1 };

/* A received datagram being handled, in softirq. */
struct ipmi_lan_rx {
	struct ipmi_lan_server *srv;
	struct ipmi_lan_endpoint ep;
	u8 *scratch;		/* MAX_DATAGRAM_LEN bytes, linear: plaintext */
};

/*
 * An IPMI v1.5 or RMCP+ session header, parsed once. For v1.5 (format
 * AUTHTYPE_NONE, the only one accepted) the payload type is IPMI.
 */
struct ipmi_lan_pkt {
	u8 format;		/* AUTHTYPE_RMCPP, or AUTHTYPE_NONE: v1.5 */
	u8 ptype;		/* with the authenticated and encrypted bits */
	u32 id;			/* the BMC's session id; 0 outside a session */
	u32 seq;
	const u8 *hdr;		/* the session header: the AuthCode covers from here */
	unsigned int len;	/* from hdr to the end of the datagram */
	const u8 *payload;
	unsigned int plen;
};

/*
 * The RMCP+ integrity pad: session header through the next-header byte
 * is a multiple of 4 bytes long.
 */
static inline unsigned int rmcpp_integ_pad(unsigned int plen)
{
	return (4 - (RMCPP_HEADER_LEN + plen + 2) % 4) % 4;
}

#endif /* _IPMI_LAN_PACKET_H */
