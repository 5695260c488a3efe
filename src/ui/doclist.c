/*
 * doclist.c -- lists of documents: one queue of the inbox (to approve,
 * to seal, to print, returned to me ...), most urgent first, then
 * longest waiting, as the core orders them; or every document the user
 * may read, most recently changed first.  Enter opens the document.
 *
 * An instance of the generic list: / searches titles and document
 * numbers, n and N go on, l limits, s sorts.  Where the rules allow
 * acting on several documents at once, rows can be tagged: approving
 * several in the approval queue, sealing a batch of blank forms in the
 * sealing queue.  The applications queue decides the application on
 * the selected document at once.  The list of every document also
 * imports a document file (i, importdlg.c).  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/docs.h"
#include "ui/list.h"

#define DOCLIST_SINCE_W		16	/* "2026-12-04 10:00" */
#define DOCLIST_STATE_W		12
#define DOCLIST_NUMBER_W	21

struct doclist_row {
	uint64_t	 doc_id;
	uint64_t	 app_id;	/* the applications queue */
	uint8_t		 urgency;
	uint8_t		 state;
	uint8_t		 batch;
	uint32_t	 copies;
	int64_t		 since;
	char		*title;		/* sanitized */
	char		*number;	/* 发文字号, or "" */
	char		*drafter;	/* full name, or "" */
	char		*text;		/* what / and l look in */
};

struct doclist {
	struct list		 list;
	int			 queue;	/* enum inbox_queue, or -1 */
	struct doclist_row	*rows;
	size_t			 n;
	int			 width;	/* the header was made for */
};

/* -- The model ---------------------------------------------------------- */

static void
doclist_clear(struct doclist *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->rows[i].title);
		free(d->rows[i].number);
		free(d->rows[i].drafter);
		free(d->rows[i].text);
	}
	free(d->rows);
	d->rows = NULL;
	d->n = 0;
}

static struct doclist_row *
doclist_add(struct doclist *d, uint64_t doc_id, const char *title)
{
	struct doclist_row *r;

	d->rows = xrealloc(d->rows, (d->n + 1) * sizeof *d->rows);
	r = &d->rows[d->n++];
	memset(r, 0, sizeof *r);
	r->doc_id = doc_id;
	if (title == NULL)
		title = "";
	r->title = text_sanitize(title, strlen(title), 0);
	r->number = xstrdup("");
	r->drafter = xstrdup("");
	return r;
}

static void
doclist_text(struct doclist_row *r)
{
	free(r->text);
	r->text = xasprintf("%s %s %s %s %s", r->title, r->number,
	    r->drafter, doc_state_label((enum doc_state) r->state),
	    r->urgency >= URGENCY_URGENT ? docfmt_urgency(r->urgency) : "");
}

/* The number, drafter and batch flag of a queue's document.
 * TODO: the inbox gives neither, so each row reads its whole document
 * (fine for a clerk's queue of tens, slow for hundreds); the fix is to
 * carry the number and the batch flag in struct inbox_item, which the
 * inbox reads from rec_doc anyway. */
static void
doclist_details(struct doclist_row *r)
{
	struct docview v;

	if (docview_get(app_store(), app_session(), r->doc_id, &v) ==
	    STATUS_OK) {
		free(r->number);
		r->number = text_sanitize(v.number, strlen(v.number), 0);
		r->batch = v.doc.batch;
		free(r->drafter);
		r->drafter = text_sanitize(docfmt_user(&v, v.doc.drafter_id),
		    strlen(docfmt_user(&v, v.doc.drafter_id)), 0);
	}
	docview_free(&v);
}

static int
doclist_add_item(const struct inbox_item *item, void *arg)
{
	struct doclist_row *r = doclist_add(arg, item->doc_id, item->title);

	r->app_id = item->app_id;
	r->urgency = item->urgency;
	r->state = item->state;
	r->copies = item->copies;
	r->since = item->since;
	return 0;
}

static int
doclist_add_doc(const struct rec_doc *doc, void *arg)
{
	struct doclist_row *r = doclist_add(arg, doc->id, doc->title);
	char *number = docnum_format(doc->number_prefix, doc->number_year,
	    doc->number_seq);

	free(r->number);
	r->number = text_sanitize(number, strlen(number), 0);
	free(number);
	r->urgency = doc->urgency;
	r->state = doc->state;
	r->batch = doc->batch;
	r->copies = doc->copies;
	r->since = doc->updated;
	return 0;
}

