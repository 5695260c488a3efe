/*
 * report_docs.c -- the documents, seals, users and departments a report's
 * events point to, read once each through the store and kept for the
 * report's transaction.
 *
 * Which seal signed a version is read from the version's own signature
 * (its protected information names the seal's registration number), so
 * that a document resealed with another seal after a reprint counts
 * each sealing under the seal that made it.  Nothing here counts or
 * decides: report.c and register.c do.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/docnum.h"
#include "core/report_private.h"
#include "crypto/crypto.h"

static int
report_docs_seal_each(const void *rec, void *arg)
{
	const struct rec_seal *seal = rec;
	struct report_docs *c = arg;
	struct report_seal *e;

	c->seals = xrealloc(c->seals, (c->nseals + 1) * sizeof *c->seals);
	e = &c->seals[c->nseals++];
	e->id = seal->id;
	e->regno = xstrdup(seal->regno != NULL ? seal->regno : "");
	e->name = xstrdup(seal->name != NULL ? seal->name : "");
	return 0;
}

enum status
report_docs_init(struct report_docs *c, struct store_txn *txn)
{
	memset(c, 0, sizeof *c);
	c->txn = txn;
	/* The register in registration-number order: what the summary
	 * lists its seals by. */
	return store_scan(txn, IDX_SEAL_REGNO, NULL, 0, report_docs_seal_each,
	    c);
}

void
report_docs_free(struct report_docs *c)
{
	size_t i;

	for (i = 0; i < c->ndocs; i++) {
		free(c->docs[i].title);
		free(c->docs[i].number);
		free(c->docs[i].versions);
	}
	for (i = 0; i < c->nseals; i++) {
		free(c->seals[i].regno);
		free(c->seals[i].name);
	}
	for (i = 0; i < c->nusers; i++)
		free(c->users[i].name);
	for (i = 0; i < c->ndepts; i++)
		free(c->depts[i].name);
	free(c->docs);
	free(c->seals);
	free(c->users);
	free(c->depts);
	memset(c, 0, sizeof *c);
}

void
report_docs_drop(struct report_docs *c)
{
	size_t i;

	for (i = 0; i < c->ndocs; i++) {
		free(c->docs[i].title);
		free(c->docs[i].number);
		free(c->docs[i].versions);
	}
	free(c->docs);
	c->docs = NULL;
	c->ndocs = 0;
}

static uint64_t
report_docs_seal_by_regno(const struct report_docs *c, const char *regno)
{
	size_t i;

	for (i = 0; regno != NULL && i < c->nseals; i++)
		if (strcmp(c->seals[i].regno, regno) == 0)
			return c->seals[i].id;
	return 0;
}

/* When and with which seal version V was signed; a signature that cannot
 * be read leaves the version counted as unsealed, and says so. */
static void
report_docs_signature(const struct report_docs *c, const struct rec_version *v,
    struct report_version *out)
{
	struct ses_signature sig;
	const char *regno;

	if (v->signature.len == 0)
		return;
	if (ses_signature_parse(v->signature.data, v->signature.len, &sig) !=
	    STATUS_OK) {
		log_warn("report: the signature of document %llu version %u "
		    "cannot be read", (unsigned long long) v->doc_id,
		    (unsigned) v->number);
		return;
	}
	regno = sig.has_protected ? sig.protected.seal_regno : sig.seal.es_id;
	out->sealed_at = sig.time;
	out->seal_id = report_docs_seal_by_regno(c, regno);
	ses_signature_free(&sig);
}

struct report_docs_load {
	struct report_docs	*c;
	struct report_doc	*d;
};

static int
report_docs_version_each(const void *rec, void *arg)
{
	const struct rec_version *v = rec;
	struct report_docs_load *l = arg;
	struct report_version *e;

	l->d->versions = xrealloc(l->d->versions, (l->d->nversions + 1) *
	    sizeof *l->d->versions);
	e = &l->d->versions[l->d->nversions++];
	memset(e, 0, sizeof *e);
	e->number = v->number;
	report_docs_signature(l->c, v, e);
	return 0;
}

