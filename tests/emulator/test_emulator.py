"""Tests of the emulator itself: real TLS (verification on) to 127.0.0.1 only.

Run: python3 tests/emulator/run_tests.py
"""
import http.client
import json
import math
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emuctl import Emulator  # noqa: E402

ACTIONS = "/api/v2/integrations/actions"
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def jget(emu, path, token, **kw):
    st, h, body = emu.api("GET", path, token=token, **kw)
    return st, h, (json.loads(body) if body and h.get("content-type", "").startswith("application/json") else body)


def full_config(emu, token, aid):
    """What a careful client does: GET + both template texts inline."""
    st, _, a = jget(emu, ACTIONS + "/%s?includeConfig=true&expand=contract" % aid, token)
    assert st == 200, a
    cfg = a["config"]
    for sect, key, fname in (("request", "requestTemplate", "requesttemplate.vm"),
                             ("response", "successTemplate", "successtemplate.vm")):
        cfg[sect].pop(key + "Uri", None)
        st2, _, txt = emu.api("GET", ACTIONS + "/%s/templates/%s" % (aid, fname), token=token,
                              headers={"Accept": "*/*"})
        assert st2 == 200
        cfg[sect][key] = txt.decode("utf-8")
    return a, cfg


class DemoBase(unittest.TestCase):
    opts = {"org": "demo", "rate_limit": 0}

    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator(**cls.opts).start()
        cls.tok = cls.emu.token()

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()

    def setUp(self):
        self.emu.clear_faults()

    def by_name(self, name):
        return self.emu.action_by_name(name)


# ====================================================================== OAuth / headers

