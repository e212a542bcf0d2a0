#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark, inside the stock 6.1 guest (tests/bench/run.sh boots it
# with tests/vm.sh --script). Every phase is one bounded loadgen run (the
# Serial-over-LAN phase: one bounded sol.py run); each writes one JSON line
# to $IPMI_LAN_OUT/bench.jsonl (sol.py: one per server and client). The
# generator runs on CPU 0; every server, and the network stack's receive
# work (RPS on lo, and the module's unbound workqueue), on CPU 1.
#
# BENCH_SMOKE=1 (tests/bench/guest-smoke.sh): every phase for about a
# second, only to prove that each one produces a number.

set -uo pipefail

B=$IPMI_LAN_TOP/tests/bench
OUT=$IPMI_LAN_OUT
RES=$OUT/bench.jsonl
SMOKE=${BENCH_SMOKE:-0}
PY=/usr/bin/python3
PASS=benchpass
LANPORT=623 SIMPORT=9623 PYPORT=9624 ECHOPORT=9700 SIMFLEETPORT=9627
# Handshakes: ADDRS source addresses, HSJ handshakes in flight (HSJPY for
# pyghmi, which answers one at a time). 384 sources let the module's
# per-source limit (40 pre-session packets/s, 3 per handshake) allow 5120/s;
# many more would not fit its limiter's table (256 sets of 4 buckets): a
# source whose set is full gets no answer at all (loadgen hs retires it).
# HSJ stays within max-sessions 32 and the 64 pending sessions. Smoke: 256
# sources, whose burst of 40 packets covers a 1 s phase.
# PAIRS: rounds of ipmi-lan and ipmi_sim phases back to back (see below).
# The fleet phases: targets FLEET_LO..FLEET_HI but 20h (the BMC), all 254
# (4 in smoke: adding and removing 254 takes the smoke run 40 s more, and
# 16 took 10 to 19 s of make check's budget);
# SETTLE: seconds before each of its kernel memory readings.
if [ "$SMOKE" = 1 ]; then
	T=1 CAL=0 NS=4 W=4 ADDRS=256 HSJ=16 HSJPY=8 MEMPTS=1,4,8 FNS=4 FW=4 PAIRS=1
	FLEET_LO=1 FLEET_HI=4 SETTLE=0
else
	T=${BENCH_SECONDS:-10} CAL=2 NS=16 W=8 ADDRS=384 HSJ=32 HSJPY=16 MEMPTS=1,32,63 FNS=8 FW=4
	PAIRS=3 FLEET_LO=1 FLEET_HI=255 SETTLE=1
fi
LIMIT=$((T + 150))	# one loadgen run, precomputation included
: >"$RES"
mkdir -p "$OUT/logs"

say() { echo "bench: [${SECONDS}s] $*"; }

# jget FIELD [JSON]: a top-level number of the last result (or of JSON)
jget() {
	"$PY" -c 'import json,sys; d=json.loads(sys.argv[2]); v=d.get(sys.argv[1], 0)
print(v if not isinstance(v, float) else int(v))' "$1" "${2:-$LAST}" 2>/dev/null || echo 0
}

record() { # JSON
	echo "$1" >>"$RES"
	LAST=$1
}

fail_record() { # LABEL REASON
	record "{\"mode\":\"error\",\"label\":\"$1\",\"valid\":false,\"invalid_reason\":\"$2\"}"
	say "$1: $2"
}

# lg LABEL MODE ARGS...: one bounded loadgen run on CPU 0
lg() {
	local label=$1 out
	shift
	out=$(timeout -k 5 "$LIMIT" taskset -c 0 "$B/loadgen" "$@" -G 0 -S 1 -l "$label" \
		2>>"$OUT/logs/$label.err" | tail -n1)
	if [ "${out:0:1}" = "{" ]; then
		record "$out"
		say "$label: $(summary)"
	else
		fail_record "$label" "loadgen gave no result (see logs/$label.err)"
	fi
}

summary() {
	"$PY" - "$LAST" <<'PY' 2>/dev/null
import json, sys
d = json.loads(sys.argv[1])
keys = ("req_per_s", "hs_per_s", "bytes_per_session_slope", "valid", "invalid_reason")
out = [f"{k}={d[k]:.0f}" if isinstance(d[k], float) else f"{k}={d[k]}" for k in keys if k in d]
if "latency_us" in d:
    l = d["latency_us"]
    out.append(f"lat p50/p99/max={l['p50']}/{l['p99']}/{l['max']}us")
print(" ".join(out))
PY
}

