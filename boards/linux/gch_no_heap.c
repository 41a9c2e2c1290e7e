/*
 * gch_no_heap.c - the zero-heap tripwire of the Linux boards.
 *
 * Programs are linked with -Wl,--wrap=malloc,calloc,realloc,free: any call to an
 * allocator from gcheal's objects or from Mbed TLS lands here and aborts, so a
 * run that completes is a run that never touched the heap. (The C library's own
 * internal allocations, e.g. inside getaddrinfo or stdio, are not ours and are
 * not wrapped.)
 */
#include <stddef.h>
#include <stdlib.h>
#include <unistd.h>

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static void heap_used(const char *fn)
{
    static const char msg[] = "gcheal: FATAL: heap allocator called (";
    (void)!write(2, msg, sizeof msg - 1);
    size_t n = 0;
    while (fn[n] != '\0') {
        n++;
    }
    (void)!write(2, fn, n);
    (void)!write(2, "): the core is zero-malloc\n", 27);
    abort();
}

void *__wrap_malloc(size_t n)
{
    (void)n;
    heap_used("malloc");
    return NULL;
}

void *__wrap_calloc(size_t n, size_t size)
{
    (void)n;
    (void)size;
    heap_used("calloc");
    return NULL;
}

void *__wrap_realloc(void *p, size_t n)
{
    (void)p;
    (void)n;
    heap_used("realloc");
    return NULL;
}

void __wrap_free(void *p)
{
    /* free(NULL) is harmless and some code does it unconditionally. */
    if (p != NULL) {
        heap_used("free");
    }
}
