/*
 * layout.c -- lays a document out as GB/T 9704-2012 sets: A4, a type area
 * of 156 x 225 mm at 37 mm from the top and 28 mm from the left, a grid of
 * 22 lines of 28 characters for the 16 pt (三号) body, and every element
 * where the standard puts it.  The result is a list of placed lines;
 * render.c draws it.
 *
 * The page, top to bottom (section numbers of the standard):
 *
 *   7.2.1-3  份号 (six digits), 密级★期限, 紧急程度: grid lines 1-3, flush
 *            left, in that order, only those the document has;
 *   7.2.4    the red masthead, centred, its top 35 mm below the type area;
 *   7.2.5    the document number two lines below it, centred;
 *   7.2.7    the red rule 4 mm below the number, as wide as the type area;
 *   7.3.1    the title (22 pt) two lines below the rule, centred, its
 *            lines balanced with the upper ones longer;
 *   7.3.2-3  a blank line, the recipients flush left, then the body,
 *            each paragraph indented two characters;
 *   7.3.4    a blank line, then the attachment note indented two;
 *   7.3.5.1  issuer and date: the date right-indented four characters,
 *            the issuer centred on it, the seal centred on both and pressing
 *            down on them, its top within one line of the text above; a
 *            page never carries the seal without body text;
 *   7.3.6    the note in brackets on the line below the date;
 *   7.3.8    each attachment on its own pages: its label on line 1, its
 *            title on line 3;
 *   7.5      page numbers "— 1 —", 14 pt, 7 mm below the type area, odd
 *            pages on the right, even on the left, one character in.
 *
 * Lines that flow (title to attachment note, and attachment pages) are
 * set by layout_paragraph.c and placed on the grid by layout_paginate();
 * header elements are placed directly on page 1.  A table form's body
 * rows are layout_table.c's.
 * Nothing here draws or writes a file.
 *
 * TODO: the colophon (版记: 抄送, 印发机关和印发日期, 7.4), the 签发人 line
 * of documents sent upwards (7.2.6) and joint documents with several
 * issuers and seals (7.3.5.1) are not laid out; offices issuing those
 * still need a word processor.  Each is a block placed like the
 * signature block: add its fields to struct render_doc and a placing
 * step after layout_sign().
 */
#include <config.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/font.h"
#include "render/layout.h"
#include "render/layout_paragraph.h"
#include "render/layout_table.h"

#define LAYOUT_TITLE_EM		(22 * LAYOUT_PT)	/* 二号 */
#define LAYOUT_PAGENO_EM	(14 * LAYOUT_PT)	/* 四号 */
#define LAYOUT_MAST_TOP		35.0	/* masthead below the type area top */
#define LAYOUT_MAST_EM		15.0	/* masthead glyph height */
#define LAYOUT_MAST_MAX_W	150.0	/* narrower than the type area */
#define LAYOUT_RULE_GAP		4.0	/* rule below the document number */
#define LAYOUT_PAGENO_GAP	7.0	/* page number below the type area */
#define LAYOUT_EMBOX_ASCENT	0.88	/* CJK em box above the baseline */

/* The seal's centre sits this many lines above the boundary between the
 * issuer and the date, so both lie just below its centre (7.3.5.1). */
#define LAYOUT_SEAL_RAISE	0.4
/* Lines between the text above and the issuer: the seal's top then falls
 * within one line of that text. */
#define LAYOUT_SEAL_BLANKS	2

enum status
layout_font(struct layout *l, enum render_font font, double size,
    PangoLayout **out)
{
	struct layout_font *f;
	enum status st;
	int i;

	for (i = 0; i < l->n_fonts; i++)
		if (l->fonts[i].font == font && l->fonts[i].size == size) {
			*out = l->fonts[i].layout;
			return STATUS_OK;
		}
	if (l->n_fonts == LAYOUT_MAX_FONTS)
		return STATUS_RENDER;

	f = &l->fonts[l->n_fonts];
	st = font_layout(l->cr, font, size, &f->layout);
	if (st != STATUS_OK)
		return st;
	f->font = font;
	f->size = size;
	l->n_fonts++;
	*out = f->layout;
	return STATUS_OK;
}

