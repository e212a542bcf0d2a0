#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build ipmi_lan.ko out of place for one kernel: 6.1 and 6.12 use Debian's
# pinned headers, debug the cached debug tree (which also gets the KUnit
# module and the harness self-test modules). The sources are copied into
# build/<kernel>/ so the three builds never share objects. Any compiler
# warning under W=1 fails the build. With "sparse" as the second argument
# the same build also runs sparse (C=2) on every source, in the same make
# (one compile instead of two), and any sparse report in the module's own
# sources fails it too. Warnings and reports inside the kernel's headers
# (/usr/src, the cached debug tree) are not ours and are not counted.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
K=${1:?usage: build-module.sh 6.1|6.12|debug [sparse]}
MODE=${2:-build}
KDIR=$("$TOP/tests/lib/kernels.sh" kdir "$K" | tail -n1)
OUT="$TOP/build/$K"

mkdir -p "$OUT"
# Copy only the module's sources; keep objects of earlier builds (make
# rebuilds what changed).
for d in kmod include tests/selftest; do
	mkdir -p "$OUT/$d"
	cp -a "$TOP/$d/." "$OUT/$d/"
done
cp "$TOP/Kbuild" "$OUT/Kbuild"

# Both cores: make check starts this build and the stock ones together.
extra=(-j"$(nproc)")
[ "$K" = debug ] && extra+=(CONFIG_IPMI_LAN_KUNIT_TEST=m)
log="$OUT/build.log"
check=()
if [ "$MODE" = sparse ]; then
	command -v sparse >/dev/null || { echo "sparse is not installed" >&2; exit 1; }
	check=(C=2 CF=-D__CHECK_ENDIAN__)
fi
# The harness self-test modules first: they do not depend on the module's
# sources, so the harness can prove itself even while those are broken.
: >"$log"
if [ "$K" = debug ]; then
	for m in warn leak; do
		make -C "$KDIR" M="$OUT/tests/selftest/$m" W=1 "${extra[@]}" modules >>"$log" 2>&1 ||
			{ cat "$log" >&2; exit 1; }
	done
fi
make -C "$KDIR" M="$OUT" W=1 "${check[@]}" "${extra[@]}" modules >>"$log" 2>&1 ||
	{ cat "$log" >&2; exit 1; }
if grep -E 'warning:|error:' "$log" | grep -v '^/usr/src\|^/root/.cache'; then
	echo "the $K build has warnings${check[*]:+ or sparse reports} (see $log)" >&2
	exit 1
fi
[ -z "${check[*]}" ] || echo "W=1 and sparse clean ($K)"
echo "$OUT/kmod/ipmi_lan.ko"
