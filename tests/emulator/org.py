"""The emulated organisation: integrations, Data Actions, serialization, verifier.

Design notes (why it looks like this):
* Every built-in org is made from Data Action definitions (definitions.py):
  the library in orgs/library/, or the optional corpus for `--org corpus`.
* A 100,000-action org must start in seconds, so generated actions hold only
  a small *recipe* (which definition, which timeout, which byte "spice");
  the full config is built the first time anybody looks at it.
* Serialized entity bytes are cached in a bounded LRU keyed by
  (action, revision, view) so a page of 100 is a join of cached bytes.
* The verifier needs the start state of every action the run touched.  An
  untouched action equals its start state by construction, so we copy an
  action's full state into `baseline` just before its first change.
  Changes made by "other admins" (control-API mutate, the concurrent-editor
  fault) are applied to the baseline too: the client must preserve them, and
  the verifier reports them if the client's write loses them.
"""
import collections
import copy
import itertools
import json
import random
import re
import threading
import uuid

import definitions

REQ_DEFAULT = "${input.rawRequest}"   # what the platform stores when a config has no requestTemplate
SUCC_DEFAULT = "${rawResult}"          # ... and no successTemplate
API = "/api/v2/integrations"

TYPE_NAMES = {
    "custom-rest-actions": "Web Services Data Actions",
    "purecloud-data-actions": "Genesys Cloud Data Actions",
    "function-data-actions": "Function Data Actions",
}

# ---------------------------------------------------------------- serialization

# "mixed" escape style: general punctuation and astral characters as \uXXXX
# (astral as surrogate pairs), everything else raw UTF-8, in one document.
_MIXED_RE = re.compile("[\u2000-\u206f\U00010000-\U0010ffff]")


def _esc(m):
    c = ord(m.group())
    if c > 0xFFFF:
        c -= 0x10000
        return "\\u%04x\\u%04x" % (0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF))
    return "\\u%04x" % c


def dumps(obj, style="raw"):
    """Compact JSON like the platform's Jackson output, as UTF-8 bytes.

    style: raw (UTF-8), ascii (every non-ASCII char as \\uXXXX) or mixed.
    """
    if style == "ascii":
        return json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode()
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    if style == "mixed":
        s = _MIXED_RE.sub(_esc, s)
    return s.encode("utf-8")


class LRU:
    def __init__(self, size):
        self.size, self.d, self.lock = size, collections.OrderedDict(), threading.Lock()

    def get(self, key, make):
        with self.lock:
            v = self.d.get(key)
            if v is not None:
                self.d.move_to_end(key)
                return v
        v = make()
        with self.lock:
            self.d[key] = v
            if len(self.d) > self.size:
                self.d.popitem(last=False)
        return v


CACHE = LRU(60000)
# Every Org gets its own generation, part of each cache key: a reloaded org
# (POST /__emu/org) reuses action ids and starts their revisions at 0 again.
_GENERATIONS = itertools.count(1)

# ---------------------------------------------------------------- model


class Integration:
    def __init__(self, iid, name, type_id, intended="ENABLED", reported="ACTIVE",
                 credential_type=None, notes=""):
        self.id, self.name, self.type_id = iid, name, type_id
        self.intended, self.reported = intended, reported
        self.credential_type, self.notes = credential_type, notes

    def to_obj(self):
        o = collections.OrderedDict()
        o["id"] = self.id
        o["name"] = self.name
        o["integrationType"] = {
            "id": self.type_id,
            "name": TYPE_NAMES.get(self.type_id, self.type_id),
            "selfUri": "/api/v2/integrations/types/%s" % self.type_id,
        }
        o["notes"] = self.notes
        o["intendedState"] = self.intended
        o["reportedState"] = {
            "code": self.reported,
            "effective": "Active" if self.reported == "ACTIVE" else self.reported.title(),
            "lastUpdated": "2025-11-03T10:12:54.123Z",
        }
        o["attributes"] = {}
        o["selfUri"] = "%s/%s" % (API, self.id)
        return o

    def file_obj(self):
        return {"id": self.id, "name": self.name, "type": self.type_id,
                "intendedState": self.intended, "reportedState": self.reported,
                "credentialType": self.credential_type, "notes": self.notes}


