/*
 * command.c -- keys to commands, commands to handlers: dispatch, the
 * preconditions, the keys line, and what the help screen lists.
 *
 * The key bindings are the one table below.  A screen's own tables are
 * searched for every binding of a key before the global table, so a
 * screen can give Esc its own meaning (a dialog's "no") while every
 * other screen gets "back".  Must not call curses: painting goes
 * through draw.h.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "ui/command.h"
#include "ui/dialog.h"
#include "ui/help.h"

struct command_text {
	const char	*label;
	const char	*help;
};

#define COMMAND_TEXT(name, label, help) { label, help },
static const struct command_text command_texts[] = {
	COMMAND_LIST(COMMAND_TEXT)
};
#undef COMMAND_TEXT

struct command_binding {
	int		key;
	enum command	cmd;
};

/* The keys clerks know from the terminal programs they use.  Order
 * matters only between bindings of the same key: the first command the
 * screen offers wins, and the first key of a command is the one the
 * keys line shows. */
static const struct command_binding command_bindings[] = {
	{ UI_KEY_F(1),		CMD_HELP },
	{ '?',			CMD_HELP },
	{ UI_KEY_F(10),		CMD_QUIT },
	{ UI_KEY_ESC,		CMD_BACK },
	{ 'q',			CMD_BACK },
	{ UI_KEY_ESC,		CMD_CANCEL },
	{ 'c',			CMD_CANCEL },
	{ UI_KEY_CTRL('l'),	CMD_REDRAW },
	{ UI_KEY_ENTER,		CMD_OPEN },
	{ UI_KEY_ENTER,		CMD_NEWLINE },
	{ UI_KEY_ENTER,		CMD_ACCEPT },
	{ UI_KEY_UP,		CMD_UP },
	{ 'k',			CMD_UP },
	{ UI_KEY_DOWN,		CMD_DOWN },
	{ 'j',			CMD_DOWN },
	{ UI_KEY_PGUP,		CMD_PAGE_UP },
	{ UI_KEY_PGDN,		CMD_PAGE_DOWN },
	{ ' ',			CMD_PAGE_DOWN },
	{ UI_KEY_HOME,		CMD_HOME },
	{ UI_KEY_CTRL('a'),	CMD_HOME },
	{ UI_KEY_HOME,		CMD_FIRST },
	{ 'g',			CMD_FIRST },
	{ UI_KEY_END,		CMD_END },
	{ UI_KEY_CTRL('e'),	CMD_END },
	{ UI_KEY_END,		CMD_LAST },
	{ 'G',			CMD_LAST },
	{ '/',			CMD_SEARCH },
	{ 'n',			CMD_SEARCH_NEXT },
	{ 'N',			CMD_SEARCH_PREV },
	{ 'l',			CMD_LIMIT },
	{ 's',			CMD_SORT },
	{ 'S',			CMD_SORT_REVERSE },
	{ 't',			CMD_TAG },
	{ 'T',			CMD_TAG_ALL },
	{ UI_KEY_TAB,		CMD_NEXT_FIELD },
	{ UI_KEY_BTAB,		CMD_PREV_FIELD },
	{ UI_KEY_LEFT,		CMD_LEFT },
	{ UI_KEY_RIGHT,		CMD_RIGHT },
	{ UI_KEY_TAB,		CMD_RIGHT },
	{ UI_KEY_BTAB,		CMD_LEFT },
	{ UI_KEY_BACKSPACE,	CMD_BACKSPACE },
	{ UI_KEY_DELETE,	CMD_DELETE },
	{ UI_KEY_CTRL('d'),	CMD_DELETE },
	{ UI_KEY_F(2),		CMD_SAVE },
	{ UI_KEY_CTRL('s'),	CMD_SAVE },
	{ 'y',			CMD_YES },
	{ 'Y',			CMD_YES },
	{ 'n',			CMD_NO },
	{ 'N',			CMD_NO },
	{ UI_KEY_ENTER,		CMD_LOGIN },
	{ UI_KEY_ENTER,		CMD_RESUME },
	{ UI_KEY_ESC,		CMD_LOGOUT },
	{ 'q',			CMD_LOGOUT },
	{ UI_KEY_F(10),		CMD_LOGOUT },
	{ 'p',			CMD_PASSWD },
	{ 'a',			CMD_ADD },
	{ 'd',			CMD_DISABLE },
	{ 'e',			CMD_EDIT },
	{ 'u',			CMD_UNLOCK },
	{ 'r',			CMD_RESET_PW },
	{ 'v',			CMD_VERIFY },
	/* The document screens. */
	{ 'e',			CMD_DOC_REVISE },
	{ 'u',			CMD_DOC_SUBMIT },
	{ 'a',			CMD_DOC_APPROVE },
	{ 'r',			CMD_DOC_RETURN },
	{ 'd',			CMD_DOC_SEND },
	{ 'x',			CMD_DOC_SEAL },
	{ 'p',			CMD_DOC_PRINT },
	{ 'R',			CMD_DOC_REJECT },
	{ 'E',			CMD_DOC_REPRINT },
	{ '+',			CMD_DOC_EXTRA },
	{ 'D',			CMD_APP_DECIDE },
	{ 'C',			CMD_DOC_RECALL },
	{ 'K',			CMD_DOC_DESTROY },
	{ 'b',			CMD_DOC_BATCH },
	{ 'i',			CMD_DOC_IMPORT },
	{ UI_KEY_F(4),		CMD_EDITOR },
	{ UI_KEY_CTRL('x'),	CMD_EDITOR },
	/* The reports screen and the printer and media registers. */
	{ UI_KEY_LEFT,		CMD_SCROLL_LEFT },
	{ 'h',			CMD_SCROLL_LEFT },
	{ UI_KEY_RIGHT,		CMD_SCROLL_RIGHT },
	{ 'l',			CMD_SCROLL_RIGHT },
	{ UI_KEY_TAB,		CMD_TABLE_NEXT },
	{ ']',			CMD_TABLE_NEXT },
	{ UI_KEY_BTAB,		CMD_TABLE_PREV },
	{ '[',			CMD_TABLE_PREV },
	{ 'r',			CMD_REPORT_CHOOSE },
	{ 'x',			CMD_EXPORT },
	{ 'a',			CMD_PRINTER_ADD },
	{ 'd',			CMD_PRINTER_DISABLE },
	{ 'D',			CMD_PRINTER_REMOVE },
	{ UI_KEY_DELETE,	CMD_PRINTER_REMOVE },
	{ 'a',			CMD_MEDIUM_REGISTER },
	{ 'd',			CMD_MEDIUM_REVOKE },
	{ UI_KEY_DELETE,	CMD_MEDIUM_REVOKE },
	/* The auditor's search. */
	{ 'x',			CMD_AUDIT_EXPORT },
	/* Standalone seals. */
	{ 'a',			CMD_SA_APPLY },
	{ 'y',			CMD_SA_APPROVE },
	{ 'D',			CMD_SA_DENY },	/* 'N' finds the previous match */
	{ 'i',			CMD_SA_ISSUE },
	{ 'r',			CMD_SA_RETURN },
	/* At the work station (eseal --standalone). */
	{ UI_KEY_F(3),		CMD_SA_SEAL_FILE },
	{ UI_KEY_CTRL('o'),	CMD_SA_SEAL_FILE },
	/* Making a seal, on the seal register. */
	{ 'a',			CMD_SEAL_ADD },
	/* Proxy custody, on the seal register. */
	{ 'p',			CMD_CUSTODY_REQUEST },
	{ 'y',			CMD_CUSTODY_APPROVE },
	{ 'D',			CMD_CUSTODY_DENY },
	{ 'h',			CMD_CUSTODY_HANDOVER },
	{ 'r',			CMD_CUSTODY_RETURN },
};

