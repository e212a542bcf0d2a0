// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the RMCP+ handshake state machine (rakp.c): Open Session
 * and RAKP 1-4, message by message, against the real session table
 * (session.c), users and lockout (user.c), channel (channel.c) and
 * cryptography (crypto.c, hmac.c), all compiled into this module:
 *
 * - whole logins with known answers for suites 2, 3, 7, 8, 11, 12, 16 and
 *   17, four of them with K_G: the Open Session response, RAKP2's Rc,
 *   GUID and key exchange auth code, RAKP4's ICV, then an ACTIVE session
 *   whose keys compute the expected integrity AuthCode and AES-CBC-128,
 *   with Kuid wiped;
 * - Open Session: which suite and privilege are chosen, and every status
 *   code it answers; RAKP1: every status code (unknown, disabled, locked
 *   out user, role, privilege above the user's or the Open Session's
 *   limit, name length);
 * - messages in the wrong state, for unknown sessions, after activation
 *   and after a close; Open Session and RAKP1 retransmitted;
 * - a RAKP3 with a bad auth code: status 0Fh, the session closed, a
 *   failure charged to the address that opened the session; the user
 *   checked again at RAKP3 (locked out, another password or id since
 *   RAKP1); the active pool full at RAKP3;
 * - RAKP1 and RAKP3 from another address: dropped without a reply,
 *   counted as IPMI_LAN_DROP_SOURCE, nothing changed;
 * - every length from 0 to 64 bytes of each message type;
 * - the queue in front of the worker.
 *
 * Messages go straight to handle_item(), in the test's thread, in an
 * allocation of exactly their length (KASAN sees any read past the end);
 * queue_test alone goes through the payload table's handler and the
 * worker.
 *
 * Fakes (rakp_stubs.c): the socket, whose ipmi_lan_socket_send() copies
 * out each datagram (built by the real transmit path, send.c) with its
 * destination; the server's drop
 * counters and identity (the GUID); the system interface (no busy
 * handles). The random source is a seam of this file alone: rakp.c and
 * session.c are included with get_random_u32() and get_random_bytes()
 * renamed to functions below, which hand out the session ids and Rc a
 * test queued and the real random numbers after those. Production code is
 * unchanged.
 *
 * Known answers (rakp_handshake_vectors.h) come from
 * tests/tools/rmcpp/gen-vectors.py handshake (Python hmac and hashlib,
 * openssl), never from this module's code.
 */

/*
 * Every header rakp.c and session.c include, first: the renaming below
 * must reach only the calls in those two files.
 */
#include "../channel.h"
#include "../compat.h"
#include "../crypto.h"
#include "../messages.h"
#include "../rakp.h"
#include "../rmcp.h"
#include "../server.h"
#include "../session.h"
#include "../smi.h"
#include "../socket.h"
#include "../user.h"

#include <uapi/linux/ipmi_lan.h>

#include <crypto/algapi.h>
#include <linux/in6.h>
#include <linux/jhash.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/ipv6.h>

static u32 fake_random_u32(void);
static void fake_random_bytes(void *buf, size_t len);

#define get_random_u32 fake_random_u32
#define get_random_bytes fake_random_bytes
#include "../session.c"
#include "../rakp.c"
#undef get_random_bytes
#undef get_random_u32

#include "rakp_handshake_vectors.h"
#include "rakp_stubs.h"

#include <kunit/test.h>

/* --- the random seam ----------------------------------------------------- */

enum { FAKE_RANDOM_MAX = 8 };

/* Queued by the test; consumed in order, then the real ones follow. */
static struct {
	u32 id[FAKE_RANDOM_MAX];
	unsigned int n_id, next_id;
	u8 rc[FAKE_RANDOM_MAX][RAND_LEN];
	unsigned int n_rc, next_rc;
	unsigned int rc_drawn;		/* every Rc drawn, queued or real */
} fake_random;

static u32 fake_random_u32(void)
{
	if (fake_random.next_id < fake_random.n_id)
		return fake_random.id[fake_random.next_id++];
	return get_random_u32();
}

static void fake_random_bytes(void *buf, size_t len)
{
	fake_random.rc_drawn++;
	if (len == RAND_LEN && fake_random.next_rc < fake_random.n_rc) {
		memcpy(buf, fake_random.rc[fake_random.next_rc++], RAND_LEN);
		return;
	}
	get_random_bytes(buf, len);
}

static void queue_id(struct kunit *test, u32 id)
{
	KUNIT_ASSERT_LT(test, fake_random.n_id, (unsigned int)FAKE_RANDOM_MAX);
	fake_random.id[fake_random.n_id++] = id;
}

static void queue_rc(struct kunit *test, const u8 *rc)
{
	KUNIT_ASSERT_LT(test, fake_random.n_rc, (unsigned int)FAKE_RANDOM_MAX);
	memcpy(fake_random.rc[fake_random.n_rc++], rc, RAND_LEN);
}

/* An Rc other than the one the known answers use. */
static const u8 other_rc[RAND_LEN] = { [0 ... RAND_LEN - 1] = 0x55 };

/* --- the server, its users and its channel ------------------------------- */

enum {
	ADMIN_ID = 2,		/* "admin", the known answers' user */
	OPER_ID = 3,		/* "oper", limited to operator */
	OFF_ID = 4,		/* "off", disabled */
	NOMSG_ID = 5,		/* "nomsg", IPMI messaging off */
	TAG = 0x5a,		/* the console's message tag */
};

/* The known answers' session ids (vec_hs_sidm, vec_hs_sidc on the wire). */
#define SIDM 0xa0a2a3a4U
#define SIDC 0x12345678U

struct rakp_test {
	struct ipmi_lan_server *srv;
	struct ipmi_lan_endpoint console;	/* 192.0.2.1:49152 */
};

static void ep4(struct ipmi_lan_endpoint *ep, u8 host, u16 port)
{
	memset(ep, 0, sizeof(*ep));
	ep->addr4.sin_family = AF_INET;
	ep->addr4.sin_addr.s_addr = htonl(0xc0000200 | host);	/* 192.0.2.x */
	ep->addr4.sin_port = htons(port);
}

/* 2001:db8:0:NET::HOST */
static void ep6(struct ipmi_lan_endpoint *ep, u16 net, u16 host, u16 port)
{
	memset(ep, 0, sizeof(*ep));
	ep->addr6.sin6_family = AF_INET6;
	ep->addr6.sin6_addr.s6_addr32[0] = htonl(0x20010db8);
	ep->addr6.sin6_addr.s6_addr32[1] = htonl(net);
	ep->addr6.sin6_addr.s6_addr32[3] = htonl(host);
	ep->addr6.sin6_port = htons(port);
}

static bool same_ep(const struct ipmi_lan_endpoint *a,
		    const struct ipmi_lan_endpoint *b)
{
	if (a->addr.sa_family != b->addr.sa_family)
		return false;
	if (a->addr.sa_family == AF_INET)
		return a->addr4.sin_addr.s_addr == b->addr4.sin_addr.s_addr &&
		       a->addr4.sin_port == b->addr4.sin_port;
	return ipv6_addr_equal(&a->addr6.sin6_addr, &b->addr6.sin6_addr) &&
	       a->addr6.sin6_port == b->addr6.sin6_port;
}

static void add_user(struct kunit *test, u8 id, const char *name,
		     const char *password, u8 privilege, bool enabled,
		     bool ipmi_msg)
{
	struct rakp_test *t = test->priv;
	struct ipmi_lan_user_change c = {
		.need_name = true,
		.set_name = true,
		.name = name,
		.name_len = strlen(name),
		.set_password = true,
		.password = password,
		.password_len = strlen(password),
		.set_enabled = true,
		.enabled = enabled,
		.set_privilege = true,
		.privilege = privilege,
		.set_ipmi_msg = true,
		.ipmi_msg = ipmi_msg,
	};

	KUNIT_ASSERT_EQ(test, ipmi_lan_user_change(t->srv, id, &c, GFP_KERNEL,
						   NULL), 0);
}

/* The channel of every test, changed by edit() if edit is not NULL. */
static void set_channel(struct kunit *test,
			void (*edit)(struct ipmi_lan_channel *ch, long arg),
			long arg)
{
	struct rakp_test *t = test->priv;
	struct ipmi_lan_channel ch;

	ipmi_lan_channel_defaults(&ch);
	ch.suites = IPMI_LAN_SUITES_SUPPORTED;
	ch.max_sessions = 4;
	if (edit)
		edit(&ch, arg);
	KUNIT_ASSERT_EQ(test, ipmi_lan_channel_replace(t->srv, &ch), 0);
	memzero_explicit(&ch, sizeof(ch));
}

static void edit_kg(struct ipmi_lan_channel *ch, long arg)
{
	ch->has_kg = true;
	memcpy(ch->kg, vec_hs_kg, sizeof(vec_hs_kg));
}

static void edit_lockout(struct ipmi_lan_channel *ch, long threshold)
{
	ch->lockout_threshold = threshold;
	ch->lockout_reset = 0;
	ch->lockout_interval = 0;
}

static void edit_max_sessions(struct ipmi_lan_channel *ch, long max)
{
	ch->max_sessions = max;
}

