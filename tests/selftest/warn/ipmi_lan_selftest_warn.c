// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: a module whose init triggers a WARN_ON(), so the test
 * harness can prove that its kernel log scanner fails a run on a warning.
 * Never load it outside the harness.
 */
#include <linux/bug.h>
#include <linux/init.h>
#include <linux/module.h>

static int __init ipmi_lan_selftest_warn_init(void)
{
	WARN_ON(1);
	return 0;
}

static void __exit ipmi_lan_selftest_warn_exit(void)
{
}

module_init(ipmi_lan_selftest_warn_init);
module_exit(ipmi_lan_selftest_warn_exit);

MODULE_DESCRIPTION("ipmi-lan test harness self-test: WARN_ON at load");
MODULE_LICENSE("GPL");
