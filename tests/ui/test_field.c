/*
 * test_field.c -- the field editor without a terminal: cursor columns
 * over mixed Chinese and ASCII, deleting wide characters, End, width
 * limits with odd widths, scrolling, wrapping, and input method bursts.
 */
#include <config.h>

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "ui/suites.h"
#include "ui/field.h"
#include "util/util.h"

static struct field f;

static void
field_setup(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	memset(&f, 0, sizeof f);
}

static void
field_teardown(void)
{
	field_free(&f);
}

/* Type S as an input method delivers it: one code point at a time. */
static void
type(const char *s)
{
	ck_assert_int_eq(field_insert_text(&f, s), FIELD_DONE);
}

START_TEST(test_cursor_columns_mixed)
{
	static const size_t cols[] = { 0, 1, 2, 4, 6, 7 };
	size_t i;

	field_init(&f, 0, 40, 1, 0, 0);
	type("ab中文c");
	ck_assert_uint_eq(f.nchars, 5);
	ck_assert_uint_eq(field_width(&f), 7);
	for (i = 0; i <= 5; i++) {
		f.cursor = i;
		ck_assert_uint_eq(field_cursor_col(&f), cols[i]);
	}
	/* Left from the end steps over "c", then over all of 文. */
	field_end(&f);
	field_left(&f);
	field_left(&f);
	ck_assert_uint_eq(field_cursor_col(&f), 4);
	field_right(&f);
	ck_assert_uint_eq(field_cursor_col(&f), 6);
}
END_TEST

START_TEST(test_delete_wide_character)
{
	field_init(&f, 0, 40, 1, 0, 0);
	type("申请中文印章");
	/* Backspace after 文 removes its three bytes, nothing else. */
	f.cursor = 4;
	ck_assert_int_eq(field_backspace(&f), FIELD_DONE);
	ck_assert_str_eq(field_text(&f), "申请中印章");
	ck_assert_uint_eq(f.len, strlen("申请中印章"));
	ck_assert_uint_eq(field_cursor_col(&f), 6);
	/* Delete under the cursor removes 印. */
	ck_assert_int_eq(field_delete(&f), FIELD_DONE);
	ck_assert_str_eq(field_text(&f), "申请中章");
	ck_assert(text_utf8_valid(f.buf, f.len));
	/* Nothing of the removed bytes is left past the end. */
	ck_assert_int_eq(f.buf[f.len + 1], 0);
	ck_assert_int_eq(f.buf[f.len + 5], 0);
	f.cursor = 0;
	ck_assert_int_eq(field_backspace(&f), FIELD_AT_EDGE);
	field_end(&f);
	ck_assert_int_eq(field_delete(&f), FIELD_AT_EDGE);
}
END_TEST

START_TEST(test_end_on_wide_text)
{
	field_init(&f, 0, 40, 1, 0, 0);
	field_set_text(&f, "电子印章");
	field_home(&f);
	ck_assert_int_eq(field_end(&f), FIELD_DONE);
	/* End lands right after the text: column 8, not past it. */
	ck_assert_uint_eq(f.cursor, 4);
	ck_assert_uint_eq(field_cursor_col(&f), 8);
	/* Typing there appends, without blanks in between. */
	type("a");
	ck_assert_str_eq(field_text(&f), "电子印章a");
	ck_assert_int_eq(field_end(&f), FIELD_AT_EDGE);
}
END_TEST

START_TEST(test_width_limit_odd)
{
	/* A box of 7 columns: three Chinese characters take 6, the fourth
	 * would need 8 and is refused, never split; one ASCII fits. */
	field_init(&f, 0, 8, 1, 0, 7);
	ck_assert_int_eq(field_insert_text(&f, "中文中文"), FIELD_FULL_COLS);
	ck_assert_str_eq(field_text(&f), "中文中");
	ck_assert_uint_eq(field_width(&f), 6);
	ck_assert_int_eq(field_insert(&f, 'a'), FIELD_DONE);
	ck_assert_uint_eq(field_width(&f), 7);
	ck_assert_int_eq(field_insert(&f, 'b'), FIELD_FULL_COLS);

	/* set_text obeys the same limit. */
	field_set_text(&f, "a中文中文");
	ck_assert_str_eq(field_text(&f), "a中文中");
	ck_assert_uint_eq(field_width(&f), 7);
}
END_TEST

START_TEST(test_char_limit)
{
	field_init(&f, 0, 40, 1, 3, 0);
	ck_assert_int_eq(field_insert_text(&f, "印章管理"), FIELD_FULL_CHARS);
	ck_assert_str_eq(field_text(&f), "印章管");
	ck_assert_uint_eq(f.nchars, 3);
}
END_TEST

START_TEST(test_scroll_narrow_field)
{
	size_t off, len;
	int col;

	/* Five columns for twelve: the view never shows half a character
	 * and the cursor's cell is always inside. */
	field_init(&f, 0, 5, 1, 0, 0);
	type("中文中文中文");
	field_view(&f, &off, &len, &col);
	ck_assert_int_lt(col, 5);
	ck_assert(text_utf8_valid(f.buf + off, len));
	{
		char *shown = xstrndup(f.buf + off, len);

		ck_assert_str_eq(shown, "中文");
		ck_assert_int_eq(col, 4);
		free(shown);
	}
	/* Home scrolls back to the start. */
	field_home(&f);
	field_view(&f, &off, &len, &col);
	ck_assert_uint_eq(off, 0);
	ck_assert_int_eq(col, 0);
	ck_assert_uint_eq(len, strlen("中文"));
	/* A cursor on a wide character needs both its columns. */
	f.cursor = 2;
	field_view(&f, &off, &len, &col);
	ck_assert_int_le(col + 2, 5);
}
END_TEST

