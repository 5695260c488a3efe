/*
 * flowask.c -- the document dialogs' common screen: inputs, the
 * confirmation with a summary, the core call, the refusal next to its
 * input.  What each dialog asks and calls is its own (flowask_ops).
 *
 * Must not call curses, and must not decide a rule: whether an action
 * is allowed is only ever the core's answer.
 */
#include <config.h>

#include <stdlib.h>

#include "ui/dialog.h"
#include "ui/flowask.h"
#include "ui/screens.h"

/* The core said no: secrets are emptied, the reason goes where the
 * dialog says it belongs. */
static void
flowask_refused(struct flowask *a, enum status rc)
{
	struct entry *e = &a->entry;
	const char *msg;
	size_t at, i;

	for (i = 0; i < e->n; i++)
		if (e->items[i].kind == ENTRY_SECRET)
			entry_clear(e, i);
	if (rc == STATUS_SESSION_IDLE) {
		lock_open();
		return;
	}
	msg = status_message(rc);
	at = a->ops->where != NULL ? a->ops->where(a, rc, &msg) :
	    FLOWASK_NOWHERE;
	if (at == FLOWASK_NOWHERE || at >= e->n)
		loop_error("%s", msg);
	else
		entry_fail(e, at, msg);
}

static int
flowask_submit(struct entry *e)
{
	struct flowask *a = (struct flowask *) e;
	char *summary, *done;
	enum status rc;
	int yes;

	entry_clear_errors(e);
	if ((summary = a->ops->summary(a)) == NULL)
		return UI_DRAW_ALL;
	yes = dialog_confirm(e->title, summary, a->yes, 1);
	free(summary);
	if (yes != 1)
		return UI_DRAW_ALL;

	if ((rc = a->ops->act(a)) != STATUS_OK) {
		flowask_refused(a, rc);
		return UI_DRAW_ALL;
	}
	done = a->ops->done(a);
	loop_message("%s", done);
	free(done);
	loop_finish(1);		/* frees A */
	return UI_DRAW_ALL;
}

static const struct command_row *const flowask_tables[] = {
	entry_save_commands, entry_commands, NULL
};

static void
flowask_close(struct ui_screen *s)
{
	struct flowask *a = (struct flowask *) s;

	free(a->yes);
	entry_free(&a->entry);
	free(a);
}

static const struct ui_screen_ops flowask_screen_ops = {
	"document-dialog", UI_SCREEN_TEXT, flowask_tables, entry_draw,
	entry_input, NULL, entry_unsaved, flowask_close
};

struct flowask *
flowask_new(const char *title, const char *intro,
    const struct flowask_ops *ops, const char *yes, void *ctx)
{
	struct flowask *a = xcalloc(1, sizeof *a);

	entry_init(&a->entry, &flowask_screen_ops, title, flowask_submit);
	entry_set_intro(&a->entry, intro);
	a->ops = ops;
	a->yes = xstrdup(yes);
	a->ctx = ctx;
	return a;
}

int
flowask_run(struct flowask *a)
{
	return loop_modal(&a->entry.screen) == 1;
}
