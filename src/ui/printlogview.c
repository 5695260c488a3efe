/*
 * printlogview.c -- the print log screen (Flow 2, Art. 11): every print
 * job, newest first: when, which document, which copy numbers, on which
 * printer, by whom, and how it ended.  Enter opens the document.
 *
 * An instance of the generic list; read only.  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/docs.h"
#include "ui/list.h"

#define PRINTLOGVIEW_WHEN_W	17	/* "2026-12-04 10:00 " */
#define PRINTLOGVIEW_COPIES_W	14
#define PRINTLOGVIEW_PRINTER_W	12
#define PRINTLOGVIEW_USER_W	10
#define PRINTLOGVIEW_OUTCOME_W	10

struct printlogview {
	struct list		 list;
	struct printjobs	 jobs;
	char			**texts;	/* what / and l look in */
	int			 width;	/* the header was made for */
};

static size_t
printlogview_count(struct list *l)
{
	return ((struct printlogview *) l)->jobs.n;
}

static const char *
printlogview_text(struct list *l, size_t item)
{
	return ((struct printlogview *) l)->texts[item];
}

/* Where each column starts in a row of W columns: when, title, copies,
 * printer, user, outcome (the title takes what is left). */
static void
printlogview_cols(int w, int *cols)
{
	cols[0] = 0;
	cols[1] = PRINTLOGVIEW_WHEN_W;
	cols[5] = w - PRINTLOGVIEW_OUTCOME_W;
	cols[4] = cols[5] - PRINTLOGVIEW_USER_W;
	cols[3] = cols[4] - PRINTLOGVIEW_PRINTER_W;
	cols[2] = cols[3] - PRINTLOGVIEW_COPIES_W;
}

static void
printlogview_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	const struct printjobs_entry *e = &((struct printlogview *) l)->jobs.e[
	    item];
	struct draw_rect cell = *r;
	char when[32], *copies;
	const char *text[6];
	int cols[6], i;

	printlogview_cols(r->w, cols);
	copies = xasprintf("%u-%u", e->job.first_copy, e->job.first_copy +
	    (e->job.count > 0 ? e->job.count - 1 : 0));
	text[0] = clock_format(e->job.time, when, sizeof when);
	text[1] = e->title;
	text[2] = copies;
	text[3] = e->printer;
	text[4] = e->user;
	text[5] = docfmt_outcome(e->job.outcome);
	for (i = 0; i < 6; i++) {
		cell.w = i < 5 ? cols[i + 1] - 1 : r->w;
		draw_text(&cell, row, cols[i], text[i], i == 5 &&
		    e->job.outcome != PRINT_DONE && st == DRAW_NORMAL ?
		    DRAW_ERROR : st);
	}
	free(copies);
}

static int
printlogview_compare(struct list *l, size_t a, size_t b, int key)
{
	const struct printlogview *p = (const struct printlogview *) l;
	const struct printjobs_entry *x = &p->jobs.e[a], *y = &p->jobs.e[b];

	if (key == 1)
		return strcmp(x->printer, y->printer);
	return strcmp(x->title, y->title);
}

static const char *const printlogview_sort_names[] = {
	N_("title"), N_("printer"), NULL
};

static const struct list_ops printlogview_list_ops = {
	printlogview_count, printlogview_draw_row, printlogview_text,
	printlogview_compare, printlogview_sort_names
};

static void
printlogview_header(struct printlogview *p)
{
	const char *names[6];
	int cols[6];
	char *header;

	names[0] = _("When");
	names[1] = _("Document");
	names[2] = _("Copy numbers");
	names[3] = _("Printer");
	names[4] = _("By");
	names[5] = _("Outcome");
	printlogview_cols(draw_body().w, cols);
	header = list_columns(names, cols, 6);
	list_set_header(&p->list, header);
	free(header);
	p->width = draw_body().w;
}

static void
printlogview_draw(struct ui_screen *s)
{
	struct printlogview *p = (struct printlogview *) s;

	if (p->width != draw_body().w)
		printlogview_header(p);
	list_draw(s);
}

/* Sanitize what came from the store once, and make the search texts. */
static void
printlogview_prepare(struct printlogview *p)
{
	struct printjobs_entry *e;
	char *clean;
	size_t i;

	p->texts = xcalloc(p->jobs.n + 1, sizeof *p->texts);
	for (i = 0; i < p->jobs.n; i++) {
		e = &p->jobs.e[i];
		clean = text_sanitize(e->title, strlen(e->title), 0);
		free(e->title);
		e->title = clean;
		clean = text_sanitize(e->printer, strlen(e->printer), 0);
		free(e->printer);
		e->printer = clean;
		p->texts[i] = xasprintf("%s %s %s %s %s", e->title, e->number,
		    e->printer, e->user, docfmt_outcome(e->job.outcome));
	}
}

static int
printlogview_open_doc(struct ui_screen *s, enum command cmd)
{
	struct printlogview *p = (struct printlogview *) s;
	size_t item;

	(void) cmd;
	if (!list_selected(&p->list, &item))
		return UI_DRAW_NONE;
	docscreen_open(p->jobs.e[item].job.doc_id);
	return UI_DRAW_ALL;
}

static const struct command_row printlogview_commands[] = {
	{ CMD_OPEN, printlogview_open_doc, ACT_DOC_READ, CMD_NEEDS_SELECTION,
	  0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const printlogview_tables[] = {
	printlogview_commands, list_commands, list_sort_commands, NULL
};

static void
printlogview_close(struct ui_screen *s)
{
	struct printlogview *p = (struct printlogview *) s;
	size_t i;

	for (i = 0; i < p->jobs.n; i++)
		free(p->texts[i]);
	free(p->texts);
	printjobs_free(&p->jobs);
	list_free(&p->list);
	free(p);
}

static const struct ui_screen_ops printlogview_screen_ops = {
	"print-log", 0, printlogview_tables, printlogview_draw, NULL,
	list_context, NULL, printlogview_close
};

void
printlogview_open(void)
{
	struct printlogview *p = xcalloc(1, sizeof *p);
	enum status rc;

	rc = printjobs_list(app_store(), app_session(), 0, 0, &p->jobs);
	if (rc != STATUS_OK)
		printjobs_free(&p->jobs);
	printlogview_prepare(p);
	list_init(&p->list, &printlogview_screen_ops, &printlogview_list_ops,
	    _("Print log"));
	list_set_empty(&p->list, _("Nothing has been printed yet."));
	loop_push(&p->list.screen);
	printlogview_header(p);
	if (rc != STATUS_OK)
		docfmt_refused(rc);
}
