/*
 * flowdlg.c -- the dialogs of approval (Flow 1): submitting a draft,
 * approving with an optional comment (at the last step, the issuance),
 * returning with a required comment, sending for sealing, and the
 * clerk's or print room's reject with a required reason (Flow 3); and
 * approving several documents at once.
 *
 * Each says what will happen and asks before the core call; what the
 * core refuses is shown next to the comment or on the message line.
 * Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/docs.h"
#include "ui/flowask.h"

#define FLOWDLG_COMMENT_MAX	500	/* characters of a comment */

/* The data of the comment dialogs. */
struct flowdlg {
	const struct docview	*v;
	size_t			 comment;	/* the input */
	int			 last;	/* approving: the issuance */
	char			*why;	/* a refusal said here, or NULL */
};

/* Why the core refused RC on V, a new string.  For a step that needs a
 * higher leader it names the level this step needs: the status's own
 * message lists every level of Flow 1, which leaves the approver to
 * guess which one the document waits for. */
static char *
flowdlg_why(const struct docview *v, enum status rc)
{
	unsigned step = v->doc.approval_level;

	if (rc == STATUS_CHAIN_LEVEL && v->doc.state == DOC_IN_APPROVAL &&
	    step < v->chain.n)
		return xasprintf(_("It waits at step %u of %u of its approval "
		    "chain, which needs a %s (Flow 1); your leader level is "
		    "lower."), step + 1, v->chain.n,
		    chain_level_label(v->chain.level[step]));
	return xstrdup(status_message(rc));
}

/* flowdlg_why() for document ID as it stands now (the refusal may be
 * due to another approver's step since the dialog opened); *NAME gets
 * its name and drafter when it can be read, else NULL. */
static char *
flowdlg_why_now(uint64_t id, enum status rc, char **name)
{
	struct docview v;
	char *why, *title;

	*name = NULL;
	if (docview_get(app_store(), app_session(), id, &v) != STATUS_OK) {
		docview_free(&v);
		return xstrdup(status_message(rc));
	}
	why = flowdlg_why(&v, rc);
	title = docfmt_name(&v);
	*name = xasprintf(_("%s, drafted by %s"), title,
	    docfmt_user(&v, v.doc.drafter_id));
	free(title);
	docview_free(&v);
	return why;
}

static const char *
flowdlg_comment(struct flowask *a)
{
	struct flowdlg *f = a->ctx;

	return entry_text(&a->entry, f->comment);
}

/* "Comment: …", or that there is none. */
static char *
flowdlg_comment_line(struct flowask *a)
{
	const char *c = flowdlg_comment(a);

	return *c != '\0' ? xasprintf(_("Comment: %s"), c) :
	    xstrdup(_("No comment."));
}

/* Non-zero, and the field told, when the required reason is blank: the
 * core would refuse it, so the dialog says so before asking to confirm. */
static int
flowdlg_blank_reason(struct flowask *a)
{
	struct flowdlg *f = a->ctx;
	const char *c = flowdlg_comment(a);

	if (c[strspn(c, " \t\n")] != '\0')
		return 0;
	entry_fail(&a->entry, f->comment,
	    status_message(STATUS_REASON_REQUIRED));
	return 1;
}

static size_t
flowdlg_where(struct flowask *a, enum status rc, const char **msg)
{
	struct flowdlg *f = a->ctx;
	char *name;

	/* The core's message says it, but for the level a step needs. */
	if (rc == STATUS_CHAIN_LEVEL) {
		free(f->why);
		f->why = flowdlg_why_now(f->v->doc.id, rc, &name);
		free(name);
		*msg = f->why;
	}
	return rc == STATUS_REASON_REQUIRED ? f->comment : FLOWASK_NOWHERE;
}

/* Run a comment dialog for V: TITLE, the button YES, the comment's
 * LABEL and HINT. */
static int
flowdlg_run(struct flowdlg *f, const struct flowask_ops *ops,
    const char *title, const char *yes, const char *label, const char *hint)
{
	char *intro = docfmt_intro(f->v);
	struct flowask *a = flowask_new(title, intro, ops, yes, f);
	int done;

	free(intro);
	f->comment = entry_add_text(&a->entry, label, 0, FLOWDLG_COMMENT_MAX,
	    NULL);
	entry_set_width(&a->entry, f->comment, 60);
	entry_set_hint(&a->entry, f->comment, hint);
	done = flowask_run(a);
	free(f->why);
	f->why = NULL;
	return done;
}

/* -- Submit and send: a confirmation is all they ask -------------------- */