/* Read the rows again; the core's refusal goes on the message line. */
static void
doclist_load(struct doclist *d)
{
	struct docview_filter f = { -1, 0, 0, 0 };
	enum status rc;
	size_t i;

	doclist_clear(d);
	if (d->queue >= 0)
		rc = inbox_list(app_store(), app_session(),
		    (enum inbox_queue) d->queue, 0, 0, doclist_add_item, d);
	else
		rc = docview_list(app_store(), app_session(), &f,
		    doclist_add_doc, d);
	for (i = 0; i < d->n; i++) {
		if (d->queue >= 0)
			doclist_details(&d->rows[i]);
		doclist_text(&d->rows[i]);
	}
	list_reload(&d->list);
	if (rc != STATUS_OK)
		docfmt_refused(rc);
}

/* -- The list ----------------------------------------------------------- */

static size_t
doclist_count(struct list *l)
{
	return ((struct doclist *) l)->n;
}

static const char *
doclist_row_text(struct list *l, size_t item)
{
	return ((struct doclist *) l)->rows[item].text;
}

/* The columns' starts for a row of W columns: number, state, since. */
static void
doclist_cols(int w, int *number, int *state, int *since)
{
	*since = w - DOCLIST_SINCE_W;
	*state = *since - DOCLIST_STATE_W;
	*number = *state - DOCLIST_NUMBER_W;
}

static void
doclist_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	const struct doclist *dl = (const struct doclist *) l;
	const struct doclist_row *d = &dl->rows[item];
	struct draw_rect cell = *r;
	int number, state, since, col = 0;
	char when[32];

	doclist_cols(r->w, &number, &state, &since);
	cell.w = number - 1;
	if (d->urgency >= URGENCY_URGENT)
		col = draw_text(&cell, row, 0, docfmt_urgency(d->urgency),
		    st == DRAW_NORMAL ? DRAW_ERROR : st) + 1;
	draw_text(&cell, row, col, d->title, st);
	cell.w = state - 1;
	draw_text(&cell, row, number, d->number, st);
	cell.w = since - 1;
	/* Everything waiting for approval is in approval: the drafter
	 * there tells apart documents of one title, before they have a
	 * number. */
	draw_text(&cell, row, state, dl->queue == INBOX_APPROVE ? d->drafter :
	    doc_state_label((enum doc_state) d->state), st);
	draw_text(r, row, since, clock_format(d->since, when, sizeof when), st);
}

static int
doclist_compare(struct list *l, size_t a, size_t b, int key)
{
	const struct doclist *d = (const struct doclist *) l;
	const struct doclist_row *x = &d->rows[a], *y = &d->rows[b];

	if (key == 1)
		return strcmp(x->number, y->number);
	if (key == 2)
		return x->since < y->since ? -1 : x->since > y->since;
	return strcmp(x->title, y->title);
}

static const char *const doclist_sort_names[] = {
	N_("title"), N_("document number"), N_("date"), NULL
};

static const struct list_ops doclist_list_ops = {
	doclist_count, doclist_draw_row, doclist_row_text, doclist_compare,
	doclist_sort_names
};

/* The column header, for the width the rows are drawn at now. */
static void
doclist_header(struct doclist *d)
{
	const char *names[4];
	int cols[4], w = draw_body().w - (d->list.taggable ? 2 : 0);
	char *header, *pad;

	names[0] = _("Title");
	names[1] = _("Number");
	names[2] = d->queue == INBOX_APPROVE ? _("Drafter") : _("State");
	names[3] = d->queue >= 0 ? _("Waiting since") : _("Changed");
	cols[0] = 0;
	doclist_cols(w, &cols[1], &cols[2], &cols[3]);
	header = list_columns(names, cols, 4);
	pad = xasprintf("%s%s", d->list.taggable ? "  " : "", header);
	list_set_header(&d->list, pad);
	free(pad);
	free(header);
	d->width = draw_body().w;
}

static void
doclist_draw(struct ui_screen *s)
{
	struct doclist *d = (struct doclist *) s;

	if (d->width != draw_body().w)
		doclist_header(d);
	list_draw(s);
}

/* -- Commands ----------------------------------------------------------- */

/* The documents to act on: the tagged rows, else the one selected.
 * Returns how many (the caller frees *IDS). */