/* The baseline of SIZE text on grid line SLOT: its em box centred on the
 * line. */
static double
layout_baseline(int slot, double size)
{
	return LAYOUT_TOP + slot * LAYOUT_PITCH + (LAYOUT_PITCH - size) / 2 +
	    LAYOUT_EMBOX_ASCENT * size;
}

static void
layout_place(struct layout *l, size_t line, int page, int slot)
{
	struct layout_line *ln = &l->lines[line];

	ln->page = page;
	ln->slot = slot;
	ln->baseline = layout_baseline(slot, ln->size);
	if (page + 1 > l->pages)
		l->pages = page + 1;
}

/*
 * Place flow entries [FROM, TO) on the grid from *PAGE, *SLOT on.  A
 * blank line at the top of a page is dropped.  *LAST holds the index of
 * the last text entry placed (or stays as it was).
 */
static void
layout_paginate(struct layout *l, size_t from, size_t to, int *page,
    int *slot, size_t *last)
{
	size_t i;

	for (i = from; i < to; i++) {
		if ((l->flow_break[i] && *slot > 0) || *slot >= LAYOUT_LINES) {
			(*page)++;
			*slot = 0;
		}
		if (l->flow[i] == LAYOUT_BLANK) {
			if (*slot > 0)
				(*slot)++;
			continue;
		}
		layout_place(l, l->flow[i], *page, (*slot)++);
		*last = i;
	}
}

/* A line of its own (header, signature, page number) built from TEXT. */
static enum status
layout_single(struct layout *l, const struct layout_para *p,
    const char *text, double x, size_t *line)
{
	struct layout_text t;
	enum status st;

	st = layout_paragraph_measure(l, p->font, p->size, text, &t);
	if (st == STATUS_OK && t.n == 0)
		st = STATUS_INVALID;
	if (st == STATUS_OK)
		*line = layout_paragraph_line(l, p, &t, 0, t.n, x, 0);
	free(t.u);
	return st;
}

static double
layout_width(const struct layout *l, size_t line)
{
	return l->lines[line].right - l->lines[line].left;
}

/* Move a line sideways so it starts at X. */
static void
layout_shift(struct layout *l, size_t line, double x)
{
	struct layout_line *ln = &l->lines[line];
	double dx = x - ln->left;
	size_t i;

	for (i = 0; i < ln->n_runs; i++)
		ln->runs[i].x += dx;
	ln->left += dx;
	ln->right += dx;
}

/* A header line on page 1, grid line SLOT, flush left or centred. */
static enum status
layout_header_line(struct layout *l, enum layout_role role,
    enum render_font font, const char *text, int slot, int centre)
{
	struct layout_para p = { role, font, LAYOUT_BODY_EM, 0, 0,
	    LAYOUT_JUSTIFY, 0 };
	enum status st;
	size_t line;

	st = layout_single(l, &p, text, LAYOUT_LEFT, &line);
	if (st != STATUS_OK)
		return st;
	if (centre)
		layout_shift(l, line, LAYOUT_LEFT +
		    (LAYOUT_WIDTH - layout_width(l, line)) / 2);
	layout_place(l, line, 0, slot);
	return STATUS_OK;
}

static const char *
layout_class_name(enum render_class c)
{
	switch (c) {
	case RENDER_CLASS_SECRET:
		return "秘密";
	case RENDER_CLASS_CONFIDENTIAL:
		return "机密";
	case RENDER_CLASS_TOP_SECRET:
		return "绝密";
	default:
		return NULL;
	}
}