#define COMMAND_NBINDINGS (sizeof command_bindings / sizeof command_bindings[0])

static int command_help_run(struct ui_screen *s, enum command cmd);
static int command_redraw(struct ui_screen *s, enum command cmd);

/* What every screen offers, after its own tables. */
static const struct command_row command_global[] = {
	{ CMD_HELP,	command_help_run, CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_BACK,	command_back,	CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_QUIT,	command_quit,	CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_REDRAW,	command_redraw,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static int (*command_permit)(int perm, void *ctx);
static void *command_permit_ctx;

void
command_set_permit(int (*permit)(int perm, void *ctx), void *ctx)
{
	command_permit = permit;
	command_permit_ctx = ctx;
}

const char *
command_label(enum command cmd)
{
	return _(command_texts[cmd].label);
}

const char *
command_help(enum command cmd)
{
	return _(command_texts[cmd].help);
}

static int
command_permitted(const struct command_row *row)
{
	return row->perm == CMD_ANYONE || command_permit == NULL ||
	    command_permit(row->perm, command_permit_ctx);
}

/* -- Finding the row for a key --------------------------------------- */

static const struct command_row *
command_in_table(const struct command_row *t, enum command cmd)
{
	for (; t->cmd != CMD_NONE; t++)
		if (t->cmd == cmd)
			return t;
	return NULL;
}

static const struct command_row *
command_in_screen(struct ui_screen *s, enum command cmd)
{
	const struct command_row *const *t;
	const struct command_row *row;

	if (s->ops->tables == NULL)
		return NULL;
	for (t = s->ops->tables; *t != NULL; t++)
		if ((row = command_in_table(*t, cmd)) != NULL)
			return row;
	return NULL;
}

/* The global row for CMD on S: a dialog answers Esc itself and is not
 * the place to quit from, so it gets only help and redraw. */
static const struct command_row *
command_in_global(struct ui_screen *s, enum command cmd)
{
	if ((s->ops->flags & UI_SCREEN_BUSY) ||
	    ((s->ops->flags & UI_SCREEN_OVERLAY) &&
	    (cmd == CMD_QUIT || cmd == CMD_BACK)))
		return NULL;
	return command_in_table(command_global, cmd);
}

const struct command_row *
command_resolve(struct ui_screen *s, int key)
{
	const struct command_row *row;
	size_t i;

	if ((s->ops->flags & UI_SCREEN_TEXT) && UI_KEY_IS_TEXT(key))
		return NULL;
	for (i = 0; i < COMMAND_NBINDINGS; i++) {
		if (command_bindings[i].key != key)
			continue;
		if ((row = command_in_screen(s, command_bindings[i].cmd)) != NULL)
			return row;
	}
	for (i = 0; i < COMMAND_NBINDINGS; i++) {
		if (command_bindings[i].key != key)
			continue;
		if ((row = command_in_global(s, command_bindings[i].cmd)) != NULL)
			return row;
	}
	return NULL;
}

/* -- Running ----------------------------------------------------------- */

enum status
command_allowed(struct ui_screen *s, const struct command_row *row,
    const char **why)
{
	struct command_context ctx = { 0, 0, -1 };

	if (!command_permitted(row)) {
		*why = status_message(STATUS_DENIED);
		return STATUS_DENIED;
	}
	if (s->ops->context != NULL)
		s->ops->context(s, &ctx);
	if ((row->needs & CMD_NEEDS_SELECTION) && !ctx.selected) {
		*why = _("There is no line to act on here.");
		return STATUS_INVALID;
	}
	if ((row->needs & CMD_NEEDS_TAGGED) && ctx.tagged == 0) {
		*why = _("No line is tagged: t tags the line under the cursor.");
		return STATUS_INVALID;
	}
	if (row->states != 0 && (ctx.state < 0 || ctx.state >= 32 ||
	    !(row->states & (1u << ctx.state)))) {
		*why = status_message(STATUS_STATE);
		return STATUS_STATE;
	}
	return STATUS_OK;
}

static int
command_exec(struct ui_screen *s, const struct command_row *row)
{
	const char *why;

	if (command_allowed(s, row, &why) != STATUS_OK) {
		loop_error("%s", why);
		return UI_DRAW_STATUS;
	}
	return row->run(s, row->cmd);
}

int
command_dispatch(struct ui_screen *s, int key)
{
	const struct command_row *row;
	char name[32];
	int r;

	if (s->ops->input != NULL) {
		r = s->ops->input(s, key);
		if (!(r & UI_PASS))
			return r;
	}
	if ((s->ops->flags & UI_SCREEN_TEXT) && UI_KEY_IS_TEXT(key))
		return UI_DRAW_NONE;

	row = command_resolve(s, key);
	if (row == NULL) {
		loop_message(_("%s does nothing here; F1 lists the keys."),
		    command_key_name(key, name, sizeof name));
		return UI_DRAW_STATUS;
	}
	return command_exec(s, row);
}

int
command_run(struct ui_screen *s, enum command cmd)
{
	const struct command_row *row = command_in_screen(s, cmd);

	if (row == NULL)
		row = command_in_global(s, cmd);
	return row != NULL ? command_exec(s, row) : UI_PASS;
}

/* -- What help and the keys line show ---------------------------------- */

size_t
command_keys(struct ui_screen *s, enum command cmd, int *keys, size_t max)
{
	const struct command_row *row;
	size_t i, j, n = 0;

	for (i = 0; i < COMMAND_NBINDINGS; i++) {
		int key = command_bindings[i].key, seen = 0;

		if (command_bindings[i].cmd != cmd)
			continue;
		for (j = 0; j < n && j < max; j++)
			seen |= keys[j] == key;
		row = command_resolve(s, key);
		if (seen || row == NULL || row->cmd != cmd)
			continue;
		if (n < max)
			keys[n] = key;
		n++;
	}
	return n;
}

/* Add ROW to ROWS unless its command is there, it is not permitted, or
 * no key reaches it on S. */
static void
command_offer(struct ui_screen *s, const struct command_row *row,
    const struct command_row **rows, size_t max, size_t *n)
{
	int key;
	size_t i;

	for (i = 0; i < *n && i < max; i++)
		if (rows[i]->cmd == row->cmd)
			return;
	if (!command_permitted(row) || command_keys(s, row->cmd, &key, 1) == 0)
		return;
	if (*n < max)
		rows[*n] = row;
	(*n)++;
}

size_t
command_offered(struct ui_screen *s, const struct command_row **rows,
    size_t max)
{
	const struct command_row *const *t, *row;
	size_t n = 0;

	for (t = s->ops->tables; t != NULL && *t != NULL; t++)
		for (row = *t; row->cmd != CMD_NONE; row++)
			command_offer(s, row, rows, max, &n);
	for (row = command_global; row->cmd != CMD_NONE; row++)
		command_offer(s, row, rows, max, &n);
	return n;
}

const char *
command_key_name(int key, char *buf, size_t size)
{
	static const struct { int key; const char *name; } names[] = {
		{ UI_KEY_ENTER, "Enter" }, { UI_KEY_ESC, "Esc" },
		{ UI_KEY_TAB, "Tab" }, { UI_KEY_BTAB, "Shift-Tab" },
		{ UI_KEY_UP, "Up" }, { UI_KEY_DOWN, "Down" },
		{ UI_KEY_LEFT, "Left" }, { UI_KEY_RIGHT, "Right" },
		{ UI_KEY_HOME, "Home" }, { UI_KEY_END, "End" },
		{ UI_KEY_PGUP, "PgUp" }, { UI_KEY_PGDN, "PgDn" },
		{ UI_KEY_BACKSPACE, "Backspace" }, { UI_KEY_DELETE, "Del" },
		{ UI_KEY_INSERT, "Ins" }, { ' ', "Space" },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].name);
			return buf;
		}
	if (key > UI_KEY_F0 && key <= UI_KEY_F(12))
		snprintf(buf, size, "F%d", key - UI_KEY_F0);
	else if (key > 0 && key < 0x20)
		snprintf(buf, size, "Ctrl-%c", key + 'A' - 1);
	else if (UI_KEY_IS_TEXT(key))
		buf[text_utf8_encode((uint32_t) key, buf)] = '\0';
	else
		snprintf(buf, size, "?");
	return buf;
}

