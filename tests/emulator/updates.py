"""What PATCH /actions/{id} and PATCH /actions/{id}/draft share: reading the
body, the version rule, validating and storing a config (the template trap),
and the strict byte-identity check of the sent config against what was served.
"""
import collections
import copy
import json

import jsonspan
import org as orgmod
from org import REQ_DEFAULT, SUCC_DEFAULT


def error(req, status, code, message):
    from api import error as api_error
    return api_error(req, status, code, message)


def strip_uris(cfg):
    """*TemplateUri keys in a PATCH are read-only: ignored."""
    for k, tk in (("request", "requestTemplateUri"), ("response", "successTemplateUri")):
        if isinstance(cfg.get(k), dict):
            cfg[k].pop(tk, None)
    return cfg


def without_timeout(cfg):
    c = copy.deepcopy(cfg)
    if isinstance(c, dict):
        c.pop("timeoutSeconds", None)
    return c


def strict_check(emu, a, raw):
    """Byte/semantic comparison of the sent config with what was served for a
    (an action or a draft)."""
    out = {"config_json_equal_except_timeout": None,
           "config_bytes_equal_to_served_except_timeout": None,
           "config_bytes_equal_to_full_except_timeout": None}
    try:
        text = raw.decode("utf-8")
        cfg_text = jsonspan.member_text(text, "config")
        if cfg_text is None or not cfg_text.startswith("{"):
            return out
        sent = json.loads(cfg_text, object_pairs_hook=collections.OrderedDict)
        out["config_json_equal_except_timeout"] = (
            strip_uris(without_timeout(sent)) == without_timeout(a.config))
        mine = jsonspan.drop_member(cfg_text, "timeoutSeconds")
        view = emu.served_view.get(a.self_uri(), a.resolved_tmode(emu.opts.template_mode))
        served = orgmod.dumps(a.config_view(view), a.escape).decode("utf-8")
        full = orgmod.dumps(a.config, a.escape).decode("utf-8")
        out["config_bytes_equal_to_served_except_timeout"] = mine == jsonspan.drop_member(served, "timeoutSeconds")
        out["config_bytes_equal_to_full_except_timeout"] = mine == jsonspan.drop_member(full, "timeoutSeconds")
    except (ValueError, IndexError, UnicodeDecodeError):
        pass
    return out


def content_type_error(emu, req):
    ctype = (req.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if emu.opts.strict_content_type and ctype != "application/json":
        return error(req, 415, "unsupported.media.type",
                     "Content-Type '%s' is not supported; use application/json" % ctype)
    return None


def read_object(req):
    """(body dict, None) or (None, 400 Response)."""
    try:
        body = json.loads(req.body.decode("utf-8"), object_pairs_hook=collections.OrderedDict)
    except (ValueError, UnicodeDecodeError):
        return None, error(req, 400, "bad.request", "Unable to parse the request body as JSON.")
    if not isinstance(body, dict):
        return None, error(req, 400, "bad.request", "Request body must be a JSON object.")
    return body, None


def version_error(emu, req, body, current, what="the current version"):
    """None when body["version"] equals current, else the platform's refusal:
    409 (default) or, with --version-conflict 400, a 400 naming both."""
    ver = body.get("version")
    if ver is not None and (not isinstance(ver, int) or isinstance(ver, bool)):
        return error(req, 400, "bad.request", "version must be an integer")
    if ver == current:
        return None
    shown = "missing" if ver is None else ver
    if emu.opts.version_conflict == 400:
        return error(req, 400, "bad.request", "Supplied version %s does not match %s %d" % (shown, what, current))
    return error(req, 409, "conflict", "The version number of the modified resource must match the "
                                       "version number in the database (supplied %s, current %d)" % (shown, current))


def check_update(emu, req, a, body):
    """Validate name/category/config of an update body for action (or draft) a.
    Returns (config to store or None when absent, None) or (None, error)."""
    for k in ("name", "category"):
        if k in body and (not isinstance(body[k], str) or not body[k] or len(body[k]) > 256):
            return None, error(req, 400, "bad.request", "%s must be 1-256 characters" % k)
    cfg = body.get("config")
    if cfg is None:
        return None, None
    if not isinstance(cfg, dict):
        return None, error(req, 400, "bad.request", "config must be an object")
    ts = cfg.get("timeoutSeconds")
    if ts is not None:
        if a.kind == "customAuth":
            return None, error(req, 400, "bad.request", "timeoutSeconds is invalid for Custom Authentication Actions")
        if not isinstance(ts, int) or isinstance(ts, bool) or not 1 <= ts <= 60:
            return None, error(req, 400, "bad.request", "config.timeoutSeconds must be an integer between 1 and 60")
    else:
        cfg.pop("timeoutSeconds", None)      # null = unset
    rq = cfg.get("request")
    if not isinstance(rq, dict) or not rq.get("requestType") or "requestUrlTemplate" not in rq:
        return None, error(req, 400, "bad.request", "config.request.requestUrlTemplate and requestType are required")
    if "response" in cfg and not isinstance(cfg["response"], dict):
        return None, error(req, 400, "bad.request", "config.response must be an object")
    if a.kind == "function":
        stored = a.config.get("request", {}).get("requestUrlTemplate")
        if rq["requestUrlTemplate"] != stored:
            if emu.opts.function_url_change == "error":
                return None, error(req, 400, "bad.request",
                                   "config.request.requestUrlTemplate is read-only for Function Integration actions")
            rq["requestUrlTemplate"] = stored          # "ignore": the read-only field keeps its value
    return store_config(cfg), None


def store_config(cfg):
    """The config as the platform keeps it: it REPLACES the stored one. Only
    the template texts fall back to their defaults when absent (the trap);
    everything else is stored exactly as sent, so a client that echoes a config
    without translation maps is not blamed for a difference it did not make."""
    cfg = strip_uris(cfg)
    cfg["request"].setdefault("requestTemplate", REQ_DEFAULT)
    cfg.setdefault("response", collections.OrderedDict()).setdefault("successTemplate", SUCC_DEFAULT)
    return cfg


def apply_update(org, a, body, cfg):
    """Store an accepted update on a (name/category merged, config replaced)."""
    if cfg is not None:
        a.config = cfg
    if "name" in body and body["name"] != a.name:
        a.name = body["name"]
        org.resort()
    if "category" in body:
        a.category = body["category"]
