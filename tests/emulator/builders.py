"""Build the emulated orgs, all from Data Action definitions (definitions.py).

  demo             orgs/demo.json: which library definitions, ids, timeouts, versions
  gen:COUNT[:SEED] COUNT actions drawn from the library (seeded, lazily built)
  corpus           one action per definition of the real-world corpus, if found
  empty            no actions
  --org-file PATH  the shape GET /__emu/state returns (build_from_file)
"""
import collections
import copy
import json
import os
import random

import definitions
from org import Action, Integration, Org, REQ_DEFAULT, SIMPLE_CONTRACT, SUCC_DEFAULT, TYPE_NAMES

DEMO_FILE = os.path.join(definitions.HERE, "orgs", "demo.json")


def pick_timeout(rng, restrictive):
    """Realistic spread: absent, 1-5 (restrictive), 8, 10, 30, 60."""
    if rng.random() < restrictive:
        return rng.randint(1, 5)
    r = rng.random()
    if r < 0.45:
        return None
    if r < 0.55:
        return 8
    if r < 0.70:
        return 10
    if r < 0.85:
        return 30
    return 60


def _by_kind(defs):
    out = collections.defaultdict(list)
    for i, (_, d) in enumerate(defs):
        out[definitions.kind_of(d)].append(i)
    return out


