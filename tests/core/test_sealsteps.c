/*
 * test_sealsteps.c -- sealing in three steps (core/sealing.h): prepared
 * in a read transaction, signed outside the store, stored in a write
 * transaction that refuses when anything the signature binds changed.
 * Two clerks sealing one document at once: one seals it, the other is
 * told STATUS_SEAL_CHANGED and leaves nothing behind; a seal revoked
 * while the signature is made is refused, and so is one suspended and
 * resumed meanwhile; the wrapped key is wiped as soon as the signature
 * is made or refused.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/seal_fixture.h"
#include "core/suites.h"
#include "core/wf_fixture.h"
#include "core/wfop.h"

#define S(who)		wfx.s[WFX_##who]
#define ST		fx.st

/* The custodian's standing grant of SEAL-001: how many uses it counts. */
static uint32_t
ss_uses(void)
{
	struct rec_grant g;
	uint32_t uses;

	memset(&g, 0, sizeof g);
	sfx_get(REC_GRANT, 1, &g);
	ck_assert_uint_eq(g.seal_id, wfx.seal);
	ck_assert_uint_eq(g.user_id, wfx.id[WFX_CLERK]);
	uses = g.uses;
	rec_free(REC_GRANT, &g);
	return uses;
}

/* A document of 3 copies waiting for its seal. */
static uint64_t
ss_to_seal(void)
{
	uint64_t id = wfx_create(DOC_OFFICIAL_ADMIN, 3);

	wfx_walk(id, DOC_TO_SEAL);
	return id;
}

/* DOC_ID is still waiting, its version unsigned. */
static void
ss_untouched(uint64_t id)
{
	struct rec_version v;
	struct rec_doc d;

	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_TO_SEAL);
	ck_assert_uint_eq(d.sealed_version, 0);
	rec_free(REC_DOC, &d);
	wfx_version(id, 1, &v);
	ck_assert_uint_eq(v.signature.len, 0);
	ck_assert_uint_eq(v.pdf_sm3.len, 0);
	rec_free(REC_VERSION, &v);
}

/* The newest audit entry after BEFORE is a refused sealing for WHY. */
static void
ss_refused(uint64_t before, unsigned entries, enum status why)
{
	struct rec_audit e;

	ck_assert_uint_eq(wfx_audit_since(before, &e), entries);
	ck_assert_int_eq(e.action, ACT_DOC_SEAL);
	ck_assert_int_eq(e.outcome, AUDIT_REFUSED);
	ck_assert_ptr_nonnull(strstr(e.detail, status_name(why)));
	rec_free(REC_AUDIT, &e);
}

START_TEST(test_two_sealers_one_wins)
{
	struct workflow_sealing *a = NULL, *b = NULL;
	struct session *other = fx_login(wfx_names[WFX_CLERK], FX_PW,
	    STATUS_OK);
	uint64_t id = ss_to_seal(), before;
	uint32_t uses = ss_uses();
	struct rec_version v;
	struct rec_seal seal;
	struct rec_audit e;
	struct rec_doc d;

	/* The clerk at two terminals: both prepare and sign at once. */
	before = fx_audit_count();
	ck_assert_int_eq(workflow_seal_prepare(ST, S(CLERK), id, wfx.seal, 3,
	    &a), STATUS_OK);
	ck_assert_int_eq(workflow_seal_prepare(ST, other, id, wfx.seal, 3,
	    &b), STATUS_OK);
	ck_assert_uint_eq(wfx_audit_since(before, NULL), 0);
	ck_assert_int_eq(workflow_seal_sign(ST, S(CLERK), a, WFX_KEY_PW),
	    STATUS_OK);
	ck_assert_int_eq(workflow_seal_sign(ST, other, b, WFX_KEY_PW),
	    STATUS_OK);
	ss_untouched(id);	/* signing wrote nothing */

	/* The first to store seals; the second is told, and retrying
	 * finds the document sealed. */
	ck_assert_int_eq(workflow_seal_store(ST, S(CLERK), a), STATUS_OK);
	ck_assert_int_eq(workflow_seal_store(ST, other, b),
	    STATUS_SEAL_CHANGED);
	ss_refused(before, 2, STATUS_SEAL_CHANGED);
	wfx_audit_since(before, &e);
	rec_free(REC_AUDIT, &e);
	ck_assert_int_eq(workflow_seal(ST, other, id, wfx.seal, 3,
	    WFX_KEY_PW), STATUS_STATE);

	/* One sealing, one use of the grant, one signature that verifies. */
	ck_assert_uint_eq(ss_uses(), uses + 1);
	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_SEALED);
	ck_assert_uint_eq(d.sealed_version, 1);
	ck_assert_uint_eq(d.copies, 3);
	rec_free(REC_DOC, &d);
	wfx_version(id, 1, &v);
	ck_assert_int_eq(seal_get(S(CLERK), "SEAL-001", &seal), STATUS_OK);
	ck_assert_int_eq(sealing_verify(&seal, v.content_sm3.data,
	    &v.signature), STATUS_OK);
	rec_free(REC_SEAL, &seal);
	rec_free(REC_VERSION, &v);
	workflow_sealing_free(a);
	workflow_sealing_free(b);
	session_free(other);
}
END_TEST

