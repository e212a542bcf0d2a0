#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Send raw RMCP datagrams and print the replies, for ipmi-lan's tests.

  rmcp_raw.py [-t SECONDS] [-p PORT] [-b SRCPORT] HOST HEX [HEX ...]
      Sends each datagram (hex, spaces allowed inside one argument) and
      prints one line per datagram: the reply in hex, or "timeout".
  rmcp_raw.py fuzz [-p PORT] [-n COUNT] [-s SECONDS] [--seed N] HOST
      Sends at most COUNT mutated copies of valid requests (bounded by
      SECONDS too), reading and discarding any replies, and prints how many
      were sent and answered.

Only for hosts inside the test VM (loopback or veth addresses).
"""
import argparse
import random
import socket
import sys
import time

SEEDS = [
    "0600ff06000011be80770000",  # ASF presence ping
    "0600ff07000000000000000000092018c88100388e04b5",  # auth caps, v1.5
    "0600ff070600000000000000000009002018c88114388e04a1",  # auth caps, RMCP+
]


def family_of(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def open_sock(host, bind_port, timeout):
    s = socket.socket(family_of(host), socket.SOCK_DGRAM)
    if bind_port:
        s.bind(("::" if ":" in host else "0.0.0.0", bind_port))
    s.settimeout(timeout)
    return s


def cmd_send(a):
    s = open_sock(a.host, a.bind, a.timeout)
    for h in a.hex:
        s.sendto(bytes.fromhex(h.replace(" ", "")), (a.host, a.port))
        try:
            data, _ = s.recvfrom(4096)
            print(data.hex())
        except socket.timeout:
            print("timeout")
    return 0


def mutate(rng, pkt):
    b = bytearray(pkt)
    op = rng.randrange(5)
    if op == 0 and b:
        b = b[: rng.randrange(len(b))]
    elif op == 1:
        for _ in range(rng.randrange(1, 4)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
    elif op == 2:
        b += bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40)))
    elif op == 3:
        b = bytearray(rng.randrange(256) for _ in range(rng.randrange(0, 1100)))
    else:
        if len(b) > 4:
            b[rng.randrange(4, len(b))] ^= 1 << rng.randrange(8)
    return bytes(b)


def cmd_fuzz(a):
    rng = random.Random(a.seed)
    s = open_sock(a.host, 0, 0)
    s.setblocking(False)
    seeds = [bytes.fromhex(x) for x in SEEDS]
    sent = answered = 0
    end = time.monotonic() + a.seconds
    while sent < a.count and time.monotonic() < end:
        s.sendto(mutate(rng, rng.choice(seeds)), (a.host, a.port))
        sent += 1
        try:
            while True:
                s.recvfrom(4096)
                answered += 1
        except BlockingIOError:
            pass
        if sent % 64 == 0:
            time.sleep(0.005)
    time.sleep(0.2)
    try:
        while True:
            s.recvfrom(4096)
            answered += 1
    except BlockingIOError:
        pass
    print("sent %d answered %d" % (sent, answered))
    return 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "fuzz":
        p = argparse.ArgumentParser(prog="rmcp_raw.py fuzz")
        p.add_argument("-p", "--port", type=int, default=623)
        p.add_argument("-n", "--count", type=int, default=2000)
        p.add_argument("-s", "--seconds", type=float, default=20)
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("host")
        return cmd_fuzz(p.parse_args(sys.argv[2:]))
    p = argparse.ArgumentParser(prog="rmcp_raw.py")
    p.add_argument("-p", "--port", type=int, default=623)
    p.add_argument("-b", "--bind", type=int, default=0)
    p.add_argument("-t", "--timeout", type=float, default=1.0)
    p.add_argument("host")
    p.add_argument("hex", nargs="+")
    return cmd_send(p.parse_args())


if __name__ == "__main__":
    sys.exit(main())
