/*
 * test_postings.c -- the search index's posting lists (postings.c): with
 * chunks made tiny, many documents added, retitled in the middle of long
 * lists, reclassified and deleted leave every gram's list exactly the
 * documents holding it, in order, with their positions and
 * classification, and check finds nothing; a document written in a
 * transaction that is aborted leaves no trace; a planted difference is
 * reported by check.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/fixture.h"
#include "store/store_test.h"
#include "store/suites.h"

#define PO_DOCS		150

static struct fixture fx;
static struct store *st;

/* Titles that share pairs, repeat characters and end alike. */
static const char *const po_titles[] = {
	"打印机", "打打打", "复印纸", "关于打印的通知", "打印打印", "印"
};
#define PO_NTITLES	(sizeof po_titles / sizeof po_titles[0])

static void
po_setup(void)
{
	fixture_init(&fx);
	store_test_postings_max(20);
	st = fixture_open(fx.home);
}

static void
po_teardown(void)
{
	if (st != NULL)
		store_close(st);
	store_test_postings_max(0);
	fixture_done(&fx);
}

/* The entries of one gram, as "id:class:pos pos,..." */
struct po_list {
	uint64_t	 gram;
	struct buf	 out;
};

static int
po_each(const struct store_posting *p, void *arg)
{
	struct po_list *l = arg;
	char num[48];
	uint32_t i;

	snprintf(num, sizeof num, "%llu:%u:", (unsigned long long) p->id,
	    (unsigned) p->classification);
	buf_add(&l->out, num, strlen(num));
	for (i = 0; i < p->npos; i++) {
		snprintf(num, sizeof num, i > 0 ? " %u" : "%u",
		    (unsigned) p->pos[i]);
		buf_add(&l->out, num, strlen(num));
	}
	buf_add(&l->out, ",", 1);
	return 0;
}

static enum status
po_list_txn(struct store_txn *txn, void *arg)
{
	struct po_list *l = arg;

	return store_postings(txn, l->gram, l->gram, po_each, l);
}

static char *
po_got(uint64_t gram)
{
	struct po_list l = { gram, { NULL, 0, 0 } };

	ck_assert_int_eq(store_run(st, STORE_READ, po_list_txn, &l),
	    STATUS_OK);
	buf_add_u8(&l.out, 0);
	return (char *) l.out.data;
}

/* What the list of the pair C1 C2 must be, from the titles themselves:
 * the documents whose title holds the pair, where it stands. */
static char *
po_want(const char *const *title, const uint8_t *cls, const char *pair)
{
	struct buf b;
	char num[48];
	const char *p;
	size_t i, at, n;

	buf_init(&b);
	for (i = 1; i <= PO_DOCS; i++) {
		if (title[i] == NULL || strstr(title[i], pair) == NULL)
			continue;
		snprintf(num, sizeof num, "%zu:%u:", i, (unsigned) cls[i]);
		buf_add(&b, num, strlen(num));
		/* Each of our characters is 3 bytes. */
		for (n = 0, p = title[i]; (p = strstr(p, pair)) != NULL;
		    p += 3) {
			at = (size_t) (p - title[i]) / 3;
			snprintf(num, sizeof num, n++ > 0 ? " %zu" : "%zu",
			    at * 2);
			buf_add(&b, num, strlen(num));
		}
		buf_add(&b, ",", 1);
	}
	buf_add_u8(&b, 0);
	return (char *) b.data;
}

static void
po_put(uint64_t id, const char *title, uint8_t cls)
{
	struct rec_doc d;

	memset(&d, 0, sizeof d);
	d.id = id;
	d.title = (char *) title;
	d.classification = cls;
	ck_assert_int_eq(fixture_put(st, REC_DOC, &d), STATUS_OK);
}

static void
po_assert(const char *const *title, const uint8_t *cls)
{
	static const struct { uint32_t c1, c2; const char *pair; } pairs[] = {
		{ 0x6253, 0x5370, "打印" }, { 0x6253, 0x6253, "打打" },
		{ 0x5370, 0x673a, "印机" }, { 0x5370, 0x6253, "印打" }
	};
	char *got, *want;
	size_t i;

	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		got = po_got(STORE_GRAM(pairs[i].c1, pairs[i].c2));
		want = po_want(title, cls, pairs[i].pair);
		ck_assert_msg(strcmp(got, want) == 0, "%s: got %s, want %s",
		    pairs[i].pair, got, want);
		free(got);
		free(want);
	}
}

