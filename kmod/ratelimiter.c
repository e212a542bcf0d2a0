// SPDX-License-Identifier: GPL-2.0
/*
 * Per-source token buckets in a fixed table indexed by a keyed hash of the
 * source: no allocation on the packet path, and a flood of spoofed sources
 * cannot exhaust memory. A slot busy with another source is not handed
 * over (the packet is refused), as WireGuard's limiter refuses when full.
 */

#include "ratelimiter.h"

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/time64.h>

void ipmi_lan_ratelimit_init(struct ipmi_lan_ratelimit *rl)
{
	spin_lock_init(&rl->lock);
	memset(rl->bucket, 0, sizeof(rl->bucket));
}

/*
 * Whether a packet from the source with this key may be answered now. A
 * source has one bucket in the set its key selects; a new source takes a
 * free bucket, or one whose source has been quiet long enough to be full
 * again. When all are busy the packet is refused: cycling through many
 * addresses buys no fresh buckets, and memory stays fixed.
 */
bool ipmi_lan_ratelimit_allow(struct ipmi_lan_ratelimit *rl, u64 key,
			      u64 now_ns)
{
	const u64 cost = NSEC_PER_SEC / RATELIMIT_PER_SECOND;
	const u64 max = cost * RATELIMIT_BURST;
	struct ipmi_lan_bucket *set, *b = NULL;
	bool ret = false;
	unsigned int i;

	key |= 1;		/* 0 marks a free bucket */
	spin_lock_bh(&rl->lock);
	set = rl->bucket[(key >> 1) % RATELIMIT_SETS];
	for (i = 0; i < RATELIMIT_WAYS; i++) {
		if (set[i].key == key) {
			b = &set[i];
			if (now_ns > b->last_ns)
				b->tokens_ns = min(max, b->tokens_ns +
						   (now_ns - b->last_ns));
			break;
		}
		if (!b && (!set[i].key || now_ns - set[i].last_ns >= max))
			b = &set[i];	/* free, or quiet long enough */
	}
	if (!b)
		goto out;
	if (b->key != key) {
		b->key = key;
		b->tokens_ns = max;
	}
	b->last_ns = now_ns;
	if (b->tokens_ns >= cost) {
		b->tokens_ns -= cost;
		ret = true;
	}
out:
	spin_unlock_bh(&rl->lock);
	return ret;
}
