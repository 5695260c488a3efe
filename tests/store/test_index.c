/*
 * test_index.c -- the secondary indexes: a range selects exactly the
 * records whose key fields match, in key order either way; a record that
 * changes state leaves its old range; a deleted record leaves every
 * index; unique names refuse duplicates and free up on rename.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/fixture.h"
#include "store/suites.h"

static struct fixture fx;
static struct store *st;

static void
index_setup(void)
{
	fixture_init(&fx);
	st = fixture_open(fx.home);
}

static void
index_teardown(void)
{
	store_close(st);
	fixture_done(&fx);
}

struct index_list {
	enum store_index	 idx;
	struct store_range	 range;
	int			 use_range, reverse;
	uint64_t		 ids[64];
	unsigned		 n;
	uint64_t		 count;
	enum status		 count_rc;
};

static int
index_list_each(const void *rec, void *arg)
{
	struct index_list *l = arg;

	if (l->n < 64)
		l->ids[l->n] = ((const struct rec_doc *) rec)->id;
	l->n++;
	return 0;
}

static enum status
index_list_txn(struct store_txn *txn, void *arg)
{
	struct index_list *l = arg;
	const struct store_range *r = l->use_range ? &l->range : NULL;

	l->n = 0;
	l->count_rc = store_count(txn, l->idx, r, &l->count);
	return store_scan(txn, l->idx, r, l->reverse, index_list_each, l);
}

/* The ids in RANGE of IDX, as "1,2,3"; the count must agree. */
static char *
index_ids(enum store_index idx, unsigned nprefix, uint64_t p0, uint64_t p1,
    uint64_t lo, uint64_t hi, int reverse)
{
	struct index_list l;
	struct buf b;
	char num[24];
	unsigned i;

	memset(&l, 0, sizeof l);
	l.idx = idx;
	l.use_range = 1;
	l.reverse = reverse;
	l.range.nprefix = nprefix;
	l.range.prefix[0] = p0;
	l.range.prefix[1] = p1;
	l.range.lo = lo;
	l.range.hi = hi;
	ck_assert_int_eq(store_run(st, STORE_READ, index_list_txn, &l),
	    STATUS_OK);
	ck_assert_int_eq(l.count_rc, STATUS_OK);
	ck_assert_uint_eq(l.count, l.n);
	buf_init(&b);
	for (i = 0; i < l.n; i++) {
		snprintf(num, sizeof num, i > 0 ? ",%llu" : "%llu",
		    (unsigned long long) l.ids[i]);
		buf_add(&b, num, strlen(num));
	}
	buf_add_u8(&b, 0);
	return (char *) b.data;
}

#define assert_ids(expect, ...) do { \
	char *got_ = index_ids(__VA_ARGS__); \
	ck_assert_str_eq(got_, expect); \
	free(got_); \
} while (0)

static uint64_t
index_doc(uint8_t state, uint8_t urgency, int64_t updated, uint64_t drafter)
{
	struct rec_doc d;

	memset(&d, 0, sizeof d);
	d.state = state;
	d.urgency = urgency;
	d.updated = updated;
	d.drafter_id = drafter;
	d.title = "请示";
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	return d.id;
}

static void
index_docs(void)
{
	index_doc(DOC_TO_SEAL, URGENCY_NORMAL, 100, 7);		/* 1 */
	index_doc(DOC_TO_SEAL, URGENCY_VERY_URGENT, 300, 7);	/* 2 */
	index_doc(DOC_DRAFT, URGENCY_NORMAL, 200, 8);		/* 3 */
	index_doc(DOC_TO_SEAL, URGENCY_NORMAL, 50, 8);		/* 4 */
	index_doc(DOC_TO_SEAL, URGENCY_VERY_URGENT, 250, 7);	/* 5 */
	index_doc(DOC_SEALED, URGENCY_URGENT, 120, 7);		/* 6 */
}

/* The clerk's inbox: documents to seal, most urgent first, oldest
 * first within an urgency. */
