/*
 * check_postings.c -- store_check's comparison of the search index's
 * posting lists (postings.c) with the documents, reading each document
 * once.
 *
 * The documents come in id order (check.c reads them for everything
 * else); their entries (grams.c) are gathered a part at a time, a part
 * being CHECK_PART entries (several thousand documents), sorted by gram
 * and compared with each gram's chunks that hold ids of the part: one seek
 * per gram, then the chunks in order.  So the index is read a part at a
 * time and no document is read again for its entries (which cost a
 * minute at 100,000 documents: some 30 reads a document).  Each fault is
 * reported as before: a document missing from the index (or listed with
 * other positions or classification), an entry for a document that is
 * missing or does not decode, a stale entry.  The order of ids within
 * and across chunks is checked apart (check.c).
 *
 * It reports; it never repairs.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/check_int.h"
#include "store/store_test.h"

#define CHECK_PART	(1u << 18)	/* entries: 8 MiB, as much to sort */

static size_t check_part = CHECK_PART;

void
store_test_check_part(size_t entries)
{
	check_part = entries != 0 ? entries : CHECK_PART;
}

/* One entry a document of the part must have. */
struct check_want {
	uint64_t	 gram;
	uint64_t	 id;
	size_t		 pos;		/* its first position in POS */
	uint32_t	 npos;
	uint8_t		 cls;
};

struct check_grams {
	struct check		*c;
	struct store_txn	*t;
	DB			*db;
	const char		*file;
	uint64_t		 lo;		/* the part's first id */
	uint64_t		*doc;		/* the part's documents */
	uint8_t			*missing;	/* each one's fault, found */
	size_t			 ndoc;
	size_t			 doc_cap;
	struct check_want	*want;
	size_t			 nwant;
	size_t			 want_cap;
	uint32_t		*pos;
	size_t			 npos;
	size_t			 pos_cap;
	struct buf		 keys;		/* grams_keys() of one */
	struct postings_entry	 e;		/* the decoder's scratch */
};

struct check_grams *
check_grams_begin(struct check *c, struct store_txn *t)
{
	const struct index_def *d = index_def_of(IDX_DOC_GRAM);
	struct check_grams *g;

	if (t->st->index_db[IDX_DOC_GRAM] == NULL ||
	    t->st->kind_db[REC_DOC] == NULL)
		return NULL;
	g = xcalloc(1, sizeof *g);
	g->c = c;
	g->t = t;
	g->db = t->st->index_db[IDX_DOC_GRAM];
	g->file = d->file;
	buf_init(&g->keys);
	return g;
}

static void
check_grams_want(struct check_grams *g, uint64_t id, uint8_t cls,
    const struct grams_entry *e)
{
	struct check_want *w;
	uint32_t i;

	if (g->nwant == g->want_cap) {
		g->want_cap = g->want_cap != 0 ? g->want_cap * 2 : 4096;
		g->want = xrealloc(g->want, g->want_cap * sizeof *g->want);
	}
	while (g->npos + e->npos > g->pos_cap) {
		g->pos_cap = g->pos_cap != 0 ? g->pos_cap * 2 : 4096;
		g->pos = xrealloc(g->pos, g->pos_cap * sizeof *g->pos);
	}
	w = &g->want[g->nwant++];
	w->gram = e->gram;
	w->id = id;
	w->pos = g->npos;
	w->npos = e->npos;
	w->cls = cls > 7 ? 7 : cls;
	for (i = 0; i < e->npos; i++)
		g->pos[g->npos++] = grams_pos(e, i);
}

