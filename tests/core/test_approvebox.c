/*
 * test_approvebox.c -- the approver's inbox from the step indexes
 * (schema 5) against the walk of every document in approval: after each
 * step of every workflow path (submit, approve, issue, return, revise,
 * the clerk's rejection), a chain setting changed, leader levels,
 * issuing authority and roles changed, an account disabled, an approver
 * drafting their own document, every user's approval count, whole queue
 * and a page from its middle are the walk's, item for item; a workspace
 * of schema 4 gets the indexes when it is opened; check reports a count
 * or a document whose filing disagrees with its records.
 */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/suites.h"
#include "core/wf_fixture.h"
#include "store/store_test.h"

#define S(who)		wfx.s[WFX_##who]
#define ST		fx.st
#define AB_MAX		64

struct ab_list {
	uint64_t	 id[AB_MAX];
	uint32_t	 n;
};

static int
ab_item(const struct inbox_item *it, void *arg)
{
	struct ab_list *l = arg;

	ck_assert_uint_lt(l->n, AB_MAX);
	l->id[l->n++] = it->doc_id;
	return 0;
}

/* The approval count, the whole queue and a page (offset 1, 2 items)
 * of WHO, from the indexes or by the walk; the status of each. */
struct ab_view {
	enum status	 rc;
	uint32_t	 count;
	struct ab_list	 all, page;
};

static void
ab_view(int who, int walk, struct ab_view *v)
{
	struct inbox_counts n;

	memset(v, 0, sizeof *v);
	inbox_test_walk(walk);
	v->rc = inbox_counts(ST, wfx.s[who], &n);
	v->count = n.n[INBOX_APPROVE];
	if (v->rc == STATUS_OK)
		v->rc = inbox_list(ST, wfx.s[who], INBOX_APPROVE, 0, 0,
		    ab_item, &v->all);
	if (v->rc == STATUS_OK)
		v->rc = inbox_list(ST, wfx.s[who], INBOX_APPROVE, 1, 2,
		    ab_item, &v->page);
	inbox_test_walk(0);
}

static void
ab_same(const char *what, int who, const struct ab_list *a,
    const struct ab_list *b)
{
	uint32_t i;

	ck_assert_msg(a->n == b->n, "%s, %s: %u items, the walk %u",
	    wfx_names[who], what, a->n, b->n);
	for (i = 0; i < a->n; i++)
		ck_assert_msg(a->id[i] == b->id[i], "%s, %s: item %u is doc "
		    "%llu, the walk's doc %llu", wfx_names[who], what, i,
		    (unsigned long long) a->id[i],
		    (unsigned long long) b->id[i]);
}

/* WHO sees what the walk sees. */
static void
ab_agree_one(int who)
{
	struct ab_view fast, slow;

	ab_view(who, 0, &fast);
	ab_view(who, 1, &slow);
	ck_assert_int_eq(fast.rc, slow.rc);
	ck_assert_msg(fast.count == slow.count, "%s: count %u, the walk %u",
	    wfx_names[who], fast.count, slow.count);
	ck_assert_uint_eq(fast.count, fast.all.n);
	ab_same("queue", who, &fast.all, &slow.all);
	ab_same("page", who, &fast.page, &slow.page);
}

/* Every user sees what the walk sees. */
static void
ab_agree(void)
{
	int who;

	for (who = 0; who < WFX__COUNT; who++)
		ab_agree_one(who);
}

/* The approval count WHO sees (and the walk agrees with the three
 * approvers: the others' queue is empty either way, as ab_agree shows
 * at the end of each test). */
static uint32_t
ab_count(int who)
{
	struct ab_view v;

	ab_agree_one(WFX_CHIEF);
	ab_agree_one(WFX_LEADER);
	ab_agree_one(WFX_BUREAU);
	ab_view(who, 0, &v);
	ck_assert_int_eq(v.rc, STATUS_OK);
	return v.count;
}

static uint64_t
ab_create(struct session *s, enum doc_kind kind, int special, int leader,
    uint8_t urgency)
{
	struct doc_content c;
	uint64_t id = 0;

	wfx_content(&c, kind, 1);
	c.special_number = (uint8_t) special;
	c.leader_in_charge = (uint8_t) leader;
	c.urgency = urgency;
	ck_assert_int_eq(workflow_create(ST, s, &c, &id), STATUS_OK);
	ck_assert_int_eq(workflow_submit(ST, s, id), STATUS_OK);
	doc_content_free(&c);
	return id;
}

