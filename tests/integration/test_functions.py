"""Function data actions (issue 12): fixed by the plain PATCH when the platform
takes it, through the draft flow when it refuses it; someone else's draft left
alone; another editor's publish in the middle; a lost publish answer; a failure
mid-flow that leaves no draft behind; and the function's own timeout noted."""
import base64
import json

from gcheal_case import EmuCase, Emulator

FUNCTION_NAME = "Score Order Risk (Function)"


class FunctionCase(EmuCase):
    def setUp(self):
        super().setUp()
        self.fn = next(a for a in self.initial["actions"] if a["name"] == FUNCTION_NAME)
        self.fn_id = self.fn["id"]
        self.assertEqual(self.fn["kind"], "function")

    def fix_function(self, *extra):
        return self.gcheal("fix", "--name", FUNCTION_NAME, *extra)

    def paths(self, method=None):
        return [(q["method"], q["path"].split("?")[0]) for q in self.emu.requests()
                if q["path"].startswith("/api/v2/integrations/actions/" + self.fn_id)
                and (method is None or q["method"] == method)]

    def assert_no_draft_left(self):
        v = self.emu.verify()
        self.assertEqual(v.get("drafts_left_behind", []), [], v)
        self.assertIsNone(self.emu.state(ids=[self.fn_id])["actions"][0].get("draft"))
        return v

    def fn_timeout(self):
        return self.emu.state(ids=[self.fn_id])["actions"][0]["config"].get("timeoutSeconds")


class TestPlainPatch(FunctionCase):
    def test_a_function_action_is_fixed_by_the_plain_patch_with_its_url_as_read(self):
        r = self.fix_function()
        self.assertEqual(r.rc, 0, r)
        a = r.by_id()[self.fn_id]
        self.assertEqual((a["status"], a["method"]), ("fixed", "patch"), a)
        self.assertEqual(self.fn_timeout(), 5)
        self.assert_verified(expect_changed={self.fn_id})
        self.assert_no_draft_left()
        patch = self.emu.patches()[0]
        body = json.loads(base64.b64decode(patch["body_b64"]))
        self.assertEqual(body["config"]["request"]["requestUrlTemplate"],
                         self.fn["config"]["request"]["requestUrlTemplate"])
        self.assertFalse(any("/draft" in p for _, p in self.paths()), self.paths())
        self.assertFalse(patch.get("draft"), patch)

    def test_the_demo_fix_leaves_only_the_static_action(self):
        r = self.gcheal("fix")
        self.assertEqual(r.rc, 5, r)
        self.assertEqual({self.fn_id} & r.by_status("fixed"), {self.fn_id})
        again = self.gcheal("scan")
        self.assertEqual(again.rc, 5, again)
        self.assertEqual({a["status"] for a in again.actions if a["status"] != "ok"}, {"skipped"})
        self.assertEqual(again.summary["skipped"], 1)


