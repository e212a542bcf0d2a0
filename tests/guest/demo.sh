#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, run inside the stock 6.1 guest by tests/demo.sh (tests/vm.sh
# --script), in the initial network namespace with the e2e environment
# (IPMI_LAN_KO, IPMI_LANCTL, ...). It loads the module, configures it and
# talks to it with real clients, then prints the counters.

set -uo pipefail

step() {
	printf '\n\033[1m$ %s\033[0m\n' "$*"
	"$@"
}

grep -q '^ipmi_lan ' /proc/modules || step insmod "$IPMI_LAN_KO"
ip link set lo up
ipmi-lanctl() { "$IPMI_LANCTL" "$@"; }

step ipmi-lanctl show
step ipmi-lanctl set address any port 623 enabled on
step ipmi-lanctl server show

# The ASF presence ping and Get Channel Authentication Capabilities, from
# FreeIPMI, over IPv4 and IPv6.
step rmcpping -c 2 127.0.0.1
step rmcpping -c 1 ::1
step ipmiping -c 2 127.0.0.1

# A user, with the password on stdin (never on the command line).
printf 'opensesame\n' >/run/demo-password
step ipmi-lanctl user add 3 name admin password-file /run/demo-password privilege admin enabled on
step ipmi-lanctl user show
step ipmi-lanctl channel show

# Real clients log in over RMCP+: ipmitool with suite 17 and with the
# cipher suite list (no -C), FreeIPMI with its default suite 3, pyghmi.
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame mc info
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame -C 17 session info active
step bmc-info -D LAN_2_0 -h 127.0.0.2 -u admin -p opensesame --get-device-id
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P wrongpassword mc info

# The module is the message handler's system interface: /dev/ipmiN works
# on the board, and the chassis consumer switches "power" through hooks
# (here a script that records the state in a file).
n=$(ipmi-lanctl -j smi show | python3 -c 'import json,sys; print(json.load(sys.stdin)["if_num"])')
step ipmi-lanctl smi show
step ipmitool -I open -d "$n" mc info
echo off >/run/demo-power
cat >/run/demo-hook <<'HOOK'
#!/bin/sh
case $IPMI_LAN_ACTION in on) echo on ;; off|soft-off) echo off ;; *) cat /run/demo-power ;; esac >/run/demo-power.new
mv /run/demo-power.new /run/demo-power
echo "hook: power $IPMI_LAN_ACTION" >&2
HOOK
chmod +x /run/demo-hook
cat >/run/demo-chassis.conf <<'CONF'
power-on = /run/demo-hook
power-off = /run/demo-hook
status = test "$(cat /run/demo-power)" = on
CONF
"$IPMI_LANCTL" chassis serve config /run/demo-chassis.conf &
serve=$!
for i in $(seq 1 40); do ipmi-lanctl forward show 2>/dev/null | grep -q owned && break; sleep 0.25; done
step ipmi-lanctl forward show
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame power status
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame power on
sleep 0.5
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame power status
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame chassis status
kill $serve

# Bridging: one board fronts other nodes ("targets"), each a system
# interface of its own with its own power state; one consumer process
# serves them all from one [target *] section whose hooks name the
# target (%x); ipmitool -t reaches them through Send Message.
cat >/run/demo-target-hook <<'HOOK'
#!/bin/sh
case $IPMI_LAN_ACTION in on) echo on ;; off|soft-off) echo off ;; esac >"/run/demo-power-$1"
echo "hook: target $IPMI_LAN_TARGET power $IPMI_LAN_ACTION" >&2
HOOK
chmod +x /run/demo-target-hook
echo off >/run/demo-power-72
echo off >/run/demo-power-74
# a shell status hook under TCG: more than the default 300 ms
cat >/run/demo-targets.conf <<'CONF'
[target *]
power-on = /run/demo-target-hook %x
power-off = /run/demo-target-hook %x
status = test "$(cat /run/demo-power-%x)" = on
status-timeout = 600
CONF
step ipmi-lanctl target add 0x72 name node72 device-id 0x72
step ipmi-lanctl target add 0x74 name node74 device-id 0x74
step ipmi-lanctl target show
step cat /run/demo-targets.conf
"$IPMI_LANCTL" chassis serve config /run/demo-targets.conf &
serve_targets=$!
for i in $(seq 1 40); do
	[ "$(ipmi-lanctl forward show 2>/dev/null | grep -c 'target.*owned')" -ge 16 ] && break
	sleep 0.25
done
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame -t 0x72 mc info
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame -t 0x72 power on
sleep 0.5
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame -t 0x72 power status
step ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame -t 0x74 power status
kill $serve_targets
wait $serve_targets 2>/dev/null
step ipmi-lanctl target del 0x72
step ipmi-lanctl target del 0x74

# Serial-over-LAN: the managed host's console is a pty here (a UART on a
# real board); its slave gets the SoL line discipline, and ipmitool sol
# activate talks to the "host" behind it: a login prompt and a shell.
python3 "$IPMI_LAN_TOP/tests/e2e/sol-host.py" demo "$IPMI_LANCTL" \
	-I lanplus -H 127.0.0.1 -U admin -P opensesame

# Garbage is dropped and counted, never answered.
step python3 "$IPMI_LAN_TOP/tests/tools/rmcp_raw.py" -t 0.5 127.0.0.1 0600ff07 0700ff06000011be80770000

step ipmi-lanctl stats show
step ipmi-lanctl -j show
exit 0
