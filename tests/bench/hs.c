// SPDX-License-Identifier: GPL-2.0
/*
 * loadgen hs: full handshakes (Open Session, RAKP 1-4, Close Session), as
 * many as the server completes, from one process.
 *
 * K handshakes are in flight at once (-j), each in a slot: a small state
 * machine driven by one epoll set over non-blocking UDP sockets, one per
 * source address (-A). Slot s uses the addresses s, s+K, s+2K, ... in
 * turn, one per handshake, so each source sees a share of the packets and
 * the server's per-source limit on pre-session packets (40/s, 3 per
 * handshake) allows A x 40/3 handshakes/s, reported next to the rate.
 * With -F every handshake gets a new socket (a new source port).
 *
 * The client's crypto must not be what the rate measures, so it is cheap
 * (fastcrypto.c): HMAC keyed with the password once per run and with each
 * session's keys once per session, one AES context per slot, random bytes
 * from a pool. Every Close Session reply is checked fully (AuthCode,
 * decryption, pad, checksums, the request it answers, completion code
 * 00); the RAKP2 key exchange code and the RAKP4 ICV are checked in one
 * handshake in V (-V; 0: never). A wrong checked reply makes the run
 * invalid. A step without a reply within -T ms fails its handshake, and
 * the slot starts a new one: nothing is ever sent twice.
 *
 * The rate counts the handshakes completed within -t seconds (or until
 * the -c budget is done); the ones in flight then get at most a second
 * to finish. Sessions that may still be active on the server (RAKP4 or
 * the Close Session reply never came) are closed after that, best effort.
 * A source address the server never answers is retired (see retire()).
 */
#include "loadgen.h"

#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

/* Pre-session packets a handshake sends: Open Session, RAKP1, RAKP3. */
#define PRESESSION_PACKETS 3
/* The server's default per-source limit (kmod/ratelimiter.h). */
#define SOURCE_PPS 40

#define HS_BATCH 4			/* datagrams per recvmmsg */
#define HS_EVENTS 64
#define HS_SCAN_NS 2000000LL		/* timeouts are looked for this often */
#define HS_DRAIN_NS 1000000000LL	/* after the timed phase, at most */
#define HS_ORPHAN_WAIT_NS 1000000000LL
#define HS_MAX_ORPHANS 1024
#define HS_MAX_LOOPS 400000000LL
#define HS_RETIRE_MISSES 2		/* unanswered Open Sessions, see retire() */
#define HS_DGRAM 256			/* the longest datagram sent */

enum hs_step { HS_IDLE, HS_OPEN, HS_RAKP2, HS_RAKP4, HS_CLOSE, HS_STEPS };

/* the step is named by the reply it waits for */
static const char *const step_names[HS_STEPS] = {
	[HS_OPEN] = "open", [HS_RAKP2] = "rakp2", [HS_RAKP4] = "rakp4",
	[HS_CLOSE] = "close",
};

/* How a handshake ended. */
enum hs_end { END_OK, END_TIMEOUT, END_STATUS, END_BAD, END_VERIFY, END_SEND };

/* What a reply to Close Session is. */
enum { REPLY_OK, REPLY_STRAY, REPLY_WRONG, REPLY_CC };

/* An active session, from RAKP2 on: enough to close it. */
struct hs_sess {
	u32 sidm, sidc;		/* the console's and the BMC's session ids */
	u32 seq;		/* the next session sequence number */
	u8 rq_seq;		/* rqSeq of the last request */
	u8 k2[AES_BLOCK];	/* the AES key: K2's first 16 bytes */
	struct lg_hmac k1;	/* the integrity key */
};

struct hs_slot {
	int id;
	int addr;		/* the source address in use */
	int fd;			/* its socket (-F: -1 between handshakes) */
	enum hs_step step;
	bool verify;		/* in the sample of -V */
	u8 tag;
	long long t0;		/* ns: the handshake's start */
	long long deadline;	/* ns: the current step's */
	u8 rm[16], rc[16], guid[16];
	struct hs_sess s;
	struct lg_hmac sik;	/* HMAC(SIK, .): K1, K2 and the ICV */
	EVP_CIPHER_CTX *aes;
};

/* A session that may be active on the server but was never closed. */
struct hs_orphan {
	int fd;
	bool own_fd;		/* -F: the socket is the orphan's */
	bool closed;
	struct hs_sess s;
};

struct hs_count {
	long long started, ok, ok_phase, fail_login, fail_close;
	long long timeout[HS_STEPS], status[HS_STEPS], bad[HS_STEPS];
	long long send_err[HS_STEPS], verify_fail[HS_STEPS];
	long long verified, close_checked, stray, icmp, socket_err;
	long long unfinished, orphans, orphans_dropped, orphans_closed;
	long long waits, events, rx_calls, rx_dgrams;	/* the event loop's */
	int last_status, last_status_step;
};

struct hs {
	struct lg_opts *o;
	const struct rmcpp_suite *su;
	const struct lg_hash *ah;	/* the RAKP HMAC's hash */
	const struct lg_hash *ih;	/* the integrity HMAC's hash */
	size_t alen, icvlen, ilen;
	struct lg_hmac kuid;		/* HMAC(Kuid, .), for the whole run */
	u8 kuid_raw[RMCPP_PASSWORD_LEN];
	u8 role, ulen, uname[RMCPP_USER_MAX];
	int k, naddr;
	long long tmo;			/* ns */
	struct sockaddr_storage srv;
	socklen_t srv_len;
	struct sockaddr_in *src;	/* the source addresses */
	int *fds;			/* a socket per address (not -F) */
	u8 *used, *answered;		/* per address */
	u8 *misses, *retired;		/* per address, see retire() */
	int nretired;
	int ep;
	struct hs_slot *slot;
	EVP_CIPHER_CTX *spare_aes;	/* for the orphans */
	struct hs_orphan *orphan;
	int norphan;
	bool starting;			/* new handshakes may start */
	bool in_phase;			/* the timed phase */
	int in_flight;
	const char *fatal;
	struct hs_count c;
	struct lg_lat lat;
};

