/*
 * docview.c -- a document's whole record for the screens and esealctl,
 * and lists of documents.
 *
 * Read only: this file never writes a record, and it shows a classified
 * document only to a reader cleared for it.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/docnum.h"
#include "core/docview.h"
#include "core/wfop.h"

static const char *const docview_actions[] = {
	"approve", "return", "issue", "reject"
};
static const char *const docview_app_kinds[] = {
	"reprint", "extra-print", "batch", "proxy", "standalone", "seal"
};
static const char *const docview_app_states[] = {
	"pending", "approved", "denied", "done", "cancelled"
};
static const char *const docview_outcomes[] = {
	"pending", "done", "failed", "cancelled"
};

#define DOCVIEW_NAME(table, v) \
	((unsigned) (v) < sizeof (table) / sizeof (table)[0] ? (table)[v] : \
	"unknown")

const char *
docview_action_name(enum approval_action a)
{
	return DOCVIEW_NAME(docview_actions, a);
}

const char *
docview_app_kind_name(enum app_kind k)
{
	return DOCVIEW_NAME(docview_app_kinds, k);
}

const char *
docview_app_state_name(enum app_state s)
{
	return DOCVIEW_NAME(docview_app_states, s);
}

const char *
docview_outcome_name(enum print_outcome o)
{
	return DOCVIEW_NAME(docview_outcomes, o);
}

/* -- Collecting records --------------------------------------------------- */

struct docview_ids {
	uint64_t	*v;
	size_t		 n, cap;
	uint64_t	 doc_id;	/* keep only this document's, or 0 */
};

static void
docview_ids_add(struct docview_ids *ids, uint64_t id)
{
	if (ids->n == ids->cap) {
		ids->cap = ids->cap * 2 + 16;
		ids->v = xrealloc(ids->v, ids->cap * sizeof *ids->v);
	}
	ids->v[ids->n++] = id;
}

static int
docview_id_each(const void *rec, void *arg)
{
	docview_ids_add(arg, *(const uint64_t *) rec);
	return 0;
}

static int
docview_app_each(const void *rec, void *arg)
{
	const struct rec_application *a = rec;
	struct docview_ids *ids = arg;

	if (a->doc_id == ids->doc_id && (a->kind == APP_REPRINT ||
	    a->kind == APP_EXTRA_PRINT || a->kind == APP_BATCH))
		docview_ids_add(ids, a->id);
	return 0;
}

/* Read the records IDS->v of KIND into a new array *OUT of *N. */
static enum status
docview_load(struct store_txn *txn, enum rec_kind kind,
    const struct docview_ids *ids, void **out, size_t *n)
{
	size_t size = rec_size(kind), i;
	enum status rc = STATUS_OK;
	char *arr;

	arr = xcalloc(ids->n + 1, size);
	for (i = 0; i < ids->n && rc == STATUS_OK; i++)
		rc = store_get(txn, kind, ids->v[i], arr + i * size);
	*out = arr;
	*n = rc == STATUS_OK ? ids->n : i - 1;
	return rc;
}

/* Every record of KIND whose index IDX has DOC_ID as its first field. */
static enum status
docview_by_doc(struct store_txn *txn, enum store_index idx, enum rec_kind kind,
    uint64_t doc_id, void **out, size_t *n)
{
	struct store_range r = { 1, { doc_id, 0, 0 }, 0, UINT64_MAX };
	struct docview_ids ids = { NULL, 0, 0, doc_id };
	enum status rc;

	rc = store_scan(txn, idx, &r, 0, docview_id_each, &ids);
	if (rc == STATUS_OK)
		rc = docview_load(txn, kind, &ids, out, n);
	free(ids.v);
	return rc;
}

