/*
 * test_custody.c -- custody and proxy custody (Art. 6): a clerk asks,
 * the office director approves, custodian and proxy hand over together,
 * the proxy seals only within the approved period (the clock is stepped
 * through it), custody comes back at the end or when both return it,
 * and every step is recorded with who, when and the approval.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/seal_fixture.h"
#include "core/suites.h"
#include "lib/testlib.h"

#define S(who)	sfx.s[SFX_##who]
#define ID(who)	sfx.id[SFX_##who]

#define FROM	(FX_T0 + FX_DAY)
#define TO	(FX_T0 + 10 * FX_DAY)

/* Seal the fixture's document as WHO with PW; expect WANT.  On success
 * return the custody the signature says it was made in. */
static uint64_t
cu_sign(enum sfx_who who, const char *pw, enum status want)
{
	struct ses_signature s;
	struct blob sig;
	enum status st;
	uint64_t custody = 0;

	st = sfx_sign(who, sfx.seal, sfx.version, pw, &sig);
	ck_assert_msg(st == want, "%s sealing: got %s, want %s",
	    sfx_names[who], status_name(st), status_name(want));
	if (st == STATUS_OK) {
		ck_assert_int_eq(ses_signature_parse(sig.data, sig.len, &s),
		    STATUS_OK);
		ck_assert(s.has_protected);
		ck_assert_uint_eq(s.protected.signer.id, sfx.id[who]);
		custody = s.protected.custody_id;
		ses_signature_free(&s);
	}
	free(sig.data);
	return custody;
}

/* The custodian refused while the proxy holds the seal is told who the
 * proxy is (the fixture's accounts have no full name: the login) and
 * when custody CID ends. */
static void
cu_with_proxy(uint64_t cid)
{
	struct custody_proxy p;
	char until[32], *text, *want;

	/* The clock jumped past the sessions' idle limit: log in again. */
	sfx_clock(clock_now());
	ck_assert_int_eq(custody_proxy_now(S(CLERK), SFX_REGNO, &p),
	    STATUS_OK);
	ck_assert_uint_eq(p.custody_id, cid);
	ck_assert_str_eq(p.login, "li");
	ck_assert_int_eq(p.until, TO);
	custody_proxy_free(&p);
	ck_assert_int_eq(custody_proxy_refusal(S(CLERK), SFX_REGNO, &text),
	    STATUS_OK);
	want = xasprintf("The seal is with its proxy li until %s, in an "
	    "approved proxy custody (Art. 6). Use it again once the custody "
	    "is returned or its period ends.",
	    clock_format(TO, until, sizeof until));
	ck_assert_str_eq(text, want);
	free(want);
	free(text);
}

