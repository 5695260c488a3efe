/*
 * store_int.h -- what the files of the storage layer share: the open
 * workspace, the transaction, and the helpers around Berkeley DB.
 *
 * The only header in the program that includes <db.h>; nothing outside
 * src/store (and the store's own tests) may include it.
 */
#ifndef ESEAL_STORE_INT_H
#define ESEAL_STORE_INT_H

#include <stdint.h>
#include <sys/types.h>

#include <db.h>

#include "store/codec.h"
#include "store/store.h"

/* Files of a workspace besides the record and index files. */
#define STORE_CONTROL_FILE	"control.db"	/* schema version, sequences */
#define STORE_LOCK_FILE		"eseal.lock"	/* wslock.c */
#define STORE_RESTORING_FILE	"restore-incomplete"	/* backup.c */

/* The page size of index files and control.db: keys of 8 to 40 bytes. */
#define STORE_INDEX_PAGE	4096

/* The workspace lock while held (wslock.c). */
struct wslock {
	int		 fd;		/* -1: not held */
	int		 writable;
	int		 crashed;	/* the previous holder died holding it */
	uint64_t	 gen;		/* the environment's generation */
};

struct store {
	char		*home;
	unsigned	 flags;		/* enum store_open_flags */
	pid_t		 pid;		/* the process that opened it */
	DB_ENV		*env;
	uint64_t	 gen;		/* the generation ENV belongs to */
	DB		*control;
	DB		*kind_db[REC__COUNT];	/* NULL: damaged (salvage) */
	DB		*index_db[IDX__COUNT];
	unsigned char	 kind_damaged[REC__COUNT];	/* salvage: skipped */
	unsigned char	 index_damaged[IDX__COUNT];
	struct wslock	 lock;
	int		 holder_fd;	/* holders.c: open while open, or -1 */
	int		 in_run;	/* inside store_run */
	int		 no_space;	/* the last checkpoint found the disk full */
	unsigned	 schema;	/* as stored */
	DB_TXN		*batch;		/* store_batch(): the acts' parent */
	enum status	 batch_rc;	/* what doomed the batch, or OK */
	int		 upgrade_more;	/* the upgrade step wants another part */
	DB		*prefix_db;	/* prefix.c: the index file made */
};

struct store_txn {
	struct store	*st;
	DB_TXN		*txn;
	enum store_mode	 mode;
	int		 dberr;		/* the Berkeley DB error that doomed it */
};

/* -- env.c: the environment, and Berkeley DB errors --------------------- */

enum status env_open(struct store *st);
int env_locks_short(struct store *st, size_t extra);
void env_close(struct store *st);
/* Checkpoint if enough log was written since the last one (or always);
 * notes a full disk in st->no_space. */
enum status env_checkpoint(struct store *st, int force);
/* Release what killed processes left behind; STATUS_RECOVER when the
 * environment must be reopened with recovery. */
enum status env_failchk(struct store *st);
/* Remove the environment's regions (lock held) so that the next open
 * recovers from the log, and tell every process (the generation). */
void env_remove_regions(struct store *st);
/* Catastrophic recovery of restored files (backup.c). */
enum status env_recover_fatal(const char *home);
/* The status for a Berkeley DB or errno return. */
enum status env_status(int ret);
/* Log WHAT failed with RET and return its status. */
enum status env_fail(int ret, const char *what, const char *file);
/* Send a database handle's messages to the log. */
void env_db_logging(DB *db);

/* -- holders.c: who has the workspace open ------------------------------ */

/* Hold ST's workspace open (a shared lock): STATUS_BUSY during a restore. */
enum status holders_join(struct store *st);
void holders_leave(struct store *st);
/* Make sure nobody has HOME open, and keep it so while *FD (close it
 * after) is open: STATUS_WORKSPACE_OPEN when someone has. */
enum status holders_exclude(const char *home, int *fd);

/* -- regions.c: are the region files whole? (lock held) ---------------- */

/* Non-zero when the region files may be joined: none, or each as large
 * as noted when the environment opened. */
