/*
 * field.h -- our own text field editor, single-line and multi-line.
 *
 * The ncurses form library mishandles double-width characters (End
 * jumps past the text, typing there inserts runs of blanks, a wide
 * character spills out of an odd-width field), so fields are edited
 * here.  The text is UTF-8; the cursor is a CHARACTER index; columns
 * are computed from each character's width (text_cp_width), so a
 * Chinese character takes two columns and one Backspace.
 *
 * Everything but field_draw() is a pure function over struct field and
 * is tested without a terminal (tests/ui/test_field.c).
 *
 * Geometry rules, decided once:
 *  - A single-line field shows WIDTH columns and scrolls sideways so the
 *    cursor stays visible; it never shows half of a wide character.
 *  - A multi-line field wraps by columns at WIDTH - 1, keeping the last
 *    column for the cursor at the end of a full row; a wide character
 *    that does not fit on a row starts the next one.
 *  - MAX_COLS limits a single-line field's whole text in columns (what
 *    fits in a printed box); a wide character that would pass it is
 *    refused, never split.  MAX_CHARS limits characters.
 */
#ifndef ESEAL_UI_FIELD_H
#define ESEAL_UI_FIELD_H

#include <stddef.h>
#include <stdint.h>

#include "ui/draw.h"

#define FIELD_MULTILINE	1	/* Enter starts a new line; text wraps */
#define FIELD_SECRET	2	/* never shown; wiped when freed */

struct field {
	char		*buf;		/* UTF-8, NUL-terminated, sanitized */
	size_t		 len;		/* bytes, without the NUL */
	size_t		 cap;		/* bytes allocated */
	size_t		 nchars;	/* characters */
	size_t		 cursor;	/* character index, 0..nchars */
	size_t		 first;		/* single-line: first character shown */
	size_t		 top;		/* multi-line: first row shown */
	long		 goal;		/* multi-line: column kept, or -1 */
	unsigned	 flags;		/* FIELD_* */
	size_t		 max_chars;	/* 0: no limit */
	size_t		 max_cols;	/* single-line width limit; 0: none */
	int		 width;		/* columns on screen */
	int		 height;	/* rows on screen (multi-line) */
	int		 changed;	/* edited since field_set_text() */
	char		*error;		/* shown next to the field, or NULL */
};

/* Why an edit did nothing. */
enum field_refusal {
	FIELD_DONE = 0,		/* the edit was made */
	FIELD_FULL_CHARS,	/* MAX_CHARS reached */
	FIELD_FULL_COLS,	/* the character would pass MAX_COLS */
	FIELD_NOT_TEXT,		/* a control or direction code: not text */
	FIELD_AT_EDGE		/* nothing there to delete or move to */
};

/* Set up F: FLAGS, WIDTH x HEIGHT on screen, limits (0: none).  A
 * secret field gets its whole buffer at once so no copy of a password
 * is left behind by a reallocation. */
void field_init(struct field *f, unsigned flags, int width, int height,
    size_t max_chars, size_t max_cols);

/* Wipe (always) and free what F holds. */
void field_free(struct field *f);

/* Replace the text with S, sanitized (this is where stored or imported
 * text enters the editor) and cut to the limits; the cursor goes to the
 * end.  Clears the changed flag. */
void field_set_text(struct field *f, const char *s);

/* The text (never NULL). */
const char *field_text(const struct field *f);

/* Set or clear (MSG NULL) the message shown next to the field. */
void field_set_error(struct field *f, const char *msg);

/* Change the size on screen (a resize); keeps the cursor visible. */
void field_resize(struct field *f, int width, int height);

/* Editing.  Each returns FIELD_DONE or why nothing happened. */
enum field_refusal field_insert(struct field *f, uint32_t cp);
enum field_refusal field_insert_text(struct field *f, const char *s);
enum field_refusal field_backspace(struct field *f);
enum field_refusal field_delete(struct field *f);
enum field_refusal field_left(struct field *f);
enum field_refusal field_right(struct field *f);
enum field_refusal field_home(struct field *f);
enum field_refusal field_end(struct field *f);
enum field_refusal field_up(struct field *f);	/* multi-line */
enum field_refusal field_down(struct field *f);	/* multi-line */

/* Where the cursor is: its column counted from the start of the text
 * (single-line) or of its row (multi-line), and its row. */
size_t field_cursor_col(const struct field *f);
size_t field_cursor_row(const struct field *f);

/* The rows of a multi-line field: ROWS[i] is the character index where
 * row i starts.  Returns the number of rows (at least 1); fills at most
 * MAX entries. */
size_t field_rows(const struct field *f, size_t *rows, size_t max);

/* Single-line view: byte offset and length of the text shown, and the
 * cursor's column inside the field.  Scrolls F first if needed. */
void field_view(struct field *f, size_t *off, size_t *len, int *cursor_col);

/* The text's width in columns. */
size_t field_width(const struct field *f);

/* Paint F at ROW, COL of R (WIDTH x HEIGHT cells), with the cursor when
 * FOCUSED.  The only function here that draws. */
void field_draw(struct field *f, const struct draw_rect *r, int row, int col,
    int focused);

#endif
