/*
 * test_backup.c -- hot backup and restore: a backup taken while another
 * process keeps writing holds every commit acknowledged before it began;
 * it restores into a new directory that then opens and checks clean; a
 * restore refuses a directory that holds anything unless forced, and a
 * forced one reaches processes that still had the old workspace open;
 * folders that are not complete backups are refused; a workspace of an
 * older schema is backed up as it is, before its upgrade, and its
 * backup restores and upgrades.
 */
#include <config.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/fixture.h"
#include "store/store_test.h"
#include "store/suites.h"

static struct fixture fx;
static char *bdir, *home2;

static void
backup_setup(void)
{
	fixture_init(&fx);
	bdir = xasprintf("%s/backup", fx.tmp);
	home2 = xasprintf("%s/ws2", fx.tmp);
	fixture_watchdog(60);
}

static void
backup_teardown(void)
{
	free(bdir);
	free(home2);
	store_test_schema(0, NULL, 0);
	fixture_done(&fx);
}

static void
backup_depts(struct store *st, unsigned n, const char *name)
{
	struct rec_dept d;
	unsigned i;

	for (i = 0; i < n; i++) {
		memset(&d, 0, sizeof d);
		d.name = (char *) name;
		ck_assert_int_eq(fixture_put(st, REC_DEPT, &d), STATUS_OK);
	}
}

static enum status
backup_dept_txn(struct store_txn *txn, void *arg)
{
	struct rec_dept d;

	memset(&d, 0, sizeof d);
	d.name = "科室";
	return store_put(txn, REC_DEPT, &d);
}

/* Commit departments until killed, acknowledging each. */
static void
backup_writer(int out)
{
	struct store *st;
	char c = 'a';

	if (store_open(fx.home, 0, &st) != STATUS_OK)
		_exit(2);
	for (;;) {
		if (store_run(st, STORE_WRITE, backup_dept_txn, NULL) != STATUS_OK)
			_exit(1);
		if (write(out, &c, 1) != 1)
			_exit(3);
	}
}

/* A sealed original kept beside the database, as the print layer keeps
 * it, and a check that it came back whole. */
static void
backup_kept_file(const char *home, const char *text)
{
	char *dir = xasprintf("%s/%s", home, STORE_KEPT_DIR);
	char *path = xasprintf("%s/doc-1-v1.pdf", dir);
	FILE *f;

	ck_assert_int_eq(mkdir(dir, 0700), 0);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	free(path);
	free(dir);
}

static void
backup_kept_assert(const char *home, const char *text)
{
	char *path = xasprintf("%s/%s/doc-1-v1.pdf", home, STORE_KEPT_DIR);
	char *got = testlib_read_file(path, NULL);

	ck_assert_msg(got != NULL, "%s was not restored", path);
	ck_assert_str_eq(got, text);
	free(got);
	free(path);
}

static void
backup_kept_link(const char *dir)
{
	char *link = xasprintf("%s/%s/doc-9-v1.pdf", dir, STORE_KEPT_DIR);

	ck_assert_int_eq(symlink("/etc/passwd", link), 0);
	free(link);
}

static void
backup_kept_no_link(const char *home)
{
	char *path = xasprintf("%s/%s/doc-9-v1.pdf", home, STORE_KEPT_DIR);
	struct stat sb;

	ck_assert_msg(lstat(path, &sb) != 0, "%s was restored", path);
	free(path);
}

