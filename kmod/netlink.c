// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family documented in uapi/linux/ipmi_lan.h. Every
 * operation needs CAP_NET_ADMIN in the initial user namespace and acts on
 * the caller's network namespace.
 */

#include "channel.h"
#include "event.h"
#include "bridge.h"
#include "forward.h"
#include "ldisc.h"
#include "messages.h"
#include "netlink.h"
#include "server.h"
#include "session.h"
#include "smi.h"
#include "sol.h"
#include "user.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/ctype.h>
#include <linux/in6.h>
#include <linux/ipv6.h>
#include <linux/netlink.h>
#include <linux/notifier.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netlink.h>

static const struct nla_policy listen_policy[IPMI_LAN_LISTEN_A_MAX + 1] = {
	[IPMI_LAN_LISTEN_A_V4] = NLA_POLICY_EXACT_LEN(sizeof(__be32)),
	[IPMI_LAN_LISTEN_A_V6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
};

static const struct nla_policy user_policy[IPMI_LAN_USER_A_MAX + 1] = {
	[IPMI_LAN_USER_A_ID] = NLA_POLICY_RANGE(NLA_U8, 1, IPMI_LAN_USER_MAX_ID),
	[IPMI_LAN_USER_A_NAME] = { .type = NLA_NUL_STRING,
				   .len = IPMI_LAN_USER_NAME_LEN },
	[IPMI_LAN_USER_A_PASSWORD] = { .type = NLA_BINARY,
				       .len = IPMI_LAN_PASSWORD_LEN },
	[IPMI_LAN_USER_A_HAS_PASSWORD] = { .type = NLA_REJECT },
	[IPMI_LAN_USER_A_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
	[IPMI_LAN_USER_A_PRIVILEGE] =
		NLA_POLICY_RANGE(NLA_U8, 1, IPMI_LAN_PRIV_NO_ACCESS),
	[IPMI_LAN_USER_A_IPMI_MSG] = NLA_POLICY_MAX(NLA_U8, 1),
	[IPMI_LAN_USER_A_LINK_AUTH] = NLA_POLICY_MAX(NLA_U8, 1),
	[IPMI_LAN_USER_A_LOCKED] = { .type = NLA_REJECT },
	[IPMI_LAN_USER_A_FLAGS] = NLA_POLICY_MASK(NLA_U32, __IPMI_LAN_USER_F_ALL),
	[IPMI_LAN_USER_A_SOL] = NLA_POLICY_MAX(NLA_U8, 1),
	[IPMI_LAN_USER_A_BRIDGE_EMBEDDED] =
		NLA_POLICY_MAX(NLA_U8, IPMI_LAN_BRIDGE_CHANNEL),
};

static const struct nla_policy channel_policy[IPMI_LAN_CHANNEL_A_MAX + 1] = {
	[IPMI_LAN_CHANNEL_A_SUITES] = { .type = NLA_U32 },
	[IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE] =
		NLA_POLICY_EXACT_LEN(IPMI_LAN_SUITE_COUNT),
	[IPMI_LAN_CHANNEL_A_PRIVILEGE] = NLA_POLICY_RANGE(NLA_U8, 1, 5),
	[IPMI_LAN_CHANNEL_A_KG] = { .type = NLA_BINARY,
				    .len = IPMI_LAN_PASSWORD_LEN },
	[IPMI_LAN_CHANNEL_A_HAS_KG] = { .type = NLA_REJECT },
	[IPMI_LAN_CHANNEL_A_SESSION_TIMEOUT] =
		NLA_POLICY_RANGE(NLA_U32, 5, 3600),
	[IPMI_LAN_CHANNEL_A_MAX_SESSIONS] = NLA_POLICY_RANGE(NLA_U8, 1, 63),
	[IPMI_LAN_CHANNEL_A_LOCKOUT_THRESHOLD] = { .type = NLA_U8 },
	[IPMI_LAN_CHANNEL_A_LOCKOUT_RESET] = { .type = NLA_U16 },
	[IPMI_LAN_CHANNEL_A_LOCKOUT_INTERVAL] = { .type = NLA_U16 },
	[IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED] =
		NLA_POLICY_MAX(NLA_U8, IPMI_LAN_BRIDGE_EMBEDDED),
};

static struct netlink_range_validation manufacturer_range = {
	.max = 0xfffff,
};

static const struct nla_policy forward_policy[IPMI_LAN_FORWARD_A_MAX + 1] = {
	[IPMI_LAN_FORWARD_A_NETFN] = NLA_POLICY_MAX(NLA_U8, 0x3e),
	[IPMI_LAN_FORWARD_A_CMD] = { .type = NLA_U8 },
	[IPMI_LAN_FORWARD_A_PRIVILEGE] =
		NLA_POLICY_RANGE(NLA_U8, IPMI_PRIV_CALLBACK, IPMI_PRIV_OEM),
	[IPMI_LAN_FORWARD_A_OWNED] = NLA_POLICY_MAX(NLA_U8, 1),
	[IPMI_LAN_FORWARD_A_TARGET] = NLA_POLICY_MIN(NLA_U8, 1),
};

/* A target's identity: the server identity's attributes, nested. */
static const struct nla_policy identity_policy[IPMI_LAN_A_MAX + 1] = {
	[IPMI_LAN_A_SERVER_DEVICE_ID] = { .type = NLA_U8 },
	[IPMI_LAN_A_SERVER_DEVICE_REVISION] = NLA_POLICY_MAX(NLA_U8, 15),
	[IPMI_LAN_A_SERVER_FW_MAJOR] = NLA_POLICY_MAX(NLA_U8, 127),
	[IPMI_LAN_A_SERVER_FW_MINOR] = NLA_POLICY_MAX(NLA_U8, 99),
	[IPMI_LAN_A_SERVER_MANUFACTURER] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &manufacturer_range),
	[IPMI_LAN_A_SERVER_PRODUCT] = { .type = NLA_U16 },
	[IPMI_LAN_A_SERVER_AUX_FW] = { .type = NLA_U32 },
	[IPMI_LAN_A_SERVER_GUID] = NLA_POLICY_EXACT_LEN(16),
};

static const struct nla_policy target_policy[IPMI_LAN_TARGET_A_MAX + 1] = {
	[IPMI_LAN_TARGET_A_ADDR] = NLA_POLICY_MIN(NLA_U8, 1),
	[IPMI_LAN_TARGET_A_NAME] = { .type = NLA_NUL_STRING,
				     .len = IPMI_LAN_TARGET_NAME_LEN - 1 },
	[IPMI_LAN_TARGET_A_IDENTITY] = NLA_POLICY_NESTED(identity_policy),
	[IPMI_LAN_TARGET_A_IF_NUM] = { .type = NLA_REJECT },
	[IPMI_LAN_TARGET_A_STATS] = { .type = NLA_REJECT },
	[IPMI_LAN_TARGET_A_VIA] = { .type = NLA_U8 },
	[IPMI_LAN_TARGET_A_VIA_CHANNEL] = NLA_POLICY_MAX(NLA_U8, 11),
};

static const struct nla_policy sol_policy[IPMI_LAN_SOL_A_MAX + 1] = {
	[IPMI_LAN_SOL_A_LDISC] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_A_LDISC_OK] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_A_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
	[IPMI_LAN_SOL_A_FORCE_ENCRYPTION] = NLA_POLICY_MAX(NLA_U8, 1),
	[IPMI_LAN_SOL_A_FORCE_AUTH] = NLA_POLICY_MAX(NLA_U8, 1),
	[IPMI_LAN_SOL_A_PRIVILEGE] =
		NLA_POLICY_RANGE(NLA_U8, IPMI_PRIV_USER, IPMI_PRIV_ADMIN),
	[IPMI_LAN_SOL_A_ACCUMULATE] = NLA_POLICY_MIN(NLA_U8, 1),
	[IPMI_LAN_SOL_A_THRESHOLD] = NLA_POLICY_MIN(NLA_U8, 1),
	[IPMI_LAN_SOL_A_RETRY_COUNT] = NLA_POLICY_MAX(NLA_U8, 7),
	[IPMI_LAN_SOL_A_RETRY_INTERVAL] = { .type = NLA_U8 },
	[IPMI_LAN_SOL_A_BIT_RATE] = NLA_POLICY_MAX(NLA_U8, 10),
	[IPMI_LAN_SOL_A_VOLATILE_BIT_RATE] = NLA_POLICY_MAX(NLA_U8, 10),
};