static int rakp_test_init(struct kunit *test)
{
	struct rakp_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct ipmi_lan_server *srv;

	if (!t)
		return -ENOMEM;
	srv = kunit_kzalloc(test, sizeof(*srv), GFP_KERNEL);
	if (!srv)
		return -ENOMEM;
	test->priv = t;
	mutex_init(&srv->lock);
	ipmi_lan_ratelimit_init(&srv->ratelimit);
	if (ipmi_lan_users_init(srv))
		return -ENOMEM;
	if (ipmi_lan_channel_init(srv)) {
		ipmi_lan_users_free(srv);
		return -ENOMEM;
	}
	ipmi_lan_sessions_init(srv);
	/* Nothing here lives long enough to be reaped. */
	cancel_delayed_work_sync(&srv->sessions.reaper);
	ipmi_lan_handshake_init(srv);
	t->srv = srv;		/* from here on the exit tears it down */

	set_channel(test, NULL, 0);
	add_user(test, ADMIN_ID, "admin", "opensesame", IPMI_PRIV_ADMIN, true,
		 true);
	add_user(test, OPER_ID, "oper", "operpass", IPMI_PRIV_OPERATOR, true,
		 true);
	add_user(test, OFF_ID, "off", "offpass", IPMI_PRIV_ADMIN, false, true);
	add_user(test, NOMSG_ID, "nomsg", "nomsgpass", IPMI_PRIV_ADMIN, true,
		 false);
	KUNIT_ASSERT_EQ(test, sizeof(vec_hs_uname), (size_t)5);
	KUNIT_ASSERT_EQ(test, get_unaligned_le32(vec_hs_sidm), SIDM);
	KUNIT_ASSERT_EQ(test, get_unaligned_le32(vec_hs_sidc), SIDC);

	memset(&ipmi_lan_fake_identity, 0, sizeof(ipmi_lan_fake_identity));
	memcpy(ipmi_lan_fake_identity.guid, vec_hs_guid, GUID_LEN);
	ipmi_lan_fake_reset();
	memset(&fake_random, 0, sizeof(fake_random));
	ep4(&t->console, 1, 49152);
	return 0;
}

static void rakp_test_exit(struct kunit *test)
{
	struct rakp_test *t = test->priv;
	struct ipmi_lan_server *srv;

	if (!t || !t->srv)
		return;
	srv = t->srv;
	ipmi_lan_handshake_uninit(srv);
	ipmi_lan_sessions_uninit(srv);
	KUNIT_EXPECT_EQ(test, srv->sessions.n_pending, 0U);
	KUNIT_EXPECT_EQ(test, srv->sessions.n_active, 0U);
	/* The sessions' and the replaced records' deferred frees. */
	rcu_barrier();
	flush_workqueue(ipmi_lan_wq);
	ipmi_lan_users_free(srv);
	ipmi_lan_channel_free(srv);
	mutex_destroy(&srv->lock);
}

/* --- messages in and out ------------------------------------------------- */

/* A reply: its payload type and payload, and where it was sent. */
struct reply {
	u8 ptype;
	unsigned int len;
	const u8 *p;
	struct ipmi_lan_endpoint ep;
};

/*
 * Hands one message to the handshake as the worker would, and returns how
 * many datagrams it sent (checking the one it may have sent: the
 * session-less RMCP+ header, and the destination, the sender).
 */
static unsigned int deliver(struct kunit *test,
			    const struct ipmi_lan_endpoint *from, u8 ptype,
			    const u8 *msg, unsigned int len, struct reply *r)
{
	struct rakp_test *t = test->priv;
	const struct ipmi_lan_fake_tx *tx = &ipmi_lan_fake_tx[0];
	struct hs_item *it;

	ipmi_lan_fake_reset();
	/* Not sizeof(*it) + len: its tail padding would hide over-reads. */
	it = kmalloc(offsetof(struct hs_item, data) + len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, it);
	it->ep = *from;
	it->ptype = ptype;
	it->len = len;
	memcpy(it->data, msg, len);
	handle_item(t->srv, it);
	kfree(it);

	memset(r, 0, sizeof(*r));
	if (ipmi_lan_fake_tx_count != 1)
		return ipmi_lan_fake_tx_count;
	KUNIT_ASSERT_GE(test, tx->len, 16U);
	KUNIT_ASSERT_LE(test, tx->len, (unsigned int)FAKE_TX_LEN);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(tx->data), 0x0600ff07U);
	KUNIT_EXPECT_EQ(test, tx->data[4], AUTHTYPE_RMCPP);
	/* session id and sequence number: 0 */
	KUNIT_EXPECT_TRUE(test, !memchr_inv(tx->data + 6, 0, 8));
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(tx->data + 14),
			tx->len - 16);
	KUNIT_EXPECT_TRUE(test, same_ep(&tx->ep, from));
	r->ptype = tx->data[5];
	r->len = tx->len - 16;
	r->p = tx->data + 16;
	r->ep = tx->ep;
	return 1;
}

/* Like deliver(), for a message that must be answered. */
static void exchange(struct kunit *test, const struct ipmi_lan_endpoint *from,
		     u8 ptype, const u8 *msg, unsigned int len,
		     struct reply *r)
{
	KUNIT_ASSERT_EQ(test, deliver(test, from, ptype, msg, len, r), 1U);
	KUNIT_ASSERT_EQ(test, r->ptype, ptype + 1);
	KUNIT_ASSERT_GE(test, r->len, (unsigned int)RAKP_HDR_LEN);
}

/* Like deliver(), for a message that must be dropped without a reply. */
static void expect_silence(struct kunit *test,
			   const struct ipmi_lan_endpoint *from, u8 ptype,
			   const u8 *msg, unsigned int len)
{
	struct reply r;

	KUNIT_EXPECT_EQ(test, deliver(test, from, ptype, msg, len, &r), 0U);
}

/* An error (or bare) reply: tag, status, 2 reserved, the console's id. */
static void expect_status(struct kunit *test, const struct reply *r,
			  u8 status, u32 console_id)
{
	KUNIT_EXPECT_EQ(test, r->len, (unsigned int)RAKP_HDR_LEN);
	KUNIT_EXPECT_EQ(test, r->p[0], TAG);
	KUNIT_EXPECT_EQ(test, r->p[1], status);
	KUNIT_EXPECT_EQ(test, r->p[2], 0);
	KUNIT_EXPECT_EQ(test, r->p[3], 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(r->p + 4), console_id);
}

static void expect_mem(struct kunit *test, const u8 *got, const u8 *want,
		       unsigned int len, const char *what)
{
	if (memcmp(got, want, len)) {
		kunit_info(test, "%s got:  %*ph\n", what, (int)len, got);
		kunit_info(test, "%s want: %*ph\n", what, (int)len, want);
		KUNIT_FAIL(test, "%s differs", what);
	}
}

enum { ANY = -1 };	/* an algorithm record of length 0: "any" */

/* Open Session request; an algorithm of ANY leaves it open. */
static unsigned int open_req(u8 *m, u8 priv, u32 console_id, int auth,
			     int integ, int conf)
{
	const int alg[3] = { auth, integ, conf };
	int i;

	memset(m, 0, OPEN_REQ_LEN);
	m[0] = TAG;
	m[1] = priv;
	put_unaligned_le32(console_id, m + 4);
	for (i = 0; i < 3; i++) {
		u8 *rec = m + 8 + 8 * i;

		rec[0] = i;
		if (alg[i] != ANY) {
			rec[3] = 8;
			rec[4] = alg[i];
		}
	}
	return OPEN_REQ_LEN;
}

static unsigned int open_suite(u8 *m, u8 priv, u8 suite_id)
{
	const struct ipmi_lan_suite *suite = ipmi_lan_suite_by_id(suite_id);

	return open_req(m, priv, SIDM, suite->auth, suite->integ, suite->conf);
}

static unsigned int rakp1_msg(u8 *m, u32 bmc_id, u8 role, const char *name,
			      unsigned int ulen)
{
	memset(m, 0, RAKP1_MIN_LEN);
	m[0] = TAG;
	put_unaligned_le32(bmc_id, m + 4);
	memcpy(m + 8, vec_hs_rm, RAND_LEN);
	m[24] = role;
	m[27] = ulen;
	memcpy(m + 28, name, ulen);
	return RAKP1_MIN_LEN + ulen;
}

/* RAKP1 as "admin" with the known answers' role. */
static unsigned int rakp1_admin(u8 *m, u32 bmc_id)
{
	return rakp1_msg(m, bmc_id, vec_hs_role, "admin", 5);
}

static unsigned int rakp3_msg(u8 *m, u8 status, u32 bmc_id, const u8 *code,
			      unsigned int len)
{
	memset(m, 0, RAKP_HDR_LEN);
	m[0] = TAG;
	m[1] = status;
	put_unaligned_le32(bmc_id, m + 4);
	memcpy(m + RAKP_HDR_LEN, code, len);
	return RAKP_HDR_LEN + len;
}

/* The RAKP3 auth code of the known answers, for the suite's algorithm. */
static const u8 *rakp3_code(u8 suite_id, unsigned int *len)
{
	switch (ipmi_lan_suite_by_id(suite_id)->auth) {
	case AUTH_RAKP_HMAC_SHA1:
		*len = sizeof(vec_hs_sha1_rakp3);
		return vec_hs_sha1_rakp3;
	case AUTH_RAKP_HMAC_MD5:
		*len = sizeof(vec_hs_md5_rakp3);
		return vec_hs_md5_rakp3;
	default:
		*len = sizeof(vec_hs_sha256_rakp3);
		return vec_hs_sha256_rakp3;
	}
}

/* The session with this id, with a reference, or NULL. */
static struct ipmi_lan_session *find(struct kunit *test, u32 id)
{
	struct rakp_test *t = test->priv;

	return ipmi_lan_session_lookup(t->srv, id);
}

static enum ipmi_lan_session_state state_of(struct kunit *test, u32 id)
{
	struct ipmi_lan_session *s = find(test, id);
	enum ipmi_lan_session_state state;

	if (!s)
		return SESSION_DEAD;
	state = s->state;
	ipmi_lan_session_put(s);
	return state;
}

/*
 * An Open Session from ep for the suite (administrator), answered with
 * the session id queued for it, or a random one if id is 0.
 */
static u32 open_ok(struct kunit *test, const struct ipmi_lan_endpoint *ep,
		   u8 suite_id, u32 id)
{
	struct reply r;
	u8 m[OPEN_REQ_LEN];

	if (id)
		queue_id(test, id);
	exchange(test, ep, RMCPP_PAYLOAD_OPEN_REQ, m,
		 open_suite(m, IPMI_PRIV_ADMIN, suite_id), &r);
	KUNIT_ASSERT_EQ(test, r.len, 36U);
	KUNIT_ASSERT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	if (id)
		KUNIT_EXPECT_EQ(test, get_unaligned_le32(r.p + 8), id);
	return get_unaligned_le32(r.p + 8);
}

