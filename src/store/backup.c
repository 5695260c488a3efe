/*
 * backup.c -- hot backup of a live workspace into a folder, and restoring
 * such a folder into a workspace.
 *
 * A backup is taken with the workspace lock held (other processes wait,
 * see env.c): a forced checkpoint, then Berkeley DB's own hot backup
 * (DB_ENV->backup: the data files, then the log files), every file synced,
 * and last a small text file, eseal-backup, that marks the folder as a
 * complete backup -- a folder without it (an interrupted backup) is never
 * restored.  The database and log files are copied, and the files other
 * layers keep beside them (STORE_KEPT_DIR: the sealed originals, which a
 * restored workspace could otherwise only draw again with the same
 * fonts); the audit key's unwrapping secret stays on the machine
 * (audit_key.c says why).  No record or index file need be open
 * (STORE_FILES): a workspace of an older schema, whose upgrade would add
 * index files, is backed up as it is, so that it can be backed up
 * before its upgrade by the program that upgrades it.
 *
 * A restore refuses a directory that holds anything unless forced.  It
 * marks the directory "restore-incomplete" (store_open refuses such a
 * directory), replaces the database and log files and the regions, bumps
 * the lock's generation so that every process still using the old
 * environment reopens, runs catastrophic recovery on the new files,
 * removes the mark, and finally opens the result once, which also
 * upgrades a backup taken by an older version.  Files that are not
 * Berkeley DB's (the audit key's secret) are left in place.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/store_int.h"

#define BACKUP_MANIFEST		"eseal-backup"
#define BACKUP_MAGIC		"eseal backup\n"

/* The files a backup carries and a restore replaces. */
static int
backup_is_db_file(const char *name)
{
	size_t n = strlen(name);

	if (strncmp(name, "__db", 4) == 0)
		return 0;
	return strncmp(name, "log.", 4) == 0 ||
	    (n > 3 && strcmp(name + n - 3, ".db") == 0);
}

static enum status
backup_errno(const char *what, const char *path)
{
	int err = errno;

	log_error("store: %s %s: %s", what, path, strerror(err));
	return err == ENOENT ? STATUS_NOT_FOUND : env_status(err);
}

static enum status
backup_fsync_path(const char *path, int flags)
{
	enum status rc = STATUS_OK;
	int fd = open(path, flags | O_CLOEXEC);

	if (fd < 0)
		return backup_errno("opening", path);
	if (fsync(fd) != 0 && errno != EINVAL)
		rc = backup_errno("syncing", path);
	close(fd);
	return rc;
}

/* Sync every file in DIR, then DIR itself: a backup on removable media
 * must be on the medium when we say it is done. */
static enum status
backup_sync_dir(const char *dir)
{
	enum status rc = STATUS_OK;
	struct dirent *e;
	char *path;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return backup_errno("reading", dir);
	while (rc == STATUS_OK && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		rc = backup_fsync_path(path, O_RDONLY);
		free(path);
	}
	closedir(d);
	return rc == STATUS_OK ? backup_fsync_path(dir, O_RDONLY) : rc;
}

static enum status
backup_write_file(const char *path, const char *text)
{
	enum status rc = STATUS_OK;
	size_t n = strlen(text);
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return backup_errno("creating", path);
	if (write(fd, text, n) != (ssize_t) n || fsync(fd) != 0)
		rc = backup_errno("writing", path);
	if (close(fd) != 0 && rc == STATUS_OK)
		rc = backup_errno("writing", path);
	return rc;
}

static enum status
backup_copy_file(const char *from, const char *to)
{
	enum status rc = STATUS_OK;
	char buf[65536];
	ssize_t n;
	int in, out;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) < 0)
		return backup_errno("reading", from);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0) {
		close(in);
		return backup_errno("creating", to);
	}
	while (rc == STATUS_OK && (n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0 || write(out, buf, (size_t) n) != n)
			rc = backup_errno(n < 0 ? "reading" : "writing", to);
	}
	if (rc == STATUS_OK && fsync(out) != 0)
		rc = backup_errno("syncing", to);
	if (close(out) != 0 && rc == STATUS_OK)
		rc = backup_errno("writing", to);
	close(in);
	return rc;
}

