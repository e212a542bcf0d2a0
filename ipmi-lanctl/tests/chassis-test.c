// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of chassis-logic.c: requests in, exact response bytes out,
 * which hook would run, faults, identify, restore policy, boot options
 * and their saved state, the configuration file. Exit status 0 if all
 * pass; each failure is printed with its line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chassis-logic.h"

static int failures, checks;

#define CHECK(cond) check((cond), __LINE__, #cond)

static void check(int ok, int line, const char *what)
{
	checks++;
	if (!ok) {
		failures++;
		fprintf(stderr, "chassis-test.c:%d: FAILED: %s\n", line, what);
	}
}

/* The fake outside world. */
static struct {
	int starts;
	struct chassis_job last;
	int start_result;	/* what start() returns */
	int status_result;	/* what the status hook says */
	int status_runs;
} fake;

static int fake_start(void *ctx, const struct chassis_job *job)
{
	(void)ctx;
	fake.starts++;
	fake.last = *job;
	return fake.start_result;
}

static int fake_status(void *ctx)
{
	(void)ctx;
	fake.status_runs++;
	return fake.status_result;
}

static const struct chassis_ops ops = { fake_start, fake_status, NULL };

static struct chassis_config cfg;
static struct chassis_state st;
static uint64_t now = 1000;

static void setup(const char *text)
{
	char err[256];
	FILE *f;

	chassis_config_free(&cfg);
	f = fmemopen((void *)text, strlen(text), "r");
	if (!f || chassis_config_load(&cfg, f, "test.conf", err, sizeof(err))) {
		fprintf(stderr, "setup: %s\n", f ? err : "fmemopen");
		exit(1);
	}
	fclose(f);
	chassis_init(&st, &cfg, &ops);
	memset(&fake, 0, sizeof(fake));
}

static const char ALL_HOOKS[] =
	"# every hook\n"
	"power-on = on.sh\n"
	"power-off = off.sh\n"
	"power-cycle = cycle.sh\n"
	"reset = reset.sh\n"
	"soft-off = soft.sh\n"
	"diag = diag.sh\n"
	"identify = ident.sh\n";

/* Send cmd with n data bytes; compare the response with the expected. */
static int req(uint8_t netfn, uint8_t cmd, const uint8_t *data, size_t n,
	       const uint8_t *want, size_t wantlen, int line)
{
	struct chassis_request r = {
		.netfn = netfn, .cmd = cmd, .data = data, .len = n,
		.channel = 1, .now = now,
	};
	uint8_t rsp[CH_RSP_MAX];
	size_t len, i;

	memset(rsp, 0xee, sizeof(rsp));
	len = chassis_handle(&st, &r, rsp);
	checks++;
	if (len != wantlen || memcmp(rsp, want, wantlen)) {
		failures++;
		fprintf(stderr, "chassis-test.c:%d: FAILED: cmd %02x: got", line,
			cmd);
		for (i = 0; i < len; i++)
			fprintf(stderr, " %02x", rsp[i]);
		fprintf(stderr, ", want");
		for (i = 0; i < wantlen; i++)
			fprintf(stderr, " %02x", want[i]);
		fputc('\n', stderr);
		return -1;
	}
	return 0;
}

#define BYTES(...) ((const uint8_t[]){ __VA_ARGS__ })
#define N(...) sizeof((const uint8_t[]){ __VA_ARGS__ })
/* REQ(cmd, (data...), (want...)); empty data as NODATA. */
#define REQ(cmd, d, w) \
	req(CH_NETFN, cmd, BYTES d, N d, BYTES w, N w, __LINE__)
#define REQ0(cmd, w) req(CH_NETFN, cmd, NULL, 0, BYTES w, N w, __LINE__)

static void test_capabilities(void)
{
	setup("");
	REQ0(CH_GET_CAPABILITIES, (0x00, 0x00, 0x20, 0x20, 0x20, 0x20));
	REQ(CH_GET_CAPABILITIES, (1), (0xc7));
}

static void test_unknown(void)
{
	setup("");
	REQ0(0x03, (0xc1));
	REQ0(0x05, (0xc1));
	REQ0(0x0f, (0xc1));
	REQ0(0xff, (0xc1));
	CHECK(req(0x06, 0x01, NULL, 0, BYTES(0xc1), 1, __LINE__) == 0);
	CHECK(req(0x2e, 0x02, BYTES(1), 1, BYTES(0xc1), 1, __LINE__) == 0);
}

