"""HTTPS through an HTTP proxy: gcheal against the emulator through a real
tinyproxy (Debian's, started here on 127.0.0.1 with a config written here),
with and without Basic authentication, and through small fake proxies that
misbehave on purpose.

Every run is judged three ways: gcheal's exit status and output, the
emulator's log (what reached the server), and the proxy's own log (which
CONNECTs it saw)."""
import base64
import os
import re
import shutil
import socket
import stat
import subprocess
import tempfile
import threading
import time

from gcheal_case import EmuCase, run_gcheal

CONNECT_LINE = re.compile(r"Request \(file descriptor \d+\): CONNECT (\S+) HTTP/1\.[01]")
PASSWORD = "Pr0xy-canary-7d41"


def free_port(host="127.0.0.1"):
    s = socket.socket()
    s.bind((host, 0))
    port = s.getsockname()[1]
    s.close()
    return port


class TinyProxy:
    """tinyproxy -d -c <our config>, on 127.0.0.1 only (or listen, for clients in
    allow). extra: more config lines."""

    def __init__(self, user=None, password=None, extra=(), listen="127.0.0.1", allow="127.0.0.1"):
        self.user, self.password, self.extra = user, password, list(extra)
        self.listen, self.allow = listen, allow
        self.dir = tempfile.mkdtemp(prefix="gch-tinyproxy-")
        self.log = os.path.join(self.dir, "tinyproxy.log")
        self.proc = None

    def start(self):
        if shutil.which("tinyproxy") is None:
            raise RuntimeError("tinyproxy is missing: sh scripts/setup-host.sh installs it")
        for _ in range(5):  # a port picked free can be taken before tinyproxy binds it
            self.port = free_port(self.listen)
            conf = os.path.join(self.dir, "tinyproxy.conf")
            lines = ["Port %d" % self.port, "Listen %s" % self.listen, "Allow %s" % self.allow, "Timeout 60",
                     "MaxClients 50", 'LogFile "%s"' % self.log, "LogLevel Connect",
                     'PidFile "%s"' % os.path.join(self.dir, "tinyproxy.pid")] + self.extra
            if self.user is not None:
                lines.append("BasicAuth %s %s" % (self.user, self.password))
            with open(conf, "w") as f:
                f.write("\n".join(lines) + "\n")
            out = open(os.path.join(self.dir, "stdout"), "wb")
            self.proc = subprocess.Popen(["tinyproxy", "-d", "-c", conf], stdout=out, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL)
            out.close()
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.proc.poll() is None:
                if self.listening():
                    return self
                time.sleep(0.05)
            self.stop()
        raise RuntimeError("tinyproxy did not start: %s" % self.text())

    def listening(self):
        """Its port is in LISTEN state (read from /proc, not probed: a probe would be a client in its log)."""
        with open("/proc/net/tcp") as f:
            rows = [line.split() for line in f.readlines()[1:]]
        return any(r[1].endswith(":%04X" % self.port) and r[3] == "0A" for r in rows)

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def text(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def connects(self, expect=0):
        """The host:port of every CONNECT in the proxy's log (waits up to 2 s for `expect` of them)."""
        deadline = time.monotonic() + 2
        while True:
            found = CONNECT_LINE.findall(self.text())
            if len(found) >= expect or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def clients(self):
        """The address of every client that connected, from the proxy's log."""
        return re.findall(r"Connect \(file descriptor \d+\): (\S+)", self.text())

    @property
    def url(self):
        return "http://%s:%d" % (self.listen, self.port)


class FakeProxy(threading.Thread):
    """Answers every CONNECT with `answer`; then, when `then` is given, waits for
    the client's first bytes (its ClientHello) and sends `then`. Keeps every byte
    it received."""

    def __init__(self, answer, then=None):
        super().__init__(daemon=True)
        self.answer, self.then = answer, then
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.received = b""
        self.connections = 0
        self.stopping = False

    def run(self):
        while not self.stopping:
            try:
                c, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            c.settimeout(5)
            try:
                head = b""
                while b"\r\n\r\n" not in head:
                    d = c.recv(4096)
                    if not d:
                        break
                    head += d
                self.received += head
                c.sendall(self.answer)
                if self.then is not None:
                    self.received += c.recv(4096)  # the ClientHello
                    c.sendall(self.then)
                    time.sleep(0.2)
                    self.received += c.recv(65536)
            except OSError:
                pass
            finally:
                c.close()

    def stop(self):
        self.stopping = True
        self.join(5)
        self.sock.close()

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port


def stop_lines(r):
    """stderr without the API layer's progress notes (back-off, no retry): what stopped the run."""
    return [line for line in r.stderr.splitlines()
            if not line.endswith(("backing off", "not retried")) and line.strip()]


def proxy_env(emu, **extra):
    """The emulator's environment without any proxy setting of the machine, plus extra."""
    env = {k: v for k, v in emu.env().items() if k.lower() not in ("https_proxy", "no_proxy", "all_proxy")}
    env.update(extra)
    return env


class ProxyCase(EmuCase):
    AUTH = None  # (user, password) for tinyproxy's BasicAuth
    EXTRA = ()

    def setUp(self):
        super().setUp()
        user, password = self.AUTH or (None, None)
        self.proxy = TinyProxy(user, password, self.EXTRA).start()
        self.addCleanup(self.proxy.cleanup)

    def run_proxied(self, *args, env=None, **kw):
        return self.gcheal(*args, env=env or proxy_env(self.emu), **kw)

    def emulator_connections(self):
        return {q["peer_port"] for q in self.emu.requests()}

    def assert_every_connection_tunnelled(self, r):
        conns = self.emulator_connections()
        self.assertTrue(conns, r)
        target = "localhost:%d" % self.emu.port
        connects = self.proxy.connects(expect=len(conns))
        self.assertEqual(len(connects), len(conns), "one CONNECT per connection the server saw: %r" % connects)
        self.assertEqual(set(connects), {target}, r)


class TestThroughTinyproxy(ProxyCase):
    def test_fix_goes_through_the_proxy_and_verifies(self):
        want = self.restrictive()
        r = self.run_proxied("--proxy", self.proxy.url, "fix")
        self.assertEqual(r.rc, 5, r)  # the static and the function action are skipped, as without a proxy
        self.assert_fixed(r, want)
        self.assert_verified(expect_changed=want)
        self.assert_every_connection_tunnelled(r)
        logins = [q for q in self.emu.requests() if q["path"] == "/oauth/token"]
        self.assertEqual(len(logins), 1)  # login and API hosts both went through it

    def test_https_proxy_variable_and_curls_order(self):
        dead = "http://127.0.0.1:%d" % free_port()
        env = proxy_env(self.emu, https_proxy=self.proxy.url, HTTPS_PROXY=dead)
        r = self.run_proxied("scan", env=env)
        self.assertEqual(r.rc, 1, r)
        self.assert_every_connection_tunnelled(r)
        env = proxy_env(self.emu, HTTPS_PROXY=self.proxy.url)
        self.assertEqual(self.run_proxied("scan", env=env).rc, 1)

    def test_no_proxy_bypasses_the_proxy(self):
        port = self.emu.port
        for no_proxy in ("localhost", ".other.example, LOCALHOST", "localhost:%d" % port, "*"):
            with self.subTest(no_proxy=no_proxy):
                env = proxy_env(self.emu, HTTPS_PROXY=self.proxy.url, NO_PROXY=no_proxy)
                r = self.run_proxied("scan", env=env)
                self.assertEqual(r.rc, 1, r)
                self.assertEqual(self.proxy.connects(), [], "NO_PROXY=%s still used the proxy" % no_proxy)
        # another port, another host: the proxy again (lower-case no_proxy wins over NO_PROXY)
        env = proxy_env(self.emu, HTTPS_PROXY=self.proxy.url, no_proxy="localhost:1,example.com",
                        NO_PROXY="localhost")
        r = self.run_proxied("scan", "-v", env=env, json_out=False)
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(len(self.proxy.connects(expect=2)), 2, r)
        self.assertIn("2 through proxy tunnels, 0 direct", r.stderr)

    def test_refused_tunnel_prints_the_status_line_not_the_body(self):
        # tinyproxy allows CONNECT to port 443 only here: it answers 403 with an HTML body.
        self.proxy.cleanup()
        self.proxy = TinyProxy(extra=["ConnectPort 443"]).start()
        r = self.run_proxied("--proxy", self.proxy.url, "scan")
        self.assertEqual(r.rc, 4, r)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r)
        self.assertRegex(r.stderr, r'^gcheal: POST /oauth/token: the proxy refused the tunnel: the proxy '
                                   r'127\.0\.0\.1:\d+ answered CONNECT localhost:\d+ with "HTTP/1\.[01] 403 [^"]*"\n$')
        self.assertNotIn("<", r.stderr)  # no HTML from the body
        self.assertEqual(self.emu.requests(), [])

    def test_refused_connection_to_the_proxy(self):
        port = free_port()
        r = self.run_proxied("--proxy", "http://127.0.0.1:%d" % port, "scan", timeout=90)
        self.assertEqual(r.rc, 4, r)  # after the back-off a refused connection always gets
        self.assertEqual(stop_lines(r), ["gcheal: POST /oauth/token: connection failed: cannot reach the proxy "
                                         "127.0.0.1:%d" % port], r)
        self.assertEqual(self.emu.requests(), [])

    def test_bad_proxy_settings_are_usage_errors_that_never_echo_a_password(self):
        bad = [["--proxy", "https://u:%s@127.0.0.1:3128" % PASSWORD],
               ["--proxy", "socks5://127.0.0.1:1080"],
               ["--proxy", "http://u:%s@127.0.0.1:99999" % PASSWORD],
               ["--proxy", "http://u:%s@127.0.0.1:3128/path" % PASSWORD]]
        for args in bad:
            with self.subTest(args=args):
                r = self.run_proxied(*args, "scan", json_out=False)
                self.assertEqual(r.rc, 2, r)
                self.assertNotIn(PASSWORD, r.stdout + r.stderr)
                self.assertEqual(len(r.stderr.strip().splitlines()), 1, r)
        r = self.run_proxied("scan", env=proxy_env(self.emu, HTTPS_PROXY="ftp://u:%s@h" % PASSWORD),
                             json_out=False)
        self.assertEqual(r.rc, 2, r)
        self.assertIn("HTTPS_PROXY", r.stderr)
        self.assertNotIn(PASSWORD, r.stderr)
        self.assertEqual(self.emu.requests(), [])
        self.assertEqual(self.proxy.connects(), [])