static int
check_grams_cmp(const void *a, const void *b)
{
	const struct check_want *x = a, *y = b;

	if (x->gram != y->gram)
		return x->gram < y->gram ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The index of document ID in the part, or NDOC when it is not one. */
static size_t
check_grams_find(const struct check_grams *g, uint64_t id)
{
	size_t lo = 0, hi = g->ndoc, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (g->doc[mid] == id)
			return mid;
		if (g->doc[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return g->ndoc;
}

static void
check_grams_missing(struct check_grams *g, const struct check_want *w)
{
	size_t i = check_grams_find(g, w->id);

	if (i < g->ndoc)
		g->missing[i] = 1;
}

/* Does the entry P hold what W says? */
static int
check_grams_same(const struct check_grams *g, const struct check_want *w,
    const struct store_posting *p)
{
	return p->classification == w->cls && p->npos == w->npos &&
	    memcmp(p->pos, g->pos + w->pos, w->npos * sizeof *p->pos) == 0;
}

/* The index's entry P of GRAM against the wanted ones from *I on. */
static void
check_grams_entry(struct check_grams *g, uint64_t gram,
    const struct store_posting *p, size_t *i)
{
	struct check_want *w = g->want;

	while (*i < g->nwant && w[*i].gram == gram && w[*i].id < p->id)
		check_grams_missing(g, &w[(*i)++]);
	if (*i < g->nwant && w[*i].gram == gram && w[*i].id == p->id) {
		if (!check_grams_same(g, &w[*i], p)) {
			check_grams_missing(g, &w[*i]);
			check_fault(g->c, _("%s: a stale entry for %s %llu"),
			    g->file, "doc", (unsigned long long) p->id);
		}
		(*i)++;
	} else if (check_grams_find(g, p->id) < g->ndoc)
		check_fault(g->c, _("%s: a stale entry for %s %llu"), g->file,
		    "doc", (unsigned long long) p->id);
	else
		check_fault(g->c, _("%s: an entry for %s %llu, which is "
		    "missing or damaged"), g->file, "doc",
		    (unsigned long long) p->id);
}

/* The entries of chunk D of GRAM in the part (up to HI): 1 when one
 * above HI ends the gram's part.  A malformed chunk is reported by
 * the walk of every chunk; here it only ends early. */
static int
check_grams_chunk(struct check_grams *g, uint64_t gram, const DBT *d,
    uint64_t hi, size_t *i)
{
	struct postings_cursor pc = { d->data,
	    (const unsigned char *) d->data + d->size, 0 };

	while (postings_next(&pc, &g->e) == 1) {
		if (g->e.p.id < g->lo)
			continue;
		if (g->e.p.id > hi)
			return 1;
		check_grams_entry(g, gram, &g->e.p, i);
	}
	return 0;
}

/* The first chunk at or after (GRAM, ID). */
static int
check_grams_seek(DBC *cur, uint64_t gram, uint64_t id, DBT *k, DBT *d,
    unsigned char kb[16])
{
	buf_put_be64(kb, gram);
	buf_put_be64(kb + 8, id);
	store_dbt_init(k);
	store_dbt_init(d);
	k->data = kb;
	k->size = 16;
	return cur->get(cur, k, d, DB_SET_RANGE);
}

/* Every gram's chunks that may hold ids LO..HI, against the wanted
 * entries (sorted); what is not met is missing. */
static void
check_grams_walk(struct check_grams *g, uint64_t hi)
{
	unsigned char kb[16];
	uint64_t gram;
	size_t i = 0;
	DBT k, d;
	DBC *cur;
	int ret, done;

	if ((ret = g->db->cursor(g->db, g->t->txn, &cur, 0)) != 0) {
		check_fault(g->c, "%s: %s", g->file, db_strerror(ret));
		return;
	}
	ret = check_grams_seek(cur, 0, g->lo, &k, &d, kb);
	while (ret == 0) {
		if (k.size != 16) {
			ret = cur->get(cur, &k, &d, DB_NEXT);
			continue;
		}
		gram = buf_read_be64(k.data);
		if (buf_read_be64((unsigned char *) k.data + 8) < g->lo) {
			ret = check_grams_seek(cur, gram, g->lo, &k, &d, kb);
			continue;
		}
		while (i < g->nwant && g->want[i].gram < gram)
			check_grams_missing(g, &g->want[i++]);
		done = check_grams_chunk(g, gram, &d, hi, &i) ||
		    buf_read_be64((unsigned char *) k.data + 8) >= hi;
		if (done && gram == UINT64_MAX)
			break;
		if (done)
			ret = check_grams_seek(cur, gram + 1, g->lo, &k, &d,
			    kb);
		else
			ret = cur->get(cur, &k, &d, DB_NEXT);
	}
	if (ret != 0 && ret != DB_NOTFOUND)
		check_fault(g->c, "%s: %s", g->file, db_strerror(ret));
	cur->close(cur);
	while (i < g->nwant)
		check_grams_missing(g, &g->want[i++]);
}

/* Compare the part read so far, its last id HI; then start the next. */
static void
check_grams_part(struct check_grams *g, uint64_t hi)
{
	size_t i;

	if (g->nwant > 1)
		qsort(g->want, g->nwant, sizeof *g->want, check_grams_cmp);
	check_grams_walk(g, hi);
	for (i = 0; i < g->ndoc; i++)
		if (g->missing[i])
			check_fault(g->c, _("%s %llu: missing from %s"), "doc",
			    (unsigned long long) g->doc[i], g->file);
	g->ndoc = 0;
	g->nwant = 0;
	g->npos = 0;
	g->lo = hi != UINT64_MAX ? hi + 1 : hi;
}

void
check_grams_doc(struct check_grams *g, const struct rec_doc *d, uint64_t id)
{
	struct grams_entry e;
	size_t off = 0;

	if (g == NULL)
		return;
	if (g->ndoc == g->doc_cap) {
		g->doc_cap = g->doc_cap != 0 ? g->doc_cap * 2 : 1024;
		g->doc = xrealloc(g->doc, g->doc_cap * sizeof *g->doc);
		g->missing = xrealloc(g->missing, g->doc_cap);
	}
	g->missing[g->ndoc] = 0;
	g->doc[g->ndoc++] = id;
	grams_keys(d, id, &g->keys);
	while (grams_next(&g->keys, &off, &e))
		check_grams_want(g, id, grams_class(&g->keys), &e);
	if (g->nwant >= check_part && id != UINT64_MAX)
		check_grams_part(g, id);
}

void
check_grams_end(struct check_grams *g)
{
	if (g == NULL)
		return;
	check_grams_part(g, UINT64_MAX);
	free(g->doc);
	free(g->missing);
	free(g->want);
	free(g->pos);
	free(g->e.pos);
	buf_free(&g->keys);
	free(g);
}
