/*
 * test_report_pdf.c -- the summary and registers as PDF (Art. 11): A4
 * landscape, every cell and the heading readable by pdftotext, long
 * tables continued on further pages with their headings and "page N of
 * M", a chart whose bars stand on the days with activity and whose
 * heights follow the counts, and the same bytes for the same report.
 *
 * The reports are made by hand, so the expected picture is known
 * exactly; the core's own tests check the figures.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/report_private.h"
#include "lib/testlib.h"
#include "render/measure.h"
#include "render/render.h"
#include "render/suites.h"

static char *rp_dir;
static struct report rp;

/* Days 1 to 10 of January 2026. */
static const uint64_t rp_sealed[10] = { 0, 1, 2, 3, 0, 0, 1, 0, 0, 2 };
static const uint64_t rp_copies[10] = { 0, 5, 0, 10, 0, 0, 0, 0, 20, 0 };

static void
rp_setup(void)
{
	setenv("TZ", "CST-8", 1);
	tzset();
	rp_dir = testlib_tmpdir();
	memset(&rp, 0, sizeof rp);
}

static void
rp_teardown(void)
{
	report_free(&rp);
	testlib_rmdir(rp_dir);
	render_release();
}

static void
rp_heading(enum report_kind kind, const char *title)
{
	rp.kind = kind;
	rp.title = xstrdup(title);
	rp.bureau = xstrdup("示例市司法局");
	rp.generated_by = xstrdup("clerk (张三)");
	rp.generated_at = 1769909400;	/* 2026-02-01 09:30 CST */
	ck_assert_int_eq(report_period_days("2026-01-01", "2026-01-10",
	    &rp.period), STATUS_OK);
}

static void
rp_summary(void)
{
	const char *head[4] = { "Seal", "Seal name", "Sealed",
		"Copies printed" };
	const char *row1[4] = { "SEAL-001", "示范市示范区司法局", "7", "25" };
	const char *row2[4] = { "SEAL-002", "示范市示范区司法局行政复议专用章",
		"2", "10" };
	const char *total[4] = { "Total", "", "9", "35" };
	const unsigned char numeric[4] = { 0, 0, 1, 1 };
	struct report_table *t;
	size_t i;

	rp_heading(REPORT_SUMMARY, "电子印章签章和在线打印情况汇总表");
	t = report_table_add(&rp, "By seal", 4, head, numeric);
	report_row_add(t, row1);
	report_row_add(t, row2);
	report_row_add(t, total);
	t->total = 1;
	t = report_table_add(&rp, "Daily volume", 4, head, numeric);
	t->daily = 1;
	report_row_add(t, row1);	/* drawn as the chart, not a table */
	rp.ndays = 10;
	rp.days = xcalloc(10, sizeof *rp.days);
	for (i = 0; i < 10; i++) {
		rp.days[i].start = rp.period.from + (int64_t) i * 86400;
		rp.days[i].sealed = rp_sealed[i];
		rp.days[i].copies = rp_copies[i];
	}
}

/* A register of N rows, long enough to need more pages. */
static void
rp_register(size_t n)
{
	const char *head[5] = { "Document number", "Title", "Copy number",
		"Witness", "Reason" };
	const unsigned char numeric[5] = { 0, 0, 1, 0, 0 };
	char num[64], copy[16];
	const char *row[5] = { num, "关于申请配置彩色激光打印机的请示", copy,
		"王五", "格式不符，请重新拟稿，并按规定报送审批后再行申请签章" };
	struct report_table *t;
	size_t i;

	rp_heading(REPORT_REGISTERS, "Registers");
	t = report_table_add(&rp, "Recalled and destroyed copies", 5, head,
	    numeric);
	for (i = 0; i < n; i++) {
		snprintf(num, sizeof num, "示司办〔2026〕%zu号", i + 1);
		snprintf(copy, sizeof copy, "%06zu", i + 1);
		report_row_add(t, row);
	}
	report_table_add(&rp, "Standalone-seal use", 5, head, numeric);
}

static char *
rp_write(struct buf *pdf)
{
	char *path = xasprintf("%s/report.pdf", rp_dir);

	buf_init(pdf);
	ck_assert_int_eq(report_pdf(&rp, pdf), STATUS_OK);
	ck_assert_int_eq(render_save(pdf->data, pdf->len, path), STATUS_OK);
	return path;
}

