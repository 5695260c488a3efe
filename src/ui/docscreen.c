/*
 * docscreen.c -- one document: every field, the text, and its record as
 * a timeline (versions, the approval chain with comments, applications,
 * print jobs, recalls and destruction), with the actions the user's
 * roles allow on it.
 *
 * An instance of the generic list, one row per screen line, so / n N
 * search it.  The actions are one table (docscreen_actions): the
 * command, its dialog, the core action whose roles it needs and the
 * states it applies in.  Dispatch, help and the keys line come from it;
 * the keys line offers only what applies to this document now (a copy
 * of the rows per screen, flagged after every reload).  Whether an
 * action is allowed is still the core's answer, shown on the message
 * line.  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/docs.h"
#include "ui/list.h"

#define ST(s)		(1u << (s))

struct docscreen_action {
	enum command	 cmd;
	int		(*dialog)(const struct docview *v);
	int		 perm;		/* the core action */
	unsigned	 states;	/* where the core may allow it */
	int		(*applies)(const struct docview *v); /* keys line */
};

struct docscreen_line {
	char		*text;		/* one screen row */
	enum draw_style	 st;
};

struct docscreen;

static int docscreen_revise(const struct docview *v);
static int docscreen_reprint(const struct docview *v);
static int docscreen_mine(const struct docview *v);
static int docscreen_approver(const struct docview *v);
static int docscreen_rejecter(const struct docview *v);
static int docscreen_mine_sealed(const struct docview *v);
static int docscreen_decidable(const struct docview *v);
static int docscreen_recallable(const struct docview *v);
static int docscreen_destroyable(const struct docview *v);

static const struct docscreen_action docscreen_actions[] = {
	{ CMD_DOC_REVISE, docscreen_revise, ACT_DOC_DRAFT, ST(DOC_DRAFT) |
	  ST(DOC_RETURNED) | ST(DOC_APPROVED) | ST(DOC_REJECTED),
	  docscreen_mine },
	{ CMD_DOC_SUBMIT, flowdlg_submit, ACT_DOC_SUBMIT, ST(DOC_DRAFT),
	  docscreen_mine },
	{ CMD_DOC_APPROVE, flowdlg_approve, ACT_DOC_APPROVE,
	  ST(DOC_IN_APPROVAL), docscreen_approver },
	{ CMD_DOC_RETURN, flowdlg_return, ACT_DOC_RETURN, ST(DOC_IN_APPROVAL),
	  docscreen_approver },
	{ CMD_DOC_SEND, flowdlg_send, ACT_DOC_SEND, ST(DOC_APPROVED),
	  docscreen_mine },
	{ CMD_DOC_SEAL, sealdlg_seal, ACT_DOC_SEAL, ST(DOC_TO_SEAL), NULL },
	{ CMD_DOC_PRINT, printdlg_print, ACT_DOC_PRINT, ST(DOC_SEALED), NULL },
	{ CMD_DOC_REJECT, flowdlg_reject, ACT_DOC_REJECT, ST(DOC_TO_SEAL) |
	  ST(DOC_SEALED), docscreen_rejecter },
	{ CMD_DOC_REPRINT, docscreen_reprint, ACT_DOC_REPRINT, ST(DOC_SEALED) |
	  ST(DOC_PRINTED) | ST(DOC_REJECTED), docscreen_mine_sealed },
	{ CMD_DOC_EXTRA, copiesdlg_extra, ACT_DOC_EXTRA_PRINT, ST(DOC_SEALED) |
	  ST(DOC_PRINTED), docscreen_mine },
	{ CMD_APP_DECIDE, copiesdlg_decide, ACT_APP_DECIDE, 0,
	  docscreen_decidable },
	{ CMD_DOC_RECALL, copiesdlg_recall, ACT_DOC_RECALL, 0,
	  docscreen_recallable },
	{ CMD_DOC_DESTROY, copiesdlg_destroy, ACT_DOC_DESTROY, 0,
	  docscreen_destroyable },
};

#define DOCSCREEN_NACTIONS \
	(sizeof docscreen_actions / sizeof docscreen_actions[0])

struct docscreen {
	struct list		 list;
	uint64_t		 doc_id;
	struct docview		 v;
	int			 loaded;
	struct docscreen_line	*lines;
	size_t			 n;
	int			 width;		/* wrapped at, or 0 */