/* SOL_ATTACH's; the rest of the nest is in replies only. */
static const struct nla_policy sol_tty_policy[IPMI_LAN_SOL_TTY_A_MAX + 1] = {
	[IPMI_LAN_SOL_TTY_A_TARGET] = NLA_POLICY_MIN(NLA_U8, 1),
	[IPMI_LAN_SOL_TTY_A_DEV_MAJOR] = { .type = NLA_U32 },
	[IPMI_LAN_SOL_TTY_A_DEV_MINOR] = { .type = NLA_U32 },
	[IPMI_LAN_SOL_TTY_A_NAME] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_TTY_A_ACTIVE] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_TTY_A_SESSION] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_TTY_A_USER_ID] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_TTY_A_TX_BYTES] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_TTY_A_RX_BYTES] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_TTY_A_RETRIES] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_TTY_A_NACKS_SENT] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_TTY_A_NACKS_RECEIVED] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_TTY_A_DROPPED] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_TTY_A_DUPLICATES] = { .type = NLA_REJECT },
	[IPMI_LAN_SOL_TTY_A_ACTIVATIONS] = { .type = NLA_REJECT },
};

static const struct nla_policy ipmi_lan_policy[IPMI_LAN_A_MAX + 1] = {
	[IPMI_LAN_A_SERVER_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
	[IPMI_LAN_A_SERVER_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[IPMI_LAN_A_SERVER_LISTEN] = NLA_POLICY_NESTED(listen_policy),
	[IPMI_LAN_A_SERVER_LISTENING] = { .type = NLA_REJECT },
	[IPMI_LAN_A_STATS] = { .type = NLA_REJECT },
	[IPMI_LAN_A_SERVER_DEVICE_ID] = { .type = NLA_U8 },
	[IPMI_LAN_A_SERVER_DEVICE_REVISION] = NLA_POLICY_MAX(NLA_U8, 15),
	[IPMI_LAN_A_SERVER_FW_MAJOR] = NLA_POLICY_MAX(NLA_U8, 127),
	[IPMI_LAN_A_SERVER_FW_MINOR] = NLA_POLICY_MAX(NLA_U8, 99),
	[IPMI_LAN_A_SERVER_MANUFACTURER] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &manufacturer_range),
	[IPMI_LAN_A_SERVER_PRODUCT] = { .type = NLA_U16 },
	[IPMI_LAN_A_SERVER_AUX_FW] = { .type = NLA_U32 },
	[IPMI_LAN_A_SERVER_GUID] = NLA_POLICY_EXACT_LEN(16),
	[IPMI_LAN_A_USER] = NLA_POLICY_NESTED(user_policy),
	[IPMI_LAN_A_CHANNEL] = NLA_POLICY_NESTED(channel_policy),
	[IPMI_LAN_A_SESSION] = { .type = NLA_REJECT },
	[IPMI_LAN_A_SMI_IF_NUM] = { .type = NLA_REJECT },
	[IPMI_LAN_A_FORWARD_TIMEOUT] =
		NLA_POLICY_RANGE(NLA_U32, IPMI_LAN_FORWARD_TIMEOUT_MIN,
				 IPMI_LAN_FORWARD_TIMEOUT_MAX),
	[IPMI_LAN_A_FORWARD] = NLA_POLICY_NESTED(forward_policy),
	[IPMI_LAN_A_SOL] = NLA_POLICY_NESTED(sol_policy),
	[IPMI_LAN_A_SOL_TTY] = NLA_POLICY_NESTED(sol_tty_policy),
	[IPMI_LAN_A_EVENT] = { .type = NLA_REJECT },
	[IPMI_LAN_A_TARGET] = NLA_POLICY_NESTED(target_policy),
};

static struct genl_family genl_family;

static int put_listen(struct sk_buff *skb, const struct ipmi_lan_listen *l)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, IPMI_LAN_A_SERVER_LISTEN);
	if (!nest)
		return -EMSGSIZE;
	if ((l->v4 && nla_put_in_addr(skb, IPMI_LAN_LISTEN_A_V4, l->addr4)) ||
	    (l->v6 && nla_put_in6_addr(skb, IPMI_LAN_LISTEN_A_V6, &l->addr6))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Identity attributes, at the top level or in a target's nest. */
static int put_identity(struct sk_buff *skb, const struct ipmi_lan_identity *id)
{
	if (nla_put_u8(skb, IPMI_LAN_A_SERVER_DEVICE_ID, id->device_id) ||
	    nla_put_u8(skb, IPMI_LAN_A_SERVER_DEVICE_REVISION,
		       id->device_revision) ||
	    nla_put_u8(skb, IPMI_LAN_A_SERVER_FW_MAJOR, id->fw_major) ||
	    nla_put_u8(skb, IPMI_LAN_A_SERVER_FW_MINOR, id->fw_minor) ||
	    nla_put_u32(skb, IPMI_LAN_A_SERVER_MANUFACTURER, id->manufacturer) ||
	    nla_put_u16(skb, IPMI_LAN_A_SERVER_PRODUCT, id->product) ||
	    nla_put_u32(skb, IPMI_LAN_A_SERVER_AUX_FW, id->aux_fw) ||
	    nla_put(skb, IPMI_LAN_A_SERVER_GUID, sizeof(id->guid), id->guid))
		return -EMSGSIZE;
	return 0;
}

/* Applies the identity attributes in tb to *id; whether there were any. */
static bool parse_identity(struct nlattr **tb, struct ipmi_lan_identity *id)
{
	bool any = false;

	if (tb[IPMI_LAN_A_SERVER_DEVICE_ID]) {
		id->device_id = nla_get_u8(tb[IPMI_LAN_A_SERVER_DEVICE_ID]);
		any = true;
	}
	if (tb[IPMI_LAN_A_SERVER_DEVICE_REVISION]) {
		id->device_revision =
			nla_get_u8(tb[IPMI_LAN_A_SERVER_DEVICE_REVISION]);
		any = true;
	}
	if (tb[IPMI_LAN_A_SERVER_FW_MAJOR]) {
		id->fw_major = nla_get_u8(tb[IPMI_LAN_A_SERVER_FW_MAJOR]);
		any = true;
	}
	if (tb[IPMI_LAN_A_SERVER_FW_MINOR]) {
		id->fw_minor = nla_get_u8(tb[IPMI_LAN_A_SERVER_FW_MINOR]);
		any = true;
	}
	if (tb[IPMI_LAN_A_SERVER_MANUFACTURER]) {
		id->manufacturer =
			nla_get_u32(tb[IPMI_LAN_A_SERVER_MANUFACTURER]);
		any = true;
	}
	if (tb[IPMI_LAN_A_SERVER_PRODUCT]) {
		id->product = nla_get_u16(tb[IPMI_LAN_A_SERVER_PRODUCT]);
		any = true;
	}
	if (tb[IPMI_LAN_A_SERVER_AUX_FW]) {
		id->aux_fw = nla_get_u32(tb[IPMI_LAN_A_SERVER_AUX_FW]);
		any = true;
	}
	if (tb[IPMI_LAN_A_SERVER_GUID]) {
		nla_memcpy(id->guid, tb[IPMI_LAN_A_SERVER_GUID],
			   sizeof(id->guid));
		any = true;
	}
	return any;
}

static int get_server(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct ipmi_lan_identity id;
	struct ipmi_lan_config config;
	int if_num = ipmi_lan_smi_if_num(srv);
	struct sk_buff *msg;
	u32 timeout;
	void *hdr;

	mutex_lock(&srv->lock);
	config = srv->config;
	timeout = srv->forward_timeout_ms;
	mutex_unlock(&srv->lock);
	ipmi_lan_server_get_identity(srv, &id);

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &genl_family, 0,
				IPMI_LAN_CMD_GET_SERVER);
	if (!hdr)
		goto nospace;
	if (nla_put_u8(msg, IPMI_LAN_A_SERVER_ENABLED, config.enabled) ||
	    nla_put_u16(msg, IPMI_LAN_A_SERVER_PORT, config.port) ||
	    put_listen(msg, &config.listen) ||
	    nla_put_u8(msg, IPMI_LAN_A_SERVER_LISTENING,
		       ipmi_lan_server_listening(srv)) ||
	    put_identity(msg, &id) ||
	    (if_num >= 0 && nla_put_u32(msg, IPMI_LAN_A_SMI_IF_NUM, if_num)) ||
	    nla_put_u32(msg, IPMI_LAN_A_FORWARD_TIMEOUT, timeout))
		goto nospace;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int parse_listen(struct nlattr *attr, struct ipmi_lan_listen *l,
			struct netlink_ext_ack *extack)
{
	struct nlattr *tb[IPMI_LAN_LISTEN_A_MAX + 1];
	int ret;

	ret = nla_parse_nested(tb, IPMI_LAN_LISTEN_A_MAX, attr, listen_policy,
			       extack);
	if (ret)
		return ret;
	if (!tb[IPMI_LAN_LISTEN_A_V4] && !tb[IPMI_LAN_LISTEN_A_V6]) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "the listen set needs at least one address");
		return -EINVAL;
	}
	memset(l, 0, sizeof(*l));
	if (tb[IPMI_LAN_LISTEN_A_V4]) {
		l->v4 = true;
		l->addr4 = nla_get_in_addr(tb[IPMI_LAN_LISTEN_A_V4]);
		if (ipv4_is_multicast(l->addr4) || ipv4_is_lbcast(l->addr4)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IPMI_LAN_LISTEN_A_V4],
					    "not a unicast IPv4 address");
			return -EINVAL;
		}
	}
	if (tb[IPMI_LAN_LISTEN_A_V6]) {
		int type;

		if (!IS_ENABLED(CONFIG_IPV6)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IPMI_LAN_LISTEN_A_V6],
					    "this kernel has no IPv6");
			return -EAFNOSUPPORT;
		}
		l->v6 = true;
		l->addr6 = nla_get_in6_addr(tb[IPMI_LAN_LISTEN_A_V6]);
		type = ipv6_addr_type(&l->addr6);
		if (type & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LINKLOCAL |
			    IPV6_ADDR_MAPPED)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[IPMI_LAN_LISTEN_A_V6],
					    "multicast, link-local and v4-mapped addresses cannot be listened on");
			return -EINVAL;
		}
	}
	return 0;
}

