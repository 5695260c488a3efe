/*
 * workflow.c -- the document state machine: drafting, approval level by
 * level, issuance, sending for e-sealing, sealing and rejecting.  The
 * rest of the machine is beside it: reprint.c (Flow 4: reprint, recall,
 * destroy), printapp.c (Flow 5 and 1.2: extra prints and blank-form
 * batches), printlog.c (Flow 2: which copies may print).
 *
 * No terminal, Berkeley DB or libgcrypt here; every action runs through
 * wfop_run(), so it is one transaction with exactly one audit entry, or
 * a refusal that changed nothing and is audited on its own.
 *
 * STATES AND TRANSITIONS
 *
 *     workflow_create()
 *       |     \___ a kind never e-sealed (Art. 2) ______> REFUSED
 *       v
 *     DRAFT <----------------------- revise --------------------------+
 *       | submit                                                      |
 *       v                                                             |
 *     IN_APPROVAL ----- return -----> RETURNED ------- revise --------+
 *       | ^  |                                                        |
 *       +-+  +------ issue, traditional seal -----> CLOSED            |
 *   approve, |                                                        |
 *   a step   | approve at the last step: issue                        |
 *   before   v                                                        |
 *   the last APPROVED -------------------- revise --------------------+
 *            | send                                                   |
 *            v                                                        |
 *            TO_SEAL ----- reject (clerk) -----> REJECTED -- revise --+
 *            | seal                                ^   |   (only when the
 *            v                                     |   |   rejected version
 *   +------> SEALED ----- reject (print room) -----+   |   was never sealed)
 *   | extra  | | ^                                     | reprint
 *   | print  | | | print some of the copies            v
 *   | agreed | | +--+                             IN_APPROVAL
 *   |        | +---------------- reprint ---------------^  ^
 *   |        | print the last approved copy                |
 *   |        v                                             |
 *   +------- PRINTED ----------------- reprint ------------+
 *
 *   from         to           performed by
 *   -            DRAFT        workflow_create(), printapp_batch()
 *   -            REFUSED      workflow_create(): a kind never e-sealed
 *   DRAFT        DRAFT        workflow_revise()
 *   DRAFT        IN_APPROVAL  workflow_submit()
 *   IN_APPROVAL  IN_APPROVAL  workflow_approve(), a step before the last
 *   IN_APPROVAL  APPROVED     workflow_approve(), the last step: issuance
 *   IN_APPROVAL  CLOSED       workflow_approve(), issuance of a document
 *                             sealed the traditional way (Art. 10)
 *   IN_APPROVAL  RETURNED     workflow_return()
 *   RETURNED     DRAFT        workflow_revise()
 *   APPROVED     DRAFT        workflow_revise()
 *   APPROVED     TO_SEAL      workflow_send()
 *   TO_SEAL      SEALED       workflow_seal()
 *   TO_SEAL      REJECTED     workflow_reject(), by the clerk
 *   SEALED       SEALED       printlog_complete() with copies left;
 *                             printapp_decide() approving an extra print
 *   SEALED       PRINTED      printlog_complete(), the last approved copy
 *   SEALED       REJECTED     workflow_reject(), by the print room
 *   SEALED       IN_APPROVAL  reprint_apply()
 *   PRINTED      SEALED       printapp_decide() approving an extra print
 *   PRINTED      IN_APPROVAL  reprint_apply()
 *   REJECTED     DRAFT        workflow_revise(), when the rejected version
 *                             was never sealed
 *   REJECTED     IN_APPROVAL  reprint_apply(), when it was
 *
 * Recording recalled and destroyed copies (reprint.c), reserving a print
 * job and recording a failed one (printlog.c) and applying for an extra
 * print (printapp.c) change no state.
 *
 * INVARIANTS, with V the document's current version (rec_doc.version)
 * and S its sealed version (rec_doc.sealed_version, 0 before sealing):
 *
 *   always       versions 1..V exist and none is ever rewritten except
 *                to set frozen (send) and the signature (seal) once;
 *                each version's content_sm3 is SM3 of its canonical
 *                serialisation (doc.h); copy numbers of finished print
 *                jobs are distinct and below next_copy_no; the copies
 *                printed of S (finished jobs) equal copies_printed,
 *                which never exceeds copies; at most one job is pending.
 *   DRAFT        V is not frozen; no approval record for V.
 *   IN_APPROVAL  approval_level < the length of V's chain; the approval
 *                records for V are approvals at levels below it.
 *   RETURNED     the newest approval record for V is a return.
 *   APPROVED     an issuance record for V; the kind is e-sealed and the
 *                seal mode electronic; V is not frozen.
 *   TO_SEAL      V is frozen and issued.
 *   SEALED       S == V, frozen, issued and signed; copies_printed <
 *                copies.
 *   PRINTED      S == V; copies_printed == copies; no job pending.
 *   REJECTED     the newest approval record for V is a rejection; no
 *                job pending.
 *   REFUSED      the kind is never e-sealed: nothing happens any more.
 *   CLOSED       issued, traditional seal: nothing happens any more.
 *   and whenever S != 0 and S < V (a reprint is under way), S can no
 *   longer be printed, and V is not sealed while any printed copy of an
 *   earlier version is not recorded recalled and destroyed.
 */
