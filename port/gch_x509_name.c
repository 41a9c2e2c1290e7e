/*
 * gch_x509_name.c - a certificate's subject, and OpenSSL's canonical name
 * encoding (see gch_x509_name.h; OpenSSL: crypto/x509/x_name.c x509_name_canon
 * and asn1_string_canon).
 */
#include "gch_x509_name.h"

#include <stdbool.h>
#include <string.h>

enum {
    TAG_OID = 0x06,
    TAG_UTF8 = 0x0c,
    TAG_PRINTABLE = 0x13,
    TAG_T61 = 0x14,
    TAG_IA5 = 0x16,
    TAG_VISIBLE = 0x1a,
    TAG_UNIVERSAL = 0x1c,
    TAG_BMP = 0x1e,
    TAG_SEQUENCE = 0x30,
    TAG_SET = 0x31,
    TAG_VERSION = 0xa0, /* [0] EXPLICIT */
    TAG_INTEGER = 0x02
};

typedef struct {
    uint8_t tag;
    const uint8_t *v; /* content */
    size_t len;       /* content length */
    size_t total;     /* header + content */
} tlv_t;

/* One DER TLV at p: low tag numbers, definite lengths of up to 4 bytes. */
static bool read_tlv(const uint8_t *p, size_t n, tlv_t *t)
{
    if (n < 2 || (p[0] & 0x1f) == 0x1f) {
        return false;
    }
    size_t hdr = 2, len = p[1];
    if (len & 0x80) {
        size_t k = len & 0x7f;
        if (k == 0 || k > 4 || n < 2 + k) {
            return false;
        }
        len = 0;
        for (size_t i = 0; i < k; i++) {
            len = len << 8 | p[2 + i];
        }
        hdr += k;
    }
    if (len > n - hdr) {
        return false;
    }
    t->tag = p[0];
    t->v = p + hdr;
    t->len = len;
    t->total = hdr + len;
    return true;
}

gch_status_t gch_x509_cert_subject(const uint8_t *der, size_t len, const uint8_t **name, size_t *name_len)
{
    tlv_t cert, tbs, t;
    if (der == NULL || !read_tlv(der, len, &cert) || cert.tag != TAG_SEQUENCE || !read_tlv(cert.v, cert.len, &tbs) ||
        tbs.tag != TAG_SEQUENCE) {
        return GCH_ERR_TLS_CA;
    }
    /* [0] version, serialNumber, signature, issuer, validity, subject */
    static const uint8_t order[] = { TAG_VERSION, TAG_INTEGER, TAG_SEQUENCE, TAG_SEQUENCE, TAG_SEQUENCE, TAG_SEQUENCE };
    const uint8_t *p = tbs.v;
    size_t left = tbs.len;
    for (size_t i = 0; i < sizeof order; i++) {
        if (!read_tlv(p, left, &t)) {
            return GCH_ERR_TLS_CA;
        }
        if (t.tag != order[i]) {
            if (i == 0) {
                continue; /* version is optional (v1) */
            }
            return GCH_ERR_TLS_CA;
        }
        if (i + 1 == sizeof order) {
            *name = p;
            *name_len = t.total;
            return GCH_OK;
        }
        p += t.total;
        left -= t.total;
    }
    return GCH_ERR_TLS_CA; /* not reached */
}

/* ------------------------------------------------------------ the writer */

#define HDR_ROOM 4u /* tag + up to three length bytes: content < 16 MiB */

typedef struct {
    uint8_t *p;
    size_t cap, len;
    bool over;
} out_t;

static void put(out_t *w, const void *b, size_t n)
{
    if (w->over || n > w->cap - w->len) {
        w->over = true;
        return;
    }
    memcpy(w->p + w->len, b, n);
    w->len += n;
}

static void put_byte(out_t *w, uint8_t c)
{
    put(w, &c, 1);
}

/* Reserves room for a header; close() writes it once the content is known. */
static size_t open_tlv(out_t *w)
{
    static const uint8_t room[HDR_ROOM] = { 0 };
    size_t at = w->len;
    put(w, room, HDR_ROOM);
    return at;
}