static void test_control(void)
{
	static const struct {
		uint8_t code;
		enum chassis_hook hook;
		const char *action;
		bool on_after;
	} cases[] = {
		{ 1, CH_HOOK_POWER_ON, "on", true },
		{ 0, CH_HOOK_POWER_OFF, "off", false },
		{ 2, CH_HOOK_POWER_CYCLE, "cycle", true },
		{ 5, CH_HOOK_SOFT_OFF, "soft-off", false },
		{ 3, CH_HOOK_RESET, "reset", true },
		{ 4, CH_HOOK_DIAG, "diag", true },	/* unchanged: was on */
	};
	unsigned int i;

	setup(ALL_HOOKS);
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x00, 0x40));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fake.starts = 0;
		REQ(CH_CONTROL, (cases[i].code), (0x00));
		CHECK(fake.starts == 1);
		CHECK(fake.last.hook == cases[i].hook);
		CHECK(!strcmp(fake.last.action, cases[i].action));
		CHECK(fake.last.control);
		CHECK(st.power_on == cases[i].on_after);
	}
	/* Power on via IPMI: last power event bit 4. */
	REQ0(CH_GET_STATUS, (0x00, 0x01, 0x10, 0x40));

	/* Errors: no hook runs. */
	fake.starts = 0;
	REQ(CH_CONTROL, (6), (0xcc));
	REQ(CH_CONTROL, (0x81), (0xcc));
	REQ0(CH_CONTROL, (0xc7));
	REQ(CH_CONTROL, (1, 0), (0xc7));
	CHECK(fake.starts == 0);

	/* Restart cause: chassis control, on the requester's channel. */
	REQ0(CH_GET_RESTART_CAUSE, (0x00, 0x01, 0x01));
	REQ(CH_GET_RESTART_CAUSE, (0), (0xc7));
}

static void test_control_unconfigured(void)
{
	setup("power-on = on.sh\nstatus = st.sh\n");
	REQ0(CH_GET_RESTART_CAUSE, (0x00, 0x00, 0x00));
	REQ(CH_CONTROL, (0), (0xd6));
	REQ(CH_CONTROL, (2), (0xd6));	/* a cycle needs off and on */
	REQ(CH_CONTROL, (3), (0xd6));
	REQ(CH_CONTROL, (4), (0xd6));
	REQ(CH_CONTROL, (5), (0xd6));
	CHECK(fake.starts == 0);
	REQ0(CH_GET_RESTART_CAUSE, (0x00, 0x00, 0x00));

	/* Without power-cycle, off + on make a cycle (one job). */
	setup("power-on = on.sh\npower-off = off.sh\n");
	REQ(CH_CONTROL, (2), (0x00));
	CHECK(fake.starts == 1 && fake.last.hook == CH_HOOK_POWER_CYCLE);
	CHECK(!strcmp(fake.last.action, "cycle"));
	REQ(CH_IDENTIFY, (), (0x00));	/* no hook: still 00 */
	CHECK(fake.starts == 1);
}

static void test_faults(void)
{
	struct chassis_job job;

	setup(ALL_HOOKS);
	REQ(CH_CONTROL, (1), (0x00));
	job = fake.last;
	CHECK(!job.prev_power);
	/* The power-on hook exits non-zero: fault, and the state before. */
	chassis_job_done(&st, &job, false);
	REQ0(CH_GET_STATUS, (0x00, 0x10, 0x10, 0x40));
	/* Off fails too: stays off-by-then-previous (off). */
	REQ(CH_CONTROL, (0), (0x00));
	REQ0(CH_GET_STATUS, (0x00, 0x10, 0x10, 0x40));
	/* A successful control clears it. */
	REQ(CH_CONTROL, (1), (0x00));
	chassis_job_done(&st, &fake.last, true);
	REQ0(CH_GET_STATUS, (0x00, 0x01, 0x10, 0x40));
	/* A failing power-off goes back to on. */
	REQ(CH_CONTROL, (0), (0x00));
	CHECK(fake.last.prev_power);
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x10, 0x40));
	chassis_job_done(&st, &fake.last, false);
	REQ0(CH_GET_STATUS, (0x00, 0x11, 0x10, 0x40));
	/* A failed identify hook is no power control fault. */
	REQ(CH_CONTROL, (1), (0x00));
	chassis_job_done(&st, &fake.last, true);
	REQ(CH_IDENTIFY, (0), (0x00));
	chassis_job_done(&st, &fake.last, false);
	REQ0(CH_GET_STATUS, (0x00, 0x01, 0x10, 0x40));

	/* A hook that cannot be started: FFh and the fault at once. */
	setup(ALL_HOOKS);
	fake.start_result = -1;
	REQ(CH_CONTROL, (1), (0xff));
	REQ0(CH_GET_STATUS, (0x00, 0x10, 0x00, 0x40));
	REQ0(CH_GET_RESTART_CAUSE, (0x00, 0x00, 0x00));
}

