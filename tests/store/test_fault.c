/*
 * test_fault.c -- bad ground under a workspace: a missing, unreadable or
 * read-only directory; a database file truncated or overwritten with
 * garbage; a disk that fills during a write.  Each gives a clear status,
 * never a crash or a hang (a watchdog guards each test), and every record
 * committed before -- in the other files, or before the disk filled --
 * is still there and intact.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/fixture.h"
#include "store/suites.h"

#define FAULT_USERS	5
#define FAULT_DOCS	400

static struct fixture fx;

static void
fault_setup(void)
{
	fixture_init(&fx);
	fixture_watchdog(60);
}

static void
fault_teardown(void)
{
	fixture_done(&fx);
}

/* FAULT_USERS users and FAULT_DOCS documents, enough for many pages. */
static void
fault_populate(void)
{
	struct store *st = fixture_open(fx.home);
	union rec_any rec;
	unsigned i;

	for (i = 0; i < FAULT_USERS; i++) {
		fixture_fill(REC_USER, &rec, i);
		rec.user.id = 0;
		ck_assert_int_eq(fixture_put(st, REC_USER, &rec), STATUS_OK);
		rec_free(REC_USER, &rec);
	}
	for (i = 0; i < FAULT_DOCS; i++) {
		fixture_fill(REC_DOC, &rec, i);
		rec.doc.id = 0;
		ck_assert_int_eq(fixture_put(st, REC_DOC, &rec), STATUS_OK);
		rec_free(REC_DOC, &rec);
	}
	store_close(st);
}

/* The users, untouched by whatever happened to the documents. */
static void
fault_assert_users(struct store *st)
{
	union rec_any want, got;
	unsigned i;

	for (i = 0; i < FAULT_USERS; i++) {
		fixture_fill(REC_USER, &want, i);
		want.user.id = i + 1;
		ck_assert_int_eq(fixture_get(st, REC_USER, i + 1, &got),
		    STATUS_OK);
		fixture_assert_equal(REC_USER, &want, &got);
		rec_free(REC_USER, &want);
		rec_free(REC_USER, &got);
	}
}

static void
fault_assert_users_salvaged(void)
{
	struct store *st = NULL;

	ck_assert_int_eq(store_open(fx.home, STORE_RDONLY | STORE_SALVAGE,
	    &st), STATUS_OK);
	fault_assert_users(st);
	store_close(st);
}

/* Faults found, none of them in the users' files. */
static void
fault_assert_check(const char *file)
{
	struct fixture_faults f;

	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_uint_ge(f.n, 1);
	ck_assert_msg(strstr(f.text, file) != NULL, "%s", f.text);
	ck_assert_msg(strstr(f.text, "user") == NULL, "%s", f.text);
}

static void
fault_scribble(const char *file, off_t at, size_t n)
{
	char *path = xasprintf("%s/%s", fx.home, file);
	unsigned char *junk = xmalloc(n);
	size_t i;
	int fd;

	for (i = 0; i < n; i++)
		junk[i] = (unsigned char) (i * 151 + 17);
	fd = open(path, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, junk, n, at), (ssize_t) n);
	close(fd);
	free(junk);
	free(path);
}

static void
fault_truncate(const char *file, off_t size)
{
	char *path = xasprintf("%s/%s", fx.home, file);

	ck_assert_int_eq(truncate(path, size), 0);
	free(path);
}

static off_t
fault_size(const char *file)
{
	char *path = xasprintf("%s/%s", fx.home, file);
	struct stat sb;

	ck_assert_int_eq(stat(path, &sb), 0);
	free(path);
	return sb.st_size;
}

/*
 * The environment's cache outlives the processes (its regions are files
 * in the workspace), so within one boot a page damaged on disk after a
 * clean close may still be served from the cache.  After a reboot the
 * store drops the regions and reads the files afresh: pretend one.
 */
static void
fault_reboot(void)
{
	char *path = xasprintf("%s/eseal.boot", fx.home);

	testlib_write_file(path, "an earlier boot\n", 16);
	free(path);
}

START_TEST(test_missing_directory)
{
	struct store *st = NULL;
	char *file, *under;

	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_NO_WORKSPACE);
	ck_assert_int_eq(store_open(fx.home, STORE_RDONLY, &st),
	    STATUS_NO_WORKSPACE);

	/* A path through a plain file. */
	file = xasprintf("%s/file", fx.tmp);
	testlib_write_file(file, "x", 1);
	under = xasprintf("%s/ws", file);
	ck_assert_int_eq(store_open(under, 0, &st), STATUS_NO_WORKSPACE);
	ck_assert_int_eq(store_open(file, 0, &st), STATUS_NO_WORKSPACE);
	ck_assert_int_eq(store_open(under, STORE_CREATE, &st),
	    STATUS_NO_WORKSPACE);
	free(under);
	free(file);
}
END_TEST

/* Runs CHILD in a forked process; its exit code is the status. */
static int
fault_in_child(int (*child)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(child());
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status), "the child died by signal %d",
	    WTERMSIG(status));
	return WEXITSTATUS(status);
}

