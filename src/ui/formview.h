/*
 * formview.h -- the screen that fills in a form (core/form.h): one
 * field editor per field, Tab and Shift-Tab between them, the errors
 * form_validate() finds shown next to their fields.
 *
 * Drafting and applications open forms through here; what "save" does
 * is theirs (struct formview_hooks).  F4 writes a text of several lines
 * in the user's editor (editor.h).
 */
#ifndef ESEAL_UI_FORMVIEW_H
#define ESEAL_UI_FORMVIEW_H

#include "core/core.h"
#include "ui/loop.h"

struct formview_hooks {
	/* Store VALUES (one per field, in field order) once they pass
	 * form_validate(); STATUS_OK marks the form saved.  NULL: the
	 * form can be checked but not saved. */
	enum status	(*save)(void *ctx, const struct form *f,
			    const char *const *values);
	/* Existence checks for person and department fields; may be
	 * NULL. */
	const struct form_lookup *lookup;
	void		*ctx;
};

/*
 * A new screen filling FORM (which must outlive it), starting from
 * VALUES (one per field; NULL, or a NULL entry, for the form's
 * defaults).  Push it with loop_push().  HOOKS may be NULL.
 */
struct ui_screen *formview_new(const struct form *form,
    const char *const *values, const struct formview_hooks *hooks);

#endif
