/*
 * test_daysum.c -- the summary's daily totals (report_daysum.c): a
 * summary read from the totals is byte for byte the summary counted
 * from the events themselves, over periods that start and end mid-month
 * and across local midnights, after acts whose counting changes later
 * (an extra print approved the next day, a batch whose seal is known
 * only once sealed, a resealing after a reprint); a reader in another
 * time zone counts the events instead; stale totals are computed again;
 * check reports a total that disagrees with the records.
 *
 * The clock runs in China Standard Time (TZ=CST-8).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/report_private.h"
#include "core/suites.h"
#include "core/wf_fixture.h"
#include "lib/testlib.h"

/* 2026-01-01 00:00 in China Standard Time. */
#define DS_JAN1		1767196800

static uint64_t ds_dept2;

/* Day D of January 2026 (32 is February 1st) at HH:MM:SS, local. */
static int64_t
ds_at(int d, int hh, int mm, int ss)
{
	return DS_JAN1 + (int64_t) (d - 1) * 86400 + hh * 3600 + mm * 60 + ss;
}

static void
ds_clock(int64_t t)
{
	int who;

	clock_set(t);
	for (who = 0; who < WFX__COUNT; who++)
		wfx.s[who]->last_active = t;
	fx.sec->last_active = t;
	fx.sys->last_active = t;
}

static void
ds_setup(void)
{
	struct account_attrs a;

	setenv("TZ", "CST-8", 1);
	tzset();
	wfx_setup();
	report_daysum_bypass(0);
	ck_assert_int_eq(account_dept_add(fx.sys, "行政复议科", "示复", 0,
	    &ds_dept2), STATUS_OK);
	memset(&a, 0, sizeof a);
	a.fields = ACCOUNT_DEPT;
	a.dept_id = ds_dept2;
	ck_assert_int_eq(account_set_attrs(fx.sec, "drafter2", &a), STATUS_OK);
}

static void
ds_teardown(void)
{
	report_daysum_bypass(0);
	setenv("TZ", "CST-8", 1);
	tzset();
	wfx_teardown();
}

/* DOC, drafted by DRAFTER, from wherever it is to sealed by CLERK with
 * SEAL. */
static void
ds_seal(uint64_t doc, enum wfx_who drafter, enum wfx_who clerk, uint64_t seal)
{
	struct docview v;
	struct rec_doc d;
	enum doc_state state;

	for (;;) {
		wfx_doc(doc, &d);
		state = (enum doc_state) d.state;
		rec_free(REC_DOC, &d);
		if (state == DOC_DRAFT)
			ck_assert_int_eq(workflow_submit(fx.st, wfx.s[drafter],
			    doc), STATUS_OK);
		else if (state == DOC_IN_APPROVAL)
			wfx_walk(doc, DOC_APPROVED);
		else if (state == DOC_APPROVED)
			ck_assert_int_eq(workflow_send(fx.st, wfx.s[drafter],
			    doc), STATUS_OK);
		else if (state != DOC_TO_SEAL)
			break;
		else {
			ck_assert_int_eq(docview_get(fx.st, wfx.s[clerk], doc,
			    &v), STATUS_OK);
			ck_assert_int_eq(workflow_seal(fx.st, wfx.s[clerk], doc,
			    seal, v.content.copies, WFX_KEY_PW), STATUS_OK);
			docview_free(&v);
		}
	}
	ck_assert_int_eq(state, DOC_SEALED);
}

static uint64_t
ds_new(enum wfx_who drafter, enum doc_kind kind, uint32_t copies)
{
	struct doc_content c;
	uint64_t id = 0;

	wfx_content(&c, kind, copies);
	ck_assert_int_eq(workflow_create(fx.st, wfx.s[drafter], &c, &id),
	    STATUS_OK);
	doc_content_free(&c);
	return id;
}

