#!/usr/bin/env python3
"""check_layout.py - one image, one layout per struct.

Builds one translation unit per public header (core/*/*.h but *_internal.h,
and the port headers), each including only that header, all with the same
non-default configuration file (gch_config_odd.h, named by -DGCH_CONFIG_FILE
only: no -include), links them into one program and compares the sizeof of
every struct visible in more than one of them. A header that sized a struct by
a default of its own would make two views of one struct differ.

usage: check_layout.py --cc CC --out DIR -- <extra include flags>
Last line: "layout: N passed, N failed" (one check per struct type).
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)
STRUCT_END = re.compile(r"^}\s*(gch_\w+_t)\s*;", re.M)
STRUCT_TAG = re.compile(r"^struct\s+(gch_\w+)\s*\{", re.M)


def public_headers():
    out = []
    for d in sorted(os.listdir(os.path.join(ROOT, "core"))):
        p = os.path.join(ROOT, "core", d)
        if os.path.isdir(p):
            out += ["core/%s/%s" % (d, n) for n in sorted(os.listdir(p))
                    if n.endswith(".h") and not n.endswith("_internal.h")]
    out += ["core/gch_config.h", "port/gch_port.h", "port/gch_tls.h", "port/gch_tls_connector.h",
            "port/gch_tls_arena.h", "port/gch_proxy.h", "port/gch_tls_trust.h"]
    return out


def resolve(includer, name, dirs):
    for base in [os.path.dirname(includer)] + dirs:
        p = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(os.path.join(ROOT, p)):
            return p
    return None


def closure(header, dirs, seen=None):
    seen = set() if seen is None else seen
    if header in seen:
        return seen
    seen.add(header)
    for name in INCLUDE.findall(open(os.path.join(ROOT, header), encoding="utf-8").read()):
        p = resolve(header, name, dirs)
        if p is not None:
            closure(p, dirs, seen)
    return seen


def types_in(header):
    text = open(os.path.join(ROOT, header), encoding="utf-8").read()
    return ["%s" % t for t in STRUCT_END.findall(text)] + ["struct %s" % t for t in STRUCT_TAG.findall(text)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--out", required=True)
    ap.add_argument("flags", nargs="*")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    dirs = ["core", "port", "platform/posix", "boards/linux"]
    flags = ["-std=c11", "-O0", "-Wall", "-Wextra", "-Werror", "-DGCH_CONFIG_FILE=\"gch_config_odd.h\"",
             "-Itests/layout", "-Icore", "-Iport"] + a.flags
    objs, units = [], []
    for i, h in enumerate(public_headers()):
        types = sorted({t for f in closure(h, dirs) for t in types_in(f)})
        src = os.path.join(a.out, "unit_%02d.c" % i)
        with open(src, "w") as f:
            f.write('#include <stddef.h>\n#include "%s"\n' % h.split("/", 1)[1] if h.startswith("core/")
                    else '#include <stddef.h>\n#include "%s"\n' % os.path.basename(h))
            f.write("void layout_%02d(void (*out)(const char *, const char *, size_t));\n" % i)
            f.write("void layout_%02d(void (*out)(const char *, const char *, size_t))\n{\n    (void)out;\n" % i)
            for t in types:
                f.write('    out("%s", "%s", sizeof(%s));\n' % (h, t, t))
            f.write("}\n")
        obj = src[:-2] + ".o"
        r = subprocess.run([a.cc] + flags + ["-c", src, "-o", obj], cwd=ROOT, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            print("layout: %s does not build on its own with the odd config:\n%s" % (h, r.stderr))
            print("layout: 0 passed, 1 failed")
            return 1
        objs.append(obj)
        units.append(i)
    main_c = os.path.join(a.out, "main.c")
    with open(main_c, "w") as f:
        f.write("#include <stdio.h>\n#include <stddef.h>\n")
        for i in units:
            f.write("void layout_%02d(void (*out)(const char *, const char *, size_t));\n" % i)
        f.write('static void out(const char *h, const char *t, size_t n) { printf("%s|%s|%zu\\n", h, t, n); }\n')
        f.write("int main(void)\n{\n")
        for i in units:
            f.write("    layout_%02d(out);\n" % i)
        f.write("    return 0;\n}\n")
    prog = os.path.join(a.out, "layout")
    subprocess.run([a.cc, main_c] + objs + ["-o", prog], cwd=ROOT, check=True)
    lines = subprocess.run([os.path.join(ROOT, prog)], stdout=subprocess.PIPE, text=True, check=True).stdout
    sizes = {}
    for line in lines.splitlines():
        h, t, n = line.split("|")
        sizes.setdefault(t, {})[h] = int(n)
    passed = failed = 0
    for t, seen in sorted(sizes.items()):
        if len(set(seen.values())) == 1:
            passed += 1
        else:
            failed += 1
            print("layout: %s differs: %s" % (t, ", ".join("%s via %s" % (n, h) for h, n in sorted(seen.items()))))
    multi = sum(1 for s in sizes.values() if len(s) > 1)
    print("layout: %d struct types, %d seen through more than one header, %d public headers" %
          (len(sizes), multi, len(units)))
    print("layout: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
