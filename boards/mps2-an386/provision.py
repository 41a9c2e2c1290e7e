#!/usr/bin/env python3
"""provision.py - write a gcheal device's configuration record into a firmware
image (the reserved config sector, see gch_fw_record.h for the layout).

    provision.py --config DEVICE.conf IMAGE.elf -o DEVICE.elf   # or a raw IMAGE.bin
    provision.py --blank IMAGE.elf -o BLANK.elf                 # an erased sector
    provision.py --show IMAGE.elf                               # the record (no secret)

DEVICE.conf is "key = value" lines; a line starting with '#' is a comment
(values are taken whole: a secret may hold '#'). Keys:

    region = us-east-1                # or both of:
    api_host = api.example.test:443   #   host[:port]
    login_host = login.example.test:443
    client_id = ...
    client_secret = ...               # or client_secret_file = PATH (first line)
    mode = fix                        # fix | scan | dry-run
    min_timeout = 5                   # 1..60
    set_timeout = 0                   # 0..60 (0: min_timeout)
    unset_is = 60                     # 1..60
    interval = 300                    # seconds between runs, 1..86400
    watchdog = 120                    # seconds without a feed before a reset, 4..171
    category = ...                    # optional filters
    integration = ...
    name = ...                        # up to 4 exact action names (repeat the key)
    ca = builtin                      # or a PEM file: the bundle goes into the record

The tool refuses what the firmware would refuse, with the same limits, so a
record it writes is one the device accepts. Relative paths in DEVICE.conf are
relative to the file. The secret is never printed.
"""
import argparse
import os
import struct
import sys
import zlib

MAGIC = 0x50484347
VERSION = 1
HEADER = 16
SECTION = ".gch_config"
SECTOR_ADDR = 0x3E000  # a raw .bin image starts at address 0
SECTOR_SIZE = 8192

TAGS = {
    "region": 1, "api_host": 2, "api_port": 3, "login_host": 4, "login_port": 5,
    "client_id": 6, "client_secret": 7, "mode": 8, "min_timeout": 9, "set_timeout": 10,
    "unset_is": 11, "interval": 12, "watchdog": 13, "category": 14, "integration": 15,
    "name": 16, "ca": 17, "ca_builtin": 18,
}
NUMBERS = {"api_port": (1, 65535), "login_port": (1, 65535), "mode": (0, 2), "min_timeout": (1, 60),
           "set_timeout": (0, 60), "unset_is": (1, 60), "interval": (1, 86400),
           "watchdog": (4, 171), "ca_builtin": (1, 1)}
TEXT_MAX = {"region": 63, "api_host": 63, "login_host": 63, "client_id": 64, "client_secret": 128,
            "category": 127, "integration": 127, "name": 127}
MODES = {"scan": 0, "fix": 1, "dry-run": 2}
# Genesys Cloud regions (shared/docs/genesys-api.md 1.5); the firmware has the same table.
REGIONS = {
    "us-east-1": "mypurecloud.com", "us-east-2": "use2.us-gov-pure.cloud",
    "us-west-2": "usw2.pure.cloud", "ca-central-1": "cac1.pure.cloud",
    "sa-east-1": "sae1.pure.cloud", "mx-central-1": "mxc1.pure.cloud",
    "eu-west-1": "mypurecloud.ie", "eu-west-2": "euw2.pure.cloud",
    "eu-central-1": "mypurecloud.de", "eu-central-2": "euc2.pure.cloud",
    "eusc-de-east-1": "edee1.eusc-pure.cloud", "me-central-1": "mec1.pure.cloud",
    "ap-south-1": "aps1.pure.cloud", "ap-southeast-1": "apse1.pure.cloud",
    "ap-southeast-2": "mypurecloud.com.au", "ap-northeast-1": "mypurecloud.jp",
    "ap-northeast-2": "apne2.pure.cloud", "ap-northeast-3": "apne3.pure.cloud",
}
HOST_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")


class ProvisionError(Exception):
    pass


