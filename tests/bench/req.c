// SPDX-License-Identifier: GPL-2.0
/*
 * loadgen req: in-session requests over N sessions, closed loop (W in
 * flight per session) or open loop (a fixed total rate). Every request is
 * built before the timed phase (sequence number, rqSeq, AES with a fresh
 * IV, AuthCode) by rmcpp.c; the timed phase only sends, receives and
 * matches. Replies are matched to the oldest request in flight of their
 * session; one reply in V is verified fully (AuthCode, decryption, IPMI
 * checksums, completion code, the expected rqSeq).
 *
 * Bridged (-b): each request is a Send Message (App 34h, channel 0, track
 * request) around the request addressed to one of the targets, in turn;
 * every message back is checked in full (what it answers is inside the
 * encrypted payload), see on_reply_bridged().
 */
#include "loadgen.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <openssl/rand.h>

#define RING_MASK (LG_RING - 1)
#define BATCH 32

struct lg_sess {
	struct rmcpp s;
	u8 *pkt;			/* npkt x LG_STRIDE */
	u16 *len;
	u8 *rq;				/* rqSeq of each request */
	u32 *seq;			/* session sequence number of each */
	u8 *tgt;			/* bridged: the target of each */
	u32 npkt, next;			/* next request to queue */
	u32 sid;			/* session id expected in replies */
	/* ring of request indexes: [head, sent) in flight, [sent, tail) queued */
	u32 ring_pkt[LG_RING];
	long long ring_t[LG_RING];	/* send (closed) or due (open) time */
	u32 head, sent, tail;
};

struct lg_req {
	struct lg_opts *o;
	struct lg_sess *x;
	int n;
	bool in_window;
	long long sent, replies, win_replies, lost, stray, send_again;
	long long verified, verify_fail, verify_mismatch, skipped;
	long long bad_cc, short_data;	/* of verify_fail */
	int last_bad_cc;
	/* bridged */
	long long acks, acks_unmatched, misrouted, failed, refused;
	long long cc_c0, cc_c3;
	long long lagged, max_lag_ns;
	struct lg_lat lat;
};

/*
 * The data of a Send Message bridging the request to @target, as ipmitool
 * -t wraps it (tests/tools/rmcpp/main.c, send_bridged()): channel 0 with
 * tracking, then the request to the target from software id 81h.
 */
static size_t bridged_data(u8 *msg, const struct lg_opts *o, u8 target)
{
	size_t n;

	msg[0] = 0x40;
	n = ipmi_build_req(msg + 1, o->netfn, o->cmd, 0x11, NULL, 0);
	msg[1] = target;
	msg[3] = ipmi_cks(msg + 1, 2);
	msg[n] = ipmi_cks(msg + 4, n - 4);
	return 1 + n;
}

/*
 * Build @n requests into x->pkt with rmcpp.c, before any timing. Bridged,
 * session @i starts at its own place in the targets, so that the sessions
 * are spread over them.
 */
static int precompute(struct lg_sess *x, const struct lg_opts *o, int i,
		      u32 n)
{
	struct rmcpp *s = &x->s;
	struct rmcpp_out out = {
		.ptype = PT_IPMI,
		.auth = s->suite->integ != INTEG_NONE,
		.encrypt = s->suite->conf != CONF_NONE,
		.sid = s->bmc_sid,
	};
	u32 first = o->ntargets ? (u32)(i * o->ntargets / o->sessions) : 0;
	int fd = s->fd;
	u8 msg[16];
	size_t mlen;
	u32 j;

	x->pkt = malloc((size_t)n * LG_STRIDE);
	x->len = calloc(n, sizeof(*x->len));
	x->rq = calloc(n, 1);
	x->seq = calloc(n, sizeof(*x->seq));
	x->tgt = calloc(n, 1);
	if (!x->pkt || !x->len || !x->rq || !x->seq || !x->tgt)
		return -1;
	/*
	 * rmcpp_send_raw() keeps a copy of every datagram in s->last before
	 * send(); with no socket the send fails and the copy is the packet.
	 */
	s->fd = -1;
	for (j = 0; j < n; j++) {
		out.seq = rmcpp_next_seq(s);
		s->rq_seq = (s->rq_seq + 1) & 0x3f;
		s->last_len = 0;
		if (o->ntargets) {
			x->tgt[j] = o->targets[(first + j) % (u32)o->ntargets];
			mlen = bridged_data(msg, o, x->tgt[j]);
			rmcpp_send_ipmi(s, &out, NETFN_APP, 0x34, msg, mlen);
		} else {
			rmcpp_send_ipmi(s, &out, o->netfn, o->cmd, NULL, 0);
		}
		if (!s->last_len || s->last_len > LG_STRIDE) {
			s->fd = fd;
			return -1;
		}
		memcpy(x->pkt + (size_t)j * LG_STRIDE, s->last, s->last_len);
		x->len[j] = (u16)s->last_len;
		x->rq[j] = s->rq_seq;
		x->seq[j] = out.seq;
	}
	s->fd = fd;
	x->npkt = n;
	return 0;
}

