/*
 * wslock.c -- the workspace lock: an exclusive flock(2) on HOME/eseal.lock
 * that a process holds for as long as it is inside Berkeley DB (env.c
 * explains why).  The kernel releases it when its holder dies, however it
 * dies, which is the whole point: no dead process can keep it.
 *
 * The lock file also holds two numbers, each 8 bytes big-endian:
 *
 *	0	generation: bumped whenever a process removes the environment's
 *		regions to recover them, so that every other process, on its
 *		next hold, sees that its handles belong to a dead environment
 *		and reopens (store_sync);
 *	8	holder: the pid of the process holding the lock, zeroed before
 *		it lets go.  Found non-zero, the previous holder died holding
 *		the lock, maybe inside Berkeley DB with a mutex held, and its
 *		regions must not be joined (wslock->crashed).
 *
 * From byte 16 on, regions.c keeps the sizes of the region files.
 *
 * The lock file is opened anew for each hold, so the lock belongs to one
 * open file description: a child forked meanwhile never shares it, and
 * two holds in one process exclude each other like two processes do.
 * Waiting is bounded (STATUS_BUSY after WSLOCK_WAIT_S) so that a stopped
 * or stuck holder shows up as "busy", never as a hang.  On a read-only
 * file system the numbers are read but not written.
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

static void
wslock_write(struct wslock *l, off_t at, uint64_t v)
{
	unsigned char be[8];

	if (!l->writable)
		return;
	buf_put_be64(be, v);
	if (pwrite(l->fd, be, sizeof be, at) != (ssize_t) sizeof be)
		log_error("store: writing the workspace lock: %s",
		    strerror(errno));
}

/* Read the record left by the previous holder, then sign it. */
static void
wslock_claim(struct wslock *l)
{
	unsigned char rec[16];
	ssize_t n = pread(l->fd, rec, sizeof rec, 0);
	uint64_t holder = 0;

	l->gen = 0;
	if (n == (ssize_t) sizeof rec) {
		l->gen = buf_read_be64(rec);
		holder = buf_read_be64(rec + 8);
	}
	l->crashed = holder != 0;
	if (l->crashed)
		log_warn("store: process %llu died holding the workspace "
		    "lock", (unsigned long long) holder);
	if (n != (ssize_t) sizeof rec)
		wslock_write(l, 0, l->gen);
	wslock_write(l, 8, (uint64_t) getpid());
}

enum status
wslock_take(const char *home, struct wslock *l)
{
	char *path = xasprintf("%s/%s", home, STORE_LOCK_FILE);
	enum status rc;

	l->writable = 1;
	l->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (l->fd < 0 && (errno == EROFS || errno == EACCES)) {
		/* flock needs no write access: a read-only file system then
		 * fails later, with a clearer status. */
		l->writable = 0;
		l->fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (l->fd < 0) {
		rc = env_status(errno);
		log_error("store: %s: %s", path, strerror(errno));
		free(path);
		return rc;
	}
	free(path);

	if ((rc = wslock_wait(l->fd)) != STATUS_OK) {
		close(l->fd);
		l->fd = -1;
		return rc;
	}
	wslock_claim(l);
	return STATUS_OK;
}

void
wslock_bump(struct wslock *l)
{
	l->gen++;
	wslock_write(l, 0, l->gen);
	l->crashed = 0;
}

void
wslock_release(struct wslock *l)
{
	if (l->fd < 0)
		return;
	wslock_write(l, 8, 0);
	close(l->fd);	/* the last reference: the lock goes with it */
	l->fd = -1;
}
