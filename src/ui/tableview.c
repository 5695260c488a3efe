/*
 * tableview.c -- the viewport arithmetic of a report table (tableview.h):
 * widths in display columns, which rows and columns are in view, and
 * each cell's text cut and aligned to its width.  Must not call curses
 * and must not read the store: it only looks at the table it is given.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/tableview.h"
#include "util/util.h"

/* The first column (the row's name: a seal, a department) stays in view
 * while the others scroll, so it may not take the whole width. */
#define TABLEVIEW_FIRST_MAX	30

void
tableview_init(struct tableview *v, const struct report_table *t)
{
	size_t c, w;

	memset(v, 0, sizeof *v);
	v->t = t;
	v->left = 1;
	if (t == NULL || t->ncols == 0)
		return;
	v->widths = xcalloc(t->ncols, sizeof *v->widths);
	for (c = 0; c < t->ncols; c++) {
		w = report_col_width(t, c);
		if (w > (c == 0 ? TABLEVIEW_FIRST_MAX : TABLEVIEW_CELL_MAX))
			w = c == 0 ? TABLEVIEW_FIRST_MAX : TABLEVIEW_CELL_MAX;
		v->widths[c] = w > 0 ? w : 1;
	}
}

void
tableview_free(struct tableview *v)
{
	free(v->widths);
	memset(v, 0, sizeof *v);
}

size_t
tableview_body_rows(const struct tableview *v)
{
	if (v->t == NULL)
		return 0;
	return v->t->total && v->t->nrows > 0 ? v->t->nrows - 1 : v->t->nrows;
}

size_t
tableview_max_top(const struct tableview *v)
{
	size_t body = tableview_body_rows(v);

	return body > v->page ? body - v->page : 0;
}

/* Where the scrolling columns start. */
static size_t
tableview_x0(const struct tableview *v)
{
	return v->widths[0] + TABLEVIEW_GAP;
}

size_t
tableview_max_left(const struct tableview *v)
{
	size_t n, avail, used, l;

	if (v->t == NULL || v->t->ncols <= 1)
		return 1;
	n = v->t->ncols;
	avail = v->w > tableview_x0(v) ? v->w - tableview_x0(v) : 0;

	/* Walk back from the last column while the columns fit whole. */
	used = v->widths[n - 1];
	for (l = n - 1; l > 1; l--) {
		if (used + TABLEVIEW_GAP + v->widths[l - 1] > avail)
			break;
		used += TABLEVIEW_GAP + v->widths[l - 1];
	}
	return l;
}

void
tableview_layout(struct tableview *v, size_t w, size_t h)
{
	size_t fixed = 1 + (v->t != NULL && v->t->total ? 1 : 0);

	v->w = w;
	v->page = h > fixed ? h - fixed : 0;
	if (v->t == NULL)
		return;
	if (v->top > tableview_max_top(v))
		v->top = tableview_max_top(v);
	if (v->left > tableview_max_left(v))
		v->left = tableview_max_left(v);
	if (v->left < 1)
		v->left = 1;
}

/* Move *AT by DELTA within 0..MAX (MIN for the low end). */
static int
tableview_clamp_move(size_t *at, long delta, size_t min, size_t max)
{
	size_t old = *at;
	long next = (long) *at + delta;

	if (next < (long) min)
		next = (long) min;
	if (next > (long) max)
		next = (long) max;
	*at = (size_t) next;
	return *at != old;
}

int
tableview_scroll_rows(struct tableview *v, long delta)
{
	return tableview_clamp_move(&v->top, delta, 0, tableview_max_top(v));
}

int
tableview_scroll_cols(struct tableview *v, long delta)
{
	return tableview_clamp_move(&v->left, delta, 1, tableview_max_left(v));
}

void
tableview_home(struct tableview *v)
{
	v->top = 0;
}

void
tableview_end(struct tableview *v)
{
	v->top = tableview_max_top(v);
}

long
tableview_col_x(const struct tableview *v, size_t col, size_t *width)
{
	size_t x, c;

	*width = 0;
	if (v->t == NULL || col >= v->t->ncols || v->w == 0)
		return -1;
	if (col == 0) {
		*width = v->widths[0] < v->w ? v->widths[0] : v->w;
		return 0;
	}
	if (col < v->left)
		return -1;
	x = tableview_x0(v);
	for (c = v->left; c < col; c++)
		x += v->widths[c] + TABLEVIEW_GAP;
	if (x >= v->w)
		return -1;

	/* Only whole columns, but for the first scrolling one: a cut
	 * number would read as another number. */
	if (x + v->widths[col] > v->w && col != v->left)
		return -1;
	*width = x + v->widths[col] > v->w ? v->w - x : v->widths[col];
	return (long) x;
}

size_t
tableview_row_at(const struct tableview *v, size_t y, int *is_total)
{
	size_t body = tableview_body_rows(v), shown;

	*is_total = 0;
	if (v->t == NULL || y == 0)
		return (size_t) -1;
	shown = body > v->top ? body - v->top : 0;
	if (shown > v->page)
		shown = v->page;
	if (y - 1 < shown)
		return v->top + y - 1;
	if (v->t->total && v->t->nrows > 0 && y - 1 == shown) {
		*is_total = 1;
		return v->t->nrows - 1;
	}
	return (size_t) -1;
}

char *
tableview_cell_text(const char *cell, size_t width, int numeric)
{
	size_t fit = text_fit(cell, width), cols, pad;
	char *cut = xstrndup(cell, fit), *out;

	if (!numeric)
		return cut;
	cols = text_width(cut);
	pad = width > cols ? width - cols : 0;
	out = xmalloc(pad + fit + 1);
	memset(out, ' ', pad);
	memcpy(out + pad, cut, fit + 1);
	free(cut);
	return out;
}

/* The last column in view, at least 0. */
static size_t
tableview_last_col(const struct tableview *v)
{
	size_t c, last = 0, w;

	for (c = v->left; v->t != NULL && c < v->t->ncols; c++) {
		if (tableview_col_x(v, c, &w) < 0)
			break;
		last = c;
	}
	return last;
}

char *
tableview_position(const struct tableview *v)
{
	size_t body = tableview_body_rows(v), ncols, last;
	size_t first = body > 0 ? v->top + 1 : 0;

	ncols = v->t != NULL ? v->t->ncols : 0;
	last = v->top + v->page < body ? v->top + v->page : body;
	if (ncols <= 1)
		return xasprintf(_("rows %zu-%zu of %zu"), first, last, body);
	return xasprintf(_("rows %zu-%zu of %zu, columns %zu-%zu of %zu"),
	    first, last, body, v->left + 1, tableview_last_col(v) + 1, ncols);
}
