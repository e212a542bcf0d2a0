// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl channel { show | set SETTING... | help }
 *
 * The LAN channel: cipher suites, privilege limits, the BMC key K_G (read
 * from a file or standard input, never from the command line), session
 * and lockout parameters, the form of bridged answers its users default to.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

#define HELP_SHOWN -1	/* a parser met "help" and printed the usage */

void channel_usage(FILE *f)
{
	fprintf(f,
		"Usage: " PROG " channel { show | help }\n"
		"       " PROG " channel set SETTING [ SETTING ... ]\n"
		"SETTING := { suites LIST | suite-privilege ID:LEVEL[,ID:LEVEL...] |\n"
		"             privilege LEVEL | kg-file FILE | kg-stdin | kg none |\n"
		"             session-timeout 5..3600 | max-sessions 1..63 |\n"
		"             lockout-threshold 0..255 | lockout-reset 0..65535 |\n"
		"             lockout-interval 0..65535 |\n"
		"             bridge { embedded | separate } }\n"
		"LIST := ID[,ID...]    ID := { 1 | 2 | 3 | 6 | 7 | 8 | 11 | 12 | 15 | 16 | 17 }\n"
		"LEVEL := { callback | user | operator | administrator | admin | oem }\n"
		"K_G, 1..20 bytes, is read from FILE (\"-\": standard input) or from\n"
		"standard input, without one trailing newline; never from the\n"
		"command line. Times are in seconds.\n");
}

/* GET_CHANNEL */

struct channel_info {
	uint32_t suites;
	uint8_t suite_priv[IPMI_LAN_SUITE_COUNT];
	uint8_t privilege;
	bool has_kg;
	uint32_t session_timeout;
	uint8_t max_sessions, lockout_threshold;
	uint16_t lockout_reset, lockout_interval;
	bool has_bridge;	/* the kernel reports it */
	uint8_t bridge;		/* IPMI_LAN_BRIDGE_* */
};

static struct nla_policy channel_policy[IPMI_LAN_CHANNEL_A_MAX + 1] = {
	[IPMI_LAN_CHANNEL_A_SUITES]		= { .type = NLA_U32 },
	[IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE]	= { .minlen = IPMI_LAN_SUITE_COUNT,
						    .maxlen = IPMI_LAN_SUITE_COUNT },
	[IPMI_LAN_CHANNEL_A_PRIVILEGE]		= { .type = NLA_U8 },
	[IPMI_LAN_CHANNEL_A_HAS_KG]		= { .type = NLA_U8 },
	[IPMI_LAN_CHANNEL_A_SESSION_TIMEOUT]	= { .type = NLA_U32 },
	[IPMI_LAN_CHANNEL_A_MAX_SESSIONS]	= { .type = NLA_U8 },
	[IPMI_LAN_CHANNEL_A_LOCKOUT_THRESHOLD]	= { .type = NLA_U8 },
	[IPMI_LAN_CHANNEL_A_LOCKOUT_RESET]	= { .type = NLA_U16 },
	[IPMI_LAN_CHANNEL_A_LOCKOUT_INTERVAL]	= { .type = NLA_U16 },
	[IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED]	= { .type = NLA_U8 },
};

