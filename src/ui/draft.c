/*
 * draft.c -- drafting from a form (Flow 1): the list of document forms
 * in the forms folder; Enter fills one in as a new draft, b applies for
 * a batch of sealed blank forms of it (Flow 1.2).  F2 in the form saves:
 * the first time a new document (workflow_create), whose screen then
 * opens over the form to submit it; after that each save is a new
 * version of it (workflow_revise).  The seal mode (electronic or
 * traditional) is a field of every document form, chosen here, before
 * approval (Art. 10).
 *
 * The revision of an existing document fills its own form with its
 * current version; for a sealed document the same form becomes the
 * reprint application, with a reason (Flow 4).
 *
 * The form's values become a document through the core (import_form),
 * the same way as esealctl's; nothing here judges a value.  Must not
 * call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/docs.h"
#include "ui/flowask.h"
#include "ui/formview.h"
#include "ui/list.h"

#define DRAFT_KIND_COL	36	/* where the kind column starts */

enum draft_mode { DRAFT_NEW, DRAFT_BATCH, DRAFT_REVISE, DRAFT_REPRINT };

/* One form being filled in, while its screen is open. */
struct draft_work {
	enum draft_mode	 mode;
	uint64_t	 doc_id;	/* once saved, or the one revised */
	uint32_t	 batch_count;	/* DRAFT_BATCH, once applied for */
	int		 saved;
};

/* -- From the form to the core ------------------------------------------ */

/* The form's values as a document; the import's complaint on the
 * message line. */
static enum status
draft_content(const struct form *f, const char *const *values,
    struct doc_content *c)
{
	struct import_error err;
	enum status rc;

	rc = import_form(f, values, c, &err);
	if (rc != STATUS_OK && err.what != NULL)
		loop_error("%s: %s", err.key, err.what);
	return rc;
}

/* A reprint's reason, asked after the form is complete. */
static enum status
draft_reprint_apply(struct draft_work *w, const struct doc_content *c)
{
	char *reason = NULL;
	enum status rc;

	if (dialog_prompt(_("Apply for a reprint (Flow 4)"), _("What changed, "
	    "and why (required):"), NULL, 500, &reason) != STATUS_OK)
		return STATUS_CANCELLED;
	rc = reprint_apply(app_store(), app_session(), w->doc_id, c, reason);
	free(reason);
	return rc;
}

/* The batch of blank forms (Flow 1.2): how many (the form's copies when
 * the form itself says it is a batch), and why. */
static enum status
draft_batch_apply(struct draft_work *w, const struct doc_content *c)
{
	char *count = NULL, *reason = NULL;
	enum status rc;

	w->batch_count = c->copies;
	if (!c->batch) {
		if (dialog_prompt(_("Apply for sealed blank forms"), _("How "
		    "many forms:"), NULL, 5, &count) != STATUS_OK)
			return STATUS_CANCELLED;
		rc = docfmt_number(count, DOC_COPIES_MAX, &w->batch_count);
		free(count);
		if (rc != STATUS_OK)
			return rc;
	}
	if (dialog_prompt(_("Apply for sealed blank forms"), _("Purpose:"),
	    NULL, 500, &reason) != STATUS_OK)
		return STATUS_CANCELLED;
	rc = printapp_batch(app_store(), app_session(), c, w->batch_count, 0,
	    reason, &w->doc_id);
	free(reason);
	return rc;
}

/* First save of a new draft, or a batch application. */
static enum status
draft_first(struct draft_work *w, const struct doc_content *c)
{
	enum status rc;

	if (w->mode == DRAFT_BATCH || c->batch)
		rc = draft_batch_apply(w, c);
	else
		rc = workflow_create(app_store(), app_session(), c, &w->doc_id);
	/* The document comes up over its form: submitting is the next
	 * step; Esc returns to the form for a revision. */
	if (rc == STATUS_OK)
		docscreen_open(w->doc_id);
	return rc;
}

/* The formview's save: the document's first version, or a new one. */
static enum status
draft_save(void *ctx, const struct form *f, const char *const *values)
{
	struct draft_work *w = ctx;
	struct doc_content c;
	enum status rc;

	doc_content_init(&c);
	if ((rc = draft_content(f, values, &c)) != STATUS_OK)
		goto out;
	if (w->mode == DRAFT_REPRINT)
		rc = draft_reprint_apply(w, &c);
	else if (w->doc_id == 0)
		rc = draft_first(w, &c);
	else {
		c.batch = w->batch_count > 0;
		if (c.batch)
			c.copies = w->batch_count;
		rc = workflow_revise(app_store(), app_session(), w->doc_id, &c);
	}
	if (rc == STATUS_OK)
		w->saved = 1;
	if (rc == STATUS_SESSION_IDLE)
		docfmt_refused(rc);
out:
	doc_content_free(&c);
	return rc;
}

