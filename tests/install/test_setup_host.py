"""scripts/setup-host.sh: installs only what dpkg says is missing, runs
apt-get update only then, and without root (or apt) stops at once with the
exact apt-get line. apt-get and id are stand-ins on PATH that record their
calls, so nothing is installed here; dpkg-query is the machine's own. PATH
holds only the stand-ins and links to the few tools the script uses, so the
machine's real apt-get is out of reach."""
import os
import shutil
import stat
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCRIPT = os.path.join(ROOT, "scripts", "setup-host.sh")
ABSENT = "gcheal-test-no-such-package"  # never installed anywhere


class TestSetupHost(unittest.TestCase):
    def setUp(self):
        if shutil.which("dpkg-query") is None:
            self.fail("dpkg-query is missing: these tests need a Debian host")
        self.tmp = tempfile.mkdtemp(prefix="gcheal-setup-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        self.bin = os.path.join(self.tmp, "bin")
        os.mkdir(self.bin)
        for tool in ("sh", "dirname", "sed", "awk", "dpkg-query", "cat"):
            os.symlink(shutil.which(tool), os.path.join(self.bin, tool))
        self.calls = os.path.join(self.tmp, "apt-calls")
        self.stub("apt-get", 'echo "$*" >> "%s"\n' % self.calls)
        self.uid = 0

    def stub(self, name, body):
        path = os.path.join(self.bin, name)
        with open(path, "w") as f:
            f.write("#!/bin/sh\n" + body)
        os.chmod(path, stat.S_IRWXU)

    def run_setup(self, packages, which="test", root=True, apt=True):
        lst = os.path.join(self.tmp, "packages.txt")
        with open(lst, "w") as f:
            f.write(packages)
        self.stub("id", 'echo %d\n' % (0 if root else 1000))  # the script asks only for id -u
        if not apt:
            os.unlink(os.path.join(self.bin, "apt-get"))
        env = {"PATH": self.bin, "GCHEAL_HOST_PACKAGES": lst}
        return subprocess.run(["/bin/sh", SCRIPT, which], capture_output=True, text=True, env=env, timeout=60)

    def apt_calls(self):
        if not os.path.exists(self.calls):
            return []
        with open(self.calls) as f:
            return f.read().splitlines()

    def test_nothing_missing_means_no_apt_at_all(self):
        p = self.run_setup("make demo  # the build\ncoreutils\n")
        self.assertEqual((p.returncode, p.stdout, p.stderr), (0, "", ""))
        self.assertEqual(self.apt_calls(), [])

    def test_root_installs_only_the_missing_packages_after_one_update(self):
        p = self.run_setup("make\n%s   # a test package\ncoreutils\n" % ABSENT)
        self.assertEqual(p.returncode, 0, p.stderr)
        calls = self.apt_calls()
        self.assertEqual(len(calls), 2, calls)
        self.assertIn("update", calls[0].split())
        self.assertEqual(calls[1].split()[-1], ABSENT)
        self.assertIn("install", calls[1].split())
        self.assertNotIn("make", calls[1].split())

    def test_without_root_it_stops_with_the_exact_apt_get_line(self):
        p = self.run_setup("make\n%s\n" % ABSENT, root=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("apt-get install -y --no-install-recommends %s\n" % ABSENT, p.stderr)
        self.assertIn("needs root", p.stderr)
        self.assertEqual(self.apt_calls(), [])

    def test_without_apt_it_stops_with_the_exact_apt_get_line(self):
        p = self.run_setup("%s\n" % ABSENT, apt=False)
        self.assertEqual(p.returncode, 1)
        self.assertIn("apt-get install -y --no-install-recommends %s\n" % ABSENT, p.stderr)
        self.assertIn("apt-get is not available", p.stderr)

    def test_without_dpkg_it_stops_with_the_exact_apt_get_line(self):
        os.unlink(os.path.join(self.bin, "dpkg-query"))
        p = self.run_setup("make\n")
        self.assertEqual(p.returncode, 1)
        self.assertIn("apt-get install -y --no-install-recommends make\n", p.stderr)
        self.assertIn("no dpkg-query", p.stderr)
        self.assertEqual(self.apt_calls(), [])

    def test_demo_set_is_the_packages_marked_demo(self):
        lst = "%s demo\n%s-too\n" % (ABSENT, ABSENT)
        p = self.run_setup(lst, which="demo", root=False)
        self.assertIn("--no-install-recommends %s\n" % ABSENT, p.stderr)
        p = self.run_setup(lst, which="test", root=False)
        self.assertIn("--no-install-recommends %s %s-too\n" % (ABSENT, ABSENT), p.stderr)

    def test_a_command_on_the_path_stands_in_for_its_package(self):
        p = self.run_setup("%s command=sh\n" % ABSENT, root=False)
        self.assertEqual((p.returncode, p.stderr), (0, ""))

    def test_the_real_list_parses_and_names_what_the_tests_need(self):
        with open(os.path.join(ROOT, "scripts", "host-packages.txt")) as f:
            names = {line.split("#")[0].split()[0] for line in f if line.split("#")[0].strip()}
        for pkg in ("make", "gcc", "clang", "python3", "openssl", "qemu-system-arm", "valgrind", "git",
                    "man-db", "systemd", "libclang-rt-14-dev", "gcc-arm-none-eabi"):
            self.assertIn(pkg, names)
        with open(os.path.join(ROOT, ".ci", "run")) as f:
            ci = f.read()
        self.assertNotIn("apt-get", ci, ".ci/run must leave the host tools to scripts/setup-host.sh")


if __name__ == "__main__":
    unittest.main()
