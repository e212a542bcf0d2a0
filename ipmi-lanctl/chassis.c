// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl chassis serve [ config FILE ] [ dev N | target ADDR ] [ verbose ]
 *
 * A long-running consumer of the chassis commands forwarded from LAN
 * sessions: registers for them on /dev/ipmiN, adds owned forward entries
 * over a netlink socket it keeps open, answers through chassis-logic.c
 * and runs the configured hooks. It survives the system interface going
 * away (detach, rmmod) and coming back, possibly as another N.
 */
#define _GNU_SOURCE	/* pipe2, ppoll */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
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
#define MAX_JOBS	32

void chassis_usage(FILE *f)
{
	fprintf(f,
		"Usage: " PROG " chassis serve [ config FILE ] [ dev N | target ADDR ]\n"
		"                                 [ verbose | -v ]\n"
		"       " PROG " chassis help\n"
		"Serves Chassis Control, Status, Identify, Boot Options... from LAN\n"
		"sessions on /dev/ipmiN (N from the server unless dev N is given; the\n"
		"bridged target ADDR's own with target ADDR), running the hooks of\n"
		"FILE; see ipmi-lanctl(8).\n");
}

static struct {
	struct chassis_config cfg;
	struct chassis_state st;
	const char *config_path;
	bool verbose;
	bool dev_given;
	unsigned int dev;
	bool target_given;
	uint8_t target;			/* a bridged target's interface */

	int fd;				/* /dev/ipmiN, -1 if none */
	unsigned int if_num;
	bool registered[ARRAY_SIZE(chassis_cmds)];
	char last_failure[512];		/* logged once until it changes */
	bool no_forward_logged;

	struct {
		pid_t pid;		/* 0: free */
		struct chassis_job job;
	} jobs[MAX_JOBS];
} ch = { .fd = -1 };

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	if (sig == SIGTERM || sig == SIGINT)
		stop = 1;
}

static void logmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void logmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs(PROG " chassis: ", stderr);
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
 * stderr (the log), then /bin/sh. On failure, errno goes to errfd.
 */
static void child_exec(char *const argv[], const struct chassis_job *job,
		       int errfd)
{
	sigset_t none;
	char secs[16];
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
	if (job->hook == CH_HOOK_IDENTIFY) {
		snprintf(secs, sizeof(secs), "%u", job->identify_seconds);
		setenv("IPMI_IDENTIFY_SECONDS", secs, 1);
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
static pid_t spawn(const struct chassis_job *job, bool own_group)
{
	const struct chassis_config *cfg = &ch.cfg;
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
		child_exec(argv, job, pfd[1]);
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
	unsigned int i;
	pid_t pid;

	(void)ctx;
	for (i = 0; i < MAX_JOBS && ch.jobs[i].pid; i++)
		;
	if (i == MAX_JOBS) {
		logmsg("%s hook (%s) not run: %d hooks still running", key,
		       job->action, MAX_JOBS);
		return -1;
	}
	pid = spawn(job, false);
	if (pid < 0) {
		logmsg("%s hook (%s) cannot run: %s", key, job->action,
		       strerror(errno));
		return -1;
	}
	if (ch.verbose)
		logmsg("%s hook (%s) started, pid %d", key, job->action,
		       (int)pid);
	ch.jobs[i].pid = pid;
	ch.jobs[i].job = *job;
	return 0;
}

/* Reap the jobs that ended (never waitpid(-1): the status hook's own). */
static void jobs_reap(void)
{
	struct chassis_job *job;
	char how[64];
	unsigned int i;
	int status;

	for (i = 0; i < MAX_JOBS; i++) {
		if (!ch.jobs[i].pid ||
		    waitpid(ch.jobs[i].pid, &status, WNOHANG) != ch.jobs[i].pid)
			continue;
		job = &ch.jobs[i].job;
		describe_status(status, how, sizeof(how));
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			logmsg("%s hook (%s) failed: %s",
			       chassis_hook_key(job->hook), job->action, how);
		else if (ch.verbose)
			logmsg("%s hook (%s) done", chassis_hook_key(job->hook),
			       job->action);
		chassis_job_done(&ch.st, job,
				 WIFEXITED(status) && !WEXITSTATUS(status));
		ch.jobs[i].pid = 0;
	}
}

/*
 * The status hook, synchronously, within status-timeout: 1 on, 0 off,
 * CH_STATUS_FAILED or CH_STATUS_SLOW.
 */
static int status_run(void *ctx)
{
	struct chassis_job job = { .hook = CH_HOOK_STATUS, .action = "status" };
	const struct timespec tick = { 0, 5 * 1000 * 1000 };
	uint64_t deadline = now_ms() + ch.cfg.status_timeout_ms;
	char how[64];
	int status;
	pid_t pid, r;

	(void)ctx;
	pid = spawn(&job, true);
	if (pid < 0) {
		logmsg("status hook cannot run: %s", strerror(errno));
		return CH_STATUS_FAILED;
	}
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid || (r < 0 && errno != EINTR))
			break;
		if (now_ms() >= deadline) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			logmsg("status hook killed after %u ms (status-timeout): "
			       "power state left as %s",
			       ch.cfg.status_timeout_ms,
			       ch.st.power_on ? "on" : "off");
			return CH_STATUS_SLOW;
		}
		nanosleep(&tick, NULL);
	}
	if (r != pid)
		return CH_STATUS_FAILED;
	if (WIFEXITED(status) && WEXITSTATUS(status) <= 1)
		return WEXITSTATUS(status) == 0;
	describe_status(status, how, sizeof(how));
	logmsg("status hook failed: %s", how);
	return CH_STATUS_FAILED;
}

