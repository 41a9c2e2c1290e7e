#!/usr/bin/env python3
"""check-layers.py - the include graph of core/ follows the layers, or the build fails.

    base/  (status, buffers, hash, wipe)       rank 0
    http/  json/                               rank 1 (neither includes the other)
    api/   (Genesys Cloud requests, no job)    rank 2
    heal/  (the job)                           rank 3

Rules, for every file under core/:
  1. <...> includes are freestanding C headers only (jsmn.h only from json/gch_jsmn.h):
     the same objects build for a host and for bare metal.
  2. "..." includes resolve inside core/, or are the one port contract port/gch_port.h;
     never a platform, board or third-party header.
  3. A file includes its own folder, gch_config.h, gch_port.h, and folders of a lower rank.
  4. A *_internal.h header is included only from its own folder.
And port/gch_port.h itself includes nothing of core/ but base/.
Prints every violation, then one summary line; exits non-zero on any violation.
"""
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
RANK = {"base": 0, "http": 1, "json": 1, "api": 2, "heal": 3}
STD = {"stdbool.h", "stddef.h", "stdint.h", "string.h", "limits.h"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def resolve(includer, name):
    """Path (relative to ROOT) a quoted include names, or None when outside core/ and port/."""
    for base in (os.path.dirname(includer), "core", "port"):
        p = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(os.path.join(ROOT, p)):
            return p
    return None


def folder(path):
    parts = path.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "core" else None


def check_file(path, errors):
    text = open(os.path.join(ROOT, path), encoding="utf-8").read()
    mine = folder(path)
    for kind, name in INCLUDE.findall(text):
        where = "%s: #include %s%s%s" % (path, kind, name, ">" if kind == "<" else '"')
        if kind == "<":
            if name not in STD and not (name == "jsmn.h" and path == "core/json/gch_jsmn.h"):
                errors.append(where + ": not a freestanding C header")
            continue
        target = resolve(path, name)
        if target is None:
            errors.append(where + ": outside core/ and the port contract")
            continue
        if target == "port/gch_port.h" or target == "core/gch_config.h":
            continue
        if target.startswith("port/"):
            errors.append(where + ": only port/gch_port.h of port/ may be included by core/")
            continue
        theirs = folder(target)
        if theirs is None or mine is None:
            if target != path:
                errors.append(where + ": core/ files live in a layer folder")
            continue
        if theirs != mine:
            if RANK[theirs] >= RANK[mine]:
                errors.append(where + ": %s/ (rank %d) may not include %s/ (rank %d)"
                              % (mine, RANK[mine], theirs, RANK[theirs]))
            if target.endswith("_internal.h"):
                errors.append(where + ": internal to %s/" % theirs)


def main():
    errors = []
    files = []
    for dirpath, _, names in os.walk(os.path.join(ROOT, "core")):
        for n in names:
            if n.endswith((".c", ".h")):
                files.append(os.path.relpath(os.path.join(dirpath, n), ROOT))
    for f in sorted(files):
        if f.count("/") == 1 and f not in ("core/gch_config.h", "core/gch_version.h"):
            errors.append("%s: core/ files live in a layer folder (%s)" % (f, ", ".join(sorted(RANK))))
        elif f.count("/") == 2 and folder(f) not in RANK:
            errors.append("%s: unknown layer folder" % f)
        check_file(f, errors)
    port_text = open(os.path.join(ROOT, "port/gch_port.h"), encoding="utf-8").read()
    for kind, name in INCLUDE.findall(port_text):
        if kind == '"' and not name.startswith("base/"):
            errors.append('port/gch_port.h: #include "%s": the contract may include only base/' % name)
    for e in errors:
        print(e)
    print("check-layers: %d files, %s" % (len(files), "%d violations" % len(errors) if errors else
                                          "every include follows the layers"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
