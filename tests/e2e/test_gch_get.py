"""End-to-end tests of the HTTP/1.1 + TLS stack through build/gch-get.

A local HTTPS server on 127.0.0.1 (tls_server.py) with a CA made at test time
serves Content-Length, chunked and close-delimited bodies; gch-get must return
the exact bytes, reuse kept-alive connections, and refuse an untrusted CA or a
certificate for another host name. gch-get is linked so that any heap call
aborts: every passing fetch is a zero-heap fetch.
"""
import argparse
import os
import ssl
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tls_server  # noqa: E402

BIN = "build/gch-get"


class GchGetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        d = cls.tmp.name
        cls.ca = tls_server.make_ca(d, "ca")
        cls.other_ca = tls_server.make_ca(d, "otherca")
        cert, key = tls_server.make_leaf(d, "ca", "localhost", "DNS:localhost,IP:127.0.0.1,IP:::1")
        rsa_cert, rsa_key = tls_server.make_leaf(d, "ca", "rsahost", "DNS:localhost,IP:127.0.0.1",
                                                 key_type="rsa")
        wrong_cert, wrong_key = tls_server.make_leaf(d, "ca", "wrong", "DNS:other.example")
        cls.srv = tls_server.TLSServer(cert, key).start()
        cls.srv12 = tls_server.TLSServer(rsa_cert, rsa_key,
                                         max_version=ssl.TLSVersion.TLSv1_2).start()
        cls.wrong = tls_server.TLSServer(wrong_cert, wrong_key).start()
        cls.srv6 = tls_server.TLSServer(cert, key, host="::1").start()

    @classmethod
    def tearDownClass(cls):
        for s in (cls.srv, cls.srv12, cls.wrong, cls.srv6):
            s.shutdown()
            s.server_close()
        cls.tmp.cleanup()

    def fetch(self, *urls, ca=None, extra=()):
        args = [BIN, "--ca-file", ca or self.ca, *extra, *urls]
        return subprocess.run(args, capture_output=True, timeout=30)

    def url(self, path, srv=None, host="localhost"):
        return f"https://{host}:{(srv or self.srv).port}{path}"

    def test_content_length_body_is_exact(self):
        r = self.fetch(self.url("/length"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, tls_server.BODY)

    def test_chunked_body_with_extensions_and_trailer_is_exact(self):
        r = self.fetch(self.url("/chunked"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, tls_server.BODY)

    def test_close_delimited_body_is_exact(self):
        r = self.fetch(self.url("/close"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, tls_server.BODY)

    def test_interim_100_continue_is_skipped(self):
        r = self.fetch(self.url("/continue"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, b"hello")

    def test_keep_alive_reuses_one_connection(self):
        before = self.srv.connections
        r = self.fetch(self.url("/length"), self.url("/chunked"), self.url("/empty"), self.url("/length"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, tls_server.BODY * 3)
        self.assertEqual(self.srv.connections - before, 1)

    def test_connection_close_opens_a_new_connection(self):
        before = self.srv.connections
        r = self.fetch(self.url("/close"), self.url("/length"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, tls_server.BODY * 2)
        self.assertEqual(self.srv.connections - before, 2)

    def test_ip_address_host_is_verified_against_ip_san(self):
        r = self.fetch(self.url("/length", host="127.0.0.1"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, tls_server.BODY)

    def test_ipv6_literal_host_connects_and_is_verified(self):
        r = self.fetch(self.url("/length", srv=self.srv6, host="[::1]"), extra=("-v",))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, tls_server.BODY)
        self.assertIn(b"[::1]:", r.stderr)  # the peer address: IPv6 was used
        self.assertIn("Host: [::1]:%d" % self.srv6.port, self.srv6.requests[-1])

    def test_tls13_reports_arena_high_water_mark(self):
        r = self.fetch(self.url("/length"), extra=("-v",))
        self.assertEqual(r.returncode, 0, r.stderr)
        err = r.stderr.decode()
        self.assertIn("TLSv1.3", err)
        self.assertRegex(err, r"arena high-water mark: [1-9][0-9]* bytes")
        print("\n    " + [l for l in err.splitlines() if "high-water" in l][0], file=sys.stderr)

    def test_tls12_with_rsa_certificate_works(self):
        r = self.fetch(self.url("/length", srv=self.srv12), extra=("-v",))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, tls_server.BODY)
        err = r.stderr.decode()
        self.assertIn("TLSv1.2", err)
        print("\n    " + [l for l in err.splitlines() if "high-water" in l][0], file=sys.stderr)

    def test_untrusted_ca_is_refused(self):
        before = len(self.srv.requests)
        r = self.fetch(self.url("/length"), ca=self.other_ca)
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(r.stdout, b"")
        self.assertIn(b"not trusted", r.stderr)
        self.assertEqual(len(self.srv.requests), before)  # no request was sent

    def test_certificate_for_another_host_is_refused(self):
        before = len(self.wrong.requests)
        r = self.fetch(self.url("/length", srv=self.wrong))
        self.assertNotEqual(r.returncode, 0)
        self.assertEqual(r.stdout, b"")
        self.assertIn(b"not trusted", r.stderr)
        self.assertEqual(len(self.wrong.requests), before)

    def test_request_carries_host_and_user_agent(self):
        r = self.fetch(self.url("/length"))
        self.assertEqual(r.returncode, 0, r.stderr)
        head = self.srv.requests[-1]
        self.assertIn(f"Host: localhost:{self.srv.port}", head)
        self.assertRegex(head, r"User-Agent: gcheal/\d+\.\d+")

    def test_plain_http_url_is_refused(self):
        r = self.fetch(f"http://localhost:{self.srv.port}/length")
        self.assertEqual(r.returncode, 2)


def main():
    global BIN
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=BIN)
    args, rest = ap.parse_known_args()
    BIN = args.bin
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(GchGetTest)
    res = unittest.TextTestRunner(verbosity=1).run(suite)
    failed = len(res.failures) + len(res.errors)
    print(f"e2e: {res.testsRun - failed} passed, {failed} failed")
    sys.exit(1 if failed or not res.testsRun else 0)


if __name__ == "__main__":
    main()