	/* This screen's copy of the action rows, flagged for the keys
	 * line after every reload, and the screen ops pointing at it. */
	struct command_row	 rows[DOCSCREEN_NACTIONS + 1];
	const struct command_row *tables[3];
	struct ui_screen_ops	 ops;
};

/* -- Whom an action concerns (the keys line only) ----------------------- */

static int
docscreen_mine(const struct docview *v)
{
	return app_session() != NULL &&
	    v->doc.drafter_id == app_session()->user_id;
}

static int
docscreen_approver(const struct docview *v)
{
	return !docscreen_mine(v);
}

/* The clerk rejects before sealing, the print room after. */
static int
docscreen_rejecter(const struct docview *v)
{
	uint32_t roles = app_session() != NULL ? app_session()->roles : 0;

	return v->doc.state == DOC_TO_SEAL ? (roles & ROLE_CLERK) != 0 :
	    (roles & ROLE_PRINTER) != 0;
}

static int
docscreen_mine_sealed(const struct docview *v)
{
	return docscreen_mine(v) && v->doc.sealed_version != 0;
}

static int
docscreen_decidable(const struct docview *v)
{
	const struct rec_application *a = docfmt_pending_app(v);

	return a != NULL && a->kind == APP_EXTRA_PRINT &&
	    a->applicant_id != app_session()->user_id;
}

/* Printed copies of an earlier sealed version that are not recalled
 * yet, while that version is being replaced (Flow 4). */
static int
docscreen_recallable(const struct docview *v)
{
	uint32_t printed = 0;
	size_t i;

	if (v->doc.sealed_version == 0 || v->doc.state == DOC_SEALED ||
	    v->doc.state == DOC_PRINTED)
		return 0;
	for (i = 0; i < v->njobs; i++)
		if (v->jobs[i].version == v->doc.sealed_version &&
		    v->jobs[i].outcome != PRINT_PENDING)
			printed += v->jobs[i].outcome == PRINT_DONE ?
			    v->jobs[i].count : 0;
	return printed > v->nrecalls;
}

static int
docscreen_destroyable(const struct docview *v)
{
	size_t i;

	for (i = 0; i < v->nrecalls; i++)
		if (v->recalls[i].destroyed_by == 0)
			return 1;
	return 0;
}

static int
docscreen_revise(const struct docview *v)
{
	return draft_revise(v, 0);
}

static int
docscreen_reprint(const struct docview *v)
{
	return draft_revise(v, 1);
}

/* -- The lines ---------------------------------------------------------- */

/* Add TEXT (sanitized, wrapped at the screen's width) in style ST. */
static void
docscreen_add(struct docscreen *d, const char *text, enum draw_style st)
{
	char *clean = text_sanitize(text, strlen(text), 1);
	const char *p = clean;
	size_t n;

	do {
		n = draw_wrap_next(p, (size_t) d->width);
		d->lines = xrealloc(d->lines, (d->n + 1) * sizeof *d->lines);
		d->lines[d->n].text = xstrndup(p, n);
		d->lines[d->n++].st = st;
		p += n;
		if (*p == '\n')
			p++;
	} while (*p != '\0');
	free(clean);
}

/* "Label: value", VALUE may be NULL or empty: then nothing. */
static void
docscreen_field(struct docscreen *d, const char *label, const char *value)
{
	char *line;

	if (value == NULL || *value == '\0')
		return;
	line = xasprintf(_("%s: %s"), label, value);
	docscreen_add(d, line, DRAW_NORMAL);
	free(line);
}

static void
docscreen_section(struct docscreen *d, const char *title)
{
	docscreen_add(d, "", DRAW_NORMAL);
	docscreen_add(d, title, DRAW_LABEL);
}

static void
docscreen_free_lines(struct docscreen *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->lines[i].text);
	free(d->lines);
	d->lines = NULL;
	d->n = 0;
}

