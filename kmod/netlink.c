// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family documented in uapi/linux/ipmi_lan.h. Every
 * operation needs CAP_NET_ADMIN in the initial user namespace and acts on
 * the caller's network namespace.
 */

#include "netlink.h"
#include "server.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/in6.h>
#include <linux/ipv6.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/netlink.h>

static const struct nla_policy listen_policy[IPMI_LAN_LISTEN_A_MAX + 1] = {
	[IPMI_LAN_LISTEN_A_V4] = NLA_POLICY_EXACT_LEN(sizeof(__be32)),
	[IPMI_LAN_LISTEN_A_V6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
};

static const struct nla_policy ipmi_lan_policy[IPMI_LAN_A_MAX + 1] = {
	[IPMI_LAN_A_SERVER_ENABLED] = NLA_POLICY_MAX(NLA_U8, 1),
	[IPMI_LAN_A_SERVER_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[IPMI_LAN_A_SERVER_LISTEN] = NLA_POLICY_NESTED(listen_policy),
	[IPMI_LAN_A_SERVER_LISTENING] = { .type = NLA_REJECT },
	[IPMI_LAN_A_STATS] = { .type = NLA_REJECT },
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

static int get_server(struct sk_buff *skb, struct genl_info *info)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(genl_info_net(info));
	struct ipmi_lan_config config;
	struct sk_buff *msg;
	void *hdr;

	mutex_lock(&srv->lock);
	config = srv->config;
	mutex_unlock(&srv->lock);

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
		       ipmi_lan_server_listening(srv)))
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
	struct ipmi_lan_config config;
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

	mutex_lock(&srv->lock);
	config = srv->config;
	mutex_unlock(&srv->lock);
	if (tb[IPMI_LAN_A_SERVER_ENABLED])
		config.enabled = nla_get_u8(tb[IPMI_LAN_A_SERVER_ENABLED]);
	if (tb[IPMI_LAN_A_SERVER_PORT])
		config.port = nla_get_u16(tb[IPMI_LAN_A_SERVER_PORT]);
	if (tb[IPMI_LAN_A_SERVER_LISTEN])
		config.listen = listen;
	return ipmi_lan_server_configure(srv, &config, info->extack);
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
	for (i = 0; i < __IPMI_LAN_DROP_MAX; i++)
		if (nla_put_u64_64bit(msg, i + 1, st.drops[i], 0))
			goto nospace;
	nla_nest_end(msg, drops);
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
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
};

static struct genl_family genl_family __ro_after_init = {
	.small_ops = genl_ops,
	.n_small_ops = ARRAY_SIZE(genl_ops),
	.name = IPMI_LAN_GENL_NAME,
	.version = IPMI_LAN_GENL_VERSION,
	.maxattr = IPMI_LAN_A_MAX,
	.policy = ipmi_lan_policy,
	.module = THIS_MODULE,
	.netnsok = true,
};

int __init ipmi_lan_genetlink_init(void)
{
	return genl_register_family(&genl_family);
}

void __exit ipmi_lan_genetlink_uninit(void)
{
	genl_unregister_family(&genl_family);
}
