/*
 * render.c -- draws a laid-out document into PDF bytes: black text, the
 * red masthead and rule, page numbers, and the seal pressed onto the
 * issuer and date through the one impression drawing.
 *
 * Determinism is the point: the hash of these bytes is signed and later
 * checked again, so nothing here may read the clock, the locale or the
 * environment.  cairo stamps a creation date by default; we set it from
 * the document's own date.  The layout decides every position; this file
 * must not move anything.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "render/layout.h"
#include "render/pdfsplice.h"
#include "render/png.h"

#define RENDER_PT_PER_MM	(72.0 / 25.4)
#define RENDER_RULE_WIDTH	0.5	/* the red rule, millimetres */

static cairo_status_t
render_write(void *closure, const unsigned char *data, unsigned int n)
{
	buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* One run's text laid out once a document: a character used a hundred
 * times is shaped once, and drawn the same way each time. */
struct render_run {
	PangoLayout	*pl;
	double		 top;	/* its baseline below the layout's top */
};

static void
render_run_free(gpointer p)
{
	struct render_run *r = p;

	g_object_unref(r->pl);
	free(r);
}

/* The runs laid out so far, by font, size and text. */
static GHashTable *
render_runs_new(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    render_run_free);
}

/* RUN of line LN laid out: from RUNS, or made and kept there. */
static enum status
render_run_get(struct layout *l, GHashTable *runs,
    const struct layout_line *ln, const struct layout_run *run,
    struct render_run **out)
{
	char *key = g_strdup_printf("%d %a %.*s", (int) ln->font, ln->size,
	    (int) run->len, ln->text + run->off);
	struct render_run *r = g_hash_table_lookup(runs, key);
	PangoLayout *pl;
	enum status st;

	if (r != NULL) {
		g_free(key);
		*out = r;
		return STATUS_OK;
	}
	if ((st = layout_font(l, ln->font, ln->size, &pl)) != STATUS_OK) {
		g_free(key);
		return st;
	}
	r = xmalloc(sizeof *r);
	r->pl = pango_layout_copy(pl);
	pango_layout_set_text(r->pl, ln->text + run->off, (int) run->len);
	r->top = (double) pango_layout_get_baseline(r->pl) / PANGO_SCALE;
	g_hash_table_insert(runs, key, r);
	*out = r;
	return STATUS_OK;
}

/* Each run is drawn where the layout put it; a narrowed line (the
 * masthead) is scaled about its own start. */
static enum status
render_line(struct layout *l, GHashTable *runs, const struct layout_line *ln)
{
	cairo_t *cr = l->cr;
	struct render_run *r;
	enum status st;
	size_t i;
	double x;

	if (ln->red)
		cairo_set_source_rgb(cr, RENDER_RED_R, RENDER_RED_G,
		    RENDER_RED_B);
	else
		cairo_set_source_rgb(cr, 0, 0, 0);

	for (i = 0; i < ln->n_runs; i++) {
		st = render_run_get(l, runs, ln, &ln->runs[i], &r);
		if (st != STATUS_OK)
			return st;
		x = ln->left + (ln->runs[i].x - ln->left) * ln->hscale;
		cairo_save(cr);
		cairo_translate(cr, x, ln->baseline);
		cairo_scale(cr, ln->hscale, 1);
		cairo_move_to(cr, 0, -r->top);
		pango_cairo_show_layout(cr, r->pl);
		cairo_restore(cr);
	}
	return STATUS_OK;
}

static void
render_rule(cairo_t *cr, double y)
{
	cairo_set_source_rgb(cr, RENDER_RED_R, RENDER_RED_G, RENDER_RED_B);
	cairo_set_line_width(cr, RENDER_RULE_WIDTH);
	cairo_move_to(cr, LAYOUT_LEFT, y);
	cairo_line_to(cr, LAYOUT_LEFT + LAYOUT_WIDTH, y);
	cairo_stroke(cr);
}

/* The seal goes on last, multiplied onto the page as ink is: black text
 * under red stays black and legible.  A picture's STANDIN, when not
 * NULL, is drawn in its place, to be spliced out afterwards. */
static enum status
render_seal(struct layout *l, const struct impression_spec *seal,
    cairo_surface_t *standin)
{
	enum status st;

	cairo_save(l->cr);
	cairo_set_operator(l->cr, CAIRO_OPERATOR_MULTIPLY);
	st = impression_draw_as(l->cr, seal, l->seal_x, l->seal_y, standin);
	cairo_restore(l->cr);
	return st;
}

