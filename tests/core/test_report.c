/*
 * test_report.c -- the summary of sealing and printing and the registers
 * (Art. 11), checked cell by cell against a month of known activity done
 * through the workflow: sealings with two seals in two departments,
 * prints, an extra print, a reprint with its recalled and destroyed
 * copies, rejections by the clerk and by the print room, a blank-form
 * batch, a proxy custody, and events on both sides of the month's end.
 * Then the CSV forms are parsed back in both encodings, the period
 * parser, and who may produce what.
 *
 * The clock runs in China Standard Time (TZ=CST-8, no daylight saving),
 * so "January" is the bureau's January.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/suites.h"
#include "core/wf_fixture.h"
#include "lib/testlib.h"

/* 2026-01-01 00:00 in China Standard Time. */
#define RP_JAN1		1767196800
#define RP_PROXY_PW	"Proxy-Key-2026!"

static struct session *rp_office;	/* the office director */
static uint64_t rp_dept2;
static struct report rp;

/* Day D of January 2026 (32 is February 1st) at HH:MM, local time. */
static int64_t
rp_at(int d, int hh, int mm)
{
	return RP_JAN1 + (int64_t) (d - 1) * 86400 + hh * 3600 + mm * 60;
}

/* Move the clock; the sessions were in use all along (no idle lock). */
static void
rp_clock(int64_t t)
{
	int who;

	clock_set(t);
	for (who = 0; who < WFX__COUNT; who++)
		wfx.s[who]->last_active = t;
	rp_office->last_active = t;
	fx.sec->last_active = t;
	fx.sys->last_active = t;
}

static void
rp_setup(void)
{
	struct account_attrs a;

	setenv("TZ", "CST-8", 1);
	tzset();
	wfx_setup();
	memset(&rp, 0, sizeof rp);
	rp_office = fx_login("office1", FX_PW, STATUS_OK);

	/* A second department, drafter2's. */
	ck_assert_int_eq(account_dept_add(fx.sys, "行政复议科", "示复", 0,
	    &rp_dept2), STATUS_OK);
	memset(&a, 0, sizeof a);
	a.fields = ACCOUNT_DEPT;
	a.dept_id = rp_dept2;
	ck_assert_int_eq(account_set_attrs(fx.sec, "drafter2", &a), STATUS_OK);
}

static void
rp_teardown(void)
{
	report_free(&rp);
	session_free(rp_office);
	wfx_teardown();
}

/* -- Walking documents ----------------------------------------------------- */

static enum wfx_who
rp_approver(const struct chain *chain, unsigned step, enum doc_kind kind)
{
	int last = step + 1 == chain->n;
	uint32_t lit = (1u << DOC_LIT_TABLE) | (1u << DOC_LIT_FILL_IN) |
	    (1u << DOC_LIT_COMPOSED);

	if (chain->level[step] == CHAIN_SECTION_CHIEF &&
	    (!last || ((1u << kind) & lit)))
		return WFX_CHIEF;
	if (chain->level[step] <= CHAIN_LEADER_IN_CHARGE)
		return WFX_LEADER;
	return WFX_BUREAU;
}

static void
rp_approve_all(uint64_t doc)
{
	struct docview v;
	enum wfx_who who;

	for (;;) {
		ck_assert_int_eq(docview_get(fx.st, wfx.s[WFX_CLERK], doc, &v),
		    STATUS_OK);
		if (v.doc.state != DOC_IN_APPROVAL) {
			docview_free(&v);
			return;
		}
		who = rp_approver(&v.chain, v.doc.approval_level,
		    (enum doc_kind) v.doc.kind);
		docview_free(&v);
		ck_assert_int_eq(workflow_approve(fx.st, wfx.s[who], doc,
		    NULL), STATUS_OK);
	}
}

/* From wherever DOC is, drafted by DRAFTER, to sealed by CLERK with
 * SEAL: submit, approve, send, seal. */
static void
rp_seal(uint64_t doc, enum wfx_who drafter, enum wfx_who clerk, uint64_t seal)
{
	struct docview v;
	struct rec_doc d;
	uint32_t copies;

	for (;;) {
		wfx_doc(doc, &d);
		switch (d.state) {
		case DOC_DRAFT:
			ck_assert_int_eq(workflow_submit(fx.st, wfx.s[drafter],
			    doc), STATUS_OK);
			break;
		case DOC_IN_APPROVAL:
			rp_approve_all(doc);
			break;
		case DOC_APPROVED:
			ck_assert_int_eq(workflow_send(fx.st, wfx.s[drafter],
			    doc), STATUS_OK);
			break;
		case DOC_TO_SEAL:
			/* The copies the version asks for: after a reprint
			 * the record still counts the earlier version's. */
			ck_assert_int_eq(docview_get(fx.st, wfx.s[clerk], doc,
			    &v), STATUS_OK);
			copies = v.content.copies;
			docview_free(&v);
			ck_assert_int_eq(workflow_seal(fx.st, wfx.s[clerk], doc,
			    seal, copies, WFX_KEY_PW), STATUS_OK);
			break;
		default:
			ck_assert_int_eq(d.state, DOC_SEALED);
			rec_free(REC_DOC, &d);
			return;
		}
		rec_free(REC_DOC, &d);
	}
}

