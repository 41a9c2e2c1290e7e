"""What a new user gets: a git clone of the committed HEAD, alone in a
temporary folder (no ../shared beside it, no GCHEAL_FIXTURES), where make demo
must show the project's own demo org (GetCustomerOrder, every action named
once), the emulator suite must pass, and make clean must leave nothing but the
fetched sources. The pinned source tarballs already fetched here are copied in
(fetch-deps still verifies and unpacks them), so nothing is downloaded again."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SUMMARY = re.compile(r"^(?:[A-Za-z0-9_-]+: )?(\d+) passed, (\d+) failed$", re.M)
NAME_AT, NAME_COLS = 28, 40  # the table: STATUS(12) TIMEOUT(7) NEW(5), then the name


def run(args, cwd, env, timeout):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def tables(out):
    """{command line: [action names of its table]} from make demo's output."""
    found, cmd, rows = {}, None, None
    for line in out.splitlines():
        if line.startswith("==> gcheal "):
            cmd, rows = line[4:], None
        elif cmd and line.startswith("STATUS "):
            rows = found.setdefault(cmd + " #%d" % len(found), [])
        elif rows is not None and line.strip() == "":
            rows = None
        elif rows is not None:
            rows.append(line[NAME_AT:NAME_AT + NAME_COLS].rstrip())
    return found


def verifier_names(out):
    block = out.split("==> what changed (emulator verifier)", 1)[-1]
    return [m.group(1).rstrip() for m in re.finditer(r"^    (.{48}) timeoutSeconds \S+ -> \S+$", block, re.M)]


class TestFreshClone(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="gcheal-clone-")
        cls.clone = os.path.join(cls.tmp, "gcheal")
        env = {k: v for k, v in os.environ.items()
               if k not in ("GCHEAL_FIXTURES", "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "GCHEAL_BIN",
                            "GCHEAL_SMALL_BIN", "MBEDTLS_DIR", "LWIP_DIR", "JSMN_DIR", "DEPS_DIR")}
        cls.env = env
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
        for args in (["git", "clone", "-q", "--no-checkout", ROOT, cls.clone],
                     ["git", "-C", cls.clone, "fetch", "-q", ROOT, "HEAD"],
                     ["git", "-C", cls.clone, "checkout", "-q", "FETCH_HEAD"]):
            subprocess.run(args, check=True, env=env, capture_output=True, timeout=300)
        cls.head = head
        cls.cloned_head = subprocess.run(["git", "-C", cls.clone, "rev-parse", "HEAD"], capture_output=True,
                                         text=True, check=True).stdout.strip()
        src = os.path.join(ROOT, "build", "deps", "download")
        if os.path.isdir(src):
            shutil.copytree(src, os.path.join(cls.clone, "build", "deps", "download"))
        cls.demo = run(["nice", "make", "--no-print-directory", "-j2", "demo"], cls.clone, env, 1200)
        cls.emulator = run(["make", "--no-print-directory", "test-emulator"], cls.clone, env, 900)
        cls.clean = run(["make", "--no-print-directory", "clean"], cls.clone, env, 300)
        cls.after_clean = sorted(os.listdir(os.path.join(cls.clone, "build")))
        cls.status_after_clean = run(["git", "status", "--porcelain", "--ignored"], cls.clone, env, 60).stdout

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_clone_stands_alone(self):
        self.assertEqual(self.cloned_head, self.head)
        d = self.clone
        while True:  # where the emulator would look for the extra corpus
            self.assertFalse(os.path.exists(os.path.join(os.path.dirname(d), "shared")), d)
            if os.path.dirname(d) == d:
                break
            d = os.path.dirname(d)

    def test_make_demo_shows_GetCustomerOrder(self):
        out = self.demo.stdout
        self.assertEqual(self.demo.returncode, 0, out[-3000:] + self.demo.stderr[-3000:])
        self.assertIn("demo: OK", out)
        self.assertRegex(out, r"(?m)^restrictive +3s +5s +GetCustomerOrder ")
        self.assertRegex(out, r"(?m)^fixed +3s +5s +GetCustomerOrder ")

    def test_make_demo_names_every_action_once(self):
        found = tables(self.demo.stdout)
        self.assertGreaterEqual(len(found), 3, self.demo.stdout[-3000:])
        first_scan = next(iter(found.values()))
        self.assertGreaterEqual(len(first_scan), 5, first_scan)
        for cmd, names in found.items():
            dups = sorted({n for n in names if names.count(n) > 1})
            self.assertEqual(dups, [], "%s lists these names more than once" % cmd)
        changed = verifier_names(self.demo.stdout)
        self.assertGreaterEqual(len(changed), 5, self.demo.stdout[-2000:])
        self.assertEqual(sorted({n for n in changed if changed.count(n) > 1}), [])

    def test_emulator_suite_passes_in_the_clone(self):
        out = self.emulator.stdout + self.emulator.stderr
        counts = SUMMARY.findall(out)
        self.assertTrue(counts, out[-3000:])
        passed, failed = map(int, counts[-1])
        self.assertEqual(failed, 0, out[-5000:])
        self.assertGreater(passed, 0)
        self.assertEqual(self.emulator.returncode, 0, out[-3000:])

    def test_make_clean_leaves_only_the_fetched_sources(self):
        self.assertEqual(self.clean.returncode, 0, self.clean.stderr)
        self.assertEqual(self.after_clean, ["deps"])
        self.assertEqual(self.status_after_clean.splitlines(), ["!! build/"])


if __name__ == "__main__":
    unittest.main()
