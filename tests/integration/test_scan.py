"""Scan, report and command-line behaviour on the demo org: exit codes,
filters, policy flags, the JSON and table reports, usage errors."""
import json
import os
import stat
import tempfile

from gcheal_case import EmuCase, run_gcheal

GCO = "custom_-_8d3c1f7e-2b4a-4e0d-9a61-0c5b7e9f3a21"       # GetCustomerOrder, 3 s
ORDERS_OAUTH = "5f0c2a52-6a3c-4a53-9d0b-8d7e0b1c0003"       # integration of Lookup Order Status


class TestScan(EmuCase):
    def test_scan_exits_1_and_reports_getcustomerorder_at_3s(self):
        r = self.gcheal("scan")
        self.assertEqual(r.rc, 1, r)
        gco = r.by_id()[GCO]
        self.assertEqual((gco["name"], gco["timeoutSeconds"], gco["status"], gco["newTimeoutSeconds"]),
                         ("GetCustomerOrder", 3, "restrictive", 5))
        self.assertEqual(r.by_status("restrictive"), self.restrictive())
        self.assertEqual(self.patched_ids(), set())
        self.assertEqual(r.summary["examined"], len(self.initial["actions"]))

    def test_scan_exits_0_when_nothing_is_restrictive(self):
        r = self.gcheal("scan", "--min-timeout", "1")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual(r.summary["restrictive"], 0)
        self.assertEqual({a["status"] for a in r.actions}, {"ok"})

    def test_json_lines_carry_every_field_and_a_matching_summary(self):
        r = self.gcheal("scan")
        keys = {"id", "name", "category", "integrationId", "timeoutSeconds", "status", "reason"}
        for a in r.actions:
            self.assertTrue(keys <= set(a), a)
            self.assertEqual("newTimeoutSeconds" in a, a["status"] == "restrictive", a)
        self.assertEqual(r.summary["examined"], len(r.actions))
        unset = [a for a in r.actions if a["timeoutSeconds"] is None]
        self.assertTrue(unset, "the demo org has actions without a timeout")
        self.assertTrue(r.stdout.splitlines()[-1].startswith('{"summary":'))

    def test_utf8_and_special_characters_in_names_are_escaped(self):
        name = 'Ordér "quoted" \\ back\tslash 🚀 Ω\u2028'
        self.emu.mutate(GCO, name=name)
        self.emu.snapshot()
        r = self.gcheal("scan")
        self.assertEqual(r.by_id()[GCO]["name"], name, r.stdout)

    def test_table_lists_only_actions_that_matter_unless_verbose(self):
        r = self.gcheal("scan", json_out=False)
        self.assertEqual(r.rc, 1, r)
        lines = r.stdout.splitlines()
        self.assertTrue(lines[0].startswith("STATUS"), r.stdout)
        self.assertTrue(any("GetCustomerOrder" in l and l.startswith("restrictive") for l in lines))
        self.assertFalse(any(l.startswith("ok ") for l in lines), r.stdout)
        self.assertRegex(lines[-1], r"^scan: 36 examined, 9 restrictive, 0 fixed, 1 skipped, 0 failed")
        v = self.gcheal("scan", "-v", json_out=False)
        self.assertTrue(any(l.startswith("ok ") for l in v.stdout.splitlines()), v.stdout)

    def test_dry_run_sends_no_patch(self):
        r = self.gcheal("fix", "--dry-run")
        self.assertEqual(r.rc, 1, r)
        self.assertEqual(r.by_status("would-fix"), self.restrictive())
        self.assertEqual([q for q in self.emu.requests() if q["method"] != "GET" and
                          q["path"] != "/oauth/token"], [])
        self.assertEqual(self.emu.verify()["timeouts_changed"], {})


