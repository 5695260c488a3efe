/*
 * import_file.c -- reading a document file for the import: the same
 * reading for the Documents screen and for esealctl, so both refuse the
 * same files with the same words.
 *
 * Reads at most one byte more than the import accepts, so that a huge
 * file is refused as too large without being read whole.  This file
 * must not parse (import.c does) nor record anything.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/import.h"

/* Up to IMPORT_MAX_BYTES + 1 bytes of FD into *DATA (malloc'd). */
static enum status
import_file_slurp(int fd, char **data, size_t *n)
{
	size_t cap = IMPORT_MAX_BYTES + 1;
	ssize_t got;

	*data = xmalloc(cap);
	*n = 0;
	while (*n < cap) {
		got = read(fd, *data + *n, cap - *n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			free(*data);
			*data = NULL;
			return status_from_errno(errno);
		}
		if (got == 0)
			break;
		*n += (size_t) got;
	}
	return STATUS_OK;
}

enum status
import_fd(int fd, struct doc_content *c, enum import_encoding *enc,
    struct import_error *err)
{
	enum status rc;
	char *data;
	size_t n;

	memset(err, 0, sizeof *err);
	doc_content_init(c);
	*enc = IMPORT_UTF8;
	if ((rc = import_file_slurp(fd, &data, &n)) != STATUS_OK)
		return rc;

	rc = import_parse(data, n, c, enc, err);
	free(data);
	return rc;
}

/* Why PATH, opened as FD, is not a file to import, or STATUS_OK. */
static enum status
import_file_kind(int fd, struct import_error *err)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0)
		return status_from_errno(errno);
	if (S_ISREG(sb.st_mode))
		return STATUS_OK;
	err->what = S_ISDIR(sb.st_mode) ? _("that is a folder, not a file") :
	    _("that is not a regular file (a device or a pipe)");
	return STATUS_IO;
}

enum status
import_file(const char *path, struct doc_content *c,
    enum import_encoding *enc, struct import_error *err)
{
	enum status rc;
	int fd;

	memset(err, 0, sizeof *err);
	doc_content_init(c);
	*enc = IMPORT_UTF8;
	/* Non-blocking: opening a FIFO must not wait for a writer. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? STATUS_NO_FILE :
		    status_from_errno(errno);
	if ((rc = import_file_kind(fd, err)) == STATUS_OK)
		rc = import_fd(fd, c, enc, err);
	close(fd);
	return rc;
}
