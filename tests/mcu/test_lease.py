#!/usr/bin/env python3
"""test_lease.py - the board renews its DHCP lease, and survives losing it.

QEMU's user network leases for 24 hours, so this test puts the board on a TAP
device instead (in a network namespace of its own), where the test is the
DHCP server (fwnet.Dhcp) with 12 s leases, the DNS server it names, and the
network the emulator listens on:

  1. the board leases 10.77.0.50 from the test, names its DNS server, heals
     the org by name;
  2. while it runs, it renews (REQUESTs from 10.77.0.50 at T1) and every run
     stays ok;
  3. the server goes silent: renewals and rebinds go unanswered, the lease
     runs out, lwIP drops the address and asks again (DISCOVER); runs fail
     with "no DHCP lease" and back off, never hang;
  4. the server is back and hands out another address (10.77.0.51): the
     board takes the new lease and the next run reaches the emulator from it.

Last line: "lease: N passed, N failed".
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fwnet  # noqa: E402
from emuctl import Emulator  # noqa: E402

TAP = "gchfw0"
SERVER = "10.77.0.1"
FIRST, SECOND = "10.77.0.50", "10.77.0.51"
LEASE_S = 12
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   %s" % name)
    else:
        failed += 1
        print("FAIL %s %s" % (name, detail))


def wait_run(board, seen, timeout=60):
    """The next run line after the first `seen` ones."""
    end = time.time() + timeout
    while time.time() < end:
        runs = board.runs()
        if len(runs) > seen:
            return runs[seen]
        if not board.alive():
            return None
        time.sleep(0.1)
    return None


def main():
    for cmd in (["ip", "tuntap", "add", "dev", TAP, "mode", "tap"],
                ["ip", "addr", "add", SERVER + "/24", "dev", TAP],
                ["ip", "link", "set", TAP, "up"]):
        subprocess.run(cmd, check=True)
    with fwnet.tempdir() as tmp, \
            Emulator(org="demo", host="0.0.0.0", san=[fwnet.API_NAME, fwnet.LOGIN_NAME]) as emu:
        dhcp = fwnet.Dhcp(TAP, SERVER, FIRST, LEASE_S)
        dns = fwnet.Dns({fwnet.API_NAME: SERVER, fwnet.LOGIN_NAME: SERVER}, host=SERVER)
        elf = fwnet.provision_image(tmp, "lease", fwnet.device_conf(emu, emu.port, interval=2))
        board = fwnet.Board(elf, nic="tap,id=n0,ifname=%s,script=no,downscript=no" % TAP, log=sys.stdout)
        try:
            scenario(board, dhcp, emu)
        finally:
            board.stop()
            dns.close()
            dhcp.close()


def scenario(board, dhcp, emu):
    lease = board.wait_for(r"DHCP lease ", 60)
    check("the board leases from the test's DHCP server, with its DNS server",
          lease is not None and "DHCP lease %s/24 gw %s dns %s" % (FIRST, SERVER, SERVER) in lease, str(lease))
    r = wait_run(board, 0)
    check("run 1 heals the org by name over the TAP network",
          r is not None and r["status"] == "ok" and r["fixed"] > 0 and r["failed"] == 0, str(r))

    # Renewals: at T1 (6 s) the board asks the server it leased from.
    t0 = time.time()
    while time.time() - t0 < 2.5 * LEASE_S:
        time.sleep(0.5)
    renewals = [x for x in dhcp.seen if x[1] == "REQUEST" and x[2] == FIRST]
    check("the lease is renewed (REQUESTs from %s), at least twice in %d s" % (FIRST, int(2.5 * LEASE_S)),
          len(renewals) >= 2, str(dhcp.seen))
    runs = board.runs()
    check("every run while renewing is ok", runs and all(x["status"] == "ok" for x in runs),
          str([(x["run"], x["status"], x["why"]) for x in runs]))

    # The server goes silent: the lease runs out.
    dhcp.mode = "silent"
    silent_from = time.time()
    lost = board.wait_for(r"failed exit 4 \(no DHCP lease\)", 3 * LEASE_S + 30)
    check("the lease runs out: a run fails with 'no DHCP lease' (no hang)", lost is not None,
          "\n".join(line for _, line in board.lines[-5:]))
    discovers = [x for x in dhcp.seen if x[1] == "DISCOVER" and x[0] > silent_from]
    check("lwIP starts over: DISCOVERs after the lease ran out", len(discovers) >= 1, str(dhcp.seen[-6:]))

    # Back, with another address.
    seq = len(emu.requests())
    dhcp.address = SECOND
    dhcp.mode = "ok"
    n = len(board.runs())
    r = None
    for i in range(6):
        r = wait_run(board, n + i, 60)
        if r is None or r["status"] == "ok":
            break
    check("with a new lease (%s) the next run is ok" % SECOND, r is not None and r["status"] == "ok", str(r))
    peers = {q["peer"] for q in emu.requests()[seq:]}
    check("the emulator now sees the board at %s" % SECOND, peers == {SECOND}, str(peers))
    check("the board is still running", board.alive())
    v = emu.verify()
    check("verifier: nothing but timeouts changed", v.get("ok") is True, str(v.get("differences"))[:400])


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
        print("FAIL lease: %s: %s" % (type(e).__name__, e))
    print("lease: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
