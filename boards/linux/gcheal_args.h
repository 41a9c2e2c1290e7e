/*
 * gcheal_args.h - the command line and environment of build/gcheal, checked
 * strictly (digits only, ranges, no secret on the command line) into one
 * options struct. No I/O beyond getenv and the usage messages on stderr.
 */
#ifndef GCHEAL_ARGS_H
#define GCHEAL_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#define GCHEAL_MAX_NAMES 32
#define GCHEAL_HOST_MAX 256
#define GCHEAL_PROXY_CRED_MAX 256 /* proxy user, and password, NUL included */

typedef enum { GCHEAL_CMD_NONE = 0, GCHEAL_CMD_SCAN, GCHEAL_CMD_FIX, GCHEAL_CMD_WATCH, GCHEAL_CMD_UNDO } gcheal_cmd_t;

typedef struct {
    gcheal_cmd_t cmd;
    bool help, version;
    char domain[GCHEAL_HOST_MAX];     /* from --region / env / default */
    char api_host[GCHEAL_HOST_MAX];   /* host only, no brackets */
    uint16_t api_port;
    char login_host[GCHEAL_HOST_MAX];
    uint16_t login_port;
    const char *ca_file;              /* --ca-file; the system bundle unless --ca-path is given */
    const char *ca_path;              /* --ca-path: hashed directory (c_rehash), or NULL */
    const char *client_id;            /* environment; borrowed */
    const char *client_secret_env;    /* environment; borrowed; NULL when a file is used */
    const char *client_secret_file;   /* --client-secret-file */
    int min_timeout, set_timeout, unset_is;
    const char *names[GCHEAL_MAX_NAMES];
    unsigned name_count;
    const char *category, *integration_id;
    bool dry_run;
    uint32_t interval_s, max_runs;
    const char *status_file;          /* --status-file: JSON about the last run */
    const char *audit_log;            /* --audit-log: one JSON line per change (fix, watch, undo) */
    char since[24];                   /* undo --since, normalized; "" = all */
    uint32_t io_timeout_s, request_timeout_s;
    uint32_t page_size;               /* --page-size: entities per list page */
    bool json;
    int verbose;                      /* -v count */
    bool quiet;
    /* HTTP proxy: --proxy, else https_proxy, else HTTPS_PROXY (never printed whole). */
    const char *proxy_arg;            /* --proxy URL as given */
    const char *proxy_source;         /* which of the three named it; NULL: no proxy */
    char proxy_host[GCHEAL_HOST_MAX]; /* no brackets */
    uint16_t proxy_port;
    bool proxy_has_credentials;       /* user (and password) below, from the URL */
    char proxy_user[GCHEAL_PROXY_CRED_MAX];     /* percent-decoded; secret: wiped once used */
    char proxy_password[GCHEAL_PROXY_CRED_MAX];
    const char *proxy_user_file;      /* --proxy-user-file: "user:password" on its first line */
    const char *no_proxy;             /* no_proxy, else NO_PROXY; borrowed */
} gcheal_opts_t;

/* Parses argv and the environment. Returns 0, or 2 after printing one line
 * "gcheal: ..." on stderr (usage or configuration error). --help and
 * --version return 0 with the flag set and nothing else checked. Proxy
 * credentials given in --proxy are copied out and overwritten in argv, so
 * ps and /proc no longer show them. */
int gcheal_parse_args(int argc, char **argv, gcheal_opts_t *o);

/* The --help text. */
void gcheal_print_usage(void);

#endif
