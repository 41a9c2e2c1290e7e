"""bench/measure.py - run one client against the emulator and measure it:
CPU time (user + sys) and peak RSS of the client process alone (wait4 on that
one child), wall time, and the emulator's own CPU over the same interval (from
/proc), plus the client's summary, parsed the same way for both clients.

Clients: build/gcheal (quiet: one summary line) and bench/peer.js on the
official SDK (one JSON summary line). Standard library only.
"""
import json
import os
import re
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PEER = os.path.join(ROOT, "bench", "peer.js")
CLK_TCK = os.sysconf("SC_CLK_TCK")
SUMMARY_RE = re.compile(r"^(scan|fix): (\d+) examined, (\d+) restrictive, (\d+) fixed, (\d+) skipped, "
                        r"(\d+) failed \((\d+) pages, (\d+) requests", re.M)
FIELDS = ("examined", "restrictive", "fixed", "skipped", "failed")


def proc_cpu(pid):
    """user + sys seconds of a running process (all its threads)."""
    with open("/proc/%d/stat" % pid) as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / CLK_TCK


RUSAGE = None   # build/<variant>/bench/rusage, set by bench/run.py


def run(argv, env, emu, timeout=900):
    """-> dict(rc, cpu, user, sys, rss_kb, wall, emu_cpu, out, err). The client's
    own rusage comes from bench/rusage.c (see there why not from here)."""
    emu_pid = emu.proc.pid
    with tempfile.TemporaryDirectory(prefix="gcheal-bench-") as d:
        ru_file = os.path.join(d, "rusage.json")
        with open(os.path.join(d, "out"), "w+b") as fo, open(os.path.join(d, "err"), "w+b") as fe:
            cpu0, t0 = proc_cpu(emu_pid), time.monotonic()
            p = subprocess.run([RUSAGE, ru_file] + argv, env=env, stdout=fo, stderr=fe,
                               stdin=subprocess.DEVNULL, timeout=timeout)
            wall = time.monotonic() - t0
            emu_cpu = proc_cpu(emu_pid) - cpu0
            fo.seek(0)
            fe.seek(0)
            out, err = fo.read().decode("utf-8", "replace"), fe.read().decode("utf-8", "replace")
        if p.returncode != 0:
            raise RuntimeError("rusage wrapper failed (%s): %s" % (p.returncode, err[-500:]))
        with open(ru_file) as f:
            ru = json.load(f)
    return {"rc": ru["rc"], "cpu": ru["user"] + ru["sys"], "user": ru["user"], "sys": ru["sys"],
            "rss_kb": ru["maxrss_kb"], "wall": wall, "emu_cpu": emu_cpu, "out": out, "err": err}


def gcheal_argv(binary, emu, cmd, page_size=100):
    hp = "localhost:%d" % emu.port
    return [binary, "--api-host", hp, "--login-host", hp, "--ca-file", emu.ca_file,
            "--page-size", str(page_size), "-q", cmd]


def peer_argv(emu, cmd, page_size=100):
    return ["node", PEER, "--host", "localhost", "--port", str(emu.port), "--page-size", str(page_size), cmd]


def client(kind, binary, emu, cmd, page_size=100):
    """Run gcheal or the peer once; -> measurement with 'summary' (dict) added."""
    if kind == "gcheal":
        m = run(gcheal_argv(binary, emu, cmd, page_size), emu.env(), emu)
        g = SUMMARY_RE.search(m["out"])
        m["summary"] = dict(zip(FIELDS, map(int, g.groups()[1:6]))) if g else None
        if g:
            m["summary"]["pages"] = int(g.group(7))
    else:
        m = run(peer_argv(emu, cmd, page_size), emu.env(NODE_EXTRA_CA_CERTS=emu.ca_file), emu)
        try:
            m["summary"] = json.loads(m["out"].strip().splitlines()[-1])["summary"]
        except (ValueError, IndexError, KeyError):
            m["summary"] = None
    m["kind"], m["cmd"] = kind, cmd
    return m


def same_result(a, b):
    """Both summaries agree on every per-action count."""
    return a is not None and b is not None and all(a[k] == b[k] for k in FIELDS)
