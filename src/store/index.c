/*
 * index.c -- the secondary indexes: their keys, keeping them in step with
 * the records, and reading ranges of them (store_scan, store_count,
 * store_get_by_name).
 *
 * Each index is a btree file of its own (KIND-by-WHAT.db), maintained
 * here explicitly in the record's transaction rather than by
 * DB->associate: the unique indexes must refuse a duplicate with
 * STATUS_EXISTS before anything is written (associate's callback cannot
 * return our statuses, and would leave a half-done put to unwind), keys
 * are built from the C struct instead of decoding every record once more
 * inside the library, store_count walks keys without touching records,
 * and check can compare an index with its records entry by entry, or an
 * upgrade rebuild one, with nothing hidden in the library.
 *
 * Key format.  A unique string index (user name, seal registration
 * number, printer name, medium UUID, setting key) maps the string's UTF-8
 * bytes, without NUL, to the id (8 bytes big-endian); the empty string is
 * never indexed, and refused.  A numeric index has one entry per record:
 * the key is its fields in order, each big-endian in its own width (1, 2,
 * 4 or 8 bytes; a signed time as its 64-bit two's complement, so times
 * before 1970 would sort last), a "desc" field stored as its maximum
 * minus the value so that high values sort first, then the id; the data
 * is empty.  Byte order is then numeric order, and a range over leading
 * fields is one contiguous run of keys: no list reads a whole kind.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

#define INDEX_KEY_MAX	64

struct index_bounds {
	unsigned char	 lo[INDEX_KEY_MAX];
	unsigned char	 hi[INDEX_KEY_MAX];
	size_t		 len;		/* compared prefix; 0: the whole index */
	size_t		 keylen;	/* of every key (numeric indexes) */
	int		 empty;		/* nothing can match */
};

static size_t
index_width(enum field_type type)
{
	switch (type) {
	case FT_U8:
		return 1;
	case FT_U16:
		return 2;
	case FT_U32:
		return 4;
	default:
		return 8;
	}
}

static uint64_t
index_max(size_t width)
{
	return width >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * width)) - 1;
}

static void
index_put_be(unsigned char *p, uint64_t v, size_t width)
{
	size_t i;

	for (i = width; i > 0; i--) {
		p[i - 1] = (unsigned char) v;
		v >>= 8;
	}
}

static size_t
index_keylen(const struct index_def *d)
{
	size_t n = 8;
	unsigned i;

	for (i = 0; i < d->nparts; i++)
		n += index_width(d->parts[i].type);
	return n;
}

static const char *
index_string(const struct index_def *d, const void *rec)
{
	const char *s;

	memcpy(&s, (const unsigned char *) rec + d->parts[0].offset, sizeof s);
	return s == NULL ? "" : s;
}

void
index_key(const struct index_def *d, const void *rec, uint64_t id,
    struct buf *key)
{
	const struct index_part *p;
	unsigned char be[8];
	uint64_t v;
	unsigned i;
	size_t w;

	buf_reset(key);
	if (d->unique_str == INDEX_GRAMS) {
		grams_keys(rec, id, key);
		return;
	}
	if (d->unique_str) {
		buf_add(key, index_string(d, rec), strlen(index_string(d, rec)));
		return;
	}
	for (i = 0; i < d->nparts; i++) {
		p = &d->parts[i];
		w = index_width(p->type);
		v = codec_get_uint(rec, p->offset, p->type);
		index_put_be(be, p->desc ? index_max(w) - v : v, w);
		buf_add(key, be, w);
	}
	index_put_be(be, id, 8);
	buf_add(key, be, 8);
}

size_t
index_nkeys(const struct index_def *d, const struct buf *key)
{
	(void) d;
	(void) key;
	return 1;
}

void
index_key_nth(const struct index_def *d, const struct buf *key, size_t n,
    const unsigned char **p, size_t *len)
{
	(void) d;
	(void) n;
	*p = key->data;
	*len = key->len;
}

static DB *
index_db(struct store_txn *t, const struct index_def *d)
{
	DB *db = t->st->index_db[d->idx];

	if (db == NULL)
		log_error("store: the index %s is damaged", d->file);
	return db;
}

/* STATUS_EXISTS when KEY of unique index D belongs to a record other
 * than ID. */