static size_t
doclist_targets(struct doclist *d, uint64_t **ids, int *all_batch)
{
	size_t i, n = 0, item;

	*ids = xcalloc(d->n > 0 ? d->n : 1, sizeof **ids);
	*all_batch = 1;
	for (i = 0; i < d->n; i++)
		if (list_is_tagged(&d->list, i)) {
			(*ids)[n++] = d->rows[i].doc_id;
			*all_batch &= d->rows[i].batch != 0;
		}
	if (n == 0 && list_selected(&d->list, &item)) {
		(*ids)[n++] = d->rows[item].doc_id;
		*all_batch = d->rows[item].batch != 0;
	}
	return n;
}

/* After a screen or dialog from here: the rows again, tags cleared. */
static int
doclist_after(struct doclist *d, int changed)
{
	size_t i;

	if (changed && !loop_is_quitting()) {
		for (i = 0; i < d->list.count; i++)
			list_tag(&d->list, i, 0);
		doclist_load(d);
	}
	return UI_DRAW_ALL;
}

/* t: tag or untag the row and go to the next; the keys line shows it
 * where tagging means something. */
static int
doclist_tag(struct ui_screen *s, enum command cmd)
{
	struct list *l = (struct list *) s;
	size_t item;

	(void) cmd;
	if (list_selected(l, &item)) {
		list_tag(l, item, !list_is_tagged(l, item));
		list_move(l, 1);
	}
	loop_message(_("%zu tagged."), l->ntagged);
	return UI_DRAW_SCREEN;
}

static int
doclist_open_doc(struct ui_screen *s, enum command cmd)
{
	struct doclist *d = (struct doclist *) s;
	struct ui_screen *top;
	size_t item;

	(void) cmd;
	if (!list_selected(&d->list, &item))
		return UI_DRAW_NONE;
	docscreen_open(d->rows[item].doc_id);
	top = loop_top();
	if (top != s && !loop_is_quitting())
		loop_wait(top);
	return doclist_after(d, 1);
}

/* DIALOG on document ID, read afresh; returns what DIALOG does. */
static int
doclist_dialog(uint64_t id, int (*dialog)(const struct docview *v))
{
	struct docview v;
	enum status rc;
	int changed = 0;

	rc = docview_get(app_store(), app_session(), id, &v);
	if (rc != STATUS_OK)
		docfmt_refused(rc);
	else
		changed = dialog(&v);
	docview_free(&v);
	return changed;
}

static int
doclist_approve(struct ui_screen *s, enum command cmd)
{
	struct doclist *d = (struct doclist *) s;
	uint64_t *ids;
	int batch, changed;
	size_t n = doclist_targets(d, &ids, &batch);

	(void) cmd;
	/* Nothing tagged: the selected document's own dialog, as on its
	 * screen, not one made for several. */
	if (n == 1 && d->list.ntagged == 0) {
		/* Read again whatever it did: a refusal mostly means
		 * another approver acted first, and the home screen counts
		 * the queue as it is now. */
		(void) doclist_dialog(ids[0], flowdlg_approve);
		changed = 1;
	} else
		changed = n > 0 && flowdlg_approve_many(ids, n);
	free(ids);
	return doclist_after(d, changed);
}

static int
doclist_seal(struct ui_screen *s, enum command cmd)
{
	struct doclist *d = (struct doclist *) s;
	uint64_t *ids;
	int batch, changed = 0;
	size_t n = doclist_targets(d, &ids, &batch);

	(void) cmd;
	/* One document: its own sealing dialog, where the clerk sees the
	 * sign-off (Art. 9). */
	if (n == 1)
		changed = doclist_dialog(ids[0], sealdlg_seal);
	else if (n > 1 && !batch)
		loop_error(_("Only batches of blank forms are sealed several "
		    "at once; open each other document to check its sign-off "
		    "(Art. 9)."));
	else if (n > 1)
		changed = sealdlg_seal_many(ids, n);
	free(ids);
	return doclist_after(d, changed);
}

/* The application waiting on the selected document, decided here. */
static int
doclist_decide(struct ui_screen *s, enum command cmd)
{
	struct doclist *d = (struct doclist *) s;
	size_t item;

	(void) cmd;
	if (!list_selected(&d->list, &item))
		return UI_DRAW_NONE;
	return doclist_after(d, doclist_dialog(d->rows[item].doc_id,
	    copiesdlg_decide));
}

/* i: a document file read, shown and recorded as a new draft, whose
 * screen then opens; the list is read again after it. */
