/*
 * media.h -- removable media as the operating system shows them: which
 * are mounted where, with their file-system UUID, label, size and free
 * space.
 *
 * A medium is removable when the kernel says its disk is
 * (/sys/block/DISK/removable) or when it is mounted under /media or
 * /run/media, where desktop mounters put USB sticks whose disks do not
 * say so.  The UUID and label come from /dev/disk/by-uuid and by-label
 * when udev made them, else from the file system's own superblock (ext2,
 * ext3, ext4, FAT, exFAT, NTFS) when the device is readable.
 *
 * Nothing here decides which medium may be used: that is the register of
 * media in the core (medium.h), which offers only registered ones.
 *
 * Test builds (testhook.h) honour ESEAL_TEST_MEDIA_MOUNTS=DIR: mount
 * points under DIR count as removable too, so that a loop-mounted image
 * stands in for a USB stick.
 */
#ifndef ESEAL_UTIL_MEDIA_H
#define ESEAL_UTIL_MEDIA_H

#include <stddef.h>
#include <stdint.h>

#include "util/status.h"

struct media_info {
	char		*uuid;		/* as blkid prints it; "" when unknown */
	char		*label;		/* "" when none */
	char		*device;	/* "/dev/sdb1"; "" for a directory */
	char		*mountpoint;
	char		*fstype;	/* "vfat", "ext4" ...; "" for a directory */
	uint64_t	 size;		/* bytes */
	uint64_t	 avail;		/* bytes free for a user */
	int		 read_only;
};

struct media_list {
	struct media_info	*v;
	size_t			 n;
};

/* The mounted removable media, in mount-table order, into *OUT
 * (media_list_free after, also on failure).  STATUS_IO when the mount
 * table cannot be read; media whose size cannot be read are left out. */
enum status media_scan(struct media_list *out);
void media_list_free(struct media_list *l);

/* Size, free space and the read-only flag of the file system holding
 * directory DIR, into M (the other fields are left alone). */
enum status media_stat(const char *dir, struct media_info *m);

/* Free what M owns. */
void media_info_free(struct media_info *m);

/* The UUID and label in the superblock of the device or image at PATH
 * (new strings; *LABEL "" when none).  STATUS_UNSUPPORTED for a file
 * system it does not know, STATUS_PERM_FS when PATH is unreadable. */
enum status media_read_uuid(const char *path, char **uuid, char **label);

/* "1.9 MB" style text of N bytes into BUF (at least 16 bytes). */
const char *media_size_text(uint64_t n, char *buf, size_t size);

#endif
