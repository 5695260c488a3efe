/*
 * test_layout.c -- documents laid out as GB/T 9704-2012 and the seal
 * placed where the standard puts it (Art. 12), checked on what poppler
 * reads back from our PDF: the text is all there, the seal is red,
 * upright, centred on issuer and date and pressing down on them, its top
 * within one line of the text above, never alone on a page; punctuation
 * never starts a line; the same input gives the same bytes; a paragraph
 * said many times is set each time exactly as when set alone.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>

#include "lib/testlib.h"
#include "render/layout.h"
#include "render/measure.h"
#include "render/render.h"
#include "render/suites.h"

#define ISSUER	"示范市示范区司法局"
#define PT_MM	(25.4 / 72.0)

static const char fixture_body[] =
    "为进一步规范电子印章的使用和管理，保障电子公文和诉讼文书的安全、合法、"
    "有效，根据有关规定，结合我局实际，现就有关事项通知如下。\n"
    "一、提高认识。电子印章与实物印章具有同等法律效力，各科室、各工作站要"
    "高度重视，明确专人负责，切实做好电子印章的申请、审批、使用和保管工作。\n"
    "二、规范流程。提起电子签章的公文、文书，须按审批流程经签发人签发后，方可"
    "申请加盖电子印章；未经审批的，一律不得启动电子签章和在线打印程序。\n"
    "三、严格保密。密级文书一律在密级计算机上制作，在密级打印机上打印；"
    "电子印章管理人员应妥善保管账号和密码，并每60天更改一次密码。\n"
    "四、加强监督。办公室定期生成电子印章签章和在线打印情况汇总表，统一存档"
    "备查；对违反规定使用电子印章的，依照有关规定追究责任。\n"
    "五、本通知自印发之日起施行。执行中遇到的问题，请及时向局办公室反映"
    "（联系人：陈静，电话：12345678）。\n"
    "六、各镇（街道）工作站使用单机版电子印章的，须经工作站领导小组办公室主任"
    "及本局办公室主任批准，做好登记，用后立即交还。\n"
    "七、“电子印章”是指以电子形式呈现的印章图样及其数字签名。《电子签章管理"
    "办法（试行）》另行印发。";

static const struct render_attachment fixture_attachments[] = {
	{ "电子签章管理办法（试行）", NULL },
};

static char *layout_dir;

static void
layout_setup(void)
{
	layout_dir = testlib_tmpdir();
}

static void
layout_teardown(void)
{
	testlib_rmdir(layout_dir);
	render_release();
}

static void
fixture_doc(struct render_doc *d)
{
	memset(d, 0, sizeof *d);
	d->masthead = "示范市示范区司法局文件";
	d->doc_number = "示区司发〔2026〕12号";
	d->title = "关于规范使用电子印章的通知";
	d->recipients = "局机关各科室，各镇（街道）工作站";
	d->body = fixture_body;
	d->attachments = fixture_attachments;
	d->n_attachments = 1;
	d->issuer = ISSUER;
	d->year = 2026;
	d->month = 12;
	d->day = 4;
}

static const struct impression_spec fixture_seal = { ISSUER, NULL, 0, NULL, 0 };

/* Render into the test's folder; returns the PDF's path. */
static char *
layout_render(const struct render_doc *d, const struct impression_spec *seal,
    unsigned long copy, struct render_result *r, const char *name)
{
	char *path = xasprintf("%s/%s.pdf", layout_dir, name);
	struct buf b;

	buf_init(&b);
	ck_assert_int_eq(render_document(d, seal, copy, &b, r), STATUS_OK);
	ck_assert_int_eq(render_save(b.data, b.len, path), STATUS_OK);
	buf_free(&b);
	return path;
}

/* Lay out without drawing, to read the line list. */
static void
layout_lines(const struct render_doc *d, int sealed, struct layout *l)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(NULL, NULL,
	    595, 842);
	cairo_t *cr = cairo_create(s);

	cairo_scale(cr, 72 / 25.4, 72 / 25.4);
	ck_assert_int_eq(layout_build(cr, d, sealed ? 42.0 : 0, 0, l),
	    STATUS_OK);
	l->cr = NULL;
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

static void
layout_release(struct layout *l)
{
	layout_free(l);
}

static void
assert_contains(const char *haystack, const char *text)
{
	char *want = measure_squeeze(text);

	ck_assert_msg(strstr(haystack, want) != NULL,
	    "missing from the PDF: %s", text);
	free(want);
}