/* Open Session and RAKP1 as "admin"; Rc is queued if rc is not NULL. */
static u32 to_rakp3(struct kunit *test, const struct ipmi_lan_endpoint *ep,
		    u8 suite_id, u32 id, const u8 *rc)
{
	u32 bmc_id = open_ok(test, ep, suite_id, id);
	struct reply r;
	u8 m[64];

	if (rc)
		queue_rc(test, rc);
	exchange(test, ep, RMCPP_PAYLOAD_RAKP1, m, rakp1_admin(m, bmc_id), &r);
	KUNIT_ASSERT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	KUNIT_ASSERT_EQ(test, state_of(test, bmc_id), SESSION_PENDING_RAKP3);
	return bmc_id;
}

/* A whole login with the known answers; returns the session id. */
static u32 login(struct kunit *test, const struct ipmi_lan_endpoint *ep,
		 u8 suite_id)
{
	u32 bmc_id = to_rakp3(test, ep, suite_id, SIDC, vec_hs_rc);
	unsigned int len;
	const u8 *code = rakp3_code(suite_id, &len);
	struct reply r;
	u8 m[64];

	exchange(test, ep, RMCPP_PAYLOAD_RAKP3, m,
		 rakp3_msg(m, RMCPP_STATUS_OK, bmc_id, code, len), &r);
	KUNIT_ASSERT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	KUNIT_ASSERT_EQ(test, state_of(test, bmc_id), SESSION_ACTIVE);
	return bmc_id;
}

static unsigned int drops(enum ipmi_lan_drop_reason reason)
{
	return ipmi_lan_fake_drops[reason];
}

static unsigned int all_drops(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < __IPMI_LAN_DROP_LAST; i++)
		n += ipmi_lan_fake_drops[i];
	return n;
}

/* Whether find_login() takes admin from the address of ep (not locked). */
static bool admin_can_login_from(struct kunit *test,
				 const struct ipmi_lan_endpoint *ep)
{
	struct rakp_test *t = test->priv;
	struct ipmi_lan_login login;
	bool ok;

	ok = !ipmi_lan_user_find_login(t->srv, "admin", 5, &ep->addr, &login);
	memzero_explicit(&login, sizeof(login));
	return ok;
}

/* --- whole logins with known answers ------------------------------------- */

struct kat_case {
	const char *desc;
	u8 suite;
	bool kg;
	const u8 *rakp2, *rakp4, *integ, *conf;
	unsigned int rakp2_len, rakp4_len, integ_len;
};

#define KAT(id, alg, integ_vec, conf_vec) {				\
	"suite " #id, id, false,					\
	vec_hs_##alg##_rakp2, vec_hs_##alg##_rakp4, integ_vec, conf_vec, \
	sizeof(vec_hs_##alg##_rakp2), sizeof(vec_hs_##alg##_rakp4),	\
	sizeof(integ_vec) }
#define KAT_KG(id, alg, integ_vec, conf_vec) {				\
	"suite " #id " with K_G", id, true,				\
	vec_hs_##alg##_rakp2, vec_hs_##alg##_kg_rakp4, integ_vec, conf_vec, \
	sizeof(vec_hs_##alg##_rakp2), sizeof(vec_hs_##alg##_kg_rakp4),	\
	sizeof(integ_vec) }

static const struct kat_case kat_cases[] = {
	KAT(2, sha1, vec_hs_sha1_integ, NULL),
	KAT(3, sha1, vec_hs_sha1_integ, vec_hs_sha1_conf),
	KAT(7, md5, vec_hs_md5_integ, NULL),
	KAT(8, md5, vec_hs_md5_integ, vec_hs_md5_conf),
	KAT(11, md5, vec_hs_md5_128, NULL),
	KAT(12, md5, vec_hs_md5_128, vec_hs_md5_conf),
	KAT(16, sha256, vec_hs_sha256_integ, NULL),
	KAT(17, sha256, vec_hs_sha256_integ, vec_hs_sha256_conf),
	KAT_KG(3, sha1, vec_hs_sha1_kg_integ, vec_hs_sha1_kg_conf),
	KAT_KG(8, md5, vec_hs_md5_kg_integ, vec_hs_md5_kg_conf),
	/* MD5-128 is keyed with the password, K_G or not. */
	KAT_KG(12, md5, vec_hs_md5_128, vec_hs_md5_kg_conf),
	KAT_KG(17, sha256, vec_hs_sha256_kg_integ, vec_hs_sha256_kg_conf),
};

static void kat_desc(const struct kat_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(kat, kat_cases, kat_desc);

/* What the active session's keys compute, against the known answers. */
static void expect_keys(struct kunit *test, const struct ipmi_lan_session *s,
			const struct kat_case *c)
{
	const struct ipmi_lan_suite *suite = ipmi_lan_suite_by_id(c->suite);
	u8 code[MAX_AUTHCODE_LEN];
	u8 *buf;

	KUNIT_EXPECT_EQ(test, s->keys.integ, suite->integ);
	KUNIT_EXPECT_EQ(test, s->keys.conf, suite->conf);
	KUNIT_ASSERT_EQ(test, ipmi_lan_integ_len(s->keys.integ), c->integ_len);
	KUNIT_ASSERT_EQ(test, ipmi_lan_authcode(&s->keys, vec_hs_packet,
						sizeof(vec_hs_packet), code), 0);
	expect_mem(test, code, c->integ, c->integ_len, "integrity AuthCode");
	if (!c->conf) {
		KUNIT_EXPECT_NULL(test, s->keys.aes);
		return;
	}
	/* Not on the stack: it goes into a scatterlist. */
	buf = kunit_kmalloc(test, sizeof(vec_hs_plain), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, vec_hs_plain, sizeof(vec_hs_plain));
	KUNIT_ASSERT_EQ(test, ipmi_lan_encrypt(&s->keys, vec_hs_iv, buf,
					       sizeof(vec_hs_plain)), 0);
	expect_mem(test, buf, c->conf, sizeof(vec_hs_plain), "AES-CBC-128");
}

static void handshake_kat_test(struct kunit *test)
{
	const struct kat_case *c = test->param_value;
	const struct ipmi_lan_suite *suite = ipmi_lan_suite_by_id(c->suite);
	struct rakp_test *t = test->priv;
	const u8 *rakp3;
	struct ipmi_lan_session *s;
	unsigned int rakp3_len;
	struct reply r;
	u8 m[64];

	if (c->kg)
		set_channel(test, edit_kg, 0);

	/* Open Session: the suite's algorithms, explicitly. */
	queue_id(test, SIDC);
	exchange(test, &t->console, RMCPP_PAYLOAD_OPEN_REQ, m,
		 open_suite(m, IPMI_PRIV_ADMIN, c->suite), &r);
	KUNIT_ASSERT_EQ(test, r.len, 36U);
	KUNIT_EXPECT_EQ(test, r.p[0], TAG);
	KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	KUNIT_EXPECT_EQ(test, r.p[2], IPMI_PRIV_ADMIN);
	KUNIT_EXPECT_EQ(test, r.p[3], 0);
	expect_mem(test, r.p + 4, vec_hs_sidm, 4, "SIDm");
	expect_mem(test, r.p + 8, vec_hs_sidc, 4, "SIDc");
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(r.p + 12), 0x00000008U);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(r.p + 16), suite->auth << 24);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(r.p + 20), 0x01000008U);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(r.p + 24), suite->integ << 24);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(r.p + 28), 0x02000008U);
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(r.p + 32), suite->conf << 24);
	s = find(test, SIDC);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_EQ(test, s->state, SESSION_PENDING_OPEN);
	KUNIT_EXPECT_PTR_EQ(test, s->suite, suite);
	KUNIT_EXPECT_EQ(test, s->console_id, SIDM);
	ipmi_lan_session_put(s);

	/* RAKP1 -> RAKP2 with Rc, the GUID and the key exchange auth code. */
	queue_rc(test, vec_hs_rc);
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m,
		 rakp1_admin(m, SIDC), &r);
	KUNIT_ASSERT_EQ(test, r.len, 40 + c->rakp2_len);
	KUNIT_EXPECT_EQ(test, r.p[0], TAG);
	KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(r.p + 2), 0);
	expect_mem(test, r.p + 4, vec_hs_sidm, 4, "RAKP2 SIDm");
	expect_mem(test, r.p + 8, vec_hs_rc, RAND_LEN, "RAKP2 Rc");
	expect_mem(test, r.p + 24, vec_hs_guid, GUID_LEN, "RAKP2 GUID");
	expect_mem(test, r.p + 40, c->rakp2, c->rakp2_len, "RAKP2 auth code");
	s = find(test, SIDC);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_EQ(test, s->state, SESSION_PENDING_RAKP3);
	KUNIT_EXPECT_EQ(test, s->user_id, ADMIN_ID);
	/* Kuid is the password, zero-padded, until activation. */
	KUNIT_EXPECT_EQ(test, memcmp(s->hs->kuid, vec_hs_password,
				     sizeof(vec_hs_password)), 0);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(s->hs->kuid + sizeof(vec_hs_password),
					    0, KEY_LEN -
					    sizeof(vec_hs_password)));
	ipmi_lan_session_put(s);

	/* RAKP3 with the right auth code -> RAKP4 with the ICV. */
	rakp3 = rakp3_code(c->suite, &rakp3_len);
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
		 rakp3_msg(m, RMCPP_STATUS_OK, SIDC, rakp3, rakp3_len), &r);
	KUNIT_ASSERT_EQ(test, r.len, RAKP_HDR_LEN + c->rakp4_len);
	KUNIT_EXPECT_EQ(test, r.p[0], TAG);
	KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(r.p + 2), 0);
	expect_mem(test, r.p + 4, vec_hs_sidm, 4, "RAKP4 SIDm");
	expect_mem(test, r.p + 8, c->rakp4, c->rakp4_len, "RAKP4 ICV");

	/*
	 * The session is active, with the keys; the handshake's scratch
	 * (Rm, Rc, name, Kuid) is gone.
	 */
	s = find(test, SIDC);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_EQ(test, s->state, SESSION_ACTIVE);
	KUNIT_EXPECT_NE(test, s->handle, 0);
	KUNIT_EXPECT_EQ(test, s->priv, IPMI_PRIV_USER);
	KUNIT_EXPECT_EQ(test, s->max_priv, IPMI_PRIV_ADMIN);
	KUNIT_EXPECT_EQ(test, s->user_id, ADMIN_ID);
	KUNIT_EXPECT_NULL(test, s->hs);
	expect_keys(test, s, c);
	ipmi_lan_session_put(s);
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_active, 1U);
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_pending, 0U);
	KUNIT_EXPECT_EQ(test, all_drops(), 0U);
	KUNIT_EXPECT_EQ(test, fake_random.rc_drawn, 1U);
}

