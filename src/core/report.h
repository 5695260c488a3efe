/*
 * report.h -- the summary of sealing and printing
 * (电子印章签章和在线打印情况汇总表, Art. 11) and the registers the office
 * archives with it, for a period, as tables; and their text and CSV
 * forms.  The PDF is drawn from the same struct report by the render
 * layer (render.h, report_pdf); writing a report to removable media is
 * export.h's.
 *
 * Every figure comes from the records of the period, found through the
 * store's time indexes, or from the daily totals kept from the same
 * records (report_daysum.c); nothing reads the whole history.  What each
 * column of the summary counts (an event belongs to the period by its
 * own time):
 *
 *   sealed          sealings: a version signed with a seal (a reprint's
 *                   new sealing counts again), by the signing time
 *   copies          copies printed, by the print job's time
 *   rejects         rejections (退签) by the clerk or the print room
 *   reprints        reprint applications made
 *   recalled        printed copies recorded recalled, by recall time
 *   destroyed       recalled copies recorded destroyed, by that time
 *   extra prints    extra-print applications made and approved, and
 *   extra copies    the copies they added
 *   batches         blank-form batch applications made (not denied or
 *   forms           cancelled), and the forms they ask for
 *
 * Each event is counted once in every grouping: by seal, by department
 * (the document's) and by document kind.  The seal of an event is the
 * one whose signature is on the version concerned (for an application,
 * the version sealed when it was made; for a batch, its sealed version);
 * events with no seal yet go to the row "(not sealed)".  The totals row
 * is the sum of the rows above it, the same in every grouping.
 */
#ifndef ESEAL_CORE_REPORT_H
#define ESEAL_CORE_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"
#include "util/util.h"

/* -- The period ------------------------------------------------------------ */

/* Whole days in local time: FROM is the first day's midnight, TO the
 * last second of the last day. */
struct report_period {
	int64_t		 from;
	int64_t		 to;		/* inclusive */
	char		 first[11];	/* "YYYY-MM-DD" */
	char		 last[11];
};

/* The longest period, in days (ten years). */
#define REPORT_DAYS_MAX		3660

/* From day FIRST to day LAST ("YYYY-MM-DD", inclusive).
 * STATUS_REPORT_PERIOD for a bad date, LAST before FIRST or a period
 * longer than REPORT_DAYS_MAX. */
enum status report_period_days(const char *first, const char *last,
    struct report_period *p);

/* "2026-01" a month, "2026-Q1" a quarter, "2026" a year, "2026-01-05"
 * one day, "2026-01-05..2026-02-10" a range. */
enum status report_period_parse(const char *text, struct report_period *p);

/* The number of days in P. */
size_t report_period_ndays(const struct report_period *p);

/* -- Tables: what every form of a report shows ----------------------------- */

/*
 * One table: a caption, column headings, rows of text cells.  The
 * screen shows it scrolling with the headings and the totals row fixed;
 * the text, CSV and PDF forms print it whole.
 */
struct report_table {
	char		 *caption;
	size_t		  ncols;
	char		**head;		/* NCOLS headings */
	unsigned char	 *numeric;	/* per column: numbers, right-aligned */
	size_t		  nrows;
	char		**cells;	/* NROWS * NCOLS, row after row */
	int		  total;	/* the last row is the totals row */
	int		  daily;	/* the daily volume: the PDF draws it
					 * as its chart instead */
};

/* The cell at ROW, COL ("" outside the table). */
const char *report_cell(const struct report_table *t, size_t row,
    size_t col);

/* The widest cell of COL, heading included, in display columns. */
size_t report_col_width(const struct report_table *t, size_t col);

/* Non-zero when ROW is the totals row (kept in view by the screen). */
int report_row_is_total(const struct report_table *t, size_t row);

/* The first row whose cell in column 0 is KEY, or (size_t) -1. */
size_t report_find_row(const struct report_table *t, const char *key);

/* -- Reports --------------------------------------------------------------- */

enum report_kind {
	REPORT_SUMMARY,		/* the summary, with its daily volume */
	REPORT_REGISTERS,	/* seals, custody, ..., rejects */
	REPORT_ACCOUNTS		/* accounts: the security administrator's */
};

/* One day of the summary's chart. */
struct report_day {
	int64_t		 start;		/* local midnight */
	uint64_t	 sealed;
	uint64_t	 copies;
};

