"""Shared pieces of the integration tests: run build/gcheal against an
emulator (tests/emulator/emuctl.py) and judge the result three ways: exit
status, the --json report, and the emulator's verified end state."""
import json
import os
import subprocess
import sys
import time
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
from emuctl import Emulator  # noqa: E402

BIN = os.environ.get("GCHEAL_BIN", os.path.join(ROOT, "build", "gcheal"))


class Result:
    def __init__(self, proc, elapsed):
        self.rc = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.elapsed = elapsed
        self.actions, self.summary, self.bad_lines = [], None, []
        lines = proc.stdout.split("\n")
        if lines[-1] == "":
            lines.pop()  # after the final newline
        for line in lines:
            try:
                obj = json.loads(line)
            except ValueError:
                self.bad_lines.append(line)
                continue
            if isinstance(obj, dict) and "summary" in obj:
                self.summary = obj["summary"]
            else:
                self.actions.append(obj)

    def by_status(self, status):
        return {a["id"] for a in self.actions if a["status"] == status}

    def by_id(self):
        return {a["id"]: a for a in self.actions}

    def __repr__(self):
        return "rc=%s elapsed=%.1fs\nstdout:\n%s\nstderr:\n%s" % (
            self.rc, self.elapsed, self.stdout[-3000:], self.stderr[-3000:])


def run_gcheal(emu, *args, env=None, ca=None, json_out=True, timeout=120, hosts=True):
    cmd = [BIN]
    if hosts:
        cmd += ["--api-host", emu.api_host, "--login-host", emu.api_host]
    cmd += ["--ca-file", ca or emu.ca_file]
    if json_out:
        cmd.append("--json")
    cmd += list(args)
    t = time.monotonic()
    proc = subprocess.run(cmd, env=env if env is not None else emu.env(), capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    return Result(proc, time.monotonic() - t)


def effective(a, unset_is=60):
    return unset_is if a["timeoutSeconds"] is None else a["timeoutSeconds"]


class EmuCase(unittest.TestCase):
    """A fresh emulator per test (about 0.15 s to start). Reloading the org
    through POST /__emu/org would be cheaper, but the emulator's entity cache
    is keyed by (id, revision) without the org's generation, so a reloaded
    org can serve bytes cached before the reload."""
    EMU = {"org": "demo", "rate_limit": 0}
    maxDiff = 4000

    def setUp(self):
        self.emu = Emulator(**self.EMU).start()
        self.addCleanup(self.emu.stop)
        self.initial = self.emu.state()

    def gcheal(self, *args, **kw):
        r = run_gcheal(self.emu, *args, **kw)
        if kw.get("json_out", True):
            self.assertEqual(r.bad_lines, [], "stdout is not JSON lines: %r" % r)
        return r

    # ---- expectations from the org itself
    def summary_state(self):
        return self.emu.state(summary=True)["actions"]

    def restrictive(self, kinds=("custom", "function"), minimum=5, unset_is=60, state=None):
        return {a["id"] for a in (state or self.summary_state())
                if a["kind"] in kinds and effective(a, unset_is) < minimum}

    def timeouts(self):
        return {a["id"]: a["timeoutSeconds"] for a in self.summary_state()}

    def patched_ids(self):
        return {p["action_id"] for p in self.emu.patches()}

    def assert_verified(self, expect_changed=None):
        v = self.emu.verify()
        self.assertTrue(v["ok"], "verifier found changes besides timeouts: %s" %
                        json.dumps(v["differences"])[:3000])
        if expect_changed is not None:
            self.assertEqual(set(v["timeouts_changed"]), set(expect_changed))
        return v

    def assert_fixed(self, r, ids, value=5):
        now = self.timeouts()
        for i in ids:
            self.assertEqual(now[i], value, "action %s not raised to %s: %r" % (i, value, r))
        self.assertTrue(set(ids) <= r.by_status("fixed"), r)