START_TEST(test_rejected_while_signing)
{
	struct workflow_sealing *w = NULL;
	uint64_t id = ss_to_seal(), before;
	uint32_t uses = ss_uses();
	struct rec_doc d;

	ck_assert_int_eq(workflow_seal_prepare(ST, S(CLERK), id, wfx.seal, 3,
	    &w), STATUS_OK);
	ck_assert_int_eq(workflow_seal_sign(ST, S(CLERK), w, WFX_KEY_PW),
	    STATUS_OK);
	ck_assert_int_eq(workflow_reject(ST, S(CLERK2), id, "附件不全。"),
	    STATUS_OK);
	before = fx_audit_count();
	ck_assert_int_eq(workflow_seal_store(ST, S(CLERK), w),
	    STATUS_SEAL_CHANGED);
	ss_refused(before, 1, STATUS_SEAL_CHANGED);
	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_REJECTED);
	ck_assert_uint_eq(d.sealed_version, 0);
	rec_free(REC_DOC, &d);
	ck_assert_uint_eq(ss_uses(), uses);
	workflow_sealing_free(w);
}
END_TEST

/* The seal revoked by a director between signing and storing. */
static void
ss_revoke(struct session *dir)
{
	ck_assert_int_eq(seal_set_status(dir, "SEAL-001", SEAL_REVOKED,
	    "印章遗失"), STATUS_OK);
}

/* Suspended and resumed within one second, by one director, for one
 * reason: the seal's record reads as it did, all but the revocation
 * list's number, and that is enough to refuse. */
static void
ss_suspend_resume(struct session *dir)
{
	ck_assert_int_eq(seal_set_status(dir, "SEAL-001", SEAL_SUSPENDED,
	    "核查"), STATUS_OK);
	ck_assert_int_eq(seal_set_status(dir, "SEAL-001", SEAL_ACTIVE,
	    "核查"), STATUS_OK);
}

/* Document ID prepared and signed, CHANGE made by a director, then the
 * store refused with WHY: audited, nothing written, no use counted.
 * USES is the grant's count before; the director's session is
 * returned. */
static struct session *
ss_changed_while_signing(uint64_t id, uint32_t uses,
    void (*change)(struct session *), enum status why)
{
	struct workflow_sealing *w = NULL;
	struct session *dir;
	uint64_t before;

	fx_user("director9", ROLE_OFFICE_DIRECTOR, FX_PW);
	dir = fx_login("director9", FX_PW, STATUS_OK);
	ck_assert_int_eq(workflow_seal_prepare(ST, S(CLERK), id, wfx.seal, 3,
	    &w), STATUS_OK);
	ck_assert_int_eq(workflow_seal_sign(ST, S(CLERK), w, WFX_KEY_PW),
	    STATUS_OK);
	change(dir);

	before = fx_audit_count();
	ck_assert_int_eq(workflow_seal_store(ST, S(CLERK), w), why);
	ss_refused(before, 1, why);
	ss_untouched(id);
	ck_assert_uint_eq(ss_uses(), uses);
	workflow_sealing_free(w);
	return dir;
}

