/*
 * test_counts.c -- the counts of documents per state (counts.c): the one
 * read store_count makes for a whole state always equals the number of
 * entries a walk of the state index finds, through puts, moves, deletes,
 * a failed transaction and a rolled-back batch act; an upgrade computes
 * them for a workspace made before them; store_check reports a count
 * that disagrees with the index.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "store/fixture.h"
#include "store/suites.h"

static struct fixture fx;
static struct store *st;

static void
counts_setup(void)
{
	fixture_init(&fx);
	st = fixture_open(fx.home);
}

static void
counts_teardown(void)
{
	if (st != NULL)
		store_close(st);
	st = NULL;
	store_test_schema(0, NULL, 0);
	fixture_done(&fx);
}

struct counts_pair {
	uint64_t	 fast[DOC__STATE_COUNT];	/* store_count */
	uint64_t	 slow[DOC__STATE_COUNT];	/* the walk */
};

static int
counts_tick(uint64_t id, void *arg)
{
	(void) id;
	++*(uint64_t *) arg;
	return 0;
}

static enum status
counts_pair_txn(struct store_txn *txn, void *arg)
{
	struct counts_pair *p = arg;
	struct store_range r = { 1, { 0, 0, 0 }, 0, UINT64_MAX };
	enum status rc = STATUS_OK;
	unsigned s;

	for (s = 0; s < DOC__STATE_COUNT && rc == STATUS_OK; s++) {
		r.prefix[0] = s;
		rc = store_count(txn, IDX_DOC_STATE, &r, &p->fast[s]);
		if (rc == STATUS_OK)
			rc = store_scan_keys(txn, IDX_DOC_STATE, &r,
			    counts_tick, &p->slow[s]);
	}
	return rc;
}

/* Every state's count agrees with the walk, and the walk finds the
 * numbers given of documents to seal, sealed, drafts and in approval. */
static void
counts_assert(unsigned to_seal, unsigned sealed, unsigned draft,
    unsigned in_approval)
{
	struct counts_pair p;
	unsigned s;

	memset(&p, 0, sizeof p);
	ck_assert_int_eq(store_run(st, STORE_READ, counts_pair_txn, &p),
	    STATUS_OK);
	for (s = 0; s < DOC__STATE_COUNT; s++)
		ck_assert_msg(p.fast[s] == p.slow[s],
		    "state %u: count %llu, index %llu", s,
		    (unsigned long long) p.fast[s],
		    (unsigned long long) p.slow[s]);
	ck_assert_uint_eq(p.slow[DOC_TO_SEAL], to_seal);
	ck_assert_uint_eq(p.slow[DOC_SEALED], sealed);
	ck_assert_uint_eq(p.slow[DOC_DRAFT], draft);
	ck_assert_uint_eq(p.slow[DOC_IN_APPROVAL], in_approval);
}

static uint64_t
counts_doc(uint8_t state, uint8_t urgency, int64_t updated)
{
	struct rec_doc d;

	memset(&d, 0, sizeof d);
	d.state = state;
	d.urgency = urgency;
	d.updated = updated;
	d.title = "请示";
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	return d.id;
}

static void
counts_move(uint64_t id, uint8_t state, uint8_t urgency, int64_t updated)
{
	struct rec_doc d;

	ck_assert_int_eq(fixture_get(st, REC_DOC, id, &d), STATUS_OK);
	d.state = state;
	d.urgency = urgency;
	d.updated = updated;
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	rec_free(REC_DOC, &d);
}

static void
counts_docs(void)
{
	counts_doc(DOC_TO_SEAL, URGENCY_NORMAL, 100);		/* 1 */
	counts_doc(DOC_TO_SEAL, URGENCY_VERY_URGENT, 300);	/* 2 */
	counts_doc(DOC_DRAFT, URGENCY_NORMAL, 200);		/* 3 */
	counts_doc(DOC_IN_APPROVAL, URGENCY_NORMAL, 50);	/* 4 */
	counts_doc(DOC_SEALED, URGENCY_URGENT, 120);		/* 5 */
}

