// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the user table, the lockout after failed logins and the
 * channel configuration. The units under test are compiled into this
 * module so their static functions are visible; each test gets its own
 * server instance, of which only the users and the channel are set up.
 */

#include "../channel.c"
#include "../user.c"

#include "../cmd.h"
#include "../crypto.h"
#include "../messages.h"
#include "../msg.h"

#include <kunit/test.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/inet.h>
#include <linux/slab.h>

static int user_test_init(struct kunit *test)
{
	struct ipmi_lan_server *srv;

	srv = kunit_kzalloc(test, sizeof(*srv), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, srv);
	mutex_init(&srv->lock);
	KUNIT_ASSERT_EQ(test, ipmi_lan_users_init(srv), 0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_channel_init(srv), 0);
	test->priv = srv;
	return 0;
}

static void user_test_exit(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;

	/* Records replaced during the test are freed by RCU callbacks here. */
	rcu_barrier();
	ipmi_lan_channel_free(srv);
	ipmi_lan_users_free(srv);
	mutex_destroy(&srv->lock);
}

static int add_user(struct ipmi_lan_server *srv, u8 id, const char *name,
		    const char *password, bool enabled)
{
	struct ipmi_lan_user_change c = {
		.need_name = true,
		.set_name = true,
		.name = name,
		.name_len = strlen(name),
		.set_password = !!password,
		.password = password,
		.password_len = password ? strlen(password) : 0,
		.set_enabled = true,
		.enabled = enabled,
	};

	return ipmi_lan_user_change(srv, id, &c, GFP_KERNEL, NULL);
}

static void set_threshold(struct kunit *test, u8 threshold)
{
	struct ipmi_lan_server *srv = test->priv;
	struct ipmi_lan_channel ch;

	ipmi_lan_channel_read(srv, &ch);
	ch.lockout_threshold = threshold;
	KUNIT_ASSERT_EQ(test, ipmi_lan_channel_replace(srv, &ch), 0);
}

static struct sockaddr_in v4(const char *a, u16 port)
{
	struct sockaddr_in s = { .sin_family = AF_INET, .sin_port = htons(port) };

	in4_pton(a, -1, (u8 *)&s.sin_addr, -1, NULL);
	return s;
}

static struct sockaddr_in6 v6(const char *a, u16 port)
{
	struct sockaddr_in6 s = { .sin6_family = AF_INET6,
				  .sin6_port = htons(port) };

	in6_pton(a, -1, s.sin6_addr.s6_addr, -1, NULL);
	return s;
}

