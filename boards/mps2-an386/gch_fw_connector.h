/*
 * gch_fw_connector.h - the firmware's connector: port/gch_tls_connector.c
 * with at most one TLS session open at a time.
 */
#ifndef GCH_FW_CONNECTOR_H
#define GCH_FW_CONNECTOR_H

#include "gch_tls_connector.h"

gch_connector_t gch_fw_connector_init(gch_tls_connector_t *tc, gch_tls_config_t *cfg,
                                      uint32_t connect_timeout_ms);
/* "a.b.c.d:port" the host of this kind last connected to since the last
 * forget (the start of a run), or "-". */
const char *gch_fw_connector_peer(gch_conn_kind_t kind);
void gch_fw_connector_forget_peers(void);

#endif
