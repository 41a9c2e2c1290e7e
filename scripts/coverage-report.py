#!/usr/bin/env python3
"""coverage-report.py - line and branch coverage of core/ from the ASan build's profiles.

The ASan build (mk/build.mk, VARIANT=asan) is compiled with clang's source-based
coverage; `make coverage` runs the unit tests and the integration suite on it with
LLVM_PROFILE_FILE pointing into PROFILE_DIR. This merges the profiles, prints
llvm-cov's per-file table for core/ and a summary, and fails when line coverage is
below --min-lines (the figure reached when the gate was set: it may only go up).

usage: coverage-report.py --profiles DIR --min-lines PCT BINARY...
Last line: "coverage: 1 passed, 0 failed" (or 0/1).
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys


def tool(name):
    for n in (name, name + "-14"):
        if shutil.which(n):
            return n
    sys.exit("coverage: %s not found (Debian package llvm-14)" % name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--profiles", required=True)
    ap.add_argument("--min-lines", type=float, required=True)
    ap.add_argument("binaries", nargs="+")
    a = ap.parse_args()
    raws = glob.glob(os.path.join(a.profiles, "*.profraw"))
    if not raws:
        print("coverage: no profiles in %s" % a.profiles)
        print("coverage: 0 passed, 1 failed")
        return 1
    merged = os.path.join(a.profiles, "all.profdata")
    subprocess.run([tool("llvm-profdata"), "merge", "-sparse", "-o", merged] + raws, check=True)
    objs = [b for b in a.binaries if os.path.isfile(b) and os.access(b, os.X_OK) and not b.endswith(".d")]
    cmd = [tool("llvm-cov"), "report", "-instr-profile=" + merged, objs[0]]
    for o in objs[1:]:
        cmd += ["-object", o]
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    cmd += sorted(glob.glob(os.path.join(root, "core", "*", "*.c")))  # report core/ only
    out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=True).stdout
    print(out.rstrip())
    total = [l for l in out.splitlines() if l.startswith("TOTAL")]
    head = [l for l in out.splitlines() if l.startswith("Filename")]
    if not total or not head:
        print("coverage: no TOTAL line from llvm-cov")
        print("coverage: 0 passed, 1 failed")
        return 1
    cols = head[0].split()
    vals = total[0].split()
    # Filename Regions Missed Cover Functions Missed Executed Lines Missed Cover Branches Missed Cover
    pct = [v for v in vals if v.endswith("%")]
    lines = float(pct[2].rstrip("%"))
    branches = float(pct[3].rstrip("%")) if len(pct) > 3 else float("nan")
    print("coverage of core/: lines %.2f %%, branches %.2f %%, functions %s (gate: lines >= %.2f %%)"
          % (lines, branches, pct[1], a.min_lines))
    ok = lines >= a.min_lines
    if not ok:
        print("coverage: line coverage fell below the gate")
    print("coverage: %d passed, %d failed" % (1 if ok else 0, 0 if ok else 1))
    _ = cols
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
