/*
 * text.h -- UTF-8 text: validation, the one sanitizer for untrusted text,
 * display widths, and conversion from GB18030.
 *
 * Width policy, decided once: East Asian ambiguous-width characters are
 * counted as one column (what wcwidth() says in zh_CN.UTF-8 on glibc and
 * what xterm, tmux and the Linux console draw); the UI avoids putting such
 * glyphs in frames.  Text is measured in columns, never bytes.
 */
#ifndef ESEAL_UTIL_TEXT_H
#define ESEAL_UTIL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "util/status.h"

/* Decode one UTF-8 code point at S (at most N bytes).  Returns its length
 * in bytes and stores the code point, or returns 0 for an invalid or
 * truncated sequence (overlongs and surrogates are invalid). */
size_t text_utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encode CP into OUT (at least 4 bytes); returns the length. */
size_t text_utf8_encode(uint32_t cp, char *out);

/* Non-zero when the N bytes at S are entirely valid UTF-8. */
int text_utf8_valid(const char *s, size_t n);

/*
 * The sanitizer: every piece of untrusted text (document fields, form
 * input, imports, user names) passes here where it enters the program.
 * Invalid sequences become U+FFFD (the text after them is kept); C0 and
 * C1 controls, DEL, the bidirectional overrides and isolates, and the
 * zero-width and other format characters are removed; an escape
 * sequence is removed whole, not only its ESC.  If KEEP_NEWLINES, '\n'
 * is kept (multi-line bodies); '\t' becomes a space.  Returns a new
 * string.
 */
char *text_sanitize(const char *s, size_t n, int keep_newlines);

/* Columns that the code point CP takes (0, 1 or 2; 0 for non-printable). */
int text_cp_width(uint32_t cp);

/* Columns that the valid UTF-8 string S takes. */
size_t text_width(const char *s);

/* The number of bytes of S that fit in COLS columns, never splitting a
 * character (a double-width one that would straddle the edge is left out). */
size_t text_fit(const char *s, size_t cols);

/* Convert N bytes of GB18030 to a new UTF-8 string in *OUT. */
enum status text_from_gb18030(const char *s, size_t n, char **out);

/* Convert UTF-8 to a new GB18030 string (*OUT, length in *OUTLEN). */
enum status text_to_gb18030(const char *s, char **out, size_t *outlen);

#endif