/* --- Open Session: the choice and the refusals --------------------------- */

enum open_tweak { OPEN_AS_IS, OPEN_REC_TYPE, OPEN_REC_LEN };

struct open_case {
	const char *desc;
	u8 priv;
	int auth, integ, conf;
	unsigned int len;		/* 0: 32 */
	u32 console_id;			/* 0: SIDm */
	enum open_tweak tweak;
	u32 suites;			/* the channel's; 0: all supported */
	u8 ch_priv;			/* the channel's limit; 0: admin */
	u8 status;
	u8 want_suite, want_priv;	/* when status is 0 */
};

static const struct open_case open_cases[] = {
	{ "suite 17 asked", 4, 3, 4, 1, .want_suite = 17, .want_priv = 4 },
	{ "suite 2 asked", 4, 1, 1, 0, .want_suite = 2, .want_priv = 4 },
	{ "any, all suites", 4, ANY, ANY, ANY, .want_suite = 17,
	  .want_priv = 4 },
	{ "any, suites 3 and 17", 4, ANY, ANY, ANY,
	  .suites = BIT(3) | BIT(17), .want_suite = 17, .want_priv = 4 },
	{ "any, suite 3 only", 4, ANY, ANY, ANY, .suites = BIT(3),
	  .want_suite = 3, .want_priv = 4 },
	{ "SHA1, the rest any", 4, 1, ANY, ANY, .want_suite = 3,
	  .want_priv = 4 },
	{ "MD5, the rest any", 4, 2, ANY, ANY, .want_suite = 8,
	  .want_priv = 4 },
	{ "MD5-128 integrity, the rest any", 4, ANY, 3, ANY,
	  .want_suite = 12, .want_priv = 4 },
	{ "privilege 0 is the highest", 0, 3, 4, 1, .want_suite = 17,
	  .want_priv = 4 },
	{ "privilege 0 on an operator channel", 0, 3, 4, 1, .ch_priv = 3,
	  .want_suite = 17, .want_priv = 3 },
	{ "privilege 0 with suite 1 (user cap)", 0, 1, 0, 0,
	  .want_suite = 1, .want_priv = 2 },
	{ "callback", 1, 3, 4, 1, .want_suite = 17, .want_priv = 1 },
	{ "31 bytes", 4, 3, 4, 1, .len = 31,
	  .status = RMCPP_STATUS_ILLEGAL_PARAMETER },
	{ "33 bytes", 4, 3, 4, 1, .len = 33,
	  .status = RMCPP_STATUS_ILLEGAL_PARAMETER },
	{ "SIDm 0", 4, 3, 4, 1, .console_id = 0xffffffff,
	  .status = RMCPP_STATUS_ILLEGAL_PARAMETER },
	{ "record of the wrong type", 4, 3, 4, 1, .tweak = OPEN_REC_TYPE,
	  .status = RMCPP_STATUS_ILLEGAL_PARAMETER },
	{ "record of length 4", 4, 3, 4, 1, .tweak = OPEN_REC_LEN,
	  .status = RMCPP_STATUS_ILLEGAL_PARAMETER },
	{ "privilege 6", 6, 3, 4, 1, .status = RMCPP_STATUS_INVALID_ROLE },
	{ "privilege with reserved bits", 0x14, 3, 4, 1,
	  .status = RMCPP_STATUS_INVALID_ROLE },
	{ "authentication none", 4, 0, 4, 1,
	  .status = RMCPP_STATUS_INVALID_AUTH_ALG },
	{ "authentication 4", 4, 4, 4, 1,
	  .status = RMCPP_STATUS_INVALID_AUTH_ALG },
	{ "integrity 5", 4, 3, 5, 1,
	  .status = RMCPP_STATUS_INVALID_INTEG_ALG },
	{ "confidentiality xRC4-128", 4, 3, 4, 2,
	  .status = RMCPP_STATUS_INVALID_CONF_ALG },
	{ "suite 2 not enabled", 4, 1, 1, 0, .suites = BIT(3) | BIT(17),
	  .status = RMCPP_STATUS_NO_CIPHER_SUITE_MATCH },
	{ "no suite has these", 4, 3, 1, 1,
	  .status = RMCPP_STATUS_NO_CIPHER_SUITE_MATCH },
	{ "any, no SHA256 suite enabled", 4, 3, ANY, ANY, .suites = BIT(3),
	  .status = RMCPP_STATUS_NO_CIPHER_SUITE_MATCH },
	{ "administrator on an operator channel", 4, 3, 4, 1, .ch_priv = 3,
	  .status = RMCPP_STATUS_UNAUTHORIZED_ROLE },
	{ "operator with suite 1 (user cap)", 3, 1, 0, 0,
	  .status = RMCPP_STATUS_UNAUTHORIZED_ROLE },
	{ "OEM on an administrator channel", 5, 3, 4, 1,
	  .status = RMCPP_STATUS_UNAUTHORIZED_ROLE },
};

static void open_desc(const struct open_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(open, open_cases, open_desc);

static void edit_open(struct ipmi_lan_channel *ch, long arg)
{
	const struct open_case *c = (const struct open_case *)arg;

	if (c->suites)
		ch->suites = c->suites;
	if (c->ch_priv)
		ch->privilege = c->ch_priv;
}

static void open_session_test(struct kunit *test)
{
	const struct open_case *c = test->param_value;
	u32 console_id = c->console_id == 0xffffffff ? 0 :
			 c->console_id ?: SIDM;
	struct rakp_test *t = test->priv;
	const struct ipmi_lan_suite *suite;
	struct ipmi_lan_session *s;
	struct reply r;
	u8 m[64] = {};

	set_channel(test, edit_open, (long)c);
	open_req(m, c->priv, console_id, c->auth, c->integ, c->conf);
	if (c->tweak == OPEN_REC_TYPE)
		m[16] = 2;		/* integrity record, type conf */
	if (c->tweak == OPEN_REC_LEN)
		m[27] = 4;
	exchange(test, &t->console, RMCPP_PAYLOAD_OPEN_REQ, m,
		 c->len ?: OPEN_REQ_LEN, &r);
	if (c->status) {
		expect_status(test, &r, c->status, console_id);
		KUNIT_EXPECT_EQ(test, t->srv->sessions.n_pending, 0U);
		return;
	}

	suite = ipmi_lan_suite_by_id(c->want_suite);
	KUNIT_ASSERT_EQ(test, r.len, 36U);
	KUNIT_EXPECT_EQ(test, r.p[0], TAG);
	KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	KUNIT_EXPECT_EQ(test, r.p[2], c->want_priv);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(r.p + 4), console_id);
	KUNIT_EXPECT_EQ(test, r.p[16], suite->auth);
	KUNIT_EXPECT_EQ(test, r.p[24], suite->integ);
	KUNIT_EXPECT_EQ(test, r.p[32], suite->conf);
	s = find(test, get_unaligned_le32(r.p + 8));
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_EQ(test, s->state, SESSION_PENDING_OPEN);
	KUNIT_EXPECT_EQ(test, s->suite->id, c->want_suite);
	KUNIT_EXPECT_EQ(test, s->max_priv, c->want_priv);
	KUNIT_EXPECT_TRUE(test, same_ep(&s->origin, &t->console));
	ipmi_lan_session_put(s);
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_pending, 1U);
}

/* --- RAKP1: the refusals ------------------------------------------------- */

struct rakp1_case {
	const char *desc;
	const char *name;
	int ulen;			/* -1: strlen(name) */
	u8 role;
	int len_delta;			/* bytes cut (<0) or added (>0) */
	u8 open_priv;			/* 0: administrator */
	bool locked;			/* admin locked out from the console */
	u8 status;
};

static const struct rakp1_case rakp1_cases[] = {
	{ "admin, administrator", "admin", -1, 0x14 },
	{ "admin, name and privilege lookup", "admin", -1, 0x04 },
	{ "admin, user", "admin", -1, 0x12 },
	{ "oper, operator", "oper", -1, 0x13 },
	{ "unknown user", "nobody", -1, 0x14,
	  .status = RMCPP_STATUS_UNAUTHORIZED_NAME },
	{ "name of another case", "Admin", -1, 0x14,
	  .status = RMCPP_STATUS_UNAUTHORIZED_NAME },
	{ "a prefix of the name", "admi", -1, 0x14,
	  .status = RMCPP_STATUS_UNAUTHORIZED_NAME },
	{ "disabled user", "off", -1, 0x14,
	  .status = RMCPP_STATUS_UNAUTHORIZED_NAME },
	{ "user without IPMI messaging", "nomsg", -1, 0x14,
	  .status = RMCPP_STATUS_UNAUTHORIZED_NAME },
	{ "null user", "", -1, 0x14,
	  .status = RMCPP_STATUS_UNAUTHORIZED_NAME },
	{ "locked out", "admin", -1, 0x14, .locked = true,
	  .status = RMCPP_STATUS_UNAUTHORIZED_NAME },
	{ "name of 17", "0123456789abcdefg", -1, 0x14,
	  .status = RMCPP_STATUS_INVALID_NAME_LEN },
	{ "privilege 0", "admin", -1, 0x10,
	  .status = RMCPP_STATUS_INVALID_ROLE },
	{ "privilege 6", "admin", -1, 0x16,
	  .status = RMCPP_STATUS_INVALID_ROLE },
	{ "reserved role bit 5", "admin", -1, 0x34,
	  .status = RMCPP_STATUS_INVALID_ROLE },
	{ "reserved role bit 7", "admin", -1, 0x94,
	  .status = RMCPP_STATUS_INVALID_ROLE },
	{ "admin, OEM", "admin", -1, 0x15,
	  .status = RMCPP_STATUS_UNAUTHORIZED_ROLE },
	{ "oper, administrator", "oper", -1, 0x14,
	  .status = RMCPP_STATUS_UNAUTHORIZED_ROLE },
	{ "above the Open Session's", "admin", -1, 0x14, .open_priv = 3,
	  .status = RMCPP_STATUS_UNAUTHORIZED_ROLE },
	{ "the name's last byte missing", "admin", -1, 0x14, .len_delta = -1,
	  .status = RMCPP_STATUS_ILLEGAL_PARAMETER },
	{ "a byte after the name", "admin", -1, 0x14, .len_delta = 1,
	  .status = RMCPP_STATUS_ILLEGAL_PARAMETER },
	{ "length 5, name of 4", "admi", 5, 0x14,
	  .status = RMCPP_STATUS_ILLEGAL_PARAMETER },
};