/* As root, permissions do not deny: the child becomes "nobody". */
static int
fault_unreadable_child(void)
{
	struct store *st;
	struct fixture_faults f;
	enum status rc;

	if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
		return 100;
	if ((rc = store_open(fx.home, 0, &st)) != STATUS_PERM_FS)
		return 100 + rc;
	return fixture_check(fx.home, &f);
}

START_TEST(test_unreadable_directory)
{
	struct store *st = fixture_open(fx.home);

	store_close(st);
	if (geteuid() != 0)
		ck_assert_int_eq(chmod(fx.home, 0), 0);
	ck_assert_int_eq(fault_in_child(fault_unreadable_child),
	    STATUS_PERM_FS);
	chmod(fx.home, 0700);
	st = fixture_open(fx.home);	/* and nothing was harmed */
	store_close(st);
}
END_TEST

static int
fault_write_proc(const char *file, const char *text)
{
	int fd = open(file, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t) strlen(text) ? 0 : -1;
}

/* Make HOME read-only for this process only: a private mount namespace
 * (a user namespace too when not root) and a read-only bind mount. */
static int
fault_make_read_only(const char *home)
{
	char map[64];
	uid_t uid = getuid();
	gid_t gid = getgid();

	if (unshare(CLONE_NEWNS) != 0) {
		if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
			return -1;
		fault_write_proc("/proc/self/setgroups", "deny");
		snprintf(map, sizeof map, "0 %u 1", (unsigned) uid);
		if (fault_write_proc("/proc/self/uid_map", map) != 0)
			return -1;
		snprintf(map, sizeof map, "0 %u 1", (unsigned) gid);
		if (fault_write_proc("/proc/self/gid_map", map) != 0)
			return -1;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount(home, home, NULL, MS_BIND, NULL) != 0 ||
	    mount(NULL, home, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY,
	    NULL) != 0)
		return -1;
	return 0;
}

#define FAULT_NO_NAMESPACE	200

static int
fault_read_only_child(void)
{
	struct fixture_faults f;
	struct store *st;
	enum status rc;

	if (fault_make_read_only(fx.home) != 0)
		return FAULT_NO_NAMESPACE;
	if ((rc = store_open(fx.home, 0, &st)) != STATUS_READ_ONLY)
		return 100 + rc;
	if ((rc = store_open(fx.home, STORE_RDONLY, &st)) != STATUS_READ_ONLY)
		return 150 + rc;
	if ((rc = fixture_check(fx.home, &f)) != STATUS_OK)
		return rc;
	if (f.n == 0 || strstr(f.text, "read-only") == NULL)
		return 199;
	return STATUS_READ_ONLY;
}

START_TEST(test_read_only_filesystem)
{
	struct store *st = fixture_open(fx.home);
	int rc;

	store_close(st);
	rc = fault_in_child(fault_read_only_child);
	if (rc == FAULT_NO_NAMESPACE) {
		/* No namespaces here: at least the conversion must hold. */
		ck_assert_int_eq(store_test_errno_status(EROFS),
		    STATUS_READ_ONLY);
		return;
	}
	ck_assert_int_eq(rc, STATUS_READ_ONLY);
}
END_TEST

START_TEST(test_garbage_file)
{
	struct store *st = NULL;

	fault_populate();
	fault_scribble("doc.db", 0, (size_t) fault_size("doc.db"));
	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_CORRUPT);
	ck_assert_ptr_null(st);
	fault_assert_users_salvaged();
	fault_assert_check("doc.db: damaged");
}
END_TEST

static int
fault_each_doc(const void *rec, void *arg)
{
	return 0;
}

static enum status
fault_read_docs_txn(struct store_txn *txn, void *arg)
{
	uint64_t n;
	enum status rc = store_count(txn, IDX_DOC_UPDATED, NULL, &n);

	if (rc == STATUS_OK)
		rc = store_scan_all(txn, REC_DOC, fault_each_doc, NULL);
	return rc;
}

/* Reading every document of a damaged file fails cleanly. */
static void
fault_assert_docs_unreadable(void)
{
	struct store *st = NULL;
	enum status rc;

	rc = store_open(fx.home, 0, &st);
	if (rc == STATUS_OK) {
		rc = store_run(st, STORE_READ, fault_read_docs_txn, NULL);
		fault_assert_users(st);	/* the rest still works */
		store_close(st);
	}
	ck_assert_msg(rc == STATUS_CORRUPT, "%s", status_name(rc));
}

START_TEST(test_truncated_file)
{
	fault_populate();
	fault_truncate("doc.db", fault_size("doc.db") / 2);
	fault_reboot();
	fault_assert_docs_unreadable();
	fault_assert_users_salvaged();
	fault_assert_check("doc.db: damaged");
}
END_TEST

START_TEST(test_emptied_file)
{
	struct store *st = NULL;

	fault_populate();
	fault_truncate("doc-by-state.db", 0);
	ck_assert_int_eq(store_open(fx.home, 0, &st), STATUS_CORRUPT);
	fault_assert_users_salvaged();
	fault_assert_check("doc-by-state.db: damaged");
}
END_TEST