static void close_tlv(out_t *w, size_t at, uint8_t tag)
{
    if (w->over) {
        return;
    }
    size_t content = w->len - at - HDR_ROOM;
    uint8_t h[HDR_ROOM];
    size_t n = 0;
    h[n++] = tag;
    if (content < 0x80) {
        h[n++] = (uint8_t)content;
    } else if (content < 0x100) {
        h[n++] = 0x81;
        h[n++] = (uint8_t)content;
    } else if (content < 0x10000) {
        h[n++] = 0x82;
        h[n++] = (uint8_t)(content >> 8);
        h[n++] = (uint8_t)content;
    } else {
        w->over = true; /* never for a name */
        return;
    }
    memcpy(w->p + at, h, n);
    memmove(w->p + at + n, w->p + at + HDR_ROOM, content);
    w->len -= HDR_ROOM - n;
}

/* --------------------------------------------------- strings to canonical UTF-8 */

typedef struct {
    out_t *w;
    bool started, space; /* something written; a space is pending */
} canon_t;

static bool is_space(uint32_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static void put_utf8(out_t *w, uint32_t c)
{
    if (c < 0x80) {
        put_byte(w, (uint8_t)c);
    } else if (c < 0x800) {
        uint8_t b[2] = { (uint8_t)(0xc0 | c >> 6), (uint8_t)(0x80 | (c & 0x3f)) };
        put(w, b, 2);
    } else if (c < 0x10000) {
        uint8_t b[3] = { (uint8_t)(0xe0 | c >> 12), (uint8_t)(0x80 | (c >> 6 & 0x3f)), (uint8_t)(0x80 | (c & 0x3f)) };
        put(w, b, 3);
    } else {
        uint8_t b[4] = { (uint8_t)(0xf0 | c >> 18), (uint8_t)(0x80 | (c >> 12 & 0x3f)),
                         (uint8_t)(0x80 | (c >> 6 & 0x3f)), (uint8_t)(0x80 | (c & 0x3f)) };
        put(w, b, 4);
    }
}

/* One character: leading and trailing white space dropped, inner runs of it one
 * space, ASCII letters lower case. UTF-8 bytes of a UTF8String come here one by
 * one: a byte >= 0x80 is never a space nor a letter, so it passes unchanged. */
static void canon_char(canon_t *c, uint32_t ch, bool raw_byte)
{
    if (ch < 0x80 && is_space(ch)) {
        c->space = c->started;
        return;
    }
    if (c->space) {
        put_byte(c->w, ' ');
        c->space = false;
    }
    c->started = true;
    if (ch >= 'A' && ch <= 'Z') {
        ch += 'a' - 'A';
    }
    if (raw_byte) {
        put_byte(c->w, (uint8_t)ch);
    } else {
        put_utf8(c->w, ch);
    }
}

/* width: bytes per character (1 Latin-1, 2 UCS-2, 4 UCS-4), 0 for UTF-8 as is. */
static bool canon_string(out_t *w, const tlv_t *v, size_t width)
{
    canon_t c = { w, false, false };
    if (width > 1 && v->len % width != 0) {
        return false;
    }
    for (size_t i = 0; i < v->len; i += width ? width : 1) {
        uint32_t ch = 0;
        for (size_t k = 0; k < (width ? width : 1); k++) {
            ch = ch << 8 | v->v[i + k];
        }
        if (ch > 0x10ffff) {
            return false;
        }
        canon_char(&c, ch, width == 0);
    }
    return true;
}

static size_t string_width(uint8_t tag, bool *is_string)
{
    *is_string = true;
    switch (tag) {
    case TAG_UTF8: return 0;
    case TAG_PRINTABLE:
    case TAG_T61:
    case TAG_IA5:
    case TAG_VISIBLE: return 1;
    case TAG_BMP: return 2;
    case TAG_UNIVERSAL: return 4;
    default: *is_string = false; return 0;
    }
}

/* ------------------------------------------------------------- the name */

/* DER order of SET OF members (OpenSSL der_cmp): bytes, then length. */
static int der_cmp(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
    int r = memcmp(a, b, an < bn ? an : bn);
    return r != 0 ? r : (an < bn ? -1 : an > bn ? 1 : 0);
}

static void reverse(uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        uint8_t t = p[i];
        p[i] = p[n - 1 - i];
        p[n - 1 - i] = t;
    }
}

