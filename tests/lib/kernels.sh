#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Kernels for ipmi-lan's tests, all cached under ~/.cache/ipmi-lan/:
#
#   stock-<abi>/      Debian's stock image and its modules, unpacked with
#                     dpkg -x (never installed as the host's kernel), with a
#                     modules.dep made by depmod -b.
#   debug-<hash>/     a tinyconfig kernel from Debian's linux-source-6.1 plus
#                     tests/kernel/debug.config (KUnit, KASAN, UBSAN, lockdep,
#                     kmemleak; ACPI, so that the guest finds both vCPUs),
#                     keyed by the source version and the fragment.
#
# Usage: kernels.sh deps | stock 6.1|6.12 | headers 6.1|6.12 | debug | kdir NAME
# Every command prints the directory it made or found on its last line.

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/lib/pins.sh
. "$TOP/tests/lib/pins.sh"

CACHE=${IPMI_LAN_CACHE:-$HOME/.cache/ipmi-lan}
mkdir -p "$CACHE"

log() { echo "kernels: $*" >&2; }

# lock NAME: hold $CACHE/.NAME.lock until this script exits, waiting for
# whoever holds it. make check asks for the same tree from stages that
# run at the same time (the debug module's build and checkpatch): the
# second one must wait for the first build, not delete it and start over.
lock() {
	exec 8>"$CACHE/.$1.lock"
	if ! flock -n 8; then
		log "waiting for another run preparing $1"
		flock -w 3600 8 || { log "gave up waiting for $1"; return 1; }
	fi
}

apt_install() {
	local missing=()
	local p

	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" != 0 ]; then
		log "missing packages: ${missing[*]} (run as root to install them)"
		return 1
	fi
	log "installing ${missing[*]}"
	if [ -z "${IPMI_LAN_APT_UPDATED:-}" ]; then
		apt-get update -qq >&2
		export IPMI_LAN_APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >&2
}

abi_of() {
	case "$1" in
	6.1) echo "$ABI_61" ;;
	6.12) echo "$ABI_612" ;;
	*) log "unknown kernel series '$1'"; return 1 ;;
	esac
}

# Packages the build, the harness and the clients need on the host. The guest
# runs the host's userland over 9p, so the clients are host packages too.
cmd_deps() {
	apt_install build-essential bc bison flex libelf-dev libssl-dev cpio \
		kmod xz-utils zstd busybox-static qemu-system-x86 \
		libnl-3-dev libnl-genl-3-dev pkg-config sparse iproute2 \
		ipmitool freeipmi-tools python3 python3-pyghmi openssl openipmi jq \
		"linux-headers-$ABI_61" "linux-headers-$ABI_612" linux-source-6.1
	echo ok
}

cmd_headers() {
	local abi

	abi=$(abi_of "$1")
	apt_install "linux-headers-$abi"
	echo "/usr/src/linux-headers-$abi"
}

cmd_stock() {
	local abi dir pkg tmp

	abi=$(abi_of "$1")
	dir="$CACHE/stock-$abi"
	if [ -f "$dir/.done" ]; then
		echo "$dir"
		return 0
	fi
	lock "stock-$abi"
	if [ -f "$dir/.done" ]; then
		echo "$dir"
		return 0
	fi
	pkg="linux-image-$abi-unsigned"
	tmp=$(mktemp -d "$CACHE/.stock.XXXXXX")
	log "fetching $pkg"
	mkdir -p "$CACHE/debs"
	if ! ls "$CACHE/debs/${pkg}_"*.deb >/dev/null 2>&1; then
		[ -n "${IPMI_LAN_APT_UPDATED:-}" ] || { apt-get update -qq >&2 || true; }
		(cd "$CACHE/debs" && apt-get download "$pkg" >&2)
	fi
	dpkg -x "$CACHE/debs/${pkg}_"*.deb "$tmp/root"
	# 6.12 ships .ko.xz; busybox insmod in the initramfs wants plain .ko,
	# and plain files keep modprobe simple in the guest too.
	find "$tmp/root/lib/modules/$abi" -name '*.ko.xz' -exec xz -d {} +
	depmod -b "$tmp/root" "$abi"
	rm -rf "$dir"
	mv "$tmp" "$dir"
	touch "$dir/.done"
	echo "$dir"
}

debug_key() {
	local srcver

	srcver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
	cat "$TOP/tests/kernel/debug.config" | { cat; echo "$srcver"; } |
		sha256sum | cut -c1-16
}

cmd_debug() {
	local key dir src opt

	apt_install linux-source-6.1 build-essential bc bison flex libelf-dev libssl-dev
	key=$(debug_key)
	dir="$CACHE/debug-$key"
	if [ -f "$dir/.done" ]; then
		echo "$dir"
		return 0
	fi
	lock "debug-$key"
	if [ -f "$dir/.done" ]; then
		echo "$dir"
		return 0
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	log "building the debug kernel in $dir (about 9 minutes on 2 cores)"
	tar -C "$dir" -xf /usr/src/linux-source-6.1.tar.xz --strip-components=1
	src="$dir"
	make -C "$src" -s tinyconfig >&2
	"$src/scripts/kconfig/merge_config.sh" -m -O "$src" "$src/.config" \
		"$TOP/tests/kernel/debug.config" >&2
	make -C "$src" -s olddefconfig >&2
	for opt in SMP ACPI KASAN KUNIT BUG PROVE_LOCKING DEBUG_KMEMLEAK UBSAN DEBUG_LIST \
		NET_UDP_TUNNEL 9P_FS VETH POSIX_TIMERS SYSVIPC INOTIFY_USER NO_HZ_IDLE; do
		if ! grep -q "^CONFIG_$opt=y" "$src/.config"; then
			log "CONFIG_$opt is not =y after olddefconfig"
			return 1
		fi
	done
	# At nice 10: on a new machine the stock guests run beside this build,
	# and their flood tests must not be starved by it (they are at nice 5).
	nice -n 10 make -C "$src" -s -j"$(($(nproc) + 1))" bzImage modules >&2
	touch "$dir/.done"
	echo "$dir"
}

# The build directory for a kernel name: 6.1, 6.12 or debug.
cmd_kdir() {
	case "$1" in
	debug) cmd_debug ;;
	*) cmd_headers "$1" ;;
	esac
}

case "${1:-}" in
deps) cmd_deps ;;
stock) cmd_stock "$2" ;;
headers) cmd_headers "$2" ;;
debug) cmd_debug ;;
kdir) cmd_kdir "$2" ;;
*) echo "usage: $0 deps | stock 6.1|6.12 | headers 6.1|6.12 | debug | kdir NAME" >&2; exit 1 ;;
esac
