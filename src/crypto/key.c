/*
 * key.c -- key pairs: generating them, building them from a private
 * scalar or a raw public key, and the libgcrypt S-expressions behind them.
 *
 * The private scalar is drawn here rather than by gcry_pk_genkey(), so
 * that it is born in secure memory and never has to be fished out of a
 * key S-expression (libgcrypt's token lookups copy into ordinary heap).
 * The public point is then computed by libgcrypt from the scalar.  An
 * unwrapped key takes its public half from its authenticated wrap
 * instead (crypto_key_import_pair; see wrap.c), since computing it costs
 * as much as a signature and every sealing unwraps the seal's key.  Must
 * not accept a public point that is not on the curve from anywhere but
 * a record this layer wrote and authenticated.
 *
 * XXX: libgcrypt itself, while parsing a key S-expression to sign,
 * copies the (d ...) element into ordinary heap and frees it without
 * wiping; our copies stay in secure memory, the library's transient ones
 * do not.  Closing that gap needs a libgcrypt that allocates those copies
 * securely, or signing with gcry_mpi_ec_* on secure MPIs ourselves.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/internal.h"

/* n - 1 for sm2p256v1: a private scalar is in [1, n - 2]. */
static const unsigned char crypto_key_sm2_n1[CRYPTO_SCALAR_LEN] = {
	0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0x72, 0x03, 0xdf, 0x6b, 0x21, 0xc6, 0x05, 0x2b,
	0x53, 0xbb, 0xf4, 0x09, 0x39, 0xd5, 0x41, 0x22
};

const char *
crypto_key_curve(enum crypto_alg alg)
{
	return alg == CRYPTO_ALG_SM2 ? "sm2p256v1" : "Ed25519";
}

const char *
crypto_key_sig_oid(const struct crypto_key *key)
{
	if (key->alg == CRYPTO_ALG_SM2)
		return CRYPTO_OID_SM2_SM3;
	return CRYPTO_OID_ED25519;
}

enum crypto_alg
crypto_key_alg(const struct crypto_key *key)
{
	return key->alg;
}

int
crypto_key_has_private(const struct crypto_key *key)
{
	return key->d != NULL;
}

void
crypto_key_free(struct crypto_key *key)
{
	if (key == NULL)
		return;
	gcry_sexp_release(key->pubkey);
	gcry_sexp_release(key->seckey);
	crypto_secure_free(key->d);
	free(key);
}

enum status
crypto_sexp_fixed(gcry_sexp_t list, const char *name, unsigned char *out,
    size_t width)
{
	gcry_sexp_t tok = gcry_sexp_find_token(list, name, 0);
	const char *data;
	size_t len;
	enum status st = STATUS_CRYPTO;

	if (tok == NULL)
		return STATUS_CRYPTO;
	data = gcry_sexp_nth_data(tok, 1, &len);

	/* Drop sign bytes and leading zeros beyond WIDTH, pad up to it. */
	while (data != NULL && len > width && data[0] == 0) {
		data++;
		len--;
	}
	if (data != NULL && len <= width) {
		memset(out, 0, width - len);
		memcpy(out + width - len, data, len);
		st = STATUS_OK;
	}
	gcry_sexp_release(tok);
	return st;
}

/* Build KEY->pubkey from KEY->pub. */
static enum status
crypto_key_build_public(struct crypto_key *key)
{
	gcry_error_t err;

	if (key->alg == CRYPTO_ALG_SM2)
		err = gcry_sexp_build(&key->pubkey, NULL,
		    "(public-key (ecc (curve sm2p256v1) (q %b)))",
		    (int) key->publen, key->pub);
	else
		err = gcry_sexp_build(&key->pubkey, NULL,
		    "(public-key (ecc (curve Ed25519) (flags eddsa) (q %b)))",
		    (int) key->publen, key->pub);
	return crypto_status_from_gcry(err, "public key");
}

/* The raw public point of the key described by the S-expression S
 * (a private key without q: libgcrypt computes it), checked on-curve. */
