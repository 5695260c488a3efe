/*
 * printlog.c -- print accounting: reserving copy numbers for a job and
 * recording its outcome (see printlog.h for the protocol).
 *
 * It must not render or talk to a printer, and it must never let a copy
 * number be consumed twice or more copies print than were approved.
 */
#include <config.h>

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/printlog.h"
#include "core/wfop.h"

struct printlog_request {
	uint64_t		 printer_id;
	uint32_t		 count;
	struct printlog_job	*job;
};

/* Why DOC cannot print now, when it cannot (Flow 2 and 4, Art. 9, 11). */
static enum status
printlog_doc_ready(struct store_txn *txn, const struct rec_doc *doc,
    uint32_t count)
{
	struct wfop_approvals ap;
	struct wfop_jobs jobs;
	enum status rc;

	if (doc->state == DOC_REFUSED)
		return STATUS_REFUSED_KIND;
	if (doc->state == DOC_PRINTED)
		return STATUS_COPIES_EXCEEDED;
	if (doc->state != DOC_SEALED)
		return doc->sealed_version != 0 &&
		    doc->version != doc->sealed_version ? STATUS_SUPERSEDED :
		    STATUS_STATE;
	assert(doc->version == doc->sealed_version);

	if ((rc = wfop_approvals(txn, doc->id, doc->sealed_version, 0, &ap)) !=
	    STATUS_OK || (rc = wfop_jobs(txn, doc->id, doc->sealed_version,
	    &jobs)) != STATUS_OK)
		return rc;
	if (!ap.issued)
		return STATUS_NOT_ISSUED;
	if (jobs.pending != 0)
		return STATUS_PRINT_BUSY;
	assert(jobs.done_sealed == doc->copies_printed);
	if (count < 1)
		return STATUS_INVALID;
	return count > doc->copies - doc->copies_printed ?
	    STATUS_COPIES_EXCEEDED : STATUS_OK;
}

/* Whether printer P may print DOC on this workstation (Flow 2, Art. 13). */
static enum status
printlog_printer_ready(struct store_txn *txn, const struct rec_doc *doc,
    const struct rec_printer *p)
{
	if (p->disabled)
		return STATUS_PRINTER_DISABLED;
	if (!p->colour)
		return STATUS_PRINTER_COLOUR;
	if (doc->classification == CLASS_NONE)
		return STATUS_OK;
	if (!p->classified)
		return STATUS_PRINTER_CLASSIFIED;
	return wfop_station_allows(txn,
	    (enum classification) doc->classification);
}

static enum status
printlog_reserve_fn(struct store_txn *txn, struct wfop *op)
{
	struct printlog_request *r = op->arg;
	struct rec_printjob j;
	struct rec_printer p;
	enum status rc;

	if ((rc = printlog_doc_ready(txn, &op->doc, r->count)) != STATUS_OK)
		return rc;
	if ((rc = store_get(txn, REC_PRINTER, r->printer_id, &p)) != STATUS_OK)
		return rc;
	rc = printlog_printer_ready(txn, &op->doc, &p);
	rec_free(REC_PRINTER, &p);
	if (rc != STATUS_OK)
		return rc;

	memset(&j, 0, sizeof j);
	j.doc_id = op->doc.id;
	j.version = op->doc.sealed_version;
	j.printer_id = r->printer_id;
	j.user_id = op->actor.id;
	j.first_copy = op->doc.next_copy_no;
	j.count = r->count;
	j.outcome = PRINT_PENDING;
	j.time = clock_now();
	/* The real clock, not clock_now(): settling compares it with the
	 * copies' file times, which a fake clock does not move. */
	j.started = (int64_t) time(NULL);
	if ((rc = store_put(txn, REC_PRINTJOB, &j)) != STATUS_OK)
		return rc;

	r->job->id = j.id;
	r->job->doc_id = j.doc_id;
	r->job->version = j.version;
	r->job->first_copy = j.first_copy;
	r->job->count = j.count;
	r->job->printer_id = j.printer_id;
	op->object_kind = REC_PRINTJOB;
	op->object_id = j.id;
	wfop_note(op, "document %llu version %u: copies %u-%u reserved on "
	    "printer %llu", (unsigned long long) j.doc_id, (unsigned) j.version,
	    (unsigned) j.first_copy, (unsigned) (j.first_copy + j.count - 1),
	    (unsigned long long) j.printer_id);
	return STATUS_OK;
}

enum status
printlog_reserve(struct store *st, struct session *s, uint64_t doc_id,
    uint64_t printer_id, uint32_t count, struct printlog_job *job)
{
	struct printlog_request r = { printer_id, count, job };
	struct wfop op;

	memset(job, 0, sizeof *job);
	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_PRINT;
	op.doc_id = doc_id;
	op.fn = printlog_reserve_fn;
	op.arg = &r;
	return wfop_run(st, &op);
}

struct printlog_outcome {
	uint64_t		 job_id;
	enum print_outcome	 outcome;
	uint32_t		 printed;
	uint32_t		 pages;
	uint32_t		 queue_job;
	const char		*message;
};

/* The copies of J that did not come out, logged as a failed job of
 * their own so the numbers are visibly free for the retry. */
