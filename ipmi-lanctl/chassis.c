// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl chassis serve [ config FILE ] [ dev N | target ADDR ] [ verbose ]
 *
 * A long-running consumer of the chassis commands forwarded from LAN
 * sessions: registers for them on /dev/ipmiN, adds owned forward entries
 * over a netlink socket it keeps open, answers through chassis-logic.c
 * and runs the configured hooks. It survives the system interface going
 * away (detach, rmmod) and coming back, possibly as another N.
 *
 * One process serves the BMC and any number of bridged targets (the
 * file's [target ...] sections), each a "unit" with its own /dev/ipmiN,
 * state and hooks, in one poll loop. Targets are found with a dump of
 * GET_TARGET, again whenever an ipmi device node comes or goes in /dev
 * (inotify) and every few seconds besides. The status hook runs in the
 * background too: a slow one delays only its own target's answers.
 */
#define _GNU_SOURCE	/* pipe2, ppoll */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/ipmi.h>

#include "chassis-logic.h"
#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

#define RETRY_MS	1000	/* probe and reconnect interval */
#define SCAN_MS		10000	/* targets looked for without a /dev event */
#define SCAN_DELAY_MS	100	/* after a /dev event: let a batch settle */
#define DYING_MS	2000	/* a dying fd closed unconfirmed after this */
#define MAX_JOBS	256
#define STATUS_WAIT_MAX	16	/* requests waiting for one status hook */
#define BMC		0x20

void chassis_usage(FILE *f)
{
	fprintf(f,
		"Usage: " PROG " chassis serve [ config FILE ] [ dev N | target ADDR ]\n"
		"                                 [ verbose | -v ]\n"
		"       " PROG " chassis help\n"
		"Serves Chassis Control, Status, Identify, Boot Options... from LAN\n"
		"sessions on /dev/ipmiN (N from the server unless dev N is given; the\n"
		"bridged target ADDR's own with target ADDR), running the hooks of\n"
		"FILE; its [target ...] sections serve bridged targets from the same\n"
		"process; see ipmi-lanctl(8).\n");
}

/* A request waiting for its unit's status hook. */
struct waiting {
	struct ipmi_addr addr;		/* large enough for any address */
	unsigned int addr_len;
	long msgid;
	uint8_t netfn, cmd;
	uint64_t now;
};

/* The BMC or one target, served on its own /dev/ipmiN. */
struct unit {
	uint8_t addr;			/* BMC for the BMC */
	char label[24];			/* "target 0x72: ", "" for the BMC */
	char name[IPMI_LAN_TARGET_NAME_LEN];
	const struct chassis_config *tmpl;
	struct chassis_config cfg;	/* tmpl expanded for this unit */
	struct chassis_state st;

	bool present;			/* in the kernel at the last scan */
	int if_num_seen;		/* from that scan, -1 if none */
	int fd;				/* /dev/ipmiN, -1 if none */
	unsigned int if_num;
	bool registered[ARRAY_SIZE(chassis_cmds)];
	char last_failure[256];		/* logged once until it changes */
	uint64_t next_connect, next_probe;
	/*
	 * The handler destroyed our user: the interface is being removed.
	 * The fd stays open until the kernel confirms the removal ended
	 * (see unit_dying()); dying_since is when that began.
	 */
	bool dying;
	uint64_t dying_since;

	pid_t status_pid;		/* 0: no status hook running */
	uint64_t status_deadline;
	int status_result;
	struct waiting wait[STATUS_WAIT_MAX];
	unsigned int n_wait;
};

static struct {
	struct chassis_file file;
	const char *config_path;
	bool verbose;
	bool dev_given;
	unsigned int dev;
	bool target_given;
	uint8_t target;			/* only this target */
	bool serve_bmc;
	bool serve_targets;		/* some target may be served */

	struct unit *units[256];	/* by address, BMC's at 0x20 */
	bool no_forward_logged;
	int inotify_fd;			/* -1 if none */
	uint64_t next_scan;
	bool scan_failed_logged;
	bool missing_logged;		/* target ADDR: not there */

	struct {
		pid_t pid;		/* 0: free */
		struct unit *unit;
		struct chassis_job job;
	} jobs[MAX_JOBS];
} ch = { .inotify_fd = -1 };

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	if (sig == SIGTERM || sig == SIGINT)
		stop = 1;
}

static void logmsg(const struct unit *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void logmsg(const struct unit *u, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, PROG " chassis: %s", u ? u->label : "");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Hooks */

/* "exited with status 3", "killed by signal 9". */
static void describe_status(int status, char *buf, size_t size)
{
	if (WIFEXITED(status))
		snprintf(buf, size, "exited with status %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, size, "ended with wait status 0x%x", status);
}

/*
 * In the child: a clean signal state, stdin from /dev/null, stdout to our
 * stderr (the log), the environment, then /bin/sh. On failure, errno goes
 * to errfd.
 */
static void child_exec(char *const argv[], const struct unit *u,
		       const struct chassis_job *job, int errfd)
{
	sigset_t none;
	char buf[16];
	int fd, err;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGCHLD, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);

	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0 && fd != STDIN_FILENO) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	dup2(STDERR_FILENO, STDOUT_FILENO);
	setenv("IPMI_LAN_ACTION", job->action, 1);
	snprintf(buf, sizeof(buf), "0x%02x", u->addr);
	setenv("IPMI_LAN_TARGET", buf, 1);
	if (u->name[0])
		setenv("IPMI_LAN_TARGET_NAME", u->name, 1);
	else
		unsetenv("IPMI_LAN_TARGET_NAME");
	if (job->hook == CH_HOOK_IDENTIFY) {
		snprintf(buf, sizeof(buf), "%u", job->identify_seconds);
		setenv("IPMI_IDENTIFY_SECONDS", buf, 1);
		setenv("IPMI_IDENTIFY_FORCE", job->identify_force ? "1" : "0", 1);
	}
	execv("/bin/sh", argv);
	err = errno;
	if (write(errfd, &err, sizeof(err)) < 0)
		_exit(127);
	_exit(127);
}

