/*
 * postings_build.c -- filling the search index's posting lists
 * (postings.c) from every document: the upgrade to schema 7 and any
 * rebuild of IDX_DOC_GRAM, in parts of bounded size (schema.c).
 *
 * Documents are read in id order, so each gram's entries arrive in the
 * order its chunks hold them: each gram's open chunk is kept in memory,
 * written out closed when it passes the chunk size, and the open ones
 * at the end of the part.  A part that meets a gram takes up its open
 * chunk where the part before left it.  Memory is a chunk per distinct
 * gram of the part; nothing sorts the entries (some 30 a document).
 *
 * It writes only the index; it decodes documents and nothing else.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

/* One gram's open chunk. */
struct postings_slot {
	uint64_t	 gram;
	uint64_t	 prev;		/* the last id added to DATA */
	int		 used;
	int		 stored;	/* DATA is also the open chunk on disk */
	struct buf	 data;
};

struct postings_build {
	struct postings_slot	*slot;
	size_t			 cap;		/* a power of two */
	size_t			 used;
	uint32_t		*pos;
	size_t			 npos;
};

static size_t
postings_build_hash(uint64_t gram, size_t cap)
{
	gram ^= gram >> 29;
	gram *= UINT64_C(0x9e3779b97f4a7c15);
	return (size_t) (gram >> 17) & (cap - 1);
}

static struct postings_slot *
postings_build_find(struct postings_build *b, uint64_t gram)
{
	size_t i = postings_build_hash(gram, b->cap);

	while (b->slot[i].used && b->slot[i].gram != gram)
		i = (i + 1) & (b->cap - 1);
	return &b->slot[i];
}

/* Twice the slots once they are 70% used. */
static void
postings_build_grow(struct postings_build *b)
{
	struct postings_build n = { NULL, b->cap * 2, 0, NULL, 0 };
	size_t i;

	n.slot = xcalloc(n.cap, sizeof *n.slot);
	for (i = 0; i < b->cap; i++)
		if (b->slot[i].used)
			*postings_build_find(&n, b->slot[i].gram) = b->slot[i];
	free(b->slot);
	b->slot = n.slot;
	b->cap = n.cap;
}

/* Slot S takes up its gram's open chunk, left by an earlier part. */
static enum status
postings_build_load(struct store_txn *t, DB *db, struct postings_slot *s)
{
	unsigned char kb[16];
	DBT k, d;
	int ret;

	buf_put_be64(kb, s->gram);
	buf_put_be64(kb + 8, UINT64_MAX);
	store_dbt_init(&k);
	store_dbt_init(&d);
	k.data = kb;
	k.size = sizeof kb;
	ret = db->get(db, t->txn, &k, &d, 0);
	if (ret == DB_NOTFOUND)
		return STATUS_OK;
	if (ret != 0)
		return txn_fail(t, ret, "building the search index");
	if ((s->prev = postings_last_id(d.data, d.size)) == 0)
		return STATUS_CORRUPT;
	buf_add(&s->data, d.data, d.size);
	s->stored = 1;
	return STATUS_OK;
}

/* Add one gram's entry of document ID; a chunk that grew too long is
 * written closed under ID. */
static enum status
postings_build_add(struct store_txn *t, DB *db, struct postings_build *b,
    uint64_t id, uint8_t cls, const struct grams_entry *g)
{
	struct postings_slot *s;
	enum status rc;
	uint32_t i;

	if (b->used * 10 >= b->cap * 7)
		postings_build_grow(b);
	s = postings_build_find(b, g->gram);
	if (!s->used) {
		s->used = 1;
		s->gram = g->gram;
		b->used++;
		if ((rc = postings_build_load(t, db, s)) != STATUS_OK)
			return rc;
	}
	if (g->npos > b->npos) {
		b->npos = g->npos;
		b->pos = xrealloc(b->pos, b->npos * sizeof *b->pos);
	}
	for (i = 0; i < g->npos; i++)
		b->pos[i] = grams_pos(g, i);
	if (s->data.len == 0)
		s->prev = 0;
	postings_encode(&s->data, &s->prev, id, cls, g->npos, b->pos);
	if (s->data.len <= postings_chunk_max())
		return STATUS_OK;
	rc = postings_put(t, db, g->gram, id, &s->data);
	buf_reset(&s->data);
	if (rc == STATUS_OK && s->stored)
		rc = postings_put(t, db, g->gram, UINT64_MAX, NULL);
	s->stored = 0;
	return rc;
}

/* One document record (KEY, DATA): each of its grams. */
static enum status
postings_build_doc(struct store_txn *t, DB *db, struct postings_build *b,
    const DBT *key, const DBT *data, struct buf *e)
{
	const struct rec_type *type = rec_type_of(REC_DOC);
	struct grams_entry g;
	union rec_any rec;
	enum status rc = STATUS_OK;
	size_t off = 0;
	uint64_t id;

	if (key->size != 8 ||
	    codec_decode(type, data->data, data->size, &rec) != STATUS_OK)
		return STATUS_CORRUPT;
	id = buf_read_be64(key->data);
	grams_keys(&rec, id, e);
	while (rc == STATUS_OK && grams_next(e, &off, &g))
		rc = postings_build_add(t, db, b, id, grams_class(e), &g);
	codec_free(type, &rec);
	return rc;
}

/* The open chunks, last; every slot freed. */
static enum status
postings_build_finish(struct store_txn *t, DB *db, struct postings_build *b,
    enum status rc)
{
	size_t i;

	for (i = 0; i < b->cap; i++) {
		if (rc == STATUS_OK && b->slot[i].used &&
		    b->slot[i].data.len > 0)
			rc = postings_put(t, db, b->slot[i].gram,
			    UINT64_MAX, &b->slot[i].data);
		buf_free(&b->slot[i].data);
	}
	free(b->slot);
	free(b->pos);
	return rc;
}

/*
 * At most MAX documents after *POS (the last id done; 0 empties the
 * index first), fewer when half the lock table is taken; *DONE after
 * the last document.
 */
enum status
postings_rebuild_part(struct store_txn *t, DB *db, DB *docs, uint64_t *pos,
    size_t max, int *done)
{
	struct postings_build b = { NULL, 1024, 0, NULL, 0 };
	enum status rc = STATUS_OK;
	size_t seen = 0;
	struct buf e;
	DBT key, data;
	u_int32_t n;
	DBC *c;
	int ret;

	*done = 0;
	if ((*pos == 0 && (ret = db->truncate(db, t->txn, &n, 0)) != 0) ||
	    (ret = docs->cursor(docs, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "building the search index");
	b.slot = xcalloc(b.cap, sizeof *b.slot);
	buf_init(&e);
	store_dbt_init(&key);
	store_dbt_init(&data);
	ret = index_seek_after(c, *pos, &key, &data);
	while (rc == STATUS_OK && ret == 0 && seen++ < max) {
		rc = postings_build_doc(t, db, &b, &key, &data, &e);
		if (rc == STATUS_OK)
			*pos = buf_read_be64(key.data);
		ret = c->get(c, &key, &data, DB_NEXT);
		/* Each gram met may write a page when the part ends. */
		if (max != SIZE_MAX && env_locks_short(t->st, b.used))
			break;
	}
	if (ret != 0 && ret != DB_NOTFOUND && rc == STATUS_OK)
		rc = txn_fail(t, ret, "building the search index");
	c->close(c);
	buf_free(&e);
	rc = postings_build_finish(t, db, &b, rc);
	if (rc == STATUS_OK && ret == DB_NOTFOUND) {
		log_info("store: built the search index");
		*done = 1;
	}
	return rc;
}
