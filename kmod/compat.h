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

/*
 * The message handler's sender() returns void in 6.1 and 6.12 (both
 * checked, Debian's headers); later mainline kernels return int, so that
 * a message can be refused. Rather than guess the version, Kbuild looks
 * at the header and defines IPMI_LAN_SMI_SENDER_INT for the int form.
 * smi.c declares its sender with IPMI_LAN_SENDER_TYPE and ends it with
 * IPMI_LAN_SENDER_DONE.
 */
#ifdef IPMI_LAN_SMI_SENDER_INT
#define IPMI_LAN_SENDER_TYPE int
#define IPMI_LAN_SENDER_DONE 0
#else
#define IPMI_LAN_SENDER_TYPE void
#endif

#endif /* _IPMI_LAN_COMPAT_H */
