// SPDX-License-Identifier: GPL-2.0
/*
 * Users of a server instance and the lockout after failed logins. See
 * user.h for the locking rules.
 */

#include "channel.h"
#include "server.h"
#include "session.h"
#include "user.h"

#include <crypto/algapi.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/socket.h>
#include <linux/string.h>
#include <net/netlink.h>

/* Lockout records per server instance; the oldest one is reused. */
#define IPMI_LAN_LOCKOUT_ENTRIES 64

/* A login source: an IPv4 address or an IPv6 /64; never the port. */
struct lockout_src {
	u8 family;		/* AF_INET, AF_INET6, or 0 for anything else */
	u8 addr[8];
};

struct lockout_entry {
	struct lockout_src src;
	u8 user_id;		/* 0: a free entry */
	u8 failures;
	bool locked;
	unsigned long last;	/* jiffies of the last failure */
	unsigned long until;	/* jiffies when the lockout ends */
};

struct ipmi_lan_lockout {
	spinlock_t lock;	/* the entries; _bh */
	struct lockout_entry e[IPMI_LAN_LOCKOUT_ENTRIES];
};

/* The part of the channel configuration the lockout follows, in jiffies. */
struct lockout_policy {
	unsigned int threshold;		/* 0: no lockout */
	unsigned long reset;		/* 0: counts are kept until a login */
	unsigned long interval;		/* 0: locked until unlocked */
};

static void lockout_src_from(struct lockout_src *key, const struct sockaddr *sa)
{
	memset(key, 0, sizeof(*key));
	if (!sa)
		return;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;

		key->family = AF_INET;
		memcpy(key->addr, &sin->sin_addr, sizeof(sin->sin_addr));
	} else if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;

		/* The sockets are v6-only: no v4-mapped source arrives. */
		key->family = AF_INET6;
		memcpy(key->addr, &sin6->sin6_addr, 8);
	}
}

static bool lockout_match(const struct lockout_entry *e, u8 id,
			  const struct lockout_src *src)
{
	return e->user_id == id && e->src.family == src->family &&
	       !memcmp(e->src.addr, src->addr, sizeof(src->addr));
}

/* A lockout in force at now; an expired one counts as none. */
static bool lockout_entry_locked(const struct lockout_entry *e,
				 const struct lockout_policy *p,
				 unsigned long now)
{
	if (!e->user_id || !e->locked || !p->threshold)
		return false;
	return !p->interval || time_before(now, e->until);
}

/* Neither locked nor counting any more: the entry can be reused. */
static bool lockout_entry_stale(const struct lockout_entry *e,
				const struct lockout_policy *p,
				unsigned long now)
{
	if (!e->user_id)
		return true;
	if (e->locked)
		return !lockout_entry_locked(e, p, now);
	return !p->threshold ||
	       (p->reset && !time_before(now, e->last + p->reset));
}

static struct lockout_entry *lockout_find(struct ipmi_lan_lockout *lo, u8 id,
					  const struct lockout_src *src)
{
	int i;

	for (i = 0; i < IPMI_LAN_LOCKOUT_ENTRIES; i++)
		if (lockout_match(&lo->e[i], id, src))
			return &lo->e[i];
	return NULL;
}

static bool lockout_locked(struct ipmi_lan_lockout *lo, u8 id,
			   const struct lockout_src *src,
			   const struct lockout_policy *p, unsigned long now)
{
	struct lockout_entry *e = lockout_find(lo, id, src);

	return e && lockout_entry_locked(e, p, now);
}

static bool lockout_user_locked(struct ipmi_lan_lockout *lo, u8 id,
				const struct lockout_policy *p,
				unsigned long now)
{
	int i;

	for (i = 0; i < IPMI_LAN_LOCKOUT_ENTRIES; i++)
		if (lo->e[i].user_id == id &&
		    lockout_entry_locked(&lo->e[i], p, now))
			return true;
	return false;
}

/*
 * An entry for a new (user, source): a free or stale one, else the one
 * with the oldest failure, preferring entries that lock nobody.
 */
