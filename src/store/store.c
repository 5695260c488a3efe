/*
 * store.c -- opening and closing a workspace, and store_run(), the one
 * way into a transaction: it holds the workspace lock, recovers what a
 * process killed inside the environment left (env.c tells how, and why
 * that way), follows another process's recovery, retries the transaction
 * after a deadlock and reopens with recovery when Berkeley DB asks.
 *
 * Must not hold any record's layout (codec.c, rec_KIND.c) or any index
 * logic (index.c).
 *
 * Files of a workspace: control.db (schema version and id sequences,
 * control.c), KIND.db for each record kind (records under their id),
 * KIND-by-WHAT.db for each index (index.c), eseal.lock (wslock.c),
 * eseal.boot (prepare.c), and Berkeley DB's own __db.* regions and log.*
 * files.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store_int.h"

#define STORE_ATTEMPTS		8	/* tries of one transaction */
#define STORE_KIND_PAGE		8192	/* records: a few hundred bytes each */
/*
 * A version holds a document's whole text and its seal signature: 2 to 6
 * KiB.  On 8 KiB pages every record above about 2 KiB went to overflow
 * pages of its own, measured at 43 % empty (7.3 KiB of version.db per
 * document at 10,000 documents); 32 KiB pages keep records up to 8 KiB in
 * the leaves.  Only new files get it: an existing file keeps the page
 * size it was made with, so no upgrade is needed.
 */
#define STORE_VERSION_PAGE	32768
#define STORE_MAX_OPEN		16	/* workspaces open in one process */

/*
 * DB_REGISTER keeps its per-process slot with fcntl(2) locks, which a
 * process loses as soon as it closes ANY descriptor of the registry file:
 * a second handle on the same environment in one process would unregister
 * the first.  So a process opens a workspace once; the table is keyed by
 * the directory's identity and by pid, so a forked child may open its own.
 */
static struct {
	dev_t	 dev;
	ino_t	 ino;
	pid_t	 pid;
} store_opened[STORE_MAX_OPEN];

static int
store_registry(const char *home, int add, int remove)
{
	struct stat sb;
	int i, free_slot = -1;

	if (stat(home, &sb) != 0)
		return 0;
	for (i = 0; i < STORE_MAX_OPEN; i++) {
		if (store_opened[i].pid == 0 || store_opened[i].pid != getpid()) {
			if (free_slot < 0)
				free_slot = i;
			continue;
		}
		if (store_opened[i].dev == sb.st_dev &&
		    store_opened[i].ino == sb.st_ino) {
			if (remove)
				store_opened[i].pid = 0;
			return 1;
		}
	}
	if (add && free_slot >= 0) {
		store_opened[free_slot].dev = sb.st_dev;
		store_opened[free_slot].ino = sb.st_ino;
		store_opened[free_slot].pid = getpid();
	}
	return 0;
}

static enum status
store_mkdir_one(const char *path)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return STATUS_OK;
	log_error("store: mkdir %s: %s", path, strerror(errno));
	return env_status(errno);
}

int
store_open_here(const char *home)
{
	return store_registry(home, 0, 0);
}

enum status
store_mkdir(const char *path)
{
	char *p = xstrdup(path), *s = p;
	enum status rc = STATUS_OK;

	/* Each leading component, then the whole path. */
	while (rc == STATUS_OK && (s = strchr(s + 1, '/')) != NULL) {
		*s = '\0';
		rc = store_mkdir_one(p);
		*s = '/';
	}
	if (rc == STATUS_OK)
		rc = store_mkdir_one(p);
	free(p);
	return rc;
}

/* Could NAME be a file of a workspace, or of one being created? */
static int
store_name_ours(const char *name)
{
	size_t n = strlen(name);

	return strncmp(name, "__db.", 5) == 0 || strncmp(name, "log.", 4) == 0 ||
	    strncmp(name, "eseal.", 6) == 0 ||
	    (n > 3 && strcmp(name + n - 3, ".db") == 0);
}