START_TEST(test_pdf_text_and_page)
{
	struct buf pdf;
	char *path, *text, *flat;

	rp_summary();
	path = rp_write(&pdf);
	/* A4 landscape: 297 x 210 mm in points. */
	buf_add_u8(&pdf, 0);
	ck_assert_ptr_nonnull(memmem(pdf.data, pdf.len, "841.88", 6));
	ck_assert_ptr_nonnull(memmem(pdf.data, pdf.len, "595.27", 6));

	text = measure_text(rp_dir, path, 0, "-layout");
	flat = measure_squeeze(text);
	ck_assert_ptr_nonnull(strstr(flat, "电子印章签章和在线打印情况汇总表"));
	ck_assert_ptr_nonnull(strstr(flat, "示例市司法局"));
	ck_assert_ptr_nonnull(strstr(flat, "2026-01-01to2026-01-10"));
	ck_assert_ptr_nonnull(strstr(flat, "clerk(张三)at2026-02-0109:30"));
	ck_assert_ptr_nonnull(strstr(flat, "SEAL-001示范市示范区司法局725"));
	ck_assert_ptr_nonnull(strstr(flat, "Total935"));
	ck_assert_ptr_nonnull(strstr(flat, "Documentssealed(perday)"));
	ck_assert_ptr_nonnull(strstr(flat, "Page1of1"));
	/* The daily table is the chart: its rows are not printed. */
	ck_assert_ptr_null(strstr(flat, "Dailyvolume"));
	free(flat);
	free(text);
	free(path);
	buf_free(&pdf);
}
END_TEST

/* Columns of the picture holding ink of one colour in [Y0, Y1) mm: the
 * runs of such columns are the bars, HEIGHT the tallest of each. */
struct rp_bars {
	int	 n;
	double	 x[32];
	double	 height[32];
};

static int
rp_blue(const struct picture *p, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(p->s);
	int stride = cairo_image_surface_get_stride(p->s);
	const uint32_t px = *(const uint32_t *) (d + y * stride + 4 * x);
	int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

	return b > 120 && r < 90 && g < 120 && b - r > 60;
}

static void
rp_find_bars(const struct picture *p, int blue, double y0, double y1,
    struct rp_bars *bars)
{
	int x, y, ink, in = 0, top, bottom;
	double h;

	memset(bars, 0, sizeof *bars);
	for (x = 0; x < p->w; x++) {
		top = bottom = -1;
		for (y = (int) picture_px(p, y0); y < (int) picture_px(p, y1) &&
		    y < p->h; y++) {
			ink = blue ? rp_blue(p, x, y) : picture_red(p, x, y);
			if (ink && top < 0)
				top = y;
			if (ink)
				bottom = y;
		}
		if (top >= 0 && !in && bars->n < 32) {
			bars->x[bars->n] = picture_mm(p, x);
			bars->n++;
		}
		if (top >= 0) {
			h = picture_mm(p, bottom + 1 - top);
			if (h > bars->height[bars->n - 1])
				bars->height[bars->n - 1] = h;
		}
		in = top >= 0;
	}
}

START_TEST(test_pdf_chart_bars)
{
	struct picture pic;
	struct rp_bars red, blue;
	struct buf pdf;
	char *path, *png;
	double unit;

	rp_summary();
	path = rp_write(&pdf);
	png = measure_raster(rp_dir, path, 1, 150);
	picture_load(&pic, png, 150);

	/* Sealing: red bars on days 2, 3, 4, 7 and 10, tall as 1, 2, 3, 1
	 * and 2 sealings; the axis top is 3 on this chart. */
	rp_find_bars(&pic, 0, 20, 150, &red);
	ck_assert_int_eq(red.n, 5);
	unit = red.height[0];
	ck_assert(unit > 3);
	ck_assert(fabs(red.height[1] - 2 * unit) < 1.0);
	ck_assert(fabs(red.height[2] - 3 * unit) < 1.0);
	ck_assert(fabs(red.height[3] - unit) < 1.0);
	ck_assert(fabs(red.height[4] - 2 * unit) < 1.0);
	/* A slot a day: day 10 is eight slots after day 2. */
	ck_assert(fabs((red.x[1] - red.x[0]) * 8 - (red.x[4] - red.x[0])) <
	    1.0);

	/* Printing: blue bars on days 2, 4 and 9, as 5, 10 and 20 copies. */
	rp_find_bars(&pic, 1, 20, 150, &blue);
	ck_assert_int_eq(blue.n, 3);
	ck_assert(fabs(blue.height[1] - 2 * blue.height[0]) < 1.0);
	ck_assert(fabs(blue.height[2] - 4 * blue.height[0]) < 1.0);
	ck_assert(fabs(blue.x[0] - red.x[0]) < 0.5);

	picture_free(&pic);
	free(png);
	free(path);
	buf_free(&pdf);
}
END_TEST

