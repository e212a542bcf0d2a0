#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# pyghmi (Debian's python3-pyghmi) logs in and runs Get Device ID through
# raw_command.
# timeout: 480
# expect: 17
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
add_user 3 admin opensesame admin
out=$(timeout 60 /usr/bin/python3 - <<'PY'
from pyghmi.ipmi import command
c = command.Command(bmc='127.0.0.1', userid='admin', password='opensesame')
r = c.raw_command(netfn=6, command=1)
print(r)
assert r.get('code', 0) == 0, r
assert bytes(r['data'])[4] == 0x02, r   # IPMI version 2.0
print('device id', bytes(r['data'])[0])
PY
) || fail "pyghmi: $out"
info "$out"
echo "$out" | grep -q 'device id 32' || fail "pyghmi: $out"