def encode(fields):
    """fields: [(key, value)], value str/bytes/int, in order. No checks: tests
    use this to build records the firmware must refuse."""
    payload = b""
    for key, value in fields:
        if isinstance(value, int):
            v = struct.pack("<I", value)
        elif isinstance(value, str):
            v = value.encode() + b"\0"
        else:
            v = bytes(value)
        payload += struct.pack("<BH", TAGS[key], len(v)) + v
    return struct.pack("<IHHII", MAGIC, VERSION, HEADER, len(payload), zlib.crc32(payload)) + payload


def host_port(key, text):
    host, _, port = text.partition(":")
    if port and not port.isdigit():
        raise ProvisionError("%s: port %r is not a number" % (key, port))
    return host, int(port) if port else 443


def parse(path):
    """DEVICE.conf -> checked [(key, value)] for encode()."""
    base = os.path.dirname(os.path.abspath(path))
    seen, fields, names = set(), [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, eq, value = (x.strip() for x in line.partition("="))
        where = "%s:%d" % (path, n)
        if not eq or not value:
            raise ProvisionError("%s: expected 'key = value'" % where)
        if key == "name":
            names.append(value)
            continue
        if key in seen:
            raise ProvisionError("%s: %s given twice" % (where, key))
        seen.add(key)
        if key in ("api_host", "login_host"):
            host, port = host_port(key, value)
            fields += [(key, host), (key.replace("host", "port"), port)]
        elif key == "client_secret_file":
            p = value if os.path.isabs(value) else os.path.join(base, value)
            with open(p, encoding="utf-8") as sf:
                secret = (sf.readline().rstrip("\r\n") or "").strip()
            fields.append(("client_secret", secret))
        elif key == "mode":
            if value not in MODES:
                raise ProvisionError("%s: mode must be fix, scan or dry-run" % where)
            fields.append(("mode", MODES[value]))
        elif key == "ca":
            if value == "builtin":
                fields.append(("ca_builtin", 1))
            else:
                p = value if os.path.isabs(value) else os.path.join(base, value)
                with open(p, "rb") as cf:
                    pem = cf.read()
                if b"-----BEGIN CERTIFICATE-----" not in pem:
                    raise ProvisionError("%s: %s holds no PEM certificate" % (where, value))
                fields.append(("ca", pem + b"\0"))
        elif key in NUMBERS or key in TEXT_MAX:
            if key in NUMBERS:
                if not value.isdigit():
                    raise ProvisionError("%s: %s must be a number" % (where, key))
                value = int(value)
            fields.append((key, value))
        else:
            raise ProvisionError("%s: unknown key %r" % (where, key))
    fields += [("name", x) for x in names]
    check(fields)
    return fields


def check(fields):
    """The firmware's rules (gch_fw_record.c), so a written record is accepted."""
    d = {}
    names = [v for k, v in fields if k == "name"]
    for k, v in fields:
        d[k] = v
        if k in NUMBERS:
            lo, hi = NUMBERS[k]
            if not lo <= v <= hi:
                raise ProvisionError("%s %d is outside %d..%d" % (k, v, lo, hi))
        if k in TEXT_MAX:
            b = v.encode()
            if not b or b"\0" in b or "\n" in v:
                raise ProvisionError("%s is not a single line of text" % k)
            if len(b) > TEXT_MAX[k]:
                raise ProvisionError("%s is %d bytes, over the limit of %d" % (k, len(b), TEXT_MAX[k]))
        if k in ("api_host", "login_host") and not set(v) <= HOST_CHARS:
            raise ProvisionError("%s is not a host name" % k)
    if len(names) > 4:
        raise ProvisionError("more than 4 names")
    if "region" in d:
        if "api_host" in d or "login_host" in d:
            raise ProvisionError("both a region and hosts: give one of them")
        if d["region"] not in REGIONS:
            raise ProvisionError("unknown region %r (known: %s)" % (d["region"], ", ".join(sorted(REGIONS))))
    elif "api_host" not in d or "login_host" not in d:
        raise ProvisionError("no region, and not both api_host and login_host")
    if "client_id" not in d or "client_secret" not in d:
        raise ProvisionError("no client_id, or no client_secret / client_secret_file")
    if ("ca" in d) == ("ca_builtin" in d):
        raise ProvisionError("ca: give a PEM file or 'builtin'")
    if len(encode(fields)) > SECTOR_SIZE:
        raise ProvisionError("the record is %d bytes, over the %d-byte sector" % (len(encode(fields)), SECTOR_SIZE))


def locate(image):
    """(file offset, size) of the config sector in an ELF or raw image."""
    if image[:4] != b"\x7fELF":
        if len(image) < SECTOR_ADDR + SECTOR_SIZE:
            raise ProvisionError("raw image too short to hold the config sector at 0x%x" % SECTOR_ADDR)
        return SECTOR_ADDR, SECTOR_SIZE
    if image[4] != 1 or image[5] != 1:
        raise ProvisionError("not a 32-bit little-endian ELF")
    shoff, = struct.unpack_from("<I", image, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", image, 0x2E)
    sh = [struct.unpack_from("<IIIIIIIIII", image, shoff + i * shentsize) for i in range(shnum)]
    strtab = sh[shstrndx][4]
    for name, _type, _flags, _addr, offset, size, *_ in sh:
        end = image.index(b"\0", strtab + name)
        if image[strtab + name:end].decode() == SECTION:
            return offset, size
    raise ProvisionError("no %s section: not a gcheal firmware image" % SECTION)


def write(image_path, out_path, record):
    image = bytearray(open(image_path, "rb").read())
    off, size = locate(image)
    if len(record) > size:
        raise ProvisionError("the record is %d bytes, over the %d-byte sector" % (len(record), size))
    image[off:off + size] = record + b"\xff" * (size - len(record))
    tmp = out_path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(image)
    os.replace(tmp, out_path)


def show(image_path):
    image = open(image_path, "rb").read()
    off, size = locate(image)
    magic, version, header, length, crc = struct.unpack_from("<IHHII", image, off)
    if magic == 0xFFFFFFFF:
        return "blank config sector"
    payload = image[off + HEADER:off + HEADER + length]
    out = ["record version %d, %d bytes, CRC %s" % (
        version, length, "ok" if zlib.crc32(payload) == crc else "MISMATCH")]
    names = {v: k for k, v in TAGS.items()}
    i = 0
    while i + 3 <= len(payload):
        tag, n = struct.unpack_from("<BH", payload, i)
        v = payload[i + 3:i + 3 + n]
        key = names.get(tag, "tag %d" % tag)
        if key == "client_secret":
            text = "(%d bytes, not shown)" % max(n - 1, 0)
        elif key == "ca":
            text = "(%d bytes of PEM)" % n
        elif key in NUMBERS and n == 4:
            text = str(struct.unpack("<I", v)[0])
        else:
            text = v.rstrip(b"\0").decode(errors="replace")
        out.append("  %s = %s" % (key, text))
        i += 3 + n
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("image", help="firmware image (.elf or raw .bin)")
    ap.add_argument("-c", "--config", dest="conf", help="DEVICE.conf to write into the image")
    ap.add_argument("-o", "--out", help="provisioned image to write (default: in place)")
    ap.add_argument("--blank", action="store_true", help="erase the config sector")
    ap.add_argument("--show", action="store_true", help="print the record (secret hidden)")
    a = ap.parse_args()
    try:
        if a.show:
            print(show(a.image))
            return 0
        if a.blank:
            write(a.image, a.out or a.image, b"")
        else:
            if not a.conf:
                ap.error("--config DEVICE.conf is needed (or --blank / --show)")
            write(a.image, a.out or a.image, encode(parse(a.conf)))
        print("provision: wrote %s" % (a.out or a.image))
        return 0
    except (ProvisionError, OSError, UnicodeDecodeError) as e:
        print("provision: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
