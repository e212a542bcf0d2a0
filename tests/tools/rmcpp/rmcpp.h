/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rmcpp-client: a small RMCP+ (IPMI v2.0 LAN) test client for ipmi-lan.
 *
 * Wire formats, key derivation and packet helpers. Everything here is the
 * client's own view of the protocol; the fake BMC in selftest.c has its own
 * independent implementation and shares only the OpenSSL primitives.
 */
#ifndef _RMCPP_H
#define _RMCPP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef int32_t s32;

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

enum {
	RMCP_VERSION = 0x06,
	RMCP_SEQ_NOACK = 0xff,
	RMCP_CLASS_IPMI = 0x07,

	AUTHTYPE_NONE = 0x00,
	AUTHTYPE_RMCPP = 0x06,

	PT_IPMI = 0x00,
	PT_SOL = 0x01,
	PT_OPEN_REQ = 0x10,
	PT_OPEN_RSP = 0x11,
	PT_RAKP1 = 0x12,
	PT_RAKP2 = 0x13,
	PT_RAKP3 = 0x14,
	PT_RAKP4 = 0x15,
	PT_ENCRYPTED = 0x80,
	PT_AUTHENTICATED = 0x40,
	PT_TYPE_MASK = 0x3f,

	AUTH_NONE = 0,
	AUTH_RAKP_HMAC_SHA1 = 1,
	AUTH_RAKP_HMAC_MD5 = 2,
	AUTH_RAKP_HMAC_SHA256 = 3,

	INTEG_NONE = 0,
	INTEG_HMAC_SHA1_96 = 1,
	INTEG_HMAC_MD5_128 = 2,
	INTEG_MD5_128 = 3,
	INTEG_HMAC_SHA256_128 = 4,

	CONF_NONE = 0,
	CONF_AES_CBC_128 = 1,

	PRIV_CALLBACK = 1,
	PRIV_USER = 2,
	PRIV_OPERATOR = 3,
	PRIV_ADMIN = 4,
	PRIV_OEM = 5,
	ROLE_NAME_ONLY = 0x10,

	NETFN_APP = 0x06,
	CMD_GET_DEVICE_ID = 0x01,
	CMD_GET_AUTH_CAPS = 0x38,
	CMD_ACTIVATE_PAYLOAD = 0x48,
	CMD_DEACTIVATE_PAYLOAD = 0x49,
	CMD_SET_SESSION_PRIV = 0x3b,
	CMD_CLOSE_SESSION = 0x3c,
	CMD_GET_CIPHER_SUITES = 0x54,

	BMC_SA = 0x20,
	REMOTE_SWID = 0x81,

	/* RMCP+ status codes (IPMI v2.0 table 13-15) */
	RMCPP_OK = 0x00,
	RMCPP_INVALID_SESSION_ID = 0x02,
	RMCPP_INVALID_AUTH_ALG = 0x04,
	RMCPP_INVALID_INTEG_ALG = 0x05,
	RMCPP_UNAUTHORIZED_NAME = 0x0d,
	RMCPP_INVALID_ICV = 0x0f,
	RMCPP_INVALID_CONF_ALG = 0x10,
	RMCPP_NO_CIPHER_SUITE_MATCH = 0x11,

	RMCPP_KEY_MAX = 32,
	RMCPP_PASSWORD_LEN = 20,
	RMCPP_USER_MAX = 16,
	RMCPP_DGRAM_MAX = 1024,
	AES_BLOCK = 16,
};

struct rmcpp_suite {
	u8 id;
	u8 auth;
	u8 integ;
	u8 conf;
};

const struct rmcpp_suite *rmcpp_suite_find(int id);
const char *rmcpp_priv_name(int priv);
int rmcpp_priv_parse(const char *name);

/*
 * Key exchange inputs, in wire order. The session ids are stored as the
 * four bytes that appear on the wire (little-endian).
 */
struct rmcpp_kex {
	u8 auth;		/* AUTH_* */
	u8 kuid[RMCPP_PASSWORD_LEN];	/* password, zero-padded */
	u8 kg[RMCPP_PASSWORD_LEN];	/* K_G, zero-padded */
	bool have_kg;
	u8 sidm[4];		/* remote console session id */
	u8 sidc[4];		/* managed system (BMC) session id */
	u8 rm[16];		/* remote console random */
	u8 rc[16];		/* managed system random */
	u8 guidc[16];		/* managed system GUID */
	u8 role;		/* RAKP1 role byte, including the name-only bit */
	u8 ulen;
	u8 uname[RMCPP_USER_MAX];
};