# count_for RATE: requests to precompute for a T-second run at RATE
count_for() {
	local c=$(($1 * T * 13 / 10 + 2000))
	[ $c -le 3000000 ] || c=3000000
	echo $c
}

# req_phase LABEL ARGS...: calibrate for CAL seconds, then the timed run
req_phase() {
	local label=$1 rate c=4000
	shift
	if [ "$CAL" -gt 0 ]; then
		lg "$label-calibrate" req -t "$CAL" -c 40000 "$@"
		rate=$(jget req_per_s)
		[ "$rate" -gt 0 ] || rate=1000
		c=$(count_for "$rate")
	fi
	lg "$label" req -t "$T" -c "$c" "$@"
}

# profile LABEL MODE ARGS...: lg under perf (cpu-clock, both CPUs)
profile() {
	local label=$1 pid
	timeout -k 2 $((T + 120)) perf record -q -e cpu-clock -a -g -o "$OUT/$label.data" \
		sleep "$T" >"$OUT/logs/$label.perf.err" 2>&1 &
	pid=$!
	lg "$@"
	wait "$pid"
	timeout 120 perf report -i "$OUT/$label.data" --stdio --no-children --sort cpu,comm,sym \
		-g none --percent-limit 0.5 >"$OUT/$label.txt" 2>>"$OUT/logs/$label.perf.err"
	rm -f "$OUT/$label.data"
}

wait_port() { # PORT [TRIES]: the UDP port is bound (bounded: TRIES x 0.2 s, 10 s)
	local i
	for i in $(seq 1 "${2:-50}"); do
		ss -Hlun "sport = :$1" | grep -q . && return 0
		sleep 0.2
	done
	return 1
}

lanctl() { "$IPMI_LANCTL" "$@"; }

# owned_entries: the forward table's owned entries as a JSON list, or "?"
owned_entries() {
	lanctl -j forward show 2>/dev/null | "$PY" -c 'import json,sys
print(json.dumps([e for e in json.load(sys.stdin) if e.get("owned")]))' 2>/dev/null || echo '"?"'
}

# The module keeps at most 64 forwarded requests in flight per system
# interface and 8 per session (TRACK_MAX, TRACK_PER_SESSION in
# kmod/track.h), and answers C0h (node busy) beyond.
FWD_INFLIGHT=64

# The fleet's target addresses, one a line
fleet_addrs() { local a; for a in $(seq $FLEET_LO $FLEET_HI); do [ "$a" = 32 ] || printf '0x%02x\n' "$a"; done; }
NFLEET=$(fleet_addrs | wc -l)

# kmem: the kernel's memory now (tests/bench/kmem.py), "null" if unread
kmem() { timeout 60 "$PY" "$B/kmem.py" snap "$SETTLE" 2>>"$OUT/logs/kmem.err" || echo null; }

# cpu_ticks PID: the process's user and system CPU time so far, in ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# ntargets: how many targets exist (one line each in target show)
ntargets() { lanctl target show 2>/dev/null | grep -c '^target '; }

