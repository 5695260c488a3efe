/*
 * job.c -- print_run(): one print job from the print room's choice to
 * the print log's record of what came out (see print.h).
 *
 *   1. the printer from the register, the document and its seal;
 *   2. printlog_reserve(): every rule, and the next copy numbers;
 *   3. the original the signature binds (the kept file, or drawn again
 *      and checked against the signed hash) and the job's copy numbers
 *      drawn once (original_marks);
 *   4. each copy made of the original's objects with its number laid
 *      over, written afresh (stamp.c), and sent (progress, cancel);
 *   5. for CUPS, the job followed to its end;
 *   6. printlog_complete() with the copies that printed.
 *
 * After step 2 every way out goes through step 6, except one: when the
 * scheduler stopped answering after the whole job was handed over,
 * nobody knows whether it printed, and the job is left pending for the
 * print room to settle ('esealctl print --failed' or --done) once they
 * have looked at the printer.  Counting such copies either way could
 * print a copy number twice or lose one.
 *
 * So no copy differs from what was sealed but for its number, and the
 * body is drawn at most once a job, not once a copy (a long notice took
 * about a tenth of a second of drawing a copy, most of it in embedding
 * and compressing the fonts).  An original the stamp cannot read (not
 * written by this cairo) has its copies drawn whole, as they were
 * before.
 *
 * Rendering and printing happen outside any transaction; only the two
 * printlog calls write to the store.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "print/print_int.h"

struct job {
	struct store			*st;
	struct session			*s;
	const struct print_request	*rq;
	struct print_result		*res;
	struct rec_printer		 printer;
	struct original_src		 src;
	struct printlog_job		 reserved;
	struct print_out		 out;
	struct buf			 original;	/* the signed PDF */
	struct buf			 marks;		/* the copy numbers */
	struct render_result		 layout;	/* where marks put */
	int				 whole;		/* draw each copy */
	int				 user_cancel;
};

static void
job_say(struct job *j, const char *text)
{
	free(j->out.message);
	j->out.message = xstrdup(text);
}

/* Ask the progress callback; non-zero when the print room cancels. */
static int
job_progress(struct job *j, enum print_phase phase, uint32_t copy_no,
    const char *state)
{
	struct print_progress p;

	if (j->rq->progress == NULL || j->user_cancel)
		return j->user_cancel;
	memset(&p, 0, sizeof p);
	p.phase = phase;
	p.total = j->reserved.count;
	p.first_copy = j->reserved.first_copy;
	p.done = phase == PRINT_PHASE_COPY ? copy_no -
	    j->reserved.first_copy : phase == PRINT_PHASE_WAIT ?
	    j->reserved.count : 0;
	p.copy_no = copy_no;
	p.queue_job = j->out.queue_job;
	p.state = state;
	j->user_cancel = j->rq->progress(&p, j->rq->arg) != 0;
	if (j->user_cancel)
		job_say(j, "cancelled by the print room");
	return j->user_cancel;
}

static int
job_cups_progress(struct print_out *o, const char *state, void *arg)
{
	struct job *j = arg;

	(void) o;
	return job_progress(j, PRINT_PHASE_WAIT, 0, state);
}

/* -- Steps 1 and 2 --------------------------------------------------------- */

static enum status
job_reserve(struct job *j)
{
	const struct rec_doc *d;
	uint32_t n = j->rq->copies;
	enum status rc;

	if (j->rq->printer == NULL)
		return STATUS_INVALID;
	if ((rc = printer_get(j->s, j->rq->printer, &j->printer)) != STATUS_OK)
		return rc;
	j->res->kind = (enum printer_kind) j->printer.kind;
	j->res->where = xstrdup(j->printer.queue != NULL ? j->printer.queue :
	    "");
	/* Not sealed yet: the reservation below names the exact rule. */
	rc = original_src_get(j->st, j->s, j->rq->doc_id, &j->src);
	if (rc != STATUS_OK && rc != STATUS_STATE)
		return rc;
	d = &j->src.view.doc;
	if (n == 0 && d->copies > d->copies_printed)
		n = d->copies - d->copies_printed;
	rc = printlog_reserve(j->st, j->s, j->rq->doc_id, j->printer.id, n,
	    &j->reserved);
	if (rc != STATUS_OK)
		return rc;
	j->res->job_id = j->reserved.id;
	j->res->version = j->reserved.version;
	j->res->first_copy = j->reserved.first_copy;
	j->res->count = j->reserved.count;
	return STATUS_OK;
}

