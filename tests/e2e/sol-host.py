#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The managed host's side of a SoL test: a pty pair whose slave carries
ipmi_lan's line discipline (through `ipmi-lanctl sol attach`, which this
script runs and holds) and whose master is the host's console.

  sol-host.py ipmitool LANCTL IPMITOOL-ARGS...
      ipmitool sol activate in a pty of its own: the host's banner reaches
      ipmitool's screen, a command typed into ipmitool reaches the host,
      "~." ends it (exit status 0).
  sol-host.py demo LANCTL IPMITOOL-ARGS...   (make demo)
  sol-host.py ipmiconsole LANCTL IPMITOOL-ARGS... -- IPMICONSOLE-ARGS...
  sol-host.py payload LANCTL ADMIN-ARGS... -- USER-ARGS... USERID
  sol-host.py pyghmi LANCTL USER PASSWORD   (run it with /usr/bin/python3)
  sol-host.py takeover LANCTL ADMIN-ARGS... -- USER-ARGS...
      see takeover() below.
  sol-host.py stream LANCTL SIZE CLIENT-ARGS...
      SIZE random bytes each way at once: the host writes its bytes to the
      master and reads the client's from it, while the client (rmcpp-client
      ... sol) sends its file and writes what it gets; both are compared by
      sha256. Environment: SOL_PACE (host bytes per second, 0: full speed),
      SOL_STALL=nack (the host reads nothing until the BMC has NACKed the
      console, at most 60 s),
      SOL_OPTS (more options for the client's sol command).

  sol-host.py lifecycle LANCTL CLIENT-ARGS...
      see lifecycle() below (the server's session timeout must be 5 s).
  sol-host.py target LANCTL CLIENT-ARGS... -- IPMITOOL-ARGS...
      see target() below (target 0x72 must exist).
  sol-host.py hold LANCTL CLIENT-ARGS...
      a console (rmcpp-client ... sol) active on a bound pty; prints
      "active NAME", then waits until the binding ends (sol detach, by
      the caller) and checks that the console was told (exit status 0).

Every wait is bounded; a failure prints why and exits 1.
"""

import hashlib
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import termios
import threading
import time
import tty

DEADLINE = time.monotonic() + float(os.environ.get("SOL_TIMEOUT", "240"))


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def left():
    return max(0.0, DEADLINE - time.monotonic())


def host_pty():
    master, slave = pty.openpty()
    tty.setraw(master)
    tty.setraw(slave)
    name = os.ttyname(slave)
    os.close(slave)
    return master, name


def attach(lanctl, name, *extra):
    """Runs `sol attach` in the foreground and waits for its word."""
    p = subprocess.Popen([lanctl, "sol", "attach", name] + list(extra),
                         stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    if "attached" not in line:
        p.kill()
        fail("sol attach %s: %s" % (name, line.strip()))
    return p


def detach(p):
    """Ends `sol attach`; its own 20 s even when the test's time is up, so
    that a failure before it is reported as itself."""
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(timeout=20)
    except subprocess.TimeoutExpired:
        p.kill()
        fail("sol attach did not end on SIGTERM")
    if p.returncode != 0:
        fail("sol attach exited with %d" % p.returncode)


def read_until(fd, want, what):
    """Reads fd until want (bytes) was seen; returns everything read."""
    buf = b""
    while want not in buf:
        r, _, _ = select.select([fd], [], [], min(1.0, left()))
        if not left():
            fail("%s: %r not seen in %r" % (what, want, buf[-300:]))
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            if not chunk:
                fail("%s: end of output before %r: %r" % (what, want, buf[-300:]))
            buf += chunk
    return buf


def ipmitool(lanctl, args):
    master, name = host_pty()
    holder = attach(lanctl, name)
    pid, cons = pty.fork()
    if pid == 0:
        os.execvp("ipmitool", ["ipmitool"] + args + ["sol", "activate"])
    read_until(cons, b"SOL Session operational", "ipmitool sol activate")
    banner = b"\r\nDebian GNU/Linux 12 host ttyS0\r\n\r\nhost login: "
    os.write(master, banner)
    read_until(cons, b"host login: ", "the banner on ipmitool's screen")
    os.write(cons, b"echo typed-into-ipmitool\r")
    read_until(master, b"echo typed-into-ipmitool\r", "typed keys at the host")
    # The host echoes, as a shell would.
    os.write(master, b"typed-into-ipmitool\r\n")
    read_until(cons, b"typed-into-ipmitool\r\n", "the host's echo")
    os.write(cons, b"\r~.")
    end = time.monotonic() + min(30, left())
    while time.monotonic() < end:
        wpid, status = os.waitpid(pid, os.WNOHANG)
        if wpid:
            break
        try:
            select.select([cons], [], [], 0.2)
            os.read(cons, 4096)
        except OSError:
            pass
    else:
        os.kill(pid, signal.SIGKILL)
        fail("ipmitool did not end after ~.")
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        fail("ipmitool sol activate ended with status %d" % status)
    detach(holder)
    os.close(master)
    print("ipmitool: banner, keys, echo and ~. ok")


def activate(args):
    """ipmitool sol activate in a pty; returns (pid, fd) once operational."""
    pid, cons = pty.fork()
    if pid == 0:
        os.execvp("ipmitool", ["ipmitool"] + args + ["sol", "activate"])
    read_until(cons, b"SOL Session operational", "ipmitool sol activate")
    return pid, cons


def wait_exit(pid, cons, what, secs=30):
    """Waits for pid to exit, draining its pty; returns its output."""
    out, end = b"", time.monotonic() + min(secs, left())
    while time.monotonic() < end:
        wpid, _ = os.waitpid(pid, os.WNOHANG)
        if wpid:
            try:
                while select.select([cons], [], [], 0.1)[0]:
                    out += os.read(cons, 4096)
            except OSError:
                pass
            return out
        try:
            if select.select([cons], [], [], 0.2)[0]:
                out += os.read(cons, 4096)
        except OSError:
            pass
    os.kill(pid, signal.SIGKILL)
    fail("%s did not end: %r" % (what, out[-300:]))


def takeover(lanctl, admin, user):
    """A second activation is refused (80h); the USER's SoL cannot be
    deactivated by another USER session but is by an ADMIN's, which frees
    it at once; a hangup of the host's tty ends the binding."""
    master, name = host_pty()
    holder = attach(lanctl, name)
    pid, cons = activate(user)
    r = subprocess.run(["ipmitool"] + user + ["sol", "activate"],
                       stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, timeout=min(60, left()))
    if r.returncode == 0 or "already active" not in r.stdout + r.stderr:
        fail("a second activation: %d %r" % (r.returncode, r.stdout + r.stderr))
    r = subprocess.run(["ipmitool"] + user + ["sol", "deactivate"],
                       capture_output=True, text=True, timeout=min(60, left()))
    if r.returncode == 0:
        fail("another USER session deactivated the SoL")
    r = subprocess.run(["ipmitool"] + admin + ["sol", "deactivate"],
                       capture_output=True, text=True, timeout=min(60, left()))
    if r.returncode != 0:
        fail("ADMIN deactivation: %r" % (r.stdout + r.stderr))
    # Free at once: a new activation, while the old console still runs.
    pid2, cons2 = activate(admin)
    os.write(cons, b"\r~.")
    wait_exit(pid, cons, "the deactivated ipmitool")
    # The host hangs up under the new one: the binding ends, the attach
    # process notices, and a new activation finds no tty.
    os.write(master, b"going down\r\n")
    read_until(cons2, b"going down", "output before the hangup")
    os.close(master)
    try:
        holder.wait(timeout=min(20, left()))
    except subprocess.TimeoutExpired:
        holder.kill()
        fail("sol attach did not notice the hangup")
    os.write(cons2, b"\r~.")
    wait_exit(pid2, cons2, "ipmitool after the hangup")
    r = subprocess.run(["ipmitool"] + admin + ["sol", "activate"],
                       stdin=subprocess.DEVNULL, capture_output=True,
                       text=True, timeout=min(60, left()))
    if r.returncode == 0:
        fail("activated with no tty bound: %r" % (r.stdout + r.stderr))
    print("takeover: 80h, USER refused, ADMIN took it, hangup ended it")


def demo(lanctl, args):
    """make demo: a host with a login prompt and a shell that echoes, and
    ipmitool sol activate talking to it; prints ipmitool's screen."""
    master, name = host_pty()
    print("$ ipmi-lanctl sol attach %s      (the host's console: a pty)" % name,
          flush=True)
    holder = attach(lanctl, name)
    subprocess.run([lanctl, "sol", "show"])
    print("$ ipmitool %s sol activate" % " ".join(args), flush=True)
    pid, cons = activate(args)
    screen = b"[SOL Session operational.  Use ~? for help]\r\n"
    os.write(master, b"\r\nDebian GNU/Linux 12 node1 ttyS0\r\n\r\nnode1 login: ")
    screen += read_until(cons, b"login: ", "the banner")
    for line, answer in ((b"root", b"\r\nroot@node1:~# "),
                         (b"uname -sr", b"\r\nLinux 6.1.0-node1\r\nroot@node1:~# ")):
        os.write(cons, line + b"\r")
        read_until(master, line + b"\r", "keys at the host")
        os.write(master, line + answer)  # the host echoes, then answers
        screen += read_until(cons, answer, "the host's answer")
    os.write(cons, b"\r~.")
    wait_exit(pid, cons, "ipmitool after ~.")
    sys.stdout.write(screen.decode("latin-1").replace("\r", "") + "\n~.\n")
    sys.stdout.flush()
    subprocess.run([lanctl, "sol", "show"])
    detach(holder)
    os.close(master)


def payload_access(lanctl, admin, user, user_id):
    """ipmitool sol payload disable/enable CHANNEL USERID: the user's
    activation is refused with "SOL payload disabled", then works."""
    master, name = host_pty()
    holder = attach(lanctl, name)

    def it(args, *cmd):
        return subprocess.run(["ipmitool"] + args + list(cmd),
                              stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=min(60, left()))
    r = it(admin, "sol", "payload", "disable", "1", user_id)
    if r.returncode:
        fail("sol payload disable: %r" % (r.stdout + r.stderr))
    r = it(admin, "sol", "payload", "status", "1", user_id)
    if "disabled" not in r.stdout + r.stderr:
        fail("sol payload status after disable: %r" % (r.stdout + r.stderr))
    r = it(user, "sol", "activate")
    if r.returncode == 0 or "SOL payload disabled" not in r.stderr:
        fail("a user without SoL access: %d %r" % (r.returncode,
                                                   r.stdout + r.stderr))
    r = it(admin, "sol", "payload", "enable", "1", user_id)
    if r.returncode:
        fail("sol payload enable: %r" % (r.stdout + r.stderr))
    pid, cons = activate(user)
    os.write(cons, b"\r~.")
    wait_exit(pid, cons, "ipmitool after ~.")
    detach(holder)
    os.close(master)
    print("payload access: disabled refused, enabled works")


def spawn(argv):
    """argv in a pty of its own; returns (pid, fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    return pid, fd


def ipmiconsole(lanctl, ipmitool_args, console_args):
    """FreeIPMI's ipmiconsole with its defaults takes over an ipmitool SoL
    (it deactivates the other instance, then activates), and talks both
    ways; "&." ends it."""
    master, name = host_pty()
    holder = attach(lanctl, name)
    pid, cons = activate(ipmitool_args)
    pid2, cons2 = spawn(["ipmiconsole"] + console_args)
    read_until(cons2, b"[SOL established]", "ipmiconsole")
    os.write(master, b"\r\nhost login: ")
    read_until(cons2, b"host login: ", "the banner on ipmiconsole's screen")
    os.write(cons2, b"root\r")
    read_until(master, b"root\r", "keys typed into ipmiconsole")
    os.write(cons2, b"&.")
    wait_exit(pid2, cons2, "ipmiconsole after &.")
    os.write(cons, b"\r~.")
    wait_exit(pid, cons, "the ipmitool it took over")
    detach(holder)
    os.close(master)
    print("ipmiconsole: took over, banner and keys ok")


def pyghmi(lanctl, user, password):
    """pyghmi's console (pyghmi.ipmi.console.Console) both ways."""
    from pyghmi.ipmi import console
    master, name = host_pty()
    holder = attach(lanctl, name)
    got = []

    def handler(data):
        if isinstance(data, dict):
            got.append("<%s>" % data)
        elif isinstance(data, bytes):
            got.append(data.decode("latin-1"))
        else:
            got.append(data)

    def pump(until, what):
        while left():
            console.Console.wait_for_rsp(timeout=0.2)
            if until():
                return
        fail("pyghmi: %s; got %r" % (what, "".join(got)[-300:]))

    c = console.Console("127.0.0.1", user, password, handler, force=True)
    pump(lambda: c.connected or c.broken, "not connected")
    if c.broken:
        fail("pyghmi: %r" % got)
    os.write(master, b"hello from the host\r\n")
    pump(lambda: "hello from the host" in "".join(got), "host output missing")
    c.send_data("typed into pyghmi\r")
    seen = b""

    def at_host():
        nonlocal seen
        while select.select([master], [], [], 0)[0]:
            seen += os.read(master, 4096)
        return b"typed into pyghmi\r" in seen
    pump(at_host, "keys missing at the host: %r" % seen)
    c.close()
    console.Console.wait_for_rsp(timeout=0.5)
    detach(holder)
    os.close(master)
    print("pyghmi: both ways ok")


def stream(lanctl, size, client):
    master, name = host_pty()
    holder = attach(lanctl, name)
    host_out = os.urandom(size)      # host -> console
    cons_out = os.urandom(size)      # console -> host
    tmp = os.environ.get("IPMI_LAN_OUT", "/tmp")
    fin = os.path.join(tmp, "sol-in.bin")
    fout = os.path.join(tmp, "sol-out.bin")
    with open(fin, "wb") as f:
        f.write(cons_out)
    pace = int(os.environ.get("SOL_PACE", "0"))
    stall = os.environ.get("SOL_STALL") == "nack"
    got = bytearray()
    errors = []

    opts = os.environ.get("SOL_OPTS", "").split()
    proc = subprocess.Popen(client + ["sol", "--in", fin, "--out", fout,
                                      "--expect", str(size)] + opts,
                            stderr=subprocess.PIPE, text=True)

    def host_writer():
        off, start = 0, time.monotonic()
        try:
            while off < size and left():
                n = 512
                if pace:
                    due = start + off / pace
                    now = time.monotonic()
                    if due > now:
                        time.sleep(due - now)
                    n = max(1, pace // 50)
                _, w, _ = select.select([], [master], [], min(1.0, left()))
                if w:
                    off += os.write(master, host_out[off:off + n])
        except OSError as e:
            errors.append("host write: %s" % e)

    def host_reader():
        # Not a word until the BMC refuses the console's packets (NACK):
        # however fast the guest, the refusal happens, then reading on
        # must lose nothing.
        end = time.monotonic() + min(60, left())
        while stall and time.monotonic() < end:
            if (sol_state(lanctl, name) or {}).get("nacks_sent", 0):
                break
            time.sleep(0.3)
        while len(got) < size and left():
            r, _, _ = select.select([master], [], [], min(1.0, left()))
            if r:
                try:
                    got.extend(os.read(master, 65536))
                except OSError as e:
                    errors.append("host read: %s" % e)
                    return

    # Host output before the activation is dropped (nobody listens), so
    # the host starts once the console is there.
    while left():
        r = subprocess.run([lanctl, "-j", "sol", "show"], capture_output=True,
                           text=True, timeout=min(30, left()))
        if '"active":true' in r.stdout.replace(" ", ""):
            break
        if proc.poll() is not None:
            break
        time.sleep(0.2)
    threads = [threading.Thread(target=host_writer),
               threading.Thread(target=host_reader)]
    for t in threads:
        t.start()
    try:
        _, err = proc.communicate(timeout=left() + 5)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        errors.append("the client did not finish")
    for t in threads:
        t.join(timeout=min(30, left() + 1))
    sys.stderr.write(err)
    if proc.returncode:
        errors.append("the client exited with %d" % proc.returncode)
    with open(fout, "rb") as f:
        recv = f.read()
    h = lambda b: hashlib.sha256(b).hexdigest()
    if h(recv) != h(host_out):
        errors.append("host->console: %d of %d bytes, sha256 %s, sent %s" %
                      (len(recv), size, h(recv)[:16], h(host_out)[:16]))
    if h(bytes(got)) != h(cons_out):
        errors.append("console->host: %d of %d bytes, sha256 %s, sent %s" %
                      (len(got), size, h(bytes(got))[:16], h(cons_out)[:16]))
    detach(holder)
    os.close(master)
    if errors:
        fail("; ".join(errors))
    print("stream: %d bytes each way, sha256 equal" % size)


def sol_state(lanctl, name):
    """The binding of tty name in `sol show -j`, or None."""
    r = subprocess.run([lanctl, "-j", "sol", "show"], capture_output=True,
                       text=True, timeout=min(30, left()))
    if r.returncode != 0:
        fail("sol show: %s" % r.stderr.strip())
    key = name[len("/dev/"):].replace("/", "")     # /dev/pts/3: pts3
    for t in json.loads(r.stdout)["ttys"]:
        if t["name"] == key:
            return t
    return None


def activate_cc(client):
    """Activate Payload from a session that then closes: its cc (hex)."""
    r = subprocess.run(client + ["sol-activate"], capture_output=True,
                       text=True, timeout=min(60, left()))
    if not r.stdout.startswith("cc "):
        fail("sol-activate: %r" % (r.stdout + r.stderr))
    return r.stdout.split()[1]


def console(client, extra=()):
    """rmcpp-client sol, idle, once it says it is active."""
    p = subprocess.Popen(client + ["sol", "--out", os.devnull,
                                   "--idle-ms", "60000"] + list(extra),
                         stderr=subprocess.PIPE, text=True)
    line = p.stderr.readline()
    if not line.startswith("activated"):
        p.kill()
        fail("console: %r" % line)
    return p


def told(p, what):
    """The console p ends, told by the BMC that its SoL was deactivated."""
    try:
        err = p.communicate(timeout=min(20, left()))[1]
    except subprocess.TimeoutExpired:
        p.kill()
        fail("the console went on after " + what)
    if "deactivated" not in err:
        fail("the console was not told of %s: %r" % (what, err))


def speed(name):
    fd = os.open(name, os.O_RDONLY | os.O_NOCTTY | os.O_NONBLOCK)
    try:
        return termios.tcgetattr(fd)[5]     # ospeed
    finally:
        os.close(fd)


def lifecycle(lanctl, client):
    """Close Session and the session timeout each free the instance, and
    a new activation succeeds at once; the bit rates (parameters 5, 6)
    are applied to the tty; sol detach under an active console tells the
    console and ends the binding."""
    master, name = host_pty()
    holder = attach(lanctl, name)
    # Close Session without Deactivate Payload: free at once.
    for i in range(2):
        cc = activate_cc(client)
        if cc != "00":
            fail("activation %d after a Close Session: cc %s" % (i + 1, cc))
    # A console that vanishes (SIGKILL: no Close Session) holds it until
    # its session times out (5 s), then it is free at once.
    p = console(client)
    p.kill()
    p.wait()
    t0 = time.monotonic()
    cc = activate_cc(client)
    if cc != "80":
        fail("activated while a vanished session held SoL: cc %s" % cc)
    while (sol_state(lanctl, name) or {}).get("active"):
        if time.monotonic() - t0 > 30:
            fail("the session of a vanished console did not time out")
        time.sleep(0.2)
    took = time.monotonic() - t0
    cc = activate_cc(client)
    if cc != "00":
        fail("activation right after the timeout: cc %s" % cc)
    # Bit rates: the volatile one wins, "default" leaves the tty's own.
    steps = (("bit-rate", "19200", termios.B19200),
             ("volatile-bit-rate", "9600", termios.B9600),
             ("volatile-bit-rate", "default", termios.B19200))
    for key, val, want in steps:
        r = subprocess.run([lanctl, "sol", "set", key, val],
                           capture_output=True, text=True,
                           timeout=min(30, left()))
        if r.returncode != 0:
            fail("sol set %s %s: %s" % (key, val, r.stderr.strip()))
        end = time.monotonic() + min(10, left())
        while speed(name) != want and time.monotonic() < end:
            time.sleep(0.1)
        if speed(name) != want:
            fail("after sol set %s %s the tty's speed is %d" % (key, val, speed(name)))
    # sol detach under an active console: it is told, the binding ends.
    p = console(client)
    r = subprocess.run([lanctl, "sol", "detach", name], capture_output=True,
                       text=True, timeout=min(30, left()))
    if r.returncode != 0:
        fail("sol detach: %s" % r.stderr.strip())
    told(p, "sol detach")
    try:
        holder.wait(timeout=min(20, left()))
    except subprocess.TimeoutExpired:
        holder.kill()
        fail("sol attach did not end after sol detach")
    if sol_state(lanctl, name):
        fail("the binding outlived sol detach")
    os.close(master)
    print("lifecycle: close and timeout (%.1f s) freed it, rates applied, "
          "detach told the console" % took)


def hold(lanctl, client):
    master, name = host_pty()
    holder = attach(lanctl, name)
    p = console(client)
    print("active " + name, flush=True)
    try:
        holder.wait(timeout=left())
    except subprocess.TimeoutExpired:
        holder.kill()
        fail("nobody detached the tty")
    told(p, "the binding's end")
    os.close(master)
    print("hold: the console was told")


def ttys(lanctl):
    """The bound ttys, {name: (target, active)}."""
    r = subprocess.run([lanctl, "-j", "sol", "show"], capture_output=True,
                       text=True, timeout=min(30, left()))
    if r.returncode:
        fail("sol show: %r" % r.stderr)
    return {t["name"]: (t["target"], bool(t["active"]))
            for t in json.loads(r.stdout)["ttys"]}


def key(name):
    """A tty's name in `sol show`: /dev/pts/3 is pts3."""
    return name[len("/dev/"):].replace("/", "")


class Reader:
    """Everything read from one fd so far."""

    def __init__(self, fd, what):
        self.fd, self.what, self.buf = fd, what, b""

    def until(self, want):
        self.buf += read_until(self.fd, want, self.what)

    def drain(self, secs=0.5):
        end = time.monotonic() + secs
        while time.monotonic() < end:
            if select.select([self.fd], [], [], 0.1)[0]:
                try:
                    self.buf += os.read(self.fd, 4096)
                except OSError:
                    return


def target(lanctl, client, args):
    """Two consoles at once: ipmitool sol activate on the BMC's tty and
    ipmitool -t 0x72 sol activate on 0x72's (sol attach ... target 0x72);
    bytes each way reach only their own side; a second activation on 0x72
    (rmcpp-client bridge) gets 80h; ~. deactivates 0x72's (bridged) and
    it can be activated again; a tty for a missing target is refused with
    the kernel's reason; deleting 0x72 under its console ends that binding
    only, and its tty can then be detached."""
    m_bmc, n_bmc = host_pty()
    m_72, n_72 = host_pty()
    m_99, n_99 = host_pty()
    r = subprocess.run([lanctl, "sol", "attach", n_99, "target", "0x99"],
                       capture_output=True, text=True, timeout=min(30, left()))
    if (r.returncode != 2 or
            "kernel reports: ipmi_lan: no such target" not in r.stderr):
        fail("attach for a missing target: %d %r" % (r.returncode, r.stderr))
    h_bmc = attach(lanctl, n_bmc)
    h_72 = attach(lanctl, n_72, "target", "0x72")
    bound = ttys(lanctl)
    if bound != {key(n_bmc): (0x20, False), key(n_72): (0x72, False)}:
        fail("sol show: %r" % bound)

    # ipmitool checks the answer's port: the one it talks to.
    pid_bmc, c_bmc = activate(args)
    pid_72, c_72 = activate(args + ["-t", "0x72"])
    r = subprocess.run(client + ["bridge", "0x72", "6", "0x48",
                                 "010100000000"], capture_output=True,
                       text=True, timeout=min(60, left()))
    if not re.search(r"^from 72 to 81 seq \d+ cc 80 data $", r.stdout, re.M):
        fail("a second activation on 0x72: %r" % (r.stdout + r.stderr))
    cons = {b"bmc": Reader(c_bmc, "the BMC's console"),
            b"72": Reader(c_72, "0x72's console")}
    host = {b"bmc": Reader(m_bmc, "the BMC's host"),
            b"72": Reader(m_72, "0x72's host")}
    # One direction at a time: ipmitool waits for its ACK only 1 s.
    for k in cons:
        os.write(host[k].fd, b"from-host-" + k + b"\r\n")
    for k in cons:
        cons[k].until(b"from-host-" + k)
    for k in cons:
        os.write(cons[k].fd, b"typed-at-" + k + b"\r")
    for k in cons:
        host[k].until(b"typed-at-" + k)
    for r in list(cons.values()) + list(host.values()):
        r.drain(0.3)
    for k, other in ((b"bmc", b"72"), (b"72", b"bmc")):
        if b"-" + other + b"\r" in cons[k].buf + host[k].buf:
            fail("%s's bytes crossed to %s: %r %r" %
                 (other, k, cons[k].buf, host[k].buf))

    # ~. deactivates as "ipmitool -t 0x72 sol deactivate" does (Deactivate
    # Payload bridged to 0x72): 0x72's SoL is free, the BMC's goes on.
    os.write(c_72, b"\r~.")
    out = wait_exit(pid_72, c_72, "ipmitool -t 0x72 after ~.")
    if b"de-activat" in out or b"Error" in out:
        fail("ipmitool -t 0x72 sol deactivation: %r" % out[-300:])
    bound = ttys(lanctl)
    if bound != {key(n_bmc): (0x20, True), key(n_72): (0x72, False)}:
        fail("sol show after 0x72's deactivation: %r" % bound)
    pid_72, c_72 = activate(args + ["-t", "0x72"])

    # 0x72 goes under its new console: the BMC's stays, 0x72's tty is free.
    r = subprocess.run([lanctl, "target", "del", "0x72"], capture_output=True,
                       text=True, timeout=min(30, left()))
    if r.returncode:
        fail("target del 0x72: %r" % r.stderr)
    bound = ttys(lanctl)
    if bound != {key(n_bmc): (0x20, True)}:
        fail("sol show after target del: %r" % bound)
    os.write(m_bmc, b"still-here\r\n")
    cons[b"bmc"].until(b"still-here")
    r = subprocess.run([lanctl, "sol", "detach", n_72], capture_output=True,
                       text=True, timeout=min(30, left()))
    if r.returncode:
        fail("sol detach of 0x72's tty: %r" % r.stderr)
    try:
        rest = h_72.communicate(timeout=min(20, left()))[1]
    except subprocess.TimeoutExpired:
        fail("0x72's sol attach did not end on sol detach")
    if h_72.returncode != 0 or "detached" not in rest:
        fail("0x72's sol attach: %d %r" % (h_72.returncode, rest))
    for pid, c in ((pid_72, c_72), (pid_bmc, c_bmc)):
        os.write(c, b"\r~.")
        wait_exit(pid, c, "ipmitool after ~.")
    detach(h_bmc)
    for fd in (m_bmc, m_72, m_99):
        os.close(fd)
    print("target: two consoles, no crossing, 80h, deactivation, "
          "missing target, target del ok")


def main():
    if len(sys.argv) < 3:
        fail("usage: sol-host.py ipmitool|stream LANCTL ...")
    mode, lanctl = sys.argv[1], sys.argv[2]
    if mode == "ipmitool":
        ipmitool(lanctl, sys.argv[3:])
    elif mode == "payload":
        args = sys.argv[3:]
        cut = args.index("--")
        payload_access(lanctl, args[:cut], args[cut + 1:-1], args[-1])
    elif mode == "demo":
        demo(lanctl, sys.argv[3:])
    elif mode == "ipmiconsole":
        args = sys.argv[3:]
        cut = args.index("--")
        ipmiconsole(lanctl, args[:cut], args[cut + 1:])
    elif mode == "pyghmi":
        pyghmi(lanctl, sys.argv[3], sys.argv[4])
    elif mode == "takeover":
        args = sys.argv[3:]
        cut = args.index("--")
        takeover(lanctl, args[:cut], args[cut + 1:])
    elif mode == "stream":
        stream(lanctl, int(sys.argv[3]), sys.argv[4:])
    elif mode == "lifecycle":
        lifecycle(lanctl, sys.argv[3:])
    elif mode == "target":
        args = sys.argv[3:]
        cut = args.index("--")
        target(lanctl, args[:cut], args[cut + 1:])
    elif mode == "hold":
        hold(lanctl, sys.argv[3:])
    else:
        fail("unknown mode " + mode)


if __name__ == "__main__":
    main()