/* CMD's word on S's keys line: the screen's own, else the command's. */
static const char *
command_item_label(struct ui_screen *s, enum command cmd)
{
	const char *label = s->label != NULL ? s->label(s, (int) cmd) : NULL;

	return label != NULL ? label : command_label(cmd);
}

/* The columns "KEY Label" of ROW takes on S's keys line (its key's name
 * into NAME), or 0 when the line does not show it. */
static int
command_item_width(struct ui_screen *s, const struct command_row *row,
    char *name, size_t size)
{
	int key;

	if (command_keys(s, row->cmd, &key, 1) == 0 || !command_permitted(row))
		return 0;
	command_key_name(key, name, size);
	return (int) (text_width(name) + 1 +
	    text_width(command_item_label(s, row->cmd)));
}

/* Draw "KEY Label" at *COL of row ROW if it ends by column END; returns
 * 0 when it did not fit. */
static int
command_draw_item(struct ui_screen *s, const struct command_row *row,
    const struct draw_rect *r, int y, int *col, int end)
{
	char name[32];
	int need = command_item_width(s, row, name, sizeof name);

	if (need == 0)
		return 1;
	if (*col + need > end)
		return 0;
	*col += draw_text(r, y, *col, name, DRAW_KEY);
	*col += 1;
	*col += draw_text(r, y, *col, command_item_label(s, row->cmd),
	    DRAW_NORMAL);
	*col += 2;
	return 1;
}

