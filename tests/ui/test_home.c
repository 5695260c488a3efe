/*
 * test_home.c -- the home screen's menu and the commands' role check
 * (app_permit_roles), from the one permission table: each administrator
 * sees only that administrator's screens, business roles see their
 * queues, and every entry of the table is reachable by some role.
 */
#include <config.h>

#include <string.h>

#include "lib/testlib.h"
#include "ui/suites.h"
#include "ui/app.h"
#include "ui/command.h"
#include "ui/screens.h"

#define MENU_MAX	32

/* The menu of ROLES as "label|label|...". */
static const char *
menu(uint32_t roles)
{
	static char buf[1024];
	const struct home_entry *rows[MENU_MAX];
	size_t n = home_menu(roles, rows, MENU_MAX), i;

	buf[0] = '\0';
	for (i = 0; i < n && i < MENU_MAX; i++) {
		if (i > 0)
			strcat(buf, "|");
		strcat(buf, rows[i]->label);
	}
	return buf;
}

START_TEST(test_administrators_see_their_own)
{
	ck_assert_str_eq(menu(ROLE_SYSADMIN),
	    "Accounts|Departments|Printers|Change my password");
	ck_assert_str_eq(menu(ROLE_SECADMIN),
	    "Accounts|Password and session policy|Removable media|"
	    "Register of accounts|Change my password");
	ck_assert_str_eq(menu(ROLE_AUDITOR), "Verify the audit trail|"
	    "Recent audit entries|Search the audit trail|"
	    "Archive the audit trail|Change my password");
}
END_TEST

/* Non-zero when the menu of ROLES holds the entry LABEL. */
static int
has(uint32_t roles, const char *label)
{
	const struct home_entry *rows[MENU_MAX];
	size_t n = home_menu(roles, rows, MENU_MAX), i;

	for (i = 0; i < n && i < MENU_MAX; i++)
		if (strcmp(rows[i]->label, label) == 0)
			return 1;
	return 0;
}

START_TEST(test_business_roles_see_queues)
{
	/* Each queue goes to the role that works it, and to no other. */
	ck_assert(has(ROLE_DRAFTER, "Returned to me"));
	ck_assert(has(ROLE_DRAFTER, "To send for sealing"));
	ck_assert(!has(ROLE_DRAFTER, "To approve"));
	ck_assert(has(ROLE_APPROVER, "To approve"));
	ck_assert(has(ROLE_APPROVER, "Applications to decide"));
	ck_assert(!has(ROLE_APPROVER, "Returned to me"));
	ck_assert(has(ROLE_CLERK, "To seal"));
	ck_assert(!has(ROLE_CLERK, "To print"));
	ck_assert(has(ROLE_PRINTER, "To print"));
	ck_assert(!has(ROLE_PRINTER, "To seal"));
	ck_assert(has(ROLE_OFFICE_DIRECTOR, "Applications to decide"));
	ck_assert(has(ROLE_IT_STAFF, "Change my password"));
	ck_assert(has(ROLE_CLERK, "Standalone seals"));
	ck_assert(has(ROLE_STATION_DIRECTOR, "Standalone seals"));
	ck_assert(has(ROLE_OFFICE_DIRECTOR, "Standalone seals"));

	/* A business role never reaches an administrator's screen. */
	ck_assert(!has(ROLE_BUSINESS_MASK, "Accounts"));
	ck_assert(!has(ROLE_BUSINESS_MASK, "Password and session policy"));
	ck_assert(!has(ROLE_BUSINESS_MASK, "Verify the audit trail"));
	ck_assert(!has(ROLE_BUSINESS_MASK, "Recent audit entries"));
}
END_TEST

START_TEST(test_every_entry_is_reachable)
{
	const struct home_entry *all[MENU_MAX], *some[MENU_MAX];
	size_t n = home_menu(ROLE_BUSINESS_MASK | ROLE_ADMIN_MASK, all,
	    MENU_MAX), i, k, m;
	uint32_t bit;
	int found;

	ck_assert_uint_ge(n, 13);
	for (i = 0; i < n; i++) {
		found = 0;
		for (bit = 1; bit != 0 && !found; bit <<= 1) {
			m = home_menu(bit, some, MENU_MAX);
			for (k = 0; k < m && k < MENU_MAX; k++)
				found |= some[k] == all[i];
		}
		ck_assert_msg(found, "no role reaches %s", all[i]->label);
		/* A queue's documents, or a screen (which may show a
		 * queue's count too). */
		ck_assert(all[i]->queue >= 0 || all[i]->open != NULL);
	}
	ck_assert_uint_eq(home_menu(0, all, MENU_MAX), 0);
}
END_TEST

START_TEST(test_permit_follows_the_table)
{
	ck_assert(app_permit_roles(0, CMD_ANYONE));
	ck_assert(app_permit_roles(ROLE_SYSADMIN, ACT_USER_ADD));
	ck_assert(!app_permit_roles(ROLE_SECADMIN, ACT_USER_ADD));
	ck_assert(app_permit_roles(ROLE_SECADMIN, ACT_PW_RESET));
	ck_assert(!app_permit_roles(ROLE_SYSADMIN, ACT_PW_RESET));
	ck_assert(!app_permit_roles(ROLE_SYSADMIN | ROLE_SECADMIN,
	    ACT_AUDIT_READ));
	ck_assert(app_permit_roles(ROLE_DRAFTER, ACT_PW_CHANGE));
	/* System-only actions and numbers past the table: nobody. */
	ck_assert(!app_permit_roles(ROLE_BUSINESS_MASK | ROLE_ADMIN_MASK,
	    ACT_LOGIN_FAILED));
	ck_assert(!app_permit_roles(ROLE_ADMIN_MASK, ACT__COUNT));
	ck_assert(!app_permit_roles(ROLE_ADMIN_MASK, -7));
}
END_TEST

/* A row gated by an action and the roles that start it: the clerk takes
 * part in making a seal but is not offered the key; a role outside the
 * action gets nothing from being named. */
START_TEST(test_permit_roles_that_start)
{
	int add = CMD_PERM_ROLES(ACT_SEAL_ADD, ROLE_OFFICE_DIRECTOR);

	ck_assert(app_permit_roles(ROLE_CLERK, ACT_SEAL_ADD));
	ck_assert(!app_permit_roles(ROLE_CLERK, add));
	ck_assert(app_permit_roles(ROLE_OFFICE_DIRECTOR, add));
	ck_assert(app_permit_roles(ROLE_CLERK | ROLE_OFFICE_DIRECTOR, add));
	ck_assert(!app_permit_roles(ROLE_DRAFTER, add));
	ck_assert(!app_permit_roles(ROLE_DRAFTER,
	    CMD_PERM_ROLES(ACT_SEAL_ADD, ROLE_DRAFTER)));
	ck_assert(!app_permit_roles(ROLE_AUDITOR,
	    CMD_PERM_ROLES(ACT_AUDIT_READ, ROLE_SECADMIN)));
	ck_assert(app_permit_roles(ROLE_AUDITOR,
	    CMD_PERM_ROLES(ACT_AUDIT_READ, ROLE_AUDITOR)));
}
END_TEST

Suite *
home_suite(void)
{
	Suite *s = suite_create("home");
	TCase *tc = tcase_create("home");

	tcase_add_test(tc, test_administrators_see_their_own);
	tcase_add_test(tc, test_business_roles_see_queues);
	tcase_add_test(tc, test_every_entry_is_reachable);
	tcase_add_test(tc, test_permit_follows_the_table);
	tcase_add_test(tc, test_permit_roles_that_start);
	suite_add_tcase(s, tc);
	return s;
}
