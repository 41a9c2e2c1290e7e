#!/usr/bin/env python3
"""gcemu: a Genesys Cloud (OAuth + Data Actions API) emulator for gcheal.

    python3 tests/emulator/gcemu.py --org demo

Python 3 standard library only.  Writes STATE_DIR/ready.json once listening.
See tests/emulator/README.md for every flag and the /__emu control API.
"""
import argparse
import json
import os
import signal
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import api       # noqa: E402
import builders   # noqa: E402
import certs      # noqa: E402
import permissions  # noqa: E402
import server     # noqa: E402


def _pages(v):
    """'all' -> [] (every page); '2,3' -> [2, 3]."""
    if v in ("all", "*", ""):
        return []
    return [int(x) for x in v.split(",")]


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Genesys Cloud emulator for gcheal tests and demos")
    a = p.add_argument
    g = p.add_argument_group("network / TLS")
    g.add_argument("--host", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    g.add_argument("--port", type=int, default=0, help="listen port (0 = pick a free one)")
    g.add_argument("--state-dir", help="folder for certificates and ready.json (default: new temp dir)")
    g.add_argument("--key-type", choices=["ec", "rsa"], default="ec", help="server/CA key: ECDSA P-256 or RSA-2048")
    g.add_argument("--san", action="append", default=[], help="extra subjectAltName (DNS name or IP); repeatable")
    g.add_argument("--expired-cert", action="store_true", help="serve a certificate that expired 30 days ago")
    g.add_argument("--wrong-host-cert", action="store_true", help="serve a certificate for other.example only")
    g.add_argument("--tls-min", choices=sorted(server.TLS), help="lowest TLS version (default 1.2)")
    g.add_argument("--tls-max", choices=sorted(server.TLS), help="highest TLS version (default 1.3); "
                   "--tls-max 1.1 serves only old TLS")
    g.add_argument("--tls-versions", help="comma list, e.g. 1.0,1.1 (sets min and max)")
    g.add_argument("--idle-timeout", type=float, default=120, help="keep-alive idle timeout, seconds")
    g = p.add_argument_group("org")
    g.add_argument("--org", default="demo", help="demo | empty | corpus | gen:COUNT[:SEED]")
    g.add_argument("--org-file", help="JSON org file (same shape as GET /__emu/state)")
    g.add_argument("--restrictive-fraction", type=float, default=0.2, help="gen: share with timeoutSeconds 1-5")
    g.add_argument("--oversized-fraction", type=float, default=None, help="gen: share with 100-300 KB templates")
    g.add_argument("--plain-ids", action="store_true", help="custom action ids are bare UUIDs (no custom_-_ prefix)")
    g = p.add_argument_group("auth / limits")
    g.add_argument("--client-id", default="gcheal-demo")
    g.add_argument("--client-secret", default="demo-secret")
    g.add_argument("--token-ttl", type=int, default=86400, help="expires_in of issued tokens, seconds")
    g.add_argument("--token-type", default="bearer", help="token_type value in the token response")
    g.add_argument("--auth-error-status", type=int, default=400, help="status for invalid_client (400 or 401)")
    g.add_argument("--rate-limit", type=int, default=300, help="API requests per minute per token (0 = off)")
    g.add_argument("--permissions", default="all",
                   help="the default client's role: comma list of permissions, 'all' or 'none' "
                        "(known: %s)" % ", ".join(permissions.KNOWN))
    g.add_argument("--client", action="append", default=[], metavar="ID:SECRET[:PERMISSIONS]",
                   help="one more accepted OAuth client with its own role (default all); repeatable")
    g = p.add_argument_group("platform variants ([U] choices)")
    g.add_argument("--older-platform", action="store_true", help="list ignores includeConfig")
    g.add_argument("--template-mode", choices=["uri", "default", "inline", "both", "mixed"], default="uri",
                   help="how GET shows saved templates (default uri: only *TemplateUri)")
    g.add_argument("--inline-templates", action="store_true", help="alias for --template-mode both")
    g.add_argument("--version-conflict", type=int, choices=[409, 400], default=409,
                   help="status for a stale/missing version in PATCH")
    g.add_argument("--function-patch", action="store_true",
                   help="plain PATCH of function data actions is applied (the default; kept for old callers)")
    g.add_argument("--function-patch-refused", choices=sorted(api.FUNCTION_PATCH_REFUSALS),
                   help="refuse a plain PATCH of a function data action with a 400 naming drafts or functions")
    g.add_argument("--function-url-change", choices=["error", "ignore"], default="error",
                   help="a changed requestUrlTemplate of a function action: 400, or kept as stored")
    g.add_argument("--draft-exists-post", choices=["409", "400", "return"], default="409",
                   help="POST .../draft when a draft exists: that error status, or return the draft")
    g.add_argument("--draft-version-start", choices=["one", "published"], default="one",
                   help="a new draft's version: 1, or the published action's version")
    g.add_argument("--draft-patch-version", choices=["bump", "same"], default="bump",
                   help="PATCH .../draft: the draft's version goes up by one, or stays")
    g.add_argument("--publish-missing-draft", choices=["404", "400"], default="404",
                   help="status of POST .../draft/publish when there is no draft")
    g.add_argument("--publish-version", choices=["bump", "draft"], default="bump",
                   help="after publish the action's version is its old one + 1, or the draft's")
    g.add_argument("--draft-delete-status", choices=["204", "200"], default="204",
                   help="status of DELETE .../draft (empty body either way)")
    g.add_argument("--patch-with-draft", choices=["apply", "refuse"], default="apply",
                   help="a plain PATCH of an action that has a draft: applied, or refused with a 400")
    g.add_argument("--lenient-accept", action="store_true",
                   help="template endpoint ignores Accept (default: 406 unless Accept admits text/plain)")
    g.add_argument("--lenient-content-type", action="store_true",
                   help="PATCH accepts any Content-Type (default: 415 unless application/json)")
    g.add_argument("--max-page-size", type=int, default=0, help="400 above this pageSize (0 = no maximum)")
    g.add_argument("--next-uri-drops-params", action="store_true",
                   help="paging URIs keep only pageSize/pageNumber")
    g = p.add_argument_group("faults (also settable at run time: POST /__emu/faults)")
    g.add_argument("--chunked", action="store_true", help="chunked bodies, random chunks, extensions, trailers")
    g.add_argument("--connection-close", action="store_true", help="Connection: close after every response")
    g.add_argument("--concurrent-editor", type=int, default=0, metavar="N",
                   help="N actions (-1 all) get edited by someone else between GET and PATCH")
    g.add_argument("--editor-field", choices=["header", "translationMapDefaults"], default="header")
    g.add_argument("--revoke-after", type=int, metavar="N", help="revoke the token at the N+1th API request")
    g.add_argument("--burst-429", metavar="COUNT[:RETRY_AFTER[:AFTER]]", help="COUNT consecutive 429s")
    g.add_argument("--fail-every", type=int, default=0, metavar="N", help="every Nth API request gets 502/503/504")
    g.add_argument("--fail-statuses", default="502,503,504")
    g.add_argument("--reset-body", metavar="PAGES", help="list pages (e.g. 2,3 or all) cut by RST half-way")
    g.add_argument("--stall-body", metavar="PAGES", help="list pages that stall half-way")
    g.add_argument("--stall-seconds", type=float, default=5)
    g.add_argument("--malformed-json", metavar="PAGES", help="list pages served as broken JSON")
    g.add_argument("--fault-times", type=int, default=1, help="how often each page fault fires (0 = always)")
    g.add_argument("--lying-page-count", type=int, default=0, metavar="EXTRA",
                   help="pageCount claims EXTRA more pages; pages past the end repeat the last")
    g.add_argument("--evil-next-uri", metavar="PAGES", help="nextUri on these pages points at evil.example")
    g.add_argument("--drop-patch-answer", type=int, metavar="N",
                   help="apply the next N PATCHes, then reset the connection before answering")
    g.add_argument("--drop-publish-answer", type=int, metavar="N",
                   help="publish the next N drafts, then reset the connection before answering")
    g.add_argument("--paging-lie", choices=["repeat", "endless", "endless-empty", "wrap"],
                   help="repeat: pageCount too high, last page repeated; endless: nextUri on every page, "
                        "last page repeated; endless-empty: nextUri on every page, empty pages; "
                        "wrap: pageCount too high, pages past the end start over from the first")
    g.add_argument("--draft-exists", type=int, metavar="N",
                   help="N actions (-1 all) already have someone else's draft")
    g.add_argument("--draft-editor", metavar="AFTER:THEN[:COUNT]",
                   help="after the client's draft create|patch another editor edit|publish-es the draft")
    g.add_argument("--draft-step-fails", metavar="STEP[:STATUS[:TIMES]]",
                   help="the client's draft read|create|templates|patch|publish|delete fails (default 500, once)")
    a("--verbose", action="store_true", help="log every request to stderr")
    args = p.parse_args(argv)
    if args.inline_templates:
        args.template_mode = "both"
    if args.tls_versions:
        vs = sorted(args.tls_versions.split(","), key=lambda v: server.TLS[v])
        args.tls_min, args.tls_max = vs[0], vs[-1]
    if args.tls_max and server.TLS[args.tls_max] < server.TLS["1.2"] and not args.tls_min:
        args.tls_min = "1.0"
    args.strict_accept = not args.lenient_accept
    args.strict_content_type = not args.lenient_content_type
    args.function_patch = not args.function_patch_refused
    try:
        args.permissions = permissions.parse(args.permissions)
        args.extra_clients = []
        for c in args.client:
            bits = c.split(":", 2)
            if len(bits) < 2 or not bits[0] or not bits[1]:
                raise ValueError("--client wants ID:SECRET[:PERMISSIONS], got %r" % c)
            args.extra_clients.append({"id": bits[0], "secret": bits[1],
                                       "permissions": permissions.parse(bits[2] if len(bits) > 2 else "all")})
    except ValueError as e:
        p.error(str(e))
    return args


def initial_faults(args):
    f = {}
    if args.chunked:
        f["chunked"] = True
    if args.connection_close:
        f["connection_close"] = True
    if args.concurrent_editor:
        f["concurrent_editor"] = args.concurrent_editor
        f["editor_field"] = args.editor_field
    if args.revoke_after is not None:
        f["revoke_after"] = args.revoke_after
    if args.burst_429:
        bits = [int(x) for x in args.burst_429.split(":")] + [1, 0]
        f["burst_429"] = {"count": bits[0], "retry_after": bits[1], "after": bits[2]}
    if args.fail_every:
        f["fail_every"] = args.fail_every
        f["fail_statuses"] = [int(x) for x in args.fail_statuses.split(",")]
    for name in ("reset_body", "stall_body", "malformed_json"):
        v = getattr(args, name)
        if v is not None:
            f[name] = {"pages": _pages(v), "times": args.fault_times}
            if name == "stall_body":
                f[name]["seconds"] = args.stall_seconds
    if args.lying_page_count:
        f["lying_page_count"] = args.lying_page_count
    if args.evil_next_uri is not None:
        f["evil_next_uri"] = {"pages": _pages(args.evil_next_uri)}
    if args.drop_patch_answer:
        f["drop_patch_answer"] = args.drop_patch_answer
    if args.drop_publish_answer:
        f["drop_publish_answer"] = args.drop_publish_answer
    if args.paging_lie:
        f["paging_lie"] = args.paging_lie
    if args.draft_exists:
        f["draft_exists"] = args.draft_exists
    if args.draft_step_fails:
        bits = args.draft_step_fails.split(":")
        f["draft_step_fails"] = {"step": bits[0], "status": int(bits[1]) if len(bits) > 1 else 500,
                                 "times": int(bits[2]) if len(bits) > 2 else 1}
    if args.draft_editor:
        bits = args.draft_editor.split(":")
        f["draft_editor"] = {"after": bits[0], "then": bits[1] if len(bits) > 1 else "edit",
                             "count": int(bits[2]) if len(bits) > 2 else 1}
    return f


def plain_ids(org):
    """--plain-ids: re-key custom actions as bare UUIDs."""
    for a in list(org.actions.values()):
        if a.id.startswith("custom_-_"):
            del org.actions[a.id]
            a.id = a.id[len("custom_-_"):]
            org.actions[a.id] = a
    org.resort()


def write_ready(state_dir, info):
    path = os.path.join(state_dir, "ready.json")
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(info, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)        # atomic: readers never see half a file
    return path


def main(argv=None):
    args = parse_args(argv)
    state_dir = os.path.abspath(args.state_dir or tempfile.mkdtemp(prefix="gcemu-"))
    os.makedirs(state_dir, exist_ok=True)
    try:
        os.unlink(os.path.join(state_dir, "ready.json"))
    except FileNotFoundError:
        pass
    t0 = time.time()
    pki = certs.make_pki(os.path.join(state_dir, "pki"), args.key_type, args.san,
                         expired=args.expired_cert, wrong_host=args.wrong_host_cert)
    try:
        org = builders.build(args.org, args.org_file, args.restrictive_fraction, args.oversized_fraction)
    except ValueError as e:
        sys.stderr.write("gcemu: %s\n" % e)
        return 2
    if args.plain_ids:
        plain_ids(org)
    org.sorted_actions()
    ctx = server.make_ssl_context(pki["cert_file"], pki["key_file"], args.tls_min, args.tls_max)
    emu = server.Emu(args, org)
    try:
        emu.faults.update(initial_faults(args))
    except (KeyError, ValueError) as e:
        sys.stderr.write("gcemu: %s\n" % e)
        return 2
    srv = server.Server((args.host, args.port), emu, ctx)
    port = srv.server_address[1]
    host_for_url = "localhost" if args.host in ("127.0.0.1", "0.0.0.0", "::1", "::") else args.host
    info = {
        "host": args.host, "port": port, "ca_file": pki["ca_file"],
        "client_id": args.client_id, "client_secret": args.client_secret, "pid": os.getpid(),
        "base_url": "https://%s:%d" % (host_for_url, port),
        "api_host": "%s:%d" % (host_for_url, port),
        "login_url": "https://%s:%d/oauth/token" % (host_for_url, port),
        "control_url": "https://%s:%d/__emu" % (host_for_url, port),
        "state_dir": state_dir, "org": org.name, "actions": len(org.actions),
        "cert_sans": pki["sans"], "definitions": org.source,
        "cert_file": pki["cert_file"],
        "cert_mode": "expired" if args.expired_cert else "wrong_host" if args.wrong_host_cert else "normal",
        "tls_min": args.tls_min or "1.2", "tls_max": args.tls_max or "1.3",
    }

    def stop(signum, frame):
        threading.Thread(target=srv.shutdown, daemon=True).start()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    write_ready(state_dir, info)
    print("gcemu: Genesys Cloud emulator listening (org %s, %d actions, started in %.1fs)"
          % (org.name, len(org.actions), time.time() - t0))
    print("  base URL      %s   (login and API on the same port)" % info["base_url"])
    print("  CA file       %s" % info["ca_file"])
    print("  client id     %s" % args.client_id)
    print("  client secret %s" % args.client_secret)
    print("  control API   %s/state  /requests  /patches  /faults  /verify" % info["control_url"])
    print("  ready file    %s" % os.path.join(state_dir, "ready.json"))
    print("  example:")
    print("    curl --cacert %s -u %s:%s -d grant_type=client_credentials %s"
          % (info["ca_file"], args.client_id, args.client_secret, info["login_url"]))
    print("    export GENESYS_CLOUD_CLIENT_ID=%s GENESYS_CLOUD_CLIENT_SECRET=%s"
          % (args.client_id, args.client_secret))
    print("    # then point the client at API and login host %s, trusting CA %s"
          % (info["api_host"], info["ca_file"]))
    sys.stdout.flush()
    try:
        srv.serve_forever(poll_interval=0.2)
    finally:
        srv.server_close()
        try:
            os.unlink(os.path.join(state_dir, "ready.json"))
        except FileNotFoundError:
            pass
    print("gcemu: stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