int
flowdlg_submit(const struct docview *v)
{
	char *name = docfmt_name(v), *summary;
	enum status rc;
	int yes;

	summary = xasprintf(_("Submit %s for approval.\nSeal: %s, chosen "
	    "before approval (Art. 10).\nThe approval chain has %u step(s); "
	    "the last one issues it.\nCopies asked for: %u."), name,
	    docfmt_mode(v->content.seal_mode), v->chain.n, v->content.copies);
	yes = dialog_confirm(_("Submit for approval"), summary, _("Submit"), 1);
	free(summary);
	free(name);
	if (yes != 1)
		return 0;
	if ((rc = workflow_submit(app_store(), app_session(), v->doc.id)) !=
	    STATUS_OK) {
		docfmt_refused(rc);
		return 0;
	}
	loop_message(_("Submitted for approval."));
	return 1;
}

int
flowdlg_send(const struct docview *v)
{
	char *name = docfmt_name(v), *summary;
	enum status rc;
	int yes;

	summary = xasprintf(ngettext("Send %s to the clerk for sealing, %u "
	    "copy.\nFrom now on this version cannot be edited: a change needs "
	    "a reprint, which restarts approval (Art. 10).", "Send %s to the "
	    "clerk for sealing, %u copies.\nFrom now on this version cannot "
	    "be edited: a change needs a reprint, which restarts approval "
	    "(Art. 10).", v->doc.copies), name, v->doc.copies);
	yes = dialog_confirm(_("Send for sealing"), summary, _("Send"), 1);
	free(summary);
	free(name);
	if (yes != 1)
		return 0;
	if ((rc = workflow_send(app_store(), app_session(), v->doc.id)) !=
	    STATUS_OK) {
		docfmt_refused(rc);
		return 0;
	}
	loop_message(_("Sent to the clerk for sealing."));
	return 1;
}

/* -- Approve ------------------------------------------------------------ */

static char *
flowdlg_approve_summary(struct flowask *a)
{
	struct flowdlg *f = a->ctx;
	char *name = docfmt_name(f->v), *comment = flowdlg_comment_line(a);
	char *out;
	unsigned step = f->v->doc.approval_level;

	out = xasprintf(f->last ? _("You issue (sign off) %s at step %u of "
	    "%u.  The document number is allocated now, and the drafter may "
	    "send it for sealing.\n%s") : _("You approve %s at step %u of "
	    "%u; it goes on to the next step.\n%s"), name, step + 1,
	    f->v->chain.n, comment);
	free(comment);
	free(name);
	return out;
}

static enum status
flowdlg_approve_act(struct flowask *a)
{
	struct flowdlg *f = a->ctx;

	return workflow_approve(app_store(), app_session(), f->v->doc.id,
	    flowdlg_comment(a));
}

static char *
flowdlg_approve_done(struct flowask *a)
{
	struct flowdlg *f = a->ctx;

	return xstrdup(f->last ? _("Issued.") : _("Approved."));
}

static const struct flowask_ops flowdlg_approve_ops = {
	flowdlg_approve_summary, flowdlg_approve_act, flowdlg_where,
	flowdlg_approve_done
};

int
flowdlg_approve(const struct docview *v)
{
	struct flowdlg f = { v, 0, 0, NULL };

	f.last = v->doc.approval_level + 1u >= v->chain.n;
	return flowdlg_run(&f, &flowdlg_approve_ops, f.last ?
	    _("Approve and issue") : _("Approve"), f.last ? _("Issue") :
	    _("Approve"), _("Comment (optional)"), _("Your comment goes into "
	    "the approval chain; F2 approves."));
}

/* -- Return and reject: a written reason -------------------------------- */

static char *
flowdlg_return_summary(struct flowask *a)
{
	struct flowdlg *f = a->ctx;
	char *name, *comment, *out;

	if (flowdlg_blank_reason(a))
		return NULL;
	name = docfmt_name(f->v);
	comment = flowdlg_comment_line(a);
	out = xasprintf(_("Return %s to its drafter, who revises it; "
	    "approval starts again.\n%s"), name, comment);
	free(comment);
	free(name);
	return out;
}

static enum status
flowdlg_return_act(struct flowask *a)
{
	struct flowdlg *f = a->ctx;

	return workflow_return(app_store(), app_session(), f->v->doc.id,
	    flowdlg_comment(a));
}

static char *
flowdlg_return_done(struct flowask *a)
{
	(void) a;
	return xstrdup(_("Returned to the drafter."));
}

static const struct flowask_ops flowdlg_return_ops = {
	flowdlg_return_summary, flowdlg_return_act, flowdlg_where,
	flowdlg_return_done
};

