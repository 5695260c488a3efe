/*
 * layout_paragraph.c -- sets paragraphs for layout.c: measures a text
 * unit by unit, breaks it into lines (balanced for titles), justifies or
 * centres each line and appends it to the reading-order flow.  Body-sized
 * full-width characters take one cell of the 28-character grid.
 *
 * Lines leave here unplaced: which page and grid line they go on is
 * layout.c's (layout_paginate), as is every element placed directly.
 * Nothing here draws or writes a file.
 */
#include <config.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/font.h"
#include "render/layout_paragraph.h"

/* The advance of LEN bytes of TEXT in FONT at SIZE, set on PL: measured
 * once a document and kept in l->widths, since shaping a unit costs far
 * more than looking it up and a character repeats hundreds of times.
 * The key is the one render.c's runs use, so a size or font never
 * borrows another's width; the widths go with the layout (layout_free). */
static double
layout_paragraph_advance(struct layout *l, PangoLayout *pl,
    enum render_font font, double size, const char *text, size_t len)
{
	char *key = g_strdup_printf("%d %a %.*s", (int) font, size, (int) len,
	    text);
	struct font_metrics m;
	double *w;

	if (l->widths == NULL)
		l->widths = g_hash_table_new_full(g_str_hash, g_str_equal,
		    g_free, g_free);
	w = g_hash_table_lookup(l->widths, key);
	if (w != NULL) {
		g_free(key);
		return *w;
	}

	font_measure(pl, text, (int) len, &m);
	w = g_new(double, 1);
	*w = m.advance;
	g_hash_table_insert(l->widths, key, w);
	return *w;
}

static int
layout_paragraph_one_char(const char *s, size_t len)
{
	uint32_t cp;

	return text_utf8_decode(s, len, &cp) == len;
}

/* Body-sized full-width characters sit on the 28-character grid; other
 * sizes, numbers and Latin words take their glyphs' own width. */
enum status
layout_paragraph_measure(struct layout *l, enum render_font font,
    double size, const char *text, struct layout_text *t)
{
	double advance;
	PangoLayout *pl;
	enum status st;
	size_t i;

	t->text = text;
	t->n = linebreak_units(text, &t->u);
	t->width = 0;
	st = layout_font(l, font, size, &pl);
	if (st != STATUS_OK)
		return st;

	for (i = 0; i < t->n; i++) {
		advance = layout_paragraph_advance(l, pl, font, size,
		    text + t->u[i].off, t->u[i].len);
		t->u[i].advance = advance;
		t->u[i].wide = advance >= 0.75 * size &&
		    layout_paragraph_one_char(text + t->u[i].off, t->u[i].len);
		t->u[i].width = t->u[i].wide && fabs(size - LAYOUT_BODY_EM) <
		    1e-9 ? LAYOUT_CELL : advance;
		t->width += t->u[i].width;
	}
	return STATUS_OK;
}

static size_t
layout_paragraph_append(struct layout *l, const struct layout_line *line)
{
	if (l->n_lines == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->lines = xrealloc(l->lines, l->cap * sizeof *l->lines);
	}
	l->lines[l->n_lines] = *line;
	return l->n_lines++;
}

/*
 * A line of units [FROM, TO) of T starting at X, with GAP added between
 * units (justification); not yet placed on a page.
 */
size_t
layout_paragraph_line(struct layout *l, const struct layout_para *p,
    const struct layout_text *t, size_t from, size_t to, double x,
    double gap)
{
	size_t start = t->u[from].off, i;
	struct layout_line line;

	memset(&line, 0, sizeof line);
	line.role = p->role;
	line.font = p->font;
	line.size = p->size;
	line.hscale = 1;
	line.page = line.slot = -1;
	line.text = xstrndup(t->text + start,
	    t->u[to - 1].off + t->u[to - 1].len - start);
	line.runs = xcalloc(to - from, sizeof *line.runs);
	line.n_runs = to - from;
	line.left = x;

	for (i = from; i < to; i++) {
		line.runs[i - from].off = t->u[i].off - start;
		line.runs[i - from].len = t->u[i].len;
		line.runs[i - from].x = x + (t->u[i].wide ?
		    (t->u[i].width - t->u[i].advance) / 2 : 0);
		x += t->u[i].width + (i + 1 < to ? gap : 0);
	}
	line.right = x;
	return layout_paragraph_append(l, &line);
}

