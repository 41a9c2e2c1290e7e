/*
 * lwipopts.h - lwIP for the MPS2 AN386 firmware: NO_SYS=1, raw TCP API, IPv4
 * with an address, gateway and DNS servers from DHCP, host names through
 * lwIP's DNS client, every pool static and small.
 *
 * One TCP connection is open at a time (the board keeps one TLS session), a
 * second pcb covers a connection in TIME_WAIT or being closed. The receive
 * window is four segments: the LAN9118 keeps frames in its own 16 KiB FIFO
 * while lwIP has no pbuf free, so a small pool slows the peer down instead of
 * dropping data. lwIP's "heap" (MEM_SIZE) is a static array, used only for
 * outgoing segments.
 */
#ifndef GCH_LWIPOPTS_H
#define GCH_LWIPOPTS_H

#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0          /* single thread, no lwIP call from interrupts */
#define LWIP_NETCONN 0
#define LWIP_SOCKET 0
#define LWIP_CALLBACK_API 1

#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1                     /* answers ping: handy when bringing up a board */
#define LWIP_UDP 1                      /* DHCP and DNS */
#define LWIP_DHCP 1                     /* lease, renewal, rebinding, a new lease when lost */
#define LWIP_DHCP_DOES_ACD_CHECK 0      /* no ARP probe of the offer: seconds and flash saved */
#define DHCP_COARSE_TIMER_SECS 1        /* lease, T1, T2 timed to the second, not the minute
                                         * (timeouts stay u16: a lease over 18 h is treated as
                                         * 18 h, which only renews it sooner) */
#define LWIP_DNS 1                      /* login and API hosts by name */
#define DNS_TABLE_SIZE 2                /* the login and the API host */
#define DNS_MAX_NAME_LENGTH 64          /* longest provisioned host name + 1 */
#define DNS_MAX_SERVERS 2               /* from the lease */
#define LWIP_RAW 0
#define LWIP_TCP 1
#define IP_REASSEMBLY 0
#define IP_FRAG 0
/* Statistics: only the heap's bytes in use, which the watch loop compares
 * between runs (the pools it counts by walking their free lists). */
#define LWIP_STATS 1
#define MEM_STATS 1
#define LINK_STATS 0
#define ETHARP_STATS 0
#define IP_STATS 0
#define ICMP_STATS 0
#define UDP_STATS 0
#define TCP_STATS 0
#define MEMP_STATS 0
#define SYS_STATS 0
#define LWIP_NETIF_STATUS_CALLBACK 0
#define LWIP_NETIF_LINK_CALLBACK 0
#define LWIP_CHKSUM_ALGORITHM 3

#define MEM_ALIGNMENT 4
#define MEM_SIZE 4096                   /* outgoing TCP data + headers */
#define MEMP_NUM_PBUF 8
#define MEMP_NUM_TCP_PCB 2
#define MEMP_NUM_TCP_PCB_LISTEN 0
#define MEMP_NUM_TCP_SEG 8
#define MEMP_NUM_SYS_TIMEOUT LWIP_NUM_SYS_TIMEOUT_INTERNAL
#define MEMP_NUM_UDP_PCB 3              /* DHCP, DNS, DNS's random source port */
#define PBUF_POOL_SIZE 6
#define PBUF_POOL_BUFSIZE 1536          /* one Ethernet frame per pbuf */
#define ARP_TABLE_SIZE 2

#define TCP_MSS 1460
#define TCP_WND (4 * TCP_MSS)
#define TCP_SND_BUF (2 * TCP_MSS)
#define TCP_SND_QUEUELEN 8
#define TCP_QUEUE_OOSEQ 0               /* no pool to spare for out-of-order segments */
#define LWIP_TCP_KEEPALIVE 0

#endif
