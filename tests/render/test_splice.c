/*
 * test_splice.c -- a seal's picture drawn into documents from its kept
 * compressed streams (pdfsplice.c, picture_splice): every document gets
 * exactly the bytes drawing the picture itself gives, whatever was sealed
 * before it; another seal, or the same seal changed, never gets the
 * first one's picture; a picture that cannot have a stand-in, and a PDF
 * that is not laid out as expected, are drawn whole instead; and poppler
 * finds the seal's picture, full size, in the spliced document.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "render/measure.h"
#include "render/pdfsplice.h"
#include "render/png.h"
#include "render/render.h"
#include "render/suites.h"

#define ISSUER	"示范市示范区司法局"
#define OTHER	"示范市示范区人民政府"

static const char splice_para[] =
    "根据有关规定，结合我局工作实际，现就有关事项说明如下。一是提高认识，"
    "加强领导，确保各项工作落到实处；二是明确责任，细化分工，按时完成各阶段"
    "任务；三是加强督查，及时总结，发现问题立即整改。\n";

static char *splice_dir;
static char *splice_body;

static void
splice_setup(void)
{
	struct buf b;
	int i;

	splice_dir = testlib_tmpdir();
	buf_init(&b);
	for (i = 0; i < 14; i++)	/* the seal lands on the third page */
		buf_add(&b, splice_para, strlen(splice_para));
	buf_add(&b, "", 1);
	splice_body = (char *) b.data;
	picture_splice_allow(1);
}

static void
splice_teardown(void)
{
	picture_splice_allow(1);
	free(splice_body);
	testlib_rmdir(splice_dir);
	render_release();
}

static void
splice_doc(struct render_doc *d, int long_body)
{
	memset(d, 0, sizeof *d);
	d->doc_number = "示区司发〔2026〕12号";
	d->title = "关于规范使用电子印章的通知";
	d->recipients = "局机关各科室";
	d->body = long_body ? splice_body : "现将有关事项通知如下。";
	d->issuer = ISSUER;
	d->year = 2026;
	d->month = 12;
	d->day = 5;
	d->numbered = 1;
}

/* SPEC (a generated impression) as a seal picture: its PNG into PNG. */
static void
splice_picture(const char *name, const char *lower, struct buf *png,
    struct impression_spec *seal)
{
	struct impression_spec gen = { name, lower, 0, NULL, 0 };

	buf_init(png);
	ck_assert_int_eq(impression_png(&gen, png), STATUS_OK);
	memset(seal, 0, sizeof *seal);
	seal->name = name;
	seal->png = png->data;
	seal->png_len = png->len;
}

/* DOC sealed with SEAL, drawn with the picture itself (WHOLE) or spliced. */
static void
splice_draw(const struct render_doc *doc, const struct impression_spec *seal,
    unsigned long copy, int whole, struct buf *out)
{
	buf_init(out);
	picture_splice_allow(!whole);
	ck_assert_int_eq(render_document(doc, seal, copy, out, NULL),
	    STATUS_OK);
	picture_splice_allow(1);
}

static void
splice_assert_same(const struct buf *a, const struct buf *b)
{
	ck_assert_uint_eq(a->len, b->len);
	ck_assert_mem_eq(a->data, b->data, a->len);
}

/* Short and long documents, with and without a copy number: the spliced
 * bytes are the bytes of the picture drawn whole, so a kept original
 * drawn again later still matches its signed hash. */
START_TEST(test_spliced_bytes_are_drawn_bytes)
{
	const struct pdfsplice_image *from, *to;
	struct impression_spec seal;
	cairo_surface_t *standin;
	struct buf png, a, b;
	struct render_doc d;
	int i;

	splice_picture(ISSUER, NULL, &png, &seal);
	ck_assert_int_eq(picture_splice(&seal, &standin, &from, &to),
	    STATUS_OK);
	ck_assert_int_lt(cairo_image_surface_get_width(standin), 64);
	ck_assert_uint_ge(to->width, 993);
	for (i = 0; i < 4; i++) {
		splice_doc(&d, i >= 2);
		splice_draw(&d, &seal, (unsigned long) (i % 2) * 7, 0, &a);
		splice_draw(&d, &seal, (unsigned long) (i % 2) * 7, 1, &b);
		splice_assert_same(&a, &b);
		buf_free(&a);
		buf_free(&b);
	}
	buf_free(&png);
}
END_TEST