/* Only an ordinary file of the kept folder is carried: a link there
 * (to a file outside the workspace, say) or anything else is left out,
 * so that a backup or restore never copies what it points to. */
static int
backup_kept_regular(DIR *d, const char *name)
{
	struct stat sb;

	if (fstatat(dirfd(d), name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(sb.st_mode))
		return 1;
	log_warn("store: %s/%s is not an ordinary file; left out",
	    STORE_KEPT_DIR, name);
	return 0;
}

/* Copy the folder of kept files (STORE_KEPT_DIR) of FROM into TO, file
 * by file, each synced; nothing to do when FROM has none.  A file of
 * the same name in TO is removed first, never written through. */
static enum status
backup_copy_kept(const char *from, const char *to)
{
	char *src = xasprintf("%s/%s", from, STORE_KEPT_DIR);
	char *dst = xasprintf("%s/%s", to, STORE_KEPT_DIR);
	enum status rc = STATUS_OK;
	struct dirent *e;
	char *a, *b;
	DIR *d;

	if ((d = opendir(src)) == NULL) {
		if (errno != ENOENT)
			rc = backup_errno("reading", src);
		goto out;
	}
	if (mkdir(dst, 0700) != 0 && errno != EEXIST)
		rc = backup_errno("creating", dst);
	while (rc == STATUS_OK && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !backup_kept_regular(d, e->d_name))
			continue;
		a = xasprintf("%s/%s", src, e->d_name);
		b = xasprintf("%s/%s", dst, e->d_name);
		if (unlink(b) != 0 && errno != ENOENT)
			rc = backup_errno("replacing", b);
		else
			rc = backup_copy_file(a, b);
		free(a);
		free(b);
	}
	closedir(d);
	if (rc == STATUS_OK)
		rc = backup_fsync_path(dst, O_RDONLY);
out:
	free(src);
	free(dst);
	return rc;
}

/* Refuse a target inside the workspace, one that holds files, and one
 * that is not a folder at all (a file, a device or a pipe, which would
 * otherwise be called a folder that is not empty). */
static enum status
backup_target(const char *home, const char *dir)
{
	char rhome[PATH_MAX], rdir[PATH_MAX];
	struct stat sb;
	enum status rc;
	size_t n;

	if (stat(dir, &sb) == 0 && !S_ISDIR(sb.st_mode))
		return STATUS_BACKUP_NOT_DIR;
	if (!store_dir_empty(dir))
		return STATUS_DIR_NOT_EMPTY;
	if ((rc = store_mkdir(dir)) != STATUS_OK)
		return rc;
	if (realpath(home, rhome) == NULL || realpath(dir, rdir) == NULL)
		return backup_errno("resolving", dir);
	n = strlen(rhome);
	if (strncmp(rhome, rdir, n) == 0 && (rdir[n] == '\0' || rdir[n] == '/')) {
		log_error("store: a backup cannot go inside the workspace");
		return STATUS_INVALID;
	}
	return STATUS_OK;
}

static enum status
backup_locked(struct store *st, const char *dir)
{
	char *path, *text;
	enum status rc;
	int ret;

	if ((rc = store_sync(st)) != STATUS_OK ||
	    (env_failchk(st) == STATUS_RECOVER &&
	    (rc = store_reopen(st)) != STATUS_OK))
		return rc;
	env_checkpoint(st, 1);
	if ((ret = st->env->backup(st->env, dir, DB_BACKUP_SINGLE_DIR)) != 0)
		return env_fail(ret, "backing up into", dir);
	if ((rc = backup_copy_kept(st->home, dir)) != STATUS_OK ||
	    (rc = backup_sync_dir(dir)) != STATUS_OK)
		return rc;

	path = xasprintf("%s/%s", dir, BACKUP_MANIFEST);
	text = xasprintf("%sschema: %u\ntime: %lld\n", BACKUP_MAGIC,
	    st->schema, (long long) time(NULL));
	rc = backup_write_file(path, text);
	free(text);
	free(path);
	return rc == STATUS_OK ? backup_fsync_path(dir, O_RDONLY) : rc;
}

