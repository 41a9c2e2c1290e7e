#!/usr/bin/env python3
"""record_seeds.py - (re)writes the checked-in seed corpora in tests/fuzz/corpus/.

Two kinds of seeds: hand-made cases (edge cases each harness should start from)
and raw responses recorded from the emulator (tests/emulator), both plain and
with --chunked framing, so the fuzzers begin from what the real client parses.
Run it by hand when a parser or the emulator changes:
    python3 tests/fuzz/record_seeds.py
Each seed file is named after what it holds; byte 0 of most harnesses is a flag
byte (see the harness header comments).
"""
import base64
import json
import os
import socket
import ssl
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
from emuctl import Emulator  # noqa: E402


def put(harness, name, data):
    d = os.path.join(CORPUS, "fuzz_" + harness)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def raw_exchange(emu, method, path, headers, body=b""):
    """The server's bytes exactly as sent (head + framing), one request, then close."""
    ctx = emu.ssl_context()
    with socket.create_connection((emu.host, emu.port), timeout=30) as s:
        with ctx.wrap_socket(s, server_hostname="localhost") as t:
            head = "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" % (method, path)
            for k, v in headers.items():
                head += "%s: %s\r\n" % (k, v)
            if body:
                head += "Content-Length: %d\r\n" % len(body)
            t.sendall(head.encode() + b"\r\n" + body)
            out = b""
            while True:
                try:
                    chunk = t.recv(65536)
                except ssl.SSLError:
                    break
                if not chunk:
                    break
                out += chunk
            return out


def body_of(raw):
    return raw.split(b"\r\n\r\n", 1)[1]


def record(chunked):
    tag = "chunked" if chunked else "plain"
    with Emulator(org="demo", rate_limit=0, chunked=chunked) as emu:
        basic = base64.b64encode(b"gcheal-demo:demo-secret").decode()
        form = {"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"}
        tok_raw = raw_exchange(emu, "POST", "/oauth/token", form, b"grant_type=client_credentials")
        bad_raw = raw_exchange(emu, "POST", "/oauth/token", dict(form, Authorization="Basic eDp5"),
                               b"grant_type=client_credentials")
        token = emu.token()
        auth = {"Authorization": "Bearer " + token, "Accept": "application/json"}
        page = raw_exchange(emu, "GET", "/api/v2/integrations/actions?pageSize=2&pageNumber=2"
                            "&includeConfig=true&includeAuthActions=true", auth)
        missing = raw_exchange(emu, "GET", "/api/v2/integrations/actions/nope", auth)
        unauth = raw_exchange(emu, "GET", "/api/v2/integrations/actions", {"Accept": "application/json"})
        action_id = emu.action_by_name("GetCustomerOrder")["id"]
        action = raw_exchange(emu, "GET", "/api/v2/integrations/actions/%s?includeConfig=true" % action_id, auth)
        tpl = raw_exchange(emu, "GET", "/api/v2/integrations/actions/%s/templates/requesttemplate.vm"
                           % action_id, auth)
        for name, raw in [("token", tok_raw), ("token-refused", bad_raw), ("page", page),
                          ("not-found", missing), ("unauthorized", unauth), ("action", action),
                          ("template", tpl)]:
            put("http_parser", "emu-%s-%s" % (tag, name), b"\x00" + raw)
        if chunked:
            put("chunked", "emu-page", b"\x00" + body_of(page))
            put("chunked", "emu-action", b"\x00" + body_of(action))
            return
        put("json_split", "emu-page", b"\x02" + body_of(page))
        put("json_split", "emu-page-small-buffer", b"\x00" + body_of(page))
        put("json_path", "emu-action", b"config.timeoutSeconds\n" + body_of(action))
        put("json_path", "emu-page", b"entities\n" + body_of(page))
        put("action_patch", "emu-action-uri-templates", b"\x04\x00" + body_of(action) + b"\x00#set($x = 1)\r\n{\"a\":\"$x\"}\x00"
            + b"${rawResult}")
        put("oauth_reply", "emu-token", b"\xff" + body_of(tok_raw))
        put("oauth_reply", "emu-token-refused", b"\xff" + body_of(bad_raw))
        put("errorbody", "emu-not-found", body_of(missing))
        put("errorbody", "emu-unauthorized", body_of(unauth))
        page_doc = json.loads(body_of(page))
        if page_doc.get("nextUri"):
            put("url", "emu-next-uri", b"\x00" + page_doc["nextUri"].encode())


