/*
 * gch_fw_args.c - reads the firmware's command line (see gch_fw_args.h): the
 * same option names and ranges as the gcheal CLI, a subset of them. Strict:
 * an unknown option or a bad number is a usage error (exit 2), as on Linux.
 */
#include "gch_fw_args.h"

#include <string.h>

#include "gch_fw_defaults.h"
#include "gch_semihost.h"

static void say(const char *a, const char *b)
{
    gch_semihost_write(2, "gcheal: ", 8);
    gch_semihost_write(2, a, strlen(a));
    gch_semihost_write(2, b, strlen(b));
    gch_semihost_write(2, "\n", 1);
}

/* Digits only, lo..hi. */
static int number(const char *s, long lo, long hi, long *out)
{
    long v = 0;
    if (*s == '\0') {
        return -1;
    }
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9' || v > hi) {
            return -1;
        }
        v = v * 10 + (*s - '0');
    }
    if (v < lo || v > hi) {
        return -1;
    }
    *out = v;
    return 0;
}

/* "host[:port]" in place; an IPv6 literal is not supported (lwIP built IPv4-only). */
static int host_port(char *s, char **host, uint16_t *port)
{
    char *colon = strchr(s, ':');
    long p = GCH_FW_DEFAULT_PORT;
    if (colon != NULL) {
        *colon = '\0';
        if (number(colon + 1, 1, 65535, &p) != 0) {
            return -1;
        }
    }
    if (*s == '\0') {
        return -1;
    }
    *host = s;
    *port = (uint16_t)p;
    return 0;
}

static char *next_word(char **cur)
{
    char *s = *cur;
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    if (*s == '\0') {
        return NULL;
    }
    char *w = s;
    while (*s != '\0' && *s != ' ' && *s != '\t') {
        s++;
    }
    if (*s != '\0') {
        *s++ = '\0';
    }
    *cur = s;
    return w;
}

static void defaults(gch_fw_args_t *a)
{
    memset(a, 0, sizeof *a);
    static char api[] = GCH_FW_DEFAULT_API_HOST, login[] = GCH_FW_DEFAULT_LOGIN_HOST;
    static char id[] = GCH_FW_DEFAULT_CLIENT_ID;
    a->fix = GCH_FW_DEFAULT_MODE_FIX != 0;
    a->api_host = api;
    a->login_host = login;
    a->api_port = a->login_port = GCH_FW_DEFAULT_PORT;
    a->client_id = id;
    a->min_timeout = GCH_FW_DEFAULT_MIN_TIMEOUT;
    a->unset_is = GCH_FW_DEFAULT_UNSET_IS;
}

/* One option with a value; returns 0, or -1 on a bad value. */
static int option(gch_fw_args_t *a, const char *name, char *val)
{
    long v = 0;
    if (strcmp(name, "--api-host") == 0) {
        return host_port(val, &a->api_host, &a->api_port);
    } else if (strcmp(name, "--login-host") == 0) {
        return host_port(val, &a->login_host, &a->login_port);
    } else if (strcmp(name, "--client-id") == 0) {
        a->client_id = val;
        return 0;
    } else if (strcmp(name, "--client-secret-file") == 0) {
        a->client_secret_file = val;
        return 0;
    } else if (strcmp(name, "--min-timeout") == 0 && number(val, 1, 60, &v) == 0) {
        a->min_timeout = (int)v;
        return 0;
    } else if (strcmp(name, "--set-timeout") == 0 && number(val, 1, 60, &v) == 0) {
        a->set_timeout = (int)v;
        return 0;
    } else if (strcmp(name, "--unset-is") == 0 && number(val, 1, 60, &v) == 0) {
        a->unset_is = (int)v;
        return 0;
    }
    return -1;
}

int gch_fw_args_parse(char *cmdline, gch_fw_args_t *a)
{
    defaults(a);
    char *cur = cmdline;
    (void)next_word(&cur); /* the kernel's path */
    for (char *w; (w = next_word(&cur)) != NULL;) {
        if (strcmp(w, "scan") == 0 || strcmp(w, "fix") == 0) {
            a->fix = w[0] == 'f';
        } else if (strcmp(w, "--dry-run") == 0) {
            a->dry_run = true;
        } else if (strcmp(w, "-v") == 0) {
            a->verbose++;
        } else if (strncmp(w, "--", 2) == 0) {
            char *val = next_word(&cur);
            if (val == NULL || option(a, w, val) != 0) {
                say("bad or unknown option ", w);
                return 2;
            }
        } else {
            say("unexpected argument ", w);
            return 2;
        }
    }
    if (a->client_id[0] == '\0' || a->client_secret_file == NULL) {
        say("no credentials: ", "--client-id ID --client-secret-file PATH");
        return 2;
    }
    return 0;
}
