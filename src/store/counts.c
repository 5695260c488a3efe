/*
 * counts.c -- the counted indexes: for an index whose entries are
 * counted, control.db holds how many entries it has for each value of
 * its first field ("count/FILE/VALUE", 8 bytes big-endian; no record for
 * none), so that counting a queue is one read however long the queue.
 * The inbox's single-state queues (documents to seal, to print) read
 * them: walking the state index cost time and cache pages in proportion
 * to the backlog.
 *
 * The counts are kept in the transaction that changes the index
 * (index_update), so they are exact whatever path moved a record; an
 * upgrade or a rebuild computes them again from the index's entries, and
 * store_check compares the two.  Only an index whose first field is one
 * byte wide may be counted (COUNTS_VALUES values).  This file must not
 * decide what a count means: that is the reader's business.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "store/store_int.h"

int
counts_counted(const struct index_def *d)
{
	return d != NULL && (d->idx == IDX_DOC_STATE ||
	    d->idx == IDX_DOC_STEP);
}

static void
counts_name(const struct index_def *d, unsigned value, char *name,
    size_t size)
{
	snprintf(name, size, "count/%s/%u", d->file, value);
}

/* KEY names the count of VALUE in D's index (NAME holds the text);
 * DATA is cleared for the value. */
static void
counts_key(const struct index_def *d, unsigned value, char *name,
    size_t size, DBT *key, DBT *data)
{
	counts_name(d, value, name, size);
	store_dbt_init(key);
	store_dbt_init(data);
	key->data = name;
	key->size = (u_int32_t) strlen(name);
}

enum status
counts_read(struct store_txn *t, const struct index_def *d, unsigned value,
    uint64_t *n)
{
	char name[96];
	DBT key, data;
	int ret;

	*n = 0;
	counts_key(d, value, name, sizeof name, &key, &data);
	ret = t->st->control->get(t->st->control, t->txn, &key, &data, 0);
	if (ret == DB_NOTFOUND)
		return STATUS_OK;
	if (ret != 0)
		return txn_fail(t, ret, "reading a count");
	if (data.size != 8) {
		log_error("store: control.db: %s has %u bytes", name,
		    (unsigned) data.size);
		return STATUS_CORRUPT;
	}
	*n = buf_read_be64(data.data);
	return STATUS_OK;
}

enum status
counts_write(struct store_txn *t, const struct index_def *d, unsigned value,
    uint64_t n)
{
	unsigned char v[8];
	char name[96];
	DBT key, data;
	int ret;

	counts_key(d, value, name, sizeof name, &key, &data);
	if (n == 0) {
		ret = t->st->control->del(t->st->control, t->txn, &key, 0);
		if (ret == DB_NOTFOUND)
			ret = 0;
	} else {
		buf_put_be64(v, n);
		data.data = v;
		data.size = sizeof v;
		ret = t->st->control->put(t->st->control, t->txn, &key, &data,
		    0);
	}
	return ret == 0 ? STATUS_OK : txn_fail(t, ret, "writing a count");
}

static enum status
counts_add(struct store_txn *t, const struct index_def *d, unsigned value,
    int delta)
{
	enum status rc;
	uint64_t n;

	if ((rc = counts_read(t, d, value, &n)) != STATUS_OK)
		return rc;

	/* A count below its entries is damage check reports; the act that
	 * found it goes on rather than stop a clerk's work over a number. */
	if (delta < 0 && n == 0) {
		log_warn("store: %s: the count of %u was already 0", d->file,
		    value);
		return STATUS_OK;
	}
	return counts_write(t, d, value, delta < 0 ? n - 1 : n + 1);
}

enum status
counts_update(struct store_txn *t, const struct index_def *d,
    const void *old, const void *new_)
{
	const struct index_part *p = &d->parts[0];
	enum status rc = STATUS_OK;
	unsigned a = 0, b = 0;

	if (old != NULL)
		a = (unsigned) codec_get_uint(old, p->offset, p->type);
	if (new_ != NULL)
		b = (unsigned) codec_get_uint(new_, p->offset, p->type);
	if (old != NULL && new_ != NULL && a == b)
		return STATUS_OK;
	if (old != NULL)
		rc = counts_add(t, d, a, -1);
	if (rc == STATUS_OK && new_ != NULL)
		rc = counts_add(t, d, b, 1);
	return rc;
}

enum status
counts_tally(struct store_txn *t, const struct index_def *d,
    uint64_t tally[COUNTS_VALUES])
{
	DB *db = t->st->index_db[d->idx];
	DBT key, data;
	DBC *c;
	int ret;

	memset(tally, 0, COUNTS_VALUES * sizeof *tally);
	if (db == NULL)
		return STATUS_CORRUPT;
	if ((ret = db->cursor(db, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "counting an index");
	store_dbt_init(&key);
	store_dbt_init(&data);
	while ((ret = c->get(c, &key, &data, DB_NEXT)) == 0)
		if (key.size > 0)
			tally[((const unsigned char *) key.data)[0]]++;
	c->close(c);
	if (ret != DB_NOTFOUND)
		return txn_fail(t, ret, "counting an index");
	return STATUS_OK;
}

enum status
counts_rebuild(struct store_txn *t, enum store_index idx)
{
	const struct index_def *d = index_def_of(idx);
	uint64_t tally[COUNTS_VALUES];
	enum status rc;
	unsigned v;

	if (!counts_counted(d))
		return STATUS_INVALID;
	if ((rc = txn_writable(t)) != STATUS_OK ||
	    (rc = counts_tally(t, d, tally)) != STATUS_OK)
		return rc;
	for (v = 0; v < COUNTS_VALUES && rc == STATUS_OK; v++)
		rc = counts_write(t, d, v, tally[v]);
	log_info("store: counted %s", d->file);
	return rc;
}
