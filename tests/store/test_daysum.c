/*
 * test_daysum.c -- the daily totals' storage (daysum.c): rows read back
 * as written and walked in day order (days before 1970 too), an all-zero
 * row is removed, a failed transaction leaves them as they were; the
 * observer is told before and after every write of the kinds the totals
 * come from, and of no other; such a write with no observer marks the
 * totals stale; the upgrade to schema 6 runs the rebuild, or marks them
 * stale when there is none.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/fixture.h"
#include "store/suites.h"

static struct fixture fx;
static struct store *st;

/* What the observer and the rebuild saw. */
static struct {
	unsigned	 before, after, rebuilds;
	enum rec_kind	 kind;
	int		 had_old, had_new;
} ds_seen;

static void
ds_setup(void)
{
	memset(&ds_seen, 0, sizeof ds_seen);
	fixture_init(&fx);
	st = fixture_open(fx.home);
}

static void
ds_teardown(void)
{
	if (st != NULL)
		store_close(st);
	st = NULL;
	store_observe(NULL, NULL);
	store_test_schema(0, NULL, 0);
	fixture_done(&fx);
}

static struct store_daysum
ds_row(int64_t day, uint64_t seal, uint64_t v0)
{
	struct store_daysum s;

	memset(&s, 0, sizeof s);
	s.day = day;
	s.end = day + 86400;
	s.seal_id = seal;
	s.dept_id = 7;
	s.kind = 2;
	s.v[0] = v0;
	s.v[STORE_DAYSUM_VALUES - 1] = v0 * 2;
	return s;
}

struct ds_walk {
	int64_t		 day[8];
	uint64_t	 v0[8];
	unsigned	 n;
};

static int
ds_walk_each(const struct store_daysum *s, void *arg)
{
	struct ds_walk *w = arg;

	ck_assert_uint_lt(w->n, 8);
	ck_assert_int_eq(s->end, s->day + 86400);
	w->day[w->n] = s->day;
	w->v0[w->n++] = s->v[0];
	return 0;
}

static enum status
ds_rows_txn(struct store_txn *txn, void *arg)
{
	static const int64_t days[] = { 1767196800, -86400, 1767283200, 0 };
	struct store_daysum s, back;
	struct ds_walk *w = arg;
	size_t i;

	for (i = 0; i < sizeof days / sizeof days[0]; i++) {
		s = ds_row(days[i], 3, i + 1);
		ck_assert_int_eq(store_daysum_put(txn, &s), STATUS_OK);
	}
	back = ds_row(days[0], 3, 0);
	ck_assert_int_eq(store_daysum_get(txn, &back), STATUS_OK);
	ck_assert_uint_eq(back.v[0], 1);
	ck_assert_uint_eq(back.v[STORE_DAYSUM_VALUES - 1], 2);
	ck_assert_int_eq(back.end, days[0] + 86400);

	/* All zeros: the row goes. */
	s = ds_row(0, 3, 0);
	ck_assert_int_eq(store_daysum_put(txn, &s), STATUS_OK);
	back = ds_row(0, 3, 99);
	ck_assert_int_eq(store_daysum_get(txn, &back), STATUS_OK);
	ck_assert_uint_eq(back.v[0], 0);
	ck_assert_int_eq(back.end, 0);
	return store_daysum_scan(txn, -86400, 1767196800, ds_walk_each, w);
}

START_TEST(test_rows_in_day_order)
{
	struct ds_walk w;

	memset(&w, 0, sizeof w);
	ck_assert_int_eq(store_run(st, STORE_WRITE, ds_rows_txn, &w),
	    STATUS_OK);
	ck_assert_uint_eq(w.n, 2);
	ck_assert_int_eq(w.day[0], -86400);
	ck_assert_uint_eq(w.v0[0], 2);
	ck_assert_int_eq(w.day[1], 1767196800);
	ck_assert_uint_eq(w.v0[1], 1);
}
END_TEST

static enum status
ds_failing_txn(struct store_txn *txn, void *arg)
{
	struct store_daysum s = ds_row(86400, 1, 5);

	(void) arg;
	ck_assert_int_eq(store_daysum_put(txn, &s), STATUS_OK);
	return STATUS_DENIED;
}

static enum status
ds_read_txn(struct store_txn *txn, void *arg)
{
	return store_daysum_get(txn, arg);
}

START_TEST(test_rows_roll_back)
{
	struct store_daysum s = ds_row(86400, 1, 0);

	ck_assert_int_eq(store_run(st, STORE_WRITE, ds_failing_txn, NULL),
	    STATUS_DENIED);
	ck_assert_int_eq(store_run(st, STORE_READ, ds_read_txn, &s),
	    STATUS_OK);
	ck_assert_uint_eq(s.v[0], 0);
}
END_TEST

static enum status
ds_observe(struct store_txn *txn, enum rec_kind kind, const void *old,
    const void *new_, int after)
{
	(void) txn;
	if (after) {
		ds_seen.after++;
		return STATUS_OK;
	}
	ds_seen.before++;
	ds_seen.kind = kind;
	ds_seen.had_old = old != NULL;
	ds_seen.had_new = new_ != NULL;
	return STATUS_OK;
}

