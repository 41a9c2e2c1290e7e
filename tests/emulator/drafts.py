"""Drafts of Data Actions and a function action's runtime settings.

Endpoints (fact sheet §2.6, §4.4): GET/POST/PATCH/DELETE /actions/{id}/draft,
GET .../draft/templates/{file}, .../draft/schemas/{file}, .../draft/validation,
POST .../draft/publish {version}, GET /actions/{id}/function and
GET .../draft/function. A draft is an Action with is_draft=True hanging off the
published one (Action.draft); the verifier compares it too, so a draft left
behind, or someone else's draft touched, is a difference.

Choices the sources do not settle are options (README, [U] rows):
draft_exists_post, draft_version_start, draft_patch_version,
publish_missing_draft, publish_version, draft_delete_status.
"""
import collections
import uuid

import api
import org as orgmod
import updates
from api import Response, error


def _no_draft(req, aid):
    return error(req, 404, "not.found", "Unable to find a draft for action %s" % aid)


def _start_version(emu, a):
    return a.version if emu.opts.draft_version_start == "published" else 1


def _someone_elses_draft(emu, a):
    """Fault draft_exists: another editor already holds a draft of this action
    (with a header of theirs in it). It must survive the run untouched."""
    if a.draft is not None or a.kind == "static" or not emu.faults.draft_exists_should_hit(a.id):
        return
    start = _start_version(emu, a)

    def fn(x):
        x.draft = x.make_draft("other", start)
        x.draft.config.setdefault("request", collections.OrderedDict()).setdefault(
            "headers", collections.OrderedDict())["X-Draft-By"] = "other-admin \u00e9"
    emu.org.before_change(a)
    emu.org.apply_other_edit(a, fn, "another editor holds a draft")


def _find(emu, req, aid):
    """(action, error); applies the draft_exists fault on the first look."""
    a, err = api._find(emu, req, aid)
    if a is not None:
        _someone_elses_draft(emu, a)
    return a, err


def _find_draft(emu, req, aid):
    """(action, error) for a request about the action's draft: 404 when there is none."""
    a, err = _find(emu, req, aid)
    if err is None and a.draft is None:
        err = _no_draft(req, aid)
    return a, err


def publish(emu, a):
    """The draft becomes the published action; the draft is gone."""
    d = a.draft
    a.name, a.category, a.secure = d.name, d.category, d.secure
    a.config, a._contract = d.config, d.contract
    if d.kind == "function":
        a.function = d.function
    a.version = d.version if emu.opts.publish_version == "draft" else a.version + 1
    a.draft = None
    a.touch()
    emu.org.resort()


def _editor_race(emu, a, after):
    """Fault draft_editor: right after the client's draft POST (after=create)
    or PATCH (after=patch), another editor edits the draft (a header, or a
    translationMapDefault with editor_field) and, with then=publish,
    publishes it. The verifier expects their edit in the published action."""
    then = emu.faults.draft_editor_should_hit(a.id, after)
    if not then:
        return False
    org = emu.org
    edit = api._editor_edit(emu.faults.get("editor_field"), len(org.other_edits) + 1)

    def fn(x):
        if x.draft is None:
            return
        edit(x.draft)                     # bumps the draft's version
        if then == "publish":
            publish(emu, x)
    org.apply_other_edit(a, fn, "another editor %s the draft after the client's %s"
                         % ("edited and published" if then == "publish" else "edited", after),
                         baseline_fn=edit)
    return True


def _draft_bytes(emu, d, include_config=True, expand=False):
    return d.to_bytes(include_config, expand, emu.opts.template_mode)


# ------------------------------------------------------------------ endpoints

def get_draft(emu, req, aid):
    q = req.q
    include_config = api._bool(req, q, "includeConfig", False)
    api._bool(req, q, "flatten", False)
    exp = q.get("expand") or ""
    if exp not in ("", "contract"):
        raise ValueError("Invalid expand value: %s" % exp)
    with emu.org.lock:
        a, err = _find_draft(emu, req, aid)
        if err:
            return err
        if include_config:
            emu.served_view[a.draft.self_uri()] = a.draft.resolved_tmode(emu.opts.template_mode)
        return Response(200, _draft_bytes(emu, a.draft, include_config, exp == "contract"))