static void user_name_rules(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_name_check("admin", 5), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_name_check("a", 1), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_name_check("0123456789abcdef", 16), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_name_check("0123456789abcdefg", 17),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_name_check("", 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_name_check("a\0b", 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_name_check("tab\there", 8), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_name_check("a b", 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_name_check("a~!", 3), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_name_check("del\x7f", 4), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_name_check("caf\xc3\xa9", 5), -EINVAL);
}

static void user_id_rules(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	struct ipmi_lan_user u;

	KUNIT_EXPECT_EQ(test, add_user(srv, 0, "zero", NULL, false), -EINVAL);
	KUNIT_EXPECT_EQ(test, add_user(srv, 1, "null", NULL, false), -EINVAL);
	KUNIT_EXPECT_EQ(test, add_user(srv, 64, "big", NULL, false), -EINVAL);
	KUNIT_EXPECT_EQ(test, add_user(srv, 2, "first", NULL, false), 0);
	KUNIT_EXPECT_EQ(test, add_user(srv, 63, "last", NULL, false), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_name(srv, 1, "x", 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_password(srv, 1, "x", 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_enabled(srv, 1, true), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_get(srv, 0, &u), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_get(srv, 64, &u), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_get(srv, 1, &u), -ENOENT);
	KUNIT_EXPECT_EQ(test, u.name_len, 0);
	KUNIT_EXPECT_FALSE(test, u.enabled);
	KUNIT_EXPECT_EQ(test, u.privilege, IPMI_LAN_PRIV_NO_ACCESS);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_get(srv, 63, &u), 0);
	KUNIT_EXPECT_STREQ(test, u.name, "last");
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_del(srv, 1, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_del(srv, 3, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_del(srv, 63, NULL), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_get(srv, 63, &u), -ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_count(srv, NULL), 1U);
}

static void user_defaults_and_flags(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	struct ipmi_lan_user_change c = { .need_name = true };
	struct ipmi_lan_user u;

	/* A new user needs a name (netlink); the IPMI path does not. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_change(srv, 5, &c, GFP_KERNEL, NULL),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, add_user(srv, 5, "bob", "pw", false), 0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_get(srv, 5, &u), 0);
	KUNIT_EXPECT_FALSE(test, u.enabled);
	KUNIT_EXPECT_EQ(test, u.privilege, 2);
	KUNIT_EXPECT_TRUE(test, u.ipmi_msg);
	KUNIT_EXPECT_FALSE(test, u.link_auth);
	KUNIT_EXPECT_TRUE(test, u.sol);
	KUNIT_EXPECT_TRUE(test, u.has_password);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(u.key, 0, sizeof(u.key)));

	c.flags = IPMI_LAN_USER_F_CREATE;
	c.set_privilege = true;
	c.privilege = 4;
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_change(srv, 5, &c, GFP_KERNEL, NULL),
			-EEXIST);
	c.flags = IPMI_LAN_USER_F_UPDATE;
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_change(srv, 6, &c, GFP_KERNEL, NULL),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_change(srv, 5, &c, GFP_KERNEL, NULL),
			0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_get(srv, 5, &u), 0);
	KUNIT_EXPECT_EQ(test, u.privilege, 4);
	KUNIT_EXPECT_STREQ(test, u.name, "bob");

	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_access(srv, 5, 6, true, false),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_access(srv, 5, 0, true, false),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_access(srv, 5, 15, false, true),
			0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_get(srv, 5, &u), 0);
	KUNIT_EXPECT_EQ(test, u.privilege, 15);
	KUNIT_EXPECT_FALSE(test, u.ipmi_msg);
	KUNIT_EXPECT_TRUE(test, u.link_auth);

	/* The IPMI path may create a nameless record. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_password(srv, 7, "pw", 2), 0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_get(srv, 7, &u), 0);
	KUNIT_EXPECT_EQ(test, u.name_len, 0);
	KUNIT_EXPECT_TRUE(test, u.has_password);
	KUNIT_EXPECT_TRUE(test, u.sol);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_password(srv, 7, "", 0), -EINVAL);
	KUNIT_EXPECT_EQ(test,
			ipmi_lan_user_set_password(srv, 7, "012345678901234567890",
						   21),
			-EINVAL);
}

static void user_enable_needs_password(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	unsigned int enabled;
	struct ipmi_lan_user u;

	KUNIT_EXPECT_EQ(test, add_user(srv, 2, "nopw", NULL, true), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_get(srv, 2, &u), -ENOENT);
	KUNIT_EXPECT_EQ(test, add_user(srv, 2, "nopw", NULL, false), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_enabled(srv, 2, true), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_enabled(srv, 3, true), -EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_enabled(srv, 3, false), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_get(srv, 3, &u), -ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_password(srv, 2, "secret", 6), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_enabled(srv, 2, true), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_count(srv, &enabled), 1U);
	KUNIT_EXPECT_EQ(test, enabled, 1U);

	/* A password without a name cannot be enabled either. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_password(srv, 4, "pw", 2), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_enabled(srv, 4, true), -EINVAL);

	/* A null name disables the user. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_name(srv, 2, "", 0), 0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_get(srv, 2, &u), 0);
	KUNIT_EXPECT_EQ(test, u.name_len, 0);
	KUNIT_EXPECT_FALSE(test, u.enabled);
	KUNIT_EXPECT_TRUE(test, u.has_password);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_name(srv, 9, "", 0), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_get(srv, 9, &u), -ENOENT);
}

static void user_names_unique(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;

	KUNIT_EXPECT_EQ(test, add_user(srv, 2, "admin", "a", true), 0);
	KUNIT_EXPECT_EQ(test, add_user(srv, 3, "admin", "b", true), -EEXIST);
	KUNIT_EXPECT_EQ(test, add_user(srv, 3, "Admin", "b", true), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_name(srv, 3, "admin", 5),
			-EEXIST);
	/* Its own name again is fine. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_name(srv, 2, "admin", 5), 0);
	/* A prefix is another name. */
	KUNIT_EXPECT_EQ(test, add_user(srv, 4, "admi", "c", true), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_del(srv, 2, NULL), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_name(srv, 3, "admin", 5), 0);
}

static void user_password_and_login(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	struct sockaddr_in src = v4("192.0.2.1", 623);
	const struct sockaddr *sa = (const struct sockaddr *)&src;
	u8 want[IPMI_LAN_PASSWORD_LEN] = "secret";
	struct ipmi_lan_login login;

	KUNIT_ASSERT_EQ(test, add_user(srv, 10, "oper", "secret", true), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_check_password(srv, 10, "secret", 6),
			0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_check_password(srv, 10, "secreT", 6),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_check_password(srv, 10, "secre", 5),
			-EINVAL);
	/* Compared zero padded, as the spec's 20-byte form. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_check_password(srv, 10,
							   "secret\0\0", 8), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_check_password(srv, 11, "secret", 6),
			-EINVAL);

	memset(&login, 0xaa, sizeof(login));
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_find_login(srv, "oper", 4, sa,
						       &login), 0);
	KUNIT_EXPECT_EQ(test, login.user_id, 10);
	KUNIT_EXPECT_EQ(test, login.privilege, 2);
	KUNIT_EXPECT_EQ(test, memcmp(login.key, want, sizeof(want)), 0);

	KUNIT_EXPECT_EQ(test, ipmi_lan_user_find_login(srv, "ope", 3, sa,
						       &login), -ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_find_login(srv, "operx", 5, sa,
						       &login), -ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_find_login(srv, "", 0, sa, &login),
			-ENOENT);
	/* No access, no IPMI messaging or disabled: not found. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_access(srv, 10, 15, true, false),
			0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_find_login(srv, "oper", 4, sa,
						       &login), -ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_access(srv, 10, 4, false, false),
			0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_find_login(srv, "oper", 4, sa,
						       &login), -ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_access(srv, 10, 4, true, false),
			0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_find_login(srv, "oper", 4, sa,
						       &login), 0);
	KUNIT_EXPECT_EQ(test, login.privilege, 4);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_enabled(srv, 10, false), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_find_login(srv, "oper", 4, sa,
						       &login), -ENOENT);
	/* A deleted user cannot log in, and its name is free again. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_del(srv, 10, NULL), 0);
	KUNIT_EXPECT_EQ(test, add_user(srv, 11, "oper", "other", true), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_check_password(srv, 11, "secret", 6),
			-EINVAL);
}

static const struct lockout_policy policy_3 = {
	.threshold = 3, .reset = 60 * HZ, .interval = 300 * HZ,
};

static void lockout_key(struct lockout_src *key, const void *sa)
{
	lockout_src_from(key, sa);
}

static void lockout_counting(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	struct ipmi_lan_lockout *lo = srv->users.lockout;
	struct sockaddr_in a = v4("192.0.2.1", 623), b = v4("192.0.2.2", 623);
	struct sockaddr_in a2 = v4("192.0.2.1", 40000);
	const struct lockout_policy *p = &policy_3;
	struct lockout_src ka, kb, ka2;
	unsigned long t = 100000;

	lockout_key(&ka, &a);
	lockout_key(&kb, &b);
	lockout_key(&ka2, &a2);
	lockout_fail(lo, 2, &ka, p, t);
	lockout_fail(lo, 2, &ka, p, t + HZ);
	KUNIT_EXPECT_FALSE(test, lockout_locked(lo, 2, &ka, p, t + HZ));
	/* The port is not part of the source. */
	lockout_fail(lo, 2, &ka2, p, t + 2 * HZ);
	KUNIT_EXPECT_TRUE(test, lockout_locked(lo, 2, &ka, p, t + 2 * HZ));
	KUNIT_EXPECT_TRUE(test, lockout_user_locked(lo, 2, p, t + 2 * HZ));
	/* Per user and per source. */
	KUNIT_EXPECT_FALSE(test, lockout_locked(lo, 2, &kb, p, t + 2 * HZ));
	KUNIT_EXPECT_FALSE(test, lockout_locked(lo, 3, &ka, p, t + 2 * HZ));
	KUNIT_EXPECT_FALSE(test, lockout_user_locked(lo, 3, p, t + 2 * HZ));
	/* Failures while locked do not extend the lockout. */
	lockout_fail(lo, 2, &ka, p, t + 299 * HZ);
	KUNIT_EXPECT_TRUE(test, lockout_locked(lo, 2, &ka, p, t + 301 * HZ));
	KUNIT_EXPECT_FALSE(test, lockout_locked(lo, 2, &ka, p, t + 302 * HZ));
	KUNIT_EXPECT_FALSE(test, lockout_user_locked(lo, 2, p, t + 302 * HZ));
	/* After the lockout the count starts again. */
	lockout_fail(lo, 2, &ka, p, t + 303 * HZ);
	KUNIT_EXPECT_FALSE(test, lockout_locked(lo, 2, &ka, p, t + 303 * HZ));
	/* Threshold 0: no lockout at all. */
	{
		const struct lockout_policy off = { .threshold = 0 };

		KUNIT_EXPECT_FALSE(test, lockout_locked(lo, 2, &ka, &off, t));
	}
}

static void lockout_reset_interval(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	struct ipmi_lan_lockout *lo = srv->users.lockout;
	struct sockaddr_in a = v4("198.51.100.7", 1);
	const struct lockout_policy *p = &policy_3;
	unsigned long t = 5000;
	struct lockout_src ka;

	lockout_key(&ka, &a);
	lockout_fail(lo, 4, &ka, p, t);
	lockout_fail(lo, 4, &ka, p, t + 30 * HZ);
	/* 60 s without a failure: the count is forgotten. */
	lockout_fail(lo, 4, &ka, p, t + 90 * HZ);
	KUNIT_EXPECT_FALSE(test, lockout_locked(lo, 4, &ka, p, t + 90 * HZ));
	lockout_fail(lo, 4, &ka, p, t + 100 * HZ);
	KUNIT_EXPECT_FALSE(test, lockout_locked(lo, 4, &ka, p, t + 100 * HZ));
	lockout_fail(lo, 4, &ka, p, t + 110 * HZ);
	KUNIT_EXPECT_TRUE(test, lockout_locked(lo, 4, &ka, p, t + 110 * HZ));
	/* A good login (or unlock) clears the pair. */
	lockout_clear(lo, 4, &ka);
	KUNIT_EXPECT_FALSE(test, lockout_locked(lo, 4, &ka, p, t + 110 * HZ));

	/* Interval 0: locked until unlocked. */
	{
		const struct lockout_policy forever = {
			.threshold = 1, .reset = 60 * HZ, .interval = 0,
		};

		lockout_fail(lo, 4, &ka, &forever, t);
		KUNIT_EXPECT_TRUE(test, lockout_locked(lo, 4, &ka, &forever,
						       t + 100000 * HZ));
		lockout_clear(lo, 4, NULL);
		KUNIT_EXPECT_FALSE(test, lockout_locked(lo, 4, &ka, &forever, t));
	}
}

static void lockout_ipv6_prefix(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	struct ipmi_lan_lockout *lo = srv->users.lockout;
	struct sockaddr_in6 a = v6("2001:db8:1:2::1", 623);
	struct sockaddr_in6 b = v6("2001:db8:1:2:ffff:1:2:3", 9);
	struct sockaddr_in6 c = v6("2001:db8:1:3::1", 623);
	const struct lockout_policy *p = &policy_3;
	struct lockout_src ka, kb, kc;
	unsigned long t = 777;

	lockout_key(&ka, &a);
	lockout_key(&kb, &b);
	lockout_key(&kc, &c);
	/* Same /64: one source. */
	lockout_fail(lo, 2, &ka, p, t);
	lockout_fail(lo, 2, &kb, p, t);
	lockout_fail(lo, 2, &ka, p, t);
	KUNIT_EXPECT_TRUE(test, lockout_locked(lo, 2, &kb, p, t));
	KUNIT_EXPECT_FALSE(test, lockout_locked(lo, 2, &kc, p, t));
}

static void lockout_bounded(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	struct ipmi_lan_lockout *lo = srv->users.lockout;
	const struct lockout_policy *p = &policy_3;
	struct sockaddr_in a = v4("192.0.2.1", 1);
	struct lockout_src k, ka;
	unsigned long t = 1000;
	int i, used = 0;

	/* Lock 192.0.2.1 for user 2, then flood from 200 other sources. */
	lockout_key(&ka, &a);
	for (i = 0; i < 3; i++)
		lockout_fail(lo, 2, &ka, p, t);
	for (i = 0; i < 200; i++) {
		struct sockaddr_in s = { .sin_family = AF_INET };

		s.sin_addr.s_addr = htonl(0xc6336400 + i);	/* 198.51.100.i */
		lockout_key(&k, &s);
		lockout_fail(lo, 2, &k, p, t + i);
		KUNIT_EXPECT_NOT_NULL(test, lockout_find(lo, 2, &k));
	}
	for (i = 0; i < IPMI_LAN_LOCKOUT_ENTRIES; i++)
		used += !!lo->e[i].user_id;
	KUNIT_EXPECT_EQ(test, used, IPMI_LAN_LOCKOUT_ENTRIES);
	/* Entries that lock nobody are reused first. */
	KUNIT_EXPECT_TRUE(test, lockout_locked(lo, 2, &ka, p, t + 300));
}

static void lockout_through_channel(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	struct sockaddr_in6 a = v6("2001:db8::5", 623);
	struct sockaddr_in6 b = v6("2001:db8:0:1::5", 623);
	const struct sockaddr *sa = (const struct sockaddr *)&a;
	const struct sockaddr *sb = (const struct sockaddr *)&b;
	struct ipmi_lan_user_change unlock = {
		.flags = IPMI_LAN_USER_F_UNLOCK,
	};
	struct ipmi_lan_login login;

	KUNIT_ASSERT_EQ(test, add_user(srv, 2, "admin", "pw", true), 0);
	/* The default threshold is 0: no lockout. */
	for (int i = 0; i < 10; i++)
		ipmi_lan_user_login_failed(srv, 2, sa);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_locked(srv, 2));
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_find_login(srv, "admin", 5, sa,
						       &login), 0);

	set_threshold(test, 2);
	ipmi_lan_user_login_failed(srv, 2, sa);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_locked(srv, 2));
	ipmi_lan_user_login_failed(srv, 2, sa);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_locked(srv, 2));
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_find_login(srv, "admin", 5, sa,
						       &login), -ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_find_login(srv, "admin", 5, sb,
						       &login), 0);
	/* Unlock clears every pair of the user. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_change(srv, 2, &unlock, GFP_KERNEL,
						   NULL), 0);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_locked(srv, 2));
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_find_login(srv, "admin", 5, sa,
						       &login), 0);
	/* A good login clears the count. */
	ipmi_lan_user_login_failed(srv, 2, sa);
	ipmi_lan_user_login_ok(srv, 2, sa);
	ipmi_lan_user_login_failed(srv, 2, sa);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_locked(srv, 2));
	/* Deleting the user forgets its failures. */
	ipmi_lan_user_login_failed(srv, 2, sa);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_locked(srv, 2));
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_del(srv, 2, NULL), 0);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_locked(srv, 2));
	/* Turning lockout off lifts it. */
	KUNIT_ASSERT_EQ(test, add_user(srv, 3, "op", "pw", true), 0);
	ipmi_lan_user_login_failed(srv, 3, sa);
	ipmi_lan_user_login_failed(srv, 3, sa);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_locked(srv, 3));
	set_threshold(test, 0);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_locked(srv, 3));
}

