#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Users, the channel and the device identity over netlink: add/show/set/del
# round trips, passwords and K_G never come back, refused requests exit 2
# with the kernel's message and change nothing, an unprivileged caller
# gets EPERM. Kernel-side refusals the CLI would catch itself are sent with
# raw generic netlink (tests/tools/genl_raw.py).
# timeout: 900
# expect: 160
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

GENL=$IPMI_LAN_TOP/tests/tools/genl_raw.py
# One helper process answers every genl and json request (Python starts
# once, not twice per request): requests on fd 7, answers on fd 8, which
# every subshell inherits.
pyd=$(mktemp -d)
mkfifo "$pyd/req" "$pyd/rsp"
python3 -u "$GENL" --serve <"$pyd/req" >"$pyd/rsp" &
exec 7>"$pyd/req" 8<"$pyd/rsp"
# py KIND ARG...: one request; its output on stdout, its message on
# stderr, its exit status (1 if the helper is gone).
py() { py_on 7 8 "$@"; }
# py_on IN OUT KIND ARG...: the same, to the helper on fds IN and OUT.
py_on() {
	local IFS=$'\x1f' line in=$1 out=$2
	shift 2
	printf '%s\n' "$*" >&"$in"
	while IFS= read -r line <&"$out"; do
		if [ "${line:0:1}" = $'\x1e' ]; then
			line=${line:1}
			[ -z "${line#*$'\x1f'}" ] || printf '%s\n' "${line#*$'\x1f'}" >&2
			return "${line%%$'\x1f'*}"
		fi
		printf '%s\n' "$line"
	done
	return 1
}
# json EXPR: EXPR, a Python expression of d, the JSON on stdin.
json() {
	local in=
	# All of stdin: read -d '' stops at EOF (no NUL comes), which is its
	# non-zero status, not an error.
	IFS= read -r -d '' in || true
	py json "$1" "${in//$'\n'/ }"
}
# genl [--dump] CMD ATTR...: a raw request; prints the JSON reply.
genl() { py genl "$@"; }
# Command and attribute numbers from include/uapi/linux/ipmi_lan.h.
GET_SERVER=1 SET_SERVER=2 GET_USER=4 SET_USER=5 DEL_USER=6
GET_CHANNEL=7 SET_CHANNEL=8 GET_SESSIONS=9
A_USER=14 A_CHANNEL=15
# user_nest JSON-TRIPLES: an IPMI_LAN_A_USER attribute.
user_nest() { echo "$A_USER:nest:[$1]"; }
chan_nest() { echo "$A_CHANNEL:nest:[$1]"; }
# refused WHAT PATTERN CMD...: CMD must exit 2 with PATTERN in its message,
# and the users and the channel must be unchanged.
state() {
	genl --dump $GET_USER -- $GET_CHANNEL -- $GET_SERVER
}
# REF caches the state a refusal must leave: the state after the previous
# refusal. Any other command that changes the state must clear it (REF=).
REF=
refused() {
	local what=$1 pattern=$2 before after err rc
	shift 2
	before=${REF:-$(state)}
	set +e
	err=$("$@" 2>&1 >/dev/null)
	rc=$?
	set -e
	info "$what: $err"
	[ "$rc" -eq 2 ] || fail "$what: exited $rc, not 2 ($err)"
	# PATTERN is a regular expression, matched without a process.
	shopt -s nocasematch
	[[ $err =~ $pattern ]] || fail "$what: no clear message: $err"
	shopt -u nocasematch
	after=$(state)
	[ "$before" = "$after" ] || fail "$what: changed the configuration"
	REF=$after
}

tmp=$(mktemp -d)
trap '_e2e_cleanup; exec 7>&-; rm -rf "$tmp" "$pyd"' EXIT
PW='Tr0ub4dor&3-xyzzy'
PW_HEX=$(printf '%s' "$PW" | od -An -tx1 | tr -d ' \n')
printf '%s' "$PW" >"$tmp/pw"
printf 'n3w-secret' >"$tmp/pw2"

# A fresh instance has no users and the default channel.
[ "$(lanctl -j user show | json 'len(d)')" = 0 ] || fail "a fresh instance has users"
ch=$(lanctl -j channel show)
info "$ch"
[ "$(echo "$ch" | json 'sorted(d["suites"])')" = "[3, 17]" ] || fail "default suites"
[ "$(echo "$ch" | json '(d["has_kg"], d["session_timeout"], d["max_sessions"], d["lockout_threshold"], d["lockout_reset"], d["lockout_interval"])')" = \
	"(False, 60, 32, 0, 60, 300)" ] || fail "channel defaults: $ch"