static void
ab_attrs(const char *name, unsigned fields, uint32_t roles, uint8_t level,
    uint32_t issuing)
{
	struct account_attrs a;

	memset(&a, 0, sizeof a);
	a.fields = fields;
	a.roles = roles;
	a.leader_level = level;
	a.issuing_kinds = issuing;
	ck_assert_int_eq(account_set_attrs(fx.sec, name, &a), STATUS_OK);
}

/* Submit, approve, issue, a chain changed under waiting documents. */
START_TEST(test_approvebox_steps)
{
	uint64_t a, b;

	wfx_meta("chain.litigation-composed", "1,2,3");
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 0);
	a = ab_create(S(DRAFTER), DOC_LIT_COMPOSED, 0, 0, URGENCY_NORMAL);
	b = ab_create(S(DRAFTER), DOC_OFFICIAL_ADMIN, 0, 1, URGENCY_URGENT);
	ab_create(S(DRAFTER2), DOC_OFFICIAL_OFFICE, 1, 0, URGENCY_NORMAL);
	/* a: 1,2,3; b: 1 and the leader in charge; the special one: 3. */
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 2);
	ck_assert_uint_eq(ab_count(WFX_LEADER), 2);
	ck_assert_uint_eq(ab_count(WFX_BUREAU), 3);

	ck_assert_int_eq(workflow_approve(ST, S(CHIEF), a, NULL), STATUS_OK);
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 1);
	ck_assert_uint_eq(ab_count(WFX_LEADER), 2);
	ck_assert_int_eq(workflow_approve(ST, S(BUREAU), a, NULL), STATUS_OK);
	/* a waits for a bureau leader, and the only one approved it. */
	ck_assert_uint_eq(ab_count(WFX_BUREAU), 2);
	ck_assert_uint_eq(ab_count(WFX_LEADER), 1);

	/* A shorter chain leaves a past its end; a longer one keeps the
	 * bureau leader out of a version they approved. */
	wfx_meta("chain.litigation-composed", "1,2");
	ck_assert_uint_eq(ab_count(WFX_BUREAU), 2);
	wfx_meta("chain.litigation-composed", "1,2,3,3");
	ck_assert_uint_eq(ab_count(WFX_BUREAU), 2);
	wfx_meta("chain.litigation-composed", "1,2,2");
	ck_assert_uint_eq(ab_count(WFX_LEADER), 2);
	ck_assert_int_eq(workflow_approve(ST, S(LEADER), a, NULL), STATUS_OK);
	ck_assert_uint_eq(ab_count(WFX_LEADER), 1);

	/* b: the chief approves, the leader in charge issues. */
	ck_assert_int_eq(workflow_approve(ST, S(CHIEF), b, NULL), STATUS_OK);
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 0);
	ck_assert_int_eq(workflow_approve(ST, S(LEADER), b, NULL), STATUS_OK);
	ck_assert_uint_eq(ab_count(WFX_LEADER), 0);
	ck_assert_uint_eq(ab_count(WFX_BUREAU), 1);
	ab_agree();
}
END_TEST

/* Return, revise, submit again; the clerk's rejection and a revision. */
START_TEST(test_approvebox_return_reject)
{
	struct doc_content c;
	uint64_t a, d;

	wfx_meta("chain.official-admin", "1,2");
	a = ab_create(S(DRAFTER), DOC_OFFICIAL_ADMIN, 0, 0, URGENCY_NORMAL);
	ck_assert_int_eq(workflow_approve(ST, S(CHIEF), a, NULL), STATUS_OK);
	ck_assert_uint_eq(ab_count(WFX_BUREAU), 1);
	ck_assert_int_eq(workflow_return(ST, S(LEADER), a, "请补充依据"),
	    STATUS_OK);
	ck_assert_uint_eq(ab_count(WFX_BUREAU), 0);
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 0);

	wfx_content(&c, DOC_OFFICIAL_ADMIN, 1);
	ck_assert_int_eq(workflow_revise(ST, S(DRAFTER), a, &c), STATUS_OK);
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 0);
	ck_assert_int_eq(workflow_submit(ST, S(DRAFTER), a), STATUS_OK);
	/* A new version: the chief who approved the old one may again. */
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 1);

	d = wfx_create(DOC_LIT_TABLE, 1);
	wfx_walk(d, DOC_TO_SEAL);
	ck_assert_int_eq(workflow_reject(ST, S(CLERK), d, "页码有误"),
	    STATUS_OK);
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 1);
	c.kind = DOC_LIT_TABLE;
	ck_assert_int_eq(workflow_revise(ST, S(DRAFTER), d, &c), STATUS_OK);
	ck_assert_int_eq(workflow_submit(ST, S(DRAFTER), d), STATUS_OK);
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 2);
	ab_agree();
	doc_content_free(&c);
}
END_TEST

