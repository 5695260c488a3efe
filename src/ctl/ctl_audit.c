/*
 * ctl_audit.c -- "esealctl audit": the security auditor's tools on the
 * command line.
 *
 *   audit verify                    walk the chain and the checkpoints
 *   audit list [FILTER]...          the entries, one per line
 *   audit export [FILTER]... FILE   a signed text file of the entries
 *   audit check FILE                check an export file's signature
 *   audit archive SEQ MEDIUM        archive entries up to SEQ to a
 *                                   registered medium, then delete them
 *   audit export --medium MEDIUM [FILTER]...
 *                                   the export file on a registered medium
 *
 * FILTER: --since DATE, --until DATE (YYYY-MM-DD [HH:MM[:SS]], local
 * time, or @SECONDS), --by USER, --action ACTION, --object KIND[:ID],
 * --outcome OUTCOME, --text TEXT.
 *
 * Every command runs as the --user through the core, which lets only the
 * security auditor in and audits each attempt.  Nothing here can change
 * or delete an entry: the core offers no such call.
 */
#include <config.h>

#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ctl/ctl_session.h"
#include "ctl/verbs.h"

static int
ctl_audit_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] audit COMMAND\n"
	    "  verify                 check the chain and its signed checkpoints\n"
	    "  list [FILTER]...       show the entries\n"
	    "  export [FILTER]... FILE  write the entries to FILE, signed\n"
	    "  check FILE             check the signature of an export FILE\n"
	    "  export --medium MEDIUM [FILTER]...  the export on a registered medium\n"
	    "  archive SEQ MEDIUM     archive the entries up to SEQ to a registered\n"
	    "                         medium (its UUID), then delete them from the trail\n"
	    "Filters: --since DATE  --until DATE  --by USER  --action ACTION\n"
	    "         --object KIND[:ID]   (DATE: YYYY-MM-DD [HH:MM[:SS]] or @SECONDS)\n"
	    "         --outcome ok|refused|failed  --text TEXT (in the object or detail)\n"),
	    stderr);
	return CTL_EXIT_USAGE;
}

/* DATE as seconds since the epoch; END_OF_DAY for a bare date given as
 * an upper bound.  Returns -1 when it is not a date. */
static int64_t
ctl_audit_date(const char *text, int end_of_day)
{
	struct tm tm;
	const char *end;
	char *num_end;
	int64_t t;

	if (text[0] == '@') {
		t = strtoll(text + 1, &num_end, 10);
		return *num_end == '\0' && num_end != text + 1 ? t : -1;
	}
	memset(&tm, 0, sizeof tm);
	tm.tm_isdst = -1;
	if ((end = strptime(text, "%Y-%m-%d", &tm)) == NULL)
		return -1;
	if (*end == '\0' && end_of_day) {
		tm.tm_hour = 23;
		tm.tm_min = tm.tm_sec = 59;
	} else if (*end != '\0') {
		if ((end = strptime(end, " %H:%M", &tm)) == NULL)
			return -1;
		if (*end == ':' && (end = strptime(end, ":%S", &tm)) == NULL)
			return -1;
	}
	if (*end != '\0')
		return -1;
	return (int64_t) mktime(&tm);
}

/* An action by its name, with or without "ACT_", in any case. */
static int
ctl_audit_action(const char *text)
{
	const char *name;
	int a;

	for (a = 0; a < ACT__COUNT; a++) {
		name = action_name((enum action) a);
		if (strcasecmp(name, text) == 0 ||
		    strcasecmp(name + 4, text) == 0)
			return a;
	}
	return -1;
}

/* KIND[:ID] into F; -1 when KIND is no record kind. */
static int
ctl_audit_object(const char *text, struct audit_filter *f)
{
	const char *colon = strchr(text, ':');
	size_t n = colon != NULL ? (size_t) (colon - text) : strlen(text);
	char *end;
	int k;

	for (k = 0; k < REC__COUNT; k++) {
		const char *name = rec_kind_name((enum rec_kind) k);

		if (strlen(name) == n && strncasecmp(name, text, n) == 0)
			break;
	}
	if (k == REC__COUNT)
		return -1;
	f->object_kind = k;
	if (colon == NULL)
		return 0;
	f->object_id = strtoull(colon + 1, &end, 10);
	return *end == '\0' && end != colon + 1 ? 0 : -1;
}

/* An outcome by its name (ok, refused, failed); -1 for none. */
static int
ctl_audit_outcome(const char *text)
{
	static const char *const names[] = { "ok", "refused", "failed" };
	int i;

	for (i = 0; i < 3; i++)
		if (strcasecmp(names[i], text) == 0)
			return i;
	return -1;
}

/* One filter option into F; -1 on a bad value. */
static int
ctl_audit_filter_opt(int ch, const char *arg, struct audit_filter *f)
{
	switch (ch) {
	case 's':
		return (f->from = ctl_audit_date(arg, 0)) < 0 ? -1 : 0;
	case 'u':
		return (f->to = ctl_audit_date(arg, 1)) < 0 ? -1 : 0;
	case 'b':
		f->user_name = arg;
		return 0;
	case 'a':
		return (f->action = ctl_audit_action(arg)) < 0 ? -1 : 0;
	case 'o':
		return ctl_audit_object(arg, f);
	case 'r':
		return (f->outcome = ctl_audit_outcome(arg)) < 0 ? -1 : 0;
	case 't':
		f->object_text = arg;
		return 0;
	default:
		return -1;
	}
}

/* The filter options of list and export, and export's --medium into
 * *MEDIUM (NULL: not allowed); returns -1 to go on, or the exit code of
 * a usage error. */
