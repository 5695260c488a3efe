/*
 * test_wrap.c -- wrapped private keys: round trips for both algorithms,
 * a wrong password told apart from damage, every byte of a blob guarded,
 * the public key readable without the password, handing a key to a new
 * password, and the private key never in the blob in the clear.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/helpers.h"
#include "crypto/suites.h"

/* The GB/T 32918 example private key: known bytes to look for. */
#define EX_D	"3945208f7b2144b13f36e38ac6d39f95" \
		"889393692860b51a42fb81ef4df7c5b8"

static void
wrap_round_trip(enum crypto_alg alg)
{
	struct crypto_kdf_params p;
	struct crypto_key *k, *back;
	unsigned char *blob, *sig;
	size_t n, siglen;

	th_tiny_params(&p);
	ck_assert_int_eq(crypto_key_generate(alg, &k), STATUS_OK);
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &blob, &n),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_unwrap(blob, n, "Custodian#1", &back),
	    STATUS_OK);
	ck_assert(crypto_key_has_private(back));
	ck_assert_int_eq(crypto_key_alg(back), alg);

	/* The unwrapped key signs for the original public key. */
	ck_assert_int_eq(crypto_sign(back, "doc", 3, &sig, &siglen), STATUS_OK);
	ck_assert_int_eq(crypto_verify(k, "doc", 3, sig, siglen), STATUS_OK);
	free(sig);
	crypto_key_free(back);

	ck_assert_int_eq(crypto_key_unwrap(blob, n, "custodian#1", &back),
	    STATUS_BAD_PASSWORD);
	ck_assert_ptr_null(back);
	ck_assert_int_eq(crypto_key_unwrap(blob, n, "", &back),
	    STATUS_BAD_PASSWORD);
	free(blob);
	crypto_key_free(k);
}

START_TEST(test_round_trip_sm2)
{
	wrap_round_trip(CRYPTO_ALG_SM2);
}
END_TEST

START_TEST(test_round_trip_ed25519)
{
	wrap_round_trip(CRYPTO_ALG_ED25519);
}
END_TEST

START_TEST(test_every_byte_guarded)
{
	struct crypto_kdf_params p;
	struct crypto_key *k, *back;
	unsigned char *blob, *copy;
	size_t n, i;

	th_tiny_params(&p);
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &k), STATUS_OK);
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &blob, &n),
	    STATUS_OK);

	/* Flip each byte in turn: damage, never the key nor a crash. */
	for (i = 0; i < n; i++) {
		blob[i] ^= 0x01;
		ck_assert_msg(crypto_key_unwrap(blob, n, "Custodian#1",
		    &back) ==
		    STATUS_CORRUPT, "byte %zu", i);
		ck_assert_ptr_null(back);
		blob[i] ^= 0x01;
	}

	/* Every truncation, in exact-size copies, and one extra byte. */
	for (i = 0; i < n; i++) {
		copy = xmalloc(i + 1);
		memcpy(copy, blob, i);
		ck_assert_int_eq(crypto_key_unwrap(copy, i, "Custodian#1",
		    &back), STATUS_CORRUPT);
		free(copy);
	}
	copy = xmalloc(n + 1);
	memcpy(copy, blob, n);
	copy[n] = 0;
	ck_assert_int_eq(crypto_key_unwrap(copy, n + 1, "Custodian#1", &back),
	    STATUS_CORRUPT);
	free(copy);
	free(blob);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_private_key_not_in_blob)
{
	struct crypto_kdf_params p;
	struct crypto_key *k;
	unsigned char *d, *blob;
	size_t n, dlen, i;

	th_tiny_params(&p);
	d = th_unhex(EX_D, &dlen);
	ck_assert_int_eq(crypto_key_import_private(CRYPTO_ALG_SM2, d, &k),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &blob, &n),
	    STATUS_OK);

	/* Not the scalar, nor any 8-byte run of it. */
	for (i = 0; i + 8 <= dlen; i++)
		ck_assert_ptr_null(memmem(blob, n, d + i, 8));
	free(blob);
	free(d);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_public_without_password)
{
	struct crypto_kdf_params p;
	struct crypto_key *k, *pub;
	unsigned char *blob, *b2, a[CRYPTO_PUBLIC_MAX], b[CRYPTO_PUBLIC_MAX];
	size_t n, n2, alen, blen;

	th_tiny_params(&p);
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &k), STATUS_OK);
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &blob, &n),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_wrapped_public(blob, n, &pub), STATUS_OK);
	ck_assert(!crypto_key_has_private(pub));
	crypto_key_public_raw(k, a, &alen);
	crypto_key_public_raw(pub, b, &blen);
	ck_assert_uint_eq(alen, blen);
	ck_assert_mem_eq(a, b, alen);

	/* Wrapping again: fresh salt and nonce, different bytes. */
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &b2, &n2),
	    STATUS_OK);
	ck_assert_uint_eq(n, n2);
	ck_assert_int_ne(memcmp(blob, b2, n), 0);

	/* A public key cannot be wrapped. */
	free(b2);
	ck_assert_int_eq(crypto_key_wrap(pub, "x", &p, &b2, &n2),
	    STATUS_INVALID);
	free(blob);
	crypto_key_free(pub);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_rewrap_for_proxy)
{
	struct crypto_kdf_params p;
	struct crypto_key *k, *back;
	unsigned char *blob, *proxy;
	size_t n, pn;

	th_tiny_params(&p);
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &k), STATUS_OK);
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &blob, &n),
	    STATUS_OK);

	ck_assert_int_eq(crypto_key_rewrap(blob, n, "wrong", "Proxy#2", &p,
	    &proxy, &pn), STATUS_BAD_PASSWORD);
	ck_assert_ptr_null(proxy);
	ck_assert_int_eq(crypto_key_rewrap(blob, n, "Custodian#1", "Proxy#2",
	    &p, &proxy, &pn), STATUS_OK);
	ck_assert_int_eq(crypto_key_unwrap(proxy, pn, "Custodian#1", &back),
	    STATUS_BAD_PASSWORD);
	ck_assert_int_eq(crypto_key_unwrap(proxy, pn, "Proxy#2", &back),
	    STATUS_OK);
	crypto_key_free(back);
	free(proxy);
	free(blob);
	crypto_key_free(k);
}
END_TEST

Suite *
wrap_suite(void)
{
	Suite *s = suite_create("wrap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_round_trip_sm2);
	tcase_add_test(tc, test_round_trip_ed25519);
	tcase_add_test(tc, test_every_byte_guarded);
	tcase_add_test(tc, test_private_key_not_in_blob);
	tcase_add_test(tc, test_public_without_password);
	tcase_add_test(tc, test_rewrap_for_proxy);
	suite_add_tcase(s, tc);
	return s;
}
