/*
 * admin_audit_search.c -- the security auditor's search of the audit
 * trail: a form of criteria (a time range, a user, an action chosen from
 * the list of actions, a text in the object or detail, the outcome), and
 * the entries found as a list (/ n N search it, Enter shows an entry
 * with every field, its link and signature, x exports what was found).
 *
 * The core selects and audits the search (audit_search_as); this screen
 * only reads the form and shows the result, sanitized.  The export is in
 * admin_audit_export.c.  Must not call curses.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/entry.h"
#include "ui/list.h"
#include "ui/screens.h"

#define SEARCH_SEQ_COL		0	/* columns of the entries found */
#define SEARCH_TIME_COL		8
#define SEARCH_USER_COL		25
#define SEARCH_OUTCOME_COL	38
#define SEARCH_ACTION_COL	48
#define SEARCH_TEXT_MAX		80	/* characters of a criterion */

/* -- The entries found ----------------------------------------------------- */

struct admin_audit_hit {
	uint64_t	 seq;
	int64_t		 time;
	uint8_t		 outcome;
	char		*user;
	char		*line;		/* the action, the detail */
	char		*full;		/* every field, for Enter */
	char		*text;		/* what / and n look in */
};

struct admin_audit_found {
	struct list		 list;
	struct admin_audit_hit	*v;
	size_t			 n;
	struct audit_filter	 f;	/* its strings owned here */
	char			*criteria;	/* said in the title */
};

static const char *
admin_audit_search_outcome(unsigned o)
{
	switch (o) {
	case AUDIT_OK:		return _("ok");
	case AUDIT_REFUSED:	return _("refused");
	default:		return _("failed");
	}
}

static const char *
admin_audit_search_action(unsigned a)
{
	return a < ACT__COUNT ? action_describe((enum action) a) : "?";
}

/* Field I (from 0) of LINE, tab-separated, as a new string. */
static char *
admin_audit_search_field(const char *line, unsigned i)
{
	const char *p = line, *end;

	while (i-- > 0 && (p = strchr(p, '\t')) != NULL)
		p++;
	if (p == NULL)
		return xstrdup("-");
	end = strchr(p, '\t');
	return end != NULL ? xstrndup(p, (size_t) (end - p)) : xstrdup(p);
}

/* Every field of E, one per line, with its link and signature (the
 * last two fields of the core's line with the chain). */
static char *
admin_audit_search_full(const struct rec_audit *e, const char *user)
{
	char when[32], roles[128], *chain, *link, *sig, *raw, *clean;
	char *detail = recwords_text(e->detail);

	chain = audit_format(e, user, 1);
	link = admin_audit_search_field(chain, 10);
	sig = admin_audit_search_field(chain, 11);
	raw = xasprintf(_("Entry %" PRIu64 "\nTime: %s\nUser: %s (id %" PRIu64
	    ")\nActing as: %s\nTerminal: %s\nAction: %s (%s)\nAbout: %s %"
	    PRIu64 "\nOutcome: %s\nDetail: %s\nLink (SM3 of entry %" PRIu64
	    "): %s\nSignature: %s"), e->id, clock_format(e->time, when,
	    sizeof when), user, e->user_id, perm_roles_format(e->role, roles,
	    sizeof roles), e->terminal != NULL ? e->terminal : "",
	    admin_audit_search_action(e->action), action_name((enum action)
	    e->action), rec_kind_name((enum rec_kind) e->object_kind),
	    e->object_id, admin_audit_search_outcome(e->outcome),
	    detail, e->id - 1, link,
	    strcmp(sig, "-") == 0 ? _("none (not a checkpoint)") : sig);
	clean = text_sanitize(raw, strlen(raw), 1);
	free(raw);
	free(detail);
	free(chain);
	free(link);
	free(sig);
	return clean;
}

