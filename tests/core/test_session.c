/*
 * test_session.c -- logins (Art. 8): the answer to a wrong name or
 * password, the lock after failed logins and its expiry, the first-login
 * and expiry restrictions, password history, re-hashing, the idle lock.
 */
#include <config.h>

#include <string.h>

#include "core/accounts_fixture.h"
#include "core/suites.h"
#include "crypto/crypto.h"
#include "lib/testlib.h"

#define PW	FX_PW

START_TEST(test_session_login_ok)
{
	struct session *s;
	uint64_t id = fx_user("li", ROLE_DRAFTER, PW);
	uint64_t before = fx_audit_count();

	s = fx_login("li", PW, STATUS_OK);
	ck_assert_uint_eq(s->user_id, id);
	ck_assert_str_eq(s->name, "li");
	ck_assert_uint_eq(s->roles, ROLE_DRAFTER);
	ck_assert_str_eq(s->terminal, "test");
	ck_assert_int_eq(session_expiry_warning(s), -1);
	ck_assert(fx_audit_has(before, ACT_LOGIN, AUDIT_OK, id));
	session_logout(s);
	ck_assert(fx_audit_has(before, ACT_LOGOUT, AUDIT_OK, id));
}
END_TEST

START_TEST(test_session_unknown_user_same_answer)
{
	struct session *s = NULL;
	enum status a, b;
	uint64_t before;

	fx_user("li", ROLE_DRAFTER, PW);
	before = fx_audit_count();
	a = session_login(fx.st, "nobody", PW, "test", &s);
	ck_assert_ptr_null(s);
	b = session_login(fx.st, "li", "Wrong-pass-1", "test", &s);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(a, STATUS_BAD_PASSWORD);
	ck_assert_int_eq(b, STATUS_BAD_PASSWORD);
	ck_assert_str_eq(status_message(a), status_message(b));
	ck_assert(fx_audit_has(before, ACT_LOGIN_FAILED, AUDIT_REFUSED, 0));
}
END_TEST

START_TEST(test_session_4_vs_5_failures)
{
	struct session *s;
	struct rec_user u;
	uint64_t id = fx_user("li", ROLE_DRAFTER, PW), before;
	int i;

	/* Four failures, then the right password: in, and the count resets. */
	for (i = 0; i < 4; i++)
		fx_login("li", "Wrong-pass-1", STATUS_BAD_PASSWORD);
	fx_get_user("li", &u);
	ck_assert_uint_eq(u.failed_logins, 4);
	rec_free(REC_USER, &u);
	s = fx_login("li", PW, STATUS_OK);
	session_free(s);
	fx_get_user("li", &u);
	ck_assert_uint_eq(u.failed_logins, 0);
	rec_free(REC_USER, &u);

	/* Five failures lock it: the fifth already answers "locked". */
	before = fx_audit_count();
	for (i = 0; i < 4; i++)
		fx_login("li", "Wrong-pass-1", STATUS_BAD_PASSWORD);
	fx_login("li", "Wrong-pass-1", STATUS_LOCKED);
	ck_assert(fx_audit_has(before, ACT_LOCKOUT, AUDIT_OK, id));
	fx_login("li", PW, STATUS_LOCKED);	/* even the right one */
	fx_get_user("li", &u);
	ck_assert_int_eq(u.locked_until, FX_T0 + 10 * 60);
	rec_free(REC_USER, &u);
}
END_TEST

START_TEST(test_session_lock_expires_after_10_minutes)
{
	struct session *s;
	int i;

	fx_user("li", ROLE_DRAFTER, PW);
	for (i = 0; i < 5; i++)
		session_login(fx.st, "li", "Wrong-pass-1", "test", &s);
	clock_advance(10 * 60 - 1);
	fx_login("li", PW, STATUS_LOCKED);
	clock_advance(1);
	/* A fresh series: one wrong password does not lock it again. */
	fx_login("li", "Wrong-pass-1", STATUS_BAD_PASSWORD);
	s = fx_login("li", PW, STATUS_OK);
	session_free(s);
}
END_TEST

