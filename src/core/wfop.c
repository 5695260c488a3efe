/*
 * wfop.c -- one workflow action as one transaction with one audit entry,
 * and the lookups the workflow files share (versions, approvals, print
 * jobs, applications, configuration).
 *
 * Every lookup goes through an index with the document's id as its
 * prefix: nothing here scans a whole kind of record.  This file decides
 * no rule of its own; the rules are in workflow.c and its neighbours.
 */
#include <config.h>

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/wfop.h"
#include "core/workflow.h"
#include "crypto/crypto.h"

enum status
wfop_cleared(const struct wfop *op)
{
	return op->actor.clearance >= op->doc.classification ? STATUS_OK :
	    STATUS_CLEARANCE;
}

static enum status
wfop_txn(struct store_txn *txn, void *arg)
{
	struct wfop *op = arg;
	enum status rc;

	/* The transaction may run again after a deadlock: start clean. */
	memset(&op->actor, 0, sizeof op->actor);
	memset(&op->doc, 0, sizeof op->doc);
	op->object_kind = REC_DOC;
	op->object_id = op->doc_id;
	op->outcome = AUDIT_OK;
	op->detail[0] = '\0';

	if ((rc = session_authorize(txn, op->s, op->act, &op->actor)) !=
	    STATUS_OK)
		return rc;
	if (op->doc_id != 0 && ((rc = store_get(txn, REC_DOC, op->doc_id,
	    &op->doc)) != STATUS_OK || (rc = wfop_cleared(op)) != STATUS_OK))
		goto out;
	if ((rc = op->fn(txn, op)) != STATUS_OK)
		goto out;

	rc = audit_append(txn, &op->actor, perm_acting_role(&op->actor,
	    op->act), op->act, op->object_kind, op->object_id, op->outcome,
	    op->detail);
out:
	rec_free(REC_USER, &op->actor);
	rec_free(REC_DOC, &op->doc);
	return rc;
}

/* Failures of the machine rather than refusals by a rule. */
static int
wfop_is_error(enum status why)
{
	switch (why) {
	case STATUS_NOMEM:
	case STATUS_IO:
	case STATUS_NO_SPACE:
	case STATUS_READ_ONLY:
	case STATUS_PERM_FS:
	case STATUS_CORRUPT:
	case STATUS_BUSY:
	case STATUS_RECOVER:
	case STATUS_DB:
	case STATUS_CRYPTO:
	case STATUS_MALFORMED:
		return 1;
	default:
		return 0;
	}
}

struct wfop_refusal {
	struct wfop	*op;
	enum status	 why;
};

static enum status
wfop_refuse_txn(struct store_txn *txn, void *arg)
{
	struct wfop_refusal *r = arg;
	struct wfop *op = r->op;
	const struct rec_user *actor = NULL;
	struct rec_user u;
	char detail[700];
	enum status rc;

	memset(&u, 0, sizeof u);
	if (op->s != NULL &&
	    store_get(txn, REC_USER, op->s->user_id, &u) == STATUS_OK)
		actor = &u;
	snprintf(detail, sizeof detail, "%s%s%s", status_name(r->why),
	    op->detail[0] != '\0' ? ": " : "", op->detail);

	rc = audit_append(txn, actor, actor != NULL ?
	    perm_acting_role(actor, op->act) : 0, op->act, op->object_kind,
	    op->object_id, wfop_is_error(r->why) ? AUDIT_FAILED :
	    AUDIT_REFUSED, detail);
	rec_free(REC_USER, &u);
	return rc;
}

/* The refused action's transaction was aborted: record the refusal in
 * a transaction of its own. */
void
wfop_refuse(struct store *st, struct wfop *op, enum status why)
{
	struct wfop_refusal r = { op, why };

	if (op->s != NULL)
		audit_set_terminal(op->s->terminal);
	if (store_run(st, STORE_WRITE, wfop_refuse_txn, &r) != STATUS_OK)
		log_warn("could not audit the refused %s",
		    action_name(op->act));
	log_info("%s on %s %llu by %s: %s", action_name(op->act),
	    rec_kind_name(op->object_kind), (unsigned long long) op->object_id,
	    op->s != NULL ? op->s->name : "nobody", status_name(why));
}

