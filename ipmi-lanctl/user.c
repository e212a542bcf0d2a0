// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl user { show [ ID ] | add ID name NAME ... | set ID ... |
 *                    del ID | help }
 *
 * Passwords are read from a file or standard input, never from the
 * command line, and wiped from memory once the request is built.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

#define HELP_SHOWN -1	/* a parser met "help" and printed the usage */

void user_usage(FILE *f)
{
	fprintf(f,
		"Usage: " PROG " user show [ ID ]\n"
		"       " PROG " user add ID name NAME [ USER-SETTING ... ]\n"
		"       " PROG " user set ID { USER-SETTING | name NAME | unlock } ...\n"
		"       " PROG " user del ID\n"
		"USER-SETTING := { password-file FILE | password-stdin | privilege LEVEL |\n"
		"                  enabled { on | off } | ipmi { on | off } |\n"
		"                  link-auth { on | off } | sol { on | off } |\n"
		"                  bridge { embedded | separate | channel } }\n"
		"ID := 2..63    NAME := 1..16 printable ASCII characters, no spaces\n"
		"LEVEL := { callback | user | operator | administrator | admin | oem |\n"
		"           no-access }\n"
		"The password, 1..20 bytes, is read from FILE (\"-\": standard input) or\n"
		"from standard input, without one trailing newline; never from the\n"
		"command line.\n");
}

/* GET_USER */

struct user_info {
	uint8_t id;
	char name[IPMI_LAN_USER_NAME_LEN + 1];
	uint8_t privilege;
	bool has_password, enabled, ipmi_msg, link_auth, locked;
	bool has_sol, sol;	/* has_sol: the kernel reports it */
	bool has_bridge;	/* the same */
	uint8_t bridge;		/* IPMI_LAN_BRIDGE_* */
};

struct user_list {
	struct user_info *users;
	unsigned int n;
};

static struct nla_policy user_policy[IPMI_LAN_USER_A_MAX + 1] = {
	[IPMI_LAN_USER_A_ID]		= { .type = NLA_U8 },
	[IPMI_LAN_USER_A_NAME]		= { .type = NLA_STRING,
					    .maxlen = IPMI_LAN_USER_NAME_LEN + 1 },
	[IPMI_LAN_USER_A_HAS_PASSWORD]	= { .type = NLA_U8 },
	[IPMI_LAN_USER_A_ENABLED]	= { .type = NLA_U8 },
	[IPMI_LAN_USER_A_PRIVILEGE]	= { .type = NLA_U8 },
	[IPMI_LAN_USER_A_IPMI_MSG]	= { .type = NLA_U8 },
	[IPMI_LAN_USER_A_LINK_AUTH]	= { .type = NLA_U8 },
	[IPMI_LAN_USER_A_LOCKED]	= { .type = NLA_U8 },
	[IPMI_LAN_USER_A_SOL]		= { .type = NLA_U8 },
	[IPMI_LAN_USER_A_BRIDGE_EMBEDDED] = { .type = NLA_U8 },
};

static const int user_required[] = {
	IPMI_LAN_USER_A_ID, IPMI_LAN_USER_A_NAME,
	IPMI_LAN_USER_A_HAS_PASSWORD, IPMI_LAN_USER_A_ENABLED,
	IPMI_LAN_USER_A_PRIVILEGE, IPMI_LAN_USER_A_IPMI_MSG,
	IPMI_LAN_USER_A_LINK_AUTH, IPMI_LAN_USER_A_LOCKED,
};

static int user_parse_nest(struct nlattr *nest, struct user_info *u)
{
	struct nlattr *tb[IPMI_LAN_USER_A_MAX + 1];
	unsigned int i;

	if (!nest || nla_parse_nested(tb, IPMI_LAN_USER_A_MAX, nest,
				      user_policy) < 0)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(user_required); i++) {
		if (!tb[user_required[i]])
			return -EINVAL;
	}

	memset(u, 0, sizeof(*u));
	u->id = nla_get_u8(tb[IPMI_LAN_USER_A_ID]);
	memcpy(u->name, nla_data(tb[IPMI_LAN_USER_A_NAME]),
	       nla_len(tb[IPMI_LAN_USER_A_NAME]));
	u->name[sizeof(u->name) - 1] = '\0';
	u->privilege = nla_get_u8(tb[IPMI_LAN_USER_A_PRIVILEGE]);
	u->has_password = nla_get_u8(tb[IPMI_LAN_USER_A_HAS_PASSWORD]);
	u->enabled = nla_get_u8(tb[IPMI_LAN_USER_A_ENABLED]);
	u->ipmi_msg = nla_get_u8(tb[IPMI_LAN_USER_A_IPMI_MSG]);
	u->link_auth = nla_get_u8(tb[IPMI_LAN_USER_A_LINK_AUTH]);
	u->locked = nla_get_u8(tb[IPMI_LAN_USER_A_LOCKED]);
	/* Optional: kernels before SoL payload access do not send it. */
	u->has_sol = !!tb[IPMI_LAN_USER_A_SOL];
	if (u->has_sol)
		u->sol = nla_get_u8(tb[IPMI_LAN_USER_A_SOL]);
	/* Optional too: kernels before bridged targets do not send it. */
	u->has_bridge = !!tb[IPMI_LAN_USER_A_BRIDGE_EMBEDDED];
	if (u->has_bridge)
		u->bridge = nla_get_u8(tb[IPMI_LAN_USER_A_BRIDGE_EMBEDDED]);
	return 0;
}

