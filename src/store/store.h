/*
 * store.h -- facade of the storage layer: a workspace is one transactional
 * Berkeley DB environment directory holding every record (records.h).
 *
 * Nothing above this layer sees a Berkeley DB type or error code.  Every
 * read and write happens inside store_run(), which retries the whole
 * transaction on deadlock or lock timeout, recovers the environment when a
 * crashed process left it needing recovery, and commits durably before it
 * returns STATUS_OK: when the caller tells the user "done", it is on disk.
 */
#ifndef ESEAL_STORE_H
#define ESEAL_STORE_H

#include <stdint.h>

#include "store/records.h"
#include "util/util.h"

struct store;		/* an open workspace */
struct store_txn;	/* one transaction inside store_run() */

/* The schema this program writes; opening a newer one is refused. */
#define STORE_SCHEMA_VERSION	12

enum store_open_flags {
	STORE_CREATE	= 1 << 0,	/* create the workspace if missing */
	STORE_RDONLY	= 1 << 1,	/* check, dump: never write */
	STORE_SALVAGE	= 1 << 2,	/* open despite damaged files; their
					 * kinds answer STATUS_CORRUPT */
	STORE_FILES	= 1 << 3	/* with STORE_RDONLY, for store_backup:
					 * the environment and control.db
					 * only, at any schema up to this
					 * program's (never upgraded) */
};

/*
 * Open the workspace in directory HOME.  Missing directory (without
 * STORE_CREATE) → STATUS_NO_WORKSPACE; unreadable → STATUS_PERM_FS; a newer
 * schema → STATUS_SCHEMA_NEWER; damaged files → STATUS_CORRUPT.
 * STORE_CREATE makes a workspace only in a new or empty directory
 * (STATUS_DIR_NOT_EMPTY); a read-only file system → STATUS_READ_ONLY.  An
 * older schema is upgraded here (STATUS_SCHEMA_OLDER with STORE_RDONLY).
 * A process opens a workspace once at a time (STATUS_INVALID otherwise:
 * Berkeley DB registers each process once), uses it from one thread, and
 * a child forked meanwhile opens its own.
 */
enum status store_open(const char *home, unsigned flags, struct store **out);
void store_close(struct store *st);
const char *store_home(const struct store *st);

/* The size of the shared cache of ST's workspace as the library reports
 * it (the size asked for and the library's overhead), and the size this
 * program makes new regions with (an older one's are remade on open). */
uint64_t store_cache_bytes(const struct store *st);
uint64_t store_cache_setting(void);

/* The workspace directory when none is given: $ESEAL_HOME, else
 * $XDG_DATA_HOME/eseal, else ~/.local/share/eseal, else /var/lib/eseal.
 * Both programs use this one rule.  The caller frees the result. */
char *store_default_home(void);

enum store_mode { STORE_READ, STORE_WRITE };

typedef enum status (*store_txn_fn)(struct store_txn *txn, void *arg);

/*
 * Run FN in a transaction.  FN must only touch the store through TXN and
 * must be safe to run again (it is re-run from the start after a
 * deadlock): keep side effects (printing, files) out of it.  When FN
 * returns STATUS_OK the transaction commits durably; any other status
 * aborts it and is returned unchanged.
 *
 * Transactions of all processes take turns (a workspace lock, env.c says
 * why), so keep FN short; after 30 s of waiting for another process,
 * STATUS_BUSY.  No nesting (STATUS_INVALID).  When the commit itself fails
 * (STATUS_NO_SPACE, STATUS_RECOVER ...) it is not retried, and the
 * transaction may or may not have reached the disk.
 */
enum status store_run(struct store *st, enum store_mode mode,
    store_txn_fn fn, void *arg);

/*
 * Run FN, which makes many store_run() calls (a bulk load through the
 * core's calls), as one transaction: each of those runs in a nested
 * transaction that commits into the batch, and the batch commits durably
 * when FN returns STATUS_OK.  An act that fails inside is rolled back
 * alone and FN sees its status, as outside a batch.  If FN fails, or a
 * Berkeley DB error dooms the batch (the acts after it get that status
 * too), nothing of the batch is kept and the status is returned; a batch
 * is never retried.  The workspace lock and the check for dead processes
 * are taken once for the whole batch, so other processes wait for it:
 * keep batches to a few hundred acts, and never hold one across user
 * input.  No nesting, and not inside store_run (STATUS_INVALID).
 */
typedef enum status (*store_batch_fn)(void *arg);
enum status store_batch(struct store *st, store_batch_fn fn, void *arg);

/* -- Records ------------------------------------------------------------ */

/* Insert or replace REC (a struct rec_KIND).  If rec->id is 0 the next id
 * of that kind is assigned and written back into REC. */
