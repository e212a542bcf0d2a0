#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The harness gives a fresh namespace, the module and the clients.
# timeout: 60
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

[ "$(ip netns identify $$)" = "$IPMI_LAN_NETNS" ] || fail "not in $IPMI_LAN_NETNS"
links=$(ip -o link show | awk -F': ' '{ print $2 }')
[ "$links" = lo ] || fail "the namespace is not fresh: $links"
ip -o link show lo | grep -q 'UP' || fail "lo is down"
if [ "${IPMI_LAN_NO_MODULE:-0}" != 1 ]; then
	grep -q '^ipmi_lan ' /proc/modules || fail "ipmi_lan is not loaded"
fi
for tool in ipmitool ipmiping rmcpping python3; do
	command -v "$tool" >/dev/null || fail "$tool is missing"
done
# Both vCPUs: the tests must run truly concurrently, KASAN and lockdep
# included (the debug kernel needs ACPI to find the second one).
[ "$(nproc)" -ge 2 ] || fail "the guest has $(nproc) CPU, not 2"
{ [ -d "$IPMI_LAN_OUT" ] && [ -w "$IPMI_LAN_OUT" ]; } || fail "IPMI_LAN_OUT is not writable"
new_ns peer
veth_pair "$IPMI_LAN_NETNS" "$NS_NAME" 192.0.2.1/24 192.0.2.2/24 2001:db8::1/64 2001:db8::2/64
ip -n "$NS_NAME" -6 addr show | grep -q 2001:db8::2 || fail "no IPv6 address on the peer"
info "environment ok on $IPMI_LAN_KERNEL"
