#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A flood of Open Sessions from other addresses (another namespace) and
# from many ports of one address does not stop an ipmitool login from a
# third address. The floods are bounded in count and time.
#
#   flood ns (192.0.2.2-4) ---veth--- server ns (192.0.2.1, 198.51.100.1)
#                                          |
#                         client ns (198.51.100.2) ---veth
# timeout: 480
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

srv=$IPMI_LAN_NETNS
lanctl set enabled on
add_user 3 admin opensesame admin
new_ns flood
flood=$NS_NAME
veth_pair "$srv" "$flood" 192.0.2.1/24 192.0.2.2/24
ip -n "$flood" addr add 192.0.2.3/24 dev "$VETH_IF2"
ip -n "$flood" addr add 192.0.2.4/24 dev "$VETH_IF2"
new_ns client
client=$NS_NAME
veth_pair "$srv" "$client" 198.51.100.1/24 198.51.100.2/24

pids=()
for a in 192.0.2.2 192.0.2.2 192.0.2.2 192.0.2.2 192.0.2.3 192.0.2.4; do
	ip netns exec "$flood" "$RMCPP" -H 192.0.2.1 -b "$a" -T 20 flood 100000 \
		>"$IPMI_LAN_OUT/flood-$a-$RANDOM.log" 2>&1 &
	pids+=($!)
done
sleep 2
ok=0
for i in 1 2 3 4 5; do
	if ip netns exec "$client" timeout 20 ipmitool -I lanplus -H 198.51.100.1 \
		-U admin -P opensesame -C 17 mc info >/dev/null 2>&1; then
		ok=$((ok + 1))
	fi
done
for p in "${pids[@]}"; do
	wait "$p" || true
done
cat "$IPMI_LAN_OUT"/flood-*.log
lanctl stats show
[ "$ok" -eq 5 ] || fail "only $ok of 5 logins succeeded during the flood"
