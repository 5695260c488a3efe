/*
 * formview.c -- filling in a form: labels on the left, one field editor
 * per field on the right, the focused field's help on the last row of
 * the body, each field's error next to it.
 *
 * Typed characters go to the focused field (this is a text screen);
 * everything else is a command.  Validation is the core's
 * (form_validate), never repeated here.  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/command.h"
#include "ui/dialog.h"
#include "ui/draw.h"
#include "ui/editor.h"
#include "ui/field.h"
#include "ui/formview.h"

#define FORMVIEW_LABEL_MAX	24	/* columns of the label column */

struct formview_item {
	const struct form_field	*def;
	struct field		 edit;		/* the text; a choice uses only
						 * its error */
	size_t			 choice;	/* FORM_CHOICE: the index */
	int			 choice_changed;
	int			 y, h;		/* rows in the form (layout) */
	int			 w;		/* columns of the editor */
	int			 err_below;	/* error on its own row */
};

struct formview {
	struct ui_screen	 screen;
	const struct form	*form;
	struct formview_item	*items;
	size_t			 n;
	size_t			 focus;
	int			 top;		/* first form row shown */
	int			 label_w;
	const char		*lang;
	char			*title;
	struct formview_hooks	 hooks;
};

static int
formview_is_choice(const struct formview_item *it)
{
	return it->def->type == FORM_CHOICE;
}

static const char *
formview_choice_label(const struct formview *v, const struct formview_item *it)
{
	return form_text_get(&it->def->choices[it->choice].label, v->lang);
}

/* -- Layout --------------------------------------------------------------- */

/* Columns of the editor for IT when AVAIL are free. */
static int
formview_editor_width(const struct formview *v, const struct formview_item *it,
    int avail)
{
	size_t i, w = 0;

	switch (it->def->type) {
	case FORM_TEXT:
		return avail;
	case FORM_CHOICE:
		for (i = 0; i < it->def->nchoices; i++) {
			size_t cw = text_width(form_text_get(
			    &it->def->choices[i].label, v->lang));

			w = cw > w ? cw : w;
		}
		w += 4;		/* "< " and " >" */
		break;
	default:
		/* Two columns a character (Chinese), one for the cursor. */
		w = it->def->max_chars * 2 + 1;
		break;
	}
	return (int) w < avail ? (int) w : avail;
}

static void
formview_layout(struct formview *v, int width)
{
	struct formview_item *it;
	int y = 0, avail, rows;
	size_t i, lw = 0;

	for (i = 0; i < v->n; i++) {
		size_t w = text_width(form_text_get(&v->items[i].def->label,
		    v->lang)) + 2;

		lw = w > lw ? w : lw;
	}
	v->label_w = lw < FORMVIEW_LABEL_MAX ? (int) lw : FORMVIEW_LABEL_MAX;
	avail = width - v->label_w - 2;

	for (i = 0; i < v->n; i++) {
		it = &v->items[i];
		it->w = formview_editor_width(v, it, avail);
		rows = it->def->type == FORM_TEXT ? it->def->rows : 1;
		field_resize(&it->edit, it->w, rows);
		it->err_below = it->edit.error != NULL && it->w + 2 +
		    (int) text_width(it->edit.error) > avail;
		it->y = y;
		it->h = rows + it->err_below;
		y += it->h;
	}
}

/* Whether IT must be filled as the form stands: "required-unless"
 * fields stop being required when the other field holds the value. */
static int
formview_required(const struct formview *v, const struct formview_item *it)
{
	const struct formview_item *other;
	int u;

	if (!it->def->required || it->def->unless_field == NULL)
		return it->def->required;
	u = form_field_index(v->form, it->def->unless_field);
	if (u < 0)
		return 1;
	other = &v->items[u];
	return strcmp(formview_is_choice(other) ?
	    other->def->choices[other->choice].value : field_text(&other->edit),
	    it->def->unless_value) != 0;
}

/* -- Painting -------------------------------------------------------------- */

