/*
 * test_prefix.c -- the numeric index files prefix-compressed (schema
 * 12): a new workspace makes them so and no other file; the upgrade
 * from the schema before rewrites each with the same entries, which every
 * read finds as before and check finds agreeing with the records; killed at any
 * part it goes on from there, refused meanwhile by an older schema program;
 * a backup carries the compressed files.
 *
 * The files are read here outside the environment, with the workspace
 * closed, as any Berkeley DB file.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <db.h>

#include "store/fixture.h"
#include "store/store_int.h"
#include "store/store_test.h"
#include "store/suites.h"

static struct fixture fx;

static void
prefix_setup(void)
{
	fixture_init(&fx);
}

static void
prefix_teardown(void)
{
	store_test_schema(0, NULL, 0);
	store_test_part(0);
	store_test_kill_prefix(0);
	fixture_done(&fx);
}

/* Is HOME/FILE compressed?  Its keys, each after its length, into KEYS
 * (or nowhere). */
static int
prefix_file(const char *home, const char *file, struct buf *keys)
{
	int (*comp)(DB *, const DBT *, const DBT *, const DBT *, const DBT *,
	    DBT *) = NULL;
	int (*decomp)(DB *, const DBT *, const DBT *, DBT *, DBT *,
	    DBT *) = NULL;
	char *path = xasprintf("%s/%s", home, file);
	DBT k, d;
	DBC *c;
	DB *db;

	ck_assert_int_eq(db_create(&db, NULL, 0), 0);
	ck_assert_msg(db->open(db, NULL, path, NULL, DB_UNKNOWN, DB_RDONLY,
	    0) == 0, "%s does not open", file);
	ck_assert_int_eq(db->get_bt_compress(db, &comp, &decomp), 0);
	ck_assert_int_eq(db->cursor(db, NULL, &c, 0), 0);
	memset(&k, 0, sizeof k);
	memset(&d, 0, sizeof d);
	while (keys != NULL && c->get(c, &k, &d, DB_NEXT) == 0) {
		buf_add_u8(keys, (uint8_t) k.size);
		buf_add(keys, k.data, k.size);
	}
	c->close(c);
	db->close(db, 0);
	free(path);
	return comp != NULL;
}

/* Records of every kind, N of each, so that every index has entries. */
static void
prefix_fill(struct store *st, unsigned n)
{
	union rec_any rec;
	unsigned k, i;

	for (i = 0; i < n; i++)
		for (k = 0; k < REC__COUNT; k++) {
			fixture_fill((enum rec_kind) k, &rec, 1000 + i * 3 + k);
			rec.meta.id = 0;
			ck_assert_int_eq(fixture_put(st, (enum rec_kind) k,
			    &rec), STATUS_OK);
			rec_free((enum rec_kind) k, &rec);
		}
}

static int
prefix_collect(uint64_t id, void *arg)
{
	unsigned char be[8];

	buf_put_be64(be, id);
	buf_add(arg, be, sizeof be);
	return 0;
}

/* Every record starts with its id. */
static int
prefix_each(const void *rec, void *arg)
{
	return prefix_collect(codec_get_uint(rec, 0, FT_U64), arg);
}

/* What the reads find in every numeric index: the ids of the whole
 * index, of its first field's first value, and their counts. */
static enum status
prefix_reads_txn(struct store_txn *txn, void *arg)
{
	struct store_range r = { 1, { 0, 0, 0 }, 0, UINT64_MAX };
	const struct index_def *d;
	struct buf *out = arg;
	enum status rc = STATUS_OK;
	uint64_t n;
	unsigned i;

	for (i = 0; rc == STATUS_OK && i < IDX__COUNT; i++) {
		d = index_def_of((enum store_index) i);
		if (d->unique_str != 0)
			continue;
		rc = store_scan_keys(txn, d->idx, NULL, prefix_collect, out);
		if (rc == STATUS_OK)
			rc = store_count(txn, d->idx, NULL, &n);
		if (rc == STATUS_OK)
			rc = store_scan(txn, d->idx, NULL, 1, prefix_each, out);
		buf_add(out, &n, sizeof n);
		r.prefix[0] = 128 + (d->kind * 7 % 120);
		if (rc == STATUS_OK)
			rc = store_count(txn, d->idx, &r, &n);
		buf_add(out, &n, sizeof n);
	}
	return rc;
}