static enum status
index_check_unique(struct store_txn *t, const struct index_def *d,
    DB *db, const struct buf *key, uint64_t id)
{
	DBT k, data;
	int ret;

	if (key->len == 0) {
		log_error("store: empty %s refused", d->file);
		return STATUS_INVALID;
	}
	store_dbt_init(&k);
	store_dbt_init(&data);
	k.data = key->data;
	k.size = (u_int32_t) key->len;
	ret = db->get(db, t->txn, &k, &data, DB_RMW);
	if (ret == DB_NOTFOUND)
		return STATUS_OK;
	if (ret != 0)
		return txn_fail(t, ret, "reading an index");
	if (data.size == 8 && buf_read_be64(data.data) == id)
		return STATUS_OK;
	return STATUS_EXISTS;
}

static enum status
index_apply(struct store_txn *t, const struct index_def *d, DB *db,
    const struct buf *oldkey, const struct buf *newkey, uint64_t id)
{
	unsigned char idbuf[8];
	DBT k, data;
	int ret;

	if (d->unique_str == INDEX_GRAMS)
		return postings_apply(t, db, id, oldkey, newkey);
	store_dbt_init(&k);
	store_dbt_init(&data);
	if (oldkey != NULL) {
		k.data = oldkey->data;
		k.size = (u_int32_t) oldkey->len;
		ret = db->del(db, t->txn, &k, 0);
		if (ret == DB_NOTFOUND)
			log_warn("store: %s had no entry for record %llu",
			    d->file, (unsigned long long) id);
		else if (ret != 0)
			return txn_fail(t, ret, "updating an index");
	}
	if (newkey == NULL)
		return STATUS_OK;
	k.data = newkey->data;
	k.size = (u_int32_t) newkey->len;
	if (d->unique_str) {
		buf_put_be64(idbuf, id);
		data.data = idbuf;
		data.size = 8;
	}
	ret = db->put(db, t->txn, &k, &data, 0);
	return ret == 0 ? STATUS_OK : txn_fail(t, ret, "updating an index");
}

/* The keys of REC (or none) in each index of its kind. */
static void
index_keys_of(const struct rec_type *type, uint64_t id, const void *rec,
    struct buf keys[IDX__COUNT])
{
	const struct index_def *d;
	unsigned i;

	for (i = 0; i < IDX__COUNT; i++) {
		buf_init(&keys[i]);
		d = index_def_of((enum store_index) i);
		if (rec != NULL && d->kind == type->kind)
			index_key(d, rec, id, &keys[i]);
	}
}

static int
index_changed(const void *old, const void *new_, const struct buf *a,
    const struct buf *b)
{
	if (old == NULL || new_ == NULL || a->len != b->len)
		return 1;
	return a->len > 0 && memcmp(a->data, b->data, a->len) != 0;
}

/*
 * Two passes over the kind's indexes: first every uniqueness check, so
 * that a refused record changes nothing, then the changes.  An entry
 * whose key did not change is left alone.
 */
enum status
index_update(struct store_txn *t, const struct rec_type *type, uint64_t id,
    const void *old, const void *new_)
{
	struct buf oldkey[IDX__COUNT], newkey[IDX__COUNT];
	const struct index_def *d;
	enum status rc = STATUS_OK;
	unsigned i, pass;
	DB *db;

	index_keys_of(type, id, old, oldkey);
	index_keys_of(type, id, new_, newkey);
	for (pass = 0; pass < 2 && rc == STATUS_OK; pass++) {
		for (i = 0; i < IDX__COUNT && rc == STATUS_OK; i++) {
			d = index_def_of((enum store_index) i);
			if (d->kind != type->kind)
				continue;
			if ((db = index_db(t, d)) == NULL)
				rc = STATUS_CORRUPT;
			else if (pass == 0 && new_ != NULL &&
			    d->unique_str == INDEX_UNIQUE)
				rc = index_check_unique(t, d, db, &newkey[i],
				    id);
			else if (pass == 1 && index_changed(old, new_,
			    &oldkey[i], &newkey[i]))
				rc = index_apply(t, d, db, old ? &oldkey[i] : NULL,
				    new_ ? &newkey[i] : NULL, id);
			if (rc == STATUS_OK && pass == 1 && counts_counted(d))
				rc = counts_update(t, d, old, new_);
		}
	}
	for (i = 0; i < IDX__COUNT; i++) {
		buf_free(&oldkey[i]);
		buf_free(&newkey[i]);
	}
	return rc;
}

