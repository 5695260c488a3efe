/*
 * test_rand.c -- random numbers and the initial passwords of Art. 8.
 */
#include <config.h>

#include <ctype.h>
#include <string.h>

#include "lib/testlib.h"
#include "crypto/helpers.h"
#include "crypto/suites.h"

START_TEST(test_initial_passwords)
{
	char *pw, *prev = NULL;
	size_t i, len;
	int k;

	for (k = 0; k < 500; k++) {
		int up = 0, low = 0, dig = 0, sym = 0;

		len = 10 + (size_t) (k % 7);
		ck_assert_int_eq(crypto_random_password(len, &pw), STATUS_OK);
		ck_assert_uint_eq(strlen(pw), len);
		for (i = 0; i < len; i++) {
			unsigned char c = (unsigned char) pw[i];

			up += isupper(c) != 0;
			low += islower(c) != 0;
			dig += isdigit(c) != 0;
			sym += strchr("#%+=?@*-!", c) != NULL;
			ck_assert_msg(strchr("0Oo1lI", c) == NULL,
			    "look-alike in %s", pw);
		}
		ck_assert(up > 0 && low > 0 && dig > 0 && sym > 0);
		ck_assert_int_eq(up + low + dig + sym, (int) len);
		if (prev != NULL)
			ck_assert_str_ne(prev, pw);
		crypto_secure_free(prev);
		prev = pw;
	}
	crypto_secure_free(prev);
	ck_assert_int_eq(crypto_random_password(9, &pw), STATUS_INVALID);
	ck_assert_ptr_null(pw);
}
END_TEST

START_TEST(test_uniform_below)
{
	unsigned counts[6] = { 0 };
	uint32_t v;
	int i;

	for (i = 0; i < 6000; i++) {
		ck_assert_int_eq(crypto_random_below(6, &v), STATUS_OK);
		ck_assert_uint_lt(v, 6);
		counts[v]++;
	}
	/* Each face near 1000 (far beyond 10 sigma would be a bias). */
	for (i = 0; i < 6; i++)
		ck_assert_msg(counts[i] > 700 && counts[i] < 1300, "%u",
		    counts[i]);
	ck_assert_int_eq(crypto_random_below(0, &v), STATUS_INVALID);
}
END_TEST

START_TEST(test_secure_memory_and_compare)
{
	unsigned char a[32], b[32];
	char *s;

	crypto_random(a, sizeof a);
	memcpy(b, a, sizeof b);
	ck_assert(crypto_equal(a, b, sizeof a));
	b[31] ^= 1;
	ck_assert(!crypto_equal(a, b, sizeof a));

	s = crypto_secure_strdup("秘密");
	ck_assert_str_eq(s, "秘密");
	crypto_secure_free(s);
	crypto_secure_free(NULL);
}
END_TEST

Suite *
rand_suite(void)
{
	Suite *s = suite_create("rand");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_initial_passwords);
	tcase_add_test(tc, test_uniform_below);
	tcase_add_test(tc, test_secure_memory_and_compare);
	suite_add_tcase(s, tc);
	return s;
}
