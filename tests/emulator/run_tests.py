#!/usr/bin/env python3
"""Run the emulator's own tests; last line is exactly "N passed, N failed".

Exit status is non-zero on any failure or error.  A hard watchdog stops a
hung run after 170 s (the suite normally takes well under a minute).
"""
import faulthandler
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def main():
    faulthandler.dump_traceback_later(170, exit=True)
    suite = unittest.defaultTestLoader.loadTestsFromName("test_emulator")
    if len(sys.argv) > 1:            # optional filter: run_tests.py TestPatch ...
        suite = unittest.TestSuite(unittest.defaultTestLoader.loadTestsFromName("test_emulator." + n)
                                   for n in sys.argv[1:])
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    if result.skipped:
        print("(%d skipped)" % len(result.skipped))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
