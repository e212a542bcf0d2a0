// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl smi { show | attach | detach | help }: the server as a
 * system interface of the kernel's IPMI message handler (/dev/ipmiN).
 */
#include <inttypes.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

void smi_usage(FILE *f)
{
	fprintf(f, "Usage: " PROG " smi { show | attach | detach | help }\n");
}

static int smi_show(void)
{
	struct server_info info;
	char buf[32];
	int ret;

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	ret = server_get(&info);
	if (ret)
		return ret;
	print_start();
	if (info.has_smi_if_num) {
		snprintf(buf, sizeof(buf), "/dev/ipmi%" PRIu32, info.smi_if_num);
		print_string(PRINT_FP, NULL, "%s\n", buf);
		print_u64(PRINT_JSON, "if_num", NULL, info.smi_if_num);
	} else {
		print_null(PRINT_ANY, "if_num", "%s\n", "none");
	}
	return print_end();
}

static int smi_do(uint8_t cmd, const char *what)
{
	struct nl_msg *msg;
	int ret;

	ret = ipmi_nl_open();
	if (ret)
		return ret;
	msg = ipmi_nl_request(cmd);
	if (!msg)
		return EXIT_NETLINK;
	return ipmi_nl_do(msg, what, NULL, NULL);
}

int cmd_smi(int argc, char **argv)
{
	const char *cmd = argc ? argv[0] : "show";

	if (is_help(cmd)) {
		smi_usage(stdout);
		return EXIT_OK;
	}
	if (!matches(cmd, "show") && !matches(cmd, "attach") &&
	    !matches(cmd, "detach"))
		return usage_error("unknown smi command \"%s\"; try \"" PROG " smi help\"",
				   cmd);
	if (argc > 1) {
		if (is_help(argv[1])) {
			smi_usage(stdout);
			return EXIT_OK;
		}
		return usage_error("smi %s: unexpected argument \"%s\"", cmd,
				   argv[1]);
	}
	if (matches(cmd, "show"))
		return smi_show();
	if (matches(cmd, "attach"))
		return smi_do(IPMI_LAN_CMD_SMI_ATTACH, "smi attach");
	return smi_do(IPMI_LAN_CMD_SMI_DETACH, "smi detach");
}
