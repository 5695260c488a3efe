/*
 * report.c -- the summary of sealing and printing (Art. 11): the events
 * of a period, read from the store's time indexes, counted by seal, by
 * department and by kind of document, and by day.
 *
 * Where each event comes from (report.h says what each column means):
 *
 *   sealed      the documents changed since the period began
 *               (IDX_DOC_UPDATED: sealing moves a document, so one sealed
 *               in the period was updated no earlier); the count and the
 *               seal are then taken from their versions' signatures.  Not
 *               the audit trail: entries archived away must not take
 *               their sealings out of the summary
 *   copies      print jobs by time (IDX_PRINTJOB_TIME), finished ones
 *   rejects     approval records by action and time
 *               (IDX_APPROVAL_ACTION)
 *   recalled,   recall records by recall time and by destruction time
 *   destroyed   (IDX_RECALL_RECALLED, IDX_RECALL_DESTROYED)
 *   reprints,   applications by kind and creation time
 *   extra,      (IDX_APPLICATION_KIND)
 *   batches
 *
 * That is the reference.  A summary first tries the daily totals
 * (report_daysum.c), which hold the same counts per day, seal,
 * department and kind, kept in the transactions of the acts: when they
 * follow the records and their days are the period's, the period's days
 * are added up instead, the same figures in a number of reads
 * proportional to the days.  report_doc_events() gives the totals one
 * document's events, through the same filters.
 *
 * Events are first collected, then looked up (report_docs.c), so that no
 * lookup runs inside another index's scan.  Nothing here writes but the
 * audit entry report_run() appends.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/doc.h"
#include "core/report_private.h"

/* One row of a grouping. */
struct report_row {
	uint64_t	 key;
	uint64_t	 v[REPORT__MEASURES];
};

struct report_sum {
	struct report_docs	 docs;
	struct report_events	 events;
	uint64_t		*sealed_docs;	/* documents with a sealing */
	size_t			 nsealed_docs;
	struct report_row	*rows[REPORT__GROUPS];
	size_t			 nrows[REPORT__GROUPS];
	struct report_day	*days;
	size_t			 ndays;
	const struct report_period *p;
};

static void
report_event_add(struct report_events *l, const struct report_event *e)
{
	l->ev = xrealloc(l->ev, (l->nev + 1) * sizeof *l->ev);
	l->ev[l->nev++] = *e;
}

void
report_events_free(struct report_events *l)
{
	free(l->ev);
	l->ev = NULL;
	l->nev = 0;
}

static struct store_range
report_range(const struct report_period *p, int prefix, uint64_t value)
{
	struct store_range r = { 0, { 0, 0, 0 }, 0, 0 };

	r.nprefix = prefix ? 1 : 0;
	r.prefix[0] = value;
	r.lo = (uint64_t) p->from;
	r.hi = (uint64_t) p->to;
	return r;
}

/* -- Collecting the period's events ---------------------------------------- */

/* A document changed since the period began: it may have been sealed in
 * it (report_sealings() reads its versions' signing times to know).  Its
 * state says nothing: a sealed version may since have been sent back for
 * a reprint, which makes the document a draft again. */
static int
report_seal_each(const void *rec, void *arg)
{
	const struct rec_doc *d = rec;
	struct report_sum *sum = arg;

	sum->sealed_docs = xrealloc(sum->sealed_docs,
	    (sum->nsealed_docs + 1) * sizeof *sum->sealed_docs);
	sum->sealed_docs[sum->nsealed_docs++] = d->id;
	return 0;
}

static int
report_job_each(const void *rec, void *arg)
{
	const struct rec_printjob *j = rec;
	struct report_event e = { REPORT_COPIES, j->doc_id, j->version, 0,
		j->time, j->count, 0 };

	if (j->outcome == PRINT_DONE && j->count > 0)
		report_event_add(arg, &e);
	return 0;
}

