/*
 * record.c -- reading and writing records by id inside a transaction:
 * store_put, store_get, store_del, store_last_id and store_scan_all, and
 * the bookkeeping every operation shares (dooming a transaction on a
 * Berkeley DB error).
 *
 * Ids come from per-kind sequences in control.db, advanced in the same
 * transaction as the record, so an id is never skipped by a crash nor
 * reused after a delete.  Must not decide what a record may contain
 * beyond the invariants the store itself guarantees (role sets, unique
 * names): the rules belong to src/core.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"

void
store_dbt_init(DBT *d)
{
	memset(d, 0, sizeof *d);
}

void
store_id_key(DBT *key, unsigned char buf[8], uint64_t id)
{
	buf_put_be64(buf, id);
	store_dbt_init(key);
	key->data = buf;
	key->size = 8;
}

/*
 * Any Berkeley DB error dooms the transaction: even if FN ignores the
 * status, store_run aborts (and retries after a deadlock, or recovers).
 * Deadlocks are routine and logged quietly.
 */
enum status
txn_fail(struct store_txn *t, int ret, const char *what)
{
	if (t->dberr == 0)
		t->dberr = ret;
	if (ret == DB_LOCK_DEADLOCK || ret == DB_LOCK_NOTGRANTED) {
		log_debug("store: %s: %s; the transaction will be retried",
		    what, db_strerror(ret));
		return STATUS_BUSY;
	}
	/* The cache full of pages that cannot be written: a full disk. */
	if (ret == ENOMEM && t->st->no_space) {
		env_fail(ret, what, NULL);
		return STATUS_NO_SPACE;
	}
	return env_fail(ret, what, NULL);
}

enum status
txn_writable(struct store_txn *t)
{
	if (t->mode == STORE_WRITE && !(t->st->flags & STORE_RDONLY))
		return STATUS_OK;
	log_error("store: a write inside a read transaction");
	return STATUS_INVALID;
}

enum status
txn_kind_db(struct store_txn *t, enum rec_kind kind, DB **db)
{
	*db = t->st->kind_db[kind];
	if (*db != NULL)
		return STATUS_OK;
	log_error("store: %s records are unavailable: their file is damaged",
	    rec_kind_name(kind));
	return STATUS_CORRUPT;
}

enum status
record_read(struct store_txn *t, const struct rec_type *type, uint64_t id,
    void *rec, u_int32_t flags)
{
	unsigned char kbuf[8];
	DBT key, data;
	enum status rc;
	DB *db;
	int ret;

	memset(rec, 0, type->size);
	if ((rc = txn_kind_db(t, type->kind, &db)) != STATUS_OK)
		return rc;
	store_id_key(&key, kbuf, id);
	store_dbt_init(&data);
	ret = db->get(db, t->txn, &key, &data, flags);
	if (ret == DB_NOTFOUND)
		return STATUS_NOT_FOUND;
	if (ret != 0)
		return txn_fail(t, ret, "reading a record");

	if ((rc = codec_decode(type, data.data, data.size, rec)) != STATUS_OK) {
		log_error("store: %s %llu does not decode", type->name,
		    (unsigned long long) id);
		return rc;
	}
	memcpy(rec, &id, sizeof id);
	if ((rc = splice_in(t, type, rec)) != STATUS_OK)
		codec_free(type, rec);
	return rc;
}

/* The id REC gets: the next of the sequence, or its own (which then
 * moves the sequence on, so it is never handed out again). */
static enum status
record_assign_id(struct store_txn *t, enum rec_kind kind, uint64_t *id)
{
	uint64_t seq;
	enum status rc;

	if ((rc = control_get_seq(t, kind, &seq, DB_RMW)) != STATUS_OK)
		return rc;
	if (*id == 0)
		*id = seq + 1;
	if (*id <= seq)
		return STATUS_OK;
	return control_put_seq(t, kind, *id);
}

static enum status
record_write(struct store_txn *t, const struct rec_type *type, DB *db,
    uint64_t id, const void *rec)
{
	unsigned char kbuf[8];
	struct buf value;
	DBT key, data;
	enum status rc;
	int ret;

	buf_init(&value);
	if ((rc = splice_encode(t, type, rec, pack_level(), &value)) !=
	    STATUS_OK) {
		buf_free(&value);
		return rc;
	}
	if (value.len > CODEC_MAX_RECORD) {
		log_error("store: %s %llu is too large (%zu bytes)", type->name,
		    (unsigned long long) id, value.len);
		buf_free(&value);
		return STATUS_TOO_LARGE;
	}
	store_id_key(&key, kbuf, id);
	store_dbt_init(&data);
	data.data = value.data;
	data.size = (u_int32_t) value.len;
	ret = db->put(db, t->txn, &key, &data, 0);
	mem_wipe(value.data, value.len);	/* it may hold a password hash */
	buf_free(&value);
	return ret == 0 ? STATUS_OK : txn_fail(t, ret, "writing a record");
}

