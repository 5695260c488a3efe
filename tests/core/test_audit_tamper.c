/*
 * test_audit_tamper.c -- verify names the first entry altered, removed,
 * inserted or reordered when a copy of a real trail is tampered with at
 * the storage level, and a trail that does not verify is not archived.
 *
 * The trail is made as the programs make it (audit_fixture.c); the
 * tampering goes around the core, straight to store_put and store_del,
 * as someone with the database files would.  Each case works on a copy,
 * so the original stays as made.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/testlib.h"
#include "core/audit_fixture.h"
#include "core/suites.h"

/* Work on a fresh copy of the original trail from now on. */
static void
fx_copy(const char *sub)
{
	char *cmd;

	afx_close();
	cmd = xasprintf("rm -rf '%s/%s' && cp -a '%s/orig' '%s/%s'", afx.dir,
	    sub, afx.dir, afx.dir, sub);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	afx_open(sub);
}

static enum status
fx_put_txn(struct store_txn *txn, void *arg)
{
	struct afx_rec *r = arg;

	return store_put(txn, REC_AUDIT, r->e);
}

static void
fx_put(struct rec_audit *e)
{
	struct afx_rec r = { e->id, e, NULL, NULL };

	ck_assert_uint_ne(e->id, 0);
	ck_assert_int_eq(store_run(afx.st, STORE_WRITE, fx_put_txn, &r),
	    STATUS_OK);
}

static enum status
fx_del_txn(struct store_txn *txn, void *arg)
{
	return store_del(txn, REC_AUDIT, ((struct afx_rec *) arg)->id);
}

static void
fx_del(uint64_t id)
{
	struct afx_rec r = { id, NULL, NULL, NULL };

	ck_assert_int_eq(store_run(afx.st, STORE_WRITE, fx_del_txn, &r),
	    STATUS_OK);
}

static void
fx_blob_set(struct blob *b, const void *p, size_t n)
{
	free(b->data);
	b->data = xmalloc(n);
	memcpy(b->data, p, n);
	b->len = n;
}

/* Relink entry ID to the entry stored before it, as a forger would. */
static void
fx_relink(uint64_t id)
{
	struct rec_audit prev, e;
	unsigned char h[32];

	afx_get(id - 1, &prev);
	afx_get(id, &e);
	afx_hash(&prev, h);
	fx_blob_set(&e.prev_hash, h, sizeof h);
	fx_put(&e);
	rec_free(REC_AUDIT, &prev);
	rec_free(REC_AUDIT, &e);
}

/* Entry X stored as Y and Y as X, each whole: a reordering. */
static void
fx_swap(uint64_t x, uint64_t y)
{
	struct rec_audit a, b;

	afx_get(x, &a);
	afx_get(y, &b);
	a.id = y;
	b.id = x;
	fx_put(&a);
	fx_put(&b);
	rec_free(REC_AUDIT, &a);
	rec_free(REC_AUDIT, &b);
}

static void
fx_expect_broken(const char *want, uint64_t seq)
{
	struct afx_report r;
	uint64_t bad = 0;

	memset(&r, 0, sizeof r);
	ck_assert_int_eq(audit_verify(afx.st, afx_report, &r, &bad),
	    STATUS_AUDIT_BROKEN);
	ck_assert_str_eq(r.lines[0], want);
	ck_assert_uint_eq(bad, seq);
	ck_assert_int_eq(r.n, 1);
}

/* A clerk's entry ID altered: its "sealed document" made "Sealed". */
static void
fx_alter_sealed(uint64_t id)
{
	struct rec_audit e;
	char *p;

	afx_get(id, &e);
	p = strstr(e.detail, "sealed");
	ck_assert_ptr_nonnull(p);
	p[0] = 'S';
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
}

/* The archive checkpoint whose detail starts with PREFIX. */
static uint64_t
fx_archive_record(const char *prefix)
{
	struct rec_audit *v;
	uint64_t n, i, id = 0;

	v = afx_all(&n);
	for (i = 0; i < n && id == 0; i++)
		if (v[i].action == ACT_AUDIT_CHECKPOINT &&
		    strncmp(v[i].detail, prefix, strlen(prefix)) == 0)
			id = v[i].id;
	afx_all_free(v, n);
	ck_assert_msg(id != 0, "no archive record %s", prefix);
	return id;
}

