// SPDX-License-Identifier: GPL-2.0
/*
 * Cipher suites and the algorithms behind them.
 *
 * HMAC-SHA1 and HMAC-SHA256 run on the library hashes (hmac.c): a key is
 * two hash states in a struct, with nothing to allocate or lock. For the
 * RAKP exchange that struct is on the handshake worker's stack; an active
 * session keeps its integrity key (K1) in its ipmi_lan_keys.
 *
 * The rest goes through the crypto API. RAKP-HMAC-MD5 uses one transform
 * allocated at module load, under a mutex (a key per call). Sessions get
 * their own keyed HMAC-MD5, MD5 and cbc(aes) transforms when they become
 * active; the per-packet path only runs them.
 *
 * A closed session's transforms are wiped (keyed with zeros) and kept for
 * the next activation, up to TFM_POOL_MAX of each algorithm. Allocating a
 * transform (an algorithm lookup and several allocations) and freeing it
 * cost more than all of a handshake's HMACs; a pool keeps that out of the
 * handshake. An active session still owns its transforms alone.
 */

#include "crypto.h"
#include "compat.h"
#include "hmac.h"

#include <crypto/hash.h>
#include <crypto/skcipher.h>
#include <linux/bits.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/scatterlist.h>
#include <linux/spinlock.h>
#include <linux/string.h>

static const struct ipmi_lan_suite suites[] = {
	{ 1, AUTH_RAKP_HMAC_SHA1, INTEG_NONE, CONF_NONE },
	{ 2, AUTH_RAKP_HMAC_SHA1, INTEG_HMAC_SHA1_96, CONF_NONE },
	{ 3, AUTH_RAKP_HMAC_SHA1, INTEG_HMAC_SHA1_96, CONF_AES_CBC_128 },
	{ 6, AUTH_RAKP_HMAC_MD5, INTEG_NONE, CONF_NONE },
	{ 7, AUTH_RAKP_HMAC_MD5, INTEG_HMAC_MD5_128, CONF_NONE },
	{ 8, AUTH_RAKP_HMAC_MD5, INTEG_HMAC_MD5_128, CONF_AES_CBC_128 },
	{ 11, AUTH_RAKP_HMAC_MD5, INTEG_MD5_128, CONF_NONE },
	{ 12, AUTH_RAKP_HMAC_MD5, INTEG_MD5_128, CONF_AES_CBC_128 },
	{ 15, AUTH_RAKP_HMAC_SHA256, INTEG_NONE, CONF_NONE },
	{ 16, AUTH_RAKP_HMAC_SHA256, INTEG_HMAC_SHA256_128, CONF_NONE },
	{ 17, AUTH_RAKP_HMAC_SHA256, INTEG_HMAC_SHA256_128, CONF_AES_CBC_128 },
};

const struct ipmi_lan_suite *ipmi_lan_suite_by_id(unsigned int id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(suites); i++)
		if (suites[i].id == id)
			return &suites[i];
	return NULL;
}

/* Strongest first: the order an Open Session with wildcards is matched in. */
static const u8 suite_preference[] = { 17, 3, 16, 2, 8, 12, 7, 11, 15, 1, 6 };

/*
 * The strongest enabled suite whose algorithms are those asked for;
 * any[i] is set where the console left algorithm i open (a record of
 * length 0). A whole triple is matched, never single algorithms.
 */
const struct ipmi_lan_suite *ipmi_lan_suite_choose(u32 enabled, const u8 *alg,
						   const bool *any)
{
	const struct ipmi_lan_suite *suite;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(suite_preference); i++) {
		if (!(enabled & BIT(suite_preference[i])))
			continue;
		suite = ipmi_lan_suite_by_id(suite_preference[i]);
		if ((any[0] || suite->auth == alg[0]) &&
		    (any[1] || suite->integ == alg[1]) &&
		    (any[2] || suite->conf == alg[2]))
			return suite;
	}
	return NULL;
}

/*
 * RAKP-HMAC-SHA1 and -SHA256 use hmac.c; only MD5, which has no library
 * hash, needs a transform.
 */
static const char * const auth_hash[] = {
	[AUTH_RAKP_HMAC_MD5] = "hmac(md5)",
};

