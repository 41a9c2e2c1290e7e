/*
 * gcheal_regions.c - region name -> domain (fact sheet section 1.5: the 17
 * SDK regions plus eusc-de-east-1).
 */
#include "gcheal_regions.h"

#include <string.h>

typedef struct {
    const char *name;
    const char *domain;
} region_t;

static const region_t regions[] = {
    { "us-east-1", "mypurecloud.com" },
    { "eu-west-1", "mypurecloud.ie" },
    { "ap-southeast-2", "mypurecloud.com.au" },
    { "ap-northeast-1", "mypurecloud.jp" },
    { "eu-central-1", "mypurecloud.de" },
    { "us-west-2", "usw2.pure.cloud" },
    { "ca-central-1", "cac1.pure.cloud" },
    { "ap-northeast-2", "apne2.pure.cloud" },
    { "eu-west-2", "euw2.pure.cloud" },
    { "ap-south-1", "aps1.pure.cloud" },
    { "us-east-2", "use2.us-gov-pure.cloud" },
    { "sa-east-1", "sae1.pure.cloud" },
    { "me-central-1", "mec1.pure.cloud" },
    { "ap-northeast-3", "apne3.pure.cloud" },
    { "eu-central-2", "euc2.pure.cloud" },
    { "mx-central-1", "mxc1.pure.cloud" },
    { "ap-southeast-1", "apse1.pure.cloud" },
    { "eusc-de-east-1", "edee1.eusc-pure.cloud" },
};

#define REGION_COUNT (sizeof regions / sizeof regions[0])

static char fold(char c)
{
    if (c == '_') {
        return '-';
    }
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static int same_region(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        if (fold(*a) != fold(*b)) {
            return 0;
        }
    }
    return *a == *b;
}

static int strip_prefix(const char **s, const char *prefix)
{
    size_t n = strlen(prefix);
    for (size_t i = 0; i < n; i++) {
        if (fold((*s)[i]) != prefix[i]) {
            return 0;
        }
    }
    *s += n;
    return 1;
}

/* A DNS name: labels of letters, digits and hyphens, at least one dot. */
static int is_domain(const char *s, size_t n)
{
    int dots = 0;
    size_t label = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.') {
            if (label == 0 || s[i - 1] == '-') {
                return 0;
            }
            dots++;
            label = 0;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   (c == '-' && label > 0)) {
            label++;
            if (label > 63) {
                return 0;
            }
        } else {
            return 0;
        }
    }
    return dots > 0 && label > 0 && s[n - 1] != '-';
}

int gcheal_region_domain(const char *name, char *out, size_t cap)
{
    for (size_t i = 0; i < REGION_COUNT; i++) {
        if (same_region(name, regions[i].name) || same_region(name, regions[i].domain)) {
            name = regions[i].domain;
            break;
        }
    }
    const char *s = name;
    (void)strip_prefix(&s, "https://");
    if (!strip_prefix(&s, "api.")) {
        (void)strip_prefix(&s, "login.");
    }
    size_t n = strlen(s);
    if (n > 0 && s[n - 1] == '/') {
        n--;
    }
    if (n == 0 || n >= cap || n > 253 || !is_domain(s, n)) {
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        out[i] = fold(s[i]);
    }
    out[n] = '\0';
    return 0;
}

const char *gcheal_region_name(size_t i, const char **domain)
{
    if (i >= REGION_COUNT) {
        return NULL;
    }
    if (domain != NULL) {
        *domain = regions[i].domain;
    }
    return regions[i].name;
}
