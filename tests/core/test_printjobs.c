/*
 * test_printjobs.c -- the print log as the screens read it (Flow 2,
 * Art. 11): every job newest first, each naming its document, number,
 * printer and operator; a failed job stays in the log; the window of
 * offset and limit; and only business roles may read it (Art. 7).
 */
#include <config.h>

#include <string.h>

#include "core/suites.h"
#include "core/wf_fixture.h"

START_TEST(test_newest_first_with_names)
{
	struct printlog_job job;
	struct printjobs log;
	uint64_t a = wfx_create(DOC_LIT_COMPOSED, 3), b;

	wfx_walk(a, DOC_SEALED);
	wfx_print(a, 2);
	clock_advance(60);
	b = wfx_create(DOC_LIT_COMPOSED, 1);
	wfx_walk(b, DOC_SEALED);
	ck_assert_int_eq(printlog_reserve(fx.st, wfx.s[WFX_PRINTER], b,
	    wfx.pr_colour, 1, &job), STATUS_OK);
	clock_advance(60);
	ck_assert_int_eq(printlog_complete(fx.st, wfx.s[WFX_PRINTER], job.id,
	    PRINT_FAILED, 0, 0, 0, "paper jam"), STATUS_OK);

	ck_assert_int_eq(printjobs_list(fx.st, wfx.s[WFX_CLERK], 0, 0, &log),
	    STATUS_OK);
	ck_assert_uint_eq(log.n, 2);
	/* The newest first: the failed job of B, kept in the log. */
	ck_assert_uint_eq(log.e[0].job.doc_id, b);
	ck_assert_int_eq(log.e[0].job.outcome, PRINT_FAILED);
	ck_assert_str_eq(log.e[0].job.message, "paper jam");
	ck_assert_uint_eq(log.e[1].job.doc_id, a);
	ck_assert_uint_eq(log.e[1].job.first_copy, 1);
	ck_assert_uint_eq(log.e[1].job.count, 2);
	ck_assert_str_eq(log.e[1].title, "关于申请配置彩色激光打印机的请示");
	ck_assert_ptr_nonnull(strstr(log.e[1].number, "〔"));
	ck_assert_str_eq(log.e[1].printer, "colour");
	ck_assert_str_eq(log.e[1].user, wfx_names[WFX_PRINTER]);
	printjobs_free(&log);

	ck_assert_int_eq(printjobs_list(fx.st, wfx.s[WFX_DRAFTER], 1, 1, &log),
	    STATUS_OK);
	ck_assert_uint_eq(log.n, 1);
	ck_assert_uint_eq(log.e[0].job.doc_id, a);
	printjobs_free(&log);
}
END_TEST

START_TEST(test_administrators_may_not_read)
{
	struct printjobs log;

	ck_assert_int_eq(printjobs_list(fx.st, fx.sec, 0, 0, &log),
	    STATUS_DENIED);
	ck_assert_uint_eq(log.n, 0);
	printjobs_free(&log);
}
END_TEST

Suite *
printjobs_suite(void)
{
	Suite *s = suite_create("printjobs");
	TCase *tc = tcase_create("printjobs");

	tcase_add_checked_fixture(tc, wfx_setup, wfx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_newest_first_with_names);
	tcase_add_test(tc, test_administrators_may_not_read);
	suite_add_tcase(s, tc);
	return s;
}
