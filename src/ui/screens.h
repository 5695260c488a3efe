/*
 * screens.h -- the screens a user moves between, one opener each, and
 * the home screen's menu table (which role reaches which screen).
 *
 * Each opener pushes its screen (loop_push) or, where its caller waits
 * for it to end, runs it (loop_modal).  What the core refuses is shown
 * on the message line with the core's own message; what a screen offers
 * is filtered by the same permission table (app.c), so administrators
 * see only their own screens.
 */
#ifndef ESEAL_UI_SCREENS_H
#define ESEAL_UI_SCREENS_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/* login.c: the user name and password; shows NOTICE (may be NULL) on the
 * message line. */
void login_open(const char *notice);

/* passwd.c: change one's own password.  FORCED: the session is
 * restricted (initial, reset or expired password) and the home screen
 * follows the change; Esc logs out instead of going back. */
void passwd_open(int forced);

/* lock.c: cover everything until the password is given again. */
void lock_open(void);

/* home.c: what the user's roles allow. */
void home_open(void);

/* One line of the home menu: a queue of waiting documents, or a screen. */
struct home_entry {
	const char	*label;		/* N_() */
	int		 perm;		/* the core action it needs */
	int		 queue;		/* enum inbox_queue, or -1 */
	void		(*open)(void);	/* a screen (showing QUEUE's count
					 * when there is one); NULL: the
					 * queue's documents */
};

/* The menu for ROLES, in table order: fills up to MAX pointers into the
 * table and returns how many entries there are. */
size_t home_menu(uint32_t roles, const struct home_entry **rows, size_t max);

/* admin_users.c: the accounts, for both administrators who manage them
 * (ACT_USER_LIST); each sees only the commands of their role. */
void admin_users_open(void);

/* admin_roles.c: the security administrator's form for the account
 * USER (roles, clearance, issuing authority, leader level, department).
 * Runs until closed; returns 1 when the account was changed. */
int admin_roles_run(const struct rec_user *user);

/* admin_depts.c: the departments (the system administrator adds them). */
void admin_depts_open(void);

/* admin_policy.c: the password and session policy. */
void admin_policy_open(void);

/* admin_audit.c: the security auditor's verification and recent entries. */
void admin_audit_verify_open(void);
void admin_audit_entries_open(void);

/* admin_audit_search.c: the auditor's search of the trail, its entries
 * found; admin_audit_export.c: the export of FOUND entries F selects
 * (described by CRITERIA) to a registered medium, and the archive of
 * the entries past retention. */
void admin_audit_search_open(void);
void admin_audit_export_run(const struct audit_filter *f,
    const char *criteria, size_t found);
void admin_audit_archive_open(void);

/* reports.c: the summary and the registers for a period, or (the
 * security administrator's) the register of accounts; shown as tables
 * and exported to registered removable media. */
void reports_open(void);
void reports_accounts_open(void);

/* admin_printers.c: the printer register (the system administrator). */
void admin_printers_open(void);

/* admin_media.c: the register of removable media (the security
 * administrator). */
void admin_media_open(void);

/* verify.c: check a sealed file against its signature, every check. */
void verify_open(void);

/* standalones.c: the standalone seals (Art. 14): the clerk applies,
 * issues and takes back, the two directors decide. */
void standalones_open(void);

#endif
