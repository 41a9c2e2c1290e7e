"""A role without the right permissions (issue 12), and filters too long for
the request buffers: clear errors with the right exit status, no wasted
requests, and the server's own message passed on."""
from gcheal_case import EmuCase

VIEW = "integrations:action:view"
EDIT = "integrations:action:edit"
INTEGRATIONS = "integrations:integration:view"
FUNCTIONS = "integrations:actionFunction:view"


class TestPermissions(EmuCase):
    def role(self, *permissions):
        self.emu.set_client(permissions=list(permissions))

    def test_a_role_without_view_stops_the_listing_with_exit_3(self):
        self.role(EDIT, INTEGRATIONS)
        for cmd in ("scan", "fix"):
            r = self.gcheal(cmd)
            self.assertEqual(r.rc, 3, r)
            self.assertIn(VIEW, r.stderr)                 # the server's message names it
            self.assertIn("HTTP 403", r.stderr)
            self.assertIn("scan needs", r.stderr)         # and what each command needs
            self.assertEqual(r.actions, [])
        self.assertEqual(self.emu.patches(), [])

    def test_scan_needs_no_edit_permission(self):
        self.role(VIEW, INTEGRATIONS)
        r = self.gcheal("scan")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(r.by_status("restrictive"), self.restrictive())

    def test_a_role_without_edit_tries_one_patch_and_reports_the_rest_failed(self):
        self.role(VIEW, INTEGRATIONS, FUNCTIONS)
        want = self.restrictive()
        r = self.gcheal("fix")
        self.assertEqual(r.rc, 5, r)
        self.assertEqual(r.by_status("failed"), want)
        for i in want:
            a = r.by_id()[i]
            self.assertIn("403", a["reason"], a)
            self.assertIn(EDIT, a["reason"], a)
        patches = [q for q in self.emu.requests() if q["method"] == "PATCH"]
        self.assertEqual(len(patches), 1, patches)
        self.assertEqual(self.emu.verify()["timeouts_changed"], {})

    def test_a_role_without_integration_view_cannot_tell_function_actions(self):
        self.role(VIEW, EDIT)
        r = self.gcheal("fix")
        self.assertEqual(r.rc, 3, r)
        self.assertIn(INTEGRATIONS, r.stderr)
        self.assertEqual(self.emu.patches(), [])


class TestFilterLimits(EmuCase):
    def test_a_name_too_long_is_a_usage_error_naming_the_limit_before_any_connection(self):
        for opt in ("--name", "--category", "--integration"):
            with self.subTest(opt=opt):
                before = len(self.emu.requests())
                r = self.gcheal("scan", opt, "x" * 3000)
                self.assertEqual(r.rc, 2, r)
                self.assertRegex(r.stderr, r"at most \d+ fit \(GCH_[A-Z_]+\)")
                self.assertEqual(len(self.emu.requests()), before)

    def test_a_long_name_that_fits_is_sent_encoded(self):
        name = "é" * 100  # 200 bytes, 600 percent-encoded
        r = self.gcheal("scan", "--name", name)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.summary["examined"], 0)