/* Saved state */

static void state_load(void)
{
	const char *path = ch.cfg.state_path;
	char *text;
	FILE *f;
	long size;
	int line;

	if (!path)
		return;
	f = fopen(path, "r");
	if (!f) {
		if (errno != ENOENT)
			logmsg("cannot read %s: %s", path, strerror(errno));
		return;
	}
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || size > 65536 ||
	    fseek(f, 0, SEEK_SET)) {
		logmsg("cannot read %s: not a state file", path);
		fclose(f);
		return;
	}
	text = calloc(1, size + 1);
	if (text && fread(text, 1, size, f) == (size_t)size) {
		line = chassis_state_parse(&ch.st, text);
		if (line)
			logmsg("%s:%d: not understood; the rest of the file is ignored",
			       path, line);
	} else {
		logmsg("cannot read %s", path);
	}
	free(text);
	fclose(f);
}

static void state_save(void)
{
	const char *path = ch.cfg.state_path;
	char buf[2048], tmp[4096];
	size_t len;
	int fd;

	ch.st.dirty = false;
	if (!path)
		return;
	len = chassis_state_format(&ch.st, buf, sizeof(buf));
	if (len >= sizeof(buf) ||
	    snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		logmsg("cannot save the state: too long");
		return;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || fchmod(fd, 0600) || write(fd, buf, len) != (ssize_t)len ||
	    fsync(fd)) {
		logmsg("cannot write %s: %s", tmp, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		return;
	}
	if (close(fd) || rename(tmp, path)) {
		logmsg("cannot save %s: %s", path, strerror(errno));
		unlink(tmp);
	}
}

/* The system interface */

/* Log a failure to (re)connect once, until a different one comes. */
static void connect_failed(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static void connect_failed(const char *fmt, ...)
{
	char msg[sizeof(ch.last_failure)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (strcmp(msg, ch.last_failure)) {
		logmsg("%s; retrying every second", msg);
		snprintf(ch.last_failure, sizeof(ch.last_failure), "%s", msg);
	}
}

static void ipmi_close(bool unregister)
{
	struct ipmi_cmdspec_chans spec;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(chassis_cmds); i++) {
		if (unregister && ch.registered[i]) {
			spec = (struct ipmi_cmdspec_chans){
				.netfn = CH_NETFN, .cmd = chassis_cmds[i],
				.chans = (unsigned int)IPMI_CHAN_ALL,
			};
			ioctl(ch.fd, IPMICTL_UNREGISTER_FOR_CMD_CHANS, &spec);
		}
		ch.registered[i] = false;
	}
	if (ch.fd >= 0)
		close(ch.fd);
	ch.fd = -1;
}

/* An owned forward entry for a served command; false if none can be. */
static bool forward_add(uint8_t cmd)
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
	    (ch.target_given &&
	     nla_put_u8(msg, IPMI_LAN_FORWARD_A_TARGET, ch.target) < 0)) {
		ipmi_nl_free(msg);
		logmsg("forward add: out of memory");
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
			logmsg("the kernel has no forward table; serving without adding entries");
		ch.no_forward_logged = true;
		return false;
	}
	logmsg("cannot add the forward entry for netfn 0x00 cmd 0x%02x: %s",
	       cmd, ipmi_nl_error());
	return true;
}

static int target_if_num_reply(struct nlattr **tb, void *arg)
{
	struct nlattr *ttb[IPMI_LAN_TARGET_A_MAX + 1];
	int *if_num = arg;

	if (!tb[IPMI_LAN_A_TARGET] ||
	    nla_parse_nested(ttb, IPMI_LAN_TARGET_A_MAX, tb[IPMI_LAN_A_TARGET],
			     NULL) < 0)
		return -EINVAL;
	if (ttb[IPMI_LAN_TARGET_A_IF_NUM])
		*if_num = (int)nla_get_u32(ttb[IPMI_LAN_TARGET_A_IF_NUM]);
	return 0;
}