static void rakp1_desc(const struct rakp1_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(rakp1, rakp1_cases, rakp1_desc);

static void rakp1_test(struct kunit *test)
{
	const struct rakp1_case *c = test->param_value;
	unsigned int ulen = c->ulen < 0 ? strlen(c->name) : c->ulen;
	struct rakp_test *t = test->priv;
	struct ipmi_lan_session *s;
	struct reply r;
	u8 m[64] = {};
	u32 bmc_id;

	if (c->locked) {
		set_channel(test, edit_lockout, 1);
		ipmi_lan_user_login_failed(t->srv, ADMIN_ID, &t->console.addr);
	}
	queue_id(test, SIDC);
	exchange(test, &t->console, RMCPP_PAYLOAD_OPEN_REQ, m,
		 open_suite(m, c->open_priv ?: IPMI_PRIV_ADMIN, 17), &r);
	KUNIT_ASSERT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	bmc_id = get_unaligned_le32(r.p + 8);

	rakp1_msg(m, bmc_id, c->role, c->name, strlen(c->name));
	m[27] = ulen;
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m,
		 RAKP1_MIN_LEN + strlen(c->name) + c->len_delta, &r);
	s = find(test, bmc_id);
	KUNIT_ASSERT_NOT_NULL(test, s);
	if (c->status) {
		expect_status(test, &r, c->status, SIDM);
		/* Nothing changed: still waiting for a RAKP1, no Rc drawn. */
		KUNIT_EXPECT_EQ(test, s->state, SESSION_PENDING_OPEN);
		KUNIT_EXPECT_EQ(test, fake_random.rc_drawn, 0U);
		KUNIT_EXPECT_TRUE(test, !memchr_inv(s->hs->kuid, 0, KEY_LEN));
	} else {
		KUNIT_EXPECT_EQ(test, r.len, 40U + 32);
		KUNIT_EXPECT_EQ(test, r.p[0], TAG);
		KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
		KUNIT_EXPECT_EQ(test, s->state, SESSION_PENDING_RAKP3);
		KUNIT_EXPECT_EQ(test, s->max_priv, c->role & 0x0f);
		KUNIT_EXPECT_EQ(test, fake_random.rc_drawn, 1U);
	}
	ipmi_lan_session_put(s);
	KUNIT_EXPECT_EQ(test, all_drops(), 0U);
}

/* --- messages in the wrong state ------------------------------------------ */

/* RAKP3 while RAKP1 is awaited: 02h, and the login goes on. */
static void rakp3_before_rakp1_test(struct kunit *test)
{
	struct rakp_test *t = test->priv;
	struct reply r;
	u8 m[64];

	open_ok(test, &t->console, 17, SIDC);
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
		 rakp3_msg(m, RMCPP_STATUS_OK, SIDC, vec_hs_sha256_rakp3,
			   sizeof(vec_hs_sha256_rakp3)), &r);
	expect_status(test, &r, RMCPP_STATUS_INVALID_SESSION_ID, SIDM);
	KUNIT_EXPECT_EQ(test, state_of(test, SIDC), SESSION_PENDING_OPEN);

	queue_rc(test, vec_hs_rc);
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m,
		 rakp1_admin(m, SIDC), &r);
	KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
		 rakp3_msg(m, RMCPP_STATUS_OK, SIDC, vec_hs_sha256_rakp3,
			   sizeof(vec_hs_sha256_rakp3)), &r);
	KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	KUNIT_EXPECT_EQ(test, state_of(test, SIDC), SESSION_ACTIVE);
	KUNIT_EXPECT_EQ(test, all_drops(), 0U);
}

/* RAKP1 and RAKP3 naming no session: 02h, with SIDm 0 (not known). */
static void unknown_session_test(struct kunit *test)
{
	static const u32 ids[] = { 0, SIDC, 0x12345679 };
	struct rakp_test *t = test->priv;
	struct reply r;
	unsigned int i;
	u8 m[64];

	open_ok(test, &t->console, 17, 0x0badcafe);
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m,
			 rakp1_admin(m, ids[i]), &r);
		expect_status(test, &r, RMCPP_STATUS_INVALID_SESSION_ID, 0);
		exchange(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
			 rakp3_msg(m, RMCPP_STATUS_OK, ids[i],
				   vec_hs_sha256_rakp3,
				   sizeof(vec_hs_sha256_rakp3)), &r);
		expect_status(test, &r, RMCPP_STATUS_INVALID_SESSION_ID, 0);
	}
	KUNIT_EXPECT_EQ(test, state_of(test, 0x0badcafe), SESSION_PENDING_OPEN);
	KUNIT_EXPECT_EQ(test, fake_random.rc_drawn, 0U);
}

/*
 * After activation the handshake is over: RAKP3 again (as a console
 * whose RAKP4 was lost would send it) and RAKP1 again get 02h, and the
 * session keeps its keys and handle, draws no new Rc (it keeps none:
 * the handshake's scratch went at activation); no failure is charged.
 */
static void after_activation_test(struct kunit *test)
{
	struct rakp_test *t = test->priv;
	struct ipmi_lan_session *s;
	struct reply r;
	u8 handle;
	u8 m[64];

	set_channel(test, edit_lockout, 1);
	login(test, &t->console, 17);
	s = find(test, SIDC);
	KUNIT_ASSERT_NOT_NULL(test, s);
	handle = s->handle;
	KUNIT_EXPECT_NULL(test, s->hs);

	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
		 rakp3_msg(m, RMCPP_STATUS_OK, SIDC, vec_hs_sha256_rakp3,
			   sizeof(vec_hs_sha256_rakp3)), &r);
	expect_status(test, &r, RMCPP_STATUS_INVALID_SESSION_ID, SIDM);
	m[8] ^= 1;		/* and with a bad auth code */
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
		 RAKP_HDR_LEN + sizeof(vec_hs_sha256_rakp3), &r);
	expect_status(test, &r, RMCPP_STATUS_INVALID_SESSION_ID, SIDM);
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m,
		 rakp1_admin(m, SIDC), &r);
	expect_status(test, &r, RMCPP_STATUS_INVALID_SESSION_ID, SIDM);

	KUNIT_EXPECT_EQ(test, s->state, SESSION_ACTIVE);
	KUNIT_EXPECT_EQ(test, s->handle, handle);
	KUNIT_EXPECT_NULL(test, s->hs);
	KUNIT_EXPECT_EQ(test, fake_random.rc_drawn, 1U);
	KUNIT_EXPECT_EQ(test, s->keys.integ, INTEG_HMAC_SHA256_128);
	KUNIT_EXPECT_NOT_NULL(test, s->keys.aes);
	ipmi_lan_session_put(s);
	KUNIT_EXPECT_TRUE(test, admin_can_login_from(test, &t->console));
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_active, 1U);
}

/*
 * Open Session again (its response lost): each one opens a session of its
 * own, and a source keeps at most four pending, the oldest evicted.
 */
static void open_session_retransmit_test(struct kunit *test)
{
	static const u32 ids[] = { 0x1001, 0x1002, 0x1003, 0x1004 };
	struct rakp_test *t = test->priv;
	struct reply r;
	unsigned int i;
	u8 m[64];

	for (i = 0; i < ARRAY_SIZE(ids); i++)
		open_ok(test, &t->console, 17, ids[i]);
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		struct ipmi_lan_session *s = find(test, ids[i]);

		KUNIT_ASSERT_NOT_NULL(test, s);
		KUNIT_EXPECT_EQ(test, s->state, SESSION_PENDING_OPEN);
		/*
		 * Ages a second apart, oldest first: opened within one
		 * jiffy they would tie, and which one is evicted is then
		 * the table's order.
		 */
		spin_lock_bh(&t->srv->sessions.lock);
		s->created = jiffies - (ARRAY_SIZE(ids) - i) * HZ;
		spin_unlock_bh(&t->srv->sessions.lock);
		ipmi_lan_session_put(s);
	}
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_pending, 4U);

	open_ok(test, &t->console, 17, SIDC);
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_pending, 4U);
	KUNIT_EXPECT_EQ(test, state_of(test, ids[0]), SESSION_DEAD);
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m,
		 rakp1_admin(m, ids[0]), &r);
	expect_status(test, &r, RMCPP_STATUS_INVALID_SESSION_ID, 0);

	/* The newest one logs in. */
	queue_rc(test, vec_hs_rc);
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m,
		 rakp1_admin(m, SIDC), &r);
	KUNIT_ASSERT_EQ(test, r.len, 40U + 32);
	expect_mem(test, r.p + 40, vec_hs_sha256_rakp2, 32, "RAKP2 auth code");
}

/*
 * RAKP1 again while RAKP3 is awaited (RAKP2 lost): answered with a new
 * Rc and the auth code for it, and RAKP3 must answer the newest RAKP2.
 */
