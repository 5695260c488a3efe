/*
 * test_schema.c -- schema versions: a workspace from a newer program is
 * refused, an older one is upgraded step by step when opened for writing
 * (from version 1 on), each step in parts of bounded size; a failing
 * step leaves the workspace at the last part committed, refused by older
 * programs and taken up again by the next open; a read-only open never
 * upgrades.
 *
 * "Newer" and "older" programs are this one pretending, through
 * store_test_schema().
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <db.h>

#include "store/fixture.h"
#include "store/store_test.h"
#include "store/suites.h"

static struct fixture fx;

/* The workspaces here are made by a version 1 program, and upgraded by
 * the steps each test gives. */
static void
schema_setup(void)
{
	fixture_init(&fx);
	store_test_schema(1, NULL, 0);
}

static void
schema_teardown(void)
{
	store_test_schema(0, NULL, 0);
	store_test_locks(0);
	store_test_part(0);
	store_test_postings_max(0);
	store_test_kill_drop(0);
	fixture_done(&fx);
}

static unsigned
schema_of(struct store *st)
{
	unsigned v = 0;

	ck_assert_int_eq(store_schema_version(st, &v), STATUS_OK);
	return v;
}

/* A version 1 workspace with three departments without a prefix. */
static void
schema_make_v1(void)
{
	struct store *st = fixture_open(fx.home);
	struct rec_dept d;
	unsigned i;

	ck_assert_uint_eq(schema_of(st), 1);
	for (i = 0; i < 3; i++) {
		memset(&d, 0, sizeof d);
		d.name = i == 0 ? "办公室" : i == 1 ? "行政复议科" : "法制科";
		ck_assert_int_eq(fixture_put(st, REC_DEPT, &d), STATUS_OK);
	}
	store_close(st);
}

static int
schema_prefix_each(const void *rec, void *arg)
{
	const struct rec_dept *d = rec;
	struct rec_dept *copy = (struct rec_dept *) arg + d->id - 1;

	copy->id = d->id;
	copy->name = xstrdup(d->name);
	copy->number_prefix = xstrdup("示司发");
	return 0;
}

/* Version 2 gives every department a document number prefix. */
static enum status
schema_1_to_2(struct store_txn *txn)
{
	struct rec_dept depts[3];
	enum status rc;
	unsigned i;

	memset(depts, 0, sizeof depts);
	rc = store_scan_all(txn, REC_DEPT, schema_prefix_each, depts);
	for (i = 0; i < 3; i++) {
		if (rc == STATUS_OK)
			rc = store_put(txn, REC_DEPT, &depts[i]);
		rec_free(REC_DEPT, &depts[i]);
	}
	return rc;
}

/* Version 3 adds a setting. */
static enum status
schema_2_to_3(struct store_txn *txn)
{
	struct rec_meta m = { 0, "schema.note", "upgraded" };

	return store_put(txn, REC_META, &m);
}

/* A step that writes, then fails: nothing of it may remain. */
static enum status
schema_2_to_3_fails(struct store_txn *txn)
{
	struct rec_meta m = { 0, "schema.note", "half done" };
	enum status rc = store_put(txn, REC_META, &m);

	return rc == STATUS_OK ? STATUS_INVALID : rc;
}

static const struct store_upgrade schema_good[] = {
	{ 1, schema_1_to_2, "department prefixes" },
	{ 2, schema_2_to_3, "a note" }
};

static const struct store_upgrade schema_bad[] = {
	{ 1, schema_1_to_2, "department prefixes" },
	{ 2, schema_2_to_3_fails, "a failing step" }
};

START_TEST(test_newer_refused)
{
	struct store *st;
	struct fixture_faults f;

	/* A newer program made it. */
	store_test_schema(STORE_SCHEMA_VERSION + 1, NULL, 0);
	st = fixture_open(fx.home);
	ck_assert_uint_eq(schema_of(st), STORE_SCHEMA_VERSION + 1);
	store_close(st);

	store_test_schema(0, NULL, 0);	/* back to this program */
	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_SCHEMA_NEWER);
	ck_assert_int_eq(store_open(fx.home, STORE_RDONLY, &st),
	    STATUS_SCHEMA_NEWER);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_uint_ge(f.n, 1);
	ck_assert_ptr_nonnull(strstr(f.text, "newer"));
}
END_TEST

