/*
 * mediumpick.h -- choosing a registered removable medium that is mounted
 * now, as one choice input of an entry screen or dialog (entry.h).  The
 * core decides which media may be offered (medium_offered, medium.h);
 * this only shows them and remembers which one was chosen.
 *
 * Must not call curses.
 */
#ifndef ESEAL_UI_MEDIUMPICK_H
#define ESEAL_UI_MEDIUMPICK_H

#include <stddef.h>

#include "core/core.h"
#include "ui/entry.h"

struct mediumpick {
	struct medium	*v;		/* medium_offered() */
	size_t		 n;
	size_t		 input;		/* the choice input */
};

/*
 * Find the media the session may write to, into P.  When none is
 * mounted, ask (titled TITLE) to insert one and try again.  Returns 1
 * with at least one medium, 0 when the user gave up or the core refused
 * (said on the message line); mediumpick_free() P in every case.
 */
int mediumpick_find(struct mediumpick *p, const char *title);

/* Add the choice of medium to E, its hint on the bottom row. */
void mediumpick_add(struct mediumpick *p, struct entry *e);

/* The medium chosen in E. */
const struct medium *mediumpick_chosen(const struct mediumpick *p,
    const struct entry *e);

/* "label (where, size, free)" of M; a new string. */
char *mediumpick_text(const struct medium *m);

void mediumpick_free(struct mediumpick *p);

#endif
