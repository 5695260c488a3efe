/*
 * seals.c -- the seal register (Art. 5 and 6): every seal
 * with its status and whether it is in the user's custody; Enter shows
 * one seal's entry, its custody records and its history (each audited
 * creation, status change, custody step, grant and use).
 *
 * An instance of the generic list.  Proxy custody (Art. 6) is asked
 * for, decided, handed over and taken back from here (custodydlg.c),
 * and a seal with a proxy custody open says so in its custody column.
 * The office director makes a seal from here too (sealadd.c).  Must not
 * call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/custodydlg.h"
#include "ui/dialog.h"
#include "ui/docs.h"
#include "ui/list.h"

#define SEALS_NAME_COL		20
#define SEALS_STATUS_W		12
#define SEALS_CUSTODY_W		16

struct seals {
	struct list	 list;
	struct rec_seal	*seals;
	size_t		 n;
	char		**texts;
	int		 width;
	struct rec_custody *open;	/* per seal: its open proxy custody,
					 * kind CUSTODY_PROXY when there is
					 * one */
};

static size_t
seals_count(struct list *l)
{
	return ((struct seals *) l)->n;
}

static const char *
seals_text(struct list *l, size_t item)
{
	return ((struct seals *) l)->texts[item];
}

static const char *
seals_custody(const struct rec_seal *s)
{
	return s->custodian_id == app_session()->user_id ?
	    _("in your custody") : "";
}

/* The custody column: whose the seal is now, or where its proxy custody
 * stands, so the office director sees a request waiting. */
static const char *
seals_custody_cell(const struct seals *p, size_t item)
{
	const struct rec_custody *c = &p->open[item];

	if (c->kind != CUSTODY_PROXY)
		return seals_custody(&p->seals[item]);
	if (c->state == CUSTODY_REQUESTED)
		return _("proxy asked");
	if (c->state == CUSTODY_APPROVED)
		return _("proxy approved");
	return c->to_user == app_session()->user_id ? _("yours as proxy") :
	    _("with a proxy");
}

static void
seals_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	const struct rec_seal *s = &((struct seals *) l)->seals[item];
	struct draw_rect cell = *r;
	int status_col = r->w - SEALS_CUSTODY_W - SEALS_STATUS_W;

	cell.w = SEALS_NAME_COL - 1;
	draw_text(&cell, row, 0, s->regno, st);
	cell.w = status_col - 1;
	draw_text(&cell, row, SEALS_NAME_COL, s->name, st);
	draw_text(r, row, status_col, docfmt_seal_status(s->status),
	    s->status != SEAL_ACTIVE && st == DRAW_NORMAL ? DRAW_ERROR : st);
	draw_text(r, row, r->w - SEALS_CUSTODY_W,
	    seals_custody_cell((struct seals *) l, item), st);
}

static const struct list_ops seals_list_ops = {
	seals_count, seals_draw_row, seals_text, NULL, NULL
};

static void
seals_header(struct seals *p)
{
	const char *names[4];
	int cols[4], w = draw_body().w;
	char *header;

	names[0] = _("Registration");
	names[1] = _("Name");
	names[2] = _("Status");
	names[3] = _("Custody");
	cols[0] = 0;
	cols[1] = SEALS_NAME_COL;
	cols[2] = w - SEALS_CUSTODY_W - SEALS_STATUS_W;
	cols[3] = w - SEALS_CUSTODY_W;
	header = list_columns(names, cols, 4);
	list_set_header(&p->list, header);
	free(header);
	p->width = w;
}

static void
seals_draw(struct ui_screen *s)
{
	struct seals *p = (struct seals *) s;

	if (p->width != draw_body().w)
		seals_header(p);
	list_draw(s);
}

/* -- One seal's entry --------------------------------------------------- */

static char *
seals_append(char *text, char *line)
{
	char *next = xasprintf("%s%s\n", text, line);

	free(text);
	free(line);
	return next;
}

static char *
seals_entry(const struct rec_seal *s)
{
	char from[32], to[32];

	return xasprintf(_("%s  %s\nBody: %s\nPurpose: %s\nStatus: %s%s%s\n"
	    "Valid from %s to %s\n%s\n"), s->regno, s->name,
	    s->owner_body != NULL ? s->owner_body : "", s->purpose != NULL ?
	    s->purpose : "", docfmt_seal_status(s->status),
	    s->status_reason != NULL && *s->status_reason != '\0' ? _(": ") :
	    "", s->status_reason != NULL ? s->status_reason : "",
	    clock_format(s->valid_from, from, sizeof from),
	    clock_format(s->valid_to, to, sizeof to), seals_custody(s));
}

static char *
seals_custodies(char *text, const struct rec_seal *s)
{
	struct rec_custody *list;
	char from[32], to[32];
	size_t n, i;

	if (custody_list(app_session(), s->regno, &list, &n) != STATUS_OK)
		return text;
	for (i = 0; i < n; i++)
		if (list[i].kind == CUSTODY_PROXY)
			text = seals_append(text, xasprintf(_("Proxy custody "
			    "%s to %s: %s"), clock_format(
			    list[i].period_from, from, sizeof from),
			    clock_format(list[i].period_to, to, sizeof to),
			    custodydlg_state_label(&list[i])));
	custody_list_free(list, n);
	return text;
}

static char *
seals_history(char *text, const struct rec_seal *s)
{
	struct seal_event *ev;
	char when[32], *detail;
	size_t n, i;

	if (seal_history(app_session(), s->regno, &ev, &n) != STATUS_OK)
		return text;
	text = seals_append(text, xstrdup(_("History:")));
	for (i = 0; i < n; i++) {
		/* Stored in English, as data: shown in the reader's words. */
		detail = recwords_text(ev[i].detail);
		text = seals_append(text, xasprintf("  %s  %s  %s%s%s",
		    clock_format(ev[i].time, when, sizeof when), ev[i].user,
		    action_describe((enum action) ev[i].action),
		    *detail != '\0' ? _(": ") : "", detail));
		free(detail);
	}
	seal_history_free(ev, n);
	return text;
}

