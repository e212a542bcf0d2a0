#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Session-layer attacks with the project's raw RMCP+ client: replay, flag
# downgrades, RAKP out of order, the CVE-2021-39296 sequence, sequence
# numbers across the wrap, status codes, and a USER-capped suite without
# integrity that cannot raise its privilege.
# timeout: 480
# expect: 119
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
add_user 3 admin opensesame admin
rc() { "$RMCPP" -H 127.0.0.1 -U admin -P opensesame -t 500 "$@"; }

for suite in 3 17; do
	rc -C $suite login | grep -q "suite $suite privilege administrator" || fail "login suite $suite"
	n0=$(stat_drop window)
	rc -C $suite replay | grep -q 'replay dropped' || fail "a replayed packet was answered (suite $suite)"
	[ "$(stat_drop window)" -gt "$n0" ] || fail "the replay was not counted as a window drop"
	n0=$(stat_drop downgrade)
	rc -C $suite flip-auth | grep -q dropped || fail "flip-auth answered (suite $suite)"
	rc -C $suite flip-encrypt | grep -q dropped || fail "flip-encrypt answered (suite $suite)"
	[ "$(stat_drop downgrade)" -ge $((n0 + 2)) ] || fail "downgrades not counted"
	rc -C $suite seq 0xfffffff0 | grep -q '^ok' || fail "sequence numbers across the wrap (suite $suite)"
done

out=$(rc -C 17 rakp3-first)
info "$out"
echo "$out" | grep -q 'rakp4 status 0x02' || fail "RAKP3 before RAKP1: $out"
out=$(rc -C 17 setpriv-before-rakp3) || fail "answered before RAKP3: $out"
info "$out"
# In-session packets naming a pending session (after Open Session, after
# RAKP2): IPMI and every handshake payload type, unauthenticated as a
# pending session's zero keys would allow. Dropped and counted, never
# answered.
n0=$(stat_drop state)
out=$(rc -C 17 -t 300 pending-payloads) || fail "a pending session answered in-session packets: $out"
info "$out"
[ "$(stat_drop state)" -ge $((n0 + 10)) ] || fail "in-session packets to pending sessions not counted as state drops"

# Status codes.
out=$(rc -C 17 -P wrongpassword rakp-status)
echo "$out" | grep -q 'rakp4 status 0x0f' || fail "bad RAKP3 auth code: $out"
out=$("$RMCPP" -H 127.0.0.1 -U nobody -P x -C 17 rakp-status)
echo "$out" | grep -q 'rakp2 status 0x0d' || fail "unknown user: $out"
out=$(rc -C 1 open-only)
echo "$out" | grep -q 'status 0x11' || fail "disabled suite 1: $out"

# Raw command results inside a session.
rc -C 17 raw 6 1 | grep -q '^cc 00 data 20' || fail "Get Device ID"
rc -C 17 raw 0x2c 0 00 | grep -q '^cc c1' || fail "PICMG probe is not C1h"
rc -C 17 raw 0x2c 0x3e 0002 | grep -q '^cc c1' || fail "HPM.2 probe is not C1h"
rc -C 17 raw 0 1 | grep -q '^cc c1' || fail "an unimplemented command is not C1h"
rc -C 17 -L user raw 6 0x45 0541414141000000000000000000000000 | grep -q '^cc d4' ||
	fail "Set User Name at USER privilege is not D4h"

# A suite without integrity is capped at USER: no ADMIN, even when asked,
# and it cannot be configured higher.
for sp in 1:operator 6:administrator 15:oem; do
	out=$(lanctl channel set suite-privilege "$sp" 2>&1) && fail "suite-privilege $sp accepted"
	echo "$out" | grep -q 'without integrity (1, 6, 15) are capped at user' ||
		fail "suite-privilege $sp: no clear error: $out"
done
lanctl -j channel show |
	jq -e '.suite_privilege | [.["1"], .["6"], .["15"]] == ["user", "user", "user"]' >/dev/null ||
	fail "a refused suite privilege changed the channel"
