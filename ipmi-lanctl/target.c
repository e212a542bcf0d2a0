// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl target { show [ ADDR ] | add ADDR ... | set ADDR ... |
 *                      del ADDR | help }
 *
 * The bridged targets: controllers behind the server that a LAN console
 * reaches with Send Message ("ipmitool -t ADDR"), each a system interface
 * of its own (/dev/ipmiN) with its own forward table and identity.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

void target_usage(FILE *f)
{
	fprintf(f,
		"Usage: " PROG " target show [ ADDR ]\n"
		"       " PROG " target add ADDR [ TARGET-SETTING ... ]\n"
		"       " PROG " target set ADDR TARGET-SETTING [ TARGET-SETTING ... ]\n"
		"       " PROG " target del ADDR\n"
		"TARGET-SETTING := { name NAME | via TRANSIT channel N | via none |\n"
		"                    IDENTITY }\n"
		"ADDR := 1..255 but 0x20 (the BMC itself), decimal or 0x hex\n"
		"NAME := 1..31 printable ASCII characters, no spaces\n"
		"TRANSIT := the target (on channel 0) this one is behind, on its\n"
		"           channel N (0..11): ipmitool -T TRANSIT -b N -t ADDR\n");
	identity_usage(f);
	fprintf(f,
		"Each setting at most once. What \"target add\" leaves out of the identity\n"
		"is the server's, with device-id 0 and a random guid.\n");
}

/* GET_TARGET */

struct target_list {
	struct target_info *targets;
	unsigned int n;
};

static struct nla_policy target_policy[IPMI_LAN_TARGET_A_MAX + 1] = {
	[IPMI_LAN_TARGET_A_ADDR]	= { .type = NLA_U8 },
	[IPMI_LAN_TARGET_A_NAME]	= { .type = NLA_STRING,
					    .maxlen = IPMI_LAN_TARGET_NAME_LEN },
	[IPMI_LAN_TARGET_A_IDENTITY]	= { .type = NLA_NESTED },
	[IPMI_LAN_TARGET_A_IF_NUM]	= { .type = NLA_U32 },
	[IPMI_LAN_TARGET_A_STATS]	= { .type = NLA_NESTED },
	[IPMI_LAN_TARGET_A_VIA]		= { .type = NLA_U8 },
	[IPMI_LAN_TARGET_A_VIA_CHANNEL]	= { .type = NLA_U8 },
};

int target_parse_nest(struct nlattr *nest, struct target_info *t)
{
	struct nlattr *tb[IPMI_LAN_TARGET_A_MAX + 1];
	struct nlattr *idtb[IPMI_LAN_A_MAX + 1];
	struct nlattr *a;

	if (!nest || nla_parse_nested(tb, IPMI_LAN_TARGET_A_MAX, nest,
				      target_policy) < 0 ||
	    !tb[IPMI_LAN_TARGET_A_ADDR])
		return -EINVAL;

	memset(t, 0, sizeof(*t));
	t->addr = nla_get_u8(tb[IPMI_LAN_TARGET_A_ADDR]);
	a = tb[IPMI_LAN_TARGET_A_NAME];
	if (a) {
		memcpy(t->name, nla_data(a), nla_len(a));
		t->name[sizeof(t->name) - 1] = '\0';
	}
	a = tb[IPMI_LAN_TARGET_A_IF_NUM];
	t->has_if_num = a;
	if (a)
		t->if_num = nla_get_u32(a);
	if (tb[IPMI_LAN_TARGET_A_VIA])
		t->via = nla_get_u8(tb[IPMI_LAN_TARGET_A_VIA]);
	if (tb[IPMI_LAN_TARGET_A_VIA_CHANNEL])
		t->via_channel = nla_get_u8(tb[IPMI_LAN_TARGET_A_VIA_CHANNEL]);
	a = tb[IPMI_LAN_TARGET_A_IDENTITY];
	if (a) {
		if (ipmi_nl_parse_attrs(idtb, a) < 0)
			return -EINVAL;
		identity_read(idtb, &t->id);
	}
	a = tb[IPMI_LAN_TARGET_A_STATS];
	if (a && fwd_stats_parse(a, &t->stats) < 0)
		return -EINVAL;
	return 0;
}

static int target_reply(struct nlattr **tb, void *arg)
{
	struct target_list *list = arg;
	struct target_info *t;

	t = realloc(list->targets, (list->n + 1) * sizeof(*t));
	if (!t)
		return -ENOMEM;
	list->targets = t;
	if (target_parse_nest(tb[IPMI_LAN_A_TARGET], &t[list->n]) < 0)
		return -EINVAL;
	list->n++;
	return 0;
}

static void target_list_reset(void *arg)
{
	struct target_list *list = arg;

	free(list->targets);
	list->targets = NULL;
	list->n = 0;
}

static int target_cmp(const void *a, const void *b)
{
	const struct target_info *x = a, *y = b;

	return x->addr - y->addr;
}

/*
 * One target: a line in the words "target add" takes (and its device),
 * then its counters on an indented line; in JSON, the fields of the
 * object the caller has opened.
 */
