// SPDX-License-Identifier: GPL-2.0
/*
 * Test doubles for the KUnit module: what the units under test call but
 * no suite exercises (sockets, the session table, the handshake worker).
 * The session-less paths never reach them with a NULL server; a suite that
 * gives a server finds the session it put in ipmi_lan_kunit_session.
 */

#include "../rakp.h"
#include "../rmcp.h"
#include "../server.h"
#include "../session.h"
#include "../smi.h"
#include "../messages.h"
#include "stubs.h"

#include <linux/skbuff.h>
#include <linux/string.h>

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
	return srv ? ipmi_lan_kunit_session : NULL;
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

int ipmi_lan_handshake_queue(struct ipmi_lan_server *srv,
			     const struct ipmi_lan_endpoint *ep, u8 ptype,
			     const u8 *payload, unsigned int len)
{
	return IPMI_LAN_DROP_NOT_ALLOWED;
}

void ipmi_lan_count_drop(struct ipmi_lan_server *srv,
			 enum ipmi_lan_drop_reason reason)
{
}

u64 ipmi_lan_source_key(const struct sockaddr *addr)
{
	return 0;
}

void ipmi_lan_session_close_user(struct ipmi_lan_server *srv, u8 user_id)
{
}

u8 ipmi_lan_smi_forward(struct ipmi_lan_request *c)
{
	return IPMI_CC_INVALID_CMD;
}

struct sk_buff *ipmi_lan_socket_alloc_skb(unsigned int len)
{
	return NULL;
}

void ipmi_lan_socket_send_to(struct ipmi_lan_server *srv,
			     const struct ipmi_lan_endpoint *ep,
			     struct sk_buff *skb)
{
	kfree_skb(skb);
}
