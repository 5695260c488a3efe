/*
 * standalones.c -- the office's screen of standalone seals (Art. 14):
 * every application with its seal, designated person, station, period,
 * uses and state; the clerk applies, issues an approved one to a
 * registered medium (its one-time secret shown once) and takes one
 * back; the station's director and the office director approve or
 * deny.  The core checks every role and rule and audits (standalone.h);
 * the commands a role may not use are not offered.
 *
 * An instance of the generic list, with the selected one's details
 * under it, and flowask dialogs.  Must not call curses.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/flowask.h"
#include "ui/list.h"
#include "ui/screens.h"

#define SA_PERSON_COL	20	/* columns of the list */
#define SA_STATION_COL	34
#define SA_USES_COL	56
#define SA_STATE_COL	64
#define SA_FOOTER	3
#define SA_TEXT_MAX	200
#define SA_MEDIUM_MAX	1024

struct sa_screen {
	struct list		 list;
	struct standalone_item	*v;
	size_t			 n;
	char			**texts;
};

static const char *
sa_state_label(const struct rec_application *a)
{
	static const struct { const char *name, *label; } labels[] = {
		{ "pending", N_("pending") }, { "approved", N_("approved") },
		{ "denied", N_("denied") }, { "returned", N_("returned") },
		{ "cancelled", N_("cancelled") }, { "issued", N_("issued") },
		{ "overdue", N_("overdue: not returned") },
		{ "tampered", N_("returned, tampered with") }
	};
	const char *name = standalone_state_name(a, clock_now());
	size_t i;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].name, name) == 0)
			return _(labels[i].label);
	return "?";
}

/* -- The model ------------------------------------------------------------- */

static void
sa_forget(struct sa_screen *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->texts[i]);
	free(a->texts);
	standalone_items_free(a->v, a->n);
	a->v = NULL;
	a->texts = NULL;
	a->n = 0;
}

static void
sa_load(struct sa_screen *a)
{
	enum status rc;
	size_t i;

	sa_forget(a);
	if ((rc = standalone_items(app_session(), 0, &a->v, &a->n)) !=
	    STATUS_OK)
		loop_error("%s", status_message(rc));
	a->texts = xcalloc(a->n > 0 ? a->n : 1, sizeof *a->texts);
	for (i = 0; i < a->n; i++)
		a->texts[i] = xasprintf("%s %s %s %s %s", a->v[i].regno,
		    a->v[i].person, a->v[i].person_name, a->v[i].station,
		    sa_state_label(&a->v[i].app));
}

static size_t
sa_count(struct list *l)
{
	return ((struct sa_screen *) l)->n;
}

static const char *
sa_text(struct list *l, size_t item)
{
	return ((struct sa_screen *) l)->texts[item];
}

static void
sa_draw_row(struct list *l, size_t item, const struct draw_rect *r, int row,
    enum draw_style st)
{
	const struct standalone_item *it = &((struct sa_screen *) l)->v[item];
	struct draw_rect cell = *r;
	char uses[32];

	cell.w = SA_PERSON_COL - 1 < r->w ? SA_PERSON_COL - 1 : r->w;
	draw_text(&cell, row, 0, it->regno, st);
	cell.w = SA_STATION_COL - 1 < r->w ? SA_STATION_COL - 1 : r->w;
	draw_text(&cell, row, SA_PERSON_COL, it->person_name[0] != '\0' ?
	    it->person_name : it->person, st);
	cell.w = SA_USES_COL - 1 < r->w ? SA_USES_COL - 1 : r->w;
	draw_text(&cell, row, SA_STATION_COL, it->station, st);
	snprintf(uses, sizeof uses, "%u/%u", (unsigned) it->app.uses,
	    (unsigned) it->app.count);
	draw_text(r, row, SA_USES_COL, uses, st);
	draw_text(r, row, SA_STATE_COL, sa_state_label(&it->app), st);
}

static const struct list_ops sa_list_ops = {
	sa_count, sa_draw_row, sa_text, NULL, NULL
};

static void
sa_draw(struct ui_screen *s)
{
	struct sa_screen *a = (struct sa_screen *) s;
	struct draw_rect foot = list_footer(&a->list);
	const struct standalone_item *it;
	char from[32], to[32], *line;
	size_t item;

	list_draw(s);
	draw_clear(&foot, DRAW_NORMAL);
	draw_hline(&foot, 0);
	if (!list_selected(&a->list, &item))
		return;
	it = &a->v[item];
	line = xasprintf(_("No. %llu, for: %s"), (unsigned long long)
	    it->app.id, it->app.reason != NULL ? it->app.reason : "");
	draw_line(&foot, 1, line, DRAW_NORMAL);
	free(line);
	line = xasprintf(_("Period %s to %s; approved by the station: %s, by "
	    "the office: %s."), clock_format(it->app.period_from, from,
	    sizeof from), clock_format(it->app.period_to, to, sizeof to),
	    it->app.decided_by != 0 ? _("yes") : _("no"),
	    it->app.decided_by2 != 0 ? _("yes") : _("no"));
	draw_line(&foot, 2, line, DRAW_NORMAL);
	free(line);
}

