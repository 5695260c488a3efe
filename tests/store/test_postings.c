/*
 * test_postings.c -- the search index's posting lists (postings.c): with
 * chunks made tiny, many documents added, retitled in the middle of long
 * lists, reclassified and deleted leave every gram's list exactly the
 * documents holding it, in order, with their positions and
 * classification, and check finds nothing; a document written in a
 * transaction that is aborted leaves no trace; a planted difference is
 * reported by check; seeking through a list finds, at every id and at
 * random, the greatest id at or below it that holds the gram, and the
 * lists' estimated lengths rank them.
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
	store_test_check_part(0);
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

/* Seeking through one gram's list, as a search does, against the
 * titles themselves. */
struct po_seek {
	const char *const	*title;
	const uint8_t		*cls;
	const char		*pair;
	uint64_t		 gram;
	double			 share;		/* the estimate of its length */
};

/* The greatest id at or below X whose title holds the pair: 0 when none. */
static uint64_t
po_seek_want(const struct po_seek *q, uint64_t x)
{
	uint64_t i = x < PO_DOCS ? x : PO_DOCS;

	for (; i > 0; i--)
		if (q->title[i] != NULL && strstr(q->title[i], q->pair) != NULL)
			return i;
	return 0;
}

/* Seek X in L and compare with the titles: the id, its classification
 * and where the pair stands (its first position). */
static void
po_seek_one(const struct po_seek *q, struct store_plist *l, uint64_t x)
{
	struct store_posting p;
	uint64_t want = po_seek_want(q, x);
	enum status rc = store_plist_seek(l, x, &p);

	if (want == 0) {
		ck_assert_msg(rc == STATUS_NOT_FOUND, "%s at %llu: %d", q->pair,
		    (unsigned long long) x, (int) rc);
		return;
	}
	ck_assert_int_eq(rc, STATUS_OK);
	ck_assert_msg(p.id == want, "%s at %llu: %llu, want %llu", q->pair,
	    (unsigned long long) x, (unsigned long long) p.id,
	    (unsigned long long) want);
	ck_assert_uint_eq(p.gram, q->gram);
	ck_assert_uint_eq(p.classification, q->cls[want]);
	ck_assert_uint_ge(p.npos, 1);
	ck_assert_uint_eq(p.pos[0], (uint32_t) ((strstr(q->title[want],
	    q->pair) - q->title[want]) / 3 * 2));
}

static enum status
po_seek_txn(struct store_txn *txn, void *arg)
{
	struct po_seek *q = arg;
	struct store_plist *l;
	uint64_t x, r = 7;
	unsigned i;

	ck_assert_int_eq(store_plist_open(txn, q->gram, &l), STATUS_OK);
	q->share = store_plist_share(l);
	/* Down one by one (a walk through dense lists), from above all. */
	po_seek_one(q, l, UINT64_MAX);
	for (x = PO_DOCS + 3; x > 0; x--)
		po_seek_one(q, l, x);
	po_seek_one(q, l, 0);
	/* Up and down at random (jumps by the tree's root). */
	for (i = 0; i < 300; i++) {
		r = r * UINT64_C(6364136223846793005) + 1;
		po_seek_one(q, l, (r >> 33) % (PO_DOCS + 10));
	}
	store_plist_close(l);
	return STATUS_OK;
}

START_TEST(test_postings_seek)
{
	static const struct { uint32_t c1, c2; const char *pair; } pairs[] = {
		{ 0x6253, 0x5370, "打印" }, { 0x6253, 0x6253, "打打" },
		{ 0x5370, 0x673a, "印机" }, { 0x590d, 0x5370, "复印" },
		{ 0x5173, 0x4e8e, "关于" }, { 0x5370, 0x5370, "印印" }
	};
	const char *title[PO_DOCS + 1];
	uint8_t cls[PO_DOCS + 1];
	struct po_seek q = { title, cls, NULL, 0, 0 };
	double share[6];
	uint64_t i, id;

	memset(title, 0, sizeof title);
	memset(cls, 0, sizeof cls);
	for (i = 1; i <= PO_DOCS; i++) {
		/* Runs of a title, then gaps: long and sparse stretches. */
		title[i] = po_titles[(i / 7 + i % 3) % PO_NTITLES];
		cls[i] = (uint8_t) (i % 5);
		po_put(0, title[i], cls[i]);
	}
	for (i = 0; i < 40; i++) {
		id = 1 + (i * 53) % PO_DOCS;
		ck_assert_int_eq(fixture_del(st, REC_DOC, id), STATUS_OK);
		title[id] = NULL;
	}
	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		q.pair = pairs[i].pair;
		q.gram = STORE_GRAM(pairs[i].c1, pairs[i].c2);
		ck_assert_int_eq(store_run(st, STORE_READ, po_seek_txn, &q),
		    STATUS_OK);
		share[i] = q.share;
	}
	/* The estimate ranks the lists: 打印 is in three titles of six,
	 * 关于 in one, 印印 in none. */
	ck_assert(share[0] > 2 * share[4]);
	ck_assert(share[4] > 0);
	ck_assert(share[5] == 0);
}
END_TEST