/* The attributes of one RDN (at[i], len[i], back to back) in DER order:
 * insertion sort, swapping neighbours in place by three reversals. */
static void sort_rdn(uint8_t *base, uint16_t *at, uint16_t *len, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        for (size_t j = i; j > 0 && der_cmp(base + at[j - 1], len[j - 1], base + at[j], len[j]) > 0; j--) {
            uint8_t *a = base + at[j - 1];
            reverse(a, len[j - 1]);
            reverse(a + len[j - 1], len[j]);
            reverse(a, len[j - 1] + len[j]);
            uint16_t t = len[j - 1];
            len[j - 1] = len[j];
            len[j] = t;
            at[j] = (uint16_t)(at[j - 1] + len[j - 1]);
        }
    }
}

static gch_status_t canon_atv(out_t *w, const tlv_t *atv)
{
    tlv_t oid, val;
    if (atv->tag != TAG_SEQUENCE || !read_tlv(atv->v, atv->len, &oid) || oid.tag != TAG_OID ||
        !read_tlv(atv->v + oid.total, atv->len - oid.total, &val) || oid.total + val.total != atv->len) {
        return GCH_ERR_TLS_CA;
    }
    size_t at = open_tlv(w);
    put(w, atv->v, oid.total);
    bool is_string;
    size_t width = string_width(val.tag, &is_string);
    if (is_string) {
        size_t s = open_tlv(w);
        if (!canon_string(w, &val, width)) {
            return GCH_ERR_TLS_CA;
        }
        close_tlv(w, s, TAG_UTF8);
    } else {
        put(w, atv->v + oid.total, val.total);
    }
    close_tlv(w, at, TAG_SEQUENCE);
    return GCH_OK;
}

static gch_status_t canon_rdn(out_t *w, const tlv_t *rdn)
{
    uint16_t at[GCH_X509_RDN_MAX], len[GCH_X509_RDN_MAX]; /* offsets < 64 KiB: close_tlv's bound */
    size_t n = 0;
    if (rdn->tag != TAG_SET || rdn->len == 0) {
        return GCH_ERR_TLS_CA;
    }
    size_t set = open_tlv(w);
    for (size_t off = 0; off < rdn->len;) {
        tlv_t atv;
        if (!read_tlv(rdn->v + off, rdn->len - off, &atv)) {
            return GCH_ERR_TLS_CA;
        }
        if (n == GCH_X509_RDN_MAX) {
            return GCH_ERR_TOO_LARGE;
        }
        size_t start = w->len;
        gch_status_t st = canon_atv(w, &atv);
        if (st != GCH_OK) {
            return st;
        }
        if (w->len >= 0x10000) {
            return GCH_ERR_TOO_LARGE;
        }
        at[n] = (uint16_t)start;
        len[n++] = (uint16_t)(w->len - start);
        off += atv.total;
    }
    if (!w->over) {
        sort_rdn(w->p, at, len, n);
    }
    close_tlv(w, set, TAG_SET);
    return GCH_OK;
}

gch_status_t gch_x509_name_canon(const uint8_t *name, size_t len, uint8_t *out, size_t cap, size_t *out_len)
{
    tlv_t seq;
    out_t w = { out, cap, 0, false };
    *out_len = 0;
    if (name == NULL || out == NULL || !read_tlv(name, len, &seq) || seq.tag != TAG_SEQUENCE || seq.total != len) {
        return GCH_ERR_TLS_CA;
    }
    for (size_t off = 0; off < seq.len;) {
        tlv_t rdn;
        if (!read_tlv(seq.v + off, seq.len - off, &rdn)) {
            return GCH_ERR_TLS_CA;
        }
        gch_status_t st = canon_rdn(&w, &rdn);
        if (st != GCH_OK) {
            return st;
        }
        off += rdn.total;
    }
    if (w.over) {
        return GCH_ERR_NOSPACE;
    }
    *out_len = w.len;
    return GCH_OK;
}
