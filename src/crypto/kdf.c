/*
 * kdf.c -- deriving keys from passwords: Argon2id (RFC 9106), with
 * scrypt (RFC 7914) where libgcrypt has no Argon2.
 *
 * Argon2's lanes are computed in parallel threads, one per lane and
 * slice, as libgcrypt's thread hooks allow; that is what makes a
 * memory-hard hash of useful size fit in a login's fraction of a second
 * on two cores.  The limits below bound what a stored parameter set may
 * ask for, so a damaged or hostile record cannot make a login allocate
 * gigabytes or run for hours.  Must not be given passwords or outputs
 * outside secure memory by its callers in this layer.
 */
#include <config.h>

#include <pthread.h>
#include <string.h>

#include "crypto/internal.h"

#define CRYPTO_KDF_MAX_MEM_KIB	(1024u * 1024u)	/* 1 GiB */
#define CRYPTO_KDF_MAX_PASSES	64u
#define CRYPTO_KDF_MAX_LANES	16u
#define CRYPTO_KDF_MIN_SALT	8u
#define CRYPTO_KDF_MAX_SALT	64u

/*
 * The defaults: Argon2id over 128 MiB, 4 passes, 2 lanes (one thread
 * each) took 0.22-0.23 s per hash on the 2-core development machine
 * (3 passes: 0.17-0.25 s, 5 passes: 0.27-0.28 s), inside the 0.2-0.5 s a
 * login may take even with the other core busy.  Raise them here as
 * machines get faster: stored hashes carry their own parameters and are
 * re-hashed at the next login.
 */
void
crypto_kdf_defaults(struct crypto_kdf_params *p)
{
	p->alg = CRYPTO_KDF_ARGON2ID;
	p->mem_kib = 128 * 1024;
	p->passes = 4;
	p->parallelism = 2;
	p->salt_len = 16;
}

enum status
crypto_kdf_check(const struct crypto_kdf_params *p)
{
	if (p->salt_len < CRYPTO_KDF_MIN_SALT ||
	    p->salt_len > CRYPTO_KDF_MAX_SALT ||
	    p->parallelism < 1 || p->parallelism > CRYPTO_KDF_MAX_LANES ||
	    p->mem_kib > CRYPTO_KDF_MAX_MEM_KIB)
		return STATUS_INVALID;

	switch (p->alg) {
	case CRYPTO_KDF_ARGON2ID:
		if (p->passes < 1 || p->passes > CRYPTO_KDF_MAX_PASSES ||
		    p->mem_kib < 8 * p->parallelism)
			return STATUS_INVALID;
		return STATUS_OK;
	case CRYPTO_KDF_SCRYPT:
		/* N: a power of two, at least 2. */
		if (p->mem_kib < 2 || (p->mem_kib & (p->mem_kib - 1)) != 0)
			return STATUS_INVALID;
		return STATUS_OK;
	}
	return STATUS_INVALID;
}

/*
 * Lanes get threads of their own only when a lane holds at least this
 * much memory.  Argon2 starts a thread per lane for each of the four
 * slices of every pass, and a segment of a small lane is a few
 * microseconds of work against the tens of microseconds a thread takes
 * to start and join: the test builds' 64 KiB, two-lane hashes (every
 * sealing unwraps a key under one) took 0.14 ms of processor time in
 * threads and take 0.05 ms without.  From 1 MiB a lane, a segment is
 * 256 blocks, well above a thread's cost.
 * The output is the same either way: Argon2 defines it whatever the
 * lanes' schedule, since no lane reads another's segment of the slice
 * being computed (the reference tool's p=2 hash in the tests is now
 * computed on one thread).
 */
#define CRYPTO_KDF_THREAD_LANE_KIB	1024u

int
crypto_kdf_threaded(const struct crypto_kdf_params *p)
{
	return p->alg == CRYPTO_KDF_ARGON2ID && p->parallelism > 1 &&
	    p->mem_kib / p->parallelism >= CRYPTO_KDF_THREAD_LANE_KIB;
}

/* libgcrypt's thread hooks: one thread per job, all joined per round. */
struct crypto_kdf_job {
	gcry_kdf_job_fn_t	 fn;
	void			*arg;
};

struct crypto_kdf_jobs {
	pthread_t		 thread[CRYPTO_KDF_MAX_LANES];
	struct crypto_kdf_job	 job[CRYPTO_KDF_MAX_LANES];
	int			 count;
};

static void *
crypto_kdf_thread(void *arg)
{
	struct crypto_kdf_job *job = arg;

	job->fn(job->arg);
	return NULL;
}

