/*
 * gcheal_args.c - argv and environment -> gcheal_opts_t.
 *
 * Every option is a row of one table: its name, what it fills and, for a
 * number, the accepted range. Numbers are digits only (no sign, no spaces, no
 * hex), so "--min-timeout 5s" or "--max-runs -1" is a usage error rather than a
 * surprise. The client secret has no flag on purpose: command lines are visible
 * to every user of the machine (ps, /proc).
 */
#include "gcheal_args.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/gch_version.h"
#include "base/gch_wipe.h"
#include "gcheal_journal.h"
#include "gcheal_regions.h"
#include "gcheal_undo.h"
#include "gcheal_status.h"
#include "http/gch_proxy_url.h"

#define DEFAULT_CA "/etc/ssl/certs/ca-certificates.crt"

typedef enum { OPT_FLAG, OPT_STR, OPT_NUM, OPT_NAME } opt_kind_t;

typedef struct {
    const char *name;
    opt_kind_t kind;
    size_t offset;        /* of the bool, const char *, or uint32_t/int field */
    bool is_int;          /* OPT_NUM: the field is an int (else uint32_t) */
    uint32_t min, max;    /* OPT_NUM range */
} opt_t;

#define F(field) offsetof(gcheal_opts_t, field)

/* Values not stored directly (region, hosts) land in these until resolved. */
typedef struct {
    const char *region, *api_host, *login_host, *since;
    bool set_given;
} raw_t;

static raw_t raw;

static const opt_t options[] = {
    { "--dry-run", OPT_FLAG, F(dry_run), false, 0, 0 },
    { "--json", OPT_FLAG, F(json), false, 0, 0 },
    { "--help", OPT_FLAG, F(help), false, 0, 0 },
    { "--version", OPT_FLAG, F(version), false, 0, 0 },
    { "--ca-file", OPT_STR, F(ca_file), false, 0, 0 },
    { "--ca-path", OPT_STR, F(ca_path), false, 0, 0 },
    { "--client-secret-file", OPT_STR, F(client_secret_file), false, 0, 0 },
    { "--proxy", OPT_STR, F(proxy_arg), false, 0, 0 },
    { "--proxy-user-file", OPT_STR, F(proxy_user_file), false, 0, 0 },
    { "--category", OPT_STR, F(category), false, 0, 0 },
    { "--integration", OPT_STR, F(integration_id), false, 0, 0 },
    { "--status-file", OPT_STR, F(status_file), false, 0, 0 },
    { "--audit-log", OPT_STR, F(audit_log), false, 0, 0 },
    { "--name", OPT_NAME, 0, false, 0, 0 },
    { "--min-timeout", OPT_NUM, F(min_timeout), true, 1, 60 },
    { "--set-timeout", OPT_NUM, F(set_timeout), true, 1, 60 },
    { "--unset-is", OPT_NUM, F(unset_is), true, 1, 60 },
    { "--interval", OPT_NUM, F(interval_s), false, 1, 604800 },
    { "--max-runs", OPT_NUM, F(max_runs), false, 0, 1000000 },
    { "--io-timeout", OPT_NUM, F(io_timeout_s), false, 1, 600 },
    { "--request-timeout", OPT_NUM, F(request_timeout_s), false, 1, 3600 },
    { "--page-size", OPT_NUM, F(page_size), false, 1, 500 },
};

/* Options whose value is not a field of gcheal_opts_t. */
static const struct {
    const char *name;
    const char **dest;
} raw_options[] = {
    { "--region", &raw.region },
    { "--since", &raw.since },
    { "--api-host", &raw.api_host },
    { "--login-host", &raw.login_host },
};

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%sgcheal: ", gcheal_journal_prefix(GCHEAL_LOG_ERR));
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (see gcheal --help)\n");
    va_end(ap);
    return 2;
}

