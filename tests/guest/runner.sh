#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test runner inside the guest, chrooted into the host's userland by
# tests/guest/init. Not meant to run on the host.
#
# Usage: runner.sh [--prepare-only] KERNEL TOP [--only NAME...]
#                  [--script PATH] [--no-module]
#
# Results go to /run/ipmi-lan/out/results.tap, one line per test:
# "ok NAME", "not ok NAME", "skip NAME"; the last line is "# runner
# finished". Stage timings go to timing.txt ("timing STAGE SECONDSs").

set -uo pipefail

PREPARE_ONLY=0
if [ "${1:-}" = --prepare-only ]; then
	PREPARE_ONLY=1
	shift
fi
K=${1:?kernel}
TOP=${2:?repository}
shift 2
ONLY=()
SCRIPT=
NO_MODULE=0
while [ $# -gt 0 ]; do
	case "$1" in
	--only)
		shift
		while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do
			ONLY+=("$1")
			shift
		done ;;
	--script) SCRIPT=$2; shift 2 ;;
	--no-module) NO_MODULE=1; shift ;;
	*) echo "runner: unknown argument $1" >&2; shift ;;
	esac
done

OUT=/run/ipmi-lan/out
KDIR=/run/ipmi-lan/kdir
RES=$OUT/results.tap
KMEMLEAK=/sys/kernel/debug/kmemleak
IPMI_LAN_KO=$TOP/build/$K/kmod/ipmi_lan.ko
IPMI_LAN_TEST_TIMEOUT=180
# shellcheck source=/dev/null
. "$OUT/guest.env"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
cd /