START_TEST(test_proxy_seals_only_within_the_period)
{
	struct rec_custody c;
	uint64_t cid;
	char *text;

	cid = sfx_proxy_approved(FROM, TO);

	/* Approved, not yet handed over: the custodian still holds it, and
	 * nobody is named as its proxy. */
	ck_assert_int_eq(custody_proxy_refusal(S(CLERK), SFX_REGNO, &text),
	    STATUS_NOT_FOUND);
	ck_assert_ptr_null(text);
	cu_sign(SFX_CLERK2, SFX_PROXY_PW, STATUS_CUSTODY_PERIOD);
	ck_assert_uint_eq(cu_sign(SFX_CLERK, SFX_KEY_PW, STATUS_OK), 0);

	ck_assert_int_eq(custody_handover(S(CLERK), S(CLERK2), cid,
	    SFX_KEY_PW, SFX_PROXY_PW), STATUS_OK);
	/* Handed over before the period: nobody but the custodian yet. */
	cu_sign(SFX_CLERK2, SFX_PROXY_PW, STATUS_CUSTODY_PERIOD);
	cu_sign(SFX_CLERK, SFX_KEY_PW, STATUS_OK);

	/* Within the period: the proxy, with the proxy's own password. */
	clock_set(FROM + 3600);
	ck_assert_uint_eq(cu_sign(SFX_CLERK2, SFX_PROXY_PW, STATUS_OK), cid);
	cu_sign(SFX_CLERK2, SFX_KEY_PW, STATUS_KEY_PASSWORD);
	/* The custodian is told the seal is with the proxy, not that it is
	 * someone else's. */
	cu_sign(SFX_CLERK, SFX_KEY_PW, STATUS_SEAL_WITH_PROXY);
	cu_with_proxy(cid);
	clock_set(TO);
	ck_assert_uint_eq(cu_sign(SFX_CLERK2, SFX_PROXY_PW, STATUS_OK), cid);

	/* After it: custody is back, the proxy's copy destroyed. */
	clock_set(TO + 1);
	cu_sign(SFX_CLERK2, SFX_PROXY_PW, STATUS_CUSTODY_PERIOD);
	ck_assert_uint_eq(cu_sign(SFX_CLERK, SFX_KEY_PW, STATUS_OK), 0);
	sfx_get(REC_CUSTODY, cid, &c);
	ck_assert_int_eq(c.state, CUSTODY_RETURNED);
	ck_assert_int_eq(c.returned_at, TO);
	ck_assert_uint_eq(c.wrapped_key.len, 0);
	rec_free(REC_CUSTODY, &c);
}
END_TEST

