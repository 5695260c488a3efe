/*
 * regions.c -- are the environment's region files (__db.001, __db.002
 * ...) whole enough to be joined?  Berkeley DB maps each of them into
 * memory at the size it was made with; a region file cut shorter since
 * (a truncated copy, a full disk that stopped its creation half-way)
 * makes the first touch of a page past its end kill the process with
 * SIGBUS, inside the library, where no error can be returned.
 *
 * So the size of each region file is noted once the environment has
 * opened, and before any process joins the regions (or, holding them,
 * enters them again) the files are compared with the note: a file
 * missing, shorter than noted, or one the note does not know means the
 * regions are damaged, and the caller removes them and recovers from the
 * log, which is what a damaged region needs and loses nothing committed.
 * Region files never shrink while the environment lives (the cache
 * region's file grows), so a file larger than noted is sound.
 *
 * The note lives in the workspace lock file (wslock.c), after the
 * lock's own two numbers, each 8 bytes big-endian:
 *
 *	16	the number N of region files noted (0: no note);
 *	24	the size of __db.001, then of __db.002 ... up to N of them.
 *
 * It is written within the lock file's first block, so writing it needs
 * no new space on a full disk.  It outlives the regions' removal: the
 * next creation needs as much room (regions_room), and a creation cut
 * short leaves files smaller than noted.  Must be called with the
 * workspace lock held, and must never read or write a region file's
 * bytes: only its size and its blocks.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "store/store_int.h"

#define REGIONS_AT	16	/* the note's offset in the lock file */
#define REGIONS_MAX	32	/* more region files than 5.3 ever makes */
/* The regions' size when none was noted (17 MiB measured, with env.c's
 * settings), and the least free space a process needs to go on: a
 * growth of the cache region and the log's next records. */
#define REGIONS_GUESS	(24u * 1024 * 1024)
#define REGIONS_SPARE	(4u * 1024 * 1024)

/* The size of region file number I (1-based); -1 when it is missing. */
static long long
regions_size(const struct store *st, unsigned i)
{
	char *path = xasprintf("%s/__db.%03u", st->home, i);
	struct stat sb;
	int found = stat(path, &sb) == 0;

	free(path);
	return found ? (long long) sb.st_size : -1;
}

/* Read the note into SIZES; the number of sizes, 0 when there is none. */
static unsigned
regions_read(const struct store *st, uint64_t sizes[REGIONS_MAX])
{
	unsigned char rec[8 * (1 + REGIONS_MAX)];
	ssize_t got = pread(st->lock.fd, rec, sizeof rec, REGIONS_AT);
	uint64_t n;
	unsigned i;

	if (got < 8)
		return 0;
	n = buf_read_be64(rec);
	if (n == 0 || n > REGIONS_MAX || (size_t) got < 8 * (n + 1))
		return 0;
	for (i = 0; i < n; i++)
		sizes[i] = buf_read_be64(rec + 8 * (i + 1));
	return (unsigned) n;
}

static void
regions_write(const struct store *st, const unsigned char *rec, size_t len)
{
	if (!st->lock.writable || st->lock.fd < 0)
		return;
	if (pwrite(st->lock.fd, rec, len, REGIONS_AT) != (ssize_t) len)
		log_error("store: noting the region sizes of %s: %s", st->home,
		    strerror(errno));
}

int
regions_sound(const struct store *st)
{
	uint64_t sizes[REGIONS_MAX];
	unsigned i, n;
	long long size;

	if (st->lock.fd < 0)
		return 1;
	n = regions_read(st, sizes);
	if (n == 0)		/* no note: sound only when there are none */
		return regions_size(st, 1) < 0;
	for (i = 0; i < n; i++) {
		size = regions_size(st, i + 1);
		if (size < 0 && i == 0)
			return 1;	/* none: the open creates them */
		if (size < 0 || (uint64_t) size < sizes[i]) {
			log_warn("store: region file %u of %s is %lld bytes, "
			    "not %llu: damaged", i + 1, st->home, size,
			    (unsigned long long) sizes[i]);
			return 0;
		}
	}
	if (regions_size(st, n + 1) >= 0) {
		log_warn("store: %s has a region file the note does not know",
		    st->home);
		return 0;
	}
	return 1;
}

