// SPDX-License-Identifier: GPL-2.0
/*
 * Do requests to the ipmi_lan generic netlink family and the kernel's
 * answers: a reply (for GET commands), then an ack or an error carrying an
 * extended ack message, which libnl 3.7 does not print by itself. And the
 * family's notifications, for "monitor".
 */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/socket.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

static struct nl_sock *sock;
static int family;

/* Quiet mode (the chassis service): errors are kept, not printed. */
static bool quiet;
static int last_errno;
static char last_error[512];

/* The top-level attributes of the replies; nests are parsed by the objects. */
static struct nla_policy attr_policy[IPMI_LAN_A_MAX + 1] = {
	[IPMI_LAN_A_SERVER_ENABLED]	= { .type = NLA_U8 },
	[IPMI_LAN_A_SERVER_PORT]	= { .type = NLA_U16 },
	[IPMI_LAN_A_SERVER_LISTEN]	= { .type = NLA_NESTED },
	[IPMI_LAN_A_SERVER_LISTENING]	= { .type = NLA_U8 },
	[IPMI_LAN_A_STATS]		= { .type = NLA_NESTED },
	[IPMI_LAN_A_SERVER_DEVICE_ID]	= { .type = NLA_U8 },
	[IPMI_LAN_A_SERVER_DEVICE_REVISION] = { .type = NLA_U8 },
	[IPMI_LAN_A_SERVER_FW_MAJOR]	= { .type = NLA_U8 },
	[IPMI_LAN_A_SERVER_FW_MINOR]	= { .type = NLA_U8 },
	[IPMI_LAN_A_SERVER_MANUFACTURER] = { .type = NLA_U32 },
	[IPMI_LAN_A_SERVER_PRODUCT]	= { .type = NLA_U16 },
	[IPMI_LAN_A_SERVER_AUX_FW]	= { .type = NLA_U32 },
	[IPMI_LAN_A_SERVER_GUID]	= { .minlen = 16, .maxlen = 16 },
	[IPMI_LAN_A_USER]		= { .type = NLA_NESTED },
	[IPMI_LAN_A_CHANNEL]		= { .type = NLA_NESTED },
	[IPMI_LAN_A_SESSION]		= { .type = NLA_NESTED },
	[IPMI_LAN_A_SMI_IF_NUM]		= { .type = NLA_U32 },
	[IPMI_LAN_A_FORWARD_TIMEOUT]	= { .type = NLA_U32 },
	[IPMI_LAN_A_FORWARD]		= { .type = NLA_NESTED },
	[IPMI_LAN_A_SOL]		= { .type = NLA_NESTED },
	[IPMI_LAN_A_SOL_TTY]		= { .type = NLA_NESTED },
	[IPMI_LAN_A_EVENT]		= { .type = NLA_NESTED },
	[IPMI_LAN_A_TARGET]		= { .type = NLA_NESTED },
};

/* How many times a dump the kernel marks NLM_F_DUMP_INTR is started over. */
#define DUMP_RETRIES 2

struct nl_req {
	nl_reply_fn reply;
	void *arg;
	bool dump;		/* a dump: ends with NLMSG_DONE, not an ack */
	bool interrupted;	/* NLM_F_DUMP_INTR seen */
	bool done;		/* ack, NLMSG_DONE or error seen */
	bool bad_reply;		/* a reply we could not make sense of */
	unsigned int replies;
	int error;		/* errno from the kernel */
	char extack[256];	/* NLMSGERR_ATTR_MSG, "" if none */
};

