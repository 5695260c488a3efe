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
	 * override, a C1 CSI and a bell: only the printable text survives,
	 * and nothing of the sequences. */
	const char in[] = "\x1b]0;pwned\x07" "印章\xe2\x80\xae" "abc\xc2\x9b" "31m\n末";
	char *out = text_sanitize(in, sizeof in - 1, 0);

	ck_assert_str_eq(out, "印章abc末");
	free(out);
	out = text_sanitize(in, sizeof in - 1, 1);
	ck_assert_str_eq(out, "印章abc\n末");
	free(out);
}
END_TEST

START_TEST(test_sanitize_drops_whole_sequences)
{
	/* A printer name pasted with a clear-screen: x[2Jy is no better. */
	const char in[] = "x\x1b[2Jy \x1b[1;31m红\x1b[0m \x1b(B"
	    "z \x1b]8;;http://a\x1b\\" "l\x1b]8;;\x1b\\" " \x1b" "7w";
	char *out = text_sanitize(in, sizeof in - 1, 0);

	ck_assert_str_eq(out, "xy 红 z l w");
	free(out);

	/* An unended string sequence takes only its introducer. */
	out = text_sanitize("a\x1b]b c", 7, 0);
	ck_assert_str_eq(out, "ab c");
	free(out);
	out = text_sanitize("a\x1b", 2, 0);
	ck_assert_str_eq(out, "a");
	free(out);
}
END_TEST

START_TEST(test_sanitize_drops_format_characters)
{
	/* Zero-width space, joiner, word joiner, BOM, soft hyphen. */
	const char in[] = "关于\xe2\x80\x8b通知\xe2\x80\x8d\xe2\x81\xa0"
	    "\xef\xbb\xbf\xc2\xad" "的";
	char *out = text_sanitize(in, sizeof in - 1, 0);

	ck_assert_str_eq(out, "关于通知的");
	ck_assert_uint_eq(text_width("\xe2\x80\x8b"), 0);
	free(out);
}
END_TEST

START_TEST(test_sanitize_keeps_text_after_invalid)
{
	const char in[] = "第一段\xff\xfe无效";
	char *out = text_sanitize(in, sizeof in - 1, 0);

	ck_assert_str_eq(out, "第一段\xef\xbf\xbd\xef\xbf\xbd无效");
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
	tcase_add_test(tc, test_sanitize_drops_whole_sequences);
	tcase_add_test(tc, test_sanitize_drops_format_characters);
	tcase_add_test(tc, test_sanitize_keeps_text_after_invalid);
	tcase_add_test(tc, test_utf8_rejects_overlong);
	tcase_add_test(tc, test_width_counts_columns);
	tcase_add_test(tc, test_gb18030_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
