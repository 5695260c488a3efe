/*
 * report_daysum.c -- the summary's daily totals: for each local day,
 * seal, department and kind of document, the summary's columns, kept in
 * the store (store_daysum_*) in the transaction of every write that
 * changes them, so that a period's summary reads its days' totals
 * instead of every document changed since the period began.
 *
 * A total is what report.c would count: the events of a document are
 * computed by the same functions (report_doc_events) before and after
 * each write of a record they come from (the store's observer), and the
 * difference is added to the totals of the days it falls on.  So the
 * totals are exact whatever act wrote, and a write that changes nothing
 * counted (most moves of a document) writes no total.  A day is the
 * writer's local day; a reader whose days differ (another time zone)
 * reads the events instead.  The upgrade to schema 6 and a summary of a
 * workspace whose totals are stale compute them all again; check
 * compares them with the records.  Nothing here decides what a column
 * counts: report.c does.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_private.h"

/* A daily total holds one number per column of the summary. */
typedef char report_daysum_fits[STORE_DAYSUM_VALUES == REPORT__MEASURES ?
    1 : -1];

/* Rows of totals, or of differences (negative numbers wrap). */
struct daysum_list {
	struct store_daysum	*r;
	size_t			 n;
	size_t			 cap;
	int64_t			 day;	/* the last day seen ... */
	int64_t			 end;	/* ... and its end */
};

/* The write the observer saw before it was made: the rows it changes
 * (LOCAL), or the documents whose events are read again after it. */
static struct {
	int			 active;
	int			 local;
	uint64_t		 doc[2];
	struct daysum_list	 before;
} daysum_pending;

static void
daysum_list_free(struct daysum_list *l)
{
	free(l->r);
	memset(l, 0, sizeof *l);
}

static struct store_daysum *
daysum_list_add(struct daysum_list *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 16 : 2 * l->cap;
		l->r = xrealloc(l->r, l->cap * sizeof *l->r);
	}
	memset(&l->r[l->n], 0, sizeof l->r[l->n]);
	return &l->r[l->n++];
}

static int
daysum_cmp(const void *a, const void *b)
{
	const struct store_daysum *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->seal_id != y->seal_id)
		return x->seal_id < y->seal_id ? -1 : 1;
	if (x->dept_id != y->dept_id)
		return x->dept_id < y->dept_id ? -1 : 1;
	return (int) x->kind - (int) y->kind;
}

static int
daysum_is_zero(const struct store_daysum *r)
{
	size_t i;

	for (i = 0; i < STORE_DAYSUM_VALUES; i++)
		if (r->v[i] != 0)
			return 0;
	return 1;
}

/* Sort L by key, add up the rows of one key and drop the zero ones. */
static void
daysum_list_merge(struct daysum_list *l)
{
	size_t i, n = 0, k;

	if (l->n > 1)
		qsort(l->r, l->n, sizeof *l->r, daysum_cmp);
	for (i = 0; i < l->n; i++) {
		if (n > 0 && daysum_cmp(&l->r[n - 1], &l->r[i]) == 0) {
			for (k = 0; k < STORE_DAYSUM_VALUES; k++)
				l->r[n - 1].v[k] += l->r[i].v[k];
			continue;
		}
		l->r[n++] = l->r[i];
	}
	l->n = 0;
	for (i = 0; i < n; i++)
		if (!daysum_is_zero(&l->r[i]))
			l->r[l->n++] = l->r[i];
}

/* The local day T falls on: the same days report_period_days() gives. */
static void
daysum_day_of(struct daysum_list *l, int64_t t, int64_t *day, int64_t *end)
{
	struct report_period one;
	char text[20];

	if (l->end > l->day && t >= l->day && t < l->end) {
		*day = l->day;
		*end = l->end;
		return;
	}
	report_date_text(t, text, sizeof text);
	if (report_period_days(text, text, &one) != STATUS_OK ||
	    t < one.from || t > one.to) {
		/* No local day (time 0): a day of its own, which no
		 * reader's period matches, so the reader counts events. */
		*day = t;
		*end = t + 1;
		return;
	}
	*day = l->day = one.from;
	*end = l->end = one.to + 1;
}

