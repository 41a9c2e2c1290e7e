/* gch_posix.h - POSIX-only helpers the Linux boards call (not the porting interface). */
#ifndef GCH_POSIX_H
#define GCH_POSIX_H

/* SIGINT/SIGTERM set the flag gch_port_cancelled() reports; no SA_RESTART; a
 * second signal of the same kind takes its default action (ends the program). */
void gch_posix_install_signals(void);

/* Asks the job to stop, as a signal would (gch_port_cancelled() becomes true):
 * for a board that cannot go on safely (an audit log it can no longer write). */
void gch_posix_request_stop(void);

#endif
