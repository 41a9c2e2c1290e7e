"""The platform endpoints: OAuth token + /api/v2/integrations/... .

Pure request -> Response logic; TLS, auth, rate limits and byte-level faults
live in server.py.  Every behaviour that the fact sheet marks [U] is chosen
by an option in `emu.opts` (see README.md, table of [U] choices).
"""
import base64
import binascii
import collections
import math
import urllib.parse

import org as orgmod
import updates
from org import API


class Response:
    def __init__(self, status, body=b"", ctype="application/json", headers=None, page=None):
        self.status, self.body, self.ctype = status, body, ctype
        self.headers = headers or []
        self.page = page          # list page number, for page-targeted faults
        self.fault = None


def error(req, status, code, message, headers=None):
    """ErrorBody as the platform sends it; contextId = the correlation id."""
    body = collections.OrderedDict([("message", message), ("code", code), ("status", status),
                                    ("contextId", req.cid), ("details", []), ("errors", [])])
    return Response(status, orgmod.dumps(body), headers=headers)


def _bool(req, q, name, default):
    v = q.get(name)
    if v is None or v == "":
        return default
    if v.lower() in ("true", "false"):
        return v.lower() == "true"
    raise ValueError("Invalid value for %s: %s" % (name, v))


def _int(q, name, default):
    v = q.get(name)
    if v is None or v == "":
        return default
    try:
        return int(v)
    except ValueError:
        raise ValueError("Invalid value for %s: %s" % (name, v))


# ------------------------------------------------------------------ OAuth

