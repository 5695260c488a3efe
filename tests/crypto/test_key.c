/*
 * test_key.c -- public keys in their exchange forms: raw points checked
 * to be on the curve, SubjectPublicKeyInfo DER byte for byte as OpenSSL
 * writes it, PEM armour, and fingerprints.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/helpers.h"
#include "crypto/suites.h"

#define EX_PUB	"04" \
	"09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020" \
	"ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13"
/* What "openssl pkey -pubout" writes for the GB/T 32918 example key. */
#define EX_SPKI	"3059301306072a8648ce3d020106082a811ccf5501822d034200" EX_PUB
#define EX_PEM	"-----BEGIN PUBLIC KEY-----\n" \
	"MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAECfnfMR5UIaFQ3X0WHkvFxnIXn60Y\n" \
	"M/wHa7CP81bzUCDM6kkM4md1pS3G6nGMwapgCu0F+/NeCEpmMvYHLamtEw==\n" \
	"-----END PUBLIC KEY-----\n"

static struct crypto_key *
key_example(void)
{
	struct crypto_key *k;
	unsigned char *pub;
	size_t n;

	pub = th_unhex(EX_PUB, &n);
	ck_assert_int_eq(crypto_key_from_public_raw(CRYPTO_ALG_SM2, pub, n, &k),
	    STATUS_OK);
	free(pub);
	return k;
}

START_TEST(test_spki_matches_openssl)
{
	struct crypto_key *k = key_example(), *back;
	unsigned char *der, raw[CRYPTO_PUBLIC_MAX];
	char *hex, *pem;
	size_t n, rawlen;

	ck_assert_int_eq(crypto_key_to_spki(k, &der, &n), STATUS_OK);
	hex = xmalloc(2 * n + 1);
	crypto_hex(der, n, hex);
	ck_assert_str_eq(hex, EX_SPKI);
	free(hex);

	ck_assert_int_eq(crypto_pem_encode("PUBLIC KEY", der, n, &pem),
	    STATUS_OK);
	ck_assert_str_eq(pem, EX_PEM);
	free(pem);

	ck_assert_int_eq(crypto_key_from_spki(der, n, &back), STATUS_OK);
	ck_assert_int_eq(crypto_key_alg(back), CRYPTO_ALG_SM2);
	ck_assert_int_eq(crypto_key_public_raw(back, raw, &rawlen), STATUS_OK);
	ck_assert_uint_eq(rawlen, 65);
	ck_assert_mem_eq(raw, der + n - 65, 65);
	crypto_key_free(back);
	free(der);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_spki_round_trip_ed25519)
{
	struct crypto_key *k, *back;
	unsigned char *der, fa[CRYPTO_SM3_LEN], fb[CRYPTO_SM3_LEN],
	    h[CRYPTO_SM3_LEN];
	size_t n;

	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_ED25519, &k),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_to_spki(k, &der, &n), STATUS_OK);
	ck_assert_uint_eq(n, 44);
	ck_assert_int_eq(crypto_key_from_spki(der, n, &back), STATUS_OK);
	ck_assert_int_eq(crypto_key_alg(back), CRYPTO_ALG_ED25519);

	/* The fingerprint is SM3 of the SubjectPublicKeyInfo, stable across
	 * the private and the public copy. */
	ck_assert_int_eq(crypto_key_fingerprint(k, fa), STATUS_OK);
	ck_assert_int_eq(crypto_key_fingerprint(back, fb), STATUS_OK);
	crypto_sm3(der, n, h);
	ck_assert_mem_eq(fa, fb, sizeof fa);
	ck_assert_mem_eq(fa, h, sizeof fa);
	crypto_key_free(back);
	free(der);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_bad_points_refused)
{
	struct crypto_key *k;
	unsigned char *pub;
	size_t n;

	pub = th_unhex(EX_PUB, &n);
	pub[64] ^= 0x01;		/* y no longer matches x */
	ck_assert_int_eq(crypto_key_from_public_raw(CRYPTO_ALG_SM2, pub, n, &k),
	    STATUS_INVALID);
	ck_assert_ptr_null(k);
	pub[64] ^= 0x01;
	pub[0] = 0x02;			/* compressed: not what we exchange */
	ck_assert_int_eq(crypto_key_from_public_raw(CRYPTO_ALG_SM2, pub, n, &k),
	    STATUS_INVALID);
	pub[0] = 0x04;
	ck_assert_int_eq(crypto_key_from_public_raw(CRYPTO_ALG_SM2,
	    pub, 64, &k), STATUS_INVALID);
	ck_assert_int_eq(crypto_key_from_public_raw(CRYPTO_ALG_ED25519,
	    pub, 65, &k), STATUS_INVALID);
	free(pub);
}
END_TEST

