"""The integration scenarios over lwIP (build/gcheal-lwip on a TAP device).

Each scenario is judged like its POSIX twin in tests/integration (exit status,
--json report, emulator verifier), and every run is also checked for the proof
that lwIP carried the traffic:
  * the emulator saw every request come from the lwIP netif's address, never
    from the kernel side of the link (the kernel has no such address here);
  * the TCP statistics gcheal-lwip prints at exit are there, non-zero and agree
    with the emulator's log (segments >= requests, an active open for every
    connection the emulator saw, no more retransmits than segments, every
    segment a frame on the TAP device).
The heap stays unused: the binary is linked with the aborting allocator wrappers.
"""
import base64
import json
import os
import re
import subprocess
import sys
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import gcheal_case  # noqa: E402
import test_faults as posix_faults  # noqa: E402
import test_proxy as posix_proxy  # noqa: E402
import test_scan as posix_scan  # noqa: E402

LWIP_IP = os.environ.get("GCH_LWIP_IP", "10.203.0.2")
KERNEL_IP = os.environ.get("GCH_LWIP_KERNEL_IP", "10.203.0.1")
GCO = "custom_-_8d3c1f7e-2b4a-4e0d-9a61-0c5b7e9f3a21"  # GetCustomerOrder, 3 s, tricky templates

TCP_LINE = re.compile(r"^gcheal-lwip: tcp (.*)$", re.M)
POOL_LINE = re.compile(r"^gcheal-lwip: pools \(in use/peak/size\) (.*)$", re.M)


def parse_stats(stderr):
    """-> ({counter: int}, {pool: (used, peak, size)}) from gcheal-lwip's exit lines."""
    tcp = TCP_LINE.search(stderr)
    pools = POOL_LINE.search(stderr)
    if not tcp or not pools:
        return None, None
    counters = {k: int(v) for k, v in re.findall(r"([a-z-]+)=(\d+)", tcp.group(1))}
    sizes = {k: tuple(int(x) for x in v.split("/"))
             for k, v in re.findall(r"([A-Za-z_]+)=(\d+/\d+/\d+)", pools.group(1))}
    return counters, sizes


class LwipRun:
    """Mixin: the emulator on the kernel side of the TAP link, gcheal-lwip
    pointed at it by address, and the lwIP checks after every run."""

    def setUp(self):
        self.EMU = dict(type(self).EMU, host=KERNEL_IP, san=[KERNEL_IP])
        super().setUp()

    def gcheal(self, *args, **kw):
        where = "%s:%d" % (KERNEL_IP, self.emu.port)
        seen = len(self.emu.requests())
        r = gcheal_case.run_gcheal(self.emu, "--api-host", where, "--login-host", where, *args,
                                   hosts=False, **kw)
        self.assertEqual(r.bad_lines, [], "stdout is not JSON lines: %r" % r)
        self.assert_lwip_carried(r, self.emu.requests()[seen:])
        return r

    def assert_lwip_carried(self, r, requests):
        self.assertTrue(requests, "the emulator saw no request: %r" % r)
        peers = {q["peer"] for q in requests}
        self.assertEqual(peers, {LWIP_IP}, "requests not from the lwIP netif: %r" % r)
        c, pools = parse_stats(r.stderr)
        self.assertIsNotNone(c, "no lwIP statistics on stderr: %r" % r)
        connections = {q["peer_port"] for q in requests}
        self.assertGreaterEqual(c["sent"], len(requests), r)
        self.assertGreaterEqual(c["received"], len(requests), r)
        self.assertGreaterEqual(c["opens"], len(connections), r)
        self.assertEqual(c["failed-opens"], 0, r)
        self.assertLessEqual(c["retransmits"], c["sent"], r)
        self.assertGreaterEqual(c["frames-out"], c["sent"], r)
        self.assertGreaterEqual(c["frames-in"], c["received"], r)
        self.assertEqual(c["chkerr"], 0, r)
        for name, (used, peak, size) in pools.items():
            self.assertLessEqual(used, peak, name)
            self.assertLessEqual(peak, size, name)
        self.assertGreater(pools["TCP_PCB"][1], 0, r)
        self.assertGreater(pools["PBUF_POOL"][1], 0, r)
        self.last_stats = (c, pools)