START_TEST(test_state_range)
{
	index_docs();
	assert_ids("5,2,4,1", IDX_DOC_STATE, 0, 0, 0, DOC_TO_SEAL,
	    DOC_TO_SEAL, 0);
	assert_ids("1,4,2,5", IDX_DOC_STATE, 0, 0, 0, DOC_TO_SEAL,
	    DOC_TO_SEAL, 1);
	assert_ids("5,2", IDX_DOC_STATE, 1, DOC_TO_SEAL, 0, URGENCY_VERY_URGENT,
	    URGENCY_VERY_URGENT, 0);
	assert_ids("5,2,4,1", IDX_DOC_STATE, 1, DOC_TO_SEAL, 0, 0, UINT64_MAX,
	    0);
	assert_ids("3,5,2,4,1,6", IDX_DOC_STATE, 0, 0, 0, DOC_DRAFT,
	    DOC_SEALED, 0);
	assert_ids("", IDX_DOC_STATE, 0, 0, 0, DOC_PRINTED, DOC_CLOSED, 0);
	/* Updated between 60 and 260 among the very urgent ones. */
	assert_ids("5", IDX_DOC_STATE, 2, DOC_TO_SEAL, URGENCY_VERY_URGENT,
	    60, 260, 0);
	/* A value wider than its field matches nothing. */
	assert_ids("", IDX_DOC_STATE, 1, 300, 0, 0, UINT64_MAX, 0);
}
END_TEST

START_TEST(test_other_ranges)
{
	index_docs();
	assert_ids("1,6,5,2", IDX_DOC_DRAFTER, 1, 7, 0, 0, UINT64_MAX, 0);
	assert_ids("2,5,6,1", IDX_DOC_DRAFTER, 1, 7, 0, 0, UINT64_MAX, 1);
	assert_ids("6,5", IDX_DOC_DRAFTER, 1, 7, 0, 101, 299, 0);
	assert_ids("4,1,6,3,5,2", IDX_DOC_UPDATED, 0, 0, 0, 0, UINT64_MAX, 0);
	assert_ids("1,6,3", IDX_DOC_UPDATED, 0, 0, 0, 100, 200, 0);
	/* All the leading fields given: the range is over the id. */
	assert_ids("5", IDX_DOC_DRAFTER, 2, 7, 250, 0, UINT64_MAX, 0);
	assert_ids("", IDX_DOC_DRAFTER, 2, 7, 250, 6, 9, 0);
}
END_TEST

struct index_bad {
	struct store_range	 r;
	enum status		 scan, count;
};

static int
index_never(const void *rec, void *arg)
{
	return 0;
}

static enum status
index_bad_txn(struct store_txn *txn, void *arg)
{
	struct index_bad *b = arg;
	uint64_t n;

	b->scan = store_scan(txn, IDX_DOC_UPDATED, &b->r, 0, index_never, NULL);
	b->count = store_count(txn, IDX_USER_NAME, &b->r, &n);
	return STATUS_OK;
}

START_TEST(test_bad_ranges)
{
	struct index_bad b;

	memset(&b, 0, sizeof b);
	b.r.nprefix = 2;	/* doc-by-updated has one field */
	b.r.hi = UINT64_MAX;
	ck_assert_int_eq(store_run(st, STORE_READ, index_bad_txn, &b),
	    STATUS_OK);
	ck_assert_int_eq(b.scan, STATUS_INVALID);
	ck_assert_int_eq(b.count, STATUS_INVALID);	/* names: whole only */
}
END_TEST

/* A document moving through the workflow leaves its old state's range;
 * a deleted one leaves every index. */
START_TEST(test_moves_and_deletes)
{
	struct rec_doc d;

	index_docs();
	ck_assert_int_eq(fixture_get(st, REC_DOC, 2, &d), STATUS_OK);
	d.state = DOC_SEALED;
	d.updated = 400;
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	rec_free(REC_DOC, &d);
	assert_ids("5,4,1", IDX_DOC_STATE, 0, 0, 0, DOC_TO_SEAL, DOC_TO_SEAL, 0);
	assert_ids("2,6", IDX_DOC_STATE, 0, 0, 0, DOC_SEALED, DOC_SEALED, 0);
	assert_ids("4,1,6,3,5,2", IDX_DOC_UPDATED, 0, 0, 0, 0, UINT64_MAX, 0);
	assert_ids("", IDX_DOC_UPDATED, 0, 0, 0, 300, 300, 0);

	ck_assert_int_eq(fixture_del(st, REC_DOC, 5), STATUS_OK);
	assert_ids("4,1", IDX_DOC_STATE, 0, 0, 0, DOC_TO_SEAL, DOC_TO_SEAL, 0);
	assert_ids("1,6,2", IDX_DOC_DRAFTER, 1, 7, 0, 0, UINT64_MAX, 0);
	assert_ids("4,1,6,3,2", IDX_DOC_UPDATED, 0, 0, 0, 0, UINT64_MAX, 0);
}
END_TEST

