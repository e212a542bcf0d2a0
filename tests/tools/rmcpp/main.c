// SPDX-License-Identifier: GPL-2.0
/*
 * rmcpp-client: command line. Every command prints line-oriented results on
 * stdout and exits 0 on the expected outcome, 1 on a protocol failure and 2
 * on a usage error. Every wait is bounded by -t (and flood and sol by -T);
 * sol keeps stdout for the BMC's data and reports on stderr.
 */
#include "rmcpp.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#define EXIT_USAGE 2

static const char usage_text[] =
	"Usage: rmcpp-client [-H host] [-p port] [-U user] [-P password | -F password-file]\n"
	"                    [-K kg-hex] [-C suite] [-L privilege] [-t timeout-ms]\n"
	"                    [-T seconds] [-b bind-address] [-v] COMMAND [ARGS]\n"
	"       rmcpp-client --selftest-server [-p port] [-U user] [-P password]\n"
	"                    [-K kg-hex] [-S suite,...] [-T seconds]\n"
	"                    [--sol-drop PERCENT] [--sol-retry-ms MS] [--sol-port PORT]\n"
	"Commands:\n"
	"  ping [N]                  N ASF presence pings at once (default 1); prints\n"
	"                            \"pongs K of N\" after the timeout, or once all came\n"
	"  send HEX...               each datagram in turn: its reply in hex, or \"timeout\"\n"
	"  authcaps [rmcpp]          Get Channel Auth Capabilities (v1.5 or RMCP+ framing)\n"
	"  suites                    cipher suite ids the server advertises, one per line\n"
	"  login                     handshake, print the session, close it\n"
	"  raw NETFN CMD [DATA-HEX]  one request in a session: \"cc XX data HEX\"\n"
	"  bridge TARGET NETFN CMD [DATA-HEX]\n"
	"                            the request inside a Send Message to TARGET\n"
	"                            on channel 0, tracked, as ipmitool -t sends it:\n"
	"                            \"send cc XX data HEX\" (the Send Message\n"
	"                            response; an embedded answer is its data), then\n"
	"                            for an empty one with cc 00 the separate answer\n"
	"                            \"from SA to SA seq N cc XX data HEX\"\n"
	"  bridge2 TRANSIT CHANNEL TARGET NETFN CMD [DATA-HEX]\n"
	"                            bridged twice, as ipmitool -T -b -t sends it:\n"
	"                            \"send ...\", then (separate) the transit's\n"
	"                            \"via SA seq N cc XX\", then \"from ...\" as above\n"
	"  bridge-burst N WAIT-MS TARGET... N bridged Get Chassis Status at once,\n"
	"                            to the targets in turn, each with its own\n"
	"                            rqSeq; then answers for WAIT-MS: \"acks A\n"
	"                            busy B timeouts T other O\" (the targets'\n"
	"                            answers C0h and C3h; O anything else)\n"
	"  bridge-soak SECONDS MAX TARGET...\n"
	"                            bridged Get Device ID to the targets in turn,\n"
	"                            one at a time, for at most SECONDS and MAX\n"
	"                            requests; each answer must come from its\n"
	"                            target, with its rqSeq and the target's\n"
	"                            address as device ID: \"sent S ok K wrong W\n"
	"                            lost L\"\n"
	"  bridge-poll SECONDS MAX TARGET...\n"
	"                            the same with bridged Get Chassis Status,\n"
	"                            ok when cc 00 from the target; then \" on\n"
	"                            A,B...\": the targets last said on (hex)\n"
	"                            (both stop once RMCPP_STOP_FILE exists)\n"
	"  open-only                 Open Session only: status and BMC session id\n"
	"  rakp-status               RMCP+ status codes of each handshake step\n"
	"  replay                    resend an authenticated request byte for byte\n"
	"  flip-auth | flip-encrypt  send a request without the authenticated/encrypted bit\n"
	"  rakp3-first               RAKP3 right after Open Session\n"
	"  setpriv-before-rakp3      in-session requests between RAKP2 and RAKP3\n"
	"  seq START                 40 requests with session sequence numbers from START\n"
	"  retransmit NETFN CMD [HEX] a request, then the same rqSeq again after\n"
	"                            RMCPP_PAUSE_MS (1000) ms, or as soon as the\n"
	"                            file RMCPP_PAUSE_FILE exists: both replies\n"
	"  flood N                   N Open Session requests as fast as possible\n"
	"  pending-payloads          in-session packets naming a pending session\n"
	"  spoof rakp1 ADDR          a login, with its RAKP1 also sent from ADDR\n"
	"  spoof rakp3 ADDR N        N sessions, each with a RAKP3 from ADDR\n"
	"  fill-handles N NETFN CMD  N sessions leave a forwarded request each;\n"
	"                            then one more login must be refused\n"
	"  sol [--in FILE] [--out FILE] [--expect N] [--pace BPS] [--idle-ms MS]\n"
	"      [--retry-ms MS] [--no-deactivate] [--drop PERCENT]\n"
	"      [--keepalive-ms MS]\n"
	"                            Serial over LAN: activate instance 1, send FILE\n"
	"                            (- for stdin) and write what the BMC sends to\n"
	"                            FILE (- for stdout), both at once; ends when all\n"
	"                            of --in is ACKed and N bytes came (or none for\n"
	"                            --idle-ms, default 2000); --pace: BPS bytes a\n"
	"                            second, as a UART makes them (a retry's delay\n"
	"                            is caught up); unanswered packets resent after\n"
	"                            --retry-ms (200); then Deactivate Payload (unless\n"
	"                            --no-deactivate) and Close Session. Bounded by\n"
	"                            -T. On stderr: \"activated in I out O port P\",\n"
	"                            then \"sol sent S received R retries X nacks Y\n"
	"                            partial Z dups D lost L\"; --drop: that share\n"
	"                            of SOL datagrams is lost each way, as on a\n"
	"                            lossy network; --keepalive-ms: a Get Device ID\n"
	"                            that often during the stream, as ipmitool sends\n"
	"                            (every reply must come: \"keepalives K\")\n"
	"  sol-activate [INSTANCE]   Activate Payload SOL only (default instance 1):\n"
	"                            \"cc XX data HEX\", then Close Session\n"
	"Privileges: callback user operator administrator oem. Defaults: -H 127.0.0.1\n"
	"-p 623 -C 17 -L administrator -t 1000 -T 10.\n";

static void usage(void)
{
	fputs(usage_text, stderr);
	exit(EXIT_USAGE);
}

static int parse_hex(const char *s, u8 *out, size_t max)
{
	size_t n = 0;
	int hi = -1, v;

	for (; *s; s++) {
		if (isspace((unsigned char)*s) || *s == ':')
			continue;
		if (!isxdigit((unsigned char)*s))
			return -1;
		v = isdigit((unsigned char)*s) ? *s - '0' :
			tolower((unsigned char)*s) - 'a' + 10;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= max)
			return -1;
		out[n++] = (u8)(hi << 4 | v);
		hi = -1;
	}
	return hi < 0 ? (int)n : -1;
}

