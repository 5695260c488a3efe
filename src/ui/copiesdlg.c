/*
 * copiesdlg.c -- the dialogs about copies: the drafter's application
 * for an extra print (加印, Flow 5), an approver's decision on it, and
 * the clerk's records of recalled and destroyed copies before a
 * reprint is sealed (重印, Flow 4).
 *
 * Copy numbers are typed as clerks write them ("1-3 5", full-width
 * digits too) and offered pre-filled with the copies that qualify;
 * which numbers may be recorded is the core's answer, shown next to
 * them.  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/docs.h"
#include "ui/flowask.h"

#define COPIESDLG_TEXT_MAX	500	/* characters of a reason */

struct copiesdlg {
	const struct docview		*v;
	const struct rec_application	*app;	/* deciding */
	size_t				 count;	/* inputs */
	size_t				 text;
	size_t				 decision;
	uint32_t			*nos;	/* parsed copy numbers */
	size_t				 nnos;
	uint32_t			 n;	/* parsed count */
};

static const char *
copiesdlg_text(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;

	return entry_text(&a->entry, d->text);
}

/* "1-3 5" for the sorted numbers NOS (a new string). */
static char *
copiesdlg_ranges(const uint32_t *nos, size_t n)
{
	char *out = xstrdup(""), *next;
	size_t i = 0, j;

	while (i < n) {
		for (j = i; j + 1 < n && nos[j + 1] == nos[j] + 1; j++)
			;
		next = j > i ? xasprintf("%s%s%u-%u", out, *out ? " " : "",
		    nos[i], nos[j]) : xasprintf("%s%s%u", out, *out ? " " : "",
		    nos[i]);
		free(out);
		out = next;
		i = j + 1;
	}
	return out;
}

static int
copiesdlg_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;

	return x < y ? -1 : x > y;
}

/* Parse the copy numbers input into D; marks it when it cannot. */
static int
copiesdlg_parse(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;

	free(d->nos);
	if (docfmt_copy_numbers(entry_text(&a->entry, d->count), &d->nos,
	    &d->nnos) != STATUS_OK) {
		entry_fail(&a->entry, d->count, _("Give copy numbers like "
		    "1-3 5."));
		return 0;
	}
	qsort(d->nos, d->nnos, sizeof *d->nos, copiesdlg_cmp);
	return 1;
}

static size_t
copiesdlg_where(struct flowask *a, enum status rc, const char **msg)
{
	struct copiesdlg *d = a->ctx;

	(void) msg;	/* the core's says it */
	switch (rc) {
	case STATUS_REASON_REQUIRED:
	case STATUS_WITNESS_REQUIRED:
		return d->text;
	case STATUS_COPY_NUMBER:
	case STATUS_COPIES_EXCEEDED:
		return d->count;
	default:
		return FLOWASK_NOWHERE;
	}
}

static struct flowask *
copiesdlg_new(struct copiesdlg *d, const char *title,
    const struct flowask_ops *ops, const char *yes, const char *more)
{
	char *intro = docfmt_intro(d->v), *full;
	struct flowask *a;

	full = more != NULL ? xasprintf("%s\n%s", intro, more) : xstrdup(intro);
	a = flowask_new(title, full, ops, yes, d);
	free(full);
	free(intro);
	return a;
}

/* -- Extra print (Flow 5) ----------------------------------------------- */

static char *
copiesdlg_extra_summary(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;
	char *name, *out;

	if (docfmt_number(entry_text(&a->entry, d->count), DOC_COPIES_MAX,
	    &d->n) != STATUS_OK) {
		entry_fail(&a->entry, d->count, _("Give the copies as a whole "
		    "number."));
		return NULL;
	}
	name = docfmt_name(d->v);
	out = xasprintf(ngettext("Apply for %u more copy of %s (Flow 5).  An "
	    "approver decides; then the print room may print exactly %u more, "
	    "with a new copy number.\nReason: %s", "Apply for %u more copies "
	    "of %s (Flow 5).  An approver decides; then the print room may "
	    "print exactly %u more, with new copy numbers.\nReason: %s", d->n),
	    d->n, name, d->n, copiesdlg_text(a));
	free(name);
	return out;
}

static enum status
copiesdlg_extra_act(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;
	uint64_t app_id;

	return printapp_extra(app_store(), app_session(), d->v->doc.id, d->n,
	    copiesdlg_text(a), &app_id);
}

