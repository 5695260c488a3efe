/*
 * test_workflow.c -- one scenario per flow of the bureau's rules: the
 * approval chain and issuance (Flow 1, Art. 9, 10), printing (Flow 2,
 * Art. 11), rejecting (Flow 3), reprinting a printed and an unprinted
 * document (Flow 4), extra prints (Flow 5) and blank-form batches
 * (Flow 1.2).  Each step asserts its result, the state and records it
 * leaves, and the one audit entry it appends.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/suites.h"
#include "core/wf_fixture.h"
#include "core/wfop.h"

/* Run CALL, expect WANT, and exactly one audit entry for it: "ok" when
 * it succeeded, "refused" when it did not. */
#define WF(call, want) do { \
	uint64_t wf_before_ = fx_audit_count(); \
	wf_check(#call, (call), (want), wf_before_); \
} while (0)

static void
wf_check(const char *what, enum status got, enum status want, uint64_t before)
{
	struct rec_audit e;
	unsigned n;

	ck_assert_msg(got == want, "%s: got %s, want %s", what,
	    status_name(got), status_name(want));
	n = wfx_audit_since(before, &e);
	ck_assert_msg(n == 1, "%s: %u audit entries, want exactly 1", what, n);
	ck_assert_int_eq(e.outcome, want == STATUS_OK ? AUDIT_OK :
	    AUDIT_REFUSED);
	rec_free(REC_AUDIT, &e);
}

static enum doc_state
wf_state(uint64_t doc_id)
{
	struct rec_doc d;
	enum doc_state s;

	wfx_doc(doc_id, &d);
	s = (enum doc_state) d.state;
	rec_free(REC_DOC, &d);
	return s;
}

#define S(who)		wfx.s[WFX_##who]
#define ST		fx.st

/* -- Flow 1: approval level by level, issuance, sending, sealing -------- */

