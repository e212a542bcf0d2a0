// SPDX-License-Identifier: GPL-2.0
/*
 * rmcpp-client: Serial over LAN (IPMI v2.0 section 15), for byte-exact
 * transfer tests.
 *
 * One poll loop moves console bytes to the BMC and the BMC's bytes to a
 * file, both at once. Console -> BMC is stop and wait: one data packet
 * outstanding, resent with the same sequence number until it is ACKed
 * (in full, or in part: then the rest goes as a new packet). Every BMC data
 * packet is ACKed at once; one that repeats the last sequence number is a
 * retransmission and only its bytes beyond those already written are new.
 *
 * SOL payload, both directions: packet sequence number (bits 3:0, 0 for an
 * ACK-only packet), ACKed/NACKed sequence number, accepted character
 * count, operation/status, then the characters.
 */
#include "rmcpp.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum {
	SOL_HDR = 4,
	SOL_SEQ = 0x0f,
	SOL_MAX_DATA = 255,
	SOL_SIZE_MIN = SOL_HDR + 1,
	SOL_SIZE_MAX = SOL_HDR + SOL_MAX_DATA,
	/* status bits, BMC -> console (bit 6 is NACK both ways) */
	SOL_NACK = 0x40,
	SOL_DEACTIVATING = 0x10,
	SOL_STALL_MS = 30000,	/* no progress on one packet: give up */
	SOL_TICK_MS = 20,	/* --pace sends a tick's worth at a time */
	SOL_INBUF = 4096,
};

struct sol {
	struct rmcpp *s;
	const struct sol_opts *o;
	size_t max_data;	/* console -> BMC characters per packet */
	size_t out_data;	/* BMC -> console characters it announced */
	int in_fd, out_fd;
	bool in_eof;
	bool writing;		/* false while deactivating: ACK, drop */
	bool deactivating;	/* the BMC said so */
	u8 inbuf[SOL_INBUF];
	size_t in_len;

	/* the one console -> BMC data packet outstanding */
	bool busy;
	bool scheduled;		/* next send is not a retry (NACK, 0 taken) */
	u8 seq;
	u8 pkt[SOL_SIZE_MAX];
	size_t pkt_len;
	long long resend_at;
	long long progress_at;
	long long credit;	/* --pace: bytes x 1000, + pace a millisecond */
	long long credit_at;

	/* the last BMC data packet */
	u8 rx_seq, rx_prev;	/* the last two data packets received */
	size_t rx_len;
	u8 rx_ack[3];
	long long rx_at;

	unsigned long long sent, received, read_bytes;
	unsigned long retries, nacks, partial, dups, rejected, oversize, lost;
	unsigned long keepalives;
	long long keepalive_at;
	int error;
};

static u16 peer_port(const struct rmcpp *s)
{
	const struct sockaddr_in6 *v6 = (const void *)&s->peer;
	const struct sockaddr_in *v4 = (const void *)&s->peer;

	return ntohs(s->peer.ss_family == AF_INET6 ? v6->sin6_port :
			v4->sin_port);
}

int rmcpp_sol_activate(struct rmcpp *s, u8 instance, struct ipmi_rsp *rsp,
		       u8 *rbuf)
{
	/* SOL, instance, encrypt + authenticate + serial alerts deferred */
	const u8 req[] = { PT_SOL, instance, 0xc6, 0x00, 0x00, 0x00 };

	return rmcpp_request(s, NETFN_APP, CMD_ACTIVATE_PAYLOAD, req,
			     sizeof(req), rsp, rbuf);
}

/* One SOL payload in the session, protected as the suite does IPMI. */
/* --drop: whether this datagram is lost (a fixed-seed generator). */
static bool sol_lost(struct sol *st)
{
	static unsigned int x = 2463534242u;

	if (!st->o->drop)
		return false;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	if (x % 100 >= (unsigned int)st->o->drop)
		return false;
	st->lost++;
	return true;
}

static int sol_send(struct sol *st, const u8 *p, size_t len)
{
	struct rmcpp *s = st->s;
	struct rmcpp_out o = {
		.ptype = PT_SOL,
		.auth = s->suite->integ != INTEG_NONE,
		.encrypt = s->suite->conf != CONF_NONE,
		.sid = s->bmc_sid,
	};

	o.seq = rmcpp_next_seq(s);
	if (sol_lost(st))
		return 0;	/* --drop: lost on the way */
	errno = 0;
	if (rmcpp_send_v2(s, &o, p, len)) {
		/* an ICMP error left by an earlier packet: as if lost */
		if (errno == ECONNREFUSED)
			return 0;
		fprintf(stderr, "sol: send failed\n");
		st->error = 1;
		return -1;
	}
	return 0;
}

