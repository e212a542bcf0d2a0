// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl forward { show | add | del | help }: which LAN requests the
 * module hands to the programs on /dev/ipmiN.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

void forward_usage(FILE *f)
{
	fprintf(f,
		"Usage: " PROG " forward { show | help }\n"
		"       " PROG " forward add netfn NETFN [ cmd CMD ] [ privilege LEVEL ]\n"
		"                            [ target ADDR ]\n"
		"       " PROG " forward del netfn NETFN [ cmd CMD ] [ target ADDR ]\n"
		"NETFN := { chassis | bridge | sensor | app | firmware | storage |\n"
		"           transport | group | oem | 0..0x3e, even }\n"
		"CMD := 0..255 (decimal or 0x hex); without it, every command of NETFN\n"
		"LEVEL := { callback | user | operator | administrator | oem }\n"
		"ADDR := a bridged target's table (1..255, see \"" PROG " target help\");\n"
		"        without it (or 0x20), the server's own\n");
}

/* GET_FORWARD */

struct forward_info {
	uint8_t netfn, cmd, privilege;
	bool all, owned;
	bool has_target;	/* a bridged target's entry */
	uint8_t target;
};

struct forward_list {
	struct forward_info *entries;
	unsigned int n;
};

static struct nla_policy forward_policy[IPMI_LAN_FORWARD_A_MAX + 1] = {
	[IPMI_LAN_FORWARD_A_NETFN]	= { .type = NLA_U8 },
	[IPMI_LAN_FORWARD_A_CMD]	= { .type = NLA_U8 },
	[IPMI_LAN_FORWARD_A_PRIVILEGE]	= { .type = NLA_U8 },
	[IPMI_LAN_FORWARD_A_OWNED]	= { .type = NLA_U8 },
	[IPMI_LAN_FORWARD_A_TARGET]	= { .type = NLA_U8 },
};

static int forward_reply(struct nlattr **tb, void *arg)
{
	struct nlattr *ftb[IPMI_LAN_FORWARD_A_MAX + 1];
	struct forward_list *list = arg;
	struct forward_info *e;

	e = realloc(list->entries, (list->n + 1) * sizeof(*e));
	if (!e)
		return -ENOMEM;
	list->entries = e;
	e += list->n;
	if (!tb[IPMI_LAN_A_FORWARD] ||
	    nla_parse_nested(ftb, IPMI_LAN_FORWARD_A_MAX, tb[IPMI_LAN_A_FORWARD],
			     forward_policy) < 0 ||
	    !ftb[IPMI_LAN_FORWARD_A_NETFN] || !ftb[IPMI_LAN_FORWARD_A_PRIVILEGE])
		return -EINVAL;
	e->netfn = nla_get_u8(ftb[IPMI_LAN_FORWARD_A_NETFN]);
	e->all = !ftb[IPMI_LAN_FORWARD_A_CMD];
	e->cmd = e->all ? 0 : nla_get_u8(ftb[IPMI_LAN_FORWARD_A_CMD]);
	e->privilege = nla_get_u8(ftb[IPMI_LAN_FORWARD_A_PRIVILEGE]);
	e->owned = ftb[IPMI_LAN_FORWARD_A_OWNED] &&
		   nla_get_u8(ftb[IPMI_LAN_FORWARD_A_OWNED]);
	e->has_target = ftb[IPMI_LAN_FORWARD_A_TARGET];
	e->target = e->has_target ?
		    nla_get_u8(ftb[IPMI_LAN_FORWARD_A_TARGET]) : 0;
	list->n++;
	return 0;
}

static void forward_list_reset(void *arg)
{
	struct forward_list *list = arg;

	free(list->entries);
	list->entries = NULL;
	list->n = 0;
}

/*
 * The same words "forward add" takes: "netfn chassis cmd 0x02 ...", and
 * "target 0x72" for a bridged target's entry; "target" is the last key
 * in JSON, there only for a target's entry.
 */
static void forward_print(const struct forward_info *e)
{
	const char *name = netfn_name(e->netfn);
	char buf[16];

	if (!name) {
		snprintf(buf, sizeof(buf), "0x%02x", e->netfn);
		name = buf;
	}
	print_string(PRINT_FP, NULL, "netfn %s", name);
	print_u64(PRINT_JSON, "netfn", NULL, e->netfn);
	if (e->all) {
		print_null(PRINT_ANY, "cmd", " cmd %s", "*");
	} else {
		snprintf(buf, sizeof(buf), "0x%02x", e->cmd);
		print_string(PRINT_FP, NULL, " cmd %s", buf);
		print_u64(PRINT_JSON, "cmd", NULL, e->cmd);
	}
	print_string(PRINT_ANY, "privilege", " privilege %s",
		     privilege_name(e->privilege, buf, sizeof(buf)));
	print_bool(PRINT_JSON, "owned", NULL, e->owned);
	if (e->has_target) {
		snprintf(buf, sizeof(buf), "0x%02x", e->target);
		print_string(PRINT_FP, NULL, " target %s", buf);
		print_u64(PRINT_JSON, "target", NULL, e->target);
	}
	print_string(PRINT_FP, NULL, "%s\n", e->owned ? " owned" : "");
}

