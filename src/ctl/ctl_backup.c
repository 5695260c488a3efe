/*
 * ctl_backup.c -- "esealctl backup DIR" (a hot backup of the workspace,
 * which stays usable meanwhile) and "esealctl restore [--force] DIR".
 *
 * These work on the files, for whoever administers the machine: a restore
 * must be possible when no account can log in any more.
 *
 * TODO: neither is written to the audit trail nor limited to the system
 * administrator (ACT_BACKUP, ACT_RESTORE), because the core has no backup
 * operation yet.  The fix is a core function that checks the role, runs
 * the store's backup and appends the audit entry (for a restore, into the
 * restored trail), which these verbs then call with --user.
 */
#include <config.h>

#include <getopt.h>

#include "ctl/ctl.h"
#include "ctl/verbs.h"
#include "store/store.h"

int
ctl_backup_run(struct ctl *c)
{
	struct store *st;
	enum status rc;

	if (c->argc != 2) {
		fputs(_("Usage: esealctl [--home DIR] backup DIR\n"), stderr);
		return CTL_EXIT_USAGE;
	}
	/* The files only: a workspace of an older schema is backed up as
	 * it is, before its upgrade. */
	if ((rc = store_open(c->home, STORE_RDONLY | STORE_FILES, &st)) !=
	    STATUS_OK)
		return ctl_fail(rc, c->home);
	rc = store_backup(st, c->argv[1]);
	store_close(st);
	if (rc != STATUS_OK)
		return ctl_fail(rc, c->argv[1]);
	printf(_("%s backed up into %s\n"), c->home, c->argv[1]);
	return CTL_EXIT_OK;
}

int
ctl_restore_run(struct ctl *c)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	enum status rc;
	int ch, force = 0;

	while ((ch = ctl_getopt(c->argc, c->argv, "+f", opts)) != -1) {
		if (ch != 'f')
			goto usage;
		force = 1;
	}
	if (optind != c->argc - 1)
		goto usage;

	rc = store_restore(c->argv[optind], c->home, force);
	if (rc == STATUS_NO_BACKUP) {
		ctl_fail(rc, c->argv[optind]);
		return CTL_EXIT_NOT_FOUND;
	}
	if (rc != STATUS_OK)
		return ctl_fail(rc, c->home);
	printf(_("%s restored from %s\n"), c->home, c->argv[optind]);
	return CTL_EXIT_OK;
usage:
	fputs(_("Usage: esealctl [--home DIR] restore [--force] DIR\n"), stderr);
	return CTL_EXIT_USAGE;
}