/*
 * Fork and exec the hook; returns the pid once the exec succeeded (the
 * close-on-exec pipe reads end of file), -1 and errno if not.
 */
static pid_t spawn(struct unit *u, const struct chassis_job *job,
		   bool own_group)
{
	const struct chassis_config *cfg = &u->cfg;
	char *argv[7];
	int pfd[2], err = 0;
	ssize_t n;
	pid_t pid;

	if (cfg->hook[job->hook]) {
		argv[0] = "sh";
		argv[1] = "-c";
		argv[2] = cfg->hook[job->hook];
		argv[3] = NULL;
	} else {
		/* A cycle without its hook: power-off, then power-on. */
		argv[0] = "sh";
		argv[1] = "-c";
		argv[2] = "IPMI_LAN_ACTION=off /bin/sh -c \"$1\" && "
			  "IPMI_LAN_ACTION=on exec /bin/sh -c \"$2\"";
		argv[3] = "ipmi-lanctl-cycle";
		argv[4] = cfg->hook[CH_HOOK_POWER_OFF];
		argv[5] = cfg->hook[CH_HOOK_POWER_ON];
		argv[6] = NULL;
	}

	if (pipe2(pfd, O_CLOEXEC) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		err = errno;
		close(pfd[0]);
		close(pfd[1]);
		errno = err;
		return -1;
	}
	if (pid == 0) {
		close(pfd[0]);
		if (own_group)
			setpgid(0, 0);
		child_exec(argv, u, job, pfd[1]);
	}
	close(pfd[1]);
	do {
		n = read(pfd[0], &err, sizeof(err));
	} while (n < 0 && errno == EINTR);
	close(pfd[0]);
	if (n == sizeof(err)) {
		waitpid(pid, NULL, 0);
		errno = err;
		return -1;
	}
	return pid;
}

static int job_start(void *ctx, const struct chassis_job *job)
{
	const char *key = chassis_hook_key(job->hook);
	struct unit *u = ctx;
	unsigned int i;
	pid_t pid;

	for (i = 0; i < MAX_JOBS && ch.jobs[i].pid; i++)
		;
	if (i == MAX_JOBS) {
		logmsg(u, "%s hook (%s) not run: %d hooks still running", key,
		       job->action, MAX_JOBS);
		return -1;
	}
	pid = spawn(u, job, false);
	if (pid < 0) {
		logmsg(u, "%s hook (%s) cannot run: %s", key, job->action,
		       strerror(errno));
		return -1;
	}
	if (ch.verbose)
		logmsg(u, "%s hook (%s) started, pid %d", key, job->action,
		       (int)pid);
	ch.jobs[i].pid = pid;
	ch.jobs[i].unit = u;
	ch.jobs[i].job = *job;
	return 0;
}

static void job_ended(unsigned int i, int status)
{
	struct chassis_job *job = &ch.jobs[i].job;
	struct unit *u = ch.jobs[i].unit;
	char how[64];

	describe_status(status, how, sizeof(how));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		logmsg(u, "%s hook (%s) failed: %s",
		       chassis_hook_key(job->hook), job->action, how);
	else if (ch.verbose)
		logmsg(u, "%s hook (%s) done", chassis_hook_key(job->hook),
		       job->action);
	chassis_job_done(&u->st, job, WIFEXITED(status) && !WEXITSTATUS(status));
	ch.jobs[i].pid = 0;
}

/* The status hook's answer, for the requests that wait for it. */
static int status_result(void *ctx)
{
	struct unit *u = ctx;

	return u->status_result;
}

/* Saved state */

static void state_load(struct unit *u)
{
	const char *path = u->cfg.state_path;
	char *text;
	FILE *f;
	long size;
	int line;

	if (!path)
		return;
	f = fopen(path, "r");
	if (!f) {
		if (errno != ENOENT)
			logmsg(u, "cannot read %s: %s", path, strerror(errno));
		return;
	}
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || size > 65536 ||
	    fseek(f, 0, SEEK_SET)) {
		logmsg(u, "cannot read %s: not a state file", path);
		fclose(f);
		return;
	}
	text = calloc(1, size + 1);
	if (text && fread(text, 1, size, f) == (size_t)size) {
		line = chassis_state_parse(&u->st, text);
		if (line)
			logmsg(u, "%s:%d: not understood; the rest of the file is ignored",
			       path, line);
	} else {
		logmsg(u, "cannot read %s", path);
	}
	free(text);
	fclose(f);
}