static struct lockout_entry *lockout_victim(struct ipmi_lan_lockout *lo,
					    const struct lockout_policy *p,
					    unsigned long now)
{
	struct lockout_entry *open = NULL, *any = NULL, *e;
	int i;

	for (i = 0; i < IPMI_LAN_LOCKOUT_ENTRIES; i++) {
		e = &lo->e[i];
		if (lockout_entry_stale(e, p, now))
			return e;
		if (!any || time_before(e->last, any->last))
			any = e;
		if (!e->locked && (!open || time_before(e->last, open->last)))
			open = e;
	}
	return open ? open : any;
}

static void lockout_fail(struct ipmi_lan_lockout *lo, u8 id,
			 const struct lockout_src *src,
			 const struct lockout_policy *p, unsigned long now)
{
	struct lockout_entry *e;

	if (!p->threshold)
		return;
	e = lockout_find(lo, id, src);
	if (e && lockout_entry_locked(e, p, now))
		return;		/* the lockout runs its course */
	if (e && lockout_entry_stale(e, p, now)) {
		e->failures = 0;
		e->locked = false;
	}
	if (!e) {
		e = lockout_victim(lo, p, now);
		memset(e, 0, sizeof(*e));
		e->user_id = id;
		e->src = *src;
	}
	e->last = now;
	if (e->failures < U8_MAX)
		e->failures++;
	if (e->failures >= p->threshold) {
		e->locked = true;
		e->until = now + p->interval;
	}
}

/* Forgets (id, src), or every record of id if src is NULL. */
static void lockout_clear(struct ipmi_lan_lockout *lo, u8 id,
			  const struct lockout_src *src)
{
	int i;

	for (i = 0; i < IPMI_LAN_LOCKOUT_ENTRIES; i++)
		if (lo->e[i].user_id == id &&
		    (!src || lockout_match(&lo->e[i], id, src)))
			memset(&lo->e[i], 0, sizeof(lo->e[i]));
}

static void lockout_policy_get(struct ipmi_lan_server *srv,
			       struct lockout_policy *p)
{
	const struct ipmi_lan_channel *ch;

	rcu_read_lock();
	ch = ipmi_lan_channel_get(srv);
	p->threshold = ch->lockout_threshold;
	p->reset = (unsigned long)ch->lockout_reset * HZ;
	p->interval = (unsigned long)ch->lockout_interval * HZ;
	rcu_read_unlock();
}

static bool id_valid(u8 id)
{
	return id >= IPMI_LAN_USER_MIN_ID && id <= IPMI_LAN_USER_MAX_ID;
}

int ipmi_lan_user_name_check(const u8 *name, unsigned int len)
{
	unsigned int i;

	if (!len || len > IPMI_LAN_USER_NAME_LEN)
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (name[i] <= 0x20 || name[i] > 0x7e)
			return -EINVAL;
	return 0;
}

bool ipmi_lan_user_privilege_valid(u8 privilege)
{
	return (privilege >= 1 && privilege <= 5) ||
	       privilege == IPMI_LAN_PRIV_NO_ACCESS;
}

static void user_free_rcu(struct rcu_head *head)
{
	kfree_sensitive(container_of(head, struct ipmi_lan_user, rcu));
}

static struct ipmi_lan_user *user_deref(struct ipmi_lan_users *users, u8 id)
{
	return rcu_dereference_protected(users->by_id[id],
					 lockdep_is_held(&users->lock));
}

/* Whether another user than id has this name; under users->lock. */
static bool name_taken(struct ipmi_lan_users *users, u8 id, const u8 *name,
		       unsigned int len)
{
	const struct ipmi_lan_user *u;
	int i;

	for (i = IPMI_LAN_USER_MIN_ID; i <= IPMI_LAN_USER_MAX_ID; i++) {
		u = user_deref(users, i);
		if (i != id && u && u->name_len == len &&
		    !memcmp(u->name, name, len))
			return true;
	}
	return false;
}