# fleet_phase: ipmi-lan with 254 targets behind its one address
# (target add by one -batch), ONE chassis consumer serving them all from a
# "[target *]" section (no keys before it: the BMC is not served; no
# hooks: Get Chassis Status from the tracked state), and the forwarded
# phase's sessions and window polling Get Chassis Status bridged to each
# target in turn (loadgen req -b: Send Message, channel 0, tracked; every
# message checked, each answer matched by rqSeq and target). 8 x 4 in
# flight over 254 targets stays far inside the module's bounds (32
# bridged per session over all targets; 8 per session and 64 in all per
# target), so a correct run never sees C0h. Kernel memory is read before
# the targets, with them idle, with them served, and after their removal
# (smoke: the first two only).
fleet_phase() {
	local dir=/tmp/fleet pid i n served=0 mem_before mem_added mem_served=null mem_after=null
	local t0 cpid c0=0 c1=0 c2=0
	mkdir -p "$dir"
	fleet_addrs | sed 's/^/target add /' >"$dir/add.batch"
	fleet_addrs | sed 's/^/target del /' >"$dir/del.batch"
	printf '# no key before the section: the BMC is not served\n[target *]\n' >"$dir/fleet.conf"
	mem_before=$(kmem)
	t0=$SECONDS
	if ! lanctl -batch "$dir/add.batch" >"$OUT/logs/fleet-add.log" 2>&1; then
		fail_record ipmi-lan-fleet "target add failed (logs/fleet-add.log)"
		lanctl -batch "$dir/del.batch" -force >/dev/null 2>&1
		return
	fi
	n=$(ntargets)
	say "fleet: $n targets added in $((SECONDS - t0)) s"
	mem_added=$(kmem)
	t0=$SECONDS
	timeout -k 2 $((LIMIT * 3)) taskset -c 1 "$IPMI_LANCTL" chassis serve config "$dir/fleet.conf" \
		>"$OUT/logs/fleet-chassis.log" 2>&1 &
	pid=$!
	for i in $(seq 1 240); do	# bounded: 60 s
		served=$(grep -c 'serving /dev/ipmi' "$OUT/logs/fleet-chassis.log")
		[ "$served" -lt "$NFLEET" ] || break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.25
	done
	say "fleet: consumer serving $served targets in $((SECONDS - t0)) s"
	if [ "$n" = "$NFLEET" ] && [ "$served" = "$NFLEET" ]; then
		[ "$SMOKE" = 1 ] || mem_served=$(kmem)
		# the consumer's CPU time (timeout's child) around each phase
		cpid=$(pgrep -P "$pid" | head -n1)
		c0=$(cpu_ticks "$cpid")
		req_phase ipmi-lan-fleet -p $LANPORT -s 3 -n "$FNS" -w "$FW" -C 0:1 \
			-b "$FLEET_LO-$FLEET_HI" -B 25 -V 1
		c1=$(cpu_ticks "$cpid")
		# the same load bridged to one target (0x01) while all are
		# served: the cost of bridging itself, without the spread
		[ "$SMOKE" = 1 ] ||
			req_phase ipmi-lan-fleet-one -p $LANPORT -s 3 -n "$FNS" -w "$FW" -C 0:1 \
				-b "$FLEET_LO-$FLEET_LO" -B 27 -V 1
		c2=$(cpu_ticks "$cpid")
		record "{\"mode\":\"check\",\"label\":\"ipmi-lan-fleet-consumer\",\"clk_tck\":$(getconf CLK_TCK),\"ticks_fleet\":$((c1 - c0)),\"ticks_fleet_one\":$((c2 - c1)),\"valid\":true}"
	else
		fail_record ipmi-lan-fleet "$n targets, $served served, not $NFLEET (logs/fleet-chassis.log)"
	fi
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	for i in $(seq 1 25); do	# its owned entries go with it (bounded: 5 s)
		[ "$(owned_entries)" = "[]" ] && break
		sleep 0.2
	done
	t0=$SECONDS
	lanctl -batch "$dir/del.batch" -force >"$OUT/logs/fleet-del.log" 2>&1
	say "fleet: consumer stopped, targets removed in $((SECONDS - t0)) s"
	[ "$SMOKE" = 1 ] || mem_after=$(kmem)
	record "$("$PY" "$B/kmem.py" record ipmi-lan-fleet-mem "$n" "$mem_before" "$mem_added" \
		"$mem_served" "$mem_after")"
	[[ $LAST =~ \"bytes_per_idle_target\":\ ([0-9-]+) ]] &&
		say "fleet: memory per idle target ${BASH_REMATCH[1]} bytes (kernel counters)"
}

# sim_fleet_phase: the same poll against ipmi_sim, with the 254 targets
# as MCs of its emulator. Each target MC needs a system-interface channel
# of its own (ipmi_sim 2.0.33 crashes on a bridged Get Chassis Status to
# an MC without one, as on its BMC; see ipmi_sim.lan.conf): 254 VM-codec
# listeners on TCP 127.0.0.1:20001.., never connected. sim_fleet_start
# starts it (in smoke early, so that its start overlaps other phases).
sim_fleet_start() {
	local dir=/tmp/ipmi_sim-fleet a
	mkdir -p "$dir/state"
	sed "s/9623/$SIMFLEETPORT/; s/ 9625 / 9628 /" "$B/ipmi_sim.lan.conf" >"$dir/lan.conf"
	cp "$B/ipmi_sim.emu" "$dir/fleet.emu"
	for a in $(fleet_addrs); do
		printf 'set_working_mc %s\n  serial 15 127.0.0.1 %d codec VM\n' "$a" $((20000 + a)) >>"$dir/lan.conf"
		printf 'mc_add %s %s no-device-sdrs 0x01 0x02 0x00 0x9f 0x000000 0x0000\nmc_enable %s\n' \
			"$a" "$a" "$a" >>"$dir/fleet.emu"
	done
	timeout -k 2 $((LIMIT * 4)) taskset -c 1 ipmi_sim -c "$dir/lan.conf" -f "$dir/fleet.emu" \
		-s "$dir/state" -n >"$OUT/logs/ipmi_sim-fleet.log" 2>&1 &
	simfleet_pid=$!
}

sim_fleet_phase() {
	[ -n "${simfleet_pid:-}" ] || sim_fleet_start
	if wait_port $SIMFLEETPORT 150; then
		req_phase ipmi_sim-fleet -p $SIMFLEETPORT -s 3 -n "$FNS" -w "$FW" -C 0:1 \
			-b "$FLEET_LO-$FLEET_HI" -B 26 -V 1
	else
		fail_record ipmi_sim-fleet "ipmi_sim with $NFLEET target MCs did not start"
	fi
	kill "$simfleet_pid" 2>/dev/null
	wait "$simfleet_pid" 2>/dev/null
}

# --- the guest ------------------------------------------------------------

ip link set lo up
# Receive processing of lo (and so the module's packet path) on CPU 1,
# unbound workqueues (the module's RAKP work) on CPU 1.
rps=$(echo 2 >/sys/class/net/lo/queues/rx-0/rps_cpus 2>&1 && echo cpu1 || echo off)
wq=$(echo 2 >/sys/devices/virtual/workqueue/cpumask 2>&1 && echo cpu1 || echo default)
# Loopback with RPS is the rig's "NIC": give its backlog room for the open
# loop's catch-up bursts (the default 1000 drops them, for every server alike).
sysctl -qw net.core.netdev_max_backlog=10000
model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)
record "$("$PY" -c 'import json,sys; print(json.dumps(dict(mode="meta", kernel=sys.argv[1],
  guest_cpu_model=sys.argv[2], vcpus=int(sys.argv[3]), smoke=sys.argv[4]=="1",
  phase_seconds=int(sys.argv[5]), rps_lo=sys.argv[6], unbound_wq=sys.argv[7],
  generator_cpu=0, server_cpu=1, sessions=int(sys.argv[8]), window=int(sys.argv[9]),
  hs_sources=int(sys.argv[10]), hs_in_flight=int(sys.argv[11]), netdev_max_backlog=10000)))' \
	"$(uname -r)" "$model" "$(nproc)" "$SMOKE" "$T" "$rps" "$wq" "$NS" "$W" "$ADDRS" "$HSJ")"
