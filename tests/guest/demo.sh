#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, run inside the stock 6.1 guest by tests/demo.sh (tests/vm.sh
# --script). It gets the e2e environment (IPMI_LAN_KO, IPMI_LANCTL, ...)
# and runs in the initial network namespace. Placeholder: the real client
# walkthrough goes here.

set -euo pipefail

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

step insmod "$IPMI_LAN_KO"
step "$IPMI_LANCTL" show
