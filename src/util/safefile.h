/*
 * safefile.h -- writing files onto a medium that may fill up, be
 * read-only or be pulled out, so that a file under its final name is
 * always whole.
 *
 * Each file is written under a temporary name (".NAME.part"), flushed
 * with fsync, renamed into place and its directory flushed; a failure
 * removes the temporary file when the medium still allows it.  The
 * directory is held open, and its path checked again before anything is
 * declared done: after a medium is unmounted (even lazily, which lets
 * writes go on into the detached file system) the path leads elsewhere,
 * and that is STATUS_MEDIUM_GONE.
 *
 * Errors: STATUS_NO_SPACE (full, or over the file-size limit),
 * STATUS_READ_ONLY, STATUS_PERM_FS, STATUS_MEDIUM_GONE (unmounted, or the
 * device went away: EIO, ENODEV, ENXIO), STATUS_IO otherwise.
 */
#ifndef ESEAL_UTIL_SAFEFILE_H
#define ESEAL_UTIL_SAFEFILE_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/status.h"

/* A directory held open; PATH is how it was reached. */
struct safefile_dir {
	int		 fd;
	char		*path;
	uint64_t	 dev;
	uint64_t	 ino;
};

/* Open the existing directory PATH into D (-1 fd on failure). */
enum status safefile_dir_open(const char *path, struct safefile_dir *d);
void safefile_dir_close(struct safefile_dir *d);

/* Create the directory NAME (mode 0755) in PARENT, flush PARENT, and
 * open it into CHILD.  STATUS_EXISTS when NAME is there already. */
enum status safefile_mkdir(struct safefile_dir *parent, const char *name,
    struct safefile_dir *child);

/* STATUS_OK while D's path still leads to the directory that was
 * opened; STATUS_MEDIUM_GONE when the medium was unmounted. */
enum status safefile_dir_present(const struct safefile_dir *d);

/* Write N bytes at DATA to D/NAME as described above, replacing NAME. */
enum status safefile_write(struct safefile_dir *d, const char *name,
    const void *data, size_t n);

/* Rename FROM to TO inside D and flush D. */
enum status safefile_rename(struct safefile_dir *d, const char *from,
    const char *to);

/*
 * Read D/NAME back through its path into OUT (appended), asking the
 * kernel to drop its cached pages first so that what is read comes from
 * the medium where it can.  STATUS_MEDIUM_GONE when the path now leads
 * to another file system.
 */
enum status safefile_read_back(const struct safefile_dir *d, const char *name,
    struct buf *out);

/* Remove D/NAME, a directory of plain files (a failed export's
 * staging), as far as the medium allows; errors are only logged. */
void safefile_remove_dir(struct safefile_dir *d, const char *name);

/* The status for errno ERR while writing to a medium. */
enum status safefile_status(int err);

#endif