say "kernel $(uname -r), $(nproc) vCPUs, $model; phases of ${T}s; RPS $rps, workqueue $wq"

# --- userspace crypto cost and the UDP echo floor ---------------------------

lg crypto crypto -t "$T" -c 5000000
reply=$(jget reply_bytes "$("$PY" -c 'import json,sys; print(json.dumps(json.loads(sys.argv[1])["cost"]["suite3"]))' "$LAST" 2>/dev/null || echo '{}')")
[ "$reply" -gt 0 ] || reply=80
timeout -k 2 $((T * 4 + 60)) taskset -c 1 "$B/udp-echo" 127.0.0.1 $ECHOPORT -r "$reply" \
	-t $((T * 4 + 50)) &
echo_pid=$!
if wait_port $ECHOPORT; then
	lg udp-echo req -E -p $ECHOPORT -n "$NS" -w "$W" -t "$T" -c 3000000 -B 11
else
	fail_record udp-echo "udp-echo did not start"
fi
kill "$echo_pid" 2>/dev/null
wait "$echo_pid" 2>/dev/null

# --- ipmi-lan -----------------------------------------------------------------

if grep -q '^ipmi_lan ' /proc/modules || insmod "$IPMI_LAN_KO"; then
	lanctl set address 127.0.0.1 port $LANPORT enabled on
	printf '%s\n' "$PASS" | lanctl user add 3 name admin password-stdin privilege admin enabled on
	lanctl channel show >"$OUT/logs/channel.txt" 2>&1
	# memory first, before the other phases leave deferred frees behind
	# A full pool shortens the idle timeout; hold the sessions for the count.
	lanctl channel set max-sessions "${MEMPTS##*,}" session-timeout 3600
	lg ipmi-lan-mem mem -p $LANPORT -s 3 -M "$MEMPTS" -B 30
	lanctl channel set max-sessions 32 session-timeout 60
	req_phase ipmi-lan-s3 -p $LANPORT -s 3 -n "$NS" -w "$W" -B 10
	max3=$(jget req_per_s)
	req_phase ipmi-lan-s17 -p $LANPORT -s 17 -n "$NS" -w "$W" -B 10
	# A forwarded command: Get Chassis Status through the message handler
	# to the shipped chassis consumer (no hooks: tracked state) and back.
	# In flight at most 8 per session and 64 in all, so fewer sessions.
	# Every reply is verified (-V 1: cc 00 and at least 3 data bytes), so
	# a C0h or C3h is never counted as an answer.
	smi=$(lanctl -j smi show 2>&1)
	timeout -k 2 $((LIMIT * 4)) taskset -c 1 "$IPMI_LANCTL" chassis serve \
		>"$OUT/logs/chassis.log" 2>&1 &
	serve_pid=$!
	serving=0
	for i in $(seq 1 40); do	# bounded: 10 s
		if grep -q 'serving /dev/ipmi' "$OUT/logs/chassis.log" &&
			lanctl forward show 2>/dev/null | grep -q owned; then
			serving=1
			break
		fi
		kill -0 "$serve_pid" 2>/dev/null || break
		sleep 0.25
	done
	owned=$(owned_entries)
	if [ "$serving" = 1 ]; then
		say "chassis consumer: $(grep -m1 'serving' "$OUT/logs/chassis.log"); smi $smi"
		req_phase ipmi-lan-forwarded -p $LANPORT -s 3 -n "$FNS" -w "$FW" -C 0:1 -B 11 -V 1
		if [ $((NS * W)) -gt $FWD_INFLIGHT ]; then
			# the Get Device ID phases' sessions and window: beyond what the
			# module forwards at once, so some replies are C0h (an invalid run)
			req_phase ipmi-lan-forwarded-as-s3 -p $LANPORT -s 3 -n "$NS" -w "$W" -C 0:1 -B 19 -V 1
		fi
	else
		fail_record ipmi-lan-forwarded "the chassis consumer did not start serving (logs/chassis.log)"
	fi
	kill "$serve_pid" 2>/dev/null
	wait "$serve_pid" 2>/dev/null
	# its owned entries go with its netlink socket (bounded: 5 s)
	for i in $(seq 1 25); do
		[ "$(owned_entries)" = "[]" ] && break
		sleep 0.2
	done
	record "$("$PY" -c 'import json,sys