int ipmi_lan_user_change(struct ipmi_lan_server *srv, u8 id,
			 const struct ipmi_lan_user_change *c, gfp_t gfp,
			 struct netlink_ext_ack *extack)
{
	struct ipmi_lan_users *users = &srv->users;
	struct ipmi_lan_user *new, *old;
	bool revoke;
	int ret;

	if (!id_valid(id)) {
		NL_SET_ERR_MSG_ATTR(extack, c->id_attr,
				    "user ids are 2..63; 1 is the null user");
		return -EINVAL;
	}
	if (c->set_name && c->name_len &&
	    ipmi_lan_user_name_check(c->name, c->name_len)) {
		NL_SET_ERR_MSG_ATTR(extack, c->name_attr,
				    "a user name is 1..16 printable ASCII characters, no spaces");
		return -EINVAL;
	}
	if (c->set_password &&
	    (!c->password_len || c->password_len > IPMI_LAN_PASSWORD_LEN)) {
		NL_SET_ERR_MSG_MOD(extack, "a password is 1..20 bytes");
		return -EINVAL;
	}
	if (c->set_privilege && !ipmi_lan_user_privilege_valid(c->privilege)) {
		NL_SET_ERR_MSG_MOD(extack,
				   "privilege is 1..5 or 15 (no access)");
		return -EINVAL;
	}
	if (c->set_bridge && c->bridge > IPMI_LAN_BRIDGE_CHANNEL) {
		NL_SET_ERR_MSG_MOD(extack,
				   "bridge is 0 (separate), 1 (embedded) or 2 (the channel's)");
		return -EINVAL;
	}

	new = kzalloc(sizeof(*new), gfp);
	if (!new)
		return -ENOMEM;

	spin_lock_bh(&users->lock);
	old = user_deref(users, id);
	ret = -EEXIST;
	if (old && (c->flags & IPMI_LAN_USER_F_CREATE)) {
		NL_SET_ERR_MSG_ATTR(extack, c->id_attr, "the user exists");
		goto err;
	}
	ret = -ENOENT;
	if (!old && (c->flags & IPMI_LAN_USER_F_UPDATE)) {
		NL_SET_ERR_MSG_ATTR(extack, c->id_attr, "no such user");
		goto err;
	}
	ret = -EINVAL;
	if (!old && c->need_name && !(c->set_name && c->name_len)) {
		NL_SET_ERR_MSG_ATTR(extack, c->id_attr, "a new user needs a name");
		goto err;
	}
	ret = -EEXIST;
	if (c->set_name && c->name_len &&
	    name_taken(users, id, c->name, c->name_len)) {
		NL_SET_ERR_MSG_ATTR(extack, c->name_attr,
				    "another user has this name");
		goto err;
	}

	if (old) {
		memcpy(new, old, sizeof(*new));
	} else {
		new->id = id;
		new->privilege = 2;	/* user */
		new->ipmi_msg = true;
		new->sol = true;
		new->bridge = IPMI_LAN_BRIDGE_CHANNEL;
	}
	if (c->set_name) {
		memset(new->name, 0, sizeof(new->name));
		memcpy(new->name, c->name, c->name_len);
		new->name_len = c->name_len;
		if (!c->name_len)
			new->enabled = false;
	}
	if (c->set_password) {
		memset(new->key, 0, sizeof(new->key));
		memcpy(new->key, c->password, c->password_len);
		new->has_password = true;
	}
	if (c->set_enabled)
		new->enabled = c->enabled;
	if (c->set_privilege)
		new->privilege = c->privilege;
	if (c->set_ipmi_msg)
		new->ipmi_msg = c->ipmi_msg;
	if (c->set_link_auth)
		new->link_auth = c->link_auth;
	if (c->set_sol)
		new->sol = c->sol;
	if (c->set_bridge)
		new->bridge = c->bridge;
	ret = -EINVAL;
	if (new->enabled && (!new->name_len || !new->has_password)) {
		NL_SET_ERR_MSG_ATTR(extack, c->enabled_attr,
				    "a user can be enabled only with a name and a password");
		goto err;
	}