/* The RMCP and RMCP+ session headers; the payload follows at 16. */
static void put_hdr(u8 *b, u8 ptype, u32 sid, u32 seq, size_t plen)
{
	b[0] = RMCP_VERSION;
	b[1] = 0;
	b[2] = RMCP_SEQ_NOACK;
	b[3] = RMCP_CLASS_IPMI;
	b[4] = AUTHTYPE_RMCPP;
	b[5] = ptype;
	put32(b + 6, sid);
	put32(b + 10, seq);
	b[14] = (u8)plen;
	b[15] = (u8)(plen >> 8);
}

static void put_record(u8 *p, u8 type, u8 alg)
{
	memset(p, 0, 8);
	p[0] = type;
	p[3] = 8;
	p[4] = alg;
}

/* ---- keys and codes (IPMI v2.0 section 13.31 and 13.32) -------------- */

static int hmac_cut(const struct lg_hmac *k, const u8 *p, size_t len,
		    u8 *out, size_t cut)
{
	u8 mac[LG_HASH_MAX];

	if (lg_hmac(k, p, len, mac) < (int)cut)
		return -1;
	memcpy(out, mac, cut);
	return 0;
}

/* HMAC(Kuid, SIDm, SIDc, Rm, Rc, GUIDc, Role, ULen, UName) */
static int rakp2_code(const struct hs *h, const struct hs_slot *x, u8 *out)
{
	u8 b[58 + RMCPP_USER_MAX];

	put32(b, x->s.sidm);
	put32(b + 4, x->s.sidc);
	memcpy(b + 8, x->rm, 16);
	memcpy(b + 24, x->rc, 16);
	memcpy(b + 40, x->guid, 16);
	b[56] = h->role;
	b[57] = h->ulen;
	memcpy(b + 58, h->uname, h->ulen);
	return hmac_cut(&h->kuid, b, 58 + h->ulen, out, h->alen);
}

/* HMAC(Kuid, Rc, SIDm, Role, ULen, UName) */
static int rakp3_code(const struct hs *h, const struct hs_slot *x, u8 *out)
{
	u8 b[22 + RMCPP_USER_MAX];

	memcpy(b, x->rc, 16);
	put32(b + 16, x->s.sidm);
	b[20] = h->role;
	b[21] = h->ulen;
	memcpy(b + 22, h->uname, h->ulen);
	return hmac_cut(&h->kuid, b, 22 + h->ulen, out, h->alen);
}

/* SIK = HMAC(Kuid, Rm, Rc, Role, ULen, UName); K1, K2 = HMAC(SIK, 20 x n) */
static int derive(const struct hs *h, struct hs_slot *x)
{
	u8 b[34 + RMCPP_USER_MAX], key[LG_HASH_MAX], c[20];
	int ret = -1;

	memcpy(b, x->rm, 16);
	memcpy(b + 16, x->rc, 16);
	b[32] = h->role;
	b[33] = h->ulen;
	memcpy(b + 34, h->uname, h->ulen);
	if (hmac_cut(&h->kuid, b, 34 + h->ulen, key, h->alen) ||
	    lg_hmac_key(&x->sik, h->ah, key, h->alen))
		goto out;
	if (h->su->integ != INTEG_NONE && h->su->integ != INTEG_MD5_128) {
		memset(c, 0x01, sizeof(c));
		if (hmac_cut(&x->sik, c, sizeof(c), key, h->alen) ||
		    lg_hmac_key(&x->s.k1, h->ih, key, h->alen))
			goto out;
	}
	if (h->su->conf != CONF_NONE) {
		memset(c, 0x02, sizeof(c));
		if (hmac_cut(&x->sik, c, sizeof(c), key, h->alen))
			goto out;
		memcpy(x->s.k2, key, AES_BLOCK);
	}
	ret = 0;
out:
	OPENSSL_cleanse(key, sizeof(key));
	return ret;
}

/* HMAC(SIK, Rm, SIDc, GUIDc), cut to the ICV's length */
static int rakp4_icv(const struct hs *h, const struct hs_slot *x, u8 *out)
{
	u8 b[36];

	memcpy(b, x->rm, 16);
	put32(b + 16, x->s.sidc);
	memcpy(b + 20, x->guid, 16);
	return hmac_cut(&x->sik, b, sizeof(b), out, h->icvlen);
}

static int integ_code(const struct hs *h, const struct hs_sess *s,
		      const u8 *p, size_t len, u8 *out)
{
	u8 mac[LG_HASH_MAX];

	if (h->su->integ == INTEG_MD5_128) {
		if (lg_md5_128(h->kuid_raw, p, len, mac) < (int)h->ilen)
			return -1;
		memcpy(out, mac, h->ilen);
		return 0;
	}
	return hmac_cut(&s->k1, p, len, out, h->ilen);
}

/* ---- Close Session ------------------------------------------------------ */

/* The request, with the suite's confidentiality and integrity. */
static int build_close(const struct hs *h, struct hs_sess *s,
		       EVP_CIPHER_CTX *aes, u8 *b)
{
	u8 msg[16], d[4], iv[AES_BLOCK], pt = PT_IPMI;
	size_t n, plen, pad;
	int r;

	s->rq_seq = (s->rq_seq + 1) & 0x3f;
	put32(d, s->sidc);
	n = ipmi_build_req(msg, NETFN_APP, CMD_CLOSE_SESSION, s->rq_seq, d, 4);
	if (h->su->conf != CONF_NONE) {
		if (lg_rand(iv, sizeof(iv)))
			return -1;
		r = lg_aes_seal(aes, s->k2, iv, msg, n, b + 16,
				HS_DGRAM - 16 - 4 - LG_HASH_MAX);
		if (r < 0)
			return -1;
		plen = (size_t)r;
		pt |= PT_ENCRYPTED;
	} else {
		memcpy(b + 16, msg, n);
		plen = n;
	}
	if (h->ilen)
		pt |= PT_AUTHENTICATED;
	put_hdr(b, pt, s->sidc, s->seq, plen);
	if (++s->seq == 0)
		s->seq = 1;
	n = 16 + plen;
	if (h->ilen) {
		/* authtype .. next header must be a multiple of 4 */
		pad = (4 - (n - 4 + 2) % 4) % 4;
		memset(b + n, 0xff, pad);
		n += pad;
		b[n++] = (u8)pad;
		b[n++] = RMCP_CLASS_IPMI;	/* next header */
		if (integ_code(h, s, b + 4, n - 4, b + n))
			return -1;
		n += h->ilen;
	}
	return (int)n;
}

