"""bench/profile_cg.py - the figures that do not drift with machine noise:
instructions counted by valgrind's callgrind. Instructions per entity of the
hot path (a run over the recording minus a run that only maps it), where they
go inside the hot path (inclusive cost of the core's entry points), and a
profile of a whole gcheal scan grouped into TLS, JSON, HTTP, libc and the rest.
Also runs the hot path's wall-clock timing (bench/hotpath.c prints JSON).
"""
import json
import os
import re
import subprocess

ANNOTATE_RE = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.+?):(\S+)(?: \[(.+)\])?\s*$")
HOT_FUNCS = (("gch_http_parser_feed", "HTTP framing + de-chunking"),
             ("gch_json_split_feed", "entity splitting: validates the page, skims the fields"),
             ("gch_json_skimmer_event", "  of which the field skimmer"),
             ("gch_heal_fields_read", "decoding the fields the job reads"))


def hotpath(binary, path, seconds):
    out = subprocess.run([binary, path, "--seconds", str(seconds)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def _total(cg_file):
    with open(cg_file) as f:
        for line in f:
            m = re.match(r"^(?:summary|totals):\s+(\d+)", line)
            if m:
                return int(m.group(1))
    raise RuntimeError("no totals in %s" % cg_file)


def _callgrind(argv, cg_file, **kw):
    subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + cg_file] + argv,
                   check=True, capture_output=True, **kw)
    return _total(cg_file)


def _annotate(cg_file, inclusive):
    out = subprocess.run(["callgrind_annotate", "--threshold=100", "--auto=no",
                          "--inclusive=" + ("yes" if inclusive else "no"), cg_file], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        m = ANNOTATE_RE.match(line)
        if m and m.group(2) != "PROGRAM TOTALS" and not m.group(2).startswith("=>"):
            rows.append((int(m.group(1).replace(",", "")), m.group(2), m.group(3), m.group(4) or ""))
    return rows


def hotpath_instructions(binary, path, out_dir):
    one, zero = os.path.join(out_dir, "callgrind.hot.1"), os.path.join(out_dir, "callgrind.hot.0")
    ir1 = _callgrind([binary, path, "--iterations", "1"], one)
    ir0 = _callgrind([binary, path, "--iterations", "0"], zero)
    info = json.loads(subprocess.run([binary, path, "--iterations", "1"], check=True, capture_output=True,
                                     text=True).stdout)
    ents = info["entities"]
    parts = []
    incl = _annotate(one, inclusive=True)
    for fn, label in HOT_FUNCS:
        # the largest of its entries: callgrind_annotate may list one function
        # under two spellings of its file name, and gcc clones carry a suffix
        ir = max([r[0] for r in incl if r[2] == fn or r[2].startswith(fn + ".")] or [0])
        if ir:
            parts.append({"function": fn, "what": label, "ir_per_entity": ir / ents})
    for f in (one, zero):
        os.remove(f)
    return {"entities": ents, "bytes": info["bytes"], "ir": ir1 - ir0,
            "ir_per_entity": (ir1 - ir0) / ents, "ir_per_byte": (ir1 - ir0) / info["bytes"], "parts": parts}


GROUP_JSON = "JSON (splitter with field skim, validation, jsmn for fetched actions)"


def _group(file_, obj):
    if "mbedtls" in file_ or "gch_tls" in file_ or "gch_mbedtls" in file_:
        return "TLS (Mbed TLS: handshake, AES-GCM, records)"
    # debug paths are relative or absolute; core files sit in a layer folder
    core = re.search(r"(?:^|/)core/(?:\w+/)?(gch_\w+)", file_)
    if core and core.group(1).startswith("gch_json") or "jsmn" in file_:
        return GROUP_JSON
    if core and core.group(1).startswith("gch_http"):
        return "HTTP (request writer, response parser)"
    if core:
        return "core (heal job, Genesys layer, URLs)"
    if "libc.so" in obj or "libc" in file_:
        return "libc (memcpy, stdio, syscalls)"
    if "ld-linux" in obj or "/ld-" in obj:
        return "dynamic loader"
    return "other (CLI, platform, kernel entry)"


def scan_profile(gcheal, emu, out_dir):
    """Callgrind over a whole `gcheal scan` of the emulator's org: instructions
    by group, and the top functions."""
    import measure
    cg = os.path.join(out_dir, "callgrind.scan")
    argv = measure.gcheal_argv(gcheal, emu, "scan")
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + cg] + argv,
                          env=emu.env(), capture_output=True, text=True, timeout=600)
    if proc.returncode not in (0, 1, 5):
        raise RuntimeError("gcheal under callgrind: rc %s\n%s" % (proc.returncode, proc.stderr[-2000:]))
    total = _total(cg)
    groups = {}
    rows = _annotate(cg, inclusive=False)
    for ir, file_, _fn, obj in rows:
        g = _group(file_, obj)
        groups[g] = groups.get(g, 0) + ir
    top = [{"ir": ir, "function": fn, "file": os.path.basename(file_)} for ir, file_, fn, _ in rows[:12]]
    os.remove(cg)
    return {"total": total, "groups": sorted(groups.items(), key=lambda kv: -kv[1]), "top": top}
