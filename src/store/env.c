/*
 * env.c -- the Berkeley DB environment of a workspace: how it is opened
 * (recovering what a crashed process left), checkpointed and closed, and
 * how Berkeley DB's errors become statuses.  Nothing here may print to
 * stderr: the library's messages go to the log.
 *
 * What was measured on this machine (Berkeley DB 5.3.28, Debian 12, two
 * cores), and what the design takes from it:
 *
 *   - A child committing in a loop and killed with SIGKILL: with the
 *     default (synchronous) commit, 5 rounds of 1,400-2,000 acknowledged
 *     commits lost none.  With DB_TXN_NOSYNC every round lost the last 39
 *     acknowledged commits.  DB_TXN_WRITE_NOSYNC lost none to SIGKILL but
 *     leaves them in the page cache, where a power cut loses them.  So:
 *     synchronous commits only (about 130 us each here), and both flags
 *     are switched off after open in case a DB_CONFIG file set them.
 *   - A process killed while holding a write lock: another process
 *     already waiting for that lock is NOT released by the 2 s lock
 *     timeout (timeouts are only looked at when the deadlock detector
 *     runs on a new conflict); it waited 6 s, then 8 s, exactly until a
 *     third process opened the environment with DB_FAILCHK.  Without
 *     DB_FAILCHK that third open ran recovery at once and the waiting
 *     process hung for good.  A process waiting on a mutex held by a
 *     killed one also hangs for good, whatever the others do.
 *   - Opening with DB_REGISTER | DB_RECOVER | DB_FAILCHK after a process
 *     died: failchk freed its locks and aborted its transaction ("Freeing
 *     read locks", "Aborting txn") and the live processes carried on; an
 *     idle process whose environment was recovered by another gets
 *     DB_RUNRECOVERY from its next call, and carries on after reopening.
 *   - Two writers, 5,000 transactions each, reading then writing two of
 *     2,000 keys: 248 deadlocks; the same with an exclusive flock(2)
 *     around each transaction: none, in the same time (fsync bound).
 *   - failchk costs 15 us; flock, failchk and an empty read transaction
 *     together 17 us.
 *   - A process killed INSIDE the library, holding one of its mutexes:
 *     opening with DB_REGISTER | DB_FAILCHK | DB_RECOVER then hung for
 *     good (8 runs out of 8, after 9 to 175 kills), and even a plain
 *     open without DB_RECOVER hung in __memp_open when the dead process
 *     had been opening or closing; a survivor's db->close and
 *     txn_checkpoint hung the same way.  Nothing that joins the old
 *     regions is safe then.  Removing the regions (__db.*) and opening
 *     with DB_RECOVER recovered from the log alone in 20 ms, with every
 *     acknowledged commit there.
 *   - failchk's isalive(kill(pid, 0)) counts a zombie as alive: the next
 *     holder of the lock waited on a dead, unreaped process's locks.
 *
 * Hence the design.  Every process holds the workspace lock (wslock.c)
 * for as long as it is inside Berkeley DB -- opening, each transaction,
 * checkpoints, backup, check, closing -- so no process ever waits inside
 * the library for another, and a killed process releases the lock by
 * dying.  A process that dies holding the lock leaves its pid in the lock
 * file; the next holder then never touches the old regions: it removes
 * them and recovers from the log, and bumps the lock file's generation so
 * that every other process drops its handles, untouched, and reopens
 * (store_sync).  A process that dies without the lock was outside the
 * library: failchk (at open, and at the start of each transaction)
 * aborts its transaction and frees its locks.  Transactions are begun
 * with DB_TXN_NOWAIT, so a lock held by anyone outside this scheme (a
 * db5.3 utility) makes the transaction fail and retry rather than wait;
 * the deadlock detector and lock timeouts stay configured for those
 * outsiders.  The lock costs parallel readers, which a single
 * workstation does not need.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_int.h"
#include "store/store_test.h"

/*
 * The shared cache, for every process of a workspace alike: the library
 * fixes its size when the regions are made, and a process that joins
 * them gets theirs.  Its pages count in each process's memory as they
 * are touched, and a process touches far more of a full cache than the
 * pages it reads (joining alone touched 5.5 MiB of a full 32 MiB cache,
 * 3.7 MiB of a full 8 MiB one), so its share grows with the cache the
 * writer filled.  Measured at 100,000 documents: a clerk's first login
 * after the generation touched 19.7 MiB of the 32 MiB cache (40 MiB in
 * all), 7.2 MiB of an 8 MiB one (26 MiB in all); generating 2,000
 * documents took the same time with 32, 8, 4 or 2 MiB (a miss is a read
 * from the system's page cache).  The price: a search that reads 10,000
 * documents took 34 ms instead of 21 (16 MiB did not win it back).
 * Regions made with another size are remade at the next open
 * (env_cache_fits), so changing this is an upgrade of its own.
 */
