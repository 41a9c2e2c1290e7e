"""HTTP/1.1 + TLS plumbing: auth, rate limits, logging and byte-level faults.

Why hand-rolled body writing: the byte-level faults (chunk extensions,
trailers, reset or stall half-way through a body) must happen on the wire,
below what BaseHTTPRequestHandler offers.  The TLS handshake runs in the
per-connection thread (not in accept()), so a client that stalls or rejects
our certificate never blocks other connections; handshake failures are
recorded so tests can assert "the client refused the certificate".
"""
import collections
import http.server
import random
import secrets
import socket
import ssl
import struct
import threading
import time
import urllib.parse
import uuid

import api
import control
from faults import Faults
import permissions

TLS = {"1.0": ssl.TLSVersion.TLSv1, "1.1": ssl.TLSVersion.TLSv1_1,
       "1.2": ssl.TLSVersion.TLSv1_2, "1.3": ssl.TLSVersion.TLSv1_3}
MAX_BODY = 20 * 1024 * 1024
LOG_MAX = 500000


class Req:
    """One parsed request, as the endpoint code sees it."""
    def __init__(self, method, target, headers, body, cid, peer):
        u = urllib.parse.urlsplit(target)
        self.method, self.target, self.headers, self.body = method, target, headers, body
        self.path = urllib.parse.unquote(u.path)
        self.raw_query = u.query
        self.pairs = urllib.parse.parse_qsl(u.query, keep_blank_values=True)
        self.q = dict(self.pairs)
        self.cid, self.peer = cid, peer


