/*
 * pack.c -- the upgrade to schema 8: every version already stored is
 * written again in the packed form of its long fields (codec.c, zip.c).
 *
 * Only a version's bytes change: its fields, hence its index entries,
 * daily totals and the core's content hash, stay as they were, so
 * nothing but version.db is touched, and a version plain or packed reads
 * the same.  A transaction holds a lock on every page it changes, and
 * one pass over version.db would need about 110,000 of the
 * environment's 50,000 locks at 1,000,000 documents (1,126 were
 * measured at 10,000), so the upgrade step (schema.c) packs PACK_CHUNK
 * versions a part, one record held at a time.
 *
 * It must not change a field's value: a record that does not decode is
 * left as it was, for check to report.  Packing frees pages but a
 * Berkeley DB file never shrinks by itself, so version.db is compacted
 * once the upgrade is over, in the library's own short transactions (a
 * crash then leaves a sound file, only a larger one), as control.db's
 * note (control.c) asks: the note outlives a crash, so the next open
 * finishes the compaction.
 */
#include <config.h>

#include <signal.h>
#include <string.h>

#include "store/store_int.h"
#include "store/store_test.h"

#define PACK_CHUNK	500		/* versions a part */
/* Ids compacted a call: one call over the whole file took a lock on
 * each of its pages at once (1,122 at 10,000 documents). */
#define PACK_COMPACT_IDS	5000

/* Tests: versions a part, and parts before failing as if cut short
 * (0: the defaults). */
static unsigned pack_test_chunk, pack_test_rounds, pack_test_parts;
/* Tests: ids compacted a range, and the range before which the process
 * is killed (0: the default, and never). */
static uint64_t pack_test_ids;
static unsigned pack_test_kill;

void
store_test_pack(unsigned chunk, unsigned rounds)
{
	pack_test_chunk = chunk;
	pack_test_rounds = rounds;
	pack_test_parts = 0;
}

void
store_test_compact(unsigned ids, unsigned kill_at)
{
	pack_test_ids = ids;
	pack_test_kill = kill_at;
}

/* Write the record under C again, packed, when that is shorter. */
static enum status
pack_one(struct store_txn *t, DBC *c, DBT *key, const DBT *data)
{
	union rec_any rec;
	struct buf value;
	DBT packed;
	enum status rc = STATUS_OK;
	int ret;

	if (codec_decode(&rec_version_type, data->data, data->size, &rec) !=
	    STATUS_OK) {
		log_error("store: a version record does not decode; left as "
		    "it was");
		return STATUS_OK;
	}
	buf_init(&value);
	codec_encode(&rec_version_type, &rec, &value);
	codec_free(&rec_version_type, &rec);
	if (value.len < data->size) {
		store_dbt_init(&packed);
		packed.data = value.data;
		packed.size = (u_int32_t) value.len;
		if ((ret = c->put(c, key, &packed, DB_CURRENT)) != 0)
			rc = txn_fail(t, ret, "packing a version");
	}
	buf_free(&value);
	return rc;
}

/* Pack up to PACK_CHUNK versions after *LAST (0: from the first) and
 * move *LAST on; *DONE after the last version. */
