/*
 * daysum.c -- the daily totals: for each day, seal, department and kind
 * of document, a row of numbers the core keeps up to date in the
 * transaction of every write of the records they are computed from, so
 * that a period's totals are read in a number of steps proportional to
 * its days, not to its documents.  They live in control.db, under
 * "daysum/" and a binary key (the day's start with its sign bit turned,
 * then seal, department and kind, all big-endian, so key order is day
 * order); "daysum-stale" marks totals that no longer follow the records.
 *
 * The store does not know what a total means: the core registers an
 * observer (store_observe) that store_put and store_del call before and
 * after each write of a record of the kinds the totals come from, and a
 * rebuild the upgrade to schema 6 runs.  A write of such a record with
 * no observer registered (a program that opened the store without the
 * core) marks the totals stale rather than let them drift; the core then
 * reads the records instead until it rebuilds them.
 */
#include <config.h>

#include <string.h>

#include "store/store_int.h"

#define DAYSUM_PREFIX		"daysum/"
#define DAYSUM_PREFIX_LEN	7
#define DAYSUM_KEY_LEN		(DAYSUM_PREFIX_LEN + 8 + 8 + 8 + 1)
#define DAYSUM_DATA_LEN		(8 + 8 * STORE_DAYSUM_VALUES)
#define DAYSUM_STALE		"daysum-stale"

static store_observe_fn daysum_observer;
static store_rebuild_fn daysum_rebuilder;

void
store_observe(store_observe_fn observe, store_rebuild_fn rebuild)
{
	daysum_observer = observe;
	daysum_rebuilder = rebuild;
}

static uint64_t
daysum_day_key(int64_t day)
{
	return (uint64_t) day ^ ((uint64_t) 1 << 63);
}

static void
daysum_key(const struct store_daysum *s, unsigned char *k, DBT *key)
{
	memcpy(k, DAYSUM_PREFIX, DAYSUM_PREFIX_LEN);
	buf_put_be64(k + DAYSUM_PREFIX_LEN, daysum_day_key(s->day));
	buf_put_be64(k + DAYSUM_PREFIX_LEN + 8, s->seal_id);
	buf_put_be64(k + DAYSUM_PREFIX_LEN + 16, s->dept_id);
	k[DAYSUM_PREFIX_LEN + 24] = s->kind;
	store_dbt_init(key);
	key->data = k;
	key->size = DAYSUM_KEY_LEN;
}

/* One entry from its key and data; STATUS_CORRUPT when either is not
 * the size an entry has. */
static enum status
daysum_decode(const DBT *key, const DBT *data, struct store_daysum *s)
{
	const unsigned char *k = key->data, *d = data->data;
	size_t i;

	if (key->size != DAYSUM_KEY_LEN || data->size != DAYSUM_DATA_LEN)
		return STATUS_CORRUPT;
	s->day = (int64_t) (buf_read_be64(k + DAYSUM_PREFIX_LEN) ^
	    ((uint64_t) 1 << 63));
	s->seal_id = buf_read_be64(k + DAYSUM_PREFIX_LEN + 8);
	s->dept_id = buf_read_be64(k + DAYSUM_PREFIX_LEN + 16);
	s->kind = k[DAYSUM_PREFIX_LEN + 24];
	s->end = (int64_t) buf_read_be64(d);
	for (i = 0; i < STORE_DAYSUM_VALUES; i++)
		s->v[i] = buf_read_be64(d + 8 + 8 * i);
	return STATUS_OK;
}

enum status
store_daysum_get(struct store_txn *t, struct store_daysum *s)
{
	unsigned char k[DAYSUM_KEY_LEN];
	DBT key, data;
	int ret;

	daysum_key(s, k, &key);
	store_dbt_init(&data);
	s->end = 0;
	memset(s->v, 0, sizeof s->v);
	ret = t->st->control->get(t->st->control, t->txn, &key, &data, 0);
	if (ret == DB_NOTFOUND)
		return STATUS_OK;
	if (ret != 0)
		return txn_fail(t, ret, "reading the daily totals");
	if (daysum_decode(&key, &data, s) != STATUS_OK) {
		log_error("store: control.db: a daily total of %u bytes",
		    (unsigned) data.size);
		return STATUS_CORRUPT;
	}
	return STATUS_OK;
}

static int
daysum_zero(const struct store_daysum *s)
{
	size_t i;

	for (i = 0; i < STORE_DAYSUM_VALUES; i++)
		if (s->v[i] != 0)
			return 0;
	return 1;
}

enum status
store_daysum_put(struct store_txn *t, const struct store_daysum *s)
{
	unsigned char k[DAYSUM_KEY_LEN], d[DAYSUM_DATA_LEN];
	DBT key, data;
	enum status rc;
	size_t i;
	int ret;

	if ((rc = txn_writable(t)) != STATUS_OK)
		return rc;
	daysum_key(s, k, &key);
	if (daysum_zero(s)) {
		ret = t->st->control->del(t->st->control, t->txn, &key, 0);
		if (ret == DB_NOTFOUND)
			ret = 0;
	} else {
		buf_put_be64(d, (uint64_t) s->end);
		for (i = 0; i < STORE_DAYSUM_VALUES; i++)
			buf_put_be64(d + 8 + 8 * i, s->v[i]);
		store_dbt_init(&data);
		data.data = d;
		data.size = sizeof d;
		ret = t->st->control->put(t->st->control, t->txn, &key, &data,
		    0);
	}
	return ret == 0 ? STATUS_OK : txn_fail(t, ret,
	    "writing the daily totals");
}

