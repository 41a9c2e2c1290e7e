"""fwnet.py - the world the firmware tests put the MPS2 AN386 board in.

QEMU's user network (slirp) gives the board its DHCP lease (10.0.2.15,
gateway 10.0.2.2, DNS 10.0.2.3), shows the host's loopback as 10.0.2.2 and
forwards the board's DNS queries to the nameserver in the host's
/etc/resolv.conf. So every test runs inside a network namespace of its own
(reexec_in_netns) where /etc/resolv.conf says "nameserver 127.0.0.1" (`ip
netns exec` bind-mounts /etc/netns/NS/resolv.conf over it) and this module's
DNS responder listens there: the board resolves api.gcheal.test and
login.gcheal.test to 10.0.2.2 through its own DNS client, and nothing it
sends can leave the namespace (it has only lo).

    Dns          the responder: names -> address, TTL 1 s; mode "ok",
                 "servfail" (a DNS failure) or "drop" (no answer)
    Proxy        TCP forwarder between the port the board is provisioned with
                 and the emulator: down() refuses connections (the server is
                 gone), up() serves again; counts bytes
    Dhcp         a DHCP server with short leases, for a board on a TAP device
                 (test_lease.py), where the test and not QEMU hands out leases
    Board        qemu-system-arm -M mps2-an386 with a provisioned image: the
                 UART console line by line, optional pcap of every frame
    provision()  an image with a record written by boards/mps2-an386/provision.py
"""
import os
import queue
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BOARD_DIR = os.path.join(ROOT, "boards", "mps2-an386")
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
sys.path.insert(0, BOARD_DIR)
import provision  # noqa: E402

API_NAME, LOGIN_NAME = "api.gcheal.test", "login.gcheal.test"
GUEST_HOST = "10.0.2.2"          # the namespace's loopback as the board sees it
NETNS_VAR = "GCH_FW_NETNS"


# ---------------------------------------------------------------- namespace

