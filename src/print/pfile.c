/*
 * pfile.c -- writing a file of the print layer (a copy in a printer's
 * folder, a kept original) so that it is whole or absent: nobody, not
 * even after a power cut, finds half a copy under the final name.
 *
 * It must not follow a symbolic link planted under the temporary name
 * (mkstemp makes a new file) nor leave its temporary file behind on
 * failure.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "print/print_int.h"

static enum status
pfile_errno(const char *what, const char *path)
{
	int err = errno;

	log_error("print: %s %s: %s", what, path, strerror(err));
	return status_from_errno(err);
}

static enum status
pfile_write_all(int fd, const unsigned char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return status_from_errno(w < 0 ? errno : ENOSPC);
		p += w;
		n -= (size_t) w;
	}
	return STATUS_OK;
}

/* Flush the directory DIR, so that a rename in it survives a crash. */
static enum status
pfile_sync_dir(const char *dir)
{
	enum status rc = STATUS_OK;
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return pfile_errno("open", dir);
	if (fsync(fd) != 0 && errno != EINVAL)
		rc = pfile_errno("fsync", dir);
	close(fd);
	return rc;
}

/* Write DATA whole as DIR/NAME; when HELD is not NULL, the file is
 * locked (flock) before it takes its name, and *HELD is left open with
 * the lock, so that nobody ever sees the name unlocked while we live. */
static enum status
pfile_write(const char *dir, const char *name, const void *data, size_t n,
    unsigned mode, int *held)
{
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, name);
	char *path = xasprintf("%s/%s", dir, name);
	enum status rc;
	int fd;

	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		rc = pfile_errno("create", tmp);
		goto out;
	}
	rc = pfile_write_all(fd, data, n);
	if (rc == STATUS_OK && fchmod(fd, (mode_t) mode) != 0)
		rc = pfile_errno("chmod", tmp);
	if (rc == STATUS_OK && fsync(fd) != 0)
		rc = pfile_errno("fsync", tmp);
	if (rc == STATUS_OK && held != NULL && flock(fd, LOCK_EX | LOCK_NB))
		rc = pfile_errno("lock", tmp);
	if (held == NULL && close(fd) != 0 && rc == STATUS_OK)
		rc = pfile_errno("close", tmp);
	if (rc == STATUS_OK && rename(tmp, path) != 0)
		rc = pfile_errno("rename", path);
	if (rc != STATUS_OK)
		unlink(tmp);
	else
		rc = pfile_sync_dir(dir);
	if (held != NULL && rc != STATUS_OK)
		close(fd);
	else if (held != NULL)
		*held = fd;
out:
	free(tmp);
	free(path);
	return rc;
}

enum status
pfile_save(const char *dir, const char *name, const void *data, size_t n,
    unsigned mode)
{
	return pfile_write(dir, name, data, n, mode, NULL);
}

enum status
pfile_save_held(const char *dir, const char *name, const void *data,
    size_t n, unsigned mode, int *held)
{
	*held = -1;
	return pfile_write(dir, name, data, n, mode, held);
}

enum status
pfile_load(const char *path, struct buf *out)
{
	unsigned char chunk[65536];
	enum status rc = STATUS_OK;
	size_t n;
	FILE *f;

	if ((f = fopen(path, "rbe")) == NULL)
		return errno == ENOENT ? STATUS_NOT_FOUND :
		    status_from_errno(errno);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(out, chunk, n);
	if (ferror(f))
		rc = status_from_errno(errno);
	fclose(f);
	return rc;
}