/* Events EV of document D as rows of L, negated when NEG. */
static void
daysum_rows(const struct report_doc *d, const struct report_events *ev,
    int neg, struct daysum_list *l)
{
	struct store_daysum *r;
	size_t i;

	for (i = 0; i < ev->nev; i++) {
		r = daysum_list_add(l);
		daysum_day_of(l, ev->ev[i].time, &r->day, &r->end);
		r->seal_id = report_event_seal(d, &ev->ev[i]);
		r->dept_id = d->dept_id;
		r->kind = d->kind;
		r->v[ev->ev[i].m] = neg ? 0 - ev->ev[i].value :
		    ev->ev[i].value;
		if (ev->ev[i].value2 != 0)
			r->v[ev->ev[i].m + 1] = neg ? 0 - ev->ev[i].value2 :
			    ev->ev[i].value2;
	}
}

/* Document ID's events as rows of L, negated when NEG. */
static enum status
daysum_doc(struct report_docs *c, uint64_t id, int neg, struct daysum_list *l)
{
	struct report_events ev = { NULL, 0 };
	const struct report_doc *d;
	enum status rc;

	rc = report_doc_events(c, id, &ev);
	if (rc == STATUS_NOT_FOUND)
		rc = STATUS_OK;	/* no document yet: nothing counted */
	else if (rc == STATUS_OK &&
	    (rc = report_docs_get(c, id, &d)) == STATUS_OK)
		daysum_rows(d, &ev, neg, l);
	report_events_free(&ev);
	return rc;
}

/*
 * What writing OLD as NEW (a print job, approval, application or recall)
 * changes: its own events, counted as they are now less as they were.
 * Its document and versions are the same before and after the write, so
 * the rest of the document's events are not read.
 */
static enum status
daysum_record(struct store_txn *txn, enum rec_kind kind, const void *old,
    const void *new_, uint64_t doc, struct daysum_list *l)
{
	struct report_events was = { NULL, 0 }, is = { NULL, 0 };
	const struct report_doc *d;
	struct report_docs c;
	enum status rc;

	report_record_events(kind, old, &was);
	report_record_events(kind, new_, &is);
	if (was.nev + is.nev == 0 || doc == 0)
		rc = STATUS_OK;
	else if ((rc = report_docs_init(&c, txn)) == STATUS_OK) {
		rc = report_docs_get(&c, doc, &d);
		if (rc == STATUS_NOT_FOUND)
			rc = STATUS_OK;
		else if (rc == STATUS_OK) {
			daysum_rows(d, &was, 1, l);
			daysum_rows(d, &is, 0, l);
		}
		report_docs_free(&c);
	}
	report_events_free(&was);
	report_events_free(&is);
	return rc;
}

/* The events of the documents DOC[0..1] (0: none) into L. */
static enum status
daysum_docs(struct store_txn *txn, const uint64_t doc[2], int neg,
    struct daysum_list *l)
{
	struct report_docs c;
	enum status rc;
	size_t i;

	if ((rc = report_docs_init(&c, txn)) != STATUS_OK)
		goto out;
	for (i = 0; i < 2 && rc == STATUS_OK; i++)
		if (doc[i] != 0 && (i == 0 || doc[1] != doc[0]))
			rc = daysum_doc(&c, doc[i], neg, l);
out:
	report_docs_free(&c);
	return rc;
}