START_TEST(test_flow_approval)
{
	struct doc_content c;
	struct rec_version v1;
	struct rec_seal seal;
	struct rec_doc d;
	struct docview v;
	uint64_t id;

	/* A composed litigation document the leader in charge must see. */
	wfx_content(&c, DOC_LIT_COMPOSED, 3);
	c.leader_in_charge = 1;
	WF(workflow_create(ST, S(DRAFTER), &c, &id), STATUS_OK);
	ck_assert_int_eq(wf_state(id), DOC_DRAFT);
	WF(workflow_submit(ST, S(DRAFTER), id), STATUS_OK);
	ck_assert_int_eq(wf_state(id), DOC_IN_APPROVAL);

	/* Step 1: a section chief.  The leader cannot skip ahead of the
	 * chain, the drafter cannot approve, the clerk has no role. */
	WF(workflow_approve(ST, S(CLERK), id, NULL), STATUS_DENIED);
	WF(workflow_approve(ST, S(CHIEF), id, "同意"), STATUS_OK);
	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_IN_APPROVAL);
	ck_assert_uint_eq(d.approval_level, 1);
	rec_free(REC_DOC, &d);

	/* Step 2, the last: the leader in charge issues (签发). */
	WF(workflow_approve(ST, S(CHIEF), id, NULL), STATUS_CHAIN_LEVEL);
	WF(workflow_send(ST, S(DRAFTER), id), STATUS_STATE);
	WF(workflow_approve(ST, S(LEADER), id, "同意，签发"), STATUS_OK);
	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_APPROVED);
	ck_assert_str_eq(d.number_prefix, "示司办");
	ck_assert_uint_eq(d.number_year, 2026);
	ck_assert_uint_eq(d.number_seq, 1);
	rec_free(REC_DOC, &d);

	/* The clerk sees the chain and the issuance. */
	ck_assert_int_eq(docview_get(ST, S(CLERK), id, &v), STATUS_OK);
	ck_assert_uint_eq(v.chain.n, 2);
	ck_assert_uint_eq(v.napprovals, 2);
	ck_assert_int_eq(v.approvals[0].action, APPROVAL_APPROVE);
	ck_assert_uint_eq(v.approvals[0].approver_id, wfx.id[WFX_CHIEF]);
	ck_assert_str_eq(v.approvals[0].comment, "同意");
	ck_assert_int_eq(v.approvals[1].action, APPROVAL_ISSUE);
	ck_assert_str_eq(docview_user(&v, v.approvals[1].approver_id),
	    "leader");
	ck_assert_str_eq(v.number, "示司办〔2026〕1号");
	docview_free(&v);

	/* Sending freezes the version (Art. 10). */
	wfx_version(id, 1, &v1);
	ck_assert_uint_eq(v1.frozen, 0);
	ck_assert_uint_eq(v1.content_sm3.len, 32);
	rec_free(REC_VERSION, &v1);
	WF(workflow_send(ST, S(CHIEF), id), STATUS_DENIED);
	WF(workflow_send(ST, S(DRAFTER), id), STATUS_OK);
	ck_assert_int_eq(wf_state(id), DOC_TO_SEAL);
	wfx_version(id, 1, &v1);
	ck_assert_uint_eq(v1.frozen, 1);
	WF(workflow_revise(ST, S(DRAFTER), id, &c), STATUS_FROZEN);

	/* Sealing: the clerk's own seal, the approved copies, the
	 * custodian's password. */
	WF(workflow_seal(ST, S(CLERK), id, wfx.seal2, 3, WFX_KEY_PW),
	    STATUS_SEAL_CUSTODY);
	WF(workflow_seal(ST, S(CLERK), id, wfx.seal, 4, WFX_KEY_PW),
	    STATUS_COPIES);
	WF(workflow_seal(ST, S(CLERK), id, wfx.seal, 3, "wrong"),
	    STATUS_KEY_PASSWORD);
	WF(workflow_seal(ST, S(CLERK), id, wfx.seal, 3, WFX_KEY_PW), STATUS_OK);
	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_SEALED);
	ck_assert_uint_eq(d.sealed_version, 1);
	ck_assert_uint_eq(d.seal_id, wfx.seal);
	ck_assert_uint_eq(d.copies, 3);
	rec_free(REC_DOC, &d);
	rec_free(REC_VERSION, &v1);
	wfx_version(id, 1, &v1);
	ck_assert_uint_gt(v1.signature.len, 0);
	ck_assert_int_eq(wfop_hash_check(id, &v1), STATUS_OK);
	/* The seal's signature covers the frozen content. */
	ck_assert_int_eq(seal_get(S(CLERK), "SEAL-001", &seal), STATUS_OK);
	ck_assert_int_eq(sealing_verify(&seal, v1.content_sm3.data,
	    &v1.signature), STATUS_OK);
	rec_free(REC_SEAL, &seal);
	rec_free(REC_VERSION, &v1);
	doc_content_free(&c);
}
END_TEST

/* Issuing needs issuing authority for the kind; a return needs a
 * comment; a revision is a new version of the same kind, approved
 * again. */
START_TEST(test_flow_approval_issuer_and_return)
{
	struct rec_version v1, v2;
	struct doc_content c;
	struct rec_doc d;
	uint64_t id = wfx_create(DOC_OFFICIAL_ADMIN, 2);

	WF(workflow_submit(ST, S(DRAFTER), id), STATUS_OK);
	/* The chief holds issuing authority for litigation documents
	 * only; this chain has one step, which is the sign-off. */
	WF(workflow_approve(ST, S(CHIEF), id, NULL), STATUS_NOT_ISSUER);
	WF(workflow_return(ST, S(CHIEF), id, "  "), STATUS_REASON_REQUIRED);
	WF(workflow_return(ST, S(CHIEF), id, "标题不规范"), STATUS_OK);
	ck_assert_int_eq(wf_state(id), DOC_RETURNED);
	WF(workflow_submit(ST, S(DRAFTER), id), STATUS_STATE);

	/* A revision keeps the kind, and says that is why it is refused. */
	wfx_content(&c, DOC_LIT_COMPOSED, 2);
	WF(workflow_revise(ST, S(DRAFTER), id, &c), STATUS_REVISE_KIND);
	doc_content_free(&c);

	wfx_content(&c, DOC_OFFICIAL_ADMIN, 2);
	free(c.title);
	c.title = xstrdup("关于申请配置彩色激光打印机的请示（修改稿）");
	WF(workflow_revise(ST, S(DRAFTER2), id, &c), STATUS_DENIED);
	WF(workflow_revise(ST, S(DRAFTER), id, &c), STATUS_OK);
	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_DRAFT);
	ck_assert_uint_eq(d.version, 2);
	ck_assert_str_eq(d.title, c.title);
	rec_free(REC_DOC, &d);

	/* The first version is kept as it was. */
	wfx_version(id, 1, &v1);
	wfx_version(id, 2, &v2);
	ck_assert_str_eq(v1.title, "关于申请配置彩色激光打印机的请示");
	ck_assert(memcmp(v1.content_sm3.data, v2.content_sm3.data, 32) != 0);
	rec_free(REC_VERSION, &v1);
	rec_free(REC_VERSION, &v2);

	WF(workflow_submit(ST, S(DRAFTER), id), STATUS_OK);
	WF(workflow_approve(ST, S(LEADER), id, NULL), STATUS_OK);
	ck_assert_int_eq(wf_state(id), DOC_APPROVED);
	doc_content_free(&c);
}
END_TEST

