// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl sol { show | set SETTING... | attach TTY [ target ADDR ] |
 *                   detach TTY | help }
 *
 * Serial-over-LAN: the SOL configuration parameters of the LAN channel,
 * the ttys bound to SoL and their counters, and binding a tty the way
 * ldattach(8) does: by setting the module's line discipline on it and
 * holding it open. A tty for a bridged target is announced first
 * (IPMI_LAN_CMD_SOL_ATTACH with its device number), so the kernel checks
 * the target and says why not before the discipline is set.
 */
#define _GNU_SOURCE	/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/tty.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

#define HELP_SHOWN -1	/* a parser met "help" and printed the usage */

#ifndef NR_LDISCS
#define NR_LDISCS 31
#endif

void sol_usage(FILE *f)
{
	fprintf(f,
		"Usage: " PROG " sol { show | help }\n"
		"       " PROG " sol set SETTING [ SETTING ... ]\n"
		"       " PROG " sol attach TTY [ target ADDR ] [ -d | daemon ]\n"
		"       " PROG " sol detach TTY\n"
		"SETTING := { enabled { on | off } | privilege LEVEL |\n"
		"             force-encryption { on | off } |\n"
		"             force-authentication { on | off } |\n"
		"             accumulate MS | threshold 1..255 | retries 0..7 |\n"
		"             retry-interval MS | bit-rate RATE |\n"
		"             volatile-bit-rate RATE }\n"
		"LEVEL := { user | operator | administrator | admin }\n"
		"RATE := { default | 9600 | 19200 | 38400 | 57600 | 115200 }\n"
		"accumulate: 5..1275 ms in steps of 5; retry-interval: 0..2550 ms in\n"
		"steps of 10. TTY := a path, or a name under /dev (ttyS1).\n"
		"attach holds the tty until SIGINT, SIGTERM or SIGHUP, or until\n"
		"\"sol detach\"; with -d (daemon) in a background process. The tty\n"
		"serves the BMC itself, or with target ADDR (1..255 but 0x20) the\n"
		"bridged target at ADDR (ipmitool -t ADDR sol activate).\n");
}

/* Bit rate codes of SOL parameters 5 and 6. */
static const struct {
	const char *name;
	uint8_t code;
	uint32_t bps;		/* 0: the tty's own */
} bit_rates[] = {
	{ "default",	IPMI_LAN_SOL_RATE_DEFAULT,	0 },
	{ "9600",	IPMI_LAN_SOL_RATE_9600,		9600 },
	{ "19200",	7,				19200 },
	{ "38400",	8,				38400 },
	{ "57600",	9,				57600 },
	{ "115200",	IPMI_LAN_SOL_RATE_115200,	115200 },
};

/* The keyword of a code; "code-N" in buf for one this version does not know. */
static const char *bit_rate_name(unsigned int code, uint32_t *bps, char *buf,
				 size_t size)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bit_rates); i++) {
		if (bit_rates[i].code == code) {
			*bps = bit_rates[i].bps;
			return bit_rates[i].name;
		}
	}
	*bps = 0;
	snprintf(buf, size, "code-%u", code);
	return buf;
}

static int parse_bit_rate(const char *s)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bit_rates); i++) {
		if (matches(s, bit_rates[i].name))
			return bit_rates[i].code;
	}
	return -1;
}

/* GET_SOL */

struct sol_info {
	uint32_t ldisc;
	bool ldisc_ok, enabled, force_encryption, force_auth;
	uint8_t privilege, accumulate, threshold, retry_count, retry_interval;
	uint8_t bit_rate, volatile_bit_rate;
};

static struct nla_policy sol_policy[IPMI_LAN_SOL_A_MAX + 1] = {
	[IPMI_LAN_SOL_A_LDISC]			= { .type = NLA_U32 },
	[IPMI_LAN_SOL_A_LDISC_OK]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_A_ENABLED]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_A_FORCE_ENCRYPTION]	= { .type = NLA_U8 },
	[IPMI_LAN_SOL_A_FORCE_AUTH]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_A_PRIVILEGE]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_A_ACCUMULATE]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_A_THRESHOLD]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_A_RETRY_COUNT]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_A_RETRY_INTERVAL]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_A_BIT_RATE]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_A_VOLATILE_BIT_RATE]	= { .type = NLA_U8 },
};

