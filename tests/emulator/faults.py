"""Fault injection state.  Every fault is independent and can be set at start
(command-line flags) or at run time (POST /__emu/faults with the same keys).

Keys and values (JSON; a missing key keeps its current value, null clears it):
  chunked            bool  responses use chunked encoding: random chunk sizes,
                           chunk extensions (;ext=1) and sometimes a trailer
  connection_close   bool  "Connection: close" after every response
  concurrent_editor  int   number of actions (each once) that another admin
                           edits between the client's GET and PATCH; -1 = all
                           (custom and function actions, plain PATCH)
  editor_field       str   "header" (default) or "translationMapDefaults"
  revoke_after       int   revoke the token after this many further API
                           requests: that request gets one 401
  burst_429          {count, retry_after, after}: after `after` further API
                           requests, `count` consecutive 429s
  fail_every         int   every Nth API request gets a 5xx (cycles fail_statuses)
  fail_statuses      [int] default [502, 503, 504]
  reset_body         {pages, times}: send half the body then RST
  stall_body         {pages, times, seconds, trickle}: send half, sleep, send
                           the rest; with trickle T, one byte every T seconds
                           meanwhile (a stall no read timeout ends)
  malformed_json     {pages, times}: a page whose JSON is broken
  lying_page_count   int   pageCount claims this many extra pages; pages past
                           the real end repeat the last page forever
  paging_lie         str   "repeat": as lying_page_count (10 extra pages unless
                           that is set); "endless": pageCount is true but every
                           page has a nextUri, pages past the end repeat the
                           last page; "endless-empty": the same with empty pages
                           past the end; "wrap": pageCount too high, pages past
                           the end start over from the first
  evil_next_uri      {pages}: nextUri is https://evil.example/...
  drop_patch_answer  int   the next N successful PATCHes are applied, then the
                           connection is reset before any byte of the answer
                           (the client cannot know whether its change landed)
  drop_publish_answer int  the same for POST .../draft/publish
  draft_exists       int   N actions (-1 all) already have a draft by another
                           editor when the client first touches their draft
  draft_step_fails   {step, status, times}: the client's draft request of that
                           step (read|create|templates|patch|publish|delete)
                           fails with status (default 500, which clients do not
                           retry) and changes nothing; times (default 1, 0 = always)
  draft_editor       {after: create|patch, then: edit|publish, count}: right
                           after the client's draft POST or PATCH, another
                           editor edits the draft (editor_field) and, with
                           then=publish, publishes it; count actions (-1 all)
Page-targeted specs: "pages": [2, 3] (empty or absent = every list page),
"times": how often it fires (0 = unlimited, default 1), "all_api": true to
target every API response, not only list pages.
"""
import copy
import threading

DEFAULTS = {
    "chunked": False,
    "connection_close": False,
    "concurrent_editor": 0,
    "editor_field": "header",
    "revoke_after": None,
    "burst_429": None,
    "fail_every": 0,
    "fail_statuses": [502, 503, 504],
    "reset_body": None,
    "stall_body": None,
    "malformed_json": None,
    "lying_page_count": 0,
    "evil_next_uri": None,
    "drop_patch_answer": 0,
    "paging_lie": None,
    "drop_publish_answer": 0,
    "draft_exists": 0,
    "draft_editor": None,
    "draft_step_fails": None,
}
DRAFT_STEPS = ("read", "create", "templates", "patch", "publish", "delete")
PAGING_LIES = ("repeat", "endless", "endless-empty", "wrap")
DRAFT_EDITOR_AFTER = ("create", "patch")
DRAFT_EDITOR_THEN = ("edit", "publish")
PAGE_FAULTS = ("reset_body", "stall_body", "malformed_json")


