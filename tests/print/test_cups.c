/*
 * test_cups.c -- printing through a real, private cupsd: thirty
 * numbered copies of corpus 01 come out of the queue with the seal in
 * place and the log matching; a stopped queue, a job cancelled from
 * outside or by the print room, a scheduler that is not running and a
 * queue deleted between choosing and printing each end with the reason
 * and a log that consumed no copy number.
 *
 * The queues write PDFs into files (tests/lib/cupsd.sh says why the
 * file and not the job state is what a test must check).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/testlib.h"
#include "print/print_fixture.h"
#include "print/suites.h"

/* The one job DOC's log holds, ended as OUTCOME, no copy consumed. */
static void
cups_logged_unused(uint64_t doc, enum print_outcome outcome,
    const char *says)
{
	struct docview v;

	pfx_view(doc, &v);
	ck_assert_uint_eq(v.njobs, 1);
	ck_assert_int_eq(v.jobs[0].outcome, outcome);
	ck_assert_msg(v.jobs[0].message != NULL &&
	    strstr(v.jobs[0].message, says) != NULL, "logged: %s",
	    v.jobs[0].message != NULL ? v.jobs[0].message : "nothing");
	ck_assert_uint_eq(v.doc.next_copy_no, 1);
	ck_assert_uint_eq(v.doc.copies_printed, 0);
	ck_assert_int_eq(v.doc.state, DOC_SEALED);
	docview_free(&v);
}

START_TEST(test_cups_thirty_copies_of_01)
{
	uint64_t doc = pfx_corpus_sealed("01-notice-rules.txt");
	char *out = pfx_cups("cups", "Q"), *p;
	struct print_result r;
	struct docview v;
	unsigned n, i;

	pfx_print(doc, "cups", 0, NULL, NULL, STATUS_OK, &r);
	ck_assert_int_eq(r.outcome, PRINT_DONE);
	ck_assert_uint_eq(r.printed, 30);
	ck_assert_uint_ne(r.queue_job, 0);
	ck_assert_str_eq(r.where, "Q");

	/* What came out of the queue: thirty copies in order. */
	n = pfx_split(out, "copy");
	ck_assert_uint_eq(n, 30);
	for (i = 1; i <= n; i++) {
		p = xasprintf("%s/copy-%u.pdf", pfx.dir, i);
		pfx_check_copy(p, i, (int) r.pages);
		if (i == n)
			pfx_check_seal(p, &r);
		free(p);
	}

	pfx_view(doc, &v);
	ck_assert_uint_eq(v.njobs, 1);
	ck_assert_int_eq(v.jobs[0].outcome, PRINT_DONE);
	ck_assert_uint_eq(v.jobs[0].first_copy, 1);
	ck_assert_uint_eq(v.jobs[0].count, 30);
	ck_assert_uint_eq(v.jobs[0].queue_job, r.queue_job);
	ck_assert_uint_eq(v.jobs[0].pages, r.pages);
	ck_assert_int_eq(v.doc.state, DOC_PRINTED);
	docview_free(&v);
	print_result_free(&r);
	free(out);
}
END_TEST

START_TEST(test_cups_stopped_queue)
{
	uint64_t doc = pfx_simple_sealed(2);
	char *out = pfx_cups("cups", "Q");
	struct print_result r;

	cupsd_run(&pfx.cupsd, "cupsdisable -r 'paper jam' Q");
	pfx_print(doc, "cups", 0, NULL, NULL, STATUS_PRINTER_STOPPED, &r);
	ck_assert_int_eq(r.outcome, PRINT_FAILED);
	ck_assert_ptr_nonnull(strstr(r.message, "Q"));
	print_result_free(&r);
	ck_assert_int_ne(access(out, F_OK), 0);
	cups_logged_unused(doc, PRINT_FAILED, "stopped");

	/* Started again, the same copy numbers print. */
	cupsd_run(&pfx.cupsd, "cupsenable Q");
	pfx_print(doc, "cups", 0, NULL, NULL, STATUS_OK, &r);
	ck_assert_uint_eq(r.first_copy, 1);
	ck_assert_uint_eq(pfx_split(out, "copy"), 2);
	print_result_free(&r);
	free(out);
}
END_TEST