static int sol_reply(struct nlattr **tb, void *arg)
{
	struct nlattr *stb[IPMI_LAN_SOL_A_MAX + 1];
	struct sol_info *info = arg;
	int i;

	if (!tb[IPMI_LAN_A_SOL] ||
	    nla_parse_nested(stb, IPMI_LAN_SOL_A_MAX, tb[IPMI_LAN_A_SOL],
			     sol_policy) < 0)
		return -EINVAL;
	for (i = IPMI_LAN_SOL_A_LDISC; i <= IPMI_LAN_SOL_A_MAX; i++) {
		if (!stb[i])
			return -EINVAL;
	}

	info->ldisc = nla_get_u32(stb[IPMI_LAN_SOL_A_LDISC]);
	info->ldisc_ok = nla_get_u8(stb[IPMI_LAN_SOL_A_LDISC_OK]);
	info->enabled = nla_get_u8(stb[IPMI_LAN_SOL_A_ENABLED]);
	info->force_encryption = nla_get_u8(stb[IPMI_LAN_SOL_A_FORCE_ENCRYPTION]);
	info->force_auth = nla_get_u8(stb[IPMI_LAN_SOL_A_FORCE_AUTH]);
	info->privilege = nla_get_u8(stb[IPMI_LAN_SOL_A_PRIVILEGE]);
	info->accumulate = nla_get_u8(stb[IPMI_LAN_SOL_A_ACCUMULATE]);
	info->threshold = nla_get_u8(stb[IPMI_LAN_SOL_A_THRESHOLD]);
	info->retry_count = nla_get_u8(stb[IPMI_LAN_SOL_A_RETRY_COUNT]);
	info->retry_interval = nla_get_u8(stb[IPMI_LAN_SOL_A_RETRY_INTERVAL]);
	info->bit_rate = nla_get_u8(stb[IPMI_LAN_SOL_A_BIT_RATE]);
	info->volatile_bit_rate =
		nla_get_u8(stb[IPMI_LAN_SOL_A_VOLATILE_BIT_RATE]);
	return 0;
}

static int sol_get(struct sol_info *info, const char *what)
{
	struct nl_msg *msg;

	memset(info, 0, sizeof(*info));
	msg = ipmi_nl_request(IPMI_LAN_CMD_GET_SOL);
	if (!msg)
		return EXIT_NETLINK;
	return ipmi_nl_do(msg, what, sol_reply, info);
}

/* GET_SOL_TTYS */

/* The counters, by attribute type: JSON keys, text. */
static const char *const tty_counters[][2] = {
	[IPMI_LAN_SOL_TTY_A_TX_BYTES]		= { "tx_bytes", "tx" },
	[IPMI_LAN_SOL_TTY_A_RX_BYTES]		= { "rx_bytes", "rx" },
	[IPMI_LAN_SOL_TTY_A_RETRIES]		= { "retries", "retries" },
	[IPMI_LAN_SOL_TTY_A_NACKS_SENT]		= { "nacks_sent", "nacks-sent" },
	[IPMI_LAN_SOL_TTY_A_NACKS_RECEIVED]	= { "nacks_received",
						    "nacks-received" },
	[IPMI_LAN_SOL_TTY_A_DROPPED]		= { "dropped", "dropped" },
	[IPMI_LAN_SOL_TTY_A_DUPLICATES]		= { "duplicates", "duplicates" },
	[IPMI_LAN_SOL_TTY_A_ACTIVATIONS]	= { "activations", "activations" },
};

#define TTY_COUNTERS_FIRST IPMI_LAN_SOL_TTY_A_TX_BYTES
#define TTY_COUNTERS_LAST IPMI_LAN_SOL_TTY_A_ACTIVATIONS

struct sol_tty {
	char name[IPMI_LAN_SOL_TTY_NAME_LEN];
	uint8_t target, session, user_id;
	bool active, has_session, has_user_id;
	uint64_t counters[TTY_COUNTERS_LAST + 1];
};

struct sol_tty_list {
	struct sol_tty *ttys;
	unsigned int n;
};

static struct nla_policy sol_tty_policy[IPMI_LAN_SOL_TTY_A_MAX + 1] = {
	[IPMI_LAN_SOL_TTY_A_NAME]		= { .type = NLA_STRING,
						    .maxlen = IPMI_LAN_SOL_TTY_NAME_LEN },
	[IPMI_LAN_SOL_TTY_A_TARGET]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_TTY_A_ACTIVE]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_TTY_A_SESSION]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_TTY_A_USER_ID]		= { .type = NLA_U8 },
	[IPMI_LAN_SOL_TTY_A_TX_BYTES]		= { .type = NLA_U64 },
	[IPMI_LAN_SOL_TTY_A_RX_BYTES]		= { .type = NLA_U64 },
	[IPMI_LAN_SOL_TTY_A_RETRIES]		= { .type = NLA_U64 },
	[IPMI_LAN_SOL_TTY_A_NACKS_SENT]		= { .type = NLA_U64 },
	[IPMI_LAN_SOL_TTY_A_NACKS_RECEIVED]	= { .type = NLA_U64 },
	[IPMI_LAN_SOL_TTY_A_DROPPED]		= { .type = NLA_U64 },
	[IPMI_LAN_SOL_TTY_A_DUPLICATES]		= { .type = NLA_U64 },
	[IPMI_LAN_SOL_TTY_A_ACTIVATIONS]	= { .type = NLA_U64 },
};