static int set_server(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct ipmi_lan_identity identity, *new_identity = NULL;
	struct ipmi_lan_config config, *new_config = NULL;
	struct ipmi_lan_listen listen;
	struct nlattr **tb = info->attrs;
	int ret;

	/* Validate everything before touching the configuration. */
	if (tb[IPMI_LAN_A_SERVER_LISTEN]) {
		ret = parse_listen(tb[IPMI_LAN_A_SERVER_LISTEN], &listen,
				   info->extack);
		if (ret)
			return ret;
	}

	/*
	 * Operations of the family are serialised by genl_mutex, so nothing
	 * changes the configuration between this copy and its replacement.
	 */
	mutex_lock(&srv->lock);
	config = srv->config;
	mutex_unlock(&srv->lock);
	if (tb[IPMI_LAN_A_SERVER_ENABLED] || tb[IPMI_LAN_A_SERVER_PORT] ||
	    tb[IPMI_LAN_A_SERVER_LISTEN])
		new_config = &config;
	if (tb[IPMI_LAN_A_SERVER_ENABLED])
		config.enabled = nla_get_u8(tb[IPMI_LAN_A_SERVER_ENABLED]);
	if (tb[IPMI_LAN_A_SERVER_PORT])
		config.port = nla_get_u16(tb[IPMI_LAN_A_SERVER_PORT]);
	if (tb[IPMI_LAN_A_SERVER_LISTEN])
		config.listen = listen;

	ipmi_lan_server_get_identity(srv, &identity);
	if (parse_identity(tb, &identity))
		new_identity = &identity;
	if (tb[IPMI_LAN_A_FORWARD_TIMEOUT]) {
		mutex_lock(&srv->lock);
		WRITE_ONCE(srv->forward_timeout_ms,
			   nla_get_u32(tb[IPMI_LAN_A_FORWARD_TIMEOUT]));
		mutex_unlock(&srv->lock);
	}
	if (!new_config && !new_identity)
		return 0;
	return ipmi_lan_server_configure(srv, new_config, new_identity,
					 info->extack);
}

static int get_stats(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *nest, *drops;
	struct ipmi_lan_stats st;
	struct sk_buff *msg;
	void *hdr;
	int i;

	ipmi_lan_server_read_stats(srv, &st);
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &genl_family, 0,
				IPMI_LAN_CMD_GET_STATS);
	if (!hdr)
		goto nospace;
	nest = nla_nest_start(msg, IPMI_LAN_A_STATS);
	if (!nest)
		goto nospace;
	if (nla_put_u64_64bit(msg, IPMI_LAN_STATS_A_RX_PACKETS, st.rx_packets,
			      IPMI_LAN_STATS_A_UNSPEC) ||
	    nla_put_u64_64bit(msg, IPMI_LAN_STATS_A_RX_BYTES, st.rx_bytes,
			      IPMI_LAN_STATS_A_UNSPEC) ||
	    nla_put_u64_64bit(msg, IPMI_LAN_STATS_A_TX_PACKETS, st.tx_packets,
			      IPMI_LAN_STATS_A_UNSPEC) ||
	    nla_put_u64_64bit(msg, IPMI_LAN_STATS_A_TX_BYTES, st.tx_bytes,
			      IPMI_LAN_STATS_A_UNSPEC))
		goto nospace;
	drops = nla_nest_start(msg, IPMI_LAN_STATS_A_DROPS);
	if (!drops)
		goto nospace;
	for (i = 0; i < __IPMI_LAN_DROP_LAST; i++)
		if (nla_put_u64_64bit(msg, i + 1, st.drops[i], 0))
			goto nospace;
	nla_nest_end(msg, drops);
	for (i = 0; i < __IPMI_LAN_FWD_STAT_LAST; i++)
		if (nla_put_u64_64bit(msg, IPMI_LAN_STATS_A_FWD_REQUESTS + i,
				      atomic64_read(&srv->fwd_stats[i]),
				      IPMI_LAN_STATS_A_UNSPEC))
			goto nospace;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* Wipes a secret attribute of the request once it has been used. */
static void wipe_attr(struct nlattr *attr)
{
	if (attr)
		memzero_explicit(nla_data(attr), nla_len(attr));
}

static int fill_user(struct sk_buff *skb, struct ipmi_lan_server *srv,
		     const struct ipmi_lan_user *u)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, IPMI_LAN_A_USER);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, IPMI_LAN_USER_A_ID, u->id) ||
	    (u->name_len &&
	     nla_put_string(skb, IPMI_LAN_USER_A_NAME, u->name)) ||
	    nla_put_u8(skb, IPMI_LAN_USER_A_HAS_PASSWORD, u->has_password) ||
	    nla_put_u8(skb, IPMI_LAN_USER_A_ENABLED, u->enabled) ||
	    nla_put_u8(skb, IPMI_LAN_USER_A_PRIVILEGE, u->privilege) ||
	    nla_put_u8(skb, IPMI_LAN_USER_A_IPMI_MSG, u->ipmi_msg) ||
	    nla_put_u8(skb, IPMI_LAN_USER_A_LINK_AUTH, u->link_auth) ||
	    nla_put_u8(skb, IPMI_LAN_USER_A_SOL, u->sol) ||
	    nla_put_u8(skb, IPMI_LAN_USER_A_BRIDGE_EMBEDDED, u->bridge) ||
	    nla_put_u8(skb, IPMI_LAN_USER_A_LOCKED,
		       ipmi_lan_user_locked(srv, u->id))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/*
 * Parses the required top-level nest attr into tb (maxtype, policy) and
 * checks that it holds key; -EINVAL with the message why (a string
 * literal, as NL_SET_ERR_MSG() keeps it) if not.
 */