enum status
wfop_run(struct store *st, struct wfop *op)
{
	enum status rc;

	op->object_kind = REC_DOC;
	op->object_id = op->doc_id;
	op->detail[0] = '\0';
	rc = store_run(st, STORE_WRITE, wfop_txn, op);
	if (rc != STATUS_OK)
		wfop_refuse(st, op, rc);
	return rc;
}

static enum status
wfop_read_txn(struct store_txn *txn, void *arg)
{
	struct wfop *op = arg;
	enum status rc;

	memset(&op->doc, 0, sizeof op->doc);
	if ((rc = session_authorize(txn, op->s, op->act, &op->actor)) !=
	    STATUS_OK)
		return rc;
	if (op->doc_id != 0 &&
	    (rc = store_get(txn, REC_DOC, op->doc_id, &op->doc)) == STATUS_OK)
		rc = wfop_cleared(op);
	if (rc == STATUS_OK)
		rc = op->fn(txn, op);
	rec_free(REC_USER, &op->actor);
	rec_free(REC_DOC, &op->doc);
	return rc;
}

enum status
wfop_read(struct store *st, struct wfop *op)
{
	return store_run(st, STORE_READ, wfop_read_txn, op);
}

enum status
wfop_prepare(struct store *st, struct wfop *op)
{
	enum status rc;

	op->object_kind = REC_DOC;
	op->object_id = op->doc_id;
	op->detail[0] = '\0';
	if ((rc = wfop_read(st, op)) != STATUS_OK)
		wfop_refuse(st, op, rc);
	return rc;
}

void
wfop_note(struct wfop *op, const char *fmt, ...)
{
	size_t len = strlen(op->detail);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(op->detail + len, sizeof op->detail - len, fmt, ap);
	va_end(ap);
}

void
wfop_move(struct wfop *op, enum doc_state to)
{
	assert(workflow_may_move(op->doc.state, to));
	op->doc.state = (uint8_t) to;
	op->doc.updated = clock_now();
}

/* -- Lookups by index ---------------------------------------------------- */

int
wfop_first_id(const void *rec, void *arg)
{
	*(uint64_t *) arg = *(const uint64_t *) rec;	/* every record's id */
	return 1;
}

enum status
wfop_version(struct store_txn *txn, uint64_t doc_id, uint32_t number,
    struct rec_version *v)
{
	struct store_range r = { 1, { doc_id, 0, 0 }, number, number };
	uint64_t id = 0;
	enum status rc;

	memset(v, 0, sizeof *v);
	rc = store_scan(txn, IDX_VERSION_DOC, &r, 0, wfop_first_id, &id);
	if (rc != STATUS_OK)
		return rc;
	if (id == 0)
		return STATUS_CORRUPT;	/* a document without its version */
	return store_get(txn, REC_VERSION, id, v);
}

enum status
wfop_hash(uint64_t doc_id, const struct rec_version *v, unsigned char out[32])
{
	struct buf b;
	enum status rc;

	buf_init(&b);
	doc_canonical(doc_id, v, &b);
	rc = crypto_sm3(b.data, b.len, out);
	buf_free(&b);
	return rc;
}

enum status
wfop_hash_check(uint64_t doc_id, const struct rec_version *v)
{
	unsigned char h[32];
	enum status rc;

	if ((rc = wfop_hash(doc_id, v, h)) != STATUS_OK)
		return rc;
	if (v->content_sm3.len != sizeof h ||
	    memcmp(v->content_sm3.data, h, sizeof h) != 0) {
		log_error("document %llu version %u: content hash mismatch",
		    (unsigned long long) doc_id, (unsigned) v->number);
		return STATUS_CORRUPT;
	}
	return STATUS_OK;
}

