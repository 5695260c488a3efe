/*
 * ctl_check.c -- "esealctl check": verify every database file of the
 * workspace and the store's invariants, print each fault, and exit 1 when
 * there is any (0 when clean; the usual codes when the check cannot run).
 *
 * It reads the files directly and never repairs: the cure for a damaged
 * workspace is a restore from backup.  Once the database is sound, the
 * key files are checked too (keycheck.h), and the summary's daily totals
 * against the records (report.h).  A workspace of an older schema is not
 * checked: its missing indexes would read as faults, and the advice to
 * restore would throw work away.  "esealctl upgrade" brings it up to date
 * first, as the first login would.
 */
#include <config.h>

#include "core/core.h"
#include "ctl/ctl.h"
#include "ctl/ctl_session.h"
#include "ctl/verbs.h"
#include "store/store.h"

static void
ctl_check_report(const char *what, void *arg)
{
	printf("%s\n", what);
}

/* The key files, once the database is sound enough to hold their keys:
 * a key file that cannot open its keys stops sealing or the audit
 * trail later, however sound the database. */
static int
ctl_check_keys(struct ctl *c, unsigned *faults)
{
	struct store *st;
	enum status rc;
	int ex;

	if ((ex = ctl_store_open(c, STORE_RDONLY, &st)) != CTL_EXIT_OK)
		return ex;
	rc = keycheck_run(st, ctl_check_report, NULL, faults);
	if (rc == STATUS_OK)
		rc = report_daysum_check(st, ctl_check_report, NULL, faults);
	ctl_session_close(st, NULL);
	return rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, c->home);
}

/* STATUS_SCHEMA_OLDER or STATUS_SCHEMA_NEWER when the workspace is of
 * another schema than this program's (an older one's new files are
 * missing, a newer one's unknown here: neither is damage, and a restore
 * would throw a newer workspace's records away); STATUS_OK otherwise,
 * a workspace that cannot be opened being left to the check to
 * describe. */
static enum status
ctl_check_schema(struct ctl *c)
{
	struct store *st;
	enum status rc;

	report_daysum_attach();
	rc = store_open(c->home, STORE_RDONLY, &st);
	if (rc == STATUS_OK)
		store_close(st);
	return rc == STATUS_SCHEMA_OLDER || rc == STATUS_SCHEMA_NEWER ? rc :
	    STATUS_OK;
}

int
ctl_check_run(struct ctl *c)
{
	unsigned faults = 0;
	enum status st;
	int ex;

	if (c->argc != 1) {
		fputs(_("Usage: esealctl [--home DIR] check\n"), stderr);
		return CTL_EXIT_USAGE;
	}
	if ((st = ctl_check_schema(c)) != STATUS_OK)
		return ctl_fail(st, c->home);
	st = store_check(c->home, ctl_check_report, NULL, &faults);
	if (st != STATUS_OK)
		return ctl_fail(st, c->home);
	if (faults == 0 && (ex = ctl_check_keys(c, &faults)) != CTL_EXIT_OK)
		return ex;
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

/* "esealctl upgrade": bring a workspace written by an older eseal up to
 * this program's schema, as the first login would. */
int
ctl_upgrade_run(struct ctl *c)
{
	struct store *st;
	unsigned version = 0;
	int older, ex;

	if (c->argc != 1) {
		fputs(_("Usage: esealctl [--home DIR] upgrade\n"), stderr);
		return CTL_EXIT_USAGE;
	}
	older = ctl_check_schema(c) == STATUS_SCHEMA_OLDER;
	if ((ex = ctl_store_open(c, 0, &st)) != CTL_EXIT_OK)
		return ex;
	(void) store_schema_version(st, &version);
	ctl_session_close(st, NULL);
	if (older)
		printf(_("%s: upgraded to schema %u\n"), c->home, version);
	else
		printf(_("%s: schema %u, nothing to upgrade\n"), c->home,
		    version);
	return CTL_EXIT_OK;
}