static int parse_keyed(struct genl_info *info, int attr, int maxtype,
		       const struct nla_policy *policy, struct nlattr **tb,
		       int key, const char *why)
{
	struct nlattr *nest = info->attrs[attr];
	int ret = -EINVAL;

	if (!GENL_REQ_ATTR_CHECK(info, attr)) {
		ret = nla_parse_nested(tb, maxtype, nest, policy, info->extack);
		if (ret || !NL_REQ_ATTR_CHECK(info->extack, nest, tb, key))
			return ret;
	}
	if (info->extack)
		info->extack->_msg = why;
	return -EINVAL;
}

/* Parses IPMI_LAN_A_USER and its required IPMI_LAN_USER_A_ID. */
static int parse_user(struct genl_info *info, struct nlattr **tb, u8 *id)
{
	int ret;

	ret = parse_keyed(info, IPMI_LAN_A_USER, IPMI_LAN_USER_A_MAX,
			  user_policy, tb, IPMI_LAN_USER_A_ID,
			  "missing the user id");
	if (ret)
		return ret;
	*id = nla_get_u8(tb[IPMI_LAN_USER_A_ID]);
	if (*id < IPMI_LAN_USER_MIN_ID) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[IPMI_LAN_USER_A_ID],
				    "user ids are 2..63; 1 is the null user");
		return -EINVAL;
	}
	return 0;
}

static int get_user_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *tb[IPMI_LAN_USER_A_MAX + 1];
	struct ipmi_lan_user u;
	struct sk_buff *msg;
	void *hdr;
	int ret;
	u8 id;

	ret = parse_user(info, tb, &id);
	if (ret)
		return ret;
	if (ipmi_lan_user_get(srv, id, &u)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[IPMI_LAN_USER_A_ID],
				    "no such user");
		return -ENOENT;
	}
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &genl_family, 0,
				IPMI_LAN_CMD_GET_USER);
	if (!hdr || fill_user(msg, srv, &u)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* One message per user; cb->args[0] is the next id to look at. */
static int get_user_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(sock_net(skb->sk));
	struct ipmi_lan_user u;
	unsigned long id;
	void *hdr;

	for (id = max_t(unsigned long, cb->args[0], IPMI_LAN_USER_MIN_ID);
	     id <= IPMI_LAN_USER_MAX_ID; id++) {
		if (ipmi_lan_user_get(srv, id, &u))
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &genl_family, NLM_F_MULTI,
				  IPMI_LAN_CMD_GET_USER);
		if (!hdr)
			break;
		if (fill_user(skb, srv, &u)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	cb->args[0] = id;
	return skb->len;
}

static int set_user_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *tb[IPMI_LAN_USER_A_MAX + 1];
	struct ipmi_lan_user_change c = {};
	struct nlattr *pw = NULL;
	int ret;
	u8 id;

	ret = parse_user(info, tb, &id);
	if (ret)
		goto out;
	pw = tb[IPMI_LAN_USER_A_PASSWORD];
	c.need_name = true;
	c.id_attr = tb[IPMI_LAN_USER_A_ID];
	if (tb[IPMI_LAN_USER_A_FLAGS])
		c.flags = nla_get_u32(tb[IPMI_LAN_USER_A_FLAGS]);
	if (tb[IPMI_LAN_USER_A_NAME]) {
		c.name_attr = tb[IPMI_LAN_USER_A_NAME];
		c.set_name = true;
		c.name = nla_data(c.name_attr);
		c.name_len = strnlen(c.name, IPMI_LAN_USER_NAME_LEN + 1);
		ret = -EINVAL;
		if (!c.name_len) {
			NL_SET_ERR_MSG_ATTR(info->extack, c.name_attr,
					    "null (empty) user names are refused");
			goto out;
		}
		if (ipmi_lan_user_name_check(c.name, c.name_len)) {
			NL_SET_ERR_MSG_ATTR(info->extack, c.name_attr,
					    "a user name is 1..16 printable ASCII characters, no spaces");
			goto out;
		}
	}
	if (pw) {
		ret = -EINVAL;
		if (!nla_len(pw)) {
			NL_SET_ERR_MSG_ATTR(info->extack, pw,
					    "empty passwords are refused");
			goto out;
		}
		c.set_password = true;
		c.password = nla_data(pw);
		c.password_len = nla_len(pw);
	}
	if (tb[IPMI_LAN_USER_A_ENABLED]) {
		c.enabled_attr = tb[IPMI_LAN_USER_A_ENABLED];
		c.set_enabled = true;
		c.enabled = nla_get_u8(c.enabled_attr);
	}
	if (tb[IPMI_LAN_USER_A_PRIVILEGE]) {
		c.set_privilege = true;
		c.privilege = nla_get_u8(tb[IPMI_LAN_USER_A_PRIVILEGE]);
		ret = -EINVAL;
		if (!ipmi_lan_user_privilege_valid(c.privilege)) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[IPMI_LAN_USER_A_PRIVILEGE],
					    "privilege is 1..5 or 15 (no access)");
			goto out;
		}
	}
	if (tb[IPMI_LAN_USER_A_IPMI_MSG]) {
		c.set_ipmi_msg = true;
		c.ipmi_msg = nla_get_u8(tb[IPMI_LAN_USER_A_IPMI_MSG]);
	}
	if (tb[IPMI_LAN_USER_A_LINK_AUTH]) {
		c.set_link_auth = true;
		c.link_auth = nla_get_u8(tb[IPMI_LAN_USER_A_LINK_AUTH]);
	}
	if (tb[IPMI_LAN_USER_A_SOL]) {
		c.set_sol = true;
		c.sol = nla_get_u8(tb[IPMI_LAN_USER_A_SOL]);
	}
	if (tb[IPMI_LAN_USER_A_BRIDGE_EMBEDDED]) {
		c.set_bridge = true;
		c.bridge = nla_get_u8(tb[IPMI_LAN_USER_A_BRIDGE_EMBEDDED]);
	}
	ret = ipmi_lan_user_change(srv, id, &c, GFP_KERNEL, info->extack);
out:
	/* The whole nest: a password may be in it even if parsing failed. */
	wipe_attr(info->attrs[IPMI_LAN_A_USER]);
	return ret;
}

static int del_user_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *tb[IPMI_LAN_USER_A_MAX + 1];
	int ret;
	u8 id;

	ret = parse_user(info, tb, &id);
	if (ret)
		return ret;
	return ipmi_lan_user_del(srv, id, info->extack);
}

static int get_channel(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct ipmi_lan_channel ch;
	struct sk_buff *msg;
	struct nlattr *nest;
	void *hdr;

	ipmi_lan_channel_read(srv, &ch);
	memzero_explicit(ch.kg, sizeof(ch.kg));
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &genl_family, 0,
				IPMI_LAN_CMD_GET_CHANNEL);
	if (!hdr)
		goto nospace;
	nest = nla_nest_start(msg, IPMI_LAN_A_CHANNEL);
	if (!nest)
		goto nospace;
	if (nla_put_u32(msg, IPMI_LAN_CHANNEL_A_SUITES, ch.suites) ||
	    nla_put(msg, IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE,
		    sizeof(ch.suite_priv), ch.suite_priv) ||
	    nla_put_u8(msg, IPMI_LAN_CHANNEL_A_PRIVILEGE, ch.privilege) ||
	    nla_put_u8(msg, IPMI_LAN_CHANNEL_A_HAS_KG, ch.has_kg) ||
	    nla_put_u32(msg, IPMI_LAN_CHANNEL_A_SESSION_TIMEOUT,
			ch.session_timeout) ||
	    nla_put_u8(msg, IPMI_LAN_CHANNEL_A_MAX_SESSIONS, ch.max_sessions) ||
	    nla_put_u8(msg, IPMI_LAN_CHANNEL_A_LOCKOUT_THRESHOLD,
		       ch.lockout_threshold) ||
	    nla_put_u16(msg, IPMI_LAN_CHANNEL_A_LOCKOUT_RESET,
			ch.lockout_reset) ||
	    nla_put_u16(msg, IPMI_LAN_CHANNEL_A_LOCKOUT_INTERVAL,
			ch.lockout_interval) ||
	    nla_put_u8(msg, IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED,
		       ch.bridge_embedded ? IPMI_LAN_BRIDGE_EMBEDDED :
					    IPMI_LAN_BRIDGE_SEPARATE))
		goto nospace;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int parse_channel(struct nlattr **tb, struct ipmi_lan_channel *ch,
			 struct netlink_ext_ack *extack)
{
	struct nlattr *attr;