# Add, show, set, del.
lanctl user add 2 name admin password-file "$tmp/pw" privilege admin enabled on ||
	fail "user add failed"
lanctl user add 3 name operator1 || fail "user add without a password failed"
out=$(lanctl -j user show 2)
info "$out"
[ "$(echo "$out" | json '(d["id"], d["name"], d["enabled"], d["privilege"], d["ipmi_messaging"], d["link_auth"], d["has_password"], d["locked"])')" = \
	"(2, 'admin', True, 'administrator', True, False, True, False)" ] ||
	fail "user 2 not as added: $out"
out=$(lanctl -j user show 3)
[ "$(echo "$out" | json '(d["enabled"], d["privilege"], d["ipmi_messaging"], d["link_auth"], d["has_password"])')" = \
	"(False, 'user', True, False, False)" ] || fail "new-user defaults: $out"
lanctl user set 3 privilege operator ipmi off link-auth on password-file "$tmp/pw2" enabled on ||
	fail "user set failed"
out=$(lanctl -j user show 3)
[ "$(echo "$out" | json '(d["enabled"], d["privilege"], d["ipmi_messaging"], d["link_auth"], d["has_password"])')" = \
	"(True, 'operator', False, True, True)" ] || fail "user 3 not updated: $out"
lanctl user set 3 name oper unlock || fail "rename failed"
[ "$(lanctl -j user show | json '[u["name"] for u in d]')" = "['admin', 'oper']" ] ||
	fail "dump is not admin, oper"
lanctl user del 3 || fail "user del failed"
[ "$(lanctl -j user show | json '[u["id"] for u in d]')" = "[2]" ] || fail "user 3 not deleted"
REF=
refused "show a deleted user" "no such user" lanctl user show 3
refused "delete a deleted user" "no such user" lanctl user del 3

# Many users: the dump lists each once.
args=() dels=()
for id in {10..63}; do
	args+=(-- "$SET_USER" "$(user_nest "[1,\"u8\",$id],[2,\"str\",\"bulk$id\"]")")
	dels+=(-- "$DEL_USER" "$(user_nest "[1,\"u8\",$id]")")
done
genl "${args[@]:1}" >/dev/null || fail "adding users 10..63 failed"
[ "$(lanctl -j user show | json '(len(d), len({u["id"] for u in d}))')" = "(55, 55)" ] ||
	fail "the dump does not list 55 distinct users"
genl "${dels[@]:1}" >/dev/null || fail "deleting users 10..63 failed"

# The password never comes back: not in the tool's output, not in any
# netlink reply.
for args in "user show" "-j user show" "user show 2" "-j user show 2"; do
	# shellcheck disable=SC2086
	out=$(lanctl $args)
	case $out in *"$PW"*) fail "'$args' shows the password" ;; esac
done
raw=$(genl $GET_USER "$(user_nest '[1,"u8",2]')" | json 'd["raw"]')
raw="$raw$(genl --dump $GET_USER | json 'd["raw"]')"
[ -n "$raw" ] || fail "no raw reply"
case $raw in *"$PW_HEX"*) fail "a netlink reply carries the password" ;; esac
genl $GET_USER "$(user_nest '[1,"u8",2]')" |
	json '[a for m in d["msgs"] for n in m for a in n[1] if n[0] == 14 and a[0] == 3]' |
	grep -qx '\[\]' || fail "a reply carries IPMI_LAN_USER_A_PASSWORD"

# Refusals: exit 2, the kernel's message, nothing changed.
REF=
refused "id 1" "null user" genl $SET_USER "$(user_nest '[1,"u8",1],[2,"str","nobody"]')"
refused "id 64" "range" genl $SET_USER "$(user_nest '[1,"u8",64],[2,"str","nobody"]')"
refused "id 0" "range" genl $SET_USER "$(user_nest '[1,"u8",0],[2,"str","nobody"]')"
refused "name too long" "." genl $SET_USER \
	"$(user_nest '[1,"u8",4],[2,"str","abcdefghijklmnopq"]')"
refused "empty name" "null" genl $SET_USER "$(user_nest '[1,"u8",4],[2,"str",""]')"
refused "name with a space" "printable" genl $SET_USER \
	"$(user_nest '[1,"u8",4],[2,"str","a b"]')"
