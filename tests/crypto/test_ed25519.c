/*
 * test_ed25519.c -- Ed25519 keys and signatures: RFC 8032's second test
 * key, whose signature is deterministic, and tampering caught; messages
 * longer than libgcrypt's signer takes, signed and verified by our own
 * arithmetic (ed25519_long.c) to the same bytes.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/internal.h"
#include "crypto/helpers.h"
#include "crypto/suites.h"

/* RFC 8032, section 7.1, TEST 2 (message: the one byte 0x72); the
 * signature as OpenSSL makes it for this key. */
#define ED_SEED	"4ccd089b28ff96da9db6c346ec114e0f" \
		"5b8a319f35aba624da8cf6ed4fb8a6fb"
#define ED_PUB	"3d4017c3e843895a92b70aa74d1b7ebc" \
		"9c982ccf2ec4968cc0cd55f12af4660c"
#define ED_SIG	"92a009a9f0d4cab8720e820b5f642540" \
		"a2b27b5416503f8fb3762223ebdb69da" \
		"085ac1e43e15996e458f3613d0f11d8c" \
		"387b2eaeb4302aeeb00d291612bb0c00"

START_TEST(test_rfc8032_vector)
{
	struct crypto_key *k;
	unsigned char *seed, raw[CRYPTO_PUBLIC_MAX], *sig;
	char hex[129];
	size_t n, siglen;

	seed = th_unhex(ED_SEED, &n);
	ck_assert_int_eq(crypto_key_import_private(CRYPTO_ALG_ED25519,
	    seed, &k), STATUS_OK);
	free(seed);
	ck_assert_int_eq(crypto_key_alg(k), CRYPTO_ALG_ED25519);

	ck_assert_int_eq(crypto_key_public_raw(k, raw, &n), STATUS_OK);
	crypto_hex(raw, n, hex);
	ck_assert_str_eq(hex, ED_PUB);

	ck_assert_int_eq(crypto_sign(k, "\x72", 1, &sig, &siglen), STATUS_OK);
	ck_assert_uint_eq(siglen, 64);
	crypto_hex(sig, siglen, hex);
	ck_assert_str_eq(hex, ED_SIG);
	free(sig);
	crypto_key_free(k);
}
END_TEST

START_TEST(test_round_trip_and_tamper)
{
	struct crypto_key *k, *pub;
	unsigned char *sig;
	size_t siglen, i;
	const char msg[] = "seal 2025-0042";
	char m[sizeof msg];

	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_ED25519, &k),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_public(k, &pub), STATUS_OK);
	ck_assert(!crypto_key_has_private(pub));
	ck_assert_str_eq(crypto_key_sig_oid(pub), CRYPTO_OID_ED25519);

	ck_assert_int_eq(crypto_sign(k, msg, strlen(msg), &sig, &siglen),
	    STATUS_OK);
	ck_assert_int_eq(crypto_verify(pub, msg, strlen(msg), sig, siglen),
	    STATUS_OK);
	for (i = 0; i < siglen; i++) {
		sig[i] ^= 0x80;
		ck_assert_int_eq(crypto_verify(pub, msg, strlen(msg), sig,
		    siglen), STATUS_BAD_SIGNATURE);
		sig[i] ^= 0x80;
	}
	for (i = 0; i < strlen(msg); i++) {
		memcpy(m, msg, sizeof msg);
		m[i] ^= 0x01;
		ck_assert_int_eq(crypto_verify(pub, m, strlen(msg), sig,
		    siglen), STATUS_BAD_SIGNATURE);
	}
	ck_assert_int_eq(crypto_verify(pub, msg, strlen(msg), sig, siglen - 1),
	    STATUS_BAD_SIGNATURE);
	free(sig);
	crypto_key_free(pub);
	crypto_key_free(k);
}
END_TEST

static unsigned char *
ed_message(size_t n)
{
	unsigned char *m = xmalloc(n > 0 ? n : 1);
	size_t i;

	for (i = 0; i < n; i++)
		m[i] = (unsigned char) (i * 13 + i / 509);
	return m;
}

