// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl monitor [ help ]: the family's events (sessions and SoL
 * payloads coming and going) as they happen, one line each, until SIGINT
 * or SIGTERM.
 */
#include <inttypes.h>
#include <signal.h>
#include <sys/socket.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

void monitor_usage(FILE *f)
{
	fprintf(f,
		"Usage: " PROG " monitor [ help ]\n"
		"Prints each session and SoL event as it happens, one line each\n"
		"(with -j one JSON object each), until SIGINT or SIGTERM.\n");
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* enum ipmi_lan_event_kind: the words of the text line, the JSON name. */
static const struct {
	const char *text, *json;
} kinds[] = {
	[IPMI_LAN_EVENT_SESSION_UP]	= { "session up",	"session-up" },
	[IPMI_LAN_EVENT_SESSION_DOWN]	= { "session down",	"session-down" },
	[IPMI_LAN_EVENT_SOL_UP]		= { "sol up",		"sol-up" },
	[IPMI_LAN_EVENT_SOL_DOWN]	= { "sol down",		"sol-down" },
};

/* enum ipmi_lan_close_cause */
static const char *const causes[] = {
	[IPMI_LAN_CLOSE_UNKNOWN]	= "unknown",
	[IPMI_LAN_CLOSE_COMMAND]	= "close",
	[IPMI_LAN_CLOSE_TIMEOUT]	= "timeout",
	[IPMI_LAN_CLOSE_CONFIG]		= "config",
};

static struct nla_policy event_policy[IPMI_LAN_EVENT_A_MAX + 1] = {
	[IPMI_LAN_EVENT_A_KIND]		= { .type = NLA_U8 },
	[IPMI_LAN_EVENT_A_HANDLE]	= { .type = NLA_U8 },
	[IPMI_LAN_EVENT_A_USER_ID]	= { .type = NLA_U8 },
	[IPMI_LAN_EVENT_A_INSTANCE]	= { .type = NLA_U8 },
	[IPMI_LAN_EVENT_A_CAUSE]	= { .type = NLA_U8 },
	[IPMI_LAN_EVENT_A_PEER]		= { .minlen = sizeof(struct sockaddr_in) },
};

/*
 * One IPMI_LAN_CMD_EVENT, one line (a JSON object); an attribute the
 * kernel left out is left out here too. Flushed at once: the reader is
 * often a pipe.
 */
static int monitor_event(uint8_t cmd, struct nlattr **top, void *arg)
{
	struct nlattr *tb[IPMI_LAN_EVENT_A_MAX + 1];
	char peer[PEER_STRLEN], buf[16];
	const char *cause;
	unsigned int kind = 0, n;

	(void)arg;
	if (cmd != IPMI_LAN_CMD_EVENT)
		return 0;	/* not one this version knows to show */
	if (!top[IPMI_LAN_A_EVENT] ||
	    nla_parse_nested(tb, IPMI_LAN_EVENT_A_MAX, top[IPMI_LAN_A_EVENT],
			     event_policy) < 0 ||
	    (tb[IPMI_LAN_EVENT_A_PEER] &&
	     format_peer(tb[IPMI_LAN_EVENT_A_PEER], peer, sizeof(peer)) < 0)) {
		pr_err("monitor: malformed event from the kernel");
		return 0;
	}

	print_start();
	if (tb[IPMI_LAN_EVENT_A_KIND])
		kind = nla_get_u8(tb[IPMI_LAN_EVENT_A_KIND]);
	if (kind < ARRAY_SIZE(kinds) && kinds[kind].text) {
		print_string(PRINT_FP, NULL, "%s", kinds[kind].text);
		print_string(PRINT_JSON, "event", NULL, kinds[kind].json);
	} else {
		print_string(PRINT_FP, NULL, "%s", "event");
		print_string(PRINT_JSON, "event", NULL, "unknown");
		if (tb[IPMI_LAN_EVENT_A_KIND])
			print_u64(PRINT_ANY, "kind", " kind %" PRIu64, kind);
	}
	if (tb[IPMI_LAN_EVENT_A_INSTANCE])
		print_u64(PRINT_ANY, "instance", " instance %" PRIu64,
			  nla_get_u8(tb[IPMI_LAN_EVENT_A_INSTANCE]));
	if (tb[IPMI_LAN_EVENT_A_HANDLE])
		print_u64(PRINT_ANY, "handle", " handle %" PRIu64,
			  nla_get_u8(tb[IPMI_LAN_EVENT_A_HANDLE]));
	if (tb[IPMI_LAN_EVENT_A_USER_ID])
		print_u64(PRINT_ANY, "user_id", " user %" PRIu64,
			  nla_get_u8(tb[IPMI_LAN_EVENT_A_USER_ID]));
	if (tb[IPMI_LAN_EVENT_A_PEER])
		print_string(PRINT_ANY, "peer", " peer %s", peer);
	if (tb[IPMI_LAN_EVENT_A_CAUSE]) {
		n = nla_get_u8(tb[IPMI_LAN_EVENT_A_CAUSE]);
		if (n < ARRAY_SIZE(causes) && causes[n]) {
			cause = causes[n];
		} else {
			snprintf(buf, sizeof(buf), "%u", n);
			cause = buf;
		}
		print_string(PRINT_ANY, "cause", " cause %s", cause);
	}
	print_string(PRINT_FP, NULL, "%s", "\n");
	return print_end();
}

static int monitor_run(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block, wait_mask;
	int ret;

	/*
	 * SIGINT and SIGTERM are taken only while waiting for the socket:
	 * one that comes earlier waits its turn, and an event being
	 * printed is printed whole.
	 */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &wait_mask);
	sigdelset(&wait_mask, SIGINT);
	sigdelset(&wait_mask, SIGTERM);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	ret = ipmi_nl_join("monitor", IPMI_LAN_GENL_MCGRP_EVENTS);
	if (ret)
		return ret;
	return ipmi_nl_listen("monitor", monitor_event, NULL, &wait_mask,
			      &stop);
}

int cmd_monitor(int argc, char **argv)
{
	if (argc == 0)
		return monitor_run();
	if (is_help(argv[0])) {
		monitor_usage(stdout);
		return EXIT_OK;
	}
	return usage_error("monitor: unexpected argument \"%s\"; try \"" PROG " monitor help\"",
			   argv[0]);
}
