/*
 * ctl_print.c -- "esealctl print": the print room's command.
 *
 *   print ID --printer NAME [--copies N]
 *   print --failed JOB [--message TEXT]
 *
 * TODO: nothing is rendered or sent to a printer yet.  This verb does
 * the print accounting only: it reserves the next copy numbers (every
 * rule of Flow 2 and Art. 11 and 13 checked by the core) and records
 * them as printed, writing no file and no job.  When the rendering and
 * CUPS layers exist, the copies are printed between the reservation and
 * the record of the outcome, and a failure is recorded as failed.  The
 * --help text says so, so nobody mistakes the log for paper.
 */
#include <config.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl_doc.h"
#include "ctl/ctl_session.h"
#include "ctl/verbs.h"

static int
ctl_print_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] print COMMAND\n"
	    "  ID --printer NAME [--copies N]   record the next N copies (all\n"
	    "                                   that remain) as printed\n"
	    "  --failed JOB [--message TEXT]    record a job left pending as\n"
	    "                                   failed; its copies may print\n"
	    "                                   again\n"
	    "Not yet implemented: nothing is rendered or sent to a printer.\n"
	    "This command only keeps the print log (copy numbers, who, when),\n"
	    "under the same rules the printing will follow.\n"), stderr);
	return CTL_EXIT_USAGE;
}

/* The copies of DOC_ID still to print, as the session's user reads it. */
static enum status
ctl_print_remaining(struct store *st, struct session *s, uint64_t doc_id,
    uint32_t *n)
{
	struct docview v;
	enum status rc;

	*n = 0;
	rc = docview_get(st, s, doc_id, &v);
	if (rc == STATUS_OK && v.doc.copies > v.doc.copies_printed)
		*n = v.doc.copies - v.doc.copies_printed;
	docview_free(&v);
	return rc;
}

static int
ctl_print_doc(struct store *st, struct session *s, uint64_t doc_id,
    const char *printer, const char *copies)
{
	struct printlog_job job;
	uint64_t printer_id;
	uint32_t n = 0;
	enum status rc;

	if (copies != NULL && ctl_doc_number(copies, DOC_COPIES_MAX, &n) != 0)
		return ctl_print_usage();
	if ((rc = ctl_doc_find(st, IDX_PRINTER_NAME, REC_PRINTER, printer,
	    &printer_id)) != STATUS_OK)
		return ctl_fail(rc, printer);
	if (copies == NULL && (rc = ctl_print_remaining(st, s, doc_id, &n)) !=
	    STATUS_OK)
		return ctl_fail(rc, NULL);

	if ((rc = printlog_reserve(st, s, doc_id, printer_id, n, &job)) !=
	    STATUS_OK)
		return ctl_fail(rc, NULL);
	/* TODO: render and print copies job.first_copy .. here, and record
	 * what really came out. */
	rc = printlog_complete(st, s, job.id, PRINT_DONE, job.count, 0, 0,
	    NULL);
	if (rc != STATUS_OK)
		return ctl_fail(rc, NULL);
	printf("job: %llu\ncopies: %u-%u\n", (unsigned long long) job.id,
	    (unsigned) job.first_copy,
	    (unsigned) (job.first_copy + job.count - 1));
	return ctl_doc_report(st, s, doc_id);
}

static int
ctl_print_failed(struct store *st, struct session *s, uint64_t job_id,
    const char *message)
{
	enum status rc;

	rc = printlog_complete(st, s, job_id, PRINT_FAILED, 0, 0, 0, message);
	if (rc != STATUS_OK)
		return ctl_fail(rc, NULL);
	printf("job: %llu\noutcome: failed\n", (unsigned long long) job_id);
	return CTL_EXIT_OK;
}

int
ctl_print_run(struct ctl *c)
{
	static const struct option opts[] = {
		{ "printer", required_argument, NULL, 'p' },
		{ "copies", required_argument, NULL, 'c' },
		{ "failed", required_argument, NULL, 'f' },
		{ "message", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	const char *printer = NULL, *copies = NULL, *failed = NULL;
	const char *message = NULL;
	struct session *s = NULL;
	struct store *st = NULL;
	uint64_t id;
	int ch, ex;

	optind = 0;
	while ((ch = getopt_long(c->argc, c->argv, "", opts, NULL)) != -1) {
		if (ch == 'p')
			printer = optarg;
		else if (ch == 'c')
			copies = optarg;
		else if (ch == 'f')
			failed = optarg;
		else if (ch == 'm')
			message = optarg;
		else
			return ctl_print_usage();
	}
	if (failed != NULL ? optind != c->argc || printer != NULL :
	    optind + 1 != c->argc || printer == NULL)
		return ctl_print_usage();
	if ((id = ctl_doc_id(failed != NULL ? failed : c->argv[optind])) == 0)
		return ctl_print_usage();

	if ((ex = ctl_session_open(c, &st, &s)) != CTL_EXIT_OK)
		return ex;
	if (failed != NULL)
		ex = ctl_print_failed(st, s, id, message);
	else
		ex = ctl_print_doc(st, s, id, printer, copies);
	ctl_session_close(st, s);
	return ex;
}
