// SPDX-License-Identifier: GPL-2.0
/*
 * rmcpp-client: RMCP+ wire formats, RAKP key exchange and packet helpers.
 *
 * Byte layouts follow IPMI v2.0 section 13 and were cross-checked with
 * ipmitool (src/plugins/lanplus/lanplus.c, lanplus_crypt.c) and FreeIPMI
 * (libfreeipmi/util/ipmi-rmcpplus-util.c, interface/ipmi-rmcpplus-interface.c).
 */
#include "rmcpp.h"

#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

static const struct rmcpp_suite suites[] = {
	{ 0, AUTH_NONE, INTEG_NONE, CONF_NONE },
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

const struct rmcpp_suite *rmcpp_suite_find(int id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(suites); i++)
		if (suites[i].id == id)
			return &suites[i];
	return NULL;
}

static const char *const priv_names[] = {
	[PRIV_CALLBACK] = "callback",
	[PRIV_USER] = "user",
	[PRIV_OPERATOR] = "operator",
	[PRIV_ADMIN] = "administrator",
	[PRIV_OEM] = "oem",
};

const char *rmcpp_priv_name(int priv)
{
	if (priv >= PRIV_CALLBACK && priv <= PRIV_OEM)
		return priv_names[priv];
	return "unknown";
}

int rmcpp_priv_parse(const char *name)
{
	int i;

	for (i = PRIV_CALLBACK; i <= PRIV_OEM; i++)
		if (!strcasecmp(name, priv_names[i]))
			return i;
	if (!strcasecmp(name, "admin"))
		return PRIV_ADMIN;
	return -1;
}

/* ---- crypto ---------------------------------------------------------- */

static const EVP_MD *auth_md(u8 auth)
{
	switch (auth) {
	case AUTH_RAKP_HMAC_SHA1:
		return EVP_sha1();
	case AUTH_RAKP_HMAC_MD5:
		return EVP_md5();
	case AUTH_RAKP_HMAC_SHA256:
		return EVP_sha256();
	}
	return NULL;
}

size_t rmcpp_auth_len(u8 auth)
{
	switch (auth) {
	case AUTH_RAKP_HMAC_SHA1:
		return 20;
	case AUTH_RAKP_HMAC_MD5:
		return 16;
	case AUTH_RAKP_HMAC_SHA256:
		return 32;
	}
	return 0;
}

size_t rmcpp_icv_len(u8 auth)
{
	switch (auth) {
	case AUTH_RAKP_HMAC_SHA1:
		return 12;
	case AUTH_RAKP_HMAC_MD5:
	case AUTH_RAKP_HMAC_SHA256:
		return 16;
	}
	return 0;
}

size_t rmcpp_integ_len(u8 integ)
{
	switch (integ) {
	case INTEG_HMAC_SHA1_96:
		return 12;
	case INTEG_HMAC_MD5_128:
	case INTEG_MD5_128:
	case INTEG_HMAC_SHA256_128:
		return 16;
	}
	return 0;
}

static int hmac(const EVP_MD *md, const u8 *key, size_t klen, const u8 *data,
		size_t len, u8 *out)
{
	unsigned int olen = 0;

	if (!md || !HMAC(md, key, (int)klen, data, len, out, &olen))
		return -1;
	return (int)olen;
}

int rmcpp_rakp2_code(const struct rmcpp_kex *k, u8 *out)
{
	u8 buf[58 + RMCPP_USER_MAX];

	memcpy(buf, k->sidm, 4);
	memcpy(buf + 4, k->sidc, 4);
	memcpy(buf + 8, k->rm, 16);
	memcpy(buf + 24, k->rc, 16);
	memcpy(buf + 40, k->guidc, 16);
	buf[56] = k->role;
	buf[57] = k->ulen;
	memcpy(buf + 58, k->uname, k->ulen);
	return hmac(auth_md(k->auth), k->kuid, sizeof(k->kuid), buf,
		    58 + k->ulen, out);
}

int rmcpp_rakp3_code(const struct rmcpp_kex *k, u8 *out)
{
	u8 buf[22 + RMCPP_USER_MAX];

	memcpy(buf, k->rc, 16);
	memcpy(buf + 16, k->sidm, 4);
	buf[20] = k->role;
	buf[21] = k->ulen;
	memcpy(buf + 22, k->uname, k->ulen);
	return hmac(auth_md(k->auth), k->kuid, sizeof(k->kuid), buf,
		    22 + k->ulen, out);
}

