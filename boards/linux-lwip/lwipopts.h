/*
 * lwipopts.h - lwIP configuration of the linux-lwip board: gcheal over lwIP's raw
 * TCP API on a TAP device, sized for one TLS connection at a time.
 *
 * No heap at all: MEM_LIBC_MALLOC 0 and MEMP_MEM_MALLOC 0 put lwIP's small heap
 * (MEM_SIZE, used for the copies tcp_write makes) and every pool in static
 * arrays. The receive window is bounded by the pbuf pool: platform/lwip holds
 * received pbufs until gcheal has read them and only then reopens the window,
 * so PBUF_POOL_SIZE must cover TCP_WND in full-size segments plus headroom for
 * ARP, ACK-only and small segments. Stats are on so the board can print TCP
 * counters and pool high-water marks at exit (the proof lwIP carried the run).
 */
#ifndef GCH_LWIPOPTS_H
#define GCH_LWIPOPTS_H

/* --- system: bare-metal style, one thread, no OS layer --- */
#define NO_SYS                      1
#define SYS_LIGHTWEIGHT_PROT        0
#define LWIP_NETCONN                0
#define LWIP_SOCKET                 0
#define LWIP_CALLBACK_API           1

/* --- memory: static only --- */
#define MEM_LIBC_MALLOC             0
#define MEMP_MEM_MALLOC             0
#define MEM_USE_POOLS               0
#define MEM_ALIGNMENT               8   /* 4 on a Cortex-M4 */
#define MEM_SIZE                    (12 * 1024) /* TCP_SND_BUF of copies + headers */
#define MEMP_NUM_PBUF               8   /* PBUF_REF/ROM: few, we always copy */
#define MEMP_NUM_RAW_PCB            0
#define MEMP_NUM_UDP_PCB            1   /* the DNS client */
#define MEMP_NUM_TCP_PCB            4   /* one live connection + TIME_WAITs (recycled) */
#define MEMP_NUM_TCP_PCB_LISTEN     1
#define MEMP_NUM_TCP_SEG            24  /* >= TCP_SND_QUEUELEN */
#define MEMP_NUM_ARP_QUEUE          4
#define PBUF_POOL_SIZE              16
/* PBUF_POOL_BUFSIZE: lwIP's default, one full Ethernet frame per pbuf. */

/* --- protocols --- */
#define LWIP_IPV4                   1
#define LWIP_IPV6                   0
#define LWIP_ARP                    1
#define LWIP_ETHERNET               1
#define ETHARP_SUPPORT_STATIC_ENTRIES 0
#define ARP_TABLE_SIZE              4
#define ARP_QUEUEING                1
#define IP_REASSEMBLY               0
#define IP_FRAG                     0
#define LWIP_ICMP                   1
#define LWIP_RAW                    0
#define LWIP_UDP                    1
#define LWIP_DHCP                   0
#define LWIP_AUTOIP                 0
#define LWIP_IGMP                   0
#define LWIP_DNS                    1
#define DNS_TABLE_SIZE              2
#define DNS_MAX_SERVERS             1
#define DNS_MAX_NAME_LENGTH         128
#define LWIP_NETIF_HOSTNAME         0
#define LWIP_NETIF_STATUS_CALLBACK  0
#define LWIP_NETIF_LINK_CALLBACK    0
#define LWIP_SINGLE_NETIF           1

/* --- TCP: one TLS connection (16 KiB records) at a time --- */
#define LWIP_TCP                    1
#define TCP_MSS                     1460
#define TCP_WND                     (8 * TCP_MSS)
#define TCP_SND_BUF                 (4 * TCP_MSS)
#define TCP_SND_QUEUELEN            ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS))
#define TCP_QUEUE_OOSEQ             0   /* a lost segment is resent: no pool for holes */
#define LWIP_TCP_KEEPALIVE          0
#define TCP_LISTEN_BACKLOG          0
#define LWIP_RANDOMIZE_INITIAL_LOCAL_PORTS 1 /* runs in a row do not reuse 4-tuples */

/* --- checksums in software (a TAP device does none) --- */
#define LWIP_CHECKSUM_ON_COPY       0

/* --- stats: TCP counters (incl. MIB2 retransmits) and pool high-water marks --- */
#define LWIP_STATS                  1
#define LWIP_STATS_DISPLAY          0
#define LINK_STATS                  1
#define ETHARP_STATS                1
#define IP_STATS                    1
#define TCP_STATS                   1
#define UDP_STATS                   0
#define ICMP_STATS                  0
#define MEM_STATS                   1
#define MEMP_STATS                  1
#define SYS_STATS                   0
#define MIB2_STATS                  1


#endif
