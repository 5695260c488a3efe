/*
 * layout_paragraph.h -- private to layout.c, layout_paragraph.c and
 * layout_table.c: how one paragraph is set (measured, broken and cut
 * into lines) and the reading-order flow those lines join.
 *
 * Not even the render layer's other files include it; they and the
 * tests see only layout.h.
 */
#ifndef ESEAL_RENDER_LAYOUT_PARAGRAPH_H
#define ESEAL_RENDER_LAYOUT_PARAGRAPH_H

#include "render/layout.h"
#include "render/linebreak.h"

#define LAYOUT_PT		(25.4 / 72.0)
#define LAYOUT_BODY_EM		(16 * LAYOUT_PT)	/* 三号 */

/* A flow entry that is a blank line, not a line of text. */
#define LAYOUT_BLANK		((size_t) -1)

enum layout_align { LAYOUT_JUSTIFY, LAYOUT_CENTER };

/* How one paragraph is set. */
struct layout_para {
	enum layout_role	role;
	enum render_font	font;
	double			size;
	double			first;		/* indent of the first line */
	double			rest;		/* indent of the others */
	enum layout_align	align;
	int			balance;	/* even line lengths (titles) */
};

/* A text cut into measured units. */
struct layout_text {
	const char		*text;
	struct linebreak_unit	*u;
	size_t			 n;
	double			 width;
};

/* TEXT in FONT at SIZE cut into units and measured into T; free t->u
 * even on failure. */
enum status layout_paragraph_measure(struct layout *l, enum render_font font,
    double size, const char *text, struct layout_text *t);

/* A line of units [FROM, TO) of T starting at X, with GAP added between
 * units, appended to L's lines but not yet placed; returns its index. */
size_t layout_paragraph_line(struct layout *l, const struct layout_para *p,
    const struct layout_text *t, size_t from, size_t to, double x,
    double gap);

/* LINE (or LAYOUT_BLANK) appended to the reading-order flow. */
void layout_paragraph_flow(struct layout *l, size_t line);

/* One paragraph into flowing lines. */
enum status layout_paragraph(struct layout *l, const char *text,
    const struct layout_para *p);

/* Paragraphs separated by newlines, leading blanks dropped. */
enum status layout_paragraphs(struct layout *l, const char *text,
    const struct layout_para *p);

#endif
