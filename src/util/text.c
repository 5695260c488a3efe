/*
 * text.c -- UTF-8 decoding, the sanitizer for untrusted text, column
 * widths and GB18030 conversion.  No terminal code here.
 */
#include <config.h>

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/mem.h"
#include "util/text.h"

size_t
text_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *) s;
	size_t len, i;
	uint32_t c, min;

	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		len = 2, c = u[0] & 0x1f, min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		len = 3, c = u[0] & 0x0f, min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		len = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;

	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

size_t
text_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *) out;

	if (cp < 0x80) {
		o[0] = (unsigned char) cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char) (0xc0 | (cp >> 6));
		o[1] = (unsigned char) (0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char) (0xe0 | (cp >> 12));
		o[1] = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
		o[2] = (unsigned char) (0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char) (0xf0 | (cp >> 18));
	o[1] = (unsigned char) (0x80 | ((cp >> 12) & 0x3f));
	o[2] = (unsigned char) (0x80 | ((cp >> 6) & 0x3f));
	o[3] = (unsigned char) (0x80 | (cp & 0x3f));
	return 4;
}

int
text_utf8_valid(const char *s, size_t n)
{
	uint32_t cp;
	size_t len;

	while (n > 0) {
		len = text_utf8_decode(s, n, &cp);
		if (len == 0)
			return 0;
		s += len;
		n -= len;
	}
	return 1;
}

/* Code points that must never reach a terminal or a record. */
static int
text_is_forbidden(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 1;
	/* Bidirectional embeddings, overrides and isolates. */
	if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return 1;
	if (cp == 0x200e || cp == 0x200f || cp == 0x061c)
		return 1;
	/* Zero-width and other format characters: they draw nothing, yet
	 * make two names that look the same differ. */
	if (cp == 0x00ad || cp == 0x180e || (cp >= 0x0600 && cp <= 0x0605) ||
	    (cp >= 0x200b && cp <= 0x200d) || (cp >= 0x2060 && cp <= 0x206f) ||
	    cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) ||
	    cp == 0xe0001 || (cp >= 0xe0020 && cp <= 0xe007f))
		return 1;
	return 0;
}

/* The bytes of a CSI sequence's parameters and final byte at S. */
static size_t
text_csi_len(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= 0x20 && s[i] <= 0x3f)
		i++;
	if (i < n && s[i] >= 0x40 && s[i] <= 0x7e)
		i++;
	return i;
}

/* A string sequence (OSC, DCS ...) at S up to and including its end
 * (BEL or ESC \); 0 when it has no end, so that only the introducer
 * goes and the text after it stays. */
static size_t
text_string_len(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == 0x07)
			return i + 1;
		if (s[i] == 0x1b && i + 1 < n && s[i + 1] == '\\')
			return i + 2;
	}
	return 0;
}

/*
 * The bytes after an ESC at S that belong to its escape sequence, so
 * that the whole sequence goes and no "[2J" is left to show: a CSI
 * ("[" parameters final), a string (OSC "]", DCS "P", SOS "X", PM "^",
 * APC "_", up to its end), or intermediates and one final byte.
 */
static size_t
text_escape_len(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0)
		return 0;
	if (s[0] == '[')
		return 1 + text_csi_len(s + 1, n - 1);
	if (s[0] != '\0' && strchr("]PX^_", s[0]) != NULL)
		return 1 + text_string_len(s + 1, n - 1);
	while (i < n && s[i] >= 0x20 && s[i] <= 0x2f)
		i++;
	if (i < n && s[i] >= 0x30 && s[i] <= 0x7e)
		i++;
	return i;
}

char *
text_sanitize(const char *s, size_t n, int keep_newlines)
{
	char *out = xmalloc(n * 3 + 1), *o = out;
	uint32_t cp;
	size_t len;

	while (n > 0) {
		len = text_utf8_decode(s, n, &cp);
		if (len == 0) {
			cp = 0xfffd;
			len = 1;
		}
		s += len;
		n -= len;

		/* An escape sequence goes whole (0x9b is a CSI by itself). */
		if (cp == 0x1b || cp == 0x9b) {
			len = cp == 0x1b ? text_escape_len(s, n) :
			    text_csi_len(s, n);
			s += len;
			n -= len;
			continue;
		}
		if (cp == '\t')
			cp = ' ';
		if (cp == '\n' && keep_newlines) {
			*o++ = '\n';
			continue;
		}
		if (text_is_forbidden(cp))
			continue;
		o += text_utf8_encode(cp, o);
	}
	*o = '\0';
	return out;
}

/* East Asian Wide and Fullwidth blocks, for when the C library's locale
 * cannot say (a non-UTF-8 locale in esealctl). */
static int
text_is_wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) ||
	    (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff) ||
	    (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0xa000 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
	    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
	    (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) ||
	    (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f900 && cp <= 0x1f9ff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd);
}

int
text_cp_width(uint32_t cp)
{
	int w;

	if (text_is_forbidden(cp))
		return 0;
	w = wcwidth((wchar_t) cp);
	if (w >= 0)
		return w;
	return text_is_wide(cp) ? 2 : 1;
}

size_t
text_width(const char *s)
{
	size_t n = strlen(s), cols = 0, len;
	uint32_t cp;

	while (n > 0) {
		len = text_utf8_decode(s, n, &cp);
		if (len == 0) {
			cols++;
			len = 1;
		} else {
			cols += (size_t) text_cp_width(cp);
		}
		s += len;
		n -= len;
	}
	return cols;
}

size_t
text_fit(const char *s, size_t cols)
{
	size_t n = strlen(s), used = 0, off = 0, len, w;
	uint32_t cp;

	while (off < n) {
		len = text_utf8_decode(s + off, n - off, &cp);
		w = len == 0 ? 1 : (size_t) text_cp_width(cp);
		if (len == 0)
			len = 1;
		if (used + w > cols)
			break;
		used += w;
		off += len;
	}
	return off;
}

static enum status
text_iconv(const char *to, const char *from, const char *s, size_t n,
    char **out, size_t *outlen)
{
	iconv_t cd = iconv_open(to, from);
	size_t cap = n * 4 + 4, left = cap;
	char *in = (char *) s, *buf, *o;
	enum status st = STATUS_OK;

	if (cd == (iconv_t) -1)
		return STATUS_UNSUPPORTED;
	buf = xmalloc(cap + 1);
	o = buf;

	if (iconv(cd, &in, &n, &o, &left) == (size_t) -1) {
		st = errno == E2BIG ? STATUS_NOMEM : STATUS_ENCODING;
		free(buf);
		buf = NULL;
	} else {
		*o = '\0';
		if (outlen != NULL)
			*outlen = (size_t) (o - buf);
	}

	iconv_close(cd);
	*out = buf;
	return st;
}

enum status
text_from_gb18030(const char *s, size_t n, char **out)
{
	return text_iconv("UTF-8", "GB18030", s, n, out, NULL);
}

enum status
text_to_gb18030(const char *s, char **out, size_t *outlen)
{
	return text_iconv("GB18030", "UTF-8", s, strlen(s), out, outlen);
}
