"""Start and drive the emulator from Python tests (standard library only).

    import sys; sys.path.insert(0, "tests/emulator")
    from emuctl import Emulator

    with Emulator(org="demo", rate_limit=0) as emu:
        subprocess.run([...client..., "--host", emu.api_host, "--ca", emu.ca_file],
                       env=emu.env())
        assert emu.verify()["ok"]

Emulator(**opts): every keyword becomes a gcemu.py flag (underscores ->
dashes; True -> bare flag; False/None -> omitted; list -> repeated flag), e.g.
Emulator(org="gen:500:7", chunked=True, san=["10.0.2.2"]).  Special keywords:
faults={...} (applied at run time after start), keep=True (keep the state dir),
startup_timeout=60.
"""
import base64
import http.client
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse

GCEMU = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gcemu.py")


def _flags(opts):
    out = []
    for k, v in opts.items():
        flag = "--" + k.replace("_", "-")
        if v is True:
            out.append(flag)
        elif v is False or v is None:
            continue
        elif isinstance(v, (list, tuple)):
            for x in v:
                out += [flag, str(x)]
        else:
            out += [flag, str(v)]
    return out


class Emulator:
    def __init__(self, **opts):
        self.faults_at_start = opts.pop("faults", None)
        self.keep = opts.pop("keep", False)
        self.startup_timeout = opts.pop("startup_timeout", 60)
        self.opts = opts
        self.proc = None
        self.info = {}

    # ---- lifecycle
    def start(self):
        self.state_dir = tempfile.mkdtemp(prefix="gcemu-test-")
        self.log_path = os.path.join(self.state_dir, "gcemu.log")
        log = open(self.log_path, "wb")
        args = [sys.executable, GCEMU, "--state-dir", self.state_dir] + _flags(self.opts)
        if "port" not in self.opts:
            args += ["--port", "0"]
        self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        ready = os.path.join(self.state_dir, "ready.json")
        deadline = time.time() + self.startup_timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("gcemu exited (%s):\n%s" % (self.proc.returncode, self.log()))
            if os.path.exists(ready):
                with open(ready) as f:
                    self.info = json.load(f)
                break
            time.sleep(0.05)
        else:
            self.stop()
            raise RuntimeError("gcemu not ready after %ss:\n%s" % (self.startup_timeout, self.log()))
        self.host = "127.0.0.1" if self.info["host"] in ("127.0.0.1", "0.0.0.0") else self.info["host"]
        self.port = self.info["port"]
        self.ca_file = self.info["ca_file"]
        self.client_id = self.info["client_id"]
        self.client_secret = self.info["client_secret"]
        self.api_host = "localhost:%d" % self.port      # what a client puts in its URL
        self.base_url = self.info["base_url"]
        if self.faults_at_start:
            self.set_faults(**self.faults_at_start)
        return self

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if not self.keep and getattr(self, "state_dir", None):
            shutil.rmtree(self.state_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def log(self):
        try:
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def env(self, **extra):
        """os.environ plus GENESYS_CLOUD_CLIENT_ID / GENESYS_CLOUD_CLIENT_SECRET."""
        e = dict(os.environ)
        e["GENESYS_CLOUD_CLIENT_ID"] = self.client_id
        e["GENESYS_CLOUD_CLIENT_SECRET"] = self.client_secret
        e.update(extra)
        return e

    # ---- raw HTTPS helpers (real TLS, verification on)
    def ssl_context(self):
        return ssl.create_default_context(cafile=self.ca_file)

    def connection(self, timeout=30):
        return http.client.HTTPSConnection(self.host, self.port, context=self.ssl_context(), timeout=timeout)

    def request(self, method, path, body=None, headers=None, conn=None):
        """-> (status, headers dict (lower-case keys), body bytes)."""
        own = conn is None
        c = conn or self.connection()
        try:
            if isinstance(body, (dict, list)):
                body = json.dumps(body).encode()
                headers = dict(headers or {}, **{"Content-Type": "application/json"})
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            data = r.read()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, data
        finally:
            if own:
                c.close()

    def token(self, client_id=None, client_secret=None):
        """A bearer token for the default client, or for another one (--client)."""
        basic = base64.b64encode(("%s:%s" % (client_id or self.client_id,
                                             client_secret or self.client_secret)).encode()).decode()
        st, _, body = self.request("POST", "/oauth/token", b"grant_type=client_credentials",
                                   {"Authorization": "Basic " + basic,
                                    "Content-Type": "application/x-www-form-urlencoded"})
        if st != 200:
            raise RuntimeError("token request failed: %s %r" % (st, body))
        return json.loads(body)["access_token"]

    def api(self, method, path, body=None, token=None, headers=None, conn=None):
        h = {"Authorization": "Bearer " + (token or self.token()), "Accept": "application/json"}
        h.update(headers or {})
        return self.request(method, path, body, h, conn)

    # ---- control API
    def control_connection(self):
        """Like connection(), but still works when the emulator deliberately
        serves a broken certificate or only old TLS: then the server
        certificate is pinned (compared byte for byte) instead of verified."""
        broken = self.info.get("cert_mode", "normal") != "normal"
        old = self.info.get("tls_max") in ("1.0", "1.1")
        if not broken and not old:
            return self.connection()
        ctx = self.ssl_context()
        if broken:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        if old:
            ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
            ctx.minimum_version = ssl.TLSVersion.TLSv1
        c = http.client.HTTPSConnection(self.host, self.port, context=ctx, timeout=30)
        c.connect()
        with open(self.info["cert_file"]) as f:
            pin = ssl.PEM_cert_to_DER_cert(f.read())
        if c.sock.getpeercert(binary_form=True) != pin:
            c.close()
            raise RuntimeError("control connection: unexpected server certificate")
        return c

    def _ctl(self, method, path, body=None):
        c = self.control_connection()
        try:
            st, _, data = self.request(method, "/__emu/" + path, body, conn=c)
        finally:
            c.close()
        out = json.loads(data)
        if st != 200:
            raise RuntimeError("control %s %s -> %s %s" % (method, path, st, out))
        return out

    def state(self, summary=False, ids=None):
        q = {}
        if summary:
            q["summary"] = "1"
        if ids:
            q["ids"] = ",".join(ids)
        return self._ctl("GET", "state" + ("?" + urllib.parse.urlencode(q) if q else ""))

    def requests(self, since=0):
        return self._ctl("GET", "requests?since=%d" % since)["requests"]

    def patches(self, since=0):
        return self._ctl("GET", "patches?since=%d" % since)["patches"]

    def faults(self):
        return self._ctl("GET", "faults")

    def set_faults(self, **faults):
        return self._ctl("POST", "faults", faults)

    def clear_faults(self):
        return self._ctl("DELETE", "faults")

    def mutate(self, action_id, **fields):
        """e.g. mutate(id, timeoutSeconds=2); as_other_admin=False makes it a
        change the verifier reports."""
        return self._ctl("POST", "actions/" + urllib.parse.quote(action_id, safe=""), fields)

    def verify(self):
        return self._ctl("GET", "verify")

    def reset(self):
        return self._ctl("POST", "reset", {})

    def snapshot(self):
        return self._ctl("POST", "snapshot", {})

    def revoke_tokens(self):
        return self._ctl("POST", "tokens/revoke", {})

    def tls_failures(self):
        return self._ctl("GET", "tls")["failures"]

    def load_org(self, org_obj):
        return self._ctl("POST", "org", org_obj)

    def set_options(self, **options):
        """Switch platform variants at run time, e.g. set_options(function_patch_refused="draft")."""
        return self._ctl("POST", "options", options)

    def set_client(self, client_id=None, secret=None, permissions="all"):
        """Add a client, or change a client's role (default client when no id);
        permissions: a list, a comma string, "all" or "none"."""
        body = {"permissions": permissions}
        if client_id:
            body["id"] = client_id
        if secret:
            body["secret"] = secret
        return self._ctl("POST", "clients", body)

    def other_draft(self, action_id, delete=False, **fields):
        """Someone else's draft of the action: create or change it (mutate keys), or delete it."""
        return self._ctl("DELETE" if delete else "POST",
                         "actions/%s/draft" % urllib.parse.quote(action_id, safe=""), fields)

    def action_by_name(self, name):
        for a in self.state(summary=True)["actions"]:
            if a["name"] == name:
                return a
        raise KeyError(name)
