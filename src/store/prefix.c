/*
 * prefix.c -- the numeric index files kept prefix-compressed (schema
 * 10): which files are, making new ones so, and the upgrade step that
 * rewrites an older workspace's files compressed.
 *
 * A numeric index entry is its fields then the id, and neighbours share
 * most of those bytes; Berkeley DB's default btree compression stores
 * each key as what differs from the one before.  Measured on a
 * 10,000-document workspace: the approver's indexes 0.056 to 0.009 KiB
 * a document each, the trail by time 0.26 to 0.16, the index files 1.0
 * to 0.53 in all.  Each entry put costs more (72 us against 4.5, one at
 * a time, appending), which made generating documents about 30 %
 * slower.  The unique string indexes and the record files do not gain,
 * and are left as they are, and so are the indexes read backwards
 * (prefix_wanted).
 *
 * What Berkeley DB 5.3 does, measured: the flag lives in the file's meta
 * page, so a compressed file is opened (and written, compressed) by a
 * handle that never asked for it, and store.c opens every file as
 * before; asking for it on a file made without it fails with EINVAL, so
 * it is asked only when the open creates the file.  Removing a file and
 * renaming another onto its name in one transaction left no file under
 * the name after recovery, committed or not; renaming the old file away
 * and the new one onto its name, then removing the old one in a later
 * transaction, left either file whole after a kill at any point.
 *
 * This file decides no key's layout (index.c): the step copies the old
 * file's entries as they are, in their order; check compares them with
 * the records afterwards as before.
 */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_int.h"
#include "store/store_test.h"

#define PREFIX_KEY_MAX	64	/* a numeric key: 3 fields and the id */
/* A bulk put's buffer: a thousand keys or more. */
#define PREFIX_BULK_BYTES	(64u * 1024)

static unsigned prefix_test_kill;	/* store_test_kill_prefix */
static unsigned prefix_test_parts;

void
store_test_kill_prefix(unsigned part)
{
	prefix_test_kill = part;
	prefix_test_parts = 0;
}

/*
 * The lists walked newest first (docview.c: every document, a drafter's
 * own; printjobs.c) read their index backwards (index_def.backwards,
 * set where the index is defined), and a step back in a
 * compressed page decodes its keys again from the page's start:
 * measured, 10,000 keys of doc-by-updated walked backwards in 5.5 ms
 * compressed, 1.35 plain (forwards 1.1 and 1.3), the list of every
 * document 17 ms against 21.  Left plain, they cost about 0.03 KiB a
 * document of the 0.3 compression saves.
 */
int
prefix_wanted(const struct index_def *d)
{
	return d != NULL && d->unique_str == 0 && !d->backwards;
}

int
store_test_compressed(enum store_index idx)
{
	return prefix_wanted(index_def_of(idx));
}

int
prefix_configure(struct store *st, DB *db, const char *file,
    u_int32_t flags)
{
	char *path;
	struct stat sb;
	int exists;

	if (!(flags & DB_CREATE) || schema_current() < PREFIX_SCHEMA)
		return 0;
	path = xasprintf("%s/%s", st->home, file);
	exists = stat(path, &sb) == 0;
	free(path);
	return exists ? 0 : db->set_bt_compress(db, NULL, NULL);
}

int
prefix_compressed(DB *db)
{
	int (*comp)(DB *, const DBT *, const DBT *, const DBT *, const DBT *,
	    DBT *) = NULL;
	int (*decomp)(DB *, const DBT *, const DBT *, DBT *, DBT *,
	    DBT *) = NULL;

	if (db->get_bt_compress(db, &comp, &decomp) != 0)
		return 0;
	return comp != NULL;
}

void
prefix_close(struct store *st)
{
	if (st->prefix_db != NULL)
		st->prefix_db->close(st->prefix_db, DB_NOSYNC);
	st->prefix_db = NULL;
}

/* Does index IDX's file still want rewriting? */
static int
prefix_due(const struct store *st, enum store_index idx)
{
	DB *db = st->index_db[idx];

	return prefix_wanted(index_def_of(idx)) && db != NULL &&
	    !prefix_compressed(db);
}

/* Remove FILE if it is there, or the placeholder a removal killed before
 * its commit leaves under its name (schema.c tells of it). */
static enum status
prefix_drop(struct store_txn *t, const char *file)
{
	int ret = t->st->env->dbremove(t->st->env, t->txn, file, NULL, 0);
	char *path;

	if (ret == ENOENT) {
		path = xasprintf("%s/%s", t->st->home, file);
		ret = unlink(path) == 0 || errno == ENOENT ? 0 : errno;
		free(path);
	}
	if (ret != 0)
		return txn_fail(t, ret, "removing an index file replaced");
	return STATUS_OK;
}

