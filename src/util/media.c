/*
 * media.c -- finding mounted removable media and reading their UUID and
 * label (see media.h).
 *
 * Only reads: the mount table, sysfs, /dev/disk links and the first
 * 64 KiB of a device.  It must never write to a device, mount or unmount
 * anything, or decide whether a medium may be used.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "util/util.h"

#define MEDIA_MOUNTS		"/proc/self/mounts"
#define MEDIA_SB_BYTES		4096	/* every superblock read is within */

/* -- Is it removable? ------------------------------------------------------ */

/* Non-zero when PATH is DIR or below it. */
static int
media_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		n--;
	return n > 0 && strncmp(path, dir, n) == 0 &&
	    (path[n] == '/' || path[n] == '\0');
}

/* The first character of the file at PATH, or 0. */
static int
media_sysfs_char(const char *path)
{
	char c = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	if (read(fd, &c, 1) != 1)
		c = 0;
	close(fd);
	return c;
}

/* Whether the disk holding block device DEV (a partition's parent, or
 * the disk itself) says it is removable. */
static int
media_disk_removable(const char *dev)
{
	char sys[PATH_MAX], real[PATH_MAX], *path;
	const char *name = strrchr(dev, '/');
	int removable;

	if (name == NULL || name[1] == '\0')
		return 0;
	snprintf(sys, sizeof sys, "/sys/class/block/%s", name + 1);
	if (realpath(sys, real) == NULL)
		return 0;
	path = xasprintf("%s/partition", real);
	if (access(path, F_OK) == 0) {
		free(path);
		path = xasprintf("%s/../removable", real);
	} else {
		free(path);
		path = xasprintf("%s/removable", real);
	}
	removable = media_sysfs_char(path) == '1';
	free(path);
	return removable;
}

static int
media_is_removable(const char *dev, const char *mnt)
{
	const char *test = testhook_env("ESEAL_TEST_MEDIA_MOUNTS");

	if (media_under(mnt, "/media") || media_under(mnt, "/run/media"))
		return 1;
	if (test != NULL && *test == '/' && media_under(mnt, test))
		return 1;
	return media_disk_removable(dev);
}

/* -- UUID and label -------------------------------------------------------- */

/* NAME from a /dev/disk/by-* directory, with udev's \xNN escapes undone. */
static char *
media_unescape(const char *name)
{
	char *out = xmalloc(strlen(name) + 1), *p = out;
	unsigned v;

	while (*name != '\0') {
		if (name[0] == '\\' && name[1] == 'x' &&
		    sscanf(name + 2, "%2x", &v) == 1) {
			*p++ = (char) v;
			name += 4;
		} else {
			*p++ = *name++;
		}
	}
	*p = '\0';
	return out;
}

/* The entry of DIR that links to the device REAL, unescaped, or NULL. */
static char *
media_by_link(const char *dir, const char *real)
{
	char path[PATH_MAX], target[PATH_MAX];
	struct dirent *e;
	char *found = NULL;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return NULL;
	while (found == NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (realpath(path, target) != NULL &&
		    strcmp(target, real) == 0)
			found = media_unescape(e->d_name);
	}
	closedir(d);
	return found;
}

static uint32_t
media_le32(const unsigned char *p)
{
	return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 |
	    (uint32_t) p[3] << 24;
}

/* A label field of N bytes: trailing spaces and NULs dropped, and only
 * when it is text (FAT's "NO NAME    " means none). */
static char *
media_label(const unsigned char *p, size_t n)
{
	char *s;

	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\0'))
		n--;
	if (n == 7 && memcmp(p, "NO NAME", 7) == 0)
		n = 0;
	s = text_sanitize((const char *) p, strnlen((const char *) p, n), 0);
	return s;
}

/* ext2, ext3, ext4: magic 0xEF53 at 1080, UUID at 1128, label at 1144. */
static int
media_sb_ext(const unsigned char *b, char **uuid, char **label)
{
	const unsigned char *u = b + 1128;

	if (b[1080] != 0x53 || b[1081] != 0xEF)
		return 0;
	*uuid = xasprintf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3], u[4], u[5],
	    u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
	*label = media_label(b + 1144, 16);
	return 1;
}

/* FAT12/16 and FAT32 boot sectors: the volume serial as XXXX-XXXX. */
static int
media_sb_fat(const unsigned char *b, char **uuid, char **label)
{
	size_t off;
	uint32_t serial;

	if (b[510] != 0x55 || b[511] != 0xAA)
		return 0;
	if (memcmp(b + 82, "FAT32   ", 8) == 0)
		off = 67;
	else if (memcmp(b + 54, "FAT1", 4) == 0)
		off = 39;
	else
		return 0;
	serial = media_le32(b + off);
	*uuid = xasprintf("%04X-%04X", (unsigned) (serial >> 16),
	    (unsigned) (serial & 0xffff));
	*label = media_label(b + off + 4, 11);
	return 1;
}