/* The traditional seal never reaches the clerk (Art. 10); a Party-group
 * document is recorded and refused for e-sealing (Art. 2). */
START_TEST(test_flow_not_e_sealed)
{
	struct doc_content c;
	uint64_t id;

	wfx_content(&c, DOC_LIT_COMPOSED, 1);
	c.seal_mode = SEAL_MODE_TRADITIONAL;
	WF(workflow_create(ST, S(DRAFTER), &c, &id), STATUS_OK);
	wfx_walk(id, DOC_IN_APPROVAL);
	WF(workflow_approve(ST, S(CHIEF), id, NULL), STATUS_OK);
	ck_assert_int_eq(wf_state(id), DOC_CLOSED);
	WF(workflow_send(ST, S(DRAFTER), id), STATUS_REFUSED_MODE);
	doc_content_free(&c);

	wfx_content(&c, DOC_PARTY_GROUP, 8);
	WF(workflow_create(ST, S(DRAFTER), &c, &id), STATUS_OK);
	ck_assert_int_eq(wf_state(id), DOC_REFUSED);
	WF(workflow_submit(ST, S(DRAFTER), id), STATUS_REFUSED_KIND);
	WF(workflow_seal(ST, S(CLERK), id, wfx.seal, 8, WFX_KEY_PW),
	    STATUS_REFUSED_KIND);
	ck_assert_int_eq(wf_state(id), DOC_REFUSED);
	doc_content_free(&c);
}
END_TEST

/* -- Flow 2: printing exactly the approved copies ----------------------- */

