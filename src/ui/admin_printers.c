/*
 * admin_printers.c -- the printer register (Art. 13, Flow 2), kept by
 * the system administrator: every printer with its kind, colour,
 * classification and state; adding one (a CUPS queue or a folder),
 * disabling and enabling it, removing one the print log never names.
 * Each change is confirmed with a summary; the core checks the role and
 * audits it (printer.h).
 *
 * An instance of the generic list, and a flowask dialog to add one.
 * Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/flowask.h"
#include "ui/list.h"
#include "ui/screens.h"

#define PRINTERS_KIND_COL	20	/* columns of the list */
#define PRINTERS_COLOUR_COL	31
#define PRINTERS_CLASS_COL	43
#define PRINTERS_STATE_COL	59
#define PRINTERS_WHERE_COL	69

struct admin_printers {
	struct list		 list;
	struct rec_printer	*printers;
	size_t			 n;
	char			**texts;
};

static const char *
admin_printers_kind(const struct rec_printer *p)
{
	return p->kind == PRINTER_CUPS ? _("CUPS queue") : _("folder");
}

static const char *
admin_printers_class(const struct rec_printer *p)
{
	return p->classified ? _("classified") : _("non-classified");
}

static const char *
admin_printers_colour(const struct rec_printer *p)
{
	return p->colour ? _("colour") : _("black only");
}

static const char *
admin_printers_state(const struct rec_printer *p)
{
	return p->disabled ? _("disabled") : _("in use");
}

/* -- The model ------------------------------------------------------------- */

static void
admin_printers_forget(struct admin_printers *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->texts[i]);
	free(a->texts);
	if (a->printers != NULL)
		printer_list_free(a->printers, a->n);
	a->printers = NULL;
	a->texts = NULL;
	a->n = 0;
}

static void
admin_printers_load(struct admin_printers *a)
{
	const struct rec_printer *p;
	enum status rc;
	size_t i;

	admin_printers_forget(a);
	rc = printer_list(app_session(), &a->printers, &a->n);
	if (rc != STATUS_OK) {
		a->printers = NULL;
		a->n = 0;
		loop_error("%s", status_message(rc));
	}
	a->texts = xcalloc(a->n > 0 ? a->n : 1, sizeof *a->texts);
	for (i = 0; i < a->n; i++) {
		p = &a->printers[i];
		a->texts[i] = xasprintf("%s %s %s %s %s %s %s", p->name,
		    admin_printers_kind(p), admin_printers_colour(p),
		    admin_printers_class(p), admin_printers_state(p), p->queue,
		    p->location != NULL ? p->location : "");
	}
}

static size_t
admin_printers_count(struct list *l)
{
	return ((struct admin_printers *) l)->n;
}

static const char *
admin_printers_text(struct list *l, size_t item)
{
	return ((struct admin_printers *) l)->texts[item];
}

/* Draw TEXT in the columns FROM up to TO (clipped there). */
static void
admin_printers_cell(const struct draw_rect *r, int row, int from, int to,
    const char *text, enum draw_style st)
{
	struct draw_rect cell = *r;

	if (to > 0 && to - 1 < cell.w)
		cell.w = to - 1;
	draw_text(&cell, row, from, text, st);
}

static void
admin_printers_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	const struct rec_printer *p;

	p = &((struct admin_printers *) l)->printers[item];

	admin_printers_cell(r, row, 0, PRINTERS_KIND_COL, p->name, st);
	admin_printers_cell(r, row, PRINTERS_KIND_COL, PRINTERS_COLOUR_COL,
	    admin_printers_kind(p), st);
	admin_printers_cell(r, row, PRINTERS_COLOUR_COL, PRINTERS_CLASS_COL,
	    admin_printers_colour(p), st);
	admin_printers_cell(r, row, PRINTERS_CLASS_COL, PRINTERS_STATE_COL,
	    admin_printers_class(p), st);
	admin_printers_cell(r, row, PRINTERS_STATE_COL, PRINTERS_WHERE_COL,
	    admin_printers_state(p), p->disabled && st == DRAW_NORMAL ?
	    DRAW_ERROR : st);
	admin_printers_cell(r, row, PRINTERS_WHERE_COL, 0, p->queue, st);
}

static const struct list_ops admin_printers_list_ops = {
	admin_printers_count, admin_printers_draw_row, admin_printers_text,
	NULL, NULL
};

/* -- Adding one ------------------------------------------------------------ */