static int channel_reply(struct nlattr **tb, void *arg)
{
	struct nlattr *ctb[IPMI_LAN_CHANNEL_A_MAX + 1];
	struct channel_info *info = arg;
	int i;

	if (!tb[IPMI_LAN_A_CHANNEL] ||
	    nla_parse_nested(ctb, IPMI_LAN_CHANNEL_A_MAX, tb[IPMI_LAN_A_CHANNEL],
			     channel_policy) < 0)
		return -EINVAL;
	/* Later attributes are optional: older kernels do not send them. */
	for (i = IPMI_LAN_CHANNEL_A_SUITES;
	     i <= IPMI_LAN_CHANNEL_A_LOCKOUT_INTERVAL; i++) {
		if (!ctb[i] && i != IPMI_LAN_CHANNEL_A_KG)	/* write-only */
			return -EINVAL;
	}

	info->suites = nla_get_u32(ctb[IPMI_LAN_CHANNEL_A_SUITES]);
	memcpy(info->suite_priv, nla_data(ctb[IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE]),
	       IPMI_LAN_SUITE_COUNT);
	info->privilege = nla_get_u8(ctb[IPMI_LAN_CHANNEL_A_PRIVILEGE]);
	info->has_kg = nla_get_u8(ctb[IPMI_LAN_CHANNEL_A_HAS_KG]);
	info->session_timeout =
		nla_get_u32(ctb[IPMI_LAN_CHANNEL_A_SESSION_TIMEOUT]);
	info->max_sessions = nla_get_u8(ctb[IPMI_LAN_CHANNEL_A_MAX_SESSIONS]);
	info->lockout_threshold =
		nla_get_u8(ctb[IPMI_LAN_CHANNEL_A_LOCKOUT_THRESHOLD]);
	info->lockout_reset = nla_get_u16(ctb[IPMI_LAN_CHANNEL_A_LOCKOUT_RESET]);
	info->lockout_interval =
		nla_get_u16(ctb[IPMI_LAN_CHANNEL_A_LOCKOUT_INTERVAL]);
	info->has_bridge = !!ctb[IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED];
	if (info->has_bridge)
		info->bridge =
			nla_get_u8(ctb[IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED]);
	return 0;
}

static int channel_get(struct channel_info *info, const char *what)
{
	struct nl_msg *msg;

	memset(info, 0, sizeof(*info));
	msg = ipmi_nl_request(IPMI_LAN_CMD_GET_CHANNEL);
	if (!msg)
		return EXIT_NETLINK;
	return ipmi_nl_do(msg, what, channel_reply, info);
}

static void print_suites(const struct channel_info *info)
{
	const char *sep = "";
	unsigned int i;

	print_string(PRINT_FP, NULL, "%s", "  suites ");
	open_json_array("suites");
	for (i = 0; i < 32; i++) {
		if (!(info->suites & (1U << i)))
			continue;
		print_string(PRINT_FP, NULL, "%s", sep);
		print_u64(PRINT_ANY, NULL, "%" PRIu64, i);
		sep = ",";
	}
	close_json_array();
	print_string(PRINT_FP, NULL, "%s\n", *sep ? "" : "none");
}

/* Text: the enabled suites; JSON: every suite that can be enabled. */
static void print_suite_privilege(const struct channel_info *info)
{
	const char *sep = "";
	char key[8], buf[16], item[40];
	const char *name;
	unsigned int i;

	print_string(PRINT_FP, NULL, "%s", "  suite-privilege ");
	open_json_object("suite_privilege");
	for (i = 0; i < IPMI_LAN_SUITE_COUNT; i++) {
		name = privilege_name(info->suite_priv[i], buf, sizeof(buf));
		if (IPMI_LAN_SUITES_SUPPORTED & (1U << i)) {
			snprintf(key, sizeof(key), "%u", i);
			print_string(PRINT_JSON, key, NULL, name);
		}
		if (info->suites & (1U << i)) {
			snprintf(item, sizeof(item), "%s%u:%s", sep, i, name);
			print_string(PRINT_FP, NULL, "%s", item);
			sep = ",";
		}
	}
	close_json_object();
	print_string(PRINT_FP, NULL, "%s\n", *sep ? "" : "none");
}

static void channel_print(const struct channel_info *info)
{
	char buf[16];

	print_string(PRINT_FP, NULL, "channel %s\n", "1 (lan)");
	print_suites(info);
	print_suite_privilege(info);
	print_string(PRINT_ANY, "privilege", "  privilege %s\n",
		     privilege_name(info->privilege, buf, sizeof(buf)));
	print_string(PRINT_FP, NULL, "  kg %s\n", info->has_kg ? "set" : "none");
	print_bool(PRINT_JSON, "has_kg", NULL, info->has_kg);
	print_u64(PRINT_ANY, "session_timeout", "  session-timeout %" PRIu64 "\n",
		  info->session_timeout);
	print_u64(PRINT_ANY, "max_sessions", "  max-sessions %" PRIu64 "\n",
		  info->max_sessions);
	print_u64(PRINT_ANY, "lockout_threshold",
		  "  lockout-threshold %" PRIu64 "\n", info->lockout_threshold);
	print_u64(PRINT_ANY, "lockout_reset", "  lockout-reset %" PRIu64 "\n",
		  info->lockout_reset);
	print_u64(PRINT_ANY, "lockout_interval",
		  "  lockout-interval %" PRIu64 "\n", info->lockout_interval);
	if (info->has_bridge)
		print_string(PRINT_ANY, "bridge", "  bridge %s\n",
			     bridge_name(info->bridge, buf, sizeof(buf)));
}