int rmcpp_sik(const struct rmcpp_kex *k, u8 *out)
{
	u8 buf[34 + RMCPP_USER_MAX];

	memcpy(buf, k->rm, 16);
	memcpy(buf + 16, k->rc, 16);
	buf[32] = k->role;
	buf[33] = k->ulen;
	memcpy(buf + 34, k->uname, k->ulen);
	return hmac(auth_md(k->auth), k->have_kg ? k->kg : k->kuid,
		    RMCPP_PASSWORD_LEN, buf, 34 + k->ulen, out);
}

/* K1/K2: HMAC(SIK, 20 x constant), 20 bytes for every algorithm. */
int rmcpp_kn(u8 auth, const u8 *sik, u8 constant, u8 *out)
{
	u8 c[20];

	memset(c, constant, sizeof(c));
	return hmac(auth_md(auth), sik, rmcpp_auth_len(auth), c, sizeof(c),
		    out);
}

int rmcpp_rakp4_icv(const struct rmcpp_kex *k, const u8 *sik, u8 *out)
{
	u8 buf[36], mac[EVP_MAX_MD_SIZE];

	memcpy(buf, k->rm, 16);
	memcpy(buf + 16, k->sidc, 4);
	memcpy(buf + 20, k->guidc, 16);
	if (hmac(auth_md(k->auth), sik, rmcpp_auth_len(k->auth), buf,
		 sizeof(buf), mac) < 0)
		return -1;
	memcpy(out, mac, rmcpp_icv_len(k->auth));
	return (int)rmcpp_icv_len(k->auth);
}

int rmcpp_integ_code(u8 integ, const u8 *k1, size_t k1_len, const u8 *kuid,
		     const u8 *data, size_t len, u8 *out)
{
	u8 mac[EVP_MAX_MD_SIZE];
	unsigned int mlen;
	EVP_MD_CTX *ctx;
	int ok;

	switch (integ) {
	case INTEG_HMAC_SHA1_96:
		if (hmac(EVP_sha1(), k1, k1_len, data, len, mac) < 0)
			return -1;
		break;
	case INTEG_HMAC_MD5_128:
		if (hmac(EVP_md5(), k1, k1_len, data, len, mac) < 0)
			return -1;
		break;
	case INTEG_HMAC_SHA256_128:
		if (hmac(EVP_sha256(), k1, k1_len, data, len, mac) < 0)
			return -1;
		break;
	case INTEG_MD5_128:
		/* MD5(password || data || password), password zero-padded */
		ctx = EVP_MD_CTX_new();
		if (!ctx)
			return -1;
		ok = EVP_DigestInit_ex(ctx, EVP_md5(), NULL) &&
		     EVP_DigestUpdate(ctx, kuid, RMCPP_PASSWORD_LEN) &&
		     EVP_DigestUpdate(ctx, data, len) &&
		     EVP_DigestUpdate(ctx, kuid, RMCPP_PASSWORD_LEN) &&
		     EVP_DigestFinal_ex(ctx, mac, &mlen);
		EVP_MD_CTX_free(ctx);
		if (!ok)
			return -1;
		break;
	default:
		return -1;
	}
	memcpy(out, mac, rmcpp_integ_len(integ));
	return (int)rmcpp_integ_len(integ);
}

static int aes_cbc(bool enc, const u8 *key, const u8 *iv, const u8 *in,
		   size_t len, u8 *out)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n1 = 0, n2 = 0, ok;

	if (!ctx)
		return -1;
	ok = EVP_CipherInit_ex(ctx, EVP_aes_128_cbc(), NULL, key, iv, enc) &&
	     EVP_CIPHER_CTX_set_padding(ctx, 0) &&
	     EVP_CipherUpdate(ctx, out, &n1, in, (int)len) &&
	     EVP_CipherFinal_ex(ctx, out + n1, &n2);
	EVP_CIPHER_CTX_free(ctx);
	return ok ? n1 + n2 : -1;
}