/* After sealing with one seal, a second seal, and the first changed
 * (its lower line added), each get their own picture: the bytes of
 * their own whole drawing, not the first one's. */
START_TEST(test_other_seal_not_given_first_picture)
{
	struct impression_spec s1, s2, s3;
	struct buf p1, p2, p3, a1, a2, a3, w2, w3;
	struct render_doc d;

	splice_doc(&d, 1);
	splice_picture(ISSUER, NULL, &p1, &s1);
	splice_picture(OTHER, NULL, &p2, &s2);
	splice_picture(ISSUER, "公文专用", &p3, &s3);
	splice_draw(&d, &s2, 0, 1, &w2);
	splice_draw(&d, &s3, 0, 1, &w3);

	splice_draw(&d, &s1, 0, 0, &a1);
	splice_draw(&d, &s2, 0, 0, &a2);
	splice_draw(&d, &s3, 0, 0, &a3);
	splice_assert_same(&a2, &w2);
	splice_assert_same(&a3, &w3);
	ck_assert(a1.len != a2.len || memcmp(a1.data, a2.data, a1.len) != 0);
	ck_assert(a1.len != a3.len || memcmp(a1.data, a3.data, a1.len) != 0);

	buf_free(&p1);
	buf_free(&p2);
	buf_free(&p3);
	buf_free(&a1);
	buf_free(&a2);
	buf_free(&a3);
	buf_free(&w2);
	buf_free(&w3);
}
END_TEST

/* The generated picture with every ink pixel a slightly different red:
 * more colours than a stand-in holds. */
static void
splice_many_colours(struct buf *png)
{
	struct impression_spec gen = { ISSUER, NULL, 0, NULL, 0 };
	cairo_surface_t *s = NULL;
	unsigned char *row;
	uint32_t *p, a, r, g, b;
	struct buf png8;
	int x, y;

	buf_init(&png8);
	ck_assert_int_eq(impression_png(&gen, &png8), STATUS_OK);
	ck_assert_int_eq(png_decode(png8.data, png8.len, &s), STATUS_OK);
	cairo_surface_flush(s);
	row = cairo_image_surface_get_data(s);
	for (y = 0; y < cairo_image_surface_get_height(s); y++) {
		p = (uint32_t *) (void *) (row + (size_t) y *
		    (size_t) cairo_image_surface_get_stride(s));
		for (x = 0; x < cairo_image_surface_get_width(s); x++) {
			a = p[x] >> 24;
			r = a * (uint32_t) (160 + (x + 3 * y) % 96) / 255;
			g = a * (uint32_t) ((7 * x + y) % 61) / 255;
			b = a * (uint32_t) ((x + 11 * y) % 59) / 255;
			if (a > 0)
				p[x] = a << 24 | r << 16 | g << 8 | b;
		}
	}
	cairo_surface_mark_dirty(s);
	buf_init(png);
	ck_assert_int_eq(png_encode(s, IMPRESSION_DPI, png), STATUS_OK);
	cairo_surface_destroy(s);
	buf_free(&png8);
}

/* A scanned seal of too many shades has no stand-in: it is drawn whole, and
 * the document is what drawing it whole gives. */
