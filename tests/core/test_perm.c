/*
 * test_perm.c -- the permission table applied (Art. 7): every role alone
 * against every action, role names, and the store's refusal of
 * forbidden role combinations.
 */
#include <config.h>

#include <string.h>

#include "core/accounts_fixture.h"
#include "core/suites.h"
#include "lib/testlib.h"

static const uint32_t perm_test_roles[] = {
	ROLE_DRAFTER, ROLE_APPROVER, ROLE_CLERK, ROLE_PRINTER,
	ROLE_OFFICE_DIRECTOR, ROLE_STATION_DIRECTOR, ROLE_IT_STAFF,
	ROLE_SYSADMIN, ROLE_SECADMIN, ROLE_AUDITOR
};
#define PERM_NROLES (sizeof perm_test_roles / sizeof perm_test_roles[0])

/* What the rules say each administrator may do, written out here rather
 * than read from the table, so that a wrong table row fails. */
static int
perm_admin_may(uint32_t role, enum action act)
{
	switch (act) {
	case ACT_LOGIN:
	case ACT_LOGOUT:
	case ACT_PW_CHANGE:
		return 1;
	case ACT_USER_ADD:
	case ACT_USER_DISABLE:
	case ACT_PRINTER_MANAGE:
	case ACT_BACKUP:
	case ACT_RESTORE:
	case ACT_DEPT_MANAGE:
	case ACT_COMPACT:
		return role == ROLE_SYSADMIN;
	case ACT_USER_LIST:
		return role == ROLE_SYSADMIN || role == ROLE_SECADMIN;
	case ACT_USER_ROLES:
	case ACT_PW_RESET:
	case ACT_USER_UNLOCK:
	case ACT_POLICY_SET:
	case ACT_MEDIUM_REGISTER:
	case ACT_WORKSTATION_CLASS:
	case ACT_REPORT_ACCOUNTS:	/* password age and locks: Art. 8 */
		return role == ROLE_SECADMIN;
	case ACT_AUDIT_READ:
	case ACT_AUDIT_VERIFY:
	case ACT_AUDIT_EXPORT:
		return role == ROLE_AUDITOR;
	default:
		return 0;	/* no document, seal or report action */
	}
}

START_TEST(test_perm_matrix)
{
	struct rec_user u;
	unsigned r, a;
	int allowed;

	memset(&u, 0, sizeof u);
	for (r = 0; r < PERM_NROLES; r++) {
		u.roles = perm_test_roles[r];
		for (a = 0; a < ACT__COUNT; a++) {
			allowed = (action_roles(a) & u.roles) != 0;
			ck_assert_int_eq(perm_check(&u, a),
			    allowed ? STATUS_OK : STATUS_DENIED);
			if (u.roles & ROLE_ADMIN_MASK)
				ck_assert_msg(allowed ==
				    perm_admin_may(u.roles, a),
				    "%s as %s", action_name(a),
				    perm_role_name(u.roles));
		}
	}
}
END_TEST

START_TEST(test_perm_no_admin_sees_documents)
{
	struct rec_user u;
	unsigned a;

	memset(&u, 0, sizeof u);
	u.roles = ROLE_SYSADMIN;
	for (a = 0; a < ACT__COUNT; a++) {
		if (strncmp(action_name(a), "ACT_DOC_", 8) != 0)
			continue;
		u.roles = ROLE_SYSADMIN;
		ck_assert_int_eq(perm_check(&u, a), STATUS_DENIED);
		u.roles = ROLE_SECADMIN;
		ck_assert_int_eq(perm_check(&u, a), STATUS_DENIED);
		u.roles = ROLE_AUDITOR;
		ck_assert_int_eq(perm_check(&u, a), STATUS_DENIED);
	}
}
END_TEST

START_TEST(test_perm_refuses_system_actions_and_disabled)
{
	struct rec_user u;

	memset(&u, 0, sizeof u);
	u.roles = ROLE_BUSINESS_MASK | ROLE_SECADMIN;
	ck_assert_int_eq(perm_check(&u, ACT_INIT), STATUS_DENIED);
	ck_assert_int_eq(perm_check(&u, ACT_LOCKOUT), STATUS_DENIED);
	ck_assert_int_eq(perm_check(NULL, ACT_LOGIN), STATUS_DENIED);
	u.roles = ROLE_DRAFTER;
	ck_assert_int_eq(perm_check(&u, ACT_DOC_DRAFT), STATUS_OK);
	u.disabled = 1;
	ck_assert_int_eq(perm_check(&u, ACT_DOC_DRAFT), STATUS_DENIED);
	u.disabled = 0;
	u.roles = 0;
	ck_assert_int_eq(perm_check(&u, ACT_LOGIN), STATUS_DENIED);
}
END_TEST

