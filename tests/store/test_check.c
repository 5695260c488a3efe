/*
 * test_check.c -- store_check finds each kind of fault a damaged or
 * tampered workspace can hold, names it, and finds none in a sound one.
 * The faults are planted through store_test.h, which writes behind the
 * store's back the way a bug or an editor of the files would.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/fixture.h"
#include "store/suites.h"

static struct fixture fx;

static void
check_setup(void)
{
	struct store *st;
	union rec_any rec;
	unsigned k, i;

	fixture_init(&fx);
	st = fixture_open(fx.home);
	for (i = 0; i < 2; i++) {
		for (k = 0; k < REC__COUNT; k++) {
			fixture_fill((enum rec_kind) k, &rec, 2 * k + i);
			rec.meta.id = 0;
			ck_assert_int_eq(fixture_put(st, (enum rec_kind) k, &rec),
			    STATUS_OK);
			rec_free((enum rec_kind) k, &rec);
		}
	}
	store_close(st);
}

static void
check_teardown(void)
{
	fixture_done(&fx);
}

typedef enum status (*check_plant_fn)(struct store_txn *txn);

static enum status
check_plant_txn(struct store_txn *txn, void *arg)
{
	return ((check_plant_fn) arg)(txn);
}

/* Plant a fault, then check: the faults' text. */
static unsigned
check_after(check_plant_fn plant, struct fixture_faults *f)
{
	struct store *st = fixture_open(fx.home);

	ck_assert_int_eq(store_run(st, STORE_WRITE, check_plant_txn,
	    (void *) plant), STATUS_OK);
	store_close(st);
	ck_assert_int_eq(fixture_check(fx.home, f), STATUS_OK);
	return f->n;
}

START_TEST(test_sound_workspace)
{
	struct fixture_faults f;

	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

/* A user written without its index entry, with an id never handed out. */
static enum status
check_plant_unindexed(struct store_txn *txn)
{
	struct rec_user u;
	enum status rc;

	fixture_fill(REC_USER, &u, 99);
	u.id = 50;
	rc = store_test_put_unindexed(txn, REC_USER, &u);
	rec_free(REC_USER, &u);
	return rc;
}

START_TEST(test_record_not_indexed)
{
	struct fixture_faults f;

	ck_assert_uint_eq(check_after(check_plant_unindexed, &f), 2);
	ck_assert_ptr_nonnull(strstr(f.text,
	    "user 50: missing from user-by-name.db"));
	ck_assert_ptr_nonnull(strstr(f.text, "user 50: above its sequence"));
}
END_TEST

static enum status
check_plant_dangling(struct store_txn *txn)
{
	return store_test_del_unindexed(txn, REC_DOC, 2);
}

START_TEST(test_dangling_entries)
{
	struct fixture_faults f;

	/* One for each entry: three, and each gram of its title. */
	ck_assert_uint_ge(check_after(check_plant_dangling, &f), 4);
	ck_assert_ptr_nonnull(strstr(f.text, "doc-grams.db: an entry for "
	    "doc 2, which is missing"));
	ck_assert_ptr_nonnull(strstr(f.text, "doc-by-state.db: an entry for "
	    "doc 2, which is missing"));
	ck_assert_ptr_nonnull(strstr(f.text, "doc-by-drafter.db"));
	ck_assert_ptr_nonnull(strstr(f.text, "doc-by-updated.db"));
}
END_TEST

static enum status
check_plant_garbage(struct store_txn *txn)
{
	static const unsigned char junk[] = { 9, 9, 9, 9 };

	return store_test_put_bytes(txn, REC_SEAL, 1, junk, sizeof junk);
}

START_TEST(test_undecodable_record)
{
	struct fixture_faults f;

	ck_assert_uint_ge(check_after(check_plant_garbage, &f), 1);
	ck_assert_ptr_nonnull(strstr(f.text, "seal 1: does not decode"));
}
END_TEST

/* An auditor who is also a system administrator, stored behind the
 * store's back (its index entry kept right). */
static enum status
check_plant_roles(struct store_txn *txn)
{
	struct rec_user u;
	enum status rc;

	rc = store_get(txn, REC_USER, 1, &u);
	u.roles = ROLE_AUDITOR | ROLE_SYSADMIN;
	if (rc == STATUS_OK)
		rc = store_test_put_unindexed(txn, REC_USER, &u);
	rec_free(REC_USER, &u);
	return rc;
}

START_TEST(test_role_conflict_found)
{
	struct fixture_faults f;

	ck_assert_uint_eq(check_after(check_plant_roles, &f), 1);
	ck_assert_ptr_nonnull(strstr(f.text, "user 1: breaks a rule"));
}
END_TEST

/* A document whose state changed without its index following. */
static enum status
check_plant_stale(struct store_txn *txn)
{
	struct rec_doc d;
	enum status rc;

	rc = store_get(txn, REC_DOC, 1, &d);
	d.state = DOC_CLOSED;
	if (rc == STATUS_OK)
		rc = store_test_put_unindexed(txn, REC_DOC, &d);
	rec_free(REC_DOC, &d);
	return rc;
}

START_TEST(test_stale_entry)
{
	struct fixture_faults f;

	ck_assert_uint_eq(check_after(check_plant_stale, &f), 2);
	ck_assert_ptr_nonnull(strstr(f.text,
	    "doc 1: missing from doc-by-state.db"));
	ck_assert_ptr_nonnull(strstr(f.text,
	    "doc-by-state.db: a stale entry for doc 1"));
}
END_TEST

START_TEST(test_check_needs_a_workspace)
{
	struct fixture_faults f;
	char *nowhere = xasprintf("%s/nowhere", fx.tmp);

	ck_assert_int_eq(fixture_check(nowhere, &f), STATUS_NO_WORKSPACE);
	free(nowhere);
}
END_TEST

Suite *
check_suite(void)
{
	Suite *s = suite_create("check");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, check_setup, check_teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_sound_workspace);
	tcase_add_test(tc, test_record_not_indexed);
	tcase_add_test(tc, test_dangling_entries);
	tcase_add_test(tc, test_undecodable_record);
	tcase_add_test(tc, test_role_conflict_found);
	tcase_add_test(tc, test_stale_entry);
	tcase_add_test(tc, test_check_needs_a_workspace);
	suite_add_tcase(s, tc);
	return s;
}