static enum status
render_page(struct layout *l, GHashTable *runs, int page,
    const struct impression_spec *seal, cairo_surface_t *standin)
{
	enum status st = STATUS_OK;
	size_t i;

	for (i = 0; i < l->n_lines && st == STATUS_OK; i++)
		if (l->lines[i].page == page)
			st = render_line(l, runs, &l->lines[i]);
	if (st == STATUS_OK && page == 0 && l->rule_y > 0)
		render_rule(l->cr, l->rule_y);
	if (st == STATUS_OK && seal != NULL && page == l->seal_page)
		st = render_seal(l, seal, standin);
	cairo_show_page(l->cr);
	return st;
}

/* Metadata fixed by the input: the document's date, never the clock. */
static void
render_metadata(cairo_surface_t *s, const struct render_doc *doc)
{
	char date[32];

	snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00",
	    doc->year % 10000, doc->month % 100, doc->day % 100);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    PACKAGE_NAME);
	if (doc->title != NULL && text_utf8_valid(doc->title,
	    strlen(doc->title)))
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
		    doc->title);
}

/* The seal's width on paper: 0 for none, the standard size for a seal
 * pressed by hand later, an imported picture's physical width. */
static enum status
render_seal_size(const struct render_doc *doc,
    const struct impression_spec *seal, double *mm)
{
	struct impression_png_info info;
	enum status st;

	*mm = doc->sealed ? IMPRESSION_DIAMETER_MM : 0;
	if (seal == NULL)
		return STATUS_OK;
	*mm = seal->diameter_mm > 0 ? seal->diameter_mm :
	    IMPRESSION_DIAMETER_MM;
	if (seal->png == NULL)
		return STATUS_OK;
	st = picture_get(seal->png, seal->png_len, seal->diameter_mm, &info,
	    NULL);
	*mm = info.width_mm;
	return st;
}

/* What a caller learns of the layout L: its pages and where the seal
 * stands (SEAL_MM across), when there is a SEAL. */
static void
render_result_fill(const struct layout *l, const struct impression_spec *seal,
    double seal_mm, struct render_result *result)
{
	memset(result, 0, sizeof *result);
	result->pages = l->pages;
	if (seal != NULL) {
		result->seal_page = l->seal_page + 1;
		result->seal_x_mm = l->seal_x;
		result->seal_y_mm = l->seal_y;
		result->seal_diameter_mm = seal_mm;
	}
}

static enum status
render_pages(cairo_t *cr, const struct render_doc *doc,
    const struct impression_spec *seal, cairo_surface_t *standin,
    unsigned long copy_number, struct render_result *result)
{
	GHashTable *runs;
	struct layout l;
	enum status st;
	double seal_mm;
	int page;

	st = render_seal_size(doc, seal, &seal_mm);
	if (st != STATUS_OK)
		return st;
	runs = render_runs_new();
	st = layout_build(cr, doc, seal_mm, copy_number, &l);
	for (page = 0; st == STATUS_OK && page < l.pages; page++)
		st = render_page(&l, runs, page, seal, standin);

	if (st == STATUS_OK && result != NULL)
		render_result_fill(&l, seal, seal_mm, result);
	g_hash_table_destroy(runs);	/* before the fonts it holds */
	layout_free(&l);
	return st;
}

/* The document as cairo writes it, STANDIN (or NULL) drawn in the
 * place of the seal's picture. */
static enum status
render_draw(const struct render_doc *doc, const struct impression_spec *seal,
    cairo_surface_t *standin, unsigned long copy_number, struct buf *out,
    struct render_result *result)
{
	size_t start = out->len;
	cairo_surface_t *s;
	enum status st;
	cairo_t *cr;

	s = cairo_pdf_surface_create_for_stream(render_write, out,
	    LAYOUT_PAGE_W * RENDER_PT_PER_MM, LAYOUT_PAGE_H * RENDER_PT_PER_MM);
	render_metadata(s, doc);
	cr = cairo_create(s);
	cairo_scale(cr, RENDER_PT_PER_MM, RENDER_PT_PER_MM);
	st = render_pages(cr, doc, seal, standin, copy_number, result);
	cairo_destroy(cr);
	cairo_surface_finish(s);

	if (st == STATUS_OK &&
	    cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		log_error("render: writing the PDF: %s",
		    cairo_status_to_string(cairo_surface_status(s)));
		st = STATUS_RENDER;
	}
	cairo_surface_destroy(s);
	if (st != STATUS_OK)
		out->len = start;	/* no half-written document */
	return st;
}

