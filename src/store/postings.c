/*
 * postings.c -- the search index of titles and numbers (IDX_DOC_GRAM,
 * doc-grams.db) as posting lists: for each gram, the documents holding
 * it, packed a few hundred bytes to a Berkeley DB item.
 *
 * Key: the gram (8 bytes big-endian), then the chunk's bound (8 bytes
 * big-endian): a chunk holds the gram's ids above the previous chunk's
 * bound up to its own, so the chunk of an id is the first key at or
 * after (gram, id).  The newest documents have the greatest ids, so new
 * entries go to the gram's open chunk, bound POSTINGS_OPEN; when it
 * passes postings_max bytes it is closed under its last id and the next
 * entry opens another.  An edit of an older document rewrites the chunk
 * holding its id, which is split in two when it grew too long.  Items
 * stay well below the 4 KiB page's overflow size (about a quarter page).
 *
 * Data: the chunk's entries in ascending id order, each the id's
 * distance from the one before as a varint (the first from 0, so each
 * chunk stands alone), a varint of the position count times 8 plus the
 * classification, then the positions, the first as a varint and each
 * next as its distance from the one before.  About 4 bytes an entry.
 *
 * Storage only: the core decides what a reader may see and how a text
 * is matched (core/docsearch.c); this file writes what grams.c gives.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "store/store_test.h"

#define POSTINGS_OPEN	UINT64_MAX
#define POSTINGS_CHUNK	400	/* bytes: a chunk is closed past this */
#define POSTINGS_CLASS_MAX	7

static size_t postings_max = POSTINGS_CHUNK;

void
store_test_postings_max(size_t bytes)
{
	postings_max = bytes != 0 ? bytes : POSTINGS_CHUNK;
}

static int
postings_varint(struct postings_cursor *c, uint64_t *v)
{
	unsigned shift = 0;

	*v = 0;
	while (c->p < c->end && shift < 64) {
		*v |= (uint64_t) (*c->p & 0x7f) << shift;
		if ((*c->p++ & 0x80) == 0)
			return 1;
		shift += 7;
	}
	return 0;
}

int
postings_next(struct postings_cursor *c, struct postings_entry *e)
{
	uint64_t d, h, v;
	uint32_t i;

	if (c->p == c->end)
		return 0;
	if (!postings_varint(c, &d) || !postings_varint(c, &h) ||
	    (d == 0 && c->prev != 0) || d > UINT64_MAX - c->prev ||
	    h >> 3 > (uint64_t) (c->end - c->p))
		return -1;
	e->p.id = c->prev += d;
	e->p.classification = (uint8_t) (h & 7);
	e->p.npos = (uint32_t) (h >> 3);
	if (e->p.npos > e->cap) {
		e->cap = e->p.npos;
		e->pos = xrealloc(e->pos, e->cap * sizeof *e->pos);
	}
	for (i = 0, v = 0; i < e->p.npos; i++) {
		if (!postings_varint(c, &d) || (i > 0 && d == 0) ||
		    v + d > UINT32_MAX)
			return -1;
		e->pos[i] = (uint32_t) (v += d);
	}
	e->p.pos = e->pos;
	return 1;
}

/* The last id of chunk DATA (N bytes): 0 when it is empty or malformed. */
uint64_t
postings_last_id(const unsigned char *data, size_t n)
{
	struct postings_cursor c = { data, data + n, 0 };
	struct postings_entry e = { { 0, 0, 0, 0, NULL }, NULL, 0 };
	uint64_t last = 0;
	int r;

	while ((r = postings_next(&c, &e)) == 1)
		last = e.p.id;
	free(e.pos);
	return r == 0 ? last : 0;
}

size_t
postings_chunk_max(void)
{
	return postings_max;
}

void
postings_encode(struct buf *out, uint64_t *prev, uint64_t id,
    uint8_t cls, uint32_t npos, const uint32_t *pos)
{
	uint32_t i, v = 0;

	buf_add_varint(out, id - *prev);
	*prev = id;
	if (cls > POSTINGS_CLASS_MAX)
		cls = POSTINGS_CLASS_MAX;
	buf_add_varint(out, (uint64_t) npos << 3 | cls);
	for (i = 0; i < npos; i++) {
		buf_add_varint(out, pos[i] - v);
		v = pos[i];
	}
}