void
regions_note(const struct store *st)
{
	unsigned char rec[8 * (1 + REGIONS_MAX)];
	long long size;
	unsigned n;

	for (n = 0; n < REGIONS_MAX; n++) {
		if ((size = regions_size(st, n + 1)) < 0)
			break;
		buf_put_be64(rec + 8 * (n + 1), (uint64_t) size);
	}
	buf_put_be64(rec, n);
	regions_write(st, rec, 8 * (n + 1));
}

/*
 * Creating the regions on a full disk kills the process: Berkeley DB
 * sizes each file by writing one byte at its end, which may still fit,
 * then touches the pages of the mapping, and a page the file system
 * cannot supply raises SIGBUS.  So before the regions are made, the free
 * space must hold them: as large as noted last time, or REGIONS_GUESS
 * when there is no note.
 */
/*
 * The region files are sparse: the library maps each at its largest and
 * touches a page only when a region grows into it (measured: the cache
 * region grew into a page of a full tmpfs and the process died of SIGBUS
 * in __memp_alloc).  Allocating every block of every region file now
 * turns that later death into STATUS_NO_SPACE here; on blocks already
 * allocated it costs a walk of the file's extents.  A file system
 * without fallocate(2) is left as it is.
 */
enum status
regions_reserve(const struct store *st)
{
	enum status rc = STATUS_OK;
	long long size;
	unsigned i;
	char *path;
	int fd, err;

	for (i = 1; rc == STATUS_OK && (size = regions_size(st, i)) >= 0;
	    i++) {
		path = xasprintf("%s/__db.%03u", st->home, i);
		err = 0;
		if ((fd = open(path, O_RDWR | O_CLOEXEC)) < 0)
			err = errno;
		else if (size > 0 && fallocate(fd, 0, 0, (off_t) size) != 0)
			err = errno;
		if (fd >= 0)
			close(fd);
		if (err != 0 && err != EOPNOTSUPP && err != ENOSYS) {
			log_error("store: allocating %s: %s", path,
			    strerror(err));
			rc = env_status(err);
		}
		free(path);
	}
	return rc;
}

/*
 * The cache region grows while the environment lives (its file grew
 * from 272 KiB at opening to 1.3 MiB after one write, measured), and the
 * growth is written the same way, so a process already inside can die
 * of it too.  Below REGIONS_SPARE free nothing is started: the caller
 * gets STATUS_NO_SPACE, which is what the clerk must hear.
 */
enum status
regions_space(const struct store *st)
{
	struct statvfs sv;

	if (statvfs(st->home, &sv) != 0 ||
	    (uint64_t) sv.f_bavail * sv.f_frsize >= REGIONS_SPARE)
		return STATUS_OK;
	log_error("store: %s: the disk is full (%llu bytes free)", st->home,
	    (unsigned long long) sv.f_bavail * sv.f_frsize);
	return STATUS_NO_SPACE;
}

enum status
regions_room(const struct store *st)
{
	uint64_t sizes[REGIONS_MAX], need = 0;
	struct statvfs sv;
	unsigned i, n;

	if (regions_size(st, 1) >= 0)
		return STATUS_OK;	/* joined, not made */
	n = regions_read(st, sizes);
	for (i = 0; i < n; i++)
		need += sizes[i];
	if (n == 0)
		need = REGIONS_GUESS;
	if (statvfs(st->home, &sv) != 0 ||
	    (uint64_t) sv.f_bavail * sv.f_frsize >= need + REGIONS_SPARE)
		return STATUS_OK;
	log_error("store: %s: %llu bytes free, the environment needs %llu",
	    st->home, (unsigned long long) sv.f_bavail * sv.f_frsize,
	    (unsigned long long) (need + REGIONS_SPARE));
	return STATUS_NO_SPACE;
}
