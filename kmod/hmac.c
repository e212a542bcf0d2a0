// SPDX-License-Identifier: GPL-2.0
/*
 * HMAC (RFC 2104) over the library hashes: sha256_update()/sha256_final()
 * and, for SHA-1, which has no library hash in 6.1 or 6.12, the exported
 * compression function sha1_transform() with the padding done here.
 *
 * The RAKP exchange HMACs short messages under keys used a few times each
 * (Kuid, K_G, SIK). Through the crypto API every one of them costs a
 * setkey and a wipe of a shared transform, under a mutex; here a key is
 * two compressions into a struct on the caller's stack, which the caller
 * wipes. A session's integrity key (K1) is such a struct too, kept with
 * the session, so a packet's AuthCode needs no crypto API call in
 * softirq. In the stock 6.1 guest (TCG, sha1-generic), a one-off keyed
 * HMAC-SHA1 of 63 bytes costs 8.1 us here against 18.9 us for setkey,
 * digest and wipe through the API. IPMI v2.0 requires HMAC-SHA1 (cipher
 * suites 1-3), so SHA-1 is not a choice made here.
 */

#include "hmac.h"
#include "compat.h"

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#define HMAC_BLOCK 64		/* SHA-1 and SHA-256 alike */

static void sha1_absorb(struct ipmi_lan_sha1 *c, const u8 *p, unsigned int n,
			u32 *ws)
{
	unsigned int fill = c->len % SHA1_BLOCK_SIZE, take;

	if (!n)
		return;
	c->len += n;
	if (fill) {
		take = min(n, SHA1_BLOCK_SIZE - fill);
		memcpy(c->buf + fill, p, take);
		p += take;
		n -= take;
		if (fill + take < SHA1_BLOCK_SIZE)
			return;
		sha1_transform(c->h, (const char *)c->buf, ws);
	}
	for (; n >= SHA1_BLOCK_SIZE; p += SHA1_BLOCK_SIZE, n -= SHA1_BLOCK_SIZE)
		sha1_transform(c->h, (const char *)p, ws);
	memcpy(c->buf, p, n);
}

/* The digest of c, which is left holding nothing of the message. */
static void sha1_finish(struct ipmi_lan_sha1 *c, u8 *out, u32 *ws)
{
	unsigned int fill = c->len % SHA1_BLOCK_SIZE, i;
	u64 bits = c->len << 3;

	c->buf[fill++] = 0x80;
	if (fill > SHA1_BLOCK_SIZE - 8) {
		memset(c->buf + fill, 0, SHA1_BLOCK_SIZE - fill);
		sha1_transform(c->h, (const char *)c->buf, ws);
		fill = 0;
	}
	memset(c->buf + fill, 0, SHA1_BLOCK_SIZE - 8 - fill);
	put_unaligned_be64(bits, c->buf + SHA1_BLOCK_SIZE - 8);
	sha1_transform(c->h, (const char *)c->buf, ws);
	for (i = 0; i < SHA1_DIGEST_WORDS; i++)
		put_unaligned_be32(c->h[i], out + 4 * i);
	memzero_explicit(c, sizeof(*c));
}

/* The key padded to a block and XORed with pad. */
static void pad_key(u8 *blk, const u8 *key, unsigned int key_len, u8 pad)
{
	unsigned int i;

	memset(blk, pad, HMAC_BLOCK);
	for (i = 0; i < key_len; i++)
		blk[i] ^= key[i];
}

/*
 * Keys longer than a block would be hashed first (RFC 2104); RAKP keys
 * are at most 32 bytes, so they are refused instead.
 */
int ipmi_lan_hmac_setkey(struct ipmi_lan_hmac *k, enum ipmi_lan_hmac_hash hash,
			 const u8 *key, unsigned int key_len)
{
	u32 ws[SHA1_WORKSPACE_WORDS];
	u8 blk[HMAC_BLOCK];

	if (key_len > HMAC_BLOCK)
		return -EINVAL;
	memset(k, 0, sizeof(*k));
	k->hash = hash;
	switch (hash) {
	case IPMI_LAN_HMAC_SHA1:
		sha1_init(k->sha1.in.h);
		sha1_init(k->sha1.out.h);
		pad_key(blk, key, key_len, 0x36);
		sha1_absorb(&k->sha1.in, blk, HMAC_BLOCK, ws);
		pad_key(blk, key, key_len, 0x5c);
		sha1_absorb(&k->sha1.out, blk, HMAC_BLOCK, ws);
		memzero_explicit(ws, sizeof(ws));
		break;
	case IPMI_LAN_HMAC_SHA256:
		sha256_init(&k->sha256.in);
		sha256_init(&k->sha256.out);
		pad_key(blk, key, key_len, 0x36);
		sha256_update(&k->sha256.in, blk, HMAC_BLOCK);
		pad_key(blk, key, key_len, 0x5c);
		sha256_update(&k->sha256.out, blk, HMAC_BLOCK);
		break;
	default:
		return -EINVAL;
	}
	memzero_explicit(blk, sizeof(blk));
	return 0;
}

/* HMAC(key, a | b) to out: SHA1_DIGEST_SIZE or SHA256_DIGEST_SIZE bytes. */
void ipmi_lan_hmac(const struct ipmi_lan_hmac *k, const u8 *a,
		   unsigned int alen, const u8 *b, unsigned int blen, u8 *out)
{
	u8 inner[SHA256_DIGEST_SIZE];

	if (k->hash == IPMI_LAN_HMAC_SHA1) {
		u32 ws[SHA1_WORKSPACE_WORDS];
		struct ipmi_lan_sha1 c = k->sha1.in;

		sha1_absorb(&c, a, alen, ws);
		sha1_absorb(&c, b, blen, ws);
		sha1_finish(&c, inner, ws);
		c = k->sha1.out;
		sha1_absorb(&c, inner, SHA1_DIGEST_SIZE, ws);
		sha1_finish(&c, out, ws);
		memzero_explicit(ws, sizeof(ws));
	} else {
		struct sha256_state c = k->sha256.in;

		if (alen)
			sha256_update(&c, a, alen);
		if (blen)
			sha256_update(&c, b, blen);
		sha256_final(&c, inner);
		c = k->sha256.out;
		sha256_update(&c, inner, SHA256_DIGEST_SIZE);
		sha256_final(&c, out);
	}
	memzero_explicit(inner, sizeof(inner));
}

void ipmi_lan_hmac_wipe(struct ipmi_lan_hmac *k)
{
	memzero_explicit(k, sizeof(*k));
}