/* Digits only, at most 10 of them, within [min, max]. */
static int parse_num(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
    uint64_t v = 0;
    size_t n = 0;
    for (; s[n] != '\0'; n++) {
        if (s[n] < '0' || s[n] > '9' || n >= 10) {
            return -1;
        }
        v = v * 10u + (uint64_t)(s[n] - '0');
    }
    if (n == 0 || v < min || v > max) {
        return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

static int set_option(const opt_t *opt, const char *value, gcheal_opts_t *o)
{
    char *base = (char *)o;
    if (opt->kind == OPT_FLAG) {
        *(bool *)(void *)(base + opt->offset) = true;
        return 0;
    }
    if (value[0] == '\0') {
        return usage_error("%s needs a non-empty value", opt->name);
    }
    if (opt->kind == OPT_STR) {
        *(const char **)(void *)(base + opt->offset) = value;
        return 0;
    }
    if (opt->kind == OPT_NAME) {
        if (o->name_count >= GCHEAL_MAX_NAMES) {
            return usage_error("too many --name options (at most %d)", GCHEAL_MAX_NAMES);
        }
        o->names[o->name_count++] = value;
        return 0;
    }
    uint32_t v;
    if (parse_num(value, opt->min, opt->max, &v) != 0) {
        return usage_error("%s wants a whole number from %u to %u, not '%s'", opt->name, opt->min,
                           opt->max, value);
    }
    if (opt->is_int) {
        *(int *)(void *)(base + opt->offset) = (int)v;
        raw.set_given |= strcmp(opt->name, "--set-timeout") == 0;
    } else {
        *(uint32_t *)(void *)(base + opt->offset) = v;
    }
    return 0;
}

static const opt_t *find_option(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
        if (strlen(options[i].name) == n && strncmp(options[i].name, name, n) == 0) {
            return &options[i];
        }
    }
    return NULL;
}

static const char **find_raw(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof raw_options / sizeof raw_options[0]; i++) {
        if (strlen(raw_options[i].name) == n && strncmp(raw_options[i].name, name, n) == 0) {
            return raw_options[i].dest;
        }
    }
    return NULL;
}

/* One "--name[=value]" (value possibly the next argument). Returns the number
 * of extra arguments consumed, or -1 after a usage message. */
static int long_option(const char *arg, const char *next, gcheal_opts_t *o)
{
    const char *eq = strchr(arg, '=');
    size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
    if (strncmp(arg, "--client-secret", n) == 0 && n == strlen("--client-secret")) {
        usage_error("%s is not an option: pass the secret in GENESYS_CLOUD_CLIENT_SECRET or "
                    "with --client-secret-file PATH", "--client-secret");
        return -1;
    }
    const opt_t *opt = find_option(arg, n);
    const char **dest = opt ? NULL : find_raw(arg, n);
    if (opt == NULL && dest == NULL) {
        usage_error("unknown option '%.*s'", (int)n, arg); /* not its value: it may be a secret */
        return -1;
    }
    bool flag = opt != NULL && opt->kind == OPT_FLAG;
    if (flag && eq != NULL) {
        usage_error("%.*s takes no value", (int)n, arg);
        return -1;
    }
    const char *value = eq ? eq + 1 : next;
    if (!flag && value == NULL) {
        usage_error("%s needs a value", arg);
        return -1;
    }
    if (dest != NULL) {
        if (value[0] == '\0') {
            usage_error("%s needs a non-empty value", arg);
            return -1;
        }
        *dest = value;
    } else if (set_option(opt, value, o) != 0) {
        return -1;
    }
    return (flag || eq) ? 0 : 1;
}

static int short_options(const char *arg, gcheal_opts_t *o)
{
    for (const char *p = arg + 1; *p != '\0'; p++) {
        if (*p == 'v') {
            o->verbose++;
        } else if (*p == 'q') {
            o->quiet = true;
        } else if (*p == 'h') {
            o->help = true;
        } else {
            return usage_error("unknown option '%s'", arg);
        }
    }
    return 0;
}

static int set_command(const char *word, gcheal_opts_t *o)
{
    static const struct {
        const char *word;
        gcheal_cmd_t cmd;
    } cmds[] = { { "scan", GCHEAL_CMD_SCAN },
                 { "fix", GCHEAL_CMD_FIX },
                 { "watch", GCHEAL_CMD_WATCH },
                 { "undo", GCHEAL_CMD_UNDO } };
    if (o->cmd != GCHEAL_CMD_NONE) {
        return usage_error("one command only, unexpected '%s'", word);
    }
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        if (strcmp(word, cmds[i].word) == 0) {
            o->cmd = cmds[i].cmd;
            return 0;
        }
    }
    return usage_error("unknown command '%s': use scan, fix, watch or undo", word);
}

static int parse_argv(int argc, char **argv, gcheal_opts_t *o)
{
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && strcmp(a, "--") == 0) {
            options_done = true;
        } else if (!options_done && a[0] == '-' && a[1] == '-') {
            int used = long_option(a, i + 1 < argc ? argv[i + 1] : NULL, o);
            if (used < 0) {
                return 2;
            }
            i += used;
        } else if (!options_done && a[0] == '-' && a[1] != '\0') {
            if (short_options(a, o) != 0) {
                return 2;
            }
        } else if (set_command(a, o) != 0) {
            return 2;
        }
    }
    return 0;
}

