"""The audit log and undo (issue 14): one durable JSON line per change made or
given up on, valid whatever kills the process and never ahead of the server;
undo puts back exactly the logged changes and leaves alone an action someone
edited since."""
import json
import os
import random
import signal
import stat
import subprocess
import tempfile
import time

from gcheal_case import BIN, EmuCase, Emulator, run_gcheal

GCO_NAME = "GetCustomerOrder"


def read_log(path):
    """Every line as an object; fails the caller on a line that does not parse."""
    with open(path, "rb") as f:
        data = f.read()
    if data and not data.endswith(b"\n"):
        raise AssertionError("the log ends inside a line: %r" % data[-200:])
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


class AuditCase(EmuCase):
    def setUp(self):
        super().setUp()
        fd, self.log = tempfile.mkstemp(prefix="gcheal-audit-")
        os.close(fd)
        os.unlink(self.log)  # gcheal creates it
        self.addCleanup(lambda: os.path.exists(self.log) and os.unlink(self.log))


class TestAuditLog(AuditCase):
    def test_one_line_per_change_with_what_support_needs(self):
        want = self.restrictive()
        before = {a["id"]: a for a in self.initial["actions"]}
        r = self.gcheal("fix", "--audit-log", self.log)
        self.assertEqual(r.rc, 5, r)
        lines = read_log(self.log)
        self.assertEqual({l["id"] for l in lines}, want)
        self.assertEqual(len(lines), len(want))
        now = {a["id"]: a for a in self.emu.state()["actions"]}
        for l in lines:
            self.assertRegex(l["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
            self.assertEqual((l["command"], l["outcome"], l["method"]), ("fix", "fixed", "patch"), l)
            self.assertEqual(l["oldTimeoutSeconds"], before[l["id"]]["config"].get("timeoutSeconds"))
            self.assertEqual(l["newTimeoutSeconds"], 5)
            self.assertEqual(l["versionBefore"], before[l["id"]]["version"])
            self.assertEqual(l["versionAfter"], now[l["id"]]["version"])
            self.assertEqual(l["name"], before[l["id"]]["name"])
            self.assertRegex(l["correlationId"], r"^[0-9a-f-]{36}$")
        self.assertEqual(stat.S_IMODE(os.stat(self.log).st_mode), 0o600)
        text = open(self.log).read()
        self.assertNotIn(self.emu.client_secret, text)
        token = self.emu.token()
        self.assertNotIn(token, text)

    def test_the_log_is_appended_never_truncated(self):
        with open(self.log, "w") as f:
            f.write('{"note":"an earlier line"}\n')
        self.gcheal("fix", "--audit-log", self.log, "--name", GCO_NAME)
        lines = read_log(self.log)
        self.assertEqual(lines[0], {"note": "an earlier line"})
        self.assertEqual([l["name"] for l in lines[1:]], [GCO_NAME])

    def test_a_change_given_up_on_is_logged_failed_and_one_never_tried_is_not(self):
        self.emu.set_client(permissions=["integrations:action:view", "integrations:integration:view"])
        r = self.gcheal("fix", "--audit-log", self.log)
        self.assertEqual(r.rc, 5, r)
        lines = read_log(self.log)
        self.assertEqual([(l["outcome"], l["method"], l["httpStatus"]) for l in lines], [("failed", "patch", 403)])
        self.assertIsNone(lines[0]["versionAfter"])
        self.assertIn("integrations:action:edit", lines[0]["reason"])

    def test_scan_and_dry_run_write_nothing(self):
        self.gcheal("scan", "--audit-log", self.log)
        self.gcheal("fix", "--dry-run", "--audit-log", self.log)
        self.assertFalse(os.path.exists(self.log))


class TestAuditUnderKill(AuditCase):
    EMU = {"org": "gen:250:11", "rate_limit": 0, "restrictive_fraction": 0.08}

    def test_sigkill_at_any_point_leaves_a_valid_log_never_ahead_of_the_server(self):
        env = self.emu.env()
        t0 = time.monotonic()
        full = run_gcheal(self.emu, "fix", "--audit-log", self.log, timeout=200)
        duration = time.monotonic() - t0
        self.assertEqual(full.rc, 0, full)
        rng = random.Random(1403)
        kills = 0
        for i in range(24):
            with Emulator(**self.EMU) as emu:
                log = self.log + ".%d" % i
                self.addCleanup(lambda p=log: os.path.exists(p) and os.unlink(p))
                cmd = [BIN, "--api-host", emu.api_host, "--login-host", emu.api_host, "--ca-file", emu.ca_file,
                       "--json", "fix", "--audit-log", log]
                proc = subprocess.Popen(cmd, env=emu.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(rng.uniform(0.02, duration * 0.9))
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)
                kills += proc.returncode == -signal.SIGKILL
                lines = read_log(log) if os.path.exists(log) else []
                now = {a["id"]: a for a in emu.state(summary=True)["actions"]}
                for l in lines:
                    if l["outcome"] == "fixed":  # the server has every change the log claims
                        self.assertEqual(now[l["id"]]["timeoutSeconds"], l["newTimeoutSeconds"], l)
                v = emu.verify()
                self.assertTrue(v["ok"], json.dumps(v["differences"])[:2000])
                self.assertLessEqual({l["id"] for l in lines if l["outcome"] == "fixed"},
                                     set(v["timeouts_changed"]))
        self.assertGreaterEqual(kills, 20)
        del env


class TestUndo(AuditCase):
    def test_undo_restores_exactly_the_logged_actions_and_leaves_an_edited_one_alone(self):
        start = {a["id"]: a["config"].get("timeoutSeconds") for a in self.initial["actions"]}
        fixed = self.gcheal("fix", "--audit-log", self.log)
        changed = fixed.by_status("fixed")
        gco = self.emu.action_by_name(GCO_NAME)["id"]
        self.assertIn(gco, changed)
        self.emu.mutate(gco, timeoutSeconds=9)  # another admin, after the fix
        r = self.gcheal("undo", "--audit-log", self.log)
        self.assertEqual(r.rc, 5, r)  # one left alone
        self.assertEqual(r.by_status("fixed"), changed - {gco})
        left = r.by_id()[gco]
        self.assertEqual(left["status"], "skipped")
        self.assertIn("changed since", left["reason"])
        now = self.timeouts()
        for i in changed - {gco}:
            self.assertEqual(now[i], start[i], i)
        self.assertEqual(now[gco], 9)
        v = self.emu.verify()  # back at the start, but for the other admin's edit (kept)
        self.assertTrue(v["ok"], json.dumps(v["differences"])[:2000])
        self.assertEqual(set(v["timeouts_changed"]), set())
        undo_lines = [l for l in read_log(self.log) if l["command"] == "undo"]
        self.assertEqual({l["id"] for l in undo_lines}, changed - {gco})
        for l in undo_lines:
            self.assertEqual((l["oldTimeoutSeconds"], l["newTimeoutSeconds"], l["outcome"]),
                             (5, start[l["id"]], "fixed"))
        n = len(self.emu.patches())
        again = self.gcheal("undo", "--audit-log", self.log)  # only the edited one is left, and left alone
        self.assertEqual(again.rc, 5, again)
        self.assertEqual({a["id"]: a["status"] for a in again.actions}, {gco: "skipped"})
        self.assertEqual(len(self.emu.patches()), n)

    def test_undo_dry_run_name_and_since(self):
        self.gcheal("fix", "--audit-log", self.log)
        n = len(self.emu.patches())
        dry = self.gcheal("undo", "--audit-log", self.log, "--dry-run")
        self.assertEqual(dry.rc, 1, dry)
        self.assertEqual(len(self.emu.patches()), n)
        late = self.gcheal("undo", "--audit-log", self.log, "--since", "2999-01-01")
        self.assertEqual((late.rc, late.actions), (0, []), late)
        one = self.gcheal("undo", "--audit-log", self.log, "--name", GCO_NAME)
        self.assertEqual(one.rc, 0, one)
        self.assertEqual({a["name"] for a in one.actions}, {GCO_NAME})
        self.assertEqual(self.timeouts()[self.emu.action_by_name(GCO_NAME)["id"]], 3)

    def test_undo_of_a_timeout_that_was_absent_removes_it(self):
        gco = self.emu.action_by_name(GCO_NAME)["id"]
        self.emu.mutate(gco, timeoutSeconds=None)
        self.emu.snapshot()
        self.gcheal("fix", "--audit-log", self.log, "--unset-is", "3", "--name", GCO_NAME)
        self.assertEqual(self.timeouts()[gco], 5)
        r = self.gcheal("undo", "--audit-log", self.log)
        self.assertEqual(r.rc, 0, r)
        self.assertIsNone(self.timeouts()[gco])
        v = self.emu.verify()
        self.assertTrue(v["ok"], json.dumps(v["differences"])[:2000])

    def test_usage_errors(self):
        r = self.gcheal("undo", json_out=False)
        self.assertEqual(r.rc, 2, r)
        self.assertIn("--audit-log", r.stderr)
        r = self.gcheal("undo", "--audit-log", self.log, "--since", "yesterday", json_out=False)
        self.assertEqual(r.rc, 2, r)
        r = self.gcheal("undo", "--audit-log", self.log + ".missing", json_out=False)
        self.assertEqual(r.rc, 2, r)
