/*
 * printable.h -- which characters eseal can print: the repertoire that
 * every face the render layer may use draws, so that a signed original
 * never carries a box or a dotted circle where a character should be
 * (Art. 12: sharp, never blurred).  Forms and imports refuse the rest,
 * naming the character.
 *
 * Pure and fixed: the answer depends on no installed font, so the same
 * text is accepted on every workstation.  No terminal, store or
 * cryptography here.
 */
#ifndef ESEAL_CORE_PRINTABLE_H
#define ESEAL_CORE_PRINTABLE_H

#include <stddef.h>
#include <stdint.h>

/* Room for printable_name()'s text. */
#define PRINTABLE_NAME_MAX	24

/* Non-zero when eseal can print the character CP (newline and tab
 * count as printable: they are layout, not glyphs). */
int printable_cp(uint32_t cp);

/*
 * The first character of the N bytes of UTF-8 at S that cannot be
 * printed, or 0 when every one can.  A byte that is not UTF-8 counts as
 * U+FFFD (which cannot be printed either).
 */
uint32_t printable_find(const char *s, size_t n);

/* CP as a message names it: "𠀀 (U+20000)"; a character that would not
 * show (a combining or format one) by its number only. */
void printable_name(uint32_t cp, char *buf, size_t size);

#endif