START_TEST(test_upgrade_from_1)
{
	struct fixture_faults f;
	struct store *st;
	struct rec_dept d;
	unsigned i;

	schema_make_v1();
	store_test_schema(3, schema_good, 2);

	/* Read-only: no upgrade, and it says so. */
	ck_assert_int_eq(store_open(fx.home, STORE_RDONLY, &st),
	    STATUS_SCHEMA_OLDER);

	st = fixture_open(fx.home);
	ck_assert_uint_eq(schema_of(st), 3);
	for (i = 1; i <= 3; i++) {
		ck_assert_int_eq(fixture_get(st, REC_DEPT, i, &d), STATUS_OK);
		ck_assert_str_eq(d.number_prefix, "示司发");
		rec_free(REC_DEPT, &d);
	}
	ck_assert_uint_eq(fixture_count(st, REC_META), 1);
	store_close(st);

	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

START_TEST(test_failed_upgrade_goes_on)
{
	struct store *st;
	struct rec_dept d;
	struct rec_meta m;

	schema_make_v1();
	store_test_schema(3, schema_bad, 2);
	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_INVALID);

	/* Half-way: the version 1 program may not read it any more, and
	 * read-only this one says it needs its upgrade. */
	store_test_schema(1, NULL, 0);
	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_SCHEMA_NEWER);
	store_test_schema(3, schema_good, 2);
	ck_assert_int_eq(store_open(fx.home, STORE_RDONLY, &st),
	    STATUS_SCHEMA_OLDER);

	/* Opened again, it goes on from step 2 to 3, and the failed step
	 * left nothing of its own. */
	st = fixture_open(fx.home);
	ck_assert_uint_eq(schema_of(st), 3);
	ck_assert_int_eq(fixture_get(st, REC_DEPT, 1, &d), STATUS_OK);
	ck_assert_str_eq(d.number_prefix, "示司发");
	rec_free(REC_DEPT, &d);
	ck_assert_uint_eq(fixture_count(st, REC_META), 1);
	ck_assert_int_eq(fixture_get(st, REC_META, 1, &m), STATUS_OK);
	ck_assert_str_eq(m.value, "upgraded");
	rec_free(REC_META, &m);
	store_close(st);
}
END_TEST

/* A step of five parts, each adding a setting; it fails in its third
 * part while schema_fail_at is 3. */
static unsigned schema_fail_at;
static unsigned schema_part_calls;

static enum status
schema_1_to_2_parts(struct store_txn *txn)
{
	struct rec_meta m = { 0, NULL, "part" };
	uint64_t pos[2];
	enum status rc;
	char name[32];

	schema_part_calls++;
	if ((rc = store_upgrade_pos(txn, pos)) != STATUS_OK)
		return rc;
	snprintf(name, sizeof name, "schema.part%llu",
	    (unsigned long long) pos[0]);
	m.key = name;
	if ((rc = store_put(txn, REC_META, &m)) != STATUS_OK)
		return rc;
	if (pos[0] + 1 == schema_fail_at)
		return STATUS_INVALID;
	pos[0]++;
	return pos[0] < 5 ? store_upgrade_again(txn, pos) : STATUS_OK;
}

static const struct store_upgrade schema_parts[] = {
	{ 1, schema_1_to_2_parts, "five parts" }
};

START_TEST(test_upgrade_in_parts_goes_on)
{
	struct store *st;

	schema_make_v1();
	store_test_schema(2, schema_parts, 1);
	schema_fail_at = 3;
	schema_part_calls = 0;
	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_INVALID);
	ck_assert_uint_eq(schema_part_calls, 3);

	/* Half-way through the step its records are of neither version: a
	 * program of version 1 that knows the upgrade's notes refuses them
	 * as newer, and does not go on with a step it has not got. */
	store_test_schema(1, NULL, 0);
	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_SCHEMA_NEWER);
	store_test_schema(2, schema_parts, 1);

	/* The two parts committed are not done again. */
	schema_fail_at = 0;
	schema_part_calls = 0;
	st = fixture_open(fx.home);
	ck_assert_uint_eq(schema_part_calls, 3);
	ck_assert_uint_eq(schema_of(st), 2);
	ck_assert_uint_eq(fixture_count(st, REC_META), 5);
	store_close(st);
}
END_TEST

