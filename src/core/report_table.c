/*
 * report_table.c -- what every report has in common: its period, its
 * tables of text cells, its heading, the text form, and running it as
 * one audited transaction.
 *
 * Cells are plain one-line text, sanitized when added, so every form
 * (screen, text, CSV, PDF) can print them as they are.  Nothing here
 * counts anything: report.c and register.c fill the tables.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/audit.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/report_private.h"

/* -- Periods --------------------------------------------------------------- */

/* Local midnight of Y-M-D (D may run past the month's end); the date
 * is normalised into *TM. */
static int64_t
report_midnight(int y, int m, int d, struct tm *tm)
{
	memset(tm, 0, sizeof *tm);
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_isdst = -1;
	return (int64_t) mktime(tm);
}

/* "YYYY-MM-DD" into Y, M, D; 0 unless it names a real day. */
static int
report_date_parse(const char *s, int *y, int *m, int *d)
{
	struct tm tm;
	char tail;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", y, m, d,
	    &tail) != 3 || s[4] != '-' || s[7] != '-')
		return 0;
	if (*y < 1970 || *y > 9999 || *m < 1 || *m > 12 || *d < 1)
		return 0;
	report_midnight(*y, *m, *d, &tm);
	return tm.tm_mday == *d && tm.tm_mon == *m - 1;
}

size_t
report_period_ndays(const struct report_period *p)
{
	/* Rounded: a day with a clock change is 23 or 25 hours long. */
	return (size_t) ((p->to - p->from + 1 + 43200) / 86400);
}

enum status
report_period_days(const char *first, const char *last,
    struct report_period *p)
{
	int y1, m1, d1, y2, m2, d2;
	struct tm tm;

	memset(p, 0, sizeof *p);
	if (first == NULL || last == NULL ||
	    !report_date_parse(first, &y1, &m1, &d1) ||
	    !report_date_parse(last, &y2, &m2, &d2))
		return STATUS_REPORT_PERIOD;
	p->from = report_midnight(y1, m1, d1, &tm);
	p->to = report_midnight(y2, m2, d2 + 1, &tm) - 1;
	if (p->from < 0 || p->to < p->from ||
	    report_period_ndays(p) > REPORT_DAYS_MAX) {
		memset(p, 0, sizeof *p);
		return STATUS_REPORT_PERIOD;
	}
	memcpy(p->first, first, 10);
	memcpy(p->last, last, 10);
	return STATUS_OK;
}

/* The last day of month M of year Y, as "YYYY-MM-DD". */
static void
report_month_end(int y, int m, char *out, size_t size)
{
	struct tm tm;

	report_midnight(y, m + 1, 0, &tm);
	strftime(out, size, "%Y-%m-%d", &tm);
}

/* Months FIRST_M to LAST_M of year Y. */
static enum status
report_period_months(int y, int first_m, int last_m, struct report_period *p)
{
	char first[24], last[24];
	struct tm tm;

	report_midnight(y, first_m, 1, &tm);
	strftime(first, sizeof first, "%Y-%m-%d", &tm);
	report_month_end(y, last_m, last, sizeof last);
	return report_period_days(first, last, p);
}

enum status
report_period_parse(const char *text, struct report_period *p)
{
	const char *dots;
	char first[11];
	int y, n;
	char tail;

	memset(p, 0, sizeof *p);
	if (text == NULL)
		return STATUS_REPORT_PERIOD;
	if ((dots = strstr(text, "..")) != NULL) {
		if (dots - text != 10)
			return STATUS_REPORT_PERIOD;
		memcpy(first, text, 10);
		first[10] = '\0';
		return report_period_days(first, dots + 2, p);
	}
	if (strlen(text) == 10)
		return report_period_days(text, text, p);
	if (strlen(text) == 7 && sscanf(text, "%4d-Q%1d%c", &y, &n,
	    &tail) == 2 && n >= 1 && n <= 4)
		return report_period_months(y, 3 * n - 2, 3 * n, p);
	if (strlen(text) == 7 && text[4] == '-' && sscanf(text, "%4d-%2d%c",
	    &y, &n, &tail) == 2 && n >= 1 && n <= 12)
		return report_period_months(y, n, n, p);
	if (strlen(text) == 4 && sscanf(text, "%4d%c", &y, &tail) == 1)
		return report_period_months(y, 1, 12, p);
	return STATUS_REPORT_PERIOD;
}

/* -- Tables ---------------------------------------------------------------- */