#include <config.h>

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/docnum.h"
#include "core/perm.h"
#include "core/sealing.h"
#include "core/wfop.h"
#include "core/workflow.h"

#define WF_BIT(s)	(1u << (s))

/* The edges of the diagram above: workflow_moves[from] has bit TO set. */
static const uint32_t workflow_moves[DOC__STATE_COUNT] = {
	[DOC_DRAFT] = WF_BIT(DOC_DRAFT) | WF_BIT(DOC_IN_APPROVAL),
	[DOC_IN_APPROVAL] = WF_BIT(DOC_IN_APPROVAL) | WF_BIT(DOC_APPROVED) |
	    WF_BIT(DOC_CLOSED) | WF_BIT(DOC_RETURNED),
	[DOC_RETURNED] = WF_BIT(DOC_DRAFT),
	[DOC_APPROVED] = WF_BIT(DOC_DRAFT) | WF_BIT(DOC_TO_SEAL),
	[DOC_TO_SEAL] = WF_BIT(DOC_SEALED) | WF_BIT(DOC_REJECTED),
	[DOC_SEALED] = WF_BIT(DOC_SEALED) | WF_BIT(DOC_PRINTED) |
	    WF_BIT(DOC_REJECTED) | WF_BIT(DOC_IN_APPROVAL),
	[DOC_PRINTED] = WF_BIT(DOC_SEALED) | WF_BIT(DOC_IN_APPROVAL),
	[DOC_REJECTED] = WF_BIT(DOC_DRAFT) | WF_BIT(DOC_IN_APPROVAL),
	[DOC_REFUSED] = 0,
	[DOC_CLOSED] = 0,
};

int
workflow_may_move(enum doc_state from, enum doc_state to)
{
	if ((unsigned) from >= DOC__STATE_COUNT ||
	    (unsigned) to >= DOC__STATE_COUNT)
		return 0;
	return (workflow_moves[from] & WF_BIT(to)) != 0;
}

/* -- Drafting ------------------------------------------------------------ */

struct workflow_draft {
	const struct doc_content	*c;
	uint64_t			 doc_id;	/* out */
};

static enum status
workflow_create_fn(struct store_txn *txn, struct wfop *op)
{
	struct workflow_draft *d = op->arg;
	enum status rc;

	if (d->c->batch)
		return STATUS_INVALID;	/* printapp_batch() */
	if ((rc = wfop_doc_new(txn, op, d->c)) != STATUS_OK)
		return rc;

	d->doc_id = op->doc.id;
	wfop_note(op, "created %s, version 1, %s", doc_kind_name(op->doc.kind),
	    doc_state_name(op->doc.state));
	if (op->doc.state == DOC_REFUSED)
		wfop_note(op, ": never e-sealed (Art. 2)");
	return STATUS_OK;
}

enum status
workflow_create(struct store *st, struct session *s,
    const struct doc_content *c, uint64_t *doc_id)
{
	struct workflow_draft d = { c, 0 };
	struct wfop op;
	enum status rc;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_DRAFT;
	op.fn = workflow_create_fn;
	op.arg = &d;
	rc = wfop_run(st, &op);
	if (doc_id != NULL)
		*doc_id = rc == STATUS_OK ? d.doc_id : 0;
	return rc;
}