int regions_sound(const struct store *st);
/* Note the region files' sizes (after the environment opened). */
void regions_note(const struct store *st);
/* Allocate every block of the region files (after the environment
 * opened): STATUS_NO_SPACE when the disk cannot hold them. */
enum status regions_reserve(const struct store *st);
/* STATUS_NO_SPACE when the disk is too full for the regions to grow. */
enum status regions_space(const struct store *st);
/* STATUS_NO_SPACE when the regions must be made and the disk cannot
 * hold them (making them there would raise SIGBUS). */
enum status regions_room(const struct store *st);

/* -- prepare.c: before the environment opens (lock held) --------------- */

void store_prepare(struct store *st);

/* -- wslock.c: the workspace lock --------------------------------------- */

enum status wslock_take(const char *home, struct wslock *l);
void wslock_release(struct wslock *l);
/* The regions were removed: every other process must reopen. */
void wslock_bump(struct wslock *l);

/* -- store.c: opening the files ----------------------------------------- */

/* mkdir -p, mode 0700. */
enum status store_mkdir(const char *path);
/* Is HOME a workspace (or may STORE_CREATE make one there)? */
enum status store_check_home(const char *home, unsigned flags,
    int *creating);
/* Non-zero when this process has HOME open. */
int store_open_here(const char *home);
/* Non-zero when DIR is missing or holds nothing of importance. */
int store_dir_empty(const char *dir);

enum status store_open_dbs(struct store *st, int create);
/* Open FILE of ST (inside TXN, or its own transaction when NULL); a file
 * DB_CREATE makes is prefix-compressed when COMPRESS (prefix.c). */
enum status store_open_db(struct store *st, DB_TXN *txn, const char *file,
    u_int32_t pagesize, u_int32_t flags, int compress, DB **out);
void store_close_dbs(struct store *st);
/* With the lock just taken: bring ST's environment in line with the
 * workspace (recover after a crashed holder, reopen after another
 * process recovered, open when not open). */
enum status store_sync(struct store *st);
/* Give up a crashed environment and reopen with recovery (lock held). */
enum status store_reopen(struct store *st);

/* -- Operations within a transaction (record.c, index.c, control.c) ---- */

/* Note a Berkeley DB error on TXN (so store_run retries or recovers) and
 * return its status. */
enum status txn_fail(struct store_txn *t, int ret, const char *what);
/* STATUS_OK when TXN may write (a write transaction, store not read-only). */
enum status txn_writable(struct store_txn *t);
/* The open database of KIND, or STATUS_CORRUPT when it was damaged. */
enum status txn_kind_db(struct store_txn *t, enum rec_kind kind, DB **db);

/* Read and decode record ID of type T into REC (rec_free after). */
enum status record_read(struct store_txn *t, const struct rec_type *type,
    uint64_t id, void *rec, u_int32_t flags);

/* Bring the indexes of KIND from OLD (or NULL) to NEW (or NULL). */
enum status index_update(struct store_txn *t, const struct rec_type *type,
    uint64_t id, const void *old, const void *new_);
/* Empty index IDX and fill it again from its records (upgrade steps). */
enum status index_rebuild(struct store_txn *t, enum store_index idx);
enum status index_rebuild_part(struct store_txn *t, enum store_index idx,
    uint64_t *pos, size_t max, int *done);
int index_seek_after(DBC *c, uint64_t pos, DBT *key, DBT *data);
/* Build the key of index D for REC with id ID into KEY. */
void index_key(const struct index_def *d, const void *rec, uint64_t id,
    struct buf *key);

/* -- counts.c: entries per value of a counted index's first field ------ */

#define COUNTS_VALUES	256	/* a counted index's first field is a byte */
#define COUNTS_SCHEMA	4	/* the first schema that keeps counts */

/* Non-zero when index D's entries are counted. */
int counts_counted(const struct index_def *d);
/* The count of VALUE in counted index D (0 when none). */
enum status counts_read(struct store_txn *t, const struct index_def *d,
    unsigned value, uint64_t *n);
