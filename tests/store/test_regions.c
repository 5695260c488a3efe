/*
 * test_regions.c -- the environment's region files cut short (a copy, a
 * full disk) are repaired from the log, never a crash: between two
 * opens, and under a process that has them mapped; and a restore is
 * refused while another process has the workspace open.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/fixture.h"
#include "store/suites.h"

static struct fixture fx;

static void
regions_setup(void)
{
	fixture_init(&fx);
}

static void
regions_teardown(void)
{
	fixture_done(&fx);
}

static void
regions_cut(const char *file, off_t size)
{
	char *path = xasprintf("%s/%s", fx.home, file);

	ck_assert_int_eq(truncate(path, size), 0);
	free(path);
}

/* A user record made from SEED put into ST; its id. */
static uint64_t
regions_put_user(struct store *st, struct rec_user *u, unsigned seed)
{
	fixture_fill(REC_USER, u, seed);
	u->id = 0;
	ck_assert_int_eq(fixture_put(st, REC_USER, u), STATUS_OK);
	return u->id;
}

START_TEST(test_regions_cut_between_opens)
{
	struct rec_user u, back;
	struct store *st = fixture_open(fx.home);
	uint64_t id = regions_put_user(st, &u, 7);

	store_close(st);
	regions_cut("__db.001", 1000000);
	regions_cut("__db.002", 1000);
	st = fixture_open(fx.home);
	ck_assert_int_eq(fixture_get(st, REC_USER, id, &back), STATUS_OK);
	fixture_assert_equal(REC_USER, &u, &back);
	rec_free(REC_USER, &u);
	rec_free(REC_USER, &back);
	store_close(st);
}
END_TEST

START_TEST(test_regions_cut_while_open)
{
	struct rec_user u, back;
	struct store *st = fixture_open(fx.home);
	uint64_t id = regions_put_user(st, &u, 7);

	/* Another hand cuts the files this process has mapped. */
	regions_cut("__db.001", 1000000);
	regions_cut("__db.002", 1000);
	ck_assert_int_eq(fixture_get(st, REC_USER, id, &back), STATUS_OK);
	fixture_assert_equal(REC_USER, &u, &back);
	rec_free(REC_USER, &back);
	rec_free(REC_USER, &u);
	regions_put_user(st, &u, 8);	/* and writes go on */
	rec_free(REC_USER, &u);
	store_close(st);
}
END_TEST

START_TEST(test_regions_restore_while_open)
{
	char *bak = xasprintf("%s/bak", fx.tmp);
	struct store *st = fixture_open(fx.home);
	int status;
	pid_t pid;

	ck_assert_int_eq(store_backup(st, bak), STATUS_OK);
	/* Another process restores while this one has it open. */
	if ((pid = fork()) == 0)
		_exit(store_restore(bak, fx.home, 1) == STATUS_WORKSPACE_OPEN ?
		    0 : 1);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "the restore was not refused");
	store_close(st);

	if ((pid = fork()) == 0)
		_exit(store_restore(bak, fx.home, 1) == STATUS_OK ? 0 : 1);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "the restore of a closed workspace failed");
	free(bak);
}
END_TEST

Suite *
regions_suite(void)
{
	Suite *s = suite_create("regions");
	TCase *tc = tcase_create("regions");

	tcase_add_checked_fixture(tc, regions_setup, regions_teardown);
	tcase_add_test(tc, test_regions_cut_between_opens);
	tcase_add_test(tc, test_regions_cut_while_open);
	tcase_add_test(tc, test_regions_restore_while_open);
	suite_add_tcase(s, tc);
	return s;
}