/* Each paragraph of TEXT must be in the squeezed PDF text. */
static void
assert_paragraphs(const char *haystack, const char *text)
{
	const char *end;
	char *para;

	for (; *text != '\0'; text = *end ? end + 1 : end) {
		end = strchr(text, '\n');
		if (end == NULL)
			end = text + strlen(text);
		para = xstrndup(text, (size_t) (end - text));
		assert_contains(haystack, para);
		free(para);
	}
}

START_TEST(test_all_text_present)
{
	struct render_result r;
	struct render_doc d;
	char *pdf, *text, *flat;

	fixture_doc(&d);
	pdf = layout_render(&d, &fixture_seal, 0, &r, "doc");
	ck_assert_int_ge(r.pages, 2);
	text = measure_text(layout_dir, pdf, 0, "");
	flat = measure_squeeze(text);

	assert_contains(flat, d.masthead);
	assert_contains(flat, d.doc_number);
	assert_contains(flat, d.title);
	assert_contains(flat, "局机关各科室，各镇（街道）工作站：");
	assert_paragraphs(flat, fixture_body);
	assert_contains(flat, "附件：电子签章管理办法（试行）");
	assert_contains(flat, ISSUER "2026年12月4日");
	ck_assert(strstr(text, "— 1 —") != NULL ||
	    strstr(text, "—1—") != NULL);
	free(flat);
	free(text);
	free(pdf);
}
END_TEST

/* A line of pdftotext -bbox-layout, in millimetres. */
struct text_line {
	double	x0, y0, x1, y1;
	char	text[512];
};

static size_t
layout_read_lines(const char *xml, struct text_line *lines, size_t max)
{
	const char *p = xml, *w, *end;
	size_t n = 0, len;

	while (n < max && (p = strstr(p, "<line xMin=")) != NULL) {
		struct text_line *l = &lines[n];

		ck_assert_int_eq(sscanf(p, "<line xMin=\"%lf\" yMin=\"%lf\" "
		    "xMax=\"%lf\" yMax=\"%lf\"", &l->x0, &l->y0, &l->x1,
		    &l->y1), 4);
		l->x0 *= PT_MM;
		l->y0 *= PT_MM;
		l->x1 *= PT_MM;
		l->y1 *= PT_MM;
		l->text[0] = '\0';
		end = strstr(p, "</line>");
		for (w = strstr(p, "<word"); w != NULL && w < end;
		    w = strstr(w + 1, "<word")) {
			w = strchr(w, '>') + 1;
			len = (size_t) (strchr(w, '<') - w);
			if (strlen(l->text) + len < sizeof l->text)
				strncat(l->text, w, len);
		}
		p = end;
		n++;
	}
	return n;
}

static const struct text_line *
layout_find_line(const struct text_line *lines, size_t n, const char *text)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(lines[i].text, text) == 0)
			return &lines[i];
	ck_abort_msg("no line \"%s\" on the seal's page", text);
	return NULL;
}

/* Red ink on PAGE of PDF between Y0 and Y1: the seal, when the masthead
 * is far above. */
static void
layout_red_band(const char *pdf, int page, double y0, double y1,
    struct red_box *box)
{
	struct picture p;
	char *png;

	png = measure_raster(layout_dir, pdf, page, 150);
	picture_load(&p, png, 150);
	picture_red_box(&p, 0, y0, LAYOUT_PAGE_W, y1, box);
	picture_free(&p);
	free(png);
}

/*
 * The seal on page R->seal_page of PDF, measured against the issuer and
 * date lines poppler finds there (GB/T 9704-2012 7.3.5.1, Art. 12).
 */