refused "new user without a name" "needs a name" genl $SET_USER "$(user_nest '[1,"u8",4]')"
refused "duplicate name" "another user has this name" lanctl user add 4 name admin
refused "duplicate name (rename)" "another user has this name" \
	genl $SET_USER "$(user_nest '[1,"u8",5],[2,"str","admin"]')"
refused "enable without a password" "name and a password" lanctl user add 4 name nopw enabled on
lanctl user add 4 name nopw || fail "adding user 4 failed"
REF=
refused "enable without a password (set)" "name and a password" lanctl user set 4 enabled on
refused "empty password" "empty password" genl $SET_USER "$(user_nest '[1,"u8",4],[3,"bin",""]')"
refused "password too long" "." genl $SET_USER \
	"$(user_nest '[1,"u8",4],[3,"bin","000102030405060708090a0b0c0d0e0f1011121314"]')"
refused "create an existing user" "exists" lanctl user add 2 name admin2
refused "update a missing user" "no such user" lanctl user set 9 privilege user
refused "unknown flag" "." genl $SET_USER "$(user_nest '[1,"u8",4],[10,"u32",8]')"
refused "has_password in a request" "." genl $SET_USER "$(user_nest '[1,"u8",4],[4,"u8",1]')"
refused "locked in a request" "." genl $SET_USER "$(user_nest '[1,"u8",4],[9,"u8",0]')"
refused "privilege 7" "no access" genl $SET_USER "$(user_nest '[1,"u8",4],[6,"u8",7]')"
refused "no user nest" "missing" genl $SET_USER
refused "no user id" "missing" genl $SET_USER "$(user_nest '[2,"str","x"]')"
for s in 0 4 18 5 31; do
	refused "suite $s" "suite" genl $SET_CHANNEL "$(chan_nest "[1,\"u32\",$(((1 << s) | 8))]")"
done
refused "no suites" "suite" genl $SET_CHANNEL "$(chan_nest '[1,"u32",0]')"
refused "suite privilege 0" "1..5" genl $SET_CHANNEL \
	"$(chan_nest '[2,"bin","0402040404040204040404040404040204040400"]')"
refused "suite 15 above user" "capped at user" genl $SET_CHANNEL \
	"$(chan_nest '[2,"bin","0402040404040204040404040404040304040404"]')"
refused "channel privilege 6" "range" genl $SET_CHANNEL "$(chan_nest '[3,"u8",6]')"
refused "session timeout 4" "range" genl $SET_CHANNEL "$(chan_nest '[6,"u32",4]')"
refused "max sessions 64" "range" genl $SET_CHANNEL "$(chan_nest '[7,"u8",64]')"
refused "K_G of 21 bytes" "." genl $SET_CHANNEL \
	"$(chan_nest '[4,"bin","000102030405060708090a0b0c0d0e0f1011121314"]')"
# A request with one bad attribute applies none of its good ones.
refused "good and bad together" "range" genl $SET_CHANNEL \
	"$(chan_nest '[6,"u32",120],[7,"u8",0]')"

# The channel: set and show, K_G write-only.
lanctl channel set suites 3,17,15 privilege operator session-timeout 120 max-sessions 8 \
	lockout-threshold 3 lockout-reset 30 lockout-interval 600 suite-privilege 15:callback ||
	fail "channel set failed"
ch=$(lanctl -j channel show)
info "$ch"
[ "$(echo "$ch" | json '(sorted(d["suites"]), d["privilege"], d["session_timeout"], d["max_sessions"], d["lockout_threshold"], d["lockout_reset"], d["lockout_interval"], d["suite_privilege"]["15"])')" = \
	"([3, 15, 17], 'operator', 120, 8, 3, 30, 600, 'callback')" ] || fail "channel not set: $ch"
KG_HEX=6b67206b6579206f6620747769656e74792121
genl $SET_CHANNEL "$(chan_nest "[4,\"bin\",\"$KG_HEX\"]")" >/dev/null || fail "setting K_G failed"
[ "$(lanctl -j channel show | json 'd["has_kg"]')" = True ] || fail "has_kg not set"
raw=$(genl $GET_CHANNEL | json 'd["raw"]')
case $raw in *"$KG_HEX"*) fail "GET_CHANNEL carries K_G" ;; esac
[ "$(lanctl -j channel show | json 'd["session_timeout"]')" = 120 ] ||
	fail "setting K_G changed other settings"
