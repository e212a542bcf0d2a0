// SPDX-License-Identifier: GPL-2.0
/*
 * Fakes for ipmi_lan_rakp_kunit.ko: the edges of the handshake. The
 * socket (what would be transmitted is copied out, with its destination),
 * the server's drop counters and identity, the system interface's busy
 * handles (none), the IPMI payload's handler (never called: the table
 * names it) and the module's workqueue. Controlled and read through
 * rakp_stubs.h.
 *
 * The handshake under test runs in the test's thread or on the module's
 * workqueue, never both at once: the tests wait for the worker before
 * they look. The lock only keeps a stray send from tearing a record.
 */

#include "../ipmi.h"
#include "../smi.h"
#include "../event.h"
#include "../sol.h"
#include "rakp_stubs.h"

#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/string.h>

struct ipmi_lan_fake_tx ipmi_lan_fake_tx[FAKE_TX_MAX];
unsigned int ipmi_lan_fake_tx_count;
unsigned int ipmi_lan_fake_drops[__IPMI_LAN_DROP_LAST];
struct ipmi_lan_identity ipmi_lan_fake_identity;
static DEFINE_SPINLOCK(fake_lock);

void ipmi_lan_fake_reset(void)
{
	spin_lock_bh(&fake_lock);
	memset(ipmi_lan_fake_tx, 0, sizeof(ipmi_lan_fake_tx));
	ipmi_lan_fake_tx_count = 0;
	memset(ipmi_lan_fake_drops, 0, sizeof(ipmi_lan_fake_drops));
	spin_unlock_bh(&fake_lock);
}

struct workqueue_struct *ipmi_lan_wq;

unsigned int ipmi_lan_socket_headroom(void)
{
	return 0;
}

int ipmi_lan_ipmi_rcv(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt,
		      struct ipmi_lan_session *s, const u8 *payload,
		      unsigned int len)
{
	return IPMI_LAN_DROP_NOT_ALLOWED;
}

int ipmi_lan_sol_rcv(struct ipmi_lan_rx *rx, const struct ipmi_lan_pkt *pkt,
		     struct ipmi_lan_session *s, const u8 *payload,
		     unsigned int len)
{
	return IPMI_LAN_DROP_STATE;
}

void ipmi_lan_socket_send(struct ipmi_lan_server *srv,
			  const struct ipmi_lan_endpoint *ep, struct sk_buff *skb)
{
	struct ipmi_lan_fake_tx *tx;

	spin_lock_bh(&fake_lock);
	if (ipmi_lan_fake_tx_count < FAKE_TX_MAX) {
		tx = &ipmi_lan_fake_tx[ipmi_lan_fake_tx_count];
		tx->ep = *ep;
		tx->len = skb->len;
		skb_copy_bits(skb, 0, tx->data, min_t(unsigned int, skb->len, FAKE_TX_LEN));
	}
	ipmi_lan_fake_tx_count++;
	spin_unlock_bh(&fake_lock);
	kfree_skb(skb);
}

void ipmi_lan_event(struct ipmi_lan_server *srv, const struct ipmi_lan_event *ev)
{
}

void ipmi_lan_count_drop(struct ipmi_lan_server *srv,
			 enum ipmi_lan_drop_reason reason)
{
	if (WARN_ON_ONCE(reason >= __IPMI_LAN_DROP_LAST))
		return;
	spin_lock_bh(&fake_lock);
	ipmi_lan_fake_drops[reason]++;
	spin_unlock_bh(&fake_lock);
}

void ipmi_lan_server_get_identity(struct ipmi_lan_server *srv,
				  struct ipmi_lan_identity *out)
{
	spin_lock_bh(&fake_lock);
	*out = ipmi_lan_fake_identity;
	spin_unlock_bh(&fake_lock);
}

bool ipmi_lan_smi_handle_busy(struct ipmi_lan_server *srv, u8 handle)
{
	return false;
}