static void
prefix_reads(const char *home, struct buf *out)
{
	struct store *st = fixture_open(home);

	buf_init(out);
	ck_assert_int_eq(store_run(st, STORE_READ, prefix_reads_txn, out),
	    STATUS_OK);
	store_close(st);
}

/* Every index file's keys, and which are compressed (a bit each). */
static uint64_t
prefix_files(const char *home, struct buf *keys)
{
	const struct index_def *d;
	uint64_t mask = 0;
	unsigned i;

	buf_init(keys);
	for (i = 0; i < IDX__COUNT; i++) {
		d = index_def_of((enum store_index) i);
		if (prefix_file(home, d->file, keys))
			mask |= UINT64_C(1) << i;
	}
	return mask;
}

static uint64_t
prefix_wanted_mask(void)
{
	uint64_t mask = 0;
	unsigned i;

	for (i = 0; i < IDX__COUNT; i++)
		if (store_test_compressed((enum store_index) i))
			mask |= UINT64_C(1) << i;
	return mask;
}

static void
prefix_assert_clean(const char *home)
{
	struct fixture_faults f;

	ck_assert_int_eq(fixture_check(home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}

/* A new workspace: the numeric indexes compressed but those read
 * backwards, nothing else; records of every kind read back through
 * them; check is content. */
START_TEST(test_new_compressed)
{
	struct store *st = fixture_open(fx.home);
	struct buf keys;

	prefix_fill(st, 3);
	store_close(st);
	ck_assert_uint_eq(prefix_files(fx.home, &keys), prefix_wanted_mask());
	buf_free(&keys);
	ck_assert(!prefix_file(fx.home, "doc.db", NULL));
	ck_assert(!prefix_file(fx.home, "control.db", NULL));
	ck_assert(prefix_file(fx.home, "doc-by-state.db", NULL));
	ck_assert(prefix_file(fx.home, "approval-by-action.db", NULL));
	ck_assert(!prefix_file(fx.home, "doc-by-updated.db", NULL));
	ck_assert(!prefix_file(fx.home, "user-by-name.db", NULL));
	prefix_assert_clean(fx.home);
}
END_TEST

/* An older schema workspace with records of every kind, its index files
 * plain; KEYS and READS what they hold and what reads find. */
static void
prefix_make_older(unsigned n, struct buf *keys, struct buf *reads)
{
	struct store *st;

	store_test_schema(PREFIX_SCHEMA - 1, NULL, 0);
	st = fixture_open(fx.home);
	prefix_fill(st, n);
	store_close(st);
	ck_assert_uint_eq(prefix_files(fx.home, keys), 0);
	prefix_reads(fx.home, reads);
	store_test_schema(0, NULL, 0);
}

/* The upgraded workspace: every numeric file compressed with the same
 * keys as before, the same reads, no file of the step left, check
 * content. */
static void
prefix_assert_upgraded(const struct buf *keys, const struct buf *reads)
{
	struct buf now, nowreads;
	struct store *st;
	unsigned v = 0;
	char *path;
	unsigned i;

	st = fixture_open(fx.home);
	ck_assert_int_eq(store_schema_version(st, &v), STATUS_OK);
	ck_assert_uint_eq(v, STORE_SCHEMA_VERSION);
	store_close(st);
	ck_assert_uint_eq(prefix_files(fx.home, &now), prefix_wanted_mask());
	ck_assert_uint_eq(now.len, keys->len);
	ck_assert(memcmp(now.data, keys->data, keys->len) == 0);
	prefix_reads(fx.home, &nowreads);
	ck_assert_uint_eq(nowreads.len, reads->len);
	ck_assert(memcmp(nowreads.data, reads->data, reads->len) == 0);
	for (i = 0; i < IDX__COUNT; i++) {
		path = xasprintf("%s/%s.old", fx.home,
		    index_def_of((enum store_index) i)->file);
		ck_assert_msg(access(path, F_OK) != 0, "%s is left", path);
		memcpy(path + strlen(path) - 3, "new", 3);
		ck_assert_msg(access(path, F_OK) != 0, "%s is left", path);
		free(path);
	}
	buf_free(&now);
	buf_free(&nowreads);
	prefix_assert_clean(fx.home);
}

/* Schema 9 to 10 in parts of 4 entries: the same entries, compressed. */
START_TEST(test_upgrade_from_9)
{
	struct buf keys, reads;

	prefix_make_older(9, &keys, &reads);
	ck_assert_uint_gt(keys.len, 0);
	store_test_part(4);
	prefix_assert_upgraded(&keys, &reads);
	buf_free(&keys);
	buf_free(&reads);
}
END_TEST

/* One open killed at the end of its PART-th part: refused by an older schema
 * program afterwards (a part has committed: the first kill is past the
 * first part), each index file there under its name. */
static void
prefix_kill_at(unsigned part)
{
	struct store *st;
	struct buf keys;
	char *what;

	store_test_kill_prefix(part);
	what = xasprintf("the upgrade's part %u", part);
	fixture_open_killed(fx.home, what);
	free(what);
	store_test_kill_prefix(0);

	store_test_schema(PREFIX_SCHEMA - 1, NULL, 0);
	ck_assert_msg(store_open(fx.home, 0, &st) == STATUS_SCHEMA_NEWER,
	    "part %u: an older schema program opens it", part);
	store_test_schema(0, NULL, 0);
	prefix_files(fx.home, &keys);	/* each opens */
	buf_free(&keys);
}

/* Kills in copying parts, in the parts that swap the files and in those
 * that remove the old ones (parts of 3 entries: each index takes a few
 * parts, then one to swap): the next open goes on and ends with the
 * same entries. */
START_TEST(test_upgrade_killed_goes_on)
{
	static const unsigned kills[] = {
	    3, 1, 2, 2, 5, 4, 1, 2, 3, 6, 1, 7, 2, 4 };
	struct buf keys, reads;
	unsigned i;

	prefix_make_older(6, &keys, &reads);
	store_test_part(3);
	for (i = 0; i < sizeof kills / sizeof kills[0]; i++)
		prefix_kill_at(kills[i]);
	prefix_assert_upgraded(&keys, &reads);
	buf_free(&keys);
	buf_free(&reads);
}
END_TEST

/* A backup of a new workspace restores compressed files that read the
 * same, and check is content with both. */
START_TEST(test_backup_carries)
{
	char *bdir = xasprintf("%s/backup", fx.tmp);
	char *home2 = xasprintf("%s/restored", fx.tmp);
	struct buf keys, keys2, reads, reads2;
	struct store *st = fixture_open(fx.home);

	prefix_fill(st, 4);
	ck_assert_int_eq(store_backup(st, bdir), STATUS_OK);
	store_close(st);
	ck_assert_int_eq(store_restore(bdir, home2, 0), STATUS_OK);
	ck_assert_uint_eq(prefix_files(fx.home, &keys), prefix_wanted_mask());
	ck_assert_uint_eq(prefix_files(home2, &keys2), prefix_wanted_mask());
	ck_assert_uint_eq(keys.len, keys2.len);
	ck_assert(memcmp(keys.data, keys2.data, keys.len) == 0);
	prefix_reads(fx.home, &reads);
	prefix_reads(home2, &reads2);
	ck_assert_uint_eq(reads.len, reads2.len);
	ck_assert(memcmp(reads.data, reads2.data, reads.len) == 0);
	prefix_assert_clean(home2);
	buf_free(&keys);
	buf_free(&keys2);
	buf_free(&reads);
	buf_free(&reads2);
	free(bdir);
	free(home2);
}
END_TEST

Suite *
prefix_suite(void)
{
	Suite *s = suite_create("prefix");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, prefix_setup, prefix_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_new_compressed);
	tcase_add_test(tc, test_upgrade_from_9);
	tcase_add_test(tc, test_upgrade_killed_goes_on);
	tcase_add_test(tc, test_backup_carries);
	suite_add_tcase(s, tc);
	return s;
}