static void
assert_seal_placed(const char *pdf, const struct render_result *r,
    const char *issuer, const char *date)
{
	const struct text_line *is, *dt, *above = NULL;
	struct text_line lines[80];
	struct red_box seal;
	size_t n, i;
	char *xml;
	double mid, dx;

	xml = measure_text(layout_dir, pdf, r->seal_page, "-bbox-layout");
	n = layout_read_lines(xml, lines, 80);
	is = layout_find_line(lines, n, issuer);
	dt = layout_find_line(lines, n, date);
	for (i = 0; i < n; i++)
		if (lines[i].y1 < is->y0 - 0.5 && (above == NULL ||
		    lines[i].y1 > above->y1))
			above = &lines[i];
	ck_assert_msg(above != NULL, "the seal's page has no text above it");

	layout_red_band(pdf, r->seal_page, is->y0 - 20, dt->y1 + 30, &seal);
	ck_assert_int_gt(seal.n, 1000);
	ck_assert_msg(fabs(seal.x1 - seal.x0 - 42) <= 0.4 &&
	    fabs(seal.y1 - seal.y0 - 42) <= 0.4, "seal %.2f x %.2f mm",
	    seal.x1 - seal.x0, seal.y1 - seal.y0);

	/* Centred on the issuer's name and the date, within 1 mm. */
	dx = seal.cx - (dt->x0 + dt->x1) / 2;
	ck_assert_msg(fabs(dx) <= 1.0, "seal %.2f mm off the date's centre",
	    dx);
	dx = seal.cx - (is->x0 + is->x1) / 2;
	ck_assert_msg(fabs(dx) <= 1.0, "seal %.2f mm off the issuer's centre",
	    dx);

	/* Pressing down on both, which sit just below its centre. */
	ck_assert(seal.y0 < is->y0 && seal.y1 > dt->y1);
	mid = (is->y0 + dt->y1) / 2;
	ck_assert_msg(mid - seal.cy >= 0 && mid - seal.cy <= LAYOUT_PITCH,
	    "issuer and date %.2f mm below the seal's centre", mid - seal.cy);

	/* Its top within one line of the text above, not on it. */
	ck_assert_msg(seal.y0 - above->y1 >= 0 &&
	    seal.y0 - above->y1 <= LAYOUT_PITCH + 1.0,
	    "seal top %.2f mm below \"%s\"", seal.y0 - above->y1, above->text);

	/* Where the renderer says it put it, for the signature. */
	ck_assert_msg(fabs(seal.cx - r->seal_x_mm) <= 1.0 &&
	    fabs(seal.cy - r->seal_y_mm) <= 1.0, "seal at %.2f,%.2f, said "
	    "%.2f,%.2f", seal.cx, seal.cy, r->seal_x_mm, r->seal_y_mm);
	free(xml);
}

START_TEST(test_seal_placed_on_issuer_and_date)
{
	struct render_result r;
	struct render_doc d;
	char *pdf;

	fixture_doc(&d);
	pdf = layout_render(&d, &fixture_seal, 0, &r, "sealed");
	ck_assert_int_eq(r.seal_page, r.pages);
	ck_assert_int_gt(r.seal_page, 1);
	ck_assert(r.seal_diameter_mm == 42.0);
	assert_seal_placed(pdf, &r, ISSUER, "2026年12月4日");
	free(pdf);
}
END_TEST

/* A body of LINES full grid lines after a one-line title and the
 * recipients: it ends on grid line 2 + LINES. */
static char *
layout_body_lines(int lines)
{
	size_t n = 26 + 28 * (size_t) (lines - 1), i;
	struct buf b;

	buf_init(&b);
	for (i = 0; i < n; i++)
		buf_add(&b, i % 7 == 3 ? "章" : "国", 3);
	buf_add(&b, "", 1);
	return (char *) b.data;
}

static void
layout_plain_doc(struct render_doc *d, char *body)
{
	memset(d, 0, sizeof *d);
	d->title = "通知";
	d->recipients = "各科室";
	d->body = body;
	d->issuer = ISSUER;
	d->year = 2026;
	d->month = 1;
	d->day = 15;
}

/* The page holding the issuer's name also holds body text. */
static int
layout_sign_page(const struct layout *l, int *body_lines)
{
	int page = -1;
	size_t i;

	for (i = 0; i < l->n_lines; i++)
		if (l->lines[i].role == LAYOUT_ISSUER)
			page = l->lines[i].page;
	*body_lines = 0;
	for (i = 0; i < l->n_lines; i++)
		if (l->lines[i].role == LAYOUT_BODY && l->lines[i].page == page)
			(*body_lines)++;
	return page;
}

