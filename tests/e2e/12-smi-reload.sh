#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The system interface and the module go away cleanly under their users:
# a forwarded request in flight at detach gets C3h; rmmod is refused while
# the interface is attached, and while a SoL console's tty is bound (until
# sol detach, which tells the console), and works with a consumer still
# holding /dev/ipmiN. After the reload the same consumer (ipmi-lanctl
# chassis serve) serves again and /dev/ipmiN programs are answered. The
# other system-interface tests (80-82) leave the module loaded, so that
# they can share the guest; the reloads are all here.
# timeout: 600
# exclusive: detaches the system interface and reloads the module
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
add_user 3 admin opensesame admin
smi_here

dir=$IPMI_LAN_OUT
power_hook "$dir/power"
state=$dir/power.state
hooks=$dir/power.hooks
cat >"$dir/chassis.conf" <<CONF
power-on = $dir/power.sh
power-off = $dir/power.sh
status = test "\$(cat $state)" = on
CONF

"$IPMI_LANCTL" chassis serve config "$dir/chassis.conf" >"$dir/serve.log" 2>&1 &
serve_pid=$!
retry 40 grep -q "serving /dev/ipmi$SMI_N" "$dir/serve.log" ||
	fail "the chassis consumer did not start: $(cat "$dir/serve.log")"

rc() { "$RMCPP" -H 127.0.0.1 -U admin -P opensesame -C 17 "$@"; }

# --- a request in flight at detach ------------------------------------------
# The consumer is stopped with the request; the forward timeout (its
# maximum) is longer than the client waits, so a C3h it gets can only come
# from the detach, however busy the host is.
lanctl set forward-timeout 10000
kill -STOP "$serve_pid"
n0=$(stat fwd_requests)
rc -t 8000 raw 0 1 >"$dir/inflight.out" 2>&1 &
rpid=$!
retry 40 sh -c '[ "$("$1" -j stats show | jq .fwd_requests)" -gt "$2" ]' _ "$IPMI_LANCTL" "$n0" ||
	fail "the request was not forwarded"
expect_fail rmmod ipmi_lan 2>/dev/null
lanctl smi detach || fail "smi detach"
kill -CONT "$serve_pid"
wait "$rpid" || true
grep -q '^cc c3' "$dir/inflight.out" || fail "in flight at detach: $(cat "$dir/inflight.out")"
lanctl show | grep -q 'smi none' || fail "show still reports an interface"
out=$(rc -t 1000 raw 0 1)
echo "$out" | grep -q '^cc c1' || fail "detached, yet forwarded: $out"

# --- rmmod with the consumer holding /dev/ipmiN; reload ----------------------
rmmod ipmi_lan || fail "rmmod with the consumer running"
insmod "$IPMI_LAN_KO" || fail "insmod after rmmod"
lanctl set enabled on
add_user 3 admin opensesame admin
smi_here
serving_again() { tail -n 3 "$dir/serve.log" | grep -q "serving /dev/ipmi$SMI_N"; }
retry 40 serving_again || fail "the consumer did not come back: $(cat "$dir/serve.log")"
out=$(timeout 30 ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame power on) ||
	fail "power on after reload: $out"
retry 20 grep -qx on "$state" || fail "the on hook did not run after reload: $(cat "$hooks")"
out=$(timeout 20 ipmitool -I open -d "$SMI_N" mc info) || fail "mc info after reload: $out"
echo "$out" | grep -q 'Device ID *: 32' || fail "mc info after reload: $out"
kill "$serve_pid"
wait "$serve_pid" || true

# --- a SoL console through SMI detach, rmmod and sol detach -------------------
# The SoL events of this session have no interface to go to after the
# detach; the bound tty holds the module (the tty layer's reference on
# its discipline) until sol detach, which tells the console.
python3 "$IPMI_LAN_TOP/tests/e2e/sol-host.py" hold "$IPMI_LANCTL" \
	"$RMCPP" -H 127.0.0.1 -T 120 -U admin -P opensesame >"$dir/hold.out" 2>&1 &
hpid=$!
retry 60 grep -q '^active' "$dir/hold.out" || fail "hold: $(cat "$dir/hold.out")"
lanctl smi detach || fail "smi detach with a SoL console active"
expect_fail rmmod ipmi_lan 2>/dev/null
lanctl sol detach "$(sed -n 's/^active //p' "$dir/hold.out")" || fail "sol detach"
wait $hpid || fail "hold: $(cat "$dir/hold.out")"
rmmod ipmi_lan || fail "rmmod after sol detach"
insmod "$IPMI_LAN_KO" || fail "insmod after the SoL rmmod"