/* The cursor C on the first entry of the old file after the last one
 * the new file NEW holds (the first of all when it holds none). */
static int
prefix_seek(struct store_txn *t, DB *new_, DBC *c, DBT *key, DBT *data)
{
	unsigned char last[PREFIX_KEY_MAX];
	u_int32_t len = 0;
	DBC *nc;
	int ret;

	if ((ret = new_->cursor(new_, t->txn, &nc, 0)) != 0)
		return ret;
	ret = nc->get(nc, key, data, DB_LAST);
	if (ret == 0 && key->size > sizeof last)
		ret = EINVAL;
	if (ret == 0)
		memcpy(last, key->data, len = key->size);
	nc->close(nc);
	if (ret == DB_NOTFOUND)
		return c->get(c, key, data, DB_FIRST);
	if (ret != 0)
		return ret;

	key->data = last;
	key->size = len;
	ret = c->get(c, key, data, DB_SET_RANGE);
	if (ret == 0 && key->size == len && memcmp(key->data, last, len) == 0)
		ret = c->get(c, key, data, DB_NEXT);
	return ret;
}

/* Open (making it, compressed, in its first part) the new file of index
 * D: its name with ".new" added, which no open of a workspace reads. */
static enum status
prefix_open_new(struct store_txn *t, const struct index_def *d)
{
	char *file;
	enum status rc;

	if (t->st->prefix_db != NULL)
		return STATUS_OK;
	file = xasprintf("%s.new", d->file);
	rc = store_open_db(t->st, t->txn, file, STORE_INDEX_PAGE, DB_CREATE,
	    1, &t->st->prefix_db);
	free(file);
	if (rc == STATUS_OK && !prefix_compressed(t->st->prefix_db)) {
		log_error("store: %s.new is not compressed", d->file);
		rc = STATUS_CORRUPT;
	}
	return rc;
}

/* Put the entries of BULK (N of them) into the new file, the buffer
 * made ready for the next ones. */
static int
prefix_flush(struct store_txn *t, DBT *bulk, void **p, size_t *n)
{
	DBT none;
	int ret = 0;

	store_dbt_init(&none);
	if (*n > 0)
		ret = t->st->prefix_db->put(t->st->prefix_db, t->txn, bulk,
		    &none, DB_MULTIPLE_KEY);
	*n = 0;
	DB_MULTIPLE_WRITE_INIT(*p, bulk);
	return ret;
}

/* Add entry (KEY, DATA) to BULK, flushing it first when it is full. */
static int
prefix_add(struct store_txn *t, DBT *bulk, void **p, size_t *n,
    const DBT *key, const DBT *data)
{
	static unsigned char empty;	/* a copy from NULL is undefined */
	int ret;

	DB_MULTIPLE_KEY_WRITE_NEXT(*p, bulk, key->data, key->size,
	    data->size > 0 ? data->data : &empty, data->size);
	if (*p != NULL) {
		++*n;
		return 0;
	}
	if (*n == 0)
		return EINVAL;		/* an entry larger than the buffer */
	if ((ret = prefix_flush(t, bulk, p, n)) != 0)
		return ret;
	return prefix_add(t, bulk, p, n, key, data);
}

/*
 * Copy at most MAX entries of index D's file into the new one, from
 * where the new one ends; *WROTE how many, *END when none is left.  In
 * bulk puts: one entry at a time took 72 us into a compressed file
 * (4.5 us into a plain one), a thousand at once about 1 us each.
 */
static enum status
prefix_copy(struct store_txn *t, const struct index_def *d, size_t max,
    size_t *wrote, int *end)
{
	DB *old = t->st->index_db[d->idx];
	size_t n = 0;
	DBT key, data, bulk;
	void *p;
	DBC *c;
	int ret;

	*wrote = 0;
	*end = 0;
	if ((ret = old->cursor(old, t->txn, &c, 0)) != 0)
		return txn_fail(t, ret, "copying an index");
	store_dbt_init(&key);
	store_dbt_init(&data);
	store_dbt_init(&bulk);
	bulk.ulen = PREFIX_BULK_BYTES;
	bulk.data = xmalloc(bulk.ulen);
	bulk.flags = DB_DBT_USERMEM;
	DB_MULTIPLE_WRITE_INIT(p, &bulk);
	ret = prefix_seek(t, t->st->prefix_db, c, &key, &data);
	while (ret == 0 && *wrote < max) {
		if ((ret = prefix_add(t, &bulk, &p, &n, &key, &data)) != 0)
			break;
		/* Appended in order: the locks, not the count, bound it. */
		if (++*wrote % 1024 == 0 && ((ret = prefix_flush(t, &bulk,
		    &p, &n)) != 0 || env_locks_short(t->st, 0)))
			break;
		ret = c->get(c, &key, &data, DB_NEXT);
	}
	if (ret == 0 || ret == DB_NOTFOUND) {
		*end = ret == DB_NOTFOUND;
		ret = prefix_flush(t, &bulk, &p, &n);
	}
	c->close(c);
	free(bulk.data);
	return ret != 0 ? txn_fail(t, ret, "copying an index") : STATUS_OK;
}

