// SPDX-License-Identifier: GPL-2.0
/*
 * Test doubles for the KUnit module: what the units under test call but
 * no suite exercises (the socket, the session table, the handshake
 * worker, the system interface). The socket and the handshake record
 * what they are given in ipmi_lan_kunit_tx; a lookup finds the session a
 * suite put in ipmi_lan_kunit_session. Servers are real structures, with
 * the real default channel and rate limiter.
 */

#include "../bridge.h"
#include "../channel.h"
#include "../cmd.h"
#include "../rakp.h"
#include "../server.h"
#include "../session.h"
#include "../smi.h"
#include "../socket.h"
#include "../messages.h"
#include "stubs.h"

#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>

struct ipmi_lan_kunit_tx ipmi_lan_kunit_tx;
static u8 tx_hist[KUNIT_TX_HIST][KUNIT_TX_HIST_LEN];

const u8 *ipmi_lan_kunit_tx_hist(unsigned int n)
{
	return tx_hist[(n - 1) % KUNIT_TX_HIST];
}

void ipmi_lan_kunit_tx_reset(void)
{
	memset(&ipmi_lan_kunit_tx, 0, sizeof(ipmi_lan_kunit_tx));
}

struct ipmi_lan_server *ipmi_lan_kunit_server_new(void)
{
	struct ipmi_lan_server *srv = kzalloc(sizeof(*srv), GFP_KERNEL);

	if (!srv)
		return NULL;
	mutex_init(&srv->lock);
	ipmi_lan_ratelimit_init(&srv->ratelimit);
	if (ipmi_lan_channel_init(srv)) {
		kfree(srv);
		return NULL;
	}
	return srv;
}

void ipmi_lan_kunit_server_free(struct ipmi_lan_server *srv)
{
	if (!srv)
		return;
	ipmi_lan_channel_free(srv);
	kfree(srv);
}

void ipmi_lan_server_get_identity(struct ipmi_lan_server *srv,
				  struct ipmi_lan_identity *out)
{
	memset(out, 0, sizeof(*out));
	out->device_id = 0x20;
}

struct ipmi_lan_session *ipmi_lan_kunit_session;

struct ipmi_lan_session *ipmi_lan_session_lookup(struct ipmi_lan_server *srv,
						 u32 id)
{
	return ipmi_lan_kunit_session;
}

struct ipmi_lan_session *ipmi_lan_session_by_handle(struct ipmi_lan_server *srv,
						    u8 handle)
{
	return NULL;
}

void ipmi_lan_session_close(struct ipmi_lan_session *s)
{
}

void ipmi_lan_session_put(struct ipmi_lan_session *s)
{
}

unsigned int ipmi_lan_session_count(struct ipmi_lan_server *srv)
{
	return 0;
}

int ipmi_lan_handshake_rcv(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt,
			   struct ipmi_lan_session *s, const u8 *payload,
			   unsigned int len)
{
	ipmi_lan_kunit_tx.handshakes++;
	ipmi_lan_kunit_tx.handshake_ptype = pkt->ptype;
	return RX_ACCEPTED;
}

void ipmi_lan_count_drop(struct ipmi_lan_server *srv,
			 enum ipmi_lan_drop_reason reason)
{
	if (reason < ARRAY_SIZE(ipmi_lan_kunit_tx.drops))
		ipmi_lan_kunit_tx.drops[reason]++;
}

u64 ipmi_lan_source_key(const struct sockaddr *addr)
{
	return 1;
}

void ipmi_lan_session_close_user(struct ipmi_lan_server *srv, u8 user_id)
{
}

/* The targets a suite lists itself (none unless it does). */
struct ipmi_lan_target *ipmi_lan_target_rcu(struct ipmi_lan_server *srv,
					    u8 addr)
{
	return rcu_dereference(srv->targets.by_addr[addr]);
}

struct ipmi_lan_forward_table __rcu **
ipmi_lan_forward_slot(struct ipmi_lan_server *srv, u8 addr)
{
	return addr == IPMI_LAN_BMC_ADDR ? &srv->forward : NULL;
}

unsigned int ipmi_lan_bridge_send_message(struct ipmi_lan_request *c)
{
	return cmd_cc(c, IPMI_CC_INVALID_CMD);
}

u8 ipmi_lan_smi_forward(struct ipmi_lan_request *c)
{
	return IPMI_CC_INVALID_CMD;
}

/* Some headroom, as the real socket asks for; it is never written. */
unsigned int ipmi_lan_socket_headroom(void)
{
	return 64;
}

void ipmi_lan_socket_send(struct ipmi_lan_server *srv,
			  const struct ipmi_lan_endpoint *ep, struct sk_buff *skb)
{
	struct ipmi_lan_kunit_tx *tx = &ipmi_lan_kunit_tx;

	tx->count++;
	tx->len = skb->len;
	memset(tx_hist[(tx->count - 1) % KUNIT_TX_HIST], 0, KUNIT_TX_HIST_LEN);
	skb_copy_bits(skb, 0, tx_hist[(tx->count - 1) % KUNIT_TX_HIST],
		      min_t(unsigned int, skb->len, KUNIT_TX_HIST_LEN));
	tx->ep = *ep;
	memset(tx->data, 0, sizeof(tx->data));
	skb_copy_bits(skb, 0, tx->data, min_t(unsigned int, skb->len,
					      sizeof(tx->data)));
	kfree_skb(skb);
}