static void state_save(struct unit *u)
{
	const char *path = u->cfg.state_path;
	char buf[2048], tmp[4096];
	size_t len;
	int fd;

	u->st.dirty = false;
	if (!path)
		return;
	len = chassis_state_format(&u->st, buf, sizeof(buf));
	if (len >= sizeof(buf) ||
	    snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		logmsg(u, "cannot save the state: too long");
		return;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || fchmod(fd, 0600) || write(fd, buf, len) != (ssize_t)len ||
	    fsync(fd)) {
		logmsg(u, "cannot write %s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		return;
	}
	if (close(fd) || rename(tmp, path)) {
		logmsg(u, "cannot save %s: %s", path, strerror(errno));
		unlink(tmp);
	}
}

/* Units */

static struct unit *unit_new(uint8_t addr, const struct chassis_config *tmpl,
			     const char *name)
{
	const struct chassis_ops ops = {
		.start = job_start, .status = status_result,
	};
	struct unit *u;

	u = calloc(1, sizeof(*u));
	if (!u)
		return NULL;
	u->addr = addr;
	u->tmpl = tmpl;
	u->fd = -1;
	u->if_num_seen = -1;
	if (addr != BMC)
		snprintf(u->label, sizeof(u->label), "target 0x%02x: ", addr);
	snprintf(u->name, sizeof(u->name), "%s", name ? name : "");
	if (chassis_config_expand(&u->cfg, tmpl, addr, u->name)) {
		free(u);
		return NULL;
	}
	chassis_init(&u->st, &u->cfg, &ops);
	u->st.ops.ctx = u;
	state_load(u);
	if (ch.verbose) {
		unsigned int i;

		for (i = 0; i < CH_HOOK_COUNT; i++) {
			if (u->cfg.hook[i])
				logmsg(u, "%s = %s", chassis_hook_key(i),
				       u->cfg.hook[i]);
		}
	}
	ch.units[addr] = u;
	return u;
}

/* The target's name changed: its hooks are expanded again. */
static void unit_rename(struct unit *u, const char *name)
{
	struct chassis_config cfg;

	if (!strcmp(u->name, name))
		return;
	if (chassis_config_expand(&cfg, u->tmpl, u->addr, name)) {
		logmsg(u, "cannot take the new name %s: out of memory", name);
		return;
	}
	snprintf(u->name, sizeof(u->name), "%s", name);
	free(cfg.state_path);		/* the path never has the name */
	cfg.state_path = u->cfg.state_path;
	u->cfg.state_path = NULL;
	chassis_config_free(&u->cfg);
	u->cfg = cfg;
}

/* Log a failure to (re)connect once, until a different one comes. */
static void connect_failed(struct unit *u, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void connect_failed(struct unit *u, const char *fmt, ...)
{
	char msg[sizeof(u->last_failure)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (strcmp(msg, u->last_failure)) {
		logmsg(u, "%s; retrying every second", msg);
		snprintf(u->last_failure, sizeof(u->last_failure), "%s", msg);
	}
}

/* verbose: one line a request, with the response bytes. */
static void log_answer(struct unit *u, const struct chassis_request *req,
		       const struct ipmi_lan_addr *lan, const uint8_t *rsp,
		       size_t len)
{
	char hex[3 * CH_RSP_MAX + 1];
	size_t i;

	if (!ch.verbose)
		return;
	for (i = 0; i < len; i++)
		snprintf(hex + 3 * i, 4, " %02x", rsp[i]);
	hex[3 * len] = '\0';
	logmsg(u, "netfn 0x%02x cmd 0x%02x (%u bytes) from channel %d session %u privilege %u:%s",
	       req->netfn, req->cmd, (unsigned int)req->len, lan->channel,
	       lan->session_handle, lan->privilege, hex);
}

/* Answer one request with the reply, to the address it came from. */
static void ipmi_reply(struct unit *u, const struct ipmi_addr *addr,
		       unsigned int addr_len, long msgid, uint8_t netfn,
		       uint8_t cmd, const uint8_t *rsp, size_t len)
{
	struct ipmi_req req = {
		.addr = (unsigned char *)addr,
		.addr_len = addr_len,
		.msgid = msgid,
		.msg = {
			.netfn = netfn | 1,
			.cmd = cmd,
			.data = (unsigned char *)rsp,
			.data_len = len,
		},
	};

	if (addr->addr_type == IPMI_LAN_ADDR_TYPE)
		req.addr_len = sizeof(struct ipmi_lan_addr);
	if (u->fd >= 0 && ioctl(u->fd, IPMICTL_SEND_COMMAND, &req) < 0)
		logmsg(u, "cannot send the reply to netfn 0x%02x cmd 0x%02x: %s",
		       netfn, cmd, strerror(errno));
}

/* Answer every request waiting for the status hook, with result. */
static void status_answer(struct unit *u, int result)
{
	struct chassis_request req = { .netfn = CH_NETFN, .cmd = CH_GET_STATUS };
	struct ipmi_lan_addr lan;
	uint8_t rsp[CH_RSP_MAX];
	unsigned int i;
	size_t len;

	u->status_pid = 0;
	u->status_result = result;
	for (i = 0; i < u->n_wait; i++) {
		struct waiting *w = &u->wait[i];

		memset(&lan, 0, sizeof(lan));
		memcpy(&lan, &w->addr, w->addr_len < sizeof(lan) ?
		       w->addr_len : sizeof(lan));
		req.channel = lan.channel;
		req.now = w->now;
		len = chassis_handle(&u->st, &req, rsp);
		log_answer(u, &req, &lan, rsp, len);
		ipmi_reply(u, &w->addr, w->addr_len, w->msgid, w->netfn,
			   w->cmd, rsp, len);
	}
	u->n_wait = 0;
}

static void status_ended(struct unit *u, int status)
{
	char how[64];

	if (WIFEXITED(status) && WEXITSTATUS(status) <= 1) {
		status_answer(u, WEXITSTATUS(status) == 0);
		return;
	}
	describe_status(status, how, sizeof(how));
	logmsg(u, "status hook failed: %s", how);
	status_answer(u, CH_STATUS_FAILED);
}

static void status_expired(struct unit *u)
{
	int status;

	kill(-u->status_pid, SIGKILL);
	kill(u->status_pid, SIGKILL);
	waitpid(u->status_pid, &status, 0);
	logmsg(u, "status hook killed after %u ms (status-timeout): power state left as %s",
	       u->cfg.status_timeout_ms, u->st.power_on ? "on" : "off");
	status_answer(u, CH_STATUS_SLOW);
}

/*
 * Get Chassis Status with a status hook: the request waits for the hook
 * (one hook for all the unit's requests that come while it runs).
 */
static void status_request(struct unit *u, const struct ipmi_recv *recv)
{
	struct chassis_job job = { .hook = CH_HOOK_STATUS, .action = "status" };
	static const uint8_t busy[] = { 0xc0 };
	struct waiting *w;

	if (u->n_wait == STATUS_WAIT_MAX) {
		ipmi_reply(u, (struct ipmi_addr *)recv->addr, recv->addr_len,
			   recv->msgid, recv->msg.netfn, recv->msg.cmd, busy,
			   sizeof(busy));
		return;
	}
	w = &u->wait[u->n_wait];
	memset(w, 0, sizeof(*w));
	memcpy(&w->addr, recv->addr, recv->addr_len < sizeof(w->addr) ?
	       recv->addr_len : sizeof(w->addr));
	w->addr_len = recv->addr_len;
	w->msgid = recv->msgid;
	w->netfn = recv->msg.netfn;
	w->cmd = recv->msg.cmd;
	w->now = now_ms();
	u->n_wait++;
	if (u->status_pid)
		return;
	u->status_pid = spawn(u, &job, true);
	if (u->status_pid < 0) {
		logmsg(u, "status hook cannot run: %s", strerror(errno));
		status_answer(u, CH_STATUS_FAILED);
		return;
	}
	u->status_deadline = w->now + u->cfg.status_timeout_ms;
}

/* Reap every child that ended: hooks and status hooks. */
static void children_reap(void)
{
	unsigned int i;
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < MAX_JOBS; i++) {
			if (ch.jobs[i].pid == pid) {
				job_ended(i, status);
				break;
			}
		}
		if (i < MAX_JOBS)
			continue;
		for (i = 0; i < ARRAY_SIZE(ch.units); i++) {
			if (ch.units[i] && ch.units[i]->status_pid == pid) {
				status_ended(ch.units[i], status);
				break;
			}
		}
	}
}

/* The system interface */

/*
 * Closing the file drops its registrations (two grace periods in the
 * handler, where unregistering would take one per command: seconds for
 * 254 targets).
 */
static void unit_close(struct unit *u)
{
	memset(u->registered, 0, sizeof(u->registered));
	if (u->fd >= 0)
		close(u->fd);
	u->fd = -1;
	/* Nobody can take the answers now. */
	u->n_wait = 0;
}

static void unit_gone(struct unit *u, const char *why)
{
	logmsg(u, "system interface gone (/dev/ipmi%u: %s)", u->if_num, why);
	unit_close(u);
	u->dying = false;
	u->next_connect = now_ms() + RETRY_MS;
}

/*
 * Our user failed: the interface is being unregistered. The message
 * handler of Linux 6.1 frees a user twice if its file is closed while
 * ipmi_unregister_smi() walks the users (each side sees the other's
 * half-destroyed user; KASAN reports a use-after-free and the unregister
 * can hang), so the file stays open, out of the poll set, until the
 * kernel says the removal ended: a target's absence from a GET_TARGET
 * dump (taken under the lock its deletion holds throughout) or, for the
 * BMC, the server reporting another or no system interface (under the
 * mutex its detach holds). Without netlink, DYING_MS is waited instead.
 */
static void unit_dying(struct unit *u, const char *why)
{
	if (u->dying)
		return;
	if (ch.verbose)
		logmsg(u, "/dev/ipmi%u failed (%s): waiting for its removal to end",
		       u->if_num, why);
	u->dying = true;
	u->dying_since = now_ms();
	u->next_probe = u->dying_since;
	if (u->addr != BMC)
		ch.next_scan = u->dying_since;
}

/* An owned forward entry for a served command; false if none can be. */
static bool forward_add(struct unit *u, uint8_t cmd)
{
	struct nlattr *nest;
	struct nl_msg *msg;
	int err;

	msg = ipmi_nl_request(IPMI_LAN_CMD_ADD_FORWARD);
	if (!msg)
		return true;
	nest = ipmi_nl_nest_start(msg, IPMI_LAN_A_FORWARD);
	if (!nest || nla_put_u8(msg, IPMI_LAN_FORWARD_A_NETFN, CH_NETFN) < 0 ||
	    nla_put_u8(msg, IPMI_LAN_FORWARD_A_CMD, cmd) < 0 ||
	    nla_put_u8(msg, IPMI_LAN_FORWARD_A_OWNED, 1) < 0 ||
	    (u->addr != BMC &&
	     nla_put_u8(msg, IPMI_LAN_FORWARD_A_TARGET, u->addr) < 0)) {
		ipmi_nl_free(msg);
		logmsg(u, "forward add: out of memory");
		return true;
	}
	nla_nest_end(msg, nest);
	if (!ipmi_nl_do(msg, "forward add", NULL, NULL))
		return true;

	err = ipmi_nl_errno();
	if (err == EEXIST)		/* a static entry forwards it already */
		return true;
	if (err == EOPNOTSUPP) {
		if (!ch.no_forward_logged)
			logmsg(u, "the kernel has no forward table; serving without adding entries");
		ch.no_forward_logged = true;
		return false;
	}
	logmsg(u, "cannot add the forward entry for netfn 0x00 cmd 0x%02x: %s",
	       cmd, ipmi_nl_error());
	return true;
}

/* Open /dev/ipmiN (u->if_num), register and add the forward entries. */
static bool unit_open(struct unit *u, bool nl_ok)
{
	struct ipmi_cmdspec_chans spec;
	bool any = false;
	char path[32];
	unsigned int i;

	snprintf(path, sizeof(path), "/dev/ipmi%u", u->if_num);
	u->fd = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (u->fd < 0) {
		connect_failed(u, "cannot open %s: %s", path, strerror(errno));
		return false;
	}
	for (i = 0; i < ARRAY_SIZE(chassis_cmds); i++) {
		spec = (struct ipmi_cmdspec_chans){
			.netfn = CH_NETFN, .cmd = chassis_cmds[i],
			.chans = (unsigned int)IPMI_CHAN_ALL,
		};
		if (ioctl(u->fd, IPMICTL_REGISTER_FOR_CMD_CHANS, &spec) < 0) {
			logmsg(u, "%s: cannot register for netfn 0x00 cmd 0x%02x: %s",
			       path, chassis_cmds[i], strerror(errno));
			continue;
		}
		u->registered[i] = true;
		any = true;
	}
	if (!any) {
		unit_close(u);
		connect_failed(u, "%s: no command could be registered", path);
		return false;
	}
	if (nl_ok) {
		for (i = 0; i < ARRAY_SIZE(chassis_cmds); i++) {
			if (u->registered[i] && !forward_add(u, chassis_cmds[i]))
				break;
		}
	} else {
		logmsg(u, "no forward entries added: %s", ipmi_nl_error());
	}
	u->last_failure[0] = '\0';
	u->next_probe = now_ms() + RETRY_MS;
	logmsg(u, "serving %s", path);
	return true;
}

static bool nl_ready(void)
{
	return !ipmi_nl_connect() && !ipmi_nl_resolve();
}

static void bmc_connect(struct unit *u)
{
	struct server_info info;
	bool nl_ok = nl_ready();

	u->next_connect = now_ms() + RETRY_MS;
	if (!nl_ok && !ch.dev_given) {
		connect_failed(u, "%s", ipmi_nl_error());
		return;
	}
	if (ch.dev_given) {
		u->if_num = ch.dev;
	} else {
		if (server_get(&info)) {
			connect_failed(u, "%s", ipmi_nl_error());
			return;
		}
		if (!info.has_smi_if_num) {
			connect_failed(u, "no system interface (see \"" PROG " smi attach\")");
			return;
		}
		u->if_num = info.smi_if_num;
	}
	unit_open(u, nl_ok);
}

/* Targets: found with a dump of GET_TARGET */

struct found {
	bool present[256];
	int if_num[256];
	char name[256][IPMI_LAN_TARGET_NAME_LEN];
};

static int found_reply(struct nlattr **tb, void *arg)
{
	struct found *f = arg;
	struct target_info t;

	if (target_parse_nest(tb[IPMI_LAN_A_TARGET], &t) < 0)
		return -EINVAL;
	f->present[t.addr] = true;
	f->if_num[t.addr] = t.has_if_num ? (int)t.if_num : -1;
	memcpy(f->name[t.addr], t.name, sizeof(f->name[t.addr]));
	return 0;
}

static void found_reset(void *arg)
{
	memset(arg, 0, sizeof(struct found));
}

/* The config of a target, or NULL if this process does not serve it. */
static const struct chassis_config *target_config(uint8_t addr)
{
	const struct chassis_config *cfg;

	if (addr == BMC)
		return NULL;
	if (ch.target_given) {
		if (addr != ch.target)
			return NULL;
		cfg = chassis_file_match(&ch.file, addr);
		return cfg ? cfg : &ch.file.top;
	}
	return chassis_file_match(&ch.file, addr);
}

/*
 * Look for the targets served: create the units of new ones, close those
 * whose target went away or came back under another interface.
 */
static void targets_scan(void)
{
	static struct found f;		/* 8 KiB: not on the stack */
	const struct chassis_config *cfg;
	struct unit *u;
	unsigned int a;

	ch.next_scan = now_ms() + SCAN_MS;
	found_reset(&f);
	if (!nl_ready() ||
	    ipmi_nl_dump(IPMI_LAN_CMD_GET_TARGET, "target show", found_reply,
			 found_reset, &f)) {
		if (!ch.scan_failed_logged)
			logmsg(NULL, "cannot look for targets: %s; retrying every second",
			       ipmi_nl_error());
		ch.scan_failed_logged = true;
		ch.next_scan = now_ms() + RETRY_MS;
		for (a = 0; a < ARRAY_SIZE(ch.units); a++) {
			if (ch.units[a] && a != BMC)
				ch.units[a]->present = false;
		}
		return;
	}
	if (ch.scan_failed_logged)
		logmsg(NULL, "looking for targets again");
	ch.scan_failed_logged = false;

	for (a = 0; a < ARRAY_SIZE(ch.units); a++) {
		u = ch.units[a];
		if (a == BMC)
			continue;
		if (!f.present[a] || f.if_num[a] < 0) {
			if (u && u->fd >= 0)
				unit_gone(u, "target deleted");
			if (u)
				u->present = false;
			continue;
		}
		cfg = target_config(a);
		if (!cfg)
			continue;
		if (!u) {
			u = unit_new(a, cfg, f.name[a]);
			if (!u) {
				logmsg(NULL, "target 0x%02x not served: out of memory",
				       a);
				continue;
			}
		} else {
			unit_rename(u, f.name[a]);
		}
		if (u->fd >= 0 && (unsigned int)f.if_num[a] != u->if_num)
			unit_gone(u, "target added again");
		u->present = true;
		u->if_num_seen = f.if_num[a];
		if (u->fd < 0)
			u->next_connect = 0;
	}
	if (ch.target_given && !f.present[ch.target] && !ch.missing_logged)
		logmsg(NULL, "target 0x%02x: no such target; retrying every second",
		       ch.target);
	if (ch.target_given)
		ch.missing_logged = !f.present[ch.target];
}

static void target_connect(struct unit *u)
{
	u->next_connect = now_ms() + RETRY_MS;
	if (!u->present)
		return;
	u->if_num = u->if_num_seen;
	unit_open(u, nl_ready());
}

/* Watch /dev for ipmi nodes: targets added or deleted. */
static void dev_watch_open(void)
{
	ch.inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (ch.inotify_fd < 0)
		return;
	if (inotify_add_watch(ch.inotify_fd, "/dev", IN_CREATE | IN_DELETE) < 0) {
		close(ch.inotify_fd);
		ch.inotify_fd = -1;
	}
}

static void dev_watch_read(void)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	bool ipmi = false;
	ssize_t n;
	char *p;

	while ((n = read(ch.inotify_fd, buf, sizeof(buf))) > 0) {
		for (p = buf; p < buf + n; p += sizeof(*ev) + ev->len) {
			ev = (const struct inotify_event *)p;
			if (ev->len && !strncmp(ev->name, "ipmi", 4))
				ipmi = true;
		}
	}
	if (ipmi && ch.next_scan > now_ms() + SCAN_DELAY_MS)
		ch.next_scan = now_ms() + SCAN_DELAY_MS;
}

