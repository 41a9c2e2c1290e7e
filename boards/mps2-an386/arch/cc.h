/*
 * arch/cc.h - lwIP's compiler/platform header for the MPS2 AN386 firmware
 * (arm-none-eabi-gcc, newlib, no OS). Found through -Iboards/mps2-an386.
 */
#ifndef GCH_LWIP_ARCH_CC_H
#define GCH_LWIP_ARCH_CC_H

#include <stdint.h>
#include <stdlib.h>

#define LWIP_NO_CTYPE_H 0
#define BYTE_ORDER LITTLE_ENDIAN
#define LWIP_RAND() ((u32_t)gch_board_rand32())
unsigned long gch_board_rand32(void);

/* Assertions go to the semihosting console; an lwIP assertion
 * is a bug, so it stops the firmware (not abort(): nothing of libc's exit path). */
void gch_board_lwip_assert(const char *msg, const char *file, int line) __attribute__((noreturn));
#define LWIP_PLATFORM_DIAG(x) do { (void)0; } while (0)
#define LWIP_PLATFORM_ASSERT(x) gch_board_lwip_assert((x), __FILE__, __LINE__)

#endif