static int
doclist_import(struct ui_screen *s, enum command cmd)
{
	struct doclist *d = (struct doclist *) s;
	struct ui_screen *top;
	uint64_t id;

	(void) cmd;
	if (!importdlg_run(&id) || loop_is_quitting())
		return doclist_after(d, 0);
	docscreen_open(id);
	top = loop_top();
	if (top != s && !loop_is_quitting())
		loop_wait(top);
	return doclist_after(d, 1);
}

static const struct command_row doclist_import_commands[] = {
	{ CMD_DOC_IMPORT, doclist_import, ACT_DOC_DRAFT, 0, 0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row doclist_commands[] = {
	{ CMD_OPEN, doclist_open_doc, ACT_DOC_READ, CMD_NEEDS_SELECTION, 0,
	  CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row doclist_approve_commands[] = {
	{ CMD_DOC_APPROVE, doclist_approve, ACT_DOC_APPROVE,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_TAG, doclist_tag, ACT_DOC_APPROVE, CMD_NEEDS_SELECTION, 0,
	  CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row doclist_seal_commands[] = {
	{ CMD_DOC_SEAL, doclist_seal, ACT_DOC_SEAL, CMD_NEEDS_SELECTION, 0,
	  CMD_BOTTOM },
	{ CMD_TAG, doclist_tag, ACT_DOC_SEAL, CMD_NEEDS_SELECTION, 0,
	  CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row doclist_decide_commands[] = {
	{ CMD_APP_DECIDE, doclist_decide, ACT_APP_DECIDE, CMD_NEEDS_SELECTION,
	  0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const doclist_plain_tables[] = {
	doclist_commands, list_commands, list_sort_commands, NULL
};

static const struct command_row *const doclist_all_tables[] = {
	doclist_commands, doclist_import_commands, list_commands,
	list_sort_commands, NULL
};

static const struct command_row *const doclist_approve_tables[] = {
	doclist_commands, doclist_approve_commands, list_commands,
	list_sort_commands, list_tag_commands, NULL
};

static const struct command_row *const doclist_seal_tables[] = {
	doclist_commands, doclist_seal_commands, list_commands,
	list_sort_commands, list_tag_commands, NULL
};

static const struct command_row *const doclist_decide_tables[] = {
	doclist_commands, doclist_decide_commands, list_commands,
	list_sort_commands, NULL
};

static void
doclist_close(struct ui_screen *s)
{
	struct doclist *d = (struct doclist *) s;

	doclist_clear(d);
	list_free(&d->list);
	free(d);
}

static const struct ui_screen_ops doclist_plain_ops = {
	"documents", 0, doclist_plain_tables, doclist_draw, NULL,
	list_context, NULL, doclist_close
};

static const struct ui_screen_ops doclist_all_ops = {
	"documents-all", 0, doclist_all_tables, doclist_draw, NULL,
	list_context, NULL, doclist_close
};

static const struct ui_screen_ops doclist_approve_ops = {
	"documents-approve", 0, doclist_approve_tables, doclist_draw, NULL,
	list_context, NULL, doclist_close
};

static const struct ui_screen_ops doclist_seal_ops = {
	"documents-seal", 0, doclist_seal_tables, doclist_draw, NULL,
	list_context, NULL, doclist_close
};

static const struct ui_screen_ops doclist_decide_ops = {
	"documents-decide", 0, doclist_decide_tables, doclist_draw, NULL,
	list_context, NULL, doclist_close
};

static void
doclist_start(int queue, const struct ui_screen_ops *ops, const char *title)
{
	struct doclist *d = xcalloc(1, sizeof *d);

	d->queue = queue;
	list_init(&d->list, ops, &doclist_list_ops, title);
	d->list.taggable = ops == &doclist_approve_ops ||
	    ops == &doclist_seal_ops;
	list_set_empty(&d->list, queue >= 0 ? _("Nothing waits here.") :
	    _("No document yet."));
	loop_push(&d->list.screen);
	doclist_header(d);
	doclist_load(d);
}

void
doclist_open_queue(int q)
{
	const struct ui_screen_ops *ops = &doclist_plain_ops;

	if (q == INBOX_APPROVE)
		ops = &doclist_approve_ops;
	else if (q == INBOX_SEAL)
		ops = &doclist_seal_ops;
	else if (q == INBOX_APPLICATIONS)
		ops = &doclist_decide_ops;
	doclist_start(q, ops, inbox_queue_label((enum inbox_queue) q));
}

void
doclist_open_all(void)
{
	doclist_start(-1, &doclist_all_ops, _("Documents"));
}
