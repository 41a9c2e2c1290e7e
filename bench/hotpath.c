/*
 * bench/hotpath.c - gcheal's scan hot path without the network: a recorded
 * stream of list-page HTTP responses (bench/record_pages.py, the emulator's real
 * bytes, chunked, TLS excluded) pushed through the core's own functions, in
 * receive-window slices as the client gets them: gch_http_parser (framing,
 * de-chunking) -> gch_json_split (entities out of the page) ->
 * the fields the heal job decides on (id, name, category, integrationId,
 * config.timeoutSeconds), read by the splitter's skimmer in the same pass and
 * decoded by gch_heal_fields_read, exactly as the job does. Against it, memchr-style scans of the same
 * bytes, the practical upper bound of any parser that looks at every byte.
 *
 *   hotpath FILE [--iterations N | --seconds S]   -> one JSON line on stdout
 *
 * --iterations 0 maps and checks the file only: bench/run.py subtracts that run
 * under callgrind to get instructions per entity. No heap: the file is mmapped,
 * every buffer is static (the program is linked with the no-heap tripwire).
 */
#define _DEFAULT_SOURCE /* MAP_POPULATE */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "gch_config.h"
#include "http/gch_http_parser.h"
#include "heal/gch_heal_internal.h"
#include "json/gch_json_split.h"

#define MAX_SAMPLES 4096

static char ent_buf[GCH_DOC_SIZE];
static char head_buf[GCH_HEAD_IN_SIZE];
static gch_http_header_t headers[GCH_MAX_HEADERS];
static double samples[MAX_SAMPLES];

typedef struct {
    uint64_t pages, entities, bytes_body;
    uint64_t check; /* folds every extracted field in, so nothing is optimised away */
} tally_t;

/* The fields the heal job decides on, read exactly as it reads them. */
static gch_json_skim_field_t fields[GCH_HEAL_FIELDS];

static gch_status_t entity(const gch_json_split_ev_t *ev, tally_t *t)
{
    gch_pending_t p;
    bool has_config = false;
    memset(&p, 0, sizeof p);
    gch_status_t st = ev->skim_status;
    if (st == GCH_OK) {
        st = gch_heal_fields_read(fields, &p, &has_config);
    }
    t->check += strlen(p.id) + strlen(p.name) + (uint64_t)(p.timeout + 1) + has_config;
    t->entities++;
    return st;
}

static void split_init(gch_json_split_t *s)
{
    gch_json_split_init(s, ent_buf, sizeof ent_buf);
    gch_heal_fields_init(fields);
    gch_json_split_skim(s, fields, GCH_HEAL_FIELDS);
}

/* Body bytes of one page into the splitter, entity by entity. */
static gch_status_t body(gch_json_split_t *s, const uint8_t *p, size_t n, tally_t *t)
{
    t->bytes_body += n;
    while (n > 0) {
        size_t used = 0;
        gch_json_split_ev_t ev;
        gch_status_t st = gch_json_split_feed(s, (const char *)p, n, &used, &ev);
        if (st != GCH_OK) {
            return st;
        }
        p += used;
        n -= used;
        if (ev.type == GCH_JSON_SPLIT_ENTITY && (st = entity(&ev, t)) != GCH_OK) {
            return st;
        }
    }
    return GCH_OK;
}

/* One pass over the whole recording, GCH_RX_SIZE bytes per "read". */
static gch_status_t pass(const uint8_t *in, size_t len, tally_t *t)
{
    gch_http_parser_t p;
    gch_json_split_t s;
    gch_http_parser_config_t cfg = { head_buf, sizeof head_buf, headers, GCH_MAX_HEADERS, 0, 0 };
    gch_status_t st = gch_http_parser_init(&p, &cfg);
    split_init(&s);
    for (size_t off = 0; st == GCH_OK && off < len;) {
        size_t n = len - off < GCH_RX_SIZE ? len - off : GCH_RX_SIZE;
        const uint8_t *buf = in + off;
        off += n;
        for (;;) {
            size_t used = 0;
            gch_http_event_t ev;
            if ((st = gch_http_parser_feed(&p, buf, n, &used, &ev)) != GCH_OK) {
                break;
            }
            buf += used;
            n -= used;
            if (ev.type == GCH_HTTP_EV_NEED_MORE) {
                break;
            } else if (ev.type == GCH_HTTP_EV_HEAD && p.status != 200) {
                st = GCH_ERR_HTTP_STATUS_LINE;
            } else if (ev.type == GCH_HTTP_EV_BODY) {
                st = body(&s, ev.data, ev.len, t);
            } else if (ev.type == GCH_HTTP_EV_DONE) {
                st = gch_json_split_finish(&s);
                t->pages++;
                gch_http_parser_reset(&p, false);
                split_init(&s);
            }
            if (st != GCH_OK) {
                break;
            }
        }
    }
    return st;
}