/* The hmac.c hash of a RAKP authentication algorithm, or -1. */
static int auth_lib_hash(u8 auth)
{
	switch (auth) {
	case AUTH_RAKP_HMAC_SHA1:
		return IPMI_LAN_HMAC_SHA1;
	case AUTH_RAKP_HMAC_SHA256:
		return IPMI_LAN_HMAC_SHA256;
	default:
		return -1;
	}
}

/* The hmac.c hash of an integrity algorithm, or -1. */
static int integ_lib_hash(u8 integ)
{
	switch (integ) {
	case INTEG_HMAC_SHA1_96:
		return IPMI_LAN_HMAC_SHA1;
	case INTEG_HMAC_SHA256_128:
		return IPMI_LAN_HMAC_SHA256;
	default:
		return -1;
	}
}

unsigned int ipmi_lan_auth_digest_len(u8 auth)
{
	switch (auth) {
	case AUTH_RAKP_HMAC_SHA1:
		return 20;
	case AUTH_RAKP_HMAC_MD5:
		return 16;
	case AUTH_RAKP_HMAC_SHA256:
		return 32;
	default:
		return 0;
	}
}

/* The RAKP4 integrity check value is a truncated HMAC. */
unsigned int ipmi_lan_auth_icv_len(u8 auth)
{
	switch (auth) {
	case AUTH_RAKP_HMAC_SHA1:
		return 12;
	case AUTH_RAKP_HMAC_MD5:
	case AUTH_RAKP_HMAC_SHA256:
		return 16;
	default:
		return 0;
	}
}

unsigned int ipmi_lan_integ_len(u8 integ)
{
	switch (integ) {
	case INTEG_HMAC_SHA1_96:
		return 12;
	case INTEG_HMAC_MD5_128:
	case INTEG_MD5_128:
	case INTEG_HMAC_SHA256_128:
		return 16;
	default:
		return 0;
	}
}

static DEFINE_MUTEX(rakp_lock);
static struct crypto_shash *rakp_tfm[ARRAY_SIZE(auth_hash)];

/* One RAKP message: the HMAC of a | b goes to out. */
struct rakp_msg {
	const u8 *a;
	unsigned int alen;
	const u8 *b;
	unsigned int blen;
	u8 *out;
};

/* HMAC-SHA1 or -SHA256 of n messages, on the stack: hmac.c. */
static int rakp_lib_hmac_n(enum ipmi_lan_hmac_hash hash, const u8 *key,
			   unsigned int key_len, const struct rakp_msg *m,
			   unsigned int n)
{
	struct ipmi_lan_hmac k;
	unsigned int i;
	int ret;

	ret = ipmi_lan_hmac_setkey(&k, hash, key, key_len);
	for (i = 0; !ret && i < n; i++)
		ipmi_lan_hmac(&k, m[i].a, m[i].alen, m[i].b, m[i].blen,
			      m[i].out);
	ipmi_lan_hmac_wipe(&k);
	return ret;
}

/*
 * The HMACs of n messages under one key: the key is set once and wiped
 * once, whatever n is.
 */
static int rakp_hmac_n(u8 auth, const u8 *key, unsigned int key_len,
		       const struct rakp_msg *m, unsigned int n)
{
	int hash = auth_lib_hash(auth);
	struct crypto_shash *tfm;
	unsigned int i;
	int ret;

	if (hash >= 0)
		return rakp_lib_hmac_n(hash, key, key_len, m, n);
	if (auth >= ARRAY_SIZE(rakp_tfm) || !rakp_tfm[auth])
		return -EINVAL;
	tfm = rakp_tfm[auth];
	mutex_lock(&rakp_lock);
	ret = crypto_shash_setkey(tfm, key, key_len);
	for (i = 0; !ret && i < n; i++) {
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		ret = crypto_shash_init(desc) ?:
		      crypto_shash_update(desc, m[i].a, m[i].alen) ?:
		      (m[i].blen ? crypto_shash_update(desc, m[i].b,
						       m[i].blen) : 0) ?:
		      crypto_shash_final(desc, m[i].out);
		shash_desc_zero(desc);
	}
	/* Leave no state derived from a password or SIK in the transform. */
	crypto_shash_setkey(tfm, (const u8 *)"", 1);
	mutex_unlock(&rakp_lock);
	return ret;
}

