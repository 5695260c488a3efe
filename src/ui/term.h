/*
 * term.h -- starting and stopping curses, and the signals that end the
 * program.  No drawing here (draw.h) and no key reading (loop.c).
 */
#ifndef ESEAL_UI_TERM_H
#define ESEAL_UI_TERM_H

#include "util/util.h"

/*
 * Take over the terminal: curses in raw mode with keypad keys, colour
 * when the terminal has it and NO_COLOR is not set, and a die() hook
 * that gives the terminal back before any fatal message.  Returns
 * STATUS_UNSUPPORTED when standard input or output is not a terminal or
 * TERM names none curses knows.
 */
enum status term_start(void);

/* Give the terminal back.  Safe to call twice, and from die(). */
void term_stop(void);

/* Non-zero when standard input and output are a terminal curses can
 * drive (what --check-tty reports). */
int term_usable(void);

/* The number of a terminating signal (SIGTERM, SIGHUP, SIGINT) that
 * arrived, or 0.  The handler only records it; the loop acts on it. */
int term_signal(void);

/* Non-zero when the terminal's size is not the one curses knows, which
 * is then corrected: two resizes close together can leave curses with
 * the first size (the loop asks after every key and every second). */
int term_size_changed(void);

/* Give the terminal to another program for a while (an editor), and
 * take it back as it was; the next paint draws everything again. */
void term_suspend(void);
void term_resume(void);

#endif
