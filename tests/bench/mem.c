// SPDX-License-Identifier: GPL-2.0
/*
 * loadgen mem: kernel memory per active session, from slab accounting.
 * The client sockets are opened before the baseline, so only what the
 * server allocates is counted; sessions are then logged in up to each
 * point (e.g. 1, 32, 63) and held while the slabs are read.
 */
#include "loadgen.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct mem_snap {
	long long slab_kb, sunreclaim_kb;
	long long slabinfo_b;		/* sum of active_objs x objsize */
};

/*
 * SLUB counts the objects of per-CPU slabs as in use; shrinking every
 * cache first flushes those, so the counts below are objects, not pages.
 */
static void shrink_all(void)
{
	glob_t g;
	size_t i;

	if (glob("/sys/kernel/slab/*/shrink", 0, NULL, &g))
		return;
	for (i = 0; i < g.gl_pathc; i++) {
		FILE *f = fopen(g.gl_pathv[i], "w");

		if (f) {
			fputs("1\n", f);
			fclose(f);
		}
	}
	globfree(&g);
}

static void mem_read(struct mem_snap *m)
{
	char line[512], name[128];
	long long v, act, num, size;
	FILE *f;

	shrink_all();
	memset(m, 0, sizeof(*m));
	f = fopen("/proc/meminfo", "r");
	if (f) {
		while (fgets(line, sizeof(line), f)) {
			if (sscanf(line, "Slab: %lld", &v) == 1)
				m->slab_kb = v;
			else if (sscanf(line, "SUnreclaim: %lld", &v) == 1)
				m->sunreclaim_kb = v;
		}
		fclose(f);
	}
	f = fopen("/proc/slabinfo", "r");
	if (f) {
		while (fgets(line, sizeof(line), f))
			/* kmalloc caches only: the module's objects and its
			 * crypto transforms; not the VFS caches reading
			 * sysfs churns */
			if (sscanf(line, "%127s %lld %lld %lld", name, &act,
				   &num, &size) == 4 &&
			    !strncmp(name, "kmalloc-", 8))
				m->slabinfo_b += act * size;
		fclose(f);
	}
}

static void settle(void)
{
	struct timespec ts = { 1, 0 };

	nanosleep(&ts, NULL);	/* RCU frees of the handshake's leftovers */
}

int lg_mem_main(struct lg_opts *o)
{
	struct mem_snap base, snap[8], after;
	int pts[8], npts = 0, i, opened = 0, fail = 0;
	const char *p = o->mem_points;
	long long t0;
	struct rmcpp *s;

	while (p && *p && npts < 8) {
		pts[npts] = atoi(p);
		if (pts[npts] < 1 || pts[npts] > LG_MAX_SESSIONS ||
		    (npts && pts[npts] <= pts[npts - 1])) {
			fprintf(stderr, "-M: ascending session counts\n");
			return 2;
		}
		npts++;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	if (!npts)
		return 2;
	s = calloc(pts[npts - 1], sizeof(*s));
	if (!s)
		return 1;
	for (i = 0; i < pts[npts - 1]; i++) {
		lg_client_init(&s[i], o);
		if (lg_session_socket(&s[i], o, i))
			return 1;
	}
	t0 = now_ns();
	settle();
	mem_read(&base);	/* once to create the sysfs dentries it reads */
	mem_read(&base);
	for (i = 0; i < npts; i++) {
		while (opened < pts[i]) {
			int tries = 0;

			while (rmcpp_login(&s[opened], false))
				if (++tries == 3) {
					fail++;
					break;
				}
			lg_login_retries += tries;
			opened++;
		}
		settle();
		mem_read(&snap[i]);
	}
	for (i = 0; i < opened; i++)
		if (s[i].active && rmcpp_close(&s[i]))
			fail++;
	settle();
	mem_read(&after);

	js_begin(o);
	js_str("target", o->host);
	js_int("suite", o->suite);
	js_int("login_or_close_fail", fail);
	js_int("login_retries", lg_login_retries);
	printf(",\"points\":[");
	for (i = 0; i < npts; i++)
		printf("%s{\"sessions\":%d,\"slab_kb\":%lld,\"sunreclaim_kb\":%lld,"
		       "\"kmalloc_bytes\":%lld,\"bytes_per_session\":%.0f}",
		       i ? "," : "", pts[i], snap[i].slab_kb - base.slab_kb,
		       snap[i].sunreclaim_kb - base.sunreclaim_kb,
		       snap[i].slabinfo_b - base.slabinfo_b,
		       (double)(snap[i].slabinfo_b - base.slabinfo_b) / pts[i]);
	printf("]");
	if (npts > 1) {
		double slope = (double)(snap[npts - 1].slabinfo_b - snap[0].slabinfo_b) /
			       (pts[npts - 1] - pts[0]);

		js_num("bytes_per_session_slope", slope);
	}
	js_int("kmalloc_bytes_after_close", after.slabinfo_b - base.slabinfo_b);
	/* what closing the sessions gave back, per session: the least noisy */
	js_num("bytes_per_session",
	       (double)(snap[npts - 1].slabinfo_b - after.slabinfo_b) / pts[npts - 1]);
	js_num("seconds", (now_ns() - t0) / 1e9);
	js_int("max_sessions", pts[npts - 1]);
	js_bool("valid", !fail);
	js_end();
	return fail ? 1 : 0;
}
