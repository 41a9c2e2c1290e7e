/*
 * gcheal_main.c - build/gcheal: find Genesys Cloud Data Actions whose
 * config.timeoutSeconds is too short and raise it safely.
 *
 *   gcheal [OPTIONS] scan|fix|watch        (gcheal --help for the options)
 *
 * This file wires the pieces: options (gcheal_args.c), the client secret and
 * CA bundle into static buffers, TLS (port/gch_tls_connector.c), the heal job
 * (core/gch_heal.h), the report (gcheal_output.c) and the exit status. No heap:
 * the program is linked so that any allocator call aborts.
 *
 * Exit: 0 nothing restrictive (scan) / all fixed (fix, watch); 1 scan (or fix
 * --dry-run) found restrictive actions it could fix; 2 usage or configuration;
 * 3 authentication; 4 network, TLS, HTTP or protocol failure that stopped the
 * job; 5 some restrictive actions skipped or failed; 130 scan or fix
 * interrupted by SIGINT/SIGTERM. watch: its last run's status, or 0 when a
 * signal stopped it. A signal never cuts a PATCH: the core holds cancellation
 * until the PATCH in flight is answered, verified and reported.
 *
 * Each run can leave a record for a service manager: one stderr line per watch
 * run (gcheal_journal.c) and the --status-file JSON (gcheal_status.c).
 */
#define _DEFAULT_SOURCE /* explicit_bzero */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "heal/gch_heal.h"
#include "heal/gch_heal_ctx.h"
#include "gch_posix.h"
#include "gch_tls.h"
#include "gch_tls_arena.h"
#include "gch_tls_connector.h"
#include "base/gch_version.h"
#include "gcheal_args.h"
#include "gcheal_audit.h"
#include "gcheal_board.h"
#include "gcheal_ca_store.h"
#include "gcheal_journal.h"
#include "gcheal_output.h"
#include "gcheal_proxy.h"
#include "gcheal_run.h"
#include "gcheal_status.h"
#include "gcheal_undo.h"

#define SECRET_MAX 1024u


static gch_heal_t heal;
static gch_tls_config_t tls_cfg;
static gch_tls_connector_t connector;
static gcheal_ca_store_t ca_store;
static gch_tls_trust_store_t trust;
static char secret[SECRET_MAX + 1];
static gcheal_opts_t opts;
static gcheal_out_t out;

/* The secret file: the first line, without its line ending. */
static int load_secret(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "%sgcheal: cannot open client secret file %s\n", gcheal_journal_prefix(GCHEAL_LOG_ERR),
                path);
        return -1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077) != 0) {
        fprintf(stderr, "%sgcheal: warning: client secret file %s is readable by group or others "
                        "(chmod 600 it)\n", gcheal_journal_prefix(GCHEAL_LOG_WARNING), path);
    }
    size_t n = fread(secret, 1, SECRET_MAX, f);
    int too_big = !feof(f);
    fclose(f);
    char *eol = memchr(secret, '\n', n);
    n = eol ? (size_t)(eol - secret) : n;
    while (n > 0 && (secret[n - 1] == '\r' || secret[n - 1] == ' ' || secret[n - 1] == '\t')) {
        n--;
    }
    secret[n] = '\0';
    if ((too_big && eol == NULL) || n == 0 || memchr(secret, '\0', n) != NULL) {
        explicit_bzero(secret, sizeof secret);
        fprintf(stderr, "%sgcheal: client secret file %s must hold the secret on its first line "
                        "(1 to %u bytes)\n", gcheal_journal_prefix(GCHEAL_LOG_ERR), path, SECRET_MAX);
        return -1;
    }
    return 0;
}

