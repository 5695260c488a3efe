/*
 * test_policy.c -- the password rules at their boundaries (Art. 8) and
 * the floors of each classification, which the security administrator
 * may tighten but never loosen.
 */
#include <config.h>

#include <string.h>

#include "core/accounts_fixture.h"
#include "core/suites.h"
#include "lib/testlib.h"

static struct policy pol;

static void
policy_none(void)
{
	policy_test_kdf_floor(FX_KDF_KIB, FX_KDF_PASSES);
	ck_assert_int_eq(policy_defaults(CLASS_NONE, &pol), STATUS_OK);
}

START_TEST(test_policy_length_9_vs_10)
{
	policy_none();
	ck_assert_int_eq(policy_check_password(&pol, "li", "Abcdefg1!"),
	    STATUS_PW_WEAK);
	ck_assert_int_eq(policy_check_password(&pol, "li", "Abcdefgh1!"),
	    STATUS_OK);
	/* Characters, not bytes: nine Chinese-and-ASCII characters that
	 * take far more than ten bytes are still nine. */
	ck_assert_int_eq(policy_check_password(&pol, "li", "印章Ab1!印章A"),
	    STATUS_PW_WEAK);
	ck_assert_int_eq(policy_check_password(&pol, "li", "印章Ab1!印章Ab"),
	    STATUS_OK);
}
END_TEST

/* Long and mixed, yet guessed first: a run, a short unit repeated, a
 * common word or keyboard run (Art. 8: weak passwords are refused). */
START_TEST(test_policy_guessable)
{
	static const char *const weak[] = {
		"Password#2026", "Qwerty123456", "Aaaaaaaaaaaa1",
		"Aa1Aa1Aa1Aa1", "Ab!Ab!Ab!Ab!", "xZ9!654321ab", "PASSW0RD-x9"
	};
	size_t i;

	policy_none();
	for (i = 0; i < sizeof weak / sizeof weak[0]; i++)
		ck_assert_msg(policy_check_password(&pol, "li", weak[i]) ==
		    STATUS_PW_WEAK, "%s was accepted", weak[i]);
	ck_assert_int_eq(policy_check_password(&pol, "li", "Desk-Work-2026"),
	    STATUS_OK);
	ck_assert_int_eq(policy_check_password(&pol, "li", "Aaa1-Bbb2-Ccc3"),
	    STATUS_OK);			/* three alike is not yet a run */
}
END_TEST

START_TEST(test_policy_three_of_four)
{
	policy_none();
	ck_assert_int_eq(policy_check_password(&pol, "li", "abcdefghij12"),
	    STATUS_PW_WEAK);			/* lower, digit */
	ck_assert_int_eq(policy_check_password(&pol, "li", "abcdefghij!!"),
	    STATUS_PW_WEAK);			/* lower, other */
	ck_assert_int_eq(policy_check_password(&pol, "li", "abcdefghi1!"),
	    STATUS_OK);				/* lower, digit, other */
	ck_assert_int_eq(policy_check_password(&pol, "li", "ABCDEFGHIj!"),
	    STATUS_OK);				/* upper, lower, other */
	ck_assert_int_eq(policy_check_password(&pol, "li", "ABCDEFGHI1a"),
	    STATUS_OK);				/* upper, digit, lower */
}
END_TEST

START_TEST(test_policy_name_inside)
{
	policy_none();
	ck_assert_int_eq(policy_check_password(&pol, "zhang", "Xzhang-2026"),
	    STATUS_PW_HAS_NAME);
	ck_assert_int_eq(policy_check_password(&pol, "zhang", "XZHANG-2026"),
	    STATUS_PW_HAS_NAME);		/* case ignored */
	ck_assert_int_eq(policy_check_password(&pol, "zhang", "Xzhan-g2026"),
	    STATUS_OK);
}
END_TEST

START_TEST(test_policy_invalid_utf8)
{
	policy_none();
	ck_assert_int_eq(policy_check_password(&pol, "li", "Abcdefgh1!\xff"),
	    STATUS_ENCODING);
}
END_TEST

