#!/bin/sh
# make demo: the main job in one command, against the bundled emulator.
# Starts the emulator with the demo org, runs gcheal scan (GetCustomerOrder is
# at 3 s among the restrictive actions), gcheal fix, gcheal scan again (nothing
# restrictive left that gcheal may edit), prints what changed according to the
# emulator's verifier, and stops the emulator (also on failure or Ctrl-C).
# Exit 0 only if every step went as expected.
set -u
cd "$(dirname "$0")/.." || exit 2
BIN=${GCHEAL:-build/gcheal}
PY=${PYTHON:-python3}
state=$(mktemp -d "${TMPDIR:-/tmp}/gcheal-demo.XXXXXX") || exit 2
emu_pid=""

cleanup() {
    if [ -n "$emu_pid" ]; then
        kill "$emu_pid" 2>/dev/null && wait "$emu_pid" 2>/dev/null
    fi
    rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
    echo "demo: FAILED: $*" >&2
    [ -f "$state/gcemu.log" ] && tail -n 20 "$state/gcemu.log" >&2
    exit 1
}

[ -x "$BIN" ] || fail "$BIN is missing: run make first"

echo "==> starting the emulator (demo org)"
"$PY" tests/emulator/gcemu.py --org demo --state-dir "$state" >"$state/gcemu.log" 2>&1 &
emu_pid=$!
i=0
while [ ! -f "$state/ready.json" ]; do
    kill -0 "$emu_pid" 2>/dev/null || fail "the emulator exited"
    i=$((i + 1))
    [ "$i" -le 300 ] || fail "the emulator was not ready after 30 s"
    sleep 0.1
done

field() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$state/ready.json" "$1"; }
host=$(field api_host)
ca=$(field ca_file)
GENESYS_CLOUD_CLIENT_ID=$(field client_id)
GENESYS_CLOUD_CLIENT_SECRET=$(field client_secret)
export GENESYS_CLOUD_CLIENT_ID GENESYS_CLOUD_CLIENT_SECRET
echo "    listening on $host (CA $ca)"

gcheal() { # step name, expected exit statuses, gcheal arguments...
    name=$1 ok=$2
    shift 2
    echo
    echo "==> gcheal $*"
    "$BIN" --api-host "$host" --login-host "$host" --ca-file "$ca" "$@" >"$state/$name.out" 2>"$state/$name.err"
    rc=$?
    cat "$state/$name.out"
    cat "$state/$name.err" >&2
    echo "    (exit $rc)"
    case " $ok " in *" $rc "*) ;; *) fail "gcheal $* exited $rc, expected one of: $ok" ;; esac
}

# 1: scan finds the restrictive actions, GetCustomerOrder at 3 s among them.
gcheal scan1 "1" scan
grep -Eq '^restrictive +3s +5s +GetCustomerOrder ' "$state/scan1.out" ||
    fail "scan did not report GetCustomerOrder at 3 s"

# 2: fix raises them (the function action too); the static action is reported as
# skipped (not editable through this API), hence exit 5.
gcheal fix "0 5" fix
grep -Eq '^fixed +3s +5s +GetCustomerOrder ' "$state/fix.out" || fail "fix did not fix GetCustomerOrder"
! grep -Eq '^failed ' "$state/fix.out" || fail "fix reported failures"

# 3: scan again: nothing restrictive left that gcheal can edit.
gcheal scan2 "0 5" scan
! grep -Eq '^restrictive ' "$state/scan2.out" || fail "the second scan still found restrictive actions"

# 4: what changed, according to the emulator's verifier.
echo
echo "==> what changed (emulator verifier)"
"$PY" - "$host" "$ca" <<'PYEOF' || fail "the verifier found changes other than timeouts"
import json, ssl, sys, urllib.request
host, ca = sys.argv[1], sys.argv[2]
ctx = ssl.create_default_context(cafile=ca)
v = json.load(urllib.request.urlopen("https://%s/__emu/verify" % host, context=ctx, timeout=30))
for aid, c in sorted(v["timeouts_changed"].items(), key=lambda kv: kv[1]["name"]):
    print("    %-48s timeoutSeconds %s -> %s" % (c["name"][:48], c["before"], c["after"]))
print("    %d actions changed; every other field as before: %s" % (len(v["timeouts_changed"]), "yes" if v["ok"] else "NO"))
if not v["ok"]:
    print(json.dumps(v["differences"], indent=1)[:4000])
sys.exit(0 if v["ok"] and v["timeouts_changed"] else 1)
PYEOF

echo
echo "demo: OK"
