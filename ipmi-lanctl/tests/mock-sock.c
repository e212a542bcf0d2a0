// SPDX-License-Identifier: GPL-2.0
/*
 * A mock of the ipmi_lan kernel side, replacing nl-sock.c in the test
 * build: the socket is never connected; libnl's send and receive are
 * overridden so that everything above them (libnl's parsing, sequence
 * checks, callbacks, extack parsing, the objects, the output) is the real
 * code.
 *
 * IPMI_LANCTL_MOCK names a file of directives, one a line:
 *
 *   family missing                  GETFAMILY fails with ENOENT
 *   server TOKEN...                 the GET_SERVER reply, only these attrs
 *                                   (listen tokens last):
 *       enabled N | port N | listening N | v4 ADDR | v6 ADDR |
 *       v4raw HEX | attr TYPE HEX (top level)
 *       (also: smi N | fwd_timeout N, the system interface)
 *   stats TOKEN...                  the GET_STATS reply, only these attrs
 *                                   (drop tokens last):
 *       rx_packets N | rx_bytes N | tx_packets N | tx_bytes N |
 *       drop REASON N | drop32 REASON N | attr TYPE HEX (in stats) |
 *       pad (a padding attribute, type 0, in the innermost open nest)
 *       (also: device_id N | device_revision N | fw_major N |
 *       fw_minor N | manufacturer N | product N | aux_fw N | guid HEX)
 *   stats TOKEN...                  the GET_STATS reply, only these attrs
 *                                   (drop tokens last):
 *       rx_packets N | rx_bytes N | tx_packets N | tx_bytes N |
 *       drop REASON N | drop32 REASON N | attr TYPE HEX (in stats) |
 *       pad (a padding attribute, type 0, in the innermost open nest)
 *       (also: fwd_requests N | fwd_replies N | fwd_timeouts N |
 *       fwd_absorbed N | fwd_unmatched N | local_requests N |
 *       events_dropped N)
 *   user TOKEN...                   one user (GET_USER; a dump returns
 *                                   every user line, in order), only these
 *                                   attrs in the IPMI_LAN_A_USER nest:
 *       id N | name S | haspw N | enabled N | priv N | ipmi N |
 *       linkauth N | locked N | sol N | bridge N | attr TYPE HEX
 *   users N                         N complete users, ids 2..N+1, after
 *                                   the user lines
 *   channel TOKEN...                the GET_CHANNEL reply, only these:
 *       suites N | privs HEX | priv N | haskg N | timeout N | maxsess N |
 *       lothresh N | loreset N | lointerval N | bridge N | attr TYPE HEX
 *   session TOKEN...                one session of the GET_SESSIONS dump:
 *       handle N | id N | user N | priv N | suite N | attr TYPE HEX |
 *       v4 ADDR PORT | v6 ADDR PORT SCOPE | peer HEX
 *   sessions N                      N complete sessions after those
 *   forward TOKEN...                one entry of the GET_FORWARD dump:
 *       netfn N | cmd N | priv N | owned N | target N | attr TYPE HEX
 *   target TOKEN...                 one target (GET_TARGET; a dump returns
 *                                   every target line, in order; a do the
 *                                   one of its addr, else ENOENT), in an
 *                                   IPMI_LAN_A_TARGET nest:
 *       addr N | name S | ifnum N | attr TYPE HEX, then
 *       "identity" opens the IPMI_LAN_TARGET_A_IDENTITY nest for the
 *       identity tokens of "server" (device_id N ... guid HEX, attr),
 *       "stats" the IPMI_LAN_TARGET_A_STATS nest for fwd_requests N ...
 *       events_dropped N, attr and pad
 *   sol TOKEN...                    the GET_SOL reply, only these attrs in
 *                                   the IPMI_LAN_A_SOL nest:
 *       ldisc N | ldiscok N | enabled N | forceenc N | forceauth N |
 *       priv N | accum N | thresh N | retries N | interval N | rate N |
 *       vrate N | attr TYPE HEX
 *   soltty TOKEN...                 one tty of the GET_SOL_TTYS dump:
 *       name S | target N | active N | session N | user N | tx N | rx N |
 *       retries N | nacksent N | nackrecv N | dropped N | dups N |
 *       activations N | attr TYPE HEX | pad (IPMI_LAN_SOL_TTY_A_PAD)
 *   dumpintr CMD N                  the first N dumps of CMD carry
 *                                   NLM_F_DUMP_INTR (on every message)
 *   doneerror CMD ERRNO [MSG]       the dump of CMD ends with an
 *                                   NLMSG_DONE carrying -ERRNO and MSG
 *   error CMD ERRNO [capped] [MSG]  CMD (get_server, set_server,
 *                                   get_stats, get_user, ...) fails with
 *                                   ERRNO and the extack message MSG (rest
 *                                   of the line)
 *   warning CMD MSG                 CMD succeeds with an extack warning
 *   noreply CMD                     the reply of CMD is missing (ack only)
 *   silent CMD                      nothing at all comes back for CMD
 *
 * Notifications ("monitor"): the family's GETFAMILY reply lists the
 * multicast groups "config" (MOCK_GROUP - 1, a decoy) and "events"
 * (MOCK_GROUP); joining one is logged as "JOIN ID". Once joined, the
 * stream below is delivered, an item each time the tool waits for the
 * socket:
 *
 *   group missing                   no "events" group (an older module)
 *   joinerror ERRNO                 joining fails with ERRNO
 *   event [type N] [cmd N] TOKEN... a notification (of nlmsg type N,
 *                                   default the family, and genl command
 *                                   N, default IPMI_LAN_CMD_EVENT), only
 *                                   these attrs in the IPMI_LAN_A_EVENT
 *                                   nest:
 *       kind N | handle N | user N | instance N | cause N | peer HEX |
 *       v4 ADDR PORT | v6 ADDR PORT SCOPE | attr TYPE HEX
 *       (or "nonest": no attributes at all)
 *   recverror ERRNO                 the next receive fails with ERRNO
 *   events stdin                    after the event and recverror lines,
 *                                   more of them from the tool's standard
 *                                   input, one line at a time, until EOF
 *   end signal N                    then the mock sends itself signal N;
 *                                   without it, it waits for one
 *
 * Without directives, GET_SERVER, GET_STATS, GET_CHANNEL and GET_SOL
 * answer like a fresh, enabled instance (GET_SERVER without the identity, as a kernel
 * before it did); dumps are empty. Every request is logged, decoded, to
 * the file named by IPMI_LANCTL_MOCK_LOG, one line each: the command, then
 * " dump" for a dump, then the attributes as type=value/length.
 */
#define _GNU_SOURCE	/* ppoll */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>
#include <netlink/genl/genl.h>
#include <netlink/socket.h>

#include "nl.h"

#define MOCK_FAMILY	0x2a
#define MOCK_PORT	4242
#define MOCK_GROUP	23
#define MAX_QUEUE	256
#define MAX_LINES	128

static struct {
	void *buf;
	int len;
} queue[MAX_QUEUE];
static int queued;

static char *lines[MAX_LINES];
static int n_lines;

/* The notification stream, once the tool joined "events". */
static struct {
	bool joined;
	int next;		/* the next spec line to look at */
	bool from_stdin, stdin_done;
	int error;		/* recverror: the next receive fails */
	bool end_sent;
} stream;