/* Bring D's counts from record OLD (or NULL) to NEW (or NULL). */
enum status counts_update(struct store_txn *t, const struct index_def *d,
    const void *old, const void *new_);
/* Store N as D's count of VALUE (no record when 0). */
enum status counts_write(struct store_txn *t, const struct index_def *d,
    unsigned value, uint64_t n);
/* Count D's entries per value of the first field, walking the index. */
enum status counts_tally(struct store_txn *t, const struct index_def *d,
    uint64_t tally[COUNTS_VALUES]);
/* Compute counted index IDX's counts again from its entries. */
enum status counts_rebuild(struct store_txn *t, enum store_index idx);

/* -- daysum.c: the daily totals (schema 6) ------------------------------ */

/* Tell the core's observer of a write of KIND (store_put, store_del). */
enum status daysum_notify(struct store_txn *t, enum rec_kind kind,
    const void *old, const void *new_, int after);
/* The upgrade to schema 6: the totals computed by the core's rebuild, or
 * marked stale when no core is there. */
enum status daysum_upgrade(struct store_txn *t);

/* -- pack.c: the versions packed (schema 8) ----------------------------- */

/* The first schema whose records may hold packed fields (codec.c): a
 * program pretending to be older writes them plain. */
#define PACK_SCHEMA	8

/* How this program writes strings and blobs (codec.h's CODEC_PLAIN,
 * CODEC_PACK or CODEC_PACK_DICT), from the schema it writes. */
int pack_level(void);

/* Pack a part of the versions after *LAST, moving it on; *DONE after
 * the last. */
enum status pack_versions_part(struct store_txn *t, uint64_t *last,
    int *done);
/* The same for the records of KIND (schema 10: versions and audit
 * entries packed against the dictionaries). */
enum status pack_kind_part(struct store_txn *t, enum rec_kind kind,
    uint64_t *last, int *done);
/* With the workspace lock held, opened for writing: give version.db's
 * and audit.db's free pages back when control.db notes a compaction due
 * (the upgrade steps that pack note one), and drop the note once it is
 * over. */
void pack_compact(struct store *st);

/* -- compact.c: half-empty pages given back ----------------------------- */

/* With the workspace lock held: compact DB (named FILE in the log)
 * PASSES times, a bounded part at a time. */
enum status compact_db(DB *db, const char *file, unsigned passes);

/* -- splice.c: a version's signature without its seal's bytes (schema 9) */

/* The first schema whose versions may refer to their seal's bytes: a
 * program pretending to be older stores signatures whole. */
#define SPLICE_SCHEMA	9

/* Encode REC of TYPE as stored (codec_encode_as, a version's signature
 * with the seal's bytes it holds cut out). */
enum status splice_encode(struct store_txn *t, const struct rec_type *type,
    const void *rec, int pack, struct buf *out);
/* REC of TYPE, just decoded, as readers see it: a version's signature
 * whole again (STATUS_CORRUPT when its references are damaged). */
enum status splice_in(struct store_txn *t, const struct rec_type *type,
    void *rec);
/* Non-zero when seal NEW would change the bytes of seal OLD that
 * versions refer to. */
int splice_seal_changed(const void *old, const void *new);
/* Cut the seals' bytes out of a part of the versions after *LAST,
 * moving it on; *DONE after the last. */
enum status splice_versions_part(struct store_txn *t, uint64_t *last,
    int *done);

/* -- audtime.c: the audit trail's summary by time (schema 11) ---------- */

/* The first schema that keeps the summary (and no audit-by-time.db). */
#define AUDTIME_SCHEMA	11
/* Entries a block of the summary covers: ids B * AUDTIME_BLOCK to
 * (B + 1) * AUDTIME_BLOCK - 1 make block B.  Part of the format.  At
 * 10,000 generated documents (65,000 entries, two workers' clocks a few
 * minutes apart) a day's search read 2,112 entries for 1,623 found with
 * 64, 3,584 with 256; the rows take 0.009 KiB a document. */
#define AUDTIME_BLOCK	64
/* Blocks a group covers (4,096 entries): a search reads every group's
 * row, 1,600 at a million documents, and the blocks of those that meet
 * it.  Part of the format. */
