// SPDX-License-Identifier: GPL-2.0
/*
 * spoof-ping: flood a server with ASF presence pings from spoofed IPv4
 * sources.
 *
 *   spoof-ping [-p PORT] [-r RATE] [-n COUNT] [-s SECONDS] SRC/PLEN DST
 *
 * Sends RMCP ASF presence pings (class 6, IANA 4542, type 80h) to DST
 * from every address of SRC/PLEN in turn, round robin, through a raw
 * socket (IP_HDRINCL; needs CAP_NET_RAW), in sendmmsg() batches of 32:
 * at most COUNT packets, for at most SECONDS, paced to RATE packets per
 * second. Replies go to the spoofed addresses and are never read. On
 * SIGTERM or SIGINT it stops early. At the end it prints:
 *
 *   sent N          packets sent
 *   send-errors N   packets sendmmsg() refused (if any)
 *   sources N       distinct source addresses used
 *   seconds S       how long it sent
 *   rate R          packets per second achieved
 *
 * Only for documentation or benchmark ranges inside the test VM. It is
 * written in C because a Python sender, one sendto() per packet, could
 * not hold 4096 packets a second on a one-vCPU guest under TCG.
 */
#define _GNU_SOURCE	/* sendmmsg */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH		32
#define MAX_SOURCES	65536
#define PKT_LEN		(20 + 8 + 12)

static const uint8_t asf_ping[12] = {
	0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, 0x00, 0x00, 0x00,
};

/* The ranges it may use (RFC 5737 documentation, RFC 2544 benchmark). */
static const struct { const char *net; int plen; } allowed[] = {
	{ "192.0.2.0", 24 }, { "198.51.100.0", 24 }, { "203.0.113.0", 24 },
	{ "198.18.0.0", 15 },
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static uint32_t mask(int plen)
{
	return plen ? ~0u << (32 - plen) : 0;
}

/* Is [net, net + 2^(32 - plen)) inside one of the allowed ranges? */
static int allowed_range(uint32_t net, int plen)
{
	struct in_addr a;
	unsigned int i;

	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		inet_pton(AF_INET, allowed[i].net, &a);
		if (plen >= allowed[i].plen &&
		    (net & mask(allowed[i].plen)) == ntohl(a.s_addr))
			return 1;
	}
	return 0;
}

