// SPDX-License-Identifier: GPL-2.0
/*
 * loadgen: clocks, CPU accounting, latency samples and the JSON report.
 */
#include "loadgen.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Source address i: 127.B.(i / 250).(1 + i % 250), all on lo. */
void lg_bind_addr(const struct lg_opts *o, int i, char *buf, size_t size)
{
	snprintf(buf, size, "127.%d.%d.%d", o->bind_octet, i / 250,
		 1 + i % 250);
}

int lg_session_socket(struct rmcpp *s, const struct lg_opts *o, int i)
{
	char a[32];

	if (o->bind_octet)
		lg_bind_addr(o, i, a, sizeof(a));
	return rmcpp_open_socket(s, o->host, o->port,
				 o->bind_octet ? a : NULL);
}

void lg_client_init(struct rmcpp *s, const struct lg_opts *o)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->timeout_ms = o->timeout_ms;
	s->suite = rmcpp_suite_find(o->suite);
	s->priv = PRIV_ADMIN;
	s->out_seq = 1;
	s->kex.auth = s->suite->auth;
	memcpy(s->kex.kuid, o->pass, strlen(o->pass));
	s->kex.role = PRIV_ADMIN | ROLE_NAME_ONLY;
	s->kex.ulen = (u8)strlen(o->user);
	memcpy(s->kex.uname, o->user, s->kex.ulen);
}

long long lg_login_retries;

/* Like a real client, a login is tried up to three times. */
int lg_login(struct rmcpp *s, const struct lg_opts *o, int i)
{
	int tries;

	lg_client_init(s, o);
	if (lg_session_socket(s, o, i))
		return -1;
	for (tries = 0; tries < 3; tries++) {
		if (!rmcpp_login(s, false))
			return 0;
		lg_login_retries++;
	}
	return -1;
}

/* ---- CPU accounting -------------------------------------------------- */

void lg_cpu_read(struct lg_cpu *c)
{
	char line[512];
	FILE *f;
	int idx;

	memset(c, 0, sizeof(*c));
	f = fopen("/proc/stat", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long *t;

		if (strncmp(line, "cpu", 3))
			break;
		if (line[3] == ' ') {
			idx = 0;
		} else {
			idx = 1 + atoi(line + 3);
			if (idx > LG_MAX_CPUS)
				continue;
			if (idx > c->ncpu)
				c->ncpu = idx;
		}
		t = c->t[idx];
		/* user nice system idle iowait irq softirq steal */
		sscanf(line + 4, "%llu %llu %llu %llu %llu %llu %llu %llu",
		       &t[0], &t[1], &t[2], &t[3], &t[4], &t[5], &t[6], &t[7]);
	}
	fclose(f);
}

