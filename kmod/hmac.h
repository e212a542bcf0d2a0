/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HMAC-SHA1 and HMAC-SHA256 on the kernel's library hashes, for the RAKP
 * exchange and the integrity AuthCode: no transform to allocate, key or
 * wipe, and no lock.
 */

#ifndef _IPMI_LAN_HMAC_H
#define _IPMI_LAN_HMAC_H

#include <crypto/sha1.h>
#include <crypto/sha2.h>
#include <linux/types.h>

enum ipmi_lan_hmac_hash {
	IPMI_LAN_HMAC_SHA1,
	IPMI_LAN_HMAC_SHA256,
};

/* SHA-1 midway: the chaining value and the bytes hashed so far. */
struct ipmi_lan_sha1 {
	u32 h[SHA1_DIGEST_WORDS];
	u64 len;
	u8 buf[SHA1_BLOCK_SIZE];
};

/* A key: the hash states after its inner and outer padded blocks. */
struct ipmi_lan_hmac {
	enum ipmi_lan_hmac_hash hash;
	union {
		struct {
			struct ipmi_lan_sha1 in, out;
		} sha1;
		struct {
			struct sha256_state in, out;
		} sha256;
	};
};

int ipmi_lan_hmac_setkey(struct ipmi_lan_hmac *k, enum ipmi_lan_hmac_hash hash,
			 const u8 *key, unsigned int key_len);
void ipmi_lan_hmac(const struct ipmi_lan_hmac *k, const u8 *a,
		   unsigned int alen, const u8 *b, unsigned int blen, u8 *out);
void ipmi_lan_hmac_wipe(struct ipmi_lan_hmac *k);

#endif /* _IPMI_LAN_HMAC_H */