static void print_hex(const u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%02x", p[i]);
}

static long parse_num(const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || *end || end == s || v < min || v > max)
		usage();
	return v;
}

/* Wait for any datagram from the server until the timeout. */
static bool wait_answer(struct rmcpp *s)
{
	u8 buf[RMCPP_DGRAM_MAX];

	return rmcpp_recv_raw(s, buf, sizeof(buf), now_ms() + s->timeout_ms) > 0;
}

/* ---- commands -------------------------------------------------------- */

/*
 * Each argument a datagram in hex, sent in turn; one line each: the first
 * reply within the timeout in hex, or "timeout".
 */
static int cmd_send(struct rmcpp *s, int argc, char **argv)
{
	u8 out[2048], buf[RMCPP_DGRAM_MAX];
	int i, len;

	if (argc < 2)
		usage();
	for (i = 1; i < argc; i++) {
		len = parse_hex(argv[i], out, sizeof(out));
		if (len <= 0) {
			fprintf(stderr, "send: bad datagram %s\n", argv[i]);
			return EXIT_USAGE;
		}
		if (rmcpp_send_raw(s, out, (size_t)len)) {
			perror("send");
			return 1;
		}
		len = rmcpp_recv_raw(s, buf, sizeof(buf),
				     now_ms() + s->timeout_ms);
		if (len > 0)
			print_hex(buf, (size_t)len);
		else
			printf("timeout");
		printf("\n");
	}
	return 0;
}

/*
 * N ASF presence pings back to back (message tags 0, 1, ...), then pongs
 * counted until the timeout after the last one. Exits 0 if any came.
 */
static int cmd_ping(struct rmcpp *s, int argc, char **argv)
{
	static const u8 pong[] = { 0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11,
				   0xbe, 0x40 };
	u8 ping[] = { 0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80,
		      0x00, 0x00, 0x00 };
	u8 buf[RMCPP_DGRAM_MAX];
	long long deadline;
	long n = 1, i, got = 0;
	int len;

	if (argc > 2)
		usage();
	if (argc == 2)
		n = parse_num(argv[1], 1, 10000);
	/* A send fails on an ICMP error from an earlier ping: nobody there. */
	for (i = 0; i < n; i++) {
		ping[9] = (u8)i;
		if (rmcpp_send_raw(s, ping, sizeof(ping)))
			break;
	}
	deadline = now_ms() + s->timeout_ms;
	while (got < n) {
		len = rmcpp_recv_raw(s, buf, sizeof(buf), deadline);
		if (len <= 0)
			break;
		if ((size_t)len >= sizeof(pong) + 3 &&
		    !memcmp(buf, pong, sizeof(pong)))
			got++;
	}
	printf("pongs %ld of %ld\n", got, n);
	return got ? 0 : 1;
}

static int cmd_authcaps(struct rmcpp *s, int argc, char **argv)
{
	static const u8 req[] = { 0x8e, PRIV_ADMIN };
	u8 rbuf[RMCPP_DGRAM_MAX];
	struct ipmi_rsp rsp;
	bool v15 = true;
	const u8 *d;

	if (argc > 1 && !strcmp(argv[1], "rmcpp"))
		v15 = false;
	else if (argc > 1)
		usage();
	if (rmcpp_request_nosess(s, v15, NETFN_APP, CMD_GET_AUTH_CAPS, req,
				 sizeof(req), &rsp, rbuf)) {
		fprintf(stderr, "authcaps: no reply\n");
		return 1;
	}
	printf("cc %02x\n", rsp.cc);
	if (rsp.cc)
		return 1;
	if (rsp.len < 8) {
		fprintf(stderr, "authcaps: short reply\n");
		return 1;
	}
	d = rsp.data;
	printf("channel %u\n", d[0]);
	printf("auth-types 0x%02x\n", d[1] & 0x3f);
	printf("ipmi20-data %s\n", d[1] & 0x80 ? "yes" : "no");
	printf("kg-nonzero %s\n", d[2] & 0x20 ? "yes" : "no");
	printf("per-message-auth %s\n", d[2] & 0x10 ? "disabled" : "enabled");
	printf("user-level-auth %s\n", d[2] & 0x08 ? "disabled" : "enabled");
	printf("non-null-users %s\n", d[2] & 0x04 ? "yes" : "no");
	printf("null-users %s\n", d[2] & 0x02 ? "yes" : "no");
	printf("anonymous %s\n", d[2] & 0x01 ? "yes" : "no");
	printf("ipmi15 %s\n", d[3] & 0x01 ? "yes" : "no");
	printf("ipmi20 %s\n", d[3] & 0x02 ? "yes" : "no");
	printf("oem-iana %u\n", d[4] | d[5] << 8 | d[6] << 16);
	printf("oem-aux 0x%02x\n", d[7]);
	return 0;
}

static int cmd_suites(struct rmcpp *s)
{
	u8 recs[64 * 16], rbuf[RMCPP_DGRAM_MAX], req[3];
	struct ipmi_rsp rsp;
	size_t n = 0, i, chunk;
	int idx;

	for (idx = 0; idx < 64; idx++) {
		req[0] = 0x0e;		/* this channel */
		req[1] = 0x00;		/* payload type IPMI */
		req[2] = 0x80 | idx;	/* list by cipher suite */
		if (rmcpp_request_nosess(s, false, NETFN_APP,
					 CMD_GET_CIPHER_SUITES, req, 3, &rsp,
					 rbuf)) {
			fprintf(stderr, "suites: no reply to page %d\n", idx);
			return 1;
		}
		if (rsp.cc) {
			fprintf(stderr, "suites: page %d cc 0x%02x\n", idx,
				rsp.cc);
			return 1;
		}
		if (rsp.len < 1)
			return 1;
		chunk = rsp.len - 1;
		if (chunk > 16) {
			fprintf(stderr, "suites: page %d has %zu bytes\n", idx,
				chunk);
			return 1;
		}
		memcpy(recs + n, rsp.data + 1, chunk);
		n += chunk;
		if (chunk < 16)
			break;
	}
	if (idx == 64) {
		fprintf(stderr, "suites: no short final page\n");
		return 1;
	}
	for (i = 0; i < n;) {
		u8 tag = recs[i];

		if ((tag != 0xc0 && tag != 0xc1) || i + 1 >= n) {
			fprintf(stderr, "suites: bad record at %zu\n", i);
			return 1;
		}
		printf("%u\n", recs[i + 1]);
		i += tag == 0xc0 ? 2 : 5;
		while (i < n && recs[i] != 0xc0 && recs[i] != 0xc1) {
			if (s->verbose)
				fprintf(stderr, "  alg 0x%02x\n", recs[i]);
			i++;
		}
	}
	return 0;
}

static u8 session_priv(struct rmcpp *s)
{
	return s->priv > PRIV_USER ? s->priv : PRIV_USER;
}

