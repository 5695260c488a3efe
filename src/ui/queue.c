/*
 * queue.c -- the items waiting in one queue of the home screen (to
 * approve, to seal, to print ...), most urgent first, then longest
 * waiting, as the core orders them (inbox_list).
 *
 * An instance of the generic list: search, limit and sort work here.
 * Read only.  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/list.h"
#include "ui/screens.h"

#define QUEUE_STATE_COL		46	/* where the state column starts */
#define QUEUE_SINCE_COL		62	/* where "waiting since" starts */

struct queue_row {
	uint64_t	 doc_id;
	uint8_t		 urgency;
	uint8_t		 state;
	uint32_t	 copies;
	int64_t		 since;
	char		*title;		/* sanitized */
	char		*text;		/* what / and limit look in */
};

struct queue {
	struct list		 list;
	struct queue_row	*rows;
	size_t			 n;
};

static const char *
queue_urgency(uint8_t u)
{
	switch (u) {
	case URGENCY_VERY_URGENT:	return _("very urgent");
	case URGENCY_URGENT:		return _("urgent");
	default:			return "";
	}
}

static int
queue_add(const struct inbox_item *item, void *arg)
{
	struct queue *q = arg;
	struct queue_row *r;
	const char *title = item->title != NULL ? item->title : "";

	q->rows = xrealloc(q->rows, (q->n + 1) * sizeof *q->rows);
	r = &q->rows[q->n++];
	r->doc_id = item->doc_id;
	r->urgency = item->urgency;
	r->state = item->state;
	r->copies = item->copies;
	r->since = item->since;
	r->title = text_sanitize(title, strlen(title), 0);
	r->text = xasprintf("%s %s %s", r->title, queue_urgency(r->urgency),
	    doc_state_label((enum doc_state) r->state));
	return 0;
}

static size_t
queue_count(struct list *l)
{
	return ((struct queue *) l)->n;
}

static const char *
queue_text(struct list *l, size_t item)
{
	return ((struct queue *) l)->rows[item].text;
}

static void
queue_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	const struct queue_row *q = &((struct queue *) l)->rows[item];
	struct draw_rect title = *r;
	char since[32];
	int col = 0;

	if (q->urgency >= URGENCY_URGENT)
		col = draw_text(r, row, 0, queue_urgency(q->urgency),
		    st == DRAW_NORMAL ? DRAW_ERROR : st) + 1;
	title.w = QUEUE_STATE_COL - 2 < r->w ? QUEUE_STATE_COL - 2 : r->w;
	draw_text(&title, row, col, q->title, st);
	draw_text(r, row, QUEUE_STATE_COL,
	    doc_state_label((enum doc_state) q->state), st);
	draw_text(r, row, QUEUE_SINCE_COL, clock_format(q->since, since,
	    sizeof since), st);
}

static int
queue_compare(struct list *l, size_t a, size_t b, int key)
{
	const struct queue *q = (const struct queue *) l;
	const struct queue_row *x = &q->rows[a], *y = &q->rows[b];

	if (key == 1)
		return x->since < y->since ? -1 : x->since > y->since;
	return strcmp(x->title, y->title);
}

static const char *const queue_sort_names[] = {
	N_("title"), N_("waiting since"), NULL
};

static const struct list_ops queue_list_ops = {
	queue_count, queue_draw_row, queue_text, queue_compare,
	queue_sort_names
};

/* TODO: Enter should open the document (every field, its versions, the
 * approval chain, the seal, the print log) with the actions its state
 * allows; that is the document screen, not written yet.  Until then the
 * queue is read only, and the keys line offers no Enter. */
static const struct command_row *const queue_tables[] = {
	list_commands, list_sort_commands, NULL
};

static void
queue_close(struct ui_screen *s)
{
	struct queue *q = (struct queue *) s;
	size_t i;

	for (i = 0; i < q->n; i++) {
		free(q->rows[i].title);
		free(q->rows[i].text);
	}
	free(q->rows);
	list_free(&q->list);
	free(q);
}

static const struct ui_screen_ops queue_ops = {
	"queue", 0, queue_tables, list_draw, NULL, list_context, NULL,
	queue_close
};

void
queue_open(int which)
{
	static const int cols[] = { 0, QUEUE_STATE_COL, QUEUE_SINCE_COL };
	const char *names[3];
	struct queue *q = xcalloc(1, sizeof *q);
	enum status rc;
	char *header;

	names[0] = _("Title");
	names[1] = _("State");
	names[2] = _("Waiting since");

	rc = inbox_list(app_store(), app_session(), (enum inbox_queue) which,
	    0, 0, queue_add, q);
	list_init(&q->list, &queue_ops, &queue_list_ops,
	    inbox_queue_label((enum inbox_queue) which));
	header = list_columns(names, cols, 3);
	list_set_header(&q->list, header);
	free(header);
	list_set_empty(&q->list, _("Nothing waits here."));
	loop_push(&q->list.screen);
	if (rc != STATUS_OK)
		loop_error("%s", status_message(rc));
}
