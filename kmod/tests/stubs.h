/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the test doubles in stubs.c let a suite control.
 */

#ifndef _IPMI_LAN_KUNIT_STUBS_H
#define _IPMI_LAN_KUNIT_STUBS_H

struct ipmi_lan_session;

/*
 * The session every lookup finds when a server is given (NULL: none).
 * References are not counted: the suite owns the session.
 */
extern struct ipmi_lan_session *ipmi_lan_kunit_session;

#endif /* _IPMI_LAN_KUNIT_STUBS_H */
