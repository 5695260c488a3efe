/*
 * admin_roles.c -- the security administrator's form for one account:
 * its roles, clearance, issuing authority per kind of document, leader
 * level and department (Art. 7).
 *
 * The rules on combinations (the three administrators exclusive, none
 * with a business role, an administrator role never left without an
 * enabled holder) are the core's: its refusal shows next to the roles.
 * Only what changed is sent, in one call, after a confirmation that
 * lists the account as it will be.  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/entry.h"
#include "ui/screens.h"

/* The role bits in the order they are shown. */
static const uint32_t admin_roles_bits[] = {
	ROLE_DRAFTER, ROLE_APPROVER, ROLE_CLERK, ROLE_PRINTER,
	ROLE_OFFICE_DIRECTOR, ROLE_STATION_DIRECTOR, ROLE_IT_STAFF,
	ROLE_SYSADMIN, ROLE_SECADMIN, ROLE_AUDITOR
};

#define ADMIN_ROLES_N \
	(sizeof admin_roles_bits / sizeof admin_roles_bits[0])

static const char *const admin_roles_clearances[] = {
	N_("none"), N_("secret"), N_("confidential"), N_("top secret")
};

static const char *const admin_roles_levels[] = {
	N_("none"), N_("section chief or deputy"),
	N_("bureau leader in charge"), N_("bureau leader")
};

struct admin_roles {
	struct entry	 entry;
	struct rec_user	 user;		/* as it was read */
	size_t		 role[ADMIN_ROLES_N];
	size_t		 issuing[DOC__KIND_COUNT]; /* sealable kinds */
	size_t		 clearance, level, dept;
	struct rec_dept	*depts;
	size_t		 ndepts;
};

/* What the form says, as attributes; A->fields marks what changed. */
static void
admin_roles_read(const struct admin_roles *r, struct account_attrs *a)
{
	const struct entry *e = &r->entry;
	size_t i, d = entry_choice(e, r->dept);

	memset(a, 0, sizeof *a);
	for (i = 0; i < ADMIN_ROLES_N; i++)
		if (entry_flag(e, r->role[i]))
			a->roles |= admin_roles_bits[i];
	for (i = 0; i < DOC__KIND_COUNT; i++)
		if (doc_kind_sealable((enum doc_kind) i) &&
		    entry_flag(e, r->issuing[i]))
			a->issuing_kinds |= 1u << i;
	a->clearance = (uint8_t) entry_choice(e, r->clearance);
	a->leader_level = (uint8_t) entry_choice(e, r->level);
	a->dept_id = d > 0 ? r->depts[d - 1].id : 0;

	a->fields |= a->roles != r->user.roles ? ACCOUNT_ROLES : 0;
	a->fields |= a->issuing_kinds != r->user.issuing_kinds ?
	    ACCOUNT_ISSUING : 0;
	a->fields |= a->clearance != r->user.clearance ? ACCOUNT_CLEARANCE : 0;
	a->fields |= a->leader_level != r->user.leader_level ?
	    ACCOUNT_LEADER : 0;
	a->fields |= a->dept_id != r->user.dept_id ? ACCOUNT_DEPT : 0;
}

/* "drafter, approver" or "none" (role or kind labels of the set bits). */
static char *
admin_roles_list(uint32_t bits, int kinds)
{
	char *out = xstrdup(""), *next;
	const char *label;
	unsigned i;

	for (i = 0; i < 32; i++) {
		if (!(bits & (1u << i)))
			continue;
		label = kinds ? doc_kind_label((enum doc_kind) i) :
		    perm_role_label(1u << i);
		if (label == NULL)
			continue;
		next = xasprintf("%s%s%s", out, *out != '\0' ? _(", ") : "",
		    label);
		free(out);
		out = next;
	}
	if (*out == '\0') {
		free(out);
		out = xstrdup(_("none"));
	}
	return out;
}

static char *
admin_roles_summary(const struct admin_roles *r, const struct account_attrs *a)
{
	char *roles = admin_roles_list(a->roles, 0);
	char *kinds = admin_roles_list(a->issuing_kinds, 1), *out;
	size_t d = entry_choice(&r->entry, r->dept);

	out = xasprintf(_("The account %s will have:\nroles: %s\nclearance: "
	    "%s\nissues: %s\nleader level: %s\ndepartment: %s\nThe change "
	    "takes effect at its next action and is recorded in the audit "
	    "trail."), r->user.name, roles, _(admin_roles_clearances[
	    a->clearance]), kinds, _(admin_roles_levels[a->leader_level]),
	    d > 0 ? r->depts[d - 1].name : _("none"));
	free(roles);
	free(kinds);
	return out;
}

/* The core's refusal next to what it is about. */
static void
admin_roles_refused(struct admin_roles *r, enum status rc)
{
	switch (rc) {
	case STATUS_ROLE_CONFLICT:
	case STATUS_LAST_ADMIN:
		entry_fail(&r->entry, r->role[0], status_message(rc));
		break;
	case STATUS_NOT_FOUND:
		entry_fail(&r->entry, r->dept, status_message(rc));
		break;
	default:
		loop_error("%s", status_message(rc));
		break;
	}
}