static void
formview_draw_item(struct formview *v, struct formview_item *it,
    const struct draw_rect *area, int y, int focused)
{
	int fx = v->label_w + 1, rows = it->h - it->err_below;
	enum draw_style st = focused ? DRAW_FIELD_FOCUS : DRAW_FIELD;

	draw_text(area, y, 0, form_text_get(&it->def->label, v->lang),
	    DRAW_LABEL);
	if (formview_required(v, it))
		draw_text(area, y, v->label_w - 1, "*", DRAW_LABEL);

	if (formview_is_choice(it)) {
		char *c = xasprintf("< %s >", formview_choice_label(v, it));

		draw_fill(area, y, fx, it->w, st);
		draw_text(area, y, fx, c, st);
		free(c);
	} else {
		field_draw(&it->edit, area, y, fx, focused);
	}

	if (it->edit.error != NULL)
		draw_text(area, it->err_below ? y + rows : y,
		    it->err_below ? fx : fx + it->w + 2, it->edit.error,
		    DRAW_ERROR);
}

/* The focused field's help, or how to use it. */
static void
formview_draw_hint(struct formview *v, const struct draw_rect *body)
{
	const struct formview_item *it = &v->items[v->focus];
	const char *help = form_text_get(&it->def->help, v->lang);
	char *line;

	if (formview_is_choice(it))
		line = xasprintf("%s%s%s", _("Left, Right or Space: choose."),
		    *help != '\0' ? "  " : "", help);
	else
		line = xstrdup(help);
	draw_line(body, body->h - 1, line, DRAW_HINT);
	free(line);
}

static void
formview_draw(struct ui_screen *s)
{
	struct formview *v = (struct formview *) s;
	struct draw_rect body = draw_body(), area = body;
	struct formview_item *it;
	char *where;
	size_t i;

	area.h -= 1;		/* the hint row */
	formview_layout(v, body.w);
	it = &v->items[v->focus];
	if (it->y < v->top)
		v->top = it->y;
	if (it->y + it->h > v->top + area.h)
		v->top = it->y + it->h - area.h;

	where = xasprintf(_("field %zu of %zu"), v->focus + 1, v->n);
	draw_title(v->title, where);
	free(where);
	for (i = 0; i < v->n; i++) {
		it = &v->items[i];
		if (it->y >= v->top && it->y + it->h <= v->top + area.h)
			formview_draw_item(v, it, &area, it->y - v->top,
			    i == v->focus);
	}
	formview_draw_hint(v, &body);
}

/* -- Typing ---------------------------------------------------------------- */

/* Full-width digits and minus, as a Chinese input method types them,
 * become ASCII in number and date fields. */
static uint32_t
formview_narrow(const struct formview_item *it, uint32_t cp)
{
	if (it->def->type != FORM_NUMBER && it->def->type != FORM_DATE)
		return cp;
	if (cp >= 0xff10 && cp <= 0xff19)
		return '0' + (cp - 0xff10);
	if (cp == 0xff0d)
		return '-';
	return cp;
}

static void
formview_choose(struct formview_item *it, int by)
{
	size_t n = it->def->nchoices;

	it->choice = (it->choice + (size_t) (by + (int) n)) % n;
	it->choice_changed = 1;
	field_set_error(&it->edit, NULL);
}

static int
formview_input(struct ui_screen *s, int key)
{
	struct formview *v = (struct formview *) s;
	struct formview_item *it = &v->items[v->focus];

	if (!UI_KEY_IS_TEXT(key))
		return UI_PASS;
	if (formview_is_choice(it)) {
		if (key == ' ')
			formview_choose(it, 1);
		else
			loop_message(_("Choose with Left, Right or Space."));
		return UI_DRAW_SCREEN;
	}

	switch (field_insert(&it->edit, formview_narrow(it, (uint32_t) key))) {
	case FIELD_DONE:
		field_set_error(&it->edit, NULL);
		break;
	case FIELD_FULL_CHARS:
		loop_error(_("This field holds at most %zu characters."),
		    it->def->max_chars);
		break;
	case FIELD_FULL_COLS:
		loop_error(_("No more room in this field."));
		break;
	default:
		break;
	}
	return UI_DRAW_SCREEN;
}

/* -- Commands ----------------------------------------------------------- */

