/*
 * pack.c -- the upgrade to schema 8: every version already stored is
 * written again in the packed form of its long fields (codec.c, zip.c);
 * and to schema 10: every version and audit entry written again with
 * its short fields packed against the built-in dictionaries (dict.c).
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
 * An audit entry's chain hash is over its canonical encoding (the core's
 * audit.c), never over the stored bytes, so packing changes no hash
 * either.  It must not change a field's value: a record that does not
 * decode is left as it was, for check to report.  Packing frees pages
 * but a Berkeley DB file never shrinks by itself, so version.db (and
 * audit.db) are compacted once the upgrade is over (compact.c: the
 * library's own short transactions, so a crash leaves a sound file, only
 * a larger one), as control.db's note (control.c) asks: the note
 * outlives a crash, so the next open compacts again.
 */
#include <config.h>

#include <signal.h>
#include <string.h>

#include "store/store_int.h"
#include "store/store_test.h"

#define PACK_CHUNK	500		/* records a part */

/* Tests: versions a part, and parts before failing as if cut short
 * (0: the defaults). */
static unsigned pack_test_chunk, pack_test_rounds, pack_test_parts;
/* Tests: the part of packing before which the process is killed (0:
 * never), and the parts counted so far. */
static unsigned pack_test_kill_part, pack_test_killed_parts;

void
store_test_pack(unsigned chunk, unsigned rounds)
{
	pack_test_chunk = chunk;
	pack_test_rounds = rounds;
	pack_test_parts = 0;
}

void
store_test_pack_kill(unsigned part)
{
	pack_test_kill_part = part;
	pack_test_killed_parts = 0;
}

int
pack_level(void)
{
	unsigned schema = schema_current();

	return schema >= DICT_SCHEMA ? CODEC_PACK_DICT :
	    schema >= PACK_SCHEMA ? CODEC_PACK : CODEC_PLAIN;
}

/* Write the record of TYPE under C again, packed, when that is
 * shorter. */
static enum status
pack_one(struct store_txn *t, const struct rec_type *type, DBC *c,
    DBT *key, const DBT *data)
{
	union rec_any rec;
	struct buf value;
	DBT packed;
	enum status rc = STATUS_OK;
	int ret;

	if (codec_decode(type, data->data, data->size, &rec) != STATUS_OK) {
		log_error("store: a %s record does not decode; left as it was",
		    type->name);
		return STATUS_OK;
	}
	buf_init(&value);
	codec_encode_as(type, &rec, pack_level(), &value);
	codec_free(type, &rec);
	if (value.len < data->size) {
		store_dbt_init(&packed);
		packed.data = value.data;
		packed.size = (u_int32_t) value.len;
		if ((ret = c->put(c, key, &packed, DB_CURRENT)) != 0)
			rc = txn_fail(t, ret, "packing a record");
	}
	buf_free(&value);
	return rc;
}

/* Pack up to PACK_CHUNK records of KIND after *LAST (0: from the first)
 * and move *LAST on; *DONE after the last record. */
enum status
pack_kind_part(struct store_txn *t, enum rec_kind kind, uint64_t *last,
    int *done)
{
	unsigned chunk = pack_test_chunk != 0 ? pack_test_chunk : PACK_CHUNK;
	const struct rec_type *type = rec_type_of(kind);
	enum status rc = STATUS_OK;
	DBT key, data;
	unsigned n = 0;
	DBC *c;
	DB *db;
	int ret;

	*done = 0;
	if (pack_test_rounds != 0 && pack_test_parts++ == pack_test_rounds)
		return STATUS_IO;	/* the test's cut */
	if (pack_test_kill_part != 0 &&
	    ++pack_test_killed_parts == pack_test_kill_part)
		raise(SIGKILL);		/* the test's kill */
	if ((rc = txn_writable(t)) != STATUS_OK ||
	    (rc = txn_kind_db(t, kind, &db)) != STATUS_OK)
		return rc;
	if ((ret = db->cursor(db, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "packing the records");

	store_dbt_init(&key);
	store_dbt_init(&data);
	ret = index_seek_after(c, *last, &key, &data);
	while (ret == 0 && rc == STATUS_OK && n++ < chunk) {
		if (key.size != 8) {
			rc = STATUS_CORRUPT;
			break;
		}
		rc = pack_one(t, type, c, &key, &data);
		*last = buf_read_be64(key.data);
		ret = c->get(c, &key, &data, DB_NEXT);
	}
	if (ret != 0 && ret != DB_NOTFOUND && rc == STATUS_OK)
		rc = txn_fail(t, ret, "packing the records");
	c->close(c);
	*done = rc == STATUS_OK && ret == DB_NOTFOUND;
	return rc;
}

enum status
pack_versions_part(struct store_txn *t, uint64_t *last, int *done)
{
	return pack_kind_part(t, REC_VERSION, last, done);
}

/* The files compacted after an upgrade, in turn: the versions (every
 * packing step) and the trail (schema 10). */
static const struct {
	enum rec_kind	 kind;
	const char	*file;
} pack_compacted[] = {
	{ REC_VERSION, "version.db" },
	{ REC_AUDIT, "audit.db" }
};
#define PACK_NFILES	(sizeof pack_compacted / sizeof pack_compacted[0])

/* One transaction on control.db's note of the compaction due: read
 * into *DUE, or dropped when DROP. */
static enum status
pack_note(struct store *st, int drop, uint64_t *due)
{
	struct store_txn t = { st, NULL, drop ? STORE_WRITE : STORE_READ, 0 };
	enum status rc;
	int ret;

	ret = st->env->txn_begin(st->env, NULL, &t.txn,
	    DB_TXN_NOWAIT | DB_READ_COMMITTED);
	if (ret != 0)
		return env_fail(ret, "noting the compaction in", st->home);
	rc = drop ? control_put_compact(&t, 0) :
	    control_get_compact(&t, due);
	if (rc != STATUS_OK || t.dberr != 0) {
		t.txn->abort(t.txn);
		return rc != STATUS_OK ? rc : env_status(t.dberr);
	}
	if ((ret = t.txn->commit(t.txn, 0)) != 0)
		return env_fail(ret, "noting the compaction in", st->home);
	return STATUS_OK;
}

/*
 * Give the pages packing freed back to the file system (compact.c, two
 * passes a file); the note goes once both files are done, so a process
 * killed on the way leaves the compaction to the next open, which starts
 * it again.  A failure leaves the note too: the files only keep some
 * free pages meanwhile.
 */
void
pack_compact(struct store *st)
{
	enum status rc = STATUS_OK;
	uint64_t due = 0;
	unsigned k;
	DB *db;

	if (pack_note(st, 0, &due) != STATUS_OK || due == 0)
		return;
	log_info("store: compacting after the upgrade");
	for (k = 0; rc == STATUS_OK && k < PACK_NFILES; k++) {
		db = st->kind_db[pack_compacted[k].kind];
		if (db != NULL)
			rc = compact_db(db, pack_compacted[k].file, 2);
	}
	if (rc == STATUS_OK)
		pack_note(st, 1, &due);
}
