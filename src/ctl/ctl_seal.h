/*
 * ctl_seal.h -- what the files of "esealctl seal" share: the second
 * person's login, dates, and whole files.
 */
#ifndef ESEAL_CTL_SEAL_H
#define ESEAL_CTL_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include "ctl/ctl_session.h"

/* Print the usage of "seal" on stderr; returns CTL_EXIT_USAGE. */
int ctl_seal_usage(void);

/*
 * Log the second person NAME in (the custodian beside the office
 * director, the proxy beside the custodian), the password being the
 * next line of --password-fd or asked on the terminal with PROMPT.
 * Returns an exit code; *S is set on CTL_EXIT_OK.
 */
int ctl_seal_login(struct ctl *c, struct store *st, const char *name,
    const char *prompt, struct session **s);

/* A key password, the next line of --password-fd or asked (twice when
 * NEW and on a terminal).  NULL when the two typed differ.  Free with
 * mem_free_secret(). */
char *ctl_seal_key_password(struct ctl *c, const char *prompt, int new);

/* "YYYY-MM-DD", "YYYY-MM-DD HH:MM" (local time) or "@SECONDS" into *T;
 * non-zero when it is none of them. */
int ctl_seal_time(const char *text, int64_t *t);

/* The whole file PATH into new memory; STATUS_IO etc. on failure. */
enum status ctl_seal_read_file(const char *path, unsigned char **data,
    size_t *n);

/* Write N bytes to PATH, replacing it. */
enum status ctl_seal_write_file(const char *path, const void *data,
    size_t n);

/* The sub-commands in their own files. */
int ctl_seal_trust(struct ctl *c, int argc, char **argv);
int ctl_seal_custody(struct ctl *c, struct store *st, struct session *s,
    int argc, char **argv);
int ctl_seal_grant(struct session *s, int argc, char **argv);

#endif
