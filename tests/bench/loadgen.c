// SPDX-License-Identifier: GPL-2.0
/*
 * loadgen: the benchmark's load generator. One JSON object on stdout per
 * run; diagnostics on stderr. See usage().
 */
#include "loadgen.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
	fputs("usage: loadgen MODE [options]\n"
	      "  req     requests in sessions: closed loop (-w) or open loop (-r)\n"
	      "  hs      full handshakes (Open Session .. Close Session)\n"
	      "  mem     slab bytes per active session at the -M points\n"
	      "  crypto  userspace OpenSSL cost of one request and reply\n"
	      "options:\n"
	      "  -H HOST -p PORT   server (127.0.0.1 623)\n"
	      "  -s SUITE          3 or 17 (3)\n"
	      "  -u USER -a PASS   credentials (admin / benchpass)\n"
	      "  -n N              sessions (4)\n"
	      "  -w W              requests in flight per session (4)\n"
	      "  -r RATE           open loop at RATE requests/s in total\n"
	      "  -t SECONDS        the timed phase (5)\n"
	      "  -c COUNT          requests or handshakes at most (200000)\n"
	      "  -E                the target is the UDP echo floor\n"
	      "  -B OCTET          source addresses 127.OCTET.x.y (10; 0: none)\n"
	      "  -A N -j K         hs: N source addresses, K handshakes in flight (64 8)\n"
	      "  -V N              verify one reply (hs: one handshake) in N fully (16)\n"
	      "  -T MS             a reply later than MS is lost (1000)\n"
	      "  -C NETFN:CMD      the request (6:1, Get Device ID)\n"
	      "  -b LO-HI          req: bridge it (Send Message, channel 0, tracked)\n"
	      "                    to the targets LO..HI in turn, but 20h (the BMC)\n"
	      "  -M N,N,..         mem: session counts (1,32,63)\n"
	      "  -F                hs: a new socket (source port) per handshake\n"
	      "  -G CPU -S CPU     the CPUs of the generator and of the server\n"
	      "  -l LABEL          copied into the JSON\n", stderr);
	exit(2);
}

static long num(const char *s, long lo, long hi)
{
	char *end;
	long v = strtol(s, &end, 0);

	if (*end || v < lo || v > hi) {
		fprintf(stderr, "bad number '%s' (%ld..%ld)\n", s, lo, hi);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	struct lg_opts o = {
		.host = "127.0.0.1", .port = 623, .suite = 3,
		.user = "admin", .pass = "benchpass",
		.sessions = 4, .window = 4, .seconds = 5, .count = 200000,
		.bind_octet = 10, .addrs = 64, .in_flight = 8,
		.verify_every = 16, .timeout_ms = 1000,
		.netfn = NETFN_APP, .cmd = CMD_GET_DEVICE_ID,
		.mem_points = "1,32,63", .gen_cpu = -1, .srv_cpu = -1,
	};
	char *colon;
	int c, a, lo, hi;

	if (argc < 2)
		usage();
	o.mode = argv[1];
	optind = 2;
	while ((c = getopt(argc, argv, "H:p:s:u:a:n:w:r:t:c:EB:A:j:V:T:C:b:M:l:FG:S:")) != -1) {
		switch (c) {
		case 'H': o.host = optarg; break;
		case 'p': o.port = (int)num(optarg, 1, 65535); break;
		case 's': o.suite = (int)num(optarg, 0, 255); break;
		case 'u': o.user = optarg; break;
		case 'a': o.pass = optarg; break;
		case 'n': o.sessions = (int)num(optarg, 1, LG_MAX_SESSIONS); break;
		case 'w': o.window = (int)num(optarg, 1, LG_RING / 2); break;
		case 'r':
			o.rate = (double)num(optarg, 1, 10000000);
			o.open_loop = true;
			break;
		case 't': o.seconds = (double)num(optarg, 1, 600); break;
		case 'c': o.count = num(optarg, 1, 50000000); break;
		case 'E': o.echo = true; break;
		case 'B': o.bind_octet = (int)num(optarg, 0, 255); break;
		case 'A': o.addrs = (int)num(optarg, 1, LG_MAX_ADDRS); break;
		case 'j': o.in_flight = (int)num(optarg, 1, LG_MAX_INFLIGHT); break;
		case 'V': o.verify_every = (int)num(optarg, 0, 1000000); break;
		case 'T': o.timeout_ms = (int)num(optarg, 10, 60000); break;
		case 'C':
			colon = strchr(optarg, ':');
			if (!colon)
				usage();
			*colon = 0;
			o.netfn = (u8)num(optarg, 0, 0x3f);
			o.cmd = (u8)num(colon + 1, 0, 255);
			break;
		case 'b':
			colon = strchr(optarg, '-');
			if (!colon)
				usage();
			*colon = 0;
			lo = (int)num(optarg, 1, 255);
			hi = (int)num(colon + 1, lo, 255);
			o.ntargets = 0;
			for (a = lo; a <= hi; a++)
				if (a != 0x20)
					o.targets[o.ntargets++] = (u8)a;
			if (!o.ntargets)
				usage();
			break;
		case 'M': o.mem_points = optarg; break;
		case 'l': o.label = optarg; break;
		case 'F': o.fresh_socket = true; break;
		case 'G': o.gen_cpu = (int)num(optarg, 0, LG_MAX_CPUS - 1); break;
		case 'S': o.srv_cpu = (int)num(optarg, 0, LG_MAX_CPUS - 1); break;
		default: usage();
		}
	}
	if (optind != argc || !rmcpp_suite_find(o.suite) ||
	    strlen(o.pass) > RMCPP_PASSWORD_LEN || strlen(o.user) > RMCPP_USER_MAX)
		usage();
	if (!strcmp(o.mode, "req"))
		return lg_req_main(&o);
	if (!strcmp(o.mode, "hs"))
		return lg_hs_main(&o);
	if (!strcmp(o.mode, "mem"))
		return lg_mem_main(&o);
	if (!strcmp(o.mode, "crypto"))
		return lg_crypto_main(&o);
	usage();
	return 2;
}
