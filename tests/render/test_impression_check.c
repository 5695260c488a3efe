/*
 * test_impression_check.c -- an imported impression picture is accepted
 * only as red ink on a transparent background at 600 dpi or more, and
 * each refusal says why; an accepted one prints at its physical size.
 */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "render/png.h"
#include "render/render.h"
#include "render/suites.h"

#define NAME	"示范市示范区司法局"

/* A 42 mm impression at DPI, recorded in pHYs; WHITE paints an opaque
 * background first. */
static void
check_picture(double dpi, int white, struct buf *out)
{
	struct impression_spec spec = { NAME, "公文专用", 0, NULL, 0 };
	int px = (int) ceil(42 * dpi / 25.4);
	cairo_surface_t *s;
	cairo_t *cr;

	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px, px);
	cr = cairo_create(s);
	if (white) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
	}
	cairo_scale(cr, dpi / 25.4, dpi / 25.4);
	ck_assert_int_eq(render_impression(cr, &spec, 21, 21), STATUS_OK);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	ck_assert_int_eq(png_encode(s, dpi, out), STATUS_OK);
	cairo_surface_destroy(s);
}

static cairo_status_t
check_write(void *closure, const unsigned char *data, unsigned int n)
{
	buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* The same picture without a pHYs chunk. */
static void
check_picture_bare(struct buf *out)
{
	struct impression_spec spec = { NAME, NULL, 0, NULL, 0 };
	cairo_surface_t *s;
	cairo_t *cr;

	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 993, 993);
	cr = cairo_create(s);
	cairo_scale(cr, 600 / 25.4, 600 / 25.4);
	ck_assert_int_eq(render_impression(cr, &spec, 21, 21), STATUS_OK);
	cairo_destroy(cr);
	ck_assert_int_eq(cairo_surface_write_to_png_stream(s, check_write,
	    out), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
}

START_TEST(test_generated_accepted)
{
	struct impression_png_info info;
	struct buf b;

	buf_init(&b);
	check_picture(600, 0, &b);
	ck_assert_int_eq(impression_check_png(b.data, b.len, 0, &info),
	    STATUS_OK);
	ck_assert(fabs(info.width_mm - 42.0) < 0.05);

	/* A higher resolution is fine too. */
	buf_reset(&b);
	check_picture(1200, 0, &b);
	ck_assert_int_eq(impression_check_png(b.data, b.len, 0, &info),
	    STATUS_OK);
	ck_assert(fabs(info.dpi - 1200) < 0.1);
	buf_free(&b);
}
END_TEST

START_TEST(test_low_resolution_refused)
{
	struct buf b;

	buf_init(&b);
	check_picture(300, 0, &b);
	ck_assert_int_eq(impression_check_png(b.data, b.len, 0, NULL),
	    STATUS_IMPRESSION_LOW_RES);
	/* A 42 mm picture 993 pixels wide is 600 dpi; said to be 84 mm
	 * across it is only 300. */
	buf_reset(&b);
	check_picture_bare(&b);
	ck_assert_int_eq(impression_check_png(b.data, b.len, 84, NULL),
	    STATUS_IMPRESSION_LOW_RES);
	buf_free(&b);
}
END_TEST

START_TEST(test_size_from_parameter)
{
	struct impression_png_info info;
	struct buf b;

	buf_init(&b);
	check_picture_bare(&b);
	ck_assert_int_eq(impression_check_png(b.data, b.len, 0, &info),
	    STATUS_IMPRESSION_NO_SIZE);
	ck_assert_str_eq(status_name(STATUS_IMPRESSION_NO_SIZE),
	    "STATUS_IMPRESSION_NO_SIZE");
	ck_assert_int_eq(impression_check_png(b.data, b.len, 42, &info),
	    STATUS_OK);
	ck_assert(fabs(info.dpi - 993 * 25.4 / 42) < 0.01);
	buf_free(&b);
}
END_TEST

/* A red ring W pixels across on a clear ground, at 600 dpi. */
static void
check_ring(int w, struct buf *out)
{
	cairo_surface_t *s;
	cairo_t *cr;

	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, w);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, RENDER_RED_R, RENDER_RED_G, RENDER_RED_B);
	cairo_set_line_width(cr, w / 16.0);
	cairo_arc(cr, w / 2.0, w / 2.0, w * 0.42, 0, 2 * M_PI);
	cairo_stroke(cr);
	cairo_destroy(cr);
	ck_assert_int_eq(png_encode(s, 600, out), STATUS_OK);
	cairo_surface_destroy(s);
}