/* Put the entry of record (KEY, DATA) of D's kind into index DB. */
static enum status
index_refill_one(struct store_txn *t, const struct index_def *d, DB *db,
    const DBT *key, const DBT *data)
{
	const struct rec_type *type = rec_type_of(d->kind);
	union rec_any rec;
	struct buf k;
	uint64_t id;
	enum status rc;

	if (key->size != 8 ||
	    codec_decode(type, data->data, data->size, &rec) != STATUS_OK)
		return STATUS_CORRUPT;
	id = buf_read_be64(key->data);
	buf_init(&k);
	index_key(d, &rec, id, &k);
	rc = d->unique_str == INDEX_UNIQUE ? index_check_unique(t, d, db, &k,
	    id) : STATUS_OK;
	if (rc == STATUS_OK)
		rc = index_apply(t, d, db, NULL, &k, id);
	buf_free(&k);
	codec_free(type, &rec);
	return rc;
}

/* The cursor on the first record after POS (0: on the first). */
int
index_seek_after(DBC *c, uint64_t pos, DBT *key, DBT *data)
{
	unsigned char k[8];

	if (pos == 0)
		return c->get(c, key, data, DB_FIRST);
	if (pos == UINT64_MAX)
		return DB_NOTFOUND;
	store_id_key(key, k, pos + 1);
	return c->get(c, key, data, DB_SET_RANGE);
}

/*
 * Fill index IDX again from its kind's records: what an upgrade step
 * calls for an index that a new schema adds (store_put alone would not,
 * since a record's key in it seems unchanged) or changes.  At most MAX
 * records, from the one after *POS (the last id done; 0 empties the
 * index first, which locks each of its pages: it is new or small), and
 * fewer when half the lock table is taken, so that an upgrade in parts
 * (schema.c) keeps what one transaction locks bounded: every page it
 * changes stays locked to its commit.  *DONE is set after the last
 * record, once the index's counts are right again.
 */
