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

static bool timeout_field(const gch_json_doc_t *d, const char *key, int64_t *v)
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
    return entry.id[0] != '\0' && timeout_field(&d, "oldTimeoutSeconds", &entry.old_timeout) &&
           timeout_field(&d, "newTimeoutSeconds", &entry.new_timeout);
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

/* The next line of the log into buf (without its line end); false at the end.
 * A line longer than the buffer is not one of ours: it is skipped. */
static bool next_line(FILE *f, uint32_t *number, size_t *len)
{
    while (fgets(buf, sizeof buf, f) != NULL) {
        size_t n = strlen(buf);
        ++*number;
        if (n > 0 && buf[n - 1] != '\n' && !feof(f)) {
            int c;
            while ((c = fgetc(f)) != EOF && c != '\n') {
            }
            continue;
        }
        while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) {
            n--;
        }
        *len = n;
        return true;
    }
    return false;
}

static FILE *open_log(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "%sgcheal: audit log %s: %s\n", gcheal_journal_prefix(GCHEAL_LOG_ERR), path, strerror(errno));
    }
    return f;
}

/* Pass 1: the latest line of every action. */
static gch_status_t find_latest(const char *path)
{
    FILE *f = open_log(path);
    if (f == NULL) {
        return GCH_ERR_CONFIG;
    }
    uint32_t number = 0;
    size_t len;
    gch_status_t st = GCH_OK;
    while (st == GCH_OK && next_line(f, &number, &len)) {
        if (!parse(buf, len)) {
            continue; /* a torn or foreign line: never acted on */
        }
        bool fresh;
        struct slot *s = find(hash_id(entry.id), &fresh);
        if (s == NULL) {
            fprintf(stderr,
                    "%sgcheal: undo: the audit log names more than %u actions: narrow it with --since or --name\n",
                    gcheal_journal_prefix(GCHEAL_LOG_ERR), SLOTS - 1u);
            st = GCH_ERR_CONFIG;
        } else {
            s->line = number;
        }
    }
    fclose(f);
    return st;
}

static bool selected(const gcheal_undo_t *u)
{
    const gch_policy_t *pol = u->pol;
    bool made = strcmp(entry.outcome, "fixed") == 0 &&
                (strcmp(entry.command, "fix") == 0 || strcmp(entry.command, "watch") == 0);
    if (!made || (u->since != NULL && strcmp(entry.time, u->since) < 0)) {
        return false;
    }
    if (pol->name_count == 0) {
        return true;
    }
    for (size_t i = 0; i < pol->name_count; i++) {
        if (strcmp(pol->names[i], entry.name) == 0) {
            return true;
        }
    }
    return false;
}

gch_status_t gcheal_undo_run(const gcheal_undo_t *u)
{
    memset(table, 0, sizeof table);
    gch_status_t st = find_latest(u->log_path);
    FILE *f = st == GCH_OK ? open_log(u->log_path) : NULL;
    if (f == NULL) {
        return GCH_ERR_CONFIG;
    }
    /* Pass 2: revert each action whose latest line is a change gcheal made. The
     * lines undo appends meanwhile are read too, but none is an action's latest. */
    uint32_t number = 0;
    size_t len;
    while (st == GCH_OK && next_line(f, &number, &len)) {
        bool fresh;
        struct slot *s = parse(buf, len) ? find(hash_id(entry.id), &fresh) : NULL;
        if (s == NULL || s->line != number || !selected(u)) {
            continue;
        }
        if (entry.old_timeout == entry.new_timeout || entry.old_timeout == 0 ||
            entry.old_timeout > (int64_t)GCH_ACTION_TIMEOUT_MAX) {
            fprintf(stderr, "%sgcheal: undo: line %u of the audit log holds no timeout to put back; skipped\n",
                    gcheal_journal_prefix(GCHEAL_LOG_WARNING), number);
            continue;
        }
        gch_revert_t rv = { entry.id, entry.name, entry.integration, entry.new_timeout, entry.old_timeout };
        st = gch_heal_revert(u->heal, &rv, u->pol, u->report, u->user, u->sum);
    }
    fclose(f);
    return st;
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