static void
sa_reload(struct sa_screen *a)
{
	if (loop_is_quitting())
		return;
	sa_load(a);
	list_reload(&a->list);
}

/* -- Applying -------------------------------------------------------------- */

struct sa_apply {
	size_t		 regno, person, station, purpose, from, to, uses;
	struct standalone_spec spec;
};

/* "YYYY-MM-DD HH:MM" or "YYYY-MM-DD", local time, the way the core
 * reads a period's end (UNTIL: a date alone is the whole day); 0 when
 * not a time. */
static int64_t
sa_time(const char *text, int until)
{
	int64_t t;

	if (*text == '@' || standalone_time_parse(text, until, &t) !=
	    STATUS_OK)
		return 0;
	return t;
}

static char *
sa_apply_summary(struct flowask *a)
{
	struct sa_apply *d = a->ctx;
	struct standalone_spec *sp = &d->spec;

	sp->regno = entry_text(&a->entry, d->regno);
	sp->person = entry_text(&a->entry, d->person);
	sp->station = entry_text(&a->entry, d->station);
	sp->purpose = entry_text(&a->entry, d->purpose);
	if ((sp->from = sa_time(entry_text(&a->entry, d->from), 0)) == 0) {
		entry_fail(&a->entry, d->from, _("Type a time as "
		    "2026-01-31 09:00."));
		return NULL;
	}
	if ((sp->to = sa_time(entry_text(&a->entry, d->to), 1)) == 0) {
		entry_fail(&a->entry, d->to, _("Type a time as "
		    "2026-01-31 18:00."));
		return NULL;
	}
	sp->uses = (uint32_t) strtoul(entry_text(&a->entry, d->uses), NULL,
	    10);
	return xasprintf(_("Apply for a standalone copy of the seal %s for "
	    "%s at %s, %u uses from %s to %s.  The station's director and "
	    "the office director both decide; it is recorded in the audit "
	    "trail."), sp->regno, sp->person, sp->station,
	    (unsigned) sp->uses, entry_text(&a->entry, d->from),
	    entry_text(&a->entry, d->to));
}

static enum status
sa_apply_act(struct flowask *a)
{
	struct sa_apply *d = a->ctx;

	return standalone_apply(app_session(), &d->spec, NULL);
}

static size_t
sa_apply_where(struct flowask *a, enum status rc, const char **msg)
{
	struct sa_apply *d = a->ctx;

	(void) msg;	/* each refusal's own message says what to change */
	if (rc == STATUS_REASON_REQUIRED)
		return d->purpose;
	if (rc == STATUS_SA_PERIOD || rc == STATUS_SA_PERIOD_SEAL)
		return d->to;
	if (rc == STATUS_SA_USES)
		return d->uses;
	if (rc == STATUS_SA_PERSON_STATION)
		return d->person;
	return rc == STATUS_NOT_FOUND ? d->person : FLOWASK_NOWHERE;
}

static char *
sa_apply_done(struct flowask *a)
{
	(void) a;
	return xstrdup(_("The application is made; it waits for both "
	    "directors."));
}

static const struct flowask_ops sa_apply_ops = {
	sa_apply_summary, sa_apply_act, sa_apply_where, sa_apply_done
};

static int
sa_cmd_apply(struct ui_screen *s, enum command cmd)
{
	struct sa_apply d;
	struct flowask *a;

	(void) cmd;
	memset(&d, 0, sizeof d);
	a = flowask_new(_("Apply for a standalone seal"), _("A copy of a seal "
	    "for a work station's designated person, for that station's "
	    "documents only (Art. 14).  F2 applies."), &sa_apply_ops,
	    _("Apply"), &d);
	d.regno = entry_add_text(&a->entry, _("Seal"), 0, 32, NULL);
	d.person = entry_add_text(&a->entry, _("Designated person"), 0, 64,
	    NULL);
	d.station = entry_add_text(&a->entry, _("Work station"), 0,
	    SA_TEXT_MAX, NULL);
	d.purpose = entry_add_text(&a->entry, _("Purpose"), 0, SA_TEXT_MAX,
	    NULL);
	d.from = entry_add_text(&a->entry, _("From"), 0, 16, NULL);
	d.to = entry_add_text(&a->entry, _("Until"), 0, 16, NULL);
	d.uses = entry_add_text(&a->entry, _("Uses"), 0, 3, "1");
	entry_set_hint(&a->entry, d.regno, _("The seal's registration "
	    "number, as the seal register shows it."));
	entry_set_hint(&a->entry, d.person, _("The login name of the "
	    "station's designated person."));
	entry_set_hint(&a->entry, d.to, _("The last day of use (the whole "
	    "day), or a day and time."));
	if (flowask_run(a))
		sa_reload((struct sa_screen *) s);
	return UI_DRAW_ALL;
}

