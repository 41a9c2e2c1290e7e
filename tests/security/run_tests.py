#!/usr/bin/env python3
"""Run gcheal's security tests (tests/security): hostile servers, secrets, memory.

    python3 tests/security/run_tests.py [--bin build/gcheal] [TestClass ...]

The closing line is "security: N passed, N failed" (skips count as failures: every
tool the tests need is installed by scripts/setup-host.sh, which make test runs first).
A watchdog ends a hung run.
"""
import argparse
import faulthandler
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

MODULES = ["test_hostile", "test_memory"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/gcheal")
    ap.add_argument("names", nargs="*", help="test classes or Class.test_method")
    args = ap.parse_args()
    os.environ["GCHEAL_BIN"] = os.path.abspath(args.bin)
    faulthandler.dump_traceback_later(600, exit=True)
    loader = unittest.defaultTestLoader
    mods = [__import__(m) for m in MODULES]
    if args.names:
        suite = unittest.TestSuite()
        for n in args.names:
            mod = next(m for m in mods if hasattr(m, n.split(".")[0]))
            suite.addTest(loader.loadTestsFromName(n, mod))
    else:
        suite = unittest.TestSuite(loader.loadTestsFromModule(m) for m in mods)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses) + len(result.skipped)
    passed = result.testsRun - failed
    print("security: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