static void
ds_reprint(uint64_t a)
{
	static const uint32_t copies[3] = { 1, 2, 3 };
	struct doc_content c;

	ds_clock(ds_at(12, 23, 59, 59));
	wfx_content(&c, DOC_OFFICIAL_ADMIN, 3);
	ck_assert_int_eq(reprint_apply(fx.st, wfx.s[WFX_DRAFTER], a, &c,
	    "标题有误"), STATUS_OK);
	doc_content_free(&c);
	ds_clock(ds_at(13, 0, 0, 0));
	ck_assert_int_eq(reprint_recall(fx.st, wfx.s[WFX_CLERK], a, copies, 3),
	    STATUS_OK);
	ds_clock(ds_at(14, 9, 0, 0));
	ck_assert_int_eq(reprint_destroy(fx.st, wfx.s[WFX_CLERK], a, copies, 3,
	    "王五"), STATUS_OK);
	ds_seal(a, WFX_DRAFTER, WFX_CLERK2, wfx.seal2);
	wfx_print(a, 3);
}

/* A month of varied work, much of it a second either side of a local
 * midnight. */
static void
ds_month(void)
{
	struct doc_content c;
	uint64_t a, b, e, f, app = 0, app2 = 0;

	ds_clock(ds_at(5, 23, 59, 59));
	a = ds_new(WFX_DRAFTER, DOC_OFFICIAL_ADMIN, 3);
	ds_seal(a, WFX_DRAFTER, WFX_CLERK, wfx.seal);
	ds_clock(ds_at(6, 0, 0, 0));
	wfx_print(a, 2);
	ds_clock(ds_at(6, 10, 0, 0));
	wfx_print(a, 1);

	b = ds_new(WFX_DRAFTER2, DOC_LIT_TABLE, 2);
	ds_seal(b, WFX_DRAFTER2, WFX_CLERK2, wfx.seal2);
	wfx_print(b, 2);

	/* Rejected by the clerk before sealing. */
	ds_clock(ds_at(8, 0, 0, 1));
	e = ds_new(WFX_DRAFTER, DOC_OFFICIAL_OFFICE, 2);
	ck_assert_int_eq(workflow_submit(fx.st, wfx.s[WFX_DRAFTER], e),
	    STATUS_OK);
	wfx_walk(e, DOC_TO_SEAL);
	ck_assert_int_eq(workflow_reject(fx.st, wfx.s[WFX_CLERK], e,
	    "格式不符"), STATUS_OK);

	/* Extra prints asked for on the 9th, decided on the 10th: the
	 * approved one counts on the 9th, the denied one nowhere. */
	ds_clock(ds_at(9, 23, 59, 0));
	ck_assert_int_eq(printapp_extra(fx.st, wfx.s[WFX_DRAFTER2], b, 2,
	    "会议需要", &app), STATUS_OK);
	ck_assert_int_eq(printapp_extra(fx.st, wfx.s[WFX_DRAFTER], a, 4,
	    "备用", &app2), STATUS_OK);
	ds_clock(ds_at(10, 9, 0, 0));
	ck_assert_int_eq(printapp_decide(fx.st, wfx.s[WFX_CHIEF], app, 1,
	    NULL), STATUS_OK);
	ck_assert_int_eq(printapp_decide(fx.st, wfx.s[WFX_CHIEF], app2, 0,
	    "不需要"), STATUS_OK);
	wfx_print(b, 2);

	ds_reprint(a);

	/* A batch asked for on the 19th, sealed on the 20th. */
	ds_clock(ds_at(19, 16, 0, 0));
	wfx_content(&c, DOC_LIT_FILL_IN, 1);
	ck_assert_int_eq(printapp_batch(fx.st, wfx.s[WFX_DRAFTER], &c, 20, 0,
	    "送达回证", &f), STATUS_OK);
	doc_content_free(&c);
	ds_clock(ds_at(20, 0, 0, 0));
	ds_seal(f, WFX_DRAFTER, WFX_CLERK, wfx.seal);
	wfx_print(f, 20);

	/* Sealed in the last second of January, rejected by the print room
	 * in the first of February. */
	ds_clock(ds_at(31, 23, 59, 59));
	e = ds_new(WFX_DRAFTER, DOC_LIT_FILL_IN, 1);
	ds_seal(e, WFX_DRAFTER, WFX_CLERK, wfx.seal);
	ds_clock(ds_at(32, 0, 0, 0));
	ck_assert_int_eq(workflow_reject(fx.st, wfx.s[WFX_PRINTER], e,
	    "印章位置偏移"), STATUS_OK);
	ds_clock(ds_at(33, 9, 0, 0));
}

