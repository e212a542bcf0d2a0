// SPDX-License-Identifier: GPL-2.0
/*
 * Fakes for ipmi_lan_session_kunit.ko: what session.c calls in other
 * files (the channel configuration, the system interface's busy handles
 * and the freeing of keys), controlled through session_stubs.h, and the
 * module's workqueue, which the suite creates.
 */

#include "../crypto.h"
#include "../server.h"
#include "../smi.h"
#include "../event.h"
#include "session_stubs.h"

#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/string.h>

struct workqueue_struct *ipmi_lan_wq;
struct ipmi_lan_channel ipmi_lan_fake_channel;
u64 ipmi_lan_fake_busy;
atomic_t ipmi_lan_fake_keys_freed = ATOMIC_INIT(0);
atomic_t ipmi_lan_fake_keys_freed_set = ATOMIC_INIT(0);

const struct ipmi_lan_channel *ipmi_lan_channel_get(struct ipmi_lan_server *srv)
{
	return &ipmi_lan_fake_channel;
}

struct ipmi_lan_event ipmi_lan_fake_last_event;
unsigned int ipmi_lan_fake_events;

void ipmi_lan_event(struct ipmi_lan_server *srv, const struct ipmi_lan_event *ev)
{
	ipmi_lan_fake_last_event = *ev;
	ipmi_lan_fake_events++;
}

bool ipmi_lan_smi_handle_busy(struct ipmi_lan_server *srv, u8 handle)
{
	return handle < 64 && (READ_ONCE(ipmi_lan_fake_busy) & BIT_ULL(handle));
}

/* The suites' keys own nothing: counting and wiping is all there is. */
void ipmi_lan_keys_free(struct ipmi_lan_keys *keys)
{
	if (memchr_inv(keys, 0, sizeof(*keys)))
		atomic_inc(&ipmi_lan_fake_keys_freed_set);
	atomic_inc(&ipmi_lan_fake_keys_freed);
	memzero_explicit(keys, sizeof(*keys));
}