START_TEST(test_early_return_by_both)
{
	struct rec_custody *list, c;
	struct rec_grant g;
	uint64_t cid, before;
	size_t n;

	cid = sfx_proxy_approved(FROM, TO);
	sfx_clock(FROM);
	ck_assert_int_eq(custody_handover(S(CLERK), S(CLERK2), cid,
	    SFX_KEY_PW, SFX_PROXY_PW), STATUS_OK);
	cu_sign(SFX_CLERK2, SFX_PROXY_PW, STATUS_OK);

	sfx_clock(FROM + 2 * FX_DAY);
	ck_assert_int_eq(custody_return(S(CLERK2), S(CLERK), cid),
	    STATUS_SEAL_CUSTODY);
	before = fx_audit_count();
	ck_assert_int_eq(custody_return(S(CLERK), S(CLERK2), cid), STATUS_OK);
	ck_assert(fx_audit_has(before, ACT_CUSTODY_CONFIRM, AUDIT_OK,
	    ID(CLERK)));
	ck_assert(fx_audit_has(before, ACT_CUSTODY_CONFIRM, AUDIT_OK,
	    ID(CLERK2)));
	/* Taken back within the period: the proxy is told so, not that the
	 * period is over. */
	cu_sign(SFX_CLERK2, SFX_PROXY_PW, STATUS_CUSTODY_RETURNED);
	cu_sign(SFX_CLERK, SFX_KEY_PW, STATUS_OK);
	ck_assert_int_eq(custody_return(S(CLERK), S(CLERK2), cid),
	    STATUS_CUSTODY_STATE);

	/* The records: who, when, and the approval. */
	ck_assert_int_eq(custody_list(S(DRAFTER), SFX_REGNO, &list, &n),
	    STATUS_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(list[0].kind, CUSTODY_ASSIGN);
	ck_assert_int_eq(list[1].kind, CUSTODY_PROXY);
	ck_assert_int_eq(list[1].state, CUSTODY_RETURNED);
	ck_assert_uint_eq(list[1].from_user, ID(CLERK));
	ck_assert_uint_eq(list[1].to_user, ID(CLERK2));
	ck_assert_uint_eq(list[1].approved_by, ID(DIRECTOR));
	ck_assert_int_eq(list[1].handover_from_at, FROM);
	ck_assert_int_eq(list[1].handover_to_at, FROM);
	ck_assert_int_eq(list[1].returned_at, FROM + 2 * FX_DAY);
	ck_assert_uint_eq(list[1].wrapped_key.len, 0);
	custody_list_free(list, n);

	sfx_get(REC_CUSTODY, cid, &c);
	ck_assert_uint_eq(c.wrapped_key.len, 0);
	rec_free(REC_CUSTODY, &c);
	sfx_get(REC_GRANT, 2, &g);	/* the proxy's, made at the handover */
	ck_assert_uint_eq(g.user_id, ID(CLERK2));
	ck_assert_int_eq(g.period_to, FROM + 2 * FX_DAY - 1);
	ck_assert_int_eq(g.uses, 1);
	rec_free(REC_GRANT, &g);

	/* Once the approved period is over, it is the period that ended. */
	sfx_clock(TO + 1);
	cu_sign(SFX_CLERK2, SFX_PROXY_PW, STATUS_CUSTODY_PERIOD);
}
END_TEST

START_TEST(test_request_rules)
{
	uint64_t id = 0, before = fx_audit_count();

	ck_assert_int_eq(custody_request(S(DRAFTER), SFX_REGNO, "li", FROM, TO,
	    "出差", &id), STATUS_DENIED);
	ck_assert(fx_audit_has(before, ACT_CUSTODY_REQUEST, AUDIT_REFUSED,
	    ID(DRAFTER)));
	ck_assert_int_eq(custody_request(S(CLERK), SFX_REGNO, "zhang", FROM,
	    TO, "出差", &id), STATUS_CUSTODY_PROXY_ROLE);	/* not a clerk */
	ck_assert_int_eq(custody_request(S(CLERK), SFX_REGNO, "wang", FROM, TO,
	    "出差", &id), STATUS_SEAL_TWO_PEOPLE);
	ck_assert_int_eq(custody_request(S(CLERK), SFX_REGNO, "li", TO, FROM,
	    "出差", &id), STATUS_CUSTODY_BAD_PERIOD);
	ck_assert_int_eq(custody_request(S(CLERK), SFX_REGNO, "li", FROM, TO,
	    "", &id), STATUS_REASON_REQUIRED);
	ck_assert_int_eq(custody_request(S(CLERK), "none", "li", FROM, TO,
	    "出差", &id), STATUS_NOT_FOUND);
	ck_assert_int_eq(custody_request(S(CLERK2), SFX_REGNO, "li", FROM, TO,
	    "出差", &id), STATUS_OK);
	{
		struct rec_custody *list;
		size_t n;

		ck_assert_int_eq(custody_pending(S(DIRECTOR), &list, &n),
		    STATUS_OK);
		ck_assert_uint_eq(n, 1);
		ck_assert_uint_eq(list[0].id, id);
		ck_assert_int_eq(list[0].state, CUSTODY_REQUESTED);
		custody_list_free(list, n);
	}
	ck_assert(fx_audit_has(before, ACT_CUSTODY_REQUEST, AUDIT_OK,
	    ID(CLERK2)));
	/* One open proxy custody at a time. */
	ck_assert_int_eq(custody_request(S(CLERK), SFX_REGNO, "li", FROM, TO,
	    "出差", NULL), STATUS_CUSTODY_OPEN);
}
END_TEST

START_TEST(test_decide_rules)
{
	struct rec_custody c;
	uint64_t id = 0, both;
	struct session *s;

	ck_assert_int_eq(custody_request(S(CLERK), SFX_REGNO, "li", FROM, TO,
	    "出差", &id), STATUS_OK);
	ck_assert_int_eq(custody_decide(S(CLERK), id, 1, NULL), STATUS_DENIED);
	ck_assert_int_eq(custody_decide(S(DIRECTOR), id, 0, NULL),
	    STATUS_REASON_REQUIRED);
	ck_assert_int_eq(custody_decide(S(DIRECTOR), id, 0, "另行安排"),
	    STATUS_OK);
	sfx_get(REC_CUSTODY, id, &c);
	ck_assert_int_eq(c.state, CUSTODY_DENIED);
	ck_assert_uint_eq(c.approved_by, ID(DIRECTOR));
	rec_free(REC_CUSTODY, &c);
	ck_assert_int_eq(custody_decide(S(DIRECTOR), id, 1, NULL),
	    STATUS_CUSTODY_STATE);
	ck_assert_int_eq(custody_handover(S(CLERK), S(CLERK2), id,
	    SFX_KEY_PW, SFX_PROXY_PW), STATUS_CUSTODY_STATE);

	/* A director who would be the proxy may not approve it. */
	both = fx_user("qian", ROLE_OFFICE_DIRECTOR | ROLE_CLERK, FX_PW);
	(void) both;
	s = fx_login("qian", FX_PW, STATUS_OK);
	ck_assert_int_eq(custody_request(S(CLERK), SFX_REGNO, "qian", FROM, TO,
	    "出差", &id), STATUS_OK);
	ck_assert_int_eq(custody_decide(s, id, 1, NULL), STATUS_SELF_APPROVAL);
	session_free(s);
}
END_TEST

START_TEST(test_handover_rules)
{
	struct rec_custody c;
	uint64_t id, other;
	struct session *s;

	id = sfx_proxy_approved(FROM, TO);
	ck_assert_int_eq(custody_handover(S(CLERK), S(CLERK2), id,
	    "Wrong-Pass-2026!", SFX_PROXY_PW), STATUS_BAD_PASSWORD);
	ck_assert_int_eq(custody_handover(S(CLERK), S(CLERK2), id, SFX_KEY_PW,
	    "short"), STATUS_PW_WEAK);
	ck_assert_int_eq(custody_handover(S(CLERK2), S(CLERK), id,
	    SFX_PROXY_PW, SFX_KEY_PW), STATUS_SEAL_CUSTODY);
	ck_assert_int_eq(custody_handover(S(CLERK), S(CLERK), id, SFX_KEY_PW,
	    SFX_PROXY_PW), STATUS_SEAL_TWO_PEOPLE);
	other = fx_user("sun", ROLE_CLERK, FX_PW);
	(void) other;
	s = fx_login("sun", FX_PW, STATUS_OK);
	ck_assert_int_eq(custody_handover(S(CLERK), s, id, SFX_KEY_PW,
	    SFX_PROXY_PW), STATUS_DENIED);
	session_free(s);

	/* Nothing of that changed the custody. */
	sfx_get(REC_CUSTODY, id, &c);
	ck_assert_int_eq(c.state, CUSTODY_APPROVED);
	ck_assert_uint_eq(c.wrapped_key.len, 0);
	rec_free(REC_CUSTODY, &c);

	sfx_clock(TO + 1);
	ck_assert_int_eq(custody_handover(S(CLERK), S(CLERK2), id, SFX_KEY_PW,
	    SFX_PROXY_PW), STATUS_CUSTODY_PERIOD);

	/* Never handed over, it ended with its period: the seal may get a
	 * proxy again, and the new one is handed over. */
	other = sfx_proxy_approved(TO + FX_DAY, TO + 2 * FX_DAY);
	ck_assert_uint_ne(other, id);
	ck_assert_int_eq(custody_handover(S(CLERK), S(CLERK2), other,
	    SFX_KEY_PW, SFX_PROXY_PW), STATUS_OK);
}
END_TEST

Suite *
custody_suite(void)
{
	Suite *s = suite_create("custody");
	TCase *tc = tcase_create("custody");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, sfx_setup, sfx_teardown);
	tcase_add_test(tc, test_proxy_seals_only_within_the_period);
	tcase_add_test(tc, test_early_return_by_both);
	tcase_add_test(tc, test_request_rules);
	tcase_add_test(tc, test_decide_rules);
	tcase_add_test(tc, test_handover_rules);
	suite_add_tcase(s, tc);
	return s;
}
