#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The system interface: /dev/ipmiN requests answered by the module on the
# same users and channel that netlink sees (ipmitool -I open), LAN
# commands forwarded to a registered program and its replies back to the
# right session, and every edge: privilege before forwarding, C1h at once
# for what nobody serves, C3h for a slow consumer, retransmissions
# absorbed, replies for closed sessions and unknown handles; sessions and
# SoL as events on /dev/ipmiN. Local bridging (ipmitool -I open -t)
# reaches a target's consumer, its identity, and the handler's retries
# are absorbed. (Detach and rmmod under its users: 12-smi-reload.)
# timeout: 600
# expect: 270
# serial: smi (there is one system interface, and this test moves it here)
# shares: targets (its targets take interface numbers 87-fleet needs)
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
add_user 3 admin opensesame admin
add_user 4 bob bobpassword user
smi_here
info "system interface: $SMI_DEV"
lanctl show | grep -q "smi /dev/ipmi$SMI_N" || fail "show does not report $SMI_DEV"

io() { timeout 20 ipmitool -I open -d "$SMI_N" "$@"; }

# --- local bridging: ipmitool -I open -t -------------------------------------
# A program on the board reaches target 0x72 through the BMC's interface.
# Its consumer's status hook takes longer than the handler waits before
# it sends the Send Message again: the retries are absorbed, so the hook
# runs once. The handler's retry time goes down to 500 ms for this part,
# so that a request to no target gives up in seconds (83h, retried).
# First in this test: ipmitool -I open takes the handler's queued events
# (session audit, msgid 0) for answers when its request's msgid is 0.
info "local bridging"
retry_ms=/sys/module/ipmi_msghandler/parameters/default_retry_ms
old_retry=$(cat "$retry_ms")
echo 500 >"$retry_ms"
lanctl set forward-timeout 4000
lanctl target add 0x72 name node72 device-id 0x72 product 0x1234
lb=$IPMI_LAN_OUT/lb
power_hook "$lb"
printf 'power-on = %s\nstatus = echo status >>%s; sleep 1.3; test "$(cat %s)" = on\nstatus-timeout = 3000\n' \
	"$lb.sh" "$lb.hooks" "$lb.state" >"$lb.conf"
"$IPMI_LANCTL" chassis serve target 0x72 config "$lb.conf" >"$lb.serve.log" 2>&1 &
lb_pid=$!
(io -t 0x74 mc info >"$lb.none.out" 2>&1 && echo answered >>"$lb.none.out"; true) &
none_pid=$!
retry 40 grep -q 'serving /dev/ipmi' "$lb.serve.log" ||
	fail "the consumer of 0x72 did not start: $(cat "$lb.serve.log")"
out=$(io -t 0x72 mc info) || fail "ipmitool -I open -t 0x72 mc info: $out"
echo "$out" | grep -Eq 'Device ID +: 114' || fail "mc info -t 0x72: $out"
echo "$out" | grep -Eq 'Product ID +: 4660' || fail "mc info -t 0x72: $out"
out=$(io -t 0x72 power on) || fail "ipmitool -I open -t 0x72 power on: $out"
retry 20 grep -qx on "$lb.state" || fail "0x72 is not on: $(cat "$lb.hooks")"
out=$(io -t 0x72 power status) || fail "power status -t 0x72: $out"
echo "$out" | grep -q 'Chassis Power is on' || fail "power status -t 0x72: $out"
[ "$(grep -c status "$lb.hooks")" = 1 ] ||
	fail "the status hook did not run once: $(cat "$lb.hooks")"
stats72=$(lanctl -j target show 0x72)
[ "$(jq '(if type == "array" then .[0] else . end).stats.fwd_absorbed' <<<"$stats72")" -ge 1 ] ||
	fail "the handler's retries were not absorbed: $stats72"
io mc info | grep -q 'Device ID *: 32' || fail "the BMC itself is not answered any more"
wait "$none_pid"
! grep -q answered "$lb.none.out" && grep -qi timeout "$lb.none.out" ||
	fail "a target that is not there: $(cat "$lb.none.out")"
kill "$lb_pid"
wait "$lb_pid" 2>/dev/null || true
lanctl target del 0x72
echo "$old_retry" >"$retry_ms"
lanctl set forward-timeout 800

# --- local requests: one source of truth with netlink ------------------------
lanctl set product 0x4c41 >/dev/null
out=$(io mc info) || fail "ipmitool -I open mc info: $out"
echo "$out" | grep -q 'IPMI Version *: 2.0' || fail "mc info: $out"
echo "$out" | grep -qi 'Product ID *: 19521' || fail "mc info does not show the product set over netlink: $out"
out=$(io channel info 1) || fail "channel info 1: $out"
echo "$out" | grep -q '802.3 LAN' || fail "channel info 1: $out"
out=$(io user list 1) || fail "user list 1: $out"
echo "$out" | grep -q admin && echo "$out" | grep -q bob || fail "user list 1: $out"
io user set name 5 alice >/dev/null || fail "user set name over /dev/ipmi"
lanctl -j user show 5 | grep -q '"alice"' || fail "netlink does not see the name set locally"
io user set password 5 alicepassword >/dev/null || fail "user set password over /dev/ipmi"
io user priv 5 2 1 >/dev/null || fail "user priv over /dev/ipmi"
io user enable 5 >/dev/null || fail "user enable over /dev/ipmi"
timeout 30 ipmitool -I lanplus -H 127.0.0.1 -U alice -P alicepassword -L USER mc info >/dev/null ||
	fail "a user made through /dev/ipmi cannot log in over LAN"
