/*
 * list.c -- the generic list view: which items are shown and in what
 * order, the cursor, search, limit, sort and tags, and the commands
 * that drive them.
 *
 * The model (what the rows are) belongs to the instance, through
 * struct list_ops; everything here is about row numbers and the texts
 * the model gives.  The logic is pure and tested without a terminal
 * (tests/ui/test_list.c); painting goes through draw.h.  Must not call
 * curses.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/dialog.h"
#include "ui/list.h"

#define LIST_PATTERN_MAX	100	/* characters of a search or limit */

/* -- The model's rows ---------------------------------------------------- */

static int
list_match(const char *text, const char *pattern)
{
	return strcasestr(text, pattern) != NULL;
}

static int
list_compare(const void *a, const void *b, void *arg)
{
	struct list *l = arg;
	size_t x = *(const size_t *) a, y = *(const size_t *) b;
	int c = l->ops->compare(l, x, y, l->sort);

	if (c == 0)
		c = x < y ? -1 : x > y;	/* stable: the model's order */
	return l->reverse ? -c : c;
}

void
list_reload(struct list *l)
{
	size_t keep = 0, n, i;
	int had = list_selected(l, &keep);

	n = l->ops->count(l);
	if (n != l->count || l->tags == NULL) {
		free(l->tags);
		l->tags = xcalloc(n > 0 ? n : 1, 1);
		l->ntagged = 0;
		l->count = n;
	}
	l->rows = xrealloc(l->rows, (n > 0 ? n : 1) * sizeof *l->rows);
	l->nrows = 0;
	for (i = 0; i < n; i++)
		if (l->limit == NULL ||
		    list_match(l->ops->text(l, i), l->limit))
			l->rows[l->nrows++] = i;

	if (l->sort >= 0 && l->ops->compare != NULL && l->nrows > 1)
		qsort_r(l->rows, l->nrows, sizeof *l->rows, list_compare, l);
	l->cursor = 0;
	if (had)
		list_select_item(l, keep);
}

void
list_init(struct list *l, const struct ui_screen_ops *screen_ops,
    const struct list_ops *ops, const char *title)
{
	l->screen.ops = screen_ops;
	l->screen.below = NULL;
	l->screen.label = NULL;
	l->ops = ops;
	l->title = xstrdup(title);
	l->header = l->empty = NULL;
	l->rows = NULL;
	l->tags = NULL;
	l->nrows = l->count = l->cursor = l->top = l->ntagged = 0;
	l->page = 1;
	l->footer = 0;
	l->search = l->limit = NULL;
	l->sort = -1;
	l->reverse = 0;
	list_reload(l);
}

void
list_free(struct list *l)
{
	free(l->title);
	free(l->header);
	free(l->empty);
	free(l->rows);
	free(l->tags);
	free(l->search);
	free(l->limit);
}

void
list_set_empty(struct list *l, const char *text)
{
	free(l->empty);
	l->empty = text != NULL ? xstrdup(text) : NULL;
}

void
list_set_header(struct list *l, const char *text)
{
	free(l->header);
	l->header = text != NULL ? xstrdup(text) : NULL;
}

char *
list_columns(const char *const *names, const int *cols, size_t n)
{
	char *out = xstrdup(""), *next;
	size_t i, w = 0;

	for (i = 0; i < n; i++) {
		size_t pad = (size_t) cols[i] > w ? (size_t) cols[i] - w : 1;

		if (i == 0)
			pad = (size_t) cols[0];
		next = xasprintf("%s%*s%s", out, (int) pad, "", names[i]);
		free(out);
		out = next;
		w += pad + text_width(names[i]);
	}
	return out;
}

/* -- Cursor, search, limit, sort, tags ----------------------------------- */

int
list_selected(const struct list *l, size_t *item)
{
	if (l->nrows == 0 || l->cursor >= l->nrows)
		return 0;
	*item = l->rows[l->cursor];
	return 1;
}

void
list_move(struct list *l, long delta)
{
	long c = (long) l->cursor + delta;

	if (l->nrows == 0)
		return;
	if (c < 0)
		c = 0;
	if (c >= (long) l->nrows)
		c = (long) l->nrows - 1;
	l->cursor = (size_t) c;
}

int
list_select_item(struct list *l, size_t item)
{
	size_t i;

	for (i = 0; i < l->nrows; i++)
		if (l->rows[i] == item) {
			l->cursor = i;
			return 1;
		}
	return 0;
}

size_t
list_set_limit(struct list *l, const char *pattern)
{
	free(l->limit);
	l->limit = NULL;
	if (pattern != NULL && *pattern != '\0')
		l->limit = xstrdup(pattern);
	list_reload(l);
	return l->nrows;
}