/* Non-zero when DIR is missing or holds nothing but what may precede a
 * workspace (or, with OURS, the files of one whose creation was cut
 * short). */
static int
store_dir_holds_nothing(const char *dir, int ours)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	int empty = 1;

	if (d == NULL)
		return errno == ENOENT;
	while (empty && (e = readdir(d)) != NULL)
		empty = strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0 ||
		    strcmp(e->d_name, "lost+found") == 0 ||
		    strcmp(e->d_name, STORE_LOCK_FILE) == 0 ||
		    (ours && store_name_ours(e->d_name));
	closedir(d);
	return empty;
}

int
store_dir_empty(const char *dir)
{
	return store_dir_holds_nothing(dir, 0);
}

static enum status
store_stat(const char *dir, const char *file, int *exists)
{
	char *path = xasprintf("%s/%s", dir, file);
	struct stat sb;
	int err;

	*exists = stat(path, &sb) == 0;
	err = errno;
	free(path);
	if (*exists || err == ENOENT)
		return STATUS_OK;
	return env_status(err);
}

/*
 * Is HOME a workspace?  *CREATING is set when STORE_CREATE has to make
 * one.  Nothing is written to a directory that is not a workspace.
 */
enum status
store_check_home(const char *home, unsigned flags, int *creating)
{
	struct stat sb;
	enum status rc;
	int exists;

	*creating = 0;
	if (stat(home, &sb) != 0) {
		if (errno != ENOENT || !(flags & STORE_CREATE))
			return env_status(errno);
		if ((rc = store_mkdir(home)) != STATUS_OK)
			return rc;
	} else if (!S_ISDIR(sb.st_mode)) {
		return STATUS_NO_WORKSPACE;
	}

	if ((rc = store_stat(home, STORE_RESTORING_FILE, &exists)) != STATUS_OK)
		return rc;
	if (exists) {
		log_error("store: a restore into %s was interrupted", home);
		return STATUS_CORRUPT;
	}
	if ((rc = store_stat(home, STORE_CONTROL_FILE, &exists)) != STATUS_OK)
		return rc;
	if (exists)
		return STATUS_OK;
	if (!(flags & STORE_CREATE))
		return STATUS_NO_WORKSPACE;
	if (!store_dir_holds_nothing(home, 1))
		return STATUS_DIR_NOT_EMPTY;
	*creating = 1;
	return STATUS_OK;
}

/* Open FILE (created with FLAGS' DB_CREATE when missing, then
 * prefix-compressed when COMPRESS: prefix.c). */
enum status
store_open_db(struct store *st, DB_TXN *txn, const char *file,
    u_int32_t pagesize, u_int32_t flags, int compress, DB **out)
{
	DB *db;
	int ret;

	*out = NULL;
	if ((ret = db_create(&db, st->env, 0)) != 0)
		return env_fail(ret, "creating a handle for", file);
	if (st->flags & STORE_RDONLY)
		flags |= DB_RDONLY;
	if (txn == NULL)
		flags |= DB_AUTO_COMMIT;
	/* Checksums make a damaged page an error instead of garbage that
	 * the btree code would follow. */
	if ((ret = db->set_flags(db, DB_CHKSUM)) != 0 ||
	    (ret = db->set_pagesize(db, pagesize)) != 0 ||
	    (compress && (ret = prefix_configure(st, db, file, flags)) != 0) ||
	    (ret = db->open(db, txn, file, NULL, DB_BTREE, flags, 0600)) != 0) {
		db->close(db, 0);
		if (ret == ENOENT || ret == EINVAL) {
			log_error("store: %s is missing or not a database "
			    "file (%s)", file, db_strerror(ret));
			return STATUS_CORRUPT;
		}
		return env_fail(ret, "opening", file);
	}
	*out = db;
	return STATUS_OK;
}