static int
crypto_kdf_dispatch(void *ctx, gcry_kdf_job_fn_t fn, void *arg)
{
	struct crypto_kdf_jobs *j = ctx;
	int i = j->count;

	if (i >= (int) CRYPTO_KDF_MAX_LANES)
		return -1;
	j->job[i].fn = fn;
	j->job[i].arg = arg;
	if (pthread_create(&j->thread[i], NULL, crypto_kdf_thread,
	    &j->job[i]) != 0) {
		fn(arg);		/* no thread to be had: do it here */
		return 0;
	}
	j->count++;
	return 0;
}

static int
crypto_kdf_wait(void *ctx)
{
	struct crypto_kdf_jobs *j = ctx;
	int i;

	for (i = 0; i < j->count; i++)
		pthread_join(j->thread[i], NULL);
	j->count = 0;
	return 0;
}

static gcry_error_t
crypto_kdf_argon2id(const char *pw, const struct crypto_kdf_params *p,
    const unsigned char *salt, unsigned char *out, size_t outlen)
{
	unsigned long param[4] = { outlen, p->passes, p->mem_kib,
	    p->parallelism };
	struct crypto_kdf_jobs jobs = { .count = 0 };
	gcry_kdf_thread_ops_t ops = { &jobs, crypto_kdf_dispatch,
	    crypto_kdf_wait };
	gcry_kdf_hd_t hd;
	gcry_error_t err;

	err = gcry_kdf_open(&hd, GCRY_KDF_ARGON2, GCRY_KDF_ARGON2ID, param, 4,
	    pw, strlen(pw), salt, p->salt_len, NULL, 0, NULL, 0);
	if (err != 0)
		return err;
	err = gcry_kdf_compute(hd, crypto_kdf_threaded(p) ? &ops : NULL);
	if (err == 0)
		err = gcry_kdf_final(hd, outlen, out);
	gcry_kdf_close(hd);
	return err;
}

enum status
crypto_kdf_derive(const char *pw, const struct crypto_kdf_params *p,
    const unsigned char *salt, unsigned char *out, size_t outlen)
{
	gcry_error_t err;
	enum status st;

	if ((st = crypto_kdf_check(p)) != STATUS_OK)
		return st;
	if (*pw == '\0')
		return STATUS_INVALID;	/* the KDFs refuse empty passwords */

	if (p->alg == CRYPTO_KDF_ARGON2ID)
		err = crypto_kdf_argon2id(pw, p, salt, out, outlen);
	else
		err = gcry_kdf_derive(pw, strlen(pw), GCRY_KDF_SCRYPT,
		    (int) p->mem_kib, salt, p->salt_len, p->parallelism,
		    outlen, out);

	if (gcry_err_code(err) == GPG_ERR_UNKNOWN_ALGORITHM ||
	    gcry_err_code(err) == GPG_ERR_UNSUPPORTED_ALGORITHM ||
	    gcry_err_code(err) == GPG_ERR_NOT_SUPPORTED)
		return STATUS_UNSUPPORTED;
	return crypto_status_from_gcry(err, "password KDF");
}

static pthread_once_t crypto_kdf_probe_once = PTHREAD_ONCE_INIT;
static int crypto_kdf_argon2_ok;

static void
crypto_kdf_probe(void)
{
	struct crypto_kdf_params p = { CRYPTO_KDF_ARGON2ID, 8, 1, 1, 8 };
	unsigned char out[16];

	crypto_kdf_argon2_ok = crypto_kdf_derive("probe", &p,
	    (const unsigned char *) "saltsalt", out, sizeof out) == STATUS_OK;
	if (!crypto_kdf_argon2_ok)
		log_warn("libgcrypt has no Argon2: password hashes and key "
		    "wrapping fall back to scrypt");
}

/* P as it will really be used: Argon2id becomes scrypt of about the
 * same memory where libgcrypt lacks Argon2. */
void
crypto_kdf_resolve(const struct crypto_kdf_params *p,
    struct crypto_kdf_params *out)
{
	if (p == NULL)
		crypto_kdf_defaults(out);
	else
		*out = *p;

	pthread_once(&crypto_kdf_probe_once, crypto_kdf_probe);
	if (out->alg == CRYPTO_KDF_ARGON2ID && !crypto_kdf_argon2_ok) {
		uint32_t n = 2;

		while (n * 2 <= out->mem_kib && n * 2 <= (1u << 20))
			n *= 2;
		out->alg = CRYPTO_KDF_SCRYPT;
		out->mem_kib = n;
		out->passes = 1;
		out->parallelism = 1;
	}
}