def build_generated(count, seed=1, restrictive=0.2, oversized=None, escape_mix=True):
    """A generated org: `count` actions (custom-auth ones come on top)."""
    org = Org(seed)
    org.name = "gen:%d:%d" % (count, seed)
    rng = random.Random(seed)
    defs = org.definitions
    kinds = _by_kind(defs)
    normal = kinds["custom"]
    static_d = kinds["static"] or normal
    auth_d = kinds["customAuth"] or normal
    fn_d = kinds["function"] or normal

    n_int = max(4, count // 400)
    types = []
    for k in range(n_int):
        types.append(["purecloud-data-actions", "custom-rest-actions", "function-data-actions",
                      "custom-rest-actions", "purecloud-data-actions"][k % 5])
    integs = []
    for k, t in enumerate(types):
        cred = "userDefinedOAuth" if (t == "custom-rest-actions" and k % 2 == 1) else None
        state = ("DISABLED", "INACTIVE") if k == n_int - 1 and n_int > 4 else ("ENABLED", "ACTIVE")
        integs.append(org.add_integration(Integration(
            org.uuid(rng), "%s %d" % (TYPE_NAMES[t], k + 1), t, state[0], state[1], cred)))
    non_fn = [i for i in integs if i.type_id != "function-data-actions"]
    fn = [i for i in integs if i.type_id == "function-data-actions"]
    if oversized is None:
        oversized = 0.001
    n_giant = max(1 if count >= 20 else 0, int(round(count * oversized)))
    giant_at = set(rng.sample(range(count), min(n_giant, count))) if count else set()
    spices = ["unicode", "backslash", "crlf", "header"]
    styles = ["raw", "raw", "ascii", "mixed"] if escape_mix else ["raw"]
    for i in range(count):
        r = rng.random()
        if r < 0.02:
            kind, integ, didx = "static", non_fn[i % len(non_fn)], static_d[i % len(static_d)]
        elif r < 0.07 and fn:
            kind, integ, didx = "function", fn[i % len(fn)], fn_d[i % len(fn_d)]
        else:
            kind, integ, didx = "custom", non_fn[rng.randrange(len(non_fn))], normal[rng.randrange(len(normal))]
        aid = ("static_" if kind == "static" else "custom_-_") + org.uuid(rng)
        recipe = {"definition": didx, "timeout": pick_timeout(rng, restrictive), "seed": i}
        if rng.random() < 0.3:
            recipe["spice"] = spices[rng.randrange(len(spices))]
        if i in giant_at:
            recipe["pad"] = rng.randint(100_000, 300_000)
        d = defs[didx][1]
        name = "%s %05d" % (d.get("name", "Action")[:200], i)
        org.add_action(Action(org, aid, name, integ.name, integ.id, kind,
                              bool(d.get("secure")) if kind == "custom" else False,
                              1 + rng.randrange(6), styles[rng.randrange(len(styles))], recipe=recipe))
    for integ in integs:
        if integ.credential_type == "userDefinedOAuth":
            org.add_action(Action(org, "customAuth_-_" + integ.id, "%s (Auth)" % integ.name,
                                  integ.name, integ.id, "customAuth", False, 1, "raw",
                                  recipe={"definition": auth_d[0], "timeout": None}))
    return org


def _check_id(aid, kind, integ):
    """Ids follow the platform's conventions, so clients can rely on them."""
    if kind == "static" and not aid.startswith("static"):
        raise ValueError("%s: a static action's id starts with static" % aid)
    if kind == "customAuth" and aid != "customAuth_-_" + integ.id:
        raise ValueError("%s: a custom-auth action's id is customAuth_-_<integration id>" % aid)
    if kind in ("custom", "function") and aid.startswith(("static", "customAuth_-_")):
        raise ValueError("%s: only static and custom-auth actions use that prefix" % aid)


def build_layout(path, seed=7):
    """An org laid out in a JSON file over the library (see orgs/demo.json):
    integrations with a key; actions naming a definition (library file name
    without .json), an id, an integration key and optionally timeoutSeconds
    (absent = unset), version, escape (raw|ascii|mixed), name, category and
    padTo (grow the request template to about that many bytes)."""
    with open(path, encoding="utf-8") as f:
        layout = json.load(f)
    org = Org(seed)
    org.name = layout.get("name", os.path.basename(path))
    defs = org.definitions
    by_slug = {os.path.splitext(n)[0]: i for i, (n, _) in enumerate(defs)}
    keys = {}
    for i in layout.get("integrations", []):
        keys[i["key"]] = org.add_integration(Integration(
            i["id"], i["name"], i["type"], i.get("intendedState", "ENABLED"), i.get("reportedState", "ACTIVE"),
            i.get("credentialType"), i.get("notes", "")))
    names = set()
    for n, a in enumerate(layout.get("actions", [])):
        if a["definition"] not in by_slug:
            raise ValueError("%s: no library definition %r" % (path, a["definition"]))
        idx = by_slug[a["definition"]]
        d = defs[idx][1]
        integ = keys[a["integration"]]
        kind = definitions.kind_of(d)
        _check_id(a["id"], kind, integ)
        name = a.get("name", d["name"])
        if name in names:
            raise ValueError("%s: action name %r used twice" % (path, name))
        names.add(name)
        recipe = {"definition": idx, "timeout": a.get("timeoutSeconds"), "seed": n}
        if a.get("padTo"):
            recipe["pad"] = a["padTo"]
        org.add_action(Action(org, a["id"], name, a.get("category", integ.name), integ.id, kind,
                              bool(d.get("secure")), int(a.get("version", 1)), a.get("escape", "raw"),
                              recipe=recipe))
    return org


def build_demo():
    """The demo org: GetCustomerOrder (timeoutSeconds 3) among 35 others."""
    return build_layout(DEMO_FILE)


CORPUS_TIMEOUTS = [None, 3, 30, None, 1, 60, 10, None, 4, 15, 2, 45]


def build_corpus(seed=11):
    """One action per corpus definition, as found. A third get a restrictive
    timeout (1-4 s), every fourth is served with \\u escapes, every fourth
    other one mixed; integrations are one per integrationType, plus one
    userDefinedOAuth integration per custom-auth definition."""
    d = definitions.corpus_dir()
    if d is None:
        raise ValueError("the real-world corpus was not found: " + definitions.corpus_hint())
    defs = definitions.load_dir(d)
    org = Org(seed, defs, d)
    org.name = "corpus"
    rng = random.Random(seed)
    by_type = {}
    for n, (fname, df) in enumerate(defs):
        kind = definitions.kind_of(df)
        t = df.get("integrationType") or "custom-rest-actions"
        if kind == "customAuth":
            integ = org.add_integration(Integration(org.uuid(rng), "%s integration" % df.get("name", fname),
                                                    "custom-rest-actions", credential_type="userDefinedOAuth"))
            aid = "customAuth_-_" + integ.id
        else:
            if t not in by_type:
                by_type[t] = org.add_integration(Integration(org.uuid(rng), TYPE_NAMES.get(t, t), t))
            integ = by_type[t]
            aid = ("static_" if kind == "static" else "custom_-_") + org.uuid(rng)
        timeout = None if kind == "customAuth" else CORPUS_TIMEOUTS[n % len(CORPUS_TIMEOUTS)]
        org.add_action(Action(org, aid, str(df.get("name") or fname)[:256], integ.name, integ.id, kind,
                              bool(df.get("secure")), 1 + n % 5, ["raw", "raw", "ascii", "mixed"][n % 4],
                              recipe={"definition": n, "timeout": timeout, "seed": n}))
    return org


def build_from_file(path, seed=1):
    """Org file: {"integrations":[{id,name,type,intendedState,reportedState,credentialType}],
    "actions":[{id,name,category,integrationId,kind,secure,version,escape,config,contract}]}.
    The same shape GET /__emu/state returns, so a dumped state can be reloaded."""
    with open(path, "rb") as f:
        data = json.loads(f.read().decode("utf-8"), object_pairs_hook=collections.OrderedDict)
    return build_from_obj(data, seed, path)


def build_from_obj(data, seed=1, name="file"):
    org = Org(seed)
    org.name = name
    rng = random.Random(seed)
    for i in data.get("integrations", []):
        org.add_integration(Integration(i.get("id") or org.uuid(rng), i.get("name", "Integration"),
                                        i.get("type", "custom-rest-actions"),
                                        i.get("intendedState", "ENABLED"), i.get("reportedState", "ACTIVE"),
                                        i.get("credentialType"), i.get("notes", "")))
    if not org.integrations and data.get("actions"):
        org.add_integration(Integration(org.uuid(rng), "Web Services Data Actions", "custom-rest-actions"))
    first = next(iter(org.integrations.values()), None)
    for a in data.get("actions", []):
        iid = a.get("integrationId") or first.id
        integ = org.integrations.get(iid) or first
        aid = a.get("id") or "custom_-_" + org.uuid(rng)
        kind = a.get("kind") or ("static" if aid.startswith("static") else
                                 "customAuth" if aid.startswith("customAuth_-_") else
                                 "function" if integ.type_id == "function-data-actions" else "custom")
        cfg = a.get("config") or {"request": {"requestUrlTemplate": "https://example.com/",
                                              "requestType": "GET", "headers": {}}, "response": {}}
        cfg.setdefault("request", {}).setdefault("requestTemplate", REQ_DEFAULT)
        cfg.setdefault("response", {}).setdefault("successTemplate", SUCC_DEFAULT)
        act = org.add_action(Action(org, aid, a.get("name", aid), a.get("category", integ.name), integ.id,
                                    kind, bool(a.get("secure", False)), int(a.get("version", 1)),
                                    a.get("escape", "raw"), config=cfg,
                                    contract=a.get("contract") or copy.deepcopy(SIMPLE_CONTRACT),
                                    function=a.get("function")))
        d = a.get("draft")
        if d:      # a dumped state can hold drafts (someone else's, or one left behind)
            act.draft = Action(org, aid, d.get("name", act.name), d.get("category", act.category), integ.id,
                               kind, bool(d.get("secure", act.secure)), int(d.get("version", 1)), act.escape,
                               config=d.get("config") or copy.deepcopy(cfg),
                               contract=d.get("contract") or copy.deepcopy(act.contract),
                               function=d.get("function"), is_draft=True, owner=d.get("owner", "other"))
    return org


def build(spec, org_file=None, restrictive=0.2, oversized=None):
    """--org demo | gen:COUNT[:SEED] | corpus | empty ; --org-file wins if given."""
    if org_file:
        return build_from_file(org_file)
    if spec in (None, "", "demo"):
        return build_demo()
    if spec == "empty":
        return Org()
    if spec == "corpus":
        return build_corpus()
    if spec.startswith("gen:"):
        parts = spec.split(":")
        count = int(parts[1])
        seed = int(parts[2]) if len(parts) > 2 and parts[2] else 1
        return build_generated(count, seed, restrictive, oversized)
    raise ValueError("unknown org %r (demo, empty, corpus, gen:COUNT[:SEED])" % spec)
