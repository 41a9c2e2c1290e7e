/*
 * gch_lan9118.c - the MPS2 AN386 board's Ethernet MAC (SMSC LAN9118) driven by
 * polling, for lwIP (NO_SYS=1). Written for this project from the LAN9118
 * datasheet's register map; the same driver runs on the FPGA board and on
 * QEMU's model of it.
 *
 * Transmit: command words A and B, then the frame as 32-bit words; TX status
 * may overrun (nobody reads it), errors there are counted by the chip only.
 * Receive: one status word per frame (length includes the 4-byte FCS), then
 * the frame words. A frame is popped only once lwIP has a pbuf for it, so the
 * chip's 16 KiB FIFO absorbs bursts the small pbuf pool cannot.
 */
#include "gch_lan9118.h"

#include <stdint.h>
#include <string.h>

#include "lwip/etharp.h"
#include "lwip/pbuf.h"

/* Register offsets (datasheet section 5, "System Control and Status Registers"). */
enum {
    RX_DATA_FIFO = 0x00, TX_DATA_FIFO = 0x20, RX_STATUS_FIFO = 0x40, RX_STATUS_PEEK = 0x44,
    BYTE_TEST = 0x64, RX_CFG = 0x6C, TX_CFG = 0x70, HW_CFG = 0x74, RX_FIFO_INF = 0x7C,
    TX_FIFO_INF = 0x80, PMT_CTRL = 0x84, MAC_CSR_CMD = 0xA4, MAC_CSR_DATA = 0xA8,
    INT_EN = 0x5C
};
/* MAC control registers, reached through MAC_CSR_CMD/DATA. */
enum { MAC_CR = 1, MAC_ADDRH = 2, MAC_ADDRL = 3 };

#define BYTE_TEST_VALUE 0x87654321u
#define HW_CFG_SRST (1u << 0)
#define PMT_CTRL_READY (1u << 0)
#define CSR_BUSY (1u << 31)
#define CSR_READ (1u << 30)
#define MAC_CR_RXEN (1u << 2)
#define MAC_CR_TXEN (1u << 3)
#define MAC_CR_FDPX (1u << 20)
#define TX_CFG_TX_ON (1u << 1)
#define TX_CFG_TXSAO (1u << 2)   /* TX status may overrun: we never read it */
#define TXA_FIRST (1u << 13)
#define TXA_LAST (1u << 12)
#define RXS_ERROR (1u << 15)
#define FRAME_MAX 1536u
#define SPIN_LIMIT 100000u       /* register polls before we call the chip dead */

static uint32_t frame[FRAME_MAX / 4]; /* one frame, word aligned for the FIFOs */
static uint64_t bytes_in, bytes_out;  /* frames handed over, without FCS */

void gch_lan9118_bytes(uint64_t *in, uint64_t *out)
{
    *in = bytes_in;
    *out = bytes_out;
}

static volatile uint32_t *reg(const struct netif *n, uint32_t off)
{
    return (volatile uint32_t *)((uintptr_t)n->state + off);
}

static int wait_clear(const struct netif *n, uint32_t off, uint32_t mask)
{
    for (uint32_t i = 0; i < SPIN_LIMIT; i++) {
        if ((*reg(n, off) & mask) == 0) {
            return 0;
        }
    }
    return -1;
}

static int mac_write(const struct netif *n, uint32_t index, uint32_t value)
{
    if (wait_clear(n, MAC_CSR_CMD, CSR_BUSY) != 0) {
        return -1;
    }
    *reg(n, MAC_CSR_DATA) = value;
    *reg(n, MAC_CSR_CMD) = CSR_BUSY | index;
    return wait_clear(n, MAC_CSR_CMD, CSR_BUSY);
}

static uint32_t mac_read(const struct netif *n, uint32_t index)
{
    if (wait_clear(n, MAC_CSR_CMD, CSR_BUSY) != 0) {
        return 0;
    }
    *reg(n, MAC_CSR_CMD) = CSR_BUSY | CSR_READ | index;
    (void)wait_clear(n, MAC_CSR_CMD, CSR_BUSY);
    return *reg(n, MAC_CSR_DATA);
}

/* The address the chip loaded from its EEPROM (QEMU: the -nic's), or a fixed
 * locally administered one when there is none. */