/*
 * Help first; then the screen's commands in their tables' order, as many
 * as fit; then Back and Quit, which always keep their room: a screen
 * with many commands (the office director's Seal register) drops its
 * last, least needed ones, never the way out.
 */
void
command_draw_keys(struct ui_screen *s, const struct draw_rect *r, int row)
{
	const struct command_row *const *t, *cr, *tail[2];
	int col = 0, end = r->w, stop = 0;
	size_t i, ntail = 0;
	char name[32];

	if (s == NULL)
		return;
	if (command_in_screen(s, CMD_BACK) == NULL && s->below != NULL)
		tail[ntail++] = &command_global[1];
	tail[ntail++] = &command_global[2];
	for (i = 0; i < ntail; i++)
		if ((col = command_item_width(s, tail[i], name, sizeof name)))
			end -= col + 2;
	col = 0;

	if (!command_draw_item(s, &command_global[0], r, row, &col, end))
		return;
	for (t = s->ops->tables; t != NULL && *t != NULL && !stop; t++)
		for (cr = *t; cr->cmd != CMD_NONE && !stop; cr++)
			stop = (cr->flags & CMD_BOTTOM) &&
			    cr->cmd != CMD_HELP &&
			    !command_draw_item(s, cr, r, row, &col, end);
	for (i = 0; i < ntail; i++)
		command_draw_item(s, tail[i], r, row, &col, r->w);
}