START_TEST(test_no_path_refused)
{
	struct store *st;

	schema_make_v1();
	/* Only 1 -> 2 here, and none to one past this program's. */
	store_test_schema(STORE_SCHEMA_VERSION + 1, schema_good, 1);
	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_SCHEMA_OLDER);
	store_test_schema(1, NULL, 0);
	st = fixture_open(fx.home);
	ck_assert_uint_eq(schema_of(st), 1);
	store_close(st);
}
END_TEST

/* A document stored behind the store's back: its state index is stale
 * until an upgrade step rebuilds the index. */
static enum status
schema_stale_txn(struct store_txn *txn, void *arg)
{
	struct rec_doc d;
	enum status rc;

	memset(&d, 0, sizeof d);
	d.state = DOC_DRAFT;
	if ((rc = store_put(txn, REC_DOC, &d)) != STATUS_OK)
		return rc;
	d.state = DOC_SEALED;
	return store_test_put_unindexed(txn, REC_DOC, &d);
}

static enum status
schema_rebuild_step(struct store_txn *txn)
{
	return store_test_rebuild_index(txn, IDX_DOC_STATE);
}

static const struct store_upgrade schema_rebuild[] = {
	{ 1, schema_rebuild_step, "rebuild the state index" }
};

START_TEST(test_upgrade_rebuilds_index)
{
	struct fixture_faults f;
	struct store *st = fixture_open(fx.home);

	ck_assert_int_eq(store_run(st, STORE_WRITE, schema_stale_txn, NULL),
	    STATUS_OK);
	store_close(st);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_uint_eq(f.n, 2);	/* missing, and stale */

	store_test_schema(2, schema_rebuild, 1);
	st = fixture_open(fx.home);
	store_close(st);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

static int
schema_gram_each(uint64_t id, void *arg)
{
	*(uint64_t *) arg = id;
	return 0;
}

/* The document found under the pair 打印 of the search index. */
static enum status
schema_gram_txn(struct store_txn *txn, void *arg)
{
	struct store_range r = { 1, { STORE_GRAM(0x6253, 0x5370), 0, 0 }, 0,
	    UINT64_MAX };

	return store_scan_keys(txn, IDX_DOC_GRAM, &r, schema_gram_each, arg);
}

/* A workspace made before the search index (version 1, without its
 * file) gets it, filled from its documents, when this program opens it. */
START_TEST(test_upgrade_adds_search_index)
{
	struct fixture_faults f;
	struct store *st = fixture_open(fx.home);
	struct rec_doc d;
	uint64_t found = 0;
	char *path;

	memset(&d, 0, sizeof d);
	d.title = "关于打印机的通知";
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	store_close(st);
	path = xasprintf("%s/doc-grams.db", fx.home);
	ck_assert_int_eq(unlink(path), 0);	/* version 1 had none */
	free(path);

	store_test_schema(0, NULL, 0);
	ck_assert_int_eq(store_open(fx.home, STORE_RDONLY, &st),
	    STATUS_SCHEMA_OLDER);	/* missing, not damaged */
	st = fixture_open(fx.home);
	ck_assert_uint_eq(schema_of(st), STORE_SCHEMA_VERSION);
	ck_assert_int_eq(store_run(st, STORE_READ, schema_gram_txn, &found),
	    STATUS_OK);
	ck_assert_uint_eq(found, d.id);
	store_close(st);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

/* A schema 6 workspace gets its posting lists built from every
 * document, in chunks when they are long, and loses the old index's
 * file; check finds index and documents agreeing. */
/* A schema 6 workspace with the old search index's file. */
static void
schema_make_v6_grams(void)
{
	struct store *st;
	char *path;

	store_test_schema(6, NULL, 0);
	st = fixture_open(fx.home);
	store_close(st);
	path = xasprintf("%s/doc-grams.db", fx.home);
	ck_assert_int_eq(unlink(path), 0);	/* version 6 had none */
	free(path);
	fixture_old_file(fx.home, "doc-by-gram.db");
	store_test_schema(0, NULL, 0);
}

/* An upgrade killed in its first part, once the old search index's file
 * is removed but before the part commits: Berkeley DB leaves a 512-byte
 * placeholder under the file's name, which an older program's check
 * calls damaged; the next open, going on with the upgrade, removes it. */
START_TEST(test_killed_drop_leaves_no_file)
{
	struct fixture_faults f;
	struct store *st;
	char *path;

	schema_make_v6_grams();
	store_test_kill_drop(1);
	fixture_open_killed(fx.home, "the upgrade");
	store_test_kill_drop(0);

	st = fixture_open(fx.home);
	ck_assert_uint_eq(schema_of(st), STORE_SCHEMA_VERSION);
	store_close(st);
	path = xasprintf("%s/doc-by-gram.db", fx.home);
	ck_assert_msg(access(path, F_OK) != 0, "doc-by-gram.db is left");
	free(path);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

START_TEST(test_upgrade_to_postings)
{
	struct fixture_faults f;
	struct store *st;
	struct rec_doc d;
	uint64_t found = 0;
	char *path;
	unsigned i;

	store_test_schema(6, NULL, 0);
	store_test_postings_max(24);
	st = fixture_open(fx.home);
	for (i = 0; i < 40; i++) {
		memset(&d, 0, sizeof d);
		d.title = i % 3 ? "关于打印机的通知" : "复印纸";
		ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	}
	store_close(st);
	path = xasprintf("%s/doc-grams.db", fx.home);
	ck_assert_int_eq(unlink(path), 0);	/* version 6 had none */
	free(path);
	fixture_old_file(fx.home, "doc-by-gram.db");

	store_test_schema(0, NULL, 0);
	st = fixture_open(fx.home);
	ck_assert_uint_eq(schema_of(st), STORE_SCHEMA_VERSION);
	ck_assert_int_eq(store_run(st, STORE_READ, schema_gram_txn, &found),
	    STATUS_OK);
	ck_assert_uint_eq(found, 39);	/* the last 打印机: i 38 */
	store_close(st);
	path = xasprintf("%s/doc-by-gram.db", fx.home);
	ck_assert_int_ne(access(path, F_OK), 0);
	free(path);
	store_test_postings_max(0);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

static enum status
schema_app_txn(struct store_txn *txn, void *arg)
{
	struct store_range r = { 1, { 7, 0, 0 }, 0, UINT64_MAX };

	return store_scan_keys(txn, IDX_APPLICATION_DOC, &r, schema_gram_each,
	    arg);
}

/* A workspace made before the index of applications by document
 * (version 2, without its file) gets it, filled from its applications,
 * when this program opens it. */
START_TEST(test_upgrade_adds_application_index)
{
	struct fixture_faults f;
	struct store *st;
	struct rec_application a;
	uint64_t found = 0;
	char *path;

	store_test_schema(2, NULL, 0);
	st = fixture_open(fx.home);
	memset(&a, 0, sizeof a);
	a.kind = APP_EXTRA_PRINT;
	a.doc_id = 7;
	a.count = 2;
	ck_assert_int_eq(fixture_put(st, REC_APPLICATION, &a), STATUS_OK);
	store_close(st);
	path = xasprintf("%s/application-by-doc.db", fx.home);
	ck_assert_int_eq(unlink(path), 0);	/* version 2 had none */
	free(path);

	store_test_schema(0, NULL, 0);
	st = fixture_open(fx.home);
	ck_assert_uint_eq(schema_of(st), STORE_SCHEMA_VERSION);
	ck_assert_int_eq(store_run(st, STORE_READ, schema_app_txn, &found),
	    STATUS_OK);
	ck_assert_uint_eq(found, a.id);
	store_close(st);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

/* Documents with titles of 30 characters, different pairs in each. */
static enum status
schema_many_txn(struct store_txn *txn, void *arg)
{
	unsigned *n = arg;
	enum status rc = STATUS_OK;
	struct rec_doc d;
	struct buf title;
	unsigned i, j, cp;

	for (i = 0; i < 50 && rc == STATUS_OK; i++, (*n)++) {
		buf_init(&title);
		for (j = 0; j < 30; j++) {
			cp = 0x4e00 + (*n * 7 + j * 13) % 8000;
			buf_add_u8(&title, (uint8_t) (0xe0 | cp >> 12));
			buf_add_u8(&title, (uint8_t) (0x80 | (cp >> 6 & 0x3f)));
			buf_add_u8(&title, (uint8_t) (0x80 | (cp & 0x3f)));
		}
		buf_add_u8(&title, 0);
		memset(&d, 0, sizeof d);
		d.title = (char *) title.data;
		rc = store_put(txn, REC_DOC, &d);
		buf_free(&title);
	}
	return rc;
}

static enum status
schema_whole_rebuild_txn(struct store_txn *txn, void *arg)
{
	(void) arg;
	return store_test_rebuild_index(txn, IDX_DOC_GRAM);
}

/* Remove the regions of a closed workspace: the next open makes them
 * with the lock table store_test_locks gives. */
static void
schema_drop_regions(void)
{
	char *path;
	unsigned i;

	for (i = 1; i <= 9; i++) {
		path = xasprintf("%s/__db.%03u", fx.home, i);
		unlink(path);
		free(path);
	}
}

/* An upgrade that changes more pages than the lock table holds: the
 * search index (in chunks of 20 bytes, to make it large) rebuilt in one
 * transaction runs out of locks (STATUS_DB_LOCKS, which says so), and
 * the real step (6 to 7) builds it
 * in parts, each ended when half the table is taken (the
 * part's count of records is set out of reach). */
START_TEST(test_upgrade_beyond_lock_table)
{
	struct fixture_faults f;
	struct store *st = fixture_open(fx.home);
	unsigned i, n = 0;
	char *path;

	store_test_postings_max(20);
	for (i = 0; i < 320; i++)
		ck_assert_int_eq(store_run(st, STORE_WRITE, schema_many_txn,
		    &n), STATUS_OK);
	store_close(st);
	schema_drop_regions();
	store_test_locks(800);
	store_test_part(100000);

	st = fixture_open(fx.home);
	ck_assert_int_eq(store_run(st, STORE_WRITE, schema_whole_rebuild_txn,
	    NULL), STATUS_DB_LOCKS);	/* named, not a file error */
	store_close(st);

	path = xasprintf("%s/doc-grams.db", fx.home);
	ck_assert_int_eq(unlink(path), 0);	/* version 1 had none */
	free(path);
	store_test_schema(0, NULL, 0);
	st = fixture_open(fx.home);
	ck_assert_uint_eq(schema_of(st), STORE_SCHEMA_VERSION);
	store_close(st);
	store_test_locks(0);
	store_test_part(0);
	store_test_postings_max(0);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

Suite *
schema_suite(void)
{
	Suite *s = suite_create("schema");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, schema_setup, schema_teardown);
	/* The test beyond the lock table makes hundreds of durable commits:
	 * it came near 20 s on a machine loaded five times over. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_newer_refused);
	tcase_add_test(tc, test_upgrade_from_1);
	tcase_add_test(tc, test_failed_upgrade_goes_on);
	tcase_add_test(tc, test_upgrade_in_parts_goes_on);
	tcase_add_test(tc, test_no_path_refused);
	tcase_add_test(tc, test_upgrade_rebuilds_index);
	tcase_add_test(tc, test_upgrade_adds_search_index);
	tcase_add_test(tc, test_upgrade_adds_application_index);
	tcase_add_test(tc, test_upgrade_beyond_lock_table);
	tcase_add_test(tc, test_upgrade_to_postings);
	tcase_add_test(tc, test_killed_drop_leaves_no_file);
	suite_add_tcase(s, tc);
	return s;
}