static void target_print(const struct target_info *t)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "0x%02x", t->addr);
	print_string(PRINT_FP, NULL, "target %s", buf);
	print_u64(PRINT_JSON, "addr", NULL, t->addr);
	if (t->name[0])
		print_string(PRINT_ANY, "name", " name %s", t->name);
	else
		print_null(PRINT_JSON, "name", NULL, NULL);
	if (t->has_if_num) {
		print_u64(PRINT_JSON, "if_num", NULL, t->if_num);
		snprintf(buf, sizeof(buf), "/dev/ipmi%" PRIu32, t->if_num);
		print_string(PRINT_ANY, "device", " dev %s", buf);
	} else {
		print_null(PRINT_JSON, "if_num", NULL, NULL);
		print_null(PRINT_ANY, "device", " dev %s", "none");
	}
	if (t->via) {
		snprintf(buf, sizeof(buf), "0x%02x", t->via);
		print_string(PRINT_FP, NULL, " via %s", buf);
		print_u64(PRINT_JSON, "via", NULL, t->via);
		print_u64(PRINT_ANY, "via_channel", " channel %" PRIu64,
			  t->via_channel);
	}
	identity_print(&t->id, true);
	print_string(PRINT_FP, NULL, "%s", "\n");
	open_json_object("stats");
	fwd_stats_print(&t->stats, true);
	close_json_object();
}

/* ADD_TARGET, SET_TARGET */

struct target_settings {
	const char *cmd;	/* "target add" or "target set" */
	const char *name;
	bool has_via, has_channel;
	uint8_t via, channel;	/* via 0: "via none" */
	struct identity_settings id;
};

/*
 * A request for cmd carrying IPMI_LAN_A_TARGET with the address and, if
 * t, the settings; NULL (and a message) if there is no memory.
 */
static struct nl_msg *target_request(uint8_t cmd, uint8_t addr,
				     const struct target_settings *t)
{
	struct nlattr *nest, *id;
	struct nl_msg *msg;

	msg = ipmi_nl_request(cmd);
	if (!msg)
		return NULL;
	nest = ipmi_nl_nest_start(msg, IPMI_LAN_A_TARGET);
	if (!nest || nla_put_u8(msg, IPMI_LAN_TARGET_A_ADDR, addr) < 0)
		goto nomem;
	if (t && t->name &&
	    nla_put_string(msg, IPMI_LAN_TARGET_A_NAME, t->name) < 0)
		goto nomem;
	if (t && t->has_via &&
	    (nla_put_u8(msg, IPMI_LAN_TARGET_A_VIA, t->via) < 0 ||
	     (t->via && nla_put_u8(msg, IPMI_LAN_TARGET_A_VIA_CHANNEL,
				   t->channel) < 0)))
		goto nomem;
	if (t && t->id.any) {
		id = ipmi_nl_nest_start(msg, IPMI_LAN_TARGET_A_IDENTITY);
		if (!id || identity_put(msg, &t->id) < 0)
			goto nomem;
		nla_nest_end(msg, id);
	}
	nla_nest_end(msg, nest);
	return msg;

nomem:
	ipmi_nl_free(msg);
	pr_err("out of memory");
	return NULL;
}

/*
 * Send cmd for addr with t's settings (if t) and pass its reply (if
 * list) to list; returns like ipmi_nl_do().
 */
static int target_do(uint8_t cmd, const char *what, uint8_t addr,
		     const struct target_settings *t, struct target_list *list)
{
	struct nl_msg *msg;

	msg = target_request(cmd, addr, t);
	if (!msg)
		return EXIT_NETLINK;
	return ipmi_nl_do(msg, what, list ? target_reply : NULL, list);
}

static int target_show_one(uint8_t addr)
{
	struct target_list list = { NULL, 0 };
	int ret;

	ret = target_do(IPMI_LAN_CMD_GET_TARGET, "target show", addr, NULL,
			&list);
	if (!ret) {
		print_start();
		target_print(&list.targets[0]);
		ret = print_end();
	}
	target_list_reset(&list);
	return ret;
}

static int target_show_all(void)
{
	struct target_list list = { NULL, 0 };
	unsigned int i;
	int ret;

	ret = ipmi_nl_dump(IPMI_LAN_CMD_GET_TARGET, "target show",
			   target_reply, target_list_reset, &list);
	if (!ret) {
		qsort(list.targets, list.n, sizeof(*list.targets), target_cmp);
		print_start_array();
		for (i = 0; i < list.n; i++) {
			open_json_object(NULL);
			target_print(&list.targets[i]);
			close_json_object();
		}
		ret = print_end();
	}
	target_list_reset(&list);
	return ret;
}

#define HELP_SHOWN -1	/* "help" was asked for and the usage printed */

/*
 * ADDR alone (or nothing, unless required: *addr 0), then the netlink
 * socket opened: EXIT_OK, HELP_SHOWN or an exit status.
 */