START_TEST(test_session_secadmin_unlocks)
{
	struct session *s;
	uint64_t before;
	int i;

	fx_user("li", ROLE_DRAFTER, PW);
	for (i = 0; i < 5; i++)
		session_login(fx.st, "li", "Wrong-pass-1", "test", &s);
	fx_login("li", PW, STATUS_LOCKED);

	before = fx_audit_count();
	ck_assert_int_eq(account_unlock(fx.sys, "li"), STATUS_DENIED);
	ck_assert(fx_audit_has(before, ACT_USER_UNLOCK, AUDIT_REFUSED,
	    fx.sys->user_id));
	fx_login("li", PW, STATUS_LOCKED);
	ck_assert_int_eq(account_unlock(fx.sec, "li"), STATUS_OK);
	ck_assert(fx_audit_has(before, ACT_USER_UNLOCK, AUDIT_OK,
	    fx.sec->user_id));
	s = fx_login("li", PW, STATUS_OK);
	session_free(s);
}
END_TEST

START_TEST(test_session_disabled)
{
	fx_user("li", ROLE_DRAFTER, PW);
	ck_assert_int_eq(account_set_disabled(fx.sys, "li", 1), STATUS_OK);
	fx_login("li", PW, STATUS_DISABLED);
	fx_login("li", "Wrong-pass-1", STATUS_BAD_PASSWORD);
	ck_assert_int_eq(account_set_disabled(fx.sys, "li", 0), STATUS_OK);
	session_free(fx_login("li", PW, STATUS_OK));
}
END_TEST

START_TEST(test_session_no_role_no_login)
{
	char *initial = NULL;

	ck_assert_int_eq(account_add(fx.sys, "li", "李四", 0, &initial, NULL),
	    STATUS_OK);
	fx_login("li", initial, STATUS_DENIED);
	account_password_free(initial);
}
END_TEST

/* An initial password allows a password change and nothing else. */
START_TEST(test_session_initial_must_change_first)
{
	struct account_attrs a;
	struct rec_user *users;
	struct session *s;
	char *initial = NULL;
	uint64_t before;
	size_t n;

	ck_assert_int_eq(account_add(fx.sys, "wang", NULL, 0, &initial, NULL),
	    STATUS_OK);
	memset(&a, 0, sizeof a);
	a.fields = ACCOUNT_ROLES;
	a.roles = ROLE_SYSADMIN;		/* a second one */
	ck_assert_int_eq(account_set_attrs(fx.sec, "wang", &a), STATUS_OK);

	s = fx_login("wang", initial, STATUS_PW_MUST_CHANGE);
	before = fx_audit_count();
	ck_assert_int_eq(account_list(s, &users, &n), STATUS_PW_MUST_CHANGE);
	ck_assert(fx_audit_has(before, ACT_USER_LIST, AUDIT_REFUSED,
	    s->user_id));
	ck_assert_int_eq(session_change_password(s, initial, "wang"),
	    STATUS_PW_WEAK);
	ck_assert_int_eq(session_change_password(s, initial, PW), STATUS_OK);
	ck_assert_int_eq(account_list(s, &users, &n), STATUS_OK);
	ck_assert_uint_ge(n, 4);
	ck_assert_uint_eq(users[0].pw_hash.len, 0);	/* no hash leaves */
	account_list_free(users, n);
	session_free(s);
	account_password_free(initial);
	session_free(fx_login("wang", PW, STATUS_OK));
}
END_TEST

START_TEST(test_session_expiry_day_59_vs_61)
{
	struct session *s;

	fx_user("li", ROLE_DRAFTER, PW);	/* changed at FX_T0 */
	clock_set(FX_T0 + 53 * FX_DAY - 1);
	s = fx_login("li", PW, STATUS_OK);
	ck_assert_int_eq(session_expiry_warning(s), -1);
	session_free(s);

	clock_set(FX_T0 + 53 * FX_DAY);	/* 7 days before expiry */
	s = fx_login("li", PW, STATUS_OK);
	ck_assert_int_eq(session_expiry_warning(s), 7);
	session_free(s);

	clock_set(FX_T0 + 59 * FX_DAY);
	s = fx_login("li", PW, STATUS_OK);
	ck_assert_int_eq(session_expiry_warning(s), 1);
	session_free(s);

	clock_set(FX_T0 + 61 * FX_DAY);
	s = fx_login("li", PW, STATUS_PW_EXPIRED);
	ck_assert_int_eq(s->restriction, STATUS_PW_EXPIRED);
	ck_assert_int_eq(session_change_password(s, PW, "Seal-2026-new"),
	    STATUS_OK);
	ck_assert_int_eq(s->restriction, STATUS_OK);
	session_free(s);
	session_free(fx_login("li", "Seal-2026-new", STATUS_OK));
}
END_TEST

