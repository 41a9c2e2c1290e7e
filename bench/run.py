#!/usr/bin/env python3
"""bench/run.py - issue 7's benchmarks, end to end (`make bench`), or one tiny
round of each part (`make bench-smoke`, part of `make test`, which counts its
checks and ends with "N passed, N failed").

1. side by side: build/gcheal and bench/peer.js (official SDK) against the same
   emulator, alternating, several rounds: scan of 10,000 actions; fix of 500
   restrictive among 10,000 (the org reloaded before each fix run). Both must
   report the same counts and leave the same end state (emulator verifier).
2. scaling: gcheal scans of 100 .. 100,000 actions; page sizes 25/100/500.
3. hot path: the emulator's real page bytes recorded (chunked, no TLS) and
   pushed through the core's parsers by build/.../bench/hotpath; callgrind
   gives instructions per entity; callgrind also profiles a whole 10,000-action
   scan (TLS vs parsing vs the rest).
4. network (bench/network.py): a fix direct and through a real tinyproxy
   (requests, CONNECTs, bytes), and the TLS arena with one CA file vs the
   system trust store.
Writes OUT/results.md, OUT/results.json and OUT/scaling.png (gnuplot).
"""
import argparse
import os
import statistics
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
sys.path.insert(0, HERE)

from emuctl import Emulator  # noqa: E402
import measure  # noqa: E402
import network  # noqa: E402
import profile_cg  # noqa: E402
import record_pages  # noqa: E402
import report  # noqa: E402

SEED = 7
PROFILES = {
    "full": {"rounds": 9, "scan_org": 10000, "fix_org": 10000, "fix_n": 500,
             "sizes": [100, 1000, 10000, 100000], "size_reps": 5, "page_sizes": [25, 100, 500],
             "page_reps": 5, "hot_seconds": 3.0, "network_reps": 5},
    "smoke": {"rounds": 1, "scan_org": 300, "fix_org": 300, "fix_n": 10,
              "sizes": [100, 300], "size_reps": 1, "page_sizes": [25, 100],
              "page_reps": 1, "hot_seconds": 0.2, "network_reps": 1},
}