#define ENV_CACHE_BYTES		(8u * 1024 * 1024)
#define ENV_LOG_FILE_BYTES	(4u * 1024 * 1024)
#define ENV_LOCK_TIMEOUT_US	2000000u
#define ENV_THREADS		128
/* A write transaction locks every page it changes to its commit; reads
 * release theirs as they go (DB_READ_COMMITTED), and an upgrade that
 * rewrites a whole kind does it in parts (schema.c). */
#define ENV_MAX_LOCKS		50000

/* Checkpoint after this much log, or this long. */
#define ENV_CKP_KBYTES		1024
#define ENV_CKP_MINUTES		5

/*
 * Set when the library said a write found the disk full.  A write that
 * fails in the middle of the library's work panics the environment, and
 * what the caller then gets is DB_RUNRECOVERY, which alone would read as
 * "recovered after a crash"; with this set it reads as a full disk.  The
 * library words its messages with strerror(), in this process's locale.
 */
static int env_nospace;

/* The cache new regions are made with; tests make old workspaces with
 * another (store_test_cache). */
static u_int32_t env_cache_bytes = ENV_CACHE_BYTES;
static u_int32_t env_max_locks = ENV_MAX_LOCKS;	/* store_test_locks */

static void
env_errcall(const DB_ENV *env, const char *prefix, const char *msg)
{
	log_error("db: %s", msg);
	if (strstr(msg, strerror(ENOSPC)) != NULL ||
	    strstr(msg, strerror(EDQUOT)) != NULL ||
	    strstr(msg, strerror(EFBIG)) != NULL)
		env_nospace = 1;
}

static void
env_msgcall(const DB_ENV *env, const char *msg)
{
	log_info("db: %s", msg);
}

/*
 * failchk's question: is the process that owns a lock or a slot alive?
 * A zombie is not: it has released its files (so the workspace lock is
 * free) but, until its parent reaps it, kill(pid, 0) still succeeds --
 * measured: the next lock holder's failchk then left the dead process's
 * locks in place and waited on them.
 */