START_TEST(test_policy_secret_needs_letters_and_digits)
{
	ck_assert_int_eq(policy_defaults(CLASS_SECRET, &pol), STATUS_OK);
	ck_assert_uint_eq(pol.max_age_days, 30);
	ck_assert_uint_eq(pol.idle_minutes, 5);
	ck_assert_uint_eq(pol.min_length, 10);
	/* Three kinds but no digit: enough unclassified, not on 秘密. */
	ck_assert_int_eq(policy_check_password(&pol, "li", "Abcdefghi!!"),
	    STATUS_PW_WEAK);
	ck_assert_int_eq(policy_check_password(&pol, "li", "Abcdefghi!1"),
	    STATUS_OK);
	ck_assert_int_eq(policy_defaults(CLASS_NONE, &pol), STATUS_OK);
	ck_assert_int_eq(policy_check_password(&pol, "li", "Abcdefghi!!"),
	    STATUS_OK);
}
END_TEST

START_TEST(test_policy_defaults_per_class)
{
	ck_assert_int_eq(policy_defaults(CLASS_NONE, &pol), STATUS_OK);
	ck_assert_uint_eq(pol.max_age_days, 60);
	ck_assert_uint_eq(pol.warn_days, 7);
	ck_assert_uint_eq(pol.history, 5);
	ck_assert_uint_eq(pol.max_failures, 5);
	ck_assert_uint_eq(pol.lock_minutes, 10);
	ck_assert_uint_eq(pol.idle_minutes, 10);
	ck_assert_uint_eq(pol.min_classes, 3);
	ck_assert_int_eq(policy_defaults(CLASS_CONFIDENTIAL, &pol), STATUS_OK);
	ck_assert_uint_eq(pol.max_age_days, 7);
	ck_assert_uint_eq(pol.warn_days, 1);	/* weekly expiry */
	ck_assert_uint_eq(pol.idle_minutes, 5);
	ck_assert_int_eq(policy_defaults(CLASS_TOP_SECRET, &pol),
	    STATUS_INVALID);
}
END_TEST

/* Every setting, one step looser than the floor, is refused; one step
 * stricter is accepted; in every classification. */
START_TEST(test_policy_floors_cannot_be_loosened)
{
	struct policy p;
	const char *name, *field;
	uint32_t floor, v;
	unsigned cls, i;
	int at_least;

	policy_test_kdf_floor(FX_KDF_KIB, FX_KDF_PASSES);
	for (cls = CLASS_NONE; cls <= CLASS_CONFIDENTIAL; cls++) {
		ck_assert_int_eq(policy_defaults(cls, &pol), STATUS_OK);
		ck_assert_int_eq(policy_validate(&pol, NULL), STATUS_OK);
		for (i = 0; (name = policy_field_name(i)) != NULL; i++) {
			p = pol;
			ck_assert_int_eq(policy_field_floor(&p, name, &floor),
			    STATUS_OK);
			ck_assert_int_eq(policy_field_get(&p, name, &v),
			    STATUS_OK);
			ck_assert_uint_eq(v, floor);	/* defaults = floors */
			/* Which way is stricter?  Try one step up. */
			policy_field_set(&p, name, floor + 1);
			at_least = policy_validate(&p, NULL) !=
			    STATUS_POLICY_FLOOR;
			policy_field_set(&p, name, at_least ? floor - 1 :
			    floor + 1);
			if (at_least && floor == 0)
				continue;	/* nothing is looser than 0 */
			ck_assert_msg(policy_validate(&p, &field) ==
			    STATUS_POLICY_FLOOR, "%s looser than %u accepted "
			    "(class %u)", name, (unsigned) floor, cls);
			ck_assert_str_eq(field, name);
		}
	}
}
END_TEST

START_TEST(test_policy_tighten_is_accepted)
{
	policy_none();
	pol.min_length = 14;
	pol.max_age_days = 30;
	pol.history = 8;
	pol.max_failures = 3;
	pol.lock_minutes = 30;
	pol.idle_minutes = 3;
	ck_assert_int_eq(policy_validate(&pol, NULL), STATUS_OK);
	pol.warn_days = 31;			/* warned before it was set */
	ck_assert_int_eq(policy_validate(&pol, NULL), STATUS_INVALID);
}
END_TEST

START_TEST(test_policy_expiry_dates)
{
	policy_none();
	ck_assert_int_eq(policy_expires_at(&pol, FX_T0), FX_T0 + 60 * FX_DAY);
	ck_assert_int_eq(policy_warn_from(&pol, FX_T0), FX_T0 + 53 * FX_DAY);
}
END_TEST

