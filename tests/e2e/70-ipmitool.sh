#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ipmitool -I lanplus logs in with -C 3, -C 17 and no -C (it reads the
# cipher suite list and picks 17), runs mc info, session info, channel info,
# user list and user set password over LAN; wrong passwords and unknown
# users fail at once; a disabled suite is refused; -L USER cannot run an
# ADMIN command.
# timeout: 480
# expect: 96
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
add_user 3 admin opensesame admin
add_user 4 bob bobpassword user
it() { timeout 30 ipmitool -I lanplus -H 127.0.0.1 "$@"; }

# One login per suite runs both commands (ipmitool's shell reads them
# from stdin); each check reads its part of the output.
check_info() { # SUITE-ARGS OUTPUT
	echo "$2" | grep -q 'IPMI Version *: 2.0' || fail "mc info ($1): $2"
	echo "$2" | grep -q 'privilege level *: ADMINISTRATOR' || fail "session info ($1): $2"
	echo "$2" | grep -q 'user id *: 3' || fail "session info ($1): $2"
}
for c in "-C 3" "-C 17"; do
	# shellcheck disable=SC2086
	out=$(printf 'mc info\nsession info active\nexit\n' |
		it -U admin -P opensesame $c shell 2>&1) || fail "mc info, session info ($c): $out"
	check_info "$c" "$out"
done
# Without -C ipmitool asks for the suites and should choose 17: the server
# says which suite the session has. The session is held open until asked.
hold=$(mktemp -u)
mkfifo "$hold"
(printf 'mc info\nsession info active\n'; read -r _ <"$hold"; echo exit) |
	it -U admin -P opensesame shell >"$IPMI_LAN_OUT/noc.log" 2>&1 &
retry 40 sh -c "'$IPMI_LANCTL' -j session show | grep -q handle" || fail "the session did not come up"
suite=$(lanctl -j session show | jq '.[0].suite')
timeout 10 sh -c 'echo go >"$1"' _ "$hold" || true
wait $! || fail "ipmitool without -C: $(cat "$IPMI_LAN_OUT/noc.log")"
rm -f "$hold"
[ "$suite" = 17 ] || fail "ipmitool without -C chose suite $suite, not 17"
check_info "no -C" "$(cat "$IPMI_LAN_OUT/noc.log")"

out=$(printf 'channel info\nuser list 1\nexit\n' | it -U admin -P opensesame shell 2>&1) ||
	fail "channel info, user list: $out"
echo "$out" | grep -q '802.3 LAN' || fail "channel info: $out"
echo "$out" | grep -q 'admin' && echo "$out" | grep -q 'bob' || fail "user list: $out"

# A new password over LAN (suite 17 has confidentiality), then a login with it.
it -U admin -P opensesame -C 17 user set password 4 newpassword4 >/dev/null ||
	fail "user set password over LAN"
it -U bob -P newpassword4 -L USER mc info >/dev/null || fail "login with the new password"
expect_fail it -U bob -P bobpassword -L USER mc info >/dev/null 2>&1

# Wrong password and unknown user: an error at once, not a timeout. With
# -N 10 -R 1 a missing answer would cost ipmitool at least 20 s; an answer
# costs a few seconds, up to 9 on a loaded debug guest (CI saw 9 s with a
# limit of 8 when a timeout cost 10 s).
elapsed it -N 10 -R 1 -U admin -P wrongpassword mc info
[ "$ELAPSED_RC" -ne 0 ] || fail "a wrong password logged in"
[ "$ELAPSED" -le 15 ] || fail "a wrong password took ${ELAPSED}s to fail"
elapsed it -N 10 -R 1 -U nosuchuser -P whatever mc info
[ "$ELAPSED_RC" -ne 0 ] || fail "an unknown user logged in"
[ "$ELAPSED" -le 15 ] || fail "an unknown user took ${ELAPSED}s to fail"

# Suite 2 is not enabled by default.
expect_fail it -U admin -P opensesame -C 2 mc info >/dev/null 2>&1

# USER privilege: reads work, an ADMIN command gets D4h.
it -U admin -P opensesame -L USER mc info >/dev/null || fail "-L USER mc info"
out=$(it -U admin -P opensesame -L USER raw 0x06 0x45 5 0x63 0x61 0x72 0x6f 0x6c 0 0 0 0 0 0 0 0 0 0 0 2>&1) &&
	fail "set user name at USER privilege succeeded"
echo "$out" | grep -qi 'd4\|insufficient privilege' || fail "not D4h: $out"
# The same at ADMIN works.
it -U admin -P opensesame raw 0x06 0x45 5 0x63 0x61 0x72 0x6f 0x6c 0 0 0 0 0 0 0 0 0 0 0 >/dev/null ||
	fail "set user name at ADMIN failed"
lanctl -j user show 5 | grep -q '"name":"carol"' || fail "the name set over LAN is not in the user table"
