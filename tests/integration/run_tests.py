#!/usr/bin/env python3
"""Run gcheal's integration tests against the emulator.

    python3 tests/integration/run_tests.py [--bin build/gcheal] [TestClass ...]

The closing line is "integration: N passed, N failed"; the exit status is
non-zero on any failure or error. A watchdog ends a hung run after 600 s.
"""
import argparse
import faulthandler
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

MODULES = ["test_scan", "test_fix", "test_faults", "test_security", "test_watch", "test_small_buffers",
           "test_functions", "test_paging", "test_permissions", "test_audit", "test_proxy", "test_trust"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/gcheal")
    ap.add_argument("names", nargs="*", help="test classes or Class.test_method")
    args = ap.parse_args()
    os.environ["GCHEAL_BIN"] = os.path.abspath(args.bin)
    faulthandler.dump_traceback_later(600, exit=True)
    loader = unittest.defaultTestLoader
    if args.names:
        mods = [__import__(m) for m in MODULES]
        suite = unittest.TestSuite()
        for n in args.names:
            cls = n.split(".")[0]
            mod = next(m for m in mods if hasattr(m, cls))
            suite.addTest(loader.loadTestsFromName(n, mod))
    else:
        suite = unittest.TestSuite(loader.loadTestsFromName(m) for m in MODULES)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    if result.skipped:
        print("(%d skipped)" % len(result.skipped))
    print("integration: %d passed, %d failed" % (passed, failed))
    return 1 if failed or result.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
