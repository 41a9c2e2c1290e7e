"""Roles of OAuth clients: which permissions each API call needs (fact sheet
§4.6) and the 403 the platform answers without them.

A client-credentials client gets its authority from its roles, so each client
the emulator accepts carries a set of permissions (default: all of KNOWN).
Reads accept either of two permissions (code missing.any.permissions), the
others need exactly one (code missing.permissions). Codes and wording follow
what client libraries match on [3P]; messageParams is mine [U].
"""
import collections

import org as orgmod

VIEW = "integrations:action:view"
BRIDGE_VIEW = "bridge:actions:view"
EDIT = "integrations:action:edit"
INTEGRATION_VIEW = "integrations:integration:view"
FUNCTION_VIEW = "integrations:actionFunction:view"
FUNCTION_EDIT = "integrations:actionFunction:edit"
KNOWN = [VIEW, EDIT, INTEGRATION_VIEW, FUNCTION_VIEW, FUNCTION_EDIT, BRIDGE_VIEW]
DEFAULT = [VIEW, EDIT, INTEGRATION_VIEW, FUNCTION_VIEW, FUNCTION_EDIT]


def parse(text):
    """'a,b' -> ['a', 'b']; 'all' -> DEFAULT; 'none' or '' -> []."""
    text = (text or "").strip()
    if text == "all":
        return list(DEFAULT)
    if text in ("", "none"):
        return []
    perms = [p.strip() for p in text.split(",") if p.strip()]
    bad = [p for p in perms if p not in KNOWN]
    if bad:
        raise ValueError("unknown permission(s) %s (known: %s)" % (", ".join(bad), ", ".join(KNOWN)))
    return perms


def required(method, path):
    """(mode, [permissions]) an API call needs: mode "any" or "all"; None = none."""
    parts = path.rstrip("/").split("/")[4:]          # after /api/v2/integrations
    if not parts or parts[0] != "actions":
        return ("all", [INTEGRATION_VIEW])
    if "function" in parts[2:]:
        return ("all", [FUNCTION_VIEW]) if method == "GET" else ("all", [FUNCTION_EDIT])
    if method == "GET" and parts[-1] != "validation":
        return ("any", [VIEW, BRIDGE_VIEW])
    return ("all", [EDIT])


def check(req, granted):
    """None when the client may make this call, else the 403 Response."""
    from api import Response
    need = required(req.method, req.path)
    if need is None:
        return None
    mode, perms = need
    have = set(granted)
    if mode == "any" and have & set(perms):
        return None
    missing = perms if mode == "any" else [p for p in perms if p not in have]
    if not missing:
        return None
    listed = "[%s]" % ", ".join(missing)
    if mode == "any":
        code = "missing.any.permissions"
        text = "Unable to perform the requested action. You must have at least one of the following permissions assigned: %s"
    else:
        code = "missing.permissions"
        text = "Unable to perform the requested action. You are missing the following permission(s): %s"
    body = collections.OrderedDict([
        ("message", text % listed), ("code", code), ("status", 403),
        ("messageWithParams", text % "{permissions}"), ("messageParams", {"permissions": listed}),
        ("contextId", req.cid), ("details", []), ("errors", [])])
    return Response(403, orgmod.dumps(body))
