#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test of ipmi-lan. Stages, each timed:
#
#   deps          tests/lib/kernels.sh deps (only when root)
#   build-tool, build-rmcpp-client
#   build-debug   the debug module (the debug kernel is built here when it
#                 is not cached, about 15 minutes), then
#   vm-debug      tests/vm.sh debug: harness self-tests, KUnit, e2e,
#                 kmemleak; the longest stage, so it starts first, then
#   rmcpp-client, tool-unit, harness-unit, checkpatch, bench-smoke;
#                 beside them, one at a time and at a lower priority:
#     build-6.1, build-6.12 (W=1 and sparse), vm-6.1, vm-6.12
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

cpu_of() { # FILE from "times" (its second line: the children's user and system time) -> whole seconds
	awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } printf "%ds", t }' "$1" 2>/dev/null
}

# stage NAME CMD...: run CMD with its output in build/check/NAME.log, print
# its duration; returns CMD's status.
stage() {
	local name=$1 start rc
	shift
	start=$(date +%s)
	echo "== $name"
	# The host CPU time it used (its children's user and system time, as
	# the subshell's "times" reports them), beside the wall time.
	(
		"$@" >"$LOGS/$name.log" 2>&1
		rc=$?
		times >"$LOGS/$name.cpu"
		exit $rc
	)
	rc=$?
	echo "timing $name $(($(date +%s) - start))s (cpu $(cpu_of "$LOGS/$name.cpu"))"
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

# gate NAME CMD...: a stage whose status is one result line.
gate() {
	local name=$1
	if stage "$@"; then
		result ok "$name"
	else
		result "not ok" "$name" "see $LOGS/$name.log"
		fail_tail "$LOGS/$name.log"
		return 1
	fi
}

report_vm() { # KERNEL RC
	local k=$1 rc=$2
	grep -E '^(ok|not ok|skip) ' "$LOGS/vm-$k.log" | tee -a "$RESULTS"
	grep -E '^timing ' "$LOGS/vm-$k.log" | grep -E '/(total|guest-boot-to-userland|boot-and-run|host-prepare|prepare|selftest|clients-wait|kunit|e2e|kmemleak) ' |
		sed 's/^/  /'
	if [ "$rc" != 0 ]; then
		# vm.sh's own diagnostics (log scan hits, console tail) are on stderr.
		grep -vE '^(ok|not ok|skip|timing) ' "$LOGS/vm-$k.log" | tail -n 40 | sed 's/^/    /'
		grep -qE '^not ok ' "$LOGS/vm-$k.log" ||
			result "not ok" "$k/vm" "tests/vm.sh $k exited with $rc"
	fi
}

# (b) what the debug guest needs, first: it is the longest stage.
gate build-tool make tool
gate build-rmcpp-client make -s -C tests/tools/rmcpp

# (c)-(f) Two lanes. The debug lane: the debug module's build, the debug
# guest, then the checks that start no guest (the raw client's, the
# tool's and the harness's unit checks, checkpatch), then the benchmark
# smoke (on the side lane's 6.1 module). The side lane, one thing at a
# time: the stock builds, then the stock guests one after the other; its
# output is printed at the end. The smoke ran last in the side lane
# until the side lane (1100 s) had become the longer one by about its
# length, while the debug lane was done at 900 s.
# Two guests side by side waste the host: a vCPU whose peer holds a lock
# (or owes it an IPI) spins while the host runs the other guest's vCPUs
# instead of that peer. The debug guest alone ran in 575 s on 912 host
# CPU-s; beside a stock guest at the same priority it took 1134 s and
# 1235 CPU-s. So the side lane runs at a lower priority (its compiles at
# nice 10, its guests at nice 5): the debug guest, the longer stage, gets
# the host when it wants it, and the side lane uses what it leaves.
side() {
	local k
	declare -A built=()
	# The stock modules, each compiled once under W=1 and sparse (C=2).
	for k in 6.1 6.12; do
		gate "build-$k" nice -n 10 tests/lib/build-module.sh "$k" sparse && built[$k]=1
	done
	# For the debug lane's benchmark smoke.
	echo "${built[6.1]:-0}" >"$LOGS/side-built-6.1"
	for k in 6.1 6.12; do
		if [ -z "${built[$k]:-}" ]; then
			result "not ok" "$k/vm" "not run: build-$k failed"
			continue
		fi
		IPMI_LAN_VM_SMP=1 stage "vm-$k" nice -n 5 tests/vm.sh "$k"
		report_vm "$k" $?
	done
}

side >"$LOGS/side.out" 2>&1 &
side_pid=$!
debug_built=0
gate build-debug tests/lib/build-module.sh debug && debug_built=1
if [ "$debug_built" = 1 ]; then
	stage vm-debug tests/vm.sh debug
	report_vm debug $?
else
	result "not ok" debug/vm "not run: build-debug failed"
fi
# The raw RMCP+ client the e2e tests use, checked against its own fake
# BMC and the independent crypto oracle.
gate rmcpp-client make -s -C tests/tools/rmcpp check
gate tool-unit make -s -C ipmi-lanctl check
# The harness's own unit checks (scanner and KTAP parser on saved samples).
stage harness-unit tests/lib/selftest.sh
grep -E '^(ok|not ok|skip) ' "$LOGS/harness-unit.log" | tee -a "$RESULTS"
# checkpatch.pl comes from the debug kernel's tree, which build-debug
# made sure of.
gate checkpatch make -s style
# A few seconds of every benchmark phase on the stock 6.1 kernel, so the
# benchmark keeps working; no timing is asserted (see make bench).
while [ ! -e "$LOGS/side-built-6.1" ] && kill -0 "$side_pid" 2>/dev/null; do
	sleep 1
done
if [ "$(cat "$LOGS/side-built-6.1" 2>/dev/null)" = 1 ]; then
	gate bench-smoke tests/bench/run.sh --smoke
fi
wait "$side_pid"
cat "$LOGS/side.out"

# The ten slowest e2e tests and KUnit/self-test stages, across kernels.
echo "slowest:"
cat "$LOGS"/vm-*.log 2>/dev/null |
	sed -n -E 's#^timing ([^/ ]*/(e2e/[^ ]*|kunit|selftest|clients)) ([0-9]+)s( .*)?$#\3 \1#p' |
	sort -rn | head -n 10 | awk '{ printf "  %5ss %s\n", $1, $2 }'

# Every failure again, last, with its reason and the end of its log: CI
# keeps only the head and the tail of this output.
if grep -q '^not ok ' "$RESULTS"; then
	echo "failed:"
	grep '^not ok ' "$RESULTS" | while read -r line; do
		echo "  ${line#not ok }"
		name=${line#not ok }
		name=${name%% *}
		k=${name%%/*} t=${name#*/}
		log=$TOP/build/vm/$k/e2e/$t.log
		[ "$k" != "$name" ] && [ -f "$TOP/build/vm/$k/console.log" ] &&
			grep -a -m1 -F "runner: not ok $t #" "$TOP/build/vm/$k/console.log" |
			sed 's/^/    /'
		[ "$k" != "$name" ] && [ -f "$log" ] && tail -n 30 "$log" | sed 's/^/    | /'
	done
fi

pass=$(grep -c '^ok ' "$RESULTS")
fail=$(grep -c '^not ok ' "$RESULTS")
skip=$(grep -c '^skip ' "$RESULTS")
echo "timing total $(($(date +%s) - T0))s"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