static void sol_xmit(struct sol *st, long long now)
{
	st->resend_at = now + st->o->retry_ms;
	sol_send(st, st->pkt, st->pkt_len);
}

/* A new data packet of @len characters already in pkt[SOL_HDR..]. */
static void sol_new_packet(struct sol *st, size_t len)
{
	st->seq = st->seq % 15 + 1;
	st->pkt[0] = st->seq;
	st->pkt[1] = 0;
	st->pkt[2] = 0;
	st->pkt[3] = 0;
	st->pkt_len = SOL_HDR + len;
	st->busy = true;
	st->scheduled = false;
}

/*
 * How many console characters may go now: all there are up to a packet at
 * full speed; with --pace, what the credit allows, once it covers a tick's
 * worth (or all that is buffered). The credit builds up to a second's
 * worth, as a UART's bytes pile up while a packet waits for its ACK: what
 * a retry delayed is caught up, and the average stays BPS.
 */
static size_t sol_budget(struct sol *st, long long now, long long *wait)
{
	size_t n = st->in_len < st->max_data ? st->in_len : st->max_data;
	long long want, chunk, cap;

	if (!st->o->pace || !n)
		return n;
	cap = st->o->pace * 1000;
	st->credit += st->o->pace * (now - st->credit_at);
	st->credit_at = now;
	if (st->credit > cap)
		st->credit = cap;
	chunk = st->o->pace * SOL_TICK_MS / 1000;
	if (chunk < 1)
		chunk = 1;
	want = (long long)n < chunk ? (long long)n : chunk;
	if (st->credit < want * 1000) {
		*wait = (want * 1000 - st->credit + st->o->pace - 1) /
			st->o->pace;
		return 0;
	}
	if ((long long)n > st->credit / 1000)
		n = (size_t)(st->credit / 1000);
	st->credit -= (long long)n * 1000;
	return n;
}

/* Start the next data packet from the input buffer if nothing is out. */
static void sol_start(struct sol *st, long long now, long long *wait)
{
	size_t n;

	if (st->busy || !st->in_len)
		return;
	n = sol_budget(st, now, wait);
	if (!n)
		return;
	memcpy(st->pkt + SOL_HDR, st->inbuf, n);
	memmove(st->inbuf, st->inbuf + n, st->in_len - n);
	st->in_len -= n;
	sol_new_packet(st, n);
	st->progress_at = now;
	sol_xmit(st, now);
}

/* The BMC's ACK/NACK of console packet @seq. */
static void sol_acked(struct sol *st, u8 seq, size_t taken, u8 status,
		      long long now)
{
	size_t len = st->pkt_len - SOL_HDR;

	if (!st->busy || seq != st->seq)
		return;		/* stale: an earlier packet's */
	if (status & SOL_NACK) {
		st->nacks++;
		st->scheduled = true;
		st->resend_at = now + st->o->retry_ms;
		return;
	}
	st->progress_at = now;
	if (taken >= len) {
		st->sent += len;
		st->busy = false;
		return;
	}
	/* partial: the rest at once, as a new packet */
	st->partial++;
	st->sent += taken;
	memmove(st->pkt + SOL_HDR, st->pkt + SOL_HDR + taken, len - taken);
	sol_new_packet(st, len - taken);
	if (taken) {
		sol_xmit(st, now);
	} else {
		/* nothing taken and no NACK: not at once, not in a loop */
		st->scheduled = true;
		st->resend_at = now + st->o->retry_ms;
	}
}

static void sol_write(struct sol *st, const u8 *p, size_t len)
{
	ssize_t n;

	st->received += len;
	while (st->out_fd >= 0 && len && !st->error) {
		n = write(st->out_fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			perror("sol: write");
			st->error = 1;
			return;
		}
		p += n;
		len -= (size_t)n;
	}
}