def create_draft(emu, req, aid):
    o, org = emu.opts, emu.org
    with org.lock:
        a, err = _find(emu, req, aid)
        if err:
            return err
        if a.kind == "static":
            return error(req, 400, "bad.request", "Static actions cannot be modified: %s" % aid)
        if a.draft is not None:
            if o.draft_exists_post == "return":
                return Response(200, _draft_bytes(emu, a.draft))
            status = int(o.draft_exists_post)
            return error(req, status, "conflict" if status == 409 else "bad.request",
                         "A draft already exists for action %s" % aid)
        org.before_change(a)
        a.draft = a.make_draft("client", _start_version(emu, a))
        a.touch()
        resp = Response(200, _draft_bytes(emu, a.draft))
        if _editor_race(emu, a, "create"):
            resp.fault = "draft_editor"
        return resp


def patch_draft(emu, req, aid):
    org = emu.org
    rec = emu.record_patch(req, aid)
    rec["draft"] = True
    with org.lock:
        a, err = _find(emu, req, aid)
        if err:
            return emu.finish_patch(rec, err)
        d = a.draft
        if d is None:
            return emu.finish_patch(rec, _no_draft(req, aid))
        rec.update(updates.strict_check(emu, d, req.body))
        err = updates.content_type_error(emu, req)
        if err:
            return emu.finish_patch(rec, err)
        body, err = updates.read_object(req)
        if err:
            return emu.finish_patch(rec, err)
        err = updates.version_error(emu, req, body, d.version, "the current draft version")
        if err:
            return emu.finish_patch(rec, err)
        cfg, err = updates.check_update(emu, req, d, body)
        if err:
            return emu.finish_patch(rec, err)
        if "secure" in body and not isinstance(body["secure"], bool):
            return emu.finish_patch(rec, error(req, 400, "bad.request", "secure must be a boolean"))
        if "contract" in body and not isinstance(body["contract"], dict):
            return emu.finish_patch(rec, error(req, 400, "bad.request", "contract must be an object"))
        # ---- accepted: like the plain PATCH, config REPLACES the draft's config.
        org.before_change(a)
        updates.apply_update(org, d, body, cfg)
        if "secure" in body:
            d.secure = body["secure"]
        if "contract" in body:
            d._contract = body["contract"]
        if emu.opts.draft_patch_version == "bump":
            d.version += 1
        d.touch()
        a.touch()
        rec["new_version"] = d.version
        resp = Response(200, _draft_bytes(emu, d))
        if _editor_race(emu, a, "patch"):
            resp.fault = "draft_editor"
    return emu.finish_patch(rec, resp)


def delete_draft(emu, req, aid):
    with emu.org.lock:
        a, err = _find_draft(emu, req, aid)
        if err:
            return err
        emu.org.before_change(a)
        a.draft = None
        a.touch()
    return Response(int(emu.opts.draft_delete_status), b"")


def publish_draft(emu, req, aid):
    org = emu.org
    with org.lock:
        a, err = _find(emu, req, aid)
        if err:
            return err
        if a.draft is None:
            if emu.opts.publish_missing_draft == "400":
                return error(req, 400, "bad.request", "Action %s has no draft to publish" % aid)
            return _no_draft(req, aid)
        body, err = updates.read_object(req)
        if err:
            return err
        ver = body.get("version")
        if ver is not None and (not isinstance(ver, int) or isinstance(ver, bool)):
            return error(req, 400, "bad.request", "version must be an integer")
        if ver != a.draft.version:
            # The wording Terraform users met (terraform-provider-genesyscloud #1961).
            return error(req, 400, "bad.request", "Supplied version %s does not match latest draft version %d"
                         % ("null" if ver is None else ver, a.draft.version))
        org.before_change(a)
        publish(emu, a)
        return Response(200, a.to_bytes(True, False, emu.opts.template_mode))


