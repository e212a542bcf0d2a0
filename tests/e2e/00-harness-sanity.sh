#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The harness gives a fresh namespace, the module and the clients.
# Bash builtins wherever possible: each process start costs up to a second
# on a busy debug guest, and this test checks the harness, not the speed.
# timeout: 120
# expect: 15
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

[ /proc/$$/ns/net -ef "/run/netns/$IPMI_LAN_NETNS" ] || fail "not in $IPMI_LAN_NETNS"
# ip netns exec mounts this namespace's own sysfs.
links=(/sys/class/net/*)
[ "${links[*]}" = /sys/class/net/lo ] || fail "the namespace is not fresh: ${links[*]}"
read -r flags </sys/class/net/lo/flags
((flags & 1)) || fail "lo is down (flags $flags)"
if [ "${IPMI_LAN_NO_MODULE:-0}" != 1 ]; then
	mapfile -t mods </proc/modules
	[[ " ${mods[*]%% *} " == *" ipmi_lan "* ]] || fail "ipmi_lan is not loaded"
fi
for tool in ipmitool ipmiping rmcpping python3; do
	command -v "$tool" >/dev/null || fail "$tool is missing"
done
# Every vCPU the guest was given (IPMI_LAN_VM_SMP, 2 unless make check's
# side lane gave a stock guest 1): on the debug kernel the tests must run
# truly concurrently, KASAN and lockdep included (it needs ACPI to find
# the second vCPU), so there it is never less than 2.
want=${IPMI_LAN_VM_SMP:-2}
[ "$IPMI_LAN_KERNEL" != debug ] || [ "$want" -ge 2 ] ||
	fail "the debug guest was given $want vCPU: it needs 2"
mapfile -t cpuinfo </proc/cpuinfo
ncpu=0
for line in "${cpuinfo[@]}"; do
	[[ $line == processor* ]] && ncpu=$((ncpu + 1))
done
[ "$ncpu" = "$want" ] || fail "the guest has $ncpu vCPUs, not $want"
{ [ -d "$IPMI_LAN_OUT" ] && [ -w "$IPMI_LAN_OUT" ]; } || fail "IPMI_LAN_OUT is not writable"
new_ns peer
veth_pair "$IPMI_LAN_NETNS" "$NS_NAME" 192.0.2.1/24 192.0.2.2/24 2001:db8::1/64 2001:db8::2/64
addrs=$(ip -n "$NS_NAME" -6 addr show)
[[ $addrs == *2001:db8::2/64* ]] || fail "no IPv6 address on the peer"
info "environment ok on $IPMI_LAN_KERNEL"
