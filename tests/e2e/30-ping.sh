#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The ASF presence ping gets a pong, from FreeIPMI's rmcpping, over
# loopback and over a veth pair from another namespace, IPv4 and IPv6.
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

stat() { lanctl -j stats show | python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# Not configured: nothing answers.
expect_fail rmcpping -c 1 127.0.0.1 >/dev/null 2>&1

lanctl set enabled on
rx0=$(stat '["rx_packets"]')
tx0=$(stat '["tx_packets"]')
out=$(rmcpping -c 3 127.0.0.1)
info "$out"
[ "$(echo "$out" | grep -c 'pong received')" -eq 3 ] || fail "rmcpping got no 3 pongs"
rmcpping -c 1 ::1 | grep -q 'pong received' || fail "no pong over IPv6"
[ $(($(stat '["rx_packets"]') - rx0)) -eq 4 ] || fail "rx_packets did not count 4 pings"
[ $(($(stat '["tx_packets"]') - tx0)) -eq 4 ] || fail "tx_packets did not count 4 pongs"

new_ns client
veth_pair "$IPMI_LAN_NETNS" "$NS_NAME" 192.0.2.1/24 192.0.2.2/24 2001:db8::1/64 2001:db8::2/64
ip netns exec "$NS_NAME" rmcpping -c 1 192.0.2.1 | grep -q 'pong received' ||
	fail "no pong over veth (IPv4)"
ip netns exec "$NS_NAME" rmcpping -c 1 2001:db8::1 | grep -q 'pong received' ||
	fail "no pong over veth (IPv6)"

# Listening on one address only: the other gets nothing.
lanctl set address 192.0.2.1
ip netns exec "$NS_NAME" rmcpping -c 1 192.0.2.1 | grep -q 'pong received' ||
	fail "no pong on the configured address"
expect_fail rmcpping -c 1 127.0.0.1 >/dev/null 2>&1
