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
#include <linux/tty_port.h>
#include <linux/workqueue.h>

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

/*
 * A line discipline's receive_buf2() takes (const char *fp, int count) and
 * returns int in 6.1; (const u8 *fp, size_t count) and size_t in 6.12.
 * Kbuild defines IPMI_LAN_LDISC_SIZE_T for the second form.
 */
#ifdef IPMI_LAN_LDISC_SIZE_T
#define IPMI_LAN_LDISC_RECV_RET size_t
#define IPMI_LAN_LDISC_FP_TYPE const u8
#define IPMI_LAN_LDISC_COUNT_TYPE size_t
#else
#define IPMI_LAN_LDISC_RECV_RET int
#define IPMI_LAN_LDISC_FP_TYPE const char
#define IPMI_LAN_LDISC_COUNT_TYPE int
#endif

/*
 * Input a discipline refused stays in the tty's flip buffers until their
 * work runs again; tty_buffer_restart_work() does that, but is not
 * exported (6.1, 6.12), so the same one line is here.
 */
static inline void ipmi_lan_tty_restart_input(struct tty_port *port)
{
	queue_work(system_unbound_wq, &port->buf.work);
}

#endif /* _IPMI_LAN_COMPAT_H */
