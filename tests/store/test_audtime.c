/*
 * test_audtime.c -- the audit trail's summary by time (audtime.c): a
 * search of a range of time returns exactly the entries whose time lies
 * in it (what the index of every entry returned), in sequence order,
 * with the clock stepped back and forward, at the blocks' edges, for
 * empty ranges and ranges before the first and after the last entry,
 * with one group of blocks and with several; entries archived away
 * leave it right; check names a block or group missing, extra or with a
 * wrong range; a backup carries it; the upgrade from schema 10 builds
 * it, in parts, going on after a kill, and removes audit-by-time.db.
 */
#include <config.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <db.h>

#include "store/fixture.h"
#include "store/suites.h"

#define AT_T0		1700000000

static struct fixture fx;
static unsigned at_b;	/* the entries of a block (audtime.c) */
static unsigned at_n;	/* the trail's: five blocks, the last short */

static void
at_setup(void)
{
	fixture_init(&fx);
	fixture_watchdog(60);
	at_b = store_test_audtime_block();
	ck_assert_uint_ge(at_b, 32);	/* room for the steps below */
	at_n = 4 * at_b + at_b / 2;
}

static void
at_teardown(void)
{
	store_test_schema(0, NULL, 0);
	store_test_part(0);
	store_test_audtime_kill(0);
	store_test_audtime_group(0);
	store_test_kill_drop(0);
	fixture_watchdog(0);
	fixture_done(&fx);
}

/* Entry I's time, with B the block's entries: a minute apart, the clock
 * stepped back a day for entries B + 2 to B + 21 (inside block 1),
 * forward a year for 2B + 2 to 2B + 11 (block 2), and back to entry
 * B / 2's minute for entry B, the first of block 1. */
static int64_t
at_time(unsigned i)
{
	int64_t t = AT_T0 + 60 * (int64_t) i;

	if (i >= at_b + 2 && i < at_b + 22)
		t -= 86400;
	if (i >= 2 * at_b + 2 && i < 2 * at_b + 12)
		t += 365 * 86400;
	if (i == at_b)
		t = AT_T0 + 60 * (int64_t) (at_b / 2);
	return t;
}

static enum status
at_fill_txn(struct store_txn *txn, void *arg)
{
	struct rec_audit e;
	enum status rc = STATUS_OK;
	unsigned i;

	(void) arg;
	for (i = 1; i <= at_n && rc == STATUS_OK; i++) {
		memset(&e, 0, sizeof e);
		e.time = at_time(i);
		e.action = 1;
		e.detail = "审计";
		rc = store_put(txn, REC_AUDIT, &e);
	}
	return rc;
}

/* The trail, ids 1 to at_n. */
static void
at_fill(struct store *st)
{
	ck_assert_int_eq(store_run(st, STORE_WRITE, at_fill_txn, NULL),
	    STATUS_OK);
}

struct at_ids {
	uint64_t	*v;		/* at_n of them at most */
	size_t		 n;
	int64_t		 lo, hi;	/* at_all_each: the range to filter */
	size_t		 stop_at;	/* at_each: stop after this many */
};

static void
at_ids_init(struct at_ids *r)
{
	memset(r, 0, sizeof *r);
	r->v = xcalloc(at_n, sizeof *r->v);
}

static int
at_each(const void *rec, void *arg)
{
	const struct rec_audit *e = rec;
	struct at_ids *r = arg;

	ck_assert_uint_lt(r->n, at_n);
	r->v[r->n++] = e->id;
	return r->stop_at != 0 && r->n == r->stop_at;
}

static int
at_all_each(const void *rec, void *arg)
{
	const struct rec_audit *e = rec;
	struct at_ids *r = arg;

	if (e->time >= r->lo && e->time <= r->hi)
		r->v[r->n++] = e->id;
	return 0;
}

struct at_query {
	int64_t		 lo, hi;
	struct at_ids	 got, want;
};

static enum status
at_query_txn(struct store_txn *txn, void *arg)
{
	struct at_query *q = arg;
	enum status rc;

	q->got.n = q->want.n = 0;
	q->want.lo = q->lo;
	q->want.hi = q->hi;
	if ((rc = store_scan_all(txn, REC_AUDIT, at_all_each, &q->want)) !=
	    STATUS_OK)
		return rc;
	return store_audit_scan_time(txn, q->lo, q->hi, at_each, &q->got);
}

/* Search LO..HI and compare with every entry filtered: returns the
 * count found. */
static size_t
at_search(struct store *st, int64_t lo, int64_t hi)
{
	struct at_query q;
	size_t i;

	q.lo = lo;
	q.hi = hi;
	at_ids_init(&q.got);
	at_ids_init(&q.want);
	ck_assert_int_eq(store_run(st, STORE_READ, at_query_txn, &q),
	    STATUS_OK);
	ck_assert_msg(q.got.n == q.want.n, "%lld..%lld: %zu entries, "
	    "%zu expected", (long long) lo, (long long) hi, q.got.n,
	    q.want.n);
	for (i = 0; i < q.got.n; i++)
		ck_assert_uint_eq(q.got.v[i], q.want.v[i]);
	free(q.got.v);
	free(q.want.v);
	return q.got.n;
}

