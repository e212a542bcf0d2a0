// SPDX-License-Identifier: GPL-2.0
/*
 * loadgen: cheap crypto for the handshake mode (hs.c), where OpenSSL 3's
 * one-shot calls cost more than the protocol: HMAC() fetches the digest
 * and builds a MAC context on every call, and a new EVP_CIPHER_CTX per
 * message fetches the cipher.
 *
 * - HMAC (RFC 2104) on OpenSSL's low-level SHA1_/SHA256_/MD5_ functions.
 *   A key is kept as the two hash states after the inner and the outer
 *   pad, so one HMAC is two struct copies and the message's blocks. That
 *   was the fastest way measured in the TCG guest: HMAC-SHA1 of 63 bytes
 *   with a fixed key took 35 us with HMAC(), 6.2 us re-initialising an
 *   EVP_MAC_CTX, 5.1 us copying prepared EVP_MD_CTXs (each copy allocates
 *   a provider context) and 3.2 us here (SHA-256: 34, 10, 7.5, 6.5 us).
 *   These functions are deprecated in OpenSSL 3, hence
 *   -Wno-deprecated-declarations for this file only.
 * - AES-CBC-128 on a caller-owned EVP_CIPHER_CTX, re-keyed per message
 *   with EVP_CipherInit_ex(ctx, NULL, ...), the cipher fetched once.
 * - Random bytes from a pool filled by RAND_bytes in large chunks.
 *
 * lg_fast_selfcheck() compares all of it with OpenSSL's HMAC() and with
 * rmcpp.c's AES before a run.
 */
#include "loadgen.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

enum { HASH_BLOCK = 64 };	/* MD5, SHA-1 and SHA-256 alike */

static int md5_init(void *c) { return MD5_Init(c); }
static int md5_update(void *c, const void *p, size_t n) { return MD5_Update(c, p, n); }
static int md5_final(u8 *md, void *c) { return MD5_Final(md, c); }
static int sha1_init(void *c) { return SHA1_Init(c); }
static int sha1_update(void *c, const void *p, size_t n) { return SHA1_Update(c, p, n); }
static int sha1_final(u8 *md, void *c) { return SHA1_Final(md, c); }
static int sha256_init(void *c) { return SHA256_Init(c); }
static int sha256_update(void *c, const void *p, size_t n) { return SHA256_Update(c, p, n); }
static int sha256_final(u8 *md, void *c) { return SHA256_Final(md, c); }

static const struct lg_hash hashes[] = {
	{ "MD5", 16, md5_init, md5_update, md5_final },
	{ "SHA1", 20, sha1_init, sha1_update, sha1_final },
	{ "SHA256", 32, sha256_init, sha256_update, sha256_final },
};

const struct lg_hash *lg_hash_auth(u8 auth)
{
	switch (auth) {
	case AUTH_RAKP_HMAC_MD5:
		return &hashes[0];
	case AUTH_RAKP_HMAC_SHA1:
		return &hashes[1];
	case AUTH_RAKP_HMAC_SHA256:
		return &hashes[2];
	}
	return NULL;
}

const struct lg_hash *lg_hash_integ(u8 integ)
{
	switch (integ) {
	case INTEG_HMAC_MD5_128:
	case INTEG_MD5_128:
		return &hashes[0];
	case INTEG_HMAC_SHA1_96:
		return &hashes[1];
	case INTEG_HMAC_SHA256_128:
		return &hashes[2];
	}
	return NULL;
}

int lg_hmac_key(struct lg_hmac *k, const struct lg_hash *h, const u8 *key,
		size_t len)
{
	u8 pad[HASH_BLOCK], kh[LG_HASH_MAX];
	int ok;
	size_t i;

	k->h = h;
	if (len > HASH_BLOCK) {
		/* a long key is replaced by its hash (RFC 2104) */
		if (!h->init(&k->in) || !h->update(&k->in, key, len) ||
		    !h->final(kh, &k->in))
			return -1;
		key = kh;
		len = h->len;
	}
	for (i = 0; i < HASH_BLOCK; i++)
		pad[i] = (i < len ? key[i] : 0) ^ 0x36;
	ok = h->init(&k->in) && h->update(&k->in, pad, HASH_BLOCK);
	for (i = 0; i < HASH_BLOCK; i++)
		pad[i] ^= 0x36 ^ 0x5c;
	ok = ok && h->init(&k->out) && h->update(&k->out, pad, HASH_BLOCK);
	OPENSSL_cleanse(pad, sizeof(pad));
	OPENSSL_cleanse(kh, sizeof(kh));
	return ok ? 0 : -1;
}

