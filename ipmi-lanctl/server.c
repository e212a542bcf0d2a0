// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl server { show | set SETTINGS | help }
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

void server_usage(FILE *f)
{
	fprintf(f,
		"Usage: " PROG " server { show | help }\n"
		"       " PROG " server set SETTING [ SETTING ... ]\n"
		"SETTING := { enabled { on | off } | port PORT | address ADDR | IDENTITY |\n"
		"             forward-timeout MS }\n"
		"PORT := 1..65535    MS := 50..10000 (milliseconds)\n"
		"ADDR := { IPV4-ADDRESS | IPV6-ADDRESS | any }\n");
	identity_usage(f);
	fprintf(f,
		"Each setting at most once; address up to twice, once per family.\n"
		"Any address replaces the whole listen set; \"any\" is 0.0.0.0 and ::.\n");
}

/* GET_SERVER */

static struct nla_policy listen_policy[IPMI_LAN_LISTEN_A_MAX + 1] = {
	[IPMI_LAN_LISTEN_A_V4]	= { .minlen = 4, .maxlen = 4 },
	[IPMI_LAN_LISTEN_A_V6]	= { .minlen = 16, .maxlen = 16 },
};

/* The system interface, each attribute optional (older kernels). */
static void server_smi(struct nlattr **tb, struct server_info *info)
{
	struct nlattr *a;

	a = tb[IPMI_LAN_A_SMI_IF_NUM];
	info->has_smi_if_num = a;
	if (a)
		info->smi_if_num = nla_get_u32(a);
	a = tb[IPMI_LAN_A_FORWARD_TIMEOUT];
	info->has_forward_timeout = a;
	if (a)
		info->forward_timeout = nla_get_u32(a);
}

static int server_reply(struct nlattr **tb, void *arg)
{
	struct nlattr *ltb[IPMI_LAN_LISTEN_A_MAX + 1];
	struct server_info *info = arg;

	if (!tb[IPMI_LAN_A_SERVER_ENABLED] || !tb[IPMI_LAN_A_SERVER_PORT] ||
	    !tb[IPMI_LAN_A_SERVER_LISTENING])
		return -EINVAL;

	info->enabled = nla_get_u8(tb[IPMI_LAN_A_SERVER_ENABLED]);
	info->port = nla_get_u16(tb[IPMI_LAN_A_SERVER_PORT]);
	info->listening = nla_get_u8(tb[IPMI_LAN_A_SERVER_LISTENING]);
	identity_read(tb, &info->id);
	server_smi(tb, info);

	if (!tb[IPMI_LAN_A_SERVER_LISTEN])
		return 0;
	if (nla_parse_nested(ltb, IPMI_LAN_LISTEN_A_MAX,
			     tb[IPMI_LAN_A_SERVER_LISTEN], listen_policy) < 0)
		return -EINVAL;
	if (ltb[IPMI_LAN_LISTEN_A_V4]) {
		info->has_v4 = true;
		memcpy(&info->v4, nla_data(ltb[IPMI_LAN_LISTEN_A_V4]), 4);
	}
	if (ltb[IPMI_LAN_LISTEN_A_V6]) {
		info->has_v6 = true;
		memcpy(&info->v6, nla_data(ltb[IPMI_LAN_LISTEN_A_V6]), 16);
	}
	return 0;
}

int server_get(struct server_info *info)
{
	struct nl_msg *msg;

	memset(info, 0, sizeof(*info));
	msg = ipmi_nl_request(IPMI_LAN_CMD_GET_SERVER);
	if (!msg)
		return EXIT_NETLINK;
	return ipmi_nl_do(msg, "server show", server_reply, info);
}

/* "smi none" is also what a kernel without a system interface shows. */
static void server_print_smi(const struct server_info *info)
{
	char buf[32];

	if (info->has_smi_if_num) {
		snprintf(buf, sizeof(buf), "/dev/ipmi%" PRIu32, info->smi_if_num);
		print_string(PRINT_FP, NULL, "  smi %s\n", buf);
		print_u64(PRINT_JSON, "smi_if_num", NULL, info->smi_if_num);
	} else {
		print_null(PRINT_ANY, "smi_if_num", "  smi %s\n", "none");
	}
	if (info->has_forward_timeout)
		print_u64(PRINT_ANY, "forward_timeout_ms",
			  "  forward-timeout %" PRIu64 "\n",
			  info->forward_timeout);
}