void
layout_paragraph_flow(struct layout *l, size_t line)
{
	l->flow = xrealloc(l->flow, (l->n_flow + 1) * sizeof *l->flow);
	l->flow_break = xrealloc(l->flow_break,
	    (l->n_flow + 1) * sizeof *l->flow_break);
	l->flow[l->n_flow] = line;
	l->flow_break[l->n_flow++] = 0;
}

/* Titles: as many lines as greedy filling needs, but even, so no word
 * dangles alone on the last line. */
static size_t
layout_paragraph_breaks(const struct layout_para *p,
    const struct layout_text *t, size_t **starts)
{
	double avail = LAYOUT_WIDTH - p->rest, w;
	size_t lines, k;

	lines = linebreak_lines(t->u, t->n, LAYOUT_WIDTH - p->first, avail,
	    starts);
	if (!p->balance || lines < 2)
		return lines;

	for (w = t->width / lines; w < avail; w += 0.25 * p->size) {
		free(*starts);
		k = linebreak_lines(t->u, t->n, w, w, starts);
		if (k <= lines)
			return k;
	}
	free(*starts);
	return linebreak_lines(t->u, t->n, LAYOUT_WIDTH - p->first, avail,
	    starts);
}

static double
layout_paragraph_units_width(const struct layout_text *t, size_t from,
    size_t to)
{
	double w = 0;

	while (from < to)
		w += t->u[from++].width;
	return w;
}

enum status
layout_paragraph(struct layout *l, const char *text,
    const struct layout_para *p)
{
	double indent, natural, gap, x;
	struct layout_text t;
	size_t *starts, lines, i, to;
	enum status st;

	st = layout_paragraph_measure(l, p->font, p->size, text, &t);
	if (st != STATUS_OK || t.n == 0) {
		free(t.u);
		return st;
	}

	lines = layout_paragraph_breaks(p, &t, &starts);
	for (i = 0; i < lines; i++) {
		to = i + 1 < lines ? starts[i + 1] : t.n;
		indent = i == 0 ? p->first : p->rest;
		natural = layout_paragraph_units_width(&t, starts[i], to);
		gap = 0;
		x = LAYOUT_LEFT + indent;
		if (p->align == LAYOUT_CENTER)
			x = LAYOUT_LEFT + (LAYOUT_WIDTH - natural) / 2;
		else if (i + 1 < lines && to - starts[i] > 1)
			gap = (LAYOUT_WIDTH - indent - natural) /
			    (double) (to - starts[i] - 1);
		layout_paragraph_flow(l, layout_paragraph_line(l, p, &t,
		    starts[i], to, x, fmax(gap, 0)));
	}
	free(starts);
	free(t.u);
	return STATUS_OK;
}

enum status
layout_paragraphs(struct layout *l, const char *text,
    const struct layout_para *p)
{
	const char *end;
	enum status st = STATUS_OK;
	char *para;

	while (text != NULL && *text != '\0' && st == STATUS_OK) {
		while (*text == ' ' || *text == '\t' ||
		    strncmp(text, "\u3000", 3) == 0)
			text += *text == ' ' || *text == '\t' ? 1 : 3;
		end = strchr(text, '\n');
		if (end == NULL)
			end = text + strlen(text);
		para = xstrndup(text, (size_t) (end - text));
		st = layout_paragraph(l, para, p);
		free(para);
		text = *end == '\n' ? end + 1 : end;
	}
	return st;
}
