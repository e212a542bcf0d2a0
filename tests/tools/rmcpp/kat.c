// SPDX-License-Identifier: GPL-2.0
/*
 * Checks rmcpp-client's key exchange and packet crypto against the vectors
 * from gen-vectors.py (Python hmac/hashlib and openssl enc).
 */
#include "rmcpp.h"

#include <stdio.h>
#include <string.h>

#include "vectors.h"

static int failures;

static void check(const char *what, const u8 *got, int got_len,
		  const u8 *want, size_t want_len)
{
	if (got_len != (int)want_len || memcmp(got, want, want_len)) {
		printf("FAIL %s\n", what);
		failures++;
	} else {
		printf("ok %s\n", what);
	}
}

#define CHECK(what, got, len, want) check(what, got, len, want, sizeof(want))

static void kex_init(struct rmcpp_kex *k, u8 auth, bool kg)
{
	memset(k, 0, sizeof(*k));
	k->auth = auth;
	memcpy(k->kuid, vec_kuid, sizeof(vec_kuid));
	if (kg) {
		memcpy(k->kg, vec_kg, sizeof(vec_kg));
		k->have_kg = true;
	}
	memcpy(k->sidm, vec_sidm, 4);
	memcpy(k->sidc, vec_sidc, 4);
	memcpy(k->rm, vec_rm, 16);
	memcpy(k->rc, vec_rc, 16);
	memcpy(k->guidc, vec_guid, 16);
	k->role = vec_role;
	k->ulen = sizeof(vec_uname);
	memcpy(k->uname, vec_uname, sizeof(vec_uname));
}

#define KEX_CHECKS(name, auth)						\
	do {								\
		struct rmcpp_kex k;					\
		u8 sik[32], out[32];					\
		int n;							\
									\
		kex_init(&k, auth, false);				\
		n = rmcpp_rakp2_code(&k, out);				\
		CHECK(#name " rakp2", out, n, vec_##name##_rakp2);	\
		n = rmcpp_rakp3_code(&k, out);				\
		CHECK(#name " rakp3", out, n, vec_##name##_rakp3);	\
		n = rmcpp_sik(&k, sik);					\
		CHECK(#name " sik", sik, n, vec_##name##_sik);		\
		n = rmcpp_kn(auth, sik, 1, out);			\
		CHECK(#name " k1", out, n, vec_##name##_k1);		\
		n = rmcpp_kn(auth, sik, 2, out);			\
		CHECK(#name " k2", out, n, vec_##name##_k2);		\
		n = rmcpp_rakp4_icv(&k, sik, out);			\
		CHECK(#name " rakp4", out, n, vec_##name##_rakp4);	\
		kex_init(&k, auth, true);				\
		n = rmcpp_sik(&k, sik);					\
		CHECK(#name " kg sik", sik, n, vec_##name##_kg_sik);	\
		n = rmcpp_kn(auth, sik, 1, out);			\
		CHECK(#name " kg k1", out, n, vec_##name##_kg_k1);	\
		n = rmcpp_kn(auth, sik, 2, out);			\
		CHECK(#name " kg k2", out, n, vec_##name##_kg_k2);	\
		n = rmcpp_rakp4_icv(&k, sik, out);			\
		CHECK(#name " kg rakp4", out, n, vec_##name##_kg_rakp4); \
	} while (0)

int main(void)
{
	u8 out[256];
	int n;

	KEX_CHECKS(sha1, AUTH_RAKP_HMAC_SHA1);
	KEX_CHECKS(md5, AUTH_RAKP_HMAC_MD5);
	KEX_CHECKS(sha256, AUTH_RAKP_HMAC_SHA256);

	n = rmcpp_integ_code(INTEG_HMAC_SHA1_96, vec_sha1_k1, 20, vec_kuid,
			     vec_integ_packet, sizeof(vec_integ_packet), out);
	CHECK("hmac-sha1-96", out, n, vec_integ_hmac_sha1_96);
	n = rmcpp_integ_code(INTEG_HMAC_MD5_128, vec_md5_k1, 16, vec_kuid,
			     vec_integ_packet, sizeof(vec_integ_packet), out);
	CHECK("hmac-md5-128", out, n, vec_integ_hmac_md5_128);
	n = rmcpp_integ_code(INTEG_MD5_128, NULL, 0, vec_kuid,
			     vec_integ_packet, sizeof(vec_integ_packet), out);
	CHECK("md5-128", out, n, vec_integ_md5_128);
	n = rmcpp_integ_code(INTEG_HMAC_SHA256_128, vec_sha256_k1, 32,
			     vec_kuid, vec_integ_packet,
			     sizeof(vec_integ_packet), out);
	CHECK("hmac-sha256-128", out, n, vec_integ_hmac_sha256_128);

	n = rmcpp_aes_seal(vec_sha1_k2, vec_aes_iv, vec_aes_plain7,
			   sizeof(vec_aes_plain7), out, sizeof(out));
	CHECK("aes seal 7", out, n, vec_aes_sha1_conf7);
	n = rmcpp_aes_open(vec_sha1_k2, vec_aes_sha1_conf7,
			   sizeof(vec_aes_sha1_conf7), out, sizeof(out));
	CHECK("aes open 7", out, n, vec_aes_plain7);
	n = rmcpp_aes_seal(vec_sha256_k2, vec_aes_iv, vec_aes_plain15,
			   sizeof(vec_aes_plain15), out, sizeof(out));
	CHECK("aes seal 15", out, n, vec_aes_sha256_conf15);
	n = rmcpp_aes_open(vec_sha256_k2, vec_aes_sha256_conf15,
			   sizeof(vec_aes_sha256_conf15), out, sizeof(out));
	CHECK("aes open 15", out, n, vec_aes_plain15);

	printf("%s: %d failure(s)\n", failures ? "FAIL" : "PASS", failures);
	return failures ? 1 : 0;
}
