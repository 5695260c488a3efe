/*
 * test_crash.c -- processes killed with SIGKILL never cost a committed
 * transaction and never make another process hang: a writer killed at
 * random moments keeps every commit it acknowledged, and so does one
 * killed while opening, creating or closing the workspace; several
 * processes updating the same records lose no update; and when one is
 * killed while inside a transaction, holding its locks, the others go on
 * within seconds.
 *
 * Every child opens its own store after fork(), as a real process would,
 * and leaves by _exit() so that nothing of the runner's runs twice.
 */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store/fixture.h"
#include "store/suites.h"

#define CRASH_ROUNDS	20
#define CRASH_COUNTERS	3

static struct fixture fx;

static void
crash_setup(void)
{
	fixture_init(&fx);
}

static void
crash_teardown(void)
{
	fixture_done(&fx);
}

static void
crash_write_all(int fd, const void *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			_exit(3);
		p = (const char *) p + w;
		n -= (size_t) w;
	}
}

/* -- A writer killed at random moments --------------------------------- */

struct crash_doc {
	struct rec_doc	 d;
	unsigned	 n;
};

static enum status
crash_doc_txn(struct store_txn *txn, void *arg)
{
	struct crash_doc *c = arg;
	char title[32];

	memset(&c->d, 0, sizeof c->d);
	snprintf(title, sizeof title, "文件 %u", c->n);
	c->d.title = title;
	c->d.state = (uint8_t) (c->n % DOC__STATE_COUNT);
	c->d.updated = c->n;
	return store_put(txn, REC_DOC, &c->d);
}

/* Commit documents until killed, reporting each acknowledged id. */
static void
crash_writer(const char *home, int out, unsigned first)
{
	struct crash_doc c;
	struct store *st;
	uint64_t id;

	if (store_open(home, 0, &st) != STATUS_OK)
		_exit(2);
	for (c.n = first;; c.n++) {
		if (store_run(st, STORE_WRITE, crash_doc_txn, &c) != STATUS_OK)
			_exit(1);
		id = c.d.id;
		crash_write_all(out, &id, sizeof id);
	}
}

static enum status
crash_verify_txn(struct store_txn *txn, void *arg)
{
	const uint64_t *ids = arg;
	struct rec_doc d;
	enum status rc = STATUS_OK;
	size_t i;

	for (i = 1; rc == STATUS_OK && i <= ids[0]; i++) {
		rc = store_get(txn, REC_DOC, ids[i], &d);
		rec_free(REC_DOC, &d);
	}
	return rc;
}

/*
 * The parent keeps the workspace open throughout, as a process that
 * survives the crash: on even rounds it reads through that handle (which
 * must notice the crash and recover by itself), on odd rounds it closes
 * and reopens first.
 */
START_TEST(test_killed_writer_loses_nothing)
{
	struct fixture_faults f;
	size_t nacked = 0, cap = 64;
	uint64_t *acked = xmalloc(cap * sizeof *acked), id;
	unsigned round, first = 0;
	struct store *st;
	int p[2], status;
	pid_t pid;

	fixture_watchdog(120);
	srand((unsigned) time(NULL));
	st = fixture_open(fx.home);
	for (round = 0; round < CRASH_ROUNDS; round++) {
		ck_assert_int_eq(pipe(p), 0);
		if ((pid = fork()) == 0) {
			close(p[0]);
			crash_writer(fx.home, p[1], first);
		}
		close(p[1]);
		usleep(20000 + (useconds_t) (rand() % 60000));
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		ck_assert_msg(WIFSIGNALED(status), "the writer failed: %d",
		    WEXITSTATUS(status));
		while (read(p[0], &id, sizeof id) == (ssize_t) sizeof id) {
			if (nacked + 2 > cap)
				acked = xrealloc(acked, (cap *= 2) *
				    sizeof *acked);
			acked[++nacked] = id;
		}
		close(p[0]);
		first += 1000;

		if (round % 2 == 1) {
			store_close(st);
			st = fixture_open(fx.home);
		}
		acked[0] = nacked;
		ck_assert_int_eq(store_run(st, STORE_READ, crash_verify_txn,
		    acked), STATUS_OK);
		ck_assert_uint_ge(fixture_count(st, REC_DOC), nacked);
	}
	store_close(st);
	ck_assert_uint_gt(nacked, CRASH_ROUNDS);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
	free(acked);
}
END_TEST