static int
formview_move(struct ui_screen *s, enum command cmd)
{
	struct formview *v = (struct formview *) s;
	struct field *f = &v->items[v->focus].edit;
	int multi = !formview_is_choice(&v->items[v->focus]) &&
	    (f->flags & FIELD_MULTILINE);

	if (cmd == CMD_UP && multi && field_up(f) == FIELD_DONE)
		return UI_DRAW_SCREEN;
	if (cmd == CMD_DOWN && multi && field_down(f) == FIELD_DONE)
		return UI_DRAW_SCREEN;

	if (cmd == CMD_NEXT_FIELD)
		v->focus = (v->focus + 1) % v->n;
	else if (cmd == CMD_PREV_FIELD)
		v->focus = (v->focus + v->n - 1) % v->n;
	else if (cmd == CMD_DOWN && v->focus + 1 < v->n)
		v->focus++;
	else if (cmd == CMD_UP && v->focus > 0)
		v->focus--;
	return UI_DRAW_SCREEN;
}

static int
formview_edit(struct ui_screen *s, enum command cmd)
{
	struct formview *v = (struct formview *) s;
	struct formview_item *it = &v->items[v->focus];
	struct field *f = &it->edit;

	if (formview_is_choice(it)) {
		if (cmd == CMD_LEFT || cmd == CMD_RIGHT)
			formview_choose(it, cmd == CMD_LEFT ? -1 : 1);
		else if (cmd == CMD_NEWLINE)
			return formview_move(s, CMD_NEXT_FIELD);
		return UI_DRAW_SCREEN;
	}
	switch (cmd) {
	case CMD_LEFT:		field_left(f); break;
	case CMD_RIGHT:		field_right(f); break;
	case CMD_HOME:		field_home(f); break;
	case CMD_END:		field_end(f); break;
	case CMD_BACKSPACE:	field_backspace(f); break;
	case CMD_DELETE:	field_delete(f); break;
	case CMD_NEWLINE:
		if (!(f->flags & FIELD_MULTILINE))
			return formview_move(s, CMD_NEXT_FIELD);
		if (field_insert(f, '\n') == FIELD_DONE)
			field_set_error(f, NULL);
		break;
	default:		break;
	}
	return UI_DRAW_SCREEN;
}

/* F4: the focused text field written in the user's editor.  Only
 * multi-line fields: a line field's few characters are typed here.  On
 * any failure the field keeps its text and the message says why. */
static int
formview_editor(struct ui_screen *s, enum command cmd)
{
	struct formview *v = (struct formview *) s;
	struct field *f = &v->items[v->focus].edit;
	char *text = NULL, *why = NULL;

	(void) cmd;
	if (formview_is_choice(&v->items[v->focus]) ||
	    !(f->flags & FIELD_MULTILINE)) {
		loop_error(_("Only a text of several lines is written in the "
		    "editor; type this field here."));
		return UI_DRAW_SCREEN;
	}
	if (editor_edit(field_text(f), f->max_chars, &text, &why) !=
	    STATUS_OK) {
		loop_error("%s", why);
		free(why);
		return UI_DRAW_ALL;
	}
	if (strcmp(text, field_text(f)) != 0) {
		field_set_text(f, text);
		f->changed = 1;
		field_set_error(f, NULL);
		loop_message(_("The text from the editor is in the field."));
	}
	free(text);
	return UI_DRAW_ALL;
}

/* The values as the core wants them: one string per field. */
static const char **
formview_values(const struct formview *v)
{
	const char **values = xcalloc(v->n, sizeof *values);
	size_t i;

	for (i = 0; i < v->n; i++)
		values[i] = formview_is_choice(&v->items[i]) ?
		    v->items[i].def->choices[v->items[i].choice].value :
		    field_text(&v->items[i].edit);
	return values;
}

/* Put each field's message next to it; returns how many there are and
 * moves the focus to the first. */
static size_t
formview_mark(struct formview *v, char **messages)
{
	size_t i, bad = 0;

	for (i = 0; i < v->n; i++) {
		field_set_error(&v->items[i].edit, messages[i]);
		if (messages[i] != NULL && bad++ == 0)
			v->focus = i;
	}
	return bad;
}

