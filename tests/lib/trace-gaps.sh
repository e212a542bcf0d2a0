#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Where an e2e test spends its time: reads the trace of a test run with
# IPMI_LAN_E2E_TRACE=1 (build/vm/KERNEL/e2e/NAME.trace) and prints the
# lines that took longest, summed over their runs: "SECONDS FILE:LINE".
# The time of a trace line is the gap to the next line of the trace, so a
# line that waits on a background job is charged for the wait.
#
# Usage: tests/lib/trace-gaps.sh TRACE [N]

set -euo pipefail
trace=${1:?usage: trace-gaps.sh TRACE [N]}
n=${2:-15}
grep -aE '^\++[0-9]+\.[0-9]+ [^ ]+:[0-9]+ ' "$trace" |
	awk '{ sub(/^\++/, "", $1) }
	     prev != "" { t[prev] += $1 - pt }
	     { prev = $2; pt = $1 }
	     END { for (k in t) printf "%8.2f %s\n", t[k], k }' |
	sort -rn | head -n "$n"
