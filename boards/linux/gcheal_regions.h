/*
 * gcheal_regions.h - the Genesys Cloud region table of the Linux CLI: turns
 * --region (an AWS-style name such as us-east-1 or us_east_1, or a domain such
 * as usw2.pure.cloud) into the domain behind api.<domain> and login.<domain>.
 */
#ifndef GCHEAL_REGIONS_H
#define GCHEAL_REGIONS_H

#include <stddef.h>

#define GCHEAL_DEFAULT_DOMAIN "mypurecloud.com"

/* Writes the domain for name into out (NUL-terminated). A known region name
 * (hyphens or underscores, any case) maps through the table; anything with a
 * dot is taken as a domain (a leading "https://", "api." or "login." and a
 * trailing "/" are dropped), so regions newer than this table still work.
 * Returns 0, or -1 for an unknown name or a domain that is not a host name. */
int gcheal_region_domain(const char *name, char *out, size_t cap);

/* The table, for --help: the i-th region's name and domain; NULL past the end. */
const char *gcheal_region_name(size_t i, const char **domain);

#endif