/* -- Deciding -------------------------------------------------------------- */

static int
sa_cmd_decide(struct ui_screen *s, enum command cmd)
{
	struct sa_screen *a = (struct sa_screen *) s;
	char *summary, *reason = NULL;
	enum status rc;
	size_t item;
	uint64_t id;

	if (!list_selected(&a->list, &item))
		return UI_DRAW_NONE;
	id = a->v[item].app.id;
	if (cmd == CMD_SA_APPROVE) {
		summary = xasprintf(_("Approve the standalone copy of the seal "
		    "%s for %s at %s.  Both directors must approve; it is "
		    "recorded in the audit trail."), a->v[item].regno,
		    a->v[item].person, a->v[item].station);
		rc = dialog_confirm(_("Approve a standalone seal"), summary,
		    _("Approve"), 0) == 1 ? standalone_decide(app_session(), id,
		    1, NULL) : STATUS_CANCELLED;
		free(summary);
	} else {
		rc = dialog_prompt(_("Deny a standalone seal"), _("Reason"),
		    NULL, SA_TEXT_MAX, &reason);
		if (rc == STATUS_OK)
			rc = standalone_decide(app_session(), id, 0, reason);
		free(reason);
	}
	if (rc == STATUS_OK)
		loop_message("%s", cmd == CMD_SA_APPROVE ?
		    _("The standalone seal is approved.") :
		    _("The standalone seal is denied."));
	else if (rc != STATUS_CANCELLED)
		loop_error("%s", status_message(rc));
	sa_reload(a);
	return UI_DRAW_ALL;
}

/* -- Issuing and taking back ----------------------------------------------- */

struct sa_medium {
	size_t					 medium, key_pw;
	uint64_t				 id;
	int					 issue;
	char					*secret;
	struct standalone_return_info		 info;
	enum status				 tampered;
};

static char *
sa_medium_summary(struct flowask *a)
{
	struct sa_medium *d = a->ctx;
	const char *m = entry_text(&a->entry, d->medium);

	if (d->issue)
		return xasprintf(_("Write standalone seal no. %llu to the "
		    "medium %s, its key wrapped under a new one-time secret "
		    "shown once.  Recorded in the audit trail."),
		    (unsigned long long) d->id, m);
	return xasprintf(_("Read standalone seal no. %llu back from the "
	    "medium %s: its uses go into the audit trail and the package is "
	    "wiped from the medium."), (unsigned long long) d->id, m);
}

static enum status
sa_medium_act(struct flowask *a)
{
	struct sa_medium *d = a->ctx;
	const char *m = entry_text(&a->entry, d->medium);
	enum status rc;

	if (d->issue)
		return standalone_issue(app_session(), d->id,
		    entry_text(&a->entry, d->key_pw), m, &d->secret);
	rc = standalone_return(app_session(), d->id, m, &d->info);
	/* Taken back all the same: the tampering is shown after. */
	return d->info.tampered != STATUS_OK ? STATUS_OK : rc;
}

static size_t
sa_medium_where(struct flowask *a, enum status rc, const char **msg)
{
	struct sa_medium *d = a->ctx;

	(void) msg;
	if (rc == STATUS_KEY_PASSWORD && d->issue)
		return d->key_pw;
	return rc == STATUS_MEDIUM_UNREGISTERED || rc == STATUS_MEDIUM_ABSENT ||
	    rc == STATUS_EXISTS || rc == STATUS_SA_NO_PACKAGE ? d->medium :
	    FLOWASK_NOWHERE;
}

static char *
sa_medium_done(struct flowask *a)
{
	struct sa_medium *d = a->ctx;

	if (d->issue)
		return xstrdup(_("The standalone seal is on the medium."));
	return xasprintf(_("Taken back: %u uses imported, the package wiped."),
	    (unsigned) d->info.uses);
}