enum status
layout_copy_number(struct layout *l, const struct render_doc *doc,
    unsigned long copy_number)
{
	enum status st = STATUS_OK;
	char *text;

	/* Always the first line of page 1 (layout_marks). */
	if (copy_number > 0 && (doc->numbered ||
	    layout_class_name(doc->classification) != NULL)) {
		text = xasprintf("%06lu", copy_number);
		st = layout_header_line(l, LAYOUT_COPY_NUMBER,
		    RENDER_FONT_BODY, text, 0, 0);
		free(text);
	}
	return st;
}

/* 份号, 密级★期限 and 紧急程度 on the first lines; returns the next
 * free line in *SLOT. */
static enum status
layout_marks(struct layout *l, const struct render_doc *doc,
    unsigned long copy_number, int *slot)
{
	const char *cls = layout_class_name(doc->classification);
	enum status st = STATUS_OK;
	char *text;

	if (cls != NULL || doc->numbered) {
		st = layout_copy_number(l, doc, copy_number);
		(*slot)++;
	}
	if (st == STATUS_OK && cls != NULL) {
		text = doc->class_period != NULL && *doc->class_period ?
		    xasprintf("%s★%s", cls, doc->class_period) : xstrdup(cls);
		st = layout_header_line(l, LAYOUT_CLASS, RENDER_FONT_HEI,
		    text, (*slot)++, 0);
		free(text);
	}
	if (st == STATUS_OK && doc->urgency != RENDER_URGENCY_NONE)
		st = layout_header_line(l, LAYOUT_URGENCY, RENDER_FONT_HEI,
		    doc->urgency == RENDER_URGENCY_VERY_URGENT ?
		    "特急" : "加急", (*slot)++, 0);
	return st;
}

/* The red masthead, centred, narrowed to fit; returns its bottom. */
static enum status
layout_masthead(struct layout *l, const char *text, double *bottom)
{
	struct layout_para p = { LAYOUT_MASTHEAD, RENDER_FONT_TITLE,
	    LAYOUT_MAST_EM, 0, 0, LAYOUT_CENTER, 0 };
	struct layout_line *ln;
	double top = LAYOUT_TOP + LAYOUT_MAST_TOP, w;
	enum status st;
	size_t line;

	st = layout_single(l, &p, text, LAYOUT_LEFT, &line);
	if (st != STATUS_OK)
		return st;
	ln = &l->lines[line];
	w = layout_width(l, line);
	ln->hscale = w > LAYOUT_MAST_MAX_W ? LAYOUT_MAST_MAX_W / w : 1;
	ln->red = 1;
	ln->page = 0;
	ln->baseline = top + LAYOUT_EMBOX_ASCENT * LAYOUT_MAST_EM;

	/* Runs were laid out unscaled from the left; the drawing scales
	 * them about the line's start, so centre the scaled width. */
	layout_shift(l, line, LAYOUT_LEFT +
	    (LAYOUT_WIDTH - w * ln->hscale) / 2);
	ln->right = ln->left + w * ln->hscale;
	*bottom = top + LAYOUT_MAST_EM;
	return STATUS_OK;
}

/* Page 1's header; sets l->first_slot, where the title goes. */
static enum status
layout_header(struct layout *l, const struct render_doc *doc,
    unsigned long copy_number)
{
	double bottom;
	enum status st;
	int slot = 0;

	st = layout_marks(l, doc, copy_number, &slot);
	if (st == STATUS_OK && doc->masthead != NULL) {
		st = layout_masthead(l, doc->masthead, &bottom);
		slot = (int) ceil((bottom - LAYOUT_TOP) / LAYOUT_PITCH) + 2;
		if (st == STATUS_OK && doc->doc_number != NULL)
			st = layout_header_line(l, LAYOUT_DOC_NUMBER,
			    RENDER_FONT_BODY, doc->doc_number, slot, 1);
		l->rule_y = LAYOUT_TOP + slot * LAYOUT_PITCH +
		    (LAYOUT_PITCH + LAYOUT_BODY_EM) / 2 + LAYOUT_RULE_GAP;
		/* Two lines' space (about 20 mm) under the rule. */
		l->first_slot = (int) ceil((l->rule_y - LAYOUT_TOP) /
		    LAYOUT_PITCH) + 1;
	} else if (st == STATUS_OK) {
		if (doc->doc_number != NULL)
			st = layout_header_line(l, LAYOUT_DOC_NUMBER,
			    RENDER_FONT_BODY, doc->doc_number, slot++, 1);
		l->first_slot = slot > 0 ? slot + 1 : 0;
	}
	return st;
}

