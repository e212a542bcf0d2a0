#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Lockout after failed logins (LAN parameter 26 semantics, per user and
# source address), K_G (the BMC key of two-key logins), and Set User
# Password refused without confidentiality.
# timeout: 480
# expect: 76
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

# Handshake messages belong to the address that sent the Open Session. An
# attacker (192.0.2.2) opens sessions naming admin and sends bad RAKP3s
# from the admin's own address (198.51.100.2, which it also holds): they
# are dropped, so the admin is not locked out of that address; and a RAKP1
# from that address in the middle of a login does not restart it.
srv=$IPMI_LAN_NETNS
new_ns victim
victim=$NS_NAME
veth_pair "$srv" "$victim" 198.51.100.1/24 198.51.100.2/24
new_ns attacker
attacker=$NS_NAME
veth_pair "$srv" "$attacker" 192.0.2.1/24 192.0.2.2/24
ip -n "$attacker" addr add 198.51.100.2/32 dev "$VETH_IF2"
# The server takes the spoofed source from the attacker's link.
for k in all default "$VETH_IF1"; do
	sysctl -qw "net.ipv4.conf.$k.rp_filter=0"
done
arc() { ip netns exec "$attacker" "$RMCPP" -H 192.0.2.1 -U admin -C 17 -t 300 "$@"; }
n0=$(stat_drop source)
out=$(arc -P wrongpassword spoof rakp3 198.51.100.2 4) || fail "spoofed RAKP3s: $out"
info "$out"
ip netns exec "$victim" timeout 20 ipmitool -I lanplus -H 198.51.100.1 -U admin -P opensesame \
	-C 17 mc info >/dev/null || fail "spoofed RAKP3s locked admin out of their own address"
[ "$(stat_drop source)" -ge $((n0 + 4)) ] || fail "RAKP3s from another address than the Open Session's were not dropped"
out=$(arc -P opensesame spoof rakp1 198.51.100.2) || fail "a RAKP1 from another address broke a login: $out"
info "$out"
echo "$out" | grep -q '^login completes' || fail "spoof rakp1: $out"
[ "$(stat_drop source)" -ge $((n0 + 5)) ] || fail "the RAKP1 from another address was not dropped"
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
