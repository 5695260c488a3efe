/*
 * ctl_print.c -- "esealctl print": the print room's command (Flow 2).
 *
 *   print ID --printer NAME [--copies N]
 *   print --settle JOB
 *   print --failed JOB [--message TEXT]
 *   print --done JOB
 *
 * The first prints the next N copies (all that remain approved) of the
 * sealed document ID on the printer NAME of the register, each with its
 * copy number and the seal, and lists the copies and where they went.
 * Interrupting it (Ctrl-C, or a SIGTERM or SIGHUP from the system)
 * cancels the job between copies.  The others settle a job left pending
 * -- by a crash, or because the print service stopped answering after
 * it had the whole job.  On a folder printer each of them counts what
 * the folder holds (print_settle), whatever was said: a copy there was
 * printed, a copy not there was not.  On a CUPS printer, once someone
 * has looked at the printer, --failed frees its copy numbers for the
 * retry and --done counts them as printed.
 */
#include <config.h>

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "ctl/ctl_doc.h"
#include "ctl/ctl_session.h"
#include "ctl/verbs.h"
#include "print/print.h"

static volatile sig_atomic_t ctl_print_interrupted;

static int
ctl_print_usage(void)
{
	fputs(_("Usage: esealctl --user NAME [--password-fd N] print COMMAND\n"
	    "  ID --printer NAME [--copies N]   print the next N copies (all\n"
	    "                                   that remain approved)\n"
	    "  --settle JOB                     settle a job left pending from\n"
	    "                                   the copies in the printer's\n"
	    "                                   folder\n"
	    "  --failed JOB [--message TEXT]    record a job left pending as\n"
	    "                                   failed; its copies may print\n"
	    "                                   again\n"
	    "  --done JOB                       record a job left pending as\n"
	    "                                   printed in full\n"
	    "Each copy carries its six-digit copy number and the seal.\n"
	    "Ctrl-C (or SIGTERM, SIGHUP) cancels between copies; copies that\n"
	    "did not print keep their numbers for the next attempt.  On a\n"
	    "folder printer --done and --failed count the folder's copies\n"
	    "too.\n"), stderr);
	return CTL_EXIT_USAGE;
}

static void
ctl_print_on_signal(int sig)
{
	(void) sig;
	ctl_print_interrupted = 1;
}

static int
ctl_print_progress(const struct print_progress *p, void *arg)
{
	(void) p;
	(void) arg;
	return ctl_print_interrupted != 0;
}

/* "copy: NNNNNN<TAB>where" for each copy that printed. */
static void
ctl_print_copies(const struct print_result *r)
{
	uint32_t i;

	for (i = 0; i < r->printed; i++) {
		if (r->kind == PRINTER_FOLDER)
			printf("copy: %06u\t%s\n", (unsigned) (r->first_copy +
			    i), r->files[i]);
		else
			printf("copy: %06u\tcups %s job %u\n", (unsigned)
			    (r->first_copy + i), r->where,
			    (unsigned) r->queue_job);
	}
}

static void
ctl_print_report(const char *printer, const struct print_result *r)
{
	static const char *const outcomes[] = { "unknown", "done", "failed",
	    "cancelled" };

	printf("job: %llu\nprinter: %s\nversion: %u\ncopies: %u-%u\n",
	    (unsigned long long) r->job_id, printer, (unsigned) r->version,
	    (unsigned) r->first_copy,
	    (unsigned) (r->first_copy + r->count - 1));
	printf("outcome: %s\nprinted: %u\npages: %u\n",
	    outcomes[r->outcome], (unsigned) r->printed, (unsigned) r->pages);
	if (r->queue_job != 0)
		printf("queue-job: %u\n", (unsigned) r->queue_job);
	if (r->message != NULL)
		printf("message: %s\n", r->message);
	ctl_print_copies(r);
}

/* Whether RC is about the printer rather than the document. */
static int
ctl_print_printer_fault(enum status rc, const struct print_result *r)
{
	switch (rc) {
	case STATUS_NOT_FOUND:
		return r->where == NULL;	/* not in the register */
	case STATUS_PRINTER_COLOUR:
	case STATUS_PRINTER_CLASSIFIED:
	case STATUS_PRINTER_DISABLED:
	case STATUS_PRINTER_QUEUE:
	case STATUS_PRINTER_STOPPED:
	case STATUS_PRINT_SERVICE:
	case STATUS_PRINT_ABORTED:
	case STATUS_PRINT_CANCELLED:
	case STATUS_IO:
	case STATUS_NO_SPACE:
	case STATUS_READ_ONLY:
	case STATUS_PERM_FS:
		return 1;
	default:
		return 0;
	}
}

