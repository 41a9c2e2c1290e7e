/*
 * gch_fw_main.c - the gcheal firmware for MPS2 AN386: one scan or fix pass
 * against the configured org, the report on the console, and the gcheal
 * CLI's exit status handed to the host (startup.S passes our return value to
 * semihosting's exit).
 *
 * Wiring only: clock, network (lwIP on the LAN9118), TLS with the compiled-in
 * CA and the static arena, the heal job, the report, and the RAM high-water
 * marks of the run (stack and arena, both painted).
 */
#include <string.h>

#include "gch_board.h"
#include "gch_fw_args.h"
#include "gch_fw_ca.h"
#include "gch_tls_connector.h"
#include "gch_fw_report.h"
#include "heal/gch_heal.h"
#include "heal/gch_heal_ctx.h"
#include "gch_semihost.h"
#include "gch_tls.h"
#include "gch_tls_arena.h"
#include "base/gch_version.h"


#define SECRET_MAX 256u

static gch_heal_t heal;
static gch_tls_config_t tls_cfg;
static gch_tls_connector_t connector;
static gch_fw_report_t report;
static gch_fw_args_t args;
static char cmdline[512];
static char secret[SECRET_MAX + 1];

int gch_fw_main(void);

/* The secret file's first line, read from the host through semihosting. */
static int load_secret(const char *path)
{
    int h = gch_semihost_open_read(path);
    if (h < 0) {
        gch_fw_printf(2, "gcheal: cannot open client secret file %s\n", path);
        return -1;
    }
    long n = gch_semihost_read(h, secret, SECRET_MAX);
    gch_semihost_close(h);
    size_t len = n > 0 ? (size_t)n : 0;
    char *eol = memchr(secret, '\n', len);
    len = eol != NULL ? (size_t)(eol - secret) : len;
    while (len > 0 && (secret[len - 1] == '\r' || secret[len - 1] == ' ')) {
        len--;
    }
    secret[len] = '\0';
    if (len == 0) {
        gch_fw_printf(2, "gcheal: client secret file %s has no secret on its first line\n", path);
        return -1;
    }
    return 0;
}

static int setup(void)
{
    if (load_secret(args.client_secret_file) != 0) {
        return GCH_EXIT_USAGE;
    }
    if (gch_board_net_init() != 0) {
        gch_fw_printf(2, "gcheal: the LAN9118 did not come up\n");
        return GCH_EXIT_FAILURE;
    }
    gch_board_arena_paint();
    gch_status_t st = gch_tls_config_init(&tls_cfg, gch_fw_ca, gch_fw_ca_len);
    if (st != GCH_OK) {
        gch_fw_printf(2, "gcheal: CA %s: %s\n", gch_fw_ca_name, gch_strerror(st));
        return GCH_EXIT_USAGE;
    }
    gch_heal_config_t cfg = GCH_HEAL_CONFIG_DEFAULTS;
    cfg.api.api_host = args.api_host;
    cfg.api.api_port = args.api_port;
    cfg.api.login_host = args.login_host;
    cfg.api.login_port = args.login_port;
    cfg.api.client_id = args.client_id;
    cfg.api.client_secret = secret;
    cfg.api.connector = gch_tls_connector_init(&connector, &tls_cfg, cfg.api.io_timeout_ms, true); /* one session: RAM */
    cfg.api.verbose = 1 + args.verbose;
    st = gch_heal_init(&heal, &cfg);
    if (st != GCH_OK) {
        gch_fw_printf(2, "gcheal: configuration: %s\n", gch_strerror(st));
        return GCH_EXIT_USAGE;
    }
    return GCH_EXIT_CLEAN;
}

static int run(void)
{
    gch_policy_t pol = GCH_POLICY_DEFAULTS;
    pol.mode = args.fix ? GCH_MODE_FIX : GCH_MODE_SCAN;
    pol.dry_run = args.dry_run;
    pol.min_timeout = args.min_timeout;
    pol.set_timeout = args.set_timeout;
    pol.unset_is = args.unset_is;
    const char *label = !args.fix ? "scan" : args.dry_run ? "fix --dry-run" : "fix";
    gch_summary_t sum;
    memset(&sum, 0, sizeof sum);
    report.verbose = args.verbose;
    gch_status_t st = gch_heal_run(&heal, &pol, gch_fw_report_action, &report, &sum);
    if (st != GCH_OK) {
        gch_fw_report_stop(gch_heal_last_error(&heal), st);
        return gch_heal_exit_code(st, &sum, &pol);
    }
    gch_fw_report_summary(&sum, label);
    return gch_heal_exit_code(st, &sum, &pol);
}

int gch_fw_main(void)
{
    gch_board_clock_init();
    if (gch_semihost_cmdline(cmdline, sizeof cmdline) < 0) {
        cmdline[0] = '\0';
    }
    int rc = gch_fw_args_parse(cmdline, &args);
    if (rc != 0) {
        return rc;
    }
    gch_fw_printf(2, "gcheal %s firmware (MPS2 AN386, Cortex-M4): api %s:%u, login %s:%u, CA %s\n",
                  GCH_VERSION, args.api_host, args.api_port, args.login_host, args.login_port,
                  gch_fw_ca_name);
    rc = setup();
    if (rc == GCH_EXIT_CLEAN) {
        rc = run();
        gch_heal_finish(&heal);
    }
    gch_tls_connector_close_all(&connector);
    gch_tls_config_free(&tls_cfg);
    memset(secret, 0, sizeof secret);
    /* The figures docs/SIZE.md quotes; the test reads them from this line. */
    gch_fw_printf(2, "gcheal: memory: stack high-water %u of %u bytes, TLS arena high-water %u of %u "
                     "bytes, heal context %u bytes, %u TLS handshakes\n",
                  (unsigned)gch_board_stack_peak(), (unsigned)gch_board_stack_size(),
                  (unsigned)gch_board_arena_peak(), (unsigned)gch_tls_arena_size(),
                  (unsigned)gch_heal_context_size(), (unsigned)connector.connects);
    return rc;
}
