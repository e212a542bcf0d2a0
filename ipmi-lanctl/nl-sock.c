// SPDX-License-Identifier: GPL-2.0
/*
 * The real transport: a generic netlink socket, as iw sets it up.
 * tests/mock-sock.c replaces this file in the test build.
 */
#define _GNU_SOURCE	/* ppoll */
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/socket.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

int ipmi_nl_sock_open(struct nl_sock **skp)
{
	struct nl_sock *sk;
	int one = 1;
	int ret;

	sk = nl_socket_alloc();
	if (!sk)
		return -NLE_NOMEM;

	ret = genl_connect(sk);
	if (ret < 0) {
		nl_socket_free(sk);
		return ret;
	}

	/*
	 * Ask for the kernel's error messages. Kernels before 4.12 do not
	 * know the option; they simply send none.
	 */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	/*
	 * Errors should not echo the request back: a SET_USER or
	 * SET_CHANNEL request carries a secret, which would otherwise sit
	 * in a receive buffer we cannot wipe (libnl frees it). Linux 4.3.
	 */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));

	*skp = sk;
	return 0;
}

int ipmi_nl_sock_join(struct nl_sock *sk, int group)
{
	return nl_socket_add_membership(sk, group);
}

int ipmi_nl_sock_wait(struct nl_sock *sk, const sigset_t *mask)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(sk), .events = POLLIN };

	/* POLLERR too: the error (ENOBUFS) is then read by recvmsg(). */
	if (ppoll(&pfd, 1, NULL, mask) < 0)
		return errno == EINTR ? 0 : -nl_syserr2nlerr(errno);
	return 1;
}