	/* A new password, less privilege or no access ends live sessions. */
	revoke = old && (c->set_password || (old->enabled && !new->enabled) ||
			 new->privilege != old->privilege ||
			 (old->ipmi_msg && !new->ipmi_msg));
	rcu_assign_pointer(users->by_id[id], new);
	spin_unlock_bh(&users->lock);
	if (old)
		call_rcu(&old->rcu, user_free_rcu);
	if (c->flags & IPMI_LAN_USER_F_UNLOCK)
		ipmi_lan_user_unlock(srv, id);
	if (revoke)
		ipmi_lan_session_close_user(srv, id);
	return 0;

err:
	spin_unlock_bh(&users->lock);
	kfree_sensitive(new);
	return ret;
}

int ipmi_lan_user_del(struct ipmi_lan_server *srv, u8 id,
		      struct netlink_ext_ack *extack)
{
	struct ipmi_lan_users *users = &srv->users;
	struct ipmi_lan_user *old;

	if (!id_valid(id)) {
		NL_SET_ERR_MSG_MOD(extack, "user ids are 2..63; 1 is the null user");
		return -EINVAL;
	}
	spin_lock_bh(&users->lock);
	old = user_deref(users, id);
	RCU_INIT_POINTER(users->by_id[id], NULL);
	spin_unlock_bh(&users->lock);
	if (!old) {
		NL_SET_ERR_MSG_MOD(extack, "no such user");
		return -ENOENT;
	}
	call_rcu(&old->rcu, user_free_rcu);
	ipmi_lan_user_unlock(srv, id);
	ipmi_lan_session_close_user(srv, id);
	return 0;
}

void ipmi_lan_user_unlock(struct ipmi_lan_server *srv, u8 id)
{
	struct ipmi_lan_lockout *lo = srv->users.lockout;

	spin_lock_bh(&lo->lock);
	lockout_clear(lo, id, NULL);
	spin_unlock_bh(&lo->lock);
}

int ipmi_lan_user_find_login(struct ipmi_lan_server *srv, const u8 *name,
			     unsigned int name_len, const struct sockaddr *src,
			     struct ipmi_lan_login *login)
{
	struct ipmi_lan_lockout *lo = srv->users.lockout;
	const struct ipmi_lan_user *u, *found = NULL;
	struct lockout_policy policy;
	struct lockout_src key;
	bool locked;
	int i, ret = -ENOENT;

	if (!name_len || name_len > IPMI_LAN_USER_NAME_LEN)
		return -ENOENT;
	lockout_src_from(&key, src);
	lockout_policy_get(srv, &policy);

	rcu_read_lock();
	/* One pass over every user, whichever matches. */
	for (i = IPMI_LAN_USER_MIN_ID; i <= IPMI_LAN_USER_MAX_ID; i++) {
		u = rcu_dereference(srv->users.by_id[i]);
		if (u && u->name_len == name_len &&
		    !crypto_memneq(u->name, name, name_len))
			found = u;
	}
	if (!found || !found->enabled || !found->has_password ||
	    !found->ipmi_msg || found->privilege < 1 || found->privilege > 5)
		goto out;
	spin_lock_bh(&lo->lock);
	locked = lockout_locked(lo, found->id, &key, &policy, jiffies);
	spin_unlock_bh(&lo->lock);
	if (locked)
		goto out;
	login->user_id = found->id;
	login->privilege = found->privilege;
	memcpy(login->key, found->key, sizeof(login->key));
	ret = 0;
out:
	rcu_read_unlock();
	return ret;
}

void ipmi_lan_user_login_failed(struct ipmi_lan_server *srv, u8 user_id,
				const struct sockaddr *src)
{
	struct ipmi_lan_lockout *lo = srv->users.lockout;
	struct lockout_policy policy;
	struct lockout_src key;

	if (!id_valid(user_id))
		return;
	lockout_src_from(&key, src);
	lockout_policy_get(srv, &policy);
	spin_lock_bh(&lo->lock);
	lockout_fail(lo, user_id, &key, &policy, jiffies);
	spin_unlock_bh(&lo->lock);
}

