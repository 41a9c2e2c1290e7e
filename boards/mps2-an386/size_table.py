#!/usr/bin/env python3
"""size_table.py --elf FW.elf --out docs/SIZE.md - `make size`.

Per-file code size in the style of the FreeRTOS coreHTTP/coreJSON tables:
every .c of core/, port/ and platform/lwip compiled on its own with
    arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -mfloat-abi=hard
                      -mfpu=fpv4-sp-d16 -std=gnu99 -DNDEBUG  (-O1 and -Os)
and measured as text+data of the object (arm-none-eabi-size); the budgets of
issue 6; then the whole firmware from the linked ELF and its map (flash and
RAM by component), the RAM high-water marks of the last `make qemu-demo`, and
the marks and per-run cost over the last soak (tests/mcu/test_soak.py).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BOARD = "boards/mps2-an386"
FLAGS = ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16", "-std=gnu99", "-DNDEBUG"]
BUDGET_HTTP, BUDGET_JSON, BUDGET_ALL = 4096, 3072, 16384
HTTP = ["core/http/gch_http_client.c", "core/http/gch_http_parser.c", "core/http/gch_http_header.c",
        "core/http/gch_http_request.c"]


def includes():
    d = os.environ
    return ["-DGCH_CONFIG_FILE=\"gch_board_config.h\"",
            "-Icore", "-Iport", "-Iplatform/lwip", "-I" + BOARD,
            "-isystem", d.get("LWIP_DIR", "build/deps/lwip") + "/src/include",
            "-isystem", d.get("JSMN_DIR", "build/deps/jsmn"),
            "-isystem", d.get("MBEDTLS_DIR", "build/deps/mbedtls") + "/include",
            "-DMBEDTLS_CONFIG_FILE=\"gch_mbedtls_config.h\""]


def obj_size(src, opt, tmp):
    obj = os.path.join(tmp, os.path.basename(src) + opt + ".o")
    subprocess.run(["arm-none-eabi-gcc"] + FLAGS + [opt] + includes() + ["-c", src, "-o", obj],
                   cwd=ROOT, check=True)
    out = subprocess.run(["arm-none-eabi-size", obj], cwd=ROOT, check=True,
                         stdout=subprocess.PIPE, text=True).stdout.splitlines()[1].split()
    return int(out[0]) + int(out[1])  # text + data (bss is RAM the caller owns)


def kib(n):
    return "%.1fK" % (n / 1024.0)


def verdict(n, budget):
    return "%s (budget %s: %s)" % (kib(n), kib(budget), "met" if n <= budget else "OVER")


def map_components(map_file):
    """Flash (text/rodata/data load) and RAM (data/bss) per component, from the map."""
    comp = lambda path: (  # noqa: E731
        "gcheal core/" if "/core/" in path else
        "gcheal port/" if "/port/" in path else
        "gcheal platform/lwip" if "/platform/lwip/" in path else
        "board (boards/mps2-an386, CA)" if ("/boards/" in path or "-ca.o" in path) else
        "Mbed TLS 3.6" if "libgch_mbedtls.a" in path else
        "lwIP 2.2" if "liblwip.a" in path else
        "newlib + libgcc" if ("libc" in path or "libgcc" in path or "libg" in path) else "other")
    flash, ram = {}, {}
    pending = None
    in_discard = True
    for line in open(map_file):
        if line.startswith("Linker script and memory map"):
            in_discard = False
        if in_discard:
            continue
        m = re.match(r"^ (\.(?:text|rodata|data|bss)[^\s]*)\s*$", line)
        if m:
            pending = m.group(1)
            continue
        m = re.match(r"^ (\.(?:text|rodata|data|bss)[^\s]*)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+\.(?:o|a\(.*\)))\s*$", line)
        if m:
            name = m.group(1) or pending
            pending = None
            if not name:
                continue
            size = int(m.group(3), 16)
            c = comp(m.group(4))
            if name.startswith((".text", ".rodata", ".data")):
                flash[c] = flash.get(c, 0) + size
            if name.startswith((".data", ".bss")):
                ram[c] = ram.get(c, 0) + size
        else:
            pending = None
    return flash, ram


def image_totals(elf):
    sizes = subprocess.run(["arm-none-eabi-size", "-A", elf], check=True, stdout=subprocess.PIPE,
                           text=True).stdout
    sec = {l.split()[0]: int(l.split()[1]) for l in sizes.splitlines() if l.startswith(".")}
    return (sec.get(".text", 0) + sec.get(".ARM.exidx", 0) + sec.get(".data", 0),
            sec.get(".data", 0) + sec.get(".bss", 0) + sec.get(".stack", 0))


def symbol_sizes(elf):
    out = subprocess.run(["arm-none-eabi-nm", "-S", "--radix=d", elf], check=True, stdout=subprocess.PIPE,
                         text=True).stdout
    return {p[3]: int(p[1]) for p in (l.split() for l in out.splitlines()) if len(p) == 4}


SMALL_PROXY = ["-DGCH_PROXY_HEAD_SIZE=1024u", "-DGCH_PROXY_MAX_HEADERS=16u", "-DGCH_PROXY_HOST_MAX=96u",
               "-DGCH_PROXY_AUTH_MAX=192u"]


def proxy_ram(extra=()):
    """sizeof(gch_proxy_t) with this board's configuration (and extra -D settings)."""
    with tempfile.TemporaryDirectory() as tmp:
        src, obj, raw = (os.path.join(tmp, n) for n in ("p.c", "p.o", "p.bin"))
        with open(src, "w") as f:
            f.write('#include "gch_proxy.h"\nconst unsigned gch_proxy_size = sizeof(gch_proxy_t);\n')
        subprocess.run(["arm-none-eabi-gcc"] + FLAGS + ["-Os"] + includes() + list(extra) + ["-c", src, "-o", obj],
                       cwd=ROOT, check=True)
        subprocess.run(["arm-none-eabi-objcopy", "-O", "binary", "-j", ".rodata", obj, raw], check=True)
        with open(raw, "rb") as f:
            return int.from_bytes(f.read(4), "little")


