"""The job under the network and the platform misbehaving: every fault is
injected by the emulator, and each test judges the exit status, the report
and the verified end state (nothing but the timeouts changed)."""
import json
import time

from gcheal_case import EmuCase, run_gcheal

# 150 actions = 2 list pages of 100; a few restrictive ones keep each run short.
GEN = {"org": "gen:150:3", "rate_limit": 0, "restrictive_fraction": 0.06, "oversized_fraction": 0}


class FaultCase(EmuCase):
    EMU = GEN

    def fix_completes(self, *args, timeout=150):
        """fix must reach its end with every editable restrictive action fixed."""
        want = self.restrictive()
        self.assertTrue(want)
        r = self.gcheal("fix", *args, timeout=timeout)
        not_editable = self.restrictive(kinds=("static", "customAuth"), state=None)
        self.assertEqual(r.rc, 5 if not_editable else 0, r)
        self.assert_fixed(r, want)
        self.assertEqual(r.summary["examined"], len(self.initial["actions"]), r)
        self.assert_verified(expect_changed=want)
        return r

    def statuses(self):
        return [q["status"] for q in self.emu.requests()]

    def faulted(self):
        return [q for q in self.emu.requests() if q.get("fault")]


class TestRetries(FaultCase):
    def test_concurrent_editor_409_refetches_and_keeps_the_other_edit(self):
        self.emu.set_faults(concurrent_editor=-1)
        self.fix_completes()
        self.assertIn(409, self.statuses())
        v = self.emu.verify()
        self.assertTrue(v["other_edits"], v)  # the other admin's edits were made ... and kept (ok)

    def test_a_patch_whose_answer_is_lost_is_verified_and_reported_fixed(self):
        # The PATCH lands but the connection dies before its answer: the retry
        # meets 409, the fresh GET shows our value, and the action is verified
        # against what the first PATCH was built from, then reported fixed.
        self.emu.set_faults(drop_patch_answer=2)
        r = self.fix_completes()
        self.assertEqual(len([q for q in self.faulted() if q["fault"] == "drop_patch_answer"]), 2)
        self.assertIn(409, self.statuses())
        self.assertEqual(r.by_status("failed"), set())

    def test_token_revoked_mid_run_logs_in_again(self):
        self.emu.set_faults(revoke_after=12)
        self.fix_completes()
        self.assertIn(401, self.statuses())
        logins = [q for q in self.emu.requests() if q["path"] == "/oauth/token"]
        self.assertEqual(len(logins), 2)

    def test_429_burst_honours_retry_after(self):
        self.emu.set_faults(burst_429={"count": 3, "retry_after": 1, "after": 5})
        r = self.fix_completes()
        self.assertEqual(self.statuses().count(429), 3)
        self.assertGreaterEqual(r.elapsed, 1.0)

    def test_503_transient_is_retried(self):
        self.emu.set_faults(fail_every=6, fail_statuses=[503, 502, 504])
        self.fix_completes()
        self.assertTrue({503, 502} & set(self.statuses()))

    def test_reset_mid_page_is_retried(self):
        self.emu.set_faults(reset_body={"pages": [2]})
        self.fix_completes()
        self.assertTrue(self.faulted())

    def test_chunked_bodies_with_extensions(self):
        self.emu.set_faults(chunked=True)
        self.fix_completes()
        self.assertIs(self.emu.faults().get("chunked"), True)

    def test_connection_close_after_every_response(self):
        self.emu.set_faults(connection_close=True)
        self.fix_completes()
        ports = {q["peer_port"] for q in self.emu.requests()}
        self.assertGreater(len(ports), 5)


class TestPaging(FaultCase):
    def test_lying_page_count_terminates(self):
        self.emu.set_faults(lying_page_count=50)
        r = self.fix_completes()
        self.assertEqual(len({a["id"] for a in r.actions}), len(r.actions))
        lists = [q for q in self.emu.requests() if q["path"] == "/api/v2/integrations/actions"]
        self.assertLess(len(lists), 10)

    def test_foreign_next_uri_is_not_followed(self):
        self.emu.set_faults(evil_next_uri={"pages": []})
        r = self.fix_completes()
        self.assertEqual(len(r.actions), len(self.initial["actions"]))
        lists = [q for q in self.emu.requests() if q["path"] == "/api/v2/integrations/actions"]
        self.assertEqual(len(lists), 2, lists)  # pages 1 and 2 from the configured host only

    def test_malformed_page_stops_with_exit_4_and_no_patch(self):
        self.emu.set_faults(malformed_json={"pages": [1], "times": 0})
        r = self.gcheal("fix")
        self.assertEqual(r.rc, 4, r)
        self.assertEqual(self.emu.patches(), [])
        self.assertEqual(r.summary, None)
        self.assertRegex(r.stderr, r"^gcheal: .*(JSON|json).*", r)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r)

    def test_stall_mid_body_ends_with_exit_4_within_the_deadline(self):
        self.emu.set_faults(stall_body={"pages": [1], "times": 0, "seconds": 30})
        r = self.gcheal("fix", "--io-timeout", "1", "--request-timeout", "2", timeout=60)
        self.assertEqual(r.rc, 4, r)
        self.assertLess(r.elapsed, 25, r)
        self.assertEqual(self.emu.patches(), [])
        self.assertIn("gcheal: ", r.stderr)


class TestTokenLifetime(EmuCase):
    EMU = {"org": "demo", "rate_limit": 0, "token_ttl": 3}

    def test_a_short_lived_token_is_renewed_before_it_expires(self):
        # A 429 asking for 4 s pushes the run past the 3 s token lifetime: the
        # request after the wait must carry a fresh token, not meet a 401.
        want = self.restrictive()
        self.emu.set_faults(burst_429={"count": 1, "retry_after": 4, "after": 3})
        r = run_gcheal(self.emu, "fix", timeout=120)
        self.assertEqual(r.rc, 5, r)  # fixed all but the static one
        log = self.emu.requests()
        logins = [q for q in log if q["path"] == "/oauth/token"]
        self.assertGreaterEqual(len(logins), 2, "the token was never renewed")
        api = [q for q in log if q["path"].startswith("/api/")]
        self.assertLess(len(logins), len(api) // 2, "a login before nearly every request")
        self.assertEqual([q for q in log if q["status"] == 401], [], "an expired token was used")
        self.assertGreaterEqual(r.elapsed, 4.0)
        self.assert_verified(expect_changed=want)
