/*
 * schema.c -- the schema version of a workspace and the path that brings
 * an older workspace up to this program's version.
 *
 * The version is stored in control.db.  A workspace written by a newer
 * program is refused (STATUS_SCHEMA_NEWER), since an older program could
 * not keep its invariants.  An older one is upgraded when it is opened
 * for writing, step by step (N to N + 1, from the table below).
 *
 * A step may have to rewrite every record of a kind, and Berkeley DB
 * keeps a lock on every page a transaction changes until its commit:
 * one transaction for a whole upgrade ran out of locks at 100,000
 * documents.  So each step runs in parts, each its own transaction: a
 * step that has done SCHEMA_PART records saves its place
 * (store_upgrade_again) and is called again in a new transaction, and
 * each finished step moves the version on.  From the first part on,
 * control.db names the version the upgrade goes to, so that an older
 * program refuses the workspace half-way, and the version its records
 * are at, so that this program, opening it again after a crash or a
 * failing step, goes on from the last part committed.  Nothing
 * committed is lost either way; a workspace stopped half-way is opened
 * by a program of the version it goes to, or restored from a backup.
 *
 * Version 1 is the first.  A step may rewrite records through store_put
 * (which keeps their index entries right), and must rebuild
 * (schema_rebuild) every index the new version adds or changes:
 * store_open_dbs has already created the files the new version adds,
 * empty.  So adding an index (a rec_KIND.c table
 * entry and an enum store_index name) means a new schema version whose
 * step rebuilds it, or workspaces made before would be refused for the
 * missing file.  Tests add steps through store_test_schema().
 */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_int.h"
#include "store/store_test.h"
#include "util/testhook.h"

/* Records a part of an upgrade step writes at most: a few thousand pages
 * locked in one transaction, against the environment's ENV_MAX_LOCKS. */
#define SCHEMA_PART	10000

static size_t schema_part_records = SCHEMA_PART;	/* store_test_part */
static int schema_test_kill_drop;	/* store_test_kill_drop */

/* The indexes LIST rebuilt in parts; POS[0] is the one under way. */
static enum status
schema_rebuild(struct store_txn *t, const enum store_index *list, size_t n,
    int *done)
{
	uint64_t pos[2];
	enum status rc;
	int one;

	*done = 0;
	if ((rc = store_upgrade_pos(t, pos)) != STATUS_OK)
		return rc;
	if (pos[0] < n && (rc = index_rebuild_part(t, list[pos[0]], &pos[1],
	    schema_part_records, &one)) == STATUS_OK && one) {
		pos[0]++;
		pos[1] = 0;
	}
	if (rc != STATUS_OK)
		return rc;
	if (pos[0] < n)
		return store_upgrade_again(t, pos);
	*done = 1;
	return STATUS_OK;
}

/* Version 2: the search index of titles and numbers (grams.c).  Its
 * file is made empty here and filled by the step to version 7, which
 * changed its layout: filling it twice would only cost time, and
 * emptying a large index in one part would lock each of its pages. */
static enum status
schema_1_to_2(struct store_txn *t)
{
	(void) t;
	return STATUS_OK;
}

/* Version 3: a document's applications by document (docview.c read
 * every application to find one document's, which made generating and
 * viewing documents slower the more applications the workspace held). */
static enum status
schema_2_to_3(struct store_txn *t)
{
	static const enum store_index added[] = { IDX_APPLICATION_DOC };
	int done;

	return schema_rebuild(t, added, 1, &done);
}

/* Version 4: the counts of documents per state (counts.c), so that the
 * inbox's counts of documents to seal and to print are one read each
 * instead of a walk of every document waiting. */
static enum status
schema_3_to_4(struct store_txn *t)
{
	return counts_rebuild(t, IDX_DOC_STATE);
}

/* Version 5: the approver's indexes (steps.c): each document in
 * approval filed under its step and its approvers so far, with a count
 * per step, so that the approver's inbox count is a few reads instead of
 * a walk of every document waiting with its chain and approvals. */
