"""Closing figures for the lwIP port (not a test: nothing here can fail a run).

    sh tests/lwip/run.sh build/gcheal-lwip --measure [--posix-bin build/gcheal]

The same job (fix on a fresh demo org, then on a fresh 150-action org with
chunked bodies) is run once with the POSIX CLI over the kernel's TCP stack and
once with gcheal-lwip over lwIP (after one warm-up run: the first frames on
a TAP link wait for the kernel to bring its carrier up), both inside the test namespace against the
emulator on the TAP link's kernel side. Prints each run's peak RSS (getrusage
of that child alone) and, for lwIP, its TCP counters and pool high-water marks.
"""
import os
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
from emuctl import Emulator  # noqa: E402

TIME = "/usr/bin/time"
JOBS = [("fix, demo org (36 actions)", {"org": "demo"}),
        ("fix, gen:150:3 chunked", {"org": "gen:150:3", "restrictive_fraction": 0.06,
                                    "oversized_fraction": 0, "chunked": True})]




def maxrss_kib(binary, emu, host):
    """Peak RSS through /usr/bin/time (GNU time): a child forked from Python
    would report Python's own pages as its peak (ru_maxrss survives exec)."""
    where = "%s:%d" % (host, emu.port)
    argv = [TIME, "-f", "maxrss-kib=%M", binary, "--api-host", where, "--login-host", where,
            "--ca-file", emu.ca_file, "--json", "fix"]
    t = time.monotonic()
    proc = subprocess.run(argv, env=emu.env(), capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL)
    secs = time.monotonic() - t
    rss = int(proc.stderr.rsplit("maxrss-kib=", 1)[1].split()[0])
    return proc.returncode, secs, rss, proc.stderr


def main(lwip_bin, posix_bin, kernel_ip):
    if not os.access(TIME, os.X_OK):
        print("measure: needs %s (apt-get install time)" % TIME)
        return 2
    with Emulator(rate_limit=0, host=kernel_ip, san=[kernel_ip], org="demo") as emu:
        maxrss_kib(os.path.abspath(lwip_bin), emu, kernel_ip)  # warm-up
    for label, opts in JOBS:
        print("== %s" % label)
        for name, binary in (("posix (kernel TCP)", posix_bin), ("lwip (TAP)", lwip_bin)):
            with Emulator(rate_limit=0, host=kernel_ip, san=[kernel_ip], **opts) as emu:
                rc, secs, rss, err = maxrss_kib(os.path.abspath(binary), emu, kernel_ip)
                peers = sorted({q["peer"] for q in emu.requests()})
                print("   %-20s exit %d  %.2f s  max RSS %d KiB  peers %s" % (name, rc, secs, rss,
                                                                              ",".join(peers)))
                for line in err.splitlines():
                    if line.startswith("gcheal-lwip: "):
                        print("      " + line[len("gcheal-lwip: "):])
    return 0
