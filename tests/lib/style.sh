#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.pl --strict over the kernel sources (module, KUnit suites,
# uapi header, harness self-test modules). checkpatch comes from the
# cached debug kernel tree (Debian's header packages do not ship it).
# Exits 1 on any ERROR, WARNING or CHECK.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
KDIR=$("$TOP/tests/lib/kernels.sh" debug | tail -n1)
cd "$TOP"
files=$(ls kmod/*.c kmod/*.h kmod/tests/*.c kmod/tests/*.h include/uapi/linux/*.h tests/selftest/*/*.c)
# shellcheck disable=SC2086
out=$(perl "$KDIR/scripts/checkpatch.pl" --no-tree --strict --terse --show-types \
	-f $files 2>&1 || true)
if echo "$out" | grep -qE ': (ERROR|WARNING|CHECK):'; then
	echo "$out" | grep -E ': (ERROR|WARNING|CHECK):'
	echo "checkpatch --strict: findings above" >&2
	exit 1
fi
echo "checkpatch --strict: clean ($(echo "$files" | wc -w) files)"