def get_draft_template(emu, req, aid, fname):
    with emu.org.lock:
        a, err = _find_draft(emu, req, aid)
        if err:
            return err
        return api.template_response(emu, req, a.draft, fname)


def get_draft_schema(emu, req, aid, fname):
    with emu.org.lock:
        a, err = _find_draft(emu, req, aid)
        if err:
            return err
        return api.schema_response(req, a.draft, fname)


def get_draft_validation(emu, req, aid):
    with emu.org.lock:
        a, err = _find_draft(emu, req, aid)
        if err:
            return err
        return Response(200, orgmod.dumps(collections.OrderedDict([("valid", True), ("errors", [])])))


# ------------------------------------------------------------------ function settings

def function_obj(a):
    """FunctionConfig {id, function, zip, selfUri} of a function action (or draft)."""
    f = a.function
    fid = str(uuid.uuid5(uuid.NAMESPACE_URL, "gcemu:function:" + a.id))
    zid = str(uuid.uuid5(uuid.NAMESPACE_URL, "gcemu:zip:%s:%s" % (a.id, f.get("zipName"))))
    created = "2025-10-14T09:30:00.000Z"
    fn = collections.OrderedDict([("id", fid), ("name", a.id), ("description", f.get("description", "")),
                                  ("dateCreated", created), ("zipId", zid), ("handler", f.get("handler")),
                                  ("runtime", f.get("runtime")), ("timeoutSeconds", f.get("timeoutSeconds"))])
    return collections.OrderedDict([
        ("id", a.id), ("function", fn),
        ("zip", collections.OrderedDict([("id", zid), ("name", f.get("zipName")), ("status", "Available"),
                                         ("dateCreated", created)])),
        ("selfUri", a.self_uri() + "/function")])


def get_function(emu, req, aid, draft=False):
    with emu.org.lock:
        a, err = (_find if draft else api._find)(emu, req, aid)
        if err:
            return err
        if draft:
            if a.draft is None:
                return _no_draft(req, aid)
            a = a.draft
        if a.kind != "function":
            return error(req, 404, "not.found", "Action %s is not a Function Integration action" % aid)
        return Response(200, orgmod.dumps(function_obj(a)))


STEP_CODES = {500: "internal.server.error", 502: "bad.gateway", 503: "service.unavailable",
              504: "gateway.timeout", 409: "conflict", 404: "not.found"}


def _step(req, t):
    """Which draft step a request is, for the draft_step_fails fault."""
    if not t:
        return {"GET": "read", "POST": "create", "PATCH": "patch", "DELETE": "delete"}.get(req.method)
    return {"publish": "publish", "templates": "templates"}.get(t[0])


def route(emu, req, aid, tail):
    """/api/v2/integrations/actions/{aid}/draft... and .../function; None = no route."""
    m = req.method
    if tail == ["function"] and m == "GET":
        return get_function(emu, req, aid)
    if tail[:1] != ["draft"]:
        return None
    t = tail[1:]
    step = _step(req, t)
    status = emu.faults.draft_step_status(step) if step else None
    if status:
        r = error(req, status, STEP_CODES.get(status, "bad.request"), "Injected %d (draft_step_fails, %s)" % (status, step))
        r.fault = "draft_step_fails"
        return r
    if not t:
        return {"GET": get_draft, "POST": create_draft, "PATCH": patch_draft,
                "DELETE": delete_draft}.get(m, lambda *x: None)(emu, req, aid)
    if t == ["publish"] and m == "POST":
        return publish_draft(emu, req, aid)
    if t == ["validation"] and m == "GET":
        return get_draft_validation(emu, req, aid)
    if t == ["function"] and m == "GET":
        return get_function(emu, req, aid, draft=True)
    if len(t) == 2 and t[0] == "templates" and m == "GET":
        return get_draft_template(emu, req, aid, t[1])
    if len(t) == 2 and t[0] == "schemas" and m == "GET":
        return get_draft_schema(emu, req, aid, t[1])
    return None