struct admin_printers_add {
	size_t		 name, kind, queue, location, colour, classified;
};

static void
admin_printers_spec(struct flowask *a, struct printer_spec *spec)
{
	struct admin_printers_add *d = a->ctx;
	const char *location = entry_text(&a->entry, d->location);

	memset(spec, 0, sizeof *spec);
	spec->name = entry_text(&a->entry, d->name);
	spec->kind = entry_choice(&a->entry, d->kind) == 0 ? PRINTER_CUPS :
	    PRINTER_FOLDER;
	spec->queue = entry_text(&a->entry, d->queue);
	spec->location = *location != '\0' ? location : NULL;
	spec->colour = entry_flag(&a->entry, d->colour);
	spec->classified = entry_flag(&a->entry, d->classified);
}

static char *
admin_printers_add_summary(struct flowask *a)
{
	struct admin_printers_add *d = a->ctx;
	struct printer_spec spec;
	struct rec_printer shown;

	admin_printers_spec(a, &spec);
	if (*spec.name == '\0') {
		entry_fail(&a->entry, d->name, _("Type the name the print room "
		    "will choose."));
		return NULL;
	}
	if (*spec.queue == '\0') {
		entry_fail(&a->entry, d->queue, spec.kind == PRINTER_CUPS ?
		    _("Type the CUPS queue's name.") : _("Type the folder's "
		    "absolute path."));
		return NULL;
	}
	memset(&shown, 0, sizeof shown);
	shown.kind = (uint8_t) spec.kind;
	shown.colour = (uint8_t) spec.colour;
	shown.classified = (uint8_t) spec.classified;
	return xasprintf(_("Add the printer %s: %s %s, %s, %s.  The print "
	    "room can choose it at once; the change is recorded in the audit "
	    "trail."), spec.name, admin_printers_kind(&shown), spec.queue,
	    admin_printers_colour(&shown), admin_printers_class(&shown));
}

static enum status
admin_printers_add_act(struct flowask *a)
{
	struct printer_spec spec;

	admin_printers_spec(a, &spec);
	return printer_add(app_session(), &spec, NULL);
}

static size_t
admin_printers_add_where(struct flowask *a, enum status rc, const char **msg)
{
	struct admin_printers_add *d = a->ctx;

	(void) msg;
	if (rc == STATUS_EXISTS)
		return d->name;
	if (rc == STATUS_INVALID)
		return d->queue;
	return FLOWASK_NOWHERE;
}

static char *
admin_printers_add_done(struct flowask *a)
{
	struct admin_printers_add *d = a->ctx;

	return xasprintf(_("The printer %s is added."),
	    entry_text(&a->entry, d->name));
}

static const struct flowask_ops admin_printers_add_ops = {
	admin_printers_add_summary, admin_printers_add_act,
	admin_printers_add_where, admin_printers_add_done
};

static int
admin_printers_add(struct ui_screen *s, enum command cmd)
{
	const char *kinds[2];
	struct admin_printers *l = (struct admin_printers *) s;
	struct admin_printers_add d;
	struct flowask *a;

	(void) cmd;
	kinds[0] = _("CUPS queue");
	kinds[1] = _("folder");
	a = flowask_new(_("Add a printer"), _("A printer the print room may "
	    "choose.  Sealed documents print only in colour (Flow 2), "
	    "classified ones only on a classified printer (Art. 13).  F2 "
	    "adds it."), &admin_printers_add_ops, _("Add"), &d);
	d.name = entry_add_text(&a->entry, _("Name"), 0, PRINTER_NAME_MAX,
	    NULL);
	d.kind = entry_add_choice(&a->entry, _("Kind"), kinds, 2, 0);
	d.queue = entry_add_text(&a->entry, _("Queue or folder"), 0,
	    PRINTER_FOLDER_MAX, NULL);
	entry_set_hint(&a->entry, d.queue, _("A CUPS queue's name, or a "
	    "folder's absolute path that receives one PDF per copy."));
	d.location = entry_add_text(&a->entry, _("Location"), 0,
	    PRINTER_LOCATION_MAX, NULL);
	d.colour = entry_add_flag(&a->entry, _("Colour"), 1);
	d.classified = entry_add_flag(&a->entry, _("Classified printer"), 0);
	if (flowask_run(a) && !loop_is_quitting()) {
		admin_printers_load(l);
		list_reload(&l->list);
	}
	return UI_DRAW_ALL;
}

/* -- Disabling, enabling, removing ----------------------------------------- */

