/*
 * dialog.c -- confirmation, message box, text and password prompts, and
 * progress: small screens drawn in a frame over the screen below.
 *
 * Each dialog is a screen run by loop_modal(), so keys, resizes and
 * painting go through the one loop like everywhere else.  Must not
 * call curses, and must not keep a password anywhere but in its field
 * (which wipes itself) and the caller's result.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/command.h"
#include "ui/dialog.h"
#include "ui/draw.h"
#include "ui/field.h"
#include "ui/loop.h"

#define DIALOG_WIDTH	64	/* columns, when the terminal has them */

/* Blank a centred box of H x W, frame it with TITLE; return its inside,
 * one cell in from the frame on the left and right. */
static struct draw_rect
dialog_box(int h, int w, const char *title)
{
	struct draw_rect box = draw_center(h, w), in;

	draw_clear(&box, DRAW_NORMAL);
	draw_frame(&box, title, DRAW_FRAME);
	in = draw_inset(&box, 1);
	in.x += 1;
	in.w -= 2;
	return in;
}

static int
dialog_width(void)
{
	int w = draw_cols() - 4;

	return w < DIALOG_WIDTH ? w : DIALOG_WIDTH;
}

/* Wrapped TEXT in R, leaving out its first SKIP rows. */
static void
dialog_text(const struct draw_rect *r, const char *text, int skip)
{
	int row = -skip;
	size_t n;

	while (row < r->h) {
		n = draw_wrap_next(text, (size_t) r->w);
		if (row >= 0)
			draw_textn(r, row, 0, text, n, DRAW_NORMAL);
		text += n;
		row++;
		if (*text == '\0')
			break;
		if (*text == '\n')
			text++;
	}
}

/* "[ LABEL ]" at COL of row ROW; returns the columns it took. */
static int
dialog_button(const struct draw_rect *r, int row, int col, const char *label,
    int focused)
{
	char *b = xasprintf("[ %s ]", label);
	int w = draw_text(r, row, col, b,
	    focused ? DRAW_BUTTON_FOCUS : DRAW_BUTTON);

	free(b);
	return w;
}

static void
dialog_close(struct ui_screen *s)
{
	free(s);
}

/* -- Confirmation ------------------------------------------------------ */

struct dialog_confirm {
	struct ui_screen	 screen;
	const char		*title, *summary, *yes;
	int			 focus_yes;
};

static void
dialog_confirm_draw(struct ui_screen *s)
{
	struct dialog_confirm *d = (struct dialog_confirm *) s;
	int w = dialog_width(), rows = draw_wrap_rows(d->summary, w - 4);
	struct draw_rect in = dialog_box(rows + 5, w, d->title), text = in;
	const char *no = _("Cancel");
	int bw, col;

	text.y += 1;
	text.h -= 3;
	dialog_text(&text, d->summary, 0);

	bw = (int) (text_width(d->yes) + text_width(no)) + 11;
	col = bw < in.w ? (in.w - bw) / 2 : 0;
	col += dialog_button(&in, in.h - 1, col, d->yes, d->focus_yes) + 3;
	dialog_button(&in, in.h - 1, col, no, !d->focus_yes);
}

static int
dialog_confirm_yes(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	(void) s;
	loop_finish(1);
	return UI_DRAW_ALL;
}

static int
dialog_confirm_no(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	(void) s;
	loop_finish(0);
	return UI_DRAW_ALL;
}

static int
dialog_confirm_accept(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	loop_finish(((struct dialog_confirm *) s)->focus_yes);
	return UI_DRAW_ALL;
}

static int
dialog_confirm_toggle(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	struct dialog_confirm *d = (struct dialog_confirm *) s;

	d->focus_yes = !d->focus_yes;
	return UI_DRAW_SCREEN;
}

/* y and n on the keys line say what the buttons say ("y Return  n
 * Cancel"), not "Yes" and "No" beside buttons that name neither. */
