/*
 * entry.c -- screens of a few labelled inputs built in code: labels on
 * the left, the inputs to their right, each input's message next to it
 * (or wrapped under it when it is long), an optional text above and
 * below, and the focused input's hint on the bottom row of the body.
 *
 * Must not call curses (painting goes through draw.h and field.h) and
 * must not keep a copy of a secret input's text anywhere but its field,
 * which wipes itself.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/dialog.h"
#include "ui/draw.h"
#include "ui/entry.h"

#define ENTRY_LABEL_MAX		38	/* columns of the labels */
#define ENTRY_TEXT_COLS		30	/* a text input, unless set */
#define ENTRY_SECRET_COLS	20	/* a password: nothing shows in it */
#define ENTRY_LABEL_COL		1	/* where labels start */

static char *
entry_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

void
entry_init(struct entry *e, const struct ui_screen_ops *ops,
    const char *title, int (*submit)(struct entry *e))
{
	memset(e, 0, sizeof *e);
	e->screen.ops = ops;
	e->title = xstrdup(title);
	e->submit = submit;
}

void
entry_free(struct entry *e)
{
	size_t i, j;

	for (i = 0; i < e->n; i++) {
		struct entry_item *it = &e->items[i];

		field_free(&it->edit);
		for (j = 0; j < it->nchoices; j++)
			free(it->choices[j]);
		free(it->choices);
		free(it->label);
		free(it->note);
		free(it->hint);
	}
	free(e->items);
	free(e->title);
	free(e->intro);
	free(e->notes);
	memset(e, 0, sizeof *e);
}

/* -- Building ----------------------------------------------------------- */

