#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A /dev/ipmiN program that takes events, as any such program would:
IPMICTL_SET_GETS_EVENTS_CMD, then IPMICTL_RECEIVE_MSG_TRUNC for each
asynchronous event. Prints one line per event record in hex, until N
records came (exit 0) or SECONDS passed (exit 1).

  ipmi-events.py DEVICE N SECONDS
"""

import ctypes
import fcntl
import os
import select
import sys
import time

IOC_MAGIC = ord("i")


def _ioc(direction, nr, size):
    return (direction << 30) | (size << 16) | (IOC_MAGIC << 8) | nr


class IpmiMsg(ctypes.Structure):
    _fields_ = [("netfn", ctypes.c_ubyte), ("cmd", ctypes.c_ubyte),
                ("data_len", ctypes.c_ushort), ("data", ctypes.c_void_p)]


class IpmiRecv(ctypes.Structure):
    _fields_ = [("recv_type", ctypes.c_int), ("addr", ctypes.c_void_p),
                ("addr_len", ctypes.c_uint), ("msgid", ctypes.c_long),
                ("msg", IpmiMsg)]


READ, WRITE = 2, 1
SET_GETS_EVENTS = _ioc(READ, 16, ctypes.sizeof(ctypes.c_int))
RECEIVE_MSG_TRUNC = _ioc(READ | WRITE, 11, ctypes.sizeof(IpmiRecv))
ASYNC_EVENT = 2


def main():
    dev, want, secs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    fd = os.open(dev, os.O_RDWR)
    fcntl.ioctl(fd, SET_GETS_EVENTS, ctypes.c_int(1))
    addr = ctypes.create_string_buffer(64)
    data = ctypes.create_string_buffer(64)

    def receive():
        r = IpmiRecv(addr=ctypes.addressof(addr), addr_len=64,
                     msg=IpmiMsg(data=ctypes.addressof(data), data_len=64))
        fcntl.ioctl(fd, RECEIVE_MSG_TRUNC, r)
        return r
    # Events from before we started (the buffer keeps the last ones) come
    # first, within a second or two: until 3 s pass without one, at most 20.
    old, end = 0, time.monotonic() + 20
    while time.monotonic() < end and select.select([fd], [], [], 3.0)[0]:
        receive()
        old += 1
    print("ready (%d earlier events)" % old, flush=True)
    got, end = 0, time.monotonic() + secs
    while got < want:
        left = end - time.monotonic()
        if left <= 0:
            print("timeout after %d events" % got, file=sys.stderr)
            return 1
        if not select.select([fd], [], [], min(left, 1.0))[0]:
            continue
        r = receive()
        if r.recv_type != ASYNC_EVENT:
            continue
        print("event " + data.raw[:r.msg.data_len].hex(), flush=True)
        got += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
