#!/usr/bin/env python3
"""gcheal over lwIP: the integration scenarios, judged as over POSIX, plus the
proof that lwIP's own TCP/IP stack carried every byte.

    ip netns exec NS env GCH_LWIP_IP=... python3 tests/lwip/run_tests.py --bin build/gcheal-lwip

Run by tests/lwip/run.sh inside the namespace it creates (the emulator listens
on the TAP device's kernel side, GCH_LWIP_KERNEL_IP; gcheal-lwip is
GCH_LWIP_IP on the same link). Every test starts a fresh emulator and judges
exit status, the --json report and the emulator's verifier, exactly like
tests/integration, then checks the run's lwIP statistics against the
emulator's request log. Closing line: "lwip: N passed, N failed".
"""
import argparse
import faulthandler
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/gcheal-lwip")
    ap.add_argument("--measure", action="store_true", help="print RSS and lwIP figures, run no test")
    ap.add_argument("--posix-bin", default="build/gcheal", help="the POSIX CLI, for --measure")
    ap.add_argument("names", nargs="*", help="test classes or Class.test_method")
    args = ap.parse_args()
    os.environ["GCHEAL_BIN"] = os.path.abspath(args.bin)  # read by gcheal_case on import
    for var in ("GCH_LWIP_IP", "GCH_LWIP_KERNEL_IP"):
        if not os.environ.get(var):
            print("lwip: %s not set: run tests/lwip/run.sh (make test-lwip)" % var)
            return 2
    if args.measure:
        import measure  # noqa: E402
        return measure.main(args.bin, args.posix_bin, os.environ["GCH_LWIP_KERNEL_IP"])
    faulthandler.dump_traceback_later(600, exit=True)
    import test_lwip  # noqa: E402 (after GCHEAL_BIN is set)
    loader = unittest.defaultTestLoader
    if args.names:
        suite = loader.loadTestsFromNames(args.names, test_lwip)
    else:
        suite = loader.loadTestsFromModule(test_lwip)
    result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = result.testsRun - failed - len(result.skipped)
    if result.skipped:
        print("(%d skipped)" % len(result.skipped))
    print("lwip: %d passed, %d failed" % (passed, failed))
    return 1 if failed or result.skipped else 0


if __name__ == "__main__":
    sys.exit(main())
