#!/usr/bin/env python3
"""qemu_demo.py - `make qemu-demo`: the firmware fixes the emulator's demo org
from inside QEMU, and the emulator's verifier judges the result.

1. start tests/emulator/gcemu.py (demo org) on 127.0.0.1 with 10.0.2.2 in its
   certificate: QEMU user networking shows the host's loopback to the guest
   as 10.0.2.2, and the firmware checks the certificate against that address;
2. link a test image with the emulator's throwaway CA embedded
   (make board MCU_IMAGE=gcheal-fw-test MCU_CA_FILE=.../ca.pem);
3. boot it: qemu-system-arm -M mps2-an386 -nic user -semihosting ... -append
   "fix --api-host 10.0.2.2:PORT ...": scan + fix, report over semihosting,
   exit status = the gcheal CLI's;
4. assert the exit status, the report, the verified end state (restrictive
   actions fixed, nothing else changed, every PATCH byte-identical except
   timeoutSeconds) and the RAM marks; then boot a scan and expect nothing left
   to fix. Every boot is bounded by a timeout. Last line: "N passed, N failed".
"""
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
from emuctl import Emulator  # noqa: E402

BOOT_TIMEOUT = 300       # seconds per QEMU boot (a fix pass takes a few seconds)
IMAGE = "gcheal-fw-test"
GUEST_HOST = "10.0.2.2"  # the host as QEMU user networking shows it

passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   %s" % name)
    else:
        failed += 1
        print("FAIL %s %s" % (name, detail))


def build(ca_file):
    out = os.environ.get("MCU_OUT", "build/mcu")
    cmd = ["make", "--no-print-directory", "board",
           "MCU_IMAGE=" + IMAGE, "MCU_CA_FILE=" + ca_file]
    r = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    tail = "\n".join(r.stdout.splitlines()[-12:])
    check("test image links within the budget", r.returncode == 0, "\n" + tail)
    return os.path.join(ROOT, out, IMAGE + ".elf") if r.returncode == 0 else None


def boot(elf, args):
    cmd = ["qemu-system-arm", "-M", "mps2-an386", "-nographic", "-monitor", "none",
           "-serial", "none", "-semihosting-config", "enable=on,target=native",
           "-nic", "user", "-kernel", elf, "-append", args]
    try:
        r = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=BOOT_TIMEOUT)
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b"").decode(errors="replace"), "timed out"
    return r.returncode, r.stdout, r.stderr


def memory_marks(err):
    m = re.search(r"stack high-water (\d+) of (\d+) bytes, TLS arena high-water (\d+) of (\d+)", err)
    return tuple(int(x) for x in m.groups()) if m else None


def main():
    with tempfile.TemporaryDirectory(prefix="gcheal-qemu-") as tmp, \
            Emulator(org="demo", san=GUEST_HOST) as emu:
        print("==> emulator on %s:%d, CA %s" % (emu.host, emu.port, emu.ca_file))
        elf = build(emu.ca_file)
        if elf is None:
            return
        secret = os.path.join(tmp, "secret")
        with open(secret, "w") as f:
            f.write(emu.client_secret + "\n")
        common = "--api-host %s:%d --login-host %s:%d --client-id %s --client-secret-file %s" % (
            GUEST_HOST, emu.port, GUEST_HOST, emu.port, emu.client_id, secret)
        state0 = {a["id"]: a for a in emu.state()["actions"]}
        restrictive = {i for i, a in state0.items()
                       if isinstance(a.get("config", {}).get("timeoutSeconds"), int)
                       and a["config"]["timeoutSeconds"] < 5}

        print("==> qemu-system-arm -M mps2-an386 ... fix")
        rc, out, err = boot(elf, "fix " + common)
        sys.stdout.write(out)
        sys.stdout.write(err)
        print("    (exit %s)" % rc)
        check("fix boot ends within %d s" % BOOT_TIMEOUT, rc is not None)
        # The CLI's rule: restrictive actions that cannot be edited here
        # (static, function) make a fix exit 5 even when everything else got fixed.
        check("fix exits 5 (everything editable fixed, 2 skipped)", rc == 5, "got %s" % rc)
        check("fix summary", "fix: 36 examined, 9 restrictive, 7 fixed, 2 skipped, 0 failed" in out,
              "")
        v = emu.verify()
        changed = v.get("timeouts_changed", {})
        check("verifier: nothing but timeouts changed", v.get("ok") is True,
              str(v.get("differences"))[:400])
        check("verifier: 7 actions raised to 5 s",
              len(changed) == 7 and all(c["after"] == 5 for c in changed.values()), str(changed))
        check("every changed action was restrictive", set(changed) <= restrictive,
              str(set(changed) - restrictive))
        # Templates and every other member survive: the PATCHed config equals the
        # fetched one (templates inlined) except timeoutSeconds, byte for byte
        # where the platform served the action without escapes.
        patches = emu.patches()
        raw = {i for i, a in state0.items() if a.get("escape") == "raw"}
        check("7 PATCHes, all accepted", len(patches) == 7 and all(p.get("status") == 200 for p in patches),
              str([(p.get("action_id"), p.get("status")) for p in patches]))
        check("templates preserved: each PATCHed config is the fetched one but the timeout",
              all(p.get("config_json_equal_except_timeout") for p in patches))
        check("raw-escaped actions: PATCHed config byte-identical but the timeout",
              all(p.get("config_bytes_equal_to_full_except_timeout")
                  for p in patches if p.get("action_id") in raw))
        marks = memory_marks(err)
        check("RAM marks reported", marks is not None)
        if marks:
            stack, stack_size, arena, arena_size = marks
            check("stack high-water %d of %d bytes" % (stack, stack_size), 0 < stack < stack_size)
            check("TLS arena high-water %d of %d bytes" % (arena, arena_size), 0 < arena < arena_size)
            # For `make size` (docs/SIZE.md): the marks of the last passing run.
            with open(os.path.join(ROOT, os.environ.get("MCU_OUT", "build/mcu"), "qemu-marks.json"), "w") as f:
                json.dump({"stack": stack, "stack_size": stack_size, "arena": arena,
                           "arena_size": arena_size, "run": "fix, emulator demo org"}, f)

        print("==> qemu-system-arm -M mps2-an386 ... scan")
        rc, out, err = boot(elf, "scan " + common)
        sys.stdout.write(out)
        print("    (exit %s)" % rc)
        check("scan after fix: only the 2 uneditable actions left (skipped: exit 5)",
              rc == 5 and "scan: 36 examined, 2 restrictive, 0 fixed" in out, "got %s" % rc)


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a crash is a failure with its reason, not a silent pass
        failed += 1
        print("FAIL qemu-demo: %s: %s" % (type(e).__name__, e))
    print("qemu: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