/* Where the document stands and who acts next. */
static char *
docscreen_next(const struct docview *v)
{
	const struct rec_doc *doc = &v->doc;
	unsigned step = doc->approval_level;

	switch ((enum doc_state) doc->state) {
	case DOC_DRAFT:
		return xstrdup(_("A draft: the drafter revises it or submits "
		    "it for approval."));
	case DOC_IN_APPROVAL:
		return xasprintf(_("Waiting at step %u of %u of the approval "
		    "chain: %s."), step + 1, v->chain.n, chain_level_label(
		    step < v->chain.n ? v->chain.level[step] : 0));
	case DOC_RETURNED:
		return xstrdup(_("Returned to the drafter, who revises it."));
	case DOC_APPROVED:
		return xstrdup(_("Issued: the drafter checks it and sends it "
		    "for sealing."));
	case DOC_TO_SEAL:
		return xstrdup(_("Waiting for the clerk to verify the sign-off "
		    "and seal it."));
	case DOC_SEALED:
		return xasprintf(ngettext("Sealed: waiting for the print room; "
		    "%u of %u copy printed.", "Sealed: waiting for the print "
		    "room; %u of %u copies printed.", doc->copies),
		    doc->copies_printed, doc->copies);
	case DOC_PRINTED:
		return xasprintf(ngettext("The approved copy is printed (%u).",
		    "All %u approved copies are printed.", doc->copies),
		    doc->copies);
	case DOC_REJECTED:
		return xstrdup(_("Rejected: the drafter fixes it and starts a "
		    "reprint."));
	case DOC_REFUSED:
		return xstrdup(status_message(STATUS_REFUSED_KIND));
	default:
		return xstrdup(_("Closed: kept for the record."));
	}
}

static void
docscreen_seal(struct docscreen *d)
{
	const struct docview *v = &d->v;
	char *s;

	if (v->seal_regno != NULL)
		s = xasprintf(_("%s; applied: %s to version %u"),
		    docfmt_mode(v->content.seal_mode), v->seal_regno,
		    v->doc.sealed_version);
	else
		s = xstrdup(docfmt_mode(v->content.seal_mode));
	docscreen_field(d, _("Seal"), s);
	free(s);
	s = docfmt_copies(v);
	docscreen_field(d, _("Copies"), s);
	free(s);
}

static void
docscreen_fields(struct docscreen *d)
{
	const struct docview *v = &d->v;
	const struct doc_content *c = &v->content;
	char *s;

	docscreen_field(d, _("Title"), c->title);
	docscreen_field(d, _("Document number"), *v->number != '\0' ?
	    v->number : _("none yet (given at issuance)"));
	docscreen_field(d, _("State"), doc_state_label((enum doc_state)
	    v->doc.state));
	s = docscreen_next(v);
	docscreen_add(d, s, DRAW_HINT);
	free(s);
	docscreen_field(d, _("Kind"), doc_kind_label((enum doc_kind)
	    v->doc.kind));
	docscreen_field(d, _("Drafter"), docfmt_user(v, v->doc.drafter_id));
	docscreen_field(d, _("Addressed to"), c->recipients);
	docscreen_field(d, _("Issuing body"), c->issuing_body);
	s = xasprintf(_("%s%s%s; urgency: %s; special number: %s"),
	    docfmt_class(c->classification), c->classification != CLASS_NONE &&
	    c->classification_period != NULL ? _(", for ") : "",
	    c->classification != CLASS_NONE && c->classification_period !=
	    NULL ? c->classification_period : "", docfmt_urgency(c->urgency),
	    c->special_number ? _("yes") : _("no"));
	docscreen_field(d, _("Classification"), s);
	free(s);
	docscreen_seal(d);
}

/* The act at STEP of the current version: the newest approval or
 * issuance there, or NULL while it waits. */
static const struct rec_approval *
docscreen_step_act(const struct docview *v, unsigned step)
{
	size_t i;

	for (i = v->napprovals; i > 0; i--) {
		const struct rec_approval *a = &v->approvals[i - 1];

		if (a->version == v->doc.version && a->level == step &&
		    (a->action == APPROVAL_APPROVE ||
		    a->action == APPROVAL_ISSUE))
			return a;
	}
	return NULL;
}

/* Each step of the chain: its level, and who approved or issued it. */
static void
docscreen_chain(struct docscreen *d)
{
	const struct docview *v = &d->v;
	const struct rec_approval *a;
	char when[32], *line;
	unsigned i;

	docscreen_section(d, _("Approval chain"));
	for (i = 0; i < v->chain.n; i++) {
		a = docscreen_step_act(v, i);
		if (a != NULL)
			line = xasprintf(_("%u. %s: %s by %s, %s%s%s"), i + 1,
			    chain_level_label(v->chain.level[i]),
			    docfmt_action(a->action), docfmt_user(v,
			    a->approver_id), clock_format(a->time, when,
			    sizeof when), a->comment != NULL &&
			    *a->comment != '\0' ? _(": ") : "",
			    a->comment != NULL ? a->comment : "");
		else
			line = xasprintf(_("%u. %s: waiting%s"), i + 1,
			    chain_level_label(v->chain.level[i]),
			    i + 1 == v->chain.n ? _(" (the issuance)") : "");
		docscreen_add(d, line, a != NULL ? DRAW_NORMAL : DRAW_HINT);
		free(line);
	}
}