static void
formview_saved(struct formview *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		v->items[i].edit.changed = 0;
		v->items[i].choice_changed = 0;
	}
	loop_message(_("Saved."));
}

static int
formview_save(struct ui_screen *s, enum command cmd)
{
	struct formview *v = (struct formview *) s;
	const char **values = formview_values(v);
	char **messages = xcalloc(v->n, sizeof *messages);
	enum status st;
	size_t bad;

	(void) cmd;
	st = form_validate(v->form, values, v->hooks.lookup, messages);
	bad = formview_mark(v, messages);
	form_messages_free(v->form, messages);
	if (st != STATUS_OK)
		loop_error(ngettext("%zu field needs attention; it says why.",
		    "%zu fields need attention; each says why.", bad), bad);
	else if (v->hooks.save == NULL)
		dialog_message(_("Form complete"), _("Every field is filled in "
		    "correctly.  Nothing is saved: drafting documents from "
		    "forms comes with the document screens."));
	else if ((st = v->hooks.save(v->hooks.ctx, v->form, values)) !=
	    STATUS_OK)
		loop_error("%s", status_message(st));
	else
		formview_saved(v);
	free(messages);
	free(values);
	return UI_DRAW_ALL;
}

static const struct command_row formview_commands[] = {
	{ CMD_NEXT_FIELD, formview_move, CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_PREV_FIELD, formview_move, CMD_ANYONE, 0, 0, 0 },
	{ CMD_SAVE,	  formview_save, CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_EDITOR,	  formview_editor, CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_UP,	  formview_move, CMD_ANYONE, 0, 0, 0 },
	{ CMD_DOWN,	  formview_move, CMD_ANYONE, 0, 0, 0 },
	{ CMD_LEFT,	  formview_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_RIGHT,	  formview_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_HOME,	  formview_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_END,	  formview_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_BACKSPACE,  formview_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_DELETE,	  formview_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_NEWLINE,	  formview_edit, CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const formview_tables[] = {
	formview_commands, NULL
};

static int
formview_unsaved(struct ui_screen *s)
{
	struct formview *v = (struct formview *) s;
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->items[i].edit.changed || v->items[i].choice_changed)
			return 1;
	return 0;
}

static void
formview_close(struct ui_screen *s)
{
	struct formview *v = (struct formview *) s;
	size_t i;

	for (i = 0; i < v->n; i++)
		field_free(&v->items[i].edit);
	free(v->items);
	free(v->title);
	free(v);
}

static const struct ui_screen_ops formview_ops = {
	"form", UI_SCREEN_TEXT, formview_tables, formview_draw,
	formview_input, NULL, formview_unsaved, formview_close
};

static void
formview_item_init(struct formview_item *it, const struct form_field *def,
    const char *value)
{
	const struct form_choice *c;

	it->def = def;
	field_init(&it->edit, def->type == FORM_TEXT ? FIELD_MULTILINE : 0,
	    20, def->type == FORM_TEXT ? def->rows : 1, def->max_chars, 0);
	if (value == NULL)
		value = def->def;
	if (value == NULL)
		return;
	if (def->type == FORM_CHOICE) {
		c = form_choice_find(def, value);
		it->choice = c != NULL ? (size_t) (c - def->choices) : 0;
	} else {
		field_set_text(&it->edit, value);
	}
}

struct ui_screen *
formview_new(const struct form *form, const char *const *values,
    const struct formview_hooks *hooks)
{
	struct formview *v = xcalloc(1, sizeof *v);
	size_t i;

	v->screen.ops = &formview_ops;
	v->form = form;
	v->lang = form_lang();
	v->title = xstrdup(form_text_get(&form->title, v->lang));
	v->n = form->nfields;
	v->items = xcalloc(v->n, sizeof *v->items);
	for (i = 0; i < v->n; i++)
		formview_item_init(&v->items[i], &form->fields[i],
		    values != NULL ? values[i] : NULL);
	if (hooks != NULL)
		v->hooks = *hooks;
	return &v->screen;
}
