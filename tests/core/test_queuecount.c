/*
 * test_queuecount.c -- the home screen's counts against the queues
 * themselves: after every step of every workflow path (submit, approve,
 * return, revise, send, seal, the clerk's and the print room's
 * rejections, printing part and all of the copies, extra prints,
 * reprints of a printed and of a rejected document), the count each
 * user sees for each queue equals the number of items the queue lists
 * (the slow walk), and the clerk's and print room's counts, which are
 * kept per state in the store, are the numbers the steps leave.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/suites.h"
#include "core/wf_fixture.h"

#define S(who)		wfx.s[WFX_##who]
#define ST		fx.st

static int
qc_tick(const struct inbox_item *it, void *arg)
{
	(void) it;
	++*(uint32_t *) arg;
	return 0;
}

/* Every user's every count agrees with the length of the queue. */
static void
qc_agree(void)
{
	struct inbox_counts n;
	uint32_t listed;
	int who, q;

	for (who = 0; who < WFX__COUNT; who++) {
		ck_assert_int_eq(inbox_counts(ST, wfx.s[who], &n), STATUS_OK);
		for (q = 0; q < INBOX__COUNT; q++) {
			listed = 0;
			ck_assert_int_eq(inbox_list(ST, wfx.s[who],
			    (enum inbox_queue) q, 0, 0, qc_tick, &listed),
			    STATUS_OK);
			ck_assert_msg(n.n[q] == listed, "%s, %s: count %u, "
			    "listed %u", wfx_names[who], inbox_queue_name(
			    (enum inbox_queue) q), n.n[q], listed);
		}
	}
}

/* The counts agree, and the clerk has TO_SEAL, the print room TO_PRINT. */
static void
qc_expect(uint32_t to_seal, uint32_t to_print)
{
	struct inbox_counts n;

	qc_agree();
	ck_assert_int_eq(inbox_counts(ST, S(CLERK), &n), STATUS_OK);
	ck_assert_uint_eq(n.n[INBOX_SEAL], to_seal);
	ck_assert_int_eq(inbox_counts(ST, S(PRINTER), &n), STATUS_OK);
	ck_assert_uint_eq(n.n[INBOX_PRINT], to_print);
}

static void
qc_print(uint64_t id, uint32_t count)
{
	struct printlog_job job;

	ck_assert_int_eq(printlog_reserve(ST, S(PRINTER), id, wfx.pr_colour,
	    count, &job), STATUS_OK);
	ck_assert_int_eq(printlog_complete(ST, S(PRINTER), job.id, PRINT_DONE,
	    count, count, 0, NULL), STATUS_OK);
}

/* Flow 1 and 2, with the clerk's rejection (Flow 3) on the way. */
START_TEST(test_counts_approval_to_print)
{
	struct doc_content c;
	uint64_t a = wfx_create(DOC_LIT_COMPOSED, 2);
	uint64_t b = wfx_create(DOC_OFFICIAL_ADMIN, 1);

	qc_expect(0, 0);
	wfx_walk(a, DOC_IN_APPROVAL);
	wfx_walk(b, DOC_IN_APPROVAL);
	qc_expect(0, 0);
	ck_assert_int_eq(workflow_return(ST, S(LEADER), b, "请修改"),
	    STATUS_OK);
	qc_expect(0, 0);
	wfx_content(&c, DOC_OFFICIAL_ADMIN, 1);
	ck_assert_int_eq(workflow_revise(ST, S(DRAFTER), b, &c), STATUS_OK);
	doc_content_free(&c);
	qc_expect(0, 0);

	wfx_walk(a, DOC_TO_SEAL);
	wfx_walk(b, DOC_TO_SEAL);
	qc_expect(2, 0);
	ck_assert_int_eq(workflow_reject(ST, S(CLERK), b, "文号错误"),
	    STATUS_OK);
	qc_expect(1, 0);
	wfx_walk(a, DOC_SEALED);
	qc_expect(0, 1);
	qc_print(a, 1);
	qc_expect(0, 1);	/* one copy left */
	qc_print(a, 1);
	qc_expect(0, 0);

	wfx_content(&c, DOC_OFFICIAL_ADMIN, 1);
	ck_assert_int_eq(workflow_revise(ST, S(DRAFTER), b, &c), STATUS_OK);
	doc_content_free(&c);
	wfx_walk(b, DOC_SEALED);
	qc_expect(0, 1);
}
END_TEST

/* Flow 3 by the print room, Flow 4 and Flow 5. */
START_TEST(test_counts_reprint_and_extra)
{
	struct doc_content c;
	uint64_t app = 0;
	uint64_t a = wfx_create(DOC_LIT_COMPOSED, 1);
	uint64_t b = wfx_create(DOC_LIT_COMPOSED, 1);

	wfx_walk(a, DOC_PRINTED);
	wfx_walk(b, DOC_SEALED);
	qc_expect(0, 1);

	ck_assert_int_eq(printapp_extra(ST, S(DRAFTER), a, 2, "会议需要", &app),
	    STATUS_OK);
	qc_expect(0, 1);
	ck_assert_int_eq(printapp_decide(ST, S(CHIEF), app, 1, NULL),
	    STATUS_OK);
	qc_expect(0, 2);	/* back to SEALED with copies left */

	ck_assert_int_eq(workflow_reject(ST, S(PRINTER), b, "页面排版错位"),
	    STATUS_OK);
	qc_expect(0, 1);
	wfx_content(&c, DOC_LIT_COMPOSED, 1);
	ck_assert_int_eq(reprint_apply(ST, S(DRAFTER), b, &c, "排版"),
	    STATUS_OK);
	qc_expect(0, 1);
	ck_assert_int_eq(reprint_apply(ST, S(DRAFTER), a, &c, "正文有误"),
	    STATUS_OK);
	doc_content_free(&c);
	qc_expect(0, 0);	/* the extra copies can no longer print */

	wfx_walk(b, DOC_TO_SEAL);
	qc_expect(1, 0);
	wfx_walk(b, DOC_SEALED);
	qc_expect(0, 1);
}
END_TEST

Suite *
queuecount_suite(void)
{
	Suite *s = suite_create("queuecount");
	TCase *tc = tcase_create("queuecount");

	tcase_add_checked_fixture(tc, wfx_setup, wfx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_counts_approval_to_print);
	tcase_add_test(tc, test_counts_reprint_and_extra);
	suite_add_tcase(s, tc);
	return s;
}