/*
 * A datagram for session @s: a stray if it is not for this session at
 * all; once it names the session, anything but a correct, authenticated
 * and decryptable reply to our request is wrong.
 */
static int check_close(const struct hs *h, const struct hs_sess *s,
		       EVP_CIPHER_CTX *aes, const u8 *p, size_t len, u8 *cc)
{
	u8 mac[LG_HASH_MAX], plain[LG_AES_MAX];
	size_t plen, tail, ilen = h->ilen, mlen;
	struct ipmi_rsp rsp;
	const u8 *m;
	int r;

	if (len < 16 || p[0] != RMCP_VERSION || p[3] != RMCP_CLASS_IPMI ||
	    p[4] != AUTHTYPE_RMCPP || (p[5] & PT_TYPE_MASK) != PT_IPMI ||
	    get32(p + 6) != s->sidm)
		return REPLY_STRAY;
	plen = p[14] | p[15] << 8;
	if (16 + plen > len || !(p[5] & PT_AUTHENTICATED) != !ilen ||
	    !(p[5] & PT_ENCRYPTED) != (h->su->conf == CONF_NONE))
		return REPLY_WRONG;
	if (ilen) {
		tail = len - 16 - plen;
		if (tail < 2 + ilen || p[len - ilen - 1] != RMCP_CLASS_IPMI ||
		    p[len - ilen - 2] != tail - 2 - ilen ||
		    (len - ilen - 4) % 4 ||
		    integ_code(h, s, p + 4, len - ilen - 4, mac) ||
		    CRYPTO_memcmp(mac, p + len - ilen, ilen))
			return REPLY_WRONG;
	} else if (len != 16 + plen) {
		return REPLY_WRONG;
	}
	if (h->su->conf != CONF_NONE) {
		r = lg_aes_open(aes, s->k2, p + 16, plen, plain, sizeof(plain));
		if (r < 0)
			return REPLY_WRONG;
		m = plain;
		mlen = (size_t)r;
	} else {
		m = p + 16;
		mlen = plen;
	}
	if (ipmi_parse_rsp(m, mlen, &rsp) || rsp.netfn != (NETFN_APP | 1) ||
	    rsp.cmd != CMD_CLOSE_SESSION || rsp.rq_seq != s->rq_seq)
		return REPLY_WRONG;
	*cc = rsp.cc;
	return rsp.cc ? REPLY_CC : REPLY_OK;
}

/* ---- the slots -------------------------------------------------------- */

static int hs_socket(struct hs *h, int addr)
{
	struct epoll_event ev = { .events = EPOLLIN };
	int fd;

	fd = socket(h->srv.ss_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
		    0);
	if (fd < 0) {
		perror("socket");
		return -1;
	}
	if (h->src && bind(fd, (struct sockaddr *)&h->src[addr],
			   sizeof(h->src[addr]))) {
		perror("bind");
		goto fail;
	}
	if (connect(fd, (struct sockaddr *)&h->srv, h->srv_len)) {
		perror("connect");
		goto fail;
	}
	/* the event names the socket and the address (and so the slot) */
	ev.data.u64 = (uint64_t)(u32)fd << 32 | (u32)addr;
	if (epoll_ctl(h->ep, EPOLL_CTL_ADD, fd, &ev)) {
		perror("epoll_ctl");
		goto fail;
	}
	return fd;
fail:
	close(fd);
	return -1;
}

/* Keeps a session the server may hold active, to close it at the end. */
static void keep_orphan(struct hs *h, struct hs_slot *x)
{
	struct hs_orphan *r;

	if (h->norphan >= HS_MAX_ORPHANS) {
		h->c.orphans_dropped++;
		return;
	}
	r = &h->orphan[h->norphan++];
	r->fd = x->fd;
	r->own_fd = h->o->fresh_socket;
	r->closed = false;
	r->s = x->s;
	h->c.orphans++;
	if (r->own_fd)
		x->fd = -1;	/* the orphan closes it */
}

static void count_end(struct hs *h, enum hs_step st, enum hs_end why,
		      int status)
{
	switch (why) {
	case END_OK:
		return;
	case END_TIMEOUT:
		h->c.timeout[st]++;
		break;
	case END_STATUS:
		h->c.status[st]++;
		h->c.last_status = status;
		h->c.last_status_step = st;
		break;
	case END_BAD:
		h->c.bad[st]++;
		break;
	case END_VERIFY:
		h->c.verify_fail[st]++;
		break;
	case END_SEND:
		h->c.send_err[st]++;
		break;
	}
	if (st == HS_CLOSE)
		h->c.fail_close++;
	else
		h->c.fail_login++;
}

/*
 * Whether the session can be active on the server: RAKP3 went out and
 * no error status came back, and Close Session was not answered.
 */
static bool maybe_active(enum hs_step st, enum hs_end why)
{
	if (st == HS_RAKP4)
		return why == END_TIMEOUT || why == END_VERIFY;
	if (st == HS_CLOSE)
		return why != END_OK && why != END_VERIFY;
	return false;
}

/*
 * The module's rate limiter keeps a bucket per source in a fixed table (256
 * sets of 4): a source whose set is full of sources active within the last
 * second gets no answer at all, for as long as they stay active. So an
 * address whose Open Session went unanswered twice, and never answered in
 * this run, is retired: the slots skip it. Twice, because the previous
 * phase's sources hold their buckets for a second after it ends. At most
 * a quarter of the addresses are retired, so a server that is merely slow
 * keeps them all.
 */
static void retire(struct hs *h, int a)
{
	if (h->answered[a] || h->retired[a] || h->misses[a] == 0xff ||
	    ++h->misses[a] < HS_RETIRE_MISSES || h->nretired >= h->naddr / 4)
		return;
	h->retired[a] = 1;
	h->nretired++;
}

/* The next address of the slot's share that is not retired. */
static void next_addr(struct hs *h, struct hs_slot *x)
{
	int i, a = x->addr;

	/* bounded: one pass over the share; if all are retired, use one */
	for (i = 0; i <= h->naddr / h->k; i++) {
		a += h->k;
		if (a >= h->naddr)
			a = x->id;
		if (!h->retired[a])
			break;
	}
	x->addr = a;
}