/* Up to libgcrypt's limit both ways exist: our arithmetic must make the
 * very bytes libgcrypt makes, and each accepts the other's. */
START_TEST(test_long_path_matches_libgcrypt)
{
	static const size_t len[] = { 0, 1, 1000, CRYPTO_ED25519_GCRY_MAX };
	struct crypto_key *k, *pub;
	unsigned char *m, *sig, ours[CRYPTO_ED25519_SIG_LEN];
	size_t siglen, i;

	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_ED25519, &k),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_public(k, &pub), STATUS_OK);
	for (i = 0; i < sizeof len / sizeof len[0]; i++) {
		m = ed_message(len[i]);
		ck_assert_int_eq(crypto_sign(k, m, len[i], &sig, &siglen),
		    STATUS_OK);
		ck_assert_int_eq(crypto_ed25519_sign_long(k, m, len[i], ours),
		    STATUS_OK);
		ck_assert_mem_eq(ours, sig, CRYPTO_ED25519_SIG_LEN);
		ck_assert_int_eq(crypto_ed25519_verify_long(pub, m, len[i],
		    sig, siglen), STATUS_OK);
		ours[5] ^= 1;
		ck_assert_int_eq(crypto_ed25519_verify_long(pub, m, len[i],
		    ours, sizeof ours), STATUS_BAD_SIGNATURE);
		free(sig);
		free(m);
	}
	crypto_key_free(pub);
	crypto_key_free(k);
}
END_TEST

/* Past the limit: libgcrypt aborted the process here (a sealing with an
 * Ed25519 seal died).  Signed, verified, and every kind of damage
 * refused. */
START_TEST(test_long_message_signs_and_verifies)
{
	static const size_t len[] = { CRYPTO_ED25519_GCRY_MAX + 1, 300000 };
	struct crypto_key *k, *pub, *other;
	unsigned char *m, *sig;
	size_t siglen, i, n;

	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_ED25519, &k),
	    STATUS_OK);
	ck_assert_int_eq(crypto_key_public(k, &pub), STATUS_OK);
	ck_assert_int_eq(crypto_key_generate(CRYPTO_ALG_ED25519, &other),
	    STATUS_OK);
	for (i = 0; i < sizeof len / sizeof len[0]; i++) {
		n = len[i];
		m = ed_message(n);
		ck_assert_int_eq(crypto_sign(k, m, n, &sig, &siglen),
		    STATUS_OK);
		ck_assert_uint_eq(siglen, CRYPTO_ED25519_SIG_LEN);
		ck_assert_int_eq(crypto_verify(pub, m, n, sig, siglen),
		    STATUS_OK);
		ck_assert_int_eq(crypto_verify(other, m, n, sig, siglen),
		    STATUS_BAD_SIGNATURE);
		m[n - 1] ^= 0x40;
		ck_assert_int_eq(crypto_verify(pub, m, n, sig, siglen),
		    STATUS_BAD_SIGNATURE);
		m[n - 1] ^= 0x40;
		ck_assert_int_eq(crypto_verify(pub, m, n - 1, sig, siglen),
		    STATUS_BAD_SIGNATURE);
		sig[40] ^= 0x01;
		ck_assert_int_eq(crypto_verify(pub, m, n, sig, siglen),
		    STATUS_BAD_SIGNATURE);
		sig[40] ^= 0x01;
		sig[63] |= 0xf0;	/* S at or above the group order */
		ck_assert_int_eq(crypto_verify(pub, m, n, sig, siglen),
		    STATUS_BAD_SIGNATURE);
		free(sig);
		free(m);
	}
	crypto_key_free(other);
	crypto_key_free(pub);
	crypto_key_free(k);
}
END_TEST

Suite *
ed25519_suite(void)
{
	Suite *s = suite_create("ed25519");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_rfc8032_vector);
	tcase_add_test(tc, test_round_trip_and_tamper);
	tcase_add_test(tc, test_long_path_matches_libgcrypt);
	tcase_add_test(tc, test_long_message_signs_and_verifies);
	suite_add_tcase(s, tc);
	return s;
}
