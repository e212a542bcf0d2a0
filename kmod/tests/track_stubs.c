// SPDX-License-Identifier: GPL-2.0
/*
 * Fakes for ipmi_lan_track_kunit.ko: the one thing track.c calls in
 * another file, the session put. The tests' sessions are plain memory
 * with a kref; the fake puts the reference and counts.
 */

#include "../session.h"
#include "track_stubs.h"

#include <linux/kref.h>

atomic_t ipmi_lan_fake_puts = ATOMIC_INIT(0);
atomic_t ipmi_lan_fake_released = ATOMIC_INIT(0);

static void fake_release(struct kref *ref)
{
	atomic_inc(&ipmi_lan_fake_released);
}

void ipmi_lan_session_put(struct ipmi_lan_session *s)
{
	if (!s)
		return;
	atomic_inc(&ipmi_lan_fake_puts);
	kref_put(&s->ref, fake_release);
}
