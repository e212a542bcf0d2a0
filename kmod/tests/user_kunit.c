// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the user table, the lockout after failed logins and the
 * channel configuration. The units under test are compiled into this
 * module so their static functions are visible; each test gets its own
 * server instance, of which only the users and the channel are set up.
 */

#include "../channel.c"
#include "../user.c"

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
	{}
};

static struct kunit_suite user_test_suite = {
	.name = "ipmi_lan_user",
	.init = user_test_init,
	.exit = user_test_exit,
	.test_cases = user_test_cases,
};

kunit_test_suite(user_test_suite);
