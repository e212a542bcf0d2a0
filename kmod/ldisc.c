// SPDX-License-Identifier: GPL-2.0
/*
 * The SoL line discipline (ldisc.h). Its instance data is the tty's
 * struct ipmi_lan_sol (sol.h); everything about the SoL protocol is
 * there. This file only speaks tty.
 */

#include "ldisc.h"
#include "compat.h"
#include "server.h"
#include "sol.h"

#include <linux/capability.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/nsproxy.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/tty.h>
#include <linux/tty_driver.h>
#include <linux/tty_flip.h>
#include <linux/tty_ldisc.h>
#include <net/net_namespace.h>

static int sol_ldisc = N_DEVELOPMENT;
module_param(sol_ldisc, int, 0444);
MODULE_PARM_DESC(sol_ldisc,
		 "line discipline number of SoL ttys (default 29, N_DEVELOPMENT)");

static bool registered;

enum { SOL_BREAK_MS = 250 };

static int sol_ldisc_open(struct tty_struct *tty)
{
	struct ipmi_lan_server *srv;
	struct ipmi_lan_sol *sol;

	if (!capable(CAP_NET_ADMIN))
		return -EPERM;
	/* A hangup re-opens the discipline from a kernel thread: the
	 * binding ends instead (N_TTY takes over).
	 */
	if ((current->flags & PF_KTHREAD) || !current->nsproxy)
		return -EPERM;
	if (!tty->ops->write)
		return -EOPNOTSUPP;
	srv = ipmi_lan_server_get(current->nsproxy->net_ns);
	/* The target a SOL_ATTACH announced for this tty, or the BMC. */
	sol = ipmi_lan_sol_bind(srv, tty,
				ipmi_lan_sol_claimed(srv, tty_devnum(tty)));
	if (IS_ERR(sol))
		return PTR_ERR(sol);
	tty->disc_data = sol;
	return 0;
}

static void sol_ldisc_close(struct tty_struct *tty)
{
	struct ipmi_lan_sol *sol = tty->disc_data;

	tty->disc_data = NULL;
	if (sol)
		ipmi_lan_sol_unbind(sol);
}

static IPMI_LAN_LDISC_RECV_RET
sol_ldisc_receive_buf2(struct tty_struct *tty, const u8 *cp,
		       IPMI_LAN_LDISC_FP_TYPE *fp, IPMI_LAN_LDISC_COUNT_TYPE count)
{
	struct ipmi_lan_sol *sol = tty->disc_data;
	unsigned int n, done = 0, run, took;

	if (!sol || count <= 0)
		return count;
	n = count;
	if (!fp)
		return ipmi_lan_sol_tty_input(sol, cp, n);
	/*
	 * A break arrives as a NUL flagged TTY_BREAK: the console is told,
	 * and the NUL is not data. Characters with other flags (parity,
	 * framing, overrun) are passed on as they are.
	 */
	while (done < n) {
		if (fp[done] == TTY_BREAK) {
			ipmi_lan_sol_tty_break(sol);
			done++;
			continue;
		}
		for (run = done; run < n && fp[run] != TTY_BREAK; run++)
			;
		took = ipmi_lan_sol_tty_input(sol, cp + done, run - done);
		done += took;
		if (done < run)
			break;		/* no room: the rest comes again */
	}
	return done;
}

/* Any context, hard interrupts included. */
static void sol_ldisc_write_wakeup(struct tty_struct *tty)
{
	struct ipmi_lan_sol *sol = tty->disc_data;

	if (sol)
		ipmi_lan_sol_tty_wakeup(sol);
}

/*
 * The tty's own ioctls (termios: stty, the bit rate; TCFLSH; TCXONC) as
 * under N_TTY: without this, each would fail with EINVAL on a bound tty.
 */
static int sol_ldisc_ioctl(struct tty_struct *tty, unsigned int cmd,
			   unsigned long arg)
{
	return n_tty_ioctl_helper(tty, cmd, arg);
}

static struct tty_ldisc_ops sol_ldisc_ops = {
	.owner = THIS_MODULE,
	.name = "ipmi_lan_sol",
	.open = sol_ldisc_open,
	.close = sol_ldisc_close,
	.ioctl = sol_ldisc_ioctl,
	.receive_buf2 = sol_ldisc_receive_buf2,
	.write_wakeup = sol_ldisc_write_wakeup,
};