/* The message for a printing failure, naming the printer when it is at
 * fault. */
static int
ctl_print_failure(enum status rc, const char *printer,
    const struct print_result *r)
{
	char *what = xasprintf(_("printer %s"), printer);
	int ex;

	ex = ctl_fail(rc, ctl_print_printer_fault(rc, r) ? what : NULL);
	if (r->outcome == PRINT_PENDING && r->job_id != 0)
		fprintf(stderr, _("esealctl: whether job %llu printed is not "
		    "known: look at the printer, then record it with 'print "
		    "--done %llu' or 'print --failed %llu'\n"),
		    (unsigned long long) r->job_id,
		    (unsigned long long) r->job_id,
		    (unsigned long long) r->job_id);
	free(what);
	return ex;
}

/* The pending job of V, or 0. */
static uint64_t
ctl_print_pending(const struct docview *v)
{
	size_t i;

	for (i = 0; i < v->njobs; i++)
		if (v->jobs[i].outcome == PRINT_PENDING)
			return v->jobs[i].id;
	return 0;
}

/* A refusal to print DOC_ID that the status alone leaves vague: how many
 * copies remain approved, or which job is pending and how to settle it.
 * -1 when the plain message is all there is to say. */
static int
ctl_print_refusal(struct store *st, struct session *s, uint64_t doc_id,
    enum status rc)
{
	struct docview v;
	unsigned long long job = 0;
	unsigned left;
	int ex = -1;

	if (rc != STATUS_COPIES_EXCEEDED && rc != STATUS_PRINT_BUSY)
		return -1;
	if (docview_get(st, s, doc_id, &v) != STATUS_OK)
		goto out;

	left = v.doc.copies > v.doc.copies_printed ? v.doc.copies -
	    v.doc.copies_printed : 0;
	if (rc == STATUS_COPIES_EXCEEDED) {
		ex = ctl_fail(rc, NULL);
		fprintf(stderr, ngettext("esealctl: %u copy remains approved "
		    "for printing.\n", "esealctl: %u copies remain approved "
		    "for printing.\n", left), left);
	} else if ((job = ctl_print_pending(&v)) != 0) {
		/* A run stopped by kill -9 or a crash left the job pending:
		 * nothing may be printing at all. */
		fprintf(stderr, _("esealctl: print job %llu of this document "
		    "is pending: it is printing elsewhere, or its run stopped "
		    "before recording the end.  Look at the printer, then "
		    "settle it with 'print --settle %llu' (or record it with "
		    "'print --done %llu' or 'print --failed %llu').\n"), job,
		    job, job, job);
		ex = ctl_exit_for(rc);
	}
out:
	docview_free(&v);
	return ex;
}