def proxy_section(elf, proxy_elf, ram_total):
    """What an image that reaches Genesys Cloud through an HTTP proxy would add."""
    flash_total, _ = image_totals(elf)  # code only: the config sector is the same in both
    pflash, pram = image_totals(proxy_elf)
    base, extra = symbol_sizes(elf), symbol_sizes(proxy_elf)
    only = sorted(((size, name) for name, size in extra.items() if name not in base), reverse=True)
    o = ["## HTTP proxy (linked only by a board that uses it)\n",
         "The default image does not reach Genesys Cloud through a proxy, so `--gc-sections` drops the "
         "CONNECT dialer. `make proxy-size` links the same image with `gch_proxy_init` and "
         "`gch_proxy_dialer` kept (`%s`): the proxy code adds **%d bytes of flash** (code %d -> %d) and no "
         "static RAM of its own. A board that uses it adds one `gch_proxy_t`: %d bytes with this "
         "board's configuration, more than the %d bytes of RAM it has left; %d bytes with `%s`. The seam "
         "itself (the dialer hook in the TLS connector, the tunnel mode of the response parser) is in "
         "every image.\n"
         % (os.path.relpath(proxy_elf, ROOT), pflash - flash_total, flash_total, pflash, proxy_ram(),
            98304 - ram_total, proxy_ram(SMALL_PROXY), " ".join(d[2:].replace("=", " ") for d in SMALL_PROXY)),
         "| only in the proxy image | bytes |", "|---|---:|"]
    o += ["| `%s` | %d |" % (name, n) for n, name in only]
    o.append("")
    return o