static int channel_show(int argc, char **argv)
{
	struct channel_info info;
	int ret;

	if (argc > 0) {
		if (is_help(argv[0])) {
			channel_usage(stdout);
			return EXIT_OK;
		}
		return usage_error("channel show: unexpected argument \"%s\"",
				   argv[0]);
	}

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	ret = channel_get(&info, "channel show");
	if (ret)
		return ret;
	print_start();
	channel_print(&info);
	return print_end();
}

/* SET_CHANNEL */

struct channel_settings {
	bool given[IPMI_LAN_CHANNEL_A_MAX + 1];
	uint32_t num[IPMI_LAN_CHANNEL_A_MAX + 1];	/* also suites */
	uint8_t priv[IPMI_LAN_SUITE_COUNT];	/* suite-privilege, 0: keep */
	struct secret kg;		/* kg-file, kg-stdin */
	bool kg_none;
};

/* Settings that are plain decimal numbers. */
static const struct ch_number {
	const char *key;
	int attr;
	int size;		/* of the attribute, bytes */
	uint32_t min, max;
} ch_numbers[] = {
	{ "session-timeout",	IPMI_LAN_CHANNEL_A_SESSION_TIMEOUT,   4, 5, 3600 },
	{ "max-sessions",	IPMI_LAN_CHANNEL_A_MAX_SESSIONS,      1, 1, 63 },
	{ "lockout-threshold",	IPMI_LAN_CHANNEL_A_LOCKOUT_THRESHOLD, 1, 0, 255 },
	{ "lockout-reset",	IPMI_LAN_CHANNEL_A_LOCKOUT_RESET,     2, 0, 65535 },
	{ "lockout-interval",	IPMI_LAN_CHANNEL_A_LOCKOUT_INTERVAL,  2, 0, 65535 },
	{ NULL, 0, 0, 0, 0 }
};

static const struct ch_number *ch_number_find(const char *key)
{
	const struct ch_number *n;

	for (n = ch_numbers; n->key; n++) {
		if (matches(key, n->key))
			return n;
	}
	return NULL;
}

static bool is_channel_setting(const char *key)
{
	return matches(key, "suites") || matches(key, "suite-privilege") ||
	       matches(key, "privilege") || matches(key, "kg-file") ||
	       matches(key, "kg-stdin") || matches(key, "kg") ||
	       matches(key, "bridge") || ch_number_find(key);
}

/* A suite id that can be enabled, "ID" being the text it came from. */
static int parse_suite(const char *key, const char *s, size_t len,
		       unsigned int *suite)
{
	char buf[12];
	uint32_t v;

	if (len == 0 || len >= sizeof(buf))
		return usage_error("channel set: %s: empty or bad cipher suite id",
				   key);
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (parse_uint(buf, false, 0, 31, &v) ||
	    !(IPMI_LAN_SUITES_SUPPORTED & (1U << v)))
		return usage_error("channel set: %s: cipher suite \"%s\" is not supported (supported: 1,2,3,6,7,8,11,12,15,16,17)",
				   key, buf);
	*suite = v;
	return EXIT_OK;
}

static int parse_suites(struct channel_settings *set, const char *list)
{
	const char *p = list, *end;
	unsigned int suite;
	uint32_t suites = 0;
	int ret;

	if (!*list)
		return usage_error("channel set: suites: the list is empty; at least one suite is needed");
	for (;; p = end + 1) {
		end = p + strcspn(p, ",");
		ret = parse_suite("suites", p, end - p, &suite);
		if (ret)
			return ret;
		if (suites & (1U << suite))
			return usage_error("channel set: suites: suite %u listed twice",
					   suite);
		suites |= 1U << suite;
		if (!*end)
			break;
	}
	set->num[IPMI_LAN_CHANNEL_A_SUITES] = suites;
	return EXIT_OK;
}

