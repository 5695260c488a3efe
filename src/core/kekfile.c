/*
 * kekfile.c -- files holding the secrets that unwrap the workspace's own
 * keys.  It must never write the secret anywhere but that file, nor log
 * it.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/kekfile.h"

#define KEKFILE_BYTES	32
#define KEKFILE_HEX	(2 * KEKFILE_BYTES)

enum status
kekfile_read(const char *home, const char *name, char **kek)
{
	char *path = xasprintf("%s/%s", home, name), *k = NULL;
	enum status st = STATUS_NOT_FOUND;
	struct stat sb;
	int fd;

	*kek = NULL;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0)
		goto out;
	if (!S_ISREG(sb.st_mode) || sb.st_uid != geteuid() ||
	    (sb.st_mode & 077) != 0) {
		log_error("%s is not private to its owner", path);
		goto out;
	}

	k = crypto_secure_alloc(KEKFILE_HEX + 1);
	if (read(fd, k, KEKFILE_HEX) != KEKFILE_HEX)
		goto out;
	k[KEKFILE_HEX] = '\0';
	*kek = k;
	k = NULL;
	st = STATUS_OK;
out:
	crypto_secure_free(k);
	if (fd >= 0)
		close(fd);
	free(path);
	return st;
}

enum status
kekfile_obtain(const char *home, const char *name, char **kek)
{
	unsigned char raw[KEKFILE_BYTES];
	char *path, *k;
	enum status st;
	int fd;

	if (kekfile_read(home, name, kek) == STATUS_OK)
		return STATUS_OK;
	if ((st = crypto_random(raw, sizeof raw)) != STATUS_OK)
		return st;
	k = crypto_secure_alloc(KEKFILE_HEX + 1);
	crypto_hex(raw, sizeof raw, k);
	mem_wipe(raw, sizeof raw);

	/* O_EXCL: never overwrite a secret that keys already depend on. */
	path = xasprintf("%s/%s", home, name);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0)
		st = status_from_errno(errno);
	else if (write(fd, k, KEKFILE_HEX) != KEKFILE_HEX || fsync(fd) != 0)
		st = status_from_errno(errno);
	if (fd >= 0 && close(fd) != 0 && st == STATUS_OK)
		st = status_from_errno(errno);

	if (st != STATUS_OK) {
		log_error("cannot create %s", path);
		if (fd >= 0)
			unlink(path);
		crypto_secure_free(k);
		k = NULL;
	}
	free(path);
	*kek = k;
	return st;
}

void
kekfile_params(struct crypto_kdf_params *p)
{
	crypto_kdf_defaults(p);
	p->mem_kib = 1024;
	p->passes = 1;
	p->parallelism = 1;
}