enum status
wfop_meta_get(struct store_txn *txn, const char *key, char **value)
{
	enum status rc = policy_meta_get(txn, key, value);

	if (rc == STATUS_NOT_FOUND) {
		*value = NULL;
		rc = STATUS_OK;
	}
	return rc;
}

enum status
wfop_meta_set(struct store_txn *txn, const char *key, const char *value)
{
	return policy_meta_set(txn, key, value);
}

enum status
wfop_chain(struct store_txn *txn, const struct rec_doc *doc,
    struct chain *out)
{
	char *base = NULL, *special = NULL, *leader = NULL, *key;
	struct rec_version v;
	enum status rc;

	if ((rc = wfop_version(txn, doc->id, doc->version, &v)) != STATUS_OK)
		return rc;
	leader = doc_fields_get(v.fields != NULL ? v.fields : "",
	    "leader-in-charge");
	rec_free(REC_VERSION, &v);

	key = xasprintf("chain.%s", doc_kind_name(doc->kind));
	rc = wfop_meta_get(txn, key, &base);
	if (rc == STATUS_OK)
		rc = wfop_meta_get(txn, "chain.special-number", &special);
	if (rc == STATUS_OK)
		chain_build(base, special, doc->special_number,
		    leader != NULL && strcmp(leader, "yes") == 0, out);
	free(key);
	free(base);
	free(special);
	free(leader);
	return rc;
}

enum status
wfop_station_class(struct store_txn *txn, enum classification *c)
{
	enum status rc;
	char *v = NULL;
	int k;

	*c = CLASS_NONE;
	if ((rc = wfop_meta_get(txn, "classification", &v)) != STATUS_OK)
		return rc;
	if (v != NULL && (k = doc_class_parse(v)) > 0)
		*c = (enum classification) k;
	free(v);
	return STATUS_OK;
}

enum status
wfop_station_allows(struct store_txn *txn, enum classification c)
{
	enum classification station;
	enum status rc;

	if (c == CLASS_NONE)
		return STATUS_OK;
	if ((rc = wfop_station_class(txn, &station)) != STATUS_OK)
		return rc;
	return station >= c ? STATUS_OK : STATUS_STATION_CLASSIFIED;
}

/* -- Approvals ----------------------------------------------------------- */

struct wfop_approval_scan {
	uint32_t		 version;
	uint64_t		 user;
	struct wfop_approvals	*out;
};

static int
wfop_approval_each(const void *rec, void *arg)
{
	const struct rec_approval *a = rec;
	struct wfop_approval_scan *sc = arg;

	if (a->version != sc->version)
		return 0;
	sc->out->count++;
	sc->out->last_action = a->action;
	if (a->action == APPROVAL_ISSUE)
		sc->out->issued = 1;
	else if (a->action == APPROVAL_RETURN)
		sc->out->issued = 0;
	if (a->approver_id == sc->user && (a->action == APPROVAL_APPROVE ||
	    a->action == APPROVAL_ISSUE))
		sc->out->acted = 1;
	return 0;
}

enum status
wfop_approvals(struct store_txn *txn, uint64_t doc_id, uint32_t version,
    uint64_t user, struct wfop_approvals *out)
{
	struct store_range r = { 1, { doc_id, 0, 0 }, 0, UINT64_MAX };
	struct wfop_approval_scan sc = { version, user, out };

	memset(out, 0, sizeof *out);
	return store_scan(txn, IDX_APPROVAL_DOC, &r, 0, wfop_approval_each,
	    &sc);
}

enum status
wfop_approval_add(struct store_txn *txn, const struct wfop *op,
    uint8_t level, enum approval_action action, const char *comment)
{
	struct rec_approval a;

	memset(&a, 0, sizeof a);
	a.doc_id = op->doc.id;
	a.version = op->doc.version;
	a.level = level;
	a.action = (uint8_t) action;
	a.approver_id = op->actor.id;
	a.comment = (char *) (uintptr_t) comment;	/* not freed here */
	a.time = clock_now();
	return store_put(txn, REC_APPROVAL, &a);
}