/* Ends the slot's handshake; the slot moves to its next address. */
static void finish(struct hs *h, struct hs_slot *x, long long now,
		   enum hs_end why, int status)
{
	enum hs_step st = x->step;

	count_end(h, st, why, status);
	if (st == HS_OPEN && why == END_TIMEOUT)
		retire(h, x->addr);
	if (why == END_OK) {
		h->c.ok++;
		if (h->in_phase)
			h->c.ok_phase++;
		lg_lat_add(&h->lat, now - x->t0);
	} else if (maybe_active(st, why) && x->fd >= 0) {
		keep_orphan(h, x);
	}
	if (h->o->fresh_socket && x->fd >= 0)
		close(x->fd);	/* and so out of the epoll set */
	if (h->o->fresh_socket)
		x->fd = -1;
	x->step = HS_IDLE;
	h->in_flight--;
	next_addr(h, x);
	if (!h->o->fresh_socket)
		x->fd = h->fds[x->addr];
}

/* Sends the datagram that moves the slot to step @next. */
static int xmit(struct hs *h, struct hs_slot *x, enum hs_step next,
		const u8 *b, size_t n, long long now)
{
	x->step = next;
	x->deadline = now + h->tmo;
	if (send(x->fd, b, n, 0) == (ssize_t)n)
		return 0;
	finish(h, x, now, END_SEND, -1);
	return -1;
}

static void start(struct hs *h, struct hs_slot *x, long long now)
{
	u8 b[16 + 32];
	int i;

	h->c.started++;
	h->in_flight++;
	x->step = HS_OPEN;
	x->t0 = now;
	x->verify = h->o->verify_every &&
		    (h->c.started - 1) % h->o->verify_every == 0;
	x->s.seq = 1;
	x->s.rq_seq = 0;
	h->used[x->addr] = 1;
	if (h->o->fresh_socket) {
		/* a new source port, like a new client process */
		x->fd = hs_socket(h, x->addr);
		if (x->fd < 0) {
			h->c.socket_err++;
			finish(h, x, now, END_SEND, -1);
			return;
		}
	}
	x->s.sidm = 0;
	for (i = 0; i < 8 && !x->s.sidm; i++) {
		if (lg_rand(&x->s.sidm, sizeof(x->s.sidm))) {
			h->fatal = "no random bytes";
			return;
		}
	}
	x->tag++;
	b[16] = x->tag;
	b[17] = 0;	/* requested maximum privilege: highest available */
	b[18] = 0;
	b[19] = 0;
	put32(b + 20, x->s.sidm);
	put_record(b + 24, 0x00, h->su->auth);
	put_record(b + 32, 0x01, h->su->integ);
	put_record(b + 40, 0x02, h->su->conf);
	put_hdr(b, PT_OPEN_REQ, 0, 0, 32);
	xmit(h, x, HS_OPEN, b, sizeof(b), now);
}

/* Starts a handshake in an idle slot while the phase wants more. */
static void kick(struct hs *h, struct hs_slot *x, long long now)
{
	if (x->step == HS_IDLE && h->starting && !h->fatal)
		start(h, x, now);
}

/*
 * A session-setup reply of @type for the slot: its status (>= 0), or -1
 * if it is not one (a stray). Some servers send an error as just the tag
 * and the status.
 */
static int setup_reply(const struct hs_slot *x, const u8 *p, size_t n,
		       u8 type, const u8 **r, size_t *rlen)
{
	size_t plen;

	if (n < 16 || p[0] != RMCP_VERSION || p[3] != RMCP_CLASS_IPMI ||
	    p[4] != AUTHTYPE_RMCPP || p[5] != type)
		return -1;
	plen = p[14] | p[15] << 8;
	if (n != 16 + plen || plen < 2 || p[16] != x->tag)
		return -1;
	*r = p + 16;
	*rlen = plen;
	if (p[17] != RMCPP_OK && plen < 8)
		return p[17];
	if (plen < 8 || get32(p + 20) != x->s.sidm)
		return -1;
	return p[17];
}

/*
 * The common part of taking a setup reply: a stray is counted, an error
 * status or a payload shorter than min ends the handshake. True when the
 * reply is to be used (*r, *rlen set).
 */
static bool take_reply(struct hs *h, struct hs_slot *x, const u8 *p, size_t n,
		       u8 type, size_t min, const u8 **r, size_t *rlen,
		       long long now)
{
	int st = setup_reply(x, p, n, type, r, rlen);

	if (st < 0) {
		h->c.stray++;
		return false;
	}
	if (type == PT_OPEN_RSP)
		h->answered[x->addr] = 1;
	if (st) {
		finish(h, x, now, END_STATUS, st);
		return false;
	}
	if (*rlen < min) {
		finish(h, x, now, END_BAD, -1);
		return false;
	}
	return true;
}

static void on_open(struct hs *h, struct hs_slot *x, const u8 *p, size_t n,
		    long long now)
{
	u8 b[16 + 28 + RMCPP_USER_MAX];
	const u8 *r;
	size_t len;

	if (!take_reply(h, x, p, n, PT_OPEN_RSP, 36, &r, &len, now))
		return;
	if (r[16] != h->su->auth || r[24] != h->su->integ ||
	    r[32] != h->su->conf || !get32(r + 8)) {
		finish(h, x, now, END_BAD, -1);
		return;
	}
	x->s.sidc = get32(r + 8);
	if (lg_rand(x->rm, sizeof(x->rm))) {
		h->fatal = "no random bytes";
		return;
	}
	x->tag++;
	b[16] = x->tag;
	memset(b + 17, 0, 3);
	put32(b + 20, x->s.sidc);
	memcpy(b + 24, x->rm, 16);
	b[40] = h->role;
	b[41] = 0;
	b[42] = 0;
	b[43] = h->ulen;
	memcpy(b + 44, h->uname, h->ulen);
	put_hdr(b, PT_RAKP1, 0, 0, 28 + h->ulen);
	xmit(h, x, HS_RAKP2, b, 44 + h->ulen, now);
}