static enum status
layout_attach_note(struct layout *l, const struct render_doc *doc)
{
	struct layout_para p = { LAYOUT_ATTACH_NOTE, RENDER_FONT_BODY,
	    LAYOUT_BODY_EM, 2 * LAYOUT_CELL, 0, LAYOUT_JUSTIFY, 0 };
	enum status st = STATUS_OK;
	size_t i;
	char *text;

	if (doc->n_attachments > 0)
		layout_paragraph_flow(l, LAYOUT_BLANK);

	/* Later names and wrapped lines align under the first name. */
	for (i = 0; i < doc->n_attachments && st == STATUS_OK; i++) {
		if (doc->n_attachments == 1)
			text = xasprintf("附件：%s", doc->attachments[i].title);
		else
			text = xasprintf("%s%zu．%s", i == 0 ? "附件：" : "",
			    i + 1, doc->attachments[i].title);
		p.first = (i == 0 ? 2 : 5) * LAYOUT_CELL;
		p.rest = 5 * LAYOUT_CELL + (doc->n_attachments > 1 ?
		    1.5 * LAYOUT_CELL : 0);
		st = layout_paragraph(l, text, &p);
		free(text);
	}
	return st;
}

/* Title, recipients, body and attachment note, in reading order. */
static enum status
layout_main(struct layout *l, const struct render_doc *doc)
{
	struct layout_para title = { LAYOUT_TITLE, RENDER_FONT_TITLE,
	    LAYOUT_TITLE_EM, 0, 0, LAYOUT_CENTER, 1 };
	struct layout_para to = { LAYOUT_RECIPIENTS, RENDER_FONT_BODY,
	    LAYOUT_BODY_EM, 0, 0, LAYOUT_JUSTIFY, 0 };
	struct layout_para body = { LAYOUT_BODY, RENDER_FONT_BODY,
	    LAYOUT_BODY_EM, 2 * LAYOUT_CELL, 0, LAYOUT_JUSTIFY, 0 };
	enum status st;
	char *text;

	st = layout_paragraph(l, doc->title, &title);
	if (st == STATUS_OK && doc->recipients != NULL &&
	    *doc->recipients != '\0') {
		layout_paragraph_flow(l, LAYOUT_BLANK);
		text = xasprintf("%s：", doc->recipients);
		st = layout_paragraph(l, text, &to);
		free(text);
	} else if (st == STATUS_OK)
		layout_paragraph_flow(l, LAYOUT_BLANK);
	if (st == STATUS_OK && doc->table_col > 0)
		st = layout_table_rows(l, doc->body, doc->table_col, &body);
	else if (st == STATUS_OK)
		st = layout_paragraphs(l, doc->body, &body);
	if (st == STATUS_OK)
		st = layout_attach_note(l, doc);
	return st;
}

/* Issuer, date and note lines, placed sideways (7.3.5.1 with a seal,
 * 7.3.5.2 without); IDX receives issuer, date, note (or LAYOUT_BLANK). */