def oauth_token(emu, req):
    o = emu.opts
    bad = Response(o.auth_error_status, orgmod.dumps(collections.OrderedDict([
        ("error", "invalid_client"), ("description", "authentication failed"),
        ("error_description", "authentication failed")])))
    auth = req.headers.get("Authorization", "")
    if not auth.lower().startswith("basic "):
        return bad
    try:
        cid, _, secret = base64.b64decode(auth[6:].strip(), validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return bad
    form = urllib.parse.parse_qs(req.body.decode("latin-1"))
    if form.get("grant_type") != ["client_credentials"]:
        return Response(400, orgmod.dumps(collections.OrderedDict([
            ("error", "unsupported_grant_type"), ("description", "grant type not supported"),
            ("error_description", "grant type not supported")])))
    if not emu.client_ok(cid, secret):
        return bad
    token = emu.issue_token(cid)
    return Response(200, orgmod.dumps(collections.OrderedDict([
        ("access_token", token), ("token_type", o.token_type), ("expires_in", o.token_ttl)])))


# ------------------------------------------------------------------ routing

def route(emu, req):
    p = req.path.rstrip("/") if req.path != "/" else req.path
    parts = p.split("/")
    # ['', 'api', 'v2', 'integrations', ...]
    if parts[:4] != ["", "api", "v2", "integrations"]:
        return error(req, 404, "not.found", "The requested resource was not found.")
    rest = parts[4:]
    m = req.method
    try:
        if rest == ["actions"] and m == "GET":
            return list_actions(emu, req)
        if len(rest) == 2 and rest[0] == "actions":
            if m == "GET":
                return get_action(emu, req, rest[1])
            if m == "PATCH":
                return patch_action(emu, req, rest[1])
        if len(rest) >= 3 and rest[0] == "actions" and rest[2] in ("draft", "function"):
            resp = drafts.route(emu, req, rest[1], rest[2:])
            if resp is not None:
                return resp
        if len(rest) == 4 and rest[0] == "actions" and rest[2] == "templates" and m == "GET":
            return get_template(emu, req, rest[1], rest[3])
        if len(rest) == 4 and rest[0] == "actions" and rest[2] == "schemas" and m == "GET":
            return get_schema(emu, req, rest[1], rest[3])
        if rest == [] and m == "GET":
            return list_integrations(emu, req)
        if len(rest) == 1 and rest[0] != "actions" and m == "GET":
            return get_integration(emu, req, rest[0])
    except ValueError as e:
        return error(req, 400, "bad.request", str(e))
    if m not in ("GET", "PATCH", "POST", "PUT", "DELETE"):
        return error(req, 405, "method.not.allowed", "HTTP method %s is not supported." % m)
    return error(req, 404, "not.found", "The requested resource was not found.")


def _page_uri(path, pairs, size, number):
    """Server-relative page URI keeping the caller's other query params."""
    q = [("pageSize", str(size)), ("pageNumber", str(number))]
    q += [(k, v) for k, v in pairs if k not in ("pageSize", "pageNumber")]
    return path + "?" + urllib.parse.urlencode(q, quote_via=urllib.parse.quote, safe=",")


def _envelope(emu, req, path, entity_bytes, size, number, total, page_count, keep_pairs, always_next=False):
    f = emu.faults
    o = collections.OrderedDict()
    o["pageSize"] = size
    o["pageNumber"] = number
    o["total"] = total
    o["firstUri"] = _page_uri(path, keep_pairs, size, 1)
    o["selfUri"] = _page_uri(path, keep_pairs, size, number)
    if number < page_count or always_next:
        nxt = _page_uri(path, keep_pairs, size, number + 1)
        if f.evil_page(number):
            nxt = "https://evil.example" + nxt
        o["nextUri"] = nxt
    if number > 1:
        o["previousUri"] = _page_uri(path, keep_pairs, size, min(number - 1, max(page_count, 1)))
    o["lastUri"] = _page_uri(path, keep_pairs, size, max(page_count, 1))
    o["pageCount"] = page_count
    tail = orgmod.dumps(o)
    return b'{"entities":[' + b",".join(entity_bytes) + b"]," + tail[1:]


def _paging(q, opts):
    size = _int(q, "pageSize", 25)
    number = _int(q, "pageNumber", 1)
    if size < 1 or (opts.max_page_size and size > opts.max_page_size):
        raise ValueError("pageSize must be between 1 and %s" % (opts.max_page_size or "unbounded"))
    if number < 1:
        raise ValueError("pageNumber must be greater than 0")
    return size, number


def list_actions(emu, req):
    q, o = req.q, emu.opts
    size, number = _paging(q, o)
    include_config = _bool(req, q, "includeConfig", False) and not o.older_platform
    include_auth = _bool(req, q, "includeAuthActions", False)
    secure = q.get("secure")
    if secure not in (None, "", "true", "false"):
        raise ValueError("Invalid value for secure: %s" % secure)
    ids = [x for x in (q.get("ids") or "").split(",") if x]
    if len(ids) > 50:
        return error(req, 400, "bad.request", "A maximum of 50 ids may be requested.")
    name, category = q.get("name") or "", q.get("category") or ""
    sort_by, order = q.get("sortBy") or "", (q.get("sortOrder") or "asc").lower()
    if sort_by not in ("", "name", "id", "category"):
        raise ValueError("Invalid sortBy: %s" % sort_by)
    if order not in ("asc", "desc"):
        raise ValueError("Invalid sortOrder: %s" % order)
    org = emu.org
    with org.lock:
        all_sorted, nonauth = org.sorted_actions()
        acts = all_sorted if include_auth else nonauth
        if ids or name or category or secure:
            idset, lname, lcat = set(ids), name.lower(), category.lower()
            acts = [a for a in acts
                    if (not idset or a.id in idset)
                    and (not lname or lname in a.name.lower())
                    and (not lcat or a.category.lower() == lcat)
                    and (not secure or a.secure == (secure == "true"))]
        if sort_by in ("id", "category"):
            acts = sorted(acts, key=lambda a: (getattr(a, sort_by).lower(), a.id))
        if order == "desc":
            acts = list(reversed(acts))
        total = len(acts)
        real_pages = math.ceil(total / size)
        lie, extra = emu.faults.paging_lie()
        page_count = real_pages + (extra if lie in ("repeat", "wrap") else 0)
        start = (number - 1) * size
        if lie in ("repeat", "endless") and number > real_pages and real_pages > 0:
            start = (real_pages - 1) * size      # past the end: the last page, forever
        if lie == "wrap" and number > real_pages and real_pages > 0:
            start = ((number - 1) % real_pages) * size  # past the end: from the first page again
        page = acts[start:start + size]          # endless-empty: nothing past the end
        expand = q.get("expand") == "contract"
        ent = [a.to_bytes(include_config, expand, o.template_mode) for a in page]
    keep = [(k, v) for k, v in req.pairs] if not o.next_uri_drops_params else []
    body = _envelope(emu, req, API + "/actions", ent, size, number, total, page_count, keep,
                     always_next=lie in ("endless", "endless-empty"))
    return Response(200, body, page=number)


def _find(emu, req, aid):
    a = emu.org.actions.get(aid)
    if a is None:
        return None, error(req, 404, "not.found", "Unable to find an action with ID %s" % aid)
    return a, None


def get_action(emu, req, aid):
    q = req.q
    include_config = _bool(req, q, "includeConfig", False)
    _bool(req, q, "flatten", False)
    exp = q.get("expand") or ""
    if exp not in ("", "contract"):
        raise ValueError("Invalid expand value: %s" % exp)
    with emu.org.lock:
        a, err = _find(emu, req, aid)
        if err:
            return err
        if include_config:
            emu.served_view[a.self_uri()] = a.resolved_tmode(emu.opts.template_mode)
        return Response(200, a.to_bytes(include_config, exp == "contract", emu.opts.template_mode))


def _accepts_text(req):
    acc = req.headers.get("Accept")
    if acc is None or not acc.strip():
        return True
    acc = acc.lower()
    return any(t in acc for t in ("*/*", "text/*", "text/plain"))


def template_response(emu, req, a, fname):
    """A template file of action (or draft) a, as text/plain."""
    if fname not in ("requesttemplate.vm", "successtemplate.vm"):
        return error(req, 404, "not.found", "Unable to find template %s" % fname)
    if emu.opts.strict_accept and not _accepts_text(req):
        return error(req, 406, "not.acceptable", "Could not find acceptable representation")
    text = a.template("request" if fname.startswith("request") else "success")
    return Response(200, text.encode("utf-8"), ctype="text/plain")


def get_template(emu, req, aid, fname):
    with emu.org.lock:
        a, err = _find(emu, req, aid)
        if err:
            return err
        return template_response(emu, req, a, fname)


def schema_response(req, a, fname):
    c = a.contract
    m = {"inputschema.json": c.get("input", {}).get("inputSchema"),
         "successschema.json": c.get("output", {}).get("successSchema"),
         "errorschema.json": c.get("output", {}).get("errorSchema") or {"type": "object"}}
    if m.get(fname) is None:
        return error(req, 404, "not.found", "Unable to find schema %s" % fname)
    return Response(200, orgmod.dumps(m[fname], a.escape))


def get_schema(emu, req, aid, fname):
    with emu.org.lock:
        a, err = _find(emu, req, aid)
        if err:
            return err
        return schema_response(req, a, fname)


# ------------------------------------------------------------------ PATCH

FUNCTION_PATCH_REFUSALS = {
    # --function-patch-refused draft|function: how the refusal is worded [U]
    "draft": "Function data actions must be updated through a draft: POST "
             "/api/v2/integrations/actions/{id}/draft, PATCH it, then publish it.",
    "function": "Integration of type 'function-data-actions' does not support updating published actions",
}


def _editor_edit(field, n):
    def fn(a):
        cfg = a.config
        if field == "translationMapDefaults" and cfg.get("response", {}).get("translationMapDefaults"):
            tmd = cfg["response"]["translationMapDefaults"]
            k = next(iter(tmd))
            tmd[k] = "\"edited by other-admin %d\"" % n
        else:
            cfg.setdefault("request", {}).setdefault("headers", {})["X-Edited-By"] = "other-admin-%d \u00e9" % n
        a.version += 1
    return fn


def _patch_action(emu, req, aid):
    o, org = emu.opts, emu.org
    rec = emu.record_patch(req, aid)
    with org.lock:
        a, err = _find(emu, req, aid)
        if err:
            return emu.finish_patch(rec, err)
        rec.update(updates.strict_check(emu, a, req.body))
        err = updates.content_type_error(emu, req)
        if err:
            return emu.finish_patch(rec, err)
        if a.kind in ("custom", "function") and emu.faults.editor_should_hit(aid):
            req.editor_hit = True
            # Another admin saves this action between the client's GET and PATCH.
            org.before_change(a)
            org.apply_other_edit(a, _editor_edit(emu.faults.get("editor_field"), len(org.other_edits) + 1),
                                 "concurrent editor changed a %s" % emu.faults.get("editor_field"))
        body, err = updates.read_object(req)
        if err:
            return emu.finish_patch(rec, err)
        if a.kind == "static":
            return emu.finish_patch(rec, error(req, 400, "bad.request",
                                               "Static actions cannot be modified: %s" % aid))
        if a.kind == "function" and o.function_patch_refused:
            return emu.finish_patch(rec, error(req, 400, "bad.request",
                                               FUNCTION_PATCH_REFUSALS[o.function_patch_refused]))
        if a.draft is not None and o.patch_with_draft == "refuse":
            return emu.finish_patch(rec, error(req, 400, "bad.request",
                                               "Action %s has an unpublished draft; publish or delete it first" % aid))
        err = updates.version_error(emu, req, body, a.version)
        if err:
            return emu.finish_patch(rec, err)
        cfg, err = updates.check_update(emu, req, a, body)
        if err:
            return emu.finish_patch(rec, err)
        # ---- accepted: apply.  config REPLACES the stored config wholesale.
        org.before_change(a)
        updates.apply_update(org, a, body, cfg)
        a.version += 1
        a.touch()
        resp = Response(200, a.to_bytes(True, False, o.template_mode))
        rec["new_version"] = a.version
    return emu.finish_patch(rec, resp)


def patch_action(emu, req, aid):
    resp = _patch_action(emu, req, aid)
    if getattr(req, "editor_hit", False):
        resp.fault = "concurrent_editor"
    return resp


# ------------------------------------------------------------------ integrations

def get_integration(emu, req, iid):
    _paging(req.q, emu.opts)     # documented (odd) paging params: validated, ignored
    integ = emu.org.integrations.get(iid)
    if integ is None:
        return error(req, 404, "not.found", "Unable to find an integration with ID %s" % iid)
    return Response(200, orgmod.dumps(integ.to_obj()))


def list_integrations(emu, req):
    q = req.q
    size, number = _paging(q, emu.opts)
    ids = [x for x in (q.get("ids") or "").split(",") if x]
    if len(ids) > 100:
        return error(req, 400, "bad.request", "A maximum of 100 ids may be requested.")
    itype, rstate = q.get("integrationType") or "", q.get("reportedState") or ""
    items = [i for i in emu.org.integrations.values()
             if (not ids or i.id in ids) and (not itype or i.type_id == itype)
             and (not rstate or i.reported == rstate)]
    total = len(items)
    pages = math.ceil(total / size)
    ent = [orgmod.dumps(i.to_obj()) for i in items[(number - 1) * size:number * size]]
    body = _envelope(emu, req, API, ent, size, number, total, pages, list(req.pairs))
    return Response(200, body)


import drafts  # noqa: E402  (after the helpers above, which drafts uses)
