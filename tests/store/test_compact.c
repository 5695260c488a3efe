/*
 * test_compact.c -- store_compact(): a workspace churned until its pages
 * are half empty (documents rewritten through their steps, most then
 * deleted) gets smaller files, every key and value of every file reads
 * the same as before and check finds nothing; a compaction killed at any
 * of several points leaves a workspace that opens, reads the same,
 * checks clean and compacts on; and a clerk writing in another process
 * meanwhile has every act go through.
 */
#include <config.h>

#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/fixture.h"
#include "store/suites.h"

#define COMPACT_DOCS	300	/* documents churned */
#define COMPACT_ROUNDS	3	/* rewrites of each */
#define COMPACT_CLERK	120	/* documents the other process writes */

static struct fixture fx;

static void
compact_setup(void)
{
	fixture_init(&fx);
}

static void
compact_teardown(void)
{
	store_test_compact(0, 0);
	fixture_done(&fx);
}

struct compact_churn {
	uint64_t	 ids[COMPACT_DOCS];
	unsigned	 round;
};

/* One round in one transaction: every document written (new in round
 * 0, rewritten with other fields, hence other index entries, after). */
static enum status
compact_round_txn(struct store_txn *txn, void *arg)
{
	struct compact_churn *c = arg;
	union rec_any rec;
	enum status rc = STATUS_OK;
	unsigned i;

	for (i = 0; i < COMPACT_DOCS && rc == STATUS_OK; i++) {
		fixture_fill(REC_DOC, &rec, i + c->round * COMPACT_DOCS);
		rec.doc.id = c->ids[i];
		rc = store_put(txn, REC_DOC, &rec);
		c->ids[i] = rec.doc.id;
		rec_free(REC_DOC, &rec);
	}
	return rc;
}

static enum status
compact_prune_txn(struct store_txn *txn, void *arg)
{
	struct compact_churn *c = arg;
	enum status rc = STATUS_OK;
	unsigned i;

	for (i = 0; i < COMPACT_DOCS && rc == STATUS_OK; i++)
		if (i % 3 != 0)
			rc = store_del(txn, REC_DOC, c->ids[i]);
	return rc;
}

/* Documents written, rewritten, and two in three deleted: the pages
 * they leave behind are part empty. */
static void
compact_churn(struct store *st)
{
	struct compact_churn c;

	memset(&c, 0, sizeof c);
	for (c.round = 0; c.round <= COMPACT_ROUNDS; c.round++)
		ck_assert_int_eq(store_run(st, STORE_WRITE, compact_round_txn,
		    &c), STATUS_OK);
	ck_assert_int_eq(store_run(st, STORE_WRITE, compact_prune_txn, &c),
	    STATUS_OK);
}

/* Bytes of the .db files of the workspace (FILE alone when not NULL). */
static uint64_t
compact_bytes(const char *file)
{
	uint64_t total = 0;
	struct dirent *e;
	struct stat sb;
	size_t len;
	char *path;
	DIR *d;

	ck_assert_ptr_nonnull(d = opendir(fx.home));
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len < 3 || strcmp(e->d_name + len - 3, ".db") != 0 ||
		    (file != NULL && strcmp(e->d_name, file) != 0))
			continue;
		path = xasprintf("%s/%s", fx.home, e->d_name);
		ck_assert_int_eq(stat(path, &sb), 0);
		total += (uint64_t) sb.st_size;
		free(path);
	}
	closedir(d);
	return total;
}

struct compact_seen {
	unsigned	 files;
	uint64_t	 before;
	uint64_t	 after;
	unsigned	 failed;
};

static void
compact_seen(const struct store_compacted *c, void *arg)
{
	struct compact_seen *s = arg;

	s->files++;
	s->before += c->before;
	s->after += c->after;
	s->failed += c->status != STATUS_OK;
}

static void
compact_assert_clean(void)
{
	struct fixture_faults f;

	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}

static void
compact_assert_same(struct store *st, const struct buf *want)
{
	struct buf got;

	buf_init(&got);
	ck_assert_int_eq(store_test_dump_files(st, &got), STATUS_OK);
	ck_assert_uint_eq(got.len, want->len);
	ck_assert(memcmp(got.data, want->data, want->len) == 0);
	buf_free(&got);
}

START_TEST(test_compact_gives_back)
{
	struct compact_seen seen;
	struct store *st;
	struct buf dump;
	uint64_t before, doc_before;

	st = fixture_open(fx.home);
	compact_churn(st);
	buf_init(&dump);
	ck_assert_int_eq(store_test_dump_files(st, &dump), STATUS_OK);
	before = compact_bytes(NULL);
	doc_before = compact_bytes("doc.db");

	memset(&seen, 0, sizeof seen);
	ck_assert_int_eq(store_compact(st, 2, compact_seen, &seen),
	    STATUS_OK);
	/* Every file, each told with what it really measured. */
	ck_assert_uint_eq(seen.files, REC__COUNT + IDX__COUNT + 1);
	ck_assert_uint_eq(seen.failed, 0);
	ck_assert_uint_eq(seen.before, before);
	ck_assert_uint_eq(seen.after, compact_bytes(NULL));
	ck_assert_uint_lt(seen.after, before);
	ck_assert_uint_lt(compact_bytes("doc.db"), doc_before);
	compact_assert_same(st, &dump);
	store_close(st);
	compact_assert_clean();

	/* And once more after a reopen: the records are all there. */
	st = fixture_open(fx.home);
	compact_assert_same(st, &dump);
	ck_assert_uint_eq(fixture_count(st, REC_DOC), COMPACT_DOCS / 3);
	store_close(st);
	buf_free(&dump);
}
END_TEST