/* Which states a revision starts from (the diagram's "revise" edges). */
static enum status
workflow_revisable(const struct rec_doc *doc)
{
	switch (doc->state) {
	case DOC_DRAFT:
	case DOC_RETURNED:
	case DOC_APPROVED:
		return STATUS_OK;
	case DOC_REJECTED:
		/* A rejected version that was sealed is replaced by a
		 * reprint, which also deals with its printed copies. */
		return doc->version == doc->sealed_version ? STATUS_FROZEN :
		    STATUS_OK;
	case DOC_TO_SEAL:
	case DOC_SEALED:
	case DOC_PRINTED:
		return STATUS_FROZEN;
	case DOC_REFUSED:
		return STATUS_REFUSED_KIND;
	default:
		return STATUS_STATE;
	}
}

static enum status
workflow_revise_fn(struct store_txn *txn, struct wfop *op)
{
	struct workflow_draft *d = op->arg;
	enum status rc;

	if ((rc = wfop_own(op)) != STATUS_OK ||
	    (rc = workflow_revisable(&op->doc)) != STATUS_OK ||
	    (rc = wfop_check_content(txn, op, d->c)) != STATUS_OK)
		return rc;
	if (d->c->kind != op->doc.kind || d->c->batch != op->doc.batch)
		return STATUS_REVISE_KIND;
	/* Art. 10: the seal mode is chosen before the first sealing. */
	if (op->doc.sealed_version != 0 && d->c->seal_mode != op->doc.seal_mode)
		return STATUS_INVALID;

	if ((rc = wfop_version_add(txn, op, d->c, op->doc.version + 1)) !=
	    STATUS_OK)
		return rc;
	op->doc.version++;
	op->doc.approval_level = 0;
	wfop_doc_apply(op, d->c);
	wfop_move(op, DOC_DRAFT);
	wfop_note(op, "revised: version %u", (unsigned) op->doc.version);
	return store_put(txn, REC_DOC, &op->doc);
}

enum status
workflow_revise(struct store *st, struct session *s, uint64_t doc_id,
    const struct doc_content *c)
{
	struct workflow_draft d = { c, doc_id };
	struct wfop op;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_DRAFT;
	op.doc_id = doc_id;
	op.fn = workflow_revise_fn;
	op.arg = &d;
	return wfop_run(st, &op);
}

static enum status
workflow_submit_fn(struct store_txn *txn, struct wfop *op)
{
	enum status rc;

	if ((rc = wfop_own(op)) != STATUS_OK)
		return rc;
	if (op->doc.state != DOC_DRAFT)
		return STATUS_STATE;

	op->doc.approval_level = 0;
	wfop_move(op, DOC_IN_APPROVAL);
	wfop_note(op, "submitted version %u", (unsigned) op->doc.version);
	return store_put(txn, REC_DOC, &op->doc);
}

/* Run FN as ACT on DOC_ID with ARG: the shape of most entry points. */
static enum status
workflow_run(struct store *st, struct session *s, enum action act,
    uint64_t doc_id, wfop_fn fn, void *arg)
{
	struct wfop op;

	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = act;
	op.doc_id = doc_id;
	op.fn = fn;
	op.arg = arg;
	return wfop_run(st, &op);
}

enum status
workflow_submit(struct store *st, struct session *s, uint64_t doc_id)
{
	return workflow_run(st, s, ACT_DOC_SUBMIT, doc_id, workflow_submit_fn,
	    NULL);
}

/* -- Approval ------------------------------------------------------------ */

/*
 * The checks shared by approving and returning: the document waits at
 * a step the actor may act at, and is not the actor's own.
 */
static enum status
workflow_at_step(struct store_txn *txn, struct wfop *op, int issuing,
    struct chain *chain)
{
	enum status rc;

	if (op->doc.state == DOC_REFUSED)
		return STATUS_REFUSED_KIND;
	if (op->doc.state != DOC_IN_APPROVAL)
		return STATUS_STATE;
	if (op->doc.drafter_id == op->actor.id)
		return STATUS_SELF_APPROVAL;
	if ((rc = wfop_chain(txn, &op->doc, chain)) != STATUS_OK)
		return rc;
	assert(op->doc.approval_level < chain->n);

	wfop_note(op, "version %u, step %u of %u: ", (unsigned) op->doc.version,
	    (unsigned) op->doc.approval_level + 1, chain->n);
	return chain_may_act(chain, op->doc.approval_level, &op->actor,
	    (enum doc_kind) op->doc.kind, issuing);
}

