/*
 * test_bulk.c -- the bulk path (bulk.h): a document's whole life run as
 * one batch leaves the same document and the same audit entries as the
 * same acts run one by one; an act refused inside a batch is refused as
 * it would be outside it, and the batch goes on; a batch that fails
 * keeps neither its documents nor their audit entries; batches do not
 * nest; the audit key unwrapped for a batch's checkpoints is not kept
 * after it.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/audit_private.h"
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

/* -- The audit key, unwrapped once a batch ------------------------------ */

static enum status
bulk_checkpoint_txn(struct store_txn *txn, void *arg)
{
	return audit_checkpoint(txn, arg, NULL);
}

static enum status
bulk_checkpoint(const char *detail)
{
	return store_run(fx.st, STORE_WRITE, bulk_checkpoint_txn,
	    (void *) detail);
}

static void
bulk_kek_move(const char *from, const char *to)
{
	char *a = xasprintf("%s/%s", fx.dir, from);
	char *b = xasprintf("%s/%s", fx.dir, to);

	ck_assert_int_eq(rename(a, b), 0);
	free(b);
	free(a);
}

/* The verdict is audit_verify()'s status; its lines are not needed. */
static void
bulk_no_report(const char *line, void *arg)
{
	(void) line;
	(void) arg;
}

struct bulk_find {
	const char	*detail;
	int		 found;	/* a signed checkpoint with DETAIL */
};

static enum status
bulk_find_txn(struct store_txn *txn, void *arg)
{
	struct bulk_find *f = arg;
	struct rec_audit e;
	uint64_t id, last;
	enum status st;

	if ((st = store_last_id(txn, REC_AUDIT, &last)) != STATUS_OK)
		return st;
	for (id = 1; id <= last && !f->found; id++) {
		memset(&e, 0, sizeof e);
		if ((st = store_get(txn, REC_AUDIT, id, &e)) != STATUS_OK)
			return st;
		f->found = e.action == ACT_AUDIT_CHECKPOINT &&
		    strcmp(e.detail, f->detail) == 0 && e.signature.len > 0;
		rec_free(REC_AUDIT, &e);
	}
	return STATUS_OK;
}

static int
bulk_signed_checkpoint(const char *detail)
{
	struct bulk_find f = { detail, 0 };

	ck_assert_int_eq(store_run(fx.st, STORE_READ, bulk_find_txn, &f),
	    STATUS_OK);
	return f.found;
}

/* Two checkpoints, the secret file taken away between them. */
static enum status
bulk_two_checkpoints(void *arg)
{
	enum status *second = arg;
	enum status st;

	if ((st = bulk_checkpoint("first of the batch")) != STATUS_OK)
		return st;
	bulk_kek_move(AUDIT_KEK_FILE, "kek.away");
	*second = bulk_checkpoint("second of the batch");
	return STATUS_OK;
}

START_TEST(test_bulk_audit_key_for_the_batch_only)
{
	enum status second = STATUS_INVALID;
	uint64_t bad = 0;

	/* The key unwrapped at the batch's first checkpoint signs the
	 * second, though the file it was unwrapped with is gone. */
	ck_assert_int_eq(bulk_run(fx.st, bulk_two_checkpoints, &second),
	    STATUS_OK);
	ck_assert_int_eq(second, STATUS_OK);

	/* After the batch the key is not kept: without the file, no
	 * checkpoint can be signed. */
	ck_assert_int_eq(bulk_checkpoint("after the batch"),
	    STATUS_AUDIT_NO_KEY);

	/* Both of the batch's checkpoints are in the trail, signed. */
	bulk_kek_move("kek.away", AUDIT_KEK_FILE);
	ck_assert_int_eq(bulk_checkpoint("file back"), STATUS_OK);
	ck_assert_int_eq(audit_verify(fx.st, bulk_no_report, NULL, &bad),
	    STATUS_OK);
	ck_assert_uint_eq(bad, 0);
	ck_assert(bulk_signed_checkpoint("first of the batch"));
	ck_assert(bulk_signed_checkpoint("second of the batch"));
	ck_assert(!bulk_signed_checkpoint("after the batch"));
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
	tcase_add_test(tc, test_bulk_audit_key_for_the_batch_only);
	suite_add_tcase(s, tc);
	return s;
}