/* Requests */

static void handle_request(struct unit *u, struct ipmi_recv *recv)
{
	struct ipmi_lan_addr lan = { 0 };
	struct chassis_request req = {
		.netfn = recv->msg.netfn,
		.cmd = recv->msg.cmd,
		.data = recv->msg.data,
		.len = recv->msg.data_len,
		.now = now_ms(),
	};
	uint8_t rsp[CH_RSP_MAX];
	size_t len;

	memcpy(&lan, recv->addr, recv->addr_len < sizeof(lan) ?
	       recv->addr_len : sizeof(lan));
	req.channel = lan.channel;
	if (req.netfn == CH_NETFN && req.cmd == CH_GET_STATUS && !req.len &&
	    u->cfg.hook[CH_HOOK_STATUS]) {
		status_request(u, recv);
		return;
	}
	len = chassis_handle(&u->st, &req, rsp);
	log_answer(u, &req, &lan, rsp, len);
	ipmi_reply(u, (struct ipmi_addr *)recv->addr, recv->addr_len,
		   recv->msgid, recv->msg.netfn, recv->msg.cmd, rsp, len);
	if (u->st.dirty)
		state_save(u);
}

/* Read everything queued (at most 64); false if the interface went away. */
static bool unit_receive(struct unit *u)
{
	unsigned char data[IPMI_MAX_MSG_LENGTH];
	struct ipmi_addr addr;		/* large enough for any address */
	struct ipmi_recv recv;
	unsigned int n;

	for (n = 0; n < 64; n++) {
		recv = (struct ipmi_recv){
			.addr = (unsigned char *)&addr,
			.addr_len = sizeof(addr),
			.msg.data = data,
			.msg.data_len = sizeof(data),
		};
		if (ioctl(u->fd, IPMICTL_RECEIVE_MSG_TRUNC, &recv) < 0 &&
		    errno != EMSGSIZE) {
			if (errno == EAGAIN || errno == EINTR)
				return true;
			unit_dying(u, strerror(errno));
			return false;
		}
		if (recv.recv_type == IPMI_CMD_RECV_TYPE) {
			handle_request(u, &recv);
		} else if (recv.recv_type == IPMI_RESPONSE_RESPONSE_TYPE) {
			if (ch.verbose && recv.msg.data_len >= 1 &&
			    recv.msg.data[0])
				logmsg(u, "reply to netfn 0x%02x cmd 0x%02x not delivered: cc 0x%02x",
				       recv.msg.netfn & ~1, recv.msg.cmd,
				       recv.msg.data[0]);
		} else if (ch.verbose) {
			logmsg(u, "ignoring a message of type %d", recv.recv_type);
		}
	}
	return true;
}