/*
 * The name, target, active flag and counters are required; the session
 * and user only mean something while a payload is active, so a kernel
 * may leave them out otherwise.
 */
static int sol_tty_parse_nest(struct nlattr *nest, struct sol_tty *t)
{
	struct nlattr *tb[IPMI_LAN_SOL_TTY_A_MAX + 1];
	int i;

	if (!nest || nla_parse_nested(tb, IPMI_LAN_SOL_TTY_A_MAX, nest,
				      sol_tty_policy) < 0)
		return -EINVAL;
	if (!tb[IPMI_LAN_SOL_TTY_A_NAME] || !tb[IPMI_LAN_SOL_TTY_A_TARGET] ||
	    !tb[IPMI_LAN_SOL_TTY_A_ACTIVE] ||
	    nla_len(tb[IPMI_LAN_SOL_TTY_A_NAME]) < 2)	/* not "" */
		return -EINVAL;
	for (i = TTY_COUNTERS_FIRST; i <= TTY_COUNTERS_LAST; i++) {
		if (!tb[i])
			return -EINVAL;
	}

	memset(t, 0, sizeof(*t));
	memcpy(t->name, nla_data(tb[IPMI_LAN_SOL_TTY_A_NAME]),
	       nla_len(tb[IPMI_LAN_SOL_TTY_A_NAME]));
	t->name[sizeof(t->name) - 1] = '\0';
	t->target = nla_get_u8(tb[IPMI_LAN_SOL_TTY_A_TARGET]);
	t->active = nla_get_u8(tb[IPMI_LAN_SOL_TTY_A_ACTIVE]);
	t->has_session = tb[IPMI_LAN_SOL_TTY_A_SESSION];
	if (t->has_session)
		t->session = nla_get_u8(tb[IPMI_LAN_SOL_TTY_A_SESSION]);
	t->has_user_id = tb[IPMI_LAN_SOL_TTY_A_USER_ID];
	if (t->has_user_id)
		t->user_id = nla_get_u8(tb[IPMI_LAN_SOL_TTY_A_USER_ID]);
	for (i = TTY_COUNTERS_FIRST; i <= TTY_COUNTERS_LAST; i++)
		t->counters[i] = nla_get_u64(tb[i]);
	return 0;
}

static int sol_tty_reply(struct nlattr **tb, void *arg)
{
	struct sol_tty_list *list = arg;
	struct sol_tty *ttys;

	ttys = realloc(list->ttys, (list->n + 1) * sizeof(*ttys));
	if (!ttys)
		return -ENOMEM;
	list->ttys = ttys;
	if (sol_tty_parse_nest(tb[IPMI_LAN_A_SOL_TTY], &ttys[list->n]) < 0)
		return -EINVAL;
	list->n++;
	return 0;
}

static void sol_tty_list_reset(void *arg)
{
	struct sol_tty_list *list = arg;

	free(list->ttys);
	list->ttys = NULL;
	list->n = 0;
}

/* sol show */

static const char *on_off(bool v)
{
	return v ? "on" : "off";
}

/* Text: " bit-rate default"; JSON: "bit_rate":0,"bit_rate_bps":null. */
static void print_bit_rate(const char *key, const char *text, uint8_t code)
{
	char buf[16], key_bps[32];
	const char *name;
	uint32_t bps;

	name = bit_rate_name(code, &bps, buf, sizeof(buf));
	snprintf(key_bps, sizeof(key_bps), "%s_bps", key);
	print_string(PRINT_FP, NULL, "%s", text);
	print_string(PRINT_FP, NULL, " %s", name);
	print_u64(PRINT_JSON, key, NULL, code);
	if (bps)
		print_u64(PRINT_JSON, key_bps, NULL, bps);
	else
		print_null(PRINT_JSON, key_bps, NULL, NULL);
}