DEFAULT_FUNCTION = {"description": "", "handler": "src/index.handler", "runtime": "nodejs20.x",
                    "timeoutSeconds": 15, "zipName": "function.zip"}


class Action:
    """One Data Action. `config`/`contract` are materialized lazily from `recipe`.

    `draft` is None or another Action (is_draft=True, owner "client" or
    "other") holding the draft's own name, config, contract and version.
    `function` holds a function action's runtime settings (None otherwise)."""
    __slots__ = ("id", "name", "category", "integration_id", "secure", "version",
                 "kind", "escape", "rev", "recipe", "_config", "_contract", "org",
                 "draft", "is_draft", "owner", "_function")

    def __init__(self, org, aid, name, category, integration_id, kind="custom",
                 secure=False, version=1, escape="raw", config=None, contract=None,
                 recipe=None, function=None, is_draft=False, owner=None):
        self.org, self.id, self.name, self.category = org, aid, name, category
        self.integration_id, self.kind, self.secure = integration_id, kind, secure
        self.version, self.escape, self.rev = version, escape, 0
        self._config, self._contract, self.recipe = config, contract, recipe
        self._function, self.draft, self.is_draft, self.owner = function, None, is_draft, owner

    def make_draft(self, owner, version):
        """A draft copied from this (published) action."""
        return Action(self.org, self.id, self.name, self.category, self.integration_id, self.kind,
                      self.secure, version, self.escape, copy.deepcopy(self.config),
                      copy.deepcopy(self.contract), function=copy.deepcopy(self.function),
                      is_draft=True, owner=owner)

    @property
    def function(self):
        """Runtime settings of a function action (description, handler, runtime,
        timeoutSeconds 1-15, zipName); None for other kinds."""
        if self.kind != "function":
            return None
        if self._function is None:
            d = self.org.definition_of(self)
            self._function = dict(DEFAULT_FUNCTION, **((d or {}).get("function") or {}))
        return self._function

    @function.setter
    def function(self, value):
        self._function = value

    # kind: custom | static | customAuth | function
    @property
    def config(self):
        if self._config is None:
            self._config, self._contract = self.org.materialize(self)
        return self._config

    @config.setter
    def config(self, value):
        self._config = value

    @property
    def contract(self):
        if self._contract is None:
            self._config, self._contract = self.org.materialize(self)
        return self._contract

    def template(self, which):
        cfg = self.config
        if which == "request":
            return cfg.get("request", {}).get("requestTemplate", REQ_DEFAULT)
        return cfg.get("response", {}).get("successTemplate", SUCC_DEFAULT)

    def full_state(self):
        """Everything the verifier compares (config with inline templates), the
        draft if there is one, and a function action's runtime settings."""
        o = {"id": self.id, "name": self.name, "category": self.category,
             "integrationId": self.integration_id, "secure": self.secure,
             "version": self.version, "config": copy.deepcopy(self.config),
             "contract": copy.deepcopy(self.contract)}
        if self.kind == "function":
            o["function"] = copy.deepcopy(self.function)
        if self.is_draft:
            o["owner"] = self.owner
        else:
            o["draft"] = self.draft.full_state() if self.draft is not None else None
        return o

    def file_obj(self):
        o = self.full_state()
        o["kind"] = self.kind
        o["escape"] = self.escape
        return o

    # ---- views served by the API
    def resolved_tmode(self, tmode):
        if tmode == "mixed":   # deterministic half/half: old vs new actions
            return "inline" if int(uuid.uuid5(uuid.NAMESPACE_OID, self.id).hex[-1], 16) % 2 else "uri"
        return tmode

    def config_view(self, tmode):
        """The config as GET shows it: saved templates replaced by *TemplateUri."""
        tmode = self.resolved_tmode(tmode)
        cfg = self.config
        if tmode == "inline":
            return cfg
        out = collections.OrderedDict()
        for k, v in cfg.items():
            if k in ("request", "response") and isinstance(v, dict):
                tkey, dflt, fname = (("requestTemplate", REQ_DEFAULT, "requesttemplate.vm")
                                     if k == "request" else
                                     ("successTemplate", SUCC_DEFAULT, "successtemplate.vm"))
                sub = collections.OrderedDict()
                for k2, v2 in v.items():
                    if k2 == tkey:
                        if tmode == "both":
                            sub[k2] = v2
                        elif tmode == "default":   # help-article reading: placeholder text + URI
                            sub[k2] = dflt
                        sub[tkey + "Uri"] = "%s/templates/%s" % (self.self_uri(), fname)
                    else:
                        sub[k2] = v2
                out[k] = sub
            else:
                out[k] = v
        return out

    def contract_view(self, expand):
        if expand:
            return self.contract
        base = "%s/schemas/" % self.self_uri()
        return {"input": {"inputSchemaUri": base + "inputschema.json"},
                "output": {"successSchemaUri": base + "successschema.json",
                           "errorSchemaUri": base + "errorschema.json"}}

    def to_obj(self, include_config, expand, tmode):
        o = collections.OrderedDict()
        o["id"] = self.id
        o["name"] = self.name
        o["category"] = self.category
        o["integrationId"] = self.integration_id
        o["contract"] = self.contract_view(expand)
        o["version"] = self.version
        o["secure"] = self.secure
        if include_config:
            o["config"] = self.config_view(tmode)
        o["selfUri"] = self.self_uri()
        return o

    def self_uri(self):
        return "%s/actions/%s%s" % (API, self.id, "/draft" if self.is_draft else "")

    def to_bytes(self, include_config, expand, tmode):
        if self.is_draft:        # few and short-lived: never cached (a new draft restarts rev)
            return dumps(self.to_obj(include_config, expand, tmode), self.escape)
        key = (self.org.gen, self.id, self.rev, include_config, expand, tmode)
        return CACHE.get(key, lambda: dumps(self.to_obj(include_config, expand, tmode), self.escape))

    def touch(self):
        self.rev += 1