START_TEST(test_flow_print)
{
	struct printlog_job job, retry;
	struct rec_doc d;
	struct docview v;
	uint64_t id = wfx_create(DOC_LIT_COMPOSED, 3);

	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 1, &job),
	    STATUS_STATE);
	wfx_walk(id, DOC_SEALED);

	WF(printlog_reserve(ST, S(CLERK), id, wfx.pr_colour, 1, &job),
	    STATUS_DENIED);
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_mono, 1, &job),
	    STATUS_PRINTER_COLOUR);
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 4, &job),
	    STATUS_COPIES_EXCEEDED);

	/* A job that fails consumes no copy number; the retry takes the
	 * same ones. */
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 2, &job),
	    STATUS_OK);
	ck_assert_uint_eq(job.first_copy, 1);
	ck_assert_uint_eq(job.count, 2);
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 1, &retry),
	    STATUS_PRINT_BUSY);
	ck_assert_int_eq(printlog_complete(ST, S(PRINTER), job.id, PRINT_FAILED,
	    0, 0, 0, "printer jammed"), STATUS_OK);
	wfx_doc(id, &d);
	ck_assert_uint_eq(d.copies_printed, 0);
	ck_assert_uint_eq(d.next_copy_no, 1);
	rec_free(REC_DOC, &d);
	WF(printlog_complete(ST, S(PRINTER), job.id, PRINT_DONE, 2, 2, 0, NULL),
	    STATUS_STATE);

	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 3, &retry),
	    STATUS_OK);
	ck_assert_uint_eq(retry.first_copy, 1);
	/* Two of three came out before the printer failed. */
	ck_assert_int_eq(printlog_complete(ST, S(PRINTER), retry.id,
	    PRINT_FAILED, 2, 2, 17, "out of paper"), STATUS_OK);
	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_SEALED);
	ck_assert_uint_eq(d.copies_printed, 2);
	ck_assert_uint_eq(d.next_copy_no, 3);
	rec_free(REC_DOC, &d);

	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 2, &job),
	    STATUS_COPIES_EXCEEDED);
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 1, &job),
	    STATUS_OK);
	ck_assert_uint_eq(job.first_copy, 3);
	WF(printlog_complete(ST, S(PRINTER), job.id, PRINT_DONE, 1, 1, 0, NULL),
	    STATUS_OK);
	ck_assert_int_eq(wf_state(id), DOC_PRINTED);
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 1, &job),
	    STATUS_COPIES_EXCEEDED);

	/* The print log: failed 1-2, failed-then-split 1-2 done + 3 failed,
	 * done 3. */
	ck_assert_int_eq(docview_get(ST, S(CLERK), id, &v), STATUS_OK);
	ck_assert_uint_eq(v.njobs, 4);
	ck_assert_int_eq(v.jobs[0].outcome, PRINT_FAILED);
	ck_assert_str_eq(v.jobs[0].message, "printer jammed");
	ck_assert_int_eq(v.jobs[1].outcome, PRINT_DONE);
	ck_assert_uint_eq(v.jobs[1].count, 2);
	ck_assert_uint_eq(v.jobs[1].queue_job, 17);
	ck_assert_int_eq(v.jobs[2].outcome, PRINT_FAILED);
	ck_assert_uint_eq(v.jobs[2].first_copy, 3);
	ck_assert_int_eq(v.jobs[3].outcome, PRINT_DONE);
	ck_assert_uint_eq(v.jobs[3].first_copy, 3);
	docview_free(&v);
}
END_TEST

/* Art. 13: a classified document prints only on a classified printer
 * of a classified workstation. */
START_TEST(test_flow_print_classified)
{
	struct printlog_job job;
	struct doc_content c;
	uint64_t id;

	wfx_content(&c, DOC_OFFICIAL_ADMIN, 1);
	c.classification = CLASS_SECRET;
	WF(workflow_create(ST, S(DRAFTER), &c, &id),
	    STATUS_STATION_CLASSIFIED);
	wfx_meta("classification", "secret");
	WF(workflow_create(ST, S(DRAFTER), &c, &id), STATUS_OK);
	wfx_walk(id, DOC_SEALED);

	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 1, &job),
	    STATUS_PRINTER_CLASSIFIED);
	wfx_meta("classification", "none");
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_classified, 1, &job),
	    STATUS_STATION_CLASSIFIED);
	wfx_meta("classification", "secret");
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_classified, 1, &job),
	    STATUS_OK);
	doc_content_free(&c);
}
END_TEST

/* -- Flow 3: rejecting with a reason ------------------------------------ */

START_TEST(test_flow_reject)
{
	struct doc_content c;
	struct docview v;
	uint64_t id = wfx_create(DOC_LIT_COMPOSED, 2);

	wfx_walk(id, DOC_TO_SEAL);
	WF(workflow_reject(ST, S(CLERK), id, ""), STATUS_REASON_REQUIRED);
	WF(workflow_reject(ST, S(PRINTER), id, "排版错误"), STATUS_DENIED);
	WF(workflow_reject(ST, S(CLERK), id, "文号错误"), STATUS_OK);
	ck_assert_int_eq(wf_state(id), DOC_REJECTED);
	ck_assert_int_eq(docview_get(ST, S(DRAFTER), id, &v), STATUS_OK);
	ck_assert_int_eq(v.approvals[v.napprovals - 1].action, APPROVAL_REJECT);
	ck_assert_str_eq(v.approvals[v.napprovals - 1].comment, "文号错误");
	docview_free(&v);

	/* Never sealed: the drafter fixes it and it is approved again. */
	wfx_content(&c, DOC_LIT_COMPOSED, 2);
	WF(reprint_apply(ST, S(DRAFTER), id, &c, "文号"), STATUS_STATE);
	WF(workflow_revise(ST, S(DRAFTER), id, &c), STATUS_OK);
	wfx_walk(id, DOC_SEALED);

	/* The print room rejects a sealed one; that needs a reprint. */
	WF(workflow_reject(ST, S(PRINTER), id, "页面排版错位"), STATUS_OK);
	ck_assert_int_eq(wf_state(id), DOC_REJECTED);
	WF(workflow_revise(ST, S(DRAFTER), id, &c), STATUS_FROZEN);
	WF(reprint_apply(ST, S(DRAFTER), id, &c, "排版"), STATUS_OK);
	ck_assert_int_eq(wf_state(id), DOC_IN_APPROVAL);
	doc_content_free(&c);
}
END_TEST

