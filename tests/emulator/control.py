"""Control API for tests: /__emu/... on the same HTTPS port, no auth.

Never affected by faults, never counted in the request log or rate limits.
All bodies are JSON.  See README.md for the full list.
"""
import collections
import json

import builders
import org as orgmod
import permissions


def _ok(obj, status=200):
    from api import Response
    return Response(status, orgmod.dumps(obj))


def _err(status, msg):
    return _ok({"error": msg}, status)


def _since(req, items):
    n = int(req.q.get("since") or 0)
    return [x for x in list(items) if x["seq"] > n]


def _set_path(d, keys, value):
    for k in keys[:-1]:
        d = d.setdefault(k, collections.OrderedDict())
    if value is None:
        d.pop(keys[-1], None)
    else:
        d[keys[-1]] = value


def _mutator(body):
    """Build fn(action) applying a control-API mutation.

    Keys: timeoutSeconds (null = unset), name, category, requestTemplate,
    successTemplate, headers / translationMap / translationMapDefaults (merged;
    null value deletes a key), config (replaces), set: {"a.b.c": value},
    function: {...} (a function action's runtime settings, merged).
    """
    def fn(a):
        cfg = a.config
        if "config" in body:
            a.config = cfg = json.loads(json.dumps(body["config"]), object_pairs_hook=collections.OrderedDict)
        if "timeoutSeconds" in body:
            if body["timeoutSeconds"] is None:
                cfg.pop("timeoutSeconds", None)
            else:
                items = [("timeoutSeconds", body["timeoutSeconds"])] + \
                        [(k, v) for k, v in cfg.items() if k != "timeoutSeconds"]
                cfg.clear()
                cfg.update(items)
        for k in ("name", "category"):
            if k in body:
                setattr(a, k, body[k])
        if "requestTemplate" in body:
            cfg.setdefault("request", {})["requestTemplate"] = body["requestTemplate"]
        if "successTemplate" in body:
            cfg.setdefault("response", {})["successTemplate"] = body["successTemplate"]
        for k, sect in (("headers", "request"), ("translationMap", "response"),
                        ("translationMapDefaults", "response")):
            if k in body:
                m = cfg.setdefault(sect, {}).setdefault(k, {})
                for hk, hv in body[k].items():
                    if hv is None:
                        m.pop(hk, None)
                    else:
                        m[hk] = hv
        for path, v in (body.get("set") or {}).items():
            _set_path(cfg, path.split("."), v)
        if "function" in body and a.kind == "function":
            a.function = dict(a.function, **body["function"])
        if body.get("bump_version", True):
            a.version += 1
    return fn


# Platform variants that tests may switch at run time (POST /__emu/options).
RUNTIME_OPTIONS = {
    "function_patch_refused": (None, "draft", "function"),
    "function_url_change": ("error", "ignore"),
    "draft_exists_post": ("409", "400", "return"),
    "draft_version_start": ("one", "published"),
    "draft_patch_version": ("bump", "same"),
    "publish_missing_draft": ("404", "400"),
    "publish_version": ("bump", "draft"),
    "draft_delete_status": ("204", "200"),
    "patch_with_draft": ("apply", "refuse"),
    "version_conflict": (409, 400),
    "template_mode": ("uri", "default", "inline", "both", "mixed"),
}


def _set_options(emu, body):
    for k, v in body.items():
        if k not in RUNTIME_OPTIONS or v not in RUNTIME_OPTIONS[k]:
            return "option %s cannot be set to %r at run time (settable: %s)" % (
                k, v, ", ".join("%s=%s" % (n, "|".join(map(str, vs))) for n, vs in RUNTIME_OPTIONS.items()))
    for k, v in body.items():
        setattr(emu.opts, k, v)
        if k == "function_patch_refused":
            emu.opts.function_patch = not v
    return None


def _set_client(emu, body):
    cid = body.get("id") or emu.opts.client_id
    perms = body.get("permissions", "all")
    perms = permissions.parse(perms) if isinstance(perms, str) else permissions.parse(",".join(perms))
    with emu.lock:
        c = emu.clients.setdefault(cid, {"secret": body.get("secret") or "", "permissions": []})
        if body.get("secret"):
            c["secret"] = body["secret"]
        if not c["secret"]:
            raise ValueError("a new client needs a secret")
        c["permissions"] = perms
    return {"id": cid, "permissions": perms}


