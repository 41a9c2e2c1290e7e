"""watch: fix every --interval seconds, stop after --max-runs; drift made by
another admin between runs is fixed by a later run."""
import threading
import time

from gcheal_case import EmuCase

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
        self.assertEqual(r.rc, 5, r)  # the static and function actions stay skipped
        now = self.timeouts()
        self.assertEqual((now[SERVICE_LEVEL], now[GCO]), (5, 5))
        patched = [p["action_id"] for p in self.emu.patches()]
        self.assertEqual(patched.count(GCO), 2)
        self.assertEqual(patched.count(SERVICE_LEVEL), 1)
        self.assertEqual(sum(1 for a in r.actions if a["id"] == GCO), 3)  # examined in each run
        self.assertEqual(r.stdout.count('{"summary"'), 3)
        self.assert_verified()

    def test_sigterm_between_runs_ends_watch_cleanly(self):
        import signal
        import subprocess
        from gcheal_case import BIN
        p = subprocess.Popen([BIN, "--api-host", self.emu.api_host, "--login-host", self.emu.api_host,
                              "--ca-file", self.emu.ca_file, "--json", "watch", "--interval", "60"],
                             env=self.emu.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 30
        while time.time() < deadline and len(self.emu.patches()) < len(self.restrictive(state=self.initial_summary())):
            time.sleep(0.05)
        time.sleep(0.5)
        p.send_signal(signal.SIGTERM)
        out, err = p.communicate(timeout=10)
        self.assertEqual(p.returncode, 0, err)
        self.assertEqual(out.count('{"summary"'), 1, out)

    def initial_summary(self):
        return [{"id": a["id"], "kind": a["kind"], "timeoutSeconds": a["config"].get("timeoutSeconds")}
                for a in self.initial["actions"]]