void
store_close_dbs(struct store *st)
{
	unsigned i;

	for (i = 0; i < IDX__COUNT; i++) {
		if (st->index_db[i] != NULL)
			st->index_db[i]->close(st->index_db[i], DB_NOSYNC);
		st->index_db[i] = NULL;
	}
	for (i = 0; i < REC__COUNT; i++) {
		if (st->kind_db[i] != NULL)
			st->kind_db[i]->close(st->kind_db[i], DB_NOSYNC);
		st->kind_db[i] = NULL;
	}
	if (st->control != NULL)
		st->control->close(st->control, DB_NOSYNC);
	st->control = NULL;
	prefix_close(st);
}

/* Open every record and index file (inside TXN when creating them). */
static enum status
store_open_all(struct store *st, DB_TXN *txn, u_int32_t flags)
{
	const struct index_def *d;
	enum status rc;
	char *file;
	unsigned i;

	for (i = 0; i < REC__COUNT; i++) {
		if (st->kind_damaged[i])
			continue;
		file = xasprintf("%s.db", rec_kind_name((enum rec_kind) i));
		rc = store_open_db(st, txn, file, i == REC_VERSION ?
		    STORE_VERSION_PAGE : STORE_KIND_PAGE, flags, 0,
		    &st->kind_db[i]);
		free(file);
		if (rc != STATUS_OK && !(st->flags & STORE_SALVAGE))
			return rc;
		if (rc != STATUS_OK)
			st->kind_damaged[i] = 1;
		if (rc == STATUS_RECOVER)
			return rc;
	}
	for (i = 0; i < IDX__COUNT; i++) {
		d = index_def_of((enum store_index) i);
		if (st->index_damaged[i])
			continue;
		rc = store_open_db(st, txn, d->file, STORE_INDEX_PAGE, flags,
		    prefix_wanted(d), &st->index_db[i]);
		if (rc != STATUS_OK && !(st->flags & STORE_SALVAGE))
			return rc;
		if (rc != STATUS_OK)
			st->index_damaged[i] = 1;
		if (rc == STATUS_RECOVER)
			return rc;
	}
	return STATUS_OK;
}

/*
 * A new workspace, in two transactions so that a creation cut short can
 * simply be run again: first every record and index file (opened if a
 * previous attempt left it), then control.db with the schema version.
 * control.db is what makes the directory a workspace.
 */
static enum status
store_create_files(struct store *st)
{
	struct store_txn t = { st, NULL, STORE_WRITE, 0 };
	enum status rc;
	int ret, step;

	for (step = 0; step < 2; step++) {
		t.dberr = 0;
		ret = st->env->txn_begin(st->env, NULL, &t.txn, DB_TXN_NOWAIT);
		if (ret != 0)
			return env_fail(ret, "creating the workspace in",
			    st->home);
		if (step == 0)
			rc = store_open_all(st, t.txn, DB_CREATE);
		else if ((rc = store_open_db(st, t.txn, STORE_CONTROL_FILE,
		    STORE_INDEX_PAGE, DB_CREATE | DB_EXCL, 0, &st->control)) ==
		    STATUS_OK)
			rc = control_put_schema(&t, schema_current());
		if (rc != STATUS_OK || t.dberr != 0) {
			store_close_dbs(st);
			t.txn->abort(t.txn);
			return rc != STATUS_OK ? rc : env_status(t.dberr);
		}
		if ((ret = t.txn->commit(t.txn, 0)) != 0) {
			store_close_dbs(st);
			return env_fail(ret, "creating the workspace in",
			    st->home);
		}
	}
	st->schema = schema_current();
	log_info("store: created a workspace in %s", st->home);
	return STATUS_OK;
}

static enum status
store_read_schema(struct store *st)
{
	struct store_txn t = { st, NULL, STORE_READ, 0 };
	enum status rc;
	int ret;

	ret = st->env->txn_begin(st->env, NULL, &t.txn,
	    DB_READ_COMMITTED | DB_TXN_NOWAIT);
	if (ret != 0)
		return env_fail(ret, "reading the schema of", st->home);
	rc = control_get_schema(&t, &st->schema);
	t.txn->commit(t.txn, 0);
	return rc;
}

