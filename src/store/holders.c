/*
 * holders.c -- which processes have a workspace open.  The workspace lock
 * (wslock.c) is held only inside Berkeley DB, so it cannot tell whether
 * eseal is open on a workspace while the clerk reads a screen; a restore
 * that replaced the files then would pull them from under it.
 *
 * So every process that opens a workspace holds a shared flock(2) on
 * HOME/eseal.open until it closes it, and a restore takes the same file
 * exclusively without waiting: it fails while anyone has the workspace
 * open, and while it runs nobody can open it.  The kernel drops the lock
 * of a process that dies, so a crash never leaves the workspace "open".
 *
 * Must not take the workspace lock or touch any database file.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "store/store_int.h"

#define HOLDERS_FILE	"eseal.open"

/* Open HOME's holders file and lock it with HOW; the descriptor in *FD.
 * STATUS_BUSY when another process's lock is in the way. */
static enum status
holders_lock(const char *home, int how, int *fd)
{
	char *path = xasprintf("%s/%s", home, HOLDERS_FILE);
	enum status rc = STATUS_OK;

	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0 && (errno == EROFS || errno == EACCES))
		*fd = open(path, O_RDONLY | O_CLOEXEC);	/* flock needs no
							 * write access */
	if (*fd < 0) {
		rc = env_status(errno);
		log_error("store: %s: %s", path, strerror(errno));
	} else if (flock(*fd, how | LOCK_NB) != 0) {
		rc = errno == EWOULDBLOCK ? STATUS_BUSY :
		    status_from_errno(errno);
		close(*fd);
		*fd = -1;
	}
	free(path);
	return rc;
}

enum status
holders_join(struct store *st)
{
	enum status rc = holders_lock(st->home, LOCK_SH, &st->holder_fd);

	if (rc == STATUS_BUSY)
		log_warn("store: %s is being restored", st->home);
	return rc;
}

void
holders_leave(struct store *st)
{
	if (st->holder_fd < 0)
		return;
	close(st->holder_fd);
	st->holder_fd = -1;
}

enum status
holders_exclude(const char *home, int *fd)
{
	enum status rc = holders_lock(home, LOCK_EX, fd);

	if (rc != STATUS_BUSY)
		return rc;
	log_error("store: %s is open in another process", home);
	return STATUS_WORKSPACE_OPEN;
}
