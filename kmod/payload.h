/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Dispatch by payload type: one table, in payload.c, says for each RMCP+
 * payload type which handler takes it and in which session states.
 *
 * A payload arrives in one of three ways:
 *
 * - outside a session (session id 0, no authentication): only the
 *   payloads marked .outside, with s NULL: session-less IPMI requests and
 *   the handshake messages (Open Session, RAKP 1 and 3);
 * - inside a session (a non-zero id in the header): only in the session
 *   states in .in_states, after rmcpp.c verified, decrypted and committed
 *   it. A pending session has no keys, so nothing in-session reaches it;
 * - a handshake message names its session inside its payload: .named_states
 *   are the states that session must be in (checked by rakp.c).
 *
 * A new payload type (SoL, an OEM payload) is a handler in a file of its
 * own plus an entry in the table.
 */

#ifndef _IPMI_LAN_PAYLOAD_H
#define _IPMI_LAN_PAYLOAD_H

#include "messages.h"
#include "packet.h"
#include "session.h"

#include <linux/bits.h>
#include <linux/types.h>

/*
 * A payload handler. s is the session, with a reference the caller puts,
 * or NULL outside a session. The payload (len bytes) is plaintext, in the
 * datagram or in rx->scratch, wiped after the handler returns. Returns
 * RX_ACCEPTED or a drop reason.
 */
typedef int (*ipmi_lan_payload_rcv_t)(struct ipmi_lan_rx *rx,
				      const struct ipmi_lan_pkt *pkt,
				      struct ipmi_lan_session *s,
				      const u8 *payload, unsigned int len);

struct ipmi_lan_payload {
	ipmi_lan_payload_rcv_t rcv;
	bool outside;		/* taken outside a session */
	u8 in_states;		/* BIT(state): taken in-session in these */
	u8 named_states;	/* BIT(state): the named session's, handshake */
};

enum { IPMI_LAN_PAYLOAD_TYPES = RMCPP_PAYLOAD_TYPE_MASK + 1 };

extern const struct ipmi_lan_payload ipmi_lan_payloads[IPMI_LAN_PAYLOAD_TYPES];

/* The entry for a payload type (the auth/encrypt bits are ignored). */
static inline const struct ipmi_lan_payload *ipmi_lan_payload_get(u8 ptype)
{
	const struct ipmi_lan_payload *p =
		&ipmi_lan_payloads[ptype & RMCPP_PAYLOAD_TYPE_MASK];

	return p->rcv ? p : NULL;
}

static inline bool ipmi_lan_payload_outside(u8 ptype)
{
	const struct ipmi_lan_payload *p = ipmi_lan_payload_get(ptype);

	return p && p->outside;
}

static inline bool ipmi_lan_payload_in_session(enum ipmi_lan_session_state state,
					       u8 ptype)
{
	const struct ipmi_lan_payload *p = ipmi_lan_payload_get(ptype);

	return p && (p->in_states & BIT(state));
}

static inline bool ipmi_lan_payload_named(enum ipmi_lan_session_state state,
					  u8 ptype)
{
	const struct ipmi_lan_payload *p = ipmi_lan_payload_get(ptype);

	return p && (p->named_states & BIT(state));
}

#endif /* _IPMI_LAN_PAYLOAD_H */