/*
 * Open the files of an existing workspace.  Files that a newer schema
 * adds are created while upgrading; the upgrade itself runs in store_open.
 */
enum status
store_open_dbs(struct store *st, int create)
{
	enum status rc;
	u_int32_t flags = 0;

	if (create)
		return store_create_files(st);
	rc = store_open_db(st, NULL, STORE_CONTROL_FILE, STORE_INDEX_PAGE, 0, 0,
	    &st->control);
	if (rc == STATUS_OK)
		rc = store_read_schema(st);
	if (rc != STATUS_OK)
		return rc;
	if (st->schema > schema_current()) {
		log_error("store: %s has schema %u; this program knows up to %u",
		    st->home, st->schema, schema_current());
		return STATUS_SCHEMA_NEWER;
	}
	/* A backup copies the files as they are: the indexes an upgrade
	 * would add may be missing, and none is read. */
	if (st->flags & STORE_FILES)
		return STATUS_OK;
	/* Read-only, an older workspace is only told so: the files its
	 * upgrade would add are missing, not damaged (check, salvaging,
	 * looks at what it has). */
	if (st->schema < schema_current() &&
	    (st->flags & (STORE_RDONLY | STORE_SALVAGE)) == STORE_RDONLY)
		return STATUS_SCHEMA_OLDER;
	if (st->schema < schema_current())
		flags = DB_CREATE;
	return store_open_all(st, NULL, flags);
}

/*
 * Let go of an environment without touching it: closing a handle takes
 * mutexes in its regions, and a process killed inside the library may
 * hold one for ever (env.c).
 *
 * XXX: the abandoned handles keep their memory and file descriptors
 * (about forty, and a few MiB of mappings) until the process exits.  It
 * happens only after a process died holding the workspace lock; a
 * program that lives through many of those would want to re-exec itself.
 */
static void
store_abandon(struct store *st)
{
	if (st->env == NULL)
		return;
	log_warn("store: leaving the old environment of %s behind", st->home);
	memset(st->kind_db, 0, sizeof st->kind_db);
	memset(st->index_db, 0, sizeof st->index_db);
	st->control = NULL;
	st->env = NULL;
}

/* Give up the environment altogether (lock held): nothing of it is
 * touched, its regions go, and every other process is told to reopen. */
static void
store_forget(struct store *st)
{
	store_abandon(st);
	env_remove_regions(st);
}

/* The environment and every file (created when CREATING).  A file so
 * damaged that opening it panics the environment is left out when
 * salvaging, and makes the open fail (STATUS_CORRUPT) otherwise. */
static enum status
store_attach(struct store *st, int creating)
{
	enum status rc;
	unsigned i;

	for (i = 0; i <= REC__COUNT + IDX__COUNT; i++) {
		store_prepare(st);
		if ((rc = env_open(st)) != STATUS_OK)
			return rc;
		rc = store_open_dbs(st, creating);
		if (rc != STATUS_RECOVER)
			return rc;
		store_forget(st);
		if (!(st->flags & STORE_SALVAGE))
			return STATUS_CORRUPT;	/* damaged, not crashed */
	}
	return STATUS_CORRUPT;
}

enum status
store_reopen(struct store *st)
{
	store_forget(st);
	log_info("store: reopening %s with recovery", st->home);
	return store_attach(st, 0);
}

enum status
store_sync(struct store *st)
{
	if (st->lock.crashed) {
		store_forget(st);
	} else if (st->env != NULL && st->gen != st->lock.gen) {
		log_info("store: %s was recovered by another process", st->home);
		store_abandon(st);
	} else if (st->env != NULL && !regions_sound(st)) {
		store_forget(st);	/* a damaged region: recover */
	}
	return st->env != NULL ? STATUS_OK : store_attach(st, 0);
}