static char *
copiesdlg_extra_done(struct flowask *a)
{
	(void) a;
	return xstrdup(_("The extra print is applied for; an approver "
	    "decides."));
}

static const struct flowask_ops copiesdlg_extra_ops = {
	copiesdlg_extra_summary, copiesdlg_extra_act, copiesdlg_where,
	copiesdlg_extra_done
};

int
copiesdlg_extra(const struct docview *v)
{
	struct copiesdlg d;
	struct flowask *a;

	memset(&d, 0, sizeof d);
	d.v = v;
	a = copiesdlg_new(&d, _("Apply for an extra print"),
	    &copiesdlg_extra_ops, _("Apply"), NULL);
	d.count = entry_add_text(&a->entry, _("Extra copies"), 0, 5, NULL);
	entry_set_width(&a->entry, d.count, 6);
	d.text = entry_add_text(&a->entry, _("Reason"), 0, COPIESDLG_TEXT_MAX,
	    NULL);
	entry_set_width(&a->entry, d.text, 60);
	return flowask_run(a);
}

/* -- Deciding an application -------------------------------------------- */

static char *
copiesdlg_decide_summary(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;
	char *name = docfmt_name(d->v), *out;
	int yes = entry_choice(&a->entry, d->decision) == 0;

	out = xasprintf(yes ? _("Approve the application (%s, %u more) for "
	    "%s by %s: the print room may then print them.\nComment: %s") :
	    _("Deny the application (%s, %u more) for %s by %s.\nComment: "
	    "%s"), docfmt_app_kind(d->app->kind), d->app->count, name,
	    docfmt_user(d->v, d->app->applicant_id), copiesdlg_text(a));
	free(name);
	return out;
}

static enum status
copiesdlg_decide_act(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;

	return printapp_decide(app_store(), app_session(), d->app->id,
	    entry_choice(&a->entry, d->decision) == 0, copiesdlg_text(a));
}

static char *
copiesdlg_decide_done(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;

	return xstrdup(entry_choice(&a->entry, d->decision) == 0 ?
	    _("The application is approved.") :
	    _("The application is denied."));
}

static const struct flowask_ops copiesdlg_decide_ops = {
	copiesdlg_decide_summary, copiesdlg_decide_act, copiesdlg_where,
	copiesdlg_decide_done
};

int
copiesdlg_decide(const struct docview *v)
{
	static const char *choices[2];
	struct copiesdlg d;
	struct flowask *a;
	char *what;

	memset(&d, 0, sizeof d);
	d.v = v;
	if ((d.app = docfmt_pending_app(v)) == NULL) {
		loop_message(_("No application waits for a decision on this "
		    "document."));
		return 0;
	}
	what = xasprintf(ngettext("Application by %s: %s, %u copy.  Reason: "
	    "%s", "Application by %s: %s, %u copies.  Reason: %s",
	    d.app->count), docfmt_user(v, d.app->applicant_id),
	    docfmt_app_kind(d.app->kind), d.app->count, d.app->reason != NULL ?
	    d.app->reason : "");
	a = copiesdlg_new(&d, _("Decide the application"),
	    &copiesdlg_decide_ops, _("Decide"), what);
	free(what);
	choices[0] = _("approve");
	choices[1] = _("deny");
	d.decision = entry_add_choice(&a->entry, _("Decision"), choices, 2, 0);
	d.text = entry_add_text(&a->entry, _("Comment"), 0, COPIESDLG_TEXT_MAX,
	    NULL);
	entry_set_width(&a->entry, d.text, 60);
	entry_set_hint(&a->entry, d.text, _("A denial needs a comment."));
	return flowask_run(a);
}

/* -- Recall and destruction (Flow 4) ------------------------------------ */

/* The printed copies of the sealed version not recalled yet, or (for
 * DESTROY) the recalled copies not destroyed yet, as "1-3 5". */
static char *
copiesdlg_pending(const struct docview *v, int destroy)
{
	uint32_t *nos = xcalloc(v->doc.next_copy_no + 1, sizeof *nos), c;
	size_t n = 0, i, k;
	int recalled;
	char *out;

	for (i = 0; destroy && i < v->nrecalls; i++)
		if (v->recalls[i].destroyed_by == 0 &&
		    v->recalls[i].copy_no <= v->doc.next_copy_no)
			nos[n++] = v->recalls[i].copy_no;
	for (i = 0; !destroy && i < v->njobs; i++) {
		if (v->jobs[i].version != v->doc.sealed_version ||
		    v->jobs[i].outcome != PRINT_DONE)
			continue;
		for (c = v->jobs[i].first_copy; c < v->jobs[i].first_copy +
		    v->jobs[i].count && n <= v->doc.next_copy_no; c++) {
			for (recalled = 0, k = 0; k < v->nrecalls; k++)
				recalled |= v->recalls[k].copy_no == c;
			if (!recalled)
				nos[n++] = c;
		}
	}
	qsort(nos, n, sizeof *nos, copiesdlg_cmp);
	out = copiesdlg_ranges(nos, n);
	free(nos);
	return out;
}