void server_print(const struct server_info *info)
{
	char buf[INET6_ADDRSTRLEN];

	print_string(PRINT_FP, NULL, "server: %s",
		     info->enabled ? "enabled" : "disabled");
	print_string(PRINT_FP, NULL, ", %s\n",
		     info->listening ? "listening" : "not listening");
	print_bool(PRINT_JSON, "enabled", NULL, info->enabled);
	print_bool(PRINT_JSON, "listening", NULL, info->listening);
	print_u64(PRINT_ANY, "port", "  port: %" PRIu64 "\n", info->port);

	open_json_array("addresses");
	if (info->has_v4)
		print_string(PRINT_ANY, NULL, "  address: %s\n",
			     inet_ntop(AF_INET, &info->v4, buf, sizeof(buf)));
	if (info->has_v6)
		print_string(PRINT_ANY, NULL, "  address: %s\n",
			     inet_ntop(AF_INET6, &info->v6, buf, sizeof(buf)));
	close_json_array();
	identity_print(&info->id, false);
	server_print_smi(info);
}

static int server_show(int argc, char **argv)
{
	struct server_info info;
	int ret;

	if (argc > 0) {
		if (is_help(argv[0])) {
			server_usage(stdout);
			return EXIT_OK;
		}
		return usage_error("server show: unexpected argument \"%s\"",
				   argv[0]);
	}

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	ret = server_get(&info);
	if (ret)
		return ret;
	print_start();
	server_print(&info);
	return print_end();
}

/* SET_SERVER */

struct server_settings {
	int enabled;		/* -1: unchanged */
	uint32_t port;		/* 0: unchanged */
	bool has_v4, has_v6;	/* either: replace the listen set */
	struct in_addr v4;
	struct in6_addr v6;
	struct identity_settings id;
	uint32_t forward_timeout;	/* 0: unchanged */
};

static int parse_port(const char *s, uint32_t *port)
{
	unsigned long v;
	char *end;

	if (!isdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < 1 || v > 65535)
		return -1;
	*port = v;
	return 0;
}

static int parse_address(struct server_settings *set, const char *s)
{
	struct in6_addr a6;
	struct in_addr a4;
	bool v4 = false, v6 = false;

	if (!strcmp(s, "any")) {
		v4 = true;
		v6 = true;
		a4.s_addr = htonl(INADDR_ANY);
		a6 = in6addr_any;
	} else if (inet_pton(AF_INET, s, &a4) == 1) {
		v4 = true;
	} else if (inet_pton(AF_INET6, s, &a6) == 1) {
		/* Which unicast addresses are usable is the kernel's call. */
		v6 = true;
	} else {
		return usage_error("server set: address \"%s\" is not an IPv4 or IPv6 address (or \"any\")",
				   s);
	}

	if ((v4 && set->has_v4) || (v6 && set->has_v6))
		return usage_error("server set: more than one %s address given",
				   v4 && set->has_v4 ? "IPv4" : "IPv6");
	if (v4) {
		set->has_v4 = true;
		set->v4 = a4;
	}
	if (v6) {
		set->has_v6 = true;
		set->v6 = a6;
	}
	return EXIT_OK;
}

static int parse_enabled(struct server_settings *set, const char *val)
{
	if (set->enabled >= 0)
		return usage_error("server set: enabled given twice");
	set->enabled = parse_on_off(val);
	if (set->enabled < 0)
		return usage_error("server set: enabled \"%s\": expected on or off",
				   val);
	return EXIT_OK;
}