/* -- Flow 4: reprints --------------------------------------------------- */

START_TEST(test_flow_reprint_printed)
{
	static const uint32_t one[] = { 1 }, two[] = { 2 }, three[] = { 3 };
	static const uint32_t both[] = { 1, 2 };
	struct printlog_job job;
	struct doc_content c;
	struct rec_doc d;
	struct docview v;
	uint64_t id = wfx_create(DOC_LIT_COMPOSED, 2);

	wfx_walk(id, DOC_PRINTED);
	WF(reprint_recall(ST, S(CLERK), id, one, 1), STATUS_STATE);

	wfx_content(&c, DOC_LIT_COMPOSED, 2);
	free(c.body);
	c.body = xstrdup("局领导：\n更正后的正文。");
	WF(reprint_apply(ST, S(DRAFTER), id, &c, NULL), STATUS_REASON_REQUIRED);
	WF(reprint_apply(ST, S(DRAFTER), id, &c, "正文有误"), STATUS_OK);
	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_IN_APPROVAL);
	ck_assert_uint_eq(d.version, 2);
	ck_assert_uint_eq(d.sealed_version, 1);
	rec_free(REC_DOC, &d);
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 1, &job),
	    STATUS_SUPERSEDED);

	wfx_walk(id, DOC_TO_SEAL);
	WF(workflow_seal(ST, S(CLERK), id, wfx.seal, 2, WFX_KEY_PW),
	    STATUS_RECALL_PENDING);

	/* Recall by copy number: only printed copies, each once. */
	WF(reprint_recall(ST, S(PRINTER), id, one, 1), STATUS_DENIED);
	WF(reprint_recall(ST, S(CLERK), id, three, 1), STATUS_COPY_NUMBER);
	WF(reprint_recall(ST, S(CLERK), id, one, 1), STATUS_OK);
	WF(reprint_recall(ST, S(CLERK), id, one, 1), STATUS_COPY_NUMBER);
	WF(workflow_seal(ST, S(CLERK), id, wfx.seal, 2, WFX_KEY_PW),
	    STATUS_RECALL_PENDING);
	WF(reprint_destroy(ST, S(CLERK), id, two, 1, "王五"),
	    STATUS_COPY_NUMBER);
	WF(reprint_recall(ST, S(CLERK), id, two, 1), STATUS_OK);
	/* Recalled, not yet destroyed: still blocked. */
	WF(workflow_seal(ST, S(CLERK), id, wfx.seal, 2, WFX_KEY_PW),
	    STATUS_RECALL_PENDING);
	WF(reprint_destroy(ST, S(CLERK), id, both, 2, " "),
	    STATUS_WITNESS_REQUIRED);
	WF(reprint_destroy(ST, S(CLERK), id, both, 2, "王五（办公室）"),
	    STATUS_OK);
	WF(reprint_destroy(ST, S(CLERK), id, one, 1, "王五"),
	    STATUS_COPY_NUMBER);

	WF(workflow_seal(ST, S(CLERK), id, wfx.seal, 2, WFX_KEY_PW), STATUS_OK);
	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_SEALED);
	ck_assert_uint_eq(d.sealed_version, 2);
	ck_assert_uint_eq(d.copies_printed, 0);
	ck_assert_uint_eq(d.next_copy_no, 3);
	rec_free(REC_DOC, &d);

	/* The new copies continue the numbering. */
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 2, &job),
	    STATUS_OK);
	ck_assert_uint_eq(job.first_copy, 3);
	ck_assert_uint_eq(job.version, 2);

	ck_assert_int_eq(docview_get(ST, S(CLERK), id, &v), STATUS_OK);
	ck_assert_uint_eq(v.nrecalls, 2);
	ck_assert_uint_eq(v.recalls[0].copy_no, 1);
	ck_assert_uint_eq(v.recalls[0].version, 1);
	ck_assert_uint_eq(v.recalls[1].destroyed_by, wfx.id[WFX_CLERK]);
	ck_assert_str_eq(v.recalls[1].witness, "王五（办公室）");
	ck_assert_uint_eq(v.napps, 1);
	ck_assert_int_eq(v.apps[0].kind, APP_REPRINT);
	ck_assert_int_eq(v.apps[0].state, APP_DONE);
	ck_assert_str_eq(v.apps[0].reason, "正文有误");
	docview_free(&v);
	doc_content_free(&c);
}
END_TEST