static void test_status_hook(void)
{
	setup("status = st.sh\ninitial-power = on\n");
	fake.status_result = 1;
	REQ0(CH_GET_STATUS, (0x00, 0x01, 0x00, 0x40));	/* on, from the hook */
	CHECK(fake.status_runs == 1);
	fake.status_result = 0;
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x00, 0x40));
	/* A failing status: the tracked state (off now) and power fault. */
	fake.status_result = -1;
	REQ0(CH_GET_STATUS, (0x00, 0x08, 0x00, 0x40));
	fake.status_result = 1;
	REQ0(CH_GET_STATUS, (0x00, 0x01, 0x00, 0x40));
	fake.status_result = -1;
	REQ0(CH_GET_STATUS, (0x00, 0x09, 0x00, 0x40));
	REQ(CH_GET_STATUS, (0), (0xc7));
	CHECK(fake.status_runs == 5);
	/* A slow status: the tracked state (on now), no power fault. */
	fake.status_result = 1;
	REQ0(CH_GET_STATUS, (0x00, 0x01, 0x00, 0x40));
	fake.status_result = CH_STATUS_SLOW;
	REQ0(CH_GET_STATUS, (0x00, 0x01, 0x00, 0x40));
	fake.status_result = 0;
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x00, 0x40));
	fake.status_result = CH_STATUS_SLOW;
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x00, 0x40));
	CHECK(fake.status_runs == 9);

	/* Without a status hook, initial-power is the tracked state. */
	setup("initial-power = on\n");
	REQ0(CH_GET_STATUS, (0x00, 0x01, 0x00, 0x40));
	CHECK(fake.status_runs == 0);
}

static void test_identify(void)
{
	setup(ALL_HOOKS);
	REQ(CH_IDENTIFY, (), (0x00));		/* default: 15 s */
	CHECK(fake.last.hook == CH_HOOK_IDENTIFY);
	CHECK(!strcmp(fake.last.action, "identify"));
	CHECK(fake.last.identify_seconds == 15 && !fake.last.identify_force);
	CHECK(!fake.last.control);
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x00, 0x50));
	now += 14999;
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x00, 0x50));
	now += 1;
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x00, 0x40));	/* expired */
	REQ(CH_IDENTIFY, (5, 1), (0x00));		/* force: indefinite */
	CHECK(fake.last.identify_force);
	now += 100000;
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x00, 0x60));
	REQ(CH_IDENTIFY, (0), (0x00));			/* off */
	CHECK(fake.last.identify_seconds == 0);
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x00, 0x40));
	REQ(CH_IDENTIFY, (2, 0), (0x00));
	CHECK(fake.last.identify_seconds == 2 && !fake.last.identify_force);
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x00, 0x50));
	fake.starts = 0;
	REQ(CH_IDENTIFY, (1, 0, 0), (0xc7));
	CHECK(fake.starts == 0);
}

static void test_restore_policy(void)
{
	setup("");
	REQ(CH_SET_RESTORE_POLICY, (2), (0x00, 0x07));
	CHECK(st.dirty);
	REQ0(CH_GET_STATUS, (0x00, 0x40, 0x00, 0x40));
	REQ(CH_SET_RESTORE_POLICY, (1), (0x00, 0x07));
	REQ0(CH_GET_STATUS, (0x00, 0x20, 0x00, 0x40));
	st.dirty = false;
	REQ(CH_SET_RESTORE_POLICY, (3), (0x00, 0x07));	/* no change */
	CHECK(!st.dirty);
	REQ0(CH_GET_STATUS, (0x00, 0x20, 0x00, 0x40));
	REQ(CH_SET_RESTORE_POLICY, (0xf8), (0x00, 0x07)); /* only bits 2:0 */
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x00, 0x40));
	REQ(CH_SET_RESTORE_POLICY, (4), (0xcc));
	REQ(CH_SET_RESTORE_POLICY, (7), (0xcc));
	REQ0(CH_SET_RESTORE_POLICY, (0xc7));
	REQ(CH_SET_RESTORE_POLICY, (1, 1), (0xc7));
	REQ0(CH_GET_STATUS, (0x00, 0x00, 0x00, 0x40));
}

