/*
 * docsearch.c -- finding documents by a piece of their title or number
 * (docview_search in docview.h), through the store's gram index instead
 * of reading every document.
 *
 * The index (store/grams.c) holds each pair of adjacent characters of
 * every title and number, and each one's last character alone.  A
 * search of one character reads the range of grams that character
 * starts; a longer one reads the entries of each of its pairs and keeps
 * the documents found under all of them.  The index only narrows: every
 * document it leaves is read and its title and number matched against
 * the text exactly as the scan does (strstr), so the answer is the scan's, in the scan's order (most
 * recently changed first), with the reader's clearance applied.  A text
 * that is empty or not UTF-8 has no grams: those are answered by the
 * scan itself.  Nothing here changes a record.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/docnum.h"
#include "core/docview.h"
#include "core/wfop.h"

#define DOCSEARCH_MAX_GRAMS	64	/* a longer text: its first pairs */

/* Ids in ascending order: what the entries of one gram gave. */
struct docsearch_ids {
	uint64_t	*id;
	size_t		 n;
	size_t		 cap;
};

struct docsearch {
	const char		*text;
	docview_fn		 fn;
	void			*arg;
	const struct rec_user	*reader;
	struct rec_doc		*hits;		/* matched, to be sorted */
	size_t			 nhits;
	size_t			 cap;
};

static int
docsearch_collect(uint64_t id, void *arg)
{
	struct docsearch_ids *ids = arg;

	if (ids->n == ids->cap) {
		ids->cap = ids->cap != 0 ? ids->cap * 2 : 256;
		ids->id = xrealloc(ids->id, ids->cap * sizeof *ids->id);
	}
	ids->id[ids->n++] = id;
	return 0;
}

/* Keep in A only the ids also in B (both ascending). */
static void
docsearch_intersect(struct docsearch_ids *a, const struct docsearch_ids *b)
{
	size_t i = 0, j = 0, out = 0;

	while (i < a->n && j < b->n) {
		if (a->id[i] < b->id[j])
			i++;
		else if (a->id[i] > b->id[j])
			j++;
		else {
			a->id[out++] = a->id[i++];
			j++;
		}
	}
	a->n = out;
}

/* The grams of TEXT: each pair, or for one character the first of the
 * grams it starts (*ONE set); 0 when the text is empty or not UTF-8
 * (the scan answers those). */
static size_t
docsearch_grams(const char *text, uint64_t *gram, int *one)
{
	size_t left = strlen(text), n, ng = 0;
	uint32_t cp, prev = 0;
	int chars = 0;

	while (left > 0) {
		if ((n = text_utf8_decode(text, left, &cp)) == 0)
			return 0;
		if (chars++ > 0 && ng < DOCSEARCH_MAX_GRAMS)
			gram[ng++] = STORE_GRAM(prev, cp);
		prev = cp;
		text += n;
		left -= n;
	}
	*one = chars == 1;
	if (chars == 1)
		gram[ng++] = STORE_GRAM(prev, 0);
	return ng;
}

static int
docsearch_id_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;

	return x < y ? -1 : x > y;
}

/* One character C: the documents of every gram C starts, each once. */
static enum status
docsearch_char(struct store_txn *txn, uint64_t c, struct docsearch_ids *out)
{
	struct store_range r = { 0, { 0, 0, 0 }, c, c | UINT32_MAX };
	enum status rc;
	size_t i, n = 0;

	rc = store_scan_keys(txn, IDX_DOC_GRAM, &r, docsearch_collect, out);
	if (rc != STATUS_OK || out->n < 2)
		return rc;
	qsort(out->id, out->n, sizeof *out->id, docsearch_id_cmp);
	for (i = 1; i < out->n; i++)
		if (out->id[i] != out->id[n])
			out->id[++n] = out->id[i];
	out->n = n + 1;
	return STATUS_OK;
}

/* The documents under every gram of the text, ascending. */
static enum status
docsearch_candidates(struct store_txn *txn, const uint64_t *gram, size_t ng,
    struct docsearch_ids *out)
{
	struct store_range r = { 1, { 0, 0, 0 }, 0, UINT64_MAX };
	struct docsearch_ids next = { NULL, 0, 0 };
	enum status rc = STATUS_OK;
	size_t i;