def j(s):
    try: return json.loads(s)
    except ValueError: return s
after = j(sys.argv[3])
print(json.dumps(dict(mode="check", label="ipmi-lan-forwarded-consumer", smi=j(sys.argv[1]),
  serving=sys.argv[4] == "1", owned_while_serving=j(sys.argv[2]), owned_after_kill=after,
  valid=after == [], log_tail=sys.argv[5])))' "$smi" "$owned" "$(owned_entries)" "$serving" \
		"$(tail -n 3 "$OUT/logs/chassis.log" 2>/dev/null)")"
	say "chassis consumer stopped; owned forward entries left: $(owned_entries)"
	fleet_phase
	# every handshake verified (-V 1): the RAKP2 code and the RAKP4 ICV
	lg ipmi-lan-hs-s3 hs -p $LANPORT -s 3 -A "$ADDRS" -j "$HSJ" -t "$T" -c 1000000 -B 20 -T 500 -V 1
	lg ipmi-lan-hs-s17 hs -p $LANPORT -s 17 -A "$ADDRS" -j "$HSJ" -t "$T" -c 1000000 -B 21 -T 500 -V 1
	# open loop: unloaded (2% of the maximum) and at 80% of the maximum
	[ "$max3" -gt 0 ] || max3=1000
	low=$((max3 / 50))
	[ $low -ge 20 ] || low=20
	high=$((max3 * 8 / 10))
	lg ipmi-lan-open-unloaded req -p $LANPORT -s 3 -n "$NS" -r $low -t "$T" -c "$(count_for $low)" -B 12
	lg ipmi-lan-open-80 req -p $LANPORT -s 3 -n "$NS" -r $high -t "$T" -c "$(count_for $high)" -B 13
	if [ "$SMOKE" != 1 ] && command -v perf >/dev/null; then
		# where the time goes: cpu-clock profiles of both CPUs under load
		profile ipmi-lan-profiled req -p $LANPORT -s 3 -n "$NS" -w "$W" -t "$T" -c "$(count_for "$max3")" -B 14
		profile ipmi-lan-hs-profiled hs -p $LANPORT -s 3 -A "$ADDRS" -j "$HSJ" -t "$T" -c 1000000 -B 24 -T 500 -V 1
	fi
	record "$("$PY" -c 'import json,sys