/* exFAT (serial at 100) and NTFS (64-bit serial at 72); their labels
 * live in the root directory, which this does not read. */
static int
media_sb_other(const unsigned char *b, char **uuid, char **label)
{
	uint32_t lo, hi;

	if (memcmp(b + 3, "EXFAT   ", 8) == 0) {
		lo = media_le32(b + 100);
		*uuid = xasprintf("%04X-%04X", (unsigned) (lo >> 16),
		    (unsigned) (lo & 0xffff));
	} else if (memcmp(b + 3, "NTFS    ", 8) == 0) {
		lo = media_le32(b + 72);
		hi = media_le32(b + 76);
		*uuid = xasprintf("%08X%08X", (unsigned) hi, (unsigned) lo);
	} else {
		return 0;
	}
	*label = xstrdup("");
	return 1;
}

enum status
media_read_uuid(const char *path, char **uuid, char **label)
{
	unsigned char b[MEDIA_SB_BYTES];
	ssize_t n;
	int fd;

	*uuid = *label = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return status_from_errno(errno);
	memset(b, 0, sizeof b);
	n = pread(fd, b, sizeof b, 0);
	close(fd);
	if (n < 0)
		return status_from_errno(errno);
	if (media_sb_ext(b, uuid, label) || media_sb_fat(b, uuid, label) ||
	    media_sb_other(b, uuid, label))
		return STATUS_OK;
	return STATUS_UNSUPPORTED;
}

/* The UUID and label of device DEV: udev's links, else the superblock;
 * "" for what cannot be found. */
static void
media_identify(const char *dev, struct media_info *m)
{
	char real[PATH_MAX];
	char *uuid = NULL, *label = NULL;

	if (realpath(dev, real) == NULL)
		snprintf(real, sizeof real, "%s", dev);
	m->uuid = media_by_link("/dev/disk/by-uuid", real);
	m->label = media_by_link("/dev/disk/by-label", real);
	if ((m->uuid == NULL || m->label == NULL) &&
	    media_read_uuid(real, &uuid, &label) == STATUS_OK) {
		if (m->uuid == NULL) {
			m->uuid = uuid;
			uuid = NULL;
		}
		if (m->label == NULL) {
			m->label = label;
			label = NULL;
		}
	}
	free(uuid);
	free(label);
	if (m->uuid == NULL)
		m->uuid = xstrdup("");
	if (m->label == NULL)
		m->label = xstrdup("");
}

/* -- The list -------------------------------------------------------------- */

enum status
media_stat(const char *dir, struct media_info *m)
{
	struct statvfs sv;

	if (statvfs(dir, &sv) != 0)
		return status_from_errno(errno);
	m->size = (uint64_t) sv.f_blocks * sv.f_frsize;
	m->avail = (uint64_t) sv.f_bavail * sv.f_frsize;
	m->read_only = (sv.f_flag & ST_RDONLY) != 0;
	return STATUS_OK;
}

void
media_info_free(struct media_info *m)
{
	free(m->uuid);
	free(m->label);
	free(m->device);
	free(m->mountpoint);
	free(m->fstype);
	memset(m, 0, sizeof *m);
}

void
media_list_free(struct media_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		media_info_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
media_add(struct media_list *l, const struct mntent *e)
{
	struct media_info m;

	memset(&m, 0, sizeof m);
	if (media_stat(e->mnt_dir, &m) != STATUS_OK)
		return;
	m.device = xstrdup(e->mnt_fsname);
	m.mountpoint = xstrdup(e->mnt_dir);
	m.fstype = xstrdup(e->mnt_type);
	media_identify(e->mnt_fsname, &m);
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = m;
}

enum status
media_scan(struct media_list *out)
{
	char line[4 * PATH_MAX];
	struct mntent e;
	FILE *f;

	memset(out, 0, sizeof *out);
	if ((f = setmntent(MEDIA_MOUNTS, "r")) == NULL) {
		log_error("media: cannot read %s: %s", MEDIA_MOUNTS,
		    strerror(errno));
		return STATUS_IO;
	}
	while (getmntent_r(f, &e, line, sizeof line) != NULL) {
		if (strncmp(e.mnt_fsname, "/dev/", 5) != 0)
			continue;
		if (media_is_removable(e.mnt_fsname, e.mnt_dir))
			media_add(out, &e);
	}
	endmntent(f);
	return STATUS_OK;
}

const char *
media_size_text(uint64_t n, char *buf, size_t size)
{
	static const char *const units[] = { "B", "KB", "MB", "GB", "TB" };
	double v = (double) n;
	unsigned u = 0;

	while (v >= 1024 && u + 1 < sizeof units / sizeof units[0]) {
		v /= 1024;
		u++;
	}
	if (u == 0)
		snprintf(buf, size, "%llu B", (unsigned long long) n);
	else
		snprintf(buf, size, "%.1f %s", v, units[u]);
	return buf;
}