int rmcpp_aes_seal(const u8 *k2, const u8 *iv, const u8 *in, size_t len,
		   u8 *out, size_t out_size)
{
	u8 plain[RMCPP_DGRAM_MAX];
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
	n = aes_cbc(true, k2, iv, plain, total, out + AES_BLOCK);
	OPENSSL_cleanse(plain, sizeof(plain));
	return n < 0 ? -1 : AES_BLOCK + n;
}

int rmcpp_aes_open(const u8 *k2, const u8 *in, size_t len, u8 *out,
		   size_t out_size)
{
	size_t clen, pad, i;

	if (len < 2 * AES_BLOCK || (len - AES_BLOCK) % AES_BLOCK)
		return -1;
	clen = len - AES_BLOCK;
	if (clen > out_size)
		return -1;
	if (aes_cbc(false, k2, in, in + AES_BLOCK, clen, out) != (int)clen)
		return -1;
	pad = out[clen - 1];
	if (pad >= AES_BLOCK || pad + 1 > clen)
		return -1;
	for (i = 0; i < pad; i++)
		if (out[clen - 1 - pad + i] != i + 1)
			return -1;
	return (int)(clen - 1 - pad);
}

/* ---- IPMI messages --------------------------------------------------- */

u8 ipmi_cks(const u8 *p, size_t len)
{
	u8 sum = 0;

	while (len--)
		sum += *p++;
	return (u8)-sum;
}

size_t ipmi_build_req(u8 *out, u8 netfn, u8 cmd, u8 rq_seq, const u8 *data,
		      size_t len)
{
	out[0] = BMC_SA;
	out[1] = (u8)(netfn << 2);
	out[2] = ipmi_cks(out, 2);
	out[3] = REMOTE_SWID;
	out[4] = (u8)(rq_seq << 2);
	out[5] = cmd;
	if (len)
		memcpy(out + 6, data, len);
	out[6 + len] = ipmi_cks(out + 3, 3 + len);
	return 7 + len;
}

int ipmi_parse_rsp(const u8 *p, size_t len, struct ipmi_rsp *rsp)
{
	if (len < 8)
		return -1;
	if (ipmi_cks(p, 2) != p[2] || ipmi_cks(p + 3, len - 4) != p[len - 1])
		return -1;
	rsp->rq_sa = p[0];
	rsp->rs_sa = p[3];
	rsp->netfn = p[1] >> 2;
	rsp->rq_seq = p[4] >> 2;
	rsp->cmd = p[5];
	rsp->cc = p[6];
	rsp->data = p + 7;
	rsp->len = len - 8;
	return 0;
}

/* ---- transport ------------------------------------------------------- */

long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void rmcpp_hexdump(const char *what, const u8 *p, size_t len)
{
	size_t i;

	fprintf(stderr, "%s (%zu):", what, len);
	for (i = 0; i < len; i++)
		fprintf(stderr, "%s%02x", i % 16 ? " " : "\n  ", p[i]);
	fputc('\n', stderr);
}

int rmcpp_socket_from(const struct rmcpp *s, const char *bind_addr)
{
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM,
				  .ai_flags = AI_PASSIVE }, *bi;
	int fd, err;

	hints.ai_family = s->peer.ss_family;
	err = getaddrinfo(bind_addr, NULL, &hints, &bi);
	if (err) {
		fprintf(stderr, "%s: %s\n", bind_addr, gai_strerror(err));
		return -1;
	}
	fd = socket(s->peer.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("socket");
		freeaddrinfo(bi);
		return -1;
	}
	err = bind(fd, bi->ai_addr, bi->ai_addrlen);
	freeaddrinfo(bi);
	if (err || connect(fd, (const struct sockaddr *)&s->peer, s->peer_len)) {
		perror(bind_addr);
		close(fd);
		return -1;
	}
	return fd;
}