/* -- Print jobs ---------------------------------------------------------- */

struct wfop_job_scan {
	uint32_t	 sealed_version;
	struct wfop_jobs *out;
};

static int
wfop_job_each(const void *rec, void *arg)
{
	const struct rec_printjob *j = rec;
	struct wfop_job_scan *sc = arg;

	if (j->outcome == PRINT_PENDING)
		sc->out->pending = j->id;
	if (j->outcome != PRINT_DONE)
		return 0;
	sc->out->done_total += j->count;
	if (j->version == sc->sealed_version)
		sc->out->done_sealed += j->count;
	return 0;
}

enum status
wfop_jobs(struct store_txn *txn, uint64_t doc_id, uint32_t sealed_version,
    struct wfop_jobs *out)
{
	struct store_range r = { 1, { doc_id, 0, 0 }, 0, UINT64_MAX };
	struct wfop_job_scan sc = { sealed_version, out };

	memset(out, 0, sizeof *out);
	return store_scan(txn, IDX_PRINTJOB_DOC, &r, 0, wfop_job_each, &sc);
}

struct wfop_copy_scan {
	uint32_t	 copy_no;
	uint32_t	 version;
	int		 found;
};

static int
wfop_copy_each(const void *rec, void *arg)
{
	const struct rec_printjob *j = rec;
	struct wfop_copy_scan *sc = arg;

	if (j->outcome != PRINT_DONE || sc->copy_no < j->first_copy ||
	    sc->copy_no - j->first_copy >= j->count)
		return 0;
	sc->version = j->version;
	sc->found = 1;
	return 1;
}

enum status
wfop_copy_printed(struct store_txn *txn, uint64_t doc_id, uint32_t copy_no,
    uint32_t *version)
{
	struct store_range r = { 1, { doc_id, 0, 0 }, 0, UINT64_MAX };
	struct wfop_copy_scan sc = { copy_no, 0, 0 };
	enum status rc;

	rc = store_scan(txn, IDX_PRINTJOB_DOC, &r, 0, wfop_copy_each, &sc);
	if (rc != STATUS_OK)
		return rc;
	if (!sc.found)
		return STATUS_COPY_NUMBER;
	*version = sc.version;
	return STATUS_OK;
}

/* -- Applications -------------------------------------------------------- */

struct wfop_app_scan {
	uint64_t	 doc_id;
	uint64_t	 id;
};

static int
wfop_app_each(const void *rec, void *arg)
{
	const struct rec_application *a = rec;
	struct wfop_app_scan *sc = arg;

	if (a->doc_id != sc->doc_id)
		return 0;
	sc->id = a->id;
	return 1;
}

enum status
wfop_pending_app(struct store_txn *txn, uint64_t doc_id, enum app_kind kind,
    struct rec_application *app)
{
	struct store_range r = { 2, { APP_PENDING, kind, 0 }, 0, UINT64_MAX };
	struct wfop_app_scan sc = { doc_id, 0 };
	enum status rc;

	memset(app, 0, sizeof *app);
	/* Pending applications are few: this walks only those of KIND. */
	rc = store_scan(txn, IDX_APPLICATION_STATE, &r, 0, wfop_app_each, &sc);
	if (rc != STATUS_OK || sc.id == 0)
		return rc;
	return store_get(txn, REC_APPLICATION, sc.id, app);
}

/* -- Text ---------------------------------------------------------------- */

char *
wfop_text(const char *s)
{
	char *t, *p;
	size_t n;

	if (s == NULL)
		return NULL;
	t = text_sanitize(s, strlen(s), 1);
	for (p = t; *p == ' ' || *p == '\n'; p++)
		continue;
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\n'))
		n--;
	if (n == 0) {
		free(t);
		return NULL;
	}
	memmove(t, p, n);
	t[n] = '\0';
	return t;
}

struct wfop_recall_count {
	uint32_t	 recalled;
	uint32_t	 destroyed;
};

