/*
 * list.h -- the one list view every list screen is an instance of
 * (inbox, document lists, print log, seals ...): moving, paging, search
 * with / and n/N, limiting to a pattern, sorting, and tagging rows for
 * actions on several.
 *
 * HOW A LIST SCREEN IS WRITTEN.  Embed struct list first, give it a
 * struct list_ops saying how many rows the model has and how to draw
 * and search one, and make its screen ops use list_draw and
 * list_context:
 *
 *	struct seals { struct list list; struct seal_rec *recs; size_t n; };
 *
 *	static const struct command_row *const seals_tables[] = {
 *		seals_commands, list_commands, list_sort_commands, NULL
 *	};
 *	static const struct ui_screen_ops seals_screen = {
 *		"seals", 0, seals_tables, list_draw, NULL, list_context,
 *		NULL, seals_close
 *	};
 *	...
 *	list_init(&s->list, &seals_screen, &seals_list_ops, _("Seals"));
 *	loop_push(&s->list.screen);
 *
 * Rows of the model are numbered 0..count-1 ("items"); the list keeps
 * which items are shown (after the limit) and in what order (after the
 * sort).  After the model changes, call list_reload().  Handlers find
 * the item under the cursor with list_selected() and the tagged items
 * with list_is_tagged().  Nothing here knows what the rows are.
 */
#ifndef ESEAL_UI_LIST_H
#define ESEAL_UI_LIST_H

#include <stddef.h>

#include "ui/command.h"
#include "ui/draw.h"
#include "ui/loop.h"

struct list;

struct list_ops {
	/* How many items the model has.  Required. */
	size_t		(*count)(struct list *l);

	/* Paint ITEM into row ROW of R in style ST (DRAW_SELECTED for
	 * the cursor's row: fill the whole row with it).  Required. */
	void		(*draw_row)(struct list *l, size_t item,
			    const struct draw_rect *r, int row,
			    enum draw_style st);

	/* The text of ITEM that search and limit look in (sanitized,
	 * never NULL).  Required. */
	const char	*(*text)(struct list *l, size_t item);

	/* Order of items A and B under sort key KEY (an index into
	 * SORT_NAMES), like strcmp.  NULL with SORT_NAMES NULL: no
	 * sorting. */
	int		(*compare)(struct list *l, size_t a, size_t b, int key);
	const char *const *sort_names;		/* N_() strings, NULL-ended */
};

struct list {
	struct ui_screen	 screen;	/* first: a list is a screen */
	const struct list_ops	*ops;
	char			*title;		/* for the title bar */
	char			*header;	/* column names, or NULL */
	char			*empty;		/* shown when there is no row */
	int			 taggable;	/* rows have a tag column */

	size_t			 count;		/* items in the model */
	size_t			*rows;		/* items shown, in order */
	size_t			 nrows;
	size_t			 cursor;	/* index into rows */
	size_t			 top;		/* first row shown */
	int			 page;		/* rows that fit, last draw */
	int			 footer;	/* body rows kept at the bottom
						 * for the instance to draw */

	unsigned char		*tags;		/* per item */
	size_t			 ntagged;
	char			*search;	/* last search text, or NULL */
	char			*limit;		/* limit pattern, or NULL */
	int			 sort;		/* index in sort_names, -1 */
	int			 reverse;
};

/* Commands every list offers (moving, search, limit), sorting, and
 * tagging: put the ones that apply in the screen's tables. */
extern const struct command_row list_commands[];
extern const struct command_row list_sort_commands[];
extern const struct command_row list_tag_commands[];

/* Set up L as a screen with SCREEN_OPS and the model OPS, titled TITLE
 * (copied), and load the rows. */
void list_init(struct list *l, const struct ui_screen_ops *screen_ops,
    const struct list_ops *ops, const char *title);

/* Free what list_init() allocated (not L itself). */
void list_free(struct list *l);

/* The model changed: count, limit and sort again, keeping the cursor on
 * the same item where it is still shown.  Tags are kept when the number
 * of items did not change, else cleared. */
void list_reload(struct list *l);

/* Set the text shown for an empty list, the column header (copied;
 * NULL for none). */
void list_set_empty(struct list *l, const char *text);
void list_set_header(struct list *l, const char *text);

/* A column header for list_set_header(): NAMES[i] (translated) starting
 * at column COLS[i], padded by columns (not bytes: the names are Chinese
 * in zh_CN).  The caller frees it. */
char *list_columns(const char *const *names, const int *cols, size_t n);

/* The item under the cursor: returns 1 and sets *ITEM, or 0 when the
 * list shows nothing. */
int list_selected(const struct list *l, size_t *item);

/* Move the cursor by DELTA rows, clamped; to an item's row. */
void list_move(struct list *l, long delta);
int list_select_item(struct list *l, size_t item);

/* Show only the items whose text contains PATTERN (ASCII letters match
 * either case); NULL or "" shows all.  Returns the rows shown. */
size_t list_set_limit(struct list *l, const char *pattern);

/* Move to the next (DIR 1) or previous (-1) row whose text contains
 * PATTERN, wrapping around; remembers PATTERN for n/N.  Returns 1 when
 * one was found. */
int list_search(struct list *l, const char *pattern, int dir);

/* Sort by KEY (-1: the model's order), REVERSE or not. */
void list_sort(struct list *l, int key, int reverse);

/* Tag or untag ITEM; tag every row shown, or untag all if every one
 * already is. */
void list_tag(struct list *l, size_t item, int on);
int list_is_tagged(const struct list *l, size_t item);
void list_tag_all(struct list *l);

/* The body rows kept for the instance under the list (l->footer). */
struct draw_rect list_footer(const struct list *l);

/* Screen ops for list screens. */
void list_draw(struct ui_screen *s);
void list_context(struct ui_screen *s, struct command_context *ctx);

#endif
