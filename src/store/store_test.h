/*
 * store_test.h -- hooks for the storage layer's own tests: pretending to
 * be a newer program (schema upgrades), reaching the codec directly, and
 * planting the faults that store_check must find.
 *
 * The program never calls these; nothing outside tests/store may include
 * this header.
 */
#ifndef ESEAL_STORE_TEST_H
#define ESEAL_STORE_TEST_H

#include "store/store.h"

/* One upgrade step: brings a workspace from FROM to FROM + 1.  A step
 * with much to rewrite does it in parts (schema.c): it reads its place
 * with store_upgrade_pos, does a bounded part, and calls
 * store_upgrade_again with its new place to be called once more in a
 * new transaction; it returns without calling it when it is done. */
struct store_upgrade {
	unsigned	 from;
	enum status	(*run)(struct store_txn *txn);
	const char	*what;
};

enum status store_upgrade_pos(struct store_txn *txn, uint64_t pos[2]);
enum status store_upgrade_again(struct store_txn *txn, const uint64_t pos[2]);

/* Act as a program whose schema is VERSION, with STEPS added to the
 * upgrade table; VERSION 0 returns to the real one. */
void store_test_schema(unsigned version, const struct store_upgrade *steps,
    unsigned nsteps);

/* Make new regions with a cache of BYTES, as an older program did; 0
 * returns to the real size. */
void store_test_cache(uint32_t bytes);

/* Make new regions with a lock table of N entries, and have an upgrade
 * step rebuild RECORDS records a part; 0 returns to the real ones. */
void store_test_locks(uint32_t n);
void store_test_part(size_t records);

/* With ON, kill the process with SIGKILL as soon as an upgrade's part
 * has removed the file of an index no longer kept, before the part
 * commits. */
void store_test_kill_drop(int on);
/* SIGKILL at the end of the PART-th part of the upgrade to schema 10
 * this process runs, before its commit (0: never). */
void store_test_kill_prefix(unsigned part);
/* Non-zero when index IDX's file is made compressed (prefix.c). */
int store_test_compressed(enum store_index idx);

/* Pack CHUNK versions a part, and fail the upgrade after ROUNDS parts
 * as if cut short (pack.c); 0, 0 returns to the real ones. */
void store_test_pack(unsigned chunk, unsigned rounds);

/* Compact RECORDS records a part instead of a part's bytes (compact.c),
 * and kill the process with SIGKILL before its KILL_AT'th part (1 for
 * the first, counted from this call); 0, 0 returns to the real size and
 * no kill. */
void store_test_compact(unsigned records, unsigned kill_at);

/* Every key and value of every database file of ST, in order, into
 * OUT: two dumps compare equal when nothing stored changed. */
enum status store_test_dump_files(struct store *st, struct buf *out);

/* Kill the process with SIGKILL before the PART'th part of packing
 * records (1 for the first; 0: never). */
void store_test_pack_kill(unsigned part);

/* The codec alone: encode REC into OUT in the forms the schema this
 * program writes allows (store_test_schema), decode N bytes into REC. */
void store_test_encode(enum rec_kind kind, const void *rec, struct buf *out);
enum status store_test_decode(enum rec_kind kind, const void *data, size_t n,
    void *rec);

/* The stored bytes of record ID of KIND, appended to OUT. */
enum status store_test_get_bytes(struct store_txn *txn, enum rec_kind kind,
    uint64_t id, struct buf *out);

/* Write N raw bytes as record ID of KIND: no index, no sequence. */
enum status store_test_put_bytes(struct store_txn *txn, enum rec_kind kind,
    uint64_t id, const void *data, size_t n);

/* Write REC (with its id) bypassing validation, indexes and sequence. */
enum status store_test_put_unindexed(struct store_txn *txn,
    enum rec_kind kind, const void *rec);

/* Delete record ID of KIND, leaving its index entries behind. */
enum status store_test_del_unindexed(struct store_txn *txn,
    enum rec_kind kind, uint64_t id);

/* What an upgrade step adding index IDX calls: empty it and fill it
 * again from its kind's records. */
enum status store_test_rebuild_index(struct store_txn *txn,
    enum store_index idx);

/* Set counted index IDX's count of VALUE to N, its entries unchanged. */
enum status store_test_put_count(struct store_txn *txn, enum store_index idx,
    unsigned value, uint64_t n);

/* Close or split a chunk of the search index's posting lists past
 * BYTES instead of a few hundred; 0 returns to the real size. */
void store_test_postings_max(size_t bytes);

/* Have check compare the search index with the documents a part of
 * ENTRIES entries at a time; 0 returns to the real size. */
void store_test_check_part(size_t entries);

/* Write N raw bytes as the search index's chunk of GRAM bound BOUND. */
enum status store_test_put_chunk(struct store_txn *txn, uint64_t gram,
    uint64_t bound, const void *data, size_t n);

/* Kill the process (SIGKILL) in the upgrade to schema 10, before the
 * commit of the PART-th part that builds the audit trail's time summary
 * (0: never). */
void store_test_audtime_kill(unsigned part);

/* The entries a block of the audit trail's time summary covers. */
unsigned store_test_audtime_block(void);

/* Make a group of the audit trail's time summary BLOCKS blocks (0: the
 * real size), for a short trail to make several. */
void store_test_audtime_group(unsigned blocks);

/* Set the row of block N (of group N with GROUP) of the audit trail's
 * time summary to LO..HI, or remove it (PRESENT 0), whatever the entries
 * say. */
enum status store_test_audtime_set(struct store_txn *txn, int group,
    uint64_t n, int64_t lo, int64_t hi, int present);

/* The status the store gives for errno ERR. */
enum status store_test_errno_status(int err);

#endif
