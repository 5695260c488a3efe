/*
 * test_keybytes.c -- bytes from the terminal read into characters: a
 * character split over several reads, a byte that starts no character
 * dropped alone with what follows still read (the paste that curses
 * would cut short), a sequence never finished, and GB18030.
 */
#include <config.h>

#include <locale.h>
#include <string.h>

#include "lib/testlib.h"
#include "ui/keybytes.h"
#include "ui/suites.h"

/* Feed BYTES; the characters read go to OUT (NUL-ended), the bytes
 * dropped are counted in *BAD. */
static void
kb_feed(struct keybytes *k, const char *bytes, wchar_t *out, size_t max,
    int *bad)
{
	size_t n = 0;
	wchar_t wc;
	enum keybytes_got g;

	*bad = 0;
	for (; *bytes != '\0'; bytes++) {
		keybytes_push(k, (unsigned char) *bytes);
		while ((g = keybytes_take(k, &wc)) != KEYBYTES_MORE)
			if (g == KEYBYTES_BAD)
				(*bad)++;
			else if (n + 1 < max)
				out[n++] = wc;
	}
	out[n] = L'\0';
}

START_TEST(test_keybytes_utf8)
{
	struct keybytes k = { { 0 }, 0 };
	wchar_t got[32];
	int bad;

	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C.UTF-8"));
	kb_feed(&k, "a请示", got, 32, &bad);
	ck_assert(wcscmp(got, L"a请示") == 0);
	ck_assert_int_eq(bad, 0);
	ck_assert_uint_eq(k.n, 0);

	/* Half of 请: nothing yet, then the rest. */
	kb_feed(&k, "\xe8\xaf", got, 32, &bad);
	ck_assert(wcscmp(got, L"") == 0);
	ck_assert_uint_eq(k.n, 2);
	kb_feed(&k, "\xb7", got, 32, &bad);
	ck_assert(wcscmp(got, L"请") == 0);
	setlocale(LC_CTYPE, "C");
}
END_TEST

/* A pasted byte that is no character costs that byte only. */
START_TEST(test_keybytes_bad_byte)
{
	struct keybytes k = { { 0 }, 0 };
	wchar_t got[32];
	int bad;

	ck_assert_ptr_nonnull(setlocale(LC_CTYPE, "C.UTF-8"));
	kb_feed(&k, "ab\xff" "cd\xc3(e公文", got, 32, &bad);
	ck_assert(wcscmp(got, L"abcd(e公文") == 0);
	ck_assert_int_eq(bad, 2);
	ck_assert_uint_eq(k.n, 0);

	/* A character begun and never finished: dropped when the terminal
	 * goes quiet, and the queue is empty again. */
	kb_feed(&k, "\xe5\x85", got, 32, &bad);
	ck_assert_uint_eq(k.n, 2);
	keybytes_drop(&k);
	ck_assert_int_eq(keybytes_take(&k, got), KEYBYTES_BAD);
	ck_assert_uint_eq(k.n, 0);
	setlocale(LC_CTYPE, "C");
}
END_TEST

START_TEST(test_keybytes_gb18030)
{
	struct keybytes k = { { 0 }, 0 };
	wchar_t got[32];
	int bad;

	if (setlocale(LC_CTYPE, "zh_CN.GB18030") == NULL)
		ck_abort_msg("the zh_CN.GB18030 locale is missing: add "
		    "'zh_CN.GB18030 GB18030' to /etc/locale.gen and run "
		    "locale-gen");
	/* 请示 in two bytes each, and U+1D11E in four. */
	kb_feed(&k, "\xc7\xeb\xca\xbe\x94\x32\xbe\x34", got, 32, &bad);
	ck_assert(wcscmp(got, L"请示\U0001D11E") == 0);
	ck_assert_int_eq(bad, 0);
	setlocale(LC_CTYPE, "C");
}
END_TEST

Suite *
keybytes_suite(void)
{
	Suite *s = suite_create("keybytes");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, test_keybytes_utf8);
	tcase_add_test(tc, test_keybytes_bad_byte);
	tcase_add_test(tc, test_keybytes_gb18030);
	suite_add_tcase(s, tc);
	return s;
}
