#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Grafts ipmi-lan into a copy of the cached debug kernel tree and builds it
# in-tree as CONFIG_IPMI_LAN=m (with CONFIG_IPMI_LAN_KUNIT_TEST=m), which
# shows the Kbuild and Kconfig work inside a kernel tree as well as out of
# it. Usage: tests/lib/graft.sh [WORKDIR] (default /tmp/ipmi-lan-graft).
# The copy is about 2 GB and is removed afterwards.
set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SRC=$("$TOP/tests/lib/kernels.sh" debug | tail -n1)
WORK=${1:-/tmp/ipmi-lan-graft}

rm -rf "$WORK"
cp -a "$SRC" "$WORK"
trap 'rm -rf "$WORK"' EXIT
# A copy of the sources, so the in-tree objects stay out of the repository.
mkdir -p "$WORK/drivers/net/ipmi_lan"
cp -a "$TOP/Kbuild" "$TOP/kmod" "$TOP/include" "$WORK/drivers/net/ipmi_lan/"
echo 'obj-$(CONFIG_IPMI_LAN) += ipmi_lan/' >>"$WORK/drivers/net/Makefile"
sed -i '/^endif # NETDEVICES/i source "drivers/net/ipmi_lan/kmod/Kconfig"' \
	"$WORK/drivers/net/Kconfig"
"$WORK/scripts/config" --file "$WORK/.config" --module IPMI_LAN \
	--module IPMI_LAN_KUNIT_TEST
make -C "$WORK" -s olddefconfig
grep -q '^CONFIG_IPMI_LAN=m' "$WORK/.config"
make -C "$WORK" -s -j"$(nproc)" modules
ls "$WORK/drivers/net/ipmi_lan/kmod/ipmi_lan.ko" \
	"$WORK/drivers/net/ipmi_lan/kmod/ipmi_lan_kunit.ko"
echo "graft: built in-tree"
