/*
 * sm3.c -- SM3 hashing (GB/T 32905), one-shot and incremental, and the
 * hex form digests are shown and stored in.
 *
 * The incremental context wraps a libgcrypt digest handle so that a
 * document of any size can be hashed as it is read.  Must not be used
 * for passwords (see pwhash.c): a bare hash is far too fast to guess
 * against.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/internal.h"

struct crypto_hash {
	gcry_md_hd_t	 md;
};

enum status
crypto_sm3(const void *p, size_t n, unsigned char out[CRYPTO_SM3_LEN])
{
	gcry_md_hash_buffer(GCRY_MD_SM3, out, p, n);
	return STATUS_OK;
}

enum status
crypto_hash_new(struct crypto_hash **h)
{
	gcry_md_hd_t md;
	gcry_error_t err;

	*h = NULL;
	err = gcry_md_open(&md, GCRY_MD_SM3, 0);
	if (err != 0)
		return crypto_status_from_gcry(err, "SM3 open");

	*h = xmalloc(sizeof **h);
	(*h)->md = md;
	return STATUS_OK;
}

enum status
crypto_hash_update(struct crypto_hash *h, const void *p, size_t n)
{
	gcry_md_write(h->md, p, n);
	return STATUS_OK;
}

enum status
crypto_hash_final(struct crypto_hash *h, unsigned char out[CRYPTO_SM3_LEN])
{
	const unsigned char *d = gcry_md_read(h->md, GCRY_MD_SM3);
	enum status st = STATUS_CRYPTO;

	if (d != NULL) {
		memcpy(out, d, CRYPTO_SM3_LEN);
		st = STATUS_OK;
	}
	crypto_hash_free(h);
	return st;
}

void
crypto_hash_free(struct crypto_hash *h)
{
	if (h == NULL)
		return;
	gcry_md_close(h->md);
	free(h);
}

void
crypto_hex(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0x0f];
	}
	out[2 * n] = '\0';
}

static int
crypto_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

enum status
crypto_unhex(const char *hex, unsigned char **out, size_t *n)
{
	size_t len = strlen(hex), i;
	unsigned char *p;

	*out = NULL;
	*n = 0;
	if (len % 2 != 0)
		return STATUS_INVALID;

	p = xmalloc(len / 2);
	for (i = 0; i < len / 2; i++) {
		int hi = crypto_hex_digit(hex[2 * i]);
		int lo = crypto_hex_digit(hex[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			free(p);
			return STATUS_INVALID;
		}
		p[i] = (unsigned char) (hi << 4 | lo);
	}
	*out = p;
	*n = len / 2;
	return STATUS_OK;
}