struct index_name {
	const char	*name;
	struct rec_user	 u;
	enum status	 rc;
};

static enum status
index_name_txn(struct store_txn *txn, void *arg)
{
	struct index_name *n = arg;

	n->rc = store_get_by_name(txn, IDX_USER_NAME, n->name, &n->u);
	return STATUS_OK;
}

static enum status
index_lookup(const char *name, uint64_t *id)
{
	struct index_name n;

	n.name = name;
	ck_assert_int_eq(store_run(st, STORE_READ, index_name_txn, &n),
	    STATUS_OK);
	*id = n.u.id;
	rec_free(REC_USER, &n.u);
	return n.rc;
}

static uint64_t
index_user(const char *name, enum status expect)
{
	struct rec_user u;

	memset(&u, 0, sizeof u);
	u.name = (char *) name;
	u.roles = ROLE_DRAFTER;
	ck_assert_int_eq(fixture_put(st, REC_USER, &u), expect);
	return u.id;
}

START_TEST(test_unique_names)
{
	struct index_list l;
	struct rec_user u;
	uint64_t id;

	ck_assert_uint_eq(index_user("zhangsan", STATUS_OK), 1);
	ck_assert_uint_eq(index_user("李四", STATUS_OK), 2);
	index_user("zhangsan", STATUS_EXISTS);
	index_user("", STATUS_INVALID);
	ck_assert_uint_eq(fixture_count(st, REC_USER), 2);

	ck_assert_int_eq(index_lookup("李四", &id), STATUS_OK);
	ck_assert_uint_eq(id, 2);
	ck_assert_int_eq(index_lookup("wangwu", &id), STATUS_NOT_FOUND);
	ck_assert_int_eq(index_lookup("", &id), STATUS_NOT_FOUND);

	/* Storing a user again under the same name is no duplicate. */
	ck_assert_int_eq(fixture_get(st, REC_USER, 1, &u), STATUS_OK);
	u.failed_logins = 3;
	ck_assert_int_eq(fixture_put(st, REC_USER, &u), STATUS_OK);

	/* A rename frees the old name for someone else. */
	free(u.name);
	u.name = xstrdup("zhangsan2");
	ck_assert_int_eq(fixture_put(st, REC_USER, &u), STATUS_OK);
	ck_assert_int_eq(index_lookup("zhangsan", &id), STATUS_NOT_FOUND);
	ck_assert_int_eq(index_lookup("zhangsan2", &id), STATUS_OK);
	ck_assert_uint_eq(id, 1);
	ck_assert_uint_eq(index_user("zhangsan", STATUS_OK), 3);

	/* Renaming onto a taken name changes nothing. */
	free(u.name);
	u.name = xstrdup("李四");
	ck_assert_int_eq(fixture_put(st, REC_USER, &u), STATUS_EXISTS);
	ck_assert_int_eq(index_lookup("zhangsan2", &id), STATUS_OK);
	ck_assert_uint_eq(id, 1);
	rec_free(REC_USER, &u);

	ck_assert_int_eq(fixture_del(st, REC_USER, 2), STATUS_OK);
	ck_assert_int_eq(index_lookup("李四", &id), STATUS_NOT_FOUND);

	/* Names list in byte order. */
	memset(&l, 0, sizeof l);
	l.idx = IDX_USER_NAME;
	ck_assert_int_eq(store_run(st, STORE_READ, index_list_txn, &l),
	    STATUS_OK);
	ck_assert_uint_eq(l.n, 2);
	ck_assert_uint_eq(l.ids[0], 3);		/* zhangsan < zhangsan2 */
	ck_assert_uint_eq(l.ids[1], 1);
}
END_TEST

/* The period reports' indexes: a period's rejections without the other
 * approvals, recalls and destructions each by their own time (a copy
 * not yet destroyed is in no period), applications by kind. */
