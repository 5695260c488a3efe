/*
 * keybytes.h -- the bytes typed or pasted into the terminal, decoded into
 * characters in the locale's encoding (UTF-8 or GB18030).
 *
 * curses' own wide-character read gives up on the whole rest of a paste
 * at the first byte that is not part of a character.  Here such a byte
 * is dropped alone and what follows it is still read, the same rule the
 * sanitizer (util/text) applies to stored text.
 */
#ifndef ESEAL_UI_KEYBYTES_H
#define ESEAL_UI_KEYBYTES_H

#include <stddef.h>
#include <wchar.h>

#define KEYBYTES_MAX	8	/* longer than any character of UTF-8 or GB18030 */

/* Bytes read that do not yet make a character. */
struct keybytes {
	unsigned char	b[KEYBYTES_MAX];
	size_t		n;
};

enum keybytes_got {
	KEYBYTES_MORE,		/* no character yet: read another byte */
	KEYBYTES_CHAR,		/* *WC is the next character */
	KEYBYTES_BAD		/* a byte that starts no character was dropped */
};

/* Queue byte C after those waiting.  A full queue drops its first byte
 * (counted as KEYBYTES_BAD by the next keybytes_take()). */
void keybytes_push(struct keybytes *k, unsigned char c);

/* The next character of the queue, if its bytes are all there. */
enum keybytes_got keybytes_take(struct keybytes *k, wchar_t *wc);

/* The bytes waiting will not be completed (the terminal went quiet, or
 * a function key came): drop the first, so that the rest are read. */
void keybytes_drop(struct keybytes *k);

#endif