static int parse_suite_privilege(struct channel_settings *set,
				 const char *list)
{
	const char *p = list, *end, *colon;
	char level[16];
	unsigned int suite;
	int ret, priv;

	for (;; p = end + 1) {
		end = p + strcspn(p, ",");
		colon = memchr(p, ':', end - p);
		if (!colon)
			return usage_error("channel set: suite-privilege \"%s\": expected ID:LEVEL[,ID:LEVEL...]",
					   list);
		ret = parse_suite("suite-privilege", p, colon - p, &suite);
		if (ret)
			return ret;
		snprintf(level, sizeof(level), "%.*s", (int)(end - colon - 1),
			 colon + 1);
		priv = (size_t)(end - colon - 1) < sizeof(level) ?
		       parse_privilege(level, false) : -1;
		if (priv < 0)
			return usage_error("channel set: suite-privilege: level \"%.*s\": expected callback, user, operator, administrator, admin or oem",
					   (int)(end - colon - 1), colon + 1);
		if (set->priv[suite])
			return usage_error("channel set: suite-privilege: suite %u listed twice",
					   suite);
		set->priv[suite] = priv;
		if (!*end)
			break;
	}
	return EXIT_OK;
}

static int parse_kg(struct channel_settings *set, const char *key,
		    const char *val)
{
	if (set->kg.given || set->kg_none)
		return usage_error("channel set: K_G given twice");
	if (matches(key, "kg-stdin")) {
		set->kg.given = true;
	} else if (matches(key, "kg-file")) {
		set->kg.given = true;
		set->kg.path = val;
	} else if (matches(val, "none")) {
		set->kg_none = true;
	} else {
		return usage_error("channel set: kg \"%s\": expected none (use kg-file or kg-stdin to set it)",
				   val);
	}
	return EXIT_OK;
}

static int parse_number(struct channel_settings *set,
			const struct ch_number *n, const char *val)
{
	if (parse_uint(val, false, n->min, n->max, &set->num[n->attr]))
		return usage_error("channel set: %s \"%s\": expected a number in %u..%u",
				   n->key, val, n->min, n->max);
	return EXIT_OK;
}

static int channel_parse_setting(struct channel_settings *set,
				 const char *key, const char *val)
{
	const struct ch_number *n = ch_number_find(key);
	int attr, priv, mode, ret;

	if (n)
		attr = n->attr;
	else if (matches(key, "suites"))
		attr = IPMI_LAN_CHANNEL_A_SUITES;
	else if (matches(key, "suite-privilege"))
		attr = IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE;
	else if (matches(key, "privilege"))
		attr = IPMI_LAN_CHANNEL_A_PRIVILEGE;
	else if (matches(key, "bridge"))
		attr = IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED;
	else
		return parse_kg(set, key, val);

	if (set->given[attr])
		return usage_error("channel set: %s given twice", key);
	set->given[attr] = true;

	switch (attr) {
	case IPMI_LAN_CHANNEL_A_SUITES:
		return parse_suites(set, val);
	case IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE:
		return parse_suite_privilege(set, val);
	case IPMI_LAN_CHANNEL_A_PRIVILEGE:
		priv = parse_privilege(val, false);
		if (priv < 0)
			return usage_error("channel set: privilege \"%s\": expected callback, user, operator, administrator, admin or oem",
					   val);
		set->num[attr] = priv;
		return EXIT_OK;
	case IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED:
		ret = parse_bridge("channel set", val, false, &mode);
		if (!ret)
			set->num[attr] = mode;
		return ret;
	default:
		return parse_number(set, n, val);
	}
}

static int channel_set_parse(struct channel_settings *set, int argc,
			     char **argv)
{
	const char *key;
	int ret, used;

	if (argc == 0)
		return usage_error("channel set: nothing to set; try \"" PROG " channel help\"");

	for (; argc > 0; argc -= used, argv += used) {
		key = argv[0];
		if (is_help(key)) {
			channel_usage(stdout);
			return HELP_SHOWN;
		}
		if (!is_channel_setting(key))
			return usage_error("channel set: unknown setting \"%s\"; try \"" PROG " channel help\"",
					   key);
		used = 1;
		if (matches(key, "kg-stdin")) {
			ret = parse_kg(set, key, NULL);
		} else if (argc < 2) {
			return usage_error("channel set: %s: missing value", key);
		} else {
			ret = channel_parse_setting(set, key, argv[1]);
			used = 2;
		}
		if (ret)
			return ret;
	}
	return EXIT_OK;
}