	for (i = 0; i < ng && rc == STATUS_OK; i++) {
		r.prefix[0] = gram[i];
		next.n = 0;
		rc = store_scan_keys(txn, IDX_DOC_GRAM, &r, docsearch_collect,
		    i == 0 ? out : &next);
		if (i > 0)
			docsearch_intersect(out, &next);
		if (out->n == 0)
			break;
	}
	free(next.id);
	return rc;
}

/* The scan's own test: the text in the title or the number. */
static int
docsearch_matches(const struct rec_doc *d, const char *text)
{
	char *num;
	int hit;

	if (d->title != NULL && strstr(d->title, text) != NULL)
		return 1;
	num = docnum_format(d->number_prefix, d->number_year, d->number_seq);
	hit = strstr(num, text) != NULL;
	free(num);
	return hit;
}

static int
docsearch_keep(const void *rec, void *arg)
{
	const struct rec_doc *d = rec;
	struct docsearch *ds = arg;

	if (d->classification > ds->reader->clearance ||
	    !docsearch_matches(d, ds->text))
		return 0;
	if (ds->nhits == ds->cap) {
		ds->cap = ds->cap != 0 ? ds->cap * 2 : 64;
		ds->hits = xrealloc(ds->hits, ds->cap * sizeof *ds->hits);
	}
	/* Taken over whole: the strings are freed with the hits. */
	memcpy(&ds->hits[ds->nhits++], d, sizeof *d);
	memset((void *) d, 0, sizeof *d);
	return 0;
}

/* Most recently changed first, as IDX_DOC_UPDATED read backwards. */
static int
docsearch_order(const void *a, const void *b)
{
	const struct rec_doc *x = a, *y = b;

	if (x->updated != y->updated)
		return x->updated > y->updated ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id;
}

static void
docsearch_free_hits(struct docsearch *ds)
{
	size_t i;

	for (i = 0; i < ds->nhits; i++)
		rec_free(REC_DOC, &ds->hits[i]);
	ds->nhits = 0;
}

/* Read and match each candidate (all documents when there are none of
 * the text's grams to use). */
static enum status
docsearch_read(struct store_txn *txn, struct docsearch *ds,
    const struct docsearch_ids *ids, int scan)
{
	struct store_range all = { 0, { 0, 0, 0 }, 0, UINT64_MAX };
	struct rec_doc d;
	enum status rc = STATUS_OK;
	size_t i;

	if (scan)
		return store_scan(txn, IDX_DOC_UPDATED, &all, 1,
		    docsearch_keep, ds);
	for (i = 0; i < ids->n && rc == STATUS_OK; i++) {
		rc = store_get(txn, REC_DOC, ids->id[i], &d);
		if (rc == STATUS_OK)
			docsearch_keep(&d, ds);
		rec_free(REC_DOC, &d);
	}
	return rc;
}

static enum status
docsearch_fn(struct store_txn *txn, struct wfop *op)
{
	struct docsearch *ds = op->arg;
	struct docsearch_ids ids = { NULL, 0, 0 };
	uint64_t gram[DOCSEARCH_MAX_GRAMS];
	enum status rc = STATUS_OK;
	size_t ng, i;
	int one = 0;

	docsearch_free_hits(ds);	/* a re-run starts again */
	ds->reader = &op->actor;
	ng = docsearch_grams(ds->text, gram, &one);
	if (one)
		rc = docsearch_char(txn, gram[0], &ids);
	else if (ng > 0)
		rc = docsearch_candidates(txn, gram, ng, &ids);
	if (rc == STATUS_OK)
		rc = docsearch_read(txn, ds, &ids, ng == 0);
	free(ids.id);
	if (rc != STATUS_OK)
		return rc;

	if (ds->nhits > 1)
		qsort(ds->hits, ds->nhits, sizeof *ds->hits, docsearch_order);
	for (i = 0; i < ds->nhits; i++)
		if (ds->fn(&ds->hits[i], ds->arg) != 0)
			break;
	return STATUS_OK;
}

enum status
docview_search(struct store *st, struct session *s, const char *text,
    docview_fn fn, void *arg)
{
	struct docsearch ds;
	struct wfop op;
	enum status rc;

	if (text == NULL || fn == NULL)
		return STATUS_INVALID;
	memset(&ds, 0, sizeof ds);
	ds.text = text;
	ds.fn = fn;
	ds.arg = arg;
	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_READ;
	op.fn = docsearch_fn;
	op.arg = &ds;
	rc = wfop_read(st, &op);
	docsearch_free_hits(&ds);
	free(ds.hits);
	return rc;
}
