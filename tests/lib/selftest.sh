#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # the checks are called through check()
#
# Host-side checks of the harness itself: the kernel log scanner and the
# KTAP parser against saved samples in tests/lib/testdata/. Prints one
# "ok NAME" / "not ok NAME" line per check; exits 1 on any failure.

set -uo pipefail

LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
D=$LIB/testdata
failed=0

check() { # NAME CMD...
	local name=$1
	shift
	if "$@"; then
		echo "ok $name"
	else
		echo "not ok $name"
		failed=1
	fi
}

scan_clean() { "$LIB/scanlog.sh" --exclude-selftest "$D/scan-clean.log" >/dev/null; }
scan_region() { ! "$LIB/scanlog.sh" "$D/scan-clean.log" >/dev/null; }
scan_dirty() {
	local out
	out=$("$LIB/scanlog.sh" --exclude-selftest "$D/scan-dirty.log") && return 1
	[ "$out" = "$(cat "$D/scan-dirty.expected")" ]
}
ktap_sample() {
	local out rc
	out=$("$LIB/ktap.sh" "$D/ktap-6.1.log")
	rc=$?
	[ "$rc" = 1 ] && [ "$out" = "$(cat "$D/ktap-6.1.expected")" ]
}
ktap_none() {
	echo "no ktap here" | "$LIB/ktap.sh" >/dev/null
	[ $? = 2 ]
}

check harness-unit-scanlog-clean scan_clean
check harness-unit-scanlog-unmarked scan_region
check harness-unit-scanlog-dirty scan_dirty
check harness-unit-ktap-sample ktap_sample
check harness-unit-ktap-none ktap_none
exit $failed
