#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Lockout after failed logins (LAN parameter 26 semantics, per user and
# source address), K_G (the BMC key of two-key logins), and Set User
# Password refused without confidentiality.
# timeout: 480
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
add_user 3 admin opensesame admin
add_user 4 bob bobpassword user
rc() { "$RMCPP" -U admin -t 500 -C 17 "$@"; }

# Three bad RAKP3s from 127.0.0.1 lock admin out for that source only.
lanctl channel set lockout-threshold 3 lockout-reset 60 lockout-interval 300
for i in 1 2 3; do
	rc -H 127.0.0.1 -P wrongpassword rakp-status | grep -q 'rakp4 status 0x0f' ||
		fail "bad password $i not refused with 0Fh"
done
out=$(rc -H 127.0.0.1 -P opensesame rakp-status)
echo "$out" | grep -q 'rakp2 status 0x0d' || fail "a locked user is not answered like an unknown one: $out"
lanctl -j user show 3 | grep -q '"locked":true' || fail "ipmi-lanctl does not show the lock"
rc -H 127.0.0.1 -b 127.0.0.2 -P opensesame login >/dev/null || fail "the lock reached another source"
lanctl user set 3 unlock
rc -H 127.0.0.1 -P opensesame login >/dev/null || fail "still locked after unlock"
lanctl channel set lockout-threshold 0

# K_G: with a BMC key set, a login without it fails at RAKP4, with it works.
printf 'sesamekey\n' | lanctl channel set kg-stdin
lanctl -j channel show | grep -q '"has_kg":true' || fail "K_G not reported as set"
kg=$(printf 'sesamekey' | od -An -tx1 | tr -d ' \n')
expect_fail timeout 20 ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame -C 17 mc info >/dev/null 2>&1
timeout 20 ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame -C 17 -y "$kg" mc info >/dev/null ||
	fail "ipmitool -y with the right K_G"
"$RMCPP" -H 127.0.0.1 -U admin -P opensesame -K "$kg" -C 3 raw 6 1 | grep -q '^cc 00' ||
	fail "rmcpp-client -K with the right K_G"
lanctl channel set kg none
timeout 20 ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame -C 17 mc info >/dev/null ||
	fail "login after clearing K_G"

# Set User Password needs confidentiality: suite 2 has none.
lanctl channel set suites 2,3,17
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame -C 2 user set password 4 other4 2>&1) &&
	fail "a password was set without confidentiality"
info "$out"
timeout 20 ipmitool -I lanplus -H 127.0.0.1 -U bob -P bobpassword -L USER -C 17 mc info >/dev/null ||
	fail "bob's password changed without confidentiality"
"$RMCPP" -H 127.0.0.1 -U admin -P opensesame -C 2 raw 6 0x47 04026f746865723400000000000000000000 |
	grep -q '^cc d5' || fail "Set User Password over suite 2 is not D5h"