START_TEST(test_seal_never_alone)
{
	struct render_result r;
	struct render_doc d;
	struct layout l;
	char *body, *pdf, *text, *flat;
	int lines, body_on_page;

	/* Ending on grid line 17 leaves room for the seal below it: the date
	 * on the last line, the seal clear of the page number. */
	for (lines = 14; lines <= 15; lines++) {
		body = layout_body_lines(lines);
		layout_plain_doc(&d, body);
		layout_lines(&d, 1, &l);
		ck_assert_int_eq(layout_sign_page(&l, &body_on_page), 0);
		ck_assert_int_eq(l.pages, 1);
		layout_release(&l);
		free(body);
	}

	/* Ending lower, the last lines go over with issuer, date and seal. */
	for (lines = 16; lines <= 19; lines++) {
		body = layout_body_lines(lines);
		layout_plain_doc(&d, body);
		layout_lines(&d, 1, &l);
		ck_assert_int_eq(layout_sign_page(&l, &body_on_page), 1);
		ck_assert_int_eq(body_on_page, 2);
		ck_assert_int_eq(l.seal_page, 1);
		layout_release(&l);
		free(body);
	}

	/* And the PDF says the same. */
	body = layout_body_lines(19);
	layout_plain_doc(&d, body);
	pdf = layout_render(&d, &fixture_seal, 0, &r, "alone");
	ck_assert_int_eq(r.seal_page, 2);
	text = measure_text(layout_dir, pdf, 2, "");
	flat = measure_squeeze(text);
	ck_assert_msg(strstr(flat, "国国") != NULL, "seal page has no body: %s",
	    flat);
	assert_seal_placed(pdf, &r, ISSUER, "2026年1月15日");
	free(flat);
	free(text);
	free(pdf);
	free(body);
}
END_TEST

START_TEST(test_same_bytes_twice)
{
	struct buf a, b, c;
	struct render_doc d;

	fixture_doc(&d);
	d.classification = RENDER_CLASS_SECRET;
	buf_init(&a);
	buf_init(&b);
	buf_init(&c);
	ck_assert_int_eq(render_document(&d, &fixture_seal, 3, &a, NULL),
	    STATUS_OK);
	ck_assert_int_eq(render_document(&d, &fixture_seal, 3, &b, NULL),
	    STATUS_OK);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_mem_eq(a.data, b.data, a.len);

	/* The date in the file is the document's, not the clock's (cairo
	 * 1.16 writes it without the "D:" prefix, later versions with). */
	ck_assert_ptr_nonnull(memmem(a.data, a.len, "20261204000000", 14));

	/* Another copy number is another document. */
	ck_assert_int_eq(render_document(&d, &fixture_seal, 4, &c, NULL),
	    STATUS_OK);
	ck_assert(c.len != b.len || memcmp(c.data, b.data, b.len) != 0);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}
END_TEST

static int
layout_is_closer(const char *s)
{
	static const char *const marks[] = { "，", "。", "、", "；", "：", "？",
	    "！", "）", "》", "」", "』", "”", "’", ",", ".", ";", ":", ")",
	    NULL };
	const char *const *m;

	for (m = marks; *m != NULL; m++)
		if (strncmp(s, *m, strlen(*m)) == 0)
			return 1;
	return 0;
}

START_TEST(test_punctuation_never_starts_line)
{
	struct render_doc d;
	struct layout l;
	char *pdf, *text, *line, *save, *p;
	size_t i;
	int starts = 0;

	/* Marks fall at every position across many lines. */
	fixture_doc(&d);
	d.body = "甲，乙。丙、丁；戊：己？庚！辛）（壬》《癸」「子』『丑”“寅"
	    "卯，辰巳。午未申、酉戌亥子；丑寅卯辰：巳午未申酉？戌亥子丑寅！"
	    "一二三四五六七）八（九十甲乙》丙《丁戊己」庚「辛壬』癸『子丑寅”"
	    "卯“辰巳，午未申酉戌。亥子丑寅卯辰、巳午未申酉戌亥；子丑寅卯辰巳"
	    "午：未申酉戌亥子丑寅？卯辰巳午未申酉戌！亥子丑寅卯辰巳午未）";
	layout_lines(&d, 1, &l);
	for (i = 0; i < l.n_lines; i++)
		if (l.lines[i].role == LAYOUT_BODY && i > 0) {
			starts++;
			ck_assert_msg(!layout_is_closer(l.lines[i].text),
			    "a line starts with a closing mark: %s",
			    l.lines[i].text);
		}
	ck_assert_int_ge(starts, 5);
	layout_release(&l);

	/* And in what poppler reads from the page. */
	pdf = layout_render(&d, NULL, 0, NULL, "marks");
	text = measure_text(layout_dir, pdf, 0, "-layout");
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		for (p = line; *p == ' ' || *p == '\f'; p++)
			;
		ck_assert_msg(!layout_is_closer(p), "line starts with a mark: "
		    "%s", p);
	}
	free(text);
	free(pdf);
}
END_TEST

