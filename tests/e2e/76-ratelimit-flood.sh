#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ASF presence pings from 4096 spoofed IPv4 sources (198.18.0.0/20), each
# back well within a second, keep every bucket of the pre-session rate
# limiter busy; ipmitool logins from a fresh address still succeed during
# the flood (a newcomer evicts the least recently used bucket of its set
# instead of being refused). The flood is bounded in count and time.
#
#   flood ns (192.0.2.2, sends as 198.18.0.0/20) ---veth--- server ns
#   client ns (198.51.100.2) ---veth--- server ns (192.0.2.1, 198.51.100.1)
# timeout: 240
# exclusive: floods the server at 5000 packets/s, which must not be starved
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

SPOOF=$IPMI_LAN_TOP/tests/tools/rmcpp/spoof-ping
SOURCES=4096		# 16 per set of the limiter's 256 sets of 4
RATE=5000		# so that each source is back every 0.82 s
FULL=$((2 * SOURCES))	# flood packets the server sees before the logins
LOGINS=3
if [ "$IPMI_LAN_KERNEL" = debug ]; then
	# KASAN, lockdep and kmemleak under TCG take a few hundred packets a
	# second: the flood still fills every set, but more slowly, and a
	# login takes over 10 s. One login shows the path is clean.
	RATE=400 FULL=$SOURCES LOGINS=1
fi

srv=$IPMI_LAN_NETNS
lanctl set enabled on
add_user 3 admin opensesame admin
new_ns flood
flood=$NS_NAME
veth_pair "$srv" "$flood" 192.0.2.1/24 192.0.2.2/24
srv_if=$VETH_IF1
new_ns client
client=$NS_NAME
veth_pair "$srv" "$client" 198.51.100.1/24 198.51.100.2/24
# Accept the spoofed sources. There is no route back to them: the pongs
# are dropped by the server as "reply not routed" (tx_error).
sysctl -qw net.ipv4.conf.all.rp_filter=0 "net.ipv4.conf.$srv_if.rp_filter=0"

# counters: "rx_packets ratelimited tx_error" of this namespace's server
# (awk on the text output: cheaper than python3 in the guest).
counters() {
	lanctl stats show | awk '$1 == "rx-packets" { rx = $2 }
		$1 == "ratelimited" { rl = $2 } $1 == "tx-error" { n = $2 }
		END { print rx + 0, rl + 0, n + 0 }'
}
read -r rx0 rl0 tx0 <<<"$(counters)"

ip netns exec "$flood" "$SPOOF" -r "$RATE" -n 600000 -s 120 198.18.0.0/20 \
	192.0.2.1 >"$IPMI_LAN_OUT/flood.log" 2>&1 &
fpid=$!
# stop_flood: stop the sender (it prints its counts) and wait for it.
stop_flood() {
	kill -TERM "$fpid" 2>/dev/null || true
	wait "$fpid" || fail "the flood sender failed: $(cat "$IPMI_LAN_OUT/flood.log")"
	cat "$IPMI_LAN_OUT/flood.log"
}
# Wait (60 s at most) until the server has seen FULL flood packets: the
# table is full, and stays so.
end=$((SECONDS + 60))
while read -r rx _ <<<"$(counters)" && [ $((rx - rx0)) -lt "$FULL" ]; do
	if [ "$SECONDS" -ge "$end" ]; then
		stop_flood
		fail "the server saw $((rx - rx0)) flood packets in 60 s, not $FULL"
	fi
	sleep 0.5
done
info "flood going: $(counters) (rx ratelimited tx_error)"

ok=0
start=$SECONDS
for ((i = 1; i <= LOGINS; i++)); do
	if ! ip netns exec "$client" timeout 20 ipmitool -I lanplus \
		-H 198.51.100.1 -U admin -P opensesame -C 17 mc info >/dev/null 2>&1; then
		info "login $i failed"
		break
	fi
	ok=$((ok + 1))
done
info "$ok logins in $((SECONDS - start)) s"
alive=0
kill -0 "$fpid" 2>/dev/null && alive=1
stop_flood
read -r rx1 rl1 tx1 <<<"$(counters)"
lanctl stats show

read -r sent srcs rate <<<"$(awk '$1 == "sent" { n = $2 } $1 == "sources" { s = $2 }
	$1 == "rate" { r = $2 } END { print n + 0, s + 0, r + 0 }' "$IPMI_LAN_OUT/flood.log")"
rx=$((rx1 - rx0))
pings=$((rl1 - rl0 + tx1 - tx0))
info "sent $sent from $srcs sources at $rate/s; server: rx $rx, ratelimited + tx_error $pings"
[ "$alive" -eq 1 ] || fail "the flood ended before the logins did"
[ "$srcs" -eq "$SOURCES" ] || fail "the flood used $srcs sources, not $SOURCES"
[ "$sent" -ge "$FULL" ] || fail "the flood sent only $sent packets"
# Every source back within a refill (1 s): the flood that kept every
# bucket busy. Not on the debug kernel, too slow for it.
[ "$IPMI_LAN_KERNEL" = debug ] || [ "$rate" -ge "$SOURCES" ] ||
	fail "the flood ran at $rate packets/s, less than one per source and second"
# Nearly every flood packet reached the server and was handled as a ping:
# refused by the limiter, or answered into the void.
[ $((rx * 10)) -ge $((sent * 9)) ] || fail "the server received $rx of $sent packets"
[ $((pings * 10)) -ge $((sent * 9)) ] ||
	fail "only $pings of $sent pings were rate limited or answered"
[ "$ok" -eq "$LOGINS" ] || fail "only $ok of $LOGINS logins succeeded during the flood"
