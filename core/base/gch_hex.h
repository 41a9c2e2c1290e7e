/*
 * gch_hex.h - the value of one hexadecimal digit, for every parser that reads
 * them (JSON \uXXXX escapes, percent-encoding, IPv6 literals).
 */
#ifndef GCH_HEX_H
#define GCH_HEX_H

/* 0..15 for '0'-'9', 'a'-'f', 'A'-'F'; -1 for anything else. */
static inline int gch_hex_digit(unsigned char c)
{
    unsigned u = c;
    if (u - '0' < 10u) {
        return (int)(u - '0');
    }
    u |= 0x20u; /* lower case */
    if (u - 'a' < 6u) {
        return (int)(u - 'a') + 10;
    }
    return -1;
}

#endif
