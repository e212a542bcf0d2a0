// SPDX-License-Identifier: GPL-2.0
/*
 * A tiny fake BMC for rmcpp-client's self-test ("--selftest-server").
 *
 * It is written separately from the client: it shares no crypto or packet
 * helper with rmcpp.c, only the OpenSSL primitives, and it reaches them
 * through other APIs (EVP_MAC, EVP_Q_digest, fetched ciphers) so that a
 * wrong formula in one side does not cancel out in the other. It listens on
 * loopback only, serves one user, and exits after -T seconds.
 *
 * Rules it enforces, so that the client's negative tests mean something:
 * Open Session -> RAKP1 -> RAKP3 order, flags equal to the negotiated suite,
 * the trailer AuthCode, and a -16..+15 sequence window with a duplicate
 * bitmap, committed only after the packet verified.
 *
 * SOL instance 1 echoes what the console sends, stop and wait, and makes
 * trouble on purpose: --sol-drop loses a share of the SOL packets each way,
 * every 7th console packet is taken only in part, every 11th is NACKed,
 * every 5th packet of its own goes out twice, every 50th is followed by a
 * stray IPMI reply, and a full echo buffer NACKs.
 */
#include "rmcpp.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#define MAX_SESSIONS 32
#define MAX_DATAGRAMS 1000000

enum fstate { F_FREE, F_OPENED, F_RAKP2, F_ACTIVE };

struct fsess {
	enum fstate state;
	u32 bsid, csid;
	u8 a, i, c;		/* algorithms */
	u8 rm[16], rc[16];
	u8 role, ulen, uname[16];
	u8 sik[32], k1[32], k2[32];
	bool seen;
	u32 top, bits;		/* inbound window */
	u32 oseq;
	u8 priv;
	long long born;
};

static struct {
	int fd;
	int verbose;
	char user[17];
	u8 pw[20];
	u8 kg[20];
	bool kg_set;
	u8 suites[32];
	int nsuites;
	struct fsess ss[MAX_SESSIONS];
	struct sockaddr_storage from;
	socklen_t fromlen;
	unsigned long drops;
	u16 port;
} srv;

static const u8 srv_guid[16] = {
	0x49, 0x50, 0x4d, 0x49, 0x2d, 0x4c, 0x41, 0x4e,
	0x2d, 0x66, 0x61, 0x6b, 0x65, 0x62, 0x6d, 0x63,
};

/* (suite, auth, integrity, confidentiality) as the server knows them */
static const u8 srv_table[][4] = {
	{ 1, 1, 0, 0 }, { 2, 1, 1, 0 }, { 3, 1, 1, 1 },
	{ 6, 2, 0, 0 }, { 7, 2, 2, 0 }, { 8, 2, 2, 1 },
	{ 11, 2, 3, 0 }, { 12, 2, 3, 1 },
	{ 15, 3, 0, 0 }, { 16, 3, 4, 0 }, { 17, 3, 4, 1 },
};

static long long ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void le32(u8 *p, u32 v)
{
	int k;

	for (k = 0; k < 4; k++)
		p[k] = (u8)(v >> (8 * k));
}

static u32 rd32(const u8 *p)
{
	return (u32)p[3] << 24 | (u32)p[2] << 16 | (u32)p[1] << 8 | p[0];
}

/* ---- crypto, through EVP_MAC / EVP_Q_digest / fetched AES -------------- */

static const char *hname(u8 a)
{
	return a == 1 ? "SHA1" : a == 2 ? "MD5" : a == 3 ? "SHA256" : NULL;
}

static size_t hsize(u8 a)
{
	return a == 1 ? 20 : a == 2 ? 16 : a == 3 ? 32 : 0;
}

static int mac(const char *digest, const u8 *key, size_t klen,
	       const u8 *data, size_t len, u8 *out)
{
	OSSL_PARAM params[2];
	EVP_MAC *m;
	EVP_MAC_CTX *ctx;
	size_t olen = 0;
	int ok;

	m = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (!m)
		return -1;
	ctx = EVP_MAC_CTX_new(m);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						     (char *)digest, 0);
	params[1] = OSSL_PARAM_construct_end();
	ok = ctx && EVP_MAC_init(ctx, key, klen, params) &&
	     EVP_MAC_update(ctx, data, len) &&
	     EVP_MAC_final(ctx, out, &olen, 64);
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(m);
	return ok ? (int)olen : -1;
}

static size_t tlen(u8 integ)
{
	static const u8 lens[] = { 0, 12, 16, 16, 16 };

	return integ < sizeof(lens) ? lens[integ] : 0;
}

