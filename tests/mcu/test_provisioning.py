#!/usr/bin/env python3
"""test_provisioning.py - a board whose record is bad stays "not provisioned".

Each image below is the shipped firmware with one bad config sector. The board
boots under QEMU (in a network namespace of its own, with the test's DNS
responder listening, see fwnet.py) and must print a clear "not provisioned"
line naming what is wrong, send not a single frame (QEMU's filter-dump records
every frame the NIC sends or gets), ask the DNS responder nothing, never show
the secret, and end with exit status 2 under the harness's --cycles.
provision.py itself refuses the same bad inputs. Last line:
"provisioning: N passed, N failed".
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fwnet  # noqa: E402
import provision  # noqa: E402

BOOT_TIMEOUT = 60
SECRET = "do-not-print-this-secret-7f3a"
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   %s" % name)
    else:
        failed += 1
        print("FAIL %s %s" % (name, detail))


def good_fields(**over):
    f = [("api_host", fwnet.API_NAME), ("api_port", 443), ("login_host", fwnet.LOGIN_NAME),
         ("login_port", 443), ("client_id", "device-1"), ("client_secret", SECRET), ("mode", 1),
         ("interval", 60), ("ca_builtin", 1)]
    return [(k, over.get(k, v)) for k, v in f]


def cases():
    good = provision.encode(good_fields())
    bad_crc = bytearray(good)
    bad_crc[provision.HEADER + 5] ^= 0x20  # one bit of the payload
    region = provision.encode([("region", "xx-nowhere-9"), ("client_id", "device-1"),
                               ("client_secret", SECRET), ("ca_builtin", 1)])
    return [
        ("blank record", None, "not provisioned: the config sector is blank"),
        ("wrong CRC", bytes(bad_crc), "not provisioned: record CRC mismatch"),
        ("oversized secret", provision.encode(good_fields(client_secret=SECRET * 5)),
         "not provisioned: client_secret is %d bytes, over the limit of 128" % (len(SECRET) * 5)),
        ("unknown region", region, "not provisioned: unknown region"),
        ("no magic", b"\x00" * 64, "not provisioned: the config sector holds no gcheal record"),
    ]


def boot_case(tmp, dns, name, record, expect):
    slug = name.replace(" ", "-")
    if record is None:
        elf = fwnet.firmware_elf()  # as linked: the sector is erased
    else:
        elf = fwnet.provision_image(tmp, slug, record=record)
    pcap = os.path.join(tmp, slug + ".pcap")
    before = len(dns.queries)
    board = fwnet.Board(elf, cycles=1, pcap=pcap)
    rc = board.wait_exit(BOOT_TIMEOUT)
    board.stop()
    text = board.text()
    check("%s: exit 2 (not provisioned)" % name, rc == 2, "got %s:\n%s" % (rc, text))
    check("%s: says %r" % (name, expect), expect in text, "\n" + text)
    check("%s: no frame sent or received" % name,
          os.path.exists(pcap) and fwnet.pcap_frames(pcap) == 0,
          "%s frames" % (fwnet.pcap_frames(pcap) if os.path.exists(pcap) else "no pcap"))
    check("%s: no DNS query" % name, len(dns.queries) == before, str(dns.queries[before:]))
    check("%s: the secret is not on the console" % name, SECRET not in text)
    check("%s: no run line" % name, not board.runs())


def control(tmp, dns):
    """The same checks see traffic when there is some: a good record (the
    built-in CA, nobody listening on 10.0.2.2:443) leases, resolves, fails
    its run and exits 4."""
    elf = fwnet.provision_image(tmp, "good", record=provision.encode(good_fields()))
    pcap = os.path.join(tmp, "good.pcap")
    before = len(dns.queries)
    board = fwnet.Board(elf, cycles=1, pcap=pcap)
    rc = board.wait_exit(BOOT_TIMEOUT)
    board.stop()
    check("control: a good record boots, leases, resolves (frames and DNS queries seen)",
          rc == 4 and fwnet.pcap_frames(pcap) > 0 and len(dns.queries) > before and
          "not provisioned" not in board.text(),
          "exit %s, %d frames, %d queries" % (rc, fwnet.pcap_frames(pcap), len(dns.queries) - before))
    check("control: the secret is not on the console", SECRET not in board.text())


def tool_refuses(tmp, name, conf, expect):
    path = os.path.join(tmp, "bad.conf")
    with open(path, "w") as f:
        f.write(conf)
    out = os.path.join(tmp, "never.elf")
    r = subprocess.run([sys.executable, os.path.join(fwnet.BOARD_DIR, "provision.py"), "--config", path,
                        fwnet.firmware_elf(), "-o", out], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    check("provision.py refuses %s (exit 2, says %r)" % (name, expect),
          r.returncode == 2 and expect in r.stdout and not os.path.exists(out), r.stdout)
    check("provision.py does not print the secret (%s)" % name, SECRET not in r.stdout)


def main():
    with fwnet.tempdir() as tmp:
        dns = fwnet.Dns({fwnet.API_NAME: fwnet.GUEST_HOST, fwnet.LOGIN_NAME: fwnet.GUEST_HOST})
        try:
            for name, record, expect in cases():
                boot_case(tmp, dns, name, record, expect)
            control(tmp, dns)
        finally:
            dns.close()
        base = "client_id = d\nca = builtin\n"
        tool_refuses(tmp, "an oversized secret", base + "region = us-east-1\nclient_secret = %s\n" % (SECRET * 5),
                     "client_secret is %d bytes, over the limit of 128" % (len(SECRET) * 5))
        tool_refuses(tmp, "an unknown region", base + "region = xx-nowhere-9\nclient_secret = %s\n" % SECRET,
                     "unknown region 'xx-nowhere-9'")
        tool_refuses(tmp, "a record without a secret", base + "region = us-east-1\n", "no client_secret")
        tool_refuses(tmp, "an unknown key", base + "region = us-east-1\nclient_secret = %s\ncolour = red\n" % SECRET,
                     "unknown key 'colour'")
        # And what it accepts round-trips: --show prints every field but the secret.
        good = os.path.join(tmp, "good.conf")
        with open(good, "w") as f:
            f.write(base + "region = eu-west-1\nclient_secret = %s\ninterval = 600\nname = A\nname = B\n" % SECRET)
        out = os.path.join(tmp, "good.elf")
        r1 = subprocess.run([sys.executable, os.path.join(fwnet.BOARD_DIR, "provision.py"), "--config", good,
                             fwnet.firmware_elf(), "-o", out], stdout=subprocess.PIPE, text=True)
        r2 = subprocess.run([sys.executable, os.path.join(fwnet.BOARD_DIR, "provision.py"), "--show", out],
                            stdout=subprocess.PIPE, text=True)
        check("provision.py --show: the fields, CRC ok, the secret hidden",
              r1.returncode == 0 and "CRC ok" in r2.stdout and "region = eu-west-1" in r2.stdout
              and "interval = 600" in r2.stdout and r2.stdout.count("name = ") == 2
              and "not shown" in r2.stdout and SECRET not in r2.stdout, r2.stdout)


if __name__ == "__main__":
    rc = fwnet.reexec_in_netns()
    if rc is not None:
        sys.exit(rc)
    try:
        main()
    except Exception as e:
        failed += 1
        print("FAIL provisioning: %s: %s" % (type(e).__name__, e))
    print("provisioning: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)