START_TEST(test_flow_reprint_unprinted)
{
	struct printlog_job job;
	struct doc_content c;
	uint64_t id = wfx_create(DOC_LIT_COMPOSED, 2);

	wfx_walk(id, DOC_SEALED);
	wfx_content(&c, DOC_LIT_COMPOSED, 2);
	WF(reprint_apply(ST, S(DRAFTER), id, &c, "落款日期有误"), STATUS_OK);
	/* At once: the sealed version can no longer print. */
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 1, &job),
	    STATUS_SUPERSEDED);
	wfx_walk(id, DOC_SEALED);
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 2, &job),
	    STATUS_OK);
	ck_assert_uint_eq(job.first_copy, 1);
	ck_assert_uint_eq(job.version, 2);
	doc_content_free(&c);
}
END_TEST

/* -- Flow 5: extra prints ----------------------------------------------- */

START_TEST(test_flow_extra_print)
{
	struct printlog_job job;
	struct rec_doc d;
	uint64_t id = wfx_create(DOC_LIT_COMPOSED, 2), app = 0, app2 = 0;

	wfx_walk(id, DOC_TO_SEAL);
	WF(printapp_extra(ST, S(DRAFTER), id, 3, NULL, &app), STATUS_STATE);
	wfx_walk(id, DOC_PRINTED);

	WF(printapp_extra(ST, S(DRAFTER), id, 0, NULL, &app), STATUS_INVALID);
	WF(printapp_extra(ST, S(DRAFTER), id, 3, "会议需要", &app), STATUS_OK);
	ck_assert_uint_ne(app, 0);
	/* Nothing more prints until an approver agrees. */
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 1, &job),
	    STATUS_COPIES_EXCEEDED);
	WF(printapp_decide(ST, S(DRAFTER), app, 1, NULL), STATUS_DENIED);
	WF(printapp_decide(ST, S(CHIEF), app, 1, NULL), STATUS_OK);
	WF(printapp_decide(ST, S(CHIEF), app, 1, NULL), STATUS_STATE);
	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_SEALED);
	ck_assert_uint_eq(d.copies, 5);
	rec_free(REC_DOC, &d);

	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 4, &job),
	    STATUS_COPIES_EXCEEDED);
	WF(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour, 3, &job),
	    STATUS_OK);
	ck_assert_uint_eq(job.first_copy, 3);
	WF(printlog_complete(ST, S(PRINTER), job.id, PRINT_DONE, 3, 3, 0, NULL),
	    STATUS_OK);
	ck_assert_int_eq(wf_state(id), DOC_PRINTED);

	/* A denial needs a reason and adds nothing. */
	WF(printapp_extra(ST, S(DRAFTER), id, 1, NULL, &app2), STATUS_OK);
	WF(printapp_decide(ST, S(LEADER), app2, 0, NULL),
	    STATUS_REASON_REQUIRED);
	WF(printapp_decide(ST, S(LEADER), app2, 0, "份数已够"), STATUS_OK);
	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_PRINTED);
	ck_assert_uint_eq(d.copies, 5);
	rec_free(REC_DOC, &d);
}
END_TEST

/* -- Flow 1.2: a batch of sealed blank forms ----------------------------- */

