/*
 * gch_semihost.h - Arm semihosting calls (BKPT 0xAB), used by this emulated
 * board for what QEMU's MPS2 lacks and for the test harness only: the host's
 * clock as the RTC and /dev/urandom as the TRNG (gch_board_sys.c), and the
 * harness's command line ("--cycles N") and exit status. Configuration never
 * comes this way (it is the provisioned record), nor does the console (UART0).
 *
 * QEMU runs with -semihosting-config enable=on,target=native. On silicon
 * without a debugger attached a BKPT would hard-fault, so a production board
 * drops this file and supplies an RTC and a TRNG behind the same porting calls.
 */
#ifndef GCH_SEMIHOST_H
#define GCH_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

/* Open a host file for reading; returns a handle >= 0 or -1. */
int gch_semihost_open_read(const char *path);
/* Read up to cap bytes; returns the count read (0 at end of file) or -1. */
long gch_semihost_read(int handle, void *buf, size_t cap);
void gch_semihost_close(int handle);
/* Host wall clock, seconds since 1970 UTC (SYS_TIME), or -1. */
int64_t gch_semihost_time(void);
/* The command line QEMU was given (-kernel path plus -append text), NUL-ended;
 * returns its length or -1. */
long gch_semihost_cmdline(char *buf, size_t cap);
/* End the emulation with this exit status (SYS_EXIT_EXTENDED). Does not return. */
void gch_semihost_exit(int status) __attribute__((noreturn));

#endif