/* One SOL packet from the BMC (already verified and decrypted). */
static void sol_rx(struct sol *st, const struct rmcpp_in *in)
{
	const u8 *p = in->payload;
	long long now = now_ms();
	bool stale_ack = false;
	u8 ack[4] = { 0 }, seq;
	size_t len;

	if (in->len < SOL_HDR || in->len > SOL_SIZE_MAX) {
		st->rejected++;
		return;
	}
	seq = p[0] & SOL_SEQ;
	len = in->len - SOL_HDR;
	if (seq) {
		if (len > st->out_data)
			st->oversize++;
		ack[1] = seq;
		ack[2] = (u8)len;
		if (sol_send(st, ack, sizeof(ack)))
			return;
		if (seq == st->rx_prev && seq != st->rx_seq) {
			/*
			 * The packet before the last one, again: a resend that
			 * was overtaken (the BMC's packets leave from more than
			 * one CPU), never a new one, which would have the next
			 * number. Already written: ACK it, nothing more.
			 */
			st->dups++;
			return;
		}
		if (seq == st->rx_seq) {
			/* a retransmission: only what it adds is new */
			st->dups++;
			stale_ack = !memcmp(st->rx_ack, p + 1, 3);
			if (len > st->rx_len && st->writing)
				sol_write(st, p + SOL_HDR + st->rx_len,
					  len - st->rx_len);
			if (len > st->rx_len)
				st->rx_len = len;
		} else {
			if (st->writing)
				sol_write(st, p + SOL_HDR, len);
			st->rx_prev = st->rx_seq;
			st->rx_seq = seq;
			st->rx_len = len;
			memcpy(st->rx_ack, p + 1, 3);
		}
		if (st->writing)
			st->rx_at = now;
	}
	if (p[3] & SOL_DEACTIVATING)
		st->deactivating = true;
	/* the ACK part, unless a retransmission repeats one already seen */
	if ((p[1] & SOL_SEQ) && !stale_ack)
		sol_acked(st, p[1] & SOL_SEQ, p[2], p[3], now);
}

/* An in-session packet: SOL is handled, anything else ignored. */
static void sol_packet(struct rmcpp *s, const struct rmcpp_in *in, void *arg)
{
	struct sol *st = arg;

	if ((in->ptype & PT_TYPE_MASK) != PT_SOL || in->sid != s->console_sid)
		return;
	if ((s->suite->integ && !in->mac_ok) ||
	    (s->suite->conf && !(in->ptype & PT_ENCRYPTED))) {
		st->rejected++;
		return;
	}
	sol_rx(st, in);
}

/* SOL packets that come while a request waits, lost as --drop says. */
static void sol_other(struct rmcpp *s, const struct rmcpp_in *in, void *arg)
{
	struct sol *st = arg;

	if ((in->ptype & PT_TYPE_MASK) == PT_SOL && sol_lost(st))
		return;
	sol_packet(s, in, st);
}

/*
 * A keepalive as ipmitool sends one (Get Device ID) in the middle of the
 * stream, SOL packets handled while it waits; 0, or -1 if unanswered.
 */
static int sol_keepalive(struct sol *st)
{
	u8 rbuf[RMCPP_DGRAM_MAX];
	struct ipmi_rsp rsp;
	int r;

	r = rmcpp_request_cb(st->s, NETFN_APP, 0x01, NULL, 0, &rsp, rbuf,
			     sol_other, st);
	if (r || rsp.cc) {
		fprintf(stderr, "keepalive: %s\n", r ? "no reply" : "error cc");
		return -1;
	}
	st->keepalives++;
	return 0;
}

static void sol_recv(struct sol *st)
{
	static struct rmcpp_in in;
	struct rmcpp *s = st->s;
	u8 buf[RMCPP_DGRAM_MAX];
	int n;

	n = rmcpp_recv_raw(s, buf, sizeof(buf), now_ms() + 1);
	if (n <= 0 || rmcpp_parse_v2(s, buf, (size_t)n, &in))
		return;
	if ((in.ptype & PT_TYPE_MASK) == PT_SOL && sol_lost(st))
		return;
	sol_packet(s, &in, st);
}

static void sol_read(struct sol *st)
{
	ssize_t n;

	n = read(st->in_fd, st->inbuf + st->in_len,
		 sizeof(st->inbuf) - st->in_len);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n < 0) {
		perror("sol: read");
		st->error = 1;
		return;
	}
	if (!n)
		st->in_eof = true;
	st->in_len += (size_t)n;
	st->read_bytes += (unsigned long long)n;
}

