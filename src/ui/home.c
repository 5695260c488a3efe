/*
 * home.c -- the home screen: what the user's roles allow, as a menu made
 * from one table (the role that reaches each entry is the core action in
 * its row), with the queues of waiting documents and their counts, and
 * under it who is logged in, with which roles, and any warning (the
 * password about to expire, the audit trail past its space threshold).
 *
 * An instance of the generic list (list.h).  Esc or q logs out (asking
 * first), F10 quits.  Must not call curses.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/docs.h"	/* the document screens: docs.h */
#include "ui/list.h"
#include "ui/screens.h"

#define HOME_MAX	32	/* entries of the menu */
#define HOME_FOOTER	5	/* body rows under the menu */
#define HOME_COUNT_COL	44	/* where a queue's count starts */

static void home_passwd(void);

/*
 * The menu: queues first (the work that waits), then the screens.  An
 * entry is shown to whoever holds a role the permission table allows for
 * its action, so an administrator sees only that administrator's screens
 * (and the core refuses the rest anyway).
 */
static const struct home_entry home_table[] = {
	{ N_("To approve"),		ACT_DOC_APPROVE, INBOX_APPROVE, NULL },
	{ N_("Applications to decide"),	ACT_APP_DECIDE,	 INBOX_APPLICATIONS, NULL },
	{ N_("Returned to me"),		ACT_DOC_DRAFT,	 INBOX_RETURNED, NULL },
	{ N_("To send for sealing"),	ACT_DOC_SEND,	 INBOX_SEND, NULL },
	{ N_("To seal"),		ACT_DOC_SEAL,	 INBOX_SEAL, NULL },
	{ N_("To print"),		ACT_DOC_PRINT,	 INBOX_PRINT, NULL },
	/* The document screens (docs.h). */
	{ N_("Draft a document"),	ACT_DOC_DRAFT,	 -1, draft_open },
	{ N_("Documents"),		ACT_DOC_READ,	 -1, doclist_open_all },
	{ N_("Print log"),		ACT_DOC_READ,	 -1, printlogview_open },
	{ N_("Seal register"),		ACT_SEAL_READ,	 -1, seals_open },
	{ N_("Standalone seals"),	ACT_SEAL_READ,	 INBOX_STANDALONE, standalones_open },
	{ N_("Verify a sealed file"),	ACT_DOC_READ,	 -1, verify_open },
	{ N_("Reports"),		ACT_REPORT,	 -1, reports_open },
	{ N_("Accounts"),		ACT_USER_LIST,	 -1, admin_users_open },
	{ N_("Departments"),		ACT_DEPT_MANAGE, -1, admin_depts_open },
	{ N_("Password and session policy"), ACT_POLICY_SET, -1, admin_policy_open },
	{ N_("Printers"),		ACT_PRINTER_MANAGE, -1, admin_printers_open },
	{ N_("Removable media"),	ACT_MEDIUM_REGISTER, -1, admin_media_open },
	{ N_("Register of accounts"),	ACT_REPORT_ACCOUNTS, -1, reports_accounts_open },
	{ N_("Verify the audit trail"),	ACT_AUDIT_VERIFY, -1, admin_audit_verify_open },
	{ N_("Recent audit entries"),	ACT_AUDIT_READ,	 -1, admin_audit_entries_open },
	{ N_("Search the audit trail"),	ACT_AUDIT_READ,	 -1, admin_audit_search_open },
	{ N_("Archive the audit trail"), ACT_AUDIT_EXPORT, -1, admin_audit_archive_open },
	{ N_("Change my password"),	ACT_PW_CHANGE,	 -1, home_passwd },
};

#define HOME_NTABLE	(sizeof home_table / sizeof home_table[0])

size_t
home_menu(uint32_t roles, const struct home_entry **rows, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < HOME_NTABLE; i++) {
		if (!app_permit_roles(roles, home_table[i].perm))
			continue;
		if (n < max)
			rows[n] = &home_table[i];
		n++;
	}
	return n;
}

struct home {
	struct list		 list;
	const struct home_entry	*rows[HOME_MAX];
	size_t			 n;
	struct inbox_counts	 counts;
	int			 have_counts;
	char			*who;		/* name and roles */
	char			*warning;	/* or NULL */
};

static void
home_passwd(void)
{
	passwd_open(0);
}

/* -- The model ---------------------------------------------------------- */

static size_t
home_count(struct list *l)
{
	return ((struct home *) l)->n;
}

static const char *
home_text(struct list *l, size_t item)
{
	return _(((struct home *) l)->rows[item]->label);
}

static void
home_draw_row(struct list *l, size_t item, const struct draw_rect *r,
    int row, enum draw_style st)
{
	struct home *h = (struct home *) l;
	const struct home_entry *e = h->rows[item];
	char *count;

	draw_text(r, row, 1, _(e->label), st);
	if (e->queue < 0 || !h->have_counts)
		return;
	count = xasprintf(_("%u waiting"), (unsigned) h->counts.n[e->queue]);
	draw_text(r, row, HOME_COUNT_COL, count, st);
	free(count);
}

static const struct list_ops home_list_ops = {
	home_count, home_draw_row, home_text, NULL, NULL
};

/* The queue counts, read again (after every screen opened from here). */
static void
home_refresh(struct home *h)
{
	struct session *s = app_session();
	enum status rc;

	h->have_counts = 0;
	if (s == NULL || (s->roles & ROLE_BUSINESS_MASK) == 0)
		return;
	rc = inbox_counts(app_store(), s, &h->counts);
	if (rc == STATUS_OK)
		h->have_counts = 1;
	else if (rc == STATUS_SESSION_IDLE)
		lock_open();
	else
		loop_error("%s", status_message(rc));
}