static int
docview_app_cmp(const void *a, const void *b)
{
	const struct rec_application *x = a, *y = b;

	if (x->created != y->created)
		return x->created < y->created ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * The document's applications (reprints, extra prints, batches), from
 * the index by document: proportional to the document's own, where
 * reading every application made each view slower as the workspace grew
 * (at 50,000 documents, 90 % of a bulk load's time).
 */
static enum status
docview_apps(struct store_txn *txn, struct docview *v)
{
	struct docview_ids ids = { NULL, 0, 0, v->doc.id };
	struct store_range r = { 1, { v->doc.id, 0, 0 }, 0, UINT64_MAX };
	enum status rc;

	rc = store_scan(txn, IDX_APPLICATION_DOC, &r, 0, docview_app_each,
	    &ids);
	if (rc == STATUS_OK)
		rc = docview_load(txn, REC_APPLICATION, &ids,
		    (void **) &v->apps, &v->napps);
	free(ids.v);
	if (rc == STATUS_OK && v->napps > 1)
		qsort(v->apps, v->napps, sizeof *v->apps, docview_app_cmp);
	return rc;
}

/* -- Names of the people involved ---------------------------------------- */

static void
docview_user_want(struct docview_ids *ids, uint64_t id)
{
	size_t i;

	if (id == 0)
		return;
	for (i = 0; i < ids->n; i++)
		if (ids->v[i] == id)
			return;
	docview_ids_add(ids, id);
}

static void
docview_user_ids(const struct docview *v, struct docview_ids *ids)
{
	size_t i;

	docview_user_want(ids, v->doc.drafter_id);
	for (i = 0; i < v->nversions; i++)
		docview_user_want(ids, v->versions[i].author_id);
	for (i = 0; i < v->napprovals; i++)
		docview_user_want(ids, v->approvals[i].approver_id);
	for (i = 0; i < v->napps; i++) {
		docview_user_want(ids, v->apps[i].applicant_id);
		docview_user_want(ids, v->apps[i].subject_id);
		docview_user_want(ids, v->apps[i].decided_by);
	}
	for (i = 0; i < v->njobs; i++)
		docview_user_want(ids, v->jobs[i].user_id);
	for (i = 0; i < v->nrecalls; i++) {
		docview_user_want(ids, v->recalls[i].recalled_by);
		docview_user_want(ids, v->recalls[i].destroyed_by);
	}
}

static enum status
docview_users(struct store_txn *txn, struct docview *v)
{
	struct docview_ids ids = { NULL, 0, 0, 0 };
	struct rec_user u;
	enum status rc = STATUS_OK;
	size_t i;

	docview_user_ids(v, &ids);
	v->users = xcalloc(ids.n + 1, sizeof *v->users);
	for (i = 0; i < ids.n && rc == STATUS_OK; i++) {
		rc = store_get(txn, REC_USER, ids.v[i], &u);
		if (rc == STATUS_NOT_FOUND) {
			rc = STATUS_OK;
			continue;
		}
		if (rc != STATUS_OK)
			break;
		v->users[v->nusers].id = u.id;
		v->users[v->nusers].name = xstrdup(u.name != NULL ? u.name :
		    "");
		v->users[v->nusers].full_name = xstrdup(u.full_name != NULL ?
		    u.full_name : "");
		v->nusers++;
		rec_free(REC_USER, &u);
	}
	free(ids.v);
	return rc;
}

const char *
docview_user(const struct docview *v, uint64_t id)
{
	size_t i;

	for (i = 0; i < v->nusers; i++)
		if (v->users[i].id == id)
			return v->users[i].name;
	return "-";
}

/* -- One document -------------------------------------------------------- */

static enum status
docview_seal(struct store_txn *txn, struct docview *v)
{
	struct rec_seal seal;
	enum status rc;

	if (v->doc.seal_id == 0)
		return STATUS_OK;
	rc = store_get(txn, REC_SEAL, v->doc.seal_id, &seal);
	if (rc == STATUS_NOT_FOUND)
		return STATUS_OK;
	if (rc == STATUS_OK)
		v->seal_regno = xstrdup(seal.regno != NULL ? seal.regno : "");
	rec_free(REC_SEAL, &seal);
	return rc;
}

static enum status
docview_get_fn(struct store_txn *txn, struct wfop *op)
{
	struct docview *v = op->arg;
	enum status rc;

	docview_free(v);	/* a retried run starts clean */
	if ((rc = store_get(txn, REC_DOC, op->doc_id, &v->doc)) != STATUS_OK ||
	    (rc = docview_by_doc(txn, IDX_VERSION_DOC, REC_VERSION,
	    v->doc.id, (void **) &v->versions, &v->nversions)) != STATUS_OK ||
	    (rc = docview_by_doc(txn, IDX_APPROVAL_DOC, REC_APPROVAL,
	    v->doc.id, (void **) &v->approvals, &v->napprovals)) != STATUS_OK ||
	    (rc = docview_by_doc(txn, IDX_PRINTJOB_DOC, REC_PRINTJOB,
	    v->doc.id, (void **) &v->jobs, &v->njobs)) != STATUS_OK ||
	    (rc = docview_by_doc(txn, IDX_RECALL_DOC, REC_RECALL,
	    v->doc.id, (void **) &v->recalls, &v->nrecalls)) != STATUS_OK ||
	    (rc = docview_apps(txn, v)) != STATUS_OK ||
	    (rc = docview_seal(txn, v)) != STATUS_OK ||
	    (rc = wfop_chain(txn, &v->doc, &v->chain)) != STATUS_OK ||
	    (rc = docview_users(txn, v)) != STATUS_OK)
		return rc;

	if (v->nversions == 0)
		return STATUS_CORRUPT;
	v->number = docnum_format(v->doc.number_prefix, v->doc.number_year,
	    v->doc.number_seq);
	return doc_content_from_version(&v->versions[v->nversions - 1],
	    &v->content);
}

enum status
docview_get(struct store *st, struct session *s, uint64_t doc_id,
    struct docview *v)
{
	struct wfop op;

	memset(v, 0, sizeof *v);
	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_READ;
	op.doc_id = doc_id;
	op.fn = docview_get_fn;
	op.arg = v;
	return wfop_read(st, &op);
}

static void
docview_free_array(enum rec_kind kind, void *arr, size_t n)
{
	size_t size = rec_size(kind), i;

	for (i = 0; i < n; i++)
		rec_free(kind, (char *) arr + i * size);
	free(arr);
}

void
docview_free(struct docview *v)
{
	size_t i;

	rec_free(REC_DOC, &v->doc);
	docview_free_array(REC_VERSION, v->versions, v->nversions);
	docview_free_array(REC_APPROVAL, v->approvals, v->napprovals);
	docview_free_array(REC_APPLICATION, v->apps, v->napps);
	docview_free_array(REC_PRINTJOB, v->jobs, v->njobs);
	docview_free_array(REC_RECALL, v->recalls, v->nrecalls);
	doc_content_free(&v->content);
	for (i = 0; i < v->nusers; i++) {
		free(v->users[i].name);
		free(v->users[i].full_name);
	}
	free(v->users);
	free(v->number);
	free(v->seal_regno);
	memset(v, 0, sizeof *v);
}

/* -- Lists --------------------------------------------------------------- */

struct docview_listing {
	const struct docview_filter	*f;
	docview_fn			 fn;
	void				*arg;
	const struct rec_user		*reader;
	size_t				 seen, given;
	int				 stopped;
};

static int
docview_list_each(const void *rec, void *arg)
{
	const struct rec_doc *d = rec;
	struct docview_listing *l = arg;

	if (d->classification > l->reader->clearance)
		return 0;
	if (l->f->mine && d->drafter_id != l->reader->id)
		return 0;
	if (l->f->state >= 0 && d->state != l->f->state)
		return 0;
	if (l->seen++ < l->f->offset)
		return 0;
	if (l->fn(d, l->arg) != 0 ||
	    (l->f->limit != 0 && ++l->given >= l->f->limit))
		return l->stopped = 1;
	return 0;
}

static enum status
docview_list_fn(struct store_txn *txn, struct wfop *op)
{
	struct docview_listing *l = op->arg;
	struct store_range r = { 0, { 0, 0, 0 }, 0, UINT64_MAX };
	enum store_index idx = IDX_DOC_UPDATED;
	int reverse = 1;

	/* XXX: should the store retry this read after a deadlock, FN sees
	 * the first documents again; listing is harmless to repeat, and
	 * callers that count must reset their count in FN's first call. */
	l->seen = l->given = 0;
	l->reader = &op->actor;
	if (l->f->state >= 0) {
		idx = IDX_DOC_STATE;
		r.nprefix = 1;
		r.prefix[0] = (uint64_t) l->f->state;
		reverse = 0;
	} else if (l->f->mine) {
		idx = IDX_DOC_DRAFTER;
		r.nprefix = 1;
		r.prefix[0] = op->actor.id;
	}
	return store_scan(txn, idx, &r, reverse, docview_list_each, l);
}

enum status
docview_list(struct store *st, struct session *s,
    const struct docview_filter *f, docview_fn fn, void *arg)
{
	struct docview_listing l;
	struct wfop op;

	memset(&l, 0, sizeof l);
	l.f = f;
	l.fn = fn;
	l.arg = arg;
	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_READ;
	op.fn = docview_list_fn;
	op.arg = &l;
	return wfop_read(st, &op);
}