START_TEST(test_grid_of_22_lines_28_chars)
{
	struct render_doc d;
	struct layout l;
	char *body;
	size_t i;
	int full = 0, slots[LAYOUT_LINES] = { 0 }, k;

	body = layout_body_lines(30);
	layout_plain_doc(&d, body);
	layout_lines(&d, 1, &l);
	ck_assert_int_eq(l.pages, 2);
	for (i = 0; i < l.n_lines; i++) {
		const struct layout_line *ln = &l.lines[i];

		if (ln->role != LAYOUT_BODY)
			continue;
		/* A full line: 28 characters from 28 mm to 184 mm. */
		if (ln->n_runs == LAYOUT_CHARS) {
			full++;
			ck_assert(fabs(ln->left - LAYOUT_LEFT) < 0.01);
			ck_assert(fabs(ln->right - LAYOUT_LEFT - LAYOUT_WIDTH) <
			    0.01);
		} else {
			/* Only the paragraph's first line, two in. */
			ck_assert_uint_eq(ln->n_runs, LAYOUT_CHARS - 2);
			ck_assert(fabs(ln->left - LAYOUT_LEFT - 2 *
			    LAYOUT_CELL) < 0.01);
		}
		if (ln->page == 0)
			slots[ln->slot]++;
		ck_assert(ln->baseline > LAYOUT_TOP && ln->baseline <
		    LAYOUT_TOP + LAYOUT_HEIGHT);
	}
	ck_assert_int_eq(full, 29);
	/* Page 1: title, blank, recipients, then body to the 22nd line. */
	for (k = 3; k < LAYOUT_LINES; k++)
		ck_assert_int_eq(slots[k], 1);
	ck_assert_int_eq(slots[LAYOUT_LINES - 1], 1);
	layout_release(&l);
	free(body);
}
END_TEST

START_TEST(test_header_marks_and_masthead)
{
	struct render_doc d;
	struct layout l;
	struct red_box box;
	struct picture p;
	char *pdf, *text, *png;

	fixture_doc(&d);
	d.classification = RENDER_CLASS_SECRET;
	d.class_period = "10年";
	d.urgency = RENDER_URGENCY_VERY_URGENT;
	pdf = layout_render(&d, &fixture_seal, 7, NULL, "classified");
	text = measure_text(layout_dir, pdf, 1, "-layout");
	ck_assert_msg(strncmp(text, "000007\n秘密★10年\n特急\n", 29) == 0,
	    "page 1 starts: %.60s", text);
	free(text);

	/* The red masthead 35 mm under the type area, and the red rule. */
	layout_lines(&d, 1, &l);
	png = measure_raster(layout_dir, pdf, 1, 150);
	picture_load(&p, png, 150);
	picture_red_box(&p, 0, 60, LAYOUT_PAGE_W, 100, &box);
	ck_assert_int_gt(box.n, 2000);
	ck_assert_msg(fabs(box.y0 - (LAYOUT_TOP + 35)) <= 1.5,
	    "masthead top at %.2f mm", box.y0);
	ck_assert(fabs(box.cx - (LAYOUT_LEFT + LAYOUT_WIDTH / 2)) <= 0.5);
	picture_red_box(&p, 0, l.rule_y - 1, LAYOUT_PAGE_W, l.rule_y + 1, &box);
	ck_assert_msg(fabs(box.x0 - LAYOUT_LEFT) <= 0.3 &&
	    fabs(box.x1 - LAYOUT_LEFT - LAYOUT_WIDTH) <= 0.3,
	    "rule from %.2f to %.2f mm", box.x0, box.x1);
	picture_free(&p);
	layout_release(&l);
	free(png);
	free(pdf);
}
END_TEST

START_TEST(test_unsealed_signature)
{
	struct render_doc d;
	struct layout l;
	const struct layout_line *is = NULL, *dt = NULL;
	size_t i;

	fixture_doc(&d);
	layout_lines(&d, 0, &l);
	for (i = 0; i < l.n_lines; i++) {
		if (l.lines[i].role == LAYOUT_ISSUER)
			is = &l.lines[i];
		if (l.lines[i].role == LAYOUT_DATE)
			dt = &l.lines[i];
	}
	ck_assert(is != NULL && dt != NULL);
	ck_assert_int_eq(l.seal_page, -1);

	/* 7.3.5.2: issuer two characters in from the right, the date on the
	 * next line two characters right of the issuer's start. */
	ck_assert(fabs(is->right - (LAYOUT_LEFT + LAYOUT_WIDTH -
	    2 * LAYOUT_CELL)) < 0.01);
	ck_assert(fabs(dt->left - is->left - 2 * LAYOUT_CELL) < 0.01);
	ck_assert_int_eq(dt->slot, is->slot + 1);
	layout_release(&l);
}
END_TEST

