#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The bench's Serial-over-LAN phase (tests/bench/guest.sh runs it).

  sol.py measure --row LABEL,SERVER,CLIENT,PORT [--row ...] --user USER
                 --password PASSWORD [options]
      Each row, in turn, one SoL server (lan: ipmi-lan; pyghmi) with one
      console client (rmcpp: rmcpp-client; pyghmi); per row a JSON line
      and a "summary: " line on stdout.
      A pty pair is the managed host's serial line: this process holds the
      master (the "host"), the slave is the server's tty (ipmi-lan: it
      carries the module's line discipline through `ipmi-lanctl sol attach`;
      pyghmi: `sol.py pyghmi-bmc` opens it). The client is a separate
      process whose stdin is what the console types and whose stdout is
      what it receives. Two parts, each in a client session of its own
      (--sessions 2) or both in one (--sessions 1):
        throughput: SIZE random bytes each way at once, as fast as they go,
          cut off after SECONDS; the bytes fed in are bounded to about a
          quarter second of what arrives, so a cut-off run drains quickly.
          A direction's rate: bytes received / (last arrival - start).
          Everything fed in must arrive within DRAIN seconds, intact, or
          the bytes missing are reported lost and there is no rate.
        paced: CHUNK-byte pieces each way at once at PACE bytes/s (11520:
          115200 baud, 10 bits a character) for SECONDS; each piece's
          latency runs from the moment it was due (not when it was
          written: a late host side counts) to the arrival of its last
          byte. A direction falls behind once a piece is a second late.
      Every byte is checked: what arrived must equal what was sent
      (sha256). --overlap starts pyghmi's servers and clients at once.
  sol.py pyghmi-bmc TTY ADDRESS PORT USER PASSWORD SECONDS
      pyghmi's Bmc with a console on TTY: the console's bytes go to TTY
      from the iohandler; the host's go to the console's send_data(), a
      packet's worth at a time, from the same thread as pyghmi's event
      loop (SOL_PYGHMI_THREADED=1: from a reader thread, the way pyghmi's
      virshbmc does it; see pyghmi_bmc() for what that does). Prints
      "ready" on stdout.
  sol.py pyghmi-console ADDRESS PORT USER PASSWORD SECONDS [IDLE-MS]
      pyghmi's client Console, suite 3: once a "g" came on stdin, the rest
      of stdin to the BMC, the BMC's bytes to stdout; ends IDLE-MS (1000)
      after stdin's end and the last byte in. One thread
      (SOL_PYGHMI_THREADED=1: an input thread, as pyghmi's pyghmicons).
      On stderr "activated in N ..." and "sol sent S received R".

Every wait is bounded.
"""

import argparse
import hashlib
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import threading
import time
import tty

mono = time.monotonic
HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/usr/bin/python3"     # the one with pyghmi


# --- pyghmi's server, with a console ---------------------------------------

def pyghmi_bmc(argv):
    if len(argv) != 6:
        sys.exit(__doc__)
    path, address, port, user, password = argv[0], argv[1], int(argv[2]), argv[3], argv[4]
    end = mono() + float(argv[5])
    import pyghmi.ipmi.bmc as bmc
    import pyghmi.ipmi.private.session as ipmisession

    fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
    tty.setraw(fd)

    class SolBmc(bmc.Bmc):
        def get_power_state(self):
            return 'on'

        def is_active(self):
            return True

        def iohandler(self, data):
            # console -> host: the tty
            if isinstance(data, dict):
                print("console: %r" % data, file=sys.stderr, flush=True)
                return
            view = memoryview(bytes(data))
            while view:
                try:
                    view = view[os.write(fd, view):]
                except BlockingIOError:
                    select.select([], [fd], [], 1)

        def activate_payload(self, request, session):
            super().activate_payload(request, session)
            if self.sol is not None:
                # ServerConsole sends up to 256 characters a packet, one
                # more than the one-byte accepted count can ACK: pyghmi's
                # own client then fails building its ACK (ValueError) and
                # the stream stalls. 255, the most the protocol can ACK.
                self.sol.maxoutcount = 255
                print("activated (cpu %.2f s)" % own_cpu(), file=sys.stderr, flush=True)

    server = SolBmc({user: password}, port=port, address=address)

    print("ready", flush=True)
    print("ready (cpu %.2f s)" % own_cpu(), file=sys.stderr, flush=True)
    if os.environ.get("SOL_PYGHMI_THREADED"):
        # pyghmi's virshbmc: a reader thread hands host bytes to send_data()
        # while the main thread runs the event loop. Both threads then
        # handle packets, and ServerConsole ACKs a console packet before it
        # gives its bytes to the iohandler: the next packet's bytes can
        # reach the tty first (seen: two bytes swapped).
        def reader():
            while mono() < end:
                r, _, _ = select.select([fd], [], [], 0.5)
                if not r:
                    continue
                try:
                    data = os.read(fd, 1024)
                except OSError:
                    return
                if not data:
                    return
                sol = server.sol
                if sol is not None and server.activated:
                    sol.send_data(data)

        threading.Thread(target=reader, daemon=True).start()
        while mono() < end:
            ipmisession.Session.wait_for_rsp(timeout=1)
        os._exit(0)
    # One thread: a packet's worth of host bytes per send_data(), which
    # returns once it is ACKed, handling console packets meanwhile; else
    # the event loop for 2 ms (so host bytes wait at most that long).
    os.set_blocking(fd, False)
    while mono() < end:
        sol = server.sol
        if sol is not None and server.activated and not sol.awaitingack:
            try:
                data = os.read(fd, 255)
            except BlockingIOError:
                data = None
            except OSError:
                break
            if data:
                sol.send_data(data)
                continue
        ipmisession.Session.wait_for_rsp(timeout=0.002)
    os._exit(0)


# --- pyghmi's client console ------------------------------------------------

def pyghmi_console(argv):
    if len(argv) not in (5, 6):
        sys.exit(__doc__)
    address, port, user, password = argv[0], int(argv[1]), argv[2], argv[3]
    end = mono() + float(argv[4])
    idle = (int(argv[5]) if len(argv) == 6 else 1000) / 1000.0
    from pyghmi.ipmi import console as pcons
    from pyghmi.ipmi.private import session as psession

    # Suite 3 (HMAC-SHA1, AES), as for every peer in the bench. pyghmi's
    # client proposes suite 17 first, and pyghmi's own server answers that
    # with a SHA1 RAKP2 the client then fails to parse (struct.error), so
    # the client is started at its SHA1 fallback.
    initsession = psession.Session._initsession

    def suite3(self):
        initsession(self)
        self.attemptedhash = 1
    psession.Session._initsession = suite3

    # the go-ahead: started early, so that its imports overlap the server's
    select.select([0], [], [], max(0.0, end - mono()))
    if os.read(0, 1) != b"g":
        os._exit(1)
    print("go (cpu %.2f s)" % own_cpu(), file=sys.stderr, flush=True)
    st = {"received": 0, "sent": 0, "last_rx": mono(), "error": None, "eof": False}

    def handler(data):
        if isinstance(data, dict):
            if "error" in data:
                st["error"] = data["error"]
            print("console: %r" % data, file=sys.stderr, flush=True)
            return
        if isinstance(data, str):
            data = data.encode("latin-1")
        view = memoryview(bytes(data))
        st["received"] += len(view)
        st["last_rx"] = mono()
        while view:
            n = os.write(1, view)
            view = view[n:]

    con = pcons.Console(bmc=address, userid=user, password=password,
                        iohandler=handler, port=port)
    while not con.connected and not con.broken and mono() < end:
        con.wait_for_rsp(0.2)
    if not con.connected:
        print("activate: %s" % (st["error"] or "not connected"), file=sys.stderr, flush=True)
        os._exit(1)
    # pyghmi's client takes the Activate Payload reply's inbound payload
    # size as the characters a packet may carry; the one-byte accepted
    # count bounds it at 255 (ipmi-lan announces 259 = 4 + 255).
    per_packet = max(1, min(con.maxoutcount, 255))
    print("activated in %d per packet %d (cpu %.2f s)" % (con.maxoutcount, per_packet,
                                                         own_cpu()),
          file=sys.stderr, flush=True)

    if os.environ.get("SOL_PYGHMI_THREADED"):
        def feeder():
            while mono() < end and not con.broken:
                r, _, _ = select.select([0], [], [], 0.5)
                if not r:
                    continue
                data = os.read(0, 4096)
                if not data:
                    break
                for i in range(0, len(data), per_packet):
                    if con.broken:
                        return
                    con.send_data(data[i:i + per_packet])
                    st["sent"] += len(data[i:i + per_packet])
            st["eof"] = True

        t = threading.Thread(target=feeder, daemon=True)
        t.start()
        while mono() < end and not con.broken:
            con.wait_for_rsp(0.2)
            if st["eof"] and mono() - st["last_rx"] >= idle:
                break
    else:
        buf = bytearray()
        os.set_blocking(0, False)
        while mono() < end and not con.broken:
            if not st["eof"] and len(buf) < 4096:
                try:
                    data = os.read(0, 4096)
                    if not data:
                        st["eof"] = True
                    buf += data
                except BlockingIOError:
                    pass
            if buf and not con.awaitingack:
                chunk = bytes(buf[:per_packet])
                del buf[:per_packet]
                con.send_data(chunk)
                st["sent"] += len(chunk)
                continue
            if st["eof"] and not buf and mono() - st["last_rx"] >= idle:
                break
            con.wait_for_rsp(0.002)
    rc = 0 if st["eof"] and not con.broken else 1
    if not st["eof"]:
        print("sol: timed out", file=sys.stderr, flush=True)
    try:
        con.close()
        if con.ipmi_session is not None:
            con.ipmi_session.logout()
    except Exception as e:      # noqa: BLE001 - report, the numbers are in
        print("close: %r" % e, file=sys.stderr, flush=True)
    print("sol sent %d received %d (cpu %.2f s)" % (st["sent"], st["received"], own_cpu()),
          file=sys.stderr, flush=True)
    sys.stderr.flush()
    os._exit(rc)


# --- the measurement ----------------------------------------------------------

def cpu_times():
    """Per-CPU (busy, total) jiffies from /proc/stat."""
    out = {}
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith("cpu") and line[3].isdigit():
                p = line.split()
                v = [int(x) for x in p[1:]]
                idle = v[3] + (v[4] if len(v) > 4 else 0)
                out[p[0]] = (sum(v) - idle, sum(v))
    return out


def cpu_busy(a, b):
    res = {}
    for c in a:
        if c in b:
            tot = b[c][1] - a[c][1]
            res[c] = {"busy": round((b[c][0] - a[c][0]) / tot, 3) if tot else 0.0}
    return res


def pct(vals, q):
    if not vals:
        return None
    v = sorted(vals)
    return v[min(len(v) - 1, int(q * len(v)))]


class Flow:
    """One direction: data fed to wfd, read back from another fd."""

    def __init__(self, name, data, wfd, paced, pace, chunk, window):
        self.name, self.data, self.wfd = name, data, wfd
        self.total = len(data)
        self.paced, self.pace, self.chunk = paced, pace, chunk
        self.window = window    # (min, max, seconds) for the full-speed window
        self.fed = 0
        self.got = bytearray()
        self.t_first_rx = self.t_last_rx = None
        self.stopped = False    # no more feeding (cut off or fell behind)
        self.fell_behind = False
        self.lat = []           # paced: per piece, seconds
        self.pieces = 0

    def allowed(self, t0, now):
        """How many bytes may have been fed by now."""
        if self.stopped:
            return self.fed
        if self.paced:
            due = int((now - t0) * self.pace / self.chunk) + 1
            return min(self.total, due * self.chunk)
        # about secs seconds of what arrives, at least wmin; at the start
        # twice what arrived so far (a slow start), so a fast path is not
        # held back while its rate is not known yet
        wmin, wmax, secs = self.window
        got = len(self.got)
        el = now - t0
        win = got / el * secs if el > 0.01 else 0
        if el < 0.2:
            win = max(win, 2 * got)
        win = int(min(wmax, max(wmin, win)))
        return min(self.total, got + win)

    def next_due(self, t0):
        if not self.paced or self.stopped or self.fed >= self.total:
            return None
        k = self.fed // self.chunk
        return t0 + k * self.chunk / self.pace

    def received(self, buf, t0, now):
        if self.t_first_rx is None:
            self.t_first_rx = now
        self.t_last_rx = now
        self.got += buf
        if self.paced:
            n = min(len(self.got), self.total) // self.chunk
            while self.pieces < n:
                due = t0 + self.pieces * self.chunk / self.pace
                self.lat.append(now - due)
                self.pieces += 1

    def done(self):
        if self.fell_behind:
            return True     # not sustained; its backlog is not waited for
        return (self.stopped or self.fed >= self.total) and len(self.got) >= self.fed

    def intact(self):
        return bytes(self.got) == self.data[:len(self.got)] and len(self.got) <= self.fed


def write_some(fd, data):
    try:
        return os.write(fd, data)
    except BlockingIOError:
        return 0


def run_part(master, cin, cout, h2c, c2h, seconds, drain, paced, backlog_s):
    """Feeds both flows and reads both back until done or the drain ends."""
    flows = (h2c, c2h)
    t0 = mono()
    # full speed: fed until the cut; paced: every piece, late ones late
    cut = t0 + seconds
    hard = cut + drain
    client_eof = False
    while True:
        now = mono()
        if now >= cut and not paced:
            for f in flows:
                f.stopped = True
        if all(f.done() for f in flows) or now >= hard:
            break
        if paced:
            for f in flows:
                k = len(f.got) // f.chunk
                waiting = f.fed if f.stopped else f.total
                if (not f.fell_behind and k * f.chunk < waiting and
                        now - (t0 + k * f.chunk / f.pace) > backlog_s):
                    # a piece more than backlog_s late: not sustained
                    f.fell_behind = True
                    f.stopped = True
        wl = [f.wfd for f in flows if f.fed < f.allowed(t0, now)]
        rl = [master] + ([] if client_eof else [cout])
        timeout = hard - now
        if now < cut:
            timeout = min(timeout, cut - now)
        for f in flows:
            d = f.next_due(t0)
            if d is not None and f.fed >= f.allowed(t0, now):
                timeout = min(timeout, d - now)
        if not paced:
            timeout = min(timeout, 0.05)   # the window grows with time
        r, w, _ = select.select(rl, wl, [], max(0.0, timeout))
        now = mono()
        if master in r:
            try:
                buf = os.read(master, 65536)
            except OSError:
                buf = b""
            if buf:
                c2h.received(buf, t0, now)
        if cout in r:
            try:
                buf = os.read(cout, 65536)
            except OSError:
                buf = b""
            if buf:
                h2c.received(buf, t0, now)
            else:
                client_eof = True
        for f in flows:
            if f.wfd in w:
                lim = f.allowed(t0, now)
                if f.fed < lim:
                    try:
                        f.fed += write_some(f.wfd, f.data[f.fed:min(lim, f.fed + 16384)])
                    except OSError:
                        f.stopped = True
        if client_eof and not all(f.done() for f in flows):
            # the client is gone: nothing more can arrive
            break
        if not paced:
            # At full speed the host side wakes at most every 5 ms and
            # moves what gathered meanwhile (the pipes and the pty hold
            # far more): it shares CPU 0 with the client, which it would
            # otherwise slow down by a wakeup per packet (Python under TCG
            # costs about 0.5 ms a wakeup).
            time.sleep(0.005)
    return t0, client_eof


def flow_result(f, t0, paced, pace, seconds):
    got = bytes(f.got)
    intact = f.intact()
    undelivered = max(0, f.fed - len(got))
    d = {"sent": f.fed, "received": len(got), "undelivered": undelivered,
         "intact": intact,
         "sha256_sent": hashlib.sha256(f.data[:f.fed]).hexdigest()[:16],
         "sha256_received": hashlib.sha256(got).hexdigest()[:16]}
    if not intact:
        n = min(len(got), f.fed)
        i = next((i for i in range(n) if got[i] != f.data[i]), n)
        d["first_difference"] = i
        if os.environ.get("SOL_DUMP"):
            for what, b in (("sent", f.data[:f.fed]), ("received", got)):
                with open("%s.%s.%s" % (os.environ["SOL_DUMP"], f.name, what), "wb") as o:
                    o.write(b)
    ok = intact and not undelivered
    span = (f.t_last_rx - t0) if f.t_last_rx else None
    if not paced:
        d["complete"] = f.fed == f.total and ok
        d["seconds"] = round(span, 3) if span else None
        # a run that lost bytes has no rate, only the loss
        d["bytes_per_s"] = round(len(got) / span) if ok and span else None
        if not ok:
            d["lost"] = undelivered if intact else "corrupt"
        return d
    us = [int(x * 1e6) for x in f.lat]
    d["latency_us"] = {"p50": pct(us, 0.5), "p90": pct(us, 0.9), "p99": pct(us, 0.99),
                       "max": max(us) if us else None, "pieces": len(us)}
    d["fell_behind"] = f.fell_behind
    d["bytes_per_s"] = round(len(got) / span) if span else 0
    # Paced, what did not arrive is a backlog (the server fell behind);
    # only bytes that arrived wrong are known to be lost.
    d["backlog"] = undelivered
    # sustained: all of it, intact, never a second late, and on average
    # the pace over the run up to the last byte, but for half a second
    d["sustained"] = bool(ok and not f.fell_behind and f.fed == f.total and span and
                          len(got) / span >= pace * seconds / (seconds + 0.5))
    if not intact:
        d["lost"] = "corrupt"
    return d


class Session:
    """A client process with pipes; its stderr goes to a file."""

    def __init__(self, argv, errpath, cpu, go=False):
        self.errpath = errpath
        self.activated = False
        self.needs_go = go
        self.err = open(errpath, "w+")
        if cpu is not None:
            argv = ["taskset", "-c", str(cpu)] + argv
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=self.err)
        self.cin, self.cout = self.p.stdin.fileno(), self.p.stdout.fileno()
        os.set_blocking(self.cin, False)
        os.set_blocking(self.cout, False)

    def text(self):
        with open(self.errpath) as f:
            return f.read()

    def go(self):
        if self.needs_go:
            os.write(self.cin, b"g")

    def wait_activated(self, limit):
        end = mono() + limit
        while mono() < end:
            t = self.text()
            if re.search(r"^activated", t, re.M):
                self.activated = True
                return True, t
            if self.p.poll() is not None:
                return False, t
            time.sleep(0.05)
        return False, self.text()

    def finish(self, limit):
        """Ends its input, drains its output, waits for it (bounded)."""
        try:
            self.p.stdin.close()
        except OSError:
            pass
        end = mono() + limit
        extra = 0
        while mono() < end and self.p.poll() is None:
            r, _, _ = select.select([self.cout], [], [], 0.1)
            if r:
                try:
                    b = os.read(self.cout, 65536)
                    extra += len(b)
                except OSError:
                    pass
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()
        self.p.stdout.close()
        self.err.close()
        return self.p.returncode, extra


def lanctl_json(lanctl, *args):
    try:
        r = subprocess.run([lanctl, "-j"] + list(args), capture_output=True, text=True,
                           timeout=20)
        return json.loads(r.stdout)
    except (subprocess.SubprocessError, ValueError, OSError) as e:
        return {"error": str(e)}


def child_cpu():
    import resource
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def own_cpu():
    t = os.times()
    return t.user + t.system


class Row:
    """One server with one client: its pty, server, sessions and result."""

    def __init__(self, a, label, server, client, port):
        self.a, self.label, self.server, self.client, self.port = a, label, server, client, port
        self.res = {"mode": "sol", "label": label, "server": server, "client": client,
                    "seconds": a.seconds, "size": a.size, "pace": a.pace, "chunk": a.chunk,
                    "sessions": a.sessions, "server_cpu": a.server_cpu,
                    "client_cpu": a.client_cpu}
        self.reasons = []
        self.holder = self.sess = self.master = None
        # a session: both parts' time, its drains, the login and the end
        self.life = a.seconds * 2 + a.drain * 2 + 60
        if client == "rmcpp":
            self.client_argv = [a.rmcpp, "-H", a.address, "-p", str(port), "-U", a.user,
                                "-P", a.password, "-C", a.suite, "-T", str(int(self.life)),
                                "sol", "--in", "-", "--out", "-", "--idle-ms", "500"]
        else:
            self.client_argv = [PY, os.path.abspath(__file__), "pyghmi-console", a.address,
                                str(port), a.user, a.password,
                                str(int(self.life * a.sessions)), "500"]

    def new_session(self, n):
        return Session(self.client_argv,
                       os.path.join(self.a.logdir, "%s.client%d.err" % (self.label, n)),
                       self.a.client_cpu, go=self.client == "pyghmi")

    def prepare(self):
        """The pty, and the server and (pyghmi) the client on their way."""
        a = self.a
        self.t_start = mono()
        # pyghmi's client starts at once: its imports overlap the server's
        if self.client == "pyghmi":
            self.sess = self.new_session(1)
        self.master, slave = pty.openpty()
        tty.setraw(self.master)
        tty.setraw(slave)
        self.name = os.ttyname(slave)
        os.set_blocking(self.master, False)
        if self.server == "lan":
            self.holder = subprocess.Popen([a.lanctl, "sol", "attach", self.name],
                                           stderr=subprocess.PIPE, text=True)
        else:
            self.holder = subprocess.Popen(
                ["taskset", "-c", str(a.server_cpu), PY, os.path.abspath(__file__),
                 "pyghmi-bmc", self.name, a.address, str(self.port), a.user, a.password,
                 str(self.life * a.sessions)],
                stdout=subprocess.PIPE,
                stderr=open(os.path.join(a.logdir, self.label + ".bmc.err"), "w"), text=True)
        self.slave = slave

    def server_ready(self):
        a = self.a
        if self.server == "lan":
            line = self.holder.stderr.readline()   # bounded: attach says it or exits
            if "attached" not in line:
                self.reasons.append("sol attach: " + line.strip())
            cfg = lanctl_json(a.lanctl, "sol", "show").get("sol", {})
            self.res["accumulate_ms"] = cfg.get("accumulate_ms")
            self.res["threshold"] = cfg.get("threshold")
        else:
            r, _, _ = select.select([self.holder.stdout], [], [], 90)
            if not r or "ready" not in self.holder.stdout.readline():
                self.reasons.append("pyghmi's Bmc did not start")
        os.close(self.slave)
        self.res["server_start_s"] = round(mono() - self.t_start, 3)

    def run(self):
        a, res, reasons = self.a, self.res, self.reasons
        self.server_ready()
        master = self.master
        for part, paced in (("throughput", False), ("paced", True)):
            if reasons:
                break
            if self.sess is None:
                self.sess = self.new_session(1 if part == "throughput" else 2)
            sess = self.sess
            if not sess.activated:
                t_act = mono()
                sess.go()
                ok, text = sess.wait_activated(60)
                res[part + "_activation_s"] = round(mono() - t_act, 3)
                if not ok:
                    reasons.append("%s: the client did not activate: %s" %
                                   (part, text.strip()[-300:]))
                    break
            n = int(a.seconds * a.pace) // a.chunk * a.chunk if paced else a.size
            h2c = Flow("host_to_console", os.urandom(n), master, paced, a.pace, a.chunk,
                       (16, 65536, 0.25))
            c2h = Flow("console_to_host", os.urandom(n), sess.cin, paced, a.pace, a.chunk,
                       (16, 65536, 0.25))
            c0, o0 = cpu_times(), own_cpu()
            t0, client_eof = run_part(master, sess.cin, sess.cout, h2c, c2h, a.seconds,
                                      a.drain, paced, backlog_s=1.0)
            c1, o1, t1 = cpu_times(), own_cpu(), mono()
            d = {"host_to_console": flow_result(h2c, t0, paced, a.pace, a.seconds),
                 "console_to_host": flow_result(c2h, t0, paced, a.pace, a.seconds),
                 "guest_cpu": cpu_busy(c0, c1), "part_s": round(t1 - t0, 3),
                 "host_side_cpu_s": round(o1 - o0, 3)}
            # the server's CPU (busy share x time) per byte moved, both ways
            busy = d["guest_cpu"].get("cpu%d" % a.server_cpu, {}).get("busy")
            moved = len(h2c.got) + len(c2h.got)
            if busy and moved:
                d["server_cpu_us_per_kib"] = round(busy * (t1 - t0) * 1e6 / (moved / 1024), 1)
            if self.server == "lan":
                # the only tty bound in the guest: ours
                d["lanctl_sol"] = lanctl_json(a.lanctl, "sol", "show").get("ttys")
            # a backlog left: the client would go on sending it, so it goes
            backlog = any(len(f.got) < f.fed for f in (h2c, c2h))
            if paced or a.sessions == 2 or backlog or client_eof:
                u0 = child_cpu()
                rc, extra = sess.finish(0 if backlog else a.drain + 10)
                d["client_exit"] = rc
                d["client_cpu_s"] = round(child_cpu() - u0, 3)   # the whole session
                d["client_summary"] = " | ".join(
                    ln for ln in sess.text().splitlines()
                    if ln.startswith(("sol", "activated", "console", "go")))[-500:]
                if extra:
                    d["client_extra_bytes"] = extra
                self.sess = None
                if not paced and a.sessions == 1:
                    reasons.append("throughput: the client session had to end")
            res[part] = d
            for k in ("host_to_console", "console_to_host"):
                f = d[k]
                if not f["intact"]:
                    reasons.append("%s %s: bytes differ (sha256)" % (part, k))
                elif f["undelivered"] and not paced:
                    reasons.append("%s %s: %d of %d bytes lost (not delivered within %g s)" %
                                   (part, k, f["undelivered"], f["sent"], a.drain))
                if not f["received"]:
                    reasons.append("%s %s: nothing arrived" % (part, k))
            if client_eof:
                reasons.append("%s: the client ended early" % part)
        self.end()
        res["valid"] = not reasons
        if reasons:
            res["invalid_reason"] = "; ".join(reasons)
        res["wall_s"] = round(mono() - self.t_start, 2)
        return res

    def end(self):
        if self.sess is not None:
            self.sess.finish(0)
            self.sess = None
        if self.holder is not None:
            if self.server == "lan" and self.holder.poll() is None:
                self.holder.send_signal(signal.SIGTERM)
                try:
                    self.holder.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    pass
            if self.holder.poll() is None:
                self.holder.kill()
                self.holder.wait()
            self.holder = None
        if self.master is not None:
            os.close(self.master)
            self.master = None


def summary(d):
    """One line for the bench's log."""
    out = []
    for part in ("throughput", "paced"):
        for k, n in (("host_to_console", "h>c"), ("console_to_host", "c>h")):
            f = d.get(part, {}).get(k)
            if not f:
                continue
            if part == "throughput":
                v = f.get("bytes_per_s")
                out.append("%s %s" % (n, "%d B/s" % v if v else "lost %s" % f.get("lost")))
            else:
                lat = f.get("latency_us", {})
                out.append("115200 %s p50/p99 %s/%sus%s" % (
                    n, lat.get("p50"), lat.get("p99"),
                    "" if f.get("sustained") else " NOT sustained"))
    out.append("valid=%s" % d.get("valid"))
    if d.get("invalid_reason"):
        out.append(d["invalid_reason"])
    return "%s: %s" % (d.get("label"), " ".join(out))


def measure(argv):
    ap = argparse.ArgumentParser(prog="sol.py measure")
    ap.add_argument("--row", action="append", required=True,
                    metavar="LABEL,SERVER,CLIENT,PORT",
                    help="SERVER lan or pyghmi, CLIENT rmcpp or pyghmi; in turn")
    ap.add_argument("--overlap", action="store_true",
                    help="start pyghmi's servers and clients at once (their "
                         "start-up then disturbs the rows before them)")
    ap.add_argument("--address", default="127.0.0.1")
    ap.add_argument("--user", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--suite", default="3", help="rmcpp-client's cipher suite")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--size", type=int, default=262144)
    ap.add_argument("--pace", type=int, default=11520)
    ap.add_argument("--chunk", type=int, default=16)
    ap.add_argument("--drain", type=float, default=5)
    ap.add_argument("--sessions", type=int, choices=(1, 2), default=2,
                    help="client sessions: one per part, or one for both")
    ap.add_argument("--lanctl", default="ipmi-lanctl")
    ap.add_argument("--rmcpp", default=os.path.join(HERE, "../tools/rmcpp/rmcpp-client"))
    ap.add_argument("--server-cpu", type=int, default=1)
    ap.add_argument("--client-cpu", type=int, default=0)
    ap.add_argument("--logdir", default="/tmp")
    a = ap.parse_args(argv)
    rows = []
    for spec in a.row:
        p = spec.split(",")
        if len(p) != 4 or p[1] not in ("lan", "pyghmi") or p[2] not in ("rmcpp", "pyghmi"):
            ap.error("--row " + spec)
        rows.append(Row(a, p[0], p[1], p[2], int(p[3])))
    # the module binds one tty (one console): its rows start in turn
    early = [r for r in rows if a.overlap and r.server == "pyghmi"]
    for r in early:
        r.prepare()
    try:
        for r in rows:
            if r not in early:
                r.prepare()
            res = r.run()
            print(json.dumps(res), flush=True)
            print("summary: " + summary(res), flush=True)
    finally:
        for r in rows:
            r.end()
    return 0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd, rest = sys.argv[1], sys.argv[2:]
    if cmd == "measure":
        return measure(rest)
    if cmd == "pyghmi-bmc":
        return pyghmi_bmc(rest)
    if cmd == "pyghmi-console":
        return pyghmi_console(rest)
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main())