static void on_rakp2(struct hs *h, struct hs_slot *x, const u8 *p, size_t n,
		     long long now)
{
	u8 b[16 + 8 + LG_HASH_MAX], mac[LG_HASH_MAX];
	const u8 *r;
	size_t len;

	if (!take_reply(h, x, p, n, PT_RAKP2, 40 + h->alen, &r, &len, now))
		return;
	memcpy(x->rc, r + 8, 16);
	memcpy(x->guid, r + 24, 16);
	if (x->verify) {
		if (rakp2_code(h, x, mac)) {
			h->fatal = "HMAC failed";
			return;
		}
		if (CRYPTO_memcmp(mac, r + 40, h->alen)) {
			finish(h, x, now, END_VERIFY, -1);
			return;
		}
	}
	x->tag++;
	b[16] = x->tag;
	b[17] = RMCPP_OK;
	b[18] = 0;
	b[19] = 0;
	put32(b + 20, x->s.sidc);
	if (rakp3_code(h, x, b + 24)) {
		h->fatal = "HMAC failed";
		return;
	}
	put_hdr(b, PT_RAKP3, 0, 0, 8 + h->alen);
	if (xmit(h, x, HS_RAKP4, b, 24 + h->alen, now))
		return;
	/* the session keys, while the server checks RAKP3 */
	if (derive(h, x))
		h->fatal = "HMAC failed";
}

static void on_rakp4(struct hs *h, struct hs_slot *x, const u8 *p, size_t n,
		     long long now)
{
	u8 b[HS_DGRAM], icv[LG_HASH_MAX];
	const u8 *r;
	size_t len;
	int st;

	if (!take_reply(h, x, p, n, PT_RAKP4, 8 + h->icvlen, &r, &len, now))
		return;
	if (x->verify) {
		if (rakp4_icv(h, x, icv)) {
			h->fatal = "HMAC failed";
			return;
		}
		if (CRYPTO_memcmp(icv, r + 8, h->icvlen)) {
			finish(h, x, now, END_VERIFY, -1);
			return;
		}
		h->c.verified++;
	}
	st = build_close(h, &x->s, x->aes, b);
	if (st < 0) {
		h->fatal = "cannot build Close Session";
		return;
	}
	xmit(h, x, HS_CLOSE, b, (size_t)st, now);
}

static void on_close(struct hs *h, struct hs_slot *x, const u8 *p, size_t n,
		     long long now)
{
	u8 cc = 0;

	switch (check_close(h, &x->s, x->aes, p, n, &cc)) {
	case REPLY_STRAY:
		h->c.stray++;
		return;
	case REPLY_WRONG:
		h->c.close_checked++;
		finish(h, x, now, END_VERIFY, -1);
		return;
	case REPLY_CC:
		h->c.close_checked++;
		finish(h, x, now, END_STATUS, cc);
		return;
	}
	h->c.close_checked++;
	finish(h, x, now, END_OK, -1);
}

static void on_reply(struct hs *h, struct hs_slot *x, const u8 *p, size_t n,
		     long long now)
{
	switch (x->step) {
	case HS_OPEN:
		on_open(h, x, p, n, now);
		break;
	case HS_RAKP2:
		on_rakp2(h, x, p, n, now);
		break;
	case HS_RAKP4:
		on_rakp4(h, x, p, n, now);
		break;
	case HS_CLOSE:
		on_close(h, x, p, n, now);
		break;
	default:
		h->c.stray++;
	}
}

static u8 rxbuf[HS_BATCH][RMCPP_DGRAM_MAX];

/* Up to HS_BATCH datagrams from @fd; returns how many, or -1. */
static int receive(struct hs *h, int fd, struct mmsghdr *m)
{
	struct iovec iov[HS_BATCH];
	int j, r;

	memset(m, 0, sizeof(*m) * HS_BATCH);
	for (j = 0; j < HS_BATCH; j++) {
		iov[j].iov_base = rxbuf[j];
		iov[j].iov_len = sizeof(rxbuf[j]);
		m[j].msg_hdr.msg_iov = &iov[j];
		m[j].msg_hdr.msg_iovlen = 1;
	}
	h->c.rx_calls++;
	r = recvmmsg(fd, m, HS_BATCH, MSG_DONTWAIT, NULL);
	if (r >= 0) {
		h->c.rx_dgrams += r;
		return r;
	}
	if (errno == EAGAIN || errno == EINTR)
		return 0;
	if (errno == ECONNREFUSED) {
		h->c.icmp++;	/* nobody at the server's port (yet) */
		return 0;
	}
	perror("recvmmsg");
	return -1;
}

static int readable(struct hs *h, uint64_t data, long long now)
{
	int fd = (int)(data >> 32), addr = (int)(u32)data, r, j;
	struct hs_slot *x = &h->slot[addr % h->k];
	struct mmsghdr m[HS_BATCH];

	r = receive(h, fd, m);
	if (r < 0)
		return -1;
	for (j = 0; j < r; j++) {
		if (x->step == HS_IDLE || x->fd != fd || x->addr != addr)
			h->c.stray++;	/* late, or for an orphan */
		else
			on_reply(h, x, rxbuf[j], m[j].msg_len, now);
	}
	kick(h, x, now);
	return 0;
}

/* Fails the steps that waited too long; starts idle slots again. */
static void scan(struct hs *h, long long now)
{
	int i;

	for (i = 0; i < h->k; i++) {
		struct hs_slot *x = &h->slot[i];

		if (x->step != HS_IDLE && now > x->deadline)
			finish(h, x, now, END_TIMEOUT, -1);
		kick(h, x, now);
	}
}

