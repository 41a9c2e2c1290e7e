"""Paging lies (issue 12): whatever a server claims about its end, each action
is examined and reported exactly once per run, and the summary counts agree
with the --json lines. The repeat is noticed before anything of the repeated
page is reported: an id the listing already showed ends the listing."""
import collections

from gcheal_case import EmuCase, Emulator

MODES = ("repeat", "endless", "endless-empty", "wrap")


class TestPagingLies(EmuCase):
    EMU = {"org": "gen:250:11", "rate_limit": 0, "restrictive_fraction": 0.08}

    def check_exact(self, r, org_size):
        ids = collections.Counter(a["id"] for a in r.actions)
        self.assertEqual([i for i, n in ids.items() if n > 1], [], "reported twice")
        self.assertEqual(len(ids), org_size, r)
        s = r.summary
        self.assertEqual(s["examined"], len(r.actions))
        by = collections.Counter(a["status"] for a in r.actions)
        self.assertEqual(s["fixed"], by["fixed"])
        self.assertEqual(s["skipped"], by["skipped"])
        self.assertEqual(s["failed"], by["failed"])
        self.assertEqual(s["restrictive"], len(r.actions) - by["ok"])

    def test_every_lie_lists_each_action_once_in_scan_and_fix(self):
        size = len(self.initial["actions"])
        want = self.restrictive()
        for mode in MODES:
            with self.subTest(mode=mode):
                self.emu.stop()  # a fresh org for each lie
                self.emu = Emulator(paging_lie=mode, **self.EMU).start()
                scan = self.gcheal("scan", "--page-size", "60", timeout=200)
                self.assertEqual(scan.rc, 1, scan)
                self.check_exact(scan, size)
                self.assertEqual(scan.by_status("restrictive"), want)
                fix = self.gcheal("fix", "--page-size", "60", timeout=200)
                self.assertEqual(fix.rc, 0, fix)
                self.check_exact(fix, size)
                self.assertEqual(fix.by_status("fixed"), want)
                self.assert_verified(expect_changed=want)

    def test_a_wrapping_listing_is_stopped_at_the_first_repeated_id(self):
        self.emu.set_faults(paging_lie="wrap")
        r = self.gcheal("scan", "--page-size", "60", timeout=200)
        pages = [q for q in self.emu.requests() if q["path"] == "/api/v2/integrations/actions"]
        self.assertEqual(len(pages), 6, pages)  # 5 real pages (252 actions), then the first again
        self.assertIn("paging stopped", r.stderr)