static enum status
schema_4_to_5(struct store_txn *t)
{
	static const enum store_index added[] = { IDX_DOC_STEP,
	    IDX_DOC_OWN_STEP, IDX_DOC_ACTED1, IDX_DOC_ACTED2, IDX_DOC_ACTED3 };
	enum status rc;
	int done;

	rc = schema_rebuild(t, added, sizeof added / sizeof added[0], &done);
	if (rc == STATUS_OK && done)
		rc = counts_rebuild(t, IDX_DOC_STEP);
	if (rc == STATUS_OK && done)
		rc = steps_refill(t);
	return rc;
}

/* Version 6: the daily totals of the summary (daysum.c), computed by
 * the core's rebuild, so that a period's summary reads its days' totals
 * instead of every document changed since the period began. */
static enum status
schema_5_to_6(struct store_txn *t)
{
	return daysum_upgrade(t);
}

/*
 * Is FILE (in the workspace) the placeholder Berkeley DB puts under a
 * file's name while a transaction removes it: a 512-byte meta page of
 * magic DB_RENAMEMAGIC, removed at the commit.  A process killed before
 * the commit leaves it for good, since recovery does not take it away;
 * the library then calls the name free (dbremove: ENOENT), but an older
 * program finds a damaged index file there.
 */
static int
schema_placeholder(const struct store *st, const char *file)
{
	/* DB_RENAMEMAGIC in either byte order: the meta page is in the
	 * order of the machine that wrote it. */
	static const unsigned char le[4] = { 0x00, 0x08, 0x03, 0x00 };
	static const unsigned char be[4] = { 0x00, 0x03, 0x08, 0x00 };
	char *path = xasprintf("%s/%s", st->home, file);
	unsigned char meta[16];
	size_t n = 0;
	FILE *f;

	if ((f = fopen(path, "rb")) != NULL) {
		n = fread(meta, 1, sizeof meta, f);
		fclose(f);
	}
	free(path);
	/* The magic follows the page's LSN and number. */
	return n == sizeof meta && (memcmp(meta + 12, le, 4) == 0 ||
	    memcmp(meta + 12, be, 4) == 0);
}

/* Remove FILE, the file of an index no longer kept, if it is there (or
 * the placeholder a killed removal left). */
static enum status
schema_drop_file(struct store_txn *t, const char *file)
{
	int ret = t->st->env->dbremove(t->st->env, t->txn, file, NULL, 0);
	char *path;

	if (ret == ENOENT && schema_placeholder(t->st, file)) {
		/* Outside the transaction, since the library no longer
		 * knows it; nothing else may be in the environment (the
		 * workspace lock is held). */
		path = xasprintf("%s/%s", t->st->home, file);
		ret = unlink(path) == 0 ? 0 : errno;
		free(path);
		if (ret != 0)
			return txn_fail(t, ret, "removing a placeholder file");
		log_info("store: removed the placeholder %s an interrupted "
		    "upgrade left", file);
		return STATUS_OK;
	}
	if (ret == ENOENT)
		return STATUS_OK;
	if (ret != 0)
		return txn_fail(t, ret, "removing an index no longer kept");
	log_info("store: removed %s, an index no longer kept", file);
	if (schema_test_kill_drop)
		raise(SIGKILL);		/* the test's kill, before the commit */
	return STATUS_OK;
}

/* Version 7: the search index as posting lists (postings.c) with where
 * each gram stands and the document's classification, so that a search
 * is answered from the index alone, a page at a time; the old file of
 * one key per gram and document goes with the first part. */
static enum status
schema_6_to_7(struct store_txn *t)
{
	static const enum store_index added[] = { IDX_DOC_GRAM };
	uint64_t pos[2];
	enum status rc;
	int done;

	if ((rc = store_upgrade_pos(t, pos)) != STATUS_OK)
		return rc;
	if (pos[0] == 0 && pos[1] == 0 &&
	    (rc = schema_drop_file(t, "doc-by-gram.db")) != STATUS_OK)
		return rc;
	return schema_rebuild(t, added, 1, &done);
}

