/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The transmit path: every packet the server sends is built here, once,
 * in its skb. RMCP and session headers are written nowhere else.
 *
 * A sender reserves a packet (ipmi_lan_tx_begin), writes its payload in
 * place at tx->payload, then seals it (ipmi_lan_tx_seal: headers, and for
 * a session its sequence number, encryption and AuthCode) and sends it
 * (ipmi_lan_tx_send). Any payload type, inside a session or outside one,
 * from softirq or process context; a session's packets go to where its
 * last valid packet came from.
 *
 * Failures are counted here (NOMEM, CRYPTO, TX_ERROR); callers only learn
 * whether the packet went.
 */

#ifndef _IPMI_LAN_SEND_H
#define _IPMI_LAN_SEND_H

#include "packet.h"

#include <linux/types.h>

struct ipmi_lan_server;
struct ipmi_lan_session;
struct sk_buff;

struct ipmi_lan_tx {
	struct ipmi_lan_server *srv;
	struct ipmi_lan_session *s;	/* NULL: outside a session */
	struct sk_buff *skb;
	u8 format;			/* AUTHTYPE_RMCPP, or AUTHTYPE_NONE: v1.5 */
	u8 *payload;			/* where the payload is written */
	unsigned int room;		/* how many bytes it may have */
};

/*
 * Reserves a packet of session s (NULL: none, in the v1.5 or RMCP+ format
 * given) with room for a payload of up to room bytes (at most 255 for
 * v1.5). Returns false, counted, without memory.
 */
bool ipmi_lan_tx_begin(struct ipmi_lan_tx *tx, struct ipmi_lan_server *srv,
		       struct ipmi_lan_session *s, u8 format, unsigned int room);

/*
 * Completes the packet around a payload of len bytes of type ptype (no
 * authenticated or encrypted bits: a session's suite decides those).
 * Returns false, counted and with the packet freed, if the crypto failed.
 */
bool ipmi_lan_tx_seal(struct ipmi_lan_tx *tx, u8 ptype, unsigned int len);

/*
 * Sends a sealed packet to ep, or for a session with ep NULL to its peer;
 * consumes it.
 */
void ipmi_lan_tx_send(struct ipmi_lan_tx *tx, const struct ipmi_lan_endpoint *ep);

/* Frees a packet that is not sent, wiping its payload. */
void ipmi_lan_tx_abort(struct ipmi_lan_tx *tx);

/* begin, copy, seal and send, for a payload that is already built. */
bool ipmi_lan_send_payload(struct ipmi_lan_server *srv,
			   struct ipmi_lan_session *s, u8 format, u8 ptype,
			   const void *payload, unsigned int len,
			   const struct ipmi_lan_endpoint *ep);

/* The ASF presence pong to a ping with RMCP sequence seq and tag. */
void ipmi_lan_send_pong(struct ipmi_lan_server *srv,
			const struct ipmi_lan_endpoint *ep, u8 seq, u8 tag);

#endif /* _IPMI_LAN_SEND_H */