/* HMAC over a | b with a one-off key, for the RAKP exchange. */
static int rakp_hmac(u8 auth, const u8 *key, unsigned int key_len,
		     const u8 *a, unsigned int alen, const u8 *b,
		     unsigned int blen, u8 *out)
{
	const struct rakp_msg m = { a, alen, b, blen, out };

	return rakp_hmac_n(auth, key, key_len, &m, 1);
}

/* HMAC(Kuid, SIDm | SIDc | Rm | Rc | GUIDc | ROLEm | ULENm | UNAMEm) */
int ipmi_lan_rakp2_code(const struct ipmi_lan_rakp *r, u8 *out)
{
	u8 buf[58];
	int ret;

	put_unaligned_le32(r->console_id, buf);
	put_unaligned_le32(r->bmc_id, buf + 4);
	memcpy(buf + 8, r->rm, RAND_LEN);
	memcpy(buf + 24, r->rc, RAND_LEN);
	memcpy(buf + 40, r->guid, GUID_LEN);
	buf[56] = r->role;
	buf[57] = r->name_len;
	ret = rakp_hmac(r->auth, r->kuid, KEY_LEN, buf, sizeof(buf),
			r->name, r->name_len, out);
	memzero_explicit(buf, sizeof(buf));
	return ret;
}

/* HMAC(Kuid, Rc | SIDm | ROLEm | ULENm | UNAMEm) */
int ipmi_lan_rakp3_code(const struct ipmi_lan_rakp *r, u8 *out)
{
	u8 buf[22];
	int ret;

	memcpy(buf, r->rc, RAND_LEN);
	put_unaligned_le32(r->console_id, buf + 16);
	buf[20] = r->role;
	buf[21] = r->name_len;
	ret = rakp_hmac(r->auth, r->kuid, KEY_LEN, buf, sizeof(buf),
			r->name, r->name_len, out);
	memzero_explicit(buf, sizeof(buf));
	return ret;
}

/*
 * SIK = HMAC(K_G or Kuid, Rm | Rc | ROLEm | ULENm | UNAMEm), and
 * K1 = HMAC(SIK, 20 x 01h), K2 = HMAC(SIK, 20 x 02h): the constant is 20
 * bytes whatever the hash, as ipmitool and FreeIPMI have it. The RAKP4
 * ICV, HMAC(SIK, Rm | SIDc | GUIDc), goes to icv untruncated. K1, K2 and
 * the ICV share one setkey of SIK.
 */
int ipmi_lan_rakp_keys(const struct ipmi_lan_rakp *r, u8 *sik, u8 *k1, u8 *k2,
		       u8 *icv)
{
	static const u8 const1[KEY_LEN] = { [0 ... KEY_LEN - 1] = 0x01 };
	static const u8 const2[KEY_LEN] = { [0 ... KEY_LEN - 1] = 0x02 };
	unsigned int dlen = ipmi_lan_auth_digest_len(r->auth);
	u8 buf[34], icv_in[RAND_LEN + 4 + GUID_LEN];
	const struct rakp_msg m[3] = {
		{ const1, KEY_LEN, NULL, 0, k1 },
		{ const2, KEY_LEN, NULL, 0, k2 },
		{ icv_in, sizeof(icv_in), NULL, 0, icv },
	};
	int ret;

	memcpy(buf, r->rm, RAND_LEN);
	memcpy(buf + 16, r->rc, RAND_LEN);
	buf[32] = r->role;
	buf[33] = r->name_len;
	memcpy(icv_in, r->rm, RAND_LEN);
	put_unaligned_le32(r->bmc_id, icv_in + 16);
	memcpy(icv_in + 20, r->guid, GUID_LEN);
	ret = rakp_hmac(r->auth, r->kg ? r->kg : r->kuid, KEY_LEN, buf,
			sizeof(buf), r->name, r->name_len, sik) ?:
	      rakp_hmac_n(r->auth, sik, dlen, m, ARRAY_SIZE(m));
	memzero_explicit(buf, sizeof(buf));
	return ret;
}

/*
 * The transform pool: wiped transforms of closed sessions, by algorithm
 * (the integrity algorithm's number, or POOL_AES). Process context only.
 */