class Emu:
    """Shared state of one emulator: org, tokens, rate windows, logs, faults."""

    def __init__(self, opts, org):
        self.opts, self.org = opts, org
        self.faults = Faults()
        self.lock = threading.Lock()
        self.tokens = {}          # token -> {"expires": t, "revoked": bool}
        self.rate = {}            # token -> [window_start, count]
        self.log = collections.deque(maxlen=LOG_MAX)
        self.patches = collections.deque(maxlen=10000)
        self.tls_failures = collections.deque(maxlen=1000)
        self.served_view = {}     # selfUri of an action or draft -> template view last served
        # OAuth clients: id -> {"secret", "permissions"}; the default one from
        # --client-id/--client-secret/--permissions, more from --client.
        self.clients = {opts.client_id: {"secret": opts.client_secret,
                                         "permissions": list(opts.permissions)}}
        for c in opts.extra_clients:
            self.clients[c["id"]] = {"secret": c["secret"], "permissions": list(c["permissions"])}
        self.seq = 0
        self.started = time.time()

    # ---- tokens
    def issue_token(self, client_id=None):
        tok = secrets.token_urlsafe(64)
        with self.lock:
            self.tokens[tok] = {"expires": time.time() + self.opts.token_ttl, "revoked": False,
                                "client": client_id or self.opts.client_id}
        return tok

    def client_ok(self, cid, secret):
        with self.lock:
            c = self.clients.get(cid)
            return c is not None and secrets.compare_digest(c["secret"], secret)

    def permissions_of(self, cid):
        """The client's role, as it is now (a role change applies at once)."""
        with self.lock:
            c = self.clients.get(cid)
            return list(c["permissions"]) if c else []

    def revoke_all(self):
        with self.lock:
            for t in self.tokens.values():
                t["revoked"] = True

    def next_seq(self):
        with self.lock:
            self.seq += 1
            return self.seq

    # ---- PATCH records
    def record_patch(self, req, aid):
        import base64
        rec = {"seq": req.seq, "action_id": aid, "time": time.time(),
               "content_type": req.headers.get("Content-Type"),
               "body_b64": base64.b64encode(req.body).decode(),
               "body_text": None, "peer": req.peer[0], "peer_port": req.peer[1]}
        try:
            rec["body_text"] = req.body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        return rec

    def finish_patch(self, rec, resp):
        rec["status"] = resp.status
        with self.lock:
            self.patches.append(rec)
        return resp

    def reset_counters(self):
        with self.lock:
            self.log.clear()
            self.patches.clear()
            self.rate.clear()
            self.tls_failures.clear()
        with self.faults.lock:
            self.faults.api_count = 0
            self.faults.fired = {}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"     # keep-alive
    server_version = "gcemu"
    sys_version = ""
    # Headers and body leave in separate writes: with Nagle on, the body waits for
    # the ACK of the headers, which a client delays by up to 40 ms on every response.
    disable_nagle_algorithm = True

    def version_string(self):
        return self.server_version

    # ---- connection setup: TLS handshake in this thread
    def setup(self):
        self.tls_ok = False
        emu = self.server.emu
        self.timeout = emu.opts.idle_timeout
        self.request.settimeout(emu.opts.idle_timeout)
        try:
            self.request = self.server.ssl_ctx.wrap_socket(self.request, server_side=True)
            self.tls_ok = True
        except (ssl.SSLError, OSError) as e:
            emu.tls_failures.append({"time": time.time(), "peer": self.client_address[0],
                                     "peer_port": self.client_address[1], "error": str(e)})
        self.connection = self.request
        super().setup()

    def handle(self):
        if self.tls_ok:
            try:
                super().handle()
            except (ConnectionError, ssl.SSLError, socket.timeout, OSError):
                pass

    def finish(self):
        try:
            super().finish()
        except OSError:
            pass
        try:
            self.connection.close()   # our SSLSocket: the server only knows the raw one
        except OSError:
            pass

    def log_message(self, fmt, *args):
        if self.server.emu.opts.verbose:
            super().log_message(fmt, *args)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = lambda self: self.dispatch()

    # ---- request handling
    def read_body(self):
        te = (self.headers.get("Transfer-Encoding") or "").lower()
        if "chunked" in te:
            parts, total = [], 0
            while True:
                line = self.rfile.readline(1024)
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(8192) not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                total += size
                if total > MAX_BODY:
                    raise ValueError("body too large")
                parts.append(self.rfile.read(size))
                self.rfile.readline(8)
        n = int(self.headers.get("Content-Length") or 0)
        if n > MAX_BODY:
            raise ValueError("body too large")
        return self.rfile.read(n) if n > 0 else b""

    def dispatch(self):
        emu = self.server.emu
        cid = str(uuid.uuid4())
        try:
            body = self.read_body()
        except ValueError:
            self.close_connection = True
            body = None
        req = Req(self.command, self.path, self.headers, body or b"", cid, self.client_address)
        req.seq = emu.next_seq()
        extra = []
        if body is None:
            resp = api.error(req, 413, "request.entity.too.large", "Request body too large")
        elif req.path.startswith("/__emu/"):
            resp = control.handle(emu, req)
            self.send(resp, req, [], control_api=True)
            return
        elif req.path == "/oauth/token":
            resp = api.oauth_token(emu, req) if req.method == "POST" else \
                api.error(req, 405, "method.not.allowed", "Use POST")
        elif req.path.startswith("/api/"):
            resp, extra = self.api_call(emu, req)
        else:
            resp = api.error(req, 404, "not.found", "The requested resource was not found.")
        self.send(resp, req, extra)

    def api_call(self, emu, req):
        """Gateway faults, bearer token, rate limit, then the endpoint."""
        o = emu.opts
        fail, revoke, burst = emu.faults.next_api()
        if fail:
            r = api.error(req, fail, "service.unavailable" if fail == 503 else "bad.gateway" if fail == 502
                          else "gateway.timeout", "Injected %d (fail_every)" % fail)
            r.fault = "fail_every"
            return r, []
        auth = req.headers.get("Authorization") or ""
        if not auth.lower().startswith("bearer ") or not auth[7:].strip():
            return api.error(req, 401, "authentication.required",
                             "No authentication bearer token specified in authorization header."), []
        tok = auth[7:].strip()
        now = time.time()
        with emu.lock:
            t = emu.tokens.get(tok)
            if t is not None and revoke:
                t["revoked"] = True
            valid = t is not None and not t["revoked"] and t["expires"] > now
            client = t["client"] if t is not None else None
        if not valid:
            r = api.error(req, 401, "bad.credentials", "Invalid login credentials.")
            r.fault = "revoked" if revoke else None
            return r, []
        limit = o.rate_limit
        with emu.lock:
            w = emu.rate.get(tok)
            if w is None or now - w[0] >= 60:
                w = emu.rate[tok] = [now, 0]
            w[1] += 1
            count, reset = w[1], max(1, int(round(60 - (now - w[0]))))
        hdrs = [("inin-ratelimit-count", str(count)), ("inin-ratelimit-allowed", str(limit or 300)),
                ("inin-ratelimit-reset", str(reset))]
        if burst:
            r = api.error(req, 429, "too.many.requests",
                          "Rate limit exceeded the maximum. [%d] requests for [60] seconds" % (limit or 300))
            r.fault = "burst_429"
            return r, hdrs + [("Retry-After", str(burst))]
        if limit and count > limit:
            r = api.error(req, 429, "too.many.requests",
                          "Rate limit exceeded the maximum. [%d] requests for [60] seconds" % limit)
            return r, hdrs + [("Retry-After", str(reset))]
        denied = permissions.check(req, emu.permissions_of(client))
        if denied is not None:
            return denied, hdrs
        return api.route(emu, req), hdrs

    # ---- response writing with faults
    def send(self, resp, req, extra, control_api=False):
        emu = self.server.emu
        f = emu.faults
        body = resp.body
        is_api = req.path.startswith("/api/") and not control_api
        is_list = resp.page is not None
        fault = resp.fault
        cut = None
        if is_api:
            if f.page_fault("malformed_json", resp.page, is_list):
                body = body[:max(1, len(body) * 2 // 3)]       # truncated: framed fine, JSON broken
                fault = "malformed_json"
            spec = f.page_fault("reset_body", resp.page, is_list)
            if spec:
                cut, fault = ("reset", None), "reset_body"
            else:
                spec = f.page_fault("stall_body", resp.page, is_list)
                if spec:
                    cut = ("stall", float(spec.get("seconds", 5)), float(spec.get("trickle") or 0))
                    fault = "stall_body"
        drop = None
        if is_api and resp.status == 200:
            if req.method == "PATCH" and f.take_drop_patch_answer():
                drop = "drop_patch_answer"
            elif req.method == "POST" and req.path.rstrip("/").endswith("/draft/publish") \
                    and f.take_drop_patch_answer("drop_publish_answer"):
                drop = "drop_publish_answer"
        if drop:
            # The change is applied; the answer never leaves: reset, not a byte sent.
            emu.log.append({"seq": req.seq, "time": time.time(), "method": req.method,
                            "path": req.path, "query": req.raw_query, "status": 0,
                            "peer": req.peer[0], "peer_port": req.peer[1],
                            "correlation_id": req.cid, "fault": drop, "bytes": 0,
                            "user_agent": req.headers.get("User-Agent")})
            self.reset_connection()
            self.close_connection = True
            return
        no_body = resp.status == 204     # no Content-Length, no body, no chunks (RFC 9110)
        chunked = not control_api and not no_body and f.get("chunked")
        close = not control_api and f.get("connection_close")
        rng = random.Random(req.seq)
        trailer = chunked and rng.random() < 0.3

        self.send_response(resp.status)
        if not no_body:
            self.send_header("Content-Type", resp.ctype)
        self.send_header("ININ-Correlation-Id", req.cid)
        for k, v in resp.headers + extra:
            self.send_header(k, v)
        if no_body:
            body, cut = b"", None
        elif chunked:
            self.send_header("Transfer-Encoding", "chunked")
            if trailer:
                self.send_header("Trailer", "X-Emu-Trailer")
        else:
            self.send_header("Content-Length", str(len(body)))
        if close or cut:
            self.send_header("Connection", "close")
        self.end_headers()           # flushes headers (wbufsize 0 -> direct writes)
        status = resp.status
        try:
            self.write_body(body, chunked, trailer, rng, cut)
        except (OSError, ssl.SSLError):
            self.close_connection = True
        if not control_api:          # the log shows the client's traffic only
            emu.log.append({"seq": req.seq, "time": time.time(), "method": req.method,
                            "path": req.path, "query": req.raw_query, "status": status,
                            "peer": req.peer[0], "peer_port": req.peer[1],
                            "correlation_id": req.cid, "fault": fault, "bytes": len(body),
                            "user_agent": req.headers.get("User-Agent")})

    def write_body(self, body, chunked, trailer, rng, cut):
        half = len(body) // 2
        w = self.wfile

        def raw(b):
            if b:
                w.write(b)

        def chunk(b):
            if not b:
                return
            ext = ";ext=1" if rng.random() < 0.4 else ""
            raw(b"%x%s\r\n" % (len(b), ext.encode()) + b + b"\r\n")

        emit = chunk if chunked else raw
        pieces = []
        if chunked:
            i = 0
            while i < len(body):
                n = rng.choice([1, 7, 64, 500, 1400, 4096, 16384])
                pieces.append(body[i:i + n])
                i += n
        else:
            pieces = [body]
        sent = 0
        for p in pieces:
            if cut and sent < half <= sent + len(p):
                k = half - sent
                emit(p[:k])
                if cut[0] == "reset":
                    self.reset_connection()
                    return
                rest = p[k:]
                if cut[2] > 0:
                    # Trickle: one byte every cut[2] s, so no read ever times out.
                    end = time.monotonic() + cut[1]
                    while len(rest) > 1 and time.monotonic() + cut[2] < end:
                        time.sleep(cut[2])
                        emit(rest[:1])
                        rest = rest[1:]
                    time.sleep(max(0.0, end - time.monotonic()))
                else:
                    time.sleep(cut[1])
                emit(rest)
            else:
                emit(p)
            sent += len(p)
        if chunked:
            raw(b"0\r\n" + (b"X-Emu-Trailer: done\r\n" if trailer else b"") + b"\r\n")

    def reset_connection(self):
        """Abort with a TCP RST (SO_LINGER 0), no TLS close_notify."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()          # drop the makefile() reference so close() really closes
            self.connection.close()
        except OSError:
            pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, addr, emu, ssl_ctx):
        if ":" in addr[0]:
            self.address_family = socket.AF_INET6
        self.emu, self.ssl_ctx = emu, ssl_ctx
        super().__init__(addr, Handler)

    def handle_error(self, request, client_address):
        if self.emu.opts.verbose:
            super().handle_error(request, client_address)


def make_ssl_context(cert_file, key_file, tls_min=None, tls_max=None):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert_file, key_file)
    if tls_min:
        if TLS[tls_min] < ssl.TLSVersion.TLSv1_2:
            # OpenSSL 3 refuses TLS < 1.2 at the default security level.
            ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
        ctx.minimum_version = TLS[tls_min]
    if tls_max:
        ctx.maximum_version = TLS[tls_max]
    try:
        ctx.set_alpn_protocols(["http/1.1"])
    except NotImplementedError:
        pass
    return ctx
