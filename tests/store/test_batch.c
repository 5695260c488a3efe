/*
 * test_batch.c -- store_batch(): the transactions run inside a batch are
 * kept together when it ends well and not at all when it fails or its
 * process is killed; an act that fails inside is undone alone while the
 * others stay; reads inside see the batch's own writes; and a batch is
 * refused where it would nest.
 */
#include <config.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/fixture.h"
#include "store/suites.h"

static struct fixture fx;

static void
batch_setup(void)
{
	fixture_init(&fx);
}

static void
batch_teardown(void)
{
	fixture_done(&fx);
}

/* What a batch does: N departments put one transaction each, then
 * (optionally) a failing act, then the batch's own verdict. */
struct batch_plan {
	struct store	*st;
	unsigned	 n;
	int		 failing_act;	/* one act that puts, then fails */
	enum status	 verdict;	/* what the batch function returns */
	int		 die;		/* SIGKILL before returning */
	enum status	 act_rc;	/* what the failing act returned */
	uint64_t	 seen;		/* departments read back inside */
};

static enum status
batch_put_dept(struct store *st, unsigned seed)
{
	struct rec_dept d;
	enum status rc;

	fixture_fill(REC_DEPT, &d, seed);
	d.id = 0;
	rc = fixture_put(st, REC_DEPT, &d);
	rec_free(REC_DEPT, &d);
	return rc;
}

static enum status
batch_put_then_fail(struct store_txn *txn, void *arg)
{
	struct rec_dept d;
	enum status rc;

	(void) arg;
	fixture_fill(REC_DEPT, &d, 99);
	d.id = 0;
	rc = store_put(txn, REC_DEPT, &d);
	rec_free(REC_DEPT, &d);
	return rc == STATUS_OK ? STATUS_STATE : rc;
}

static enum status
batch_plan_run(void *arg)
{
	struct batch_plan *p = arg;
	unsigned i;

	for (i = 0; i < p->n; i++)
		ck_assert_int_eq(batch_put_dept(p->st, 1 + i), STATUS_OK);
	if (p->failing_act) {
		p->act_rc = store_run(p->st, STORE_WRITE, batch_put_then_fail,
		    NULL);
		ck_assert_int_eq(batch_put_dept(p->st, 60), STATUS_OK);
	}
	p->seen = fixture_count(p->st, REC_DEPT);
	if (p->die)
		raise(SIGKILL);
	return p->verdict;
}

START_TEST(test_batch_keeps_every_act)
{
	struct store *st = fixture_open(fx.home);
	struct batch_plan p = { st, 5, 0, STATUS_OK, 0, STATUS_OK, 0 };

	ck_assert_int_eq(store_batch(st, batch_plan_run, &p), STATUS_OK);
	ck_assert_uint_eq(p.seen, 5);	/* read inside, before the commit */
	store_close(st);

	st = fixture_open(fx.home);	/* on disk */
	ck_assert_uint_eq(fixture_count(st, REC_DEPT), 5);
	store_close(st);
}
END_TEST

START_TEST(test_batch_failed_act_undone_alone)
{
	struct store *st = fixture_open(fx.home);
	struct batch_plan p = { st, 3, 1, STATUS_OK, 0, STATUS_OK, 0 };

	/* Three puts, the failed act, and one more put after it. */
	ck_assert_int_eq(store_batch(st, batch_plan_run, &p), STATUS_OK);
	ck_assert_int_eq(p.act_rc, STATUS_STATE);
	ck_assert_uint_eq(p.seen, 4);
	store_close(st);
	st = fixture_open(fx.home);
	ck_assert_uint_eq(fixture_count(st, REC_DEPT), 4);
	store_close(st);
}
END_TEST

START_TEST(test_batch_failure_keeps_nothing)
{
	struct store *st = fixture_open(fx.home);
	struct batch_plan p = { st, 4, 0, STATUS_CORRUPT, 0, STATUS_OK, 0 };

	ck_assert_int_eq(batch_put_dept(st, 70), STATUS_OK);
	ck_assert_int_eq(store_batch(st, batch_plan_run, &p), STATUS_CORRUPT);
	ck_assert_uint_eq(p.seen, 5);
	ck_assert_uint_eq(fixture_count(st, REC_DEPT), 1);
	/* Ordinary transactions work again after it. */
	ck_assert_int_eq(batch_put_dept(st, 71), STATUS_OK);
	ck_assert_uint_eq(fixture_count(st, REC_DEPT), 2);
	store_close(st);
}
END_TEST

START_TEST(test_batch_killed_keeps_nothing)
{
	struct store *st;
	struct batch_plan p = { NULL, 6, 0, STATUS_OK, 1, STATUS_OK, 0 };
	pid_t pid;
	int status;

	st = fixture_open(fx.home);
	ck_assert_int_eq(batch_put_dept(st, 80), STATUS_OK);
	store_close(st);
	fixture_watchdog(60);
	if ((pid = fork()) == 0) {
		if (store_open(fx.home, 0, &p.st) != STATUS_OK)
			_exit(2);
		store_batch(p.st, batch_plan_run, &p);
		_exit(1);
	}
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	/* The next process recovers: only the commit before the batch. */
	st = fixture_open(fx.home);
	ck_assert_uint_eq(fixture_count(st, REC_DEPT), 1);
	ck_assert_int_eq(batch_put_dept(st, 81), STATUS_OK);
	store_close(st);
	fixture_watchdog(0);
}
END_TEST

static enum status
batch_nested(void *arg)
{
	struct batch_plan *p = arg;

	p->act_rc = store_batch(p->st, batch_plan_run, p);
	return STATUS_OK;
}

static enum status
batch_in_txn(struct store_txn *txn, void *arg)
{
	struct batch_plan *p = arg;

	(void) txn;
	p->act_rc = store_batch(p->st, batch_plan_run, p);
	return STATUS_OK;
}

START_TEST(test_batch_refused_nested)
{
	struct store *st = fixture_open(fx.home);
	struct batch_plan p = { st, 1, 0, STATUS_OK, 0, STATUS_OK, 0 };

	ck_assert_int_eq(store_batch(st, batch_nested, &p), STATUS_OK);
	ck_assert_int_eq(p.act_rc, STATUS_INVALID);
	p.act_rc = STATUS_OK;
	ck_assert_int_eq(store_run(st, STORE_WRITE, batch_in_txn, &p),
	    STATUS_OK);
	ck_assert_int_eq(p.act_rc, STATUS_INVALID);
	ck_assert_uint_eq(fixture_count(st, REC_DEPT), 0);
	store_close(st);
}
END_TEST

Suite *
batch_suite(void)
{
	Suite *s = suite_create("batch");
	TCase *tc = tcase_create("batch");

	tcase_add_checked_fixture(tc, batch_setup, batch_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_batch_keeps_every_act);
	tcase_add_test(tc, test_batch_failed_act_undone_alone);
	tcase_add_test(tc, test_batch_failure_keeps_nothing);
	tcase_add_test(tc, test_batch_killed_keeps_nothing);
	tcase_add_test(tc, test_batch_refused_nested);
	suite_add_tcase(s, tc);
	return s;
}
