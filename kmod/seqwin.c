// SPDX-License-Identifier: GPL-2.0
/*
 * The sequence window with a duplicate bitmap. The callers serialise
 * commits per session; checks may race with commits, which is why a
 * commit checks again.
 */

#include "seqwin.h"

#include <linux/bits.h>

/*
 * How many numbers seq is ahead of highest (negative: behind), counting
 * only the numbers a sender uses: 0 is reserved, so 1 directly follows
 * FFFFFFFFh and a distance that crosses the wrap is one shorter than the
 * plain difference modulo 2^32.
 */
static s32 seq_diff(u32 seq, u32 highest)
{
	s32 diff = (s32)(seq - highest);

	if (diff > 0 && seq < highest)
		diff--;			/* forward, past FFFFFFFFh */
	else if (diff < 0 && seq > highest)
		diff++;			/* backward, past 1 */
	return diff;
}

/* Whether seq would be accepted now; changes nothing. */
bool seqwin_check(const struct seqwin *w, u32 seq)
{
	s32 diff;

	if (!seq)
		return false;
	if (!w->started)
		return true;
	diff = seq_diff(seq, w->highest);
	if (diff > SEQWIN_AHEAD || diff < -SEQWIN_BEHIND)
		return false;
	if (diff > 0)
		return true;
	return !(w->seen & BIT(-diff));
}

/* Accepts seq into the window; false if it is not acceptable (any more). */
bool seqwin_commit(struct seqwin *w, u32 seq)
{
	s32 diff;

	if (!seqwin_check(w, seq))
		return false;
	if (!w->started) {
		w->started = true;
		w->highest = seq;
		w->seen = BIT(0);
		return true;
	}
	diff = seq_diff(seq, w->highest);
	if (diff > 0) {
		w->seen = diff >= 32 ? 0 : w->seen << diff;
		w->seen |= BIT(0);
		w->highest = seq;
	} else {
		w->seen |= BIT(-diff);
	}
	return true;
}