static uint64_t
ds_doc(void)
{
	struct rec_doc d;

	memset(&d, 0, sizeof d);
	d.title = "请示";
	d.updated = 100;
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	return d.id;
}

START_TEST(test_observer_told_of_writes)
{
	struct rec_user u;
	struct rec_doc d;
	uint64_t id;

	store_observe(ds_observe, NULL);
	id = ds_doc();
	ck_assert_uint_eq(ds_seen.before, 1);
	ck_assert_uint_eq(ds_seen.after, 1);
	ck_assert_int_eq(ds_seen.kind, REC_DOC);
	ck_assert(!ds_seen.had_old && ds_seen.had_new);

	ck_assert_int_eq(fixture_get(st, REC_DOC, id, &d), STATUS_OK);
	d.updated = 200;
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	rec_free(REC_DOC, &d);
	ck_assert_uint_eq(ds_seen.before, 2);
	ck_assert(ds_seen.had_old && ds_seen.had_new);

	ck_assert_int_eq(fixture_del(st, REC_DOC, id), STATUS_OK);
	ck_assert_uint_eq(ds_seen.before, 3);
	ck_assert_uint_eq(ds_seen.after, 3);
	ck_assert(ds_seen.had_old && !ds_seen.had_new);

	/* Not a kind the totals come from. */
	fixture_fill(REC_USER, &u, 1);
	u.id = 0;
	ck_assert_int_eq(fixture_put(st, REC_USER, &u), STATUS_OK);
	ck_assert_uint_eq(ds_seen.before, 3);
	ck_assert_uint_eq(ds_seen.after, 3);
	rec_free(REC_USER, &u);
}
END_TEST

static enum status
ds_stale_txn(struct store_txn *txn, void *arg)
{
	return store_daysum_stale(txn, arg);
}

static int
ds_stale(void)
{
	int stale = -1;

	ck_assert_int_eq(store_run(st, STORE_READ, ds_stale_txn, &stale),
	    STATUS_OK);
	return stale;
}

START_TEST(test_unobserved_write_marks_stale)
{
	struct rec_user u;

	ck_assert_int_eq(ds_stale(), 0);
	fixture_fill(REC_USER, &u, 2);
	u.id = 0;
	ck_assert_int_eq(fixture_put(st, REC_USER, &u), STATUS_OK);
	rec_free(REC_USER, &u);
	ck_assert_int_eq(ds_stale(), 0);
	ds_doc();
	ck_assert_int_eq(ds_stale(), 1);
}
END_TEST

static enum status
ds_rebuild(struct store_txn *txn)
{
	struct store_daysum s = ds_row(1767196800, 4, 9);
	enum status rc;

	ds_seen.rebuilds++;
	if ((rc = store_daysum_reset(txn, 0)) != STATUS_OK)
		return rc;
	return store_daysum_put(txn, &s);
}

/* A workspace of schema 5 with a document, closed. */
static char *
ds_old_workspace(const char *name)
{
	char *home = xasprintf("%s/%s", fx.tmp, name);

	store_close(st);
	store_test_schema(5, NULL, 0);
	st = fixture_open(home);
	store_observe(ds_observe, NULL);	/* its totals follow it */
	ds_doc();
	store_observe(NULL, NULL);
	ck_assert_int_eq(ds_stale(), 0);
	store_close(st);
	st = NULL;
	store_test_schema(0, NULL, 0);
	return home;
}

START_TEST(test_upgrade_runs_rebuild)
{
	struct store_daysum s = ds_row(1767196800, 4, 0);
	char *home = ds_old_workspace("v5");
	unsigned version = 0;

	store_observe(ds_observe, ds_rebuild);
	st = fixture_open(home);
	ck_assert_int_eq(store_schema_version(st, &version), STATUS_OK);
	ck_assert_uint_eq(version, STORE_SCHEMA_VERSION);
	ck_assert_uint_eq(ds_seen.rebuilds, 1);
	ck_assert_int_eq(ds_stale(), 0);
	ck_assert_int_eq(store_run(st, STORE_READ, ds_read_txn, &s),
	    STATUS_OK);
	ck_assert_uint_eq(s.v[0], 9);
	free(home);
}
END_TEST

START_TEST(test_upgrade_without_core_marks_stale)
{
	char *home = ds_old_workspace("v5");

	st = fixture_open(home);
	ck_assert_int_eq(ds_stale(), 1);
	free(home);
}
END_TEST

Suite *
daysum_suite(void)
{
	Suite *s = suite_create("daysum");
	TCase *tc = tcase_create("daysum");

	tcase_add_checked_fixture(tc, ds_setup, ds_teardown);
	tcase_add_test(tc, test_rows_in_day_order);
	tcase_add_test(tc, test_rows_roll_back);
	tcase_add_test(tc, test_observer_told_of_writes);
	tcase_add_test(tc, test_unobserved_write_marks_stale);
	tcase_add_test(tc, test_upgrade_runs_rebuild);
	tcase_add_test(tc, test_upgrade_without_core_marks_stale);
	suite_add_tcase(s, tc);
	return s;
}
