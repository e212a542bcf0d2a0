// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl stats { show | help }
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

/*
 * enum ipmi_lan_drop_reason in lowercase: the JSON keys. Text output has
 * '-' for '_'.
 */
static const char *const drop_names[] = {
	[IPMI_LAN_DROP_TRUNCATED]	= "truncated",
	[IPMI_LAN_DROP_OVERSIZE]	= "oversize",
	[IPMI_LAN_DROP_RMCP_HEADER]	= "rmcp_header",
	[IPMI_LAN_DROP_ASF]		= "asf",
	[IPMI_LAN_DROP_SESSION_HEADER]	= "session_header",
	[IPMI_LAN_DROP_MSG_HEADER]	= "msg_header",
	[IPMI_LAN_DROP_CHECKSUM]	= "checksum",
	[IPMI_LAN_DROP_UNKNOWN_SESSION]	= "unknown_session",
	[IPMI_LAN_DROP_NOT_ALLOWED]	= "not_allowed",
	[IPMI_LAN_DROP_NOMEM]		= "nomem",
	[IPMI_LAN_DROP_TX_ERROR]	= "tx_error",
	[IPMI_LAN_DROP_RATELIMITED]	= "ratelimited",
	[IPMI_LAN_DROP_WINDOW]		= "window",
	[IPMI_LAN_DROP_INTEGRITY]	= "integrity",
	[IPMI_LAN_DROP_PAD]		= "pad",
	[IPMI_LAN_DROP_DOWNGRADE]	= "downgrade",
	[IPMI_LAN_DROP_STATE]		= "state",
	[IPMI_LAN_DROP_BUSY]		= "busy",
	[IPMI_LAN_DROP_SOURCE]		= "source",
	[IPMI_LAN_DROP_CRYPTO]		= "crypto",
};

_Static_assert(ARRAY_SIZE(drop_names) == __IPMI_LAN_DROP_LAST,
	       "a drop reason of linux/ipmi_lan.h has no name");

void stats_usage(FILE *f)
{
	fprintf(f, "Usage: " PROG " stats { show | help }\n");
}

/* GET_STATS */

static struct nla_policy stats_policy[IPMI_LAN_STATS_A_MAX + 1] = {
	[IPMI_LAN_STATS_A_RX_PACKETS]	= { .type = NLA_U64 },
	[IPMI_LAN_STATS_A_RX_BYTES]	= { .type = NLA_U64 },
	[IPMI_LAN_STATS_A_TX_PACKETS]	= { .type = NLA_U64 },
	[IPMI_LAN_STATS_A_TX_BYTES]	= { .type = NLA_U64 },
	[IPMI_LAN_STATS_A_DROPS]	= { .type = NLA_NESTED },
	[IPMI_LAN_STATS_A_FWD_REQUESTS]	= { .type = NLA_U64 },
	[IPMI_LAN_STATS_A_FWD_REPLIES]	= { .type = NLA_U64 },
	[IPMI_LAN_STATS_A_FWD_TIMEOUTS]	= { .type = NLA_U64 },
	[IPMI_LAN_STATS_A_FWD_ABSORBED]	= { .type = NLA_U64 },
	[IPMI_LAN_STATS_A_FWD_UNMATCHED] = { .type = NLA_U64 },
	[IPMI_LAN_STATS_A_LOCAL_REQUESTS] = { .type = NLA_U64 },
	[IPMI_LAN_STATS_A_EVENTS_DROPPED] = { .type = NLA_U64 },
};

/* The system interface's counters, by attribute type: JSON keys, text. */
static const char *const fwd_names[][2] = {
	[IPMI_LAN_STATS_A_FWD_REQUESTS]	= { "fwd_requests", "fwd-requests" },
	[IPMI_LAN_STATS_A_FWD_REPLIES]	= { "fwd_replies", "fwd-replies" },
	[IPMI_LAN_STATS_A_FWD_TIMEOUTS]	= { "fwd_timeouts", "fwd-timeouts" },
	[IPMI_LAN_STATS_A_FWD_ABSORBED]	= { "fwd_absorbed", "fwd-absorbed" },
	[IPMI_LAN_STATS_A_FWD_UNMATCHED] = { "fwd_unmatched", "fwd-unmatched" },
	[IPMI_LAN_STATS_A_LOCAL_REQUESTS] = { "local_requests",
					      "local-requests" },
	[IPMI_LAN_STATS_A_EVENTS_DROPPED] = { "events_dropped",
					      "events-dropped" },
};

