"""gcheal over the real-world corpus (run by run_tests.py only when it is found).

Every definition becomes one action of the org (builders.build_corpus); the
expectations come from that org, never from the corpus files themselves."""
import os

import definitions
from gcheal_case import EmuCase

EDITABLE = ("custom",)
NOT_EDITABLE = ("static", "customAuth")


class CorpusCase(EmuCase):
    EMU = {"org": "corpus", "rate_limit": 0}

    def fix_and_verify(self):
        want = self.restrictive(kinds=EDITABLE)
        functions = self.restrictive(kinds=("function",))
        self.assertTrue(want, "the corpus org has no restrictive action to fix")
        r = self.gcheal("fix", timeout=240)
        self.assertIn(r.rc, (0, 5), r)
        self.assertEqual(r.summary["failed"], 0, r)
        self.assert_fixed(r, want)
        # Function actions are fixed or reported skipped, never failed or half-done.
        fixed_fn = functions & r.by_status("fixed")
        self.assertEqual(functions - fixed_fn, functions & r.by_status("skipped"), r)
        self.assertEqual(r.by_status("skipped") - functions, self.restrictive(kinds=NOT_EDITABLE), r)
        self.assert_verified(expect_changed=want | fixed_fn)
        return r


class TestCorpusOrg(CorpusCase):
    def test_every_definition_is_one_action(self):
        defs = definitions.load_dir(os.environ["GCHEAL_FIXTURES"])
        acts = self.initial["actions"]
        self.assertEqual(len(acts), len(defs))
        kinds = sorted(definitions.kind_of(d) for _, d in defs)
        self.assertEqual(sorted(a["kind"] for a in acts), kinds)

    def test_scan_reports_every_action_once_and_changes_nothing(self):
        r = self.gcheal("scan", timeout=120)
        self.assertEqual(r.rc, 1, r)
        ids = [a["id"] for a in r.actions]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(set(ids), {a["id"] for a in self.initial["actions"]})
        self.assertEqual(r.summary["examined"], len(self.initial["actions"]))
        self.assertEqual(r.by_status("restrictive"), self.restrictive(kinds=EDITABLE + ("function",)))
        self.assertEqual(self.patched_ids(), set())

    def test_fix_changes_only_the_restrictive_timeouts(self):
        self.fix_and_verify()
        again = self.gcheal("scan", timeout=120)
        self.assertEqual(again.by_status("restrictive") - self.restrictive(kinds=("function",)), set(), again)


class TestCorpusTemplatesMixedChunkedWithAnotherEditor(CorpusCase):
    EMU = {"org": "corpus", "rate_limit": 0, "template_mode": "mixed", "chunked": True,
           "concurrent_editor": 3, "editor_field": "translationMapDefaults"}

    def test_fix_keeps_the_other_editors_changes(self):
        self.fix_and_verify()
        self.assertEqual(len(self.emu.verify()["other_edits"]), 3)


class TestCorpusOlderPlatformInlineTemplates(CorpusCase):
    EMU = {"org": "corpus", "rate_limit": 0, "older_platform": True, "template_mode": "both",
           "version_conflict": 400}

    def test_fix_with_a_get_per_action(self):
        self.fix_and_verify()
        per_action = [q for q in self.emu.requests()
                      if q["method"] == "GET" and q["path"].startswith("/api/v2/integrations/actions/")]
        self.assertGreaterEqual(len(per_action), len(self.initial["actions"]) - 1)
