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
int cmd_target(int argc, char **argv);
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
void target_usage(FILE *f);
void chassis_usage(FILE *f);
void sol_usage(FILE *f);
void monitor_usage(FILE *f);

struct nlattr;
struct nl_msg;

/*
 * The device identity of the server or a bridged target, see identity.c:
 * the IPMI_LAN_A_SERVER_DEVICE_ID..IPMI_LAN_A_SERVER_GUID attributes.
 */
struct identity_info {
	bool has_device_id, has_device_revision, has_firmware;
	bool has_manufacturer, has_product, has_aux_firmware, has_guid;
	uint8_t device_id, device_revision, fw_major, fw_minor;
	uint32_t manufacturer, aux_firmware;
	uint16_t product;
	uint8_t guid[16];
};

/* From the (top-level or nested) attributes tb of a reply. */
void identity_read(struct nlattr **tb, struct identity_info *id);
/*
 * What the kernel sent, in a block of "  key: value" lines (server show)
 * or, if line, as " key value" words on the current line (target show).
 */
void identity_print(const struct identity_info *id, bool line);

/* The identity settings of a command line (server set, target add|set). */
struct identity_settings {
	bool any;				/* a setting was given */
	bool given[IPMI_LAN_A_MAX + 1];		/* by attribute type */
	uint32_t num[IPMI_LAN_A_MAX + 1];
	uint8_t fw_major, fw_minor;
	uint8_t guid[16];
};

/* The IDENTITY := ... lines of the usages. */
void identity_usage(FILE *f);
/* Whether key is an identity keyword (device-id, firmware, guid...). */
bool is_identity(const char *key);
/* Parse "key val"; a usage error naming cmd (printed, EXIT_USAGE) if bad. */
int identity_parse(struct identity_settings *set, const char *cmd,
		   const char *key, const char *val);
/* Put the given settings as attributes of msg (or its open nest); < 0. */
int identity_put(struct nl_msg *msg, const struct identity_settings *set);

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
	struct identity_info id;
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

/*
 * The counters of a system interface, the server's or a target's:
 * IPMI_LAN_STATS_A_FWD_REQUESTS..EVENTS_DROPPED, each if sent.
 */
struct fwd_stats {
	bool has[IPMI_LAN_STATS_A_EVENTS_DROPPED + 1];
	uint64_t val[IPMI_LAN_STATS_A_EVENTS_DROPPED + 1];
};

/* target.c: one IPMI_LAN_A_TARGET nest of a GET_TARGET reply. */
struct target_info {
	uint8_t addr;
	char name[IPMI_LAN_TARGET_NAME_LEN];	/* "" if none */
	bool has_if_num;
	uint32_t if_num;
	uint8_t via, via_channel;	/* via 0: on channel 0 */
	struct identity_info id;
	struct fwd_stats stats;
};

/* Parse it (with the identity and counters): 0, or -EINVAL. */
int target_parse_nest(struct nlattr *nest, struct target_info *t);

struct stats_info {
	uint64_t rx_packets, rx_bytes, tx_packets, tx_bytes;
	struct stats_drop *drops;	/* sorted by reason, no duplicates */
	unsigned int n_drops;
	struct fwd_stats fwd;
};

int stats_get(struct stats_info *info);
void stats_print(const struct stats_info *info);
void stats_free(struct stats_info *info);

/* A nest of IPMI_LAN_STATS_A_* (a target's): 0, or -EINVAL if malformed. */
int fwd_stats_parse(struct nlattr *nest, struct fwd_stats *fs);
/*
 * "fwd-requests N" lines (stats show) or, if line, one indented line of
 * them (target show); JSON: "fwd_requests": N... in the open object.
 */
void fwd_stats_print(const struct fwd_stats *fs, bool line);

/*
 * session.c: a peer attribute (struct sockaddr_in or sockaddr_in6) as
 * "ADDR:PORT" or "[ADDR%IFNAME]:PORT"; -EINVAL if it is neither.
 */
#define PEER_STRLEN (INET6_ADDRSTRLEN + IF_NAMESIZE + 10)
int format_peer(const struct nlattr *a, char *buf, size_t size);

/* Helpers for the command parsers. */
static inline bool matches(const char *arg, const char *word)
{
	return arg && !strcmp(arg, word);
}

bool is_help(const char *arg);

/* batch.c: -batch FILE ("-": standard input), each line passed to fn. */
typedef int (*batch_fn)(int argc, char **argv);
int batch_split(char *line, char **argv, int max, const char **why);
int batch_run(const char *path, bool force, batch_fn fn);

int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* parse.c: a decimal (or, if hex_ok, 0x hex) number in min..max; 0 or -1. */
int parse_uint(const char *s, bool hex_ok, uint32_t min, uint32_t max,
	       uint32_t *value);
int parse_on_off(const char *s);		/* 1, 0, -1 */
/* A LEVEL keyword: 1..5, or 15 for no-access if allowed; -1 if none. */
int parse_privilege(const char *s, bool no_access_ok);
/* The keyword of a level, or its number in buf for an unknown one. */
const char *privilege_name(unsigned int level, char *buf, size_t size);
/*
 * BRIDGE := { embedded | separate }, and channel (a user's: the channel's
 * form) if channel_ok: *mode gets IPMI_LAN_BRIDGE_*; a usage error naming
 * cmd if not one.
 */
int parse_bridge(const char *cmd, const char *s, bool channel_ok, int *mode);
/* The keyword of an IPMI_LAN_BRIDGE_* value, or its number in buf. */
const char *bridge_name(unsigned int mode, char *buf, size_t size);
/* NETFN := a name or an even number 0..0x3e; 0, or -1 if not one. */
int parse_netfn(const char *s, uint8_t *netfn);
/* The name of a request netfn, or NULL. */
const char *netfn_name(unsigned int netfn);
/* ID := 2..63; a usage error (printed, EXIT_USAGE) naming cmd if not. */
int parse_user_id(const char *cmd, const char *s, uint8_t *id);
/*
 * ADDR := a bridged target's address, 1..255 in decimal or 0x hex, but
 * 0x20 (the BMC itself) unless bmc_ok; a usage error naming cmd if not.
 */
int parse_target_addr(const char *cmd, const char *s, bool bmc_ok,
		      uint8_t *addr);
/*
 * A name (of a user, a target): 1..max printable ASCII characters, no
 * spaces; a usage error naming cmd if not.
 */
int check_name(const char *cmd, const char *name, size_t max);
/* KEY { ON-WORD | OFF-WORD } once: *flag 1 or 0; a usage error if not. */
int parse_choice(const char *cmd, const char *key, const char *val,
		 const char *on, const char *off, int *flag);

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
