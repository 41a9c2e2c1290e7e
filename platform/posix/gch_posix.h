/* gch_posix.h - POSIX-only helpers the Linux boards call (not the porting interface). */
#ifndef GCH_POSIX_H
#define GCH_POSIX_H

/* SIGINT/SIGTERM set the flag gch_port_cancelled() reports; no SA_RESTART; a
 * second signal of the same kind takes its default action (ends the program). */
void gch_posix_install_signals(void);

#endif