static void rakp1_retransmit_test(struct kunit *test)
{
	struct rakp_test *t = test->priv;
	u8 first[32];
	struct reply r;
	u8 m[64];

	open_ok(test, &t->console, 17, SIDC);
	queue_rc(test, other_rc);
	queue_rc(test, vec_hs_rc);
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m,
		 rakp1_admin(m, SIDC), &r);
	KUNIT_ASSERT_EQ(test, r.len, 40U + 32);
	expect_mem(test, r.p + 8, other_rc, RAND_LEN, "first Rc");
	memcpy(first, r.p + 40, 32);

	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m,
		 rakp1_admin(m, SIDC), &r);
	KUNIT_ASSERT_EQ(test, r.len, 40U + 32);
	KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	expect_mem(test, r.p + 8, vec_hs_rc, RAND_LEN, "second Rc");
	expect_mem(test, r.p + 40, vec_hs_sha256_rakp2, 32, "RAKP2 auth code");
	KUNIT_EXPECT_NE(test, memcmp(first, vec_hs_sha256_rakp2, 32), 0);
	KUNIT_EXPECT_EQ(test, fake_random.rc_drawn, 2U);

	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
		 rakp3_msg(m, RMCPP_STATUS_OK, SIDC, vec_hs_sha256_rakp3,
			   sizeof(vec_hs_sha256_rakp3)), &r);
	KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	expect_mem(test, r.p + 8, vec_hs_sha256_rakp4, 16, "RAKP4 ICV");
	KUNIT_EXPECT_EQ(test, state_of(test, SIDC), SESSION_ACTIVE);
}

/*
 * What rakp.c does today when the first RAKP2 was only late: a RAKP3
 * answering it, after a retransmitted RAKP1 drew a new Rc, is a bad auth
 * code (0Fh, closed, a failure charged).
 */
static void rakp1_retransmit_late_rakp3_test(struct kunit *test)
{
	struct rakp_test *t = test->priv;
	struct reply r;
	u8 m[64];

	set_channel(test, edit_lockout, 1);
	to_rakp3(test, &t->console, 17, SIDC, vec_hs_rc);
	queue_rc(test, other_rc);
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m,
		 rakp1_admin(m, SIDC), &r);
	expect_mem(test, r.p + 8, other_rc, RAND_LEN, "second Rc");

	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
		 rakp3_msg(m, RMCPP_STATUS_OK, SIDC, vec_hs_sha256_rakp3,
			   sizeof(vec_hs_sha256_rakp3)), &r);
	expect_status(test, &r, RMCPP_STATUS_INVALID_INTEGRITY_VALUE, SIDM);
	KUNIT_EXPECT_EQ(test, state_of(test, SIDC), SESSION_DEAD);
	KUNIT_EXPECT_FALSE(test, admin_can_login_from(test, &t->console));
}

/* --- a bad RAKP3 ---------------------------------------------------------- */

struct bad_rakp3_case {
	const char *desc;
	u8 suite;
	unsigned int byte;	/* of the auth code, flipped */
	bool other_port;	/* RAKP3 from another port of the origin */
};

static const struct bad_rakp3_case bad_rakp3_cases[] = {
	{ "suite 3, first byte", 3, 0 },
	{ "suite 3, last byte", 3, 19 },
	{ "suite 17, first byte", 17, 0 },
	{ "suite 17, last byte", 17, 31 },
	{ "suite 8, byte 7", 8, 7 },
	{ "suite 17, from another port", 17, 5, true },
};

static void bad_rakp3_desc(const struct bad_rakp3_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_rakp3, bad_rakp3_cases, bad_rakp3_desc);

/*
 * 0Fh in RAKP4 (sent to the RAKP3's sender), the session closed, and a
 * failure charged to the Open Session's address: with a threshold of 1,
 * admin is locked out from there and only from there.
 */
static void bad_rakp3_test(struct kunit *test)
{
	const struct bad_rakp3_case *c = test->param_value;
	struct rakp_test *t = test->priv;
	struct ipmi_lan_endpoint from, elsewhere;
	struct ipmi_lan_session *s;
	unsigned int len;
	const u8 *code = rakp3_code(c->suite, &len);
	struct reply r;
	u8 m[64];

	set_channel(test, edit_lockout, 1);
	to_rakp3(test, &t->console, c->suite, SIDC, vec_hs_rc);
	s = find(test, SIDC);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_LT(test, c->byte, len);

	from = t->console;
	if (c->other_port)
		from.addr4.sin_port = htons(50000);
	rakp3_msg(m, RMCPP_STATUS_OK, SIDC, code, len);
	m[RAKP_HDR_LEN + c->byte] ^= 0x80;
	exchange(test, &from, RMCPP_PAYLOAD_RAKP3, m, RAKP_HDR_LEN + len, &r);
	KUNIT_EXPECT_EQ(test, r.ptype, RMCPP_PAYLOAD_RAKP4);
	expect_status(test, &r, RMCPP_STATUS_INVALID_INTEGRITY_VALUE, SIDM);
	KUNIT_EXPECT_TRUE(test, same_ep(&r.ep, &from));

	KUNIT_EXPECT_EQ(test, s->state, SESSION_DEAD);
	KUNIT_EXPECT_NULL(test, find(test, SIDC));
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_pending, 0U);
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_active, 0U);
	ipmi_lan_session_put(s);

	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_locked(t->srv, ADMIN_ID));
	KUNIT_EXPECT_FALSE(test, admin_can_login_from(test, &t->console));
	ep4(&elsewhere, 2, 49152);
	KUNIT_EXPECT_TRUE(test, admin_can_login_from(test, &elsewhere));

	/* The right code is too late: the session is gone. */
	exchange(test, &from, RMCPP_PAYLOAD_RAKP3, m,
		 rakp3_msg(m, RMCPP_STATUS_OK, SIDC, code, len), &r);
	expect_status(test, &r, RMCPP_STATUS_INVALID_SESSION_ID, 0);
	/* And the lockout holds at the next RAKP1 from there. */
	open_ok(test, &t->console, c->suite, 0x2222);
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m,
		 rakp1_admin(m, 0x2222), &r);
	expect_status(test, &r, RMCPP_STATUS_UNAUTHORIZED_NAME, SIDM);
	KUNIT_EXPECT_EQ(test, all_drops(), 0U);
}

/* A good login forgets the source's earlier failures. */
static void login_clears_failures_test(struct kunit *test)
{
	struct rakp_test *t = test->priv;

	set_channel(test, edit_lockout, 3);
	ipmi_lan_user_login_failed(t->srv, ADMIN_ID, &t->console.addr);
	ipmi_lan_user_login_failed(t->srv, ADMIN_ID, &t->console.addr);
	login(test, &t->console, 3);
	ipmi_lan_user_login_failed(t->srv, ADMIN_ID, &t->console.addr);
	ipmi_lan_user_login_failed(t->srv, ADMIN_ID, &t->console.addr);
	KUNIT_EXPECT_TRUE(test, admin_can_login_from(test, &t->console));
	ipmi_lan_user_login_failed(t->srv, ADMIN_ID, &t->console.addr);
	KUNIT_EXPECT_FALSE(test, admin_can_login_from(test, &t->console));
}

/* The console gives up (an error status in RAKP3): closed, no answer. */
static void rakp3_error_status_test(struct kunit *test)
{
	static const u8 statuses[] = {
		RMCPP_STATUS_INVALID_INTEGRITY_VALUE,
		RMCPP_STATUS_UNAUTHORIZED_GUID,
		RMCPP_STATUS_NO_RESOURCES,
	};
	struct rakp_test *t = test->priv;
	unsigned int i;
	u8 m[64];

	set_channel(test, edit_lockout, 1);
	for (i = 0; i < ARRAY_SIZE(statuses); i++) {
		u32 id = to_rakp3(test, &t->console, 17, 0x3000 + i, NULL);

		expect_silence(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
			       rakp3_msg(m, statuses[i], id, NULL, 0));
		KUNIT_EXPECT_EQ(test, state_of(test, id), SESSION_DEAD);
		KUNIT_EXPECT_EQ(test, all_drops(), 0U);
	}
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_pending, 0U);
	KUNIT_EXPECT_TRUE(test, admin_can_login_from(test, &t->console));
}

enum user_change {
	LOCKED,			/* by another login's bad RAKP3 */
	NEW_KEY,		/* the record replaced, not yet revoked */
	NEW_ID,			/* the name moved to another id, ditto */
	CHANGED,		/* a new password through user.c */
};

struct user_change_case {
	const char *desc;
	enum user_change change;
	u8 status;
	u32 console_id;		/* in the reply */
};

static const struct user_change_case user_change_cases[] = {
	{ "locked out from the console", LOCKED,
	  RMCPP_STATUS_UNAUTHORIZED_NAME, SIDM },
	{ "new password, not revoked yet", NEW_KEY,
	  RMCPP_STATUS_UNAUTHORIZED_NAME, SIDM },
	{ "name at another id, not revoked yet", NEW_ID,
	  RMCPP_STATUS_UNAUTHORIZED_NAME, SIDM },
	{ "new password, revoked", CHANGED,
	  RMCPP_STATUS_INVALID_SESSION_ID, 0 },
};

