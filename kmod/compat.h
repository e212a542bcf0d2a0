/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels ipmi_lan builds against lives here.
 * Checked against Debian bookworm's 6.1.0-56 and 6.12.117+deb12 headers.
 */

#ifndef _IPMI_LAN_COMPAT_H
#define _IPMI_LAN_COMPAT_H

/*
 * 6.12 moved the unaligned accessors from asm/ to linux/; Kbuild defines
 * IPMI_LAN_LINUX_UNALIGNED when the kernel tree has the new header.
 */
#ifdef IPMI_LAN_LINUX_UNALIGNED
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#endif /* _IPMI_LAN_COMPAT_H */