/* One page of garbage inside the file: its checksum catches it. */
START_TEST(test_garbage_page)
{
	fault_populate();
	ck_assert_int_gt(fault_size("doc.db"), 4 * 8192);
	fault_scribble("doc.db", 2 * 8192 + 100, 4000);
	fault_reboot();
	fault_assert_docs_unreadable();
	fault_assert_users_salvaged();
	fault_assert_check("doc.db: damaged");
}
END_TEST

/* -- The disk fills during writes ---------------------------------------- */

struct fault_big {
	struct rec_version	 v;
	char			 body[16384];
};

static enum status
fault_big_txn(struct store_txn *txn, void *arg)
{
	struct fault_big *b = arg;

	memset(&b->v, 0, sizeof b->v);
	b->v.doc_id = 1;
	b->v.body = b->body;
	return store_put(txn, REC_VERSION, &b->v);
}

static off_t
fault_largest_file(void)
{
	static const char *const files[] = {
		"log.0000000001", "version.db", "version-by-doc.db",
		"control.db", "__db.001", "__db.002", "__db.003"
	};
	off_t max = 0;
	struct stat sb;
	unsigned i;
	char *path;

	/* A log file may already have been removed after a checkpoint. */
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		path = xasprintf("%s/%s", fx.home, files[i]);
		if (stat(path, &sb) == 0 && sb.st_size > max)
			max = sb.st_size;
		free(path);
	}
	return max;
}

/* Writes versions until the file size limit stops it; reports each
 * acknowledged id, then 0 and the final status. */
static void
fault_filler(int out)
{
	static struct fault_big b;
	uint32_t x;
	struct rlimit rl;
	struct store *st;
	enum status rc;
	uint64_t id;
	unsigned i;

	signal(SIGXFSZ, SIG_IGN);
	if (store_open(fx.home, 0, &st) != STATUS_OK)
		_exit(2);
	/* Letters that do not repeat, so that packing cannot shrink them
	 * (a body of one letter packs to a few bytes). */
	for (i = 0, x = 1; i < sizeof b.body - 1; i++) {
		x = x * 1103515245u + 12345u;
		b.body[i] = (char) ('a' + (x >> 16) % 26);
	}
	rl.rlim_cur = rl.rlim_max = (rlim_t) fault_largest_file() + 512 * 1024;
	if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
		_exit(3);
	for (i = 0; i < 10000; i++) {
		if ((rc = store_run(st, STORE_WRITE, fault_big_txn, &b)) !=
		    STATUS_OK)
			break;
		id = b.v.id;
		if (write(out, &id, sizeof id) != (ssize_t) sizeof id)
			_exit(4);
	}
	id = 0;
	if (write(out, &id, sizeof id) != (ssize_t) sizeof id ||
	    write(out, &rc, sizeof rc) != (ssize_t) sizeof rc)
		_exit(4);
	_exit(0);
}

START_TEST(test_disk_full)
{
	struct fixture_faults f;
	struct store *st;
	struct rec_version v;
	uint64_t id, last = 0;
	enum status rc = STATUS_OK;
	int p[2], status;
	pid_t pid;

	fault_populate();
	ck_assert_int_eq(pipe(p), 0);
	if ((pid = fork()) == 0) {
		close(p[0]);
		fault_filler(p[1]);
	}
	close(p[1]);
	while (read(p[0], &id, sizeof id) == (ssize_t) sizeof id && id != 0)
		last = id;
	ck_assert_int_eq(read(p[0], &rc, sizeof rc), (ssize_t) sizeof rc);
	close(p[0]);
	waitpid(pid, &status, 0);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ck_assert_msg(rc == STATUS_NO_SPACE, "the write failed with %s",
	    status_name(rc));
	ck_assert_uint_gt(last, 0);

	/* Everything committed before is there, the partial write is not. */
	st = fixture_open(fx.home);
	fault_assert_users(st);
	ck_assert_uint_eq(fixture_count(st, REC_DOC), FAULT_DOCS);
	for (id = 1; id <= last; id++) {
		ck_assert_int_eq(fixture_get(st, REC_VERSION, id, &v),
		    STATUS_OK);
		ck_assert_uint_eq(strlen(v.body), sizeof ((struct fault_big *)
		    0)->body - 1);
		rec_free(REC_VERSION, &v);
	}
	ck_assert_uint_le(fixture_count(st, REC_VERSION), last + 1);
	store_close(st);
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
}
END_TEST

Suite *
fault_suite(void)
{
	Suite *s = suite_create("fault");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, fault_setup, fault_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_missing_directory);
	tcase_add_test(tc, test_unreadable_directory);
	tcase_add_test(tc, test_read_only_filesystem);
	tcase_add_test(tc, test_garbage_file);
	tcase_add_test(tc, test_truncated_file);
	tcase_add_test(tc, test_emptied_file);
	tcase_add_test(tc, test_garbage_page);
	tcase_add_test(tc, test_disk_full);
	suite_add_tcase(s, tc);
	return s;
}