class TestOAuthAndHeaders(DemoBase):
    def test_token_success_shape(self):
        st, h, body = self.emu.request("POST", "/oauth/token", b"grant_type=client_credentials", {
            "Authorization": "Basic Z2NoZWFsLWRlbW86ZGVtby1zZWNyZXQ=",
            "Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(st, 200)
        d = json.loads(body)
        self.assertEqual(d["token_type"], "bearer")
        self.assertEqual(d["expires_in"], 86400)
        self.assertTrue(len(d["access_token"]) > 40)
        self.assertTrue(UUID_RE.match(h["inin-correlation-id"]))

    def test_wrong_credentials_400_invalid_client(self):
        st, _, body = self.emu.request("POST", "/oauth/token", b"grant_type=client_credentials", {
            "Authorization": "Basic d3Jvbmc6d3Jvbmc=", "Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(st, 400)
        self.assertEqual(json.loads(body), {"error": "invalid_client", "description": "authentication failed",
                                            "error_description": "authentication failed"})

    def test_missing_basic_and_bad_grant(self):
        st, _, body = self.emu.request("POST", "/oauth/token", b"grant_type=client_credentials")
        self.assertEqual((st, json.loads(body)["error"]), (400, "invalid_client"))
        st, _, body = self.emu.request("POST", "/oauth/token", b"grant_type=password", {
            "Authorization": "Basic Z2NoZWFsLWRlbW86ZGVtby1zZWNyZXQ="})
        self.assertEqual((st, json.loads(body)["error"]), (400, "unsupported_grant_type"))

    def test_api_requires_bearer(self):
        st, h, body = self.emu.request("GET", ACTIONS)
        self.assertEqual(st, 401)
        e = json.loads(body)
        self.assertEqual(set(e), {"message", "code", "status", "contextId", "details", "errors"})
        self.assertEqual(e["status"], 401)
        self.assertEqual(e["contextId"], h["inin-correlation-id"])
        st, _, _ = self.emu.api("GET", ACTIONS, token="not-a-token")
        self.assertEqual(st, 401)

    def test_ratelimit_headers_and_correlation_ids_unique(self):
        ids = set()
        for _ in range(3):
            st, h, _ = self.emu.api("GET", ACTIONS + "?pageSize=1", token=self.tok)
            self.assertEqual(st, 200)
            for k in ("inin-ratelimit-count", "inin-ratelimit-allowed", "inin-ratelimit-reset"):
                self.assertIn(k, h)
            ids.add(h["inin-correlation-id"])
        self.assertEqual(len(ids), 3)

    def test_keep_alive_many_requests_one_connection(self):
        c = self.emu.connection()
        peers = set()
        for _ in range(5):
            st, h, _ = self.emu.api("GET", ACTIONS + "?pageSize=2", token=self.tok, conn=c)
            self.assertEqual(st, 200)
            peers.add(c.sock.getsockname()[1])
        c.close()
        self.assertEqual(len(peers), 1)
        log = self.emu.requests()[-5:]
        self.assertEqual(len({r["peer_port"] for r in log}), 1)
        self.assertEqual(log[-1]["peer"], "127.0.0.1")

    def test_unknown_path_404_error_body(self):
        st, h, body = self.emu.api("GET", "/api/v2/nothing", token=self.tok)
        self.assertEqual(st, 404)
        self.assertEqual(json.loads(body)["contextId"], h["inin-correlation-id"])


class TestTokenTTLAndRateLimit(unittest.TestCase):
    def test_token_expires(self):
        with Emulator(org="gen:10:1", token_ttl=1) as emu:
            tok = emu.token()
            self.assertEqual(emu.api("GET", ACTIONS, token=tok)[0], 200)
            time.sleep(1.3)
            self.assertEqual(emu.api("GET", ACTIONS, token=tok)[0], 401)
            self.assertEqual(emu.api("GET", ACTIONS)[0], 200)        # fresh token works

    def test_rate_limit_429_retry_after(self):
        with Emulator(org="gen:10:1", rate_limit=5) as emu:
            tok = emu.token()
            for i in range(5):
                st, h, _ = emu.api("GET", ACTIONS, token=tok)
                self.assertEqual((st, h["inin-ratelimit-count"], h["inin-ratelimit-allowed"]), (200, str(i + 1), "5"))
            st, h, body = emu.api("GET", ACTIONS, token=tok)
            self.assertEqual(st, 429)
            self.assertTrue(1 <= int(h["retry-after"]) <= 60)
            self.assertEqual(json.loads(body)["status"], 429)
            self.assertEqual(emu.api("GET", ACTIONS)[0], 200)         # per token


# ====================================================================== listing

class TestList(DemoBase):
    def test_default_page_and_envelope(self):
        st, _, d = jget(self.emu, ACTIONS, self.tok)
        self.assertEqual(st, 200)
        for k in ("entities", "pageSize", "pageNumber", "total", "pageCount", "firstUri", "selfUri", "lastUri"):
            self.assertIn(k, d)
        self.assertEqual((d["pageSize"], d["pageNumber"]), (25, 1))
        self.assertEqual(len(d["entities"]), 25)
        self.assertEqual(d["total"], 35)                          # 36 minus the hidden custom-auth action
        self.assertEqual(d["pageCount"], 2)
        self.assertTrue(d["nextUri"].startswith(ACTIONS + "?pageSize=25&pageNumber=2"))
        self.assertNotIn("previousUri", d)
        self.assertNotIn("config", d["entities"][0])
        e = d["entities"][0]
        for k in ("id", "name", "category", "integrationId", "version", "secure", "selfUri"):
            self.assertIn(k, e)

    def test_last_page_has_no_next(self):
        st, _, d = jget(self.emu, ACTIONS + "?pageNumber=2", self.tok)
        self.assertEqual(len(d["entities"]), 10)
        self.assertNotIn("nextUri", d)
        self.assertIn("pageNumber=1", d["previousUri"])
        self.assertIn("pageNumber=2", d["lastUri"])

    def test_page_past_end_is_empty(self):
        _, _, d = jget(self.emu, ACTIONS + "?pageNumber=9", self.tok)
        self.assertEqual((d["entities"], d["pageCount"]), ([], 2))
        self.assertNotIn("nextUri", d)

    def test_page_size_larger_than_total(self):
        _, _, d = jget(self.emu, ACTIONS + "?pageSize=500", self.tok)
        self.assertEqual((len(d["entities"]), d["pageCount"]), (35, 1))
        self.assertNotIn("nextUri", d)

    def test_bad_paging_params_400(self):
        for q in ("pageSize=0", "pageNumber=0", "pageSize=abc", "includeConfig=maybe"):
            self.assertEqual(self.emu.api("GET", ACTIONS + "?" + q, token=self.tok)[0], 400, q)

    def test_include_config_and_next_uri_keeps_it(self):
        _, _, d = jget(self.emu, ACTIONS + "?pageSize=20&includeConfig=true", self.tok)
        self.assertTrue(all("config" in e for e in d["entities"]))
        self.assertIn("includeConfig=true", d["nextUri"])
        _, _, d2 = jget(self.emu, d["nextUri"], self.tok)
        self.assertTrue(all("config" in e for e in d2["entities"]))

    def test_walk_all_pages_unique(self):
        seen, uri = [], ACTIONS + "?pageSize=7&includeAuthActions=true"
        while uri:
            _, _, d = jget(self.emu, uri, self.tok)
            seen += [e["id"] for e in d["entities"]]
            uri = d.get("nextUri")
        self.assertEqual(len(seen), 36)
        self.assertEqual(len(set(seen)), 36)
        self.assertEqual(sum(1 for i in seen if i.startswith("customAuth_-_")), 1)
        self.assertEqual(sum(1 for i in seen if i.startswith("static")), 1)

    def test_filters(self):
        _, _, d = jget(self.emu, ACTIONS + "?name=getcustomer", self.tok)
        self.assertEqual([e["name"] for e in d["entities"]], ["GetCustomerOrder"])
        _, _, d = jget(self.emu, ACTIONS + "?category=Genesys%20Functions", self.tok)
        self.assertEqual(len(d["entities"]), 1)
        _, _, d = jget(self.emu, ACTIONS + "?secure=true&pageSize=100", self.tok)
        self.assertTrue(all(e["secure"] for e in d["entities"]))
        _, _, d = jget(self.emu, ACTIONS + "?pageSize=100", self.tok)
        ids = [e["id"] for e in d["entities"]][:3]
        _, _, d = jget(self.emu, ACTIONS + "?ids=" + ",".join(ids), self.tok)
        self.assertEqual(sorted(e["id"] for e in d["entities"]), sorted(ids))

    def test_ids_max_50(self):
        ids = ",".join(str(uuid.uuid4()) for _ in range(51))
        self.assertEqual(self.emu.api("GET", ACTIONS + "?ids=" + ids, token=self.tok)[0], 400)
        ids = ",".join(str(uuid.uuid4()) for _ in range(50))
        self.assertEqual(self.emu.api("GET", ACTIONS + "?ids=" + ids, token=self.tok)[0], 200)

    def test_auth_actions_hidden_by_default(self):
        _, _, d = jget(self.emu, ACTIONS + "?pageSize=100", self.tok)
        self.assertFalse(any(e["id"].startswith("customAuth_-_") for e in d["entities"]))
        _, _, d = jget(self.emu, ACTIONS + "?pageSize=100&includeAuthActions=true", self.tok)
        self.assertTrue(any(e["id"].startswith("customAuth_-_") for e in d["entities"]))


class TestEmptyOrgAndVariants(unittest.TestCase):
    def test_empty_org(self):
        with Emulator(org="empty") as emu:
            _, _, d = jget(emu, ACTIONS, emu.token())
            self.assertEqual((d["entities"], d["total"], d["pageCount"]), ([], 0, 0))
            self.assertNotIn("nextUri", d)

    def test_older_platform_ignores_include_config(self):
        with Emulator(org="demo", older_platform=True) as emu:
            tok = emu.token()
            _, _, d = jget(emu, ACTIONS + "?includeConfig=true", tok)
            self.assertFalse(any("config" in e for e in d["entities"]))
            aid = d["entities"][0]["id"]
            _, _, a = jget(emu, ACTIONS + "/%s?includeConfig=true" % aid, tok)
            self.assertIn("config", a)                          # single GET still has it

    def test_inline_templates_variant_and_400_version_variant(self):
        with Emulator(org="demo", template_mode="both", version_conflict=400) as emu:
            tok = emu.token()
            aid = emu.action_by_name("GetCustomerOrder")["id"]
            _, _, a = jget(emu, ACTIONS + "/%s?includeConfig=true" % aid, tok)
            self.assertIn("requestTemplate", a["config"]["request"])
            self.assertIn("requestTemplateUri", a["config"]["request"])
            st, _, body = emu.api("PATCH", ACTIONS + "/" + aid, {"name": a["name"], "version": 1,
                                                                 "config": a["config"]}, token=tok)
            self.assertEqual(st, 400)
            self.assertIn("does not match the current version", json.loads(body)["message"])

    def test_more_variant_switches(self):
        with Emulator(org="demo", template_mode="default", next_uri_drops_params=True, max_page_size=30,
                      plain_ids=True, function_patch=True, lenient_accept=True, token_type="Bearer",
                      auth_error_status=401) as emu:
            tok = emu.token()
            _, _, d = jget(emu, ACTIONS + "?includeConfig=true&pageSize=30", tok)
            self.assertEqual(d["nextUri"], ACTIONS + "?pageSize=30&pageNumber=2")
            self.assertEqual(emu.api("GET", ACTIONS + "?pageSize=31", token=tok)[0], 400)
            e = next(x for x in d["entities"] if x["name"] == "GetCustomerOrder")
            self.assertTrue(UUID_RE.match(e["id"]))
            self.assertEqual(e["config"]["request"]["requestTemplate"], "${input.rawRequest}")   # placeholder
            self.assertIn("requestTemplateUri", e["config"]["request"])
            st, _, txt = emu.api("GET", ACTIONS + "/%s/templates/requesttemplate.vm" % e["id"], token=tok)
            self.assertEqual(st, 200)
            self.assertNotEqual(txt, b"${input.rawRequest}")
            fn = next(x for x in emu.state(summary=True)["actions"] if x["kind"] == "function")
            a, cfg = full_config(emu, tok, fn["id"])
            cfg["timeoutSeconds"] = 15
            st, _, _ = emu.api("PATCH", ACTIONS + "/" + fn["id"], {"name": a["name"], "version": a["version"],
                                                                   "config": cfg}, token=tok)
            self.assertEqual(st, 200)
            st, _, body = emu.request("POST", "/oauth/token", b"grant_type=client_credentials")
            self.assertEqual(st, 401)
        with Emulator(org="demo", template_mode="mixed") as emu:
            tok = emu.token()
            _, _, d = jget(emu, ACTIONS + "?includeConfig=true&pageSize=100", tok)
            inline = sum(1 for x in d["entities"] if "requestTemplate" in x["config"]["request"])
            uri = sum(1 for x in d["entities"] if "requestTemplateUri" in x["config"]["request"])
            self.assertTrue(inline > 3 and uri > 3 and inline + uri == len(d["entities"]))

    def test_generated_org_variety(self):
        with Emulator(org="gen:400:5", template_mode="inline") as emu:
            tok = emu.token()
            raw, ids, uri = b"", [], ACTIONS + "?pageSize=100&includeConfig=true&includeAuthActions=true"
            while uri:
                st, _, body = emu.api("GET", uri, token=tok)
                self.assertEqual(st, 200)
                raw += body
                d = json.loads(body)
                ids += [e["id"] for e in d["entities"]]
                uri = d.get("nextUri")
            self.assertEqual(len(ids), len(set(ids)))
            self.assertGreaterEqual(len(ids), 400)
            self.assertTrue(b"\\u" in raw)                      # escaped unicode
            self.assertTrue("\u00e9".encode() in raw)           # raw UTF-8
            self.assertTrue(b"\\r\\n" in raw)                   # CRLF inside strings
            self.assertTrue(b"\\\\" in raw)                     # backslashes
            st = emu.state(summary=True)
            touts = {a["timeoutSeconds"] for a in st["actions"]}
            for t in (None, 8, 10, 30, 60):
                self.assertIn(t, touts)
            self.assertTrue(touts & {1, 2, 3, 4, 5})
            kinds = {a["kind"] for a in st["actions"]}
            self.assertEqual(kinds, {"custom", "static", "customAuth", "function"})
            types = {i["type"] for i in st["integrations"]}
            self.assertEqual(types, {"custom-rest-actions", "purecloud-data-actions", "function-data-actions"})
            # a giant one (100-300 KB) exists
            big = [a for a in emu.state()["actions"]
                   if len(a["config"]["request"]["requestTemplate"].encode()) > 100000]
            self.assertTrue(big)
            self.assertTrue(all(len(a["config"]["request"]["requestTemplate"].encode()) < 310000 for a in big))

    def test_same_seed_same_ids(self):
        with Emulator(org="gen:30:9") as a, Emulator(org="gen:30:9") as b:
            self.assertEqual([x["id"] for x in a.state(summary=True)["actions"]],
                             [x["id"] for x in b.state(summary=True)["actions"]])


class TestBigOrg(unittest.TestCase):
    def test_100k_starts_fast_and_pages_fast(self):
        t0 = time.time()
        with Emulator(org="gen:100000:3", rate_limit=0) as emu:
            self.assertLess(time.time() - t0, 10)
            tok = emu.token()
            c = emu.connection()
            times = []
            for n in (1, 2, 500, 999, 1000):
                t = time.time()
                st, _, body = emu.api("GET", ACTIONS + "?pageSize=100&pageNumber=%d&includeConfig=true" % n,
                                      token=tok, conn=c)
                times.append(time.time() - t)
                self.assertEqual(st, 200)
            d = json.loads(body)
            self.assertGreater(d["total"], 99000)
            self.assertEqual(d["pageCount"], math.ceil(d["total"] / 100))
            c.close()
            times.sort()
            self.assertLess(times[len(times) // 2], 0.1, times)


# ====================================================================== single action, templates

class TestSingleAction(DemoBase):
    def test_get_without_and_with_config(self):
        aid = self.by_name("GetCustomerOrder")["id"]
        _, _, a = jget(self.emu, ACTIONS + "/" + aid, self.tok)
        self.assertNotIn("config", a)
        self.assertIn("inputSchemaUri", a["contract"]["input"])
        _, _, a = jget(self.emu, ACTIONS + "/%s?includeConfig=true&expand=contract" % aid, self.tok)
        self.assertEqual(a["config"]["timeoutSeconds"], 3)
        req, resp = a["config"]["request"], a["config"]["response"]
        self.assertNotIn("requestTemplate", req)               # the trap: URI only
        self.assertNotIn("successTemplate", resp)
        self.assertTrue(req["requestTemplateUri"].endswith("/templates/requesttemplate.vm"))
        self.assertTrue(resp["successTemplateUri"].endswith("/templates/successtemplate.vm"))
        self.assertIn("inputSchema", a["contract"]["input"])

    def test_templates_text_plain(self):
        aid = self.by_name("GetCustomerOrder")["id"]
        st, h, body = self.emu.api("GET", ACTIONS + "/%s/templates/requesttemplate.vm" % aid,
                                   token=self.tok, headers={"Accept": "*/*"})
        self.assertEqual(st, 200)
        self.assertTrue(h["content-type"].startswith("text/plain"))
        text = body.decode("utf-8")
        full = self.emu.state(ids=[aid])["actions"][0]["config"]
        self.assertEqual(text, full["request"]["requestTemplate"])
        self.assertIn("\r\n", text)
        self.assertIn("\U0001F4E6", text)
        st, _, body = self.emu.api("GET", ACTIONS + "/%s/templates/successtemplate.vm" % aid,
                                   token=self.tok, headers={"Accept": "text/plain"})
        self.assertEqual(body.decode(), full["response"]["successTemplate"])
        st, _, _ = self.emu.api("GET", ACTIONS + "/%s/templates/requesttemplate.vm" % aid, token=self.tok)
        self.assertEqual(st, 406)                              # Accept: application/json only
        st, _, _ = self.emu.api("GET", ACTIONS + "/%s/templates/other.vm" % aid, token=self.tok,
                                headers={"Accept": "*/*"})
        self.assertEqual(st, 404)

    def test_schema_and_unknown_action(self):
        aid = self.by_name("GetCustomerOrder")["id"]
        st, _, d = jget(self.emu, ACTIONS + "/%s/schemas/inputschema.json" % aid, self.tok)
        self.assertEqual((st, d["type"]), (200, "object"))
        st, _, d = jget(self.emu, ACTIONS + "/custom_-_%s" % uuid.uuid4(), self.tok)
        self.assertEqual((st, d["code"]), (404, "not.found"))


# ====================================================================== PATCH

class TestPatch(DemoBase):
    def setUp(self):
        super().setUp()
        self.emu.snapshot()

    def patch(self, aid, body):
        st, _, raw = self.emu.api("PATCH", ACTIONS + "/" + aid, body, token=self.tok)
        return st, json.loads(raw)

    def test_safe_patch_changes_only_timeout(self):
        aid = self.by_name("GetCustomerOrder")["id"]
        a, cfg = full_config(self.emu, self.tok, aid)
        cfg["timeoutSeconds"] = 20
        st, r = self.patch(aid, {"name": a["name"], "category": a["category"], "version": a["version"], "config": cfg})
        self.assertEqual(st, 200, r)
        self.assertEqual(r["version"], a["version"] + 1)
        self.assertEqual(r["config"]["timeoutSeconds"], 20)
        v = self.emu.verify()
        self.assertTrue(v["ok"], v)
        self.assertEqual(v["timeouts_changed"][aid], {"name": "GetCustomerOrder", "before": 3, "after": 20})
        p = self.emu.patches()[-1]
        self.assertEqual((p["action_id"], p["status"]), (aid, 200))
        self.assertTrue(p["config_json_equal_except_timeout"])

    def test_config_without_translation_maps_is_stored_as_sent(self):
        aid = self.by_name("Get Routing Language Id")["id"]      # used by no other test
        self.emu.mutate(aid, config={"timeoutSeconds": 3, "request": {
            "requestUrlTemplate": "https://x/", "requestType": "GET", "headers": {},
            "requestTemplate": "${input.rawRequest}"}, "response": {"successTemplate": "${rawResult}"}})
        self.emu.snapshot()
        a, cfg = full_config(self.emu, self.tok, aid)
        cfg["timeoutSeconds"] = 10
        st, r = self.patch(aid, {"name": a["name"], "version": a["version"], "config": cfg})
        self.assertEqual(st, 200, r)
        stored = self.emu.state(ids=[aid])["actions"][0]["config"]["response"]
        self.assertNotIn("translationMapDefaults", stored)
        self.assertNotIn("translationMap", stored)
        v = self.emu.verify()
        self.assertTrue(v["ok"], v)

    def test_template_trap_resets_templates(self):
        aid = self.by_name("Lookup Order Status")["id"]
        _, _, a = jget(self.emu, ACTIONS + "/%s?includeConfig=true" % aid, self.tok)
        cfg = a["config"]                                      # URIs only, as served
        cfg["timeoutSeconds"] = 15
        st, r = self.patch(aid, {"name": a["name"], "category": a["category"], "version": a["version"], "config": cfg})
        self.assertEqual(st, 200)
        st, _, txt = self.emu.api("GET", ACTIONS + "/%s/templates/requesttemplate.vm" % aid, token=self.tok,
                                  headers={"Accept": "*/*"})
        self.assertEqual(txt, b"${input.rawRequest}")
        st, _, txt = self.emu.api("GET", ACTIONS + "/%s/templates/successtemplate.vm" % aid, token=self.tok,
                                  headers={"Accept": "*/*"})
        self.assertEqual(txt, b"${rawResult}")
        v = self.emu.verify()
        self.assertFalse(v["ok"])
        paths = {d["path"] for d in v["differences"][aid]}
        self.assertIn("config.request.requestTemplate", paths)
        self.assertIn("config.response.successTemplate", paths)
        p = self.emu.patches()[-1]
        self.assertFalse(p["config_json_equal_except_timeout"])
        self.assertTrue(p["config_bytes_equal_to_served_except_timeout"] in (True, False))

    def test_strict_byte_identity_flag(self):
        aid = self.by_name("Get Queue Estimated Wait")["id"]      # raw escapes, used by no other test
        st, _, raw = self.emu.api("GET", ACTIONS + "/%s?includeConfig=true" % aid, token=self.tok)
        a = json.loads(raw)
        text = raw.decode()
        cfg_text = text[text.index('"config":') + 9:text.rindex(',"selfUri"')]
        body = ('{"name":%s,"version":%d,"config":%s}' % (json.dumps(a["name"]), a["version"], cfg_text)).encode()
        st, _, _ = self.emu.api("PATCH", ACTIONS + "/" + aid, body, token=self.tok,
                                headers={"Content-Type": "application/json"})
        self.assertEqual(st, 200)
        p = self.emu.patches()[-1]
        self.assertTrue(p["config_bytes_equal_to_served_except_timeout"])
        self.assertEqual(p["body_text"].encode(), body)

    def test_stale_and_missing_version_409(self):
        aid = self.by_name("GetCustomerOrder")["id"]
        a, cfg = full_config(self.emu, self.tok, aid)
        st, r = self.patch(aid, {"name": a["name"], "version": a["version"] - 1, "config": cfg})
        self.assertEqual((st, r["status"], r["code"]), (409, 409, "conflict"))
        st, r = self.patch(aid, {"name": a["name"], "config": cfg})
        self.assertEqual(st, 409)
        self.assertTrue(self.emu.verify()["ok"])

    def test_timeout_validation(self):
        aid = self.by_name("GetCustomerOrder")["id"]
        a, cfg = full_config(self.emu, self.tok, aid)
        for bad in (0, 61, -1, "10", 10.5, True):
            cfg["timeoutSeconds"] = bad
            st, r = self.patch(aid, {"name": a["name"], "version": a["version"], "config": cfg})
            self.assertEqual(st, 400, bad)
        for good in (1, 60):
            a, cfg = full_config(self.emu, self.tok, aid)
            cfg["timeoutSeconds"] = good
            st, r = self.patch(aid, {"name": a["name"], "version": a["version"], "config": cfg})
            self.assertEqual(st, 200, good)

    def test_static_custom_auth_function_rules(self):
        st_ = self.emu.state(summary=True)["actions"]
        static = next(x for x in st_ if x["kind"] == "static")
        auth = next(x for x in st_ if x["kind"] == "customAuth")
        fn = next(x for x in st_ if x["kind"] == "function")
        for x in (static, auth):
            a, cfg = full_config(self.emu, self.tok, x["id"])
            cfg["timeoutSeconds"] = 30
            st, r = self.patch(x["id"], {"name": a["name"], "version": a["version"], "config": cfg})
            self.assertEqual(st, 400, x["kind"])
        a, cfg = full_config(self.emu, self.tok, fn["id"])         # function actions: applied by default
        cfg["timeoutSeconds"] = 30
        st, r = self.patch(fn["id"], {"name": a["name"], "version": a["version"], "config": cfg})
        self.assertEqual((st, r["config"]["timeoutSeconds"]), (200, 30))
        self.assertEqual(set(self.emu.verify()["timeouts_changed"]), {fn["id"]})
        a, cfg = full_config(self.emu, self.tok, auth["id"])       # custom auth without a timeout is fine
        cfg.pop("timeoutSeconds", None)
        st, r = self.patch(auth["id"], {"name": a["name"], "version": a["version"], "config": cfg})
        self.assertEqual(st, 200)

    def test_template_uri_keys_ignored_and_version_increments(self):
        aid = self.by_name("GetCustomerOrder")["id"]
        a, cfg = full_config(self.emu, self.tok, aid)
        cfg["request"]["requestTemplateUri"] = "https://evil.example/x.vm"
        st, r = self.patch(aid, {"name": a["name"], "version": a["version"], "config": cfg})
        self.assertEqual(st, 200)
        self.assertTrue(r["config"]["request"]["requestTemplateUri"].startswith(ACTIONS))
        self.assertTrue(self.emu.verify()["ok"])
        _, _, b = jget(self.emu, ACTIONS + "/" + aid, self.tok)
        self.assertEqual(b["version"], a["version"] + 1)

    def test_malformed_patch_body(self):
        aid = self.by_name("GetCustomerOrder")["id"]
        st, _, raw = self.emu.api("PATCH", ACTIONS + "/" + aid, b"{not json", token=self.tok,
                                  headers={"Content-Type": "application/json"})
        self.assertEqual(st, 400)

    def test_patch_needs_json_content_type_415(self):
        aid = self.by_name("GetCustomerOrder")["id"]
        a, cfg = full_config(self.emu, self.tok, aid)
        body = json.dumps({"name": a["name"], "version": a["version"], "config": cfg}).encode()
        st, _, raw = self.emu.api("PATCH", ACTIONS + "/" + aid, body, token=self.tok,
                                  headers={"Content-Type": "text/plain"})
        self.assertEqual(st, 415)
        st, _, raw = self.emu.api("PATCH", ACTIONS + "/" + aid, body, token=self.tok,
                                  headers={"Content-Type": "application/json; charset=UTF-8"})
        self.assertEqual(st, 200)


# ====================================================================== integrations

class TestIntegrations(DemoBase):
    def test_get_and_list(self):
        st_ = self.emu.state(summary=True)
        iid = st_["integrations"][0]["id"]
        _, _, d = jget(self.emu, "/api/v2/integrations/" + iid, self.tok)
        self.assertEqual(d["integrationType"]["id"], "purecloud-data-actions")
        self.assertEqual(d["intendedState"], "ENABLED")
        self.assertEqual(d["reportedState"]["code"], "ACTIVE")
        ids = [i["id"] for i in st_["integrations"]]
        _, _, d = jget(self.emu, "/api/v2/integrations?pageSize=2&ids=" + ",".join(ids), self.tok)
        self.assertEqual((len(d["entities"]), d["total"], d["pageCount"]), (2, len(ids), 3))
        disabled = [e for e in jget(self.emu, "/api/v2/integrations?pageSize=100", self.tok)[2]["entities"]
                    if e["intendedState"] == "DISABLED"]
        self.assertEqual(disabled[0]["reportedState"]["code"], "INACTIVE")
        many = ",".join(str(uuid.uuid4()) for _ in range(101))
        self.assertEqual(self.emu.api("GET", "/api/v2/integrations?ids=" + many, token=self.tok)[0], 400)
        self.assertEqual(self.emu.api("GET", "/api/v2/integrations/nope", token=self.tok)[0], 404)


# ====================================================================== faults

def raw_exchange(emu, path, token, read_timeout=10):
    """Send one GET on a raw TLS socket and return all bytes until close."""
    s = socket.create_connection((emu.host, emu.port), timeout=read_timeout)
    t = emu.ssl_context().wrap_socket(s, server_hostname="localhost")
    t.sendall(("GET %s HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer %s\r\n"
               "Connection: close\r\n\r\n" % (path, token)).encode())
    out = b""
    try:
        while True:
            b = t.recv(65536)
            if not b:
                break
            out += b
    finally:
        t.close()
    return out


class TestFaults(DemoBase):
    def test_chunked_with_extensions_and_trailer(self):
        self.emu.set_faults(chunked=True)
        st, h, body = self.emu.api("GET", ACTIONS + "?pageSize=100&includeConfig=true", token=self.tok)
        self.assertEqual(st, 200)
        self.assertEqual(h.get("transfer-encoding"), "chunked")
        self.assertEqual(json.loads(body)["total"], 35)
        seen_ext = seen_trailer = False
        for _ in range(8):
            raw = raw_exchange(self.emu, ACTIONS + "?pageSize=100&includeConfig=true", self.tok)
            seen_ext |= b";ext=1\r\n" in raw
            seen_trailer |= raw.endswith(b"0\r\nX-Emu-Trailer: done\r\n\r\n")
        self.assertTrue(seen_ext)
        self.assertTrue(seen_trailer)

    def test_connection_close(self):
        self.emu.set_faults(connection_close=True)
        c = self.emu.connection()
        st, h, _ = self.emu.api("GET", ACTIONS, token=self.tok, conn=c)
        self.assertEqual(h.get("connection"), "close")
        self.assertIsNone(c.sock)                                 # http.client saw the close
        c.close()

    def test_concurrent_editor_409_then_other_edit_survives(self):
        self.emu.snapshot()
        self.emu.set_faults(concurrent_editor=1)
        aid = self.by_name("GetCustomerOrder")["id"]
        a, cfg = full_config(self.emu, self.tok, aid)
        cfg["timeoutSeconds"] = 25
        st, _, r = self.emu.api("PATCH", ACTIONS + "/" + aid, {"name": a["name"], "version": a["version"],
                                                               "config": cfg}, token=self.tok)
        self.assertEqual(st, 409)
        # a careless retry with the stale config but the new version loses the other edit
        a2, cfg2 = full_config(self.emu, self.tok, aid)
        self.assertEqual(a2["version"], a["version"] + 1)
        self.assertIn("X-Edited-By", cfg2["request"]["headers"])
        cfg2["timeoutSeconds"] = 25
        st, _, _ = self.emu.api("PATCH", ACTIONS + "/" + aid, {"name": a2["name"], "version": a2["version"],
                                                               "config": cfg2}, token=self.tok)
        self.assertEqual(st, 200)
        v = self.emu.verify()
        self.assertTrue(v["ok"], v)
        self.assertEqual(v["timeouts_changed"][aid]["after"], 25)
        self.assertEqual(len(v["other_edits"]), 1)
        self.assertIn("concurrent_editor", [r["fault"] for r in self.emu.requests()])

    def test_dropped_patch_answer_applies_the_change_and_resets(self):
        self.emu.snapshot()
        self.emu.set_faults(drop_patch_answer=1)
        aid = self.by_name("GetCustomerOrder")["id"]
        a, cfg = full_config(self.emu, self.tok, aid)
        cfg["timeoutSeconds"] = 20
        with self.assertRaises((ConnectionError, http.client.HTTPException, OSError)):
            self.emu.api("PATCH", ACTIONS + "/" + aid, {"name": a["name"], "version": a["version"],
                                                        "config": cfg}, token=self.tok)
        a2, cfg2 = full_config(self.emu, self.tok, aid)
        self.assertEqual(a2["version"], a["version"] + 1)   # applied though unanswered
        self.assertEqual(cfg2["timeoutSeconds"], 20)
        self.assertIn("drop_patch_answer", [r["fault"] for r in self.emu.requests()])
        # one shot only: the next PATCH is answered
        cfg2["timeoutSeconds"] = 21
        st, _, _ = self.emu.api("PATCH", ACTIONS + "/" + aid, {"name": a2["name"], "version": a2["version"],
                                                               "config": cfg2}, token=self.tok)
        self.assertEqual(st, 200)

    def test_concurrent_editor_lost_edit_is_reported(self):
        self.emu.snapshot()
        self.emu.set_faults(concurrent_editor=1, editor_field="translationMapDefaults")
        aid = self.by_name("GetCustomerOrder")["id"]
        a, cfg = full_config(self.emu, self.tok, aid)
        st, _, _ = self.emu.api("PATCH", ACTIONS + "/" + aid, {"name": a["name"], "version": a["version"],
                                                               "config": cfg}, token=self.tok)
        self.assertEqual(st, 409)
        st, _, _ = self.emu.api("PATCH", ACTIONS + "/" + aid, {"name": a["name"], "version": a["version"] + 1,
                                                               "config": cfg}, token=self.tok)
        self.assertEqual(st, 200)
        v = self.emu.verify()
        self.assertFalse(v["ok"])
        self.assertTrue(any("translationMapDefaults" in d["path"] for d in v["differences"][aid]))
        self.emu.snapshot()

    def test_token_revoked_once(self):
        self.emu.set_faults(revoke_after=1)
        tok = self.emu.token()
        self.assertEqual(self.emu.api("GET", ACTIONS, token=tok)[0], 200)
        st, _, body = self.emu.api("GET", ACTIONS, token=tok)
        self.assertEqual(st, 401)
        self.assertEqual(self.emu.api("GET", ACTIONS, token=tok)[0], 401)     # stays revoked
        self.assertEqual(self.emu.api("GET", ACTIONS)[0], 200)                 # fresh token works
        self.assertEqual([r["status"] for r in self.emu.requests() if r["fault"] == "revoked"], [401])

    def test_429_burst(self):
        self.emu.set_faults(burst_429={"count": 3, "retry_after": 2, "after": 0})
        got = []
        for _ in range(4):
            st, h, _ = self.emu.api("GET", ACTIONS, token=self.tok)
            got.append((st, h.get("retry-after")))
        self.assertEqual(got, [(429, "2")] * 3 + [(200, None)])

    def test_fail_every_n(self):
        self.emu.set_faults(fail_every=2)
        sts = [self.emu.api("GET", ACTIONS, token=self.tok)[0] for _ in range(6)]
        self.assertEqual(sts, [200, 502, 200, 503, 200, 504])

    def test_reset_mid_body_on_selected_page(self):
        self.emu.set_faults(reset_body={"pages": [2], "times": 1})
        self.assertEqual(self.emu.api("GET", ACTIONS + "?pageNumber=1", token=self.tok)[0], 200)
        with self.assertRaises((http.client.IncompleteRead, ConnectionError, ssl.SSLError, OSError)):
            self.emu.api("GET", ACTIONS + "?pageNumber=2&includeConfig=true", token=self.tok)
        self.assertEqual(self.emu.api("GET", ACTIONS + "?pageNumber=2", token=self.tok)[0], 200)
        self.assertIn("reset_body", [r["fault"] for r in self.emu.requests()[-3:]])

    def test_stall_mid_body(self):
        self.emu.set_faults(stall_body={"pages": [1], "times": 1, "seconds": 1.0})
        t = time.time()
        st, _, body = self.emu.api("GET", ACTIONS + "?includeConfig=true", token=self.tok)
        self.assertGreaterEqual(time.time() - t, 0.9)
        self.assertEqual(len(json.loads(body)["entities"]), 25)
        # and a client with a short read timeout gives up
        self.emu.set_faults(stall_body={"pages": [1], "times": 1, "seconds": 2.0})
        with self.assertRaises((socket.timeout, TimeoutError, OSError)):
            self.emu.api("GET", ACTIONS + "?includeConfig=true", token=self.tok,
                         conn=self.emu.connection(timeout=0.5))

    def test_trickle_stall_outlasts_a_read_timeout(self):
        # One byte every 0.3 s for 1.5 s: a client whose reads time out after
        # 1 s still gets the whole page, late.
        self.emu.set_faults(stall_body={"pages": [1], "times": 1, "seconds": 1.5, "trickle": 0.3})
        t = time.time()
        st, _, body = self.emu.api("GET", ACTIONS + "?includeConfig=true", token=self.tok,
                                   conn=self.emu.connection(timeout=1.0))
        self.assertGreaterEqual(time.time() - t, 1.4)
        self.assertEqual(len(json.loads(body)["entities"]), 25)

    def test_malformed_json_page(self):
        self.emu.set_faults(malformed_json={"pages": [2]})
        _, _, b1 = self.emu.api("GET", ACTIONS + "?pageNumber=1", token=self.tok)
        json.loads(b1)
        st, _, b2 = self.emu.api("GET", ACTIONS + "?pageNumber=2", token=self.tok)
        self.assertEqual(st, 200)
        with self.assertRaises(ValueError):
            json.loads(b2)
        json.loads(self.emu.api("GET", ACTIONS + "?pageNumber=2", token=self.tok)[2])   # fired once

    def test_lying_page_count_repeats_last_page(self):
        self.emu.set_faults(lying_page_count=1000)
        _, _, d1 = jget(self.emu, ACTIONS + "?pageNumber=2", self.tok)
        self.assertEqual(d1["pageCount"], 1002)
        self.assertIn("nextUri", d1)
        _, _, d7 = jget(self.emu, ACTIONS + "?pageNumber=7", self.tok)
        self.assertEqual([e["id"] for e in d7["entities"]], [e["id"] for e in d1["entities"]])
        self.assertIn("pageNumber=8", d7["nextUri"])

    def test_evil_next_uri(self):
        self.emu.set_faults(evil_next_uri={"pages": [1]})
        _, _, d = jget(self.emu, ACTIONS, self.tok)
        self.assertTrue(d["nextUri"].startswith("https://evil.example/api/v2/integrations/actions?"))

    def test_evil_next_uri_on_all_pages_at_run_time(self):
        for spec in ({"pages": "all"}, {"pages": "1,2"}, {"pages": 1}):
            self.emu.set_faults(evil_next_uri=spec)
            st, _, d = jget(self.emu, ACTIONS + "?pageSize=5", self.tok)
            self.assertEqual(st, 200, spec)
            self.assertTrue(d["nextUri"].startswith("https://evil.example/"), spec)

    def test_page_fault_with_pages_all_at_run_time(self):
        self.emu.set_faults(malformed_json={"pages": "all", "times": 1})
        st, _, body = self.emu.api("GET", ACTIONS + "?pageSize=5", token=self.tok)
        self.assertEqual(st, 200)
        with self.assertRaises(ValueError):
            json.loads(body)

    def test_faults_independent_and_clearable(self):
        self.emu.set_faults(chunked=True, connection_close=True, fail_every=1000)
        f = self.emu.faults()
        self.assertTrue(f["chunked"] and f["connection_close"])
        self.emu.clear_faults()
        f = self.emu.faults()
        self.assertFalse(f["chunked"] or f["connection_close"] or f["fail_every"])


class TestFaultFlagsAtStart(unittest.TestCase):
    def test_flags(self):
        with Emulator(org="demo", chunked=True, connection_close=True, fail_every=50, burst_429="2:3:0",
                      reset_body="2", stall_body="3", stall_seconds=1, malformed_json="4",
                      lying_page_count=5, evil_next_uri="all", revoke_after=100, concurrent_editor=1) as emu:
            f = emu.faults()
            self.assertTrue(f["chunked"] and f["connection_close"])
            self.assertEqual(f["burst_429"], {"count": 2, "retry_after": 3, "after": 0})
            self.assertEqual(f["reset_body"]["pages"], [2])
            self.assertEqual(f["stall_body"]["seconds"], 1)
            self.assertEqual((f["lying_page_count"], f["evil_next_uri"]["pages"]), (5, []))
            st, h, _ = emu.api("GET", ACTIONS)
            self.assertEqual((st, h["retry-after"]), (429, "3"))


# ====================================================================== control API + verifier

class TestControl(DemoBase):
    def test_state_requests_patches_log(self):
        self.emu.reset()
        aid = self.by_name("GetCustomerOrder")["id"]
        a, cfg = full_config(self.emu, self.tok, aid)
        cfg["timeoutSeconds"] = 12
        self.emu.api("PATCH", ACTIONS + "/" + aid, {"name": a["name"], "version": a["version"],
                                                    "config": cfg}, token=self.tok)
        log = self.emu.requests()
        self.assertEqual([r["method"] for r in log], ["GET", "GET", "GET", "PATCH"])
        self.assertEqual(log[0]["query"], "includeConfig=true&expand=contract")
        self.assertTrue(all(r["peer"] == "127.0.0.1" and r["peer_port"] > 0 for r in log))
        p = self.emu.patches()[-1]
        import base64
        self.assertEqual(json.loads(base64.b64decode(p["body_b64"]))["config"]["timeoutSeconds"], 12)
        self.assertEqual(self.emu.state(ids=[aid])["actions"][0]["config"]["timeoutSeconds"], 12)
        since = log[-1]["seq"]
        self.assertEqual(self.emu.requests(since=since), [])

    def test_mutate_drift_is_visible_and_not_a_difference(self):
        self.emu.snapshot()
        aid = self.by_name("GetCustomerOrder")["id"]
        self.emu.mutate(aid, timeoutSeconds=2)
        _, _, a = jget(self.emu, ACTIONS + "/%s?includeConfig=true" % aid, self.tok)
        self.assertEqual(a["config"]["timeoutSeconds"], 2)
        self.emu.mutate(aid, headers={"X-Drift": "yes"})
        self.assertTrue(self.emu.verify()["ok"])

    def test_verifier_catches_changed_template_header_and_unicode(self):
        self.emu.snapshot()
        aid = self.by_name("GetCustomerOrder")["id"]
        before = self.emu.state(ids=[aid])["actions"][0]["config"]
        t0 = before.get("timeoutSeconds")
        self.emu.mutate(aid, successTemplate=before["response"]["successTemplate"] + " ", as_other_admin=False)
        self.emu.mutate(aid, headers={"X-Tenant": "acme-eu"}, as_other_admin=False)     # lost é
        self.emu.mutate(aid, timeoutSeconds=30, as_other_admin=False)
        v = self.emu.verify()
        self.assertFalse(v["ok"])
        paths = {d["path"]: d for d in v["differences"][aid]}
        self.assertIn("config.response.successTemplate", paths)
        self.assertIn("config.request.headers.X-Tenant", paths)
        self.assertEqual(paths["config.request.headers.X-Tenant"]["first_difference_at"], 5)
        self.assertNotIn("config.timeoutSeconds", paths)
        self.assertEqual(v["timeouts_changed"][aid], {"name": "GetCustomerOrder", "before": t0, "after": 30})
        self.emu.snapshot()
        self.assertTrue(self.emu.verify()["ok"])

    def test_load_org_via_control_api(self):
        other = Emulator(org="empty").start()
        try:
            other.load_org({"integrations": [{"id": "i1", "name": "Mine", "type": "custom-rest-actions"}],
                            "actions": [{"id": "custom_-_a1", "name": "Only", "integrationId": "i1",
                                         "config": {"timeoutSeconds": 4, "request": {
                                             "requestUrlTemplate": "https://x/", "requestType": "GET"}}}]})
            _, _, d = jget(other, ACTIONS + "?includeConfig=true", other.token())
            self.assertEqual([(e["id"], e["config"]["timeoutSeconds"]) for e in d["entities"]], [("custom_-_a1", 4)])
        finally:
            other.stop()

    def test_reloaded_org_serves_its_own_bytes_not_the_cached_ones(self):
        other = Emulator(org="empty").start()
        try:
            def org(timeout):
                return {"integrations": [{"id": "i1", "name": "Mine", "type": "custom-rest-actions"}],
                        "actions": [{"id": "custom_-_a1", "name": "Only", "integrationId": "i1",
                                     "config": {"timeoutSeconds": timeout, "request": {
                                         "requestUrlTemplate": "https://x/", "requestType": "GET"}}}]}
            tok = other.token()
            seen = []
            for timeout in (4, 9):   # same id, same revision 0: only the org differs
                other.load_org(org(timeout))
                _, _, d = jget(other, ACTIONS + "?includeConfig=true", tok)
                seen.append(d["entities"][0]["config"]["timeoutSeconds"])
            self.assertEqual(seen, [4, 9])
        finally:
            other.stop()


class TestOrgFileAndCli(unittest.TestCase):
    def test_org_file_ready_json_and_sigterm(self):
        d = tempfile.mkdtemp()
        orgf = os.path.join(d, "org.json")
        with open(orgf, "w") as f:
            json.dump({"actions": [{"name": "From File", "config": {"request": {
                "requestUrlTemplate": "/x", "requestType": "POST", "requestTemplate": "caf\u00e9"}}}]}, f)
        state = os.path.join(d, "st")
        p = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "gcemu.py"),
                              "--org-file", orgf, "--state-dir", state, "--port", "0"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            ready = os.path.join(state, "ready.json")
            for _ in range(200):
                if os.path.exists(ready):
                    break
                time.sleep(0.05)
            info = json.load(open(ready))
            for k in ("host", "port", "ca_file", "client_id", "client_secret", "pid", "base_url"):
                self.assertIn(k, info)
            self.assertEqual(info["pid"], p.pid)
            self.assertEqual(info["actions"], 1)
        finally:
            p.send_signal(signal.SIGTERM)
            out, _ = p.communicate(timeout=10)
        self.assertEqual(p.returncode, 0, out)
        self.assertIn(b"listening", out)
        self.assertFalse(os.path.exists(ready))



# ====================================================================== drafts, function settings

FN_NAME = "Score Order Risk (Function)"
PLATFORM_DEFAULTS = {"function_patch_refused": None, "function_url_change": "error", "draft_exists_post": "409",
                     "draft_version_start": "one", "draft_patch_version": "bump", "publish_missing_draft": "404",
                     "publish_version": "bump", "draft_delete_status": "204", "patch_with_draft": "apply",
                     "version_conflict": 409}


def draft_config(emu, tok, aid):
    """What a careful client does with a draft: GET it + both draft template texts inline."""
    st, _, d = jget(emu, ACTIONS + "/%s/draft?includeConfig=true" % aid, tok)
    assert st == 200, d
    cfg = d["config"]
    for sect, key, fname in (("request", "requestTemplate", "requesttemplate.vm"),
                             ("response", "successTemplate", "successtemplate.vm")):
        assert cfg[sect].pop(key + "Uri").endswith("/%s/draft/templates/%s" % (aid, fname))
        st2, _, txt = emu.api("GET", ACTIONS + "/%s/draft/templates/%s" % (aid, fname), token=tok,
                              headers={"Accept": "*/*"})
        assert st2 == 200
        cfg[sect][key] = txt.decode("utf-8")
    return d, cfg


class DraftBase(DemoBase):
    def setUp(self):
        super().setUp()
        self.emu.set_options(**PLATFORM_DEFAULTS)
        for a in self.emu.state(summary=True)["actions"]:       # a failed test may leave one
            if a["draft"] is not None:
                self.emu.other_draft(a["id"], delete=True, as_other_admin=False)
        self.emu.snapshot()
        self.emu.reset()
        self.fn = self.by_name(FN_NAME)["id"]

    def post(self, aid, what="", body=None):
        st, h, raw = self.emu.api("POST", ACTIONS + "/%s/draft%s" % (aid, what), body, token=self.tok)
        return st, (json.loads(raw) if raw else None)

    def patch_draft(self, aid, body):
        st, _, raw = self.emu.api("PATCH", ACTIONS + "/%s/draft" % aid, body, token=self.tok)
        return st, json.loads(raw)

    def get_draft(self, aid):
        return jget(self.emu, ACTIONS + "/%s/draft?includeConfig=true" % aid, self.tok)

    def published(self, aid):
        return self.emu.state(ids=[aid])["actions"][0]

    def fix_by_draft(self, aid, timeout):
        """The whole flow as a careful client runs it; returns the publish answer."""
        st, _ = self.post(aid)
        self.assertEqual(st, 200)
        d, cfg = draft_config(self.emu, self.tok, aid)
        cfg["timeoutSeconds"] = timeout
        st, r = self.patch_draft(aid, {"name": d["name"], "category": d["category"], "version": d["version"],
                                       "config": cfg})
        self.assertEqual(st, 200, r)
        _, _, now = jget(self.emu, ACTIONS + "/%s/draft" % aid, self.tok)
        st, r = self.post(aid, "/publish", {"version": now["version"]})
        self.assertEqual(st, 200, r)
        return r


class TestDrafts(DraftBase):
    def test_draft_flow_create_read_patch_publish(self):
        before = self.published(self.fn)
        st, _, body = self.emu.api("GET", ACTIONS + "/%s/draft" % self.fn, token=self.tok)
        self.assertEqual((st, json.loads(body)["code"]), (404, "not.found"))
        st, d = self.post(self.fn)
        self.assertEqual((st, d["id"], d["version"]), (200, self.fn, 1))
        self.assertTrue(d["selfUri"].endswith("/actions/%s/draft" % self.fn))
        self.assertNotIn("requestTemplate", d["config"]["request"])           # the same trap as published
        self.assertEqual(d["config"]["request"]["requestUrlTemplate"],
                         before["config"]["request"]["requestUrlTemplate"])
        d, cfg = draft_config(self.emu, self.tok, self.fn)
        self.assertEqual(cfg["request"]["requestTemplate"], before["config"]["request"]["requestTemplate"])
        self.assertEqual(cfg["response"]["successTemplate"], before["config"]["response"]["successTemplate"])
        cfg["timeoutSeconds"] = 10
        st, r = self.patch_draft(self.fn, {"name": d["name"], "version": 1, "config": cfg})
        self.assertEqual((st, r["version"], r["config"]["timeoutSeconds"]), (200, 2, 10))
        self.assertEqual(self.published(self.fn)["config"]["timeoutSeconds"], 2)   # not live before publish
        v = self.emu.verify()
        self.assertFalse(v["ok"])
        self.assertEqual(v["drafts_left_behind"], [self.fn])
        self.assertEqual(v["differences"][self.fn][-1]["kind"], "left behind")
        st, r = self.post(self.fn, "/publish", {"version": 1})
        self.assertEqual(st, 400)
        self.assertEqual(r["message"], "Supplied version 1 does not match latest draft version 2")
        st, r = self.post(self.fn, "/publish", {})
        self.assertEqual(r["message"], "Supplied version null does not match latest draft version 2")
        st, r = self.post(self.fn, "/publish", {"version": 2})
        self.assertEqual((st, r["version"], r["config"]["timeoutSeconds"]), (200, before["version"] + 1, 10))
        self.assertEqual(self.emu.api("GET", ACTIONS + "/%s/draft" % self.fn, token=self.tok)[0], 404)
        v = self.emu.verify()
        self.assertTrue(v["ok"], v)
        self.assertEqual(v["timeouts_changed"], {self.fn: {"name": FN_NAME, "before": 2, "after": 10}})

    def test_draft_patch_replaces_the_whole_config_and_loses_templates_sent_as_uris(self):
        aid = self.by_name("Send Agentless SMS")["id"]          # drafts exist for any action
        before = self.published(aid)["config"]
        self.post(aid)
        st, _, d = self.get_draft(aid)
        cfg = d["config"]                                       # URIs only, as served
        cfg["timeoutSeconds"] = 20
        del cfg["response"]["translationMapDefaults"]
        st, r = self.patch_draft(aid, {"name": d["name"], "version": d["version"], "config": cfg})
        self.assertEqual(st, 200, r)
        for fname, dflt in (("requesttemplate.vm", b"${input.rawRequest}"), ("successtemplate.vm", b"${rawResult}")):
            st, _, txt = self.emu.api("GET", ACTIONS + "/%s/draft/templates/%s" % (aid, fname), token=self.tok,
                                      headers={"Accept": "*/*"})
            self.assertEqual((st, txt), (200, dflt))
        self.post(aid, "/publish", {"version": d["version"] + 1})
        after = self.published(aid)["config"]
        self.assertNotIn("translationMapDefaults", after["response"])
        self.assertNotEqual(after["request"]["requestTemplate"], before["request"]["requestTemplate"])
        paths = {x["path"] for x in self.emu.verify()["differences"][aid]}
        self.assertTrue({"config.request.requestTemplate", "config.response.successTemplate",
                         "config.response.translationMapDefaults"} <= paths, paths)
        p = self.emu.patches()[-1]
        self.assertTrue(p["draft"])
        self.assertFalse(p["config_json_equal_except_timeout"])
        self.emu.snapshot()

    def test_draft_patch_version_rule_and_delete(self):
        self.post(self.fn)
        d, cfg = draft_config(self.emu, self.tok, self.fn)
        st, r = self.patch_draft(self.fn, {"version": 7, "config": cfg})
        self.assertEqual((st, r["code"]), (409, "conflict"))
        st, r = self.patch_draft(self.fn, {"config": cfg})
        self.assertEqual(st, 409)
        self.emu.set_options(version_conflict=400)
        st, r = self.patch_draft(self.fn, {"version": 7, "config": cfg})
        self.assertEqual(st, 400)
        self.assertIn("does not match the current draft version 1", r["message"])
        st, h, body = self.emu.api("DELETE", ACTIONS + "/%s/draft" % self.fn, token=self.tok)
        self.assertEqual((st, body), (204, b""))
        self.assertNotIn("content-length", h)
        self.assertEqual(self.emu.api("DELETE", ACTIONS + "/%s/draft" % self.fn, token=self.tok)[0], 404)
        self.assertEqual(self.emu.api("GET", ACTIONS + "/%s/draft" % self.fn, token=self.tok)[0], 404)
        self.assertTrue(self.emu.verify()["ok"])                 # created and deleted: nothing left
        self.emu.set_options(draft_delete_status="200")
        self.post(self.fn)
        st, h, body = self.emu.api("DELETE", ACTIONS + "/%s/draft" % self.fn, token=self.tok)
        self.assertEqual((st, body, h["content-length"]), (200, b"", "0"))

    def test_post_draft_when_one_exists_and_publish_without_one(self):
        st, first = self.post(self.fn)
        st, r = self.post(self.fn)
        self.assertEqual((st, r["code"]), (409, "conflict"))
        self.assertIn("already exists", r["message"])
        self.emu.set_options(draft_exists_post="400")
        self.assertEqual(self.post(self.fn)[0], 400)
        self.emu.set_options(draft_exists_post="return")
        st, again = self.post(self.fn)
        self.assertEqual((st, again["version"]), (200, first["version"]))
        self.emu.api("DELETE", ACTIONS + "/%s/draft" % self.fn, token=self.tok)
        st, r = self.post(self.fn, "/publish", {"version": 1})
        self.assertEqual((st, r["code"]), (404, "not.found"))
        self.emu.set_options(publish_missing_draft="400")
        self.assertEqual(self.post(self.fn, "/publish", {"version": 1})[0], 400)
        self.assertTrue(self.emu.verify()["ok"])

    def test_version_variants(self):
        pub = self.published(self.fn)["version"]
        self.emu.set_options(draft_version_start="published", draft_patch_version="same", publish_version="draft")
        st, d = self.post(self.fn)
        self.assertEqual(d["version"], pub)
        d, cfg = draft_config(self.emu, self.tok, self.fn)
        st, r = self.patch_draft(self.fn, {"version": pub, "config": cfg})
        self.assertEqual((st, r["version"]), (200, pub))
        st, r = self.post(self.fn, "/publish", {"version": pub})
        self.assertEqual((st, r["version"]), (200, pub))
        self.assertTrue(self.emu.verify()["ok"])

    def test_static_actions_have_no_drafts_and_validation_schemas_function_of_a_draft(self):
        static = next(a for a in self.emu.state(summary=True)["actions"] if a["kind"] == "static")
        self.assertEqual(self.post(static["id"])[0], 400)
        self.post(self.fn)
        _, _, v = jget(self.emu, ACTIONS + "/%s/draft/validation" % self.fn, self.tok)
        self.assertEqual(v, {"valid": True, "errors": []})
        st, _, s = jget(self.emu, ACTIONS + "/%s/draft/schemas/inputschema.json" % self.fn, self.tok)
        self.assertEqual((st, s["type"]), (200, "object"))
        st, _, f = jget(self.emu, ACTIONS + "/%s/draft/function" % self.fn, self.tok)
        self.assertEqual((st, f["function"]["timeoutSeconds"]), (200, 8))
        self.assertTrue(f["selfUri"].endswith("/draft/function"))
        self.emu.api("DELETE", ACTIONS + "/%s/draft" % self.fn, token=self.tok)

    def test_function_url_is_read_only(self):
        a, cfg = full_config(self.emu, self.tok, self.fn)
        url = cfg["request"]["requestUrlTemplate"]
        cfg["request"]["requestUrlTemplate"] = "fn:00000000-0000-4000-8000-000000000000"
        body = {"name": a["name"], "version": a["version"], "config": cfg}
        st, _, raw = self.emu.api("PATCH", ACTIONS + "/" + self.fn, body, token=self.tok)
        self.assertEqual(st, 400)
        self.assertIn("read-only", json.loads(raw)["message"])
        self.emu.set_options(function_url_change="ignore")
        st, _, raw = self.emu.api("PATCH", ACTIONS + "/" + self.fn, body, token=self.tok)
        self.assertEqual(st, 200)
        self.assertEqual(json.loads(raw)["config"]["request"]["requestUrlTemplate"], url)
        self.assertTrue(self.emu.verify()["ok"])


class TestFunctionActions(DraftBase):
    def test_plain_patch_applied_by_default_refused_under_the_switch(self):
        was = self.published(self.fn)["config"]["timeoutSeconds"]
        for wording, needle in (("draft", "draft"), ("function", "function-data-actions")):
            self.emu.set_options(function_patch_refused=wording)
            a, cfg = full_config(self.emu, self.tok, self.fn)
            cfg["timeoutSeconds"] = 9
            st, _, raw = self.emu.api("PATCH", ACTIONS + "/" + self.fn, {"name": a["name"], "version": a["version"],
                                                                        "config": cfg}, token=self.tok)
            e = json.loads(raw)
            self.assertEqual((st, e["status"], e["code"]), (400, 400, "bad.request"), wording)
            self.assertIn(needle, e["message"])
            self.assertNotIn("version", e["message"])     # never mistaken for a version conflict
        self.assertEqual(self.published(self.fn)["config"]["timeoutSeconds"], was)
        self.fix_by_draft(self.fn, 9)                       # the fallback still works when refused
        self.assertEqual(self.published(self.fn)["config"]["timeoutSeconds"], 9)
        self.assertTrue(self.emu.verify()["ok"])
        self.emu.set_options(function_patch_refused=None)
        a, cfg = full_config(self.emu, self.tok, self.fn)
        cfg["timeoutSeconds"] = 4
        st, _, _ = self.emu.api("PATCH", ACTIONS + "/" + self.fn, {"name": a["name"], "version": a["version"],
                                                                   "config": cfg}, token=self.tok)
        self.assertEqual(st, 200)
        self.assertEqual(self.published(self.fn)["config"]["timeoutSeconds"], 4)
        self.assertTrue(self.emu.verify()["ok"])

    def test_plain_patch_while_a_draft_exists(self):
        was = self.published(self.fn)["config"].get("timeoutSeconds")
        self.emu.other_draft(self.fn, headers={"X-Theirs": "1"})
        a, cfg = full_config(self.emu, self.tok, self.fn)
        cfg["timeoutSeconds"] = 6 if was != 6 else 7
        body = {"name": a["name"], "version": a["version"], "config": cfg}
        self.emu.set_options(patch_with_draft="refuse")
        st, _, raw = self.emu.api("PATCH", ACTIONS + "/" + self.fn, body, token=self.tok)
        self.assertEqual(st, 400)
        self.assertIn("unpublished draft", json.loads(raw)["message"])
        self.emu.set_options(patch_with_draft="apply")
        st, _, raw = self.emu.api("PATCH", ACTIONS + "/" + self.fn, body, token=self.tok)
        self.assertEqual(st, 200)
        _, _, d = self.get_draft(self.fn)
        self.assertEqual(d["config"].get("timeoutSeconds"), was)   # the draft kept what it copied
        v = self.emu.verify()
        self.assertTrue(v["ok"], v)                              # their draft is untouched
        self.emu.other_draft(self.fn, delete=True)

    def test_concurrent_editor_hits_a_function_actions_plain_patch(self):
        self.emu.set_faults(concurrent_editor=-1)
        a, cfg = full_config(self.emu, self.tok, self.fn)
        cfg["timeoutSeconds"] = 13
        body = {"name": a["name"], "version": a["version"], "config": cfg}
        self.assertEqual(self.emu.api("PATCH", ACTIONS + "/" + self.fn, body, token=self.tok)[0], 409)
        a, cfg = full_config(self.emu, self.tok, self.fn)
        cfg["timeoutSeconds"] = 13
        body = {"name": a["name"], "version": a["version"], "config": cfg}
        self.assertEqual(self.emu.api("PATCH", ACTIONS + "/" + self.fn, body, token=self.tok)[0], 200)
        v = self.emu.verify()
        self.assertTrue(v["ok"], v)
        self.assertEqual(v["timeouts_changed"][self.fn]["after"], 13)

    def test_function_settings(self):
        st, _, f = jget(self.emu, ACTIONS + "/%s/function" % self.fn, self.tok)
        self.assertEqual(st, 200)
        self.assertEqual(set(f), {"id", "function", "zip", "selfUri"})
        fn = f["function"]
        self.assertEqual((fn["timeoutSeconds"], fn["runtime"], fn["handler"]), (8, "nodejs20.x", "src/index.handler"))
        self.assertEqual(fn["zipId"], f["zip"]["id"])
        self.assertTrue(1 <= fn["timeoutSeconds"] <= 15)
        gco = self.by_name("GetCustomerOrder")["id"]
        self.assertEqual(self.emu.api("GET", ACTIONS + "/%s/function" % gco, token=self.tok)[0], 404)
        self.emu.mutate(self.fn, function={"timeoutSeconds": 3})       # another admin: kept
        _, _, f = jget(self.emu, ACTIONS + "/%s/function" % self.fn, self.tok)
        self.assertEqual(f["function"]["timeoutSeconds"], 3)
        self.assertTrue(self.emu.verify()["ok"])
        self.emu.mutate(self.fn, function={"timeoutSeconds": 15}, as_other_admin=False)
        paths = {d["path"] for d in self.emu.verify()["differences"][self.fn]}
        self.assertEqual(paths, {"function.timeoutSeconds"})
        self.emu.mutate(self.fn, function={"timeoutSeconds": 8})
        self.emu.snapshot()


class TestDraftFaults(DraftBase):
    def test_someone_elses_draft_exists_and_must_survive(self):
        self.emu.set_faults(draft_exists=1)
        st, _, d = self.get_draft(self.fn)
        self.assertEqual((st, d["version"]), (200, 1))
        self.assertEqual(d["config"]["request"]["headers"]["X-Draft-By"], "other-admin \u00e9")
        self.assertTrue(self.emu.verify()["ok"])                          # theirs, from the start
        st, r = self.post(self.fn)
        self.assertEqual(st, 409)
        self.assertEqual(self.emu.state(ids=[self.fn], summary=True)["actions"][0]["draft"], 1)   # untouched
        st, _, _ = self.emu.api("DELETE", ACTIONS + "/%s/draft" % self.fn, token=self.tok)
        self.assertEqual(st, 204)
        v = self.emu.verify()
        self.assertEqual([x["kind"] for x in v["differences"][self.fn]], ["removed"])
        self.emu.snapshot()

    def test_control_api_draft_of_another_editor(self):
        aid = self.by_name("Lookup Order Status")["id"]
        o = self.emu.other_draft(aid, headers={"X-Theirs": "1"})
        self.assertEqual((o["owner"], o["version"]), ("other", 1))
        st, _, d = self.get_draft(aid)
        self.assertEqual(d["config"]["request"]["headers"]["X-Theirs"], "1")
        self.assertTrue(self.emu.verify()["ok"])
        self.emu.other_draft(aid, delete=True)
        self.assertTrue(self.emu.verify()["ok"])

    def test_editor_edits_the_draft_after_create_patch_gets_409_then_both_changes_kept(self):
        self.emu.set_faults(draft_editor={"after": "create", "then": "edit"})
        st, d = self.post(self.fn)
        self.assertEqual(d["version"], 1)                         # the answer predates their edit
        stale_cfg = draft_config(self.emu, self.tok, self.fn)[1]
        self.assertIn("X-Edited-By", stale_cfg["request"]["headers"])    # already in the draft now
        st, r = self.patch_draft(self.fn, {"version": 1, "config": stale_cfg})
        self.assertEqual(st, 409)
        d, cfg = draft_config(self.emu, self.tok, self.fn)
        cfg["timeoutSeconds"] = 14
        st, r = self.patch_draft(self.fn, {"version": d["version"], "config": cfg})
        self.assertEqual(st, 200)
        st, r = self.post(self.fn, "/publish", {"version": r["version"]})
        self.assertEqual(st, 200, r)
        v = self.emu.verify()
        self.assertTrue(v["ok"], v)
        self.assertEqual(v["timeouts_changed"][self.fn]["after"], 14)
        self.assertEqual(len(v["other_edits"]), 1)
        self.assertIn("draft_editor", [q["fault"] for q in self.emu.requests()])

    def test_editor_edits_after_patch_publish_with_the_old_version_is_refused(self):
        self.emu.set_faults(draft_editor={"after": "patch", "then": "edit"})
        self.post(self.fn)
        d, cfg = draft_config(self.emu, self.tok, self.fn)
        cfg["timeoutSeconds"] = 12
        st, r = self.patch_draft(self.fn, {"version": d["version"], "config": cfg})
        self.assertEqual((st, r["version"]), (200, 2))
        st, e = self.post(self.fn, "/publish", {"version": 2})
        self.assertEqual((st, e["message"]), (400, "Supplied version 2 does not match latest draft version 3"))
        self.post(self.fn, "/publish", {"version": 3})
        v = self.emu.verify()
        self.assertTrue(v["ok"], v)
        self.assertEqual(v["timeouts_changed"][self.fn]["after"], 12)

    def test_editor_publishes_after_patch_client_publish_finds_no_draft_both_kept(self):
        self.emu.set_faults(draft_editor={"after": "patch", "then": "publish"}, editor_field="translationMapDefaults")
        self.post(self.fn)
        d, cfg = draft_config(self.emu, self.tok, self.fn)
        cfg["timeoutSeconds"] = 16
        self.patch_draft(self.fn, {"version": d["version"], "config": cfg})
        st, e = self.post(self.fn, "/publish", {"version": 2})
        self.assertEqual(st, 404)
        pub = self.published(self.fn)
        self.assertEqual(pub["config"]["timeoutSeconds"], 16)
        self.assertIn("edited by other-admin", json.dumps(pub["config"]["response"]["translationMapDefaults"]))
        self.assertTrue(self.emu.verify()["ok"])

    def test_editor_publishes_after_create_the_client_must_redo(self):
        self.emu.set_faults(draft_editor={"after": "create", "then": "publish"})
        self.post(self.fn)
        st, r = self.patch_draft(self.fn, {"version": 1, "config": full_config(self.emu, self.tok, self.fn)[1]})
        self.assertEqual(st, 404)                                  # their publish took the draft away
        self.fix_by_draft(self.fn, 7)                              # redo from the new published state
        v = self.emu.verify()
        self.assertTrue(v["ok"], v)
        self.assertEqual(v["timeouts_changed"][self.fn]["after"], 7)
        self.assertIn("X-Edited-By", self.published(self.fn)["config"]["request"]["headers"])

    def test_lost_publish_answer_is_published_anyway(self):
        self.emu.set_faults(drop_publish_answer=1)
        with self.assertRaises((http.client.RemoteDisconnected, ConnectionError, ssl.SSLError, OSError)):
            self.fix_by_draft(self.fn, 11)
        self.assertEqual(self.published(self.fn)["config"]["timeoutSeconds"], 11)
        self.assertEqual(self.emu.api("GET", ACTIONS + "/%s/draft" % self.fn, token=self.tok)[0], 404)
        self.assertEqual([r["fault"] for r in self.emu.requests() if r["path"].endswith("/publish")],
                         ["drop_publish_answer"])
        self.assertTrue(self.emu.verify()["ok"])

    def test_a_draft_step_fails_and_changes_nothing(self):
        self.emu.set_faults(draft_step_fails={"step": "patch", "status": 500, "times": 1})
        self.post(self.fn)
        d, cfg = draft_config(self.emu, self.tok, self.fn)
        cfg["timeoutSeconds"] = 15
        st, r = self.patch_draft(self.fn, {"version": d["version"], "config": cfg})
        self.assertEqual((st, r["code"]), (500, "internal.server.error"))
        _, _, now = self.get_draft(self.fn)
        self.assertEqual(now["version"], d["version"])                    # nothing applied
        self.assertEqual(self.emu.verify()["drafts_left_behind"], [self.fn])
        st, _, _ = self.emu.api("DELETE", ACTIONS + "/%s/draft" % self.fn, token=self.tok)
        self.assertEqual(st, 204)                                         # the clean-up a client owes
        self.assertTrue(self.emu.verify()["ok"])
        self.assertEqual([q["fault"] for q in self.emu.requests() if q["method"] == "PATCH"], ["draft_step_fails"])
        for step in ("read", "create", "templates", "publish", "delete"):
            self.emu.set_faults(draft_step_fails={"step": step, "status": 503})
            path = {"read": "", "create": "", "templates": "/templates/requesttemplate.vm",
                    "publish": "/publish", "delete": ""}[step]
            method = {"read": "GET", "create": "POST", "templates": "GET", "publish": "POST",
                      "delete": "DELETE"}[step]
            st, _, _ = self.emu.api(method, ACTIONS + "/%s/draft%s" % (self.fn, path),
                                    {} if method == "POST" else None, token=self.tok, headers={"Accept": "*/*"})
            self.assertEqual(st, 503, step)
        self.assertTrue(self.emu.verify()["ok"])

    def test_a_failure_mid_flow_shows_the_draft_left_behind(self):
        self.post(self.fn)
        v = self.emu.verify()
        self.assertEqual(v["drafts_left_behind"], [self.fn])
        self.assertEqual(v["differences"][self.fn], [{"path": "draft", "kind": "left behind",
                                                      "after": {"owner": "client", "version": 1}}])


# ====================================================================== permissions

class TestPermissions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator(org="demo", rate_limit=0,
                           permissions="integrations:action:view,integrations:integration:view",
                           client=["nobody:n0-secret:none", "editor:ed-secret"]).start()

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()

    def forbidden(self, st, h, raw, code, perm):
        self.assertEqual(st, 403)
        e = json.loads(raw)
        self.assertEqual((e["status"], e["code"]), (403, code))
        self.assertIn(perm, e["message"])
        self.assertIn(perm, e["messageParams"]["permissions"])
        self.assertEqual(e["contextId"], h["inin-correlation-id"])
        return e

    def test_a_role_without_edit_reads_but_cannot_change(self):
        tok = self.emu.token()
        self.assertEqual(self.emu.api("GET", ACTIONS + "?includeConfig=true", token=tok)[0], 200)
        gco = self.emu.action_by_name("GetCustomerOrder")["id"]
        fn = self.emu.action_by_name(FN_NAME)["id"]
        a, cfg = full_config(self.emu, tok, gco)
        st, h, raw = self.emu.api("PATCH", ACTIONS + "/" + gco, {"name": a["name"], "version": a["version"],
                                                                 "config": cfg}, token=tok)
        e = self.forbidden(st, h, raw, "missing.permissions", "integrations:action:edit")
        self.assertEqual(e["message"], "Unable to perform the requested action. You are missing the following "
                                       "permission(s): [integrations:action:edit]")
        for method, path in (("POST", "/draft"), ("PATCH", "/draft"), ("DELETE", "/draft"),
                             ("POST", "/draft/publish"), ("GET", "/draft/validation")):
            st, h, raw = self.emu.api(method, ACTIONS + "/" + fn + path, {} if method != "DELETE" else None, token=tok)
            self.forbidden(st, h, raw, "missing.permissions", "integrations:action:edit")
        st, h, raw = self.emu.api("GET", ACTIONS + "/%s/function" % fn, token=tok)
        self.forbidden(st, h, raw, "missing.permissions", "integrations:actionFunction:view")
        self.assertEqual(self.emu.api("GET", "/api/v2/integrations", token=tok)[0], 200)
        self.assertEqual(self.emu.patches(), [])                 # refused before the endpoint
        self.assertTrue(self.emu.verify()["ok"])

    def test_a_role_without_view(self):
        tok = self.emu.token("nobody", "n0-secret")
        st, h, raw = self.emu.api("GET", ACTIONS, token=tok)
        e = self.forbidden(st, h, raw, "missing.any.permissions", "integrations:action:view")
        self.assertIn("at least one of", e["message"])
        st, h, raw = self.emu.api("GET", "/api/v2/integrations/5f0c2a52-6a3c-4a53-9d0b-8d7e0b1c0001", token=tok)
        self.forbidden(st, h, raw, "missing.permissions", "integrations:integration:view")
        self.assertEqual(self.emu.api("GET", ACTIONS, token=self.emu.token("editor", "ed-secret"))[0], 200)

    def test_roles_change_at_run_time(self):
        self.emu.set_client("nobody", permissions=["integrations:action:view", "bridge:actions:view"])
        tok = self.emu.token("nobody", "n0-secret")
        self.assertEqual(self.emu.api("GET", ACTIONS, token=tok)[0], 200)
        self.emu.set_client("nobody", permissions=["bridge:actions:view"])          # either view permission
        self.assertEqual(self.emu.api("GET", ACTIONS, token=tok)[0], 200)
        self.emu.set_client("nobody", permissions="none")
        self.assertEqual(self.emu.api("GET", ACTIONS, token=tok)[0], 403)          # the same token, at once
        clients = {c["id"]: c["permissions"] for c in self.emu._ctl("GET", "clients")["clients"]}
        self.assertEqual(clients["nobody"], [])
        self.assertIn("integrations:action:edit", clients["editor"])
        with self.assertRaises(RuntimeError):
            self.emu.set_client("nobody", permissions="integrations:everything")


# ====================================================================== paging lies

class TestPagingLies(DemoBase):
    def walk(self, limit=8, size=25):
        ids, uri, pages = [], ACTIONS + "?pageSize=%d" % size, []
        while uri and len(pages) < limit:
            _, _, d = jget(self.emu, uri, self.tok)
            pages.append(d)
            ids += [e["id"] for e in d["entities"]]
            uri = d.get("nextUri")
        return pages, ids

    def test_repeat(self):
        self.emu.set_faults(paging_lie="repeat")
        pages, ids = self.walk(limit=20)
        self.assertEqual(pages[0]["pageCount"], 12)              # 2 real pages + 10 claimed
        self.assertEqual(len(pages), 12)
        self.assertNotIn("nextUri", pages[-1])
        self.assertEqual([e["id"] for e in pages[5]["entities"]], [e["id"] for e in pages[1]["entities"]])

    def test_endless_repeats_the_last_page_with_a_next_uri_forever(self):
        self.emu.set_faults(paging_lie="endless")
        pages, ids = self.walk()
        self.assertEqual(len(pages), 8)                          # the walk had to be cut
        self.assertEqual({p["pageCount"] for p in pages}, {2})   # pageCount tells the truth
        self.assertTrue(all("nextUri" in p for p in pages))
        self.assertEqual(len(set(ids)), 35)
        self.assertEqual([e["id"] for e in pages[7]["entities"]], [e["id"] for e in pages[1]["entities"]])

    def test_endless_empty_pages(self):
        self.emu.set_faults(paging_lie="endless-empty")
        pages, ids = self.walk()
        self.assertEqual(len(pages), 8)
        self.assertEqual([len(p["entities"]) for p in pages], [25, 10, 0, 0, 0, 0, 0, 0])
        self.assertTrue(all("nextUri" in p for p in pages))
        self.assertEqual(len(ids), len(set(ids)))

    def test_bad_values_are_refused(self):
        for k, v in (("paging_lie", "sometimes"), ("draft_editor", {"after": "never"}),
                     ("draft_step_fails", {"step": "lunch"})):
            with self.assertRaises(RuntimeError):
                self.emu.set_faults(**{k: v})


class TestNewSwitchesAtStart(unittest.TestCase):
    def test_flags(self):
        with Emulator(org="demo", paging_lie="endless-empty", draft_exists=-1, draft_editor="patch:publish:2",
                      drop_publish_answer=1, function_patch_refused="function", draft_exists_post="return",
                      draft_step_fails="publish:502:2", permissions="none") as emu:
            f = emu.faults()
            self.assertEqual((f["paging_lie"], f["draft_exists"], f["drop_publish_answer"]), ("endless-empty", -1, 1))
            self.assertEqual(f["draft_editor"], {"after": "patch", "then": "publish", "count": 2})
            self.assertEqual(f["draft_step_fails"], {"step": "publish", "status": 502, "times": 2})
            o = emu._ctl("GET", "options")
            self.assertEqual((o["function_patch_refused"], o["draft_exists_post"], o["permissions"]),
                             ("function", "return", []))
            self.assertEqual(emu.api("GET", ACTIONS)[0], 403)

    def test_bad_flags_exit_2(self):
        for args in (["--permissions", "integrations:nothing"], ["--client", "no-secret"],
                     ["--draft-editor", "later:edit"]):
            p = subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gcemu.py"), "--org",
                                "empty", "--port", "0", "--state-dir", tempfile.mkdtemp()] + args,
                               capture_output=True, text=True, timeout=60)
            self.assertEqual(p.returncode, 2, (args, p.stderr))


# ====================================================================== TLS

class TestTLS(unittest.TestCase):
    def handshake(self, emu, ctx, name="localhost"):
        s = socket.create_connection(("127.0.0.1", emu.port), timeout=5)
        t = ctx.wrap_socket(s, server_hostname=name)
        v = t.version()
        t.close()
        return v

    def test_default_tls12_and_13_rsa_and_extra_san(self):
        with Emulator(org="empty", key_type="rsa", san=["10.0.2.2", "gcheal.test"]) as emu:
            ctx = emu.ssl_context()
            self.assertEqual(self.handshake(emu, ctx), "TLSv1.3")
            ctx.maximum_version = ssl.TLSVersion.TLSv1_2
            self.assertEqual(self.handshake(emu, ctx), "TLSv1.2")
            self.assertEqual(self.handshake(emu, emu.ssl_context(), "127.0.0.1"), "TLSv1.3")
            txt = subprocess.run(["openssl", "x509", "-in", emu.info["state_dir"] + "/pki/server.pem",
                                  "-noout", "-text"], capture_output=True, text=True).stdout
            self.assertIn("IP Address:10.0.2.2", txt)
            self.assertIn("DNS:gcheal.test", txt)
            self.assertIn("rsaEncryption", txt)

    def test_expired_certificate(self):
        with Emulator(org="empty", expired_cert=True) as emu:
            with self.assertRaises(ssl.SSLCertVerificationError) as cm:
                self.handshake(emu, emu.ssl_context())
            self.assertIn("expired", str(cm.exception))
            time.sleep(0.2)
            self.assertTrue(emu.tls_failures())

    def test_wrong_hostname_certificate(self):
        with Emulator(org="empty", wrong_host_cert=True) as emu:
            with self.assertRaises(ssl.SSLCertVerificationError) as cm:
                self.handshake(emu, emu.ssl_context())
            self.assertIn("mismatch", str(cm.exception).lower())

    def test_old_tls_only(self):
        with Emulator(org="empty", tls_max="1.1") as emu:
            with self.assertRaises(ssl.SSLError):
                self.handshake(emu, emu.ssl_context())          # modern client: min TLS 1.2
            ctx = emu.ssl_context()
            ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
            ctx.minimum_version = ssl.TLSVersion.TLSv1
            try:
                v = self.handshake(emu, ctx)
            except ssl.SSLError:
                self.skipTest("local OpenSSL cannot speak TLS 1.1 as a client")
            self.assertEqual(v, "TLSv1.1")


if __name__ == "__main__":
    unittest.main()