static int
ctl_print_doc(struct store *st, struct session *s, uint64_t doc_id,
    const char *printer, const char *copies)
{
	struct sigaction sa, old[3];
	struct print_request rq;
	struct print_result r;
	enum status rc;
	int ex;

	memset(&rq, 0, sizeof rq);
	if (copies != NULL &&
	    ctl_doc_number(copies, DOC_COPIES_MAX, &rq.copies) != 0)
		return ctl_print_usage();
	rq.doc_id = doc_id;
	rq.printer = printer;
	rq.progress = ctl_print_progress;

	/* Whoever stops the job -- the clerk's Ctrl-C, a shutdown's
	 * SIGTERM, a closed terminal's SIGHUP -- stops it between copies,
	 * so that the print log counts what came out. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ctl_print_on_signal;
	sigaction(SIGINT, &sa, &old[0]);
	sigaction(SIGTERM, &sa, &old[1]);
	sigaction(SIGHUP, &sa, &old[2]);
	rc = print_run(st, s, &rq, &r);
	sigaction(SIGINT, &old[0], NULL);
	sigaction(SIGTERM, &old[1], NULL);
	sigaction(SIGHUP, &old[2], NULL);

	if (r.job_id != 0)
		ctl_print_report(printer, &r);
	if (rc == STATUS_OK)
		ex = ctl_doc_report(st, s, doc_id);
	else if (r.job_id != 0 ||
	    (ex = ctl_print_refusal(st, s, doc_id, rc)) < 0)
		ex = ctl_print_failure(rc, printer, &r);
	print_result_free(&r);
	return ex;
}

/* The number of copies of the print job JOB_ID. */
static enum status
ctl_print_job_txn(struct store_txn *txn, void *arg)
{
	struct rec_printjob *j = arg;
	uint64_t id = j->id;

	rec_free(REC_PRINTJOB, j);
	return store_get(txn, REC_PRINTJOB, id, j);
}

/* Settle from the folder; -1 when the printer has none (CUPS). */
static int
ctl_print_settle_folder(struct store *st, struct session *s, uint64_t job_id)
{
	uint32_t printed;
	enum status rc = print_settle(st, s, job_id, &printed);

	if (rc == STATUS_UNSUPPORTED)
		return -1;
	if (rc != STATUS_OK)
		return ctl_fail(rc, NULL);
	printf("job: %llu\noutcome: %s\nprinted: %u\n",
	    (unsigned long long) job_id, "settled", (unsigned) printed);
	return CTL_EXIT_OK;
}

static int
ctl_print_settle(struct store *st, struct session *s, uint64_t job_id,
    int done, const char *message)
{
	struct rec_printjob j;
	enum status rc;
	int ex;

	if ((ex = ctl_print_settle_folder(st, s, job_id)) >= 0)
		return ex;
	if (done < 0) {
		fprintf(stderr, _("esealctl: job %llu went to a CUPS printer: "
		    "look it up in the queue by its title, then record it "
		    "with 'print --done' or 'print --failed'\n"),
		    (unsigned long long) job_id);
		return CTL_EXIT_STATE;
	}
	memset(&j, 0, sizeof j);
	j.id = job_id;
	if (done)
		rc = store_run(st, STORE_READ, ctl_print_job_txn, &j);
	else
		rc = STATUS_OK;
	if (rc == STATUS_OK)
		rc = printlog_complete(st, s, job_id, done ? PRINT_DONE :
		    PRINT_FAILED, done ? j.count : 0, j.pages, j.queue_job,
		    message);
	rec_free(REC_PRINTJOB, &j);
	if (rc != STATUS_OK)
		return ctl_fail(rc, NULL);
	printf("job: %llu\noutcome: %s\n", (unsigned long long) job_id,
	    done ? "done" : "failed");
	return CTL_EXIT_OK;
}

int
ctl_print_run(struct ctl *c)
{
	static const struct option opts[] = {
		{ "printer", required_argument, NULL, 'p' },
		{ "copies", required_argument, NULL, 'c' },
		{ "failed", required_argument, NULL, 'f' },
		{ "done", required_argument, NULL, 'd' },
		{ "settle", required_argument, NULL, 's' },
		{ "message", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	const char *printer = NULL, *copies = NULL, *settle = NULL;
	const char *message = NULL;
	struct session *s = NULL;
	struct store *st = NULL;
	int ch, ex, done = 0;
	uint64_t id;

	optind = 0;
	while ((ch = ctl_getopt(c->argc, c->argv, "", opts)) != -1) {
		if (ch == 'p')
			printer = optarg;
		else if (ch == 'c')
			copies = optarg;
		else if (ch == 'f' || ch == 'd' || ch == 's') {
			if (settle != NULL)
				return ctl_print_usage();
			settle = optarg;
			done = ch == 'd' ? 1 : ch == 's' ? -1 : 0;
		} else if (ch == 'm')
			message = optarg;
		else
			return ctl_print_usage();
	}
	if (settle != NULL ? optind != c->argc || printer != NULL ||
	    copies != NULL : optind + 1 != c->argc || printer == NULL)
		return ctl_print_usage();
	if ((id = ctl_doc_id(settle != NULL ? settle : c->argv[optind])) == 0)
		return ctl_print_usage();

	if ((ex = ctl_session_open(c, &st, &s)) != CTL_EXIT_OK)
		return ex;
	if (settle != NULL)
		ex = ctl_print_settle(st, s, id, done, message);
	else
		ex = ctl_print_doc(st, s, id, printer, copies);
	ctl_session_close(st, s);
	return ex;
}
