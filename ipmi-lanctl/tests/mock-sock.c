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
 *   server TOKEN...                 the GET_SERVER reply, only these attrs:
 *       enabled N | port N | listening N | v4 ADDR | v6 ADDR |
 *       v4raw HEX | attr TYPE HEX (top level)
 *   stats TOKEN...                  the GET_STATS reply, only these attrs
 *                                   (drop tokens last):
 *       rx_packets N | rx_bytes N | tx_packets N | tx_bytes N |
 *       drop REASON N | drop32 REASON N | attr TYPE HEX (in stats) |
 *       pad (a padding attribute, type 0, in the innermost open nest)
 *   error CMD ERRNO [capped] [MSG]  CMD (get_server, set_server,
 *                                   get_stats) fails with ERRNO and the
 *                                   extack message MSG (rest of the line)
 *   warning CMD MSG                 CMD succeeds with an extack warning
 *   noreply CMD                     the reply of CMD is missing (ack only)
 *   silent CMD                      nothing at all comes back for CMD
 *
 * Without directives, GET_SERVER and GET_STATS answer like a fresh,
 * enabled instance. Every request is logged, decoded, to the file named by
 * IPMI_LANCTL_MOCK_LOG, one line each.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/genetlink.h>
#include <netlink/genl/genl.h>
#include <netlink/socket.h>

#include "nl.h"

#define MOCK_FAMILY	0x2a
#define MOCK_PORT	4242
#define MAX_QUEUE	8
#define MAX_LINES	64

static struct {
	void *buf;
	int len;
} queue[MAX_QUEUE];
static int queued;

static char *lines[MAX_LINES];
static int n_lines;

static const char *const cmd_names[] = {
	[IPMI_LAN_CMD_GET_SERVER]	= "get_server",
	[IPMI_LAN_CMD_SET_SERVER]	= "set_server",
	[IPMI_LAN_CMD_GET_STATS]	= "get_stats",
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
	enqueue(msg);
	send_error(req, 0, true, NULL);
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
		for (i = 1; i <= IPMI_LAN_STATS_A_TX_BYTES; i++) {
			if (!strcmp(tok, counters[i]))
				break;
		}
		if (i <= IPMI_LAN_STATS_A_TX_BYTES) {
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

/* Decode a SET_SERVER request into the log. */
static void log_set(const struct nlmsghdr *nlh)
{
	struct nlattr *a, *l;
	char buf[INET6_ADDRSTRLEN];
	int rem, lrem;

	nlmsg_for_each_attr(a, nlh, GENL_HDRLEN, rem) {
		switch (a->nla_type) {
		case IPMI_LAN_A_SERVER_ENABLED:
			mlog(" enabled=%u/%d", nla_get_u8(a), nla_len(a));
			break;
		case IPMI_LAN_A_SERVER_PORT:
			mlog(" port=%u/%d", nla_get_u16(a), nla_len(a));
			break;
		case IPMI_LAN_A_SERVER_LISTEN | NLA_F_NESTED:
			mlog(" listen{");
			nla_for_each_nested(l, a, lrem) {
				if (l->nla_type == IPMI_LAN_LISTEN_A_V4 &&
				    nla_len(l) == 4)
					mlog(" v4=%s", inet_ntop(AF_INET,
						nla_data(l), buf, sizeof(buf)));
				else if (l->nla_type == IPMI_LAN_LISTEN_A_V6 &&
					 nla_len(l) == 16)
					mlog(" v6=%s", inet_ntop(AF_INET6,
						nla_data(l), buf, sizeof(buf)));
				else
					mlog(" bad-%d/%d", l->nla_type,
					     nla_len(l));
			}
			mlog(" }");
			break;
		default:
			mlog(" bad-%d/%d", a->nla_type, nla_len(a));
		}
	}
}

static int mock_send(struct nl_sock *sk, struct nl_msg *msg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct genlmsghdr *g = nlmsg_data(nlh);
	const char *name, *spec;
	struct nl_msg *reply;

	(void)sk;
	if (!(nlh->nlmsg_flags & NLM_F_REQUEST) ||
	    !(nlh->nlmsg_flags & NLM_F_ACK))
		die("request without NLM_F_REQUEST|NLM_F_ACK");
	if (nlh->nlmsg_type == GENL_ID_CTRL && g->cmd == CTRL_CMD_GETFAMILY) {
		getfamily(nlh);
		return nlh->nlmsg_len;
	}
	if (nlh->nlmsg_type != MOCK_FAMILY || g->cmd < 1 ||
	    g->cmd > IPMI_LAN_CMD_MAX || g->version != IPMI_LAN_GENL_VERSION)
		die("request for an unknown family, command or version");

	name = cmd_names[g->cmd];
	mlog("%s", name);
	if (g->cmd == IPMI_LAN_CMD_SET_SERVER)
		log_set(nlh);
	else if (nlmsg_attrlen(nlh, GENL_HDRLEN))
		mlog(" unexpected-attributes");
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

	if (g->cmd != IPMI_LAN_CMD_SET_SERVER && !find("noreply", name)) {
		reply = reply_new(nlh, MOCK_FAMILY, g->cmd);
		if (g->cmd == IPMI_LAN_CMD_GET_SERVER) {
			spec = find("server", NULL);
			server_reply(reply, spec ? spec :
				     "enabled 1 port 623 listening 1 v4 0.0.0.0 v6 ::");
		} else {
			spec = find("stats", NULL);
			stats_reply(reply, spec ? spec :
				    "rx_packets 0 rx_bytes 0 tx_packets 0 tx_bytes 0");
		}
		enqueue(reply);
	}
	send_error(nlh, 0, true, find("warning", name));
	return nlh->nlmsg_len;
}

static int mock_recv(struct nl_sock *sk, struct sockaddr_nl *nla,
		     unsigned char **buf, struct ucred **creds)
{
	int len;

	(void)sk;
	(void)creds;
	if (!queued)
		return -NLE_AGAIN;
	memset(nla, 0, sizeof(*nla));
	nla->nl_family = AF_NETLINK;
	*buf = queue[0].buf;
	len = queue[0].len;
	memmove(queue, queue + 1, --queued * sizeof(queue[0]));
	return len;
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