/* Print (or, quiet, keep) an error; errnum is the kernel's errno or 0. */
static void nl_error(int errnum, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void nl_error(int errnum, const char *fmt, ...)
{
	va_list ap;

	last_errno = errnum;
	va_start(ap, fmt);
	if (quiet)
		vsnprintf(last_error, sizeof(last_error), fmt, ap);
	else
		pr_verr(fmt, ap);
	va_end(ap);
}

void ipmi_nl_quiet(bool on)
{
	quiet = on;
}

int ipmi_nl_errno(void)
{
	return last_errno;
}

const char *ipmi_nl_error(void)
{
	return last_error;
}

int ipmi_nl_connect(void)
{
	int ret;

	if (sock)
		return EXIT_OK;

	ret = ipmi_nl_sock_open(&sock);
	if (ret < 0) {
		nl_error(0, "cannot open a generic netlink socket: %s",
			 nl_geterror(ret));
		sock = NULL;
		return EXIT_NETLINK;
	}
	return EXIT_OK;
}

int ipmi_nl_resolve(void)
{
	family = genl_ctrl_resolve(sock, IPMI_LAN_GENL_NAME);
	if (family < 0) {
		if (family == -NLE_OBJ_NOTFOUND)
			nl_error(ENOENT, "the ipmi_lan module is not loaded (generic netlink family \"%s\" not found)",
				 IPMI_LAN_GENL_NAME);
		else
			nl_error(0, "cannot resolve generic netlink family \"%s\": %s",
				 IPMI_LAN_GENL_NAME, nl_geterror(family));
		family = 0;
		return EXIT_NETLINK;
	}
	return EXIT_OK;
}

int ipmi_nl_open(void)
{
	int ret;

	if (sock)
		return EXIT_OK;

	ret = ipmi_nl_connect();
	if (ret)
		return ret;
	ret = ipmi_nl_resolve();
	if (ret)
		ipmi_nl_close();
	return ret;
}

void ipmi_nl_close(void)
{
	nl_socket_free(sock);
	sock = NULL;
}

struct nl_msg *ipmi_nl_request(uint8_t cmd)
{
	struct nl_msg *msg;

	msg = nlmsg_alloc();
	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, 0,
				 cmd, IPMI_LAN_GENL_VERSION)) {
		ipmi_nl_free(msg);
		pr_err("out of memory");
		return NULL;
	}
	return msg;
}

/* Requests may hold secrets (passwords, K_G): wipe every one. */
void ipmi_nl_free(struct nl_msg *msg)
{
	if (!msg)
		return;
	explicit_bzero(nlmsg_hdr(msg), nlmsg_get_max_size(msg));
	nlmsg_free(msg);
}

struct nlattr *ipmi_nl_nest_start(struct nl_msg *msg, int type)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	/* The kernel's strict policy wants NLA_F_NESTED; be explicit. */
	if (nest)
		nest->nla_type |= NLA_F_NESTED;
	return nest;
}

int ipmi_nl_parse_attrs(struct nlattr **tb, struct nlattr *nest)
{
	return nla_parse_nested(tb, IPMI_LAN_A_MAX, nest, attr_policy);
}

/* Copy the NLMSGERR_ATTR_MSG of the TLVs at offset off of nlh, if any. */
static void extack_parse(const struct nlmsghdr *nlh, size_t off, char *buf,
			 size_t size)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t len;

	buf[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || off >= nlh->nlmsg_len)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)nlh + off),
		      nlh->nlmsg_len - off, NULL) < 0 || !tb[NLMSGERR_ATTR_MSG])
		return;

	len = strnlen(nla_data(tb[NLMSGERR_ATTR_MSG]),
		      nla_len(tb[NLMSGERR_ATTR_MSG]));
	if (len >= size)
		len = size - 1;
	memcpy(buf, nla_data(tb[NLMSGERR_ATTR_MSG]), len);
	buf[len] = '\0';
}

/*
 * The extack of an NLMSG_ERROR message: its TLVs follow struct nlmsgerr
 * and, unless NLM_F_CAPPED, the echoed request.
 */
static void extack_copy(const struct nlmsghdr *nlh, char *buf, size_t size)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	size_t off;

	buf[0] = '\0';
	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return;
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	}
	extack_parse(nlh, NLMSG_HDRLEN + NLMSG_ALIGN(off), buf, size);
}

static int error_cb(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	const struct nlmsghdr *nlh = (void *)((char *)e - NLMSG_HDRLEN);
	struct nl_req *req = arg;

	(void)nla;
	req->done = true;
	req->error = e->error < 0 ? -e->error : EPROTO;
	extack_copy(nlh, req->extack, sizeof(req->extack));
	return NL_STOP;
}

/* An ack may carry a warning in its extack. */
static int ack_cb(struct nl_msg *msg, void *arg)
{
	struct nl_req *req = arg;
	char warning[256];

	req->done = true;
	extack_copy(nlmsg_hdr(msg), warning, sizeof(warning));
	if (warning[0])
		pr_err("kernel warning: %s", warning);
	return NL_STOP;
}