/* Accounts changed under waiting documents; an approver's own draft. */
START_TEST(test_approvebox_accounts)
{
	uint64_t a;
	int i;

	for (i = 0; i < 4; i++)
		ab_create(S(DRAFTER), (enum doc_kind) (DOC_OFFICIAL_ADMIN + i),
		    i == 3, i == 1, (uint8_t) (URGENCY_NORMAL + i % 3));
	/* Not the administrative one (no authority to issue it) nor the
	 * special number (a bureau leader's). */
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 2);

	/* The chief may no longer issue litigation documents. */
	ab_attrs("chief", ACCOUNT_ISSUING, 0, 0, 0);
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 1);
	ab_attrs("chief", ACCOUNT_LEADER | ACCOUNT_ISSUING, 0, 3,
	    (1u << DOC_PARTY_GROUP) - 1);
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 4);

	/* An approver who drafts: their own document is not theirs to
	 * approve, whatever their level. */
	ab_attrs("chief", ACCOUNT_ROLES, ROLE_APPROVER | ROLE_DRAFTER, 0, 0);
	a = ab_create(S(CHIEF), DOC_LIT_FILL_IN, 0, 0, URGENCY_VERY_URGENT);
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 4);
	ck_assert_uint_eq(ab_count(WFX_BUREAU), 5);
	ck_assert_int_eq(workflow_approve(ST, S(BUREAU), a, NULL), STATUS_OK);
	ck_assert_uint_eq(ab_count(WFX_BUREAU), 4);

	/* No longer an approver, then a disabled account. */
	ab_attrs("leader", ACCOUNT_ROLES, ROLE_DRAFTER, 0, 0);
	ck_assert_uint_eq(ab_count(WFX_LEADER), 0);
	ck_assert_int_eq(account_set_disabled(fx.sys, "bureau", 1),
	    STATUS_OK);
	ab_agree();
}
END_TEST

/* Documents in approval, stored as schema 4 did: no step, no approvers,
 * no entries in the indexes the step adds. */
static enum status
ab_forget_txn(struct store_txn *txn, void *arg)
{
	const struct ab_list *l = arg;
	enum status rc = STATUS_OK;
	struct rec_doc d;
	uint32_t i;

	for (i = 0; i < l->n && rc == STATUS_OK; i++) {
		if ((rc = store_get(txn, REC_DOC, l->id[i], &d)) != STATUS_OK)
			break;
		d.waits_for = 0;
		d.acted1 = d.acted2 = d.acted3 = 0;
		rc = store_test_put_unindexed(txn, REC_DOC, &d);
		rec_free(REC_DOC, &d);
	}
	return rc;
}

static void
ab_report(const char *what, void *arg)
{
	char **text = arg;
	char *t = xasprintf("%s%s\n", *text != NULL ? *text : "", what);

	free(*text);
	*text = t;
}

/* Close the workspace, check it, open it again; the faults' text. */
static char *
ab_check(unsigned *faults)
{
	char *text = NULL;

	store_close(fx.st);
	fx.st = NULL;
	ck_assert_int_eq(store_check(fx.dir, ab_report, &text, faults),
	    STATUS_OK);
	ck_assert_int_eq(store_open(fx.dir, 0, &fx.st), STATUS_OK);
	return text;
}

static void
ab_setup_v4(void)
{
	store_test_schema(4, NULL, 0);
	wfx_setup();
}

static void
ab_teardown_v4(void)
{
	store_test_schema(0, NULL, 0);
	wfx_teardown();
}

