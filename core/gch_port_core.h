/*
 * gch_port_clock.h - the one porting-interface call the core makes directly.
 *
 * The core reads time only through the platform's monotonic clock (declared in
 * port/gch_port.h, which also needs the platform's net struct); this header
 * declares just that function, so core objects build without any platform.
 */
#ifndef GCH_PORT_CLOCK_H
#define GCH_PORT_CLOCK_H

#include <stdint.h>

uint64_t gch_clock_ms(void);

#endif