/* The text of the current version and its attachments. */
static void
docscreen_text(struct docscreen *d)
{
	const struct doc_content *c = &d->v.content;

	docscreen_section(d, _("Text"));
	docscreen_add(d, c->body != NULL ? c->body : "", DRAW_NORMAL);
	if (c->attachments != NULL && *c->attachments != '\0') {
		docscreen_section(d, _("Attachments"));
		docscreen_add(d, c->attachments, DRAW_NORMAL);
	}
}

/* -- The timeline ------------------------------------------------------- */

struct docscreen_event {
	int64_t	 time;
	size_t	 seq;		/* ties keep the order of adding */
	char	*text;
};

struct docscreen_events {
	struct docscreen_event	*e;
	size_t			 n;
};

static void
docscreen_event(struct docscreen_events *ev, int64_t time, char *text)
{
	ev->e = xrealloc(ev->e, (ev->n + 1) * sizeof *ev->e);
	ev->e[ev->n].time = time;
	ev->e[ev->n].seq = ev->n;
	ev->e[ev->n++].text = text;
}

static int
docscreen_event_cmp(const void *a, const void *b)
{
	const struct docscreen_event *x = a, *y = b;

	if (x->time != y->time)
		return x->time < y->time ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void docscreen_sealing(const struct rec_version *v,
    struct docscreen_events *ev);

static void
docscreen_versions(const struct docview *v, struct docscreen_events *ev)
{
	size_t i;

	for (i = 0; i < v->nversions; i++) {
		docscreen_event(ev, v->versions[i].created, xasprintf(
		    v->versions[i].number == 1 ? _("%s drafted version %u%s") :
		    _("%s wrote version %u%s"), docfmt_user(v,
		    v->versions[i].author_id), v->versions[i].number,
		    v->versions[i].frozen ? _(" (sent for e-sealing: frozen)") :
		    ""));
		docscreen_sealing(&v->versions[i], ev);
	}
}

/* The sealing of version V, from its signature: who, when, which seal
 * (the record keeps no other trace of the moment). */
static void
docscreen_sealing(const struct rec_version *v, struct docscreen_events *ev)
{
	struct ses_signature sig;

	if (v->signature.len == 0 || ses_signature_parse(v->signature.data,
	    v->signature.len, &sig) != STATUS_OK)
		return;
	if (sig.has_protected)
		docscreen_event(ev, sig.time, xasprintf(ngettext("%s sealed "
		    "version %u with %s, %u copy", "%s sealed version %u with "
		    "%s, %u copies", sig.protected.copies),
		    sig.protected.signer.name != NULL &&
		    *sig.protected.signer.name != '\0' ?
		    sig.protected.signer.name : sig.protected.signer.login,
		    v->number, sig.protected.seal_regno,
		    sig.protected.copies));
	ses_signature_free(&sig);
}

static void
docscreen_approvals(const struct docview *v, struct docscreen_events *ev)
{
	const struct rec_approval *a;
	size_t i;

	for (i = 0; i < v->napprovals; i++) {
		a = &v->approvals[i];
		docscreen_event(ev, a->time, xasprintf(_("%s: %s of version "
		    "%u%s%s"), docfmt_user(v, a->approver_id),
		    docfmt_action(a->action), a->version, a->comment != NULL &&
		    *a->comment != '\0' ? _(": ") : "", a->comment != NULL ?
		    a->comment : ""));
	}
}

static void
docscreen_apps(const struct docview *v, struct docscreen_events *ev)
{
	const struct rec_application *a;
	size_t i;

	for (i = 0; i < v->napps; i++) {
		a = &v->apps[i];
		docscreen_event(ev, a->created, xasprintf(ngettext("%s "
		    "applied: %s, %u copy%s%s", "%s applied: %s, %u copies%s%s",
		    a->count), docfmt_user(v, a->applicant_id),
		    docfmt_app_kind(a->kind), a->count, a->reason != NULL &&
		    *a->reason != '\0' ? _(": ") : "", a->reason != NULL ?
		    a->reason : ""));
		if (a->decided_by != 0)
			docscreen_event(ev, a->decided, xasprintf(_("%s "
			    "decided the %s: %s"), docfmt_user(v,
			    a->decided_by),
			    docfmt_app_kind(a->kind), docfmt_app_state(
			    a->state)));
	}
}


/* A job that did not print in full; its message is stored in English
 * (recwords.h) and shown translated. */
static void
docscreen_job_failed(const struct docview *v, const struct rec_printjob *j,
    struct docscreen_events *ev)
{
	char *message = recwords_text(j->message);

	docscreen_event(ev, j->time, xasprintf(_("%s: copies %u-%u of version "
	    "%u, %s%s%s"), docfmt_user(v, j->user_id), j->first_copy,
	    j->first_copy + j->count - 1, j->version, docfmt_outcome(
	    j->outcome), *message != '\0' ? _(": ") : "", message));
	free(message);
}
static void
docscreen_jobs(const struct docview *v, struct docscreen_events *ev)
{
	const struct rec_printjob *j;
	size_t i;

	for (i = 0; i < v->njobs; i++) {
		j = &v->jobs[i];
		if (j->outcome == PRINT_DONE && j->count == 1)
			docscreen_event(ev, j->time, xasprintf(_("%s printed "
			    "copy %u of version %u"), docfmt_user(v,
			    j->user_id), j->first_copy, j->version));
		else if (j->outcome == PRINT_DONE)
			docscreen_event(ev, j->time, xasprintf(_("%s printed "
			    "copies %u-%u of version %u"), docfmt_user(v,
			    j->user_id), j->first_copy, j->first_copy +
			    j->count - 1, j->version));
		else
			docscreen_job_failed(v, j, ev);
	}
}

static void
docscreen_recalls(const struct docview *v, struct docscreen_events *ev)
{
	const struct rec_recall *r;
	size_t i;

	for (i = 0; i < v->nrecalls; i++) {
		r = &v->recalls[i];
		docscreen_event(ev, r->recalled_at, xasprintf(_("%s recalled "
		    "copy %u of version %u"), docfmt_user(v, r->recalled_by),
		    r->copy_no, r->version));
		if (r->destroyed_by != 0)
			docscreen_event(ev, r->destroyed_at, xasprintf(_("%s "
			    "destroyed copy %u before the witness %s"),
			    docfmt_user(v, r->destroyed_by), r->copy_no,
			    r->witness != NULL ? r->witness : ""));
	}
}

static void
docscreen_timeline(struct docscreen *d)
{
	struct docscreen_events ev = { NULL, 0 };
	char when[32], *line;
	size_t i;

	docscreen_versions(&d->v, &ev);
	docscreen_approvals(&d->v, &ev);
	docscreen_apps(&d->v, &ev);
	docscreen_jobs(&d->v, &ev);
	docscreen_recalls(&d->v, &ev);
	qsort(ev.e, ev.n, sizeof *ev.e, docscreen_event_cmp);

	docscreen_section(d, _("Timeline"));
	for (i = 0; i < ev.n; i++) {
		line = xasprintf("%s  %s", clock_format(ev.e[i].time, when,
		    sizeof when), ev.e[i].text);
		docscreen_add(d, line, DRAW_NORMAL);
		free(line);
		free(ev.e[i].text);
	}
	free(ev.e);
}

/* -- The actions -------------------------------------------------------- */

static int
docscreen_applies(const struct docscreen *d, const struct docscreen_action *a)
{
	const struct docview *v = &d->v;

	if (!d->loaded || (a->states != 0 && !(a->states & ST(v->doc.state))))
		return 0;
	if (!app_permit_roles(app_session()->roles, a->perm))
		return 0;
	return a->applies == NULL || a->applies(v);
}

/* Flag what applies now for the keys line, and list it on the screen. */
static void
docscreen_offer(struct docscreen *d)
{
	char key[32], *line;
	int k;
	size_t i, shown = 0;

	for (i = 0; i < DOCSCREEN_NACTIONS; i++) {
		d->rows[i].flags = 0;
		if (!docscreen_applies(d, &docscreen_actions[i]))
			continue;
		d->rows[i].flags = CMD_BOTTOM;
		if (shown++ == 0)
			docscreen_section(d, _("What you can do"));
		if (command_keys(&d->list.screen, docscreen_actions[i].cmd,
		    &k, 1) == 0)
			continue;
		line = xasprintf("%-6s %s", command_key_name(k, key,
		    sizeof key), command_help(docscreen_actions[i].cmd));
		docscreen_add(d, line, DRAW_HINT);
		free(line);
	}
}

/* Build the lines from the record, at the body's width. */
static void
docscreen_layout(struct docscreen *d)
{
	docscreen_free_lines(d);
	d->width = draw_body().w - 1;
	if (d->width < 20)
		d->width = 20;
	if (d->loaded) {
		docscreen_fields(d);
		docscreen_chain(d);
		docscreen_text(d);
		docscreen_timeline(d);
	}
	docscreen_offer(d);
	list_reload(&d->list);
}

/* Read the document again (after an action, or at opening). */
static void
docscreen_load(struct docscreen *d)
{
	enum status rc;
	char *title;

	docview_free(&d->v);
	d->loaded = 0;
	if ((rc = docview_get(app_store(), app_session(), d->doc_id, &d->v)) !=
	    STATUS_OK) {
		docview_free(&d->v);
		docfmt_refused(rc);
	} else {
		d->loaded = 1;
		title = docfmt_name(&d->v);
		free(d->list.title);
		d->list.title = text_sanitize(title, strlen(title), 0);
		free(title);
	}
	docscreen_layout(d);
}

/* -- The list ----------------------------------------------------------- */

static size_t
docscreen_count(struct list *l)
{
	return ((struct docscreen *) l)->n;
}

static const char *
docscreen_line_text(struct list *l, size_t item)
{
	return ((struct docscreen *) l)->lines[item].text;
}

static void
docscreen_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	const struct docscreen *d = (const struct docscreen *) l;
	const struct docscreen_line *line = &d->lines[item];

	draw_text(r, row, 0, line->text, st == DRAW_SELECTED ? st : line->st);
}

