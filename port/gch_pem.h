/*
 * gch_pem.h - certificates out of a PEM stream, one at a time: push-style (fed
 * any slice, down to one byte), decoded straight into one caller-owned DER
 * buffer, so a 200 KB CA bundle is read through a few KB of memory.
 *
 * Each "-----BEGIN CERTIFICATE-----" ... "-----END CERTIFICATE-----" block
 * (markers on lines of their own) is handed to the callback as DER once its END
 * line is read. Anything outside blocks is ignored (comments, other PEM types);
 * a block with a header line, a character that is not base64, bad padding or
 * more bytes than the buffer is skipped whole and counted, never cut.
 */
#ifndef GCH_PEM_H
#define GCH_PEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Called for each certificate; der is valid during the call only. */
typedef void (*gch_pem_cert_fn)(void *ctx, const uint8_t *der, size_t len);

typedef struct {
    uint8_t *der; /* caller-owned, cap bytes: the largest certificate accepted */
    size_t cap, len;
    uint32_t quad;      /* base64 bits gathered */
    uint8_t nq, pad;    /* characters in quad; '=' seen */
    bool in_block, bad; /* inside a CERTIFICATE block; this block is unusable */
    bool line_start, marker;
    char line[40]; /* a marker line, cut to fit */
    size_t line_len;
    uint32_t certs, skipped; /* blocks handed out, blocks skipped */
} gch_pem_reader_t;

void gch_pem_init(gch_pem_reader_t *r, uint8_t *der, size_t cap);
void gch_pem_feed(gch_pem_reader_t *r, const uint8_t *in, size_t len, gch_pem_cert_fn cert_cb, void *ctx);
/* End of the stream: a last END line without its newline still counts. */
void gch_pem_finish(gch_pem_reader_t *r, gch_pem_cert_fn cert_cb, void *ctx);

#endif