/* The summary of PERIOD as text and CSV, into OUT (reset first). */
static void
ds_summary_text(const char *period, struct buf *out)
{
	struct report_period p;
	struct report r;

	buf_reset(out);
	memset(&r, 0, sizeof r);
	ck_assert_int_eq(report_period_parse(period, &p), STATUS_OK);
	ck_assert_int_eq(report_summary(wfx.s[WFX_CLERK], &p, &r), STATUS_OK);
	report_text(&r, out);
	ck_assert_int_eq(report_csv(&r, REPORT_CSV_UTF8, out), STATUS_OK);
	buf_add_u8(out, 0);
	report_free(&r);
}

/* The summaries A (from the totals) and B (from the events) of PERIOD
 * are the same text; else the first line where they part. */
static void
ds_first_difference(const char *period, const char *a, const char *b)
{
	size_t i = 0, line = 0;

	while (a[i] != '\0' && a[i] == b[i])
		i++;
	if (a[i] == '\0' && b[i] == '\0')
		return;
	while (i > 0 && a[i - 1] != '\n')
		i--;
	line = strcspn(a + i, "\n");
	ck_abort_msg("%s: from the totals: \"%.*s\"; from the events: "
	    "\"%.*s\"", period, (int) (line < 200 ? line : 200), a + i,
	    (int) (strcspn(b + i, "\n") < 200 ? strcspn(b + i, "\n") : 200),
	    b + i);
}

/* PERIOD's summary from the totals (FAST: they must be read) equals the
 * one counted from the events, byte for byte. */
static void
ds_same(const char *period, int fast)
{
	struct buf a, b;
	unsigned long reads = report_daysum_reads();

	buf_init(&a);
	buf_init(&b);
	ds_summary_text(period, &a);
	ck_assert_uint_eq(report_daysum_reads(), reads + (fast ? 1 : 0));
	report_daysum_bypass(1);
	ds_summary_text(period, &b);
	report_daysum_bypass(0);
	ds_first_difference(period, (const char *) a.data,
	    (const char *) b.data);
	buf_free(&a);
	buf_free(&b);
}

static const char *const ds_periods[] = {
	"2026-01", "2026-01-06..2026-01-13", "2026-01-05", "2026-01-06",
	"2026-01-09..2026-01-10", "2026-01-13..2026-02-01",
	"2026-01-31..2026-02-01", "2025-12-20..2026-01-07", "2026-Q1",
	"2026-02", "2025"
};

static void
ds_all_same(int fast)
{
	size_t i;

	for (i = 0; i < sizeof ds_periods / sizeof ds_periods[0]; i++)
		ds_same(ds_periods[i], fast);
}

static void
ds_check_report(const char *what, void *arg)
{
	struct buf *b = arg;

	buf_add(b, what, strlen(what));
	buf_add_u8(b, '\n');
}

/* Check the totals: how many faults, their text in *TEXT (freed by the
 * caller's buf_free). */
static unsigned
ds_check(struct buf *text)
{
	unsigned faults = 0;

	buf_reset(text);
	ck_assert_int_eq(report_daysum_check(fx.st, ds_check_report, text,
	    &faults), STATUS_OK);
	buf_add_u8(text, 0);
	return faults;
}

START_TEST(test_totals_equal_events)
{
	struct buf t;

	buf_init(&t);
	ds_month();
	ds_all_same(1);
	ck_assert_msg(ds_check(&t) == 0, "%s", (const char *) t.data);
	buf_free(&t);
}
END_TEST

/* Read in another time zone, the stored days are not the reader's: the
 * summary counts the events, and says what that zone's days hold. */
START_TEST(test_totals_other_zone)
{
	ds_month();
	setenv("TZ", "UTC0", 1);
	tzset();
	ds_same("2026-01-06..2026-01-13", 0);
	ds_same("2026-01-31..2026-02-01", 0);
	setenv("TZ", "CST-8", 1);
	tzset();
	ds_same("2026-01-06..2026-01-13", 1);
}
END_TEST