def reexec_in_netns():
    """Run this script again inside a fresh network namespace with its own
    resolv.conf; return its exit status (the caller exits with it). Returns
    None when already inside one."""
    if os.environ.get(NETNS_VAR):
        return None
    if os.geteuid() != 0:
        print("mcu: needs root: the firmware tests create a network namespace (ip netns) so the "
              "board's DNS queries reach the test's responder and nothing else")
        return 2
    if shutil.which("ip") is None:
        print("mcu: needs the ip command (apt-get install iproute2)")
        return 2
    ns = "gchfw%d" % os.getpid()
    etc = os.path.join("/etc/netns", ns)
    try:
        subprocess.run(["ip", "netns", "add", ns], check=True)
        subprocess.run(["ip", "-n", ns, "link", "set", "lo", "up"], check=True)
        os.makedirs(etc, exist_ok=True)
        with open(os.path.join(etc, "resolv.conf"), "w") as f:
            f.write("nameserver 127.0.0.1\n")
        env = dict(os.environ, **{NETNS_VAR: ns})
        return subprocess.run(["ip", "netns", "exec", ns, sys.executable] + sys.argv, env=env).returncode
    finally:
        for pid in subprocess.run(["ip", "netns", "pids", ns], stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True).stdout.split():
            try:
                os.kill(int(pid), signal.SIGKILL)
            except OSError:
                pass
        subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)
        shutil.rmtree(etc, ignore_errors=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


# ---------------------------------------------------------------- DNS

class UdpServer:
    """A UDP server thread on ADDR; subclasses answer in _datagram(data, peer)."""

    def __init__(self, addr, setup=()):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        for opt, value in setup:
            self.sock.setsockopt(socket.SOL_SOCKET, opt, value)
        self.sock.bind(addr)
        self.stopped = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stopped:
            r, _, _ = select.select([self.sock], [], [], 0.2)
            if not r:
                continue
            try:
                data, peer = self.sock.recvfrom(2048)
            except OSError:
                return
            self._datagram(data, peer)

    def close(self):
        self.stopped = True
        self.thread.join(2)
        self.sock.close()


class Dns(UdpServer):
    """A DNS responder on HOST:53 (UDP) for the names given; any other
    name gets NXDOMAIN. Counts queries per name."""

    def __init__(self, names, ttl=1, host="127.0.0.1"):
        self.names = dict(names)
        self.ttl = ttl
        self.mode = "ok"
        self.queries = []
        super().__init__((host, 53))

    def _datagram(self, data, peer):
        answer = self._answer(data)
        if answer is not None:
            self.sock.sendto(answer, peer)

    @staticmethod
    def _qname(data):
        i, labels = 12, []
        while i < len(data) and data[i] != 0:
            n = data[i]
            labels.append(data[i + 1:i + 1 + n].decode("ascii", "replace"))
            i += 1 + n
        return ".".join(labels).lower(), i + 5  # end of the question (name, type, class)

    def _answer(self, data):
        if len(data) < 17:
            return None
        qid, flags = struct.unpack_from(">HH", data)
        name, qend = self._qname(data)
        qtype, = struct.unpack_from(">H", data, qend - 4)
        self.queries.append((time.time(), name, self.mode))
        if self.mode == "drop":
            return None
        rd = flags & 0x0100
        question = data[12:qend]
        addr = self.names.get(name)
        if self.mode == "servfail":
            return struct.pack(">HHHHHH", qid, 0x8080 | rd | 2, 1, 0, 0, 0) + question
        if addr is None or qtype != 1:
            rcode = 3 if addr is None else 0
            return struct.pack(">HHHHHH", qid, 0x8480 | rd | rcode, 1, 0, 0, 0) + question
        rr = struct.pack(">HHHIH", 0xC00C, 1, 1, self.ttl, 4) + socket.inet_aton(addr)
        return struct.pack(">HHHHHH", qid, 0x8480 | rd, 1, 1, 0, 0) + question + rr


# ---------------------------------------------------------------- DHCP

class Dhcp(UdpServer):
    """A DHCP server on one interface (for a board on a TAP device, where the
    test, not QEMU, hands out leases): short leases so renewals happen within
    a test. mode "ok" answers, "silent" ignores everything (the lease runs
    out). Every message it got is in self.seen as (time, type, ciaddr)."""
    TYPES = {1: "DISCOVER", 2: "OFFER", 3: "REQUEST", 4: "DECLINE", 5: "ACK", 6: "NAK", 7: "RELEASE"}

    def __init__(self, ifname, server, address, lease_s, dns=None):
        self.server, self.address, self.lease_s = server, address, lease_s
        self.dns = dns or server
        self.mode = "ok"
        self.seen = []
        super().__init__(("0.0.0.0", 67), [(socket.SO_BROADCAST, 1), (socket.SO_BINDTODEVICE, ifname.encode())])

    @staticmethod
    def _options(data):
        opts, i = {}, 240
        while i < len(data) and data[i] != 255:
            if data[i] == 0:
                i += 1
                continue
            opts[data[i]] = data[i + 2:i + 2 + data[i + 1]]
            i += 2 + data[i + 1]
        return opts

    def _datagram(self, data, _peer):
        if len(data) < 240 or data[0] != 1 or data[236:240] != b"\x63\x82\x53\x63":
            return
        opts = self._options(data)
        kind = self.TYPES.get((opts.get(53) or b"\0")[0], "?")
        ciaddr = socket.inet_ntoa(data[12:16])
        self.seen.append((time.time(), kind, ciaddr))
        if self.mode != "ok" or kind not in ("DISCOVER", "REQUEST"):
            return
        wanted = socket.inet_ntoa(opts[50]) if 50 in opts else ciaddr
        if kind == "REQUEST" and wanted != self.address:
            reply = 6  # NAK: not the address we hand out (any more)
        else:
            reply = 2 if kind == "DISCOVER" else 5
        self._reply(data, reply, ciaddr)

    def _reply(self, req, reply, ciaddr):
        lease = self.lease_s
        yi = b"\0" * 4 if reply == 6 else socket.inet_aton(self.address)
        head = bytes([2, 1, 6, 0]) + req[4:8] + b"\0\0" + req[10:12] + req[12:16] + yi + \
            socket.inet_aton(self.server) + b"\0" * 4 + req[28:44] + b"\0" * 192 + b"\x63\x82\x53\x63"
        o = bytes([53, 1, reply]) + bytes([54, 4]) + socket.inet_aton(self.server)
        if reply != 6:
            o += bytes([51, 4]) + struct.pack(">I", lease) + bytes([58, 4]) + struct.pack(">I", lease // 2)
            o += bytes([59, 4]) + struct.pack(">I", lease * 7 // 8) + bytes([1, 4]) + socket.inet_aton("255.255.255.0")
            o += bytes([3, 4]) + socket.inet_aton(self.server) + bytes([6, 4]) + socket.inet_aton(self.dns)
        pkt = head + o + b"\xff"
        dest = ciaddr if ciaddr != "0.0.0.0" and reply != 6 else "255.255.255.255"
        try:
            self.sock.sendto(pkt, (dest, 68))
        except OSError:
            pass


# ---------------------------------------------------------------- proxy

class Proxy:
    """127.0.0.1:port -> 127.0.0.1:target, one thread pair per connection."""

    def __init__(self, target, port=None):
        self.target = target
        self.port = port or free_port()
        self.lock = threading.Lock()
        self.conns = []
        self.bytes_up = self.bytes_down = 0
        self.connections = 0      # accepted since start
        self.open = 0             # open right now (both directions not yet done)
        self.listener = None
        self.up()

    def up(self):
        if self.listener is not None:
            return
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", self.port))
        s.listen(16)
        self.listener = s
        threading.Thread(target=self._accept, args=(s,), daemon=True).start()

    def down(self):
        """Stop listening (connections are refused) and cut every open one."""
        s, self.listener = self.listener, None
        if s is not None:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
        with self.lock:
            conns, self.conns = self.conns, []
        for c in conns:
            try:
                c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                c.close()
            except OSError:
                pass

    def _accept(self, listener):
        while True:
            try:
                c, _ = listener.accept()
            except OSError:
                return
            try:
                u = socket.create_connection(("127.0.0.1", self.target))
            except OSError:
                c.close()
                continue
            with self.lock:
                self.conns += [c, u]
                self.connections += 1
                self.open += 1
            done = []
            threading.Thread(target=self._pump, args=(c, u, True, done), daemon=True).start()
            threading.Thread(target=self._pump, args=(u, c, False, done), daemon=True).start()

    def _pump(self, src, dst, upward, done):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                with self.lock:
                    if upward:
                        self.bytes_up += len(data)
                    else:
                        self.bytes_down += len(data)
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        with self.lock:
            done.append(upward)
            if len(done) == 2:
                self.open -= 1
                for s in (src, dst):
                    s.close()
                    if s in self.conns:
                        self.conns.remove(s)

    def close(self):
        self.down()


# ---------------------------------------------------------------- board

RUN_RE = re.compile(r"gcheal: run (\d+) up (\d+):(\d+):(\d+) (scan|fix --dry-run|fix) (ok|failed) exit (\d+)"
                    r"(?: \((.*?)\))?: (\d+) examined, (\d+) restrictive, (\d+) fixed, (\d+) skipped, "
                    r"(\d+) failed; (\d+) connects, (\d+) requests, (\d+) PATCH, (\d+) B in, (\d+) B out, "
                    r"api (\S+); arena high-water (\d+)/(\d+), stack high-water (\d+)/(\d+), "
                    r"idle arena (-?\d+) B in (-?\d+) blocks, idle lwIP (\d+); next run in (\d+) s")
RUN_KEYS = ("run", "h", "m", "s", "mode", "status", "exit", "why", "examined", "restrictive", "fixed",
            "skipped", "failed", "connects", "requests", "patches", "bytes_in", "bytes_out", "api",
            "arena", "arena_size", "stack", "stack_size", "idle_arena", "idle_blocks", "idle_lwip",
            "next")


def parse_run(line):
    m = RUN_RE.search(line)
    if not m:
        return None
    d = dict(zip(RUN_KEYS, m.groups()))
    for k in RUN_KEYS:
        if k not in ("mode", "status", "why", "api"):
            d[k] = int(d[k])
    d["uptime"] = d.pop("h") * 3600 + d.pop("m") * 60 + d.pop("s")
    return d


class Board:
    """One QEMU MPS2 AN386 board. Console lines arrive in self.lines (with
    the time they arrived); wait_for() blocks until one matches."""

    def __init__(self, elf, cycles=None, pcap=None, log=None, nic="user,id=n0"):
        cmd = ["qemu-system-arm", "-M", "mps2-an386", "-display", "none", "-monitor", "none",
               "-serial", "stdio", "-semihosting-config", "enable=on,target=native",
               "-nic", nic, "-kernel", elf]
        if pcap:
            cmd += ["-object", "filter-dump,id=dump0,netdev=n0,file=%s" % pcap]
        if cycles:
            cmd += ["-append", "--cycles %d" % cycles]
        self.lines = []
        self.log = log
        self.q = queue.Queue()
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            self.lines.append((time.time(), line))
            if self.log is not None:
                self.log.write(line + "\n")
                self.log.flush()
            self.q.put(line)
        self.q.put(None)

    def wait_for(self, pattern, timeout):
        """The first new line matching pattern (regex), or None at timeout or exit."""
        rx = re.compile(pattern)
        end = time.time() + timeout
        while True:
            left = end - time.time()
            if left <= 0:
                return None
            try:
                line = self.q.get(timeout=left)
            except queue.Empty:
                return None
            if line is None:
                self.q.put(None)
                return None
            if rx.search(line):
                return line

    def wait_exit(self, timeout):
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def text(self):
        return "\n".join(line for _, line in self.lines)

    def runs(self):
        return [r for r in (parse_run(line) for _, line in self.lines) if r]

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def pcap_frames(path):
    """Frames in a pcap file written by QEMU's filter-dump."""
    with open(path, "rb") as f:
        data = f.read()
    n, i = 0, 24
    while i + 16 <= len(data):
        incl, = struct.unpack_from("<I", data, i + 8)
        i += 16 + incl
        n += 1
    return n


# ---------------------------------------------------------------- images

def firmware_elf():
    return os.path.join(ROOT, os.environ.get("MCU_OUT", "build/mcu"), "gcheal-fw.elf")


def provision_image(tmp, name, conf_text=None, record=None):
    """A copy of the firmware with a record: from DEVICE.conf text through the
    tool's command line, or raw record bytes (tests of the firmware's checks)."""
    out = os.path.join(tmp, name + ".elf")
    if conf_text is not None:
        conf = os.path.join(tmp, name + ".conf")
        with open(conf, "w") as f:
            f.write(conf_text)
        r = subprocess.run([sys.executable, os.path.join(BOARD_DIR, "provision.py"), "--config", conf,
                            firmware_elf(), "-o", out], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        if r.returncode != 0:
            raise RuntimeError("provision.py: " + r.stdout)
    else:
        provision.write(firmware_elf(), out, record)
    return out


def device_conf(emu, port, interval=2, watchdog=20, extra=""):
    """DEVICE.conf for a board that reaches the emulator by name through port."""
    return ("# written by tests/mcu/fwnet.py\n"
            "api_host = %s:%d\nlogin_host = %s:%d\n"
            "client_id = %s\nclient_secret = %s\n"
            "mode = fix\nmin_timeout = 5\ninterval = %d\nwatchdog = %d\nca = %s\n%s") % (
                API_NAME, port, LOGIN_NAME, port, emu.client_id, emu.client_secret, interval,
                watchdog, emu.ca_file, extra)


def tempdir():
    return tempfile.TemporaryDirectory(prefix="gcheal-fw-")


# ------------------------------------------------------------------ the scripts' checks

class Checks:
    """One line per check ("ok   name" or "FAIL name detail") and the counts for
    the closing "<suite>: N passed, N failed" line."""

    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print("ok   %s" % name)
        else:
            self.failed += 1
            print("FAIL %s %s" % (name, detail))
        return ok


def run_suite(suite, checks, main):
    """The scripts' entry: run main() inside its own network namespace (this
    script again, re-executed), count a crash as a failure with its reason, and
    end with the suite's summary line and exit status."""
    rc = reexec_in_netns()
    if rc is not None:
        sys.exit(rc)
    try:
        main()
    except Exception as e:  # a crash is a failure with its reason, not a silent pass
        checks.failed += 1
        import traceback
        traceback.print_exc()
        print("FAIL %s: %s: %s" % (suite, type(e).__name__, e))
    print("%s: %d passed, %d failed" % (suite, checks.passed, checks.failed))
    sys.exit(1 if checks.failed else 0)