/* Add the rows of L to the stored totals. */
static enum status
daysum_apply(struct store_txn *txn, const struct daysum_list *l)
{
	struct store_daysum s;
	enum status rc;
	size_t i, k;

	for (i = 0; i < l->n; i++) {
		s = l->r[i];
		if ((rc = store_daysum_get(txn, &s)) != STATUS_OK)
			return rc;
		for (k = 0; k < STORE_DAYSUM_VALUES; k++)
			s.v[k] += l->r[i].v[k];
		s.end = l->r[i].end;
		if ((rc = store_daysum_put(txn, &s)) != STATUS_OK)
			return rc;
	}
	return STATUS_OK;
}

/* -- The observer ---------------------------------------------------------- */

/* The document a record of KIND belongs to. */
static uint64_t
daysum_doc_of(enum rec_kind kind, const void *rec)
{
	if (rec == NULL)
		return 0;
	switch (kind) {
	case REC_DOC:
		return ((const struct rec_doc *) rec)->id;
	case REC_VERSION:
		return ((const struct rec_version *) rec)->doc_id;
	case REC_PRINTJOB:
		return ((const struct rec_printjob *) rec)->doc_id;
	case REC_APPROVAL:
		return ((const struct rec_approval *) rec)->doc_id;
	case REC_RECALL:
		return ((const struct rec_recall *) rec)->doc_id;
	case REC_APPLICATION:
		return ((const struct rec_application *) rec)->doc_id;
	default:
		return 0;
	}
}

/* Can REC (of KIND, or NULL) count in the summary by itself or change
 * how its document's events count?  Most writes cannot: approvals that
 * are not rejections, print jobs not done, a document's move. */
static int
daysum_counts(enum rec_kind kind, const void *rec)
{
	const struct rec_printjob *j = rec;
	const struct rec_approval *a = rec;
	const struct rec_application *app = rec;
	const struct rec_version *v = rec;

	if (rec == NULL)
		return 0;
	switch (kind) {
	case REC_VERSION:
		return v->signature.len > 0;
	case REC_PRINTJOB:
		return j->outcome == PRINT_DONE && j->count > 0;
	case REC_APPROVAL:
		return a->action == APPROVAL_REJECT;
	case REC_APPLICATION:
		return app->kind == APP_REPRINT ||
		    app->kind == APP_EXTRA_PRINT || app->kind == APP_BATCH;
	default:
		return 1;
	}
}

/* Does the write of OLD as NEW change what the summary counts? */
static int
daysum_relevant(enum rec_kind kind, const void *old, const void *new_)
{
	const struct rec_doc *a = old, *b = new_;
	const struct rec_version *v = old, *w = new_;

	if (kind == REC_DOC)
		return a == NULL || b == NULL || a->dept_id != b->dept_id ||
		    a->kind != b->kind ||
		    a->sealed_version != b->sealed_version;
	if (kind == REC_VERSION && v != NULL && w != NULL)
		return v->signature.len != w->signature.len ||
		    (v->signature.len > 0 && memcmp(v->signature.data,
		    w->signature.data, v->signature.len) != 0);
	return daysum_counts(kind, old) || daysum_counts(kind, new_);
}

static enum status
daysum_before(struct store_txn *txn, enum rec_kind kind, const void *old,
    const void *new_)
{
	int stale;
	enum status rc;

	daysum_pending.active = 0;
	daysum_list_free(&daysum_pending.before);
	if (!daysum_relevant(kind, old, new_))
		return STATUS_OK;
	if ((rc = store_daysum_stale(txn, &stale)) != STATUS_OK || stale)
		return rc;
	daysum_pending.doc[0] = daysum_doc_of(kind, old);
	daysum_pending.doc[1] = daysum_doc_of(kind, new_);
	daysum_pending.local = kind != REC_DOC && kind != REC_VERSION &&
	    daysum_pending.doc[0] == daysum_pending.doc[1];
	if (daysum_pending.local)
		rc = daysum_record(txn, kind, old, new_,
		    daysum_pending.doc[1], &daysum_pending.before);
	else
		rc = daysum_docs(txn, daysum_pending.doc, 1,
		    &daysum_pending.before);
	if (rc == STATUS_OK)
		daysum_pending.active = 1;
	return rc;
}

