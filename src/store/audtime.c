/*
 * audtime.c -- the audit trail's summary by time (schema 11): for each
 * block of AUDTIME_BLOCK consecutive sequence numbers, the earliest and
 * latest time of its entries, so that a range of time reads the entries
 * of the blocks whose times meet it, in sequence order, instead of an
 * index entry for every entry (audit-by-time.db until schema 10: 0.26 KiB
 * a document at 10,000 generated documents; the summary takes about
 * 0.009 in control.db).
 *
 * Entries are appended in sequence order with the clock's time, so a
 * block's times are close together and the blocks' ranges follow one
 * another.  A clock stepped back or forward only widens the range of the
 * block it lands in: a range covers every time its block holds, so no
 * entry is missed, and a range wider than its entries only costs the
 * reading of one more block.
 *
 * Since any block may hold any time, a search reads every row; so that
 * it does not read a row per 64 entries of the whole trail (100,000 at
 * a million documents), the rows come in two levels: a group's row
 * (AUDTIME_GROUP blocks) covers its blocks' times, and only the blocks
 * of the groups whose range meets the search are read.  The summary
 * lives in control.db under "audtime/", the level ('b' for blocks, 'g'
 * for groups) and the number big-endian (data: the earliest and the
 * latest time, their sign bit turned, big-endian), kept by store_put and
 * store_del in the transaction of every write of an entry.  A block or a
 * group whose last entry is deleted (an archive of the trail) loses its
 * row; one that keeps some keeps its range, which still covers them.
 *
 * It must not decide which entries a reader wants: the core filters.
 */
#include <config.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "store/store_test.h"

#define AUDTIME_PREFIX		"audtime/"
#define AUDTIME_PREFIX_LEN	8
#define AUDTIME_KEY_LEN		(AUDTIME_PREFIX_LEN + 1 + 8)
#define AUDTIME_DATA_LEN	16

static unsigned audtime_kill_at;	/* store_test_audtime_kill */
/* Blocks a group (store_test_audtime_group changes it). */
static uint64_t audtime_group = AUDTIME_GROUP;
static unsigned audtime_parts;

/* The first id of row N of LEVEL, and the row of LEVEL holding ID. */
uint64_t
audtime_first_id(unsigned level, uint64_t n)
{
	return n * (level == AUDTIME_GROUPS ? AUDTIME_BLOCK * audtime_group :
	    AUDTIME_BLOCK);
}

uint64_t
audtime_row_of(unsigned level, uint64_t id)
{
	return id / audtime_first_id(level, 1);
}

static void
audtime_key(unsigned level, uint64_t block, unsigned char *k, DBT *key)
{
	memcpy(k, AUDTIME_PREFIX, AUDTIME_PREFIX_LEN);
	k[AUDTIME_PREFIX_LEN] = level == AUDTIME_GROUPS ? 'g' : 'b';
	buf_put_be64(k + AUDTIME_PREFIX_LEN + 1, block);
	store_dbt_init(key);
	key->data = k;
	key->size = AUDTIME_KEY_LEN;
}

static uint64_t
audtime_enc(int64_t time)
{
	return (uint64_t) time ^ ((uint64_t) 1 << 63);
}

static int64_t
audtime_dec(const unsigned char *p)
{
	return (int64_t) (buf_read_be64(p) ^ ((uint64_t) 1 << 63));
}

/* A row from its key and data: STATUS_CORRUPT when either has the wrong
 * size. */
static enum status
audtime_decode(const DBT *key, const DBT *data, struct audtime_block *b)
{
	const unsigned char *k = key->data;

	if (key->size != AUDTIME_KEY_LEN || data->size != AUDTIME_DATA_LEN ||
	    (k[AUDTIME_PREFIX_LEN] != 'b' && k[AUDTIME_PREFIX_LEN] != 'g'))
		return STATUS_CORRUPT;
	b->level = k[AUDTIME_PREFIX_LEN] == 'g' ? AUDTIME_GROUPS :
	    AUDTIME_BLOCKS;
	b->block = buf_read_be64(k + AUDTIME_PREFIX_LEN + 1);
	b->lo = audtime_dec(data->data);
	b->hi = audtime_dec((const unsigned char *) data->data + 8);
	return STATUS_OK;
}

int
audtime_kept(const struct store_txn *t)
{
	return t->st->schema >= AUDTIME_SCHEMA &&
	    schema_current() >= AUDTIME_SCHEMA;
}

/* The row of B->level and B->block into *B: *FOUND 0 when there is
 * none. */