static int target_addr_open(const char *cmd, int argc, char **argv,
			    bool required, uint8_t *addr)
{
	int ret;

	*addr = 0;
	if (argc > 0 && is_help(argv[0])) {
		target_usage(stdout);
		return HELP_SHOWN;
	}
	if (argc == 0 && required)
		return usage_error("%s: missing target address", cmd);
	if (argc > 1)
		return usage_error("%s: unexpected argument \"%s\"", cmd,
				   argv[1]);
	if (argc == 1) {
		ret = parse_target_addr(cmd, argv[0], false, addr);
		if (ret)
			return ret;
	}
	return ipmi_nl_open();
}

static int target_show(int argc, char **argv)
{
	uint8_t addr;
	int ret;

	ret = target_addr_open("target show", argc, argv, false, &addr);
	if (ret)
		return ret == HELP_SHOWN ? EXIT_OK : ret;
	return addr ? target_show_one(addr) : target_show_all();
}

static int target_parse(struct target_settings *t, int argc, char **argv)
{
	const char *key;
	int ret;

	for (; argc > 0; argc -= 2, argv += 2) {
		key = argv[0];
		if (!matches(key, "name") && !matches(key, "via") &&
		    !matches(key, "channel") && !is_identity(key))
			return usage_error("%s: unknown setting \"%s\"; try \"" PROG " target help\"",
					   t->cmd, key);
		if (argc < 2)
			return usage_error("%s: %s: missing value", t->cmd, key);
		if (matches(key, "via")) {
			ret = t->has_via ?
			      usage_error("%s: via given twice", t->cmd) :
			      !strcmp(argv[1], "none") ? EXIT_OK :
			      parse_target_addr(t->cmd, argv[1], false, &t->via);
			t->has_via = true;
		} else if (matches(key, "channel")) {
			uint32_t v = 0;

			ret = t->has_channel ?
			      usage_error("%s: channel given twice", t->cmd) :
			      parse_uint(argv[1], true, 0, 11, &v) ?
			      usage_error("%s: channel \"%s\": expected 0..11",
					  t->cmd, argv[1]) : EXIT_OK;
			t->channel = v;
			t->has_channel = true;
		} else if (!matches(key, "name")) {
			ret = identity_parse(&t->id, t->cmd, key, argv[1]);
		} else if (t->name) {
			ret = usage_error("%s: name given twice", t->cmd);
		} else {
			t->name = argv[1];
			ret = check_name(t->cmd, t->name,
					 IPMI_LAN_TARGET_NAME_LEN - 1);
		}
		if (ret)
			return ret;
	}
	if (t->has_via && t->via && !t->has_channel)
		return usage_error("%s: via needs the transit's channel", t->cmd);
	if (t->has_channel && !(t->has_via && t->via))
		return usage_error("%s: channel goes with via TRANSIT", t->cmd);
	return EXIT_OK;
}

/* "help" where ADDR or a keyword goes. */
static bool help_asked(int argc, char **argv)
{
	int i;

	if (argc > 0 && is_help(argv[0]))
		return true;
	for (i = 1; i < argc; i += 2) {		/* keyword positions */
		if (is_help(argv[i]))
			return true;
	}
	return false;
}

static int target_change(int argc, char **argv, bool add)
{
	struct target_settings t = {
		.cmd = add ? "target add" : "target set",
	};
	uint8_t addr;
	int ret;

	if (help_asked(argc, argv)) {
		target_usage(stdout);
		return EXIT_OK;
	}
	if (argc == 0)
		return usage_error("%s: missing target address; try \"" PROG " target help\"",
				   t.cmd);
	ret = parse_target_addr(t.cmd, argv[0], false, &addr);
	if (ret)
		return ret;
	ret = target_parse(&t, argc - 1, argv + 1);
	if (ret)
		return ret;
	if (!add && !t.name && !t.id.any && !t.has_via)
		return usage_error("target set: nothing to set; try \"" PROG " target help\"");

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	return target_do(add ? IPMI_LAN_CMD_ADD_TARGET : IPMI_LAN_CMD_SET_TARGET,
			 t.cmd, addr, &t, NULL);
}

/* DEL_TARGET */

static int target_del(int argc, char **argv)
{
	uint8_t addr;
	int ret;

	ret = target_addr_open("target del", argc, argv, true, &addr);
	if (ret)
		return ret == HELP_SHOWN ? EXIT_OK : ret;
	return target_do(IPMI_LAN_CMD_DEL_TARGET, "target del", addr, NULL,
			 NULL);
}

int cmd_target(int argc, char **argv)
{
	if (argc == 0)
		return target_show(0, argv);
	if (matches(argv[0], "show"))
		return target_show(argc - 1, argv + 1);
	if (matches(argv[0], "add"))
		return target_change(argc - 1, argv + 1, true);
	if (matches(argv[0], "set"))
		return target_change(argc - 1, argv + 1, false);
	if (matches(argv[0], "del"))
		return target_del(argc - 1, argv + 1);
	if (is_help(argv[0])) {
		target_usage(stdout);
		return EXIT_OK;
	}
	return usage_error("unknown target command \"%s\"; try \"" PROG " target help\"",
			   argv[0]);
}