/* A cheap ioctl; it fails once the handler destroyed our user. */
static void unit_probe(struct unit *u)
{
	unsigned int addr;

	u->next_probe = now_ms() + RETRY_MS;
	if (ioctl(u->fd, IPMICTL_GET_MY_ADDRESS_CMD, &addr) < 0)
		unit_dying(u, strerror(errno));
}

/*
 * A dying unit: is its interface's removal over? A target's is confirmed
 * by targets_scan(); the BMC's by the server's system interface.
 */
static void unit_confirm(struct unit *u)
{
	uint64_t now = now_ms();
	bool late = now - u->dying_since >= DYING_MS;
	struct server_info info;

	u->next_probe = now + RETRY_MS;
	if (u->addr != BMC) {
		if (late && ch.scan_failed_logged)
			unit_gone(u, "no confirmation of its removal");
		else if (ch.next_scan > u->next_probe)
			ch.next_scan = u->next_probe;
		return;
	}
	if (!nl_ready() || server_get(&info)) {
		if (late)
			unit_gone(u, "no confirmation of its removal");
		return;
	}
	/* Given with dev N, the interface may not even be ours. */
	if ((!info.has_smi_if_num || info.smi_if_num != u->if_num) &&
	    (!ch.dev_given || late))
		unit_gone(u, "system interface detached");
}