static int parse_forward_timeout(struct server_settings *set, const char *val)
{
	if (set->forward_timeout)
		return usage_error("server set: forward-timeout given twice");
	if (parse_uint(val, false, IPMI_LAN_FORWARD_TIMEOUT_MIN,
		       IPMI_LAN_FORWARD_TIMEOUT_MAX, &set->forward_timeout))
		return usage_error("server set: forward-timeout \"%s\": expected milliseconds in %d..%d",
				   val, IPMI_LAN_FORWARD_TIMEOUT_MIN,
				   IPMI_LAN_FORWARD_TIMEOUT_MAX);
	return EXIT_OK;
}

static int server_set_parse(struct server_settings *set, int argc, char **argv)
{
	const char *key, *val;
	int ret;

	if (argc == 0)
		return usage_error("server set: nothing to set; try \"" PROG " server help\"");

	for (; argc > 0; argc -= 2, argv += 2) {
		key = argv[0];
		if (!matches(key, "enabled") && !matches(key, "port") &&
		    !matches(key, "address") && !is_identity(key) &&
		    !matches(key, "forward-timeout"))
			return usage_error("server set: unknown setting \"%s\"; try \"" PROG " server help\"",
					   key);
		if (argc < 2)
			return usage_error("server set: %s: missing value", key);
		val = argv[1];

		if (matches(key, "enabled")) {
			ret = parse_enabled(set, val);
		} else if (matches(key, "port")) {
			if (set->port)
				return usage_error("server set: port given twice");
			ret = EXIT_OK;
			if (parse_port(val, &set->port))
				ret = usage_error("server set: port \"%s\": expected a number in 1..65535",
						  val);
		} else if (matches(key, "address")) {
			ret = parse_address(set, val);
		} else if (matches(key, "forward-timeout")) {
			ret = parse_forward_timeout(set, val);
		} else {
			ret = identity_parse(&set->id, "server set", key,
					     val);
		}
		if (ret)
			return ret;
	}
	return EXIT_OK;
}

int server_set(int argc, char **argv)
{
	struct server_settings set = { .enabled = -1 };
	struct nlattr *nest;
	struct nl_msg *msg;
	int i, ret;

	for (i = 0; i < argc; i += 2) {		/* keyword positions */
		if (is_help(argv[i])) {
			server_usage(stdout);
			return EXIT_OK;
		}
	}
	ret = server_set_parse(&set, argc, argv);
	if (ret)
		return ret;

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	msg = ipmi_nl_request(IPMI_LAN_CMD_SET_SERVER);
	if (!msg)
		return EXIT_NETLINK;

	if (set.enabled >= 0 &&
	    nla_put_u8(msg, IPMI_LAN_A_SERVER_ENABLED, set.enabled) < 0)
		goto nomem;
	if (set.port && nla_put_u16(msg, IPMI_LAN_A_SERVER_PORT, set.port) < 0)
		goto nomem;
	if (set.has_v4 || set.has_v6) {
		nest = ipmi_nl_nest_start(msg, IPMI_LAN_A_SERVER_LISTEN);
		if (!nest)
			goto nomem;
		if (set.has_v4 &&
		    nla_put(msg, IPMI_LAN_LISTEN_A_V4, 4, &set.v4) < 0)
			goto nomem;
		if (set.has_v6 &&
		    nla_put(msg, IPMI_LAN_LISTEN_A_V6, 16, &set.v6) < 0)
			goto nomem;
		nla_nest_end(msg, nest);
	}
	if (identity_put(msg, &set.id) < 0)
		goto nomem;
	if (set.forward_timeout &&
	    nla_put_u32(msg, IPMI_LAN_A_FORWARD_TIMEOUT,
			set.forward_timeout) < 0)
		goto nomem;
	return ipmi_nl_do(msg, "server set", NULL, NULL);

nomem:
	ipmi_nl_free(msg);
	pr_err("out of memory");
	return EXIT_NETLINK;
}

int cmd_server(int argc, char **argv)
{
	if (argc == 0)
		return server_show(0, argv);
	if (matches(argv[0], "show"))
		return server_show(argc - 1, argv + 1);
	if (matches(argv[0], "set"))
		return server_set(argc - 1, argv + 1);
	if (is_help(argv[0])) {
		server_usage(stdout);
		return EXIT_OK;
	}
	return usage_error("unknown server command \"%s\"; try \"" PROG " server help\"",
			   argv[0]);
}