/* getenv, with an empty value counted as unset. */
static const char *env(const char *name)
{
    const char *v = getenv(name);
    return (v != NULL && v[0] != '\0') ? v : NULL;
}

/* "host", "host:port" or "[v6]:port" into host (no brackets) and port. */
static int split_host_port(const char *opt, const char *s, char *host, uint16_t *port)
{
    const char *end, *colon;
    if (s[0] == '[') {
        s++;
        end = strchr(s, ']');
        if (end == NULL || (end[1] != '\0' && end[1] != ':')) {
            return usage_error("%s: expected [IPv6]:PORT", opt);
        }
        colon = end[1] == ':' ? end + 1 : NULL;
    } else {
        colon = strrchr(s, ':');
        end = colon ? colon : s + strlen(s);
        if (colon != NULL && memchr(s, ':', (size_t)(colon - s)) != NULL) {
            return usage_error("%s: write an IPv6 address as [ADDRESS]:PORT", opt);
        }
    }
    size_t n = (size_t)(end - s);
    if (n == 0 || n >= GCHEAL_HOST_MAX) {
        return usage_error("%s: missing or overlong host name", opt);
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c >= 0x7f || strchr("/@?#%[]\\\"", c) != NULL) {
            return usage_error("%s: invalid character in host name", opt);
        }
    }
    memcpy(host, s, n);
    host[n] = '\0';
    uint32_t p = 443;
    if (colon != NULL && parse_num(colon + 1, 1, 65535, &p) != 0) {
        return usage_error("%s: the port must be a number from 1 to 65535", opt);
    }
    *port = (uint16_t)p;
    return 0;
}

static int resolve_hosts(gcheal_opts_t *o)
{
    const char *region = raw.region ? raw.region : env("GENESYS_CLOUD_REGION");
    region = region ? region : env("GENESYSCLOUD_REGION");
    region = region ? region : GCHEAL_DEFAULT_DOMAIN;
    if (gcheal_region_domain(region, o->domain, sizeof o->domain) != 0) {
        return usage_error("unknown region '%s': use a region such as us-east-1 or a domain such "
                           "as mypurecloud.com", region);
    }
    char dflt[GCHEAL_HOST_MAX + 8];
    snprintf(dflt, sizeof dflt, "api.%s", o->domain);
    if (split_host_port("--api-host", raw.api_host ? raw.api_host : dflt, o->api_host, &o->api_port)) {
        return 2;
    }
    snprintf(dflt, sizeof dflt, "login.%s", o->domain);
    return split_host_port("--login-host", raw.login_host ? raw.login_host : dflt, o->login_host,
                           &o->login_port);
}

static int resolve_credentials(gcheal_opts_t *o)
{
    o->client_id = env("GENESYS_CLOUD_CLIENT_ID");
    o->client_id = o->client_id ? o->client_id : env("GENESYSCLOUD_OAUTHCLIENT_ID");
    if (o->client_id == NULL) {
        return usage_error("no client id: set GENESYS_CLOUD_CLIENT_ID");
    }
    if (o->client_secret_file == NULL) {
        o->client_secret_env = env("GENESYS_CLOUD_CLIENT_SECRET");
        o->client_secret_env = o->client_secret_env ? o->client_secret_env
                                                    : env("GENESYSCLOUD_OAUTHCLIENT_SECRET");
        if (o->client_secret_env == NULL) {
            return usage_error("no client secret: set GENESYS_CLOUD_CLIENT_SECRET or use "
                               "--client-secret-file PATH");
        }
    }
    return 0;
}

/* The proxy: --proxy, else https_proxy, else HTTPS_PROXY (curl's order). Its
 * value is never echoed: it may hold a password. */
