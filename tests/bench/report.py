#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the guest's bench.jsonl into result.json and a table.

usage: report.py RESULTS.jsonl OUT.json [--smoke] [--meta KEY=VALUE ...]

With --smoke the exit status is 1 if a phase produced no number; timing
is never judged. Without it the exit status is 0 (targets are reported,
not asserted).
"""
import json
import sys

# cpu0: the generator's CPU, busy share; cpu1: the server's (and RPS's)
REQ = ["udp-echo", "ipmi-lan-s3", "ipmi-lan-s17", "ipmi-lan-forwarded",
       "ipmi-lan-forwarded-as-s3", "ipmi-lan-fleet", "ipmi-lan-fleet-one",
       "ipmi-lan-open-unloaded",
       "ipmi-lan-open-80", "ipmi-lan-profiled", "ipmi_sim-s3", "ipmi_sim-chassis",
       "ipmi_sim-fleet", "pyghmi-s3"]
HS = ["ipmi-lan-hs-s3", "ipmi-lan-hs-s17", "ipmi-lan-hs-profiled", "ipmi_sim-hs-s3",
      "pyghmi-hs-s3"]
# ipmi-lan-forwarded-as-s3: only when the s3 phase keeps more requests in
# flight than the module forwards at once (64); it shows the C0h answers
# ipmi-lan-fleet-one: not in the smoke run
OPTIONAL = {"ipmi-lan-forwarded-as-s3", "ipmi-lan-profiled", "ipmi-lan-hs-profiled",
            "ipmi-lan-fleet-one"}
# not in the smoke run either (make check's time): ipmi_sim-fleet
SMOKE_SKIP = {"ipmi_sim-fleet"}
# Serial over LAN (sol.py measure): server, client
SOL = ["sol-ipmi-lan", "sol-ipmi-lan-pyghmi-client", "sol-pyghmi"]
SOL_DIRS = (("host_to_console", "h2c"), ("console_to_host", "c2h"))
# table names of phases whose label does not say what they ask
NAMES = {"ipmi-lan-forwarded": "ipmi-lan forwarded (0:1)",
         "ipmi-lan-forwarded-as-s3": "ipmi-lan forwarded (0:1), s3's load",
         "ipmi_sim-chassis": "ipmi_sim 0:1",
         "ipmi-lan-fleet": "ipmi-lan fleet, 0:1 bridged",
         "ipmi-lan-fleet-one": "ipmi-lan fleet, 0:1 bridged to one",
         "ipmi_sim-fleet": "ipmi_sim fleet, 0:1 bridged"}
FLEET_MEM = "ipmi-lan-fleet-mem"
FLEET_TARGET_BYTES = 16 * 1024


def load(path):
    res, meta = {}, {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                d = json.loads(line)
            except ValueError:
                continue
            if d.get("mode") == "meta":
                meta.update(d)
            elif "label" in d:
                res[d["label"]] = d
    return res, meta


def num(res, label, key):
    d = res.get(label, {})
    v = d.get(key)
    return v if isinstance(v, (int, float)) else None


def ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


def row(d, rate_key, lat_key):
    lat = d.get(lat_key, {})
    cpu = d.get("guest_cpu", {})
    rate = d.get(rate_key)

    def busy(c):
        return f"{cpu[c].get('busy', 0):.2f}" if c in cpu else "-"
    return [NAMES.get(d.get("label"), d.get("label", "?")),
            f"{rate:.0f}" if isinstance(rate, (int, float)) else "-",
            str(lat.get("p50", "-")), str(lat.get("p99", "-")),
            str(lat.get("max", "-")),
            str(d.get("lost", d.get("fail_login", "-"))),
            busy("cpu0"), busy("cpu1"),
            "yes" if d.get("valid") else
            ("skip" if d.get("skipped") else "NO: " + d.get("invalid_reason", "?"))]


def paired(res):
    """The paired rounds: per round ipmi-lan and ipmi_sim, requests and
    handshakes, and their ratios; a ratio only from two valid phases."""
    rounds = []
    r = 1
    while f"paired-ipmi-lan-s3-r{r}" in res or f"paired-ipmi_sim-s3-r{r}" in res:
        row_ = {"round": r}
        for kind, key, lan, sim in (
                ("req", "req_per_s", "paired-ipmi-lan-s3", "paired-ipmi_sim-s3"),
                ("hs", "hs_per_s", "paired-ipmi-lan-hs-s3", "paired-ipmi_sim-hs-s3")):
            a, b = res.get(f"{lan}-r{r}", {}), res.get(f"{sim}-r{r}", {})
            row_[kind + "_ipmi_lan"] = a.get(key)
            row_[kind + "_ipmi_sim"] = b.get(key)
            ok = bool(a.get("valid")) and bool(b.get("valid"))
            row_[kind + "_ratio"] = ratio(a.get(key), b.get(key)) if ok else None
        rounds.append(row_)
        r += 1
    return rounds


def median(vals):
    v = sorted(x for x in vals if x is not None)
    if not v:
        return None
    m = len(v) // 2
    return round(v[m] if len(v) % 2 else (v[m - 1] + v[m]) / 2, 3)


def table(title, head, rows):
    w = [max(len(r[i]) for r in [head] + rows) for i in range(len(head))]
    out = [title]
    for r in [head] + rows:
        out.append("  ".join(c.ljust(w[i]) if i in (0, len(head) - 1) else c.rjust(w[i])
                             for i, c in enumerate(r)).rstrip())
    return "\n".join(out)


def sol_flow(res, label, part, direction):
    return res.get(label, {}).get(part, {}).get(direction, {})


def sol_rate(res, label, direction):
    """Full-speed bytes/s one way; None if bytes were lost (or no run)."""
    v = sol_flow(res, label, "throughput", direction).get("bytes_per_s")
    return v if isinstance(v, (int, float)) else None


def sol_p99_ms(res, label, direction):
    v = sol_flow(res, label, "paced", direction).get("latency_us", {}).get("p99")
    return round(v / 1000, 1) if isinstance(v, (int, float)) else None


def sol_sustained(res, label):
    """115200 baud both ways at once, nothing lost: True, False or None."""
    p = res.get(label, {}).get("paced")
    if not p:
        return None
    return all(p.get(k, {}).get("sustained") for k, _ in SOL_DIRS)


def sol_client_bound(res, label):
    """The throughput part saturated the client's CPU, not the server's."""
    cpu = res.get(label, {}).get("throughput", {}).get("guest_cpu", {})
    c0, c1 = cpu.get("cpu0", {}).get("busy"), cpu.get("cpu1", {}).get("busy")
    return c0 is not None and c1 is not None and c0 >= 0.85 and c1 < 0.85


def sol_rows(res):
    def ms(v):
        return "-" if not isinstance(v, (int, float)) else f"{v / 1000:.1f}"
    rows = []
    for label in SOL:
        d = res.get(label)
        if not d:
            continue
        r = [label, d.get("client", "?")]
        for k, _ in SOL_DIRS:
            f = sol_flow(res, label, "throughput", k)
            v = f.get("bytes_per_s")
            r.append(f"{v:.0f}" if isinstance(v, (int, float)) else
                     ("lost " + str(f.get("lost")) if f.get("lost") is not None else "-"))
        for k, _ in SOL_DIRS:
            lat = sol_flow(res, label, "paced", k).get("latency_us", {})
            r.append(f"{ms(lat.get('p50'))}/{ms(lat.get('p99'))}")
        sus = sol_sustained(res, label)
        r.append("-" if sus is None else "yes" if sus else "no")
        thr = d.get("throughput", {})
        v = thr.get("server_cpu_us_per_kib")
        r.append(f"{v:.0f}" if isinstance(v, (int, float)) else "-")
        cpu = thr.get("guest_cpu", {})
        for c in ("cpu0", "cpu1"):
            r.append(f"{cpu[c]['busy']:.2f}" if c in cpu else "-")
        r.append("yes" if d.get("valid") else "NO: " + d.get("invalid_reason", "?"))
        rows.append(r)
    return rows


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    src, dst, rest = args[0], args[1], args[2:]
    smoke = "--smoke" in rest
    extra = {}
    if "--meta" in rest:
        for kv in rest[rest.index("--meta") + 1:]:
            if "=" in kv:
                k, v = kv.split("=", 1)
                extra[k] = v
    res, meta = load(src)
    meta.pop("mode", None)
    meta.update(extra)

    lan = num(res, "ipmi-lan-s3", "req_per_s")
    lan_hs = num(res, "ipmi-lan-hs-s3", "hs_per_s")
    p99_idle = res.get("ipmi-lan-open-unloaded", {}).get("latency_us", {}).get("p99")
    p99_80 = res.get("ipmi-lan-open-80", {}).get("latency_us", {}).get("p99")
    mem = res.get("ipmi-lan-mem", {})
    per_sess = mem.get("bytes_per_session")
    ratios = {
        "req_ipmi_lan_over_ipmi_sim": ratio(lan, num(res, "ipmi_sim-s3", "req_per_s")),
        "req_ipmi_lan_over_pyghmi": ratio(lan, num(res, "pyghmi-s3", "req_per_s")),
        "req_ipmi_lan_over_udp_echo": ratio(lan, num(res, "udp-echo", "req_per_s")),
        "hs_ipmi_lan_over_ipmi_sim": ratio(lan_hs, num(res, "ipmi_sim-hs-s3", "hs_per_s")),
        "hs_ipmi_lan_over_pyghmi": ratio(lan_hs, num(res, "pyghmi-hs-s3", "hs_per_s")),
        "p99_open80_over_unloaded": ratio(p99_80, p99_idle),
        "req_forwarded_ipmi_lan_over_ipmi_sim": ratio(
            num(res, "ipmi-lan-forwarded", "req_per_s"),
            num(res, "ipmi_sim-chassis", "req_per_s")),
    }
    for k, short in SOL_DIRS:
        # the same client (pyghmi's Console) on both servers, and each
        # server with its fastest client (rmcpp-client cannot use pyghmi's)
        ratios[f"sol_{short}_ipmi_lan_over_pyghmi_same_client"] = ratio(
            sol_rate(res, "sol-ipmi-lan-pyghmi-client", k), sol_rate(res, "sol-pyghmi", k))
        ratios[f"sol_{short}_ipmi_lan_over_pyghmi"] = ratio(
            sol_rate(res, "sol-ipmi-lan", k), sol_rate(res, "sol-pyghmi", k))
    ratios["sol_server_cpu_per_kib_pyghmi_over_ipmi_lan"] = ratio(
        res.get("sol-pyghmi", {}).get("throughput", {}).get("server_cpu_us_per_kib"),
        res.get("sol-ipmi-lan", {}).get("throughput", {}).get("server_cpu_us_per_kib"))
    fleet = res.get("ipmi-lan-fleet", {})
    fleet_mem = res.get(FLEET_MEM, {})
    per_target = fleet_mem.get("bytes_per_idle_target")
    ratios["req_fleet_bridged_over_forwarded"] = ratio(
        num(res, "ipmi-lan-fleet", "req_per_s"), num(res, "ipmi-lan-forwarded", "req_per_s"))
    ratios["req_fleet_one_target_over_forwarded"] = ratio(
        num(res, "ipmi-lan-fleet-one", "req_per_s"), num(res, "ipmi-lan-forwarded", "req_per_s"))
    ratios["req_fleet_ipmi_lan_over_ipmi_sim"] = ratio(
        num(res, "ipmi-lan-fleet", "req_per_s"), num(res, "ipmi_sim-fleet", "req_per_s"))
    # every request answered by its own target: none lost, misrouted,
    # failed (C0h, C3h) or refused, and no message that failed its checks
    fleet_bad = None
    if fleet.get("bridged"):
        fleet_bad = sum(fleet.get(k, 0) for k in ("lost", "misrouted", "failed",
                                                  "send_message_refused", "verify_fail"))
    # the chassis consumer's CPU per answered request (calibration included)
    cons = res.get("ipmi-lan-fleet-consumer", {})
    consumer_us = {}
    for label, key in (("ipmi-lan-fleet", "ticks_fleet"), ("ipmi-lan-fleet-one", "ticks_fleet_one")):
        n = sum(res.get(x, {}).get("replies", 0) for x in (label, label + "-calibrate"))
        if n and cons.get("clk_tck") and label in res:
            consumer_us[label] = round(cons.get(key, 0) / cons["clk_tck"] * 1e6 / n, 1)
    rounds = paired(res)
    ratios["paired_req_ipmi_lan_over_ipmi_sim_median"] = median(r["req_ratio"] for r in rounds)
    ratios["paired_hs_ipmi_lan_over_ipmi_sim_median"] = median(r["hs_ratio"] for r in rounds)

    # against ipmi_sim: the paired rounds' median when there is one
    def vs_sim(kind):
        m = ratios[f"paired_{kind}_ipmi_lan_over_ipmi_sim_median"]
        return m if m is not None else ratios[f"{kind}_ipmi_lan_over_ipmi_sim"]
    targets = [
        ("requests/s >= 10x ipmi_sim", vs_sim("req"), ">=", 10),
        ("requests/s >= 50x pyghmi", ratios["req_ipmi_lan_over_pyghmi"], ">=", 50),
        ("requests/s >= 0.5x UDP echo floor", ratios["req_ipmi_lan_over_udp_echo"], ">=", 0.5),
        ("handshakes/s >= 10x ipmi_sim", vs_sim("hs"), ">=", 10),
        ("p99 at 80% load < 2x unloaded p99", ratios["p99_open80_over_unloaded"], "<", 2),
        ("<= 4 KiB kernel memory per session", per_sess, "<=", 4096),
        ("fleet: no lost, misrouted or failed bridged request", fleet_bad, "==", 0),
        ("fleet: bridged requests/s >= forwarded requests/s / 1.5",
         ratios["req_fleet_bridged_over_forwarded"], ">=", round(1 / 1.5, 3)),
        ("fleet: < 16 KiB kernel memory per idle target", per_target, "<", FLEET_TARGET_BYTES),
    ]
    # SoL: ipmi-lan with rmcpp-client; the accumulate interval as configured
    acc = res.get("sol-ipmi-lan", {}).get("accumulate_ms")
    sol_ratios = [ratios[f"sol_{short}_ipmi_lan_over_pyghmi"] for _, short in SOL_DIRS]
    targets += [
        ("SoL: 115200 baud both ways at once, sustained, zero loss",
         sol_sustained(res, "sol-ipmi-lan"), "==", True),
        (f"SoL: p99 added latency (tty to console, ms) < 2x accumulate ({acc} ms)",
         sol_p99_ms(res, "sol-ipmi-lan", "host_to_console"), "<",
         2 * acc if isinstance(acc, (int, float)) else None),
        ("SoL: throughput >= 10x pyghmi (the lower direction)",
         None if None in sol_ratios else min(sol_ratios), ">=", 10),
    ]
    tlist = []
    for name, v, op, lim in targets:
        if v is None or lim is None:
            met = None
        elif op == "==":
            met = v == lim
        else:
            met = v >= lim if op == ">=" else v < lim if op == "<" else v <= lim
        tlist.append({"target": name, "value": v, "met": met})

    out = {"meta": meta, "results": res, "ratios": ratios, "paired": rounds,
           "targets": tlist, "fleet_consumer_cpu_us_per_request": consumer_us}
    with open(dst, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")

    head = ["phase", "req/s", "p50us", "p99us", "maxus", "lost", "cpu0", "cpu1", "valid"]
    print(table("Requests (Get Device ID, or 0:1 Get Chassis Status; closed loop unless open-*)", head,
                [row(res[k], "req_per_s", "latency_us") for k in REQ if k in res]))
    fwd = res.get("ipmi-lan-forwarded", {})
    if fwd:
        print(f"forwarded 0:1 through ipmi_msghandler and ipmi-lanctl chassis serve: "
              f"{fwd.get('sessions')} sessions x {fwd.get('window')} in flight; "
              f"ipmi-lan forwarded / ipmi_sim 0:1 = "
              f"{ratios['req_forwarded_ipmi_lan_over_ipmi_sim']}")
    wide = res.get("ipmi-lan-forwarded-as-s3", {})
    if wide:
        last = wide.get("verify_last_cc")
        print(f"forwarded 0:1 with {wide.get('sessions')} x {wide.get('window')} in flight: "
              f"{wide.get('verify_fail_cc')} replies with a completion code"
              f"{'' if last is None else f' (the last 0x{last:02x})'}, {wide.get('lost')} lost")
    if fleet.get("bridged"):
        print(f"fleet: Get Chassis Status bridged (Send Message, tracked) to "
              f"{fleet.get('targets')} targets in turn, {fleet.get('sessions')} sessions x "
              f"{fleet.get('window')} in flight, one chassis consumer: "
              f"{fleet.get('replies')} answered, {fleet.get('lost')} lost, "
              f"{fleet.get('misrouted')} misrouted, {fleet.get('failed')} failed "
              f"(C0h {fleet.get('answers_c0')}, C3h {fleet.get('answers_c3')}), "
              f"{fleet.get('send_message_refused')} Send Message refused; "
              f"bridged / forwarded = {ratios['req_fleet_bridged_over_forwarded']} "
              f"(to one target: {ratios['req_fleet_one_target_over_forwarded']}), "
              f"ipmi-lan / ipmi_sim fleet = {ratios['req_fleet_ipmi_lan_over_ipmi_sim']}")
    if consumer_us:
        print("chassis consumer CPU per answered request (us): " +
              ", ".join(f"{k} {v}" for k, v in consumer_us.items()))
    if fleet_mem:
        def kib(d, k="kernel"):
            v = (d or {}).get(k)
            return "-" if v is None else f"{v / 1024:.1f} KiB"
        print(f"fleet kernel memory per target ({fleet_mem.get('counter')}): idle "
              f"{kib(fleet_mem.get('idle_target'))} (slab objects "
              f"{kib(fleet_mem.get('idle_target'), 'slab_objects')}, MemFree "
              f"{kib(fleet_mem.get('idle_target'), 'memfree')}); served, added "
              f"{kib(fleet_mem.get('served_target'))}; left after removal "
              f"{kib(fleet_mem.get('left_after_removal'))}")
    chk = res.get("ipmi-lan-forwarded-consumer")
    if chk:
        owned = chk.get("owned_while_serving")
        print(f"chassis consumer: serving {chk.get('serving')}, owned forward entries "
              f"while serving {len(owned) if isinstance(owned, list) else owned}, "
              f"after kill {chk.get('owned_after_kill')}")
    print()
    head[1], head[5] = "hs/s", "failed"
    print(table("Handshakes (Open Session .. RAKP4 .. Close Session)", head,
                [row(res[k], "hs_per_s", "cycle_latency_us") for k in HS if k in res]))
    print()
    if rounds:
        def f(v):
            return "-" if v is None else f"{v:.0f}"

        def fr(v):
            return "-" if v is None else f"{v:.2f}"
        print(table("Paired rounds: ipmi-lan and ipmi_sim back to back, suite 3",
                    ["round", "req/s lan", "req/s sim", "ratio", "hs/s lan", "hs/s sim",
                     "ratio"],
                    [[str(r["round"]), f(r["req_ipmi_lan"]), f(r["req_ipmi_sim"]),
                      fr(r["req_ratio"]), f(r["hs_ipmi_lan"]), f(r["hs_ipmi_sim"]),
                      fr(r["hs_ratio"])] for r in rounds]))
        print(f"median ratios (used for the targets against ipmi_sim): requests "
              f"{ratios['paired_req_ipmi_lan_over_ipmi_sim_median']}, handshakes "
              f"{ratios['paired_hs_ipmi_lan_over_ipmi_sim_median']}")
        print()
    srows = sol_rows(res)
    if srows:
        print(table("Serial over LAN: throughput (bytes/s, both ways at once), and at 115200 "
                    "baud both ways (latency p50/p99 ms, tty write to client receive)",
                    ["phase", "client", "h>c B/s", "c>h B/s", "115200 h>c ms",
                     "115200 c>h ms", "sustained", "srv us/KiB", "cpu0", "cpu1", "valid"],
                    srows))
        acc = res.get("sol-ipmi-lan", {}).get("accumulate_ms")
        print(f"h>c host (tty) to console, c>h console to host; ipmi-lan accumulate "
              f"{acc} ms, threshold {res.get('sol-ipmi-lan', {}).get('threshold')}; "
              f"ipmi-lan / pyghmi throughput h>c "
              f"{ratios['sol_h2c_ipmi_lan_over_pyghmi']}, c>h "
              f"{ratios['sol_c2h_ipmi_lan_over_pyghmi']}; both with pyghmi's client "
              f"{ratios['sol_h2c_ipmi_lan_over_pyghmi_same_client']}, "
              f"{ratios['sol_c2h_ipmi_lan_over_pyghmi_same_client']}; server CPU per KiB, "
              f"pyghmi / ipmi-lan {ratios['sol_server_cpu_per_kib_pyghmi_over_ipmi_lan']}")
        bound = [label for label in SOL if sol_client_bound(res, label)]
        if bound:
            print("client-bound (cpu0 >= 0.85 busy, cpu1 < 0.85), their throughput a lower "
                  "bound: " + ", ".join(bound))
        print()
    crypto = res.get("crypto", {}).get("cost", {})
    for s, c in sorted(crypto.items()):
        print(f"userspace OpenSSL, {s}: {c.get('ns_per_request')} ns per request+reply "
              f"({c.get('request_bytes')}/{c.get('reply_bytes')} bytes)")
    if mem:
        pts = ", ".join(f"{p['sessions']}: {p['kmalloc_bytes']} B" for p in mem.get("points", []))
        print(f"kmalloc slab growth by active sessions: {pts}; "
              f"per session (given back by Close Session) "
              f"{per_sess if per_sess is None else round(per_sess)} B, "
              f"slope {mem.get('bytes_per_session_slope')}")
    print()
    for t in tlist:
        v = t["value"]
        v = {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else v
        print(f"target {t['target']}: {v if v is not None else 'n/a'} -> "
              f"{'met' if t['met'] else 'MISSED' if t['met'] is not None else 'n/a'}")
    print(f"\nkernel {meta.get('kernel')}, {meta.get('vcpus')} vCPUs, "
          f"{meta.get('guest_cpu_model')}, QEMU {meta.get('qemu_cpu', '?')} "
          f"({meta.get('accel', '?')}); ratios compare only within one run")
    print(f"written: {dst}")

    if smoke:
        missing = []
        for k in REQ + HS:
            if k in OPTIONAL or k in SMOKE_SKIP:
                continue
            key = "hs_per_s" if k in HS else "req_per_s"
            if not num(res, k, key):
                missing.append(k)
        if not crypto.get("suite3", {}).get("ns_per_request"):
            missing.append("crypto")
        if not rounds or not all(r[k] for r in rounds for k in (
                "req_ipmi_lan", "req_ipmi_sim", "hs_ipmi_lan", "hs_ipmi_sim")):
            missing.append("paired rounds")
        if per_sess is None:
            missing.append("ipmi-lan-mem")
        if per_target is None:
            missing.append(FLEET_MEM)
        for label in SOL:
            if label == "sol-ipmi-lan-pyghmi-client":
                continue    # not in the smoke run
            for k, short in SOL_DIRS:
                if not sol_rate(res, label, k):
                    missing.append(f"{label} throughput {short}")
                if sol_flow(res, label, "paced", k).get("latency_us", {}).get("p50") is None:
                    missing.append(f"{label} 115200 {short} latency")
        if missing:
            print("smoke: no number from " + ", ".join(missing))
            return 1
        print("smoke: every phase produced a number")
    return 0


if __name__ == "__main__":
    sys.exit(main())
