#!/usr/bin/env python3
"""stack-report.py - worst-case stack of every public entry point, from gcc's
-fstack-usage / -fcallgraph-info=su output (the .ci files of one build).

Usage: stack-report.py [--budget BYTES] [--src DIR...] CI_DIR
Run by `make stack` (mk/analysis.mk). For each function the worst case is its own
frame plus the worst of its callees, over the call graph of all our objects:
  - an indirect call (sinks, transports, the connector, the report callback, the
    HTTP parser's header rules) resolves to the functions whose address our sources
    take (a name used without a call) and whose parameter types match the pointer
    called at that site (its typedef or struct member declaration); the worst counts;
  - mbedtls_* / psa_* are excluded (mbedTLS is measured by its arena and its own
    stack, not here) and marked "+mbedTLS";
  - functions without a frame size (C library) count 0 and are marked "+libc";
  - a cycle (recursion) is counted once around and marked "recursive";
  - a frame gcc calls "dynamic" (alloca/VLA) is marked "dynamic" (we have none).
Public entry points are the external gch_* functions defined in core/. The last line
is "stack: N passed, N failed": core entry points over --budget bytes fail.
"""
import argparse
import glob
import os
import re
import sys

NODE = re.compile(r'node: \{ title: "([^"]+)" label: "([^"]*)"')
EDGE = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)" label: "([^"]*)"')
SIZE = re.compile(r'\\n(\d+) bytes \(([^)]*)\)')
EXCLUDED = re.compile(r'^(mbedtls_|psa_|mbedtls)')


def load(ci_dir):
    frames, quals, edges, files = {}, {}, {}, {}
    for path in sorted(glob.glob(os.path.join(ci_dir, "**", "*.ci"), recursive=True)):
        for line in open(path, encoding="utf-8", errors="replace"):
            m = NODE.search(line)
            if m:
                title, label = m.groups()
                s = SIZE.search(label)
                if s:
                    frames[title] = int(s.group(1))
                    quals[title] = s.group(2)
                    files[title] = label.split("\\n")[1].split(":")[0]
                continue
            m = EDGE.search(line)
            if m:
                edges.setdefault(m.group(1), []).append((m.group(2), m.group(3)))
    return frames, quals, edges, files


def address_taken(src_dirs, names):
    """Function names our sources use as values, not in a call or a declaration."""
    bare = {n.split(":")[-1]: n for n in names}
    taken = set()
    for d in src_dirs:
        for path in glob.glob(os.path.join(d, "**", "*.c"), recursive=True):  # core/ has a folder per layer
            text = strip_comments(open(path, encoding="utf-8", errors="replace").read())
            for m in re.finditer(r'\b([A-Za-z_]\w*)\b\s*(\(?)', text):
                name, paren = m.groups()
                if not paren and name in bare:
                    # 'static int f' in a prototype is followed by '(' too; a bare use is a value
                    taken.add(bare[name])
    return taken


def strip_comments(text):
    """Comments, character and string literals out (a '"' must not open a string)."""
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    text = re.sub(r'//[^\n]*', ' ', text)
    text = re.sub(r"'(\\.|[^'\\\n])*'", "0", text)
    return re.sub(r'"(\\.|[^"\\\n])*"', '""', text)


def norm_params(params):
    """'void *ctx, const char *bytes' -> ('void*', 'const char*'): types only."""
    out = []
    for p in params.split(","):
        p = " ".join(p.replace("*", " * ").split())
        words = p.split(" ")
        if len(words) > 1 and re.match(r"^[A-Za-z_]\w*$", words[-1]) and words[-1] not in ("void", "char", "int"):
            words = words[:-1]  # the parameter's name
        out.append(" ".join(words).replace(" *", "*"))
    return tuple(out)


class Signatures:
    """Parameter types of function pointers (by the name they are called through)
    and of the functions whose address is taken."""

    def __init__(self, src_dirs):
        self.ptr, self.fn, self.lines = {}, {}, {}
        self.local = {}  # (file, name) -> signatures a .c file declares for that name itself
        typedefs = {}
        texts = []
        for d in src_dirs:
            for path in glob.glob(os.path.join(d, "**", "*.[ch]"), recursive=True):
                text = strip_comments(open(path, encoding="utf-8", errors="replace").read())
                texts.append((os.path.normpath(path), text))
                for m in re.finditer(r'\(\*\s*(\w+)\)\s*\(([^)]*)\)', text):
                    self.ptr.setdefault(m.group(1), set()).add(norm_params(m.group(2)))
                    typedefs[m.group(1)] = norm_params(m.group(2))
                    self.local.setdefault((os.path.normpath(path), m.group(1)), set()).add(norm_params(m.group(2)))
                for m in re.finditer(r'^[A-Za-z_][\w \t\*]*?\b(\w+)\s*\(([^;{)]*)\)\s*\{', text, re.M):
                    self.fn[m.group(1)] = norm_params(m.group(2))
        for path, text in texts:  # variables and members declared with a pointer typedef
            for m in re.finditer(r'\b(\w+_fn)\s+(\w+)\s*[;,)=]', text):
                if m.group(1) in typedefs:
                    self.ptr.setdefault(m.group(2), set()).add(typedefs[m.group(1)])
                    self.local.setdefault((path, m.group(2)), set()).add(typedefs[m.group(1)])

    def wanted(self, label):
        """Signatures the pointer called at file:line:col may have: the ones its own
        file declares for that name when it declares any (a parameter 'fn' here is
        not a member 'fn' there), else every declaration of the name."""
        name = self.callee_name(label) or ""
        path = os.path.normpath(label.rsplit(":", 2)[0])
        return self.local.get((path, name)) or self.ptr.get(name, set())

    def callee_name(self, label):
        """The pointer called at file:line:col ('h->cfg.connector.open(...)' -> 'open')."""
        try:
            path, line, col = label.rsplit(":", 2)
            if path not in self.lines:
                self.lines[path] = open(path, encoding="utf-8", errors="replace").read().split("\n")
            text = self.lines[path][int(line) - 1][int(col) - 1:]
        except (OSError, ValueError, IndexError):
            return None
        m = re.match(r'[\w\s\.\->\[\]\(\)\*]*?(\w+)\s*\)?\s*\(', text)
        return m.group(1) if m else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ci_dir")
    ap.add_argument("--budget", type=int, default=2048)
    ap.add_argument("--src", action="append", default=[])
    ap.add_argument("--known", action="append", default=[], metavar="ENTRY=BYTES",
                    help="a known overage: ENTRY may use up to BYTES until it is fixed (a ratchet)")
    ap.add_argument("--detail", action="append", default=[], help="entry point whose path to print in full")
    args = ap.parse_args()
    frames, quals, edges, files = load(args.ci_dir)
    if not frames:
        print("stack: no .ci files in %s" % args.ci_dir)
        print("stack: 0 passed, 1 failed")
        return 1
    indirect = sorted(address_taken(args.src, frames.keys()))
    sigs = Signatures(args.src)

    def targets(label):
        """Address-taken functions that can be called at this indirect call site."""
        want = sigs.wanted(label)
        hit = [t for t in indirect if sigs.fn.get(t.split(":")[-1]) in want]
        return hit or indirect  # unknown pointer: assume the worst of them all
    memo, marks = {}, {}
    onstack = set()

    def via_pointer(label):
        best = (0, [], set())
        for t in targets(label):
            r = worst(t)
            if r[0] >= best[0]:
                best = (r[0], r[1], best[2] | r[2])
            else:
                best = (best[0], best[1], best[2] | r[2])
        return best[0], best[1], best[2] | {"indirect"}

    def worst(fn, label=""):
        if fn in memo:
            return memo[fn]
        if EXCLUDED.match(fn.split(":")[-1]):
            return 0, ["(mbedTLS)"], {"+mbedTLS"}
        if fn == "__indirect_call":
            return via_pointer(label)
        if fn not in frames:
            return 0, [], {"+libc"}
        if fn in onstack:
            return 0, [], {"recursive"}
        onstack.add(fn)
        flags = set()
        if "dynamic" in quals[fn] and "bounded" not in quals[fn]:
            flags.add("dynamic")
        best, path = 0, []
        for callee, label in edges.get(fn, []):
            c, p, f = worst(callee, label)
            flags |= f
            if c > best:
                best, path = c, p
        onstack.discard(fn)
        r = (frames[fn] + best, [fn.split(":")[-1]] + path, flags)
        if "recursive" not in flags:
            memo[fn] = r
        return r

    entries = sorted(t for t in frames if ":" not in t and t.startswith("gch_") and files[t].startswith("core/"))
    print("Worst-case stack per public core entry point (gcc -O2, x86-64; budget %d bytes)" % args.budget)
    print("%-34s %7s  %-28s %s" % ("entry point", "bytes", "notes", "deepest path"))
    known = {k.split("=")[0]: int(k.split("=")[1]) for k in args.known}
    passed = failed = 0
    for e in entries:
        total, path, flags = worst(e)
        ok = total <= max(args.budget, known.get(e, 0))
        passed += ok
        failed += not ok
        shown = " > ".join(path[:6]) + (" > ..." if len(path) > 6 else "")
        print("%-34s %7d  %-28s %s%s" % (e, total, ",".join(sorted(flags - {"+libc"})) or "-", shown,
                                         "" if total <= args.budget else
                                         "   OVER BUDGET" + (" (known, ceiling %d)" % known[e] if ok else "")))
        if total > args.budget or e in args.detail:
            by_name = {t.split(":")[-1]: t for t in frames}
            print("    " + " > ".join("%s(%d)" % (n, frames.get(by_name.get(n, ""), 0)) for n in path))
    print("(indirect calls resolve to %d address-taken functions; C library frames not counted)" % len(indirect))
    print("stack: %d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
