/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A token bucket per source address (an IPv4 address or an IPv6 /64) for
 * everything answered before authentication: presence pongs, channel
 * capabilities, cipher suites and the handshake. The burst lets one
 * complete login through (every cipher-suite page included) at once.
 *
 * The table is fixed (RATELIMIT_SETS sets of RATELIMIT_WAYS buckets). A
 * source without a bucket is never refused for want of room: it takes a
 * free bucket of its set or the least recently used one, full, so that a
 * flood of spoofed sources cannot lock legitimate ones out (ratelimiter.c).
 */

#ifndef _IPMI_LAN_RATELIMITER_H
#define _IPMI_LAN_RATELIMITER_H

#include <linux/spinlock.h>
#include <linux/types.h>

enum ratelimit_values {
	RATELIMIT_PER_SECOND = 40,
	RATELIMIT_BURST = 40,
	RATELIMIT_SETS = 256,		/* a source hashes to one set... */
	RATELIMIT_WAYS = 4,		/* ...of this many buckets */
};

struct ipmi_lan_bucket {
	u64 key;		/* keyed hash of the source; 0 = free */
	u64 last_ns;		/* last packet: refill start, LRU age */
	u64 tokens_ns;
};

struct ipmi_lan_ratelimit {
	spinlock_t lock;	/* the buckets */
	struct ipmi_lan_bucket bucket[RATELIMIT_SETS][RATELIMIT_WAYS];
};

void ipmi_lan_ratelimit_init(struct ipmi_lan_ratelimit *rl);
bool ipmi_lan_ratelimit_allow(struct ipmi_lan_ratelimit *rl, u64 key,
			      u64 now_ns);

#endif /* _IPMI_LAN_RATELIMITER_H */