# A session seen from the board: keep one open while asking. It is held
# until asked (a login alone can take seconds on the debug kernel), then
# the shell is told to exit.
hold=$(mktemp -u)
mkfifo "$hold"
(echo "mc guid"; read -r _ <"$hold"; echo exit) |
	timeout 60 ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame shell >/dev/null 2>&1 &
retry 40 sh -c "'$IPMI_LANCTL' -j session show | grep -q handle" || fail "the LAN session did not come up"
out=$(io session info all) || fail "session info all: $out"
timeout 10 sh -c 'echo go >"$1"' _ "$hold" || true
wait
rm -f "$hold"
echo "$out" | grep -q 'user id *: 3' || fail "session info all shows no LAN session: $out"
[ "$(stat local_requests)" -gt 5 ] || fail "local requests are not counted"

# --- forwarding -------------------------------------------------------------
# One consumer process for every phase (Python starts once): consume NAME
# ARGS... runs a phase with ipmi_consumer.py's options, its lines in
# $IPMI_LAN_OUT/NAME.log, and waits until it is registered; consumed NAME
# waits for the phase's end.
cfifo=$(mktemp -u)
mkfifo "$cfifo"
"$CONSUMER" --serve "$SMI_DEV" <"$cfifo" >"$IPMI_LAN_OUT/consumer.log" 2>&1 &
CONSUMER_PID=$!
exec 9>"$cfifo"
rm -f "$cfifo"
consume() {
	local log=$IPMI_LAN_OUT/$1.log
	shift
	rm -f "$log"
	echo "$log $*" >&9
	retry 40 grep -q ready "$log" 2>/dev/null ||
		fail "consumer did not start: $(cat "$IPMI_LAN_OUT/consumer.log")"
}
consumed() {
	retry 60 grep -q '^end' "$IPMI_LAN_OUT/$1.log" ||
		fail "consumer phase $1 did not end: $(cat "$IPMI_LAN_OUT/consumer.log")"
}
rc() { "$RMCPP" -H 127.0.0.1 -U admin -P opensesame -C 17 "$@"; }
rcu() { "$RMCPP" -H 127.0.0.1 -U bob -P bobpassword -C 17 -L user "$@"; }

# Nothing in the forward table: C1h at once, nothing reaches the handler.
out=$(rc -t 500 raw 0 1) || fail "no answer for an unforwarded command"
echo "$out" | grep -q '^cc c1' || fail "unforwarded command: $out"

lanctl forward add netfn chassis cmd 1 || fail "forward add"
lanctl forward add netfn chassis cmd 2 || fail "forward add"
lanctl forward add netfn 0x30 cmd 0x42 privilege user || fail "forward add"
lanctl forward show | grep -q operator || fail "forward show: Chassis Control is not operator"
consume c1 0:1,0:2,0x30:0x42 --count 3 --timeout 20
# -t 1000: answered within the second after which clients retransmit.
out=$(rc -t 1000 raw 0 1) || fail "forwarded Get Chassis Status: no reply"
echo "$out" | grep -q '^cc 00 data aa$' || fail "forwarded reply: $out"
out=$(rc -t 1000 raw 0x30 0x42 0102) || fail "forwarded OEM command: no reply"
echo "$out" | grep -q '^cc 00 data aa0102$' || fail "forwarded reply with data: $out"
# USER cannot run Chassis Control: D4h from the module, the consumer never sees it.
out=$(rcu -t 1000 raw 0 2 01)
echo "$out" | grep -q '^cc d4' || fail "USER Chassis Control: $out"
out=$(rcu -t 1000 raw 0x30 0x42) || fail "USER OEM command with privilege user"
echo "$out" | grep -q '^cc 00' || fail "USER OEM command: $out"
consumed c1
cat "$IPMI_LAN_OUT/c1.log"
grep -q 'cmd netfn=00 cmd=01 chan=1 priv=4 .* swid=81' "$IPMI_LAN_OUT/c1.log" ||
	fail "the consumer did not get the LAN address (channel 1, admin, SWID 81h)"
grep -q 'cmd netfn=30 cmd=42 chan=1 priv=2 .*data=$' "$IPMI_LAN_OUT/c1.log" ||
	fail "the USER session's request did not carry privilege 2"
grep -q 'netfn=00 cmd=02' "$IPMI_LAN_OUT/c1.log" && fail "a USER Chassis Control reached the consumer"
[ "$(grep -c '^rsp cc=00' "$IPMI_LAN_OUT/c1.log")" = 3 ] || fail "replies not acknowledged with cc 00"