lanctl channel set suite-privilege 1:callback,1:user 2>/dev/null && fail "a suite listed twice was accepted"
lanctl channel set suite-privilege 1:callback || fail "suite 1 lowered to callback"
lanctl channel set suite-privilege 1:user || fail "suite 1 back to user"
lanctl channel set suites 1,3,17
out=$(rc -C 1 -L administrator login 2>&1) && fail "suite 1 reached ADMIN: $out"
rc -C 1 -L user raw 6 1 | grep -q '^cc 00' || fail "suite 1 at USER"
out=$(rc -C 1 -L user raw 6 0x3b 04)
echo "$out" | grep -q '^cc 8[01]' || fail "suite 1 raised its privilege: $out"

# wait_first LOG PID: until the retransmit client PID has logged its first
# reply in LOG (or ended), at most 20 s.
wait_first() {
	for _ in $(seq 1 400); do
		[[ $(<"$1") == *first* ]] && return
		kill -0 "$2" 2>/dev/null || return
		sleep 0.05
	done
}

# The session of a client that waits is listed by ipmi-lanctl (the client
# pauses until this test says so: the file "go").
lanctl channel set suites 3,17
rm -f "$IPMI_LAN_OUT/go"
RMCPP_PAUSE_MS=30000 RMCPP_PAUSE_FILE=$IPMI_LAN_OUT/go rc -C 17 retransmit 6 1 \
	>"$IPMI_LAN_OUT/ls.log" 2>&1 &
ls_pid=$!
wait_first "$IPMI_LAN_OUT/ls.log" $ls_pid
sessions=$(lanctl -j session show)
: >"$IPMI_LAN_OUT/go"
wait "$ls_pid" || fail "a paused client: $(cat "$IPMI_LAN_OUT/ls.log")"
echo "$sessions" | jq -e 'length == 1 and .[0].user_id == 3 and .[0].suite == 17 and
	.[0].privilege == "administrator" and (.[0].peer | startswith("127.0.0.1:"))' \
	>/dev/null || fail "session show: $sessions"

# A retransmitted request (same rqSeq, new session sequence number) gets
# the cached answer and is not run again: user 4 is renamed over LAN, then
# renamed with ipmi-lanctl during the pause; the retransmission must not
# undo that. The reply cache keeps an answer 5 s: a pause longer than
# 4.5 s (a process start on a loaded guest) proves nothing, and is tried
# again.
add_user 4 bob bobpassword user
carol=04$(printf 'carol' | od -An -tx1 | tr -d ' \n')0000000000000000000000
retransmit_once() {
	local rt ms
	rm -f "$IPMI_LAN_OUT/go"
	RMCPP_PAUSE_MS=30000 RMCPP_PAUSE_FILE=$IPMI_LAN_OUT/go \
		rc -C 17 retransmit 6 0x45 "$carol" >"$IPMI_LAN_OUT/rt.log" 2>&1 &
	rt=$!
	wait_first "$IPMI_LAN_OUT/rt.log" $rt
	grep -q '^first cc 00' "$IPMI_LAN_OUT/rt.log" ||
		fail "rename over LAN: $(cat "$IPMI_LAN_OUT/rt.log")"
	lanctl user set 4 name dave
	: >"$IPMI_LAN_OUT/go"
	wait "$rt" || fail "retransmission: $(cat "$IPMI_LAN_OUT/rt.log")"
	grep -q '^second cc 00' "$IPMI_LAN_OUT/rt.log" ||
		fail "no cached answer: $(cat "$IPMI_LAN_OUT/rt.log")"
	ms=$(sed -n 's/^paused \([0-9]*\) ms$/\1/p' "$IPMI_LAN_OUT/rt.log")
	info "retransmitted after $ms ms"
	[ "$ms" -lt 4500 ]
}
for try in 1 2 3 4 5; do
	retransmit_once && break
	[ $try -lt 5 ] || fail "five pauses longer than the reply cache keeps an answer"
done
lanctl -j user show 4 | grep -q '"name":"dave"' || fail "the retransmitted request ran again"

lanctl stats show