static void channel_defaults(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	const struct ipmi_lan_channel *ch;
	int i;

	rcu_read_lock();
	ch = ipmi_lan_channel_get(srv);
	KUNIT_EXPECT_EQ(test, ch->suites, IPMI_LAN_SUITES_DEFAULT);
	KUNIT_EXPECT_EQ(test, ch->suites, (1U << 3) | (1U << 17));
	for (i = 0; i < IPMI_LAN_SUITE_COUNT; i++)
		KUNIT_EXPECT_EQ(test, ch->suite_priv[i],
				(i == 1 || i == 6 || i == 15) ? 2 : 4);
	KUNIT_EXPECT_EQ(test, ch->privilege, 4);
	KUNIT_EXPECT_FALSE(test, ch->has_kg);
	KUNIT_EXPECT_EQ(test, ch->session_timeout, 60U);
	KUNIT_EXPECT_EQ(test, ch->max_sessions, 32);
	KUNIT_EXPECT_EQ(test, ch->lockout_threshold, 0);
	KUNIT_EXPECT_EQ(test, ch->lockout_reset, 60);
	KUNIT_EXPECT_EQ(test, ch->lockout_interval, 300);
	KUNIT_EXPECT_FALSE(test, ch->bridge_embedded);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_channel_valid(ch));
	rcu_read_unlock();
}

