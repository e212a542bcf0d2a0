#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Serial-over-LAN byte streams, each way at once, through a pty whose slave
# carries the SoL discipline (tests/e2e/sol-host.py) and rmcpp-client sol:
# 1 MiB of random bytes each way arrives byte for byte (sha256) at full
# speed with a stalled host reader (NACKs, no loss), and at 115200 baud
# with 5 % of the datagrams lost each way (retries, duplicates, nothing
# lost or doubled); keepalives in the middle of both disturb nothing. Its
# own namespace's server, so it runs beside 83-sol. On the debug kernel
# (KASAN under TCG, about ten times slower) the streams are 128 KiB each:
# the same paths, within make check's time budget.
# timeout: 600
# expect: 120
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
add_user 3 admin opensesame admin
HOST=$IPMI_LAN_TOP/tests/e2e/sol-host.py
sol_json() { lanctl -j sol show | jq -r "$1"; }
[ "$(sol_json .sol.ldisc_ok)" = true ] || fail "the SoL discipline is not registered: $(lanctl sol show)"
# The SoL settings are the defaults (resend after 200 ms, up to 7 times).
SIZE=1048576
[ "$IPMI_LAN_KERNEL" != debug ] || SIZE=131072

info "full speed, stalled reader"
# SIZE bytes each way at full speed; the host stops reading for 3 s first,
# so the console's packets are refused (NACK) until it reads again: nothing
# lost.
# The console sends a keepalive (Get Device ID, as ipmitool does every
# 15 s) every 3 s in the middle of it.
out=$(SOL_STALL_S=3 SOL_OPTS="--keepalive-ms 3000" \
	python3 "$HOST" stream "$IPMI_LANCTL" "$SIZE" "$RMCPP" \
	-H 127.0.0.1 -T 200 -U admin -P opensesame 2>&1) || fail "$SIZE bytes each way: $out"
info "$out"
echo "$out" | grep -Eq 'nacks [1-9]' || fail "a stalled host made no NACKs: $out"
echo "$out" | grep -Eq 'keepalives [1-9]' || fail "no keepalive was answered: $out"
info "paced, with loss"
# The same at 115200 baud (11520 bytes/s) both ways at once, with 5 %
# of the SoL datagrams lost each way (by the client: the debug kernel has
# no netfilter), so that retries and duplicates happen on both sides.
out=$(SOL_PACE=11520 SOL_OPTS="--pace 11520 --drop 5 --retry-ms 200 --keepalive-ms 5000" \
	python3 "$HOST" stream "$IPMI_LANCTL" "$SIZE" "$RMCPP" \
	-H 127.0.0.1 -T 240 -U admin -P opensesame 2>&1) || fail "$SIZE bytes paced, 5 % lost: $out"
info "$out"
echo "$out" | grep -Eq 'retries [1-9].* lost [1-9].* keepalives [1-9]' ||
	fail "no loss was recovered, or no keepalive answered: $out"
[ "$(sol_json '.ttys | length')" = 0 ] || fail "the binding outlived the stream: $(lanctl sol show)"
info finished
