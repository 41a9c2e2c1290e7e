"""The same job with MCU-sized buffers (build/small/gcheal, from
boards/linux/gch_config_small.h: a 4-entry fix table, a 24 KB document
buffer). It proves the paths large host buffers rarely take: a page holding
more restrictive actions than the table is fixed in several rounds and read
again from where it stopped (every action examined exactly once), and actions
bigger than the buffers are skipped with their size, never truncated."""
import os
import unittest

import gcheal_case
from gcheal_case import EmuCase, run_gcheal

SMALL_BIN = os.environ.get("GCHEAL_SMALL_BIN", os.path.join(gcheal_case.ROOT, "build", "small", "gcheal"))


class TestSmallBuffers(EmuCase):
    EMU = {"org": "gen:120:5", "rate_limit": 0, "restrictive_fraction": 0.3}

    def small(self, *args, **kw):
        old = gcheal_case.BIN
        gcheal_case.BIN = SMALL_BIN
        try:
            r = run_gcheal(self.emu, *args, **kw)
        finally:
            gcheal_case.BIN = old
        self.assertEqual(r.bad_lines, [], r)
        return r

    def test_a_page_with_more_candidates_than_the_table_is_fixed_in_rounds(self):
        self.assertTrue(os.access(SMALL_BIN, os.X_OK), "build/small/gcheal missing: make test-integration builds it")
        want = self.restrictive()
        self.assertGreater(len(want), 8)  # more than twice the 4-entry table
        r = self.small("fix", timeout=200)
        ids = [a["id"] for a in r.actions]
        self.assertEqual(len(ids), len(set(ids)), "an action was reported twice")
        self.assertEqual(r.summary["examined"], len(self.initial["actions"]), r)
        sized_out = {a["id"] for a in r.actions if a["status"] == "skipped" and "bytes" in a["reason"]}
        self.assert_fixed(r, want - sized_out)
        self.assert_verified(expect_changed=want - sized_out)
        pages = [q for q in self.emu.requests() if q["path"] == "/api/v2/integrations/actions"]
        self.assertGreater(len(pages), len({q["query"] for q in pages}), "no page was read again")

    def test_actions_larger_than_the_buffer_are_skipped_with_their_size(self):
        target = sorted(self.restrictive())[0]
        self.emu.mutate(target, requestTemplate="#set($x = 1)" + "y" * 40_000)
        self.emu.snapshot()
        r = self.small("fix", timeout=200)
        a = r.by_id()[target]
        self.assertEqual(a["status"], "skipped", a)
        self.assertRegex(a["reason"], r"\d{5,} bytes", a)
        self.assertNotIn(target, self.patched_ids())
        self.assertEqual(r.rc, 5, r)
        self.assert_verified()


if __name__ == "__main__":
    unittest.main()