enum status
store_put(struct store_txn *t, enum rec_kind kind, void *rec)
{
	const struct rec_type *type = rec_type_of(kind);
	union rec_any old;
	const void *oldp = &old;
	uint64_t id;
	enum status rc;
	DB *db;

	if (type == NULL || rec == NULL)
		return STATUS_INVALID;
	if ((rc = txn_writable(t)) != STATUS_OK ||
	    (rc = txn_kind_db(t, kind, &db)) != STATUS_OK)
		return rc;
	if (type->validate != NULL && (rc = type->validate(rec)) != STATUS_OK)
		return rc;
	if (kind == REC_DOC && (rc = steps_derive(t, rec)) != STATUS_OK)
		return rc;

	memcpy(&id, rec, sizeof id);
	if ((rc = record_assign_id(t, kind, &id)) != STATUS_OK)
		return rc;

	rc = record_read(t, type, id, &old, DB_RMW);
	if (rc == STATUS_NOT_FOUND || rc == STATUS_CORRUPT) {
		/* A damaged old record is replaced; check reports any index
		 * entry it leaves behind. */
		oldp = NULL;
		rc = STATUS_OK;
	}
	/* Versions refer to a seal's SESeal and certificate (splice.c). */
	if (rc == STATUS_OK && kind == REC_SEAL && oldp != NULL &&
	    splice_seal_changed(oldp, rec)) {
		log_error("store: a seal's certificate and SESeal cannot "
		    "change");
		rc = STATUS_INVALID;
	}
	if (rc == STATUS_OK)
		rc = daysum_notify(t, kind, oldp, rec, 0);
	if (rc == STATUS_OK)
		rc = index_update(t, type, id, oldp, rec);
	if (rc == STATUS_OK)
		rc = record_write(t, type, db, id, rec);
	if (rc == STATUS_OK && kind == REC_AUDIT)
		rc = audtime_put(t, id, ((const struct rec_audit *) rec)->time);
	if (rc == STATUS_OK)
		rc = daysum_notify(t, kind, oldp, rec, 1);
	if (oldp != NULL)
		codec_free(type, &old);
	if (rc == STATUS_OK)
		memcpy(rec, &id, sizeof id);
	return rc;
}

enum status
store_get(struct store_txn *t, enum rec_kind kind, uint64_t id, void *rec)
{
	const struct rec_type *type = rec_type_of(kind);

	if (type == NULL || rec == NULL)
		return STATUS_INVALID;
	if (id == 0) {
		memset(rec, 0, type->size);
		return STATUS_NOT_FOUND;
	}
	return record_read(t, type, id, rec, 0);
}

enum status
store_del(struct store_txn *t, enum rec_kind kind, uint64_t id)
{
	const struct rec_type *type = rec_type_of(kind);
	unsigned char kbuf[8];
	union rec_any old;
	enum status rc;
	int told = 0;		/* the daily totals' observer was told */
	DBT key;
	DB *db;
	int ret;

	if (type == NULL)
		return STATUS_INVALID;
	if ((rc = txn_writable(t)) != STATUS_OK ||
	    (rc = txn_kind_db(t, kind, &db)) != STATUS_OK)
		return rc;

	rc = record_read(t, type, id, &old, DB_RMW);
	if (rc == STATUS_OK) {
		told = 1;
		if ((rc = daysum_notify(t, kind, &old, NULL, 0)) == STATUS_OK)
			rc = index_update(t, type, id, &old, NULL);
		codec_free(type, &old);
	} else if (rc == STATUS_CORRUPT) {
		rc = STATUS_OK;		/* remove it all the same */
	}
	if (rc != STATUS_OK)
		return rc;

	store_id_key(&key, kbuf, id);
	ret = db->del(db, t->txn, &key, 0);
	if (ret == 0 && kind == REC_AUDIT &&
	    (rc = audtime_del(t, id)) != STATUS_OK)
		return rc;
	if (ret == 0)
		return told ? daysum_notify(t, kind, NULL, NULL, 1) : STATUS_OK;
	return txn_fail(t, ret, "deleting a record");
}

enum status
store_last_id(struct store_txn *t, enum rec_kind kind, uint64_t *id)
{
	*id = 0;
	if (rec_type_of(kind) == NULL)
		return STATUS_INVALID;
	return control_get_seq(t, kind, id, 0);
}

enum status
store_scan_all(struct store_txn *t, enum rec_kind kind, store_each_fn fn,
    void *arg)
{
	return store_scan_ids(t, kind, 0, fn, arg);
}

/* One record of a scan by id: 1 stops the scan. */
static int
record_visit(struct store_txn *t, const struct rec_type *type, const DBT *key,
    const DBT *data, store_each_fn fn, void *arg, enum status *rc)
{
	union rec_any rec;
	uint64_t id;
	int stop;

	if (key->size != 8 || codec_decode(type, data->data, data->size,
	    &rec) != STATUS_OK) {
		log_error("store: a %s record does not decode", type->name);
		*rc = STATUS_CORRUPT;
		return 1;
	}
	id = buf_read_be64(key->data);
	memcpy(&rec, &id, sizeof id);
	if ((*rc = splice_in(t, type, &rec)) != STATUS_OK) {
		codec_free(type, &rec);
		return 1;
	}
	stop = fn(&rec, arg);
	codec_free(type, &rec);
	return stop;
}

enum status
store_scan_ids(struct store_txn *t, enum rec_kind kind, uint64_t first,
    store_each_fn fn, void *arg)
{
	const struct rec_type *type = rec_type_of(kind);
	unsigned char kbuf[8];
	enum status rc = STATUS_OK;
	DBT key, data;
	DBC *c;
	DB *db;
	int ret;

	if (type == NULL || fn == NULL)
		return STATUS_INVALID;
	if ((rc = txn_kind_db(t, kind, &db)) != STATUS_OK)
		return rc;
	if ((ret = db->cursor(db, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "opening a cursor");

	store_id_key(&key, kbuf, first);
	store_dbt_init(&data);
	ret = c->get(c, &key, &data, DB_SET_RANGE);
	while (ret == 0 &&
	    !record_visit(t, type, &key, &data, fn, arg, &rc))
		ret = c->get(c, &key, &data, DB_NEXT);
	if (ret != 0 && ret != DB_NOTFOUND)
		rc = txn_fail(t, ret, "reading records");
	if ((ret = c->close(c)) != 0 && rc == STATUS_OK)
		rc = txn_fail(t, ret, "closing a cursor");
	return rc;
}