/* Fill FORM starting from VALUES (NULL: its defaults) until the form
 * is left. */
static void
draft_fill(const struct form *form, const char *const *values,
    struct draft_work *w)
{
	struct formview_hooks hooks = { draft_save, NULL, w };
	struct ui_screen *s = formview_new(form, values, &hooks);

	loop_push(s);
	loop_wait(s);
}

/* -- From a document back to its form ----------------------------------- */

static char *
draft_yes_no(int v)
{
	return xstrdup(v ? "yes" : "no");
}

/* The text fields of C by their form names; *FOUND says whether NAME
 * is one. */
static const char *
draft_text_field(const struct doc_content *c, const char *name, int *found)
{
	static const char *const names[] = {
		"title", "recipients", "body", "issuing-body",
		"classification-period"
	};
	const char *values[5];
	size_t i;

	values[0] = c->title;
	values[1] = c->recipients;
	values[2] = c->body;
	values[3] = c->issuing_body;
	values[4] = c->classification_period;
	for (i = 0; i < 5; i++)
		if (strcmp(name, names[i]) == 0) {
			*found = 1;
			return values[i];
		}
	*found = 0;
	return NULL;
}

/* The value of the field NAME for content C (a new string, or NULL). */
static char *
draft_value(const struct doc_content *c, const char *name)
{
	const char *text, *nl;
	int found;

	text = draft_text_field(c, name, &found);
	if (found)
		return text != NULL ? xstrdup(text) : NULL;
	if (strcmp(name, "classification") == 0)
		return xstrdup(doc_class_name(c->classification));
	if (strcmp(name, "urgency") == 0)
		return xstrdup(doc_urgency_name(c->urgency));
	if (strcmp(name, "seal-mode") == 0)
		return xstrdup(doc_mode_name(c->seal_mode));
	if (strcmp(name, "kind") == 0)
		return xstrdup(doc_kind_name(c->kind));
	if (strcmp(name, "special-number") == 0)
		return draft_yes_no(c->special_number);
	if (strcmp(name, "leader-in-charge") == 0)
		return draft_yes_no(c->leader_in_charge);
	if (strcmp(name, "copies") == 0)
		return xasprintf("%u", c->copies);
	if (strcmp(name, "attachment-text") == 0)
		return c->attachments != NULL && (nl = strchr(c->attachments,
		    '\n')) != NULL ? xstrdup(nl + 1) : NULL;
	return c->extra != NULL ? doc_fields_get(c->extra, name) : NULL;
}

static void
draft_values_free(char **values, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(values[i]);
	free(values);
}

int
draft_revise(const struct docview *v, int reprint)
{
	struct draft_work w = { reprint ? DRAFT_REPRINT : DRAFT_REVISE,
	    v->doc.id, v->doc.batch ? v->doc.copies : 0, 0 };
	struct form_list forms;
	const struct form *f;
	char **values;
	size_t i;

	form_list_load(app_forms_dir(), &forms);
	f = v->content.form != NULL ? form_list_find(&forms,
	    v->content.form) : NULL;
	if (f == NULL) {
		loop_error(_("This document was imported, not drafted from a "
		    "form: revise it from its file with 'esealctl doc %s %llu "
		    "--import FILE'."), reprint ? "reprint" : "revise",
		    (unsigned long long) v->doc.id);
		form_list_free(&forms);
		return 0;
	}
	values = xcalloc(f->nfields, sizeof *values);
	for (i = 0; i < f->nfields; i++)
		values[i] = draft_value(&v->content, f->fields[i].name);
	draft_fill(f, (const char *const *) values, &w);
	draft_values_free(values, f->nfields);
	form_list_free(&forms);
	return w.saved;
}

/* -- The list of forms -------------------------------------------------- */

struct draft {
	struct list		 list;
	struct form_list	 forms;
	const struct form	**docs;		/* the document forms */
	char			**texts;	/* what / and l look in */
	size_t			 n;
	const char		*lang;
};

static size_t
draft_count(struct list *l)
{
	return ((struct draft *) l)->n;
}