static void test_boot_options(void)
{
	setup(ALL_HOOKS);
	/* Defaults. */
	REQ(CH_GET_BOOT_OPTIONS, (0, 0, 0), (0x00, 0x01, 0x00, 0x00));
	REQ(CH_GET_BOOT_OPTIONS, (5, 0, 0),
	    (0x00, 0x01, 0x05, 0, 0, 0, 0, 0));
	/* ipmitool chassis bootdev pxe: set in progress, flags, complete. */
	REQ(CH_SET_BOOT_OPTIONS, (0, 1), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (0, 0, 0), (0x00, 0x01, 0x00, 0x01));
	REQ(CH_SET_BOOT_OPTIONS, (5, 0x80, 0x04, 0, 0, 0), (0x00));
	REQ(CH_SET_BOOT_OPTIONS, (0, 0), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (5, 0, 0),
	    (0x00, 0x01, 0x05, 0x80, 0x04, 0, 0, 0));
	/* Not persistent: the valid bit goes with the next power-on. */
	REQ(CH_CONTROL, (0), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (5, 0, 0),
	    (0x00, 0x01, 0x05, 0x80, 0x04, 0, 0, 0));
	REQ(CH_CONTROL, (1), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (5, 0, 0),
	    (0x00, 0x01, 0x05, 0x00, 0x04, 0, 0, 0));
	/* Persistent: stays through a cycle and a reset. */
	REQ(CH_SET_BOOT_OPTIONS, (5, 0xc0, 0x08, 0, 0, 0), (0x00));
	REQ(CH_CONTROL, (2), (0x00));
	REQ(CH_CONTROL, (3), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (5, 0, 0),
	    (0x00, 0x01, 0x05, 0xc0, 0x08, 0, 0, 0));
	/* Valid, not persistent: a reset clears it too. */
	REQ(CH_SET_BOOT_OPTIONS, (5, 0x80, 0x14, 0, 0, 0), (0x00));
	REQ(CH_CONTROL, (3), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (5, 0, 0),
	    (0x00, 0x01, 0x05, 0x00, 0x14, 0, 0, 0));

	/* Parameters 1..3: one byte each. */
	REQ(CH_SET_BOOT_OPTIONS, (1, 0x11), (0x00));
	REQ(CH_SET_BOOT_OPTIONS, (2, 0x22), (0x00));
	REQ(CH_SET_BOOT_OPTIONS, (3, 0x1f), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (1, 0, 0), (0x00, 0x01, 0x01, 0x11));
	REQ(CH_GET_BOOT_OPTIONS, (2, 0, 0), (0x00, 0x01, 0x02, 0x22));
	REQ(CH_GET_BOOT_OPTIONS, (3, 0, 0), (0x00, 0x01, 0x03, 0x1f));
	/* Parameter 4: the write mask applies. */
	REQ(CH_SET_BOOT_OPTIONS, (4, 0xff, 0x1e), (0x00));
	REQ(CH_SET_BOOT_OPTIONS, (4, 0x06, 0x04), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (4, 0, 0), (0x00, 0x01, 0x04, 0x00, 0x1c));
	/* Parameter 6: 9 bytes. */
	REQ(CH_SET_BOOT_OPTIONS, (6, 1, 2, 3, 4, 5, 6, 7, 8, 9), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (6, 0, 0),
	    (0x00, 0x01, 0x06, 1, 2, 3, 4, 5, 6, 7, 8, 9));
	/* Parameter 7: block selector and up to 16 bytes. */
	REQ(CH_SET_BOOT_OPTIONS, (7, 0, 0x57, 0x01, 0x00, 0xaa), (0x00));
	REQ(CH_SET_BOOT_OPTIONS, (7, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
				  12, 13, 14, 15, 16), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (7, 0, 0),
	    (0x00, 0x01, 0x07, 0, 0x57, 0x01, 0x00, 0xaa, 0, 0, 0, 0, 0, 0,
	     0, 0, 0, 0, 0, 0));
	REQ(CH_GET_BOOT_OPTIONS, (7, 0, 1),
	    (0x00, 0x01, 0x07, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
	     14, 15, 16));
	REQ(CH_GET_BOOT_OPTIONS, (7, 0, CH_MAILBOX_BLOCKS), (0xcc));
	REQ(CH_SET_BOOT_OPTIONS, (7, CH_MAILBOX_BLOCKS, 1), (0xcc));

	/* Marked invalid: bit 7 of the parameter selector. */
	REQ(CH_SET_BOOT_OPTIONS, (0x81), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (1, 0, 0), (0x00, 0x01, 0x81, 0x11));
	REQ(CH_SET_BOOT_OPTIONS, (0x01, 0x12), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (1, 0, 0), (0x00, 0x01, 0x01, 0x12));
	REQ(CH_SET_BOOT_OPTIONS, (0x85, 0, 0, 0, 0, 0), (0x00));
	REQ(CH_GET_BOOT_OPTIONS, (5, 0, 0),
	    (0x00, 0x01, 0x85, 0, 0, 0, 0, 0));

	/* Errors. */
	REQ0(CH_SET_BOOT_OPTIONS, (0xc7));
	REQ(CH_SET_BOOT_OPTIONS, (8, 0), (0x80));
	REQ(CH_SET_BOOT_OPTIONS, (0x7f, 0), (0x80));
	REQ(CH_GET_BOOT_OPTIONS, (8, 0, 0), (0x80));
	REQ(CH_GET_BOOT_OPTIONS, (100, 0, 0), (0x80));
	REQ(CH_SET_BOOT_OPTIONS, (0), (0xc7));
	REQ(CH_SET_BOOT_OPTIONS, (0, 1, 0), (0xc7));
	REQ(CH_SET_BOOT_OPTIONS, (0, 3), (0xcc));
	REQ(CH_SET_BOOT_OPTIONS, (1, 1, 1), (0xc7));
	REQ(CH_SET_BOOT_OPTIONS, (4, 1), (0xc7));
	REQ(CH_SET_BOOT_OPTIONS, (5, 0x80, 0, 0, 0), (0xc7));
	REQ(CH_SET_BOOT_OPTIONS, (5, 0x80, 0, 0, 0, 0, 0), (0xc7));
	REQ(CH_SET_BOOT_OPTIONS, (6, 1, 2, 3, 4, 5, 6, 7, 8), (0xc7));
	REQ(CH_SET_BOOT_OPTIONS, (7, 0), (0xc7));
	REQ(CH_SET_BOOT_OPTIONS, (7, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
				  12, 13, 14, 15, 16, 17), (0xc7));
	REQ(CH_GET_BOOT_OPTIONS, (5, 0), (0xc7));
	REQ(CH_GET_BOOT_OPTIONS, (5, 0, 0, 0), (0xc7));
	REQ0(CH_GET_BOOT_OPTIONS, (0xc7));
	/* Failed sets changed nothing. */
	REQ(CH_GET_BOOT_OPTIONS, (0, 0, 0), (0x00, 0x01, 0x00, 0x00));
}