say() { echo "runner: $*"; }
kmsg() { echo "ipmi-lan-harness: $*" >/dev/kmsg; }
record() { # ok|not ok|skip NAME [why]
	echo "$1 $2" >>"$RES"
	say "$1 $2${3:+ # $3}"
	kmsg "$1 $2"
}
# Every process started costs about half a second on the debug kernel
# under TCG, so the runner uses bash builtins wherever it can.
# Each stage line also says how busy the guest's vCPUs were (from
# /proc/stat: busy jiffies over all vCPUs, in seconds), which tells a
# stage waiting on timers from one that keeps the host busy.
T_STAGE=$EPOCHSECONDS
cpu_busy() { # -> BUSY: busy CPU-seconds of all vCPUs since boot
	local cpu user nice sys idle iowait irq softirq steal rest
	read -r cpu user nice sys idle iowait irq softirq steal rest </proc/stat
	BUSY=$(((user + nice + sys + irq + softirq + steal) / 100))
}
cpu_busy
B_STAGE=$BUSY
timing() {
	local now=$EPOCHSECONDS
	cpu_busy
	echo "timing $1 $((now - T_STAGE))s (vCPUs busy $((BUSY - B_STAGE))s)" >>"$OUT/timing.txt"
	say "timing $1 $((now - T_STAGE))s (vCPUs busy $((BUSY - B_STAGE))s)"
	T_STAGE=$now
	B_STAGE=$BUSY
}
wanted() { # NAME: is NAME selected by --only (everything is without it)
	local n
	[ ${#ONLY[@]} -eq 0 ] && return 0
	for n in "${ONLY[@]}"; do
		[ "$n" = "$1" ] && return 0
	done
	return 1
}
# The kernel log after the last line containing MARK.
log_since() {
	dmesg | awk -v m="$1" 'found { print } index($0, m) { found = 1 }'
}
# Loaded as a module (built-in modules have no initstate).
loaded() { [ -e "/sys/module/$1/initstate" ]; }
unload() { # MODULE: rmmod, retrying while references drop (10 s at most)
	local i
	for i in $(seq 1 20); do
		loaded "$1" || return 0
		rmmod "$1" 2>/dev/null && return 0
		sleep 0.5
	done
	rmmod "$1"
}
kmemleak_cycle() { # scan, wait past the minimum object age, scan again
	echo scan >"$KMEMLEAK" && sleep 6 && echo scan >"$KMEMLEAK"
}

prepare() {
	local m
	# New namespaces get no fallback tunnel devices (sit0, ...): only lo.
	sysctl -qw net.core.fb_tunnels_only_for_init_net=2 2>/dev/null ||
		say "cannot set net.core.fb_tunnels_only_for_init_net"
	if [ "$K" = debug ]; then
		# Make modprobe/depmod see the built-in modules, and load the
		# message handler from the debug tree.
		mkdir -p "/lib/modules/$(uname -r)"
		cp "$KDIR"/modules.builtin* "/lib/modules/$(uname -r)/" 2>/dev/null
		depmod 2>/dev/null || say "depmod failed"
		for m in ipmi_msghandler ipmi_devintf; do
			if loaded $m; then
				continue
			elif [ -f "$KDIR/drivers/char/ipmi/$m.ko" ]; then
				insmod "$KDIR/drivers/char/ipmi/$m.ko" || say "prerequisite $m: insmod failed"
			else
				say "prerequisite $m: not in the debug tree"
			fi
		done
	else
		for m in udp_tunnel ip6_udp_tunnel veth ipmi_msghandler ipmi_devintf; do
			if [ -d "/sys/module/$m" ] && ! loaded $m; then
				say "prerequisite $m: built in"
			elif ! modprobe $m; then
				say "prerequisite $m: modprobe failed"
			fi
		done
	fi
}

# The environment every guest test and script gets, in TENV.
TENV=()
test_env() { # NETNS TESTOUT
	TENV=(IPMI_LAN_TOP="$TOP" IPMI_LAN_KERNEL="$K" IPMI_LAN_KO="$IPMI_LAN_KO"
		IPMI_LANCTL="$TOP/ipmi-lanctl/ipmi-lanctl" IPMI_LAN_OUT="$2"
		IPMI_LAN_NETNS="$1" IPMI_LAN_NO_MODULE="$NO_MODULE"
		IPMI_LAN_VM_SMP="${IPMI_LAN_VM_SMP:-2}"
		HOME=/root LANG=C.UTF-8 TERM=dumb PATH="$PATH")
}

if [ "$PREPARE_ONLY" = 1 ]; then
	prepare
	exit 0
fi

: >"$RES"
: >"$OUT/timing.txt"
say "kernel $(uname -r) ($K), repository $TOP"
prepare
# Without the self-test (a script, or --only without it), forget boot-time
# kmemleak reports (the kernel's, not ours). With it, none are forgotten:
# the debug kernel has never shown one, and one would fail the run rather
# than hide a leak of ours.
LEAK_PLANTED=0
if [ -w "$KMEMLEAK" ] && { [ -n "$SCRIPT" ] || ! wanted selftest; }; then
	echo scan >"$KMEMLEAK"
	echo clear >"$KMEMLEAK"
fi
timing prepare

# --- debug kernel: the harness proves it can fail ---------------------------

selftests() {
	local st=$TOP/build/debug/tests/selftest ok=1 out
	local warn=$st/warn/ipmi_lan_selftest_warn.ko
	local leak=$st/leak/ipmi_lan_selftest_leak.ko

	kmsg selftest-begin
	# A WARN must make the log scanner fail.
	if [ ! -f "$warn" ]; then
		record "not ok" harness-selftest-warn "$warn is missing"
	elif ! insmod "$warn"; then
		record "not ok" harness-selftest-warn "insmod failed"
	else
		log_since "ipmi-lan-harness: selftest-begin" >"$OUT/selftest-warn.log"
		if out=$("$TOP/tests/lib/scanlog.sh" "$OUT/selftest-warn.log"); then
			record "not ok" harness-selftest-warn "the scanner missed the WARN"
		elif echo "$out" | grep -q 'WARNING:.*ipmi_lan_selftest_warn'; then
			record ok harness-selftest-warn
		else
			record "not ok" harness-selftest-warn "the scanner did not name the WARN"
		fi
	fi
	# A leak must show up in kmemleak: the module leaks now, and the final
	# kmemleak cycle, after the e2e tests, must report it (leak_check);
	# one cycle for both saves a scan and the wait on the debug kernel.
	if [ ! -w "$KMEMLEAK" ]; then
		record "not ok" harness-selftest-leak "no $KMEMLEAK"
	elif [ ! -f "$leak" ]; then
		record "not ok" harness-selftest-leak "$leak is missing"
	elif ! insmod "$leak"; then
		record "not ok" harness-selftest-leak "insmod failed"
	else
		LEAK_PLANTED=1
	fi
	unload ipmi_lan_selftest_warn || ok=0
	unload ipmi_lan_selftest_leak || ok=0
	[ $ok = 1 ] || say "could not unload a self-test module"
	kmsg selftest-end
}

client_start() { # NAME CMD
	if timeout -k 5 300 bash -c "$2" >"$OUT/client-start-$1.log" 2>&1; then
		record ok "client-start-$1"
	else
		record "not ok" "client-start-$1" "$2 failed, see client-start-$1.log"
	fi
}

# The three clients start at once: each mostly waits on 9p reads.
clients() {
	client_start ipmitool "ipmitool -V" &
	client_start freeipmi "bmc-info --version" &
	client_start pyghmi "/usr/bin/python3 -c 'import pyghmi.ipmi.command'" &
	wait
}

# Every KUnit module of the debug build in turn (build/debug/kmod/*_kunit.ko,
# sorted): each runs its suites when loaded. The kernel log since the first
# module goes to kunit.log and is parsed once; a module that printed no
# KTAP between its marker and the next fails on its own. The modules are
# unloaded together at the end.
kunit() {
	local ko mod rc tap line mods=() lines
	local kos=("$TOP"/build/debug/kmod/*_kunit.ko)
	local mark="kunit-begin-$$"

	if [ ! -f "${kos[0]}" ]; then
		record skip kunit "no KUnit module was built"
		return
	fi
	kmsg "$mark"
	for ko in "${kos[@]}"; do
		mod=${ko##*/}
		mod=${mod%.ko}
		kmsg "kunit-module $mod"
		timeout -k 10 900 insmod "$ko"
		rc=$?
		[ $rc = 0 ] || record "not ok" "kunit-$mod-load" "insmod exited with $rc"
		loaded "$mod" && mods+=("$mod")
	done
	log_since "ipmi-lan-harness: $mark" >"$OUT/kunit.log"
	# Modules without a single "# Subtest:" line after their marker.
	while IFS= read -r mod; do
		record "not ok" "kunit-$mod-ktap" "$mod printed no KTAP"
	done < <(awk '/ipmi-lan-harness: kunit-module / { m = $NF; seen[m] = 0; order[++n] = m; next }
		m != "" && /# Subtest: / { seen[m]++ }
		END { for (i = 1; i <= n; i++) if (!seen[order[i]]) print order[i] }' "$OUT/kunit.log")
	tap=$("$TOP/tests/lib/ktap.sh" "$OUT/kunit.log")
	[ $? != 2 ] || record "not ok" kunit-ktap "no KTAP at all"
	echo "$tap" >"$OUT/kunit.tap"
	# The KTAP is in the kernel log already: the results go to
	# results.tap and the console in one write each, not one per line.
	lines=()
	while IFS= read -r line; do
		case "$line" in
		"ok "* | "not ok "* | "skip "*) lines+=("$line") ;;
		esac
	done <<<"$tap"
	if [ ${#lines[@]} -gt 0 ]; then
		printf '%s\n' "${lines[@]}" >>"$RES"
		printf 'runner: %s\n' "${lines[@]}"
	fi
	# One rmmod for all; whatever it could not remove gets the retrying
	# unload below, whose failure is each module's "not ok".
	[ ${#mods[@]} = 0 ] || rmmod "${mods[@]}" 2>/dev/null || true
	for mod in "${mods[@]}"; do
		unload "$mod" || record "not ok" "kunit-$mod-unload"
	done
}

if [ "$K" = debug ] && [ -z "$SCRIPT" ]; then
	# The clients' first start (9p reads, little CPU) beside the self-test
	# and KUnit (kernel CPU); the e2e tests wait for it.
	if [ ${#ONLY[@]} -eq 0 ]; then
		clients &
		clients_pid=$!
	fi
	if wanted selftest; then
		selftests
		timing selftest
	fi
	if wanted kunit; then
		kunit
		timing kunit
	fi
	if [ ${#ONLY[@]} -eq 0 ]; then
		wait "$clients_pid"
		timing clients-wait
	fi
fi

# --- the module, then the e2e tests or a script ------------------------------

modok=1
if [ "$NO_MODULE" = 1 ]; then
	say "not loading ipmi_lan (--no-module)"
elif [ -n "$SCRIPT" ]; then
	: # the script loads the module itself
elif ! insmod "$IPMI_LAN_KO"; then
	modok=0
	record "not ok" module-load "insmod $IPMI_LAN_KO failed"
fi
timing module-load

# read_header TEST: from the first 40 lines of TEST, HDR_LIMIT (its
# "# timeout: N", or the default), HDR_EXCLUSIVE (1 if it has a
# "# exclusive: WHY" line), HDR_EXPECT ("# expect: SECONDS") and
# HDR_SERIAL (the GROUPs of "# serial: GROUP[,GROUP...] WHY", blank
# separated, or empty) and HDR_SHARES (those of "# shares: GROUP... WHY").
read_header() {
	local line n=0
	HDR_LIMIT=$IPMI_LAN_TEST_TIMEOUT
	HDR_EXCLUSIVE=0
	HDR_EXPECT=0
	HDR_SERIAL=
	HDR_SHARES=
	while IFS= read -r line && [ $((n += 1)) -le 40 ]; do
		if [[ $line =~ ^#\ timeout:\ *([0-9]+) ]]; then
			HDR_LIMIT=${BASH_REMATCH[1]}
		elif [[ $line =~ ^#\ expect:\ *([0-9]+) ]]; then
			HDR_EXPECT=${BASH_REMATCH[1]}
		elif [[ $line =~ ^#\ serial:\ *([a-z0-9,-]+) ]]; then
			HDR_SERIAL=${BASH_REMATCH[1]//,/ }
		elif [[ $line =~ ^#\ shares:\ *([a-z0-9,-]+) ]]; then
			HDR_SHARES=${BASH_REMATCH[1]//,/ }
		elif [[ $line == "# exclusive:"* ]]; then
			HDR_EXCLUSIVE=1
		fi
	done <"$1"
}

# kill_in_ns NS: SIGKILL every process whose network namespace is NS
# (what "ip netns pids" does, without starting a process).
kill_in_ns() {
	local p
	for p in /proc/[0-9]*; do
		[[ $p/ns/net -ef /run/netns/$1 ]] && kill -9 "${p#/proc/}" 2>/dev/null
	done
	return 0
}

# CPU seconds in a "times" output (its second line: the children's user
# and system time, "XmY.YYYs XmZ.ZZZs"); "?" without it. Builtins only.
cpu_seconds() {
	local line u s um us sm ss
	{ read -r line && read -r u s; } 2>/dev/null <"$1" || { echo "?"; return; }
	um=${u%%m*} us=${u#*m} sm=${s%%m*} ss=${s#*m}
	us=${us%%.*} ss=${ss%%.*}
	echo "$((um * 60 + 10#$us + sm * 60 + 10#$ss))s"
}

# One e2e test in its own namespace NS; records its result. Runs in the
# background next to others: everything it writes is its own, except the
# one-line appends to results.tap and timing.txt (atomic with O_APPEND).
run_one() { # TEST NS
	local t=$1 ns=$2 name limit rc start log tout leftover
	name=${t##*/}
	name=${name%.sh}
	read_header "$t"
	limit=$HDR_LIMIT
	log=$OUT/e2e/$name.log
	tout=$OUT/e2e/$name
	[ -d "$tout" ] || mkdir "$tout"
	if ! ip netns add "$ns" || ! ip -n "$ns" link set lo up; then
		record "not ok" "$name" "cannot create netns $ns"
		return
	fi
	kmsg "e2e-begin $name"
	start=$EPOCHSECONDS
	test_env "$ns" "$tout"
	if [ "${IPMI_LAN_E2E_TRACE:-0}" = 1 ]; then
		# Every line the test runs, with the time it started.
		timeout -k 5 "$limit" ip netns exec "$ns" env -i "${TENV[@]}" \
			bash -c 'exec 19>"$1"; BASH_XTRACEFD=19
				PS4="+\${EPOCHREALTIME} \${BASH_SOURCE[0]:-main}:\${LINENO} "
				set -x; . "$2"' _ "$tout.trace" "$t" </dev/null >"$log" 2>&1
	else
		# In a subshell whose "times" is then the test's CPU time
		# (user and system, of every process it waited for).
		(
			timeout -k 5 "$limit" ip netns exec "$ns" env -i "${TENV[@]}" \
				bash "$t" </dev/null >"$log" 2>&1
			rc=$?
			times >"$tout/cpu.times"
			exit $rc
		)
	fi
	rc=$?
	kmsg "e2e-end $name $rc"
	echo "timing e2e/$name $((EPOCHSECONDS - start))s (cpu $(cpu_seconds "$tout/cpu.times"))" >>"$OUT/timing.txt"
	# Processes and namespaces the test left behind (its own namespace
	# and those named NS-*). The namespaces go away in the background:
	# nothing reuses their names.
	for leftover in "$ns" /run/netns/"$ns"-*; do
		leftover=${leftover#/run/netns/}
		[ -e "/run/netns/$leftover" ] || continue
		kill_in_ns "$leftover"
		(ip netns del "$leftover" 2>/dev/null &)
	done
	case $rc in
	0) record ok "$name" ;;
	77) record skip "$name" "$(tail -n1 "$log")" ;;
	124 | 137) record "not ok" "$name" "timed out after ${limit}s" ;;
	*) record "not ok" "$name" "exit status $rc" ;;
	esac
	if [ $rc = 124 ] || [ $rc = 137 ]; then
		blocked_tasks >>"$log"
	fi
	if [ $rc != 0 ] && [ $rc != 77 ]; then
		tail -n 40 "$log" | sed "s/^/runner:   $name| /"
	fi
}

# After a timeout: the tasks stuck in the kernel (state D) with their
# stacks, and the memory left, so that a hang is diagnosable from the
# summary alone.
blocked_tasks() {
	local p state
	for p in /proc/[0-9]*; do
		state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "$p/status" 2>/dev/null) || continue
		[ "$state" = D ] || continue
		echo "# blocked: $(cat "$p/comm" 2>/dev/null) (${p#/proc/})"
		sed 's/^/#   /' "$p/stack" 2>/dev/null | head -n 12
	done
	grep -E '^(MemAvailable|Slab):' /proc/meminfo | tr -s ' ' | sed 's/^/# /'
}

# The e2e tests, up to IPMI_LAN_E2E_JOBS at once (each in its own
# namespace). A test whose header has "# exclusive: WHY" (it reloads the
# module, or floods, or its timing must not be starved) runs alone: those
# come first, then all the others fill the slots, and the run ends with
# tests side by side, which on the debug guest use both vCPUs once make
# check's other stages are done. Tests with the same "# serial: GROUP"
# (the system interface tests: there is one interface to move) never run
# at once, but each runs beside the others; tests that say "# shares:
# GROUP" run beside each other but never beside one in that group by
# "# serial:" (87-fleet takes every interface number, the others with
# targets a few each). The shared tests start
# longest first (header "# expect: SECONDS", what the test takes on the
# debug guest), so that a long one is not the last to start; a test whose
# group is busy waits and the next one that can start does.
run_e2e() {
	local t name i=0 jobs=${IPMI_LAN_E2E_JOBS:-3} running=0 shared=() excl=() pending=()
	local -a bylen=() keys
	local -A num=() busy=() group_of=() mine=() nshare=() share_of=()
	local pid k picked g
	mkdir -p "$OUT/e2e"
	[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1
	for t in "$TOP"/tests/e2e/*.sh; do
		name=${t##*/}
		name=${name%.sh}
		[ "$name" != lib ] || continue
		if [ ${#ONLY[@]} -gt 0 ] && ! wanted "$name"; then
			continue
		fi
		read_header "$t"
		if [ "$HDR_EXCLUSIVE" = 1 ]; then
			excl+=("$t")
		else
			bylen[HDR_EXPECT]+="$t "
		fi
	done
	# Indexed arrays list their indices in ascending order: take them
	# backwards (paths have no spaces: they are the repository's own).
	keys=("${!bylen[@]}")
	for ((i = ${#keys[@]} - 1; i >= 0; i--)); do
		# shellcheck disable=SC2206
		shared+=(${bylen[keys[i]]})
	done
	i=0
	for t in "${excl[@]}" "${shared[@]}"; do
		i=$((i + 1))
		num[$t]=$i
	done
	if [ $modok = 0 ]; then
		for t in "${excl[@]}" "${shared[@]}"; do
			name=${t##*/}
			record "not ok" "${name%.sh}" "ipmi_lan.ko did not load"
		done
		return
	fi
	for t in "${excl[@]}"; do
		run_one "$t" "e2e${num[$t]}"
	done
	pending=("${shared[@]}")
	while [ ${#pending[@]} -gt 0 ] || [ $running -gt 0 ]; do
		while [ $running -lt "$jobs" ]; do
			picked=
			for k in "${!pending[@]}"; do
				read_header "${pending[k]}"
				picked=$k
				for g in $HDR_SERIAL; do
					[ -z "${busy[$g]:-}" ] && [ "${nshare[$g]:-0}" = 0 ] || picked=
				done
				for g in $HDR_SHARES; do
					[ -z "${busy[$g]:-}" ] || picked=
				done
				[ -z "$picked" ] || break
			done
			[ -n "$picked" ] || break
			t=${pending[picked]}
			unset "pending[picked]"
			pending=("${pending[@]}")
			run_one "$t" "e2e${num[$t]}" &
			pid=$!
			mine[$pid]=1
			running=$((running + 1))
			for g in $HDR_SERIAL; do
				busy[$g]=$pid
			done
			for g in $HDR_SHARES; do
				nshare[$g]=$((${nshare[$g]:-0} + 1))
			done
			[ -z "$HDR_SERIAL" ] || group_of[$pid]=$HDR_SERIAL
			[ -z "$HDR_SHARES" ] || share_of[$pid]=$HDR_SHARES
		done
		[ $running -gt 0 ] || break
		pid=
		wait -n -p pid
		[ $? != 127 ] || [ -n "$pid" ] || break	# no child left
		[ -n "$pid" ] && [ -n "${mine[$pid]:-}" ] || continue
		unset "mine[$pid]"
		running=$((running - 1))
		if [ -n "${group_of[$pid]:-}" ]; then
			for g in ${group_of[$pid]}; do
				unset "busy[$g]"
			done
			unset "group_of[$pid]"
		fi
		if [ -n "${share_of[$pid]:-}" ]; then
			for g in ${share_of[$pid]}; do
				nshare[$g]=$((nshare[$g] - 1))
			done
			unset "share_of[$pid]"
		fi
	done
	[ $i -gt 0 ] || say "no e2e test selected"
	# The last namespaces are still being deleted (10 s at most).
	for i in $(seq 1 50); do
		compgen -G "/run/netns/e2e*" >/dev/null || break
		sleep 0.2
	done
}

if [ -n "$SCRIPT" ]; then
	name=$(basename "$SCRIPT" .sh)
	mkdir -p "$OUT/script"
	test_env "" "$OUT/script"
	timeout -k 5 "$IPMI_LAN_TEST_TIMEOUT" env -i "${TENV[@]}" \
		bash "$SCRIPT" </dev/null 2>&1 | tee "$OUT/script.log"
	rc=${PIPESTATUS[0]}
	case $rc in
	0) record ok "script-$name" ;;
	77) record skip "script-$name" ;;
	*) record "not ok" "script-$name" "exit status $rc" ;;
	esac
	timing script
else
	run_e2e
	timing e2e
fi

# --- unload, leaks, done -----------------------------------------------------

if [ "$NO_MODULE" != 1 ] && [ $modok = 1 ]; then
	if [ -n "$SCRIPT" ] && ! loaded ipmi_lan; then
		: # the script did not load it
	elif ! loaded ipmi_lan; then
		record "not ok" module-unload "ipmi_lan was no longer loaded"
	elif unload ipmi_lan; then
		record ok module-unload
	else
		record "not ok" module-unload "rmmod ipmi_lan failed"
		lsmod >&2
	fi
fi
timing unload

# kmemleak's report, split: the self-test's planted leak must be in it
# (selftest-kmemleak.txt), anything else is a leak (kmemleak.txt, which
# tests/vm.sh fails on unless it is empty).
leak_split() { # REPORT
	awk -v st="$OUT/selftest-kmemleak.txt" -v rest="$OUT/kmemleak.txt" '
		/^unreferenced object/ { flush(); blk = $0 "\n"; next }
		{ blk = blk $0 "\n" }
		function flush() {
			if (blk == "") return
			if (blk ~ /ipmi-lan-leak-st|ipmi_lan_selftest_leak/) printf "%s", blk >> st
			else printf "%s", blk >> rest
			blk = ""
		}
		END { flush() }' "$1"
}

if [ "$K" = debug ] && [ -w "$KMEMLEAK" ]; then
	# The log scanner lets the planted leak's summary line pass here only.
	kmsg kmemleak-final-begin
	kmemleak_cycle
	kmsg kmemleak-final-end
	cat "$KMEMLEAK" >"$OUT/kmemleak-all.txt"
	: >"$OUT/kmemleak.txt"
	: >"$OUT/selftest-kmemleak.txt"
	leak_split "$OUT/kmemleak-all.txt"
	if [ "$LEAK_PLANTED" = 1 ]; then
		if [ -s "$OUT/selftest-kmemleak.txt" ]; then
			record ok harness-selftest-leak
		else
			record "not ok" harness-selftest-leak "kmemleak did not report the planted leak"
		fi
	fi
	timing kmemleak
fi

kmsg "runner finished"
echo "# runner finished" >>"$RES"
sync
