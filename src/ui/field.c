/*
 * field.c -- the text field editor: UTF-8 text, a cursor counted in
 * characters, columns computed from each character's width.
 *
 * All editing is pure (no terminal): only field_draw() paints, through
 * draw.h.  Must not call curses, and must not keep a second copy of a
 * secret field's text anywhere.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/field.h"
#include "util/util.h"

#define FIELD_SECRET_MAX	256	/* characters, when none is given */

/* -- Characters and offsets ------------------------------------------ */

/* Byte offset of character IDX (IDX may be nchars: the end). */
static size_t
field_offset(const struct field *f, size_t idx)
{
	size_t off = 0;

	for (; idx > 0 && off < f->len; idx--) {
		off++;
		while (off < f->len &&
		    ((unsigned char) f->buf[off] & 0xc0) == 0x80)
			off++;
	}
	return off;
}

/* The code point at byte offset OFF, and its length in *LEN. */
static uint32_t
field_cp(const struct field *f, size_t off, size_t *len)
{
	uint32_t cp = 0;

	*len = text_utf8_decode(f->buf + off, f->len - off, &cp);
	if (*len == 0)
		*len = 1;	/* cannot happen: the buffer is valid UTF-8 */
	return cp;
}

static int
field_cp_width(uint32_t cp)
{
	return cp == '\n' ? 0 : text_cp_width(cp);
}

/* Columns taken by characters FROM..TO-1. */
static size_t
field_span_width(const struct field *f, size_t from, size_t to)
{
	size_t off = field_offset(f, from), len, cols = 0;

	for (; from < to && off < f->len; from++, off += len)
		cols += (size_t) field_cp_width(field_cp(f, off, &len));
	return cols;
}

/* Width of the character at index IDX, or 1 past the end (the cursor's
 * cell). */
static int
field_cell(const struct field *f, size_t idx)
{
	size_t len;

	if (idx >= f->nchars)
		return 1;
	return field_cp_width(field_cp(f, field_offset(f, idx), &len));
}

/* -- Setting up ------------------------------------------------------- */

void
field_init(struct field *f, unsigned flags, int width, int height,
    size_t max_chars, size_t max_cols)
{
	memset(f, 0, sizeof *f);
	f->flags = flags;
	f->width = width > 1 ? width : 1;
	f->height = height > 1 && (flags & FIELD_MULTILINE) ? height : 1;
	f->max_chars = max_chars;
	f->max_cols = (flags & FIELD_MULTILINE) ? 0 : max_cols;
	f->goal = -1;

	if ((flags & FIELD_SECRET) && f->max_chars == 0)
		f->max_chars = FIELD_SECRET_MAX;
	f->cap = (flags & FIELD_SECRET) ? f->max_chars * 4 + 1 : 64;
	f->buf = xcalloc(1, f->cap);
}

void
field_free(struct field *f)
{
	if (f->buf != NULL)
		mem_wipe(f->buf, f->cap);
	free(f->buf);
	free(f->error);
	memset(f, 0, sizeof *f);
}

const char *
field_text(const struct field *f)
{
	return f->buf != NULL ? f->buf : "";
}

void
field_set_error(struct field *f, const char *msg)
{
	free(f->error);
	f->error = msg != NULL ? xstrdup(msg) : NULL;
}

void
field_resize(struct field *f, int width, int height)
{
	f->width = width > 1 ? width : 1;
	if (f->flags & FIELD_MULTILINE)
		f->height = height > 1 ? height : 1;
	f->first = 0;
	f->top = 0;
}

size_t
field_width(const struct field *f)
{
	return field_span_width(f, 0, f->nchars);
}

/* -- Editing ---------------------------------------------------------- */

/* Whether CP may be typed into F.  The one sanitizer decides what is
 * text, so typing can never get past what imports cannot. */