/* HMAC of @len bytes at @p into @out (the hash's length); returns it. */
int lg_hmac(const struct lg_hmac *k, const u8 *p, size_t len, u8 *out)
{
	const struct lg_hash *h = k->h;
	union lg_hash_ctx c = k->in;
	u8 inner[LG_HASH_MAX];

	if (!h->update(&c, p, len) || !h->final(inner, &c))
		return -1;
	c = k->out;
	if (!h->update(&c, inner, h->len) || !h->final(out, &c))
		return -1;
	return (int)h->len;
}

/* Integrity "MD5-128": MD5(password || data || password). */
int lg_md5_128(const u8 *kuid, const u8 *p, size_t len, u8 *out)
{
	MD5_CTX c;

	if (!MD5_Init(&c) || !MD5_Update(&c, kuid, RMCPP_PASSWORD_LEN) ||
	    !MD5_Update(&c, p, len) ||
	    !MD5_Update(&c, kuid, RMCPP_PASSWORD_LEN) || !MD5_Final(out, &c))
		return -1;
	return 16;
}

/* ---- AES-CBC-128 ------------------------------------------------------ */

static EVP_CIPHER *aes_cbc;

EVP_CIPHER_CTX *lg_aes_new(void)
{
	EVP_CIPHER_CTX *c;

	if (!aes_cbc) {
		aes_cbc = EVP_CIPHER_fetch(NULL, "AES-128-CBC", NULL);
		if (!aes_cbc)
			return NULL;
	}
	c = EVP_CIPHER_CTX_new();
	if (!c)
		return NULL;
	/* the cipher and "no padding" once; every message only re-keys */
	if (!EVP_CipherInit_ex(c, aes_cbc, NULL, NULL, NULL, 1) ||
	    !EVP_CIPHER_CTX_set_padding(c, 0)) {
		EVP_CIPHER_CTX_free(c);
		return NULL;
	}
	return c;
}

static int cbc(EVP_CIPHER_CTX *c, int enc, const u8 *key, const u8 *iv,
	       const u8 *in, size_t len, u8 *out)
{
	int n1 = 0, n2 = 0;

	if (!EVP_CipherInit_ex(c, NULL, NULL, key, iv, enc) ||
	    !EVP_CipherUpdate(c, out, &n1, in, (int)len) ||
	    !EVP_CipherFinal_ex(c, out + n1, &n2))
		return -1;
	return n1 + n2;
}

/* The layout of rmcpp_aes_seal(): IV || E(data || 01 02 .. || padlen). */
int lg_aes_seal(EVP_CIPHER_CTX *c, const u8 *k2, const u8 *iv, const u8 *in,
		size_t len, u8 *out, size_t out_size)
{
	u8 plain[LG_AES_MAX];
	size_t pad = (AES_BLOCK - (len + 1) % AES_BLOCK) % AES_BLOCK;
	size_t i, total = len + pad + 1;
	int n;

	if (total > sizeof(plain) || AES_BLOCK + total > out_size)
		return -1;
	memcpy(plain, in, len);
	for (i = 0; i < pad; i++)
		plain[len + i] = (u8)(i + 1);
	plain[len + pad] = (u8)pad;
	memcpy(out, iv, AES_BLOCK);
	n = cbc(c, 1, k2, iv, plain, total, out + AES_BLOCK);
	return n != (int)total ? -1 : AES_BLOCK + n;
}

/* Inverse of lg_aes_seal(); checks the pad. Returns the plaintext length. */
int lg_aes_open(EVP_CIPHER_CTX *c, const u8 *k2, const u8 *in, size_t len,
		u8 *out, size_t out_size)
{
	size_t clen, pad, i;

	if (len < 2 * AES_BLOCK || (len - AES_BLOCK) % AES_BLOCK)
		return -1;
	clen = len - AES_BLOCK;
	if (clen > out_size)
		return -1;
	if (cbc(c, 0, k2, in, in + AES_BLOCK, clen, out) != (int)clen)
		return -1;
	pad = out[clen - 1];
	if (pad >= AES_BLOCK || pad + 1 > clen)
		return -1;
	for (i = 0; i < pad; i++)
		if (out[clen - 1 - pad + i] != i + 1)
			return -1;
	return (int)(clen - 1 - pad);
}

/* ---- random bytes ------------------------------------------------------ */

/* Large enough that refills are rare: a handshake takes 36 bytes. */
static u8 pool[1 << 16];
static size_t pool_pos = sizeof(pool);

int lg_rand_refill(void)
{
	if (RAND_bytes(pool, sizeof(pool)) != 1)
		return -1;
	pool_pos = 0;
	return 0;
}