/* -- A process killed while opening, creating or closing ---------------- */

static enum status
crash_dept_txn(struct store_txn *txn, void *arg)
{
	struct rec_dept d;

	memset(&d, 0, sizeof d);
	d.name = "科室";
	return store_put(txn, REC_DEPT, &d);
}

/* Open (creating the workspace the first time), write, close, again. */
static void
crash_opener(const char *home, int out)
{
	struct store *st;
	char c = 'd';

	for (;;) {
		if (store_open(home, STORE_CREATE, &st) != STATUS_OK)
			_exit(2);
		if (store_run(st, STORE_WRITE, crash_dept_txn, NULL) !=
		    STATUS_OK)
			_exit(1);
		crash_write_all(out, &c, 1);
		store_close(st);
	}
}

START_TEST(test_killed_opener)
{
	struct fixture_faults f;
	unsigned round, acked = 0;
	struct store *st;
	int p[2], status;
	char buf[256];
	ssize_t n;
	pid_t pid;

	fixture_watchdog(60);
	srand((unsigned) time(NULL) ^ (unsigned) getpid());
	for (round = 0; round < CRASH_ROUNDS; round++) {
		ck_assert_int_eq(pipe(p), 0);
		if ((pid = fork()) == 0) {
			close(p[0]);
			crash_opener(fx.home, p[1]);
		}
		close(p[1]);
		usleep((useconds_t) (rand() % 40000));
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		ck_assert_msg(WIFSIGNALED(status), "the opener failed: %d",
		    WEXITSTATUS(status));
		while ((n = read(p[0], buf, sizeof buf)) > 0)
			acked += (unsigned) n;
		close(p[0]);

		st = fixture_open(fx.home);
		ck_assert_uint_ge(fixture_count(st, REC_DEPT), acked);
		store_close(st);
	}
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

/* -- Several processes incrementing the same counters ------------------- */

struct crash_counter {
	int		 hold_fd;	/* >= 0: signal it and stop mid-way */
};

/* Read-modify-write of every counter, one transaction. */
static enum status
crash_increment_txn(struct store_txn *txn, void *arg)
{
	struct crash_counter *c = arg;
	struct rec_grant g;
	enum status rc = STATUS_OK;
	uint64_t id;

	for (id = 1; rc == STATUS_OK && id <= CRASH_COUNTERS; id++) {
		if ((rc = store_get(txn, REC_GRANT, id, &g)) == STATUS_OK) {
			g.uses++;
			rc = store_put(txn, REC_GRANT, &g);
		}
		rec_free(REC_GRANT, &g);
	}
	if (rc == STATUS_OK && c->hold_fd >= 0) {
		/* Inside the transaction, every lock held: tell the parent,
		 * then wait for SIGKILL. */
		crash_write_all(c->hold_fd, "h", 1);
		for (;;)
			pause();
	}
	return rc;
}

/* N increments, each acknowledged on OUT with the time it finished. */
static void
crash_incrementer(const char *home, int out, unsigned n, int hold_fd,
    unsigned hold_after)
{
	struct crash_counter c = { -1 };
	struct store *st;
	double t;
	unsigned i;

	if (store_open(home, 0, &st) != STATUS_OK)
		_exit(2);
	for (i = 0; i < n; i++) {
		c.hold_fd = i == hold_after ? hold_fd : -1;
		if (store_run(st, STORE_WRITE, crash_increment_txn, &c) !=
		    STATUS_OK)
			_exit(1);
		t = fixture_now();
		crash_write_all(out, &t, sizeof t);
	}
	store_close(st);
	_exit(0);
}

static void
crash_make_counters(void)
{
	struct store *st = fixture_open(fx.home);
	struct rec_grant g;
	unsigned i;

	for (i = 0; i < CRASH_COUNTERS; i++) {
		memset(&g, 0, sizeof g);
		ck_assert_int_eq(fixture_put(st, REC_GRANT, &g), STATUS_OK);
	}
	store_close(st);
}

static void
crash_assert_counters(uint64_t expect)
{
	struct store *st = fixture_open(fx.home);
	struct rec_grant g;
	uint64_t id;

	for (id = 1; id <= CRASH_COUNTERS; id++) {
		ck_assert_int_eq(fixture_get(st, REC_GRANT, id, &g), STATUS_OK);
		ck_assert_uint_eq(g.uses, expect);
		rec_free(REC_GRANT, &g);
	}
	store_close(st);
}

START_TEST(test_concurrent_updates)
{
	enum { PROCS = 4, N = 150 };
	pid_t pids[PROCS];
	int p[PROCS][2], status, i;
	unsigned acks = 0;
	double t;

	fixture_watchdog(60);
	crash_make_counters();
	for (i = 0; i < PROCS; i++) {
		ck_assert_int_eq(pipe(p[i]), 0);
		if ((pids[i] = fork()) == 0) {
			close(p[i][0]);
			crash_incrementer(fx.home, p[i][1], N, -1, 0);
		}
		close(p[i][1]);
	}
	for (i = 0; i < PROCS; i++) {
		while (read(p[i][0], &t, sizeof t) == (ssize_t) sizeof t)
			acks++;
		close(p[i][0]);
		waitpid(pids[i], &status, 0);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		    "incrementer %d failed", i);
	}
	ck_assert_uint_eq(acks, PROCS * N);
	crash_assert_counters(PROCS * N);
}
END_TEST

