/*
 * internal.h -- what the crypto layer's own files share: the key
 * structure and libgcrypt helpers.  Never included outside src/crypto
 * (it pulls in <gcrypt.h>, which only this layer may see).
 */
#ifndef ESEAL_CRYPTO_INTERNAL_H
#define ESEAL_CRYPTO_INTERNAL_H

#include <gcrypt.h>

#include "crypto/crypto.h"

#define CRYPTO_SCALAR_LEN	32	/* SM2 d, Ed25519 seed */
#define CRYPTO_SM2_POINT_LEN	65	/* 04 || x || y */
#define CRYPTO_ED25519_LEN	32
#define CRYPTO_ED25519_SIG_LEN	64	/* R || S */
/* The longest message libgcrypt signs or verifies itself here.  Its
 * S-expressions count a value's length in 16 bits, and it wraps the data
 * once more inside: from about 65,470 bytes (65,472 measured with
 * libgcrypt 1.10) it refuses or aborts; ed25519_long.c does the rest. */
#define CRYPTO_ED25519_GCRY_MAX	32768

/*
 * A key.  PUB is the raw public key and PUBKEY the same as libgcrypt's
 * S-expression.  For a private key, D (the SM2 scalar or the Ed25519
 * seed) and SECKEY live in secure memory; both are NULL otherwise.
 */
struct crypto_key {
	enum crypto_alg	 alg;
	unsigned char	 pub[CRYPTO_PUBLIC_MAX];
	size_t		 publen;
	gcry_sexp_t	 pubkey;
	unsigned char	*d;
	gcry_sexp_t	 seckey;
};

/* A private key from the scalar D and its public key PUB, taken as
 * given: for a pair read back from a record whose authentication covers
 * both (an unwrapped key), where computing PUB again from D would cost as
 * much as a signature.  STATUS_INVALID if D or PUB is out of shape. */
enum status crypto_key_import_pair(enum crypto_alg alg,
    const unsigned char *d, const unsigned char *pub, size_t publen,
    struct crypto_key **out);

/* Map a libgcrypt error to a status (and log it with WHAT). */
enum status crypto_status_from_gcry(gcry_error_t err, const char *what);

/* The libgcrypt curve name of ALG. */
const char *crypto_key_curve(enum crypto_alg alg);

/* Copy the data of S-expression token NAME in LIST, right-aligned and
 * zero-padded into OUT of WIDTH bytes (MPIs lose their leading zeros and
 * may gain a sign byte). */
enum status crypto_sexp_fixed(gcry_sexp_t list, const char *name,
    unsigned char *out, size_t width);

/* SM2 and Ed25519 halves of crypto_sign / crypto_verify. */
enum status crypto_ed25519_sign(const struct crypto_key *key, const void *msg,
    size_t n, unsigned char **sig, size_t *siglen);
enum status crypto_ed25519_verify(const struct crypto_key *key,
    const void *msg, size_t n, const unsigned char *sig, size_t siglen);

/* Ed25519 computed outside libgcrypt's signer, for any length
 * (ed25519_long.c): the same signatures, the same verdicts. */
enum status crypto_ed25519_sign_long(const struct crypto_key *key,
    const void *msg, size_t n, unsigned char sig[CRYPTO_ED25519_SIG_LEN]);
enum status crypto_ed25519_verify_long(const struct crypto_key *key,
    const void *msg, size_t n, const unsigned char *sig, size_t siglen);

/* Derive OUTLEN bytes from PW into OUT under P and SALT (kdf.c). */
enum status crypto_kdf_derive(const char *pw, const struct crypto_kdf_params *p,
    const unsigned char *salt, unsigned char *out, size_t outlen);
/* P (NULL: the defaults) as it will really be used: Argon2id becomes
 * scrypt of about the same memory where libgcrypt lacks Argon2. */
void crypto_kdf_resolve(const struct crypto_kdf_params *p,
    struct crypto_kdf_params *out);
/* STATUS_OK if P is within the limits we accept from stored data. */
enum status crypto_kdf_check(const struct crypto_kdf_params *p);

/* Base64 (RFC 4648): PAD selects '=' padding; decoding is strict. */
char *crypto_b64_encode(const unsigned char *p, size_t n, int pad);
enum status crypto_b64_decode(const char *s, size_t len, int pad,
    unsigned char **out, size_t *n);

#endif