enum status
store_backup(struct store *st, const char *dir)
{
	enum status rc;

	if (dir == NULL || *dir == '\0' || st->in_run)
		return STATUS_INVALID;
	if ((rc = backup_target(st->home, dir)) != STATUS_OK)
		return rc;
	if ((rc = wslock_take(st->home, &st->lock)) != STATUS_OK)
		return rc;
	rc = backup_locked(st, dir);
	wslock_release(&st->lock);
	if (rc == STATUS_OK)
		log_info("store: %s backed up into %s", st->home, dir);
	return rc;
}

/* -- Restore ------------------------------------------------------------- */

static enum status
restore_check_source(const char *dir)
{
	char *path = xasprintf("%s/%s", dir, BACKUP_MANIFEST);
	size_t len = strlen(BACKUP_MAGIC);
	char buf[64];
	ssize_t n = -1;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, sizeof buf - 1);
		close(fd);
	}
	free(path);
	if (fd < 0 && errno != ENOENT && errno != ENOTDIR)
		return env_status(errno);
	if (n < (ssize_t) len || memcmp(buf, BACKUP_MAGIC, len) != 0)
		return STATUS_NO_BACKUP;
	return STATUS_OK;
}

/* Copy (FROM set) or remove (FROM NULL) the database files of a folder. */
static enum status
restore_files(const char *from, const char *home)
{
	const char *dir = from != NULL ? from : home;
	enum status rc = STATUS_OK;
	char *src, *dst;
	struct dirent *e;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return backup_errno("reading", dir);
	while (rc == STATUS_OK && (e = readdir(d)) != NULL) {
		if (!backup_is_db_file(e->d_name) &&
		    (from != NULL || strncmp(e->d_name, "__db", 4) != 0))
			continue;	/* removing, the old regions go too */
		src = xasprintf("%s/%s", dir, e->d_name);
		dst = xasprintf("%s/%s", home, e->d_name);
		if (from != NULL)
			rc = backup_copy_file(src, dst);
		else if (unlink(dst) != 0 && errno != ENOENT)
			rc = backup_errno("removing", dst);
		free(src);
		free(dst);
	}
	closedir(d);
	return rc;
}

/* Every process that has the old workspace open learns from the lock's
 * generation that it must reopen (store_sync). */
static enum status
restore_locked(const char *dir, const char *home, struct wslock *lock)
{
	char *mark = xasprintf("%s/%s", home, STORE_RESTORING_FILE);
	enum status rc;

	if ((rc = backup_write_file(mark, "restoring\n")) == STATUS_OK &&
	    (rc = restore_files(NULL, home)) == STATUS_OK) {
		wslock_bump(lock);
		if ((rc = restore_files(dir, home)) == STATUS_OK)
			rc = backup_copy_kept(dir, home);
	}
	if (rc == STATUS_OK &&
	    (rc = env_recover_fatal(home)) == STATUS_OK) {
		if (unlink(mark) != 0)
			rc = backup_errno("removing", mark);
		else
			rc = backup_fsync_path(home, O_RDONLY);
	}
	free(mark);
	return rc;
}

enum status
store_restore(const char *dir, const char *home, int force)
{
	struct wslock lock = { -1, 0, 0, 0 };
	struct store *st;
	enum status rc;
	int holders = -1;

	if (dir == NULL || home == NULL || strcmp(dir, home) == 0)
		return STATUS_INVALID;
	if ((rc = restore_check_source(dir)) != STATUS_OK)
		return rc;
	if (!store_dir_empty(home) && !force)
		return STATUS_WORKSPACE_LIVE;
	if (store_open_here(home)) {
		log_error("store: close %s before restoring into it", home);
		return STATUS_INVALID;
	}
	/* Nobody may have the old files open while they are replaced. */
	if ((rc = store_mkdir(home)) != STATUS_OK ||
	    (rc = holders_exclude(home, &holders)) != STATUS_OK)
		return rc;
	if ((rc = wslock_take(home, &lock)) == STATUS_OK) {
		rc = restore_locked(dir, home, &lock);
		wslock_release(&lock);
	}
	close(holders);
	if (rc != STATUS_OK)
		return rc;

	log_info("store: %s restored from %s", home, dir);
	if ((rc = store_open(home, 0, &st)) == STATUS_OK)
		store_close(st);
	return rc;
}
