/*
 * gch_fw_args.h - the firmware's settings: compiled-in defaults
 * (gch_fw_defaults.h), overridden by the semihosting command line
 * (qemu ... -append "fix --api-host 10.0.2.2:4433 ...").
 */
#ifndef GCH_FW_ARGS_H
#define GCH_FW_ARGS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    bool fix;                     /* scan (false) or fix */
    bool dry_run;
    char *api_host, *login_host;  /* host part only; point into the command line or defaults */
    uint16_t api_port, login_port;
    char *client_id;
    char *client_secret_file;     /* a host file read through semihosting */
    int min_timeout, set_timeout, unset_is;
    int verbose;
} gch_fw_args_t;

/* Parse the command line in place (cmdline is cut into words). Returns 0, or 2
 * after printing why on the console. */
int gch_fw_args_parse(char *cmdline, gch_fw_args_t *a);

#endif
