#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bridging: targets 0x01, 0x72 and 0xff behind one address, each a system
# interface of its own. ipmitool -t reads a target's identity (answered by
# the module) and switches its power through a chassis consumer serving
# only that target's /dev/ipmiN, touching only that target's hooks;
# FreeIPMI's bridging gets the separate answer; a raw client sees the
# exact completion codes: 83h for no target, C1h from a target without a
# consumer, D4h for a USER session's power command, the embedded form for
# a user set to it, and CCh without the tracking bit (pyghmi's
# bridge_request: 72-pyghmi); a session's
# bridged requests in flight are bounded (C0h beyond). Deleting a target
# with its consumer attached is clean, and one with a request in flight
# answers it C3h at once; a stopped consumer's target answers C3h after
# the forward timeout while another target answers. Bridged twice (ipmitool -T -b -t): a target
# behind another, all three answers, or nested when embedded. A soak:
# three sessions polling 7 targets at once get every answer, each from its
# own target.
# timeout: 600
# expect: 200
# shares: targets (its targets take interface numbers 87-fleet needs)
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
# The consumers' status hooks start a shell, which can take more than the
# default 800 ms on a busy debug guest: C3h would fail the checks below.
lanctl set forward-timeout 5000
add_user 3 admin opensesame admin
add_user 4 bob bobpassword user
dir=$IPMI_LAN_OUT

info "targets"
lanctl target add 0x72 name node72 device-id 0x72 product 0x1234
lanctl target add 1
lanctl target add 0xff name last
out=$("$IPMI_LANCTL" target add 0x20 2>&1) && fail "0x20 was taken as a target: $out"
out=$("$IPMI_LANCTL" target add 0x72 2>&1) && fail "0x72 was added twice: $out"
echo "$out" | grep -q 'exists' || fail "no reason for the second 0x72: $out"
targets=$(lanctl -j target show)
[ "$(jq length <<<"$targets")" = 3 ] || fail "target show: $targets"
[ "$(jq -r '.[] | select(.addr == 114) | .name' <<<"$targets")" = node72 ] ||
	fail "target show: no node72: $targets"
for a in 1 114 255; do
	n=$(jq -r ".[] | select(.addr == $a) | .if_num" <<<"$targets")
	[ -c "/dev/ipmi$n" ] || fail "target $a has no /dev/ipmi$n: $targets"
done

# One consumer per target, each with its own hooks and power state.
serve() { # ADDR NAME
	local a=$1 t=$2
	power_hook "$dir/$t"
	printf 'power-on = %s\npower-off = %s\nstatus = test "$(cat %s)" = on\n' \
		"$dir/$t.sh" "$dir/$t.sh" "$dir/$t.state" >"$dir/$t.conf"
	"$IPMI_LANCTL" chassis serve target "$a" config "$dir/$t.conf" \
		>"$dir/$t.serve.log" 2>&1 &
}
serve 0x72 n72
pid72=$!
serve 1 n01
pid01=$!
retry 40 sh -c "grep -q 'serving /dev/ipmi' '$dir/n72.serve.log' && grep -q 'serving /dev/ipmi' '$dir/n01.serve.log'" ||
	fail "the consumers did not start: $(cat "$dir"/n*.serve.log)"
[ "$(lanctl -j forward show | jq '[.[] | select(.target == 114)] | length')" -gt 0 ] ||
	fail "no forward entry for 0x72: $(lanctl forward show)"

info "ipmitool -t"
it() { timeout 60 ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame "$@"; }
out=$(it -t 0x72 mc info) || fail "mc info -t 0x72: $out"
echo "$out" | grep -Eq 'Device ID +: 114' || fail "mc info -t 0x72: $out"
echo "$out" | grep -Eq 'Product ID +: 4660' || fail "mc info -t 0x72: $out"
out=$(it -t 0x72 power on) || fail "power on -t 0x72: $out"
# Chassis Control is answered once its hook has started: wait for it.
retry 20 grep -qx on "$dir/n72.state" || fail "0x72 is not on: $(cat "$dir/n72.hooks")"
[ ! -s "$dir/n01.hooks" ] || fail "0x01 ran hooks: $(cat "$dir/n01.hooks")"
it -t 0x72 power status | grep -q 'Chassis Power is on' || fail "power status -t 0x72"
it -t 1 power status | grep -q 'Chassis Power is off' || fail "power status -t 1"
out=$(it -t 0xff power status 2>&1) && fail "0xff has no consumer, yet: $out"

info "FreeIPMI"
# FreeIPMI takes "127.0.0.1" for the local (in-band) interface.
out=$(timeout 60 ipmi-raw -D LAN_2_0 -h 127.0.0.2 -u admin -p opensesame -l ADMIN \
	--target-channel-number=0 --target-slave-address=0x72 0 6 1 2>&1) ||
	fail "ipmi-raw bridged Get Device ID: $out"
echo "$out" | grep -q '^rcvd: 01 00 72 ' || fail "ipmi-raw bridged Get Device ID: $out"

