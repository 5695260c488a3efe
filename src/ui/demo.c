/*
 * demo.c -- a list of the forms in the forms folder; Enter fills one in
 * (a drafter reaches it from the home screen until drafting exists).
 *
 * An instance of the generic list (list.h), and the model of how a list
 * screen is written.  Nothing here is saved anywhere.  Must not call
 * curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "ui/command.h"
#include "ui/demo.h"
#include "ui/dialog.h"
#include "ui/formview.h"
#include "ui/list.h"

#define DEMO_KIND_COL	36	/* where the kind column starts */
#define DEMO_FILE_COL	58	/* where the form's id starts */

struct demo {
	struct list		 list;
	struct form_list	 forms;
	const char		*lang;
	char			**texts;	/* what / and limit look in */
};

static size_t
demo_count(struct list *l)
{
	return ((struct demo *) l)->forms.n;
}

static const char *
demo_text(struct list *l, size_t item)
{
	return ((struct demo *) l)->texts[item];
}

static void
demo_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	struct demo *d = (struct demo *) l;
	const struct form *f = d->forms.forms[item];
	struct draw_rect title = *r;

	title.w = DEMO_KIND_COL - 2 < r->w ? DEMO_KIND_COL - 2 : r->w;
	draw_text(&title, row, 0, form_text_get(&f->title, d->lang), st);
	draw_text(r, row, DEMO_KIND_COL, form_kind_name(f->kind), st);
	draw_text(r, row, DEMO_FILE_COL, f->id, st);
}

static int
demo_compare(struct list *l, size_t a, size_t b, int key)
{
	struct demo *d = (struct demo *) l;
	const struct form *x = d->forms.forms[a], *y = d->forms.forms[b];

	if (key == 1)
		return strcmp(x->kind, y->kind);
	return strcmp(form_text_get(&x->title, d->lang),
	    form_text_get(&y->title, d->lang));
}

static const char *const demo_sort_names[] = {
	N_("title"), N_("kind"), NULL
};

static const struct list_ops demo_list_ops = {
	demo_count, demo_draw_row, demo_text, demo_compare, demo_sort_names
};

static int
demo_open_form(struct ui_screen *s, enum command cmd)
{
	struct demo *d = (struct demo *) s;
	size_t item;

	(void) cmd;
	if (!list_selected(&d->list, &item))
		return UI_DRAW_NONE;
	loop_push(formview_new(d->forms.forms[item], NULL, NULL));
	return UI_DRAW_ALL;
}

static const struct command_row demo_commands[] = {
	{ CMD_OPEN, demo_open_form, CMD_ANYONE, CMD_NEEDS_SELECTION, 0,
	  CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const demo_tables[] = {
	demo_commands, list_commands, list_sort_commands, NULL
};

static void
demo_close(struct ui_screen *s)
{
	struct demo *d = (struct demo *) s;
	size_t i;

	for (i = 0; i < d->forms.n; i++)
		free(d->texts[i]);
	free(d->texts);
	form_list_free(&d->forms);
	list_free(&d->list);
	free(d);
}

static const struct ui_screen_ops demo_screen_ops = {
	"demo", 0, demo_tables, list_draw, NULL, list_context, NULL, demo_close
};

/* Every form that could not be read, one per line, in a message box:
 * whoever added a form sees the file and line at once. */
static void
demo_report(const struct form_list *forms)
{
	char *text = xstrdup(""), *next;
	size_t i;

	for (i = 0; i < forms->nerrors; i++) {
		next = xasprintf("%s%s\n", text, forms->errors[i]);
		free(text);
		text = next;
	}
	dialog_message(_("Some forms could not be read"), text);
	free(text);
}

void
demo_open(const char *dir)
{
	struct demo *d = xcalloc(1, sizeof *d);
	char *empty;
	size_t i;

	d->lang = form_lang();
	form_list_load(dir, &d->forms);
	d->texts = xcalloc(d->forms.n > 0 ? d->forms.n : 1, sizeof *d->texts);
	for (i = 0; i < d->forms.n; i++)
		d->texts[i] = xasprintf("%s %s %s", form_text_get(
		    &d->forms.forms[i]->title, d->lang), d->forms.forms[i]->id,
		    form_kind_name(d->forms.forms[i]->kind));

	/* TODO: drafting from a form into a document belongs to the
	 * document screens; until they exist a form is filled in and
	 * checked here, and the title says that nothing is kept. */
	list_init(&d->list, &demo_screen_ops, &demo_list_ops,
	    _("Forms: fill one in and check it (not saved yet)"));
	empty = xasprintf(_("No forms in %s; set ESEAL_FORMS_DIR to the "
	    "forms folder."), dir);
	list_set_empty(&d->list, empty);
	list_set_header(&d->list, _("Form"));
	free(empty);

	loop_push(&d->list.screen);
	if (d->forms.nerrors > 0)
		demo_report(&d->forms);
}