static int cmd_login(struct rmcpp *s)
{
	if (rmcpp_login(s, true))
		return 1;
	printf("session %08x suite %u privilege %s\n", s->bmc_sid,
	       s->suite->id, rmcpp_priv_name(session_priv(s)));
	return rmcpp_close(s) ? 1 : 0;
}

/* "cc XX data HEX" and a newline, after prefix. */
static void print_rsp(const char *prefix, const struct ipmi_rsp *rsp)
{
	printf("%scc %02x data ", prefix, rsp->cc);
	print_hex(rsp->data, rsp->len);
	putchar('\n');
}

static int cmd_raw(struct rmcpp *s, int argc, char **argv)
{
	u8 data[256], rbuf[RMCPP_DGRAM_MAX];
	struct ipmi_rsp rsp;
	int len = 0, netfn, cmd, r;

	if (argc < 3 || argc > 4)
		usage();
	netfn = (int)parse_num(argv[1], 0, 0x3f);
	cmd = (int)parse_num(argv[2], 0, 0xff);
	if (argc == 4) {
		len = parse_hex(argv[3], data, sizeof(data) - 1);
		if (len < 0)
			usage();
	}
	if (rmcpp_login(s, true))
		return 1;
	r = rmcpp_request(s, (u8)netfn, (u8)cmd, data, len, &rsp, rbuf);
	if (r) {
		fprintf(stderr, "raw: %s\n", r == -1 ? "no reply" : "bad reply");
		return 1;
	}
	print_rsp("", &rsp);
	return rmcpp_close(s) ? 1 : 0;
}

/*
 * A request bridged to a target as ipmitool -t wraps it: Send Message
 * (App 34h), channel 0 with tracking, the inner request from software id
 * 81h; the answer separate (a message of its own naming the inner command
 * and the Send Message's rqSeq) or embedded in the Send Message response.
 */
static int cmd_bridge(struct rmcpp *s, int argc, char **argv)
{
	u8 data[256], msg[300], rbuf[RMCPP_DGRAM_MAX];
	int len = 0, target, netfn, cmd, r;
	struct ipmi_rsp rsp;
	size_t n;
	u8 seq;

	if (argc < 4 || argc > 5)
		usage();
	target = (int)parse_num(argv[1], 1, 0xff);
	netfn = (int)parse_num(argv[2], 0, 0x3f);
	cmd = (int)parse_num(argv[3], 0, 0xff);
	if (argc == 5) {
		len = parse_hex(argv[4], data, 200);
		if (len < 0)
			usage();
	}
	if (rmcpp_login(s, true))
		return 1;
	/* channel 0, track request; the inner request, as ipmitool builds it */
	msg[0] = 0x40;
	n = ipmi_build_req(msg + 1, (u8)netfn, (u8)cmd, 0x11, data, len);
	msg[1] = (u8)target;
	msg[3] = ipmi_cks(msg + 1, 2);
	msg[1 + n - 1] = ipmi_cks(msg + 4, n - 4);
	r = rmcpp_request(s, 0x06, 0x34, msg, 1 + n, &rsp, rbuf);
	if (r) {
		fprintf(stderr, "bridge: %s\n", r == -1 ? "no reply" : "bad reply");
		return 1;
	}
	print_rsp("send ", &rsp);
	if (!rsp.cc && !rsp.len) {
		seq = rsp.rq_seq;
		r = rmcpp_wait_response(s, (u8)netfn, (u8)cmd, seq, &rsp, rbuf);
		if (r) {
			fprintf(stderr, "bridge: no separate answer\n");
			return 1;
		}
		printf("from %02x to %02x seq %u ", rsp.rs_sa, rsp.rq_sa,
		       rsp.rq_seq);
		print_rsp("", &rsp);
	}
	return rmcpp_close(s) ? 1 : 0;
}

/*
 * Bridged twice, as ipmitool -T TRANSIT -b CHANNEL -t TARGET wraps it: a
 * Send Message to the transit inside ours, the request inside that (from
 * ipmitool's own address, 20h); every level with the same rqSeq.
 */
static int cmd_bridge2(struct rmcpp *s, int argc, char **argv)
{
	u8 data[200], msg[300], rbuf[RMCPP_DGRAM_MAX];
	int len = 0, transit, channel, target, netfn, cmd, r;
	struct ipmi_rsp rsp;
	size_t n, m;
	u8 seq;

	if (argc < 6 || argc > 7)
		usage();
	transit = (int)parse_num(argv[1], 1, 0xff);
	channel = (int)parse_num(argv[2], 0, 0x0f);
	target = (int)parse_num(argv[3], 1, 0xff);
	netfn = (int)parse_num(argv[4], 0, 0x3f);
	cmd = (int)parse_num(argv[5], 0, 0xff);
	if (argc == 7) {
		len = parse_hex(argv[6], data, 150);
		if (len < 0)
			usage();
	}
	if (rmcpp_login(s, true))
		return 1;
	seq = (s->rq_seq + 1) & 0x3f;	/* what rmcpp_request will use */
	/* the innermost request, after our channel byte and the middle's */
	n = ipmi_build_req(msg + 8, (u8)netfn, (u8)cmd, seq, data, len);
	msg[8] = (u8)target;
	msg[10] = ipmi_cks(msg + 8, 2);
	msg[11] = 0x20;
	msg[8 + n - 1] = ipmi_cks(msg + 11, n - 4);
	/* the Send Message to the transit around it */
	msg[0] = 0x40;
	msg[1] = (u8)transit;
	msg[2] = 0x06 << 2;
	msg[3] = ipmi_cks(msg + 1, 2);
	msg[4] = 0x81;
	msg[5] = (u8)(seq << 2);
	msg[6] = 0x34;
	msg[7] = (u8)(0x40 | channel);
	m = 8 + n;
	msg[m] = ipmi_cks(msg + 4, m - 4);
	r = rmcpp_request(s, 0x06, 0x34, msg, m + 1, &rsp, rbuf);
	if (r) {
		fprintf(stderr, "bridge2: %s\n", r == -1 ? "no reply" : "bad reply");
		return 1;
	}
	print_rsp("send ", &rsp);
	if (!rsp.cc && !rsp.len) {
		if (rmcpp_wait_response(s, 0x06, 0x34, seq, &rsp, rbuf)) {
			fprintf(stderr, "bridge2: no answer from the transit\n");
			return 1;
		}
		printf("via %02x seq %u ", rsp.rs_sa, rsp.rq_seq);
		print_rsp("", &rsp);
		if (!rsp.cc) {
			if (rmcpp_wait_response(s, (u8)netfn, (u8)cmd, seq, &rsp,
						rbuf)) {
				fprintf(stderr, "bridge2: no separate answer\n");
				return 1;
			}
			printf("from %02x to %02x seq %u ", rsp.rs_sa, rsp.rq_sa,
			       rsp.rq_seq);
			print_rsp("", &rsp);
		}
	}
	return rmcpp_close(s) ? 1 : 0;
}