/* The timed phase, then the drain (at most HS_DRAIN_NS). */
static int timed_phase(struct hs *h, struct lg_run *run)
{
	struct epoll_event ev[HS_EVENTS];
	long long now, t_end, stop_t = 0, next_scan = 0, loops;
	int i, nev;

	if (lg_rand_refill())
		return -1;
	lg_run_start(run, false);
	t_end = run->t0 + (long long)(h->o->seconds * 1e9);
	h->starting = true;
	h->in_phase = true;
	now = run->t0;
	for (i = 0; i < h->k; i++)
		kick(h, &h->slot[i], now);
	/* one clock read per round: it is a system call in the TCG guest */
	for (loops = 0; loops < HS_MAX_LOOPS && !h->fatal; loops++) {
		if (h->starting && (now >= t_end || h->c.started >= h->o->count))
			h->starting = false;
		if (h->in_phase && (now >= t_end ||
				    (!h->starting && !h->in_flight))) {
			lg_run_stop(run);
			h->in_phase = false;
			stop_t = now;
		}
		if (!h->in_phase &&
		    (!h->in_flight || now - stop_t >= HS_DRAIN_NS))
			break;
		if (now >= next_scan) {
			scan(h, now);
			next_scan = now + HS_SCAN_NS;
		}
		nev = epoll_wait(h->ep, ev, HS_EVENTS, 2);
		if (nev < 0 && errno != EINTR) {
			perror("epoll_wait");
			return -1;
		}
		h->c.waits++;
		h->c.events += nev > 0 ? nev : 0;
		now = now_ns();
		for (i = 0; i < nev; i++)
			if (readable(h, ev[i].data.u64, now))
				return -1;
	}
	if (h->in_phase)
		lg_run_stop(run);
	return h->fatal ? -1 : 0;
}

/* ---- after the phase: close what may still be open -------------------- */

static void orphan_reply(struct hs *h, int fd, const u8 *p, size_t n)
{
	int i;
	u8 cc;

	for (i = 0; i < h->norphan; i++) {
		struct hs_orphan *r = &h->orphan[i];

		if (r->fd != fd || r->closed)
			continue;
		switch (check_close(h, &r->s, h->spare_aes, p, n, &cc)) {
		case REPLY_STRAY:
			continue;
		case REPLY_OK:
			h->c.orphans_closed++;
			break;
		}
		r->closed = true;
		return;
	}
}

/*
 * Best effort, outside the timed phase: the handshakes still in flight
 * stop here, and every session that may be active gets a Close Session
 * (the next sequence number), so the next phase finds the server empty.
 */
static void close_orphans(struct hs *h)
{
	struct epoll_event ev[HS_EVENTS];
	struct mmsghdr m[HS_BATCH];
	long long t0, loops, left;
	u8 b[HS_DGRAM];
	int i, j, r, nev;

	for (i = 0; i < h->k; i++) {
		struct hs_slot *x = &h->slot[i];

		if (x->step == HS_IDLE)
			continue;
		h->c.unfinished++;
		if ((x->step == HS_RAKP4 || x->step == HS_CLOSE) && x->fd >= 0)
			keep_orphan(h, x);
		if (h->o->fresh_socket && x->fd >= 0)
			close(x->fd);
		x->fd = -1;
		x->step = HS_IDLE;
	}
	left = 0;
	for (i = 0; i < h->norphan; i++) {
		struct hs_orphan *o = &h->orphan[i];

		r = build_close(h, &o->s, h->spare_aes, b);
		if (r < 0 || send(o->fd, b, (size_t)r, 0) != r)
			o->closed = true;	/* nothing to wait for */
		else
			left++;
	}
	t0 = now_ns();
	for (loops = 0; loops < 100000 && left; loops++) {
		if (now_ns() - t0 >= HS_ORPHAN_WAIT_NS)
			break;
		nev = epoll_wait(h->ep, ev, HS_EVENTS, 10);
		for (i = 0; i < nev; i++) {
			int fd = (int)(ev[i].data.u64 >> 32);

			r = receive(h, fd, m);
			for (j = 0; j < r; j++)
				orphan_reply(h, fd, rxbuf[j], m[j].msg_len);
		}
		for (left = 0, i = 0; i < h->norphan; i++)
			left += !h->orphan[i].closed;
	}
	for (i = 0; i < h->norphan; i++)
		if (h->orphan[i].own_fd)
			close(h->orphan[i].fd);
}

/* ---- set-up ------------------------------------------------------------ */

/* The keys and codes of a random handshake, ours and rmcpp.c's. */
static int check_keys(struct hs *h, struct rmcpp *s, struct hs_slot *t)
{
	struct rmcpp_kex *k = &s->kex;
	u8 sik[RMCPP_KEY_MAX], want[EVP_MAX_MD_SIZE], got[LG_HASH_MAX];

	if (RAND_bytes(k->sidm, 4) != 1 || RAND_bytes(k->sidc, 4) != 1 ||
	    RAND_bytes(k->rm, 16) != 1 || RAND_bytes(k->rc, 16) != 1 ||
	    RAND_bytes(k->guidc, 16) != 1)
		return -1;
	t->s.sidm = get32(k->sidm);
	t->s.sidc = get32(k->sidc);
	t->s.seq = 1;
	memcpy(t->rm, k->rm, 16);
	memcpy(t->rc, k->rc, 16);
	memcpy(t->guid, k->guidc, 16);
	if (rmcpp_rakp2_code(k, want) != (int)h->alen ||
	    rakp2_code(h, t, got) || memcmp(want, got, h->alen))
		return -1;
	if (rmcpp_rakp3_code(k, want) != (int)h->alen ||
	    rakp3_code(h, t, got) || memcmp(want, got, h->alen))
		return -1;
	/* rmcpp.c's K1 and K2 go into s, for check_close_packets() */
	if (rmcpp_sik(k, sik) < 0 || rmcpp_kn(k->auth, sik, 1, s->k1) < 0 ||
	    rmcpp_kn(k->auth, sik, 2, s->k2) < 0 || derive(h, t))
		return -1;
	if (rmcpp_rakp4_icv(k, sik, want) != (int)h->icvlen ||
	    rakp4_icv(h, t, got) || memcmp(want, got, h->icvlen))
		return -1;
	return 0;
}

/*
 * Our Close Session request as rmcpp.c reads it, and a reply built by
 * rmcpp.c as we read it (and, one bit flipped, reject it).
 */
static int check_close_packets(struct hs *h, struct rmcpp *s,
			       struct hs_slot *t)
{
	static struct rmcpp_in in;
	struct rmcpp_out ro = { .ptype = PT_IPMI, .sid = t->s.sidm, .seq = 1 };
	u8 b[HS_DGRAM], msg[16], d[4], rsp[8], cc = 0xff;
	int n;

