// SPDX-License-Identifier: GPL-2.0
/*
 * The LAN channel's configuration, published with RCU as an immutable
 * object. Old configurations are wiped (they hold K_G) after a grace
 * period.
 */

#include "channel.h"
#include "server.h"

#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

/*
 * Suites without integrity: anyone who sees the session id can inject
 * commands into such a session, so it never goes above user privilege.
 */
#define SUITES_NO_INTEGRITY ((1U << 1) | (1U << 6) | (1U << 15))

void ipmi_lan_channel_defaults(struct ipmi_lan_channel *c)
{
	int i;

	memset(c, 0, sizeof(*c));
	c->suites = IPMI_LAN_SUITES_DEFAULT;
	for (i = 0; i < IPMI_LAN_SUITE_COUNT; i++)
		c->suite_priv[i] = SUITES_NO_INTEGRITY & (1U << i) ?
				   IPMI_PRIV_USER : IPMI_PRIV_ADMIN;
	c->privilege = 4;
	c->session_timeout = 60;
	c->max_sessions = 32;
	c->lockout_threshold = 0;
	c->lockout_reset = 60;
	c->lockout_interval = 300;
	c->bridge_embedded = false;		/* separate */
}

bool ipmi_lan_channel_suites_valid(u32 suites)
{
	return suites && !(suites & ~IPMI_LAN_SUITES_SUPPORTED);
}

bool ipmi_lan_channel_privilege_valid(u8 privilege)
{
	return privilege >= 1 && privilege <= 5;
}

bool ipmi_lan_channel_suite_priv_valid(const u8 *suite_priv)
{
	int i;

	for (i = 0; i < IPMI_LAN_SUITE_COUNT; i++)
		if (!ipmi_lan_channel_privilege_valid(suite_priv[i]))
			return false;
	return ipmi_lan_channel_suite_priv_capped(suite_priv);
}

bool ipmi_lan_channel_suite_priv_capped(const u8 *suite_priv)
{
	int i;

	for (i = 0; i < IPMI_LAN_SUITE_COUNT; i++)
		if ((SUITES_NO_INTEGRITY & (1U << i)) &&
		    suite_priv[i] > IPMI_PRIV_USER)
			return false;
	return true;
}

bool ipmi_lan_channel_timeout_valid(u32 seconds)
{
	return seconds >= 5 && seconds <= 3600;
}

bool ipmi_lan_channel_max_sessions_valid(u8 max_sessions)
{
	return max_sessions >= 1 && max_sessions <= 63;
}

bool ipmi_lan_channel_valid(const struct ipmi_lan_channel *c)
{
	return ipmi_lan_channel_suites_valid(c->suites) &&
	       ipmi_lan_channel_suite_priv_valid(c->suite_priv) &&
	       ipmi_lan_channel_privilege_valid(c->privilege) &&
	       ipmi_lan_channel_timeout_valid(c->session_timeout) &&
	       ipmi_lan_channel_max_sessions_valid(c->max_sessions);
}

static void channel_free_rcu(struct rcu_head *head)
{
	kfree_sensitive(container_of(head, struct ipmi_lan_channel, rcu));
}

const struct ipmi_lan_channel *ipmi_lan_channel_get(struct ipmi_lan_server *srv)
{
	return rcu_dereference_check(srv->channel, rcu_read_lock_bh_held() ||
				     lockdep_is_held(&srv->lock));
}

void ipmi_lan_channel_read(struct ipmi_lan_server *srv,
			   struct ipmi_lan_channel *out)
{
	rcu_read_lock();
	memcpy(out, rcu_dereference(srv->channel), sizeof(*out));
	rcu_read_unlock();
}

int ipmi_lan_channel_replace(struct ipmi_lan_server *srv,
			     const struct ipmi_lan_channel *new)
{
	struct ipmi_lan_channel *c, *old;

	if (!ipmi_lan_channel_valid(new))
		return -EINVAL;
	c = kmemdup(new, sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	if (!c->has_kg)
		memset(c->kg, 0, sizeof(c->kg));
	mutex_lock(&srv->lock);
	old = rcu_replace_pointer(srv->channel, c, lockdep_is_held(&srv->lock));
	mutex_unlock(&srv->lock);
	call_rcu(&old->rcu, channel_free_rcu);
	return 0;
}

int ipmi_lan_channel_init(struct ipmi_lan_server *srv)
{
	struct ipmi_lan_channel *c;

	c = kmalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	ipmi_lan_channel_defaults(c);
	RCU_INIT_POINTER(srv->channel, c);
	return 0;
}

/* No reader is left: the instance is going away. */
void ipmi_lan_channel_free(struct ipmi_lan_server *srv)
{
	kfree_sensitive(rcu_dereference_protected(srv->channel, true));
	RCU_INIT_POINTER(srv->channel, NULL);
}