static enum status
layout_sign_lines(struct layout *l, const struct render_doc *doc,
    int sealed, size_t idx[3])
{
	struct layout_para p = { LAYOUT_ISSUER, RENDER_FONT_BODY,
	    LAYOUT_BODY_EM, 0, 0, LAYOUT_JUSTIFY, 0 };
	double right = LAYOUT_LEFT + LAYOUT_WIDTH, wi, wd;
	enum status st;
	char *text;

	st = layout_single(l, &p, doc->issuer, LAYOUT_LEFT, &idx[0]);
	if (st != STATUS_OK)
		return st;
	p.role = LAYOUT_DATE;
	text = xasprintf("%d年%d月%d日", doc->year, doc->month, doc->day);
	st = layout_single(l, &p, text, LAYOUT_LEFT, &idx[1]);
	free(text);
	if (st != STATUS_OK)
		return st;

	wi = layout_width(l, idx[0]);
	wd = layout_width(l, idx[1]);
	if (sealed) {
		layout_shift(l, idx[1], right - 4 * LAYOUT_CELL - wd);
		layout_shift(l, idx[0], l->lines[idx[1]].left + (wd - wi) / 2);
	} else {
		/* Issuer two characters in from the right, the date two
		 * characters right of the issuer's start, unless longer. */
		layout_shift(l, idx[0], right - 2 * LAYOUT_CELL - wi);
		if (2 * LAYOUT_CELL + wd > wi)
			layout_shift(l, idx[0], right - 4 * LAYOUT_CELL - wd);
		layout_shift(l, idx[1], l->lines[idx[0]].left +
		    2 * LAYOUT_CELL);
	}

	idx[2] = LAYOUT_BLANK;
	if (doc->note != NULL && *doc->note != '\0') {
		p.role = LAYOUT_NOTE;
		text = xasprintf("（%s）", doc->note);
		st = layout_single(l, &p, text, LAYOUT_LEFT + 2 * LAYOUT_CELL,
		    &idx[2]);
		free(text);
	}
	return st;
}

/* Where the page number of PAGE goes: its left and right edges. */
static enum status
layout_page_number_box(struct layout *l, int page, double *x0, double *x1)
{
	struct layout_text t;
	enum status st;
	char *text;

	text = xasprintf("— %d —", page + 1);
	st = layout_paragraph_measure(l, RENDER_FONT_SONG, LAYOUT_PAGENO_EM,
	    text, &t);
	if (page % 2 == 0)
		*x0 = LAYOUT_LEFT + LAYOUT_WIDTH - LAYOUT_PAGENO_EM - t.width;
	else
		*x0 = LAYOUT_LEFT + LAYOUT_PAGENO_EM;
	*x1 = *x0 + t.width;
	free(t.u);
	free(text);
	return st;
}

/* Whether a seal centred at X, Y clears the page number of PAGE. */
static int
layout_seal_clear(struct layout *l, int page, double x, double y)
{
	double x0, x1, y0, y1, dx, dy, r = l->seal_mm / 2;

	if (layout_page_number_box(l, page, &x0, &x1) != STATUS_OK)
		return 0;
	y0 = LAYOUT_TOP + LAYOUT_HEIGHT + LAYOUT_PAGENO_GAP -
	    LAYOUT_PAGENO_EM / 2;
	y1 = y0 + LAYOUT_PAGENO_EM;
	dx = x < x0 ? x0 - x : x > x1 ? x - x1 : 0;
	dy = y < y0 ? y0 - y : y > y1 ? y - y1 : 0;
	return dx * dx + dy * dy > r * r;
}

static double
layout_seal_y(int date)
{
	return LAYOUT_TOP + (date - LAYOUT_SEAL_RAISE) * LAYOUT_PITCH;
}

/* Issuer on DATE - 1, date on DATE and the note below fit on PAGE, and a
 * seal over them stays clear of the page number. */
static int
layout_sign_fits(struct layout *l, const size_t idx[3], int sealed,
    int page, int date)
{
	const struct layout_line *d = &l->lines[idx[1]];
	double x = (d->left + d->right) / 2;

	if (date + (idx[2] != LAYOUT_BLANK) >= LAYOUT_LINES)
		return 0;
	return !sealed || layout_seal_clear(l, page, x, layout_seal_y(date));
}