static void channel_validation(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	struct ipmi_lan_channel ch, now;
	u8 priv[IPMI_LAN_SUITE_COUNT];
	unsigned int i;

	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_suites_valid(0));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_suites_valid(1U << 0));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_suites_valid(1U << 4));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_suites_valid(1U << 5));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_suites_valid(1U << 18));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_suites_valid(1U << 31));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_suites_valid((1U << 3) |
								(1U << 0)));
	KUNIT_EXPECT_TRUE(test, ipmi_lan_channel_suites_valid(1U << 17));
	KUNIT_EXPECT_TRUE(test,
			  ipmi_lan_channel_suites_valid(IPMI_LAN_SUITES_SUPPORTED));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_privilege_valid(0));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_privilege_valid(6));
	KUNIT_EXPECT_TRUE(test, ipmi_lan_channel_privilege_valid(5));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_timeout_valid(4));
	KUNIT_EXPECT_TRUE(test, ipmi_lan_channel_timeout_valid(5));
	KUNIT_EXPECT_TRUE(test, ipmi_lan_channel_timeout_valid(3600));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_timeout_valid(3601));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_max_sessions_valid(0));
	KUNIT_EXPECT_TRUE(test, ipmi_lan_channel_max_sessions_valid(63));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_max_sessions_valid(64));
	memset(priv, 4, sizeof(priv));
	priv[1] = 2;
	priv[6] = 2;
	priv[15] = 2;
	KUNIT_EXPECT_TRUE(test, ipmi_lan_channel_suite_priv_valid(priv));
	priv[19] = 0;
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_suite_priv_valid(priv));
	priv[19] = 6;
	KUNIT_EXPECT_FALSE(test, ipmi_lan_channel_suite_priv_valid(priv));
	priv[19] = 5;
	KUNIT_EXPECT_TRUE(test, ipmi_lan_channel_suite_priv_valid(priv));
	/* No integrity (1, 6, 15): anything above USER is refused. */
	for (i = 1; i < IPMI_LAN_SUITE_COUNT; i++) {
		u8 old = priv[i];
		bool capped = i == 1 || i == 6 || i == 15;

		priv[i] = 3;
		KUNIT_EXPECT_EQ_MSG(test, ipmi_lan_channel_suite_priv_valid(priv),
				    !capped, "suite %u at operator", i);
		KUNIT_EXPECT_EQ_MSG(test, ipmi_lan_channel_suite_priv_capped(priv),
				    !capped, "suite %u at operator", i);
		priv[i] = 1;
		KUNIT_EXPECT_TRUE(test, ipmi_lan_channel_suite_priv_valid(priv));
		priv[i] = old;
	}
	ipmi_lan_channel_read(srv, &ch);
	KUNIT_EXPECT_EQ(test, ch.suite_priv[1], 2);
	ch.suite_priv[15] = 4;
	KUNIT_EXPECT_EQ(test, ipmi_lan_channel_replace(srv, &ch), -EINVAL);
	ipmi_lan_channel_read(srv, &now);
	KUNIT_EXPECT_EQ(test, now.suite_priv[15], 2);

	/* A refused configuration changes nothing. */
	ipmi_lan_channel_read(srv, &ch);
	ch.suites = 1U << 0;
	ch.session_timeout = 600;
	KUNIT_EXPECT_EQ(test, ipmi_lan_channel_replace(srv, &ch), -EINVAL);
	ipmi_lan_channel_read(srv, &now);
	KUNIT_EXPECT_EQ(test, now.suites, IPMI_LAN_SUITES_DEFAULT);
	KUNIT_EXPECT_EQ(test, now.session_timeout, 60U);

	ch.suites = (1U << 17) | (1U << 15);
	ch.has_kg = true;
	memset(ch.kg, 0x5a, sizeof(ch.kg));
	KUNIT_EXPECT_EQ(test, ipmi_lan_channel_replace(srv, &ch), 0);
	ipmi_lan_channel_read(srv, &now);
	KUNIT_EXPECT_EQ(test, now.suites, (1U << 17) | (1U << 15));
	KUNIT_EXPECT_EQ(test, now.session_timeout, 600U);
	KUNIT_EXPECT_TRUE(test, now.has_kg);
	KUNIT_EXPECT_EQ(test, now.kg[19], 0x5a);
	/* Without has_kg, no key is kept. */
	ch.has_kg = false;
	KUNIT_EXPECT_EQ(test, ipmi_lan_channel_replace(srv, &ch), 0);
	ipmi_lan_channel_read(srv, &now);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(now.kg, 0, sizeof(now.kg)));
	memzero_explicit(ch.kg, sizeof(ch.kg));
}