	attr = tb[IPMI_LAN_CHANNEL_A_SUITES];
	if (attr) {
		ch->suites = nla_get_u32(attr);
		if (!ipmi_lan_channel_suites_valid(ch->suites)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "suites must be a non-empty subset of 1, 2, 3, 6, 7, 8, 11, 12, 15, 16, 17");
			return -EINVAL;
		}
	}
	attr = tb[IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE];
	if (attr) {
		nla_memcpy(ch->suite_priv, attr, sizeof(ch->suite_priv));
		if (!ipmi_lan_channel_suite_priv_capped(ch->suite_priv)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "suites without integrity (1, 6, 15) are capped at user privilege");
			return -EINVAL;
		}
		if (!ipmi_lan_channel_suite_priv_valid(ch->suite_priv)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "every suite privilege is 1..5");
			return -EINVAL;
		}
	}
	attr = tb[IPMI_LAN_CHANNEL_A_PRIVILEGE];
	if (attr)
		ch->privilege = nla_get_u8(attr);
	attr = tb[IPMI_LAN_CHANNEL_A_KG];
	if (attr) {
		memset(ch->kg, 0, sizeof(ch->kg));
		nla_memcpy(ch->kg, attr, sizeof(ch->kg));
		ch->has_kg = nla_len(attr) > 0;
	}
	attr = tb[IPMI_LAN_CHANNEL_A_SESSION_TIMEOUT];
	if (attr)
		ch->session_timeout = nla_get_u32(attr);
	attr = tb[IPMI_LAN_CHANNEL_A_MAX_SESSIONS];
	if (attr)
		ch->max_sessions = nla_get_u8(attr);
	attr = tb[IPMI_LAN_CHANNEL_A_LOCKOUT_THRESHOLD];
	if (attr)
		ch->lockout_threshold = nla_get_u8(attr);
	attr = tb[IPMI_LAN_CHANNEL_A_LOCKOUT_RESET];
	if (attr)
		ch->lockout_reset = nla_get_u16(attr);
	attr = tb[IPMI_LAN_CHANNEL_A_LOCKOUT_INTERVAL];
	if (attr)
		ch->lockout_interval = nla_get_u16(attr);
	attr = tb[IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED];
	if (attr)
		ch->bridge_embedded =
			nla_get_u8(attr) == IPMI_LAN_BRIDGE_EMBEDDED;
	return 0;
}

static int set_channel(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *tb[IPMI_LAN_CHANNEL_A_MAX + 1];
	struct ipmi_lan_channel ch;
	struct nlattr *kg = NULL;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, IPMI_LAN_A_CHANNEL)) {
		GENL_SET_ERR_MSG(info, "missing the channel attribute");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, IPMI_LAN_CHANNEL_A_MAX,
			       info->attrs[IPMI_LAN_A_CHANNEL], channel_policy,
			       info->extack);
	if (ret) {
		/* A K_G may be in it even though parsing failed. */
		wipe_attr(info->attrs[IPMI_LAN_A_CHANNEL]);
		return ret;
	}
	kg = tb[IPMI_LAN_CHANNEL_A_KG];
	/* Serialised by genl_mutex: nothing else replaces it meanwhile. */
	ipmi_lan_channel_read(srv, &ch);
	ret = parse_channel(tb, &ch, info->extack);
	if (!ret)
		ret = ipmi_lan_channel_replace(srv, &ch);
	memzero_explicit(ch.kg, sizeof(ch.kg));
	wipe_attr(kg);
	return ret;
}

/* One message per active session, by handle; the cursor is the handle. */
static int dump_sessions(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(sock_net(skb->sk));
	struct ipmi_lan_session *s;
	struct ipmi_lan_endpoint peer;
	struct nlattr *nest;
	unsigned int h;
	void *hdr;
	u8 priv;

	for (h = cb->args[0] + 1; h <= SESSION_MAX_HANDLE; h++) {
		s = ipmi_lan_session_by_handle(srv, h);
		if (!s)
			continue;
		spin_lock_bh(&s->lock);
		priv = s->priv;
		peer = s->peer;
		spin_unlock_bh(&s->lock);
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &genl_family, NLM_F_MULTI,
				  IPMI_LAN_CMD_GET_SESSIONS);
		if (!hdr)
			goto full;
		nest = nla_nest_start(skb, IPMI_LAN_A_SESSION);
		if (!nest ||
		    nla_put_u8(skb, IPMI_LAN_SESSION_A_HANDLE, s->handle) ||
		    nla_put_u32(skb, IPMI_LAN_SESSION_A_ID, s->id) ||
		    nla_put_u8(skb, IPMI_LAN_SESSION_A_USER_ID, s->user_id) ||
		    nla_put_u8(skb, IPMI_LAN_SESSION_A_PRIVILEGE, priv) ||
		    nla_put_u8(skb, IPMI_LAN_SESSION_A_SUITE, s->suite->id) ||
		    nla_put(skb, IPMI_LAN_SESSION_A_PEER,
			    peer.addr.sa_family == AF_INET ?
			    sizeof(peer.addr4) : sizeof(peer.addr6),
			    &peer.addr)) {
			genlmsg_cancel(skb, hdr);
			goto full;
		}
		nla_nest_end(skb, nest);
		genlmsg_end(skb, hdr);
		ipmi_lan_session_put(s);
		cb->args[0] = h;
	}
	return skb->len;
full:
	ipmi_lan_session_put(s);
	return skb->len;
}

static int smi_attach(struct sk_buff *skb, struct genl_info *info)
{
	return ipmi_lan_smi_attach(ipmi_lan_server_get(genl_info_net(info)),
				   info->extack);
}

static int smi_detach(struct sk_buff *skb, struct genl_info *info)
{
	int ret = ipmi_lan_smi_detach(ipmi_lan_server_get(genl_info_net(info)));

	if (ret == -ENOENT)
		GENL_SET_ERR_MSG(info,
				 "this namespace's server holds no system interface");
	return ret;
}

static int parse_forward(struct genl_info *info, struct nlattr **tb)
{
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, IPMI_LAN_A_FORWARD)) {
		GENL_SET_ERR_MSG(info, "missing the forward attribute");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, IPMI_LAN_FORWARD_A_MAX,
			       info->attrs[IPMI_LAN_A_FORWARD], forward_policy,
			       info->extack);
	if (ret)
		return ret;
	if (!tb[IPMI_LAN_FORWARD_A_NETFN]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[IPMI_LAN_A_FORWARD],
				    "missing the netfn");
		return -EINVAL;
	}
	if (nla_get_u8(tb[IPMI_LAN_FORWARD_A_NETFN]) & 1) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[IPMI_LAN_FORWARD_A_NETFN],
				    "a request netfn is even");
		return -EINVAL;
	}
	return 0;
}

/* The table a forward request names: a target's, or the server's own. */
static u8 forward_addr(struct nlattr **tb)
{
	return tb[IPMI_LAN_FORWARD_A_TARGET] ?
	       nla_get_u8(tb[IPMI_LAN_FORWARD_A_TARGET]) : IPMI_LAN_BMC_ADDR;
}

static int add_forward(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *tb[IPMI_LAN_FORWARD_A_MAX + 1];
	struct ipmi_lan_forward_entry e = {};
	int ret;

	ret = parse_forward(info, tb);
	if (ret)
		return ret;
	e.netfn = nla_get_u8(tb[IPMI_LAN_FORWARD_A_NETFN]);
	e.all = !tb[IPMI_LAN_FORWARD_A_CMD];
	if (!e.all)
		e.cmd = nla_get_u8(tb[IPMI_LAN_FORWARD_A_CMD]);
	if (tb[IPMI_LAN_FORWARD_A_PRIVILEGE])
		e.priv = nla_get_u8(tb[IPMI_LAN_FORWARD_A_PRIVILEGE]);
	if (tb[IPMI_LAN_FORWARD_A_OWNED] &&
	    nla_get_u8(tb[IPMI_LAN_FORWARD_A_OWNED]))
		e.owner = info->snd_portid;
	return ipmi_lan_forward_add(srv, forward_addr(tb), &e, info->extack);
}