/* -- Tampering with a copy ------------------------------------------------- */

START_TEST(test_audit_alter_field)
{
	static const struct { uint64_t seq; int field; } cases[] = {
		{ 7, 0 }, { 12, 1 }, { 17, 2 }, { 24, 3 }, { 2, 0 }
	};
	struct rec_audit e;
	char want[64];
	unsigned i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fx_copy("copy");
		afx_get(cases[i].seq, &e);
		if (cases[i].field == 0) {
			free(e.detail);
			e.detail = xstrdup("sealed document 999");
		} else if (cases[i].field == 1) {
			e.user_id = afx.uid[AFX_AUD];
		} else if (cases[i].field == 2) {
			e.time -= 3600;
		} else {
			e.outcome = AUDIT_REFUSED;
		}
		fx_put(&e);
		rec_free(REC_AUDIT, &e);

		/* A checkpoint's own signature catches it first. */
		if (cases[i].seq == 2)
			snprintf(want, sizeof want,
			    "entry 2: checkpoint signature does not verify");
		else
			snprintf(want, sizeof want, "entry %" PRIu64 " altered",
			    cases[i].seq);
		fx_expect_broken(want, cases[i].seq);
	}
}
END_TEST

START_TEST(test_audit_checkpoint_signature)
{
	struct rec_audit e, other;

	fx_copy("copy");
	afx_get(10, &e);
	e.signature.data[e.signature.len / 2] ^= 0x01;
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
	fx_expect_broken("entry 10: checkpoint signature does not verify", 10);

	/* A checkpoint stripped of its signature is no better. */
	fx_copy("copy");
	afx_get(15, &e);
	free(e.signature.data);
	e.signature.data = NULL;
	e.signature.len = 0;
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
	fx_expect_broken("entry 15: checkpoint signature does not verify", 15);

	/* Nor is one carrying another checkpoint's good signature: the key
	 * signs deterministically (RFC 6979), but over each entry's own
	 * encoding, so a real signature moved to another entry fails. */
	fx_copy("copy");
	afx_get(10, &other);
	afx_get(15, &e);
	free(e.signature.data);
	e.signature.data = xmalloc(other.signature.len);
	memcpy(e.signature.data, other.signature.data, other.signature.len);
	e.signature.len = other.signature.len;
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
	rec_free(REC_AUDIT, &other);
	fx_expect_broken("entry 15: checkpoint signature does not verify", 15);
}
END_TEST

START_TEST(test_audit_delete)
{
	fx_copy("copy");
	fx_del(7);
	fx_expect_broken("entry 7 removed", 7);

	/* The original, which the copy came from, is untouched. */
	afx_close();
	afx_open("orig");
	afx_expect_intact();
}
END_TEST

START_TEST(test_audit_delete_last)
{
	fx_copy("copy");
	fx_del(AFX_ENTRIES);
	fx_expect_broken("entry 28 removed at the end", AFX_ENTRIES);
}
END_TEST

START_TEST(test_audit_delete_renumbered)
{
	struct rec_audit e;
	uint64_t id;

	/* Remove 7 and close the gap by moving every later entry down. */
	fx_copy("copy");
	for (id = 8; id <= AFX_ENTRIES; id++) {
		afx_get(id, &e);
		e.id = id - 1;
		fx_put(&e);
		rec_free(REC_AUDIT, &e);
	}
	fx_del(AFX_ENTRIES);
	fx_expect_broken("entry 7 removed and later entries renumbered", 7);
}
END_TEST

START_TEST(test_audit_insert)
{
	struct rec_audit e, prev;
	unsigned char h[32];
	uint64_t id;
	int smart;

	for (smart = 0; smart < 2; smart++) {
		/* Make room at 9, then forge an entry there: with a made-up
		 * link, or linked properly to entry 8. */
		fx_copy("copy");
		for (id = AFX_ENTRIES; id >= 9; id--) {
			afx_get(id, &e);
			e.id = id + 1;
			fx_put(&e);
			rec_free(REC_AUDIT, &e);
		}
		afx_get(10, &e);
		e.id = 9;
		free(e.detail);
		e.detail = xstrdup("sealed document 7 with approval");
		memset(h, 0xab, sizeof h);
		if (smart) {
			afx_get(8, &prev);
			afx_hash(&prev, h);
			rec_free(REC_AUDIT, &prev);
		}
		fx_blob_set(&e.prev_hash, h, sizeof h);
		fx_put(&e);
		rec_free(REC_AUDIT, &e);
		fx_expect_broken("entry 9 inserted", 9);
	}
}
END_TEST

