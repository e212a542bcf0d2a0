#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Get Channel Authentication Capabilities in both framings: FreeIPMI's
# ipmiping, exact replies to raw packets, and ipmitool -I lanplus getting
# past this step to its next one.
# timeout: 480
# expect: 17
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

# raw HOST HEX...: each datagram's reply in hex, or "timeout".
raw() { local h=$1; shift; "$RMCPP" -H "$h" -t 1000 send "$@"; }
drops() { stat_drop "$1"; }

lanctl set enabled on

out=$(ipmiping -c 2 127.0.0.1)
info "$out"
[ "$(echo "$out" | grep -c 'response received')" -eq 2 ] || fail "ipmiping got no 2 responses"
ipmiping -c 1 ::1 | grep -q 'response received' || fail "ipmiping over IPv6"

# IPMI v1.5 framing (what ipmitool and FreeIPMI send): channel 1, IPMI v2.0
# data available, non-null user names only, IPMI v2.0 connections.
got=$(raw 127.0.0.1 0600ff07000000000000000000092018c88100388e04b5)
want=0600ff0700000000000000000010811c6320003800018004020000000021
[ "$got" = "$want" ] || fail "v1.5 framing: got $got, want $want"

# RMCP+ framing, session 0.
got=$(raw ::1 0600ff070600000000000000000009002018c88114388e04a1)
want=0600ff07060000000000000000001000811c632014380001800402000000000d
[ "$got" = "$want" ] || fail "RMCP+ framing: got $got, want $want"

# ipmitool gets past authentication capabilities: with no user configured
# its login is refused at once at RAKP1 (status "unauthorized name"), not
# for lack of IPMI v2.0 and not by a timeout.
# With -N 5 -R 1 a missing answer would cost ipmitool at least 10 s.
elapsed timeout 30 ipmitool -I lanplus -H 127.0.0.1 -U admin -P secret -C 3 -N 5 -R 1 mc info
[ "$ELAPSED_RC" -ne 0 ] || fail "ipmitool logged in with no user configured"
[ "$ELAPSED" -le 8 ] || fail "ipmitool took ${ELAPSED}s to be refused"
out=$(timeout 20 ipmitool -I lanplus -H 127.0.0.1 -U admin -P secret -C 3 mc info 2>&1) || true
echo "$out" | grep -qi 'does not support IPMI v2' && fail "ipmitool did not see IPMI v2.0 support"
"$RMCPP" -U admin -P secret -C 3 rakp-status | grep -q 'rakp2 status 0x0d' ||
	fail "an unknown user did not get status 0Dh at RAKP2"
