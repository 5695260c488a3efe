/*
 * reports.c -- the reports screen (Art. 11): the summary of sealing and
 * printing or the registers for a period chosen by the clerk or the
 * office director, or the register of accounts for the security
 * administrator, shown one table at a time with its heading row, first
 * column and totals row fixed while the rest scrolls both ways; and the
 * export of what is shown (reportexport.c).
 *
 * Opening it asks for the report and the period first (the current
 * month by default); r asks again.  The core makes every report (and
 * audits it); this screen only lays the tables out (tableview.h) and
 * must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/entry.h"
#include "ui/reports.h"
#include "ui/screens.h"
#include "ui/tableview.h"

#define REPORTS_PERIOD_MAX	24	/* characters of a typed period */
#define REPORTS_HEAD_ROWS	2	/* caption and period above a table */

/* The reports one may choose, in the order of the choice. */
static const struct reports_kind {
	const char	*label;		/* N_() */
	enum report_kind kind;
	unsigned	 which;		/* REGISTER_* for the registers */
} reports_kinds[] = {
	{ N_("Summary of sealing and printing"), REPORT_SUMMARY, 0 },
	{ N_("All registers"),		REPORT_REGISTERS, REGISTER_ALL },
	{ N_("Register of seals"),	REPORT_REGISTERS, REGISTER_SEALS },
	{ N_("Register of proxy custody"), REPORT_REGISTERS, REGISTER_CUSTODY },
	{ N_("Register of standalone seals"), REPORT_REGISTERS,
	  REGISTER_STANDALONE },
	{ N_("Register of recalled copies"), REPORT_REGISTERS,
	  REGISTER_RECALLS },
	{ N_("Register of rejections"),	REPORT_REGISTERS, REGISTER_REJECTS },
};

#define REPORTS_NKINDS	(sizeof reports_kinds / sizeof reports_kinds[0])

struct reports {
	struct ui_screen	 screen;	/* first: it is a screen */
	struct report		 rep;
	int			 have;		/* REP holds a report */
	int			 accounts;	/* the register of accounts */
	size_t			 kind;		/* index in reports_kinds */
	char			*period;	/* as last typed */
	size_t			 table;		/* the table shown */
	struct tableview	 tv;
};

/* -- Making a report ------------------------------------------------------- */

/* This month, "YYYY-MM", the default period. */
static char *
reports_this_month(void)
{
	time_t now = (time_t) clock_now();
	char text[16];
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(text, sizeof text, "%Y-%m", &tm);
	return xstrdup(text);
}

/* Show table I of the report in hand, at its top left. */
static void
reports_show_table(struct reports *r, size_t i)
{
	tableview_free(&r->tv);
	r->table = i;
	tableview_init(&r->tv, i < r->rep.ntables ? &r->rep.tables[i] : NULL);
}

/* Ask the core for the report chosen, into R (replacing the one shown
 * only when it succeeds).  Progress is shown meanwhile. */
static enum status
reports_make(struct reports *r, size_t kind, const struct report_period *p)
{
	struct dialog_progress *pr;
	struct report rep;
	enum status rc;

	memset(&rep, 0, sizeof rep);
	pr = dialog_progress_open(_("Making the report"), 0);
	(void) dialog_progress_update(pr, 0, 1, r->accounts ?
	    _("Reading the accounts") : _(reports_kinds[kind].label));
	if (r->accounts)
		rc = report_accounts(app_session(), &rep);
	else if (reports_kinds[kind].kind == REPORT_SUMMARY)
		rc = report_summary(app_session(), p, &rep);
	else
		rc = report_registers(app_session(), p,
		    reports_kinds[kind].which, &rep);
	dialog_progress_close(pr);
	if (rc != STATUS_OK) {
		report_free(&rep);
		return rc;
	}
	if (r->have)
		report_free(&r->rep);
	r->rep = rep;
	r->have = 1;
	reports_show_table(r, 0);
	return STATUS_OK;
}

/* -- Choosing the report and the period ------------------------------------ */

struct reports_ask {
	struct entry	 entry;		/* first: the screen */
	struct reports	*r;
	size_t		 kind, period;
};