#define AUDTIME_GROUP	64

enum { AUDTIME_BLOCKS, AUDTIME_GROUPS };	/* the levels */

/* One row: the entries of block (or group) BLOCK have times LO..HI. */
struct audtime_block {
	unsigned	 level;
	uint64_t	 block;
	int64_t		 lo;
	int64_t		 hi;
};

/* The first id of row N of LEVEL, and the row of LEVEL holding ID. */
uint64_t audtime_first_id(unsigned level, uint64_t n);
uint64_t audtime_row_of(unsigned level, uint64_t id);

/* Non-zero when T's workspace keeps the summary. */
int audtime_kept(const struct store_txn *t);
/* Entry ID, of time TIME, was written (store_put). */
enum status audtime_put(struct store_txn *t, uint64_t id, int64_t time);
/* Entry ID was deleted (store_del). */
enum status audtime_del(struct store_txn *t, uint64_t id);
enum status audtime_set(struct store_txn *t, const struct audtime_block *b);
typedef int (*audtime_fn)(struct store_txn *t, const struct audtime_block *b,
    void *arg);
/* The rows of LEVEL numbered FIRST to LAST in order to FN until it
 * returns non-zero. */
enum status audtime_walk(struct store_txn *t, unsigned level, uint64_t first,
    uint64_t last, audtime_fn fn, void *arg);
/* The upgrade: the rows of up to MAX entries after *LAST, moving it on;
 * *DONE after the last. */
enum status audtime_build_part(struct store_txn *t, uint64_t *last,
    size_t max, int *done);

/* -- prefix.c: the numeric indexes prefix-compressed (schema 12) ------ */

/* The first schema whose new numeric index files are compressed: a
 * program pretending to be older makes them plain. */
#define PREFIX_SCHEMA	12

/* Non-zero when index D's file is kept compressed (the numeric ones). */
int prefix_wanted(const struct index_def *d);
/* Ask DB, before its open with FLAGS, to compress FILE if the open is to
 * create it (a Berkeley DB error, or 0). */
int prefix_configure(struct store *st, DB *db, const char *file,
    u_int32_t flags);
/* Non-zero when the open DB is compressed. */
int prefix_compressed(DB *db);
/* Close the file a step left half made (store_close_dbs). */
void prefix_close(struct store *st);
/* One part of the upgrade to schema 12: each numeric index's file
 * rewritten compressed, MAX entries a part at most; *DONE at the end. */
enum status prefix_upgrade_part(struct store_txn *t, uint64_t pos[2],
    size_t max, int *done);

/* -- steps.c: a document in approval's step and approvers (schema 5) -- */

/* Set D's waits_for and acted1..3 from D and its versions and approvals
 * (store_put calls it for every document). */
enum status steps_derive(struct store_txn *t, struct rec_doc *d);
/* Put every document in approval again (the upgrade to schema 5). */
enum status steps_refill(struct store_txn *t);

/* -- grams.c, postings.c: the search index (IDX_DOC_GRAM) ------------- */

/* The entries of document REC (grams.c), an in-memory value (never
 * stored): its classification, then each gram once in ascending order
 * with its positions (STORE_POS) ascending.  Two documents with the same
 * value have the same entries, so an unchanged value writes nothing. */
void grams_keys(const void *rec, uint64_t id, struct buf *out);
uint8_t grams_class(const struct buf *e);

struct grams_entry {
	uint64_t		 gram;
	uint32_t		 npos;
	const unsigned char	*pos;	/* read with grams_pos() */
};

/* The next gram of E after *OFF (0 at first): 0 at the end. */
int grams_next(const struct buf *e, size_t *off, struct grams_entry *g);
uint32_t grams_pos(const struct grams_entry *g, size_t i);

/* Bring document ID's entries from OLD to NEW (grams_keys values, or
 * NULL) in the posting lists DB: only the grams that changed. */
enum status postings_apply(struct store_txn *t, DB *db, uint64_t id,
    const struct buf *old, const struct buf *new_);
