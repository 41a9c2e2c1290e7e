/*
 * gcheal_board.h - optional hooks of the gcheal CLI (gcheal_main.c) for boards
 * that build the same CLI on another platform.
 *
 * gcheal_main.c defines both as weak no-ops; boards/linux uses those. The
 * linux-lwip board overrides them to bring up lwIP and its TAP netif before
 * the job and to print lwIP's statistics after it.
 */
#ifndef GCHEAL_BOARD_H
#define GCHEAL_BOARD_H

/* After the options are parsed, before any connection. 0, or the exit status. */
int gcheal_board_start(void);
/* Last thing before exit (after the job, on every path that started the board). */
void gcheal_board_finish(void);

#endif
