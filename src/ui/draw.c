/*
 * draw.c -- painting text, frames and bars on the terminal through
 * curses, measured in columns.
 *
 * One of the three files that call curses (with term.c and loop.c).
 * Text is converted from UTF-8 to wide characters here and written with
 * the wide-character calls, so the same code is right in a UTF-8 and a
 * GB18030 locale (glibc's wchar_t is Unicode in both).  Must not read
 * keys and must not write anything but through curses.
 */
#include <config.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <string.h>
#include <wchar.h>

#include "ui/draw.h"
#include "util/util.h"

#define DRAW_CHUNK	256	/* wide characters written per call */

/* Attributes and colour pairs per style: set by draw_styles_init(). */
static attr_t draw_attr[DRAW__COUNT];
static short draw_pair[DRAW__COUNT];

/* Where draw_end() puts the cursor; row -1 hides it. */
static int draw_cur_y = -1, draw_cur_x;

/* style, foreground, background, attributes with colour, without */
static const struct {
	enum draw_style	st;
	short		fg, bg;
	attr_t		colour_attr, mono_attr;
} draw_scheme[] = {
	{ DRAW_NORMAL,		-1, -1,			A_NORMAL, A_NORMAL },
	{ DRAW_TITLE,		COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE },
	{ DRAW_SELECTED,	COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	{ DRAW_TAGGED,		COLOR_YELLOW, -1,	A_BOLD, A_BOLD },
	{ DRAW_KEY,		COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE },
	{ DRAW_MESSAGE,		-1, -1,			A_BOLD, A_BOLD },
	{ DRAW_ERROR,		COLOR_RED, -1,		A_BOLD, A_BOLD | A_UNDERLINE },
	{ DRAW_LABEL,		-1, -1,			A_NORMAL, A_NORMAL },
	{ DRAW_FIELD,		COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_UNDERLINE },
	{ DRAW_FIELD_FOCUS,	COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE },
	{ DRAW_HINT,		COLOR_CYAN, -1,		A_NORMAL, A_NORMAL },
	{ DRAW_FRAME,		-1, -1,			A_NORMAL, A_NORMAL },
	{ DRAW_BUTTON,		-1, -1,			A_NORMAL, A_NORMAL },
	{ DRAW_BUTTON_FOCUS,	COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE },
	{ DRAW_BAR,		COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_REVERSE },
};

void
draw_styles_init(int colour)
{
	size_t i;

	for (i = 0; i < sizeof draw_scheme / sizeof draw_scheme[0]; i++) {
		enum draw_style st = draw_scheme[i].st;

		draw_pair[st] = 0;
		draw_attr[st] = colour ? draw_scheme[i].colour_attr :
		    draw_scheme[i].mono_attr;
		if (colour && (draw_scheme[i].fg >= 0 ||
		    draw_scheme[i].bg >= 0)) {
			init_pair((short) (i + 1), draw_scheme[i].fg,
			    draw_scheme[i].bg);
			draw_pair[st] = (short) (i + 1);
		}
	}
}

static void
draw_style(enum draw_style st)
{
	attr_set(draw_attr[st], draw_pair[st], NULL);
}

/* -- Geometry ---------------------------------------------------------- */

int
draw_lines(void)
{
	return LINES;
}

int
draw_cols(void)
{
	return COLS;
}

int
draw_too_small(void)
{
	return LINES < DRAW_MIN_LINES || COLS < DRAW_MIN_COLS;
}

struct draw_rect
draw_screen(void)
{
	struct draw_rect r = { 0, 0, LINES, COLS };

	return r;
}

struct draw_rect
draw_body(void)
{
	struct draw_rect r = { 1, 0, LINES - 3, COLS };

	if (r.h < 0)
		r.h = 0;
	return r;
}

struct draw_rect
draw_center(int h, int w)
{
	struct draw_rect r;

	r.h = h < LINES - 2 ? h : LINES - 2;
	r.w = w < COLS - 2 ? w : COLS - 2;
	if (r.h < 3)
		r.h = 3;
	if (r.w < 10)
		r.w = 10;
	r.y = (LINES - r.h) / 2;
	r.x = (COLS - r.w) / 2;
	return r;
}

struct draw_rect
draw_inset(const struct draw_rect *r, int n)
{
	struct draw_rect in;

	in.y = r->y + n;
	in.x = r->x + n;
	in.h = r->h - 2 * n;
	in.w = r->w - 2 * n;

	if (in.h < 0)
		in.h = 0;
	if (in.w < 0)
		in.w = 0;
	return in;
}

/* -- Frames of painting ------------------------------------------------ */

void
draw_begin(int erase_all)
{
	if (erase_all) {
		draw_style(DRAW_NORMAL);
		erase();
	}
}

void
draw_end(void)
{
	if (draw_cur_y >= 0 && draw_cur_y < LINES && draw_cur_x < COLS) {
		move(draw_cur_y, draw_cur_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

void
draw_refresh_all(void)
{
	clearok(curscr, TRUE);
}

void
draw_cursor(const struct draw_rect *r, int row, int col)
{
	if (row < 0 || row >= r->h || col < 0 || col >= r->w) {
		draw_cur_y = -1;
		return;
	}
	draw_cur_y = r->y + row;
	draw_cur_x = r->x + col;
}

void
draw_cursor_hide(void)
{
	draw_cur_y = -1;
}

/* -- Text --------------------------------------------------------------- */

void
draw_fill(const struct draw_rect *r, int row, int col, int n,
    enum draw_style st)
{
	if (row < 0 || row >= r->h || col >= r->w || n <= 0)
		return;
	if (col < 0) {
		n += col;
		col = 0;
	}
	if (n > r->w - col)
		n = r->w - col;
	draw_style(st);
	mvhline(r->y + row, r->x + col, ' ', n);
}

void
draw_clear(const struct draw_rect *r, enum draw_style st)
{
	int i;

	for (i = 0; i < r->h; i++)
		draw_fill(r, i, 0, r->w, st);
}

int
draw_textn(const struct draw_rect *r, int row, int col, const char *s,
    size_t len, enum draw_style st)
{
	wchar_t wbuf[DRAW_CHUNK];
	int avail, used = 0, x, w, n = 0;
	uint32_t cp;
	size_t k;

	if (row < 0 || row >= r->h || col < 0 || col >= r->w)
		return 0;
	avail = r->w - col;
	x = r->x + col;
	draw_style(st);

	while (len > 0) {
		k = text_utf8_decode(s, len, &cp);
		if (k == 0) {
			cp = 0xfffd;
			k = 1;
		}
		s += k;
		len -= k;
		/* A control character must never reach the terminal. */
		if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			continue;
		w = text_cp_width(cp);
		if (used + w > avail)
			break;
		if (n == DRAW_CHUNK) {
			mvaddnwstr(r->y + row, x, wbuf, n);
			x = r->x + col + used;
			n = 0;
		}
		wbuf[n++] = (wchar_t) cp;
		used += w;
	}
	if (n > 0)
		mvaddnwstr(r->y + row, x, wbuf, n);
	return used;
}

int
draw_text(const struct draw_rect *r, int row, int col, const char *s,
    enum draw_style st)
{
	return draw_textn(r, row, col, s, strlen(s), st);
}

void
draw_line(const struct draw_rect *r, int row, const char *s,
    enum draw_style st)
{
	draw_fill(r, row, 0, r->w, st);
	draw_text(r, row, 0, s, st);
}

size_t
draw_wrap_next(const char *s, size_t cols)
{
	size_t n = strcspn(s, "\n");
	size_t fit = text_fit(s, cols), i;

	if (fit >= n)
		return n;
	if (fit > 0 && s[fit] == ' ')
		return fit + 1;		/* the space ends the row unseen */
	/* In the middle of a word (English), break after the last space
	 * instead: Chinese has no spaces and breaks anywhere. */
	if (fit > 0 && s[fit] != ' ' && s[fit - 1] != ' ')
		for (i = fit - 1; i > 0; i--)
			if (s[i] == ' ')
				return i + 1;
	/* Always take one character, even one wider than the row. */
	if (fit == 0 && n > 0) {
		uint32_t cp;

		fit = text_utf8_decode(s, n, &cp);
		if (fit == 0)
			fit = 1;
	}
	return fit;
}

int
draw_wrap_rows(const char *s, int cols)
{
	int rows = 0;
	size_t n;

	if (cols < 1)
		return 0;
	do {
		n = draw_wrap_next(s, (size_t) cols);
		s += n;
		rows++;
		if (*s == '\n')
			s++;
		else if (*s == '\0')
			break;
	} while (*s != '\0' || s[-1] == '\n');
	return rows;
}

int
draw_wrap(const struct draw_rect *r, int row, const char *s,
    enum draw_style st)
{
	int rows = 0;
	size_t n;

	do {
		n = draw_wrap_next(s, (size_t) r->w);
		draw_textn(r, row + rows, 0, s, n, st);
		s += n;
		rows++;
		if (*s == '\n')
			s++;
		else if (*s == '\0')
			break;
	} while (*s != '\0' || s[-1] == '\n');
	return rows;
}

/* -- Lines and frames --------------------------------------------------- */

enum draw_rule { RULE_H, RULE_V, RULE_UL, RULE_UR, RULE_LL, RULE_LR };

/*
 * The line-drawing characters.  In a UTF-8 locale curses writes them as
 * Unicode; in GB18030 it switches to the terminal's alternate character
 * set, which luit (the usual way to a GB18030 terminal) does not pass
 * on, so frames came out as "lqqk"; and the box-drawing characters of
 * GB18030 itself are two columns wide there.  So GB18030 gets ASCII.
 */
static const cchar_t *
draw_rule(enum draw_rule which)
{
	static const wchar_t ascii[] = L"-|++++";
	static cchar_t cc[6];
	wchar_t wc[2] = { ascii[which], L'\0' };

	if (!i18n_is_gb18030()) {
		switch (which) {
		case RULE_H:	return WACS_HLINE;
		case RULE_V:	return WACS_VLINE;
		case RULE_UL:	return WACS_ULCORNER;
		case RULE_UR:	return WACS_URCORNER;
		case RULE_LL:	return WACS_LLCORNER;
		default:	return WACS_LRCORNER;
		}
	}
	setcchar(&cc[which], wc, 0, 0, NULL);
	return &cc[which];
}

void
draw_hline(const struct draw_rect *r, int row)
{
	if (row < 0 || row >= r->h || r->w <= 0)
		return;
	draw_style(DRAW_FRAME);
	mvhline_set(r->y + row, r->x, draw_rule(RULE_H), r->w);
}

void
draw_frame(const struct draw_rect *r, const char *title, enum draw_style st)
{
	int y2 = r->y + r->h - 1, x2 = r->x + r->w - 1;

	if (r->h < 2 || r->w < 2)
		return;
	draw_style(st);
	mvhline_set(r->y, r->x + 1, draw_rule(RULE_H), r->w - 2);
	mvhline_set(y2, r->x + 1, draw_rule(RULE_H), r->w - 2);
	mvvline_set(r->y + 1, r->x, draw_rule(RULE_V), r->h - 2);
	mvvline_set(r->y + 1, x2, draw_rule(RULE_V), r->h - 2);
	mvadd_wch(r->y, r->x, draw_rule(RULE_UL));
	mvadd_wch(r->y, x2, draw_rule(RULE_UR));
	mvadd_wch(y2, r->x, draw_rule(RULE_LL));
	mvadd_wch(y2, x2, draw_rule(RULE_LR));

	if (title != NULL && *title != '\0' && r->w > 6) {
		struct draw_rect top = { r->y, r->x + 2, 1, r->w - 4 };
		int used;

		draw_fill(&top, 0, 0, 1, st);
		used = draw_text(&top, 0, 1, title, st);
		if (used + 1 < top.w)
			draw_fill(&top, 0, used + 1, 1, st);
	}
}

void
draw_title(const char *left, const char *right)
{
	struct draw_rect bar = { 0, 0, 1, COLS };
	int rw;

	draw_fill(&bar, 0, 0, COLS, DRAW_TITLE);
	if (right != NULL) {
		rw = (int) text_width(right);
		if (rw < COLS - 2)
			draw_text(&bar, 0, COLS - rw - 1, right, DRAW_TITLE);
		bar.w = COLS - rw - 2;
	}
	if (left != NULL && bar.w > 1)
		draw_text(&bar, 0, 1, left, DRAW_TITLE);
}