static int
admin_roles_submit(struct entry *e)
{
	struct admin_roles *r = (struct admin_roles *) e;
	struct account_attrs a;
	enum status rc;
	char *summary;
	int yes;

	entry_clear_errors(e);
	admin_roles_read(r, &a);
	if (a.fields == 0) {
		loop_message(_("Nothing changed."));
		return UI_DRAW_STATUS;
	}
	summary = admin_roles_summary(r, &a);
	yes = dialog_confirm(_("Change the account"), summary, _("Change"), 1);
	free(summary);
	if (yes != 1)
		return UI_DRAW_ALL;

	rc = account_set_attrs(app_session(), r->user.name, &a);
	if (rc != STATUS_OK) {
		admin_roles_refused(r, rc);
		return UI_DRAW_ALL;
	}
	loop_message(_("The account %s is changed."), r->user.name);
	loop_finish(1);		/* frees R */
	return UI_DRAW_ALL;
}

static const struct command_row *const admin_roles_tables[] = {
	entry_save_commands, entry_commands, NULL
};

static void
admin_roles_close(struct ui_screen *s)
{
	struct admin_roles *r = (struct admin_roles *) s;

	if (r->depts != NULL)
		account_dept_free(r->depts, r->ndepts);
	rec_free(REC_USER, &r->user);
	entry_free(&r->entry);
	free(r);
}

static const struct ui_screen_ops admin_roles_ops = {
	"account-roles", UI_SCREEN_TEXT, admin_roles_tables, entry_draw,
	entry_input, NULL, entry_unsaved, admin_roles_close
};

/* The choices of a fixed table of N_() labels, translated. */
static size_t
admin_roles_choice(struct entry *e, const char *label,
    const char *const *table, size_t n, size_t initial)
{
	const char *labels[8];
	size_t i;

	for (i = 0; i < n && i < 8; i++)
		labels[i] = _(table[i]);
	return entry_add_choice(e, label, labels, n, initial);
}

static void
admin_roles_add_dept(struct admin_roles *r)
{
	const char **labels;
	size_t i, initial = 0;

	if (account_dept_list(app_session(), &r->depts, &r->ndepts) !=
	    STATUS_OK) {
		r->depts = NULL;
		r->ndepts = 0;
	}
	labels = xcalloc(r->ndepts + 1, sizeof *labels);
	labels[0] = _("none");
	for (i = 0; i < r->ndepts; i++) {
		labels[i + 1] = r->depts[i].name;
		if (r->depts[i].id == r->user.dept_id)
			initial = i + 1;
	}
	r->dept = entry_add_choice(&r->entry, _("Department"), labels,
	    r->ndepts + 1, initial);
	free(labels);
}

static void
admin_roles_build(struct admin_roles *r)
{
	struct entry *e = &r->entry;
	char *label;
	size_t i;

	for (i = 0; i < ADMIN_ROLES_N; i++)
		r->role[i] = entry_add_flag(e, perm_role_label(
		    admin_roles_bits[i]), (r->user.roles &
		    admin_roles_bits[i]) != 0);
	entry_set_note(e, r->role[0], _("roles: Space switches"));
	r->clearance = admin_roles_choice(e, _("Clearance"),
	    admin_roles_clearances, 4, r->user.clearance < 4 ?
	    r->user.clearance : 0);
	for (i = 0; i < DOC__KIND_COUNT; i++) {
		if (!doc_kind_sealable((enum doc_kind) i))
			continue;
		label = xasprintf(_("Issues: %s"),
		    doc_kind_label((enum doc_kind) i));
		r->issuing[i] = entry_add_flag(e, label,
		    (r->user.issuing_kinds & (1u << i)) != 0);
		entry_set_hint(e, r->issuing[i], _("Issuing authority: "
		    "this approver may sign off documents of this kind."));
		free(label);
	}
	r->level = admin_roles_choice(e, _("Leader level"), admin_roles_levels,
	    4, r->user.leader_level < 4 ? r->user.leader_level : 0);
	admin_roles_add_dept(r);
}

int
admin_roles_run(const struct rec_user *user)
{
	struct admin_roles *r = xcalloc(1, sizeof *r);
	char *title, *intro;

	r->user.name = xstrdup(user->name);
	r->user.full_name = xstrdup(user->full_name != NULL ?
	    user->full_name : "");
	r->user.roles = user->roles;
	r->user.clearance = user->clearance;
	r->user.issuing_kinds = user->issuing_kinds;
	r->user.leader_level = user->leader_level;
	r->user.dept_id = user->dept_id;

	title = xasprintf(_("Roles of %s"), user->name);
	entry_init(&r->entry, &admin_roles_ops, title, admin_roles_submit);
	intro = xasprintf(_("%s (%s).  Space switches a role on or off.  The "
	    "three administrators are separate people and hold no business "
	    "role.  F2 saves."), r->user.full_name, r->user.name);
	entry_set_intro(&r->entry, intro);
	free(intro);
	free(title);
	admin_roles_build(r);
	return loop_modal(&r->entry.screen);
}
