/*
 * settle.c -- print_settle(): a print job left pending (the program was
 * killed, or the print service stopped answering) settled from what the
 * printer actually produced, not from what someone says it did.
 *
 * For a folder printer that is the copies in the folder: each copy is
 * written whole or not at all (pfile.c), in copy-number order, so the
 * copies of the job found there from its first one on are exactly the
 * copies that printed.  A file written before the job started (another
 * workspace sharing the folder, a restored backup) is not this job's
 * copy and ends the count: its time is compared with the real clock the
 * job recorded when it started (rec_printjob.started; a job from before
 * that was kept records 0 and is counted as before).  A CUPS job is
 * refused here (STATUS_UNSUPPORTED): its id is recorded only when it
 * ends, so the print room looks the job up in the queue by its title and
 * says what came out ('--done' or '--failed').
 *
 * Must not write anything but the print log's record of the outcome
 * (printlog_complete, which also checks the print room's permission).
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "print/print_int.h"

struct settle_read {
	uint64_t		 job_id;
	struct rec_printjob	 job;
	struct rec_printer	 printer;
};

static enum status
settle_read_txn(struct store_txn *txn, void *arg)
{
	struct settle_read *r = arg;
	enum status rc;

	rec_free(REC_PRINTJOB, &r->job);
	rec_free(REC_PRINTER, &r->printer);
	if ((rc = store_get(txn, REC_PRINTJOB, r->job_id, &r->job)) !=
	    STATUS_OK)
		return rc;
	return store_get(txn, REC_PRINTER, r->job.printer_id, &r->printer);
}

/* How many copies of the job are in the folder, from its first on,
 * each a file written since the job started. */
static uint32_t
settle_count_files(const struct rec_printjob *j, const char *dir)
{
	struct stat sb;
	uint32_t n;
	char *path;
	int found;

	for (n = 0; n < j->count; n++) {
		path = xasprintf("%s/doc-%llu-v%u-%06u.pdf", dir,
		    (unsigned long long) j->doc_id, (unsigned) j->version,
		    (unsigned) (j->first_copy + n));
		found = stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    (int64_t) sb.st_mtime >= j->started;
		free(path);
		if (!found)
			break;
	}
	return n;
}

enum status
print_settle(struct store *st, struct session *s, uint64_t job_id,
    uint32_t *printed)
{
	struct settle_read r;
	enum print_outcome outcome;
	enum status rc;
	char *why;

	memset(&r, 0, sizeof r);
	r.job_id = job_id;
	*printed = 0;
	if ((rc = store_run(st, STORE_READ, settle_read_txn, &r)) != STATUS_OK)
		goto out;
	if (r.job.outcome != PRINT_PENDING) {
		rc = STATUS_STATE;
		goto out;
	}
	if (r.printer.kind != PRINTER_FOLDER || r.printer.queue == NULL) {
		rc = STATUS_UNSUPPORTED;
		goto out;
	}

	*printed = settle_count_files(&r.job, r.printer.queue);
	outcome = *printed == r.job.count ? PRINT_DONE : PRINT_FAILED;
	why = xasprintf("settled from the folder: %u of %u copies found",
	    (unsigned) *printed, (unsigned) r.job.count);
	log_info("print: job %llu %s", (unsigned long long) job_id, why);
	rc = printlog_complete(st, s, job_id, outcome, *printed, r.job.pages,
	    r.job.queue_job, why);
	free(why);
out:
	rec_free(REC_PRINTJOB, &r.job);
	rec_free(REC_PRINTER, &r.printer);
	return rc;
}