/* The document number (发文字号) for the document being issued. */
static enum status
workflow_number_prefix(struct store_txn *txn, const struct rec_doc *doc,
    char **prefix)
{
	struct rec_dept dept;
	enum status rc;

	*prefix = NULL;
	if (doc->special_number &&
	    (rc = wfop_meta_get(txn, DOCNUM_SPECIAL_PREFIX_KEY, prefix)) !=
	    STATUS_OK)
		return rc;
	if (*prefix == NULL && doc->dept_id != 0) {
		rc = store_get(txn, REC_DEPT, doc->dept_id, &dept);
		if (rc != STATUS_OK && rc != STATUS_NOT_FOUND)
			return rc;
		if (rc == STATUS_OK && dept.number_prefix != NULL &&
		    *dept.number_prefix != '\0')
			*prefix = xstrdup(dept.number_prefix);
		rec_free(REC_DEPT, &dept);
	}
	if (*prefix == NULL)
		return wfop_meta_get(txn, DOCNUM_PREFIX_KEY, prefix);
	return STATUS_OK;
}

static enum status
workflow_number(struct store_txn *txn, struct wfop *op)
{
	char *prefix = NULL, *key = NULL, *cur = NULL, val[16];
	uint32_t year, seq;
	enum status rc;

	/* A reprint keeps the number the document was issued with. */
	if (op->doc.number_seq != 0)
		return STATUS_OK;
	rc = workflow_number_prefix(txn, &op->doc, &prefix);
	if (rc != STATUS_OK || prefix == NULL)
		goto out;	/* no prefix configured: no number */

	year = docnum_year(clock_now());
	key = docnum_counter_key(prefix, year);
	if ((rc = wfop_meta_get(txn, key, &cur)) != STATUS_OK ||
	    (rc = docnum_next(cur, &seq)) != STATUS_OK)
		goto out;
	snprintf(val, sizeof val, "%u", (unsigned) seq);
	if ((rc = wfop_meta_set(txn, key, val)) != STATUS_OK)
		goto out;

	free(op->doc.number_prefix);
	op->doc.number_prefix = prefix;
	prefix = NULL;
	op->doc.number_year = year;
	op->doc.number_seq = seq;
out:
	free(prefix);
	free(key);
	free(cur);
	return rc;
}

/* The last step: issuance (签发), Art. 9. */
static enum status
workflow_issue(struct store_txn *txn, struct wfop *op, const char *comment)
{
	enum status rc;

	if ((rc = perm_check(&op->actor, ACT_DOC_ISSUE)) != STATUS_OK)
		return rc;
	op->act = ACT_DOC_ISSUE;
	if ((rc = wfop_approval_add(txn, op, op->doc.approval_level,
	    APPROVAL_ISSUE, comment)) != STATUS_OK ||
	    (rc = workflow_number(txn, op)) != STATUS_OK)
		return rc;

	op->doc.approval_level++;
	wfop_move(op, op->doc.seal_mode == SEAL_MODE_TRADITIONAL ? DOC_CLOSED :
	    DOC_APPROVED);
	wfop_note(op, "issued");
	if (op->doc.number_seq != 0)
		wfop_note(op, " as %s/%u/%u", op->doc.number_prefix,
		    (unsigned) op->doc.number_year,
		    (unsigned) op->doc.number_seq);
	return STATUS_OK;
}

static enum status
workflow_approve_fn(struct store_txn *txn, struct wfop *op)
{
	const char *comment = op->arg;
	struct wfop_approvals ap;
	struct chain chain;
	enum status rc;
	char *text;

	if ((rc = workflow_at_step(txn, op, 1, &chain)) != STATUS_OK)
		return rc;
	if ((rc = wfop_approvals(txn, op->doc.id, op->doc.version,
	    op->actor.id, &ap)) != STATUS_OK)
		return rc;
	if (ap.acted)
		return STATUS_SELF_APPROVAL;	/* once per version */

	text = wfop_text(comment);
	if (op->doc.approval_level + 1u == chain.n) {
		rc = workflow_issue(txn, op, text);
	} else {
		rc = wfop_approval_add(txn, op, op->doc.approval_level,
		    APPROVAL_APPROVE, text);
		op->doc.approval_level++;
		wfop_move(op, DOC_IN_APPROVAL);
		wfop_note(op, "approved");
	}
	free(text);
	if (rc != STATUS_OK)
		return rc;
	return store_put(txn, REC_DOC, &op->doc);
}

enum status
workflow_approve(struct store *st, struct session *s, uint64_t doc_id,
    const char *comment)
{
	return workflow_run(st, s, ACT_DOC_APPROVE, doc_id,
	    workflow_approve_fn, (void *) (uintptr_t) comment);
}

