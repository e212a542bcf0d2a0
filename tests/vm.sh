#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot one QEMU guest for a kernel and run all of that kernel's tests in it.
#
# Usage: tests/vm.sh 6.1|6.12|debug [--shell] [--only NAME...] [--script PATH]
#
#   (no option)     debug: harness self-tests, client start-up checks, KUnit,
#                   then the e2e suite; 6.1/6.12: the e2e suite.
#   --only NAME...  run only these e2e tests (tests/e2e/NAME.sh; ".sh" may be
#                   given). "kunit" and "selftest" may be named too; on the
#                   debug kernel those stages only run when named.
#   --script PATH   instead of the e2e suite run the guest script PATH (a
#                   repository-relative or absolute host path inside the
#                   repository) with the test environment, its output on the
#                   terminal (tests/demo.sh uses this).
#   --shell         an interactive shell in the guest, prerequisites loaded
#                   (leave it with "exit"; Ctrl-A x kills QEMU).
#
# Output: one line per result, "ok KERNEL/NAME", "not ok KERNEL/NAME" or
# "skip KERNEL/NAME", "timing ..." lines, and the exit status 0 only if
# nothing failed, the guest kernel log is clean and the runner completed.
# Everything the guest wrote is in build/vm/KERNEL/ (results.tap,
# console.log, dmesg.txt, kmemleak.txt, e2e/NAME.log, ...).
#
# Environment:
#   IPMI_LAN_VM_TIMEOUT   hard limit of the QEMU run in seconds
#                         (default 2400 for debug, 900 for stock kernels)
#   IPMI_LAN_VM_MEM       guest memory (default 2G)
#   IPMI_LAN_VM_SMP       guest vCPUs (default 2)
#   IPMI_LAN_TEST_TIMEOUT default per-e2e-test timeout in seconds (180)
#   IPMI_LAN_E2E_JOBS     e2e tests run at once in the guest (2 on the debug
#                         kernel, 3 on stock ones); a test marked
#                         "# exclusive:" always runs alone
#   IPMI_LAN_E2E_TRACE=1  trace each e2e test's lines with timestamps into
#                         e2e/NAME.trace (tests/lib/trace-gaps.sh reads it)
#   IPMI_LAN_KO           use this ipmi_lan.ko instead of build/KERNEL/kmod/
#   IPMI_LAN_NO_MODULE=1  do not load ipmi_lan.ko (harness development)
#   IPMI_LAN_VERBOSE=1    also stream the guest console to the terminal
#   IPMI_LAN_ACCEL        force "tcg" or "kvm" (default: cached probe)
#   IPMI_LAN_CACHE        cache directory (default ~/.cache/ipmi-lan)
#   IPMI_LAN_VM_OUT       output directory (default build/vm/KERNEL; wiped)
#   IPMI_LAN_VM_APPEND    more guest kernel parameters (experiments)

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=tests/lib/pins.sh
. "$TOP/tests/lib/pins.sh"
CACHE=${IPMI_LAN_CACHE:-$HOME/.cache/ipmi-lan}
export IPMI_LAN_CACHE=$CACHE

usage() {
	sed -n '4,18p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

K=${1:-}
case "$K" in
6.1 | 6.12 | debug) shift ;;
*) usage ;;
esac

