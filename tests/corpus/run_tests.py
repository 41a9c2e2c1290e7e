#!/usr/bin/env python3
"""The corpus suite, an extra: gcheal over real-world Data Action definitions.

    python3 tests/corpus/run_tests.py [--bin build/gcheal] [--find]

The corpus is not part of the repository. It is found through
$GCHEAL_FIXTURES, else <repo>/../shared/fixtures/data-actions (definitions.py).
Found: the emulator serves it as one org (`gcemu.py --org corpus`), gcheal
scans and fixes it under several platform variants, and the emulator's
verifier must find nothing changed but the restrictive timeouts. The closing
line is "corpus: N passed, N failed".
Not found: one line says so and how to point at it; no summary line, exit 0:
the suite counts as neither passed nor failed. --find only prints the folder
(exit 0) or that line (exit 3).
"""
import argparse
import faulthandler
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import definitions  # noqa: E402


def not_found_line():
    return "corpus: not found, not run (neither passed nor failed): " + definitions.corpus_hint()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "gcheal"))
    ap.add_argument("--find", action="store_true", help="print where the corpus is, or why not")
    ap.add_argument("names", nargs="*", help="test classes or Class.test_method")
    args = ap.parse_args()
    where = definitions.corpus_dir()
    if args.find:
        print(where or not_found_line())
        return 0 if where else 3
    if where is None:
        print(not_found_line())
        return 0
    # The emulator (a child process) must load the very folder found here.
    os.environ["GCHEAL_FIXTURES"] = where
    os.environ["GCHEAL_BIN"] = os.path.abspath(args.bin)
    faulthandler.dump_traceback_later(280, exit=True)
    import test_corpus
    loader = unittest.defaultTestLoader
    if args.names:
        suite = unittest.TestSuite(loader.loadTestsFromName(n, test_corpus) for n in args.names)
    else:
        suite = loader.loadTestsFromModule(test_corpus)
    print("corpus: %s" % where)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    print("corpus: %d passed, %d failed" % (passed, failed))
    return 1 if failed or result.skipped else 0


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    sys.exit(main())
