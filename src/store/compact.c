/*
 * compact.c -- giving a workspace's half-empty pages back to the file
 * system: every .db file compacted in parts, while clerks go on working.
 *
 * A Berkeley DB file never shrinks by itself: a record that grows or
 * moves (a document going through its steps, an index entry replaced)
 * leaves pages part empty, and measured at 10,000 generated documents
 * the files were 39-80 % full.  DB->compact(DB_FREE_SPACE) merges them,
 * and gives the free pages at the end of the file back; a second pass
 * moves the pages still in use at the end onto the free ones the first
 * pass left lower down, which the second pass then gives back too
 * (measured at 10,000 generated documents: 3.67 KiB a document, 3.06
 * after one pass, 2.78 after two; at 100,000: 3.62, 2.75 after two).
 *
 * The library compacts in short transactions of its own, but one call
 * over a big file keeps a lock on each page it visits (1,122 locks at
 * 10,000 documents for version.db alone, and the environment has
 * ENV_MAX_LOCKS), and the workspace lock (env.c) must be held for as
 * long as the call is inside the library, which keeps every clerk out
 * meanwhile.  So a file is compacted a part at a time: a part is the
 * range of keys holding about COMPACT_PART_BYTES of records, found by
 * walking the keys from where the last part ended, and the workspace
 * lock is taken and let go around each part.  A kill at any moment
 * leaves what the library's own transactions committed, which recovery
 * brings back sound; nothing but page layout changes.
 *
 * Must not change a record, read one's meaning, or wait for a clerk: a
 * lock conflict with a process outside the workspace lock (a db5.3
 * utility) is retried a few times, then the compaction stops there,
 * the workspace sound and the rest left for the next run.
 */
#include <config.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store_int.h"
#include "store/store_test.h"

/* Bytes of records a part: at 4 KiB pages half full, about 1,000 pages
 * and as many locks.  Measured: a compaction of the files of 100,000
 * documents (282 MB, about 300 parts) took 4.8 s, some 15 ms a part
 * on average: about what a clerk's act that comes during a part waits.
 * Parts as big as the files gave back no more at 10,000. */
#define COMPACT_PART_BYTES	(2u * 1024 * 1024)
/* Bytes a record takes on its page besides its key and data. */
#define COMPACT_ITEM_BYTES	12
/* Tries of a part that met a lock held outside the workspace lock. */
#define COMPACT_ATTEMPTS	5

/* Tests: records a part, and the part before which the process is
 * killed (0: by bytes, and never). */
static unsigned compact_test_records, compact_test_kill, compact_parts;

void
store_test_compact(unsigned records, unsigned kill_at)
{
	compact_test_records = records;
	compact_test_kill = kill_at;
	compact_parts = 0;
}

/* Keep a copy of key KEY of N bytes in OUT. */
static void
compact_keep(struct buf *out, const void *key, size_t n)
{
	buf_reset(out);
	buf_add(out, key, n);
}

/*
 * Walk the keys from START (none: the first) to the end of a part: STOP
 * gets the part's last key, NEXT the first of the next part; *DONE when
 * the part runs to the end of the file.
 */
static int
compact_bounds(DB *db, const struct buf *start, struct buf *stop,
    struct buf *next, int *done)
{
	size_t bytes = 0;
	unsigned n = 0;
	DBT key, data;
	DBC *c;
	int ret;

	*done = 0;
	if ((ret = db->cursor(db, NULL, &c, DB_READ_COMMITTED)) != 0)
		return ret;
	store_dbt_init(&key);
	store_dbt_init(&data);
	if (start->len != 0) {
		key.data = start->data;
		key.size = (u_int32_t) start->len;
		ret = c->get(c, &key, &data, DB_SET_RANGE);
	} else {
		ret = c->get(c, &key, &data, DB_FIRST);
	}
	for (; ret == 0; ret = c->get(c, &key, &data, DB_NEXT)) {
		if (compact_test_records != 0 ? n == compact_test_records :
		    bytes >= COMPACT_PART_BYTES)
			break;
		compact_keep(stop, key.data, key.size);
		bytes += key.size + data.size + COMPACT_ITEM_BYTES;
		n++;
	}
	if (ret == 0)
		compact_keep(next, key.data, key.size);
	else
		*done = 1;
	c->close(c);
	return ret == DB_NOTFOUND ? 0 : ret;
}