/* Version 8: the long fields of versions packed (codec.c, zip.c), so
 * that a document's text and seal signature take a third to a half of
 * their room, a few hundred versions a part (pack.c), and the trail's
 * index by action, which nothing reads any more (rec_audit.c), removed
 * with the first part.  POS[1] is the last version packed. */
static enum status
schema_7_to_8(struct store_txn *t)
{
	uint64_t pos[2];
	enum status rc;
	int done;

	if ((rc = store_upgrade_pos(t, pos)) != STATUS_OK)
		return rc;
	if (pos[1] == 0 &&
	    (rc = schema_drop_file(t, "audit-by-action.db")) != STATUS_OK)
		return rc;
	if ((rc = pack_versions_part(t, &pos[1], &done)) != STATUS_OK)
		return rc;
	if (!done)
		return store_upgrade_again(t, pos);
	/* Compacted after the upgrade, from the first version on; the note
	 * outlives a crash (pack.c). */
	return control_put_compact(t, 1);
}

/* Version 9: a version's seal signature stored without the seal's
 * SESeal and certificate, which the seal record holds (splice.c): with a
 * real seal's picture a sealed version took about 100 KB, after about
 * 1 KB.  A signature that does not hold its seal's bytes stays whole.
 * POS[1] is the last version done. */
static enum status
schema_8_to_9(struct store_txn *t)
{
	uint64_t pos[2];
	enum status rc;
	int done;

	if ((rc = store_upgrade_pos(t, pos)) != STATUS_OK ||
	    (rc = splice_versions_part(t, &pos[1], &done)) != STATUS_OK)
		return rc;
	if (!done)
		return store_upgrade_again(t, pos);
	return control_put_compact(t, 1);	/* as the step to 8 does */
}

/* Version 10: the short fields of versions and audit entries packed
 * against the built-in dictionaries (codec.c wire type 4, dict.c), a
 * few hundred records a part (pack.c): the versions first, then the
 * trail.  POS[0] is the kind under way (0 versions, 1 the trail), POS[1]
 * the last record packed. */
static enum status
schema_9_to_10(struct store_txn *t)
{
	static const enum rec_kind kinds[] = { REC_VERSION, REC_AUDIT };
	uint64_t pos[2];
	enum status rc;
	int done;

	if ((rc = store_upgrade_pos(t, pos)) != STATUS_OK)
		return rc;
	if (pos[0] >= sizeof kinds / sizeof kinds[0])
		return STATUS_CORRUPT;	/* not a place this step saves */
	if ((rc = pack_kind_part(t, kinds[pos[0]], &pos[1], &done)) !=
	    STATUS_OK)
		return rc;
	if (done) {
		pos[0]++;
		pos[1] = 0;
	}
	if (pos[0] < sizeof kinds / sizeof kinds[0])
		return store_upgrade_again(t, pos);
	return control_put_compact(t, 1);	/* as the step to 8 does */
}

/* Version 11: the audit trail's index by time (an entry for every
 * entry) replaced by the earliest and latest time of each block of
 * entries (audtime.c); the old file goes with the first part.  POS[1]
 * is the last entry done. */
static enum status
schema_10_to_11(struct store_txn *t)
{
	uint64_t pos[2];
	enum status rc;
	int done;

	if ((rc = store_upgrade_pos(t, pos)) != STATUS_OK)
		return rc;
	if (pos[1] == 0 &&
	    (rc = schema_drop_file(t, "audit-by-time.db")) != STATUS_OK)
		return rc;
	if ((rc = audtime_build_part(t, &pos[1], schema_part_records,
	    &done)) != STATUS_OK)
		return rc;
	return done ? STATUS_OK : store_upgrade_again(t, pos);
}

/* Version 12: the numeric indexes' files prefix-compressed (prefix.c),
 * about 0.16 KiB a document less, an index at a time. */