static void
store_free(struct store *st)
{
	if (st == NULL)
		return;
	store_close_dbs(st);
	env_close(st);
	wslock_release(&st->lock);
	holders_leave(st);
	free(st->home);
	free(st);
}

/* Environment, files, schema: all under the workspace lock. */
static enum status
store_open_locked(struct store *st, int creating)
{
	enum status rc;

	/* Recovery removes the dead holder's regions; in a folder this
	 * process may not write they would stay, and joining them would
	 * wait for ever on a mutex the dead process held. */
	if (st->lock.crashed && access(st->home, W_OK) != 0)
		return STATUS_RECOVER_READONLY;
	if (st->lock.crashed)
		store_forget(st);
	if ((rc = store_attach(st, creating)) != STATUS_OK)
		return rc;
	if (st->schema < schema_current() && !(st->flags & STORE_FILES)) {
		if (st->flags & STORE_RDONLY)
			return STATUS_SCHEMA_OLDER;
		rc = schema_upgrade(st);
	}
	/* A compaction the upgrade noted, or one a crash cut short. */
	if (rc == STATUS_OK && !(st->flags & (STORE_RDONLY | STORE_SALVAGE)))
		pack_compact(st);
	return rc;
}

enum status
store_open(const char *home, unsigned flags, struct store **out)
{
	struct store *st;
	enum status rc;
	int creating;

	*out = NULL;
	if (home == NULL || *home == '\0' ||
	    ((flags & STORE_CREATE) && (flags & STORE_RDONLY)) ||
	    ((flags & STORE_FILES) && !(flags & STORE_RDONLY)))
		return STATUS_INVALID;
	if ((rc = store_check_home(home, flags, &creating)) != STATUS_OK)
		return rc;
	if (store_registry(home, 0, 0)) {
		log_error("store: %s is already open in this process", home);
		return STATUS_INVALID;
	}

	st = xcalloc(1, sizeof *st);
	st->home = xstrdup(home);
	st->flags = flags;
	st->pid = getpid();
	st->holder_fd = -1;
	st->lock.fd = -1;
	if ((rc = holders_join(st)) == STATUS_OK &&
	    (rc = wslock_take(home, &st->lock)) == STATUS_OK)
		rc = store_open_locked(st, creating);
	if (rc != STATUS_OK) {
		store_free(st);
		return rc;
	}
	wslock_release(&st->lock);
	store_registry(home, 1, 0);
	*out = st;
	return STATUS_OK;
}

/* Close even when the lock cannot be had (the process is going), but
 * then, or when the environment is not sound, touch nothing of it. */
void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->pid != getpid()) {
		/* A forked child's copy: the handles belong to the parent. */
		free(st->home);
		free(st);
		return;
	}
	store_registry(st->home, 0, 1);
	if (wslock_take(st->home, &st->lock) != STATUS_OK)
		store_abandon(st);
	else if (st->lock.crashed)
		store_forget(st);
	else if (st->env != NULL && st->gen != st->lock.gen)
		store_abandon(st);
	else if (st->env != NULL && env_failchk(st) == STATUS_RECOVER)
		store_forget(st);
	else if (!(st->flags & STORE_RDONLY))
		env_checkpoint(st, 1);
	store_free(st);
}

const char *
store_home(const struct store *st)
{
	return st->home;
}

/* -- Transactions --------------------------------------------------------- */

enum store_again { AGAIN_NO, AGAIN_RETRY, AGAIN_RECOVER };

static enum store_again
store_again_for(int ret)
{
	switch (ret) {
	case DB_LOCK_DEADLOCK:
	case DB_LOCK_NOTGRANTED:
		return AGAIN_RETRY;
	case DB_RUNRECOVERY:
		return AGAIN_RECOVER;
	default:
		return AGAIN_NO;
	}
}