START_TEST(test_register_judged_as_sealed)
{
	uint32_t mm;
	struct buf b;

	/* 12 pixels at 600 dpi pass on their own (half a millimetre)... */
	buf_init(&b);
	check_ring(12, &b);
	ck_assert_int_eq(impression_check_png(b.data, b.len, 0, NULL),
	    STATUS_OK);
	/* ...but the register holds whole millimetres, and a sealing
	 * judges a 1 mm seal: 305 dpi, refused now as it would be then. */
	ck_assert_int_eq(impression_check_register(b.data, b.len, 0, &mm),
	    STATUS_IMPRESSION_LOW_RES);
	ck_assert_uint_eq(mm, 1);
	ck_assert_int_eq(impression_check_register(b.data, b.len, 42, &mm),
	    STATUS_IMPRESSION_LOW_RES);

	/* The standard impression is a 42 mm seal. */
	buf_reset(&b);
	check_picture(600, 0, &b);
	ck_assert_int_eq(impression_check_register(b.data, b.len, 0, &mm),
	    STATUS_OK);
	ck_assert_uint_eq(mm, 42);
	buf_free(&b);
}
END_TEST

START_TEST(test_opaque_refused)
{
	struct buf b;

	buf_init(&b);
	check_picture(600, 1, &b);
	ck_assert_int_eq(impression_check_png(b.data, b.len, 0, NULL),
	    STATUS_IMPRESSION_OPAQUE);
	ck_assert_ptr_nonnull(strstr(status_message(STATUS_IMPRESSION_OPAQUE),
	    "transparent"));
	buf_free(&b);
}
END_TEST

/* The standard impression on a disc of paper: clear only outside its
 * circle, as a photograph cut round. */
static void
check_filled_disc(struct buf *out)
{
	struct impression_spec spec = { NAME, "公文专用", 0, NULL, 0 };
	cairo_surface_t *s;
	cairo_t *cr;

	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 993, 993);
	cr = cairo_create(s);
	cairo_scale(cr, 600 / 25.4, 600 / 25.4);
	cairo_set_source_rgb(cr, 0.98, 0.96, 0.93);
	cairo_arc(cr, 21, 21, 21, 0, 2 * M_PI);
	cairo_fill(cr);
	ck_assert_int_eq(render_impression(cr, &spec, 21, 21), STATUS_OK);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	ck_assert_int_eq(png_encode(s, 600, out), STATUS_OK);
	cairo_surface_destroy(s);
}

START_TEST(test_filled_disc_refused)
{
	const char *msg = status_message(STATUS_IMPRESSION_FILLED);
	struct buf b;

	/* Its corners are clear, so its background is transparent; what
	 * is refused is the paper inside the circle, and the message says
	 * what the rule is and what to do. */
	buf_init(&b);
	check_filled_disc(&b);
	ck_assert_int_eq(impression_check_png(b.data, b.len, 0, NULL),
	    STATUS_IMPRESSION_FILLED);
	ck_assert_ptr_nonnull(strstr(msg, "40 % of the circle must be clear"));
	ck_assert_ptr_nonnull(strstr(msg, "without the paper"));
	ck_assert_ptr_null(strstr(msg, "background is not transparent"));
	buf_free(&b);
}
END_TEST

START_TEST(test_not_red_refused)
{
	cairo_surface_t *s;
	cairo_t *cr;
	struct buf b;

	/* A blue ring on a transparent background. */
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 993, 993);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0, 0, 0.8);
	cairo_set_line_width(cr, 30);
	cairo_arc(cr, 496, 496, 480, 0, 2 * M_PI);
	cairo_stroke(cr);
	cairo_destroy(cr);
	buf_init(&b);
	ck_assert_int_eq(png_encode(s, 600, &b), STATUS_OK);
	ck_assert_int_eq(impression_check_png(b.data, b.len, 0, NULL),
	    STATUS_IMPRESSION_NOT_RED);

	/* And an empty picture has no red ink at all. */
	cairo_surface_destroy(s);
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 993, 993);
	buf_reset(&b);
	ck_assert_int_eq(png_encode(s, 600, &b), STATUS_OK);
	ck_assert_int_eq(impression_check_png(b.data, b.len, 0, NULL),
	    STATUS_IMPRESSION_NOT_RED);
	cairo_surface_destroy(s);
	buf_free(&b);
}
END_TEST

START_TEST(test_not_png_refused)
{
	static const unsigned char junk[] = "GIF89a not a png at all";
	struct buf b;

	ck_assert_int_eq(impression_check_png(junk, sizeof junk, 42, NULL),
	    STATUS_IMPRESSION_NOT_PNG);
	buf_init(&b);
	check_picture(600, 0, &b);
	ck_assert_int_eq(impression_check_png(b.data, b.len / 2, 0, NULL),
	    STATUS_IMPRESSION_NOT_PNG);
	buf_free(&b);
}
END_TEST

Suite *
impression_check_suite(void)
{
	Suite *s = suite_create("impression_check");
	TCase *tc = tcase_create("impression_check");

	tcase_add_checked_fixture(tc, NULL, render_release);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_generated_accepted);
	tcase_add_test(tc, test_low_resolution_refused);
	tcase_add_test(tc, test_size_from_parameter);
	tcase_add_test(tc, test_register_judged_as_sealed);
	tcase_add_test(tc, test_opaque_refused);
	tcase_add_test(tc, test_filled_disc_refused);
	tcase_add_test(tc, test_not_red_refused);
	tcase_add_test(tc, test_not_png_refused);
	suite_add_tcase(s, tc);
	return s;
}
