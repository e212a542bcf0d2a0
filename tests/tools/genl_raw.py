#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send one raw generic netlink request to the ipmi_lan family.

Usage: genl_raw.py [--dump] CMD [ATTR ...] [-- [--dump] CMD [ATTR ...] ...]

CMD is the command number. Each ATTR is TYPE:KIND:VALUE with KIND u8, u16,
u32, str (sent NUL-terminated), bin (hex digits, may be empty) or
nest (VALUE is a JSON list of [TYPE, KIND, VALUE] triples). For example
    genl_raw.py 5 '14:nest:[[1,"u8",2],[2,"str","admin"]]'

       genl_raw.py --serve

Requests separated by "--" are sent in turn over one socket. For each,
it prints one line, a JSON object: {"raw": hex of every reply message after its
netlink header, "msgs": [one list of [TYPE, hex or nested list] per reply
message]}. Nested attributes (user, channel, listen, stats) are decoded
one level. On a netlink error
it prints "errno N: MESSAGE" (MESSAGE being the extended ack, if any) on
stderr and exits 2 without sending the rest. Exit 1 is a usage or local
error.

--serve keeps one process for many requests (a test pays Python's start-up
once): it reads requests from stdin, one per line, fields separated by US
(1Fh): "genl" and the arguments above, or "json", a Python expression of d
and one line of JSON (d). Each answer is what the request printed on
stdout, then one line: RS (1Eh), the exit status, US, and what it printed
on stderr (newlines as spaces).
"""

import contextlib
import io
import json
import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_EXT_ACK = 11
NLM_F_REQUEST, NLM_F_MULTI, NLM_F_ACK = 1, 2, 4
NLM_F_DUMP = 0x300
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
NLMSG_ERROR, NLMSG_DONE = 2, 3
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
NESTED = {3, 5, 14, 15, 16}
NLA_F_NESTED = 0x8000


def attr(atype, payload):
    hdr = struct.pack("=HH", 4 + len(payload), atype)
    pad = b"\0" * ((4 - len(payload) % 4) % 4)
    return hdr + payload + pad


def encode(triples):
    out = b""
    for atype, kind, value in triples:
        if kind == "u8":
            payload = struct.pack("=B", value)
        elif kind == "u16":
            payload = struct.pack("=H", value)
        elif kind == "u32":
            payload = struct.pack("=I", value)
        elif kind == "str":
            payload = value.encode() + b"\0"
        elif kind == "bin":
            payload = bytes.fromhex(value)
        elif kind == "nest":
            payload = encode(value)
            atype |= NLA_F_NESTED
        else:
            raise ValueError("unknown kind " + kind)
        out += attr(atype, payload)
    return out


def decode(data, nested):
    out = []
    while len(data) >= 4:
        alen, atype = struct.unpack_from("=HH", data)
        if alen < 4:
            break
        payload = data[4:alen]
        atype &= 0x3fff
        if nested and atype in NESTED:
            out.append([atype, decode(payload, False)])
        else:
            out.append([atype, payload.hex()])
        data = data[(alen + 3) & ~3:]
    return out


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 0

    def request(self, family, cmd, payload, flags):
        self.seq += 1
        body = struct.pack("=BBH", cmd, 1, 0) + payload
        msg = struct.pack("=IHHII", 16 + len(body), family,
                          NLM_F_REQUEST | NLM_F_ACK | flags, self.seq, 0)
        self.sock.send(msg + body)
        msgs, raw = [], b""
        while True:
            data = self.sock.recv(65536)
            while len(data) >= 16:
                mlen, mtype, mflags, _, _ = struct.unpack_from("=IHHII", data)
                m = data[:mlen]
                data = data[(mlen + 3) & ~3:]
                if mtype == NLMSG_ERROR:
                    err = struct.unpack_from("=i", m, 16)[0]
                    if err == 0:
                        return msgs, raw
                    text = ""
                    if mflags & NLM_F_ACK_TLVS:
                        olen = struct.unpack_from("=I", m, 20)[0]
                        off = 20 + (16 if mflags & NLM_F_CAPPED else olen)
                        for t, v in decode(m[off:], False):
                            if t == 1:
                                text = bytes.fromhex(v).rstrip(b"\0").decode()
                            elif t == 5:
                                text += " (missing attribute %d)" % \
                                    struct.unpack("=I", bytes.fromhex(v))[0]
                    raise OSError(-err, text)
                if mtype == NLMSG_DONE:
                    return msgs, raw
                raw += m[16:]
                msgs.append(m[20:])

    def family(self, name):
        msgs, _ = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                               attr(CTRL_ATTR_FAMILY_NAME,
                                    name.encode() + b"\0"), 0)
        for t, v in decode(msgs[0], False):
            if t == CTRL_ATTR_FAMILY_ID:
                return struct.unpack("=H", bytes.fromhex(v))[0]
        raise OSError(2, "no family " + name)


def parse(argv):
    dump = False
    if argv and argv[0] == "--dump":
        dump, argv = True, argv[1:]
    if not argv:
        raise ValueError("no command")
    triples = []
    for spec in argv[1:]:
        atype, kind, value = spec.split(":", 2)
        if kind in ("u8", "u16", "u32"):
            value = int(value, 0)
        elif kind == "nest":
            value = json.loads(value)
        triples.append([int(atype), kind, value])
    return int(argv[0]), encode(triples), NLM_F_DUMP if dump else 0


def main(argv):
    requests, cur = [], []
    for a in argv + ["--"]:
        if a == "--":
            try:
                requests.append(parse(cur))
            except ValueError as e:
                print("%s\n%s" % (e, __doc__), file=sys.stderr)
                return 1
            cur = []
        else:
            cur.append(a)
    g = Genl()
    try:
        fam = g.family("ipmi_lan")
        for cmd, payload, flags in requests:
            msgs, raw = g.request(fam, cmd, payload, flags)
            print(json.dumps({"raw": raw.hex(),
                              "msgs": [decode(m, True) for m in msgs]}))
    except OSError as e:
        print("errno %d: %s" % (e.errno, e.strerror or os.strerror(e.errno)),
              file=sys.stderr)
        return 2
    return 0


def serve():
    for line in sys.stdin:
        f = line.rstrip("\n").split("\x1f")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                if f[0] == "genl":
                    rc = main(f[1:])
                elif f[0] == "json" and len(f) == 3:
                    print(eval(f[1], {"d": json.loads(f[2]), "json": json}))
                    rc = 0
                else:
                    print("bad request: %r" % line, file=sys.stderr)
                    rc = 1
            except Exception as e:  # the answer says so; serve on
                print("%s: %s" % (type(e).__name__, e), file=sys.stderr)
                rc = 1
        sys.stdout.write(out.getvalue())
        sys.stdout.write("\x1e%d\x1f%s\n" %
                         (rc, " ".join(err.getvalue().split("\n")).strip()))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        sys.exit(serve())
    sys.exit(main(sys.argv[1:]))
