// SPDX-License-Identifier: GPL-2.0
/*
 * The real units the handshake calls, compiled into
 * ipmi_lan_rakp_kunit.ko beside rakp.c and session.c (rakp_kunit.c): the
 * cipher suites and the RAKP and session cryptography, the LAN channel's
 * configuration, and the users with their lockout.
 */

#include "../channel.c"
#include "../crypto.c"
#include "../hmac.c"
#include "../user.c"
