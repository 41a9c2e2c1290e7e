"""Find members of a JSON object in the *raw text*, without re-serializing.

Used by the strict-mode PATCH check: is the `config` the client sent
byte-identical to the config we served, apart from the timeoutSeconds member?
json.loads cannot answer that (it forgets spacing, key order details and
escape spelling), so we locate spans in the original text instead.
"""
import json
import re

_WS = " \t\r\n"
_LIT = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")


def _ws(s, i):
    while i < len(s) and s[i] in _WS:
        i += 1
    return i


def _string_end(s, i):
    i += 1
    while True:
        c = s[i]
        if c == "\\":
            i += 2
        elif c == '"':
            return i + 1
        else:
            i += 1


def value_end(s, i):
    """Index just past the JSON value starting at s[i] (i at non-space)."""
    c = s[i]
    if c == '"':
        return _string_end(s, i)
    if c in "{[":
        close = "}" if c == "{" else "]"
        i = _ws(s, i + 1)
        if s[i] == close:
            return i + 1
        while True:
            if c == "{":
                i = _ws(s, _string_end(s, i))
                i = _ws(s, i + 1)            # past ':'
            i = _ws(s, value_end(s, i))
            if s[i] == ",":
                i = _ws(s, i + 1)
                continue
            if s[i] == close:
                return i + 1
            raise ValueError("bad JSON at %d" % i)
    m = _LIT.match(s, i)
    if not m:
        raise ValueError("bad JSON at %d" % i)
    return m.end()


def members(s, i):
    """[(key, member_start, value_start, value_end)] of the object at s[i]."""
    out = []
    i = _ws(s, i + 1)
    if s[i] == "}":
        return out
    while True:
        ks = i
        ke = _string_end(s, i)
        key = json.loads(s[ks:ke])
        vs = _ws(s, _ws(s, ke) + 1)
        ve = value_end(s, vs)
        out.append((key, ks, vs, ve))
        i = _ws(s, ve)
        if s[i] == "}":
            return out
        i = _ws(s, i + 1)


def member_text(s, key):
    """Raw text of top-level member `key` of the object text s (or None)."""
    i = _ws(s, 0)
    for k, _, vs, ve in members(s, i):
        if k == key:
            return s[vs:ve]
    return None


def drop_member(s, key):
    """Object text s with member `key` (and one adjacent comma) cut out."""
    i = _ws(s, 0)
    mem = members(s, i)
    for n, (k, ms, vs, ve) in enumerate(mem):
        if k != key:
            continue
        if n + 1 < len(mem):              # cut up to the next member
            return s[:ms] + s[mem[n + 1][1]:]
        if n > 0:                          # last member: cut from the previous value's end
            return s[:mem[n - 1][3]] + s[ve:]
        return s[:ms] + s[ve:]
    return s