/* A bridged request as ipmitool -t wraps it, not waited for. */
static int send_bridged(struct rmcpp *s, u8 target, u8 netfn, u8 cmd)
{
	struct rmcpp_out o = {
		.ptype = PT_IPMI,
		.auth = s->suite->integ != INTEG_NONE,
		.encrypt = s->suite->conf != CONF_NONE,
		.sid = s->bmc_sid,
	};
	u8 msg[16];
	size_t n;

	msg[0] = 0x40;		/* channel 0, track request */
	n = ipmi_build_req(msg + 1, netfn, cmd, 0x11, NULL, 0);
	msg[1] = target;
	msg[3] = ipmi_cks(msg + 1, 2);
	msg[n] = ipmi_cks(msg + 4, n - 4);
	o.seq = rmcpp_next_seq(s);
	s->rq_seq = (s->rq_seq + 1) & 0x3f;
	return rmcpp_send_ipmi(s, &o, 0x06, 0x34, msg, 1 + n);
}

/*
 * Many bridged requests in flight at once from one session, to see the
 * server's bounds: every Send Message is acknowledged, and what is over a
 * bound gets C0h from the target at once; the rest is answered later
 * (C3h, when nothing serves the targets).
 */
static int cmd_bridge_burst(struct rmcpp *s, int argc, char **argv)
{
	unsigned int acks = 0, busy = 0, timeouts = 0, other = 0;
	u8 buf[RMCPP_DGRAM_MAX];
	long long deadline;
	struct rmcpp_in in;
	struct ipmi_rsp rsp;
	int n, i, wait_ms;

	if (argc < 4)
		usage();
	n = (int)parse_num(argv[1], 1, 63);
	wait_ms = (int)parse_num(argv[2], 0, 60000);
	if (rmcpp_login(s, true))
		return 1;
	for (i = 0; i < n; i++)
		if (send_bridged(s, (u8)parse_num(argv[3 + i % (argc - 3)], 1,
						  0xff), 0x00, 0x01))
			return 1;
	deadline = now_ms() + wait_ms;
	for (;;) {
		int len = rmcpp_recv_raw(s, buf, sizeof(buf), deadline);

		if (len <= 0)
			break;
		if (rmcpp_parse_v2(s, buf, len, &in) ||
		    (in.ptype & PT_TYPE_MASK) != PT_IPMI ||
		    ipmi_parse_rsp(in.payload, in.len, &rsp))
			continue;
		if (rsp.netfn == 0x07 && rsp.cmd == 0x34 && !rsp.cc)
			acks++;
		else if (rsp.netfn == 0x01 && rsp.cmd == 0x01 && rsp.cc == 0xc0)
			busy++;
		else if (rsp.netfn == 0x01 && rsp.cmd == 0x01 && rsp.cc == 0xc3)
			timeouts++;
		else
			other++;
	}
	printf("acks %u busy %u timeouts %u other %u\n", acks, busy, timeouts,
	       other);
	return rmcpp_close(s) ? 1 : 0;
}

/*
 * A bounded soak of one session: a bridged request to each target in
 * turn, the next once the last is answered. bridge-soak sends Get Device
 * ID: an answer counts as ok when it names its target and this request's
 * rqSeq and gives the target's address as its device ID (the test sets
 * the identities so). bridge-poll sends Get Chassis Status, which the
 * targets' consumers answer: ok when it names its target and rqSeq with
 * cc 00, and the targets whose last answer said power on are listed.
 * Anything else that arrives is wrong (misrouted, or for an earlier
 * request), and a request unanswered within the timeout (-t) is lost.
 * Both stop early once the file RMCPP_STOP_FILE names exists.
 */
static int cmd_bridge_soak(struct rmcpp *s, int argc, char **argv, bool poll)
{
	const char *stop = getenv("RMCPP_STOP_FILE");
	unsigned int sent = 0, ok = 0, wrong = 0, lost = 0, max, i = 0;
	u8 buf[RMCPP_DGRAM_MAX], netfn = poll ? 0x00 : 0x06;
	bool on[256] = { false };
	long long end, deadline;
	struct rmcpp_in in;
	struct ipmi_rsp rsp;
	const char *sep = " on ";
	int len;

	if (argc < 4)
		usage();
	end = now_ms() + 1000LL * parse_num(argv[1], 1, 600);
	max = (unsigned int)parse_num(argv[2], 1, 1000000);
	if (rmcpp_login(s, true))
		return 1;
	while (sent < max && now_ms() < end && (!stop || access(stop, F_OK))) {
		u8 t = (u8)parse_num(argv[3 + i++ % (unsigned int)(argc - 3)],
				     1, 0xff);
		bool got = false;

		if (send_bridged(s, t, netfn, 0x01))
			return 1;
		sent++;
		deadline = now_ms() + s->timeout_ms;
		while (!got) {
			len = rmcpp_recv_raw(s, buf, sizeof(buf), deadline);
			if (len <= 0)
				break;
			if (rmcpp_parse_v2(s, buf, len, &in) ||
			    (in.ptype & PT_TYPE_MASK) != PT_IPMI ||
			    ipmi_parse_rsp(in.payload, in.len, &rsp))
				continue;
			if (rsp.netfn == 0x07 && rsp.cmd == 0x34 && !rsp.cc &&
			    rsp.rq_seq == s->rq_seq)
				continue;	/* the Send Message response */
			got = rsp.rq_seq == s->rq_seq;
			if (!got || rsp.netfn != (netfn | 1) || rsp.cmd != 0x01 ||
			    rsp.rs_sa != t || rsp.cc || rsp.len < 1 ||
			    (!poll && rsp.data[0] != t)) {
				wrong++;
				continue;
			}
			ok++;
			on[t] = rsp.data[0] & 1;
		}
		lost += !got;
	}
	printf("sent %u ok %u wrong %u lost %u", sent, ok, wrong, lost);
	for (i = 0; poll && i < 256; i++) {
		if (on[i]) {
			printf("%s%02x", sep, i);
			sep = ",";
		}
	}
	printf("\n");
	return rmcpp_close(s) ? 1 : 0;
}

/*
 * The pause of cmd_retransmit: ms milliseconds, or less if the file named
 * by RMCPP_PAUSE_FILE appears first (checked every 10 ms). Returns how
 * long it paused, in ms.
 */
static long retransmit_pause(long ms)
{
	const char *file = getenv("RMCPP_PAUSE_FILE");
	struct timespec t0, t1, ts;
	long waited = 0, step;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (waited < ms) {
		if (file && !access(file, F_OK))
			break;
		step = file ? 10 : ms - waited;
		ts.tv_sec = step / 1000;
		ts.tv_nsec = (step % 1000) * 1000000L;
		nanosleep(&ts, NULL);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		waited = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	}
	return waited;
}

/*
 * One request, then the same request again after a pause (env
 * RMCPP_PAUSE_MS, default 1000, cut short by RMCPP_PAUSE_FILE): same
 * rqSeq, new session sequence number, as a client retransmits. Prints both
 * replies and the pause between them.
 */