/* The counts follow every put, move and delete. */
START_TEST(test_counts_follow_records)
{
	counts_assert(0, 0, 0, 0);
	counts_docs();
	counts_assert(2, 1, 1, 1);

	counts_move(4, DOC_TO_SEAL, URGENCY_NORMAL, 400);	/* approved */
	counts_assert(3, 1, 1, 0);
	counts_move(2, DOC_TO_SEAL, URGENCY_NORMAL, 500);	/* same state */
	counts_assert(3, 1, 1, 0);
	counts_move(1, DOC_SEALED, URGENCY_NORMAL, 600);
	counts_assert(2, 2, 1, 0);

	ck_assert_int_eq(fixture_del(st, REC_DOC, 5), STATUS_OK);
	counts_assert(2, 1, 1, 0);
	ck_assert_int_eq(fixture_del(st, REC_DOC, 2), STATUS_OK);
	ck_assert_int_eq(fixture_del(st, REC_DOC, 4), STATUS_OK);
	counts_assert(0, 1, 1, 0);
}
END_TEST

static enum status
counts_failing_txn(struct store_txn *txn, void *arg)
{
	struct rec_doc d;
	enum status rc;

	(void) arg;
	if ((rc = store_get(txn, REC_DOC, 1, &d)) != STATUS_OK)
		return rc;
	d.state = DOC_PRINTED;
	rc = store_put(txn, REC_DOC, &d);
	rec_free(REC_DOC, &d);
	return rc == STATUS_OK ? STATUS_DENIED : rc;
}

/* One act fails and is rolled back alone; the next moves document 3. */
static enum status
counts_batch_fn(void *arg)
{
	enum status rc;

	(void) arg;
	rc = store_run(st, STORE_WRITE, counts_failing_txn, NULL);
	if (rc != STATUS_DENIED)
		return STATUS_INVALID;
	counts_move(3, DOC_IN_APPROVAL, URGENCY_NORMAL, 700);
	return STATUS_OK;
}

/* A transaction that moves a document and then fails leaves no trace in
 * the counts, nor does a failing act inside a batch. */
START_TEST(test_counts_roll_back)
{
	counts_docs();
	ck_assert_int_eq(store_run(st, STORE_WRITE, counts_failing_txn, NULL),
	    STATUS_DENIED);
	counts_assert(2, 1, 1, 1);

	ck_assert_int_eq(store_batch(st, counts_batch_fn, NULL), STATUS_OK);
	counts_assert(2, 1, 0, 2);
}
END_TEST

static enum status
counts_plant_txn(struct store_txn *txn, void *arg)
{
	(void) arg;
	return store_test_put_count(txn, IDX_DOC_STATE, DOC_TO_SEAL, 9);
}

/* check reports a count that disagrees with the index's entries. */
START_TEST(test_check_finds_wrong_count)
{
	struct fixture_faults f;

	counts_docs();
	store_close(st);
	st = NULL;
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);

	st = fixture_open(fx.home);
	ck_assert_int_eq(store_run(st, STORE_WRITE, counts_plant_txn, NULL),
	    STATUS_OK);
	store_close(st);
	st = NULL;
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_uint_eq(f.n, 1);
	ck_assert_ptr_nonnull(strstr(f.text,
	    "doc-by-state.db: the count of 4 says 9, the index holds 2"));
}
END_TEST

static enum status
counts_forget_txn(struct store_txn *txn, void *arg)
{
	enum status rc = STATUS_OK;
	unsigned s;

	(void) arg;
	for (s = 0; s < DOC__STATE_COUNT && rc == STATUS_OK; s++)
		rc = store_test_put_count(txn, IDX_DOC_STATE, s, 0);
	return rc;
}

/* A workspace made before the counts (version 3: control.db holds none)
 * gets them, computed from its documents, when this program opens it. */
START_TEST(test_upgrade_counts)
{
	char *home = xasprintf("%s/v3", fx.tmp);
	struct fixture_faults f;

	store_close(st);
	store_test_schema(3, NULL, 0);
	st = fixture_open(home);
	counts_docs();
	ck_assert_int_eq(store_run(st, STORE_WRITE, counts_forget_txn, NULL),
	    STATUS_OK);
	store_close(st);

	/* Checked before the upgrade, the missing counts are no fault. */
	store_test_schema(0, NULL, 0);
	ck_assert_int_eq(fixture_check(home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);

	st = fixture_open(home);
	counts_assert(2, 1, 1, 1);
	store_close(st);
	st = NULL;
	ck_assert_int_eq(fixture_check(home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
	free(home);
}
END_TEST

Suite *
counts_suite(void)
{
	Suite *s = suite_create("counts");
	TCase *tc = tcase_create("counts");

	tcase_add_checked_fixture(tc, counts_setup, counts_teardown);
	tcase_add_test(tc, test_counts_follow_records);
	tcase_add_test(tc, test_counts_roll_back);
	tcase_add_test(tc, test_check_finds_wrong_count);
	tcase_add_test(tc, test_upgrade_counts);
	suite_add_tcase(s, tc);
	return s;
}
