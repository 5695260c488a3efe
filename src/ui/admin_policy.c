/*
 * admin_policy.c -- the password and session policy (Art. 8), for the
 * security administrator: one number per setting, each with its floor
 * for this workstation's classification beside it and its meaning on the
 * bottom row.
 *
 * The core decides what is allowed: a value looser than the floor, or
 * out of range, shows the core's refusal (policy_validate, the check
 * policy_set makes) next to its field, before anything is asked.  Must
 * not call curses.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/entry.h"
#include "ui/screens.h"

#define POLICY_MAX_FIELDS	32
#define POLICY_VALUE_COLS	10	/* columns of a value */

struct admin_policy {
	struct entry	 entry;
	struct policy	 saved;		/* as stored */
	size_t		 n;		/* input i is setting i */
};

static const char *
admin_policy_class(unsigned cls)
{
	switch (cls) {
	case CLASS_NONE:		return _("unclassified");
	case CLASS_SECRET:		return _("secret");
	case CLASS_CONFIDENTIAL:	return _("confidential");
	default:			return _("unknown");
	}
}

/* The entry item of setting NAME, or the first. */
static size_t
admin_policy_index(const struct admin_policy *p, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < p->n; i++)
		if (strcmp(policy_field_name((unsigned) i), name) == 0)
			return i;
	return 0;
}

static int
admin_policy_number(const char *text, uint32_t *v)
{
	unsigned long n;
	char *end;

	errno = 0;
	if (*text < '0' || *text > '9')
		return -1;
	n = strtoul(text, &end, 10);
	if (errno != 0 || *end != '\0' || n > UINT32_MAX)
		return -1;
	*v = (uint32_t) n;
	return 0;
}

/* The form's values into *OUT; 0 when one is not a number (marked). */
static int
admin_policy_read(struct admin_policy *p, struct policy *out)
{
	uint32_t v;
	size_t i;

	*out = p->saved;
	for (i = 0; i < p->n; i++) {
		if (admin_policy_number(entry_text(&p->entry, i), &v) != 0) {
			entry_fail(&p->entry, i, _("Type a whole number."));
			return 0;
		}
		policy_field_set(out, policy_field_name((unsigned) i), v);
	}
	return 1;
}

/* The core's refusal RC of NEW, next to the setting it is about. */
static void
admin_policy_refused(struct admin_policy *p, const struct policy *new,
    enum status rc)
{
	const char *field = NULL;
	size_t i;
	uint32_t floor;
	char *msg;

	if (rc != STATUS_POLICY_FLOOR && rc != STATUS_INVALID) {
		loop_error("%s", status_message(rc));
		return;
	}
	policy_validate(new, &field);
	i = admin_policy_index(p, field);
	if (rc == STATUS_POLICY_FLOOR && policy_field_floor(new,
	    policy_field_name((unsigned) i), &floor) == STATUS_OK)
		msg = xasprintf(_("%s (floor %u)"), status_message(rc),
		    (unsigned) floor);
	else
		msg = xstrdup(status_message(rc));
	entry_fail(&p->entry, i, msg);
	free(msg);
}

/* "min-length 10 -> 12" per changed setting; NULL when none changed. */
static char *
admin_policy_changes(const struct admin_policy *p, const struct policy *new)
{
	char *out = NULL, *next;
	uint32_t a, b;
	size_t i;

	for (i = 0; i < p->n; i++) {
		const char *name = policy_field_name((unsigned) i);

		policy_field_get(&p->saved, name, &a);
		policy_field_get(new, name, &b);
		if (a == b)
			continue;
		next = xasprintf("%s%s: %u -> %u\n", out != NULL ? out : "",
		    name, (unsigned) a, (unsigned) b);
		free(out);
		out = next;
	}
	return out;
}

/* The values on screen are the stored ones now: nothing unsaved. */
static void
admin_policy_mark_saved(struct admin_policy *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		p->entry.items[i].edit.changed = 0;
}

static int
admin_policy_submit(struct entry *e)
{
	struct admin_policy *p = (struct admin_policy *) e;
	struct policy new;
	char *changes, *summary;
	enum status rc;
	int yes;

	entry_clear_errors(e);
	if (!admin_policy_read(p, &new))
		return UI_DRAW_SCREEN;
	if ((rc = policy_validate(&new, NULL)) != STATUS_OK) {
		admin_policy_refused(p, &new, rc);
		return UI_DRAW_SCREEN;
	}
	if ((changes = admin_policy_changes(p, &new)) == NULL) {
		loop_message(_("Nothing changed."));
		return UI_DRAW_STATUS;
	}
	summary = xasprintf(_("The policy will change:\n%sIt applies to "
	    "logins and password changes from now on, and is recorded in the "
	    "audit trail."), changes);
	yes = dialog_confirm(_("Change the policy"), summary, _("Change"), 1);
	free(summary);
	free(changes);
	if (yes != 1)
		return UI_DRAW_ALL;

	if ((rc = policy_set(app_session(), &new)) != STATUS_OK) {
		admin_policy_refused(p, &new, rc);
		return UI_DRAW_ALL;
	}
	p->saved = new;
	admin_policy_mark_saved(p);
	loop_message(_("The policy is saved."));
	return UI_DRAW_ALL;
}

static const struct command_row *const admin_policy_tables[] = {
	entry_save_commands, entry_commands, NULL
};

static void
admin_policy_close(struct ui_screen *s)
{
	struct admin_policy *p = (struct admin_policy *) s;

	entry_free(&p->entry);
	free(p);
}

static const struct ui_screen_ops admin_policy_ops = {
	"policy", UI_SCREEN_TEXT, admin_policy_tables, entry_draw,
	entry_input, NULL, entry_unsaved, admin_policy_close
};

/* One field per setting: its value, its floor beside it, its meaning
 * on the bottom row. */
static void
admin_policy_build(struct admin_policy *p)
{
	const char *name;
	uint32_t v, floor;
	char num[16], *note;
	size_t i;

	for (i = 0; i < POLICY_MAX_FIELDS &&
	    (name = policy_field_name((unsigned) i)) != NULL; i++) {
		policy_field_get(&p->saved, name, &v);
		snprintf(num, sizeof num, "%u", (unsigned) v);
		entry_add_text(&p->entry, name, 0, POLICY_VALUE_COLS, num);
		entry_set_width(&p->entry, i, POLICY_VALUE_COLS + 1);
		entry_set_hint(&p->entry, i,
		    policy_field_describe((unsigned) i));
		if (policy_field_floor(&p->saved, name, &floor) == STATUS_OK) {
			note = xasprintf(_("floor %u"), (unsigned) floor);
			entry_set_note(&p->entry, i, note);
			free(note);
		}
	}
	p->n = i;
}

void
admin_policy_open(void)
{
	struct admin_policy *p = xcalloc(1, sizeof *p);
	enum status rc;
	char *intro;

	if ((rc = policy_get(app_store(), &p->saved)) != STATUS_OK) {
		loop_error("%s", status_message(rc));
		free(p);
		return;
	}
	entry_init(&p->entry, &admin_policy_ops,
	    _("Password and session policy"), admin_policy_submit);
	intro = xasprintf(_("This workstation is %s.  Each setting may be "
	    "made stricter, never looser than its floor for that "
	    "classification.  The bottom line says what the setting under "
	    "the cursor means; F2 saves."),
	    admin_policy_class(p->saved.classification));
	entry_set_intro(&p->entry, intro);
	free(intro);
	admin_policy_build(p);
	loop_push(&p->entry.screen);
}
