/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the fakes in track_stubs.c let track_kunit.c see.
 */

#ifndef _IPMI_LAN_KUNIT_TRACK_STUBS_H
#define _IPMI_LAN_KUNIT_TRACK_STUBS_H

#include <linux/atomic.h>

/*
 * Calls of ipmi_lan_session_put() with a session, and how many of them
 * dropped the last reference (the tests hold one of every session, so
 * any is a bug).
 */
extern atomic_t ipmi_lan_fake_puts;
extern atomic_t ipmi_lan_fake_released;

#endif /* _IPMI_LAN_KUNIT_TRACK_STUBS_H */