/* -- The global commands ----------------------------------------------- */

static int
command_help_run(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	if (help_is(s))
		return UI_DRAW_NONE;
	help_open(s);
	return UI_DRAW_ALL;
}

static int
command_redraw(struct ui_screen *s, enum command cmd)
{
	(void) s;
	(void) cmd;
	draw_refresh_all();
	return UI_DRAW_ALL;
}

int
command_quit(struct ui_screen *s, enum command cmd)
{
	(void) s;
	(void) cmd;
	if (loop_unsaved() && dialog_confirm(_("Quit eseal"),
	    _("Some work is not saved.  If you quit now, it is lost."),
	    _("Quit without saving"), 0) != 1)
		return UI_DRAW_ALL;
	log_info("quit by the user");
	loop_quit();
	return UI_DRAW_NONE;
}

int
command_back(struct ui_screen *s, enum command cmd)
{
	(void) cmd;
	if (s->ops->unsaved != NULL && s->ops->unsaved(s) &&
	    dialog_confirm(_("Discard the changes"),
	    _("The changes on this screen are not saved.  If you go back now, "
	    "they are lost."), _("Discard"), 0) != 1)
		return UI_DRAW_ALL;
	if (s->below == NULL) {
		loop_quit();
		return UI_DRAW_NONE;
	}
	loop_pop();
	return UI_DRAW_ALL;
}