try: s = json.loads(sys.argv[1])
except ValueError: s = sys.argv[1]
print(json.dumps(dict(mode="lanctl-stats", label="ipmi-lan-stats", stats=s)))' "$(lanctl -j stats show 2>&1)")"
else
	fail_record ipmi-lan "insmod failed"
fi

# --- OpenIPMI's ipmi_sim, suite 3 -----------------------------------------

mkdir -p /tmp/ipmi_sim-state
timeout -k 2 $((LIMIT * 3)) taskset -c 1 ipmi_sim -c "$B/ipmi_sim.lan.conf" \
	-f "$B/ipmi_sim.emu" -s /tmp/ipmi_sim-state -n >"$OUT/logs/ipmi_sim.log" 2>&1 &
sim_pid=$!
if wait_port $SIMPORT; then
	# the peers leave the generator idle: verify every reply (-V 1)
	req_phase ipmi_sim-s3 -p $SIMPORT -s 3 -n "$NS" -w "$W" -B 15 -V 1
	# the same Get Chassis Status ipmi-lan forwards, answered by ipmi_sim itself
	req_phase ipmi_sim-chassis -p $SIMPORT -s 3 -n "$FNS" -w "$FW" -C 0:1 -B 17 -V 1
	lg ipmi_sim-hs-s3 hs -p $SIMPORT -s 3 -A "$ADDRS" -j "$HSJ" -t "$T" -c 1000000 -B 22 -T 500 -V 1
else
	fail_record ipmi_sim "ipmi_sim did not start"
fi
kill "$sim_pid" 2>/dev/null
wait "$sim_pid" 2>/dev/null
# Not in the smoke: it proves nothing of ipmi-lan, and make check's time
# is short.
[ "$SMOKE" = 1 ] || sim_fleet_phase

# --- pyghmi's Bmc, suite 3 --------------------------------------------------

timeout -k 2 $((LIMIT * 3)) taskset -c 1 "$PY" "$B/pyghmi_bmc.py" 127.0.0.1 $PYPORT admin "$PASS" \
	$((LIMIT * 3 - 10)) >"$OUT/logs/pyghmi.log" 2>&1 &
py_pid=$!
if wait_port $PYPORT; then
	req_phase pyghmi-s3 -p $PYPORT -s 3 -n "$NS" -w "$W" -B 16 -V 1
	# pyghmi keeps a session per client address and port: a new port each time
	lg pyghmi-hs-s3 hs -p $PYPORT -s 3 -A "$ADDRS" -j "$HSJPY" -t "$T" -c 1000000 -B 23 -T 500 -F -V 1
else
	fail_record pyghmi "pyghmi's Bmc did not start"
fi
kill "$py_pid" 2>/dev/null
wait "$py_pid" 2>/dev/null

# --- Serial over LAN ----------------------------------------------------------

# sol.py measure, one row per server and client: a pty pair is the host's
# serial line (sol.py holds the master; the slave is the server's tty), a
# client process is the console. Per row two client sessions: throughput
# (SOLSIZE bytes each way at once, at most SOLT seconds) and 115200 baud
# (11520 bytes/s) each way at once for SOLT seconds, 16-byte pieces timed
# from tty write to client receive. Every byte checked (sha256). sol.py,
# the clients and the host side on CPU 0; the servers on CPU 1 (ipmi-lan:
# softirq through RPS and the unbound workqueues; pyghmi: its process).
# rmcpp-client cannot use pyghmi's server (which announces a payload size
# of 1 and a big-endian port), so pyghmi's own client Console is the
# console for pyghmi, and for ipmi-lan too in a second row: the same
# client on both servers. Smoke: one client session per row, no second
# ipmi-lan row, and pyghmi's server and client start while ipmi-lan's row
# runs (each pyghmi process needs seconds to import pyghmi over 9p here).
if [ "$SMOKE" = 1 ]; then
	SOLT=1 SOLSIZE=65536 SOLDRAIN=3
	SOLARGS=(--sessions 1 --overlap)