/* Connects, probes, scans and status deadlines due; the next one's time. */
static uint64_t timers_run(void)
{
	uint64_t now = now_ms(), next;
	struct unit *u;
	unsigned int a;

	if (ch.serve_targets && now >= ch.next_scan)
		targets_scan();
	next = ch.serve_targets ? ch.next_scan : now + 60000;
	for (a = 0; a < ARRAY_SIZE(ch.units); a++) {
		u = ch.units[a];
		if (!u)
			continue;
		if (u->status_pid > 0 && now_ms() >= u->status_deadline)
			status_expired(u);
		if (u->fd < 0 && now_ms() >= u->next_connect) {
			if (a == BMC)
				bmc_connect(u);
			else
				target_connect(u);
		} else if (u->fd >= 0 && now_ms() >= u->next_probe) {
			if (u->dying)
				unit_confirm(u);
			else
				unit_probe(u);
		}
		if (u->status_pid > 0 && u->status_deadline < next)
			next = u->status_deadline;
		if (u->fd < 0 && (a == BMC || u->present) &&
		    u->next_connect < next)
			next = u->next_connect;
		if (u->fd >= 0 && u->next_probe < next)
			next = u->next_probe;
	}
	/* A target missing is looked for again within a second. */
	if (ch.serve_targets && ch.target_given &&
	    (!ch.units[ch.target] || !ch.units[ch.target]->present) &&
	    ch.next_scan > now + RETRY_MS)
		ch.next_scan = now + RETRY_MS;
	if (ch.serve_targets && ch.next_scan < next)
		next = ch.next_scan;
	return next;
}