class Checks:
    """Every claim the run makes about correctness, counted (smoke output)."""

    def __init__(self):
        self.passed, self.failed = 0, []

    def __call__(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed.append(what)
            print("  CHECK FAILED: %s" % what, flush=True)
        return ok


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


def median(xs):
    return statistics.median(xs) if xs else float("nan")


# ------------------------------------------------------------------ side by side
def side_by_side_scan(emu, a, p, check):
    runs = {"gcheal": [], "peer": []}
    for r in range(p["rounds"]):
        order = ("gcheal", "peer") if r % 2 == 0 else ("peer", "gcheal")
        for kind in order:
            emu.reset()
            m = measure.client(kind, a.bin, emu, "scan")
            m["requests"] = len(emu.requests())
            runs[kind].append(m)
            log("scan %s round %d: cpu %.3f s, rss %d KB, wall %.2f s, emulator %.2f s"
                % (kind, r + 1, m["cpu"], m["rss_kb"], m["wall"], m["emu_cpu"]))
        g, q = runs["gcheal"][-1], runs["peer"][-1]
        check(g["rc"] == 1 and q["rc"] == 0, "scan exit codes (gcheal %s, peer %s: %s)" % (g["rc"], q["rc"], q["err"][-300:]))
        check(measure.same_result(g["summary"], q["summary"]),
              "scan: same counts (gcheal %s, peer %s)" % (g["summary"], q["summary"]))
    return runs


def pick_fix_targets(emu, n):
    """n editable actions spread over the list (nothing else in this org is
    restrictive: it runs with restrictive_fraction 0). -> {id: timeout to give it}."""
    org = emu.state(summary=True)
    fn = {i["id"] for i in org["integrations"] if i.get("type") == "function-data-actions"}
    editable = [x for x in org["actions"] if x.get("kind") == "custom" and x["integrationId"] not in fn]
    step = max(1, len(editable) // n)
    return {x["id"]: 1 + i % 4 for i, x in enumerate(editable[::step][:n])}


def make_restrictive(emu, targets):
    """Before each fix run: the targets get their short timeouts back (as another
    admin would set them), and that is the verifier's new start state. Per action,
    through the control API: a whole-org reload is over its 20 MB body limit."""
    for aid, t in targets.items():
        emu.mutate(aid, timeoutSeconds=t)
    emu.snapshot()
    emu.reset()


def fix_end_state(emu, picks, who, check):
    v = emu.verify()
    changed = v.get("timeouts_changed", {})
    check(v.get("ok"), "%s fix: verifier found differences: %s" % (who, str(v.get("differences"))[:300]))
    check(set(changed) == picks and all(c["after"] == 5 for c in changed.values()),
          "%s fix: changed %d actions, expected the %d restrictive ones" % (who, len(changed), len(picks)))
    return {x["id"]: x["timeoutSeconds"] for x in emu.state(summary=True)["actions"]}


def side_by_side_fix(emu, a, p, check):
    targets = pick_fix_targets(emu, p["fix_n"])
    picks = set(targets)
    runs, ends = {"gcheal": [], "peer": []}, {}
    for r in range(p["rounds"]):
        order = ("gcheal", "peer") if r % 2 == 0 else ("peer", "gcheal")
        for kind in order:
            make_restrictive(emu, targets)
            m = measure.client(kind, a.bin, emu, "fix")
            reqs = emu.requests()
            m["requests"] = len(reqs)
            # Requests about one action (its GET, templates, PATCH, read-back), per fixed action.
            per_action = sum(1 for q in reqs if q["path"].startswith("/api/v2/integrations/actions/"))
            m["per_fix"] = per_action / max(1, len(picks))
            runs[kind].append(m)
            log("fix %s round %d: cpu %.3f s, rss %d KB, wall %.2f s, emulator %.2f s, %d requests, %.1f per fixed action"
                % (kind, r + 1, m["cpu"], m["rss_kb"], m["wall"], m["emu_cpu"], m["requests"], m["per_fix"]))
            check(m["summary"] is not None and m["summary"]["fixed"] == len(picks) and m["summary"]["failed"] == 0,
                  "%s fix: summary %s (rc %s) %s" % (kind, m["summary"], m["rc"], m["err"][-300:]))
            ends[kind] = fix_end_state(emu, picks, kind, check)
        check(ends["gcheal"] == ends["peer"], "fix: gcheal and the peer leave the same end state")
    return runs, len(picks)


# ------------------------------------------------------------------ scaling
def scaling(a, p, check):
    rows = []
    for size in p["sizes"]:
        with Emulator(org="gen:%d:%d" % (size, SEED), rate_limit=0) as emu:
            measure.client("gcheal", a.bin, emu, "scan")          # warm the emulator's cache
            ms = [measure.client("gcheal", a.bin, emu, "scan") for _ in range(p["size_reps"])]
        ok = all(m["summary"] and m["summary"]["examined"] >= size for m in ms)
        check(ok, "scaling: scan of %d actions examined them all" % size)
        rows.append({"actions": ms[0]["summary"]["examined"] if ok else size,
                     "pages": ms[0]["summary"]["pages"] if ok else 0,
                     "cpu": median([m["cpu"] for m in ms]), "rss_kb": median([m["rss_kb"] for m in ms]),
                     "wall": median([m["wall"] for m in ms]), "emu_cpu": median([m["emu_cpu"] for m in ms])})
        log("scaling %d: cpu %.3f s, rss %d KB, wall %.2f s" % (size, rows[-1]["cpu"], rows[-1]["rss_kb"], rows[-1]["wall"]))
    return rows


def page_sizes(emu, a, p, check):
    rows = []
    for ps in p["page_sizes"]:
        ms = []
        for _ in range(p["page_reps"]):
            emu.reset()
            ms.append(measure.client("gcheal", a.bin, emu, "scan", page_size=ps))
        lists = [r for r in emu.requests() if r["path"] == "/api/v2/integrations/actions"]
        check(lists and all("pageSize=%d&" % ps in r["query"] for r in lists),
              "page size %d: every list request asked for it" % ps)
        rows.append({"page_size": ps, "pages": ms[0]["summary"]["pages"] if ms[0]["summary"] else 0,
                     "cpu": median([m["cpu"] for m in ms]), "rss_kb": median([m["rss_kb"] for m in ms]),
                     "wall": median([m["wall"] for m in ms]), "emu_cpu": median([m["emu_cpu"] for m in ms])})
        log("page size %d: cpu %.3f s, rss %d KB, wall %.2f s" % (ps, rows[-1]["cpu"], rows[-1]["rss_kb"], rows[-1]["wall"]))
    return rows


# ------------------------------------------------------------------ hot path
def hot_path(emu, a, p, out, check):
    path = os.path.join(out, "pages.http")
    emu.set_faults(chunked=True)
    try:
        pages, entities, size = record_pages.record(emu, path)
    finally:
        emu.clear_faults()
    hp = profile_cg.hotpath(a.hotpath, path, p["hot_seconds"])
    check(hp["entities"] == entities and hp["pages"] == pages,
          "hot path: %d entities in %d pages found, %d in %d recorded" % (hp["entities"], hp["pages"], entities, pages))
    cg = profile_cg.hotpath_instructions(a.hotpath, path, out)
    check(cg["entities"] == entities and cg["ir_per_entity"] > 0, "hot path under callgrind: %s" % cg)
    os.remove(path)   # 14 MB: rebuilt by every run
    log("hot path: %.0f MB/s, %.0f ns/entity, %.0f instructions/entity (memchr quotes %.0f MB/s)"
        % (hp["parse_mb_s"], hp["ns_per_entity"], cg["ir_per_entity"], hp["memchr_quote_mb_s"]))
    return {"recorded": {"pages": pages, "entities": entities, "bytes": size}, "timing": hp, "callgrind": cg}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="build/gcheal")
    ap.add_argument("--get", required=True, help="build/gch-get (the trust-store figures)")
    ap.add_argument("--hotpath", required=True, help="build/<variant>/bench/hotpath")
    ap.add_argument("--rusage", required=True, help="build/<variant>/bench/rusage")
    ap.add_argument("--out", required=True, help="folder for results.md, results.json, scaling.png")
    ap.add_argument("--smoke", action="store_true", help="one tiny round of every part")
    a = ap.parse_args()
    p = PROFILES["smoke" if a.smoke else "full"]
    measure.RUSAGE = os.path.abspath(a.rusage)
    os.makedirs(a.out, exist_ok=True)
    check, t0 = Checks(), time.monotonic()
    res = {"profile": "smoke" if a.smoke else "full", "params": p, "bin": a.bin}
    log("side by side: scan org of %d, fix %d among %d, %d rounds" % (p["scan_org"], p["fix_n"], p["fix_org"], p["rounds"]))
    with Emulator(org="gen:%d:%d" % (p["scan_org"], SEED), rate_limit=0) as emu:
        measure.client("gcheal", a.bin, emu, "scan")                 # warm the emulator's cache
        res["scan"] = side_by_side_scan(emu, a, p, check)
        res["page_sizes"] = page_sizes(emu, a, p, check)
        res["hot"] = hot_path(emu, a, p, a.out, check)
        res["profile_scan"] = profile_cg.scan_profile(a.bin, emu, a.out)
        prof = res["profile_scan"]
        groups = dict(prof["groups"])
        # a scan parses every page: a JSON share of zero means the grouping lost core/'s files
        check(prof["total"] > 0 and groups.get(profile_cg.GROUP_JSON, 0) > 0.05 * prof["total"],
              "callgrind profile of the scan attributes the JSON work (%s)" % prof["groups"])
    with Emulator(org="gen:%d:%d" % (p["fix_org"], SEED), rate_limit=0, restrictive_fraction=0) as emu:
        res["fix"], res["fix_n"] = side_by_side_fix(emu, a, p, check)
    res["scaling"] = scaling(a, p, check)
    log("network: fix direct and through tinyproxy, %d runs each; TLS arena by trust store" % p["network_reps"])
    res["network"] = network.measure(a.bin, a.get, p["network_reps"], check)
    res["elapsed_s"] = time.monotonic() - t0
    res["checks"] = {"passed": check.passed, "failed": check.failed}
    md = report.write(res, a.out, chart_wanted=not a.smoke or report.have_gnuplot())
    check(os.path.getsize(md) > 0, "results written")
    print(open(md).read() if not a.smoke else "wrote %s" % md)
    log("done in %.0f s" % (time.monotonic() - t0))
    print("bench-smoke: " if a.smoke else "bench: ", end="")
    print("%d passed, %d failed" % (check.passed, len(check.failed)))
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
