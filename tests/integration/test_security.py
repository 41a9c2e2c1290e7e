"""Trust and secrets: certificates that must be refused before any
credential leaves, wrong credentials, and no secret or token in any output."""
import base64
import os
import re
import subprocess
import tempfile

from gcheal_case import EmuCase

SECRET = "canary-Secret-7f1c2e9b4d"
TOKEN_LIKE = re.compile(r"[A-Za-z0-9_\-]{60,}")  # emulator tokens: 86 url-safe characters


def no_token_sent(case):
    logins = [q for q in case.emu.requests() if q["path"] == "/oauth/token"]
    case.assertEqual(logins, [], "credentials were sent")


class TestCertificates(EmuCase):
    def test_untrusted_ca_exit_4_and_no_credentials_sent(self):
        with tempfile.TemporaryDirectory() as d:
            key, ca = os.path.join(d, "k.pem"), os.path.join(d, "ca.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                            "-nodes", "-keyout", key, "-out", ca, "-days", "2", "-subj", "/CN=Other CA"],
                           check=True, capture_output=True)
            r = self.gcheal("scan", ca=ca)
        self.assertEqual(r.rc, 4, r)
        self.assertEqual(r.stdout, "")
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r)
        no_token_sent(self)
        self.assertTrue(self.emu.tls_failures(), "the handshake should have been refused")


class TestWrongHostCertificate(EmuCase):
    EMU = {"org": "demo", "rate_limit": 0, "wrong_host_cert": True}

    def test_wrong_host_certificate_exit_4_and_no_credentials_sent(self):
        r = self.gcheal("scan")
        self.assertEqual(r.rc, 4, r)
        self.assertEqual(r.stdout, "")
        no_token_sent(self)


class TestCredentials(EmuCase):
    EMU = {"org": "demo", "rate_limit": 0, "client_secret": SECRET}

    def test_wrong_credentials_exit_3_with_the_oauth_error(self):
        r = self.gcheal("scan", env=self.emu.env(GENESYS_CLOUD_CLIENT_SECRET="wrong-secret"))
        self.assertEqual(r.rc, 3, r)
        self.assertIn("invalid_client", r.stderr)
        self.assertIn("HTTP 400", r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r)
        self.assertNotIn("wrong-secret", r.stdout + r.stderr)

    def test_secret_and_token_never_in_any_output(self):
        basic = base64.b64encode(("%s:%s" % (self.emu.client_id, SECRET)).encode()).decode()
        self.emu.set_faults(revoke_after=5)  # a second token too
        for args in (["fix", "-v", "-v"], ["scan", "-v", "-v", "--json"]):
            with self.subTest(args=args):
                r = self.gcheal(*args, json_out=False)
                self.assertIn(r.rc, (1, 5), r)
                out = r.stdout + r.stderr
                self.assertNotIn(SECRET, out)
                self.assertNotIn(basic, out)
                self.assertNotIn(basic.rstrip("="), out)
                self.assertEqual(TOKEN_LIKE.findall(out), [], r)
        self.assertGreaterEqual(len([q for q in self.emu.requests() if q["path"] == "/oauth/token"]), 2)
