/*
 * tableview.h -- the viewport of a report table on screen: which body
 * rows and which columns are shown, with the heading row, the first
 * column and the totals row fixed while the rest scrolls vertically and
 * horizontally.
 *
 * Pure arithmetic over a struct report_table (core/report.h), in display
 * columns (util/text.h), never bytes: a Chinese cell is as wide as it
 * looks.  The screen (reports.c) asks where each cell goes and draws it;
 * nothing here draws, so tests/ui/test_tableview.c checks it without a
 * terminal.  Must not call curses.
 *
 * Layout of a table in a rectangle of W columns and H rows:
 *
 *   row 0          the heading row (fixed)
 *   rows 1..page   the body rows from TOP on (scrolling)
 *   next row       the totals row, when the table has one (fixed)
 *
 * and across: column 0 (the row's name) always at x 0, then the columns
 * from LEFT on, each CELL_GAP columns after the previous, as many as fit
 * whole.
 */
#ifndef ESEAL_UI_TABLEVIEW_H
#define ESEAL_UI_TABLEVIEW_H

#include <stddef.h>

#include "core/report.h"

/* Columns between two cells, and the widest a cell is shown (a longer
 * one, such as a rejection's reason, is cut at a character boundary). */
#define TABLEVIEW_GAP		2
#define TABLEVIEW_CELL_MAX	40

struct tableview {
	const struct report_table *t;
	size_t		*widths;	/* per column, in display columns */
	size_t		 top;		/* first body row shown */
	size_t		 left;		/* first scrolling column (>= 1) */
	size_t		 page;		/* body rows that fit, last layout */
	size_t		 w;		/* columns of the rectangle */
};

/* Start a view of T (NULL: an empty view) at its top left. */
void tableview_init(struct tableview *v, const struct report_table *t);
void tableview_free(struct tableview *v);

/* The body rows: every row but the totals row. */
size_t tableview_body_rows(const struct tableview *v);

/* Fit the view to a rectangle of W columns and H rows (heading and
 * totals included), keeping TOP and LEFT in range. */
void tableview_layout(struct tableview *v, size_t w, size_t h);

/* Scroll by DELTA body rows, or DELTA columns; clamped.  Returns 1 when
 * the view moved. */
int tableview_scroll_rows(struct tableview *v, long delta);
int tableview_scroll_cols(struct tableview *v, long delta);

/* To the first or the last page of rows. */
void tableview_home(struct tableview *v);
void tableview_end(struct tableview *v);

/* The largest TOP and LEFT for the current layout: beyond them nothing
 * more would come into view. */
size_t tableview_max_top(const struct tableview *v);
size_t tableview_max_left(const struct tableview *v);

/* Where column COL starts (x from the rectangle's left), or -1 when it
 * is not shown; *WIDTH gets its width there (cut at the right edge). */
long tableview_col_x(const struct tableview *v, size_t col, size_t *width);

/* The table row shown at screen row Y of the rectangle (0 is the
 * heading: returns (size_t) -1 for it and for blank rows; the totals
 * row comes right under the last body row shown).  *IS_TOTAL is set. */
size_t tableview_row_at(const struct tableview *v, size_t y, int *is_total);

/*
 * The text of CELL laid out in WIDTH columns (a new string): cut at a
 * character boundary when too wide, numbers right-aligned with spaces
 * before them, text left as it is.
 */
char *tableview_cell_text(const char *cell, size_t width, int numeric);

/* "Rows 3-20 of 42, columns 2-6 of 11" for the title bar (translated, a
 * new string). */
char *tableview_position(const struct tableview *v);

#endif