/*
 * NLMSG_DONE ends a dump. It carries an int, the error that cut the dump
 * short (0 if none), then possibly extack TLVs.
 */
static int done_cb(struct nl_msg *msg, void *arg)
{
	const struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nl_req *req = arg;
	int error;

	req->done = true;
	if (nlmsg_datalen(nlh) < (int)sizeof(error))
		return NL_STOP;
	memcpy(&error, nlmsg_data(nlh), sizeof(error));
	if (error < 0) {
		req->error = -error;
		extack_parse(nlh, NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(error)),
			     req->extack, sizeof(req->extack));
	}
	return NL_STOP;
}

/* The dump changed under our feet; keep reading, then start over. */
static int intr_cb(struct nl_msg *msg, void *arg)
{
	struct nl_req *req = arg;

	(void)msg;
	req->interrupted = true;
	return NL_OK;
}

static int valid_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IPMI_LAN_A_MAX + 1];
	struct nl_req *req = arg;
	int ret;

	if (!req->reply || req->bad_reply)
		return NL_SKIP;

	req->replies++;
	ret = genlmsg_parse(nlmsg_hdr(msg), 0, tb, IPMI_LAN_A_MAX, attr_policy);
	if (ret < 0 || req->reply(tb, req->arg) < 0)
		req->bad_reply = true;
	return NL_OK;
}

static struct nl_cb *req_cb(struct nl_req *req)
{
	struct nl_cb *cb, *orig;

	/* Clone the socket's callbacks to keep the transport's. */
	orig = nl_socket_get_cb(sock);
	cb = nl_cb_clone(orig);
	nl_cb_put(orig);
	if (!cb)
		return NULL;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, valid_cb, req);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, ack_cb, req);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, done_cb, req);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, intr_cb, req);
	nl_cb_err(cb, NL_CB_CUSTOM, error_cb, req);
	return cb;
}

static int req_send(struct nl_msg *msg, const struct nl_req *req)
{
	int ret;

	/* A dump ends with NLMSG_DONE; asking for an ack as well is moot. */
	if (req->dump)
		nl_socket_disable_auto_ack(sock);
	ret = nl_send_auto(sock, msg);
	if (req->dump)
		nl_socket_enable_auto_ack(sock);
	ipmi_nl_free(msg);
	return ret;
}

/* Send msg (and free it), read until the ack, error or NLMSG_DONE. */
static int req_run(struct nl_msg *msg, const char *what, struct nl_req *req)
{
	struct nl_cb *cb;
	int ret;

	cb = req_cb(req);
	if (!cb) {
		ipmi_nl_free(msg);
		pr_err("out of memory");
		return EXIT_NETLINK;
	}

	ret = req_send(msg, req);
	if (ret < 0) {
		nl_cb_put(cb);
		nl_error(0, "%s: cannot send the request: %s", what,
			 nl_geterror(ret));
		return EXIT_NETLINK;
	}

	while (!req->done) {
		ret = nl_recvmsgs_report(sock, cb);
		if (req->done)
			break;
		if (ret <= 0) {
			nl_cb_put(cb);
			nl_error(0, "%s: no answer from the kernel: %s", what,
				 ret ? nl_geterror(ret) : "end of data");
			return EXIT_NETLINK;
		}
	}
	nl_cb_put(cb);

	if (req->error) {
		if (quiet && req->extack[0])
			nl_error(req->error, "%s: %s (kernel reports: %s)", what,
				 strerror(req->error), req->extack);
		else if (quiet)
			nl_error(req->error, "%s: %s", what,
				 strerror(req->error));
		else if (req->extack[0])
			pr_err("kernel reports: %s", req->extack);
		if (!quiet)
			pr_err("%s: %s", what, strerror(req->error));
		last_errno = req->error;
		return EXIT_NETLINK;
	}
	if (req->bad_reply) {
		nl_error(0, "%s: malformed reply from the kernel", what);
		return EXIT_NETLINK;
	}
	return EXIT_OK;
}

int ipmi_nl_do(struct nl_msg *msg, const char *what, nl_reply_fn reply,
	       void *arg)
{
	struct nl_req req = { .reply = reply, .arg = arg };
	int ret;

	ret = req_run(msg, what, &req);
	if (ret)
		return ret;
	if (reply && req.replies != 1) {
		nl_error(0, "%s: malformed reply from the kernel", what);
		return EXIT_NETLINK;
	}
	return EXIT_OK;
}