info "completion codes"
raw() { "$RMCPP" -U "${U:-admin}" -P "${P:-opensesame}" -L "${L:-administrator}" -t 3000 "$@"; }
out=$(raw bridge 0x72 0 1) || fail "bridged chassis status: $out"
echo "$out" | grep -q '^send cc 00 data $' || fail "no bare Send Message response: $out"
echo "$out" | grep -Eq '^from 72 to 81 seq [0-9]+ cc 00 data 01' ||
	fail "no separate answer from 0x72: $out"
out=$(raw bridge 0x50 6 1) || fail "unknown target: $out"
echo "$out" | grep -q '^send cc 83' || fail "an unknown target is not 83h: $out"
out=$(raw bridge 0xff 0 1) || fail "no consumer: $out"
echo "$out" | grep -Eq '^from ff to 81 seq [0-9]+ cc c1' || fail "no consumer is not C1h: $out"
out=$(U=bob P=bobpassword L=user raw bridge 0x72 0 2 01) || fail "USER power on: $out"
echo "$out" | grep -Eq '^from 72 to 81 seq [0-9]+ cc d4' || fail "USER power on is not D4h: $out"
[ "$(grep -c on "$dir/n72.hooks")" = 1 ] || fail "USER switched power: $(cat "$dir/n72.hooks")"
# Without the tracking bit (channel byte 00), the answer could not come back.
out=$(raw raw 6 0x34 007218768104017a) || fail "untracked Send Message: $out"
echo "$out" | grep -q '^cc cc' || fail "an untracked Send Message is not CCh: $out"
lanctl user set 3 bridge embedded
out=$(raw bridge 0xff 6 1) || fail "embedded Get Device ID: $out"
# cc 00, then the target's response: to 81, netfn 07, from ff, cc 00, device ID 00
echo "$out" | grep -Eq '^send cc 00 data 811c63ff[0-9a-f]{2}010000' ||
	fail "no embedded answer: $out"
echo "$out" | grep -q '^from' && fail "a separate answer as well: $out"
lanctl user set 3 bridge separate
# A user set to "channel" follows the channel's default, both ways.
lanctl channel set bridge embedded
lanctl user set 3 bridge channel
[ "$(lanctl -j channel show | jq -r .bridge)" = embedded ] ||
	fail "channel show: no bridge embedded: $(lanctl channel show)"
[ "$(lanctl -j user show 3 | jq -r .bridge)" = channel ] ||
	fail "user show: no bridge channel: $(lanctl user show 3)"
out=$(raw bridge 0xff 6 1) || fail "Get Device ID, embedded by the channel: $out"
echo "$out" | grep -Eq '^send cc 00 data 811c63ff[0-9a-f]{2}010000' ||
	fail "no embedded answer by the channel's default: $out"
echo "$out" | grep -q '^from' && fail "a separate answer as well, by the channel's default: $out"
lanctl channel set bridge separate
out=$(raw bridge 0xff 6 1) || fail "Get Device ID, separate by the channel: $out"
echo "$out" | grep -q '^send cc 00 data $' ||
	fail "no bare Send Message response by the channel's default: $out"
echo "$out" | grep -Eq '^from ff to 81 seq [0-9]+ cc 00' ||
	fail "no separate answer by the channel's default: $out"

info "bridged twice"
# 0x80 is behind 0x72, on its channel 7: ipmitool -T 0x72 -b 7 -t 0x80.
# Separate: ours, the transit's and the target's answer, all naming the
# console's rqSeq; embedded: the target's inside the transit's inside ours.
lanctl target add 0x80 via 0x72 channel 7 device-id 0x80
[ "$(lanctl -j target show 0x80 | jq -c '[.via, .via_channel]')" = "[114,7]" ] ||
	fail "target show: no via: $(lanctl target show 0x80)"
out=$(it -T 0x72 -b 7 -t 0x80 mc info) || fail "mc info -T 0x72 -b 7 -t 0x80: $out"
echo "$out" | grep -Eq 'Device ID +: 128' || fail "mc info -T 0x72 -b 7 -t 0x80: $out"
out=$(raw bridge2 0x72 7 0x80 6 1) || fail "bridged twice: $out"
echo "$out" | grep -q '^send cc 00 data $' || fail "bridged twice, no bare first answer: $out"
echo "$out" | grep -Eq '^via 72 seq [0-9]+ cc 00 data $' || fail "no answer from the transit: $out"
echo "$out" | grep -Eq '^from 80 to 81 seq [0-9]+ cc 00 data 80' || fail "no answer from 0x80: $out"
out=$(raw bridge2 0x72 6 0x80 6 1) || fail "wrong transit channel: $out"
echo "$out" | grep -Eq '^via 72 seq [0-9]+ cc 83' || fail "wrong channel is not 83h from the transit: $out"
out=$(raw bridge 0x80 6 1) || fail "0x80 straight: $out"
echo "$out" | grep -q '^send cc 83' || fail "a target behind a transit answered on channel 0: $out"
lanctl user set 3 bridge embedded
out=$(raw bridge2 0x72 7 0x80 6 1) || fail "bridged twice, embedded: $out"
echo "$out" | grep -Eq '^send cc 00 data 811c6372[0-9a-f]{2}3400201cc480[0-9a-f]{2}010080' ||
	fail "bridged twice, not nested: $out"
