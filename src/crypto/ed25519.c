/*
 * ed25519.c -- Ed25519 signatures (RFC 8032), the other algorithm a key
 * may have.
 *
 * The message is signed directly (PureEdDSA: the algorithm hashes it
 * itself), and the signature is the standard 64 bytes R || S, which is
 * what OpenSSL and every other Ed25519 implementation exchange.  Must not
 * add SM2's Z preprocessing: Ed25519 has none.  A message longer than
 * libgcrypt takes goes to ed25519_long.c.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/internal.h"

enum status
crypto_ed25519_sign(const struct crypto_key *key, const void *msg, size_t n,
    unsigned char **sig, size_t *siglen)
{
	gcry_sexp_t data = NULL, result = NULL;
	unsigned char *out = NULL;
	gcry_error_t err;
	enum status st;

	*sig = NULL;
	*siglen = 0;
	if (key->seckey == NULL)
		return STATUS_INVALID;
	if (n > CRYPTO_ED25519_GCRY_MAX) {
		out = xmalloc(CRYPTO_ED25519_SIG_LEN);
		if ((st = crypto_ed25519_sign_long(key, msg, n, out)) ==
		    STATUS_OK) {
			*sig = out;
			*siglen = CRYPTO_ED25519_SIG_LEN;
			return STATUS_OK;
		}
		free(out);
		return st;
	}

	err = gcry_sexp_build(&data, NULL,
	    "(data (flags eddsa) (hash-algo sha512) (value %b))", (int) n, msg);
	if (err == 0)
		err = gcry_pk_sign(&result, data, key->seckey);
	if ((st = crypto_status_from_gcry(err, "Ed25519 sign")) != STATUS_OK)
		goto out;

	/* R and S are little-endian encodings that libgcrypt keeps as
	 * opaque 32-byte strings, so right-alignment never moves a byte. */
	out = xmalloc(CRYPTO_ED25519_SIG_LEN);
	if ((st = crypto_sexp_fixed(result, "r", out, 32)) != STATUS_OK ||
	    (st = crypto_sexp_fixed(result, "s", out + 32, 32)) != STATUS_OK)
		goto out;
	*sig = out;
	*siglen = CRYPTO_ED25519_SIG_LEN;
	out = NULL;
out:
	free(out);
	gcry_sexp_release(result);
	gcry_sexp_release(data);
	return st;
}

enum status
crypto_ed25519_verify(const struct crypto_key *key, const void *msg, size_t n,
    const unsigned char *sig, size_t siglen)
{
	gcry_sexp_t data = NULL, sexp = NULL;
	gcry_error_t err;

	if (siglen != CRYPTO_ED25519_SIG_LEN)
		return STATUS_BAD_SIGNATURE;
	if (n > CRYPTO_ED25519_GCRY_MAX)
		return crypto_ed25519_verify_long(key, msg, n, sig, siglen);

	err = gcry_sexp_build(&sexp, NULL, "(sig-val (eddsa (r %b) (s %b)))",
	    32, sig, 32, sig + 32);
	if (err == 0)
		err = gcry_sexp_build(&data, NULL,
		    "(data (flags eddsa) (hash-algo sha512) (value %b))",
		    (int) n, msg);
	if (err == 0)
		err = gcry_pk_verify(sexp, data, key->pubkey);

	gcry_sexp_release(data);
	gcry_sexp_release(sexp);
	return err == 0 ? STATUS_OK : STATUS_BAD_SIGNATURE;
}
