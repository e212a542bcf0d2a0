// SPDX-License-Identifier: GPL-2.0
/*
 * Do requests to the ipmi_lan generic netlink family and the kernel's
 * answers: a reply (for GET commands), then an ack or an error carrying an
 * extended ack message, which libnl 3.7 does not print by itself.
 */
#include <errno.h>
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

/* The top-level attributes of the replies; nests are parsed by the objects. */
static struct nla_policy attr_policy[IPMI_LAN_A_MAX + 1] = {
	[IPMI_LAN_A_SERVER_ENABLED]	= { .type = NLA_U8 },
	[IPMI_LAN_A_SERVER_PORT]	= { .type = NLA_U16 },
	[IPMI_LAN_A_SERVER_LISTEN]	= { .type = NLA_NESTED },
	[IPMI_LAN_A_SERVER_LISTENING]	= { .type = NLA_U8 },
	[IPMI_LAN_A_STATS]		= { .type = NLA_NESTED },
};

struct nl_req {
	nl_reply_fn reply;
	void *arg;
	bool done;		/* ack or error seen */
	bool bad_reply;		/* a reply we could not make sense of */
	unsigned int replies;
	int error;		/* errno from the kernel */
	char extack[256];	/* NLMSGERR_ATTR_MSG, "" if none */
};

int ipmi_nl_open(void)
{
	int ret;

	if (sock)
		return EXIT_OK;

	ret = ipmi_nl_sock_open(&sock);
	if (ret < 0) {
		pr_err("cannot open a generic netlink socket: %s",
		       nl_geterror(ret));
		sock = NULL;
		return EXIT_NETLINK;
	}

	family = genl_ctrl_resolve(sock, IPMI_LAN_GENL_NAME);
	if (family < 0) {
		if (family == -NLE_OBJ_NOTFOUND)
			pr_err("the ipmi_lan module is not loaded (generic netlink family \"%s\" not found)",
			       IPMI_LAN_GENL_NAME);
		else
			pr_err("cannot resolve generic netlink family \"%s\": %s",
			       IPMI_LAN_GENL_NAME, nl_geterror(family));
		ipmi_nl_close();
		return EXIT_NETLINK;
	}
	return EXIT_OK;
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
		nlmsg_free(msg);
		pr_err("out of memory");
		return NULL;
	}
	return msg;
}

/*
 * Copy the NLMSGERR_ATTR_MSG of an NLMSG_ERROR message, if any. The TLVs
 * follow struct nlmsgerr and, unless NLM_F_CAPPED, the echoed request.
 */
static void extack_copy(const struct nlmsghdr *nlh, char *buf, size_t size)
{
	const struct nlmsgerr *e = nlmsg_data(nlh);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off, len;

	buf[0] = '\0';
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;

	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
		if (e->msg.nlmsg_len < NLMSG_HDRLEN)
			return;
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	}
	off = NLMSG_HDRLEN + NLMSG_ALIGN(off);
	if (off >= nlh->nlmsg_len)
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

int ipmi_nl_do(struct nl_msg *msg, const char *what, nl_reply_fn reply,
	       void *arg)
{
	struct nl_req req = { .reply = reply, .arg = arg };
	struct nl_cb *cb, *orig;
	int ret;

	/* Clone the socket's callbacks to keep the transport's. */
	orig = nl_socket_get_cb(sock);
	cb = nl_cb_clone(orig);
	nl_cb_put(orig);
	if (!cb) {
		nlmsg_free(msg);
		pr_err("out of memory");
		return EXIT_NETLINK;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, valid_cb, &req);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, ack_cb, &req);
	nl_cb_err(cb, NL_CB_CUSTOM, error_cb, &req);

	ret = nl_send_auto(sock, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		nl_cb_put(cb);
		pr_err("%s: cannot send the request: %s", what, nl_geterror(ret));
		return EXIT_NETLINK;
	}

	while (!req.done) {
		ret = nl_recvmsgs_report(sock, cb);
		if (req.done)
			break;
		if (ret <= 0) {
			nl_cb_put(cb);
			pr_err("%s: no answer from the kernel: %s", what,
			       ret ? nl_geterror(ret) : "end of data");
			return EXIT_NETLINK;
		}
	}
	nl_cb_put(cb);

	if (req.error) {
		if (req.extack[0])
			pr_err("kernel reports: %s", req.extack);
		pr_err("%s: %s", what, strerror(req.error));
		return EXIT_NETLINK;
	}
	if (req.bad_reply || (reply && req.replies != 1)) {
		pr_err("%s: malformed reply from the kernel", what);
		return EXIT_NETLINK;
	}
	return EXIT_OK;
}
