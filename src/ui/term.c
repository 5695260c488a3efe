/*
 * term.c -- taking the terminal over and giving it back.
 *
 * One of the three files that call curses.  Signal handlers here only
 * record the signal: curses is not async-signal-safe, so the loop
 * notices the flag and ends the program through the normal path.
 * Window resizes are left to curses' own SIGWINCH handling, which turns
 * them into KEY_RESIZE for the loop.  Must not draw.
 */
#include <config.h>

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ui/draw.h"
#include "ui/term.h"

#define TERM_ESCDELAY_MS	50	/* Esc alone, not the start of a key */

static SCREEN *term_screen;
static volatile sig_atomic_t term_caught;

static void
term_on_signal(int sig)
{
	term_caught = sig;
}

static void
term_catch_signals(void)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGINT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = term_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: the key read returns */
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaction(sigs[i], &sa, NULL);
}

int
term_usable(void)
{
	const char *t = getenv("TERM");

	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) &&
	    t != NULL && *t != '\0' && strcmp(t, "dumb") != 0;
}

static int
term_want_colour(void)
{
	const char *no = getenv("NO_COLOR");

	return has_colors() && (no == NULL || *no == '\0') && COLORS >= 8;
}

enum status
term_start(void)
{
	int colour;

	if (!term_usable())
		return STATUS_UNSUPPORTED;
	term_screen = newterm(NULL, stdout, stdin);
	if (term_screen == NULL)
		return STATUS_UNSUPPORTED;
	set_term(term_screen);
	die_set_hook(term_stop);

	/* Raw: Ctrl-C, Ctrl-Z and Ctrl-S are keys, not signals or flow
	 * control, so a stray one never loses a clerk's work. */
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(TERM_ESCDELAY_MS);

	colour = term_want_colour();
	if (colour) {
		start_color();
		use_default_colors();
	}
	draw_styles_init(colour);
	curs_set(0);
	term_catch_signals();
	log_info("curses started: %dx%d, %s", COLS, LINES,
	    colour ? "colour" : "monochrome");
	return STATUS_OK;
}

void
term_stop(void)
{
	if (term_screen == NULL)
		return;
	endwin();
	delscreen(term_screen);
	term_screen = NULL;
	die_set_hook(NULL);
}

int
term_signal(void)
{
	return (int) term_caught;
}

int
term_size_changed(void)
{
	struct winsize ws;

	if (term_screen == NULL || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 ||
	    ws.ws_row == 0 || ws.ws_col == 0)
		return 0;
	if (ws.ws_row == LINES && ws.ws_col == COLS)
		return 0;
	log_debug("size %dx%d missed; now %ux%u", COLS, LINES,
	    (unsigned) ws.ws_col, (unsigned) ws.ws_row);
	resizeterm(ws.ws_row, ws.ws_col);
	return 1;
}

void
term_suspend(void)
{
	if (term_screen == NULL)
		return;
	def_prog_mode();
	endwin();
}

void
term_resume(void)
{
	if (term_screen == NULL)
		return;
	reset_prog_mode();
	clearok(curscr, TRUE);
	doupdate();
}
