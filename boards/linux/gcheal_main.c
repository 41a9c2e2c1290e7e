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
 * interrupted by SIGINT/SIGTERM.
 */
#define _DEFAULT_SOURCE /* explicit_bzero */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "heal/gch_heal.h"
#include "heal/gch_heal_ctx.h"
#include "gch_posix.h"
#include "gch_tls.h"
#include "gch_tls_arena.h"
#include "gch_tls_connector.h"
#include "base/gch_version.h"
#include "gcheal_args.h"
#include "gcheal_board.h"
#include "gcheal_output.h"

#define CA_MAX (1024u * 1024u)
#define SECRET_MAX 1024u


static gch_heal_t heal;
static gch_tls_config_t tls_cfg;
static gch_tls_connector_t connector;
static uint8_t ca_pem[CA_MAX + 1];
static char secret[SECRET_MAX + 1];
static gcheal_opts_t opts;
static gcheal_out_t out;

static int load_ca(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "gcheal: cannot open CA file %s\n", path);
        return -1;
    }
    size_t n = fread(ca_pem, 1, CA_MAX, f);
    int too_big = !feof(f);
    fclose(f);
    if (too_big) {
        fprintf(stderr, "gcheal: CA file %s is over %u bytes\n", path, CA_MAX);
        return -1;
    }
    ca_pem[n] = 0;
    *len = n + 1; /* Mbed TLS wants PEM with its terminating NUL */
    return 0;
}

/* The secret file: the first line, without its line ending. */
static int load_secret(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "gcheal: cannot open client secret file %s\n", path);
        return -1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077) != 0) {
        fprintf(stderr, "gcheal: warning: client secret file %s is readable by group or others "
                        "(chmod 600 it)\n", path);
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
        fprintf(stderr, "gcheal: client secret file %s must hold the secret on its first line "
                        "(1 to %u bytes)\n", path, SECRET_MAX);
        return -1;
    }
    return 0;
}

/* One line on stderr: what stopped, why, and what support needs to trace it. */
static void print_stop(gch_status_t st)
{
    const gch_heal_error_t *e = gch_heal_last_error(&heal);
    gcheal_out_clear_progress(&out);
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
}

/* One pass; returns its exit status. */
static int run_once(const gch_policy_t *pol, const char *label)
{
    gch_summary_t sum;
    memset(&sum, 0, sizeof sum);
    gcheal_out_begin_run(&out);
    gch_status_t st = gch_heal_run(&heal, pol, gcheal_out_action, &out, &sum);
    if (st != GCH_OK) {
        gcheal_out_clear_progress(&out);
        if (st == GCH_ERR_CANCELLED) {
            fprintf(stderr, "gcheal: %s interrupted\n", label);
        } else {
            print_stop(st);
        }
        return gch_heal_exit_code(st, &sum, pol);
    }
    if (!opts.quiet || opts.json || opts.cmd != GCHEAL_CMD_WATCH) {
        gcheal_out_summary(&out, &sum, label);
    }
    return gch_heal_exit_code(st, &sum, pol);
}

static int watch(const gch_policy_t *pol)
{
    for (uint32_t run = 1;; run++) {
        char label[48];
        snprintf(label, sizeof label, "watch run %u", run);
        int rc = run_once(pol, label);
        if (rc == GCH_EXIT_INTERRUPTED) {
            return GCH_EXIT_CLEAN; /* stopped between actions: a clean end of watch */
        }
        if (rc == GCH_EXIT_USAGE || rc == GCH_EXIT_AUTH) {
            return rc; /* would fail the same way next time */
        }
        if (opts.max_runs != 0 && run >= opts.max_runs) {
            return rc;
        }
        if (gch_sleep_ms(opts.interval_s * 1000u) != 0) {
            return GCH_EXIT_CLEAN;
        }
    }
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
    if (opts.verbose > 0) {
        fprintf(stderr, "gcheal: api %s:%u, login %s:%u, CA %s\n", opts.api_host, opts.api_port,
                opts.login_host, opts.login_port, opts.ca_file);
    }
    if (opts.client_secret_file != NULL && load_secret(opts.client_secret_file) != 0) {
        return GCH_EXIT_USAGE;
    }
    size_t ca_len = 0;
    if (load_ca(opts.ca_file, &ca_len) != 0) {
        return GCH_EXIT_USAGE;
    }
    gch_status_t st = gch_tls_config_init(&tls_cfg, ca_pem, ca_len);
    if (st != GCH_OK) {
        fprintf(stderr, "gcheal: CA file %s: %s\n", opts.ca_file, gch_strerror(st));
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
    cfg.api.verbose = opts.quiet ? 0 : 1 + opts.verbose;
    st = gch_heal_init(&heal, &cfg);
    if (st != GCH_OK) {
        fprintf(stderr, "gcheal: configuration: %s\n", gch_strerror(st));
        return GCH_EXIT_USAGE;
    }
    return GCH_EXIT_CLEAN;
}

int main(int argc, char **argv)
{
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
        rc = opts.cmd == GCHEAL_CMD_WATCH ? watch(&pol) : run_once(&pol, label);
        if (opts.verbose > 0) {
            fprintf(stderr, "gcheal: %u TLS handshakes, TLS arena high-water mark %zu of %zu bytes, "
                            "context %zu bytes\n", connector.connects, gch_tls_arena_peak(),
                    gch_tls_arena_size(), gch_heal_context_size());
        }
        gch_heal_finish(&heal);
    }
    gch_tls_connector_close_all(&connector);
    gch_tls_config_free(&tls_cfg);
    explicit_bzero(secret, sizeof secret);
    gcheal_board_finish();
    fflush(stdout);
    return rc;
}
