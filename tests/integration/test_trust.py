"""The trust store looked up on demand: the system bundle (plus the emulator's
CA) costs the TLS arena no more than a single CA file, a hashed --ca-path
directory made by `openssl rehash` works, both sources are consulted, and a
root found in neither is refused before any credential leaves.

The arena figure is gcheal's own: -v prints the TLS arena high-water mark
(Mbed TLS's allocator statistics, MBEDTLS_MEMORY_DEBUG in the host build)."""
import os
import re
import shutil
import subprocess
import tempfile

from gcheal_case import BIN, EmuCase

SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
FIGURES = re.compile(r"CA lookups (\d+) \((\d+) certificates read, (\d+) kept\), "
                     r"TLS arena high-water mark (\d+) of")
# "within a few KB of the single-CA figure"
ARENA_SLACK = 4096


class TrustCase(EmuCase):
    def setUp(self):
        super().setUp()
        self.tmp = tempfile.mkdtemp(prefix="gch-trust-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def figures(self, r):
        m = FIGURES.search(r.stderr)
        self.assertIsNotNone(m, "no figures with -v: %r" % r)
        lookups, read, kept, peak = (int(x) for x in m.groups())
        return {"lookups": lookups, "read": read, "kept": kept, "peak": peak}

    def scan(self, *args):
        return self.gcheal("scan", "-v", *args, json_out=False)

    def system_plus_emulator_bundle(self):
        path = os.path.join(self.tmp, "bundle.pem")
        with open(path, "w") as out:
            with open(SYSTEM_BUNDLE) as f:
                out.write(f.read())
            with open(self.emu.ca_file) as f:
                out.write(f.read())
        return path

    def hashed_dir(self, *pems):
        d = os.path.join(self.tmp, "capath")
        os.makedirs(d, exist_ok=True)
        for i, p in enumerate(pems):
            shutil.copy(p, os.path.join(d, "ca%d.pem" % i))
        subprocess.run(["openssl", "rehash", d], check=True, capture_output=True)
        return d

    def system_roots(self, n):
        """n files of the system store (PEM, one root each)."""
        names = sorted(f for f in os.listdir("/etc/ssl/certs") if f.endswith(".pem"))[:n]
        return [os.path.join("/etc/ssl/certs", f) for f in names]


class TestSystemStore(TrustCase):
    def test_system_bundle_costs_the_arena_no_more_than_one_ca(self):
        single = self.scan("--ca-file", self.emu.ca_file)
        self.assertEqual(single.rc, 1, single)
        whole = self.scan("--ca-file", self.system_plus_emulator_bundle())
        self.assertEqual(whole.rc, 1, whole)
        one, system = self.figures(single), self.figures(whole)
        with open(SYSTEM_BUNDLE) as f:
            roots = f.read().count("BEGIN CERTIFICATE")
        # every lookup read the whole bundle, one certificate at a time, and kept the one root
        self.assertGreaterEqual(system["read"], system["lookups"] * (roots + 1), system)
        self.assertEqual(system["kept"], system["lookups"], system)
        self.assertLessEqual(system["peak"], one["peak"] + ARENA_SLACK, (one, system))
        self.assertLess(system["peak"], 64 * 1024, system)  # parsed whole, the bundle took ~436 KB

    def test_default_system_store_refuses_the_emulator(self):
        # The emulator's throwaway CA is in no system store: refused before any credential leaves.
        r = self.gcheal("scan", ca=SYSTEM_BUNDLE)
        self.assertEqual(r.rc, 4, r)
        self.assertIn("not trusted", r.stderr)
        self.assertEqual([q for q in self.emu.requests() if q["path"] == "/oauth/token"], [])

    def test_a_file_without_certificates_is_a_usage_error(self):
        path = os.path.join(self.tmp, "empty.pem")
        with open(path, "w") as f:
            f.write("# no certificate here\n-----BEGIN PRIVATE KEY-----\nAAEC\n-----END PRIVATE KEY-----\n")
        r = self.gcheal("scan", ca=path, json_out=False)
        self.assertEqual(r.rc, 2, r)
        self.assertIn("no PEM certificate in it", r.stderr)
        self.assertEqual(self.emu.requests(), [])


class TestHashedDirectory(TrustCase):
    def gcheal_dir(self, *args):
        """gcheal without run_gcheal's --ca-file: only what args name."""
        cmd = [BIN, "--api-host", self.emu.api_host, "--login-host", self.emu.api_host, "-v"] + list(args)
        p = subprocess.run(cmd, env=self.emu.env(), capture_output=True, text=True, timeout=120,
                           stdin=subprocess.DEVNULL)
        return p

    def test_ca_path_directory_works(self):
        d = self.hashed_dir(*(self.system_roots(5) + [self.emu.ca_file]))
        p = self.gcheal_dir("--ca-path", d, "scan")
        self.assertEqual(p.returncode, 1, p.stderr)
        m = FIGURES.search(p.stderr)
        self.assertIsNotNone(m, p.stderr)
        lookups, read, kept = int(m.group(1)), int(m.group(2)), int(m.group(3))
        self.assertEqual(kept, lookups)
        self.assertEqual(read, lookups)  # the hash named the one file to open: nothing else was read

    def test_root_in_the_directory_only_is_found_with_a_file_too(self):
        d = self.hashed_dir(self.emu.ca_file)
        p = self.gcheal_dir("--ca-file", SYSTEM_BUNDLE, "--ca-path", d, "scan")
        self.assertEqual(p.returncode, 1, p.stderr)

    def test_root_missing_from_both_is_refused(self):
        d = self.hashed_dir(*self.system_roots(5))
        p = self.gcheal_dir("--ca-file", SYSTEM_BUNDLE, "--ca-path", d, "scan")
        self.assertEqual(p.returncode, 4, p.stderr)
        self.assertIn("not trusted", p.stderr)
        self.assertEqual([q for q in self.emu.requests() if q["path"] == "/oauth/token"], [])

    def test_a_missing_directory_is_a_usage_error(self):
        p = self.gcheal_dir("--ca-path", os.path.join(self.tmp, "nowhere"), "scan")
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn("cannot open CA directory", p.stderr)
        self.assertEqual(self.emu.requests(), [])