static int cmd_retransmit(struct rmcpp *s, int argc, char **argv)
{
	u8 data[256], rbuf[RMCPP_DGRAM_MAX];
	const char *pause = getenv("RMCPP_PAUSE_MS");
	struct ipmi_rsp rsp;
	int len = 0, netfn, cmd, i, r;
	long ms;

	if (argc < 3 || argc > 4)
		usage();
	netfn = (int)parse_num(argv[1], 0, 0x3f);
	cmd = (int)parse_num(argv[2], 0, 0xff);
	if (argc == 4) {
		len = parse_hex(argv[3], data, sizeof(data) - 1);
		if (len < 0)
			usage();
	}
	ms = pause ? strtol(pause, NULL, 10) : 1000;
	if (ms < 0 || ms > 60000)
		usage();
	if (rmcpp_login(s, true))
		return 1;
	for (i = 0; i < 2; i++) {
		if (i) {
			printf("paused %ld ms\n", retransmit_pause(ms));
			s->rq_seq = (s->rq_seq - 1) & 0x3f;
		}
		r = rmcpp_request(s, (u8)netfn, (u8)cmd, data, len, &rsp, rbuf);
		if (r) {
			printf("%s no reply\n", i ? "second" : "first");
			return 1;
		}
		printf("%s cc %02x data ", i ? "second" : "first", rsp.cc);
		print_hex(rsp.data, rsp.len);
		putchar('\n');
		fflush(stdout);
	}
	return rmcpp_close(s) ? 1 : 0;
}

static int cmd_open_only(struct rmcpp *s)
{
	int r = rmcpp_open_session(s);

	if (r == -1) {
		printf("dropped\n");
		return 1;
	}
	if (r < 0)
		return 1;
	if (r)
		printf("status 0x%02x\n", r);
	else
		printf("status 0x00 session %08x\n", s->bmc_sid);
	return 0;
}

static void print_step(const char *step, int r)
{
	if (r == -1)
		printf("%s dropped\n", step);
	else if (r == -2)
		printf("%s malformed\n", step);
	else
		printf("%s status 0x%02x", step, r);
}

static int cmd_rakp_status(struct rmcpp *s)
{
	bool ok;
	int r;

	r = rmcpp_open_session(s);
	print_step("open", r);
	if (r < 0)
		return 1;
	putchar('\n');
	if (r)
		return 0;
	r = rmcpp_rakp12(s, &ok);
	print_step("rakp2", r);
	if (r < 0)
		return 1;
	if (r) {
		putchar('\n');
		return 0;
	}
	printf(" hmac %s\n", ok ? "ok" : "bad");
	/* go on with our own RAKP3 even if RAKP2 did not verify */
	r = rmcpp_rakp34(s, &ok);
	print_step("rakp4", r);
	if (r < 0)
		return 1;
	if (r) {
		putchar('\n');
		return 0;
	}
	printf(" icv %s\n", ok ? "ok" : "bad");
	if (s->active)
		rmcpp_close(s);
	return 0;
}

static int get_device_id(struct rmcpp *s)
{
	u8 rbuf[RMCPP_DGRAM_MAX];
	struct ipmi_rsp rsp;

	if (rmcpp_request(s, NETFN_APP, CMD_GET_DEVICE_ID, NULL, 0, &rsp,
			  rbuf))
		return -1;
	return rsp.cc;
}

static int cmd_replay(struct rmcpp *s)
{
	u8 copy[RMCPP_DGRAM_MAX];
	size_t len;
	bool answered;

	if (s->suite->integ == INTEG_NONE) {
		fprintf(stderr, "replay: suite %u has no integrity\n",
			s->suite->id);
		return 1;
	}
	if (rmcpp_login(s, true))
		return 1;
	if (get_device_id(s)) {
		fprintf(stderr, "replay: Get Device ID failed\n");
		return 1;
	}
	len = s->last_len;
	memcpy(copy, s->last, len);
	if (rmcpp_send_raw(s, copy, len))
		return 1;
	answered = wait_answer(s);
	printf("replay %s\n", answered ? "answered" : "dropped");
	rmcpp_close(s);
	return answered ? 1 : 0;
}

static int cmd_flip(struct rmcpp *s, bool flip_auth)
{
	struct rmcpp_out o = { .ptype = PT_IPMI };
	bool answered;

	if (flip_auth ? !s->suite->integ : !s->suite->conf) {
		fprintf(stderr, "suite %u has no %s\n", s->suite->id,
			flip_auth ? "integrity" : "confidentiality");
		return 1;
	}
	if (rmcpp_login(s, true))
		return 1;
	if (get_device_id(s)) {
		fprintf(stderr, "Get Device ID failed\n");
		return 1;
	}
	o.auth = s->suite->integ && !flip_auth;
	o.encrypt = s->suite->conf && flip_auth;
	o.sid = s->bmc_sid;
	o.seq = rmcpp_next_seq(s);
	s->rq_seq = (s->rq_seq + 1) & 0x3f;
	if (rmcpp_send_ipmi(s, &o, NETFN_APP, CMD_GET_DEVICE_ID, NULL, 0))
		return 1;
	answered = wait_answer(s);
	printf("%s\n", answered ? "answered" : "dropped");
	rmcpp_close(s);
	return answered ? 1 : 0;
}

static int cmd_rakp3_first(struct rmcpp *s)
{
	bool ok;
	int r;

	r = rmcpp_open_session(s);
	if (r) {
		fprintf(stderr, "open session failed (%d)\n", r);
		return 1;
	}
	/* Rc and GUID are unknown: the auth code is over zeros */
	r = rmcpp_rakp34(s, &ok);
	if (r == -1) {
		printf("dropped\n");
		return 0;
	}
	if (r == -2) {
		printf("malformed\n");
		return 1;
	}
	printf("rakp4 status 0x%02x\n", r);
	return r ? 0 : 1;
}

static int cmd_setpriv_before_rakp3(struct rmcpp *s)
{
	static const char *const form_names[] = { "plain", "garbage-auth",
						   "keyed" };
	static const u8 admin = PRIV_ADMIN;
	struct rmcpp_out o = { .ptype = PT_IPMI };
	int form, answered = 0, r;
	bool ok, a;

	r = rmcpp_open_session(s);
	if (r) {
		fprintf(stderr, "open session failed (%d)\n", r);
		return 1;
	}
	r = rmcpp_rakp12(s, &ok);
	if (r || !ok) {
		fprintf(stderr, "rakp2 failed (%d, hmac %s)\n", r,
			ok ? "ok" : "bad");
		return 1;
	}
	for (form = 0; form < 3; form++) {
		o.sid = s->bmc_sid;
		o.auth = form > 0 && s->suite->integ;
		o.bad_mac = form == 1;
		o.encrypt = form == 2 && s->suite->conf;
		if (form == 1 && !s->suite->integ)
			continue;

		o.seq = rmcpp_next_seq(s);
		s->rq_seq = (s->rq_seq + 1) & 0x3f;
		if (rmcpp_send_ipmi(s, &o, NETFN_APP, CMD_SET_SESSION_PRIV,
				    &admin, 1))
			return 1;
		a = wait_answer(s);
		answered += a;
		printf("%s set-privilege %s\n", form_names[form],
		       a ? "answered" : "dropped");

		o.seq = rmcpp_next_seq(s);
		s->rq_seq = (s->rq_seq + 1) & 0x3f;
		if (rmcpp_send_ipmi(s, &o, NETFN_APP, CMD_GET_DEVICE_ID, NULL,
				    0))
			return 1;
		a = wait_answer(s);
		answered += a;
		printf("%s get-device-id %s\n", form_names[form],
		       a ? "answered" : "dropped");
	}
	return answered ? 1 : 0;
}

