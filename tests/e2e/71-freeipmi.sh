#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# FreeIPMI's bmc-info logs in with every implemented cipher suite, and with
# its default (3); ipmiping gets an answer.
# timeout: 480
# expect: 53
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
add_user 3 admin opensesame admin
lanctl channel set suites 1,2,3,6,7,8,11,12,15,16,17
# FreeIPMI treats 127.0.0.1 as the local (in-band) interface.
host=127.0.0.2

ipmiping -c 1 "$host" | grep -q 'response received' || fail "ipmiping"
out=$(timeout 30 bmc-info -D LAN_2_0 -h "$host" -u admin -p opensesame --get-device-id) ||
	fail "bmc-info, default suite: $out"
echo "$out" | grep -q 'IPMI Version *: 2.0' || fail "bmc-info default: $out"

for n in 1 2 3 6 7 8 11 12 15 16 17; do
	# The suites without integrity are capped at USER by default.
	case $n in 1 | 6 | 15) priv=USER ;; *) priv=ADMIN ;; esac
	out=$(timeout 30 bmc-info -D LAN_2_0 -I "$n" -l "$priv" -h "$host" -u admin \
		-p opensesame --get-device-id 2>&1) || fail "bmc-info -I $n: $out"
	echo "$out" | grep -q 'IPMI Version *: 2.0' || fail "bmc-info -I $n: $out"
	info "suite $n ok"
done