/* One line on stderr: what stopped, why, and what support needs to trace it. */
static void print_stop(gch_status_t st)
{
    const gch_heal_error_t *e = gch_heal_last_error(&heal);
    gcheal_out_clear_progress(&out);
    fputs(gcheal_journal_prefix(GCHEAL_LOG_ERR), stderr);
    fputs("gcheal: ", stderr);
    if (e->what[0] != '\0') {
        gcheal_text(stderr, e->what);
        fputs(": ", stderr);
    }
    fputs(gch_strerror(e->status != GCH_OK ? e->status : st), stderr);
    if (e->http_status > 0) {
        fprintf(stderr, ", HTTP %d", e->http_status);
    }
    if (e->message[0] != '\0') {
        fputs(": ", stderr);
        gcheal_text(stderr, e->message);
    }
    if (e->code[0] != '\0') {
        fputs(" (", stderr);
        gcheal_text(stderr, e->code);
        fputc(')', stderr);
    }
    if (e->correlation_id[0] != '\0') {
        fputs(", ININ-Correlation-Id ", stderr);
        gcheal_text(stderr, e->correlation_id);
    }
    fputc('\n', stderr);
    if ((e->status != GCH_OK ? e->status : st) == GCH_ERR_PERMISSION) {
        fprintf(stderr, "%sgcheal: the OAuth client's role lacks a permission. scan needs integrations:action:view "
                        "(or bridge:actions:view) and integrations:integration:view; fix also needs "
                        "integrations:action:edit (and integrations:actionFunction:view to check functions)\n",
                gcheal_journal_prefix(GCHEAL_LOG_ERR));
    }
}

/* The report of one action: recorded in the audit log (before anything else, and
 * before the job goes on to the next change), then shown. An audit log that can
 * no longer be written stops the job: no change may go unrecorded. */
static void on_action(void *user, const gch_action_report_t *r)
{
    const char *command = opts.cmd == GCHEAL_CMD_WATCH ? "watch" : opts.cmd == GCHEAL_CMD_UNDO ? "undo" : "fix";
    if (gcheal_audit_record(command, r) != 0) {
        gch_posix_request_stop();
    }
    gcheal_out_action(user, r);
}

/* One pass; fills rec (times, counts, exit status) and returns the exit status. */
static int run_once(const gch_policy_t *pol, const char *label, gcheal_run_t *rec)
{
    gch_summary_t *sum = &rec->sum;
    memset(sum, 0, sizeof *sum);
    rec->started = (int64_t)time(NULL);
    rec->next = -1;
    gcheal_out_begin_run(&out);
    gch_status_t st = gch_heal_run(&heal, pol, on_action, &out, sum);
    rec->finished = (int64_t)time(NULL);
    rec->exit_status = gch_heal_exit_code(st, sum, pol);
    if (st != GCH_OK) {
        gcheal_out_clear_progress(&out);
        if (st == GCH_ERR_CANCELLED) {
            fprintf(stderr, "%sgcheal: %s interrupted\n", gcheal_journal_prefix(GCHEAL_LOG_NOTICE), label);
        } else {
            print_stop(st);
        }
        return rec->exit_status;
    }
    if (!opts.quiet || opts.json || opts.cmd != GCHEAL_CMD_WATCH) {
        gcheal_out_summary(&out, sum, label);
    }
    return rec->exit_status;
}

static void write_status(const gcheal_run_t *rec)
{
    if (opts.status_file != NULL) {
        (void)gcheal_status_write(opts.status_file, rec); /* a failure is a warning: the job goes on */
    }
}

static int watch(const gch_policy_t *pol)
{
    gcheal_run_t rec = { .command = "watch" };
    for (uint32_t run = 1;; run++) {
        char label[48];
        snprintf(label, sizeof label, "watch run %u", run);
        rec.run = run;
        int rc = run_once(pol, label, &rec);
        bool last = rc == GCH_EXIT_INTERRUPTED || rc == GCH_EXIT_USAGE || rc == GCH_EXIT_AUTH ||
                    (opts.max_runs != 0 && run >= opts.max_runs);
        rec.next = last ? -1 : rec.finished + (int64_t)opts.interval_s;
        gcheal_journal_run(&rec);
        write_status(&rec);
        if (rc == GCH_EXIT_INTERRUPTED) {
            return GCH_EXIT_CLEAN; /* stopped between requests: a clean end of watch */
        }
        if (last) {
            return rc; /* usage and authentication would fail the same way next time */
        }
        if (gch_sleep_ms(opts.interval_s * 1000u) != 0) {
            rec.next = -1; /* stopped while waiting: no run will come */
            write_status(&rec);
            fprintf(stderr, "%sgcheal: watch stopped between runs\n", gcheal_journal_prefix(GCHEAL_LOG_NOTICE));
            return GCH_EXIT_CLEAN;
        }
    }
}

