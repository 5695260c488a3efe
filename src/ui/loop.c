/*
 * loop.c -- the one input loop: it alone reads keys (wgetch), keeps
 * the screen stack, and repaints once per key with what the handler
 * asked for.
 *
 * One of the three files that call curses.  KEY_RESIZE is handled here
 * and nowhere else: every screen is simply painted again at the new
 * size.  Terminating signals are noticed here too (term.c only records
 * them).  Modal dialogs re-enter loop_frame_run(), the same loop, with
 * a frame that ends when their screen is popped.
 */
#include <config.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/command.h"
#include "ui/keybytes.h"
#include "ui/loop.h"
#include "ui/term.h"
#include "util/util.h"

#define LOOP_TICK_MS	1000	/* how often idle time is looked at */
#define LOOP_RESIZE	(-2)	/* internal: the terminal changed size */
#define LOOP_MB_MS	100	/* a character's next byte, at most */

/* One running loop: loop_run()'s, or a loop_modal()'s waiting for its
 * screen to be popped. */
struct loop_frame {
	struct ui_screen	*screen;	/* NULL for loop_run() */
	int			 done;
	int			 result;
	struct loop_frame	*outer;
};

static struct {
	struct ui_screen	*top;
	struct loop_frame	*frame;
	int			 quitting;
	int			 redraw;		/* UI_DRAW_* pending */
	char			 message[512];
	int			 message_error;
	unsigned		 idle_seconds;
	void			(*idle_hook)(void);
	int			(*key_hook)(int key);
	time_t			 last_key;		/* monotonic seconds */
	struct keybytes		 kb;		/* a character's first bytes */
} loop;

static time_t
loop_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* -- The stack ---------------------------------------------------------- */

void
loop_push(struct ui_screen *s)
{
	s->below = loop.top;
	loop.top = s;
	loop.redraw |= UI_DRAW_ALL;
	log_debug("screen %s opened", s->ops->name);
}

/* Pop the top screen; a modal frame waiting for it ends with RESULT. */
static void
loop_pop_result(int result)
{
	struct ui_screen *s = loop.top;
	struct loop_frame *fr;

	if (s == NULL)
		return;
	for (fr = loop.frame; fr != NULL; fr = fr->outer)
		if (fr->screen == s) {
			fr->done = 1;
			fr->result = result;
			fr->screen = NULL;
		}
	loop.top = s->below;
	loop.redraw |= UI_DRAW_ALL;
	log_debug("screen %s closed", s->ops->name);
	s->ops->close(s);
}

void
loop_pop(void)
{
	loop_pop_result(-1);
}

void
loop_finish(int result)
{
	loop_pop_result(result);
}

struct ui_screen *
loop_top(void)
{
	return loop.top;
}

void
loop_quit(void)
{
	loop.quitting = 1;
}

int
loop_is_quitting(void)
{
	return loop.quitting;
}

int
loop_unsaved(void)
{
	struct ui_screen *s;

	for (s = loop.top; s != NULL; s = s->below)
		if (s->ops->unsaved != NULL && s->ops->unsaved(s))
			return 1;
	return 0;
}

/* -- Messages ----------------------------------------------------------- */

static void
loop_set_message(int error, const char *fmt, va_list ap)
{
	char raw[sizeof loop.message], *clean;

	vsnprintf(raw, sizeof raw, fmt, ap);
	/* Messages may quote a title or a name: sanitize all of them. */
	clean = text_sanitize(raw, strlen(raw), 0);
	snprintf(loop.message, sizeof loop.message, "%s", clean);
	free(clean);
	loop.message_error = error;
	loop.redraw |= UI_DRAW_STATUS;
}

void
loop_message(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	loop_set_message(0, fmt, ap);
	va_end(ap);
}

void
loop_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	loop_set_message(1, fmt, ap);
	va_end(ap);
}

/* -- Painting ----------------------------------------------------------- */

