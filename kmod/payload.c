// SPDX-License-Identifier: GPL-2.0
/*
 * The payload table (payload.h): every (session state, payload type) pair
 * not named here is dropped, counted as STATE (in a session) or
 * NOT_ALLOWED (outside one).
 */

#include "payload.h"
#include "ipmi.h"
#include "rakp.h"
#include "sol.h"

const struct ipmi_lan_payload ipmi_lan_payloads[IPMI_LAN_PAYLOAD_TYPES] = {
	[RMCPP_PAYLOAD_IPMI] = {
		.rcv = ipmi_lan_ipmi_rcv,
		.outside = true,
		.in_states = BIT(SESSION_ACTIVE),
	},
	/* Only in a session whose SoL is activated (sol.c checks that). */
	[RMCPP_PAYLOAD_SOL] = {
		.rcv = ipmi_lan_sol_rcv,
		.in_states = BIT(SESSION_ACTIVE),
	},
	[RMCPP_PAYLOAD_OPEN_REQ] = {
		.rcv = ipmi_lan_handshake_rcv,
		.outside = true,
	},
	[RMCPP_PAYLOAD_RAKP1] = {
		.rcv = ipmi_lan_handshake_rcv,
		.outside = true,
		/* Again while RAKP3 is awaited: the console retransmits it
		 * when RAKP2 is lost.
		 */
		.named_states = BIT(SESSION_PENDING_OPEN) |
				BIT(SESSION_PENDING_RAKP3),
	},
	[RMCPP_PAYLOAD_RAKP3] = {
		.rcv = ipmi_lan_handshake_rcv,
		.outside = true,
		.named_states = BIT(SESSION_PENDING_RAKP3),
	},
};
