/*
 * keyscan.c -- looking for a private key in bytes that should never hold
 * it: the check behind "no seal key is ever on disk in the clear", run
 * over every file of a workspace by the tests and by whoever audits one.
 *
 * It must not return, print or log the key, only whether it was found.
 */
#include <config.h>

#include <string.h>

#include "crypto/internal.h"

/* Non-zero when the N bytes at P contain the LEN bytes at NEEDLE. */
static int
crypto_keyscan_has(const unsigned char *p, size_t n,
    const unsigned char *needle, size_t len)
{
	size_t i;

	for (i = 0; i + len <= n; i++)
		if (p[i] == needle[0] && memcmp(p + i, needle, len) == 0)
			return 1;
	return 0;
}

int
crypto_key_found_in(const struct crypto_key *key, const void *p, size_t n)
{
	char *hex;
	size_t i;
	int found;

	if (key == NULL || key->d == NULL)
		return 0;
	if (crypto_keyscan_has(p, n, key->d, CRYPTO_SCALAR_LEN))
		return 1;

	/* The same scalar written as text, in either case. */
	hex = crypto_secure_alloc(2 * CRYPTO_SCALAR_LEN + 1);
	crypto_hex(key->d, CRYPTO_SCALAR_LEN, hex);
	found = crypto_keyscan_has(p, n, (const unsigned char *) hex,
	    2 * CRYPTO_SCALAR_LEN);
	for (i = 0; !found && hex[i] != '\0'; i++)
		if (hex[i] >= 'a' && hex[i] <= 'f')
			hex[i] = (char) (hex[i] - 'a' + 'A');
	if (!found)
		found = crypto_keyscan_has(p, n, (const unsigned char *) hex,
		    2 * CRYPTO_SCALAR_LEN);
	crypto_secure_free(hex);
	return found;
}
