/*
 * gch_board_wdog.c - the CMSDK APB watchdog of the MPS2 AN386 (0x40008000,
 * clocked at 25 MHz, its interrupt wired to NMI) and the reset record that
 * tells the next boot why the last one ended.
 *
 * The counter runs down from LOAD; at zero it raises its interrupt (NMI
 * here) and reloads; at zero again with the interrupt still pending and
 * RESEN set, it resets the board. A feed (INTCLR) clears the interrupt and
 * reloads. So the NMI is the warning: its handler notes the cause in RAM that
 * startup does not clear and shortens the second count to a millisecond.
 */
#include <stdint.h>

#include "gch_board.h"

#define WDOG_BASE 0x40008000u
#define WDOG_LOAD (*(volatile uint32_t *)(WDOG_BASE + 0x000u))
#define WDOG_CONTROL (*(volatile uint32_t *)(WDOG_BASE + 0x008u))
#define WDOG_INTCLR (*(volatile uint32_t *)(WDOG_BASE + 0x00Cu))
#define WDOG_LOCK (*(volatile uint32_t *)(WDOG_BASE + 0xC00u))
#define WDOG_UNLOCK_KEY 0x1ACCE551u
#define CONTROL_INTEN 1u /* counter and interrupt on */
#define CONTROL_RESEN 2u /* second expiry resets */

#define AIRCR (*(volatile uint32_t *)0xE000ED0Cu)
#define AIRCR_SYSRESETREQ (0x05FA0000u | 4u)

#define RECORD_MAGIC 0x47434852u /* "RHCG" */

/* Survives a reset: .noinit is neither loaded nor cleared (mps2_an386.ld). */
static struct {
    uint32_t magic;
    uint32_t cause; /* gch_board_reset_t of the reset that ended the last boot */
    uint32_t boots; /* boots since power-on */
    uint32_t check; /* ~(magic ^ cause ^ boots) */
} reset_record __attribute__((section(".noinit")));

static int running, resetting;

static uint32_t check_of(void)
{
    return ~(reset_record.magic ^ reset_record.cause ^ reset_record.boots);
}

static void note(gch_board_reset_t cause)
{
    reset_record.cause = (uint32_t)cause;
    reset_record.check = check_of();
}

gch_board_reset_t gch_board_reset_cause(uint32_t *boots)
{
    gch_board_reset_t cause = GCH_RESET_POWER_ON;
    if (reset_record.magic == RECORD_MAGIC && reset_record.check == check_of()) {
        cause = (gch_board_reset_t)reset_record.cause;
        reset_record.boots++;
    } else {
        reset_record.magic = RECORD_MAGIC;
        reset_record.boots = 1;
    }
    *boots = reset_record.boots;
    note(GCH_RESET_UNKNOWN); /* what the next boot sees unless a reset path says more */
    return cause;
}

const char *gch_board_reset_name(gch_board_reset_t cause)
{
    switch (cause) {
    case GCH_RESET_POWER_ON: return "power-on";
    case GCH_RESET_WATCHDOG: return "watchdog";
    case GCH_RESET_FAULT: return "CPU fault";
    default: return "external reset";
    }
}

void gch_board_wdog_start(uint32_t seconds)
{
    WDOG_LOCK = WDOG_UNLOCK_KEY;
    WDOG_LOAD = seconds * GCH_BOARD_CPU_HZ;
    WDOG_INTCLR = 1;
    WDOG_CONTROL = CONTROL_INTEN | CONTROL_RESEN;
    WDOG_LOCK = 0; /* locked: a stray write cannot stop it */
    running = 1;
}

void gch_board_wdog_feed(void)
{
    if (running) {
        WDOG_LOCK = WDOG_UNLOCK_KEY;
        WDOG_INTCLR = 1;
        WDOG_LOCK = 0;
    }
}

void gch_board_reset(gch_board_reset_t cause)
{
    note(cause);
    resetting = 1;
    __asm__ volatile("dsb" ::: "memory");
    AIRCR = AIRCR_SYSRESETREQ;
    __asm__ volatile("dsb" ::: "memory");
    /* A system that ignores SYSRESETREQ: let the watchdog do it. */
    WDOG_LOCK = WDOG_UNLOCK_KEY;
    WDOG_LOAD = GCH_BOARD_CPU_HZ / 1000u;
    WDOG_CONTROL = CONTROL_INTEN | CONTROL_RESEN;
    for (;;) {
    }
}

/* NMI: the watchdog's first expiry. Nothing fed it for a whole period. */
void gch_nmi_handler(void);
void gch_nmi_handler(void)
{
    static const char msg[] = "gcheal: watchdog: the loop stopped feeding it: resetting\n";
    if (!resetting) {
        note(GCH_RESET_WATCHDOG);
        gch_board_console_write(msg, sizeof msg - 1);
    }
    WDOG_LOCK = WDOG_UNLOCK_KEY;
    WDOG_LOAD = GCH_BOARD_CPU_HZ / 1000u; /* the reset a millisecond from now */
    for (;;) {
    }
}
