#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The ASF presence ping gets a pong, from FreeIPMI's rmcpping, over
# loopback and over a veth pair from another namespace, IPv4 and IPv6.
# timeout: 480
# expect: 39
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"


# Not configured: nothing answers.
expect_fail rmcpping -c 1 -t 2 127.0.0.1 >/dev/null 2>&1

lanctl set enabled on
rx0=$(stat rx_packets)
tx0=$(stat tx_packets)
out=$(rmcpping -c 3 127.0.0.1)
info "$out"
[ "$(echo "$out" | grep -c 'pong received')" -eq 3 ] || fail "rmcpping got no 3 pongs"
rmcpping -c 1 ::1 | grep -q 'pong received' || fail "no pong over IPv6"
[ $(($(stat rx_packets) - rx0)) -eq 4 ] || fail "rx_packets did not count 4 pings"
[ $(($(stat tx_packets) - tx0)) -eq 4 ] || fail "tx_packets did not count 4 pongs"

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
expect_fail rmcpping -c 1 -t 2 127.0.0.1 >/dev/null 2>&1

# Pre-session answers are rate limited per source: 200 pings at once get
# about the burst (40) answered, and the rest are counted.
lanctl set address any
n0=$(stat_drop ratelimited)
# (rmcpp-client ping: 200 at once, then pongs counted for 1.5 s.)
got=$("$RMCPP" -t 1500 ping 200 | awk '$1 == "pongs" { print $2 }')
n1=$(stat_drop ratelimited)
info "answered $got of 200, rate limited $((n1 - n0))"
[ "$got" -ge 30 ] && [ "$got" -le 150 ] || fail "$got of 200 pings answered"
[ $((n1 - n0)) -ge 50 ] || fail "rate limiting not counted"