	n = build_close(h, &t->s, t->aes, b);
	if (n < 0 || rmcpp_parse_v2(s, b, n, &in) ||
	    in.mac_ok != (h->ilen > 0) || in.sid != t->s.sidc ||
	    in.seq != 1 ||
	    !(in.ptype & PT_ENCRYPTED) != (h->su->conf == CONF_NONE))
		return -1;
	put32(d, t->s.sidc);
	if (in.len != ipmi_build_req(msg, NETFN_APP, CMD_CLOSE_SESSION, 1, d,
				     4) ||
	    memcmp(in.payload, msg, in.len))
		return -1;
	rsp[0] = REMOTE_SWID;
	rsp[1] = (NETFN_APP | 1) << 2;
	rsp[2] = ipmi_cks(rsp, 2);
	rsp[3] = BMC_SA;
	rsp[4] = (u8)(t->s.rq_seq << 2);
	rsp[5] = CMD_CLOSE_SESSION;
	rsp[6] = 0;
	rsp[7] = ipmi_cks(rsp + 3, 4);
	ro.auth = h->ilen > 0;
	ro.encrypt = h->su->conf != CONF_NONE;
	s->fd = -1;
	s->last_len = 0;
	rmcpp_send_v2(s, &ro, rsp, sizeof(rsp));	/* fails at send() */
	if (!s->last_len ||
	    check_close(h, &t->s, t->aes, s->last, s->last_len, &cc) !=
	    REPLY_OK || cc)
		return -1;
	s->last[s->last_len - 1] ^= 0x01;
	if ((ro.auth || ro.encrypt) &&
	    check_close(h, &t->s, t->aes, s->last, s->last_len, &cc) !=
	    REPLY_WRONG)
		return -1;
	return 0;
}

/* Compares every key, code and packet of the fast path with rmcpp.c's. */
static int check_suite(struct hs *h)
{
	static struct rmcpp s;
	struct hs_slot t = { .aes = h->slot[0].aes };
	int ret;

	lg_client_init(&s, h->o);
	ret = check_keys(h, &s, &t) || check_close_packets(h, &s, &t);
	OPENSSL_cleanse(&t, sizeof(t));
	OPENSSL_cleanse(&s, sizeof(s));
	if (ret)
		fprintf(stderr, "self-check: suite %d: the fast path differs from rmcpp.c\n",
			h->su->id);
	return ret ? -1 : 0;
}

static int raise_nofile(rlim_t need)
{
	struct rlimit r;

	if (getrlimit(RLIMIT_NOFILE, &r))
		return -1;
	if (r.rlim_cur >= need)
		return 0;
	if (r.rlim_max < need)
		r.rlim_max = need;	/* root may */
	r.rlim_cur = need;
	if (setrlimit(RLIMIT_NOFILE, &r)) {
		perror("setrlimit(RLIMIT_NOFILE)");
		return -1;
	}
	return 0;
}

static int resolve(struct hs *h)
{
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM }, *ai;
	char port[16], a[32];
	int i, err;

	snprintf(port, sizeof(port), "%d", h->o->port);
	err = getaddrinfo(h->o->host, port, &hints, &ai);
	if (err) {
		fprintf(stderr, "%s: %s\n", h->o->host, gai_strerror(err));
		return -1;
	}
	memcpy(&h->srv, ai->ai_addr, ai->ai_addrlen);
	h->srv_len = ai->ai_addrlen;
	freeaddrinfo(ai);
	if (!h->o->bind_octet)
		return 0;
	if (h->srv.ss_family != AF_INET) {
		fprintf(stderr, "-B: source addresses need an IPv4 server\n");
		return -1;
	}
	h->src = calloc(h->naddr, sizeof(*h->src));
	if (!h->src)
		return -1;
	for (i = 0; i < h->naddr; i++) {
		lg_bind_addr(h->o, i, a, sizeof(a));
		h->src[i].sin_family = AF_INET;
		if (inet_pton(AF_INET, a, &h->src[i].sin_addr) != 1)
			return -1;
	}
	return 0;
}

static int setup(struct hs *h, struct lg_opts *o)
{
	int i;

	h->o = o;
	h->su = rmcpp_suite_find(o->suite);
	h->ah = lg_hash_auth(h->su->auth);
	if (!h->ah) {
		fprintf(stderr, "hs: suite %d has no RAKP authentication\n",
			o->suite);
		return -1;
	}
	h->ih = lg_hash_integ(h->su->integ);
	h->alen = rmcpp_auth_len(h->su->auth);
	h->icvlen = rmcpp_icv_len(h->su->auth);
	h->ilen = rmcpp_integ_len(h->su->integ);
	memcpy(h->kuid_raw, o->pass, strlen(o->pass));
	if (lg_hmac_key(&h->kuid, h->ah, h->kuid_raw, sizeof(h->kuid_raw)))
		return -1;
	h->role = PRIV_ADMIN | ROLE_NAME_ONLY;
	h->ulen = (u8)strlen(o->user);
	memcpy(h->uname, o->user, h->ulen);
	h->naddr = o->addrs;
	h->k = o->in_flight < h->naddr ? o->in_flight : h->naddr;
	h->tmo = (long long)o->timeout_ms * 1000000LL;
	/* -F: the orphans keep their sockets until the end */
	if (resolve(h) ||
	    raise_nofile((rlim_t)(o->fresh_socket ? h->k + HS_MAX_ORPHANS :
				  h->naddr) + 64))
		return -1;
	h->ep = epoll_create1(EPOLL_CLOEXEC);
	h->slot = calloc(h->k, sizeof(*h->slot));
	h->orphan = calloc(HS_MAX_ORPHANS, sizeof(*h->orphan));
	h->used = calloc(h->naddr, 1);
	h->answered = calloc(h->naddr, 1);
	h->misses = calloc(h->naddr, 1);
	h->retired = calloc(h->naddr, 1);
	h->spare_aes = lg_aes_new();
	if (h->ep < 0 || !h->slot || !h->orphan || !h->used || !h->answered ||
	    !h->misses || !h->retired ||
	    !h->spare_aes || lg_lat_init(&h->lat, (size_t)o->count + h->k))
		return -1;
	if (!o->fresh_socket) {
		h->fds = calloc(h->naddr, sizeof(*h->fds));
		if (!h->fds)
			return -1;
		for (i = 0; i < h->naddr; i++) {
			h->fds[i] = hs_socket(h, i);
			if (h->fds[i] < 0)
				return -1;
		}
	}
	for (i = 0; i < h->k; i++) {
		struct hs_slot *x = &h->slot[i];

		x->id = i;
		x->addr = i;
		x->fd = o->fresh_socket ? -1 : h->fds[i];
		x->aes = lg_aes_new();
		if (!x->aes)
			return -1;
	}
	return 0;
}