/* Paint S and, when S is a dialog, what shows around it first. */
static void
loop_paint_stack(struct ui_screen *s)
{
	if ((s->ops->flags & UI_SCREEN_OVERLAY) && s->below != NULL)
		loop_paint_stack(s->below);
	draw_cursor_hide();
	s->ops->draw(s);
}

static void
loop_paint_bottom(void)
{
	struct draw_rect msg = { LINES - 2, 0, 1, COLS };
	struct draw_rect keys = { LINES - 1, 0, 1, COLS };

	draw_line(&msg, 0, loop.message,
	    loop.message_error ? DRAW_ERROR : DRAW_MESSAGE);
	draw_fill(&keys, 0, 0, COLS, DRAW_NORMAL);
	command_draw_keys(loop.top, &keys, 0);
}

static void
loop_paint_too_small(void)
{
	struct draw_rect all = draw_screen();
	char *msg;

	draw_begin(1);
	draw_cursor_hide();
	msg = xasprintf(_("The window is too small (%d x %d): eseal needs at "
	    "least %d columns and %d lines.  Make it larger."), COLS, LINES,
	    DRAW_MIN_COLS, DRAW_MIN_LINES);
	draw_wrap(&all, 0, msg, DRAW_ERROR);
	free(msg);
	draw_end();
}

void
loop_paint(void)
{
	int what = loop.redraw;

	loop.redraw = 0;
	if (what == 0 || loop.top == NULL)
		return;
	if (draw_too_small()) {
		loop_paint_too_small();
		return;
	}
	if (what & UI_DRAW_ALL) {
		draw_begin(1);
		loop_paint_stack(loop.top);
	} else if (what & UI_DRAW_SCREEN) {
		draw_begin(0);
		draw_cursor_hide();
		loop.top->ops->draw(loop.top);
	}
	loop_paint_bottom();
	draw_end();
}

void
loop_redraw(int what)
{
	loop.redraw |= what & ~UI_PASS;
}

/* -- Keys ---------------------------------------------------------------- */

/* A curses key code as a UI key; 0 for keys nothing uses. */
static int
loop_function_key(wint_t k)
{
	switch (k) {
	case KEY_UP:		return UI_KEY_UP;
	case KEY_DOWN:		return UI_KEY_DOWN;
	case KEY_LEFT:		return UI_KEY_LEFT;
	case KEY_RIGHT:		return UI_KEY_RIGHT;
	case KEY_HOME:		return UI_KEY_HOME;
	case KEY_END:		return UI_KEY_END;
	case KEY_PPAGE:		return UI_KEY_PGUP;
	case KEY_NPAGE:		return UI_KEY_PGDN;
	case KEY_BACKSPACE:	return UI_KEY_BACKSPACE;
	case KEY_DC:		return UI_KEY_DELETE;
	case KEY_IC:		return UI_KEY_INSERT;
	case KEY_BTAB:		return UI_KEY_BTAB;
	case KEY_ENTER:		return UI_KEY_ENTER;
	case KEY_RESIZE:	return LOOP_RESIZE;
	default:
		if (k >= KEY_F(1) && k <= KEY_F(12))
			return UI_KEY_F((int) (k - KEY_F0));
		return 0;
	}
}

/* A character as a UI key: Enter, Tab, Esc and Backspace get names,
 * other control characters stay (Ctrl-L is 12). */
static int
loop_char_key(wint_t c)
{
	switch (c) {
	case '\r':
	case '\n':
		return UI_KEY_ENTER;
	case '\t':
		return UI_KEY_TAB;
	case 0x1b:
		return UI_KEY_ESC;
	case 0x7f:
	case 0x08:
		return UI_KEY_BACKSPACE;
	default:
		return c > 0x10ffff ? 0 : (int) c;
	}
}

/*
 * Read one key, waiting at most TIMEOUT_MS; 0 when none came.  Bytes
 * are read one by one and decoded by keybytes.c rather than by curses'
 * wget_wch(), which loses the rest of a paste after a byte that is no
 * character; here only that byte is dropped.
 */