static bool queue(struct lg_req *q, struct lg_sess *x, long long t)
{
	if (x->next >= x->npkt) {
		if (!q->o->echo)
			return false;
		x->next = 0;	/* the echo floor checks nothing: reuse */
	}
	if (x->tail - x->head >= LG_RING) {
		q->skipped++;
		return false;
	}
	x->ring_pkt[x->tail & RING_MASK] = x->next++;
	x->ring_t[x->tail & RING_MASK] = t;
	x->tail++;
	return true;
}

static int flush(struct lg_req *q, struct lg_sess *x)
{
	struct mmsghdr m[BATCH];
	struct iovec iov[BATCH];
	long long now;
	int k, r, j, rounds;

	for (rounds = 0; rounds < 64 && x->sent != x->tail; rounds++) {
		k = (int)(x->tail - x->sent);
		if (k > BATCH)
			k = BATCH;
		memset(m, 0, sizeof(m[0]) * k);
		for (j = 0; j < k; j++) {
			u32 idx = x->ring_pkt[(x->sent + j) & RING_MASK];

			iov[j].iov_base = x->pkt + (size_t)idx * LG_STRIDE;
			iov[j].iov_len = x->len[idx];
			m[j].msg_hdr.msg_iov = &iov[j];
			m[j].msg_hdr.msg_iovlen = 1;
		}
		r = sendmmsg(x->s.fd, m, k, MSG_DONTWAIT);
		if (r < 0) {
			if (errno == EAGAIN || errno == ENOBUFS ||
			    errno == ECONNREFUSED || errno == EINTR) {
				q->send_again++;
				return 0;
			}
			perror("sendmmsg");
			return -1;
		}
		now = now_ns();
		for (j = 0; j < r; j++) {
			long long *t = &x->ring_t[(x->sent + j) & RING_MASK];

			if (!*t) {
				*t = now;
			} else if (now - *t > 1000000) {
				q->lagged++;	/* open loop: sent > 1 ms late */
				if (now - *t > q->max_lag_ns)
					q->max_lag_ns = now - *t;
			}
		}
		x->sent += r;
		q->sent += r;
		if (r < k)
			return 0;
	}
	return 0;
}

/*
 * The least response data after the completion code that a correct answer
 * carries: Get Device ID 11 bytes, Get Chassis Status 3 (the forwarded
 * command); other commands only need completion code 00.
 */
static size_t min_rsp_data(u8 netfn, u8 cmd)
{
	if (netfn == NETFN_APP && cmd == CMD_GET_DEVICE_ID)
		return 11;
	if (netfn == 0x00 && cmd == 0x01)
		return 3;
	return 0;
}

/*
 * Checks a reply fully; returns its rqSeq, or -1 if it is not a correct
 * response to our request.
 */
static int verify(struct lg_req *q, struct lg_sess *x, const u8 *buf, int n)
{
	static struct rmcpp_in in;
	struct ipmi_rsp rsp;
	const struct rmcpp_suite *su = x->s.suite;

	q->verified++;
	if (rmcpp_parse_v2(&x->s, buf, n, &in) ||
	    (in.ptype & PT_TYPE_MASK) != PT_IPMI ||
	    (su->integ && !in.mac_ok) ||
	    (su->conf && !(in.ptype & PT_ENCRYPTED)) ||
	    ipmi_parse_rsp(in.payload, in.len, &rsp) ||
	    rsp.netfn != (q->o->netfn | 1) || rsp.cmd != q->o->cmd) {
		q->verify_fail++;
		return -1;
	}
	if (rsp.cc) {
		q->verify_fail++;
		q->bad_cc++;
		q->last_bad_cc = rsp.cc;
		return -1;
	}
	if (rsp.len < min_rsp_data(q->o->netfn, q->o->cmd)) {
		q->verify_fail++;
		q->short_data++;
		return -1;
	}
	return rsp.rq_seq;
}