/* The text entry before the last one in the flow, or the last. */
static size_t
layout_second_last(const struct layout *l, size_t last)
{
	size_t i;

	for (i = last; i-- > 0;)
		if (l->flow[i] != LAYOUT_BLANK)
			return l->lines[l->flow[i]].slot > 0 ? i : last;
	return last;
}

/*
 * Paginate the main flow and place issuer, date and note below it.  When
 * they do not fit under the last text line, the last two text lines move
 * to the next page with them: a seal never stands on a page alone.
 * Returns the page the block is on.
 */
static enum status
layout_sign(struct layout *l, const struct render_doc *doc, int sealed,
    int *sign_page)
{
	int page = 0, slot, blanks = sealed ? LAYOUT_SEAL_BLANKS : 1;
	size_t idx[3], last = 0, main_end = l->n_flow;
	int date = 0, pass;
	enum status st;

	st = layout_sign_lines(l, doc, sealed, idx);
	for (pass = 0; st == STATUS_OK && pass < 2; pass++) {
		page = 0;
		slot = l->first_slot;
		layout_paginate(l, 0, main_end, &page, &slot, &last);
		page = l->lines[l->flow[last]].page;
		date = l->lines[l->flow[last]].slot + blanks + 2;
		if (layout_sign_fits(l, idx, sealed, page, date))
			break;
		l->flow_break[layout_second_last(l, last)] = 1;
	}
	if (st != STATUS_OK)
		return st;

	layout_place(l, idx[0], page, date - 1);
	layout_place(l, idx[1], page, date);
	if (idx[2] != LAYOUT_BLANK)
		layout_place(l, idx[2], page, date + 1);
	if (sealed) {
		l->seal_page = page;
		l->seal_x = (l->lines[idx[1]].left +
		    l->lines[idx[1]].right) / 2;
		l->seal_y = layout_seal_y(date);
	}
	*sign_page = page;
	return STATUS_OK;
}

/* Each attachment with text on pages of its own after the signature. */
static enum status
layout_attachments(struct layout *l, const struct render_doc *doc, int page)
{
	struct layout_para label = { LAYOUT_ATTACH_LABEL, RENDER_FONT_HEI,
	    LAYOUT_BODY_EM, 0, 0, LAYOUT_JUSTIFY, 0 };
	struct layout_para title = { LAYOUT_ATTACH_TITLE, RENDER_FONT_TITLE,
	    LAYOUT_TITLE_EM, 0, 0, LAYOUT_CENTER, 1 };
	struct layout_para body = { LAYOUT_ATTACH_BODY, RENDER_FONT_BODY,
	    LAYOUT_BODY_EM, 2 * LAYOUT_CELL, 0, LAYOUT_JUSTIFY, 0 };
	size_t i, from, last = 0;
	enum status st = STATUS_OK;
	int slot = LAYOUT_LINES;
	char *text;

	for (i = 0; i < doc->n_attachments && st == STATUS_OK; i++) {
		if (doc->attachments[i].body == NULL)
			continue;
		from = l->n_flow;
		text = doc->n_attachments == 1 ? xstrdup("附件") :
		    xasprintf("附件%zu", i + 1);
		st = layout_paragraph(l, text, &label);
		free(text);
		if (st != STATUS_OK)
			break;
		l->flow_break[from] = 1;
		layout_paragraph_flow(l, LAYOUT_BLANK);
		if (st == STATUS_OK)
			st = layout_paragraph(l, doc->attachments[i].title,
			    &title);
		layout_paragraph_flow(l, LAYOUT_BLANK);
		if (st == STATUS_OK)
			st = layout_paragraphs(l, doc->attachments[i].body,
			    &body);
		layout_paginate(l, from, l->n_flow, &page, &slot, &last);
	}
	return st;
}