static uint16_t csum(const uint8_t *p, size_t len, uint32_t sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void packet(uint8_t *pkt, uint32_t src, uint32_t dst, uint16_t sport,
		   uint16_t dport)
{
	uint8_t pseudo[12 + 8 + sizeof(asf_ping)];
	uint16_t ulen = 8 + sizeof(asf_ping), c;
	uint8_t *udp = pkt + 20;

	memset(pkt, 0, PKT_LEN);
	/* version/IHL, TOS, length, id, frag, TTL, proto, checksum (the
	 * kernel fills in the checksum and id for IP_HDRINCL), addresses */
	pkt[0] = 0x45;
	pkt[2] = (20 + ulen) >> 8;
	pkt[3] = (20 + ulen) & 0xff;
	pkt[8] = 64;
	pkt[9] = IPPROTO_UDP;
	src = htonl(src);
	dst = htonl(dst);
	memcpy(pkt + 12, &src, 4);
	memcpy(pkt + 16, &dst, 4);
	udp[0] = sport >> 8;
	udp[1] = sport & 0xff;
	udp[2] = dport >> 8;
	udp[3] = dport & 0xff;
	udp[4] = ulen >> 8;
	udp[5] = ulen & 0xff;
	memcpy(udp + 8, asf_ping, sizeof(asf_ping));
	memcpy(pseudo, pkt + 12, 8);
	pseudo[8] = 0;
	pseudo[9] = IPPROTO_UDP;
	pseudo[10] = ulen >> 8;
	pseudo[11] = ulen & 0xff;
	memcpy(pseudo + 12, udp, ulen);
	c = csum(pseudo, sizeof(pseudo), 0);
	if (!c)
		c = 0xffff;
	udp[6] = c >> 8;
	udp[7] = c & 0xff;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int usage(void)
{
	fprintf(stderr, "usage: spoof-ping [-p PORT] [-r RATE] [-n COUNT] [-s SECONDS] SRC/PLEN DST\n");
	return 2;
}

int main(int argc, char **argv)
{
	long port = 623, rate = 5000, count = 100000;
	double seconds = 15, t0, deadline, now, ahead, secs;
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_in to = { .sin_family = AF_INET };
	uint32_t net, dst, n;
	uint8_t (*pkts)[PKT_LEN];
	long sent = 0, errors = 0, i = 0;
	struct in_addr a;
	char *slash;
	int opt, plen, s, k, b, r;

	while ((opt = getopt(argc, argv, "p:r:n:s:")) != -1) {
		switch (opt) {
		case 'p': port = strtol(optarg, NULL, 0); break;
		case 'r': rate = strtol(optarg, NULL, 0); break;
		case 'n': count = strtol(optarg, NULL, 0); break;
		case 's': seconds = strtod(optarg, NULL); break;
		default: return usage();
		}
	}
	if (argc - optind != 2)
		return usage();
	if (port <= 0 || port > 65535 || rate <= 0 || rate > 1000000 ||
	    count <= 0 || count > 10000000 || !(seconds > 0 && seconds <= 600)) {
		fprintf(stderr, "spoof-ping: port, rate, count or seconds out of range\n");
		return 2;
	}
	slash = strchr(argv[optind], '/');
	if (!slash)
		return usage();
	*slash = '\0';
	plen = atoi(slash + 1);
	if (inet_pton(AF_INET, argv[optind], &a) != 1 || plen < 16 || plen > 32) {
		fprintf(stderr, "spoof-ping: sources: an IPv4 network of at most 65536 addresses\n");
		return 2;
	}
	net = ntohl(a.s_addr) & mask(plen);
	if (inet_pton(AF_INET, argv[optind + 1], &a) != 1)
		return usage();
	dst = ntohl(a.s_addr);
	if (!allowed_range(net, plen) || !allowed_range(dst, 32)) {
		fprintf(stderr, "spoof-ping: sources and destination must be in 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 or 198.18.0.0/15\n");
		return 2;
	}
	n = 1u << (32 - plen);
	pkts = calloc(n, PKT_LEN);
	if (!pkts) {
		perror("spoof-ping");
		return 1;
	}
	for (i = 0; i < (long)n; i++)
		packet(pkts[i], net + i, dst, 49152 + i % 16384, port);

	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	s = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
	if (s < 0) {
		perror("spoof-ping: raw socket");
		return 1;
	}
	to.sin_addr.s_addr = htonl(dst);
	for (k = 0; k < BATCH; k++) {
		msgs[k] = (struct mmsghdr){ .msg_hdr = {
			.msg_name = &to, .msg_namelen = sizeof(to),
			.msg_iov = &iov[k], .msg_iovlen = 1 } };
		iov[k].iov_len = PKT_LEN;
	}
	t0 = now_s();
	deadline = t0 + seconds;
	for (i = 0; i < count && !stop; i += b) {
		/* Pace and check the time once per batch. */
		now = now_s();
		if (now >= deadline)
			break;
		ahead = (double)i / rate - (now - t0);
		if (ahead > 0) {
			struct timespec ts;

			if (ahead > deadline - now)
				ahead = deadline - now;
			ts.tv_sec = (time_t)ahead;
			ts.tv_nsec = (long)((ahead - ts.tv_sec) * 1e9);
			nanosleep(&ts, NULL);
		}
		b = count - i < BATCH ? (int)(count - i) : BATCH;
		for (k = 0; k < b; k++)
			iov[k].iov_base = pkts[(i + k) % n];
		r = sendmmsg(s, msgs, b, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			r = 0;
		}
		sent += r;
		/* sendmmsg() stops at the first failure: count it, skip it. */
		errors += b - r;
	}
	secs = now_s() - t0;
	printf("sent %ld\n", sent);
	if (errors)
		printf("send-errors %ld\n", errors);
	printf("sources %ld\n", i < (long)n ? i : (long)n);
	printf("seconds %.2f\n", secs);
	printf("rate %ld\n", secs > 0 ? (long)(sent / secs) : 0);
	free(pkts);
	close(s);
	return 0;
}