/*
 * The request in flight of @x with rqSeq @rq (and, if @target >= 0, that
 * target), as its ring position; x->sent if none.
 */
static u32 find_bridged(const struct lg_sess *x, int rq, int target)
{
	u32 j;

	for (j = x->head; j != x->sent; j++) {
		u32 p = x->ring_pkt[j & RING_MASK];

		if (x->rq[p] == rq && (target < 0 || x->tgt[p] == target))
			break;
	}
	return j;
}

/*
 * Done with the request at ring position @j, in flight: the ones before it
 * move up, so the ring stays in sending order (expire() relies on it).
 * Returns its send time.
 */
static long long take(struct lg_sess *x, u32 j)
{
	long long t = x->ring_t[j & RING_MASK];

	for (; j != x->head; j--) {
		x->ring_pkt[j & RING_MASK] = x->ring_pkt[(j - 1) & RING_MASK];
		x->ring_t[j & RING_MASK] = x->ring_t[(j - 1) & RING_MASK];
	}
	x->head++;
	return t;
}

/*
 * Bridged: every message is checked in full (session id, AuthCode,
 * decryption, checksums). A request gets two, as the server answers in the
 * separate form: the Send Message response (cc 00, no data), counted and
 * otherwise skipped; then the target's answer as a message of its own,
 * naming the Send Message's rqSeq, the target as its responder (rsSA) and
 * the inner request's netfn and cmd. Only that answer, with cc 00 and its
 * data, completes the request as answered (and times it). An answer that
 * names the rqSeq of a request in flight but comes from another target is
 * misrouted, and the request waits on (it is lost if its answer never
 * comes). A completion code in the answer (C0h busy, C3h timed out), or a
 * Send Message refused, completes the request as failed.
 */
static void on_reply_bridged(struct lg_req *q, struct lg_sess *x,
			     const u8 *buf, int n, long long now)
{
	static struct rmcpp_in in;
	const struct rmcpp_suite *su = x->s.suite;
	const struct lg_opts *o = q->o;
	struct ipmi_rsp rsp;
	long long t;
	u32 j;

	if (n < 16 || get32(buf + 6) != x->sid) {
		q->stray++;
		return;
	}
	q->verified++;
	if (rmcpp_parse_v2(&x->s, buf, n, &in) ||
	    (in.ptype & PT_TYPE_MASK) != PT_IPMI ||
	    (su->integ && !in.mac_ok) ||
	    (su->conf && !(in.ptype & PT_ENCRYPTED)) ||
	    ipmi_parse_rsp(in.payload, in.len, &rsp)) {
		q->verify_fail++;
		return;
	}
	if (rsp.netfn == NETFN_APP + 1 && rsp.cmd == 0x34) {
		j = find_bridged(x, rsp.rq_seq, -1);
		if (!rsp.cc && !rsp.len) {
			if (j == x->sent)
				q->acks_unmatched++;	/* after its answer */
			else
				q->acks++;
			return;
		}
		q->verify_fail++;
		q->refused++;
		q->last_bad_cc = rsp.cc;
		if (j != x->sent) {
			take(x, j);
			q->failed++;
		}
		return;
	}
	if (rsp.netfn != (o->netfn | 1) || rsp.cmd != o->cmd) {
		q->verify_fail++;
		return;
	}
	j = find_bridged(x, rsp.rq_seq, rsp.rs_sa);
	if (j == x->sent) {
		if (find_bridged(x, rsp.rq_seq, -1) != x->sent) {
			q->verify_fail++;
			q->misrouted++;
		} else {
			q->stray++;	/* after being counted lost */
		}
		return;
	}
	if (rsp.cc || rsp.len < min_rsp_data(o->netfn, o->cmd)) {
		q->verify_fail++;
		if (rsp.cc) {
			q->bad_cc++;
			q->last_bad_cc = rsp.cc;
			q->cc_c0 += rsp.cc == 0xc0;
			q->cc_c3 += rsp.cc == 0xc3;
		} else {
			q->short_data++;
		}
		take(x, j);
		q->failed++;
		return;
	}
	t = take(x, j);
	lg_lat_add(&q->lat, now - t);
	q->replies++;
	if (q->in_window)
		q->win_replies++;
}

