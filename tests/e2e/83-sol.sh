#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Serial-over-LAN through a pty whose slave carries the SoL discipline and
# whose master is the "host": ipmitool sol activate sees the host's banner
# and types into it, ~. ends it, and ipmi-lanctl monitor prints the four
# events (session and SoL, up and down, with the cause); sol info and sol
# set round-trip; a second activation gets 80h, another USER session
# cannot deactivate it, an ADMIN session can and the instance is free at
# once; a user whose SoL access is off (ipmitool sol payload disable, or
# netlink) cannot activate it; hanging up the host's tty ends the binding;
# FreeIPMI's ipmiconsole with its defaults takes over an ipmitool SoL;
# pyghmi's console talks both ways; Close Session and the session timeout
# free the instance for a new activation at once; the bit rates are
# applied to the tty; sol detach under an active console tells it and
# ends the binding. A tty of bridged target 0x72 serves ipmitool -t 0x72
# beside the BMC's console (sol-host.py target). The byte streams are
# 84-sol-stream, which runs beside this test.
# timeout: 600
# expect: 205
# shares: targets (its target takes an interface number 87-fleet needs)
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
add_user 3 admin opensesame admin
add_user 4 bob bobpassword user
HOST=$IPMI_LAN_TOP/tests/e2e/sol-host.py
it() { timeout 60 ipmitool -I lanplus -H 127.0.0.1 "$@"; }
rc() { "$RMCPP" -H 127.0.0.1 -T 60 "$@"; }

[ "$(sol_json .sol.ldisc_ok)" = true ] || fail "the SoL discipline is not registered: $(lanctl sol show)"

# --- ipmitool: banner, keys, echo, ~.; the events it makes ---------------------
info "ipmitool: banner, keys, echo, ~.; the events it makes"
"$IPMI_LANCTL" -j monitor >"$IPMI_LAN_OUT/monitor.out" 2>&1 &
mon=$!
sleep 0.5
python3 "$HOST" ipmitool "$IPMI_LANCTL" -I lanplus -H 127.0.0.1 -U admin -P opensesame ||
	fail "ipmitool sol activate"
retry 20 grep -q '"session-down"' "$IPMI_LAN_OUT/monitor.out" ||
	fail "no session-down event: $(cat "$IPMI_LAN_OUT/monitor.out")"
kill $mon
wait $mon || fail "ipmi-lanctl monitor did not end with 0 on SIGTERM"
events=$(jq -r '"\(.event) \(.user_id) \(.cause // "-")"' "$IPMI_LAN_OUT/monitor.out" | tr '\n' ,)
[ "$events" = "session-up 3 -,sol-up 3 -,sol-down 3 close,session-down 3 close," ] ||
	fail "monitor: $events"
[ "$(sol_json '.ttys | length')" = 0 ] || fail "a binding outlived its attach: $(lanctl sol show)"

# --- configuration over LAN and netlink ----------------------------------------
info "configuration over LAN and netlink"
out=$(it -U admin -P opensesame sol set retry-count 5 1 2>&1) || fail "sol set retry-count: $out"
out=$(it -U admin -P opensesame sol set character-accumulate-level 10 1 2>&1) ||
	fail "sol set character-accumulate-level: $out"
out=$(it -U admin -P opensesame sol info 1 2>&1) || fail "sol info: $out"
echo "$out" | grep -q 'Retry Count *: 5' || fail "sol info after sol set: $out"
echo "$out" | grep -q 'Character Accumulate Level (ms) *: 50' || fail "sol info: $out"
echo "$out" | grep -q 'Payload Port *: 623' || fail "sol info: $out"
[ "$(sol_json .sol.retries)" = 5 ] || fail "netlink does not see the retry count set over LAN"
expect_fail it -U bob -P bobpassword -L USER sol set retry-count 6 1 >/dev/null 2>&1
lanctl sol set retries 7 retry-interval 50 accumulate 20 || fail "sol set over netlink"
[ "$(sol_json .sol.retry_interval_ms)" = 50 ] || fail "sol set retry-interval: $(lanctl sol show)"

# --- two consoles, a takeover, a hangup ----------------------------------------
info "two consoles, a takeover, a hangup"
python3 "$HOST" takeover "$IPMI_LANCTL" -I lanplus -H 127.0.0.1 -U admin -P opensesame \
	-- -I lanplus -H 127.0.0.1 -U bob -P bobpassword -L USER || fail "takeover"
[ "$(sol_json '.ttys | length')" = 0 ] || fail "a hung-up binding stayed: $(lanctl sol show)"

# --- per-user SoL access (Set/Get User Payload Access, netlink) ----------------
info "per-user SoL access (Set/Get User Payload Access, netlink)"
python3 "$HOST" payload "$IPMI_LANCTL" -I lanplus -H 127.0.0.1 -U admin -P opensesame \
	-- -I lanplus -H 127.0.0.1 -U bob -P bobpassword -L USER 4 || fail "sol payload"
lanctl user set 4 sol off
lanctl -j user show 4 | grep -Eq '"sol": ?false' ||
	fail "user set sol off: $(lanctl -j user show 4)"
out=$(it -U admin -P opensesame sol payload status 1 4 2>&1)
echo "$out" | grep -q disabled || fail "netlink's sol off not seen over LAN: $out"
lanctl user set 4 sol on

# --- FreeIPMI and pyghmi -------------------------------------------------------
info "FreeIPMI and pyghmi"
python3 "$HOST" ipmiconsole "$IPMI_LANCTL" -I lanplus -H 127.0.0.1 -U admin -P opensesame \
	-- -h 127.0.0.1 -u admin -p opensesame || fail "ipmiconsole"
/usr/bin/python3 "$HOST" pyghmi "$IPMI_LANCTL" admin opensesame || fail "pyghmi console"

[ "$(sol_json '.ttys | length')" = 0 ] || fail "a binding outlived pyghmi's console: $(lanctl sol show)"

# --- session end, bit rates, sol detach under a console -----------------------
info "session end, bit rates, sol detach"
lanctl channel set session-timeout 5
python3 "$HOST" lifecycle "$IPMI_LANCTL" "$RMCPP" -H 127.0.0.1 -T 60 \
	-U admin -P opensesame || fail "lifecycle"

# --- a bridged target's tty beside the BMC's -----------------------------------
info "a bridged target's tty: ipmitool -t 0x72 sol activate beside the BMC's"
# The default again: the BMC's console idles while 0x72's is tested.
lanctl channel set session-timeout 60
lanctl target add 0x72
python3 "$HOST" target "$IPMI_LANCTL" "$RMCPP" -H 127.0.0.1 -U admin -P opensesame -t 3000 \
	-- -I lanplus -H 127.0.0.1 -U admin -P opensesame || fail "per-target SoL"
[ "$(lanctl -j target show | jq length)" = 0 ] || fail "0x72 stayed: $(lanctl target show)"
[ "$(sol_json '.ttys | length')" = 0 ] || fail "a binding outlived the target test: $(lanctl sol show)"
info finished