static int put_number(struct nl_msg *msg, int attr, int size, uint32_t v)
{
	if (size == 1)
		return nla_put_u8(msg, attr, v);
	if (size == 2)
		return nla_put_u16(msg, attr, v);
	return nla_put_u32(msg, attr, v);
}

static int channel_put(struct nl_msg *msg, const struct channel_settings *set,
		       const uint8_t *table)
{
	const struct ch_number *n;
	struct nlattr *nest;
	int ret = 0;

	nest = ipmi_nl_nest_start(msg, IPMI_LAN_A_CHANNEL);
	if (!nest)
		return -1;
	if (set->given[IPMI_LAN_CHANNEL_A_SUITES])
		ret = nla_put_u32(msg, IPMI_LAN_CHANNEL_A_SUITES,
				  set->num[IPMI_LAN_CHANNEL_A_SUITES]);
	if (ret >= 0 && table)
		ret = nla_put(msg, IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE,
			      IPMI_LAN_SUITE_COUNT, table);
	if (ret >= 0 && set->given[IPMI_LAN_CHANNEL_A_PRIVILEGE])
		ret = nla_put_u8(msg, IPMI_LAN_CHANNEL_A_PRIVILEGE,
				 set->num[IPMI_LAN_CHANNEL_A_PRIVILEGE]);
	if (ret >= 0 && (set->kg.given || set->kg_none))
		ret = nla_put(msg, IPMI_LAN_CHANNEL_A_KG, set->kg.len,
			      set->kg.data);
	for (n = ch_numbers; n->key && ret >= 0; n++) {
		if (set->given[n->attr])
			ret = put_number(msg, n->attr, n->size,
					 set->num[n->attr]);
	}
	if (ret >= 0 && set->given[IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED])
		ret = nla_put_u8(msg, IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED,
				 set->num[IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED]);
	if (ret < 0)
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

/*
 * suite-privilege changes some entries of a 20-byte table that is sent
 * whole: read the current one first.
 */
static int channel_priv_table(const struct channel_settings *set,
			      uint8_t *table)
{
	struct channel_info info;
	unsigned int i;
	int ret;

	ret = channel_get(&info, "channel set");
	if (ret)
		return ret;
	for (i = 0; i < IPMI_LAN_SUITE_COUNT; i++)
		table[i] = set->priv[i] ? set->priv[i] : info.suite_priv[i];
	return EXIT_OK;
}

static int channel_send(struct channel_settings *set)
{
	uint8_t table[IPMI_LAN_SUITE_COUNT];
	bool has_table = set->given[IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE];
	struct nl_msg *msg;
	int ret;

	if (set->kg.given) {
		ret = secret_read(&set->kg, "channel set: K_G");
		if (ret)
			return ret;
	}
	ret = ipmi_nl_open();
	if (!ret && has_table)
		ret = channel_priv_table(set, table);
	if (ret)
		goto out;

	ret = EXIT_NETLINK;
	msg = ipmi_nl_request(IPMI_LAN_CMD_SET_CHANNEL);
	if (!msg)
		goto out;
	if (channel_put(msg, set, has_table ? table : NULL) < 0) {
		ipmi_nl_free(msg);
		pr_err("out of memory");
		goto out;
	}
	secret_wipe(&set->kg);
	ret = ipmi_nl_do(msg, "channel set", NULL, NULL);
out:
	secret_wipe(&set->kg);
	return ret;
}

static int channel_set(int argc, char **argv)
{
	struct channel_settings set;
	int ret;

	memset(&set, 0, sizeof(set));
	ret = channel_set_parse(&set, argc, argv);
	if (ret)
		return ret == HELP_SHOWN ? EXIT_OK : ret;
	return channel_send(&set);
}

int cmd_channel(int argc, char **argv)
{
	if (argc == 0)
		return channel_show(0, argv);
	if (matches(argv[0], "show"))
		return channel_show(argc - 1, argv + 1);
	if (matches(argv[0], "set"))
		return channel_set(argc - 1, argv + 1);
	if (is_help(argv[0])) {
		channel_usage(stdout);
		return EXIT_OK;
	}
	return usage_error("unknown channel command \"%s\"; try \"" PROG " channel help\"",
			   argv[0]);
}