START_TEST(test_period_ranges)
{
	static const struct { uint8_t action; int64_t time; } ap[] = {
		{ APPROVAL_REJECT, 500 }, { APPROVAL_APPROVE, 510 },
		{ APPROVAL_REJECT, 900 }, { APPROVAL_REJECT, 100 },
		{ APPROVAL_ISSUE, 520 }
	};
	static const int64_t rc[][2] = { { 100, 0 }, { 200, 700 },
		{ 600, 650 } };
	struct rec_application app;
	struct rec_approval a;
	struct rec_recall r;
	unsigned i;

	for (i = 0; i < sizeof ap / sizeof ap[0]; i++) {
		memset(&a, 0, sizeof a);
		a.doc_id = 1;
		a.action = ap[i].action;
		a.time = ap[i].time;
		ck_assert_int_eq(fixture_put(st, REC_APPROVAL, &a), STATUS_OK);
	}
	assert_ids("1,3", IDX_APPROVAL_ACTION, 1, APPROVAL_REJECT, 0, 200,
	    1000, 0);
	assert_ids("4", IDX_APPROVAL_ACTION, 1, APPROVAL_REJECT, 0, 0, 499, 0);

	for (i = 0; i < 3; i++) {
		memset(&r, 0, sizeof r);
		r.doc_id = 1;
		r.copy_no = i + 1;
		r.recalled_at = rc[i][0];
		r.destroyed_at = rc[i][1];
		ck_assert_int_eq(fixture_put(st, REC_RECALL, &r), STATUS_OK);
	}
	assert_ids("1,2", IDX_RECALL_RECALLED, 0, 0, 0, 1, 599, 0);
	assert_ids("3,2", IDX_RECALL_DESTROYED, 0, 0, 0, 1, UINT64_MAX, 0);

	for (i = 0; i < 4; i++) {
		memset(&app, 0, sizeof app);
		app.kind = i % 2 ? APP_EXTRA_PRINT : APP_BATCH;
		app.state = (uint8_t) i;
		app.created = 1000 - (int64_t) i;
		ck_assert_int_eq(fixture_put(st, REC_APPLICATION, &app),
		    STATUS_OK);
	}
	assert_ids("4,2", IDX_APPLICATION_KIND, 1, APP_EXTRA_PRINT, 0, 0,
	    UINT64_MAX, 0);
}
END_TEST

/* Characters of the search index (STORE_GRAM). */
#define GRAM_DA		0x6253	/* 打 */
#define GRAM_YIN	0x5370	/* 印 */
#define GRAM_JI		0x673a	/* 机 */
#define GRAM_FU		0x590d	/* 复 */
#define GRAM_HAO	0x53f7	/* 号 */
#define GRAM_OPEN	0x3014	/* 〔 */

static uint64_t
index_titled(uint64_t id, const char *title, const char *prefix)
{
	struct rec_doc d;

	memset(&d, 0, sizeof d);
	d.id = id;
	d.title = (char *) title;
	d.number_prefix = (char *) prefix;
	d.number_year = 2026;
	d.number_seq = prefix != NULL ? 12 : 0;
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
	return d.id;
}

/* The search index holds each adjacent pair of the title and of the
 * number and their last characters, so that the grams a character
 * starts find it anywhere; it follows a retitling and a deletion, and
 * never pairs the title's end with the number's start. */