static int resolve_proxy(gcheal_opts_t *o)
{
    const char *url = o->proxy_arg;
    o->proxy_source = "--proxy";
    if (url == NULL) {
        url = env("https_proxy");
        o->proxy_source = "https_proxy";
    }
    if (url == NULL) {
        url = env("HTTPS_PROXY");
        o->proxy_source = "HTTPS_PROXY";
    }
    o->no_proxy = env("no_proxy") ? env("no_proxy") : env("NO_PROXY");
    if (url == NULL) {
        o->proxy_source = NULL;
        return 0;
    }
    gch_proxy_url_t u;
    gch_status_t st = gch_proxy_url_parse(url, strlen(url), &u);
    if (st == GCH_ERR_CONFIG) {
        return usage_error("%s: only http:// proxies are supported (the TLS session to Genesys Cloud runs "
                           "inside the proxy's CONNECT tunnel)", o->proxy_source);
    }
    if (st != GCH_OK || u.host_len >= sizeof o->proxy_host) {
        return usage_error("%s: not a proxy URL of the form http://[user:password@]host:port", o->proxy_source);
    }
    memcpy(o->proxy_host, u.host, u.host_len);
    o->proxy_host[u.host_len] = '\0';
    o->proxy_port = u.port;
    if (u.has_credentials) {
        size_t n;
        if (gch_url_percent_decode(u.user, u.user_len, o->proxy_user, sizeof o->proxy_user, &n) != GCH_OK ||
            gch_url_percent_decode(u.password, u.password_len, o->proxy_password, sizeof o->proxy_password, &n) !=
                GCH_OK) {
            gch_wipe(o->proxy_user, sizeof o->proxy_user);
            return usage_error("%s: the proxy credentials are malformed or longer than %d bytes", o->proxy_source,
                               GCHEAL_PROXY_CRED_MAX - 1);
        }
        o->proxy_has_credentials = true;
        if (url == o->proxy_arg) {
            /* argv is visible to every user (ps, /proc): keep the URL's shape, not its secret */
            char *info = (char *)(uintptr_t)u.user;
            memset(info, '*', (size_t)(u.password + u.password_len - u.user));
        }
    }
    return 0;
}

static int check_policy(gcheal_opts_t *o)
{
    if (!raw.set_given) {
        o->set_timeout = o->min_timeout;
    }
    if (o->set_timeout < o->min_timeout) {
        return usage_error("--set-timeout must not be below --min-timeout: the fixed actions "
                           "would still be restrictive");
    }
    if (o->quiet && o->verbose > 0) {
        return usage_error("-q and -v contradict each other");
    }
    if (o->status_file != NULL && strlen(o->status_file) > GCHEAL_STATUS_PATH_MAX) {
        return usage_error("--status-file: the path is longer than %d bytes", GCHEAL_STATUS_PATH_MAX);
    }
    if (o->cmd == GCHEAL_CMD_UNDO && o->audit_log == NULL) {
        return usage_error("undo needs --audit-log PATH: the log of the changes to put back");
    }
    if (raw.since != NULL && o->cmd != GCHEAL_CMD_UNDO) {
        return usage_error("--since belongs to undo");
    }
    if (raw.since != NULL && !gcheal_undo_valid_time(raw.since, o->since, sizeof o->since)) {
        return usage_error("--since: '%s' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)", raw.since);
    }
    return 0;
}

int gcheal_parse_args(int argc, char **argv, gcheal_opts_t *o)
{
    memset(o, 0, sizeof *o);
    memset(&raw, 0, sizeof raw);
    o->min_timeout = 5;
    o->unset_is = 60;
    o->interval_s = 300;
    o->io_timeout_s = 15;
    o->request_timeout_s = 120;
    o->page_size = 100;
    if (parse_argv(argc, argv, o) != 0) {
        return 2;
    }
    if (o->help || o->version) {
        return 0;
    }
    if (o->cmd == GCHEAL_CMD_NONE) {
        return usage_error("missing command: scan, fix, watch or undo");
    }
    if (o->ca_file == NULL && o->ca_path == NULL) {
        o->ca_file = DEFAULT_CA; /* --ca-path alone trusts that directory only, as curl's --capath */
    }
    if (check_policy(o) != 0 || resolve_hosts(o) != 0 || resolve_credentials(o) != 0 || resolve_proxy(o) != 0) {
        return 2;
    }
    return 0;
}

