#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A session handle is never given to a new session while a forwarded
# request still names it (in flight or as a tombstone): with every handle
# named by a request of a session that has closed, a login is refused with
# RMCP+ status 01h, and the consumer's late answers are refused, never
# delivered to whoever holds the handle next. Handles come back once the
# tombstones expire.
# timeout: 300
# exclusive: moves the system interface here; its timing must not starve
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
add_user 3 admin opensesame admin
smi_here
lanctl set forward-timeout 10000
lanctl forward add netfn chassis cmd 1 || fail "forward add"
# Answers come 11 s late: after the C3h, at the tombstones (which stay
# 10 s). Every handle is named until 20 s after the first request.
"$CONSUMER" "$SMI_DEV" 0:1 --delay 11000 --count 63 --timeout 90 >"$IPMI_LAN_OUT/c.log" &
cpid=$!
retry 20 grep -q ready "$IPMI_LAN_OUT/c.log" || fail "consumer did not start"
elapsed "$RMCPP" -H 127.0.0.1 -U admin -P opensesame -C 17 -t 2000 fill-handles 63 0 1 \
	>"$IPMI_LAN_OUT/fill.log" 2>&1
cat "$IPMI_LAN_OUT/fill.log"
info "63 sessions and the last login in $ELAPSED s"
[ "$ELAPSED" -lt 18 ] || fail "filling took $ELAPSED s: the first handles may be free again (test too slow)"
[ "$ELAPSED_RC" = 0 ] || fail "fill-handles: $(tail -n 3 "$IPMI_LAN_OUT/fill.log")"
grep -q '^login refused status 0x01' "$IPMI_LAN_OUT/fill.log" ||
	fail "a login was not refused while every handle was named"
wait "$cpid" || true
cat "$IPMI_LAN_OUT/c.log"
[ "$(grep -c '^cmd ' "$IPMI_LAN_OUT/c.log")" = 63 ] || fail "not every forwarded request reached the consumer"
[ "$(grep -c '^rsp cc=' "$IPMI_LAN_OUT/c.log")" = 63 ] || fail "not every late answer was answered"
grep -q '^rsp cc=00' "$IPMI_LAN_OUT/c.log" && fail "a late answer was accepted"
[ "$(stat fwd_replies)" = 0 ] || fail "a late answer was delivered"
[ "$(stat fwd_unmatched)" -ge 63 ] || fail "late answers not counted as unmatched"
# The tombstones go 10 s after the C3h; then logins work again.
retry 40 "$RMCPP" -H 127.0.0.1 -U admin -P opensesame -C 17 login >/dev/null ||
	fail "no login once the tombstones are gone"