static enum status
printlog_split(struct store_txn *txn, struct rec_printjob *j,
    uint32_t printed, enum print_outcome outcome)
{
	struct rec_printjob rest = *j;
	enum status rc;

	rest.id = 0;
	rest.first_copy = j->first_copy + printed;
	rest.count = j->count - printed;
	rest.outcome = (uint8_t) outcome;
	rest.message = j->message;	/* shared: put only, not freed */
	if ((rc = store_put(txn, REC_PRINTJOB, &rest)) != STATUS_OK)
		return rc;
	j->count = printed;
	j->outcome = PRINT_DONE;
	return STATUS_OK;
}

static enum status
printlog_account(struct store_txn *txn, struct wfop *op,
    struct rec_printjob *j, const struct printlog_outcome *o)
{
	enum status rc;

	if ((rc = store_get(txn, REC_DOC, j->doc_id, &op->doc)) != STATUS_OK)
		return rc;
	/* One job at a time, and nothing moves the document while it
	 * runs: its numbers are exactly the next ones. */
	assert(op->doc.state == DOC_SEALED);
	assert(j->version == op->doc.sealed_version);
	assert(j->first_copy == op->doc.next_copy_no);
	assert(op->doc.copies_printed + j->count <= op->doc.copies);

	if (o->printed > 0 && o->printed < j->count &&
	    (rc = printlog_split(txn, j, o->printed, o->outcome)) != STATUS_OK)
		return rc;
	if (o->printed == 0)
		j->outcome = (uint8_t) o->outcome;
	if (o->outcome == PRINT_DONE)
		j->outcome = PRINT_DONE;
	if ((rc = store_put(txn, REC_PRINTJOB, j)) != STATUS_OK ||
	    o->printed == 0)
		return rc;

	op->doc.next_copy_no += o->printed;
	op->doc.copies_printed += o->printed;
	wfop_move(op, op->doc.copies_printed == op->doc.copies ? DOC_PRINTED :
	    DOC_SEALED);
	return store_put(txn, REC_DOC, &op->doc);
}

static enum status
printlog_complete_fn(struct store_txn *txn, struct wfop *op)
{
	struct printlog_outcome *o = op->arg;
	uint32_t first, count;
	struct rec_printjob j;
	enum status rc;

	op->object_kind = REC_PRINTJOB;
	op->object_id = o->job_id;
	if ((rc = store_get(txn, REC_PRINTJOB, o->job_id, &j)) != STATUS_OK)
		return rc;
	first = j.first_copy;
	count = j.count;
	if (j.outcome != PRINT_PENDING)
		rc = STATUS_STATE;
	else if (o->outcome == PRINT_DONE ? o->printed != j.count :
	    (o->outcome == PRINT_PENDING || o->printed >= j.count))
		rc = STATUS_INVALID;
	if (rc != STATUS_OK)
		goto out;

	j.pages = o->pages;
	j.queue_job = o->queue_job;
	free(j.message);
	j.message = o->message != NULL ? text_sanitize(o->message,
	    strlen(o->message), 0) : NULL;
	if ((rc = printlog_account(txn, op, &j, o)) != STATUS_OK)
		goto out;

	op->outcome = o->outcome == PRINT_DONE ? AUDIT_OK : AUDIT_FAILED;
	wfop_note(op, "document %llu: copies %u-%u %s, %u printed",
	    (unsigned long long) j.doc_id, (unsigned) first,
	    (unsigned) (first + count - 1), o->outcome == PRINT_DONE ? "done" :
	    o->outcome == PRINT_CANCELLED ? "cancelled" : "failed",
	    (unsigned) o->printed);
out:
	rec_free(REC_PRINTJOB, &j);
	return rc;
}

enum status
printlog_complete(struct store *st, struct session *s, uint64_t job_id,
    enum print_outcome outcome, uint32_t printed, uint32_t pages,
    uint32_t queue_job, const char *message)
{
	struct printlog_outcome o = { job_id, outcome, printed, pages,
	    queue_job, message };
	struct wfop op;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_PRINT;
	op.fn = printlog_complete_fn;
	op.arg = &o;
	return wfop_run(st, &op);
}

static enum status
printlog_pending_fn(struct store_txn *txn, struct wfop *op)
{
	struct printlog_job *job = op->arg;
	struct rec_printjob j;
	struct wfop_jobs jobs;
	enum status rc;

	if ((rc = wfop_jobs(txn, op->doc.id, op->doc.sealed_version, &jobs)) !=
	    STATUS_OK || jobs.pending == 0)
		return rc;
	if ((rc = store_get(txn, REC_PRINTJOB, jobs.pending, &j)) != STATUS_OK)
		return rc;
	job->id = j.id;
	job->doc_id = j.doc_id;
	job->version = j.version;
	job->first_copy = j.first_copy;
	job->count = j.count;
	job->printer_id = j.printer_id;
	rec_free(REC_PRINTJOB, &j);
	return STATUS_OK;
}

enum status
printlog_pending(struct store *st, struct session *s, uint64_t doc_id,
    struct printlog_job *job)
{
	struct wfop op;

	memset(job, 0, sizeof *job);
	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_PRINT;
	op.doc_id = doc_id;
	op.fn = printlog_pending_fn;
	op.arg = job;
	return wfop_read(st, &op);
}