# Forwarded, but nobody registered: C3h, before the client retransmits.
lanctl forward add netfn chassis cmd 0x0f
t0=$(now_ms)
out=$(rc -t 1000 raw 0 0x0f) || fail "no answer for a forwarded command nobody serves"
echo "$out" | grep -q '^cc c3' || fail "forwarded command with no consumer: $out"
info "C3h after $(( $(now_ms) - t0 )) ms including the login"

# A slow consumer: C3h, then its late reply is dropped and counted, and
# the consumer hears an error completion.
n0=$(stat fwd_unmatched)
consume c2 0:1 --delay 1500 --count 1 --timeout 20
out=$(rc -t 1000 raw 0 1) || fail "slow consumer: no C3h"
echo "$out" | grep -q '^cc c3' || fail "slow consumer: $out"
consumed c2
cat "$IPMI_LAN_OUT/c2.log"
grep -q '^rsp cc=\(d5\|80\)' "$IPMI_LAN_OUT/c2.log" || fail "a late reply got no error completion"
[ "$(stat fwd_unmatched)" -gt "$n0" ] || fail "the late reply was not counted"

# A retransmission while the request is in flight is absorbed: ipmitool
# retransmits after 1 s, the consumer answers after 1.5 s and must have
# seen the request once.
lanctl set forward-timeout 4000
n0=$(stat fwd_absorbed)
consume c3 0:1 --delay 1500 --count 1 --timeout 20
out=$(timeout 30 ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame -N 1 -R 4 raw 0 1) ||
	fail "ipmitool through a slow consumer: $out"
echo "$out" | grep -qi 'aa' || fail "ipmitool did not get the consumer's data: $out"
consumed c3
cat "$IPMI_LAN_OUT/c3.log"
[ "$(grep -c '^cmd ' "$IPMI_LAN_OUT/c3.log")" = 1 ] || fail "a retransmission was forwarded again"
[ "$(stat fwd_absorbed)" -gt "$n0" ] || fail "no absorbed retransmission counted"

# The session closes while its request is in flight: the reply is dropped
# and the consumer hears 80h (no such session). A reply to a handle no
# session has gets 80h too. The consumer answers after 3 s (below the
# 4 s forward timeout): the client's 300 ms and lanctl's start must fit
# before it on a busy debug guest (1.5 s did not, once).
add_user 6 carol carolpassword admin
consume c4 0:1 --delay 3000 --count 1 --timeout 20
"$RMCPP" -H 127.0.0.1 -U carol -P carolpassword -C 17 -t 300 raw 0 1 >/dev/null 2>&1 || true
lanctl user del 6
consumed c4
cat "$IPMI_LAN_OUT/c4.log"
grep -q '^rsp cc=80' "$IPMI_LAN_OUT/c4.log" || fail "a reply for a closed session was not refused with 80h"
lanctl set forward-timeout 800
consume c5 0:1 --handle 63 --count 1 --timeout 20
out=$(rc -t 1000 raw 0 1)
echo "$out" | grep -q '^cc c3' || fail "a reply to the wrong handle reached the session: $out"
consumed c5
grep -q '^rsp cc=80' "$IPMI_LAN_OUT/c5.log" || fail "a reply to an unknown handle was not refused with 80h"

# The consumer's last phase is over: it goes (the detach and the reloads
# with a consumer holding /dev/ipmiN are 12-smi-reload's). A fresh
# interface for the events: the handler keeps the events nobody took yet
# (the logins above) for the first program that asks.
exec 9>&-
kill "$CONSUMER_PID" 2>/dev/null || true
wait "$CONSUMER_PID" 2>/dev/null || true
lanctl smi detach || fail "smi detach"
smi_here

# --- events: sessions and SoL, as Session Audit records on /dev/ipmiN --------
# A program that takes events sees a login and a SoL: session activated
# (sensor 1, offset 0), SoL activated (sensor 2), SoL deactivated by the
# console's Deactivate (offset 1, cause 01b), session closed (cause 01b).
python3 "$IPMI_LAN_TOP/tests/e2e/ipmi-events.py" "$SMI_DEV" 4 120 \
	>"$IPMI_LAN_OUT/events.out" 2>&1 &
epid=$!
retry 40 grep -q ready "$IPMI_LAN_OUT/events.out" || fail "the event reader did not start"
python3 "$IPMI_LAN_TOP/tests/e2e/sol-host.py" ipmitool "$IPMI_LANCTL" \
	-I lanplus -H 127.0.0.1 -U admin -P opensesame || fail "sol activate for events"
wait $epid || fail "events: $(cat "$IPMI_LAN_OUT/events.out")"
cat "$IPMI_LAN_OUT/events.out"
# record: id(2) 02 time(4) 20 10 04 2a SENSOR 6f ED1 ED2(user) ED3
mapfile -t ev <<<"$(sed -n 's/^event //p' "$IPMI_LAN_OUT/events.out" | cut -c15-32)"
want=(2010042a016ff00301 2010042a026ff00301 2010042a026ff10311 2010042a016ff10311)
for i in 0 1 2 3; do
	[ "${ev[i]:-}" = "${want[i]}" ] || fail "event $i: ${ev[i]:-none}, not ${want[i]}"
done
