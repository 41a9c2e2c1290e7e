/*
 * gch_lwip_stats.c - print lwIP's TCP counters and its pool high-water marks.
 *
 * The TCP line is the evidence that lwIP, not the kernel, carried the run:
 * segments sent and received (lwip_stats.tcp, every segment incl. bare ACKs),
 * active opens, closes and retransmits (MIB2 counters: "closes" is
 * tcpEstabResets, which lwIP counts when it leaves ESTABLISHED or CLOSE_WAIT,
 * by our FIN too; lwIP 2.2.1 counts only fast retransmits in tcpRetransSegs,
 * not timer-driven ones). The pool line gives, per
 * memp pool, elements in use now, the peak, and the configured count, plus
 * lwIP's small static heap in bytes: the figures to size a board's lwipopts.h.
 */
#include "gch_lwip_stats.h"

#include "lwip/memp.h"
#include "lwip/priv/memp_priv.h"
#include "lwip/stats.h"

/* Pool names in memp_t order (lwIP keeps its own only in debug builds). */
static const char *const pool_names[MEMP_MAX] = {
#define LWIP_MEMPOOL(name, num, size, desc) #name,
#include "lwip/priv/memp_std.h"
};

void gch_lwip_stats_print(FILE *out, const gch_tapif_t *tap)
{
    const struct stats_proto *t = &lwip_stats.tcp;
    const struct stats_mib2 *m = &lwip_stats.mib2;
    fprintf(out, "gcheal-lwip: tcp sent=%lu received=%lu retransmits=%lu opens=%lu closes=%lu "
                 "failed-opens=%lu dropped=%lu memerr=%lu chkerr=%lu; link frames-in=%lu "
                 "frames-out=%lu no-pbuf=%lu\n",
            (unsigned long)t->xmit, (unsigned long)t->recv, (unsigned long)m->tcpretranssegs,
            (unsigned long)m->tcpactiveopens, (unsigned long)m->tcpestabresets,
            (unsigned long)m->tcpattemptfails, (unsigned long)t->drop, (unsigned long)t->memerr,
            (unsigned long)t->chkerr, (unsigned long)tap->rx_frames, (unsigned long)tap->tx_frames,
            (unsigned long)tap->rx_dropped);
    fprintf(out, "gcheal-lwip: pools (in use/peak/size)");
    for (int i = 0; i < (int)MEMP_MAX; i++) {
        const struct stats_mem *s = lwip_stats.memp[i];
        if (s != NULL && s->avail > 0) {
            fprintf(out, " %s=%u/%u/%u", pool_names[i], (unsigned)s->used, (unsigned)s->max,
                    (unsigned)s->avail);
        }
    }
    fprintf(out, " heap=%lu/%lu/%lu bytes\n", (unsigned long)lwip_stats.mem.used,
            (unsigned long)lwip_stats.mem.max, (unsigned long)lwip_stats.mem.avail);
}