START_TEST(test_imported_picture_as_seal)
{
	struct impression_spec imported = { NULL, NULL, 0, NULL, 0 };
	struct render_result r;
	struct render_doc d;
	struct buf png;
	char *pdf;

	buf_init(&png);
	ck_assert_int_eq(impression_png(&fixture_seal, &png), STATUS_OK);
	imported.png = png.data;
	imported.png_len = png.len;
	fixture_doc(&d);
	pdf = layout_render(&d, &imported, 0, &r, "imported");
	assert_seal_placed(pdf, &r, ISSUER, "2026年12月4日");
	buf_free(&png);
	free(pdf);
}
END_TEST

/* The seal picture kept decoded between documents: a document sealed
 * with a picture gets the same bytes whatever was sealed before it, and
 * a picture differing in one byte is judged again, not taken for it. */
START_TEST(test_seal_pictures_in_turn)
{
	static const struct impression_spec other = { "示范市示范区人民政府",
	    NULL, 0, NULL, 0 };
	struct impression_spec a = { NULL, NULL, 0, NULL, 0 }, b = a, c = a;
	struct buf pa, pb, pc, a1, b1, a2, c1;
	struct render_doc d;

	buf_init(&pa);
	buf_init(&pb);
	buf_init(&pc);
	buf_init(&a1);
	buf_init(&b1);
	buf_init(&a2);
	buf_init(&c1);
	ck_assert_int_eq(impression_png(&fixture_seal, &pa), STATUS_OK);
	ck_assert_int_eq(impression_png(&other, &pb), STATUS_OK);
	buf_add(&pc, pa.data, pa.len);
	pc.data[pc.len / 2] ^= 0x55;	/* the same length, one byte off */
	a.png = pa.data;
	a.png_len = pa.len;
	b.png = pb.data;
	b.png_len = pb.len;
	c.png = pc.data;
	c.png_len = pc.len;
	fixture_doc(&d);

	ck_assert_int_eq(render_document(&d, &a, 0, &a1, NULL), STATUS_OK);
	ck_assert_int_eq(render_document(&d, &b, 0, &b1, NULL), STATUS_OK);
	ck_assert_int_eq(render_document(&d, &a, 0, &a2, NULL), STATUS_OK);
	ck_assert_uint_eq(a1.len, a2.len);
	ck_assert_mem_eq(a1.data, a2.data, a1.len);
	ck_assert(a1.len != b1.len || memcmp(a1.data, b1.data, a1.len) != 0);
	ck_assert_int_ne(render_document(&d, &c, 0, &c1, NULL), STATUS_OK);
	ck_assert_uint_eq(c1.len, 0);

	buf_free(&pa);
	buf_free(&pb);
	buf_free(&pc);
	buf_free(&a1);
	buf_free(&b1);
	buf_free(&a2);
	buf_free(&c1);
}
END_TEST

START_TEST(test_bad_documents_refused)
{
	struct render_doc d;
	struct buf b;

	buf_init(&b);
	fixture_doc(&d);
	d.title = NULL;
	ck_assert_int_eq(render_document(&d, NULL, 0, &b, NULL),
	    STATUS_INVALID);
	fixture_doc(&d);
	d.body = "正文\xc3";
	ck_assert_int_eq(render_document(&d, NULL, 0, &b, NULL),
	    STATUS_ENCODING);
	fixture_doc(&d);
	ck_assert_int_eq(render_document(&d, NULL, 1000000, &b, NULL),
	    STATUS_INVALID);
	d.month = 13;
	ck_assert_int_eq(render_document(&d, NULL, 0, &b, NULL),
	    STATUS_INVALID);
	ck_assert_uint_eq(b.len, 0);
	buf_free(&b);
}
END_TEST

/* A corpus file: "key: value" lines, a blank line, the body. */
struct corpus_doc {
	char	*data;
	char	*body;
	char	*attachment_text;
	struct render_doc doc;
	struct render_attachment att;
};

