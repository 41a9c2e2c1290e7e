/*
 * gch_board_console.c - the device console on UART0 of the MPS2 AN386 (a
 * CMSDK APB UART at 0x40004000; QEMU connects it to -serial). Transmit only,
 * polled: a line waits for room in the one-byte transmit buffer, which at
 * 115200 baud costs ~87 us per byte, nothing next to a TLS handshake.
 */
#include <stdint.h>

#include "gch_board.h"

#define UART0_BASE 0x40004000u
#define UART_DATA (*(volatile uint32_t *)(UART0_BASE + 0x00u))
#define UART_STATE (*(volatile uint32_t *)(UART0_BASE + 0x04u))
#define UART_CTRL (*(volatile uint32_t *)(UART0_BASE + 0x08u))
#define UART_BAUDDIV (*(volatile uint32_t *)(UART0_BASE + 0x10u))
#define STATE_TX_FULL 1u
#define CTRL_TX_EN 1u

void gch_board_console_init(void)
{
    UART_BAUDDIV = GCH_BOARD_CPU_HZ / 115200u;
    UART_CTRL = CTRL_TX_EN;
}

void gch_board_console_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') {
            while (UART_STATE & STATE_TX_FULL) {
            }
            UART_DATA = '\r';
        }
        while (UART_STATE & STATE_TX_FULL) {
        }
        UART_DATA = (uint8_t)s[i];
    }
}