static int del_forward(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *tb[IPMI_LAN_FORWARD_A_MAX + 1];
	int ret;

	ret = parse_forward(info, tb);
	if (ret)
		return ret;
	return ipmi_lan_forward_del(srv, forward_addr(tb),
				    nla_get_u8(tb[IPMI_LAN_FORWARD_A_NETFN]),
				    tb[IPMI_LAN_FORWARD_A_CMD] ?
				    nla_get_u8(tb[IPMI_LAN_FORWARD_A_CMD]) : 0,
				    !tb[IPMI_LAN_FORWARD_A_CMD], info->extack);
}

/*
 * One message per entry, the server's table first (0x20), then each
 * target's by address; the cursor is the table (args[1], 0 for the
 * server's) and the index in it (args[0]).
 */
static int dump_forward(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(sock_net(skb->sk));
	const struct ipmi_lan_forward_table *t;
	const struct ipmi_lan_forward_entry *e;
	struct ipmi_lan_target *target;
	unsigned int addr, i;
	struct nlattr *nest;
	bool full = false;
	void *hdr;

	rcu_read_lock();
	for (addr = cb->args[1]; addr < IPMI_LAN_ADDRS && !full; addr++) {
		if (!addr) {
			t = rcu_dereference(srv->forward);
		} else {
			target = addr == IPMI_LAN_BMC_ADDR ? NULL :
				 ipmi_lan_target_rcu(srv, addr);
			t = target ? rcu_dereference(target->forward) : NULL;
		}
		for (i = cb->args[0]; t && i < t->n; i++) {
			e = &t->e[i];
			hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					  cb->nlh->nlmsg_seq, &genl_family,
					  NLM_F_MULTI, IPMI_LAN_CMD_GET_FORWARD);
			if (!hdr) {
				full = true;
				break;
			}
			nest = nla_nest_start(skb, IPMI_LAN_A_FORWARD);
			if (!nest ||
			    nla_put_u8(skb, IPMI_LAN_FORWARD_A_NETFN, e->netfn) ||
			    (!e->all &&
			     nla_put_u8(skb, IPMI_LAN_FORWARD_A_CMD, e->cmd)) ||
			    nla_put_u8(skb, IPMI_LAN_FORWARD_A_PRIVILEGE,
				       e->priv) ||
			    nla_put_u8(skb, IPMI_LAN_FORWARD_A_OWNED,
				       !!e->owner) ||
			    (addr && nla_put_u8(skb, IPMI_LAN_FORWARD_A_TARGET,
						addr))) {
				genlmsg_cancel(skb, hdr);
				full = true;
				break;
			}
			nla_nest_end(skb, nest);
			genlmsg_end(skb, hdr);
			cb->args[0] = i + 1;
		}
		if (full)
			break;
		cb->args[1] = addr + 1;
		cb->args[0] = 0;
	}
	rcu_read_unlock();
	return skb->len;
}

static int put_target(struct sk_buff *skb, const struct ipmi_lan_target_info *ti)
{
	struct nlattr *nest, *id, *st;
	int i;

	nest = nla_nest_start(skb, IPMI_LAN_A_TARGET);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_u8(skb, IPMI_LAN_TARGET_A_ADDR, ti->addr) ||
	    (ti->name[0] &&
	     nla_put_string(skb, IPMI_LAN_TARGET_A_NAME, ti->name)) ||
	    (ti->if_num >= 0 &&
	     nla_put_u32(skb, IPMI_LAN_TARGET_A_IF_NUM, ti->if_num)) ||
	    (ti->via &&
	     (nla_put_u8(skb, IPMI_LAN_TARGET_A_VIA, ti->via) ||
	      nla_put_u8(skb, IPMI_LAN_TARGET_A_VIA_CHANNEL, ti->via_channel))))
		goto cancel;
	id = nla_nest_start(skb, IPMI_LAN_TARGET_A_IDENTITY);
	if (!id || put_identity(skb, &ti->identity))
		goto cancel;
	nla_nest_end(skb, id);
	st = nla_nest_start(skb, IPMI_LAN_TARGET_A_STATS);
	if (!st)
		goto cancel;
	for (i = 0; i < __IPMI_LAN_FWD_STAT_LAST; i++)
		if (nla_put_u64_64bit(skb, IPMI_LAN_STATS_A_FWD_REQUESTS + i,
				      ti->fwd_stats[i], IPMI_LAN_STATS_A_UNSPEC))
			goto cancel;
	nla_nest_end(skb, st);
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Parses IPMI_LAN_A_TARGET and its required address. */
static int parse_target(struct genl_info *info, struct nlattr **tb, u8 *addr)
{
	int ret;

	ret = parse_keyed(info, IPMI_LAN_A_TARGET, IPMI_LAN_TARGET_A_MAX,
			  target_policy, tb, IPMI_LAN_TARGET_A_ADDR,
			  "missing the target address");
	if (ret)
		return ret;
	*addr = nla_get_u8(tb[IPMI_LAN_TARGET_A_ADDR]);
	if (*addr == IPMI_LAN_BMC_ADDR) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[IPMI_LAN_TARGET_A_ADDR],
				    "0x20 is the BMC itself, not a target");
		return -EINVAL;
	}
	return 0;
}

static int get_target_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *tb[IPMI_LAN_TARGET_A_MAX + 1];
	struct ipmi_lan_target_info ti;
	struct sk_buff *msg;
	void *hdr;
	int ret;
	u8 addr;

	ret = parse_target(info, tb, &addr);
	if (ret)
		return ret;
	if (!ipmi_lan_target_info(srv, addr, &ti) || ti.addr != addr) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[IPMI_LAN_TARGET_A_ADDR],
				    "no such target");
		return -ENOENT;
	}
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &genl_family, 0,
				IPMI_LAN_CMD_GET_TARGET);
	if (!hdr || put_target(msg, &ti)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* One message per target, by address; the cursor is the next address. */
static int get_target_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(sock_net(skb->sk));
	struct ipmi_lan_target_info ti;
	void *hdr;

	while (cb->args[0] < IPMI_LAN_ADDRS &&
	       ipmi_lan_target_info(srv, cb->args[0], &ti)) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &genl_family, NLM_F_MULTI,
				  IPMI_LAN_CMD_GET_TARGET);
		if (!hdr)
			break;
		if (put_target(skb, &ti)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = ti.addr + 1;
	}
	return skb->len;
}

/* ADD and SET: the target's settings from the request, validated. */
static int target_conf(struct genl_info *info, struct nlattr **tb,
		       struct ipmi_lan_target_conf *conf)
{
	struct nlattr *idtb[IPMI_LAN_A_MAX + 1];
	const char *name;
	size_t i, len;
	int ret;

	if (tb[IPMI_LAN_TARGET_A_NAME]) {
		name = nla_data(tb[IPMI_LAN_TARGET_A_NAME]);
		len = strnlen(name, IPMI_LAN_TARGET_NAME_LEN);
		for (i = 0; i < len; i++)
			if (!isgraph(name[i]))
				break;
		if (!len || i < len || len >= IPMI_LAN_TARGET_NAME_LEN) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[IPMI_LAN_TARGET_A_NAME],
					    "a target name is 1..31 printable characters, no spaces");
			return -EINVAL;
		}
		conf->have_name = true;
		memcpy(conf->name, name, len);
		conf->name[len] = 0;
	}
	if (tb[IPMI_LAN_TARGET_A_VIA]) {
		conf->have_via = true;
		conf->via = nla_get_u8(tb[IPMI_LAN_TARGET_A_VIA]);
		if (conf->via && !tb[IPMI_LAN_TARGET_A_VIA_CHANNEL]) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[IPMI_LAN_TARGET_A_VIA],
					    "a transit needs its channel");
			return -EINVAL;
		}
		if (conf->via)
			conf->via_channel =
				nla_get_u8(tb[IPMI_LAN_TARGET_A_VIA_CHANNEL]);
	} else if (tb[IPMI_LAN_TARGET_A_VIA_CHANNEL]) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    tb[IPMI_LAN_TARGET_A_VIA_CHANNEL],
				    "a channel goes with a transit");
		return -EINVAL;
	}
	if (tb[IPMI_LAN_TARGET_A_IDENTITY]) {
		ret = nla_parse_nested(idtb, IPMI_LAN_A_MAX,
				       tb[IPMI_LAN_TARGET_A_IDENTITY],
				       identity_policy, info->extack);
		if (ret)
			return ret;
		conf->have_identity = parse_identity(idtb, &conf->identity);
	}
	return 0;
}