static uint64_t
rp_new(enum wfx_who drafter, enum doc_kind kind, uint32_t copies)
{
	struct doc_content c;
	uint64_t id = 0;

	wfx_content(&c, kind, copies);
	ck_assert_int_eq(workflow_create(fx.st, wfx.s[drafter], &c, &id),
	    STATUS_OK);
	doc_content_free(&c);
	return id;
}

/* -- The month ------------------------------------------------------------- */

struct rp_docs {
	uint64_t	a, b, c, e, f, h;
};

static void
rp_first_half(struct rp_docs *d)
{
	uint64_t app = 0;

	/* A: an administrative document, 3 copies, sealed with SEAL-001. */
	rp_clock(rp_at(5, 9, 0));
	d->a = rp_new(WFX_DRAFTER, DOC_OFFICIAL_ADMIN, 3);
	rp_seal(d->a, WFX_DRAFTER, WFX_CLERK, wfx.seal);
	wfx_print(d->a, 3);

	/* B: a table form of the second department, SEAL-002, printed
	 * one copy a day. */
	rp_clock(rp_at(6, 10, 0));
	d->b = rp_new(WFX_DRAFTER2, DOC_LIT_TABLE, 2);
	rp_seal(d->b, WFX_DRAFTER2, WFX_CLERK2, wfx.seal2);
	wfx_print(d->b, 1);
	rp_clock(rp_at(7, 10, 0));
	wfx_print(d->b, 1);

	/* C: rejected by the clerk before sealing. */
	rp_clock(rp_at(8, 11, 0));
	d->c = rp_new(WFX_DRAFTER, DOC_OFFICIAL_OFFICE, 2);
	rp_approve_all(d->c);
	ck_assert_int_eq(workflow_submit(fx.st, wfx.s[WFX_DRAFTER], d->c),
	    STATUS_OK);
	rp_approve_all(d->c);
	ck_assert_int_eq(workflow_send(fx.st, wfx.s[WFX_DRAFTER], d->c),
	    STATUS_OK);
	ck_assert_int_eq(workflow_reject(fx.st, wfx.s[WFX_CLERK], d->c,
	    "格式不符, 请重拟"), STATUS_OK);

	/* A: two more copies, approved, printed. */
	rp_clock(rp_at(9, 9, 30));
	ck_assert_int_eq(printapp_extra(fx.st, wfx.s[WFX_DRAFTER], d->a, 2,
	    "会议需要", &app), STATUS_OK);
	ck_assert_int_eq(printapp_decide(fx.st, wfx.s[WFX_CHIEF], app, 1,
	    NULL), STATUS_OK);
	wfx_print(d->a, 2);
}

static void
rp_reprint(uint64_t a)
{
	static const uint32_t copies[5] = { 1, 2, 3, 4, 5 };
	struct doc_content c;

	/* A: a reprint; its five printed copies recalled, destroyed the
	 * next day, and the new version sealed with SEAL-002. */
	rp_clock(rp_at(12, 14, 0));
	wfx_content(&c, DOC_OFFICIAL_ADMIN, 3);
	free(c.title);
	c.title = xstrdup("关于申请配置彩色激光打印机的请示(更正)");
	ck_assert_int_eq(reprint_apply(fx.st, wfx.s[WFX_DRAFTER], a, &c,
	    "标题有误"), STATUS_OK);
	doc_content_free(&c);
	ck_assert_int_eq(reprint_recall(fx.st, wfx.s[WFX_CLERK], a, copies, 5),
	    STATUS_OK);
	rp_clock(rp_at(13, 9, 0));
	ck_assert_int_eq(reprint_destroy(fx.st, wfx.s[WFX_CLERK], a, copies, 5,
	    "王五"), STATUS_OK);
	rp_clock(rp_at(14, 9, 0));
	rp_seal(a, WFX_DRAFTER, WFX_CLERK2, wfx.seal2);
	wfx_print(a, 3);
}

