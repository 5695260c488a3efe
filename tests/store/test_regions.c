/*
 * test_regions.c -- the environment's region files cut short (a copy, a
 * full disk) are repaired from the log, never a crash: between two
 * opens, and under a process that has them mapped; a restore is
 * refused while another process has the workspace open; and a workspace
 * whose regions an older program made with a larger cache gets this
 * program's cache, losing nothing (after a crash too, and under a
 * process that has the old regions open).
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

/* The cache an older program made every workspace's regions with. */
#define REGIONS_OLD_CACHE	(32u * 1024 * 1024)

/* Is BYTES (as the store reports it, the library's overhead included)
 * the cache this program makes? */
static int
regions_cache_is_new(uint64_t bytes)
{
	uint64_t want = store_cache_setting();

	return bytes >= want && bytes < want + want / 4 + (1u << 20);
}

/* A workspace made by the older program, with one user record. */
static uint64_t
regions_make_old(struct rec_user *u)
{
	struct store *st;
	uint64_t id;

	store_test_cache(REGIONS_OLD_CACHE);
	st = fixture_open(fx.home);
	ck_assert_uint_ge(store_cache_bytes(st), REGIONS_OLD_CACHE);
	id = regions_put_user(st, u, 11);
	store_close(st);
	store_test_cache(0);
	return id;
}

static void
regions_assert_user(struct store *st, uint64_t id, const struct rec_user *u)
{
	struct rec_user back;

	ck_assert_int_eq(fixture_get(st, REC_USER, id, &back), STATUS_OK);
	fixture_assert_equal(REC_USER, u, &back);
	rec_free(REC_USER, &back);
}

START_TEST(test_regions_old_cache_remade)
{
	struct rec_user u, more;
	uint64_t id = regions_make_old(&u);
	struct store *st = fixture_open(fx.home);

	ck_assert_msg(regions_cache_is_new(store_cache_bytes(st)),
	    "the cache is %llu bytes",
	    (unsigned long long) store_cache_bytes(st));
	regions_assert_user(st, id, &u);
	regions_put_user(st, &more, 12);	/* and writes go on */
	store_close(st);

	st = fixture_open(fx.home);		/* and stay remade */
	ck_assert(regions_cache_is_new(store_cache_bytes(st)));
	ck_assert_uint_eq(fixture_count(st, REC_USER), 2);
	store_close(st);
	rec_free(REC_USER, &u);
	rec_free(REC_USER, &more);
}
END_TEST

/* A child that opens the workspace with a cache of CACHE (0: this
 * program's), writes user SEED, tells its id on FD, and then is killed
 * with the regions open (KILLED) or closes and exits. */
static pid_t
regions_child(uint32_t cache, unsigned seed, int fd, int killed)
{
	struct rec_user u;
	struct store *st;
	uint64_t id;
	pid_t pid;

	if ((pid = fork()) != 0)
		return pid;
	store_test_cache(cache);
	if (store_open(fx.home, 0, &st) != STATUS_OK)
		_exit(2);
	id = regions_put_user(st, &u, seed);
	if (write(fd, &id, sizeof id) != (ssize_t) sizeof id)
		_exit(3);
	if (killed)
		raise(SIGKILL);
	store_close(st);
	_exit(0);
}

/* The child's user record SEED, told on FD, is in ST. */
static void
regions_assert_child_user(struct store *st, int fd, unsigned seed)
{
	struct rec_user u;
	uint64_t id = 0;

	ck_assert_int_eq(read(fd, &id, sizeof id), (ssize_t) sizeof id);
	fixture_fill(REC_USER, &u, seed);
	u.id = id;
	regions_assert_user(st, id, &u);
	rec_free(REC_USER, &u);
}

START_TEST(test_regions_old_cache_after_crash)
{
	struct rec_user u;
	uint64_t id = regions_make_old(&u);
	struct store *st;
	int p[2], status;
	pid_t pid;

	/* The older program writes, and is killed with the regions open. */
	ck_assert_int_eq(pipe(p), 0);
	pid = regions_child(REGIONS_OLD_CACHE, 13, p[1], 1);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

	st = fixture_open(fx.home);
	ck_assert(regions_cache_is_new(store_cache_bytes(st)));
	regions_assert_user(st, id, &u);
	regions_assert_child_user(st, p[0], 13);
	store_close(st);
	close(p[0]);
	close(p[1]);
	rec_free(REC_USER, &u);
}
END_TEST

START_TEST(test_regions_old_cache_while_open)
{
	struct rec_user u;
	uint64_t id = regions_make_old(&u);
	struct store *st;
	int p[2], status;
	pid_t pid;

	/* This process has the old regions open when another remakes them;
	 * it must let go of them and see what the other wrote. */
	store_test_cache(REGIONS_OLD_CACHE);
	st = fixture_open(fx.home);
	store_test_cache(0);
	ck_assert_uint_ge(store_cache_bytes(st), REGIONS_OLD_CACHE);
	ck_assert_int_eq(pipe(p), 0);
	pid = regions_child(0, 14, p[1], 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	regions_assert_child_user(st, p[0], 14);
	regions_assert_user(st, id, &u);
	ck_assert(regions_cache_is_new(store_cache_bytes(st)));
	store_close(st);
	close(p[0]);
	close(p[1]);
	rec_free(REC_USER, &u);
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
	tcase_add_test(tc, test_regions_old_cache_remade);
	tcase_add_test(tc, test_regions_old_cache_after_crash);
	tcase_add_test(tc, test_regions_old_cache_while_open);
	suite_add_tcase(s, tc);
	return s;
}
