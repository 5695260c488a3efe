/*
 * safefile.c -- temporary name, fsync, rename, fsync of the directory,
 * and reading back through the path (see safefile.h).
 *
 * It must never leave a partial file under a final name, and never
 * report success for a directory whose path no longer leads to it.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"
#include "util/safefile.h"

#define SAFEFILE_CHUNK	(64 * 1024)

enum status
safefile_status(int err)
{
	switch (err) {
	case EIO:
	case ENODEV:
	case ENXIO:
	case ESTALE:
		return STATUS_MEDIUM_GONE;
	default:
		return status_from_errno(err);
	}
}

/* A write over the file-size limit must fail with EFBIG, not kill the
 * program with SIGXFSZ while a medium is half written. */
static void
safefile_ignore_xfsz(void)
{
	struct sigaction sa;

	if (sigaction(SIGXFSZ, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) {
		sa.sa_handler = SIG_IGN;
		sigaction(SIGXFSZ, &sa, NULL);
	}
}

static enum status
safefile_dir_fill(int fd, const char *path, struct safefile_dir *d)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0) {
		close(fd);
		return safefile_status(errno);
	}
	d->fd = fd;
	d->path = xstrdup(path);
	d->dev = (uint64_t) sb.st_dev;
	d->ino = (uint64_t) sb.st_ino;
	return STATUS_OK;
}

enum status
safefile_dir_open(const char *path, struct safefile_dir *d)
{
	int fd;

	memset(d, 0, sizeof *d);
	d->fd = -1;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return safefile_status(errno);
	return safefile_dir_fill(fd, path, d);
}

void
safefile_dir_close(struct safefile_dir *d)
{
	if (d->fd >= 0)
		close(d->fd);
	free(d->path);
	d->fd = -1;
	d->path = NULL;
}

enum status
safefile_dir_present(const struct safefile_dir *d)
{
	struct stat sb;

	if (stat(d->path, &sb) != 0 || (uint64_t) sb.st_dev != d->dev ||
	    (uint64_t) sb.st_ino != d->ino)
		return STATUS_MEDIUM_GONE;
	return STATUS_OK;
}

enum status
safefile_mkdir(struct safefile_dir *parent, const char *name,
    struct safefile_dir *child)
{
	char *path;
	enum status st;
	int fd;

	memset(child, 0, sizeof *child);
	child->fd = -1;
	if (mkdirat(parent->fd, name, 0755) != 0)
		return safefile_status(errno);
	if (fsync(parent->fd) != 0)
		return safefile_status(errno);
	fd = openat(parent->fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return safefile_status(errno);
	path = xasprintf("%s/%s", parent->path, name);
	st = safefile_dir_fill(fd, path, child);
	free(path);
	return st;
}

/* Write all N bytes to FD, in chunks so a full medium fails early. */
static enum status
safefile_write_all(int fd, const unsigned char *p, size_t n)
{
	size_t chunk;
	ssize_t w;

	while (n > 0) {
		chunk = n < SAFEFILE_CHUNK ? n : SAFEFILE_CHUNK;
		w = write(fd, p, chunk);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return safefile_status(errno);
		if (w == 0)
			return STATUS_NO_SPACE;
		p += w;
		n -= (size_t) w;
	}
	return STATUS_OK;
}

enum status
safefile_write(struct safefile_dir *d, const char *name, const void *data,
    size_t n)
{
	char *tmp = xasprintf(".%s.part", name);
	enum status st;
	int fd;

	safefile_ignore_xfsz();
	fd = openat(d->fd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644);
	if (fd < 0) {
		st = safefile_status(errno);
		goto out;
	}
	st = safefile_write_all(fd, data, n);
	if (st == STATUS_OK && fsync(fd) != 0)
		st = safefile_status(errno);
	if (close(fd) != 0 && st == STATUS_OK)
		st = safefile_status(errno);
	if (st == STATUS_OK)
		st = safefile_rename(d, tmp, name);
	if (st != STATUS_OK && unlinkat(d->fd, tmp, 0) != 0 && errno != ENOENT)
		log_warn("safefile: could not remove %s/%s: %s", d->path, tmp,
		    strerror(errno));
out:
	if (st != STATUS_OK)
		log_error("safefile: writing %s/%s: %s", d->path, name,
		    status_name(st));
	free(tmp);
	return st;
}

enum status
safefile_rename(struct safefile_dir *d, const char *from, const char *to)
{
	if (renameat(d->fd, from, d->fd, to) != 0)
		return safefile_status(errno);
	if (fsync(d->fd) != 0)
		return safefile_status(errno);
	return STATUS_OK;
}

static enum status
safefile_read_fd(int fd, struct buf *out)
{
	unsigned char chunk[SAFEFILE_CHUNK];
	ssize_t r;

	for (;;) {
		r = read(fd, chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return safefile_status(errno);
		if (r == 0)
			return STATUS_OK;
		buf_add(out, chunk, (size_t) r);
	}
}

enum status
safefile_read_back(const struct safefile_dir *d, const char *name,
    struct buf *out)
{
	char *path = xasprintf("%s/%s", d->path, name);
	enum status st;
	struct stat sb;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return errno == ENOENT ? STATUS_MEDIUM_GONE :
		    safefile_status(errno);
	if (fstat(fd, &sb) != 0 || (uint64_t) sb.st_dev != d->dev) {
		close(fd);
		return STATUS_MEDIUM_GONE;
	}
	/* The pages were flushed by fsync; dropping them makes the read
	 * go to the medium (the kernel may keep some anyway). */
	(void) posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	st = safefile_read_fd(fd, out);
	close(fd);
	return st;
}

void
safefile_remove_dir(struct safefile_dir *d, const char *name)
{
	struct dirent *e;
	DIR *dir;
	int fd;

	fd = openat(d->fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0 && (dir = fdopendir(fd)) != NULL) {
		while ((e = readdir(dir)) != NULL)
			if (strcmp(e->d_name, ".") != 0 &&
			    strcmp(e->d_name, "..") != 0)
				(void) unlinkat(dirfd(dir), e->d_name, 0);
		closedir(dir);
	} else if (fd >= 0) {
		close(fd);
	}
	if (unlinkat(d->fd, name, AT_REMOVEDIR) != 0 && errno != ENOENT)
		log_warn("safefile: could not remove %s/%s: %s", d->path, name,
		    strerror(errno));
	else
		(void) fsync(d->fd);
}