static int forward_show(int argc, char **argv)
{
	struct forward_list list = { NULL, 0 };
	unsigned int i;
	int ret;

	if (argc > 0) {
		if (is_help(argv[0])) {
			forward_usage(stdout);
			return EXIT_OK;
		}
		return usage_error("forward show: unexpected argument \"%s\"",
				   argv[0]);
	}

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	ret = ipmi_nl_dump(IPMI_LAN_CMD_GET_FORWARD, "forward show",
			   forward_reply, forward_list_reset, &list);
	if (!ret) {
		print_start_array();
		for (i = 0; i < list.n; i++) {
			open_json_object(NULL);
			forward_print(&list.entries[i]);
			close_json_object();
		}
		ret = print_end();
	}
	forward_list_reset(&list);
	return ret;
}

/* ADD_FORWARD, DEL_FORWARD */

struct forward_args {
	bool has_netfn, has_cmd, has_target;
	uint8_t netfn, cmd, target;
	int privilege;		/* 0: the kernel's default */
};

static int forward_parse(const char *what, bool add, int argc, char **argv,
			 struct forward_args *fa)
{
	const char *key, *val;
	uint32_t v;

	for (; argc > 0; argc -= 2, argv += 2) {
		key = argv[0];
		if (!matches(key, "netfn") && !matches(key, "cmd") &&
		    !matches(key, "target") &&
		    !(add && matches(key, "privilege")))
			return usage_error("%s: unknown argument \"%s\"; try \"" PROG " forward help\"",
					   what, key);
		if (argc < 2)
			return usage_error("%s: %s: missing value", what, key);
		val = argv[1];
		if (matches(key, "netfn")) {
			if (fa->has_netfn)
				return usage_error("%s: netfn given twice", what);
			if (parse_netfn(val, &fa->netfn))
				return usage_error("%s: netfn \"%s\": expected a name or an even number in 0..0x3e",
						   what, val);
			fa->has_netfn = true;
		} else if (matches(key, "cmd")) {
			if (fa->has_cmd)
				return usage_error("%s: cmd given twice", what);
			if (parse_uint(val, true, 0, 255, &v))
				return usage_error("%s: cmd \"%s\": expected a number in 0..255 (decimal or 0x hex)",
						   what, val);
			fa->cmd = v;
			fa->has_cmd = true;
		} else if (matches(key, "target")) {
			if (fa->has_target)
				return usage_error("%s: target given twice",
						   what);
			if (parse_target_addr(what, val, true, &fa->target))
				return EXIT_USAGE;
			fa->has_target = true;
		} else {
			if (fa->privilege)
				return usage_error("%s: privilege given twice",
						   what);
			fa->privilege = parse_privilege(val, false);
			if (fa->privilege < 0) {
				fa->privilege = 0;
				return usage_error("%s: privilege \"%s\": expected callback, user, operator, administrator or oem",
						   what, val);
			}
		}
	}
	if (!fa->has_netfn)
		return usage_error("%s: netfn is required", what);
	return EXIT_OK;
}

static int forward_change(bool add, int argc, char **argv)
{
	const char *what = add ? "forward add" : "forward del";
	struct forward_args fa = { 0 };
	struct nlattr *nest;
	struct nl_msg *msg;
	int i, ret;

	for (i = 0; i < argc; i += 2) {		/* keyword positions */
		if (is_help(argv[i])) {
			forward_usage(stdout);
			return EXIT_OK;
		}
	}
	ret = forward_parse(what, add, argc, argv, &fa);
	if (ret)
		return ret;

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	msg = ipmi_nl_request(add ? IPMI_LAN_CMD_ADD_FORWARD :
				    IPMI_LAN_CMD_DEL_FORWARD);
	if (!msg)
		return EXIT_NETLINK;
	nest = ipmi_nl_nest_start(msg, IPMI_LAN_A_FORWARD);
	if (!nest || nla_put_u8(msg, IPMI_LAN_FORWARD_A_NETFN, fa.netfn) < 0 ||
	    (fa.has_cmd &&
	     nla_put_u8(msg, IPMI_LAN_FORWARD_A_CMD, fa.cmd) < 0) ||
	    (fa.privilege &&
	     nla_put_u8(msg, IPMI_LAN_FORWARD_A_PRIVILEGE, fa.privilege) < 0) ||
	    /* 0x20 is the server's own table, as without it */
	    (fa.has_target && fa.target != IPMI_LAN_BMC_ADDR &&
	     nla_put_u8(msg, IPMI_LAN_FORWARD_A_TARGET, fa.target) < 0)) {
		ipmi_nl_free(msg);
		pr_err("out of memory");
		return EXIT_NETLINK;
	}
	nla_nest_end(msg, nest);
	return ipmi_nl_do(msg, what, NULL, NULL);
}

int cmd_forward(int argc, char **argv)
{
	if (argc == 0)
		return forward_show(0, argv);
	if (matches(argv[0], "show"))
		return forward_show(argc - 1, argv + 1);
	if (matches(argv[0], "add"))
		return forward_change(true, argc - 1, argv + 1);
	if (matches(argv[0], "del"))
		return forward_change(false, argc - 1, argv + 1);
	if (is_help(argv[0])) {
		forward_usage(stdout);
		return EXIT_OK;
	}
	return usage_error("unknown forward command \"%s\"; try \"" PROG " forward help\"",
			   argv[0]);
}
