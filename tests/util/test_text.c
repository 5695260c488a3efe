/*
 * test_text.c -- the sanitizer, UTF-8 decoding, widths, GB18030.
 */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "util/suites.h"
#include "util/util.h"

START_TEST(test_sanitize_strips_escapes)
{
	/* An escape sequence that would set the window title, a bidi
	 * override, a C1 control and a bell: only printable text survives. */
	const char in[] = "\x1b]0;pwned\x07" "印章\xe2\x80\xae" "abc\xc2\x9b" "31m\n末";
	char *out = text_sanitize(in, sizeof in - 1, 0);

	ck_assert_str_eq(out, "]0;pwned印章abc31m末");
	free(out);
	out = text_sanitize(in, sizeof in - 1, 1);
	ck_assert_str_eq(out, "]0;pwned印章abc31m\n末");
	free(out);
}
END_TEST

START_TEST(test_sanitize_replaces_invalid)
{
	const char in[] = "a\xff" "b\xe5\x8d" "c\xed\xa0\x80";	/* stray, truncated, surrogate */
	char *out = text_sanitize(in, sizeof in - 1, 0);

	ck_assert_str_eq(out, "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd" "c"
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	ck_assert(text_utf8_valid(out, strlen(out)));
	free(out);
}
END_TEST

START_TEST(test_utf8_rejects_overlong)
{
	uint32_t cp;

	ck_assert_uint_eq(text_utf8_decode("\xc0\xaf", 2, &cp), 0);
	ck_assert_uint_eq(text_utf8_decode("\xe0\x80\xaf", 3, &cp), 0);
	ck_assert_uint_eq(text_utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0);
	ck_assert_uint_eq(text_utf8_decode("\xe5\x8d\xb0", 3, &cp), 3);
	ck_assert_uint_eq(cp, 0x5370);
}
END_TEST

START_TEST(test_width_counts_columns)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	ck_assert_uint_eq(text_width("司法局abc"), 9);
	ck_assert_uint_eq(text_width("，"), 2);
	/* A double-width character never straddles the edge. */
	ck_assert_uint_eq(text_fit("a司法", 2), 1);
	ck_assert_uint_eq(text_fit("a司法", 3), 4);
	ck_assert_uint_eq(text_fit("a司法", 100), 7);
}
END_TEST

START_TEST(test_gb18030_round_trip)
{
	const char gb[] = "\xcb\xbe\xb7\xa8\xbe\xd6";	/* 司法局 in GB18030 */
	char *utf8, *back;
	size_t n;

	ck_assert_int_eq(text_from_gb18030(gb, sizeof gb - 1, &utf8), STATUS_OK);
	ck_assert_str_eq(utf8, "司法局");
	ck_assert_int_eq(text_to_gb18030(utf8, &back, &n), STATUS_OK);
	ck_assert_uint_eq(n, sizeof gb - 1);
	ck_assert_mem_eq(back, gb, n);
	free(utf8);
	free(back);

	/* A lone lead byte at the end is not GB18030. */
	ck_assert_int_eq(text_from_gb18030("\xcb", 1, &utf8), STATUS_ENCODING);
}
END_TEST

Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_sanitize_strips_escapes);
	tcase_add_test(tc, test_sanitize_replaces_invalid);
	tcase_add_test(tc, test_utf8_rejects_overlong);
	tcase_add_test(tc, test_width_counts_columns);
	tcase_add_test(tc, test_gb18030_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
