/* SPDX-License-Identifier: GPL-2.0 */
/*
 * loadgen: the benchmark's RMCP+ load generator. The protocol (handshake,
 * integrity, AES) is tests/tools/rmcpp/rmcpp.c; this adds the timed phases,
 * the measurements and the JSON report. Every phase is bounded in count
 * and in time.
 */
#ifndef _LOADGEN_H
#define _LOADGEN_H

#include "rmcpp.h"

#include <stdio.h>
#include <sys/resource.h>

#include <openssl/evp.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

enum {
	LG_MAX_SESSIONS = 256,
	LG_MAX_INFLIGHT = 64,		/* hs: handshakes in flight (-j) */
	LG_MAX_ADDRS = 4096,
	LG_STRIDE = 128,		/* bytes per precomputed datagram */
	LG_RING = 1024,			/* in-flight slots per session */
	LG_MAX_CPUS = 8,
	LG_HASH_MAX = 32,		/* the longest digest (SHA-256) */
	LG_AES_MAX = 256,		/* the longest AES plaintext */
};

struct lg_opts {
	const char *mode;
	const char *host;
	int port;
	int suite;
	const char *user;
	const char *pass;
	int sessions;		/* -n */
	int window;		/* -w: requests in flight per session */
	double seconds;		/* -t: the timed phase */
	long count;		/* -c: request or handshake budget */
	double rate;		/* -r: open loop, requests/s in total */
	bool echo;		/* -E: target is the UDP echo floor */
	int bind_octet;		/* -B: sources 127.B.x.y; 0 binds nothing */
	int addrs;		/* -A: source addresses (handshakes) */
	int in_flight;		/* -j: hs: handshakes in flight */
	int verify_every;	/* -V: verify one reply in V fully */
	int timeout_ms;		/* -T: a reply later than this is lost */
	u8 netfn, cmd;		/* -C: the request (default Get Device ID) */
	u8 targets[255];	/* -b: req: bridged to these, in turn */
	int ntargets;		/* 0: not bridged */
	const char *label;	/* -l */
	const char *mem_points;	/* -M: "1,32,63" */
	bool open_loop;
	bool fresh_socket;	/* -F: hs: a new socket per handshake */
	int gen_cpu, srv_cpu;	/* -G, -S: where each runs (-1: unknown) */
};

/* util.c */
long long now_ns(void);
void lg_bind_addr(const struct lg_opts *o, int i, char *buf, size_t size);
int lg_session_socket(struct rmcpp *s, const struct lg_opts *o, int i);

struct lg_cpu {
	int ncpu;
	unsigned long long t[LG_MAX_CPUS + 1][8];	/* [0] = all */
};

void lg_cpu_read(struct lg_cpu *c);

struct lg_run {
	long long t0, t1;		/* ns, the timed phase */
	struct lg_cpu c0, c1;
	struct rusage r0, r1;
	bool children;			/* rusage of waited-for children too */
	struct rusage rc0, rc1;
	long long drops0, drops1;	/* /proc/net/softnet_stat */
};

extern long long lg_login_retries;
long long lg_softnet_drops(void);

void lg_run_start(struct lg_run *r, bool children);
void lg_run_stop(struct lg_run *r);
double lg_run_secs(const struct lg_run *r);
/* The generator's CPU seconds (user+sys) and its share of one CPU. */
double lg_run_gen_cpu(const struct lg_run *r, double *user, double *sys);

/* Latency samples in microseconds, percentiles by sorting at the end. */
struct lg_lat {
	u32 *v;
	size_t n, cap;
	unsigned long long sum;
	u32 max;
};

int lg_lat_init(struct lg_lat *l, size_t cap);
void lg_lat_add(struct lg_lat *l, long long ns);
void lg_lat_merge(struct lg_lat *dst, const u32 *v, size_t n);
u32 lg_lat_pct(struct lg_lat *l, double p);	/* sorts on first use */

/* JSON, one object per line on stdout */
void js_begin(const struct lg_opts *o);
void js_num(const char *k, double v);
void js_int(const char *k, long long v);
void js_str(const char *k, const char *v);
void js_bool(const char *k, bool v);
void js_raw(const char *k, const char *v);
void js_lat(const char *k, struct lg_lat *l);
void js_run(const struct lg_run *r);
void js_end(void);
/* Why a run is not valid because of the generator, or NULL. */
const char *lg_generator_bound(const struct lg_opts *o, const struct lg_run *r);

/* fastcrypto.c: the handshake mode's crypto, see there */
struct lg_hash {
	const char *name;		/* for EVP_MD_fetch() */
	unsigned int len;
	int (*init)(void *c);
	int (*update)(void *c, const void *p, size_t n);
	int (*final)(u8 *md, void *c);
};

union lg_hash_ctx {
	MD5_CTX md5;
	SHA_CTX sha1;
	SHA256_CTX sha256;
};

/* An HMAC key: the hash states after the inner and the outer pad. */
struct lg_hmac {
	const struct lg_hash *h;
	union lg_hash_ctx in, out;
};

const struct lg_hash *lg_hash_auth(u8 auth);
const struct lg_hash *lg_hash_integ(u8 integ);
int lg_hmac_key(struct lg_hmac *k, const struct lg_hash *h, const u8 *key,
		size_t len);
int lg_hmac(const struct lg_hmac *k, const u8 *p, size_t len, u8 *out);
int lg_md5_128(const u8 *kuid, const u8 *p, size_t len, u8 *out);
EVP_CIPHER_CTX *lg_aes_new(void);
int lg_aes_seal(EVP_CIPHER_CTX *c, const u8 *k2, const u8 *iv, const u8 *in,
		size_t len, u8 *out, size_t out_size);
int lg_aes_open(EVP_CIPHER_CTX *c, const u8 *k2, const u8 *in, size_t len,
		u8 *out, size_t out_size);
int lg_rand_refill(void);
int lg_rand(void *p, size_t n);
int lg_fast_selfcheck(void);

/* the modes */
int lg_req_main(struct lg_opts *o);
int lg_hs_main(struct lg_opts *o);
int lg_mem_main(struct lg_opts *o);
int lg_crypto_main(struct lg_opts *o);

/* shared by the modes: set up a client for session @i and log in */
void lg_client_init(struct rmcpp *s, const struct lg_opts *o);
int lg_login(struct rmcpp *s, const struct lg_opts *o, int i);

#endif /* _LOADGEN_H */
