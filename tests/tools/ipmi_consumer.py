#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A scriptable /dev/ipmiN command consumer for the tests.

Registers for NETFN:CMD on every channel with IPMICTL_REGISTER_FOR_CMD_CHANS
and answers each LAN command it receives with completion code 00 and the
data "aa" followed by the request's data, after --delay ms. It prints one
line per event on stdout:

  ready
  cmd netfn=00 cmd=01 chan=1 priv=4 handle=7 swid=81 seq=5 data=
  rsp cc=00          (the message handler's answer to our reply)

Everything is bounded: it exits after --count commands and the message
handler's answers to its replies (5 s at most for those), or after
--timeout seconds, whichever comes first.

  ipmi_consumer.py --serve DEV
      One process for several such runs (Python starts once): each line
      on stdin is "LOG NETFN:CMD[,...] [OPTION...]", one run with those
      options whose lines go to the file LOG, which ends with "end". The
      commands of the previous run are unregistered first. It exits at
      the end of stdin.
"""

import argparse
import ctypes
import fcntl
import os
import select
import sys
import time

IOC_MAGIC = ord('i')


def _ioc(direction, nr, size):
    return (direction << 30) | (size << 16) | (IOC_MAGIC << 8) | nr


class IpmiMsg(ctypes.Structure):
    _fields_ = [("netfn", ctypes.c_ubyte), ("cmd", ctypes.c_ubyte),
                ("data_len", ctypes.c_ushort),
                ("data", ctypes.POINTER(ctypes.c_ubyte))]


class IpmiReq(ctypes.Structure):
    _fields_ = [("addr", ctypes.c_void_p), ("addr_len", ctypes.c_uint),
                ("msgid", ctypes.c_long), ("msg", IpmiMsg)]


class IpmiRecv(ctypes.Structure):
    _fields_ = [("recv_type", ctypes.c_int), ("addr", ctypes.c_void_p),
                ("addr_len", ctypes.c_uint), ("msgid", ctypes.c_long),
                ("msg", IpmiMsg)]


class LanAddr(ctypes.Structure):
    _fields_ = [("addr_type", ctypes.c_int), ("channel", ctypes.c_short),
                ("privilege", ctypes.c_ubyte),
                ("session_handle", ctypes.c_ubyte),
                ("remote_SWID", ctypes.c_ubyte),
                ("local_SWID", ctypes.c_ubyte), ("lun", ctypes.c_ubyte)]


class CmdSpecChans(ctypes.Structure):
    _fields_ = [("netfn", ctypes.c_uint), ("cmd", ctypes.c_uint),
                ("chans", ctypes.c_uint)]


RECEIVE_MSG_TRUNC = _ioc(3, 11, ctypes.sizeof(IpmiRecv))
SEND_COMMAND = _ioc(2, 13, ctypes.sizeof(IpmiReq))
REGISTER_FOR_CMD_CHANS = _ioc(2, 28, ctypes.sizeof(CmdSpecChans))
UNREGISTER_FOR_CMD_CHANS = _ioc(2, 29, ctypes.sizeof(CmdSpecChans))
CMD_RECV_TYPE = 3
RESPONSE_RESPONSE_TYPE = 4
LAN_ADDR_TYPE = 4


OUT = sys.stdout


def out(line):
    print(line, file=OUT, flush=True)


def options(argv):
    p = argparse.ArgumentParser()
    p.add_argument("commands", help="NETFN:CMD[,NETFN:CMD...]")
    p.add_argument("--delay", type=int, default=0, help="ms before a reply")
    p.add_argument("--no-reply", action="store_true")
    p.add_argument("--handle", type=int, help="reply to this handle instead")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--timeout", type=float, default=30)
    return p.parse_args(argv)


def specs(commands):
    return [CmdSpecChans(*(int(x, 0) for x in spec.split(":")), 0xffffffff)
            for spec in commands.split(",")]


def main():
    global OUT
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        fd = os.open(sys.argv[2], os.O_RDWR)
        registered = []
        for line in sys.stdin:
            f = line.split()
            if not f:
                continue
            for spec in registered:
                fcntl.ioctl(fd, UNREGISTER_FOR_CMD_CHANS, spec)
            a = options(f[1:])
            registered = specs(a.commands)
            with open(f[0], "w") as OUT:
                run(fd, a, registered)
                out("end")
        os.close(fd)
        return 0
    a = options(sys.argv[2:])
    fd = os.open(sys.argv[1], os.O_RDWR)
    run(fd, a, specs(a.commands))
    os.close(fd)
    return 0


def run(fd, a, registered):
    for spec in registered:
        fcntl.ioctl(fd, REGISTER_FOR_CMD_CHANS, spec)
    out("ready")

    deadline = time.monotonic() + a.timeout
    seen = 0
    sent = answered = 0
    last_sent = 0.0
    pending = []  # (when, addr, msgid, netfn, cmd, data)
    while time.monotonic() < deadline:
        now = time.monotonic()
        if seen >= a.count and not pending:
            # The handler's answers to our replies (5 s at most), then
            # leave.
            if answered >= sent:
                break
            deadline = min(deadline, max(now, last_sent) + 5.0)
        while pending and pending[0][0] <= now:
            _, addr, msgid, netfn, cmd, data = pending.pop(0)
            if a.handle is not None:
                addr.session_handle = a.handle
            body = bytes([0x00, 0xaa]) + data
            buf = (ctypes.c_ubyte * len(body)).from_buffer_copy(body)
            req = IpmiReq(ctypes.cast(ctypes.pointer(addr), ctypes.c_void_p),
                          ctypes.sizeof(addr), msgid,
                          IpmiMsg(netfn | 1, cmd, len(body), buf))
            fcntl.ioctl(fd, SEND_COMMAND, req)
            sent += 1
            last_sent = time.monotonic()
        wait = deadline - now
        if pending:
            wait = min(wait, pending[0][0] - now)
        r, _, _ = select.select([fd], [], [], max(wait, 0))
        if not r:
            continue
        addr = LanAddr()
        data = (ctypes.c_ubyte * 300)()
        recv = IpmiRecv(0, ctypes.cast(ctypes.pointer(addr), ctypes.c_void_p),
                        ctypes.sizeof(addr), 0, IpmiMsg(0, 0, 300, data))
        fcntl.ioctl(fd, RECEIVE_MSG_TRUNC, recv)
        payload = bytes(data[:recv.msg.data_len])
        if recv.recv_type == RESPONSE_RESPONSE_TYPE:
            out("rsp cc=%02x" % (payload[0] if payload else 0xff))
            answered += 1
            continue
        if recv.recv_type != CMD_RECV_TYPE or addr.addr_type != LAN_ADDR_TYPE:
            out("other type=%d" % recv.recv_type)
            continue
        out("cmd netfn=%02x cmd=%02x chan=%d priv=%d handle=%d swid=%02x "
            "seq=%d data=%s" % (recv.msg.netfn, recv.msg.cmd, addr.channel,
                                addr.privilege, addr.session_handle,
                                addr.remote_SWID, recv.msgid, payload.hex()))
        seen += 1
        if not a.no_reply:
            pending.append((time.monotonic() + a.delay / 1000.0, addr,
                            recv.msgid, recv.msg.netfn, recv.msg.cmd,
                            payload))


if __name__ == "__main__":
    sys.exit(main())