/* Each byte of the pool is handed out once. */
int lg_rand(void *p, size_t n)
{
	if (n > sizeof(pool))
		return -1;
	if (pool_pos + n > sizeof(pool) && lg_rand_refill())
		return -1;
	memcpy(p, pool + pool_pos, n);
	pool_pos += n;
	return 0;
}

/* ---- the self-check ----------------------------------------------------- */

static int check_hmac(const struct lg_hash *h)
{
	static const size_t klens[] = { 1, 16, 20, 32, 64, 65, 100 };
	static const size_t mlens[] = { 0, 1, 20, 36, 55, 56, 63, 64, 65,
					119, 200 };
	u8 key[100], msg[200], want[EVP_MAX_MD_SIZE], got[LG_HASH_MAX];
	struct lg_hmac k;
	unsigned int wlen;
	EVP_MD *md;
	size_t i, j;
	int ret = 0;

	md = EVP_MD_fetch(NULL, h->name, NULL);
	if (!md || RAND_bytes(key, sizeof(key)) != 1 ||
	    RAND_bytes(msg, sizeof(msg)) != 1) {
		EVP_MD_free(md);
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(klens) && !ret; i++) {
		if (lg_hmac_key(&k, h, key, klens[i]))
			ret = -1;
		/* the same key twice: the prepared states stay unchanged */
		for (j = 0; j < 2 * ARRAY_SIZE(mlens) && !ret; j++) {
			size_t m = mlens[j % ARRAY_SIZE(mlens)];

			if (!HMAC(md, key, (int)klens[i], msg, m, want, &wlen) ||
			    wlen != h->len ||
			    lg_hmac(&k, msg, m, got) != (int)h->len ||
			    memcmp(want, got, h->len)) {
				fprintf(stderr, "self-check: HMAC-%s differs from OpenSSL's (key %zu, data %zu bytes)\n",
					h->name, klens[i], m);
				ret = -1;
			}
		}
	}
	EVP_MD_free(md);
	return ret;
}

static int check_md5_128(void)
{
	u8 kuid[RMCPP_PASSWORD_LEN], msg[70], want[16], got[16];

	if (RAND_bytes(kuid, sizeof(kuid)) != 1 ||
	    RAND_bytes(msg, sizeof(msg)) != 1 ||
	    rmcpp_integ_code(INTEG_MD5_128, NULL, 0, kuid, msg, sizeof(msg),
			     want) != 16 ||
	    lg_md5_128(kuid, msg, sizeof(msg), got) != 16 ||
	    memcmp(want, got, 16)) {
		fprintf(stderr, "self-check: MD5-128 differs from rmcpp.c's\n");
		return -1;
	}
	return 0;
}

/* Both directions on one context, against rmcpp.c's fresh contexts. */
static int check_aes(void)
{
	u8 k[2][AES_BLOCK], iv[AES_BLOCK], msg[48];
	u8 a[LG_AES_MAX + AES_BLOCK], b[LG_AES_MAX + AES_BLOCK], p[LG_AES_MAX];
	EVP_CIPHER_CTX *c = lg_aes_new();
	int na, nb, np, ret = 0;
	size_t len;

	if (!c || RAND_bytes(&k[0][0], sizeof(k)) != 1 ||
	    RAND_bytes(msg, sizeof(msg)) != 1) {
		EVP_CIPHER_CTX_free(c);
		return -1;
	}
	for (len = 0; len <= sizeof(msg) && !ret; len++) {
		const u8 *key = k[len & 1];

		if (RAND_bytes(iv, sizeof(iv)) != 1)
			ret = -1;
		na = lg_aes_seal(c, key, iv, msg, len, a, sizeof(a));
		nb = rmcpp_aes_seal(key, iv, msg, len, b, sizeof(b));
		if (ret || na < 0 || na != nb || memcmp(a, b, na))
			ret = -1;
		np = ret ? -1 : lg_aes_open(c, key, b, nb, p, sizeof(p));
		if (np != (int)len || memcmp(p, msg, len))
			ret = -1;
		/* a wrong key must not open it with a valid pad and data */
		np = ret ? -1 : lg_aes_open(c, k[!(len & 1)], a, na, p, sizeof(p));
		if (np == (int)len && !memcmp(p, msg, len))
			ret = -1;
	}
	if (ret)
		fprintf(stderr, "self-check: AES-CBC-128 differs from rmcpp.c's\n");
	EVP_CIPHER_CTX_free(c);
	return ret;
}

int lg_fast_selfcheck(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(hashes); i++)
		if (check_hmac(&hashes[i]))
			return -1;
	if (check_md5_128() || check_aes())
		return -1;
	return 0;
}
