/*
 * gcheal_output.c - the report of build/gcheal (JSON lines or a table).
 *
 * Rows stream out as the core reports each action, so the table cannot size
 * its columns from the data: the columns are fixed and a long name is cut at
 * a character boundary with an ellipsis. Widths count characters, not bytes.
 */
#include "gcheal_output.h"

#include <string.h>

#define NAME_COLS 40
#define CATEGORY_COLS 26

/* Length of the valid UTF-8 sequence at p (1..4), or 0 when p starts an
 * invalid one (stray continuation, overlong form, surrogate, > U+10FFFF). */
static size_t utf8_len(const unsigned char *p)
{
    unsigned c = p[0];
    size_t n;
    unsigned min;
    if (c < 0x80) {
        return 1;
    } else if (c >= 0xc2 && c <= 0xdf) {
        n = 2, min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3, min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4, min = 0x10000;
    } else {
        return 0;
    }
    unsigned cp = c & (0x3fu >> (n - 1));
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (p[i] & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return 0;
    }
    return n;
}

void gcheal_json_string(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0') {
        size_t n = utf8_len(p);
        if (n == 0) {
            fputs("\\ufffd", f);
            p++;
            continue;
        }
        unsigned c = *p;
        if (n == 3 && c == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
            fprintf(f, "\\u%04x", 0x2000u + (p[2] & 0x3fu)); /* U+2028/2029 break "lines" */
        } else if (c == '"' || c == '\\') {
            fputc('\\', f);
            fputc((int)c, f);
        } else if (c < 0x20) {
            static const char short_form[] = "btn\0fr"; /* \b=8 \t=9 \n=10 \f=12 \r=13 */
            if (c >= 8 && c <= 13 && short_form[c - 8] != '\0') {
                fputc('\\', f);
                fputc(short_form[c - 8], f);
            } else {
                fprintf(f, "\\u%04x", c);
            }
        } else {
            fwrite(p, 1, n, f);
        }
        p += n;
    }
}

static void json_member(FILE *f, const char *key, const char *value, bool last)
{
    fprintf(f, "\"%s\":\"", key);
    gcheal_json_string(f, value ? value : "");
    fputs(last ? "\"" : "\",", f);
}

static void json_action(FILE *f, const gch_action_report_t *r)
{
    fputc('{', f);
    json_member(f, "id", r->id, false);
    json_member(f, "name", r->name, false);
    json_member(f, "category", r->category, false);
    json_member(f, "integrationId", r->integration_id, false);
    if (r->timeout >= 0) {
        fprintf(f, "\"timeoutSeconds\":%lld,", (long long)r->timeout);
    } else {
        fputs("\"timeoutSeconds\":null,", f);
    }
    fprintf(f, "\"status\":\"%s\",", gch_result_name(r->result));
    bool changes = r->result == GCH_RESULT_RESTRICTIVE || r->result == GCH_RESULT_FIXED ||
                   r->result == GCH_RESULT_WOULD_FIX;
    if (changes && r->new_timeout > 0) {
        fprintf(f, "\"newTimeoutSeconds\":%lld,", (long long)r->new_timeout);
    }
    if (r->result == GCH_RESULT_FAILED && r->http_status > 0) {
        fprintf(f, "\"httpStatus\":%d,", r->http_status);
    }
    if (r->result == GCH_RESULT_FAILED && r->correlation_id != NULL && r->correlation_id[0] != '\0') {
        json_member(f, "correlationId", r->correlation_id, false);
    }
    if (r->method != GCH_METHOD_NONE) {
        json_member(f, "method", gch_method_name(r->method), false);
    }
    json_member(f, "reason", r->reason, true);
    fputs("}\n", f);
}

/* Prints s in exactly cols characters: cut with "…" or padded with spaces
 * (cols 0: as it is). Invalid UTF-8 bytes show as '?', control characters as
 * spaces: nothing from the server can move a terminal's cursor. */
static void cell(FILE *f, const char *s, size_t cols)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t chars = 0;
    for (const unsigned char *q = p; *q != '\0'; chars++) {
        size_t n = utf8_len(q);
        q += n ? n : 1;
    }
    if (cols == 0) {
        cols = chars;
    }
    size_t shown = chars <= cols ? chars : cols - 1;
    for (size_t i = 0; i < shown; i++) {
        size_t n = utf8_len(p);
        unsigned char c = *p;
        if (n == 0 || c < 0x20 || c == 0x7f) {
            fputc(n == 0 ? '?' : ' ', f); /* no control characters on a terminal */
            p++;
        } else {
            fwrite(p, 1, n, f);
            p += n;
        }
    }
    if (shown < chars) {
        fputs("\xe2\x80\xa6", f);
        shown++;
    }
    for (; shown < cols; shown++) {
        fputc(' ', f);
    }
}

static void seconds(char *out, size_t cap, int64_t v)
{
    if (v < 0) {
        snprintf(out, cap, "unset");
    } else {
        snprintf(out, cap, "%llds", (long long)v);
    }
}