START_TEST(test_flow_batch)
{
	struct doc_content c;
	struct docview v;
	struct rec_doc d;
	uint64_t id = 0;

	wfx_content(&c, DOC_LIT_FILL_IN, 1);
	WF(workflow_create(ST, S(DRAFTER), &c, &id), STATUS_OK);
	c.batch = 1;
	WF(workflow_create(ST, S(DRAFTER), &c, &id), STATUS_INVALID);
	WF(printapp_batch(ST, S(CHIEF), &c, 50, 0, NULL, &id), STATUS_DENIED);
	WF(printapp_batch(ST, S(DRAFTER), &c, 50, wfx.id[WFX_DRAFTER2],
	    "行政复议案件送达", &id), STATUS_OK);
	wfx_doc(id, &d);
	ck_assert_int_eq(d.state, DOC_DRAFT);
	ck_assert_uint_eq(d.batch, 1);
	ck_assert_uint_eq(d.copies, 50);
	rec_free(REC_DOC, &d);

	wfx_walk(id, DOC_TO_SEAL);
	WF(workflow_seal(ST, S(CLERK), id, wfx.seal, 49, WFX_KEY_PW),
	    STATUS_COPIES);
	wfx_walk(id, DOC_PRINTED);

	/* The register: who received which copy numbers. */
	ck_assert_int_eq(docview_get(ST, S(CLERK), id, &v), STATUS_OK);
	ck_assert_uint_eq(v.napps, 1);
	ck_assert_int_eq(v.apps[0].kind, APP_BATCH);
	ck_assert_int_eq(v.apps[0].state, APP_DONE);
	ck_assert_uint_eq(v.apps[0].count, 50);
	ck_assert_str_eq(docview_user(&v, v.apps[0].subject_id), "drafter2");
	ck_assert_uint_eq(v.njobs, 1);
	ck_assert_uint_eq(v.jobs[0].first_copy, 1);
	ck_assert_uint_eq(v.jobs[0].count, 50);
	docview_free(&v);
	doc_content_free(&c);
}
END_TEST

/* -- Queues ------------------------------------------------------------- */

struct wf_seen {
	uint64_t	 ids[8];
	unsigned	 n;
};

static int
wf_seen_add(const struct inbox_item *it, void *arg)
{
	struct wf_seen *s = arg;

	if (s->n < 8)
		s->ids[s->n++] = it->doc_id;
	return 0;
}

START_TEST(test_inbox)
{
	struct inbox_counts n;
	struct doc_content c;
	struct wf_seen seen;
	uint64_t a, b, urgent;

	a = wfx_create(DOC_LIT_COMPOSED, 1);
	clock_advance(60);
	b = wfx_create(DOC_OFFICIAL_ADMIN, 1);
	clock_advance(60);
	wfx_content(&c, DOC_LIT_COMPOSED, 1);
	c.urgency = URGENCY_VERY_URGENT;
	ck_assert_int_eq(workflow_create(ST, S(DRAFTER), &c, &urgent),
	    STATUS_OK);
	doc_content_free(&c);
	wfx_walk(a, DOC_IN_APPROVAL);
	clock_advance(60);
	wfx_walk(b, DOC_IN_APPROVAL);
	clock_advance(60);
	wfx_walk(urgent, DOC_IN_APPROVAL);

	/* The chief may sign litigation documents off, not official ones. */
	ck_assert_int_eq(inbox_counts(ST, S(CHIEF), &n), STATUS_OK);
	ck_assert_uint_eq(n.n[INBOX_APPROVE], 2);
	ck_assert_uint_eq(n.n[INBOX_SEAL], 0);
	memset(&seen, 0, sizeof seen);
	ck_assert_int_eq(inbox_list(ST, S(CHIEF), INBOX_APPROVE, 0, 0,
	    wf_seen_add, &seen), STATUS_OK);
	ck_assert_uint_eq(seen.n, 2);
	ck_assert_uint_eq(seen.ids[0], urgent);	/* most urgent first */
	ck_assert_uint_eq(seen.ids[1], a);

	/* The leader: all three, oldest first after the urgent one. */
	memset(&seen, 0, sizeof seen);
	ck_assert_int_eq(inbox_list(ST, S(LEADER), INBOX_APPROVE, 1, 1,
	    wf_seen_add, &seen), STATUS_OK);
	ck_assert_uint_eq(seen.n, 1);
	ck_assert_uint_eq(seen.ids[0], a);

	wfx_walk(a, DOC_APPROVED);
	ck_assert_int_eq(inbox_counts(ST, S(DRAFTER), &n), STATUS_OK);
	ck_assert_uint_eq(n.n[INBOX_SEND], 1);
	ck_assert_uint_eq(n.n[INBOX_APPROVE], 0);
	wfx_walk(a, DOC_TO_SEAL);
	ck_assert_int_eq(inbox_counts(ST, S(CLERK), &n), STATUS_OK);
	ck_assert_uint_eq(n.n[INBOX_SEAL], 1);
	ck_assert_int_eq(workflow_return(ST, S(LEADER), b, "请修改"),
	    STATUS_OK);
	ck_assert_int_eq(inbox_counts(ST, S(DRAFTER), &n), STATUS_OK);
	ck_assert_uint_eq(n.n[INBOX_RETURNED], 1);
	ck_assert_int_eq(inbox_counts(ST, S(DRAFTER2), &n), STATUS_OK);
	ck_assert_uint_eq(n.n[INBOX_RETURNED], 0);
}
END_TEST

