// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl: configure the ipmi_lan kernel module over generic netlink.
 *
 *   ipmi-lanctl [ OPTIONS ] OBJECT { COMMAND | help } [ ARGS ]
 *
 * Objects live in one file each and are dispatched from the table below.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

#ifndef VERSION
#define VERSION "0.1"
#endif

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: " PROG " [ OPTIONS ] OBJECT { COMMAND | help } [ ARGS ]\n"
		"       " PROG " [ OPTIONS ] { show | set SETTINGS | help }\n"
		"       " PROG " [ OPTIONS ] -b[atch] FILE [ -force ]\n"
		"OBJECT := { server | stats | user | channel | session | smi | forward |\n"
		"           target | chassis | sol | monitor }\n"
		"OPTIONS := { -j[son] | -p[retty] | -V[ersion] | -h[elp] }\n"
		"\n"
		"-batch runs the commands of FILE (\"-\": standard input), one a line\n"
		"(\"OBJECT COMMAND ARGS\", # comments), through one netlink socket, and\n"
		"stops at the first that fails unless -force is given.\n"
		"\n"
		"Shortcuts: \"show\" is \"server show\" then \"stats show\" (the default),\n"
		"\"set SETTINGS\" is \"server set SETTINGS\".\n"
		"\n");
	server_usage(f);
	fputc('\n', f);
	stats_usage(f);
	fputc('\n', f);
	user_usage(f);
	fputc('\n', f);
	channel_usage(f);
	fputc('\n', f);
	session_usage(f);
	fputc('\n', f);
	smi_usage(f);
	fputc('\n', f);
	forward_usage(f);
	fputc('\n', f);
	target_usage(f);
	fputc('\n', f);
	chassis_usage(f);
	fputc('\n', f);
	sol_usage(f);
	fputc('\n', f);
	monitor_usage(f);
}

bool is_help(const char *arg)
{
	return matches(arg, "help");
}

int usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pr_verr(fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

/* "show": the server and its counters, one JSON object with both. */
static int cmd_show(int argc, char **argv)
{
	struct server_info server;
	struct stats_info stats;
	int ret;

	if (argc > 0) {
		if (is_help(argv[0])) {
			usage(stdout);
			return EXIT_OK;
		}
		return usage_error("show: unexpected argument \"%s\"", argv[0]);
	}

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	ret = server_get(&server);
	if (ret)
		return ret;
	ret = stats_get(&stats);
	if (ret)
		return ret;

	print_start();
	open_json_object("server");
	server_print(&server);
	close_json_object();
	open_json_object("stats");
	stats_print(&stats);
	close_json_object();
	stats_free(&stats);
	return print_end();
}

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	usage(stdout);
	return EXIT_OK;
}

static const struct object {
	const char *name;
	int (*fn)(int argc, char **argv);
} objects[] = {
	{ "server",	cmd_server },
	{ "stats",	cmd_stats },
	{ "user",	cmd_user },
	{ "channel",	cmd_channel },
	{ "session",	cmd_session },
	{ "smi",	cmd_smi },
	{ "forward",	cmd_forward },
	{ "target",	cmd_target },
	{ "chassis",	cmd_chassis },
	{ "sol",	cmd_sol },
	{ "monitor",	cmd_monitor },
	{ "show",	cmd_show },
	{ "set",	server_set },	/* "set ARGS" is "server set ARGS" */
	{ "help",	cmd_help },
	{ NULL, NULL }
};

static const struct option long_options[] = {
	{ "json",	no_argument,	NULL, 'j' },
	{ "pretty",	no_argument,	NULL, 'p' },
	{ "version",	no_argument,	NULL, 'V' },
	{ "help",	no_argument,	NULL, 'h' },
	{ "batch",	required_argument, NULL, 'b' },
	{ "force",	no_argument,	NULL, 'f' },
	{ NULL, 0, NULL, 0 }
};

/* One command line, OBJECT COMMAND ARGS (also each line of a batch). */
static int dispatch(int argc, char **argv)
{
	const struct object *o;

	if (argc == 0)
		return cmd_show(0, argv);
	for (o = objects; o->name; o++) {
		if (matches(argv[0], o->name))
			break;
	}
	if (!o->name)
		return usage_error("unknown object \"%s\"; try \"" PROG " help\"",
				   argv[0]);
	return o->fn(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	bool json = false, pretty = false, force = false;
	const char *batch = NULL;
	int c, ret;

	/* ip's spelling: -json, -batch FILE, -force (and --json, -j). */
	opterr = 0;
	while ((c = getopt_long_only(argc, argv, "+:jpVhb:f", long_options,
				     NULL)) != -1) {
		switch (c) {
		case 'b':
			batch = optarg;
			break;
		case 'f':
			force = true;
			break;
		case 'j':
			json = true;
			break;
		case 'p':
			json = true;
			pretty = true;
			break;
		case 'V':
			printf(PROG " " VERSION " (netlink family \"%s\" version %d)\n",
			       IPMI_LAN_GENL_NAME, IPMI_LAN_GENL_VERSION);
			return EXIT_OK;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case ':':
			return usage_error("option \"%s\" needs a value",
					   argv[optind - 1]);
		default:
			if (optopt)
				return usage_error("unknown option \"-%c\"; try \"" PROG " help\"",
						   optopt);
			return usage_error("unknown option \"%s\"; try \"" PROG " help\"",
					   argv[optind - 1]);
		}
	}
	argc -= optind;
	argv += optind;
	print_init(json, pretty);

	if (batch) {
		if (argc > 0)
			return usage_error("-batch: unexpected argument \"%s\"",
					   argv[0]);
		ret = batch_run(batch, force, dispatch);
	} else {
		if (force)
			return usage_error("-force is for -batch");
		ret = dispatch(argc, argv);
	}
	ipmi_nl_close();
	return ret;
}