static void fwd_stats_read(struct nlattr **stb, struct fwd_stats *fs)
{
	int i;

	for (i = IPMI_LAN_STATS_A_FWD_REQUESTS;
	     i <= IPMI_LAN_STATS_A_EVENTS_DROPPED; i++) {
		fs->has[i] = stb[i];
		fs->val[i] = stb[i] ? nla_get_u64(stb[i]) : 0;
	}
}

int fwd_stats_parse(struct nlattr *nest, struct fwd_stats *fs)
{
	struct nlattr *stb[IPMI_LAN_STATS_A_MAX + 1];

	if (nla_parse_nested(stb, IPMI_LAN_STATS_A_MAX, nest, stats_policy) < 0)
		return -EINVAL;
	fwd_stats_read(stb, fs);
	return 0;
}

void fwd_stats_print(const struct fwd_stats *fs, bool line)
{
	bool first = true;
	unsigned int i;

	for (i = IPMI_LAN_STATS_A_FWD_REQUESTS;
	     i <= IPMI_LAN_STATS_A_EVENTS_DROPPED; i++) {
		if (!fs->has[i])
			continue;
		if (line)
			print_string(PRINT_FP, NULL, "%s", first ? "  " : " ");
		print_string(PRINT_FP, NULL, "%s ", fwd_names[i][1]);
		print_u64(PRINT_ANY, fwd_names[i][0],
			  line ? "%" PRIu64 : "%" PRIu64 "\n", fs->val[i]);
		first = false;
	}
	if (line && !first)
		print_string(PRINT_FP, NULL, "%s", "\n");
}

static int drop_cmp(const void *a, const void *b)
{
	const struct stats_drop *x = a, *y = b;

	return x->reason < y->reason ? -1 : x->reason > y->reason;
}

/*
 * Every reason this tool knows, 0 unless reported, plus every reason the
 * kernel reports that it does not know. Attribute type 0 is not a reason
 * (reason n is type n + 1) and serves as padding.
 */
static int stats_parse_drops(struct stats_info *info, struct nlattr *drops)
{
	struct stats_drop *d;
	struct nlattr *a;
	unsigned int i, n = __IPMI_LAN_DROP_LAST;
	int rem;

	if (drops) {
		nla_for_each_nested(a, drops, rem)
			n++;
	}
	stats_free(info);
	info->drops = calloc(n, sizeof(*info->drops));
	if (!info->drops)
		return -ENOMEM;
	for (i = 0; i < __IPMI_LAN_DROP_LAST; i++)
		info->drops[i].reason = i;
	info->n_drops = __IPMI_LAN_DROP_LAST;
	if (!drops)
		return 0;

	nla_for_each_nested(a, drops, rem) {
		uint32_t reason = nla_type(a) - 1;

		if (nla_type(a) == 0)
			continue;
		if (nla_len(a) < (int)sizeof(uint64_t))
			return -EINVAL;
		for (i = 0; i < info->n_drops; i++) {
			if (info->drops[i].reason == reason)
				break;
		}
		d = &info->drops[i];
		if (i == info->n_drops)
			info->n_drops++;
		d->reason = reason;
		d->count = nla_get_u64(a);
	}
	qsort(info->drops, info->n_drops, sizeof(*info->drops), drop_cmp);
	return 0;
}

