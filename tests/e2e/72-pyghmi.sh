#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# pyghmi (Debian's python3-pyghmi) logs in and runs Get Device ID through
# raw_command; with bridge_request, one Python process (its start is the
# expensive part on the debug guest) reads target 0x72's identity and
# switches its power through a chassis consumer serving that target, in
# the separate answer form.
# timeout: 480
# expect: 30
# shares: targets (its target takes an interface number 87-fleet needs)
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
lanctl set forward-timeout 5000
add_user 3 admin opensesame admin
lanctl target add 0x72 name node72 device-id 0x72
dir=$IPMI_LAN_OUT
echo "power-on = true" >"$dir/serve.conf"
"$IPMI_LANCTL" chassis serve target 0x72 config "$dir/serve.conf" >"$dir/serve.log" 2>&1 &
serve_pid=$!
retry 40 grep -q 'serving /dev/ipmi' "$dir/serve.log" ||
	fail "the consumer of 0x72 did not start: $(cat "$dir/serve.log")"
out=$(timeout 90 /usr/bin/python3 - <<'PY'
from pyghmi.ipmi import command
c = command.Command(bmc='127.0.0.1', userid='admin', password='opensesame')
r = c.raw_command(netfn=6, command=1)
print(r)
assert r.get('code', 0) == 0, r
assert bytes(r['data'])[4] == 0x02, r   # IPMI version 2.0
print('device id', bytes(r['data'])[0])
to72 = {'addr': 0x72, 'channel': 0}
r = c.raw_command(netfn=6, command=1, bridge_request=to72)
assert r.get('code', 0) == 0, r
print('bridged device id', bytes(r['data'])[0])
r = c.raw_command(netfn=0, command=1, bridge_request=to72)
assert r.get('code', 0) == 0, r
print('bridged power', 'on' if bytes(r['data'])[0] & 1 else 'off')
r = c.raw_command(netfn=0, command=2, data=(1,), bridge_request=to72)
assert r.get('code', 0) == 0, r
r = c.raw_command(netfn=0, command=1, bridge_request=to72)
print('bridged power', 'on' if bytes(r['data'])[0] & 1 else 'off')
try:
    r = c.raw_command(netfn=0, command=1)
    print('own power code %02x' % r.get('code', 0))
except Exception as e:
    print('own power code %02x' % getattr(e, 'ipmicode', 0))
PY
) || fail "pyghmi: $out"
info "$out"
echo "$out" | grep -qx 'device id 32' || fail "pyghmi: $out"
echo "$out" | grep -qx 'bridged device id 114' || fail "pyghmi bridged Get Device ID: $out"
[ "$(echo "$out" | grep '^bridged power' | tr '\n' ' ')" = "bridged power off bridged power on " ] ||
	fail "pyghmi bridged power off, then on: $out"
# The board itself has no consumer here: its own Chassis Status is C1h.
echo "$out" | grep -qx 'own power code c1' || fail "pyghmi: the board's own power: $out"
kill "$serve_pid"
wait "$serve_pid" 2>/dev/null || true
lanctl target del 0x72
