#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# insmod/rmmod are clean: rmmod closes the listening sockets of every
# namespace, and the module comes back after a reload.
# timeout: 480
# exclusive: unloads and reloads the module
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

# udp_sockets PORT: how many UDP sockets of this namespace are bound to PORT.
udp_sockets() {
	awk -v p="$(printf ':%04X' "$1")" 'FNR > 1 && toupper(substr($2, length($2) - 4)) == p { n++ } END { print n + 0 }' \
		/proc/net/udp /proc/net/udp6
}
udp_623() { udp_sockets 623; }

lanctl set enabled on
[ "$(udp_623)" -ge 2 ] || fail "no sockets on port 623 after enabling"
new_ns other
ip netns exec "$NS_NAME" "$IPMI_LANCTL" set enabled on port 624

rmmod ipmi_lan || fail "rmmod failed"
[ "$(udp_623)" -eq 0 ] || fail "a socket on port 623 survived rmmod"
n=$(ip netns exec "$NS_NAME" awk 'FNR > 1 && toupper(substr($2, length($2) - 4)) == ":0270" { n++ } END { print n + 0 }' /proc/net/udp /proc/net/udp6)
[ "$n" -eq 0 ] || fail "a socket in the other namespace survived rmmod"
expect_fail lanctl show 2>/dev/null

insmod "$IPMI_LAN_KO" || fail "insmod after rmmod failed"
# A reloaded module starts disabled: nothing listens until configured.
[ "$(udp_623)" -eq 0 ] || fail "listening before being configured"
lanctl -j server show | jq -e '(.enabled | not) and (.listening | not) and .port == 623' >/dev/null ||
	fail "a fresh instance is not disabled with port 623"
lanctl set enabled on
rmcpping -c 1 127.0.0.1 | grep -q 'pong received' || fail "no pong after reload"
