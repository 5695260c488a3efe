/*
 * test_direct.c -- one finished PDF printed outside the register
 * (print_pdf, the standalone station's printing): into a folder, whole
 * and under its name, a folder that cannot be made refused with the
 * reason; through a private cupsd, the PDF comes out of the queue, and
 * a queue that does not exist is refused with nothing printed.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cairo.h>
#include <cairo-pdf.h>

#include "lib/testlib.h"
#include "print/cupsd_fixture.h"
#include "print/print.h"
#include "render/render.h"
#include "print/suites.h"

static struct {
	char		*dir;
	struct cupsd	 cupsd;
	struct buf	 pdf;
} dx;

static cairo_status_t
direct_write(void *arg, const unsigned char *data, unsigned int n)
{
	buf_add(arg, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* A one-page A4 PDF with a red disc, standing in for a sealed page. */
static void
direct_make_pdf(struct buf *out)
{
	cairo_surface_t *s;
	cairo_t *cr;

	s = cairo_pdf_surface_create_for_stream(direct_write, out, 595, 842);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0.8, 0, 0);
	cairo_arc(cr, 400, 600, 60, 0, 6.283);
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
}

static void
direct_setup(void)
{
	memset(&dx, 0, sizeof dx);
	dx.dir = testlib_tmpdir();
	/* The scheduler's filters may run as another user. */
	ck_assert_int_eq(chmod(dx.dir, 0711), 0);
	buf_init(&dx.pdf);
	direct_make_pdf(&dx.pdf);
	ck_assert_uint_gt(dx.pdf.len, 100);
}

static void
direct_teardown(void)
{
	cupsd_stop(&dx.cupsd);
	buf_free(&dx.pdf);
	testlib_rmdir(dx.dir);
	/* The fonts the runner loaded before the tests, so that leak
	 * checkers see a clean exit. */
	render_release();
}

START_TEST(test_direct_folder)
{
	struct print_target t = { PRINTER_FOLDER, NULL };
	struct print_pdf_result r;
	char *folder = xasprintf("%s/printed", dx.dir), *want, *got;
	unsigned long n;

	t.queue = folder;
	ck_assert_int_eq(print_pdf(&t, "standalone-7-use-2", &dx.pdf, &r),
	    STATUS_OK);
	want = xasprintf("%s/standalone-7-use-2-000001.pdf", folder);
	ck_assert_str_eq(r.where, want);
	got = testlib_read_file(want, &n);
	ck_assert_uint_eq(n, dx.pdf.len);
	ck_assert_mem_eq(got, dx.pdf.data, n);
	free(got);
	free(want);
	print_pdf_result_free(&r);
	free(folder);
}
END_TEST

START_TEST(test_direct_folder_refused)
{
	struct print_target t = { PRINTER_FOLDER, NULL };
	struct print_pdf_result r;
	char *folder = xasprintf("%s/none/printed", dx.dir);

	t.queue = folder;
	ck_assert_int_eq(print_pdf(&t, "standalone-7-use-2", &dx.pdf, &r),
	    STATUS_IO);
	ck_assert_ptr_null(r.where);
	ck_assert_ptr_nonnull(r.message);
	ck_assert_ptr_nonnull(strstr(r.message, "cannot create it"));
	print_pdf_result_free(&r);
	t.queue = "";
	ck_assert_int_eq(print_pdf(&t, "x", &dx.pdf, &r), STATUS_INVALID);
	free(folder);
}
END_TEST

START_TEST(test_direct_cups)
{
	struct print_target t = { PRINTER_CUPS, "STATION" };
	struct print_pdf_result r;
	char *cups = xasprintf("%s/cups", dx.dir);
	char *out = xasprintf("%s/station.pdf", dx.dir), *got;
	unsigned long n;

	cupsd_start(&dx.cupsd, cups);
	cupsd_queue(&dx.cupsd, "STATION", out);
	ck_assert_int_eq(print_pdf(&t, "standalone-7-use-2", &dx.pdf, &r),
	    STATUS_OK);
	ck_assert_ptr_nonnull(r.where);
	ck_assert_msg(strncmp(r.where, "CUPS queue STATION, job ", 24) == 0,
	    "where: %s", r.where);
	got = testlib_read_file(out, &n);
	ck_assert_uint_gt(n, 100);
	/* The queue's driver may wrap the PDF in a printer-language
	 * header; the page itself is a PDF. */
	ck_assert_ptr_nonnull(memmem(got, n, "%PDF", 4));
	free(got);
	print_pdf_result_free(&r);

	/* No such queue: refused, nothing printed. */
	t.queue = "NOPE";
	ck_assert_int_eq(print_pdf(&t, "standalone-7-use-3", &dx.pdf, &r),
	    STATUS_PRINTER_QUEUE);
	ck_assert_ptr_null(r.where);
	print_pdf_result_free(&r);
	free(out);
	free(cups);
}
END_TEST

Suite *
direct_suite(void)
{
	Suite *s = suite_create("direct");
	TCase *tc = tcase_create("direct");

	tcase_add_checked_fixture(tc, direct_setup, direct_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_direct_folder);
	tcase_add_test(tc, test_direct_folder_refused);
	tcase_add_test(tc, test_direct_cups);
	suite_add_tcase(s, tc);
	return s;
}