static enum status
ds_stale_txn(struct store_txn *txn, void *arg)
{
	(void) arg;
	return store_daysum_reset(txn, 1);
}

/* Totals marked stale (a write by a program without the core) are read
 * around, then computed again by the next summary. */
START_TEST(test_totals_stale_rebuilt)
{
	struct buf t;
	unsigned long reads;

	buf_init(&t);
	ds_month();
	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, ds_stale_txn, NULL),
	    STATUS_OK);
	ck_assert_uint_eq(ds_check(&t), 0);
	reads = report_daysum_reads();
	ds_all_same(1);
	ck_assert_uint_eq(report_daysum_reads(), reads +
	    sizeof ds_periods / sizeof ds_periods[0]);
	ck_assert_msg(ds_check(&t) == 0, "%s", (const char *) t.data);
	buf_free(&t);
}
END_TEST

struct ds_bend {
	int		 add_row;	/* a row no record gives */
};

static int
ds_first_each(const struct store_daysum *s, void *arg)
{
	*(struct store_daysum *) arg = *s;
	return 1;
}

static enum status
ds_bend_txn(struct store_txn *txn, void *arg)
{
	struct ds_bend *b = arg;
	struct store_daysum s;
	enum status rc;

	memset(&s, 0, sizeof s);
	if ((rc = store_daysum_scan(txn, INT64_MIN, INT64_MAX, ds_first_each,
	    &s)) != STATUS_OK)
		return rc;
	ck_assert_int_ne(s.day, 0);
	if (b->add_row) {
		s.day -= 86400;
		s.end -= 86400;
		memset(s.v, 0, sizeof s.v);
	}
	s.v[REPORT_COPIES] += 7;
	return store_daysum_put(txn, &s);
}

/* A total that disagrees with the records is a fault check names. */
START_TEST(test_check_finds_wrong_total)
{
	struct ds_bend b = { 0 };
	struct buf t;

	buf_init(&t);
	ds_month();
	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, ds_bend_txn, &b),
	    STATUS_OK);
	ck_assert_uint_eq(ds_check(&t), 1);
	ck_assert_msg(strstr((const char *) t.data, "summary totals of "
	    "2026-01-05") != NULL && strstr((const char *) t.data,
	    "disagree with the records") != NULL, "%s", (const char *) t.data);

	b.add_row = 1;
	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, ds_bend_txn, &b),
	    STATUS_OK);
	ck_assert_uint_eq(ds_check(&t), 2);
	ck_assert_msg(strstr((const char *) t.data, "2026-01-04") != NULL &&
	    strstr((const char *) t.data, "the records give nothing") != NULL,
	    "%s", (const char *) t.data);
	buf_free(&t);
}
END_TEST

/* Checked in another time zone, the stored days are not the checker's:
 * no false fault, yet a wrong total is still found over all days. */
START_TEST(test_check_other_zone)
{
	struct ds_bend b = { 0 };
	struct buf t;

	buf_init(&t);
	ds_month();
	setenv("TZ", "UTC0", 1);
	tzset();
	ck_assert_msg(ds_check(&t) == 0, "%s", (const char *) t.data);
	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, ds_bend_txn, &b),
	    STATUS_OK);
	ck_assert_uint_eq(ds_check(&t), 1);
	ck_assert_msg(strstr((const char *) t.data, "summary totals of all "
	    "days") != NULL, "%s", (const char *) t.data);
	setenv("TZ", "CST-8", 1);
	tzset();
	buf_free(&t);
}
END_TEST

Suite *
daysum_suite(void)
{
	Suite *s = suite_create("daysum");
	TCase *tc = tcase_create("daysum");

	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, ds_setup, ds_teardown);
	tcase_add_test(tc, test_totals_equal_events);
	tcase_add_test(tc, test_totals_other_zone);
	tcase_add_test(tc, test_totals_stale_rebuilt);
	tcase_add_test(tc, test_check_finds_wrong_total);
	tcase_add_test(tc, test_check_other_zone);
	suite_add_tcase(s, tc);
	return s;
}