/* SoL payload access: on by default, kept with the user, never creates one. */
static void user_sol_access(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	struct ipmi_lan_user_change c = { .flags = IPMI_LAN_USER_F_UPDATE };
	struct ipmi_lan_user u;

	KUNIT_ASSERT_EQ(test, add_user(srv, 4, "sol", "pw", true), 0);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_sol_allowed(srv, 4));
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_sol(srv, 4, false), 0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_get(srv, 4, &u), 0);
	KUNIT_EXPECT_FALSE(test, u.sol);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_sol_allowed(srv, 4));
	/* Nothing else changed, and other changes leave it alone. */
	KUNIT_EXPECT_TRUE(test, u.enabled);
	KUNIT_EXPECT_TRUE(test, u.ipmi_msg);
	KUNIT_EXPECT_EQ(test, u.privilege, 2);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_access(srv, 4, 4, true, true),
			0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_password(srv, 4, "new", 3), 0);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_sol_allowed(srv, 4));

	/* netlink: only when given */
	c.set_sol = true;
	c.sol = true;
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_change(srv, 4, &c, GFP_KERNEL, NULL),
			0);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_sol_allowed(srv, 4));
	c.set_sol = false;
	c.sol = false;
	c.set_enabled = true;
	c.enabled = false;
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_change(srv, 4, &c, GFP_KERNEL, NULL),
			0);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_sol_allowed(srv, 4));
	/* A new user may be created with it off. */
	c.flags = IPMI_LAN_USER_F_CREATE;
	c.set_enabled = false;
	c.set_sol = true;
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_change(srv, 8, &c, GFP_KERNEL, NULL),
			0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_get(srv, 8, &u), 0);
	KUNIT_EXPECT_FALSE(test, u.sol);

	/* No record: refused, and the setter does not make one. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_sol(srv, 5, true), -ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_get(srv, 5, &u), -ENOENT);
	KUNIT_EXPECT_FALSE(test, u.sol);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_sol_allowed(srv, 5));
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_sol(srv, 1, true), -EINVAL);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_sol_allowed(srv, 0));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_sol_allowed(srv, 1));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_sol_allowed(srv, 64));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_sol_allowed(srv, 255));
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_del(srv, 4, NULL), 0);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_sol_allowed(srv, 4));
}

static void set_channel_bridge(struct kunit *test, bool embedded)
{
	struct ipmi_lan_server *srv = test->priv;
	struct ipmi_lan_channel ch;

	ipmi_lan_channel_read(srv, &ch);
	ch.bridge_embedded = embedded;
	KUNIT_ASSERT_EQ(test, ipmi_lan_channel_replace(srv, &ch), 0);
}

static void set_user_bridge(struct kunit *test, u8 id, u8 bridge)
{
	struct ipmi_lan_user_change c = {
		.flags = IPMI_LAN_USER_F_UPDATE,
		.set_bridge = true,
		.bridge = bridge,
	};

	KUNIT_ASSERT_EQ(test, ipmi_lan_user_change(test->priv, id, &c,
						   GFP_KERNEL, NULL), 0);
}

/*
 * The form of bridged answers: a user's own (separate or embedded), or
 * the channel's, which new users follow; read when a request comes.
 */
