/*
 * gch_fw_defaults.h - what the firmware does with an empty command line. A
 * product board provisions these (and the client secret, e.g. in a secure
 * element) at manufacturing; the command line overrides them under QEMU.
 * The client secret has no compiled-in default on purpose.
 */
#ifndef GCH_FW_DEFAULTS_H
#define GCH_FW_DEFAULTS_H

#define GCH_FW_DEFAULT_MODE_FIX 0            /* scan */
#define GCH_FW_DEFAULT_API_HOST "api.mypurecloud.com"
#define GCH_FW_DEFAULT_LOGIN_HOST "login.mypurecloud.com"
#define GCH_FW_DEFAULT_PORT 443
#define GCH_FW_DEFAULT_CLIENT_ID ""
#define GCH_FW_DEFAULT_MIN_TIMEOUT 5
#define GCH_FW_DEFAULT_UNSET_IS 60

#endif