/* undo: the changes of the audit log put back one action at a time. */
static int undo(const gch_policy_t *pol)
{
    gch_summary_t sum;
    memset(&sum, 0, sizeof sum);
    gcheal_undo_t u = { opts.audit_log, opts.since[0] ? opts.since : NULL, pol, &heal, on_action, &out, &sum };
    gcheal_out_begin_run(&out);
    gch_status_t st = gcheal_undo_run(&u);
    if (st == GCH_ERR_CONFIG) {
        return GCH_EXIT_USAGE;
    }
    if (st != GCH_OK) {
        gcheal_out_clear_progress(&out);
        if (st == GCH_ERR_CANCELLED) {
            fprintf(stderr, "%sgcheal: undo interrupted\n", gcheal_journal_prefix(GCHEAL_LOG_NOTICE));
        } else {
            print_stop(st);
        }
    } else {
        gcheal_out_summary(&out, &sum, pol->dry_run ? "undo --dry-run" : "undo");
    }
    return gch_heal_exit_code(st, &sum, pol);
}

static void fill_policy(gch_policy_t *pol)
{
    pol->mode = opts.cmd == GCHEAL_CMD_SCAN ? GCH_MODE_SCAN : GCH_MODE_FIX;
    pol->dry_run = opts.dry_run;
    pol->min_timeout = opts.min_timeout;
    pol->set_timeout = opts.set_timeout;
    pol->unset_is = opts.unset_is;
    pol->names = opts.name_count > 0 ? opts.names : NULL;
    pol->name_count = opts.name_count;
    pol->category = opts.category;
    pol->integration_id = opts.integration_id;
}

/* Boards with nothing to bring up (boards/linux) keep these no-ops. */
__attribute__((weak)) int gcheal_board_start(void)
{
    return 0;
}

__attribute__((weak)) void gcheal_board_finish(void)
{
}

static int setup(void)
{
    if (opts.status_file != NULL && gcheal_status_check(opts.status_file) != 0) {
        return GCH_EXIT_USAGE;
    }
    if (opts.cmd == GCHEAL_CMD_UNDO && access(opts.audit_log, R_OK) != 0) {
        fprintf(stderr, "%sgcheal: undo: cannot read the audit log %s\n", gcheal_journal_prefix(GCHEAL_LOG_ERR),
                opts.audit_log);
        return GCH_EXIT_USAGE;
    }
    if (opts.audit_log != NULL && opts.cmd != GCHEAL_CMD_SCAN && !opts.dry_run &&
        gcheal_audit_open(opts.audit_log) != 0) {
        return GCH_EXIT_USAGE;
    }
    if (opts.verbose > 0) {
        fprintf(stderr, "gcheal: api %s:%u, login %s:%u, CA %s%s%s\n", opts.api_host, opts.api_port,
                opts.login_host, opts.login_port, opts.ca_file ? opts.ca_file : "",
                opts.ca_file && opts.ca_path ? " and " : "", opts.ca_path ? opts.ca_path : "");
        if (opts.proxy_source != NULL) {
            bool v6 = strchr(opts.proxy_host, ':') != NULL;
            fprintf(stderr, "gcheal: proxy %s%s%s:%u (%s)%s%s%s\n", v6 ? "[" : "", opts.proxy_host, v6 ? "]" : "",
                    opts.proxy_port, opts.proxy_source,
                    opts.proxy_has_credentials || opts.proxy_user_file ? ", with credentials" : "",
                    opts.no_proxy ? ", no proxy for: " : "", opts.no_proxy ? opts.no_proxy : "");
        }
    }
    if (opts.client_secret_file != NULL && load_secret(opts.client_secret_file) != 0) {
        return GCH_EXIT_USAGE;
    }
    if (gcheal_ca_store_open(&ca_store, opts.ca_file, opts.ca_path) != 0) {
        return GCH_EXIT_USAGE;
    }
    trust = gcheal_ca_store(&ca_store);
    gch_status_t st = gch_tls_config_init_store(&tls_cfg, &trust);
    if (st != GCH_OK) {
        fprintf(stderr, "%sgcheal: TLS setup: %s\n", gcheal_journal_prefix(GCHEAL_LOG_ERR), gch_strerror(st));
        return GCH_EXIT_USAGE;
    }
    gch_heal_config_t cfg = GCH_HEAL_CONFIG_DEFAULTS;
    cfg.api.api_host = opts.api_host;
    cfg.api.api_port = opts.api_port;
    cfg.api.login_host = opts.login_host;
    cfg.api.login_port = opts.login_port;
    cfg.api.client_id = opts.client_id;
    cfg.api.client_secret = opts.client_secret_file ? secret : opts.client_secret_env;
    cfg.api.io_timeout_ms = opts.io_timeout_s * 1000u;
    cfg.api.request_timeout_ms = opts.request_timeout_s * 1000u;
    cfg.page_size = opts.page_size;
    cfg.api.connector = gch_tls_connector_init(&connector, &tls_cfg, cfg.api.io_timeout_ms, false);
    if (gcheal_proxy_setup(&opts, &connector) != 0) {
        return GCH_EXIT_USAGE;
    }
    cfg.api.verbose = opts.quiet ? 0 : 1 + opts.verbose;
    st = gch_heal_init(&heal, &cfg);
    if (st != GCH_OK) {
        fprintf(stderr, "%sgcheal: configuration: %s\n", gcheal_journal_prefix(GCHEAL_LOG_ERR), gch_strerror(st));
        return GCH_EXIT_USAGE;
    }
    return GCH_EXIT_CLEAN;
}