START_TEST(test_perm_acting_role)
{
	struct rec_user u;

	memset(&u, 0, sizeof u);
	u.roles = ROLE_CLERK | ROLE_PRINTER;
	ck_assert_uint_eq(perm_acting_role(&u, ACT_DOC_PRINT), ROLE_PRINTER);
	ck_assert_uint_eq(perm_acting_role(&u, ACT_DOC_REJECT), ROLE_CLERK);
	ck_assert_uint_eq(perm_acting_role(&u, ACT_USER_ADD), 0);
}
END_TEST

START_TEST(test_perm_role_names)
{
	uint32_t roles;
	char buf[128];

	ck_assert_int_eq(perm_roles_parse("drafter,approver", &roles),
	    STATUS_OK);
	ck_assert_uint_eq(roles, ROLE_DRAFTER | ROLE_APPROVER);
	ck_assert_str_eq(perm_roles_format(roles, buf, sizeof buf),
	    "drafter,approver");
	ck_assert_int_eq(perm_roles_parse("none", &roles), STATUS_OK);
	ck_assert_uint_eq(roles, 0);
	ck_assert_str_eq(perm_roles_format(0, buf, sizeof buf), "none");
	ck_assert_int_eq(perm_roles_parse("drafter,root", &roles),
	    STATUS_INVALID);
	ck_assert_str_eq(perm_role_name(ROLE_STATION_DIRECTOR),
	    "station-director");
	ck_assert_ptr_null(perm_role_name(1u << 12));
	ck_assert_str_eq(action_name(ACT_PW_RESET), "ACT_PW_RESET");
	ck_assert_str_eq(action_name(ACT__COUNT), "ACT_UNKNOWN");
}
END_TEST

/* The store itself refuses forbidden combinations, whoever asks. */
static enum status
perm_put_txn(struct store_txn *txn, void *arg)
{
	return store_put(txn, REC_USER, arg);
}

START_TEST(test_perm_store_refuses_conflicts)
{
	static const uint32_t bad[] = {
		ROLE_SYSADMIN | ROLE_SECADMIN, ROLE_SECADMIN | ROLE_AUDITOR,
		ROLE_SYSADMIN | ROLE_AUDITOR, ROLE_AUDITOR | ROLE_DRAFTER,
		ROLE_SYSADMIN | ROLE_CLERK, ROLE_SECADMIN | ROLE_IT_STAFF
	};
	struct rec_user u;
	unsigned i;

	fx_get_user("sysadmin", &u);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert(!role_set_valid(bad[i]));
		u.roles = bad[i];
		ck_assert_int_eq(store_run(fx.st, STORE_WRITE, perm_put_txn,
		    &u), STATUS_ROLE_CONFLICT);
	}
	rec_free(REC_USER, &u);
	fx_get_user("sysadmin", &u);
	ck_assert_uint_eq(u.roles, ROLE_SYSADMIN);
	rec_free(REC_USER, &u);
	ck_assert(role_set_valid(ROLE_DRAFTER | ROLE_APPROVER | ROLE_CLERK));
	ck_assert(role_set_valid(ROLE_AUDITOR));
}
END_TEST

Suite *
perm_suite(void)
{
	Suite *s = suite_create("perm");
	TCase *tc = tcase_create("table");
	TCase *st = tcase_create("store");

	tcase_add_test(tc, test_perm_matrix);
	tcase_add_test(tc, test_perm_no_admin_sees_documents);
	tcase_add_test(tc, test_perm_refuses_system_actions_and_disabled);
	tcase_add_test(tc, test_perm_acting_role);
	tcase_add_test(tc, test_perm_role_names);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(st, fx_setup_none, fx_teardown);
	tcase_add_test(st, test_perm_store_refuses_conflicts);
	suite_add_tcase(s, st);
	return s;
}
