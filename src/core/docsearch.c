/*
 * docsearch.c -- finding documents by a piece of their title or number
 * (docview_search in docview.h), a page at a time, from the store's
 * search index alone.
 *
 * The index (store/grams.c, store/postings.c) lists for each pair of
 * adjacent characters, and for each character ending a run, the
 * documents holding it with the positions where it stands and their
 * classification.  A text of one character is in a document exactly
 * when one of the grams it starts is; a longer one exactly where its
 * pairs stand at consecutive positions of one field, which is what
 * strstr finds for a valid UTF-8 text.  So the index decides, the
 * reader's clearance is applied from the classification it records, and
 * only the page's documents are read.  A text that is empty, not UTF-8
 * or longer than DOCSEARCH_MAX_CHARS is answered by reading every
 * document (the scan).  Newest document first (id descending).  Nothing
 * here changes a record.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/docnum.h"
#include "core/docview.h"
#include "core/wfop.h"

#define DOCSEARCH_MAX_CHARS	64	/* a longer text: the scan */

/* The documents found, ascending, with their classification. */
struct docsearch_hits {
	uint64_t	*id;
	uint8_t		*cls;
	size_t		 n;
	size_t		 cap;
};

/* One gram's posting list, positions flattened. */
struct docsearch_list {
	uint64_t	 gram;
	uint64_t	*id;
	uint8_t		*cls;
	size_t		*first;		/* the entry's first position in POS */
	uint32_t	*npos;
	size_t		 n;
	size_t		 cap;
	uint32_t	*pos;
	size_t		 npos_all;
	size_t		 pos_cap;
	size_t		 at;		/* the merge's place */
};

struct docsearch {
	const char		*text;
	size_t			 offset;
	size_t			 limit;
	size_t			 total;
	docview_fn		 fn;
	void			*arg;
	struct docsearch_hits	 hits;
};

static void
docsearch_hit(struct docsearch_hits *h, uint64_t id, uint8_t cls)
{
	if (h->n == h->cap) {
		h->cap = h->cap != 0 ? h->cap * 2 : 256;
		h->id = xrealloc(h->id, h->cap * sizeof *h->id);
		h->cls = xrealloc(h->cls, h->cap * sizeof *h->cls);
	}
	h->id[h->n] = id;
	h->cls[h->n++] = cls;
}

/* The code points of TEXT into CP: their number, or 0 when the text is
 * empty, not UTF-8 or too long (the scan answers those). */
static size_t
docsearch_chars(const char *text, uint32_t *cp)
{
	size_t left = strlen(text), n, k = 0;

	while (left > 0) {
		if (k == DOCSEARCH_MAX_CHARS ||
		    (n = text_utf8_decode(text, left, &cp[k])) == 0)
			return 0;
		k++;
		text += n;
		left -= n;
	}
	return k;
}

static int
docsearch_one_each(const struct store_posting *p, void *arg)
{
	docsearch_hit(arg, p->id, p->classification);
	return 0;
}

/* A hit while the grams of one character are sorted. */
struct docsearch_pair {
	uint64_t	 id;
	uint8_t		 cls;
};

