/*
 * gch_board_printf.c - snprintf and vsnprintf for the firmware.
 *
 * newlib's versions share their engine with asprintf, so they reference
 * malloc/realloc/free and would put an allocator (and a need for _sbrk) into
 * an image that must have none. These replace them for every caller (Mbed
 * TLS's error and certificate texts, port/, the board's report): flags "-0",
 * width and precision (digits or *), length h hh l ll z, conversions
 * d i u x X c s p %. No floating point. C99 return value: the length the
 * whole output would have had.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    char *buf;
    size_t cap, len; /* len counts every byte, also those past cap */
} out_t;

static void put(out_t *o, char c)
{
    if (o->len + 1 < o->cap) {
        o->buf[o->len] = c;
    }
    o->len++;
}

static void pad(out_t *o, char c, int n)
{
    while (n-- > 0) {
        put(o, c);
    }
}

typedef struct {
    int left, zero, width, prec; /* prec < 0: none */
} spec_t;

static void emit(out_t *o, const spec_t *sp, const char *s, int n, const char *prefix)
{
    int plen = 0;
    while (prefix[plen] != '\0') {
        plen++;
    }
    int fill = sp->width - n - plen;
    if (!sp->left && !sp->zero) {
        pad(o, ' ', fill);
    }
    for (int i = 0; i < plen; i++) {
        put(o, prefix[i]);
    }
    if (!sp->left && sp->zero) {
        pad(o, '0', fill);
    }
    for (int i = 0; i < n; i++) {
        put(o, s[i]);
    }
    if (sp->left) {
        pad(o, ' ', fill);
    }
}

static void number(out_t *o, spec_t sp, uint64_t v, int neg, unsigned base, int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0;
    do {
        tmp[sizeof tmp - 1 - (size_t)n++] = digits[v % base];
        v /= base;
    } while (v != 0);
    while (n < sp.prec && n < (int)sizeof tmp) {
        tmp[sizeof tmp - 1 - (size_t)n++] = '0';
    }
    if (sp.prec >= 0) {
        sp.zero = 0;
    }
    emit(o, &sp, tmp + sizeof tmp - (size_t)n, n, neg ? "-" : "");
}

/* Reads an unsigned decimal or '*' from the argument list. */
static int field(const char **f, va_list *ap)
{
    if (**f == '*') {
        (*f)++;
        return va_arg(*ap, int);
    }
    int v = 0;
    while (**f >= '0' && **f <= '9') {
        v = v * 10 + (*(*f)++ - '0');
    }
    return v;
}

static int64_t signed_arg(int len, va_list *ap)
{
    switch (len) {
    case 'l': return va_arg(*ap, long);
    case 'L': return va_arg(*ap, long long);
    case 'z': return (int64_t)va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, int);
    }
}

static uint64_t unsigned_arg(int len, va_list *ap)
{
    switch (len) {
    case 'l': return va_arg(*ap, unsigned long);
    case 'L': return va_arg(*ap, unsigned long long);
    case 'z': return va_arg(*ap, size_t);
    default: return va_arg(*ap, unsigned);
    }
}

static void conversion(out_t *o, const char **f, va_list *ap)
{
    spec_t sp = { 0, 0, 0, -1 };
    for (;; (*f)++) {
        if (**f == '-') {
            sp.left = 1;
        } else if (**f == '0') {
            sp.zero = 1;
        } else {
            break;
        }
    }
    sp.width = field(f, ap);
    if (sp.width < 0) {
        sp.left = 1;
        sp.width = -sp.width;
    }
    if (**f == '.') {
        (*f)++;
        sp.prec = field(f, ap);
    }
    int len = 0;
    while (**f == 'h' || **f == 'l' || **f == 'z') {
        len = (**f == 'l' && len == 'l') ? 'L' : **f;
        (*f)++;
    }
    char c = *(*f)++;
    if (c == 'd' || c == 'i') {
        int64_t v = signed_arg(len, ap);
        number(o, sp, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, v < 0, 10, 0);
    } else if (c == 'u' || c == 'x' || c == 'X') {
        number(o, sp, unsigned_arg(len, ap), 0, c == 'u' ? 10u : 16u, c == 'X');
    } else if (c == 'p') {
        sp.prec = 8;
        number(o, sp, (uintptr_t)va_arg(*ap, void *), 0, 16, 0);
    } else if (c == 'c') {
        char ch = (char)va_arg(*ap, int);
        emit(o, &sp, &ch, 1, "");
    } else if (c == 's') {
        const char *s = va_arg(*ap, const char *);
        s = s != NULL ? s : "(null)";
        int n = 0;
        while (s[n] != '\0' && (sp.prec < 0 || n < sp.prec)) {
            n++;
        }
        sp.zero = 0;
        emit(o, &sp, s, n, "");
    } else {
        put(o, '%');
        if (c != '%' && c != '\0') {
            put(o, c);
        }
        if (c == '\0') {
            (*f)--;
        }
    }
}

int vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
    out_t o = { buf, cap, 0 };
    va_list args;
    va_copy(args, ap);
    for (const char *f = fmt; *f != '\0';) {
        if (*f != '%') {
            put(&o, *f++);
            continue;
        }
        f++;
        conversion(&o, &f, &args);
    }
    va_end(args);
    if (cap > 0) {
        buf[o.len < cap ? o.len : cap - 1] = '\0';
    }
    return o.len > INT32_MAX ? -1 : (int)o.len;
}

int snprintf(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
    return n;
}