static void
po_check_clean(void)
{
	struct fixture_faults f;

	store_close(st);
	st = NULL;
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_msg(f.n == 0, "%s", f.text);
	st = fixture_open(fx.home);
}

START_TEST(test_postings_follow_documents)
{
	const char *title[PO_DOCS + 1];
	uint8_t cls[PO_DOCS + 1];
	uint64_t i, id;

	memset(title, 0, sizeof title);
	memset(cls, 0, sizeof cls);
	for (i = 1; i <= PO_DOCS; i++) {
		title[i] = po_titles[i % PO_NTITLES];
		cls[i] = (uint8_t) (i % 4);
		po_put(0, title[i], cls[i]);
	}
	po_assert(title, cls);

	/* Edits in the middle of long lists: retitled, reclassified,
	 * deleted, so that chunks split, shrink and go. */
	for (i = 0; i < 60; i++) {
		id = 1 + (i * 37) % PO_DOCS;
		if (i % 5 == 4) {
			ck_assert_int_eq(fixture_del(st, REC_DOC, id),
			    STATUS_OK);
			title[id] = NULL;
			continue;
		}
		title[id] = po_titles[(id + i) % PO_NTITLES];
		cls[id] = (uint8_t) ((cls[id] + i) % 4);
		po_put(id, title[id], cls[id]);
	}
	po_assert(title, cls);
	po_check_clean();
}
END_TEST

/* A new title written in a transaction that then fails leaves the
 * index as the documents are: the old title found, the new one not. */
static enum status
po_abort_txn(struct store_txn *txn, void *arg)
{
	struct rec_doc d;
	enum status rc;

	(void) arg;
	memset(&d, 0, sizeof d);
	d.id = 3;
	d.title = "打打打打";
	if ((rc = store_put(txn, REC_DOC, &d)) != STATUS_OK)
		return rc;
	d.id = 0;
	d.title = "新打印";
	if ((rc = store_put(txn, REC_DOC, &d)) != STATUS_OK)
		return rc;
	return STATUS_INVALID;	/* fails after the writes */
}

START_TEST(test_postings_abort)
{
	const char *title[PO_DOCS + 1];
	uint8_t cls[PO_DOCS + 1];
	uint64_t i;

	memset(title, 0, sizeof title);
	memset(cls, 0, sizeof cls);
	for (i = 1; i <= 20; i++) {
		title[i] = po_titles[i % PO_NTITLES];
		po_put(0, title[i], 0);
	}
	ck_assert_int_eq(store_run(st, STORE_WRITE, po_abort_txn, NULL),
	    STATUS_INVALID);
	po_assert(title, cls);
	po_check_clean();
}
END_TEST

/* A document whose entry was removed behind the store's back is
 * reported missing from the index; one deleted so, a stale entry. */
static enum status
po_plant_txn(struct store_txn *txn, void *arg)
{
	struct rec_doc d;

	(void) arg;
	memset(&d, 0, sizeof d);
	d.id = 2;
	d.title = "复印";
	return store_test_put_unindexed(txn, REC_DOC, &d);
}

START_TEST(test_postings_checked)
{
	struct fixture_faults f;

	po_put(0, "打印机", 0);
	po_put(0, "打印机", 0);
	ck_assert_int_eq(store_run(st, STORE_WRITE, po_plant_txn, NULL),
	    STATUS_OK);
	store_close(st);
	st = NULL;
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_ptr_nonnull(strstr(f.text, "doc 2: missing from "
	    "doc-grams.db"));
	ck_assert_ptr_nonnull(strstr(f.text, "doc-grams.db: a stale entry "
	    "for doc 2"));
}
END_TEST

Suite *
postings_suite(void)
{
	Suite *s = suite_create("postings");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, po_setup, po_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_postings_follow_documents);
	tcase_add_test(tc, test_postings_abort);
	tcase_add_test(tc, test_postings_checked);
	suite_add_tcase(s, tc);
	return s;
}