static void table_row(gcheal_out_t *o, const gch_action_report_t *r)
{
    FILE *f = o->out;
    if (!o->header_done) {
        fprintf(f, "%-12s %7s %5s  %-*s  %-*s  %s\n", "STATUS", "TIMEOUT", "NEW", NAME_COLS, "NAME",
                CATEGORY_COLS, "CATEGORY", "NOTE");
        o->header_done = true;
    }
    char now[24], next[24] = "-";
    seconds(now, sizeof now, r->timeout);
    if (r->result == GCH_RESULT_RESTRICTIVE || r->result == GCH_RESULT_FIXED ||
        r->result == GCH_RESULT_WOULD_FIX) {
        seconds(next, sizeof next, r->new_timeout);
    }
    fprintf(f, "%-12s %7s %5s  ", gch_result_name(r->result), now, next);
    cell(f, r->name, NAME_COLS);
    bool note = (r->reason != NULL && r->reason[0] != '\0') || o->verbose > 0 ||
                (r->result == GCH_RESULT_FAILED && r->http_status > 0);
    fputs("  ", f);
    cell(f, r->category, note ? CATEGORY_COLS : 0); /* no trailing blanks */
    if (note) {
        fputs("  ", f);
    }
    cell(f, r->reason, 0);
    if (r->result == GCH_RESULT_FAILED && r->http_status > 0) {
        fprintf(f, " [HTTP %d", r->http_status);
        if (r->correlation_id != NULL && r->correlation_id[0] != '\0') {
            fputs(", correlation id ", f);
            cell(f, r->correlation_id, 0);
        }
        fputc(']', f);
    }
    if (o->verbose > 0) {
        fputs(" [id ", f);
        cell(f, r->id, 0);
        fputc(']', f);
    }
    fputc('\n', f);
}

void gcheal_out_init(gcheal_out_t *o, FILE *out, bool json, int verbose, bool quiet, bool progress)
{
    memset(o, 0, sizeof *o);
    o->out = out;
    o->json = json;
    o->verbose = verbose;
    o->quiet = quiet;
    o->progress = progress && !quiet;
}

void gcheal_out_begin_run(gcheal_out_t *o)
{
    memset(o->count, 0, sizeof o->count);
    o->header_done = false;
}

void gcheal_out_clear_progress(gcheal_out_t *o)
{
    if (o->progress_shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        o->progress_shown = false;
    }
}

static uint32_t total(const gcheal_out_t *o)
{
    uint32_t n = 0;
    for (size_t i = 0; i <= GCH_RESULT_FAILED; i++) {
        n += o->count[i];
    }
    return n;
}

void gcheal_out_action(void *user, const gch_action_report_t *r)
{
    gcheal_out_t *o = user;
    if ((unsigned)r->result <= GCH_RESULT_FAILED) {
        o->count[r->result]++;
    }
    bool shown = o->json || (!o->quiet && (r->result != GCH_RESULT_OK || o->verbose > 0));
    if (shown) {
        gcheal_out_clear_progress(o);
        if (o->json) {
            json_action(o->out, r);
        } else {
            table_row(o, r);
        }
        fflush(o->out);
    }
    if (o->progress) {
        fprintf(stderr, "\r  %u actions examined...", total(o));
        fflush(stderr);
        o->progress_shown = true;
    }
}

void gcheal_out_summary(gcheal_out_t *o, const gch_summary_t *s, const char *label)
{
    gcheal_out_clear_progress(o);
    if (o->json) {
        fprintf(o->out, "{\"summary\":{\"examined\":%u,\"restrictive\":%u,\"fixed\":%u,"
                        "\"skipped\":%u,\"failed\":%u}}\n",
                s->examined, s->restrictive, s->fixed, s->skipped, s->failed);
    } else if (strncmp(label, "undo", 4) == 0) {
        fprintf(o->out, "%s%s: %u logged changes, %u put back, %u would be put back, %u left alone, %u failed "
                        "(%u requests, %u PATCH)\n",
                o->header_done ? "\n" : "", label, s->examined, s->fixed, o->count[GCH_RESULT_WOULD_FIX], s->skipped,
                s->failed, s->requests, s->patches);
    } else {
        fprintf(o->out, "%s%s: %u examined, %u restrictive, %u fixed", o->header_done ? "\n" : "", label,
                s->examined, s->restrictive, s->fixed);
        if (o->count[GCH_RESULT_WOULD_FIX] > 0) {
            fprintf(o->out, ", %u would be fixed", o->count[GCH_RESULT_WOULD_FIX]);
        }
        fprintf(o->out, ", %u skipped, %u failed (%u pages, %u requests, %u PATCH)\n", s->skipped,
                s->failed, s->pages, s->requests, s->patches);
        if (o->verbose > 0 && s->fixed > 0) {
            fprintf(o->out, "    %.1f requests per fixed action (%u for %u fixed)\n",
                    (double)s->fix_requests / (double)s->fixed, s->fix_requests, s->fixed);
        }
    }
    fflush(o->out);
}

void gcheal_text(FILE *f, const char *s)
{
    cell(f, s, 0);
}