static const char *
corpus_value(char *head, const char *key)
{
	size_t n = strlen(key);
	char *line;

	for (line = head; line != NULL; line = strchr(line, '\n')) {
		line += *line == '\n';
		if (strncmp(line, key, n) == 0 &&
		    strncmp(line + n, ": ", 2) == 0)
			return line + n + 2;
	}
	return NULL;
}

static char *
corpus_field(char *head, const char *key)
{
	const char *v = corpus_value(head, key);

	ck_assert_msg(v != NULL, "corpus file has no %s", key);
	return xstrndup(v, strcspn(v, "\n"));
}

/* The body without the recipients and attachment-note lines (the layout
 * writes those), and the attachment's text after its name. */
static void
corpus_split(struct corpus_doc *c, char *text)
{
	char *att = xasprintf("\n%s\n", c->att.title), *at;
	char *lead = xasprintf("%s：\n", c->doc.recipients);
	char *note = xasprintf("附件：%s\n", c->att.title);

	at = strstr(text, att);
	ck_assert_msg(at != NULL, "corpus 01 has no attachment text");
	c->attachment_text = xstrdup(at + strlen(att));
	*at = '\0';
	if (strncmp(text, lead, strlen(lead)) == 0)
		text += strlen(lead);
	c->body = xstrdup(text);
	at = strstr(c->body, note);
	if (at != NULL)
		*at = '\0';
	free(att);
	free(lead);
	free(note);
}

static void
corpus_load(struct corpus_doc *c, const char *file)
{
	char *dir = measure_corpus_dir(), *path = xasprintf("%s/%s", dir, file);
	char *sep;

	memset(c, 0, sizeof *c);
	c->data = testlib_read_file(path, NULL);
	ck_assert_msg(c->data != NULL, "cannot read %s", path);
	sep = strstr(c->data, "\n\n");
	ck_assert(sep != NULL);
	*sep = '\0';

	c->doc.title = corpus_field(c->data, "title");
	c->doc.recipients = corpus_field(c->data, "recipients");
	c->doc.issuer = corpus_field(c->data, "issuing-body");
	c->att.title = corpus_field(c->data, "attachment");
	c->doc.masthead = xasprintf("%s文件", c->doc.issuer);
	corpus_split(c, sep + 2);
	c->att.body = c->attachment_text;
	c->doc.body = c->body;
	c->doc.attachments = &c->att;
	c->doc.n_attachments = 1;
	c->doc.year = 2026;
	c->doc.month = 12;
	c->doc.day = 4;
	free(path);
	free(dir);
}

static void
corpus_free(struct corpus_doc *c)
{
	free((char *) c->doc.title);
	free((char *) c->doc.recipients);
	free((char *) c->doc.issuer);
	free((char *) c->doc.masthead);
	free((char *) c->att.title);
	free(c->attachment_text);
	free(c->body);
	free(c->data);
}

START_TEST(test_corpus_01_sealed)
{
	struct impression_spec seal = { NULL, "公文专用", 0, NULL, 0 };
	struct render_result r;
	struct corpus_doc c;
	char *pdf, *text, *flat;

	corpus_load(&c, "01-notice-rules.txt");
	seal.name = c.doc.issuer;
	pdf = layout_render(&c.doc, &seal, 0, &r, "corpus01");

	text = measure_text(layout_dir, pdf, 0, "");
	flat = measure_squeeze(text);
	assert_contains(flat, c.doc.title);
	assert_contains(flat, "局机关各科室，各镇（街道）工作站：");
	assert_paragraphs(flat, c.body);
	assert_contains(flat, "附件：电子签章管理办法（试行）");
	assert_paragraphs(flat, c.attachment_text);
	assert_contains(flat, "2026年12月4日");

	/* The attachment follows on its own pages; the seal is before it. */
	ck_assert_int_gt(r.pages, r.seal_page);
	assert_seal_placed(pdf, &r, c.doc.issuer, "2026年12月4日");
	free(flat);
	free(text);
	free(pdf);
	corpus_free(&c);
}
END_TEST

/* One paragraph with numbers and Latin words, long enough to be
 * justified over several lines. */
static const char repeat_para[] =
    "第3条 依据ABC规定，按照xyz办法执行，共计2026年度经费拨付至各单位，"
    "由财务科统一登记，每季度核对一次，发现差错及时更正并书面报告。";

