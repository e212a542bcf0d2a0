#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The fleet: all 254 targets (01h..FFh but 20h) behind one address, added
# with one ipmi-lanctl -batch (then the system's last interface number
# taken in another namespace, and the next refused) and served by ONE chassis consumer process
# from a [target *] section whose hooks name the target (%x, and
# $IPMI_LAN_TARGET), so each touches only its own state file; 0x72 has a
# section of its own (with a status hook), which wins over the range.
# ipmitool -t switches and reads a sample (01h, FFh, 72h, 33h, 9Ah) and
# their identities; two sessions poll every target's Get Chassis
# Status at once (each answer from its own target, and only the sample
# is on). A target deleted and added again is served again by the same
# process while a poll of the others goes on undisturbed. Every target
# deleted under the consumer: it sees them go and exits cleanly.
# timeout: 600
# expect: 90
# serial: targets (it takes every interface number the message handler has left)
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

lanctl set enabled on
# Hooks are shells: slow on a busy debug guest.
lanctl set forward-timeout 5000
add_user 3 admin opensesame admin
dir=$IPMI_LAN_OUT
all=()
for ((a = 1; a <= 255; a++)); do
	# no $(...): a fork costs 0.1 s on the debug guest
	printf -v x 0x%02x "$a"
	[ "$a" = 32 ] || all+=("$x")
done

info "254 targets in one batch"
for a in "${all[@]}"; do
	echo "target add $a name node$((a)) device-id $a"
done >"$dir/add.batch"
lanctl -batch "$dir/add.batch"
[ "$(lanctl -j target show | jq length)" = 254 ] || fail "not 254 targets"

info "the 256 interface numbers"
# /dev/ipmiN has 256 minors, and the message handler numbers interfaces
# system-wide: the system interface and 254 targets leave one. Another
# namespace's server adds targets until the module refuses one, with a
# reason; the last one accepted is /dev/ipmi255. (At most 3: the system
# interface may be between two test namespaces just now.)
new_ns other
other() { ip netns exec "$NS_NAME" "$IPMI_LANCTL" "$@"; }
printf 'target add %s\n' 1 2 3 >"$dir/other.batch"
other -batch "$dir/other.batch" 2>"$dir/other.err" && fail "no interface number was refused"
grep -q 'no /dev/ipmiN left' "$dir/other.err" || fail "no reason for the refusal: $(cat "$dir/other.err")"
out=$(other -j target show)
[ "$(jq '[.[].if_num] | max' <<<"$out")" = 255 ] || fail "the last one accepted: $out"
[ -c /dev/ipmi255 ] || fail "no /dev/ipmi255"
jq -r '.[] | "target del \(.addr)"' <<<"$out" | other -batch -

info "one consumer"
# fleet.sh ADDR: the [target *] hooks. It checks that %x and the
# environment name the same target.
cat >"$dir/fleet.sh" <<EOF
#!/bin/sh
[ "\$IPMI_LAN_TARGET" = "0x\$1" ] || { echo "\$1 is not \$IPMI_LAN_TARGET" >>"$dir/fleet.errors"; exit 1; }
echo "\$IPMI_LAN_ACTION" >>"$dir/fleet-\$1.hooks"
case \$IPMI_LAN_ACTION in
on) echo on >"$dir/fleet-\$1.state" ;;
off) echo off >"$dir/fleet-\$1.state" ;;
esac
EOF
chmod +x "$dir/fleet.sh"
power_hook "$dir/n72"
cat >"$dir/fleet.conf" <<EOF
# No key before the sections: the BMC is not served.
[target *]
power-on = $dir/fleet.sh %x
power-off = $dir/fleet.sh %x
state = $dir/saved-%x
[target 0x72]
power-on = $dir/n72.sh
power-off = $dir/n72.sh
status = test "\$(cat $dir/n72.state)" = on
EOF
"$IPMI_LANCTL" chassis serve config "$dir/fleet.conf" >"$dir/serve.log" 2>&1 &
serve=$!
serving() { [ "$(grep -c 'serving /dev/ipmi' "$dir/serve.log")" -ge "$1" ]; }
retry 120 serving 254 || fail "not serving 254 targets: $(tail -5 "$dir/serve.log")"
[ "$(grep -c 'serving /dev/ipmi' "$dir/serve.log")" = 254 ] ||
	fail "more than 254 served: $(grep -v 'target 0x' "$dir/serve.log")"
grep -v '^ipmi-lanctl chassis: target 0x[0-9a-f]*: serving /dev/ipmi' "$dir/serve.log" &&
	fail "unexpected lines in the consumer's log"
[ "$(lanctl -j forward show | jq '[.[] | select(.target != null and .owned)] | length')" = $((254 * 8)) ] ||
	fail "not 8 owned forward entries per target"

info "ipmitool -t"
# One login for the whole sample: ipmitool's shell switches targets with
# "set targetaddr" (what -t sets), and each target's part of the output
# follows its "Set remote IPMB address to" line. Power on, then power
# status, which the tracked state answers at once ([target *] has no
# status hook); 0x72's own status hook is asked below, with -t.
it() { timeout 60 ipmitool -I lanplus -H 127.0.0.1 -U admin -P opensesame "$@"; }
sample=(0x72 0x01 0xff 0x33 0x9a)
for a in "${sample[@]}"; do
	printf 'set targetaddr %s\npower on\npower status\nmc info\n' "$a"
