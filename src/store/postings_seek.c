/*
 * postings_seek.c -- reading one gram's posting list (postings.c) by
 * seeking: the entry with the greatest id at or below a given one, a
 * chunk at a time.  A search (core/docsearch.c) walks its rarest pair's
 * list down from the newest document and looks the other pairs up only
 * at the ids it finds there, so the first page reads a few chunks and
 * the total reads the rarest list, not every list of the text whole.
 *
 * Which list is the rarest is estimated from the B-tree itself
 * (DB->key_range: the share of the index's chunks between two keys, one
 * descent of the tree each), so nothing extra is stored or updated.
 *
 * It only reads the index; it knows nothing of who may see a document.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

struct store_plist {
	struct store_txn	*txn;
	DBC			*cur;
	uint64_t		 gram;
	double			 share;		/* of the index's chunks */
	int			 loaded;	/* a chunk is decoded below */
	uint64_t		 bound;		/* its key's bound */
	uint64_t		*id;		/* its entries, ascending */
	uint8_t			*cls;
	size_t			*first;		/* each one's first in POS */
	uint32_t		*npos;
	size_t			 n;
	size_t			 cap;
	size_t			 hint;		/* the last answer */
	uint32_t		*pos;
	size_t			 npos_all;
	size_t			 pos_cap;
	struct postings_entry	 e;		/* the decoder's scratch */
};

/* The share of DB's keys below (GRAM, 0). */
static double
plist_below(struct store_txn *t, DB *db, uint64_t gram)
{
	unsigned char kb[16];
	DB_KEY_RANGE r;
	DBT k;

	buf_put_be64(kb, gram);
	buf_put_be64(kb + 8, 0);
	store_dbt_init(&k);
	k.data = kb;
	k.size = sizeof kb;
	if (db->key_range(db, t->txn, &k, &r, 0) != 0)
		return 0;
	return r.less;
}

enum status
store_plist_open(struct store_txn *txn, uint64_t gram,
    struct store_plist **out)
{
	DB *db = txn->st->index_db[IDX_DOC_GRAM];
	struct store_plist *l;
	int ret;

	*out = NULL;
	if (db == NULL)
		return STATUS_CORRUPT;
	l = xcalloc(1, sizeof *l);
	if ((ret = db->cursor(db, txn->txn, &l->cur, 0)) != 0) {
		free(l);
		return txn_fail(txn, ret, "reading the search index");
	}
	l->txn = txn;
	l->gram = gram;
	l->share = gram == UINT64_MAX ? 0 :
	    plist_below(txn, db, gram + 1) - plist_below(txn, db, gram);
	*out = l;
	return STATUS_OK;
}

double
store_plist_share(const struct store_plist *l)
{
	return l->share > 0 ? l->share : 0;
}

void
store_plist_close(struct store_plist *l)
{
	if (l == NULL)
		return;
	l->cur->close(l->cur);
	free(l->id);
	free(l->cls);
	free(l->first);
	free(l->npos);
	free(l->pos);
	free(l->e.pos);
	free(l);
}

enum status
store_plist_next_gram(struct store_txn *txn, uint64_t *gram, uint64_t hi)
{
	DB *db = txn->st->index_db[IDX_DOC_GRAM];
	unsigned char kb[16];
	enum status rc = STATUS_NOT_FOUND;
	DBT k, d;
	DBC *c;
	int ret;

	if (db == NULL)
		return STATUS_CORRUPT;
	if ((ret = db->cursor(db, txn->txn, &c, 0)) != 0)
		return txn_fail(txn, ret, "reading the search index");
	buf_put_be64(kb, *gram);
	buf_put_be64(kb + 8, 0);
	store_dbt_init(&k);
	store_dbt_init(&d);
	k.data = kb;
	k.size = sizeof kb;
	d.flags |= DB_DBT_PARTIAL;	/* the key alone */
	ret = c->get(c, &k, &d, DB_SET_RANGE);
	if (ret == 0 && k.size == 16 && buf_read_be64(k.data) <= hi) {
		*gram = buf_read_be64(k.data);
		rc = STATUS_OK;
	} else if (ret != 0 && ret != DB_NOTFOUND)
		rc = txn_fail(txn, ret, "reading the search index");
	c->close(c);
	return rc;
}

/* Keep entry E of the chunk being decoded. */
static void
plist_keep(struct store_plist *l, const struct store_posting *e)
{
	if (l->n == l->cap) {
		l->cap = l->cap != 0 ? l->cap * 2 : 128;
		l->id = xrealloc(l->id, l->cap * sizeof *l->id);
		l->cls = xrealloc(l->cls, l->cap * sizeof *l->cls);
		l->first = xrealloc(l->first, l->cap * sizeof *l->first);
		l->npos = xrealloc(l->npos, l->cap * sizeof *l->npos);
	}
	while (l->npos_all + e->npos > l->pos_cap) {
		l->pos_cap = l->pos_cap != 0 ? l->pos_cap * 2 : 256;
		l->pos = xrealloc(l->pos, l->pos_cap * sizeof *l->pos);
	}
	l->id[l->n] = e->id;
	l->cls[l->n] = e->classification;
	l->first[l->n] = l->npos_all;
	l->npos[l->n++] = e->npos;
	if (e->npos > 0)	/* a damaged entry may have none */
		memcpy(l->pos + l->npos_all, e->pos, e->npos * sizeof *e->pos);
	l->npos_all += e->npos;
}