enum status
index_rebuild_part(struct store_txn *t, enum store_index idx, uint64_t *pos,
    size_t max, int *done)
{
	const struct index_def *d = index_def_of(idx);
	enum status rc = STATUS_OK;
	DBT key, data;
	u_int32_t n;
	size_t seen = 0;
	DBC *c;
	DB *db, *kdb;
	int ret;

	*done = 0;
	if (d == NULL || (rc = txn_writable(t)) != STATUS_OK ||
	    (rc = txn_kind_db(t, d->kind, &kdb)) != STATUS_OK)
		return rc == STATUS_OK ? STATUS_INVALID : rc;
	if ((db = index_db(t, d)) == NULL)
		return STATUS_CORRUPT;
	if (d->unique_str == INDEX_GRAMS)
		return postings_rebuild_part(t, db, kdb, pos, max, done);
	if ((*pos == 0 && (ret = db->truncate(db, t->txn, &n, 0)) != 0) ||
	    (ret = kdb->cursor(kdb, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "rebuilding an index");

	store_dbt_init(&key);
	store_dbt_init(&data);
	ret = index_seek_after(c, *pos, &key, &data);
	while (rc == STATUS_OK && ret == 0 && seen++ < max) {
		if ((rc = index_refill_one(t, d, db, &key, &data)) == STATUS_OK)
			*pos = buf_read_be64(key.data);
		ret = c->get(c, &key, &data, DB_NEXT);
		/* A record's entries may fall on as many pages as it has
		 * keys (a title's pairs do): the locks are the real bound. */
		if (seen % 8 == 0 && max != SIZE_MAX &&
		    env_locks_short(t->st, 0))
			break;
	}
	if (ret != 0 && ret != DB_NOTFOUND)
		rc = txn_fail(t, ret, "rebuilding an index");
	c->close(c);
	if (rc != STATUS_OK || ret != DB_NOTFOUND)
		return rc;

	log_info("store: rebuilt %s", d->file);
	*done = 1;
	return counts_counted(d) ? counts_rebuild(t, idx) : STATUS_OK;
}

/* The whole index in one transaction: for tests and small kinds. */
enum status
index_rebuild(struct store_txn *t, enum store_index idx)
{
	uint64_t pos = 0;
	int done;

	return index_rebuild_part(t, idx, &pos, SIZE_MAX, &done);
}

/* -- Reading ranges ------------------------------------------------------ */

/* Encode one field of a range into both bounds; 0 when nothing fits. */
static int
index_bound_part(struct index_bounds *b, const struct index_part *p,
    uint64_t lo, uint64_t hi)
{
	size_t w = index_width(p->type);
	uint64_t max = index_max(w);

	if (lo > hi || lo > max)
		return 0;
	if (hi > max)
		hi = max;
	index_put_be(b->lo + b->len, p->desc ? max - hi : lo, w);
	index_put_be(b->hi + b->len, p->desc ? max - lo : hi, w);
	b->len += w;
	return 1;
}

static enum status
index_bounds(const struct index_def *d, const struct store_range *r,
    struct index_bounds *b)
{
	static const struct index_part id_part = { 0, FT_U64, 0 };
	const struct index_part *next;
	unsigned i;
	int ok = 1;

	memset(b, 0, sizeof *b);
	b->keylen = d->unique_str == INDEX_UNIQUE ? 0 : index_keylen(d);
	if (r == NULL)
		return STATUS_OK;
	if (d->unique_str == INDEX_UNIQUE) {
		/* Names sort as bytes; only the whole index can be listed. */
		if (r->nprefix == 0 && r->lo == 0 && r->hi == UINT64_MAX)
			return STATUS_OK;
		return STATUS_INVALID;
	}
	if (r->nprefix > d->nparts || r->nprefix > 3)
		return STATUS_INVALID;

	for (i = 0; ok && i < r->nprefix; i++)
		ok = index_bound_part(b, &d->parts[i], r->prefix[i],
		    r->prefix[i]);
	next = r->nprefix < d->nparts ? &d->parts[r->nprefix] : &id_part;
	if (ok)
		ok = index_bound_part(b, next, r->lo, r->hi);
	b->empty = !ok;
	return STATUS_OK;
}

static int
index_in_range(const struct index_bounds *b, const DBT *key, int reverse)
{
	if (b->len == 0)
		return 1;
	if (key->size < b->len)
		return 0;
	if (reverse)
		return memcmp(key->data, b->lo, b->len) >= 0;
	return memcmp(key->data, b->hi, b->len) <= 0;
}

/* Put C on the first key of the range (the last when REVERSE). */
static int
index_seek(DBC *c, const struct index_bounds *b, DBT *key, DBT *data,
    int reverse)
{
	unsigned char seek[INDEX_KEY_MAX];
	int ret;

	if (b->len == 0)
		return c->get(c, key, data, reverse ? DB_LAST : DB_FIRST);
	if (!reverse) {
		memcpy(seek, b->lo, b->len);
		key->data = seek;
		key->size = (u_int32_t) b->len;
		return c->get(c, key, data, DB_SET_RANGE);
	}

	/* Past the last possible key of the range, then one step back. */
	memcpy(seek, b->hi, b->len);
	memset(seek + b->len, 0xff, b->keylen - b->len);
	key->data = seek;
	key->size = (u_int32_t) b->keylen;
	ret = c->get(c, key, data, DB_SET_RANGE);
	if (ret == DB_NOTFOUND)
		return c->get(c, key, data, DB_LAST);
	if (ret == 0 && (key->size != b->keylen ||
	    memcmp(key->data, seek, b->keylen) != 0))
		return c->get(c, key, data, DB_PREV);
	return ret;
}

/* What a walk over an index does with each entry. */
struct index_walk {
	const struct index_def	*d;
	const struct rec_type	*type;
	store_each_fn		 fn;	/* NULL: only count */
	void			*arg;
	uint64_t		 count;
	store_id_fn		 idfn;	/* the ids only, no record read */
};

/* The record behind one entry, handed to the walk's function; 1 stops. */
static int
index_visit(struct store_txn *t, struct index_walk *w, const DBT *key,
    const DBT *data, enum status *rc)
{
	union rec_any rec;
	uint64_t id;
	int stop;

	w->count++;
	if (w->fn == NULL && w->idfn == NULL)
		return 0;
	if (w->d->unique_str == INDEX_UNIQUE ? data->size != 8 :
	    key->size != index_keylen(w->d)) {
		log_error("store: a malformed entry in %s", w->d->file);
		*rc = STATUS_CORRUPT;
		return 1;
	}
	id = buf_read_be64(w->d->unique_str == INDEX_UNIQUE ?
	    (const unsigned char *) data->data :
	    (const unsigned char *) key->data + key->size - 8);
	if (w->idfn != NULL)
		return w->idfn(id, w->arg);
	*rc = record_read(t, w->type, id, &rec, 0);
	if (*rc == STATUS_NOT_FOUND) {
		log_error("store: %s points to %s %llu, which does not exist",
		    w->d->file, w->type->name, (unsigned long long) id);
		*rc = STATUS_CORRUPT;
	}
	if (*rc != STATUS_OK)
		return 1;
	stop = w->fn(&rec, w->arg);
	codec_free(w->type, &rec);
	return stop;
}

/* The ids of a walk over the posting lists, gathered first. */
struct index_gathered {
	uint64_t	*id;
	size_t		 n;
	size_t		 cap;
};

static int
index_gather(uint64_t id, void *arg)
{
	struct index_gathered *g = arg;

	if (g->n == g->cap) {
		g->cap = g->cap != 0 ? g->cap * 2 : 64;
		g->id = xrealloc(g->id, g->cap * sizeof *g->id);
	}
	g->id[g->n++] = id;
	return 0;
}

static enum status index_scan_grams(struct store_txn *t,
    const struct store_range *r, store_id_fn fn, void *arg);

/* store_scan and store_count over the gram index: its entries' ids in
 * order (gram, then id), each record read as another walk would. */
static enum status
index_walk_grams(struct store_txn *t, const struct store_range *range,
    int reverse, struct index_walk *w)
{
	struct index_gathered g = { NULL, 0, 0 };
	enum status rc;
	union rec_any rec;
	size_t i, at;

	w->type = rec_type_of(w->d->kind);
	rc = index_scan_grams(t, range, index_gather, &g);
	for (i = 0; rc == STATUS_OK && i < g.n; i++) {
		at = reverse ? g.n - 1 - i : i;
		w->count++;
		if (w->idfn != NULL && w->idfn(g.id[at], w->arg))
			break;
		if (w->fn == NULL)
			continue;
		rc = record_read(t, w->type, g.id[at], &rec, 0);
		if (rc == STATUS_NOT_FOUND)
			rc = STATUS_CORRUPT;
		if (rc != STATUS_OK)
			break;
		i = w->fn(&rec, w->arg) ? g.n : i;
		codec_free(w->type, &rec);
	}
	free(g.id);
	return rc;
}

static enum status
index_walk(struct store_txn *t, enum store_index idx,
    const struct store_range *range, int reverse, struct index_walk *w)
{
	struct index_bounds b;
	enum status rc;
	DBT key, data;
	DBC *c;
	DB *db;
	int ret;

	if ((w->d = index_def_of(idx)) == NULL)
		return STATUS_INVALID;
	if (w->d->unique_str == INDEX_GRAMS)
		return index_walk_grams(t, range, reverse, w);
	w->type = rec_type_of(w->d->kind);
	if ((rc = index_bounds(w->d, range, &b)) != STATUS_OK || b.empty)
		return rc;
	if ((db = index_db(t, w->d)) == NULL)
		return STATUS_CORRUPT;
	if ((ret = db->cursor(db, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "opening a cursor");

	store_dbt_init(&key);
	store_dbt_init(&data);
	ret = index_seek(c, &b, &key, &data, reverse);
	while (ret == 0 && index_in_range(&b, &key, reverse)) {
		if (index_visit(t, w, &key, &data, &rc))
			break;
		ret = c->get(c, &key, &data, reverse ? DB_PREV : DB_NEXT);
	}
	if (ret != 0 && ret != DB_NOTFOUND)
		rc = txn_fail(t, ret, "reading an index");
	if ((ret = c->close(c)) != 0 && rc == STATUS_OK)
		rc = txn_fail(t, ret, "closing a cursor");
	return rc;
}

enum status
store_scan(struct store_txn *t, enum store_index idx,
    const struct store_range *range, int reverse, store_each_fn fn,
    void *arg)
{
	struct index_walk w = { NULL, NULL, fn, arg, 0, NULL };

	if (fn == NULL)
		return STATUS_INVALID;
	return index_walk(t, idx, range, reverse, &w);
}

struct index_ids {
	store_id_fn	 fn;
	void		*arg;
};

static int
index_posting_id(const struct store_posting *p, void *arg)
{
	const struct index_ids *ids = arg;

	return ids->fn(p->id, ids->arg);
}

/* The gram index's entries as ids: a gram and a range of ids, or a
 * range of grams. */
static enum status
index_scan_grams(struct store_txn *t, const struct store_range *r,
    store_id_fn fn, void *arg)
{
	struct index_ids ids = { fn, arg };
	DB *db = t->st->index_db[IDX_DOC_GRAM];

	if (db == NULL)
		return STATUS_CORRUPT;
	if (r == NULL)
		return postings_scan(t, db, 0, UINT64_MAX, 0, UINT64_MAX,
		    index_posting_id, &ids);
	if (r->nprefix > 1)
		return STATUS_INVALID;
	if (r->nprefix == 1)
		return postings_scan(t, db, r->prefix[0], r->prefix[0], r->lo,
		    r->hi, index_posting_id, &ids);
	return postings_scan(t, db, r->lo, r->hi, 0, UINT64_MAX,
	    index_posting_id, &ids);
}

enum status
store_scan_keys(struct store_txn *t, enum store_index idx,
    const struct store_range *range, store_id_fn fn, void *arg)
{
	struct index_walk w = { NULL, NULL, NULL, arg, 0, fn };

	if (fn == NULL || index_def_of(idx) == NULL ||
	    index_def_of(idx)->unique_str == INDEX_UNIQUE)
		return STATUS_INVALID;
	if (index_def_of(idx)->unique_str == INDEX_GRAMS)
		return index_scan_grams(t, range, fn, arg);
	return index_walk(t, idx, range, 0, &w);
}

enum status
store_count(struct store_txn *t, enum store_index idx,
    const struct store_range *range, uint64_t *count)
{
	struct index_walk w = { NULL, NULL, NULL, NULL, 0, NULL };
	const struct index_def *d = index_def_of(idx);
	enum status rc;

	/* A whole value of a counted index's first field is one read. */
	if (counts_counted(d) && range != NULL && range->nprefix == 1 &&
	    range->lo == 0 && range->hi == UINT64_MAX &&
	    range->prefix[0] < COUNTS_VALUES)
		return counts_read(t, d, (unsigned) range->prefix[0], count);
	rc = index_walk(t, idx, range, 0, &w);
	*count = rc == STATUS_OK ? w.count : 0;
	return rc;
}

enum status
store_get_by_name(struct store_txn *t, enum store_index idx,
    const char *name, void *rec)
{
	const struct index_def *d = index_def_of(idx);
	DBT key, data;
	enum status rc;
	uint64_t id;
	DB *db;
	int ret;

	if (d == NULL || d->unique_str != INDEX_UNIQUE || rec == NULL)
		return STATUS_INVALID;
	memset(rec, 0, rec_size(d->kind));
	if (name == NULL || *name == '\0')
		return STATUS_NOT_FOUND;
	if ((db = index_db(t, d)) == NULL)
		return STATUS_CORRUPT;

	store_dbt_init(&key);
	store_dbt_init(&data);
	key.data = (void *) name;
	key.size = (u_int32_t) strlen(name);
	ret = db->get(db, t->txn, &key, &data, 0);
	if (ret == DB_NOTFOUND)
		return STATUS_NOT_FOUND;
	if (ret != 0)
		return txn_fail(t, ret, "reading an index");
	if (data.size != 8)
		return STATUS_CORRUPT;

	id = buf_read_be64(data.data);
	rc = record_read(t, rec_type_of(d->kind), id, rec, 0);
	if (rc == STATUS_NOT_FOUND) {
		log_error("store: %s points to a missing record", d->file);
		rc = STATUS_CORRUPT;
	}
	return rc;
}