static int
report_reject_each(const void *rec, void *arg)
{
	const struct rec_approval *a = rec;
	struct report_event e = { REPORT_REJECTS, a->doc_id, a->version, 0,
		a->time, 1, 0 };

	/* The index by action gives only rejections; the one by document
	 * (report_doc_events) gives every approval record. */
	if (a->action == APPROVAL_REJECT)
		report_event_add(arg, &e);
	return 0;
}

struct report_recall_scan {
	struct report_events	*events;
	enum report_measure	 m;
};

static int
report_recall_each(const void *rec, void *arg)
{
	const struct rec_recall *r = rec;
	struct report_recall_scan *sc = arg;
	struct report_event e = { sc->m, r->doc_id, r->version, 0,
		sc->m == REPORT_RECALLED ? r->recalled_at : r->destroyed_at,
		1, 0 };

	/* 0: not destroyed (the index by document lists every recall). */
	if (e.time != 0 || sc->m == REPORT_RECALLED)
		report_event_add(sc->events, &e);
	return 0;
}

static int
report_app_each(const void *rec, void *arg)
{
	const struct rec_application *a = rec;
	struct report_event e = { REPORT_REPRINTS, a->doc_id, 0, 0, a->created,
		1, 0 };

	switch (a->kind) {
	case APP_REPRINT:
		if (a->state == APP_CANCELLED)
			return 0;
		break;
	case APP_EXTRA_PRINT:
		if (a->state != APP_APPROVED && a->state != APP_DONE)
			return 0;
		e.m = REPORT_EXTRA;
		e.value2 = a->count;
		break;
	case APP_BATCH:
		if (a->state == APP_DENIED || a->state == APP_CANCELLED)
			return 0;
		e.m = REPORT_BATCHES;
		e.value2 = a->count;
		e.sealed_version = 1;
		break;
	default:
		return 0;
	}
	report_event_add(arg, &e);
	return 0;
}

static enum status
report_collect(struct store_txn *txn, struct report_sum *sum)
{
	static const uint8_t apps[] = { APP_REPRINT, APP_EXTRA_PRINT,
		APP_BATCH };
	struct report_recall_scan rs[2] = { { &sum->events, REPORT_RECALLED },
		{ &sum->events, REPORT_DESTROYED } };
	struct store_range r;
	enum status rc;
	size_t i;

	r = report_range(sum->p, 0, 0);
	r.hi = UINT64_MAX;
	if ((rc = store_scan(txn, IDX_DOC_UPDATED, &r, 0, report_seal_each,
	    sum)) != STATUS_OK)
		return rc;
	r = report_range(sum->p, 0, 0);
	if ((rc = store_scan(txn, IDX_PRINTJOB_TIME, &r, 0, report_job_each,
	    &sum->events)) != STATUS_OK ||
	    (rc = store_scan(txn, IDX_RECALL_RECALLED, &r, 0,
	    report_recall_each, &rs[0])) != STATUS_OK ||
	    (rc = store_scan(txn, IDX_RECALL_DESTROYED, &r, 0,
	    report_recall_each, &rs[1])) != STATUS_OK)
		return rc;
	r = report_range(sum->p, 1, APPROVAL_REJECT);
	if ((rc = store_scan(txn, IDX_APPROVAL_ACTION, &r, 0,
	    report_reject_each, &sum->events)) != STATUS_OK)
		return rc;
	for (i = 0; i < sizeof apps; i++) {
		r = report_range(sum->p, 1, apps[i]);
		if ((rc = store_scan(txn, IDX_APPLICATION_KIND, &r, 0,
		    report_app_each, &sum->events)) != STATUS_OK)
			return rc;
	}
	return STATUS_OK;
}

void
report_record_events(enum rec_kind kind, const void *rec,
    struct report_events *out)
{
	struct report_recall_scan rs[2] = { { out, REPORT_RECALLED },
		{ out, REPORT_DESTROYED } };

