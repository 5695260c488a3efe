/*
 * help.c -- the help screen: a list of every key of the screen below,
 * made from that screen's command tables (command_offered and
 * command_keys), with the selected command's help in full underneath.
 *
 * It is itself a list screen, so / searches the help.  Must not call
 * curses, and must not hold a key list of its own.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/command.h"
#include "ui/help.h"
#include "ui/list.h"

#define HELP_MAX_ROWS	64
#define HELP_KEYS_COLS	18	/* the key column */
#define HELP_LABEL_COLS	18	/* the command column */

struct help_row {
	char		*keys;		/* "Up, k" */
	const char	*label;		/* translated */
	const char	*help;		/* translated */
	char		*text;		/* what / searches */
};

struct help {
	struct list	 list;
	struct help_row	*rows;
	size_t		 n;
};

static size_t
help_count(struct list *l)
{
	return ((struct help *) l)->n;
}

static const char *
help_text(struct list *l, size_t item)
{
	return ((struct help *) l)->rows[item].text;
}

static void
help_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	const struct help_row *h = &((struct help *) l)->rows[item];

	draw_text(r, row, 1, h->keys, st == DRAW_NORMAL ? DRAW_KEY : st);
	draw_text(r, row, HELP_KEYS_COLS, h->label, st);
	draw_text(r, row, HELP_KEYS_COLS + HELP_LABEL_COLS, h->help, st);
}

static const struct list_ops help_list_ops = {
	help_count, help_draw_row, help_text, NULL, NULL
};

/* The list, then the selected command's help in full under it: the
 * help column is often cut at 80 columns. */
static void
help_draw(struct ui_screen *s)
{
	struct help *h = (struct help *) s;
	struct draw_rect foot = list_footer(&h->list);
	size_t item;

	list_draw(s);
	draw_clear(&foot, DRAW_NORMAL);
	draw_hline(&foot, 0);
	if (list_selected(&h->list, &item)) {
		struct draw_rect text = foot;

		text.y++;
		text.h--;
		draw_wrap(&text, 0, h->rows[item].help, DRAW_HINT);
	}
}

static int
help_close_cmd(struct ui_screen *s, enum command cmd)
{
	(void) s;
	(void) cmd;
	loop_pop();
	return UI_DRAW_ALL;
}

static void
help_close(struct ui_screen *s)
{
	struct help *h = (struct help *) s;
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->rows[i].keys);
		free(h->rows[i].text);
	}
	free(h->rows);
	list_free(&h->list);
	free(h);
}

static const struct command_row help_commands[] = {
	{ CMD_HELP, help_close_cmd, CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const help_tables[] = {
	help_commands, list_commands, NULL
};

static const struct ui_screen_ops help_screen_ops = {
	"help", 0, help_tables, help_draw, NULL, list_context, NULL, help_close
};

int
help_is(const struct ui_screen *s)
{
	return s->ops == &help_screen_ops;
}

/* "Up, k" for command CMD on screen S. */
static char *
help_keys(struct ui_screen *s, enum command cmd)
{
	int keys[8];
	size_t n = command_keys(s, cmd, keys, 8), i;
	char buf[128] = "", name[32];

	for (i = 0; i < n && i < 8; i++) {
		if (i > 0)
			strncat(buf, ", ", sizeof buf - strlen(buf) - 1);
		strncat(buf, command_key_name(keys[i], name, sizeof name),
		    sizeof buf - strlen(buf) - 1);
	}
	return xstrdup(buf);
}

/* TEXT followed by blanks up to COLS columns (not bytes: the labels
 * are Chinese in zh_CN). */
static void
help_pad(char *buf, size_t size, const char *text, size_t cols)
{
	size_t w = text_width(text);

	strncat(buf, text, size - strlen(buf) - 1);
	for (; w < cols && strlen(buf) + 1 < size; w++)
		strcat(buf, " ");
}

static char *
help_header(void)
{
	char buf[256] = " ";

	help_pad(buf, sizeof buf, _("Key"), HELP_KEYS_COLS - 1);
	help_pad(buf, sizeof buf, _("Command"), HELP_LABEL_COLS);
	help_pad(buf, sizeof buf, _("What it does"), 0);
	return xstrdup(buf);
}

void
help_open(struct ui_screen *s)
{
	const struct command_row *rows[HELP_MAX_ROWS];
	struct help *h = xcalloc(1, sizeof *h);
	size_t i;
	char *header;

	h->n = command_offered(s, rows, HELP_MAX_ROWS);
	if (h->n > HELP_MAX_ROWS)
		h->n = HELP_MAX_ROWS;
	h->rows = xcalloc(h->n > 0 ? h->n : 1, sizeof *h->rows);
	for (i = 0; i < h->n; i++) {
		struct help_row *r = &h->rows[i];

		r->keys = help_keys(s, rows[i]->cmd);
		r->label = command_label(rows[i]->cmd);
		r->help = command_help(rows[i]->cmd);
		r->text = xasprintf("%s %s %s", r->keys, r->label, r->help);
	}

	list_init(&h->list, &help_screen_ops, &help_list_ops,
	    _("Help: the keys of this screen"));
	header = help_header();
	list_set_header(&h->list, header);
	free(header);
	h->list.footer = 3;
	loop_push(&h->list.screen);
}