static void sol_print(const struct sol_info *info)
{
	char buf[16];

	print_string(PRINT_FP, NULL, "sol: enabled %s", on_off(info->enabled));
	print_bool(PRINT_JSON, "enabled", NULL, info->enabled);
	print_string(PRINT_ANY, "privilege", "  privilege %s",
		     privilege_name(info->privilege, buf, sizeof(buf)));
	print_string(PRINT_FP, NULL, "  force-encryption %s",
		     on_off(info->force_encryption));
	print_bool(PRINT_JSON, "force_encryption", NULL, info->force_encryption);
	print_string(PRINT_FP, NULL, "  force-authentication %s\n",
		     on_off(info->force_auth));
	print_bool(PRINT_JSON, "force_authentication", NULL, info->force_auth);

	print_u64(PRINT_JSON, "accumulate", NULL, info->accumulate);
	print_u64(PRINT_ANY, "accumulate_ms", "     accumulate %" PRIu64 "ms",
		  info->accumulate * 5U);
	print_u64(PRINT_ANY, "threshold", "  threshold %" PRIu64,
		  info->threshold);
	print_u64(PRINT_ANY, "retries", "  retries %" PRIu64, info->retry_count);
	print_u64(PRINT_JSON, "retry_interval", NULL, info->retry_interval);
	print_u64(PRINT_ANY, "retry_interval_ms",
		  "  retry-interval %" PRIu64 "ms\n", info->retry_interval * 10U);

	print_bit_rate("bit_rate", "     bit-rate", info->bit_rate);
	print_bit_rate("volatile_bit_rate", "  volatile-bit-rate",
		       info->volatile_bit_rate);
	print_u64(PRINT_ANY, "ldisc", "  ldisc %" PRIu64, info->ldisc);
	print_bool(PRINT_JSON, "ldisc_ok", NULL, info->ldisc_ok);
	print_string(PRINT_FP, NULL, "%s\n", info->ldisc_ok ? "" :
		     " (not registered: taken by another discipline)");
}

static void sol_tty_print(const struct sol_tty *t)
{
	char buf[8];
	int i;

	print_string(PRINT_ANY, "name", "tty %s:", t->name);
	snprintf(buf, sizeof(buf), "0x%02x", t->target);
	print_string(PRINT_FP, NULL, " target %s", buf);
	print_u64(PRINT_JSON, "target", NULL, t->target);
	print_string(PRINT_FP, NULL, "  active %s", t->active ? "yes" : "no");
	print_bool(PRINT_JSON, "active", NULL, t->active);
	if (t->has_session)
		print_u64(PRINT_ANY, "session_handle", "  session %" PRIu64,
			  t->session);
	else
		print_null(PRINT_ANY, "session_handle", "  session %s", "none");
	if (t->has_user_id)
		print_u64(PRINT_ANY, "user_id", "  user %" PRIu64 "\n",
			  t->user_id);
	else
		print_null(PRINT_ANY, "user_id", "  user %s\n", "none");

	for (i = TTY_COUNTERS_FIRST; i <= TTY_COUNTERS_LAST; i++) {
		print_string(PRINT_FP, NULL, i == TTY_COUNTERS_FIRST ?
			     "     %s " : "  %s ", tty_counters[i][1]);
		print_u64(PRINT_ANY, tty_counters[i][0], "%" PRIu64,
			  t->counters[i]);
	}
	print_string(PRINT_FP, NULL, "%s", "\n");
}

static int sol_show(int argc, char **argv)
{
	struct sol_tty_list list = { NULL, 0 };
	struct sol_info info;
	unsigned int i;
	int ret;

	if (argc > 0) {
		if (is_help(argv[0])) {
			sol_usage(stdout);
			return EXIT_OK;
		}
		return usage_error("sol show: unexpected argument \"%s\"",
				   argv[0]);
	}

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	ret = sol_get(&info, "sol show");
	if (ret)
		return ret;
	ret = ipmi_nl_dump(IPMI_LAN_CMD_GET_SOL_TTYS, "sol show",
			   sol_tty_reply, sol_tty_list_reset, &list);
	if (!ret) {
		print_start();
		open_json_object("sol");
		sol_print(&info);
		close_json_object();
		open_json_array("ttys");
		for (i = 0; i < list.n; i++) {
			open_json_object(NULL);
			sol_tty_print(&list.ttys[i]);
			close_json_object();
		}
		close_json_array();
		ret = print_end();
	}
	sol_tty_list_reset(&list);
	return ret;
}

/* sol set */

enum sol_kind { K_ON_OFF, K_PRIVILEGE, K_NUMBER, K_MS, K_RATE };