/* The body lines of L, in order, into *OUT; returns how many. */
static size_t
repeat_body(const struct layout *l, const struct layout_line ***out)
{
	size_t i, n = 0;

	*out = xcalloc(l->n_lines, sizeof **out);
	for (i = 0; i < l->n_lines; i++)
		if (l->lines[i].role == LAYOUT_BODY)
			(*out)[n++] = &l->lines[i];
	return n;
}

static void
assert_same_line(const struct layout_line *a, const struct layout_line *b)
{
	size_t i;

	ck_assert_str_eq(a->text, b->text);
	ck_assert_double_eq(a->left, b->left);
	ck_assert_double_eq(a->right, b->right);
	ck_assert_uint_eq(a->n_runs, b->n_runs);
	for (i = 0; i < a->n_runs; i++) {
		ck_assert_uint_eq(a->runs[i].off, b->runs[i].off);
		ck_assert_uint_eq(a->runs[i].len, b->runs[i].len);
		ck_assert_double_eq(a->runs[i].x, b->runs[i].x);
	}
}

/* Each character is measured once a document: a paragraph said forty
 * times, under a title of the same characters in another font and size,
 * is broken and placed in every copy exactly as when set alone, and the
 * copies fill the pages line after line. */
START_TEST(test_repeated_text_set_as_alone)
{
	const struct layout_line **one, **many;
	struct layout alone, repeated;
	struct render_doc d;
	size_t n_one, n_many, i;
	struct buf b;

	layout_plain_doc(&d, (char *) repeat_para);
	layout_lines(&d, 0, &alone);
	buf_init(&b);
	for (i = 0; i < 40; i++) {
		buf_add(&b, repeat_para, strlen(repeat_para));
		buf_add(&b, "\n", 1);
	}
	buf_add(&b, "", 1);
	layout_plain_doc(&d, (char *) b.data);
	d.title = "依据ABC规定按照xyz办法执行2026年度经费";
	layout_lines(&d, 0, &repeated);

	n_one = repeat_body(&alone, &one);
	n_many = repeat_body(&repeated, &many);
	ck_assert_uint_ge(n_one, 2);
	ck_assert_uint_eq(n_many, 40 * n_one);
	for (i = 0; i < n_many; i++)
		assert_same_line(many[i], one[i % n_one]);
	for (i = 1; i < n_many; i++)
		if (many[i]->slot == 0)
			ck_assert_int_eq(many[i]->page, many[i - 1]->page + 1);
		else {
			ck_assert_int_eq(many[i]->page, many[i - 1]->page);
			ck_assert_int_eq(many[i]->slot, many[i - 1]->slot + 1);
		}
	ck_assert_int_ge(repeated.pages, 3);

	free(one);
	free(many);
	buf_free(&b);
	layout_release(&alone);
	layout_release(&repeated);
}
END_TEST

START_TEST(test_three_pages_quickly)
{
	struct timespec t0, t1;
	struct render_result r;
	struct render_doc d;
	char *body = layout_body_lines(45);
	struct buf b;
	double s;

	layout_plain_doc(&d, body);
	d.masthead = "示范市示范区司法局文件";
	buf_init(&b);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(render_document(&d, &fixture_seal, 1, &b, &r),
	    STATUS_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double) (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	ck_assert_int_eq(r.pages, 3);
	ck_assert_msg(s < 2.0, "three pages took %.2f s", s);
	buf_free(&b);
	free(body);
}
END_TEST

Suite *
layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("layout");

	tcase_add_checked_fixture(tc, layout_setup, layout_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_all_text_present);
	tcase_add_test(tc, test_seal_placed_on_issuer_and_date);
	tcase_add_test(tc, test_seal_never_alone);
	tcase_add_test(tc, test_same_bytes_twice);
	tcase_add_test(tc, test_punctuation_never_starts_line);
	tcase_add_test(tc, test_grid_of_22_lines_28_chars);
	tcase_add_test(tc, test_header_marks_and_masthead);
	tcase_add_test(tc, test_unsealed_signature);
	tcase_add_test(tc, test_imported_picture_as_seal);
	tcase_add_test(tc, test_seal_pictures_in_turn);
	tcase_add_test(tc, test_bad_documents_refused);
	tcase_add_test(tc, test_corpus_01_sealed);
	tcase_add_test(tc, test_three_pages_quickly);
	tcase_add_test(tc, test_repeated_text_set_as_alone);
	suite_add_tcase(s, tc);
	return s;
}