/*
 * One attempt.  A failed commit is never retried: the commit record may
 * have reached the log before the failure, and running FN again would
 * then apply it twice.  The caller sees the error; the next store_run
 * reopens the environment if it was left needing recovery.
 */
static enum status
store_run_once(struct store *st, enum store_mode mode, store_txn_fn fn,
    void *arg, enum store_again *again)
{
	struct store_txn t = { st, NULL, mode, 0 };
	/* Writers too read at degree 2: the workspace lock lets one
	 * process at a time into the environment, so a read lock kept to
	 * the commit guards against nothing, and a write that reads a
	 * whole kind would keep one on each of its pages. */
	u_int32_t flags = DB_TXN_NOWAIT | DB_READ_COMMITTED;
	enum status rc;
	int ret;

	*again = AGAIN_NO;
	if ((rc = env_failchk(st)) != STATUS_OK) {
		*again = rc == STATUS_RECOVER ? AGAIN_RECOVER : AGAIN_NO;
		return rc;
	}
	if ((ret = st->env->txn_begin(st->env, NULL, &t.txn, flags)) != 0) {
		*again = store_again_for(ret);
		return env_fail(ret, "beginning a transaction in", st->home);
	}

	rc = fn(&t, arg);
	if (t.dberr != 0 || rc != STATUS_OK) {
		if ((ret = t.txn->abort(t.txn)) != 0 && t.dberr == 0)
			t.dberr = ret;
		*again = store_again_for(t.dberr);
		return rc != STATUS_OK ? rc : env_status(t.dberr);
	}
	if ((ret = t.txn->commit(t.txn, 0)) != 0)
		return env_fail(ret, "committing in", st->home);
	if (mode == STORE_WRITE)
		env_checkpoint(st, 0);
	return STATUS_OK;
}

static void
store_backoff(unsigned attempt, unsigned *seed)
{
	struct timespec ts;
	long us = 1000L << (attempt < 5 ? attempt : 5);

	us = (long) (rand_r(seed) % (unsigned) us) + 200;
	ts.tv_sec = 0;
	ts.tv_nsec = us * 1000;
	nanosleep(&ts, NULL);
}

/* After a full disk, write only once the pages can be flushed again. */
static enum status
store_space_ok(struct store *st, enum store_mode mode)
{
	if (mode != STORE_WRITE || !st->no_space)
		return STATUS_OK;
	return env_checkpoint(st, 1);
}

enum status
store_run(struct store *st, enum store_mode mode, store_txn_fn fn,
    void *arg)
{
	unsigned seed = (unsigned) getpid() ^ (unsigned) clock();
	enum store_again again = AGAIN_NO;
	unsigned attempt, recovered = 0;
	enum status rc;

	if (st->in_run || st->pid != getpid() ||
	    (mode == STORE_WRITE && (st->flags & STORE_RDONLY))) {
		log_error("store: store_run misused (nested, after fork, or a "
		    "write on a read-only store)");
		return STATUS_INVALID;
	}
	if (st->batch != NULL)
		return store_batch_run(st, mode, fn, arg);
	if ((rc = wslock_take(st->home, &st->lock)) != STATUS_OK)
		return rc;
	st->in_run = 1;

	if ((rc = regions_space(st)) == STATUS_OK &&
	    (rc = store_sync(st)) == STATUS_OK)
		rc = store_space_ok(st, mode);
	for (attempt = 0; rc == STATUS_OK; attempt++) {
		rc = store_run_once(st, mode, fn, arg, &again);
		if (again == AGAIN_NO || attempt + 1 >= STORE_ATTEMPTS)
			break;
		if (again == AGAIN_RETRY) {
			store_backoff(attempt, &seed);
			rc = STATUS_OK;
		} else if (recovered++ > 0) {
			rc = STATUS_CORRUPT;	/* again: damage, not a crash */
		} else {
			rc = store_reopen(st);
		}
	}

	st->in_run = 0;
	wslock_release(&st->lock);
	return rc;
}
