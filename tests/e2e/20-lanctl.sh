#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ipmi-lanctl set, show and -j; EPERM for an unprivileged caller; a bad
# value gets a clear error and changes nothing.
# timeout: 480
# expect: 33
. "$IPMI_LAN_TOP/tests/e2e/lib.sh"

json() { jq -r "$1"; }
# pong_on HOST PORT: an ASF presence ping to HOST:PORT gets a pong.
pong_on() {
	"$RMCPP" -H "$1" -p "$2" -t 1000 ping >/dev/null
}

lanctl set port 6230 address 127.0.0.1 address ::1 enabled on ||
	fail "set failed"
out=$(lanctl -j server show)
info "$out"
[ "$(echo "$out" | json .port)" = 6230 ] || fail "port not set"
[ "$(echo "$out" | json '.enabled and .listening')" = true ] ||
	fail "not enabled and listening"
[ "$(echo "$out" | json '.addresses | join(",")')" = "127.0.0.1,::1" ] ||
	fail "addresses not set"
lanctl show | grep -q 'port: 6230' || fail "text show lacks the port"
pong_on 127.0.0.1 6230 || fail "no pong on the configured port"
pong_on ::1 6230 || fail "no pong on the configured port over IPv6"

# One family only: IPv6 stops listening.
lanctl set address 127.0.0.1
[ "$(lanctl -j server show | json '.addresses | join(",")')" = 127.0.0.1 ] ||
	fail "listen set not replaced"
[ "$(awk 'FNR > 1 && toupper(substr($2, length($2) - 4)) == ":1856" { n++ } END { print n + 0 }' /proc/net/udp6)" -eq 0 ] ||
	fail "still listening on IPv6"

before=$(lanctl -j server show)

# Usage errors: exit 1, nothing sent.
for bad in "port 0" "port 65536" "port x" "enabled maybe" "address 300.1.1.1" \
	"address 127.0.0.1 address 127.0.0.2" "colour blue" "port"; do
	set +e
	# shellcheck disable=SC2086
	err=$(lanctl set $bad 2>&1 >/dev/null)
	rc=$?
	set -e
	[ "$rc" -eq 1 ] || fail "'set $bad' exited $rc, not 1"
	[ -n "$err" ] || fail "'set $bad' printed no error"
done

# Kernel errors: exit 2 with the kernel's message, nothing changed.
set +e
err=$(lanctl set address 192.0.2.77 2>&1 >/dev/null)
rc=$?
set -e
info "$err"
[ "$rc" -eq 2 ] || fail "binding a foreign address exited $rc, not 2"
echo "$err" | grep -q 'cannot bind' || fail "no extack message: $err"
[ "$(lanctl -j server show)" = "$before" ] || fail "a failed set changed the configuration"
pong_on 127.0.0.1 6230 || fail "the old sockets are gone after a failed set"

set +e
err=$(lanctl set address fe80::1 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" -eq 2 ] && echo "$err" | grep -q 'link-local' ||
	fail "a link-local address was not refused clearly ($rc): $err"

# An unprivileged caller gets EPERM on every operation.
for args in "show" "stats show" "set port 7000"; do
	set +e
	# shellcheck disable=SC2086
	err=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$IPMI_LANCTL" $args 2>&1)
	rc=$?
	set -e
	[ "$rc" -eq 2 ] || fail "unprivileged '$args' exited $rc"
	echo "$err" | grep -q 'Operation not permitted' || fail "unprivileged '$args': $err"
done
[ "$(lanctl -j server show)" = "$before" ] || fail "an unprivileged set changed something"

lanctl set enabled off
[ "$(lanctl -j server show | json .listening)" = false ] || fail "still listening"