enum status store_put(struct store_txn *txn, enum rec_kind kind, void *rec);

/* Read the record ID of KIND into REC (zeroed first; rec_free() after). */
enum status store_get(struct store_txn *txn, enum rec_kind kind,
    uint64_t id, void *rec);

/* Delete a record (and its index entries). */
enum status store_del(struct store_txn *txn, enum rec_kind kind, uint64_t id);

/* The last id assigned for KIND (0 when none): for "the newest" lookups. */
enum status store_last_id(struct store_txn *txn, enum rec_kind kind,
    uint64_t *id);

/* -- Secondary indexes -------------------------------------------------- */

/*
 * Each index orders records of one kind by a key made of the fields named
 * here, then the id.  Keys compare as big-endian integers and raw UTF-8,
 * so a range over the leading fields selects exactly the matching records.
 */
enum store_index {
	IDX_META_KEY,		/* meta: key (unique) */
	IDX_USER_NAME,		/* user: name (unique) */
	IDX_SEAL_REGNO,		/* seal: regno (unique) */
	IDX_PRINTER_NAME,	/* printer: name (unique) */
	IDX_MEDIUM_UUID,	/* medium: uuid (unique) */
	IDX_DOC_STATE,		/* doc: state, urgency desc, updated */
	IDX_DOC_DRAFTER,	/* doc: drafter_id, updated */
	IDX_DOC_UPDATED,	/* doc: updated */
	IDX_VERSION_DOC,	/* version: doc_id, number */
	IDX_APPROVAL_DOC,	/* approval: doc_id, time */
	IDX_APPLICATION_STATE,	/* application: state, kind, created */
	IDX_PRINTJOB_TIME,	/* printjob: time */
	IDX_PRINTJOB_DOC,	/* printjob: doc_id, time */
	IDX_RECALL_DOC,		/* recall: doc_id, copy_no */
	IDX_CUSTODY_SEAL,	/* custody: seal_id, created */
	IDX_GRANT_USER,		/* grant: user_id, seal_id */
	/* Period reports (Art. 11): each event of a period, by its time. */
	IDX_APPROVAL_ACTION,	/* approval: action, time */
	IDX_RECALL_RECALLED,	/* recall: recalled_at */
	IDX_RECALL_DESTROYED,	/* recall: destroyed_at (0 until destroyed) */
	IDX_APPLICATION_KIND,	/* application: kind, created */
	IDX_DOC_GRAM,		/* doc: character grams of title and number
				 * (STORE_GRAM), many entries a document */
	IDX_APPLICATION_DOC,	/* application: doc_id, created (schema 3) */
	IDX_DOC_STEP,		/* doc: waits_for, urgency desc, updated
				 * (schema 5; counted per step) */
	IDX_DOC_OWN_STEP,	/* doc: drafter_id, waits_for (schema 5) */
	IDX_DOC_ACTED1,		/* doc: acted1, waits_for (schema 5) */
	IDX_DOC_ACTED2,		/* doc: acted2, waits_for (schema 5) */
	IDX_DOC_ACTED3,		/* doc: acted3, waits_for (schema 5) */
	IDX__COUNT
};

/*
 * IDX_DOC_STEP's first field, rec_doc.waits_for: what decides who may act
 * on a document in approval, apart from the people themselves -- its
 * kind, whether it has a special number, whether its current version asks
 * for the leader in charge (a "leader-in-charge: yes" line in its
 * fields), and its step (rec_doc.approval_level, below 4).  0 for a
 * document not in approval.  The chain those inputs give is the core's
 * business, read from the current settings; the store only files the
 * document under them.
 */
#define STORE_DOC_STEP(kind, special, leader, level) \
	((uint8_t) (1u + (unsigned) (kind) * 16u + ((special) ? 8u : 0u) + \
	    ((leader) ? 4u : 0u) + ((unsigned) (level) & 3u)))
#define STORE_DOC_STEP_MAX	(1u + DOC__KIND_COUNT * 16u)

/* Look a record up by a unique string index (user name, seal regno ...). */
enum status store_get_by_name(struct store_txn *txn, enum store_index idx,
    const char *name, void *rec);

/*
 * A range over an index: the records whose leading key fields equal
 * PREFIX[0..nprefix-1] and whose next field lies in [lo, hi] (inclusive;
 * use 0 and UINT64_MAX for "any").  Numeric fields only; string-keyed
 * indexes are looked up with store_get_by_name.
 */
struct store_range {
	unsigned	 nprefix;
	uint64_t	 prefix[3];
	uint64_t	 lo;
	uint64_t	 hi;
};

/* Called per record in key order (or reverse); REC is freed after the
 * call returns, so copy what you keep.  Return non-zero to stop. */
typedef int (*store_each_fn)(const void *rec, void *arg);

