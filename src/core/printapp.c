/*
 * printapp.c -- extra prints and blank-form batches: the applications
 * that ask for copies, and the approver's decision on an extra print.
 *
 * Copies become printable only through the document's approved count
 * (rec_doc.copies), which only printapp_decide() and workflow_seal()
 * raise; print accounting itself is printlog.c's.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/perm.h"
#include "core/printapp.h"
#include "core/wfop.h"

struct printapp_request {
	const struct doc_content	*c;
	uint32_t			 count;
	uint64_t			 receiver;
	const char			*reason;
	uint64_t			 id;		/* out */
};

static enum status
printapp_add(struct store_txn *txn, struct wfop *op, enum app_kind kind,
    struct printapp_request *r)
{
	struct rec_application app;
	enum status rc;

	memset(&app, 0, sizeof app);
	app.kind = (uint8_t) kind;
	app.state = APP_PENDING;
	app.doc_id = op->doc.id;
	app.applicant_id = op->actor.id;
	app.subject_id = r->receiver != 0 ? r->receiver : op->actor.id;
	app.count = r->count;
	app.reason = wfop_text(r->reason);
	app.created = clock_now();
	rc = store_put(txn, REC_APPLICATION, &app);
	r->id = app.id;
	rec_free(REC_APPLICATION, &app);
	return rc;
}

static enum status
printapp_extra_fn(struct store_txn *txn, struct wfop *op)
{
	struct printapp_request *r = op->arg;
	enum status rc;

	if ((rc = wfop_own(op)) != STATUS_OK)
		return rc;
	if (op->doc.state != DOC_SEALED && op->doc.state != DOC_PRINTED)
		return STATUS_STATE;
	if (r->count < 1 || r->count > DOC_COPIES_MAX)
		return STATUS_INVALID;

	if ((rc = printapp_add(txn, op, APP_EXTRA_PRINT, r)) != STATUS_OK)
		return rc;
	wfop_note(op, "application %llu: %u more copies of version %u",
	    (unsigned long long) r->id, (unsigned) r->count,
	    (unsigned) op->doc.sealed_version);
	return STATUS_OK;
}

enum status
printapp_extra(struct store *st, struct session *s, uint64_t doc_id,
    uint32_t count, const char *reason, uint64_t *app_id)
{
	struct printapp_request r = { NULL, count, 0, reason, 0 };
	struct wfop op;
	enum status rc;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_EXTRA_PRINT;
	op.doc_id = doc_id;
	op.fn = printapp_extra_fn;
	op.arg = &r;
	rc = wfop_run(st, &op);
	if (app_id != NULL)
		*app_id = rc == STATUS_OK ? r.id : 0;
	return rc;
}

static enum status
printapp_batch_fn(struct store_txn *txn, struct wfop *op)
{
	struct printapp_request *r = op->arg;
	struct doc_content c;
	struct rec_user u;
	enum status rc;

	if (r->receiver != 0) {
		if ((rc = store_get(txn, REC_USER, r->receiver, &u)) !=
		    STATUS_OK)
			return rc;
		rec_free(REC_USER, &u);
	}
	doc_content_copy(&c, r->c);
	c.batch = 1;
	c.copies = r->count;
	rc = wfop_doc_new(txn, op, &c);
	doc_content_free(&c);
	if (rc != STATUS_OK || (rc = printapp_add(txn, op, APP_BATCH, r)) !=
	    STATUS_OK)
		return rc;

	r->id = op->doc.id;
	wfop_note(op, "batch of %u blank forms, %s", (unsigned) r->count,
	    doc_state_name(op->doc.state));
	return STATUS_OK;
}

enum status
printapp_batch(struct store *st, struct session *s,
    const struct doc_content *c, uint32_t count, uint64_t receiver_id,
    const char *reason, uint64_t *doc_id)
{
	struct printapp_request r = { c, count, receiver_id, reason, 0 };
	struct wfop op;
	enum status rc;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_BATCH;
	op.fn = printapp_batch_fn;
	op.arg = &r;
	rc = wfop_run(st, &op);
	if (doc_id != NULL)
		*doc_id = rc == STATUS_OK ? r.id : 0;
	return rc;
}

struct printapp_decision {
	uint64_t	 app_id;
	int		 approve;
	const char	*comment;
};

/* Approving adds the copies, if the sealed version is still current. */
static enum status
printapp_grant(struct store_txn *txn, struct wfop *op,
    const struct rec_application *app)
{
	if ((op->doc.state != DOC_SEALED && op->doc.state != DOC_PRINTED) ||
	    op->doc.version != op->doc.sealed_version)
		return STATUS_STATE;	/* superseded meanwhile: deny it */
	if (op->doc.copies > UINT32_MAX - app->count)
		return STATUS_INVALID;
	op->doc.copies += app->count;
	wfop_move(op, DOC_SEALED);
	return store_put(txn, REC_DOC, &op->doc);
}

static enum status
printapp_decide_app(struct store_txn *txn, struct wfop *op,
    struct rec_application *app)
{
	struct printapp_decision *d = op->arg;
	enum status rc;
	char *comment;

	if (app->kind != APP_EXTRA_PRINT)
		return STATUS_UNSUPPORTED;
	if (app->state != APP_PENDING)
		return STATUS_STATE;
	if (!(op->actor.roles & ROLE_APPROVER) || op->actor.leader_level <
	    CHAIN_SECTION_CHIEF)
		return STATUS_CHAIN_LEVEL;
	if (app->applicant_id == op->actor.id)
		return STATUS_SELF_APPROVAL;

	comment = wfop_text(d->comment);
	if (!d->approve && comment == NULL)
		return STATUS_REASON_REQUIRED;

	rc = store_get(txn, REC_DOC, app->doc_id, &op->doc);
	if (rc == STATUS_OK)
		rc = wfop_cleared(op);
	if (rc == STATUS_OK && d->approve)
		rc = printapp_grant(txn, op, app);
	if (rc == STATUS_OK) {
		app->state = d->approve ? APP_APPROVED : APP_DENIED;
		app->decided_by = op->actor.id;
		app->decided = clock_now();
		rc = store_put(txn, REC_APPLICATION, app);
	}
	/* TODO: the decision's comment is kept only in the audit trail;
	 * the application record has no field for it, so the drafter's
	 * screen cannot show why an extra print was denied.  Add a
	 * decision comment to rec_application with the next schema. */
	if (rc == STATUS_OK)
		wfop_note(op, "%s %u more copies of document %llu%s%s",
		    d->approve ? "approved" : "denied", (unsigned) app->count,
		    (unsigned long long) app->doc_id,
		    comment != NULL ? ": " : "",
		    comment != NULL ? comment : "");
	free(comment);
	return rc;
}

static enum status
printapp_decide_fn(struct store_txn *txn, struct wfop *op)
{
	struct printapp_decision *d = op->arg;
	struct rec_application app;
	enum status rc;

	op->object_kind = REC_APPLICATION;
	op->object_id = d->app_id;
	if ((rc = store_get(txn, REC_APPLICATION, d->app_id, &app)) !=
	    STATUS_OK)
		return rc;
	rc = printapp_decide_app(txn, op, &app);
	rec_free(REC_APPLICATION, &app);
	return rc;
}

enum status
printapp_decide(struct store *st, struct session *s, uint64_t app_id,
    int approve, const char *comment)
{
	struct printapp_decision d = { app_id, approve, comment };
	struct wfop op;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_APP_DECIDE;
	op.fn = printapp_decide_fn;
	op.arg = &d;
	return wfop_run(st, &op);
}
