/*
 * report_pdf.c -- a report (src/core/report.h) as a PDF on A4 landscape
 * pages: the title and heading, for the summary a chart of the daily
 * volume of sealing and printing, then every table with its headings
 * repeated on each page and its totals row in bold, and "page N of M"
 * at the foot.
 *
 * Determinism, as for documents: the same report gives the same bytes.
 * Nothing here reads the clock, the locale's time zone or the
 * environment: the heading's times arrive as text from the core, the
 * chart's dates are counted from the period's first day by calendar
 * arithmetic, and the PDF's creation date is the report's own time.
 *
 * Layout works in two passes over the same code: the first only
 * measures, to count the pages; the second draws.  It must not compute a
 * figure: every number drawn is a cell of the report or a day of its
 * chart.
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>

#include "core/report.h"
#include "render/font.h"

#define PDF_PT_PER_MM	(72.0 / 25.4)
#define PDF_PAGE_W	297.0		/* A4 landscape */
#define PDF_PAGE_H	210.0
#define PDF_MARGIN	15.0
#define PDF_LEFT	PDF_MARGIN
#define PDF_WIDTH	(PDF_PAGE_W - 2 * PDF_MARGIN)
#define PDF_BOTTOM	(PDF_PAGE_H - PDF_MARGIN - 6)	/* above the foot */
#define PDF_TITLE_MM	6.0
#define PDF_TEXT_MM	3.2
#define PDF_CELL_MM	3.0		/* table text, before any shrinking */
#define PDF_CELL_MIN_MM	1.8
#define PDF_PAD_H	1.2
#define PDF_PAD_V	0.8
#define PDF_SLACK	0.6		/* pango wraps a hair early */
#define PDF_LINE_W	0.2
#define PDF_TEXT_MAX_W	90.0		/* a text column's widest */
#define PDF_HEAD_MAX_W	22.0		/* a number column's heading */
#define PDF_PANEL_H	32.0		/* one chart panel's bars */
#define PDF_DAYS_MAX	93		/* more days: a bar per month */

/* The chart's inks: sealing in the seal's red, printing in blue. */
#define PDF_BLUE_R	0.12
#define PDF_BLUE_G	0.30
#define PDF_BLUE_B	0.65

struct pdf {
	cairo_t			*cr;
	const struct report	*r;
	int			 draw;		/* 0: measuring pass */
	int			 page;		/* from 1 */
	int			 pages;		/* counted by the first pass */
	double			 y;
	enum status		 st;
};

/* -- Text ------------------------------------------------------------------ */

/* A layout of ROLE at SIZE mm holding TEXT, wrapped to WIDTH mm when
 * WIDTH > 0; NULL after a font failure (recorded in P). */
