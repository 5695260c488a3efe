/*
 * spki.c -- public keys as X.509 SubjectPublicKeyInfo DER, the form
 * OpenSSL, certificates and the seal structures carry:
 *
 *   SM2:     SEQUENCE { SEQUENCE { id-ecPublicKey, sm2p256v1 },
 *                       BIT STRING 04 || x || y }
 *   Ed25519: SEQUENCE { SEQUENCE { id-Ed25519 }, BIT STRING key }
 *
 * Must not accept a key whose point is off the curve or whose algorithm
 * parameters are anything but these.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/internal.h"

void
crypto_key_put_spki(const struct crypto_key *key, struct der_writer *w)
{
	der_begin(w, DER_SEQUENCE);
	der_begin(w, DER_SEQUENCE);
	if (key->alg == CRYPTO_ALG_SM2) {
		der_put_oid(w, CRYPTO_OID_EC_PUBLIC_KEY);
		der_put_oid(w, CRYPTO_OID_SM2_CURVE);
	} else {
		der_put_oid(w, CRYPTO_OID_ED25519);
	}
	der_end(w);
	der_put_bits(w, key->pub, key->publen, 0);
	der_end(w);
}

enum status
crypto_key_to_spki(const struct crypto_key *key, unsigned char **der,
    size_t *n)
{
	struct der_writer w;

	der_writer_init(&w);
	crypto_key_put_spki(key, &w);
	return der_writer_finish(&w, der, n);
}

/* The AlgorithmIdentifier: which of our two algorithms, or none. */
static enum status
crypto_spki_read_alg(struct der_reader *r, enum crypto_alg *alg)
{
	struct der_reader a;
	enum status st;

	if ((st = der_enter(r, DER_SEQUENCE, &a)) != STATUS_OK)
		return st;
	if (der_expect_oid(&a, CRYPTO_OID_ED25519) == STATUS_OK) {
		*alg = CRYPTO_ALG_ED25519;
		return der_reader_done(&a);
	}
	if ((st = der_expect_oid(&a, CRYPTO_OID_EC_PUBLIC_KEY)) != STATUS_OK)
		return st;
	if ((st = der_expect_oid(&a, CRYPTO_OID_SM2_CURVE)) != STATUS_OK)
		return st;
	*alg = CRYPTO_ALG_SM2;
	return der_reader_done(&a);
}

enum status
crypto_key_from_spki(const unsigned char *der, size_t n,
    struct crypto_key **key)
{
	struct der_reader outer, seq;
	const unsigned char *bits;
	size_t nbits;
	unsigned unused;
	enum crypto_alg alg;
	enum status st;

	*key = NULL;
	der_reader_init(&outer, der, n);
	if ((st = der_enter(&outer, DER_SEQUENCE, &seq)) != STATUS_OK ||
	    (st = der_reader_done(&outer)) != STATUS_OK ||
	    (st = crypto_spki_read_alg(&seq, &alg)) != STATUS_OK ||
	    (st = der_get_bits(&seq, &bits, &nbits, &unused)) != STATUS_OK ||
	    (st = der_reader_done(&seq)) != STATUS_OK)
		return st;
	if (unused != 0)
		return STATUS_MALFORMED;

	st = crypto_key_from_public_raw(alg, bits, nbits, key);
	return st == STATUS_INVALID ? STATUS_MALFORMED : st;
}

enum status
crypto_key_fingerprint(const struct crypto_key *key,
    unsigned char out[CRYPTO_SM3_LEN])
{
	unsigned char *der;
	size_t n;
	enum status st;

	if ((st = crypto_key_to_spki(key, &der, &n)) != STATUS_OK)
		return st;
	st = crypto_sm3(der, n, out);
	free(der);
	return st;
}