struct report_table *
report_table_add(struct report *r, const char *caption, size_t ncols,
    const char *const *head, const unsigned char *numeric)
{
	struct report_table *t;
	size_t i;

	r->tables = xrealloc(r->tables, (r->ntables + 1) * sizeof *r->tables);
	t = &r->tables[r->ntables++];
	memset(t, 0, sizeof *t);
	t->caption = xstrdup(caption);
	t->ncols = ncols;
	t->head = xcalloc(ncols, sizeof *t->head);
	t->numeric = xcalloc(ncols, 1);
	for (i = 0; i < ncols; i++) {
		t->head[i] = xstrdup(head[i]);
		t->numeric[i] = numeric != NULL ? numeric[i] : 0;
	}
	return t;
}

void
report_row_add(struct report_table *t, const char *const *cells)
{
	size_t i, base = t->nrows * t->ncols;
	const char *c;

	t->cells = xrealloc(t->cells, (base + t->ncols) * sizeof *t->cells);
	for (i = 0; i < t->ncols; i++) {
		c = cells[i] != NULL ? cells[i] : "";
		t->cells[base + i] = text_sanitize(c, strlen(c), 0);
	}
	t->nrows++;
}

const char *
report_cell(const struct report_table *t, size_t row, size_t col)
{
	if (row >= t->nrows || col >= t->ncols)
		return "";
	return t->cells[row * t->ncols + col];
}

size_t
report_col_width(const struct report_table *t, size_t col)
{
	size_t w, row;

	if (col >= t->ncols)
		return 0;
	w = text_width(t->head[col]);
	for (row = 0; row < t->nrows; row++)
		if (text_width(report_cell(t, row, col)) > w)
			w = text_width(report_cell(t, row, col));
	return w;
}

int
report_row_is_total(const struct report_table *t, size_t row)
{
	return t->total && t->nrows > 0 && row == t->nrows - 1;
}

size_t
report_find_row(const struct report_table *t, const char *key)
{
	size_t row;

	for (row = 0; row < t->nrows; row++)
		if (strcmp(report_cell(t, row, 0), key) == 0)
			return row;
	return (size_t) -1;
}

const char *
report_time_text(int64_t t, char *buf, size_t size)
{
	struct tm tm;
	time_t tt = (time_t) t;

	if (t == 0 || localtime_r(&tt, &tm) == NULL)
		buf[0] = '\0';
	else
		strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
	return buf;
}

const char *
report_date_text(int64_t t, char *buf, size_t size)
{
	struct tm tm;
	time_t tt = (time_t) t;

	if (t == 0 || localtime_r(&tt, &tm) == NULL)
		buf[0] = '\0';
	else
		strftime(buf, size, "%Y-%m-%d", &tm);
	return buf;
}

static void
report_table_free(struct report_table *t)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		free(t->head[i]);
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->head);
	free(t->numeric);
	free(t->cells);
	free(t->caption);
}

void
report_free(struct report *r)
{
	size_t i;

	for (i = 0; i < r->ntables; i++)
		report_table_free(&r->tables[i]);
	free(r->tables);
	free(r->title);
	free(r->bureau);
	free(r->generated_by);
	free(r->days);
	memset(r, 0, sizeof *r);
}

const char *
report_kind_name(enum report_kind kind)
{
	switch (kind) {
	case REPORT_SUMMARY:
		return "summary";
	case REPORT_REGISTERS:
		return "registers";
	default:
		return "accounts";
	}
}

/* -- The text form --------------------------------------------------------- */

static void
report_line(struct buf *out, const char *s)
{
	buf_add(out, s, strlen(s));
	buf_add(out, "\n", 1);
}

/* CELL padded with spaces to WIDTH display columns, left or right. */
static void
report_text_cell(struct buf *out, const char *cell, size_t width, int right)
{
	size_t w = text_width(cell);

	for (; right && w < width; w++)
		buf_add(out, " ", 1);
	buf_add(out, cell, strlen(cell));
	for (; !right && w < width; w++)
		buf_add(out, " ", 1);
}

static void
report_text_row(struct buf *out, const struct report_table *t,
    const size_t *width, const char *const *cells)
{
	size_t c;

	for (c = 0; c < t->ncols; c++) {
		if (c > 0)
			buf_add(out, "  ", 2);
		report_text_cell(out, cells[c], c + 1 == t->ncols &&
		    !t->numeric[c] ? 0 : width[c], t->numeric[c]);
	}
	buf_add(out, "\n", 1);
}