/* The entries from day LO on, in key order, to FN until it returns
 * non-zero or the days pass HI; DEL removes each instead. */
static enum status
daysum_walk(struct store_txn *t, int64_t lo, int64_t hi, int del,
    store_daysum_fn fn, void *arg)
{
	unsigned char k[DAYSUM_KEY_LEN];
	struct store_daysum s;
	DBT key, data;
	DBC *c;
	int ret;

	memset(&s, 0, sizeof s);
	s.day = lo;
	daysum_key(&s, k, &key);
	key.size = DAYSUM_PREFIX_LEN + 8;
	store_dbt_init(&data);
	if ((ret = t->st->control->cursor(t->st->control, t->txn, &c,
	    0)) != 0)
		return txn_fail(t, ret, "reading the daily totals");
	for (ret = c->get(c, &key, &data, DB_SET_RANGE); ret == 0;
	    ret = c->get(c, &key, &data, DB_NEXT)) {
		if (key.size < DAYSUM_PREFIX_LEN || memcmp(key.data,
		    DAYSUM_PREFIX, DAYSUM_PREFIX_LEN) != 0)
			break;
		if (daysum_decode(&key, &data, &s) != STATUS_OK) {
			c->close(c);
			log_error("store: control.db: a damaged daily total");
			return STATUS_CORRUPT;
		}
		if (s.day > hi)
			break;
		if (del)
			ret = c->del(c, 0);
		else if (fn(&s, arg) != 0)
			break;
		if (ret != 0)
			break;
	}
	c->close(c);
	if (ret != 0 && ret != DB_NOTFOUND)
		return txn_fail(t, ret, "reading the daily totals");
	return STATUS_OK;
}

enum status
store_daysum_scan(struct store_txn *t, int64_t lo, int64_t hi,
    store_daysum_fn fn, void *arg)
{
	return daysum_walk(t, lo, hi, 0, fn, arg);
}

enum status
store_daysum_stale(struct store_txn *t, int *stale)
{
	DBT key, data;
	int ret;

	store_dbt_init(&key);
	store_dbt_init(&data);
	key.data = (void *) DAYSUM_STALE;
	key.size = (u_int32_t) strlen(DAYSUM_STALE);
	ret = t->st->control->get(t->st->control, t->txn, &key, &data, 0);
	*stale = ret == 0;
	if (ret != 0 && ret != DB_NOTFOUND)
		return txn_fail(t, ret, "reading the daily totals");
	return STATUS_OK;
}

enum status
store_daysum_reset(struct store_txn *t, int stale)
{
	unsigned char one = 1;
	DBT key, data;
	enum status rc;
	int ret;

	if ((rc = txn_writable(t)) != STATUS_OK ||
	    (rc = daysum_walk(t, INT64_MIN, INT64_MAX, 1, NULL, NULL)) !=
	    STATUS_OK)
		return rc;
	store_dbt_init(&key);
	store_dbt_init(&data);
	key.data = (void *) DAYSUM_STALE;
	key.size = (u_int32_t) strlen(DAYSUM_STALE);
	data.data = &one;
	data.size = 1;
	if (stale)
		ret = t->st->control->put(t->st->control, t->txn, &key, &data,
		    0);
	else if ((ret = t->st->control->del(t->st->control, t->txn, &key,
	    0)) == DB_NOTFOUND)
		ret = 0;
	return ret == 0 ? STATUS_OK : txn_fail(t, ret,
	    "writing the daily totals");
}

/* The kinds the totals are computed from. */
static int
daysum_kind(enum rec_kind kind)
{
	return kind == REC_DOC || kind == REC_VERSION ||
	    kind == REC_PRINTJOB || kind == REC_APPROVAL ||
	    kind == REC_RECALL || kind == REC_APPLICATION;
}

enum status
daysum_notify(struct store_txn *t, enum rec_kind kind, const void *old,
    const void *new_, int after)
{
	int stale;
	enum status rc;

	if (!daysum_kind(kind))
		return STATUS_OK;
	if (daysum_observer != NULL)
		return daysum_observer(t, kind, old, new_, after);
	if (after)
		return STATUS_OK;
	if ((rc = store_daysum_stale(t, &stale)) != STATUS_OK || stale)
		return rc;
	log_warn("store: a write without the core's observer: the daily "
	    "totals are marked stale");
	return store_daysum_reset(t, 1);
}

enum status
daysum_upgrade(struct store_txn *t)
{
	enum status rc;

	if ((rc = store_daysum_reset(t, 1)) != STATUS_OK)
		return rc;
	if (daysum_rebuilder == NULL) {
		log_info("store: the daily totals are left to the core");
		return STATUS_OK;
	}
	return daysum_rebuilder(t);
}
