/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SoL line discipline: what a tty bound to Serial-over-LAN runs. It
 * binds the tty to the server of the namespace of the process that sets it
 * (ipmi-lanctl sol attach), for the BMC or the target an earlier SOL_ATTACH
 * named for the tty's device number (sol.h's claims), hands the tty's
 * input to sol.c and gives sol.c the tty operations it needs, all of which
 * may sleep except the writer's wake-up.
 *
 * The number is the module parameter sol_ldisc, N_DEVELOPMENT (29) by
 * default. The kernel lets a discipline replace another with the same
 * number silently, so a number /proc/tty/ldiscs lists already is not
 * taken: SoL attach then fails, and says so.
 */

#ifndef _IPMI_LAN_LDISC_H
#define _IPMI_LAN_LDISC_H

#include <linux/types.h>

struct tty_struct;

int ipmi_lan_ldisc_init(void);
void ipmi_lan_ldisc_uninit(void);
/* The discipline's number, and whether it is registered. */
int ipmi_lan_ldisc_num(void);
bool ipmi_lan_ldisc_registered(void);

/* Writes up to n bytes; returns how many the tty took. */
unsigned int ipmi_lan_ldisc_write(struct tty_struct *tty, const u8 *p,
				  unsigned int n);
void ipmi_lan_ldisc_flush(struct tty_struct *tty);
void ipmi_lan_ldisc_set_rate(struct tty_struct *tty, unsigned int baud);
void ipmi_lan_ldisc_break(struct tty_struct *tty);
/*
 * The modem lines the host sees (null-modem wiring): rts is its CTS, dtr
 * its DCD and DSR. A tty without modem lines (a pty) ignores it.
 */
void ipmi_lan_ldisc_set_lines(struct tty_struct *tty, bool rts, bool dtr);
/* Input was refused earlier and there is room again. */
void ipmi_lan_ldisc_restart_input(struct tty_struct *tty);
/* A pty's other end may write again; any context. */
void ipmi_lan_ldisc_wake_writer(struct tty_struct *tty);
void ipmi_lan_ldisc_name(struct tty_struct *tty, char *buf, size_t len);

#endif /* _IPMI_LAN_LDISC_H */