static int user_reply(struct nlattr **tb, void *arg)
{
	struct user_list *list = arg;
	struct user_info *users;

	users = realloc(list->users, (list->n + 1) * sizeof(*users));
	if (!users)
		return -ENOMEM;
	list->users = users;
	if (user_parse_nest(tb[IPMI_LAN_A_USER], &users[list->n]) < 0)
		return -EINVAL;
	list->n++;
	return 0;
}

static void user_list_reset(void *arg)
{
	struct user_list *list = arg;

	free(list->users);
	list->users = NULL;
	list->n = 0;
}

static int user_cmp(const void *a, const void *b)
{
	const struct user_info *x = a, *y = b;

	return x->id - y->id;
}

static void print_yes_no(const char *key, const char *text, bool value)
{
	char fmt[48];

	snprintf(fmt, sizeof(fmt), "  %s %%s\n", text);
	print_string(PRINT_FP, NULL, fmt, value ? "yes" : "no");
	print_bool(PRINT_JSON, key, NULL, value);
}

/* One user: the fields of the JSON object the caller has opened. */
static void user_print(const struct user_info *u)
{
	char buf[16];

	print_u64(PRINT_ANY, "id", "user %" PRIu64 ": ", u->id);
	print_string(PRINT_ANY, "name", "%s\n", u->name);
	print_yes_no("enabled", "enabled", u->enabled);
	print_string(PRINT_ANY, "privilege", "  privilege %s\n",
		     privilege_name(u->privilege, buf, sizeof(buf)));
	print_yes_no("ipmi_messaging", "ipmi-messaging", u->ipmi_msg);
	print_yes_no("link_auth", "link-auth", u->link_auth);
	if (u->has_sol)
		print_yes_no("sol", "sol", u->sol);
	if (u->has_bridge)
		print_string(PRINT_ANY, "bridge", "  bridge %s\n",
			     bridge_name(u->bridge, buf, sizeof(buf)));
	print_string(PRINT_FP, NULL, "  password %s\n",
		     u->has_password ? "set" : "none");
	print_bool(PRINT_JSON, "has_password", NULL, u->has_password);
	print_yes_no("locked", "locked", u->locked);
}

static int user_show_one(uint8_t id)
{
	struct user_list list = { NULL, 0 };
	struct nlattr *nest;
	struct nl_msg *msg;
	int ret;

	msg = ipmi_nl_request(IPMI_LAN_CMD_GET_USER);
	if (!msg)
		return EXIT_NETLINK;
	nest = ipmi_nl_nest_start(msg, IPMI_LAN_A_USER);
	if (!nest || nla_put_u8(msg, IPMI_LAN_USER_A_ID, id) < 0) {
		ipmi_nl_free(msg);
		pr_err("out of memory");
		return EXIT_NETLINK;
	}
	nla_nest_end(msg, nest);

	ret = ipmi_nl_do(msg, "user show", user_reply, &list);
	if (!ret) {
		print_start();
		user_print(&list.users[0]);
		ret = print_end();
	}
	user_list_reset(&list);
	return ret;
}

static int user_show_all(void)
{
	struct user_list list = { NULL, 0 };
	unsigned int i;
	int ret;

	ret = ipmi_nl_dump(IPMI_LAN_CMD_GET_USER, "user show", user_reply,
			   user_list_reset, &list);
	if (!ret) {
		qsort(list.users, list.n, sizeof(*list.users), user_cmp);
		print_start_array();
		for (i = 0; i < list.n; i++) {
			open_json_object(NULL);
			user_print(&list.users[i]);
			close_json_object();
		}
		ret = print_end();
	}
	user_list_reset(&list);
	return ret;
}

static int user_show(int argc, char **argv)
{
	uint8_t id = 0;
	int ret;

	if (argc > 0 && is_help(argv[0])) {
		user_usage(stdout);
		return EXIT_OK;
	}
	if (argc > 1)
		return usage_error("user show: unexpected argument \"%s\"",
				   argv[1]);
	if (argc == 1) {
		ret = parse_user_id("user show", argv[0], &id);
		if (ret)
			return ret;
	}

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	return id ? user_show_one(id) : user_show_all();
}

