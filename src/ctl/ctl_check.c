/*
 * ctl_check.c -- "esealctl check": verify every database file of the
 * workspace and the store's invariants, print each fault, and exit 1 when
 * there is any (0 when clean; the usual codes when the check cannot run).
 *
 * It reads the files directly and never repairs: the cure for a damaged
 * workspace is a restore from backup.
 */
#include <config.h>

#include "ctl/ctl.h"
#include "ctl/verbs.h"
#include "store/store.h"

static void
ctl_check_report(const char *what, void *arg)
{
	printf("%s\n", what);
}

int
ctl_check_run(struct ctl *c)
{
	unsigned faults = 0;
	enum status st;

	if (c->argc != 1) {
		fputs(_("Usage: esealctl [--home DIR] check\n"), stderr);
		return CTL_EXIT_USAGE;
	}
	st = store_check(c->home, ctl_check_report, NULL, &faults);
	if (st != STATUS_OK)
		return ctl_fail(st, c->home);
	if (faults > 0) {
		fprintf(stderr, ngettext("esealctl: %s: %u fault found\n",
		    "esealctl: %s: %u faults found\n", faults), c->home, faults);
		fputs(_("esealctl: restore the workspace from a backup "
		    "('esealctl restore --force DIR')\n"), stderr);
		return CTL_EXIT_FAIL;
	}
	printf(_("%s: no faults found\n"), c->home);
	return CTL_EXIT_OK;
}
