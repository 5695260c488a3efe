/*
 * test_record.c -- records through the store: every kind stored and read
 * back with every field, ids from per-kind sequences that are never
 * reused, the role rule enforced on every write, aborted transactions
 * leaving nothing, and workspaces that are not there or not empty.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/fixture.h"
#include "store/suites.h"

static struct fixture fx;

static void
record_setup(void)
{
	fixture_init(&fx);
}

static void
record_teardown(void)
{
	fixture_done(&fx);
}

START_TEST(test_every_kind_round_trip)
{
	struct store *st = fixture_open(fx.home);
	union rec_any a, b;
	unsigned k;

	for (k = 0; k < REC__COUNT; k++) {
		fixture_fill((enum rec_kind) k, &a, 10 + k);
		a.meta.id = 0;
		ck_assert_int_eq(fixture_put(st, (enum rec_kind) k, &a),
		    STATUS_OK);
		ck_assert_uint_eq(a.meta.id, 1);	/* first of its kind */
		ck_assert_int_eq(fixture_get(st, (enum rec_kind) k, 1, &b),
		    STATUS_OK);
		fixture_assert_equal((enum rec_kind) k, &a, &b);
		rec_free((enum rec_kind) k, &a);
		rec_free((enum rec_kind) k, &b);
	}

	/* And after closing: it is on disk. */
	store_close(st);
	st = fixture_open(fx.home);
	for (k = 0; k < REC__COUNT; k++) {
		fixture_fill((enum rec_kind) k, &a, 10 + k);
		a.meta.id = 1;
		ck_assert_int_eq(fixture_get(st, (enum rec_kind) k, 1, &b),
		    STATUS_OK);
		fixture_assert_equal((enum rec_kind) k, &a, &b);
		rec_free((enum rec_kind) k, &a);
		rec_free((enum rec_kind) k, &b);
	}
	store_close(st);
}
END_TEST

START_TEST(test_update_replaces)
{
	struct store *st = fixture_open(fx.home);
	struct rec_doc d, back;

	fixture_fill(REC_DOC, &d, 1);
	d.id = 0;
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	free(d.title);
	d.title = xstrdup("关于调整印章管理的请示（修改稿）");
	d.state = DOC_APPROVED;
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	ck_assert_uint_eq(d.id, 1);
	ck_assert_int_eq(fixture_get(st, REC_DOC, 1, &back), STATUS_OK);
	ck_assert_str_eq(back.title, "关于调整印章管理的请示（修改稿）");
	ck_assert_uint_eq(back.state, DOC_APPROVED);
	ck_assert_uint_eq(fixture_count(st, REC_DOC), 1);
	rec_free(REC_DOC, &d);
	rec_free(REC_DOC, &back);
	store_close(st);
}
END_TEST

struct record_ids {
	uint64_t	 last_doc, last_user, last_audit;
};

static enum status
record_last_txn(struct store_txn *txn, void *arg)
{
	struct record_ids *r = arg;
	enum status rc;

	if ((rc = store_last_id(txn, REC_DOC, &r->last_doc)) != STATUS_OK ||
	    (rc = store_last_id(txn, REC_USER, &r->last_user)) != STATUS_OK)
		return rc;
	return store_last_id(txn, REC_AUDIT, &r->last_audit);
}

/* Ids count per kind, survive a delete, and an explicit id moves the
 * sequence past it. */
START_TEST(test_ids_never_reused)
{
	struct store *st = fixture_open(fx.home);
	struct record_ids r;
	struct rec_doc d;
	struct rec_audit a;
	unsigned i;

	for (i = 1; i <= 3; i++) {
		memset(&d, 0, sizeof d);
		ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
		ck_assert_uint_eq(d.id, i);
	}
	memset(&a, 0, sizeof a);
	ck_assert_int_eq(fixture_put(st, REC_AUDIT, &a), STATUS_OK);
	ck_assert_uint_eq(a.id, 1);

	ck_assert_int_eq(fixture_del(st, REC_DOC, 3), STATUS_OK);
	ck_assert_int_eq(fixture_del(st, REC_DOC, 3), STATUS_NOT_FOUND);
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	ck_assert_uint_eq(d.id, 4);

	memset(&d, 0, sizeof d);
	d.id = 10;
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	ck_assert_uint_eq(d.id, 11);

	ck_assert_int_eq(store_run(st, STORE_READ, record_last_txn, &r),
	    STATUS_OK);
	ck_assert_uint_eq(r.last_doc, 11);
	ck_assert_uint_eq(r.last_user, 0);
	ck_assert_uint_eq(r.last_audit, 1);
	store_close(st);
}
END_TEST

