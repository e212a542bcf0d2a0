// SPDX-License-Identifier: GPL-2.0
/*
 * The real unit session.c embeds, compiled into ipmi_lan_session_kunit.ko
 * beside it: the reply cache (track.c).
 */

#include "../track.c"
