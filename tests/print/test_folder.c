/*
 * test_folder.c -- printing on the folder printer: every copy a PDF of
 * its own with its copy number and the seal, the print log matching the
 * files one for one; a cancel or a failure leaves exactly the copies
 * written counted, and the rest free for the retry.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/testlib.h"
#include "print/print_fixture.h"
#include "print/suites.h"

static char *
folder_copy_path(uint64_t doc, uint32_t copy)
{
	return xasprintf("%s/doc-%llu-v1-%06u.pdf", pfx.folder,
	    (unsigned long long) doc, (unsigned) copy);
}

/* The folder holds exactly copies FIRST..LAST of DOC. */
static void
folder_holds(uint64_t doc, uint32_t first, uint32_t last, uint32_t upto)
{
	uint32_t i;
	char *p;

	for (i = 1; i <= upto; i++) {
		p = folder_copy_path(doc, i);
		ck_assert_msg((access(p, F_OK) == 0) == (i >= first &&
		    i <= last), "copy %u %s", (unsigned) i,
		    access(p, F_OK) == 0 ? "is there" : "is missing");
		free(p);
	}
}

START_TEST(test_folder_thirty_copies_of_01)
{
	uint64_t doc = pfx_corpus_sealed("01-notice-rules.txt");
	struct print_result r;
	struct docview v;
	uint32_t i;
	char *p;

	pfx_print(doc, "folder", 0, NULL, NULL, STATUS_OK, &r);
	ck_assert_int_eq(r.outcome, PRINT_DONE);
	ck_assert_uint_eq(r.first_copy, 1);
	ck_assert_uint_eq(r.printed, 30);
	ck_assert_int_gt(r.pages, 1);
	ck_assert_str_eq(r.where, pfx.folder);
	for (i = 0; i < 30; i++) {
		p = folder_copy_path(doc, i + 1);
		ck_assert_str_eq(r.files[i], p);
		pfx_check_copy(p, i + 1, (int) r.pages);
		free(p);
	}
	folder_holds(doc, 1, 30, 31);
	pfx_check_seal(r.files[29], &r);

	/* The log says what the folder holds. */
	pfx_view(doc, &v);
	ck_assert_uint_eq(v.njobs, 1);
	ck_assert_int_eq(v.jobs[0].outcome, PRINT_DONE);
	ck_assert_uint_eq(v.jobs[0].first_copy, 1);
	ck_assert_uint_eq(v.jobs[0].count, 30);
	ck_assert_uint_eq(v.jobs[0].pages, r.pages);
	ck_assert_uint_eq(v.jobs[0].printer_id, pfx.pr_folder);
	ck_assert_uint_eq(v.jobs[0].user_id, wfx.id[WFX_PRINTER]);
	ck_assert_int_eq(v.doc.state, DOC_PRINTED);
	ck_assert_uint_eq(v.doc.copies_printed, 30);
	docview_free(&v);
	print_result_free(&r);

	/* Art. 11: not one copy more. */
	pfx_print(doc, "folder", 1, NULL, NULL, STATUS_COPIES_EXCEEDED, &r);
	ck_assert_uint_eq(r.job_id, 0);
	print_result_free(&r);
	folder_holds(doc, 1, 30, 31);
}
END_TEST

/* Cancel when copy ARG is about to be drawn. */
static int
folder_cancel_at(const struct print_progress *p, void *arg)
{
	return p->phase == PRINT_PHASE_COPY &&
	    p->copy_no == *(const uint32_t *) arg;
}

START_TEST(test_folder_cancel_keeps_what_was_written)
{
	uint64_t doc = pfx_simple_sealed(5);
	struct print_result r;
	uint32_t at = 4;
	struct docview v;

	pfx_print(doc, "folder", 0, folder_cancel_at, &at, STATUS_CANCELLED,
	    &r);
	ck_assert_int_eq(r.outcome, PRINT_CANCELLED);
	ck_assert_uint_eq(r.printed, 3);
	print_result_free(&r);
	folder_holds(doc, 1, 3, 6);

	/* Copies 1-3 done, 4-5 logged cancelled and free again. */
	pfx_view(doc, &v);
	ck_assert_uint_eq(v.njobs, 2);
	ck_assert_int_eq(v.jobs[0].outcome, PRINT_DONE);
	ck_assert_uint_eq(v.jobs[0].count, 3);
	ck_assert_int_eq(v.jobs[1].outcome, PRINT_CANCELLED);
	ck_assert_uint_eq(v.jobs[1].first_copy, 4);
	ck_assert_uint_eq(v.jobs[1].count, 2);
	ck_assert_uint_eq(v.doc.next_copy_no, 4);
	docview_free(&v);

	pfx_print(doc, "folder", 0, NULL, NULL, STATUS_OK, &r);
	ck_assert_uint_eq(r.first_copy, 4);
	ck_assert_uint_eq(r.printed, 2);
	print_result_free(&r);
	folder_holds(doc, 1, 5, 6);
}
END_TEST

START_TEST(test_folder_failure_is_logged)
{
	uint64_t doc = pfx_simple_sealed(2);
	char *blocked = xasprintf("%s/blocked", pfx.dir);
	struct print_result r;
	struct docview v;

	testlib_write_file(blocked, "x", 1);
	pfx_printer("blocked", PRINTER_FOLDER, blocked, 1, 0);
	pfx_print(doc, "blocked", 0, NULL, NULL, STATUS_IO, &r);
	ck_assert_int_eq(r.outcome, PRINT_FAILED);
	ck_assert_uint_eq(r.printed, 0);
	ck_assert_ptr_nonnull(strstr(r.message, blocked));
	print_result_free(&r);

	pfx_view(doc, &v);
	ck_assert_uint_eq(v.njobs, 1);
	ck_assert_int_eq(v.jobs[0].outcome, PRINT_FAILED);
	ck_assert_ptr_nonnull(strstr(v.jobs[0].message, "not a folder"));
	ck_assert_uint_eq(v.doc.next_copy_no, 1);
	docview_free(&v);

	/* The retry takes the same numbers. */
	pfx_print(doc, "folder", 0, NULL, NULL, STATUS_OK, &r);
	ck_assert_uint_eq(r.first_copy, 1);
	print_result_free(&r);
	free(blocked);
}
END_TEST

START_TEST(test_folder_rules_come_first)
{
	uint64_t doc = pfx_simple_sealed(1);
	struct print_result r;

	/* Flow 2: nothing is reserved, drawn or written on a mono printer. */
	pfx_printer("mono-folder", PRINTER_FOLDER, pfx.folder, 0, 0);
	pfx_print(doc, "mono-folder", 0, NULL, NULL, STATUS_PRINTER_COLOUR,
	    &r);
	ck_assert_uint_eq(r.job_id, 0);
	print_result_free(&r);
	pfx_print(doc, "no-such-printer", 0, NULL, NULL, STATUS_NOT_FOUND,
	    &r);
	ck_assert_ptr_null(r.where);
	print_result_free(&r);
	folder_holds(doc, 0, 0, 1);
}
END_TEST

Suite *
folder_suite(void)
{
	Suite *s = suite_create("folder");
	TCase *tc = tcase_create("folder printer");

	tcase_add_checked_fixture(tc, pfx_setup, pfx_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_folder_thirty_copies_of_01);
	tcase_add_test(tc, test_folder_cancel_keeps_what_was_written);
	tcase_add_test(tc, test_folder_failure_is_logged);
	tcase_add_test(tc, test_folder_rules_come_first);
	suite_add_tcase(s, tc);
	return s;
}
