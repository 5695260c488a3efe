/*
 * test_kekfile.c -- the files holding the secrets that unwrap the
 * workspace's own keys: made private, read back, refused when not.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/kekfile.h"
#include "core/suites.h"
#include "lib/testlib.h"

static char *dir;

static void
kek_setup(void)
{
	crypto_init();
	dir = testlib_tmpdir();
}

static void
kek_teardown(void)
{
	testlib_rmdir(dir);
	dir = NULL;
}

START_TEST(test_obtain_creates_private_file)
{
	char *a = NULL, *b = NULL, *path = xasprintf("%s/x.kek", dir);
	struct stat sb;

	ck_assert_int_eq(kekfile_read(dir, "x.kek", &a), STATUS_NOT_FOUND);
	ck_assert_int_eq(kekfile_obtain(dir, "x.kek", &a), STATUS_OK);
	ck_assert_uint_eq(strlen(a), 64);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);

	/* A transaction run again finds the same secret. */
	ck_assert_int_eq(kekfile_obtain(dir, "x.kek", &b), STATUS_OK);
	ck_assert_str_eq(a, b);
	crypto_secure_free(a);
	crypto_secure_free(b);
	free(path);
}
END_TEST

START_TEST(test_refuses_unsafe_files)
{
	char *k = NULL, *path = xasprintf("%s/x.kek", dir);
	char *link = xasprintf("%s/y.kek", dir);

	ck_assert_int_eq(kekfile_obtain(dir, "x.kek", &k), STATUS_OK);
	crypto_secure_free(k);

	/* Readable by others: refused, as is a link to a good file. */
	ck_assert_int_eq(chmod(path, 0644), 0);
	ck_assert_int_eq(kekfile_read(dir, "x.kek", &k), STATUS_NOT_FOUND);
	ck_assert_ptr_null(k);
	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_int_eq(symlink(path, link), 0);
	ck_assert_int_eq(kekfile_read(dir, "y.kek", &k), STATUS_NOT_FOUND);

	/* A short file is no secret. */
	testlib_write_file(path, "abc", 3);
	ck_assert_int_eq(kekfile_read(dir, "x.kek", &k), STATUS_NOT_FOUND);
	free(path);
	free(link);
}
END_TEST

Suite *
kekfile_suite(void)
{
	Suite *s = suite_create("kekfile");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, kek_setup, kek_teardown);
	tcase_add_test(tc, test_obtain_creates_private_file);
	tcase_add_test(tc, test_refuses_unsafe_files);
	suite_add_tcase(s, tc);
	return s;
}