static int add_target(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *tb[IPMI_LAN_TARGET_A_MAX + 1];
	struct ipmi_lan_target_conf conf = {};
	int ret;

	ret = parse_target(info, tb, &conf.addr);
	if (ret)
		return ret;
	/* What the request leaves out of the identity is the default. */
	ipmi_lan_target_default_identity(srv, &conf.identity);
	ret = target_conf(info, tb, &conf);
	if (ret)
		return ret;
	conf.have_identity = true;
	return ipmi_lan_target_add(srv, &conf, info->extack);
}

static int set_target(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *tb[IPMI_LAN_TARGET_A_MAX + 1];
	struct ipmi_lan_target_conf conf = {};
	int ret;

	ret = parse_target(info, tb, &conf.addr);
	if (ret)
		return ret;
	/* Only what the request names changes. */
	if (!ipmi_lan_target_identity(srv, conf.addr, &conf.identity)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[IPMI_LAN_TARGET_A_ADDR],
				    "no such target");
		return -ENOENT;
	}
	ret = target_conf(info, tb, &conf);
	if (ret)
		return ret;
	return ipmi_lan_target_set(srv, &conf, info->extack);
}

static int del_target(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *tb[IPMI_LAN_TARGET_A_MAX + 1];
	int ret;
	u8 addr;

	ret = parse_target(info, tb, &addr);
	if (ret)
		return ret;
	ret = ipmi_lan_target_del(srv, addr);
	if (ret == -ENOENT)
		NL_SET_ERR_MSG_ATTR(info->extack, tb[IPMI_LAN_TARGET_A_ADDR],
				    "no such target");
	return ret;
}

static int get_sol(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct ipmi_lan_sol_config cfg;
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	ipmi_lan_sol_get_config(srv, &cfg);
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &genl_family, 0, IPMI_LAN_CMD_GET_SOL);
	if (!hdr)
		goto nospace;
	nest = nla_nest_start(msg, IPMI_LAN_A_SOL);
	if (!nest ||
	    nla_put_u32(msg, IPMI_LAN_SOL_A_LDISC, ipmi_lan_ldisc_num()) ||
	    nla_put_u8(msg, IPMI_LAN_SOL_A_LDISC_OK, ipmi_lan_ldisc_registered()) ||
	    nla_put_u8(msg, IPMI_LAN_SOL_A_ENABLED, cfg.enabled) ||
	    nla_put_u8(msg, IPMI_LAN_SOL_A_FORCE_ENCRYPTION, cfg.force_encryption) ||
	    nla_put_u8(msg, IPMI_LAN_SOL_A_FORCE_AUTH, cfg.force_auth) ||
	    nla_put_u8(msg, IPMI_LAN_SOL_A_PRIVILEGE, cfg.privilege) ||
	    nla_put_u8(msg, IPMI_LAN_SOL_A_ACCUMULATE, cfg.accumulate) ||
	    nla_put_u8(msg, IPMI_LAN_SOL_A_THRESHOLD, cfg.threshold) ||
	    nla_put_u8(msg, IPMI_LAN_SOL_A_RETRY_COUNT, cfg.retry_count) ||
	    nla_put_u8(msg, IPMI_LAN_SOL_A_RETRY_INTERVAL, cfg.retry_interval) ||
	    nla_put_u8(msg, IPMI_LAN_SOL_A_BIT_RATE, cfg.bit_rate) ||
	    nla_put_u8(msg, IPMI_LAN_SOL_A_VOLATILE_BIT_RATE,
		       cfg.volatile_bit_rate))
		goto nospace;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static void sol_u8(struct nlattr **tb, int type, u8 *v)
{
	if (tb[type])
		*v = nla_get_u8(tb[type]);
}

static void sol_bool(struct nlattr **tb, int type, bool *v)
{
	if (tb[type])
		*v = nla_get_u8(tb[type]);
}

static int set_sol(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *tb[IPMI_LAN_SOL_A_MAX + 1];
	struct ipmi_lan_sol_config cfg;
	int ret;

	if (!info->attrs[IPMI_LAN_A_SOL]) {
		GENL_SET_ERR_MSG(info, "missing the SOL settings");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, IPMI_LAN_SOL_A_MAX, info->attrs[IPMI_LAN_A_SOL],
			       sol_policy, info->extack);
	if (ret)
		return ret;
	/* Serialised with other writers by the server's lock. */
	mutex_lock(&srv->lock);
	ipmi_lan_sol_get_config(srv, &cfg);
	sol_bool(tb, IPMI_LAN_SOL_A_ENABLED, &cfg.enabled);
	sol_bool(tb, IPMI_LAN_SOL_A_FORCE_ENCRYPTION, &cfg.force_encryption);
	sol_bool(tb, IPMI_LAN_SOL_A_FORCE_AUTH, &cfg.force_auth);
	sol_u8(tb, IPMI_LAN_SOL_A_PRIVILEGE, &cfg.privilege);
	sol_u8(tb, IPMI_LAN_SOL_A_ACCUMULATE, &cfg.accumulate);
	sol_u8(tb, IPMI_LAN_SOL_A_THRESHOLD, &cfg.threshold);
	sol_u8(tb, IPMI_LAN_SOL_A_RETRY_COUNT, &cfg.retry_count);
	sol_u8(tb, IPMI_LAN_SOL_A_RETRY_INTERVAL, &cfg.retry_interval);
	sol_u8(tb, IPMI_LAN_SOL_A_BIT_RATE, &cfg.bit_rate);
	sol_u8(tb, IPMI_LAN_SOL_A_VOLATILE_BIT_RATE, &cfg.volatile_bit_rate);
	if (!ipmi_lan_sol_config_valid(&cfg)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[IPMI_LAN_A_SOL],
				    "bit rate must be 0 (the tty's), or 6 to 10 (9600 to 115200)");
		ret = -EINVAL;
	} else {
		ipmi_lan_sol_set_config(srv, &cfg);
	}
	mutex_unlock(&srv->lock);
	return ret;
}

