/*
 * account_private.h -- what account.c shares with account_init.c.
 */
#ifndef ESEAL_CORE_ACCOUNT_PRIVATE_H
#define ESEAL_CORE_ACCOUNT_PRIVATE_H

#include <stddef.h>

#include "core/policy.h"

/* Non-zero for a valid login name: 1-32 of [A-Za-z0-9._-]. */
int account_name_valid(const char *name);

/* A generated initial password that passes POL for NAME (*PW, secure
 * memory) and its hash under POL's KDF parameters (*HASH, malloc'd). */
enum status account_make_password(const struct policy *pol, const char *name,
    char **pw, unsigned char **hash, size_t *hash_len);

#endif
