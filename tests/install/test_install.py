"""make install / make uninstall, and the installed tree: the binary runs, the
manual renders and lists the same options as --help, the systemd unit passes
systemd-analyze and is hardened as documented, and its command line, expanded
the way systemd expands it, runs watch against the emulator with the secret
coming from a credentials folder only."""
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "emulator"))
from emuctl import Emulator  # noqa: E402

FILES = {  # relative to DESTDIR + PREFIX, with their modes
    "bin/gcheal": 0o755,
    "share/man/man1/gcheal.1": 0o644,
    "share/gcheal/gcheal-watch.service": 0o644,
    "share/gcheal/gcheal.env": 0o644,
}
SECRET_VARS = {"GENESYS_CLOUD_CLIENT_SECRET", "GENESYSCLOUD_OAUTHCLIENT_SECRET"}
LONG_OPT = re.compile(r"(?<![\w-])--[a-z][a-z-]*[a-z]")
SHORT_OPT = re.compile(r"(?<![\w-])-[a-zA-Z](?![\w-])")
ENV_VAR = re.compile(r"\bGENESYS[A-Z_]+\b")


def make(*args, check=True):
    p = subprocess.run(["make", "--no-print-directory", "-C", ROOT] + list(args), capture_output=True,
                       text=True, timeout=600)
    if check and p.returncode != 0:
        raise AssertionError("make %s failed (%d):\n%s\n%s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
    return p


def files_under(top):
    out = set()
    for d, _, names in os.walk(top):
        out |= {os.path.relpath(os.path.join(d, n), top) for n in names}
    return out


def render_man(path):
    env = dict(os.environ, MANWIDTH="200", MAN_KEEP_FORMATTING="")
    p = subprocess.run(["man", "--warnings", "-l", path], capture_output=True, text=True, env=env, timeout=60)
    return p.returncode, re.sub(r".\x08", "", p.stdout), p.stderr


def section(text, name):
    """The lines of one top-level section of a rendered manual page."""
    lines, inside = [], False
    for line in text.splitlines():
        if re.match(r"^[A-Z][A-Z ]+$", line):
            inside = line == name
            continue
        if inside:
            lines.append(line)
    return "\n".join(lines)


def options(text):
    return set(LONG_OPT.findall(text)) | set(SHORT_OPT.findall(text))


def read_unit(path):
    """{key: [values]} of a unit file (comments and section headers dropped)."""
    keys = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#;[":
                continue
            k, _, v = line.partition("=")
            keys.setdefault(k, []).append(v)
    return keys


def read_env_file(path):
    env = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            k, _, v = line.partition("=")
            if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
                v = v[1:-1]
            env[k] = v
    return env


def expand_exec(line, env):
    """ExecStart= as systemd expands it: "${VAR}" in place, a lone "$VAR" split
    into words at whitespace (our line uses no quotes)."""
    assert '"' not in line and "'" not in line, line
    argv = []
    for word in line.split():
        m = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
        if m:
            argv += env.get(m.group(1), "").split()
        else:
            argv.append(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda x: env.get(x.group(1), ""), word))
    return argv