done | { cat; echo exit; } | it shell >"$dir/it.out" 2>&1 ||
	fail "ipmitool shell: $(cat "$dir/it.out")"
for a in "${sample[@]}"; do
	awk -v a="$a" '/^Set remote IPMB address to /{ on = ($NF == a) } on' \
		"$dir/it.out" >"$dir/it-$a.out"
	grep -q 'Up/On' "$dir/it-$a.out" || fail "power on -t $a: $(cat "$dir/it-$a.out")"
	grep -Eq "Device ID +: $((a))\$" "$dir/it-$a.out" || fail "mc info -t $a: $(cat "$dir/it-$a.out")"
	[ "$a" = 0x72 ] || grep -q 'Chassis Power is on' "$dir/it-$a.out" ||
		fail "power status -t $a: $(cat "$dir/it-$a.out")"
done
for a in 01 ff 33 9a; do
	retry 20 grep -qx on "$dir/fleet-$a.state" || fail "0x$a is not on"
	[ "$(cat "$dir/fleet-$a.hooks")" = on ] || fail "0x$a hooks: $(cat "$dir/fleet-$a.hooks")"
done
retry 20 grep -qx on "$dir/n72.state" || fail "0x72 is not on"
[ ! -e "$dir/fleet-72.hooks" ] || fail "0x72 ran the [target *] hooks"
[ "$(find "$dir" -name 'fleet-*.hooks' | wc -l)" = 4 ] ||
	fail "other targets ran hooks: $(find "$dir" -name 'fleet-*.hooks')"
[ ! -e "$dir/fleet.errors" ] || fail "hook environment: $(cat "$dir/fleet.errors")"
# 0x72's own status hook reads its state file.
it -t 0x72 power status | grep -q 'Chassis Power is on' || fail "power status -t 0x72"

info "two sessions poll every target"
raw() { "$RMCPP" -U admin -P opensesame -L administrator "$@"; }
n=${#all[@]}
raw -t 5000 bridge-poll 120 "$n" "${all[@]}" >"$dir/poll1.out" 2>&1 &
p1=$!
raw -t 5000 bridge-poll 120 "$n" "${all[@]:127}" "${all[@]:0:127}" >"$dir/poll2.out" 2>&1 &
p2=$!
wait "$p1" "$p2" || fail "poll: $(cat "$dir"/poll?.out)"
for j in 1 2; do
	[ "$(cat "$dir/poll$j.out")" = "sent $n ok $n wrong 0 lost 0 on 01,33,72,9a,ff" ] ||
		fail "poll $j: $(cat "$dir/poll$j.out")"
done

info "a target deleted and added again"
# 0x33 goes and comes back while another session polls the others: the
# same consumer serves it again, with its power state, and the poll loses
# nothing.
others=()
for a in "${all[@]}"; do [ "$a" = 0x33 ] || others+=("$a"); done
RMCPP_STOP_FILE=$dir/poll3.stop raw -t 5000 bridge-poll 60 100000 "${others[@]}" >"$dir/poll3.out" 2>&1 &
p3=$!
lanctl target del 0x33
retry 40 grep -q 'target 0x33: system interface gone' "$dir/serve.log" ||
	fail "the consumer did not see 0x33 go: $(tail -3 "$dir/serve.log")"
lanctl target add 0x33 name node51 device-id 0x33
retry 40 sh -c "[ \$(grep -c 'target 0x33: serving' '$dir/serve.log') = 2 ]" ||
	fail "0x33 is not served again: $(tail -3 "$dir/serve.log")"
it -t 0x33 power status | grep -q 'Chassis Power is on' || fail "power status -t 0x33 after its return"
touch "$dir/poll3.stop"
wait "$p3" || fail "poll of the others: $(cat "$dir/poll3.out")"
read -r _ sent _ ok _ wrong _ lost _ <"$dir/poll3.out" || fail "poll 3: $(cat "$dir/poll3.out")"
if [ "$sent" -lt 50 ] || [ "$ok" != "$sent" ] || [ "$wrong" != 0 ] || [ "$lost" != 0 ]; then
	fail "poll of the others: $(cat "$dir/poll3.out")"
fi
info "poll during the deletion: $(cat "$dir/poll3.out")"

info "every target deleted under the consumer"
for a in "${all[@]}"; do echo "target del $a"; done >"$dir/del.batch"
lanctl -batch "$dir/del.batch"
[ "$(lanctl -j target show | jq length)" = 0 ] || fail "targets left"
retry 40 sh -c "[ \$(grep -c 'system interface gone' '$dir/serve.log') -ge 255 ]" ||
	fail "the consumer did not see every target go: $(tail -3 "$dir/serve.log")"
kill "$serve"
wait "$serve" || fail "the consumer did not exit 0: $(tail -3 "$dir/serve.log")"
[ "$(lanctl -j forward show | jq length)" = 0 ] || fail "forward entries left"
info finished
