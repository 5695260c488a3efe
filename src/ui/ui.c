/*
 * ui.c -- the ui layer's entry point: open the workspace, take the
 * terminal, run the login screen and what follows until the user quits,
 * give the terminal back and close the workspace.
 *
 * Must not call curses itself (term.c does) and must not print while
 * curses runs: the workspace is opened, and its problems reported,
 * before the terminal is taken.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "ui/app.h"
#include "ui/editor.h"
#include "ui/loop.h"
#include "ui/screens.h"
#include "ui/term.h"
#include "ui/ui.h"

int
ui_can_run(void)
{
	return term_usable();
}

/* Say why the workspace in HOME cannot be used, in words. */
static void
ui_workspace_failed(const char *home, enum status rc)
{
	char *where = text_sanitize(home, strlen(home), 0);

	fprintf(stderr, _("eseal: cannot open the workspace %s: %s\n"), where,
	    status_message(rc));
	if (rc == STATUS_NO_WORKSPACE)
		fputs(_("eseal: choose another one with --home DIR or "
		    "ESEAL_HOME.\n"), stderr);
	free(where);
}

static int
ui_terminal_failed(void)
{
	if (!term_usable())
		fputs(_("eseal: this program needs a terminal: run it in "
		    "a terminal window or on the console.\n"), stderr);
	else
		fprintf(stderr, _("eseal: the terminal type TERM=%s is "
		    "unknown here; try TERM=xterm-256color or TERM=linux.\n"),
		    getenv("TERM"));
	return UI_EXIT_TERMINAL;
}

/* Log in, work, log out; again after every logout, until the user
 * quits or a signal ends the program.  Returns the signal, or 0. */
static int
ui_sessions(void)
{
	char *notice = NULL;
	int sig;

	do {
		login_open(notice);
		free(notice);
		sig = loop_run();
		app_session_end();
		notice = app_take_notice();
	} while (sig == 0 && app_take_logout());
	free(notice);
	return sig;
}

int
ui_main(const struct ui_options *opt)
{
	const char *dir = opt->forms_dir != NULL ? opt->forms_dir : form_dir();
	char *home = opt->home != NULL ? xstrdup(opt->home) :
	    store_default_home();
	enum status rc;
	int sig;

	if ((rc = app_open(home, dir)) != STATUS_OK) {
		ui_workspace_failed(home, rc);
		free(home);
		return UI_EXIT_WORKSPACE;
	}
	free(home);
	editor_sweep();
	i18n_utf8_messages(1);
	if (term_start() != STATUS_OK) {
		i18n_utf8_messages(0);
		app_close();
		return ui_terminal_failed();
	}
	sig = ui_sessions();
	term_stop();
	i18n_utf8_messages(0);
	app_close();
	return sig != 0 ? 128 + sig : UI_EXIT_OK;
}