static void test_state_file(void)
{
	struct chassis_state st2;
	char buf[2048], buf2[2048];
	size_t len;

	setup("");
	REQ(CH_SET_RESTORE_POLICY, (2), (0x00, 0x07));
	REQ(CH_SET_BOOT_OPTIONS, (5, 0xc0, 0x04, 0, 0, 0), (0x00));
	REQ(CH_SET_BOOT_OPTIONS, (3, 0x1f), (0x00));
	REQ(CH_SET_BOOT_OPTIONS, (4, 0xff, 0x0a), (0x00));
	REQ(CH_SET_BOOT_OPTIONS, (6, 9, 8, 7, 6, 5, 4, 3, 2, 1), (0x00));
	REQ(CH_SET_BOOT_OPTIONS, (7, 4, 0xde, 0xad), (0x00));
	REQ(CH_SET_BOOT_OPTIONS, (0x82), (0x00));
	len = chassis_state_format(&st, buf, sizeof(buf));
	CHECK(len < sizeof(buf) && len == strlen(buf));
	CHECK(strstr(buf, "\nrestore-policy 2\n") != NULL);
	CHECK(strstr(buf, "\nboot-flags c004000000\n") != NULL);
	CHECK(strstr(buf, "\nboot-invalid 04\n") != NULL);
	CHECK(strstr(buf, "\nboot-mailbox-4 dead0000000000000000000000000000\n")
	      != NULL);
	/* Too small a buffer: the length needed, like snprintf. */
	CHECK(chassis_state_format(&st, buf2, 10) == len);

	/* A restart: the same answers from the file. */
	chassis_init(&st2, &cfg, &ops);
	CHECK(chassis_state_parse(&st2, buf) == 0);
	st = st2;
	REQ0(CH_GET_STATUS, (0x00, 0x40, 0x00, 0x40));
	REQ(CH_GET_BOOT_OPTIONS, (5, 0, 0),
	    (0x00, 0x01, 0x05, 0xc0, 0x04, 0, 0, 0));
	REQ(CH_GET_BOOT_OPTIONS, (2, 0, 0), (0x00, 0x01, 0x82, 0x00));
	REQ(CH_GET_BOOT_OPTIONS, (3, 0, 0), (0x00, 0x01, 0x03, 0x1f));
	REQ(CH_GET_BOOT_OPTIONS, (4, 0, 0), (0x00, 0x01, 0x04, 0x00, 0x0a));
	REQ(CH_GET_BOOT_OPTIONS, (6, 0, 0),
	    (0x00, 0x01, 0x06, 9, 8, 7, 6, 5, 4, 3, 2, 1));
	REQ(CH_GET_BOOT_OPTIONS, (7, 0, 4),
	    (0x00, 0x01, 0x07, 4, 0xde, 0xad, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	     0, 0, 0, 0));
	CHECK(chassis_state_format(&st, buf2, sizeof(buf2)) == len);
	CHECK(!strcmp(buf, buf2));

	/* Bad files: the number of the first bad line. */
	chassis_init(&st2, &cfg, &ops);
	CHECK(chassis_state_parse(&st2, "# c\n\nrestore-policy 1\n") == 0);
	CHECK(st2.restore_policy == 1);
	CHECK(chassis_state_parse(&st2, "restore-policy 3\n") == 1);
	CHECK(chassis_state_parse(&st2, "# x\nboot-flags 0102\n") == 2);
	CHECK(chassis_state_parse(&st2, "boot-flags 01020304zz\n") == 1);
	CHECK(chassis_state_parse(&st2, "boot-mailbox-5 " "00000000000000000000000000000000\n") == 1);
	CHECK(chassis_state_parse(&st2, "power on\n") == 1);
	CHECK(chassis_state_parse(&st2, "restore-policy\n") == 1);
}