def hand_made():
    h = "HTTP/1.1 200 OK\r\n"
    for name, msg in [
            ("content-length", h + "Content-Length: 5\r\n\r\nhello"),
            ("chunked-ext-trailer", h + "Transfer-Encoding: chunked\r\n\r\n3;a=\"q;\\\"\"\r\nabc\r\n0\r\nX: y\r\n\r\n"),
            ("close-delimited", "HTTP/1.0 200 OK\r\n\r\nbody until close"),
            ("pipelined", h + "Content-Length: 0\r\n\r\n" + h + "Content-Length: 2\r\n\r\nok"),
            ("interim-100", "HTTP/1.1 100 Continue\r\n\r\n" + h + "Content-Length: 1\r\n\r\nx"),
            ("cl-and-chunked", h + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"),
            ("bare-lf", "HTTP/1.1 200 OK\nContent-Length: 0\n\n"),
            ("obs-fold", h + "X: a\r\n b\r\nContent-Length: 0\r\n\r\n"),
            ("huge-content-length", h + "Content-Length: 99999999999999999999999\r\n\r\n"),
            ("retry-after", "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 31536000\r\nContent-Length: 0\r\n\r\n"),
            ("no-content", "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n")]:
        put("http_parser", "hand-" + name, b"\x02" + msg.encode())
    put("http_parser", "hand-head-response", b"\x03" + (h + "Content-Length: 10\r\n\r\n").encode())
    put("http_parser", "hand-small-head-store", b"\x04" + (h + "X-Long: " + "a" * 100 + "\r\n\r\n").encode())
    for name, body in [("plain", "5\r\nhello\r\n0\r\n\r\n"), ("upper-hex", "A\r\n0123456789\r\n0\r\n\r\n"),
                       ("four-gigabytes", "100000000\r\n"), ("size-overflow", "ffffffffffffffffff\r\n"),
                       ("zeros", "0000000000000000000001\r\nx\r\n0\r\n\r\n"),
                       ("missing-crlf", "1\r\nxy0\r\n\r\n"), ("ext", "1 ; x=y\r\nz\r\n0\r\n\r\n")]:
        put("chunked", "hand-" + name, b"\x00" + body.encode())
    put("chunked", "hand-small-bounds", b"\x03" + b"41\r\n" + b"a" * 65 + b"\r\n0\r\n\r\n")
    page = ('{"entities":[{"id":"a","name":"x\\"}","config":{"timeoutSeconds":3}},{"id":"b"}],'
            '"pageSize":2,"pageNumber":1,"total":2,"pageCount":1,"nextUri":null,"selfUri":"/api/v2/x?a=1"}')
    put("json_split", "hand-page", b"\x02" + page.encode())
    put("json_split", "hand-too-large", b"\x00" + ('{"entities":[{"id":"big","pad":"%s"}],"pageCount":1}'
                                                  % ("x" * 100)).encode())
    put("json_split", "hand-duplicate-envelope", b"\x02" + b'{"entities":[],"pageCount":1,"pageCount":2}')
    put("json_split", "hand-escaped-next-uri", b"\x02" + b'{"nextUri":"\\/api\\/v2?x=\\u0041","entities":[]}')
    put("json_path", "hand-escaped-keys", b'a.b\n{"a":{"\\u0062":1,"c":[true,false,null,"s\\ud83d\\ude00"]}}')
    put("json_path", "hand-duplicate", b'a\n{"a":1,"a":2}')
    put("json_path", "hand-numbers", b'x\n{"x":-9223372036854775808,"y":1e2,"z":3.5,"w":92233720368547758070}')
    for name, cfg in [("replace", '{"request":{},"timeoutSeconds":3,"response":{}}'),
                      ("insert", '{ }'), ("string-timeout", '{"timeoutSeconds":"3"}'),
                      ("inline-templates", '{"request":{"requestTemplate":"${input.rawRequest}"},'
                                           '"response":{"successTemplate":"${rawResult}"}}'),
                      ("uri-templates", '{"request":{"requestTemplateUri":"/t/req.vm"},'
                                        '"response":{"successTemplateUri":"/t/succ.vm"}}')]:
        action = '{"id":"a1","name":"N\\u2019","category":"C","version":3,"config":%s}' % cfg
        put("action_patch", "hand-" + name, b"\x1d\x00" + action.encode() + b"\x00{\"q\":\"\\n\"}\r\n\x00$x")
    put("action_patch", "hand-no-category", b'\x00\x00{"name":"n","version":0,"config":{}}')
    for name, body in [("ok", '{"access_token":"abc\\u00e9","token_type":"bearer","expires_in":86400}'),
                       ("error", '{"error":"invalid_client","description":"d","error_description":"bad"}'),
                       ("too-long", '{"access_token":"%s","expires_in":1}' % ("t" * 300)),
                       ("zero-expiry", '{"access_token":"a","expires_in":0}')]:
        put("oauth_reply", "hand-" + name, b"\x10" + body.encode())
    for name, body in [("full", '{"message":"Bad \\"x\\"","code":"bad.request","status":400,"contextId":"c-1",'
                                '"details":[],"errors":[]}'),
                       ("wrong-types", '{"message":1,"code":null,"status":"400"}'),
                       ("long", '{"message":"%s"}' % ("\\u00e9" * 200))]:
        put("errorbody", "hand-" + name, body)
    for i, uri in enumerate(["/api/v2/integrations/actions?pageNumber=2&pageSize=100",
                             "https://api.mypurecloud.com/api/v2/x?y=1", "https://API.MYPURECLOUD.COM:443/a",
                             "https://evil.example/api", "//evil.example/api", "https://api.mypurecloud.com@evil/x",
                             "https://[::1]:8443/a%20b", "http://api.mypurecloud.com/x", "/a#frag",
                             "https://localhost:8443//evil/x"]):
        put("url", "hand-%02d" % i, bytes([i & 3]) + uri.encode())


if __name__ == "__main__":
    hand_made()
    record(False)
    record(True)
    print("seeds in %s" % CORPUS)