static int serve_loop(void)
{
	struct pollfd pfd[257];
	struct unit *by_slot[257];
	uint64_t next, now;
	struct timespec ts;
	unsigned int n, i, a;
	sigset_t none;
	int ret;

	sigemptyset(&none);
	while (!stop) {
		children_reap();
		next = timers_run();
		n = 0;
		if (ch.inotify_fd >= 0) {
			pfd[n] = (struct pollfd){ .fd = ch.inotify_fd, .events = POLLIN };
			by_slot[n++] = NULL;
		}
		for (a = 0; a < ARRAY_SIZE(ch.units); a++) {
			if (ch.units[a] && ch.units[a]->fd >= 0 &&
			    !ch.units[a]->dying) {
				pfd[n] = (struct pollfd){
					.fd = ch.units[a]->fd, .events = POLLIN,
				};
				by_slot[n++] = ch.units[a];
			}
		}
		now = now_ms();
		next = next > now ? next - now : 0;
		ts.tv_sec = next / 1000;
		ts.tv_nsec = (next % 1000) * 1000000L;
		ret = ppoll(pfd, n, &ts, &none);
		if (ret < 0 && errno != EINTR) {
			logmsg(NULL, "poll: %s", strerror(errno));
			return EXIT_USAGE;
		}
		if (stop || ret <= 0)
			continue;
		for (i = 0; i < n; i++) {
			if (!pfd[i].revents)
				continue;
			if (!by_slot[i]) {
				dev_watch_read();
			} else if (by_slot[i]->fd != pfd[i].fd) {
				continue;	/* closed meanwhile */
			} else if (pfd[i].revents & (POLLERR | POLLHUP | POLLNVAL)) {
				unit_dying(by_slot[i], "poll error");
			} else if (pfd[i].revents & POLLIN) {
				unit_receive(by_slot[i]);
			}
		}
	}
	return EXIT_OK;
}