static int put_sol_tty(struct sk_buff *skb, const struct ipmi_lan_sol_info *i)
{
	const struct ipmi_lan_sol_counters *c = &i->stats;
	struct nlattr *nest;

	nest = nla_nest_start(skb, IPMI_LAN_A_SOL_TTY);
	if (!nest ||
	    nla_put_string(skb, IPMI_LAN_SOL_TTY_A_NAME, i->name) ||
	    nla_put_u8(skb, IPMI_LAN_SOL_TTY_A_TARGET, i->target) ||
	    nla_put_u8(skb, IPMI_LAN_SOL_TTY_A_ACTIVE, i->active) ||
	    (i->active &&
	     (nla_put_u8(skb, IPMI_LAN_SOL_TTY_A_SESSION, i->handle) ||
	      nla_put_u8(skb, IPMI_LAN_SOL_TTY_A_USER_ID, i->user_id))) ||
	    nla_put_u64_64bit(skb, IPMI_LAN_SOL_TTY_A_TX_BYTES, c->tx_bytes,
			      IPMI_LAN_SOL_TTY_A_PAD) ||
	    nla_put_u64_64bit(skb, IPMI_LAN_SOL_TTY_A_RX_BYTES, c->rx_bytes,
			      IPMI_LAN_SOL_TTY_A_PAD) ||
	    nla_put_u64_64bit(skb, IPMI_LAN_SOL_TTY_A_RETRIES, c->retries,
			      IPMI_LAN_SOL_TTY_A_PAD) ||
	    nla_put_u64_64bit(skb, IPMI_LAN_SOL_TTY_A_NACKS_SENT, c->nacks_sent,
			      IPMI_LAN_SOL_TTY_A_PAD) ||
	    nla_put_u64_64bit(skb, IPMI_LAN_SOL_TTY_A_NACKS_RECEIVED,
			      c->nacks_received, IPMI_LAN_SOL_TTY_A_PAD) ||
	    nla_put_u64_64bit(skb, IPMI_LAN_SOL_TTY_A_DROPPED, c->dropped,
			      IPMI_LAN_SOL_TTY_A_PAD) ||
	    nla_put_u64_64bit(skb, IPMI_LAN_SOL_TTY_A_DUPLICATES, c->duplicates,
			      IPMI_LAN_SOL_TTY_A_PAD) ||
	    nla_put_u64_64bit(skb, IPMI_LAN_SOL_TTY_A_ACTIVATIONS,
			      c->activations, IPMI_LAN_SOL_TTY_A_PAD)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* One message per bound tty, by target; args[0]: the next target. */
static int dump_sol_ttys(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(sock_net(skb->sk));
	struct ipmi_lan_sol_info info;
	struct ipmi_lan_sol *sol;
	void *hdr;

	while ((sol = ipmi_lan_sol_next(srv, cb->args[0]))) {
		ipmi_lan_sol_info(sol, &info);
		ipmi_lan_sol_put(sol);
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &genl_family,
				  NLM_F_MULTI, IPMI_LAN_CMD_GET_SOL_TTYS);
		if (!hdr)
			break;
		if (put_sol_tty(skb, &info)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = info.target + 1;
	}
	return skb->len;
}

/* Announces the binding of a tty to a target (ipmi-lanctl sol attach). */
static int sol_attach(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct nlattr *tb[IPMI_LAN_SOL_TTY_A_MAX + 1];
	u32 major, minor;
	int ret;

	if (!info->attrs[IPMI_LAN_A_SOL_TTY]) {
		GENL_SET_ERR_MSG(info, "missing the tty and target");
		return -EINVAL;
	}
	ret = nla_parse_nested(tb, IPMI_LAN_SOL_TTY_A_MAX,
			       info->attrs[IPMI_LAN_A_SOL_TTY], sol_tty_policy,
			       info->extack);
	if (ret)
		return ret;
	if (!tb[IPMI_LAN_SOL_TTY_A_TARGET] || !tb[IPMI_LAN_SOL_TTY_A_DEV_MAJOR] ||
	    !tb[IPMI_LAN_SOL_TTY_A_DEV_MINOR]) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[IPMI_LAN_A_SOL_TTY],
				    "the target and the tty's device number are required");
		return -EINVAL;
	}
	major = nla_get_u32(tb[IPMI_LAN_SOL_TTY_A_DEV_MAJOR]);
	minor = nla_get_u32(tb[IPMI_LAN_SOL_TTY_A_DEV_MINOR]);
	if (!major || major >= BIT(32 - MINORBITS) || minor > MINORMASK) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[IPMI_LAN_SOL_TTY_A_DEV_MAJOR],
				    "not a device number");
		return -EINVAL;
	}
	return ipmi_lan_sol_claim(srv, MKDEV(major, minor),
				  nla_get_u8(tb[IPMI_LAN_SOL_TTY_A_TARGET]),
				  info->extack);
}

static const struct genl_small_ops genl_ops[] = {
	{
		.cmd = IPMI_LAN_CMD_GET_SERVER,
		.doit = get_server,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_SET_SERVER,
		.doit = set_server,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_GET_STATS,
		.doit = get_stats,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_GET_USER,
		.doit = get_user_doit,
		.dumpit = get_user_dumpit,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_SET_USER,
		.doit = set_user_doit,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_DEL_USER,
		.doit = del_user_doit,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_GET_CHANNEL,
		.doit = get_channel,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_SET_CHANNEL,
		.doit = set_channel,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_GET_SESSIONS,
		.dumpit = dump_sessions,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_SMI_ATTACH,
		.doit = smi_attach,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_SMI_DETACH,
		.doit = smi_detach,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_GET_FORWARD,
		.dumpit = dump_forward,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_ADD_FORWARD,
		.doit = add_forward,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_DEL_FORWARD,
		.doit = del_forward,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_GET_SOL,
		.doit = get_sol,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_SET_SOL,
		.doit = set_sol,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_GET_TARGET,
		.doit = get_target_doit,
		.dumpit = get_target_dumpit,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_ADD_TARGET,
		.doit = add_target,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_SET_TARGET,
		.doit = set_target,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_DEL_TARGET,
		.doit = del_target,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_SOL_ATTACH,
		.doit = sol_attach,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = IPMI_LAN_CMD_GET_SOL_TTYS,
		.dumpit = dump_sol_ttys,
		.flags = GENL_ADMIN_PERM,
	},
};

static const struct genl_multicast_group genl_mcgrps[] = {
	/* Events name users and addresses: CAP_NET_ADMIN, as every command. */
	{ .name = IPMI_LAN_GENL_MCGRP_EVENTS, .flags = GENL_MCAST_CAP_NET_ADMIN, },
};

static struct genl_family genl_family __ro_after_init = {
	.mcgrps = genl_mcgrps,
	.n_mcgrps = ARRAY_SIZE(genl_mcgrps),
	.small_ops = genl_ops,
	.n_small_ops = ARRAY_SIZE(genl_ops),
	.name = IPMI_LAN_GENL_NAME,
	.version = IPMI_LAN_GENL_VERSION,
	.maxattr = IPMI_LAN_A_MAX,
	.policy = ipmi_lan_policy,
	.module = THIS_MODULE,
	.netnsok = true,
};

/* An event to the "events" group of the server's namespace; any context. */
void ipmi_lan_genl_event(struct ipmi_lan_server *srv,
			 const struct ipmi_lan_event *ev)
{
	bool sol = ev->kind == IPMI_LAN_EVENT_SOL_UP ||
		   ev->kind == IPMI_LAN_EVENT_SOL_DOWN;
	bool down = ev->kind == IPMI_LAN_EVENT_SESSION_DOWN ||
		    ev->kind == IPMI_LAN_EVENT_SOL_DOWN;
	size_t alen = ev->peer.addr.sa_family == AF_INET ?
		      sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&genl_family, srv->net, 0))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &genl_family, 0, IPMI_LAN_CMD_EVENT);
	if (!hdr)
		goto nospace;
	nest = nla_nest_start(msg, IPMI_LAN_A_EVENT);
	if (!nest ||
	    nla_put_u8(msg, IPMI_LAN_EVENT_A_KIND, ev->kind) ||
	    nla_put_u8(msg, IPMI_LAN_EVENT_A_HANDLE, ev->handle) ||
	    nla_put_u8(msg, IPMI_LAN_EVENT_A_USER_ID, ev->user_id) ||
	    (sol && nla_put_u8(msg, IPMI_LAN_EVENT_A_INSTANCE, ev->instance)) ||
	    (down && nla_put_u8(msg, IPMI_LAN_EVENT_A_CAUSE, ev->cause)) ||
	    (ev->peer.addr.sa_family &&
	     nla_put(msg, IPMI_LAN_EVENT_A_PEER, alen, &ev->peer.addr)))
		goto nospace;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&genl_family, srv->net, msg, 0, 0, GFP_ATOMIC);
	return;
nospace:
	nlmsg_free(msg);
}

/* A closed netlink socket takes the forward entries it added with it. */
static int netlink_release(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	struct netlink_notify *n = ptr;

	if (event == NETLINK_URELEASE && n->protocol == NETLINK_GENERIC)
		ipmi_lan_forward_release(ipmi_lan_server_get(n->net),
					 n->portid);
	return NOTIFY_DONE;
}

static struct notifier_block netlink_notifier = {
	.notifier_call = netlink_release,
};

int __init ipmi_lan_genetlink_init(void)
{
	int ret;

	ret = netlink_register_notifier(&netlink_notifier);
	if (ret)
		return ret;
	ret = genl_register_family(&genl_family);
	if (ret)
		netlink_unregister_notifier(&netlink_notifier);
	return ret;
}

void __exit ipmi_lan_genetlink_uninit(void)
{
	genl_unregister_family(&genl_family);
	netlink_unregister_notifier(&netlink_notifier);
}