static const char *
dialog_confirm_label(struct ui_screen *s, int cmd)
{
	struct dialog_confirm *d = (struct dialog_confirm *) s;

	if (cmd == CMD_YES)
		return d->yes;
	return cmd == CMD_NO ? _("Cancel") : NULL;
}

static const struct command_row dialog_confirm_commands[] = {
	{ CMD_YES,	dialog_confirm_yes,	CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_NO,	dialog_confirm_no,	CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_ACCEPT,	dialog_confirm_accept,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_BACK,	dialog_confirm_no,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_LEFT,	dialog_confirm_toggle,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_RIGHT,	dialog_confirm_toggle,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const dialog_confirm_tables[] = {
	dialog_confirm_commands, NULL
};

static const struct ui_screen_ops dialog_confirm_ops = {
	"confirm", UI_SCREEN_OVERLAY, dialog_confirm_tables,
	dialog_confirm_draw, NULL, NULL, NULL, dialog_close
};

int
dialog_confirm(const char *title, const char *summary, const char *yes,
    int default_yes)
{
	struct dialog_confirm *d = xcalloc(1, sizeof *d);

	d->screen.ops = &dialog_confirm_ops;
	d->screen.label = dialog_confirm_label;
	d->title = title;
	d->summary = summary;
	d->yes = yes;
	d->focus_yes = default_yes;
	return loop_modal(&d->screen);
}

/* -- Message box ------------------------------------------------------- */

struct dialog_message {
	struct ui_screen	 screen;
	const char		*title, *text;
	int			 top, rows, shown;
};

static void
dialog_message_draw(struct ui_screen *s)
{
	struct dialog_message *d = (struct dialog_message *) s;
	int w = dialog_width(), h;
	struct draw_rect in, text;

	d->rows = draw_wrap_rows(d->text, w - 4);
	h = d->rows + 5 < draw_lines() - 4 ? d->rows + 5 : draw_lines() - 4;
	in = dialog_box(h, w, d->title);
	text = in;
	text.y += 1;
	text.h -= 3;
	d->shown = text.h;
	if (d->top > d->rows - d->shown)
		d->top = d->rows - d->shown > 0 ? d->rows - d->shown : 0;
	dialog_text(&text, d->text, d->top);
	dialog_button(&in, in.h - 1, (in.w - 6) / 2, _("OK"), 1);
}

static int
dialog_message_close(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	(void) s;
	loop_finish(0);
	return UI_DRAW_ALL;
}

static int
dialog_message_scroll(struct ui_screen *s, int by)
{
	struct dialog_message *d = (struct dialog_message *) s;

	d->top += by;
	if (d->top < 0)
		d->top = 0;
	return UI_DRAW_SCREEN;
}

static int
dialog_message_up(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	return dialog_message_scroll(s, -1);
}

static int
dialog_message_down(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	return dialog_message_scroll(s, 1);
}

static const struct command_row dialog_message_commands[] = {
	{ CMD_ACCEPT,	dialog_message_close,	CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_BACK,	dialog_message_close,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_UP,	dialog_message_up,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_DOWN,	dialog_message_down,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const dialog_message_tables[] = {
	dialog_message_commands, NULL
};

static const struct ui_screen_ops dialog_message_ops = {
	"message", UI_SCREEN_OVERLAY, dialog_message_tables,
	dialog_message_draw, NULL, NULL, NULL, dialog_close
};

void
dialog_message(const char *title, const char *text)
{
	struct dialog_message *d = xcalloc(1, sizeof *d);

	d->screen.ops = &dialog_message_ops;
	d->title = title;
	d->text = text;
	loop_modal(&d->screen);
}

/* -- Prompts ----------------------------------------------------------- */

struct dialog_prompt {
	struct ui_screen	 screen;
	const char		*title, *label;
	struct field		 field;
	char			**out;
};

static void
dialog_prompt_draw(struct ui_screen *s)
{
	struct dialog_prompt *d = (struct dialog_prompt *) s;
	struct draw_rect in = dialog_box(6, dialog_width(), d->title);

	draw_text(&in, 0, 0, d->label, DRAW_LABEL);
	field_resize(&d->field, in.w, 1);
	field_draw(&d->field, &in, 2, 0, 1);
}

static int
dialog_prompt_input(struct ui_screen *s, int key)
{
	struct dialog_prompt *d = (struct dialog_prompt *) s;

	if (!UI_KEY_IS_TEXT(key))
		return UI_PASS;
	if (field_insert(&d->field, (uint32_t) key) == FIELD_FULL_CHARS)
		loop_error(_("No more characters fit here."));
	return UI_DRAW_SCREEN;
}

static int
dialog_prompt_accept(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	struct dialog_prompt *d = (struct dialog_prompt *) s;

	*d->out = xstrdup(field_text(&d->field));
	loop_finish(1);
	return UI_DRAW_ALL;
}

static int
dialog_prompt_cancel(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	(void) s;
	loop_finish(0);
	return UI_DRAW_ALL;
}

/* The editing commands of a one-line prompt. */
static int
dialog_prompt_edit(struct ui_screen *s, enum command cmd)
{
	struct field *f = &((struct dialog_prompt *) s)->field;

	switch (cmd) {
	case CMD_LEFT:		field_left(f); break;
	case CMD_RIGHT:		field_right(f); break;
	case CMD_HOME:		field_home(f); break;
	case CMD_END:		field_end(f); break;
	case CMD_BACKSPACE:	field_backspace(f); break;
	case CMD_DELETE:	field_delete(f); break;
	default:		break;
	}
	return UI_DRAW_SCREEN;
}

static const struct command_row dialog_prompt_commands[] = {
	{ CMD_ACCEPT,	 dialog_prompt_accept, CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_BACK,	 dialog_prompt_cancel, CMD_ANYONE, 0, 0, 0 },
	{ CMD_LEFT,	 dialog_prompt_edit,   CMD_ANYONE, 0, 0, 0 },
	{ CMD_RIGHT,	 dialog_prompt_edit,   CMD_ANYONE, 0, 0, 0 },
	{ CMD_HOME,	 dialog_prompt_edit,   CMD_ANYONE, 0, 0, 0 },
	{ CMD_END,	 dialog_prompt_edit,   CMD_ANYONE, 0, 0, 0 },
	{ CMD_BACKSPACE, dialog_prompt_edit,   CMD_ANYONE, 0, 0, 0 },
	{ CMD_DELETE,	 dialog_prompt_edit,   CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const dialog_prompt_tables[] = {
	dialog_prompt_commands, NULL
};

static void
dialog_prompt_close(struct ui_screen *s)
{
	struct dialog_prompt *d = (struct dialog_prompt *) s;

	field_free(&d->field);
	free(d);
}

static const struct ui_screen_ops dialog_prompt_ops = {
	"prompt", UI_SCREEN_OVERLAY | UI_SCREEN_TEXT, dialog_prompt_tables,
	dialog_prompt_draw, dialog_prompt_input, NULL, NULL, dialog_prompt_close
};

static enum status
dialog_prompt_run(const char *title, const char *label, const char *initial,
    size_t max_chars, unsigned flags, char **out)
{
	struct dialog_prompt *d = xcalloc(1, sizeof *d);

	*out = NULL;
	d->screen.ops = &dialog_prompt_ops;
	d->title = title;
	d->label = label;
	d->out = out;
	field_init(&d->field, flags, dialog_width() - 4, 1, max_chars, 0);
	if (initial != NULL)
		field_set_text(&d->field, initial);
	return loop_modal(&d->screen) == 1 ? STATUS_OK : STATUS_CANCELLED;
}

enum status
dialog_prompt(const char *title, const char *label, const char *initial,
    size_t max_chars, char **out)
{
	return dialog_prompt_run(title, label, initial, max_chars, 0, out);
}

enum status
dialog_password(const char *title, const char *label, char **out)
{
	return dialog_prompt_run(title, label, NULL, 0, FIELD_SECRET, out);
}

/* -- Progress ------------------------------------------------------------ */

struct dialog_progress {
	struct ui_screen	 screen;
	char			*title;
	char			*what;
	unsigned long		 done, total;
	int			 can_cancel;
	int			 stopped;
};

static void
dialog_progress_draw(struct ui_screen *s)
{
	struct dialog_progress *p = (struct dialog_progress *) s;
	struct draw_rect in = dialog_box(7, dialog_width(), p->title);
	int filled = 0;
	char *count;

	if (p->total > 0)
		filled = (int) ((double) in.w * (double) p->done /
		    (double) p->total);
	draw_text(&in, 0, 0, p->what != NULL ? p->what : "", DRAW_NORMAL);
	draw_fill(&in, 2, 0, in.w, DRAW_FIELD);
	draw_fill(&in, 2, 0, filled, DRAW_BAR);
	count = xasprintf(_("%lu of %lu"), p->done, p->total);
	draw_text(&in, 3, 0, count, DRAW_HINT);
	free(count);
}

static int
dialog_progress_stop(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	struct dialog_progress *p = (struct dialog_progress *) s;

	if (dialog_confirm(_("Stop"), _("Stop the work in progress?"),
	    _("Stop"), 0) == 1)
		p->stopped = 1;
	return UI_DRAW_ALL;
}

static const struct command_row dialog_progress_commands[] = {
	{ CMD_CANCEL,	dialog_progress_stop,	CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const dialog_progress_tables[] = {
	dialog_progress_commands, NULL
};

static const struct command_row *const dialog_progress_no_tables[] = {
	NULL
};

static void
dialog_progress_free(struct ui_screen *s)
{
	struct dialog_progress *p = (struct dialog_progress *) s;

	free(p->title);
	free(p->what);
	free(p);
}

static const struct ui_screen_ops dialog_progress_ops = {
	"progress", UI_SCREEN_OVERLAY | UI_SCREEN_BUSY, dialog_progress_tables,
	dialog_progress_draw, NULL, NULL, NULL, dialog_progress_free
};

static const struct ui_screen_ops dialog_progress_fixed_ops = {
	"progress", UI_SCREEN_OVERLAY | UI_SCREEN_BUSY,
	dialog_progress_no_tables, dialog_progress_draw, NULL, NULL, NULL,
	dialog_progress_free
};

struct dialog_progress *
dialog_progress_open(const char *title, int can_cancel)
{
	struct dialog_progress *p = xcalloc(1, sizeof *p);

	p->screen.ops = can_cancel ? &dialog_progress_ops :
	    &dialog_progress_fixed_ops;
	p->title = xstrdup(title);
	p->can_cancel = can_cancel;
	loop_push(&p->screen);
	loop_paint();
	return p;
}

enum status
dialog_progress_update(struct dialog_progress *p, unsigned long done,
    unsigned long total, const char *what)
{
	int key;

	p->done = done;
	p->total = total;
	if (what != NULL && (p->what == NULL || strcmp(what, p->what) != 0)) {
		free(p->what);
		p->what = text_sanitize(what, strlen(what), 0);
	}
	loop_redraw(UI_DRAW_SCREEN);

	/* Keys typed meanwhile: only the cancel key means anything. */
	while (!loop_is_quitting() && (key = loop_poll()) != 0)
		if (command_resolve(&p->screen, key) != NULL)
			loop_redraw(command_dispatch(&p->screen, key));
	loop_paint();
	return p->stopped || loop_is_quitting() ? STATUS_CANCELLED : STATUS_OK;
}

void
dialog_progress_close(struct dialog_progress *p)
{
	if (loop_top() == &p->screen)
		loop_pop();
	else
		log_error("progress dialog closed while not on top");
}