static int
admin_audit_search_collect(const struct rec_audit *e, const char *user,
    void *arg)
{
	struct admin_audit_found *a = arg;
	struct admin_audit_hit *h;
	char *detail = recwords_text(e->detail);
	char *raw;

	a->v = xrealloc(a->v, (a->n + 1) * sizeof *a->v);
	h = &a->v[a->n++];
	h->seq = e->id;
	h->time = e->time;
	h->outcome = e->outcome;
	h->user = text_sanitize(user, strlen(user), 0);
	h->full = admin_audit_search_full(e, user);
	raw = xasprintf("%s%s%s", admin_audit_search_action(e->action),
	    *detail != '\0' ? _(": ") : "", detail);
	h->line = text_sanitize(raw, strlen(raw), 0);
	free(raw);
	free(detail);
	h->text = xasprintf("%" PRIu64 " %s %s %s", h->seq, h->user,
	    admin_audit_search_outcome(h->outcome), h->line);
	return 0;
}

static size_t
admin_audit_found_count(struct list *l)
{
	return ((struct admin_audit_found *) l)->n;
}

static const char *
admin_audit_found_text(struct list *l, size_t item)
{
	return ((struct admin_audit_found *) l)->v[item].text;
}

static void
admin_audit_found_draw(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	const struct admin_audit_hit *h =
	    &((struct admin_audit_found *) l)->v[item];
	struct draw_rect cell = *r;
	char when[32], seq[24];

	snprintf(seq, sizeof seq, "%" PRIu64, h->seq);
	draw_text(r, row, SEARCH_SEQ_COL, seq, st);
	draw_text(r, row, SEARCH_TIME_COL, clock_format(h->time, when,
	    sizeof when), st);
	cell.x = r->x + SEARCH_USER_COL;
	cell.w = SEARCH_OUTCOME_COL - SEARCH_USER_COL - 1;
	draw_text(&cell, row, 0, h->user, st);
	draw_text(r, row, SEARCH_OUTCOME_COL,
	    admin_audit_search_outcome(h->outcome), h->outcome != AUDIT_OK &&
	    st == DRAW_NORMAL ? DRAW_ERROR : st);
	draw_text(r, row, SEARCH_ACTION_COL, h->line, st);
}

static const struct list_ops admin_audit_found_ops = {
	admin_audit_found_count, admin_audit_found_draw,
	admin_audit_found_text, NULL, NULL
};

static int
admin_audit_found_show(struct ui_screen *s, enum command cmd)
{
	struct admin_audit_found *a = (struct admin_audit_found *) s;
	size_t item;

	(void) cmd;
	if (!list_selected(&a->list, &item))
		return UI_DRAW_NONE;
	dialog_message(_("Audit entry"), a->v[item].full);
	return UI_DRAW_ALL;
}

static int
admin_audit_found_export(struct ui_screen *s, enum command cmd)
{
	struct admin_audit_found *a = (struct admin_audit_found *) s;

	(void) cmd;
	if (a->n == 0) {
		loop_message(_("The search found nothing to export."));
		return UI_DRAW_STATUS;
	}
	admin_audit_export_run(&a->f, a->criteria, a->n);
	return UI_DRAW_ALL;
}

static const struct command_row admin_audit_found_commands[] = {
	{ CMD_OPEN, admin_audit_found_show, ACT_AUDIT_READ,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_AUDIT_EXPORT, admin_audit_found_export, ACT_AUDIT_EXPORT, 0, 0,
	  CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const admin_audit_found_tables[] = {
	admin_audit_found_commands, list_commands, NULL
};

static void
admin_audit_found_close(struct ui_screen *s)
{
	struct admin_audit_found *a = (struct admin_audit_found *) s;
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->v[i].user);
		free(a->v[i].line);
		free(a->v[i].full);
		free(a->v[i].text);
	}
	free(a->v);
	free((char *) a->f.user_name);
	free((char *) a->f.object_text);
	free(a->criteria);
	list_free(&a->list);
	free(a);
}

static const struct ui_screen_ops admin_audit_found_screen = {
	"audit-found", 0, admin_audit_found_tables, list_draw, NULL,
	list_context, NULL, admin_audit_found_close
};

/* Search with F (its strings become the screen's) and show what was
 * found, described by CRITERIA (taken). */