/* Ask with SUMMARY under TITLE, then show what the core said; reloads
 * the list after a change. */
static void
admin_printers_change(struct admin_printers *a, const char *title,
    const char *summary, const char *yes, enum status (*call)(
    struct session *, const char *, int), const char *name, int arg,
    const char *done)
{
	enum status rc;

	if (dialog_confirm(title, summary, yes, 0) != 1)
		return;
	rc = call(app_session(), name, arg);
	if (rc != STATUS_OK) {
		loop_error("%s", status_message(rc));
		return;
	}
	loop_message("%s", done);
	admin_printers_load(a);
	list_reload(&a->list);
}

static enum status
admin_printers_remove_call(struct session *s, const char *name, int arg)
{
	(void) arg;
	return printer_remove(s, name);
}

static int
admin_printers_disable(struct ui_screen *s, enum command cmd)
{
	struct admin_printers *a = (struct admin_printers *) s;
	const struct rec_printer *p;
	char *summary, *done, *name;
	size_t item;

	(void) cmd;
	if (!list_selected(&a->list, &item))
		return UI_DRAW_NONE;
	p = &a->printers[item];
	name = xstrdup(p->name);
	summary = xasprintf(p->disabled ? _("Enable the printer %s again: the "
	    "print room can choose it for new jobs.") : _("Disable the printer "
	    "%s: it is refused for new jobs, and stays in the register and "
	    "the print log."), name);
	done = xasprintf(p->disabled ? _("The printer %s is enabled.") :
	    _("The printer %s is disabled."), name);
	admin_printers_change(a, p->disabled ? _("Enable a printer") :
	    _("Disable a printer"), summary, p->disabled ? _("Enable") :
	    _("Disable"), printer_set_disabled, name, !p->disabled, done);
	free(summary);
	free(done);
	free(name);
	return UI_DRAW_ALL;
}

static int
admin_printers_remove(struct ui_screen *s, enum command cmd)
{
	struct admin_printers *a = (struct admin_printers *) s;
	char *summary, *done, *name;
	size_t item;

	(void) cmd;
	if (!list_selected(&a->list, &item))
		return UI_DRAW_NONE;
	name = xstrdup(a->printers[item].name);
	summary = xasprintf(_("Remove the printer %s from the register.  A "
	    "printer the print log names cannot be removed, only disabled."),
	    name);
	done = xasprintf(_("The printer %s is removed."), name);
	admin_printers_change(a, _("Remove a printer"), summary, _("Remove"),
	    admin_printers_remove_call, name, 0, done);
	free(summary);
	free(done);
	free(name);
	return UI_DRAW_ALL;
}

static const struct command_row admin_printers_commands[] = {
	{ CMD_PRINTER_ADD, admin_printers_add, ACT_PRINTER_MANAGE, 0, 0,
	  CMD_BOTTOM },
	{ CMD_PRINTER_DISABLE, admin_printers_disable, ACT_PRINTER_MANAGE,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_PRINTER_REMOVE, admin_printers_remove, ACT_PRINTER_MANAGE,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const admin_printers_tables[] = {
	admin_printers_commands, list_commands, NULL
};

static void
admin_printers_close(struct ui_screen *s)
{
	struct admin_printers *a = (struct admin_printers *) s;

	admin_printers_forget(a);
	list_free(&a->list);
	free(a);
}

static const struct ui_screen_ops admin_printers_ops = {
	"printers", 0, admin_printers_tables, list_draw, NULL, list_context,
	NULL, admin_printers_close
};

void
admin_printers_open(void)
{
	static const int cols[] = { 0, PRINTERS_KIND_COL, PRINTERS_COLOUR_COL,
		PRINTERS_CLASS_COL, PRINTERS_STATE_COL, PRINTERS_WHERE_COL };
	struct admin_printers *a = xcalloc(1, sizeof *a);
	const char *names[6];
	char *header;

	names[0] = _("Name");
	names[1] = _("Kind");
	names[2] = _("Colour");
	names[3] = _("Classification");
	names[4] = _("State");
	names[5] = _("Queue or folder");
	admin_printers_load(a);
	list_init(&a->list, &admin_printers_ops, &admin_printers_list_ops,
	    _("Printers"));
	header = list_columns(names, cols, 6);
	list_set_header(&a->list, header);
	free(header);
	list_set_empty(&a->list, _("No printer yet: a adds one."));
	loop_push(&a->list.screen);
}