enum status store_scan(struct store_txn *txn, enum store_index idx,
    const struct store_range *range, int reverse, store_each_fn fn,
    void *arg);

/*
 * IDX_DOC_GRAM's first key field: a document has one entry for each pair
 * of adjacent characters (STORE_GRAM(c1, c2)) of its title and of its
 * number as docnum_format() writes it (the prefix, the year in 〔〕, the
 * sequence and 号), by Unicode code point, and one for the last
 * character of each (STORE_GRAM(c, 0)); never a pair across title and
 * number.  So the range STORE_GRAM(c, 0) to STORE_GRAM(c, UINT32_MAX)
 * holds every document with the character c.
 */
#define STORE_GRAM(c1, c2)	(((uint64_t) (c1) << 32) | (uint32_t) (c2))

/*
 * The search index as posting lists (schema 7): for each gram, the
 * documents holding it in ascending id order, each with its
 * classification and the positions where the gram stands, each
 * STORE_POS(field, n): the Nth character (a byte that is not UTF-8
 * counts as one) of the title (STORE_FIELD_TITLE) or of the number
 * (STORE_FIELD_NUMBER).  A text of characters c0 c1 ... ck stands in a
 * field exactly where STORE_GRAM(ci, ci+1) stands at position p + 2i.
 */
#define STORE_FIELD_TITLE	0u
#define STORE_FIELD_NUMBER	1u
#define STORE_POS(field, n)	((uint32_t) (n) * 2u + (field))

struct store_posting {
	uint64_t	 gram;
	uint64_t	 id;
	uint8_t		 classification;
	uint32_t	 npos;
	const uint32_t	*pos;		/* ascending; lives during the call */
};

/* Called per entry; return non-zero to stop. */
typedef int (*store_posting_fn)(const struct store_posting *p, void *arg);

/* The entries of the grams LO to HI (inclusive), by gram, then id
 * ascending, without reading any document. */
enum status store_postings(struct store_txn *txn, uint64_t lo, uint64_t hi,
    store_posting_fn fn, void *arg);

/*
 * One gram's list read by seeking (postings_seek.c), a chunk at a time:
 * a search walks its rarest list down and looks the others up only at
 * the ids found there.  Close it before the transaction ends.
 */
struct store_plist;
enum status store_plist_open(struct store_txn *txn, uint64_t gram,
    struct store_plist **out);
/* An estimate of the list's length, as its share of the index (0 to 1,
 * one descent of the tree): to read the rarest list first. */
double store_plist_share(const struct store_plist *l);
/* The entry with the greatest id at or below ID into *P (its positions
 * live until the next call on L): STATUS_NOT_FOUND when there is none.
 * Cheapest when each call's ID is below the one before. */
enum status store_plist_seek(struct store_plist *l, uint64_t id,
    struct store_posting *p);
void store_plist_close(struct store_plist *l);
/* The first gram from *GRAM to HI that has a list, into *GRAM:
 * STATUS_NOT_FOUND when there is none (one descent of the tree). */
enum status store_plist_next_gram(struct store_txn *txn, uint64_t *gram,
    uint64_t hi);

/* Called per entry of a range with the id it points to, in key order,
 * the record not read.  Return non-zero to stop. */
typedef int (*store_id_fn)(uint64_t id, void *arg);

/* The ids of the entries in RANGE, without reading any record.  On
 * IDX_DOC_GRAM a range is a gram (PREFIX[0]) and its ids from LO to HI,
 * or with no prefix the grams from LO to HI. */
enum status store_scan_keys(struct store_txn *txn, enum store_index idx,
    const struct store_range *range, store_id_fn fn, void *arg);

/* Count the records in RANGE without decoding them.  A whole state of
 * IDX_DOC_STATE (nprefix 1, lo 0, hi UINT64_MAX) is one read of the
 * count kept with the index (schema 4), however many documents wait. */
enum status store_count(struct store_txn *txn, enum store_index idx,
    const struct store_range *range, uint64_t *count);

/*
 * The audit entries whose time lies in LO..HI (inclusive), in sequence
 * order, to FN until it returns non-zero.  Only the blocks of entries
 * whose times meet the range are read (audtime.c): with the clock in
 * order, the range's entries and those of the blocks at its edges.
 */
enum status store_audit_scan_time(struct store_txn *txn, int64_t lo,
    int64_t hi, store_each_fn fn, void *arg);

/* Every record of KIND in id order: for check, dump and backup only. */
enum status store_scan_all(struct store_txn *txn, enum rec_kind kind,
    store_each_fn fn, void *arg);

/* The records of KIND whose id is FIRST or above, in id order: lets a
 * long listing (dump) go in batches of short transactions. */