unsigned int ipmi_lan_ldisc_write(struct tty_struct *tty, const u8 *p,
				  unsigned int n)
{
	int done;

	set_bit(TTY_DO_WRITE_WAKEUP, &tty->flags);
	done = tty->ops->write(tty, p, n);
	return done > 0 ? done : 0;
}

void ipmi_lan_ldisc_flush(struct tty_struct *tty)
{
	tty_driver_flush_buffer(tty);
}

void ipmi_lan_ldisc_set_rate(struct tty_struct *tty, unsigned int baud)
{
	struct ktermios t;

	down_read(&tty->termios_rwsem);
	t = tty->termios;
	up_read(&tty->termios_rwsem);
	tty_termios_encode_baud_rate(&t, baud, baud);
	tty_set_termios(tty, &t);
}

void ipmi_lan_ldisc_break(struct tty_struct *tty)
{
	if (!tty->ops->break_ctl)
		return;			/* a pty: nothing to break */
	if (tty->driver->flags & TTY_DRIVER_HARDWARE_BREAK) {
		tty->ops->break_ctl(tty, SOL_BREAK_MS);
		return;
	}
	if (tty->ops->break_ctl(tty, -1))
		return;
	msleep(SOL_BREAK_MS);
	tty->ops->break_ctl(tty, 0);
}

void ipmi_lan_ldisc_set_lines(struct tty_struct *tty, bool rts, bool dtr)
{
	unsigned int set = (rts ? TIOCM_RTS : 0) | (dtr ? TIOCM_DTR : 0);
	unsigned int clear = (rts ? 0 : TIOCM_RTS) | (dtr ? 0 : TIOCM_DTR);

	if (tty->ops->tiocmset)
		tty->ops->tiocmset(tty, set, clear);
}

void ipmi_lan_ldisc_restart_input(struct tty_struct *tty)
{
	if (tty->port)
		ipmi_lan_tty_restart_input(tty->port);
}

void ipmi_lan_ldisc_wake_writer(struct tty_struct *tty)
{
	if (tty->driver->type == TTY_DRIVER_TYPE_PTY && tty->link)
		tty_wakeup(tty->link);
}

void ipmi_lan_ldisc_name(struct tty_struct *tty, char *buf, size_t len)
{
	strscpy(buf, tty_name(tty), len);
}

int ipmi_lan_ldisc_num(void)
{
	return sol_ldisc;
}

bool ipmi_lan_ldisc_registered(void)
{
	return registered;
}

/* Whether /proc/tty/ldiscs ("name num" lines) lists num already. */
static bool ldisc_taken(int num)
{
	struct file *f;
	char *buf, *line, *cur;
	loff_t pos = 0;
	bool taken = false;
	ssize_t n;

	f = filp_open("/proc/tty/ldiscs", O_RDONLY, 0);
	if (IS_ERR(f))
		return false;		/* no procfs here: nothing to check */
	buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf) {
		filp_close(f, NULL);
		return false;
	}
	n = kernel_read(f, buf, PAGE_SIZE - 1, &pos);
	filp_close(f, NULL);
	cur = buf;
	while (n > 0 && (line = strsep(&cur, "\n"))) {
		char *sp = strrchr(line, ' ');
		int v;

		if (sp && !kstrtoint(sp + 1, 10, &v) && v == num)
			taken = true;
	}
	kfree(buf);
	return taken;
}

/* Never fails the module: without the discipline, SoL attach says why. */
int ipmi_lan_ldisc_init(void)
{
	int ret;

	if (sol_ldisc <= N_TTY || sol_ldisc >= NR_LDISCS) {
		pr_warn("sol_ldisc=%d is not a line discipline number (1..%d): no SoL\n",
			sol_ldisc, NR_LDISCS - 1);
		return 0;
	}
	if (ldisc_taken(sol_ldisc)) {
		pr_warn("line discipline %d is taken by another discipline: no SoL (use sol_ldisc=N)\n",
			sol_ldisc);
		return 0;
	}
	sol_ldisc_ops.num = sol_ldisc;
	ret = tty_register_ldisc(&sol_ldisc_ops);
	if (ret) {
		pr_warn("line discipline %d: registration failed (%d): no SoL\n",
			sol_ldisc, ret);
		return 0;
	}
	registered = true;
	return 0;
}

void ipmi_lan_ldisc_uninit(void)
{
	if (registered)
		tty_unregister_ldisc(&sol_ldisc_ops);
	registered = false;
}