/* The bound: find every '"' with memchr (what any JSON scan must at least do). */
static uint64_t memchr_quotes(const uint8_t *in, size_t len)
{
    uint64_t count = 0;
    const uint8_t *p = in, *end = in + len;
    while ((p = memchr(p, '"', (size_t)(end - p))) != NULL) {
        count++;
        p++;
    }
    return count;
}

/* Memory bandwidth: one memchr for a byte that is not there. */
static uint64_t memchr_absent(const uint8_t *in, size_t len)
{
    return memchr(in, 0x01, len) == NULL ? 1u : 0u;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median seconds per run of fn over the recording: at least 3 runs, then until
 * `seconds` have passed or `iterations` runs are done. */
typedef uint64_t (*scan_fn)(const uint8_t *, size_t);
static double median_run(scan_fn fn, const uint8_t *in, size_t len, double seconds, long iterations,
                         uint64_t *sink)
{
    size_t n = 0;
    double start = now_s();
    while (n < MAX_SAMPLES && (n < 3 || (iterations > 0 ? (long)n < iterations : now_s() - start < seconds))) {
        double t0 = now_s();
        *sink += fn(in, len);
        samples[n++] = now_s() - t0;
    }
    qsort(samples, n, sizeof samples[0], cmp_double);
    return samples[n / 2];
}

static tally_t last;
static uint64_t full_pass(const uint8_t *in, size_t len)
{
    memset(&last, 0, sizeof last);
    if (pass(in, len, &last) != GCH_OK) {
        fprintf(stderr, "hotpath: the recording does not parse\n");
        exit(1);
    }
    return last.check;
}

int main(int argc, char **argv)
{
    long iterations = -1;
    double seconds = 2.0;
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: hotpath FILE [--iterations N | --seconds S]\n");
        return 2;
    }
    if (argc == 4 && strcmp(argv[2], "--iterations") == 0) {
        iterations = atol(argv[3]);
    } else if (argc == 4 && strcmp(argv[2], "--seconds") == 0) {
        seconds = atof(argv[3]);
    }
    int fd = open(argv[1], O_RDONLY);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || sb.st_size <= 0) {
        perror(argv[1]);
        return 2;
    }
    size_t len = (size_t)sb.st_size;
    const uint8_t *in = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (in == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    uint64_t sink = 0;
    if (iterations == 0) {
        printf("{\"bytes\":%zu,\"iterations\":0}\n", len);
        return 0;
    }
    if (iterations > 0) { /* exact count, for callgrind: no timing loop around it */
        for (long i = 0; i < iterations; i++) {
            sink += full_pass(in, len);
        }
        printf("{\"bytes\":%zu,\"iterations\":%ld,\"pages\":%llu,\"entities\":%llu,\"check\":%llu}\n",
               len, iterations, (unsigned long long)last.pages, (unsigned long long)last.entities,
               (unsigned long long)sink);
        return 0;
    }
    double t_parse = median_run(full_pass, in, len, seconds, -1, &sink);
    double t_quote = median_run(memchr_quotes, in, len, seconds / 4, -1, &sink);
    double t_absent = median_run(memchr_absent, in, len, seconds / 4, -1, &sink);
    double mb = (double)len / 1e6;
    printf("{\"bytes\":%zu,\"body_bytes\":%llu,\"pages\":%llu,\"entities\":%llu,"
           "\"parse_s\":%.9f,\"parse_mb_s\":%.1f,\"ns_per_entity\":%.1f,"
           "\"memchr_quote_s\":%.9f,\"memchr_quote_mb_s\":%.1f,\"quotes\":%llu,"
           "\"memchr_absent_s\":%.9f,\"memchr_absent_mb_s\":%.1f,\"sink\":%llu}\n",
           len, (unsigned long long)last.bytes_body, (unsigned long long)last.pages,
           (unsigned long long)last.entities, t_parse, mb / t_parse,
           t_parse * 1e9 / (double)last.entities, t_quote, mb / t_quote,
           (unsigned long long)memchr_quotes(in, len), t_absent, mb / t_absent,
           (unsigned long long)(sink & 1u));
    return 0;
}