START_TEST(test_wrap_rows)
{
	size_t rows[8], n;

	/* Width 8 wraps at 7 columns: 中文中 (6) fits, 文 goes down. */
	field_init(&f, FIELD_MULTILINE, 8, 4, 0, 0);
	type("中文中文中");
	n = field_rows(&f, rows, 8);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(rows[1], 3);
	ck_assert_uint_eq(field_cursor_row(&f), 1);
	ck_assert_uint_eq(field_cursor_col(&f), 4);

	/* A newline starts a row, even at the end. */
	type("\n");
	n = field_rows(&f, rows, 8);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(field_cursor_row(&f), 2);
	ck_assert_uint_eq(field_cursor_col(&f), 0);

	/* ASCII fills to the wrap column exactly. */
	field_set_text(&f, "abcdefgh");
	n = field_rows(&f, rows, 8);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(rows[1], 7);
}
END_TEST

START_TEST(test_up_down_keep_column)
{
	/* Rows "ab中文x" and "中文中文" (wrapping at 9 columns). */
	field_init(&f, FIELD_MULTILINE, 10, 4, 0, 0);
	field_set_text(&f, "ab中文x\n中文中文");
	f.cursor = 3;			/* after 中: column 4 */
	ck_assert_uint_eq(field_cursor_col(&f), 4);
	ck_assert_int_eq(field_down(&f), FIELD_DONE);
	ck_assert_uint_eq(field_cursor_row(&f), 1);
	ck_assert_uint_eq(field_cursor_col(&f), 4);
	ck_assert_uint_eq(f.cursor, 8);

	f.cursor = 1;			/* column 1 */
	f.goal = -1;
	field_down(&f);
	/* Not halfway into 中. */
	ck_assert_uint_eq(field_cursor_col(&f), 0);
	/* The goal column survives a trip through a short row. */
	ck_assert_int_eq(field_up(&f), FIELD_DONE);
	ck_assert_uint_eq(field_cursor_col(&f), 1);
	ck_assert_int_eq(field_up(&f), FIELD_AT_EDGE);

	/* Home and End stay on the line between newlines. */
	f.cursor = 9;
	field_home(&f);
	ck_assert_uint_eq(f.cursor, 6);
	field_end(&f);
	ck_assert_uint_eq(f.cursor, 10);
	f.cursor = 2;
	field_end(&f);
	ck_assert_uint_eq(f.cursor, 5);
}
END_TEST

START_TEST(test_single_line_refuses_controls)
{
	field_init(&f, 0, 40, 1, 0, 0);
	ck_assert_int_eq(field_insert(&f, '\n'), FIELD_NOT_TEXT);
	ck_assert_int_eq(field_insert(&f, 0x1b), FIELD_NOT_TEXT);
	ck_assert_int_eq(field_insert(&f, 0x9b), FIELD_NOT_TEXT);
	ck_assert_int_eq(field_insert(&f, 0x202e), FIELD_NOT_TEXT);
	ck_assert_int_eq(field_insert(&f, 0xd800), FIELD_NOT_TEXT);
	ck_assert_int_eq(field_insert(&f, 0x110001), FIELD_NOT_TEXT);
	ck_assert_uint_eq(f.len, 0);
	/* Stored text with an escape sequence loses the whole sequence. */
	field_set_text(&f, "\x1b]0;title\x07印章");
	ck_assert_str_eq(field_text(&f), "印章");
	ck_assert_int_eq(f.changed, 0);
	type("a");
	ck_assert_int_eq(f.changed, 1);
}
END_TEST

START_TEST(test_input_method_burst)
{
	/* A phrase committed at once lands whole, in the middle too. */
	field_init(&f, 0, 40, 1, 0, 0);
	type("关于的请示");
	f.cursor = 2;
	type("申请打印机");
	ck_assert_str_eq(field_text(&f), "关于申请打印机的请示");
	ck_assert_uint_eq(f.cursor, 7);
	ck_assert_uint_eq(field_cursor_col(&f), 14);
}
END_TEST

START_TEST(test_secret_never_moves)
{
	size_t off, len;
	int col;
	char *before;

	field_init(&f, FIELD_SECRET, 20, 1, 8, 0);
	before = f.buf;
	type("pass中文");
	ck_assert_ptr_eq(f.buf, before);
	ck_assert_int_eq(field_insert_text(&f, "12345"), FIELD_FULL_CHARS);
	field_view(&f, &off, &len, &col);
	ck_assert_uint_eq(len, 0);	/* nothing is ever shown */
	ck_assert_int_eq(col, 0);
	field_set_text(&f, "");
	ck_assert_uint_eq(f.len, 0);
	ck_assert_int_eq(f.buf[0] | f.buf[3] | f.buf[10], 0);
}
END_TEST

Suite *
field_suite(void)
{
	Suite *s = suite_create("field");
	TCase *tc = tcase_create("field");

	tcase_add_checked_fixture(tc, field_setup, field_teardown);
	tcase_add_test(tc, test_cursor_columns_mixed);
	tcase_add_test(tc, test_delete_wide_character);
	tcase_add_test(tc, test_end_on_wide_text);
	tcase_add_test(tc, test_width_limit_odd);
	tcase_add_test(tc, test_char_limit);
	tcase_add_test(tc, test_scroll_narrow_field);
	tcase_add_test(tc, test_wrap_rows);
	tcase_add_test(tc, test_up_down_keep_column);
	tcase_add_test(tc, test_single_line_refuses_controls);
	tcase_add_test(tc, test_input_method_burst);
	tcase_add_test(tc, test_secret_never_moves);
	suite_add_tcase(s, tc);
	return s;
}