/* -- Step 3 ---------------------------------------------------------------- */

/* The document as reserved: read again when it was sealed between the
 * first reading and the reservation. */
static enum status
job_sources(struct job *j)
{
	enum status rc;

	if (j->src.v != NULL && j->src.v->number == j->reserved.version)
		return STATUS_OK;
	original_src_free(&j->src);
	rc = original_src_get(j->st, j->s, j->reserved.doc_id, &j->src);
	if (rc == STATUS_OK && j->src.v->number != j->reserved.version)
		rc = STATUS_STATE;
	if (rc != STATUS_OK)
		job_say(j, status_name(rc));
	return rc;
}

static enum status
job_check_original(struct job *j)
{
	enum status rc;

	if ((rc = job_sources(j)) != STATUS_OK)
		return rc;
	rc = original_load(j->st, &j->src, &j->original);
	if (rc == STATUS_STATE) {
		log_info("print: document %llu version %u was sealed without "
		    "a drawn original; its copies are not checked against "
		    "one", (unsigned long long) j->reserved.doc_id,
		    (unsigned) j->reserved.version);
		rc = original_draw(&j->src, 0, &j->original, NULL);
	}
	if (rc == STATUS_OK)
		rc = original_marks(&j->src, j->reserved.first_copy,
		    j->reserved.count, &j->marks, &j->layout);
	if (rc == STATUS_PRINT_ORIGINAL)
		job_say(j, "the version no longer draws as it was sealed");
	else if (rc != STATUS_OK)
		job_say(j, status_name(rc));
	return rc;
}

/* -- Step 4 ---------------------------------------------------------------- */

/* Copy COPY_NO into PDF: stamped on the original, or drawn whole. */
static enum status
job_make_copy(struct job *j, uint32_t copy_no, struct buf *pdf)
{
	enum status rc = STATUS_UNSUPPORTED;

	if (!j->whole)
		rc = stamp_copy(&j->original, &j->marks,
		    copy_no - j->reserved.first_copy, pdf);
	if (rc == STATUS_UNSUPPORTED) {
		j->whole = 1;
		rc = original_draw(&j->src, copy_no, pdf, NULL);
	}
	return rc;
}

static enum status
job_send_copy(struct job *j, uint32_t copy_no, int last)
{
	const struct render_result *r = &j->layout;
	struct buf pdf;
	enum status rc;

	buf_init(&pdf);
	if ((rc = job_make_copy(j, copy_no, &pdf)) != STATUS_OK)
		job_say(j, status_name(rc));
	else if (j->printer.kind == PRINTER_CUPS)
		rc = cups_copy(&j->out, copy_no, &pdf, last);
	else
		rc = folder_copy(&j->out, copy_no, &pdf);
	if (rc == STATUS_OK && j->res->pages == 0) {
		j->res->pages = (uint32_t) r->pages;
		j->res->seal_page = r->seal_page;
		j->res->seal_x_mm = r->seal_x_mm;
		j->res->seal_y_mm = r->seal_y_mm;
		j->res->seal_diameter_mm = r->seal_diameter_mm;
	}
	buf_free(&pdf);
	return rc;
}