static void
admin_audit_found_open(const struct audit_filter *f, char *criteria)
{
	static const int cols[] = { SEARCH_SEQ_COL, SEARCH_TIME_COL,
	    SEARCH_USER_COL, SEARCH_OUTCOME_COL, SEARCH_ACTION_COL };
	struct admin_audit_found *a = xcalloc(1, sizeof *a);
	const char *names[5];
	enum status rc;
	char *title, *header;

	a->f = *f;
	a->criteria = criteria;
	rc = audit_search_as(app_session(), &a->f,
	    admin_audit_search_collect, a);
	names[0] = _("No.");
	names[1] = _("Time");
	names[2] = _("User");
	names[3] = _("Outcome");
	names[4] = _("Action and detail");
	title = xasprintf(ngettext("Audit search: %zu entry found (%s)",
	    "Audit search: %zu entries found (%s)", (unsigned long) a->n),
	    a->n, criteria);
	list_init(&a->list, &admin_audit_found_screen, &admin_audit_found_ops,
	    title);
	free(title);
	header = list_columns(names, cols, 5);
	list_set_header(&a->list, header);
	free(header);
	list_set_empty(&a->list, _("No entry matches."));
	loop_push(&a->list.screen);
	if (rc != STATUS_OK)
		loop_error("%s", status_message(rc));
	else
		loop_message(ngettext("%zu entry found.", "%zu entries found.",
		    (unsigned long) a->n), a->n);
}

/* -- The criteria ---------------------------------------------------------- */

enum {
	QUERY_FROM, QUERY_TO, QUERY_USER, QUERY_ACTION, QUERY_TEXT,
	QUERY_OUTCOME
};

struct admin_audit_query {
	struct entry	 entry;
};

/* TEXT as a time: "YYYY-MM-DD" (the day's start, or with END its last
 * second) or "YYYY-MM-DD HH:MM", local time; 0 for empty, -1 when it is
 * no date. */
static int64_t
admin_audit_query_time(const char *text, int end)
{
	struct tm tm;
	const char *rest;

	if (*text == '\0')
		return 0;
	memset(&tm, 0, sizeof tm);
	tm.tm_isdst = -1;
	if ((rest = strptime(text, "%Y-%m-%d", &tm)) == NULL)
		return -1;
	if (*rest == '\0' && end) {
		tm.tm_hour = 23;
		tm.tm_min = tm.tm_sec = 59;
	} else if (*rest != '\0' &&
	    ((rest = strptime(rest, " %H:%M", &tm)) == NULL || *rest != '\0'))
		return -1;
	return (int64_t) mktime(&tm);
}

/* Append word W (if any) to *S. */
static void
admin_audit_query_word(char **s, const char *w)
{
	char *n;

	if (w == NULL || *w == '\0')
		return;
	n = xasprintf("%s%s%s", *s, **s != '\0' ? " " : "", w);
	free(*s);
	*s = n;
}

/* The criteria of F, read from E, in words for the title. */
static char *
admin_audit_query_words(struct entry *e, const struct audit_filter *f)
{
	char *s = xstrdup(""), *range = NULL;

	if (f->from != 0 || f->to != 0)
		range = xasprintf("%s..%s", entry_text(e, QUERY_FROM),
		    entry_text(e, QUERY_TO));
	admin_audit_query_word(&s, range);
	admin_audit_query_word(&s, f->user_name);
	if (f->action >= 0)
		admin_audit_query_word(&s, action_describe((enum action)
		    f->action));
	admin_audit_query_word(&s, f->object_text);
	if (f->outcome >= 0)
		admin_audit_query_word(&s, admin_audit_search_outcome(
		    (unsigned) f->outcome));
	free(range);
	if (*s == '\0') {
		free(s);
		s = xstrdup(_("every entry"));
	}
	return s;
}

/* The form into F and the words for the title; 0 when an input is
 * wrong (marked). */