static void
report_text_rule(struct buf *out, const struct report_table *t,
    const size_t *width)
{
	size_t c, i, n = 0;

	for (c = 0; c < t->ncols; c++)
		n += width[c] + (c > 0 ? 2 : 0);
	for (i = 0; i < n; i++)
		buf_add(out, "-", 1);
	buf_add(out, "\n", 1);
}

static void
report_text_table(struct buf *out, const struct report_table *t)
{
	size_t *width = xcalloc(t->ncols ? t->ncols : 1, sizeof *width);
	size_t row, c;

	for (c = 0; c < t->ncols; c++)
		width[c] = report_col_width(t, c);
	buf_add(out, "\n", 1);
	report_line(out, t->caption);
	report_text_row(out, t, width, (const char *const *) t->head);
	report_text_rule(out, t, width);
	for (row = 0; row < t->nrows; row++) {
		if (report_row_is_total(t, row))
			report_text_rule(out, t, width);
		report_text_row(out, t, width, (const char *const *)
		    &t->cells[row * t->ncols]);
	}
	if (t->nrows == 0)
		report_line(out, _("(none in this period)"));
	free(width);
}

char *
report_heading_line(const struct report *r, unsigned i)
{
	char when[20];

	switch (i) {
	case 0:
		return xasprintf(_("Bureau: %s"), r->bureau);
	case 1:
		return xasprintf(_("Period: %s to %s"), r->period.first,
		    r->period.last);
	case 2:
		return xasprintf(_("Generated by %s at %s"), r->generated_by,
		    report_time_text(r->generated_at, when, sizeof when));
	default:
		return NULL;
	}
}

void
report_text(const struct report *r, struct buf *out)
{
	unsigned i;
	char *line;

	report_line(out, r->title);
	for (i = 0; (line = report_heading_line(r, i)) != NULL; i++) {
		report_line(out, line);
		free(line);
	}
	for (i = 0; i < r->ntables; i++)
		report_text_table(out, &r->tables[i]);
}

/* -- Running --------------------------------------------------------------- */

struct report_op {
	struct session		*s;
	enum action		 act;
	enum report_kind	 kind;
	const char		*title;
	const struct report_period *p;
	report_build_fn		 fn;
	void			*arg;
	struct report		*out;
	char			*what;
};

static enum status
report_heading(struct store_txn *txn, const struct rec_user *actor,
    struct report_op *op)
{
	struct report *r = op->out;
	enum status rc;

	r->kind = op->kind;
	r->title = xstrdup(op->title);
	r->period = *op->p;
	r->generated_at = clock_now();
	if (actor->full_name != NULL && *actor->full_name != '\0')
		r->generated_by = xasprintf("%s (%s)", actor->name,
		    actor->full_name);
	else
		r->generated_by = xstrdup(actor->name);
	rc = policy_meta_get(txn, "bureau", &r->bureau);
	if (rc == STATUS_NOT_FOUND) {
		r->bureau = xstrdup("");
		rc = STATUS_OK;
	}
	return rc;
}

static enum status
report_txn(struct store_txn *txn, void *arg)
{
	struct report_op *op = arg;
	struct rec_user actor;
	enum status rc;

	/* The transaction may run again after a deadlock: start clean. */
	report_free(op->out);
	if ((rc = session_authorize(txn, op->s, op->act, &actor)) != STATUS_OK)
		return rc;
	if ((rc = report_heading(txn, &actor, op)) == STATUS_OK)
		rc = op->fn(txn, &actor, op->arg, op->out);
	if (rc == STATUS_OK)
		rc = audit_append(txn, &actor, perm_acting_role(&actor,
		    op->act), op->act, REC_META, 0, AUDIT_OK, op->what);
	rec_free(REC_USER, &actor);
	return rc;
}

enum status
report_run(struct session *s, enum action act, enum report_kind kind,
    const char *title, const struct report_period *p, report_build_fn fn,
    void *arg, struct report *out)
{
	struct report_op op = { s, act, kind, title, p, fn, arg, out, NULL };
	enum status rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return STATUS_DENIED;
	op.what = xasprintf("%s %s..%s", report_kind_name(kind), p->first,
	    p->last);
	rc = store_run(s->store, STORE_WRITE, report_txn, &op);
	if (rc != STATUS_OK) {
		report_free(out);
		session_audit_failure(s, act, REC_META, 0, rc, op.what);
	}
	free(op.what);
	return rc;
}