static char *
copiesdlg_recall_summary(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;
	char *list;
	char *out;

	if (!copiesdlg_parse(a))
		return NULL;
	list = copiesdlg_ranges(d->nos, d->nnos);
	out = xasprintf(ngettext("Record %zu copy (%s) of the earlier sealed "
	    "version as recalled (Flow 4).  Destroying it is recorded next, "
	    "with a witness.", "Record %zu copies (%s) of the earlier sealed "
	    "version as recalled (Flow 4).  Destroying them is recorded next, "
	    "with a witness.", d->nnos), d->nnos, list);
	free(list);
	return out;
}

static enum status
copiesdlg_recall_act(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;

	return reprint_recall(app_store(), app_session(), d->v->doc.id,
	    d->nos, d->nnos);
}

static char *
copiesdlg_recall_done(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;

	return xasprintf(ngettext("%zu copy recorded as recalled.",
	    "%zu copies recorded as recalled.", d->nnos), d->nnos);
}

static const struct flowask_ops copiesdlg_recall_ops = {
	copiesdlg_recall_summary, copiesdlg_recall_act, copiesdlg_where,
	copiesdlg_recall_done
};

static char *
copiesdlg_destroy_summary(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;
	char *list, *out;

	if (!copiesdlg_parse(a))
		return NULL;
	list = copiesdlg_ranges(d->nos, d->nnos);
	out = xasprintf(ngettext("Record %zu recalled copy (%s) as destroyed "
	    "in the presence of the witness %s (Flow 4).", "Record %zu "
	    "recalled copies (%s) as destroyed in the presence of the witness "
	    "%s (Flow 4).", d->nnos), d->nnos, list, copiesdlg_text(a));
	free(list);
	return out;
}

static enum status
copiesdlg_destroy_act(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;

	return reprint_destroy(app_store(), app_session(), d->v->doc.id,
	    d->nos, d->nnos, copiesdlg_text(a));
}

static char *
copiesdlg_destroy_done(struct flowask *a)
{
	struct copiesdlg *d = a->ctx;

	return xasprintf(ngettext("%zu copy recorded as destroyed.",
	    "%zu copies recorded as destroyed.", d->nnos), d->nnos);
}

static const struct flowask_ops copiesdlg_destroy_ops = {
	copiesdlg_destroy_summary, copiesdlg_destroy_act, copiesdlg_where,
	copiesdlg_destroy_done
};

/* Recall (DESTROY 0) or destruction (1) of V's copies. */
static int
copiesdlg_copies(const struct docview *v, int destroy)
{
	struct copiesdlg d;
	struct flowask *a;
	char *pending = copiesdlg_pending(v, destroy);
	int done;

	memset(&d, 0, sizeof d);
	d.v = v;
	a = copiesdlg_new(&d, destroy ? _("Record destroyed copies") :
	    _("Record recalled copies"), destroy ? &copiesdlg_destroy_ops :
	    &copiesdlg_recall_ops, destroy ? _("Destroyed") : _("Recalled"),
	    NULL);
	d.count = entry_add_text(&a->entry, _("Copy numbers"), 0, 200, pending);
	entry_set_width(&a->entry, d.count, 40);
	entry_set_hint(&a->entry, d.count,
	    _("Numbers and ranges, e.g. 1-3 5."));
	if (destroy) {
		d.text = entry_add_text(&a->entry, _("Witness"), 0, 64, NULL);
		entry_set_hint(&a->entry, d.text, _("The name of the person "
		    "who saw the copies destroyed."));
	}
	free(pending);
	done = flowask_run(a);
	free(d.nos);
	return done;
}

int
copiesdlg_recall(const struct docview *v)
{
	return copiesdlg_copies(v, 0);
}

int
copiesdlg_destroy(const struct docview *v)
{
	return copiesdlg_copies(v, 1);
}
