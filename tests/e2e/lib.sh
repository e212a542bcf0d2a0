# shellcheck shell=bash
# SPDX-License-Identifier: GPL-2.0
#
# Helpers for ipmi-lan's end-to-end tests. Source it first:
#
#   . "$IPMI_LAN_TOP/tests/e2e/lib.sh"
#
# A test runs inside a fresh network namespace ($IPMI_LAN_NETNS, only lo,
# up) with ipmi_lan.ko loaded. Exit 0 = ok, 77 = skip, anything else = not
# ok. See Documentation/testing.rst.

set -euo pipefail

: "${IPMI_LAN_TOP:?not run by the harness (tests/vm.sh)}"
: "${IPMI_LAN_NETNS:?not run by the harness (tests/vm.sh)}"
IPMI_LANCTL=${IPMI_LANCTL:-$IPMI_LAN_TOP/ipmi-lanctl/ipmi-lanctl}

# Print MSG on stderr and fail the test.
fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# Print MSG and skip the test.
skip() {
	echo "SKIP: $*"
	exit 77
}

# Log a progress line (goes to the test's log), with the seconds since the
# test started.
info() {
	echo "# [${SECONDS}s] $*"
}

# Run CMD...; the test fails if it succeeds.
expect_fail() {
	if "$@"; then
		fail "expected to fail: $*"
	fi
	return 0
}

# Run CMD... up to N times, 0.5 s apart, until it succeeds.
retry() {
	local n=$1 i
	shift
	for ((i = 1; i <= n; i++)); do
		"$@" && return 0
		[ "$i" -eq "$n" ] || sleep 0.5
	done
	return 1
}

# The ipmi-lanctl tool.
lanctl() {
	"$IPMI_LANCTL" "$@"
}

# Namespaces made by new_ns, deleted on exit.
_E2E_NS=()
_e2e_cleanup() {
	local ns
	for ns in "${_E2E_NS[@]}"; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
		ip netns del "$ns" 2>/dev/null || true
	done
}
trap _e2e_cleanup EXIT

# new_ns NAME: make namespace "$IPMI_LAN_NETNS-NAME" with lo up, print its
# name. Deleted when the test exits (and by the runner if the test dies).
# Use it as: ns=$(new_ns peer) is NOT possible (the trap list lives in this
# shell), so new_ns sets $NS_NAME instead:  new_ns peer; ip netns exec "$NS_NAME" ...
new_ns() {
	NS_NAME=$IPMI_LAN_NETNS-$1
	ip netns add "$NS_NAME" || fail "cannot create netns $NS_NAME"
	_E2E_NS+=("$NS_NAME")
	ip -n "$NS_NAME" link set lo up
}

# veth_pair NS1 NS2 ADDR1/PLEN ADDR2/PLEN [ADDR1/PLEN ADDR2/PLEN ...]:
# connect two namespaces with a veth pair and put the addresses on its
# ends. Use documentation ranges only: 192.0.2.0/24, 198.51.100.0/24,
# 2001:db8::/32. IPv6 addresses are added with nodad, so they are usable at
# once. Interface names are short (veth names are at most 15 bytes); the
# pair's ends are printed as "IF1 IF2" in $VETH_IF1/$VETH_IF2.
_E2E_VETH=0
veth_pair() {
	local ns1=$1 ns2=$2 a1 a2 i b1="" b2="" nodad
	shift 2
	_E2E_VETH=$((_E2E_VETH + 1))
	VETH_IF1=ve$$a$_E2E_VETH
	VETH_IF2=ve$$b$_E2E_VETH
	ip link add "$VETH_IF1" netns "$ns1" type veth peer name "$VETH_IF2" netns "$ns2" ||
		fail "cannot create a veth pair between $ns1 and $ns2"
	# One ip process per end (ip -batch): each spawn costs on slow guests.
	while [ $# -ge 2 ]; do
		a1=$1 a2=$2
		shift 2
		case $a1 in
		*:*) nodad=" nodad" ;;
		*) nodad= ;;
		esac
		b1+="addr add $a1 dev $VETH_IF1$nodad"$'\n'
		b2+="addr add $a2 dev $VETH_IF2$nodad"$'\n'
	done
	b1+="link set $VETH_IF1 up"$'\n'
	b2+="link set $VETH_IF2 up"$'\n'
	printf '%s' "$b1" | ip -n "$ns1" -batch - || fail "cannot set up $VETH_IF1 in $ns1"
	printf '%s' "$b2" | ip -n "$ns2" -batch - || fail "cannot set up $VETH_IF2 in $ns2"
	# Wait until both ends are up and no address is tentative: 100 tries
	# and 20 s at most (each try starts two processes, slow on a busy
	# debug guest).
	local deadline=$((SECONDS + 20))
	for ((i = 0; i < 100 && SECONDS < deadline; i++)); do
		if _veth_ready "$ns1" "$VETH_IF1" && _veth_ready "$ns2" "$VETH_IF2"; then
			return 0
		fi
		sleep 0.1
	done
	fail "veth pair $VETH_IF1/$VETH_IF2 did not come up"
}

