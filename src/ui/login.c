/*
 * login.c -- the login screen: a user name and a password, the password
 * never echoed and wiped after every attempt.
 *
 * The core answers and this screen only tells what it said: one message
 * for an unknown name and a wrong password alike (the core makes them
 * indistinguishable), the lockout, a disabled account, an account that
 * holds no role yet.  A session restricted to a password change (an
 * initial, reset or expired password) goes to the password screen before
 * anything else.  Must not call curses and must not log the name typed:
 * it is often a password typed into the wrong box.
 */
#include <config.h>

#include <stdlib.h>

#include "ui/app.h"
#include "ui/entry.h"
#include "ui/screens.h"

#define LOGIN_NAME_MAX	32	/* characters of a login name */

struct login {
	struct entry	 entry;
	size_t		 name, password;
};

/* Try the name and password typed.  The password field is wiped
 * whatever the answer. */
static int
login_submit(struct entry *e)
{
	struct login *l = (struct login *) e;
	struct session *s = NULL;
	enum status rc;

	entry_clear_errors(e);
	if (*entry_text(e, l->name) == '\0') {
		entry_fail(e, l->name, _("Type your user name."));
		return UI_DRAW_SCREEN;
	}
	if (*entry_text(e, l->password) == '\0') {
		entry_fail(e, l->password, _("Type your password."));
		return UI_DRAW_SCREEN;
	}

	/* The password check is slow on purpose: say so first. */
	loop_message(_("Checking the password..."));
	loop_paint();
	rc = session_login(app_store(), entry_text(e, l->name),
	    entry_text(e, l->password), app_terminal(), &s);
	entry_clear(e, l->password);
	if (s == NULL) {
		loop_error("%s", status_message(rc));
		entry_focus(e, l->password);
		return UI_DRAW_SCREEN;
	}

	app_session_start(s);
	loop_message("%s", "");
	loop_pop();		/* frees L */
	if (rc == STATUS_OK)
		home_open();
	else
		passwd_open(1);
	return UI_DRAW_ALL;
}

/* Enter: from the name to the password, from the password log in. */
static int
login_enter(struct ui_screen *s, enum command cmd)
{
	struct login *l = (struct login *) s;

	(void) cmd;
	if (l->entry.focus == l->name) {
		entry_focus(&l->entry, l->password);
		return UI_DRAW_SCREEN;
	}
	return login_submit(&l->entry);
}

/* Esc: there is nothing to go back to, and a stray Esc (or one meant for
 * a dialog already gone) must not end the program: it only returns to
 * the name and says how to quit. */
static int
login_back(struct ui_screen *s, enum command cmd)
{
	struct login *l = (struct login *) s;

	(void) cmd;
	entry_focus(&l->entry, l->name);
	loop_message("%s", _("There is nothing to go back to; F10 quits "
	    "eseal."));
	return UI_DRAW_SCREEN;
}

static const struct command_row login_commands[] = {
	{ CMD_LOGIN, login_enter, CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_BACK, login_back, CMD_ANYONE, 0, 0, 0 },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const login_tables[] = {
	login_commands, entry_commands, NULL
};

static void
login_close(struct ui_screen *s)
{
	struct login *l = (struct login *) s;

	entry_free(&l->entry);
	free(l);
}

static const struct ui_screen_ops login_ops = {
	"login", UI_SCREEN_TEXT, login_tables, entry_draw, entry_input, NULL,
	NULL, login_close
};

void
login_open(const char *notice)
{
	struct login *l = xcalloc(1, sizeof *l);

	entry_init(&l->entry, &login_ops, _("eseal: log in"), login_submit);
	entry_set_intro(&l->entry, _("The electronic-seal workstation.  Type "
	    "your user name and your password; Tab moves between them, "
	    "Enter logs in."));
	l->name = entry_add_text(&l->entry, _("User name"), 0,
	    LOGIN_NAME_MAX, NULL);
	l->password = entry_add_text(&l->entry, _("Password"), 1, 0, NULL);
	entry_set_hint(&l->entry, l->password, _("The password is not shown "
	    "as you type it."));
	loop_push(&l->entry.screen);
	if (notice != NULL)
		loop_error("%s", notice);
	log_debug("login screen shown");
}