static void user_change_desc(const struct user_change_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(user_change, user_change_cases, user_change_desc);

/*
 * Replaces admin's record as a racing writer would, before the
 * revocation that ipmi_lan_user_change() does after the swap: the copy
 * gets the password and goes in at new_id (ADMIN_ID is emptied if they
 * differ).
 */
static void swap_admin(struct kunit *test, u8 new_id, const char *password)
{
	struct rakp_test *t = test->priv;
	struct ipmi_lan_users *users = &t->srv->users;
	struct ipmi_lan_user *old, *new;

	new = kzalloc(sizeof(*new), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, new);
	spin_lock_bh(&users->lock);
	old = rcu_dereference_protected(users->by_id[ADMIN_ID],
					lockdep_is_held(&users->lock));
	memcpy(new, old, sizeof(*new));
	new->id = new_id;
	memset(new->key, 0, sizeof(new->key));
	memcpy(new->key, password, strlen(password));
	RCU_INIT_POINTER(users->by_id[ADMIN_ID], NULL);
	rcu_assign_pointer(users->by_id[new_id], new);
	spin_unlock_bh(&users->lock);
	synchronize_rcu();
	kfree_sensitive(old);
}

/*
 * The user is looked up again at RAKP3, after a right auth code (Kuid as
 * it was at RAKP1): locked out, another password or another id since
 * then is 0Dh and closes the session. A change through user.c closes the
 * session itself, so RAKP3 finds none.
 */
static void rakp3_user_changed_test(struct kunit *test)
{
	const struct user_change_case *c = test->param_value;
	struct rakp_test *t = test->priv;
	struct ipmi_lan_user_change change = {
		.set_password = true,
		.password = "newsecret",
		.password_len = 9,
	};
	struct reply r;
	u8 m[64];

	set_channel(test, edit_lockout, 1);
	to_rakp3(test, &t->console, 17, SIDC, vec_hs_rc);
	switch (c->change) {
	case LOCKED:
		to_rakp3(test, &t->console, 17, 0x4444, other_rc);
		exchange(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
			 rakp3_msg(m, RMCPP_STATUS_OK, 0x4444,
				   vec_hs_sha256_rakp3,
				   sizeof(vec_hs_sha256_rakp3)), &r);
		expect_status(test, &r, RMCPP_STATUS_INVALID_INTEGRITY_VALUE,
			      SIDM);
		break;
	case NEW_KEY:
		swap_admin(test, ADMIN_ID, "newsecret");
		break;
	case NEW_ID:
		swap_admin(test, 6, "opensesame");
		break;
	case CHANGED:
		KUNIT_ASSERT_EQ(test, ipmi_lan_user_change(t->srv, ADMIN_ID,
							   &change, GFP_KERNEL,
							   NULL), 0);
		break;
	}

	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
		 rakp3_msg(m, RMCPP_STATUS_OK, SIDC, vec_hs_sha256_rakp3,
			   sizeof(vec_hs_sha256_rakp3)), &r);
	expect_status(test, &r, c->status, c->console_id);
	KUNIT_EXPECT_EQ(test, state_of(test, SIDC), SESSION_DEAD);
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_active, 0U);
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_pending, 0U);
}

/* The active pool full at RAKP3: 01h, the session closed, Kuid gone. */
static void active_pool_full_test(struct kunit *test)
{
	struct rakp_test *t = test->priv;
	struct ipmi_lan_endpoint second;
	struct ipmi_lan_session *s;
	struct reply r;
	u8 m[64];

	set_channel(test, edit_max_sessions, 1);
	login(test, &t->console, 17);
	ep4(&second, 2, 623);
	to_rakp3(test, &second, 17, 0x5555, vec_hs_rc);
	s = find(test, 0x5555);
	KUNIT_ASSERT_NOT_NULL(test, s);
	/* RAKP3's auth code does not cover SIDc: the known one is right. */
	exchange(test, &second, RMCPP_PAYLOAD_RAKP3, m,
		 rakp3_msg(m, RMCPP_STATUS_OK, 0x5555, vec_hs_sha256_rakp3,
			   sizeof(vec_hs_sha256_rakp3)), &r);
	expect_status(test, &r, RMCPP_STATUS_NO_RESOURCES, SIDM);
	KUNIT_EXPECT_EQ(test, s->state, SESSION_DEAD);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(s->hs->kuid, 0, KEY_LEN));
	KUNIT_EXPECT_TRUE(test, !memchr_inv(&s->keys, 0, sizeof(s->keys)));
	ipmi_lan_session_put(s);
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_active, 1U);
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_pending, 0U);
	KUNIT_EXPECT_EQ(test, state_of(test, SIDC), SESSION_ACTIVE);
}

/* --- handshake messages from another address ------------------------------ */

enum foreign_msg { F_RAKP1, F_RAKP3_GOOD, F_RAKP3_BAD, F_RAKP3_ERROR };

struct foreign_case {
	const char *desc;
	bool v6;
	bool at_rakp3;		/* the session has had its RAKP1 */
	enum foreign_msg msg;
};

static const struct foreign_case foreign_cases[] = {
	{ "RAKP1 before the console's", false, false, F_RAKP1 },
	{ "RAKP1 after the console's", false, true, F_RAKP1 },
	{ "RAKP3 with the right code", false, true, F_RAKP3_GOOD },
	{ "RAKP3 with a bad code", false, true, F_RAKP3_BAD },
	{ "RAKP3 with an error status", false, true, F_RAKP3_ERROR },
	{ "IPv6, RAKP1, same /64", true, false, F_RAKP1 },
	{ "IPv6, RAKP3 bad, same /64", true, true, F_RAKP3_BAD },
};

static void foreign_desc(const struct foreign_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(foreign, foreign_cases, foreign_desc);

/*
 * Dropped without a reply and counted as IPMI_LAN_DROP_SOURCE; the
 * session is as it was (state, Rc), no failure is charged, and the
 * console then logs in.
 */
static void foreign_source_test(struct kunit *test)
{
	const struct foreign_case *c = test->param_value;
	struct rakp_test *t = test->priv;
	struct ipmi_lan_endpoint origin, spoof;
	struct ipmi_lan_session *s;
	enum ipmi_lan_session_state state;
	u8 rc[RAND_LEN];
	unsigned int drawn;
	struct reply r;
	u8 m[64];

	set_channel(test, edit_lockout, 1);
	if (c->v6) {
		ep6(&origin, 1, 1, 49152);
		ep6(&spoof, 1, 2, 49152);
	} else {
		origin = t->console;
		ep4(&spoof, 66, 49152);
	}
	if (c->at_rakp3)
		to_rakp3(test, &origin, 17, SIDC, vec_hs_rc);
	else
		open_ok(test, &origin, 17, SIDC);
	s = find(test, SIDC);
	KUNIT_ASSERT_NOT_NULL(test, s);
	state = s->state;
	memcpy(rc, s->hs->rc, RAND_LEN);
	drawn = fake_random.rc_drawn;

	switch (c->msg) {
	case F_RAKP1:
		queue_rc(test, other_rc);
		expect_silence(test, &spoof, RMCPP_PAYLOAD_RAKP1, m,
			       rakp1_admin(m, SIDC));
		break;
	case F_RAKP3_GOOD:
	case F_RAKP3_BAD:
		rakp3_msg(m, RMCPP_STATUS_OK, SIDC, vec_hs_sha256_rakp3,
			  sizeof(vec_hs_sha256_rakp3));
		if (c->msg == F_RAKP3_BAD)
			m[RAKP_HDR_LEN] ^= 1;
		expect_silence(test, &spoof, RMCPP_PAYLOAD_RAKP3, m,
			       RAKP_HDR_LEN + sizeof(vec_hs_sha256_rakp3));
		break;
	case F_RAKP3_ERROR:
		expect_silence(test, &spoof, RMCPP_PAYLOAD_RAKP3, m,
			       rakp3_msg(m, RMCPP_STATUS_NO_RESOURCES, SIDC,
					 NULL, 0));
		break;
	}
	KUNIT_EXPECT_EQ(test, drops(IPMI_LAN_DROP_SOURCE), 1U);
	KUNIT_EXPECT_EQ(test, all_drops(), 1U);
	KUNIT_EXPECT_EQ(test, s->state, state);
	KUNIT_EXPECT_EQ(test, memcmp(s->hs->rc, rc, RAND_LEN), 0);
	KUNIT_EXPECT_EQ(test, fake_random.rc_drawn, drawn);
	KUNIT_EXPECT_TRUE(test, admin_can_login_from(test, &origin));
	ipmi_lan_session_put(s);

	/* The console carries on. */
	if (!c->at_rakp3) {
		/* Forget the Rc the spoofed RAKP1 did not draw. */
		fake_random.n_rc = 0;
		fake_random.next_rc = 0;
		queue_rc(test, vec_hs_rc);
		exchange(test, &origin, RMCPP_PAYLOAD_RAKP1, m,
			 rakp1_admin(m, SIDC), &r);
		KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	}
	exchange(test, &origin, RMCPP_PAYLOAD_RAKP3, m,
		 rakp3_msg(m, RMCPP_STATUS_OK, SIDC, vec_hs_sha256_rakp3,
			   sizeof(vec_hs_sha256_rakp3)), &r);
	KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	KUNIT_EXPECT_EQ(test, state_of(test, SIDC), SESSION_ACTIVE);
}

/* The origin is an address: another port of it is the console still. */
static void origin_port_test(struct kunit *test)
{
	struct rakp_test *t = test->priv;
	struct ipmi_lan_endpoint port2 = t->console, port3 = t->console;
	struct reply r;
	u8 m[64];

	port2.addr4.sin_port = htons(2);
	port3.addr4.sin_port = htons(3);
	open_ok(test, &t->console, 17, SIDC);
	queue_rc(test, vec_hs_rc);
	exchange(test, &port2, RMCPP_PAYLOAD_RAKP1, m, rakp1_admin(m, SIDC),
		 &r);
	KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	KUNIT_EXPECT_TRUE(test, same_ep(&r.ep, &port2));
	exchange(test, &port3, RMCPP_PAYLOAD_RAKP3, m,
		 rakp3_msg(m, RMCPP_STATUS_OK, SIDC, vec_hs_sha256_rakp3,
			   sizeof(vec_hs_sha256_rakp3)), &r);
	KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
	KUNIT_EXPECT_TRUE(test, same_ep(&r.ep, &port3));
	KUNIT_EXPECT_EQ(test, state_of(test, SIDC), SESSION_ACTIVE);
	KUNIT_EXPECT_EQ(test, all_drops(), 0U);
}

/* --- every length of every message ---------------------------------------- */

/*
 * Open Session: under 8 bytes nothing to echo (dropped, counted as
 * truncated); any length but 32 is 12h; no session is made but by 32.
 */
static void open_lengths_test(struct kunit *test)
{
	struct rakp_test *t = test->priv;
	unsigned int len, pending = 0;
	struct reply r;
	u8 m[HS_MAX_PAYLOAD] = {};

	open_suite(m, IPMI_PRIV_ADMIN, 17);
	for (len = 0; len <= HS_MAX_PAYLOAD; len++) {
		if (len < RAKP_HDR_LEN) {
			expect_silence(test, &t->console,
				       RMCPP_PAYLOAD_OPEN_REQ, m, len);
			KUNIT_EXPECT_EQ(test, drops(IPMI_LAN_DROP_TRUNCATED),
					1U);
			continue;
		}
		exchange(test, &t->console, RMCPP_PAYLOAD_OPEN_REQ, m, len,
			 &r);
		if (len == OPEN_REQ_LEN) {
			KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
			pending++;
		} else {
			expect_status(test, &r, RMCPP_STATUS_ILLEGAL_PARAMETER,
				      SIDM);
		}
		KUNIT_EXPECT_EQ(test, t->srv->sessions.n_pending, pending);
	}
}

/*
 * RAKP1: under 8 bytes dropped (truncated); otherwise 12h for every length
 * but 28 + the name's, and the session waits on unchanged.
 */
static void rakp1_lengths_test(struct kunit *test)
{
	struct rakp_test *t = test->priv;
	unsigned int len, good;
	struct reply r;
	u8 m[HS_MAX_PAYLOAD] = {};

	open_ok(test, &t->console, 17, SIDC);
	good = rakp1_admin(m, SIDC);
	for (len = 0; len <= HS_MAX_PAYLOAD; len++) {
		if (len == good)
			continue;
		if (len < RAKP_HDR_LEN) {
			expect_silence(test, &t->console, RMCPP_PAYLOAD_RAKP1,
				       m, len);
			KUNIT_EXPECT_EQ(test, drops(IPMI_LAN_DROP_TRUNCATED),
					1U);
		} else {
			exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m,
				 len, &r);
			expect_status(test, &r, RMCPP_STATUS_ILLEGAL_PARAMETER,
				      SIDM);
		}
		KUNIT_EXPECT_EQ(test, state_of(test, SIDC),
				SESSION_PENDING_OPEN);
	}
	KUNIT_EXPECT_EQ(test, fake_random.rc_drawn, 0U);
	exchange(test, &t->console, RMCPP_PAYLOAD_RAKP1, m, good, &r);
	KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
}