class Faults:
    def __init__(self):
        self.lock = threading.Lock()
        self.cfg = copy.deepcopy(DEFAULTS)
        self.api_count = 0          # API requests seen (drives every-N faults)
        self.revoke_at = None       # absolute api_count at which to revoke
        self.burst_from = None      # absolute api_count where the 429 burst starts
        self.fail_base = 0          # api_count when fail_every was set
        self.fired = {}             # page fault -> times fired
        self.edited = set()         # action ids the concurrent editor has hit
        self.edits = 0
        self.drafted = set()        # action ids given someone else's draft
        self.raced = set()          # action ids the draft editor has hit

    def update(self, changes):
        with self.lock:
            for k, v in changes.items():
                if k not in DEFAULTS:
                    raise KeyError("unknown fault %r" % k)
                _validate(k, v)
                self.cfg[k] = copy.deepcopy(DEFAULTS[k]) if v is None else v
                if k == "revoke_after":
                    self.revoke_at = None if v is None else self.api_count + int(v)
                if k == "burst_429":
                    self.burst_from = None if not v else self.api_count + int(v.get("after", 0))
                if k == "fail_every":
                    self.fail_base = self.api_count
                if k in PAGE_FAULTS:
                    self.fired.pop(k, None)
                if k == "concurrent_editor":
                    self.edited, self.edits = set(), 0
                if k == "draft_exists":
                    self.drafted = set()
                if k == "draft_editor":
                    self.raced = set()
                if k == "draft_step_fails":
                    self.fired.pop(k, None)

    def clear(self):
        with self.lock:
            self.cfg = copy.deepcopy(DEFAULTS)
            self.revoke_at = self.burst_from = None
            self.fired, self.edited, self.edits = {}, set(), 0
            self.drafted, self.raced = set(), set()

    def snapshot(self):
        with self.lock:
            d = copy.deepcopy(self.cfg)
            d["_api_count"] = self.api_count
            d["_fired"] = dict(self.fired)
            d["_editor_hits"] = sorted(self.edited)
            return d

    def get(self, k):
        with self.lock:
            return self.cfg[k]

    def next_api(self):
        """Count one API request; return (fail_status, revoke, burst_retry_after)."""
        with self.lock:
            self.api_count += 1
            n = self.api_count
            fail = None
            fe = self.cfg["fail_every"]
            rel = n - self.fail_base       # count from when the fault was set
            if fe and rel % fe == 0:
                sts = self.cfg["fail_statuses"] or [503]
                fail = sts[(rel // fe - 1) % len(sts)]
            revoke = self.revoke_at is not None and n > self.revoke_at
            if revoke:
                self.revoke_at = None
            burst = None
            b = self.cfg["burst_429"]
            if b and self.burst_from is not None and self.burst_from < n <= self.burst_from + int(b.get("count", 1)):
                burst = int(b.get("retry_after", 1))
            return fail, revoke, burst

    @staticmethod
    def _page_list(spec):
        """The pages a spec targets; [] = every page. Run-time specs may say
        "all" (or "*", "", null), one number, "2,3" or a list, like the flags."""
        pages = spec.get("pages") if isinstance(spec, dict) else None
        if pages is None or pages in ("all", "*", ""):
            return []
        if isinstance(pages, int):
            return [pages]
        if isinstance(pages, str):
            return [int(x) for x in pages.split(",")]
        return [int(x) for x in pages]

    def page_fault(self, name, page, is_list):
        """Should page-targeted fault `name` fire for this response? (consumes one shot)"""
        with self.lock:
            spec = self.cfg.get(name)
            if not spec:
                return None
            if not is_list and not spec.get("all_api"):
                return None
            pages = self._page_list(spec)
            if is_list and pages and page not in pages:
                return None
            times = spec.get("times", 1)
            fired = self.fired.get(name, 0)
            if times and fired >= times:
                return None
            self.fired[name] = fired + 1
            return spec

    def take_drop_patch_answer(self, key="drop_patch_answer"):
        """Consume one dropped answer (PATCH, or key="drop_publish_answer")."""
        with self.lock:
            n = self.cfg[key]
            if not n:
                return False
            self.cfg[key] = n - 1
            return True

    def draft_exists_should_hit(self, aid):
        with self.lock:
            n = self.cfg["draft_exists"]
            if not n or aid in self.drafted or (n > 0 and len(self.drafted) >= n):
                return False
            self.drafted.add(aid)
            return True

    def draft_editor_should_hit(self, aid, after):
        """"edit" or "publish" when the draft editor acts now, else None."""
        with self.lock:
            spec = self.cfg["draft_editor"]
            if not spec or spec.get("after", "create") != after or aid in self.raced:
                return None
            n = int(spec.get("count", 1))
            if n > 0 and len(self.raced) >= n:
                return None
            self.raced.add(aid)
            return spec.get("then", "edit")

    def draft_step_status(self, step):
        """The status the client's draft request of this step fails with, or None."""
        with self.lock:
            spec = self.cfg["draft_step_fails"]
            if not spec or spec.get("step") != step:
                return None
            times, fired = int(spec.get("times", 1)), self.fired.get("draft_step_fails", 0)
            if times and fired >= times:
                return None
            self.fired["draft_step_fails"] = fired + 1
            return int(spec.get("status", 500))

    def paging_lie(self):
        """(mode, extra pages claimed) or (None, 0)."""
        with self.lock:
            mode, extra = self.cfg["paging_lie"], int(self.cfg["lying_page_count"] or 0)
            if extra and not mode:
                mode = "repeat"
            if mode in ("repeat", "wrap") and not extra:
                extra = 10
            return mode, extra

    def evil_page(self, page):
        with self.lock:
            spec = self.cfg["evil_next_uri"]
            if not spec:
                return False
            pages = self._page_list(spec)
            return not pages or page in pages

    def editor_should_hit(self, aid):
        with self.lock:
            n = self.cfg["concurrent_editor"]
            if not n or aid in self.edited:
                return False
            if n > 0 and self.edits >= n:
                return False
            self.edited.add(aid)
            self.edits += 1
            return True


def _validate(k, v):
    """Refuse a malformed run-time fault before it is stored (KeyError -> 400)."""
    if v is None:
        return
    if k == "paging_lie" and v not in PAGING_LIES:
        raise KeyError("paging_lie must be one of %s" % ", ".join(PAGING_LIES))
    if k == "draft_step_fails" and (not isinstance(v, dict) or v.get("step") not in DRAFT_STEPS):
        raise KeyError("draft_step_fails is {step: %s, status, times}" % "|".join(DRAFT_STEPS))
    if k == "draft_editor":
        if not isinstance(v, dict) or v.get("after", "create") not in DRAFT_EDITOR_AFTER \
                or v.get("then", "edit") not in DRAFT_EDITOR_THEN:
            raise KeyError("draft_editor is {after: create|patch, then: edit|publish, count: N}")
