/*
 * draw.h -- the drawing helpers every screen paints with.  Only draw.c,
 * term.c and loop.c call curses; screens call these.
 *
 * Text is UTF-8 and measured in columns (util/text.h), never bytes: a
 * string clipped at a rectangle's right edge never splits a
 * double-width character (the column it would half fill stays blank).
 * Control characters are never drawn, even if one slipped past the
 * sanitizer.  Frames use curses line-drawing characters only.
 *
 * Layout of the terminal, decided here once:
 *
 *   row 0            title bar (draw_title)
 *   rows 1..LINES-3  the body of the top screen (draw_body)
 *   row LINES-2      message line (the loop)
 *   row LINES-1      keys that matter here (the loop, from the commands)
 */
#ifndef ESEAL_UI_DRAW_H
#define ESEAL_UI_DRAW_H

#include <stddef.h>

/* The smallest terminal the screens are laid out for. */
#define DRAW_MIN_COLS	80
#define DRAW_MIN_LINES	24

/* What a piece of text is; the colours or, on a monochrome terminal,
 * the attributes for each are chosen in draw.c. */
enum draw_style {
	DRAW_NORMAL,
	DRAW_TITLE,		/* the title bar */
	DRAW_SELECTED,		/* the line the cursor is on in a list */
	DRAW_TAGGED,		/* a tagged line's mark */
	DRAW_KEY,		/* a key name on the bottom line and in help */
	DRAW_MESSAGE,		/* the message line */
	DRAW_ERROR,		/* a refused action, a field's problem */
	DRAW_LABEL,		/* a field's label */
	DRAW_FIELD,		/* an editable field */
	DRAW_FIELD_FOCUS,	/* the field being edited */
	DRAW_HINT,		/* help text, secondary information */
	DRAW_FRAME,		/* dialog frames */
	DRAW_BUTTON,
	DRAW_BUTTON_FOCUS,
	DRAW_BAR,		/* the filled part of a progress bar */
	DRAW__COUNT
};

/* A rectangle of the terminal: rows y..y+h-1, columns x..x+w-1.  Every
 * drawing call takes one and clips to it; rows and columns passed with
 * it are relative to its top left corner. */
struct draw_rect {
	int	y, x, h, w;
};

/* Choose colours (COLOUR non-zero) or monochrome attributes.  Called by
 * term.c once curses runs. */
void draw_styles_init(int colour);

/* The terminal's size, and whether it is below DRAW_MIN_*. */
int draw_lines(void);
int draw_cols(void);
int draw_too_small(void);

/* The whole terminal; the body between title and bottom lines; a box of
 * H x W centred on the terminal (shrunk to fit). */
struct draw_rect draw_screen(void);
struct draw_rect draw_body(void);
struct draw_rect draw_center(int h, int w);

/* R shrunk by N cells on every side (the inside of a frame). */
struct draw_rect draw_inset(const struct draw_rect *r, int n);

/* Start a frame of painting (ERASE clears the terminal first) and end
 * it: draw_end() places the cursor where the last draw_cursor() asked,
 * or hides it, and sends the changes to the terminal at once. */
void draw_begin(int erase);
void draw_end(void);

/* Make the next draw_end() repaint every cell of the terminal, not
 * only what changed (Ctrl-L, after another program wrote on it). */
void draw_refresh_all(void);

/* Blank R, or N cells of row ROW from column COL, in style ST. */
void draw_clear(const struct draw_rect *r, enum draw_style st);
void draw_fill(const struct draw_rect *r, int row, int col, int n,
    enum draw_style st);

/* Draw S at ROW, COL of R, clipped at R's right edge; returns the
 * columns used.  draw_textn() draws the first LEN bytes of S. */
int draw_text(const struct draw_rect *r, int row, int col, const char *s,
    enum draw_style st);
int draw_textn(const struct draw_rect *r, int row, int col, const char *s,
    size_t len, enum draw_style st);

/* Blank row ROW of R in ST, then draw S from its first column. */
void draw_line(const struct draw_rect *r, int row, const char *s,
    enum draw_style st);

/* Draw S from ROW on, wrapped at R's width (by columns; '\n' starts a
 * new row), clipped at R's bottom; returns the rows it needs, drawn or
 * not. */
int draw_wrap(const struct draw_rect *r, int row, const char *s,
    enum draw_style st);

/* Pure helpers of draw_wrap(), usable without a terminal: the bytes of
 * S that go on the next row of COLS columns (a '\n' ends a row and is
 * not counted), and the rows S needs at COLS columns. */
size_t draw_wrap_next(const char *s, size_t cols);
int draw_wrap_rows(const char *s, int cols);

/* A line-drawn frame around the edge of R with TITLE in its top edge. */
void draw_frame(const struct draw_rect *r, const char *title,
    enum draw_style st);

/* A line-drawn horizontal rule across row ROW of R. */
void draw_hline(const struct draw_rect *r, int row);

/* The title bar: LEFT at the left, RIGHT at the right (either NULL). */
void draw_title(const char *left, const char *right);

/* Show the cursor at ROW, COL of R when this frame ends; or hide it. */
void draw_cursor(const struct draw_rect *r, int row, int col);
void draw_cursor_hide(void);

#endif