int
list_search(struct list *l, const char *pattern, int dir)
{
	size_t k, idx;

	if (l->search == NULL || strcmp(l->search, pattern) != 0) {
		free(l->search);
		l->search = xstrdup(pattern);
	}
	for (k = 1; k <= l->nrows; k++) {
		idx = dir > 0 ? (l->cursor + k) % l->nrows :
		    (l->cursor + l->nrows - k % l->nrows) % l->nrows;
		if (list_match(l->ops->text(l, l->rows[idx]), pattern)) {
			l->cursor = idx;
			return 1;
		}
	}
	return 0;
}

void
list_sort(struct list *l, int key, int reverse)
{
	l->sort = key;
	l->reverse = reverse;
	list_reload(l);
}

void
list_tag(struct list *l, size_t item, int on)
{
	if (item >= l->count || (l->tags[item] != 0) == (on != 0))
		return;
	l->tags[item] = on != 0;
	if (on)
		l->ntagged++;
	else
		l->ntagged--;
}

int
list_is_tagged(const struct list *l, size_t item)
{
	return item < l->count && l->tags[item];
}

void
list_tag_all(struct list *l)
{
	size_t i, all = 1;

	for (i = 0; i < l->nrows; i++)
		all &= l->tags[l->rows[i]] != 0;
	if (all) {
		for (i = 0; i < l->count; i++)
			list_tag(l, i, 0);
		return;
	}
	for (i = 0; i < l->nrows; i++)
		list_tag(l, l->rows[i], 1);
}

/* -- Painting ----------------------------------------------------------- */

/* Where the list and its footer go in the body. */
static struct draw_rect
list_rows_rect(const struct list *l)
{
	struct draw_rect r = draw_body();
	int skip = l->header != NULL ? 1 : 0;

	r.y += skip;
	r.h -= skip + l->footer;
	if (r.h < 1)
		r.h = 1;
	return r;
}

struct draw_rect
list_footer(const struct list *l)
{
	struct draw_rect body = draw_body(), r = body;

	r.h = l->footer;
	r.y = body.y + body.h - l->footer;
	return r;
}

/* Position, limit and sort, for the right of the title bar. */
static void
list_status(const struct list *l, char *buf, size_t size)
{
	int n = snprintf(buf, size, "%zu/%zu", l->nrows > 0 ? l->cursor + 1 : 0,
	    l->nrows);

	if (l->limit != NULL && n >= 0 && (size_t) n < size) {
		size_t fit = text_fit(l->limit, 20);

		n += snprintf(buf + n, size - (size_t) n, "  %s %.*s",
		    _("limit:"), (int) fit, l->limit);
	}
	if (l->sort >= 0 && l->ops->sort_names != NULL && n >= 0 &&
	    (size_t) n < size)
		snprintf(buf + n, size - (size_t) n, "  %s %s%s", _("sort:"),
		    _(l->ops->sort_names[l->sort]), l->reverse ? " -" : "");
}

static void
list_draw_row(struct list *l, const struct draw_rect *rows, int i, size_t r)
{
	enum draw_style st = r == l->cursor ? DRAW_SELECTED : DRAW_NORMAL;
	struct draw_rect content = *rows;
	size_t item = l->rows[r];

	draw_fill(rows, i, 0, rows->w, st);
	if (l->taggable) {
		if (l->tags[item])
			draw_text(rows, i, 0, "*", DRAW_TAGGED);
		content.x += 2;
		content.w -= 2;
	}
	l->ops->draw_row(l, item, &content, i, st);
}

void
list_draw(struct ui_screen *s)
{
	struct list *l = (struct list *) s;
	struct draw_rect body = draw_body(), rows = list_rows_rect(l);
	char status[160];
	size_t r;
	int i;

	list_status(l, status, sizeof status);
	draw_title(l->title, status);
	if (l->header != NULL)
		draw_line(&body, 0, l->header, DRAW_LABEL);

	l->page = rows.h;
	if (l->cursor < l->top)
		l->top = l->cursor;
	if (l->cursor >= l->top + (size_t) l->page)
		l->top = l->cursor - (size_t) l->page + 1;
	if (l->nrows == 0) {
		draw_line(&rows, 0, l->limit != NULL ?
		    _("No line contains the limit text; l and Enter show all.") :
		    l->empty != NULL ? l->empty : _("Nothing to show."),
		    DRAW_HINT);
		return;
	}
	for (i = 0, r = l->top; i < l->page && r < l->nrows; i++, r++)
		list_draw_row(l, &rows, i, r);
}

void
list_context(struct ui_screen *s, struct command_context *ctx)
{
	struct list *l = (struct list *) s;

	ctx->selected = l->nrows > 0;
	ctx->tagged = l->ntagged;
	ctx->state = -1;
}

/* -- Commands ------------------------------------------------------------- */

