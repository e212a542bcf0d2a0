#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo: build ipmi-lanctl and the module for Debian's stock 6.1 kernel,
# boot that kernel in QEMU (no network card; the host's userland over 9p)
# and run tests/guest/demo.sh in it, its output streamed to the terminal.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$TOP"
T0=$(date +%s)

if [ "$(id -u)" = 0 ]; then
	tests/lib/kernels.sh deps >/dev/null
fi
make -s tool
tests/lib/build-module.sh 6.1 >/dev/null
echo "demo: built $(date +%s | awk -v t="$T0" '{ print $1 - t }')s; booting Debian's 6.1 kernel"
rc=0
tests/vm.sh 6.1 --script tests/guest/demo.sh || rc=$?
echo "demo: done in $(($(date +%s) - T0))s (status $rc); guest output in build/vm/6.1/"
exit "$rc"