static void set_mac_address(struct netif *n)
{
    uint32_t lo = mac_read(n, MAC_ADDRL), hi = mac_read(n, MAC_ADDRH) & 0xFFFFu;
    if ((lo == 0 && hi == 0) || (lo == 0xFFFFFFFFu && hi == 0xFFFFu)) {
        lo = 0x00A00202u; /* 02:02:a0:00:00:01 */
        hi = 0x0100u;
        (void)mac_write(n, MAC_ADDRL, lo);
        (void)mac_write(n, MAC_ADDRH, hi);
    }
    for (int i = 0; i < 4; i++) {
        n->hwaddr[i] = (u8_t)(lo >> (8 * i));
    }
    n->hwaddr[4] = (u8_t)hi;
    n->hwaddr[5] = (u8_t)(hi >> 8);
    n->hwaddr_len = ETH_HWADDR_LEN;
}

static err_t linkoutput(struct netif *n, struct pbuf *p)
{
    if (p->tot_len > FRAME_MAX) {
        return ERR_BUF;
    }
    uint32_t len = p->tot_len;
    (void)pbuf_copy_partial(p, frame, p->tot_len, 0);
    uint32_t words = (len + 3u) / 4u;
    /* Wait for room: both command words and the data. */
    uint32_t i = 0;
    while ((*reg(n, TX_FIFO_INF) & 0xFFFFu) < words * 4u + 8u) {
        if (++i == SPIN_LIMIT) {
            return ERR_IF;
        }
    }
    *reg(n, TX_DATA_FIFO) = TXA_FIRST | TXA_LAST | len;
    *reg(n, TX_DATA_FIFO) = (len << 16) | len; /* packet tag = length, length */
    for (i = 0; i < words; i++) {
        *reg(n, TX_DATA_FIFO) = frame[i];
    }
    bytes_out += len;
    return ERR_OK;
}

err_t gch_lan9118_netif_init(struct netif *n)
{
    if (*reg(n, BYTE_TEST) != BYTE_TEST_VALUE) {
        return ERR_IF;
    }
    *reg(n, HW_CFG) = HW_CFG_SRST;
    if (wait_clear(n, HW_CFG, HW_CFG_SRST) != 0) {
        return ERR_IF;
    }
    for (uint32_t i = 0; (*reg(n, PMT_CTRL) & PMT_CTRL_READY) == 0; i++) {
        if (i == SPIN_LIMIT) {
            return ERR_IF;
        }
    }
    *reg(n, INT_EN) = 0; /* polled */
    set_mac_address(n);
    *reg(n, RX_CFG) = 0; /* no offset, no end padding */
    *reg(n, TX_CFG) = TX_CFG_TX_ON | TX_CFG_TXSAO;
    if (mac_write(n, MAC_CR, MAC_CR_RXEN | MAC_CR_TXEN | MAC_CR_FDPX) != 0) {
        return ERR_IF;
    }
    n->name[0] = 'e';
    n->name[1] = '0';
    n->mtu = 1500;
    n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
    n->output = etharp_output;
    n->linkoutput = linkoutput;
    return ERR_OK;
}

/* Pop one frame's words (already announced by its status word) into frame[]. */
static void read_words(const struct netif *n, uint32_t bytes)
{
    uint32_t words = (bytes + 3u) / 4u;
    for (uint32_t i = 0; i < words; i++) {
        uint32_t w = *reg(n, RX_DATA_FIFO);
        if (i < FRAME_MAX / 4u) {
            frame[i] = w;
        }
    }
}

int gch_lan9118_poll(struct netif *n)
{
    int delivered = 0;
    while (((*reg(n, RX_FIFO_INF) >> 16) & 0xFFu) != 0) {
        uint32_t status = *reg(n, RX_STATUS_PEEK);
        uint32_t bytes = (status >> 16) & 0x3FFFu;  /* includes the FCS */
        uint32_t len = bytes >= 4u ? bytes - 4u : 0u;
        struct pbuf *p = NULL;
        if ((status & RXS_ERROR) == 0 && len > 0 && len <= FRAME_MAX) {
            p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
            if (p == NULL) {
                break; /* lwIP is full: leave the frame in the chip for now */
            }
        }
        (void)*reg(n, RX_STATUS_FIFO); /* pop the status we peeked */
        read_words(n, bytes);
        if (p == NULL) {
            continue; /* a bad frame: dropped */
        }
        (void)pbuf_take(p, frame, (u16_t)len);
        bytes_in += len;
        if (n->input(p, n) != ERR_OK) {
            pbuf_free(p);
        } else {
            delivered++;
        }
    }
    return delivered;
}
