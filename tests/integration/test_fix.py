"""Fixing: everything but timeoutSeconds preserved byte for byte, the
actions gcheal must never patch, a 250-action org over several pages, an
action too large for the buffers, and the older platform without config in
the list."""
import base64
import json
import subprocess

import gcheal_case
from gcheal_case import EmuCase

GCO = "custom_-_8d3c1f7e-2b4a-4e0d-9a61-0c5b7e9f3a21"
STATIC = "static_e7b86b86-3f6a-4a43-8a0a-5b7d2c6e9f01"
CUSTOM_AUTH = "customAuth_-_5f0c2a52-6a3c-4a53-9d0b-8d7e0b1c0003"
FUNCTION_NAME = "Score Order Risk (Function)"


class TestFixDemo(EmuCase):
    def test_fix_raises_every_restrictive_action_and_preserves_every_other_field(self):
        want = self.restrictive()
        r = self.gcheal("fix")
        self.assertEqual(r.rc, 5, r)  # the static action is skipped
        self.assert_fixed(r, want)
        self.assertEqual(r.summary["fixed"], len(want))
        self.assert_verified(expect_changed=want)
        escape = {a["id"]: a["escape"] for a in self.initial["actions"]}
        patches = self.emu.patches()
        self.assertEqual({p["action_id"] for p in patches}, want)
        for p in patches:
            self.assertEqual(p["status"], 200, p)
            self.assertTrue(p["config_json_equal_except_timeout"], p["action_id"])
            if escape[p["action_id"]] == "raw":
                self.assertTrue(p["config_bytes_equal_to_full_except_timeout"], p["action_id"])

    def test_templates_with_crlf_quotes_backslashes_and_emoji_survive(self):
        before = self.emu.state(ids=[GCO])["actions"][0]["config"]
        r = self.gcheal("fix", "--name", "GetCustomerOrder")
        self.assertEqual(r.rc, 0, r)
        after = self.emu.state(ids=[GCO])["actions"][0]["config"]
        self.assertEqual(after["timeoutSeconds"], 5)
        for part, key in (("request", "requestTemplate"), ("response", "successTemplate")):
            self.assertEqual(after[part][key], before[part][key])
        self.assertEqual({k: v for k, v in after.items() if k != "timeoutSeconds"},
                         {k: v for k, v in before.items() if k != "timeoutSeconds"})
        body = json.loads(base64.b64decode(self.emu.patches()[0]["body_b64"]))
        self.assertEqual(body["config"]["request"]["requestTemplate"], before["request"]["requestTemplate"])

    def test_static_and_custom_auth_actions_are_never_patched(self):
        self.emu.mutate(CUSTOM_AUTH, timeoutSeconds=2)
        self.emu.snapshot()
        r = self.gcheal("fix")
        self.assertEqual(r.rc, 5, r)
        skipped = {a["id"]: a for a in r.actions if a["status"] == "skipped"}
        self.assertEqual(set(skipped), {STATIC, CUSTOM_AUTH}, r)
        for a in skipped.values():
            self.assertNotEqual(a["reason"], "", a)
        self.assertFalse(self.patched_ids() & {STATIC, CUSTOM_AUTH})
        self.assertEqual(r.summary["skipped"], 2)
        function_id = next(a["id"] for a in r.actions if a["name"] == FUNCTION_NAME)
        self.assertIn(function_id, r.by_status("fixed"))  # a function action is fixed like any other

    def test_a_second_fix_changes_nothing(self):
        self.gcheal("fix")
        before = len(self.emu.patches())
        r = self.gcheal("fix")
        self.assertEqual(r.rc, 5, r)  # only the non-editable ones remain
        self.assertEqual(r.by_status("fixed"), set())
        self.assertEqual(len(self.emu.patches()), before)


class TestFixLargeOrg(EmuCase):
    EMU = {"org": "gen:250:11", "rate_limit": 0, "restrictive_fraction": 0.08}

    def test_fix_250_actions_over_several_pages(self):
        want = self.restrictive()
        self.assertGreater(len(want), 10)
        r = self.gcheal("fix", timeout=200)
        self.assertEqual(r.summary["examined"], len(self.initial["actions"]), r)
        self.assertEqual(len({a["id"] for a in r.actions}), len(r.actions))
        self.assert_fixed(r, want)
        not_editable = self.restrictive(kinds=("static", "customAuth"))
        self.assertEqual(r.by_status("skipped"), not_editable)
        self.assertEqual(r.rc, 5 if not_editable else 0, r)
        pages = {q["query"] for q in self.emu.requests() if q["path"] == "/api/v2/integrations/actions"}
        self.assertGreaterEqual(len(pages), 3, pages)
        self.assert_verified(expect_changed=want)

    def test_oversized_action_is_skipped_with_its_size_and_the_others_fixed(self):
        want = sorted(self.restrictive())
        big = want[0]
        self.emu.mutate(big, requestTemplate="#set($x = 1)" + "x" * 700_000)
        self.emu.snapshot()
        r = self.gcheal("fix", timeout=200)
        self.assertEqual(r.rc, 5, r)
        a = r.by_id()[big]
        self.assertIn(a["status"], ("skipped",), a)
        self.assertRegex(a["reason"], r"\d", a)
        self.assertNotIn(big, self.patched_ids())
        self.assert_fixed(r, want[1:])
        self.assert_verified(expect_changed=want[1:])


class TestOlderPlatform(EmuCase):
    EMU = {"org": "demo", "rate_limit": 0, "older_platform": True}

    def test_list_without_config_falls_back_to_a_get_per_action_and_still_fixes(self):
        want = self.restrictive()
        r = self.gcheal("fix")
        self.assertEqual(r.rc, 5, r)
        self.assert_fixed(r, want)
        self.assertEqual(r.by_id()[GCO]["timeoutSeconds"], 3)
        gets = {q["path"] for q in self.emu.requests() if q["method"] == "GET"}
        unset_ok = {a["id"] for a in self.summary_state() if a["id"] not in want and a["kind"] == "custom"}
        self.assertTrue(any(p.endswith(i) for p in gets for i in unset_ok), "no per-action GET")
        self.assert_verified(expect_changed=want)


class TestNoHeap(EmuCase):
    """Every allocator call from gcheal's own objects or Mbed TLS aborts the program
    (boards/linux/gch_no_heap.c): a fix run that completes never touched the heap."""

    def test_the_allocator_tripwire_is_linked_and_a_full_fix_completes(self):
        syms = subprocess.run(["nm", gcheal_case.BIN], capture_output=True, text=True).stdout
        for fn in ("malloc", "calloc", "realloc", "free"):
            self.assertRegex(syms, r"\bT __wrap_%s\b" % fn)
        want = self.restrictive()
        r = self.gcheal("fix")
        self.assertNotIn("heap allocator called", r.stderr)
        self.assertEqual(r.rc, 5, r)  # the demo org's static action stays
        self.assert_fixed(r, want)
