/*
 * gcheal_proxy.c - the CLI's HTTP proxy (see gcheal_proxy.h).
 */
#define _DEFAULT_SOURCE /* explicit_bzero */
#include "gcheal_proxy.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "gcheal_journal.h"

static gch_proxy_t proxy;
static bool in_use;
static char line[2 * GCHEAL_PROXY_CRED_MAX + 2]; /* the user file's first line */

/* "user:password" on the first line of path, split in place. 0 or -1 after a message. */
static int read_user_file(const char *path, char **user, char **password)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "%sgcheal: cannot open proxy user file %s\n", gcheal_journal_prefix(GCHEAL_LOG_ERR), path);
        return -1;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && (st.st_mode & 077) != 0) {
        fprintf(stderr, "%sgcheal: warning: proxy user file %s is readable by group or others (chmod 600 it)\n",
                gcheal_journal_prefix(GCHEAL_LOG_WARNING), path);
    }
    size_t n = fread(line, 1, sizeof line - 1, f);
    int too_big = !feof(f);
    fclose(f);
    char *eol = memchr(line, '\n', n);
    n = eol != NULL ? (size_t)(eol - line) : n;
    while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t')) {
        n--;
    }
    line[n] = '\0';
    char *colon = memchr(line, ':', n);
    if ((too_big && eol == NULL) || colon == NULL || colon == line || memchr(line, '\0', n) != NULL) {
        explicit_bzero(line, sizeof line);
        fprintf(stderr, "%sgcheal: proxy user file %s must hold \"user:password\" on its first line "
                        "(at most %u bytes)\n", gcheal_journal_prefix(GCHEAL_LOG_ERR), path,
                (unsigned)sizeof line - 2u);
        return -1;
    }
    *colon = '\0';
    *user = line;
    *password = colon + 1;
    return 0;
}

int gcheal_proxy_setup(gcheal_opts_t *o, gch_tls_connector_t *tc)
{
    int rc = 0;
    if (o->proxy_source != NULL) {
        char *user = o->proxy_has_credentials ? o->proxy_user : NULL;
        char *password = o->proxy_has_credentials ? o->proxy_password : NULL;
        if (o->proxy_user_file != NULL && read_user_file(o->proxy_user_file, &user, &password) != 0) {
            rc = 2;
        }
        gch_status_t st = rc == 0 ? gch_proxy_init(&proxy, o->proxy_host, o->proxy_port, user, password,
                                                   o->no_proxy)
                                  : GCH_OK;
        if (st != GCH_OK) {
            fprintf(stderr, "%sgcheal: proxy credentials: %s\n", gcheal_journal_prefix(GCHEAL_LOG_ERR),
                    st == GCH_ERR_NOSPACE ? "too long" : "a control character, or ':' in the user name");
            rc = 2;
        }
        if (rc == 0) {
            gch_tls_connector_set_dialer(tc, gch_proxy_dialer(&proxy));
            in_use = true;
        }
    } else if (o->proxy_user_file != NULL) {
        fprintf(stderr, "%sgcheal: warning: --proxy-user-file without a proxy (--proxy, https_proxy or "
                        "HTTPS_PROXY): ignored\n", gcheal_journal_prefix(GCHEAL_LOG_WARNING));
    }
    explicit_bzero(line, sizeof line);
    explicit_bzero(o->proxy_user, sizeof o->proxy_user);
    explicit_bzero(o->proxy_password, sizeof o->proxy_password);
    return rc;
}

const gch_proxy_t *gcheal_proxy_in_use(void)
{
    return in_use ? &proxy : NULL;
}

void gcheal_proxy_finish(void)
{
    gch_proxy_wipe(&proxy);
    in_use = false;
}