/*
 * In-session packets that name a pending session: after Open Session, and
 * again after RAKP2, a Get Device ID as an IPMI payload and with each
 * handshake payload type, unauthenticated and unencrypted (a pending
 * session has no keys). Nothing may be answered.
 */
static int cmd_pending_payloads(struct rmcpp *s)
{
	static const u8 ptypes[] = { PT_IPMI, PT_OPEN_REQ, PT_OPEN_RSP,
				     PT_RAKP1, PT_RAKP3 };
	static const char *const states[] = { "pending-open",
					      "pending-rakp3" };
	struct rmcpp_out o = { .ptype = PT_IPMI };
	int st, answered = 0, r;
	size_t i;
	bool ok, a;

	for (st = 0; st < 2; st++) {
		r = rmcpp_open_session(s);
		if (r) {
			fprintf(stderr, "open session failed (%d)\n", r);
			return 1;
		}
		if (st == 1) {
			r = rmcpp_rakp12(s, &ok);
			if (r || !ok) {
				fprintf(stderr, "rakp2 failed (%d)\n", r);
				return 1;
			}
		}
		for (i = 0; i < ARRAY_SIZE(ptypes); i++) {
			o.ptype = ptypes[i];
			o.sid = s->bmc_sid;
			o.seq = rmcpp_next_seq(s);
			s->rq_seq = (s->rq_seq + 1) & 0x3f;
			if (rmcpp_send_ipmi(s, &o, NETFN_APP, CMD_GET_DEVICE_ID,
					    NULL, 0))
				return 1;
			a = wait_answer(s);
			answered += a;
			printf("%s payload %02x %s\n", states[st], ptypes[i],
			       a ? "answered" : "dropped");
		}
	}
	return answered ? 1 : 0;
}

/* Runs fn with the session's socket replaced by fd (replies go to fd). */
static int from_fd(struct rmcpp *s, int fd,
		   int (*fn)(struct rmcpp *s, bool *ok), bool *ok)
{
	int real = s->fd, r;

	s->fd = fd;
	r = fn(s, ok);
	s->fd = real;
	return r;
}

/*
 * Handshake messages from ADDR, another address than the one that opened
 * the session (this process must hold ADDR, or be able to send from it).
 *
 *   rakp1: a login from here, with a copy of its RAKP1 sent from ADDR
 *          between RAKP2 and RAKP3; the login must still complete (a
 *          RAKP1 from elsewhere must not restart it with a new Rc).
 *   rakp3: N sessions opened from here, each given a RAKP3 from ADDR
 *          (with -P wrong, a wrong one); nothing is sent back to ADDR's
 *          socket here, and the test checks ADDR's lockout.
 */
static int cmd_spoof(struct rmcpp *s, int argc, char **argv)
{
	struct rmcpp_kex kex;
	int fd, r, n, i, ret = 1;
	bool ok;

	if (argc < 3 || argc > 4)
		usage();
	fd = rmcpp_socket_from(s, argv[2]);
	if (fd < 0)
		return 1;
	if (!strcmp(argv[1], "rakp1") && argc == 3) {
		r = rmcpp_open_session(s);
		if (!r)
			r = rmcpp_rakp12(s, &ok);
		if (r || !ok) {
			fprintf(stderr, "login: rakp2 failed (%d)\n", r);
			goto out;
		}
		kex = s->kex;
		r = from_fd(s, fd, rmcpp_rakp12, &ok);
		printf("rakp1 from %s: %s\n", argv[2],
		       r == -1 ? "no reply here" : "answered here");
		s->kex = kex;
		rmcpp_derive(s);
		OPENSSL_cleanse(&kex, sizeof(kex));
		r = rmcpp_rakp34(s, &ok);
		if (r || !ok) {
			printf("login broken: rakp4 %d icv %s\n", r,
			       ok ? "ok" : "bad");
			goto out;
		}
		printf("login completes\n");
		ret = rmcpp_close(s) ? 1 : 0;
	} else if (!strcmp(argv[1], "rakp3") && argc == 4) {
		n = (int)parse_num(argv[3], 1, 64);
		for (i = 0; i < n; i++) {
			r = rmcpp_open_session(s);
			if (!r)
				r = rmcpp_rakp12(s, &ok);
			if (r) {
				fprintf(stderr, "session %d: rakp2 %d\n", i, r);
				goto out;
			}
			r = from_fd(s, fd, rmcpp_rakp34, &ok);
			printf("rakp3 %d from %s: %s\n", i, argv[2],
			       r == -1 ? "no reply here" : "answered here");
		}
		ret = 0;
	} else {
		usage();
	}
out:
	close(fd);
	return ret;
}

/*
 * Every session handle named by a forwarded request: N sessions (from
 * 127.0.0.10 up to .25 in turn, so the pre-session rate limit of one
 * source is not the limit), each sending NETFN CMD with rqSeq 5 and
 * closing before the answer. Then one more login: while every handle is
 * named, it must be refused. If it is not, the same request is sent from
 * it: an answer there is another session's answer.
 */
static int cmd_fill_handles(struct rmcpp *s, int argc, char **argv)
{
	struct rmcpp_out o = { .ptype = PT_IPMI };
	int n, netfn, cmd, i, tries, fd, r, real = s->fd;
	struct ipmi_rsp rsp;
	u8 rbuf[RMCPP_DGRAM_MAX];
	char addr[32];

	if (argc != 4)
		usage();
	n = (int)parse_num(argv[1], 1, 63);
	netfn = (int)parse_num(argv[2], 0, 0x3f);
	cmd = (int)parse_num(argv[3], 0, 0xff);
	for (i = 0; i < n; i++) {
		snprintf(addr, sizeof(addr), "127.0.0.%d", 10 + i % 16);
		fd = rmcpp_socket_from(s, addr);
		if (fd < 0)
			return 1;
		s->fd = fd;
		for (tries = 0; tries < 3 && rmcpp_login(s, true); tries++)
			;
		if (tries == 3) {
			fprintf(stderr, "fill: login %d failed\n", i);
			close(fd);
			s->fd = real;
			return 1;
		}
		o.auth = s->suite->integ;
		o.encrypt = s->suite->conf;
		o.sid = s->bmc_sid;
		o.seq = rmcpp_next_seq(s);
		s->rq_seq = 5;
		if (rmcpp_send_ipmi(s, &o, (u8)netfn, (u8)cmd, NULL, 0) ||
		    rmcpp_close(s)) {
			fprintf(stderr, "fill: session %d failed\n", i);
			close(fd);
			s->fd = real;
			return 1;
		}
		close(fd);
		s->fd = real;
	}
	printf("filled %d\n", n);
	r = rmcpp_open_session(s);
	if (!r) {
		bool ok;

		r = rmcpp_rakp12(s, &ok);
		if (!r)
			r = rmcpp_rakp34(s, &ok);
	}
	if (r > 0) {
		printf("login refused status 0x%02x\n", r);
		return 0;
	}
	if (r < 0) {
		printf("login failed (%d)\n", r);
		return 1;
	}
	printf("login accepted while every handle is named\n");
	s->rq_seq = 4;		/* rmcpp_request() uses rq_seq + 1 */
	r = rmcpp_request(s, (u8)netfn, (u8)cmd, NULL, 0, &rsp, rbuf);
	if (!r)
		printf("answered cc %02x: another session's answer\n", rsp.cc);
	return 1;
}