static int
admin_audit_query_read(struct entry *e, struct audit_filter *f,
    char **criteria)
{
	const char *user = entry_text(e, QUERY_USER);
	const char *text = entry_text(e, QUERY_TEXT);
	size_t act = entry_choice(e, QUERY_ACTION);
	size_t out = entry_choice(e, QUERY_OUTCOME);

	audit_filter_init(f);
	if ((f->from = admin_audit_query_time(entry_text(e, QUERY_FROM),
	    0)) < 0) {
		entry_fail(e, QUERY_FROM, _("Type a date: 2026-01-31, or "
		    "2026-01-31 08:30."));
		return 0;
	}
	if ((f->to = admin_audit_query_time(entry_text(e, QUERY_TO), 1)) < 0) {
		entry_fail(e, QUERY_TO, _("Type a date: 2026-01-31, or "
		    "2026-01-31 17:30."));
		return 0;
	}
	f->user_name = *user != '\0' ? xstrdup(user) : NULL;
	f->action = act > 0 ? (int) act - 1 : -1;
	f->object_text = *text != '\0' ? xstrdup(text) : NULL;
	f->outcome = out > 0 ? (int) out - 1 : -1;
	*criteria = admin_audit_query_words(e, f);
	return 1;
}

static int
admin_audit_query_submit(struct entry *e)
{
	struct audit_filter f;
	char *criteria = NULL;

	entry_clear_errors(e);
	if (!admin_audit_query_read(e, &f, &criteria))
		return UI_DRAW_SCREEN;
	admin_audit_found_open(&f, criteria);
	return UI_DRAW_ALL;
}

static const struct command_row *const admin_audit_query_tables[] = {
	entry_save_commands, entry_commands, NULL
};

static void
admin_audit_query_close(struct ui_screen *s)
{
	struct admin_audit_query *q = (struct admin_audit_query *) s;

	entry_free(&q->entry);
	free(q);
}

/* Leaving the form loses nothing: it only asks. */
static int
admin_audit_query_unsaved(struct ui_screen *s)
{
	(void) s;
	return 0;
}

static const struct ui_screen_ops admin_audit_query_ops = {
	"audit-search", UI_SCREEN_TEXT, admin_audit_query_tables, entry_draw,
	entry_input, NULL, admin_audit_query_unsaved, admin_audit_query_close
};

/* The action choice: "any", then every action the trail can hold. */
static void
admin_audit_query_actions(struct entry *e)
{
	const char **names = xcalloc(ACT__COUNT + 1, sizeof *names);
	size_t i;

	names[0] = _("any");
	for (i = 0; i < ACT__COUNT; i++)
		names[i + 1] = action_describe((enum action) i);
	entry_add_choice(e, _("Action"), names, ACT__COUNT + 1, 0);
	entry_set_hint(e, QUERY_ACTION, _("Left and Right choose an action, "
	    "or any."));
	free(names);
}

void
admin_audit_search_open(void)
{
	struct admin_audit_query *q = xcalloc(1, sizeof *q);
	const char *outcomes[4];

	entry_init(&q->entry, &admin_audit_query_ops,
	    _("Search the audit trail"), admin_audit_query_submit);
	entry_set_intro(&q->entry, _("Leave a criterion empty (or \"any\") "
	    "not to limit by it.  F2 searches; Esc on the entries found "
	    "comes back here."));
	entry_add_text(&q->entry, _("From"), 0, 16, NULL);
	entry_set_hint(&q->entry, QUERY_FROM, _("The first day or time: "
	    "2026-01-31, or 2026-01-31 08:30."));
	entry_add_text(&q->entry, _("To"), 0, 16, NULL);
	entry_set_hint(&q->entry, QUERY_TO, _("The last day (all of it) or "
	    "time."));
	entry_add_text(&q->entry, _("User"), 0, 32, NULL);
	entry_set_hint(&q->entry, QUERY_USER, _("A login name."));
	admin_audit_query_actions(&q->entry);
	entry_add_text(&q->entry, _("Object or detail"), 0, SEARCH_TEXT_MAX,
	    NULL);
	entry_set_hint(&q->entry, QUERY_TEXT, _("Text in what the entry is "
	    "about (doc:12, seal:3) or in its detail."));
	outcomes[0] = _("any");
	outcomes[1] = _("ok");
	outcomes[2] = _("refused");
	outcomes[3] = _("failed");
	entry_add_choice(&q->entry, _("Outcome"), outcomes, 4, 0);
	loop_push(&q->entry.screen);
}