# ---------------------------------------------------------------- byte spice

UNICODE_SAMPLE = "Gr\u00fc\u00dfe \u2018quoted\u2019 \u2014 caf\u00e9 \u65e5\u672c \U0001F600 \u20ac"


def _spice(cfg, kind):
    """Extra byte-level variety for generated orgs, on top of the library's own."""
    req, resp = cfg.setdefault("request", {}), cfg.setdefault("response", {})
    if kind == "unicode":
        resp.setdefault("translationMapDefaults", {})["greeting"] = json.dumps(UNICODE_SAMPLE, ensure_ascii=False)
        resp["successTemplate"] = resp.get("successTemplate", SUCC_DEFAULT) + "\n## " + UNICODE_SAMPLE
    elif kind == "backslash":
        req["requestTemplate"] = (req.get("requestTemplate", REQ_DEFAULT) +
                                  "\n## path C:\\temp\\new \"quoted\" \\\\server\\share\\u0041 $esc.d\n")
    elif kind == "crlf":
        resp["successTemplate"] = resp.get("successTemplate", SUCC_DEFAULT).replace("\n", "\r\n") + "\r\n"
        req.setdefault("headers", {})["X-Note"] = "line1\r\nline2"
    elif kind == "header":
        req.setdefault("headers", {})["X-Api-Key"] = "${input.apiKey}"
        req["headers"]["Accept-Language"] = "de-CH, fr;q=0.8 \u00e9"


def _pad(cfg, size, rng):
    """Grow requestTemplate to about `size` bytes with Velocity comments."""
    req = cfg.setdefault("request", {})
    body = req.get("requestTemplate", REQ_DEFAULT)
    line = "## padding \"q\" \\ \u00e9\u20ac\U0001F600 \t %s\r\n"
    parts, n = [body, "\n"], len(body.encode())
    i = 0
    while n < size:
        s = line % ("%08x" % rng.getrandbits(32) * 6)
        parts.append(s)
        n += len(s.encode())
        i += 1
    req["requestTemplate"] = "".join(parts)