static int
field_is_text(const struct field *f, uint32_t cp)
{
	char enc[8], *clean;
	size_t n;
	int ok;

	if (cp == '\n')
		return (f->flags & FIELD_MULTILINE) != 0;
	if (cp > 0x10ffff)
		return 0;
	n = text_utf8_encode(cp, enc);
	enc[n] = '\0';
	clean = text_sanitize(enc, n, 0);
	ok = strcmp(clean, enc) == 0;
	free(clean);
	return ok;
}

/* Make room for N more bytes; a secret field never moves. */
static int
field_reserve(struct field *f, size_t n)
{
	if (f->len + n + 1 <= f->cap)
		return 0;
	if (f->flags & FIELD_SECRET)
		return -1;
	while (f->len + n + 1 > f->cap)
		f->cap *= 2;
	f->buf = xrealloc(f->buf, f->cap);
	return 0;
}

enum field_refusal
field_insert(struct field *f, uint32_t cp)
{
	char enc[8];
	size_t n, off;

	if (!field_is_text(f, cp))
		return FIELD_NOT_TEXT;
	if (f->max_chars > 0 && f->nchars >= f->max_chars)
		return FIELD_FULL_CHARS;
	if (f->max_cols > 0 &&
	    field_width(f) + (size_t) field_cp_width(cp) > f->max_cols)
		return FIELD_FULL_COLS;

	n = text_utf8_encode(cp, enc);
	if (field_reserve(f, n) != 0)
		return FIELD_FULL_CHARS;
	off = field_offset(f, f->cursor);
	memmove(f->buf + off + n, f->buf + off, f->len - off + 1);
	memcpy(f->buf + off, enc, n);
	f->len += n;
	f->nchars++;
	f->cursor++;
	f->changed = 1;
	f->goal = -1;
	return FIELD_DONE;
}

enum field_refusal
field_insert_text(struct field *f, const char *s)
{
	enum field_refusal r, first = FIELD_DONE;
	size_t n = strlen(s), len;
	uint32_t cp;

	while (n > 0) {
		len = text_utf8_decode(s, n, &cp);
		if (len == 0) {
			cp = 0xfffd;	/* what the sanitizer makes of it */
			len = 1;
		}
		r = field_insert(f, cp);
		if (r != FIELD_DONE && first == FIELD_DONE)
			first = r;
		s += len;
		n -= len;
	}
	return first;
}

/* Remove the character at index IDX, wiping the bytes it leaves. */
static void
field_remove(struct field *f, size_t idx)
{
	size_t off = field_offset(f, idx), end = field_offset(f, idx + 1);

	memmove(f->buf + off, f->buf + end, f->len - end + 1);
	f->len -= end - off;
	memset(f->buf + f->len, 0, end - off);
	f->nchars--;
	f->changed = 1;
	f->goal = -1;
}

enum field_refusal
field_backspace(struct field *f)
{
	if (f->cursor == 0)
		return FIELD_AT_EDGE;
	f->cursor--;
	field_remove(f, f->cursor);
	return FIELD_DONE;
}

enum field_refusal
field_delete(struct field *f)
{
	if (f->cursor >= f->nchars)
		return FIELD_AT_EDGE;
	field_remove(f, f->cursor);
	return FIELD_DONE;
}

void
field_set_text(struct field *f, const char *s)
{
	char *clean = text_sanitize(s, strlen(s),
	    (f->flags & FIELD_MULTILINE) != 0);

	mem_wipe(f->buf, f->cap);
	f->len = f->nchars = f->cursor = f->first = f->top = 0;
	field_insert_text(f, clean);
	mem_free_secret(clean);
	f->changed = 0;
}

/* -- Moving ----------------------------------------------------------- */

enum field_refusal
field_left(struct field *f)
{
	if (f->cursor == 0)
		return FIELD_AT_EDGE;
	f->cursor--;
	f->goal = -1;
	return FIELD_DONE;
}

enum field_refusal
field_right(struct field *f)
{
	if (f->cursor >= f->nchars)
		return FIELD_AT_EDGE;
	f->cursor++;
	f->goal = -1;
	return FIELD_DONE;
}

