/*
 * gch_board.h - MPS2 AN386 board facts and the calls the firmware's main makes
 * into the board files (clock, network, memory marks).
 */
#ifndef GCH_BOARD_H
#define GCH_BOARD_H

#include <stddef.h>
#include <stdint.h>

#define GCH_BOARD_CPU_HZ 25000000u      /* MPS2 FPGA images run the core at 25 MHz */
#define GCH_BOARD_LAN9118_BASE 0x40200000u
#define GCH_BOARD_EXIT_FAULT 99         /* a CPU fault stopped the firmware */

/* SysTick at 1 kHz and the wall clock; before anything reads a clock. */
void gch_board_clock_init(void);

/* lwIP up with the LAN9118 netif, static address (QEMU user networking
 * defaults: 10.0.2.15/24, gateway 10.0.2.2). Returns 0, or -1 when the MAC
 * did not answer. */
int gch_board_net_init(void);

/* Bytes of the stack ever used (painted at reset) and its size. */
size_t gch_board_stack_peak(void);
size_t gch_board_stack_size(void);

/* Mbed TLS arena: paint the free part after its set-up, then report the
 * highest byte ever written (see gch_board_mem.c). */
void gch_board_arena_paint(void);
size_t gch_board_arena_peak(void);

#endif
