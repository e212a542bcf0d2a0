/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The RMCP+ cipher suites and their algorithms: the RAKP key-exchange
 * HMACs and the integrity AuthCode (HMAC-SHA1 and HMAC-SHA256 on the
 * library hashes, hmac.c; the MD5 ones through the crypto API), and
 * AES-CBC-128 through the crypto API.
 */

#ifndef _IPMI_LAN_CRYPTO_H
#define _IPMI_LAN_CRYPTO_H

#include "hmac.h"

#include <linux/types.h>

struct crypto_shash;
struct crypto_sync_skcipher;

enum ipmi_lan_auth_alg {
	AUTH_RAKP_NONE = 0,
	AUTH_RAKP_HMAC_SHA1 = 1,
	AUTH_RAKP_HMAC_MD5 = 2,
	AUTH_RAKP_HMAC_SHA256 = 3,
};

enum ipmi_lan_integ_alg {
	INTEG_NONE = 0,
	INTEG_HMAC_SHA1_96 = 1,
	INTEG_HMAC_MD5_128 = 2,
	INTEG_MD5_128 = 3,
	INTEG_HMAC_SHA256_128 = 4,
};

enum ipmi_lan_conf_alg {
	CONF_NONE = 0,
	CONF_AES_CBC_128 = 1,
};

enum crypto_limits {
	KEY_LEN = 20,			/* Kuid, K_G */
	MAX_DIGEST_LEN = 32,		/* SHA-256 */
	MAX_AUTHCODE_LEN = 16,		/* integrity AuthCode */
	AES_BLOCK = 16,
	RAND_LEN = 16,			/* Rm, Rc */
	GUID_LEN = 16,
};

struct ipmi_lan_suite {
	u8 id;
	u8 auth;
	u8 integ;
	u8 conf;
};

const struct ipmi_lan_suite *ipmi_lan_suite_by_id(unsigned int id);
const struct ipmi_lan_suite *ipmi_lan_suite_choose(u32 enabled, const u8 *alg,
						   const bool *any);
unsigned int ipmi_lan_auth_digest_len(u8 auth);
unsigned int ipmi_lan_auth_icv_len(u8 auth);
unsigned int ipmi_lan_integ_len(u8 integ);

/*
 * The inputs of the RAKP exchange. m is the remote console, c the managed
 * system: console_id is SIDm, bmc_id SIDc.
 */
struct ipmi_lan_rakp {
	u8 auth;
	u32 console_id;
	u32 bmc_id;
	const u8 *rm;		/* RAND_LEN */
	const u8 *rc;		/* RAND_LEN */
	const u8 *guid;		/* GUID_LEN */
	u8 role;
	u8 name_len;
	const u8 *name;
	const u8 *kuid;		/* KEY_LEN */
	const u8 *kg;		/* KEY_LEN, or NULL */
};

int ipmi_lan_rakp2_code(const struct ipmi_lan_rakp *r, u8 *out);
int ipmi_lan_rakp3_code(const struct ipmi_lan_rakp *r, u8 *out);
int ipmi_lan_rakp_keys(const struct ipmi_lan_rakp *r, u8 *sik, u8 *k1, u8 *k2,
		       u8 *icv);

/* Per-session integrity and confidentiality state, set up at activation. */
struct ipmi_lan_keys {
	u8 integ;
	u8 conf;
	struct ipmi_lan_hmac hmac;		/* HMAC-SHA1-96, -SHA256-128 */
	struct crypto_shash *mac;		/* keyed HMAC-MD5, or md5 */
	struct crypto_sync_skcipher *aes;	/* keyed cbc(aes) */
	u8 md5_key[KEY_LEN];			/* MD5-128: the password */
};

int ipmi_lan_keys_setup(struct ipmi_lan_keys *keys,
			const struct ipmi_lan_suite *suite, const u8 *k1,
			unsigned int k1_len, const u8 *k2, const u8 *password);
void ipmi_lan_keys_free(struct ipmi_lan_keys *keys);

int ipmi_lan_authcode(const struct ipmi_lan_keys *keys, const u8 *data,
		      unsigned int len, u8 *out);
int ipmi_lan_encrypt(const struct ipmi_lan_keys *keys, const u8 *iv, u8 *buf,
		     unsigned int len);
int ipmi_lan_decrypt(const struct ipmi_lan_keys *keys, const u8 *iv, u8 *buf,
		     unsigned int len);

int ipmi_lan_crypto_init(void);
void ipmi_lan_crypto_uninit(void);

#endif /* _IPMI_LAN_CRYPTO_H */