else
	SOLT=$T SOLSIZE=1048576 SOLDRAIN=5
	SOLARGS=(--sessions 2)
fi
SOLPYPORT=9626
sol_t0=$SECONDS
if grep -q '^ipmi_lan ' /proc/modules; then
	SOLARGS+=(--row "sol-ipmi-lan,lan,rmcpp,$LANPORT")
	[ "$SMOKE" = 1 ] || SOLARGS+=(--row "sol-ipmi-lan-pyghmi-client,lan,pyghmi,$LANPORT")
else
	fail_record sol-ipmi-lan "ipmi_lan is not loaded"
fi
SOLARGS+=(--row "sol-pyghmi,pyghmi,pyghmi,$SOLPYPORT")
# its lines through a file: the guest has no /dev/fd for a "< <(...)"
timeout -k 5 $(((SOLT * 2 + SOLDRAIN * 2 + 90) * 4)) taskset -c 0 "$PY" "$B/sol.py" measure \
	--seconds "$SOLT" --size "$SOLSIZE" --drain "$SOLDRAIN" --user admin --password "$PASS" \
	--lanctl "$IPMI_LANCTL" --rmcpp "$IPMI_LAN_TOP/tests/tools/rmcpp/rmcpp-client" \
	--logdir "$OUT/logs" "${SOLARGS[@]}" >"$OUT/logs/sol.out" 2>>"$OUT/logs/sol.err"
sol_rows=0
while IFS= read -r line; do
	case "$line" in
	"{"*) record "$line"; sol_rows=$((sol_rows + 1)) ;;
	"summary: "*) say "${line#summary: }" ;;
	esac
done <"$OUT/logs/sol.out"
[ "$sol_rows" -gt 0 ] || fail_record sol "sol.py gave no result (see logs/sol.err)"
say "Serial over LAN: $((SECONDS - sol_t0)) s"

# --- paired rounds: ipmi-lan and ipmi_sim back to back -----------------------

# The host's speed drifts during a run (other guests share its cores): the
# same phase gave 32.8k and 22.4k req/s in two runs of one commit, and the
# userspace crypto cost 114 and 195 us. A ratio of two phases several
# minutes apart carries that drift. So PAIRS rounds run ipmi-lan's and
# ipmi_sim's phases one after the other, with fresh source addresses each
# time; report.py takes the median of the per-round ratios.
timeout -k 2 $((LIMIT * 4 * PAIRS)) taskset -c 1 ipmi_sim -c "$B/ipmi_sim.lan.conf" \
	-f "$B/ipmi_sim.emu" -s /tmp/ipmi_sim-state -n >"$OUT/logs/ipmi_sim-paired.log" 2>&1 &
sim_pid=$!
if ! grep -q '^ipmi_lan ' /proc/modules; then
	fail_record paired "ipmi_lan is not loaded"
elif ! wait_port $SIMPORT; then
	fail_record paired "ipmi_sim did not start"
else
	[ "${max3:-0}" -gt 0 ] || max3=1000
	for r in $(seq 1 "$PAIRS"); do
		lg "paired-ipmi-lan-s3-r$r" req -p $LANPORT -s 3 -n "$NS" -w "$W" -t "$T" \
			-c "$(count_for "$max3")" -B $((40 + r))
		lg "paired-ipmi_sim-s3-r$r" req -p $SIMPORT -s 3 -n "$NS" -w "$W" -t "$T" \
			-c "$(count_for 4000)" -B $((50 + r)) -V 1
		lg "paired-ipmi-lan-hs-s3-r$r" hs -p $LANPORT -s 3 -A "$ADDRS" -j "$HSJ" -t "$T" \
			-c 1000000 -B $((60 + r)) -T 500 -V 1
		lg "paired-ipmi_sim-hs-s3-r$r" hs -p $SIMPORT -s 3 -A "$ADDRS" -j "$HSJ" -t "$T" \
			-c 1000000 -B $((70 + r)) -T 500 -V 1
	done
fi
kill "$sim_pid" 2>/dev/null
wait "$sim_pid" 2>/dev/null

say "done: $(wc -l <"$RES") results in $RES"
exit 0
