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
# exclusive: floods the server, and its logins must not starve for other tests
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

# counters: "rx_packets ratelimited busy" of this namespace's server
# (awk on the text output: cheaper than python3 in the guest).
counters() {
	lanctl stats show | awk '$1 == "rx-packets" { rx = $2 }
		$1 == "ratelimited" { rl = $2 } $1 == "busy" { n = $2 }
		END { print rx + 0, rl + 0, n + 0 }'
}
read -r rx0 rl0 busy0 <<<"$(counters)"

pids=()
for a in 192.0.2.2 192.0.2.2 192.0.2.2 192.0.2.2 192.0.2.3 192.0.2.4; do
	ip netns exec "$flood" "$RMCPP" -H 192.0.2.1 -b "$a" -T 20 flood 100000 \
		>"$IPMI_LAN_OUT/flood-$a-${#pids[@]}.log" 2>&1 &
	pids+=($!)
done
sleep 2
# flooding: whether a flood client is still running.
flooding() {
	local p

	for p in "${pids[@]}"; do
		kill -0 "$p" 2>/dev/null && return 0
	done
	return 1
}
ok=0 during=0
for i in 1 2 3 4 5; do
	if ip netns exec "$client" timeout 20 ipmitool -I lanplus -H 198.51.100.1 \
		-U admin -P opensesame -C 17 mc info >/dev/null 2>&1; then
		ok=$((ok + 1))
		if flooding; then during=$((during + 1)); fi
	fi
done
for p in "${pids[@]}"; do
	wait "$p" || fail "a flood client failed (see $IPMI_LAN_OUT/flood-*.log)"
done
read -r rx1 rl1 busy1 <<<"$(counters)"
lanctl stats show

# Each client ends with how many Open Sessions it sent ("sent N").
sent=0
for f in "$IPMI_LAN_OUT"/flood-*.log; do
	grep -v '^progress ' "$f"
	n=$(awk '$1 == "sent" { n = $2 } END { print n + 0 }' "$f")
	[ "$n" -ge 500 ] || fail "$(basename "$f"): sent only $n Open Sessions"
	sent=$((sent + n))
done
rx=$((rx1 - rx0))
refused=$((rl1 - rl0 + busy1 - busy0))
info "flood: sent $sent; server: rx $rx, ratelimited + busy $refused; $during logins ended during it"
[ "$ok" -eq 5 ] || fail "only $ok of 5 logins succeeded during the flood"
# On the debug kernel a login under this flood takes most of its 20 s.
[ "$during" -ge 1 ] || [ "$IPMI_LAN_KERNEL" = debug ] ||
	fail "the flood was over before the first login ended"
# The server received the flood (a slow kernel drops some of it in the
# receive backlog)...
[ $((rx * 4)) -ge "$sent" ] || fail "the server received $rx of $sent packets"
# ...and refused all but what the limiter allows three sources in the
# at most 22 s of the flood (burst 40, 40/s each), the logins aside.
allow=$((3 * (40 + 40 * 22) + 500))
[ "$refused" -ge $((rx - allow)) ] ||
	fail "only $refused of $rx packets were rate limited or refused as busy"