START_TEST(test_role_conflict_refused)
{
	static const uint32_t bad[] = {
		ROLE_SYSADMIN | ROLE_SECADMIN, ROLE_SECADMIN | ROLE_AUDITOR,
		ROLE_SYSADMIN | ROLE_DRAFTER, ROLE_AUDITOR | ROLE_CLERK
	};
	struct store *st = fixture_open(fx.home);
	struct rec_user u;
	unsigned i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&u, 0, sizeof u);
		u.name = "admin";
		u.roles = bad[i];
		ck_assert_int_eq(fixture_put(st, REC_USER, &u),
		    STATUS_ROLE_CONFLICT);
		ck_assert_uint_eq(u.id, 0);
	}
	ck_assert_uint_eq(fixture_count(st, REC_USER), 0);

	u.roles = ROLE_AUDITOR;
	ck_assert_int_eq(fixture_put(st, REC_USER, &u), STATUS_OK);
	u.roles = ROLE_AUDITOR | ROLE_SYSADMIN;	/* an update is checked too */
	ck_assert_int_eq(fixture_put(st, REC_USER, &u), STATUS_ROLE_CONFLICT);
	store_close(st);
}
END_TEST

struct record_abort {
	struct rec_dept	 dept;
	enum status	 put;
};

static enum status
record_abort_txn(struct store_txn *txn, void *arg)
{
	struct record_abort *a = arg;

	memset(&a->dept, 0, sizeof a->dept);
	a->dept.name = "行政复议科";
	a->put = store_put(txn, REC_DEPT, &a->dept);
	return STATUS_STATE;	/* the caller's rule fails after the put */
}

static enum status
record_write_in_read_txn(struct store_txn *txn, void *arg)
{
	return store_put(txn, REC_DEPT, arg);
}

START_TEST(test_failed_transaction_leaves_nothing)
{
	struct store *st = fixture_open(fx.home);
	struct record_abort a;
	struct rec_dept d;

	ck_assert_int_eq(store_run(st, STORE_WRITE, record_abort_txn, &a),
	    STATUS_STATE);
	ck_assert_int_eq(a.put, STATUS_OK);
	ck_assert_uint_eq(fixture_count(st, REC_DEPT), 0);
	ck_assert_int_eq(fixture_get(st, REC_DEPT, 1, &d), STATUS_NOT_FOUND);

	memset(&d, 0, sizeof d);
	ck_assert_int_eq(store_run(st, STORE_READ, record_write_in_read_txn,
	    &d), STATUS_INVALID);
	ck_assert_uint_eq(fixture_count(st, REC_DEPT), 0);

	/* The sequence went back with the transaction: no hole. */
	ck_assert_int_eq(fixture_put(st, REC_DEPT, &d), STATUS_OK);
	ck_assert_uint_eq(d.id, 1);
	store_close(st);
}
END_TEST

struct record_scan {
	uint64_t	 ids[8];
	unsigned	 n, stop_at;
};

static int
record_scan_each(const void *rec, void *arg)
{
	struct record_scan *s = arg;

	s->ids[s->n++] = ((const struct rec_dept *) rec)->id;
	return s->n == s->stop_at;
}

static enum status
record_scan_txn(struct store_txn *txn, void *arg)
{
	struct record_scan *s = arg;

	s->n = 0;
	return store_scan_all(txn, REC_DEPT, record_scan_each, s);
}

static enum status
record_scan_from_txn(struct store_txn *txn, void *arg)
{
	struct record_scan *s = arg;

	s->n = 0;
	return store_scan_ids(txn, REC_DEPT, 4, record_scan_each, s);
}