lanctl channel set kg none || fail "clearing K_G failed"
[ "$(lanctl -j channel show | json 'd["has_kg"]')" = False ] || fail "K_G not cleared"

# A user shows as unlocked; with no sessions yet, nothing to lock.
[ "$(lanctl -j user show 2 | json 'd["locked"]')" = False ] || fail "user 2 locked"
lanctl user set 2 unlock || fail "unlock failed"

# The identity: defaults, a set, and a refused set that changes nothing.
srv=$(genl $GET_SERVER)
info "$srv"
# attribute: hex value (6 device id .. 13 GUID)
idattr() { genl $GET_SERVER | json "[a[1] for a in d['msgs'][0] if a[0] == $1][0]"; }
[ "$(idattr 6)$(idattr 7)$(idattr 8)$(idattr 9)$(idattr 10)$(idattr 11)$(idattr 12)" = \
	"20010100ffff0000000000000000" ] || fail "identity defaults"
[ "$(idattr 13 | wc -c)" -eq 33 ] || fail "no 16-byte GUID"
genl $SET_SERVER 8:u8:2 9:u8:15 10:u32:0x1234 13:bin:00112233445566778899aabbccddeeff >/dev/null ||
	fail "setting the identity failed"
[ "$(idattr 8)$(idattr 9)$(idattr 10)$(idattr 13)" = \
	"020f3412000000112233445566778899aabbccddeeff" ] || fail "identity not set"
before=$(genl $GET_SERVER | json 'd["raw"]')
for bad in 9:u8:100 8:u8:128 7:u8:16 10:u32:0x100000 13:bin:0011; do
	set +e
	err=$(genl $SET_SERVER 6:u8:0x30 "$bad" 2>&1 >/dev/null)
	rc=$?
	set -e
	[ "$rc" -eq 2 ] || fail "identity $bad: exited $rc"
	[ -n "$err" ] || fail "identity $bad: no message"
done
# A failing bind takes the identity change down with it.
set +e
err=$(genl $SET_SERVER 6:u8:0x30 1:u8:1 '3:nest:[[1,"bin","c0000263"]]' 2>&1 >/dev/null)
rc=$?
set -e
info "$err"
[ "$rc" -eq 2 ] || fail "binding 192.0.2.99 exited $rc"
[ "$(genl $GET_SERVER | json 'd["raw"]')" = "$before" ] || fail "a refused SET_SERVER changed the identity"

# GET_SESSIONS is an (empty) dump.
[ "$(genl --dump $GET_SESSIONS | json 'len(d["msgs"])')" = 0 ] || fail "sessions listed"

# An unprivileged caller gets EPERM on every operation.
before=$(state)
for args in "user show" "user add 5 name x" "user del 2" "channel show" "channel set max-sessions 5"; do
	set +e
	# shellcheck disable=SC2086
	err=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$IPMI_LANCTL" $args 2>&1)
	rc=$?
	set -e
	[ "$rc" -eq 2 ] || fail "unprivileged '$args' exited $rc"
	[[ $err == *'Operation not permitted'* ]] || fail "unprivileged '$args': $err"
done
# The raw requests go through a second helper that runs as nobody (fds 5
# and 6), one Python start for all of them.
mkfifo "$pyd/nreq" "$pyd/nrsp"
setpriv --reuid=65534 --regid=65534 --clear-groups \
	python3 -u "$GENL" --serve <"$pyd/nreq" >"$pyd/nrsp" &
exec 5>"$pyd/nreq" 6<"$pyd/nrsp"
for cmd in $GET_USER $SET_USER $DEL_USER $GET_CHANNEL $SET_CHANNEL; do
	set +e
	err=$(py_on 5 6 genl "$cmd" "$(user_nest '[1,"u8",2]')" 2>&1)
	rc=$?
	set -e
	[ "$rc" -eq 2 ] || fail "unprivileged raw command $cmd exited $rc: $err"
	[[ $err == *'errno 1:'* ]] || fail "unprivileged raw command $cmd: $err"
done
exec 5>&-
[ "$(state)" = "$before" ] || fail "an unprivileged caller changed something"

# Deleting a user frees its name.
lanctl user del 2
lanctl user add 5 name admin password-file "$tmp/pw" enabled on || fail "the name is not free"
