#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The kernel's memory, for the fleet phase of the benchmark (guest.sh).

  kmem.py snap [SETTLE]
      one JSON object: /proc/meminfo's kernel counters (kB) and the slab
      objects in bytes (in all and per cache), after dropping the caches
      (drop_caches 3), SETTLE seconds (1) for RCU frees, and shrinking
      every slab cache (so SLUB's per-CPU slabs do not hide objects, as in
      loadgen mem). SETTLE 0 (the smoke run): no drop_caches, no wait.
  kmem.py record LABEL TARGETS BEFORE ADDED SERVED AFTER
      the fleet phase's memory record (one JSON line): the snapshots and
      the bytes per target between them. SERVED or AFTER may be "null".

The headline counter, "kernel", is Slab + Percpu + VmallocUsed +
KernelStack + PageTables from /proc/meminfo. On 6.1 Slab includes large
kmalloc() allocations (page allocator, over 8 KiB), which /proc/slabinfo
does not list; "slab_objects" (active_objs x objsize over every cache in
/proc/slabinfo) is the object-level part, without slab pages' slack.
MemFree is reported as a cross-check only: the per-CPU page lists make it
move by hundreds of kB with no allocation at all.
"""

import glob
import json
import sys
import time

FIELDS = ("MemFree", "Slab", "SReclaimable", "SUnreclaim", "Percpu",
          "VmallocUsed", "KernelStack", "PageTables")
KERNEL = ("Slab", "Percpu", "VmallocUsed", "KernelStack", "PageTables")


def write(path, text):
    try:
        with open(path, "w") as f:
            f.write(text)
    except OSError:
        pass


def snap(settle):
    if settle > 0:
        write("/proc/sys/vm/drop_caches", "3\n")
        time.sleep(settle)
    for p in glob.glob("/sys/kernel/slab/*/shrink"):
        write(p, "1\n")
    m = {}
    with open("/proc/meminfo") as f:
        for line in f:
            k, v = line.split(":", 1)
            if k in FIELDS:
                m[k] = int(v.split()[0])
    objs = kmalloc = 0
    caches = {}
    with open("/proc/slabinfo") as f:
        for line in f:
            p = line.split()
            if len(p) < 4 or not p[1].isdigit():
                continue
            b = int(p[1]) * int(p[3])
            caches[p[0]] = b
            objs += b
            if p[0].startswith("kmalloc-"):
                kmalloc += b
    m["kernel_kb"] = sum(m.get(k, 0) for k in KERNEL)
    m["slab_objects_b"] = objs
    m["kmalloc_objects_b"] = kmalloc
    m["caches"] = caches
    return m


def per(a, b, n):
    """Bytes per target from snapshot a to b."""
    if not a or not b or n <= 0:
        return None
    return {
        "kernel": round((b["kernel_kb"] - a["kernel_kb"]) * 1024 / n),
        "slab_objects": round((b["slab_objects_b"] - a["slab_objects_b"]) / n),
        "kmalloc_objects": round((b["kmalloc_objects_b"] - a["kmalloc_objects_b"]) / n),
        "memfree": round((a["MemFree"] - b["MemFree"]) * 1024 / n),
        "delta_kb": {k: b.get(k, 0) - a.get(k, 0) for k in FIELDS + ("kernel_kb",)},
        # the slab caches that grew most, bytes per target
        "top_caches": sorted(
            ([c, round((v - a.get("caches", {}).get(c, 0)) / n)]
             for c, v in b.get("caches", {}).items()),
            key=lambda cv: -cv[1])[:12],
    }


def load(s):
    try:
        return json.loads(s)
    except ValueError:
        return None


def main(argv):
    if len(argv) >= 2 and argv[1] == "snap":
        print(json.dumps(snap(float(argv[2]) if len(argv) > 2 else 1.0)))
        return 0
    if len(argv) == 8 and argv[1] == "record":
        n = int(argv[3])
        snaps = [load(s) for s in argv[4:8]]
        before, added, served, after = snaps
        idle = per(before, added, n)
        for m in snaps:
            if m:
                m.pop("caches", None)
        print(json.dumps(dict(
            mode="fleet-mem", label=argv[2], targets=n,
            counter="Slab+Percpu+VmallocUsed+KernelStack+PageTables (/proc/meminfo)",
            bytes_per_idle_target=idle and idle["kernel"],
            idle_target=idle,
            served_target=per(added, served, n),
            left_after_removal=per(before, after, n),
            snapshots=dict(before=before, added=added, served=served, after=after),
            valid=idle is not None)))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