class TestInstall(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="gcheal-install-")
        cls.dest = os.path.join(cls.tmp, "dest")
        os.mkdir(cls.dest)
        cls.install = make("install", "DESTDIR=" + cls.dest)
        cls.top = os.path.join(cls.dest, "usr", "local")
        cls.bin = os.path.join(cls.top, "bin", "gcheal")
        cls.man = os.path.join(cls.top, "share", "man", "man1", "gcheal.1")
        cls.unit = os.path.join(cls.top, "share", "gcheal", "gcheal-watch.service")
        cls.env_example = os.path.join(cls.top, "share", "gcheal", "gcheal.env")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def help_text(self):
        p = subprocess.run([self.bin, "--help"], capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout

    # ---- the tree
    def test_installs_exactly_its_files_under_prefix(self):
        self.assertEqual(files_under(self.dest), {os.path.join("usr/local", f) for f in FILES})
        for f, mode in FILES.items():
            self.assertEqual(stat.S_IMODE(os.stat(os.path.join(self.top, f)).st_mode), mode, f)

    def test_prefix_is_honoured_in_the_paths_and_in_the_unit(self):
        dest = os.path.join(self.tmp, "prefix")
        make("install", "DESTDIR=" + dest, "PREFIX=/opt/gch")
        self.assertEqual(files_under(dest), {os.path.join("opt/gch", f) for f in FILES})
        unit = read_unit(os.path.join(dest, "opt/gch/share/gcheal/gcheal-watch.service"))
        self.assertTrue(unit["ExecStart"][0].startswith("/opt/gch/bin/gcheal "), unit["ExecStart"])
        with open(os.path.join(dest, "opt/gch/share/man/man1/gcheal.1")) as f:
            page = f.read()
        self.assertIn("/opt/gch/share/gcheal/gcheal\\-watch.service", page)
        self.assertNotIn("PREFIX/", page)

    # ---- the binary and its manual
    def test_installed_binary_runs(self):
        p = subprocess.run([self.bin, "--version"], capture_output=True, text=True, timeout=30)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertRegex(p.stdout, r"^gcheal \d+\.\d+\.\d+\n$")
        with open(self.man) as f:
            th = next(line for line in f if line.startswith(".TH "))
        self.assertIn('"%s"' % p.stdout.strip(), th, "the manual's version is not the binary's")

    def test_man_renders_the_page_without_warnings(self):
        rc, out, err = render_man(self.man)
        self.assertEqual(rc, 0, err)
        self.assertEqual(err, "", "troff warnings")
        for heading in ("NAME", "SYNOPSIS", "OPTIONS", "EXIT STATUS", "SIGNALS", "STATUS FILE",
                        "RUNNING AS A SERVICE", "ENVIRONMENT", "FILES"):
            self.assertRegex(out, r"(?m)^%s$" % heading)
        self.assertIn("/usr/local/share/gcheal/gcheal-watch.service", out)

    def test_help_and_manual_list_the_same_options(self):
        helped = options(self.help_text())
        rc, out, _ = render_man(self.man)
        documented = options(section(out, "OPTIONS"))
        self.assertGreater(len(helped), 20, helped)
        self.assertEqual(helped - documented, set(), "in --help, not in the manual's OPTIONS")
        self.assertEqual(documented - helped, set(), "in the manual's OPTIONS, not in --help")

    def test_every_listed_option_is_one_the_parser_knows(self):
        for opt in sorted(options(self.help_text())):
            p = subprocess.run([self.bin, opt, "1", "scan"], capture_output=True, text=True, timeout=30,
                               env={"PATH": os.environ["PATH"]})
            self.assertNotIn("unknown option", p.stderr, opt)
        p = subprocess.run([self.bin, "--no-such-option", "scan"], capture_output=True, text=True, timeout=30)
        self.assertIn("unknown option", p.stderr)  # the check above can fail

    def test_manual_names_every_environment_variable_of_help(self):
        rc, out, _ = render_man(self.man)
        env_section = section(out, "ENVIRONMENT")
        self.assertEqual(set(ENV_VAR.findall(self.help_text())), set(ENV_VAR.findall(env_section)))
        self.assertIn("JOURNAL_STREAM", env_section)

    # ---- the systemd unit
    def test_unit_passes_systemd_analyze_verify(self):
        if shutil.which("systemd-analyze") is None:
            self.fail("systemd-analyze is missing: sh scripts/setup-host.sh installs systemd")
        # verify wants the ExecStart binary where the unit says: a real PREFIX, no DESTDIR.
        prefix = os.path.join(self.tmp, "live")
        make("install", "PREFIX=" + prefix)
        unit = os.path.join(prefix, "share/gcheal/gcheal-watch.service")
        env = dict(os.environ, MANPATH=os.path.join(prefix, "share/man"))  # Documentation=man:gcheal(1)
        p = subprocess.run(["systemd-analyze", "verify", unit], capture_output=True, text=True, env=env, timeout=120)
        self.assertEqual((p.returncode, p.stdout + p.stderr), (0, ""))
        p = subprocess.run(["systemd-analyze", "security", "--offline=true", unit], capture_output=True, text=True,
                           timeout=120)
        m = re.search(r"Overall exposure level for gcheal-watch.service: ([0-9.]+) (\w+)", p.stdout)
        self.assertIsNotNone(m, p.stdout[-2000:] + p.stderr)
        self.assertLessEqual(float(m.group(1)), 2.0, "the unit's hardening got weaker: " + m.group(0))
        make("uninstall", "PREFIX=" + prefix)
        self.assertEqual(files_under(prefix), set())

    def test_unit_runs_without_root_read_only_and_takes_the_secret_as_a_credential(self):
        u = read_unit(self.unit)
        self.assertTrue(u.get("DynamicUser") == ["yes"] or (u.get("User") and u["User"][0] not in ("root", "0")), u)
        self.assertEqual(u["ProtectSystem"], ["strict"])
        self.assertEqual(u["ProtectHome"], ["yes"])
        self.assertEqual(u["NoNewPrivileges"], ["yes"])
        self.assertEqual(u["CapabilityBoundingSet"], [""])
        self.assertEqual(u["RuntimeDirectory"], ["gcheal"])
        self.assertEqual(u["LoadCredential"], ["client-secret:/etc/gcheal/client-secret"])
        exec_start = u["ExecStart"][0]
        self.assertIn("--client-secret-file ${CREDENTIALS_DIRECTORY}/client-secret", exec_start)
        self.assertIn("--status-file ${RUNTIME_DIRECTORY}/status.json", exec_start)
        self.assertTrue(exec_start.endswith(" watch"), exec_start)
        self.assertEqual(set(u["UnsetEnvironment"][0].split()), SECRET_VARS)
        for v in u.get("Environment", []):
            self.assertNotIn("SECRET", v)
        example = read_env_file(self.env_example)
        self.assertEqual([k for k in example if "SECRET" in k], [])
        self.assertIn("GENESYS_CLOUD_CLIENT_ID", example)

    def test_unit_command_line_runs_watch_with_the_secret_from_the_credentials_folder(self):
        """What systemd would start: ExecStart expanded with the example environment
        file, a credentials folder holding the secret (mode 0400) and a runtime folder."""
        emu = Emulator(org="demo", rate_limit=0).start()
        self.addCleanup(emu.stop)
        creds = os.path.join(self.tmp, "credentials")
        run = os.path.join(self.tmp, "run")
        os.makedirs(creds)
        os.makedirs(run)
        secret = os.path.join(creds, "client-secret")
        with open(secret, "w") as f:
            f.write(emu.client_secret)
        os.chmod(secret, 0o400)
        env = read_env_file(self.env_example)
        env.update(PATH=os.environ["PATH"], CREDENTIALS_DIRECTORY=creds, RUNTIME_DIRECTORY=run,
                   GENESYS_CLOUD_CLIENT_ID=emu.client_id)
        env["GCHEAL_OPTIONS"] += " --api-host %s --login-host %s --ca-file %s --max-runs 1" % (
            emu.api_host, emu.api_host, emu.ca_file)
        for k in SECRET_VARS:
            self.assertNotIn(k, env)
        argv = expand_exec(read_unit(self.unit)["ExecStart"][0], env)
        self.assertEqual(argv[0], "/usr/local/bin/gcheal")
        argv[0] = self.bin
        p = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
        self.assertEqual(p.returncode, 5, p.stderr)  # demo org: the static and function actions are skipped
        self.assertEqual(p.stdout, "", "-q watch: the journal gets the run lines only")
        lines = p.stderr.splitlines()
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertRegex(lines[0], r"^gcheal: watch run 1 ended \S+: 36 examined, \d+ restrictive, [1-9]\d* fixed")
        self.assertNotIn(emu.client_secret, p.stdout + p.stderr)
        with open(os.path.join(run, "status.json")) as f:
            status = json.load(f)
        self.assertEqual((status["exitStatus"], status["run"], status["nextRun"]), (5, 1, None))
        self.assertTrue(emu.verify()["ok"])

    # ---- make uninstall
    def test_uninstall_leaves_the_tree_empty(self):
        dest = os.path.join(self.tmp, "again")
        os.mkdir(dest)
        make("install", "DESTDIR=" + dest)
        self.assertEqual(len(files_under(dest)), len(FILES))
        make("uninstall", "DESTDIR=" + dest)
        self.assertEqual(os.listdir(dest), [])

    def test_uninstall_removes_only_what_it_installed(self):
        dest = os.path.join(self.tmp, "shared")
        other = {"usr/local/bin/other-tool", "usr/local/share/man/man1/other.1", "usr/local/share/gcheal/local.conf"}
        for f in other:
            os.makedirs(os.path.dirname(os.path.join(dest, f)), exist_ok=True)
            with open(os.path.join(dest, f), "w") as fh:
                fh.write("not gcheal's\n")
        make("install", "DESTDIR=" + dest)
        p = make("uninstall", "DESTDIR=" + dest)
        self.assertEqual(files_under(dest), other)
        self.assertIn("kept", p.stdout)


if __name__ == "__main__":
    unittest.main()