static enum status
daysum_after(struct store_txn *txn)
{
	struct daysum_list *l = &daysum_pending.before;
	enum status rc;

	if (!daysum_pending.active)
		return STATUS_OK;
	daysum_pending.active = 0;
	rc = daysum_pending.local ? STATUS_OK :
	    daysum_docs(txn, daysum_pending.doc, 0, l);
	if (rc == STATUS_OK) {
		daysum_list_merge(l);
		rc = daysum_apply(txn, l);
	}
	daysum_list_free(l);
	return rc;
}

static enum status
report_daysum_observe(struct store_txn *txn, enum rec_kind kind,
    const void *old, const void *new_, int after)
{
	if (after)
		return daysum_after(txn);
	return daysum_before(txn, kind, old, new_);
}

/* -- Every document -------------------------------------------------------- */

struct daysum_ids {
	uint64_t	*id;
	size_t		 n;
};

static int
daysum_id_each(uint64_t id, void *arg)
{
	struct daysum_ids *ids = arg;

	ids->id = xrealloc(ids->id, (ids->n + 1) * sizeof *ids->id);
	ids->id[ids->n++] = id;
	return 0;
}

/* The totals of every document of the workspace, computed into L. */
static enum status
daysum_compute(struct store_txn *txn, struct daysum_list *l)
{
	struct store_range all = { 0, { 0, 0, 0 }, 0, UINT64_MAX };
	struct daysum_ids ids = { NULL, 0 };
	struct report_docs c;
	enum status rc;
	size_t i;

	if ((rc = store_scan_keys(txn, IDX_DOC_UPDATED, &all,
	    daysum_id_each, &ids)) != STATUS_OK ||
	    (rc = report_docs_init(&c, txn)) != STATUS_OK)
		goto out;
	for (i = 0; i < ids.n && rc == STATUS_OK; i++) {
		rc = daysum_doc(&c, ids.id[i], 0, l);
		report_docs_drop(&c);
		if (l->n > 65536)
			daysum_list_merge(l);
	}
	daysum_list_merge(l);
	report_docs_free(&c);
out:
	free(ids.id);
	return rc;
}

static enum status
report_daysum_rebuild(struct store_txn *txn)
{
	struct daysum_list l;
	enum status rc;

	memset(&l, 0, sizeof l);
	if ((rc = daysum_compute(txn, &l)) == STATUS_OK &&
	    (rc = store_daysum_reset(txn, 0)) == STATUS_OK)
		rc = daysum_apply(txn, &l);
	if (rc == STATUS_OK)
		log_info("report: computed %zu daily totals", l.n);
	daysum_list_free(&l);
	return rc;
}

void
report_daysum_attach(void)
{
	store_observe(report_daysum_observe, report_daysum_rebuild);
}

/* -- Reading --------------------------------------------------------------- */

static int daysum_bypassed;
static unsigned long daysum_reads;

void
report_daysum_bypass(int on)
{
	daysum_bypassed = on;
}

unsigned long
report_daysum_reads(void)
{
	return daysum_reads;
}

struct daysum_read {
	const struct report_day	*days;
	size_t			 ndays;
	int64_t			 to;
	struct daysum_list	 rows;
	int			 usable;
};

/* A stored day that meets the period must be one of its days. */
static int
daysum_read_each(const struct store_daysum *s, void *arg)
{
	struct daysum_read *r = arg;
	size_t lo = 0, hi = r->ndays, mid;
	int64_t end;

	if (s->end <= r->days[0].start)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->days[mid].start < s->day)
			lo = mid + 1;
		else
			hi = mid;
	}
	end = lo + 1 < r->ndays ? r->days[lo + 1].start : r->to + 1;
	if (lo == r->ndays || r->days[lo].start != s->day || s->end != end) {
		r->usable = 0;
		return 1;
	}
	*daysum_list_add(&r->rows) = *s;
	return 0;
}