/* Digest length of the RAKP HMAC (20, 16 or 32); 0 for AUTH_NONE. */
size_t rmcpp_auth_len(u8 auth);
/* RAKP4 integrity check value length (12, 16 or 16). */
size_t rmcpp_icv_len(u8 auth);
/* AuthCode length in the session trailer (12 or 16); 0 for none. */
size_t rmcpp_integ_len(u8 integ);

int rmcpp_rakp2_code(const struct rmcpp_kex *k, u8 *out);
int rmcpp_rakp3_code(const struct rmcpp_kex *k, u8 *out);
int rmcpp_sik(const struct rmcpp_kex *k, u8 *out);
int rmcpp_kn(u8 auth, const u8 *sik, u8 constant, u8 *out);
int rmcpp_rakp4_icv(const struct rmcpp_kex *k, const u8 *sik, u8 *out);

/* Session trailer AuthCode over @len bytes at @data. */
int rmcpp_integ_code(u8 integ, const u8 *k1, size_t k1_len,
		     const u8 *kuid, const u8 *data, size_t len, u8 *out);

/*
 * AES-CBC-128 confidentiality payload: IV || E(data || 01 02 .. || padlen).
 * Returns the output length, or -1.
 */
int rmcpp_aes_seal(const u8 *k2, const u8 *iv, const u8 *in, size_t len,
		   u8 *out, size_t out_size);
/* Inverse of rmcpp_aes_seal(); checks the pad. Returns plaintext length. */
int rmcpp_aes_open(const u8 *k2, const u8 *in, size_t len, u8 *out,
		   size_t out_size);

/* Little-endian 32-bit fields, as every RMCP+ number is sent */
static inline void put32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

static inline u32 get32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

/* IPMI LAN message framing */
u8 ipmi_cks(const u8 *p, size_t len);
size_t ipmi_build_req(u8 *out, u8 netfn, u8 cmd, u8 rq_seq, const u8 *data,
		      size_t len);

struct ipmi_rsp {
	u8 rq_sa;		/* who it is to */
	u8 rs_sa;		/* who answers */
	u8 netfn;
	u8 cmd;
	u8 rq_seq;
	u8 cc;
	const u8 *data;
	size_t len;
};

int ipmi_parse_rsp(const u8 *p, size_t len, struct ipmi_rsp *rsp);

/* A session, from the client's side */
struct rmcpp {
	int fd;
	struct sockaddr_storage peer;
	socklen_t peer_len;
	int timeout_ms;
	int verbose;

	const struct rmcpp_suite *suite;
	struct rmcpp_kex kex;
	u8 priv;		/* privilege requested with -L */
	u32 console_sid;
	u32 bmc_sid;
	u8 sik[RMCPP_KEY_MAX];
	u8 k1[RMCPP_KEY_MAX];
	u8 k2[RMCPP_KEY_MAX];
	bool active;
	u32 out_seq;
	u8 rq_seq;
	u8 tag;

	u8 last[RMCPP_DGRAM_MAX];	/* last datagram sent */
	size_t last_len;
};

struct rmcpp_out {
	u8 ptype;		/* type bits only */
	bool auth;		/* set bit 6 and add the trailer */
	bool encrypt;		/* set bit 7 and encrypt */
	bool bad_mac;		/* replace the AuthCode with garbage */
	u32 sid;
	u32 seq;
};

struct rmcpp_in {
	u8 ptype;		/* full payload type byte */
	u32 sid;
	u32 seq;
	u8 payload[RMCPP_DGRAM_MAX];
	size_t len;
	bool mac_ok;
};

int rmcpp_open_socket(struct rmcpp *s, const char *host, int port,
		      const char *bind_addr);
/* A new socket bound to @bind_addr and connected to the session's peer. */
int rmcpp_socket_from(const struct rmcpp *s, const char *bind_addr);
void rmcpp_hexdump(const char *what, const u8 *p, size_t len);