class TestFilters(EmuCase):
    def test_name_filter_is_exact_and_repeatable(self):
        r = self.gcheal("fix", "--name", "GetCustomerOrder", "--name", "Lookup Order Status")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual({a["name"] for a in r.actions}, {"GetCustomerOrder", "Lookup Order Status"})
        self.assertEqual(len(self.patched_ids()), 2)
        self.assert_verified(expect_changed=self.patched_ids())
        partial = self.gcheal("scan", "--name", "GetCustomer")
        self.assertEqual((partial.rc, partial.summary["examined"]), (0, 0), partial)

    def test_category_filter(self):
        r = self.gcheal("fix", "--category", "Web Services Data Actions")
        self.assertEqual(r.rc, 0, r)
        self.assertEqual({a["category"] for a in r.actions}, {"Web Services Data Actions"})
        want = {a["id"] for a in self.initial["actions"] if a["category"] == "Web Services Data Actions"
                and a["kind"] == "custom" and (a["config"].get("timeoutSeconds") or 60) < 5}
        self.assertEqual(self.patched_ids(), want)
        self.assertIn(GCO, want)
        self.assert_verified(expect_changed=want)

    def test_integration_filter(self):
        r = self.gcheal("fix", "--integration", ORDERS_OAUTH)
        self.assertEqual(r.rc, 0, r)
        self.assertEqual({a["integrationId"] for a in r.actions}, {ORDERS_OAUTH})
        self.assertEqual({a["name"] for a in r.actions if a["status"] == "fixed"}, {"Lookup Order Status"})
        self.assertEqual(len(self.patched_ids()), 1)


class TestPolicy(EmuCase):
    def test_min_timeout_raises_everything_below_it(self):
        want = self.restrictive(minimum=10)
        r = self.gcheal("fix", "--min-timeout", "10")
        self.assertEqual(r.rc, 5, r)  # the static action stays skipped
        self.assert_fixed(r, want, 10)
        self.assert_verified(expect_changed=want)

    def test_set_timeout_writes_the_given_value(self):
        want = self.restrictive()
        r = self.gcheal("fix", "--set-timeout", "30")
        self.assert_fixed(r, want, 30)
        self.assertEqual({r.by_id()[i]["newTimeoutSeconds"] for i in want}, {30})
        before = {a["id"]: a["config"].get("timeoutSeconds") for a in self.initial["actions"]}
        now = self.timeouts()
        self.assertEqual({i: now[i] for i in now if i not in want}, {i: before[i] for i in now if i not in want})
        self.assert_verified(expect_changed=want)

    def test_unset_is_makes_absent_timeouts_restrictive(self):
        want = self.restrictive(unset_is=3)
        unset = {a["id"] for a in self.summary_state() if a["timeoutSeconds"] is None and a["kind"] == "custom"}
        self.assertTrue(unset and unset <= want)
        r = self.gcheal("fix", "--unset-is", "3")
        self.assert_fixed(r, want, 5)
        self.assert_verified(expect_changed=want)


