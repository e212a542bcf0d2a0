/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * ipmi_lan: an IPMI v2.0 LAN (RMCP/RMCP+) server in the kernel.
 *
 * Documentation
 * =============
 *
 * The generic netlink family is IPMI_LAN_GENL_NAME, version
 * IPMI_LAN_GENL_VERSION. Every command acts on the server instance of the
 * caller's network namespace and requires CAP_NET_ADMIN in the initial user
 * namespace (GENL_ADMIN_PERM). Attribute policies are strict: unknown
 * attributes, wrong lengths and unknown flag bits are rejected with an
 * extended ack message naming the offending attribute.
 *
 * IPMI_LAN_CMD_GET_SERVER
 * -----------------------
 *
 * A do request with no attributes. The reply carries:
 *
 *    IPMI_LAN_A_SERVER_ENABLED: NLA_U8, 1 if the server is meant to listen
 *    IPMI_LAN_A_SERVER_PORT: NLA_U16, UDP port (host order), default 623
 *    IPMI_LAN_A_SERVER_LISTEN: NLA_NESTED, the configured addresses
 *        IPMI_LAN_LISTEN_A_V4: NLA_BE32 (4 bytes, network order), present if
 *                              the server listens on IPv4
 *        IPMI_LAN_LISTEN_A_V6: 16 bytes (struct in6_addr), present if the
 *                              server listens on IPv6
 *    IPMI_LAN_A_SERVER_LISTENING: NLA_U8, 1 if sockets are bound right now
 *
 * IPMI_LAN_CMD_SET_SERVER
 * -----------------------
 *
 * A do request; every attribute is optional and only the given ones change.
 * The whole request is validated before anything is applied, so a request
 * that fails changes nothing.
 *
 *    IPMI_LAN_A_SERVER_ENABLED: NLA_U8, 0 or 1; 1 binds the sockets
 *    IPMI_LAN_A_SERVER_PORT: NLA_U16, 1..65535
 *    IPMI_LAN_A_SERVER_LISTEN: NLA_NESTED, replaces the listen set; it must
 *                              hold at least one of:
 *        IPMI_LAN_LISTEN_A_V4: 4 bytes, an IPv4 address or 0.0.0.0
 *        IPMI_LAN_LISTEN_A_V6: 16 bytes, an IPv6 address or ::
 *                              (link-local addresses are refused)
 *
 * A fresh instance is disabled, with port 623 and the listen set
 * {0.0.0.0, ::}. If binding fails (address not local, port in use), the
 * request fails with that error and the old configuration stays in force.
 *
 * IPMI_LAN_CMD_GET_STATS
 * ----------------------
 *
 * A do request with no attributes. The reply carries
 *
 *    IPMI_LAN_A_STATS: NLA_NESTED
 *        IPMI_LAN_STATS_A_RX_PACKETS: NLA_U64, datagrams received
 *        IPMI_LAN_STATS_A_RX_BYTES: NLA_U64, UDP payload bytes received
 *        IPMI_LAN_STATS_A_TX_PACKETS: NLA_U64, datagrams sent
 *        IPMI_LAN_STATS_A_TX_BYTES: NLA_U64, UDP payload bytes sent
 *        IPMI_LAN_STATS_A_DROPS: NLA_NESTED, one NLA_U64 per drop reason;
 *            the attribute type is the enum ipmi_lan_drop_reason value + 1
 *
 * Counters are per server instance and are never reset while it exists.
 */

#ifndef _UAPI_LINUX_IPMI_LAN_H
#define _UAPI_LINUX_IPMI_LAN_H

#define IPMI_LAN_GENL_NAME "ipmi_lan"
#define IPMI_LAN_GENL_VERSION 1

#define IPMI_LAN_DEFAULT_PORT 623

enum ipmi_lan_cmd {
	IPMI_LAN_CMD_UNSPEC,
	IPMI_LAN_CMD_GET_SERVER,
	IPMI_LAN_CMD_SET_SERVER,
	IPMI_LAN_CMD_GET_STATS,
	__IPMI_LAN_CMD_MAX
};
#define IPMI_LAN_CMD_MAX (__IPMI_LAN_CMD_MAX - 1)

enum ipmi_lan_attr {
	IPMI_LAN_A_UNSPEC,
	IPMI_LAN_A_SERVER_ENABLED,
	IPMI_LAN_A_SERVER_PORT,
	IPMI_LAN_A_SERVER_LISTEN,
	IPMI_LAN_A_SERVER_LISTENING,
	IPMI_LAN_A_STATS,
	__IPMI_LAN_A_LAST
};
#define IPMI_LAN_A_MAX (__IPMI_LAN_A_LAST - 1)

enum ipmi_lan_listen_attr {
	IPMI_LAN_LISTEN_A_UNSPEC,
	IPMI_LAN_LISTEN_A_V4,
	IPMI_LAN_LISTEN_A_V6,
	__IPMI_LAN_LISTEN_A_LAST
};
#define IPMI_LAN_LISTEN_A_MAX (__IPMI_LAN_LISTEN_A_LAST - 1)

enum ipmi_lan_stats_attr {
	IPMI_LAN_STATS_A_UNSPEC,
	IPMI_LAN_STATS_A_RX_PACKETS,
	IPMI_LAN_STATS_A_RX_BYTES,
	IPMI_LAN_STATS_A_TX_PACKETS,
	IPMI_LAN_STATS_A_TX_BYTES,
	IPMI_LAN_STATS_A_DROPS,
	__IPMI_LAN_STATS_A_LAST
};
#define IPMI_LAN_STATS_A_MAX (__IPMI_LAN_STATS_A_LAST - 1)

/*
 * Why a received datagram was dropped without an answer. New reasons are
 * only ever appended; tools print unknown ones by number.
 */
enum ipmi_lan_drop_reason {
	IPMI_LAN_DROP_TRUNCATED,	/* shorter than its headers say */
	IPMI_LAN_DROP_OVERSIZE,		/* larger than any valid datagram */
	IPMI_LAN_DROP_RMCP_HEADER,	/* bad RMCP version, class or seq */
	IPMI_LAN_DROP_ASF,		/* ASF message other than a ping */
	IPMI_LAN_DROP_SESSION_HEADER,	/* bad IPMI 1.5 / RMCP+ session header */
	IPMI_LAN_DROP_MSG_HEADER,	/* bad IPMI message framing */
	IPMI_LAN_DROP_CHECKSUM,		/* bad IPMI message checksum */
	IPMI_LAN_DROP_UNKNOWN_SESSION,	/* session id not known */
	IPMI_LAN_DROP_NOT_ALLOWED,	/* command not allowed outside a session */
	IPMI_LAN_DROP_NOMEM,		/* no memory for the reply */
	IPMI_LAN_DROP_TX_ERROR,		/* the reply could not be routed */
	__IPMI_LAN_DROP_MAX
};
#define IPMI_LAN_DROP_MAX (__IPMI_LAN_DROP_MAX - 1)

#endif /* _UAPI_LINUX_IPMI_LAN_H */