/* sol-activate [INSTANCE]: the reply whatever its completion code */
static int cmd_sol_activate(struct rmcpp *s, int argc, char **argv)
{
	u8 rbuf[RMCPP_DGRAM_MAX];
	struct ipmi_rsp rsp;
	int instance = 1, r;

	if (argc > 2)
		usage();
	if (argc == 2)
		instance = (int)parse_num(argv[1], 0, 255);
	if (rmcpp_login(s, true))
		return 1;
	r = rmcpp_sol_activate(s, (u8)instance, &rsp, rbuf);
	if (r) {
		fprintf(stderr, "activate: %s\n",
			r == -1 ? "no reply" : "bad reply");
		return 1;
	}
	printf("cc %02x data ", rsp.cc);
	print_hex(rsp.data, rsp.len);
	putchar('\n');
	fflush(stdout);
	return rmcpp_close(s) ? 1 : 0;
}

static int cmd_sol(struct rmcpp *s, int argc, char **argv, int seconds)
{
	static const struct option opts[] = {
		{ "in", required_argument, NULL, 'i' },
		{ "out", required_argument, NULL, 'o' },
		{ "expect", required_argument, NULL, 'e' },
		{ "pace", required_argument, NULL, 'p' },
		{ "idle-ms", required_argument, NULL, 'd' },
		{ "retry-ms", required_argument, NULL, 'r' },
		{ "no-deactivate", no_argument, NULL, 'n' },
		{ "drop", required_argument, NULL, 'l' },
		{ "keepalive-ms", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	struct sol_opts o = {
		.expect = -1,
		.idle_ms = 2000,
		.retry_ms = 200,
		.seconds = seconds,
	};
	int c;

	optind = 0;		/* restart getopt on the command's arguments */
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			o.in = optarg;
			break;
		case 'o':
			o.out = optarg;
			break;
		case 'e':
			o.expect = parse_num(optarg, 0, 0x7fffffffL);
			break;
		case 'p':
			o.pace = parse_num(optarg, 1, 100000000);
			break;
		case 'd':
			o.idle_ms = (int)parse_num(optarg, 1, 3600000);
			break;
		case 'r':
			o.retry_ms = (int)parse_num(optarg, 1, 60000);
			break;
		case 'n':
			o.no_deactivate = true;
			break;
		case 'l':
			o.drop = (int)parse_num(optarg, 0, 50);
			break;
		case 'k':
			o.keepalive_ms = (int)parse_num(optarg, 1, 3600000);
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	return rmcpp_sol(s, &o);
}

static int cmd_seq(struct rmcpp *s, int argc, char **argv)
{
	unsigned long start;
	char *end;
	int i, ok = 0;

	if (argc != 2)
		usage();
	errno = 0;
	start = strtoul(argv[1], &end, 0);
	if (errno || *end || end == argv[1] || start > 0xffffffffUL)
		usage();
	s->out_seq = (u32)start;
	if (!s->out_seq)
		s->out_seq = 1;
	if (rmcpp_login(s, true))
		return 1;
	for (i = 0; i < 40; i++) {
		if (get_device_id(s) == 0)
			ok++;
		else
			fprintf(stderr, "seq: request %d (seq 0x%08x) failed\n",
				i, s->out_seq - 1);
	}
	printf("ok %d\n", ok);
	rmcpp_close(s);
	return ok == 40 ? 0 : 1;
}

static int cmd_flood(struct rmcpp *s, int argc, char **argv, int seconds)
{
	unsigned int hist[256] = { 0 };
	long long deadline, last_send, progress;
	u8 p[32], buf[RMCPP_DGRAM_MAX];
	static struct rmcpp_in in;
	struct rmcpp_out o = { .ptype = PT_OPEN_REQ };
	long n, sent = 0, errors = 0, replies = 0, i;
	u32 sid;
	int r;

	if (argc != 2)
		usage();
	n = parse_num(argv[1], 1, 10000000);
	deadline = now_ms() + (long long)seconds * 1000;
	if (RAND_bytes((u8 *)&sid, 4) != 1)
		return 1;
	memset(p, 0, sizeof(p));
	p[8] = 0x00;
	p[11] = 8;
	p[12] = s->suite->auth;
	p[16] = 0x01;
	p[19] = 8;
	p[20] = s->suite->integ;
	p[24] = 0x02;
	p[27] = 8;
	p[28] = s->suite->conf;
	s->verbose = s->verbose > 1;	/* one dump per packet only with -vv */

	progress = now_ms() + 1000;
	for (i = 0; i < n && now_ms() < deadline; i++) {
		/* Once a second, so that a flood killed early tells what it sent. */
		if (now_ms() >= progress) {
			printf("progress sent %ld replies %ld\n", sent, replies);
			fflush(stdout);
			progress = now_ms() + 1000;
		}
		if (!++sid)
			sid = 1;
		p[0] = (u8)i;
		p[4] = (u8)sid;
		p[5] = (u8)(sid >> 8);
		p[6] = (u8)(sid >> 16);
		p[7] = (u8)(sid >> 24);
		if (rmcpp_send_v2(s, &o, p, sizeof(p)))
			errors++;
		else
			sent++;
		/* drain whatever has arrived, without waiting */
		while ((r = rmcpp_recv_raw(s, buf, sizeof(buf), now_ms() + 1)) > 0) {
			if (!rmcpp_parse_v2(s, buf, r, &in) &&
			    in.ptype == PT_OPEN_RSP && in.len >= 2) {
				replies++;
				hist[in.payload[1]]++;
			}
		}
	}
	last_send = now_ms();
	while (replies < sent && now_ms() < deadline &&
	       now_ms() < last_send + s->timeout_ms) {
		r = rmcpp_recv_raw(s, buf, sizeof(buf),
				   last_send + s->timeout_ms);
		if (r <= 0)
			break;
		if (!rmcpp_parse_v2(s, buf, r, &in) &&
		    in.ptype == PT_OPEN_RSP && in.len >= 2) {
			replies++;
			hist[in.payload[1]]++;
		}
	}
	printf("sent %ld\n", sent);
	if (errors)
		printf("send-errors %ld\n", errors);
	printf("replies %ld\n", replies);
	for (i = 0; i < 256; i++)
		if (hist[i])
			printf("status 0x%02lx %u\n", i, hist[i]);
	return 0;
}

static int read_password_file(const char *path, char *pw, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t len;

	if (!f) {
		perror(path);
		return -1;
	}
	if (!fgets(pw, (int)size, f))
		pw[0] = '\0';
	fclose(f);
	len = strcspn(pw, "\r\n");
	pw[len] = '\0';
	return 0;
}

int main(int argc, char **argv)
{
	static struct rmcpp s;
	const char *host = "127.0.0.1", *user = "", *bind_addr = NULL;
	const char *cmd;
	char pw[64] = "";
	int port = 623, suite = 17, seconds = 10, c, ret, priv = PRIV_ADMIN;
	u8 kg[RMCPP_PASSWORD_LEN];
	int kg_len = -1;

	if (argc > 1 && !strcmp(argv[1], "--selftest-server"))
		return selftest_server_main(argc - 1, argv + 1);

	s.timeout_ms = 1000;
	while ((c = getopt(argc, argv, "+H:p:U:P:F:K:C:L:t:T:b:vh")) != -1) {
		switch (c) {
		case 'H':
			host = optarg;
			break;
		case 'p':
			port = (int)parse_num(optarg, 1, 65535);
			break;
		case 'U':
			user = optarg;
			break;
		case 'P':
			if (strlen(optarg) >= sizeof(pw))
				usage();
			strcpy(pw, optarg);
			break;
		case 'F':
			if (read_password_file(optarg, pw, sizeof(pw)))
				return EXIT_USAGE;
			break;
		case 'K':
			memset(kg, 0, sizeof(kg));
			kg_len = parse_hex(optarg, kg, sizeof(kg));
			if (kg_len < 0)
				usage();
			break;
		case 'C':
			suite = (int)parse_num(optarg, 0, 255);
			break;
		case 'L':
			priv = rmcpp_priv_parse(optarg);
			if (priv < 0)
				usage();
			break;
		case 't':
			s.timeout_ms = (int)parse_num(optarg, 1, 600000);
			break;
		case 'T':
			seconds = (int)parse_num(optarg, 1, 3600);
			break;
		case 'b':
			bind_addr = optarg;
			break;
		case 'v':
			s.verbose++;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	cmd = argv[0];

	s.suite = rmcpp_suite_find(suite);
	if (!s.suite) {
		fprintf(stderr, "unknown cipher suite %d\n", suite);
		return EXIT_USAGE;
	}
	if (strlen(user) > RMCPP_USER_MAX || strlen(pw) > RMCPP_PASSWORD_LEN) {
		fprintf(stderr, "user name > 16 or password > 20 bytes\n");
		return EXIT_USAGE;
	}
	s.priv = (u8)priv;
	s.kex.auth = s.suite->auth;
	memcpy(s.kex.kuid, pw, strlen(pw));
	OPENSSL_cleanse(pw, sizeof(pw));
	if (kg_len >= 0) {
		memcpy(s.kex.kg, kg, sizeof(kg));
		s.kex.have_kg = true;
	}
	s.kex.role = (u8)(priv | ROLE_NAME_ONLY);
	s.kex.ulen = (u8)strlen(user);
	memcpy(s.kex.uname, user, s.kex.ulen);
	s.out_seq = 1;

	if (rmcpp_open_socket(&s, host, port, bind_addr))
		return 1;

	if (!strcmp(cmd, "authcaps"))
		ret = cmd_authcaps(&s, argc, argv);
	else if (!strcmp(cmd, "ping"))
		ret = cmd_ping(&s, argc, argv);
	else if (!strcmp(cmd, "send"))
		ret = cmd_send(&s, argc, argv);
	else if (argc != 1 && strcmp(cmd, "raw") && strcmp(cmd, "seq") &&
		 strcmp(cmd, "retransmit") && strcmp(cmd, "spoof") &&
		 strcmp(cmd, "fill-handles") && strcmp(cmd, "flood") &&
		 strcmp(cmd, "bridge") && strcmp(cmd, "bridge-burst") &&
		 strcmp(cmd, "bridge-soak") && strcmp(cmd, "bridge-poll") &&
		 strcmp(cmd, "bridge2") &&
		 strcmp(cmd, "sol") && strcmp(cmd, "sol-activate"))
		usage();
	else if (!strcmp(cmd, "suites"))
		ret = cmd_suites(&s);
	else if (!strcmp(cmd, "login"))
		ret = cmd_login(&s);
	else if (!strcmp(cmd, "bridge2"))
		ret = cmd_bridge2(&s, argc, argv);
	else if (!strcmp(cmd, "bridge-burst"))
		ret = cmd_bridge_burst(&s, argc, argv);
	else if (!strcmp(cmd, "bridge-soak"))
		ret = cmd_bridge_soak(&s, argc, argv, false);
	else if (!strcmp(cmd, "bridge-poll"))
		ret = cmd_bridge_soak(&s, argc, argv, true);
	else if (!strcmp(cmd, "bridge"))
		ret = cmd_bridge(&s, argc, argv);
	else if (!strcmp(cmd, "raw"))
		ret = cmd_raw(&s, argc, argv);
	else if (!strcmp(cmd, "retransmit"))
		ret = cmd_retransmit(&s, argc, argv);
	else if (!strcmp(cmd, "open-only"))
		ret = cmd_open_only(&s);
	else if (!strcmp(cmd, "rakp-status"))
		ret = cmd_rakp_status(&s);
	else if (!strcmp(cmd, "replay"))
		ret = cmd_replay(&s);
	else if (!strcmp(cmd, "flip-auth"))
		ret = cmd_flip(&s, true);
	else if (!strcmp(cmd, "flip-encrypt"))
		ret = cmd_flip(&s, false);
	else if (!strcmp(cmd, "rakp3-first"))
		ret = cmd_rakp3_first(&s);
	else if (!strcmp(cmd, "setpriv-before-rakp3"))
		ret = cmd_setpriv_before_rakp3(&s);
	else if (!strcmp(cmd, "seq"))
		ret = cmd_seq(&s, argc, argv);
	else if (!strcmp(cmd, "pending-payloads"))
		ret = cmd_pending_payloads(&s);
	else if (!strcmp(cmd, "spoof"))
		ret = cmd_spoof(&s, argc, argv);
	else if (!strcmp(cmd, "fill-handles"))
		ret = cmd_fill_handles(&s, argc, argv);
	else if (!strcmp(cmd, "flood"))
		ret = cmd_flood(&s, argc, argv, seconds);
	else if (!strcmp(cmd, "sol"))
		ret = cmd_sol(&s, argc, argv, seconds);
	else if (!strcmp(cmd, "sol-activate"))
		ret = cmd_sol_activate(&s, argc, argv);
	else
		usage();

	OPENSSL_cleanse(&s.kex, sizeof(s.kex));
	OPENSSL_cleanse(s.sik, sizeof(s.sik));
	close(s.fd);
	fflush(stdout);
	return ret;
}
