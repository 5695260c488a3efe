/*
 * ctl_compact.c -- "esealctl compact": give the workspace's half-empty
 * database pages back to the file system (the system administrator,
 * audited; meant to run nightly, e.g. from cron, while clerks work).
 *
 *   compact [--passes N]
 *
 * Prints the bytes of the .db files before and after, per file with
 * --verbose (one "FILE<TAB>BEFORE<TAB>AFTER" line each), and the total.
 * Like every verb it only parses and prints; the core checks who may.
 */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>

#include "ctl/ctl_session.h"
#include "ctl/verbs.h"

struct ctl_compact_total {
	int		 verbose;
	uint64_t	 before;
	uint64_t	 after;
};

static void
ctl_compact_report(const struct store_compacted *c, void *arg)
{
	struct ctl_compact_total *t = arg;

	t->before += c->before;
	t->after += c->after;
	if (t->verbose)
		printf("%s\t%llu\t%llu\n", c->file,
		    (unsigned long long) c->before,
		    (unsigned long long) c->after);
}

static int
ctl_compact_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] [--verbose] "
	    "compact [--passes N]\n"
	    "Give the half-empty pages of the workspace's database files back "
	    "to the file system\n"
	    "(system administrator).  Clerks may go on working meanwhile.  "
	    "Two passes (the\n"
	    "default) give back more than one; N is 1 or 2.\n"), stderr);
	return CTL_EXIT_USAGE;
}

int
ctl_compact_run(struct ctl *c)
{
	static const struct option opts[] = {
		{ "passes", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	struct ctl_compact_total t = { c->verbose, 0, 0 };
	unsigned passes = 2;
	struct session *s;
	struct store *st;
	enum status rc;
	int ch, ex;

	while ((ch = ctl_getopt(c->argc, c->argv, "+", opts)) != -1) {
		if (ch != 'p' || (optarg[0] != '1' && optarg[0] != '2') ||
		    optarg[1] != '\0')
			return ctl_compact_usage();
		passes = (unsigned) (optarg[0] - '0');
	}
	if (optind != c->argc)
		return ctl_compact_usage();
	if ((ex = ctl_session_open(c, &st, &s)) != CTL_EXIT_OK)
		return ex;

	rc = maint_compact(s, passes, ctl_compact_report, &t);
	ctl_session_close(st, s);
	if (rc != STATUS_OK)
		return ctl_fail(rc, c->home);
	printf(_("%s compacted: %llu bytes before, %llu after\n"), c->home,
	    (unsigned long long) t.before, (unsigned long long) t.after);
	return CTL_EXIT_OK;
}