void gcheal_print_usage(void)
{
    printf("gcheal %s - find Genesys Cloud Data Actions whose config.timeoutSeconds is too short "
           "and raise it safely\n\n", GCH_VERSION);
    printf(
        "usage: gcheal [OPTIONS] scan|fix|watch|undo\n"
        "  scan                 report restrictive actions, change nothing\n"
        "  fix                  raise every restrictive action's timeout (GET, PATCH, verify)\n"
        "  watch                fix, then again every --interval seconds\n"
        "  undo                 put back the timeouts an --audit-log records gcheal changed, each\n"
        "                       only if it still holds the value gcheal wrote\n\n"
        "Connection:\n"
        "  --region NAME        domain (mypurecloud.com, usw2.pure.cloud, ...) or AWS-style name\n"
        "                       (us-east-1, us_east_1, ...); env GENESYS_CLOUD_REGION, then\n"
        "                       GENESYSCLOUD_REGION; default mypurecloud.com\n"
        "  --api-host H[:P]     default api.<domain>\n"
        "  --login-host H[:P]   default login.<domain>\n"
        "  --ca-file PATH       trusted CAs (PEM), looked up when a chain needs one; default %s\n"
        "                       unless --ca-path is given\n"
        "  --ca-path DIR        trusted CAs in a hashed directory (c_rehash / openssl rehash:\n"
        "                       files named <subject hash>.N), as curl's capath\n"
        "  --proxy URL          HTTPS through this HTTP proxy (CONNECT): http://[user:password@]host:port;\n"
        "                       env https_proxy, then HTTPS_PROXY. Hosts in env no_proxy / NO_PROXY\n"
        "                       (a, .b, *, host:port, 10.0.0.0/8, [::1]) are reached directly\n"
        "  --proxy-user-file PATH  proxy credentials \"user:password\" on the first line\n"
        "                       (instead of the URL's; never printed)\n"
        "  client id:           env GENESYS_CLOUD_CLIENT_ID, then GENESYSCLOUD_OAUTHCLIENT_ID\n"
        "  client secret:       env GENESYS_CLOUD_CLIENT_SECRET, then GENESYSCLOUD_OAUTHCLIENT_SECRET,\n"
        "                       or --client-secret-file PATH (never a plain flag)\n\n"
        "Policy:\n"
        "  --min-timeout S      restrictive below S seconds (1..60, default 5)\n"
        "  --set-timeout T      value written by fix (1..60, default = --min-timeout)\n"
        "  --unset-is S         effective timeout of an action without one (1..60, default 60)\n"
        "  --name NAME          only actions with exactly this name (repeatable, up to 32)\n"
        "  --category CAT       only this category\n"
        "  --integration ID     only this integration\n"
        "  --dry-run            fix: report what would change, send no PATCH\n\n"
        "Watch:\n"
        "  --interval S         seconds between runs (default 300)\n"
        "  --max-runs N         stop after N runs (default 0 = until SIGINT/SIGTERM)\n"
        "                       every run ends with one line on stderr: time, counts, exit\n"
        "                       status, next run (with <N> priorities when stderr is journald)\n"
        "  --status-file PATH   after every run (any command), replace PATH atomically with a\n"
        "                       JSON object: times, counts, exit status, next run\n\n"
        "Audit and undo:\n"
        "  --audit-log PATH     append one JSON line per change made or given up on (fix, watch,\n"
        "                       undo), written whole and fsynced before the next change\n"
        "  --since TIME         undo: only changes at or after TIME (YYYY-MM-DD or\n"
        "                       YYYY-MM-DDTHH:MM:SSZ, UTC); --name and --dry-run apply too\n\n"
        "Output:\n"
        "  --json               one JSON object per examined action per line, then a summary object\n"
        "  -v                   also list the actions that are fine; -vv adds protocol detail\n"
        "  -q                   only the summary line and errors (watch: only the run lines)\n"
        "  -h, --help           this text\n"
        "  --version            the version\n\n"
        "Advanced:\n"
        "  --io-timeout S       each network read or write (1..600, default 15)\n"
        "  --request-timeout S  one whole HTTP exchange (1..3600, default 120)\n"
        "  --page-size N        actions per list page (1..500, default 100); memory does not\n"
        "                       depend on it\n\n"
        "Exit: 0 nothing restrictive (scan) / all fixed (fix, watch); 1 scan found restrictive\n"
        "      actions (also fix --dry-run); 2 usage or configuration; 3 authentication;\n"
        "      4 network, TLS, HTTP or protocol failure that stopped the job; 5 some restrictive\n"
        "      actions skipped or failed; 130 scan or fix stopped by SIGINT/SIGTERM. watch exits\n"
        "      with its last run's status, or 0 when stopped by SIGINT/SIGTERM. A stop waits for\n"
        "      a PATCH in flight to be answered and verified; a second signal ends at once.\n\n"
        "Regions:", DEFAULT_CA);
    const char *domain;
    const char *name;
    for (size_t i = 0; (name = gcheal_region_name(i, &domain)) != NULL; i++) {
        printf("%s %s=%s", i % 3 == 0 ? "\n " : "", name, domain);
    }
    printf("\n");
}