static enum status
report_docs_load(struct report_docs *c, uint64_t id, struct report_doc *d)
{
	struct store_range r = { 1, { id, 0, 0 }, 0, UINT64_MAX };
	struct report_docs_load l = { c, d };
	struct rec_doc doc;
	enum status rc;

	memset(d, 0, sizeof *d);
	if ((rc = store_get(c->txn, REC_DOC, id, &doc)) != STATUS_OK)
		return rc;
	d->id = id;
	d->dept_id = doc.dept_id;
	d->kind = doc.kind;
	d->classification = doc.classification;
	d->sealed_version = doc.sealed_version;
	d->title = xstrdup(doc.title != NULL ? doc.title : "");
	d->number = doc.number_prefix != NULL && *doc.number_prefix != '\0' ?
	    docnum_format(doc.number_prefix, doc.number_year,
	    doc.number_seq) : xstrdup("");
	rec_free(REC_DOC, &doc);
	rc = store_scan(c->txn, IDX_VERSION_DOC, &r, 0,
	    report_docs_version_each, &l);
	if (rc != STATUS_OK) {
		free(d->title);
		free(d->number);
		free(d->versions);
		memset(d, 0, sizeof *d);
	}
	return rc;
}

enum status
report_docs_get(struct report_docs *c, uint64_t id,
    const struct report_doc **doc)
{
	size_t lo = 0, hi = c->ndocs, mid;
	struct report_doc d;
	enum status rc;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->docs[mid].id == id) {
			*doc = &c->docs[mid];
			return STATUS_OK;
		}
		if (c->docs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if ((rc = report_docs_load(c, id, &d)) != STATUS_OK)
		return rc;
	c->docs = xrealloc(c->docs, (c->ndocs + 1) * sizeof *c->docs);
	memmove(&c->docs[lo + 1], &c->docs[lo], (c->ndocs - lo) *
	    sizeof *c->docs);
	c->docs[lo] = d;
	c->ndocs++;
	*doc = &c->docs[lo];
	return STATUS_OK;
}

uint64_t
report_doc_seal_of(const struct report_doc *d, uint32_t number)
{
	size_t i;

	for (i = 0; i < d->nversions; i++)
		if (d->versions[i].number == number)
			return d->versions[i].seal_id;
	return 0;
}

uint64_t
report_doc_seal_at(const struct report_doc *d, int64_t t)
{
	uint64_t seal = 0;
	size_t i;

	/* Versions are in number order, and so in signing order. */
	for (i = 0; i < d->nversions; i++)
		if (d->versions[i].sealed_at != 0 &&
		    d->versions[i].sealed_at <= t)
			seal = d->versions[i].seal_id;
	return seal;
}

const struct report_seal *
report_docs_seal(const struct report_docs *c, uint64_t id)
{
	size_t i;

	for (i = 0; i < c->nseals; i++)
		if (c->seals[i].id == id)
			return &c->seals[i];
	return NULL;
}

const char *
report_docs_user(struct report_docs *c, uint64_t id)
{
	struct rec_user u;
	size_t i;

	if (id == 0)
		return "-";
	for (i = 0; i < c->nusers; i++)
		if (c->users[i].id == id)
			return c->users[i].name;
	if (store_get(c->txn, REC_USER, id, &u) != STATUS_OK)
		return "-";
	c->users = xrealloc(c->users, (c->nusers + 1) * sizeof *c->users);
	c->users[c->nusers].id = id;
	c->users[c->nusers].name = xstrdup(u.name != NULL ? u.name : "-");
	rec_free(REC_USER, &u);
	return c->users[c->nusers++].name;
}

const char *
report_docs_dept(struct report_docs *c, uint64_t id)
{
	struct rec_dept d;
	size_t i;

	if (id == 0)
		return "-";
	for (i = 0; i < c->ndepts; i++)
		if (c->depts[i].id == id)
			return c->depts[i].name;
	if (store_get(c->txn, REC_DEPT, id, &d) != STATUS_OK)
		return "-";
	c->depts = xrealloc(c->depts, (c->ndepts + 1) * sizeof *c->depts);
	c->depts[c->ndepts].id = id;
	c->depts[c->ndepts].name = xstrdup(d.name != NULL ? d.name : "-");
	rec_free(REC_DEPT, &d);
	return c->depts[c->ndepts++].name;
}

const char *
report_doc_title(const struct report_doc *d, uint8_t clearance)
{
	if (d->classification > clearance)
		return _("(classified)");
	return d->title;
}
