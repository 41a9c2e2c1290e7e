/* gch_platform.h (POSIX) - connection state for BSD sockets. */
#ifndef GCH_PLATFORM_H
#define GCH_PLATFORM_H

struct gch_net {
    int fd;                 /* -1 when not connected */
    char peer[64];          /* numeric peer address, for logs and tests */
};

#define GCH_NET_INIT { -1, "" }

#endif