class TestWrongHostThroughTinyproxy(ProxyCase):
    EMU = {"org": "demo", "rate_limit": 0, "wrong_host_cert": True}

    def test_certificate_is_checked_against_the_server_name_through_the_tunnel(self):
        # The server's certificate names other.example: the TLS session runs end to end
        # through the tunnel and is verified against the host we asked for, so the
        # handshake fails there, not at the proxy, and no credential leaves.
        r = self.run_proxied("--proxy", self.proxy.url, "scan")
        self.assertEqual(r.rc, 4, r)
        self.assertEqual(r.stdout, "")
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r)
        self.assertIn("not trusted", r.stderr)
        self.assertIn("through the proxy 127.0.0.1:%d" % self.proxy.port, r.stderr)
        self.assertEqual([q for q in self.emu.requests() if q["path"] == "/oauth/token"], [])
        self.assertTrue(self.emu.tls_failures(), "the server should have seen the handshake fail")
        self.assertEqual(self.proxy.connects(expect=1), ["localhost:%d" % self.emu.port])


class TestTinyproxyBasicAuth(ProxyCase):
    AUTH = ("gcheal", PASSWORD)

    def url_with(self, user, password):
        return "http://%s:%s@127.0.0.1:%d" % (user, password, self.proxy.port)

    def test_credentials_in_the_url(self):
        want = self.restrictive()
        r = self.run_proxied("--proxy", self.url_with("gcheal", PASSWORD), "fix")
        self.assertEqual(r.rc, 5, r)
        self.assert_verified(expect_changed=want)
        self.assert_every_connection_tunnelled(r)

    def test_credentials_from_the_user_file_and_environment(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "proxy-user")
            with open(path, "w") as f:
                f.write("gcheal:%s\n" % PASSWORD)
            os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
            env = proxy_env(self.emu, HTTPS_PROXY=self.proxy.url)
            r = self.run_proxied("--proxy-user-file", path, "-v", "scan", env=env, json_out=False)
            self.assertEqual(r.rc, 1, r)
            self.assertNotIn("readable", r.stderr)
            self.assertIn("with credentials", r.stderr)
            self.assertNotIn(PASSWORD, r.stdout + r.stderr)
            # the file wins over the URL's wrong ones
            r = self.run_proxied("--proxy", self.url_with("gcheal", "wrong"), "--proxy-user-file", path, "scan")
            self.assertEqual(r.rc, 1, r)
        self.assert_every_connection_tunnelled(r)

    def test_wrong_password_exit_4_and_the_password_is_not_printed(self):
        wrong = "Wr0ng-" + PASSWORD
        for args in (["--proxy", self.url_with("gcheal", wrong), "scan", "-v", "-v"],
                     ["--proxy", self.proxy.url, "scan"]):  # and none at all
            with self.subTest(args=args):
                r = self.run_proxied(*args, json_out=False)
                self.assertEqual(r.rc, 4, r)
                out = r.stdout + r.stderr
                self.assertNotIn(wrong, out)
                self.assertNotIn(PASSWORD, out)
                self.assertNotIn(base64.b64encode(("gcheal:" + wrong).encode()).decode(), out)
                errors = [line for line in r.stderr.splitlines() if "POST /oauth/token" in line]
                self.assertEqual(len(errors), 1, r)
                # tinyproxy answers 407 without credentials, 401 to wrong ones
                self.assertRegex(errors[0], r'proxy authentication failed: the proxy 127\.0\.0\.1:\d+ answered '
                                            r'CONNECT localhost:\d+ with "HTTP/1\.0 40[17] [A-Za-z ]+" '
                                            r'\((credentials refused|it wants credentials)\)$')
        self.assertEqual(self.emu.requests(), [])

    def test_password_in_argv_is_masked_while_running(self):
        # /proc/<pid>/cmdline of the running gcheal no longer holds the password
        self.emu.set_faults(stall_body={"pages": [1], "times": 1, "seconds": 2})
        cmd = [os.environ.get("GCHEAL_BIN", "build/gcheal"), "--api-host", self.emu.api_host, "--login-host",
               self.emu.api_host, "--ca-file", self.emu.ca_file, "--proxy", self.url_with("gcheal", PASSWORD),
               "--json", "scan"]
        p = subprocess.Popen(cmd, env=proxy_env(self.emu), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            time.sleep(1.0)
            with open("/proc/%d/cmdline" % p.pid, "rb") as f:
                cmdline = f.read()
        finally:
            out, err = p.communicate(timeout=60)
        self.assertEqual(p.returncode, 1, err)
        self.assertNotIn(PASSWORD.encode(), cmdline)
        self.assertIn(b"http://******", cmdline)


class TestMisbehavingProxies(EmuCase):
    def fake(self, answer, then=None):
        f = FakeProxy(answer, then)
        f.start()
        self.addCleanup(f.stop)
        return f

    def assert_no_credentials_sent(self, f):
        secret = self.emu.client_secret.encode()
        basic = base64.b64encode(("%s:%s" % (self.emu.client_id, self.emu.client_secret)).encode())
        self.assertNotIn(secret, f.received)
        self.assertNotIn(basic, f.received)
        self.assertNotIn(b"/oauth/token", f.received)
        self.assertEqual(self.emu.requests(), [])

    def test_200_then_bytes_that_are_not_tls(self):
        # after the ClientHello: the handshake fails
        f = self.fake(b"HTTP/1.1 200 Connection established\r\n\r\n", then=b"HTTP/1.1 400 Bad Request\r\n\r\n")
        r = run_gcheal(self.emu, "--proxy", f.url, "scan", env=proxy_env(self.emu))
        self.assertEqual(r.rc, 4, r)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r)
        self.assertIn("TLS", r.stderr)
        self.assertIn(b"CONNECT localhost:%d HTTP/1.1" % self.emu.port, f.received)
        self.assertIn(b"\x16\x03", f.received)  # a ClientHello went into the tunnel
        self.assert_no_credentials_sent(f)

    def test_200_with_bytes_glued_to_it(self):
        # before the ClientHello: a TLS server never speaks first, so the proxy is refused
        portal = b"<html>welcome to the captive portal</html>"
        f = self.fake(b"HTTP/1.1 200 OK\r\n\r\n" + portal)
        r = run_gcheal(self.emu, "--proxy", f.url, "scan", env=proxy_env(self.emu))
        self.assertEqual(r.rc, 4, r)
        self.assertEqual(len(stop_lines(r)), 1, r)
        self.assertIn('sent %d bytes after "HTTP/1.1 200 OK", before the TLS handshake' % len(portal), r.stderr)
        self.assertNotIn(b"\x16\x03", f.received)
        self.assert_no_credentials_sent(f)

    def test_an_answer_that_is_not_http(self):
        f = self.fake(b"SSH-2.0-OpenSSH_9.2\r\n\r\n")
        r = run_gcheal(self.emu, "--proxy", f.url, "scan", env=proxy_env(self.emu))
        self.assertEqual(r.rc, 4, r)
        self.assertIn("answered CONNECT with a malformed head", r.stderr)
        self.assertEqual(f.connections, 1)  # a protocol breach is not retried
        self.assert_no_credentials_sent(f)