struct report {
	enum report_kind	 kind;
	char			*title;
	char			*bureau;
	struct report_period	 period;
	char			*generated_by;	/* "login (full name)" */
	int64_t			 generated_at;
	struct report_table	*tables;
	size_t			 ntables;
	struct report_day	*days;		/* the summary's; else NULL */
	size_t			 ndays;
};

/* The summary's columns, in order after the row's name. */
enum report_measure {
	REPORT_SEALED, REPORT_COPIES, REPORT_REJECTS, REPORT_REPRINTS,
	REPORT_RECALLED, REPORT_DESTROYED, REPORT_EXTRA, REPORT_EXTRA_COPIES,
	REPORT_BATCHES, REPORT_FORMS, REPORT__MEASURES
};

/* The summary's tables, in order. */
enum report_group { REPORT_BY_SEAL, REPORT_BY_DEPT, REPORT_BY_KIND,
	REPORT__GROUPS };

/*
 * The summary of period P for session S (ACT_REPORT: the clerk or the
 * office director), into OUT (report_free after, also on failure).  Its
 * tables are the REPORT__GROUPS groupings, in order, each with a totals
 * row, and a table of the daily volume.  Every seal in the register has
 * a row, as has every kind of document that may be e-sealed;
 * departments have one when they had activity.  Audited.
 */
enum status report_summary(struct session *s, const struct report_period *p,
    struct report *out);

/*
 * The summary's daily totals (report_daysum.c), kept by the store's
 * observer in the transaction of every write they come from.  Call
 * report_daysum_attach() before opening a workspace for writing: it
 * registers the observer and the rebuild the upgrade to schema 6 runs
 * (idempotent; a session attaches it too).
 */
void report_daysum_attach(void);

/* Compare the stored totals of workspace ST with the records, reporting
 * each disagreement through REPORT and counting it in *FAULTS. */
typedef void (*report_daysum_report_fn)(const char *what, void *arg);
enum status report_daysum_check(struct store *st,
    report_daysum_report_fn report, void *arg, unsigned *faults);

/* The registers, as bits of WHICH. */
enum report_register {
	REGISTER_SEALS		= 1 << 0,	/* seals with custody history */
	REGISTER_CUSTODY	= 1 << 1,	/* proxy custody, handovers */
	REGISTER_STANDALONE	= 1 << 2,	/* standalone seals (Art. 14) */
	REGISTER_RECALLS	= 1 << 3,	/* recalled, destroyed copies */
	REGISTER_REJECTS	= 1 << 4	/* rejections with reasons */
};
#define REGISTER_ALL	0x1f

/* The registers in WHICH for period P, one table each in the order
 * above (ACT_REPORT), audited. */
enum status report_registers(struct session *s, const struct report_period *p,
    unsigned which, struct report *out);

/* The register of accounts as of now: password age and expiry, lock and
 * disabled state (ACT_REPORT_ACCOUNTS: the security administrator).
 * Its period is today.  Audited. */
enum status report_accounts(struct session *s, struct report *out);

void report_free(struct report *r);

/* A stable file-name stem for R: "summary", "registers", "accounts". */
const char *report_kind_name(enum report_kind kind);

/* -- Forms ----------------------------------------------------------------- */

/* Line I of the heading under the title (translated): the bureau, the
 * period, who generated the report and when; NULL past the last.  A new
 * string.  Every form prints these same lines. */
char *report_heading_line(const struct report *r, unsigned i);

/* R as text for screens and the command line: the heading lines, then
 * each table with its columns aligned by display width.  Appended. */
void report_text(const struct report *r, struct buf *out);

enum report_csv_encoding {
	REPORT_CSV_UTF8,	/* UTF-8 */
	REPORT_CSV_UTF8_BOM,	/* UTF-8 opening with a byte-order mark */
	REPORT_CSV_GB18030	/* GB18030, for older office spreadsheets */
};

/*
 * R as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted
 * when they hold a comma, quote or line end), appended to OUT: the
 * heading as "label,value" rows, an empty row, then each table as its
 * caption, its heading row and its rows, tables separated by an empty
 * row.  STATUS_ENCODING when text cannot be put in GB18030.
 */
enum status report_csv(const struct report *r, enum report_csv_encoding enc,
    struct buf *out);

#endif
