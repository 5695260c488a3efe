/*
 * test_sm3.c -- SM3 against the examples of GB/T 32905, and the
 * incremental and hex forms agreeing with them.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/helpers.h"
#include "crypto/suites.h"

#define SM3_ABC \
	"66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
#define SM3_ABCD16 \
	"debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"

static void
sm3_expect(const void *msg, size_t n, const char *hex)
{
	unsigned char d[CRYPTO_SM3_LEN];
	char got[2 * CRYPTO_SM3_LEN + 1];

	ck_assert_int_eq(crypto_sm3(msg, n, d), STATUS_OK);
	crypto_hex(d, sizeof d, got);
	ck_assert_str_eq(got, hex);
}

START_TEST(test_standard_vectors)
{
	char abcd[65];
	int i;

	sm3_expect("abc", 3, SM3_ABC);
	for (i = 0; i < 16; i++)
		memcpy(abcd + 4 * i, "abcd", 4);
	sm3_expect(abcd, 64, SM3_ABCD16);
}
END_TEST

START_TEST(test_incremental_matches)
{
	char abcd[65];
	unsigned char d[CRYPTO_SM3_LEN];
	char got[2 * CRYPTO_SM3_LEN + 1];
	struct crypto_hash *h;
	size_t cut;

	for (cut = 0; cut < 16; cut++)
		memcpy(abcd + 4 * cut, "abcd", 4);

	/* Split at every point: the digest is the standard's each time. */
	for (cut = 0; cut <= 64; cut++) {
		ck_assert_int_eq(crypto_hash_new(&h), STATUS_OK);
		ck_assert_int_eq(crypto_hash_update(h, abcd, cut), STATUS_OK);
		ck_assert_int_eq(crypto_hash_update(h, abcd + cut, 64 - cut),
		    STATUS_OK);
		ck_assert_int_eq(crypto_hash_final(h, d), STATUS_OK);
		crypto_hex(d, sizeof d, got);
		ck_assert_str_eq(got, SM3_ABCD16);
	}
}
END_TEST

START_TEST(test_hex_round_trip)
{
	unsigned char *p;
	size_t n;
	char back[9];

	ck_assert_int_eq(crypto_unhex("00fFa510", &p, &n), STATUS_OK);
	ck_assert_uint_eq(n, 4);
	crypto_hex(p, n, back);
	ck_assert_str_eq(back, "00ffa510");
	free(p);

	ck_assert_int_eq(crypto_unhex("abc", &p, &n), STATUS_INVALID);
	ck_assert_int_eq(crypto_unhex("zz", &p, &n), STATUS_INVALID);
	ck_assert_ptr_null(p);
}
END_TEST

Suite *
sm3_suite(void)
{
	Suite *s = suite_create("sm3");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_standard_vectors);
	tcase_add_test(tc, test_incremental_matches);
	tcase_add_test(tc, test_hex_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
