/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the fakes in session_stubs.c let session_kunit.c set and see.
 */

#ifndef _IPMI_LAN_KUNIT_SESSION_STUBS_H
#define _IPMI_LAN_KUNIT_SESSION_STUBS_H

#include "../channel.h"

#include <linux/atomic.h>
#include <linux/types.h>

/* The channel ipmi_lan_channel_get() returns for every server. */
extern struct ipmi_lan_channel ipmi_lan_fake_channel;

/* Bit N set: ipmi_lan_smi_handle_busy() calls handle N busy. */
extern u64 ipmi_lan_fake_busy;

/*
 * Calls of ipmi_lan_keys_free(), and how many of them found keys that
 * were not all zero.
 */
extern atomic_t ipmi_lan_fake_keys_freed;
extern atomic_t ipmi_lan_fake_keys_freed_set;

/* The last event session.c emitted, and how many (event.h). */
struct ipmi_lan_event;
extern struct ipmi_lan_event ipmi_lan_fake_last_event;
extern unsigned int ipmi_lan_fake_events;

#endif /* _IPMI_LAN_KUNIT_SESSION_STUBS_H */
