/*
 * keybytes.c -- bytes from the terminal decoded one character at a time
 * (keybytes.h).  The locale's mbrtowc() does the decoding, so UTF-8 and
 * GB18030 are read the same way.  Must not call curses: loop.c reads the
 * bytes and hands them here.
 */
#include <config.h>

#include <string.h>

#include "ui/keybytes.h"

void
keybytes_drop(struct keybytes *k)
{
	if (k->n == 0)
		return;
	k->n--;
	memmove(k->b, k->b + 1, k->n);
}

void
keybytes_push(struct keybytes *k, unsigned char c)
{
	if (k->n == sizeof k->b)
		keybytes_drop(k);
	k->b[k->n++] = c;
}

enum keybytes_got
keybytes_take(struct keybytes *k, wchar_t *wc)
{
	mbstate_t st;
	size_t r;

	if (k->n == 0)
		return KEYBYTES_MORE;
	memset(&st, 0, sizeof st);
	r = mbrtowc(wc, (const char *) k->b, k->n, &st);
	if (r == (size_t) -2 && k->n < sizeof k->b)
		return KEYBYTES_MORE;
	if (r == (size_t) -1 || r == (size_t) -2) {
		keybytes_drop(k);
		return KEYBYTES_BAD;
	}
	if (r == 0)		/* a NUL byte: Ctrl-Space, no key of ours */
		r = 1;
	k->n -= r;
	memmove(k->b, k->b + r, k->n);
	return KEYBYTES_CHAR;
}