static int
docsearch_id_cmp(const void *a, const void *b)
{
	const struct docsearch_pair *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* One character C: the documents of every gram C starts, each once. */
static enum status
docsearch_one(struct store_txn *txn, uint32_t c, struct docsearch_hits *h)
{
	struct docsearch_pair *v;
	enum status rc;
	size_t i, n = 0;

	rc = store_postings(txn, STORE_GRAM(c, 0), STORE_GRAM(c, UINT32_MAX),
	    docsearch_one_each, h);
	if (rc != STATUS_OK || h->n < 2)
		return rc;
	v = xcalloc(h->n, sizeof *v);
	for (i = 0; i < h->n; i++) {
		v[i].id = h->id[i];
		v[i].cls = h->cls[i];
	}
	qsort(v, h->n, sizeof *v, docsearch_id_cmp);
	for (i = 0; i < h->n; i++)
		if (n == 0 || v[i].id != h->id[n - 1]) {
			h->id[n] = v[i].id;
			h->cls[n++] = v[i].cls;
		}
	h->n = n;
	free(v);
	return STATUS_OK;
}

static int
docsearch_list_each(const struct store_posting *p, void *arg)
{
	struct docsearch_list *l = arg;

	if (l->n == l->cap) {
		l->cap = l->cap != 0 ? l->cap * 2 : 256;
		l->id = xrealloc(l->id, l->cap * sizeof *l->id);
		l->cls = xrealloc(l->cls, l->cap * sizeof *l->cls);
		l->first = xrealloc(l->first, l->cap * sizeof *l->first);
		l->npos = xrealloc(l->npos, l->cap * sizeof *l->npos);
	}
	while (l->npos_all + p->npos > l->pos_cap) {
		l->pos_cap = l->pos_cap != 0 ? l->pos_cap * 2 : 256;
		l->pos = xrealloc(l->pos, l->pos_cap * sizeof *l->pos);
	}
	l->id[l->n] = p->id;
	l->cls[l->n] = p->classification;
	l->first[l->n] = l->npos_all;
	l->npos[l->n++] = p->npos;
	memcpy(l->pos + l->npos_all, p->pos, p->npos * sizeof *p->pos);
	l->npos_all += p->npos;
	return 0;
}

static void
docsearch_list_free(struct docsearch_list *l)
{
	free(l->id);
	free(l->cls);
	free(l->first);
	free(l->npos);
	free(l->pos);
}

/* Does entry E of list L stand at position V? */
static int
docsearch_at(const struct docsearch_list *l, size_t e, uint32_t v)
{
	const uint32_t *p = l->pos + l->first[e];
	size_t lo = 0, hi = l->npos[e], mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p[mid] == v)
			return 1;
		if (p[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Entry E of the first pair's list: do the text's pairs L[0..M-1] stand
 * one after another from one of its positions? Each list's place is
 * moved up to E's id. */
static int
docsearch_entry(struct docsearch_list **l, size_t m, size_t e)
{
	uint64_t id = l[0]->id[e];
	size_t i, k;
	uint32_t v;

	for (i = 1; i < m; i++) {
		while (l[i]->at < l[i]->n && l[i]->id[l[i]->at] < id)
			l[i]->at++;
		if (l[i]->at == l[i]->n || l[i]->id[l[i]->at] != id)
			return 0;
	}
	for (k = 0; k < l[0]->npos[e]; k++) {
		v = l[0]->pos[l[0]->first[e] + k];
		for (i = 1; i < m; i++)
			if (!docsearch_at(l[i], l[i]->at, v + 2 * (uint32_t) i))
				break;
		if (i == m)
			return 1;
	}
	return 0;
}

/* The K characters CP (K >= 2): each distinct pair's list read once. */
static enum status
docsearch_pairs(struct store_txn *txn, const uint32_t *cp, size_t k,
    struct docsearch_hits *h)
{
	struct docsearch_list lists[DOCSEARCH_MAX_CHARS];
	struct docsearch_list *pair[DOCSEARCH_MAX_CHARS];
	enum status rc = STATUS_OK;
	size_t i, j, nl = 0;
	uint64_t g;

	for (i = 0; i + 1 < k && rc == STATUS_OK; i++) {
		g = STORE_GRAM(cp[i], cp[i + 1]);
		for (j = 0; j < nl && lists[j].gram != g; j++)
			continue;
		if (j == nl) {
			memset(&lists[nl], 0, sizeof lists[nl]);
			lists[nl].gram = g;
			rc = store_postings(txn, g, g, docsearch_list_each,
			    &lists[nl++]);
		}
		pair[i] = &lists[j];
	}
	for (i = 0; rc == STATUS_OK && i < pair[0]->n; i++)
		if (docsearch_entry(pair, k - 1, i))
			docsearch_hit(h, pair[0]->id[i], pair[0]->cls[i]);
	for (j = 0; j < nl; j++)
		docsearch_list_free(&lists[j]);
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
docsearch_scan_each(const void *rec, void *arg)
{
	const struct rec_doc *d = rec;
	struct docsearch *ds = arg;

	if (docsearch_matches(d, ds->text))
		docsearch_hit(&ds->hits, d->id, d->classification);
	return 0;
}

/* The page: the hits the reader may see, newest first, OFFSET skipped,
 * LIMIT read (0: all); TOTAL counts them all. */
static enum status
docsearch_page(struct store_txn *txn, struct docsearch *ds,
    uint8_t clearance)
{
	struct rec_doc d;
	enum status rc = STATUS_OK;
	size_t i, given = 0;
	int stop = 0;

	for (i = ds->hits.n; i > 0; i--) {
		if (ds->hits.cls[i - 1] > clearance)
			continue;
		if (ds->total++ < ds->offset || stop ||
		    (ds->limit != 0 && given == ds->limit))
			continue;
		rc = store_get(txn, REC_DOC, ds->hits.id[i - 1], &d);
		if (rc == STATUS_OK) {
			stop = ds->fn(&d, ds->arg) != 0;
			given++;
		}
		rec_free(REC_DOC, &d);
		if (rc != STATUS_OK)
			return rc;
	}
	return STATUS_OK;
}

static enum status
docsearch_fn(struct store_txn *txn, struct wfop *op)
{
	struct docsearch *ds = op->arg;
	uint32_t cp[DOCSEARCH_MAX_CHARS];
	enum status rc;
	size_t k;

	ds->hits.n = 0;		/* a re-run starts again */
	ds->total = 0;
	k = docsearch_chars(ds->text, cp);
	if (k == 1)
		rc = docsearch_one(txn, cp[0], &ds->hits);
	else if (k > 1)
		rc = docsearch_pairs(txn, cp, k, &ds->hits);
	else
		rc = store_scan_all(txn, REC_DOC, docsearch_scan_each, ds);
	if (rc != STATUS_OK)
		return rc;
	return docsearch_page(txn, ds, op->actor.clearance);
}

enum status
docview_search(struct store *st, struct session *s, const char *text,
    const struct docview_page *page, docview_fn fn, void *arg,
    size_t *total)
{
	struct docsearch ds;
	struct wfop op;
	enum status rc;

	if (total != NULL)
		*total = 0;
	if (text == NULL || fn == NULL)
		return STATUS_INVALID;
	memset(&ds, 0, sizeof ds);
	ds.text = text;
	ds.offset = page != NULL ? page->offset : 0;
	ds.limit = page != NULL ? page->limit : 0;
	ds.fn = fn;
	ds.arg = arg;
	memset(&op, 0, sizeof op);
	op.s = s;
	op.act = ACT_DOC_READ;
	op.fn = docsearch_fn;
	op.arg = &ds;
	rc = wfop_read(st, &op);
	if (rc == STATUS_OK && total != NULL)
		*total = ds.total;
	free(ds.hits.id);
	free(ds.hits.cls);
	return rc;
}