static enum status
audtime_get(struct store_txn *t, struct audtime_block *b, int *found)
{
	unsigned char k[AUDTIME_KEY_LEN];
	DBT key, data;
	int ret;

	audtime_key(b->level, b->block, k, &key);
	store_dbt_init(&data);
	*found = 0;
	ret = t->st->control->get(t->st->control, t->txn, &key, &data,
	    t->mode == STORE_WRITE ? DB_RMW : 0);
	if (ret == DB_NOTFOUND)
		return STATUS_OK;
	if (ret != 0)
		return txn_fail(t, ret,
		    "reading the audit trail's time summary");
	if (audtime_decode(&key, &data, b) != STATUS_OK) {
		log_error("store: control.db: a damaged row of the audit "
		    "trail's time summary");
		return STATUS_CORRUPT;
	}
	*found = 1;
	return STATUS_OK;
}

enum status
audtime_set(struct store_txn *t, const struct audtime_block *b)
{
	unsigned char k[AUDTIME_KEY_LEN], d[AUDTIME_DATA_LEN];
	DBT key, data;
	int ret;

	audtime_key(b->level, b->block, k, &key);
	buf_put_be64(d, audtime_enc(b->lo));
	buf_put_be64(d + 8, audtime_enc(b->hi));
	store_dbt_init(&data);
	data.data = d;
	data.size = sizeof d;
	ret = t->st->control->put(t->st->control, t->txn, &key, &data, 0);
	return ret == 0 ? STATUS_OK : txn_fail(t, ret,
	    "writing the audit trail's time summary");
}

static enum status
audtime_remove(struct store_txn *t, unsigned level, uint64_t block)
{
	unsigned char k[AUDTIME_KEY_LEN];
	DBT key;
	int ret;

	audtime_key(level, block, k, &key);
	ret = t->st->control->del(t->st->control, t->txn, &key, 0);
	return ret == 0 || ret == DB_NOTFOUND ? STATUS_OK : txn_fail(t, ret,
	    "writing the audit trail's time summary");
}

/* Widen the range of W's row to take in W->lo..W->hi. */
static enum status
audtime_widen(struct store_txn *t, const struct audtime_block *w)
{
	struct audtime_block b = *w;
	enum status rc;
	int found;

	if ((rc = audtime_get(t, &b, &found)) != STATUS_OK)
		return rc;
	if (found && b.lo <= w->lo && b.hi >= w->hi)
		return STATUS_OK;	/* a checkpoint signed: same time */
	if (found) {
		b.lo = b.lo < w->lo ? b.lo : w->lo;
		b.hi = b.hi > w->hi ? b.hi : w->hi;
	}
	return audtime_set(t, &b);
}

/* W's block, then its group, widened. */
static enum status
audtime_widen_both(struct store_txn *t, const struct audtime_block *w)
{
	struct audtime_block g = *w;
	enum status rc;

	if ((rc = audtime_widen(t, w)) != STATUS_OK)
		return rc;
	g.level = AUDTIME_GROUPS;
	g.block = audtime_row_of(AUDTIME_GROUPS,
	    audtime_first_id(AUDTIME_BLOCKS, w->block));
	return audtime_widen(t, &g);
}

enum status
audtime_put(struct store_txn *t, uint64_t id, int64_t time)
{
	struct audtime_block b = { AUDTIME_BLOCKS, 0, time, time };

	b.block = audtime_row_of(AUDTIME_BLOCKS, id);
	return audtime_kept(t) ? audtime_widen_both(t, &b) : STATUS_OK;
}

