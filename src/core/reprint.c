/*
 * reprint.c -- Flow 4: applying for a reprint, and recording recalled
 * and destroyed copies of the version it replaces.
 *
 * The rule that blocks resealing until every printed copy is recalled
 * and destroyed lives in workflow_seal() (workflow.c), where it cannot
 * be bypassed; this file only writes the records it counts.  No print
 * job is touched here: a recalled copy stays in the print log as printed.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/reprint.h"
#include "core/wfop.h"

struct reprint_request {
	const struct doc_content	*c;
	const char			*reason;
};

static enum status
reprint_allowed(struct store_txn *txn, const struct rec_doc *doc)
{
	struct wfop_jobs jobs;
	enum status rc;

	switch (doc->state) {
	case DOC_SEALED:
		rc = wfop_jobs(txn, doc->id, doc->sealed_version, &jobs);
		if (rc != STATUS_OK)
			return rc;
		return jobs.pending != 0 ? STATUS_PRINT_BUSY : STATUS_OK;
	case DOC_PRINTED:
		return STATUS_OK;
	case DOC_REJECTED:
		/* A rejected version never sealed is simply revised. */
		return doc->version == doc->sealed_version ? STATUS_OK :
		    STATUS_STATE;
	default:
		return STATUS_STATE;
	}
}

static enum status
reprint_app_add(struct store_txn *txn, struct wfop *op, const char *reason)
{
	struct rec_application app;
	enum status rc;

	if ((rc = wfop_pending_app(txn, op->doc.id, APP_REPRINT, &app)) !=
	    STATUS_OK)
		return rc;
	if (app.id == 0) {
		app.kind = APP_REPRINT;
		app.state = APP_PENDING;
		app.doc_id = op->doc.id;
		app.applicant_id = app.subject_id = op->actor.id;
		app.created = clock_now();
	}
	app.count = op->doc.copies;
	free(app.reason);
	app.reason = xstrdup(reason);
	rc = store_put(txn, REC_APPLICATION, &app);
	rec_free(REC_APPLICATION, &app);
	return rc;
}

static enum status
reprint_apply_fn(struct store_txn *txn, struct wfop *op)
{
	struct reprint_request *r = op->arg;
	enum status rc;
	char *reason;

	if ((rc = wfop_own(op)) != STATUS_OK ||
	    (rc = reprint_allowed(txn, &op->doc)) != STATUS_OK ||
	    (rc = wfop_check_content(txn, op, r->c)) != STATUS_OK)
		return rc;
	if (r->c->kind != op->doc.kind || r->c->batch != op->doc.batch ||
	    r->c->seal_mode != op->doc.seal_mode)
		return STATUS_INVALID;
	if ((reason = wfop_text(r->reason)) == NULL)
		return STATUS_REASON_REQUIRED;

	/* From here the sealed version cannot print: the document is no
	 * longer SEALED, and its current version is not the sealed one. */
	rc = wfop_version_add(txn, op, r->c, op->doc.version + 1);
	if (rc == STATUS_OK) {
		op->doc.version++;
		op->doc.approval_level = 0;
		wfop_doc_apply(op, r->c);
		rc = reprint_app_add(txn, op, reason);
	}
	free(reason);
	if (rc != STATUS_OK)
		return rc;
	wfop_note(op, "reprint of sealed version %u as version %u",
	    (unsigned) op->doc.sealed_version, (unsigned) op->doc.version);
	wfop_move(op, DOC_IN_APPROVAL);
	return store_put(txn, REC_DOC, &op->doc);
}

enum status
reprint_apply(struct store *st, struct session *s, uint64_t doc_id,
    const struct doc_content *c, const char *reason)
{
	struct reprint_request r = { c, reason };
	struct wfop op;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_REPRINT;
	op.doc_id = doc_id;
	op.fn = reprint_apply_fn;
	op.arg = &r;
	return wfop_run(st, &op);
}

/* -- Recall and destruction ---------------------------------------------- */

struct reprint_copies {
	const uint32_t	*nos;
	size_t		 n;
	const char	*witness;
};

/* The copy numbers, for the audit entry: "3, 5-9". */
static void
reprint_note_copies(struct wfop *op, const uint32_t *nos, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && nos[j] == nos[j - 1] + 1; j++)
			continue;
		if (j - i > 1)
			wfop_note(op, "%s%u-%u", i > 0 ? ", " : "",
			    (unsigned) nos[i], (unsigned) nos[j - 1]);
		else
			wfop_note(op, "%s%u", i > 0 ? ", " : "",
			    (unsigned) nos[i]);
	}
}

static enum status
reprint_distinct(const uint32_t *nos, size_t n)
{
	size_t i, j;

	if (n == 0)
		return STATUS_INVALID;
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (nos[i] == nos[j])
				return STATUS_INVALID;
	return STATUS_OK;
}