static bool sol_in_done(const struct sol *st)
{
	return (st->in_fd < 0 || (st->in_eof && !st->in_len)) && !st->busy;
}

static bool sol_out_done(const struct sol *st, long long now)
{
	if (st->o->expect >= 0)
		return st->received >= (unsigned long long)st->o->expect;
	return now - st->rx_at >= st->o->idle_ms;
}

static void sol_missing(const struct sol *st, const char *why)
{
	fprintf(stderr, "sol: %s:", why);
	if (!sol_in_done(st))
		fprintf(stderr, " console data %llu of %llu%s bytes ACKed%s;",
			st->sent, st->read_bytes, st->in_eof ? "" : "+",
			st->busy ? " (a packet outstanding)" : "");
	if (st->o->expect >= 0 &&
	    st->received < (unsigned long long)st->o->expect)
		fprintf(stderr, " received %llu of %lld bytes;", st->received,
			st->o->expect);
	fputc('\n', stderr);
}

static void sol_limit(long long *wait, long long at, long long now)
{
	long long w = at > now ? at - now : 0;

	if (*wait < 0 || w < *wait)
		*wait = w;
}

/* Both directions until done; 0, or 1 with a message. */
static int sol_stream(struct sol *st, long long deadline)
{
	struct pollfd pfd[2];
	long long now, wait;
	int nfd, r;

	st->writing = true;
	now = now_ms();
	st->rx_at = now;
	st->credit_at = now;
	st->keepalive_at = now + st->o->keepalive_ms;
	for (;;) {
		now = now_ms();
		if (st->error)
			return 1;
		if (sol_in_done(st) && sol_out_done(st, now))
			return 0;
		if (st->deactivating) {
			sol_missing(st, "the BMC deactivated SOL");
			return 1;
		}
		if (now >= deadline) {
			sol_missing(st, "timed out (-T)");
			return 1;
		}
		if (st->busy && now - st->progress_at >= SOL_STALL_MS) {
			fprintf(stderr, "sol: no progress for %d s on packet %u\n",
				SOL_STALL_MS / 1000, st->seq);
			sol_missing(st, "gave up");
			return 1;
		}
		if (st->o->keepalive_ms && now >= st->keepalive_at) {
			if (sol_keepalive(st))
				return 1;
			st->keepalive_at = now_ms() + st->o->keepalive_ms;
			continue;
		}
		if (st->busy && now >= st->resend_at) {
			if (!st->scheduled)
				st->retries++;
			st->scheduled = false;
			sol_xmit(st, now);
		}
		wait = -1;
		sol_start(st, now, &wait);
		sol_limit(&wait, deadline, now);
		if (st->busy) {
			sol_limit(&wait, st->resend_at, now);
			sol_limit(&wait, st->progress_at + SOL_STALL_MS, now);
		}
		if (st->o->expect < 0)
			sol_limit(&wait, st->rx_at + st->o->idle_ms, now);
		if (st->o->keepalive_ms)
			sol_limit(&wait, st->keepalive_at, now);

		pfd[0].fd = st->s->fd;
		pfd[0].events = POLLIN;
		nfd = 1;
		if (st->in_fd >= 0 && !st->in_eof &&
		    st->in_len < sizeof(st->inbuf)) {
			pfd[1].fd = st->in_fd;
			pfd[1].events = POLLIN;
			nfd = 2;
		}
		r = poll(pfd, nfd, (int)wait);
		if (r < 0 && errno != EINTR) {
			perror("sol: poll");
			return 1;
		}
		if (r <= 0)
			continue;
		if (pfd[0].revents)
			sol_recv(st);
		if (nfd == 2 && pfd[1].revents)
			sol_read(st);
	}
}

static int sol_open(const char *path, bool out)
{
	int fd;

	if (!path)
		return -1;
	if (!strcmp(path, "-"))
		return out ? STDOUT_FILENO : STDIN_FILENO;
	fd = out ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) :
		   open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		perror(path);
	return fd;
}