static int stats_reply(struct nlattr **tb, void *arg)
{
	struct nlattr *stb[IPMI_LAN_STATS_A_MAX + 1];
	struct stats_info *info = arg;

	if (!tb[IPMI_LAN_A_STATS] ||
	    nla_parse_nested(stb, IPMI_LAN_STATS_A_MAX, tb[IPMI_LAN_A_STATS],
			     stats_policy) < 0)
		return -EINVAL;
	if (!stb[IPMI_LAN_STATS_A_RX_PACKETS] ||
	    !stb[IPMI_LAN_STATS_A_RX_BYTES] ||
	    !stb[IPMI_LAN_STATS_A_TX_PACKETS] ||
	    !stb[IPMI_LAN_STATS_A_TX_BYTES])
		return -EINVAL;

	info->rx_packets = nla_get_u64(stb[IPMI_LAN_STATS_A_RX_PACKETS]);
	info->rx_bytes = nla_get_u64(stb[IPMI_LAN_STATS_A_RX_BYTES]);
	info->tx_packets = nla_get_u64(stb[IPMI_LAN_STATS_A_TX_PACKETS]);
	info->tx_bytes = nla_get_u64(stb[IPMI_LAN_STATS_A_TX_BYTES]);
	fwd_stats_read(stb, &info->fwd);
	return stats_parse_drops(info, stb[IPMI_LAN_STATS_A_DROPS]);
}

int stats_get(struct stats_info *info)
{
	struct nl_msg *msg;
	int ret;

	memset(info, 0, sizeof(*info));
	msg = ipmi_nl_request(IPMI_LAN_CMD_GET_STATS);
	if (!msg)
		return EXIT_NETLINK;
	ret = ipmi_nl_do(msg, "stats show", stats_reply, info);
	if (ret)
		stats_free(info);
	return ret;
}

void stats_free(struct stats_info *info)
{
	free(info->drops);
	info->drops = NULL;
	info->n_drops = 0;
}

void stats_print(const struct stats_info *info)
{
	const struct stats_drop *d;
	char key[32], text[32];
	unsigned int i;

	print_u64(PRINT_ANY, "rx_packets", "rx-packets %" PRIu64 "\n",
		  info->rx_packets);
	print_u64(PRINT_ANY, "rx_bytes", "rx-bytes %" PRIu64 "\n",
		  info->rx_bytes);
	print_u64(PRINT_ANY, "tx_packets", "tx-packets %" PRIu64 "\n",
		  info->tx_packets);
	print_u64(PRINT_ANY, "tx_bytes", "tx-bytes %" PRIu64 "\n",
		  info->tx_bytes);
	fwd_stats_print(&info->fwd, false);

	print_string(PRINT_FP, NULL, "%s:\n", "drops");
	open_json_object("drops");
	for (d = info->drops; d < info->drops + info->n_drops; d++) {
		if (d->reason < ARRAY_SIZE(drop_names))
			snprintf(key, sizeof(key), "%s", drop_names[d->reason]);
		else
			snprintf(key, sizeof(key), "drop_%" PRIu32, d->reason);
		for (i = 0; key[i]; i++)
			text[i] = key[i] == '_' ? '-' : key[i];
		text[i] = '\0';
		print_string(PRINT_FP, NULL, "  %s ", text);
		print_u64(PRINT_ANY, key, "%" PRIu64 "\n", d->count);
	}
	close_json_object();
}

static int stats_show(int argc, char **argv)
{
	struct stats_info info;
	int ret;

	if (argc > 0) {
		if (is_help(argv[0])) {
			stats_usage(stdout);
			return EXIT_OK;
		}
		return usage_error("stats show: unexpected argument \"%s\"",
				   argv[0]);
	}

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	ret = stats_get(&info);
	if (ret)
		return ret;
	print_start();
	stats_print(&info);
	stats_free(&info);
	return print_end();
}

int cmd_stats(int argc, char **argv)
{
	if (argc == 0)
		return stats_show(0, argv);
	if (matches(argv[0], "show"))
		return stats_show(argc - 1, argv + 1);
	if (is_help(argv[0])) {
		stats_usage(stdout);
		return EXIT_OK;
	}
	return usage_error("unknown stats command \"%s\"; try \"" PROG " stats help\"",
			   argv[0]);
}