SIMPLE_CONTRACT = {
    "input": {"inputSchema": {"$schema": "http://json-schema.org/draft-04/schema#",
                              "type": "object", "properties": {}}},
    "output": {"successSchema": {"$schema": "http://json-schema.org/draft-04/schema#",
                                 "type": "object", "properties": {}}},
}

# ---------------------------------------------------------------- the org


class Org:
    def __init__(self, seed=1, defs=None, source=None):
        """defs: [(file name, definition)] that recipes index into (default:
        the library); source: the folder they came from, for ready.json."""
        self.lock = threading.RLock()
        self.gen = next(_GENERATIONS)
        self.seed = seed
        if defs is None:
            defs, source = definitions.library(), definitions.LIBRARY_DIR
        self.definitions, self.source = defs, source
        self.actions = {}
        self.integrations = collections.OrderedDict()
        self.baseline = {}        # id -> full_state before the first change
        self.other_edits = []     # edits by "other admins" the client must keep
        self._sorted = None
        self._nonauth = None
        self.name = "empty"

    # ---- construction helpers
    def uuid(self, rng):
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def add_integration(self, integ):
        self.integrations[integ.id] = integ
        return integ

    def add_action(self, a):
        self.actions[a.id] = a
        self._sorted = None
        return a

    def definition_of(self, a):
        """The definition a recipe action was built from (None for file orgs)."""
        if not a.recipe:
            return None
        return self.definitions[a.recipe.get("definition", 0) % len(self.definitions)][1]

    def materialize(self, a):
        """Build config+contract for a recipe action (deterministic)."""
        r = a.recipe or {}
        d = self.definitions[r.get("definition", 0) % len(self.definitions)][1]
        cfg = collections.OrderedDict()
        if r.get("timeout") is not None:
            cfg["timeoutSeconds"] = r["timeout"]
        base = copy.deepcopy(d["config"])
        for k, v in base.items():
            if k != "timeoutSeconds":
                cfg[k] = v
        cfg.setdefault("request", {}).setdefault("requestTemplate", REQ_DEFAULT)
        cfg.setdefault("response", {}).setdefault("successTemplate", SUCC_DEFAULT)
        if r.get("spice"):
            _spice(cfg, r["spice"])
        if r.get("pad"):
            _pad(cfg, r["pad"], random.Random(r.get("seed", 0)))
        contract = copy.deepcopy(d.get("contract") or SIMPLE_CONTRACT)
        return cfg, contract

    # ---- ordering / lookup
    def sorted_actions(self):
        with self.lock:
            if self._sorted is None:
                self._sorted = sorted(self.actions.values(), key=lambda a: (a.name.lower(), a.id))
                self._nonauth = [a for a in self._sorted if a.kind != "customAuth"]
            return self._sorted, self._nonauth

    def resort(self):
        with self.lock:
            self._sorted = None

    # ---- change tracking for the verifier
    def before_change(self, a):
        if a.id not in self.baseline:
            self.baseline[a.id] = a.full_state()

    def from_state(self, st, kind, escape):
        """An Action rebuilt from full_state() output (the verifier's baseline)."""
        st = copy.deepcopy(st)
        a = Action(self, st["id"], st["name"], st["category"], st["integrationId"], kind,
                   st["secure"], st["version"], escape, st["config"], st["contract"],
                   function=st.get("function"))
        if st.get("draft"):
            d = st["draft"]
            a.draft = Action(self, d["id"], d["name"], d["category"], d["integrationId"], kind,
                             d["secure"], d["version"], escape, d["config"], d["contract"],
                             is_draft=True, owner=d.get("owner"))
        return a

    def apply_other_edit(self, a, fn, note, baseline_fn=None):
        """An edit by someone other than the client: applied to the action AND
        to its baseline, so the verifier expects it to survive. baseline_fn
        (default fn) is what the baseline should show for it, e.g. the edit in
        the published config when the other editor changed a draft."""
        with self.lock:
            fn(a)
            if a.id in self.baseline:
                shadow = self.from_state(self.baseline[a.id], a.kind, a.escape)
                (baseline_fn or fn)(shadow)
                self.baseline[a.id] = shadow.full_state()
            a.touch()
            self.other_edits.append({"id": a.id, "note": note})

    def snapshot(self):
        """Re-baseline: the current state becomes the verifier's start state."""
        with self.lock:
            self.baseline.clear()
            self.other_edits = []

    def verify(self):
        with self.lock:
            report = {"ok": True, "differences": {}, "timeouts_changed": {},
                      "versions_changed": {}, "other_edits": list(self.other_edits),
                      "drafts_left_behind": [],
                      "checked": len(self.baseline)}
            for aid, before in self.baseline.items():
                a = self.actions.get(aid)
                if a is None:
                    report["differences"][aid] = [{"path": "", "kind": "deleted"}]
                    continue
                after = a.full_state()
                diffs = []
                d0, d1 = before.pop("draft", None), after.pop("draft", None)
                _diff(before, after, "", diffs)
                before["draft"] = d0
                if d0 is None and d1 is not None:
                    diffs.append({"path": "draft", "kind": "left behind",
                                  "after": {"owner": d1.get("owner"), "version": d1["version"]}})
                    report["drafts_left_behind"].append(aid)
                elif d0 is not None and d1 is None:
                    diffs.append({"path": "draft", "kind": "removed",
                                  "before": {"owner": d0.get("owner"), "version": d0["version"]}})
                elif d0 is not None:
                    _diff(d0, d1, "draft", diffs)
                if diffs:
                    report["differences"][aid] = diffs
                t0 = before["config"].get("timeoutSeconds")
                t1 = after["config"].get("timeoutSeconds")
                if t0 != t1:
                    report["timeouts_changed"][aid] = {"name": a.name, "before": t0, "after": t1}
                if before["version"] != after["version"]:
                    report["versions_changed"][aid] = {"before": before["version"], "after": after["version"]}
            report["ok"] = not report["differences"]
            return report

    def dump(self, summary=False, ids=None):
        with self.lock:
            acts = self.sorted_actions()[0]
            if ids:
                acts = [a for a in acts if a.id in ids]
            if summary:
                alist = [{"id": a.id, "name": a.name, "kind": a.kind, "version": a.version,
                          "integrationId": a.integration_id,
                          "timeoutSeconds": a.config.get("timeoutSeconds"),
                          "draft": a.draft.version if a.draft is not None else None} for a in acts]
            else:
                alist = [a.file_obj() for a in acts]
            return {"name": self.name, "definitions": self.source,
                    "integrations": [i.file_obj() for i in self.integrations.values()],
                    "actions": alist}