enum {
	TFM_POOL_MAX = 32,
	POOL_AES = INTEG_HMAC_SHA256_128 + 1,
	POOL_KINDS,
};

/* HMAC-SHA1-96 and HMAC-SHA256-128 use hmac.c: no transform. */
static const char * const pool_alg[POOL_KINDS] = {
	[INTEG_HMAC_MD5_128] = "hmac(md5)",
	[INTEG_MD5_128] = "md5",
	[POOL_AES] = "cbc(aes)",
};

static DEFINE_SPINLOCK(pool_lock);
static unsigned int pool_len[POOL_KINDS];
static void *pool[POOL_KINDS][TFM_POOL_MAX];

static void *pool_get(unsigned int kind)
{
	void *tfm = NULL;

	spin_lock(&pool_lock);
	if (pool_len[kind])
		tfm = pool[kind][--pool_len[kind]];
	spin_unlock(&pool_lock);
	return tfm;
}

static bool pool_put(unsigned int kind, void *tfm)
{
	bool kept = false;

	spin_lock(&pool_lock);
	if (pool_len[kind] < TFM_POOL_MAX) {
		pool[kind][pool_len[kind]++] = tfm;
		kept = true;
	}
	spin_unlock(&pool_lock);
	return kept;
}

static struct crypto_shash *mac_get(u8 integ)
{
	return pool_get(integ) ?: crypto_alloc_shash(pool_alg[integ], 0, 0);
}

static struct crypto_sync_skcipher *aes_get(void)
{
	return pool_get(POOL_AES) ?:
	       crypto_alloc_sync_skcipher(pool_alg[POOL_AES], 0, 0);
}

/* Wiped, into the pool; freed if the pool is full or the wipe failed. */
static void mac_put(u8 integ, struct crypto_shash *tfm)
{
	static const u8 zero[KEY_LEN];

	if (integ != INTEG_MD5_128 && crypto_shash_setkey(tfm, zero, KEY_LEN))
		goto free;
	if (pool_put(integ, tfm))
		return;
free:
	crypto_free_shash(tfm);
}

static void aes_put(struct crypto_sync_skcipher *tfm)
{
	static const u8 zero[AES_BLOCK];

	if (!crypto_sync_skcipher_setkey(tfm, zero, AES_BLOCK) &&
	    pool_put(POOL_AES, tfm))
		return;
	crypto_free_sync_skcipher(tfm);
}

static void pool_drain(void)
{
	unsigned int kind;
	void *tfm;

	for (kind = 0; kind < POOL_KINDS; kind++) {
		while ((tfm = pool_get(kind))) {
			if (kind == POOL_AES)
				crypto_free_sync_skcipher(tfm);
			else
				crypto_free_shash(tfm);
		}
	}
}

int ipmi_lan_keys_setup(struct ipmi_lan_keys *keys,
			const struct ipmi_lan_suite *suite, const u8 *k1,
			unsigned int k1_len, const u8 *k2, const u8 *password)
{
	int hash = integ_lib_hash(suite->integ), ret = 0;

	memset(keys, 0, sizeof(*keys));
	keys->integ = suite->integ;
	keys->conf = suite->conf;
	if (hash >= 0) {
		ret = ipmi_lan_hmac_setkey(&keys->hmac, hash, k1, k1_len);
		if (ret)
			goto err;
	} else if (suite->integ != INTEG_NONE) {
		if (suite->integ >= POOL_AES || !pool_alg[suite->integ])
			return -EINVAL;
		keys->mac = mac_get(suite->integ);
		if (IS_ERR(keys->mac)) {
			ret = PTR_ERR(keys->mac);
			keys->mac = NULL;
			goto err;
		}
		if (suite->integ == INTEG_MD5_128)
			memcpy(keys->md5_key, password, KEY_LEN);
		else
			ret = crypto_shash_setkey(keys->mac, k1, k1_len);
		if (ret)
			goto err;
	}
	if (suite->conf == CONF_AES_CBC_128) {
		keys->aes = aes_get();
		if (IS_ERR(keys->aes)) {
			ret = PTR_ERR(keys->aes);
			keys->aes = NULL;
			goto err;
		}
		ret = crypto_sync_skcipher_setkey(keys->aes, k2, AES_BLOCK);
		if (ret)
			goto err;
	}
	return 0;
err:
	ipmi_lan_keys_free(keys);
	return ret;
}