/* Home and End go to the ends of the line the cursor is on: the whole
 * text in a single-line field, the line between newlines otherwise. */
enum field_refusal
field_home(struct field *f)
{
	size_t off = field_offset(f, f->cursor), idx = f->cursor;

	while (idx > 0) {
		do
			off--;
		while (off > 0 && ((unsigned char) f->buf[off] & 0xc0) == 0x80);
		if (f->buf[off] == '\n')
			break;
		idx--;
	}
	f->goal = -1;
	if (idx == f->cursor)
		return FIELD_AT_EDGE;
	f->cursor = idx;
	return FIELD_DONE;
}

enum field_refusal
field_end(struct field *f)
{
	size_t off = field_offset(f, f->cursor), idx = f->cursor, len;

	while (idx < f->nchars && field_cp(f, off, &len) != '\n') {
		off += len;
		idx++;
	}
	f->goal = -1;
	if (idx == f->cursor)
		return FIELD_AT_EDGE;
	f->cursor = idx;
	return FIELD_DONE;
}

/* -- Rows of a multi-line field --------------------------------------- */

/* The column at which rows wrap: one is kept for the cursor, and a row
 * always has room for one wide character. */
static size_t
field_wrap_cols(const struct field *f)
{
	return f->width > 3 ? (size_t) f->width - 1 : 2;
}

size_t
field_rows(const struct field *f, size_t *rows, size_t max)
{
	size_t wrap = field_wrap_cols(f), n = 0, idx = 0, col = 0, off, len;
	uint32_t cp;
	int w;

	if (max > 0)
		rows[0] = 0;
	n = 1;
	for (off = 0; off < f->len; off += len, idx++) {
		cp = field_cp(f, off, &len);
		w = field_cp_width(cp);
		if (cp != '\n' && col > 0 && col + (size_t) w > wrap) {
			if (n < max)
				rows[n] = idx;
			n++;
			col = 0;
		}
		col += (size_t) w;
		if (cp == '\n') {
			if (n < max)
				rows[n] = idx + 1;
			n++;
			col = 0;
		}
	}
	return n;
}

/* All row starts of F in a new array (*N rows). */
static size_t *
field_rows_alloc(const struct field *f, size_t *n)
{
	size_t *rows = xmalloc((f->nchars + 2) * sizeof *rows);

	*n = field_rows(f, rows, f->nchars + 2);
	return rows;
}

/* The row holding index IDX. */
static size_t
field_row_of(const size_t *rows, size_t n, size_t idx)
{
	size_t r = 0;

	while (r + 1 < n && rows[r + 1] <= idx)
		r++;
	return r;
}

/* The last index the cursor can take on row R: before the newline that
 * ends it, before the last character of a row that wraps (the index
 * after it belongs to the next row), or the end of the text. */
static size_t
field_row_last(const struct field *f, const size_t *rows, size_t n, size_t r)
{
	return r + 1 < n ? rows[r + 1] - 1 : f->nchars;
}

size_t
field_cursor_row(const struct field *f)
{
	size_t n, r, *rows;

	if (!(f->flags & FIELD_MULTILINE))
		return 0;
	rows = field_rows_alloc(f, &n);
	r = field_row_of(rows, n, f->cursor);
	free(rows);
	return r;
}

size_t
field_cursor_col(const struct field *f)
{
	size_t n, r, *rows, col;

	if (!(f->flags & FIELD_MULTILINE))
		return field_span_width(f, 0, f->cursor);
	rows = field_rows_alloc(f, &n);
	r = field_row_of(rows, n, f->cursor);
	col = field_span_width(f, rows[r], f->cursor);
	free(rows);
	return col;
}

/* Move to row R, at the last character boundary not right of GOAL: a
 * wide character under the goal column is never entered halfway. */
static void
field_goto_row(struct field *f, const size_t *rows, size_t n, size_t r)
{
	size_t idx = rows[r], last = field_row_last(f, rows, n, r), col = 0;
	int w;

	while (idx < last) {
		w = field_cell(f, idx);
		if (col + (size_t) w > (size_t) f->goal)
			break;
		col += (size_t) w;
		idx++;
	}
	f->cursor = idx;
}