static const struct sol_setting {
	const char *key;
	int attr;
	enum sol_kind kind;
	uint32_t min, max, step;	/* K_NUMBER, K_MS (milliseconds) */
} sol_settings[] = {
	{ "enabled",		  IPMI_LAN_SOL_A_ENABLED,	    K_ON_OFF, 0, 0, 0 },
	{ "privilege",		  IPMI_LAN_SOL_A_PRIVILEGE,	    K_PRIVILEGE, 0, 0, 0 },
	{ "force-encryption",	  IPMI_LAN_SOL_A_FORCE_ENCRYPTION,  K_ON_OFF, 0, 0, 0 },
	{ "force-authentication", IPMI_LAN_SOL_A_FORCE_AUTH,	    K_ON_OFF, 0, 0, 0 },
	{ "accumulate",		  IPMI_LAN_SOL_A_ACCUMULATE,	    K_MS, 5, 1275, 5 },
	{ "threshold",		  IPMI_LAN_SOL_A_THRESHOLD,	    K_NUMBER, 1, 255, 1 },
	{ "retries",		  IPMI_LAN_SOL_A_RETRY_COUNT,	    K_NUMBER, 0, 7, 1 },
	{ "retry-interval",	  IPMI_LAN_SOL_A_RETRY_INTERVAL,    K_MS, 0, 2550, 10 },
	{ "bit-rate",		  IPMI_LAN_SOL_A_BIT_RATE,	    K_RATE, 0, 0, 0 },
	{ "volatile-bit-rate",	  IPMI_LAN_SOL_A_VOLATILE_BIT_RATE, K_RATE, 0, 0, 0 },
	{ NULL, 0, 0, 0, 0, 0 }
};

struct sol_settings_set {
	bool given[IPMI_LAN_SOL_A_MAX + 1];
	uint8_t value[IPMI_LAN_SOL_A_MAX + 1];	/* as sent */
};

static const struct sol_setting *sol_setting_find(const char *key)
{
	const struct sol_setting *s;

	for (s = sol_settings; s->key; s++) {
		if (matches(key, s->key))
			return s;
	}
	return NULL;
}

static int sol_parse_value(const struct sol_setting *s, const char *val,
			   uint8_t *out)
{
	uint32_t v;
	int r;

	switch (s->kind) {
	case K_ON_OFF:
		r = parse_on_off(val);
		if (r < 0)
			return usage_error("sol set: %s \"%s\": expected on or off",
					   s->key, val);
		*out = r;
		return EXIT_OK;
	case K_PRIVILEGE:
		/* SOL parameter 2: user..administrator activate SoL. */
		r = parse_privilege(val, false);
		if (r < 2 || r > 4)
			return usage_error("sol set: privilege \"%s\": expected user, operator, administrator or admin",
					   val);
		*out = r;
		return EXIT_OK;
	case K_RATE:
		r = parse_bit_rate(val);
		if (r < 0)
			return usage_error("sol set: %s \"%s\": expected default, 9600, 19200, 38400, 57600 or 115200",
					   s->key, val);
		*out = r;
		return EXIT_OK;
	case K_MS:
		if (parse_uint(val, false, s->min, s->max, &v) || v % s->step)
			return usage_error("sol set: %s \"%s\": expected milliseconds in %u..%u, a multiple of %u",
					   s->key, val, s->min, s->max,
					   s->step);
		*out = v / s->step;
		return EXIT_OK;
	default:
		if (parse_uint(val, false, s->min, s->max, &v))
			return usage_error("sol set: %s \"%s\": expected a number in %u..%u",
					   s->key, val, s->min, s->max);
		*out = v;
		return EXIT_OK;
	}
}

static int sol_set_parse(struct sol_settings_set *set, int argc, char **argv)
{
	const struct sol_setting *s;
	int ret;

	if (argc == 0)
		return usage_error("sol set: nothing to set; try \"" PROG " sol help\"");

	for (; argc > 0; argc -= 2, argv += 2) {
		if (is_help(argv[0])) {
			sol_usage(stdout);
			return HELP_SHOWN;
		}
		s = sol_setting_find(argv[0]);
		if (!s)
			return usage_error("sol set: unknown setting \"%s\"; try \"" PROG " sol help\"",
					   argv[0]);
		if (argc < 2)
			return usage_error("sol set: %s: missing value", s->key);
		if (set->given[s->attr])
			return usage_error("sol set: %s given twice", s->key);
		ret = sol_parse_value(s, argv[1], &set->value[s->attr]);
		if (ret)
			return ret;
		set->given[s->attr] = true;
	}
	return EXIT_OK;
}

static int sol_set(int argc, char **argv)
{
	struct sol_settings_set set;
	struct nlattr *nest;
	struct nl_msg *msg;
	int ret, i;

	memset(&set, 0, sizeof(set));
	ret = sol_set_parse(&set, argc, argv);
	if (ret)
		return ret == HELP_SHOWN ? EXIT_OK : ret;

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	msg = ipmi_nl_request(IPMI_LAN_CMD_SET_SOL);
	if (!msg)
		return EXIT_NETLINK;
	nest = ipmi_nl_nest_start(msg, IPMI_LAN_A_SOL);
	ret = nest ? 0 : -1;
	/* In attribute order, whatever the order on the command line. */
	for (i = 0; i <= IPMI_LAN_SOL_A_MAX && ret >= 0; i++) {
		if (set.given[i])
			ret = nla_put_u8(msg, i, set.value[i]);
	}
	if (ret < 0) {
		ipmi_nl_free(msg);
		pr_err("out of memory");
		return EXIT_NETLINK;
	}
	nla_nest_end(msg, nest);
	return ipmi_nl_do(msg, "sol set", NULL, NULL);
}

