/*
 * ctl_session.h -- how an esealctl verb opens the workspace and logs its
 * --user in, so that every verb runs under the same core checks as the
 * program's screens.
 */
#ifndef ESEAL_CTL_SESSION_H
#define ESEAL_CTL_SESSION_H

#include "core/core.h"
#include "ctl/ctl.h"
#include "store/store.h"

/*
 * Open the workspace of C and log C->user in, the password read from
 * --password-fd (or asked on the terminal).  A session restricted to a
 * password change (initial or expired password) is returned as well: the
 * core refuses anything else with the reason.  On failure the message is
 * printed and the exit code returned; on success 0, with *ST and *S set.
 */
int ctl_session_open(struct ctl *c, struct store **st, struct session **s);

/* Log the session out and close the workspace (either may be NULL). */
void ctl_session_close(struct store *st, struct session *s);

/* Open the workspace of C without logging in (for verbs the store
 * checks itself); prints the message and returns the exit code. */
int ctl_store_open(struct ctl *c, unsigned flags, struct store **st);

#endif