START_TEST(test_many_colours_drawn_whole)
{
	const struct pdfsplice_image *from, *to;
	struct impression_spec seal;
	cairo_surface_t *standin;
	struct buf png, a, b;
	struct render_doc d;

	splice_many_colours(&png);
	memset(&seal, 0, sizeof seal);
	seal.png = png.data;
	seal.png_len = png.len;
	ck_assert_int_eq(impression_check_png(png.data, png.len, 0, NULL),
	    STATUS_OK);
	ck_assert_int_eq(picture_splice(&seal, &standin, &from, &to),
	    STATUS_RENDER);
	splice_doc(&d, 0);
	splice_draw(&d, &seal, 0, 0, &a);
	splice_draw(&d, &seal, 0, 1, &b);
	splice_assert_same(&a, &b);
	buf_free(&a);
	buf_free(&b);
	buf_free(&png);
}
END_TEST

/* A PDF without the stand-in's streams, or with them twice, is refused
 * and left as it was. */
START_TEST(test_unexpected_pdf_left_alone)
{
	const struct pdfsplice_image *from, *to;
	struct impression_spec seal;
	cairo_surface_t *standin;
	struct buf png, doc, twice, copy;
	struct render_doc d;

	splice_picture(ISSUER, NULL, &png, &seal);
	ck_assert_int_eq(picture_splice(&seal, &standin, &from, &to),
	    STATUS_OK);
	splice_doc(&d, 0);
	splice_draw(&d, NULL, 0, 1, &doc);	/* no seal: no picture */
	buf_init(&copy);
	buf_add(&copy, doc.data, doc.len);
	ck_assert_int_eq(pdfsplice_apply(&doc, 0, from, to), STATUS_RENDER);
	splice_assert_same(&doc, &copy);

	buf_reset(&copy);
	buf_add(&copy, "stream\n", 7);
	buf_add(&copy, from->img.data, from->img.len);
	buf_add(&copy, "\nendstream\nendobj\n", 18);
	buf_init(&twice);
	buf_add(&twice, copy.data, copy.len);
	buf_add(&twice, copy.data, copy.len);
	buf_reset(&copy);
	buf_add(&copy, twice.data, twice.len);
	ck_assert_int_eq(pdfsplice_apply(&twice, 0, from, to), STATUS_RENDER);
	splice_assert_same(&twice, &copy);

	buf_free(&png);
	buf_free(&doc);
	buf_free(&twice);
	buf_free(&copy);
}
END_TEST

/* poppler reads the spliced document: its pages, and the seal's
 * picture at full size with its soft mask. */
START_TEST(test_poppler_finds_the_picture)
{
	struct impression_spec seal;
	char *pdf = xasprintf("%s/sealed.pdf", splice_dir);
	char *out = xasprintf("%s/images.txt", splice_dir);
	char *text, *words;
	struct render_doc d;
	struct buf png, a;

	splice_picture(ISSUER, NULL, &png, &seal);
	splice_doc(&d, 1);
	splice_draw(&d, &seal, 0, 0, &a);
	ck_assert_int_eq(render_save(a.data, a.len, pdf), STATUS_OK);
	measure_run("pdfinfo '%s' | grep -q '^Pages: *[3-4]$'", pdf);
	measure_run("pdfimages -list '%s' > '%s'", pdf, out);
	measure_run("grep -q ' image  *993  *993  *rgb ' '%s'", out);
	measure_run("grep -q ' smask  *993  *993  *gray ' '%s'", out);
	text = measure_text(splice_dir, pdf, 0, "");
	words = measure_squeeze(text);
	ck_assert_ptr_nonnull(strstr(words, "关于规范使用电子印章的通知"));
	free(words);
	free(text);
	buf_free(&png);
	buf_free(&a);
	free(pdf);
	free(out);
}
END_TEST

Suite *
splice_suite(void)
{
	Suite *s = suite_create("splice");
	TCase *tc = tcase_create("splice");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, splice_setup, splice_teardown);
	tcase_add_test(tc, test_spliced_bytes_are_drawn_bytes);
	tcase_add_test(tc, test_other_seal_not_given_first_picture);
	tcase_add_test(tc, test_many_colours_drawn_whole);
	tcase_add_test(tc, test_unexpected_pdf_left_alone);
	tcase_add_test(tc, test_poppler_finds_the_picture);
	suite_add_tcase(s, tc);
	return s;
}