lanctl user set 3 bridge separate
lanctl target del 0x80

info "bounds"
# Forward entries without a consumer: bridged requests stay in flight
# until forward-timeout. A session may have 8 in flight per target and
# 32 over all targets: of 40 sent round five targets, 8 get C0h at once.
for a in 0x10 0x12 0x14 0x16; do lanctl target add $a; done
for a in 0x10 0x12 0x14 0x16 0xff; do lanctl forward add netfn chassis cmd 1 target $a; done
lanctl set forward-timeout 3000
out=$(raw -T 20 bridge-burst 40 4500 0x10 0x12 0x14 0x16 0xff) || fail "bridge-burst: $out"
[ "$out" = "acks 40 busy 8 timeouts 32 other 0" ] || fail "in-flight bounds: $out"
lanctl set forward-timeout 5000
for a in 0x10 0x12 0x14 0x16; do lanctl target del $a; done
lanctl forward del netfn chassis cmd 1 target 0xff

info "soak"
# Three sessions poll 7 targets in parallel for a bounded time, each in
# its own order: every answer must come from the target it was sent to,
# for that request (bridge-soak checks the rqSeq and that the device ID is
# the target's address), and none may be lost.
soak=(0x72)
for a in $(seq 48 53); do
	lanctl target add "$a" device-id "$a"
	soak+=("$a")
done
soakers=()
for j in 1 2 3; do
	raw -t 10000 bridge-soak 6 400 "${soak[@]:j}" "${soak[@]:0:j}" >"$dir/soak$j.out" 2>&1 &
	soakers+=($!)
done
wait "${soakers[@]}"
for j in 1 2 3; do
	read -r _ sent _ ok _ wrong _ lost <"$dir/soak$j.out" ||
		fail "soak $j: $(cat "$dir/soak$j.out")"
	[ "$sent" -ge 7 ] && [ "$ok" = "$sent" ] && [ "$wrong" = 0 ] && [ "$lost" = 0 ] ||
		fail "soak $j: $(cat "$dir/soak$j.out")"
done
info "soak: $(cat "$dir"/soak?.out | tr '\n' ';')"
for a in $(seq 48 53); do lanctl target del "$a"; done

info "a stopped consumer"
# 0x72's consumer stopped: its request gets C3h after forward-timeout,
# and 0x01 (another process) answers meanwhile.
lanctl set forward-timeout 4000
kill -STOP "$pid72"
raw -t 8000 bridge 0x72 0 1 >"$dir/stopped.out" 2>&1 &
spid=$!
out=$(raw bridge 1 0 1) || fail "0x01 while 0x72's consumer is stopped: $out"
echo "$out" | grep -Eq '^from 01 to 81 seq [0-9]+ cc 00 data' || fail "0x01 while 0x72's consumer is stopped: $out"
kill -0 "$spid" 2>/dev/null || fail "0x72 was answered before 0x01: $(cat "$dir/stopped.out")"
wait "$spid" || true
grep -Eq '^from 72 to 81 seq [0-9]+ cc c3' "$dir/stopped.out" ||
	fail "a stopped consumer is not C3h: $(cat "$dir/stopped.out")"
kill -CONT "$pid72"

info "delete"
# 0x72 with a request in flight and its consumer stopped, holding its
# /dev/ipmiN: the console hears C3h from the deletion, well before the
# forward timeout; the consumer sees its device go when it runs again.
lanctl set forward-timeout 10000
kill -STOP "$pid72"
n0=$(lanctl -j target show 0x72 | jq '.stats.fwd_requests')
raw -t 8000 bridge 0x72 0 1 >"$dir/inflight.out" 2>&1 &
rpid=$!
retry 40 sh -c '[ "$("$1" -j target show 0x72 | jq .stats.fwd_requests)" -gt "$2" ]' _ "$IPMI_LANCTL" "$n0" ||
	fail "the request to 0x72 was not forwarded"
lanctl target del 0x72
wait "$rpid" || true
grep -Eq '^from 72 to 81 seq [0-9]+ cc c3' "$dir/inflight.out" ||
	fail "in flight at deletion: $(cat "$dir/inflight.out")"
kill -CONT "$pid72"
retry 40 grep -q 'gone' "$dir/n72.serve.log" || fail "the consumer of 0x72 did not notice: $(cat "$dir/n72.serve.log")"
lanctl set forward-timeout 5000
lanctl target del 1
retry 40 grep -q 'gone' "$dir/n01.serve.log" || fail "the consumer of 0x01 did not notice: $(cat "$dir/n01.serve.log")"
out=$(raw bridge 1 0 1) || fail "deleted target: $out"
echo "$out" | grep -q '^send cc 83' || fail "a deleted target is not 83h: $out"
kill "$pid72" "$pid01"
wait "$pid72" "$pid01" 2>/dev/null
lanctl target del 0xff
[ "$(lanctl -j target show | jq length)" = 0 ] || fail "targets left: $(lanctl target show)"
info finished
