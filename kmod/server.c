// SPDX-License-Identifier: GPL-2.0
/*
 * The per-network-namespace server instance. It exists for as long as its
 * namespace does, starts disabled and listens only once configured.
 */

#include "server.h"
#include "socket.h"

#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

static unsigned int ipmi_lan_net_id __read_mostly;

struct ipmi_lan_server *ipmi_lan_server_get(struct net *net)
{
	return net_generic(net, ipmi_lan_net_id);
}

/*
 * Applies a new configuration. Binding happens before anything is
 * committed: if it fails, the old sockets are bound again and the old
 * configuration stays in force.
 */
int ipmi_lan_server_configure(struct ipmi_lan_server *srv,
			      const struct ipmi_lan_config *config,
			      struct netlink_ext_ack *extack)
{
	struct socket *sock4, *sock6;
	int ret = 0;

	mutex_lock(&srv->lock);
	/* The old sockets may hold the very address and port asked for. */
	ipmi_lan_socket_close(srv);
	if (config->enabled) {
		ret = ipmi_lan_socket_open(srv, config, &sock4, &sock6);
		if (ret < 0) {
			NL_SET_ERR_MSG_MOD(extack,
					   "cannot bind the listen address and port");
			goto restore;
		}
		ipmi_lan_socket_install(srv, sock4, sock6);
	}
	srv->config = *config;
	mutex_unlock(&srv->lock);
	return 0;

restore:
	if (srv->config.enabled &&
	    !ipmi_lan_socket_open(srv, &srv->config, &sock4, &sock6))
		ipmi_lan_socket_install(srv, sock4, sock6);
	mutex_unlock(&srv->lock);
	return ret;
}

bool ipmi_lan_server_listening(struct ipmi_lan_server *srv)
{
	bool ret;

	rcu_read_lock();
	ret = rcu_access_pointer(srv->sock4) || rcu_access_pointer(srv->sock6);
	rcu_read_unlock();
	return ret;
}

void ipmi_lan_server_read_stats(struct ipmi_lan_server *srv,
				struct ipmi_lan_stats *out)
{
	int cpu, i;

	memset(out, 0, sizeof(*out));
	for_each_possible_cpu(cpu) {
		const struct ipmi_lan_pcpu_stats *s = per_cpu_ptr(srv->stats, cpu);
		struct ipmi_lan_stats one;
		unsigned int start;

		do {
			start = u64_stats_fetch_begin(&s->syncp);
			one.rx_packets = u64_stats_read(&s->rx_packets);
			one.rx_bytes = u64_stats_read(&s->rx_bytes);
			one.tx_packets = u64_stats_read(&s->tx_packets);
			one.tx_bytes = u64_stats_read(&s->tx_bytes);
			for (i = 0; i < __IPMI_LAN_DROP_MAX; i++)
				one.drops[i] = u64_stats_read(&s->drops[i]);
		} while (u64_stats_fetch_retry(&s->syncp, start));

		out->rx_packets += one.rx_packets;
		out->rx_bytes += one.rx_bytes;
		out->tx_packets += one.tx_packets;
		out->tx_bytes += one.tx_bytes;
		for (i = 0; i < __IPMI_LAN_DROP_MAX; i++)
			out->drops[i] += one.drops[i];
	}
}

void ipmi_lan_count_rx(struct ipmi_lan_server *srv, unsigned int bytes)
{
	struct ipmi_lan_pcpu_stats *s = get_cpu_ptr(srv->stats);
	unsigned long flags;

	flags = u64_stats_update_begin_irqsave(&s->syncp);
	u64_stats_inc(&s->rx_packets);
	u64_stats_add(&s->rx_bytes, bytes);
	u64_stats_update_end_irqrestore(&s->syncp, flags);
	put_cpu_ptr(srv->stats);
}

void ipmi_lan_count_tx(struct ipmi_lan_server *srv, unsigned int bytes)
{
	struct ipmi_lan_pcpu_stats *s = get_cpu_ptr(srv->stats);
	unsigned long flags;

	flags = u64_stats_update_begin_irqsave(&s->syncp);
	u64_stats_inc(&s->tx_packets);
	u64_stats_add(&s->tx_bytes, bytes);
	u64_stats_update_end_irqrestore(&s->syncp, flags);
	put_cpu_ptr(srv->stats);
}

void ipmi_lan_count_drop(struct ipmi_lan_server *srv,
			 enum ipmi_lan_drop_reason reason)
{
	struct ipmi_lan_pcpu_stats *s;
	unsigned long flags;

	if (WARN_ON_ONCE(reason >= __IPMI_LAN_DROP_MAX))
		return;
	s = get_cpu_ptr(srv->stats);
	flags = u64_stats_update_begin_irqsave(&s->syncp);
	u64_stats_inc(&s->drops[reason]);
	u64_stats_update_end_irqrestore(&s->syncp, flags);
	put_cpu_ptr(srv->stats);
}

static __net_init int ipmi_lan_net_init(struct net *net)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(net);
	int cpu;

	srv->net = net;
	mutex_init(&srv->lock);
	srv->config.enabled = false;
	srv->config.port = IPMI_LAN_DEFAULT_PORT;
	srv->config.listen.v4 = true;
	srv->config.listen.v6 = IS_ENABLED(CONFIG_IPV6);
	srv->stats = alloc_percpu(struct ipmi_lan_pcpu_stats);
	if (!srv->stats)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(srv->stats, cpu)->syncp);
	return 0;
}

/* Runs before the RCU grace period that precedes ->exit(). */
static __net_exit void ipmi_lan_net_pre_exit(struct net *net)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(net);

	mutex_lock(&srv->lock);
	ipmi_lan_socket_close(srv);
	srv->config.enabled = false;
	mutex_unlock(&srv->lock);
}

static __net_exit void ipmi_lan_net_exit(struct net *net)
{
	struct ipmi_lan_server *srv = ipmi_lan_server_get(net);

	free_percpu(srv->stats);
	mutex_destroy(&srv->lock);
}

static struct pernet_operations ipmi_lan_net_ops = {
	.init = ipmi_lan_net_init,
	.pre_exit = ipmi_lan_net_pre_exit,
	.exit = ipmi_lan_net_exit,
	.id = &ipmi_lan_net_id,
	.size = sizeof(struct ipmi_lan_server),
};

int __init ipmi_lan_server_init(void)
{
	/* A device-level pernet op: torn down before the UDP layer. */
	return register_pernet_device(&ipmi_lan_net_ops);
}

void ipmi_lan_server_uninit(void)
{
	unregister_pernet_device(&ipmi_lan_net_ops);
}