/* The recall record of COPY_NO of DOC_ID into R (R->id 0 when none). */
static enum status
reprint_find(struct store_txn *txn, uint64_t doc_id, uint32_t copy_no,
    struct rec_recall *r)
{
	struct store_range range = { 1, { doc_id, 0, 0 }, copy_no, copy_no };
	enum status rc;
	uint64_t id = 0;

	memset(r, 0, sizeof *r);
	rc = store_scan(txn, IDX_RECALL_DOC, &range, 0, wfop_first_id, &id);
	if (rc != STATUS_OK || id == 0)
		return rc;
	return store_get(txn, REC_RECALL, id, r);
}

static enum status
reprint_recall_one(struct store_txn *txn, struct wfop *op, uint32_t copy_no)
{
	struct rec_recall r;
	uint32_t version;
	enum status rc;

	if ((rc = wfop_copy_printed(txn, op->doc.id, copy_no, &version)) !=
	    STATUS_OK || (rc = reprint_find(txn, op->doc.id, copy_no, &r)) !=
	    STATUS_OK)
		return rc;
	if (r.id != 0) {
		rec_free(REC_RECALL, &r);
		return STATUS_COPY_NUMBER;	/* recalled already */
	}
	r.doc_id = op->doc.id;
	r.version = version;
	r.copy_no = copy_no;
	r.recalled_by = op->actor.id;
	r.recalled_at = clock_now();
	return store_put(txn, REC_RECALL, &r);
}

static enum status
reprint_recall_fn(struct store_txn *txn, struct wfop *op)
{
	struct reprint_copies *cp = op->arg;
	enum status rc;
	size_t i;

	/* Only copies of a version being replaced are recalled. */
	if (op->doc.sealed_version == 0 ||
	    (op->doc.version == op->doc.sealed_version &&
	    op->doc.state != DOC_REJECTED))
		return STATUS_STATE;
	if ((rc = reprint_distinct(cp->nos, cp->n)) != STATUS_OK)
		return rc;

	for (i = 0; i < cp->n; i++) {
		rc = reprint_recall_one(txn, op, cp->nos[i]);
		if (rc != STATUS_OK) {
			wfop_note(op, "copy %u", (unsigned) cp->nos[i]);
			return rc;
		}
	}
	wfop_note(op, "recalled copies ");
	reprint_note_copies(op, cp->nos, cp->n);
	return STATUS_OK;
}

enum status
reprint_recall(struct store *st, struct session *s, uint64_t doc_id,
    const uint32_t *copy_nos, size_t n)
{
	struct reprint_copies cp = { copy_nos, n, NULL };
	struct wfop op;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_RECALL;
	op.doc_id = doc_id;
	op.fn = reprint_recall_fn;
	op.arg = &cp;
	return wfop_run(st, &op);
}

static enum status
reprint_destroy_one(struct store_txn *txn, struct wfop *op, uint32_t copy_no,
    const char *witness)
{
	struct rec_recall r;
	enum status rc;

	if ((rc = reprint_find(txn, op->doc.id, copy_no, &r)) != STATUS_OK)
		return rc;
	if (r.id == 0 || r.destroyed_by != 0) {
		rec_free(REC_RECALL, &r);
		return STATUS_COPY_NUMBER;
	}
	r.destroyed_by = op->actor.id;
	r.destroyed_at = clock_now();
	free(r.witness);
	r.witness = xstrdup(witness);
	rc = store_put(txn, REC_RECALL, &r);
	rec_free(REC_RECALL, &r);
	return rc;
}

static enum status
reprint_destroy_fn(struct store_txn *txn, struct wfop *op)
{
	struct reprint_copies *cp = op->arg;
	enum status rc;
	char *witness;
	size_t i;

	if ((rc = reprint_distinct(cp->nos, cp->n)) != STATUS_OK)
		return rc;
	if ((witness = wfop_text(cp->witness)) == NULL ||
	    strchr(witness, '\n') != NULL) {
		free(witness);
		return STATUS_WITNESS_REQUIRED;
	}

	for (i = 0; i < cp->n && rc == STATUS_OK; i++)
		if ((rc = reprint_destroy_one(txn, op, cp->nos[i], witness)) !=
		    STATUS_OK)
			wfop_note(op, "copy %u", (unsigned) cp->nos[i]);
	if (rc == STATUS_OK) {
		wfop_note(op, "destroyed copies ");
		reprint_note_copies(op, cp->nos, cp->n);
		wfop_note(op, ", witness %s", witness);
	}
	free(witness);
	return rc;
}

enum status
reprint_destroy(struct store *st, struct session *s, uint64_t doc_id,
    const uint32_t *copy_nos, size_t n, const char *witness)
{
	struct reprint_copies cp = { copy_nos, n, witness };
	struct wfop op;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_DESTROY;
	op.doc_id = doc_id;
	op.fn = reprint_destroy_fn;
	op.arg = &cp;
	return wfop_run(st, &op);
}