static const u8 length_suites[] = { 3, 8, 17 };

static void suite_desc(const u8 *suite, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "suite %u", *suite);
}

KUNIT_ARRAY_PARAM(length_suite, length_suites, suite_desc);

/*
 * RAKP3: under 8 bytes dropped (truncated), the session waiting on; any
 * length but 8 + the auth code's is 12h and closes the session, with no
 * failure charged.
 */
static void rakp3_lengths_test(struct kunit *test)
{
	const u8 suite = *(const u8 *)test->param_value;
	struct rakp_test *t = test->priv;
	unsigned int len, code_len;
	const u8 *code = rakp3_code(suite, &code_len);
	struct reply r;
	u8 m[HS_MAX_PAYLOAD] = {};
	u32 id;

	set_channel(test, edit_lockout, 1);
	for (len = 0; len <= HS_MAX_PAYLOAD; len++) {
		id = to_rakp3(test, &t->console, suite, SIDC, vec_hs_rc);
		rakp3_msg(m, RMCPP_STATUS_OK, SIDC, code, code_len);
		if (len < RAKP_HDR_LEN) {
			expect_silence(test, &t->console, RMCPP_PAYLOAD_RAKP3,
				       m, len);
			KUNIT_EXPECT_EQ(test, drops(IPMI_LAN_DROP_TRUNCATED),
					1U);
			KUNIT_EXPECT_EQ(test, state_of(test, id),
					SESSION_PENDING_RAKP3);
		} else if (len == RAKP_HDR_LEN + code_len) {
			exchange(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
				 len, &r);
			KUNIT_EXPECT_EQ(test, r.p[1], RMCPP_STATUS_OK);
			KUNIT_EXPECT_EQ(test, state_of(test, id),
					SESSION_ACTIVE);
		} else {
			exchange(test, &t->console, RMCPP_PAYLOAD_RAKP3, m,
				 len, &r);
			expect_status(test, &r, RMCPP_STATUS_ILLEGAL_PARAMETER,
				      SIDM);
			KUNIT_EXPECT_EQ(test, state_of(test, id),
					SESSION_DEAD);
		}
		/* Each login is on a session of its own. */
		ipmi_lan_sessions_uninit(t->srv);
		memset(&fake_random, 0, sizeof(fake_random));
	}
	KUNIT_EXPECT_TRUE(test, admin_can_login_from(test, &t->console));
}

/* --- the queue in front of the worker ------------------------------------- */

static void wait_worker(struct ipmi_lan_server *srv)
{
	/* The worker queues itself again after a batch. */
	while (flush_work(&srv->handshake.work))
		;
}

/*
 * An Open Session into the queue, from softirq as the receive path does
 * (the payload table's handler for it).
 */
static int queue(struct ipmi_lan_server *srv,
		 const struct ipmi_lan_endpoint *ep, const u8 *m,
		 unsigned int len)
{
	const struct ipmi_lan_payload *p =
		ipmi_lan_payload_get(RMCPP_PAYLOAD_OPEN_REQ);
	struct ipmi_lan_pkt pkt = {
		.format = AUTHTYPE_RMCPP,
		.ptype = RMCPP_PAYLOAD_OPEN_REQ,
		.payload = m,
		.plen = len,
	};
	struct ipmi_lan_rx rx = { .srv = srv, .ep = *ep };
	int ret;

	if (!p || !p->outside)
		return -1;
	local_bh_disable();
	ret = p->rcv(&rx, &pkt, NULL, m, len);
	local_bh_enable();
	return ret;
}

static void queue_test(struct kunit *test)
{
	struct rakp_test *t = test->priv;
	struct ipmi_lan_handshake *hs = &t->srv->handshake;
	struct ipmi_lan_endpoint ep;
	unsigned int i, n = HS_BATCH + 8;
	u8 m[HS_MAX_PAYLOAD + 1] = {};

	open_suite(m, IPMI_PRIV_ADMIN, 17);
	KUNIT_EXPECT_EQ(test, queue(t->srv, &t->console, m, HS_MAX_PAYLOAD + 1),
			(int)IPMI_LAN_DROP_SESSION_HEADER);
	KUNIT_EXPECT_EQ(test, hs->len, 0U);

	/* More than a batch, from as many sources: every one answered. */
	ipmi_lan_fake_reset();
	for (i = 0; i < n; i++) {
		ep4(&ep, 100 + i, 623);
		KUNIT_EXPECT_EQ(test, queue(t->srv, &ep, m, OPEN_REQ_LEN),
				RX_ACCEPTED);
	}
	wait_worker(t->srv);
	KUNIT_EXPECT_EQ(test, ipmi_lan_fake_tx_count, n);
	KUNIT_EXPECT_EQ(test, t->srv->sessions.n_pending, n);
	KUNIT_EXPECT_EQ(test, ipmi_lan_fake_tx[0].data[5],
			RMCPP_PAYLOAD_OPEN_RSP);
	ep4(&ep, 100, 623);
	KUNIT_EXPECT_TRUE(test, same_ep(&ipmi_lan_fake_tx[0].ep, &ep));
	KUNIT_EXPECT_EQ(test, hs->len, 0U);

	/* A full queue refuses more. */
	spin_lock_bh(&hs->lock);
	hs->len = HS_QUEUE_MAX;
	spin_unlock_bh(&hs->lock);
	KUNIT_EXPECT_EQ(test, queue(t->srv, &t->console, m, OPEN_REQ_LEN),
			(int)IPMI_LAN_DROP_BUSY);
	spin_lock_bh(&hs->lock);
	hs->len = 0;
	spin_unlock_bh(&hs->lock);
}

/* What the module's init does for us. */
static int rakp_suite_init(struct kunit_suite *suite)
{
	struct sockaddr_in any = { .sin_family = AF_INET };
	int ret;

	/*
	 * Draws the source secret (get_random_once(), through the random
	 * seam) now, before any test queues a random number.
	 */
	ipmi_lan_source_key((struct sockaddr *)&any);

	ipmi_lan_wq = alloc_workqueue("ipmi_lan_rakp_kunit",
				      WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!ipmi_lan_wq)
		return -ENOMEM;
	ret = ipmi_lan_crypto_init();
	if (ret) {
		destroy_workqueue(ipmi_lan_wq);
		ipmi_lan_wq = NULL;
	}
	return ret;
}

static void rakp_suite_exit(struct kunit_suite *suite)
{
	if (!ipmi_lan_wq)
		return;
	rcu_barrier();
	destroy_workqueue(ipmi_lan_wq);
	ipmi_lan_wq = NULL;
	ipmi_lan_crypto_uninit();
}

static struct kunit_case rakp_cases[] = {
	KUNIT_CASE_PARAM(handshake_kat_test, kat_gen_params),
	KUNIT_CASE_PARAM(open_session_test, open_gen_params),
	KUNIT_CASE_PARAM(rakp1_test, rakp1_gen_params),
	KUNIT_CASE(rakp3_before_rakp1_test),
	KUNIT_CASE(unknown_session_test),
	KUNIT_CASE(after_activation_test),
	KUNIT_CASE(open_session_retransmit_test),
	KUNIT_CASE(rakp1_retransmit_test),
	KUNIT_CASE(rakp1_retransmit_late_rakp3_test),
	KUNIT_CASE_PARAM(bad_rakp3_test, bad_rakp3_gen_params),
	KUNIT_CASE(login_clears_failures_test),
	KUNIT_CASE(rakp3_error_status_test),
	KUNIT_CASE_PARAM(rakp3_user_changed_test, user_change_gen_params),
	KUNIT_CASE(active_pool_full_test),
	KUNIT_CASE_PARAM(foreign_source_test, foreign_gen_params),
	KUNIT_CASE(origin_port_test),
	KUNIT_CASE(open_lengths_test),
	KUNIT_CASE(rakp1_lengths_test),
	KUNIT_CASE_PARAM(rakp3_lengths_test, length_suite_gen_params),
	KUNIT_CASE(queue_test),
	{}
};

static struct kunit_suite rakp_suite = {
	.name = "ipmi_lan_rakp",
	.suite_init = rakp_suite_init,
	.suite_exit = rakp_suite_exit,
	.init = rakp_test_init,
	.exit = rakp_test_exit,
	.test_cases = rakp_cases,
};

kunit_test_suite(rakp_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for ipmi_lan's RMCP+ handshake");
