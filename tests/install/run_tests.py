#!/usr/bin/env python3
"""Run the packaging tests: make install / uninstall and the installed tree
(test_install.py), scripts/setup-host.sh (test_setup_host.py), and a fresh
clone of the committed HEAD (test_fresh_clone.py).

    python3 tests/install/run_tests.py [TestClass[.test_method] ...]

The closing line is "<label>: N passed, N failed" (label "install", or
"fresh-clone" when only TestFreshClone runs); the exit status is non-zero on
any failure, error or skip.
"""
import faulthandler
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

MODULES = ["test_install", "test_setup_host", "test_fresh_clone"]


def main():
    names = sys.argv[1:]
    faulthandler.dump_traceback_later(1500, exit=True)  # the fresh clone builds Mbed TLS
    loader = unittest.defaultTestLoader
    mods = [__import__(m) for m in MODULES]
    if names:
        suite = unittest.TestSuite()
        for n in names:
            cls = n.split(".")[0]
            mod = next(m for m in mods if hasattr(m, cls))
            suite.addTest(loader.loadTestsFromName(n, mod))
    else:
        suite = unittest.TestSuite(loader.loadTestsFromModule(m) for m in mods)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    if result.skipped:
        print("(%d skipped)" % len(result.skipped))
    label = "fresh-clone" if names and all(n.startswith("TestFreshClone") for n in names) else "install"
    print("%s: %d passed, %d failed" % (label, passed, failed + len(result.skipped)))
    return 1 if failed or result.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
