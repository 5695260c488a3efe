/*
 * pem.c -- PEM armour (RFC 7468): DER as Base64 between BEGIN and END
 * lines, the form keys are exchanged in with OpenSSL and on removable
 * media.
 *
 * Decoding finds the first block with the wanted label and ignores text
 * around it (OpenSSL writes explanatory text before blocks); inside the
 * block only Base64 and whitespace are allowed.  Must not accept
 * RFC 1421 headers such as Proc-Type: an encrypted PEM key is not
 * something this program reads.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/internal.h"

#define CRYPTO_PEM_LINE	64

enum status
crypto_pem_encode(const char *label, const unsigned char *der, size_t n,
    char **pem)
{
	char *b64 = crypto_b64_encode(der, n, 1);
	size_t len = strlen(b64), i;
	struct buf out;
	char *line;

	buf_init(&out);
	line = xasprintf("-----BEGIN %s-----\n", label);
	buf_add(&out, line, strlen(line));
	free(line);

	for (i = 0; i < len; i += CRYPTO_PEM_LINE) {
		size_t chunk = len - i;

		if (chunk > CRYPTO_PEM_LINE)
			chunk = CRYPTO_PEM_LINE;

		buf_add(&out, b64 + i, chunk);
		buf_add_u8(&out, '\n');
	}

	line = xasprintf("-----END %s-----\n", label);
	buf_add(&out, line, strlen(line) + 1);
	free(line);
	free(b64);
	*pem = (char *) out.data;
	return STATUS_OK;
}

/* Find NEEDLE in the N bytes at HAY. */
static const char *
crypto_pem_find(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; k <= n && i <= n - k; i++)
		if (memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

enum status
crypto_pem_decode(const char *pem, size_t len, const char *label,
    unsigned char **der, size_t *n)
{
	char *begin = xasprintf("-----BEGIN %s-----", label);
	char *end = xasprintf("-----END %s-----", label);
	const char *from, *to, *p;
	struct buf b64;
	enum status st = STATUS_MALFORMED;

	*der = NULL;
	*n = 0;
	buf_init(&b64);
	from = crypto_pem_find(pem, len, begin);
	if (from == NULL)
		goto out;
	from += strlen(begin);
	to = crypto_pem_find(from, len - (size_t) (from - pem), end);
	if (to == NULL)
		goto out;

	for (p = from; p < to; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			continue;
		if (*p == ':')
			goto out;		/* a header line */
		buf_add_u8(&b64, (uint8_t) *p);
	}
	if (b64.len > 0)
		st = crypto_b64_decode((const char *) b64.data, b64.len, 1,
		    der, n);
out:
	buf_free(&b64);
	free(end);
	free(begin);
	return st;
}