int rmcpp_open_socket(struct rmcpp *s, const char *host, int port,
		      const char *bind_addr)
{
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM }, *ai, *bi;
	char portstr[16];
	int fd, err;

	snprintf(portstr, sizeof(portstr), "%d", port);
	err = getaddrinfo(host, portstr, &hints, &ai);
	if (err) {
		fprintf(stderr, "%s: %s\n", host, gai_strerror(err));
		return -1;
	}
	fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("socket");
		freeaddrinfo(ai);
		return -1;
	}
	if (bind_addr) {
		hints.ai_family = ai->ai_family;
		hints.ai_flags = AI_PASSIVE;
		err = getaddrinfo(bind_addr, NULL, &hints, &bi);
		if (err) {
			fprintf(stderr, "%s: %s\n", bind_addr, gai_strerror(err));
			goto fail;
		}
		err = bind(fd, bi->ai_addr, bi->ai_addrlen);
		freeaddrinfo(bi);
		if (err) {
			perror("bind");
			goto fail;
		}
	}
	if (connect(fd, ai->ai_addr, ai->ai_addrlen)) {
		perror("connect");
		goto fail;
	}
	memcpy(&s->peer, ai->ai_addr, ai->ai_addrlen);
	s->peer_len = ai->ai_addrlen;
	s->fd = fd;
	freeaddrinfo(ai);
	return 0;
fail:
	close(fd);
	freeaddrinfo(ai);
	return -1;
}

int rmcpp_send_raw(struct rmcpp *s, const u8 *p, size_t len)
{
	if (s->verbose)
		rmcpp_hexdump(">> send", p, len);
	if (len <= sizeof(s->last)) {
		memcpy(s->last, p, len);
		s->last_len = len;
	}
	if (send(s->fd, p, len, 0) != (ssize_t)len) {
		if (s->verbose)
			perror("send");
		return -1;
	}
	return 0;
}