# _veth_ready NS IF: IF is up in NS and none of its addresses is tentative.
_veth_ready() {
	local out
	out=$(ip -n "$1" addr show dev "$2") || return 1
	[[ $out == *"state UP"* && $out != *tentative* ]]
}

# The project's raw RMCP+ test client (tests/tools/rmcpp).
RMCPP=$IPMI_LAN_TOP/tests/tools/rmcpp/rmcpp-client

# add_user ID NAME PASSWORD LEVEL: an enabled user; the password goes
# through stdin, never argv.
add_user() {
	printf '%s\n' "$3" | lanctl user add "$1" name "$2" password-stdin \
		privilege "$4" enabled on
}

# stat_drop REASON: a drop counter of this namespace's server.
stat_drop() {
	lanctl -j stats show | jq -r ".drops.$1"
}

# elapsed CMD...: run CMD, print how many whole seconds it took on stderr,
# and keep its exit status in $ELAPSED_RC and its time in $ELAPSED.
elapsed() {
	local start=$SECONDS
	set +e
	"$@"
	ELAPSED_RC=$?
	set -e
	ELAPSED=$((SECONDS - start))
}

# A scriptable /dev/ipmiN consumer (tests/tools/ipmi_consumer.py).
CONSUMER=$IPMI_LAN_TOP/tests/tools/ipmi_consumer.py

# smi_here: move the system interface to this test's namespace (from the
# initial one, or a namespace of an earlier test that is still going
# away); sets SMI_N and SMI_DEV (/dev/ipmiN). Tests never assume N = 0.
smi_here() {
	nsenter -t 1 -n "$IPMI_LANCTL" smi detach >/dev/null 2>&1 || true
	# The previous test of the "smi" group may still be going away.
	retry 60 lanctl smi attach || fail "cannot attach the system interface here"
	SMI_N=$(lanctl -j smi show | jq -r .if_num)
	[ "$SMI_N" != null ] || fail "attached, but no interface number"
	SMI_DEV=/dev/ipmi$SMI_N
	retry 20 test -c "$SMI_DEV" || fail "$SMI_DEV did not appear"
}

# power_hook PREFIX: a power hook for ipmi-lanctl chassis serve, PREFIX.sh,
# that appends every action it is run for to PREFIX.hooks and keeps the
# power state in PREFIX.state (off at first): on and off (and soft-off)
# set it, cycle sets off then on, fail exits 3, others are only recorded.
power_hook() {
	local p=$1
	echo off >"$p.state"
	: >"$p.hooks"
	cat >"$p.sh" <<HOOK
#!/bin/sh
echo "\$IPMI_LAN_ACTION" >>"$p.hooks"
case \$IPMI_LAN_ACTION in
on) echo on >"$p.state" ;;
off|soft-off) echo off >"$p.state" ;;
cycle) echo off >"$p.state"; echo on >"$p.state" ;;
fail) exit 3 ;;
esac
exit 0
HOOK
	chmod +x "$p.sh"
}

# sol_json FILTER: a jq filter on ipmi-lanctl -j sol show.
sol_json() {
	lanctl -j sol show | jq -r "$1"
}

# sol_stream_setup: the byte-stream tests' server (enabled, user 3 "admin",
# SoL settings left at their defaults: resend after 200 ms, up to 7
# times), HOST (sol-host.py) and SIZE: 1 MiB, 128 KiB on the debug kernel.
sol_stream_setup() {
	lanctl set enabled on
	add_user 3 admin opensesame admin
	HOST=$IPMI_LAN_TOP/tests/e2e/sol-host.py
	[ "$(sol_json .sol.ldisc_ok)" = true ] ||
		fail "the SoL discipline is not registered: $(lanctl sol show)"
	SIZE=1048576
	[ "$IPMI_LAN_KERNEL" != debug ] || SIZE=131072
}

# stat NAME: a counter of this namespace's server (JSON key of stats show).
stat() {
	lanctl -j stats show | jq -r ".$1"
}

# ms_since T0: milliseconds since T0 (from now_ms).
now_ms() {
	date +%s%3N
}
