#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""pyghmi's Bmc server as a benchmark peer (suite 3, its only suite).

usage: pyghmi_bmc.py ADDRESS PORT USER PASSWORD SECONDS

Serves Get Device ID (answered by pyghmi itself) and a fixed power state
until SECONDS have passed; prints "ready" once the socket is bound.
"""
import sys
import time

from pyghmi.ipmi import bmc


class BenchBmc(bmc.Bmc):
    def get_power_state(self):
        return 'on'

    def get_boot_device(self):
        return 'default'


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    address, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    end = time.monotonic() + float(sys.argv[5])
    BenchBmc({user: password}, port=port, address=address)
    print('ready', flush=True)
    # bounded: at most SECONDS, in 1 s slices
    while time.monotonic() < end:
        bmc.Bmc.listen(timeout=1)


if __name__ == '__main__':
    main()
