/*
 * linebreak.c -- where a Chinese paragraph may break into lines: between
 * any two characters, except that closing punctuation (，。、；：？！）》」』”
 * and their half-width forms) never starts a line, opening punctuation
 * (（《「『“) never ends one, and numbers, Latin words, —— and …… are
 * never split.  This is the rule offices check first on a printed page.
 *
 * Widths are the caller's business (layout_paragraph.c measures with
 * the real font); this file must not draw or know about fonts, so it can
 * be tested with made-up widths.
 */
#include <config.h>

#include <stdint.h>
#include <string.h>

#include "render/linebreak.h"
#include "util/util.h"

/* A little slack so a line of exactly 28 cells is not pushed over by
 * rounding. */
#define LINEBREAK_EPS	0.001

/* ，。、；：？！ ）》」』”’〉 】〕〗〙〛］｝ ．·・％‰℃ */
static const uint32_t linebreak_closers[] = {
	0xff0c, 0x3002, 0x3001, 0xff1b, 0xff1a, 0xff1f, 0xff01,
	0xff09, 0x300b, 0x300d, 0x300f, 0x201d, 0x2019, 0x3009,
	0x3011, 0x3015, 0x3017, 0x3019, 0x301b, 0xff3d, 0xff5d,
	0xff0e, 0x00b7, 0x30fb, 0xff05, 0x2030, 0x2103,
	',', '.', ';', ':', '?', '!', ')', ']', '}', '%',
};

/* （《「『“‘〈 【〔〖〘〚［｛ */
static const uint32_t linebreak_openers[] = {
	0xff08, 0x300a, 0x300c, 0x300e, 0x201c, 0x2018, 0x3008,
	0x3010, 0x3014, 0x3016, 0x3018, 0x301a, 0xff3b, 0xff5b,
	'(', '[', '{',
};

static int
linebreak_in(const uint32_t *set, size_t n, unsigned long cp)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

int
linebreak_closing(unsigned long cp)
{
	return linebreak_in(linebreak_closers, sizeof linebreak_closers /
	    sizeof *linebreak_closers, cp);
}

int
linebreak_opening(unsigned long cp)
{
	return linebreak_in(linebreak_openers, sizeof linebreak_openers /
	    sizeof *linebreak_openers, cp);
}

static int
linebreak_word(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 'a' && cp <= 'z');
}

/* Characters that make one unit with the previous one: the rest of a
 * number or word, and the second half of —— or ……. */
static int
linebreak_joins(uint32_t prev, uint32_t cp)
{
	if (linebreak_word(prev) && linebreak_word(cp))
		return 1;
	return prev == cp && (cp == 0x2014 || cp == 0x2026);
}

size_t
linebreak_units(const char *text, struct linebreak_unit **out)
{
	size_t left = strlen(text), off = 0, n = 0, k;
	struct linebreak_unit *u = xcalloc(left + 1, sizeof *u);
	uint32_t cp, prev = 0;

	while (off < left) {
		k = text_utf8_decode(text + off, left - off, &cp);
		if (k == 0) {
			k = 1;	/* the caller validated; never loop */
			cp = 0xfffd;
		} else if (cp < 0x20 || cp == 0x7f)
			;	/* controls take no room */
		else if (n > 0 && u[n - 1].off + u[n - 1].len == off &&
		    linebreak_joins(prev, cp))
			u[n - 1].len += k;
		else {
			u[n].off = off;
			u[n].len = k;
			u[n].no_start = linebreak_closing(cp);
			u[n].no_end = linebreak_opening(cp);
			n++;
		}
		prev = cp;
		off += k;
	}
	*out = u;
	return n;
}

/* Where the line starting at START must end (exclusive) to fit AVAIL. */
static size_t
linebreak_fill(const struct linebreak_unit *u, size_t n, size_t start,
    double avail)
{
	double sum = 0;
	size_t j = start;

	while (j < n && sum + u[j].width <= avail + LINEBREAK_EPS)
		sum += u[j++].width;
	return j > start ? j : start + 1;	/* an over-wide unit alone */
}

static int
linebreak_bad(const struct linebreak_unit *u, size_t at)
{
	return u[at].no_start || u[at - 1].no_end;
}

/* Move a forbidden break at J back until it is allowed; when the whole
 * line would go, let the closing marks hang past the edge instead. */
static size_t
linebreak_adjust(const struct linebreak_unit *u, size_t n, size_t start,
    size_t j)
{
	size_t k = j;

	if (j >= n)
		return n;
	while (k > start + 1 && linebreak_bad(u, k))
		k--;
	if (!linebreak_bad(u, k))
		return k;
	for (k = j; k < n && linebreak_bad(u, k); k++)
		;
	return k;
}

size_t
linebreak_lines(const struct linebreak_unit *u, size_t n, double first,
    double rest, size_t **starts)
{
	size_t *s = xcalloc(n + 1, sizeof *s);
	size_t lines = 0, start = 0, j;

	while (start < n) {
		s[lines] = start;
		j = linebreak_fill(u, n, start, lines == 0 ? first : rest);
		start = linebreak_adjust(u, n, start, j);
		lines++;
	}
	*starts = s;
	return lines;
}
