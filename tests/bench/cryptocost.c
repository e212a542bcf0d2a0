// SPDX-License-Identifier: GPL-2.0
/*
 * loadgen crypto: what the per-packet crypto of one request and its reply
 * costs in userspace OpenSSL, with the packet sizes of the benchmark
 * (Get Device ID): check the request's AuthCode and decrypt it, then
 * encrypt and authenticate the 23-byte response message, with rmcpp.c's
 * functions (EVP one-shot calls; a fresh IV from RAND_bytes per reply).
 */
#include "loadgen.h"

#include <string.h>

#include <openssl/rand.h>

static int build(struct rmcpp *s, const struct rmcpp_out *o, const u8 *msg,
		 size_t len)
{
	s->fd = -1;
	s->last_len = 0;
	rmcpp_send_v2(s, o, msg, len);	/* fails at send(); s->last has it */
	return s->last_len ? (int)s->last_len : -1;
}

static int one_suite(struct lg_opts *o, int suite)
{
	static struct rmcpp_in in;
	struct rmcpp s;
	struct rmcpp_out out = { .ptype = PT_IPMI, .auth = true,
				 .encrypt = true, .sid = 0x11223344 };
	u8 req[RMCPP_DGRAM_MAX], msg[32], rsp[23];
	long long i, t0, t1, t2, rx_ns = 0, tx_ns = 0, n = 0;
	double secs;
	int req_len, rsp_len = 0;

	o->suite = suite;
	lg_client_init(&s, o);
	if (RAND_bytes(s.k1, sizeof(s.k1)) != 1 ||
	    RAND_bytes(s.k2, sizeof(s.k2)) != 1)
		return -1;
	out.seq = 1;
	req_len = build(&s, &out, msg,
			ipmi_build_req(msg, NETFN_APP, CMD_GET_DEVICE_ID, 1,
				       NULL, 0));
	if (req_len < 0)
		return -1;
	memcpy(req, s.last, req_len);
	memset(rsp, 0x5a, sizeof(rsp));
	t0 = now_ns();
	for (i = 0; i < o->count; i++) {
		if (!(i & 63) && now_ns() - t0 > (long long)(o->seconds * 1e9))
			break;
		t1 = now_ns();
		if (rmcpp_parse_v2(&s, req, req_len, &in) || !in.mac_ok)
			return -1;
		t2 = now_ns();
		rsp_len = build(&s, &out, rsp, sizeof(rsp));
		if (rsp_len < 0)
			return -1;
		tx_ns += now_ns() - t2;
		rx_ns += t2 - t1;
		n++;
	}
	secs = (now_ns() - t0) / 1e9;
	printf("%s\"suite%d\":{\"request_bytes\":%d,\"reply_bytes\":%d,"
	       "\"pairs\":%lld,\"seconds\":%.3f,\"rx_ns\":%.0f,\"tx_ns\":%.0f,"
	       "\"ns_per_request\":%.0f,\"max_req_per_s_one_cpu\":%.0f}",
	       suite == 3 ? "" : ",", suite, req_len, rsp_len, n, secs,
	       n ? (double)rx_ns / n : 0.0, n ? (double)tx_ns / n : 0.0,
	       n ? (double)(rx_ns + tx_ns) / n : 0.0,
	       rx_ns + tx_ns ? n * 1e9 / (double)(rx_ns + tx_ns) : 0.0);
	return 0;
}

int lg_crypto_main(struct lg_opts *o)
{
	int ret;

	js_begin(o);
	js_raw("cost", "{");
	ret = one_suite(o, 3) || one_suite(o, 17);
	printf("}");
	js_bool("valid", !ret);
	js_end();
	return ret;
}
