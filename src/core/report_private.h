/*
 * report_private.h -- what the report files share (report.c,
 * report_table.c, register.c, report_csv.c, report_docs.c): building
 * tables, running a report as one audited transaction, and the cache of
 * documents and seals the summary and registers look events up in.
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

#endif