class TestDraftFlow(FunctionCase):
    EMU = {"org": "demo", "rate_limit": 0, "function_patch_refused": "draft"}

    def test_a_refused_plain_patch_falls_back_to_the_draft_flow(self):
        r = self.fix_function()
        self.assertEqual(r.rc, 0, r)
        a = r.by_id()[self.fn_id]
        self.assertEqual((a["status"], a["method"]), ("fixed", "draft"), a)
        self.assertEqual(self.fn_timeout(), 5)
        self.assert_verified(expect_changed={self.fn_id})
        self.assert_no_draft_left()
        calls = self.paths()
        base = "/api/v2/integrations/actions/" + self.fn_id
        for step in (("PATCH", base), ("GET", base + "/draft"), ("POST", base + "/draft"),
                     ("PATCH", base + "/draft"), ("POST", base + "/draft/publish")):
            self.assertIn(step, calls)
        # the draft PATCH is the whole config with only the timeout changed
        draft_patch = [p for p in self.emu.patches() if p.get("draft")]
        self.assertEqual(len(draft_patch), 1, draft_patch)
        self.assertEqual(draft_patch[0]["status"], 200)
        self.assertTrue(draft_patch[0]["config_json_equal_except_timeout"], draft_patch[0])
        # the function itself is never changed
        self.assertFalse(any(m != "GET" and p.endswith("/function") for m, p in calls), calls)

    def test_the_function_wording_of_the_refusal_also_leads_to_the_draft_flow(self):
        self.emu.set_options(function_patch_refused="function")
        r = self.fix_function()
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.by_id()[self.fn_id]["method"], "draft")
        self.assert_verified(expect_changed={self.fn_id})

    def test_an_existing_draft_is_skipped_and_left_untouched(self):
        self.emu.other_draft(self.fn_id, headers={"X-Theirs": "1"})
        self.emu.snapshot()
        before = self.emu.state(ids=[self.fn_id])["actions"][0]["draft"]
        r = self.fix_function()
        self.assertEqual(r.rc, 5, r)
        a = r.by_id()[self.fn_id]
        self.assertEqual(a["status"], "skipped", a)
        self.assertIn("draft", a["reason"])
        after = self.emu.state(ids=[self.fn_id])["actions"][0]["draft"]
        self.assertEqual(after, before)
        self.assertFalse(any(m != "GET" and "/draft" in p for m, p in self.paths()), self.paths())
        self.assertEqual(self.emu.verify()["ok"], True)

    def test_another_editors_publish_between_create_and_publish_keeps_both_or_fails_safely(self):
        self.emu.set_faults(draft_editor={"after": "create", "then": "publish", "count": 1})
        r = self.fix_function()
        a = r.by_id()[self.fn_id]
        v = self.emu.verify()
        self.assertTrue(v["ok"], json.dumps(v["differences"])[:2000])  # their edit is kept
        self.assert_no_draft_left()
        if a["status"] == "fixed":
            self.assertEqual(self.fn_timeout(), 5)
            self.assertEqual(r.rc, 0, r)
        else:
            self.assertEqual(a["status"], "failed", a)
            self.assertEqual(r.rc, 5, r)

    def test_another_editors_draft_edit_after_our_patch_is_kept(self):
        self.emu.set_faults(draft_editor={"after": "patch", "then": "edit", "count": 1})
        r = self.fix_function()
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.by_id()[self.fn_id]["status"], "fixed")
        v = self.emu.verify()
        self.assertTrue(v["ok"], json.dumps(v["differences"])[:2000])
        self.assertEqual(self.fn_timeout(), 5)
        self.assert_no_draft_left()
        self.assertGreaterEqual(len(self.paths("POST")), 2)  # create, publish (again after their edit)

    def test_another_editors_draft_edit_right_after_create_is_kept(self):
        self.emu.set_faults(draft_editor={"after": "create", "then": "edit", "count": 1})
        r = self.fix_function()
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.by_id()[self.fn_id]["status"], "fixed")
        v = self.emu.verify()
        self.assertTrue(v["ok"], json.dumps(v["differences"])[:2000])
        self.assert_no_draft_left()

    def test_a_role_without_edit_meets_403_on_the_plain_patch_and_creates_no_draft(self):
        self.emu.set_client(permissions=["integrations:action:view", "integrations:integration:view"])
        r = self.fix_function()
        self.assertEqual(r.rc, 5, r)
        self.assertEqual(r.by_id()[self.fn_id]["status"], "failed")
        self.assertFalse(any(m == "POST" for m, _ in self.paths()), self.paths())
        self.assert_no_draft_left()

    def test_when_post_draft_returns_an_existing_draft_it_is_not_touched(self):
        self.emu.set_options(draft_exists_post="return")
        self.emu.set_faults(draft_exists=1)
        self.emu.snapshot()
        r = self.fix_function()
        a = r.by_id()[self.fn_id]
        self.assertEqual(a["status"], "skipped", a)
        self.assertTrue(self.emu.verify()["ok"])

    def test_undo_of_a_function_action_goes_through_the_draft_flow_too(self):
        import os
        import tempfile
        fd, log = tempfile.mkstemp()
        os.close(fd)
        self.addCleanup(os.unlink, log)
        r = self.fix_function("--audit-log", log)
        self.assertEqual(r.by_id()[self.fn_id]["method"], "draft")
        u = self.gcheal("undo", "--audit-log", log)
        self.assertEqual(u.rc, 0, u)
        self.assertEqual((u.by_id()[self.fn_id]["status"], u.by_id()[self.fn_id]["method"]), ("fixed", "draft"))
        self.assertEqual(self.fn_timeout(), self.fn["config"].get("timeoutSeconds"))
        self.assert_no_draft_left()
        self.assertEqual(self.emu.verify()["timeouts_changed"], {})

    def test_a_lost_publish_answer_is_verified_and_reported_fixed(self):
        self.emu.set_faults(drop_publish_answer=1)
        r = self.fix_function()
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.by_id()[self.fn_id]["status"], "fixed")
        self.assert_verified(expect_changed={self.fn_id})
        self.assert_no_draft_left()

    def test_a_failure_mid_flow_deletes_the_draft_and_reports_failed(self):
        for step in ("read", "create", "templates", "patch", "publish"):
            with self.subTest(step=step):
                self.emu.reset()
                self.emu.set_options(function_patch_refused="draft")
                self.emu.set_faults(draft_step_fails={"step": step, "status": 500, "times": 0})
                r = self.fix_function()
                a = r.by_id()[self.fn_id]
                self.assertEqual(a["status"], "failed", a)
                self.assertEqual(r.rc, 5, r)
                self.assertNotEqual(a["reason"], "")
                self.assertEqual(a.get("httpStatus"), 500, a)
                self.assertIn("correlationId", a)
                self.assert_no_draft_left()
                self.assertEqual(self.emu.verify()["timeouts_changed"], {})
                created = ("POST", "/api/v2/integrations/actions/%s/draft" % self.fn_id) in self.paths()
                deleted = ("DELETE", "/api/v2/integrations/actions/%s/draft" % self.fn_id) in self.paths()
                self.assertEqual(deleted, created and step not in ("create",), self.paths())
                self.emu.clear_faults()