static struct entry_item *
entry_new_item(struct entry *e, enum entry_kind kind, const char *label)
{
	struct entry_item *it;

	e->items = xrealloc(e->items, (e->n + 1) * sizeof *e->items);
	it = &e->items[e->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->label = xstrdup(label);
	return it;
}

size_t
entry_add_text(struct entry *e, const char *label, int secret,
    size_t max_chars, const char *initial)
{
	struct entry_item *it = entry_new_item(e, secret ? ENTRY_SECRET :
	    ENTRY_TEXT, label);

	it->width = secret ? ENTRY_SECRET_COLS : ENTRY_TEXT_COLS;
	field_init(&it->edit, secret ? FIELD_SECRET : 0, it->width, 1,
	    max_chars, 0);
	if (initial != NULL && !secret)
		field_set_text(&it->edit, initial);
	return e->n - 1;
}

size_t
entry_add_choice(struct entry *e, const char *label,
    const char *const *choices, size_t n, size_t initial)
{
	struct entry_item *it = entry_new_item(e, ENTRY_CHOICE, label);
	size_t i, w = 0;

	field_init(&it->edit, 0, 1, 1, 0, 0);
	it->choices = xcalloc(n > 0 ? n : 1, sizeof *it->choices);
	for (i = 0; i < n; i++) {
		it->choices[i] = xstrdup(choices[i]);
		if (text_width(choices[i]) > w)
			w = text_width(choices[i]);
	}
	it->nchoices = n;
	it->choice = initial < n ? initial : 0;
	it->width = (int) w + 4;	/* "< " and " >" */
	return e->n - 1;
}

size_t
entry_add_flag(struct entry *e, const char *label, int on)
{
	struct entry_item *it = entry_new_item(e, ENTRY_FLAG, label);

	field_init(&it->edit, 0, 1, 1, 0, 0);
	it->on = on != 0;
	it->width = 3;			/* "[x]" */
	return e->n - 1;
}

void
entry_set_intro(struct entry *e, const char *text)
{
	free(e->intro);
	e->intro = entry_dup(text);
}

void
entry_set_notes(struct entry *e, const char *text)
{
	free(e->notes);
	e->notes = entry_dup(text);
}

void
entry_set_note(struct entry *e, size_t i, const char *text)
{
	free(e->items[i].note);
	e->items[i].note = entry_dup(text);
}

void
entry_set_hint(struct entry *e, size_t i, const char *text)
{
	free(e->items[i].hint);
	e->items[i].hint = entry_dup(text);
}

void
entry_set_width(struct entry *e, size_t i, int cols)
{
	e->items[i].width = cols > 1 ? cols : 1;
}

/* -- Reading and marking ------------------------------------------------ */

const char *
entry_text(const struct entry *e, size_t i)
{
	return field_text(&e->items[i].edit);
}

size_t
entry_choice(const struct entry *e, size_t i)
{
	return e->items[i].choice;
}

int
entry_flag(const struct entry *e, size_t i)
{
	return e->items[i].on;
}

void
entry_set_error(struct entry *e, size_t i, const char *msg)
{
	field_set_error(&e->items[i].edit, msg);
}

void
entry_fail(struct entry *e, size_t i, const char *msg)
{
	entry_set_error(e, i, msg);
	entry_focus(e, i);
}

void
entry_clear_errors(struct entry *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		field_set_error(&e->items[i].edit, NULL);
}

void
entry_clear(struct entry *e, size_t i)
{
	field_set_text(&e->items[i].edit, "");
}

void
entry_focus(struct entry *e, size_t i)
{
	if (i < e->n)
		e->focus = i;
}

int
entry_changed(const struct entry *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		if (e->items[i].edit.changed || e->items[i].changed)
			return 1;
	return 0;
}

/* -- Layout and painting ------------------------------------------------ */

/* Columns of the label column: the widest label, within limits. */
static int
entry_label_cols(const struct entry *e)
{
	size_t i, w = 0;

	for (i = 0; i < e->n; i++)
		if (text_width(e->items[i].label) > w)
			w = text_width(e->items[i].label);
	w += 2;
	return w < ENTRY_LABEL_MAX ? (int) w : ENTRY_LABEL_MAX;
}

/* Whether IT's message goes under it (it does not fit beside it). */
static int
entry_error_below(const struct entry_item *it, int avail)
{
	return it->edit.error != NULL && it->width + 2 +
	    (int) text_width(it->edit.error) > avail;
}

/* Rows of the content (intro, inputs, notes), setting each input's place;
 * AVAIL is the width right of the labels, COLS the body's. */
static int
entry_layout(struct entry *e, int avail, int cols)
{
	int y = 0;
	size_t i;

	if (e->intro != NULL)
		y = draw_wrap_rows(e->intro, cols - 2) + 1;
	for (i = 0; i < e->n; i++) {
		struct entry_item *it = &e->items[i];

		if (it->width > avail)
			it->width = avail;
		if (it->kind == ENTRY_TEXT || it->kind == ENTRY_SECRET)
			field_resize(&it->edit, it->width, 1);
		it->y = y;
		it->h = 1 + (entry_error_below(it, avail) ?
		    draw_wrap_rows(it->edit.error, avail) : 0);
		y += it->h;
	}
	if (e->notes != NULL)
		y += 1 + draw_wrap_rows(e->notes, cols - 2);
	return y;
}

/* TEXT wrapped into R from content row ROW (may be above R: those rows
 * are skipped). */
static void
entry_wrap(const struct draw_rect *r, int row, const char *text,
    enum draw_style st)
{
	size_t n;

	while (*text != '\0' && row < r->h) {
		n = draw_wrap_next(text, (size_t) r->w);
		if (row >= 0)
			draw_textn(r, row, 0, text, n, st);
		text += n;
		row++;
		if (*text == '\n')
			text++;
	}
}

static void
entry_draw_input(struct entry_item *it, const struct draw_rect *area,
    int row, int col, int focused)
{
	enum draw_style st = focused ? DRAW_FIELD_FOCUS : DRAW_FIELD;
	char *c;

	switch (it->kind) {
	case ENTRY_TEXT:
	case ENTRY_SECRET:
		field_draw(&it->edit, area, row, col, focused);
		if (focused && it->kind == ENTRY_SECRET)
			draw_cursor(area, row, col);
		return;
	case ENTRY_CHOICE:
		c = xasprintf("< %s >", it->nchoices > 0 ?
		    it->choices[it->choice] : "");
		break;
	default:
		c = xstrdup(it->on ? "[x]" : "[ ]");
		break;
	}
	draw_fill(area, row, col, it->width, st);
	draw_text(area, row, col, c, st);
	free(c);
	if (focused)
		draw_cursor(area, row, col + 1);
}

/* Input IT at content row ROW - TOP of AREA, with its message or note. */
static void
entry_draw_item(struct entry_item *it, const struct draw_rect *area,
    int row, int fx, int focused)
{
	struct draw_rect below = *area, label = *area;
	int avail = area->w - fx;

	if (row >= 0 && row < area->h) {
		/* A label longer than its column is cut, never overdrawn. */
		label.w = fx - 1 < area->w ? fx - 1 : area->w;
		draw_text(&label, row, ENTRY_LABEL_COL, it->label, DRAW_LABEL);
		entry_draw_input(it, area, row, fx, focused);
	}
	if (it->edit.error != NULL && entry_error_below(it, avail)) {
		below.x += fx;
		below.w -= fx;
		entry_wrap(&below, row + 1, it->edit.error, DRAW_ERROR);
	} else if (row >= 0 && row < area->h && it->edit.error != NULL) {
		draw_text(area, row, fx + it->width + 2, it->edit.error,
		    DRAW_ERROR);
	} else if (row >= 0 && row < area->h && it->note != NULL) {
		draw_text(area, row, fx + it->width + 2, it->note, DRAW_HINT);
	}
}

/* Keep the focused input in view; the first one shows the intro too. */
static void
entry_scroll(struct entry *e, int rows)
{
	const struct entry_item *it = &e->items[e->focus];

	if (e->focus == 0 || it->y < e->top)
		e->top = e->focus == 0 ? 0 : it->y;
	if (it->y + it->h > e->top + rows)
		e->top = it->y + it->h - rows;
	if (e->top < 0)
		e->top = 0;
}

static const char *
entry_hint(const struct entry_item *it)
{
	if (it->hint != NULL)
		return it->hint;
	if (it->kind == ENTRY_CHOICE)
		return _("Left, Right or Space: choose.");
	if (it->kind == ENTRY_FLAG)
		return _("Space: switch on or off.");
	return "";
}

void
entry_draw(struct ui_screen *s)
{
	struct entry *e = (struct entry *) s;
	struct draw_rect body = draw_body(), area = body, text;
	int fx, total;
	size_t i;

	draw_title(e->title, NULL);
	draw_clear(&body, DRAW_NORMAL);	/* a message may move rows */
	area.h -= 1;		/* the hint row */
	fx = ENTRY_LABEL_COL + entry_label_cols(e) + 1;
	total = entry_layout(e, area.w - fx - 1, area.w);
	if (e->n > 0)
		entry_scroll(e, area.h);

	text = area;
	text.x += ENTRY_LABEL_COL;
	text.w -= 2;
	if (e->intro != NULL)
		entry_wrap(&text, -e->top, e->intro, DRAW_NORMAL);
	for (i = 0; i < e->n; i++)
		entry_draw_item(&e->items[i], &area, e->items[i].y - e->top,
		    fx, i == e->focus);
	if (e->notes != NULL)
		entry_wrap(&text, total - draw_wrap_rows(e->notes,
		    area.w - 2) - e->top, e->notes, DRAW_HINT);
	if (e->n > 0)
		draw_line(&body, body.h - 1, entry_hint(&e->items[e->focus]),
		    DRAW_HINT);
}

/* -- Typing ------------------------------------------------------------- */

static void
entry_choose(struct entry_item *it, int by)
{
	size_t n = it->nchoices;

	if (it->kind == ENTRY_FLAG)
		it->on = !it->on;
	else if (n > 0)
		it->choice = by > 0 ? (it->choice + 1) % n :
		    (it->choice + n - 1) % n;
	it->changed = 1;
	field_set_error(&it->edit, NULL);
}

int
entry_input(struct ui_screen *s, int key)
{
	struct entry *e = (struct entry *) s;
	struct entry_item *it;

	if (!UI_KEY_IS_TEXT(key) || e->n == 0)
		return UI_PASS;
	it = &e->items[e->focus];
	if (it->kind == ENTRY_CHOICE || it->kind == ENTRY_FLAG) {
		if (key == ' ')
			entry_choose(it, 1);
		else
			loop_message("%s", entry_hint(it));
		return UI_DRAW_SCREEN;
	}
	switch (field_insert(&it->edit, (uint32_t) key)) {
	case FIELD_DONE:
		field_set_error(&it->edit, NULL);
		break;
	case FIELD_FULL_CHARS:
	case FIELD_FULL_COLS:
		loop_error(_("No more characters fit here."));
		break;
	default:
		break;
	}
	return UI_DRAW_SCREEN;
}

int
entry_unsaved(struct ui_screen *s)
{
	return entry_changed((struct entry *) s);
}

/* -- Commands ----------------------------------------------------------- */

static int
entry_cmd_move(struct ui_screen *s, enum command cmd)
{
	struct entry *e = (struct entry *) s;

	if (e->n == 0)
		return UI_DRAW_NONE;
	if (cmd == CMD_NEXT_FIELD)
		e->focus = (e->focus + 1) % e->n;
	else if (cmd == CMD_PREV_FIELD)
		e->focus = (e->focus + e->n - 1) % e->n;
	else if (cmd == CMD_DOWN && e->focus + 1 < e->n)
		e->focus++;
	else if (cmd == CMD_UP && e->focus > 0)
		e->focus--;
	return UI_DRAW_SCREEN;
}

static int
entry_cmd_edit(struct ui_screen *s, enum command cmd)
{
	struct entry *e = (struct entry *) s;
	struct entry_item *it;
	struct field *f;

	if (e->n == 0)
		return UI_DRAW_NONE;
	it = &e->items[e->focus];
	f = &it->edit;
	if (it->kind == ENTRY_CHOICE || it->kind == ENTRY_FLAG) {
		if (cmd == CMD_LEFT || cmd == CMD_RIGHT)
			entry_choose(it, cmd == CMD_LEFT ? -1 : 1);
		return UI_DRAW_SCREEN;
	}
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

static int
entry_cmd_submit(struct ui_screen *s, enum command cmd)
{
	struct entry *e = (struct entry *) s;

	if (cmd == CMD_NEWLINE && e->focus + 1 < e->n)
		return entry_cmd_move(s, CMD_NEXT_FIELD);
	return e->submit != NULL ? e->submit(e) : UI_DRAW_NONE;
}

const struct command_row entry_commands[] = {
	{ CMD_NEXT_FIELD, entry_cmd_move, CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_PREV_FIELD, entry_cmd_move, CMD_ANYONE, 0, 0, 0 },
	{ CMD_UP,	  entry_cmd_move, CMD_ANYONE, 0, 0, 0 },
	{ CMD_DOWN,	  entry_cmd_move, CMD_ANYONE, 0, 0, 0 },
	{ CMD_LEFT,	  entry_cmd_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_RIGHT,	  entry_cmd_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_HOME,	  entry_cmd_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_END,	  entry_cmd_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_BACKSPACE,  entry_cmd_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_DELETE,	  entry_cmd_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

const struct command_row entry_save_commands[] = {
	{ CMD_SAVE,	  entry_cmd_submit, CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_NEWLINE,	  entry_cmd_submit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};
