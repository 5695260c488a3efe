/*
 * test_bulk.c -- the bulk path (bulk.h): a document's whole life run as
 * one batch leaves the same document and the same audit entries as the
 * same acts run one by one; an act refused inside a batch is refused as
 * it would be outside it, and the batch goes on; a batch that fails
 * keeps neither its documents nor their audit entries; batches do not
 * nest.
 */
#include <config.h>

#include <string.h>

#include "core/suites.h"
#include "core/wf_fixture.h"

/* The newest audit entry's sequence number. */
static uint64_t
bulk_audit_head(void)
{
	struct rec_audit last;
	uint64_t id;

	wfx_audit_since(0, &last);
	id = last.id;
	rec_free(REC_AUDIT, &last);
	return id;
}

struct bulk_life {
	uint64_t	 doc;
	enum status	 refused;	/* the drafter approving his own */
	enum status	 verdict;	/* the batch function's answer */
};

/* Create, approve, seal and print one document. */
static enum status
bulk_life_run(void *arg)
{
	struct bulk_life *l = arg;

	l->doc = wfx_create(DOC_LIT_COMPOSED, 2);
	ck_assert_int_eq(workflow_submit(fx.st, wfx.s[WFX_DRAFTER], l->doc),
	    STATUS_OK);
	l->refused = workflow_approve(fx.st, wfx.s[WFX_DRAFTER], l->doc,
	    NULL);
	wfx_walk(l->doc, DOC_SEALED);
	wfx_print(l->doc, 2);
	return l->verdict;
}

START_TEST(test_bulk_same_as_one_by_one)
{
	struct bulk_life one = { 0, STATUS_OK, STATUS_OK };
	struct bulk_life batch = { 0, STATUS_OK, STATUS_OK };
	struct rec_doc a, b;
	uint64_t head;
	unsigned n_one, n_batch;

	head = bulk_audit_head();
	ck_assert_int_eq(bulk_life_run(&one), STATUS_OK);
	n_one = wfx_audit_since(head, NULL);

	head = bulk_audit_head();
	ck_assert_int_eq(bulk_run(fx.st, bulk_life_run, &batch), STATUS_OK);
	n_batch = wfx_audit_since(head, NULL);

	/* Every act wrote its entries, the refusal included. */
	ck_assert_uint_gt(n_one, 5);
	ck_assert_uint_eq(n_batch, n_one);
	ck_assert_int_ne(batch.refused, STATUS_OK);
	ck_assert_int_eq(batch.refused, one.refused);

	wfx_doc(one.doc, &a);
	wfx_doc(batch.doc, &b);
	ck_assert_int_eq(b.state, a.state);
	ck_assert_uint_eq(b.copies_printed, 2);
	ck_assert_uint_eq(b.copies_printed, a.copies_printed);
	rec_free(REC_DOC, &a);
	rec_free(REC_DOC, &b);
}
END_TEST

START_TEST(test_bulk_failed_batch_keeps_nothing)
{
	struct bulk_life l = { 0, STATUS_OK, STATUS_STATE };
	struct docview v;
	uint64_t head = bulk_audit_head();

	ck_assert_int_eq(bulk_run(fx.st, bulk_life_run, &l), STATUS_STATE);
	ck_assert_uint_ne(l.doc, 0);
	ck_assert_int_eq(docview_get(fx.st, wfx.s[WFX_CLERK], l.doc, &v),
	    STATUS_NOT_FOUND);
	ck_assert_uint_eq(wfx_audit_since(head, NULL), 0);

	/* The workspace goes on: the same life outside a batch. */
	l.verdict = STATUS_OK;
	ck_assert_int_eq(bulk_life_run(&l), STATUS_OK);
	ck_assert_uint_gt(wfx_audit_since(head, NULL), 5);
}
END_TEST

static enum status
bulk_nested(void *arg)
{
	struct bulk_life *l = arg;

	l->refused = bulk_run(fx.st, bulk_life_run, l);
	return STATUS_OK;
}

START_TEST(test_bulk_refuses_nesting)
{
	struct bulk_life l = { 0, STATUS_OK, STATUS_OK };

	ck_assert_int_eq(bulk_run(fx.st, NULL, NULL), STATUS_INVALID);
	ck_assert_int_eq(bulk_run(fx.st, bulk_nested, &l), STATUS_OK);
	ck_assert_int_eq(l.refused, STATUS_INVALID);
	ck_assert_uint_eq(l.doc, 0);	/* the inner batch never ran */
}
END_TEST

Suite *
bulk_suite(void)
{
	Suite *s = suite_create("bulk");
	TCase *tc = tcase_create("bulk");

	tcase_add_checked_fixture(tc, wfx_setup, wfx_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_bulk_same_as_one_by_one);
	tcase_add_test(tc, test_bulk_failed_batch_keeps_nothing);
	tcase_add_test(tc, test_bulk_refuses_nesting);
	suite_add_tcase(s, tc);
	return s;
}