static const char *const cmd_names[] = {
	[IPMI_LAN_CMD_GET_SERVER]	= "get_server",
	[IPMI_LAN_CMD_SET_SERVER]	= "set_server",
	[IPMI_LAN_CMD_GET_STATS]	= "get_stats",
	[IPMI_LAN_CMD_GET_USER]		= "get_user",
	[IPMI_LAN_CMD_SET_USER]		= "set_user",
	[IPMI_LAN_CMD_DEL_USER]		= "del_user",
	[IPMI_LAN_CMD_GET_CHANNEL]	= "get_channel",
	[IPMI_LAN_CMD_SET_CHANNEL]	= "set_channel",
	[IPMI_LAN_CMD_GET_SESSIONS]	= "get_sessions",
	[IPMI_LAN_CMD_SMI_ATTACH]	= "smi_attach",
	[IPMI_LAN_CMD_SMI_DETACH]	= "smi_detach",
	[IPMI_LAN_CMD_GET_FORWARD]	= "get_forward",
	[IPMI_LAN_CMD_ADD_FORWARD]	= "add_forward",
	[IPMI_LAN_CMD_DEL_FORWARD]	= "del_forward",
	[IPMI_LAN_CMD_GET_SOL]		= "get_sol",
	[IPMI_LAN_CMD_SET_SOL]		= "set_sol",
	[IPMI_LAN_CMD_GET_SOL_TTYS]	= "get_sol_ttys",
	[IPMI_LAN_CMD_GET_TARGET]	= "get_target",
	[IPMI_LAN_CMD_ADD_TARGET]	= "add_target",
	[IPMI_LAN_CMD_SET_TARGET]	= "set_target",
	[IPMI_LAN_CMD_DEL_TARGET]	= "del_target",
	[IPMI_LAN_CMD_SOL_ATTACH]	= "sol_attach",
};

static void die(const char *what)
{
	fprintf(stderr, "mock: %s\n", what);
	exit(99);
}

static void load_spec(void)
{
	const char *path = getenv("IPMI_LANCTL_MOCK");
	char buf[1024];
	FILE *f;

	if (!path)
		return;
	f = fopen(path, "r");
	if (!f)
		die("cannot open IPMI_LANCTL_MOCK");
	while (fgets(buf, sizeof(buf), f) && n_lines < MAX_LINES) {
		buf[strcspn(buf, "\n")] = '\0';
		if (buf[0] && buf[0] != '#')
			lines[n_lines++] = strdup(buf);
	}
	fclose(f);
}

/* The first directive line starting with "word" (and "arg" if given). */
static const char *find(const char *word, const char *arg)
{
	size_t wl = strlen(word), al = arg ? strlen(arg) : 0;
	int i;

	for (i = 0; i < n_lines; i++) {
		const char *l = lines[i];

		if (strncmp(l, word, wl) || (l[wl] != ' ' && l[wl] != '\0'))
			continue;
		l += wl;
		while (*l == ' ')
			l++;
		if (!arg)
			return l;
		if (!strncmp(l, arg, al) && (l[al] == ' ' || l[al] == '\0'))
			return l + al + (l[al] == ' ');
	}
	return NULL;
}

static void mlog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void mlog(const char *fmt, ...)
{
	const char *path = getenv("IPMI_LANCTL_MOCK_LOG");
	va_list ap;
	FILE *f;

	if (!path)
		return;
	f = fopen(path, "a");
	if (!f)
		die("cannot open IPMI_LANCTL_MOCK_LOG");
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
}

static void enqueue(struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	if (queued == MAX_QUEUE)
		die("queue full");
	queue[queued].buf = malloc(nlh->nlmsg_len);
	if (!queue[queued].buf)
		die("no memory");
	memcpy(queue[queued].buf, nlh, nlh->nlmsg_len);
	queue[queued].len = nlh->nlmsg_len;
	queued++;
	nlmsg_free(msg);
}

/* NLMSG_ERROR as netlink_ack() builds it, error 0 being an ack. */
static void send_error(const struct nlmsghdr *req, int error, bool capped,
		       const char *text)
{
	size_t echo = capped ? NLMSG_HDRLEN : req->nlmsg_len;
	struct nlmsgerr *e;
	struct nlmsghdr *nlh;
	struct nl_msg *msg;

	msg = nlmsg_alloc();
	if (!msg)
		die("no memory");
	nlh = nlmsg_put(msg, req->nlmsg_pid, req->nlmsg_seq, NLMSG_ERROR,
			sizeof(*e) - NLMSG_HDRLEN + echo, 0);
	if (!nlh)
		die("no room");
	e = nlmsg_data(nlh);
	e->error = -error;
	memcpy(&e->msg, req, echo);
	if (capped)
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	if (text && *text) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		if (nla_put_string(msg, NLMSGERR_ATTR_MSG, text) < 0 ||
		    nla_put_u32(msg, NLMSGERR_ATTR_OFFS, NLMSG_HDRLEN + 4) < 0)
			die("no room");
	}
	enqueue(msg);
}

static struct nl_msg *reply_new(const struct nlmsghdr *req, int type, int cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, req->nlmsg_pid, req->nlmsg_seq, type, 0,
				 0, cmd, 1))
		die("no memory");
	return msg;
}

static void put_hex(struct nl_msg *msg, int type, const char *hex)
{
	unsigned char b[256];
	size_t n = 0;

	while (hex && hex[0] && hex[1] && n < sizeof(b)) {
		sscanf(hex, "%2hhx", &b[n++]);
		hex += 2;
	}
	nla_put(msg, type, n, b);
}

static void getfamily(const struct nlmsghdr *req)
{
	struct nlattr *groups, *group;
	struct nl_msg *msg;

	mlog("GETFAMILY\n");
	if (find("family", "missing")) {
		send_error(req, ENOENT, false, "Unknown family");
		return;
	}
	msg = reply_new(req, GENL_ID_CTRL, CTRL_CMD_NEWFAMILY);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, IPMI_LAN_GENL_NAME);
	nla_put_u16(msg, CTRL_ATTR_FAMILY_ID, MOCK_FAMILY);
	nla_put_u32(msg, CTRL_ATTR_VERSION, IPMI_LAN_GENL_VERSION);
	groups = nla_nest_start(msg, CTRL_ATTR_MCAST_GROUPS);
	group = nla_nest_start(msg, 1);
	nla_put_u32(msg, CTRL_ATTR_MCAST_GRP_ID, MOCK_GROUP - 1);
	nla_put_string(msg, CTRL_ATTR_MCAST_GRP_NAME, "config");
	nla_nest_end(msg, group);
	if (!find("group", "missing")) {
		group = nla_nest_start(msg, 2);
		nla_put_u32(msg, CTRL_ATTR_MCAST_GRP_ID, MOCK_GROUP);
		nla_put_string(msg, CTRL_ATTR_MCAST_GRP_NAME,
			       IPMI_LAN_GENL_MCGRP_EVENTS);
		nla_nest_end(msg, group);
	}
	nla_nest_end(msg, groups);
	enqueue(msg);
	send_error(req, 0, true, NULL);
}

/* Reply tokens: "NAME VALUE" puts attribute type with VALUE. */
struct tdesc {
	const char *tok;
	int type;
	int size;		/* 1, 2, 4, 8: a number; 0: hex bytes; -1: string */
};

static const struct tdesc *tfind(const struct tdesc *t, const char *tok)
{
	for (; t->tok; t++) {
		if (!strcmp(t->tok, tok))
			return t;
	}
	return NULL;
}

