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
#include <net/if.h>
#include <netinet/in.h>
#include <linux/ipmi_lan.h>

#define PROG "ipmi-lanctl"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit status, as documented in ipmi-lanctl(8). */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 1,		/* bad command line or local failure */
	EXIT_NETLINK = 2,	/* netlink or kernel error */
};

/* Objects: each takes the words after its name (argv[0] is the command). */
int cmd_server(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_channel(int argc, char **argv);
int cmd_session(int argc, char **argv);
int cmd_smi(int argc, char **argv);
int cmd_forward(int argc, char **argv);
int cmd_chassis(int argc, char **argv);
int cmd_sol(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int server_set(int argc, char **argv);	/* also the "set" shortcut */

void server_usage(FILE *f);
void stats_usage(FILE *f);
void user_usage(FILE *f);
void channel_usage(FILE *f);
void session_usage(FILE *f);
void smi_usage(FILE *f);
void forward_usage(FILE *f);
void chassis_usage(FILE *f);
void sol_usage(FILE *f);
void monitor_usage(FILE *f);

/* IPMI_LAN_CMD_GET_SERVER, see server.c. */
struct server_info {
	bool enabled;
	bool listening;
	bool has_port;
	uint16_t port;
	bool has_v4, has_v6;
	struct in_addr v4;
	struct in6_addr v6;
	/* Device identity; a kernel before it was added sends none. */
	bool has_device_id, has_device_revision, has_firmware;
	bool has_manufacturer, has_product, has_aux_firmware, has_guid;
	uint8_t device_id, device_revision, fw_major, fw_minor;
	uint32_t manufacturer, aux_firmware;
	uint16_t product;
	uint8_t guid[16];
	/* The system interface; a kernel before it was added sends none. */
	bool has_smi_if_num, has_forward_timeout;
	uint32_t smi_if_num, forward_timeout;
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
	/* IPMI_LAN_STATS_A_FWD_REQUESTS..LOCAL_REQUESTS, if sent */
	bool has_fwd[IPMI_LAN_STATS_A_EVENTS_DROPPED + 1];
	uint64_t fwd[IPMI_LAN_STATS_A_EVENTS_DROPPED + 1];
};

int stats_get(struct stats_info *info);
void stats_print(const struct stats_info *info);
void stats_free(struct stats_info *info);

/*
 * session.c: a peer attribute (struct sockaddr_in or sockaddr_in6) as
 * "ADDR:PORT" or "[ADDR%IFNAME]:PORT"; -EINVAL if it is neither.
 */
#define PEER_STRLEN (INET6_ADDRSTRLEN + IF_NAMESIZE + 10)
struct nlattr;
int format_peer(const struct nlattr *a, char *buf, size_t size);

/* Helpers for the command parsers. */
static inline bool matches(const char *arg, const char *word)
{
	return arg && !strcmp(arg, word);
}

bool is_help(const char *arg);
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* parse.c: a decimal (or, if hex_ok, 0x hex) number in min..max; 0 or -1. */
int parse_uint(const char *s, bool hex_ok, uint32_t min, uint32_t max,
	       uint32_t *value);
int parse_on_off(const char *s);		/* 1, 0, -1 */
/* A LEVEL keyword: 1..5, or 15 for no-access if allowed; -1 if none. */
int parse_privilege(const char *s, bool no_access_ok);
/* The keyword of a level, or its number in buf for an unknown one. */
const char *privilege_name(unsigned int level, char *buf, size_t size);
/* NETFN := a name or an even number 0..0x3e; 0, or -1 if not one. */
int parse_netfn(const char *s, uint8_t *netfn);
/* The name of a request netfn, or NULL. */
const char *netfn_name(unsigned int netfn);
/* ID := 2..63; a usage error (printed, EXIT_USAGE) naming cmd if not. */
int parse_user_id(const char *cmd, const char *s, uint8_t *id);

/*
 * A password or K_G. Never from the command line: from the file path, or
 * standard input if path is NULL or "-".
 */
struct secret {
	bool given;
	const char *path;
	unsigned char data[IPMI_LAN_PASSWORD_LEN + 3]; /* and "\r\n", 1 more */
	size_t len;
};

/* Read it; a usage error (printed, EXIT_USAGE, wiped) unless 1..20 bytes. */
int secret_read(struct secret *sec, const char *what);
void secret_wipe(struct secret *sec);

#endif /* IPMI_LANCTL_H */