static enum status
schema_11_to_12(struct store_txn *t)
{
	uint64_t pos[2];
	enum status rc;
	int done;

	if ((rc = store_upgrade_pos(t, pos)) != STATUS_OK)
		return rc;
	return prefix_upgrade_part(t, pos, schema_part_records, &done);
}

static const struct store_upgrade schema_steps[] = {
	{ 1, schema_1_to_2, "the search index of titles and numbers" },
	{ 2, schema_2_to_3, "the index of applications by document" },
	{ 3, schema_3_to_4, "the counts of documents per state" },
	{ 4, schema_4_to_5, "the approver's indexes of documents in approval" },
	{ 5, schema_5_to_6, "the daily totals of the summary" },
	{ 6, schema_6_to_7, "the search index as posting lists" },
	{ 7, schema_7_to_8, "the versions' long fields packed, the unread "
	    "index of the audit trail by action removed" },
	{ 8, schema_8_to_9, "the seal signatures stored without the seal "
	    "and certificate their seal record holds" },
	{ 9, schema_9_to_10, "the short fields of versions and audit "
	    "entries packed against built-in dictionaries" },
	{ 10, schema_10_to_11, "the audit trail's summary by time in place of "
	    "its index by time" },
	{ 11, schema_11_to_12, "the numeric indexes prefix-compressed" },
	{ 0, NULL, NULL }
};

static unsigned schema_test_version;
static const struct store_upgrade *schema_test_steps;
static unsigned schema_test_nsteps;

void
store_test_kill_drop(int on)
{
	schema_test_kill_drop = on;
}

void
store_test_part(size_t records)
{
	schema_part_records = records != 0 ? records : SCHEMA_PART;
}

void
store_test_schema(unsigned version, const struct store_upgrade *steps,
    unsigned nsteps)
{
	schema_test_version = version;
	schema_test_steps = steps;
	schema_test_nsteps = nsteps;
}

/* ESEAL_TEST_SCHEMA (test builds only) makes a program of an older
 * schema, so that a shell test can make a workspace an upgrade finds. */
unsigned
schema_current(void)
{
	const char *v = testhook_env("ESEAL_TEST_SCHEMA");
	unsigned long n;

	if (schema_test_version != 0)
		return schema_test_version;
	n = v != NULL ? strtoul(v, NULL, 10) : 0;
	return n >= 1 && n < STORE_SCHEMA_VERSION ? (unsigned) n :
	    STORE_SCHEMA_VERSION;
}

static const struct store_upgrade *
schema_step_from(unsigned from)
{
	const struct store_upgrade *s;
	unsigned i;

	for (i = 0; i < schema_test_nsteps; i++)
		if (schema_test_steps[i].from == from)
			return &schema_test_steps[i];
	for (s = schema_steps; s->run != NULL; s++)
		if (s->from == from)
			return s;
	return NULL;
}

/* Is there a step from every version between FROM and TO? */
static int
schema_path(unsigned from, unsigned to)
{
	unsigned v;

	for (v = from; v < to; v++)
		if (schema_step_from(v) == NULL) {
			log_error("store: no upgrade from schema %u", v);
			return 0;
		}
	return 1;
}

/* One transaction of the upgrade: FN(T, ARG) and its commit. */
static enum status
schema_txn(struct store *st, enum status (*fn)(struct store_txn *,
    const void *), const void *arg)
{
	struct store_txn t = { st, NULL, STORE_WRITE, 0 };
	enum status rc;
	int ret;

	ret = st->env->txn_begin(st->env, NULL, &t.txn,
	    DB_TXN_NOWAIT | DB_READ_COMMITTED);
	if (ret != 0)
		return env_fail(ret, "upgrading", st->home);
	rc = fn(&t, arg);
	if (rc != STATUS_OK || t.dberr != 0) {
		t.txn->abort(t.txn);
		return rc != STATUS_OK ? rc : env_status(t.dberr);
	}
	if ((ret = t.txn->commit(t.txn, 0)) != 0)
		return env_fail(ret, "upgrading", st->home);
	return STATUS_OK;
}