/* Does the trail hold an entry in row N of LEVEL? */
static enum status
audtime_holds(struct store_txn *t, unsigned level, uint64_t n, int *holds)
{
	unsigned char kbuf[8];
	DBT key, data;
	DBC *c;
	DB *db;
	enum status rc;
	int ret;

	if ((rc = txn_kind_db(t, REC_AUDIT, &db)) != STATUS_OK)
		return rc;
	if ((ret = db->cursor(db, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "opening a cursor");
	store_id_key(&key, kbuf, audtime_first_id(level, n));
	store_dbt_init(&data);
	data.flags = DB_DBT_PARTIAL;	/* the key alone */
	ret = c->get(c, &key, &data, DB_SET_RANGE);
	/* Read before the close, which frees what the cursor returned. */
	*holds = ret == 0 && key.size == 8 &&
	    audtime_row_of(level, buf_read_be64(key.data)) == n;
	c->close(c);
	if (ret != 0 && ret != DB_NOTFOUND)
		return txn_fail(t, ret, "reading the audit trail");
	return STATUS_OK;
}

/* After entry ID's deletion: its block's row goes with its last entry,
 * its group's with the group's. */
enum status
audtime_del(struct store_txn *t, uint64_t id)
{
	unsigned level;
	enum status rc;
	int holds;

	if (!audtime_kept(t))
		return STATUS_OK;
	for (level = AUDTIME_BLOCKS; level <= AUDTIME_GROUPS; level++) {
		if ((rc = audtime_holds(t, level, audtime_row_of(level, id),
		    &holds)) != STATUS_OK)
			return rc;
		if (holds)
			return STATUS_OK;
		if ((rc = audtime_remove(t, level, audtime_row_of(level,
		    id))) != STATUS_OK)
			return rc;
	}
	return STATUS_OK;
}

/* -- Reading a range of time ---------------------------------------------- */

struct audtime_scan {
	int64_t		 lo;
	int64_t		 hi;
	uint64_t	 end;		/* the first id past the blocks */
	store_each_fn	 fn;
	void		*arg;
	int		 stopped;	/* FN asked to stop */
};

static int
audtime_scan_each(const void *rec, void *arg)
{
	const struct rec_audit *e = rec;
	struct audtime_scan *s = arg;

	if (e->id >= s->end)
		return 1;
	if (e->time < s->lo || e->time > s->hi)
		return 0;
	if (s->fn(rec, s->arg) != 0) {
		s->stopped = 1;
		return 1;
	}
	return 0;
}

/* The entries of blocks FIRST..LAST whose times lie in the range. */
static enum status
audtime_scan_run(struct store_txn *t, struct audtime_scan *s,
    uint64_t first, uint64_t last)
{
	s->end = (last + 1) * AUDTIME_BLOCK;
	return store_scan_ids(t, REC_AUDIT, first * AUDTIME_BLOCK,
	    audtime_scan_each, s);
}

/* The rows of LEVEL numbered FIRST to LAST in order to FN until it
 * returns non-zero; STATUS_CORRUPT at a damaged row. */
enum status
audtime_walk(struct store_txn *t, unsigned level, uint64_t first,
    uint64_t last, audtime_fn fn, void *arg)
{
	unsigned char k[AUDTIME_KEY_LEN];
	struct audtime_block b;
	enum status rc = STATUS_OK;
	DBT key, data;
	DBC *c;
	int ret;

	audtime_key(level, first, k, &key);
	store_dbt_init(&data);
	if ((ret = t->st->control->cursor(t->st->control, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret,
		    "reading the audit trail's time summary");
	for (ret = c->get(c, &key, &data, DB_SET_RANGE); ret == 0;
	    ret = c->get(c, &key, &data, DB_NEXT)) {
		if (key.size < AUDTIME_PREFIX_LEN + 1 || memcmp(key.data,
		    k, AUDTIME_PREFIX_LEN + 1) != 0)
			break;
		if ((rc = audtime_decode(&key, &data, &b)) != STATUS_OK) {
			log_error("store: control.db: a damaged row of the "
			    "audit trail's time summary");
			break;
		}
		if (b.block > last || fn(t, &b, arg) != 0 || t->dberr != 0)
			break;
	}
	c->close(c);
	if (ret != 0 && ret != DB_NOTFOUND)
		return txn_fail(t, ret,
		    "reading the audit trail's time summary");
	return rc;
}

/* Runs of consecutive blocks whose ranges meet the one asked for: each
 * read in one pass over the trail. */
struct audtime_runs {
	struct audtime_scan	*s;
	int			 open;
	uint64_t		 first;
	uint64_t		 last;
	enum status		 rc;
};

/* Read the run begun, if any: non-zero when the reading stops. */
static int
audtime_runs_flush(struct store_txn *t, struct audtime_runs *r)
{
	if (r->open)
		r->rc = audtime_scan_run(t, r->s, r->first, r->last);
	r->open = 0;
	return r->rc != STATUS_OK || r->s->stopped;
}

static int
audtime_runs_each(struct store_txn *t, const struct audtime_block *b,
    void *arg)
{
	struct audtime_runs *r = arg;

	if (b->hi < r->s->lo || b->lo > r->s->hi)
		return audtime_runs_flush(t, r);
	if (r->open && b->block != r->last + 1 && audtime_runs_flush(t, r))
		return 1;
	if (!r->open) {
		r->open = 1;
		r->first = b->block;
	}
	r->last = b->block;
	return 0;
}

/* A group whose range meets the search: its blocks'. */
static int
audtime_groups_each(struct store_txn *t, const struct audtime_block *g,
    void *arg)
{
	struct audtime_runs *r = arg;
	uint64_t first = audtime_row_of(AUDTIME_BLOCKS,
	    audtime_first_id(AUDTIME_GROUPS, g->block));
	enum status rc;

	if (g->hi < r->s->lo || g->lo > r->s->hi)
		return 0;
	rc = audtime_walk(t, AUDTIME_BLOCKS, first, first + audtime_group - 1,
	    audtime_runs_each, r);
	if (rc != STATUS_OK)
		r->rc = rc;
	return r->rc != STATUS_OK || r->s->stopped;
}

enum status
store_audit_scan_time(struct store_txn *t, int64_t lo, int64_t hi,
    store_each_fn fn, void *arg)
{
	struct audtime_scan s = { lo, hi, UINT64_MAX, fn, arg, 0 };
	struct audtime_runs r = { &s, 0, 0, 0, STATUS_OK };
	enum status rc;

	if (fn == NULL)
		return STATUS_INVALID;
	/* A workspace of an older schema (a test build pretending to be
	 * an older program) has no summary: every entry is read. */
	if (!audtime_kept(t))
		return store_scan_all(t, REC_AUDIT, audtime_scan_each, &s);
	if (lo > hi)
		return STATUS_OK;
	if ((rc = audtime_walk(t, AUDTIME_GROUPS, 0, UINT64_MAX,
	    audtime_groups_each, &r)) != STATUS_OK ||
	    (rc = r.rc) != STATUS_OK || s.stopped)
		return rc;
	(void) audtime_runs_flush(t, &r);
	return r.rc;
}

/* -- The upgrade to schema 11 --------------------------------------------- */

struct audtime_build {
	struct store_txn	*t;
	size_t			 left;	/* entries left this part */
	uint64_t		 last;	/* the last entry read */
	int			 have;	/* CUR holds a block begun */
	struct audtime_block	 cur;
	enum status		 rc;
};

static int
audtime_build_each(const void *rec, void *arg)
{
	const struct rec_audit *e = rec;
	struct audtime_build *b = arg;
	uint64_t block = audtime_row_of(AUDTIME_BLOCKS, e->id);

	if (b->left == 0)
		return 1;
	if (b->have && block != b->cur.block) {
		if ((b->rc = audtime_widen_both(b->t, &b->cur)) != STATUS_OK)
			return 1;
		b->have = 0;
	}
	if (!b->have) {
		b->cur.block = block;
		b->cur.lo = b->cur.hi = e->time;
		b->have = 1;
	}
	b->cur.lo = e->time < b->cur.lo ? e->time : b->cur.lo;
	b->cur.hi = e->time > b->cur.hi ? e->time : b->cur.hi;
	b->last = e->id;
	b->left--;
	return 0;
}

/* The rows of up to MAX entries after *LAST, each block and group
 * written once a part (widened, so that a part done again after a stop changes
 * nothing); *DONE after the last entry. */
enum status
audtime_build_part(struct store_txn *t, uint64_t *last, size_t max,
    int *done)
{
	struct audtime_build b;
	enum status rc;

	memset(&b, 0, sizeof b);
	b.t = t;
	b.left = max;
	b.last = *last;
	rc = store_scan_ids(t, REC_AUDIT, *last + 1, audtime_build_each, &b);
	if (rc == STATUS_OK)
		rc = b.rc;
	if (rc == STATUS_OK && b.have)
		rc = audtime_widen_both(t, &b.cur);
	if (rc != STATUS_OK)
		return rc;
	*done = b.left > 0;
	*last = b.last;
	if (audtime_kill_at != 0 && ++audtime_parts == audtime_kill_at)
		raise(SIGKILL);	/* the test's kill, before the commit */
	return STATUS_OK;
}

/* -- Test hooks ------------------------------------------------------------ */

unsigned
store_test_audtime_block(void)
{
	return AUDTIME_BLOCK;
}

void
store_test_audtime_group(unsigned blocks)
{
	audtime_group = blocks != 0 ? blocks : AUDTIME_GROUP;
}

void
store_test_audtime_kill(unsigned part)
{
	audtime_kill_at = part;
	audtime_parts = 0;
}

enum status
store_test_audtime_set(struct store_txn *txn, int group, uint64_t n,
    int64_t lo, int64_t hi, int present)
{
	struct audtime_block b = { group ? AUDTIME_GROUPS : AUDTIME_BLOCKS, n,
	    lo, hi };

	return present ? audtime_set(txn, &b) : audtime_remove(txn, b.level,
	    n);
}
