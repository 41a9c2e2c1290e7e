/*
 * gch_fw_ca.h - the trusted CA compiled into the firmware (generated from
 * MCU_CA_FILE by gen_ca.py into build/mcu/gch_fw_ca.c). A real board may keep
 * it in a separate flash sector or secure storage so it can be rotated
 * without a firmware update; the porting interface does not care.
 */
#ifndef GCH_FW_CA_H
#define GCH_FW_CA_H

#include <stddef.h>
#include <stdint.h>

extern const uint8_t gch_fw_ca[];   /* PEM text including its terminating NUL */
extern const size_t gch_fw_ca_len;  /* bytes including the NUL */
extern const char gch_fw_ca_name[]; /* file it came from, for -v */

#endif
