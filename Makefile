# SPDX-License-Identifier: GPL-2.0
#
# make            build kmod/ipmi_lan.ko against KDIR and ipmi-lanctl
# make demo       boot Debian's stock kernel in QEMU and use the module
# make bench      the benchmark in one stock 6.1 guest (build/bench/result.json)
# make check      every test (builds, KUnit, e2e on the debug and stock kernels)
# make module-for K=6.1|6.12|debug   out-of-place W=1 build in build/K/
# make style      checkpatch --strict over the kernel sources
# make sparse     sparse (C=2) over the kernel sources

KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(lastword $(sort $(wildcard /usr/src/linux-headers-6.1.0-*-amd64))))
TOP := $(CURDIR)
BUILD := $(TOP)/build

.PHONY: all module tool clean check demo bench module-for style sparse

all: module tool

module:
	@test -n "$(KDIR)" || { echo "no kernel headers: install linux-headers-\$$(uname -r) or set KDIR" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(TOP) modules

tool:
	$(MAKE) -C ipmi-lanctl

# An out-of-place build per kernel, so the 6.1, 6.12 and debug modules can
# coexist. Fails on any compiler warning (W=1).
module-for:
	@test -n "$(K)" || { echo "usage: make module-for K=6.1|6.12|debug" >&2; exit 1; }
	@tests/lib/build-module.sh $(K)

style:
	@tests/lib/style.sh

sparse:
	@tests/lib/build-module.sh $(or $(K),6.1) sparse

check:
	@tests/check.sh

demo:
	@tests/demo.sh

bench:
	@tests/bench/run.sh

clean:
	-test -z "$(KDIR)" || $(MAKE) -C $(KDIR) M=$(TOP) clean
	$(MAKE) -C ipmi-lanctl clean
	rm -rf $(BUILD)
