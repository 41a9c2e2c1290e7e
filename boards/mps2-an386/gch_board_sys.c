/*
 * gch_board_sys.c - the non-network half of the porting interface on MPS2
 * AN386: SysTick milliseconds, wall time and entropy, sleep that keeps lwIP
 * running and feeds the watchdog, log lines on the console, and what a CPU
 * fault does (a line, then a reset: the device heals by starting over).
 *
 * The emulated board has neither an RTC nor a TRNG, so the host stands in
 * for both through semihosting (QEMU, target=native): SYS_TIME once at boot
 * as the RTC, /dev/urandom as the TRNG. They are hardware stand-ins, not
 * configuration; a real board implements gch_clock_wall with its RTC (set by
 * SNTP) and gch_entropy_fill with its TRNG (docs/PORTING.md).
 */
#include <stdint.h>
#include <string.h>

#include "gch_board.h"
#include "gch_lwip_board.h"
#include "gch_port.h"
#include "gch_semihost.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SYST_CSR_ENABLE 1u
#define SYST_CSR_TICKINT 2u
#define SYST_CSR_CLKSOURCE 4u  /* the processor clock */

static volatile uint32_t ticks_lo, ticks_hi; /* milliseconds since boot, 64 bits */
static int64_t wall_at_boot = -1;
static int urandom = -1;

void gch_systick_handler(void);
void gch_systick_handler(void)
{
    uint32_t lo = ticks_lo + 1u;
    ticks_lo = lo;
    if (lo == 0u) {
        ticks_hi = ticks_hi + 1u;
    }
}

void gch_board_clock_init(void)
{
    SYST_RVR = GCH_BOARD_CPU_HZ / 1000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
    /* Set once, like an RTC after SNTP: later readings add the SysTick time. */
    wall_at_boot = gch_semihost_time();
}

uint64_t gch_clock_ms(void)
{
    uint32_t hi, lo;
    do { /* the interrupt may carry between the two reads */
        hi = ticks_hi;
        lo = ticks_lo;
    } while (hi != ticks_hi);
    return ((uint64_t)hi << 32) | lo;
}

int64_t gch_clock_wall(void)
{
    if (wall_at_boot < 0) {
        return -1;
    }
    return wall_at_boot + (int64_t)(gch_clock_ms() / 1000u);
}

gch_status_t gch_entropy_fill(uint8_t *buf, size_t len)
{
    if (urandom < 0) {
        urandom = gch_semihost_open_read("/dev/urandom");
        if (urandom < 0) {
            return GCH_ERR_STATE; /* no host source: never fall back to weak bytes */
        }
    }
    while (len > 0) {
        long n = gch_semihost_read(urandom, buf, len);
        if (n <= 0) {
            return GCH_ERR_STATE; /* no host source: never fall back to weak bytes */
        }
        buf += n;
        len -= (size_t)n;
    }
    return GCH_OK;
}

/* Waiting still moves frames and runs TCP timers: the peer expects ACKs. */
int gch_sleep_ms(uint32_t ms)
{
    uint64_t end = gch_clock_ms() + ms;
    while (gch_clock_ms() < end) {
        gch_board_wdog_feed(); /* a deliberate pause is progress */
        gch_lwip_board_poll();
        if (gch_port_cancelled()) {
            return 1;
        }
        __asm__ volatile("wfi"); /* the next SysTick wakes us */
    }
    return 0;
}

/* Nobody can press Ctrl-C on this board: a job runs to its end. */
int gch_port_cancelled(void)
{
    return 0;
}

void gch_port_hold_cancel(int hold)
{
    (void)hold; /* nothing to hold: the board is never cancelled */
}

void gch_log_write(int level, const char *line, size_t len)
{
    static const char *const tag[] = { "error: ", "warning: ", "", "debug: " };
    const char *t = tag[level < 0 ? 0 : level > 3 ? 3 : level];
    gch_board_console_write("gcheal: ", 8);
    gch_board_console_write(t, strlen(t));
    gch_board_console_write(line, len);
    gch_board_console_write("\n", 1);
}

/* Every unexpected exception ends here: say so and start over. */
void gch_fault_handler(void);
void gch_fault_handler(void)
{
    static const char msg[] = "gcheal: CPU fault: resetting\n";
    gch_board_console_write(msg, sizeof msg - 1);
    gch_board_reset(GCH_RESET_FAULT);
}

/* MBEDTLS_PLATFORM_EXIT_MACRO: Mbed TLS found its arena corrupt. */
void gch_board_mbedtls_exit(int status);
void gch_board_mbedtls_exit(int status)
{
    static const char msg[] = "gcheal: Mbed TLS found its arena corrupt: resetting\n";
    (void)status;
    gch_board_console_write(msg, sizeof msg - 1);
    gch_board_reset(GCH_RESET_FAULT);
}
