"""Security behaviours against hostile or outdated servers: old TLS, expired
certificates, oversized headers and chunks, absurd Retry-After. Each must end
with a clean, explained failure (exit 4), never a crash or a hang, and never
send credentials to a server it has not verified."""
import os
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
sys.path.insert(0, HERE)
from emuctl import Emulator  # noqa: E402
from hostile_server import HostileServer  # noqa: E402

BIN = os.environ.get("GCHEAL_BIN", os.path.join(ROOT, "build", "gcheal"))
ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "GENESYS_CLOUD_CLIENT_ID": "gcheal-demo",
       "GENESYS_CLOUD_CLIENT_SECRET": "demo-secret"}


def gcheal(api, login, ca, *args, timeout=90):
    cmd = [BIN, "--api-host", api, "--login-host", login, "--ca-file", ca, "--io-timeout", "5"] + list(args)
    t = time.monotonic()
    p = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    p.elapsed = time.monotonic() - t
    return p


class CleanFailure(unittest.TestCase):
    def assert_clean_exit_4(self, p, *words):
        detail = "rc=%s\nstdout=%s\nstderr=%s" % (p.returncode, p.stdout[-2000:], p.stderr[-2000:])
        self.assertEqual(p.returncode, 4, detail)  # network/TLS/protocol failure, not a signal
        self.assertEqual(len(p.stderr.strip().splitlines()), 1, detail)  # one explained line
        for w in words:
            self.assertIn(w.lower(), p.stderr.lower(), detail)


class TestOldTLSAndBadCertificates(CleanFailure):
    def run_against(self, **emu_opts):
        with Emulator(org="demo", rate_limit=0, **emu_opts) as emu:
            p = gcheal(emu.api_host, emu.api_host, emu.ca_file, "scan")
            logins = [q for q in emu.requests() if q["path"] == "/oauth/token"]
        return p, logins

    def test_server_offering_only_tls_1_0_and_1_1_is_refused(self):
        p, logins = self.run_against(tls_versions="1.0,1.1")
        self.assert_clean_exit_4(p, "tls")
        self.assertEqual(logins, [], "credentials went to a TLS 1.0/1.1 server")

    def test_expired_certificate_is_refused(self):
        p, logins = self.run_against(expired_cert=True)
        self.assert_clean_exit_4(p, "expired")
        self.assertEqual(logins, [], "credentials went to a server with an expired certificate")


class TestHostileFraming(CleanFailure):
    """The login host answers the token request with hostile framing."""

    def run_hostile(self, answer):
        with tempfile.TemporaryDirectory() as d, HostileServer(d, answer) as srv:
            p = gcheal(srv.host, srv.host, srv.ca_file, "scan")
            self.assertGreaterEqual(srv.requests, 1, "the hostile answer was never asked for")
        return p

    def test_64_kb_header_line_is_a_clean_error(self):
        p = self.run_hostile(b"HTTP/1.1 200 OK\r\nX-Filler: " + b"a" * 65536 + b"\r\n\r\n")
        self.assert_clean_exit_4(p, "header")

    def test_4_gb_chunk_size_is_a_clean_error(self):
        p = self.run_hostile(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Transfer-Encoding: chunked\r\n\r\n100000000\r\n{\"access_token\":\"")
        self.assert_clean_exit_4(p, "chunk")

    def test_content_length_of_a_terabyte_is_a_clean_error(self):
        p = self.run_hostile(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             b"Content-Length: 1099511627776\r\n\r\n{")
        self.assertEqual(p.returncode, 4, p.stderr)
        self.assertLess(p.elapsed, 60)


class TestRetryAfter(unittest.TestCase):
    def test_retry_after_of_a_year_gives_up_with_a_message(self):
        with Emulator(org="demo", rate_limit=0) as emu:
            emu.set_faults(burst_429={"count": 100, "retry_after": 31536000, "after": 0})
            p = gcheal(emu.api_host, emu.api_host, emu.ca_file, "scan", timeout=60)
        detail = "rc=%s stderr=%s" % (p.returncode, p.stderr)
        self.assertEqual(p.returncode, 4, detail)
        self.assertIn("429", p.stderr, detail)
        self.assertIn("31536000", p.stderr, detail)  # says how long it was asked to wait
        self.assertLess(p.elapsed, 30, "it waited instead of giving up")


class TestSecretFilePermissions(unittest.TestCase):
    def run_with_secret_file(self, mode):
        with Emulator(org="demo", rate_limit=0) as emu, tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "secret")
            with open(path, "w") as f:
                f.write(emu.client_secret + "\n")
            os.chmod(path, mode)
            env = {"PATH": ENV["PATH"], "GENESYS_CLOUD_CLIENT_ID": emu.client_id}
            return subprocess.run([BIN, "--api-host", emu.api_host, "--login-host", emu.api_host,
                                   "--ca-file", emu.ca_file, "--client-secret-file", path, "scan"],
                                  env=env, capture_output=True, text=True, timeout=60)

    def test_secret_file_readable_by_others_warns(self):
        p = self.run_with_secret_file(0o644)
        self.assertIn(p.returncode, (1, 5), p.stderr)  # the scan still runs
        self.assertIn("warning", p.stderr)
        self.assertIn("readable by group or others", p.stderr)

    def test_private_secret_file_does_not_warn(self):
        p = self.run_with_secret_file(0o600)
        self.assertIn(p.returncode, (1, 5), p.stderr)
        self.assertNotIn("warning", p.stderr)
