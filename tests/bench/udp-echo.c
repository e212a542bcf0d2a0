// SPDX-License-Identifier: GPL-2.0
/*
 * udp-echo: the benchmark's floor. A UDP server that answers every
 * datagram at once with recvmmsg/sendmmsg, so the cost of the network
 * path alone is visible. With -r SIZE each answer is SIZE bytes (the
 * request's bytes, padded or cut), the size of an RMCP+ reply.
 *
 * usage: udp-echo ADDRESS PORT [-r SIZE] [-t SECONDS]
 * Bounded: it exits after SECONDS (default 600) or on SIGTERM.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define BUF 2048

int main(int argc, char **argv)
{
	static char bufs[BATCH][BUF];
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM, .ai_flags = AI_PASSIVE };
	struct sockaddr_storage from[BATCH];
	struct mmsghdr m[BATCH];
	struct iovec iov[BATCH];
	struct addrinfo *ai;
	long reply = 0, secs = 600;
	time_t end;
	int fd, i, n, c;

	while ((c = getopt(argc, argv, "r:t:")) != -1) {
		if (c == 'r')
			reply = strtol(optarg, NULL, 0);
		else if (c == 't')
			secs = strtol(optarg, NULL, 0);
		else
			return 2;
	}
	if (argc - optind != 2 || reply < 0 || reply > BUF || secs < 1) {
		fprintf(stderr, "usage: udp-echo ADDRESS PORT [-r SIZE] [-t SECONDS]\n");
		return 2;
	}
	if (getaddrinfo(argv[optind], argv[optind + 1], &hints, &ai)) {
		fprintf(stderr, "udp-echo: bad address\n");
		return 1;
	}
	fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen)) {
		perror("udp-echo: bind");
		return 1;
	}
	freeaddrinfo(ai);
	end = time(NULL) + secs;
	while (time(NULL) < end) {
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (poll(&p, 1, 1000) <= 0)
			continue;
		memset(m, 0, sizeof(m));
		for (i = 0; i < BATCH; i++) {
			iov[i].iov_base = bufs[i];
			iov[i].iov_len = BUF;
			m[i].msg_hdr.msg_iov = &iov[i];
			m[i].msg_hdr.msg_iovlen = 1;
			m[i].msg_hdr.msg_name = &from[i];
			m[i].msg_hdr.msg_namelen = sizeof(from[i]);
		}
		n = recvmmsg(fd, m, BATCH, MSG_DONTWAIT, NULL);
		if (n <= 0)
			continue;
		for (i = 0; i < n; i++) {
			if (reply) {
				if ((long)m[i].msg_len < reply)
					memset(bufs[i] + m[i].msg_len, 0,
					       reply - m[i].msg_len);
				iov[i].iov_len = reply;
			} else {
				iov[i].iov_len = m[i].msg_len;
			}
		}
		if (sendmmsg(fd, m, n, 0) < 0 && errno != EAGAIN &&
		    errno != ECONNREFUSED)
			perror("udp-echo: sendmmsg");
	}
	close(fd);
	return 0;
}
