/*
 * test_recwords.c -- stored English shown in the reader's words
 * (recwords.h): a known form is matched with its parts kept, status
 * names become their messages (also inside a part), parts are data and
 * never a format, and text of no known form is shown as stored.  Run in
 * the C locale, where a translation is the English form itself.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/suites.h"

static void
recwords_assert(const char *stored, const char *shown)
{
	char *t = recwords_text(stored);

	ck_assert_str_eq(t, shown);
	free(t);
}

START_TEST(test_recwords_status)
{
	recwords_assert("STATUS_OK", status_message(STATUS_OK));
	recwords_assert("STATUS_NO_SPACE", status_message(STATUS_NO_SPACE));
}
END_TEST

START_TEST(test_recwords_status_and_rest)
{
	char *want = xasprintf("%s: %s", status_message(STATUS_DENIED),
	    "sealed version 2 with seal SFJ-001, 3 copies");

	recwords_assert("STATUS_DENIED: sealed version 2 with seal SFJ-001, "
	    "3 copies", want);
	free(want);
}
END_TEST

START_TEST(test_recwords_form_with_status_part)
{
	char *want = xasprintf("folder /tmp/x y: cannot write "
	    "doc-6-v1-000009.pdf (%s)", status_message(STATUS_NO_SPACE));

	recwords_assert("folder /tmp/x y: cannot write doc-6-v1-000009.pdf "
	    "(STATUS_NO_SPACE)", want);
	free(want);
}
END_TEST

START_TEST(test_recwords_forms)
{
	recwords_assert("logged in", "logged in");
	recwords_assert("sealed version 1 with seal SFJ-001, 1 copies",
	    "sealed version 1 with seal SFJ-001, 1 copies");
	recwords_assert("version 1, step 2 of 2: issued as 示司办/2026/7",
	    "version 1, step 2 of 2: issued as 示司办/2026/7");
	recwords_assert("settled from the folder: 2 of 3 copies found",
	    "settled from the folder: 2 of 3 copies found");
	recwords_assert("archive up to 40 refused: entry 12 is younger than "
	    "1095 days", "archive up to 40 refused: entry 12 is younger "
	    "than 1095 days");
}
END_TEST

START_TEST(test_recwords_data_is_no_format)
{
	recwords_assert("sealed version 1 with seal %s%n%x, 1 copies",
	    "sealed version 1 with seal %s%n%x, 1 copies");
	recwords_assert("100% done", "100% done");
}
END_TEST

START_TEST(test_recwords_unknown)
{
	char *t = recwords_text(NULL);

	ck_assert_str_eq(t, "");
	free(t);
	recwords_assert("", "");
	recwords_assert("something the program never wrote",
	    "something the program never wrote");
	recwords_assert("STATUS_NO_SUCH_NAME", "STATUS_NO_SUCH_NAME");
	recwords_assert("sealed version x with seal A, 1 copies",
	    "sealed version x with seal A, 1 copies");
}
END_TEST

Suite *
recwords_suite(void)
{
	Suite *s = suite_create("recwords");
	TCase *tc = tcase_create("recwords");

	tcase_add_test(tc, test_recwords_status);
	tcase_add_test(tc, test_recwords_status_and_rest);
	tcase_add_test(tc, test_recwords_form_with_status_part);
	tcase_add_test(tc, test_recwords_forms);
	tcase_add_test(tc, test_recwords_data_is_no_format);
	tcase_add_test(tc, test_recwords_unknown);
	suite_add_tcase(s, tc);
	return s;
}