/* At copy 2, cancel the CUPS job from outside, as an operator would. */
static int
cups_cancel_outside(const struct print_progress *p, void *arg)
{
	if (p->phase == PRINT_PHASE_COPY && p->copy_no == 2)
		cupsd_run(arg, "cancel Q-%u", (unsigned) p->queue_job);
	return 0;
}

START_TEST(test_cups_cancelled_from_outside)
{
	uint64_t doc = pfx_simple_sealed(3);
	char *out = pfx_cups("cups", "Q");
	struct print_result r;

	pfx_print(doc, "cups", 0, cups_cancel_outside, &pfx.cupsd,
	    STATUS_PRINT_CANCELLED, &r);
	ck_assert_int_eq(r.outcome, PRINT_CANCELLED);
	ck_assert_uint_eq(r.printed, 0);
	print_result_free(&r);
	ck_assert_int_ne(access(out, F_OK), 0);
	cups_logged_unused(doc, PRINT_CANCELLED, "cancelled at the printer");
	free(out);
}
END_TEST

static int
cups_cancel_at_2(const struct print_progress *p, void *arg)
{
	(void) arg;
	return p->phase == PRINT_PHASE_COPY && p->copy_no == 2;
}

START_TEST(test_cups_cancelled_by_the_print_room)
{
	uint64_t doc = pfx_simple_sealed(3);
	char *out = pfx_cups("cups", "Q");
	struct print_result r;

	/* Copy 1 was in the queue: held, it never printed. */
	pfx_print(doc, "cups", 0, cups_cancel_at_2, NULL, STATUS_CANCELLED,
	    &r);
	ck_assert_int_eq(r.outcome, PRINT_CANCELLED);
	ck_assert_uint_ne(r.queue_job, 0);
	print_result_free(&r);
	usleep(300 * 1000);
	ck_assert_int_ne(access(out, F_OK), 0);
	cups_logged_unused(doc, PRINT_CANCELLED, "print room");
	free(out);
}
END_TEST

START_TEST(test_cups_scheduler_down)
{
	uint64_t doc = pfx_simple_sealed(2);
	char *out = pfx_cups("cups", "Q");
	struct print_result r;

	cupsd_stop(&pfx.cupsd);
	pfx_print(doc, "cups", 0, NULL, NULL, STATUS_PRINT_SERVICE, &r);
	ck_assert_int_eq(r.outcome, PRINT_FAILED);
	print_result_free(&r);
	cups_logged_unused(doc, PRINT_FAILED, "scheduler");
	free(out);
}
END_TEST

/* Between the choice and the first copy, the queue goes away. */
static int
cups_delete_queue(const struct print_progress *p, void *arg)
{
	if (p->phase == PRINT_PHASE_START)
		cupsd_run(arg, "lpadmin -x Q");
	return 0;
}

START_TEST(test_cups_queue_deleted)
{
	uint64_t doc = pfx_simple_sealed(2);
	char *out = pfx_cups("cups", "Q");
	struct print_result r;

	pfx_print(doc, "cups", 0, cups_delete_queue, &pfx.cupsd,
	    STATUS_PRINTER_QUEUE, &r);
	ck_assert_int_eq(r.outcome, PRINT_FAILED);
	ck_assert_ptr_nonnull(strstr(r.message, "CUPS queue Q"));
	print_result_free(&r);
	cups_logged_unused(doc, PRINT_FAILED, "does not exist");
	free(out);
}
END_TEST

Suite *
cups_suite(void)
{
	Suite *s = suite_create("cups");
	TCase *tc = tcase_create("private cupsd");

	tcase_add_checked_fixture(tc, pfx_setup, pfx_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_cups_thirty_copies_of_01);
	tcase_add_test(tc, test_cups_stopped_queue);
	tcase_add_test(tc, test_cups_cancelled_from_outside);
	tcase_add_test(tc, test_cups_cancelled_by_the_print_room);
	tcase_add_test(tc, test_cups_scheduler_down);
	tcase_add_test(tc, test_cups_queue_deleted);
	suite_add_tcase(s, tc);
	return s;
}
