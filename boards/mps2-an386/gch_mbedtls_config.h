/*
 * gch_mbedtls_config.h - Mbed TLS for the Cortex-M4 firmware: the shared
 * profile (port/gch_mbedtls_common.h) with smaller tables and buffers.
 *
 * The input record buffer stays at 16 KiB: servers (the Genesys API included)
 * send full-size records and ignore max_fragment_length. The output buffer
 * only carries our requests, which Mbed TLS splits into records anyway. No
 * MBEDTLS_MEMORY_DEBUG: the arena's high-water mark is measured by painting
 * (boards/mps2-an386/gch_board_mem.c).
 */
#ifndef GCH_MBEDTLS_CONFIG_H
#define GCH_MBEDTLS_CONFIG_H

#define MBEDTLS_HAVE_ASM                 /* Thumb-2 UMAAL bignum multiply */
#define MBEDTLS_SSL_OUT_CONTENT_LEN 2048
#define MBEDTLS_ECP_WINDOW_SIZE 2        /* smaller point tables in the arena */
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0  /* no precomputed comb tables in RAM */
#define MBEDTLS_MPI_WINDOW_SIZE 2        /* RSA verification only: small window */
#define MBEDTLS_MPI_MAX_SIZE 512         /* up to RSA-4096 */
#define MBEDTLS_PSA_KEY_SLOT_COUNT 8     /* a handful of keys live at once */
#define MBEDTLS_SHA256_SMALLER           /* looped SHA-256: less flash */
#define MBEDTLS_AES_FEWER_TABLES         /* 2 KiB of AES tables instead of 8 KiB */
/* PSA would otherwise copy every input and output buffer into the arena before
 * working on it (a guard for buffers shared across a trust boundary): for a
 * 16 KiB record that is 32 KiB of extra arena during each decryption. Here
 * every buffer belongs to this single-image firmware, and TLS decrypts records
 * exactly in place, which Mbed TLS's own AEAD code supports. */
#define MBEDTLS_PSA_ASSUME_EXCLUSIVE_BUFFERS

/* The allocator's corruption check ends the program: stop through the board
 * (semihosting exit), not libc's exit(), which would drag in its own machinery. */
void gch_board_mbedtls_exit(int status);
#define MBEDTLS_PLATFORM_EXIT_MACRO gch_board_mbedtls_exit

#include "gch_mbedtls_common.h"
#endif
