#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Malformed, truncated and oversized datagrams get no answer and are counted
# by reason; a bounded fuzz run leaves the server answering.
# timeout: 480
# expect: 61
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

# raw HOST HEX...: each datagram's reply in hex, or "timeout".
raw() { local h=$1; shift; "$RMCPP" -H "$h" -t 300 send "$@"; }
drop() { stat_drop "$1"; }

lanctl set enabled on

# datagram (hex) and the counter it must bump
cases=(
	"0600ff07:truncated"
	"0700ff06000011be80770000:rmcp_header"
	"0600ff86000011be80770000:rmcp_header"
	"0600ff06000011be40770000:asf"
	"06000007000000000000000000092018c88100388e04b5:rmcp_header"
	"0600ff07020000000000000000092018c88100388e04b5:session_header"
	"0600ff07000000000001000000092018c88100388e04b5:unknown_session"
	"0600ff070000000000000000000a2018c88100388e04b5:truncated"
	"0600ff07000000000000000000092018c98100388e04b5:checksum"
	"0600ff07000000000000000000092018c88100388e04b6:checksum"
	"0600ff07000000000000000000092218c68100388e04b5:msg_header"
	"0600ff07000000000000000000092018c88100018e04ec:not_allowed"
	"0600ff070640000000000000000009002018c88114388e04a1:session_header"
	"0600ff070600110000000000000009002018c88114388e04a1:unknown_session"
	"0600ff07060000000000000000000aff2018c88114388e04a1:truncated"
)
# All cases in one client process, the counters read once before and
# once after (process start-up is the slow part under the debug kernel).
before=$(lanctl -j stats show)
hexes=()
for c in "${cases[@]}"; do
	hexes+=("${c%%:*}")
done
got=$(raw 127.0.0.1 "${hexes[@]}")
[ "$(echo "$got" | grep -cv '^timeout$')" -eq 0 ] || fail "answered: $got"
after=$(lanctl -j stats show)
reasons=$(printf '%s\n' "${cases[@]}" | sed 's/.*://')
# Every reason's counter moved by exactly the cases that name it.
bad=$(jq -cn --argjson b "$before" --argjson a "$after" --arg w "$reasons" '
	($w | split("\n") | map(select(. != "")) | reduce .[] as $r ({}; .[$r] += 1)) as $want
	| [($b.drops | keys[]), ($want | keys[])] | unique
	| map({reason: ., counted: ($a.drops[.] - $b.drops[.]), expected: ($want[.] // 0)})
	| map(select(.counted != .expected))') || bad=
[ "$bad" = "[]" ] || fail "drops not counted by reason: ${bad:-jq failed}"

# Oversized: 1100 bytes.
n0=$(drop oversize)
got=$(raw 127.0.0.1 "0600ff06$(printf '00%.0s' $(seq 1 1096))")
[ "$got" = timeout ] || fail "an oversized datagram was answered"
[ "$(drop oversize)" -eq $((n0 + 1)) ] || fail "oversize not counted"

# A bounded fuzz run (at most 3000 datagrams or 30 s) from two sources.
python3 "$IPMI_LAN_TOP/tests/tools/rmcp_raw.py" fuzz -n 3000 -s 30 --seed 7 127.0.0.1
python3 "$IPMI_LAN_TOP/tests/tools/rmcp_raw.py" fuzz -n 1000 -s 15 --seed 8 ::1
rmcpping -c 1 127.0.0.1 | grep -q 'pong received' || fail "no pong after the fuzz run"
ipmiping -c 1 127.0.0.1 | grep -q 'response received' || fail "no auth caps after the fuzz run"
lanctl stats show
