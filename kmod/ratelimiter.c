// SPDX-License-Identifier: GPL-2.0
/*
 * Per-source token buckets in a fixed table indexed by a keyed hash of the
 * source: no allocation on the packet path, and a flood of spoofed sources
 * cannot exhaust memory.
 *
 * A new source always gets a bucket: a free one of its set, else the least
 * recently used one (the oldest last packet), handed over full. Refusing
 * a newcomer because its set is full would be a denial of service: a few
 * thousand spoofed IPv4 sources (or one IPv6 /52) that each come back
 * within a refill would keep every bucket busy, and no new source, so no
 * login, would get through. Eviction gives a spoofer nothing it
 * did not have already, since each spoofed address gets its own fresh
 * bucket anyway. A source that keeps sending keeps its bucket, empty or
 * not, unless RATELIMIT_WAYS newcomers reach its set between two of its
 * packets; as the hash is keyed, forcing that takes about RATELIMIT_WAYS *
 * RATELIMIT_SETS packets from fresh addresses per burst regained.
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

/* The bucket of a set to give a new source: a free one, else the LRU one. */
static struct ipmi_lan_bucket *ratelimit_victim(struct ipmi_lan_bucket *set)
{
	struct ipmi_lan_bucket *v = &set[0];
	unsigned int i;

	for (i = 1; i < RATELIMIT_WAYS && v->key; i++)
		if (!set[i].key || set[i].last_ns < v->last_ns)
			v = &set[i];
	return v;
}

/*
 * Whether a packet from the source with this key may be answered now. A
 * source has one bucket in the set its key selects, refilled with the time
 * since its last packet, up to the burst. A source without one takes a
 * bucket as ratelimit_victim() says and starts with the whole burst; the
 * source it replaces starts afresh the same way when it comes back.
 */
bool ipmi_lan_ratelimit_allow(struct ipmi_lan_ratelimit *rl, u64 key,
			      u64 now_ns)
{
	const u64 cost = NSEC_PER_SEC / RATELIMIT_PER_SECOND;
	const u64 max = cost * RATELIMIT_BURST;
	struct ipmi_lan_bucket *set, *b;
	bool ret = false;
	unsigned int i;

	key |= 1;		/* 0 marks a free bucket */
	spin_lock_bh(&rl->lock);
	set = rl->bucket[(key >> 1) % RATELIMIT_SETS];
	for (i = 0; i < RATELIMIT_WAYS; i++)
		if (set[i].key == key)
			break;
	if (i < RATELIMIT_WAYS) {
		b = &set[i];
		/* Time going backwards neither refills nor rejuvenates. */
		if (now_ns > b->last_ns) {
			b->tokens_ns = min(max, b->tokens_ns +
					   (now_ns - b->last_ns));
			b->last_ns = now_ns;
		}
	} else {
		b = ratelimit_victim(set);
		b->key = key;
		b->tokens_ns = max;
		b->last_ns = now_ns;
	}
	if (b->tokens_ns >= cost) {
		b->tokens_ns -= cost;
		ret = true;
	}
	spin_unlock_bh(&rl->lock);
	return ret;
}
