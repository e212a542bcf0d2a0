// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi_lan: an IPMI v2.0 LAN (RMCP/RMCP+) server in the kernel.
 */

#include "crypto.h"
#include "ldisc.h"
#include "netlink.h"
#include "server.h"
#include "smi.h"
#include "socket.h"

#include <uapi/linux/ipmi_lan.h>

#include <linux/genetlink.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>

struct workqueue_struct *ipmi_lan_wq;

/* After every server is gone: waits for the last deferred session frees. */
static void wq_uninit(void)
{
	rcu_barrier();
	destroy_workqueue(ipmi_lan_wq);
}

static int __init ipmi_lan_mod_init(void)
{
	int ret;

	ret = ipmi_lan_crypto_init();
	if (ret < 0)
		goto err_crypto;
	ret = ipmi_lan_socket_init();
	if (ret < 0)
		goto err_socket;
	ret = -ENOMEM;
	ipmi_lan_wq = alloc_workqueue("ipmi_lan", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!ipmi_lan_wq)
		goto err_wq;
	ret = ipmi_lan_server_init();
	if (ret < 0)
		goto err_server;
	ret = ipmi_lan_ldisc_init();
	if (ret < 0)
		goto err_ldisc;
	/* Before netlink, so that exit, netlink first, is the reverse. */
	ipmi_lan_smi_init();
	ret = ipmi_lan_genetlink_init();
	if (ret < 0)
		goto err_netlink;
	pr_info("IPMI v2.0 LAN server loaded\n");
	return 0;

err_netlink:
	ipmi_lan_smi_uninit();
	ipmi_lan_ldisc_uninit();
err_ldisc:
	ipmi_lan_server_uninit();
err_server:
	wq_uninit();
err_wq:
	ipmi_lan_socket_uninit();
err_socket:
	ipmi_lan_crypto_uninit();
err_crypto:
	return ret;
}

/* The reverse of init: no netlink request can attach anything after this. */
static void __exit ipmi_lan_mod_exit(void)
{
	ipmi_lan_genetlink_uninit();
	ipmi_lan_smi_uninit();
	/* No tty has it: each holds a reference on the module. */
	ipmi_lan_ldisc_uninit();
	ipmi_lan_server_uninit();
	wq_uninit();
	ipmi_lan_socket_uninit();
	ipmi_lan_crypto_uninit();
}

module_init(ipmi_lan_mod_init);
module_exit(ipmi_lan_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("IPMI v2.0 LAN (RMCP/RMCP+) server");
MODULE_AUTHOR("The ipmi-lan authors");
MODULE_ALIAS_GENL_FAMILY(IPMI_LAN_GENL_NAME);