static int
env_isalive(DB_ENV *env, pid_t pid, db_threadid_t tid, u_int32_t flags)
{
	char path[64], buf[512], *end;
	ssize_t n;
	int fd;

	if (kill(pid, 0) != 0 && errno != EPERM)
		return 0;
	snprintf(path, sizeof path, "/proc/%ld/stat", (long) pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return errno != ENOENT;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 1;
	buf[n] = '\0';
	/* "pid (comm) S ...": the state follows the last ')'. */
	if ((end = strrchr(buf, ')')) == NULL || end[1] == '\0')
		return 1;
	return end[2] != 'Z' && end[2] != 'X';
}

enum status
env_status(int ret)
{
	switch (ret) {
	case 0:
		return STATUS_OK;
	case DB_NOTFOUND:
	case DB_KEYEMPTY:
		return STATUS_NOT_FOUND;
	case DB_KEYEXIST:
		return STATUS_EXISTS;
	case DB_LOCK_DEADLOCK:
	case DB_LOCK_NOTGRANTED:
	case DB_REP_LOCKOUT:
		return STATUS_BUSY;
	case DB_RUNRECOVERY:
		return env_nospace ? STATUS_NO_SPACE : STATUS_RECOVER;
	case DB_VERIFY_BAD:
	case DB_PAGE_NOTFOUND:
	case DB_SECONDARY_BAD:
		return STATUS_CORRUPT;
	case ENOENT:
	case ENOTDIR:
		return STATUS_NO_WORKSPACE;
	case ENOSPC:
	case EFBIG:
	case EDQUOT:
		return STATUS_NO_SPACE;
	case EROFS:
		return STATUS_READ_ONLY;
	case EACCES:
	case EPERM:
		return STATUS_PERM_FS;
	case ENOMEM:
		/* What the library returns when a transaction wants more
		 * locks (or lock objects) than the table holds: the regions
		 * are of a fixed size, so only a smaller transaction helps. */
		return STATUS_DB_LOCKS;
	default:
		return ret > 0 ? STATUS_IO : STATUS_DB;
	}
}

enum status
env_fail(int ret, const char *what, const char *file)
{
	log_error("store: %s%s%s: %s", what, file != NULL ? " " : "",
	    file != NULL ? file : "", db_strerror(ret));
	return env_status(ret);
}

void
env_db_logging(DB *db)
{
	db->set_errcall(db, env_errcall);
	db->set_msgcall(db, env_msgcall);
}

/* Every setting comes before DB_ENV->open; one failing is a bug. */
static int
env_configure(DB_ENV *env)
{
	int ret;

	env->set_errcall(env, env_errcall);
	env->set_msgcall(env, env_msgcall);
	if ((ret = env->set_cachesize(env, 0, env_cache_bytes, 1)) != 0 ||
	    (ret = env->set_lg_max(env, ENV_LOG_FILE_BYTES)) != 0 ||
	    (ret = env->set_lk_detect(env, DB_LOCK_DEFAULT)) != 0 ||
	    (ret = env->set_timeout(env, ENV_LOCK_TIMEOUT_US,
	    DB_SET_LOCK_TIMEOUT)) != 0 ||
	    (ret = env->set_lk_max_locks(env, env_max_locks)) != 0 ||
	    (ret = env->set_lk_max_objects(env, env_max_locks)) != 0 ||
	    (ret = env->set_thread_count(env, ENV_THREADS)) != 0 ||
	    (ret = env->set_isalive(env, env_isalive)) != 0 ||
	    (ret = env->log_set_config(env, DB_LOG_AUTO_REMOVE, 1)) != 0)
		return ret;
	return 0;
}

static int
env_open_flags(struct store *st, u_int32_t flags)
{
	DB_ENV *env;
	int ret;

	if ((ret = db_env_create(&env, 0)) != 0)
		return ret;
	if ((ret = env_configure(env)) != 0 ||
	    (ret = env->open(env, st->home, flags, 0600)) != 0 ||
	    (ret = env->set_flags(env, DB_TXN_NOSYNC | DB_TXN_WRITE_NOSYNC,
	    0)) != 0) {
		env->close(env, 0);
		return ret;
	}
	st->env = env;
	return 0;
}

/*
 * Were the joined regions made with this program's cache size?  The
 * library adds its overhead to the size asked for and rounds the region
 * up (8 MiB asked: 10,487,832 bytes before the open, 10,493,952 in the
 * region, measured), so a handle that is never opened says what the
 * size asked for becomes, and a region within 1 MiB above it fits.  A
 * DB_CONFIG file in the workspace is a maintainer's own setting: it
 * rules, and nothing is remade for it.
 */
static int
env_cache_fits(const struct store *st)
{
	char *conf = xasprintf("%s/DB_CONFIG", st->home);
	u_int32_t gbytes, bytes, want_gbytes, want;
	int conf_found = access(conf, F_OK) == 0, ncache;
	DB_ENV *probe;

	free(conf);
	if (conf_found || db_env_create(&probe, 0) != 0)
		return 1;
	if (probe->set_cachesize(probe, 0, env_cache_bytes, 1) != 0 ||
	    probe->get_cachesize(probe, &want_gbytes, &want, &ncache) != 0 ||
	    st->env->get_cachesize(st->env, &gbytes, &bytes, &ncache) != 0)
		gbytes = bytes = want_gbytes = want = 0;
	probe->close(probe, 0);
	return gbytes == want_gbytes && bytes >= want &&
	    bytes - want < 1024u * 1024;
}

uint64_t
store_cache_bytes(const struct store *st)
{
	u_int32_t gbytes = 0, bytes = 0;
	int ncache;

	if (st->env != NULL &&
	    st->env->get_cachesize(st->env, &gbytes, &bytes, &ncache) != 0)
		gbytes = bytes = 0;
	return ((uint64_t) gbytes << 30) + bytes;
}

uint64_t
store_cache_setting(void)
{
	return ENV_CACHE_BYTES;
}

void
store_test_cache(uint32_t bytes)
{
	env_cache_bytes = bytes != 0 ? bytes : ENV_CACHE_BYTES;
}

/* Would the environment hold more than half the locks it has room for
 * with EXTRA more?  With the workspace lock held they are all the
 * caller's: an upgrade in parts ends its part there. */
int
env_locks_short(struct store *st, size_t extra)
{
	DB_LOCK_STAT *s = NULL;
	int short_of;

	if (st->env->lock_stat(st->env, &s, 0) != 0 || s == NULL)
		return 0;
	short_of = s->st_nlocks + extra > env_max_locks / 2 ||
	    s->st_nobjects + extra > env_max_locks / 2;
	free(s);
	return short_of;
}

void
store_test_locks(uint32_t n)
{
	env_max_locks = n != 0 ? n : ENV_MAX_LOCKS;
}

/*
 * With the workspace lock held no process is inside the environment, so
 * its regions can go; the generation tells every process that still has
 * them mapped to let go of them and reopen (store_sync).  Never join
 * them first: a process killed inside the library may hold a mutex there
 * for ever.
 */
void
env_remove_regions(struct store *st)
{
	struct dirent *e;
	char *path;
	DIR *d;

	if ((d = opendir(st->home)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strncmp(e->d_name, "__db.", 5) != 0)
				continue;
			path = xasprintf("%s/%s", st->home, e->d_name);
			if (unlink(path) != 0 && errno != ENOENT)
				log_error("store: removing %s: %s", path,
				    strerror(errno));
			free(path);
		}
		closedir(d);
	}
	wslock_bump(&st->lock);
}