/* The ranges every test compares, with the counts the times above
 * give. */
static void
at_search_all(struct store *st)
{
	const unsigned b = at_b;

	ck_assert_uint_eq(at_search(st, INT64_MIN, INT64_MAX), at_n);
	/* Block 0's times hold block 1's first entry too. */
	ck_assert_uint_eq(at_search(st, at_time(1), at_time(b - 1)), b);
	/* Across the edges of blocks 0, 1 and 2. */
	ck_assert_uint_eq(at_search(st, at_time(b - 1), at_time(b + 1)), 2);
	ck_assert_uint_eq(at_search(st, at_time(b), at_time(b)), 2);
	ck_assert_uint_eq(at_search(st, at_time(2 * b - 1), at_time(2 * b)),
	    2);
	/* The day-back entries of block 1 lie before the trail's first:
	 * with the first minute of block 0. */
	ck_assert_uint_eq(at_search(st, at_time(b + 2), at_time(b + 21)), 20);
	ck_assert_uint_eq(at_search(st, at_time(b + 2), AT_T0 + 60), 21);
	/* The year ahead, in block 2, after the last entry's time. */
	ck_assert_uint_eq(at_search(st, at_time(2 * b + 2),
	    at_time(2 * b + 11)), 10);
	ck_assert_uint_eq(at_search(st, at_time(at_n) + 1, INT64_MAX), 10);
	/* Empty: before the first, between two minutes, reversed, and
	 * between the trail's end and the year ahead. */
	ck_assert_uint_eq(at_search(st, 0, at_time(b + 2) - 1), 0);
	ck_assert_uint_eq(at_search(st, at_time(5) + 1, at_time(6) - 1), 0);
	ck_assert_uint_eq(at_search(st, at_time(7), at_time(6)), 0);
	ck_assert_uint_eq(at_search(st, at_time(at_n) + 1,
	    at_time(2 * b + 2) - 1), 0);
}

static void
at_check_clean(void)
{
	struct fixture_faults f;

	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}

START_TEST(test_range_exact)
{
	struct store *st = fixture_open(fx.home);

	at_fill(st);
	at_search_all(st);
	store_close(st);
	at_check_clean();
}
END_TEST

static enum status
at_stop_txn(struct store_txn *txn, void *arg)
{
	return store_audit_scan_time(txn, at_time(at_b - 6), INT64_MAX,
	    at_each, arg);
}

/* Groups of two blocks: the trail makes three, the clock's steps in the
 * first two; a search reads the blocks of the groups that meet it. */
START_TEST(test_range_exact_groups)
{
	struct store *st;

	store_test_audtime_group(2);
	st = fixture_open(fx.home);
	at_fill(st);
	at_search_all(st);
	store_close(st);
	at_check_clean();
}
END_TEST

/* A reader that has enough stops the search. */
START_TEST(test_stop)
{
	struct store *st = fixture_open(fx.home);
	struct at_ids r;

	at_fill(st);
	at_ids_init(&r);
	r.stop_at = 10;
	ck_assert_int_eq(store_run(st, STORE_READ, at_stop_txn, &r),
	    STATUS_OK);
	ck_assert_uint_eq(r.n, 10);
	ck_assert_uint_eq(r.v[0], at_b - 6);
	/* B - 6 to B - 1, B + 1, then after the day back B + 22 on. */
	ck_assert_uint_eq(r.v[6], at_b + 1);
	ck_assert_uint_eq(r.v[9], at_b + 24);
	free(r.v);
	store_close(st);
}
END_TEST

static enum status
at_archive_txn(struct store_txn *txn, void *arg)
{
	enum status rc = STATUS_OK;
	uint64_t id;

	for (id = 1; id <= *(uint64_t *) arg && rc == STATUS_OK; id++)
		rc = store_del(txn, REC_AUDIT, id);
	return rc;
}

/* Archiving deletes the oldest entries: block 0 goes, block 1 keeps
 * its range, which still covers its entries; searches stay exact. */
START_TEST(test_archive)
{
	struct store *st = fixture_open(fx.home);
	uint64_t upto = at_b + 10;

	at_fill(st);
	ck_assert_int_eq(store_run(st, STORE_WRITE, at_archive_txn, &upto),
	    STATUS_OK);
	ck_assert_uint_eq(at_search(st, INT64_MIN, INT64_MAX),
	    at_n - at_b - 10);
	ck_assert_uint_eq(at_search(st, at_time(at_b + 2),
	    at_time(at_b + 21)), 11);
	ck_assert_uint_eq(at_search(st, at_time(1), at_time(at_b - 1)), 0);
	store_close(st);
	at_check_clean();
}
END_TEST

