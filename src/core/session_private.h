/*
 * session_private.h -- helpers that session.c shares with account.c and
 * policy.c.  Not part of the core's facade: other layers never see a KDF
 * parameter or a stored hash.
 */
#ifndef ESEAL_CORE_SESSION_PRIVATE_H
#define ESEAL_CORE_SESSION_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/policy.h"
#include "crypto/crypto.h"
#include "store/records.h"

/* The KDF parameters the policy asks for (initialises the crypto layer). */
void session_kdf_params(const struct policy *p, struct crypto_kdf_params *k);

/* Replace B's bytes with a copy of P (N bytes; P NULL empties B). */
void session_blob_set(struct blob *b, const unsigned char *p, size_t n);
int session_blob_equal(const struct blob *a, const struct blob *b);

/* Push OLD_HASH onto USER's password history, keeping KEEP entries. */
void session_history_push(struct rec_user *user, const struct blob *old_hash,
    unsigned keep);

/* T as "YYYY-MM-DDTHH:MM:SSZ" for authpriv lines. */
const char *session_time_text(int64_t t, char *buf, size_t size);

#endif
