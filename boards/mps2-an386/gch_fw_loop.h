/*
 * gch_fw_loop.h - the device's watch loop: one heal run every interval, for as
 * long as the board is powered, with one console line per run.
 */
#ifndef GCH_FW_LOOP_H
#define GCH_FW_LOOP_H

#include <stdint.h>

#include "gch_fw_record.h"
#include "gch_tls_connector.h"
#include "heal/gch_heal.h"

typedef struct {
    gch_heal_t *heal;
    gch_tls_connector_t *connector;
    const gch_fw_settings_t *set;
    gch_policy_t pol;
    uint32_t runs;     /* since boot */
    uint32_t failures; /* runs in a row that did not reach their end */
    int verbose;
} gch_fw_loop_t;

void gch_fw_loop_init(gch_fw_loop_t *l, gch_heal_t *heal, gch_tls_connector_t *connector, const gch_fw_settings_t *set);

/* One run: lease check, the heal job, connections closed, the console line.
 * Returns the gcheal CLI's exit status of the run and, in *wait_s, how long
 * to wait before the next one (the interval, longer after failures). */
int gch_fw_loop_run(gch_fw_loop_t *l, uint32_t *wait_s);

#endif