static int serve_parse(int argc, char **argv)
{
	uint32_t v;

	for (; argc > 0; argc--, argv++) {
		if (is_help(argv[0])) {
			chassis_usage(stdout);
			return -1;
		}
		if (matches(argv[0], "verbose") || matches(argv[0], "-v")) {
			ch.verbose = true;
			continue;
		}
		if (!matches(argv[0], "config") && !matches(argv[0], "dev") &&
		    !matches(argv[0], "target"))
			return usage_error("chassis serve: unknown argument \"%s\"; try \"" PROG " chassis help\"",
					   argv[0]);
		if (argc < 2)
			return usage_error("chassis serve: %s: missing value",
					   argv[0]);
		if (matches(argv[0], "config")) {
			if (ch.config_path)
				return usage_error("chassis serve: config given twice");
			ch.config_path = argv[1];
		} else if (matches(argv[0], "target")) {
			if (ch.target_given)
				return usage_error("chassis serve: target given twice");
			if (ch.dev_given)
				return usage_error("chassis serve: dev and target exclude each other");
			if (parse_target_addr("chassis serve", argv[1], false,
					      &ch.target))
				return EXIT_USAGE;
			ch.target_given = true;
		} else {
			if (ch.dev_given)
				return usage_error("chassis serve: dev given twice");
			if (ch.target_given)
				return usage_error("chassis serve: dev and target exclude each other");
			if (parse_uint(argv[1], false, 0, 255, &v))
				return usage_error("chassis serve: dev \"%s\": expected a number in 0..255",
						   argv[1]);
			ch.dev = v;
			ch.dev_given = true;
		}
		argc--;
		argv++;
	}
	return EXIT_OK;
}

static int config_load(void)
{
	char err[512];
	FILE *f;
	int ret;

	if (!ch.config_path) {
		memset(&ch.file, 0, sizeof(ch.file));
		ch.file.top.status_timeout_ms = CH_STATUS_TIMEOUT_MS;
		return EXIT_OK;
	}
	f = fopen(ch.config_path, "r");
	if (!f)
		return usage_error("chassis serve: cannot open %s: %s",
				   ch.config_path, strerror(errno));
	ret = chassis_file_load(&ch.file, f, ch.config_path, err, sizeof(err));
	fclose(f);
	if (ret)
		return usage_error("chassis serve: %s", err);
	return EXIT_OK;
}

static int chassis_serve(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block;
	unsigned int a;
	int ret;

	ret = serve_parse(argc, argv);
	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	ret = config_load();
	if (ret)
		return ret;
	/*
	 * target ADDR: that target alone. Otherwise the BMC (unless the file
	 * has only target sections) and the targets of the sections.
	 */
	if (ch.target_given) {
		ch.serve_targets = true;
	} else {
		ch.serve_bmc = !ch.file.n_sec || ch.file.top_keys;
		ch.serve_targets = ch.file.n_sec > 0;
	}

	/* Signals are taken only in ppoll(), so none is missed. */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	setvbuf(stderr, NULL, _IOLBF, 0);

	ipmi_nl_quiet(true);
	if (ch.serve_bmc && !unit_new(BMC, &ch.file.top, NULL)) {
		chassis_file_free(&ch.file);
		return usage_error("chassis serve: out of memory");
	}
	if (ch.serve_targets)
		dev_watch_open();
	ret = serve_loop();

	for (a = 0; a < ARRAY_SIZE(ch.units); a++) {
		struct unit *u = ch.units[a];

		if (!u)
			continue;
		if (u->fd >= 0)
			unit_close(u);
		if (u->status_pid > 0) {
			kill(-u->status_pid, SIGKILL);
			waitpid(u->status_pid, NULL, 0);
		}
		chassis_config_free(&u->cfg);
		free(u);
		ch.units[a] = NULL;
	}
	if (ch.inotify_fd >= 0)
		close(ch.inotify_fd);
	ipmi_nl_close();	/* the kernel drops our owned entries */
	logmsg(NULL, "stopped");
	chassis_file_free(&ch.file);
	return ret;
}

int cmd_chassis(int argc, char **argv)
{
	if (argc == 0)
		return usage_error("chassis: missing command; try \"" PROG " chassis help\"");
	if (is_help(argv[0])) {
		chassis_usage(stdout);
		return EXIT_OK;
	}
	if (matches(argv[0], "serve"))
		return chassis_serve(argc - 1, argv + 1);
	return usage_error("unknown chassis command \"%s\"; try \"" PROG " chassis help\"",
			   argv[0]);
}