static int
wfop_recall_each(const void *rec, void *arg)
{
	const struct rec_recall *r = rec;
	struct wfop_recall_count *n = arg;

	n->recalled++;
	if (r->destroyed_by != 0)
		n->destroyed++;
	return 0;
}

enum status
wfop_recalls(struct store_txn *txn, uint64_t doc_id, uint32_t *recalled,
    uint32_t *destroyed)
{
	struct store_range r = { 1, { doc_id, 0, 0 }, 0, UINT64_MAX };
	struct wfop_recall_count n = { 0, 0 };
	enum status rc;

	rc = store_scan(txn, IDX_RECALL_DOC, &r, 0, wfop_recall_each, &n);
	*recalled = n.recalled;
	*destroyed = n.destroyed;
	return rc;
}

/* -- Documents and versions ---------------------------------------------- */

enum status
wfop_own(const struct wfop *op)
{
	if (op->doc.state == DOC_REFUSED)
		return STATUS_REFUSED_KIND;
	return op->actor.id == op->doc.drafter_id ? STATUS_OK : STATUS_DENIED;
}

enum status
wfop_check_content(struct store_txn *txn, const struct wfop *op,
    const struct doc_content *c)
{
	enum status rc;

	if ((rc = doc_content_check(c)) != STATUS_OK)
		return rc;
	if (op->actor.clearance < c->classification)
		return STATUS_CLEARANCE;
	/* Art. 13: a classified document is made only on a classified
	 * machine. */
	return wfop_station_allows(txn,
	    (enum classification) c->classification);
}

void
wfop_doc_apply(struct wfop *op, const struct doc_content *c)
{
	struct rec_doc *d = &op->doc;

	free(d->title);
	d->title = xstrdup(c->title);
	free(d->form);
	d->form = c->form != NULL ? xstrdup(c->form) : NULL;
	d->seal_mode = c->seal_mode;
	d->classification = c->classification;
	d->urgency = c->urgency;
	d->special_number = c->special_number;
	/* Once sealed, copies counts what the sealed version may print
	 * until a new version is sealed (workflow_seal sets it then). */
	if (d->sealed_version == 0)
		d->copies = c->copies;
}

enum status
wfop_version_add(struct store_txn *txn, struct wfop *op,
    const struct doc_content *c, uint32_t number)
{
	unsigned char h[32];
	struct rec_version v;
	enum status rc;

	memset(&v, 0, sizeof v);
	v.doc_id = op->doc.id;
	v.number = number;
	v.author_id = op->actor.id;
	v.created = clock_now();
	doc_content_to_version(c, &v);

	/* Hashed now, so any later change to a stored version shows. */
	if ((rc = wfop_hash(v.doc_id, &v, h)) != STATUS_OK)
		goto out;
	v.content_sm3.data = xmalloc(sizeof h);
	memcpy(v.content_sm3.data, h, sizeof h);
	v.content_sm3.len = sizeof h;
	rc = store_put(txn, REC_VERSION, &v);
out:
	rec_free(REC_VERSION, &v);
	return rc;
}

enum status
wfop_doc_new(struct store_txn *txn, struct wfop *op,
    const struct doc_content *c)
{
	enum status rc;

	if ((rc = wfop_check_content(txn, op, c)) != STATUS_OK)
		return rc;

	rec_free(REC_DOC, &op->doc);
	memset(&op->doc, 0, sizeof op->doc);
	op->doc.kind = c->kind;
	op->doc.state = doc_kind_sealable(c->kind) ? DOC_DRAFT : DOC_REFUSED;
	op->doc.batch = c->batch;
	wfop_doc_apply(op, c);
	op->doc.dept_id = op->actor.dept_id;
	op->doc.drafter_id = op->actor.id;
	op->doc.version = 1;
	op->doc.next_copy_no = 1;
	op->doc.created = op->doc.updated = clock_now();
	if ((rc = store_put(txn, REC_DOC, &op->doc)) != STATUS_OK)
		return rc;

	op->object_id = op->doc.id;
	return wfop_version_add(txn, op, c, 1);
}
