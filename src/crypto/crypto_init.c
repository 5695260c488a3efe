/*
 * crypto_init.c -- bringing libgcrypt up, once.
 *
 * Order matters: the log handler goes in before gcry_check_version(),
 * because libgcrypt writes its warnings (insecure memory, self-test
 * notes) to stderr by default, and a line on stderr corrupts the curses
 * screen.  Secure memory is then set up; a machine that does not allow
 * locking memory still runs, with a warning in the log, because refusing
 * to start would lock the clerks out of a workstation an administrator
 * can fix.  Must not write to the terminal.
 */
#include <config.h>

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <sys/mman.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/lsan_interface.h>
#endif

#include "crypto/internal.h"

#define CRYPTO_GCRYPT_MIN	"1.10.0"
#define CRYPTO_SECMEM_SIZE	(256 * 1024)
#define CRYPTO_SECMEM_EXPAND	(64 * 1024)

static pthread_once_t crypto_init_once = PTHREAD_ONCE_INIT;
static enum status crypto_init_status = STATUS_CRYPTO;

/* libgcrypt's log lines, into ours. */
static void __attribute__((format(printf, 3, 0)))
crypto_init_log(void *opaque, int level, const char *fmt, va_list ap)
{
	char line[512];
	size_t n;

	(void) opaque;
	vsnprintf(line, sizeof line, fmt, ap);
	n = strlen(line);
	while (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	if (n == 0)
		return;

	switch (level) {
	case GCRY_LOG_FATAL:
	case GCRY_LOG_BUG:
	case GCRY_LOG_ERROR:
		log_error("libgcrypt: %s", line);
		break;
	case GCRY_LOG_WARN:
		log_warn("libgcrypt: %s", line);
		break;
	default:
		log_debug("libgcrypt: %s", line);
		break;
	}
}

/* Whether this process may lock memory at all; libgcrypt only says so in
 * a log line, and the operator should see it as a warning. */
static void
crypto_init_probe_mlock(void)
{
	static unsigned char page[64];

	if (mlock(page, sizeof page) == 0) {
		munlock(page, sizeof page);
		return;
	}
	log_warn("secure memory cannot be locked (%s): keys and passwords "
	    "may be swapped to disk; allow memory locking (ulimit -l) for "
	    "this user", strerror(errno));
}

/*
 * Draw once from the key-grade generator now.  Its first use sets up a
 * 128 KiB entropy-collector buffer that libgcrypt keeps for the life of
 * the process, referenced only from memory LeakSanitizer does not scan;
 * doing it here, with leak checking paused in sanitizer builds, keeps
 * that one buffer from being reported as a leak by every test that makes
 * a key.  It also takes the set-up cost out of the first key generation.
 */
static void
crypto_init_prime_rng(void)
{
	unsigned char b;

#ifdef __SANITIZE_ADDRESS__
	__lsan_disable();
#endif
	gcry_randomize(&b, 1, GCRY_VERY_STRONG_RANDOM);
#ifdef __SANITIZE_ADDRESS__
	__lsan_enable();
#endif
	mem_wipe(&b, 1);
}

static void
crypto_init_run(void)
{
	gcry_set_log_handler(crypto_init_log, NULL);
	if (gcry_check_version(CRYPTO_GCRYPT_MIN) == NULL) {
		log_error("libgcrypt %s or newer is needed, found %s",
		    CRYPTO_GCRYPT_MIN, gcry_check_version(NULL));
		return;
	}

	/* Someone (a library we link) may have finished it already. */
	if (!gcry_control(GCRYCTL_INITIALIZATION_FINISHED_P)) {
		crypto_init_probe_mlock();
		gcry_control(GCRYCTL_INIT_SECMEM, CRYPTO_SECMEM_SIZE, 0);
		gcry_control(GCRYCTL_AUTO_EXPAND_SECMEM,
		    CRYPTO_SECMEM_EXPAND, 0);
		gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
	}
	crypto_init_prime_rng();
	crypto_init_status = STATUS_OK;
}

enum status
crypto_init(void)
{
	pthread_once(&crypto_init_once, crypto_init_run);
	return crypto_init_status;
}

enum status
crypto_status_from_gcry(gcry_error_t err, const char *what)
{
	if (err == 0)
		return STATUS_OK;

	switch (gcry_err_code(err)) {
	case GPG_ERR_ENOMEM:
		return STATUS_NOMEM;
	case GPG_ERR_BAD_SIGNATURE:
		return STATUS_BAD_SIGNATURE;
	default:
		log_error("%s: %s", what, gcry_strerror(err));
		return STATUS_CRYPTO;
	}
}
