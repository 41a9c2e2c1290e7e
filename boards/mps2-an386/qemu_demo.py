#!/usr/bin/env python3
"""qemu_demo.py - `make qemu-demo`: the firmware as a device, booted by name.

Inside a network namespace of its own (tests/mcu/fwnet.py):
1. the emulator (demo org) with api.gcheal.test and login.gcheal.test in its
   certificate, behind a TCP forwarder on the port the board is provisioned
   with, and a DNS responder answering both names with 10.0.2.2 (the
   namespace's loopback as QEMU's user network shows it to the board);
2. build/mcu/gcheal-fw.elf (the shipped image, Amazon root CA built in)
   provisioned by boards/mps2-an386/provision.py from a DEVICE.conf: hosts
   by name, the emulator's throwaway CA in the record, a 2 s interval;
3. boot it: DHCP lease, names resolved, run 1 fixes the org; between run 1
   and run 2 another admin makes one action restrictive again, and run 2
   heals it; the harness stops the board after 2 runs (--cycles 2, through
   semihosting) and reads its exit status;
4. judge: the console lines, the emulator's verifier (restrictive actions
   fixed, nothing else changed, templates byte-identical), the secret never
   on the console, the RAM marks. Last line: "qemu: N passed, N failed".
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "mcu"))
import fwnet  # noqa: E402
from emuctl import Emulator  # noqa: E402

BOOT_TIMEOUT = 240  # seconds for the whole boot (two runs take ~15 s)
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   %s" % name)
    else:
        failed += 1
        print("FAIL %s %s" % (name, detail))


def main():
    with fwnet.tempdir() as tmp, \
            Emulator(org="demo", san=[fwnet.API_NAME, fwnet.LOGIN_NAME]) as emu:
        proxy = fwnet.Proxy(emu.port)
        dns = fwnet.Dns({fwnet.API_NAME: fwnet.GUEST_HOST, fwnet.LOGIN_NAME: fwnet.GUEST_HOST})
        try:
            demo(tmp, emu, proxy, dns)
        finally:
            dns.close()
            proxy.close()


def demo(tmp, emu, proxy, dns):
    print("==> emulator on 127.0.0.1:%d behind 127.0.0.1:%d; DNS %s, %s -> %s" % (
        emu.port, proxy.port, fwnet.API_NAME, fwnet.LOGIN_NAME, fwnet.GUEST_HOST))
    elf = fwnet.provision_image(tmp, "device", fwnet.device_conf(emu, proxy.port, interval=2))
    state0 = {a["id"]: a for a in emu.state()["actions"]}
    restrictive = {i for i, a in state0.items()
                   if isinstance(a.get("config", {}).get("timeoutSeconds"), int)
                   and a["config"]["timeoutSeconds"] < 5}
    order = next(i for i, a in state0.items() if a["name"] == "GetCustomerOrder")

    print("==> qemu-system-arm -M mps2-an386 -kernel device.elf (provisioned), 2 runs")
    board = fwnet.Board(elf, cycles=2, log=sys.stdout)
    first = board.wait_for(r"gcheal: run 1 ", BOOT_TIMEOUT)
    if first is not None:
        # Another admin puts a restrictive timeout back between the two runs.
        emu.mutate(order, timeoutSeconds=2)
    rc = board.wait_exit(BOOT_TIMEOUT)
    board.stop()
    text = board.text()
    runs = board.runs()
    check("board exits after 2 runs (exit status of the last run)", rc is not None, "timed out")
    check("boot line, provisioned by name", "provisioned: api %s:%d, login %s:%d" % (
        fwnet.API_NAME, proxy.port, fwnet.LOGIN_NAME, proxy.port) in text)
    check("DHCP lease from QEMU's user network",
          "DHCP lease 10.0.2.15/24 gw 10.0.2.2 dns 10.0.2.3" in text)
    check("names resolved through the board's DNS client",
          any(q[1] == fwnet.API_NAME for q in dns.queries) and
          any(q[1] == fwnet.LOGIN_NAME for q in dns.queries), str(dns.queries[:4]))
    check("the console says where each name led", "gcheal: %s is %s:%d" % (fwnet.LOGIN_NAME, fwnet.GUEST_HOST,
                                                                         proxy.port) in text and
          "gcheal: %s is %s:%d" % (fwnet.API_NAME, fwnet.GUEST_HOST, proxy.port) in text)
    check("two run lines", len(runs) == 2, "\n" + text[-1500:])
    if len(runs) == 2:
        r1, r2 = runs
        check("run 1 reached 10.0.2.2 by name", r1["api"] == "%s:%d" % (fwnet.GUEST_HOST, proxy.port),
              r1["api"])
        # The org's numbers come from the emulator, not from here: every action
        # examined, every restrictive one fixed unless the API does not let us
        # (those are skipped, exit 5).
        check("run 1: every action examined, every restrictive one fixed or skipped, none failed",
              r1["examined"] == len(state0) and r1["restrictive"] == len(restrictive) and r1["fixed"] > 0
              and r1["fixed"] + r1["skipped"] == r1["restrictive"] and r1["failed"] == 0
              and r1["exit"] == (5 if r1["skipped"] else 0), "%s; %d actions, %d restrictive" % (
                  r1, len(state0), len(restrictive)))
        check("run 1: 2 connects (login, API)", r1["connects"] == 2, str(r1["connects"]))
        check("run 2 heals the action another admin made restrictive (1 fixed, the skipped ones again)",
              (r2["fixed"], r2["restrictive"], r2["skipped"], r2["failed"]) ==
              (1, r1["skipped"] + 1, r1["skipped"], 0), str(r2))
        check("run 2 keeps the token: 1 connect (API only)", r2["connects"] == 1, str(r2["connects"]))
        check("exit status = run 2's", rc == r2["exit"], "got %s" % rc)
        check("connections closed after each run: idle arena and lwIP equal",
              (r1["idle_arena"], r1["idle_blocks"], r1["idle_lwip"]) ==
              (r2["idle_arena"], r2["idle_blocks"], r2["idle_lwip"]) and r1["idle_arena"] >= 0,
              "%s vs %s" % ((r1["idle_arena"], r1["idle_lwip"]), (r2["idle_arena"], r2["idle_lwip"])))
        for r in runs:
            check("run %d: stack %d of %d, arena %d of %d" % (r["run"], r["stack"], r["stack_size"], r["arena"],
                                                             r["arena_size"]),
                  0 < r["stack"] < r["stack_size"] and 0 < r["arena"] < r["arena_size"])
        # For `make size` (docs/SIZE.md): the marks of the fixing run.
        with open(os.path.join(ROOT, os.environ.get("MCU_OUT", "build/mcu"), "qemu-marks.json"), "w") as f:
            json.dump({"stack": r1["stack"], "stack_size": r1["stack_size"], "arena": r1["arena"],
                       "arena_size": r1["arena_size"], "run": "fix, emulator demo org (7 PATCH)",
                       "runs": runs}, f)
    check("the client secret never appears on the console", emu.client_secret not in text)

    v = emu.verify()
    changed = v.get("timeouts_changed", {})
    check("verifier: nothing but timeouts changed", v.get("ok") is True, str(v.get("differences"))[:400])
    fixed = runs[0]["fixed"] if runs else -1
    check("verifier: the actions run 1 fixed are at 5 s, GetCustomerOrder too after the other admin's edit",
          len(changed) == fixed and all(c["after"] == 5 for c in changed.values())
          and emu.state()["actions"] and
          next(a for a in emu.state()["actions"] if a["id"] == order)["config"]["timeoutSeconds"] == 5,
          str(changed))
    check("every changed action was restrictive", set(changed) <= restrictive, str(set(changed) - restrictive))
    patches = emu.patches()
    raw = {i for i, a in state0.items() if a.get("escape") == "raw"}
    check("one PATCH per fix (run 1's and run 2's), all accepted",
          len(patches) == fixed + 1 and all(p.get("status") == 200 for p in patches),
          str([(p.get("action_id"), p.get("status")) for p in patches]))
    check("templates preserved: each PATCHed config is the fetched one but the timeout",
          all(p.get("config_json_equal_except_timeout") for p in patches))
    check("raw-escaped actions: PATCHed config byte-identical but the timeout",
          all(p.get("config_bytes_equal_to_full_except_timeout") for p in patches if p.get("action_id") in raw))


if __name__ == "__main__":
    rc = fwnet.reexec_in_netns()
    if rc is not None:
        sys.exit(rc)
    try:
        main()
    except Exception as e:  # a crash is a failure with its reason, not a silent pass
        failed += 1
        print("FAIL qemu-demo: %s: %s" % (type(e).__name__, e))
    print("qemu: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