/* sol attach, sol detach */

/* TTY: a path as given, or a bare name ("ttyS1", "pts/3") under /dev. */
static int tty_path(const char *what, const char *tty, char *buf, size_t size)
{
	int n;

	if (!*tty)
		return usage_error("%s: empty TTY", what);
	if (tty[0] == '/' || !strncmp(tty, "./", 2) || !strncmp(tty, "../", 3))
		n = snprintf(buf, size, "%s", tty);
	else
		n = snprintf(buf, size, "/dev/%s", tty);
	if (n < 0 || (size_t)n >= size)
		return usage_error("%s: TTY \"%s\" is too long", what, tty);
	return EXIT_OK;
}

/* A free line discipline number to suggest for sol_ldisc, or -1. */
static int free_ldisc(uint32_t taken)
{
	bool used[NR_LDISCS] = { false };
	char name[64];
	FILE *f;
	int n;

	f = fopen("/proc/tty/ldiscs", "re");
	if (!f)
		return -1;
	while (fscanf(f, "%63s %d", name, &n) == 2) {
		if (n >= 0 && n < NR_LDISCS)
			used[n] = true;
	}
	fclose(f);
	if (taken < NR_LDISCS)
		used[taken] = true;
	for (n = NR_LDISCS - 1; n > 0; n--) {
		if (!used[n])
			return n;
	}
	return -1;
}

/*
 * GET_SOL for the discipline number. Returns EXIT_OK, EXIT_NETLINK, or
 * EXIT_USAGE (printed) if the module could not register its discipline.
 */
static int sol_ldisc(const char *what, const char *path, int *ldisc)
{
	struct sol_info info;
	int ret, m;

	ret = ipmi_nl_open();
	if (!ret)
		ret = sol_get(&info, what);
	if (ret)
		return ret;
	*ldisc = info.ldisc;
	if (info.ldisc_ok)
		return EXIT_OK;

	if (path) {	/* detach: a tty with this number is not ours */
		pr_err("%s: not attached to SoL (line discipline %" PRIu32 " belongs to another discipline)",
		       path, info.ldisc);
		return EXIT_USAGE;
	}
	m = free_ldisc(info.ldisc);
	if (m > 0)
		pr_err("line discipline %" PRIu32 " is taken by another discipline; load ipmi_lan with sol_ldisc=%d (a free number below NR_LDISCS, %d)",
		       info.ldisc, m, NR_LDISCS);
	else
		pr_err("line discipline %" PRIu32 " is taken by another discipline; load ipmi_lan with sol_ldisc=N (a free number below NR_LDISCS, %d; see /proc/tty/ldiscs)",
		       info.ldisc, NR_LDISCS);
	return EXIT_USAGE;
}

/* Where binding a tty failed, and the errno; sent from a daemon child. */
enum bind_stage { BIND_OK, BIND_OPEN, BIND_GETD, BIND_ALREADY, BIND_SETD };

struct bind_result {
	int stage;
	int err;
};

static struct bind_result tty_bind(const char *path, int ldisc, int *fdp)
{
	struct bind_result r = { BIND_OK, 0 };
	int fd, cur;

	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return (struct bind_result){ BIND_OPEN, errno };
	if (ioctl(fd, TIOCGETD, &cur) < 0)
		r = (struct bind_result){ BIND_GETD, errno };
	else if (cur == ldisc)	/* another process holds it */
		r = (struct bind_result){ BIND_ALREADY, 0 };
	else if (ioctl(fd, TIOCSETD, &ldisc) < 0)
		r = (struct bind_result){ BIND_SETD, errno };
	if (r.stage != BIND_OK) {
		close(fd);
		return r;
	}
	*fdp = fd;
	return r;
}

static void bind_error(const char *path, int ldisc, int target,
		       struct bind_result r)
{
	if (r.stage == BIND_OPEN)
		pr_err("%s: %s", path, strerror(r.err));
	else if (r.err == ENOTTY)
		pr_err("%s: not a tty", path);
	else if (r.stage == BIND_GETD)
		pr_err("%s: cannot read the line discipline: %s", path,
		       strerror(r.err));
	else if (r.stage == BIND_ALREADY)
		pr_err("%s: already attached to SoL (line discipline %d)", path,
		       ldisc);
	else if (r.err == EBUSY && target == IPMI_LAN_BMC_ADDR)
		pr_err("%s: the BMC already has a SoL tty", path);
	else if (r.err == EBUSY)
		pr_err("%s: target 0x%02x already has a SoL tty", path, target);
	else if (r.err == ENXIO)
		pr_err("%s: target 0x%02x is gone (deleted meanwhile)", path,
		       target);
	else if (r.err == EINVAL)
		pr_err("%s: line discipline %d is not registered (is the ipmi_lan module still loaded?)",
		       path, ldisc);
	else if (r.err == EPERM)
		pr_err("%s: cannot set line discipline %d: %s (SoL needs CAP_NET_ADMIN)",
		       path, ldisc, strerror(r.err));
	else
		pr_err("%s: cannot set line discipline %d: %s", path, ldisc,
		       strerror(r.err));
}

