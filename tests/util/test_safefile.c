/*
 * test_safefile.c -- writing onto a medium: a file is whole under its
 * name or not there; a medium that fills up (the file-size limit stands
 * in for it) leaves the old file and no temporary one; a directory whose
 * path no longer leads to it (an unmounted medium) is noticed; and the
 * errors a medium gives are named as the user needs them.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/testlib.h"
#include "util/suites.h"
#include "util/util.h"

static char *sf_dir;

static void
sf_setup(void)
{
	sf_dir = testlib_tmpdir();
}

static void
sf_teardown(void)
{
	testlib_rmdir(sf_dir);
}

static int
sf_exists(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	int there = access(path, F_OK) == 0;

	free(path);
	return there;
}

START_TEST(test_write_and_read_back)
{
	static const char text[] = "示例市司法局,1,2\r\n";
	struct safefile_dir d;
	struct buf b;
	char *path, *data;
	unsigned long n;

	ck_assert_int_eq(safefile_dir_open(sf_dir, &d), STATUS_OK);
	ck_assert_int_eq(safefile_write(&d, "summary.csv", text,
	    sizeof text - 1), STATUS_OK);
	path = xasprintf("%s/summary.csv", sf_dir);
	data = testlib_read_file(path, &n);
	ck_assert_uint_eq(n, sizeof text - 1);
	ck_assert_str_eq(data, text);
	ck_assert(!sf_exists(sf_dir, ".summary.csv.part"));

	buf_init(&b);
	ck_assert_int_eq(safefile_read_back(&d, "summary.csv", &b), STATUS_OK);
	ck_assert_uint_eq(b.len, sizeof text - 1);
	ck_assert_int_eq(memcmp(b.data, text, b.len), 0);
	ck_assert_int_eq(safefile_dir_present(&d), STATUS_OK);
	buf_free(&b);
	free(data);
	free(path);
	safefile_dir_close(&d);
}
END_TEST

/* Full: the write fails with a clear status, the earlier file of that
 * name is untouched and no temporary file stays. */
START_TEST(test_full_medium)
{
	static char big[256 * 1024];
	struct safefile_dir d;
	struct rlimit lim;
	char *path, *data;
	unsigned long n;

	memset(big, 'x', sizeof big);
	ck_assert_int_eq(safefile_dir_open(sf_dir, &d), STATUS_OK);
	ck_assert_int_eq(safefile_write(&d, "report.pdf", "old", 3), STATUS_OK);

	/* libcheck runs each test in a process of its own. */
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &lim), 0);
	lim.rlim_cur = 64 * 1024;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	ck_assert_int_eq(safefile_write(&d, "report.pdf", big, sizeof big),
	    STATUS_NO_SPACE);
	ck_assert_int_eq(safefile_write(&d, "new.pdf", big, sizeof big),
	    STATUS_NO_SPACE);

	path = xasprintf("%s/report.pdf", sf_dir);
	data = testlib_read_file(path, &n);
	ck_assert_str_eq(data, "old");
	ck_assert(!sf_exists(sf_dir, ".report.pdf.part"));
	ck_assert(!sf_exists(sf_dir, "new.pdf"));
	ck_assert(!sf_exists(sf_dir, ".new.pdf.part"));
	free(data);
	free(path);
	safefile_dir_close(&d);
}
END_TEST

/* A medium unmounted under us: the path leads to another directory. */
START_TEST(test_medium_gone)
{
	struct safefile_dir top, d, again;
	struct buf b;
	char *path, *moved;

	ck_assert_int_eq(safefile_dir_open(sf_dir, &top), STATUS_OK);
	ck_assert_int_eq(safefile_mkdir(&top, "stick", &d), STATUS_OK);
	ck_assert_int_eq(safefile_mkdir(&top, "stick", &again), STATUS_EXISTS);
	ck_assert_int_eq(again.fd, -1);
	ck_assert_int_eq(safefile_write(&d, "a.txt", "a", 1), STATUS_OK);

	path = xasprintf("%s/stick", sf_dir);
	moved = xasprintf("%s/elsewhere", sf_dir);
	ck_assert_int_eq(rename(path, moved), 0);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	ck_assert_int_eq(safefile_dir_present(&d), STATUS_MEDIUM_GONE);
	buf_init(&b);
	ck_assert_int_eq(safefile_read_back(&d, "a.txt", &b),
	    STATUS_MEDIUM_GONE);

	/* What is held open still works: an export can hide itself. */
	ck_assert_int_eq(safefile_rename(&d, "a.txt", ".a.txt.part"),
	    STATUS_OK);
	ck_assert(sf_exists(moved, ".a.txt.part"));
	buf_free(&b);
	free(path);
	free(moved);
	safefile_dir_close(&d);
	safefile_dir_close(&top);
}
END_TEST

START_TEST(test_remove_dir)
{
	struct safefile_dir top, d;

	ck_assert_int_eq(safefile_dir_open(sf_dir, &top), STATUS_OK);
	ck_assert_int_eq(safefile_mkdir(&top, ".x.part", &d), STATUS_OK);
	ck_assert_int_eq(safefile_write(&d, "a", "1", 1), STATUS_OK);
	ck_assert_int_eq(safefile_write(&d, "b", "2", 1), STATUS_OK);
	safefile_dir_close(&d);
	safefile_remove_dir(&top, ".x.part");
	ck_assert(!sf_exists(sf_dir, ".x.part"));
	safefile_dir_close(&top);
}
END_TEST

START_TEST(test_errors_named)
{
	struct safefile_dir d;
	char *missing = xasprintf("%s/none", sf_dir);

	ck_assert_int_eq(safefile_status(ENOSPC), STATUS_NO_SPACE);
	ck_assert_int_eq(safefile_status(EFBIG), STATUS_NO_SPACE);
	ck_assert_int_eq(safefile_status(EROFS), STATUS_READ_ONLY);
	ck_assert_int_eq(safefile_status(EACCES), STATUS_PERM_FS);
	ck_assert_int_eq(safefile_status(EIO), STATUS_MEDIUM_GONE);
	ck_assert_int_eq(safefile_status(ENODEV), STATUS_MEDIUM_GONE);
	ck_assert_int_eq(safefile_dir_open(missing, &d), STATUS_NOT_FOUND);
	ck_assert_int_eq(d.fd, -1);
	free(missing);
}
END_TEST

Suite *
safefile_suite(void)
{
	Suite *s = suite_create("safefile");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, sf_setup, sf_teardown);
	tcase_add_test(tc, test_write_and_read_back);
	tcase_add_test(tc, test_full_medium);
	tcase_add_test(tc, test_medium_gone);
	tcase_add_test(tc, test_remove_dir);
	tcase_add_test(tc, test_errors_named);
	suite_add_tcase(s, tc);
	return s;
}