/* Packets the network stack's backlog queues dropped, all CPUs. */
long long lg_softnet_drops(void)
{
	unsigned int processed, dropped;
	long long sum = 0;
	char line[512];
	FILE *f = fopen("/proc/net/softnet_stat", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%x %x", &processed, &dropped) == 2)
			sum += dropped;
	fclose(f);
	return sum;
}

void lg_run_start(struct lg_run *r, bool children)
{
	memset(r, 0, sizeof(*r));
	r->children = children;
	r->drops0 = lg_softnet_drops();
	lg_cpu_read(&r->c0);
	getrusage(RUSAGE_SELF, &r->r0);
	if (children)
		getrusage(RUSAGE_CHILDREN, &r->rc0);
	r->t0 = now_ns();
}

void lg_run_stop(struct lg_run *r)
{
	r->t1 = now_ns();
	getrusage(RUSAGE_SELF, &r->r1);
	if (r->children)
		getrusage(RUSAGE_CHILDREN, &r->rc1);
	lg_cpu_read(&r->c1);
	r->drops1 = lg_softnet_drops();
}

double lg_run_secs(const struct lg_run *r)
{
	return (r->t1 - r->t0) / 1e9;
}

static double tv(const struct timeval *a, const struct timeval *b)
{
	return (b->tv_sec - a->tv_sec) + (b->tv_usec - a->tv_usec) / 1e6;
}

double lg_run_gen_cpu(const struct lg_run *r, double *user, double *sys)
{
	double u = tv(&r->r0.ru_utime, &r->r1.ru_utime);
	double s = tv(&r->r0.ru_stime, &r->r1.ru_stime);

	if (r->children) {
		u += tv(&r->rc0.ru_utime, &r->rc1.ru_utime);
		s += tv(&r->rc0.ru_stime, &r->rc1.ru_stime);
	}
	*user = u;
	*sys = s;
	return u + s;
}

/* ---- latency --------------------------------------------------------- */

int lg_lat_init(struct lg_lat *l, size_t cap)
{
	memset(l, 0, sizeof(*l));
	l->cap = cap ? cap : 1;
	l->v = malloc(l->cap * sizeof(*l->v));
	return l->v ? 0 : -1;
}

void lg_lat_add(struct lg_lat *l, long long ns)
{
	u32 us = ns <= 0 ? 0 : ns / 1000 > 0xffffffffLL ? 0xffffffffu :
		 (u32)(ns / 1000);

	if (us > l->max)
		l->max = us;
	l->sum += us;
	if (l->n < l->cap)
		l->v[l->n] = us;
	l->n++;
}

void lg_lat_merge(struct lg_lat *dst, const u32 *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		lg_lat_add(dst, (long long)v[i] * 1000);
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

u32 lg_lat_pct(struct lg_lat *l, double p)
{
	size_t n = l->n < l->cap ? l->n : l->cap, i;

	if (!n)
		return 0;
	if (p <= 0.0) {
		qsort(l->v, n, sizeof(*l->v), cmp_u32);
		return l->v[0];
	}
	i = (size_t)(p / 100.0 * (double)n);
	if (i >= n)
		i = n - 1;
	return l->v[i];
}

/* ---- JSON ------------------------------------------------------------ */

static bool js_first;

void js_begin(const struct lg_opts *o)
{
	js_first = true;
	putchar('{');
	js_str("mode", o->mode);
	if (o->label)
		js_str("label", o->label);
}

static void js_key(const char *k)
{
	printf("%s\"%s\":", js_first ? "" : ",", k);
	js_first = false;
}

void js_num(const char *k, double v)
{
	js_key(k);
	printf("%.6g", v);
}

void js_int(const char *k, long long v)
{
	js_key(k);
	printf("%lld", v);
}

void js_str(const char *k, const char *v)
{
	js_key(k);
	putchar('"');
	for (; *v; v++)
		if (*v == '"' || *v == '\\')
			printf("\\%c", *v);
		else if ((unsigned char)*v >= 0x20)
			putchar(*v);
	putchar('"');
}

void js_bool(const char *k, bool v)
{
	js_key(k);
	fputs(v ? "true" : "false", stdout);
}

void js_raw(const char *k, const char *v)
{
	js_key(k);
	fputs(v, stdout);
}

void js_lat(const char *k, struct lg_lat *l)
{
	js_key(k);
	lg_lat_pct(l, 0);	/* sort */
	printf("{\"n\":%zu,\"p50\":%u,\"p99\":%u,\"max\":%u,\"mean\":%.1f}",
	       l->n, lg_lat_pct(l, 50), lg_lat_pct(l, 99), l->max,
	       l->n ? (double)l->sum / (double)l->n : 0.0);
}

static double busy(const struct lg_run *r, int cpu);

/* Guest CPU time of the timed phase per CPU, as shares of its wall time. */
void js_run(const struct lg_run *r)
{
	static const char *const names[] = { "user", "nice", "sys", "idle",
					     "iowait", "irq", "softirq", "steal" };
	double secs = lg_run_secs(r), hz = (double)sysconf(_SC_CLK_TCK);
	double user, sys, gen;
	int i, j;

	js_num("seconds", secs);
	js_int("backlog_drops", r->drops1 - r->drops0);
	js_int("login_retries", lg_login_retries);
	gen = lg_run_gen_cpu(r, &user, &sys);
	js_key("generator_cpu");
	printf("{\"user_s\":%.3f,\"sys_s\":%.3f,\"share\":%.3f}", user, sys,
	       secs > 0 ? gen / secs : 0.0);
	js_key("guest_cpu");
	putchar('{');
	for (i = 0; i <= r->c1.ncpu; i++) {
		double n = (i ? 1 : r->c1.ncpu) * secs * hz;

		if (i)
			printf(",\"cpu%d\":{", i - 1);
		else
			printf("\"all\":{");
		for (j = 0; j < 8; j++)
			printf("%s\"%s\":%.3f", j ? "," : "", names[j],
			       n > 0 ? (r->c1.t[i][j] - r->c0.t[i][j]) / n : 0.0);
		if (i)
			printf(",\"busy\":%.3f", busy(r, i - 1));
		putchar('}');
	}
	putchar('}');
}

static double busy(const struct lg_run *r, int cpu)
{
	const unsigned long long *a = r->c0.t[cpu + 1], *b = r->c1.t[cpu + 1];
	double all = 0, idle = (b[3] - a[3]) + (b[4] - a[4]);
	int j;

	for (j = 0; j < 8; j++)
		all += b[j] - a[j];
	return all > 0 ? 1.0 - idle / all : 0.0;
}

/*
 * With the generator and the server on CPUs of their own, the generator is
 * the bottleneck when its CPU is busy and the server's is not. Busy is 1 -
 * idle: softirq work run from idle is not in the tick-based counters.
 * Without pinning, the generator's own CPU share stands in for it.
 */
const char *lg_generator_bound(const struct lg_opts *o, const struct lg_run *r)
{
	double u, s, secs = lg_run_secs(r);

	if (secs <= 0)
		return NULL;
	if (o->gen_cpu >= 0 && o->srv_cpu >= 0 && o->gen_cpu < r->c1.ncpu &&
	    o->srv_cpu < r->c1.ncpu) {
		if (busy(r, o->gen_cpu) >= 0.9 && busy(r, o->srv_cpu) < 0.85)
			return "generator saturated (its CPU busy, the server's not)";
		return NULL;
	}
	if (lg_run_gen_cpu(r, &u, &s) / secs >= 0.9 &&
	    r->c1.t[0][3] - r->c0.t[0][3] >
	    0.15 * secs * sysconf(_SC_CLK_TCK) * r->c1.ncpu)
		return "generator saturated while the guest had idle CPU";
	return NULL;
}

void js_end(void)
{
	puts("}");
	fflush(stdout);
}
