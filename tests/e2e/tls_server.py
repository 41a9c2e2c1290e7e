"""A tiny HTTPS server for the end-to-end tests of the HTTP/TLS stack.

Standard library only. It writes raw HTTP/1.1 responses so the tests control
framing exactly: Content-Length, chunked (with extensions and a trailer) and
close-delimited bodies, keep-alive or close. The test CA and certificates are
made at start by the openssl tool.
"""
import os
import socket
import socketserver
import ssl
import subprocess
import threading


def _run(*args, cwd):
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_ca(folder, name):
    """Create a CA (key + self-signed cert) named `name` in folder."""
    _run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "2",
         "-subj", f"/CN=gcheal test {name}", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    return os.path.join(folder, f"{name}.pem")


def make_leaf(folder, ca, name, san, key_type="ec", days=2):
    """Create a server key and a certificate for `san`, signed by CA `ca`."""
    if key_type == "rsa":
        keyopts = ["-newkey", "rsa:2048"]
    else:
        keyopts = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
    _run("openssl", "req", "-new", *keyopts, "-nodes", "-keyout", f"{name}.key",
         "-out", f"{name}.csr", "-subj", f"/CN={name}", cwd=folder)
    ext = os.path.join(folder, f"{name}.ext")
    with open(ext, "w") as f:
        f.write(f"subjectAltName={san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    _run("openssl", "x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key",
         "-CAcreateserial", "-out", f"{name}.pem", "-days", str(days), "-extfile", ext, cwd=folder)
    return os.path.join(folder, f"{name}.pem"), os.path.join(folder, f"{name}.key")


BODY = bytes((i * 7 + 3) % 256 for i in range(70000))  # binary, spans many TLS records


def _chunked(body, sizes):
    out, pos, i = [], 0, 0
    while pos < len(body):
        n = sizes[i % len(sizes)]
        part = body[pos:pos + n]
        ext = ';ext="a b";x=1' if i % 3 == 1 else ""
        out.append(b"%x%s\r\n" % (len(part), ext.encode()) + part + b"\r\n")
        pos += n
        i += 1
    out.append(b"0\r\nX-Trailer: done\r\n\r\n")
    return b"".join(out)


def response_for(path):
    """(head, body, close) for a request path."""
    if path.startswith("/length"):
        return (b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                b"Content-Length: %d\r\n\r\n" % len(BODY)), BODY, False
    if path.startswith("/chunked"):
        return (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                _chunked(BODY, [1, 5000, 17, 16384, 3, 40000]), False)
    if path.startswith("/close"):
        return b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n", BODY, True
    if path.startswith("/continue"):
        return (b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n",
                b"hello", False)
    if path.startswith("/empty"):
        return b"HTTP/1.1 204 No Content\r\n\r\n", b"", False
    return b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\n", b"not found", False


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        self.server.connections += 1
        buf = b""
        conn = self.request
        while True:
            while b"\r\n\r\n" not in buf:
                try:
                    data = conn.recv(65536)
                except (ConnectionError, ssl.SSLError, OSError):
                    return
                if not data:
                    return
                buf += data
            head, buf = buf.split(b"\r\n\r\n", 1)
            line = head.split(b"\r\n", 1)[0].decode("latin-1")
            self.server.requests.append(head.decode("latin-1"))
            path = line.split(" ")[1]
            rhead, body, close = response_for(path)
            try:
                conn.sendall(rhead + body)
            except (ConnectionError, ssl.SSLError, OSError):
                return
            if close:
                try:
                    conn.unwrap()
                except (ssl.SSLError, OSError):
                    pass
                return


class TLSAccept:
    """Mixin for a socketserver: every accepted socket goes through self.ctx's
    TLS handshake (accept_timeout s per read); a failed handshake is dropped
    quietly, since refusing bad clients is part of what the tests check."""
    accept_timeout = 10

    def get_request(self):
        sock, addr = self.socket.accept()
        sock.settimeout(self.accept_timeout)
        try:
            return self.ctx.wrap_socket(sock, server_side=True), addr
        except (ssl.SSLError, OSError):
            sock.close()
            raise OSError("handshake failed")

    def handle_error(self, request, client_address):
        pass


class TLSServer(TLSAccept, socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, cert, key, min_version=None, max_version=None, host="127.0.0.1"):
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, 0), Handler)
        self.connections = 0
        self.requests = []
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        if min_version:
            ctx.minimum_version = min_version
        if max_version:
            ctx.maximum_version = max_version
        self.ctx = ctx

    @property
    def port(self):
        return self.server_address[1]

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self