static enum status
workflow_return_fn(struct store_txn *txn, struct wfop *op)
{
	struct chain chain;
	enum status rc;
	char *text;

	if ((rc = workflow_at_step(txn, op, 0, &chain)) != STATUS_OK)
		return rc;
	if ((text = wfop_text(op->arg)) == NULL)
		return STATUS_REASON_REQUIRED;

	rc = wfop_approval_add(txn, op, op->doc.approval_level,
	    APPROVAL_RETURN, text);
	free(text);
	if (rc != STATUS_OK)
		return rc;
	op->doc.approval_level = 0;
	wfop_move(op, DOC_RETURNED);
	wfop_note(op, "returned to the drafter");
	return store_put(txn, REC_DOC, &op->doc);
}

enum status
workflow_return(struct store *st, struct session *s, uint64_t doc_id,
    const char *comment)
{
	return workflow_run(st, s, ACT_DOC_RETURN, doc_id, workflow_return_fn,
	    (void *) (uintptr_t) comment);
}

/* -- Sending and sealing ------------------------------------------------- */

/* Refusals that depend only on the kind and the seal mode. */
static enum status
workflow_e_sealed(const struct rec_doc *doc)
{
	if (!doc_kind_sealable((enum doc_kind) doc->kind))
		return STATUS_REFUSED_KIND;
	if (doc->seal_mode != SEAL_MODE_ELECTRONIC)
		return STATUS_REFUSED_MODE;
	return STATUS_OK;
}

static enum status
workflow_send_fn(struct store_txn *txn, struct wfop *op)
{
	struct wfop_approvals ap;
	struct rec_version v;
	enum status rc;

	if ((rc = wfop_own(op)) != STATUS_OK ||
	    (rc = workflow_e_sealed(&op->doc)) != STATUS_OK)
		return rc;
	if (op->doc.state != DOC_APPROVED)
		return STATUS_STATE;
	if ((rc = wfop_approvals(txn, op->doc.id, op->doc.version, 0, &ap)) !=
	    STATUS_OK)
		return rc;
	assert(ap.issued);

	/* Art. 10: from here on the version cannot change. */
	if ((rc = wfop_version(txn, op->doc.id, op->doc.version, &v)) !=
	    STATUS_OK)
		return rc;
	assert(!v.frozen);
	if ((rc = wfop_hash_check(op->doc.id, &v)) == STATUS_OK) {
		v.frozen = 1;
		rc = store_put(txn, REC_VERSION, &v);
	}
	rec_free(REC_VERSION, &v);
	if (rc != STATUS_OK)
		return rc;

	wfop_move(op, DOC_TO_SEAL);
	wfop_note(op, "sent version %u for e-sealing",
	    (unsigned) op->doc.version);
	return store_put(txn, REC_DOC, &op->doc);
}

enum status
workflow_send(struct store *st, struct session *s, uint64_t doc_id)
{
	return workflow_run(st, s, ACT_DOC_SEND, doc_id, workflow_send_fn,
	    NULL);
}

/* One sealing, across its three steps (sealing.h). */
struct workflow_sealing {
	uint64_t	 doc_id;
	uint64_t	 seal_id;
	uint32_t	 copies;
	struct sealing	 sg;
};

/* Flow 4: every printed copy of an earlier version recalled and
 * destroyed before a new version is sealed. */
static enum status
workflow_recalled(struct store_txn *txn, const struct rec_doc *doc)
{
	uint32_t recalled, destroyed;
	struct wfop_jobs jobs;
	enum status rc;

	if (doc->sealed_version == 0)
		return STATUS_OK;
	if ((rc = wfop_jobs(txn, doc->id, doc->sealed_version, &jobs)) !=
	    STATUS_OK ||
	    (rc = wfop_recalls(txn, doc->id, &recalled, &destroyed)) !=
	    STATUS_OK)
		return rc;
	assert(jobs.pending == 0);
	return destroyed == jobs.done_total ? STATUS_OK :
	    STATUS_RECALL_PENDING;
}

