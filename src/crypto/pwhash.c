/*
 * pwhash.c -- password hashes as stored for each account.
 *
 * The stored form is the PHC string format that the Argon2 reference
 * tool and most libraries write, so a hash can be checked by other means
 * and carries its own parameters (they can be raised later; a login
 * under the old ones still works and is re-hashed):
 *
 *   $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>
 *   $scrypt$ln=<log2 N>,r=8,p=<p>$<salt>$<hash>
 *
 * <salt> and <hash> are Base64 without padding; the salt is 16 random
 * bytes and the hash 32 bytes by default.  Numbers are decimal without
 * leading zeros.  Anything else is STATUS_CORRUPT.  scrypt is written
 * only when libgcrypt cannot do Argon2.  Must not compare hashes with
 * memcmp (timing) or keep a derived hash outside secure memory.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/internal.h"

#define CRYPTO_PW_HASH_LEN	32
#define CRYPTO_PW_HASH_MIN	16
#define CRYPTO_PW_HASH_MAX	64
#define CRYPTO_ARGON2_VERSION	19	/* 0x13, the version of RFC 9106 */

static unsigned
crypto_pw_log2(uint32_t n)
{
	unsigned l = 0;

	while (n > 1) {
		n >>= 1;
		l++;
	}
	return l;
}

static char *
crypto_pw_format(const struct crypto_kdf_params *p, const unsigned char *salt,
    const unsigned char *hash, size_t hashlen)
{
	char *s64 = crypto_b64_encode(salt, p->salt_len, 0);
	char *h64 = crypto_b64_encode(hash, hashlen, 0);
	char *out;

	if (p->alg == CRYPTO_KDF_ARGON2ID)
		out = xasprintf("$argon2id$v=%d$m=%u,t=%u,p=%u$%s$%s",
		    CRYPTO_ARGON2_VERSION, (unsigned) p->mem_kib,
		    (unsigned) p->passes, (unsigned) p->parallelism, s64, h64);
	else
		out = xasprintf("$scrypt$ln=%u,r=8,p=%u$%s$%s",
		    crypto_pw_log2(p->mem_kib), (unsigned) p->parallelism,
		    s64, h64);
	free(h64);
	free(s64);
	return out;
}

enum status
crypto_pw_hash(const char *pw, const struct crypto_kdf_params *params,
    unsigned char **out, size_t *outlen)
{
	struct crypto_kdf_params p;
	unsigned char salt[64], *hash;
	enum status st;
	char *s;

	*out = NULL;
	*outlen = 0;
	crypto_kdf_resolve(params, &p);
	if ((st = crypto_kdf_check(&p)) != STATUS_OK)
		return st;

	crypto_random(salt, p.salt_len);
	hash = crypto_secure_alloc(CRYPTO_PW_HASH_LEN);
	st = crypto_kdf_derive(pw, &p, salt, hash, CRYPTO_PW_HASH_LEN);
	if (st == STATUS_OK) {
		s = crypto_pw_format(&p, salt, hash, CRYPTO_PW_HASH_LEN);
		*out = (unsigned char *) s;
		*outlen = strlen(s);
	}
	crypto_secure_free(hash);
	return st;
}

/* A stored hash taken apart. */
struct crypto_pw_stored {
	struct crypto_kdf_params	 p;
	unsigned char			*salt;
	unsigned char			*hash;
	size_t				 hashlen;
};

/* Consume LIT at *S. */
static int
crypto_pw_lit(const char **s, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t) (end - *s) < n || memcmp(*s, lit, n) != 0)
		return 0;
	*s += n;
	return 1;
}

/* Consume a decimal number without leading zeros, at most 2^32 - 1. */
static int
crypto_pw_num(const char **s, const char *end, uint32_t *v)
{
	uint64_t x = 0;
	const char *start = *s;

	while (*s < end && **s >= '0' && **s <= '9') {
		x = x * 10 + (uint64_t) (**s - '0');
		if (x > 0xffffffffu)
			return 0;
		(*s)++;
	}
	if (*s == start || (*start == '0' && *s - start > 1))
		return 0;
	*v = (uint32_t) x;
	return 1;
}