static const struct list_ops docscreen_list_ops = {
	docscreen_count, docscreen_draw_row, docscreen_line_text, NULL, NULL
};

static void
docscreen_draw(struct ui_screen *s)
{
	struct docscreen *d = (struct docscreen *) s;

	if (draw_body().w - 1 != d->width && draw_body().w > 20)
		docscreen_layout(d);
	list_draw(s);
}

static void
docscreen_context(struct ui_screen *s, struct command_context *ctx)
{
	struct docscreen *d = (struct docscreen *) s;

	list_context(s, ctx);
	ctx->state = d->loaded ? d->v.doc.state : -1;
}

/* Every action: its dialog, then the document read again. */
static int
docscreen_run(struct ui_screen *s, enum command cmd)
{
	struct docscreen *d = (struct docscreen *) s;
	size_t i;

	if (!d->loaded)
		return UI_DRAW_NONE;
	for (i = 0; i < DOCSCREEN_NACTIONS; i++)
		if (docscreen_actions[i].cmd == cmd)
			break;
	if (i == DOCSCREEN_NACTIONS)
		return UI_DRAW_NONE;
	if (docscreen_actions[i].dialog(&d->v) == 1 && !loop_is_quitting())
		docscreen_load(d);
	return UI_DRAW_ALL;
}