START_TEST(test_audit_swap)
{
	/* Neighbours. */
	fx_copy("copy");
	fx_swap(7, 8);
	fx_expect_broken("entry 7 reordered", 7);

	/* Further apart. */
	fx_copy("copy");
	fx_swap(7, 12);
	fx_expect_broken("entry 7 reordered", 7);
}
END_TEST

START_TEST(test_audit_rewrite_chain)
{
	struct rec_audit e;
	uint64_t id;

	/* Alter 7 and recompute every link after it: the chain holds, but
	 * the next checkpoint's signature cannot be made again. */
	fx_copy("copy");
	afx_get(7, &e);
	free(e.detail);
	e.detail = xstrdup("sealed document 999");
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
	for (id = 8; id <= AFX_ENTRIES; id++)
		fx_relink(id);
	fx_expect_broken("entry 10: checkpoint signature does not verify", 10);
}
END_TEST

START_TEST(test_audit_archive_tampering)
{
	char *stick = afx_medium("stick"), *want, *p;
	struct session *aud = afx_session(AFX_AUD);
	struct rec_audit e;
	uint64_t cp, id;

	clock_advance(181 * AFX_DAY);
	ck_assert_int_eq(audit_archive_as(aud, 10, stick, NULL), STATUS_OK);
	session_free(aud);
	cp = fx_archive_record("archive of entries 1..10 ");
	afx_expect_intact();

	/* The archive record removed: the gap it leaves. */
	fx_copy("a");
	fx_del(cp);
	want = xasprintf("entry %" PRIu64 " removed", cp);
	fx_expect_broken(want, cp);
	free(want);

	/* Entries removed after the archive, without one. */
	fx_copy("b");
	fx_del(11);
	fx_expect_broken("entry 11 removed", 11);
	fx_copy("c");
	for (id = 11; id <= 14; id++)
		fx_del(id);
	fx_expect_broken("entry 11 removed", 11);

	/* The first entry kept altered. */
	fx_copy("d");
	fx_alter_sealed(11);
	fx_expect_broken("entry 11 altered", 11);

	/* The record changed to claim one more entry, and that one
	 * removed: its signature gives it away. */
	fx_copy("e");
	afx_get(cp, &e);
	p = strstr(e.detail, "1..10 ");
	ck_assert_ptr_nonnull(p);
	memcpy(p, "1..11", 5);
	fx_put(&e);
	rec_free(REC_AUDIT, &e);
	fx_del(11);
	want = xasprintf("entry %" PRIu64 ": checkpoint signature does not verify", cp);
	fx_expect_broken(want, cp);
	free(want);

	/* A trail that does not verify is not archived: the archive would
	 * carry the evidence away. */
	fx_copy("f");
	fx_alter_sealed(14);
	aud = afx_session(AFX_AUD);
	ck_assert_int_eq(audit_archive_as(aud, 20, stick, NULL),
	    STATUS_AUDIT_BROKEN);
	session_free(aud);
	for (id = 11; id <= 20; id++)
		ck_assert_msg(afx_present(id), "entry %" PRIu64 " lost", id);
	ck_assert_uint_eq(afx_files(stick), 1);
	free(stick);
}
END_TEST

Suite *
audit_tamper_suite(void)
{
	Suite *s = suite_create("audit_tamper");
	TCase *tc = afx_tcase("audit_tamper");

	tcase_add_test(tc, test_audit_alter_field);
	tcase_add_test(tc, test_audit_checkpoint_signature);
	tcase_add_test(tc, test_audit_delete);
	tcase_add_test(tc, test_audit_delete_last);
	tcase_add_test(tc, test_audit_delete_renumbered);
	tcase_add_test(tc, test_audit_insert);
	tcase_add_test(tc, test_audit_swap);
	tcase_add_test(tc, test_audit_rewrite_chain);
	suite_add_tcase(s, tc);

	tc = afx_tcase("archive");
	tcase_add_test(tc, test_audit_archive_tampering);
	suite_add_tcase(s, tc);
	return s;
}