START_TEST(test_session_weekly_expiry_warns_one_day)
{
	struct session *s;

	ck_assert_int_eq(policy_set_classification(fx.sec, CLASS_CONFIDENTIAL),
	    STATUS_OK);
	fx_user("li", ROLE_DRAFTER, "Seal-2026-ok1");
	clock_set(FX_T0 + 6 * FX_DAY - 1);
	s = fx_login("li", "Seal-2026-ok1", STATUS_OK);
	ck_assert_int_eq(session_expiry_warning(s), -1);
	session_free(s);
	clock_set(FX_T0 + 6 * FX_DAY);
	s = fx_login("li", "Seal-2026-ok1", STATUS_OK);
	ck_assert_int_eq(session_expiry_warning(s), 1);
	session_free(s);
	clock_set(FX_T0 + 7 * FX_DAY);
	session_free(fx_login("li", "Seal-2026-ok1", STATUS_PW_EXPIRED));
}
END_TEST

/* None of the last 5: the current password and the four before it. */
START_TEST(test_session_history_5th_vs_6th)
{
	static const char *const pw[] = {
		"Hist-pass-01", "Hist-pass-02", "Hist-pass-03",
		"Hist-pass-04", "Hist-pass-05", "Hist-pass-06"
	};
	struct session *s;
	unsigned i;

	fx_user("li", ROLE_DRAFTER, pw[0]);
	s = fx_login("li", pw[0], STATUS_OK);
	for (i = 1; i < 6; i++)
		ck_assert_int_eq(session_change_password(s, pw[i - 1], pw[i]),
		    STATUS_OK);
	/* Current: pw[5].  The last five are pw[5] .. pw[1]. */
	ck_assert_int_eq(session_change_password(s, pw[5], pw[5]),
	    STATUS_PW_REUSED);
	ck_assert_int_eq(session_change_password(s, pw[5], pw[1]),
	    STATUS_PW_REUSED);			/* the 5th */
	ck_assert_int_eq(session_change_password(s, pw[5], pw[0]),
	    STATUS_OK);				/* the 6th */
	session_free(s);
}
END_TEST

START_TEST(test_session_change_checks_old_and_name)
{
	struct session *s;
	struct rec_user u;

	fx_user("li", ROLE_DRAFTER, PW);
	s = fx_login("li", PW, STATUS_OK);
	ck_assert_int_eq(session_change_password(s, "Wrong-pass-1",
	    "Seal-2026-new"), STATUS_BAD_PASSWORD);
	fx_get_user("li", &u);
	ck_assert_uint_eq(u.failed_logins, 1);	/* guessing counts */
	rec_free(REC_USER, &u);
	ck_assert_int_eq(session_change_password(s, PW, "Seal-LI-2026"),
	    STATUS_PW_HAS_NAME);
	ck_assert_int_eq(session_change_password(s, PW, "Abcdefg1!"),
	    STATUS_PW_WEAK);
	session_free(s);
	session_free(fx_login("li", PW, STATUS_OK));
}
END_TEST

/* Raising the KDF cost re-hashes each password at its next login. */
START_TEST(test_session_rehash_on_parameter_change)
{
	struct crypto_kdf_params k;
	struct rec_user u, v;
	struct policy p;
	int needs = 0;

	fx_user("li", ROLE_DRAFTER, PW);
	ck_assert_int_eq(policy_get(fx.st, &p), STATUS_OK);
	p.kdf_passes = FX_KDF_PASSES + 1;
	p.kdf_memory_kib = FX_KDF_KIB * 2;
	ck_assert_int_eq(policy_set(fx.sec, &p), STATUS_OK);

	crypto_kdf_defaults(&k);
	k.passes = p.kdf_passes;
	k.mem_kib = p.kdf_memory_kib;
	fx_get_user("li", &u);
	ck_assert_int_eq(crypto_pw_verify(PW, u.pw_hash.data, u.pw_hash.len,
	    &k, &needs), STATUS_OK);
	ck_assert_int_eq(needs, 1);

	session_free(fx_login("li", PW, STATUS_OK));
	fx_get_user("li", &v);
	ck_assert(v.pw_hash.len != u.pw_hash.len ||
	    memcmp(v.pw_hash.data, u.pw_hash.data, u.pw_hash.len) != 0);
	ck_assert_int_eq(crypto_pw_verify(PW, v.pw_hash.data, v.pw_hash.len,
	    &k, &needs), STATUS_OK);
	ck_assert_int_eq(needs, 0);
	rec_free(REC_USER, &u);
	rec_free(REC_USER, &v);
}
END_TEST