static int
seals_show(struct ui_screen *s, enum command cmd)
{
	struct seals *p = (struct seals *) s;
	char *text, *clean;
	size_t item;

	(void) cmd;
	if (!list_selected(&p->list, &item))
		return UI_DRAW_NONE;
	text = seals_entry(&p->seals[item]);
	text = seals_custodies(text, &p->seals[item]);
	text = seals_history(text, &p->seals[item]);
	clean = text_sanitize(text, strlen(text), 1);
	dialog_message(p->seals[item].regno, clean);
	free(clean);
	free(text);
	return UI_DRAW_ALL;
}

static void seals_reload(struct seals *p);

static int
seals_custody_cmd(struct ui_screen *s, enum command cmd)
{
	struct seals *p = (struct seals *) s;
	size_t item;

	if (!list_selected(&p->list, &item))
		return UI_DRAW_NONE;
	if (custodydlg_run(&p->seals[item], cmd))
		seals_reload(p);
	return UI_DRAW_ALL;
}

/* a: the office director makes a seal (sealadd.c); the register is
 * read again so that the new seal shows. */
static int
seals_add(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	if (sealadd_open())
		seals_reload((struct seals *) s);
	return UI_DRAW_ALL;
}

static const struct command_row seals_commands[] = {
	{ CMD_OPEN, seals_show, ACT_SEAL_READ, CMD_NEEDS_SELECTION, 0,
	  CMD_BOTTOM },
	/* The custodian only takes part: the office director makes it. */
	{ CMD_SEAL_ADD, seals_add, CMD_PERM_ROLES(ACT_SEAL_ADD,
	  ROLE_OFFICE_DIRECTOR), 0, 0, CMD_BOTTOM },
	{ CMD_CUSTODY_REQUEST, seals_custody_cmd, ACT_CUSTODY_REQUEST,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_CUSTODY_APPROVE, seals_custody_cmd, ACT_CUSTODY_APPROVE,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_CUSTODY_DENY, seals_custody_cmd, ACT_CUSTODY_APPROVE,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_CUSTODY_HANDOVER, seals_custody_cmd, ACT_CUSTODY_CONFIRM,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_CUSTODY_RETURN, seals_custody_cmd, ACT_CUSTODY_CONFIRM,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const seals_tables[] = {
	seals_commands, list_commands, NULL
};

static void
seals_forget(struct seals *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->texts[i]);
	free(p->texts);
	free(p->open);
	if (p->seals != NULL)
		seal_list_free(p->seals, p->n);
	p->texts = NULL;
	p->open = NULL;
	p->seals = NULL;
	p->n = 0;
}

static void
seals_close(struct ui_screen *s)
{
	struct seals *p = (struct seals *) s;

	seals_forget(p);
	list_free(&p->list);
	free(p);
}

static const struct ui_screen_ops seals_screen_ops = {
	"seals", 0, seals_tables, seals_draw, NULL, list_context, NULL,
	seals_close
};

/* Names from the register are sanitized once, here. */
static void
seals_prepare(struct seals *p)
{
	char *clean;
	size_t i;

	p->texts = xcalloc(p->n + 1, sizeof *p->texts);
	for (i = 0; i < p->n; i++) {
		clean = text_sanitize(p->seals[i].name != NULL ?
		    p->seals[i].name : "", p->seals[i].name != NULL ?
		    strlen(p->seals[i].name) : 0, 0);
		free(p->seals[i].name);
		p->seals[i].name = clean;
		p->texts[i] = xasprintf("%s %s %s", p->seals[i].regno,
		    p->seals[i].name, docfmt_seal_status(p->seals[i].status));
	}
	p->open = xcalloc(p->n + 1, sizeof *p->open);
	for (i = 0; i < p->n; i++)
		custodydlg_find_open(&p->seals[i], &p->open[i]);
}

/* After a custody step: the register read again. */
static void
seals_reload(struct seals *p)
{
	enum status rc;

	if (loop_is_quitting())
		return;
	seals_forget(p);
	if ((rc = seal_list(app_session(), &p->seals, &p->n)) != STATUS_OK) {
		p->seals = NULL;
		p->n = 0;
		docfmt_refused(rc);
	}
	seals_prepare(p);
	list_reload(&p->list);
}

/* The office director learns at once that a request waits. */
static void
seals_note_pending(const struct seals *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->n; i++)
		n += p->open[i].kind == CUSTODY_PROXY &&
		    p->open[i].state == CUSTODY_REQUESTED;
	if (n > 0 && app_permit_roles(app_session()->roles,
	    ACT_CUSTODY_APPROVE))
		loop_message(ngettext("%zu proxy custody waits for your "
		    "decision: y approves, D denies.", "%zu proxy custodies "
		    "wait for your decision: y approves, D denies.",
		    (unsigned long) n), n);
}

void
seals_open(void)
{
	struct seals *p = xcalloc(1, sizeof *p);
	enum status rc;

	rc = seal_list(app_session(), &p->seals, &p->n);
	if (rc != STATUS_OK) {
		p->seals = NULL;
		p->n = 0;
	}
	seals_prepare(p);
	list_init(&p->list, &seals_screen_ops, &seals_list_ops,
	    _("Seal register"));
	list_set_empty(&p->list, _("No seal is registered yet."));
	loop_push(&p->list.screen);
	seals_header(p);
	if (rc != STATUS_OK)
		docfmt_refused(rc);
	else
		seals_note_pending(p);
}