/* Compact the part of DB from START on, moving START to the next part;
 * *DONE after the last part.  Counts the pages given back in *FREED. */
static int
compact_part(DB *db, struct buf *start, int *done, unsigned long *freed)
{
	struct buf stop, next;
	DBT from, to;
	DB_COMPACT c;
	int ret;

	buf_init(&stop);
	buf_init(&next);
	if ((ret = compact_bounds(db, start, &stop, &next, done)) != 0)
		goto out;
	store_dbt_init(&from);
	store_dbt_init(&to);
	from.data = start->data;
	from.size = (u_int32_t) start->len;
	to.data = stop.data;
	to.size = (u_int32_t) stop.len;
	memset(&c, 0, sizeof c);
	ret = db->compact(db, NULL, start->len != 0 ? &from : NULL,
	    *done || stop.len == 0 ? NULL : &to, &c, DB_FREE_SPACE, NULL);
	*freed += (unsigned long) c.compact_pages_truncated;
	if (ret == 0 && !*done)
		compact_keep(start, next.data, next.len);
out:
	buf_free(&stop);
	buf_free(&next);
	return ret;
}

static int
compact_retryable(int ret)
{
	return ret == DB_LOCK_DEADLOCK || ret == DB_LOCK_NOTGRANTED;
}

static void
compact_nap(unsigned attempt)
{
	/* 2 ms, 4, 8 ... */
	struct timespec ts = { 0, 2000000L << attempt };

	nanosleep(&ts, NULL);
}

/* One part of DB, the workspace lock held: a lock conflict retried, a
 * test's kill raised.  Returns the library's error. */
static int
compact_part_retried(DB *db, struct buf *start, int *done,
    unsigned long *freed)
{
	unsigned attempt;
	int ret = 0;

	if (compact_test_kill != 0 && ++compact_parts == compact_test_kill)
		raise(SIGKILL);		/* the test's kill */
	for (attempt = 0; attempt < COMPACT_ATTEMPTS; attempt++) {
		ret = compact_part(db, start, done, freed);
		if (!compact_retryable(ret))
			break;
		compact_nap(attempt);
	}
	return ret;
}

enum status
compact_db(DB *db, const char *file, unsigned passes)
{
	unsigned long freed = 0;
	struct buf start;
	unsigned pass;
	int ret = 0, done;

	buf_init(&start);
	for (pass = 0; pass < passes && ret == 0; pass++) {
		start.len = 0;
		do
			ret = compact_part_retried(db, &start, &done, &freed);
		while (ret == 0 && !done);
	}
	buf_free(&start);
	if (ret != 0) {
		log_warn("store: compacting %s: %s; it keeps some free pages",
		    file, db_strerror(ret));
		return env_status(ret);
	}
	log_info("store: %s compacted, %lu pages given back", file, freed);
	return STATUS_OK;
}

/* -- The whole workspace, part by part ---------------------------------- */

/* The handle of the N'th file: control.db, the kinds, the indexes. */
static DB *
compact_handle(struct store *st, unsigned n)
{
	if (n == 0)
		return st->control;
	if (n <= REC__COUNT)
		return st->kind_db[n - 1];
	return st->index_db[n - 1 - REC__COUNT];
}

static char *
compact_file_name(unsigned n)
{
	if (n == 0)
		return xstrdup(STORE_CONTROL_FILE);
	if (n <= REC__COUNT)
		return xasprintf("%s.db", rec_kind_name((enum rec_kind) (n - 1)));
	return xstrdup(index_def_of((enum store_index) (n - 1 -
	    REC__COUNT))->file);
}

static uint64_t
compact_size(const struct store *st, const char *file)
{
	char *path = xasprintf("%s/%s", st->home, file);
	struct stat sb;
	uint64_t size = 0;

	if (stat(path, &sb) == 0)
		size = (uint64_t) sb.st_size;
	free(path);
	return size;
}

/* Take the workspace lock and bring the environment in line (as
 * store_run does). */
static enum status
compact_enter(struct store *st)
{
	enum status rc;

	if ((rc = wslock_take(st->home, &st->lock)) != STATUS_OK)
		return rc;
	st->in_run = 1;
	if ((rc = regions_space(st)) == STATUS_OK &&
	    (rc = store_sync(st)) == STATUS_OK && st->no_space)
		rc = env_checkpoint(st, 1);
	/* A process that died outside the lock left its transaction. */
	if (rc == STATUS_OK && (rc = env_failchk(st)) == STATUS_RECOVER)
		rc = store_reopen(st);
	if (rc != STATUS_OK) {
		st->in_run = 0;
		wslock_release(&st->lock);
	}
	return rc;
}

