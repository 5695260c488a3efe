/*
 * sealdlg.c -- the clerk's sealing dialog (Flow 1, Art. 9 and 11): the
 * document with its sign-off, a choice among the active seals in the
 * clerk's custody (or proxy custody), the copies to confirm, and the
 * seal's key password, which is never echoed and never copied out of
 * its field.  Also the sealing of several blank-form batches at once
 * (Flow 1.2), each with its own approved copies.
 *
 * Which seals are offered is only a convenience: the core decides
 * whether this clerk may use that seal now (custody, period, grant) and
 * its refusal is shown next to the seal.  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/docs.h"
#include "ui/flowask.h"

struct sealdlg {
	const struct docview	*v;	/* one document, or NULL */
	const uint64_t		*ids;		/* several batches */
	uint32_t		*copies;	/* their approved copies */
	size_t			 n;
	struct rec_seal		*seals;		/* the register */
	size_t			 nseals;
	size_t			*usable;	/* indexes into SEALS */
	size_t			 nusable;
	size_t			 seal, ncopies, password; /* inputs */
	char			*failed;	/* several: the refusals */
	char			*refusal;	/* the one shown */
	size_t			 sealed;
};

/* -- The seals this clerk holds ----------------------------------------- */

/* Is S in an active proxy custody of the session's user, now? */
static int
sealdlg_proxy(const struct rec_seal *seal)
{
	struct rec_custody *list;
	size_t n, i;
	int64_t now = clock_now();
	int mine = 0;

	if (custody_list(app_session(), seal->regno, &list, &n) != STATUS_OK)
		return 0;
	for (i = 0; i < n; i++)
		mine |= list[i].kind == CUSTODY_PROXY &&
		    list[i].state == CUSTODY_ACTIVE &&
		    list[i].to_user == app_session()->user_id &&
		    list[i].period_from <= now && now <= list[i].period_to;
	custody_list_free(list, n);
	return mine;
}

/* The active seals in the clerk's custody or proxy custody; 0 when
 * there is none (the message line says so). */
static size_t
sealdlg_find(struct sealdlg *d)
{
	enum status rc;
	size_t i;

	rc = seal_list(app_session(), &d->seals, &d->nseals);
	if (rc != STATUS_OK) {
		docfmt_refused(rc);
		return 0;
	}
	d->usable = xcalloc(d->nseals > 0 ? d->nseals : 1, sizeof *d->usable);
	for (i = 0; i < d->nseals; i++)
		if (d->seals[i].status == SEAL_ACTIVE &&
		    (d->seals[i].custodian_id == app_session()->user_id ||
		    sealdlg_proxy(&d->seals[i])))
			d->usable[d->nusable++] = i;
	if (d->nusable == 0)
		loop_error(_("No active seal is in your custody or proxy "
		    "custody (Art. 6); the seal register lists the seals."));
	return d->nusable;
}

static void
sealdlg_free(struct sealdlg *d)
{
	if (d->seals != NULL)
		seal_list_free(d->seals, d->nseals);
	free(d->usable);
	free(d->copies);
	free(d->failed);
	free(d->refusal);
}

static const struct rec_seal *
sealdlg_chosen(struct flowask *a)
{
	struct sealdlg *d = a->ctx;

	return &d->seals[d->usable[entry_choice(&a->entry, d->seal)]];
}

/* The seal choice and the password; the copies come between them for
 * one document. */
static void
sealdlg_inputs(struct flowask *a, uint32_t copies)
{
	struct sealdlg *d = a->ctx;
	const char **labels = xcalloc(d->nusable, sizeof *labels);
	char **owned = xcalloc(d->nusable, sizeof *owned), *note;
	size_t i;

	for (i = 0; i < d->nusable; i++) {
		const struct rec_seal *s = &d->seals[d->usable[i]];

		owned[i] = xasprintf("%s %s", s->regno, s->name);
		labels[i] = owned[i];
	}
	d->seal = entry_add_choice(&a->entry, _("Seal to use"), labels,
	    d->nusable, 0);
	entry_set_width(&a->entry, d->seal, 50);
	for (i = 0; i < d->nusable; i++)
		free(owned[i]);
	free(owned);
	free(labels);
	if (d->v != NULL) {
		note = xasprintf("%u", copies);
		d->ncopies = entry_add_text(&a->entry, _("Copies"), 0, 5, note);
		free(note);
		note = xasprintf(_("approved: %u"), copies);
		entry_set_note(&a->entry, d->ncopies, note);
		free(note);
		entry_set_width(&a->entry, d->ncopies, 6);
	}
	d->password = entry_add_text(&a->entry, _("Key password"), 1, 0, NULL);
	entry_set_hint(&a->entry, d->password, _("The seal's key password "
	    "(not your login password); nothing shows as you type."));
	/* The keys line says "Save"; a newcomer must learn what F2 does. */
	entry_set_notes(&a->entry, _("F2 applies the seal, after a last "
	    "question."));
}

