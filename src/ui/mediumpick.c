/*
 * mediumpick.c -- one choice input offering the registered removable
 * media mounted now (mediumpick.h says why it is a file of its own).
 *
 * It must not offer anything the core did not: the list comes from
 * medium_offered() only, and the export call checks the register again.
 * Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/dialog.h"
#include "ui/loop.h"
#include "ui/app.h"
#include "ui/mediumpick.h"

int
mediumpick_find(struct mediumpick *p, const char *title)
{
	enum status rc;

	memset(p, 0, sizeof *p);
	for (;;) {
		rc = medium_offered(app_session(), &p->v, &p->n);
		if (rc != STATUS_OK) {
			loop_error("%s", status_message(rc));
			return 0;
		}
		if (p->n > 0)
			return 1;
		medium_list_free(p->v, p->n);
		p->v = NULL;
		if (dialog_confirm(title, _("No registered removable medium is "
		    "mounted now.  Insert one the security administrator "
		    "registered, then try again."), _("Try again"), 1) != 1)
			return 0;
	}
}

char *
mediumpick_text(const struct medium *m)
{
	char size[32], avail[32], *raw, *clean;

	raw = xasprintf(_("%s at %s (%s, %s free)"), *m->label != '\0' ?
	    m->label : m->uuid, m->info.mountpoint != NULL ?
	    m->info.mountpoint : "", media_size_text(m->info.size, size,
	    sizeof size), media_size_text(m->info.avail, avail,
	    sizeof avail));
	clean = text_sanitize(raw, strlen(raw), 0);
	free(raw);
	return clean;
}

void
mediumpick_add(struct mediumpick *p, struct entry *e)
{
	const char **labels = xcalloc(p->n + 1, sizeof *labels);
	char **texts = xcalloc(p->n + 1, sizeof *texts);
	size_t i;

	for (i = 0; i < p->n; i++)
		labels[i] = texts[i] = mediumpick_text(&p->v[i]);
	p->input = entry_add_choice(e, _("Medium"), labels, p->n, 0);
	entry_set_hint(e, p->input, _("Only media registered by the "
	    "security administrator and mounted now are offered; Left and "
	    "Right choose."));
	for (i = 0; i < p->n; i++)
		free(texts[i]);
	free(texts);
	free(labels);
}

const struct medium *
mediumpick_chosen(const struct mediumpick *p, const struct entry *e)
{
	size_t i = entry_choice(e, p->input);

	return i < p->n ? &p->v[i] : NULL;
}

void
mediumpick_free(struct mediumpick *p)
{
	if (p->v != NULL)
		medium_list_free(p->v, p->n);
	memset(p, 0, sizeof *p);
}