START_TEST(test_session_idle_lock)
{
	struct rec_user *users;
	struct session *s;
	size_t n;

	s = fx_login("sysadmin", "Sys-admin-2026", STATUS_OK);
	ck_assert_uint_eq(s->idle_seconds, 10 * 60);
	clock_advance(10 * 60 - 1);
	ck_assert_int_eq(session_touch(s), STATUS_OK);
	clock_advance(10 * 60);
	ck_assert_int_eq(session_touch(s), STATUS_SESSION_IDLE);
	ck_assert_int_eq(account_list(s, &users, &n), STATUS_SESSION_IDLE);
	ck_assert_int_eq(session_resume(s, "Wrong-pass-1"),
	    STATUS_BAD_PASSWORD);
	ck_assert_int_eq(account_list(s, &users, &n), STATUS_SESSION_IDLE);
	ck_assert_int_eq(session_resume(s, "Sys-admin-2026"), STATUS_OK);
	ck_assert_int_eq(account_list(s, &users, &n), STATUS_OK);
	account_list_free(users, n);
	session_free(s);
}
END_TEST

START_TEST(test_session_idle_5_minutes_when_classified)
{
	struct session *s;

	ck_assert_int_eq(policy_set_classification(fx.sec, CLASS_SECRET),
	    STATUS_OK);
	s = fx_login("sysadmin", "Sys-admin-2026", STATUS_OK);
	ck_assert_uint_eq(s->idle_seconds, 5 * 60);
	clock_advance(5 * 60);
	ck_assert_int_eq(session_check_idle(s), STATUS_SESSION_IDLE);
	session_free(s);
}
END_TEST

/* A role taken away applies at the next action, not the next login. */
START_TEST(test_session_roles_reread)
{
	struct account_attrs a;
	struct session *s;
	uint64_t id;

	fx_user("wang", ROLE_SYSADMIN, PW);
	s = fx_login("wang", PW, STATUS_OK);
	ck_assert_int_eq(account_dept_add(s, "办公室", "示司办", 0, &id),
	    STATUS_OK);
	memset(&a, 0, sizeof a);
	a.fields = ACCOUNT_ROLES;
	a.roles = ROLE_DRAFTER;
	ck_assert_int_eq(account_set_attrs(fx.sec, "wang", &a), STATUS_OK);
	ck_assert_int_eq(account_dept_add(s, "法制科", NULL, 0, &id),
	    STATUS_DENIED);
	session_free(s);
}
END_TEST

Suite *
session_suite(void)
{
	Suite *s = suite_create("session");
	TCase *tc = tcase_create("login");

	tcase_add_checked_fixture(tc, fx_setup_none, fx_teardown);
	tcase_add_test(tc, test_session_login_ok);
	tcase_add_test(tc, test_session_unknown_user_same_answer);
	tcase_add_test(tc, test_session_4_vs_5_failures);
	tcase_add_test(tc, test_session_lock_expires_after_10_minutes);
	tcase_add_test(tc, test_session_secadmin_unlocks);
	tcase_add_test(tc, test_session_disabled);
	tcase_add_test(tc, test_session_no_role_no_login);
	tcase_add_test(tc, test_session_initial_must_change_first);
	tcase_add_test(tc, test_session_expiry_day_59_vs_61);
	tcase_add_test(tc, test_session_weekly_expiry_warns_one_day);
	tcase_add_test(tc, test_session_history_5th_vs_6th);
	tcase_add_test(tc, test_session_change_checks_old_and_name);
	tcase_add_test(tc, test_session_rehash_on_parameter_change);
	tcase_add_test(tc, test_session_idle_lock);
	tcase_add_test(tc, test_session_idle_5_minutes_when_classified);
	tcase_add_test(tc, test_session_roles_reread);
	suite_add_tcase(s, tc);
	return s;
}
