/*
 * gch_port_core.h - the porting-interface calls the core makes directly.
 *
 * These are declared (with the same signatures) in port/gch_port.h, which also
 * needs the platform's net struct; this header declares just what the core
 * uses, so core objects build and unit-test without any platform.
 */
#ifndef GCH_PORT_CORE_H
#define GCH_PORT_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "gch_status.h"

uint64_t gch_clock_ms(void);
gch_status_t gch_entropy_fill(uint8_t *buf, size_t len);
int gch_sleep_ms(uint32_t ms);
int gch_port_cancelled(void);
void gch_port_hold_cancel(int hold);
void gch_log_write(int level, const char *line, size_t len);

#endif
