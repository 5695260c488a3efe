/*
 * admin_users.c -- the accounts, for the two administrators who manage
 * them.  The system administrator adds accounts (the initial password is
 * shown once, in a dialog, and nowhere else) and disables or enables
 * them; the security administrator changes roles and the rest
 * (admin_roles.c), unlocks accounts and resets forgotten passwords.  Each
 * sees only the commands of their role: the rows carry the core action,
 * and the core checks every call again.
 *
 * An instance of the generic list.  Every change asks first with a
 * summary and reports the outcome on the message line.  Must not call
 * curses and must not keep a generated password after its dialog.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/entry.h"
#include "ui/list.h"
#include "ui/screens.h"

#define USERS_FULL_COL		14	/* columns of the list */
#define USERS_ROLES_COL		32
#define USERS_STATE_COL		60
#define USERS_NAME_MAX		32	/* characters of a login name */
#define USERS_FULL_MAX		40	/* characters of a full name */

struct admin_users {
	struct list		 list;
	struct rec_user		*users;
	size_t			 n;
	char			**texts;	/* for / and limit */
};

/* "drafter, approver" in the reader's language. */
static char *
admin_users_roles(uint32_t roles)
{
	char *out = xstrdup(""), *next;
	uint32_t bit;

	for (bit = 1; bit != 0; bit <<= 1) {
		if (!(roles & bit) || perm_role_label(bit) == NULL)
			continue;
		next = xasprintf("%s%s%s", out, *out != '\0' ? _(", ") : "",
		    perm_role_label(bit));
		free(out);
		out = next;
	}
	if (*out == '\0') {
		free(out);
		out = xstrdup(_("no role yet"));
	}
	return out;
}

static const char *
admin_users_state(const struct rec_user *u)
{
	if (u->disabled)
		return _("disabled");
	if (account_is_locked(u, clock_now()))
		return _("locked");
	if (u->pw_must_change)
		return _("must change password");
	return _("enabled");
}

/* "li (李四)" for summaries and messages. */
static char *
admin_users_who(const struct rec_user *u)
{
	if (u->full_name == NULL || *u->full_name == '\0')
		return xstrdup(u->name);
	return xasprintf("%s (%s)", u->name, u->full_name);
}

/* -- The model ---------------------------------------------------------- */

static void
admin_users_forget(struct admin_users *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->texts[i]);
	free(a->texts);
	if (a->users != NULL)
		account_list_free(a->users, a->n);
	a->users = NULL;
	a->texts = NULL;
	a->n = 0;
}

/* Read the accounts again; an error is shown and the list left empty. */
static void
admin_users_load(struct admin_users *a)
{
	enum status rc;
	size_t i;
	char *roles;

	admin_users_forget(a);
	rc = account_list(app_session(), &a->users, &a->n);
	if (rc != STATUS_OK) {
		a->users = NULL;
		a->n = 0;
		loop_error("%s", status_message(rc));
	}
	a->texts = xcalloc(a->n > 0 ? a->n : 1, sizeof *a->texts);
	for (i = 0; i < a->n; i++) {
		roles = admin_users_roles(a->users[i].roles);
		a->texts[i] = xasprintf("%s %s %s %s", a->users[i].name,
		    a->users[i].full_name != NULL ? a->users[i].full_name : "",
		    roles, admin_users_state(&a->users[i]));
		free(roles);
	}
}

static size_t
admin_users_count(struct list *l)
{
	return ((struct admin_users *) l)->n;
}

static const char *
admin_users_text(struct list *l, size_t item)
{
	return ((struct admin_users *) l)->texts[item];
}

