#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Serial-over-LAN byte streams at full speed, each way at once, through a
# pty whose slave carries the SoL discipline (tests/e2e/sol-host.py) and
# rmcpp-client sol: 1 MiB of random bytes each way arrives byte for byte
# (sha256) with a host reader that stalls until the BMC NACKs (no loss),
# and keepalives in the middle disturb nothing. The same at 115200 baud
# with loss is 85-sol-paced; both have their own namespace's server and
# run beside 83-sol. On the debug kernel (KASAN under TCG, about ten times
# slower) the streams are 128 KiB: the same paths, within make check's
# time budget.
# timeout: 600
# expect: 80
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

sol_stream_setup

info "full speed, stalled reader"
# SIZE bytes each way at full speed; the host reads nothing until the BMC
# has refused the console's packets (NACK, its counter polled), then
# reads: nothing lost.
# The console sends a keepalive (Get Device ID, as ipmitool does every
# 15 s) every 3 s in the middle of it.
out=$(SOL_STALL=nack SOL_OPTS="--keepalive-ms 3000" \
	python3 "$HOST" stream "$IPMI_LANCTL" "$SIZE" "$RMCPP" \
	-H 127.0.0.1 -T 200 -U admin -P opensesame 2>&1) || fail "$SIZE bytes each way: $out"
info "$out"
echo "$out" | grep -Eq 'nacks [1-9]' || fail "a stalled host made no NACKs: $out"
echo "$out" | grep -Eq 'keepalives [1-9]' || fail "no keepalive was answered: $out"
[ "$(sol_json '.ttys | length')" = 0 ] || fail "the binding outlived the stream: $(lanctl sol show)"
info finished