/* Process context: the transforms go back to the pool, wiped. */
void ipmi_lan_keys_free(struct ipmi_lan_keys *keys)
{
	if (keys->mac)
		mac_put(keys->integ, keys->mac);
	if (keys->aes)
		aes_put(keys->aes);
	memzero_explicit(keys, sizeof(*keys));
}

/* HMAC-MD5-128 and MD5-128, through the session's transform. */
static int authcode_md5(const struct ipmi_lan_keys *keys, const u8 *data,
			unsigned int len, u8 *digest)
{
	SHASH_DESC_ON_STACK(desc, keys->mac);
	int ret;

	desc->tfm = keys->mac;
	if (keys->integ == INTEG_MD5_128) {
		/* MD5(password ‖ data ‖ password): keyed, but not an HMAC. */
		ret = crypto_shash_init(desc) ?:
		      crypto_shash_update(desc, keys->md5_key, KEY_LEN) ?:
		      crypto_shash_update(desc, data, len) ?:
		      crypto_shash_update(desc, keys->md5_key, KEY_LEN) ?:
		      crypto_shash_final(desc, digest);
	} else {
		ret = crypto_shash_digest(desc, data, len, digest);
	}
	shash_desc_zero(desc);
	return ret;
}

/* The integrity AuthCode over data; out gets ipmi_lan_integ_len() bytes. */
int ipmi_lan_authcode(const struct ipmi_lan_keys *keys, const u8 *data,
		      unsigned int len, u8 *out)
{
	u8 digest[MAX_DIGEST_LEN];
	int ret = 0;

	if (integ_lib_hash(keys->integ) >= 0)
		ipmi_lan_hmac(&keys->hmac, data, len, NULL, 0, digest);
	else
		ret = authcode_md5(keys, data, len, digest);
	if (!ret)
		memcpy(out, digest, ipmi_lan_integ_len(keys->integ));
	memzero_explicit(digest, sizeof(digest));
	return ret;
}

static int aes_cbc(const struct ipmi_lan_keys *keys, const u8 *iv, u8 *buf,
		   unsigned int len, bool enc)
{
	SYNC_SKCIPHER_REQUEST_ON_STACK(req, keys->aes);
	struct scatterlist sg;
	u8 ivbuf[AES_BLOCK];
	int ret;

	if (!len || len % AES_BLOCK)
		return -EINVAL;
	memcpy(ivbuf, iv, AES_BLOCK);
	sg_init_one(&sg, buf, len);
	skcipher_request_set_sync_tfm(req, keys->aes);
	skcipher_request_set_callback(req, 0, NULL, NULL);
	skcipher_request_set_crypt(req, &sg, &sg, len, ivbuf);
	ret = enc ? crypto_skcipher_encrypt(req) : crypto_skcipher_decrypt(req);
	skcipher_request_zero(req);
	return ret;
}

/* In place; buf must not be on the stack (it goes into a scatterlist). */
int ipmi_lan_encrypt(const struct ipmi_lan_keys *keys, const u8 *iv, u8 *buf,
		     unsigned int len)
{
	return aes_cbc(keys, iv, buf, len, true);
}

int ipmi_lan_decrypt(const struct ipmi_lan_keys *keys, const u8 *iv, u8 *buf,
		     unsigned int len)
{
	return aes_cbc(keys, iv, buf, len, false);
}

int ipmi_lan_crypto_init(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(auth_hash); i++) {
		if (!auth_hash[i])
			continue;
		rakp_tfm[i] = crypto_alloc_shash(auth_hash[i], 0, 0);
		if (IS_ERR(rakp_tfm[i])) {
			int ret = PTR_ERR(rakp_tfm[i]);

			rakp_tfm[i] = NULL;
			pr_err("cannot allocate %s: %d\n", auth_hash[i], ret);
			ipmi_lan_crypto_uninit();
			return ret;
		}
	}
	return 0;
}

void ipmi_lan_crypto_uninit(void)
{
	unsigned int i;

	pool_drain();
	for (i = 0; i < ARRAY_SIZE(rakp_tfm); i++) {
		crypto_free_shash(rakp_tfm[i]);
		rakp_tfm[i] = NULL;
	}
}