/* The custodian refused while her proxy holds the seal is told whom to
 * ask and until when; the status's own message when that cannot be
 * read. */
static void
sealdlg_with_proxy(struct flowask *a, const char **msg)
{
	struct sealdlg *d = a->ctx;

	free(d->refusal);
	d->refusal = NULL;
	if (custody_proxy_refusal(app_session(), sealdlg_chosen(a)->regno,
	    &d->refusal) == STATUS_OK)
		*msg = d->refusal;
}

static size_t
sealdlg_where(struct flowask *a, enum status rc, const char **msg)
{
	struct sealdlg *d = a->ctx;

	switch (rc) {
	case STATUS_KEY_PASSWORD:
		return d->password;
	case STATUS_COPIES:
		return d->v != NULL ? d->ncopies : FLOWASK_NOWHERE;
	case STATUS_SEAL_WITH_PROXY:
		sealdlg_with_proxy(a, msg);
		return d->seal;
	case STATUS_SEAL_INACTIVE:
	case STATUS_SEAL_CUSTODY:
	case STATUS_CUSTODY_PERIOD:
	case STATUS_CUSTODY_RETURNED:
	case STATUS_SEAL_NO_GRANT:
		return d->seal;
	default:
		return FLOWASK_NOWHERE;
	}
}

/* -- One document ------------------------------------------------------- */

/* Art. 9: the clerk sees who issued the version, or that nobody did. */
static char *
sealdlg_intro(const struct docview *v)
{
	const struct rec_approval *iss = docfmt_issuance(v);
	char *intro = docfmt_intro(v), *out, when[32];

	if (iss != NULL)
		out = xasprintf(_("%s\nIssued (signed off) by %s on %s%s%s "
		    "(Art. 9)."), intro, docfmt_user(v, iss->approver_id),
		    clock_format(iss->time, when, sizeof when),
		    iss->comment != NULL && *iss->comment != '\0' ? _(": ") :
		    "", iss->comment != NULL ? iss->comment : "");
	else
		out = xasprintf(_("%s\nNobody with issuing authority has "
		    "signed this version off: it cannot be sealed (Art. 9)."),
		    intro);
	free(intro);
	return out;
}

static char *
sealdlg_summary(struct flowask *a)
{
	struct sealdlg *d = a->ctx;
	const struct rec_seal *s = sealdlg_chosen(a);
	char *name;
	uint32_t n;
	char *out;

	if (docfmt_number(entry_text(&a->entry, d->ncopies), DOC_COPIES_MAX,
	    &n) != STATUS_OK) {
		entry_fail(&a->entry, d->ncopies, _("Give the copies as a "
		    "whole number."));
		return NULL;
	}
	/* The core would refuse another number: say so before asking. */
	if (n != d->v->content.copies) {
		out = xasprintf(_("The approved number of copies is %u; seal "
		    "with that number (Art. 11)."),
		    (unsigned) d->v->content.copies);
		entry_fail(&a->entry, d->ncopies, out);
		free(out);
		return NULL;
	}
	name = docfmt_name(d->v);
	out = xasprintf(ngettext("Seal %s, version %u, with %s %s.\nThe print "
	    "room may then print %u numbered copy (Art. 11).  The signature "
	    "is recorded in the seal's history and the audit trail.", "Seal "
	    "%s, version %u, with %s %s.\nThe print room may then print %u "
	    "numbered copies (Art. 11).  The signature is recorded in the "
	    "seal's history and the audit trail.", n), name,
	    d->v->doc.version, s->regno, s->name, n);
	free(name);
	return out;
}

static enum status
sealdlg_act(struct flowask *a)
{
	struct sealdlg *d = a->ctx;
	uint32_t n = 0;

	if (docfmt_number(entry_text(&a->entry, d->ncopies), DOC_COPIES_MAX,
	    &n) != STATUS_OK)
		return STATUS_COPIES;
	return workflow_seal(app_store(), app_session(), d->v->doc.id,
	    sealdlg_chosen(a)->id, n, entry_text(&a->entry, d->password));
}

