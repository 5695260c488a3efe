/*
 * layout.h -- inside the render layer: a document laid out on GB/T
 * 9704-2012 pages, as a list of placed lines that render.c draws.
 *
 * Not part of the facade; only src/render and its tests include it (the
 * tests read the line list to check line breaking and placement).
 */
#ifndef ESEAL_RENDER_LAYOUT_H
#define ESEAL_RENDER_LAYOUT_H

#include <pango/pangocairo.h>

#include "render/render.h"

/* The page and type area, millimetres (GB/T 9704-2012, 5.2). */
#define LAYOUT_PAGE_W	210.0
#define LAYOUT_PAGE_H	297.0
#define LAYOUT_TOP	37.0		/* 天头 */
#define LAYOUT_LEFT	28.0		/* 订口 */
#define LAYOUT_WIDTH	156.0
#define LAYOUT_HEIGHT	225.0
#define LAYOUT_LINES	22
#define LAYOUT_CHARS	28
#define LAYOUT_PITCH	(LAYOUT_HEIGHT / LAYOUT_LINES)	/* one line */
#define LAYOUT_CELL	(LAYOUT_WIDTH / LAYOUT_CHARS)	/* one character */

/* What a line is, so tests and the drawing can tell them apart. */
enum layout_role {
	LAYOUT_COPY_NUMBER,		/* 份号 */
	LAYOUT_CLASS,			/* 密级和保密期限 */
	LAYOUT_URGENCY,			/* 紧急程度 */
	LAYOUT_MASTHEAD,		/* 发文机关标志 */
	LAYOUT_DOC_NUMBER,		/* 发文字号 */
	LAYOUT_TITLE,
	LAYOUT_RECIPIENTS,		/* 主送机关 */
	LAYOUT_BODY,
	LAYOUT_ATTACH_NOTE,		/* 附件说明 */
	LAYOUT_ISSUER,			/* 发文机关署名 */
	LAYOUT_DATE,			/* 成文日期 */
	LAYOUT_NOTE,			/* 附注 */
	LAYOUT_ATTACH_LABEL,		/* "附件1" on the attachment's page */
	LAYOUT_ATTACH_TITLE,
	LAYOUT_ATTACH_BODY,
	LAYOUT_PAGE_NUMBER
};

/* One piece of a line drawn at its own place. */
struct layout_run {
	size_t	off;			/* bytes into the line's text */
	size_t	len;
	double	x;			/* glyph origin from the page's left */
};

struct layout_line {
	enum layout_role	 role;
	enum render_font	 font;
	double			 size;		/* em, millimetres */
	double			 hscale;	/* horizontal compression */
	int			 red;
	int			 page;		/* 0-based */
	int			 slot;		/* line of the grid, or -1 */
	double			 baseline;	/* from the page's top */
	double			 left;		/* extent from the left edge */
	double			 right;
	char			*text;
	struct layout_run	*runs;
	size_t			 n_runs;
};

struct layout_font {
	enum render_font	 font;
	double			 size;
	PangoLayout		*layout;
};

#define LAYOUT_MAX_FONTS 12

struct layout {
	struct layout_line	*lines;
	size_t			 n_lines;
	size_t			 cap;
	int			 pages;
	double			 rule_y;	/* rule on page 0; 0: none */
	double			 seal_mm;	/* its diameter; 0: no seal */
	int			 seal_page;	/* -1 without a seal block */
	double			 seal_x;	/* the seal's centre */
	double			 seal_y;

	/* Working state: the context measured on, its layouts, the widths
	 * measured so far (by font, size and text; made on first use), the
	 * flow. */
	cairo_t			*cr;
	struct layout_font	 fonts[LAYOUT_MAX_FONTS];
	int			 n_fonts;
	GHashTable		*widths;
	size_t			*flow;		/* lines in reading order */
	int			*flow_break;	/* a new page before it */
	size_t			 n_flow;
	int			 first_slot;	/* first free slot on page 0 */
};

/*
 * Lay DOC out on CR (user unit one millimetre).  A positive SEAL_MM leaves
 * room for a seal that wide over the issuer and date and sets SEAL_PAGE,
 * SEAL_X and SEAL_Y.  COPY_NUMBER is printed when non-zero.  Free with
 * layout_free().
 */
enum status layout_build(cairo_t *cr, const struct render_doc *doc,
    double seal_mm, unsigned long copy_number, struct layout *l);
void layout_free(struct layout *l);

/*
 * Lay out only the copy-number line (份号) that layout_build() gives DOC
 * for COPY_NUMBER, at the same place, appended to L (memset to zero,
 * with CR set): nothing when DOC carries no copy number or COPY_NUMBER
 * is 0.  The stamp on printed copies (render_copy_numbers) uses it.
 */
enum status layout_copy_number(struct layout *l, const struct render_doc *doc,
    unsigned long copy_number);

/* A layout for FONT at SIZE, shared for the life of L. */
enum status layout_font(struct layout *l, enum render_font font, double size,
    PangoLayout **out);

#endif
