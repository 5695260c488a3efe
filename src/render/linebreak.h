/*
 * linebreak.h -- inside the render layer: Chinese line breaking.
 *
 * Not part of the facade; only src/render and its tests include it.
 */
#ifndef ESEAL_RENDER_LINEBREAK_H
#define ESEAL_RENDER_LINEBREAK_H

#include <stddef.h>

/*
 * The smallest piece a line may end after: one character, or a run that
 * must stay whole (a number or Latin word, a doubled dash or ellipsis).
 * The caller fills in WIDTH (the room it takes on the line) and ADVANCE
 * (the glyphs' own width).
 */
struct linebreak_unit {
	size_t	off;		/* bytes into the paragraph */
	size_t	len;
	double	width;
	double	advance;
	int	wide;		/* a full-width character */
	int	no_start;	/* closing punctuation: never starts a line */
	int	no_end;		/* opening punctuation: never ends a line */
};

/* Split the valid UTF-8 TEXT into units (*OUT, a new array); returns how
 * many.  Control characters are dropped. */
size_t linebreak_units(const char *text, struct linebreak_unit **out);

/*
 * Break units U[0..N) into lines FIRST wide for the first line and REST
 * for the others.  A closing mark is never first on a line and an opening
 * one never last: the unit before moves down with it.  Stores the index
 * of each line's first unit in a new array *STARTS; returns the number of
 * lines (0 when N is 0).
 */
size_t linebreak_lines(const struct linebreak_unit *u, size_t n,
    double first, double rest, size_t **starts);

/* Non-zero when the code point may not start or end a line. */
int linebreak_closing(unsigned long cp);
int linebreak_opening(unsigned long cp);

#endif