static void
admin_users_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	const struct rec_user *u = &((struct admin_users *) l)->users[item];
	struct draw_rect cell = *r;
	char *roles = admin_users_roles(u->roles);

	cell.w = USERS_FULL_COL - 1;
	draw_text(&cell, row, 0, u->name, st);
	cell.x = r->x + USERS_FULL_COL;
	cell.w = USERS_ROLES_COL - USERS_FULL_COL - 1;
	draw_text(&cell, row, 0, u->full_name != NULL ? u->full_name : "", st);
	cell.x = r->x + USERS_ROLES_COL;
	cell.w = USERS_STATE_COL - USERS_ROLES_COL - 1;
	draw_text(&cell, row, 0, roles, st);
	draw_text(r, row, USERS_STATE_COL, admin_users_state(u), st);
	free(roles);
}

static int
admin_users_compare(struct list *l, size_t a, size_t b, int key)
{
	const struct admin_users *u = (const struct admin_users *) l;

	if (key == 1)
		return strcmp(admin_users_state(&u->users[a]),
		    admin_users_state(&u->users[b]));
	return strcmp(u->users[a].name, u->users[b].name);
}

static const char *const admin_users_sort_names[] = {
	N_("name"), N_("state"), NULL
};

static const struct list_ops admin_users_list_ops = {
	admin_users_count, admin_users_draw_row, admin_users_text,
	admin_users_compare, admin_users_sort_names
};

/* The list changed under the cursor: read it again, keep the place. */
static void
admin_users_reload(struct admin_users *a)
{
	admin_users_load(a);
	list_reload(&a->list);
}

/* The account under the cursor, or NULL. */
static const struct rec_user *
admin_users_selected(struct admin_users *a)
{
	size_t item;

	return list_selected(&a->list, &item) ? &a->users[item] : NULL;
}

/* -- A password shown once ---------------------------------------------- */

/* Show the generated PASSWORD of U once, then wipe it and the text. */
static void
admin_users_show_password(const char *name, char *password)
{
	char *text;

	text = xasprintf(_("The initial password of %s is:\n\n    %s\n\n"
	    "It is shown only this once: hand it to %s in person.  It must be "
	    "changed at the first login."), name, password, name);
	dialog_message(_("Initial password"), text);
	mem_free_secret(text);
	account_password_free(password);
}

/* -- Adding an account -------------------------------------------------- */

struct admin_users_add {
	struct entry	 entry;
	size_t		 name, full, dept;
	struct rec_dept	*depts;		/* choices after "none" */
	size_t		 ndepts;
};

static int
admin_users_add_submit(struct entry *e)
{
	struct admin_users_add *d = (struct admin_users_add *) e;
	const char *name = entry_text(e, d->name);
	const char *full = entry_text(e, d->full);
	size_t dept = entry_choice(e, d->dept);
	char *summary, *pw = NULL;
	enum status rc;
	int yes;

	entry_clear_errors(e);
	if (*name == '\0') {
		entry_fail(e, d->name, _("Type the login name."));
		return UI_DRAW_SCREEN;
	}
	summary = xasprintf(_("Create the account %s for %s, department: %s.  "
	    "It gets no role until the security administrator gives it one, "
	    "and an initial password, shown once, that must be changed at the "
	    "first login."), name, *full != '\0' ? full : _("(no full name)"),
	    dept > 0 ? d->depts[dept - 1].name : _("none"));
	yes = dialog_confirm(_("Add an account"), summary, _("Add"), 1);
	free(summary);
	if (yes != 1)
		return UI_DRAW_ALL;

	rc = account_add(app_session(), name, *full != '\0' ? full : NULL,
	    dept > 0 ? d->depts[dept - 1].id : 0, &pw, NULL);
	if (rc == STATUS_EXISTS || rc == STATUS_INVALID) {
		entry_fail(e, d->name, status_message(rc));
		return UI_DRAW_ALL;
	}
	if (rc != STATUS_OK) {
		loop_error("%s", status_message(rc));
		return UI_DRAW_ALL;
	}
	admin_users_show_password(name, pw);
	loop_message(_("The account %s is created."), name);
	loop_finish(1);		/* frees D */
	return UI_DRAW_ALL;
}

static const struct command_row *const admin_users_add_tables[] = {
	entry_save_commands, entry_commands, NULL
};