static int
reports_ask_submit(struct entry *e)
{
	struct reports_ask *a = (struct reports_ask *) e;
	struct report_period p;
	size_t kind = entry_choice(e, a->kind);
	enum status rc;

	entry_clear_errors(e);
	if (report_period_parse(entry_text(e, a->period), &p) != STATUS_OK) {
		entry_fail(e, a->period, status_message(STATUS_REPORT_PERIOD));
		return UI_DRAW_SCREEN;
	}
	rc = reports_make(a->r, kind, &p);
	if (rc == STATUS_SESSION_IDLE) {
		lock_open();
		return UI_DRAW_ALL;
	}
	if (rc != STATUS_OK) {
		entry_fail(e, a->period, status_message(rc));
		return UI_DRAW_ALL;
	}
	a->r->kind = kind;
	free(a->r->period);
	a->r->period = xstrdup(entry_text(e, a->period));
	loop_finish(1);		/* frees A */
	return UI_DRAW_ALL;
}

static const struct command_row *const reports_ask_tables[] = {
	entry_save_commands, entry_commands, NULL
};

static void
reports_ask_close(struct ui_screen *s)
{
	struct reports_ask *a = (struct reports_ask *) s;

	entry_free(&a->entry);
	free(a);
}

static const struct ui_screen_ops reports_ask_ops = {
	"report-choose", UI_SCREEN_TEXT, reports_ask_tables, entry_draw,
	entry_input, NULL, NULL, reports_ask_close
};

/* Ask which report and period; returns 1 when R now holds it. */
static int
reports_ask(struct reports *r)
{
	struct reports_ask *a = xcalloc(1, sizeof *a);
	const char *labels[REPORTS_NKINDS];
	size_t i;

	for (i = 0; i < REPORTS_NKINDS; i++)
		labels[i] = _(reports_kinds[i].label);
	a->r = r;
	entry_init(&a->entry, &reports_ask_ops, _("Reports"),
	    reports_ask_submit);
	entry_set_intro(&a->entry, _("Choose the report with Left and Right, "
	    "type the period, then Enter.  The report is recorded in the "
	    "audit trail."));
	a->kind = entry_add_choice(&a->entry, _("Report"), labels,
	    REPORTS_NKINDS, r->kind);
	a->period = entry_add_text(&a->entry, _("Period"), 0,
	    REPORTS_PERIOD_MAX, r->period);
	entry_set_hint(&a->entry, a->period, _("2026-01 a month, 2026-Q1 a "
	    "quarter, 2026 a year, 2026-01-05..2026-02-10 a range."));
	return loop_modal(&a->entry.screen) == 1;
}

/* -- Painting -------------------------------------------------------------- */

static void
reports_draw_cell(const struct reports *r, const struct draw_rect *rect,
    int y, size_t row, size_t col, enum draw_style st)
{
	const struct report_table *t = r->tv.t;
	const char *text = row == (size_t) -1 ? t->head[col] :
	    report_cell(t, row, col);
	size_t width;
	long x = tableview_col_x(&r->tv, col, &width);
	char *cell;

	if (x < 0)
		return;
	cell = tableview_cell_text(text, width, col > 0 && t->numeric[col]);
	draw_text(rect, y, (int) x, cell, st);
	free(cell);
}

/* One screen row of the table: the heading (Y 0), a body row, the
 * totals row, or nothing. */
static void
reports_draw_row(const struct reports *r, const struct draw_rect *rect,
    int y)
{
	enum draw_style st = DRAW_NORMAL;
	size_t row = (size_t) -1, col;
	int total = 0;

	if (y > 0) {
		row = tableview_row_at(&r->tv, (size_t) y, &total);
		if (row == (size_t) -1)
			return;
	}
	if (y == 0 || total) {
		st = DRAW_LABEL;
		draw_fill(rect, y, 0, rect->w, st);
	}
	for (col = 0; col < r->tv.t->ncols; col++)
		reports_draw_cell(r, rect, y, row, col, st);
}

static void
reports_draw(struct ui_screen *s)
{
	struct reports *r = (struct reports *) s;
	struct draw_rect body = draw_body(), rect = body;
	char *pos, *caption, *line;
	int y;

	rect.y += REPORTS_HEAD_ROWS;
	rect.h -= REPORTS_HEAD_ROWS;
	tableview_layout(&r->tv, (size_t) rect.w, (size_t) rect.h);
	pos = tableview_position(&r->tv);
	draw_title(r->rep.title, pos);
	free(pos);
	draw_clear(&body, DRAW_NORMAL);
	caption = xasprintf(_("Table %zu of %zu: %s"), r->table + 1,
	    r->rep.ntables, r->tv.t != NULL ? r->tv.t->caption : "");
	draw_line(&body, 0, caption, DRAW_LABEL);
	free(caption);
	line = report_heading_line(&r->rep, 1);
	draw_line(&body, 1, line, DRAW_HINT);
	free(line);
	if (r->tv.t == NULL)
		return;
	for (y = 0; y < rect.h; y++)
		reports_draw_row(r, &rect, y);
}