/* The upgrade's first transaction, or the first after a stop.  After a
 * stop half-way through a step the records are still of neither
 * version: clearing the step's note here let a program of the version
 * before open them until the step's next part committed. */
static enum status
schema_begin(struct store_txn *t, const void *arg)
{
	const struct store *st = arg;
	enum status rc;
	int mid;

	if ((rc = control_get_mid_step(t, &mid)) != STATUS_OK)
		return rc;
	if (!mid)
		return control_put_upgrading(t, st->schema, schema_current());
	if ((rc = control_put_mid_step(t, st->schema, schema_current())) !=
	    STATUS_OK)
		return rc;
	return control_put_schema(t, schema_current());
}

/* One part of a step; the step's last also moves the version on. */
static enum status
schema_part(struct store_txn *t, const void *arg)
{
	const struct store_upgrade *step = arg;
	static const uint64_t start[2] = { 0, 0 };
	enum status rc;

	t->st->upgrade_more = 0;
	if ((rc = step->run(t)) != STATUS_OK)
		return rc;
	if (t->st->upgrade_more)
		return control_put_mid_step(t, step->from, schema_current());
	if ((rc = control_put_upgrade_pos(t, start)) != STATUS_OK)
		return rc;
	return control_put_upgrading(t, step->from + 1, schema_current());
}

static enum status
schema_end(struct store_txn *t, const void *arg)
{
	(void) arg;
	return control_end_upgrading(t);
}

static enum status
schema_run_step(struct store *st, const struct store_upgrade *step)
{
	enum status rc;
	unsigned parts = 0;

	log_info("store: upgrading schema %u to %u: %s", step->from,
	    step->from + 1, step->what);
	/* A checkpoint when one is due lets the log files of the parts
	 * already written go: at 1M documents they were 6 GiB. */
	do {
		rc = schema_txn(st, schema_part, step);
		if (rc == STATUS_OK)
			rc = env_checkpoint(st, 0);
		parts++;
	} while (rc == STATUS_OK && st->upgrade_more);
	if (rc == STATUS_OK)
		log_info("store: schema %u reached in %u part(s)",
		    step->from + 1, parts);
	return rc;
}

/* Called by store_open with the workspace lock held, so nothing else is
 * in the environment. */
enum status
schema_upgrade(struct store *st)
{
	unsigned to = schema_current();
	enum status rc;

	if (!schema_path(st->schema, to))
		return STATUS_SCHEMA_OLDER;
	if ((rc = schema_txn(st, schema_begin, st)) != STATUS_OK)
		return rc;
	while (rc == STATUS_OK && st->schema < to) {
		rc = schema_run_step(st, schema_step_from(st->schema));
		if (rc == STATUS_OK)
			st->schema++;
	}
	if (rc == STATUS_OK)
		rc = schema_txn(st, schema_end, NULL);
	if (rc != STATUS_OK) {
		log_error("store: the upgrade of %s stopped at schema %u; "
		    "opening it again goes on from there", st->home,
		    st->schema);
		return rc;
	}
	log_info("store: %s upgraded to schema %u", st->home, to);
	env_checkpoint(st, 1);
	return STATUS_OK;
}

/* The place a step saved in its last part: zeros in its first. */
enum status
store_upgrade_pos(struct store_txn *t, uint64_t pos[2])
{
	return control_get_upgrade_pos(t, pos);
}

/* Save the step's place and have it called again, after this part's
 * commit, in a new transaction. */
enum status
store_upgrade_again(struct store_txn *t, const uint64_t pos[2])
{
	enum status rc = control_put_upgrade_pos(t, pos);

	if (rc == STATUS_OK)
		t->st->upgrade_more = 1;
	return rc;
}

static enum status
schema_read(struct store_txn *t, void *arg)
{
	return control_get_schema(t, arg);
}

enum status
store_schema_version(struct store *st, unsigned *version)
{
	return store_run(st, STORE_READ, schema_read, version);
}
