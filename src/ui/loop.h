/*
 * loop.h -- screens, the screen stack and the one input loop.
 *
 * HOW A SCREEN IS WRITTEN.  A screen is a struct whose first member is
 * a struct ui_screen, plus a static struct ui_screen_ops saying how to
 * draw it and which command tables (command.h) it offers:
 *
 *	struct inbox {
 *		struct list	 list;		(a list screen: list.h)
 *		...
 *	};
 *	static const struct command_row inbox_commands[] = {
 *		{ CMD_OPEN, inbox_open_doc, ACT_DOC_READ, CMD_NEEDS_SELECTION,
 *		  0, CMD_BOTTOM },
 *		{ CMD_NONE }
 *	};
 *
 * The loop owns the terminal's input: it reads a key, gives it to the
 * top screen (ops->input first, then the command tables, see
 * command_dispatch()), and repaints once with what the handler
 * returned.  A handler never paints and never reads keys itself; it
 * changes its state and returns UI_DRAW_* flags.  Dialogs (dialog.h)
 * are screens too; loop_modal() runs the same loop until the dialog
 * calls loop_finish(), so a handler can simply write
 *
 *	if (dialog_confirm(_("Seal"), summary, _("Seal"), 1) == 1)
 *		st = ... the core call ...;
 *
 * Keys reach screens as ints: a Unicode code point for a typed
 * character (a Chinese input method's text arrives as several), or one
 * of the UI_KEY_* values below.  No screen sees a curses key code, and
 * terminal resizes never reach a screen: the loop repaints everything.
 */
#ifndef ESEAL_UI_LOOP_H
#define ESEAL_UI_LOOP_H

#include <stddef.h>

/* Keys that are not characters, above the Unicode range.  Control
 * characters arrive as themselves: UI_KEY_CTRL('l') is Ctrl-L. */
enum ui_key {
	UI_KEY_BASE = 0x110000,
	UI_KEY_ENTER, UI_KEY_ESC, UI_KEY_TAB, UI_KEY_BTAB,
	UI_KEY_UP, UI_KEY_DOWN, UI_KEY_LEFT, UI_KEY_RIGHT,
	UI_KEY_HOME, UI_KEY_END, UI_KEY_PGUP, UI_KEY_PGDN,
	UI_KEY_BACKSPACE, UI_KEY_DELETE, UI_KEY_INSERT,
	UI_KEY_F0			/* UI_KEY_F(1) .. UI_KEY_F(12) follow */
};
#define UI_KEY_F(n)	(UI_KEY_F0 + (n))
#define UI_KEY_CTRL(c)	((c) & 0x1f)

/* Non-zero when KEY is a printable character (text, not a command). */
#define UI_KEY_IS_TEXT(key)	((key) >= 0x20 && (key) < UI_KEY_BASE && \
				 (key) != 0x7f)

/* What a handler asks the loop to repaint.  Bits; UI_PASS means "not
 * mine": the key goes on to the next command table. */
enum ui_draw {
	UI_DRAW_NONE = 0,	/* nothing on screen changed */
	UI_DRAW_STATUS = 1,	/* the message line and the keys line */
	UI_DRAW_SCREEN = 2,	/* the top screen, and the bottom lines */
	UI_DRAW_ALL = 4,	/* every screen of the stack, from scratch */
	UI_PASS = 8
};

/* Screen flags. */
#define UI_SCREEN_TEXT		1	/* typed characters are text here:
					 * they go to ops->input, never to
					 * commands */
#define UI_SCREEN_OVERLAY	2	/* a dialog: the screen below stays
					 * visible around it */
#define UI_SCREEN_BUSY		4	/* work in progress: only the
					 * screen's own commands, no help,
					 * back or quit */

struct ui_screen;
struct command_row;
struct command_context;

struct ui_screen_ops {
	const char	*name;		/* English, for the log */
	unsigned	 flags;		/* UI_SCREEN_* */

	/* This screen's command tables, searched in order before the
	 * global one (help, quit, back, redraw); NULL-terminated. */
	const struct command_row *const *tables;

	/* Paint the whole screen (the body, and the title bar unless it
	 * is an overlay).  Required. */
	void		(*draw)(struct ui_screen *s);

	/* Keys before the command tables (typed text); returns UI_PASS
	 * for keys it does not take.  May be NULL. */
	int		(*input)(struct ui_screen *s, int key);

	/* What the commands' preconditions look at: the selection, tagged
	 * rows, the document's state.  May be NULL (nothing selected). */
	void		(*context)(struct ui_screen *s,
			    struct command_context *ctx);

	/* Non-zero while the screen holds work that would be lost
	 * (F10 and Esc ask first).  May be NULL. */
	int		(*unsaved)(struct ui_screen *s);

	/* Free the screen (it was popped).  Required. */
	void		(*close)(struct ui_screen *s);
};

struct ui_screen {
	const struct ui_screen_ops *ops;
	struct ui_screen	*below;		/* the stack; the loop's */
	/* The keys line's word for command CMD (enum command) on this
	 * screen, or NULL for the command's own; NULL to use them all.
	 * A confirmation names its answers as its buttons do. */
	const char		*(*label)(struct ui_screen *s, int cmd);
};

/* Put S on top of the stack; the loop owns it from now on and frees it
 * through ops->close when it is popped. */
void loop_push(struct ui_screen *s);

/* Close the top screen (Esc, q).  Closing the last one ends loop_run. */
void loop_pop(void);

/* The top screen, or NULL. */
struct ui_screen *loop_top(void);

/* Run until the stack is empty or loop_quit(); returns 0, or the
 * number of the signal that ended it.  May be called again afterwards
 * (after a logout, with the login screen pushed anew). */
int loop_run(void);

/* Push S and run the loop until S calls loop_finish(); returns the
 * result it gave, or -1 when the program is quitting.  S has been
 * freed by then. */
int loop_modal(struct ui_screen *s);

/* Run the loop until S, a screen already on the stack, is closed, like
 * loop_modal() (for a screen that an opener pushed: the caller acts once
 * it is gone).  Returns what loop_modal() would. */
int loop_wait(struct ui_screen *s);

/* Close the top screen; if a loop_modal() is waiting for it, that call
 * returns RESULT. */
void loop_finish(int result);

/* End the program after this key: every screen is closed, unsaved work
 * is not asked about (the quit command asks before calling this). */
void loop_quit(void);

/* Non-zero once loop_quit() was called or a terminating signal came:
 * long work should stop. */
int loop_is_quitting(void);

/* Non-zero when a screen on the stack holds unsaved work. */
int loop_unsaved(void);

/* Show a message on the message line until the next key; loop_error()
 * shows it as an error.  Text is already translated. */
void loop_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void loop_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Ask for a repaint outside a handler (UI_DRAW_* bits), and paint what
 * is pending now: for long work that shows progress (dialog.h). */
void loop_redraw(int what);
void loop_paint(void);

/* A key if one is waiting, else 0; never blocks.  For long work that
 * can be cancelled.  Resizes are handled inside. */
int loop_poll(void);

/* Call HOOK after SECONDS without a key (the idle lock: 10 minutes, 5 on
 * a classified machine); 0 turns it off.  Idle time is counted on the
 * monotonic clock, so setting the wall clock back cannot defer it. */
void loop_set_idle(unsigned seconds, void (*hook)(void));

/* Call HOOK with every key before the top screen gets it; when it
 * returns non-zero the key is swallowed (the session found itself idle
 * and locked: that key must not act on the work).  NULL removes it. */
void loop_set_key_hook(int (*hook)(int key));

#endif
