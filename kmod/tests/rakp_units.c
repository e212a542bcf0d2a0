// SPDX-License-Identifier: GPL-2.0
/*
 * The real units the handshake calls, compiled into
 * ipmi_lan_rakp_kunit.ko beside rakp.c and session.c (rakp_kunit.c): the
 * cipher suites and the RAKP and session cryptography, the LAN channel's
 * configuration, the users with their lockout, the pre-session rate
 * limiter, the payload table, the transmit path and the reply cache
 * (track.c).
 */

#include "../channel.c"
#include "../crypto.c"
#include "../hmac.c"
#include "../payload.c"
#include "../ratelimiter.c"
#include "../send.c"
#include "../track.c"
#include "../user.c"