/* Decode the chunk (KEY, DATA) under the cursor. */
static enum status
plist_decode(struct store_plist *l, const DBT *key, const DBT *data)
{
	struct postings_cursor c = { data->data,
	    (const unsigned char *) data->data + data->size, 0 };
	int r;

	l->loaded = 0;
	l->n = 0;
	l->hint = 0;
	l->npos_all = 0;
	l->bound = buf_read_be64((const unsigned char *) key->data + 8);
	while ((r = postings_next(&c, &l->e)) == 1)
		plist_keep(l, &l->e.p);
	if (r < 0) {
		log_error("store: a malformed chunk in the search index");
		return STATUS_CORRUPT;
	}
	l->loaded = 1;
	return STATUS_OK;
}

/* The loaded chunk's entry with the greatest id at or below X into P:
 * 0 when every entry is above X.  A walk down a dense list asks for
 * the entry before the last answer, so that is tried first. */
static int
plist_answer(struct store_plist *l, uint64_t x, struct store_posting *p)
{
	size_t lo = 0, hi = l->n, mid, h = l->hint;

	if (h < l->n && l->id[h] <= x && (h + 1 == l->n || l->id[h + 1] > x))
		lo = h + 1;
	else if (h > 0 && h <= l->n && l->id[h - 1] <= x &&
	    (h == l->n || l->id[h] > x))
		lo = h;
	else
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (l->id[mid] <= x)
				lo = mid + 1;
			else
				hi = mid;
		}
	if (lo == 0)
		return 0;
	l->hint = --lo;
	p->gram = l->gram;
	p->id = l->id[lo];
	p->classification = l->cls[lo];
	p->npos = l->npos[lo];
	p->pos = l->pos + l->first[lo];
	return 1;
}

/*
 * From the cursor's place (RET its last result), back to the first
 * chunk of the gram holding an entry at or below X: decoded, the answer
 * in P.  Each chunk passed holds only ids above X, so in a sound index
 * this steps back once at most.
 */
static enum status
plist_back(struct store_plist *l, uint64_t x, struct store_posting *p,
    DBT *k, DBT *d, int ret)
{
	enum status rc;
	uint64_t g;

	l->loaded = 0;
	for (;;) {
		if (ret == DB_NOTFOUND)
			return STATUS_NOT_FOUND;
		if (ret != 0)
			return txn_fail(l->txn, ret,
			    "reading the search index");
		if (k->size != 16)
			return STATUS_CORRUPT;
		g = buf_read_be64(k->data);
		if (g < l->gram)
			return STATUS_NOT_FOUND;
		if (g == l->gram) {
			if ((rc = plist_decode(l, k, d)) != STATUS_OK)
				return rc;
			if (plist_answer(l, x, p))
				return STATUS_OK;
		}
		ret = l->cur->get(l->cur, k, d, DB_PREV);
	}
}

/* Find X's chunk from the tree's root: the first key at or after
 * (gram, X), or the one before when that holds only greater ids. */
static enum status
plist_load(struct store_plist *l, uint64_t x, struct store_posting *p)
{
	unsigned char kb[16];
	DBT k, d;
	int ret;

	buf_put_be64(kb, l->gram);
	buf_put_be64(kb + 8, x);
	store_dbt_init(&k);
	store_dbt_init(&d);
	k.data = kb;
	k.size = sizeof kb;
	ret = l->cur->get(l->cur, &k, &d, DB_SET_RANGE);
	if (ret == DB_NOTFOUND)
		ret = l->cur->get(l->cur, &k, &d, DB_LAST);
	return plist_back(l, x, p, &k, &d, ret);
}

enum status
store_plist_seek(struct store_plist *l, uint64_t x, struct store_posting *p)
{
	DBT k, d;
	int ret;

	if (!l->loaded || x > l->bound)
		return plist_load(l, x, p);
	if (l->n > 0 && x >= l->id[0] && plist_answer(l, x, p))
		return STATUS_OK;

	/* Below the chunk: the one before holds the next ids down, which
	 * a walk through dense lists wants; a jump past it goes by the
	 * root. */
	store_dbt_init(&k);
	store_dbt_init(&d);
	ret = l->cur->get(l->cur, &k, &d, DB_PREV);
	if (ret != 0 || k.size != 16 || buf_read_be64(k.data) != l->gram)
		return plist_back(l, x, p, &k, &d, ret);
	if (plist_decode(l, &k, &d) != STATUS_OK)
		return STATUS_CORRUPT;
	if (plist_answer(l, x, p))
		return STATUS_OK;
	return plist_load(l, x, p);
}
