// SPDX-License-Identifier: GPL-2.0
/*
 * loadgen hs: full handshakes (Open Session, RAKP 1-4, Close Session) from
 * many source addresses, by P worker processes (rmcpp.c is one session
 * per call and not thread-safe). Worker w uses the addresses w, w+P, ...
 * in turn, so each source sees a fraction of the packets and the server's
 * per-source limit on pre-session packets is reported next to the rate.
 */
#include "loadgen.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Pre-session packets a handshake sends: Open Session, RAKP1, RAKP3. */
#define PRESESSION_PACKETS 3
/* The server's default per-source limit (kmod/ratelimiter.h). */
#define SOURCE_PPS 40

struct hs_res {
	long long ok, fail_login, fail_close;
	long long t_first, t_last;	/* ns */
	u32 nlat;
};

static int write_all(int fd, const void *p, size_t len)
{
	const u8 *b = p;
	ssize_t r;

	while (len) {
		r = write(fd, b, len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		b += r;
		len -= (size_t)r;
	}
	return 0;
}

static int read_all(int fd, void *p, size_t len)
{
	u8 *b = p;
	ssize_t r;

	while (len) {
		r = read(fd, b, len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		b += r;
		len -= (size_t)r;
	}
	return 0;
}

static void worker(const struct lg_opts *o, int w, long long deadline,
		   long long budget, int out)
{
	int n = (o->addrs - w + o->workers - 1) / o->workers, a = 0, i;
	struct hs_res res = { 0 };
	struct rmcpp *s;
	u32 *lat;
	long long c, t;

	s = calloc(n, sizeof(*s));
	lat = calloc((size_t)budget + 1, sizeof(*lat));
	if (!s || !lat)
		_exit(1);
	for (i = 0; i < n && !o->fresh_socket; i++) {
		lg_client_init(&s[i], o);
		if (lg_session_socket(&s[i], o, w + i * o->workers))
			_exit(1);
	}
	res.t_first = now_ns();
	for (c = 0; c < budget && now_ns() < deadline; c++) {
		struct rmcpp *x = &s[a];
		int addr = w + a * o->workers;

		a = (a + 1) % n;
		t = now_ns();
		if (o->fresh_socket) {
			/* a new source port, like a new client process */
			lg_client_init(x, o);
			if (lg_session_socket(x, o, addr))
				_exit(1);
		}
		x->out_seq = 1;
		if (rmcpp_login(x, false)) {
			res.fail_login++;
		} else if (rmcpp_close(x)) {
			res.fail_close++;
		} else {
			res.ok++;
			lat[res.nlat++] = (u32)((now_ns() - t) / 1000);
		}
		if (o->fresh_socket)
			close(x->fd);
	}
	res.t_last = now_ns();
	if (write_all(out, &res, sizeof(res)) ||
	    write_all(out, lat, res.nlat * sizeof(*lat)))
		_exit(1);
	_exit(0);
}

int lg_hs_main(struct lg_opts *o)
{
	long long budget = o->count / o->workers + 1, deadline;
	struct hs_res tot = { 0 }, r;
	int fds[LG_MAX_WORKERS], w, st, bad = 0;
	pid_t pid[LG_MAX_WORKERS];
	double secs, ceiling, rate;
	struct lg_run run;
	struct lg_lat lat;
	const char *why = NULL;
	u32 *buf;

	if (o->workers > o->addrs)
		o->workers = o->addrs;
	if (lg_lat_init(&lat, (size_t)o->count + o->workers))
		return 1;
	lg_run_start(&run, true);
	deadline = run.t0 + (long long)(o->seconds * 1e9);
	tot.t_first = run.t0;
	for (w = 0; w < o->workers; w++) {
		int p[2];

		if (pipe(p))
			return 1;
		fflush(NULL);
		pid[w] = fork();
		if (pid[w] < 0)
			return 1;
		if (!pid[w]) {
			close(p[0]);
			worker(o, w, deadline, budget, p[1]);
		}
		close(p[1]);
		fds[w] = p[0];
	}
	for (w = 0; w < o->workers; w++) {
		if (read_all(fds[w], &r, sizeof(r))) {
			bad++;
			continue;
		}
		buf = malloc((r.nlat + 1) * sizeof(*buf));
		if (!buf || read_all(fds[w], buf, r.nlat * sizeof(*buf))) {
			bad++;
			free(buf);
			continue;
		}
		lg_lat_merge(&lat, buf, r.nlat);
		free(buf);
		tot.ok += r.ok;
		tot.fail_login += r.fail_login;
		tot.fail_close += r.fail_close;
		if (r.t_last > tot.t_last)
			tot.t_last = r.t_last;
		close(fds[w]);
	}
	for (w = 0; w < o->workers; w++) {
		if (waitpid(pid[w], &st, 0) < 0 || !WIFEXITED(st) ||
		    WEXITSTATUS(st))
			bad++;
	}
	lg_run_stop(&run);
	/* the phase ends when the last worker finished its last handshake */
	if (tot.t_last > run.t0)
		run.t1 = tot.t_last;
	secs = lg_run_secs(&run);
	rate = secs > 0 ? tot.ok / secs : 0;
	ceiling = (double)o->addrs * SOURCE_PPS / PRESESSION_PACKETS;
	if (bad)
		why = "a worker failed";
	else if (!tot.ok)
		why = "no handshake completed";
	else
		why = lg_generator_bound(o, &run);

	js_begin(o);
	js_str("target", o->host);
	js_int("port", o->port);
	js_int("suite", o->suite);
	js_int("workers", o->workers);
	js_bool("fresh_socket_per_handshake", o->fresh_socket);
	js_int("sources", o->addrs);
	js_num("hs_per_s", rate);
	js_int("ok", tot.ok);
	js_int("fail_login", tot.fail_login);
	js_int("fail_close", tot.fail_close);
	js_num("ipmi_lan_ratelimit_ceiling_per_s", ceiling);
	js_bool("ipmi_lan_ratelimit_bound", rate > 0.8 * ceiling);
	js_lat("cycle_latency_us", &lat);
	js_run(&run);
	js_bool("valid", !why);
	if (why)
		js_str("invalid_reason", why);
	js_end();
	return why ? 1 : 0;
}