MODE=run
ONLY=()
SCRIPT=
while [ $# -gt 0 ]; do
	case "$1" in
	--shell) MODE=shell; shift ;;
	--script)
		[ $# -ge 2 ] || usage
		MODE=script; SCRIPT=$2; shift 2 ;;
	--only)
		shift
		while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do
			ONLY+=("${1%.sh}")
			shift
		done
		[ ${#ONLY[@]} -gt 0 ] || usage ;;
	*) usage ;;
	esac
done

OUT=${IPMI_LAN_VM_OUT:-$TOP/build/vm/$K}
T0=$(date +%s)
tstage=$T0
failed=0

say() { echo "vm[$K]: $*" >&2; }
result() { # ok|not ok|skip NAME [reason]
	local r=$1 n=$2
	shift 2
	echo "$r $K/$n${*:+ # $*}"
	[ "$r" != "not ok" ] || failed=1
}
timing() {
	local now
	now=$(date +%s)
	echo "timing $K/$1 $((now - tstage))s"
	tstage=$now
}

# --- the kernel ---------------------------------------------------------

if [ "$K" = debug ]; then
	KDIR=$("$TOP/tests/lib/kernels.sh" debug | tail -n1)
	KIMG=$KDIR/arch/x86/boot/bzImage
	ABI=
	REL=$(cat "$KDIR/include/config/kernel.release")
else
	SDIR=$("$TOP/tests/lib/kernels.sh" stock "$K" | tail -n1)
	if [ "$K" = 6.1 ]; then ABI=$ABI_61; else ABI=$ABI_612; fi
	KDIR=$SDIR
	[ -d "$SDIR/root/boot" ] && KDIR=$SDIR/root
	KIMG=$KDIR/boot/vmlinuz-$ABI
	REL=$ABI
fi
[ -r "$KIMG" ] || { say "no kernel image $KIMG"; exit 1; }

# --- the module and its vermagic ----------------------------------------

KO=$TOP/build/$K/kmod/ipmi_lan.ko
[ -z "${IPMI_LAN_KO:-}" ] || KO=$IPMI_LAN_KO
# One run per output directory at a time (another one waits for it).
mkdir -p "$(dirname "$OUT")"
exec 9>"$OUT.lock"
if ! flock -n 9; then
	say "waiting for the other run using $OUT (IPMI_LAN_VM_OUT picks another)"
	flock -w 3600 9 || { say "gave up waiting for $OUT"; exit 1; }
fi
rm -rf "$OUT"
mkdir -p "$OUT"
GUEST_KO=/run/ipmi-lan/top/build/$K/kmod/ipmi_lan.ko
if [ -n "${IPMI_LAN_KO:-}" ] && [ -f "$KO" ]; then
	cp "$KO" "$OUT/ipmi_lan.ko"
	GUEST_KO=/run/ipmi-lan/out/ipmi_lan.ko
fi
if [ "${IPMI_LAN_NO_MODULE:-0}" != 1 ] && [ "$MODE" != shell ]; then
	if [ ! -f "$KO" ]; then
		result "not ok" vermagic "no module $KO (build it: tests/lib/build-module.sh $K)"
		exit 1
	fi
	want=$(modinfo -F vermagic "$KO" 2>/dev/null || true)
	if [ "$K" = debug ]; then
		ref=$(find "$KDIR/drivers/char/ipmi" -name 'ipmi_msghandler.ko' | head -n1)
	else
		ref=$KDIR/lib/modules/$ABI/kernel/drivers/net/veth.ko
	fi
	have=$(modinfo -F vermagic "$ref" 2>/dev/null || true)
	if [ -z "$want" ] || [ "$want" != "$have" ]; then
		result "not ok" vermagic "module '$want' != kernel '$have'"
		say "vermagic mismatch: $KO was not built for $REL; not booting"
		exit 1
	fi
	result ok vermagic
fi

# --- the initramfs --------------------------------------------------------

# Load order of the stock kernel's virtio, 9p and (if modular) deps, from
# its modules.dep: every dependency before its user, each module once.
stock_modules() {
	local dir=$1 t line dep
	local -A seen=()
	for t in virtio_pci 9pnet_virtio 9p; do
		line=$(grep -E "(^|/)$t\.ko:" "$dir/modules.dep" || true)
		if [ -z "$line" ]; then
			grep -qE "(^|/)$t\.ko$" "$dir/modules.builtin" ||
				{ say "$t is neither a module nor built in"; return 1; }
			continue
		fi
		# modules.dep lists dependencies so that the last one loads first.
		# shellcheck disable=SC2086
		for dep in $(echo ${line#*:} | tr ' ' '\n' | tac) "${line%%:*}"; do
			[ -n "${seen[$dep]:-}" ] && continue
			seen[$dep]=1
			echo "$dep"
		done
	done
}

make_initramfs() {
	local mods=() m key img tmp busybox
	busybox=$(command -v busybox)
	if [ "$K" != debug ]; then
		mapfile -t mods < <(stock_modules "$KDIR/lib/modules/$ABI")
	fi
	key=$( {
		echo "$K $REL"
		sha256sum "$TOP/tests/guest/init" "$busybox" | cut -d' ' -f1
		for m in "${mods[@]}"; do
			echo "$m"
			sha256sum <"$KDIR/lib/modules/$ABI/$m" | cut -d' ' -f1
		done
	} | sha256sum | cut -c1-16)
	img=$CACHE/initramfs/$K-$key.cpio.gz
	if [ ! -f "$img" ]; then
		mkdir -p "$CACHE/initramfs"
		tmp=$(mktemp -d "$CACHE/initramfs/.build.XXXXXX")
		mkdir -p "$tmp/bin" "$tmp/modules"
		cp "$busybox" "$tmp/bin/busybox"
		install -m 755 "$TOP/tests/guest/init" "$tmp/init"
		for m in "${mods[@]}"; do
			cp "$KDIR/lib/modules/$ABI/$m" "$tmp/modules/"
			basename "$m" .ko >>"$tmp/modules/order"
		done
		(cd "$tmp" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -6) \
			>"$img.tmp"
		mv "$img.tmp" "$img"
		rm -rf "$tmp"
		say "initramfs $img (${mods[*]##*/})"
	fi
	echo "$img"
}

INITRD=$(make_initramfs)

# --- accelerator ----------------------------------------------------------

# vCPUs: 2 unless IPMI_LAN_VM_SMP says otherwise (make check's side lane
# gives its stock guests one, see tests/check.sh).
SMP=${IPMI_LAN_VM_SMP:-2}
qemu_base() { # accel
	echo qemu-system-x86_64 -machine q35 -accel "$1" -cpu max,la57=off -smp "$SMP" \
		-nographic -no-reboot -nic none
}

accel() {
	local f=$CACHE/kvm-probe log
	if [ -n "${IPMI_LAN_ACCEL:-}" ]; then
		echo "$IPMI_LAN_ACCEL"
		return
	fi
	if [ ! -s "$f" ]; then
		if [ -w /dev/kvm ]; then
			say "probing KVM (once; cached in $f)"
			log=$(mktemp)
			# shellcheck disable=SC2046
			timeout -k 5 60 $(qemu_base kvm) -m 512M -kernel "$KIMG" \
				-initrd "$INITRD" -append "console=ttyS0 panic=-1 ipmilan.probe" \
				</dev/null >"$log" 2>&1 || true
			if grep -q IPMI-LAN-PROBE-OK "$log"; then echo kvm >"$f"; else echo tcg >"$f"; fi
			rm -f "$log"
		else
			echo tcg >"$f"
		fi
	fi
	cat "$f"
}
ACCEL=$(accel)
timing host-prepare

# --- boot -----------------------------------------------------------------

if [ "$K" = debug ]; then
	MEM=${IPMI_LAN_VM_MEM:-2G}
	LIMIT=${IPMI_LAN_VM_TIMEOUT:-2400}
else
	MEM=${IPMI_LAN_VM_MEM:-2G}
	LIMIT=${IPMI_LAN_VM_TIMEOUT:-900}
fi

ARGS=()
[ ${#ONLY[@]} -eq 0 ] || ARGS+=(--only "${ONLY[@]}")
if [ "$MODE" = script ]; then
	case "$SCRIPT" in
	/*) rel=${SCRIPT#"$TOP"/} ;;
	*) rel=$SCRIPT ;;
	esac
	[ -f "$TOP/$rel" ] || { say "no script $SCRIPT inside $TOP"; exit 2; }
	ARGS+=(--script "/run/ipmi-lan/top/$rel")
fi
[ "${IPMI_LAN_NO_MODULE:-0}" != 1 ] || ARGS+=(--no-module)

# Tests side by side in one guest: most of a test's time is process
# start-up and client timeouts. The debug kernel (KASAN and lockdep under
# TCG) gets two, one per vCPU; the stock kernels three.
if [ "$K" = debug ]; then
	JOBS=${IPMI_LAN_E2E_JOBS:-2}
else
	JOBS=${IPMI_LAN_E2E_JOBS:-3}
fi
cat >"$OUT/guest.env" <<EOF
KERNEL='$K'
MODE='$MODE'
TOP_HOST='$TOP'
KDIR_HOST='$KDIR'
ABI='$ABI'
ARGS='${ARGS[*]}'
IPMI_LAN_KO='$GUEST_KO'
IPMI_LAN_TEST_TIMEOUT='${IPMI_LAN_TEST_TIMEOUT:-180}'
IPMI_LAN_E2E_JOBS='$JOBS'
IPMI_LAN_VM_SMP='$SMP'
IPMI_LAN_E2E_TRACE='${IPMI_LAN_E2E_TRACE:-0}'
EOF

# A script's output (make demo) is easier to follow without the boot log;
# the log scan reads dmesg.txt, which has everything anyway.
QUIET=
[ "$MODE" != script ] || QUIET=quiet
# norandmaps: QEMU's TCG (7.2) keys translated code by virtual address, so
# with address space randomisation every new process translates ld.so,
# libc and its program again. Without it they are translated once per
# boot, and starting a process costs about half (Documentation/testing.rst).
# shellcheck disable=SC2207
QEMU=($(qemu_base "$ACCEL") -m "$MEM"
	-kernel "$KIMG" -initrd "$INITRD"
	-append "console=ttyS0 panic=-1 log_buf_len=8M rdinit=/init norandmaps $QUIET ${IPMI_LAN_VM_APPEND:-}"
	-fsdev "local,id=root,path=/,security_model=none,readonly=on,multidevs=remap"
	-device "virtio-9p-pci,fsdev=root,mount_tag=hostroot"
	-fsdev "local,id=out,path=$OUT,security_model=none"
	-device "virtio-9p-pci,fsdev=out,mount_tag=out")

say "booting $REL ($ACCEL, $MEM, limit ${LIMIT}s); output in $OUT"
rc=0
if [ "$MODE" = shell ]; then
	"${QEMU[@]}" || rc=$?
	exit "$rc"
fi
# The stock kernels under TCG very rarely panic while booting, long before
# userland and so before any module of ours is loaded (seen once with
# 6.12: an int3 Oops in sched_clock_cpu during text patching). Such a
# boot is retried, once; anything after "userland ready" never is.
for attempt in 1 2; do
	rc=0
	if [ "$MODE" = script ] || [ "${IPMI_LAN_VERBOSE:-0}" = 1 ]; then
		timeout -k 10 "$LIMIT" "${QEMU[@]}" </dev/null 2>&1 | tee "$OUT/console.log" ||
			rc=${PIPESTATUS[0]}
	else
		timeout -k 10 "$LIMIT" "${QEMU[@]}" </dev/null >"$OUT/console.log" 2>&1 || rc=$?
	fi
	if [ $attempt = 2 ] || grep -q 'ipmi-lan-init: userland ready' "$OUT/console.log" ||
		! grep -q 'Kernel panic' "$OUT/console.log"; then
		break
	fi
	say "the kernel panicked before userland (not our module); booting once more"
	mv "$OUT/console.log" "$OUT/console-boot-panic.log"
	rm -f "$OUT/results.tap" "$OUT/timing.txt" "$OUT/dmesg.txt"
done
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	say "QEMU hit the ${LIMIT}s limit"
fi
timing boot-and-run

# --- results --------------------------------------------------------------

boot=$(grep -m1 -o 'ipmi-lan-init: userland ready' "$OUT/console.log" >/dev/null &&
	sed -n 's/^\[ *\([0-9]*\)\.[0-9]*\] ipmi-lan-init: userland ready.*/\1/p' \
		"$OUT/dmesg.txt" 2>/dev/null | head -n1)
[ -z "$boot" ] || echo "timing $K/guest-boot-to-userland ${boot}s"

if [ -f "$OUT/results.tap" ]; then
	while IFS= read -r line; do
		case "$line" in
		"ok "*) result ok "${line#ok }" ;;
		"not ok "*) result "not ok" "${line#not ok }" ;;
		"skip "*) result skip "${line#skip }" ;;
		esac
	done <"$OUT/results.tap"
fi
[ ! -f "$OUT/timing.txt" ] || sed "s|^timing |timing $K/|" "$OUT/timing.txt"

if grep -qx '# runner finished' "$OUT/results.tap" 2>/dev/null; then
	result ok completed
else
	result "not ok" completed "the runner did not finish (crash or timeout, QEMU status $rc); see $OUT/console.log"
	tail -n 40 "$OUT/console.log" | sed 's/^/    /' >&2 || true
fi

log=$OUT/dmesg.txt
[ -s "$log" ] || log=$OUT/console.log
if bad=$("$TOP/tests/lib/scanlog.sh" --exclude-selftest "$log"); then
	result ok logscan
else
	result "not ok" logscan "kernel log reports in ${log##*/}, the first: $(echo "$bad" | head -n1 | cut -c1-160)"
	echo "$bad" | head -n 60 | sed 's/^/    /' >&2
fi

if [ "$K" = debug ] && [ "$MODE" != shell ]; then
	if [ ! -f "$OUT/kmemleak.txt" ]; then
		result "not ok" kmemleak "no final kmemleak report was saved"
	elif [ -s "$OUT/kmemleak.txt" ]; then
		result "not ok" kmemleak "suspected leaks, see $OUT/kmemleak.txt"
		head -n 40 "$OUT/kmemleak.txt" | sed 's/^/    /' >&2
	else
		result ok kmemleak
	fi
fi
timing host-analyse
echo "timing $K/total $(($(date +%s) - T0))s"
exit "$failed"
