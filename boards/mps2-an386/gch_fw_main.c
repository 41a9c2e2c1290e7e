/*
 * gch_fw_main.c - the gcheal firmware for MPS2 AN386: a device that keeps an
 * org's Data Action timeouts healthy for as long as it is powered.
 *
 * Boot: clock and console, why the last boot ended, the provisioned record
 * and its CA (the record's or the built-in one): a blank or bad record stops
 * here, in the "not provisioned" state, before any frame is sent. Then the
 * watchdog, lwIP with DHCP, the heal context. Then the watch loop forever.
 *
 * Test harness only: QEMU's semihosting command line may say "--cycles N";
 * after N runs (or at once when not provisioned) main returns the last run's
 * exit status and startup.S hands it to the host. A real board has no
 * semihosting and never returns.
 */
#include <stdbool.h>
#include <string.h>

#include "base/gch_version.h"
#include "gch_board.h"
#include "gch_fw_ca.h"
#include "gch_fw_loop.h"
#include "gch_fw_record.h"
#include "gch_fw_report.h"
#include "gch_port.h"
#include "gch_semihost.h"
#include "gch_tls.h"
#include "gch_tls_arena.h"
#include "gch_tls_connector.h"
#include "heal/gch_heal.h"
#include "heal/gch_heal_ctx.h"

#define FIRST_LEASE_MS 30000u

extern const uint8_t __gch_config_start[], __gch_config_end[];

static gch_heal_t heal;
static gch_tls_config_t tls_cfg;
static gch_tls_connector_t connector;
static gch_fw_settings_t settings;
static gch_fw_loop_t loop;

int gch_fw_main(void);

/* "--cycles N" from the test harness, else 0 (run forever). */
static uint32_t test_cycles(void)
{
    static char cmdline[96];
    if (gch_semihost_cmdline(cmdline, sizeof cmdline) < 0) {
        return 0;
    }
    const char *p = strstr(cmdline, "--cycles ");
    uint32_t n = 0;
    for (p = p != NULL ? p + 9 : ""; *p >= '0' && *p <= '9' && n < 100000u; p++) {
        n = n * 10u + (uint32_t)(*p - '0');
    }
    return n;
}

/* Nothing to do without a record: say why (again every minute, for a
 * console attached later), send nothing, wait for a provisioning tool (or,
 * under the harness, end after two seconds). */
static int not_provisioned(const char *why, uint32_t cycles)
{
    uint64_t start = gch_clock_ms(), said = 0;
    for (bool first = true; cycles == 0 || gch_clock_ms() < start + 2000u; first = false) {
        if (first || gch_clock_ms() >= said + 60000u) {
            said = gch_clock_ms();
            gch_fw_printf("gcheal: not provisioned: %s\n", why);
            gch_fw_printf("gcheal: waiting; no network traffic until a valid record is written "
                          "(boards/mps2-an386/provision.py)\n");
        }
        __asm__ volatile("wfi");
    }
    return GCH_EXIT_USAGE;
}

static void describe_settings(const gch_fw_settings_t *s)
{
    static const char *const modes[] = { "scan", "fix", "fix --dry-run" };
    if (s->region != NULL) {
        gch_fw_printf("gcheal: region %s\n", s->region);
    }
    gch_fw_printf("gcheal: provisioned: api %s:%u, login %s:%u, client id %s, %s, "
                  "min %lu s, interval %lu s, watchdog %lu s, CA %s (%lu bytes)\n",
                  s->api_host, s->api_port, s->login_host, s->login_port, s->client_id, modes[s->mode],
                  (unsigned long)s->min_timeout, (unsigned long)s->interval_s, (unsigned long)s->watchdog_s,
                  s->ca != NULL ? "from the record" : gch_fw_ca_name,
                  (unsigned long)(s->ca != NULL ? s->ca_len : gch_fw_ca_len));
}

int gch_fw_main(void)
{
    static char why[160];
    gch_board_clock_init();
    gch_board_console_init();
    uint32_t boots = 0;
    gch_board_reset_t cause = gch_board_reset_cause(&boots);
    gch_fw_printf("\ngcheal %s firmware (MPS2 AN386, Cortex-M4): boot %lu, after a %s reset\n", GCH_VERSION,
                  (unsigned long)boots, gch_board_reset_name(cause));
    uint32_t cycles = test_cycles();

    size_t sector = (size_t)((uintptr_t)__gch_config_end - (uintptr_t)__gch_config_start);
    if (gch_fw_record_parse(__gch_config_start, sector, &settings, why, sizeof why) != 0) {
        return not_provisioned(why, cycles);
    }
    describe_settings(&settings);

    gch_board_arena_paint();
    const uint8_t *ca = settings.ca != NULL ? settings.ca : gch_fw_ca;
    size_t ca_len = settings.ca != NULL ? settings.ca_len : gch_fw_ca_len;
    gch_status_t st = gch_tls_config_init(&tls_cfg, ca, ca_len);
    if (st != GCH_OK) {
        return not_provisioned(
            settings.ca != NULL ? "the record's CA bundle does not parse" : "the built-in CA does not parse", cycles);
    }
    gch_heal_config_t cfg = GCH_HEAL_CONFIG_DEFAULTS;
    cfg.api.api_host = settings.api_host;
    cfg.api.api_port = settings.api_port;
    cfg.api.login_host = settings.login_host;
    cfg.api.login_port = settings.login_port;
    cfg.api.client_id = settings.client_id;
    cfg.api.client_secret = settings.client_secret;
    /* One TLS session at a time: the arena holds one, not two. */
    cfg.api.connector = gch_tls_connector_init(&connector, &tls_cfg, cfg.api.io_timeout_ms, true);
    cfg.api.verbose = 0; /* one line per run; the line says why a run failed */
    st = gch_heal_init(&heal, &cfg);
    if (st != GCH_OK) {
        return not_provisioned(gch_strerror(st), cycles);
    }
    gch_board_wdog_start(settings.watchdog_s);
    if (gch_board_net_init() != 0) {
        gch_fw_printf("gcheal: the LAN9118 did not come up: resetting\n");
        gch_board_reset(GCH_RESET_FAULT);
    }
    if (gch_board_net_wait_lease(FIRST_LEASE_MS)) {
        char net[80];
        gch_board_net_describe(net, sizeof net);
        gch_fw_printf("gcheal: DHCP lease %s\n", net);
    } else {
        gch_fw_printf("gcheal: no DHCP lease yet: each run waits for one\n");
    }

    gch_fw_loop_init(&loop, &heal, &connector, &settings);
    for (;;) {
        uint32_t wait_s = 0;
        int rc = gch_fw_loop_run(&loop, &wait_s);
        if (cycles != 0 && loop.runs >= cycles) {
            gch_heal_finish(&heal);
            return rc;
        }
        (void)gch_sleep_ms(wait_s * 1000u); /* polls lwIP (DHCP renewal) and feeds the watchdog */
    }
}
