/*
 * arch/cc.h - lwIP's compiler and platform glue for the linux-lwip board.
 *
 * lwIP includes this from lwip/arch.h. A glibc host has stdint, inttypes, limits
 * and errno, so only the diagnostics and the random source are ours: asserts
 * abort (a broken invariant inside the stack must not limp on), and LWIP_RAND
 * (initial local port, DNS ids) comes from the host's entropy.
 */
#ifndef GCH_LWIP_ARCH_CC_H
#define GCH_LWIP_ARCH_CC_H

#include <stdio.h>
#include <stdlib.h>

#define LWIP_TIMEVAL_PRIVATE 0
#define LWIP_ERRNO_STDINCLUDE 1

#define LWIP_PLATFORM_DIAG(x) do { printf x; } while (0)
#define LWIP_PLATFORM_ASSERT(x) do { \
        fprintf(stderr, "lwIP assertion \"%s\" failed at %s:%d\n", x, __FILE__, __LINE__); \
        abort(); \
    } while (0)

unsigned int gch_lwip_board_rand(void);
#define LWIP_RAND() (gch_lwip_board_rand())

#endif