class TestUsage(EmuCase):
    BAD = [
        ["scan", "--min-timeout", "0"], ["scan", "--min-timeout", "61"], ["scan", "--min-timeout", "5s"],
        ["scan", "--min-timeout", "-1"], ["scan", "--min-timeout", " 5"], ["scan", "--min-timeout", "+5"],
        ["scan", "--min-timeout="], ["fix", "--set-timeout", "61"], ["fix", "--set-timeout", "3"],
        ["scan", "--unset-is", "0x10"], ["watch", "--interval", "0"], ["watch", "--max-runs", "-1"],
        ["watch", "--max-runs", "99999999999"], ["scan", "--io-timeout", "0"], ["scan", "--request-timeout", "x"],
        ["scan", "--client-secret", "demo-secret"], ["scan", "--client-secret=demo-secret"],
        ["frobnicate"], [], ["scan", "fix"], ["scan", "--bogus"], ["scan", "--json=1"],
        ["scan", "--region", "mars-north-1"], ["scan", "--region", "bad host.com"],
        ["scan", "-q", "-v"], ["scan", "--api-host", "h:99999"], ["scan", "--api-host", "::1"],
        ["scan", "--ca-file", "/nonexistent/ca.pem"], ["scan", "--client-secret-file", "/nonexistent"],
        ["scan", "--name"],
    ]

    def test_bad_options_exit_2_before_any_request(self):
        for args in self.BAD:
            with self.subTest(args=args):
                r = self.gcheal(*args, json_out=False)
                self.assertEqual(r.rc, 2, r)
                self.assertEqual(r.stdout, "")
                self.assertTrue(r.stderr.startswith("gcheal: "), r.stderr)
                self.assertNotIn("demo-secret", r.stderr)
        self.assertEqual(self.emu.requests(), [])

    def test_missing_credentials_exit_2(self):
        env = {k: v for k, v in self.emu.env().items() if "CLIENT" not in k}
        self.assertEqual(self.gcheal("scan", env=env, json_out=False).rc, 2)
        env["GENESYSCLOUD_OAUTHCLIENT_ID"] = self.emu.client_id
        r = self.gcheal("scan", env=env, json_out=False)
        self.assertEqual(r.rc, 2)
        self.assertIn("secret", r.stderr)

    def test_legacy_credential_variables_work(self):
        env = {k: v for k, v in self.emu.env().items() if "CLIENT" not in k}
        env["GENESYSCLOUD_OAUTHCLIENT_ID"] = self.emu.client_id
        env["GENESYSCLOUD_OAUTHCLIENT_SECRET"] = self.emu.client_secret
        self.assertEqual(self.gcheal("scan", env=env).rc, 1)

    def test_client_secret_file_and_its_permission_warning(self):
        env = {k: v for k, v in self.emu.env().items() if k != "GENESYS_CLOUD_CLIENT_SECRET"}
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "secret")
            with open(path, "w") as f:
                f.write(self.emu.client_secret + "\n")
            os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
            r = self.gcheal("scan", "--client-secret-file", path, env=env)
            self.assertEqual(r.rc, 1, r)
            self.assertNotIn("readable", r.stderr)
            os.chmod(path, 0o644)
            r = self.gcheal("scan", "--client-secret-file", path, env=env)
            self.assertEqual(r.rc, 1, r)
            self.assertIn("readable by group or others", r.stderr)

    def test_help_and_version(self):
        h = self.gcheal("--help", json_out=False)
        self.assertEqual(h.rc, 0)
        for word in ("scan|fix|watch", "--client-secret-file", "--unset-is", "--io-timeout", "us-east-1"):
            self.assertIn(word, h.stdout)
        v = self.gcheal("--version", json_out=False)
        self.assertEqual(v.rc, 0)
        self.assertRegex(v.stdout, r"^gcheal \d+\.\d+\.\d+\n$")

    def test_region_names_and_domains_choose_the_hosts(self):
        cases = [(["--region", "us_west_2"], {}, "usw2.pure.cloud"),
                 (["--region", "EU-WEST-1"], {}, "mypurecloud.ie"),
                 (["--region", "me_central_1"], {}, "mec1.pure.cloud"),
                 (["--region", "eusc-de-east-1"], {}, "edee1.eusc-pure.cloud"),
                 (["--region", "example.pure.cloud"], {}, "example.pure.cloud"),
                 ([], {"GENESYS_CLOUD_REGION": "ap-southeast-2"}, "mypurecloud.com.au"),
                 ([], {"GENESYSCLOUD_REGION": "ca-central-1"}, "cac1.pure.cloud"),
                 ([], {}, "mypurecloud.com")]
        for args, extra, domain in cases:
            with self.subTest(args=args, env=extra):
                env = {k: v for k, v in self.emu.env(**extra).items()
                       if k not in ("GENESYS_CLOUD_REGION", "GENESYSCLOUD_REGION") or k in extra}
                r = run_gcheal(self.emu, "scan", "-v", *args, env=env, ca="/nonexistent/ca.pem",
                               hosts=False, json_out=False)
                self.assertEqual(r.rc, 2, r)  # stops at the CA file, before any network
                self.assertIn("api api.%s:443, login login.%s:443" % (domain, domain), r.stderr)
