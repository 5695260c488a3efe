/*
 * test_linebreak.c -- Chinese line breaking with made-up widths (one per
 * character): closing punctuation never starts a line, opening
 * punctuation never ends one, numbers and doubled dashes stay whole.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "render/linebreak.h"
#include "render/suites.h"
#include "util/util.h"

/* Break TEXT into lines WIDTH characters wide; the lines joined by '|'. */
static char *
linebreak_show(const char *text, double width)
{
	struct linebreak_unit *u;
	size_t n, lines, i, *starts, from, to;
	struct buf b;

	n = linebreak_units(text, &u);
	for (i = 0; i < n; i++)
		u[i].width = 1;
	lines = linebreak_lines(u, n, width, width, &starts);
	buf_init(&b);
	for (i = 0; i < lines; i++) {
		from = u[starts[i]].off;
		to = i + 1 < lines ? u[starts[i + 1]].off : strlen(text);
		if (i > 0)
			buf_add(&b, "|", 1);
		buf_add(&b, text + from, to - from);
	}
	buf_add(&b, "", 1);
	free(starts);
	free(u);
	return (char *) b.data;
}

START_TEST(test_closing_never_starts)
{
	char *s = linebreak_show("一二三四五，六七", 5);

	ck_assert_str_eq(s, "一二三四|五，六七");
	free(s);
	s = linebreak_show("一二三四五。”六七", 5);
	ck_assert_str_eq(s, "一二三四|五。”六七");
	free(s);
}
END_TEST

START_TEST(test_opening_never_ends)
{
	char *s = linebreak_show("一二三四《五》六", 5);

	ck_assert_str_eq(s, "一二三四|《五》六");
	free(s);
	s = linebreak_show("一二三“（四五六", 5);
	ck_assert_str_eq(s, "一二三|“（四五六");
	free(s);
}
END_TEST

START_TEST(test_every_mark)
{
	static const char *const closers[] = { "，", "。", "、", "；", "：",
	    "？", "！", "）", "》", "」", "』", "”", "’", "】", "〕",
	    ",", ".", ";", ":", "?", "!", ")", "%", NULL };
	static const char *const openers[] = { "（", "《", "「", "『", "“",
	    "‘", "【", "〔", "(", NULL };
	const char *const *m;
	char *text, *s;

	for (m = closers; *m != NULL; m++) {
		text = xasprintf("甲乙丙丁戊%s己庚", *m);
		s = linebreak_show(text, 5);
		ck_assert_msg(strstr(s, "|") != NULL &&
		    strncmp(strchr(s, '|') + 1, *m, strlen(*m)) != 0,
		    "%s starts a line: %s", *m, s);
		free(s);
		free(text);
	}
	for (m = openers; *m != NULL; m++) {
		text = xasprintf("甲乙丙丁%s戊己庚", *m);
		s = linebreak_show(text, 5);
		ck_assert_msg(strstr(s, *m) > strchr(s, '|'),
		    "%s ends a line: %s", *m, s);
		free(s);
		free(text);
	}
}
END_TEST

START_TEST(test_numbers_and_dashes_whole)
{
	char *s = linebreak_show("一二三2026年", 5);

	/* "2026" is one unit: it fits after 一二三 as the fourth unit. */
	ck_assert_str_eq(s, "一二三2026年");
	free(s);
	s = linebreak_show("一二三四——五", 5);
	ck_assert_str_eq(s, "一二三四——|五");
	free(s);
	s = linebreak_show("一二三四五——六", 5);
	ck_assert_str_eq(s, "一二三四五|——六");
	free(s);
}
END_TEST

START_TEST(test_only_punctuation_terminates)
{
	char *s = linebreak_show("，，，，，，，，，，，，", 5);

	/* Nothing can move back: the marks hang rather than loop. */
	ck_assert_str_eq(s, "，，，，，，，，，，，，");
	free(s);
	s = linebreak_show("", 5);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

Suite *
linebreak_suite(void)
{
	Suite *s = suite_create("linebreak");
	TCase *tc = tcase_create("linebreak");

	tcase_add_test(tc, test_closing_never_starts);
	tcase_add_test(tc, test_opening_never_ends);
	tcase_add_test(tc, test_every_mark);
	tcase_add_test(tc, test_numbers_and_dashes_whole);
	tcase_add_test(tc, test_only_punctuation_terminates);
	suite_add_tcase(s, tc);
	return s;
}
