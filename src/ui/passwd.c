/*
 * passwd.c -- changing one's own password (Art. 8): forced after a login
 * with an initial, reset or expired password, before anything else, or
 * chosen from the home screen.
 *
 * The screen shows the workstation's rules (from the policy) under the
 * fields; a refused password shows the core's reason next to the field
 * it concerns.  The three password fields are wiped after every attempt.
 * Must not call curses and must not keep a password outside its field.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/entry.h"
#include "ui/screens.h"

struct passwd {
	struct entry	 entry;
	int		 forced;
	struct policy	 pol;
	size_t		 current, fresh, again;
};

/* The rules of policy P, one per line. */
static char *
passwd_rules(const struct policy *p)
{
	char *rules, *line, *next;

	rules = xasprintf("%s\n", _("The rules of this workstation for a "
	    "password:"));
	line = xasprintf(ngettext("- at least %u character;",
	    "- at least %u characters;", p->min_length), p->min_length);
	next = xasprintf("%s%s\n", rules, line);
	free(rules);
	free(line);
	rules = next;
	if (p->min_classes > 1) {
		next = xasprintf(_("%s- at least %u kinds of character of: "
		    "upper case, lower case, digits, others;\n"), rules,
		    p->min_classes);
		free(rules);
		rules = next;
	}
	if (p->letters_digits) {
		next = xasprintf(_("%s- at least one letter and one digit;\n"),
		    rules);
		free(rules);
		rules = next;
	}
	next = xasprintf(_("%s- not containing your user name, and none of "
	    "your last %u passwords;\n- it expires after %u days."), rules,
	    p->history, p->max_age_days);
	free(rules);
	return next;
}

/* Wipe the three fields: after any attempt, nothing typed stays. */
static void
passwd_wipe(struct passwd *p)
{
	entry_clear(&p->entry, p->current);
	entry_clear(&p->entry, p->fresh);
	entry_clear(&p->entry, p->again);
}

/* The checks before asking: every field filled, the two new ones alike,
 * the policy's rules (the core's own check, so the reason shows next to
 * the field before the confirmation).  Returns 0 when one failed. */
static int
passwd_precheck(struct passwd *p)
{
	struct entry *e = &p->entry;
	enum status rc;

	if (*entry_text(e, p->current) == '\0') {
		entry_fail(e, p->current, _("Type your current password."));
		return 0;
	}
	if (*entry_text(e, p->fresh) == '\0') {
		entry_fail(e, p->fresh, _("Type the new password."));
		return 0;
	}
	if (strcmp(entry_text(e, p->fresh), entry_text(e, p->again)) != 0) {
		entry_fail(e, p->again, _("The two new passwords differ; "
		    "type them again."));
		entry_clear(e, p->fresh);
		entry_clear(e, p->again);
		entry_focus(e, p->fresh);
		return 0;
	}
	rc = policy_check_password(&p->pol, app_session()->name,
	    entry_text(e, p->fresh));
	if (rc != STATUS_OK) {
		entry_fail(e, p->fresh, status_message(rc));
		entry_clear(e, p->fresh);
		entry_clear(e, p->again);
		return 0;
	}
	return 1;
}

/* What the core said about the change, next to the field it concerns. */
static int
passwd_refused(struct passwd *p, enum status rc)
{
	switch (rc) {
	case STATUS_BAD_PASSWORD:
		entry_fail(&p->entry, p->current, status_message(rc));
		break;
	case STATUS_PW_WEAK:
	case STATUS_PW_HAS_NAME:
	case STATUS_PW_REUSED:
	case STATUS_ENCODING:
		entry_fail(&p->entry, p->fresh, status_message(rc));
		break;
	case STATUS_LOCKED:
		app_logout(status_message(rc));
		return UI_DRAW_NONE;
	case STATUS_SESSION_IDLE:
		lock_open();
		break;
	default:
		loop_error("%s", status_message(rc));
		break;
	}
	return UI_DRAW_ALL;
}

static int
passwd_submit(struct entry *e)
{
	struct passwd *p = (struct passwd *) e;
	enum status rc;
	int forced = p->forced;

	entry_clear_errors(e);
	if (!passwd_precheck(p))
		return UI_DRAW_SCREEN;
	if (dialog_confirm(_("Change the password"), _("Your password will be "
	    "replaced by the new one.  From now on only the new password "
	    "logs you in."), _("Change"), 1) != 1) {
		passwd_wipe(p);
		entry_focus(e, p->current);
		return UI_DRAW_ALL;
	}

	loop_message(_("Checking the password..."));
	loop_paint();
	rc = session_change_password(app_session(), entry_text(e, p->current),
	    entry_text(e, p->fresh));
	passwd_wipe(p);
	if (rc != STATUS_OK)
		return passwd_refused(p, rc);

	loop_pop();		/* frees P */
	if (forced)
		home_open();
	loop_message(_("Your password is changed."));
	return UI_DRAW_ALL;
}

/* Esc on the forced change: without a new password there is nothing
 * else to do, so it logs out. */
static int
passwd_logout(struct ui_screen *s, enum command cmd)
{
	(void) s;
	(void) cmd;
	app_logout(NULL);
	return UI_DRAW_NONE;
}

static const struct command_row passwd_forced_commands[] = {
	{ CMD_QUIT,	command_quit,	CMD_ANYONE, 0, 0, 0 },
	{ CMD_LOGOUT,	passwd_logout,	CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const passwd_forced_tables[] = {
	entry_save_commands, entry_commands, passwd_forced_commands, NULL
};

static const struct command_row *const passwd_tables[] = {
	entry_save_commands, entry_commands, NULL
};

static void
passwd_close(struct ui_screen *s)
{
	struct passwd *p = (struct passwd *) s;

	entry_free(&p->entry);
	free(p);
}

static const struct ui_screen_ops passwd_forced_ops = {
	"passwd-forced", UI_SCREEN_TEXT, passwd_forced_tables, entry_draw,
	entry_input, NULL, NULL, passwd_close
};

static const struct ui_screen_ops passwd_ops = {
	"passwd", UI_SCREEN_TEXT, passwd_tables, entry_draw, entry_input,
	NULL, NULL, passwd_close
};

/* What the screen says above the fields. */
static char *
passwd_intro(int forced)
{
	const struct session *s = app_session();

	if (!forced)
		return xasprintf(_("Change the password of %s (%s)."),
		    s->full_name, s->name);
	return xasprintf(_("%s\nEsc logs out without changing it."),
	    status_message(s->restriction));
}

void
passwd_open(int forced)
{
	struct passwd *p = xcalloc(1, sizeof *p);
	enum status rc;
	char *text;

	entry_init(&p->entry, forced ? &passwd_forced_ops : &passwd_ops,
	    _("Change your password"), passwd_submit);
	p->forced = forced;
	text = passwd_intro(forced);
	entry_set_intro(&p->entry, text);
	free(text);
	p->current = entry_add_text(&p->entry, _("Current password"), 1, 0,
	    NULL);
	p->fresh = entry_add_text(&p->entry, _("New password"), 1, 0, NULL);
	p->again = entry_add_text(&p->entry, _("New password again"), 1, 0,
	    NULL);

	if ((rc = policy_get(app_store(), &p->pol)) == STATUS_OK) {
		text = passwd_rules(&p->pol);
		entry_set_notes(&p->entry, text);
		free(text);
	} else {
		loop_error("%s", status_message(rc));
	}
	loop_push(&p->entry.screen);
}