void ipmi_lan_user_login_ok(struct ipmi_lan_server *srv, u8 user_id,
			    const struct sockaddr *src)
{
	struct ipmi_lan_lockout *lo = srv->users.lockout;
	struct lockout_src key;

	if (!id_valid(user_id))
		return;
	lockout_src_from(&key, src);
	spin_lock_bh(&lo->lock);
	lockout_clear(lo, user_id, &key);
	spin_unlock_bh(&lo->lock);
}

bool ipmi_lan_user_locked(struct ipmi_lan_server *srv, u8 id)
{
	struct ipmi_lan_lockout *lo = srv->users.lockout;
	struct lockout_policy policy;
	bool ret;

	if (!id_valid(id))
		return false;
	lockout_policy_get(srv, &policy);
	spin_lock_bh(&lo->lock);
	ret = lockout_user_locked(lo, id, &policy, jiffies);
	spin_unlock_bh(&lo->lock);
	return ret;
}

/*
 * Returns 0 and the user (key zeroed), -ENOENT with a blank record (no
 * name, disabled, no access) for an id without one, or -EINVAL for an id
 * outside 1..63. Id 1, the null user, never has a record.
 */
int ipmi_lan_user_get(struct ipmi_lan_server *srv, u8 id,
		      struct ipmi_lan_user *out)
{
	const struct ipmi_lan_user *u;
	int ret = -ENOENT;

	if (!id || id > IPMI_LAN_USER_MAX_ID)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	out->id = id;
	out->privilege = IPMI_LAN_PRIV_NO_ACCESS;
	if (!id_valid(id))
		return -ENOENT;
	rcu_read_lock();
	u = rcu_dereference(srv->users.by_id[id]);
	if (u) {
		memcpy(out, u, sizeof(*out));
		memzero_explicit(out->key, sizeof(out->key));
		ret = 0;
	}
	rcu_read_unlock();
	return ret;
}

/* IPMI Set User Name: an empty name clears it and disables the user. */
int ipmi_lan_user_set_name(struct ipmi_lan_server *srv, u8 id,
			   const u8 *name, unsigned int len)
{
	struct ipmi_lan_user_change c = {
		.set_name = true,
		.name = name,
		.name_len = len,
	};

	if (id_valid(id) && !len && !rcu_access_pointer(srv->users.by_id[id]))
		return 0;	/* nothing to clear */
	return ipmi_lan_user_change(srv, id, &c, GFP_ATOMIC, NULL);
}

int ipmi_lan_user_set_password(struct ipmi_lan_server *srv, u8 id,
			       const u8 *password, unsigned int len)
{
	struct ipmi_lan_user_change c = {
		.set_password = true,
		.password = password,
		.password_len = len,
	};

	return ipmi_lan_user_change(srv, id, &c, GFP_ATOMIC, NULL);
}

int ipmi_lan_user_check_password(struct ipmi_lan_server *srv, u8 id,
				 const u8 *password, unsigned int len)
{
	u8 padded[IPMI_LAN_PASSWORD_LEN] = {};
	const struct ipmi_lan_user *u;
	int ret = -EINVAL;

	if (!id_valid(id) || len > IPMI_LAN_PASSWORD_LEN)
		return -EINVAL;
	memcpy(padded, password, len);
	rcu_read_lock();
	u = rcu_dereference(srv->users.by_id[id]);
	if (u && u->has_password &&
	    !crypto_memneq(u->key, padded, sizeof(padded)))
		ret = 0;
	rcu_read_unlock();
	memzero_explicit(padded, sizeof(padded));
	return ret;
}

int ipmi_lan_user_set_enabled(struct ipmi_lan_server *srv, u8 id,
			      bool enabled)
{
	struct ipmi_lan_user_change c = {
		.flags = IPMI_LAN_USER_F_UPDATE,
		.set_enabled = true,
		.enabled = enabled,
	};
	int ret;

	ret = ipmi_lan_user_change(srv, id, &c, GFP_ATOMIC, NULL);
	if (ret == -ENOENT)
		return enabled ? -EINVAL : 0;
	return ret;
}