/* -- Painting ----------------------------------------------------------- */

static void
home_draw(struct ui_screen *s)
{
	struct home *h = (struct home *) s;
	struct draw_rect foot = list_footer(&h->list), text = foot;

	list_draw(s);
	draw_clear(&foot, DRAW_NORMAL);
	draw_hline(&foot, 0);
	text.y++;
	text.h--;
	text.x++;
	text.w -= 2;
	draw_wrap(&text, 0, h->who, DRAW_NORMAL);
	if (h->warning != NULL)
		draw_wrap(&text, draw_wrap_rows(h->who, text.w), h->warning,
		    DRAW_ERROR);
}

/* "李四 (li): drafter, approver" */
static char *
home_who(const struct session *s)
{
	char *who = *s->full_name != '\0' ? xasprintf("%s (%s):",
	    s->full_name, s->name) : xasprintf("%s:", s->name), *next;
	const char *sep = " ";
	uint32_t bit;

	for (bit = 1; bit != 0; bit <<= 1) {
		if (!(s->roles & bit) || perm_role_label(bit) == NULL)
			continue;
		next = xasprintf("%s%s%s", who, sep, perm_role_label(bit));
		free(who);
		who = next;
		sep = _(", ");
	}
	return who;
}

/* The warnings of the login: the password's expiry; for administrators
 * the audit trail's space. */
static char *
home_warning(const struct session *s)
{
	uint64_t used = 0, threshold = 0;
	int days = session_expiry_warning(s);
	char *w = NULL, *next;

	if (days >= 0)
		w = xasprintf(ngettext("Your password expires in %d day; p "
		    "changes it.", "Your password expires in %d days; p "
		    "changes it.", (unsigned long) days), days);
	if ((s->roles & ROLE_ADMIN_MASK) != 0 &&
	    audit_space_warning(app_store(), &used, &threshold) ==
	    STATUS_AUDIT_SPACE) {
		next = xasprintf("%s%s%s", w != NULL ? w : "", w != NULL ?
		    "\n" : "", status_message(STATUS_AUDIT_SPACE));
		free(w);
		w = next;
	}
	return w;
}

/* -- Commands ----------------------------------------------------------- */

static int
home_open_entry(struct ui_screen *s, enum command cmd)
{
	struct home *h = (struct home *) s;
	const struct home_entry *e;
	struct ui_screen *top = loop_top();
	size_t item;

	(void) cmd;
	if (!list_selected(&h->list, &item))
		return UI_DRAW_NONE;
	e = h->rows[item];
	if (e->open != NULL)
		e->open();	/* a screen, perhaps with a queue's count */
	else
		doclist_open_queue(e->queue);	/* docs.h */
	/* Wait for the screen opened to be closed, then count again. */
	if (loop_top() != top && !loop_is_quitting())
		loop_wait(loop_top());
	if (!loop_is_quitting())
		home_refresh(h);
	return UI_DRAW_ALL;
}

static int
home_passwd_cmd(struct ui_screen *s, enum command cmd)
{
	(void) s;
	(void) cmd;
	passwd_open(0);
	return UI_DRAW_ALL;
}

static int
home_logout(struct ui_screen *s, enum command cmd)
{
	(void) s;
	(void) cmd;
	if (dialog_confirm(_("Log out"), _("End your session and return to "
	    "the login screen?"), _("Log out"), 1) == 1)
		app_logout(NULL);
	return UI_DRAW_ALL;
}

static const struct command_row home_commands[] = {
	{ CMD_OPEN,	home_open_entry, CMD_ANYONE, CMD_NEEDS_SELECTION, 0,
	  CMD_BOTTOM },
	{ CMD_PASSWD,	home_passwd_cmd, ACT_PW_CHANGE, 0, 0, CMD_BOTTOM },
	{ CMD_QUIT,	command_quit,	 CMD_ANYONE, 0, 0, 0 },
	{ CMD_LOGOUT,	home_logout,	 CMD_ANYONE, 0, 0, CMD_BOTTOM },
	{ CMD_NONE, NULL, 0, 0, 0, 0 }
};

static const struct command_row *const home_tables[] = {
	home_commands, list_commands, NULL
};

static void
home_close(struct ui_screen *s)
{
	struct home *h = (struct home *) s;

	free(h->who);
	free(h->warning);
	list_free(&h->list);
	free(h);
}

static const struct ui_screen_ops home_ops = {
	"home", 0, home_tables, home_draw, NULL, list_context, NULL,
	home_close
};

void
home_open(void)
{
	const struct session *s = app_session();
	struct home *h = xcalloc(1, sizeof *h);
	char *title;

	h->n = home_menu(s->roles, h->rows, HOME_MAX);
	if (h->n > HOME_MAX)
		h->n = HOME_MAX;
	h->who = home_who(s);
	h->warning = home_warning(s);
	home_refresh(h);

	title = xasprintf(_("eseal: home of %s"), *s->full_name != '\0' ?
	    s->full_name : s->name);
	list_init(&h->list, &home_ops, &home_list_ops, title);
	free(title);
	list_set_empty(&h->list, _("Your roles give you no screen yet."));
	h->list.footer = HOME_FOOTER;
	loop_push(&h->list.screen);
	if (h->warning != NULL)
		loop_error("%s", h->warning);
}