START_TEST(test_revoked_while_signing)
{
	uint64_t id = ss_to_seal();

	session_free(ss_changed_while_signing(id, ss_uses(), ss_revoke,
	    STATUS_SEAL_INACTIVE));
}
END_TEST

START_TEST(test_suspended_and_resumed_while_signing)
{
	uint64_t id = ss_to_seal();
	uint32_t uses = ss_uses();
	struct session *dir = ss_changed_while_signing(id, uses,
	    ss_suspend_resume, STATUS_SEAL_CHANGED);

	/* Sealing again, with the seal active, seals. */
	ck_assert_int_eq(workflow_seal(ST, S(CLERK), id, wfx.seal, 3,
	    WFX_KEY_PW), STATUS_OK);
	ck_assert_uint_eq(ss_uses(), uses + 1);
	session_free(dir);
}
END_TEST

/* -- The steps themselves ------------------------------------------------ */

struct ss_prep {
	uint64_t	 doc;
	struct sealing	*sg;
};

static enum status
ss_prepare_txn(struct store_txn *txn, void *arg)
{
	struct ss_prep *p = arg;
	struct rec_user u;
	enum status st;

	sealing_free(p->sg);
	if ((st = store_get(txn, REC_USER, wfx.id[WFX_CLERK], &u)) !=
	    STATUS_OK)
		return st;
	if ((st = store_get(txn, REC_SEAL, wfx.seal, &p->sg->seal)) ==
	    STATUS_OK && (st = wfop_version(txn, p->doc, 1,
	    &p->sg->version)) == STATUS_OK)
		st = sealing_prepare(txn, p->sg, &u);
	rec_free(REC_USER, &u);
	return st;
}

START_TEST(test_key_wiped)
{
	struct sealing sg;
	struct ss_prep p = { 0, &sg };
	static const struct sealing zero;

	p.doc = ss_to_seal();
	sealing_init(&sg);
	ck_assert_int_eq(store_run(ST, STORE_READ, ss_prepare_txn, &p),
	    STATUS_OK);
	ck_assert_uint_gt(sg.wrapped.len, 0);

	/* A wrong key password: the wrapped key is gone with the refusal,
	 * so nothing can be signed from this preparation any more. */
	ck_assert_int_eq(sealing_sign(&sg, "Wrong-Key-2026!"),
	    STATUS_KEY_PASSWORD);
	ck_assert_ptr_null(sg.wrapped.data);
	ck_assert_uint_eq(sg.wrapped.len, 0);
	ck_assert_int_eq(sealing_sign(&sg, WFX_KEY_PW), STATUS_INVALID);

	/* Prepared again: signed, the key wiped, the signature kept. */
	ck_assert_int_eq(store_run(ST, STORE_READ, ss_prepare_txn, &p),
	    STATUS_OK);
	ck_assert_int_eq(sealing_sign(&sg, WFX_KEY_PW), STATUS_OK);
	ck_assert_ptr_null(sg.wrapped.data);
	ck_assert_uint_eq(sg.wrapped.len, 0);
	ck_assert_uint_gt(sg.signature.len, 0);
	ck_assert_int_eq(sealing_sign(&sg, WFX_KEY_PW), STATUS_INVALID);
	sealing_free(&sg);
	ck_assert_int_eq(memcmp(&sg, &zero, sizeof sg), 0);
}
END_TEST

Suite *
sealsteps_suite(void)
{
	Suite *s = suite_create("sealsteps");
	TCase *tc = tcase_create("steps");

	tcase_add_checked_fixture(tc, wfx_setup, wfx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_two_sealers_one_wins);
	tcase_add_test(tc, test_rejected_while_signing);
	tcase_add_test(tc, test_revoked_while_signing);
	tcase_add_test(tc, test_suspended_and_resumed_while_signing);
	tcase_add_test(tc, test_key_wiped);
	suite_add_tcase(s, tc);
	return s;
}
