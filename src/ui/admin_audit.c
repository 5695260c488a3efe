/*
 * admin_audit.c -- the security auditor's screens: the verification of
 * the whole audit trail (every line of the core's report), and the
 * recent entries, newest first, with the full entry on Enter.
 *
 * Both are instances of the generic list, so / and l search and limit
 * them.  Reading and verifying are themselves audited by the core.
 * Entries are shown as the core stored them, sanitized before they are
 * drawn (their details quote names and titles).  Must not call curses.
 */
#include <config.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/list.h"
#include "ui/screens.h"

#define AUDIT_RECENT_DAYS	30	/* how far back "recent" goes */
#define AUDIT_RECENT_MAX	2000	/* entries kept, the newest */
#define AUDIT_USER_COL		17	/* columns of the entries */
#define AUDIT_OUTCOME_COL	30
#define AUDIT_ACTION_COL	40

/* A list of lines of text (the verification report). */
struct admin_audit_lines {
	struct list	 list;
	char		**lines;
	size_t		 n;
};

static void
admin_audit_add_line(const char *line, void *arg)
{
	struct admin_audit_lines *v = arg;

	v->lines = xrealloc(v->lines, (v->n + 1) * sizeof *v->lines);
	v->lines[v->n++] = text_sanitize(line, strlen(line), 0);
}

static void
admin_audit_lines_free(struct admin_audit_lines *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->lines[i]);
	free(v->lines);
	v->lines = NULL;
	v->n = 0;
}

static size_t
admin_audit_lines_count(struct list *l)
{
	return ((struct admin_audit_lines *) l)->n;
}

static const char *
admin_audit_lines_text(struct list *l, size_t item)
{
	return ((struct admin_audit_lines *) l)->lines[item];
}

static void
admin_audit_lines_draw(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	draw_text(r, row, 1, admin_audit_lines_text(l, item), st);
}

static const struct list_ops admin_audit_lines_ops = {
	admin_audit_lines_count, admin_audit_lines_draw, admin_audit_lines_text,
	NULL, NULL
};

/* -- Verification ------------------------------------------------------- */

/* Walk the chain again; the report replaces the lines shown. */
static void
admin_audit_verify_run(struct admin_audit_lines *v)
{
	uint64_t bad = 0;
	enum status rc;

	admin_audit_lines_free(v);
	loop_message(_("Verifying the audit trail..."));
	loop_paint();
	rc = audit_verify_as(app_session(), admin_audit_add_line, v, &bad);
	if (rc == STATUS_OK)
		loop_message(_("The audit trail verifies: no entry was "
		    "altered, removed, inserted or reordered."));
	else if (rc == STATUS_AUDIT_BROKEN)
		loop_error(_("%s  The first fault is at entry %" PRIu64 "."),
		    status_message(rc), bad);
	else
		loop_error("%s", status_message(rc));
	list_reload(&v->list);
	loop_redraw(UI_DRAW_ALL);	/* painted above while it was empty */
}

static int
admin_audit_verify_again(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	admin_audit_verify_run((struct admin_audit_lines *) s);
	return UI_DRAW_ALL;
}

