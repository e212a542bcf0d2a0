#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Serial-over-LAN through a pty whose slave carries the SoL discipline and
# whose master is the "host": ipmitool sol activate sees the host's banner
# and types into it, ~. ends it; sol info and sol set round-trip; a second
# activation gets 80h, another USER session cannot deactivate it, an
# ADMIN session can and the instance is free at once; hanging up the
# host's tty ends the binding; 256 KiB of random bytes each way at once
# arrive byte for byte (sha256).
# timeout: 600
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
add_user 3 admin opensesame admin
add_user 4 bob bobpassword user
HOST=$IPMI_LAN_TOP/tests/e2e/sol-host.py
it() { timeout 60 ipmitool -I lanplus -H 127.0.0.1 "$@"; }
rc() { "$RMCPP" -H 127.0.0.1 -T 60 "$@"; }
sol_json() { lanctl -j sol show | jq -r "$1"; }

[ "$(sol_json .sol.ldisc_ok)" = true ] || fail "the SoL discipline is not registered: $(lanctl sol show)"

# --- ipmitool: banner, keys, echo, ~. ----------------------------------------
python3 "$HOST" ipmitool "$IPMI_LANCTL" -I lanplus -H 127.0.0.1 -U admin -P opensesame ||
	fail "ipmitool sol activate"
[ "$(sol_json '.ttys | length')" = 0 ] || fail "a binding outlived its attach: $(lanctl sol show)"

# --- configuration over LAN and netlink --------------------------------------
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

# --- two consoles, a takeover, a hangup --------------------------------------
python3 "$HOST" takeover "$IPMI_LANCTL" -I lanplus -H 127.0.0.1 -U admin -P opensesame \
	-- -I lanplus -H 127.0.0.1 -U bob -P bobpassword -L USER || fail "takeover"
[ "$(sol_json '.ttys | length')" = 0 ] || fail "a hung-up binding stayed: $(lanctl sol show)"

# --- byte for byte, each way at once ------------------------------------------
python3 "$HOST" stream "$IPMI_LANCTL" 262144 "$RMCPP" -H 127.0.0.1 -T 200 \
	-U admin -P opensesame || fail "256 KiB each way"
[ "$(sol_json '.ttys | length')" = 0 ] || fail "the binding outlived the stream: $(lanctl sol show)"
