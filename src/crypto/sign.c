/*
 * sign.c -- signing and verifying with whichever algorithm a key has.
 *
 * The one entry point the seal code calls; it only dispatches.  SM2 uses
 * the standard's default signer identifier here.  Must not grow
 * algorithm details: those live in sm2.c and ed25519.c.
 */
#include <config.h>

#include <string.h>

#include "crypto/internal.h"

enum status
crypto_sign(const struct crypto_key *key, const void *msg, size_t n,
    unsigned char **sig, size_t *siglen)
{
	if (key->alg == CRYPTO_ALG_SM2)
		return crypto_sm2_sign_id(key, CRYPTO_SM2_DEFAULT_ID,
		    strlen(CRYPTO_SM2_DEFAULT_ID), msg, n, sig, siglen);
	return crypto_ed25519_sign(key, msg, n, sig, siglen);
}

enum status
crypto_verify(const struct crypto_key *key, const void *msg, size_t n,
    const unsigned char *sig, size_t siglen)
{
	if (key->alg == CRYPTO_ALG_SM2)
		return crypto_sm2_verify_id(key, CRYPTO_SM2_DEFAULT_ID,
		    strlen(CRYPTO_SM2_DEFAULT_ID), msg, n, sig, siglen);
	return crypto_ed25519_verify(key, msg, n, sig, siglen);
}