int ipmi_nl_dump(uint8_t cmd, const char *what, nl_reply_fn reply,
		 void (*reset)(void *arg), void *arg)
{
	struct nl_msg *msg;
	struct nl_req req;
	int attempt, ret;

	for (attempt = 0; attempt <= DUMP_RETRIES; attempt++) {
		if (attempt)
			reset(arg);
		msg = ipmi_nl_request(cmd);
		if (!msg)
			return EXIT_NETLINK;
		nlmsg_hdr(msg)->nlmsg_flags |= NLM_F_DUMP;

		req = (struct nl_req){ .reply = reply, .arg = arg, .dump = true };
		ret = req_run(msg, what, &req);
		if (ret || !req.interrupted)
			return ret;
	}
	nl_error(0, "%s: the kernel's list kept changing while it was read; try again",
		 what);
	return EXIT_NETLINK;
}

int ipmi_nl_join(const char *what, const char *group)
{
	int id, ret;

	id = genl_ctrl_resolve_grp(sock, IPMI_LAN_GENL_NAME, group);
	if (id < 0) {
		if (id == -NLE_OBJ_NOTFOUND)
			nl_error(ENOENT, "%s: the ipmi_lan module has no multicast group \"%s\" (it predates events)",
				 what, group);
		else
			nl_error(0, "%s: cannot resolve multicast group \"%s\": %s",
				 what, group, nl_geterror(id));
		return EXIT_NETLINK;
	}
	ret = ipmi_nl_sock_join(sock, id);
	if (ret < 0) {
		nl_error(0, "%s: cannot join multicast group \"%s\": %s", what,
			 group, nl_geterror(ret));
		return EXIT_NETLINK;
	}
	/* Notifications carry sequence number 0, not that of a request. */
	nl_socket_disable_seq_check(sock);
	return EXIT_OK;
}

struct nl_listener {
	const char *what;
	nl_notify_fn fn;
	void *arg;
	int status;		/* fn's, to stop with */
};

static int notify_cb(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[IPMI_LAN_A_MAX + 1];
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct nl_listener *l = arg;

	if (l->status)
		return NL_STOP;
	if (nlh->nlmsg_type != family)
		return NL_SKIP;
	if (genlmsg_parse(nlh, 0, tb, IPMI_LAN_A_MAX, attr_policy) < 0) {
		pr_err("%s: malformed notification from the kernel", l->what);
		return NL_SKIP;
	}
	l->status = l->fn(genlmsg_hdr(nlh)->cmd, tb, l->arg);
	return l->status ? NL_STOP : NL_OK;
}

int ipmi_nl_listen(const char *what, nl_notify_fn fn, void *arg,
		   const sigset_t *wait_mask, volatile sig_atomic_t *stop)
{
	struct nl_listener l = { .what = what, .fn = fn, .arg = arg };
	struct nl_cb *cb, *orig;
	int ret;

	/* Clone the socket's callbacks to keep the transport's. */
	orig = nl_socket_get_cb(sock);
	cb = nl_cb_clone(orig);
	nl_cb_put(orig);
	if (!cb) {
		pr_err("out of memory");
		return EXIT_NETLINK;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, notify_cb, &l);

	while (!*stop && !l.status) {
		ret = ipmi_nl_sock_wait(sock, wait_mask);
		if (ret == 0)
			continue;	/* a signal */
		if (ret < 0) {
			nl_error(0, "%s: cannot wait for events: %s", what,
				 nl_geterror(ret));
			l.status = EXIT_NETLINK;
			break;
		}
		ret = nl_recvmsgs_report(sock, cb);
		if (l.status || ret >= 0 || ret == -NLE_AGAIN)
			continue;
		if (ret == -NLE_NOMEM) {
			/* ENOBUFS: the kernel could not queue some of them. */
			pr_err("%s: events were lost (the receive buffer overran)",
			       what);
			continue;
		}
		nl_error(0, "%s: cannot receive events: %s", what,
			 nl_geterror(ret));
		l.status = EXIT_NETLINK;
	}
	nl_cb_put(cb);
	return l.status;
}