START_TEST(test_pdf_long_register_pages)
{
	struct picture pic;
	struct rp_bars red;
	struct buf pdf;
	char *path, *text, *flat, *png;
	char want[32];
	int pages;

	rp_register(150);
	path = rp_write(&pdf);
	text = measure_text(rp_dir, path, 0, "");
	flat = measure_squeeze(text);
	ck_assert_ptr_nonnull(strstr(flat, "示司办〔2026〕1号"));
	ck_assert_ptr_nonnull(strstr(flat, "示司办〔2026〕150号"));
	ck_assert_ptr_nonnull(strstr(flat, "000150"));
	ck_assert_ptr_nonnull(strstr(flat,
	    "Recalledanddestroyedcopies(continued)"));
	/* The empty register still shows its columns, and says so. */
	ck_assert_ptr_nonnull(strstr(flat, "Standalone-sealuse"));
	ck_assert_ptr_nonnull(strstr(flat, "(noneinthisperiod)"));
	for (pages = 2; pages < 40; pages++) {
		snprintf(want, sizeof want, "Page1of%d", pages);
		if (strstr(flat, want) != NULL)
			break;
	}
	ck_assert_int_lt(pages, 40);
	snprintf(want, sizeof want, "Page%dof%d", pages, pages);
	ck_assert_ptr_nonnull(strstr(flat, want));
	free(flat);
	free(text);

	/* Every page after the first repeats the headings. */
	text = measure_text(rp_dir, path, 2, "");
	ck_assert_ptr_nonnull(strstr(text, "Document number"));
	free(text);

	/* No chart in the registers. */
	png = measure_raster(rp_dir, path, 1, 50);
	picture_load(&pic, png, 50);
	rp_find_bars(&pic, 0, 0, 200, &red);
	ck_assert_int_eq(red.n, 0);
	picture_free(&pic);
	free(png);
	free(path);
	buf_free(&pdf);
}
END_TEST

/* A summary of N seals and their Total, no chart days. */
static void
rp_seals(size_t n)
{
	const char *head[4] = { "Seal", "Seal name", "Sealed",
		"Copies printed" };
	const char *total[4] = { "Total", "", "1", "1" };
	const unsigned char numeric[4] = { 0, 0, 1, 1 };
	char regno[32];
	const char *row[4] = { regno, "示范市示范区司法局", "1", "1" };
	struct report_table *t;
	size_t i;

	report_free(&rp);
	memset(&rp, 0, sizeof rp);
	rp_heading(REPORT_SUMMARY, "电子印章签章和在线打印情况汇总表");
	t = report_table_add(&rp, "By seal", 4, head, numeric);
	for (i = 0; i < n; i++) {
		snprintf(regno, sizeof regno, "SEAL-%03zu", i + 1);
		report_row_add(t, row);
	}
	report_row_add(t, total);
	t->total = 1;
}

START_TEST(test_pdf_total_kept_with_a_row)
{
	char *path, *text, *page, *next;
	struct buf pdf;
	int moved = 0;
	size_t n;

	/* From a table that fits its first page to one that runs over it:
	 * one of these sizes would leave the Total alone at the top of the
	 * second page. */
	for (n = 19; n <= 25; n++) {
		rp_seals(n);
		path = rp_write(&pdf);
		text = measure_text(rp_dir, path, 0, "");
		/* pdftotext ends each page with a form feed. */
		for (page = text; (next = strchr(page, '\f')) != NULL;
		    page = next + 1) {
			*next = '\0';
			if (strstr(page, "Total") == NULL)
				continue;
			ck_assert_msg(strstr(page, "SEAL-") != NULL,
			    "%zu seals: the Total row is alone on its page", n);
			moved |= strstr(page, "(continued)") != NULL;
		}
		free(text);
		free(path);
		buf_free(&pdf);
	}
	/* And the case was met: a Total on a continued page. */
	ck_assert(moved);
}
END_TEST

START_TEST(test_pdf_same_bytes)
{
	struct buf a, b;

	rp_summary();
	buf_init(&a);
	buf_init(&b);
	ck_assert_int_eq(report_pdf(&rp, &a), STATUS_OK);
	ck_assert_int_eq(report_pdf(&rp, &b), STATUS_OK);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_int_eq(memcmp(a.data, b.data, a.len), 0);
	/* The creation date is the report's time, not the clock's. */
	ck_assert_ptr_nonnull(memmem(a.data, a.len, "20260201013000", 14));
	buf_free(&a);
	buf_free(&b);
}
END_TEST

Suite *
report_pdf_suite(void)
{
	Suite *s = suite_create("report_pdf");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, rp_setup, rp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_pdf_text_and_page);
	tcase_add_test(tc, test_pdf_chart_bars);
	tcase_add_test(tc, test_pdf_long_register_pages);
	tcase_add_test(tc, test_pdf_same_bytes);
	tcase_add_test(tc, test_pdf_total_kept_with_a_row);
	suite_add_tcase(s, tc);
	return s;
}
