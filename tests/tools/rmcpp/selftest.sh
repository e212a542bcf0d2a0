#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# rmcpp-client against its own fake BMC (rmcpp-client --selftest-server) on
# 127.0.0.1. Each server instance exits by itself after -T seconds; the whole
# run is bounded by the timeouts below (well under 30 s).
set -u
cd "$(dirname "$0")" || exit 1

BIN=./rmcpp-client
WORK=$(mktemp -d)
PIDS=()
FAILS=0
START=$(date +%s)

cleanup() {
	local p
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

# start_server NAME ARGS...: sets PORT
start_server() {
	local name=$1
	shift
	"$BIN" --selftest-server -T 40 "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
	PIDS+=($!)
	PORT=
	for _ in $(seq 50); do
		PORT=$(sed -n 's/^listening //p' "$WORK/$name.out")
		[ -n "$PORT" ] && return 0
		sleep 0.1
	done
	echo "FAIL: server $name did not start"
	exit 1
}

# expect DESCRIPTION WANT-RC REGEX -- CLIENT-ARGS...
expect() {
	local desc=$1 want_rc=$2 re=$3 out rc
	shift 4
	out=$(timeout 15 "$BIN" -H 127.0.0.1 -p "$PORT" -t 400 "$@" 2>"$WORK/client.err")
	rc=$?
	if [ "$rc" -eq "$want_rc" ] && grep -Eq -- "$re" <<<"$out"; then
		echo "ok   $desc"
	else
		echo "FAIL $desc: rc $rc (want $want_rc)"
		printf '%s\n' "$out" | sed 's/^/     | /'
		sed 's/^/     ! /' "$WORK/client.err"
		FAILS=$((FAILS + 1))
	fi
}

start_server main -U admin -P opensesame -S 3,8,12,17
U=(-U admin -P opensesame)

expect "authcaps v1.5" 0 '^ipmi20 yes' -- authcaps
expect "authcaps rmcp+" 0 '^non-null-users yes' -- authcaps rmcpp
expect "suites" 0 '^3$' -- suites
out=$(timeout 5 "$BIN" -p "$PORT" suites | tr '\n' ' ')
if [ "$out" = "3 8 12 17 " ]; then
	echo "ok   suites list"
else
	echo "FAIL suites list: $out"
	FAILS=$((FAILS + 1))
fi

for c in 3 17 8 12; do
	expect "C$c login" 0 "^session [0-9a-f]{8} suite $c privilege administrator$" -- "${U[@]}" -C "$c" login
	expect "C$c raw get device id" 0 '^cc 00 data 2081010002005e2b006c61$' -- "${U[@]}" -C "$c" raw 6 1
	expect "C$c replay" 0 '^replay dropped$' -- "${U[@]}" -C "$c" replay
	expect "C$c wrong password" 0 '^rakp4 status 0x0f$' -- -U admin -P wrong -C "$c" rakp-status
	expect "C$c wrong password rakp2" 0 '^rakp2 status 0x00 hmac bad$' -- -U admin -P wrong -C "$c" rakp-status
	expect "C$c unknown user" 0 '^rakp2 status 0x0d$' -- -U nobody -P opensesame -C "$c" rakp-status
	expect "C$c login fails with wrong password" 1 '^$' -- -U admin -P wrong -C "$c" login
done

expect "C17 rakp-status ok" 0 '^rakp4 status 0x00 icv ok$' -- "${U[@]}" rakp-status
expect "C17 user privilege" 0 'privilege user$' -- "${U[@]}" -L user login
expect "C17 raw unknown cmd" 0 '^cc c1 data $' -- "${U[@]}" raw 0x06 0x99 "01 02"
expect "C17 flip-auth" 0 '^dropped$' -- "${U[@]}" flip-auth
expect "C17 flip-encrypt" 0 '^dropped$' -- "${U[@]}" flip-encrypt
expect "C3 flip-auth" 0 '^dropped$' -- "${U[@]}" -C 3 flip-auth
expect "C17 rakp3-first" 0 '^rakp4 status 0x02$' -- "${U[@]}" rakp3-first
expect "C17 setpriv-before-rakp3" 0 '^keyed get-device-id dropped$' -- "${U[@]}" setpriv-before-rakp3
expect "C17 seq wrap" 0 '^ok 40$' -- "${U[@]}" seq 0xfffffff0
expect "C12 seq wrap" 0 '^ok 40$' -- "${U[@]}" -C 12 seq 0xffffffe8
expect "C17 open-only" 0 '^status 0x00 session [0-9a-f]{8}$' -- open-only
expect "C1 not offered" 0 '^status 0x11$' -- -C 1 open-only
expect "flood 200" 0 '^replies 200$' -- -T 5 flood 200

# K_G: the SIK is keyed with K_G; without it the client's RAKP4 check fails.
start_server kg -U admin -P opensesame -S 17 -K 30313233343536373839616263646566
expect "K_G login" 0 '^session ' -- "${U[@]}" -K 30313233343536373839616263646566 login
expect "K_G missing" 0 '^rakp4 status 0x00 icv bad$' -- "${U[@]}" rakp-status
expect "K_G authcaps" 0 '^kg-nonzero yes$' -- authcaps

echo "selftest: $FAILS failure(s) in $(($(date +%s) - START)) s"
[ "$FAILS" -eq 0 ]