static int config_error(const char *text, const char *want)
{
	struct chassis_config c;
	char err[256] = "";
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	ret = chassis_config_load(&c, f, "x.conf", err, sizeof(err));
	fclose(f);
	if (!ret) {
		chassis_config_free(&c);
		return 0;
	}
	if (strcmp(err, want)) {
		fprintf(stderr, "config error \"%s\", want \"%s\"\n", err, want);
		return 0;
	}
	return 1;
}

static void test_config(void)
{
	setup("  # comment\n\n"
	      "power-on   =  gpioset gpiochip0 12=1; sleep 0.2; gpioset gpiochip0 12=0  \n"
	      "status = test \"$(gpioget gpiochip0 13)\" = 1 # not a comment\n"
	      "initial-power = on\n"
	      "state = /var/lib/ipmi-lan/chassis.state\n");
	CHECK(!strcmp(cfg.hook[CH_HOOK_POWER_ON],
		      "gpioset gpiochip0 12=1; sleep 0.2; gpioset gpiochip0 12=0"));
	CHECK(!strcmp(cfg.hook[CH_HOOK_STATUS],
		      "test \"$(gpioget gpiochip0 13)\" = 1 # not a comment"));
	CHECK(cfg.hook[CH_HOOK_POWER_OFF] == NULL);
	CHECK(cfg.initial_power);
	CHECK(!strcmp(cfg.state_path, "/var/lib/ipmi-lan/chassis.state"));
	CHECK(cfg.status_timeout_ms == CH_STATUS_TIMEOUT_MS);
	setup("initial-power = off\n");
	CHECK(!cfg.initial_power && !cfg.state_path);
	setup("status-timeout = 650\n");
	CHECK(cfg.status_timeout_ms == 650);
	setup("status-timeout = 10\nstate = s\n");
	CHECK(cfg.status_timeout_ms == 10);
	setup("status-timeout = 5000\n");
	CHECK(cfg.status_timeout_ms == 5000);
	CHECK(config_error("status-timeout = 9\n",
			   "x.conf:1: status-timeout \"9\": expected 10 to 5000 (ms)"));
	CHECK(config_error("status-timeout = 5001\n",
			   "x.conf:1: status-timeout \"5001\": expected 10 to 5000 (ms)"));
	CHECK(config_error("status-timeout = 300ms\n",
			   "x.conf:1: status-timeout \"300ms\": expected 10 to 5000 (ms)"));
	CHECK(config_error("status-timeout = -1\n",
			   "x.conf:1: status-timeout \"-1\": expected 10 to 5000 (ms)"));
	CHECK(config_error("status-timeout = 99999999999999999999\n",
			   "x.conf:1: status-timeout \"99999999999999999999\": expected 10 to 5000 (ms)"));
	CHECK(config_error("status-timeout = 100\nstatus-timeout = 200\n",
			   "x.conf:2: status-timeout given twice"));
	CHECK(config_error("state = a\nstate = b\n", "x.conf:2: state given twice"));

	CHECK(config_error("power-on = a\npower-of = b\n",
			   "x.conf:2: unknown key \"power-of\""));
	CHECK(config_error("# x\n\nhello\n",
			   "x.conf:3: expected \"key = value\""));
	CHECK(config_error("reset =\n", "x.conf:1: reset: empty command"));
	CHECK(config_error("initial-power = maybe\n",
			   "x.conf:1: initial-power \"maybe\": expected on or off"));
	CHECK(config_error("diag = a\ndiag = b\n", "x.conf:2: diag given twice"));
	CHECK(config_error("state =   \n", "x.conf:1: state: empty path"));
	CHECK(config_error("Power-On = a\n",
			   "x.conf:1: unknown key \"Power-On\""));
}