static void
postings_add_entry(struct buf *out, uint64_t *prev, uint64_t id,
    uint8_t cls, const struct grams_entry *g, struct postings_entry *tmp)
{
	uint32_t i;

	if (g->npos > tmp->cap) {
		tmp->cap = g->npos;
		tmp->pos = xrealloc(tmp->pos, tmp->cap * sizeof *tmp->pos);
	}
	for (i = 0; i < g->npos; i++)
		tmp->pos[i] = grams_pos(g, i);
	postings_encode(out, prev, id, cls, g->npos, tmp->pos);
}

/* K, in KB, the key of GRAM's chunk bound BOUND. */
static void
postings_key(DBT *k, unsigned char kb[16], uint64_t gram, uint64_t bound)
{
	buf_put_be64(kb, gram);
	buf_put_be64(kb + 8, bound);
	store_dbt_init(k);
	k->data = kb;
	k->size = 16;
}

/* Write DATA as GRAM's chunk bound BOUND; DATA NULL removes it. */
enum status
postings_put(struct store_txn *t, DB *db, uint64_t gram, uint64_t bound,
    const struct buf *data)
{
	unsigned char kb[16];
	DBT k, d;
	int ret;

	postings_key(&k, kb, gram, bound);
	store_dbt_init(&d);
	if (data == NULL) {
		ret = db->del(db, t->txn, &k, 0);
		return ret == 0 || ret == DB_NOTFOUND ? STATUS_OK :
		    txn_fail(t, ret, "updating the search index");
	}
	d.data = data->data;
	d.size = (u_int32_t) data->len;
	ret = db->put(db, t->txn, &k, &d, 0);
	return ret == 0 ? STATUS_OK :
	    txn_fail(t, ret, "updating the search index");
}

/* The chunk of GRAM that holds (or would hold) ID into DATA, its bound
 * into *BOUND: 0 when the gram has none that could. */
static enum status
postings_chunk(struct store_txn *t, DB *db, uint64_t gram, uint64_t id,
    struct buf *data, uint64_t *bound, int *found)
{
	unsigned char kb[16];
	DBT k, d;
	DBC *c;
	int ret;