	if (rec == NULL)
		return;
	switch (kind) {
	case REC_PRINTJOB:
		report_job_each(rec, out);
		break;
	case REC_APPROVAL:
		report_reject_each(rec, out);
		break;
	case REC_APPLICATION:
		report_app_each(rec, out);
		break;
	case REC_RECALL:
		report_recall_each(rec, &rs[0]);
		report_recall_each(rec, &rs[1]);
		break;
	default:
		break;
	}
}

/* The sealings of D signed from FROM to TO (FROM at least 1: an
 * unsigned version has no signing time), at their signing times. */
static void
report_doc_sealings(const struct report_doc *d, int64_t from, int64_t to,
    struct report_events *out)
{
	struct report_event e;
	size_t v;

	for (v = 0; v < d->nversions; v++) {
		if (d->versions[v].sealed_at < from ||
		    d->versions[v].sealed_at > to)
			continue;
		memset(&e, 0, sizeof e);
		e.m = REPORT_SEALED;
		e.doc_id = d->id;
		e.version = d->versions[v].number;
		e.time = d->versions[v].sealed_at;
		e.value = 1;
		report_event_add(out, &e);
	}
}

/* Every event of document ID, at any time, through the indexes by
 * document and with the filters the summary's time scans use. */
enum status
report_doc_events(struct report_docs *c, uint64_t id,
    struct report_events *out)
{
	static const enum store_index idx[] = { IDX_PRINTJOB_DOC,
		IDX_APPROVAL_DOC, IDX_APPLICATION_DOC };
	static const store_each_fn each[] = { report_job_each,
		report_reject_each, report_app_each };
	struct report_recall_scan rs[2] = { { out, REPORT_RECALLED },
		{ out, REPORT_DESTROYED } };
	struct store_range r = { 1, { id, 0, 0 }, 0, UINT64_MAX };
	const struct report_doc *d;
	enum status rc;
	size_t i;

	if ((rc = report_docs_get(c, id, &d)) != STATUS_OK)
		return rc;
	report_doc_sealings(d, 1, INT64_MAX, out);
	for (i = 0; i < sizeof idx / sizeof idx[0]; i++)
		if ((rc = store_scan(c->txn, idx[i], &r, 0, each[i], out)) !=
		    STATUS_OK)
			return rc;
	for (i = 0; i < 2; i++)
		if ((rc = store_scan(c->txn, IDX_RECALL_DOC, &r, 0,
		    report_recall_each, &rs[i])) != STATUS_OK)
			return rc;
	return STATUS_OK;
}

/* The sealings of the documents changed since the period began: every
 * version signed within the period, under the seal that signed it. */
static enum status
report_sealings(struct report_sum *sum)
{
	const struct report_doc *d;
	enum status rc;
	size_t i;

	for (i = 0; i < sum->nsealed_docs; i++) {
		if ((rc = report_docs_get(&sum->docs, sum->sealed_docs[i],
		    &d)) != STATUS_OK)
			return rc;
		report_doc_sealings(d, sum->p->from > 0 ? sum->p->from : 1,
		    sum->p->to, &sum->events);
	}
	return STATUS_OK;
}

/* -- Counting -------------------------------------------------------------- */

static struct report_row *
report_row_of(struct report_sum *sum, enum report_group g, uint64_t key)
{
	size_t i;

	for (i = 0; i < sum->nrows[g]; i++)
		if (sum->rows[g][i].key == key)
			return &sum->rows[g][i];
	sum->rows[g] = xrealloc(sum->rows[g], (sum->nrows[g] + 1) *
	    sizeof *sum->rows[g]);
	memset(&sum->rows[g][i], 0, sizeof sum->rows[g][i]);
	sum->rows[g][i].key = key;
	sum->nrows[g]++;
	return &sum->rows[g][i];
}