/* How many acknowledgements arrived on FD, and the time of the first one
 * after SINCE (or 0). */
static unsigned
crash_drain(int fd, double since, double *first_after)
{
	unsigned n = 0;
	double t;

	while (read(fd, &t, sizeof t) == (ssize_t) sizeof t) {
		n++;
		if (t > since && (*first_after == 0 || t < *first_after))
			*first_after = t;
	}
	return n;
}

START_TEST(test_killed_lock_holder)
{
	enum { OTHERS = 3, N = 60, HOLD_AFTER = 5 };
	pid_t holder, pids[OTHERS];
	int hp[2], hold[2], p[OTHERS][2], status, i;
	unsigned acks = 0;
	double killed, first = 0;
	char c;

	fixture_watchdog(60);
	crash_make_counters();
	ck_assert_int_eq(pipe(hp), 0);
	ck_assert_int_eq(pipe(hold), 0);
	if ((holder = fork()) == 0) {
		close(hp[0]);
		close(hold[0]);
		crash_incrementer(fx.home, hp[1], N, hold[1], HOLD_AFTER);
	}
	close(hp[1]);
	close(hold[1]);
	ck_assert_int_eq(read(hold[0], &c, 1), 1);	/* it holds the locks */

	for (i = 0; i < OTHERS; i++) {
		ck_assert_int_eq(pipe(p[i]), 0);
		if ((pids[i] = fork()) == 0) {
			close(p[i][0]);
			crash_incrementer(fx.home, p[i][1], N, -1, 0);
		}
		close(p[i][1]);
	}
	usleep(300000);		/* the others are waiting for it now */
	killed = fixture_now();
	kill(holder, SIGKILL);
	waitpid(holder, &status, 0);
	ck_assert(WIFSIGNALED(status));
	acks = crash_drain(hp[0], 0, &first);
	ck_assert_uint_eq(acks, HOLD_AFTER);	/* the held one never was */

	for (i = 0; i < OTHERS; i++) {
		first = 0;
		acks += crash_drain(p[i][0], killed, &first);
		ck_assert_msg(first > 0 && first - killed < 5.0,
		    "process %d went on %.2f s after the kill", i,
		    first - killed);
		waitpid(pids[i], &status, 0);
		ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	ck_assert_uint_eq(acks, HOLD_AFTER + OTHERS * N);
	crash_assert_counters(HOLD_AFTER + OTHERS * N);
}
END_TEST

Suite *
crash_suite(void)
{
	Suite *s = suite_create("crash");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, crash_setup, crash_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_killed_writer_loses_nothing);
	tcase_add_test(tc, test_killed_opener);
	tcase_add_test(tc, test_concurrent_updates);
	tcase_add_test(tc, test_killed_lock_holder);
	suite_add_tcase(s, tc);
	return s;
}