static void user_bridge_form(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	struct ipmi_lan_user_change c = { .flags = IPMI_LAN_USER_F_UPDATE };
	struct ipmi_lan_user u;

	/* New users follow the channel, separate by default; both paths. */
	KUNIT_ASSERT_EQ(test, add_user(srv, 4, "bridger", "pw", true), 0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_get(srv, 4, &u), 0);
	KUNIT_EXPECT_EQ(test, u.bridge, IPMI_LAN_BRIDGE_CHANNEL);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 4));
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_set_password(srv, 7, "pw", 2), 0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_get(srv, 7, &u), 0);
	KUNIT_EXPECT_EQ(test, u.bridge, IPMI_LAN_BRIDGE_CHANNEL);

	/* Following the channel, both ways. */
	set_channel_bridge(test, true);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_bridge_embedded(srv, 4));
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_bridge_embedded(srv, 7));
	set_channel_bridge(test, false);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 4));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 7));

	/* A user's own setting wins over the channel's, both ways. */
	set_user_bridge(test, 4, IPMI_LAN_BRIDGE_EMBEDDED);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_bridge_embedded(srv, 4));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 7));
	set_channel_bridge(test, true);
	set_user_bridge(test, 7, IPMI_LAN_BRIDGE_SEPARATE);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_bridge_embedded(srv, 4));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 7));
	set_user_bridge(test, 4, IPMI_LAN_BRIDGE_SEPARATE);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 4));
	set_channel_bridge(test, false);
	set_user_bridge(test, 7, IPMI_LAN_BRIDGE_EMBEDDED);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_bridge_embedded(srv, 7));
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_get(srv, 7, &u), 0);
	KUNIT_EXPECT_EQ(test, u.bridge, IPMI_LAN_BRIDGE_EMBEDDED);

	/* Back to the channel's. */
	set_user_bridge(test, 4, IPMI_LAN_BRIDGE_CHANNEL);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 4));
	set_channel_bridge(test, true);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_bridge_embedded(srv, 4));

	/* Other changes leave it alone; a bad value changes nothing. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_access(srv, 4, 4, true, true),
			0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_password(srv, 4, "new", 3), 0);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_sol(srv, 4, false), 0);
	c.set_bridge = true;
	c.bridge = IPMI_LAN_BRIDGE_CHANNEL + 1;
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_change(srv, 4, &c, GFP_KERNEL, NULL),
			-EINVAL);
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_get(srv, 4, &u), 0);
	KUNIT_EXPECT_EQ(test, u.bridge, IPMI_LAN_BRIDGE_CHANNEL);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_bridge_embedded(srv, 4));

	/* No record, or not a user id: separate, whatever the channel says. */
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 5));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 0));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 1));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 64));
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 255));
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_del(srv, 4, NULL), 0);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_bridge_embedded(srv, 4));
}

/*
 * An App request through cmd.c's table (rmcp_kunit.c brings cmd.c into
 * this module): from the system interface if s is NULL, else in s.
 */
static unsigned int app_cmd(struct kunit *test, struct ipmi_lan_session *s,
			    u8 cmd, const u8 *data, unsigned int len, u8 *rsp)
{
	struct ipmi_lan_msg req = { .netfn = IPMI_NETFN_APP, .cmd = cmd,
				    .data = data, .data_len = len };
	struct ipmi_lan_request c = { .srv = test->priv, .session = s,
				      .req = &req, .rsp = rsp,
				      .cap = CMD_RSP_MAX, .local = !s };

	memset(rsp, 0xee, CMD_RSP_MAX);
	return s ? ipmi_lan_cmd_session(&c) : ipmi_lan_cmd_local(&c);
}

/* One request and its whole answer, completion code first. */
struct payload_step {
	u8 cmd;
	u8 req_len;
	u8 req[10];
	u8 rsp_len;
	u8 rsp[5];
};

#define SET_UPA IPMI_CMD_SET_USER_PAYLOAD_ACCESS
#define GET_UPA IPMI_CMD_GET_USER_PAYLOAD_ACCESS

/*
 * Set/Get User Payload Access (App 4Ch/4Dh), IPMI v2.0 24.6 and 24.7, in
 * order (the state carries over). User 4 exists, 5 does not, 1 is the
 * null user. The requests marked ipmitool are what ipmitool 1.8.19 sends
 * for "sol payload enable|disable|status 1 4" (lib/ipmi_sol.c: six bytes,
 * SOL as bit 1 of the first standard payload byte) and for "sol payload
 * enable" without arguments (channel 0Eh, user 1).
 */