static int
list_cmd_move(struct ui_screen *s, enum command cmd)
{
	struct list *l = (struct list *) s;

	switch (cmd) {
	case CMD_UP:		list_move(l, -1); break;
	case CMD_DOWN:		list_move(l, 1); break;
	case CMD_PAGE_UP:	list_move(l, -(long) l->page); break;
	case CMD_PAGE_DOWN:	list_move(l, l->page); break;
	case CMD_FIRST:		list_move(l, -(long) l->nrows); break;
	case CMD_LAST:		list_move(l, (long) l->nrows); break;
	default:		break;
	}
	return UI_DRAW_SCREEN;
}

static int
list_cmd_search(struct ui_screen *s, enum command cmd)
{
	struct list *l = (struct list *) s;
	char *pattern = NULL;

	(void) cmd;
	if (dialog_prompt(_("Search"), _("Find the lines containing:"),
	    l->search, LIST_PATTERN_MAX, &pattern) == STATUS_OK &&
	    *pattern != '\0' && !list_search(l, pattern, 1))
		loop_error(_("No line contains \"%s\"."), pattern);
	free(pattern);
	return UI_DRAW_ALL;
}

static int
list_cmd_search_again(struct ui_screen *s, enum command cmd)
{
	struct list *l = (struct list *) s;

	if (l->search == NULL) {
		loop_message(_("Nothing searched yet: / starts a search."));
		return UI_DRAW_STATUS;
	}
	if (!list_search(l, l->search, cmd == CMD_SEARCH_NEXT ? 1 : -1))
		loop_error(_("No line contains \"%s\"."), l->search);
	return UI_DRAW_SCREEN;
}

static int
list_cmd_limit(struct ui_screen *s, enum command cmd)
{
	struct list *l = (struct list *) s;
	char *pattern = NULL;

	(void) cmd;
	if (dialog_prompt(_("Limit"), _("Show only the lines containing "
	    "(empty: all lines):"), l->limit, LIST_PATTERN_MAX, &pattern) ==
	    STATUS_OK) {
		list_set_limit(l, pattern);
		loop_message(_("%zu of %zu lines shown."), l->nrows, l->count);
	}
	free(pattern);
	return UI_DRAW_ALL;
}

static int
list_cmd_sort(struct ui_screen *s, enum command cmd)
{
	struct list *l = (struct list *) s;
	int next = l->sort + 1;

	if (cmd == CMD_SORT_REVERSE) {
		list_sort(l, l->sort < 0 ? 0 : l->sort, !l->reverse);
		return UI_DRAW_SCREEN;
	}
	if (l->ops->sort_names == NULL || l->ops->sort_names[next] == NULL)
		next = -1;
	list_sort(l, next, l->reverse);
	return UI_DRAW_SCREEN;
}

static int
list_cmd_tag(struct ui_screen *s, enum command cmd)
{
	struct list *l = (struct list *) s;
	size_t item;

	if (cmd == CMD_TAG_ALL) {
		list_tag_all(l);
	} else if (list_selected(l, &item)) {
		list_tag(l, item, !list_is_tagged(l, item));
		list_move(l, 1);
	}
	loop_message(_("%zu tagged."), l->ntagged);
	return UI_DRAW_SCREEN;
}

const struct command_row list_commands[] = {
	{ CMD_UP,	   list_cmd_move,	  CMD_ANYONE, 0, 0, 0 },
	{ CMD_DOWN,	   list_cmd_move,	  CMD_ANYONE, 0, 0, 0 },
	{ CMD_PAGE_UP,	   list_cmd_move,	  CMD_ANYONE, 0, 0, 0 },
	{ CMD_PAGE_DOWN,   list_cmd_move,	  CMD_ANYONE, 0, 0, 0 },
	{ CMD_FIRST,	   list_cmd_move,	  CMD_ANYONE, 0, 0, 0 },
	{ CMD_LAST,	   list_cmd_move,	  CMD_ANYONE, 0, 0, 0 },
	{ CMD_SEARCH,	   list_cmd_search,	  CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_SEARCH_NEXT, list_cmd_search_again, CMD_ANYONE, 0, 0, 0 },
	{ CMD_SEARCH_PREV, list_cmd_search_again, CMD_ANYONE, 0, 0, 0 },
	{ CMD_LIMIT,	   list_cmd_limit,	  CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

const struct command_row list_sort_commands[] = {
	{ CMD_SORT,	    list_cmd_sort, CMD_ANYONE, 0, 0, 0 },
	{ CMD_SORT_REVERSE, list_cmd_sort, CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

const struct command_row list_tag_commands[] = {
	{ CMD_TAG,	list_cmd_tag, CMD_ANYONE, CMD_NEEDS_SELECTION, 0, 0 },
	{ CMD_TAG_ALL,	list_cmd_tag, CMD_ANYONE, CMD_NEEDS_SELECTION, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};
