/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ipmi-lanctl: shared declarations of the objects and the command line.
 */
#ifndef IPMI_LANCTL_H
#define IPMI_LANCTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>

#define PROG "ipmi-lanctl"

/* Exit status, as documented in ipmi-lanctl(8). */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 1,		/* bad command line or local failure */
	EXIT_NETLINK = 2,	/* netlink or kernel error */
};

/* Objects: each takes the words after its name (argv[0] is the command). */
int cmd_server(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int server_set(int argc, char **argv);	/* also the "set" shortcut */

void server_usage(FILE *f);
void stats_usage(FILE *f);

/* IPMI_LAN_CMD_GET_SERVER, see server.c. */
struct server_info {
	bool enabled;
	bool listening;
	bool has_port;
	uint16_t port;
	bool has_v4, has_v6;
	struct in_addr v4;
	struct in6_addr v6;
};

int server_get(struct server_info *info);
void server_print(const struct server_info *info);

/* IPMI_LAN_CMD_GET_STATS, see stats.c. */
struct stats_drop {
	uint32_t reason;	/* enum ipmi_lan_drop_reason */
	uint64_t count;
};

struct stats_info {
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	struct stats_drop *drops;	/* sorted by reason, no duplicates */
	unsigned int n_drops;
};

int stats_get(struct stats_info *info);
void stats_print(const struct stats_info *info);
void stats_free(struct stats_info *info);

/* Helpers for the command parsers. */
static inline bool matches(const char *arg, const char *word)
{
	return arg && !strcmp(arg, word);
}

bool is_help(const char *arg);
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* IPMI_LANCTL_H */