/* "— N —" under the type area; odd pages right, even pages left. */
static enum status
layout_page_numbers(struct layout *l)
{
	struct layout_para p = { LAYOUT_PAGE_NUMBER, RENDER_FONT_SONG,
	    LAYOUT_PAGENO_EM, 0, 0, LAYOUT_JUSTIFY, 0 };
	struct font_metrics dash;
	double x0, x1;
	PangoLayout *pl;
	enum status st;
	size_t line;
	char *text;
	int page;

	st = layout_font(l, p.font, p.size, &pl);
	if (st != STATUS_OK)
		return st;
	font_measure(pl, "—", -1, &dash);

	for (page = 0; page < l->pages && st == STATUS_OK; page++) {
		st = layout_page_number_box(l, page, &x0, &x1);
		if (st != STATUS_OK)
			break;
		text = xasprintf("— %d —", page + 1);
		st = layout_single(l, &p, text, x0, &line);
		free(text);
		if (st != STATUS_OK)
			break;
		l->lines[line].page = page;
		l->lines[line].baseline = LAYOUT_TOP + LAYOUT_HEIGHT +
		    LAYOUT_PAGENO_GAP + (dash.ink_top + dash.ink_bottom) / 2;
	}
	return st;
}

static enum status
layout_check_text(const char *s, int required)
{
	if (s == NULL)
		return required ? STATUS_INVALID : STATUS_OK;
	if (!text_utf8_valid(s, strlen(s)))
		return STATUS_ENCODING;
	return required && *s == '\0' ? STATUS_INVALID : STATUS_OK;
}

static enum status
layout_check(const struct render_doc *doc, unsigned long copy_number)
{
	const char *const texts[] = { doc->masthead, doc->doc_number,
	    doc->class_period, doc->recipients, doc->body, doc->note };
	enum status st = STATUS_OK;
	size_t i;

	if (copy_number > 999999 || doc->month < 1 || doc->month > 12 ||
	    doc->day < 1 || doc->day > 31 || doc->year < 1000 ||
	    doc->year > 9999 || (doc->n_attachments > 0 &&
	    doc->attachments == NULL))
		return STATUS_INVALID;
	st = layout_check_text(doc->title, 1);
	if (st == STATUS_OK)
		st = layout_check_text(doc->issuer, 1);
	for (i = 0; i < sizeof texts / sizeof *texts && st == STATUS_OK; i++)
		st = layout_check_text(texts[i], 0);
	for (i = 0; i < doc->n_attachments && st == STATUS_OK; i++) {
		st = layout_check_text(doc->attachments[i].title, 1);
		if (st == STATUS_OK)
			st = layout_check_text(doc->attachments[i].body, 0);
	}
	return st;
}

enum status
layout_build(cairo_t *cr, const struct render_doc *doc, double seal_mm,
    unsigned long copy_number, struct layout *l)
{
	int sealed = seal_mm > 0, sign_page = 0;
	enum status st;

	memset(l, 0, sizeof *l);
	l->cr = cr;
	l->seal_page = -1;
	l->seal_mm = seal_mm;
	st = layout_check(doc, copy_number);

	if (st == STATUS_OK)
		st = layout_header(l, doc, copy_number);
	if (st == STATUS_OK)
		st = layout_main(l, doc);
	if (st == STATUS_OK)
		st = layout_sign(l, doc, sealed, &sign_page);
	if (st == STATUS_OK)
		st = layout_attachments(l, doc, sign_page);
	if (st == STATUS_OK)
		st = layout_page_numbers(l);
	return st;
}

void
layout_free(struct layout *l)
{
	size_t i;
	int f;

	for (i = 0; i < l->n_lines; i++) {
		free(l->lines[i].text);
		free(l->lines[i].runs);
	}
	free(l->lines);
	for (f = 0; f < l->n_fonts; f++)
		g_object_unref(l->fonts[f].layout);
	if (l->widths != NULL)
		g_hash_table_destroy(l->widths);
	free(l->flow);
	free(l->flow_break);
	memset(l, 0, sizeof *l);
}