class TestDraftVariants(FunctionCase):
    """Every unsettled reading of the draft endpoints ([U] in the emulator's README)
    that the flow meets: the fix goes through with each of them."""
    EMU = {"org": "demo", "rate_limit": 0, "function_patch_refused": "function"}
    VARIANTS = ({"draft_version_start": "published"}, {"draft_patch_version": "same"},
                {"publish_version": "draft"}, {"draft_delete_status": "200"}, {"version_conflict": "400"},
                {"template_mode": "inline"}, {"template_mode": "mixed"})

    def test_the_draft_flow_holds_under_every_variant(self):
        for options in self.VARIANTS:
            with self.subTest(**options):
                self.emu.stop()
                self.emu = Emulator(**dict(self.EMU, **options)).start()
                r = self.fix_function()
                self.assertEqual(r.rc, 0, r)
                self.assertEqual((r.by_id()[self.fn_id]["status"], r.by_id()[self.fn_id]["method"]),
                                 ("fixed", "draft"), r)
                self.assert_verified(expect_changed={self.fn_id})
                self.assert_no_draft_left()

    def test_a_lost_publish_answer_is_fixed_whether_no_draft_is_404_or_400(self):
        for status in ("404", "400"):
            with self.subTest(publish_missing_draft=status):
                self.emu.stop()
                self.emu = Emulator(**dict(self.EMU, publish_missing_draft=status)).start()
                self.emu.set_faults(drop_publish_answer=1)
                r = self.fix_function()
                self.assertEqual(r.rc, 0, r)
                self.assertEqual(r.by_id()[self.fn_id]["status"], "fixed", r)
                self.assert_verified(expect_changed={self.fn_id})
                self.assert_no_draft_left()

    def test_a_failure_leaves_no_draft_whatever_delete_answers(self):
        for status in ("204", "200"):
            with self.subTest(delete=status):
                self.emu.stop()
                self.emu = Emulator(**dict(self.EMU, draft_delete_status=status)).start()
                self.emu.set_faults(draft_step_fails={"step": "publish", "status": 500, "times": 0})
                r = self.fix_function()
                self.assertEqual(r.by_id()[self.fn_id]["status"], "failed", r)
                self.assert_no_draft_left()


class TestFunctionNote(FunctionCase):
    def test_a_function_timeout_below_the_new_action_timeout_is_noted(self):
        self.emu.mutate(self.fn_id, function={"timeoutSeconds": 3})
        self.emu.snapshot()
        r = self.fix_function("--min-timeout", "10")
        self.assertEqual(r.rc, 0, r)
        a = r.by_id()[self.fn_id]
        self.assertEqual(a["status"], "fixed")
        self.assertIn("function's own timeout is 3 s", a["reason"])
        v = self.assert_verified(expect_changed={self.fn_id})
        self.assertFalse(any(d["path"].startswith("function") for ds in v["differences"].values() for d in ds))
        fn_gets = [p for m, p in self.paths("GET") if p.endswith("/function")]
        self.assertEqual(len(fn_gets), 1)