static int
loop_read_key(int timeout_ms)
{
	wchar_t wc;
	int c;

	for (;;) {
		switch (keybytes_take(&loop.kb, &wc)) {
		case KEYBYTES_CHAR:
			return loop_char_key((wint_t) wc);
		case KEYBYTES_BAD:
			log_debug("dropped a byte that starts no character");
			continue;
		case KEYBYTES_MORE:
			break;
		}
		wtimeout(stdscr, loop.kb.n > 0 ? LOOP_MB_MS : timeout_ms);
		c = wgetch(stdscr);
		if (c == ERR && loop.kb.n == 0)
			return 0;
		if (c == ERR || c >= KEY_MIN) {
			/* The character waiting was never finished. */
			keybytes_drop(&loop.kb);
			if (c >= KEY_MIN)
				return loop_function_key((wint_t) c);
			continue;
		}
		keybytes_push(&loop.kb, (unsigned char) c);
	}
}

static void
loop_check_idle(void)
{
	time_t now = loop_now();

	if (loop.idle_seconds == 0 || loop.idle_hook == NULL)
		return;
	if (now - loop.last_key >= (time_t) loop.idle_seconds) {
		loop.last_key = now;
		log_info("idle for %u seconds", loop.idle_seconds);
		loop.idle_hook();
	}
}

/* Paint, wait for one key and hand it to the top screen. */
static void
loop_step(void)
{
	int key;

	loop_paint();
	key = loop_read_key(LOOP_TICK_MS);
	if (term_signal() != 0) {
		log_info("signal %d: leaving", term_signal());
		loop.quitting = 1;
		return;
	}
	if (key == LOOP_RESIZE) {
		log_debug("resized to %dx%d", COLS, LINES);
		loop.redraw |= UI_DRAW_ALL;
		return;
	}
	if (term_size_changed())
		loop.redraw |= UI_DRAW_ALL;
	if (key == 0) {
		loop_check_idle();
		return;
	}
	loop.last_key = loop_now();
	if (draw_too_small())
		return;	/* nobody can see what a key would do */
	if (loop.message[0] != '\0') {
		loop.message[0] = '\0';
		loop.redraw |= UI_DRAW_STATUS;
	}
	if (loop.key_hook != NULL && loop.key_hook(key))
		return;
	loop.redraw |= command_dispatch(loop.top, key) & ~UI_PASS;
}

static void
loop_frame_run(struct loop_frame *fr)
{
	fr->outer = loop.frame;
	loop.frame = fr;
	while (!fr->done && !loop.quitting && loop.top != NULL)
		loop_step();
	loop.frame = fr->outer;
}

int
loop_run(void)
{
	struct loop_frame fr = { NULL, 0, 0, NULL };

	loop.quitting = 0;	/* a logout ended the previous run */
	loop.last_key = loop_now();
	loop.redraw |= UI_DRAW_ALL;
	loop_frame_run(&fr);
	while (loop.top != NULL)
		loop_pop();
	return term_signal();
}

int
loop_wait(struct ui_screen *s)
{
	struct loop_frame fr = { s, 0, -1, NULL };

	/* The opener may have painted S before it was complete. */
	loop.redraw |= UI_DRAW_ALL;
	loop_frame_run(&fr);
	loop.redraw |= UI_DRAW_ALL;
	return fr.done ? fr.result : -1;
}

int
loop_modal(struct ui_screen *s)
{
	loop_push(s);
	return loop_wait(s);
}

int
loop_poll(void)
{
	int key = loop_read_key(0);

	if (term_signal() != 0)
		loop.quitting = 1;
	if (key == LOOP_RESIZE) {
		loop.redraw |= UI_DRAW_ALL;
		loop_paint();
		return 0;
	}
	if (key != 0)
		loop.last_key = loop_now();
	return key;
}

void
loop_set_key_hook(int (*hook)(int key))
{
	loop.key_hook = hook;
}

void
loop_set_idle(unsigned seconds, void (*hook)(void))
{
	loop.idle_seconds = seconds;
	loop.idle_hook = hook;
	loop.last_key = loop_now();
}
