"""Locate and load the real Data Action definitions used to build org configs.

Search order (first existing folder wins):
  1. $GCHEAL_FIXTURES
  2. <repo>/../shared/fixtures/data-actions   (dev machine and CI layout:
     a read-only copy of shared/ sits beside the clone)
  3. any parent folder of this file holding shared/fixtures/data-actions
If none is found we fall back to a tiny built-in set so the emulator still
runs (with a warning) -- tests that need the real variety check `source`.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))   # tests/emulator -> repo root

BUILTIN = [
    {"name": "Builtin Get Thing", "integrationType": "custom-rest-actions",
     "actionType": "custom",
     "config": {"request": {"requestUrlTemplate": "https://example.com/things/${input.id}",
                            "requestType": "GET",
                            "headers": {"Accept": "application/json"},
                            "requestTemplate": "${input.rawRequest}"},
                "response": {"translationMap": {"name": "$.name"},
                             "translationMapDefaults": {"name": "\"\""},
                             "successTemplate": "{\"name\": ${name}}"}},
     "contract": {"input": {"inputSchema": {"type": "object", "properties": {"id": {"type": "string"}}}},
                  "output": {"successSchema": {"type": "object", "properties": {"name": {"type": "string"}}}}},
     "secure": False},
]


def find_dir():
    cands = []
    env = os.environ.get("GCHEAL_FIXTURES")
    if env:
        cands.append(env)
    cands.append(os.path.join(os.path.dirname(REPO), "shared", "fixtures", "data-actions"))
    p = HERE
    while True:
        cands.append(os.path.join(p, "shared", "fixtures", "data-actions"))
        parent = os.path.dirname(p)
        if parent == p:
            break
        p = parent
    for c in cands:
        if os.path.isdir(c) and any(n.endswith(".json") for n in os.listdir(c)):
            return os.path.abspath(c)
    return None


def load():
    """Return (list of (filename, definition dict), source folder or None)."""
    d = find_dir()
    if d is None:
        sys.stderr.write("gcemu: warning: fixture folder not found "
                         "(set GCHEAL_FIXTURES); using built-in sample\n")
        return [("builtin-%d.json" % i, json.loads(json.dumps(x)))
                for i, x in enumerate(BUILTIN)], None
    out = []
    for name in sorted(os.listdir(d)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(d, name), "rb") as f:
            raw = f.read()
        try:
            obj = json.loads(raw.decode("utf-8-sig"))
        except ValueError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("config"), dict):
            out.append((name, obj))
    return out, d
