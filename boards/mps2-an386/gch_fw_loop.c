/*
 * gch_fw_loop.c - one run of the device's watch loop (see gch_fw_loop.h).
 *
 * Every run starts from the same state: no connection open (the previous run
 * closed them; only the access token is kept until it expires), the stack and
 * the TLS arena repainted so the run reports its own high-water marks. After
 * it, what the TLS arena and lwIP hold is measured again: both must be back
 * where they were, run after run, or something leaked. A run that did not
 * reach its end backs off: the next one waits 2x, then 4x the interval.
 */
#include "gch_fw_loop.h"

#include <stdio.h>
#include <string.h>

#include "gch_board.h"
#include "gch_fw_report.h"
#include "gch_port.h"
#include "gch_tls_arena.h"

#define LEASE_WAIT_MS 10000u /* a run waits this long for a lost lease to come back */
#define BACKOFF_MAX_SHIFT 2u /* at most 4x the interval */

void gch_fw_loop_init(gch_fw_loop_t *l, gch_heal_t *heal, gch_tls_connector_t *connector, const gch_fw_settings_t *set)
{
    memset(l, 0, sizeof *l);
    l->heal = heal;
    l->connector = connector;
    l->set = set;
    gch_policy_t pol = GCH_POLICY_DEFAULTS;
    pol.mode = set->mode == 0 ? GCH_MODE_SCAN : GCH_MODE_FIX;
    pol.dry_run = set->mode == 2;
    pol.min_timeout = (int)set->min_timeout;
    pol.set_timeout = (int)set->set_timeout;
    pol.unset_is = (int)set->unset_is;
    pol.names = set->name_count > 0 ? set->names : NULL;
    pol.name_count = set->name_count;
    pol.category = set->category;
    pol.integration_id = set->integration_id;
    l->pol = pol;
}

/* Where a name led in this run ("a.b.c.d:port"), or "-" when it was not
 * reached. The console says it the first time and whenever it changes (DNS
 * moved the service, a new lease). */
static const char *peer_of(gch_fw_loop_t *l, gch_conn_kind_t kind, uint32_t connects0)
{
    static char peer[GCH_CONN_COUNT][24], said[GCH_CONN_COUNT][24];
    peer[kind][0] = '\0';
    if (l->connector->connects != connects0) {
        gch_net_peer(&l->connector->conn[kind].net, peer[kind], sizeof peer[kind]);
    }
    if (peer[kind][0] == '\0') {
        return "-";
    }
    if (strcmp(peer[kind], said[kind]) != 0) {
        memcpy(said[kind], peer[kind], sizeof said[kind]);
        gch_fw_printf("gcheal: %s is %s\n", kind == GCH_CONN_LOGIN ? l->set->login_host : l->set->api_host, peer[kind]);
    }
    return peer[kind];
}

static const char *mode_name(const gch_policy_t *p)
{
    return p->mode == GCH_MODE_SCAN ? "scan" : p->dry_run ? "fix --dry-run" : "fix";
}

int gch_fw_loop_run(gch_fw_loop_t *l, uint32_t *wait_s)
{
    static char why[200];
    gch_summary_t sum;
    memset(&sum, 0, sizeof sum);
    l->runs++;
    gch_board_stack_repaint();
    gch_board_arena_repaint();
    uint64_t in0, out0, in1, out1;
    gch_board_net_bytes(&in0, &out0);
    uint32_t connects0 = l->connector->connects;

    gch_status_t st;
    if (!gch_board_net_wait_lease(LEASE_WAIT_MS)) {
        st = GCH_ERR_NET;
        snprintf(why, sizeof why, "no DHCP lease");
    } else {
        st = gch_heal_run(l->heal, &l->pol, gch_fw_report_action, &l->verbose, &sum);
        if (st != GCH_OK) {
            gch_fw_report_stop(why, sizeof why, gch_heal_last_error(l->heal), st);
        }
    }
    int rc = gch_heal_exit_code(st, &sum, &l->pol);
    gch_heal_disconnect(l->heal); /* the token stays; no idle connection does */

    gch_board_net_bytes(&in1, &out1);
    size_t idle_bytes = 0, idle_blocks = 0;
    int idle_ok = gch_board_arena_in_use(&idle_bytes, &idle_blocks);
    l->failures = st == GCH_OK ? 0 : l->failures + 1;
    uint32_t shift = l->failures < BACKOFF_MAX_SHIFT ? l->failures : BACKOFF_MAX_SHIFT;
    *wait_s = l->set->interval_s << shift;

    (void)peer_of(l, GCH_CONN_LOGIN, connects0);
    const char *api_peer = peer_of(l, GCH_CONN_API, connects0);
    uint32_t up = (uint32_t)(gch_clock_ms() / 1000u);
    gch_fw_printf("gcheal: run %lu up %lu:%02lu:%02lu %s %s exit %d", (unsigned long)l->runs,
                  (unsigned long)(up / 3600u), (unsigned long)(up / 60u % 60u), (unsigned long)(up % 60u),
                  mode_name(&l->pol), st == GCH_OK ? "ok" : "failed", rc);
    if (st != GCH_OK) {
        gch_fw_printf(" (%s)", why);
    }
    gch_fw_printf(": %lu examined, %lu restrictive, %lu fixed, %lu skipped, %lu failed; ", (unsigned long)sum.examined,
                  (unsigned long)sum.restrictive, (unsigned long)sum.fixed, (unsigned long)sum.skipped,
                  (unsigned long)sum.failed);
    gch_fw_printf("%lu connects, %lu requests, %lu PATCH, %lu B in, %lu B out, api %s; ",
                  (unsigned long)(l->connector->connects - connects0), (unsigned long)sum.requests,
                  (unsigned long)sum.patches, (unsigned long)(in1 - in0), (unsigned long)(out1 - out0), api_peer);
    gch_fw_printf("arena high-water %lu/%lu, stack high-water %lu/%lu, idle arena %ld B in %ld blocks, "
                  "idle lwIP %lu; next run in %lu s\n",
                  (unsigned long)gch_board_arena_peak(), (unsigned long)gch_tls_arena_size(),
                  (unsigned long)gch_board_stack_peak(), (unsigned long)gch_board_stack_size(),
                  idle_ok == 0 ? (long)idle_bytes : -1L, idle_ok == 0 ? (long)idle_blocks : -1L,
                  (unsigned long)gch_board_net_in_use(), (unsigned long)*wait_s);
    return rc;
}
