#!/usr/bin/env python3
"""test_soak.py - the device keeps an org healthy through faults, for 30+ runs.

One board (provisioned: hosts by name, 2 s interval, 20 s watchdog) against
the emulator (demo org, 30 s tokens so they expire during the soak), in a
network namespace of its own with the test's DNS responder and a TCP
forwarder in front of the emulator (fwnet.py). Between runs the test changes
the org and injects one fault at a time, then checks what the next run did:

  another admin makes an action restrictive       -> the next run fixes it
  another admin edits an action during our PATCH  -> fixed, their edit kept
  the server gone (connections refused) 3 runs    -> failed runs, back-off, then healed
  the token revoked (401)                         -> renewed once, run ok
  429 with Retry-After: 2                         -> waited, run ok
  503 on every other request                      -> retried, run ok
  a TCP reset half-way through the list page      -> page read again, run ok
  the DNS responder answers SERVFAIL              -> run fails: name did not resolve
  the list page trickles one byte per 3 s         -> no read times out; the watchdog
                                                     resets the board, which boots,
                                                     gets its lease and heals

At the end: every restrictive action the board can edit is fixed, the
verifier sees nothing else changed (other admins' edits kept), the board is
still running, no connection is left open, and the arena and stack
high-water marks and the idle arena and lwIP figures of the last quiet runs
equal those of the first quiet runs. The run lines go to
build/mcu/soak-runs.json for `make size`. Last line: "soak: N passed, N failed".
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fwnet  # noqa: E402
from emuctl import Emulator  # noqa: E402

MIN_RUNS = 30
# The SysTick interrupt may land at a run's deepest call and push its frame
# there (26 words with the FPU state, plus the handler's own few): the stack
# mark of identical runs varies by up to that much. The arena and lwIP have
# no such noise and must match exactly.
EXCEPTION_FRAME = 104 + 16
RUN_TIMEOUT = 90         # one run line: interval x back-off + a run with retries
WATCHDOG_S = 20
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   %s" % name)
    else:
        failed += 1
        print("FAIL %s %s" % (name, detail))


class Soak:
    def __init__(self, emu, board, proxy, dns):
        self.emu, self.board, self.proxy, self.dns = emu, board, proxy, dns
        self.seen = 0
        self.runs = []          # every run line, in order, with the boot it belongs to
        self.boot = 1
        self.uneditable = -1    # restrictive actions run 1 had to skip

    def next_run(self, timeout=RUN_TIMEOUT):
        """Block until the next run line; None when none came in time."""
        end = time.time() + timeout
        while time.time() < end:
            lines = self.board.lines
            while self.seen < len(lines):
                _, line = lines[self.seen]
                self.seen += 1
                if "after a watchdog reset" in line:
                    self.boot += 1
                r = fwnet.parse_run(line)
                if r:
                    r["boot"] = self.boot
                    self.runs.append(r)
                    print("     run %d.%d: %s %s exit %d%s; %d fixed; stack %d arena %d idle %d/%d" % (
                        self.boot, r["run"], r["mode"], r["status"], r["exit"],
                        " (%s)" % r["why"] if r["why"] else "", r["fixed"], r["stack"], r["arena"],
                        r["idle_arena"], r["idle_lwip"]))
                    return r
            if not self.board.alive():
                return None
            time.sleep(0.05)
        return None


def restrictive_ids(emu):
    return {a["id"] for a in emu.state()["actions"]
            if isinstance(a.get("config", {}).get("timeoutSeconds"), int) and a["config"]["timeoutSeconds"] < 5}


def editable_targets(emu, n):
    """n custom actions that are fine now (timeout >= 10), to make restrictive later."""
    out = []
    for a in emu.state()["actions"]:
        t = a.get("config", {}).get("timeoutSeconds")
        if a["id"].startswith("custom_") and isinstance(t, int) and t >= 10 and a.get("kind", "custom") == "custom":
            out.append(a["id"])
    return out[:n]


def soak(s):
    emu, proxy, dns = s.emu, s.proxy, s.dns
    first = s.next_run(120)
    check("run 1 comes (boot, lease, resolve, heal)", first is not None, s.board.text()[-2000:])
    if first is None:
        return
    check("run 1 fixes every restrictive action it may edit",
          first["status"] == "ok" and first["fixed"] > 0 and first["failed"] == 0 and
          first["fixed"] + first["skipped"] == first["restrictive"], str(first))
    s.uneditable = first["skipped"]
    quiet_first = [s.next_run(), s.next_run()]
    check("runs 2-3: quiet (nothing left to fix but the actions the API does not let us edit)",
          all(r and r["status"] == "ok" and r["fixed"] == 0 and r["restrictive"] == s.uneditable
              for r in quiet_first), str(quiet_first))
    targets = editable_targets(emu, 3)
    check("the org has 3 editable actions to make restrictive", len(targets) == 3, str(targets))

    # Another admin makes an action restrictive.
    emu.mutate(targets[0], timeoutSeconds=1)
    r = s.next_run()
    check("new restrictive action: the next run fixes it", r and r["fixed"] == 1 and r["status"] == "ok", str(r))

    # Another admin edits an action between our GET and PATCH (409, refetch, keep their edit).
    emu.mutate(targets[1], timeoutSeconds=2)
    emu.set_faults(concurrent_editor=1)
    r = s.next_run()
    emu.set_faults(concurrent_editor=None)
    check("edit by another admin during the fix: fixed, their edit kept (verifier below)",
          r and r["fixed"] == 1 and r["status"] == "ok", str(r))

    # The server is gone for three runs, then back.
    proxy.down()
    down = [s.next_run() for _ in range(3)]
    proxy.up()
    check("server gone: 3 failed runs (connection refused)",
          all(x and x["status"] == "failed" and x["exit"] == 4 for x in down), str(down))
    check("server gone: the wait grows (back-off) and is capped",
          [x["next"] for x in down if x] == [4, 8, 8], str([x["next"] for x in down if x]))
    r = s.next_run()
    check("server back: the next run is ok", r and r["status"] == "ok", str(r))

    # 401: every token revoked.
    seq = len(emu.requests())
    emu.revoke_tokens()
    r = s.next_run()
    check("401: the emulator answered 401 once, then 200s",
          [q["status"] for q in emu.requests()[seq:]].count(401) == 1, str(emu.requests()[seq:]))
    # One TLS session at a time: the API (401), the login, the API again.
    check("401 (token revoked): renewed once, run ok (3 connects: API, login, API)",
          r and r["status"] == "ok" and r["connects"] == 3, str(r))

    # 429 with Retry-After.
    seq = len(emu.requests())
    emu.set_faults(burst_429={"count": 2, "retry_after": 2, "after": 0})
    r = s.next_run()
    got = emu.requests()[seq:]
    t429 = [q["time"] for q in got if q["status"] == 429]
    after = [q["time"] for q in got if q["status"] == 200]
    check("429 Retry-After 2 (twice): waited as asked, run ok",
          r and r["status"] == "ok" and len(t429) == 2 and after and after[0] - t429[-1] >= 1.9 and
          t429[1] - t429[0] >= 1.9, str([(q["status"], round(q["time"] % 100, 1)) for q in got]))
    emu.set_faults(burst_429=None)

    # 503 on every other request, in a run with something to fix (a quiet run may make
    # a single request: the list page).
    emu.mutate(targets[0], timeoutSeconds=2)
    seq = len(emu.requests())
    emu.set_faults(fail_every=2, fail_statuses=[503])
    r = s.next_run()
    emu.set_faults(fail_every=0)
    n503 = [q["status"] for q in emu.requests()[seq:]].count(503)
    check("503 on every other request: retried, run ok", r and r["status"] == "ok" and n503 >= 1 and r["fixed"] >= 1,
          "%s, %d x 503" % (r, n503))

    # A TCP reset half-way through the list page.
    emu.mutate(targets[2], timeoutSeconds=3)
    seq = len(emu.requests())
    emu.set_faults(reset_body={"pages": [1], "times": 1})
    r = s.next_run()
    check("reset mid-page: the emulator reset one page half-way",
          [q.get("fault") for q in emu.requests()[seq:]].count("reset_body") == 1)
    check("reset mid-page: the page is read again, the new restrictive action fixed",
          r and r["status"] == "ok" and r["fixed"] == 1 and r["connects"] >= 2, str(r))

    # DNS failure.
    dns.mode = "servfail"
    r = s.next_run()
    dns.mode = "ok"
    check("DNS failure: the run fails, naming it (the responder answered SERVFAIL)",
          r and r["status"] == "failed" and "did not resolve" in (r["why"] or "") and
          any(q[2] == "servfail" for q in dns.queries), str(r))
    r = s.next_run()
    check("DNS back: run ok", r and r["status"] == "ok", str(r))

    # A stall no read timeout ends: one byte every 3 s (the core's read timeout
    # is 15 s, its request deadline 120 s): the watchdog must reset the board.
    emu.set_faults(stall_body={"pages": [1], "times": 1, "seconds": 3 * WATCHDOG_S, "trickle": 3})
    t0 = time.time()
    bark = s.board.wait_for(r"watchdog: the loop stopped feeding it", 3 * WATCHDOG_S + 30)
    check("stall: the watchdog fires", bark is not None, s.board.text()[-1500:])
    reboot = s.board.wait_for(r"boot 2, after a watchdog reset", 30)
    check("stall: the board resets and says why (boot 2, after a watchdog reset)", reboot is not None)
    check("stall: within the watchdog period and a run", time.time() - t0 < WATCHDOG_S + 20,
          "%.0f s" % (time.time() - t0))
    r = s.next_run()
    check("after the reset: lease, names, run ok (new token: 2 connects)",
          r and r["boot"] == 2 and r["status"] == "ok" and r["connects"] == 2, str(r))

    # Quiet runs to the end.
    while len(s.runs) < MIN_RUNS + 2:
        r = s.next_run()
        if r is None:
            break
    check("at least %d runs" % MIN_RUNS, len(s.runs) >= MIN_RUNS, str(len(s.runs)))
    time.sleep(1.0)  # between two runs: the last run closed its connections
    check("no connection left open between runs", proxy.open == 0, "%d open" % proxy.open)
    check("the board is still running", s.board.alive())


def judge(s, emu):
    runs = s.runs
    quiet = [r for r in runs if r["status"] == "ok" and r["fixed"] == 0 and r["connects"] == 1 and r["requests"] <= 3]
    first = [r for r in quiet if r["boot"] == 1][:2]
    last = quiet[-3:]
    print("     first quiet runs: %s" % [(r["boot"], r["run"]) for r in first])
    print("     last quiet runs:  %s" % [(r["boot"], r["run"]) for r in last])
    key = lambda r: (r["arena"], r["idle_arena"], r["idle_blocks"], r["idle_lwip"])  # noqa: E731
    check("quiet runs found at both ends", len(first) == 2 and len(last) == 3)
    if first and last:
        check("arena high-water, idle arena and lwIP: the last quiet runs equal the first",
              len({key(r) for r in first + last}) == 1, str([key(r) for r in first + last]))
        stacks = [r["stack"] for r in first + last]
        check("stack high-water: the last quiet runs equal the first (within one exception frame)",
              max(stacks) - min(stacks) <= EXCEPTION_FRAME and max(r["stack"] for r in last) <=
              min(r["stack"] for r in first) + EXCEPTION_FRAME, str(stacks))
    fix_runs = [r for r in runs if r["fixed"] == 1 and r["status"] == "ok"]
    check("runs that fixed one action: the same arena mark each time (no creep)",
          len({r["arena"] for r in fix_runs}) == 1, str([(r["stack"], r["arena"]) for r in fix_runs]))
    check("every run within the budgets", all(0 < r["stack"] < r["stack_size"] and 0 < r["arena"] < r["arena_size"]
                                              for r in runs if r["status"] == "ok"))
    text = s.board.text()
    check("the client secret never appears on the console", emu.client_secret not in text)
    check("no CPU fault, no lwIP assertion, no arena corruption",
          "CPU fault" not in text and "assertion" not in text and "arena corrupt" not in text)
    check("exactly one watchdog reset", text.count("after a watchdog reset") == 1)

    v = emu.verify()
    check("verifier: nothing but timeouts changed (the other admin's edit kept)", v.get("ok") is True,
          str(v.get("differences"))[:600])
    left = restrictive_ids(emu)
    check("every restrictive action fixed but the %d the API does not let us edit" % s.uneditable,
          len(left) == s.uneditable and runs[-1]["skipped"] == s.uneditable, str(left))
    logins = [q for q in emu.requests() if q["path"] == "/oauth/token" and q["status"] == 200]
    check("the token was renewed as it expired (30 s tokens): >= 3 logins", len(logins) >= 3, str(len(logins)))
    out = os.path.join(fwnet.ROOT, os.environ.get("MCU_OUT", "build/mcu"), "soak-runs.json")
    with open(out, "w") as f:
        json.dump({"runs": runs, "first_quiet": first, "last_quiet": last}, f)


def main():
    with fwnet.tempdir() as tmp, \
            Emulator(org="demo", san=[fwnet.API_NAME, fwnet.LOGIN_NAME], token_ttl=30, rate_limit=0) as emu:
        proxy = fwnet.Proxy(emu.port)
        dns = fwnet.Dns({fwnet.API_NAME: fwnet.GUEST_HOST, fwnet.LOGIN_NAME: fwnet.GUEST_HOST})
        elf = fwnet.provision_image(tmp, "soak", fwnet.device_conf(emu, proxy.port, interval=2, watchdog=WATCHDOG_S))
        log = open(os.path.join(fwnet.ROOT, os.environ.get("MCU_OUT", "build/mcu"), "soak-console.log"), "w")
        board = fwnet.Board(elf, log=log)
        s = Soak(emu, board, proxy, dns)
        t0 = time.time()
        try:
            soak(s)
            judge(s, emu)
        finally:
            board.stop()
            log.close()
            dns.close()
            proxy.close()
        print("     %d runs in %.0f s" % (len(s.runs), time.time() - t0))


if __name__ == "__main__":
    rc = fwnet.reexec_in_netns()
    if rc is not None:
        sys.exit(rc)
    try:
        main()
    except Exception as e:
        failed += 1
        import traceback
        traceback.print_exc()
        print("FAIL soak: %s: %s" % (type(e).__name__, e))
    print("soak: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