static void teardown(struct hs *h)
{
	int i;

	for (i = 0; h->fds && i < h->naddr; i++)
		if (h->fds[i] >= 0)
			close(h->fds[i]);
	for (i = 0; h->slot && i < h->k; i++)
		EVP_CIPHER_CTX_free(h->slot[i].aes);
	EVP_CIPHER_CTX_free(h->spare_aes);
	if (h->ep >= 0)
		close(h->ep);
	if (h->slot)
		OPENSSL_cleanse(h->slot, sizeof(*h->slot) * h->k);
	if (h->orphan)
		OPENSSL_cleanse(h->orphan, sizeof(*h->orphan) * HS_MAX_ORPHANS);
	free(h->fds);
	free(h->src);
	free(h->slot);
	free(h->orphan);
	free(h->used);
	free(h->answered);
	free(h->misses);
	free(h->retired);
}

/* ---- the report --------------------------------------------------------- */

static void js_steps(const char *k, const long long *v)
{
	char buf[160];

	snprintf(buf, sizeof(buf),
		 "{\"%s\":%lld,\"%s\":%lld,\"%s\":%lld,\"%s\":%lld}",
		 step_names[HS_OPEN], v[HS_OPEN], step_names[HS_RAKP2],
		 v[HS_RAKP2], step_names[HS_RAKP4], v[HS_RAKP4],
		 step_names[HS_CLOSE], v[HS_CLOSE]);
	js_raw(k, buf);
}

static long long sum_steps(const long long *v)
{
	return v[HS_OPEN] + v[HS_RAKP2] + v[HS_RAKP4] + v[HS_CLOSE];
}

static void report(struct hs *h, struct lg_run *run, const char *why)
{
	const struct hs_count *c = &h->c;
	double secs = lg_run_secs(run), u, s, gen, rate, ceiling;
	long long used = 0, silent = 0;
	char loop[160];
	int i;

	for (i = 0; h->used && i < h->naddr; i++) {
		used += h->used[i];
		silent += h->used[i] && !h->answered[i];
	}
	gen = lg_run_gen_cpu(run, &u, &s);
	rate = secs > 0 ? c->ok_phase / secs : 0;
	ceiling = (double)(h->o->addrs - h->nretired) * SOURCE_PPS /
		  PRESESSION_PACKETS;

	js_begin(h->o);
	js_str("target", h->o->host);
	js_int("port", h->o->port);
	js_int("suite", h->o->suite);
	js_int("workers", 1);
	js_int("in_flight", h->k);
	js_bool("fresh_socket_per_handshake", h->o->fresh_socket);
	js_int("sources", h->o->addrs);
	js_num("hs_per_s", rate);
	js_int("ok", c->ok);
	js_int("ok_in_phase", c->ok_phase);
	js_int("started", c->started);
	js_int("fail_login", c->fail_login);
	js_int("fail_close", c->fail_close);
	js_steps("timeouts", c->timeout);
	js_steps("status_errors", c->status);
	if (c->last_status >= 0) {
		js_int("last_status", c->last_status);
		js_str("last_status_step", step_names[c->last_status_step]);
	}
	js_steps("bad_replies", c->bad);
	js_steps("send_errors", c->send_err);
	js_int("verify_every", h->o->verify_every);
	js_int("verified", c->verified);
	js_int("close_replies_checked", c->close_checked);
	js_int("verify_failures", sum_steps(c->verify_fail));
	js_steps("verify_fail", c->verify_fail);
	js_int("stray", c->stray);
	js_int("icmp_errors", c->icmp);
	js_int("socket_errors", c->socket_err);
	js_int("unfinished", c->unfinished);
	js_int("orphans", c->orphans);
	js_int("orphans_closed", c->orphans_closed);
	js_int("orphans_dropped", c->orphans_dropped);
	snprintf(loop, sizeof(loop),
		 "{\"epoll_waits\":%lld,\"events\":%lld,\"recv_calls\":%lld,\"datagrams\":%lld}",
		 c->waits, c->events, c->rx_calls, c->rx_dgrams);
	js_raw("loop", loop);
	js_int("sources_used", used);
	js_int("sources_never_answered", silent);
	js_int("sources_retired", h->nretired);
	js_num("gen_cpu_us_per_cycle", c->ok_phase ? gen * 1e6 / c->ok_phase : 0);
	js_num("ipmi_lan_ratelimit_ceiling_per_s", ceiling);
	js_bool("ipmi_lan_ratelimit_bound", rate > 0.8 * ceiling);
	js_lat("cycle_latency_us", &h->lat);
	js_run(run);
	js_bool("valid", !why);
	if (why)
		js_str("invalid_reason", why);
	js_end();
}

int lg_hs_main(struct lg_opts *o)
{
	struct hs h = { .ep = -1, .c.last_status = -1 };
	struct lg_run run;
	const char *why = NULL;
	char why_buf[96];
	long long bad;

	memset(&run, 0, sizeof(run));
	if (lg_fast_selfcheck()) {
		fprintf(stderr, "hs: the crypto self-check failed\n");
		return 1;
	}
	if (setup(&h, o)) {
		why = "setup failed (sockets or memory)";
	} else if (check_suite(&h)) {
		fprintf(stderr, "hs: the crypto self-check failed\n");
		teardown(&h);
		return 1;
	} else if (timed_phase(&h, &run)) {
		why = h.fatal ? h.fatal : "socket error";
	}
	if (!why)
		close_orphans(&h);
	bad = sum_steps(h.c.verify_fail);
	if (!why && bad) {
		snprintf(why_buf, sizeof(why_buf),
			 "a verified reply was wrong (%lld)", bad);
		why = why_buf;
	}
	if (!why && h.c.socket_err)
		why = "socket errors";
	if (!why && !h.c.ok)
		why = "no handshake completed";
	if (!why)
		why = lg_generator_bound(o, &run);
	report(&h, &run, why);
	teardown(&h);
	return why ? 1 : 0;
}