/* One pass gives back less than two, never more. */
START_TEST(test_compact_second_pass)
{
	struct compact_seen one, two;
	struct store *st;

	st = fixture_open(fx.home);
	compact_churn(st);
	memset(&one, 0, sizeof one);
	memset(&two, 0, sizeof two);
	ck_assert_int_eq(store_compact(st, 1, compact_seen, &one), STATUS_OK);
	ck_assert_uint_lt(one.after, one.before);
	ck_assert_int_eq(store_compact(st, 1, compact_seen, &two), STATUS_OK);
	ck_assert_uint_le(two.after, one.after);
	ck_assert_int_eq(store_compact(st, 0, NULL, NULL), STATUS_INVALID);
	store_close(st);
}
END_TEST

/* Killed before its KILL_AT'th part (parts of 3 records, so that the
 * kill falls inside a file): the workspace opens, reads the same,
 * checks clean, and compacts on. */
static void
compact_killed_at(unsigned kill_at, const struct buf *dump,
    uint64_t churned)
{
	struct store *st;
	int status;
	pid_t pid;

	if ((pid = fork()) == 0) {
		store_test_compact(3, kill_at);
		if (store_open(fx.home, 0, &st) != STATUS_OK)
			_exit(2);
		store_compact(st, 2, NULL, NULL);
		_exit(1);	/* never got to its kill */
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	    "kill at part %u: status %d", kill_at, status);

	st = fixture_open(fx.home);
	compact_assert_same(st, dump);
	store_close(st);
	compact_assert_clean();
	ck_assert_uint_le(compact_bytes(NULL), churned);
}

START_TEST(test_compact_killed)
{
	static const unsigned kills[] = { 1, 9, 40, 120 };
	struct store *st;
	struct buf dump;
	uint64_t churned;
	unsigned i;

	fixture_watchdog(60);
	st = fixture_open(fx.home);
	compact_churn(st);
	buf_init(&dump);
	ck_assert_int_eq(store_test_dump_files(st, &dump), STATUS_OK);
	store_close(st);
	churned = compact_bytes(NULL);

	for (i = 0; i < sizeof kills / sizeof kills[0]; i++)
		compact_killed_at(kills[i], &dump, churned);

	st = fixture_open(fx.home);
	ck_assert_int_eq(store_compact(st, 2, NULL, NULL), STATUS_OK);
	compact_assert_same(st, &dump);
	store_close(st);
	ck_assert_uint_lt(compact_bytes(NULL), churned);
	compact_assert_clean();
	buf_free(&dump);
	fixture_watchdog(0);
}
END_TEST

/* A clerk's process writing documents one act at a time while the
 * compaction runs in small parts: every act goes through. */
static void
compact_clerk(void)
{
	union rec_any rec;
	struct store *st;
	unsigned i;

	if (store_open(fx.home, 0, &st) != STATUS_OK)
		_exit(2);
	for (i = 0; i < COMPACT_CLERK; i++) {
		fixture_fill(REC_DOC, &rec, 10000 + i);
		rec.doc.id = 0;
		if (fixture_put(st, REC_DOC, &rec) != STATUS_OK)
			_exit(3);
		rec_free(REC_DOC, &rec);
	}
	store_close(st);
	_exit(0);
}

START_TEST(test_compact_while_clerks_work)
{
	struct store *st;
	int status;
	pid_t pid;

	fixture_watchdog(60);
	st = fixture_open(fx.home);
	compact_churn(st);
	store_test_compact(2, 0);
	if ((pid = fork()) == 0)
		compact_clerk();
	ck_assert_int_eq(store_compact(st, 2, NULL, NULL), STATUS_OK);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "the clerk's process: status %d", status);
	ck_assert_uint_eq(fixture_count(st, REC_DOC),
	    COMPACT_DOCS / 3 + COMPACT_CLERK);
	store_close(st);
	compact_assert_clean();
	fixture_watchdog(0);
}
END_TEST

Suite *
compact_suite(void)
{
	Suite *s = suite_create("compact");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, compact_setup, compact_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_compact_gives_back);
	tcase_add_test(tc, test_compact_second_pass);
	tcase_add_test(tc, test_compact_killed);
	tcase_add_test(tc, test_compact_while_clerks_work);
	suite_add_tcase(s, tc);
	return s;
}