static void put_token(struct nl_msg *msg, const struct tdesc *t,
		      const char *val)
{
	unsigned long long v = strtoull(val, NULL, 0);

	switch (t->size) {
	case 1:
		nla_put_u8(msg, t->type, v);
		break;
	case 2:
		nla_put_u16(msg, t->type, v);
		break;
	case 4:
		nla_put_u32(msg, t->type, v);
		break;
	case 8:
		nla_put_u64(msg, t->type, v);
		break;
	case 0:
		put_hex(msg, t->type, val);
		break;
	default:
		nla_put_string(msg, t->type, val);
	}
}

static const struct tdesc server_toks[] = {
	{ "device_id",		IPMI_LAN_A_SERVER_DEVICE_ID,		1 },
	{ "device_revision",	IPMI_LAN_A_SERVER_DEVICE_REVISION,	1 },
	{ "fw_major",		IPMI_LAN_A_SERVER_FW_MAJOR,		1 },
	{ "fw_minor",		IPMI_LAN_A_SERVER_FW_MINOR,		1 },
	{ "manufacturer",	IPMI_LAN_A_SERVER_MANUFACTURER,		4 },
	{ "product",		IPMI_LAN_A_SERVER_PRODUCT,		2 },
	{ "aux_fw",		IPMI_LAN_A_SERVER_AUX_FW,		4 },
	{ "guid",		IPMI_LAN_A_SERVER_GUID,			0 },
	{ "smi",		IPMI_LAN_A_SMI_IF_NUM,			4 },
	{ "fwd_timeout",	IPMI_LAN_A_FORWARD_TIMEOUT,		4 },
	{ NULL, 0, 0 }
};

static const struct tdesc forward_toks[] = {
	{ "netfn",	IPMI_LAN_FORWARD_A_NETFN,	1 },
	{ "cmd",	IPMI_LAN_FORWARD_A_CMD,		1 },
	{ "priv",	IPMI_LAN_FORWARD_A_PRIVILEGE,	1 },
	{ "owned",	IPMI_LAN_FORWARD_A_OWNED,	1 },
	{ "target",	IPMI_LAN_FORWARD_A_TARGET,	1 },
	{ NULL, 0, 0 }
};

static const struct tdesc target_toks[] = {
	{ "addr",	IPMI_LAN_TARGET_A_ADDR,		1 },
	{ "name",	IPMI_LAN_TARGET_A_NAME,		-1 },
	{ "ifnum",	IPMI_LAN_TARGET_A_IF_NUM,	4 },
	{ NULL, 0, 0 }
};

static const struct tdesc fwd_toks[] = {
	{ "fwd_requests",	IPMI_LAN_STATS_A_FWD_REQUESTS,	 8 },
	{ "fwd_replies",	IPMI_LAN_STATS_A_FWD_REPLIES,	 8 },
	{ "fwd_timeouts",	IPMI_LAN_STATS_A_FWD_TIMEOUTS,	 8 },
	{ "fwd_absorbed",	IPMI_LAN_STATS_A_FWD_ABSORBED,	 8 },
	{ "fwd_unmatched",	IPMI_LAN_STATS_A_FWD_UNMATCHED,	 8 },
	{ "local_requests",	IPMI_LAN_STATS_A_LOCAL_REQUESTS, 8 },
	{ "events_dropped",	IPMI_LAN_STATS_A_EVENTS_DROPPED, 8 },
	{ NULL, 0, 0 }
};

static const struct tdesc user_toks[] = {
	{ "id",		IPMI_LAN_USER_A_ID,		1 },
	{ "name",	IPMI_LAN_USER_A_NAME,		-1 },
	{ "haspw",	IPMI_LAN_USER_A_HAS_PASSWORD,	1 },
	{ "enabled",	IPMI_LAN_USER_A_ENABLED,	1 },
	{ "priv",	IPMI_LAN_USER_A_PRIVILEGE,	1 },
	{ "ipmi",	IPMI_LAN_USER_A_IPMI_MSG,	1 },
	{ "linkauth",	IPMI_LAN_USER_A_LINK_AUTH,	1 },
	{ "locked",	IPMI_LAN_USER_A_LOCKED,		1 },
	{ "sol",	IPMI_LAN_USER_A_SOL,		1 },
	{ "bridge",	IPMI_LAN_USER_A_BRIDGE_EMBEDDED, 1 },
	{ NULL, 0, 0 }
};

static const struct tdesc channel_toks[] = {
	{ "suites",	IPMI_LAN_CHANNEL_A_SUITES,		4 },
	{ "privs",	IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE,	0 },
	{ "priv",	IPMI_LAN_CHANNEL_A_PRIVILEGE,		1 },
	{ "haskg",	IPMI_LAN_CHANNEL_A_HAS_KG,		1 },
	{ "timeout",	IPMI_LAN_CHANNEL_A_SESSION_TIMEOUT,	4 },
	{ "maxsess",	IPMI_LAN_CHANNEL_A_MAX_SESSIONS,	1 },
	{ "lothresh",	IPMI_LAN_CHANNEL_A_LOCKOUT_THRESHOLD,	1 },
	{ "loreset",	IPMI_LAN_CHANNEL_A_LOCKOUT_RESET,	2 },
	{ "lointerval",	IPMI_LAN_CHANNEL_A_LOCKOUT_INTERVAL,	2 },
	{ "bridge",	IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED,	1 },
	{ NULL, 0, 0 }
};

static const struct tdesc session_toks[] = {
	{ "handle",	IPMI_LAN_SESSION_A_HANDLE,	1 },
	{ "id",		IPMI_LAN_SESSION_A_ID,		4 },
	{ "user",	IPMI_LAN_SESSION_A_USER_ID,	1 },
	{ "priv",	IPMI_LAN_SESSION_A_PRIVILEGE,	1 },
	{ "suite",	IPMI_LAN_SESSION_A_SUITE,	1 },
	{ "peer",	IPMI_LAN_SESSION_A_PEER,	0 },
	{ NULL, 0, 0 }
};

static const struct tdesc sol_toks[] = {
	{ "ldisc",	IPMI_LAN_SOL_A_LDISC,			4 },
	{ "ldiscok",	IPMI_LAN_SOL_A_LDISC_OK,		1 },
	{ "enabled",	IPMI_LAN_SOL_A_ENABLED,			1 },
	{ "forceenc",	IPMI_LAN_SOL_A_FORCE_ENCRYPTION,	1 },
	{ "forceauth",	IPMI_LAN_SOL_A_FORCE_AUTH,		1 },
	{ "priv",	IPMI_LAN_SOL_A_PRIVILEGE,		1 },
	{ "accum",	IPMI_LAN_SOL_A_ACCUMULATE,		1 },
	{ "thresh",	IPMI_LAN_SOL_A_THRESHOLD,		1 },
	{ "retries",	IPMI_LAN_SOL_A_RETRY_COUNT,		1 },
	{ "interval",	IPMI_LAN_SOL_A_RETRY_INTERVAL,		1 },
	{ "rate",	IPMI_LAN_SOL_A_BIT_RATE,		1 },
	{ "vrate",	IPMI_LAN_SOL_A_VOLATILE_BIT_RATE,	1 },
	{ NULL, 0, 0 }
};