static void
compact_leave(struct store *st)
{
	env_checkpoint(st, 0);
	st->in_run = 0;
	wslock_release(&st->lock);
}

/* One part of file N, inside the workspace lock; the handle is looked
 * up each time, since a recovery by another process replaces it. */
static enum status
compact_file_part(struct store *st, unsigned n, const char *file,
    struct buf *start, int *done, unsigned long *freed)
{
	enum status rc;
	DB *db;
	int ret;

	if ((rc = compact_enter(st)) != STATUS_OK)
		return rc;
	db = compact_handle(st, n);
	ret = db != NULL ? compact_part_retried(db, start, done, freed) : 0;
	if (db == NULL)
		*done = 1;
	compact_leave(st);
	if (ret == DB_RUNRECOVERY)
		return STATUS_RECOVER;
	return ret == 0 ? STATUS_OK : env_fail(ret, "compacting", file);
}

/* File N, PASSES passes, into *C. */
static enum status
compact_file(struct store *st, unsigned n, unsigned passes,
    struct store_compacted *c)
{
	unsigned long freed = 0;
	struct buf start;
	unsigned pass, again = 0;
	enum status rc = STATUS_OK;
	int done;

	c->before = compact_size(st, c->file);
	buf_init(&start);
	for (pass = 0; pass < passes && rc == STATUS_OK; pass++) {
		start.len = 0;
		do {
			rc = compact_file_part(st, n, c->file, &start, &done,
			    &freed);
			/* Another process died inside: the next part's
			 * enter recovers, once. */
			if (rc == STATUS_RECOVER && again++ == 0)
				rc = STATUS_OK, done = 0;
		} while (rc == STATUS_OK && !done);
	}
	buf_free(&start);
	c->after = compact_size(st, c->file);
	c->pages = freed;
	return rc;
}

/* Tests: every key and value of every file, in order, into OUT. */
static enum status
compact_dump_txn(struct store_txn *t, void *arg)
{
	struct buf *out = arg;
	DBT key, data;
	unsigned n;
	DBC *c;
	DB *db;
	int ret = 0;

	buf_reset(out);
	for (n = 0; n <= REC__COUNT + IDX__COUNT && ret == 0; n++) {
		if ((db = compact_handle(t->st, n)) == NULL)
			continue;
		if ((ret = db->cursor(db, t->txn, &c, 0)) != 0)
			break;
		store_dbt_init(&key);
		store_dbt_init(&data);
		buf_add_u32(out, n);
		while ((ret = c->get(c, &key, &data, DB_NEXT)) == 0) {
			buf_add_bytes(out, key.data, key.size);
			buf_add_bytes(out, data.data, data.size);
		}
		c->close(c);
		if (ret == DB_NOTFOUND)
			ret = 0;
	}
	return ret == 0 ? STATUS_OK : txn_fail(t, ret, "dumping the files");
}

enum status
store_test_dump_files(struct store *st, struct buf *out)
{
	return store_run(st, STORE_READ, compact_dump_txn, out);
}

enum status
store_compact(struct store *st, unsigned passes, store_compact_fn report,
    void *arg)
{
	struct store_compacted c;
	enum status rc = STATUS_OK, first = STATUS_OK;
	unsigned n;
	char *file;

	if (st->in_run || st->batch != NULL || st->pid != getpid() ||
	    (st->flags & (STORE_RDONLY | STORE_SALVAGE)) || passes == 0) {
		log_error("store: store_compact misused (nested, after fork, "
		    "or on a read-only store)");
		return STATUS_INVALID;
	}
	for (n = 0; n <= REC__COUNT + IDX__COUNT; n++) {
		memset(&c, 0, sizeof c);
		file = compact_file_name(n);
		c.file = file;
		rc = compact_file(st, n, passes, &c);
		c.status = rc;
		if (rc != STATUS_OK && first == STATUS_OK)
			first = rc;
		if (report != NULL)
			report(&c, arg);
		free(file);
		/* The workspace cannot be had (busy, gone): stop here. */
		if (rc == STATUS_BUSY || rc == STATUS_NO_SPACE ||
		    rc == STATUS_CORRUPT)
			break;
	}
	return first;
}