static void on_reply(struct lg_req *q, struct lg_sess *x, const u8 *buf,
		     int n, long long now)
{
	u32 j, h = x->head & RING_MASK;
	int rq;

	if (q->o->ntargets) {
		on_reply_bridged(q, x, buf, n, now);
		return;
	}
	if (n < 16 || get32(buf + 6) != x->sid || x->head == x->sent) {
		q->stray++;	/* late (after being counted lost) or foreign */
		return;
	}
	if (q->o->verify_every && !q->o->echo &&
	    (q->replies + 1) % q->o->verify_every == 0) {
		/* a verified reply is matched by its rqSeq, not by order */
		rq = verify(q, x, buf, n);
		if (rq < 0)
			return;
		for (j = x->head; j != x->sent; j++)
			if (x->rq[x->ring_pkt[j & RING_MASK]] == rq)
				break;
		if (j == x->sent) {
			q->stray++;	/* a duplicate, or answered already */
			return;
		}
		if (j != x->head) {
			u32 jp = x->ring_pkt[j & RING_MASK];
			long long jt = x->ring_t[j & RING_MASK];

			q->verify_mismatch++;	/* out of order: swap */
			x->ring_pkt[j & RING_MASK] = x->ring_pkt[h];
			x->ring_t[j & RING_MASK] = x->ring_t[h];
			x->ring_pkt[h] = jp;
			x->ring_t[h] = jt;
		}
	}
	lg_lat_add(&q->lat, now - x->ring_t[h]);
	x->head++;
	q->replies++;
	if (q->in_window)
		q->win_replies++;
}

static int drain(struct lg_req *q, struct lg_sess *x)
{
	static u8 bufs[BATCH][RMCPP_DGRAM_MAX];
	struct mmsghdr m[BATCH];
	struct iovec iov[BATCH];
	long long now;
	int r, j, rounds;

	for (rounds = 0; rounds < 64; rounds++) {
		memset(m, 0, sizeof(m));
		for (j = 0; j < BATCH; j++) {
			iov[j].iov_base = bufs[j];
			iov[j].iov_len = sizeof(bufs[j]);
			m[j].msg_hdr.msg_iov = &iov[j];
			m[j].msg_hdr.msg_iovlen = 1;
		}
		r = recvmmsg(x->s.fd, m, BATCH, MSG_DONTWAIT, NULL);
		if (r < 0) {
			if (errno == EAGAIN || errno == EINTR ||
			    errno == ECONNREFUSED)
				return 0;
			perror("recvmmsg");
			return -1;
		}
		now = now_ns();
		for (j = 0; j < r; j++)
			on_reply(q, x, bufs[j], (int)m[j].msg_len, now);
		if (r < BATCH)
			return 0;
	}
	return 0;
}

static void refill(struct lg_req *q, struct lg_sess *x, bool stopping)
{
	if (stopping || q->o->open_loop)
		return;
	while (x->tail - x->head < (u32)q->o->window && queue(q, x, 0))
		;
}

static void expire(struct lg_req *q, long long now, long long tmo)
{
	int i;

	for (i = 0; i < q->n; i++) {
		struct lg_sess *x = &q->x[i];

		while (x->head != x->sent &&
		       now - x->ring_t[x->head & RING_MASK] > tmo) {
			x->head++;
			q->lost++;
		}
	}
}

static long long in_flight(const struct lg_req *q)
{
	long long f = 0;
	int i;

	for (i = 0; i < q->n; i++)
		f += q->x[i].tail - q->x[i].head;
	return f;
}

static bool exhausted(const struct lg_req *q)
{
	int i;

	if (q->o->echo)
		return false;
	for (i = 0; i < q->n; i++)
		if (q->x[i].next < q->x[i].npkt)
			return false;
	return true;
}