/* What must hold before the seal is applied (Art. 9, 11, Flow 4). */
static enum status
workflow_seal_check(struct store_txn *txn, struct wfop *op,
    const struct rec_version *v, struct rec_seal *seal)
{
	struct workflow_sealing *w = op->arg;
	struct wfop_approvals ap;
	struct doc_content c;
	enum status rc;

	if ((rc = wfop_approvals(txn, op->doc.id, op->doc.version, 0, &ap)) !=
	    STATUS_OK)
		return rc;
	if (!ap.issued)
		return STATUS_NOT_ISSUED;
	if ((rc = doc_content_from_version(v, &c)) != STATUS_OK)
		return rc;
	rc = c.copies == w->copies ? STATUS_OK : STATUS_COPIES;
	doc_content_free(&c);
	if (rc != STATUS_OK)
		return rc;

	/* Whether this clerk may use this seal now (its status, custody or
	 * proxy custody, grant: Art. 6) is the seal register's decision,
	 * made by sealing_prepare() and again by sealing_store(). */
	if ((rc = store_get(txn, REC_SEAL, w->seal_id, seal)) != STATUS_OK)
		return rc;
	if ((rc = workflow_recalled(txn, &op->doc)) != STATUS_OK)
		return rc;
	return wfop_hash_check(op->doc.id, v);
}

/* The reprint or batch application this sealing fulfils. */
static enum status
workflow_seal_apps(struct store_txn *txn, struct wfop *op)
{
	static const enum app_kind kinds[] = { APP_REPRINT, APP_BATCH };
	struct rec_application app;
	enum status rc = STATUS_OK;
	size_t i;

	for (i = 0; i < 2 && rc == STATUS_OK; i++) {
		if ((rc = wfop_pending_app(txn, op->doc.id, kinds[i], &app)) !=
		    STATUS_OK || app.id == 0)
			continue;
		app.state = APP_DONE;
		app.decided = clock_now();
		rc = store_put(txn, REC_APPLICATION, &app);
		rec_free(REC_APPLICATION, &app);
	}
	return rc;
}

/* What must hold at both ends of a sealing: the document is e-sealed
 * and waits for its seal, and its current version is V. */
static enum status
workflow_seal_version(struct store_txn *txn, struct wfop *op,
    struct rec_version *v)
{
	enum status rc;

	if ((rc = workflow_e_sealed(&op->doc)) != STATUS_OK)
		return rc;
	if (op->doc.state != DOC_TO_SEAL)
		return STATUS_STATE;
	if ((rc = wfop_version(txn, op->doc.id, op->doc.version, v)) !=
	    STATUS_OK)
		return rc;
	assert(v->frozen && v->signature.len == 0);
	return STATUS_OK;
}

/* The first step, in a read transaction: the checks, and everything the
 * signature binds read into W->sg. */
static enum status
workflow_seal_prepare_fn(struct store_txn *txn, struct wfop *op)
{
	struct workflow_sealing *w = op->arg;
	enum status rc;

	sealing_free(&w->sg);	/* from a run of the transaction before */
	if ((rc = workflow_seal_version(txn, op, &w->sg.version)) !=
	    STATUS_OK ||
	    (rc = workflow_seal_check(txn, op, &w->sg.version, &w->sg.seal)) !=
	    STATUS_OK)
		return rc;
	return sealing_prepare(txn, &w->sg, &op->actor);
}

/* The last step: the same checks on what is there now, the signature
 * stored if nothing it binds has changed, and the document sealed. */
static enum status
workflow_seal_store_fn(struct store_txn *txn, struct wfop *op)
{
	struct workflow_sealing *w = op->arg;
	struct rec_version v;
	struct rec_seal seal;
	enum status rc;

	memset(&v, 0, sizeof v);
	memset(&seal, 0, sizeof seal);
	/* Sealed or rejected by someone else while this was being signed,
	 * or revised and sent again. */
	if (op->doc.state != DOC_TO_SEAL ||
	    op->doc.version != w->sg.version.number)
		return STATUS_SEAL_CHANGED;
	if ((rc = workflow_seal_version(txn, op, &v)) != STATUS_OK ||
	    (rc = workflow_seal_check(txn, op, &v, &seal)) != STATUS_OK)
		goto out;

	if ((rc = sealing_store(txn, &w->sg, &op->actor, &seal, &v)) !=
	    STATUS_OK ||
	    (rc = store_put(txn, REC_VERSION, &v)) != STATUS_OK ||
	    (rc = workflow_seal_apps(txn, op)) != STATUS_OK)
		goto out;

	op->doc.sealed_version = op->doc.version;
	op->doc.seal_id = seal.id;
	op->doc.copies = w->copies;
	op->doc.copies_printed = 0;
	wfop_move(op, DOC_SEALED);
	wfop_note(op, "sealed version %u with seal %s, %u copies",
	    (unsigned) v.number, seal.regno, (unsigned) w->copies);
	rc = store_put(txn, REC_DOC, &op->doc);
out:
	rec_free(REC_SEAL, &seal);
	rec_free(REC_VERSION, &v);
	return rc;
}

