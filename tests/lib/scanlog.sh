#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Scan a guest kernel log for reports that fail a run even when every test
# passed: KASAN, UBSAN, lockdep, RCU, WARN, BUG, Oops, kmemleak, list
# corruption, refcount, hung tasks, stalls and panics.
#
# Usage: scanlog.sh [--exclude-selftest] LOGFILE
#
# Prints every offending line (with its line number) and exits 1 if there
# was any, 0 if the log is clean, 2 on usage errors.
#
# With --exclude-selftest, exactly one region is ignored: from the first line
# containing "ipmi-lan-harness: selftest-begin" to the next line containing
# "ipmi-lan-harness: selftest-end". That is where the harness loads its
# warn and leak modules on purpose. A second begin marker, or a begin
# without an end, is itself reported.
#
# Also with --exclude-selftest, inside the one region from
# "ipmi-lan-harness: kmemleak-final-begin" to "...kmemleak-final-end" (the
# runner's last kmemleak cycle, which must find the leak the self-test
# planted) the line "kmemleak: N new suspected memory leaks" is not
# reported: the runner splits kmemleak's own report and fails on any leak
# but the planted one. Every other pattern is reported there as anywhere.
# Nothing else is ever ignored.
#
# The log may be "dmesg" output (with or without timestamps), a serial
# console capture (CRLF line ends) or /dev/kmsg records.

set -euo pipefail

exclude=0
if [ "${1:-}" = --exclude-selftest ]; then
	exclude=1
	shift
fi
if [ $# -ne 1 ] || [ ! -r "$1" ]; then
	echo "usage: scanlog.sh [--exclude-selftest] LOGFILE" >&2
	exit 2
fi

# One extended regular expression per report kind; matched against the
# message with the timestamp prefix removed.
PATTERNS=(
	'BUG: '
	'WARNING:'
	'kernel BUG'
	'Oops'
	'general protection fault'
	'Kernel panic'
	'Call Trace'
	'possible circular locking'
	'possible recursive locking'
	'inconsistent lock state'
	'suspicious RCU usage'
	'lock held when returning'
	'DEBUG_LOCKS_WARN_ON'
	'UBSAN:'
	'KASAN:'
	'^==================+$'
	'unreferenced object'
	'kmemleak: [0-9]+ new suspected memory leaks'
	'list_add corruption'
	'list_del corruption'
	'refcount_t:'
	'hung_task'
	'blocked for more than [0-9]+ seconds'
	'soft lockup'
	'hard LOCKUP'
	'rcu: INFO: .*detected stall'
	'self-detected stall'
	'ODEBUG:'
)

regex=$(IFS='|'; echo "${PATTERNS[*]}")

awk -v re="$regex" -v exclude="$exclude" '
function strip(s) {
	sub(/\r$/, "", s)
	# /dev/kmsg records: "6,123,456,-;message"
	if (s ~ /^[0-9]+,[0-9]+,[0-9]+,[^;]*;/)
		sub(/^[^;]*;/, "", s)
	# dmesg / console timestamps: "[   12.345678] " and "<4>[ ... ] "
	sub(/^<[0-9]+>/, "", s)
	sub(/^\[ *[0-9]+\.[0-9]+\] ?/, "", s)
	# printk caller ids: "[    T1] " or "[  C0] "
	sub(/^\[ *[TC][0-9]+\] ?/, "", s)
	return s
}
{
	msg = strip($0)
	if (exclude && msg ~ /ipmi-lan-harness: selftest-begin/) {
		if (regions++ > 0) {
			printf "%d: second selftest region: %s\n", NR, msg
			bad++
			next
		}
		inside = 1
		next
	}
	if (exclude && inside && msg ~ /ipmi-lan-harness: selftest-end/) {
		inside = 0
		next
	}
	if (inside)
		next
	if (exclude && msg ~ /ipmi-lan-harness: kmemleak-final-begin/) {
		if (finals++ > 0) {
			printf "%d: second kmemleak-final region: %s\n", NR, msg
			bad++
		}
		final = 1
		next
	}
	if (exclude && final && msg ~ /ipmi-lan-harness: kmemleak-final-end/) {
		final = 0
		next
	}
	if (final && msg ~ /kmemleak: [0-9]+ new suspected memory leaks/)
		next
	if (msg ~ re) {
		printf "%d: %s\n", NR, msg
		bad++
	}
}
END {
	if (final) {
		print "kmemleak-final region never ended"
		bad++
	}
	if (inside) {
		print "selftest region never ended: the log after it was not scanned"
		bad++
	}
	exit bad ? 1 : 0
}' "$1"
