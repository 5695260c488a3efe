/*
 * wslock.c -- the workspace lock: an exclusive flock(2) on HOME/eseal.lock
 * that a process holds for as long as it is inside Berkeley DB (env.c
 * explains why).  The kernel releases it when its holder dies, however it
 * dies, which is the whole point: no dead process can keep it.
 *
 * The lock file is opened anew for each hold, so the lock belongs to one
 * open file description: a child forked meanwhile never shares it, and
 * two holds in one process exclude each other like two processes do.
 * Waiting is bounded (STATUS_BUSY after WSLOCK_WAIT_S) so that a stopped
 * or stuck holder shows up as "busy", never as a hang.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "store/store_int.h"

#define WSLOCK_WAIT_S		30
#define WSLOCK_FIRST_NAP_US	50
#define WSLOCK_MAX_NAP_US	2000

static double
wslock_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/* Sleep about US microseconds, jittered so that waiters do not wake in
 * step. */
static void
wslock_nap(long us, unsigned *seed)
{
	struct timespec ts;

	us = us / 2 + (long) (rand_r(seed) % (unsigned) (us + 1));
	ts.tv_sec = 0;
	ts.tv_nsec = us * 1000;
	nanosleep(&ts, NULL);
}

static enum status
wslock_wait(int fd)
{
	double deadline = wslock_now() + WSLOCK_WAIT_S;
	unsigned seed = (unsigned) getpid() ^ (unsigned) time(NULL);
	long nap = WSLOCK_FIRST_NAP_US;

	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return STATUS_OK;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			log_error("store: locking the workspace: %s",
			    strerror(errno));
			return status_from_errno(errno);
		}
		if (wslock_now() > deadline) {
			log_warn("store: the workspace stayed locked for %d s",
			    WSLOCK_WAIT_S);
			return STATUS_BUSY;
		}
		wslock_nap(nap, &seed);
		if (nap < WSLOCK_MAX_NAP_US)
			nap *= 2;
	}
}

enum status
wslock_take(const char *home, int *fd)
{
	char *path = xasprintf("%s/%s", home, STORE_LOCK_FILE);
	enum status rc;

	/* O_RDONLY: flock needs no write access, and an existing lock file
	 * opens even on a read-only file system (which then fails later,
	 * with a clearer status). */
	*fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC, 0600);
	if (*fd < 0) {
		rc = env_status(errno);
		log_error("store: %s: %s", path, strerror(errno));
		free(path);
		return rc;
	}
	free(path);

	if ((rc = wslock_wait(*fd)) != STATUS_OK) {
		close(*fd);
		*fd = -1;
	}
	return rc;
}

void
wslock_release(int *fd)
{
	if (*fd < 0)
		return;
	close(*fd);	/* the last reference: the lock goes with it */
	*fd = -1;
}
