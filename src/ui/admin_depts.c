/*
 * admin_depts.c -- the departments and work stations, which the system
 * administrator adds (a department's number prefix goes into the
 * document numbers it issues).
 *
 * An instance of the generic list, and an entry screen to add one.  Must
 * not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/entry.h"
#include "ui/list.h"
#include "ui/screens.h"

#define DEPTS_PREFIX_COL	36	/* columns of the list */
#define DEPTS_KIND_COL		56
#define DEPTS_NAME_MAX		40	/* characters */
#define DEPTS_PREFIX_MAX	16

struct admin_depts {
	struct list	 list;
	struct rec_dept	*depts;
	size_t		 n;
	char		**texts;
};

static const char *
admin_depts_kind(const struct rec_dept *d)
{
	return d->is_station ? _("work station") : _("department");
}

static void
admin_depts_forget(struct admin_depts *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->texts[i]);
	free(a->texts);
	if (a->depts != NULL)
		account_dept_free(a->depts, a->n);
	a->depts = NULL;
	a->texts = NULL;
	a->n = 0;
}

static void
admin_depts_load(struct admin_depts *a)
{
	enum status rc;
	size_t i;

	admin_depts_forget(a);
	rc = account_dept_list(app_session(), &a->depts, &a->n);
	if (rc != STATUS_OK) {
		a->depts = NULL;
		a->n = 0;
		loop_error("%s", status_message(rc));
	}
	a->texts = xcalloc(a->n > 0 ? a->n : 1, sizeof *a->texts);
	for (i = 0; i < a->n; i++)
		a->texts[i] = xasprintf("%s %s %s", a->depts[i].name,
		    a->depts[i].number_prefix != NULL ?
		    a->depts[i].number_prefix : "",
		    admin_depts_kind(&a->depts[i]));
}

static size_t
admin_depts_count(struct list *l)
{
	return ((struct admin_depts *) l)->n;
}

static const char *
admin_depts_text(struct list *l, size_t item)
{
	return ((struct admin_depts *) l)->texts[item];
}

static void
admin_depts_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	const struct rec_dept *d = &((struct admin_depts *) l)->depts[item];
	struct draw_rect cell = *r;

	cell.w = DEPTS_PREFIX_COL - 1;
	draw_text(&cell, row, 0, d->name, st);
	draw_text(r, row, DEPTS_PREFIX_COL, d->number_prefix != NULL ?
	    d->number_prefix : "", st);
	draw_text(r, row, DEPTS_KIND_COL, admin_depts_kind(d), st);
}

static const struct list_ops admin_depts_list_ops = {
	admin_depts_count, admin_depts_draw_row, admin_depts_text, NULL, NULL
};

/* -- Adding one --------------------------------------------------------- */

struct admin_depts_add {
	struct entry	 entry;
	size_t		 name, prefix, station;
};

static int
admin_depts_add_submit(struct entry *e)
{
	struct admin_depts_add *d = (struct admin_depts_add *) e;
	const char *name = entry_text(e, d->name);
	const char *prefix = entry_text(e, d->prefix);
	int station = entry_flag(e, d->station), yes;
	char *summary;
	enum status rc;
	uint64_t id;

	entry_clear_errors(e);
	if (*name == '\0') {
		entry_fail(e, d->name, _("Type the department's full name."));
		return UI_DRAW_SCREEN;
	}
	summary = xasprintf(station ? _("Add the work station %s, document "
	    "number prefix: %s.") : _("Add the department %s, document number "
	    "prefix: %s."), name, *prefix != '\0' ? prefix : _("none"));
	yes = dialog_confirm(_("Add a department"), summary, _("Add"), 1);
	free(summary);
	if (yes != 1)
		return UI_DRAW_ALL;

	rc = account_dept_add(app_session(), name, *prefix != '\0' ? prefix :
	    NULL, station, &id);
	if (rc == STATUS_EXISTS || rc == STATUS_INVALID) {
		entry_fail(e, d->name, status_message(rc));
		return UI_DRAW_ALL;
	}
	if (rc != STATUS_OK) {
		loop_error("%s", status_message(rc));
		return UI_DRAW_ALL;
	}
	loop_message(_("%s is added."), name);
	loop_finish(1);		/* frees D */
	return UI_DRAW_ALL;
}

static const struct command_row *const admin_depts_add_tables[] = {
	entry_save_commands, entry_commands, NULL
};

static void
admin_depts_add_close(struct ui_screen *s)
{
	struct admin_depts_add *d = (struct admin_depts_add *) s;

	entry_free(&d->entry);
	free(d);
}

static const struct ui_screen_ops admin_depts_add_ops = {
	"dept-add", UI_SCREEN_TEXT, admin_depts_add_tables, entry_draw,
	entry_input, NULL, entry_unsaved, admin_depts_add_close
};

static int
admin_depts_add(struct ui_screen *s, enum command cmd)
{
	struct admin_depts_add *d = xcalloc(1, sizeof *d);
	struct admin_depts *a = (struct admin_depts *) s;

	(void) cmd;
	entry_init(&d->entry, &admin_depts_add_ops, _("Add a department"),
	    admin_depts_add_submit);
	entry_set_intro(&d->entry, _("A department of the bureau, or a town "
	    "or street work station.  F2 adds it."));
	d->name = entry_add_text(&d->entry, _("Full name"), 0, DEPTS_NAME_MAX,
	    NULL);
	d->prefix = entry_add_text(&d->entry, _("Number prefix"), 0,
	    DEPTS_PREFIX_MAX, NULL);
	entry_set_hint(&d->entry, d->prefix, _("The prefix of the document "
	    "numbers it issues, for example the bureau's short name."));
	d->station = entry_add_flag(&d->entry, _("Work station"), 0);
	if (loop_modal(&d->entry.screen) == 1 && !loop_is_quitting()) {
		admin_depts_load(a);
		list_reload(&a->list);
	}
	return UI_DRAW_ALL;
}

static const struct command_row admin_depts_commands[] = {
	{ CMD_ADD, admin_depts_add, ACT_DEPT_MANAGE, 0, 0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const admin_depts_tables[] = {
	admin_depts_commands, list_commands, NULL
};

static void
admin_depts_close(struct ui_screen *s)
{
	struct admin_depts *a = (struct admin_depts *) s;

	admin_depts_forget(a);
	list_free(&a->list);
	free(a);
}

static const struct ui_screen_ops admin_depts_ops = {
	"departments", 0, admin_depts_tables, list_draw, NULL, list_context,
	NULL, admin_depts_close
};

void
admin_depts_open(void)
{
	static const int cols[] = { 0, DEPTS_PREFIX_COL, DEPTS_KIND_COL };
	struct admin_depts *a = xcalloc(1, sizeof *a);
	const char *names[3];
	char *header;

	names[0] = _("Name");
	names[1] = _("Number prefix");
	names[2] = _("Kind");
	admin_depts_load(a);
	list_init(&a->list, &admin_depts_ops, &admin_depts_list_ops,
	    _("Departments"));
	header = list_columns(names, cols, 3);
	list_set_header(&a->list, header);
	free(header);
	list_set_empty(&a->list, _("No department yet: a adds one."));
	loop_push(&a->list.screen);
}