static const struct flowask_ops sa_medium_ops = {
	sa_medium_summary, sa_medium_act, sa_medium_where, sa_medium_done
};

/* What the clerk must see once the dialog is gone. */
static void
sa_medium_after(struct sa_medium *d)
{
	char *text;

	if (d->secret != NULL) {
		text = xasprintf(_("Give this one-time secret to the "
		    "designated person, by hand; it is shown only now and "
		    "kept nowhere:"
		    "\n\n    %s\n\nWithout it the seal on the medium cannot "
		    "be used."), d->secret);
		dialog_message(_("One-time secret"), text);
		mem_wipe(text, strlen(text));
		free(text);
		crypto_secure_free(d->secret);
		d->secret = NULL;
	} else if (!d->issue && d->info.tampered != STATUS_OK) {
		text = xasprintf(_("The standalone seal was taken back and "
		    "revoked, but it was tampered with (found at entry %u): "
		    "%s\nThis is recorded in the audit trail."),
		    (unsigned) d->info.at, status_message(d->info.tampered));
		dialog_message(_("Tampering found"), text);
		free(text);
	}
}

static int
sa_cmd_medium(struct ui_screen *s, enum command cmd)
{
	struct sa_screen *l = (struct sa_screen *) s;
	struct sa_medium d;
	struct flowask *a;
	size_t item;

	if (!list_selected(&l->list, &item))
		return UI_DRAW_NONE;
	memset(&d, 0, sizeof d);
	d.id = l->v[item].app.id;
	d.issue = cmd == CMD_SA_ISSUE;
	a = flowask_new(d.issue ? _("Issue a standalone seal") :
	    _("Take back a standalone seal"), d.issue ? _("The medium must be "
	    "registered and mounted; the seal's custodian types the key "
	    "password.  F2 issues.") : _("The medium the standalone seal "
	    "went out on.  F2 takes it back."), &sa_medium_ops,
	    d.issue ? _("Issue") : _("Take back"), &d);
	d.medium = entry_add_text(&a->entry, _("Medium"), 0, SA_MEDIUM_MAX,
	    NULL);
	entry_set_hint(&a->entry, d.medium, _("The medium's UUID, as the "
	    "register of removable media shows it."));
	if (d.issue)
		d.key_pw = entry_add_text(&a->entry, _("Key password"), 1, 0,
		    NULL);
	if (flowask_run(a))
		sa_medium_after(&d);
	crypto_secure_free(d.secret);
	sa_reload(l);
	return UI_DRAW_ALL;
}

static const struct command_row sa_commands[] = {
	{ CMD_SA_APPLY, sa_cmd_apply, ACT_STANDALONE, 0, 0, CMD_BOTTOM },
	{ CMD_SA_ISSUE, sa_cmd_medium, ACT_STANDALONE, CMD_NEEDS_SELECTION,
	  0, CMD_BOTTOM },
	{ CMD_SA_RETURN, sa_cmd_medium, ACT_STANDALONE, CMD_NEEDS_SELECTION,
	  0, CMD_BOTTOM },
	{ CMD_SA_APPROVE, sa_cmd_decide, ACT_APP_DECIDE, CMD_NEEDS_SELECTION,
	  0, CMD_BOTTOM },
	{ CMD_SA_DENY, sa_cmd_decide, ACT_APP_DECIDE, CMD_NEEDS_SELECTION, 0,
	  CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const sa_tables[] = {
	sa_commands, list_commands, NULL
};

static void
sa_close(struct ui_screen *s)
{
	struct sa_screen *a = (struct sa_screen *) s;

	sa_forget(a);
	list_free(&a->list);
	free(a);
}

static const struct ui_screen_ops sa_ops = {
	"standalone", 0, sa_tables, sa_draw, NULL, list_context, NULL,
	sa_close
};

void
standalones_open(void)
{
	static const int cols[] = { 0, SA_PERSON_COL, SA_STATION_COL,
		SA_USES_COL, SA_STATE_COL };
	struct sa_screen *a = xcalloc(1, sizeof *a);
	const char *names[5];
	char *header;

	names[0] = _("Seal");
	names[1] = _("Designated person");
	names[2] = _("Work station");
	names[3] = _("Uses");
	names[4] = _("State");
	sa_load(a);
	list_init(&a->list, &sa_ops, &sa_list_ops, _("Standalone seals"));
	header = list_columns(names, cols, 5);
	list_set_header(&a->list, header);
	free(header);
	list_set_empty(&a->list, _("No standalone seal yet: a clerk applies "
	    "for one with a."));
	a->list.footer = SA_FOOTER;
	loop_push(&a->list.screen);
}
