#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test of ipmi-lan. Stages, each timed:
#
#   deps        tests/lib/kernels.sh deps (only when root)
#   build       make tool; build-module.sh 6.1, 6.12, debug (the debug kernel
#               is built here when it is not cached, about 10 minutes)
#   checkpatch  make style, if tests/lib/style.sh exists
#   unit        the harness's own host-side checks (tests/lib/selftest.sh)
#   vm debug    tests/vm.sh debug: harness self-tests, KUnit, e2e
#   vm 6.1      tests/vm.sh 6.1: e2e
#   vm 6.12     tests/vm.sh 6.12: e2e
#
# Every result line ("ok NAME", "not ok NAME", "skip NAME") is printed and
# counted; the last line is "N passed, N failed, N skipped". The exit status
# is non-zero if anything failed. Logs are in build/check/.

set -uo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$TOP" || exit 1
LOGS=$TOP/build/check
rm -rf "$LOGS"
mkdir -p "$LOGS"
RESULTS=$LOGS/results.txt
: >"$RESULTS"
T0=$(date +%s)

result() { # ok|not ok|skip NAME [why]
	local line="$1 $2${3:+ # $3}"
	echo "$line"
	echo "$line" >>"$RESULTS"
}

# stage NAME CMD...: run CMD with its output in build/check/NAME.log, print
# its duration; returns CMD's status.
stage() {
	local name=$1 start rc
	shift
	start=$(date +%s)
	echo "== $name"
	"$@" >"$LOGS/$name.log" 2>&1
	rc=$?
	echo "timing $name $(($(date +%s) - start))s"
	return $rc
}

fail_tail() { # LOG: show the end of a failed stage's log
	tail -n 25 "$1" | sed 's/^/    /'
}

# (a) dependencies
if [ "$(id -u)" = 0 ]; then
	if stage deps tests/lib/kernels.sh deps; then
		result ok deps
	else
		result "not ok" deps "see $LOGS/deps.log"
		fail_tail "$LOGS/deps.log"
	fi
fi

# (b) builds
declare -A built=()
if stage build-tool make tool; then
	result ok build-tool
else
	result "not ok" build-tool "see $LOGS/build-tool.log"
	fail_tail "$LOGS/build-tool.log"
fi
for k in 6.1 6.12 debug; do
	if stage "build-$k" tests/lib/build-module.sh "$k"; then
		result ok "build-$k"
		built[$k]=1
	else
		result "not ok" "build-$k" "see $LOGS/build-$k.log"
		fail_tail "$LOGS/build-$k.log"
	fi
done

# (c) checkpatch, once tests/lib/style.sh exists
for k in 6.1 6.12; do
	[ -n "${built[$k]:-}" ] || continue
	if stage "sparse-$k" tests/lib/build-module.sh "$k" sparse; then
		result ok "sparse-$k"
	else
		result "not ok" "sparse-$k" "see $LOGS/sparse-$k.log"
		fail_tail "$LOGS/sparse-$k.log"
	fi
done

# The raw RMCP+ client the e2e tests use, checked against its own fake BMC
# and the independent crypto oracle.
if stage rmcpp-client make -s -C tests/tools/rmcpp check; then
	result ok rmcpp-client
else
	result "not ok" rmcpp-client "see $LOGS/rmcpp-client.log"
	fail_tail "$LOGS/rmcpp-client.log"
fi

if stage tool-unit make -s -C ipmi-lanctl check; then
	result ok tool-unit
else
	result "not ok" tool-unit "see $LOGS/tool-unit.log"
	fail_tail "$LOGS/tool-unit.log"
fi

if [ -f tests/lib/style.sh ]; then
	if stage checkpatch make -s style; then
		result ok checkpatch
	else
		result "not ok" checkpatch "see $LOGS/checkpatch.log"
		fail_tail "$LOGS/checkpatch.log"
	fi
fi

# The harness's own unit checks (scanner and KTAP parser on saved samples).
stage harness-unit tests/lib/selftest.sh
grep -E '^(ok|not ok|skip) ' "$LOGS/harness-unit.log" | tee -a "$RESULTS"

# (d)-(f) one VM per kernel
# The debug kernel alone, then both stock kernels side by side: a stock
# guest keeps about one host core busy, and the machine has two.
report_vm() { # KERNEL RC
	local k=$1 rc=$2
	grep -E '^(ok|not ok|skip) ' "$LOGS/vm-$k.log" | tee -a "$RESULTS"
	grep -E '^timing ' "$LOGS/vm-$k.log" | grep -E '/(total|guest-boot-to-userland|boot-and-run|host-prepare|prepare|selftest|clients|kunit|e2e|kmemleak) ' |
		sed 's/^/  /'
	if [ "$rc" != 0 ]; then
		# vm.sh's own diagnostics (log scan hits, console tail) are on stderr.
		grep -vE '^(ok|not ok|skip|timing) ' "$LOGS/vm-$k.log" | tail -n 40 | sed 's/^/    /'
		grep -qE '^not ok ' "$LOGS/vm-$k.log" ||
			result "not ok" "$k/vm" "tests/vm.sh $k exited with $rc"
	fi
}

if [ -n "${built[debug]:-}" ]; then
	stage vm-debug tests/vm.sh debug
	report_vm debug $?
else
	result "not ok" debug/vm "not run: build-debug failed"
fi

declare -A pid=()
start=$(date +%s)
echo "== vm-6.1 and vm-6.12, side by side"
for k in 6.1 6.12; do
	if [ -z "${built[$k]:-}" ]; then
		result "not ok" "$k/vm" "not run: build-$k failed"
		continue
	fi
	tests/vm.sh "$k" >"$LOGS/vm-$k.log" 2>&1 &
	pid[$k]=$!
done
for k in 6.1 6.12; do
	[ -n "${pid[$k]:-}" ] || continue
	wait "${pid[$k]}"
	report_vm "$k" $?
done
echo "timing vm-stock $(($(date +%s) - start))s"

# A few seconds of every benchmark phase on the stock 6.1 kernel, so the
# benchmark keeps working; no timing is asserted (see make bench).
if [ -n "${built[6.1]:-}" ]; then
	if stage bench-smoke tests/bench/run.sh --smoke; then
		result ok bench-smoke
	else
		result "not ok" bench-smoke "see $LOGS/bench-smoke.log"
		fail_tail "$LOGS/bench-smoke.log"
	fi
fi

# The ten slowest e2e tests and KUnit/self-test stages, across kernels.
echo "slowest:"
cat "$LOGS"/vm-*.log 2>/dev/null |
	sed -n -E 's#^timing ([^/ ]*/(e2e/[^ ]*|kunit|selftest|clients)) ([0-9]+)s$#\3 \1#p' |
	sort -rn | head -n 10 | awk '{ printf "  %5ss %s\n", $1, $2 }'

pass=$(grep -c '^ok ' "$RESULTS")
fail=$(grep -c '^not ok ' "$RESULTS")
skip=$(grep -c '^skip ' "$RESULTS")
echo "timing total $(($(date +%s) - T0))s"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