static enum status
crypto_key_point(enum crypto_alg alg, gcry_sexp_t s, unsigned char *out,
    size_t *n)
{
	gcry_ctx_t ctx = NULL;
	gcry_mpi_point_t q = NULL;
	gcry_mpi_t enc = NULL;
	unsigned int nbits = 0;
	const unsigned char *raw;
	size_t want = alg == CRYPTO_ALG_SM2 ?
	    CRYPTO_SM2_POINT_LEN : CRYPTO_ED25519_LEN;
	enum status st = STATUS_INVALID;

	if (gcry_mpi_ec_new(&ctx, s, NULL) != 0)
		goto out;
	q = gcry_mpi_ec_get_point("q", ctx, 1);
	if (q == NULL || !gcry_mpi_ec_curve_point(q, ctx))
		goto out;
	enc = gcry_mpi_ec_get_mpi(alg == CRYPTO_ALG_SM2 ? "q" : "q@eddsa",
	    ctx, 1);
	if (enc == NULL)
		goto out;

	/* The encodings come back opaque: exactly the bytes, no MPI form. */
	raw = gcry_mpi_get_opaque(enc, &nbits);
	if (raw == NULL || nbits != want * 8)
		goto out;
	memcpy(out, raw, want);
	*n = want;
	st = STATUS_OK;
out:
	gcry_mpi_release(enc);
	gcry_mpi_point_release(q);
	gcry_ctx_release(ctx);
	return st;
}

/* An SM2 private key is in [1, n - 2]. */
static int
crypto_key_sm2_scalar_ok(const unsigned char *d)
{
	static const unsigned char zero[CRYPTO_SCALAR_LEN];

	return memcmp(d, zero, CRYPTO_SCALAR_LEN) != 0 &&
	    memcmp(d, crypto_key_sm2_n1, CRYPTO_SCALAR_LEN) < 0;
}

/* A new key of ALG holding a copy of the scalar D, or NULL if D is out
 * of range. */
static struct crypto_key *
crypto_key_new_private(enum crypto_alg alg, const unsigned char *d)
{
	struct crypto_key *key;

	if ((alg != CRYPTO_ALG_SM2 && alg != CRYPTO_ALG_ED25519) ||
	    (alg == CRYPTO_ALG_SM2 && !crypto_key_sm2_scalar_ok(d)))
		return NULL;
	key = xcalloc(1, sizeof *key);
	key->alg = alg;
	key->d = crypto_secure_alloc(CRYPTO_SCALAR_LEN);
	memcpy(key->d, d, CRYPTO_SCALAR_LEN);
	return key;
}

/* Build KEY's S-expressions from its scalar and public key; KEY is
 * freed on failure.  *OUT is KEY on success. */
static enum status
crypto_key_finish_private(struct crypto_key *key, struct crypto_key **out)
{
	gcry_error_t err;
	enum status st;

	if ((st = crypto_key_build_public(key)) != STATUS_OK)
		goto out;

	/* %b from secure memory makes libgcrypt keep the S-expression there. */
	err = gcry_sexp_build(&key->seckey, NULL, key->alg == CRYPTO_ALG_SM2 ?
	    "(private-key (ecc (curve sm2p256v1) (q %b) (d %b)))" :
	    "(private-key (ecc (curve Ed25519) (flags eddsa) (q %b) (d %b)))",
	    (int) key->publen, key->pub, CRYPTO_SCALAR_LEN, key->d);
	st = crypto_status_from_gcry(err, "private key");
out:
	if (st == STATUS_OK)
		*out = key;
	else
		crypto_key_free(key);
	return st;
}

enum status
crypto_key_import_private(enum crypto_alg alg, const unsigned char *d,
    struct crypto_key **out)
{
	struct crypto_key *key = crypto_key_new_private(alg, d);
	gcry_sexp_t bare = NULL;
	gcry_error_t err;
	enum status st;

	*out = NULL;
	if (key == NULL)
		return STATUS_INVALID;