/* The timed phase and the drain after it. */
static int timed_phase(struct lg_req *q, int ep, struct lg_run *run)
{
	const struct lg_opts *o = q->o;
	long long tmo = (long long)o->timeout_ms * 1000000LL;
	long long t_end, stop_t = 0, now, last_exp = 0, k = 0, period = 0;
	struct epoll_event ev[64];
	bool stopping = false;
	long long loops;
	int i, e, nev;

	if (o->open_loop)
		period = (long long)(1e9 / o->rate);
	lg_run_start(run, false);
	q->in_window = true;
	t_end = run->t0 + (long long)(o->seconds * 1e9);
	if (!o->open_loop)
		for (i = 0; i < q->n; i++) {
			refill(q, &q->x[i], false);
			if (flush(q, &q->x[i]))
				return -1;
		}
	/* bounded: the deadline, the drain timeout and a loop count */
	for (loops = 0; loops < 100000000LL; loops++) {
		struct timespec ts = { 0, 5000000 };

		now = now_ns();
		if (!stopping && (now >= t_end || exhausted(q))) {
			stopping = true;
			stop_t = now;
			q->in_window = false;
			lg_run_stop(run);
		}
		if (stopping && (!in_flight(q) || now - stop_t > tmo))
			break;
		if (o->open_loop && !stopping) {
			long long due;

			for (due = 0; run->t0 + k * period <= now && due < 100000;
			     due++, k++)
				queue(q, &q->x[k % q->n], run->t0 + k * period);
			for (i = 0; i < q->n; i++)
				if (flush(q, &q->x[i]))
					return -1;
			now = now_ns();
			due = run->t0 + k * period - now;
			if (due < 0)
				due = 0;
			if (due < ts.tv_nsec)
				ts.tv_nsec = (long)due;
		}
		nev = epoll_pwait2(ep, ev, 64, &ts, NULL);
		if (nev < 0 && errno != EINTR) {
			perror("epoll_pwait2");
			return -1;
		}
		for (e = 0; e < nev; e++) {
			struct lg_sess *x = &q->x[ev[e].data.u32];

			if (drain(q, x))
				return -1;
			refill(q, x, stopping);
			if (flush(q, x))
				return -1;
		}
		now = now_ns();
		if (now - last_exp > 20000000LL) {
			last_exp = now;
			expire(q, now, tmo);
			for (i = 0; i < q->n; i++) {
				refill(q, &q->x[i], stopping);
				if (flush(q, &q->x[i]))
					return -1;
			}
		}
	}
	if (!stopping)
		lg_run_stop(run);
	expire(q, now_ns() + 2 * tmo, tmo);	/* what is left is lost */
	return 0;
}

static int setup(struct lg_req *q, int ep)
{
	const struct lg_opts *o = q->o;
	u32 per = (u32)(o->count / q->n);

	if (o->echo && per > 4096)
		per = 4096;
	int i;

	if (per < 1)
		per = 1;
	for (i = 0; i < q->n; i++) {
		struct lg_sess *x = &q->x[i];
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = (u32)i };

		if (o->echo) {
			/* the floor: same packets, keys nobody checks */
			lg_client_init(&x->s, o);
			if (lg_session_socket(&x->s, o, i) ||
			    RAND_bytes(x->s.k1, sizeof(x->s.k1)) != 1 ||
			    RAND_bytes(x->s.k2, sizeof(x->s.k2)) != 1)
				return -1;
			x->s.bmc_sid = 0x01020304u + (u32)i;
			x->sid = x->s.bmc_sid;
		} else {
			if (lg_login(&x->s, o, i)) {
				fprintf(stderr, "session %d: login failed\n", i);
				return -1;
			}
			x->sid = x->s.console_sid;
		}
		if (precompute(x, o, i, per)) {
			fprintf(stderr, "session %d: cannot build requests\n", i);
			return -1;
		}
		if (epoll_ctl(ep, EPOLL_CTL_ADD, x->s.fd, &ev)) {
			perror("epoll_ctl");
			return -1;
		}
	}
	return 0;
}

/* Close every session, continuing from the last sequence number sent. */
static long long close_all(struct lg_req *q)
{
	long long fails = 0;
	int i;

	for (i = 0; i < q->n; i++) {
		struct lg_sess *x = &q->x[i];

		if (x->s.fd < 0)
			continue;
		if (!q->o->echo && x->s.active) {
			u32 last = x->sent ? x->ring_pkt[(x->sent - 1) & RING_MASK] : 0;

			x->s.out_seq = x->sent ? x->seq[last] + 1 : x->seq[0];
			x->s.rq_seq = x->sent ? x->rq[last] : 0;
			if (rmcpp_close(&x->s))
				fails++;
		}
		close(x->s.fd);
		x->s.fd = -1;
	}
	return fails;
}