/*
 * DB_CREATE is always given because recovery recreates the regions; the
 * caller has made sure the directory is a workspace (or is making one),
 * holds the workspace lock and has removed the regions if a process died
 * holding it (store_sync).  DB_REGISTER notices processes that died
 * outside the library and DB_FAILCHK makes that cost a failchk, not a
 * recovery.  DB_RECOVER is given only once the regions are gone (it
 * joins them first, see above): the first open says DB_RUNRECOVERY when
 * recovery is due -- no regions yet, or a panicked environment.
 */
enum status
env_open(struct store *st)
{
	const u_int32_t flags = DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK |
	    DB_INIT_LOG | DB_INIT_MPOOL | DB_REGISTER | DB_FAILCHK;
	enum status rc;
	int ret;

	env_nospace = 0;
	if ((rc = regions_room(st)) != STATUS_OK)
		return rc;
	ret = env_open_flags(st, flags);
	if (ret == 0 && !env_cache_fits(st)) {
		/* Remade the way a crash has them remade: it is sound with
		 * the lock held, and every other process reopens. */
		log_info("store: remaking the regions of %s for a cache of "
		    "%u KiB", st->home, env_cache_bytes / 1024);
		env_close(st);
		ret = DB_RUNRECOVERY;
	}
	if (ret == DB_RUNRECOVERY) {
		log_info("store: %s needs recovery", st->home);
		env_remove_regions(st);
		if ((rc = regions_room(st)) != STATUS_OK)
			return rc;
		ret = env_open_flags(st, flags | DB_RECOVER);
	}
	if (ret != 0)
		return env_fail(ret, "opening the environment in", st->home);
	if ((rc = regions_reserve(st)) != STATUS_OK) {
		env_close(st);	/* sound, but it cannot grow: no use */
		return rc;
	}
	st->gen = st->lock.gen;
	regions_note(st);
	return STATUS_OK;
}

void
env_close(struct store *st)
{
	int ret;

	if (st->env == NULL)
		return;
	if ((ret = st->env->close(st->env, 0)) != 0 && ret != DB_RUNRECOVERY)
		env_fail(ret, "closing the environment in", st->home);
	st->env = NULL;
}

/*
 * A checkpoint writes the cache's dirty pages to the database files.  When
 * that fails for lack of space, commits still succeed (the log has room)
 * while the cache fills with pages it cannot write, until every write
 * fails with a bare "cannot allocate memory".  So the store remembers it
 * (st->no_space) and refuses writes with STATUS_NO_SPACE until a
 * checkpoint goes through again (store_run).
 */
enum status
env_checkpoint(struct store *st, int force)
{
	enum status rc;
	int ret;

	if (st->env == NULL)
		return STATUS_OK;
	ret = force ? st->env->txn_checkpoint(st->env, 0, 0, DB_FORCE) :
	    st->env->txn_checkpoint(st->env, ENV_CKP_KBYTES, ENV_CKP_MINUTES, 0);
	if (ret == 0) {
		st->no_space = 0;
		return STATUS_OK;
	}
	rc = env_fail(ret, "checkpoint of", st->home);
	if (rc == STATUS_NO_SPACE)
		st->no_space = 1;
	return rc;
}

enum status
env_failchk(struct store *st)
{
	int ret;

	env_nospace = 0;	/* a new attempt: judge its own errors */
	if ((ret = st->env->failchk(st->env, 0)) == 0)
		return STATUS_OK;
	if (ret == DB_RUNRECOVERY) {
		log_warn("store: %s needs recovery after a crash", st->home);
		return STATUS_RECOVER;
	}
	return env_fail(ret, "failchk in", st->home);
}

/*
 * Catastrophic recovery of HOME after its files were restored from a
 * backup: every log file there is replayed, not only those since the last
 * checkpoint, which makes the copied data files consistent with the last
 * transaction committed before the backup ended.
 */
enum status
env_recover_fatal(const char *home)
{
	const u_int32_t flags = DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK |
	    DB_INIT_LOG | DB_INIT_MPOOL | DB_RECOVER_FATAL;
	DB_ENV *env;
	int ret;

	if ((ret = db_env_create(&env, 0)) != 0)
		return env_fail(ret, "creating the environment handle", NULL);
	if ((ret = env_configure(env)) != 0 ||
	    (ret = env->open(env, home, flags, 0600)) != 0 ||
	    (ret = env->txn_checkpoint(env, 0, 0, DB_FORCE)) != 0) {
		env->close(env, 0);
		return env_fail(ret, "recovering the restored files in", home);
	}
	if ((ret = env->close(env, 0)) != 0)
		return env_fail(ret, "closing the restored environment", home);
	return STATUS_OK;
}