static const struct payload_step payload_steps[] = {
	/* ipmitool: status; the default is on */
	{ GET_UPA, 2, { 0x01, 0x04 }, 5, { 0x00, 0x02, 0x00, 0x00, 0x00 } },
	/* ipmitool: disable */
	{ SET_UPA, 6, { 0x01, 0x44, 0x02, 0x00, 0x00, 0x00 }, 1, { 0x00 } },
	{ GET_UPA, 2, { 0x01, 0x04 }, 5, { 0x00, 0x00, 0x00, 0x00, 0x00 } },
	/* ipmitool: enable */
	{ SET_UPA, 6, { 0x01, 0x04, 0x02, 0x00, 0x00, 0x00 }, 1, { 0x00 } },
	{ GET_UPA, 2, { 0x0e, 0x04 }, 5, { 0x00, 0x02, 0x00, 0x00, 0x00 } },
	/* every other bit, SOL's clear: accepted, nothing changes */
	{ SET_UPA, 6, { 0x0e, 0x44, 0xfd, 0xff, 0xff, 0xff }, 1, { 0x00 } },
	{ GET_UPA, 2, { 0x01, 0x04 }, 5, { 0x00, 0x02, 0x00, 0x00, 0x00 } },
	/* every bit: only SOL's has an effect */
	{ SET_UPA, 6, { 0x01, 0x44, 0xff, 0xff, 0xff, 0xff }, 1, { 0x00 } },
	{ GET_UPA, 2, { 0x01, 0x04 }, 5, { 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ SET_UPA, 6, { 0x0e, 0x04, 0xff, 0xff, 0xff, 0xff }, 1, { 0x00 } },
	{ GET_UPA, 2, { 0x01, 0x04 }, 5, { 0x00, 0x02, 0x00, 0x00, 0x00 } },
	/* no user, the null user: nothing; id 0, channel 2: CCh */
	{ GET_UPA, 2, { 0x01, 0x05 }, 5, { 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ GET_UPA, 2, { 0x01, 0x01 }, 5, { 0x00, 0x00, 0x00, 0x00, 0x00 } },
	{ GET_UPA, 2, { 0x01, 0x00 }, 1, { 0xcc } },
	{ GET_UPA, 2, { 0x02, 0x04 }, 1, { 0xcc } },
	{ GET_UPA, 1, { 0x01 }, 1, { 0xc7 } },
	{ GET_UPA, 3, { 0x01, 0x04, 0x00 }, 1, { 0xc7 } },
	/* a user that does not exist is not made; nor the null user */
	{ SET_UPA, 6, { 0x01, 0x05, 0x02, 0x00, 0x00, 0x00 }, 1, { 0xcc } },
	{ SET_UPA, 6, { 0x01, 0x05, 0x00, 0x00, 0x00, 0x00 }, 1, { 0xcc } },
	/* ipmitool: "sol payload enable" alone */
	{ SET_UPA, 6, { 0x0e, 0x01, 0x02, 0x00, 0x00, 0x00 }, 1, { 0xcc } },
	{ SET_UPA, 6, { 0x01, 0x00, 0x02, 0x00, 0x00, 0x00 }, 1, { 0xcc } },
	/* operations 10b and 11b are reserved */
	{ SET_UPA, 6, { 0x01, 0x84, 0x02, 0x00, 0x00, 0x00 }, 1, { 0xcc } },
	{ SET_UPA, 6, { 0x01, 0xc4, 0x02, 0x00, 0x00, 0x00 }, 1, { 0xcc } },
	{ SET_UPA, 6, { 0x02, 0x44, 0x02, 0x00, 0x00, 0x00 }, 1, { 0xcc } },
	/* six bytes exactly; ten (four-byte bitmaps) is not the spec's */
	{ SET_UPA, 5, { 0x01, 0x44, 0x02, 0x00, 0x00 }, 1, { 0xc7 } },
	{ SET_UPA, 10, { 0x01, 0x44, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
			 0x00 }, 1, { 0xc7 } },
	/* none of the refused ones changed anything */
	{ GET_UPA, 2, { 0x01, 0x04 }, 5, { 0x00, 0x02, 0x00, 0x00, 0x00 } },
	{ GET_UPA, 2, { 0x01, 0x05 }, 5, { 0x00, 0x00, 0x00, 0x00, 0x00 } },
};

static void user_payload_access_cmds(struct kunit *test)
{
	struct ipmi_lan_server *srv = test->priv;
	u8 *rsp = kunit_kzalloc(test, CMD_RSP_MAX, GFP_KERNEL);
	const struct payload_step *st;
	struct ipmi_lan_user u;
	unsigned int i, n;

	KUNIT_ASSERT_NOT_NULL(test, rsp);
	KUNIT_ASSERT_EQ(test, add_user(srv, 4, "console", "pw", true), 0);
	for (i = 0; i < ARRAY_SIZE(payload_steps); i++) {
		st = &payload_steps[i];
		n = app_cmd(test, NULL, st->cmd, st->req, st->req_len, rsp);
		KUNIT_EXPECT_EQ_MSG(test, n, st->rsp_len, "step %u", i);
		if (n == st->rsp_len && memcmp(rsp, st->rsp, n)) {
			kunit_info(test, "got:  %*ph\n", n, rsp);
			kunit_info(test, "want: %*ph\n", n, st->rsp);
			KUNIT_FAIL(test, "step %u: bytes differ", i);
		}
	}
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_get(srv, 5, &u), -ENOENT);
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_count(srv, NULL), 1U);
}

static struct ipmi_lan_session *test_session(struct kunit *test, u8 user_id,
					     u8 priv)
{
	struct ipmi_lan_session *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	spin_lock_init(&s->lock);
	kref_init(&s->ref);
	s->suite = ipmi_lan_suite_by_id(1);
	s->state = SESSION_ACTIVE;
	s->priv = priv;
	s->user_id = user_id;
	s->peer.addr4.sin_family = AF_INET;
	return s;
}

/* Get needs OPERATOR, Set ADMINISTRATOR (the spec's). */
static void user_payload_access_privilege(struct kunit *test)
{
	static const u8 get[] = { 0x0e, 0x04 };
	static const u8 off[] = { 0x0e, 0x44, 0x02, 0x00, 0x00, 0x00 };
	struct ipmi_lan_server *srv = test->priv;
	u8 *rsp = kunit_kzalloc(test, CMD_RSP_MAX, GFP_KERNEL);
	struct ipmi_lan_session *s;

	KUNIT_ASSERT_NOT_NULL(test, rsp);
	KUNIT_ASSERT_EQ(test, add_user(srv, 4, "console", "pw", true), 0);
	s = test_session(test, 4, IPMI_PRIV_USER);
	KUNIT_EXPECT_EQ(test, app_cmd(test, s, GET_UPA, get, sizeof(get), rsp),
			1U);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_INSUFFICIENT_PRIVILEGE);
	s->priv = IPMI_PRIV_OPERATOR;
	KUNIT_EXPECT_EQ(test, app_cmd(test, s, GET_UPA, get, sizeof(get), rsp),
			5U);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_OK);
	KUNIT_EXPECT_EQ(test, rsp[1], 0x02);
	KUNIT_EXPECT_EQ(test, app_cmd(test, s, SET_UPA, off, sizeof(off), rsp),
			1U);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_INSUFFICIENT_PRIVILEGE);
	KUNIT_EXPECT_TRUE(test, ipmi_lan_user_sol_allowed(srv, 4));
	s->priv = IPMI_PRIV_ADMIN;
	KUNIT_EXPECT_EQ(test, app_cmd(test, s, SET_UPA, off, sizeof(off), rsp),
			1U);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_OK);
	KUNIT_EXPECT_FALSE(test, ipmi_lan_user_sol_allowed(srv, 4));
}