/* A workspace of schema 4 gets the step indexes when it is opened. */
START_TEST(test_approvebox_upgrade)
{
	struct ab_list l;
	unsigned faults;
	char *text;
	unsigned v;

	memset(&l, 0, sizeof l);
	wfx_meta("chain.litigation-composed", "1,2,3");
	l.id[l.n++] = ab_create(S(DRAFTER), DOC_LIT_COMPOSED, 0, 0,
	    URGENCY_NORMAL);
	l.id[l.n++] = ab_create(S(DRAFTER), DOC_OFFICIAL_ADMIN, 0, 1,
	    URGENCY_URGENT);
	l.id[l.n++] = ab_create(S(DRAFTER), DOC_OFFICIAL_OFFICE, 1, 0,
	    URGENCY_NORMAL);
	ck_assert_int_eq(workflow_approve(ST, S(CHIEF), l.id[0], NULL),
	    STATUS_OK);
	ck_assert_int_eq(workflow_approve(ST, S(BUREAU), l.id[0], NULL),
	    STATUS_OK);
	ck_assert_int_eq(store_run(ST, STORE_WRITE, ab_forget_txn, &l),
	    STATUS_OK);
	store_close(fx.st);
	fx.st = NULL;

	store_test_schema(0, NULL, 0);
	ck_assert_int_eq(store_open(fx.dir, 0, &fx.st), STATUS_OK);
	ck_assert_int_eq(store_schema_version(fx.st, &v), STATUS_OK);
	ck_assert_uint_eq(v, STORE_SCHEMA_VERSION);
	ck_assert_uint_eq(ab_count(WFX_CHIEF), 1);
	ck_assert_uint_eq(ab_count(WFX_LEADER), 1);
	ck_assert_uint_eq(ab_count(WFX_BUREAU), 2);
	text = ab_check(&faults);
	ck_assert_msg(faults == 0, "%s", text);
	free(text);
}
END_TEST

static enum status
ab_plant_count_txn(struct store_txn *txn, void *arg)
{
	(void) arg;
	return store_test_put_count(txn, IDX_DOC_STEP,
	    STORE_DOC_STEP(DOC_LIT_TABLE, 0, 0, 0), 7);
}

/* check reports a step count that disagrees with the index, and a
 * document filed at a step its records do not give. */
START_TEST(test_approvebox_check)
{
	struct ab_list l;
	unsigned faults;
	char *text;

	memset(&l, 0, sizeof l);
	l.id[l.n++] = ab_create(S(DRAFTER), DOC_LIT_TABLE, 0, 0,
	    URGENCY_NORMAL);
	text = ab_check(&faults);
	ck_assert_msg(faults == 0, "%s", text);
	free(text);

	ck_assert_int_eq(store_run(ST, STORE_WRITE, ab_plant_count_txn, NULL),
	    STATUS_OK);
	text = ab_check(&faults);
	ck_assert_uint_eq(faults, 1);
	ck_assert_ptr_nonnull(strstr(text, "doc-by-step.db: the count of 33 "
	    "says 7, the index holds 1"));
	free(text);

	ck_assert_int_eq(store_run(ST, STORE_WRITE, ab_plant_count_txn, NULL),
	    STATUS_OK);
	ck_assert_int_eq(store_run(ST, STORE_WRITE, ab_forget_txn, &l),
	    STATUS_OK);
	text = ab_check(&faults);
	ck_assert_ptr_nonnull(strstr(text, "filed for approval at step 0, "
	    "its state, versions and approvals say step 33"));
	free(text);
}
END_TEST

Suite *
approvebox_suite(void)
{
	Suite *s = suite_create("approvebox");
	TCase *tc = tcase_create("approvebox");
	TCase *up = tcase_create("approvebox-upgrade");

	/* Each step is counted twice for each user: slow with sanitizers
	 * on a busy machine. */
	tcase_set_timeout(tc, 60);
	tcase_set_timeout(up, 60);
	tcase_add_checked_fixture(tc, wfx_setup, wfx_teardown);
	tcase_add_test(tc, test_approvebox_steps);
	tcase_add_test(tc, test_approvebox_return_reject);
	tcase_add_test(tc, test_approvebox_accounts);
	tcase_add_test(tc, test_approvebox_check);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(up, ab_setup_v4, ab_teardown_v4);
	tcase_add_test(up, test_approvebox_upgrade);
	suite_add_tcase(s, up);
	return s;
}