static void
admin_users_add_close(struct ui_screen *s)
{
	struct admin_users_add *d = (struct admin_users_add *) s;

	if (d->depts != NULL)
		account_dept_free(d->depts, d->ndepts);
	entry_free(&d->entry);
	free(d);
}

static const struct ui_screen_ops admin_users_add_ops = {
	"account-add", UI_SCREEN_TEXT, admin_users_add_tables, entry_draw,
	entry_input, NULL, entry_unsaved, admin_users_add_close
};

/* The department choice: "none", then every department by name. */
static void
admin_users_add_depts(struct admin_users_add *d)
{
	const char **labels;
	size_t i;

	if (account_dept_list(app_session(), &d->depts, &d->ndepts) !=
	    STATUS_OK) {
		d->depts = NULL;
		d->ndepts = 0;
	}
	labels = xcalloc(d->ndepts + 1, sizeof *labels);
	labels[0] = _("none");
	for (i = 0; i < d->ndepts; i++)
		labels[i + 1] = d->depts[i].name;
	d->dept = entry_add_choice(&d->entry, _("Department"), labels,
	    d->ndepts + 1, 0);
	free(labels);
}

static int
admin_users_add(struct ui_screen *s, enum command cmd)
{
	struct admin_users_add *d = xcalloc(1, sizeof *d);

	(void) cmd;
	entry_init(&d->entry, &admin_users_add_ops, _("Add an account"),
	    admin_users_add_submit);
	entry_set_intro(&d->entry, _("A new account for a person of the "
	    "bureau.  The login name is made of letters, digits, '.', '-' and "
	    "'_'.  F2 adds it."));
	d->name = entry_add_text(&d->entry, _("Login name"), 0,
	    USERS_NAME_MAX, NULL);
	d->full = entry_add_text(&d->entry, _("Full name"), 0, USERS_FULL_MAX,
	    NULL);
	admin_users_add_depts(d);
	if (loop_modal(&d->entry.screen) == 1 && !loop_is_quitting())
		admin_users_reload((struct admin_users *) s);
	return UI_DRAW_ALL;
}

/* -- Changing an account ------------------------------------------------ */

static int
admin_users_disable(struct ui_screen *s, enum command cmd)
{
	struct admin_users *a = (struct admin_users *) s;
	const struct rec_user *u = admin_users_selected(a);
	int disable;
	char *who, *summary;
	enum status rc = STATUS_CANCELLED;

	(void) cmd;
	if (u == NULL)
		return UI_DRAW_NONE;
	disable = !u->disabled;
	who = admin_users_who(u);
	summary = xasprintf(disable ? _("Disable the account %s: it can no "
	    "longer log in, and its records stay as they are.") :
	    _("Enable the account %s again: it can log in with its current "
	    "password."), who);
	if (dialog_confirm(disable ? _("Disable the account") :
	    _("Enable the account"), summary, disable ? _("Disable") :
	    _("Enable"), 0) == 1)
		rc = account_set_disabled(app_session(), u->name, disable);
	if (rc == STATUS_OK)
		loop_message(disable ? _("%s is disabled.") :
		    _("%s is enabled."), who);
	else if (rc != STATUS_CANCELLED)
		loop_error("%s", status_message(rc));
	free(summary);
	free(who);
	if (rc == STATUS_OK)
		admin_users_reload(a);
	return UI_DRAW_ALL;
}

