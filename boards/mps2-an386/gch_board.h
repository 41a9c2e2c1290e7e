/*
 * gch_board.h - MPS2 AN386 board facts and the calls the firmware's main makes
 * into the board files: clock, console, network, watchdog, reset record,
 * memory marks.
 */
#ifndef GCH_BOARD_H
#define GCH_BOARD_H

#include <stddef.h>
#include <stdint.h>

#define GCH_BOARD_CPU_HZ 25000000u /* MPS2 FPGA images run the core at 25 MHz */
#define GCH_BOARD_LAN9118_BASE 0x40200000u

/* SysTick at 1 kHz and the wall clock; before anything reads a clock. */
void gch_board_clock_init(void);

/* The console: UART0, 115200 8N1, transmit only. */
void gch_board_console_init(void);
void gch_board_console_write(const char *s, size_t n);

/* lwIP up with the LAN9118 netif and its DHCP client started. Returns 0, or
 * -1 when the MAC did not answer. No frame leaves before this is called. */
int gch_board_net_init(void);
/* Wait (polling lwIP, feeding the watchdog) until the netif holds a lease, at
 * most timeout_ms. Returns 1 when it does. */
int gch_board_net_wait_lease(uint32_t timeout_ms);
/* "10.0.2.15/24 gw 10.0.2.2 dns 10.0.2.3" of the current lease. */
void gch_board_net_describe(char *out, size_t cap);
/* Ethernet bytes moved since boot (frames as the MAC sent or took them). */
void gch_board_net_bytes(uint64_t *in, uint64_t *out);
/* lwIP's pools and heap: elements (or bytes) in use right now. Equal between
 * two idle moments unless something leaked. */
uint32_t gch_board_net_in_use(void);

/* Watchdog: start with a period in seconds (4..171), feed it. The loop feeds
 * it while it waits; gch_sleep_ms feeds it (deliberate pauses are progress). */
void gch_board_wdog_start(uint32_t seconds);
void gch_board_wdog_feed(void);

typedef enum { GCH_RESET_POWER_ON = 0, GCH_RESET_WATCHDOG, GCH_RESET_FAULT, GCH_RESET_UNKNOWN } gch_board_reset_t;
/* Why the previous boot ended, and how many boots since power-on. Once per boot. */
gch_board_reset_t gch_board_reset_cause(uint32_t *boots);
const char *gch_board_reset_name(gch_board_reset_t cause);
/* Note the cause and reset the board. */
void gch_board_reset(gch_board_reset_t cause) __attribute__((noreturn));

/* Bytes of the stack ever used (painted at reset) and its size; repaint the
 * unused part to measure from here on. */
size_t gch_board_stack_peak(void);
size_t gch_board_stack_size(void);
void gch_board_stack_repaint(void);

/* Mbed TLS arena: paint the free part after its set-up, then report the
 * highest byte ever written, and the bytes held by live blocks (see
 * gch_board_mem.c). gch_board_arena_repaint starts a new measurement. */
void gch_board_arena_paint(void);
size_t gch_board_arena_peak(void);
int gch_board_arena_in_use(size_t *bytes, size_t *blocks);
void gch_board_arena_repaint(void);

#endif