/* Check the Activate Payload reply; 0 if it can be used. */
static int sol_check_activate(struct sol *st, const struct ipmi_rsp *rsp)
{
	const u8 *d = rsp->data;
	unsigned int in, out, port;

	if (rsp->len != 12) {
		fprintf(stderr, "activate: %zu data bytes, not 12\n", rsp->len);
		return -1;
	}
	in = d[4] | d[5] << 8;
	out = d[6] | d[7] << 8;
	port = d[8] | d[9] << 8;
	fprintf(stderr, "activated in %u out %u port %u\n", in, out, port);
	if (in < SOL_SIZE_MIN || in > SOL_SIZE_MAX || out < SOL_SIZE_MIN ||
	    out > SOL_SIZE_MAX) {
		fprintf(stderr, "activate: payload sizes out of %d..%d\n",
			SOL_SIZE_MIN, SOL_SIZE_MAX);
		return -1;
	}
	if (port != peer_port(st->s)) {
		fprintf(stderr, "activate: port %u, not the one in use (%u)\n",
			port, peer_port(st->s));
		return -1;
	}
	st->max_data = in - SOL_HDR;
	st->out_data = out - SOL_HDR;
	return 0;
}

/* Deactivate Payload, ACKing (not writing) SOL data meanwhile. */
static int sol_deactivate(struct sol *st)
{
	static const u8 req[] = { PT_SOL, 0x01, 0x00, 0x00, 0x00, 0x00 };
	u8 rbuf[RMCPP_DGRAM_MAX];
	struct ipmi_rsp rsp;
	int r;

	st->writing = false;
	r = rmcpp_request_cb(st->s, NETFN_APP, CMD_DEACTIVATE_PAYLOAD, req,
			     sizeof(req), &rsp, rbuf, sol_packet, st);
	if (r) {
		fprintf(stderr, "deactivate: %s\n",
			r == -1 ? "no reply" : "bad reply");
		return -1;
	}
	if (rsp.cc) {
		fprintf(stderr, "deactivate cc %02x\n", rsp.cc);
		return -1;
	}
	return 0;
}

static void sol_summary(const struct sol *st)
{
	if (st->rejected)
		fprintf(stderr, "sol: %lu SOL packets rejected (malformed or unprotected)\n",
			st->rejected);
	if (st->oversize)
		fprintf(stderr, "sol: %lu BMC packets over the announced size\n",
			st->oversize);
	fprintf(stderr, "sol sent %llu received %llu retries %lu nacks %lu partial %lu dups %lu lost %lu keepalives %lu\n",
		st->sent, st->received, st->retries, st->nacks, st->partial,
		st->dups, st->lost, st->keepalives);
}

static int sol_session(struct sol *st, long long deadline)
{
	u8 rbuf[RMCPP_DGRAM_MAX];
	struct ipmi_rsp rsp;
	int r, ret;

	r = rmcpp_sol_activate(st->s, 0x01, &rsp, rbuf);
	if (r) {
		fprintf(stderr, "activate: %s\n",
			r == -1 ? "no reply" : "bad reply");
		rmcpp_close(st->s);
		return 1;
	}
	if (rsp.cc) {
		fprintf(stderr, "activate cc %02x\n", rsp.cc);
		rmcpp_close(st->s);
		return 1;
	}
	if (sol_check_activate(st, &rsp)) {
		/* leave the BMC as it was: this payload is not used */
		sol_deactivate(st);
		rmcpp_close(st->s);
		return 1;
	}
	ret = sol_stream(st, deadline);
	/*
	 * Once the BMC said it deactivated, the instance may be another
	 * session's already: a Deactivate now could end that one.
	 */
	if (!st->o->no_deactivate && !st->deactivating && sol_deactivate(st))
		ret = 1;
	if (rmcpp_close(st->s))
		ret = 1;
	sol_summary(st);
	return ret;
}

int rmcpp_sol(struct rmcpp *s, const struct sol_opts *o)
{
	long long deadline = now_ms() + (long long)o->seconds * 1000;
	static struct sol st;
	int ret;

	memset(&st, 0, sizeof(st));
	st.s = s;
	st.o = o;
	st.in_fd = sol_open(o->in, false);
	st.out_fd = sol_open(o->out, true);
	if ((o->in && st.in_fd < 0) || (o->out && st.out_fd < 0))
		return 1;
	ret = rmcpp_login(s, true) ? 1 : sol_session(&st, deadline);
	if (st.in_fd > STDERR_FILENO)
		close(st.in_fd);
	if (st.out_fd > STDERR_FILENO && close(st.out_fd)) {
		perror(o->out);
		ret = 1;
	}
	return ret;
}