int rmcpp_send_raw(struct rmcpp *s, const u8 *p, size_t len);
int rmcpp_send_v2(struct rmcpp *s, const struct rmcpp_out *o,
		  const u8 *payload, size_t len);
int rmcpp_send_v15(struct rmcpp *s, const u8 *msg, size_t len);
/*
 * Wait for one datagram until the deadline (monotonic ms). Returns its
 * length, 0 on timeout, -1 on error.
 */
int rmcpp_recv_raw(struct rmcpp *s, u8 *buf, size_t size, long long deadline);
/*
 * Parse an RMCP+ datagram. An authenticated packet is checked with the
 * session's K1 (or password for MD5-128) and an encrypted one is decrypted
 * with K2. Returns 0 if parsed, -1 if malformed or the check failed.
 */
int rmcpp_parse_v2(struct rmcpp *s, const u8 *p, size_t len,
		   struct rmcpp_in *in);

long long now_ms(void);

/*
 * The handshake, step by step. Each returns the RMCP+ status code from the
 * reply (>= 0), -1 on timeout and -2 on a malformed or unexpected reply.
 */
int rmcpp_open_session(struct rmcpp *s);
int rmcpp_rakp12(struct rmcpp *s, bool *hmac_ok);
int rmcpp_rakp34(struct rmcpp *s, bool *icv_ok);
void rmcpp_derive(struct rmcpp *s);

/*
 * One in-session IPMI request and its reply (matched by rqSeq and cmd).
 * Returns 0 on reply, -1 on timeout, -2 on a bad reply.
 */
int rmcpp_request(struct rmcpp *s, u8 netfn, u8 cmd, const u8 *data,
		  size_t len, struct ipmi_rsp *rsp, u8 *rbuf);
/*
 * The same; while it waits, every in-session packet of another payload
 * type (SOL data, say) goes to @other, with the integrity and
 * confidentiality checks left to it.
 */
typedef void (*rmcpp_other_fn)(struct rmcpp *s, const struct rmcpp_in *in,
			       void *arg);
int rmcpp_request_cb(struct rmcpp *s, u8 netfn, u8 cmd, const u8 *data,
		     size_t len, struct ipmi_rsp *rsp, u8 *rbuf,
		     rmcpp_other_fn other, void *arg);
/* Session-less request (sid 0, RMCP+ framing unless @v15). */
/* Wait for a further in-session response naming (netfn, cmd, rq_seq). */
int rmcpp_wait_response(struct rmcpp *s, u8 netfn, u8 cmd, u8 rq_seq,
			struct ipmi_rsp *rsp, u8 *rbuf);
int rmcpp_request_nosess(struct rmcpp *s, bool v15, u8 netfn, u8 cmd,
			 const u8 *data, size_t len, struct ipmi_rsp *rsp,
			 u8 *rbuf);
/* Build an in-session IPMI request datagram payload with the session's flags */
int rmcpp_send_ipmi(struct rmcpp *s, const struct rmcpp_out *o, u8 netfn,
		    u8 cmd, const u8 *data, size_t len);
u32 rmcpp_next_seq(struct rmcpp *s);

int rmcpp_login(struct rmcpp *s, bool set_priv);
int rmcpp_close(struct rmcpp *s);

/* sol.c: Serial over LAN */
struct sol_opts {
	const char *in;		/* console input; NULL: none, "-": stdin */
	const char *out;	/* BMC output; NULL: counted only, "-": stdout */
	long long expect;	/* bytes to receive; -1: until idle */
	long pace;		/* console bytes per second; 0: full speed */
	int idle_ms;		/* without --expect: end after this quiet */
	int retry_ms;		/* resend an unanswered packet after this */
	int drop;		/* percent of SOL datagrams lost each way */
	int keepalive_ms;	/* a Get Device ID this often; 0: none */
	int seconds;		/* overall bound (-T) */
	bool no_deactivate;
};

/* Activate Payload SOL @instance as ipmitool asks for it. */
int rmcpp_sol_activate(struct rmcpp *s, u8 instance, struct ipmi_rsp *rsp,
		       u8 *rbuf);
/* Login, activate, stream both ways, deactivate, close: an exit code. */
int rmcpp_sol(struct rmcpp *s, const struct sol_opts *o);

/* selftest.c */
int selftest_server_main(int argc, char **argv);

#endif /* _RMCPP_H */
