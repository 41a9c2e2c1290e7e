#!/usr/bin/env python3
"""bench/network.py - what the network setting costs gcheal (issue 14), measured
against the emulator:

1. proxy: the same fix (the demo org, 7 actions fixed) direct and through a
   real tinyproxy on 127.0.0.1: requests the server answered, CONNECT requests
   the proxy logged, TLS handshakes, and bytes on the wire as gcheal counts them
   with -v (TLS records both ways, plus the CONNECT requests and answers).
2. trust store: the TLS arena high-water mark (gcheal -v, Mbed TLS's allocator
   statistics) of a scan with one CA file, and with the system bundle plus the
   emulator's CA looked up on demand; and, for the record, the same two files
   parsed whole by build/gch-get, which still loads its CA file into Mbed TLS at
   once (as gcheal did before), right after its handshake.

Run by bench/run.py (make bench, make bench-smoke) as one part of the results,
or alone: python3 bench/network.py --bin build/gcheal --get build/gch-get
[--reps N] [--results bench/results.md], which refreshes that section of
results.md and writes network.json next to it.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))

from emuctl import Emulator  # noqa: E402

SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
FIGURES = re.compile(r"gcheal: (\d+) TLS handshakes(?: \((\d+) through proxy tunnels, (\d+) direct\), "
                     r"CONNECT bytes (\d+))?, TLS bytes sent (\d+) received (\d+), CA lookups (\d+) "
                     r"\((\d+) certificates read, (\d+) kept\), TLS arena high-water mark (\d+) of")
SUMMARY = re.compile(r"^(?:scan|fix): (\d+) examined, (\d+) restrictive, (\d+) fixed, (\d+) skipped, (\d+) failed "
                     r"\((\d+) pages, (\d+) requests", re.M)
GET_ARENA = re.compile(r"TLS arena high-water mark: (\d+) bytes")
SECTION = "## Network: through an HTTP proxy, and the system trust store"


def log(msg):
    print("[network] %s" % msg, flush=True)


def env_without_proxy(emu):
    return {k: v for k, v in emu.env().items() if k.lower() not in ("https_proxy", "no_proxy", "all_proxy")}


def gcheal(binary, emu, args, env):
    hp = "localhost:%d" % emu.port
    t0 = time.monotonic()
    p = subprocess.run([binary, "--api-host", hp, "--login-host", hp, "-v"] + args, env=env,
                       capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    f, s = FIGURES.search(p.stderr), SUMMARY.search(p.stdout)
    if f is None or s is None:
        raise RuntimeError("gcheal %s: no figures (rc %d): %s" % (args, p.returncode, p.stderr[-800:]))
    g = [int(x) if x is not None else 0 for x in f.groups()]
    return {"rc": p.returncode, "wall": wall, "handshakes": g[0], "tunnels": g[1], "direct": g[2],
            "connect_bytes": g[3], "tls_sent": g[4], "tls_received": g[5], "ca_lookups": g[6], "ca_read": g[7],
            "ca_kept": g[8], "arena_peak": g[9], "fixed": int(s.group(3)), "client_requests": int(s.group(7))}


def one_fix(binary, proxied):
    import test_proxy  # tests/integration: the TinyProxy the tests use
    with Emulator(org="demo", rate_limit=0) as emu:
        args = ["--ca-file", emu.ca_file, "fix"]
        proxy = None
        if proxied:
            proxy = test_proxy.TinyProxy().start()
            args = ["--proxy", proxy.url] + args
        # What fix must change: the restrictive actions it may edit (custom and function ones).
        editable = [a for a in emu.state(summary=True)["actions"] if a["kind"] in ("custom", "function")
                    and (60 if a["timeoutSeconds"] is None else a["timeoutSeconds"]) < 5]
        try:
            m = gcheal(binary, emu, args, env_without_proxy(emu))
            m["expected"] = len(editable)
            m["server_requests"] = len(emu.requests())
            m["server_connections"] = len({q["peer_port"] for q in emu.requests()})
            m["connects_logged"] = len(proxy.connects(expect=m["server_connections"])) if proxy else 0
            m["verified"] = emu.verify()["ok"]
        finally:
            if proxy:
                proxy.cleanup()
    m["bytes"] = m["tls_sent"] + m["tls_received"] + m["connect_bytes"]
    return m


def arena_figures(binary, get_bin):
    with Emulator(org="demo", rate_limit=0) as emu, tempfile.TemporaryDirectory() as d:
        bundle = os.path.join(d, "bundle.pem")
        with open(bundle, "w") as out:
            for path in (SYSTEM_BUNDLE, emu.ca_file):
                with open(path) as f:
                    out.write(f.read())
        with open(SYSTEM_BUNDLE) as f:
            roots = f.read().count("BEGIN CERTIFICATE")
        env = env_without_proxy(emu)
        res = {"roots": roots + 1,
               "single": gcheal(binary, emu, ["--ca-file", emu.ca_file, "scan"], env),
               "system": gcheal(binary, emu, ["--ca-file", bundle, "scan"], env)}
        for name, ca in (("get_single", emu.ca_file), ("get_system", bundle)):
            p = subprocess.run([get_bin, "--ca-file", ca, "-v", "https://localhost:%d/api/v2/organizations/me"
                                % emu.port], env=env, capture_output=True, text=True, timeout=60)
            m = GET_ARENA.search(p.stderr)
            if m is None:
                raise RuntimeError("gch-get: no arena figure: %s" % p.stderr[-500:])
            res[name] = int(m.group(1))
    return res


def measure(binary, get_bin, reps, check):
    res = {"reps": reps, "direct": [], "proxy": []}
    for i in range(reps):
        for kind in ("direct", "proxy"):
            res[kind].append(one_fix(binary, kind == "proxy"))
    for kind in ("direct", "proxy"):
        for m in res[kind]:
            check(m["rc"] == 5 and m["fixed"] == m["expected"] and m["verified"],
                  "%s fix: the %d restrictive editable actions fixed and verified" % (kind, m["expected"]))
    for m in res["proxy"]:
        check(m["tunnels"] == m["handshakes"] == m["server_connections"] == m["connects_logged"],
              "every connection through the proxy, one CONNECT each")
    res["arena"] = arena_figures(binary, get_bin)
    a = res["arena"]
    check(a["system"]["ca_kept"] == a["system"]["ca_lookups"] and a["system"]["rc"] == 1,
          "scan trusting the system bundle + emulator CA")
    check(a["system"]["arena_peak"] <= a["single"]["arena_peak"] + 4096, "system store within 4 KiB of one CA")
    return res


def med(runs, key):
    return statistics.median(r[key] for r in runs)


def section(res):
    L = [SECTION, ""]
    d, p = res["direct"], res["proxy"]
    L.append("A fix of the emulator's demo org (%d actions fixed and verified), direct and through tinyproxy %s "
             "on 127.0.0.1 (medians of %d runs each). Requests are the ones the server answered; bytes are TLS "
             "records both ways plus the CONNECT requests and answers, as `gcheal -v` counts them on the wire."
             % (d[0]["expected"], tinyproxy_version(), res["reps"]))
    L.append("")
    L.append("| | requests to the server | CONNECT requests | TLS handshakes | bytes sent | bytes received | "
             "of which CONNECT | total bytes | wall |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for label, runs in (("direct", d), ("through the proxy", p)):
        L.append("| %s | %d | %d | %d | %d | %d | %d | %d | %.2f s |"
                 % (label, med(runs, "server_requests"), med(runs, "connects_logged"), med(runs, "handshakes"),
                    med(runs, "tls_sent"), med(runs, "tls_received"), med(runs, "connect_bytes"), med(runs, "bytes"),
                    med(runs, "wall")))
    extra = med(p, "bytes") - med(d, "bytes")
    L.append("")
    L.append("The proxy adds one CONNECT request per TLS connection (%d here: the login connection and the kept-alive "
             "API connection) and %+d bytes (%.1f %%) to the fix; the requests to Genesys Cloud are the same. "
             "The wall time is tinyproxy's: it relays without TCP_NODELAY, so a segment that follows another "
             "waits for the ACK of the first. gcheal ACKs at once (TCP_QUICKACK, Linux), which took this fix "
             "through tinyproxy from 1.7 s to about 0.4 s; what remains is each PATCH body waiting, in the "
             "proxy, for the server's delayed ACK of the PATCH head."
             % (med(p, "connects_logged"), extra, 100.0 * extra / med(d, "bytes")))
    a = res["arena"]
    L.append("")
    L.append("TLS arena high-water mark (Mbed TLS's allocator statistics), the system bundle being "
             "`%s` (%d roots with the emulator's CA):" % (SYSTEM_BUNDLE, a["roots"]))
    L.append("")
    L.append("| trusted roots | gcheal scan: looked up on demand | gch-get: bundle parsed whole, after the handshake |")
    L.append("|---|---:|---:|")
    L.append("| one CA file (the emulator's) | %d bytes | %d bytes |" % (a["single"]["arena_peak"], a["get_single"]))
    L.append("| system bundle + the emulator's CA | **%d bytes** | %d bytes |" % (a["system"]["arena_peak"],
                                                                               a["get_system"]))
    L.append("")
    L.append("gcheal reads the bundle as a stream when a chain needs a root (%d lookups, %d certificates read, "
             "%d parsed into the arena) instead of parsing it whole; gch-get still parses its CA file at once, "
             "as gcheal did before." % (a["system"]["ca_lookups"], a["system"]["ca_read"], a["system"]["ca_kept"]))
    L.append("")
    return L


def tinyproxy_version():
    try:
        out = subprocess.run(["tinyproxy", "-v"], capture_output=True, text=True, timeout=10).stdout.strip()
        return out.split()[-1]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "n/a"


def splice(results_md, lines):
    """Replaces (or inserts before "## Targets") the network section of results.md."""
    with open(results_md) as f:
        text = f.read()
    block = "\n".join(lines) + "\n"
    start = text.find(SECTION)
    if start >= 0:
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + block + (text[end + 1:] if end >= 0 else "")
    else:
        at = text.find("## Targets")
        text = text[:at] + block + "\n" + text[at:] if at >= 0 else text + "\n" + block
    with open(results_md, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--get", required=True, help="build/gch-get")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--results", default=os.path.join(HERE, "results.md"))
    a = ap.parse_args()
    failed = []

    def check(ok, what):
        if not ok:
            failed.append(what)
            print("  CHECK FAILED: %s" % what, flush=True)

    res = measure(a.bin, a.get, a.reps, check)
    with open(os.path.join(os.path.dirname(a.results), "network.json"), "w") as f:
        json.dump(res, f, indent=1)
    lines = section(res)
    splice(a.results, lines)
    print("\n".join(lines))
    print("network: %s" % ("ok" if not failed else "%d checks failed" % len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