/* SET_USER */

struct user_settings {
	const char *cmd;	/* "user add" or "user set" */
	uint8_t id;
	const char *name;
	struct secret password;
	/* -1: unchanged */
	int privilege, enabled, ipmi_msg, link_auth, sol, bridge;
	bool unlock;
	unsigned int count;	/* settings given */
};

static int parse_flag(const char *cmd, const char *key, const char *val,
		      int *flag)
{
	return parse_choice(cmd, key, val, "on", "off", flag);
}

/* A keyword without a value: password-stdin, unlock. */
static int user_parse_word(struct user_settings *u, const char *key)
{
	if (matches(key, "password-stdin")) {
		if (u->password.given)
			return usage_error("%s: password given twice", u->cmd);
		u->password.given = true;
		u->password.path = NULL;
	} else {
		if (u->unlock)
			return usage_error("%s: unlock given twice", u->cmd);
		u->unlock = true;
	}
	return EXIT_OK;
}

static int user_parse_setting(struct user_settings *u, const char *key,
			      const char *val)
{
	if (matches(key, "name")) {
		if (u->name)
			return usage_error("%s: name given twice", u->cmd);
		u->name = val;
		return check_name(u->cmd, val, IPMI_LAN_USER_NAME_LEN);
	}
	if (matches(key, "password-file")) {
		if (u->password.given)
			return usage_error("%s: password given twice", u->cmd);
		u->password.given = true;
		u->password.path = val;
		return EXIT_OK;
	}
	if (matches(key, "privilege")) {
		if (u->privilege >= 0)
			return usage_error("%s: privilege given twice", u->cmd);
		u->privilege = parse_privilege(val, true);
		if (u->privilege < 0)
			return usage_error("%s: privilege \"%s\": expected callback, user, operator, administrator, admin, oem or no-access",
					   u->cmd, val);
		return EXIT_OK;
	}
	if (matches(key, "enabled"))
		return parse_flag(u->cmd, key, val, &u->enabled);
	if (matches(key, "ipmi"))
		return parse_flag(u->cmd, key, val, &u->ipmi_msg);
	if (matches(key, "sol"))
		return parse_flag(u->cmd, key, val, &u->sol);
	if (matches(key, "bridge")) {
		if (u->bridge >= 0)
			return usage_error("%s: bridge given twice", u->cmd);
		return parse_bridge(u->cmd, val, true, &u->bridge);
	}
	return parse_flag(u->cmd, key, val, &u->link_auth);
}

static bool is_user_setting(const char *key, bool update)
{
	return matches(key, "name") || matches(key, "password-file") ||
	       matches(key, "privilege") || matches(key, "enabled") ||
	       matches(key, "ipmi") || matches(key, "link-auth") ||
	       matches(key, "sol") || matches(key, "bridge") ||
	       matches(key, "password-stdin") ||
	       (update && matches(key, "unlock"));
}

static int user_parse(struct user_settings *u, bool update, int argc,
		      char **argv)
{
	const char *key;
	int ret, used;

	for (; argc > 0; argc -= used, argv += used) {
		key = argv[0];
		if (is_help(key)) {
			user_usage(stdout);
			return HELP_SHOWN;
		}
		if (!is_user_setting(key, update))
			return usage_error("%s: unknown setting \"%s\"; try \"" PROG " user help\"",
					   u->cmd, key);
		u->count++;
		used = 1;
		if (matches(key, "password-stdin") || matches(key, "unlock")) {
			ret = user_parse_word(u, key);
		} else if (argc < 2) {
			return usage_error("%s: %s: missing value", u->cmd, key);
		} else {
			ret = user_parse_setting(u, key, argv[1]);
			used = 2;
		}
		if (ret)
			return ret;
	}
	return EXIT_OK;
}

static int put_opt_u8(struct nl_msg *msg, int type, int value)
{
	return value < 0 ? 0 : nla_put_u8(msg, type, value);
}

