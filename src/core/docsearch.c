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
 *
 * A text of pairs is a join of their lists, walked down from the newest
 * id: the rarest list proposes an id, each other list is asked for its
 * greatest id at or below it, and a list that has none there moves the
 * proposal down to what it has (store_plist_seek).  So the first page
 * reads a few chunks of each list, and the total reads the rarest list
 * and the others only where it points, however common they are.  One
 * character's lists (one for each character after it) are merged
 * newest first, each document once, without collecting and sorting.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/docnum.h"
#include "core/docview.h"
#include "core/wfop.h"

#define DOCSEARCH_MAX_CHARS	64	/* a longer text: the scan */

/* The documents the scan found, ascending, with their classification. */
struct docsearch_hits {
	uint64_t	*id;
	uint8_t		*cls;
	size_t		 n;
	size_t		 cap;
};

struct docsearch {
	const char		*text;
	size_t			 offset;
	size_t			 limit;
	size_t			 total;
	size_t			 given;		/* documents passed to FN */
	int			 stop;		/* FN asked to stop */
	uint8_t			 clearance;	/* the reader's */
	docview_fn		 fn;
	void			*arg;
	struct docsearch_hits	 hits;
};

/* The text's distinct pairs, each list read by seeking. */
struct docsearch_join {
	struct store_plist	*list[DOCSEARCH_MAX_CHARS];
	struct store_posting	 at[DOCSEARCH_MAX_CHARS];	/* its entry */
	size_t			 order[DOCSEARCH_MAX_CHARS];	/* rarest 1st */
	size_t			 pair[DOCSEARCH_MAX_CHARS];	/* i's list */
	size_t			 nl;
	size_t			 np;
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

/* A hit, newest first: counted when the reader may see it, read and
 * given to FN when it falls on the page (OFFSET skipped, LIMIT given,
 * 0: all). */
static enum status
docsearch_emit(struct store_txn *txn, struct docsearch *ds, uint64_t id,
    uint8_t cls)
{
	struct rec_doc d;
	enum status rc;

	if (cls > ds->clearance)
		return STATUS_OK;
	if (ds->total++ < ds->offset || ds->stop ||
	    (ds->limit != 0 && ds->given == ds->limit))
		return STATUS_OK;
	rc = store_get(txn, REC_DOC, id, &d);
	if (rc == STATUS_OK) {
		ds->stop = ds->fn(&d, ds->arg) != 0;
		ds->given++;
	}
	rec_free(REC_DOC, &d);
	return rc;
}

/* Does entry P stand at position V? */
static int
docsearch_at(const struct store_posting *p, uint32_t v)
{
	size_t lo = 0, hi = p->npos, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (p->pos[mid] == v)
			return 1;
		if (p->pos[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Every list holds the same id: do the text's pairs stand one after
 * another from one of the first pair's positions? */
static int
docsearch_stands(const struct docsearch_join *j)
{
	const struct store_posting *first = &j->at[j->pair[0]];
	size_t i, k;
	uint32_t v;

	for (k = 0; k < first->npos; k++) {
		v = first->pos[k];
		for (i = 1; i < j->np; i++)
			if (!docsearch_at(&j->at[j->pair[i]],
			    v + 2 * (uint32_t) i))
				break;
		if (i == j->np)
			return 1;
	}
	return 0;
}

/* Open each distinct pair of the K characters CP once, rarest first. */
static enum status
docsearch_join_open(struct store_txn *txn, const uint32_t *cp, size_t k,
    struct docsearch_join *j)
{
	enum status rc = STATUS_OK;
	struct store_plist *g;
	size_t i, n, o;

	for (i = 0; i + 1 < k && rc == STATUS_OK; i++) {
		for (n = 0; n < j->nl && j->at[n].gram !=
		    STORE_GRAM(cp[i], cp[i + 1]); n++)
			continue;
		if (n == j->nl) {
			j->at[n].gram = STORE_GRAM(cp[i], cp[i + 1]);
			rc = store_plist_open(txn, j->at[n].gram,
			    &j->list[n]);
			if (rc != STATUS_OK)
				break;
			j->nl++;
		}
		j->pair[j->np++] = n;
	}
	for (n = 0; n < j->nl; n++) {
		g = j->list[n];
		for (o = n; o > 0 && store_plist_share(j->list[j->order[o - 1]])
		    > store_plist_share(g); o--)
			j->order[o] = j->order[o - 1];
		j->order[o] = n;
	}
	return rc;
}

/* The ids every list holds, newest first, each where the text stands
 * to FN's page.  An id a list lacks moves the proposal down to the
 * greatest it has below, so no list is read past what is asked. */
static enum status
docsearch_join_walk(struct store_txn *txn, struct docsearch *ds,
    struct docsearch_join *j)
{
	struct store_posting *lead = &j->at[j->order[0]];
	uint64_t x = UINT64_MAX;
	enum status rc;
	size_t i, o;

	for (;;) {
		if ((rc = store_plist_seek(j->list[j->order[0]], x, lead)) !=
		    STATUS_OK)
			break;
		for (i = 1; i < j->nl; i++) {
			o = j->order[i];
			rc = store_plist_seek(j->list[o], lead->id, &j->at[o]);
			if (rc != STATUS_OK || j->at[o].id != lead->id)
				break;
		}
		if (rc != STATUS_OK)
			break;
		if (i < j->nl) {
			x = j->at[j->order[i]].id;
			continue;
		}
		if (docsearch_stands(j) && (rc = docsearch_emit(txn, ds,
		    lead->id, lead->classification)) != STATUS_OK)
			return rc;
		if (lead->id == 0)
			break;
		x = lead->id - 1;
	}
	return rc == STATUS_NOT_FOUND ? STATUS_OK : rc;
}

/* The K characters CP (K >= 2): the join of their pairs' lists. */
static enum status
docsearch_pairs(struct store_txn *txn, const uint32_t *cp, size_t k,
    struct docsearch *ds)
{
	struct docsearch_join j;
	enum status rc;
	size_t i;

	memset(&j, 0, sizeof j);
	rc = docsearch_join_open(txn, cp, k, &j);
	if (rc == STATUS_OK)
		rc = docsearch_join_walk(txn, ds, &j);
	for (i = 0; i < j.nl; i++)
		store_plist_close(j.list[i]);
	return rc;
}

/* One character: the lists of every gram it starts, merged newest
 * first with the greatest id on top of a heap of lists. */
struct docsearch_union {
	struct store_plist	**list;
	struct store_posting	 *at;		/* each list's entry */
	size_t			 *heap;		/* of lists */
	size_t			  n;
	size_t			  nh;
	size_t			  cap;
};

static int
docsearch_above(const struct docsearch_union *u, size_t a, size_t b)
{
	return u->at[u->heap[a]].id > u->at[u->heap[b]].id;
}

static void
docsearch_swap(struct docsearch_union *u, size_t a, size_t b)
{
	size_t t = u->heap[a];

	u->heap[a] = u->heap[b];
	u->heap[b] = t;
}

/* The heap's entry I moved down to its place. */
static void
docsearch_sift(struct docsearch_union *u, size_t i)
{
	size_t top, c;

	for (;;) {
		top = i;
		for (c = 2 * i + 1; c <= 2 * i + 2 && c < u->nh; c++)
			if (docsearch_above(u, c, top))
				top = c;
		if (top == i)
			return;
		docsearch_swap(u, i, top);
		i = top;
	}
}

/* Open the list of GRAM and put its newest entry on the heap. */
static enum status
docsearch_union_add(struct store_txn *txn, struct docsearch_union *u,
    uint64_t gram)
{
	enum status rc;
	size_t i;

	if (u->n == u->cap) {
		u->cap = u->cap != 0 ? u->cap * 2 : 16;
		u->list = xrealloc(u->list, u->cap * sizeof *u->list);
		u->at = xrealloc(u->at, u->cap * sizeof *u->at);
		u->heap = xrealloc(u->heap, u->cap * sizeof *u->heap);
	}
	if ((rc = store_plist_open(txn, gram, &u->list[u->n])) != STATUS_OK)
		return rc;
	rc = store_plist_seek(u->list[u->n], UINT64_MAX, &u->at[u->n]);
	if (rc == STATUS_OK) {
		i = u->nh;
		u->heap[u->nh++] = u->n;
		for (; i > 0 && docsearch_above(u, i, (i - 1) / 2);
		    i = (i - 1) / 2)
			docsearch_swap(u, i, (i - 1) / 2);
	}
	u->n++;
	return rc == STATUS_NOT_FOUND ? STATUS_OK : rc;
}

/* Each document once, newest first: the top's id, then every list
 * holding it moved below it. */
static enum status
docsearch_union_walk(struct store_txn *txn, struct docsearch *ds,
    struct docsearch_union *u)
{
	enum status rc = STATUS_OK;
	struct store_posting *top;
	uint64_t id;

	while (rc == STATUS_OK && u->nh > 0) {
		top = &u->at[u->heap[0]];
		id = top->id;
		rc = docsearch_emit(txn, ds, id, top->classification);
		while (rc == STATUS_OK && u->nh > 0 &&
		    u->at[u->heap[0]].id == id) {
			rc = id == 0 ? STATUS_NOT_FOUND :
			    store_plist_seek(u->list[u->heap[0]], id - 1,
			    &u->at[u->heap[0]]);
			if (rc == STATUS_NOT_FOUND) {
				u->heap[0] = u->heap[--u->nh];
				rc = STATUS_OK;
			}
			docsearch_sift(u, 0);
		}
	}
	return rc;
}

/* One character C: the documents of every gram C starts, each once. */
static enum status
docsearch_one(struct store_txn *txn, uint32_t c, struct docsearch *ds)
{
	struct docsearch_union u;
	uint64_t g = STORE_GRAM(c, 0);
	enum status rc;
	size_t i;

	memset(&u, 0, sizeof u);
	while ((rc = store_plist_next_gram(txn, &g, STORE_GRAM(c,
	    UINT32_MAX))) == STATUS_OK) {
		if ((rc = docsearch_union_add(txn, &u, g)) != STATUS_OK)
			break;
		if (g++ == STORE_GRAM(c, UINT32_MAX))
			break;
	}
	if (rc == STATUS_OK || rc == STATUS_NOT_FOUND)
		rc = docsearch_union_walk(txn, ds, &u);
	for (i = 0; i < u.n; i++)
		store_plist_close(u.list[i]);
	free(u.list);
	free(u.at);
	free(u.heap);
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

/* The hits the scan collected, newest first. */
static enum status
docsearch_page(struct store_txn *txn, struct docsearch *ds)
{
	enum status rc = STATUS_OK;
	size_t i;

	for (i = ds->hits.n; i > 0 && rc == STATUS_OK; i--)
		rc = docsearch_emit(txn, ds, ds->hits.id[i - 1],
		    ds->hits.cls[i - 1]);
	return rc;
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
	ds->given = 0;
	ds->stop = 0;
	ds->clearance = op->actor.clearance;
	k = docsearch_chars(ds->text, cp);
	if (k > 1)
		return docsearch_pairs(txn, cp, k, ds);
	if (k == 1)
		return docsearch_one(txn, cp[0], ds);
	rc = store_scan_all(txn, REC_DOC, docsearch_scan_each, ds);
	if (rc != STATUS_OK)
		return rc;
	return docsearch_page(txn, ds);
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