enum status
report_daysum_read(struct store_txn *txn, const struct report_day *days,
    size_t ndays, int64_t to, struct store_daysum **rows, size_t *nrows,
    int *usable)
{
	struct daysum_read r;
	enum status rc;
	int stale;

	*rows = NULL;
	*nrows = 0;
	*usable = 0;
	if (ndays == 0 || daysum_bypassed)
		return STATUS_OK;
	if ((rc = store_daysum_stale(txn, &stale)) != STATUS_OK)
		return rc;

	/* Totals left stale by a program without the core: computed again
	 * here, once, in the summary's own transaction. */
	if (stale && (rc = report_daysum_rebuild(txn)) != STATUS_OK)
		return rc;

	memset(&r, 0, sizeof r);
	r.days = days;
	r.ndays = ndays;
	r.to = to;
	r.usable = 1;
	/* A day is at most 25 hours: one starting two days before the
	 * period may still meet it. */
	rc = store_daysum_scan(txn, days[0].start - 2 * 86400, to,
	    daysum_read_each, &r);
	if (rc == STATUS_OK && r.usable) {
		*rows = r.rows.r;
		*nrows = r.rows.n;
		*usable = 1;
		daysum_reads++;
		return STATUS_OK;
	}
	daysum_list_free(&r.rows);
	return rc;
}

/* -- Checking -------------------------------------------------------------- */

struct daysum_check {
	const struct daysum_list *want;	/* the records', in key order */
	size_t			 i;
	report_daysum_report_fn	 report;
	void			*arg;
	unsigned		 faults;
};

static void
daysum_values_text(const struct store_daysum *s, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < STORE_DAYSUM_VALUES && s != NULL && n < size; i++)
		n += (size_t) snprintf(buf + n, size - n, "%s%llu",
		    i > 0 ? "/" : "", (unsigned long long) s->v[i]);
	if (s == NULL)
		snprintf(buf, size, "%s", _("nothing"));
}

/* One disagreement: STORED or WANT may be NULL, not both. */
static void
daysum_fault(struct daysum_check *k, const struct store_daysum *stored,
    const struct store_daysum *want)
{
	const struct store_daysum *s = stored != NULL ? stored : want;
	char day[20], a[256], b[256], *msg;

	report_date_text(s->day, day, sizeof day);
	daysum_values_text(stored, a, sizeof a);
	daysum_values_text(want, b, sizeof b);
	msg = xasprintf(_("summary totals of %s (seal %llu, department %llu, "
	    "kind %u) disagree with the records: stored %s, the records "
	    "give %s"), day, (unsigned long long) s->seal_id,
	    (unsigned long long) s->dept_id, (unsigned) s->kind, a, b);
	k->report(msg, k->arg);
	free(msg);
	k->faults++;
}

static int
daysum_check_each(const struct store_daysum *s, void *arg)
{
	struct daysum_check *k = arg;
	const struct store_daysum *w;
	int c;

	while (k->i < k->want->n &&
	    daysum_cmp(&k->want->r[k->i], s) < 0)
		daysum_fault(k, NULL, &k->want->r[k->i++]);
	w = k->i < k->want->n ? &k->want->r[k->i] : NULL;
	c = w != NULL ? daysum_cmp(w, s) : 1;
	if (c != 0) {
		daysum_fault(k, s, NULL);
		return 0;
	}
	k->i++;
	if (w->end != s->end || memcmp(w->v, s->v, sizeof w->v) != 0)
		daysum_fault(k, s, w);
	return 0;
}

static int
daysum_collect_each(const struct store_daysum *s, void *arg)
{
	*daysum_list_add(arg) = *s;
	return 0;
}

/* Whether every row of L lies on one of this program's local days: rows
 * kept by a program in another time zone do not, and the records, which
 * check counts in this zone, can then only be compared over all days. */