static FILE *str_file(const char *text)
{
	return fmemopen((void *)text, strlen(text), "r");
}

static int file_error(const char *text, const char *want)
{
	struct chassis_file cf;
	char err[256] = "";
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	ret = chassis_file_load(&cf, f, "x.conf", err, sizeof(err));
	fclose(f);
	if (!ret) {
		chassis_file_free(&cf);
		fprintf(stderr, "no error, want \"%s\"\n", want);
		return 0;
	}
	if (strcmp(err, want)) {
		fprintf(stderr, "file error \"%s\", want \"%s\"\n", err, want);
		return 0;
	}
	return 1;
}

static const char *hook_of(const struct chassis_config *c)
{
	return c ? c->hook[CH_HOOK_POWER_ON] : "(none)";
}

static void test_sections(void)
{
	static const char text[] =
		"power-on = bmc-on\n"
		"[target *]\n"
		"power-on = any %t\n"
		"[ target 0x01-0x7f ]\n"
		"power-on = low %d\n"
		"state = /var/lib/x/%x.state\n"
		"[target 0x72]\n"
		"power-on = relay %t %x %d %n 100%%\n"
		"status-timeout = 50\n"
		"[target 0x10-0x1f]\n"
		"power-on = mid %d\n";
	struct chassis_config out;
	struct chassis_file cf;
	char err[256];
	FILE *f;

	f = fmemopen((void *)text, strlen(text), "r");
	CHECK(!chassis_file_load(&cf, f, "t.conf", err, sizeof(err)));
	fclose(f);
	CHECK(cf.top_keys && cf.n_sec == 4);
	CHECK(!strcmp(cf.top.hook[CH_HOOK_POWER_ON], "bmc-on"));
	CHECK(!chassis_file_match(&cf, 0x20));		/* the BMC */
	CHECK(!strcmp(hook_of(chassis_file_match(&cf, 0x72)),
		      "relay %t %x %d %n 100%%"));
	CHECK(chassis_file_match(&cf, 0x72)->status_timeout_ms == 50);
	CHECK(!strcmp(hook_of(chassis_file_match(&cf, 0x01)), "low %d"));
	CHECK(!strcmp(hook_of(chassis_file_match(&cf, 0x15)), "mid %d"));
	CHECK(!strcmp(hook_of(chassis_file_match(&cf, 0x20)), "(none)"));
	CHECK(!strcmp(hook_of(chassis_file_match(&cf, 0x7f)), "low %d"));
	CHECK(!strcmp(hook_of(chassis_file_match(&cf, 0x80)), "any %t"));
	CHECK(!strcmp(hook_of(chassis_file_match(&cf, 0xff)), "any %t"));
	CHECK(chassis_file_match(&cf, 0x80)->status_timeout_ms ==
	      CH_STATUS_TIMEOUT_MS);

	/* Expanded for a target; the name is quoted for the shell. */
	CHECK(!chassis_config_expand(&out, chassis_file_match(&cf, 0x72), 0x72,
				     "it's"));
	CHECK(!strcmp(out.hook[CH_HOOK_POWER_ON],
		      "relay 0x72 72 114 'it'\\''s' 100%"));
	CHECK(out.status_timeout_ms == 50 && !out.state_path);
	chassis_config_free(&out);
	CHECK(!chassis_config_expand(&out, chassis_file_match(&cf, 0x72), 0x72,
				     ""));
	CHECK(!strcmp(out.hook[CH_HOOK_POWER_ON],
		      "relay 0x72 72 114 '0x72' 100%"));
	chassis_config_free(&out);
	CHECK(!chassis_config_expand(&out, chassis_file_match(&cf, 0x05), 0x05,
				     "n5"));
	CHECK(!strcmp(out.hook[CH_HOOK_POWER_ON], "low 5"));
	CHECK(!strcmp(out.state_path, "/var/lib/x/05.state"));
	chassis_config_free(&out);
	CHECK(!chassis_config_expand(&out, &cf.top, 0x20, NULL));
	CHECK(!strcmp(out.hook[CH_HOOK_POWER_ON], "bmc-on"));
	chassis_config_free(&out);
	chassis_file_free(&cf);

	/* Only sections: no key for the BMC. */
	f = str_file("# x\n[target 3]\nreset = r\n");
	CHECK(!chassis_file_load(&cf, f, "t.conf", err, sizeof(err)));
	fclose(f);
	CHECK(!cf.top_keys && cf.n_sec == 1);
	CHECK(chassis_file_match(&cf, 3) && !chassis_file_match(&cf, 4));
	chassis_file_free(&cf);

	CHECK(file_error("[target 0x20]\n",
			 "x.conf:1: 0x20 is the BMC itself, not a target"));
	static const char bad_header[] =
		"expected [target ADDR], [target LO-HI] or [target *] (1..255)";
	const char *bad[] = {
		"[target]\n", "[target 0]\n", "[target 0x100]\n", "[target 5-2]\n",
		"[target 1-]\n", "[target x]\n", "[bmc]\n", "[target 1\n",
		"[targets 1]\n", "[target -1]\n", "[target 1 2]\n",
	};
	unsigned int i;
	char want[256];

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(want, sizeof(want), "x.conf:1: %s", bad_header);
		CHECK(file_error(bad[i], want));
	}
	CHECK(file_error("[target 7]\n[target 0x07]\n",
			 "x.conf:2: target 0x07 has a section already"));
	CHECK(file_error("[target 1-9]\nstate = /s\n[target 10]\n",
			 "x.conf:1: state: a section for several targets needs %t, %x or %d in the path"));
	CHECK(file_error("[target *]\nreset = r\nstate = /s/%n\n",
			 "x.conf:3: state: %n is for commands, not paths"));
	CHECK(file_error("[target *]\nstate = /s\n",
			 "x.conf:1: state: a section for several targets needs %t, %x or %d in the path"));
	CHECK(file_error("reset = r %q\n",
			 "x.conf:1: reset: unknown %q (%t, %x, %d, %n or %%)"));
	CHECK(file_error("[target 9]\nreset = r %\n",
			 "x.conf:2: reset: % at the end"));
	CHECK(file_error("[target 9]\nreset = r\nreset = s\n",
			 "x.conf:3: reset given twice"));
	/* A key given in two sections is fine; of two as narrow, the first. */
	f = str_file("[target 9]\nreset = a\n[target 1-4]\nreset = b\n"
		     "[target 3-6]\nreset = c\n");
	CHECK(!chassis_file_load(&cf, f, "t.conf", err, sizeof(err)));
	fclose(f);
	CHECK(!strcmp(chassis_file_match(&cf, 3)->hook[CH_HOOK_RESET], "b"));
	CHECK(!strcmp(chassis_file_match(&cf, 5)->hook[CH_HOOK_RESET], "c"));
	CHECK(!strcmp(chassis_file_match(&cf, 9)->hook[CH_HOOK_RESET], "a"));
	chassis_file_free(&cf);
	/* The one-unit loader takes no sections. */
	CHECK(config_error("reset = a\n[target 9]\n",
			   "x.conf: target sections are not allowed here"));
}

int main(void)
{
	test_capabilities();
	test_unknown();
	test_control();
	test_control_unconfigured();
	test_faults();
	test_status_hook();
	test_identify();
	test_restore_policy();
	test_boot_options();
	test_state_file();
	test_config();
	test_sections();
	chassis_config_free(&cfg);
	printf("chassis-test: %d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