/* trailer AuthCode of @len bytes starting at the auth type byte */
static int authcode(struct fsess *f, const u8 *data, size_t len, u8 *out)
{
	u8 full[64], buf[RMCPP_DGRAM_MAX + 40];
	size_t n;

	switch (f->i) {
	case 1:
		if (mac("SHA1", f->k1, 20, data, len, full) < 0)
			return -1;
		break;
	case 2:
		if (mac("MD5", f->k1, hsize(f->a), data, len, full) < 0)
			return -1;
		break;
	case 4:
		if (mac("SHA256", f->k1, hsize(f->a), data, len, full) < 0)
			return -1;
		break;
	case 3:
		if (len > RMCPP_DGRAM_MAX)
			return -1;
		memcpy(buf, srv.pw, 20);
		memcpy(buf + 20, data, len);
		memcpy(buf + 20 + len, srv.pw, 20);
		n = 0;
		if (!EVP_Q_digest(NULL, "MD5", NULL, buf, len + 40, full, &n))
			return -1;
		break;
	default:
		return -1;
	}
	memcpy(out, full, tlen(f->i));
	return 0;
}

static int cbc(struct fsess *f, int enc, const u8 *iv, const u8 *in,
	       size_t len, u8 *out)
{
	EVP_CIPHER *ciph = EVP_CIPHER_fetch(NULL, "AES-128-CBC", NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	OSSL_PARAM params[2];
	unsigned int padding = 0;
	int a = 0, b = 0, ok;

	params[0] = OSSL_PARAM_construct_uint(OSSL_CIPHER_PARAM_PADDING,
					      &padding);
	params[1] = OSSL_PARAM_construct_end();
	ok = ciph && ctx &&
	     EVP_CipherInit_ex2(ctx, ciph, f->k2, iv, enc, params) &&
	     EVP_CipherUpdate(ctx, out, &a, in, (int)len) &&
	     EVP_CipherFinal_ex(ctx, out + a, &b);
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(ciph);
	return ok ? a + b : -1;
}

/* ---- output ---------------------------------------------------------- */

static void tx(const u8 *p, size_t len)
{
	if (srv.verbose)
		rmcpp_hexdump("srv >>", p, len);
	sendto(srv.fd, p, len, 0, (struct sockaddr *)&srv.from, srv.fromlen);
}

static void tx_v2(struct fsess *f, u8 type, const u8 *pl, size_t plen)
{
	u8 b[RMCPP_DGRAM_MAX], iv[16], blk[RMCPP_DGRAM_MAX];
	size_t n, k, pad, ilen;
	bool act = f && f->state == F_ACTIVE;
	int r;

	memcpy(b, "\x06\x00\xff\x07\x06", 5);
	b[5] = type;
	if (act && f->c)
		b[5] |= 0x80;
	if (act && f->i)
		b[5] |= 0x40;
	le32(b + 6, act ? f->csid : 0);
	le32(b + 10, act ? f->oseq++ : 0);
	n = 16;
	if (act && f->c) {
		pad = (16 - (plen + 1) % 16) % 16;
		memcpy(blk, pl, plen);
		for (k = 1; k <= pad; k++)
			blk[plen + k - 1] = (u8)k;
		blk[plen + pad] = (u8)pad;
		RAND_bytes(iv, 16);
		memcpy(b + n, iv, 16);
		r = cbc(f, 1, iv, blk, plen + pad + 1, b + n + 16);
		if (r < 0)
			return;
		plen = 16 + (size_t)r;
	} else {
		memcpy(b + n, pl, plen);
	}
	b[14] = plen & 0xff;
	b[15] = plen >> 8;
	n += plen;
	if (act && f->i) {
		ilen = tlen(f->i);
		while ((n - 4 + 2) % 4)
			b[n++] = 0xff;
		b[n] = (u8)((n - 16 - plen));
		n++;
		b[n++] = 0x07;
		if (authcode(f, b + 4, n - 4, b + n))
			return;
		n += ilen;
	}
	tx(b, n);
}

/* IPMI response to request @rq (whole message including checksums) */
static size_t ipmi_reply(const u8 *rq, u8 cc, const u8 *d, size_t dl, u8 *out)
{
	size_t k;
	u8 s;

	out[0] = rq[3];
	out[1] = (u8)(((rq[1] >> 2) | 1) << 2 | (rq[4] & 3));
	out[2] = (u8)-(out[0] + out[1]);
	out[3] = rq[0];
	out[4] = (u8)((rq[4] & 0xfc) | (rq[1] & 3));
	out[5] = rq[5];
	out[6] = cc;
	memcpy(out + 7, d, dl);
	for (s = 0, k = 3; k < 7 + dl; k++)
		s += out[k];
	out[7 + dl] = (u8)-s;
	return 8 + dl;
}

static bool ipmi_ok(const u8 *m, size_t len)
{
	u8 s = 0;
	size_t k;

	if (len < 7 || (u8)(m[0] + m[1] + m[2]))
		return false;
	for (k = 3; k < len; k++)
		s += m[k];
	return !s;
}

/* ---- Serial over LAN: an echo --------------------------------------- */

#define SOL_IN 232		/* most the console may send, header included */
#define SOL_OUT 259		/* most we send, header included */
#define SOL_RING 4096

static struct {
	int drop;		/* percent of SOL packets lost each way */
	int retry_ms;
	u16 port;		/* port announced; 0: ours */
	u32 rng;
} sol_cfg = { .retry_ms = 50, .rng = 0x2545f491 };

static struct {
	bool active;
	struct fsess *owner;
	struct sockaddr_storage peer;
	socklen_t peerlen;
	/* console -> BMC */
	u8 last_seq, last_taken;	/* last packet taken, and how much */
	unsigned long count;		/* new packets from the console */
	u8 ring[SOL_RING];		/* taken, not yet echoed */
	size_t head, len;
	/* BMC -> console, one outstanding */
	bool busy;
	u8 seq;
	u8 pkt[SOL_OUT];
	size_t plen;
	long long resend_at;
	unsigned long sent;
	unsigned long in_lost, out_lost, nacks, partial, dups, echo_dups;
	unsigned long retries, bad;
} sol;

static bool sol_lost(void)
{
	u32 x = sol_cfg.rng;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	sol_cfg.rng = x;
	return (int)(x % 100) < sol_cfg.drop;
}

/* To the console that activated, also when a timer sends. */
static void sol_tx_type(u8 type, const u8 *p, size_t len)
{
	memcpy(&srv.from, &sol.peer, sol.peerlen);
	srv.fromlen = sol.peerlen;
	tx_v2(sol.owner, type, p, len);
}

static void sol_tx(const u8 *p, size_t len)
{
	if (sol_lost()) {
		sol.out_lost++;
		return;
	}
	sol_tx_type(0x01, p, len);
}

/* An IPMI reply nobody asked for, as a late answer would be. */
static void sol_stray(void)
{
	static const u8 rq[] = { 0x20, 0x18, 0xc8, 0x81, 0xfc, 0x01, 0x82 };
	u8 out[16];
	size_t n = ipmi_reply(rq, 0, NULL, 0, out);

	sol_tx_type(0x00, out, n);
}

static void sol_stop(void)
{
	if (!sol.active)
		return;
	fprintf(stderr,
		"selftest server: sol lost in %lu out %lu, nacks %lu partial %lu dups %lu, sent %lu (%lu twice) retries %lu bad %lu\n",
		sol.in_lost, sol.out_lost, sol.nacks, sol.partial, sol.dups,
		sol.sent, sol.echo_dups, sol.retries, sol.bad);
	memset(&sol, 0, sizeof(sol));
}

/* A new packet of echo, carrying the ACK fields @ackf on its first go. */
static void sol_echo(const u8 *ackf)
{
	size_t n = sol.len < SOL_OUT - 4 ? sol.len : SOL_OUT - 4, k;

	sol.seq = sol.seq % 15 + 1;
	sol.pkt[0] = sol.seq;
	memcpy(sol.pkt + 1, ackf, 3);
	for (k = 0; k < n; k++)
		sol.pkt[4 + k] = sol.ring[(sol.head + k) % SOL_RING];
	sol.head = (sol.head + n) % SOL_RING;
	sol.len -= n;
	sol.plen = 4 + n;
	sol.busy = true;
	sol.resend_at = ms() + sol_cfg.retry_ms;
	sol_tx(sol.pkt, sol.plen);
	if (++sol.sent % 5 == 0) {
		/* the same again at once: the console must see a duplicate */
		sol.echo_dups++;
		sol_tx(sol.pkt, sol.plen);
	}
	if (sol.sent % 50 == 0)
		sol_stray();
	/* a retransmission much later must not repeat a stale ACK */
	memset(sol.pkt + 1, 0, 3);
}

/* The console's ACK/NACK of our packet @seq. */
static void sol_acked(u8 seq, u8 taken, u8 op)
{
	size_t len = sol.plen - 4;

	if (!sol.busy || seq != sol.seq)
		return;
	if (op & 0x40) {
		sol.resend_at = ms() + sol_cfg.retry_ms;
		return;
	}
	if (taken >= len) {
		sol.busy = false;
		return;
	}
	/* partial: the rest as a new packet */
	memmove(sol.pkt + 4, sol.pkt + 4 + taken, len - taken);
	sol.plen -= taken;
	sol.seq = sol.seq % 15 + 1;
	sol.pkt[0] = sol.seq;
	sol.resend_at = ms() + sol_cfg.retry_ms;
	sol_tx(sol.pkt, sol.plen);
}

/* Console data: take what we can into the ring; @ackf gets the answer. */
static void sol_take(const u8 *p, size_t len, u8 *ackf)
{
	size_t dlen = len - 4, room = SOL_RING - sol.len, take, k;
	u8 seq = p[0] & 0x0f;

	ackf[0] = seq;
	if (seq == sol.last_seq) {
		/* our ACK was lost: the same answer, nothing taken again */
		sol.dups++;
		ackf[1] = sol.last_taken;
		return;
	}
	sol.count++;
	if (sol.count % 11 == 0 || (!room && dlen)) {
		sol.nacks++;
		ackf[2] = room ? 0x40 : 0x60;	/* + unavailable */
		return;
	}
	take = dlen < room ? dlen : room;
	if (sol.count % 7 == 0 && take > 1)
		take /= 2;
	if (take < dlen)
		sol.partial++;
	for (k = 0; k < take; k++)
		sol.ring[(sol.head + sol.len + k) % SOL_RING] = p[4 + k];
	sol.len += take;
	sol.last_seq = seq;
	sol.last_taken = (u8)take;
	ackf[1] = (u8)take;
}

/* One SOL packet from the console, verified and decrypted. */
static void sol_in(struct fsess *f, const u8 *p, size_t len)
{
	u8 ackf[3] = { 0, 0, 0 }, a[4] = { 0 };

	if (!sol.active || sol.owner != f || len < 4 || len > SOL_IN) {
		sol.bad++;
		return;
	}
	if (sol_lost()) {
		sol.in_lost++;
		return;
	}
	if (p[1] & 0x0f)
		sol_acked(p[1] & 0x0f, p[2], p[3]);
	if (p[0] & 0x0f)
		sol_take(p, len, ackf);
	if (!sol.busy && sol.len) {
		sol_echo(ackf);
	} else if (ackf[0]) {
		memcpy(a + 1, ackf, 3);
		sol_tx(a, 4);
	}
}

/* Retransmit an unanswered packet; ms until the next, or -1. */
static long long sol_tick(void)
{
	long long now = ms();

	if (!sol.active || !sol.busy)
		return -1;
	if (now >= sol.resend_at) {
		sol.retries++;
		sol.resend_at = now + sol_cfg.retry_ms;
		sol_tx(sol.pkt, sol.plen);
	}
	return sol.resend_at - now;
}

/* Activate (0x48) and Deactivate (0x49) Payload: SOL instance 1 only. */
static size_t sol_payload_cmd(struct fsess *f, const u8 *m, u8 *out)
{
	u16 port = sol_cfg.port ? sol_cfg.port : srv.port;
	u8 d[12] = { 0 };

	if ((m[6] & 0x3f) != 1 || (m[7] & 0x0f) != 1)
		return ipmi_reply(m, 0xcc, NULL, 0, out);
	if (m[5] == 0x49) {
		if (!sol.active)
			return ipmi_reply(m, 0x80, NULL, 0, out);
		sol_stop();
		return ipmi_reply(m, 0, NULL, 0, out);
	}
	if (sol.active)
		return ipmi_reply(m, 0x80, NULL, 0, out);
	memset(&sol, 0, sizeof(sol));
	sol.active = true;
	sol.owner = f;
	memcpy(&sol.peer, &srv.from, srv.fromlen);
	sol.peerlen = srv.fromlen;
	d[4] = SOL_IN & 0xff;
	d[5] = SOL_IN >> 8;
	d[6] = SOL_OUT & 0xff;
	d[7] = SOL_OUT >> 8;
	d[8] = (u8)port;
	d[9] = (u8)(port >> 8);
	d[10] = 0xff;
	d[11] = 0xff;
	return ipmi_reply(m, 0, d, sizeof(d), out);
}

/* ---- session-less ------------------------------------------------------ */

static size_t suite_records(u8 *out)
{
	size_t n = 0;
	int k, t;

	for (k = 0; k < srv.nsuites; k++)
		for (t = 0; t < (int)ARRAY_SIZE(srv_table); t++)
			if (srv_table[t][0] == srv.suites[k]) {
				out[n++] = 0xc0;
				out[n++] = srv_table[t][0];
				out[n++] = srv_table[t][1];
				out[n++] = 0x40 | srv_table[t][2];
				out[n++] = 0x80 | srv_table[t][3];
			}
	return n;
}

/* Handle a session-less request; returns reply length or 0 to drop. */
static size_t sessionless(const u8 *m, size_t len, u8 *out)
{
	u8 d[32], recs[256];
	size_t n, off;

	if (!ipmi_ok(m, len) || (m[1] >> 2) != 0x06)
		return 0;
	if (m[5] == 0x38 && len >= 9) {
		d[0] = 1;		/* channel */
		d[1] = 0x80;		/* IPMI v2.0 data, no v1.5 auth types */
		d[2] = 0x04 | (srv.kg_set ? 0x20 : 0);
		d[3] = 0x02;		/* IPMI v2.0 connections */
		memset(d + 4, 0, 4);
		return ipmi_reply(m, 0, d, 8, out);
	}
	if (m[5] == 0x54 && len >= 10) {
		n = suite_records(recs);
		off = (size_t)(m[8] & 0x3f) * 16;
		d[0] = 1;
		if (off > n)
			off = n;
		n = n - off > 16 ? 16 : n - off;
		memcpy(d + 1, recs + off, n);
		return ipmi_reply(m, 0, d, 1 + n, out);
	}
	return 0;
}

/* ---- handshake ------------------------------------------------------- */

static struct fsess *lookup(u32 bsid)
{
	int k;

	if (!bsid)
		return NULL;
	for (k = 0; k < MAX_SESSIONS; k++)
		if (srv.ss[k].state != F_FREE && srv.ss[k].bsid == bsid)
			return &srv.ss[k];
	return NULL;
}

static void kill_session(struct fsess *f)
{
	if (sol.active && sol.owner == f)
		sol_stop();
	OPENSSL_cleanse(f, sizeof(*f));
	f->state = F_FREE;
}

static struct fsess *alloc_session(void)
{
	struct fsess *f = NULL, *old = NULL;
	int k;

	for (k = 0; k < MAX_SESSIONS && !f; k++)
		if (srv.ss[k].state == F_FREE)
			f = &srv.ss[k];
	/* evict the oldest pending session, never an active one */
	for (k = 0; k < MAX_SESSIONS && !f; k++)
		if (srv.ss[k].state != F_ACTIVE &&
		    (!old || srv.ss[k].born < old->born))
			old = &srv.ss[k];
	if (!f && old) {
		kill_session(old);
		f = old;
	}
	if (!f)
		return NULL;
	memset(f, 0, sizeof(*f));
	do {
		RAND_bytes((u8 *)&f->bsid, 4);
	} while (!f->bsid || lookup(f->bsid));
	f->born = ms();
	return f;
}

static void open_session(const u8 *p, size_t len)
{
	u8 r[36], st = 0, a, i, c;
	struct fsess *f;
	int t, k;
	bool listed;

	if (len < 32)
		return;
	memset(r, 0, sizeof(r));
	r[0] = p[0];
	memcpy(r + 4, p + 4, 4);
	a = p[12];
	i = p[20];
	c = p[28];
	if (p[8] != 0 || p[16] != 1 || p[24] != 2 || !rd32(p + 4))
		st = 0x12;
	else if (a < 1 || a > 3)
		st = 0x04;
	else if (i > 4)
		st = 0x05;
	else if (c > 1)
		st = 0x10;
	if (!st) {
		st = 0x11;
		for (t = 0; t < (int)ARRAY_SIZE(srv_table); t++) {
			if (srv_table[t][1] != a || srv_table[t][2] != i ||
			    srv_table[t][3] != c)
				continue;
			listed = false;
			for (k = 0; k < srv.nsuites; k++)
				listed |= srv.suites[k] == srv_table[t][0];
			if (listed)
				st = 0;
		}
	}
	f = st ? NULL : alloc_session();
	if (!st && !f)
		st = 0x01;
	r[1] = st;
	if (st) {
		tx_v2(NULL, 0x11, r, 8);
		return;
	}
	f->state = F_OPENED;
	f->csid = rd32(p + 4);
	f->a = a;
	f->i = i;
	f->c = c;
	r[2] = 4;		/* administrator */
	le32(r + 8, f->bsid);
	memcpy(r + 12, p + 8, 24);
	tx_v2(NULL, 0x11, r, 36);
}

static void rakp1(const u8 *p, size_t len)
{
	u8 r[40 + 32], hin[80];
	struct fsess *f;
	size_t h;
	u8 st = 0;

	if (len < 28)
		return;
	f = lookup(rd32(p + 4));
	memset(r, 0, sizeof(r));
	r[0] = p[0];
	if (!f || f->state != F_OPENED) {
		r[1] = 0x02;
		if (f)
			le32(r + 4, f->csid);
		tx_v2(NULL, 0x13, r, 8);
		return;
	}
	le32(r + 4, f->csid);
	if (p[27] > 16 || 28 + (size_t)p[27] > len)
		st = 0x0c;
	else if ((p[24] & 0x0f) < 1 || (p[24] & 0x0f) > 5 || (p[24] & 0xe0))
		st = 0x09;
	else if (p[27] != strlen(srv.user) || memcmp(p + 28, srv.user, p[27]) ||
		 !p[27])
		st = 0x0d;
	if (st) {
		r[1] = st;
		tx_v2(NULL, 0x13, r, 8);
		return;
	}
	memcpy(f->rm, p + 8, 16);
	f->role = p[24];
	f->ulen = p[27];
	memcpy(f->uname, p + 28, f->ulen);
	RAND_bytes(f->rc, 16);
	h = hsize(f->a);

	/* RAKP2 HMAC: SIDm SIDc Rm Rc GUIDc ROLEm ULENm UNAMEm, key Kuid */
	le32(hin, f->csid);
	le32(hin + 4, f->bsid);
	memcpy(hin + 8, f->rm, 16);
	memcpy(hin + 24, f->rc, 16);
	memcpy(hin + 40, srv_guid, 16);
	hin[56] = f->role;
	hin[57] = f->ulen;
	memcpy(hin + 58, f->uname, f->ulen);
	if (mac(hname(f->a), srv.pw, 20, hin, 58 + f->ulen, r + 40) < 0)
		return;

	/* SIK: Rm Rc ROLEm ULENm UNAMEm, key K_G or Kuid */
	memcpy(hin, f->rm, 16);
	memcpy(hin + 16, f->rc, 16);
	hin[32] = f->role;
	hin[33] = f->ulen;
	memcpy(hin + 34, f->uname, f->ulen);
	mac(hname(f->a), srv.kg_set ? srv.kg : srv.pw, 20, hin, 34 + f->ulen,
	    f->sik);
	memset(hin, 1, 20);
	mac(hname(f->a), f->sik, h, hin, 20, f->k1);
	memset(hin, 2, 20);
	mac(hname(f->a), f->sik, h, hin, 20, f->k2);

	memcpy(r + 8, f->rc, 16);
	memcpy(r + 24, srv_guid, 16);
	f->state = F_RAKP2;
	tx_v2(NULL, 0x13, r, 40 + h);
}

static void rakp3(const u8 *p, size_t len)
{
	u8 r[8 + 32], hin[64], want[64];
	struct fsess *f;
	size_t h;

	if (len < 8)
		return;
	f = lookup(rd32(p + 4));
	memset(r, 0, sizeof(r));
	r[0] = p[0];
	if (!f) {
		r[1] = 0x02;
		tx_v2(NULL, 0x15, r, 8);
		return;
	}
	le32(r + 4, f->csid);
	if (f->state != F_RAKP2) {
		/* out of order: refuse and forget the session */
		r[1] = 0x02;
		tx_v2(NULL, 0x15, r, 8);
		kill_session(f);
		return;
	}
	if (p[1]) {
		kill_session(f);
		return;
	}
	h = hsize(f->a);
	memcpy(hin, f->rc, 16);
	le32(hin + 16, f->csid);
	hin[20] = f->role;
	hin[21] = f->ulen;
	memcpy(hin + 22, f->uname, f->ulen);
	if (mac(hname(f->a), srv.pw, 20, hin, 22 + f->ulen, want) < 0)
		return;
	if (len != 8 + h || CRYPTO_memcmp(want, p + 8, h)) {
		r[1] = 0x0f;
		tx_v2(NULL, 0x15, r, 8);
		kill_session(f);
		return;
	}
	/* ICV: HMAC(SIK, Rm SIDc GUIDc), truncated */
	memcpy(hin, f->rm, 16);
	le32(hin + 16, f->bsid);
	memcpy(hin + 20, srv_guid, 16);
	if (mac(hname(f->a), f->sik, h, hin, 36, want) < 0)
		return;
	memcpy(r + 8, want, f->a == 1 ? 12 : 16);
	tx_v2(NULL, 0x15, r, 8 + (f->a == 1 ? 12 : 16));
	f->state = F_ACTIVE;
	f->priv = 2;		/* sessions start at USER */
	f->oseq = 1;
}

/* ---- in session ------------------------------------------------------ */

static void in_session(const u8 *b, size_t len)
{
	u8 plain[RMCPP_DGRAM_MAX], out[64], want[16], d[16];
	struct fsess *f = lookup(rd32(b + 6));
	size_t plen = b[14] | b[15] << 8, ilen, mlen, rl;
	const u8 *m;
	u32 seq = rd32(b + 10);
	u8 type = b[5] & 0x3f;
	s32 diff = 0;
	int r;

	if (!f || f->state != F_ACTIVE || type > 0x01)
		goto drop;
	/* flags must be exactly the negotiated ones */
	if (!!(b[5] & 0x40) != !!f->i || !!(b[5] & 0x80) != !!f->c)
		goto drop;
	if (f->i) {
		ilen = tlen(f->i);
		if (len < 16 + plen + 2 + ilen || (len - ilen - 4) % 4 ||
		    b[len - ilen - 1] != 0x07 ||
		    b[len - ilen - 2] != len - ilen - 2 - 16 - plen ||
		    b[len - ilen - 2] > 3)
			goto drop;
		if (authcode(f, b + 4, len - ilen - 4, want) ||
		    CRYPTO_memcmp(want, b + len - ilen, ilen))
			goto drop;
	} else if (len != 16 + plen) {
		goto drop;
	}
	/* sequence window, checked now, committed after decryption */
	if (!seq)
		goto drop;
	if (f->seen) {
		diff = (s32)(seq - f->top);
		if (diff > 15 || diff < -16)
			goto drop;
		if (diff <= 0 && (f->bits >> -diff) & 1)
			goto drop;
	}
	if (f->c) {
		if (plen < 32 || plen % 16)
			goto drop;
		r = cbc(f, 0, b + 16, b + 32, plen - 16, plain);
		if (r != (int)plen - 16)
			goto drop;
		rl = plain[r - 1];
		if (rl > 15 || rl + 1 > (size_t)r)
			goto drop;
		for (mlen = 0; mlen < rl; mlen++)
			if (plain[r - 1 - rl + mlen] != mlen + 1)
				goto drop;
		m = plain;
		mlen = (size_t)r - 1 - rl;
	} else {
		m = b + 16;
		mlen = plen;
	}
	if (type == 0x00 && !ipmi_ok(m, mlen))
		goto drop;
	if (!f->seen) {
		f->seen = true;
		f->top = seq;
		f->bits = 1;
	} else if (diff > 0) {
		f->bits = diff >= 32 ? 1 : (f->bits << diff) | 1;
		f->top = seq;
	} else {
		f->bits |= 1u << -diff;
	}

	if (type == 0x01) {
		sol_in(f, m, mlen);
		return;
	}
	if ((m[1] >> 2) != 0x06) {
		rl = ipmi_reply(m, 0xc1, NULL, 0, out);
	} else if (m[5] == 0x01) {
		static const u8 devid[] = { 0x20, 0x81, 0x01, 0x00, 0x02, 0x00,
					    0x5e, 0x2b, 0x00, 0x6c, 0x61 };
		rl = ipmi_reply(m, 0, devid, sizeof(devid), out);
	} else if (m[5] == 0x3b && mlen == 8) {
		u8 lvl = m[6] & 0x0f;

		if (lvl && (lvl < 2 || lvl > (f->role & 0x0f))) {
			rl = ipmi_reply(m, 0x81, NULL, 0, out);
		} else {
			if (lvl)
				f->priv = lvl;
			d[0] = f->priv;
			rl = ipmi_reply(m, 0, d, 1, out);
		}
	} else if ((m[5] == 0x48 || m[5] == 0x49) && mlen == 13) {
		rl = sol_payload_cmd(f, m, out);
	} else if (m[5] == 0x3c && mlen == 11) {
		if (rd32(m + 6) != f->bsid) {
			rl = ipmi_reply(m, 0x87, NULL, 0, out);
		} else {
			rl = ipmi_reply(m, 0, NULL, 0, out);
			tx_v2(f, 0x00, out, rl);
			kill_session(f);
			return;
		}
	} else {
		rl = ipmi_reply(m, 0xc1, NULL, 0, out);
	}
	tx_v2(f, 0x00, out, rl);
	return;
drop:
	srv.drops++;
	if (srv.verbose)
		fprintf(stderr, "srv: dropped in-session packet seq 0x%08x\n",
			seq);
}

static void handle(const u8 *b, size_t len)
{
	u8 out[128], pkt[160];
	size_t plen, n;

	if (len < 5 || b[0] != 0x06 || b[2] != 0xff || b[3] != 0x07)
		return;
	if (b[4] == 0x00) {
		/* IPMI v1.5, session-less only */
		if (len < 14 || rd32(b + 9) || 14 + (size_t)b[13] > len)
			return;
		n = sessionless(b + 14, b[13], out);
		if (!n)
			return;
		memcpy(pkt, b, 13);
		pkt[13] = (u8)n;
		memcpy(pkt + 14, out, n);
		tx(pkt, 14 + n);
		return;
	}
	if (b[4] != 0x06 || len < 16)
		return;
	plen = b[14] | b[15] << 8;
	if (16 + plen > len)
		return;
	if (rd32(b + 6)) {
		in_session(b, len);
		return;
	}
	if (b[5] & 0xc0 || len != 16 + plen)
		return;
	switch (b[5]) {
	case 0x00:
		n = sessionless(b + 16, plen, out);
		if (n)
			tx_v2(NULL, 0x00, out, n);
		break;
	case 0x10:
		open_session(b + 16, plen);
		break;
	case 0x12:
		rakp1(b + 16, plen);
		break;
	case 0x14:
		rakp3(b + 16, plen);
		break;
	}
}

static int parse_suites(const char *s)
{
	char *end;
	long v;

	srv.nsuites = 0;
	while (*s && srv.nsuites < (int)sizeof(srv.suites)) {
		v = strtol(s, &end, 10);
		if (end == s || v < 0 || v > 255)
			return -1;
		srv.suites[srv.nsuites++] = (u8)v;
		s = *end == ',' ? end + 1 : end;
		if (*end && *end != ',')
			return -1;
	}
	return srv.nsuites ? 0 : -1;
}

int selftest_server_main(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "sol-drop", required_argument, NULL, 1 },
		{ "sol-retry-ms", required_argument, NULL, 2 },
		{ "sol-port", required_argument, NULL, 3 },
		{ NULL, 0, NULL, 0 },
	};
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct pollfd pfd;
	u8 buf[2048];
	long long end, left, next;
	unsigned long count = 0;
	socklen_t sl = sizeof(sin);
	int c, seconds = 30, port = 0, r;
	size_t k;
	ssize_t n;

	strcpy(srv.user, "admin");
	parse_suites("3,8,12,17");
	optind = 1;
	while ((c = getopt_long(argc, argv, "p:U:P:K:S:T:v", lopts,
				NULL)) != -1) {
		switch (c) {
		case 1:
			sol_cfg.drop = atoi(optarg);
			if (sol_cfg.drop < 0 || sol_cfg.drop > 90)
				return 2;
			break;
		case 2:
			sol_cfg.retry_ms = atoi(optarg);
			if (sol_cfg.retry_ms < 1 || sol_cfg.retry_ms > 10000)
				return 2;
			break;
		case 3:
			sol_cfg.port = (u16)atoi(optarg);
			break;
		case 'p':
			port = atoi(optarg);
			break;
		case 'U':
			if (strlen(optarg) > 16)
				return 2;
			strcpy(srv.user, optarg);
			break;
		case 'P':
			if (strlen(optarg) > 20)
				return 2;
			memset(srv.pw, 0, 20);
			memcpy(srv.pw, optarg, strlen(optarg));
			break;
		case 'K':
			for (k = 0; k < 20 && optarg[2 * k] && optarg[2 * k + 1]; k++)
				if (sscanf(optarg + 2 * k, "%2hhx", &srv.kg[k]) != 1)
					return 2;
			srv.kg_set = true;
			break;
		case 'S':
			if (parse_suites(optarg))
				return 2;
			break;
		case 'T':
			seconds = atoi(optarg);
			if (seconds < 1 || seconds > 600)
				return 2;
			break;
		case 'v':
			srv.verbose++;
			break;
		default:
			return 2;
		}
	}

	srv.fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);	/* loopback only */
	sin.sin_port = htons((u16)port);
	if (srv.fd < 0 || bind(srv.fd, (struct sockaddr *)&sin, sizeof(sin)) ||
	    getsockname(srv.fd, (struct sockaddr *)&sin, &sl)) {
		perror("selftest server");
		return 1;
	}
	srv.port = ntohs(sin.sin_port);
	printf("listening %u\n", srv.port);
	fflush(stdout);

	end = ms() + seconds * 1000LL;
	while (count < MAX_DATAGRAMS) {
		left = end - ms();
		if (left <= 0)
			break;
		next = sol_tick();
		if (next >= 0 && next < left)
			left = next;
		pfd.fd = srv.fd;
		pfd.events = POLLIN;
		r = poll(&pfd, 1, (int)left);
		if (r < 0 && errno != EINTR)
			break;
		if (r <= 0)
			continue;
		count++;
		srv.fromlen = sizeof(srv.from);
		n = recvfrom(srv.fd, buf, sizeof(buf), 0,
			     (struct sockaddr *)&srv.from, &srv.fromlen);
		if (n <= 0)
			continue;
		if (srv.verbose)
			rmcpp_hexdump("srv <<", buf, (size_t)n);
		handle(buf, (size_t)n);
	}
	sol_stop();
	fprintf(stderr, "selftest server: %lu datagrams, %lu dropped in session\n",
		count, srv.drops);
	close(srv.fd);
	return 0;
}