def soak_section(o, soak):
    runs = soak["runs"]
    boots = max(r["boot"] for r in runs)
    o.append("%d runs of the watch loop over %d boots (one watchdog reset), every fault of the soak "
             "injected between them. The loop repaints the stack and the arena before each run, so "
             "each run reports its own high-water marks; after each run (connections closed, the "
             "token kept) it measures what the arena and lwIP still hold.\n" % (len(runs), boots))
    o.append("| | first quiet runs | last quiet runs | highest of any run | reserved |")
    o.append("|---|---:|---:|---:|---:|")
    first, last = soak["first_quiet"], soak["last_quiet"]
    for key, label, size in (("stack", "stack high-water", "stack_size"),
                             ("arena", "Mbed TLS arena high-water", "arena_size"),
                             ("idle_arena", "arena held between runs (bytes)", None),
                             ("idle_lwip", "lwIP held between runs (pool elements + heap bytes)", None)):
        o.append("| %s | %s | %s | %d | %s |" % (
            label, ", ".join(str(r[key]) for r in first), ", ".join(str(r[key]) for r in last),
            max(r[key] for r in runs), runs[0][size] if size else "-"))
    o.append("")
    o.append("The arena and lwIP figures repeat exactly; the stack mark of identical runs may differ "
             "by up to one exception frame (104 bytes with the FPU state, and the handler's own), "
             "when the SysTick interrupt lands at the run's deepest call.\n")
    o.append("What one run costs on the device (Ethernet bytes as the LAN9118 moved them, TLS and "
             "TCP/IP included; one TLS session at a time):\n")
    o.append("| run | runs | TLS connects | HTTP requests | bytes in | bytes out |")
    o.append("|---|---:|---:|---:|---:|---:|")
    kinds = (("quiet: nothing to fix, token still valid", lambda r: r["status"] == "ok" and r["fixed"] == 0
              and r["connects"] == 1),
             ("quiet, with a token renewal (login)", lambda r: r["status"] == "ok" and r["fixed"] == 0
              and r["connects"] == 2),
             ("fixes one action (GET, templates, PATCH, verify)", lambda r: r["status"] == "ok"
              and r["fixed"] == 1 and r["connects"] == 1),
             ("first run: login and 7 fixes", lambda r: r["status"] == "ok" and r["fixed"] == 7),
             ("failed (server gone, DNS failure): retries, then back-off", lambda r: r["status"] == "failed"))
    for label, pred in kinds:
        sel = [r for r in runs if pred(r)]
        if not sel:
            continue
        span = lambda k: ("%d" % min(r[k] for r in sel) if len({r[k] for r in sel}) == 1  # noqa: E731
                          else "%d-%d" % (min(r[k] for r in sel), max(r[k] for r in sel)))
        o.append("| %s | %d | %s | %s | %s | %s |" % (label, len(sel), span("connects"), span("requests"),
                                                       span("bytes_in"), span("bytes_out")))
    o.append("\n(the org is the emulator's demo org: 36 actions on one list page of 100; a failed run's "
             "connects are its attempts.)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--elf", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--proxy-elf", help="the image linked with the proxy dialer kept (make proxy-size)")
    a = ap.parse_args()
    srcs = sorted(glob.glob(os.path.join(ROOT, "core/*/*.c")) + glob.glob(os.path.join(ROOT, "port/*.c"))
                  + glob.glob(os.path.join(ROOT, "platform/lwip/*.c")))
    srcs = [os.path.relpath(s, ROOT) for s in srcs]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for s in srcs:
            rows.append((s, obj_size(s, "-O1", tmp), obj_size(s, "-Os", tmp)))
    tot = lambda pred, i: sum(r[i] for r in rows if pred(r[0]))  # noqa: E731
    is_http = lambda s: s in HTTP  # noqa: E731
    is_json = lambda s: s.startswith("core/json/")  # noqa: E731

    elf = os.path.join(ROOT, a.elf)
    sizes = subprocess.run(["arm-none-eabi-size", "-A", elf], check=True, stdout=subprocess.PIPE,
                           text=True).stdout
    sec = {l.split()[0]: int(l.split()[1]) for l in sizes.splitlines() if l.startswith(".")}
    code_total = sec.get(".text", 0) + sec.get(".ARM.exidx", 0) + sec.get(".data", 0)
    flash_total = code_total + sec.get(".gch_config", 0)
    ram_total = sec.get(".data", 0) + sec.get(".bss", 0) + sec.get(".noinit", 0) + sec.get(".stack", 0)
    flash, ram = map_components(os.path.splitext(elf)[0] + ".map")
    syms = subprocess.run(["arm-none-eabi-nm", "-S", elf], check=True, stdout=subprocess.PIPE,
                          text=True).stdout
    sym = {}
    for l in syms.splitlines():
        p = l.split()
        if len(p) == 4:
            sym[p[3]] = int(p[1], 16)
    marks_file = os.path.join(os.path.dirname(elf), "qemu-marks.json")
    marks = json.load(open(marks_file)) if os.path.exists(marks_file) else None
    soak_file = os.path.join(os.path.dirname(elf), "soak-runs.json")
    soak = json.load(open(soak_file)) if os.path.exists(soak_file) else None

    o = []
    o.append("# gcheal code size and firmware footprint\n")
    o.append("Written by `make size` (boards/mps2-an386/size_table.py); do not edit by hand.\n")
    o.append("## Per file (coreHTTP-style)\n")
    o.append("Each file compiled alone with `arm-none-eabi-gcc %s` at `-O1` and `-Os` "
             "(GCC %s, the firmware's buffer sizes); text+data of the object in bytes. Buffers "
             "are not in these figures: every context is caller-owned RAM (see below).\n" % (
                 " ".join(FLAGS), subprocess.run(["arm-none-eabi-gcc", "-dumpversion"],
                                                 stdout=subprocess.PIPE, text=True).stdout.strip()))
    o.append("| file | -O1 | -Os |")
    o.append("|---|---:|---:|")
    for s, o1, os_ in rows:
        o.append("| `%s` | %d | %d |" % (s, o1, os_))
    o.append("| **total** | **%d** | **%d** |\n" % (tot(lambda s: True, 1), tot(lambda s: True, 2)))
    o.append("## Budgets (issue 6, at -Os)\n")
    o.append("| component | files | -O1 | -Os | verdict |")
    o.append("|---|---|---:|---:|---|")
    o.append("| HTTP client + parser | `core/http/gch_http_{client,parser,header,request}.c` | %s | %s | %s; "
             "coreHTTP + llhttp: 22.3K |" % (kib(tot(is_http, 1)), kib(tot(is_http, 2)),
                                             verdict(tot(is_http, 2), BUDGET_HTTP)))
    o.append("| JSON layer | `core/json/` (jsmn included) | %s | %s | %s; coreJSON: 2.5K |" % (
        kib(tot(is_json, 1)), kib(tot(is_json, 2)), verdict(tot(is_json, 2), BUDGET_JSON)))
    o.append("| all of gcheal's own code | core/, port/, platform/lwip | %s | %s | %s |\n" % (
        kib(tot(lambda s: True, 1)), kib(tot(lambda s: True, 2)),
        verdict(tot(lambda s: True, 2), BUDGET_ALL)))
    o.append("## Whole firmware (`%s`, -Os, --gc-sections)\n" % a.elf)
    o.append("The linker script's regions are the budget: FLASH 256 KiB (248 KiB of code and 8 KiB "
             "reserved for the provisioned record), RAM 96 KiB (data + bss + noinit + stack); a build "
             "that outgrows either fails to link. Before issue 13 (a one-shot bench demo configured "
             "through semihosting, static address, IP literals; main at 225f441) the image took 191372 "
             "bytes of flash and 95240 bytes of RAM. The device fits in the same RAM: its configuration "
             "is read in place from flash (the semihosted command line and secret buffers, 769 bytes, are "
             "gone), which pays for DHCP, DNS (a two-name table of 64-byte names instead of lwIP's four "
             "of 256) and UDP (three pcbs), the watch loop and the reset record.\n")
    o.append("| | used | budget |")
    o.append("|---|---:|---:|")
    o.append("| flash: code (.text + .rodata + .data image) | %d (%s) | 253952 (248K) |" % (code_total, kib(code_total)))
    o.append("| flash: config sector (the provisioned record) | %d (%s) | 8192 (8K) |" % (
        sec.get(".gch_config", 0), kib(sec.get(".gch_config", 0))))
    o.append("| **flash** | **%d (%s)** | **262144 (256K)** |" % (flash_total, kib(flash_total)))
    o.append("| **RAM (.data + .bss + .noinit + stack)** | **%d (%s)** | **98304 (96K)** |\n" % (
        ram_total, kib(ram_total)))
    o.append("| component (from the link map) | flash | static RAM |")
    o.append("|---|---:|---:|")
    for c in sorted(set(flash) | set(ram), key=lambda c: -flash.get(c, 0)):
        o.append("| %s | %d | %d |" % (c, flash.get(c, 0), ram.get(c, 0)))
    o.append("")
    o.append("RAM by owner:\n")
    o.append("| owner | bytes |")
    o.append("|---|---:|")
    lwip_ram = sum(v for k, v in sym.items() if k.startswith("memp_memory_") or k == "ram_heap")
    for name, n in (("heal context (`gch_heal_t`: HTTP, JSON and fix-table buffers)", sym.get("heal", 0)),
                    ("Mbed TLS arena (`GCH_TLS_ARENA_SIZE`)", sym.get("arena", 0)),
                    ("lwIP pools and heap (pbuf pool, segments, pcbs, MEM_SIZE)", lwip_ram),
                    ("TLS configuration (CA chain, RNG, two ssl configs)", sym.get("tls_cfg", 0)),
                    ("TLS connections (two `gch_tls_conn_t`)", sym.get("connector", 0)),
                    ("lwIP DNS client (two-name table)", sym.get("dns_table", 0)),
                    ("LAN9118 frame buffer", sym.get("frame", 0)),
                    ("reset record (`.noinit`: why the last boot ended)", sec.get(".noinit", 0)),
                    ("stack", sec.get(".stack", 0))):
        o.append("| %s | %d |" % (name, n))
    o.append("")
    if a.proxy_elf:
        o += proxy_section(elf, os.path.join(ROOT, a.proxy_elf), ram_total)
    o.append("## High-water marks of a run\n")
    if marks:
        o.append("Measured by painting (no `MBEDTLS_MEMORY_DEBUG`): the stack is filled with a "
                 "pattern at reset, the arena once Mbed TLS owns it; the deepest byte no longer "
                 "holding the pattern after the run (%s, one TLS session at a time).\n" % marks["run"])
        o.append("| | high-water | reserved |")
        o.append("|---|---:|---:|")
        o.append("| stack | %d | %d |" % (marks["stack"], marks["stack_size"]))
        o.append("| Mbed TLS arena | %d | %d |" % (marks["arena"], marks["arena_size"]))
    else:
        o.append("Not measured yet: run `make qemu-demo`, then `make size`.")
    o.append("")
    o.append("## Over the soak (tests/mcu/test_soak.py)\n")
    if soak:
        soak_section(o, soak)
    else:
        o.append("Not measured yet: run `make test-mcu`, then `make size`.")
    o.append("")
    with open(os.path.join(ROOT, a.out), "w") as f:
        f.write("\n".join(o))
    print("size: wrote %s (own code %d bytes at -Os)" % (a.out, tot(lambda s: True, 2)))


if __name__ == "__main__":
    sys.exit(main())