static const struct tdesc soltty_toks[] = {
	{ "name",	IPMI_LAN_SOL_TTY_A_NAME,		-1 },
	{ "target",	IPMI_LAN_SOL_TTY_A_TARGET,		1 },
	{ "active",	IPMI_LAN_SOL_TTY_A_ACTIVE,		1 },
	{ "session",	IPMI_LAN_SOL_TTY_A_SESSION,		1 },
	{ "user",	IPMI_LAN_SOL_TTY_A_USER_ID,		1 },
	{ "tx",		IPMI_LAN_SOL_TTY_A_TX_BYTES,		8 },
	{ "rx",		IPMI_LAN_SOL_TTY_A_RX_BYTES,		8 },
	{ "retries",	IPMI_LAN_SOL_TTY_A_RETRIES,		8 },
	{ "nacksent",	IPMI_LAN_SOL_TTY_A_NACKS_SENT,		8 },
	{ "nackrecv",	IPMI_LAN_SOL_TTY_A_NACKS_RECEIVED,	8 },
	{ "dropped",	IPMI_LAN_SOL_TTY_A_DROPPED,		8 },
	{ "dups",	IPMI_LAN_SOL_TTY_A_DUPLICATES,		8 },
	{ "activations", IPMI_LAN_SOL_TTY_A_ACTIVATIONS,	8 },
	{ NULL, 0, 0 }
};

static const struct tdesc event_toks[] = {
	{ "kind",	IPMI_LAN_EVENT_A_KIND,		1 },
	{ "handle",	IPMI_LAN_EVENT_A_HANDLE,	1 },
	{ "user",	IPMI_LAN_EVENT_A_USER_ID,	1 },
	{ "instance",	IPMI_LAN_EVENT_A_INSTANCE,	1 },
	{ "cause",	IPMI_LAN_EVENT_A_CAUSE,		1 },
	{ "peer",	IPMI_LAN_EVENT_A_PEER,		0 },
	{ NULL, 0, 0 }
};

/* "v4 ADDR PORT" or "v6 ADDR PORT SCOPE": a struct sockaddr peer. */
static void put_peer(struct nl_msg *msg, int type, const char *tok,
		     char **save)
{
	const char *addr = strtok_r(NULL, " ", save);
	const char *port = strtok_r(NULL, " ", save);
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in sin = { .sin_family = AF_INET };

	if (!addr || !port)
		die("session: bad peer");
	if (!strcmp(tok, "v4") && inet_pton(AF_INET, addr, &sin.sin_addr)) {
		sin.sin_port = htons(atoi(port));
		nla_put(msg, type, sizeof(sin), &sin);
	} else if (!strcmp(tok, "v6") &&
		   inet_pton(AF_INET6, addr, &sin6.sin6_addr)) {
		const char *scope = strtok_r(NULL, " ", save);

		sin6.sin6_port = htons(atoi(port));
		sin6.sin6_scope_id = scope ? atoi(scope) : 0;
		nla_put(msg, type, sizeof(sin6), &sin6);
	} else {
		die("session: bad peer");
	}
}

/*
 * A target's "identity" or "stats": opens that nest (closing the one
 * open) for the tokens that follow, of table *cur.
 */
static bool target_nest(struct nl_msg *msg, const char *tok,
			struct nlattr **inner, const struct tdesc **cur)
{
	bool id = !strcmp(tok, "identity");

	if (!id && strcmp(tok, "stats"))
		return false;
	if (*inner)
		nla_nest_end(msg, *inner);
	*inner = nla_nest_start(msg, id ? IPMI_LAN_TARGET_A_IDENTITY :
					  IPMI_LAN_TARGET_A_STATS);
	*cur = id ? server_toks : fwd_toks;
	return true;
}

/*
 * A nest of type nest (0: top level) holding the tokens of spec, each
 * "NAME VALUE" of table, "attr TYPE HEX", or a peer (sessions, events),
 * or a padding attribute "pad" (sol ttys, in a target's nest).
 */