START_TEST(test_policy_class_names)
{
	unsigned cls;

	ck_assert_int_eq(policy_class_parse("secret", &cls), STATUS_OK);
	ck_assert_uint_eq(cls, CLASS_SECRET);
	ck_assert_str_eq(policy_class_name(CLASS_CONFIDENTIAL), "confidential");
	ck_assert_int_eq(policy_class_parse("top-secret", &cls),
	    STATUS_INVALID);
}
END_TEST

/* -- Stored, and set by the security administrator ----------------------- */

START_TEST(test_policy_set_by_secadmin)
{
	struct policy p, q;
	uint64_t before;

	ck_assert_int_eq(policy_get(fx.st, &p), STATUS_OK);
	p.min_length = 12;
	ck_assert_int_eq(policy_set(fx.sec, &p), STATUS_OK);
	ck_assert_int_eq(policy_get(fx.st, &q), STATUS_OK);
	ck_assert_uint_eq(q.min_length, 12);
	ck_assert(fx_audit_has(0, ACT_POLICY_SET, AUDIT_OK, fx.sec->user_id));

	/* Looser than the floor: refused, unchanged, audited. */
	before = fx_audit_count();
	p.min_length = 9;
	ck_assert_int_eq(policy_set(fx.sec, &p), STATUS_POLICY_FLOOR);
	ck_assert_int_eq(policy_get(fx.st, &q), STATUS_OK);
	ck_assert_uint_eq(q.min_length, 12);
	ck_assert(fx_audit_has(before, ACT_POLICY_SET, AUDIT_FAILED,
	    fx.sec->user_id));

	/* The system administrator may not set it at all. */
	before = fx_audit_count();
	p.min_length = 13;
	ck_assert_int_eq(policy_set(fx.sys, &p), STATUS_DENIED);
	ck_assert(fx_audit_has(before, ACT_POLICY_SET, AUDIT_REFUSED,
	    fx.sys->user_id));
}
END_TEST

START_TEST(test_policy_raising_classification_raises_floors)
{
	struct policy p;

	ck_assert_int_eq(policy_get(fx.st, &p), STATUS_OK);
	p.min_length = 16;			/* stricter than any floor */
	ck_assert_int_eq(policy_set(fx.sec, &p), STATUS_OK);
	ck_assert_int_eq(policy_set_classification(fx.sec, CLASS_CONFIDENTIAL),
	    STATUS_OK);
	ck_assert_int_eq(policy_get(fx.st, &p), STATUS_OK);
	ck_assert_uint_eq(p.classification, CLASS_CONFIDENTIAL);
	ck_assert_uint_eq(p.max_age_days, 7);
	ck_assert_uint_eq(p.idle_minutes, 5);
	ck_assert_uint_eq(p.letters_digits, 1);
	ck_assert_uint_eq(p.min_length, 16);	/* kept */
	p.max_age_days = 8;
	ck_assert_int_eq(policy_set(fx.sec, &p), STATUS_POLICY_FLOOR);
	ck_assert_int_eq(policy_set_classification(fx.sys, CLASS_NONE),
	    STATUS_DENIED);
}
END_TEST

Suite *
policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("rules");
	TCase *st = tcase_create("stored");

	tcase_add_test(tc, test_policy_length_9_vs_10);
	tcase_add_test(tc, test_policy_three_of_four);
	tcase_add_test(tc, test_policy_guessable);
	tcase_add_test(tc, test_policy_name_inside);
	tcase_add_test(tc, test_policy_invalid_utf8);
	tcase_add_test(tc, test_policy_secret_needs_letters_and_digits);
	tcase_add_test(tc, test_policy_defaults_per_class);
	tcase_add_test(tc, test_policy_floors_cannot_be_loosened);
	tcase_add_test(tc, test_policy_tighten_is_accepted);
	tcase_add_test(tc, test_policy_expiry_dates);
	tcase_add_test(tc, test_policy_class_names);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(st, fx_setup_none, fx_teardown);
	tcase_add_test(st, test_policy_set_by_secadmin);
	tcase_add_test(st, test_policy_raising_classification_raises_floors);
	suite_add_tcase(s, st);
	return s;
}
