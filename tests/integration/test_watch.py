"""watch: fix every --interval seconds, stop after --max-runs; drift made by
another admin between runs is fixed by a later run. As a service: one log line
per run (with journald priorities on journald's stream), the --status-file
JSON replaced atomically after every run, and SIGTERM that never cuts a PATCH."""
import datetime
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import types

from gcheal_case import BIN, EmuCase, Result

GCO = "custom_-_8d3c1f7e-2b4a-4e0d-9a61-0c5b7e9f3a21"
SERVICE_LEVEL = "custom_-_830e07bc-1e39-4f10-92bd-4acefaecbd38"   # Wrap Up Conversation, 30 s


class TestWatch(EmuCase):
    def test_watch_fixes_drift_injected_between_runs(self):
        want = self.restrictive()
        drift = {}

        def drift_after_first_run():
            deadline = time.time() + 30
            while time.time() < deadline:
                if len(self.emu.patches()) >= len(want):  # run 1 has patched everything
                    self.emu.mutate(SERVICE_LEVEL, timeoutSeconds=2)
                    self.emu.mutate(GCO, timeoutSeconds=1)
                    drift["at"] = len(self.emu.requests())
                    return
                time.sleep(0.05)

        t = threading.Thread(target=drift_after_first_run)
        t.start()
        r = self.gcheal("watch", "--max-runs", "3", "--interval", "1", timeout=90)
        t.join()
        self.assertIn("at", drift, "run 1 never patched everything")
        self.assertEqual(r.rc, 5, r)  # the static action stays skipped
        now = self.timeouts()
        self.assertEqual((now[SERVICE_LEVEL], now[GCO]), (5, 5))
        patched = [p["action_id"] for p in self.emu.patches()]
        self.assertEqual(patched.count(GCO), 2)
        self.assertEqual(patched.count(SERVICE_LEVEL), 1)
        self.assertEqual(sum(1 for a in r.actions if a["id"] == GCO), 3)  # examined in each run
        self.assertEqual(r.stdout.count('{"summary"'), 3)
        self.assert_verified()

    def test_sigterm_between_runs_ends_watch_cleanly(self):
        status = os.path.join(tempfile.mkdtemp(prefix="gcheal-status-"), "status.json")
        self.addCleanup(shutil.rmtree, os.path.dirname(status), True)
        p = subprocess.Popen([BIN, "--api-host", self.emu.api_host, "--login-host", self.emu.api_host,
                              "--ca-file", self.emu.ca_file, "--json", "--status-file", status,
                              "watch", "--interval", "60"],
                             env=self.emu.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 30
        while time.time() < deadline and not os.path.exists(status):  # run 1 is over
            time.sleep(0.05)
        with open(status) as f:
            waiting = json.load(f)
        self.assertIsNotNone(waiting["nextRun"])
        p.send_signal(signal.SIGTERM)
        out, err = p.communicate(timeout=10)
        self.assertEqual(p.returncode, 0, err)
        self.assertEqual(out.count('{"summary"'), 1, out)
        self.assertEqual(len(self.emu.patches()), len(self.restrictive(state=self.initial_summary())))
        self.assertTrue(err.endswith("gcheal: watch stopped between runs\n"), err)
        with open(status) as f:
            stopped = json.load(f)
        self.assertIsNone(stopped["nextRun"])  # no run will come
        self.assertEqual(dict(stopped, nextRun=waiting["nextRun"]), waiting)

    def initial_summary(self):
        return [{"id": a["id"], "kind": a["kind"], "timeoutSeconds": a["config"].get("timeoutSeconds")}
                for a in self.initial["actions"]]


RUN_LINE = re.compile(r"^(<\d>)?gcheal: watch run (\d+) (ended|interrupted) (\S+): (\d+) examined, (\d+) restrictive, "
                      r"(\d+) fixed, (\d+) skipped, (\d+) failed; exit (\d+); (next run (\S+)|no next run)$")
COUNTS = ("examined", "restrictive", "fixed", "skipped", "failed")


def utc(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc).timestamp()


def summaries(stdout):
    return [json.loads(line)["summary"] for line in stdout.splitlines() if line.startswith('{"summary"')]


class TestWatchService(EmuCase):
    def command(self, *args):
        return [BIN, "--api-host", self.emu.api_host, "--login-host", self.emu.api_host,
                "--ca-file", self.emu.ca_file, "--json"] + list(args)

    def tmpdir(self):
        d = tempfile.mkdtemp(prefix="gcheal-status-")
        self.addCleanup(shutil.rmtree, d, True)
        return d

    def test_status_file_is_whole_json_after_every_run(self):
        d = self.tmpdir()
        path = os.path.join(d, "status.json")
        seen, bad, reads, kept = [], [], [0], []
        stop = threading.Event()

        def poll():  # a health check reading as fast as it can while the runs go on
            while not stop.is_set():
                try:
                    fd = os.open(path, os.O_RDONLY)
                except FileNotFoundError:
                    continue
                data = os.read(fd, 65536)
                reads[0] += 1
                try:
                    obj = json.loads(data)
                except ValueError:
                    bad.append(data)
                    os.close(fd)
                    continue
                if not seen or seen[-1] != obj:
                    seen.append(obj)
                if not kept:
                    kept.append((fd, data))  # held open: run 1's file must never change
                else:
                    os.close(fd)

        t = threading.Thread(target=poll)
        t.start()
        try:
            r = self.gcheal("--status-file", path, "watch", "--interval", "1", "--max-runs", "3", timeout=90)
        finally:
            stop.set()
            t.join()
        self.assertEqual(bad, [], "a reader saw a partial status file (%d reads)" % reads[0])
        self.assertTrue(kept, "the status file never appeared")
        fd, first = kept[0]
        self.addCleanup(os.close, fd)
        # Replaced, not rewritten in place: the file run 1 wrote still holds run 1's object.
        self.assertEqual(os.pread(fd, 65536, 0), first)
        self.assertEqual(json.loads(first)["run"], 1)
        self.assertEqual([s["run"] for s in seen], [1, 2, 3], seen)
        with open(path) as f:
            final = json.load(f)
        self.assertEqual(final, seen[-1])
        self.assertEqual(final["exitStatus"], r.rc, r)
        self.assertEqual(r.rc, 5, r)  # the static action stays skipped
        self.assertIsNone(final["nextRun"])
        self.assertFalse(final["interrupted"])
        self.assertEqual(final["command"], "watch")
        self.assertEqual(final["pid"], seen[0]["pid"])
        # Each run's counts are the ones that run reported on stdout.
        per_run = summaries(r.stdout)
        self.assertEqual(len(per_run), 3, r)
        for s, summary in zip(seen, per_run):
            self.assertEqual({k: s[k] for k in COUNTS}, summary)
            self.assertLessEqual(utc(s["started"]), utc(s["finished"]))
        self.assertGreater(seen[0]["fixed"], 0)
        for s in seen[:2]:
            self.assertEqual(utc(s["nextRun"]), utc(s["finished"]) + 1)
        self.assertEqual(os.listdir(d), ["status.json"], "a temporary file was left behind")
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o644)

    def test_status_file_for_a_single_fix(self):
        path = os.path.join(self.tmpdir(), "fix.json")
        r = self.gcheal("--status-file", path, "fix")
        with open(path) as f:
            st = json.load(f)
        self.assertEqual((st["command"], st["run"], st["exitStatus"], st["nextRun"]), ("fix", 1, r.rc, None))
        self.assertEqual({k: st[k] for k in COUNTS}, r.summary)

    def test_status_file_in_a_missing_folder_is_a_usage_error_before_any_request(self):
        path = os.path.join(self.tmpdir(), "no-such-folder", "status.json")
        r = self.gcheal("--status-file", path, "watch", "--max-runs", "1")
        self.assertEqual(r.rc, 2, r)
        self.assertIn("no-such-folder", r.stderr)
        self.assertIn("missing or not writable", r.stderr)
        self.assertEqual(self.emu.requests(), [])

    def run_with_stderr_pipe(self, journal_stream_of_pipe):
        rfd, wfd = os.pipe()
        st = os.fstat(wfd)
        stream = "%d:%d" % (st.st_dev, st.st_ino) if journal_stream_of_pipe else "%d:%d" % (st.st_dev, st.st_ino + 1)
        p = subprocess.Popen(self.command("-q", "watch", "--interval", "1", "--max-runs", "2"),
                             env=self.emu.env(JOURNAL_STREAM=stream), stdout=subprocess.PIPE, stderr=wfd,
                             stdin=subprocess.DEVNULL, text=True)
        os.close(wfd)
        with os.fdopen(rfd) as f:
            err = f.read()
        out = p.stdout.read()
        p.stdout.close()
        p.wait(60)
        return p.returncode, out, err

    def test_one_log_line_per_run_with_journald_priorities_on_the_journal_stream(self):
        before = time.time()
        rc, out, err = self.run_with_stderr_pipe(True)
        after = time.time()
        self.assertEqual(rc, 5, err)
        lines = err.splitlines()
        self.assertEqual(len(lines), 2, err)  # -q: exactly one line per run, nothing else
        per_run = summaries(out)
        for n, (line, summary) in enumerate(zip(lines, per_run), 1):
            m = RUN_LINE.match(line)
            self.assertIsNotNone(m, line)
            self.assertEqual(m.group(1), "<4>", line)  # exit 5 (skipped actions): a warning
            self.assertEqual(int(m.group(2)), n)
            self.assertEqual(m.group(3), "ended")
            self.assertTrue(int(before) <= utc(m.group(4)) <= after, line)
            self.assertEqual(dict(zip(COUNTS, map(int, m.group(5, 6, 7, 8, 9)))), summary)
            self.assertEqual(int(m.group(10)), 5)
        self.assertEqual(utc(RUN_LINE.match(lines[0]).group(12)), utc(RUN_LINE.match(lines[0]).group(4)) + 1)
        self.assertTrue(lines[1].endswith("; no next run"), lines[1])

    def test_no_priority_prefix_when_journal_stream_names_another_file(self):
        rc, out, err = self.run_with_stderr_pipe(False)
        self.assertEqual(rc, 5, err)
        lines = err.splitlines()
        self.assertEqual(len(lines), 2, err)
        for line in lines:
            self.assertTrue(line.startswith("gcheal: watch run "), line)
            self.assertIsNotNone(RUN_LINE.match(line), line)

    # ---- SIGTERM while a PATCH is in flight
    def sigterm_during_patch(self, *args):
        """Every API answer stalls halfway; SIGTERM lands while the first PATCH's
        answer is coming. Returns (Result, the PATCHed action id)."""
        self.emu.set_faults(stall_body={"all_api": True, "times": 0, "seconds": 0.4})
        t0 = time.monotonic()
        p = subprocess.Popen(self.command(*args), env=self.emu.env(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
        try:
            deadline = time.time() + 60
            while time.time() < deadline and not self.emu.patches():
                time.sleep(0.01)
            self.assertTrue(self.emu.patches(), "no PATCH within 60 s")
            p.send_signal(signal.SIGTERM)
            out, err = p.communicate(timeout=60)
        finally:
            if p.poll() is None:
                p.kill()
                p.communicate()
        r = Result(types.SimpleNamespace(returncode=p.returncode, stdout=out, stderr=err), time.monotonic() - t0)
        self.assertEqual(r.bad_lines, [], r)
        patches = self.emu.patches()
        self.assertEqual(len(patches), 1, "the stop did not come before the next action: %r" % r)
        aid = patches[0]["action_id"]
        # Finished, verified, reported: the action is fixed on the org, in the report, and
        # nothing else changed (the verifier compares every field with the start state).
        self.assertEqual(r.by_status("fixed"), {aid}, r)
        self.assertEqual(self.timeouts()[aid], 5)
        self.assert_verified(expect_changed={aid})
        # After the PATCH, only the GETs that verify it: no new action was started.
        reqs = sorted(self.emu.requests(), key=lambda q: q["seq"])
        i = next(k for k, q in enumerate(reqs) if q["method"] == "PATCH")
        after = reqs[i + 1:]
        self.assertTrue(after, "the PATCH was not verified")
        for q in after:
            self.assertEqual(q["method"], "GET", q)
            self.assertTrue(q["path"].startswith("/api/v2/integrations/actions/" + aid), q)
        return r, aid

    def test_sigterm_during_a_fix_finishes_the_patch_in_flight(self):
        r, _ = self.sigterm_during_patch("fix")
        self.assertEqual(r.rc, 130, r)  # documented: scan or fix stopped by SIGINT/SIGTERM
        self.assertIn("gcheal: fix interrupted", r.stderr)
        self.assertIsNone(r.summary, r)

    def test_sigterm_during_a_watch_run_finishes_the_patch_and_records_it(self):
        path = os.path.join(self.tmpdir(), "status.json")
        r, aid = self.sigterm_during_patch("--status-file", path, "watch", "--interval", "60")
        self.assertEqual(r.rc, 0, r)  # documented: watch stopped by a signal is a clean end
        with open(path) as f:
            st = json.load(f)
        self.assertEqual((st["exitStatus"], st["interrupted"], st["nextRun"], st["fixed"]), (130, True, None, 1))
        m = [RUN_LINE.match(line) for line in r.stderr.splitlines()]
        m = [x for x in m if x]
        self.assertEqual(len(m), 1, r.stderr)
        self.assertEqual((m[0].group(3), m[0].group(7), m[0].group(10), m[0].group(11)),
                         ("interrupted", "1", "130", "no next run"))