START_TEST(test_hot_backup_and_restore)
{
	struct fixture_faults f;
	struct store *st;
	unsigned before = 0;
	int p[2], status;
	pid_t pid;
	char buf[4096];
	ssize_t n;

	st = fixture_open(fx.home);
	backup_depts(st, 5, "办公室");
	backup_kept_file(fx.home, "%PDF-1.5 sealed original\n");
	ck_assert_int_eq(pipe(p), 0);
	if ((pid = fork()) == 0) {
		close(p[0]);
		backup_writer(p[1]);
	}
	close(p[1]);
	usleep(100000);

	/* What the writer acknowledged before the backup began is in it. */
	while ((n = read(p[0], buf, sizeof buf)) > 0 && before < 20)
		before += (unsigned) n;
	ck_assert_int_eq(store_backup(st, bdir), STATUS_OK);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	close(p[0]);
	store_close(st);

	/* A link planted among the backup's originals is not followed. */
	backup_kept_link(bdir);

	ck_assert_int_eq(store_restore(bdir, home2, 0), STATUS_OK);
	ck_assert_int_eq(fixture_check(home2, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
	st = fixture_open(home2);
	ck_assert_uint_ge(fixture_count(st, REC_DEPT), 5 + before);
	store_close(st);
	backup_kept_assert(home2, "%PDF-1.5 sealed original\n");
	backup_kept_no_link(home2);

	/* The original is untouched and still checks clean. */
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

START_TEST(test_backup_targets)
{
	struct store *st = fixture_open(fx.home);
	char *inside = xasprintf("%s/inner", fx.home);

	backup_depts(st, 1, "办公室");
	ck_assert_int_eq(store_backup(st, bdir), STATUS_OK);
	ck_assert_int_eq(store_backup(st, bdir), STATUS_DIR_NOT_EMPTY);
	ck_assert_int_eq(store_backup(st, inside), STATUS_INVALID);
	store_close(st);
	free(inside);
}
END_TEST

START_TEST(test_restore_refuses)
{
	struct store *st = fixture_open(fx.home);
	char *junk = xasprintf("%s/junk", fx.tmp), *file;

	backup_depts(st, 2, "办公室");
	ck_assert_int_eq(store_backup(st, bdir), STATUS_OK);
	store_close(st);

	/* Not backups: missing, empty, or without the completion mark. */
	ck_assert_int_eq(store_restore(junk, home2, 0), STATUS_NO_BACKUP);
	ck_assert_int_eq(mkdir(junk, 0700), 0);
	ck_assert_int_eq(store_restore(junk, home2, 0), STATUS_NO_BACKUP);
	ck_assert_int_eq(store_restore(fx.home, home2, 0), STATUS_NO_BACKUP);

	/* A live workspace, or anything else in the way. */
	ck_assert_int_eq(store_restore(bdir, fx.home, 0),
	    STATUS_WORKSPACE_LIVE);
	file = xasprintf("%s/keep", junk);
	testlib_write_file(file, "x", 1);
	ck_assert_int_eq(store_restore(bdir, junk, 0), STATUS_WORKSPACE_LIVE);
	free(file);
	free(junk);

	/* An interrupted restore is never taken for a workspace. */
	file = xasprintf("%s/restore-incomplete", fx.home);
	testlib_write_file(file, "x", 1);
	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_CORRUPT);
	free(file);
}
END_TEST

/* A process with the workspace open while a restore is tried: the
 * restore is refused, and the process keeps reading its own records. */
static void
backup_reader(int in, int out)
{
	struct store *st;
	uint64_t n;
	char c;

	if (store_open(fx.home, 0, &st) != STATUS_OK)
		_exit(2);
	n = fixture_count(st, REC_DEPT);
	if (write(out, &n, sizeof n) != (ssize_t) sizeof n ||
	    read(in, &c, 1) != 1)
		_exit(3);
	n = fixture_count(st, REC_DEPT);
	if (write(out, &n, sizeof n) != (ssize_t) sizeof n)
		_exit(3);
	store_close(st);
	_exit(0);
}

START_TEST(test_forced_restore)
{
	struct fixture_faults f;
	struct store *st = fixture_open(fx.home);
	char *kek = xasprintf("%s/audit-key.kek", fx.home), *text;
	int go[2], back[2], status;
	uint64_t n;
	pid_t pid;

	backup_depts(st, 3, "办公室");
	ck_assert_int_eq(store_backup(st, bdir), STATUS_OK);
	backup_depts(st, 4, "later");
	store_close(st);
	testlib_write_file(kek, "secret", 6);	/* not a database file */

	ck_assert_int_eq(pipe(go), 0);
	ck_assert_int_eq(pipe(back), 0);
	if ((pid = fork()) == 0) {
		close(go[1]);
		close(back[0]);
		backup_reader(go[0], back[1]);
	}
	close(go[0]);
	close(back[1]);
	ck_assert_int_eq(read(back[0], &n, sizeof n), (ssize_t) sizeof n);
	ck_assert_uint_eq(n, 7);

	/* Never from under a process that has the workspace open... */
	ck_assert_int_eq(store_restore(bdir, fx.home, 1),
	    STATUS_WORKSPACE_OPEN);
	ck_assert_int_eq(write(go[1], "g", 1), 1);
	ck_assert_int_eq(read(back[0], &n, sizeof n), (ssize_t) sizeof n);
	ck_assert_uint_eq(n, 7);
	waitpid(pid, &status, 0);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* ... but once it has closed it. */
	ck_assert_int_eq(store_restore(bdir, fx.home, 1), STATUS_OK);
	st = fixture_open(fx.home);
	ck_assert_uint_eq(fixture_count(st, REC_DEPT), 3);
	store_close(st);

	text = testlib_read_file(kek, NULL);
	ck_assert_str_eq(text, "secret");	/* left in place */
	free(text);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
	free(kek);
}
END_TEST

static unsigned
backup_schema(struct store *st)
{
	unsigned v = 0;

	ck_assert_int_eq(store_schema_version(st, &v), STATUS_OK);
	return v;
}

/* A schema 6 workspace lacks the index files of schema 7 and 8: this
 * program, which would upgrade it on a writable open, backs it up as it
 * is; the backup, restored by the schema 6 program, is still at 6, and
 * upgrades with every department there when this program opens it. */
START_TEST(test_backup_older_schema)
{
	struct fixture_faults f;
	struct store *st;
	char *path;

	store_test_schema(6, NULL, 0);
	st = fixture_open(fx.home);
	backup_depts(st, 3, "办公室");
	store_close(st);
	path = xasprintf("%s/doc-grams.db", fx.home);
	ck_assert_int_eq(unlink(path), 0);	/* version 6 had none */
	free(path);

	store_test_schema(0, NULL, 0);
	ck_assert_int_eq(store_open(fx.home, STORE_RDONLY, &st),
	    STATUS_SCHEMA_OLDER);
	ck_assert_int_eq(store_open(fx.home, STORE_FILES, &st),
	    STATUS_INVALID);		/* never with a writable open */
	ck_assert_int_eq(store_open(fx.home, STORE_RDONLY | STORE_FILES, &st),
	    STATUS_OK);
	ck_assert_int_eq(store_backup(st, bdir), STATUS_OK);
	store_close(st);

	store_test_schema(6, NULL, 0);
	ck_assert_int_eq(store_restore(bdir, home2, 0), STATUS_OK);
	st = fixture_open(home2);
	ck_assert_uint_eq(backup_schema(st), 6);
	store_close(st);

	store_test_schema(0, NULL, 0);
	st = fixture_open(home2);
	ck_assert_uint_eq(backup_schema(st), STORE_SCHEMA_VERSION);
	ck_assert_uint_eq(fixture_count(st, REC_DEPT), 3);
	store_close(st);
	ck_assert_int_eq(fixture_check(home2, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);

	/* The workspace backed up was left as it was. */
	ck_assert_int_eq(store_open(fx.home, STORE_RDONLY, &st),
	    STATUS_SCHEMA_OLDER);
}
END_TEST

Suite *
backup_suite(void)
{
	Suite *s = suite_create("backup");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, backup_setup, backup_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_hot_backup_and_restore);
	tcase_add_test(tc, test_backup_targets);
	tcase_add_test(tc, test_restore_refuses);
	tcase_add_test(tc, test_forced_restore);
	tcase_add_test(tc, test_backup_older_schema);
	suite_add_tcase(s, tc);
	return s;
}