int ipmi_lan_user_set_access(struct ipmi_lan_server *srv, u8 id,
			     u8 privilege, bool ipmi_msg, bool link_auth)
{
	struct ipmi_lan_user_change c = {
		.set_privilege = true,
		.privilege = privilege,
		.set_ipmi_msg = true,
		.ipmi_msg = ipmi_msg,
		.set_link_auth = true,
		.link_auth = link_auth,
	};

	return ipmi_lan_user_change(srv, id, &c, GFP_ATOMIC, NULL);
}

/*
 * IPMI Set User Payload Access, the SOL bit. Checked at activation only:
 * a console already active is left to end as it would.
 */
int ipmi_lan_user_set_sol(struct ipmi_lan_server *srv, u8 id, bool sol)
{
	struct ipmi_lan_user_change c = {
		.flags = IPMI_LAN_USER_F_UPDATE,
		.set_sol = true,
		.sol = sol,
	};

	return ipmi_lan_user_change(srv, id, &c, GFP_ATOMIC, NULL);
}

/* User id's record, or NULL. Under rcu_read_lock(). */
static const struct ipmi_lan_user *user_rcu(struct ipmi_lan_server *srv,
					    u8 id)
{
	return id_valid(id) ? rcu_dereference(srv->users.by_id[id]) : NULL;
}

bool ipmi_lan_user_sol_allowed(struct ipmi_lan_server *srv, u8 id)
{
	const struct ipmi_lan_user *u;
	bool ret;

	rcu_read_lock();
	u = user_rcu(srv, id);
	ret = u && u->sol;
	rcu_read_unlock();
	return ret;
}

bool ipmi_lan_user_bridge_embedded(struct ipmi_lan_server *srv, u8 id)
{
	const struct ipmi_lan_user *u;
	bool ret = false;

	rcu_read_lock();
	u = user_rcu(srv, id);
	if (u && u->bridge == IPMI_LAN_BRIDGE_CHANNEL)
		ret = ipmi_lan_channel_get(srv)->bridge_embedded;
	else if (u)
		ret = u->bridge == IPMI_LAN_BRIDGE_EMBEDDED;
	rcu_read_unlock();
	return ret;
}

/* Users with a record; *enabled (if not NULL) gets the enabled ones. */
unsigned int ipmi_lan_user_count(struct ipmi_lan_server *srv,
				 unsigned int *enabled)
{
	const struct ipmi_lan_user *u;
	unsigned int n = 0, on = 0;
	int i;

	rcu_read_lock();
	for (i = IPMI_LAN_USER_MIN_ID; i <= IPMI_LAN_USER_MAX_ID; i++) {
		u = rcu_dereference(srv->users.by_id[i]);
		if (!u)
			continue;
		n++;
		if (u->enabled)
			on++;
	}
	rcu_read_unlock();
	if (enabled)
		*enabled = on;
	return n;
}

int ipmi_lan_users_init(struct ipmi_lan_server *srv)
{
	struct ipmi_lan_users *users = &srv->users;

	spin_lock_init(&users->lock);
	memset(users->by_id, 0, sizeof(users->by_id));
	users->lockout = kzalloc(sizeof(*users->lockout), GFP_KERNEL);
	if (!users->lockout)
		return -ENOMEM;
	spin_lock_init(&users->lockout->lock);
	return 0;
}

/* No reader is left: the instance is going away. */
void ipmi_lan_users_free(struct ipmi_lan_server *srv)
{
	struct ipmi_lan_users *users = &srv->users;
	int i;

	for (i = 0; i <= IPMI_LAN_USER_MAX_ID; i++) {
		kfree_sensitive(rcu_dereference_protected(users->by_id[i], true));
		RCU_INIT_POINTER(users->by_id[i], NULL);
	}
	kfree_sensitive(users->lockout);
	users->lockout = NULL;
}