static int
daysum_list_local(const struct daysum_list *l)
{
	struct daysum_list cache;
	int64_t day, end;
	size_t i;

	memset(&cache, 0, sizeof cache);
	for (i = 0; i < l->n; i++) {
		daysum_day_of(&cache, l->r[i].day, &day, &end);
		if (day != l->r[i].day || end != l->r[i].end)
			return 0;
	}
	return 1;
}

/* L added up over all days: one row per seal, department and kind. */
static void
daysum_list_fold(struct daysum_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		l->r[i].day = l->r[i].end = 0;
	daysum_list_merge(l);
}

/* One disagreement over all days: STORED or WANT may be NULL. */
static void
daysum_fold_fault(struct daysum_check *k, const struct store_daysum *stored,
    const struct store_daysum *want)
{
	const struct store_daysum *s = stored != NULL ? stored : want;
	char a[256], b[256], *msg;

	daysum_values_text(stored, a, sizeof a);
	daysum_values_text(want, b, sizeof b);
	msg = xasprintf(_("summary totals of all days (seal %llu, department "
	    "%llu, kind %u) disagree with the records: stored %s, the records "
	    "give %s"), (unsigned long long) s->seal_id,
	    (unsigned long long) s->dept_id, (unsigned) s->kind, a, b);
	k->report(msg, k->arg);
	free(msg);
	k->faults++;
}

/* Compare the folded lists HAVE and WANT, both in key order. */
static void
daysum_check_folded(struct daysum_check *k, const struct daysum_list *have,
    const struct daysum_list *want)
{
	size_t i = 0, j = 0;
	int c;

	while (i < have->n || j < want->n) {
		c = i == have->n ? 1 : j == want->n ? -1 :
		    daysum_cmp(&have->r[i], &want->r[j]);
		if (c < 0)
			daysum_fold_fault(k, &have->r[i++], NULL);
		else if (c > 0)
			daysum_fold_fault(k, NULL, &want->r[j++]);
		else if (memcmp(have->r[i].v, want->r[j].v,
		    sizeof have->r[i].v) != 0)
			daysum_fold_fault(k, &have->r[i++], &want->r[j++]);
		else
			i++, j++;
	}
}

static enum status
daysum_check_txn(struct store_txn *txn, void *arg)
{
	struct daysum_check *k = arg;
	struct daysum_list want, have;
	enum status rc;
	size_t i;
	int stale;

	memset(&want, 0, sizeof want);
	memset(&have, 0, sizeof have);
	if ((rc = store_daysum_stale(txn, &stale)) != STATUS_OK)
		return rc;
	if (stale) {
		log_info("report: the daily totals are stale; the next "
		    "summary computes them again");
		return STATUS_OK;
	}
	if ((rc = daysum_compute(txn, &want)) != STATUS_OK ||
	    (rc = store_daysum_scan(txn, INT64_MIN, INT64_MAX,
	    daysum_collect_each, &have)) != STATUS_OK)
		goto out;

	if (!daysum_list_local(&have)) {
		log_info("report: daily totals kept in another time zone; "
		    "compared over all days");
		daysum_list_fold(&have);
		daysum_list_fold(&want);
		daysum_check_folded(k, &have, &want);
		goto out;
	}

	k->want = &want;
	k->i = 0;
	for (i = 0; i < have.n; i++)
		daysum_check_each(&have.r[i], k);
	while (k->i < want.n)
		daysum_fault(k, NULL, &want.r[k->i++]);
out:
	daysum_list_free(&want);
	daysum_list_free(&have);
	return rc;
}

enum status
report_daysum_check(struct store *st, report_daysum_report_fn report,
    void *arg, unsigned *faults)
{
	struct daysum_check k;
	enum status rc;

	memset(&k, 0, sizeof k);
	k.report = report;
	k.arg = arg;
	rc = store_run(st, STORE_READ, daysum_check_txn, &k);
	*faults += k.faults;
	return rc;
}