static int
admin_users_unlock(struct ui_screen *s, enum command cmd)
{
	struct admin_users *a = (struct admin_users *) s;
	const struct rec_user *u = admin_users_selected(a);
	enum status rc = STATUS_CANCELLED;
	char *who, *summary;

	(void) cmd;
	if (u == NULL)
		return UI_DRAW_NONE;
	who = admin_users_who(u);
	if (!account_is_locked(u, clock_now())) {
		loop_message(_("%s is not locked."), who);
		free(who);
		return UI_DRAW_STATUS;
	}
	summary = xasprintf(_("Lift the lock on %s: it can log in again at "
	    "once, and its count of failed logins starts again."), who);
	if (dialog_confirm(_("Unlock the account"), summary, _("Unlock"),
	    1) == 1)
		rc = account_unlock(app_session(), u->name);
	if (rc == STATUS_OK)
		loop_message(_("%s is unlocked."), who);
	else if (rc != STATUS_CANCELLED)
		loop_error("%s", status_message(rc));
	free(summary);
	free(who);
	if (rc == STATUS_OK)
		admin_users_reload(a);
	return UI_DRAW_ALL;
}

static int
admin_users_reset(struct ui_screen *s, enum command cmd)
{
	struct admin_users *a = (struct admin_users *) s;
	const struct rec_user *u = admin_users_selected(a);
	enum status rc = STATUS_CANCELLED;
	char *who, *summary, *pw = NULL, *name;

	(void) cmd;
	if (u == NULL)
		return UI_DRAW_NONE;
	who = admin_users_who(u);
	name = xstrdup(u->name);
	summary = xasprintf(_("Reset the password of %s: the current password "
	    "stops working, a new initial password is shown once, and it must "
	    "be changed at the next login.  A lock after failed logins is "
	    "lifted too."), who);
	if (dialog_confirm(_("Reset the password"), summary,
	    _("Reset"), 0) == 1)
		rc = account_reset_password(app_session(), name, &pw);
	if (rc == STATUS_OK) {
		admin_users_show_password(name, pw);
		loop_message(_("The password of %s is reset."), who);
		admin_users_reload(a);
	} else if (rc != STATUS_CANCELLED) {
		loop_error("%s", status_message(rc));
	}
	free(name);
	free(summary);
	free(who);
	return UI_DRAW_ALL;
}

static int
admin_users_edit(struct ui_screen *s, enum command cmd)
{
	struct admin_users *a = (struct admin_users *) s;
	const struct rec_user *u = admin_users_selected(a);

	(void) cmd;
	if (u != NULL && admin_roles_run(u) == 1 && !loop_is_quitting())
		admin_users_reload(a);
	return UI_DRAW_ALL;
}

static const struct command_row admin_users_commands[] = {
	{ CMD_ADD,	admin_users_add,     ACT_USER_ADD, 0, 0, CMD_BOTTOM },
	{ CMD_DISABLE,	admin_users_disable, ACT_USER_DISABLE,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_EDIT,	admin_users_edit,    ACT_USER_ROLES,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_UNLOCK,	admin_users_unlock,  ACT_USER_UNLOCK,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_RESET_PW,	admin_users_reset,   ACT_PW_RESET,
	  CMD_NEEDS_SELECTION, 0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const admin_users_tables[] = {
	admin_users_commands, list_commands, list_sort_commands, NULL
};

static void
admin_users_close(struct ui_screen *s)
{
	struct admin_users *a = (struct admin_users *) s;

	admin_users_forget(a);
	list_free(&a->list);
	free(a);
}

static const struct ui_screen_ops admin_users_ops = {
	"accounts", 0, admin_users_tables, list_draw, NULL, list_context,
	NULL, admin_users_close
};

void
admin_users_open(void)
{
	static const int cols[] = { 0, USERS_FULL_COL, USERS_ROLES_COL,
	    USERS_STATE_COL };
	struct admin_users *a = xcalloc(1, sizeof *a);
	const char *names[4];
	char *header;

	names[0] = _("Login");
	names[1] = _("Full name");
	names[2] = _("Roles");
	names[3] = _("State");
	admin_users_load(a);
	list_init(&a->list, &admin_users_ops, &admin_users_list_ops,
	    _("Accounts"));
	header = list_columns(names, cols, 4);
	list_set_header(&a->list, header);
	free(header);
	list_set_empty(&a->list, _("No account to show."));
	loop_push(&a->list.screen);
}