/* Consume Base64 up to the next '$' (or END) into new memory. */
static int
crypto_pw_b64(const char **s, const char *end, unsigned char **out, size_t *n)
{
	const char *stop = memchr(*s, '$', (size_t) (end - *s));

	if (stop == NULL)
		stop = end;
	if (crypto_b64_decode(*s, (size_t) (stop - *s), 0, out, n) != STATUS_OK)
		return 0;
	*s = stop;
	return 1;
}

static int
crypto_pw_parse_params(const char **s, const char *end,
    struct crypto_kdf_params *p)
{
	uint32_t v, ln;

	if (crypto_pw_lit(s, end, "$argon2id$v=")) {
		p->alg = CRYPTO_KDF_ARGON2ID;
		return crypto_pw_num(s, end, &v) &&
		    v == CRYPTO_ARGON2_VERSION &&
		    crypto_pw_lit(s, end, "$m=") &&
		    crypto_pw_num(s, end, &p->mem_kib) &&
		    crypto_pw_lit(s, end, ",t=") &&
		    crypto_pw_num(s, end, &p->passes) &&
		    crypto_pw_lit(s, end, ",p=") &&
		    crypto_pw_num(s, end, &p->parallelism);
	}
	if (crypto_pw_lit(s, end, "$scrypt$ln=")) {
		p->alg = CRYPTO_KDF_SCRYPT;
		p->passes = 1;
		if (!crypto_pw_num(s, end, &ln) || ln < 1 || ln > 20)
			return 0;
		p->mem_kib = 1u << ln;
		return crypto_pw_lit(s, end, ",r=8,p=") &&
		    crypto_pw_num(s, end, &p->parallelism);
	}
	return 0;
}

static enum status
crypto_pw_parse(const unsigned char *stored, size_t len,
    struct crypto_pw_stored *out)
{
	const char *s = (const char *) stored, *end = s + len;
	size_t saltlen = 0;

	memset(out, 0, sizeof *out);
	if (!crypto_pw_parse_params(&s, end, &out->p) ||
	    !crypto_pw_lit(&s, end, "$") ||
	    !crypto_pw_b64(&s, end, &out->salt, &saltlen) ||
	    !crypto_pw_lit(&s, end, "$") ||
	    !crypto_pw_b64(&s, end, &out->hash, &out->hashlen) || s != end)
		goto bad;

	out->p.salt_len = (uint32_t) saltlen;
	if (saltlen > 64 || crypto_kdf_check(&out->p) != STATUS_OK ||
	    out->hashlen < CRYPTO_PW_HASH_MIN ||
	    out->hashlen > CRYPTO_PW_HASH_MAX)
		goto bad;
	return STATUS_OK;
bad:
	free(out->salt);
	free(out->hash);
	out->salt = out->hash = NULL;
	return STATUS_CORRUPT;
}

/* Is the stored P weaker than (or of another kind than) CUR? */
static int
crypto_pw_weaker(const struct crypto_kdf_params *p,
    const struct crypto_kdf_params *cur)
{
	return p->alg != cur->alg || p->mem_kib < cur->mem_kib ||
	    p->passes < cur->passes || p->parallelism != cur->parallelism ||
	    p->salt_len < cur->salt_len;
}

enum status
crypto_pw_verify(const char *pw, const unsigned char *stored, size_t len,
    const struct crypto_kdf_params *current, int *needs_rehash)
{
	struct crypto_pw_stored sp;
	struct crypto_kdf_params cur;
	unsigned char *hash = NULL;
	enum status st;

	if (needs_rehash != NULL)
		*needs_rehash = 0;
	if ((st = crypto_pw_parse(stored, len, &sp)) != STATUS_OK)
		return st;

	hash = crypto_secure_alloc(sp.hashlen);
	st = crypto_kdf_derive(pw, &sp.p, sp.salt, hash, sp.hashlen);
	if (st == STATUS_INVALID && *pw == '\0')
		st = STATUS_BAD_PASSWORD;	/* nobody's password is empty */
	if (st != STATUS_OK)
		goto out;
	if (!crypto_equal(hash, sp.hash, sp.hashlen)) {
		st = STATUS_BAD_PASSWORD;
		goto out;
	}

	crypto_kdf_resolve(current, &cur);
	if (needs_rehash != NULL)
		*needs_rehash = crypto_pw_weaker(&sp.p, &cur);
out:
	crypto_secure_free(hash);
	free(sp.hash);
	free(sp.salt);
	return st;
}