def _draft_control(emu, org, a, m, body):
    """Someone else's draft: POST creates it (or changes it) with a control-API
    mutation; DELETE removes it. As another admin's edits, by default they are
    part of what the verifier expects."""
    mut = _mutator(dict(body, bump_version=False))

    def fn(x):
        if m == "DELETE":
            x.draft = None
            return
        if x.draft is None:
            x.draft = x.make_draft("other", x.version if emu.opts.draft_version_start == "published" else 1)
        else:
            x.draft.version += 1
        mut(x.draft)
    with org.lock:
        if m == "DELETE" and a.draft is None:
            return _err(404, "no draft")
        org.before_change(a)
        if body.get("as_other_admin", True):
            org.apply_other_edit(a, fn, "control-api draft %s" % m.lower())
        else:
            fn(a)
            a.touch()
        return _ok(a.draft.file_obj() if a.draft is not None else {"draft": None})


def handle(emu, req):
    parts = [p for p in req.path.split("/") if p][1:]     # drop "__emu"
    m = req.method
    org = emu.org
    try:
        body = json.loads(req.body.decode("utf-8")) if req.body.strip() else {}
    except ValueError:
        return _err(400, "body is not JSON")

    if parts == ["health"]:
        return _ok({"ok": True, "org": org.name, "actions": len(org.actions)})
    if parts == ["state"] and m == "GET":
        ids = set(x for x in (req.q.get("ids") or "").split(",") if x) or None
        return _ok(org.dump(summary=req.q.get("summary") in ("1", "true"), ids=ids))
    if parts == ["requests"] and m == "GET":
        return _ok({"requests": _since(req, emu.log)})
    if parts == ["patches"] and m == "GET":
        return _ok({"patches": _since(req, emu.patches)})
    if parts == ["tls"] and m == "GET":
        return _ok({"failures": list(emu.tls_failures)})
    if parts == ["faults"]:
        if m == "GET":
            return _ok(emu.faults.snapshot())
        if m == "POST":
            try:
                emu.faults.update(body)
            except KeyError as e:
                return _err(400, str(e).strip("'\""))
            return _ok(emu.faults.snapshot())
        if m == "DELETE":
            emu.faults.clear()
            return _ok(emu.faults.snapshot())
    if parts == ["faults", "clear"] and m == "POST":
        emu.faults.clear()
        return _ok(emu.faults.snapshot())
    if parts == ["reset"] and m == "POST":
        emu.reset_counters()
        return _ok({"ok": True})
    if parts == ["snapshot"] and m == "POST":
        org.snapshot()
        return _ok({"ok": True})
    if parts == ["verify"] and m == "GET":
        return _ok(org.verify())
    if parts == ["tokens", "revoke"] and m == "POST":
        emu.revoke_all()
        return _ok({"ok": True})
    if parts == ["options"] and m == "GET":
        return _ok({k: v for k, v in vars(emu.opts).items() if isinstance(v, (int, float, str, bool, list, type(None)))})
    if parts == ["options"] and m == "POST":
        problem = _set_options(emu, body)
        if problem:
            return _err(400, problem)
        return _ok({k: getattr(emu.opts, k) for k in RUNTIME_OPTIONS})
    if parts == ["clients"] and m == "GET":
        with emu.lock:
            return _ok({"clients": [{"id": k, "permissions": v["permissions"]} for k, v in emu.clients.items()],
                        "known_permissions": permissions.KNOWN})
    if parts == ["clients"] and m == "POST":
        try:
            return _ok(_set_client(emu, body))
        except ValueError as e:
            return _err(400, str(e))
    if len(parts) == 3 and parts[0] == "actions" and parts[2] == "draft" and m in ("POST", "DELETE"):
        a = org.actions.get(parts[1])
        if a is None:
            return _err(404, "no such action")
        return _draft_control(emu, org, a, m, body)
    if parts == ["org"] and m == "POST":
        new = builders.build_from_obj(body, name="posted")
        emu.org = new
        emu.served_view.clear()
        return _ok({"ok": True, "actions": len(new.actions)})
    if len(parts) == 2 and parts[0] == "actions" and m in ("POST", "PATCH"):
        a = org.actions.get(parts[1])
        if a is None:
            return _err(404, "no such action")
        fn = _mutator(body)
        with org.lock:
            if body.get("as_other_admin", True):
                # Drift by someone else: the client must preserve it.
                org.apply_other_edit(a, fn, "control-api mutate")
            else:
                # A change the verifier must flag (used to test the verifier).
                org.before_change(a)
                fn(a)
                a.touch()
            org.resort()
            return _ok(a.file_obj())
    return _err(404, "unknown control endpoint %s %s" % (m, req.path))
