/*
 * test_grant.c -- grants: a seal is used only within a grant's period
 * and number of uses, a failed sealing spends no use, and only the
 * office director grants or ends a grant, with the reason recorded.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/seal_fixture.h"
#include "core/suites.h"
#include "lib/testlib.h"

#define S(who)	sfx.s[SFX_##who]
#define ID(who)	sfx.id[SFX_##who]

static enum status
gr_sign(const char *pw)
{
	struct blob sig;
	enum status st;

	st = sfx_sign(SFX_CLERK, sfx.seal, sfx.version, pw, &sig);
	free(sig.data);
	return st;
}

START_TEST(test_uses_counted_within_the_period)
{
	struct rec_grant g;
	uint64_t id = 0;

	/* The custodian's standing grant ends: no use without a grant. */
	ck_assert_int_eq(grant_end(S(DIRECTOR), 1, "改为按次授权"), STATUS_OK);
	ck_assert_int_eq(gr_sign(SFX_KEY_PW), STATUS_SEAL_NO_GRANT);

	ck_assert_int_eq(grant_add(S(DIRECTOR), SFX_REGNO, "wang", FX_T0,
	    FX_T0 + FX_DAY, 2, &id), STATUS_OK);
	ck_assert_int_eq(gr_sign(SFX_KEY_PW), STATUS_OK);
	ck_assert_int_eq(gr_sign("Wrong-Pass-2026!"), STATUS_KEY_PASSWORD);
	sfx_get(REC_GRANT, id, &g);
	ck_assert_int_eq(g.uses, 1);	/* the failed one spent nothing */
	ck_assert_int_eq(gr_sign(SFX_KEY_PW), STATUS_OK);
	ck_assert_int_eq(gr_sign(SFX_KEY_PW), STATUS_SEAL_NO_GRANT);
	sfx_get(REC_GRANT, id, &g);
	ck_assert_int_eq(g.uses, 2);
	ck_assert_int_eq(g.max_uses, 2);

	/* A new grant starting tomorrow: nothing today, then one day. */
	ck_assert_int_eq(grant_add(S(DIRECTOR), SFX_REGNO, "wang",
	    FX_T0 + FX_DAY + 1, FX_T0 + 2 * FX_DAY, 0, &id), STATUS_OK);
	ck_assert_int_eq(gr_sign(SFX_KEY_PW), STATUS_SEAL_NO_GRANT);
	clock_set(FX_T0 + FX_DAY + 60);
	ck_assert_int_eq(gr_sign(SFX_KEY_PW), STATUS_OK);
	clock_set(FX_T0 + 3 * FX_DAY);
	ck_assert_int_eq(gr_sign(SFX_KEY_PW), STATUS_SEAL_NO_GRANT);
}
END_TEST

START_TEST(test_only_the_director_grants)
{
	struct rec_grant *list;
	struct seal_event *ev;
	uint64_t before = fx_audit_count(), id = 0;
	size_t n, i;
	int seen = 0;

	ck_assert_int_eq(grant_add(S(CLERK), SFX_REGNO, "li", FX_T0,
	    FX_T0 + FX_DAY, 0, NULL), STATUS_DENIED);
	ck_assert(fx_audit_has(before, ACT_GRANT, AUDIT_REFUSED, ID(CLERK)));
	ck_assert_int_eq(grant_add(S(DIRECTOR), SFX_REGNO, "zhang", FX_T0,
	    FX_T0 + FX_DAY, 0, NULL), STATUS_DENIED);	/* not a clerk */
	ck_assert_int_eq(grant_add(S(DIRECTOR), SFX_REGNO, "li", FX_T0 + 10,
	    FX_T0, 0, NULL), STATUS_INVALID);
	ck_assert_int_eq(grant_add(S(DIRECTOR), SFX_REGNO, "li", FX_T0 - 100,
	    FX_T0 - 10, 0, NULL), STATUS_INVALID);
	ck_assert_int_eq(grant_add(S(DIRECTOR), SFX_REGNO, "li", FX_T0,
	    FX_T0 + 3650 * FX_DAY, 0, NULL), STATUS_INVALID);
	ck_assert_int_eq(grant_add(S(DIRECTOR), SFX_REGNO, "nobody", FX_T0,
	    FX_T0 + FX_DAY, 0, NULL), STATUS_NOT_FOUND);
	ck_assert_int_eq(grant_add(S(DIRECTOR), SFX_REGNO, "li", FX_T0,
	    FX_T0 + FX_DAY, 5, &id), STATUS_OK);
	ck_assert(fx_audit_has(before, ACT_GRANT, AUDIT_OK, ID(DIRECTOR)));

	ck_assert_int_eq(grant_end(S(DIRECTOR), id, ""),
	    STATUS_REASON_REQUIRED);
	ck_assert_int_eq(grant_end(S(CLERK), id, "x"), STATUS_DENIED);
	ck_assert_int_eq(grant_end(S(DIRECTOR), id, "不再需要"), STATUS_OK);
	ck_assert_int_eq(grant_end(S(DIRECTOR), id, "again"), STATUS_STATE);

	ck_assert_int_eq(grant_list(S(DRAFTER), SFX_REGNO, &list, &n),
	    STATUS_OK);
	ck_assert_uint_eq(n, 2);
	for (i = 0; i < n; i++)
		if (list[i].id == id) {
			ck_assert_uint_eq(list[i].user_id, ID(CLERK2));
			ck_assert_int_eq(list[i].max_uses, 5);
			ck_assert_int_eq(list[i].period_to, FX_T0 - 1);
		}
	free(list);

	/* The seal's history has the grant and its end with the reason. */
	ck_assert_int_eq(seal_history(S(DRAFTER), SFX_REGNO, &ev, &n),
	    STATUS_OK);
	for (i = 0; i < n; i++)
		if (ev[i].action == ACT_GRANT && ev[i].outcome == AUDIT_OK &&
		    strstr(ev[i].detail, "不再需要") != NULL)
			seen = 1;
	ck_assert(seen);
	seal_history_free(ev, n);

	/* A suspended seal is granted to nobody. */
	ck_assert_int_eq(seal_set_status(S(DIRECTOR), SFX_REGNO,
	    SEAL_SUSPENDED, "检查"), STATUS_OK);
	ck_assert_int_eq(grant_add(S(DIRECTOR), SFX_REGNO, "li", FX_T0,
	    FX_T0 + FX_DAY, 0, NULL), STATUS_SEAL_INACTIVE);
}
END_TEST

Suite *
grant_suite(void)
{
	Suite *s = suite_create("grant");
	TCase *tc = tcase_create("grant");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, sfx_setup, sfx_teardown);
	tcase_add_test(tc, test_uses_counted_within_the_period);
	tcase_add_test(tc, test_only_the_director_grants);
	suite_add_tcase(s, tc);
	return s;
}
