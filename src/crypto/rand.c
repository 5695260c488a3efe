/*
 * rand.c -- random bytes, uniform numbers, and the initial passwords IT
 * staff hand to new users (Art. 8).
 *
 * An initial password is read off a screen or a slip of paper and typed
 * once, so it leaves out characters people confuse (0 O o, 1 l I) and
 * keeps to symbols found on every keyboard layout; it still meets the
 * "10 or more characters with upper, lower, digit and symbol" policy.
 * Must not use rand() or any other non-cryptographic generator.
 */
#include <config.h>

#include <string.h>

#include "crypto/internal.h"

#define CRYPTO_PW_MIN	10
#define CRYPTO_PW_MAX	128

static const char *const crypto_rand_classes[4] = {
	"ABCDEFGHJKLMNPQRSTUVWXYZ",
	"abcdefghijkmnpqrstuvwxyz",
	"23456789",
	"#%+=?@*-!",
};

enum status
crypto_random(void *p, size_t n)
{
	gcry_randomize(p, n, GCRY_STRONG_RANDOM);
	return STATUS_OK;
}

enum status
crypto_random_below(uint32_t bound, uint32_t *v)
{
	uint32_t x, limit;

	if (bound == 0)
		return STATUS_INVALID;

	/* Reject the top partial range so every value is equally likely. */
	limit = UINT32_MAX - UINT32_MAX % bound;
	do
		gcry_randomize(&x, sizeof x, GCRY_STRONG_RANDOM);
	while (x >= limit);
	*v = x % bound;
	return STATUS_OK;
}

/* A uniformly chosen character of SET. */
static char
crypto_rand_pick(const char *set)
{
	uint32_t i = 0;

	crypto_random_below((uint32_t) strlen(set), &i);
	return set[i];
}

enum status
crypto_random_password(size_t len, char **pw)
{
	char all[128];
	char *out;
	size_t i;
	uint32_t j = 0;

	*pw = NULL;
	if (len < CRYPTO_PW_MIN || len > CRYPTO_PW_MAX)
		return STATUS_INVALID;

	all[0] = '\0';
	for (i = 0; i < 4; i++)
		strcat(all, crypto_rand_classes[i]);

	/* One of each class, the rest from all of them, then shuffle so the
	 * classes are not in fixed places. */
	out = crypto_secure_alloc(len + 1);
	for (i = 0; i < len; i++)
		out[i] = crypto_rand_pick(i < 4 ? crypto_rand_classes[i] : all);
	for (i = len - 1; i > 0; i--) {
		char c;

		crypto_random_below((uint32_t) (i + 1), &j);
		c = out[i];
		out[i] = out[j];
		out[j] = c;
	}
	out[len] = '\0';
	*pw = out;
	return STATUS_OK;
}
