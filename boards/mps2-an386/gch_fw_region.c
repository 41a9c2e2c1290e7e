/*
 * gch_fw_region.c - Genesys Cloud regions by short name (shared/docs
 * genesys-api.md section 1.5): API host api.<domain>, login host
 * login.<domain>. Both names are kept whole in flash so the settings can
 * point at them; the provisioning tool has the same table.
 */
#include <string.h>

#include "gch_fw_record.h"

#define REGION(name, domain)                                                                                           \
    {                                                                                                                  \
        name, "api." domain, "login." domain                                                                           \
    }

static const struct {
    const char *name, *api, *login;
} regions[] = {
    REGION("us-east-1", "mypurecloud.com"),
    REGION("us-east-2", "use2.us-gov-pure.cloud"),
    REGION("us-west-2", "usw2.pure.cloud"),
    REGION("ca-central-1", "cac1.pure.cloud"),
    REGION("sa-east-1", "sae1.pure.cloud"),
    REGION("mx-central-1", "mxc1.pure.cloud"),
    REGION("eu-west-1", "mypurecloud.ie"),
    REGION("eu-west-2", "euw2.pure.cloud"),
    REGION("eu-central-1", "mypurecloud.de"),
    REGION("eu-central-2", "euc2.pure.cloud"),
    REGION("eusc-de-east-1", "edee1.eusc-pure.cloud"),
    REGION("me-central-1", "mec1.pure.cloud"),
    REGION("ap-south-1", "aps1.pure.cloud"),
    REGION("ap-southeast-1", "apse1.pure.cloud"),
    REGION("ap-southeast-2", "mypurecloud.com.au"),
    REGION("ap-northeast-1", "mypurecloud.jp"),
    REGION("ap-northeast-2", "apne2.pure.cloud"),
    REGION("ap-northeast-3", "apne3.pure.cloud"),
};

int gch_fw_region_hosts(const char *region, const char **api, const char **login)
{
    for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++) {
        if (strcmp(regions[i].name, region) == 0) {
            *api = regions[i].api;
            *login = regions[i].login;
            return 0;
        }
    }
    return -1;
}
