"""Find and load Data Action definitions: the project's own library, and the
optional real-world corpus.

A definition is one exported Data Action: {name, integrationType, actionType,
config, contract, secure}, one JSON file each (byte order mark allowed).
Library definitions may also carry "function": the settings of a function
data action's own runtime (served by GET /actions/{id}/function).

* orgs/library/ (in this repository) feeds every built-in org: demo, gen:N.
* The corpus is an extra that only `--org corpus` and tests/corpus use. It is
  found through $GCHEAL_FIXTURES, else <repo>/../shared/fixtures/data-actions;
  nothing else is searched, so a clone on its own never depends on it.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))   # tests/emulator -> repo root
LIBRARY_DIR = os.path.join(HERE, "orgs", "library")


def _has_json(d):
    return os.path.isdir(d) and any(n.endswith(".json") for n in os.listdir(d))


def corpus_dir():
    """The corpus folder, or None. $GCHEAL_FIXTURES wins when it is set."""
    env = os.environ.get("GCHEAL_FIXTURES")
    if env:
        return os.path.abspath(env) if _has_json(env) else None
    d = os.path.join(os.path.dirname(REPO), "shared", "fixtures", "data-actions")
    return os.path.abspath(d) if _has_json(d) else None


def corpus_hint():
    """Why the corpus was not found, and how to point at it (one line)."""
    env = os.environ.get("GCHEAL_FIXTURES")
    if env:
        return "GCHEAL_FIXTURES=%s holds no *.json definitions" % env
    return ("no %s; set GCHEAL_FIXTURES=/path/to/fixtures/data-actions to use another folder"
            % os.path.join(os.path.dirname(REPO), "shared", "fixtures", "data-actions"))


def load_dir(d):
    """[(file name, definition)] for every *.json in d that holds a config object,
    sorted by file name. Files that do not parse are left out."""
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
    return out


_LIBRARY = None


def library():
    """The library, loaded once per process (callers copy before changing)."""
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = load_dir(LIBRARY_DIR)
        if not _LIBRARY:
            raise RuntimeError("the definition library %s is empty or missing" % LIBRARY_DIR)
    return _LIBRARY


def kind_of(d):
    """custom | static | customAuth | function, from the definition itself."""
    t = d.get("actionType") or "custom"
    if t in ("static", "customAuth"):
        return t
    if d.get("integrationType") == "function-data-actions":
        return "function"
    return "custom"