enum status
workflow_seal_prepare(struct store *st, struct session *s, uint64_t doc_id,
    uint64_t seal_id, uint32_t copies, struct workflow_sealing **out)
{
	struct workflow_sealing *w = xcalloc(1, sizeof *w);
	struct wfop op;
	enum status rc;

	w->doc_id = doc_id;
	w->seal_id = seal_id;
	w->copies = copies;
	sealing_init(&w->sg);
	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_SEAL;
	op.doc_id = doc_id;
	op.fn = workflow_seal_prepare_fn;
	op.arg = w;
	if ((rc = wfop_prepare(st, &op)) != STATUS_OK) {
		workflow_sealing_free(w);
		w = NULL;
	}
	*out = w;
	return rc;
}

enum status
workflow_seal_sign(struct store *st, struct session *s,
    struct workflow_sealing *w, const char *password)
{
	struct wfop op;
	enum status rc;

	if ((rc = sealing_sign(&w->sg, password)) == STATUS_OK)
		return STATUS_OK;
	/* Audited as the refused sealing it is, like any other refusal. */
	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_SEAL;
	op.doc_id = w->doc_id;
	op.object_kind = REC_DOC;
	op.object_id = w->doc_id;
	wfop_refuse(st, &op, rc);
	return rc;
}

enum status
workflow_seal_store(struct store *st, struct session *s,
    struct workflow_sealing *w)
{
	return workflow_run(st, s, ACT_DOC_SEAL, w->doc_id,
	    workflow_seal_store_fn, w);
}

void
workflow_sealing_free(struct workflow_sealing *w)
{
	if (w == NULL)
		return;
	sealing_free(&w->sg);
	free(w);
}

enum status
workflow_seal(struct store *st, struct session *s, uint64_t doc_id,
    uint64_t seal_id, uint32_t copies, const char *password)
{
	struct workflow_sealing *w = NULL;
	enum status rc;

	if ((rc = workflow_seal_prepare(st, s, doc_id, seal_id, copies,
	    &w)) == STATUS_OK &&
	    (rc = workflow_seal_sign(st, s, w, password)) == STATUS_OK)
		rc = workflow_seal_store(st, s, w);
	workflow_sealing_free(w);
	/* After the commit (or the refusal): the kept original the
	 * renderer drew comes into place only with a stored signature. */
	sealing_end(rc == STATUS_OK);
	return rc;
}

static enum status
workflow_reject_fn(struct store_txn *txn, struct wfop *op)
{
	struct wfop_jobs jobs;
	enum status rc;
	char *reason;

	if (op->doc.state == DOC_REFUSED)
		return STATUS_REFUSED_KIND;
	if (op->doc.state == DOC_TO_SEAL) {
		if (!(op->actor.roles & ROLE_CLERK))
			return STATUS_DENIED;
	} else if (op->doc.state == DOC_SEALED) {
		if (!(op->actor.roles & ROLE_PRINTER))
			return STATUS_DENIED;
		if ((rc = wfop_jobs(txn, op->doc.id, op->doc.sealed_version,
		    &jobs)) != STATUS_OK)
			return rc;
		if (jobs.pending != 0)
			return STATUS_PRINT_BUSY;
	} else {
		return STATUS_STATE;
	}
	if ((reason = wfop_text(op->arg)) == NULL)
		return STATUS_REASON_REQUIRED;

	rc = wfop_approval_add(txn, op, 0, APPROVAL_REJECT, reason);
	free(reason);
	if (rc != STATUS_OK)
		return rc;
	wfop_note(op, "rejected version %u in state %s",
	    (unsigned) op->doc.version, doc_state_name(op->doc.state));
	wfop_move(op, DOC_REJECTED);
	return store_put(txn, REC_DOC, &op->doc);
}

enum status
workflow_reject(struct store *st, struct session *s, uint64_t doc_id,
    const char *reason)
{
	return workflow_run(st, s, ACT_DOC_REJECT, doc_id, workflow_reject_fn,
	    (void *) (uintptr_t) reason);
}
