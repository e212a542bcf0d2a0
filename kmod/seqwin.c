// SPDX-License-Identifier: GPL-2.0
/*
 * The sequence window with a duplicate bitmap. The callers serialise
 * commits per session; checks may race with commits, which is why a
 * commit checks again.
 */

#include "seqwin.h"

#include <linux/bits.h>

/* Whether seq would be accepted now; changes nothing. */
bool seqwin_check(const struct seqwin *w, u32 seq)
{
	s32 diff;

	if (!seq)
		return false;
	if (!w->started)
		return true;
	diff = (s32)(seq - w->highest);
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
	diff = (s32)(seq - w->highest);
	if (diff > 0) {
		w->seen = diff >= 32 ? 0 : w->seen << diff;
		w->seen |= BIT(0);
		w->highest = seq;
	} else {
		w->seen |= BIT(-diff);
	}
	return true;
}
