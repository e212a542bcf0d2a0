#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Serial-over-LAN at 115200 baud (11520 bytes/s) both ways at once through
# a pty whose slave carries the SoL discipline (tests/e2e/sol-host.py) and
# rmcpp-client sol, with 5 % of the SOL datagrams lost each way: 1 MiB of
# random bytes each way arrives byte for byte (sha256), retries and
# duplicates on both sides, nothing lost or doubled, keepalives in the
# middle. 128 KiB on the debug kernel (see 84-sol-stream).
# timeout: 600
# expect: 150
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

sol_stream_setup

info "paced, with loss"
# SIZE bytes each way at 115200 baud, 5 % of the SOL datagrams lost each
# way (by the client: the debug kernel has no netfilter), so that retries
# and duplicates happen on both sides.
out=$(SOL_PACE=11520 SOL_OPTS="--pace 11520 --drop 5 --retry-ms 200 --keepalive-ms 5000" \
	python3 "$HOST" stream "$IPMI_LANCTL" "$SIZE" "$RMCPP" \
	-H 127.0.0.1 -T 240 -U admin -P opensesame 2>&1) || fail "$SIZE bytes paced, 5 % lost: $out"
info "$out"
echo "$out" | grep -Eq 'retries [1-9].* lost [1-9].* keepalives [1-9]' ||
	fail "no loss was recovered, or no keepalive answered: $out"
[ "$(sol_json '.ttys | length')" = 0 ] || fail "the binding outlived the stream: $(lanctl sol show)"
info finished