/* The day of T in the period (the days are in order). */
static size_t
report_day_of(const struct report_sum *sum, int64_t t)
{
	size_t lo = 0, hi = sum->ndays;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (sum->days[mid].start <= t)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

uint64_t
report_event_seal(const struct report_doc *d, const struct report_event *e)
{
	if (e->sealed_version)
		return report_doc_seal_of(d, d->sealed_version);
	if (e->version != 0)
		return report_doc_seal_of(d, e->version);
	return report_doc_seal_at(d, e->time);
}

static enum status
report_count(struct report_sum *sum)
{
	const struct report_doc *d;
	struct report_row *row[REPORT__GROUPS];
	struct report_event *e;
	enum status rc;
	size_t i, g;

	for (i = 0; i < sum->events.nev; i++) {
		e = &sum->events.ev[i];
		if ((rc = report_docs_get(&sum->docs, e->doc_id, &d)) !=
		    STATUS_OK)
			return rc;
		row[REPORT_BY_SEAL] = report_row_of(sum, REPORT_BY_SEAL,
		    report_event_seal(d, e));
		row[REPORT_BY_DEPT] = report_row_of(sum, REPORT_BY_DEPT,
		    d->dept_id);
		row[REPORT_BY_KIND] = report_row_of(sum, REPORT_BY_KIND,
		    d->kind);
		for (g = 0; g < REPORT__GROUPS; g++) {
			row[g]->v[e->m] += e->value;
			if (e->value2 != 0)
				row[g]->v[e->m + 1] += e->value2;
		}
		if (e->m == REPORT_SEALED)
			sum->days[report_day_of(sum, e->time)].sealed +=
			    e->value;
		else if (e->m == REPORT_COPIES)
			sum->days[report_day_of(sum, e->time)].copies +=
			    e->value;
	}
	return STATUS_OK;
}

/* The period's counts from the daily totals (report_daysum.c), when
 * they follow the records and their days are the period's: *DONE then
 * says so, else the events are read one by one. */
static enum status
report_from_totals(struct store_txn *txn, struct report_sum *sum, int *done)
{
	struct store_daysum *rows = NULL;
	struct report_row *row;
	size_t n = 0, i, g, m, day;
	uint64_t keys[REPORT__GROUPS];
	enum status rc;

	*done = 0;
	if ((rc = report_daysum_read(txn, sum->days, sum->ndays, sum->p->to,
	    &rows, &n, done)) != STATUS_OK || !*done)
		goto out;
	for (i = 0; i < n; i++) {
		keys[REPORT_BY_SEAL] = rows[i].seal_id;
		keys[REPORT_BY_DEPT] = rows[i].dept_id;
		keys[REPORT_BY_KIND] = rows[i].kind;
		for (g = 0; g < REPORT__GROUPS; g++) {
			row = report_row_of(sum, (enum report_group) g,
			    keys[g]);
			for (m = 0; m < REPORT__MEASURES; m++)
				row->v[m] += rows[i].v[m];
		}
		day = report_day_of(sum, rows[i].day);
		sum->days[day].sealed += rows[i].v[REPORT_SEALED];
		sum->days[day].copies += rows[i].v[REPORT_COPIES];
	}
out:
	free(rows);
	return rc;
}

static void
report_days_init(struct report_sum *sum)
{
	char day[11];
	struct report_period one;
	size_t n = report_period_ndays(sum->p), i;
	int64_t t = sum->p->from;

	sum->days = xcalloc(n, sizeof *sum->days);
	for (i = 0; i < n; i++) {
		sum->days[i].start = t;
		report_date_text(t + 43200, day, sizeof day);
		if (report_period_days(day, day, &one) != STATUS_OK)
			break;
		t = one.to + 1;
	}
	sum->ndays = i;
}

/* -- The tables ------------------------------------------------------------ */

static const char *
report_measure_head(enum report_measure m)
{
	static const char *const heads[REPORT__MEASURES] = {
		N_("Sealed"), N_("Copies printed"), N_("Rejects"),
		N_("Reprints"), N_("Copies recalled"), N_("Copies destroyed"),
		N_("Extra prints"), N_("Extra copies"),
		N_("Blank-form batches"), N_("Blank forms")
	};

	return _(heads[m]);
}

/* A grouping's table: LEAD columns naming the row, then the measures. */
static struct report_table *
report_group_table(struct report *r, const char *caption, size_t lead,
    const char *const *lead_head)
{
	const char *head[2 + REPORT__MEASURES];
	unsigned char numeric[2 + REPORT__MEASURES];
	size_t i;

	memset(numeric, 0, sizeof numeric);
	for (i = 0; i < lead; i++)
		head[i] = lead_head[i];
	for (i = 0; i < REPORT__MEASURES; i++) {
		head[lead + i] = report_measure_head((enum report_measure) i);
		numeric[lead + i] = 1;
	}
	return report_table_add(r, caption, lead + REPORT__MEASURES, head,
	    numeric);
}

static void
report_group_row(struct report_table *t, size_t lead,
    const char *const *names, const uint64_t *v, uint64_t *total)
{
	char num[REPORT__MEASURES][24];
	const char *cells[2 + REPORT__MEASURES];
	size_t i;

	for (i = 0; i < lead; i++)
		cells[i] = names[i];
	for (i = 0; i < REPORT__MEASURES; i++) {
		snprintf(num[i], sizeof num[i], "%llu", (unsigned long long)
		    v[i]);
		cells[lead + i] = num[i];
		if (total != NULL)
			total[i] += v[i];
	}
	report_row_add(t, cells);
}

static void
report_total_row(struct report_table *t, size_t lead, const uint64_t *total)
{
	const char *names[2] = { _("Total"), "" };

	report_group_row(t, lead, names, total, NULL);
	t->total = 1;
}

static const uint64_t *
report_values(struct report_sum *sum, enum report_group g, uint64_t key)
{
	static const uint64_t zero[REPORT__MEASURES];
	size_t i;

	for (i = 0; i < sum->nrows[g]; i++)
		if (sum->rows[g][i].key == key)
			return sum->rows[g][i].v;
	return zero;
}

static void
report_by_seal(struct report *r, struct report_sum *sum)
{
	const char *head[2] = { _("Seal"), _("Seal name") };
	const char *names[2];
	uint64_t total[REPORT__MEASURES];
	const uint64_t *v;
	struct report_table *t;
	size_t i;

	memset(total, 0, sizeof total);
	t = report_group_table(r, _("By seal"), 2, head);
	for (i = 0; i < sum->docs.nseals; i++) {
		names[0] = sum->docs.seals[i].regno;
		names[1] = sum->docs.seals[i].name;
		report_group_row(t, 2, names, report_values(sum,
		    REPORT_BY_SEAL, sum->docs.seals[i].id), total);
	}
	v = report_values(sum, REPORT_BY_SEAL, 0);
	for (i = 0; i < REPORT__MEASURES && v[i] == 0; i++)
		continue;
	if (i < REPORT__MEASURES) {
		names[0] = _("(not sealed)");
		names[1] = "";
		report_group_row(t, 2, names, v, total);
	}
	report_total_row(t, 2, total);
}

static int
report_row_cmp(const void *a, const void *b)
{
	const struct report_row *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static void
report_by_dept(struct report *r, struct report_sum *sum)
{
	const char *head[1] = { _("Department") };
	uint64_t total[REPORT__MEASURES];
	struct report_row *rows = sum->rows[REPORT_BY_DEPT];
	struct report_table *t;
	const char *name;
	size_t i;

	memset(total, 0, sizeof total);
	if (sum->nrows[REPORT_BY_DEPT] > 1)
		qsort(rows, sum->nrows[REPORT_BY_DEPT], sizeof *rows,
		    report_row_cmp);
	t = report_group_table(r, _("By department"), 1, head);
	for (i = 0; i < sum->nrows[REPORT_BY_DEPT]; i++) {
		name = report_docs_dept(&sum->docs, rows[i].key);
		report_group_row(t, 1, &name, rows[i].v, total);
	}
	report_total_row(t, 1, total);
}

static void
report_by_kind(struct report *r, struct report_sum *sum)
{
	const char *head[1] = { _("Kind of document") };
	uint64_t total[REPORT__MEASURES];
	struct report_table *t;
	const uint64_t *v;
	const char *name;
	size_t k, i;

	memset(total, 0, sizeof total);
	t = report_group_table(r, _("By kind of document"), 1, head);
	for (k = 0; k < DOC__KIND_COUNT; k++) {
		v = report_values(sum, REPORT_BY_KIND, k);
		for (i = 0; i < REPORT__MEASURES && v[i] == 0; i++)
			continue;
		if (!doc_kind_sealable((enum doc_kind) k) &&
		    i == REPORT__MEASURES)
			continue;
		name = doc_kind_label((enum doc_kind) k);
		report_group_row(t, 1, &name, v, total);
	}
	report_total_row(t, 1, total);
}

static void
report_daily(struct report *r, struct report_sum *sum)
{
	const char *head[3] = { _("Date"), report_measure_head(REPORT_SEALED),
		report_measure_head(REPORT_COPIES) };
	static const unsigned char numeric[3] = { 0, 1, 1 };
	char day[20], n1[24], n2[24];
	const char *cells[3] = { day, n1, n2 };
	uint64_t sealed = 0, copies = 0;
	struct report_table *t;
	size_t i;

	t = report_table_add(r, _("Daily volume"), 3, head, numeric);
	t->daily = 1;
	for (i = 0; i < sum->ndays; i++) {
		report_date_text(sum->days[i].start, day, sizeof day);
		snprintf(n1, sizeof n1, "%llu",
		    (unsigned long long) sum->days[i].sealed);
		snprintf(n2, sizeof n2, "%llu",
		    (unsigned long long) sum->days[i].copies);
		sealed += sum->days[i].sealed;
		copies += sum->days[i].copies;
		report_row_add(t, cells);
	}
	snprintf(day, sizeof day, "%s", _("Total"));
	snprintf(n1, sizeof n1, "%llu", (unsigned long long) sealed);
	snprintf(n2, sizeof n2, "%llu", (unsigned long long) copies);
	report_row_add(t, cells);
	t->total = 1;
}

/* -- The summary ----------------------------------------------------------- */

static void
report_sum_free(struct report_sum *sum)
{
	size_t g;

	report_docs_free(&sum->docs);
	for (g = 0; g < REPORT__GROUPS; g++)
		free(sum->rows[g]);
	report_events_free(&sum->events);
	free(sum->sealed_docs);
	free(sum->days);
}

static enum status
report_summary_build(struct store_txn *txn, const struct rec_user *actor,
    void *arg, struct report *r)
{
	struct report_sum sum;
	enum status rc;
	int done = 0;

	(void) actor;
	(void) arg;
	memset(&sum, 0, sizeof sum);
	sum.p = &r->period;
	report_days_init(&sum);
	if ((rc = report_docs_init(&sum.docs, txn)) != STATUS_OK ||
	    (rc = report_from_totals(txn, &sum, &done)) != STATUS_OK)
		goto out;
	if (!done && ((rc = report_collect(txn, &sum)) != STATUS_OK ||
	    (rc = report_sealings(&sum)) != STATUS_OK ||
	    (rc = report_count(&sum)) != STATUS_OK))
		goto out;

	report_by_seal(r, &sum);
	report_by_dept(r, &sum);
	report_by_kind(r, &sum);
	report_daily(r, &sum);
	r->days = sum.days;
	r->ndays = sum.ndays;
	sum.days = NULL;
out:
	report_sum_free(&sum);
	return rc;
}

enum status
report_summary(struct session *s, const struct report_period *p,
    struct report *out)
{
	return report_run(s, ACT_REPORT, REPORT_SUMMARY,
	    _("Summary of electronic sealing and online printing"), p,
	    report_summary_build, NULL, out);
}