class TestLwipDemo(LwipRun, gcheal_case.EmuCase):
    test_basic_scan = posix_scan.TestScan.test_scan_exits_1_and_reports_getcustomerorder_at_3s

    def test_fix_preserves_templates_and_every_other_field(self):
        want = self.restrictive()
        before = self.emu.state(ids=[GCO])["actions"][0]["config"]
        r = self.gcheal("fix")
        self.assertEqual(r.rc, 5, r)  # the static and the function action are skipped
        self.assert_fixed(r, want)
        self.assertEqual(r.summary["fixed"], len(want))
        self.assert_verified(expect_changed=want)
        for p in self.emu.patches():
            self.assertEqual(p["status"], 200, p)
            self.assertTrue(p["config_json_equal_except_timeout"], p["action_id"])
        after = self.emu.state(ids=[GCO])["actions"][0]["config"]
        self.assertEqual(after["timeoutSeconds"], 5)
        self.assertEqual({k: v for k, v in after.items() if k != "timeoutSeconds"},
                         {k: v for k, v in before.items() if k != "timeoutSeconds"})
        gco_patch = next(p for p in self.emu.patches() if p["action_id"] == GCO)
        body = json.loads(base64.b64decode(gco_patch["body_b64"]))
        self.assertEqual(body["config"]["request"]["requestTemplate"],
                         before["request"]["requestTemplate"])

    def test_refused_connection_is_an_error_not_a_hang(self):
        # Nothing listens on port 9 in the namespace: the kernel answers the SYN with a RST.
        where = "%s:9" % KERNEL_IP
        r = gcheal_case.run_gcheal(self.emu, "--api-host", where, "--login-host", where,
                                   "--io-timeout", "10", "scan", hosts=False, timeout=60)
        self.assertEqual(r.rc, 4, r)
        self.assertIn("connection failed", r.stderr, r)
        # Every attempt (the core backs off and retries) was ended by the peer's RST,
        # not by the 10 s deadline: one open and one segment received per attempt.
        c, _ = parse_stats(r.stderr)
        attempts = r.stderr.count("backing off") + 1
        self.assertEqual(c["opens"], attempts, r)
        self.assertGreaterEqual(c["received"], attempts, r)
        self.assertLess(r.elapsed, attempts * 10, r)
        self.assertEqual(self.emu.requests(), [])

    def test_name_without_dns_server_fails_as_dns(self):
        r = gcheal_case.run_gcheal(self.emu, "--api-host", "api.invalid", "--login-host",
                                   "login.invalid", "--io-timeout", "2", "scan", hosts=False,
                                   timeout=60)
        self.assertEqual(r.rc, 4, r)
        self.assertIn("host name did not resolve", r.stderr, r)
        self.assertEqual(self.emu.requests(), [])

    def test_heap_tripwire_is_linked(self):
        syms = subprocess.run(["nm", gcheal_case.BIN], capture_output=True, text=True).stdout
        for fn in ("malloc", "calloc", "realloc", "free"):
            self.assertRegex(syms, r"\bT __wrap_%s\b" % fn)


class TestLwipFaults(LwipRun, posix_faults.FaultCase):
    """The POSIX scenarios themselves (tests/integration/test_faults.py), run over
    lwIP and judged the same way; LwipRun adds the lwIP proofs to every run."""
    _retries = posix_faults.TestRetries
    test_chunked_bodies = _retries.test_chunked_bodies_with_extensions
    test_concurrent_editor_409_refetches_and_keeps_the_other_edit = \
        _retries.test_concurrent_editor_409_refetches_and_keeps_the_other_edit
    test_429_burst_honours_retry_after = _retries.test_429_burst_honours_retry_after
    test_reset_mid_page_is_retried = _retries.test_reset_mid_page_is_retried
    test_stall_mid_body_ends_within_the_deadline = \
        posix_faults.TestPaging.test_stall_mid_body_ends_with_exit_4_within_the_deadline

    def test_connection_close_after_every_response(self):
        self._retries.test_connection_close_after_every_response(self)
        ports = {q["peer_port"] for q in self.emu.requests()}
        self.assertGreaterEqual(self.last_stats[0]["opens"], len(ports))


class TestLwipThroughProxy(gcheal_case.EmuCase):
    """One scan from the lwIP stack through a real tinyproxy inside the test's
    namespace: the emulator sees only the proxy, the proxy sees the lwIP netif."""

    def setUp(self):
        self.EMU = dict(type(self).EMU, host=KERNEL_IP, san=[KERNEL_IP])
        super().setUp()
        self.proxy = posix_proxy.TinyProxy(listen=KERNEL_IP, allow=KERNEL_IP.rsplit(".", 1)[0] + ".0/24").start()
        self.addCleanup(self.proxy.cleanup)

    def test_scan_through_tinyproxy(self):
        where = "%s:%d" % (KERNEL_IP, self.emu.port)
        r = gcheal_case.run_gcheal(self.emu, "--api-host", where, "--login-host", where, "--proxy", self.proxy.url,
                                   "scan", hosts=False, env=posix_proxy.proxy_env(self.emu))
        self.assertEqual(r.rc, 1, r)
        self.assertIn(GCO, r.by_status("restrictive"))
        requests = self.emu.requests()
        connections = {q["peer_port"] for q in requests}
        self.assertEqual({q["peer"] for q in requests}, {KERNEL_IP}, "the server sees the proxy, not lwIP")
        self.assertEqual(self.proxy.connects(expect=len(connections)), [where] * len(connections))
        self.assertEqual(set(self.proxy.clients()), {LWIP_IP}, "the proxy's clients were not the lwIP netif")
        c, _ = parse_stats(r.stderr)
        self.assertIsNotNone(c, r)
        self.assertGreaterEqual(c["opens"], len(connections))
        self.assertEqual(c["failed-opens"], 0, r)


if __name__ == "__main__":
    unittest.main()
