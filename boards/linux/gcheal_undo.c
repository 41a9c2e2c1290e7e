/*
 * gcheal_undo.c - `gcheal undo`: put back the timeouts an audit log says gcheal
 * changed (gcheal_undo.h).
 *
 * Two passes over the log with one fixed line buffer and no heap. The first
 * finds, for each action, its latest line (a table of id hashes, so memory does
 * not grow with the log's length). The second reverts each action whose latest
 * line is a change gcheal made and verified ("fixed" by fix or watch) and that
 * matches --since and --name; an action whose latest line is an undo is already
 * back, and one whose latest change failed holds nothing gcheal knows it wrote.
 * The core reverts only an action that still holds the value gcheal wrote.
 */
#define _DEFAULT_SOURCE
#include "gcheal_undo.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/gch_hash.h"
#include "gcheal_journal.h"
#include "json/gch_json_doc.h"
#include "json/gch_json_path.h"

#define LINE_CAP 16384u
#define TOKENS 128u
#define SLOTS (1u << 17) /* actions remembered: a log with more distinct ids is refused */

/* One action's latest line: the id's hash (0 = free slot) and the line's number (1-based). */
static struct slot {
    uint64_t id;
    uint32_t line;
} table[SLOTS];

static char buf[LINE_CAP];
static jsmntok_t tok[TOKENS];

/* The fields of one line that undo reads. */
typedef struct {
    char time[32], command[16], outcome[16];
    char id[GCH_ID_MAX], name[GCH_NAME_MAX], integration[GCH_ID_MAX];
    int64_t old_timeout, new_timeout; /* -1: null */
} entry_t;

static entry_t entry;

static void text(const gch_json_doc_t *d, const char *key, char *out, size_t cap)
{
    int t;
    size_t len;
    out[0] = '\0';
    if (gch_json_member(d, 0, key, &t) != GCH_OK || gch_json_get_string(d, t, out, cap, &len) != GCH_OK) {
        out[0] = '\0';
    }
}

static bool number(const gch_json_doc_t *d, const char *key, int64_t *v)
{
    int t;
    if (gch_json_member(d, 0, key, &t) != GCH_OK) {
        return false;
    }
    if (gch_json_is_null(d, t)) {
        *v = -1;
        return true;
    }
    return gch_json_get_i64(d, t, v) == GCH_OK && *v >= 0;
}

/* Parses one line into entry; false for a line that is not one of ours (skipped). */
static bool parse(const char *line, size_t len)
{
    gch_json_doc_t d;
    if (gch_json_doc_parse(&d, line, len, tok, TOKENS) != GCH_OK || gch_json_type(&d, 0) != GCH_JSON_OBJECT) {
        return false;
    }
    text(&d, "time", entry.time, sizeof entry.time);
    text(&d, "command", entry.command, sizeof entry.command);
    text(&d, "outcome", entry.outcome, sizeof entry.outcome);
    text(&d, "id", entry.id, sizeof entry.id);
    text(&d, "name", entry.name, sizeof entry.name);
    text(&d, "integrationId", entry.integration, sizeof entry.integration);
    return entry.id[0] != '\0' && number(&d, "oldTimeoutSeconds", &entry.old_timeout) &&
           number(&d, "newTimeoutSeconds", &entry.new_timeout);
}

static struct slot *find(uint64_t id, bool *fresh)
{
    id = id != 0 ? id : 1; /* 0 marks a free slot */
    for (uint32_t i = (uint32_t)(id % SLOTS), n = 0; n < SLOTS; i = (i + 1u) % SLOTS, n++) {
        if (table[i].id == id || table[i].id == 0) {
            *fresh = table[i].id == 0;
            table[i].id = id;
            return &table[i];
        }
    }
    return NULL;
}

static uint64_t hash_id(const char *id)
{
    return gch_hash_bytes(GCH_HASH_INIT, id, strlen(id));
}

/* Calls fn(line number, bytes, length) for every line of the log. */
typedef int (*line_fn)(uint32_t number, const char *line, size_t len, void *ctx);

static int each_line(const char *path, line_fn fn, void *ctx)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "%sgcheal: audit log %s: %s\n", gcheal_journal_prefix(GCHEAL_LOG_ERR), path, strerror(errno));
        return -1;
    }
    uint32_t number = 0;
    int rc = 0;
    while (rc == 0 && fgets(buf, sizeof buf, f) != NULL) {
        size_t len = strlen(buf);
        number++;
        if (len > 0 && buf[len - 1] != '\n' && !feof(f)) { /* longer than the buffer: not one of ours */
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n') {
            }
            continue;
        }
        while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) {
            len--;
        }
        rc = fn(number, buf, len, ctx);
    }
    fclose(f);
    return rc;
}

static int latest(uint32_t number, const char *line, size_t len, void *ctx)
{
    (void)ctx;
    if (!parse(line, len)) {
        return 0; /* a torn or foreign line: never acted on */
    }
    bool fresh;
    struct slot *s = find(hash_id(entry.id), &fresh);
    if (s == NULL) {
        fprintf(stderr, "%sgcheal: undo: the audit log names more than %u actions: narrow it with --since or "
                        "--name\n",
                gcheal_journal_prefix(GCHEAL_LOG_ERR), SLOTS - 1u);
        return -1;
    }
    s->line = number;
    return 0;
}

typedef struct {
    const gcheal_undo_t *u;
    int stop;
} revert_ctx_t;

static bool selected(const gcheal_undo_t *u)
{
    bool made = strcmp(entry.outcome, "fixed") == 0 &&
                (strcmp(entry.command, "fix") == 0 || strcmp(entry.command, "watch") == 0);
    if (!made || (u->since != NULL && strcmp(entry.time, u->since) < 0)) {
        return false;
    }
    if (u->name_count == 0) {
        return true;
    }
    for (size_t i = 0; i < u->name_count; i++) {
        if (strcmp(u->names[i], entry.name) == 0) {
            return true;
        }
    }
    return false;
}

static int revert(uint32_t number, const char *line, size_t len, void *ctx)
{
    revert_ctx_t *c = ctx;
    if (!parse(line, len)) {
        return 0;
    }
    bool fresh;
    struct slot *s = find(hash_id(entry.id), &fresh);
    if (s == NULL || s->line != number || !selected(c->u)) {
        return 0; /* a later line speaks for this action, or it is not ours to undo */
    }
    gch_revert_t rv = { entry.id, entry.name, entry.integration, entry.new_timeout, entry.old_timeout };
    gch_status_t st = c->u->one(c->u->ctx, &rv);
    if (st != GCH_OK) {
        c->stop = 1;
        return -1;
    }
    return 0;
}

int gcheal_undo_run(const gcheal_undo_t *u)
{
    memset(table, 0, sizeof table);
    if (each_line(u->log_path, latest, NULL) != 0) {
        return -1;
    }
    revert_ctx_t c = { u, 0 };
    int rc = each_line(u->log_path, revert, &c);
    return c.stop ? 1 : rc;
}

bool gcheal_undo_valid_time(const char *s, char *out, size_t cap)
{
    /* YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, digits where digits belong. */
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    size_t n = strlen(s);
    if ((n != 10 && n != 20) || cap < 21) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        bool digit = s[i] >= '0' && s[i] <= '9';
        if (shape[i] == 'd' ? !digit : s[i] != shape[i]) {
            return false;
        }
    }
    snprintf(out, cap, "%s%s", s, n == 10 ? "T00:00:00Z" : "");
    return true;
}