static PangoLayout *
pdf_text(struct pdf *p, enum render_font role, double size,
    const char *text, double width)
{
	PangoLayout *l = NULL;
	enum status st;

	if ((st = font_layout(p->cr, role, size, &l)) != STATUS_OK) {
		if (p->st == STATUS_OK)
			p->st = st;
		return NULL;
	}
	pango_layout_set_text(l, text, -1);
	if (width > 0) {
		pango_layout_set_width(l, (int) (width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	return l;
}

static void
pdf_size(PangoLayout *l, double *w, double *h)
{
	PangoRectangle logical;

	pango_layout_get_extents(l, NULL, &logical);
	if (w != NULL)
		*w = (double) logical.width / PANGO_SCALE;
	if (h != NULL)
		*h = (double) logical.height / PANGO_SCALE;
}

/* Draw L with its top-left corner at X, Y (when drawing). */
static void
pdf_show(struct pdf *p, PangoLayout *l, double x, double y)
{
	if (!p->draw || l == NULL)
		return;
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/* One line of TEXT at Y, left-aligned or centred; returns its height. */
static double
pdf_line(struct pdf *p, enum render_font role, double size, const char *text,
    double y, int centre)
{
	PangoLayout *l = pdf_text(p, role, size, text, PDF_WIDTH);
	double w = 0, h = 0;

	if (l == NULL)
		return 0;
	pango_layout_set_alignment(l, centre ? PANGO_ALIGN_CENTER :
	    PANGO_ALIGN_LEFT);
	pdf_size(l, &w, &h);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	pdf_show(p, l, PDF_LEFT, y);
	g_object_unref(l);
	return h;
}

/* -- Pages ----------------------------------------------------------------- */

static void
pdf_foot(struct pdf *p)
{
	char text[128];

	if (p->pages > 0)
		snprintf(text, sizeof text, _("Page %d of %d"), p->page,
		    p->pages);
	else
		snprintf(text, sizeof text, _("Page %d"), p->page);
	pdf_line(p, RENDER_FONT_SONG, PDF_TEXT_MM * 0.8, text,
	    PDF_PAGE_H - PDF_MARGIN - 2, 1);
}

static void
pdf_new_page(struct pdf *p)
{
	pdf_foot(p);
	if (p->draw)
		cairo_show_page(p->cr);
	p->page++;
	p->y = PDF_MARGIN;
}

/* Room for H more millimetres on this page, starting one if needed;
 * non-zero when a page was started. */
static int
pdf_room(struct pdf *p, double h)
{
	if (p->y + h <= PDF_BOTTOM || p->y <= PDF_MARGIN + 0.01)
		return 0;
	pdf_new_page(p);
	return 1;
}

static void
pdf_heading(struct pdf *p)
{
	unsigned i;
	char *line;

	p->y += pdf_line(p, RENDER_FONT_HEI, PDF_TITLE_MM, p->r->title, p->y,
	    1) + 2;
	for (i = 0; (line = report_heading_line(p->r, i)) != NULL; i++) {
		p->y += pdf_line(p, RENDER_FONT_SONG, PDF_TEXT_MM, line, p->y,
		    0) + 0.5;
		free(line);
	}
	p->y += 3;
}

/* -- The chart ------------------------------------------------------------- */

/* Days since the epoch of "YYYY-MM-DD", by the calendar alone. */
static long
pdf_day_number(const char *date)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday) != 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (long) (timegm(&tm) / 86400);
}

/* The calendar date of day number N into TM. */
static void
pdf_day_date(long n, struct tm *tm)
{
	time_t t = (time_t) n * 86400;

	if (gmtime_r(&t, tm) == NULL)
		memset(tm, 0, sizeof *tm);
}

/* The chart's bars: one per day, or one per month for long periods. */
struct pdf_bins {
	size_t		 n;
	uint64_t	*sealed;
	uint64_t	*copies;
	char	       (*label)[12];
};

static void
pdf_bins(const struct report *r, struct pdf_bins *b)
{
	long first = pdf_day_number(r->period.first);
	int monthly = r->ndays > PDF_DAYS_MAX;
	struct tm tm;
	int key, last = -1;
	size_t i;

	memset(b, 0, sizeof *b);
	b->sealed = xcalloc(r->ndays + 1, sizeof *b->sealed);
	b->copies = xcalloc(r->ndays + 1, sizeof *b->copies);
	b->label = xcalloc(r->ndays + 1, sizeof *b->label);
	for (i = 0; i < r->ndays; i++) {
		pdf_day_date(first + (long) i, &tm);
		key = monthly ? tm.tm_year * 12 + tm.tm_mon : (int) i;
		if (key != last) {
			strftime(b->label[b->n], sizeof b->label[b->n],
			    monthly ? "%Y-%m" : "%m-%d", &tm);
			b->n++;
			last = key;
		}
		b->sealed[b->n - 1] += r->days[i].sealed;
		b->copies[b->n - 1] += r->days[i].copies;
	}
}

static void
pdf_bins_free(struct pdf_bins *b)
{
	free(b->sealed);
	free(b->copies);
	free(b->label);
}

/* The axis and its greatest value: a round number at or above MAX. */
static uint64_t
pdf_scale_top(uint64_t max)
{
	uint64_t step = 1;

	while (max > step * 10)
		step *= 10;
	return max <= step ? (step > 1 ? step : 1) : ((max + step - 1) / step) *
	    step;
}

static void
pdf_number(struct pdf *p, uint64_t v, double x, double y, int right)
{
	char text[24];
	PangoLayout *l;
	double w = 0;

	snprintf(text, sizeof text, "%llu", (unsigned long long) v);
	if ((l = pdf_text(p, RENDER_FONT_SONG, PDF_CELL_MM * 0.8, text, 0)) ==
	    NULL)
		return;
	pdf_size(l, &w, NULL);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	pdf_show(p, l, right ? x - w : x, y);
	g_object_unref(l);
}

/* One panel: CAPTION, then bars of V in the colour R, G, B. */
static void
pdf_panel(struct pdf *p, const struct pdf_bins *b, const uint64_t *v,
    const char *caption, double r, double g, double bl)
{
	double x0 = PDF_LEFT + 12, w = PDF_WIDTH - 12, slot, top, base;
	uint64_t max = 0, scale;
	size_t i, every;

	p->y += pdf_line(p, RENDER_FONT_HEI, PDF_TEXT_MM, caption, p->y, 0) + 1;
	top = p->y;
	base = top + PDF_PANEL_H;
	for (i = 0; i < b->n; i++)
		if (v[i] > max)
			max = v[i];
	scale = pdf_scale_top(max);
	slot = w / (double) (b->n > 0 ? b->n : 1);

	if (p->draw) {
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_set_line_width(p->cr, PDF_LINE_W);
		cairo_move_to(p->cr, x0, top);
		cairo_line_to(p->cr, x0, base);
		cairo_line_to(p->cr, x0 + w, base);
		cairo_stroke(p->cr);
		cairo_set_source_rgb(p->cr, r, g, bl);
		for (i = 0; i < b->n; i++) {
			double h = PDF_PANEL_H * (double) v[i] / (double) scale;

			if (v[i] == 0)
				continue;
			cairo_rectangle(p->cr, x0 + slot * ((double) i + 0.2),
			    base - h, slot * 0.6, h);
			cairo_fill(p->cr);
		}
	}
	pdf_number(p, scale, x0 - 1, top - 1, 1);
	pdf_number(p, 0, x0 - 1, base - 2.5, 1);

	/* Labels under the bars, as many as fit side by side. */
	every = (size_t) ceil(12.0 / slot);
	for (i = 0; i < b->n; i += every > 0 ? every : 1) {
		PangoLayout *l = pdf_text(p, RENDER_FONT_SONG, PDF_CELL_MM *
		    0.8, b->label[i], 0);
		double lw = 0;

		if (l == NULL)
			break;
		pdf_size(l, &lw, NULL);
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		pdf_show(p, l, x0 + slot * ((double) i + 0.5) - lw / 2,
		    base + 0.8);
		g_object_unref(l);
	}
	p->y = base + 6;
}

static void
pdf_chart(struct pdf *p)
{
	const char *unit;
	struct pdf_bins b;
	char *cap1, *cap2;

	if (p->r->ndays == 0)
		return;
	pdf_bins(p->r, &b);
	unit = p->r->ndays > PDF_DAYS_MAX ? _("per month") : _("per day");
	/* TRANSLATORS: a chart's caption, then "per day" or "per month". */
	cap1 = xasprintf(_("%s (%s)"), _("Documents sealed"), unit);
	cap2 = xasprintf(_("%s (%s)"), _("Copies printed"), unit);
	pdf_room(p, 2 * (PDF_PANEL_H + 12));
	pdf_panel(p, &b, b.sealed, cap1, RENDER_RED_R, RENDER_RED_G,
	    RENDER_RED_B);
	pdf_panel(p, &b, b.copies, cap2, PDF_BLUE_R, PDF_BLUE_G, PDF_BLUE_B);
	free(cap1);
	free(cap2);
	pdf_bins_free(&b);
	p->y += 2;
}

/* -- Tables ---------------------------------------------------------------- */

/* A table as laid out: its text size and column widths. */
struct pdf_table {
	const struct report_table	*t;
	double				 size;
	double				*w;
};

static double
pdf_natural(struct pdf *p, enum render_font role, double size,
    const char *text)
{
	PangoLayout *l = pdf_text(p, role, size, text, 0);
	double w = 0;

	if (l != NULL) {
		pdf_size(l, &w, NULL);
		g_object_unref(l);
	}
	return w;
}

/* The natural width of column C at SIZE: numbers never wrap, their
 * heading may; text columns wrap past PDF_TEXT_MAX_W. */
static double
pdf_col_natural(struct pdf *p, const struct report_table *t, size_t c,
    double size)
{
	double w = 0, head, cell;
	size_t row;

	for (row = 0; row < t->nrows; row++) {
		cell = pdf_natural(p, report_row_is_total(t, row) ?
		    RENDER_FONT_HEI : RENDER_FONT_SONG, size,
		    report_cell(t, row, c));
		if (cell > w)
			w = cell;
	}
	head = pdf_natural(p, RENDER_FONT_HEI, size, t->head[c]);
	if (t->numeric[c])
		head = fmin(head, PDF_HEAD_MAX_W);
	w = fmax(w, head);
	if (!t->numeric[c])
		w = fmin(w, PDF_TEXT_MAX_W);
	return w + 2 * PDF_PAD_H + PDF_SLACK;
}

/* Widths that fit the page: text columns share what numbers leave;
 * when even that fails, a smaller size. */
static void
pdf_columns(struct pdf *p, struct pdf_table *pt)
{
	const struct report_table *t = pt->t;
	double num, text, f;
	size_t c;

	pt->w = xcalloc(t->ncols > 0 ? t->ncols : 1, sizeof *pt->w);
	for (pt->size = PDF_CELL_MM; ; pt->size *= 0.9) {
		num = text = 0;
		for (c = 0; c < t->ncols; c++) {
			pt->w[c] = pdf_col_natural(p, t, c, pt->size);
			*(t->numeric[c] ? &num : &text) += pt->w[c];
		}
		if (num + text <= PDF_WIDTH)
			return;
		if (num + 12 * (double) t->ncols <= PDF_WIDTH ||
		    pt->size * 0.9 < PDF_CELL_MIN_MM)
			break;
	}
	f = text > 0 ? fmax(0, PDF_WIDTH - num) / text : 1;
	for (c = 0; c < t->ncols; c++)
		if (!t->numeric[c])
			pt->w[c] *= f;
}

static double
pdf_row_height(struct pdf *p, const struct pdf_table *pt,
    const char *const *cells, enum render_font role)
{
	double h = 0, ch;
	PangoLayout *l;
	size_t c;

	for (c = 0; c < pt->t->ncols; c++) {
		l = pdf_text(p, role, pt->size, cells[c], pt->w[c] -
		    2 * PDF_PAD_H);
		if (l == NULL)
			continue;
		pdf_size(l, NULL, &ch);
		h = fmax(h, ch);
		g_object_unref(l);
	}
	return h + 2 * PDF_PAD_V;
}

/* Draw one row of cells at the current height H, in ROLE, on a grey
 * ground GREY (1 for none). */
static void
pdf_row_draw(struct pdf *p, const struct pdf_table *pt,
    const char *const *cells, enum render_font role, double h, double grey)
{
	double x = PDF_LEFT;
	PangoLayout *l;
	size_t c;

	for (c = 0; c < pt->t->ncols; c++) {
		if (p->draw && grey < 1) {
			cairo_set_source_rgb(p->cr, grey, grey, grey);
			cairo_rectangle(p->cr, x, p->y, pt->w[c], h);
			cairo_fill(p->cr);
		}
		if (p->draw) {
			cairo_set_source_rgb(p->cr, 0, 0, 0);
			cairo_set_line_width(p->cr, PDF_LINE_W);
			cairo_rectangle(p->cr, x, p->y, pt->w[c], h);
			cairo_stroke(p->cr);
		}
		l = pdf_text(p, role, pt->size, cells[c], pt->w[c] -
		    2 * PDF_PAD_H);
		if (l != NULL) {
			if (pt->t->numeric[c])
				pango_layout_set_alignment(l,
				    PANGO_ALIGN_RIGHT);
			pdf_show(p, l, x + PDF_PAD_H, p->y + PDF_PAD_V);
			g_object_unref(l);
		}
		x += pt->w[c];
	}
	p->y += h;
}

static void
pdf_table_head(struct pdf *p, const struct pdf_table *pt, int continued)
{
	const char *const *head = (const char *const *) pt->t->head;
	char *caption;

	caption = continued ? xasprintf(_("%s (continued)"), pt->t->caption) :
	    xstrdup(pt->t->caption);
	p->y += pdf_line(p, RENDER_FONT_HEI, PDF_TEXT_MM, caption, p->y, 0) +
	    1;
	free(caption);
	pdf_row_draw(p, pt, head, RENDER_FONT_HEI,
	    pdf_row_height(p, pt, head, RENDER_FONT_HEI), 0.88);
}

/* The height of row ROW of PT's table, in its font. */
static double
pdf_table_row_height(struct pdf *p, const struct pdf_table *pt, size_t row)
{
	const struct report_table *t = pt->t;

	return pdf_row_height(p, pt, (const char *const *)
	    &t->cells[row * t->ncols], report_row_is_total(t, row) ?
	    RENDER_FONT_HEI : RENDER_FONT_SONG);
}

static void
pdf_table(struct pdf *p, const struct report_table *t)
{
	struct pdf_table pt = { t, PDF_CELL_MM, NULL };
	const char *const *cells;
	enum render_font role;
	double h, keep, head_h;
	size_t row;

	pdf_columns(p, &pt);
	head_h = PDF_TEXT_MM * 1.6 + pdf_row_height(p, &pt,
	    (const char *const *) t->head, RENDER_FONT_HEI);
	for (row = 0; row < t->nrows || row == 0; row++) {
		cells = t->nrows > 0 ? (const char *const *)
		    &t->cells[row * t->ncols] : NULL;
		role = report_row_is_total(t, row) ? RENDER_FONT_HEI :
		    RENDER_FONT_SONG;
		h = cells != NULL ? pdf_row_height(p, &pt, cells, role) :
		    PDF_TEXT_MM * 1.6;
		/* The Total goes with the row before it: alone under a
		 * continued heading it would total nothing in sight. */
		keep = row + 1 < t->nrows && report_row_is_total(t, row + 1) ?
		    pdf_table_row_height(p, &pt, row + 1) : 0;
		if (row == 0) {
			pdf_room(p, head_h + h + keep);
			pdf_table_head(p, &pt, 0);
		} else if (pdf_room(p, h + keep)) {
			pdf_table_head(p, &pt, 1);
		}
		if (cells == NULL) {
			p->y += pdf_line(p, RENDER_FONT_SONG, PDF_CELL_MM,
			    _("(none in this period)"), p->y + PDF_PAD_V, 0) +
			    PDF_PAD_V;
			break;
		}
		pdf_row_draw(p, &pt, cells, role, h,
		    report_row_is_total(t, row) ? 0.94 : 1);
	}
	p->y += 5;
	free(pt.w);
}

/* -- The document ---------------------------------------------------------- */

static void
pdf_pages(struct pdf *p)
{
	size_t i;

	p->page = 1;
	p->y = PDF_MARGIN;
	pdf_heading(p);
	if (p->r->kind == REPORT_SUMMARY)
		pdf_chart(p);
	for (i = 0; i < p->r->ntables && p->st == STATUS_OK; i++)
		if (!p->r->tables[i].daily)
			pdf_table(p, &p->r->tables[i]);
	pdf_foot(p);
	if (p->draw)
		cairo_show_page(p->cr);
}

static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int n)
{
	buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* The report's own time as the creation date, in UTC: never the clock. */
static void
pdf_metadata(cairo_surface_t *s, const struct report *r)
{
	char date[32];
	time_t t = (time_t) r->generated_at;
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    PACKAGE_NAME);
	if (r->title != NULL && text_utf8_valid(r->title, strlen(r->title)))
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
		    r->title);
}

enum status
report_pdf(const struct report *r, struct buf *out)
{
	struct pdf p;
	cairo_surface_t *s;
	size_t start;

	if (r == NULL || out == NULL)
		return STATUS_INVALID;
	start = out->len;
	memset(&p, 0, sizeof p);
	p.r = r;
	s = cairo_pdf_surface_create_for_stream(pdf_write, out,
	    PDF_PAGE_W * PDF_PT_PER_MM, PDF_PAGE_H * PDF_PT_PER_MM);
	pdf_metadata(s, r);
	p.cr = cairo_create(s);
	cairo_scale(p.cr, PDF_PT_PER_MM, PDF_PT_PER_MM);

	pdf_pages(&p);			/* count the pages */
	p.pages = p.page;
	p.draw = 1;
	if (p.st == STATUS_OK)
		pdf_pages(&p);

	cairo_destroy(p.cr);
	cairo_surface_finish(s);
	if (p.st == STATUS_OK &&
	    cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		log_error("render: writing the report PDF: %s",
		    cairo_status_to_string(cairo_surface_status(s)));
		p.st = STATUS_RENDER;
	}
	cairo_surface_destroy(s);
	if (p.st != STATUS_OK)
		out->len = start;
	return p.st;
}