/* -- Commands -------------------------------------------------------------- */

static int
reports_move(struct ui_screen *s, enum command cmd)
{
	struct reports *r = (struct reports *) s;
	long page = r->tv.page > 1 ? (long) r->tv.page - 1 : 1;

	switch (cmd) {
	case CMD_UP:
		return tableview_scroll_rows(&r->tv, -1) ? UI_DRAW_SCREEN : 0;
	case CMD_DOWN:
		return tableview_scroll_rows(&r->tv, 1) ? UI_DRAW_SCREEN : 0;
	case CMD_PAGE_UP:
		tableview_scroll_rows(&r->tv, -page);
		break;
	case CMD_PAGE_DOWN:
		tableview_scroll_rows(&r->tv, page);
		break;
	case CMD_FIRST:
		tableview_home(&r->tv);
		break;
	case CMD_LAST:
		tableview_end(&r->tv);
		break;
	case CMD_SCROLL_LEFT:
		tableview_scroll_cols(&r->tv, -1);
		break;
	default:
		tableview_scroll_cols(&r->tv, 1);
		break;
	}
	return UI_DRAW_SCREEN;
}

static int
reports_table(struct ui_screen *s, enum command cmd)
{
	struct reports *r = (struct reports *) s;
	size_t n = r->rep.ntables;

	if (n == 0)
		return UI_DRAW_NONE;
	reports_show_table(r, cmd == CMD_TABLE_NEXT ? (r->table + 1) % n :
	    (r->table + n - 1) % n);
	return UI_DRAW_SCREEN;
}

static int
reports_choose(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	(void) reports_ask((struct reports *) s);
	return UI_DRAW_ALL;
}

static int
reports_export(struct ui_screen *s, enum command cmd)
{
	struct reports *r = (struct reports *) s;

	(void) cmd;
	(void) reportexport_run(&r->rep);
	return UI_DRAW_ALL;
}

static const struct command_row reports_commands[] = {
	{ CMD_EXPORT,		reports_export,	CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_REPORT_CHOOSE,	reports_choose,	ACT_REPORT, 0, 0, CMD_BOTTOM },
	{ CMD_TABLE_NEXT,	reports_table,	CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_TABLE_PREV,	reports_table,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_UP,		reports_move,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_DOWN,		reports_move,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_PAGE_UP,		reports_move,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_PAGE_DOWN,	reports_move,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_FIRST,		reports_move,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_LAST,		reports_move,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_SCROLL_LEFT,	reports_move,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_SCROLL_RIGHT,	reports_move,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const reports_tables[] = {
	reports_commands, NULL
};

static void
reports_close(struct ui_screen *s)
{
	struct reports *r = (struct reports *) s;

	tableview_free(&r->tv);
	if (r->have)
		report_free(&r->rep);
	free(r->period);
	free(r);
}

static const struct ui_screen_ops reports_ops = {
	"reports", 0, reports_tables, reports_draw, NULL, NULL, NULL,
	reports_close
};

/* Open the screen for the register of accounts (ACCOUNTS) or after the
 * choice of a report; nothing when the user leaves the choice. */
static void
reports_start(int accounts)
{
	struct reports *r = xcalloc(1, sizeof *r);
	enum status rc;
	int shown;

	r->screen.ops = &reports_ops;
	r->accounts = accounts;
	r->period = reports_this_month();
	if (accounts) {
		rc = reports_make(r, 0, NULL);
		if (rc != STATUS_OK)
			loop_error("%s", status_message(rc));
		shown = rc == STATUS_OK;
	} else
		shown = reports_ask(r);
	if (!shown || loop_is_quitting()) {
		reports_close(&r->screen);
		return;
	}
	loop_push(&r->screen);
}

void
reports_open(void)
{
	reports_start(0);
}

void
reports_accounts_open(void)
{
	reports_start(1);
}
