/*
 * flowask.h -- the one shape of every document dialog: a few inputs
 * (entry.h) under a summary of the document; F2, or Enter on the last
 * input, shows what will happen and asks; yes calls the core; a refusal
 * goes next to the input it is about (or on the message line) and the
 * dialog stays for another try; success closes it and says so.
 *
 * HOW A DIALOG IS WRITTEN.  Keep the dialog's data in a struct of its
 * own on the caller's stack, give flowask_ops saying what will happen,
 * what to call and where a refusal goes, then:
 *
 *	struct flowask *a = flowask_new(_("Return"), intro, &ops,
 *	    _("Return"), &my);
 *	my.comment = entry_add_text(&a->entry, _("Comment"), 0, 200, NULL);
 *	return flowask_run(a);
 *
 * Secret inputs are emptied after every refusal, so a wrong key
 * password is never tried twice by accident.  Must not call curses.
 */
#ifndef ESEAL_UI_FLOWASK_H
#define ESEAL_UI_FLOWASK_H

#include <stddef.h>

#include "ui/entry.h"
#include "util/util.h"

/* ops->where: the refusal goes on the message line. */
#define FLOWASK_NOWHERE	((size_t) -1)

struct flowask;

struct flowask_ops {
	/* What will happen, in full, for the confirmation (a new string);
	 * NULL when an input cannot be understood: it has marked that
	 * input (entry_fail) and nothing is asked. */
	char		*(*summary)(struct flowask *a);

	/* The core call, after yes. */
	enum status	 (*act)(struct flowask *a);

	/* The input refusal RC is about, or FLOWASK_NOWHERE; *MSG starts
	 * as the core's message and may be replaced by one that says it
	 * better here (translated, static).  May be NULL (always the
	 * message line). */
	size_t		 (*where)(struct flowask *a, enum status rc,
			    const char **msg);

	/* The message after success (a new string). */
	char		*(*done)(struct flowask *a);
};

struct flowask {
	struct entry		 entry;	/* first: the screen */
	const struct flowask_ops *ops;
	char			*yes;	/* the confirmation's button */
	void			*ctx;	/* the dialog's own data */
};

/* A new dialog titled TITLE with INTRO (what the document is; may be
 * NULL) above its inputs; YES labels the button that acts. */
struct flowask *flowask_new(const char *title, const char *intro,
    const struct flowask_ops *ops, const char *yes, void *ctx);

/* Run A until it succeeds or is left; A is freed.  Returns 1 when the
 * core call succeeded. */
int flowask_run(struct flowask *a);

#endif
