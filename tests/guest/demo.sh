#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, run inside the stock 6.1 guest by tests/demo.sh (tests/vm.sh
# --script), in the initial network namespace with the e2e environment
# (IPMI_LAN_KO, IPMI_LANCTL, ...). It loads the module, configures it and
# talks to it with real clients, then prints the counters.

set -uo pipefail

step() {
	printf '\n\033[1m$ %s\033[0m\n' "$*"
	"$@"
}

grep -q '^ipmi_lan ' /proc/modules || step insmod "$IPMI_LAN_KO"
ip link set lo up
ipmi-lanctl() { "$IPMI_LANCTL" "$@"; }

step ipmi-lanctl show
step ipmi-lanctl set address any port 623 enabled on
step ipmi-lanctl server show

# The ASF presence ping and Get Channel Authentication Capabilities, from
# FreeIPMI, over IPv4 and IPv6.
step rmcpping -c 2 127.0.0.1
step rmcpping -c 1 ::1
step ipmiping -c 2 127.0.0.1

# A user, with the password on stdin (never on the command line).
printf 'opensesame\n' >/run/demo-password
step ipmi-lanctl user add 3 name admin password-file /run/demo-password privilege admin enabled on
step ipmi-lanctl user show
step ipmi-lanctl channel show

# Real clients log in over RMCP+: ipmitool with suite 17 and with the
# cipher suite list (no -C), FreeIPMI with its default suite 3, pyghmi.
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame mc info
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame -C 17 session info active
step bmc-info -D LAN_2_0 -h 127.0.0.2 -u admin -p opensesame --get-device-id
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P wrongpassword mc info

# Garbage is dropped and counted, never answered.
step python3 "$IPMI_LAN_TOP/tests/tools/rmcp_raw.py" -t 0.5 127.0.0.1 0600ff07 0700ff06000011be80770000

step ipmi-lanctl stats show
step ipmi-lanctl -j show
exit 0