int lg_req_main(struct lg_opts *o)
{
	struct lg_req q = { .o = o, .n = o->sessions, .last_bad_cc = -1 };
	long long close_fail;
	struct lg_run run;
	const char *why = NULL;
	char why_cc[100];
	double secs, gen, u, s, rate;
	int ep, ret = 0;

	q.x = calloc(q.n, sizeof(*q.x));
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (!q.x || ep < 0 || lg_lat_init(&q.lat, (size_t)o->count + 1))
		return 1;
	if (setup(&q, ep)) {
		why = "setup failed (login or socket)";
		ret = 1;
		memset(&run, 0, sizeof(run));
	} else if (timed_phase(&q, ep, &run)) {
		why = "socket error";
		ret = 1;
	}
	close_fail = close_all(&q);
	secs = lg_run_secs(&run);
	rate = secs > 0 ? q.win_replies / secs : 0;
	gen = lg_run_gen_cpu(&run, &u, &s);
	if (!why && q.misrouted) {
		snprintf(why_cc, sizeof(why_cc),
			 "%lld answers from the wrong target", q.misrouted);
		why = why_cc;
	} else if (!why && q.verify_fail && q.refused) {
		snprintf(why_cc, sizeof(why_cc),
			 "%lld Send Message responses not cc 00 without data (the last cc 0x%02x)",
			 q.refused, q.last_bad_cc);
		why = why_cc;
	} else if (!why && q.verify_fail && q.bad_cc) {
		snprintf(why_cc, sizeof(why_cc),
			 "a verified reply was wrong (%lld with a completion code, the last 0x%02x)",
			 q.bad_cc, q.last_bad_cc);
		why = why_cc;
	} else if (!why && q.verify_fail) {
		why = "a verified reply was wrong";
	}
	if (!why && !q.replies)
		why = "no replies";
	if (!why)
		why = lg_generator_bound(o, &run);
	/*
	 * Sends later than their due time still count from the due time (no
	 * coordinated omission); a late send is only the generator's fault
	 * when it was busy, not when the guest or the host descheduled it.
	 */
	if (!why && o->open_loop &&
	    (q.skipped || (q.lagged > q.sent / 100 && secs > 0 &&
			   gen / secs >= 0.9)))
		why = "generator could not keep the schedule";


	js_begin(o);
	js_str("target", o->echo ? "udp-echo" : o->host);
	js_int("port", o->port);
	js_int("suite", o->suite);
	js_int("sessions", q.n);
	if (o->open_loop)
		js_num("offered_per_s", o->rate);
	else
		js_int("window", o->window);
	js_num("req_per_s", rate);
	js_int("sent", q.sent);
	js_int("replies", q.replies);
	js_int("lost", q.lost);
	js_int("late_or_stray", q.stray);
	js_int("send_again", q.send_again);
	js_int("verified", q.verified);
	js_int("verify_fail", q.verify_fail);
	js_int("verify_fail_cc", q.bad_cc);
	js_int("verify_fail_short", q.short_data);
	if (q.last_bad_cc >= 0)
		js_int("verify_last_cc", q.last_bad_cc);
	js_str("request", o->netfn == NETFN_APP && o->cmd == CMD_GET_DEVICE_ID ?
	       "get-device-id" : o->netfn == 0 && o->cmd == 1 ?
	       "get-chassis-status" : "other");
	js_int("netfn", o->netfn);
	js_int("cmd", o->cmd);
	js_int("verified_out_of_order", q.verify_mismatch);
	if (o->ntargets) {
		js_bool("bridged", true);
		js_int("targets", o->ntargets);
		js_int("target_first", o->targets[0]);
		js_int("target_last", o->targets[o->ntargets - 1]);
		js_int("send_message_acks", q.acks);
		js_int("send_message_acks_after_answer", q.acks_unmatched);
		js_int("send_message_refused", q.refused);
		js_int("misrouted", q.misrouted);
		js_int("failed", q.failed);
		js_int("answers_c0", q.cc_c0);
		js_int("answers_c3", q.cc_c3);
	}
	js_int("close_fail", close_fail);
	js_bool("budget_exhausted", exhausted(&q));
	if (o->open_loop) {
		js_int("skipped", q.skipped);
		js_int("sent_late_1ms", q.lagged);
		js_int("max_send_lag_us", q.max_lag_ns / 1000);
	}
	if (o->echo && o->open_loop)
		js_str("note", "echo floor, open loop");
	js_lat("latency_us", &q.lat);
	js_run(&run);
	js_bool("valid", !why);
	if (why)
		js_str("invalid_reason", why);
	js_end();
	close(ep);
	return ret;
}