static int user_put(struct nl_msg *msg, const struct user_settings *u,
		    uint32_t flags)
{
	struct nlattr *nest;

	nest = ipmi_nl_nest_start(msg, IPMI_LAN_A_USER);
	if (!nest || nla_put_u8(msg, IPMI_LAN_USER_A_ID, u->id) < 0)
		return -1;
	if (u->name && nla_put_string(msg, IPMI_LAN_USER_A_NAME, u->name) < 0)
		return -1;
	if (u->password.given &&
	    nla_put(msg, IPMI_LAN_USER_A_PASSWORD, u->password.len,
		    u->password.data) < 0)
		return -1;
	if (put_opt_u8(msg, IPMI_LAN_USER_A_ENABLED, u->enabled) < 0 ||
	    put_opt_u8(msg, IPMI_LAN_USER_A_PRIVILEGE, u->privilege) < 0 ||
	    put_opt_u8(msg, IPMI_LAN_USER_A_IPMI_MSG, u->ipmi_msg) < 0 ||
	    put_opt_u8(msg, IPMI_LAN_USER_A_LINK_AUTH, u->link_auth) < 0 ||
	    put_opt_u8(msg, IPMI_LAN_USER_A_SOL, u->sol) < 0 ||
	    put_opt_u8(msg, IPMI_LAN_USER_A_BRIDGE_EMBEDDED, u->bridge) < 0 ||
	    nla_put_u32(msg, IPMI_LAN_USER_A_FLAGS, flags) < 0)
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

/* Read the password, if any, send the request and wipe the password. */
static int user_send(struct user_settings *u, uint32_t flags)
{
	struct nl_msg *msg;
	char what[32];
	int ret;

	if (u->password.given) {
		snprintf(what, sizeof(what), "%s: password", u->cmd);
		ret = secret_read(&u->password, what);
		if (ret)
			return ret;
	}

	ret = ipmi_nl_open();
	if (ret)
		goto out;
	ret = EXIT_NETLINK;
	msg = ipmi_nl_request(IPMI_LAN_CMD_SET_USER);
	if (!msg)
		goto out;
	if (user_put(msg, u, flags) < 0) {
		ipmi_nl_free(msg);
		pr_err("out of memory");
		goto out;
	}
	secret_wipe(&u->password);
	ret = ipmi_nl_do(msg, u->cmd, NULL, NULL);
out:
	secret_wipe(&u->password);
	return ret;
}

static int user_set(int argc, char **argv, bool add)
{
	struct user_settings u = {
		.cmd = add ? "user add" : "user set",
		.privilege = -1, .enabled = -1, .ipmi_msg = -1,
		.link_auth = -1, .sol = -1, .bridge = -1,
	};
	uint32_t flags;
	int ret;

	if (argc > 0 && is_help(argv[0])) {
		user_usage(stdout);
		return EXIT_OK;
	}
	if (argc == 0)
		return usage_error("%s: missing user ID; try \"" PROG " user help\"",
				   u.cmd);
	ret = parse_user_id(u.cmd, argv[0], &u.id);
	if (ret)
		return ret;
	ret = user_parse(&u, !add, argc - 1, argv + 1);
	if (ret)
		return ret == HELP_SHOWN ? EXIT_OK : ret;
	if (add && !u.name)
		return usage_error("user add: a new user needs a name");
	if (!add && !u.count)
		return usage_error("user set: nothing to set; try \"" PROG " user help\"");

	flags = add ? IPMI_LAN_USER_F_CREATE : IPMI_LAN_USER_F_UPDATE;
	if (u.unlock)
		flags |= IPMI_LAN_USER_F_UNLOCK;
	return user_send(&u, flags);
}

/* DEL_USER */

static int user_del(int argc, char **argv)
{
	struct nlattr *nest;
	struct nl_msg *msg;
	uint8_t id;
	int ret;

	if (argc > 0 && is_help(argv[0])) {
		user_usage(stdout);
		return EXIT_OK;
	}
	if (argc == 0)
		return usage_error("user del: missing user ID");
	if (argc > 1)
		return usage_error("user del: unexpected argument \"%s\"",
				   argv[1]);
	ret = parse_user_id("user del", argv[0], &id);
	if (ret)
		return ret;

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	msg = ipmi_nl_request(IPMI_LAN_CMD_DEL_USER);
	if (!msg)
		return EXIT_NETLINK;
	nest = ipmi_nl_nest_start(msg, IPMI_LAN_A_USER);
	if (!nest || nla_put_u8(msg, IPMI_LAN_USER_A_ID, id) < 0) {
		ipmi_nl_free(msg);
		pr_err("out of memory");
		return EXIT_NETLINK;
	}
	nla_nest_end(msg, nest);
	return ipmi_nl_do(msg, "user del", NULL, NULL);
}

int cmd_user(int argc, char **argv)
{
	if (argc == 0)
		return user_show(0, argv);
	if (matches(argv[0], "show"))
		return user_show(argc - 1, argv + 1);
	if (matches(argv[0], "add"))
		return user_set(argc - 1, argv + 1, true);
	if (matches(argv[0], "set"))
		return user_set(argc - 1, argv + 1, false);
	if (matches(argv[0], "del"))
		return user_del(argc - 1, argv + 1);
	if (is_help(argv[0])) {
		user_usage(stdout);
		return EXIT_OK;
	}
	return usage_error("unknown user command \"%s\"; try \"" PROG " user help\"",
			   argv[0]);
}
