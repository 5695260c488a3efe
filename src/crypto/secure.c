/*
 * secure.c -- memory for secrets, and comparing them.
 *
 * Every block carries its size in front, so crypto_secure_free() wipes it
 * even when libgcrypt fell back to ordinary memory (secure memory
 * disabled or not lockable), where gcry_free() alone would not.  Must
 * not be used for bulk data: the locked pool is small.
 */
#include <config.h>

#include <string.h>

#include "crypto/internal.h"

/* Keeps the payload aligned for any type. */
#define CRYPTO_SECURE_HDR	16

void *
crypto_secure_alloc(size_t n)
{
	unsigned char *p;

	if (n > ((size_t) -1) - CRYPTO_SECURE_HDR)
		die("secure allocation too large (%zu bytes)", n);
	p = gcry_malloc_secure(n + CRYPTO_SECURE_HDR);
	if (p == NULL)
		die("out of secure memory (%zu bytes)", n);

	memcpy(p, &n, sizeof n);
	memset(p + CRYPTO_SECURE_HDR, 0, n);
	return p + CRYPTO_SECURE_HDR;
}

char *
crypto_secure_strdup(const char *s)
{
	size_t n = strlen(s);
	char *p = crypto_secure_alloc(n + 1);

	memcpy(p, s, n + 1);
	return p;
}

void
crypto_secure_free(void *p)
{
	unsigned char *base;
	size_t n;

	if (p == NULL)
		return;
	base = (unsigned char *) p - CRYPTO_SECURE_HDR;
	memcpy(&n, base, sizeof n);
	mem_wipe(base, n + CRYPTO_SECURE_HDR);
	gcry_free(base);
}

int
crypto_equal(const void *a, const void *b, size_t n)
{
	const volatile unsigned char *x = a, *y = b;
	unsigned char diff = 0;
	size_t i;

	for (i = 0; i < n; i++)
		diff |= (unsigned char) (x[i] ^ y[i]);
	return diff == 0;
}