static void signals_block(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	sigprocmask(SIG_BLOCK, set, NULL);
}

/*
 * Hold the bound tty: check every second that the discipline is still
 * ours, until a signal. On a signal, give the tty back to N_TTY (if it is
 * still ours) and return EXIT_OK.
 */
static int tty_hold(const char *path, int fd, int ldisc, const sigset_t *set)
{
	const struct timespec second = { 1, 0 };
	int sig, cur, n_tty = N_TTY;

	for (;;) {
		sig = sigtimedwait(set, NULL, &second);
		if (sig > 0) {
			if (ioctl(fd, TIOCGETD, &cur) == 0 && cur == ldisc)
				ioctl(fd, TIOCSETD, &n_tty);
			close(fd);
			return EXIT_OK;
		}
		if (errno != EAGAIN)
			continue;	/* EINTR: stopped and continued */
		if (ioctl(fd, TIOCGETD, &cur) < 0) {
			if (errno == EIO)	/* hung up */
				break;
			pr_err("%s: cannot read the line discipline: %s", path,
			       strerror(errno));
			close(fd);
			return EXIT_USAGE;
		}
		if (cur != ldisc)		/* "sol detach", or anyone */
			break;
	}
	close(fd);
	pr_err("%s: detached", path);
	return EXIT_OK;
}

static void stdio_to_null(void)
{
	int fd = open("/dev/null", O_RDWR);

	if (fd < 0) {
		close(STDIN_FILENO);
		close(STDOUT_FILENO);
		close(STDERR_FILENO);
		return;
	}
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
}

/* Write all of r to fd; the parent is waiting for exactly that. */
static void report(int fd, struct bind_result r)
{
	const char *p = (const char *)&r;
	size_t left = sizeof(r);
	ssize_t n;

	while (left) {
		n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		p += n;
		left -= n;
	}
}

/*
 * -d: the child binds and holds the tty in a session of its own; the
 * parent waits for the outcome on a pipe.
 */