/* Check compares the index with the documents a part at a time: with
 * parts of a few documents, the faults planted across many parts are
 * each reported, naming their document, and nothing else is. */
static enum status
po_plant_many_txn(struct store_txn *txn, void *arg)
{
	struct rec_doc d;
	enum status rc;

	(void) arg;
	memset(&d, 0, sizeof d);
	d.id = 40;		/* retitled behind the index's back */
	d.title = "复印纸";
	if ((rc = store_test_put_unindexed(txn, REC_DOC, &d)) != STATUS_OK)
		return rc;
	d.id = 77;		/* reclassified so */
	d.title = (char *) po_titles[77 % PO_NTITLES];
	d.classification = 3;
	if ((rc = store_test_put_unindexed(txn, REC_DOC, &d)) != STATUS_OK)
		return rc;
	return store_test_del_unindexed(txn, REC_DOC, 121);
}

/* How many lines of the faults F hold NEEDLE. */
static unsigned
po_count(const struct fixture_faults *f, const char *needle)
{
	const char *p = f->text;
	unsigned n = 0;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

START_TEST(test_postings_checked_in_parts)
{
	struct fixture_faults f;
	uint64_t i;

	for (i = 1; i <= PO_DOCS; i++)
		po_put(0, po_titles[i % PO_NTITLES], 0);
	store_test_check_part(7);
	po_check_clean();
	ck_assert_int_eq(store_run(st, STORE_WRITE, po_plant_many_txn, NULL),
	    STATUS_OK);
	store_close(st);
	st = NULL;
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	store_test_check_part(0);
	/* 40 was 打印打印 (打印, 印打, 印 last), now 复印纸; 77 (印) is
	 * listed unclassified; 121 (打打打: 打打, 打 last) is gone. */
	ck_assert_uint_eq(po_count(&f, "doc 40: missing from doc-grams.db"),
	    1);
	ck_assert_uint_eq(po_count(&f, "a stale entry for doc 40\n"), 3);
	ck_assert_uint_eq(po_count(&f, "doc 77: missing from doc-grams.db"),
	    1);
	ck_assert_uint_eq(po_count(&f, "a stale entry for doc 77\n"), 1);
	ck_assert_uint_eq(po_count(&f, "doc-grams.db: an entry for doc 121, "
	    "which is missing"), 2);
	ck_assert_uint_eq(po_count(&f, "missing from doc-grams.db"), 2);
	ck_assert_msg(f.n == po_count(&f, "doc 40") + po_count(&f, "doc 77")
	    + po_count(&f, "doc 121,"), "%s", f.text);
}
END_TEST

/* Chunks written behind the store's back: bytes that are no entry, and
 * an entry under a chunk whose bound is below its id. */
static enum status
po_plant_chunks_txn(struct store_txn *txn, void *arg)
{
	static const unsigned char junk[] = { 0x85, 0x80 };
	/* Document 3 (its id a varint), one position, at 0. */
	static const unsigned char late[] = { 0x03, 0x08, 0x00 };
	enum status rc;

	(void) arg;
	rc = store_test_put_chunk(txn, STORE_GRAM('z', 'z'), 9, junk,
	    sizeof junk);
	if (rc == STATUS_OK)
		rc = store_test_put_chunk(txn, STORE_GRAM('q', 'q'), 2, late,
		    sizeof late);
	return rc;
}

START_TEST(test_postings_checked_chunks)
{
	struct fixture_faults f;

	po_put(0, "打印机", 0);
	po_put(0, "打印机", 0);
	po_put(0, "qq", 0);
	po_check_clean();
	ck_assert_int_eq(store_run(st, STORE_WRITE, po_plant_chunks_txn,
	    NULL), STATUS_OK);
	store_close(st);
	st = NULL;
	ck_assert_int_eq(fixture_check(fx.home, &f), STATUS_OK);
	ck_assert_ptr_nonnull(strstr(f.text, "doc-grams.db: a malformed "
	    "entry"));
	ck_assert_ptr_nonnull(strstr(f.text, "doc-grams.db: an entry out of "
	    "order"));
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
	tcase_add_test(tc, test_postings_seek);
	tcase_add_test(tc, test_postings_checked_in_parts);
	tcase_add_test(tc, test_postings_checked_chunks);
	suite_add_tcase(s, tc);
	return s;
}
