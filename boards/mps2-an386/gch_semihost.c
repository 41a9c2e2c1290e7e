/*
 * gch_semihost.c - Arm semihosting operations for the MPS2 AN386 board (see
 * gch_semihost.h). Each call puts an operation number in r0 and a pointer to
 * its argument block in r1, then BKPT 0xAB; QEMU answers in r0.
 */
#include "gch_semihost.h"

#include <string.h>

enum {
    SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_READ = 0x06,
    SYS_TIME = 0x11, SYS_GET_CMDLINE = 0x15, SYS_EXIT = 0x18, SYS_EXIT_EXTENDED = 0x20
};
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u
#define OPEN_MODE_RB 1u  /* fopen "rb" */

static long semihost(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return (long)(int32_t)r0;
}

static long open_mode(const char *path, uint32_t mode)
{
    uint32_t args[3] = { (uint32_t)(uintptr_t)path, mode, (uint32_t)strlen(path) };
    return semihost(SYS_OPEN, args);
}

int gch_semihost_open_read(const char *path)
{
    long h = open_mode(path, OPEN_MODE_RB);
    return h < 0 ? -1 : (int)h;
}

long gch_semihost_read(int handle, void *buf, size_t cap)
{
    uint32_t args[3] = { (uint32_t)handle, (uint32_t)(uintptr_t)buf, (uint32_t)cap };
    long left = semihost(SYS_READ, args); /* bytes NOT read */
    if (left < 0 || (size_t)left > cap) {
        return -1;
    }
    return (long)(cap - (size_t)left);
}

void gch_semihost_close(int handle)
{
    uint32_t args[1] = { (uint32_t)handle };
    (void)semihost(SYS_CLOSE, args);
}

int64_t gch_semihost_time(void)
{
    long t = semihost(SYS_TIME, NULL);
    return t <= 0 ? -1 : (int64_t)(uint32_t)t;
}

long gch_semihost_cmdline(char *buf, size_t cap)
{
    uint32_t args[2] = { (uint32_t)(uintptr_t)buf, (uint32_t)cap };
    if (cap == 0 || semihost(SYS_GET_CMDLINE, args) != 0) {
        return -1;
    }
    buf[cap - 1] = '\0';
    return (long)args[1];
}

void gch_semihost_exit(int status)
{
    uint32_t args[2] = { ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status };
    (void)semihost(SYS_EXIT_EXTENDED, args);
    /* A host without the extended call: at least stop, as a plain exit. */
    (void)semihost(SYS_EXIT, (const void *)(uintptr_t)ADP_STOPPED_APPLICATION_EXIT);
    for (;;) {
    }
}