	*found = 0;
	postings_key(&k, kb, gram, id);
	store_dbt_init(&d);
	if ((ret = db->cursor(db, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "reading the search index");
	ret = c->get(c, &k, &d, DB_SET_RANGE |
	    (t->mode == STORE_WRITE ? DB_RMW : 0));
	if (ret == 0 && k.size == 16 && buf_read_be64(k.data) == gram) {
		*found = 1;
		*bound = buf_read_be64((unsigned char *) k.data + 8);
		buf_reset(data);
		buf_add(data, d.data, d.size);
	}
	c->close(c);
	if (ret != 0 && ret != DB_NOTFOUND)
		return txn_fail(t, ret, "reading the search index");
	return STATUS_OK;
}

/* Split OUT (too long, closed under BOUND) in two halves. */
static enum status
postings_split(struct store_txn *t, DB *db, uint64_t gram, uint64_t bound,
    const struct buf *out)
{
	struct postings_cursor c = { out->data, out->data + out->len, 0 };
	struct postings_entry e;
	struct buf a, b;
	uint64_t pa = 0, pb = 0, last = 0;
	enum status rc = STATUS_OK;

	memset(&e, 0, sizeof e);
	buf_init(&a);
	buf_init(&b);
	while (postings_next(&c, &e) == 1) {
		if (a.len < out->len / 2 || a.len == 0) {
			postings_encode(&a, &pa, e.p.id, e.p.classification,
			    e.p.npos, e.p.pos);
			last = e.p.id;
		} else
			postings_encode(&b, &pb, e.p.id, e.p.classification,
			    e.p.npos, e.p.pos);
	}
	rc = postings_put(t, db, gram, last, &a);
	if (rc == STATUS_OK)
		rc = postings_put(t, db, gram, bound, b.len > 0 ? &b : NULL);
	buf_free(&a);
	buf_free(&b);
	free(e.pos);
	return rc;
}

/* Write the rewritten chunk OUT of GRAM, bound BOUND, whose last id is
 * LAST: removed when empty, closed or split when too long. */
static enum status
postings_store(struct store_txn *t, DB *db, uint64_t gram, uint64_t bound,
    const struct buf *out, uint64_t last)
{
	enum status rc;

	if (out->len == 0)
		return postings_put(t, db, gram, bound, NULL);
	if (out->len <= postings_max)
		return postings_put(t, db, gram, bound, out);
	if (bound != POSTINGS_OPEN)
		return postings_split(t, db, gram, bound, out);
	rc = postings_put(t, db, gram, last, out);
	return rc == STATUS_OK ? postings_put(t, db, gram, bound, NULL) : rc;
}

/* Rewrite GRAM's chunk of ID with ID's entry G (NULL: without it). */
static enum status
postings_edit(struct store_txn *t, DB *db, uint64_t gram, uint64_t id,
    uint8_t cls, const struct grams_entry *g)
{
	struct postings_cursor c;
	struct postings_entry e, tmp;
	struct buf old, out;
	uint64_t bound = POSTINGS_OPEN, prev = 0, last = 0;
	enum status rc;
	int found, r = 0, done = g == NULL;

	memset(&e, 0, sizeof e);
	memset(&tmp, 0, sizeof tmp);
	buf_init(&old);
	buf_init(&out);
	rc = postings_chunk(t, db, gram, id, &old, &bound, &found);
	if (rc != STATUS_OK || (!found && g == NULL))
		goto out;
	c.p = old.data;
	c.end = old.data + old.len;
	c.prev = 0;
	while (found && (r = postings_next(&c, &e)) == 1) {
		if (!done && e.p.id >= id) {
			postings_add_entry(&out, &prev, id, cls, g, &tmp);
			last = id;
			done = 1;
		}
		if (e.p.id == id)
			continue;
		postings_encode(&out, &prev, e.p.id, e.p.classification,
		    e.p.npos, e.p.pos);
		last = e.p.id;
	}
	if (r < 0) {
		log_error("store: a malformed chunk in the search index");
		rc = STATUS_CORRUPT;
		goto out;
	}
	if (!done) {
		postings_add_entry(&out, &prev, id, cls, g, &tmp);
		last = id;
	}
	rc = postings_store(t, db, gram, bound, &out, last);
out:
	buf_free(&old);
	buf_free(&out);
	free(e.pos);
	free(tmp.pos);
	return rc;
}

/* Does G hold the same positions in both values? */
static int
postings_same(const struct grams_entry *a, const struct grams_entry *b)
{
	return a->npos == b->npos && memcmp(a->pos, b->pos,
	    (size_t) a->npos * 4) == 0;
}

enum status
postings_apply(struct store_txn *t, DB *db, uint64_t id,
    const struct buf *old, const struct buf *new_)
{
	static const struct buf none = { NULL, 0, 0 };
	const struct buf *o = old != NULL ? old : &none;
	const struct buf *n = new_ != NULL ? new_ : &none;
	struct grams_entry a, b;
	size_t oo = 0, no = 0;
	int ha = grams_next(o, &oo, &a), hb = grams_next(n, &no, &b);
	int reclass = grams_class(o) != grams_class(n);
	enum status rc = STATUS_OK;

	while (rc == STATUS_OK && (ha || hb)) {
		if (ha && (!hb || a.gram < b.gram)) {
			rc = postings_edit(t, db, a.gram, id, 0, NULL);
			ha = grams_next(o, &oo, &a);
		} else if (hb && (!ha || b.gram < a.gram)) {
			rc = postings_edit(t, db, b.gram, id, grams_class(n),
			    &b);
			hb = grams_next(n, &no, &b);
		} else {
			if (reclass || !postings_same(&a, &b))
				rc = postings_edit(t, db, b.gram, id,
				    grams_class(n), &b);
			ha = grams_next(o, &oo, &a);
			hb = grams_next(n, &no, &b);
		}
	}
	return rc;
}

enum status
store_test_put_chunk(struct store_txn *txn, uint64_t gram, uint64_t bound,
    const void *data, size_t n)
{
	DB *db = txn->st->index_db[IDX_DOC_GRAM];
	struct buf b;
	enum status rc;

	if ((rc = txn_writable(txn)) != STATUS_OK)
		return rc;
	if (db == NULL)
		return STATUS_CORRUPT;
	b.data = (unsigned char *) data;
	b.len = b.cap = n;
	return postings_put(txn, db, gram, bound, &b);
}

/* -- Reading --------------------------------------------------------------- */

/* Every entry of one chunk (KEY, DATA) through FN; *STOP when it said so. */
static enum status
postings_chunk_each(const DBT *key, const DBT *data, uint64_t id_lo,
    uint64_t id_hi, store_posting_fn fn, void *arg, int *stop)
{
	struct postings_cursor c = { data->data,
	    (const unsigned char *) data->data + data->size, 0 };
	struct postings_entry e;
	int r;

	memset(&e, 0, sizeof e);
	e.p.gram = buf_read_be64(key->data);
	while (!*stop && (r = postings_next(&c, &e)) == 1)
		if (e.p.id >= id_lo && e.p.id <= id_hi)
			*stop = fn(&e.p, arg);
	free(e.pos);
	if (r < 0) {
		log_error("store: a malformed chunk in the search index");
		return STATUS_CORRUPT;
	}
	return STATUS_OK;
}

enum status
postings_scan(struct store_txn *t, DB *db, uint64_t lo, uint64_t hi,
    uint64_t id_lo, uint64_t id_hi, store_posting_fn fn, void *arg)
{
	unsigned char kb[16];
	enum status rc = STATUS_OK;
	DBT k, d;
	DBC *c;
	int ret, stop = 0;

	if (lo > hi || id_lo > id_hi)
		return STATUS_OK;
	postings_key(&k, kb, lo, id_lo);
	store_dbt_init(&d);
	if ((ret = db->cursor(db, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "reading the search index");
	ret = c->get(c, &k, &d, DB_SET_RANGE);
	while (ret == 0 && rc == STATUS_OK && !stop) {
		if (k.size != 16) {
			rc = STATUS_CORRUPT;
			break;
		}
		if (buf_read_be64(k.data) > hi)
			break;
		rc = postings_chunk_each(&k, &d, id_lo, id_hi, fn, arg, &stop);
		ret = c->get(c, &k, &d, DB_NEXT);
	}
	c->close(c);
	if (ret != 0 && ret != DB_NOTFOUND)
		return txn_fail(t, ret, "reading the search index");
	return rc;
}

enum status
store_postings(struct store_txn *txn, uint64_t lo, uint64_t hi,
    store_posting_fn fn, void *arg)
{
	DB *db = txn->st->index_db[IDX_DOC_GRAM];

	if (fn == NULL)
		return STATUS_INVALID;
	if (db == NULL)
		return STATUS_CORRUPT;
	return postings_scan(txn, db, lo, hi, 0, UINT64_MAX, fn, arg);
}

/* Every chunk, checking the order of ids within and across chunks. */
static void
postings_walk_chunk(const DBT *k, const DBT *d, uint64_t *prev_gram,
    uint64_t *prev_bound, postings_item_fn fn, void *arg)
{
	struct postings_cursor c = { d->data,
	    (const unsigned char *) d->data + d->size, 0 };
	struct postings_item it;
	struct postings_entry e;
	uint64_t floor;
	int r;

	memset(&e, 0, sizeof e);
	it.gram = buf_read_be64(k->data);
	it.bound = buf_read_be64((unsigned char *) k->data + 8);
	floor = it.gram == *prev_gram ? *prev_bound : 0;
	while ((r = postings_next(&c, &e)) == 1) {
		e.p.gram = it.gram;
		it.p = &e.p;
		it.misplaced = e.p.id <= floor || e.p.id > it.bound;
		fn(&it, arg);
	}
	if (r < 0 || d->size == 0) {
		it.p = NULL;
		it.misplaced = 0;
		fn(&it, arg);
	}
	free(e.pos);
	*prev_gram = it.gram;
	*prev_bound = it.bound;
}

enum status
postings_walk(struct store_txn *t, DB *db, postings_item_fn fn, void *arg)
{
	uint64_t prev_gram = 0, prev_bound = 0;
	struct postings_item bad = { 0, 0, NULL, 0 };
	DBT k, d;
	DBC *c;
	int ret;

	store_dbt_init(&k);
	store_dbt_init(&d);
	if ((ret = db->cursor(db, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "reading the search index");
	while ((ret = c->get(c, &k, &d, DB_NEXT)) == 0) {
		if (k.size != 16)
			fn(&bad, arg);
		else
			postings_walk_chunk(&k, &d, &prev_gram, &prev_bound,
			    fn, arg);
	}
	c->close(c);
	return ret == DB_NOTFOUND ? STATUS_OK :
	    txn_fail(t, ret, "reading the search index");
}