/*
 * Activate Payload (SOL) is refused with 81h (ipmitool: "Info: SOL
 * payload disabled") for a user without SoL access, with a tty bound and
 * SoL enabled; given access again, the same session activates. The fake
 * tty and the session's payload slots are sol_kunit.c's.
 */
static void user_sol_activation(struct kunit *test)
{
	static const u8 act[] = { 0x01, 0x01, 0xc6, 0x00, 0x00, 0x00 };
	static const u8 on[] = { 0x0e, 0x04, 0x02, 0x00, 0x00, 0x00 };
	struct ipmi_lan_server *srv = test->priv;
	u8 *rsp = kunit_kzalloc(test, CMD_RSP_MAX, GFP_KERNEL);
	struct ipmi_lan_session *s, *admin;
	struct ipmi_lan_sol *sol;

	KUNIT_ASSERT_NOT_NULL(test, rsp);
	if (!ipmi_lan_wq)
		ipmi_lan_wq = system_wq;	/* as sol_kunit.c's suite sets it */
	ipmi_lan_sols_init(srv);
	KUNIT_ASSERT_EQ(test, add_user(srv, 4, "console", "pw", true), 0);
	KUNIT_ASSERT_EQ(test, ipmi_lan_user_set_sol(srv, 4, false), 0);
	sol = ipmi_lan_sol_bind(srv, (struct tty_struct *)test,
				IPMI_LAN_SOL_TARGET_BMC);
	KUNIT_ASSERT_FALSE(test, IS_ERR(sol));
	flush_work(&sol->work);

	/*
	 * ipmitool's "sol activate" asks for encryption and authentication:
	 * a suite with both (3; its keys stay zero, nothing is sealed here).
	 */
	s = test_session(test, 4, IPMI_PRIV_ADMIN);
	s->suite = ipmi_lan_suite_by_id(3);
	KUNIT_ASSERT_NOT_NULL(test, s->suite);
	KUNIT_EXPECT_EQ(test, app_cmd(test, s, IPMI_CMD_ACTIVATE_PAYLOAD,
				      act, sizeof(act), rsp), 1U);
	KUNIT_EXPECT_EQ(test, rsp[0], 0x81);
	KUNIT_EXPECT_PTR_EQ(test, sol->s, (struct ipmi_lan_session *)NULL);
	KUNIT_EXPECT_PTR_EQ(test, s->payloads[RMCPP_PAYLOAD_SOL],
			    (struct ipmi_lan_payload_inst *)NULL);
	KUNIT_EXPECT_EQ(test, sol->stats.activations, 0ULL);
	/* A session whose user has no record: refused the same way. */
	admin = test_session(test, 9, IPMI_PRIV_ADMIN);
	KUNIT_EXPECT_EQ(test, app_cmd(test, admin, IPMI_CMD_ACTIVATE_PAYLOAD,
				      act, sizeof(act), rsp), 1U);
	KUNIT_EXPECT_EQ(test, rsp[0], 0x81);

	/* ipmitool: "sol payload enable 14 4", by another administrator */
	KUNIT_EXPECT_EQ(test, app_cmd(test, admin, SET_UPA, on, sizeof(on),
				      rsp), 1U);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_OK);
	KUNIT_EXPECT_EQ(test, app_cmd(test, s, IPMI_CMD_ACTIVATE_PAYLOAD,
				      act, sizeof(act), rsp), 13U);
	KUNIT_EXPECT_EQ(test, rsp[0], IPMI_CC_OK);
	KUNIT_EXPECT_PTR_EQ(test, sol->s, s);
	KUNIT_EXPECT_EQ(test, sol->stats.activations, 1ULL);

	/* The active console is left alone when access is taken away. */
	KUNIT_EXPECT_EQ(test, ipmi_lan_user_set_sol(srv, 4, false), 0);
	KUNIT_EXPECT_PTR_EQ(test, sol->s, s);

	ipmi_lan_sol_unbind(sol);
	ipmi_lan_sols_uninit(srv);
}

static struct kunit_case user_test_cases[] = {
	KUNIT_CASE(user_name_rules),
	KUNIT_CASE(user_id_rules),
	KUNIT_CASE(user_defaults_and_flags),
	KUNIT_CASE(user_enable_needs_password),
	KUNIT_CASE(user_names_unique),
	KUNIT_CASE(user_password_and_login),
	KUNIT_CASE(lockout_counting),
	KUNIT_CASE(lockout_reset_interval),
	KUNIT_CASE(lockout_ipv6_prefix),
	KUNIT_CASE(lockout_bounded),
	KUNIT_CASE(lockout_through_channel),
	KUNIT_CASE(channel_defaults),
	KUNIT_CASE(channel_validation),
	KUNIT_CASE(user_sol_access),
	KUNIT_CASE(user_bridge_form),
	KUNIT_CASE(user_payload_access_cmds),
	KUNIT_CASE(user_payload_access_privilege),
	KUNIT_CASE(user_sol_activation),
	{}
};

static struct kunit_suite user_test_suite = {
	.name = "ipmi_lan_user",
	.init = user_test_init,
	.exit = user_test_exit,
	.test_cases = user_test_cases,
};

kunit_test_suite(user_test_suite);