/* The N of the target's /dev/ipmiN; -1 if it has none (or no target). */
static int target_if_num(void)
{
	struct nlattr *nest;
	struct nl_msg *msg;
	int if_num = -1;

	msg = ipmi_nl_request(IPMI_LAN_CMD_GET_TARGET);
	if (!msg)
		return -1;
	nest = ipmi_nl_nest_start(msg, IPMI_LAN_A_TARGET);
	if (!nest || nla_put_u8(msg, IPMI_LAN_TARGET_A_ADDR, ch.target) < 0) {
		ipmi_nl_free(msg);
		return -1;
	}
	nla_nest_end(msg, nest);
	if (ipmi_nl_do(msg, "target show", target_if_num_reply, &if_num))
		return -1;
	return if_num;
}

static bool ipmi_connect(void)
{
	struct ipmi_cmdspec_chans spec;
	struct server_info info;
	bool nl_ok, any = false;
	char path[32];
	unsigned int i;

	nl_ok = !ipmi_nl_connect() && !ipmi_nl_resolve();
	if (!nl_ok && !ch.dev_given) {
		connect_failed("%s", ipmi_nl_error());
		return false;
	}
	if (ch.dev_given) {
		ch.if_num = ch.dev;
	} else if (ch.target_given) {
		int n = nl_ok ? target_if_num() : -1;

		if (n < 0) {
			connect_failed("target 0x%02x: %s", ch.target,
				       nl_ok ? ipmi_nl_error() : "no netlink");
			return false;
		}
		ch.if_num = n;
	} else {
		if (server_get(&info)) {
			connect_failed("%s", ipmi_nl_error());
			return false;
		}
		if (!info.has_smi_if_num) {
			connect_failed("no system interface (see \"" PROG " smi attach\")");
			return false;
		}
		ch.if_num = info.smi_if_num;
	}

	snprintf(path, sizeof(path), "/dev/ipmi%u", ch.if_num);
	ch.fd = open(path, O_RDWR | O_CLOEXEC);
	if (ch.fd < 0) {
		connect_failed("cannot open %s: %s", path, strerror(errno));
		return false;
	}
	for (i = 0; i < ARRAY_SIZE(chassis_cmds); i++) {
		spec = (struct ipmi_cmdspec_chans){
			.netfn = CH_NETFN, .cmd = chassis_cmds[i],
			.chans = (unsigned int)IPMI_CHAN_ALL,
		};
		if (ioctl(ch.fd, IPMICTL_REGISTER_FOR_CMD_CHANS, &spec) < 0) {
			logmsg("%s: cannot register for netfn 0x00 cmd 0x%02x: %s",
			       path, chassis_cmds[i], strerror(errno));
			continue;
		}
		ch.registered[i] = true;
		any = true;
	}
	if (!any) {
		ipmi_close(false);
		connect_failed("%s: no command could be registered", path);
		return false;
	}
	if (nl_ok) {
		for (i = 0; i < ARRAY_SIZE(chassis_cmds); i++) {
			if (ch.registered[i] && !forward_add(chassis_cmds[i]))
				break;
		}
	} else {
		logmsg("no forward entries added: %s", ipmi_nl_error());
	}
	ch.last_failure[0] = '\0';
	logmsg("serving %s", path);
	return true;
}

static void ipmi_gone(const char *why)
{
	logmsg("system interface gone (/dev/ipmi%u: %s)", ch.if_num, why);
	ipmi_close(false);
}

/* Answer one request with the reply, to the address it came from. */
static void ipmi_reply(struct ipmi_recv *recv, const uint8_t *rsp, size_t len)
{
	struct ipmi_req req = {
		.addr = recv->addr,
		.addr_len = recv->addr_len,
		.msgid = recv->msgid,
		.msg = {
			.netfn = recv->msg.netfn | 1,
			.cmd = recv->msg.cmd,
			.data = (unsigned char *)rsp,
			.data_len = len,
		},
	};
	struct ipmi_lan_addr lan;

	memcpy(&lan, recv->addr, sizeof(lan.addr_type));
	if (lan.addr_type == IPMI_LAN_ADDR_TYPE)
		req.addr_len = sizeof(struct ipmi_lan_addr);
	if (ioctl(ch.fd, IPMICTL_SEND_COMMAND, &req) < 0)
		logmsg("cannot send the reply to netfn 0x%02x cmd 0x%02x: %s",
		       recv->msg.netfn, recv->msg.cmd, strerror(errno));
}