static void put_tokens(struct nl_msg *msg, int nest, const char *spec,
		       const struct tdesc *table)
{
	char *copy = strdup(spec), *save, *tok, *val;
	struct nlattr *start = nest ? nla_nest_start(msg, nest) : NULL;
	const struct tdesc *t, *cur = table;
	struct nlattr *inner = NULL;

	/* The kernel marks its nests; the tool takes them either way. */
	if (start && table == event_toks)
		start->nla_type |= NLA_F_NESTED;
	for (tok = strtok_r(copy, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		if ((table == session_toks || table == event_toks) &&
		    (!strcmp(tok, "v4") || !strcmp(tok, "v6"))) {
			put_peer(msg, table == session_toks ?
				 IPMI_LAN_SESSION_A_PEER : IPMI_LAN_EVENT_A_PEER,
				 tok, &save);
			continue;
		}
		if (table == target_toks &&
		    target_nest(msg, tok, &inner, &cur))
			continue;
		if ((table == soltty_toks || table == target_toks) &&
		    !strcmp(tok, "pad")) {
			nla_put(msg, table == soltty_toks ?
				IPMI_LAN_SOL_TTY_A_PAD : 0, 0, NULL);
			continue;
		}
		val = strtok_r(NULL, " ", &save);
		if (!val)
			die("missing value");
		t = tfind(cur, tok);
		if (t)
			put_token(msg, t, val);
		else if (!strcmp(tok, "attr"))
			put_hex(msg, atoi(val), strtok_r(NULL, " ", &save));
		else
			die("bad token");
	}
	if (inner)
		nla_nest_end(msg, inner);
	if (start)
		nla_nest_end(msg, start);
	free(copy);
}

static void server_reply(struct nl_msg *msg, const char *spec)
{
	char *copy = strdup(spec), *save, *tok, *val;
	struct nlattr *nest = NULL;
	unsigned char a[16];

	for (tok = strtok_r(copy, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		val = strtok_r(NULL, " ", &save);
		if (!val)
			die("server: missing value");
		if (!strcmp(tok, "enabled")) {
			nla_put_u8(msg, IPMI_LAN_A_SERVER_ENABLED, atoi(val));
		} else if (!strcmp(tok, "listening")) {
			nla_put_u8(msg, IPMI_LAN_A_SERVER_LISTENING, atoi(val));
		} else if (!strcmp(tok, "port")) {
			nla_put_u16(msg, IPMI_LAN_A_SERVER_PORT, atoi(val));
		} else if (!strcmp(tok, "attr")) {
			put_hex(msg, atoi(val), strtok_r(NULL, " ", &save));
		} else if (tfind(server_toks, tok)) {
			put_token(msg, tfind(server_toks, tok), val);
		} else {
			if (!nest)
				nest = nla_nest_start(msg,
						      IPMI_LAN_A_SERVER_LISTEN);
			if (!strcmp(tok, "v4") &&
			    inet_pton(AF_INET, val, a) == 1)
				nla_put(msg, IPMI_LAN_LISTEN_A_V4, 4, a);
			else if (!strcmp(tok, "v6") &&
				 inet_pton(AF_INET6, val, a) == 1)
				nla_put(msg, IPMI_LAN_LISTEN_A_V6, 16, a);
			else if (!strcmp(tok, "v4raw"))
				put_hex(msg, IPMI_LAN_LISTEN_A_V4, val);
			else
				die("server: bad token");
		}
	}
	if (nest)
		nla_nest_end(msg, nest);
	free(copy);
}

static void stats_reply(struct nl_msg *msg, const char *spec)
{
	static const char *const counters[] = {
		[IPMI_LAN_STATS_A_RX_PACKETS]	= "rx_packets",
		[IPMI_LAN_STATS_A_RX_BYTES]	= "rx_bytes",
		[IPMI_LAN_STATS_A_TX_PACKETS]	= "tx_packets",
		[IPMI_LAN_STATS_A_TX_BYTES]	= "tx_bytes",
		[IPMI_LAN_STATS_A_DROPS]	= "-",
		[IPMI_LAN_STATS_A_FWD_REQUESTS]	= "fwd_requests",
		[IPMI_LAN_STATS_A_FWD_REPLIES]	= "fwd_replies",
		[IPMI_LAN_STATS_A_FWD_TIMEOUTS]	= "fwd_timeouts",
		[IPMI_LAN_STATS_A_FWD_ABSORBED]	= "fwd_absorbed",
		[IPMI_LAN_STATS_A_FWD_UNMATCHED] = "fwd_unmatched",
		[IPMI_LAN_STATS_A_LOCAL_REQUESTS] = "local_requests",
		[IPMI_LAN_STATS_A_EVENTS_DROPPED] = "events_dropped",
	};
	char *copy = strdup(spec), *save, *tok, *val;
	struct nlattr *stats, *drops = NULL;
	int i;

	stats = nla_nest_start(msg, IPMI_LAN_A_STATS);
	for (tok = strtok_r(copy, " ", &save); tok;
	     tok = strtok_r(NULL, " ", &save)) {
		if (!strcmp(tok, "pad")) {	/* in the innermost nest */
			nla_put(msg, 0, 0, NULL);
			continue;
		}
		val = strtok_r(NULL, " ", &save);
		if (!val)
			die("stats: missing value");
		for (i = 1; i <= IPMI_LAN_STATS_A_EVENTS_DROPPED; i++) {
			if (!strcmp(tok, counters[i]))
				break;
		}
		if (i <= IPMI_LAN_STATS_A_EVENTS_DROPPED) {
			nla_put_u64(msg, i, strtoull(val, NULL, 0));
		} else if (!strcmp(tok, "attr")) {
			put_hex(msg, atoi(val), strtok_r(NULL, " ", &save));
		} else if (!strcmp(tok, "drop") || !strcmp(tok, "drop32")) {
			char *count = strtok_r(NULL, " ", &save);

			if (!count)
				die("stats: drop without count");
			if (!drops)
				drops = nla_nest_start(msg,
						       IPMI_LAN_STATS_A_DROPS);
			if (!strcmp(tok, "drop"))
				nla_put_u64(msg, atoi(val) + 1,
					    strtoull(count, NULL, 0));
			else
				nla_put_u32(msg, atoi(val) + 1,
					    strtoul(count, NULL, 0));
		} else {
			die("stats: bad token");
		}
	}
	if (drops)
		nla_nest_end(msg, drops);
	nla_nest_end(msg, stats);
	free(copy);
}

/* Request attributes in the log: " name=value/length". */
enum kind { K_U8, K_U16, K_U32, K_X32, K_HEX, K_STR };

struct adesc {
	int type;
	const char *name;
	enum kind kind;
};

static const struct adesc server_attrs[] = {
	{ IPMI_LAN_A_SERVER_ENABLED,		"enabled",	K_U8 },
	{ IPMI_LAN_A_SERVER_PORT,		"port",		K_U16 },
	{ IPMI_LAN_A_SERVER_DEVICE_ID,		"device_id",	K_U8 },
	{ IPMI_LAN_A_SERVER_DEVICE_REVISION,	"device_revision", K_U8 },
	{ IPMI_LAN_A_SERVER_FW_MAJOR,		"fw_major",	K_U8 },
	{ IPMI_LAN_A_SERVER_FW_MINOR,		"fw_minor",	K_U8 },
	{ IPMI_LAN_A_SERVER_MANUFACTURER,	"manufacturer",	K_U32 },
	{ IPMI_LAN_A_SERVER_PRODUCT,		"product",	K_U16 },
	{ IPMI_LAN_A_SERVER_AUX_FW,		"aux_fw",	K_U32 },
	{ IPMI_LAN_A_SERVER_GUID,		"guid",		K_HEX },
	{ IPMI_LAN_A_FORWARD_TIMEOUT,		"forward_timeout", K_U32 },
	{ 0, NULL, 0 }
};

static const struct adesc forward_attrs[] = {
	{ IPMI_LAN_FORWARD_A_NETFN,	"netfn",	K_U8 },
	{ IPMI_LAN_FORWARD_A_CMD,	"cmd",		K_U8 },
	{ IPMI_LAN_FORWARD_A_PRIVILEGE,	"privilege",	K_U8 },
	{ IPMI_LAN_FORWARD_A_OWNED,	"owned",	K_U8 },
	{ IPMI_LAN_FORWARD_A_TARGET,	"target",	K_U8 },
	{ 0, NULL, 0 }
};

static const struct adesc target_attrs[] = {
	{ IPMI_LAN_TARGET_A_ADDR,	"addr",		K_U8 },
	{ IPMI_LAN_TARGET_A_NAME,	"name",		K_STR },
	{ IPMI_LAN_TARGET_A_IF_NUM,	"if_num",	K_U32 },
	{ 0, NULL, 0 }
};

static const struct adesc user_attrs[] = {
	{ IPMI_LAN_USER_A_ID,		"id",		K_U8 },
	{ IPMI_LAN_USER_A_NAME,		"name",		K_STR },
	{ IPMI_LAN_USER_A_PASSWORD,	"password",	K_HEX },
	{ IPMI_LAN_USER_A_HAS_PASSWORD,	"has_password",	K_U8 },
	{ IPMI_LAN_USER_A_ENABLED,	"enabled",	K_U8 },
	{ IPMI_LAN_USER_A_PRIVILEGE,	"privilege",	K_U8 },
	{ IPMI_LAN_USER_A_IPMI_MSG,	"ipmi_msg",	K_U8 },
	{ IPMI_LAN_USER_A_LINK_AUTH,	"link_auth",	K_U8 },
	{ IPMI_LAN_USER_A_LOCKED,	"locked",	K_U8 },
	{ IPMI_LAN_USER_A_FLAGS,	"flags",	K_X32 },
	{ IPMI_LAN_USER_A_SOL,		"sol",		K_U8 },
	{ IPMI_LAN_USER_A_BRIDGE_EMBEDDED, "bridge_embedded", K_U8 },
	{ 0, NULL, 0 }
};

static const struct adesc channel_attrs[] = {
	{ IPMI_LAN_CHANNEL_A_SUITES,		"suites",	K_X32 },
	{ IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE,	"suite_privilege", K_HEX },
	{ IPMI_LAN_CHANNEL_A_PRIVILEGE,		"privilege",	K_U8 },
	{ IPMI_LAN_CHANNEL_A_KG,		"kg",		K_HEX },
	{ IPMI_LAN_CHANNEL_A_HAS_KG,		"has_kg",	K_U8 },
	{ IPMI_LAN_CHANNEL_A_SESSION_TIMEOUT,	"session_timeout", K_U32 },
	{ IPMI_LAN_CHANNEL_A_MAX_SESSIONS,	"max_sessions",	K_U8 },
	{ IPMI_LAN_CHANNEL_A_LOCKOUT_THRESHOLD,	"lockout_threshold", K_U8 },
	{ IPMI_LAN_CHANNEL_A_LOCKOUT_RESET,	"lockout_reset", K_U16 },
	{ IPMI_LAN_CHANNEL_A_LOCKOUT_INTERVAL,	"lockout_interval", K_U16 },
	{ IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED,	"bridge_embedded", K_U8 },
	{ 0, NULL, 0 }
};

static const struct adesc sol_attrs[] = {
	{ IPMI_LAN_SOL_A_LDISC,			"ldisc",	K_U32 },
	{ IPMI_LAN_SOL_A_LDISC_OK,		"ldisc_ok",	K_U8 },
	{ IPMI_LAN_SOL_A_ENABLED,		"enabled",	K_U8 },
	{ IPMI_LAN_SOL_A_FORCE_ENCRYPTION,	"force_encryption", K_U8 },
	{ IPMI_LAN_SOL_A_FORCE_AUTH,		"force_auth",	K_U8 },
	{ IPMI_LAN_SOL_A_PRIVILEGE,		"privilege",	K_U8 },
	{ IPMI_LAN_SOL_A_ACCUMULATE,		"accumulate",	K_U8 },
	{ IPMI_LAN_SOL_A_THRESHOLD,		"threshold",	K_U8 },
	{ IPMI_LAN_SOL_A_RETRY_COUNT,		"retry_count",	K_U8 },
	{ IPMI_LAN_SOL_A_RETRY_INTERVAL,	"retry_interval", K_U8 },
	{ IPMI_LAN_SOL_A_BIT_RATE,		"bit_rate",	K_U8 },
	{ IPMI_LAN_SOL_A_VOLATILE_BIT_RATE,	"volatile_bit_rate", K_U8 },
	{ 0, NULL, 0 }
};

static const struct adesc sol_tty_attrs[] = {
	{ IPMI_LAN_SOL_TTY_A_TARGET,		"target",	K_U8 },
	{ IPMI_LAN_SOL_TTY_A_DEV_MAJOR,		"dev_major",	K_U32 },
	{ IPMI_LAN_SOL_TTY_A_DEV_MINOR,		"dev_minor",	K_U32 },
	{ 0, NULL, 0 }
};

static void log_attr(const struct nlattr *a, const struct adesc *d)
{
	const unsigned char *p = nla_data(a);
	int i, len = nla_len(a);
	uint32_t v = 0;

	memcpy(&v, p, len < 4 ? len : 4);
	mlog(" %s=", d->name);
	switch (d->kind) {
	case K_U8:
		mlog("%u", v & 0xff);
		break;
	case K_U16:
		mlog("%u", v & 0xffff);
		break;
	case K_U32:
		mlog("%u", v);
		break;
	case K_X32:
		mlog("0x%x", v);
		break;
	case K_HEX:
		for (i = 0; i < len; i++)
			mlog("%02x", p[i]);
		break;
	case K_STR:
		mlog("\"%.*s\"", len, (const char *)p);
		break;
	}
	mlog("/%d", len);
}

static void log_attrs(struct nlattr *head, int len, const struct adesc *desc)
{
	const struct adesc *d;
	struct nlattr *a;
	int rem;

	nla_for_each_attr(a, head, len, rem) {
		for (d = desc; d->name; d++) {
			if (d->type == a->nla_type)
				break;
		}
		if (d->name)
			log_attr(a, d);
		else
			mlog(" bad-%d/%d", a->nla_type, nla_len(a));
	}
}

static void log_listen(struct nlattr *a)
{
	char buf[INET6_ADDRSTRLEN];
	struct nlattr *l;
	int rem;

	mlog(" listen{");
	nla_for_each_nested(l, a, rem) {
		if (l->nla_type == IPMI_LAN_LISTEN_A_V4 && nla_len(l) == 4)
			mlog(" v4=%s", inet_ntop(AF_INET, nla_data(l), buf,
						 sizeof(buf)));
		else if (l->nla_type == IPMI_LAN_LISTEN_A_V6 &&
			 nla_len(l) == 16)
			mlog(" v6=%s", inet_ntop(AF_INET6, nla_data(l), buf,
						 sizeof(buf)));
		else
			mlog(" bad-%d/%d", l->nla_type, nla_len(l));
	}
	mlog(" }");
}

/* " target{ addr=.. name=.. identity{ device_id=.. } }" */
static void log_target(struct nlattr *target)
{
	struct nlattr *a;
	int rem;

	mlog(" target{");
	nla_for_each_nested(a, target, rem) {
		if (a->nla_type == (IPMI_LAN_TARGET_A_IDENTITY | NLA_F_NESTED)) {
			mlog(" identity{");
			log_attrs(nla_data(a), nla_len(a), server_attrs);
			mlog(" }");
		} else {
			log_attrs(a, NLA_ALIGN(a->nla_len), target_attrs);
		}
	}
	mlog(" }");
}

/* Decode a request into the log; nests must carry NLA_F_NESTED. */
static void log_request(const struct nlmsghdr *nlh)
{
	struct nlattr *a, *one;
	int rem;

	nlmsg_for_each_attr(a, nlh, GENL_HDRLEN, rem) {
		switch (a->nla_type) {
		case IPMI_LAN_A_SERVER_LISTEN | NLA_F_NESTED:
			log_listen(a);
			break;
		case IPMI_LAN_A_USER | NLA_F_NESTED:
			mlog(" user{");
			log_attrs(nla_data(a), nla_len(a), user_attrs);
			mlog(" }");
			break;
		case IPMI_LAN_A_CHANNEL | NLA_F_NESTED:
			mlog(" channel{");
			log_attrs(nla_data(a), nla_len(a), channel_attrs);
			mlog(" }");
			break;
		case IPMI_LAN_A_FORWARD | NLA_F_NESTED:
			mlog(" forward{");
			log_attrs(nla_data(a), nla_len(a), forward_attrs);
			mlog(" }");
			break;
		case IPMI_LAN_A_SOL | NLA_F_NESTED:
			mlog(" sol{");
			log_attrs(nla_data(a), nla_len(a), sol_attrs);
			mlog(" }");
			break;
		case IPMI_LAN_A_TARGET | NLA_F_NESTED:
			log_target(a);
			break;
		case IPMI_LAN_A_SOL_TTY | NLA_F_NESTED:
			mlog(" sol_tty{");
			log_attrs(nla_data(a), nla_len(a), sol_tty_attrs);
			mlog(" }");
			break;
		default:
			/* One attribute at a time, through the table. */
			one = a;
			log_attrs(one, NLA_ALIGN(one->nla_len), server_attrs);
		}
	}
}

/*
 * The u8 attribute type in the nest nest of a do request (the user id of
 * GET_USER, the address of GET_TARGET), 0 if none.
 */
static int request_u8(const struct nlmsghdr *nlh, int nest, int type)
{
	struct nlattr *a, *u;
	int rem, urem;

	nlmsg_for_each_attr(a, nlh, GENL_HDRLEN, rem) {
		if (nla_type(a) != nest)
			continue;
		nla_for_each_nested(u, a, urem) {
			if (nla_type(u) == type)
				return nla_get_u8(u);
		}
	}
	return 0;
}

/* The nth line starting with word, NULL after the last. */
static const char *find_nth(const char *word, int n)
{
	size_t wl = strlen(word);
	int i;

	for (i = 0; i < n_lines; i++) {
		if (strncmp(lines[i], word, wl) || lines[i][wl] != ' ')
			continue;
		if (n-- == 0)
			return lines[i] + wl + 1;
	}
	return NULL;
}

static void generated_user(char *buf, size_t size, int k)
{
	snprintf(buf, size, "id %d name user%d haspw 1 enabled 1 priv 4 "
		 "ipmi 1 linkauth 0 locked 0 sol 1", k + 2, k + 2);
}

static void generated_session(char *buf, size_t size, int k)
{
	snprintf(buf, size, "handle %d id %u user 2 priv 4 suite 17 "
		 "v4 192.0.2.%d %d", k + 1, 0x1000 + k, k + 1, 40000 + k);
}

/* The nth entry of a dump: the directive lines, then generated ones. */
static const char *entry(const char *word, const char *many, int n,
			 char *buf, size_t size, void (*gen)(char *, size_t, int))
{
	const char *spec = find_nth(word, n);
	int count = 0, listed = 0;

	if (spec)
		return spec;
	while (find_nth(word, listed))
		listed++;
	spec = find(many, NULL);
	if (spec)
		count = atoi(spec);
	if (n - listed >= count)
		return NULL;
	gen(buf, size, n - listed);
	return buf;
}

static void send_done(const struct nlmsghdr *req, int error, const char *text,
		      int flags)
{
	struct nlmsghdr *nlh;
	struct nl_msg *msg;
	int e = -error;

	msg = nlmsg_alloc();
	if (!msg)
		die("no memory");
	nlh = nlmsg_put(msg, req->nlmsg_pid, req->nlmsg_seq, NLMSG_DONE,
			sizeof(e), NLM_F_MULTI | flags);
	if (!nlh)
		die("no room");
	memcpy(nlmsg_data(nlh), &e, sizeof(e));
	if (text && *text) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		if (nla_put_string(msg, NLMSGERR_ATTR_MSG, text) < 0)
			die("no room");
	}
	enqueue(msg);
}

static void dump(const struct nlmsghdr *req, int cmd, const char *name)
{
	static int dumps;	/* of this process, for dumpintr */
	const char *word = cmd == IPMI_LAN_CMD_GET_USER ? "user" :
			   cmd == IPMI_LAN_CMD_GET_FORWARD ? "forward" :
			   cmd == IPMI_LAN_CMD_GET_TARGET ? "target" :
			   cmd == IPMI_LAN_CMD_GET_SOL_TTYS ? "soltty" : "session";
	const char *spec, *intr = find("dumpintr", name);
	int flags = 0, n;
	struct nl_msg *reply;
	char buf[256], *end;

	if (intr && dumps++ < atoi(intr))
		flags = NLM_F_DUMP_INTR;
	for (n = 0;; n++) {
		if (cmd == IPMI_LAN_CMD_GET_USER)
			spec = entry(word, "users", n, buf, sizeof(buf),
				     generated_user);
		else if (cmd == IPMI_LAN_CMD_GET_FORWARD ||
			 cmd == IPMI_LAN_CMD_GET_SOL_TTYS ||
			 cmd == IPMI_LAN_CMD_GET_TARGET)
			spec = find_nth(word, n);
		else
			spec = entry(word, "sessions", n, buf, sizeof(buf),
				     generated_session);
		if (!spec)
			break;
		reply = reply_new(req, MOCK_FAMILY, cmd);
		nlmsg_hdr(reply)->nlmsg_flags |= NLM_F_MULTI | flags;
		if (cmd == IPMI_LAN_CMD_GET_USER)
			put_tokens(reply, IPMI_LAN_A_USER, spec, user_toks);
		else if (cmd == IPMI_LAN_CMD_GET_FORWARD)
			put_tokens(reply, IPMI_LAN_A_FORWARD, spec,
				   forward_toks);
		else if (cmd == IPMI_LAN_CMD_GET_SOL_TTYS)
			put_tokens(reply, IPMI_LAN_A_SOL_TTY, spec, soltty_toks);
		else if (cmd == IPMI_LAN_CMD_GET_TARGET)
			put_tokens(reply, IPMI_LAN_A_TARGET, spec, target_toks);
		else
			put_tokens(reply, IPMI_LAN_A_SESSION, spec, session_toks);
		enqueue(reply);
	}
	spec = find("doneerror", name);
	if (spec) {
		n = strtol(spec, &end, 10);
		send_done(req, n, end + (*end == ' '), flags);
	} else {
		send_done(req, 0, NULL, flags);
	}
}

/* The reply of a do: the entry spec in a nest, or ENOENT if none. */
static void reply_entry(const struct nlmsghdr *req, struct nl_msg *reply,
			const char *spec, int nest, const struct tdesc *table,
			const char *missing)
{
	if (!spec) {
		nlmsg_free(reply);
		send_error(req, ENOENT, false, missing);
		return;
	}
	put_tokens(reply, nest, spec, table);
	enqueue(reply);
	send_error(req, 0, true, NULL);
}

/* The user of a GET_USER do, or ENOENT. */
static void get_user(const struct nlmsghdr *req, struct nl_msg *reply)
{
	int id = request_u8(req, IPMI_LAN_A_USER, IPMI_LAN_USER_A_ID), n;
	const char *spec;
	char buf[256];

	for (n = 0; (spec = entry("user", "users", n, buf, sizeof(buf),
				  generated_user)); n++) {
		if (!strncmp(spec, "id ", 3) && atoi(spec + 3) == id)
			break;
	}
	reply_entry(req, reply, spec, IPMI_LAN_A_USER, user_toks,
		    "no user with this ID");
}

/* The target of a GET_TARGET do, or ENOENT. */
static void get_target(const struct nlmsghdr *req, struct nl_msg *reply)
{
	int addr = request_u8(req, IPMI_LAN_A_TARGET, IPMI_LAN_TARGET_A_ADDR);
	const char *spec;
	int n;

	for (n = 0; (spec = find_nth("target", n)); n++) {
		if (!strncmp(spec, "addr ", 5) &&
		    strtol(spec + 5, NULL, 0) == addr)
			break;
	}
	reply_entry(req, reply, spec, IPMI_LAN_A_TARGET, target_toks,
		    "no such target");
}

static void do_reply(const struct nlmsghdr *nlh, int cmd, const char *name)
{
	struct nl_msg *reply = NULL;
	const char *spec;

	if (cmd == IPMI_LAN_CMD_GET_USER && !find("noreply", name)) {
		get_user(nlh, reply_new(nlh, MOCK_FAMILY, cmd));
		return;
	}
	if (cmd == IPMI_LAN_CMD_GET_TARGET && !find("noreply", name)) {
		get_target(nlh, reply_new(nlh, MOCK_FAMILY, cmd));
		return;
	}
	if ((cmd == IPMI_LAN_CMD_GET_SERVER || cmd == IPMI_LAN_CMD_GET_STATS ||
	     cmd == IPMI_LAN_CMD_GET_CHANNEL || cmd == IPMI_LAN_CMD_GET_SOL) &&
	    !find("noreply", name))
		reply = reply_new(nlh, MOCK_FAMILY, cmd);
	if (reply && cmd == IPMI_LAN_CMD_GET_SERVER) {
		spec = find("server", NULL);
		server_reply(reply, spec ? spec :
			     "enabled 1 port 623 listening 1 v4 0.0.0.0 v6 ::");
	} else if (reply && cmd == IPMI_LAN_CMD_GET_STATS) {
		spec = find("stats", NULL);
		stats_reply(reply, spec ? spec :
			    "rx_packets 0 rx_bytes 0 tx_packets 0 tx_bytes 0");
	} else if (reply && cmd == IPMI_LAN_CMD_GET_SOL) {
		spec = find("sol", NULL);
		put_tokens(reply, IPMI_LAN_A_SOL, spec ? spec :
			   "ldisc 29 ldiscok 1 enabled 1 forceenc 0 forceauth 0 "
			   "priv 2 accum 12 thresh 96 retries 7 interval 20 "
			   "rate 0 vrate 0", sol_toks);
	} else if (reply) {
		spec = find("channel", NULL);
		put_tokens(reply, IPMI_LAN_A_CHANNEL, spec ? spec :
			   "suites 0x20008 privs "
			   "0402040404040204040404040404040204040404 "
			   "priv 4 haskg 0 timeout 60 maxsess 32 lothresh 0 "
			   "loreset 60 lointerval 300 bridge 0", channel_toks);
	}
	if (reply)
		enqueue(reply);
	send_error(nlh, 0, true, find("warning", name));
}

static int mock_send(struct nl_sock *sk, struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(nlh);
	bool is_dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	const char *name, *spec;

	(void)sk;
	if (!(nlh->nlmsg_flags & NLM_F_REQUEST))
		die("request without NLM_F_REQUEST");
	if (!is_dump && !(nlh->nlmsg_flags & NLM_F_ACK))
		die("do request without NLM_F_ACK");
	if (is_dump && (nlh->nlmsg_flags & NLM_F_ACK))
		die("dump request with NLM_F_ACK");
	if (nlh->nlmsg_type == GENL_ID_CTRL && g->cmd == CTRL_CMD_GETFAMILY) {
		getfamily(nlh);
		return nlh->nlmsg_len;
	}
	if (nlh->nlmsg_type != MOCK_FAMILY || g->cmd < 1 ||
	    g->cmd > IPMI_LAN_CMD_MAX || g->version != IPMI_LAN_GENL_VERSION)
		die("request for an unknown family, command or version");
	if (is_dump && g->cmd != IPMI_LAN_CMD_GET_USER &&
	    g->cmd != IPMI_LAN_CMD_GET_TARGET &&
	    g->cmd != IPMI_LAN_CMD_GET_SESSIONS &&
	    g->cmd != IPMI_LAN_CMD_GET_FORWARD &&
	    g->cmd != IPMI_LAN_CMD_GET_SOL_TTYS)
		die("dump of a command that has none");
	if (!is_dump && (g->cmd == IPMI_LAN_CMD_GET_SESSIONS ||
			 g->cmd == IPMI_LAN_CMD_GET_FORWARD ||
			 g->cmd == IPMI_LAN_CMD_GET_SOL_TTYS))
		die("GET_SESSIONS, GET_FORWARD and GET_SOL_TTYS are dumps");

	name = cmd_names[g->cmd];
	mlog("%s%s", name, is_dump ? " dump" : "");
	log_request(nlh);
	mlog("\n");

	if (find("silent", name))
		return nlh->nlmsg_len;
	spec = find("error", name);
	if (spec) {
		char *end;
		int err = strtol(spec, &end, 10);
		bool capped = !strncmp(end, " capped", 7);

		if (capped)
			end += 7;
		send_error(nlh, err, capped, end + (*end == ' '));
		return nlh->nlmsg_len;
	}

	if (is_dump)
		dump(nlh, g->cmd, name);
	else
		do_reply(nlh, g->cmd, name);
	return nlh->nlmsg_len;
}

static int mock_recv(struct nl_sock *sk, struct sockaddr_nl *nla,
		     unsigned char **buf, struct ucred **creds)
{
	int len;

	(void)sk;
	(void)creds;
	if (!queued && stream.error) {
		len = stream.error;
		stream.error = 0;
		return -nl_syserr2nlerr(len);
	}
	if (!queued)
		return -NLE_AGAIN;
	memset(nla, 0, sizeof(*nla));
	nla->nl_family = AF_NETLINK;
	*buf = queue[0].buf;
	len = queue[0].len;
	memmove(queue, queue + 1, --queued * sizeof(queue[0]));
	return len;
}

/* The rest of line after word and a space, if line starts with word. */
static const char *word(const char *line, const char *word)
{
	size_t wl = strlen(word);

	if (strncmp(line, word, wl) || (line[wl] != ' ' && line[wl] != '\0'))
		return NULL;
	return line + wl + (line[wl] == ' ');
}

/* "[type N] [cmd N] TOKEN...": one notification, like the kernel's. */
static void notify(const char *spec)
{
	int type = MOCK_FAMILY, cmd = IPMI_LAN_CMD_EVENT;
	const char *rest;
	struct nl_msg *msg;
	char *end;

	rest = word(spec, "type");
	if (rest) {
		type = strtol(rest, &end, 0);
		spec = end + (*end == ' ');
	}
	rest = word(spec, "cmd");
	if (rest) {
		cmd = strtol(rest, &end, 0);
		spec = end + (*end == ' ');
	}
	msg = nlmsg_alloc();
	if (!msg || !genlmsg_put(msg, 0, 0, type, 0, 0, cmd, 1))
		die("no memory");
	if (strcmp(spec, "nonest"))
		put_tokens(msg, IPMI_LAN_A_EVENT, spec, event_toks);
	enqueue(msg);
}

/* An item of the stream: a notification queued, or an error armed. */
static bool stream_item(const char *line)
{
	const char *rest = word(line, "event");

	if (rest) {
		notify(rest);
		return true;
	}
	rest = word(line, "recverror");
	if (rest) {
		stream.error = atoi(rest);
		return true;
	}
	return false;
}

/* A line of standard input, without its newline; NULL at EOF. */
static char *stdin_line(char *buf, size_t size)
{
	size_t n = 0;
	ssize_t r;
	char c;

	for (;;) {
		r = read(STDIN_FILENO, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return n ? (buf[n] = '\0', buf) : NULL;
		if (c == '\n')
			break;
		if (n + 1 < size)
			buf[n++] = c;
	}
	buf[n] = '\0';
	return buf;
}

int ipmi_nl_sock_join(struct nl_sock *sk, int group)
{
	const char *err = find("joinerror", NULL);

	(void)sk;
	mlog("JOIN %d\n", group);
	if (err)
		return -nl_syserr2nlerr(atoi(err));
	stream.joined = true;
	stream.from_stdin = find("events", "stdin");
	return 0;
}

/*
 * Ready when something is queued or an error armed; else the next item of
 * the stream: the spec's, then standard input's. When there are none
 * left, "end signal N", then wait for a signal.
 */
int ipmi_nl_sock_wait(struct nl_sock *sk, const sigset_t *mask)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	const char *end;
	char buf[1024];

	(void)sk;
	if (!stream.joined)
		die("waiting on a socket that joined no group");
	for (;;) {
		if (queued || stream.error)
			return 1;
		if (stream.next < n_lines) {
			stream_item(lines[stream.next++]);
			continue;
		}
		if (stream.from_stdin && !stream.stdin_done) {
			if (ppoll(&pfd, 1, NULL, mask) < 0) {
				if (errno == EINTR)
					return 0;
				die("ppoll");
			}
			if (!stdin_line(buf, sizeof(buf)))
				stream.stdin_done = true;
			else if (!stream_item(buf))
				die("stdin: not an event or recverror line");
			continue;
		}
		end = find("end", "signal");
		if (end && !stream.end_sent) {
			stream.end_sent = true;
			kill(getpid(), atoi(end));
		}
		if (ppoll(NULL, 0, NULL, mask) < 0 && errno == EINTR)
			return 0;
	}
}

int ipmi_nl_sock_open(struct nl_sock **skp)
{
	struct nl_sock *sk;
	struct nl_cb *cb;

	load_spec();
	sk = nl_socket_alloc();
	if (!sk)
		return -NLE_NOMEM;
	nl_socket_set_local_port(sk, MOCK_PORT);
	cb = nl_socket_get_cb(sk);
	nl_cb_overwrite_send(cb, mock_send);
	nl_cb_overwrite_recv(cb, mock_recv);
	nl_cb_put(cb);
	*skp = sk;
	return 0;
}
