/*
 * report_private.h -- what the report files share (report.c,
 * report_table.c, register.c, report_csv.c, report_docs.c,
 * report_daysum.c): building tables, running a report as one audited
 * transaction, the cache of documents and seals the summary and
 * registers look events up in, a document's events, and the daily
 * totals.
 * Everything else goes through report.h.
 */
#ifndef ESEAL_CORE_REPORT_PRIVATE_H
#define ESEAL_CORE_REPORT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/action.h"
#include "core/report.h"
#include "store/store.h"

/* -- Tables (report_table.c) ----------------------------------------------- */

/* A new table at the end of R's (the pointer lasts until the next one):
 * NCOLS headings, translated by the caller; NUMERIC may be NULL. */
struct report_table *report_table_add(struct report *r, const char *caption,
    size_t ncols, const char *const *head, const unsigned char *numeric);

/* Append a row of T->ncols cells (copied; NULL reads as ""). */
void report_row_add(struct report_table *t, const char *const *cells);

/* Times as the tables print them, local: "YYYY-MM-DD HH:MM" and
 * "YYYY-MM-DD"; "" for 0.  BUF holds at least 20 bytes. */
const char *report_time_text(int64_t t, char *buf, size_t size);
const char *report_date_text(int64_t t, char *buf, size_t size);

/* -- Running a report ----------------------------------------------------- */

/* Fills R's tables inside TXN for ACTOR, after the heading is set. */
typedef enum status (*report_build_fn)(struct store_txn *txn,
    const struct rec_user *actor, void *arg, struct report *r);

/*
 * One report as one write transaction: session_authorize(S, ACT), the
 * heading of OUT (KIND, TITLE, period P, bureau, who and when), FN, and
 * an audit entry for ACT saying WHAT, all together; a refusal or failure
 * is audited on its own.  OUT is emptied first and on failure.
 */
enum status report_run(struct session *s, enum action act,
    enum report_kind kind, const char *title, const struct report_period *p,
    report_build_fn fn, void *arg, struct report *out);

/* -- Documents, versions, seals and users (report_docs.c) ------------------ */

/* What an event needs to know about one version of its document. */
struct report_version {
	uint32_t	 number;
	int64_t		 sealed_at;	/* the signing time; 0: not sealed */
	uint64_t	 seal_id;	/* the seal that signed it, or 0 */
};

struct report_doc {
	uint64_t		 id;
	uint64_t		 dept_id;
	uint8_t			 kind;
	uint8_t			 classification;
	uint32_t		 sealed_version;
	char			*title;
	char			*number;	/* 发文字号, "" when none */
	struct report_version	*versions;	/* 1 .. the current one */
	size_t			 nversions;
};

struct report_seal {
	uint64_t	 id;
	char		*regno;
	char		*name;
};

/* The cache, sorted by id; filled as events ask. */
struct report_docs {
	struct store_txn	*txn;
	struct report_doc	*docs;
	size_t			 ndocs;
	struct report_seal	*seals;		/* the register, by regno */
	size_t			 nseals;
	struct { uint64_t id; char *name; } *users;
	size_t			 nusers;
	struct { uint64_t id; char *name; } *depts;
	size_t			 ndepts;
};

/* Start the cache in TXN, reading the seal register. */
enum status report_docs_init(struct report_docs *c, struct store_txn *txn);
void report_docs_free(struct report_docs *c);

/* The document ID and its versions (the pointer lasts until the next
 * call). */
enum status report_docs_get(struct report_docs *c, uint64_t id,
    const struct report_doc **doc);

/* The seal on version NUMBER of D, or 0. */
uint64_t report_doc_seal_of(const struct report_doc *d, uint32_t number);

/* The seal of the newest version of D signed at or before T, or 0. */
uint64_t report_doc_seal_at(const struct report_doc *d, int64_t t);

/* The register's entry for seal ID, or NULL. */
const struct report_seal *report_docs_seal(const struct report_docs *c,
    uint64_t id);

/* A user's login name and a department's name ("-" when unknown). */
const char *report_docs_user(struct report_docs *c, uint64_t id);
const char *report_docs_dept(struct report_docs *c, uint64_t id);

/* The document's title for a reader of clearance CLEARANCE: its title,
 * or its classification's label when above the reader's. */
const char *report_doc_title(const struct report_doc *d, uint8_t clearance);

/* Forget the documents read so far, keeping the rest (a walk of every
 * document keeps one at a time). */
void report_docs_drop(struct report_docs *c);

/* -- Events of the summary (report.c) -------------------------------------- */

/* One counted event: M (and M + 1 by VALUE2) of one document. */
struct report_event {
	enum report_measure	 m;
	uint64_t		 doc_id;
	uint32_t		 version;	/* the version, or 0 */
	int			 sealed_version; /* a batch: its sealed one */
	int64_t			 time;
	uint64_t		 value;		/* added to M */
	uint64_t		 value2;	/* added to M + 1 */
};

struct report_events {
	struct report_event	*ev;
	size_t			 nev;
};

void report_events_free(struct report_events *l);

/* Every event of document ID at any time, appended to OUT (through C's
 * transaction); STATUS_NOT_FOUND when there is no such document. */
enum status report_doc_events(struct report_docs *c, uint64_t id,
    struct report_events *out);

/* The events REC (a print job, approval, application or recall) gives
 * by itself, appended to OUT; none for other kinds or NULL. */
void report_record_events(enum rec_kind kind, const void *rec,
    struct report_events *out);

/* The seal event E of document D counts under (0: "(not sealed)"). */
uint64_t report_event_seal(const struct report_doc *d,
    const struct report_event *e);

/* -- The daily totals (report_daysum.c) ------------------------------------ */

/*
 * The totals of the NDAYS days DAYS (the last ending after TO) into
 * *ROWS (free() them), and *USABLE non-zero, when the totals follow the
 * records and every stored day that meets the period is one of DAYS;
 * else *USABLE is 0 and the caller reads the events themselves.
 */
enum status report_daysum_read(struct store_txn *txn,
    const struct report_day *days, size_t ndays, int64_t to,
    struct store_daysum **rows, size_t *nrows, int *usable);

/* For tests: ON makes every summary count the events themselves (the
 * reference the totals are compared with); and how many summaries this
 * process read from the totals. */
void report_daysum_bypass(int on);
unsigned long report_daysum_reads(void);

#endif
