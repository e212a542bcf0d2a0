#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: build the generator, the tool and the 6.1 module, boot the
# stock 6.1 guest once (tests/vm.sh --script tests/bench/guest.sh), then
# write build/bench/result.json and print the table.
#
# Usage: tests/bench/run.sh [--smoke]
#   --smoke (or BENCH_SMOKE=1)  every phase for about a second; checks only
#                               that each produced a number; writes
#                               build/bench/smoke.json
# Environment: BENCH_SECONDS (phase length, default 10), IPMI_LAN_VM_OUT
# (the VM's output directory, default build/bench/vm or build/bench/smoke-vm),
# BENCH_OUTDIR (the results and the module copy, default build/bench).
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SMOKE=${BENCH_SMOKE:-0}
case "${1:-}" in
--smoke) SMOKE=1 ;;
"") ;;
*) sed -n '8,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac

OUTDIR=${BENCH_OUTDIR:-$TOP/build/bench}
mkdir -p "$OUTDIR"
if [ "$SMOKE" = 1 ]; then
	SCRIPT=tests/bench/guest-smoke.sh
	VMOUT=${IPMI_LAN_VM_OUT:-$OUTDIR/smoke-vm}
	RESULT=$OUTDIR/smoke.json
	export IPMI_LAN_TEST_TIMEOUT=${IPMI_LAN_TEST_TIMEOUT:-240}
	export IPMI_LAN_VM_TIMEOUT=${IPMI_LAN_VM_TIMEOUT:-420}
else
	SCRIPT=tests/bench/guest.sh
	VMOUT=${IPMI_LAN_VM_OUT:-$OUTDIR/vm}
	RESULT=$OUTDIR/result.json
	export IPMI_LAN_TEST_TIMEOUT=${IPMI_LAN_TEST_TIMEOUT:-1500}
	export IPMI_LAN_VM_TIMEOUT=${IPMI_LAN_VM_TIMEOUT:-1800}
fi

echo "bench: building" >&2
make -s -C "$TOP/tests/bench"
make -s -C "$TOP" tool >/dev/null
# the SoL phase's console client
make -s -C "$TOP/tests/tools/rmcpp" rmcpp-client
"$TOP/tests/lib/build-module.sh" 6.1
# a private copy, so a rebuild during the run changes nothing
cp "$TOP/build/6.1/kmod/ipmi_lan.ko" "$OUTDIR/ipmi_lan.ko"
export IPMI_LAN_KO=$OUTDIR/ipmi_lan.ko

load0=$(cut -d' ' -f1-3 /proc/loadavg)
rc=0
set +e
IPMI_LAN_VM_OUT=$VMOUT "$TOP/tests/vm.sh" 6.1 --script "$SCRIPT" 2>&1 |
	tee "$OUTDIR/vm-run.log" | grep --line-buffered -E '^(bench:|ok |not ok |vm\[)'
vmrc=${PIPESTATUS[0]}
set -e
load1=$(cut -d' ' -f1-3 /proc/loadavg)

accel=$(sed -n 's/.*booting .* (\([a-z]*\), .*/\1/p' "$OUTDIR/vm-run.log" | head -n1)
qemu=$(qemu-system-x86_64 --version | head -n1)
args=(--meta "accel=${accel:-?}" "qemu_cpu=-cpu max,la57=off -smp 2 -m 2G" "qemu=$qemu"
	"host_cpus=$(nproc)" "host_loadavg_before=$load0" "host_loadavg_after=$load1"
	"command=$([ "$SMOKE" = 1 ] && echo 'tests/bench/run.sh --smoke' || echo 'make bench')"
	"vm_exit_status=$vmrc")
[ "$SMOKE" = 1 ] && args=(--smoke "${args[@]}")

if [ ! -s "$VMOUT/script/bench.jsonl" ]; then
	echo "bench: no results from the guest (see $VMOUT/console.log)" >&2
	exit 1
fi
cp "$VMOUT/script/bench.jsonl" "$OUTDIR/$(basename "$RESULT" .json).jsonl"
for f in ipmi-lan-profiled.txt ipmi-lan-hs-profiled.txt; do
	[ ! -f "$VMOUT/script/$f" ] || cp "$VMOUT/script/$f" "$OUTDIR/"
done
/usr/bin/python3 "$TOP/tests/bench/report.py" "$VMOUT/script/bench.jsonl" "$RESULT" "${args[@]}" || rc=1
if [ "$vmrc" != 0 ]; then
	echo "bench: the VM run failed (status $vmrc); see $OUTDIR/vm-run.log" >&2
	rc=1
fi
exit "$rc"