START_TEST(test_spki_damage_refused)
{
	struct crypto_key *k;
	unsigned char *der, *bad;
	size_t n, i;

	der = th_unhex(EX_SPKI, &n);

	/* Every truncation, and a trailing byte, are refused. */
	for (i = 0; i < n; i++) {
		ck_assert_int_ne(crypto_key_from_spki(der, i, &k), STATUS_OK);
		ck_assert_ptr_null(k);
	}
	bad = xmalloc(n + 1);
	memcpy(bad, der, n);
	bad[n] = 0;
	ck_assert_int_eq(crypto_key_from_spki(bad, n + 1, &k),
	    STATUS_MALFORMED);

	/* Another curve (1.2.156.10197.1.302, well-formed) is not ours. */
	memcpy(bad, der, n);
	bad[22] = 0x2e;
	ck_assert_int_eq(crypto_key_from_spki(bad, n, &k), STATUS_UNSUPPORTED);

	/* Every single flipped byte is refused: a length, a tag, an OID,
	 * the padding count, or a point that is then off the curve. */
	for (i = 0; i < n; i++) {
		memcpy(bad, der, n);
		bad[i] ^= 0x01;
		ck_assert_int_ne(crypto_key_from_spki(bad, n, &k), STATUS_OK);
		ck_assert_ptr_null(k);
	}
	free(bad);
	free(der);
}
END_TEST

START_TEST(test_pem_rules)
{
	unsigned char *der;
	size_t n;
	const char *noisy = "Public-Key: (256 bit)\nsome text\n" EX_PEM
	    "trailer\n";

	ck_assert_int_eq(crypto_pem_decode(noisy, strlen(noisy), "PUBLIC KEY",
	    &der, &n), STATUS_OK);
	ck_assert_uint_eq(n, 91);
	free(der);

	ck_assert_int_eq(crypto_pem_decode(EX_PEM, strlen(EX_PEM),
	    "CERTIFICATE", &der, &n), STATUS_MALFORMED);
	ck_assert_ptr_null(der);
	ck_assert_int_eq(crypto_pem_decode(EX_PEM, 40, "PUBLIC KEY", &der, &n),
	    STATUS_MALFORMED);

	{
		const char *hdr = "-----BEGIN PUBLIC KEY-----\n"
		    "Proc-Type: 4,ENCRYPTED\nMFkw\n-----END PUBLIC KEY-----\n";
		const char *badb64 = "-----BEGIN PUBLIC KEY-----\nMFk*\n"
		    "-----END PUBLIC KEY-----\n";

		ck_assert_int_eq(crypto_pem_decode(hdr, strlen(hdr),
		    "PUBLIC KEY", &der, &n), STATUS_MALFORMED);
		ck_assert_int_eq(crypto_pem_decode(badb64, strlen(badb64),
		    "PUBLIC KEY", &der, &n), STATUS_MALFORMED);
	}
}
END_TEST

Suite *
key_suite(void)
{
	Suite *s = suite_create("key");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_spki_matches_openssl);
	tcase_add_test(tc, test_spki_round_trip_ed25519);
	tcase_add_test(tc, test_bad_points_refused);
	tcase_add_test(tc, test_spki_damage_refused);
	tcase_add_test(tc, test_pem_rules);
	suite_add_tcase(s, tc);
	return s;
}
