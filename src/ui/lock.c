/*
 * lock.c -- the idle lock: after the policy's idle minutes without a key
 * the session locks, and this screen covers the work until the user's
 * password is given again (session_resume) or the user logs out (F10).
 *
 * It is not an overlay: nothing of the screens beneath is painted while
 * it is up, and it is busy (no help, no back, no quit), so the only ways
 * past it are the password and logging out.  A wrong password counts as
 * a failed login; the one that locks the account ends the session.  Must
 * not call curses and must not keep the password outside its field.
 */
#include <config.h>

#include <stdlib.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/entry.h"
#include "ui/screens.h"

struct lock {
	struct entry	 entry;
	size_t		 password;
};

static int
lock_resume(struct ui_screen *s, enum command cmd)
{
	struct lock *l = (struct lock *) s;
	enum status rc;

	(void) cmd;
	entry_clear_errors(&l->entry);
	if (*entry_text(&l->entry, l->password) == '\0') {
		entry_fail(&l->entry, l->password, _("Type your password."));
		return UI_DRAW_SCREEN;
	}
	loop_message(_("Checking the password..."));
	loop_paint();
	rc = session_resume(app_session(), entry_text(&l->entry, l->password));
	entry_clear(&l->entry, l->password);
	if (rc == STATUS_LOCKED) {
		app_logout(status_message(rc));
		return UI_DRAW_NONE;
	}
	if (rc != STATUS_OK) {
		entry_fail(&l->entry, l->password, status_message(rc));
		return UI_DRAW_SCREEN;
	}
	app_set_locked(0);
	loop_pop();		/* frees L */
	loop_message(_("Unlocked."));
	return UI_DRAW_ALL;
}

static int
lock_logout(struct ui_screen *s, enum command cmd)
{
	(void) s;
	(void) cmd;
	if (loop_unsaved() && dialog_confirm(_("Log out"), _("Some work is "
	    "not saved.  If you log out now, it is lost."), _("Log out"),
	    0) != 1)
		return UI_DRAW_ALL;
	app_logout(NULL);
	return UI_DRAW_NONE;
}

/* Esc must not uncover the work: it only says what does. */
static int
lock_stay(struct ui_screen *s, enum command cmd)
{
	(void) s;
	(void) cmd;
	loop_message(_("Type your password and press Enter, or F10 to log "
	    "out."));
	return UI_DRAW_STATUS;
}

static const struct command_row lock_commands[] = {
	{ CMD_RESUME,	 lock_resume,	 CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_BACK,	 lock_stay,	 CMD_ANYONE, 0, 0, 0 },
	{ CMD_LOGOUT,	 lock_logout,	 CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const lock_tables[] = {
	lock_commands, entry_commands, NULL
};

static void
lock_close(struct ui_screen *s)
{
	struct lock *l = (struct lock *) s;

	entry_free(&l->entry);
	free(l);
}

static const struct ui_screen_ops lock_ops = {
	"lock", UI_SCREEN_TEXT | UI_SCREEN_BUSY, lock_tables, entry_draw,
	entry_input, NULL, NULL, lock_close
};

void
lock_open(void)
{
	const struct session *s = app_session();
	struct lock *l;
	char *intro;

	if (s == NULL || (loop_top() != NULL && loop_top()->ops == &lock_ops))
		return;
	l = xcalloc(1, sizeof *l);
	entry_init(&l->entry, &lock_ops, _("eseal: locked"), NULL);
	intro = xasprintf(_("The session of %s (%s) was locked after a "
	    "while without a key.\nType the password to go on, or press F10 "
	    "to log out."), s->full_name, s->name);
	entry_set_intro(&l->entry, intro);
	free(intro);
	l->password = entry_add_text(&l->entry, _("Password"), 1, 0, NULL);
	app_set_locked(1);
	loop_push(&l->entry.screen);
	log_info("session of %s locked on screen", s->name);
}
