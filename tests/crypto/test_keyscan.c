/*
 * test_keyscan.c -- looking for a private key where it must not be: the
 * scalar is found raw and as hex text in either case, and not in a
 * wrapped blob, a public key or a signature.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/helpers.h"
#include "crypto/suites.h"

/* The GB/T 32918 example private key. */
#define KS_D	"3945208f7b2144b13f36e38ac6d39f95" \
		"889393692860b51a42fb81ef4df7c5b8"

START_TEST(test_found_raw_and_as_text)
{
	struct crypto_key *k;
	unsigned char *d, page[256];
	char text[128];
	size_t n, i;

	d = th_unhex(KS_D, &n);
	ck_assert_int_eq(crypto_key_import_private(CRYPTO_ALG_SM2, d, &k),
	    STATUS_OK);
	memset(page, 0x55, sizeof page);
	ck_assert(!crypto_key_found_in(k, page, sizeof page));
	memcpy(page + 100, d, n);
	ck_assert(crypto_key_found_in(k, page, sizeof page));
	/* One byte less is not the key. */
	ck_assert(!crypto_key_found_in(k, page, 100 + n - 1));

	snprintf(text, sizeof text, "d = %s;", KS_D);
	ck_assert(crypto_key_found_in(k, text, strlen(text)));
	for (i = 0; text[i] != '\0'; i++)
		if (text[i] >= 'a' && text[i] <= 'f')
			text[i] = (char) (text[i] - 'a' + 'A');
	ck_assert(crypto_key_found_in(k, text, strlen(text)));
	crypto_key_free(k);
	free(d);
}
END_TEST

START_TEST(test_not_in_wrapped_public_or_signature)
{
	struct crypto_kdf_params p;
	struct crypto_key *k, *pub;
	unsigned char *blob, *sig, *spki;
	size_t n, siglen, spkilen;

	th_tiny_params(&p);
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_SM2, &k), STATUS_OK);
	ck_assert_int_eq(crypto_key_wrap(k, "Custodian#1", &p, &blob, &n),
	    STATUS_OK);
	ck_assert(!crypto_key_found_in(k, blob, n));
	ck_assert_int_eq(crypto_sign(k, "doc", 3, &sig, &siglen), STATUS_OK);
	ck_assert(!crypto_key_found_in(k, sig, siglen));
	ck_assert_int_eq(crypto_key_to_spki(k, &spki, &spkilen), STATUS_OK);
	ck_assert(!crypto_key_found_in(k, spki, spkilen));
	/* A public key has nothing to look for. */
	ck_assert_int_eq(crypto_key_public(k, &pub), STATUS_OK);
	ck_assert(!crypto_key_found_in(pub, blob, n));
	crypto_key_free(pub);
	crypto_key_free(k);
	free(blob);
	free(sig);
	free(spki);
}
END_TEST

Suite *
keyscan_suite(void)
{
	Suite *s = suite_create("keyscan");
	TCase *tc = tcase_create("keyscan");

	tcase_add_test(tc, test_found_raw_and_as_text);
	tcase_add_test(tc, test_not_in_wrapped_public_or_signature);
	suite_add_tcase(s, tc);
	return s;
}
