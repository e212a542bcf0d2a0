/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The inbound session sequence window of RMCP+: a number is accepted if it
 * lies from 16 below to 15 above the highest accepted so far and has not
 * been seen before. Zero is never valid inside a session; the first number
 * may be anything else. Arithmetic is modulo 2^32, with FFFFFFFFh the
 * lesser across the wrap, and counts only numbers a sender uses: as 0 is
 * reserved, 1 directly follows FFFFFFFFh, so 16 below 1 is FFFFFFF0h.
 *
 * Checking and committing are separate: a packet is checked before its
 * integrity is verified and committed only after, so a forged packet
 * cannot move the window.
 */

#ifndef _IPMI_LAN_SEQWIN_H
#define _IPMI_LAN_SEQWIN_H

#include <linux/types.h>

enum seqwin_limits {
	SEQWIN_BEHIND = 16,
	SEQWIN_AHEAD = 15,
};

struct seqwin {
	u32 highest;
	u32 seen;		/* bit i: highest - i was accepted */
	bool started;
};

bool seqwin_check(const struct seqwin *w, u32 seq);
bool seqwin_commit(struct seqwin *w, u32 seq);

#endif /* _IPMI_LAN_SEQWIN_H */