/* -v: what the run cost on the wire and in memory. */
static void report_figures(void)
{
    uint64_t sent = 0, received = 0;
    gch_tls_connector_bytes(&connector, &sent, &received);
    const gch_proxy_t *p = gcheal_proxy_in_use();
    fprintf(stderr, "gcheal: %u TLS handshakes", connector.connects);
    if (p != NULL) {
        fprintf(stderr, " (%u through proxy tunnels, %u direct), CONNECT bytes %llu", p->tunnels, p->direct,
                (unsigned long long)p->connect_bytes);
    }
    const gch_tls_trust_stats_t *ts = gch_tls_trust_stats();
    fprintf(stderr, ", TLS bytes sent %llu received %llu, CA lookups %u (%u certificates read, %u kept), "
                    "TLS arena high-water mark %zu of %zu bytes, context %zu bytes\n",
            (unsigned long long)sent, (unsigned long long)received, ts->lookups, ts->offered, ts->matched,
            gch_tls_arena_peak(), gch_tls_arena_size(), gch_heal_context_size());
}

int main(int argc, char **argv)
{
    gcheal_journal_init();
    int rc = gcheal_parse_args(argc, argv, &opts);
    if (rc != 0 || opts.help || opts.version) {
        if (opts.help) {
            gcheal_print_usage();
        } else if (opts.version) {
            printf("gcheal %s\n", GCH_VERSION);
        }
        return rc;
    }
    gcheal_out_init(&out, stdout, opts.json, opts.verbose, opts.quiet, isatty(STDERR_FILENO) != 0);
    gch_posix_install_signals();
    rc = gcheal_board_start();
    if (rc != GCH_EXIT_CLEAN) {
        return rc;
    }
    rc = setup();
    if (rc == GCH_EXIT_CLEAN) {
        gch_policy_t pol = GCH_POLICY_DEFAULTS;
        fill_policy(&pol);
        const char *label = opts.cmd == GCHEAL_CMD_SCAN ? "scan" : opts.dry_run ? "fix --dry-run" : "fix";
        if (opts.cmd == GCHEAL_CMD_WATCH) {
            rc = watch(&pol);
        } else if (opts.cmd == GCHEAL_CMD_UNDO) {
            rc = undo(&pol);
        } else {
            gcheal_run_t rec = { .command = opts.cmd == GCHEAL_CMD_SCAN ? "scan" : "fix", .run = 1 };
            rc = run_once(&pol, label, &rec);
            write_status(&rec);
        }
        if (opts.verbose > 0) {
            report_figures();
        }
        gch_heal_finish(&heal);
    }
    gch_tls_connector_close_all(&connector);
    gch_tls_config_free(&tls_cfg);
    gcheal_audit_close();
    explicit_bzero(secret, sizeof secret);
    gcheal_proxy_finish();
    gcheal_board_finish();
    fflush(stdout);
    return rc;
}