static void
rp_second_half(struct rp_docs *d)
{
	struct doc_content c;
	uint64_t cid = 0;

	/* E: sealed with SEAL-001, rejected by the print room. */
	rp_clock(rp_at(15, 10, 0));
	d->e = rp_new(WFX_DRAFTER, DOC_LIT_FILL_IN, 1);
	rp_seal(d->e, WFX_DRAFTER, WFX_CLERK, wfx.seal);
	ck_assert_int_eq(workflow_reject(fx.st, wfx.s[WFX_PRINTER], d->e,
	    "印章位置偏移"), STATUS_OK);

	/* F: a batch of 50 blank forms, sealed on the 20th, printed on
	 * the 21st. */
	rp_clock(rp_at(20, 10, 0));
	wfx_content(&c, DOC_LIT_FILL_IN, 1);
	ck_assert_int_eq(printapp_batch(fx.st, wfx.s[WFX_DRAFTER], &c, 50, 0,
	    "送达回证", &d->f), STATUS_OK);
	doc_content_free(&c);
	rp_seal(d->f, WFX_DRAFTER, WFX_CLERK, wfx.seal);
	rp_clock(rp_at(21, 10, 0));
	wfx_print(d->f, 50);

	/* SEAL-001 in clerk2's proxy custody from the 23rd to the 25th. */
	rp_clock(rp_at(22, 9, 0));
	ck_assert_int_eq(custody_request(wfx.s[WFX_CLERK], "SEAL-001",
	    "clerk2", rp_at(23, 0, 0), rp_at(25, 23, 0), "出差", &cid),
	    STATUS_OK);
	ck_assert_int_eq(custody_decide(rp_office, cid, 1, NULL), STATUS_OK);
	ck_assert_int_eq(custody_handover(wfx.s[WFX_CLERK], wfx.s[WFX_CLERK2],
	    cid, WFX_KEY_PW, RP_PROXY_PW), STATUS_OK);

	/* H: sealed in the last minute of January, printed in the first
	 * minute of February. */
	rp_clock(rp_at(31, 23, 59));
	d->h = rp_new(WFX_DRAFTER, DOC_OFFICIAL_ADMIN, 1);
	rp_seal(d->h, WFX_DRAFTER, WFX_CLERK, wfx.seal);
	rp_clock(rp_at(32, 0, 0) + 30);
	wfx_print(d->h, 1);
	rp_clock(rp_at(32, 9, 0));
}

static void
rp_month(struct rp_docs *d)
{
	rp_first_half(d);
	rp_reprint(d->a);
	rp_second_half(d);
}

/* -- Reading cells --------------------------------------------------------- */

static const struct report_table *
rp_table(const struct report *r, const char *caption)
{
	size_t i;

	for (i = 0; i < r->ntables; i++)
		if (strcmp(r->tables[i].caption, caption) == 0)
			return &r->tables[i];
	ck_abort_msg("no table %s", caption);
	return NULL;
}

/* The number in table CAPTION, row KEY, measure M. */
static unsigned long
rp_num(const struct report *r, const char *caption, const char *key,
    enum report_measure m)
{
	const struct report_table *t = rp_table(r, caption);
	size_t row = report_find_row(t, key);
	size_t lead = t->ncols - REPORT__MEASURES;

	ck_assert_msg(row != (size_t) -1, "no row %s in %s", key, caption);
	return strtoul(report_cell(t, row, lead + m), NULL, 10);
}

/* Each measure of row KEY in CAPTION against WANT. */
static void
rp_row(const struct report *r, const char *caption, const char *key,
    const unsigned long *want)
{
	unsigned m;

	for (m = 0; m < REPORT__MEASURES; m++)
		ck_assert_msg(rp_num(r, caption, key, m) == want[m],
		    "%s / %s / measure %u: %lu, expected %lu", caption, key, m,
		    rp_num(r, caption, key, m), want[m]);
}

/* The cell of table CAPTION at the row whose first cell is KEY. */
static const char *
rp_cell(const struct report *r, const char *caption, size_t row, size_t col)
{
	return report_cell(rp_table(r, caption), row, col);
}

static void
rp_summary(const char *period, struct report *r)
{
	struct report_period p;

	report_free(r);
	ck_assert_int_eq(report_period_parse(period, &p), STATUS_OK);
	ck_assert_int_eq(report_summary(wfx.s[WFX_CLERK], &p, r), STATUS_OK);
}

/* -- The summary ----------------------------------------------------------- */

/* Measures: sealed, copies, rejects, reprints, recalled, destroyed,
 * extra prints, extra copies, batches, forms. */
