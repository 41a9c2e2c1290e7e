"""bench/record_pages.py - record the emulator's real list pages, byte for byte,
for bench/hotpath.c: every page of GET /api/v2/integrations/actions (with
includeConfig, as gcheal asks) as the raw HTTP/1.1 response that came out of TLS,
headers and chunk framing included, concatenated into one file.

Used by bench/run.py with an emuctl.Emulator (run with chunked=True so the
recording exercises de-chunking). Standard library only.
"""
import json
import socket
import ssl


def _read_response(sock):
    """One whole response from a Connection: close exchange."""
    out = bytearray()
    while True:
        b = sock.recv(65536)
        if not b:
            return bytes(out)
        out += b


def record(emu, path, page_size=100):
    """Write every list page to path; returns (pages, entities, bytes)."""
    token = emu.token()
    ctx = ssl.create_default_context(cafile=emu.ca_file)
    pages = entities = size = 0
    with open(path, "wb") as f:
        page = 1
        while True:
            target = ("/api/v2/integrations/actions?pageSize=%d&pageNumber=%d&includeConfig=true"
                      "&includeAuthActions=true" % (page_size, page))
            with socket.create_connection((emu.host, emu.port), timeout=60) as raw:
                with ctx.wrap_socket(raw, server_hostname="localhost") as s:
                    s.sendall(("GET %s HTTP/1.1\r\nHost: localhost:%d\r\nAuthorization: Bearer %s\r\n"
                               "Accept: application/json\r\nConnection: close\r\n\r\n"
                               % (target, emu.port, token)).encode())
                    resp = _read_response(s)
            if not resp.startswith(b"HTTP/1.1 200 "):
                raise RuntimeError("page %d: %r" % (page, resp[:80]))
            # The page's own count, from the emulator's view (not parsed from resp):
            # the hot path must find exactly this many entities.
            _, _, body = emu.api("GET", target, token=token)
            doc = json.loads(body)
            n = len(doc["entities"])
            if n == 0:
                break
            f.write(resp)
            pages, entities, size = pages + 1, entities + n, size + len(resp)
            if page >= doc["pageCount"]:
                break
            page += 1
    return pages, entities, size
