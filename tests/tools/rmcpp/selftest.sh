#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# rmcpp-client against its own fake BMC (rmcpp-client --selftest-server) on
# 127.0.0.1. Each server instance exits by itself after -T seconds; the whole
# run is bounded by the timeouts below (about 15 s when all goes well).
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

# ---- Serial over LAN against the fake BMC's echo -------------------------

# expect_err DESCRIPTION WANT-RC STDERR-REGEX -- CLIENT-ARGS...: for sol,
# whose report is on stderr (stdout may be data).
expect_err() {
	local desc=$1 want_rc=$2 re=$3 rc
	shift 4
	timeout 30 "$BIN" -H 127.0.0.1 -p "$PORT" -t 400 "$@" \
		>"$WORK/client.out" 2>"$WORK/client.err"
	rc=$?
	if [ "$rc" -eq "$want_rc" ] && grep -Eq -- "$re" "$WORK/client.err"; then
		echo "ok   $desc"
	else
		echo "FAIL $desc: rc $rc (want $want_rc)"
		sed 's/^/     ! /' "$WORK/client.err"
		FAILS=$((FAILS + 1))
	fi
}

# same_file DESCRIPTION A B
same_file() {
	if cmp -s "$2" "$3"; then
		echo "ok   $1"
	else
		echo "FAIL $1: $3 differs from $2"
		cmp "$2" "$3" | sed 's/^/     | /'
		FAILS=$((FAILS + 1))
	fi
}

head -c 65536 /dev/urandom >"$WORK/sol.in"
head -c 8000 /dev/urandom >"$WORK/sol.small"
SOL_OK='^sol sent 65536 received 65536 '

start_server sol -U admin -P opensesame -S 3,17 --sol-retry-ms 15
# aux 0, inbound 232, outbound 259, this port, no VLAN; all little-endian
ACT="00000000e8000301$(printf '%02x%02x' $((PORT & 255)) $((PORT >> 8)))ffff"
expect "sol-activate" 0 "^cc 00 data $ACT$" -- "${U[@]}" sol-activate
expect "sol-activate instance 2" 0 '^cc cc data $' -- "${U[@]}" sol-activate 2
expect_err "sol 64 KiB echo, C17" 0 "$SOL_OK" -- "${U[@]}" -T 20 sol \
	--in "$WORK/sol.in" --out "$WORK/sol.out" --expect 65536 --retry-ms 15
same_file "sol 64 KiB echo, C17: identical" "$WORK/sol.in" "$WORK/sol.out"
grep -q '^activated in 232 out 259 port ' "$WORK/client.err" ||
	{ echo "FAIL sol: no activated line"; FAILS=$((FAILS + 1)); }

# stdin to stdout, paced: 8000 bytes at 20000 B/s take >= 389 ms (the
# credit never exceeds one packet, 228 bytes here)
t0=$(date +%s%N)
expect_err "sol paced, stdin/stdout, C3" 0 '^sol sent 8000 received 8000 ' -- \
	"${U[@]}" -C 3 -T 20 sol --in - --out - --expect 8000 --pace 20000 \
	--retry-ms 15 <"$WORK/sol.small"
t=$((($(date +%s%N) - t0) / 1000000))
same_file "sol paced: identical" "$WORK/sol.small" "$WORK/client.out"
if [ "$t" -ge 380 ]; then
	echo "ok   sol paced: $t ms"
else
	echo "FAIL sol paced: $t ms, want >= 380"
	FAILS=$((FAILS + 1))
fi

expect_err "sol idle end, nothing sent" 0 '^sol sent 0 received 0 ' -- \
	"${U[@]}" sol --idle-ms 200
expect_err "sol -T bound" 1 'timed out.*received 0 of 100 bytes' -- \
	"${U[@]}" -T 1 sol --expect 100

# While one console has SOL, another activation gets 80h. The first one's
# input arrives only after that check: then it ends by itself.
rm -f "$WORK/go"
( for _ in $(seq 100); do [ -e "$WORK/go" ] && break; sleep 0.05; done
  printf abcd ) |
	timeout 30 "$BIN" -p "$PORT" -t 400 "${U[@]}" -T 20 sol --in - \
		--out "$WORK/bg.out" --expect 4 2>"$WORK/bg.err" &
BG=$!
PIDS+=("$BG")
for _ in $(seq 100); do
	grep -q '^activated' "$WORK/bg.err" 2>/dev/null && break
	sleep 0.05
done
expect "sol-activate while active" 0 '^cc 80 data $' -- "${U[@]}" sol-activate
touch "$WORK/go"
if wait "$BG" && [ "$(cat "$WORK/bg.out")" = abcd ]; then
	echo "ok   sol from a pipe, until --expect"
else
	echo "FAIL sol from a pipe"
	sed 's/^/     ! /' "$WORK/bg.err"
	FAILS=$((FAILS + 1))
fi

# --no-deactivate: Close Session alone must free the instance
expect_err "sol --no-deactivate" 0 '^sol sent 0 ' -- "${U[@]}" sol \
	--idle-ms 100 --no-deactivate
expect "sol-activate after close" 0 '^cc 00 ' -- "${U[@]}" sol-activate

start_server soldrop -U admin -P opensesame -S 17 --sol-drop 10 --sol-retry-ms 15
expect_err "sol 64 KiB echo, 10% lost" 0 "$SOL_OK" -- "${U[@]}" -T 25 sol \
	--in "$WORK/sol.in" --out "$WORK/sol.out" --expect 65536 --retry-ms 15
same_file "sol 64 KiB echo, 10% lost: identical" "$WORK/sol.in" "$WORK/sol.out"
grep -Eq 'retries [1-9].* nacks [1-9].* partial [1-9].* dups [1-9]' \
	"$WORK/client.err" ||
	{ echo "FAIL sol 10% lost: a recovery path not taken"; FAILS=$((FAILS + 1)); }

# the client's own --drop: the same recovery, losses made on its side
expect_err "sol 64 KiB echo, client --drop 10" 0 "$SOL_OK" -- "${U[@]}" -T 25 sol \
	--in "$WORK/sol.in" --out "$WORK/sol.out2" --expect 65536 --retry-ms 15 \
	--drop 10
same_file "sol client --drop 10: identical" "$WORK/sol.in" "$WORK/sol.out2"
grep -Eq 'lost [1-9]' "$WORK/client.err" ||
	{ echo "FAIL sol --drop: nothing lost"; FAILS=$((FAILS + 1)); }

# keepalives (Get Device ID) in the middle of the stream, every one answered
expect_err "sol with keepalives" 0 "$SOL_OK" -- "${U[@]}" -T 25 sol \
	--in "$WORK/sol.in" --out "$WORK/sol.out3" --expect 65536 --retry-ms 15 \
	--pace 200000 --keepalive-ms 50
same_file "sol with keepalives: identical" "$WORK/sol.in" "$WORK/sol.out3"
grep -Eq 'keepalives [1-9]' "$WORK/client.err" ||
	{ echo "FAIL sol --keepalive-ms: none sent"; FAILS=$((FAILS + 1)); }

start_server solport -U admin -P opensesame -S 17 --sol-port 1
expect_err "sol refuses another port" 1 'activate: port 1, not the one in use' -- \
	"${U[@]}" sol --idle-ms 100

echo "selftest: $FAILS failure(s) in $(($(date +%s) - START)) s"
[ "$FAILS" -eq 0 ]