START_TEST(test_summary_month_by_seal)
{
	static const unsigned long s1[] = { 4, 55, 1, 1, 5, 5, 1, 2, 1, 50 };
	static const unsigned long s2[] = { 2, 5, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const unsigned long none[] = { 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 };
	static const unsigned long total[] = { 6, 60, 2, 1, 5, 5, 1, 2, 1,
		50 };
	const struct report_table *t;
	struct rp_docs d;
	uint64_t since;

	rp_month(&d);
	since = fx_audit_count();
	rp_summary("2026-01", &rp);

	ck_assert_str_eq(rp.bureau, "示例市司法局");
	ck_assert_str_eq(rp.period.first, "2026-01-01");
	ck_assert_str_eq(rp.period.last, "2026-01-31");
	ck_assert_int_eq(rp.generated_at, rp_at(32, 9, 0));
	ck_assert_ptr_nonnull(strstr(rp.generated_by, "clerk"));
	ck_assert_int_eq(rp.ntables, REPORT__GROUPS + 1);

	rp_row(&rp, "By seal", "SEAL-001", s1);
	rp_row(&rp, "By seal", "SEAL-002", s2);
	rp_row(&rp, "By seal", "(not sealed)", none);
	rp_row(&rp, "By seal", "Total", total);
	t = rp_table(&rp, "By seal");
	ck_assert_uint_eq(t->nrows, 4);
	ck_assert(report_row_is_total(t, 3));
	ck_assert(!report_row_is_total(t, 2));
	ck_assert_str_eq(report_cell(t, 0, 1), "示范市示范区司法局");

	/* Producing it is audited, for the clerk. */
	ck_assert(fx_audit_has(since, ACT_REPORT, AUDIT_OK, wfx.id[WFX_CLERK]));
}
END_TEST

/* Collect the ids of the sealings' audit entries (store_scan's
 * callback). */
static int
rp_audit_id(const void *rec, void *arg)
{
	const struct rec_audit *e = rec;
	struct { uint64_t ids[64]; size_t n; } *v = arg;

	if (e->action == ACT_DOC_SEAL && v->n < 64)
		v->ids[v->n++] = e->id;
	return 0;
}

/* Take every sealing's audit entry out of the trail, as an archive of
 * the period does. */
static enum status
rp_drop_seal_entries(struct store_txn *txn, void *arg)
{
	struct { uint64_t ids[64]; size_t n; } v = { { 0 }, 0 };
	enum status rc;
	size_t i;

	(void) arg;
	if ((rc = store_scan_all(txn, REC_AUDIT, rp_audit_id, &v)) !=
	    STATUS_OK)
		return rc;
	ck_assert_uint_gt(v.n, 0);
	for (i = 0; i < v.n; i++)
		if ((rc = store_del(txn, REC_AUDIT, v.ids[i])) != STATUS_OK)
			return rc;
	return STATUS_OK;
}

/* The sealings are counted from the documents, not from the audit trail,
 * so a period whose entries were archived away keeps its figures. */
START_TEST(test_summary_without_audit_entries)
{
	static const unsigned long total[] = { 6, 60, 2, 1, 5, 5, 1, 2, 1,
		50 };
	struct rp_docs d;

	rp_month(&d);
	ck_assert_int_eq(store_run(fx.st, STORE_WRITE, rp_drop_seal_entries,
	    NULL), STATUS_OK);
	rp_summary("2026-01", &rp);
	rp_row(&rp, "By seal", "Total", total);
}
END_TEST

START_TEST(test_summary_month_by_dept_and_kind)
{
	static const unsigned long office[] = { 5, 58, 2, 1, 5, 5, 1, 2, 1,
		50 };
	static const unsigned long review[] = { 1, 2, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const unsigned long admin[] = { 3, 8, 0, 1, 5, 5, 1, 2, 0, 0 };
	static const unsigned long off[] = { 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 };
	static const unsigned long table[] = { 1, 2, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const unsigned long fill[] = { 2, 50, 1, 0, 0, 0, 0, 0, 1, 50 };
	static const unsigned long zero[REPORT__MEASURES];
	static const unsigned long total[] = { 6, 60, 2, 1, 5, 5, 1, 2, 1,
		50 };
	struct rp_docs d;

	rp_month(&d);
	rp_summary("2026-01", &rp);
	rp_row(&rp, "By department", "办公室", office);
	rp_row(&rp, "By department", "行政复议科", review);
	rp_row(&rp, "By department", "Total", total);
	ck_assert_uint_eq(rp_table(&rp, "By department")->nrows, 3);

	rp_row(&rp, "By kind of document", "administrative document", admin);
	rp_row(&rp, "By kind of document", "office document", off);
	rp_row(&rp, "By kind of document", "litigation table form", table);
	rp_row(&rp, "By kind of document", "litigation fill-in form", fill);
	rp_row(&rp, "By kind of document", "composed litigation document",
	    zero);
	rp_row(&rp, "By kind of document", "Total", total);
	/* The kinds never e-sealed have no row. */
	ck_assert_uint_eq(report_find_row(rp_table(&rp, "By kind of document"),
	    "Party-group document"), (size_t) -1);
}
END_TEST

START_TEST(test_summary_daily_volume)
{
	static const struct {
		int		day;
		unsigned long	sealed, copies;
	} want[] = {
		{ 5, 1, 3 }, { 6, 1, 1 }, { 7, 0, 1 }, { 9, 0, 2 },
		{ 14, 1, 3 }, { 15, 1, 0 }, { 20, 1, 0 }, { 21, 0, 50 },
		{ 31, 1, 0 }
	};
	const struct report_table *t;
	unsigned long sealed = 0, copies = 0;
	struct rp_docs d;
	char day[16];
	size_t i, row;

	rp_month(&d);
	rp_summary("2026-01", &rp);
	ck_assert_uint_eq(rp.ndays, 31);
	ck_assert_int_eq(rp.days[0].start, RP_JAN1);
	ck_assert_int_eq(rp.days[30].start, rp_at(31, 0, 0));
	for (i = 0; i < rp.ndays; i++) {
		sealed += rp.days[i].sealed;
		copies += rp.days[i].copies;
	}
	ck_assert_uint_eq(sealed, 6);
	ck_assert_uint_eq(copies, 60);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		ck_assert_uint_eq(rp.days[want[i].day - 1].sealed,
		    want[i].sealed);
		ck_assert_uint_eq(rp.days[want[i].day - 1].copies,
		    want[i].copies);
	}

	/* The same as a table, its totals row last. */
	t = rp_table(&rp, "Daily volume");
	ck_assert(t->daily);
	ck_assert_uint_eq(t->nrows, 32);
	snprintf(day, sizeof day, "2026-01-21");
	row = report_find_row(t, day);
	ck_assert_str_eq(report_cell(t, row, 2), "50");
	ck_assert_str_eq(report_cell(t, 31, 0), "Total");
	ck_assert_str_eq(report_cell(t, 31, 1), "6");
	ck_assert_str_eq(report_cell(t, 31, 2), "60");
}
END_TEST

/* The month's edges, and other periods over the same records. */
START_TEST(test_summary_other_periods)
{
	static const unsigned long feb[] = { 0, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const unsigned long q1[] = { 6, 61, 2, 1, 5, 5, 1, 2, 1, 50 };
	static const unsigned long week[] = { 1, 4, 1, 1, 5, 5, 1, 2, 0, 0 };
	struct rp_docs d;

	rp_month(&d);
	rp_summary("2026-02", &rp);
	rp_row(&rp, "By seal", "Total", feb);
	ck_assert_uint_eq(rp_num(&rp, "By seal", "SEAL-001", REPORT_COPIES), 1);
	ck_assert_uint_eq(rp.ndays, 28);

	rp_summary("2026-Q1", &rp);
	rp_row(&rp, "By seal", "Total", q1);
	ck_assert_uint_eq(rp.ndays, 90);

	rp_summary("2026-01-06..2026-01-13", &rp);
	rp_row(&rp, "By seal", "Total", week);
	ck_assert_uint_eq(rp_num(&rp, "By seal", "SEAL-002", REPORT_SEALED), 1);

	/* A year with nothing in it still lists every seal. */
	rp_summary("2025", &rp);
	ck_assert_uint_eq(rp_num(&rp, "By seal", "SEAL-001", REPORT_SEALED), 0);
	ck_assert_uint_eq(rp_table(&rp, "By seal")->nrows, 3);
	ck_assert_uint_eq(rp_table(&rp, "By department")->nrows, 1);
}
END_TEST

/* -- The registers --------------------------------------------------------- */

START_TEST(test_registers_month)
{
	const struct report_table *t;
	struct report_period p;
	struct rp_docs d;
	size_t row;

	rp_month(&d);
	ck_assert_int_eq(report_period_parse("2026-01", &p), STATUS_OK);
	ck_assert_int_eq(report_registers(wfx.s[WFX_CLERK], &p, REGISTER_ALL,
	    &rp), STATUS_OK);
	ck_assert_uint_eq(rp.ntables, 5);

	t = rp_table(&rp, "Register of seals");
	ck_assert_uint_eq(t->nrows, 2);
	row = report_find_row(t, "SEAL-001");
	ck_assert_str_eq(report_cell(t, row, 3), "active");
	ck_assert_str_eq(report_cell(t, row, 4), "clerk");
	ck_assert_ptr_nonnull(strstr(report_cell(t, row, 7),
	    "custodian clerk"));
	ck_assert_ptr_nonnull(strstr(report_cell(t, row, 7),
	    "proxy clerk2 for clerk, 2026-01-23 to 2026-01-25"));

	t = rp_table(&rp, "Proxy custody and handovers");
	ck_assert_uint_eq(t->nrows, 1);
	ck_assert_str_eq(report_cell(t, 0, 0), "SEAL-001");
	ck_assert_str_eq(report_cell(t, 0, 1), "clerk");
	ck_assert_str_eq(report_cell(t, 0, 2), "clerk2");
	ck_assert_str_eq(report_cell(t, 0, 4), "office1");
	ck_assert_str_eq(report_cell(t, 0, 6), "2026-01-22 09:00");
	ck_assert_str_eq(report_cell(t, 0, 8), "handed back");

	t = rp_table(&rp, "Standalone-seal use");
	ck_assert_uint_eq(t->nrows, 0);
	ck_assert_uint_eq(t->ncols, 14);

	t = rp_table(&rp, "Recalled and destroyed copies");
	ck_assert_uint_eq(t->nrows, 5);
	ck_assert_str_eq(report_cell(t, 0, 3), "000001");
	ck_assert_str_eq(report_cell(t, 4, 3), "000005");
	ck_assert_str_eq(report_cell(t, 2, 2), "1");
	ck_assert_str_eq(report_cell(t, 2, 4), "clerk");
	ck_assert_str_eq(report_cell(t, 2, 5), "2026-01-12 14:00");
	ck_assert_str_eq(report_cell(t, 2, 7), "2026-01-13 09:00");
	ck_assert_str_eq(report_cell(t, 2, 8), "王五");
	ck_assert_str_eq(rp_cell(&rp, "Recalled and destroyed copies", 0, 1),
	    "关于申请配置彩色激光打印机的请示(更正)");

	t = rp_table(&rp, "Rejections");
	ck_assert_uint_eq(t->nrows, 2);
	ck_assert_str_eq(report_cell(t, 0, 0), "2026-01-08 11:00");
	ck_assert_str_eq(report_cell(t, 0, 4), "clerk");
	ck_assert_str_eq(report_cell(t, 0, 5), "clerk");
	ck_assert_str_eq(report_cell(t, 0, 6), "格式不符, 请重拟");
	ck_assert_str_eq(report_cell(t, 1, 4), "printer");
	ck_assert_str_eq(report_cell(t, 1, 5), "print room");
	ck_assert_str_eq(report_cell(t, 1, 6), "印章位置偏移");

	/* February: only the later events; the custody is not in it. */
	report_free(&rp);
	ck_assert_int_eq(report_period_parse("2026-02", &p), STATUS_OK);
	ck_assert_int_eq(report_registers(wfx.s[WFX_CLERK], &p,
	    REGISTER_CUSTODY | REGISTER_REJECTS, &rp), STATUS_OK);
	ck_assert_uint_eq(rp.ntables, 2);
	ck_assert_uint_eq(rp.tables[0].nrows, 0);
	ck_assert_uint_eq(rp.tables[1].nrows, 0);
}
END_TEST

START_TEST(test_accounts_register)
{
	const struct report_table *t;
	char *initial = NULL;
	uint64_t id = 0;
	size_t row;

	ck_assert_int_eq(account_add(fx.sys, "newbie", "新人", wfx.dept,
	    &initial, &id), STATUS_OK);
	account_password_free(initial);
	rp_clock(rp_at(31, 16, 0));
	ck_assert_int_eq(report_accounts(fx.sec, &rp), STATUS_OK);
	t = rp_table(&rp, "Register of accounts");
	row = report_find_row(t, "drafter");
	ck_assert_uint_ne(row, (size_t) -1);
	ck_assert_str_eq(report_cell(t, row, 2), "办公室");
	ck_assert_str_eq(report_cell(t, row, 3), "drafter");
	ck_assert_str_eq(report_cell(t, row, 4), "30");
	ck_assert_str_eq(report_cell(t, row, 5), "2026-03-02");
	ck_assert_str_eq(report_cell(t, row, 6), "");
	row = report_find_row(t, "newbie");
	ck_assert_str_eq(report_cell(t, row, 6), "yes");
	ck_assert_ptr_nonnull(strstr(rp.generated_by, "secadmin"));
	ck_assert_str_eq(rp.period.first, "2026-01-31");
}
END_TEST

/* Art. 7: the summary and registers are the clerk's and the office
 * director's; the accounts are the security administrator's alone. */
START_TEST(test_report_permissions)
{
	struct report_period p;
	uint64_t since = fx_audit_count();

	ck_assert_int_eq(report_period_parse("2026-01", &p), STATUS_OK);
	ck_assert_int_eq(report_summary(wfx.s[WFX_DRAFTER], &p, &rp),
	    STATUS_DENIED);
	ck_assert_uint_eq(rp.ntables, 0);
	ck_assert_int_eq(report_summary(fx.sec, &p, &rp), STATUS_DENIED);
	ck_assert_int_eq(report_registers(wfx.s[WFX_PRINTER], &p, REGISTER_ALL,
	    &rp), STATUS_DENIED);
	ck_assert_int_eq(report_accounts(wfx.s[WFX_CLERK], &rp),
	    STATUS_DENIED);
	ck_assert_int_eq(report_accounts(rp_office, &rp), STATUS_DENIED);
	ck_assert(fx_audit_has(since, ACT_REPORT, AUDIT_REFUSED,
	    wfx.id[WFX_DRAFTER]));

	ck_assert_int_eq(report_summary(rp_office, &p, &rp), STATUS_OK);
	report_free(&rp);
	ck_assert_int_eq(report_registers(rp_office, &p, REGISTER_SEALS, &rp),
	    STATUS_OK);
}
END_TEST

/* -- Forms ----------------------------------------------------------------- */

/* A small RFC 4180 reader: the rows of TEXT, each a NULL-terminated
 * array of new strings. */
static char ***
rp_csv_parse(const char *text, size_t *nrows)
{
	char ***rows = NULL, **row = NULL;
	size_t nr = 0, nf = 0;
	struct buf f;
	const char *p = text;
	int quoted = 0;

	buf_init(&f);
	for (;;) {
		if (quoted && *p == '"' && p[1] == '"') {
			buf_add(&f, p, 1);
			p += 2;
		} else if (*p == '"') {
			quoted = !quoted;
			p++;
		} else if (!quoted && (*p == ',' || *p == '\r' ||
		    *p == '\0')) {
			buf_add_u8(&f, 0);
			row = xrealloc(row, (nf + 2) * sizeof *row);
			row[nf++] = xstrdup((char *) f.data);
			row[nf] = NULL;
			buf_reset(&f);
			if (*p == ',') {
				p++;
				continue;
			}
			rows = xrealloc(rows, (nr + 1) * sizeof *rows);
			rows[nr++] = row;
			row = NULL;
			nf = 0;
			if (*p == '\0' || p[1] == '\0')
				break;
			ck_assert_int_eq(p[1], '\n');
			p += 2;
		} else {
			ck_assert_int_ne(*p, '\0');
			buf_add(&f, p, 1);
			p++;
		}
	}
	buf_free(&f);
	*nrows = nr;
	return rows;
}

static void
rp_csv_free(char ***rows, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; rows[i][j] != NULL; j++)
			free(rows[i][j]);
		free(rows[i]);
	}
	free(rows);
}

/* Every cell of every table of R, found in the parsed ROWS in order. */
static void
rp_csv_matches(const struct report *r, char ***rows, size_t n)
{
	const struct report_table *t;
	size_t i, row, col, at = 0;

	ck_assert_str_eq(rows[0][0], r->title);
	ck_assert_str_eq(rows[1][1], r->bureau);
	for (i = 0; i < r->ntables; i++) {
		t = &r->tables[i];
		while (at < n && strcmp(rows[at][0], t->caption) != 0)
			at++;
		ck_assert_uint_lt(at + 1 + t->nrows, n + 1);
		for (col = 0; col < t->ncols; col++)
			ck_assert_str_eq(rows[at + 1][col], t->head[col]);
		for (row = 0; row < t->nrows; row++)
			for (col = 0; col < t->ncols; col++)
				ck_assert_str_eq(rows[at + 2 + row][col],
				    report_cell(t, row, col));
	}
}

START_TEST(test_csv_both_encodings)
{
	struct report_period p;
	struct buf utf8, gb, plain;
	struct rp_docs d;
	char ***rows, *back;
	size_t n;

	rp_month(&d);
	ck_assert_int_eq(report_period_parse("2026-01", &p), STATUS_OK);
	ck_assert_int_eq(report_registers(wfx.s[WFX_CLERK], &p, REGISTER_ALL,
	    &rp), STATUS_OK);
	buf_init(&utf8);
	buf_init(&gb);
	buf_init(&plain);

	/* UTF-8 with a byte-order mark; the reason with a comma quoted. */
	ck_assert_int_eq(report_csv(&rp, REPORT_CSV_UTF8_BOM, &utf8),
	    STATUS_OK);
	ck_assert_int_eq(memcmp(utf8.data, "\xef\xbb\xbf", 3), 0);
	buf_add_u8(&utf8, 0);
	ck_assert_ptr_nonnull(strstr((char *) utf8.data,
	    ",\"格式不符, 请重拟\"\r\n"));
	rows = rp_csv_parse((char *) utf8.data + 3, &n);
	rp_csv_matches(&rp, rows, n);
	rp_csv_free(rows, n);

	/* GB18030: other bytes, the same table once decoded. */
	ck_assert_int_eq(report_csv(&rp, REPORT_CSV_GB18030, &gb), STATUS_OK);
	ck_assert_int_eq(report_csv(&rp, REPORT_CSV_UTF8, &plain), STATUS_OK);
	ck_assert(!text_utf8_valid((char *) gb.data, gb.len));
	ck_assert_int_eq(text_from_gb18030((char *) gb.data, gb.len, &back),
	    STATUS_OK);
	ck_assert_uint_eq(strlen(back), plain.len);
	ck_assert_int_eq(memcmp(back, plain.data, plain.len), 0);
	rows = rp_csv_parse(back, &n);
	rp_csv_matches(&rp, rows, n);
	rp_csv_free(rows, n);
	free(back);

	buf_free(&utf8);
	buf_free(&gb);
	buf_free(&plain);
}
END_TEST

START_TEST(test_text_form)
{
	struct rp_docs d;
	struct buf b;
	char *text, *line;

	rp_month(&d);
	rp_summary("2026-01", &rp);
	buf_init(&b);
	report_text(&rp, &b);
	buf_add_u8(&b, 0);
	text = (char *) b.data;
	ck_assert_ptr_nonnull(strstr(text, "Bureau: 示例市司法局\n"));
	ck_assert_ptr_nonnull(strstr(text, "Period: 2026-01-01 to 2026-01-31"));
	/* Numbers right-aligned under their headings: the totals row ends
	 * in the column the heading "Blank forms" ends in. */
	line = strstr(text, "\nTotal ");
	ck_assert_ptr_nonnull(line);
	ck_assert_ptr_nonnull(strstr(text, "Blank forms\n"));
	ck_assert_ptr_nonnull(strstr(line + 1, "  50\n"));
	ck_assert_uint_eq(text_width("办公室"), 6);
	buf_free(&b);
}
END_TEST

/* -- Periods --------------------------------------------------------------- */

static void
rp_period(const char *text, const char *first, const char *last,
    size_t days)
{
	struct report_period p;

	ck_assert_msg(report_period_parse(text, &p) == STATUS_OK, "%s", text);
	ck_assert_str_eq(p.first, first);
	ck_assert_str_eq(p.last, last);
	ck_assert_uint_eq(report_period_ndays(&p), days);
	ck_assert_int_eq(p.to - p.from + 1, (int64_t) days * 86400);
}

START_TEST(test_period_parse)
{
	static const char *const bad[] = { "2026-13", "2026-02-30", "abc",
		"2026-Q5", "2026-01-06..2026-01-05", "26-01", "", "2026-1-5",
		"1969", "2026-01-05..", "2026-01-01..2040-01-01" };
	struct report_period p;
	size_t i;

	rp_period("2026-02", "2026-02-01", "2026-02-28", 28);
	rp_period("2024-02", "2024-02-01", "2024-02-29", 29);
	rp_period("2026-Q4", "2026-10-01", "2026-12-31", 92);
	rp_period("2026", "2026-01-01", "2026-12-31", 365);
	rp_period("2026-01-05", "2026-01-05", "2026-01-05", 1);
	rp_period("2026-01-05..2026-02-04", "2026-01-05", "2026-02-04", 31);
	ck_assert_int_eq(report_period_parse("2026-01", &p), STATUS_OK);
	ck_assert_int_eq(p.from, RP_JAN1);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(report_period_parse(bad[i], &p) ==
		    STATUS_REPORT_PERIOD, "%s", bad[i]);
	ck_assert_int_eq(report_period_days("2026-01-01", NULL, &p),
	    STATUS_REPORT_PERIOD);
}
END_TEST

Suite *
report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, rp_setup, rp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_summary_month_by_seal);
	tcase_add_test(tc, test_summary_without_audit_entries);
	tcase_add_test(tc, test_summary_month_by_dept_and_kind);
	tcase_add_test(tc, test_summary_daily_volume);
	tcase_add_test(tc, test_summary_other_periods);
	tcase_add_test(tc, test_registers_month);
	tcase_add_test(tc, test_accounts_register);
	tcase_add_test(tc, test_report_permissions);
	tcase_add_test(tc, test_csv_both_encodings);
	tcase_add_test(tc, test_text_form);
	tcase_add_test(tc, test_period_parse);
	suite_add_tcase(s, tc);
	return s;
}