_MISSING = object()


def _short(v):
    if isinstance(v, str) and len(v) > 300:
        return v[:300] + "...(%d chars)" % len(v)
    if isinstance(v, (dict, list)):
        s = json.dumps(v, ensure_ascii=False)
        return v if len(s) <= 300 else s[:300] + "...(%d chars)" % len(s)
    return v


def _diff(a, b, path, out):
    """Every difference between a and b except config.timeoutSeconds/version."""
    if path in ("config.timeoutSeconds", "version"):
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a.keys()) + [k for k in b.keys() if k not in a]:
            p = "%s.%s" % (path, k) if path else k
            va, vb = a.get(k, _MISSING), b.get(k, _MISSING)
            if va is _MISSING:
                if p not in ("config.timeoutSeconds",):
                    out.append({"path": p, "kind": "added", "after": _short(vb)})
            elif vb is _MISSING:
                if p not in ("config.timeoutSeconds",):
                    out.append({"path": p, "kind": "removed", "before": _short(va)})
            else:
                _diff(va, vb, p, out)
        return
    if type(a) is not type(b) or a != b:
        d = {"path": path, "kind": "changed", "before": _short(a), "after": _short(b)}
        if isinstance(a, str) and isinstance(b, str):
            i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            d["first_difference_at"] = i
            d["len_before"], d["len_after"] = len(a), len(b)
        out.append(d)
