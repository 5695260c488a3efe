/*
 * base64.c -- Base64 (RFC 4648, standard alphabet), for PEM armour and
 * for the salts and hashes inside password-hash strings.
 *
 * Decoding is strict: one canonical encoding per byte string (padding
 * exactly as selected, zero trailing bits), so a stored value cannot be
 * altered without changing its bytes.  Must not skip characters; callers
 * strip line breaks first.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "crypto/internal.h"

static const char crypto_b64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *
crypto_b64_encode(const unsigned char *p, size_t n, int pad)
{
	char *out = xmalloc((n + 2) / 3 * 4 + 1), *o = out;
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t) p[i] << 16 | (uint32_t) p[i + 1] << 8 |
		    p[i + 2];

		*o++ = crypto_b64_alphabet[v >> 18];
		*o++ = crypto_b64_alphabet[(v >> 12) & 63];
		*o++ = crypto_b64_alphabet[(v >> 6) & 63];
		*o++ = crypto_b64_alphabet[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t) p[i] << 16;

		if (i + 1 < n)
			v |= (uint32_t) p[i + 1] << 8;
		*o++ = crypto_b64_alphabet[v >> 18];
		*o++ = crypto_b64_alphabet[(v >> 12) & 63];
		if (i + 1 < n)
			*o++ = crypto_b64_alphabet[(v >> 6) & 63];
		else if (pad)
			*o++ = '=';
		if (pad)
			*o++ = '=';
	}
	*o = '\0';
	return out;
}

static int
crypto_b64_value(char c)
{
	const char *at;

	if (c == '\0')
		return -1;
	at = strchr(crypto_b64_alphabet, c);
	return at == NULL ? -1 : (int) (at - crypto_b64_alphabet);
}

/* The last, partial group of REM (2 or 3) characters in ACC: its unused
 * low bits must be zero.  Returns 0 if they are not. */
static int
crypto_b64_tail(uint32_t acc, size_t rem, unsigned char *buf, size_t *o)
{
	if (rem == 2) {
		if (acc & 0x0f)
			return 0;
		buf[(*o)++] = (unsigned char) (acc >> 4);
	} else if (rem == 3) {
		if (acc & 0x03)
			return 0;
		buf[(*o)++] = (unsigned char) (acc >> 10);
		buf[(*o)++] = (unsigned char) (acc >> 2);
	}
	return 1;
}

enum status
crypto_b64_decode(const char *s, size_t len, int pad, unsigned char **out,
    size_t *n)
{
	unsigned char *buf;
	size_t i, o = 0, padding = 0, chars;
	uint32_t acc = 0;

	*out = NULL;
	*n = 0;
	if (pad && len % 4 != 0)
		return STATUS_MALFORMED;
	while (pad && padding < 2 && len > padding &&
	    s[len - padding - 1] == '=')
		padding++;
	chars = len - padding;
	if (chars % 4 == 1 || (pad && padding != (4 - chars % 4) % 4))
		return STATUS_MALFORMED;

	buf = xmalloc(chars * 3 / 4 + 1);
	for (i = 0; i < chars; i++) {
		int v = crypto_b64_value(s[i]);

		if (v < 0)
			goto bad;
		acc = acc << 6 | (uint32_t) v;
		if (i % 4 == 3) {
			buf[o++] = (unsigned char) (acc >> 16);
			buf[o++] = (unsigned char) (acc >> 8);
			buf[o++] = (unsigned char) acc;
			acc = 0;
		}
	}
	if (!crypto_b64_tail(acc, chars % 4, buf, &o))
		goto bad;
	*out = buf;
	*n = o;
	return STATUS_OK;
bad:
	free(buf);
	return STATUS_MALFORMED;
}