static int
ctl_audit_filter(int argc, char **argv, struct audit_filter *f,
    const char **medium)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "by", required_argument, NULL, 'b' },
		{ "action", required_argument, NULL, 'a' },
		{ "object", required_argument, NULL, 'o' },
		{ "outcome", required_argument, NULL, 'r' },
		{ "text", required_argument, NULL, 't' },
		{ "medium", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	audit_filter_init(f);
	optind = 0;	/* rescan from argv[1] of the sub-command */
	while ((ch = ctl_getopt(argc, argv, "", opts)) != -1) {
		if (ch == 'm' && medium != NULL)
			*medium = optarg;
		else if (ch == 'm' || ctl_audit_filter_opt(ch, optarg, f) != 0)
			return ctl_audit_usage();
	}
	return -1;
}

static void
ctl_audit_report(const char *line, void *arg)
{
	(void) arg;
	printf("%s\n", line);
}

static int
ctl_audit_verify(struct session *s, int argc)
{
	enum status rc;
	uint64_t bad = 0;

	if (argc != 1)
		return ctl_audit_usage();
	rc = audit_verify_as(s, ctl_audit_report, NULL, &bad);
	if (rc == STATUS_AUDIT_BROKEN) {
		fprintf(stderr, "esealctl: %s\n", status_message(rc));
		return CTL_EXIT_VERIFY;
	}
	return rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, NULL);
}

static int
ctl_audit_print(const struct rec_audit *e, const char *user, void *arg)
{
	char *line = audit_format(e, user, 0);

	(void) arg;
	printf("%s\n", line);
	free(line);
	return 0;
}

static int
ctl_audit_list(struct session *s, int argc, char **argv)
{
	struct audit_filter f;
	enum status rc;
	int ex;

	if ((ex = ctl_audit_filter(argc, argv, &f, NULL)) >= 0)
		return ex;
	if (optind != argc)
		return ctl_audit_usage();
	rc = audit_search_as(s, &f, ctl_audit_print, NULL);
	return rc == STATUS_OK ? CTL_EXIT_OK : ctl_fail(rc, NULL);
}

static int
ctl_audit_export(struct session *s, int argc, char **argv)
{
	struct audit_filter f;
	const char *medium = NULL;
	char *where = NULL;
	uint64_t n = 0;
	enum status rc;
	int ex;

	if ((ex = ctl_audit_filter(argc, argv, &f, &medium)) >= 0)
		return ex;
	if (medium != NULL) {
		if (optind != argc)
			return ctl_audit_usage();
		rc = audit_export_medium_as(s, &f, medium, &where, &n);
		if (rc != STATUS_OK)
			return ctl_fail(rc, medium);
		printf(_("%" PRIu64 " entries exported to %s\n"), n, where);
		printf("exported: %s\n", where);
		free(where);
		return CTL_EXIT_OK;
	}
	if (optind + 1 != argc)
		return ctl_audit_usage();
	rc = audit_export_as(s, &f, argv[optind], &n);
	if (rc != STATUS_OK)
		return ctl_fail(rc, argv[optind]);
	printf(_("%" PRIu64 " entries exported to %s\n"), n, argv[optind]);
	return CTL_EXIT_OK;
}

static int
ctl_audit_check(struct session *s, int argc, char **argv)
{
	enum status rc;

	if (argc != 2)
		return ctl_audit_usage();
	rc = audit_export_verify_as(s, argv[1]);
	if (rc == STATUS_OK) {
		printf(_("%s: signature good\n"), argv[1]);
		return CTL_EXIT_OK;
	}
	if (rc == STATUS_BAD_SIGNATURE || rc == STATUS_MALFORMED) {
		fprintf(stderr, "esealctl: %s: %s\n", argv[1],
		    status_message(rc));
		return CTL_EXIT_VERIFY;
	}
	return ctl_fail(rc, argv[1]);
}

static int
ctl_audit_archive(struct session *s, int argc, char **argv)
{
	char *where = NULL, *end;
	uint64_t upto;
	enum status rc;

	if (argc != 3)
		return ctl_audit_usage();
	upto = strtoull(argv[1], &end, 10);
	if (*end != '\0' || end == argv[1] || upto == 0)
		return ctl_audit_usage();
	rc = audit_archive_as(s, upto, argv[2], &where);
	if (rc != STATUS_OK)
		return ctl_fail(rc, argv[2]);
	printf(_("entries up to %" PRIu64 " archived to %s and deleted from the trail\n"), upto, where);
	printf("archived: %s\n", where);
	free(where);
	return CTL_EXIT_OK;
}

int
ctl_audit_run(struct ctl *c)
{
	static const char *const cmds[] = {
		"verify", "list", "export", "check", "archive", NULL
	};
	struct session *s = NULL;
	struct store *st = NULL;
	int i, ex, argc = c->argc - 1;
	char **argv = c->argv + 1;

	if (argc < 1)
		return ctl_audit_usage();
	for (i = 0; cmds[i] != NULL && strcmp(cmds[i], argv[0]) != 0; i++)
		continue;
	if (cmds[i] == NULL)
		return ctl_audit_usage();
	if ((ex = ctl_session_open(c, &st, &s)) != CTL_EXIT_OK)
		return ex;

	if (i == 0)
		ex = ctl_audit_verify(s, argc);
	else if (i == 1)
		ex = ctl_audit_list(s, argc, argv);
	else if (i == 2)
		ex = ctl_audit_export(s, argc, argv);
	else if (i == 3)
		ex = ctl_audit_check(s, argc, argv);
	else
		ex = ctl_audit_archive(s, argc, argv);
	ctl_session_close(st, s);
	return ex;
}