/* One entry while a chunk is read; POS grows as needed. */
struct postings_entry {
	struct store_posting	 p;
	uint32_t		*pos;
	size_t			 cap;
};

/* A chunk being read: the bytes left and the id before. */
struct postings_cursor {
	const unsigned char	*p;
	const unsigned char	*end;
	uint64_t		 prev;
};

/* The next entry of C into E: 1, or 0 at the end, -1 when malformed. */
int postings_next(struct postings_cursor *c, struct postings_entry *e);
/* Append an entry to a chunk whose last id was *PREV (0: empty). */
void postings_encode(struct buf *out, uint64_t *prev, uint64_t id,
    uint8_t cls, uint32_t npos, const uint32_t *pos);
/* The size past which a chunk is closed or split (store_test can set
 * it small). */
size_t postings_chunk_max(void);
/* Empty DB and fill it from every document in one pass (upgrades). */
enum status postings_rebuild_part(struct store_txn *t, DB *db, DB *docs,
    uint64_t *pos, size_t max, int *done);
uint64_t postings_last_id(const unsigned char *data, size_t n);
enum status postings_put(struct store_txn *t, DB *db, uint64_t gram,
    uint64_t bound, const struct buf *data);
/* The entries of grams LO..HI whose ids lie in ID_LO..ID_HI. */
enum status postings_scan(struct store_txn *t, DB *db, uint64_t lo,
    uint64_t hi, uint64_t id_lo, uint64_t id_hi, store_posting_fn fn,
    void *arg);

/* One entry as check sees it, with where it was found. */
struct postings_item {
	uint64_t			 gram;
	uint64_t			 bound;	/* the chunk's key */
	const struct store_posting	*p;	/* NULL: a malformed chunk */
	int				 misplaced; /* out of order */
};
typedef void (*postings_item_fn)(const struct postings_item *it, void *arg);
/* Every entry of every chunk of DB, for check. */
enum status postings_walk(struct store_txn *t, DB *db, postings_item_fn fn,
    void *arg);

/* How many keys index_key() made into KEY, and the Nth of them: one,
 * the whole key, since the gram index keeps posting lists (postings.c,
 * checked apart). */
size_t index_nkeys(const struct index_def *d, const struct buf *key);
void index_key_nth(const struct index_def *d, const struct buf *key,
    size_t n, const unsigned char **p, size_t *len);

enum status control_get_schema(struct store_txn *t, unsigned *version);
enum status control_put_schema(struct store_txn *t, unsigned version);
enum status control_put_upgrading(struct store_txn *t, unsigned at,
    unsigned to);
enum status control_put_mid_step(struct store_txn *t, unsigned from,
    unsigned to);
enum status control_end_upgrading(struct store_txn *t);
enum status control_get_mid_step(struct store_txn *t, int *mid);
enum status control_get_upgrade_pos(struct store_txn *t, uint64_t pos[2]);
enum status control_put_upgrade_pos(struct store_txn *t,
    const uint64_t pos[2]);
enum status control_get_compact(struct store_txn *t, uint64_t *from);
enum status control_put_compact(struct store_txn *t, uint64_t from);
enum status control_get_seq(struct store_txn *t, enum rec_kind kind,
    uint64_t *seq, u_int32_t flags);
enum status control_put_seq(struct store_txn *t, enum rec_kind kind,
    uint64_t seq);

/* -- batch.c: store_run() inside store_batch() ------------------------ */

/* Run FN in a child transaction of the batch; a Berkeley DB failure
 * dooms the batch. */
enum status store_batch_run(struct store *st, enum store_mode mode,
    store_txn_fn fn, void *arg);

/* -- schema.c ----------------------------------------------------------- */

/* The version this program writes (STORE_SCHEMA_VERSION unless a test
 * pretends otherwise). */
unsigned schema_current(void);
/* Bring a workspace at an older version up to date (one transaction). */
enum status schema_upgrade(struct store *st);

/* Key helpers: 8-byte big-endian ids. */
void store_id_key(DBT *key, unsigned char buf[8], uint64_t id);
void store_dbt_init(DBT *d);

#endif
