"""Test PKI for the emulator, made with the `openssl` command-line tool.

Why the CLI: the emulator must stay standard-library only, and Python's ssl
module cannot create keys or certificates.  We use `openssl ca` (not
`openssl x509 -req`) because OpenSSL 3.0 only lets `ca` set arbitrary
validity dates, which we need for the *expired certificate* switch.

Everything is written into one folder: ca.pem (give this to clients),
ca.key, server.pem, server.key.  Nothing here is secret or reused: the CA
is created fresh for every emulator start.
"""
import datetime
import ipaddress
import os
import subprocess

CA_CONF = """\
[ ca ]
default_ca = emu
[ emu ]
dir = {dir}
database = {dir}/index.txt
new_certs_dir = {dir}/newcerts
serial = {dir}/serial
default_md = sha256
policy = pol
unique_subject = no
copy_extensions = none
[ pol ]
commonName = supplied
[ srv ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = @alt
[ alt ]
{alt}
"""


def _run(args, cwd):
    proc = subprocess.run(args, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise RuntimeError("openssl failed: %s\n%s" % (" ".join(args), proc.stderr))


def _newkey_args(key_type):
    if key_type == "ec":
        return ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"]
    if key_type == "rsa":
        return ["-newkey", "rsa:2048"]
    raise ValueError("key type must be rsa or ec, not %r" % key_type)


def _alt_lines(sans):
    lines, dns, ip = [], 0, 0
    for san in sans:
        try:
            ipaddress.ip_address(san)
            ip += 1
            lines.append("IP.%d = %s" % (ip, san))
        except ValueError:
            dns += 1
            lines.append("DNS.%d = %s" % (dns, san))
    return "\n".join(lines)


def _stamp(dt):
    return dt.strftime("%Y%m%d%H%M%SZ")


def make_pki(directory, key_type="ec", extra_sans=(), expired=False,
             wrong_host=False):
    """Create CA + server certificate in `directory`; return dict of paths.

    expired:    the server certificate's validity ended in the past (the CA
                itself stays valid, so the *only* problem is the expiry).
    wrong_host: the certificate names only other.example, so a client that
                checks the hostname must refuse it.
    """
    os.makedirs(directory, exist_ok=True)
    d = os.path.abspath(directory)
    os.makedirs(os.path.join(d, "newcerts"), exist_ok=True)
    open(os.path.join(d, "index.txt"), "w").close()
    with open(os.path.join(d, "serial"), "w") as f:
        f.write("%s\n" % os.urandom(8).hex().upper())

    if wrong_host:
        sans = ["other.example"]
    else:
        sans = ["localhost", "127.0.0.1"]
        for s in extra_sans:
            if s and s not in sans:
                sans.append(s)
    with open(os.path.join(d, "ca.cnf"), "w") as f:
        f.write(CA_CONF.format(dir=d, alt=_alt_lines(sans)))

    _run(["openssl", "req", "-x509", "-nodes"] + _newkey_args(key_type) +
         ["-keyout", "ca.key", "-out", "ca.pem", "-days", "3650",
          "-subj", "/CN=gcemu throwaway test CA",
          "-addext", "basicConstraints=critical,CA:TRUE",
          "-addext", "keyUsage=critical,keyCertSign,cRLSign"], d)
    _run(["openssl", "req", "-new", "-nodes"] + _newkey_args(key_type) +
         ["-keyout", "server.key", "-out", "server.csr",
          "-subj", "/CN=%s" % sans[0]], d)

    now = datetime.datetime.now(datetime.timezone.utc)
    if expired:
        start, end = now - datetime.timedelta(days=60), now - datetime.timedelta(days=30)
    else:
        # Start a day in the past so a client with a slightly slow clock
        # (e.g. a board without RTC that synced via SNTP) still accepts it.
        start, end = now - datetime.timedelta(days=1), now + datetime.timedelta(days=30)
    _run(["openssl", "ca", "-batch", "-notext", "-config", "ca.cnf",
          "-cert", "ca.pem", "-keyfile", "ca.key", "-in", "server.csr",
          "-out", "server.pem", "-extensions", "srv",
          "-startdate", _stamp(start), "-enddate", _stamp(end)], d)
    return {
        "ca_file": os.path.join(d, "ca.pem"),
        "cert_file": os.path.join(d, "server.pem"),
        "key_file": os.path.join(d, "server.key"),
        "sans": sans,
        "not_after": end.isoformat(),
    }