static enum status
job_send(struct job *j)
{
	uint32_t i, n = j->reserved.count;
	enum status rc;

	rc = j->printer.kind == PRINTER_CUPS ? cups_open(&j->out) :
	    folder_open(&j->out);
	for (i = 0; i < n && rc == STATUS_OK; i++) {
		if (job_progress(j, PRINT_PHASE_COPY,
		    j->reserved.first_copy + i, NULL))
			return STATUS_CANCELLED;
		rc = job_send_copy(j, j->reserved.first_copy + i, i + 1 == n);
		testhook_print_pause(i + 1);
	}
	if (rc == STATUS_OK && j->printer.kind == PRINTER_CUPS)
		rc = cups_wait(&j->out, job_cups_progress, j);
	return rc;
}

/* -- Step 6 ---------------------------------------------------------------- */

/* Record how the job ended; RC is how printing ended. */
static enum status
job_record(struct job *j, enum status rc)
{
	struct print_result *res = j->res;
	enum status logged;

	if (rc == STATUS_OK) {
		res->outcome = PRINT_DONE;
		res->printed = j->reserved.count;
	} else {
		/* A CUPS job prints whole or not at all; a folder keeps
		 * every copy written before the failure. */
		res->printed = j->printer.kind == PRINTER_CUPS ? 0 :
		    j->out.nfiles;
		res->outcome = j->user_cancel || j->out.cancelled ?
		    PRINT_CANCELLED : PRINT_FAILED;
		if (j->printer.kind == PRINTER_CUPS)
			cups_cancel(&j->out);
	}
	logged = printlog_complete(j->st, j->s, j->reserved.id, res->outcome,
	    res->printed, res->pages, j->out.queue_job, j->out.message);
	if (logged != STATUS_OK) {
		log_error("print: job %llu printed %u copies but the print log "
		    "could not record it: %s", (unsigned long long)
		    j->reserved.id, (unsigned) res->printed,
		    status_name(logged));
		res->outcome = PRINT_PENDING;
		return rc != STATUS_OK ? rc : logged;
	}
	return rc;
}

static void
job_result(struct job *j)
{
	struct print_result *res = j->res;

	res->queue_job = j->out.queue_job;
	res->files = j->out.files;
	j->out.files = NULL;
	j->out.nfiles = 0;
	res->message = j->out.message;
	j->out.message = NULL;
}

enum status
print_run(struct store *st, struct session *s,
    const struct print_request *rq, struct print_result *res)
{
	struct job j;
	enum status rc;

	memset(res, 0, sizeof *res);
	memset(&j, 0, sizeof j);
	j.st = st;
	j.s = s;
	j.rq = rq;
	j.res = res;
	buf_init(&j.original);
	buf_init(&j.marks);
	if ((rc = job_reserve(&j)) != STATUS_OK)
		goto out;

	j.out.printer = &j.printer;
	j.out.total = j.reserved.count;
	j.out.name = xasprintf("doc-%llu-v%u", (unsigned long long)
	    j.reserved.doc_id, (unsigned) j.reserved.version);
	if (job_progress(&j, PRINT_PHASE_START, 0, NULL))
		rc = STATUS_CANCELLED;
	else if ((rc = job_check_original(&j)) == STATUS_OK)
		rc = job_send(&j);
	if (rc == STATUS_PRINT_SERVICE && j.out.sent_last)
		res->outcome = PRINT_PENDING;	/* unknown: see the top */
	else
		rc = job_record(&j, rc);
	job_result(&j);
	cups_close(&j.out);
	free((char *) j.out.name);
out:
	buf_free(&j.marks);
	buf_free(&j.original);
	rec_free(REC_PRINTER, &j.printer);
	original_src_free(&j.src);
	return rc;
}

void
print_result_free(struct print_result *res)
{
	uint32_t i;

	for (i = 0; res->files != NULL && i < res->printed; i++)
		free(res->files[i]);
	free(res->files);
	free(res->where);
	free(res->message);
	memset(res, 0, sizeof *res);
}
