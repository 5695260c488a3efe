/*
 * app.c -- the workspace and session the screens share, the role check
 * installed into the commands, the idle lock and logging out.
 *
 * The role check here only decides what is offered on screen: the core
 * checks every action again (and audits a refusal), so a command shown
 * by mistake would still be refused.  Must not call curses and must not
 * keep a password.
 */
#include <config.h>

#include <stdlib.h>
#include <unistd.h>

#include "print/print.h"
#include "ui/app.h"
#include "ui/command.h"
#include "ui/loop.h"
#include "ui/screens.h"

static struct {
	struct store	*store;
	char		*home;
	char		*terminal;
	const char	*forms_dir;
	struct session	*session;
	int		 locked;	/* the lock screen is up */
	int		 logout;	/* the loop ended to log out */
	char		*notice;	/* for the next login screen */
} app;

int
app_permit_roles(uint32_t roles, int perm)
{
	uint32_t only;
	int act;

	if (perm == CMD_ANYONE)
		return 1;
	if (perm < 0)
		return 0;

	/* CMD_PERM_ROLES: the roles that start it, within the action's. */
	only = (uint32_t) perm >> CMD_PERM_SHIFT;
	act = perm & CMD_PERM_ACTION;
	if (act >= ACT__COUNT || (only != 0 && !(roles & only)))
		return 0;
	return (roles & action_roles((enum action) act)) != 0;
}

/* The command role check: nothing gated before a login, and only the
 * password change while the session is restricted to it. */
static int
app_permit(int perm, void *ctx)
{
	(void) ctx;
	if (app.session == NULL)
		return perm == CMD_ANYONE;
	if (app.session->restriction != STATUS_OK)
		return perm == CMD_ANYONE || perm == ACT_PW_CHANGE;
	return app_permit_roles(app.session->roles, perm);
}

enum status
app_open(const char *home, const char *forms_dir)
{
	const char *tty;
	enum status rc;

	report_daysum_attach();		/* before an upgrade to schema 6 */
	rc = store_open(home, 0, &app.store);
	if (rc != STATUS_OK) {
		app.store = NULL;
		return rc;
	}
	audit_attach(app.store);
	print_attach(app.store);
	app.home = xstrdup(home);
	/* A copy of our own: the core keeps its own copies of it. */
	tty = isatty(STDIN_FILENO) ? ttyname(STDIN_FILENO) : NULL;
	app.terminal = xstrdup(tty != NULL ? tty : "eseal");
	app.forms_dir = forms_dir;
	command_set_permit(app_permit, NULL);
	return STATUS_OK;
}

void
app_close(void)
{
	app_session_end();
	command_set_permit(NULL, NULL);
	if (app.store != NULL) {
		print_attach(NULL);
		audit_attach(NULL);
		store_close(app.store);
	}
	free(app.home);
	free(app.terminal);
	free(app.notice);
	app.store = NULL;
	app.home = app.terminal = app.notice = NULL;
}

struct store *
app_store(void)
{
	return app.store;
}

const char *
app_home(void)
{
	return app.home;
}

const char *
app_terminal(void)
{
	return app.terminal;
}

const char *
app_forms_dir(void)
{
	return app.forms_dir;
}

struct session *
app_session(void)
{
	return app.session;
}

/* -- The idle lock ------------------------------------------------------ */

unsigned
app_idle_seconds(const struct session *s)
{
	const char *e = testhook_env("ESEAL_TEST_IDLE_SECONDS");

	if (e != NULL && atoi(e) > 0)
		return (unsigned) atoi(e);
	return s->idle_seconds;
}

/* Every key: the core decides whether the session is still alive.  A
 * key that finds it idle only brings up the lock; it must not act. */
static int
app_key(int key)
{
	(void) key;
	if (app.session == NULL || app.locked)
		return 0;
	if (session_touch(app.session) != STATUS_SESSION_IDLE)
		return 0;
	lock_open();
	return 1;
}

/* The loop saw no key for the idle time. */
static void
app_idle(void)
{
	if (app.session != NULL && !app.locked)
		lock_open();
}

void
app_set_locked(int on)
{
	app.locked = on;
}

/* -- The session -------------------------------------------------------- */

void
app_session_start(struct session *s)
{
	app_session_end();
	app.session = s;
	app.locked = 0;
	loop_set_key_hook(app_key);
	loop_set_idle(app_idle_seconds(s), app_idle);
	log_info("session of %s started", s->name);
}

void
app_session_end(void)
{
	if (app.session == NULL)
		return;
	loop_set_idle(0, NULL);
	loop_set_key_hook(NULL);
	session_logout(app.session);
	app.session = NULL;
	app.locked = 0;
}

void
app_logout(const char *notice)
{
	free(app.notice);
	app.notice = notice != NULL ? xstrdup(notice) : NULL;
	app.logout = 1;
	loop_quit();
}

int
app_take_logout(void)
{
	int was = app.logout;

	app.logout = 0;
	return was;
}

char *
app_take_notice(void)
{
	char *n = app.notice;

	app.notice = NULL;
	return n;
}
