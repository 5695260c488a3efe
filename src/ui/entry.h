/*
 * entry.h -- a screen of a few labelled inputs: the login, the password
 * change, and the administrators' small forms (a new account, a
 * department, roles, the policy).
 *
 * Where formview.h fills in a document form read from the forms folder,
 * an entry screen is built in code: text fields, secret fields (never
 * echoed, wiped), choices (Left, Right or Space) and on/off switches
 * (Space).  Each input can show a message next to it (why it was
 * refused), a note (what is allowed) and a hint on the bottom row while
 * it has the focus.
 *
 * HOW AN ENTRY SCREEN IS WRITTEN.  Embed struct entry first, give it
 * screen ops whose tables end with entry_commands (and entry_save_commands
 * when F2 and Enter on the last input should call SUBMIT), and whose
 * draw, input and unsaved are entry_draw, entry_input and entry_unsaved:
 *
 *	struct dept_add { struct entry entry; ... };
 *	static const struct command_row *const dept_add_tables[] = {
 *		entry_save_commands, entry_commands, NULL
 *	};
 *	static const struct ui_screen_ops dept_add_ops = {
 *		"dept-add", UI_SCREEN_TEXT, dept_add_tables, entry_draw,
 *		entry_input, NULL, entry_unsaved, dept_add_close
 *	};
 *	entry_init(&d->entry, &dept_add_ops, _("New department"),
 *	    dept_add_submit);
 *	d->name = entry_add_text(&d->entry, _("Name"), 0, 40, NULL);
 *
 * Everything but entry_draw() works without a terminal and is tested in
 * tests/ui/test_entry.c.  Must not call curses.
 */
#ifndef ESEAL_UI_ENTRY_H
#define ESEAL_UI_ENTRY_H

#include <stddef.h>

#include "ui/command.h"
#include "ui/field.h"
#include "ui/loop.h"

enum entry_kind {
	ENTRY_TEXT,		/* one line of text */
	ENTRY_SECRET,		/* a password: never shown, wiped */
	ENTRY_CHOICE,		/* one of a few labels */
	ENTRY_FLAG		/* on or off */
};

struct entry_item {
	enum entry_kind	 kind;
	char		*label;
	char		*note;		/* right of the input */
	char		*hint;		/* bottom row, when focused */
	struct field	 edit;		/* the text; and for every
					 * kind its message (error) */
	char		**choices;	/* ENTRY_CHOICE: labels, copied */
	size_t		 nchoices;
	size_t		 choice;	/* ENTRY_CHOICE: the index */
	int		 on;		/* ENTRY_FLAG */
	int		 changed;	/* choice or flag changed */
	int		 width;		/* columns of the input */
	int		 y, h;		/* layout: content rows */
};

struct entry {
	struct ui_screen	 screen;	/* first: it is a screen */
	char			*title;
	char			*intro;		/* above the inputs */
	char			*notes;		/* below the inputs */
	struct entry_item	*items;
	size_t			 n;
	size_t			 focus;
	int			 top;		/* first row shown */
	int			(*submit)(struct entry *e);
};

/* Set up E as a screen with OPS titled TITLE (copied).  SUBMIT is what
 * F2, and Enter on the last input, do (entry_save_commands); it returns
 * UI_DRAW_* like a command handler.  May be NULL. */
void entry_init(struct entry *e, const struct ui_screen_ops *ops,
    const char *title, int (*submit)(struct entry *e));

/* Free what E holds (not E), wiping every field. */
void entry_free(struct entry *e);

/* Add an input; each returns its index.  LABEL is copied.  A text input
 * holds at most MAX_CHARS characters (0: no limit) and starts with
 * INITIAL (may be NULL); SECRET non-zero makes it a password input.  A
 * choice starts at INITIAL (an index into the N labels, copied). */
size_t entry_add_text(struct entry *e, const char *label, int secret,
    size_t max_chars, const char *initial);
size_t entry_add_choice(struct entry *e, const char *label,
    const char *const *choices, size_t n, size_t initial);
size_t entry_add_flag(struct entry *e, const char *label, int on);

/* The text above and below the inputs (copied; NULL for none). */
void entry_set_intro(struct entry *e, const char *text);
void entry_set_notes(struct entry *e, const char *text);

/* Input I's note (right of it), hint (bottom row) and width. */
void entry_set_note(struct entry *e, size_t i, const char *text);
void entry_set_hint(struct entry *e, size_t i, const char *text);
void entry_set_width(struct entry *e, size_t i, int cols);

/* What input I holds. */
const char *entry_text(const struct entry *e, size_t i);
size_t entry_choice(const struct entry *e, size_t i);
int entry_flag(const struct entry *e, size_t i);

/* Show MSG (NULL: nothing) next to input I; entry_fail() also moves the
 * focus there.  entry_clear_errors() removes every message. */
void entry_set_error(struct entry *e, size_t i, const char *msg);
void entry_fail(struct entry *e, size_t i, const char *msg);
void entry_clear_errors(struct entry *e);

/* Empty text input I (a secret is wiped). */
void entry_clear(struct entry *e, size_t i);

/* Move the focus to input I. */
void entry_focus(struct entry *e, size_t i);

/* Non-zero when an input was changed since it was added. */
int entry_changed(const struct entry *e);

/* The commands of every entry screen (moving between inputs, editing),
 * and F2 / Enter leading to SUBMIT. */
extern const struct command_row entry_commands[];
extern const struct command_row entry_save_commands[];

/* Screen ops for entry screens. */
void entry_draw(struct ui_screen *s);
int entry_input(struct ui_screen *s, int key);
int entry_unsaved(struct ui_screen *s);

#endif