static void handle_request(struct ipmi_recv *recv)
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
	size_t len, i;
	char hex[3 * CH_RSP_MAX + 1];

	memcpy(&lan, recv->addr, recv->addr_len < sizeof(lan) ?
	       recv->addr_len : sizeof(lan));
	req.channel = lan.channel;
	len = chassis_handle(&ch.st, &req, rsp);
	if (ch.verbose) {
		for (i = 0; i < len; i++)
			snprintf(hex + 3 * i, 4, " %02x", rsp[i]);
		hex[3 * len] = '\0';
		logmsg("netfn 0x%02x cmd 0x%02x (%u bytes) from channel %d session %u privilege %u:%s",
		       req.netfn, req.cmd, (unsigned int)req.len, lan.channel,
		       lan.session_handle, lan.privilege, hex);
	}
	ipmi_reply(recv, rsp, len);
	if (ch.st.dirty)
		state_save();
}

/* Read everything queued; false if the interface went away. */
static bool ipmi_receive(void)
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
		if (ioctl(ch.fd, IPMICTL_RECEIVE_MSG_TRUNC, &recv) < 0 &&
		    errno != EMSGSIZE) {
			if (errno == EAGAIN || errno == EINTR)
				return true;
			ipmi_gone(strerror(errno));
			return false;
		}
		if (recv.recv_type == IPMI_CMD_RECV_TYPE) {
			handle_request(&recv);
		} else if (recv.recv_type == IPMI_RESPONSE_RESPONSE_TYPE) {
			if (ch.verbose && recv.msg.data_len >= 1 &&
			    recv.msg.data[0])
				logmsg("reply to netfn 0x%02x cmd 0x%02x not delivered: cc 0x%02x",
				       recv.msg.netfn & ~1, recv.msg.cmd,
				       recv.msg.data[0]);
		} else if (ch.verbose) {
			logmsg("ignoring a message of type %d", recv.recv_type);
		}
	}
	return true;
}

/* A cheap ioctl; it fails once the handler destroyed our user. */
static void ipmi_probe(void)
{
	unsigned int addr;

	if (ioctl(ch.fd, IPMICTL_GET_MY_ADDRESS_CMD, &addr) < 0)
		ipmi_gone(strerror(errno));
}

static int serve_loop(void)
{
	uint64_t now, next_connect = 0, next_probe = 0;
	struct pollfd pfd;
	sigset_t none;
	struct timespec ts;
	int n, timeout;

	sigemptyset(&none);
	while (!stop) {
		now = now_ms();
		if (ch.fd < 0 && now >= next_connect) {
			next_connect = now + RETRY_MS;
			if (ipmi_connect())
				next_probe = now + RETRY_MS;
			continue;
		}
		if (ch.fd >= 0 && now >= next_probe) {
			next_probe = now + RETRY_MS;
			ipmi_probe();
			continue;
		}
		timeout = (ch.fd >= 0 ? next_probe : next_connect) - now;
		ts.tv_sec = timeout / 1000;
		ts.tv_nsec = (timeout % 1000) * 1000000L;
		pfd = (struct pollfd){ .fd = ch.fd, .events = POLLIN };
		n = ppoll(&pfd, ch.fd >= 0, &ts, &none);
		if (n < 0 && errno != EINTR) {
			logmsg("poll: %s", strerror(errno));
			return EXIT_USAGE;
		}
		jobs_reap();
		if (stop || n <= 0 || ch.fd < 0)
			continue;
		if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL))
			ipmi_gone("poll error");
		else if (pfd.revents & POLLIN)
			ipmi_receive();
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

	if (!ch.config_path)
		return EXIT_OK;
	f = fopen(ch.config_path, "r");
	if (!f)
		return usage_error("chassis serve: cannot open %s: %s",
				   ch.config_path, strerror(errno));
	ret = chassis_config_load(&ch.cfg, f, ch.config_path, err, sizeof(err));
	fclose(f);
	if (ret)
		return usage_error("chassis serve: %s", err);
	return EXIT_OK;
}

static int chassis_serve(int argc, char **argv)
{
	const struct chassis_ops ops = { .start = job_start, .status = status_run };
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block;
	unsigned int i;
	int ret;

	ret = serve_parse(argc, argv);
	if (ret)
		return ret < 0 ? EXIT_OK : ret;
	ret = config_load();
	if (ret)
		return ret;
	chassis_init(&ch.st, &ch.cfg, &ops);
	state_load();

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
	for (i = 0; i < CH_HOOK_COUNT; i++) {
		if (ch.verbose && ch.cfg.hook[i])
			logmsg("%s = %s", chassis_hook_key(i), ch.cfg.hook[i]);
	}
	ret = serve_loop();

	if (ch.fd >= 0)
		ipmi_close(true);
	ipmi_nl_close();	/* the kernel drops our owned entries */
	logmsg("stopped");
	chassis_config_free(&ch.cfg);
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