/* A page of the approval queue is filtered as it is read: a document the
 * approver cannot act on, ahead of one he can, takes no place on it. */
START_TEST(test_inbox_page_skips_others)
{
	struct inbox_counts n;
	struct wf_seen seen;
	uint64_t official, lit;

	official = wfx_create(DOC_OFFICIAL_ADMIN, 1);
	wfx_walk(official, DOC_IN_APPROVAL);
	clock_advance(60);
	lit = wfx_create(DOC_LIT_COMPOSED, 1);
	wfx_walk(lit, DOC_IN_APPROVAL);

	memset(&seen, 0, sizeof seen);
	ck_assert_int_eq(inbox_list(ST, S(CHIEF), INBOX_APPROVE, 0, 1,
	    wf_seen_add, &seen), STATUS_OK);
	ck_assert_uint_eq(seen.n, 1);
	ck_assert_uint_eq(seen.ids[0], lit);
	memset(&seen, 0, sizeof seen);
	ck_assert_int_eq(inbox_list(ST, S(CHIEF), INBOX_APPROVE, 1, 1,
	    wf_seen_add, &seen), STATUS_OK);
	ck_assert_uint_eq(seen.n, 0);
	ck_assert_int_eq(inbox_counts(ST, S(CHIEF), &n), STATUS_OK);
	ck_assert_uint_eq(n.n[INBOX_APPROVE], 1);

	/* The leader may act on both: the older first. */
	memset(&seen, 0, sizeof seen);
	ck_assert_int_eq(inbox_list(ST, S(LEADER), INBOX_APPROVE, 0, 2,
	    wf_seen_add, &seen), STATUS_OK);
	ck_assert_uint_eq(seen.n, 2);
	ck_assert_uint_eq(seen.ids[0], official);
	ck_assert_uint_eq(seen.ids[1], lit);
}
END_TEST

Suite *
workflow_suite(void)
{
	Suite *s = suite_create("workflow");
	TCase *tc = tcase_create("flows");

	tcase_add_checked_fixture(tc, wfx_setup, wfx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_flow_approval);
	tcase_add_test(tc, test_flow_approval_issuer_and_return);
	tcase_add_test(tc, test_flow_not_e_sealed);
	tcase_add_test(tc, test_flow_print);
	tcase_add_test(tc, test_flow_print_classified);
	tcase_add_test(tc, test_flow_reject);
	tcase_add_test(tc, test_flow_reprint_printed);
	tcase_add_test(tc, test_flow_reprint_unprinted);
	tcase_add_test(tc, test_flow_extra_print);
	tcase_add_test(tc, test_flow_batch);
	tcase_add_test(tc, test_inbox);
	tcase_add_test(tc, test_inbox_page_skips_others);
	suite_add_tcase(s, tc);
	return s;
}
