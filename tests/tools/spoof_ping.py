#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Flood a server with ASF presence pings from spoofed IPv4 sources.

  spoof_ping.py [-p PORT] [-r RATE] [-n COUNT] [-s SECONDS] SRC/PLEN DST

Sends RMCP ASF presence pings (class 6, IANA 4542, type 80h) to DST from
every address of SRC/PLEN in turn, round robin, through a raw socket
(IP_HDRINCL; needs CAP_NET_RAW). At most COUNT packets, for at most
SECONDS, paced to RATE packets per second. Replies go to the spoofed
addresses and are never read. On SIGTERM or SIGINT it stops early. At the
end it prints:

  sent N          packets sent
  send-errors N   sendto() failures (if any)
  sources N       distinct source addresses used
  seconds S       how long it sent
  rate R          packets per second achieved

Only for documentation or benchmark ranges inside the test VM.
"""
import argparse
import ipaddress
import signal
import socket
import struct
import sys
import time

ASF_PING = bytes.fromhex("0600ff06" "000011be" "80" "00" "00" "00")
# Documentation (RFC 5737) and benchmarking (RFC 2544) ranges only.
ALLOWED = [ipaddress.IPv4Network(n) for n in
           ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24",
            "198.18.0.0/15")]


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def packet(src, dst, sport, dport, payload):
    ulen = 8 + len(payload)
    pseudo = src + dst + struct.pack("!BBH", 0, socket.IPPROTO_UDP, ulen)
    udp = struct.pack("!HHHH", sport, dport, ulen, 0) + payload
    c = csum(pseudo + udp) or 0xFFFF
    udp = udp[:6] + struct.pack("!H", c) + udp[8:]
    # version/IHL, TOS, total length, id, frag, TTL, proto, checksum (the
    # kernel fills the checksum and id for IP_HDRINCL), source, dest
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + ulen, 0, 0, 64,
                     socket.IPPROTO_UDP, 0, src, dst)
    return ip + udp


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-p", "--port", type=int, default=623)
    ap.add_argument("-r", "--rate", type=int, default=5000)
    ap.add_argument("-n", "--count", type=int, default=100000)
    ap.add_argument("-s", "--seconds", type=float, default=15.0)
    ap.add_argument("src", help="spoofed source network, e.g. 198.18.0.0/20")
    ap.add_argument("dst")
    a = ap.parse_args()
    if not (0 < a.rate <= 1000000 and 0 < a.count <= 10000000 and
            0 < a.seconds <= 600):
        ap.error("rate, count or seconds out of range")
    net = ipaddress.IPv4Network(a.src)
    if net.num_addresses > 65536:
        ap.error("at most 65536 source addresses")
    if not any(net.subnet_of(n) for n in ALLOWED) or \
            not any(ipaddress.IPv4Address(a.dst) in n for n in ALLOWED):
        ap.error("sources and destination must be in 192.0.2.0/24, "
                 "198.51.100.0/24, 203.0.113.0/24 or 198.18.0.0/15")
    dst = socket.inet_aton(a.dst)
    pkts = [packet(h.packed, dst, 49152 + i % 16384, a.port, ASF_PING)
            for i, h in enumerate(net)]

    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    signal.signal(signal.SIGINT, lambda *_: stop.append(1))
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    target = (a.dst, 0)
    npkts = len(pkts)
    sent = errors = 0
    t0 = time.monotonic()
    deadline = t0 + a.seconds
    now = t0
    i = 0
    while i < a.count and not stop:
        # Pace and check the time once per batch of 32.
        if not i % 32:
            now = time.monotonic()
            if now >= deadline:
                break
            ahead = i / a.rate - (now - t0)
            if ahead > 0:
                time.sleep(min(ahead, deadline - now))
        try:
            s.sendto(pkts[i % npkts], target)
            sent += 1
        except OSError:
            errors += 1
        i += 1
    secs = time.monotonic() - t0
    print("sent %d" % sent)
    if errors:
        print("send-errors %d" % errors)
    print("sources %d" % min(npkts, i))
    print("seconds %.2f" % secs)
    print("rate %d" % (sent / secs if secs > 0 else 0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
