/*
 * helpers.c -- shared fixtures of the crypto suites.
 */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "lib/testlib.h"
#include "crypto/helpers.h"

unsigned char *
th_unhex(const char *hex, size_t *n)
{
	unsigned char *p;

	ck_assert_int_eq(crypto_unhex(hex, &p, n), STATUS_OK);
	return p;
}

void
th_tiny_params(struct crypto_kdf_params *p)
{
	p->alg = CRYPTO_KDF_ARGON2ID;
	p->mem_kib = 64;
	p->passes = 1;
	p->parallelism = 1;
	p->salt_len = 16;
}

char *
th_path(const char *dir, const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

void
th_put(const char *dir, const char *name, const void *p, size_t n)
{
	char *path = th_path(dir, name);

	testlib_write_file(path, p, n);
	free(path);
}

unsigned char *
th_get(const char *dir, const char *name, size_t *n)
{
	char *path = th_path(dir, name);
	unsigned long len = 0;
	char *data = testlib_read_file(path, &len);

	ck_assert_msg(data != NULL, "%s is missing", path);
	free(path);
	*n = len;
	return (unsigned char *) data;
}

int
th_sh(const char *dir, const char *fmt, ...)
{
	va_list ap;
	char *cmd, *full;
	int rc;

	va_start(ap, fmt);
	if (vasprintf(&cmd, fmt, ap) < 0)
		abort();
	va_end(ap);

	full = xasprintf("cd '%s' && { %s ; } >out.txt 2>&1", dir, cmd);
	rc = system(full);
	free(full);
	free(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
