/*
 * testhook.c -- the hooks of store_test.h, for the store's own tests:
 * the codec reached directly, and writes that bypass the store's
 * invariants so that a test can plant the faults store_check must find.
 *
 * The program never calls these.
 */
#include <config.h>

#include <string.h>

#include "store/store_int.h"
#include "store/store_test.h"

void
store_test_encode(enum rec_kind kind, const void *rec, struct buf *out)
{
	codec_encode_as(rec_type_of(kind), rec, pack_level(), out);
}

enum status
store_test_decode(enum rec_kind kind, const void *data, size_t n, void *rec)
{
	return codec_decode(rec_type_of(kind), data, n, rec);
}

enum status
store_test_get_bytes(struct store_txn *txn, enum rec_kind kind, uint64_t id,
    struct buf *out)
{
	unsigned char kbuf[8];
	DBT key, value;
	enum status rc;
	DB *db;
	int ret;

	if ((rc = txn_kind_db(txn, kind, &db)) != STATUS_OK)
		return rc;
	store_id_key(&key, kbuf, id);
	store_dbt_init(&value);
	ret = db->get(db, txn->txn, &key, &value, 0);
	if (ret == DB_NOTFOUND)
		return STATUS_NOT_FOUND;
	if (ret != 0)
		return txn_fail(txn, ret, "test get");
	buf_add(out, value.data, value.size);
	return STATUS_OK;
}

enum status
store_test_put_bytes(struct store_txn *txn, enum rec_kind kind, uint64_t id,
    const void *data, size_t n)
{
	unsigned char kbuf[8];
	DBT key, value;
	enum status rc;
	DB *db;
	int ret;

	if ((rc = txn_writable(txn)) != STATUS_OK ||
	    (rc = txn_kind_db(txn, kind, &db)) != STATUS_OK)
		return rc;
	store_id_key(&key, kbuf, id);
	store_dbt_init(&value);
	value.data = (void *) data;
	value.size = (u_int32_t) n;
	ret = db->put(db, txn->txn, &key, &value, 0);
	return ret == 0 ? STATUS_OK : txn_fail(txn, ret, "test put");
}

enum status
store_test_put_unindexed(struct store_txn *txn, enum rec_kind kind,
    const void *rec)
{
	struct buf b;
	uint64_t id;
	enum status rc;

	memcpy(&id, rec, sizeof id);
	buf_init(&b);
	codec_encode_as(rec_type_of(kind), rec, pack_level(), &b);
	rc = store_test_put_bytes(txn, kind, id, b.data, b.len);
	buf_free(&b);
	return rc;
}

enum status
store_test_del_unindexed(struct store_txn *txn, enum rec_kind kind,
    uint64_t id)
{
	unsigned char kbuf[8];
	enum status rc;
	DBT key;
	DB *db;
	int ret;

	if ((rc = txn_writable(txn)) != STATUS_OK ||
	    (rc = txn_kind_db(txn, kind, &db)) != STATUS_OK)
		return rc;
	store_id_key(&key, kbuf, id);
	ret = db->del(db, txn->txn, &key, 0);
	return ret == 0 ? STATUS_OK : txn_fail(txn, ret, "test delete");
}

enum status
store_test_errno_status(int err)
{
	return env_status(err);
}

enum status
store_test_rebuild_index(struct store_txn *txn, enum store_index idx)
{
	return index_rebuild(txn, idx);
}

enum status
store_test_put_count(struct store_txn *txn, enum store_index idx,
    unsigned value, uint64_t n)
{
	const struct index_def *d = index_def_of(idx);
	enum status rc;

	if (!counts_counted(d) || value >= COUNTS_VALUES)
		return STATUS_INVALID;
	if ((rc = txn_writable(txn)) != STATUS_OK)
		return rc;
	return counts_write(txn, d, value, n);
}
