/*
 * prepare.c -- what must happen to a workspace's files before its
 * environment is opened, with the workspace lock held: trimming a page cut
 * short by a full disk, and forgetting the regions of a previous boot.
 *
 * Must not touch a file while any process could be inside the environment
 * (the caller holds the lock), and never a byte that a committed
 * transaction depends on: both cases below only drop what the log (or the
 * cache, within one boot) can rebuild.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_int.h"

#define PREPARE_BOOT_FILE	"eseal.boot"
#define PREPARE_BOOT_ID		"/proc/sys/kernel/random/boot_id"

/* The page size in a Berkeley DB file's meta page, or 0. */
static uint32_t
prepare_pagesize(int fd)
{
	unsigned char meta[24];
	uint32_t magic, size;

	if (pread(fd, meta, sizeof meta, 0) != (ssize_t) sizeof meta)
		return 0;
	memcpy(&magic, meta + 12, 4);
	memcpy(&size, meta + 20, 4);
	if (magic != DB_BTREEMAGIC) {
		if (__builtin_bswap32(magic) != DB_BTREEMAGIC)
			return 0;
		size = __builtin_bswap32(size);
	}
	if (size < 512 || size > 65536 || (size & (size - 1)) != 0)
		return 0;
	return size;
}

/*
 * A write cut short by a full disk (ENOSPC, or a file size limit) leaves
 * a partial page at the end of a file, and Berkeley DB then refuses to
 * open the file at all ("file size not a multiple of the pagesize").
 * Database pages reach the files only after the log records describing
 * them are on disk, and the page is still dirty in the cache, so the
 * partial page holds nothing that is not kept elsewhere: it is dropped,
 * and the cache (or recovery) writes it whole later.
 */
static void
prepare_trim(const char *path)
{
	struct stat sb;
	uint32_t size;
	off_t whole;
	int fd;

	if ((fd = open(path, O_RDWR | O_CLOEXEC)) < 0)
		return;
	if (fstat(fd, &sb) == 0 && (size = prepare_pagesize(fd)) != 0 &&
	    sb.st_size % size != 0) {
		whole = sb.st_size - sb.st_size % size;
		log_warn("store: %s ends in a partial page (a full disk?); "
		    "trimming it from %lld to %lld bytes", path,
		    (long long) sb.st_size, (long long) whole);
		if (ftruncate(fd, whole) != 0)
			log_error("store: trimming %s: %s", path,
			    strerror(errno));
	}
	close(fd);
}

static void
prepare_trim_all(const char *home)
{
	struct dirent *e;
	size_t n;
	char *path;
	DIR *d;

	if ((d = opendir(home)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (n < 4 || strcmp(e->d_name + n - 3, ".db") != 0)
			continue;
		path = xasprintf("%s/%s", home, e->d_name);
		prepare_trim(path);
		free(path);
	}
	closedir(d);
}

static int
prepare_read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");
	int ok;

	if (f == NULL)
		return 0;
	ok = fgets(buf, (int) size, f) != NULL;
	fclose(f);
	return ok;
}

/* Write the boot id beside the files (through a rename, so a reader never
 * sees half of it); 0 when it could not be written. */
static int
prepare_write_boot(const char *file, const char *id)
{
	char *tmp = xasprintf("%s.new", file);
	FILE *f = fopen(tmp, "we");
	int ok = 0;

	if (f != NULL) {
		ok = fputs(id, f) >= 0;
		ok = fclose(f) == 0 && ok;
		ok = ok && rename(tmp, file) == 0;
	}
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}

/*
 * The environment's regions (__db.*) are files in the workspace that live
 * on after every process has gone; within one boot, failchk vouches for
 * them.  After a reboot nothing vouches for them: a power cut can leave
 * them half written.  So the first opener of a new boot removes them,
 * which makes the open below run a full recovery from the log.
 */
static void
prepare_new_boot(struct store *st)
{
	char now[64], then[64], *file;

	if (!prepare_read_line(PREPARE_BOOT_ID, now, sizeof now))
		return;		/* not Linux: failchk alone */
	file = xasprintf("%s/%s", st->home, PREPARE_BOOT_FILE);
	if (prepare_read_line(file, then, sizeof then) &&
	    strcmp(now, then) == 0)
		goto out;

	/* Only once the new boot is recorded: a process of this boot that
	 * could not record it must not have its regions pulled away by the
	 * next one. */
	if (!prepare_write_boot(file, now))
		goto out;
	log_info("store: %s was last opened in an earlier boot", st->home);
	env_remove_regions(st);
out:
	free(file);
}

void
store_prepare(struct store *st)
{
	prepare_new_boot(st);
	if (!regions_sound(st))
		env_remove_regions(st);
	prepare_trim_all(st->home);
}