/*
 * A seal's picture is drawn as a stand-in of a few pixels and its kept
 * compressed streams put in its place (pdfsplice.c): the same bytes as
 * drawing the picture itself, without compressing it again for every
 * document.  Whenever that cannot be done the picture itself is drawn,
 * for this picture every time, so the same input still gives the same
 * bytes.
 */
enum status
render_document(const struct render_doc *doc,
    const struct impression_spec *seal, unsigned long copy_number,
    struct buf *out, struct render_result *result)
{
	const struct pdfsplice_image *from, *to;
	cairo_surface_t *standin = NULL;
	size_t start;
	enum status st;

	if (doc == NULL || out == NULL)
		return STATUS_INVALID;
	start = out->len;
	if (seal == NULL || seal->png == NULL ||
	    picture_splice(seal, &standin, &from, &to) != STATUS_OK)
		standin = NULL;

	st = render_draw(doc, seal, standin, copy_number, out, result);
	if (st == STATUS_OK && standin != NULL &&
	    pdfsplice_apply(out, start, from, to) != STATUS_OK) {
		log_error("render: the seal's picture could not be spliced in; "
		    "drawn whole from now on");
		picture_splice_refused();
		out->len = start;
		st = render_draw(doc, seal, NULL, copy_number, out, result);
	}
	return st;
}

/* The copy-number lines alone, one page a copy. */
static enum status
render_numbers(cairo_t *cr, const struct render_doc *doc,
    unsigned long first, unsigned long count)
{
	struct layout l;
	enum status st = STATUS_OK;
	GHashTable *runs;
	unsigned long i;
	size_t k;

	for (i = 0; i < count && st == STATUS_OK; i++) {
		memset(&l, 0, sizeof l);
		l.cr = cr;
		l.seal_page = -1;
		runs = render_runs_new();
		st = layout_copy_number(&l, doc, first + i);
		for (k = 0; k < l.n_lines && st == STATUS_OK; k++)
			st = render_line(&l, runs, &l.lines[k]);
		cairo_show_page(cr);
		g_hash_table_destroy(runs);
		layout_free(&l);
	}
	return st;
}

/* What the whole document's layout reports (render_pages, undrawn). */
static enum status
render_measure(cairo_t *cr, const struct render_doc *doc,
    const struct impression_spec *seal, unsigned long copy_number,
    struct render_result *result)
{
	struct layout l;
	enum status st;
	double seal_mm;

	if ((st = render_seal_size(doc, seal, &seal_mm)) != STATUS_OK)
		return st;
	st = layout_build(cr, doc, seal_mm, copy_number, &l);
	if (st == STATUS_OK && result != NULL)
		render_result_fill(&l, seal, seal_mm, result);
	layout_free(&l);
	return st;
}

enum status
render_copy_numbers(const struct render_doc *doc,
    const struct impression_spec *seal, unsigned long first,
    unsigned long count, struct buf *out, struct render_result *result)
{
	size_t start;
	cairo_surface_t *s;
	enum status st;
	cairo_t *cr;

	if (doc == NULL || out == NULL || count == 0 || first == 0 ||
	    first + count - 1 > 999999)
		return STATUS_INVALID;
	start = out->len;

	s = cairo_pdf_surface_create_for_stream(render_write, out,
	    LAYOUT_PAGE_W * RENDER_PT_PER_MM, LAYOUT_PAGE_H * RENDER_PT_PER_MM);
	render_metadata(s, doc);
	cr = cairo_create(s);
	cairo_scale(cr, RENDER_PT_PER_MM, RENDER_PT_PER_MM);
	st = render_measure(cr, doc, seal, first, result);
	if (st == STATUS_OK)
		st = render_numbers(cr, doc, first, count);
	cairo_destroy(cr);
	cairo_surface_finish(s);

	if (st == STATUS_OK &&
	    cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		st = STATUS_RENDER;
	cairo_surface_destroy(s);
	if (st != STATUS_OK)
		out->len = start;
	return st;
}

enum status
render_save(const void *data, size_t n, const char *path)
{
	enum status st = STATUS_OK;
	FILE *f;

	f = fopen(path, "wb");
	if (f == NULL)
		return status_from_errno(errno);
	if (fwrite(data, 1, n, f) != n)
		st = status_from_errno(errno);
	if (fclose(f) != 0 && st == STATUS_OK)
		st = status_from_errno(errno);
	return st;
}