static enum status
at_damage_txn(struct store_txn *txn, void *arg)
{
	enum status rc;

	(void) arg;
	/* Block 1 without its day-back entries, block 2 gone, block 99
	 * with no entries; group 0 (the whole trail) without the year
	 * ahead, group 7 with no entries. */
	if ((rc = store_test_audtime_set(txn, 0, 1, at_time(at_b + 22),
	    at_time(2 * at_b - 1), 1)) != STATUS_OK ||
	    (rc = store_test_audtime_set(txn, 0, 2, 0, 0, 0)) != STATUS_OK ||
	    (rc = store_test_audtime_set(txn, 0, 99, AT_T0, AT_T0, 1)) !=
	    STATUS_OK ||
	    (rc = store_test_audtime_set(txn, 1, 0, INT64_MIN, at_time(at_n),
	    1)) != STATUS_OK)
		return rc;
	return store_test_audtime_set(txn, 1, 7, AT_T0, AT_T0, 1);
}

START_TEST(test_check_finds_damage)
{
	struct store *st = fixture_open(fx.home);
	struct fixture_faults f;
	char *missing = xasprintf("no row for block 2 (entries %u to %u)",
	    2 * at_b, 3 * at_b - 1);

	at_fill(st);
	ck_assert_int_eq(store_run(st, STORE_WRITE, at_damage_txn, NULL),
	    STATUS_OK);
	store_close(st);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_uint_eq(f.n, 5);
	ck_assert_msg(strstr(f.text, "gives block 1 the times") != NULL,
	    "%s", f.text);
	ck_assert_msg(strstr(f.text, missing) != NULL, "%s", f.text);
	ck_assert_msg(strstr(f.text, "row for block 99, which holds no "
	    "entry") != NULL, "%s", f.text);
	ck_assert_msg(strstr(f.text, "gives group 0 the times") != NULL,
	    "%s", f.text);
	ck_assert_msg(strstr(f.text, "row for group 7, which holds no "
	    "entry") != NULL, "%s", f.text);
	free(missing);
}
END_TEST

/* A backup restored elsewhere answers the same searches. */
START_TEST(test_backup_carries)
{
	struct store *st = fixture_open(fx.home);
	char *dir = xasprintf("%s/backup", fx.tmp);
	char *home2 = xasprintf("%s/restored", fx.tmp);

	at_fill(st);
	ck_assert_int_eq(store_backup(st, dir), STATUS_OK);
	store_close(st);
	ck_assert_int_eq(store_restore(dir, home2, 0), STATUS_OK);
	st = fixture_open(home2);
	at_search_all(st);
	store_close(st);
	free(fx.home);
	fx.home = home2;	/* checked, and removed with the rest */
	at_check_clean();
	free(dir);
}
END_TEST

/* A schema 10 workspace with the trail and its old index's file: a
 * program of schema 10 (as a test build pretends) reads every entry. */
static void
at_make_v10(void)
{
	struct store *st;

	store_test_schema(10, NULL, 0);
	st = fixture_open(fx.home);
	at_fill(st);
	at_search_all(st);
	store_close(st);
	fixture_old_file(fx.home, "audit-by-time.db");
	store_test_schema(0, NULL, 0);
}

static void
at_assert_upgraded(void)
{
	struct store *st = fixture_open(fx.home);
	unsigned v = 0;
	char *path;

	ck_assert_int_eq(store_schema_version(st, &v), STATUS_OK);
	ck_assert_uint_eq(v, STORE_SCHEMA_VERSION);
	at_search_all(st);
	store_close(st);
	path = xasprintf("%s/audit-by-time.db", fx.home);
	ck_assert_msg(access(path, F_OK) != 0, "audit-by-time.db is left");
	free(path);
	at_check_clean();
}

START_TEST(test_upgrade_from_9)
{
	at_make_v10();
	store_test_part(at_n / 3);	/* four parts */
	store_test_audtime_group(2);	/* three groups */
	at_assert_upgraded();
}
END_TEST

/* Killed before the commit of its second part, the step goes on from
 * the first at the next open. */
START_TEST(test_upgrade_killed_goes_on)
{
	at_make_v10();
	store_test_part(at_n / 3);
	store_test_audtime_kill(2);
	fixture_open_killed(fx.home, "the upgrade");
	store_test_audtime_kill(0);
	at_assert_upgraded();
}
END_TEST

/* Killed as the old file is removed, before the first part commits. */
START_TEST(test_upgrade_killed_at_drop)
{
	at_make_v10();
	store_test_kill_drop(1);
	fixture_open_killed(fx.home, "the upgrade");
	store_test_kill_drop(0);
	at_assert_upgraded();
}
END_TEST

Suite *
audtime_suite(void)
{
	Suite *s = suite_create("audtime");
	TCase *tc = tcase_create("audtime");

	tcase_add_checked_fixture(tc, at_setup, at_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_range_exact);
	tcase_add_test(tc, test_range_exact_groups);
	tcase_add_test(tc, test_stop);
	tcase_add_test(tc, test_archive);
	tcase_add_test(tc, test_check_finds_damage);
	tcase_add_test(tc, test_backup_carries);
	tcase_add_test(tc, test_upgrade_from_9);
	tcase_add_test(tc, test_upgrade_killed_goes_on);
	tcase_add_test(tc, test_upgrade_killed_at_drop);
	suite_add_tcase(s, tc);
	return s;
}
