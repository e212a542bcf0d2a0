// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl session { show | help }: the active RMCP+ sessions.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdlib.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

void session_usage(FILE *f)
{
	fprintf(f, "Usage: " PROG " session { show | help }\n");
}

/* GET_SESSIONS */

struct session_info {
	uint8_t handle, user_id, privilege, suite;
	uint32_t id;
	char peer[PEER_STRLEN];
};

struct session_list {
	struct session_info *sessions;
	unsigned int n;
};

static struct nla_policy session_policy[IPMI_LAN_SESSION_A_MAX + 1] = {
	[IPMI_LAN_SESSION_A_HANDLE]	= { .type = NLA_U8 },
	[IPMI_LAN_SESSION_A_ID]		= { .type = NLA_U32 },
	[IPMI_LAN_SESSION_A_USER_ID]	= { .type = NLA_U8 },
	[IPMI_LAN_SESSION_A_PRIVILEGE]	= { .type = NLA_U8 },
	[IPMI_LAN_SESSION_A_SUITE]	= { .type = NLA_U8 },
	[IPMI_LAN_SESSION_A_PEER]	= { .minlen = sizeof(struct sockaddr_in) },
};

/*
 * "192.0.2.2:623" or "[2001:db8::2]:623" ("[fe80::2%eth0]:623"); also for
 * the peers of events (monitor.c).
 */
int format_peer(const struct nlattr *a, char *buf, size_t size)
{
	struct sockaddr_in6 sin6;
	struct sockaddr_in sin;
	char addr[INET6_ADDRSTRLEN], scope[IF_NAMESIZE + 1] = "";
	sa_family_t family;

	if (nla_len(a) < (int)sizeof(family))
		return -EINVAL;
	memcpy(&family, nla_data(a), sizeof(family));
	if (family == AF_INET && nla_len(a) >= (int)sizeof(sin)) {
		memcpy(&sin, nla_data(a), sizeof(sin));
		inet_ntop(AF_INET, &sin.sin_addr, addr, sizeof(addr));
		snprintf(buf, size, "%s:%u", addr, ntohs(sin.sin_port));
		return 0;
	}
	if (family != AF_INET6 || nla_len(a) < (int)sizeof(sin6))
		return -EINVAL;

	memcpy(&sin6, nla_data(a), sizeof(sin6));
	inet_ntop(AF_INET6, &sin6.sin6_addr, addr, sizeof(addr));
	if (sin6.sin6_scope_id) {
		scope[0] = '%';
		if (!if_indextoname(sin6.sin6_scope_id, scope + 1))
			snprintf(scope + 1, sizeof(scope) - 1, "%" PRIu32,
				 sin6.sin6_scope_id);
	}
	snprintf(buf, size, "[%s%s]:%u", addr, scope, ntohs(sin6.sin6_port));
	return 0;
}

static int session_parse_nest(struct nlattr *nest, struct session_info *s)
{
	struct nlattr *tb[IPMI_LAN_SESSION_A_MAX + 1];
	int i;

	if (!nest || nla_parse_nested(tb, IPMI_LAN_SESSION_A_MAX, nest,
				      session_policy) < 0)
		return -EINVAL;
	for (i = IPMI_LAN_SESSION_A_HANDLE; i <= IPMI_LAN_SESSION_A_MAX; i++) {
		if (!tb[i])
			return -EINVAL;
	}

	s->handle = nla_get_u8(tb[IPMI_LAN_SESSION_A_HANDLE]);
	s->id = nla_get_u32(tb[IPMI_LAN_SESSION_A_ID]);
	s->user_id = nla_get_u8(tb[IPMI_LAN_SESSION_A_USER_ID]);
	s->privilege = nla_get_u8(tb[IPMI_LAN_SESSION_A_PRIVILEGE]);
	s->suite = nla_get_u8(tb[IPMI_LAN_SESSION_A_SUITE]);
	return format_peer(tb[IPMI_LAN_SESSION_A_PEER], s->peer,
			   sizeof(s->peer));
}

static int session_reply(struct nlattr **tb, void *arg)
{
	struct session_list *list = arg;
	struct session_info *sessions;

	sessions = realloc(list->sessions, (list->n + 1) * sizeof(*sessions));
	if (!sessions)
		return -ENOMEM;
	list->sessions = sessions;
	if (session_parse_nest(tb[IPMI_LAN_A_SESSION], &sessions[list->n]) < 0)
		return -EINVAL;
	list->n++;
	return 0;
}

static void session_list_reset(void *arg)
{
	struct session_list *list = arg;

	free(list->sessions);
	list->sessions = NULL;
	list->n = 0;
}

static void session_print(const struct session_info *s)
{
	char buf[40];

	snprintf(buf, sizeof(buf), "0x%08" PRIx32, s->id);
	print_string(PRINT_FP, NULL, "session %s", buf);
	print_u64(PRINT_ANY, "handle", " handle %" PRIu64, s->handle);
	print_u64(PRINT_JSON, "id", NULL, s->id);
	print_u64(PRINT_ANY, "user_id", " user %" PRIu64, s->user_id);
	print_string(PRINT_ANY, "privilege", " privilege %s",
		     privilege_name(s->privilege, buf, sizeof(buf)));
	print_u64(PRINT_ANY, "suite", " suite %" PRIu64, s->suite);
	print_string(PRINT_ANY, "peer", " peer %s\n", s->peer);
}

static int session_show(int argc, char **argv)
{
	struct session_list list = { NULL, 0 };
	unsigned int i;
	int ret;

	if (argc > 0) {
		if (is_help(argv[0])) {
			session_usage(stdout);
			return EXIT_OK;
		}
		return usage_error("session show: unexpected argument \"%s\"",
				   argv[0]);
	}

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	ret = ipmi_nl_dump(IPMI_LAN_CMD_GET_SESSIONS, "session show",
			   session_reply, session_list_reset, &list);
	if (!ret) {
		print_start_array();
		for (i = 0; i < list.n; i++) {
			open_json_object(NULL);
			session_print(&list.sessions[i]);
			close_json_object();
		}
		ret = print_end();
	}
	session_list_reset(&list);
	return ret;
}

int cmd_session(int argc, char **argv)
{
	if (argc == 0)
		return session_show(0, argv);
	if (matches(argv[0], "show"))
		return session_show(argc - 1, argv + 1);
	if (is_help(argv[0])) {
		session_usage(stdout);
		return EXIT_OK;
	}
	return usage_error("unknown session command \"%s\"; try \"" PROG " session help\"",
			   argv[0]);
}
