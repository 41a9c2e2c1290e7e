/*
 * gch_lwip_board.h - what a board supplies to platform/lwip.
 *
 * platform/lwip implements only the net part of port/gch_port.h, on lwIP's raw
 * TCP API with NO_SYS=1, and lwIP's sys_now() from gch_clock_ms(). Everything
 * that depends on the hardware comes from the board, bound at link time:
 *
 *   gch_lwip_board_poll()   declared here (below)
 *   gch_clock_ms            monotonic ms (also lwIP's sys_now)   } declared in
 *   gch_clock_wall          UTC seconds or -1 (certificate dates) } port/gch_port.h,
 *   gch_entropy_fill        strong random bytes or an error       } with the same
 *   gch_sleep_ms            must keep calling gch_lwip_board_poll } contract as
 *                           while it waits (TCP timers, ACKs)     } on POSIX
 *   gch_port_cancelled      the user asked to stop
 *   gch_log_write           one line at a level
 *
 * The board also owns lwIP's life cycle: it calls lwip_init(), adds and brings
 * up its netif (and sets it default) before the first gch_net_connect, and puts
 * its lwipopts.h (NO_SYS 1, LWIP_TCP 1, LWIP_CALLBACK_API 1; LWIP_DNS optional:
 * without it only numeric IPv4 hosts connect, a name is GCH_ERR_DNS) on the
 * include path. Single-threaded: every lwIP call, including the board's poll,
 * happens on the thread that runs gcheal.
 */
#ifndef GCH_LWIP_BOARD_H
#define GCH_LWIP_BOARD_H

/* Move whatever frames are waiting between the MAC (or TAP) and lwIP (netif->input
 * for each received frame), then run sys_check_timeouts(). Must not block for long:
 * the blocking net calls loop on it until data, room, close or their deadline.
 * It may wait briefly for a frame (a few ms) to spare the CPU on a host. */
void gch_lwip_board_poll(void);

#endif