static enum field_refusal
field_vertical(struct field *f, int down)
{
	size_t n, r, *rows;
	enum field_refusal res = FIELD_AT_EDGE;

	if (!(f->flags & FIELD_MULTILINE))
		return FIELD_AT_EDGE;
	rows = field_rows_alloc(f, &n);
	r = field_row_of(rows, n, f->cursor);
	if (f->goal < 0)
		f->goal = (long) field_span_width(f, rows[r], f->cursor);
	if (down ? r + 1 < n : r > 0) {
		field_goto_row(f, rows, n, down ? r + 1 : r - 1);
		res = FIELD_DONE;
	}
	free(rows);
	return res;
}

enum field_refusal
field_up(struct field *f)
{
	return field_vertical(f, 0);
}

enum field_refusal
field_down(struct field *f)
{
	return field_vertical(f, 1);
}

/* -- What is shown ---------------------------------------------------- */

void
field_view(struct field *f, size_t *off, size_t *len, int *cursor_col)
{
	size_t width = (size_t) f->width, end_cell;

	if (f->flags & FIELD_SECRET) {
		*off = *len = 0;
		*cursor_col = 0;
		return;
	}
	end_cell = f->cursor >= f->nchars ? 1 : 0;

	/* Scroll right until the cursor's cell fits, left while the rest
	 * of the text would fit anyway (after a deletion). */
	if (f->cursor < f->first)
		f->first = f->cursor;
	while (f->first < f->cursor &&
	    field_span_width(f, f->first, f->cursor) +
	    (size_t) field_cell(f, f->cursor) > width)
		f->first++;
	while (f->first > 0 && field_span_width(f, f->first - 1, f->nchars) +
	    end_cell <= width)
		f->first--;

	*off = field_offset(f, f->first);
	*len = text_fit(f->buf + *off, width);
	*cursor_col = (int) field_span_width(f, f->first, f->cursor);
}

static void
field_draw_line(struct field *f, const struct draw_rect *r, int row, int col,
    enum draw_style st, int focused)
{
	size_t off, len;
	int ccol;

	field_view(f, &off, &len, &ccol);
	draw_fill(r, row, col, f->width, st);
	draw_textn(r, row, col, f->buf + off, len, st);
	if (focused)
		draw_cursor(r, row, col + ccol);
}

static void
field_draw_rows(struct field *f, const struct draw_rect *r, int row, int col,
    enum draw_style st, int focused)
{
	size_t n, *rows = field_rows_alloc(f, &n), cr, i, from, to;

	cr = field_row_of(rows, n, f->cursor);
	if (cr < f->top)
		f->top = cr;
	if (cr >= f->top + (size_t) f->height)
		f->top = cr - (size_t) f->height + 1;

	for (i = 0; i < (size_t) f->height; i++) {
		draw_fill(r, row + (int) i, col, f->width, st);
		if (f->top + i >= n)
			continue;
		from = field_offset(f, rows[f->top + i]);
		to = f->top + i + 1 < n ?
		    field_offset(f, rows[f->top + i + 1]) : f->len;
		if (to > from && f->buf[to - 1] == '\n')
			to--;
		draw_textn(r, row + (int) i, col, f->buf + from, to - from, st);
	}
	if (focused)
		draw_cursor(r, row + (int) (cr - f->top), col +
		    (int) field_span_width(f, rows[cr], f->cursor));
	free(rows);
}

void
field_draw(struct field *f, const struct draw_rect *r, int row, int col,
    int focused)
{
	enum draw_style st = focused ? DRAW_FIELD_FOCUS : DRAW_FIELD;

	if (f->flags & FIELD_MULTILINE)
		field_draw_rows(f, r, row, col, st, focused);
	else
		field_draw_line(f, r, row, col, st, focused);
}