enum status
pack_versions_part(struct store_txn *t, uint64_t *last, int *done)
{
	unsigned chunk = pack_test_chunk != 0 ? pack_test_chunk : PACK_CHUNK;
	enum status rc = STATUS_OK;
	DBT key, data;
	unsigned n = 0;
	DBC *c;
	DB *db;
	int ret;

	*done = 0;
	if (pack_test_rounds != 0 && pack_test_parts++ == pack_test_rounds)
		return STATUS_IO;	/* the test's cut */
	if ((rc = txn_writable(t)) != STATUS_OK ||
	    (rc = txn_kind_db(t, REC_VERSION, &db)) != STATUS_OK)
		return rc;
	if ((ret = db->cursor(db, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "packing the versions");

	store_dbt_init(&key);
	store_dbt_init(&data);
	ret = index_seek_after(c, *last, &key, &data);
	while (ret == 0 && rc == STATUS_OK && n++ < chunk) {
		if (key.size != 8) {
			rc = STATUS_CORRUPT;
			break;
		}
		rc = pack_one(t, c, &key, &data);
		*last = buf_read_be64(key.data);
		ret = c->get(c, &key, &data, DB_NEXT);
	}
	if (ret != 0 && ret != DB_NOTFOUND && rc == STATUS_OK)
		rc = txn_fail(t, ret, "packing the versions");
	c->close(c);
	*done = rc == STATUS_OK && ret == DB_NOTFOUND;
	return rc;
}

/* The highest version id: where compacting stops. */
static uint64_t
pack_top(DB *db)
{
	DBT key, data;
	uint64_t top = 0;
	DBC *c;

	if (db->cursor(db, NULL, &c, DB_READ_COMMITTED) != 0)
		return 0;
	store_dbt_init(&key);
	store_dbt_init(&data);
	data.flags = DB_DBT_PARTIAL;	/* the key is enough */
	if (c->get(c, &key, &data, DB_LAST) == 0 && key.size == 8)
		top = buf_read_be64(key.data);
	c->close(c);
	return top;
}

/* One transaction on control.db's note of the compaction due: *FROM
 * read, or written when WRITE (0 drops it). */
static enum status
pack_note(struct store *st, int write, uint64_t *from)
{
	struct store_txn t = { st, NULL, write ? STORE_WRITE : STORE_READ, 0 };
	enum status rc;
	int ret;

	ret = st->env->txn_begin(st->env, NULL, &t.txn,
	    DB_TXN_NOWAIT | DB_READ_COMMITTED);
	if (ret != 0)
		return env_fail(ret, "noting the compaction in", st->home);
	rc = write ? control_put_compact(&t, *from) :
	    control_get_compact(&t, from);
	if (rc != STATUS_OK || t.dberr != 0) {
		t.txn->abort(t.txn);
		return rc != STATUS_OK ? rc : env_status(t.dberr);
	}
	if ((ret = t.txn->commit(t.txn, 0)) != 0)
		return env_fail(ret, "noting the compaction in", st->home);
	return STATUS_OK;
}

/* Compact the versions FIRST to FIRST + IDS - 1, counting into *FREED
 * the pages given back. */
static int
pack_compact_range(DB *db, uint64_t first, uint64_t ids,
    unsigned long *freed)
{
	unsigned char lo[8], hi[8];
	DBT start, stop;
	DB_COMPACT c;
	int ret;

	store_id_key(&start, lo, first);
	store_id_key(&stop, hi, first + ids - 1);
	memset(&c, 0, sizeof c);
	ret = db->compact(db, NULL, &start, &stop, &c, DB_FREE_SPACE, NULL);
	*freed += (unsigned long) c.compact_pages_truncated;
	return ret;
}

/*
 * Give the pages packing freed back to the file system, a range of ids
 * at a time, from where control.db's note says; the note moves on after
 * each range and goes when the last is done, so a process killed on the
 * way leaves the rest to the next open.  A failure leaves the note too:
 * the file only keeps some free pages meanwhile.
 */
void
pack_compact(struct store *st)
{
	DB *db = st->kind_db[REC_VERSION];
	uint64_t ids = pack_test_ids != 0 ? pack_test_ids : PACK_COMPACT_IDS;
	uint64_t first, next, top;
	unsigned long freed = 0;
	unsigned ranges = 0;
	enum status rc;
	int ret = 0;

	if (db == NULL || (rc = pack_note(st, 0, &first)) != STATUS_OK ||
	    first == 0)
		return;
	top = pack_top(db);
	log_info("store: compacting version.db from version %llu",
	    (unsigned long long) first);
	for (; ret == 0 && rc == STATUS_OK && first <= top; first = next) {
		if (++ranges == pack_test_kill)
			raise(SIGKILL);		/* the test's kill */
		ret = pack_compact_range(db, first, ids, &freed);
		next = first + ids;
		if (ret == 0)
			rc = pack_note(st, 1, &next);
	}
	next = 0;
	if (ret == 0 && rc == STATUS_OK)
		rc = pack_note(st, 1, &next);	/* over */
	if (ret != 0 || rc != STATUS_OK)
		log_warn("store: compacting version.db: %s; it keeps some free "
		    "pages until the next open", ret != 0 ? db_strerror(ret) :
		    status_name(rc));
	log_info("store: version.db compacted, %lu pages given back", freed);
}