int rmcpp_recv_raw(struct rmcpp *s, u8 *buf, size_t size, long long deadline)
{
	struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
	int tries, left, n;

	/* bounded: one datagram per call, a few retries for ICMP errors */
	for (tries = 0; tries < 64; tries++) {
		left = (int)(deadline - now_ms());
		if (left <= 0)
			return 0;
		n = poll(&pfd, 1, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n;
		n = (int)recv(s->fd, buf, size, 0);
		if (n < 0) {
			if (errno == ECONNREFUSED || errno == EINTR)
				continue;
			return -1;
		}
		if (s->verbose)
			rmcpp_hexdump("<< recv", buf, n);
		return n;
	}
	return 0;
}

int rmcpp_send_v15(struct rmcpp *s, const u8 *msg, size_t len)
{
	u8 buf[RMCPP_DGRAM_MAX];

	if (len > 255 || 14 + len > sizeof(buf))
		return -1;
	buf[0] = RMCP_VERSION;
	buf[1] = 0;
	buf[2] = RMCP_SEQ_NOACK;
	buf[3] = RMCP_CLASS_IPMI;
	buf[4] = AUTHTYPE_NONE;
	put32(buf + 5, 0);	/* session sequence */
	put32(buf + 9, 0);	/* session id */
	buf[13] = (u8)len;
	memcpy(buf + 14, msg, len);
	return rmcpp_send_raw(s, buf, 14 + len);
}

int rmcpp_send_v2(struct rmcpp *s, const struct rmcpp_out *o,
		  const u8 *payload, size_t len)
{
	const struct rmcpp_suite *su = s->suite;
	u8 buf[RMCPP_DGRAM_MAX], iv[AES_BLOCK];
	size_t n, plen, ilen, pad;
	int r;

	buf[0] = RMCP_VERSION;
	buf[1] = 0;
	buf[2] = RMCP_SEQ_NOACK;
	buf[3] = RMCP_CLASS_IPMI;
	buf[4] = AUTHTYPE_RMCPP;
	buf[5] = o->ptype & PT_TYPE_MASK;
	if (o->encrypt)
		buf[5] |= PT_ENCRYPTED;
	if (o->auth)
		buf[5] |= PT_AUTHENTICATED;
	put32(buf + 6, o->sid);
	put32(buf + 10, o->seq);

	if (o->encrypt) {
		if (su->conf != CONF_AES_CBC_128)
			return -1;
		if (RAND_bytes(iv, sizeof(iv)) != 1)
			return -1;
		r = rmcpp_aes_seal(s->k2, iv, payload, len, buf + 16,
				   sizeof(buf) - 16 - 64);
		if (r < 0)
			return -1;
		plen = (size_t)r;
	} else {
		if (len > sizeof(buf) - 16 - 64)
			return -1;
		memcpy(buf + 16, payload, len);
		plen = len;
	}
	buf[14] = (u8)plen;
	buf[15] = (u8)(plen >> 8);
	n = 16 + plen;

	if (o->auth) {
		ilen = rmcpp_integ_len(su->integ);
		if (!ilen)
			return -1;
		/* authtype .. next header must be a multiple of 4 */
		pad = (4 - (n - 4 + 2) % 4) % 4;
		memset(buf + n, 0xff, pad);
		n += pad;
		buf[n++] = (u8)pad;
		buf[n++] = RMCP_CLASS_IPMI;	/* next header */
		if (o->bad_mac) {
			if (RAND_bytes(buf + n, (int)ilen) != 1)
				return -1;
		} else if (rmcpp_integ_code(su->integ, s->k1,
					    rmcpp_auth_len(su->auth),
					    s->kex.kuid, buf + 4, n - 4,
					    buf + n) < 0) {
			return -1;
		}
		n += ilen;
	}
	return rmcpp_send_raw(s, buf, n);
}

int rmcpp_parse_v2(struct rmcpp *s, const u8 *p, size_t len,
		   struct rmcpp_in *in)
{
	const struct rmcpp_suite *su = s->suite;
	u8 mac[EVP_MAX_MD_SIZE];
	size_t plen, ilen, tail, pad;
	int r;

	if (len < 16 || p[0] != RMCP_VERSION || p[3] != RMCP_CLASS_IPMI ||
	    p[4] != AUTHTYPE_RMCPP)
		return -1;
	in->ptype = p[5];
	in->sid = get32(p + 6);
	in->seq = get32(p + 10);
	plen = p[14] | p[15] << 8;
	if (16 + plen > len)
		return -1;
	in->mac_ok = false;

	if (in->ptype & PT_AUTHENTICATED) {
		ilen = rmcpp_integ_len(su->integ);
		tail = len - 16 - plen;
		if (!ilen || tail < 2 + ilen)
			return -1;
		pad = p[len - ilen - 2];
		if (p[len - ilen - 1] != RMCP_CLASS_IPMI ||
		    pad != tail - 2 - ilen || (len - ilen - 4) % 4) {
			if (s->verbose)
				fprintf(stderr, "bad integrity pad/trailer\n");
			return -1;
		}
		if (rmcpp_integ_code(su->integ, s->k1, rmcpp_auth_len(su->auth),
				     s->kex.kuid, p + 4, len - ilen - 4,
				     mac) < 0)
			return -1;
		if (CRYPTO_memcmp(mac, p + len - ilen, ilen)) {
			if (s->verbose)
				fprintf(stderr, "reply AuthCode mismatch\n");
			return -1;
		}
		in->mac_ok = true;
	} else if (len != 16 + plen) {
		return -1;
	}

	if (in->ptype & PT_ENCRYPTED) {
		if (su->conf != CONF_AES_CBC_128)
			return -1;
		r = rmcpp_aes_open(s->k2, p + 16, plen, in->payload,
				   sizeof(in->payload));
		if (r < 0) {
			if (s->verbose)
				fprintf(stderr, "reply decryption failed\n");
			return -1;
		}
		in->len = (size_t)r;
		if (s->verbose)
			rmcpp_hexdump("<< decrypted", in->payload, in->len);
	} else {
		memcpy(in->payload, p + 16, plen);
		in->len = plen;
	}
	return 0;
}

/* ---- requests -------------------------------------------------------- */

u32 rmcpp_next_seq(struct rmcpp *s)
{
	u32 v = s->out_seq;

	if (++s->out_seq == 0)
		s->out_seq = 1;
	return v;
}

int rmcpp_send_ipmi(struct rmcpp *s, const struct rmcpp_out *o, u8 netfn,
		    u8 cmd, const u8 *data, size_t len)
{
	u8 msg[RMCPP_DGRAM_MAX];
	size_t n;

	if (len > 255)
		return -1;
	n = ipmi_build_req(msg, netfn, cmd, s->rq_seq, data, len);
	if (s->verbose)
		rmcpp_hexdump(">> ipmi", msg, n);
	return rmcpp_send_v2(s, o, msg, n);
}

/*
 * Wait for the reply to (netfn, cmd, rq_seq); @v2 replies only. In-session
 * packets of other payload types go to @other if set.
 */
static int wait_ipmi(struct rmcpp *s, bool in_session, u8 netfn, u8 cmd,
		     u8 rq_seq, struct ipmi_rsp *rsp, u8 *rbuf,
		     rmcpp_other_fn other, void *arg)
{
	long long deadline = now_ms() + s->timeout_ms;
	static struct rmcpp_in in;
	u8 buf[RMCPP_DGRAM_MAX];
	const u8 *msg;
	size_t mlen;
	int n, tries;

	for (tries = 0; tries < 256; tries++) {
		n = rmcpp_recv_raw(s, buf, sizeof(buf), deadline);
		if (n <= 0)
			return -1;
		if (n >= 14 && buf[4] == AUTHTYPE_NONE && !in_session) {
			mlen = buf[13];
			if (14 + mlen > (size_t)n)
				continue;
			msg = buf + 14;
		} else {
			if (rmcpp_parse_v2(s, buf, n, &in))
				continue;
			if ((in.ptype & PT_TYPE_MASK) != PT_IPMI) {
				if (other && in_session &&
				    in.sid == s->console_sid)
					other(s, &in, arg);
				continue;
			}
			if (in_session) {
				if (in.sid != s->console_sid)
					continue;
				if ((s->suite->integ && !in.mac_ok) ||
				    (s->suite->conf &&
				     !(in.ptype & PT_ENCRYPTED))) {
					fprintf(stderr,
						"reply lacks the suite's integrity/confidentiality\n");
					return -2;
				}
			} else if (in.sid != 0) {
				continue;
			}
			msg = in.payload;
			mlen = in.len;
		}
		memcpy(rbuf, msg, mlen);
		if (ipmi_parse_rsp(rbuf, mlen, rsp))
			continue;
		if (rsp->netfn != (netfn | 1) || rsp->cmd != cmd ||
		    rsp->rq_seq != rq_seq)
			continue;
		return 0;
	}
	return -1;
}

int rmcpp_request(struct rmcpp *s, u8 netfn, u8 cmd, const u8 *data,
		  size_t len, struct ipmi_rsp *rsp, u8 *rbuf)
{
	return rmcpp_request_cb(s, netfn, cmd, data, len, rsp, rbuf, NULL,
				NULL);
}

int rmcpp_request_cb(struct rmcpp *s, u8 netfn, u8 cmd, const u8 *data,
		     size_t len, struct ipmi_rsp *rsp, u8 *rbuf,
		     rmcpp_other_fn other, void *arg)
{
	struct rmcpp_out o = {
		.ptype = PT_IPMI,
		.auth = s->suite->integ != INTEG_NONE,
		.encrypt = s->suite->conf != CONF_NONE,
		.sid = s->bmc_sid,
	};
	u8 rq_seq;

	o.seq = rmcpp_next_seq(s);
	s->rq_seq = (s->rq_seq + 1) & 0x3f;
	rq_seq = s->rq_seq;
	if (rmcpp_send_ipmi(s, &o, netfn, cmd, data, len))
		return -2;
	return wait_ipmi(s, true, netfn, cmd, rq_seq, rsp, rbuf, other, arg);
}

int rmcpp_wait_response(struct rmcpp *s, u8 netfn, u8 cmd, u8 rq_seq,
			struct ipmi_rsp *rsp, u8 *rbuf)
{
	return wait_ipmi(s, true, netfn, cmd, rq_seq, rsp, rbuf, NULL, NULL);
}

int rmcpp_request_nosess(struct rmcpp *s, bool v15, u8 netfn, u8 cmd,
			 const u8 *data, size_t len, struct ipmi_rsp *rsp,
			 u8 *rbuf)
{
	struct rmcpp_out o = { .ptype = PT_IPMI };
	u8 msg[RMCPP_DGRAM_MAX];
	size_t n;
	int r;

	s->rq_seq = (s->rq_seq + 1) & 0x3f;
	if (v15) {
		n = ipmi_build_req(msg, netfn, cmd, s->rq_seq, data, len);
		r = rmcpp_send_v15(s, msg, n);
	} else {
		r = rmcpp_send_ipmi(s, &o, netfn, cmd, data, len);
	}
	if (r)
		return -2;
	return wait_ipmi(s, false, netfn, cmd, s->rq_seq, rsp, rbuf, NULL,
			 NULL);
}

/* ---- handshake ------------------------------------------------------- */

/* Wait for an RMCP+ session-setup payload of @type with message @tag. */
static int wait_setup(struct rmcpp *s, u8 type, struct rmcpp_in *in)
{
	long long deadline = now_ms() + s->timeout_ms;
	u8 buf[RMCPP_DGRAM_MAX];
	int n, tries;

	for (tries = 0; tries < 256; tries++) {
		n = rmcpp_recv_raw(s, buf, sizeof(buf), deadline);
		if (n <= 0)
			return -1;
		if (rmcpp_parse_v2(s, buf, n, in))
			continue;
		if (in->ptype != type || in->len < 2 || in->payload[0] != s->tag)
			continue;
		/* some servers send errors as just tag and status */
		if (in->payload[1] != RMCPP_OK && in->len < 8)
			return 0;
		if (in->len < 8 || get32(in->payload + 4) != s->console_sid)
			continue;
		return 0;
	}
	return -1;
}

static void put_record(u8 *p, u8 type, u8 alg)
{
	p[0] = type;
	p[1] = 0;
	p[2] = 0;
	p[3] = 8;
	p[4] = alg;
	p[5] = 0;
	p[6] = 0;
	p[7] = 0;
}

int rmcpp_open_session(struct rmcpp *s)
{
	struct rmcpp_out o = { .ptype = PT_OPEN_REQ };
	static struct rmcpp_in in;
	u8 p[32];
	const u8 *r;

	do {
		if (RAND_bytes((u8 *)&s->console_sid, 4) != 1)
			return -2;
	} while (!s->console_sid);
	s->active = false;
	s->tag++;
	p[0] = s->tag;
	p[1] = 0;	/* requested maximum privilege: highest available */
	p[2] = 0;
	p[3] = 0;
	put32(p + 4, s->console_sid);
	put_record(p + 8, 0x00, s->suite->auth);
	put_record(p + 16, 0x01, s->suite->integ);
	put_record(p + 24, 0x02, s->suite->conf);
	put32(s->kex.sidm, s->console_sid);
	if (rmcpp_send_v2(s, &o, p, sizeof(p)))
		return -2;
	if (wait_setup(s, PT_OPEN_RSP, &in))
		return -1;
	r = in.payload;
	if (r[1] != RMCPP_OK)
		return r[1];
	if (in.len < 36 || r[16] != s->suite->auth ||
	    r[24] != s->suite->integ || r[32] != s->suite->conf) {
		fprintf(stderr, "open session response: bad algorithms\n");
		return -2;
	}
	s->bmc_sid = get32(r + 8);
	memcpy(s->kex.sidc, r + 8, 4);
	if (!s->bmc_sid) {
		fprintf(stderr, "open session response: BMC session id 0\n");
		return -2;
	}
	return RMCPP_OK;
}

void rmcpp_derive(struct rmcpp *s)
{
	u8 auth = s->suite->auth;

	rmcpp_sik(&s->kex, s->sik);
	rmcpp_kn(auth, s->sik, 0x01, s->k1);
	rmcpp_kn(auth, s->sik, 0x02, s->k2);
	if (s->verbose > 1) {
		rmcpp_hexdump("   SIK", s->sik, rmcpp_auth_len(auth));
		rmcpp_hexdump("   K1", s->k1, rmcpp_auth_len(auth));
		rmcpp_hexdump("   K2", s->k2, rmcpp_auth_len(auth));
	}
}

int rmcpp_rakp12(struct rmcpp *s, bool *hmac_ok)
{
	struct rmcpp_out o = { .ptype = PT_RAKP1 };
	static struct rmcpp_in in;
	u8 p[28 + RMCPP_USER_MAX], mac[EVP_MAX_MD_SIZE];
	size_t alen = rmcpp_auth_len(s->suite->auth);
	const u8 *r;

	*hmac_ok = false;
	if (RAND_bytes(s->kex.rm, 16) != 1)
		return -2;
	s->tag++;
	p[0] = s->tag;
	p[1] = 0;
	p[2] = 0;
	p[3] = 0;
	put32(p + 4, s->bmc_sid);
	memcpy(p + 8, s->kex.rm, 16);
	p[24] = s->kex.role;
	p[25] = 0;
	p[26] = 0;
	p[27] = s->kex.ulen;
	memcpy(p + 28, s->kex.uname, s->kex.ulen);
	if (rmcpp_send_v2(s, &o, p, 28 + s->kex.ulen))
		return -2;
	if (wait_setup(s, PT_RAKP2, &in))
		return -1;
	r = in.payload;
	if (r[1] != RMCPP_OK)
		return r[1];
	if (in.len < 40 + alen) {
		fprintf(stderr, "RAKP2 too short (%zu)\n", in.len);
		return -2;
	}
	memcpy(s->kex.rc, r + 8, 16);
	memcpy(s->kex.guidc, r + 24, 16);
	if (rmcpp_rakp2_code(&s->kex, mac) < 0)
		return -2;
	*hmac_ok = !CRYPTO_memcmp(mac, r + 40, alen);
	rmcpp_derive(s);
	return RMCPP_OK;
}

int rmcpp_rakp34(struct rmcpp *s, bool *icv_ok)
{
	struct rmcpp_out o = { .ptype = PT_RAKP3 };
	static struct rmcpp_in in;
	u8 p[8 + RMCPP_KEY_MAX], icv[RMCPP_KEY_MAX];
	size_t alen = rmcpp_auth_len(s->suite->auth);
	size_t ilen = rmcpp_icv_len(s->suite->auth);
	const u8 *r;

	*icv_ok = false;
	s->tag++;
	p[0] = s->tag;
	p[1] = RMCPP_OK;
	p[2] = 0;
	p[3] = 0;
	put32(p + 4, s->bmc_sid);
	if (rmcpp_rakp3_code(&s->kex, p + 8) < 0)
		return -2;
	if (rmcpp_send_v2(s, &o, p, 8 + alen))
		return -2;
	if (wait_setup(s, PT_RAKP4, &in))
		return -1;
	r = in.payload;
	if (r[1] != RMCPP_OK)
		return r[1];
	if (in.len < 8 + ilen) {
		fprintf(stderr, "RAKP4 too short (%zu)\n", in.len);
		return -2;
	}
	if (rmcpp_rakp4_icv(&s->kex, s->sik, icv) < 0)
		return -2;
	*icv_ok = !CRYPTO_memcmp(icv, r + 8, ilen);
	if (*icv_ok)
		s->active = true;
	return RMCPP_OK;
}

static void step_error(const char *step, int r)
{
	if (r == -1)
		fprintf(stderr, "%s: no reply\n", step);
	else if (r == -2)
		fprintf(stderr, "%s: bad reply\n", step);
	else
		fprintf(stderr, "%s: status 0x%02x\n", step, r);
}

int rmcpp_login(struct rmcpp *s, bool set_priv)
{
	struct ipmi_rsp rsp;
	u8 rbuf[RMCPP_DGRAM_MAX];
	bool ok;
	int r;

	r = rmcpp_open_session(s);
	if (r) {
		step_error("open session", r);
		return -1;
	}
	r = rmcpp_rakp12(s, &ok);
	if (r) {
		step_error("rakp2", r);
		return -1;
	}
	if (!ok) {
		fprintf(stderr, "rakp2: key exchange auth code mismatch (wrong password?)\n");
		return -1;
	}
	r = rmcpp_rakp34(s, &ok);
	if (r) {
		step_error("rakp4", r);
		return -1;
	}
	if (!ok) {
		fprintf(stderr, "rakp4: integrity check value mismatch\n");
		return -1;
	}
	if (!set_priv || s->priv <= PRIV_USER)
		return 0;
	r = rmcpp_request(s, NETFN_APP, CMD_SET_SESSION_PRIV, &s->priv, 1,
			  &rsp, rbuf);
	if (r) {
		step_error("set session privilege", r);
		return -1;
	}
	if (rsp.cc) {
		fprintf(stderr, "set session privilege: cc 0x%02x\n", rsp.cc);
		return -1;
	}
	return 0;
}

int rmcpp_close(struct rmcpp *s)
{
	struct ipmi_rsp rsp;
	u8 rbuf[RMCPP_DGRAM_MAX], d[4];
	int r;

	put32(d, s->bmc_sid);
	r = rmcpp_request(s, NETFN_APP, CMD_CLOSE_SESSION, d, 4, &rsp, rbuf);
	if (r) {
		step_error("close session", r);
		return -1;
	}
	if (rsp.cc) {
		fprintf(stderr, "close session: cc 0x%02x\n", rsp.cc);
		return -1;
	}
	s->active = false;
	return 0;
}