static const struct command_row admin_audit_verify_commands[] = {
	{ CMD_VERIFY, admin_audit_verify_again, ACT_AUDIT_VERIFY, 0, 0,
	  CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const admin_audit_verify_tables[] = {
	admin_audit_verify_commands, list_commands, NULL
};

static void
admin_audit_lines_close(struct ui_screen *s)
{
	struct admin_audit_lines *v = (struct admin_audit_lines *) s;

	admin_audit_lines_free(v);
	list_free(&v->list);
	free(v);
}

static const struct ui_screen_ops admin_audit_verify_ops = {
	"audit-verify", 0, admin_audit_verify_tables, list_draw, NULL,
	list_context, NULL, admin_audit_lines_close
};

void
admin_audit_verify_open(void)
{
	struct admin_audit_lines *v = xcalloc(1, sizeof *v);

	list_init(&v->list, &admin_audit_verify_ops, &admin_audit_lines_ops,
	    _("Verification of the audit trail"));
	list_set_empty(&v->list, _("The verification reported nothing."));
	loop_push(&v->list.screen);
	admin_audit_verify_run(v);
}

/* -- Recent entries ----------------------------------------------------- */

struct admin_audit_entry {
	uint64_t	 seq;
	int64_t		 time;
	char		*user;
	uint16_t	 action;
	uint8_t		 outcome;
	char		*line;		/* the action, the detail */
	char		*full;		/* every field, for Enter */
	char		*text;		/* what / and limit look in */
};

struct admin_audit_entries {
	struct list			 list;
	struct admin_audit_entry *ring;	/* the newest, as a ring */
	size_t		 seen;		/* entries received */
	size_t		 n;		/* kept: min(seen, MAX) */
};

static const char *
admin_audit_outcome(uint8_t o)
{
	switch (o) {
	case AUDIT_OK:		return _("ok");
	case AUDIT_REFUSED:	return _("refused");
	default:		return _("failed");
	}
}

static const char *
admin_audit_action(uint16_t a)
{
	return a < ACT__COUNT ? action_describe((enum action) a) : "?";
}

static void
admin_audit_entry_free(struct admin_audit_entry *e)
{
	free(e->user);
	free(e->line);
	free(e->full);
	free(e->text);
	memset(e, 0, sizeof *e);
}

/* Every field of E, one per line, for the full view. */
static char *
admin_audit_full(const struct rec_audit *e, const char *user)
{
	char when[32], roles[128], *raw, *clean;
	char *detail = recwords_text(e->detail);

	raw = xasprintf(_("Entry %" PRIu64 "\nTime: %s\nUser: %s\nActing as: "
	    "%s\nTerminal: %s\nAction: %s\nAbout: %s %" PRIu64 "\nOutcome: "
	    "%s\nDetail: %s"), e->id, clock_format(e->time, when, sizeof when),
	    user, perm_roles_format(e->role, roles, sizeof roles),
	    e->terminal != NULL ? e->terminal : "",
	    admin_audit_action(e->action), rec_kind_name(
	    (enum rec_kind) e->object_kind), e->object_id,
	    admin_audit_outcome(e->outcome), detail);
	clean = text_sanitize(raw, strlen(raw), 1);
	free(raw);
	free(detail);
	return clean;
}

static int
admin_audit_collect(const struct rec_audit *e, const char *user, void *arg)
{
	struct admin_audit_entries *a = arg;
	struct admin_audit_entry *slot = &a->ring[a->seen % AUDIT_RECENT_MAX];
	char *detail = recwords_text(e->detail);
	char *raw;

	admin_audit_entry_free(slot);
	slot->seq = e->id;
	slot->time = e->time;
	slot->user = text_sanitize(user, strlen(user), 0);
	slot->action = e->action;
	slot->outcome = e->outcome;
	slot->full = admin_audit_full(e, user);
	raw = xasprintf("%s%s%s", admin_audit_action(e->action),
	    *detail != '\0' ? _(": ") : "", detail);
	slot->line = text_sanitize(raw, strlen(raw), 0);
	free(raw);
	free(detail);
	slot->text = xasprintf("%s %s %s", slot->user,
	    admin_audit_outcome(e->outcome), slot->line);
	a->seen++;
	a->n = a->seen < AUDIT_RECENT_MAX ? a->seen : AUDIT_RECENT_MAX;
	return 0;
}

/* Item 0 is the newest entry. */
static struct admin_audit_entry *
admin_audit_item(struct admin_audit_entries *a, size_t item)
{
	return &a->ring[(a->seen - 1 - item) % AUDIT_RECENT_MAX];
}

static size_t
admin_audit_entries_count(struct list *l)
{
	return ((struct admin_audit_entries *) l)->n;
}

static const char *
admin_audit_entries_text(struct list *l, size_t item)
{
	return admin_audit_item((struct admin_audit_entries *) l, item)->text;
}

static void
admin_audit_entries_draw(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	const struct admin_audit_entry *e =
	    admin_audit_item((struct admin_audit_entries *) l, item);
	struct draw_rect cell = *r;
	char when[32];

	draw_text(r, row, 0, clock_format(e->time, when, sizeof when), st);
	cell.x = r->x + AUDIT_USER_COL;
	cell.w = AUDIT_OUTCOME_COL - AUDIT_USER_COL - 1;
	draw_text(&cell, row, 0, e->user, st);
	draw_text(r, row, AUDIT_OUTCOME_COL, admin_audit_outcome(e->outcome),
	    e->outcome != AUDIT_OK && st == DRAW_NORMAL ? DRAW_ERROR : st);
	draw_text(r, row, AUDIT_ACTION_COL, e->line, st);
}

static const struct list_ops admin_audit_entries_ops = {
	admin_audit_entries_count, admin_audit_entries_draw,
	admin_audit_entries_text, NULL, NULL
};

static int
admin_audit_show(struct ui_screen *s, enum command cmd)
{
	struct admin_audit_entries *a = (struct admin_audit_entries *) s;
	size_t item;

	(void) cmd;
	if (!list_selected(&a->list, &item))
		return UI_DRAW_NONE;
	dialog_message(_("Audit entry"), admin_audit_item(a, item)->full);
	return UI_DRAW_ALL;
}

static const struct command_row admin_audit_entries_commands[] = {
	{ CMD_OPEN, admin_audit_show, ACT_AUDIT_READ, CMD_NEEDS_SELECTION, 0,
	  CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const admin_audit_entries_tables[] = {
	admin_audit_entries_commands, list_commands, NULL
};

static void
admin_audit_entries_close(struct ui_screen *s)
{
	struct admin_audit_entries *a = (struct admin_audit_entries *) s;
	size_t i;

	for (i = 0; i < AUDIT_RECENT_MAX; i++)
		admin_audit_entry_free(&a->ring[i]);
	free(a->ring);
	list_free(&a->list);
	free(a);
}

static const struct ui_screen_ops admin_audit_entries_screen = {
	"audit-entries", 0, admin_audit_entries_tables, list_draw, NULL,
	list_context, NULL, admin_audit_entries_close
};

void
admin_audit_entries_open(void)
{
	static const int cols[] = { 0, AUDIT_USER_COL, AUDIT_OUTCOME_COL,
	    AUDIT_ACTION_COL };
	struct admin_audit_entries *a = xcalloc(1, sizeof *a);
	struct audit_filter f;
	const char *names[4];
	enum status rc;
	char *header;

	a->ring = xcalloc(AUDIT_RECENT_MAX, sizeof *a->ring);
	audit_filter_init(&f);
	f.from = clock_now() - (int64_t) AUDIT_RECENT_DAYS * 86400;
	rc = audit_search_as(app_session(), &f, admin_audit_collect, a);

	names[0] = _("Time");
	names[1] = _("User");
	names[2] = _("Outcome");
	names[3] = _("Action and detail");
	list_init(&a->list, &admin_audit_entries_screen,
	    &admin_audit_entries_ops, _("Recent audit entries, newest first"));
	header = list_columns(names, cols, 4);
	list_set_header(&a->list, header);
	free(header);
	list_set_empty(&a->list, _("No entry in the last 30 days."));
	loop_push(&a->list.screen);
	if (rc != STATUS_OK)
		loop_error("%s", status_message(rc));
}