/*
 * Put the new file of index D in the old one's place: the old renamed
 * to its name with ".old" added, the new onto the name, both in this
 * part's transaction, so that a crash leaves one or the other under the
 * name; the ".old" goes in the next part.  Nothing may have been
 * written through either handle in this transaction.
 */
static enum status
prefix_swap(struct store_txn *t, const struct index_def *d)
{
	struct store *st = t->st;
	char *newf = xasprintf("%s.new", d->file);
	char *oldf = xasprintf("%s.old", d->file);
	DB *old = st->index_db[d->idx];
	enum status rc = STATUS_OK;
	int ret, ret2;

	/* Both flushed first: with the new file closed DB_NOSYNC, a crash
	 * after its swap lost the entries of the part before (measured),
	 * which only the log held. */
	ret = st->prefix_db->close(st->prefix_db, 0);
	ret2 = old->close(old, 0);
	st->prefix_db = NULL;
	st->index_db[d->idx] = NULL;
	if (ret == 0)
		ret = ret2;
	if (ret == 0 && (ret = st->env->dbrename(st->env, t->txn, d->file,
	    NULL, oldf, 0)) == 0)
		ret = st->env->dbrename(st->env, t->txn, newf, NULL, d->file,
		    0);
	if (ret != 0) {
		rc = txn_fail(t, ret, "replacing an index file");
		goto out;
	}
	rc = store_open_db(st, t->txn, d->file, STORE_INDEX_PAGE, 0, 0,
	    &st->index_db[d->idx]);
	if (rc == STATUS_OK)
		log_info("store: %s rewritten compressed", d->file);
out:
	free(newf);
	free(oldf);
	return rc;
}

/* The ".old" file the swap of the index before POS[0] left, once. */
static enum status
prefix_drop_old(struct store_txn *t, uint64_t pos[2])
{
	char *file;
	enum status rc;

	if (pos[1] != 0)
		return STATUS_OK;
	pos[1] = 1;
	if (pos[0] == 0)
		return STATUS_OK;
	file = xasprintf("%s.old",
	    index_def_of((enum store_index) (pos[0] - 1))->file);
	rc = prefix_drop(t, file);
	free(file);
	return rc;
}

/*
 * POS[0] is the index under way; POS[1] is 0 until the ".old" file of
 * the one before is gone.  A part copies entries of one index into its
 * new file; the part after the one that found none left, writing
 * nothing, swaps the files.  Killed anywhere, the step goes on from what
 * the new file holds.
 */
enum status
prefix_upgrade_part(struct store_txn *t, uint64_t pos[2], size_t max,
    int *done)
{
	const struct index_def *d;
	enum status rc;
	size_t wrote;
	int end;

	*done = 0;
	if ((rc = prefix_drop_old(t, pos)) != STATUS_OK)
		return rc;
	while (pos[0] < IDX__COUNT &&
	    !prefix_due(t->st, (enum store_index) pos[0]))
		pos[0]++;
	if (pos[0] >= IDX__COUNT) {
		*done = 1;
		return STATUS_OK;
	}

	d = index_def_of((enum store_index) pos[0]);
	if ((rc = prefix_open_new(t, d)) != STATUS_OK ||
	    (rc = prefix_copy(t, d, max, &wrote, &end)) != STATUS_OK)
		return rc;
	if (end && wrote == 0) {
		if ((rc = prefix_swap(t, d)) != STATUS_OK)
			return rc;
		pos[0]++;
		pos[1] = 0;
	}
	if (prefix_test_kill != 0 && ++prefix_test_parts == prefix_test_kill)
		raise(SIGKILL);	/* the test's kill, before the commit */
	return store_upgrade_again(t, pos);
}
