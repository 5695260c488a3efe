/*
 * fixture.h -- what the storage tests share: fresh workspaces, records of
 * every kind with every field set, comparisons, one-call transactions,
 * and a watchdog so that a hang fails a test instead of blocking the run.
 */
#ifndef TESTS_STORE_FIXTURE_H
#define TESTS_STORE_FIXTURE_H

#include <stdint.h>

#include "lib/testlib.h"
#include "store/codec.h"
#include "store/store.h"
#include "store/store_test.h"

struct fixture {
	char		*tmp;		/* the test's temporary directory */
	char		*home;		/* TMP/ws, not created */
};

void fixture_init(struct fixture *f);
void fixture_done(struct fixture *f);

/* Open (creating) the workspace, asserting success. */
struct store *fixture_open(const char *home);

/* Every field of REC set from SEED (strings hold Chinese and SEED, so
 * unique names differ by seed); a user gets an allowed role set. */
void fixture_fill(enum rec_kind kind, void *rec, unsigned seed);

/* Assert that every field of A equals B's (ids included). */
void fixture_assert_equal(enum rec_kind kind, const void *a, const void *b);

/* One transaction each. */
enum status fixture_put(struct store *st, enum rec_kind kind, void *rec);
enum status fixture_get(struct store *st, enum rec_kind kind, uint64_t id,
    void *rec);
enum status fixture_del(struct store *st, enum rec_kind kind, uint64_t id);
uint64_t fixture_count(struct store *st, enum rec_kind kind);

/* Run store_check, collecting the faults' text. */
struct fixture_faults {
	unsigned	 n;
	char		 text[8192];
};
enum status fixture_check(const char *home, struct fixture_faults *faults);

/* SIGKILL after SECONDS unless cancelled by fixture_watchdog(0). */
void fixture_watchdog(unsigned seconds);

/* Monotonic seconds. */
double fixture_now(void);

/* Open HOME in a child process that a test hook set beforehand kills
 * (SIGKILL) on the way, as an upgrade or compaction runs; fails the test,
 * naming WHAT, when the child is not killed. */
void fixture_open_killed(const char *home, const char *what);

/* HOME/FILE made as a Berkeley DB file of one entry, outside any
 * environment: the stand-in for an index file an older schema had. */
void fixture_old_file(const char *home, const char *file);

#endif
