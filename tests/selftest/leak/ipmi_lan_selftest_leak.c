// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: a module whose init allocates memory and drops every
 * pointer to it, so the test harness can prove that kmemleak reports leaks
 * and that a report fails the run. Never load it outside the harness.
 *
 * The objects start with the 16 bytes "ipmi-lan-leak-st", which kmemleak's
 * hex dump shows, and are allocated by a function outside .init.text, so
 * the backtrace names this module while it is loaded. A few objects are
 * leaked because a stale copy of the last pointer may survive in a
 * reused kernel stack, which kmemleak scans.
 */
#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#define SELFTEST_LEAK_SIZE 200
#define SELFTEST_LEAK_COUNT 4

static const char selftest_leak_tag[16] = "ipmi-lan-leak-st";

static noinline bool ipmi_lan_selftest_leak_one(void)
{
	void *p = kmalloc(SELFTEST_LEAK_SIZE, GFP_KERNEL);

	if (!p)
		return false;
	OPTIMIZER_HIDE_VAR(p);
	memset(p, 0x5a, SELFTEST_LEAK_SIZE);
	memcpy(p, selftest_leak_tag, sizeof(selftest_leak_tag));
	/* The pointer is stored nowhere: the object is now unreferenced. */
	return true;
}

static int __init ipmi_lan_selftest_leak_init(void)
{
	int i;

	for (i = 0; i < SELFTEST_LEAK_COUNT; i++)
		if (!ipmi_lan_selftest_leak_one())
			return -ENOMEM;
	return 0;
}

static void __exit ipmi_lan_selftest_leak_exit(void)
{
}

module_init(ipmi_lan_selftest_leak_init);
module_exit(ipmi_lan_selftest_leak_exit);

MODULE_DESCRIPTION("ipmi-lan test harness self-test: leaks a few allocations");
MODULE_LICENSE("GPL");