static char *
sealdlg_done(struct flowask *a)
{
	return xasprintf(_("Sealed with %s; the document waits for the print "
	    "room."), sealdlg_chosen(a)->regno);
}

static const struct flowask_ops sealdlg_ops = {
	sealdlg_summary, sealdlg_act, sealdlg_where, sealdlg_done
};

int
sealdlg_seal(const struct docview *v)
{
	struct sealdlg d;
	struct flowask *a;
	char *intro;
	int done = 0;

	memset(&d, 0, sizeof d);
	d.v = v;
	if (sealdlg_find(&d) > 0) {
		intro = sealdlg_intro(v);
		a = flowask_new(_("Seal the document"), intro, &sealdlg_ops,
		    _("Apply seal"), &d);
		free(intro);
		sealdlg_inputs(a, v->doc.copies);
		done = flowask_run(a);
	}
	sealdlg_free(&d);
	return done;
}

/* -- Several blank-form batches ----------------------------------------- */

static char *
sealdlg_many_summary(struct flowask *a)
{
	struct sealdlg *d = a->ctx;
	const struct rec_seal *s = sealdlg_chosen(a);

	return xasprintf(ngettext("Seal %zu batch of blank forms with %s %s, "
	    "each with its approved copies (Flow 1.2), as listed above.",
	    "Seal %zu batches of blank forms with %s %s, each with its "
	    "approved copies (Flow 1.2), as listed above.", d->n), d->n,
	    s->regno, s->name);
}

/* Each batch; a wrong password stops at the first, before anything is
 * sealed, so it can be typed again. */
static enum status
sealdlg_many_act(struct flowask *a)
{
	struct sealdlg *d = a->ctx;
	const char *msg;
	enum status rc;
	char *next;
	size_t i;

	for (i = 0; i < d->n; i++) {
		rc = workflow_seal(app_store(), app_session(), d->ids[i],
		    sealdlg_chosen(a)->id, d->copies[i],
		    entry_text(&a->entry, d->password));
		if (rc == STATUS_OK) {
			d->sealed++;
			continue;
		}
		if (d->sealed == 0 && sealdlg_where(a, rc, &msg) !=
		    FLOWASK_NOWHERE)
			return rc;
		next = xasprintf(_("%sDocument %llu: %s\n"), d->failed != NULL ?
		    d->failed : "", (unsigned long long) d->ids[i],
		    status_message(rc));
		free(d->failed);
		d->failed = next;
	}
	if (d->failed != NULL)
		dialog_message(_("Some batches were not sealed"), d->failed);
	return d->sealed > 0 ? STATUS_OK : STATUS_STATE;
}

static char *
sealdlg_many_done(struct flowask *a)
{
	struct sealdlg *d = a->ctx;

	return xasprintf(ngettext("%zu batch sealed.", "%zu batches sealed.",
	    d->sealed), d->sealed);
}

static const struct flowask_ops sealdlg_many_ops = {
	sealdlg_many_summary, sealdlg_many_act, sealdlg_where,
	sealdlg_many_done
};

/* The batches, one a line with their copies; their copies into D. */
static char *
sealdlg_many_intro(struct sealdlg *d)
{
	char *out = xstrdup(_("Blank-form batches to seal:")), *next, *name;
	struct docview v;
	size_t i;

	d->copies = xcalloc(d->n, sizeof *d->copies);
	for (i = 0; i < d->n; i++) {
		if (docview_get(app_store(), app_session(), d->ids[i], &v) ==
		    STATUS_OK) {
			d->copies[i] = v.doc.copies;
			name = docfmt_name(&v);
			next = xasprintf(ngettext("%s\n  %s: %u copy",
			    "%s\n  %s: %u copies", v.doc.copies), out, name,
			    v.doc.copies);
			free(name);
			free(out);
			out = next;
		}
		docview_free(&v);
	}
	return out;
}

int
sealdlg_seal_many(const uint64_t *ids, size_t n)
{
	struct sealdlg d;
	struct flowask *a;
	char *intro;
	int done = 0;

	memset(&d, 0, sizeof d);
	d.ids = ids;
	d.n = n;
	if (sealdlg_find(&d) > 0) {
		intro = sealdlg_many_intro(&d);
		a = flowask_new(_("Seal blank-form batches"), intro,
		    &sealdlg_many_ops, _("Apply seal"), &d);
		free(intro);
		sealdlg_inputs(a, 0);
		done = flowask_run(a);
	}
	sealdlg_free(&d);
	return done;
}