enum status store_scan_ids(struct store_txn *txn, enum rec_kind kind,
    uint64_t first, store_each_fn fn, void *arg);

/* -- Daily totals (daysum.c) ------------------------------------------- */

/*
 * One row of the daily totals: the day starting at DAY (ending before
 * END), a seal, a department and a kind of document, and
 * STORE_DAYSUM_VALUES numbers whose meaning is the core's (the
 * summary's columns).  All-zero rows are not kept.
 */
#define STORE_DAYSUM_VALUES	10
struct store_daysum {
	int64_t		 day;
	uint64_t	 seal_id;
	uint64_t	 dept_id;
	uint8_t		 kind;
	int64_t		 end;
	uint64_t	 v[STORE_DAYSUM_VALUES];
};

/* Read the row with S's day, seal, department and kind into S (zeros
 * when there is none). */
enum status store_daysum_get(struct store_txn *txn, struct store_daysum *s);

/* Write S's row (all zeros: remove it). */
enum status store_daysum_put(struct store_txn *txn,
    const struct store_daysum *s);

/* The rows of the days LO to HI in day order; non-zero from FN stops. */
typedef int (*store_daysum_fn)(const struct store_daysum *s, void *arg);
enum status store_daysum_scan(struct store_txn *txn, int64_t lo, int64_t hi,
    store_daysum_fn fn, void *arg);

/* *STALE: non-zero when the totals do not follow the records. */
enum status store_daysum_stale(struct store_txn *txn, int *stale);

/* Remove every row, and mark the totals stale or not. */
enum status store_daysum_reset(struct store_txn *txn, int stale);

/*
 * The core's side of the totals: OBSERVE is called by store_put and
 * store_del before (AFTER 0) and after (AFTER 1) each write of a
 * document, version, print job, approval, recall or application, with
 * the record as it was (OLD, NULL for a new one) and as written (NEW,
 * NULL when deleted), in the writing transaction; REBUILD computes every
 * row again (the upgrade to schema 6).  Without an observer such a write
 * marks the totals stale.
 */
typedef enum status (*store_observe_fn)(struct store_txn *txn,
    enum rec_kind kind, const void *old, const void *new_, int after);
typedef enum status (*store_rebuild_fn)(struct store_txn *txn);
void store_observe(store_observe_fn observe, store_rebuild_fn rebuild);

/* -- Workspace maintenance --------------------------------------------- */

/* The workspace's folder of files kept beside the database (the sealed
 * originals, print layer): a backup carries it, a restore puts it back. */
#define STORE_KEPT_DIR		"originals"

/* Hot backup of a live workspace into DIR (created; must be empty):
 * STATUS_DIR_NOT_EMPTY when it holds files, STATUS_BACKUP_NOT_DIR when
 * it exists and is not a folder.  ST may be opened with STORE_FILES, so
 * that a workspace of an older schema is backed up as it is, before its
 * upgrade. */
enum status store_backup(struct store *st, const char *dir);

/* Restore the backup in DIR into HOME; refuses a live workspace at HOME
 * (STATUS_WORKSPACE_LIVE) unless FORCE. */
enum status store_restore(const char *dir, const char *home, int force);

/*
 * Give the workspace's half-empty pages back to the file system: every
 * .db file compacted PASSES times (two give back about a third more than
 * one: the second moves the pages at the end onto those the first
 * freed), a bounded part at a time, each part in the library's own short
 * transactions under the workspace lock, so that clerks go on working
 * meanwhile and a kill loses nothing.  REPORT (may be NULL) is told each
 * file's sizes.  Returns the first failure; STATUS_BUSY when the
 * workspace stayed busy, and the files after it are not compacted.
 */
struct store_compacted {
	const char	*file;		/* "doc.db" */
	uint64_t	 before;	/* bytes */
	uint64_t	 after;
	unsigned long	 pages;		/* given back to the file system */
	enum status	 status;	/* how this file's compaction ended */
};
typedef void (*store_compact_fn)(const struct store_compacted *c, void *arg);
enum status store_compact(struct store *st, unsigned passes,
    store_compact_fn report, void *arg);

/* Verify every database file and the record invariants (indexes match
 * records, ids below the sequences, role sets valid); each fault is
 * reported through REPORT. */
typedef void (*store_report_fn)(const char *what, void *arg);
enum status store_check(const char *home, store_report_fn report, void *arg,
    unsigned *faults);

/* The schema version stored in the workspace. */
enum status store_schema_version(struct store *st, unsigned *version);

/* Text of one record for dump, one "field: value" per line. */
char *rec_format(enum rec_kind kind, const void *rec);
const char *rec_kind_name(enum rec_kind kind);

/* The kind named NAME ("user", "doc" ...): non-zero when found. */
int rec_kind_from_name(const char *name, enum rec_kind *kind);

#endif