START_TEST(test_scan_in_id_order)
{
	struct store *st = fixture_open(fx.home);
	struct record_scan s = { { 0 }, 0, 0 };
	struct rec_dept d;
	unsigned i;

	for (i = 0; i < 6; i++) {
		memset(&d, 0, sizeof d);
		ck_assert_int_eq(fixture_put(st, REC_DEPT, &d), STATUS_OK);
	}
	ck_assert_int_eq(fixture_del(st, REC_DEPT, 2), STATUS_OK);
	ck_assert_int_eq(store_run(st, STORE_READ, record_scan_txn, &s),
	    STATUS_OK);
	ck_assert_uint_eq(s.n, 5);
	ck_assert_uint_eq(s.ids[0], 1);
	ck_assert_uint_eq(s.ids[1], 3);
	ck_assert_uint_eq(s.ids[4], 6);

	s.stop_at = 2;		/* the callback stops the scan */
	ck_assert_int_eq(store_run(st, STORE_READ, record_scan_txn, &s),
	    STATUS_OK);
	ck_assert_uint_eq(s.n, 2);

	s.stop_at = 0;
	ck_assert_int_eq(store_run(st, STORE_READ, record_scan_from_txn, &s),
	    STATUS_OK);
	ck_assert_uint_eq(s.n, 3);
	ck_assert_uint_eq(s.ids[0], 4);
	store_close(st);
}
END_TEST

/* Nothing is written where there is no workspace, and a workspace is
 * created only in a new or empty directory. */
START_TEST(test_open_needs_a_workspace)
{
	struct store *st = NULL, *again;
	struct stat sb;
	char *file;

	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_NO_WORKSPACE);
	ck_assert_ptr_null(st);
	ck_assert_int_ne(stat(fx.home, &sb), 0);

	ck_assert_int_eq(mkdir(fx.home, 0700), 0);
	ck_assert_int_eq(store_open(fx.home, STORE_RDONLY, &st),
	    STATUS_NO_WORKSPACE);
	ck_assert(rmdir(fx.home) == 0);		/* still empty */

	ck_assert_int_eq(mkdir(fx.home, 0700), 0);
	file = xasprintf("%s/notes.txt", fx.home);
	testlib_write_file(file, "x", 1);
	ck_assert_int_eq(store_open(fx.home, STORE_CREATE, &st),
	    STATUS_DIR_NOT_EMPTY);
	unlink(file);
	free(file);

	/* Once per process (DB_REGISTER's locks are per process). */
	st = fixture_open(fx.home);
	ck_assert_int_eq(store_open(fx.home, 0, &again), STATUS_INVALID);
	store_close(st);
	ck_assert_int_eq(store_open(fx.home, STORE_RDONLY, &again), STATUS_OK);
	store_close(again);
}
END_TEST

/* A read-only store refuses writes; a create is never read-only. */
START_TEST(test_read_only_store)
{
	struct store *st = fixture_open(fx.home);
	struct rec_dept d;

	store_close(st);
	ck_assert_int_eq(store_open(fx.home, STORE_CREATE | STORE_RDONLY, &st),
	    STATUS_INVALID);
	ck_assert_int_eq(store_open(fx.home, STORE_RDONLY, &st), STATUS_OK);
	memset(&d, 0, sizeof d);
	ck_assert_int_eq(fixture_put(st, REC_DEPT, &d), STATUS_INVALID);
	ck_assert_uint_eq(fixture_count(st, REC_DEPT), 0);
	store_close(st);
}
END_TEST

Suite *
record_suite(void)
{
	Suite *s = suite_create("record");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, record_setup, record_teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_every_kind_round_trip);
	tcase_add_test(tc, test_update_replaces);
	tcase_add_test(tc, test_ids_never_reused);
	tcase_add_test(tc, test_role_conflict_refused);
	tcase_add_test(tc, test_failed_transaction_leaves_nothing);
	tcase_add_test(tc, test_scan_in_id_order);
	tcase_add_test(tc, test_open_needs_a_workspace);
	tcase_add_test(tc, test_read_only_store);
	suite_add_tcase(s, tc);
	return s;
}