START_TEST(test_gram_index)
{
	struct fixture_faults f;
	uint64_t a, b;

	a = index_titled(0, "关于打印机的通知", "示司发");
	b = index_titled(0, "打印纸采购", NULL);
	assert_ids("1,2", IDX_DOC_GRAM, 1, STORE_GRAM(GRAM_DA, GRAM_YIN), 0,
	    0, UINT64_MAX, 0);
	assert_ids("1", IDX_DOC_GRAM, 1, STORE_GRAM(GRAM_YIN, GRAM_JI), 0, 0,
	    UINT64_MAX, 0);
	assert_ids("1,2", IDX_DOC_GRAM, 0, 0, 0, STORE_GRAM(GRAM_YIN, 0),
	    STORE_GRAM(GRAM_YIN, UINT32_MAX), 0);	/* every 印 */
	assert_ids("", IDX_DOC_GRAM, 1, STORE_GRAM(GRAM_YIN, 0), 0, 0,
	    UINT64_MAX, 0);	/* 印 ends neither */
	assert_ids("1", IDX_DOC_GRAM, 1, STORE_GRAM(0x77e5, 0), 0, 0,
	    UINT64_MAX, 0);	/* 知 ends the title */
	assert_ids("1", IDX_DOC_GRAM, 1, STORE_GRAM(GRAM_OPEN, '2'), 0, 0,
	    UINT64_MAX, 0);
	assert_ids("1", IDX_DOC_GRAM, 1, STORE_GRAM('2', GRAM_HAO), 0, 0,
	    UINT64_MAX, 0);
	/* 知 ends the title, 示 starts the number: never a pair. */
	assert_ids("", IDX_DOC_GRAM, 1, STORE_GRAM(0x77e5, 0x793a), 0, 0,
	    UINT64_MAX, 0);

	index_titled(a, "关于复印机的通知", "示司发");
	assert_ids("2", IDX_DOC_GRAM, 1, STORE_GRAM(GRAM_DA, GRAM_YIN), 0, 0,
	    UINT64_MAX, 0);
	assert_ids("1", IDX_DOC_GRAM, 1, STORE_GRAM(GRAM_FU, GRAM_YIN), 0, 0,
	    UINT64_MAX, 0);
	ck_assert_int_eq(fixture_del(st, REC_DOC, b), STATUS_OK);
	assert_ids("", IDX_DOC_GRAM, 1, STORE_GRAM(GRAM_DA, GRAM_YIN), 0, 0,
	    UINT64_MAX, 0);
	assert_ids("1", IDX_DOC_GRAM, 1, STORE_GRAM(GRAM_YIN, GRAM_JI), 0, 0,
	    UINT64_MAX, 0);

	store_close(st);
	st = NULL;
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
	st = fixture_open(fx.home);
}
END_TEST

/* Every index finds a record of its kind by the record's own fields. */
START_TEST(test_every_index)
{
	const struct index_def *d;
	union rec_any rec;
	struct index_list l;
	unsigned i, k;

	for (k = 0; k < REC__COUNT; k++) {
		fixture_fill((enum rec_kind) k, &rec, k);
		rec.meta.id = 0;
		ck_assert_int_eq(fixture_put(st, (enum rec_kind) k, &rec),
		    STATUS_OK);
		rec_free((enum rec_kind) k, &rec);
	}
	for (i = 0; i < IDX__COUNT; i++) {
		d = index_def_of((enum store_index) i);
		fixture_fill(d->kind, &rec, d->kind);
		memset(&l, 0, sizeof l);
		l.idx = (enum store_index) i;
		if (d->unique_str == 0) {
			l.use_range = 1;
			l.range.nprefix = d->nparts;
			for (k = 0; k < d->nparts && k < 3; k++)
				l.range.prefix[k] = codec_get_uint(&rec,
				    d->parts[k].offset, d->parts[k].type);
			l.range.lo = 1;
			l.range.hi = 1;
		}
		if (d->unique_str == INDEX_GRAMS) {	/* the title's 签章 */
			l.use_range = 1;
			l.range.nprefix = 1;
			l.range.prefix[0] = STORE_GRAM(0x7b7e, 0x7ae0);
			l.range.lo = 1;
			l.range.hi = 1;
		}
		ck_assert_int_eq(store_run(st, STORE_READ, index_list_txn, &l),
		    STATUS_OK);
		ck_assert_msg(l.n == 1 && l.ids[0] == 1, "%s", d->file);
		rec_free(d->kind, &rec);
	}
}
END_TEST

Suite *
index_suite(void)
{
	Suite *s = suite_create("index");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, index_setup, index_teardown);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_state_range);
	tcase_add_test(tc, test_other_ranges);
	tcase_add_test(tc, test_bad_ranges);
	tcase_add_test(tc, test_moves_and_deletes);
	tcase_add_test(tc, test_unique_names);
	tcase_add_test(tc, test_every_index);
	tcase_add_test(tc, test_gram_index);
	tcase_add_test(tc, test_period_ranges);
	suite_add_tcase(s, tc);
	return s;
}