int
flowdlg_return(const struct docview *v)
{
	struct flowdlg f = { v, 0, 0, NULL };

	return flowdlg_run(&f, &flowdlg_return_ops, _("Return to the "
	    "drafter"), _("Return"), _("Comment (required)"), _("Say what "
	    "must change; F2 returns the document."));
}

static char *
flowdlg_reject_summary(struct flowask *a)
{
	struct flowdlg *f = a->ctx;
	char *name, *out;

	if (flowdlg_blank_reason(a))
		return NULL;
	name = docfmt_name(f->v);
	out = xasprintf(_("Reject %s back to its drafter (Flow 3), who fixes "
	    "it and starts a reprint.\nReason: %s"), name, flowdlg_comment(a));
	free(name);
	return out;
}

static enum status
flowdlg_reject_act(struct flowask *a)
{
	struct flowdlg *f = a->ctx;

	return workflow_reject(app_store(), app_session(), f->v->doc.id,
	    flowdlg_comment(a));
}

static char *
flowdlg_reject_done(struct flowask *a)
{
	(void) a;
	return xstrdup(_("Rejected back to the drafter."));
}

static const struct flowask_ops flowdlg_reject_ops = {
	flowdlg_reject_summary, flowdlg_reject_act, flowdlg_where,
	flowdlg_reject_done
};

int
flowdlg_reject(const struct docview *v)
{
	struct flowdlg f = { v, 0, 0, NULL };

	return flowdlg_run(&f, &flowdlg_reject_ops, _("Reject (Flow 3)"),
	    _("Reject"), _("Reason (required)"), _("Say what is wrong; F2 "
	    "rejects the document."));
}

/* -- Several at once ---------------------------------------------------- */

/* The titles of IDS, one a line, for the confirmation (a new string). */
static char *
flowdlg_titles(const uint64_t *ids, size_t n)
{
	char *out = xstrdup(""), *next, *name;
	struct docview v;
	size_t i;

	for (i = 0; i < n; i++) {
		if (docview_get(app_store(), app_session(), ids[i], &v) ==
		    STATUS_OK) {
			name = docfmt_name(&v);
			next = xasprintf("%s\n  %s", out, name);
			free(name);
			free(out);
			out = next;
		}
		docview_free(&v);
	}
	return out;
}

/* Approve each; the refusals, one a line, into *FAILED. */
static size_t
flowdlg_approve_each(const uint64_t *ids, size_t n, const char *comment,
    char **failed)
{
	char *next, *why, *name;
	size_t i, ok = 0;
	enum status rc;

	*failed = xstrdup("");
	for (i = 0; i < n; i++) {
		rc = workflow_approve(app_store(), app_session(), ids[i],
		    comment);
		if (rc == STATUS_OK) {
			ok++;
			continue;
		}
		/* Named as the confirmation named it, with its drafter:
		 * titles repeat, ids are seen nowhere else. */
		why = flowdlg_why_now(ids[i], rc, &name);
		next = name != NULL ? xasprintf(_("%s%s: %s\n"), *failed,
		    name, why) : xasprintf(_("%sDocument %llu: %s\n"), *failed,
		    (unsigned long long) ids[i], why);
		free(name);
		free(why);
		free(*failed);
		*failed = next;
	}
	return ok;
}

int
flowdlg_approve_many(const uint64_t *ids, size_t n)
{
	char *comment = NULL, *titles, *summary, *failed;
	size_t ok;
	int yes;

	if (dialog_prompt(_("Approve the tagged documents"), _("One comment "
	    "for all (optional):"), NULL, FLOWDLG_COMMENT_MAX, &comment) !=
	    STATUS_OK)
		return 0;
	titles = flowdlg_titles(ids, n);
	summary = xasprintf(ngettext("You approve %zu document at your step; "
	    "where yours is the last step, this issues it.%s\n%s",
	    "You approve %zu documents at your step; where yours is the last "
	    "step, this issues them.%s\n%s", n), n, titles, *comment != '\0' ?
	    comment : _("No comment."));
	yes = dialog_confirm(_("Approve several"), summary, _("Approve"), 1);
	free(summary);
	free(titles);
	if (yes != 1) {
		free(comment);
		return 0;
	}
	ok = flowdlg_approve_each(ids, n, comment, &failed);
	if (*failed != '\0')
		dialog_message(_("Some documents were not approved"), failed);
	loop_message(ngettext("%zu document approved.",
	    "%zu documents approved.", ok), ok);
	free(failed);
	free(comment);
	return 1;
}