static void
docscreen_close(struct ui_screen *s)
{
	struct docscreen *d = (struct docscreen *) s;

	docscreen_free_lines(d);
	docview_free(&d->v);
	list_free(&d->list);
	free(d);
}

static const struct ui_screen_ops docscreen_screen_ops = {
	"document", 0, NULL, docscreen_draw, NULL, docscreen_context, NULL,
	docscreen_close
};

static void
docscreen_rows(struct docscreen *d)
{
	size_t i;

	for (i = 0; i < DOCSCREEN_NACTIONS; i++) {
		d->rows[i].cmd = docscreen_actions[i].cmd;
		d->rows[i].run = docscreen_run;
		d->rows[i].perm = docscreen_actions[i].perm;
		d->rows[i].states = docscreen_actions[i].states;
	}
	d->rows[i].cmd = CMD_NONE;
	d->tables[0] = d->rows;
	d->tables[1] = list_commands;
	d->tables[2] = NULL;
	d->ops = docscreen_screen_ops;
	d->ops.tables = d->tables;
}

void
docscreen_open(uint64_t doc_id)
{
	struct docscreen *d = xcalloc(1, sizeof *d);

	d->doc_id = doc_id;
	docscreen_rows(d);
	list_init(&d->list, &d->ops, &docscreen_list_ops, _("Document"));
	list_set_empty(&d->list, _("The document cannot be shown."));
	loop_push(&d->list.screen);
	docscreen_load(d);
}
