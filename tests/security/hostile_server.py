"""hostile_server.py - a TLS server that answers every request with fixed raw bytes.

For the security tests: a login host that sends a 64 KB header line, a 4 GB chunk
size, or anything else a hostile or broken server could. It reuses the test PKI of
tests/e2e/tls_server.py (a throwaway CA and a certificate for 127.0.0.1/localhost).
"""
import os
import socketserver
import ssl
import sys
import threading

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
import tls_server  # noqa: E402


class _Handler(socketserver.BaseRequestHandler):
    def handle(self):
        conn, buf = self.request, b""
        try:
            while b"\r\n\r\n" not in buf:
                data = conn.recv(65536)
                if not data:
                    return
                buf += data
            self.server.requests += 1
            conn.sendall(self.server.answer)
            if self.server.hold:
                conn.recv(1)  # keep the connection open: the client must give up by itself
        except (ConnectionError, ssl.SSLError, OSError):
            return


class HostileServer(tls_server.TLSAccept, socketserver.ThreadingTCPServer):
    accept_timeout = 20
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, pki_dir, answer, hold=True):
        super().__init__(("127.0.0.1", 0), _Handler)
        ca = tls_server.make_ca(pki_dir, "ca")
        cert, key = tls_server.make_leaf(pki_dir, "ca", "server", "IP:127.0.0.1,DNS:localhost")
        self.ca_file = ca
        self.answer = answer
        self.hold = hold
        self.requests = 0
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(cert, key)

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()

    @property
    def host(self):
        return "127.0.0.1:%d" % self.server_address[1]