static int attach_daemon(const char *path, int ldisc, int target)
{
	struct bind_result r = { -1, 0 };
	sigset_t set;
	int p[2], fd, status;
	ssize_t n;
	size_t got = 0;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0) {
		pr_err("cannot create a pipe: %s", strerror(errno));
		return EXIT_USAGE;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		pr_err("cannot fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		return EXIT_USAGE;
	}
	if (pid == 0) {
		close(p[0]);
		setsid();
		/* Pin no mount but the tty's; if even / fails, no matter. */
		if (chdir("/") < 0)
			errno = 0;
		signals_block(&set);
		r = tty_bind(path, ldisc, &fd);
		if (r.stage == BIND_OK)
			stdio_to_null();
		report(p[1], r);
		close(p[1]);
		if (r.stage != BIND_OK)
			_exit(EXIT_USAGE);
		return tty_hold(path, fd, ldisc, &set);
	}

	close(p[1]);
	while (got < sizeof(r)) {
		n = read(p[0], (char *)&r + got, sizeof(r) - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	close(p[0]);
	if (got != sizeof(r)) {
		waitpid(pid, &status, 0);
		pr_err("%s: the attaching process died", path);
		return EXIT_USAGE;
	}
	if (r.stage != BIND_OK) {
		waitpid(pid, &status, 0);
		bind_error(path, ldisc, target, r);
		return EXIT_USAGE;
	}
	pr_err("%s: attached (line discipline %d), held by process %ld", path,
	       ldisc, (long)pid);
	return EXIT_OK;
}

/*
 * Announces the binding of path to target: the kernel checks the target
 * (EXIT_NETLINK and its reason if it has none, or a tty already).
 */
static int sol_announce(const char *path, uint8_t target)
{
	struct nlattr *nest;
	struct nl_msg *msg;
	struct stat st;
	int fd, ret;

	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		pr_err("%s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	ret = fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode) || !isatty(fd);
	close(fd);
	if (ret) {
		pr_err("%s: not a tty", path);
		return EXIT_USAGE;
	}
	msg = ipmi_nl_request(IPMI_LAN_CMD_SOL_ATTACH);
	if (!msg)
		return EXIT_NETLINK;
	nest = ipmi_nl_nest_start(msg, IPMI_LAN_A_SOL_TTY);
	if (!nest || nla_put_u8(msg, IPMI_LAN_SOL_TTY_A_TARGET, target) < 0 ||
	    nla_put_u32(msg, IPMI_LAN_SOL_TTY_A_DEV_MAJOR,
			major(st.st_rdev)) < 0 ||
	    nla_put_u32(msg, IPMI_LAN_SOL_TTY_A_DEV_MINOR,
			minor(st.st_rdev)) < 0) {
		ipmi_nl_free(msg);
		pr_err("out of memory");
		return EXIT_NETLINK;
	}
	nla_nest_end(msg, nest);
	return ipmi_nl_do(msg, "sol attach", NULL, NULL);
}

static int sol_attach(int argc, char **argv)
{
	const char *tty = NULL;
	char path[4096];
	bool daemon = false, has_target = false;
	uint8_t target = IPMI_LAN_BMC_ADDR;
	struct bind_result r;
	sigset_t set;
	int i, ret, ldisc, fd;

	for (i = 0; i < argc; i++) {
		if (is_help(argv[i])) {
			sol_usage(stdout);
			return EXIT_OK;
		}
	}
	for (i = 0; i < argc; i++) {
		if (matches(argv[i], "-d") || matches(argv[i], "daemon")) {
			if (daemon)
				return usage_error("sol attach: daemon given twice");
			daemon = true;
		} else if (matches(argv[i], "target")) {
			if (has_target)
				return usage_error("sol attach: target given twice");
			if (++i >= argc)
				return usage_error("sol attach: target: missing ADDR");
			ret = parse_target_addr("sol attach", argv[i], false,
						&target);
			if (ret)
				return ret;
			has_target = true;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return usage_error("sol attach: unknown option \"%s\"",
					   argv[i]);
		} else if (tty) {
			return usage_error("sol attach: unexpected argument \"%s\"",
					   argv[i]);
		} else {
			tty = argv[i];
		}
	}
	if (!tty)
		return usage_error("sol attach: missing TTY");
	ret = tty_path("sol attach", tty, path, sizeof(path));
	if (ret)
		return ret;

	ret = sol_ldisc("sol attach", NULL, &ldisc);
	if (!ret && has_target)
		ret = sol_announce(path, target);
	ipmi_nl_close();	/* the binding itself needs no netlink */
	if (ret)
		return ret;

	if (daemon)
		return attach_daemon(path, ldisc, target);

	signals_block(&set);
	r = tty_bind(path, ldisc, &fd);
	if (r.stage != BIND_OK) {
		bind_error(path, ldisc, target, r);
		return EXIT_USAGE;
	}
	pr_err("%s: attached (line discipline %d)", path, ldisc);
	return tty_hold(path, fd, ldisc, &set);
}

static int sol_detach(int argc, char **argv)
{
	char path[4096];
	int i, ret, ldisc, fd, cur, n_tty = N_TTY;

	for (i = 0; i < argc; i++) {
		if (is_help(argv[i])) {
			sol_usage(stdout);
			return EXIT_OK;
		}
	}
	if (argc == 0)
		return usage_error("sol detach: missing TTY");
	if (argc > 1)
		return usage_error("sol detach: unexpected argument \"%s\"",
				   argv[1]);
	ret = tty_path("sol detach", argv[0], path, sizeof(path));
	if (ret)
		return ret;

	ret = sol_ldisc("sol detach", path, &ldisc);
	if (ret)
		return ret;

	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		pr_err("%s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	ret = EXIT_USAGE;
	if (ioctl(fd, TIOCGETD, &cur) < 0)
		bind_error(path, ldisc, IPMI_LAN_BMC_ADDR,
			   (struct bind_result){ BIND_GETD, errno });
	else if (cur != ldisc)
		pr_err("%s: not attached to SoL", path);
	else if (ioctl(fd, TIOCSETD, &n_tty) < 0)
		pr_err("%s: cannot set line discipline %d (N_TTY): %s", path,
		       N_TTY, strerror(errno));
	else
		ret = EXIT_OK;
	close(fd);
	return ret;
}

int cmd_sol(int argc, char **argv)
{
	if (argc == 0)
		return sol_show(0, argv);
	if (matches(argv[0], "show"))
		return sol_show(argc - 1, argv + 1);
	if (matches(argv[0], "set"))
		return sol_set(argc - 1, argv + 1);
	if (matches(argv[0], "attach"))
		return sol_attach(argc - 1, argv + 1);
	if (matches(argv[0], "detach"))
		return sol_detach(argc - 1, argv + 1);
	if (is_help(argv[0])) {
		sol_usage(stdout);
		return EXIT_OK;
	}
	return usage_error("unknown sol command \"%s\"; try \"" PROG " sol help\"",
			   argv[0]);
}