static const char *
draft_text(struct list *l, size_t item)
{
	return ((struct draft *) l)->texts[item];
}

static void
draft_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	struct draft *d = (struct draft *) l;
	const struct form *f = d->docs[item];
	struct draw_rect title = *r;

	title.w = DRAFT_KIND_COL - 2 < r->w ? DRAFT_KIND_COL - 2 : r->w;
	draw_text(&title, row, 0, form_text_get(&f->title, d->lang), st);
	draw_text(r, row, DRAFT_KIND_COL, form_kind_name(f->kind), st);
}

static int
draft_compare(struct list *l, size_t a, size_t b, int key)
{
	struct draft *d = (struct draft *) l;

	if (key == 1)
		return strcmp(d->docs[a]->kind, d->docs[b]->kind);
	return strcmp(form_text_get(&d->docs[a]->title, d->lang),
	    form_text_get(&d->docs[b]->title, d->lang));
}

static const char *const draft_sort_names[] = {
	N_("title"), N_("kind"), NULL
};

static const struct list_ops draft_list_ops = {
	draft_count, draft_draw_row, draft_text, draft_compare,
	draft_sort_names
};

/* Fill the selected form as MODE; a batch starts with the form's own
 * "blank forms" choice (field batch) on yes. */
static int
draft_start(struct ui_screen *s, enum draft_mode mode)
{
	struct draft *d = (struct draft *) s;
	struct draft_work w = { mode, 0, 0, 0 };
	const struct form *f;
	const char **values;
	size_t item;
	int batch;

	if (!list_selected(&d->list, &item))
		return UI_DRAW_NONE;
	f = d->docs[item];
	values = xcalloc(f->nfields + 1, sizeof *values);
	if (mode == DRAFT_BATCH && (batch = form_field_index(f, "batch")) >= 0)
		values[batch] = "yes";
	draft_fill(f, values, &w);
	free(values);
	return UI_DRAW_ALL;
}

static int
draft_new(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	return draft_start(s, DRAFT_NEW);
}

static int
draft_batch(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	return draft_start(s, DRAFT_BATCH);
}

static const struct command_row draft_commands[] = {
	{ CMD_OPEN, draft_new, ACT_DOC_DRAFT, CMD_NEEDS_SELECTION, 0,
	  CMD_BOTTOM },
	{ CMD_DOC_BATCH, draft_batch, ACT_DOC_BATCH, CMD_NEEDS_SELECTION, 0,
	  CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const draft_tables[] = {
	draft_commands, list_commands, list_sort_commands, NULL
};

static void
draft_close(struct ui_screen *s)
{
	struct draft *d = (struct draft *) s;
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->texts[i]);
	free(d->texts);
	free(d->docs);
	form_list_free(&d->forms);
	list_free(&d->list);
	free(d);
}

static const struct ui_screen_ops draft_screen_ops = {
	"draft", 0, draft_tables, list_draw, NULL, list_context, NULL,
	draft_close
};

/* The document forms (not the applications) of the folder. */
static void
draft_load(struct draft *d)
{
	const struct form *f;
	size_t i;

	form_list_load(app_forms_dir(), &d->forms);
	d->docs = xcalloc(d->forms.n + 1, sizeof *d->docs);
	d->texts = xcalloc(d->forms.n + 1, sizeof *d->texts);
	for (i = 0; i < d->forms.n; i++) {
		f = d->forms.forms[i];
		if (strcmp(f->kind, "application") == 0)
			continue;
		d->texts[d->n] = xasprintf("%s %s %s", form_text_get(
		    &f->title, d->lang), f->id, form_kind_name(f->kind));
		d->docs[d->n++] = f;
	}
}

void
draft_open(void)
{
	struct draft *d = xcalloc(1, sizeof *d);
	char *empty;

	d->lang = form_lang();
	draft_load(d);
	list_init(&d->list, &draft_screen_ops, &draft_list_ops,
	    _("Draft a document: choose its form"));
	empty = xasprintf(_("No document forms in %s; set ESEAL_FORMS_DIR "
	    "to the forms folder."), app_forms_dir());
	list_set_empty(&d->list, empty);
	free(empty);
	list_set_header(&d->list, _("Form"));
	loop_push(&d->list.screen);
	if (d->forms.nerrors > 0)
		loop_error(_("%zu form(s) could not be read; the first: %s"),
		    d->forms.nerrors, d->forms.errors[0]);
}
