/*
 * ctl_session.c -- opening the workspace and logging the --user in.
 *
 * The password is read from a file descriptor or the terminal, never
 * taken from the command line (where ps and shell history would show
 * it), and wiped as soon as the login has used it.
 */
#include <config.h>

#include <stdlib.h>

#include "ctl/ctl_session.h"
#include "print/print.h"

int
ctl_store_open(struct ctl *c, unsigned flags, struct store **st)
{
	enum status rc;

	*st = NULL;
	report_daysum_attach();		/* before an upgrade to schema 6 */
	rc = store_open(c->home, flags, st);
	if (rc != STATUS_OK)
		return ctl_fail(rc, c->home);
	audit_attach(*st);
	print_attach(*st);
	return CTL_EXIT_OK;
}

int
ctl_session_open(struct ctl *c, struct store **st, struct session **s)
{
	enum status rc;
	char *pw;
	int ex;

	*st = NULL;
	*s = NULL;
	if (c->user == NULL) {
		fprintf(stderr, _("esealctl: %s needs --user NAME\n"),
		    c->argv[0]);
		return CTL_EXIT_USAGE;
	}
	if ((ex = ctl_store_open(c, 0, st)) != CTL_EXIT_OK)
		return ex;

	pw = ctl_read_password(c->password_fd, _("Password: "));
	rc = session_login(*st, c->user, pw, NULL, s);
	mem_free_secret(pw);
	if (rc == STATUS_OK || rc == STATUS_PW_MUST_CHANGE ||
	    rc == STATUS_PW_EXPIRED)
		return CTL_EXIT_OK;

	store_close(*st);
	*st = NULL;
	return ctl_fail(rc, c->user);
}

void
ctl_session_close(struct store *st, struct session *s)
{
	session_logout(s);
	if (st != NULL) {
		print_attach(NULL);
		audit_attach(NULL);
		store_close(st);
	}
}