	err = gcry_sexp_build(&bare, NULL, alg == CRYPTO_ALG_SM2 ?
	    "(private-key (ecc (curve sm2p256v1) (d %b)))" :
	    "(private-key (ecc (curve Ed25519) (flags eddsa) (d %b)))",
	    CRYPTO_SCALAR_LEN, key->d);
	st = crypto_status_from_gcry(err, "private key");
	if (st == STATUS_OK)
		st = crypto_key_point(alg, bare, key->pub, &key->publen);
	gcry_sexp_release(bare);
	if (st != STATUS_OK) {
		crypto_key_free(key);
		return st;
	}
	return crypto_key_finish_private(key, out);
}

enum status
crypto_key_import_pair(enum crypto_alg alg, const unsigned char *d,
    const unsigned char *pub, size_t publen, struct crypto_key **out)
{
	struct crypto_key *key;

	*out = NULL;
	if ((alg == CRYPTO_ALG_SM2 &&
	    (publen != CRYPTO_SM2_POINT_LEN || pub[0] != 0x04)) ||
	    (alg == CRYPTO_ALG_ED25519 && publen != CRYPTO_ED25519_LEN))
		return STATUS_INVALID;
	if ((key = crypto_key_new_private(alg, d)) == NULL)
		return STATUS_INVALID;
	memcpy(key->pub, pub, publen);
	key->publen = publen;
	return crypto_key_finish_private(key, out);
}

/* A fresh private scalar into D: for SM2 uniform in [1, n - 2] by
 * rejection (a draw is rejected with probability about 2^-32). */
static void
crypto_key_draw_scalar(enum crypto_alg alg, unsigned char *d)
{
	do
		gcry_randomize(d, CRYPTO_SCALAR_LEN, GCRY_VERY_STRONG_RANDOM);
	while (alg == CRYPTO_ALG_SM2 && !crypto_key_sm2_scalar_ok(d));
}

enum status
crypto_key_generate(enum crypto_alg alg, struct crypto_key **key)
{
	unsigned char *d = crypto_secure_alloc(CRYPTO_SCALAR_LEN);
	enum status st;

	*key = NULL;
	if (alg != CRYPTO_ALG_SM2 && alg != CRYPTO_ALG_ED25519) {
		crypto_secure_free(d);
		return STATUS_INVALID;
	}

	crypto_key_draw_scalar(alg, d);
	st = crypto_key_import_private(alg, d, key);
	crypto_secure_free(d);
	return st;
}

enum status
crypto_key_from_public_raw(enum crypto_alg alg, const unsigned char *p,
    size_t n, struct crypto_key **out)
{
	struct crypto_key *key;
	unsigned char check[CRYPTO_PUBLIC_MAX];
	size_t checklen;
	enum status st;

	*out = NULL;
	if ((alg == CRYPTO_ALG_SM2 &&
	    (n != CRYPTO_SM2_POINT_LEN || p[0] != 0x04)) ||
	    (alg == CRYPTO_ALG_ED25519 && n != CRYPTO_ED25519_LEN) ||
	    (alg != CRYPTO_ALG_SM2 && alg != CRYPTO_ALG_ED25519))
		return STATUS_INVALID;

	key = xcalloc(1, sizeof *key);
	key->alg = alg;
	memcpy(key->pub, p, n);
	key->publen = n;
	if ((st = crypto_key_build_public(key)) != STATUS_OK)
		goto out;

	/* Decoding the point and re-encoding it proves it is on the curve
	 * and in its one canonical encoding. */
	st = crypto_key_point(alg, key->pubkey, check, &checklen);
	if (st == STATUS_OK && (checklen != n || memcmp(check, p, n) != 0))
		st = STATUS_INVALID;
out:
	if (st == STATUS_OK)
		*out = key;
	else
		crypto_key_free(key);
	return st;
}

enum status
crypto_key_public(const struct crypto_key *key, struct crypto_key **pub)
{
	return crypto_key_from_public_raw(key->alg, key->pub, key->publen, pub);
}

enum status
crypto_key_public_raw(const struct crypto_key *key,
    unsigned char out[CRYPTO_PUBLIC_MAX], size_t *n)
{
	memcpy(out, key->pub, key->publen);
	*n = key->publen;
	return STATUS_OK;
}
