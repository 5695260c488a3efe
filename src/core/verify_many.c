/*
 * verify_many.c -- many sealed files verified on all the machine's
 * cores (verify_files in verify.h), each result handed back in the
 * order the files were given.
 *
 * Each verification is independent and spends its time in libgcrypt's
 * SM2, which is thread-safe once initialised (crypto_init runs before
 * any worker starts), so the workers are plain threads sharing the
 * read-only trust.  The caller's thread hands the results out in input
 * order; a worker may run at most VERIFY_MANY_AHEAD files past the one
 * being handed out, so memory stays bounded by a few files whatever the
 * number given.  It must not touch the store (its handle is not opened
 * for threads) nor print: the callback does that.
 */
#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/verify.h"

#define VERIFY_MANY_MAX_WORKERS	64
#define VERIFY_MANY_AHEAD	4	/* slots per worker */

struct verify_slot {
	struct verify_result	 v;
	enum status		 rc;
	int			 done;
};

/* Shared by the workers and the caller, under LOCK. */
struct verify_many {
	const struct ses_trust	*trust;
	const struct verify_job	*jobs;
	size_t			 n;
	size_t			 next;		/* the next file to take */
	size_t			 handed;	/* files handed to the caller */
	size_t			 nslots;
	struct verify_slot	*slots;		/* file i: slots[i % nslots] */
	pthread_mutex_t		 lock;
	pthread_cond_t		 changed;
};

unsigned
verify_workers_default(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > VERIFY_MANY_MAX_WORKERS ? VERIFY_MANY_MAX_WORKERS :
	    (unsigned) n;
}

/* Take the next file, waiting while its slot is still to be handed out;
 * SIZE_MAX when none is left. */
static size_t
verify_many_take(struct verify_many *m)
{
	size_t i = SIZE_MAX;

	pthread_mutex_lock(&m->lock);
	while (m->next < m->n && m->next - m->handed >= m->nslots)
		pthread_cond_wait(&m->changed, &m->lock);
	if (m->next < m->n)
		i = m->next++;
	pthread_mutex_unlock(&m->lock);
	return i;
}

static void *
verify_many_worker(void *arg)
{
	struct verify_many *m = arg;
	struct verify_slot *s;
	size_t i;

	while ((i = verify_many_take(m)) != SIZE_MAX) {
		s = &m->slots[i % m->nslots];
		s->rc = verify_file(NULL, m->trust, m->jobs[i].pdf_path,
		    m->jobs[i].sig_path, &s->v);
		pthread_mutex_lock(&m->lock);
		s->done = 1;
		pthread_cond_broadcast(&m->changed);
		pthread_mutex_unlock(&m->lock);
	}
	return NULL;
}

/* Hand out every file in order as its result comes in. */
static void
verify_many_hand_out(struct verify_many *m, verify_each_fn *fn, void *arg)
{
	struct verify_slot *s;
	size_t i;

	for (i = 0; i < m->n; i++) {
		s = &m->slots[i % m->nslots];
		pthread_mutex_lock(&m->lock);
		while (!s->done)
			pthread_cond_wait(&m->changed, &m->lock);
		pthread_mutex_unlock(&m->lock);

		fn(i, s->rc, &s->v, arg);
		verify_result_free(&s->v);

		pthread_mutex_lock(&m->lock);
		s->done = 0;
		m->handed++;
		pthread_cond_broadcast(&m->changed);
		pthread_mutex_unlock(&m->lock);
	}
}

/* One worker: no threads at all, the rate the parallel run is held to. */
static void
verify_many_serial(const struct ses_trust *t, const struct verify_job *jobs,
    size_t n, verify_each_fn *fn, void *arg)
{
	struct verify_result v;
	enum status rc;
	size_t i;

	for (i = 0; i < n; i++) {
		rc = verify_file(NULL, t, jobs[i].pdf_path, jobs[i].sig_path,
		    &v);
		fn(i, rc, &v, arg);
		verify_result_free(&v);
	}
}

enum status
verify_files(const struct ses_trust *t, const struct verify_job *jobs,
    size_t n, unsigned workers, verify_each_fn *fn, void *arg)
{
	pthread_t tid[VERIFY_MANY_MAX_WORKERS];
	struct verify_many m;
	unsigned k, started = 0;
	enum status rc;

	if ((rc = crypto_init()) != STATUS_OK)	/* before any thread */
		return rc;
	if (workers > VERIFY_MANY_MAX_WORKERS)
		workers = VERIFY_MANY_MAX_WORKERS;
	if (workers > n)
		workers = (unsigned) n;
	if (workers <= 1) {
		verify_many_serial(t, jobs, n, fn, arg);
		return STATUS_OK;
	}

	memset(&m, 0, sizeof m);
	m.trust = t;
	m.jobs = jobs;
	m.n = n;
	m.nslots = (size_t) workers * VERIFY_MANY_AHEAD;
	m.slots = xcalloc(m.nslots, sizeof *m.slots);
	pthread_mutex_init(&m.lock, NULL);
	pthread_cond_init(&m.changed, NULL);

	for (k = 0; k < workers; k++)
		if (pthread_create(&tid[started], NULL, verify_many_worker,
		    &m) == 0)
			started++;
	if (started > 0)
		verify_many_hand_out(&m, fn, arg);
	else	/* no thread to be had: do it all here */
		verify_many_serial(t, jobs, n, fn, arg);

	for (k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
	pthread_cond_destroy(&m.changed);
	pthread_mutex_destroy(&m.lock);
	free(m.slots);
	return STATUS_OK;
}
